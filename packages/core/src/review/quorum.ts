import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import type { ReviewPolicy } from "./policy.js";

/**
 * 集体讨论法定人数 — the share of a body's heads (负责人) that must take part in a collective
 * discussion: `quorumNumerator / quorumDenominator` of them ([VAR], default two thirds —
 * {@link ReviewPolicy}). One rule for both places the law asks the heads to discuss: the
 * review workflow's `review.discuss` and the ordinary procedure's `discussion.hold`
 * (行政处罚法 Art. 57 para. 2, "行政机关负责人应当集体讨论决定").
 */
export type DiscussionQuorum = Pick<ReviewPolicy, "quorumNumerator" | "quorumDenominator">;

/** 集体讨论规则依据 — 行政处罚法 Art. 57 para. 2; the quorum's figure is the bureau's ([VAR]). */
export const DISCUSSION_QUORUM_SOURCE: RuleSource = {
  law: "行政处罚法",
  article: 57,
  paragraph: 2,
  confidence: "VAR",
};

/**
 * 集体讨论最少人数 — a discussion by one head alone is not collective: at least two distinct
 * heads take part, whatever the quorum's share of a small body comes to (Art. 57 para. 2,
 * "集体讨论").
 */
export const MIN_DISCUSSION_PARTICIPANTS = 2;

/**
 * 集体讨论人数检查 — the distinct participants of a collective discussion (duplicates count
 * once), or the refusal: more participants than heads (`INVALID_INPUT`), fewer than two
 * distinct heads or fewer than the quorum's share of `membersTotal`
 * (`DISCUSSION_QUORUM_NOT_MET`, citing Art. 57 para. 2).
 */
export function checkDiscussionQuorum(
  participants: readonly string[],
  membersTotal: number,
  quorum: DiscussionQuorum,
): Result<readonly string[], SanxiangError> {
  const distinct = [...new Set(participants)];
  if (!Number.isInteger(membersTotal) || membersTotal < 1) {
    return err(
      sanxiangError("INVALID_INPUT", `负责人总数应为正整数，收到 ${String(membersTotal)}`, {
        details: { membersTotal },
      }),
    );
  }
  if (distinct.length > membersTotal) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `参加集体讨论的人数（${distinct.length} 人）多于负责人总数（${membersTotal} 人）`,
        { details: { participants: distinct.length, membersTotal } },
      ),
    );
  }
  const short =
    distinct.length < MIN_DISCUSSION_PARTICIPANTS ||
    distinct.length * quorum.quorumDenominator < membersTotal * quorum.quorumNumerator;
  if (short) {
    const needed = Math.max(
      MIN_DISCUSSION_PARTICIPANTS,
      Math.ceil((membersTotal * quorum.quorumNumerator) / quorum.quorumDenominator),
    );
    return err(
      sanxiangError(
        "DISCUSSION_QUORUM_NOT_MET",
        `集体讨论应有负责人总数的 ${quorum.quorumNumerator}/${quorum.quorumDenominator} 以上且不少于 ${MIN_DISCUSSION_PARTICIPANTS} 名不同的负责人参加（${membersTotal} 人中 ${distinct.length} 人参加，至少应有 ${needed} 人）；请补足参加人员后重新讨论（依据：${formatSource(DISCUSSION_QUORUM_SOURCE)}）`,
        {
          source: DISCUSSION_QUORUM_SOURCE,
          details: { participants: distinct.length, membersTotal, needed },
        },
      ),
    );
  }
  return ok(distinct);
}
