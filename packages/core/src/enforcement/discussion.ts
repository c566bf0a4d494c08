import { sanxiangError } from "../kernel/errors.js";
import { err, ok } from "../kernel/result.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import { DEFAULT_REVIEW_POLICY } from "../review/policy.js";
import { checkDiscussionQuorum, DISCUSSION_QUORUM_SOURCE } from "../review/quorum.js";
import type { PenaltyCommand } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import { type DecideContext, refuse } from "./guards.js";
import type { StepResult as R } from "./steps.js";

/**
 * 本机关负责人 — the heads of the case's body on `date` in the registry (officers with a
 * `leadership`), or `undefined` when the registry records none for it (then the command
 * must state how many heads the body has). The body is the case's, or its first officer's.
 */
function headsOfBody(c: PenaltyCaseContext, date: string, ctx: DecideContext): readonly string[] | undefined {
  const first = c.officerIds[0];
  const bodyId =
    c.bodyId ??
    (first === undefined
      ? undefined
      : ctx.bodies
          .officer(first, date)
          .map((o) => o.bodyId)
          .unwrapOr(undefined));
  if (bodyId === undefined) return undefined;
  const heads = ctx.bodies
    .officersOf(bodyId, date)
    .filter((o) => o.leadership !== undefined)
    .map((o) => o.id);
  return heads.length === 0 ? undefined : heads;
}

/**
 * 集体讨论 — `discussion.hold` (行政处罚法 Art. 57 para. 2, "行政机关负责人应当集体讨论决定"):
 * at least the bureau's quorum of distinct heads of the body take part — the review policy's
 * `quorumNumerator / quorumDenominator` ({@link checkDiscussionQuorum}, one rule with the
 * review workflow's `review.discuss`), and never one head alone. When the registry records
 * the body's heads, every participant must be one of them and their number is the total;
 * otherwise the command states the total (`membersTotal`). Duplicated participants count once.
 */
export function holdDiscussion(
  cmd: Extract<PenaltyCommand, { type: "discussion.hold" }>,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const date = civilDateOf(at);
  const heads = headsOfBody(c, date, ctx);
  if (heads !== undefined) {
    const strangers = [...new Set(cmd.participants)].filter((p) => !heads.includes(p));
    if (strangers.length > 0) {
      return err(
        refuse(
          "COMMAND_NOT_ALLOWED",
          `参加集体讨论的 ${strangers.join("、")} 不是本机关登记的负责人；本机关负责人为：${heads.join("、")}`,
          DISCUSSION_QUORUM_SOURCE,
          { strangers, heads },
        ),
      );
    }
  }
  const membersTotal = heads?.length ?? cmd.membersTotal;
  if (membersTotal === undefined) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        "执法主体及人员数据库未登记本机关负责人，集体讨论须载明负责人总数（membersTotal），以核对法定人数",
        { source: DISCUSSION_QUORUM_SOURCE },
      ),
    );
  }
  const quorum = checkDiscussionQuorum(cmd.participants, membersTotal, ctx.reviewPolicy ?? DEFAULT_REVIEW_POLICY);
  if (quorum.isErr()) return err(quorum.error);
  return ok({
    type: "discussion.held",
    at,
    participants: quorum.value,
    membersTotal,
    conclusion: cmd.conclusion,
  });
}
