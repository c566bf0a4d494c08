import { sanxiangError } from "../kernel/errors.js";
import { err, ok } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import { actingBody, checkHeadParticipants, headsInPost } from "../registry/bodies/acting.js";
import { DEFAULT_REVIEW_POLICY } from "../review/policy.js";
import { checkDiscussionQuorum } from "../review/quorum.js";
import type { PenaltyCommand } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import type { DecideContext } from "./guards.js";
import type { StepResult as R } from "./steps.js";

/**
 * 集体讨论参加人员依据 — the collective discussion is the body's heads' (行政处罚法 Art. 57
 * para. 2: "行政机关负责人应当集体讨论决定"): who may take part is the statute's; how many
 * must is the bureau's quorum (`DISCUSSION_QUORUM_SOURCE`, [VAR]).
 */
export const DISCUSSION_PARTICIPANTS_SOURCE: RuleSource = {
  law: "行政处罚法",
  article: 57,
  paragraph: 2,
  confidence: "C-law",
};

/**
 * 集体讨论 — `discussion.hold` (行政处罚法 Art. 57 para. 2, "行政机关负责人应当集体讨论决定"):
 * 1. every participant is a head (`leadership`: 正职, 主持工作 or 副职, as the registry records
 *    it) of the case's body, registered and in post on the day of the discussion — else the
 *    first who is not is refused by name (`ACTOR_NOT_REGISTERED`: unknown or of another
 *    body; `OFFICER_NOT_QUALIFIED`: not in post; `ROLE_NOT_BACKED`: not a head), citing
 *    Art. 57 para. 2 (registry `checkHeadParticipants`);
 * 2. at least the bureau's quorum of the body's heads in post take part — the review
 *    policy's `quorumNumerator / quorumDenominator` ({@link checkDiscussionQuorum}, one rule
 *    with the review workflow's `review.discuss`), and never one head alone.
 * A participant named twice counts once; the event lists each once. The total is the
 * registry's count of the body's heads in post; the command's `membersTotal` is not used
 * for it (a body whose heads the registry does not record cannot hold the discussion: its
 * participants are refused as not heads). The body is the case's, else its team's.
 */
export function holdDiscussion(
  cmd: Extract<PenaltyCommand, { type: "discussion.hold" }>,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const date = civilDateOf(at);
  const bodyId = actingBody({ bodyId: c.bodyId, team: c.officerIds }, date, ctx.bodies);
  if (bodyId === undefined) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        "案件未载明执法主体，承办人员也不在执法主体及人员数据库中，无法核对参加集体讨论的负责人",
        { source: DISCUSSION_PARTICIPANTS_SOURCE, details: { officerIds: [...c.officerIds] } },
      ),
    );
  }
  const checked = checkHeadParticipants(
    cmd.participants,
    bodyId,
    date,
    ctx.bodies,
    "参加本案集体讨论",
    DISCUSSION_PARTICIPANTS_SOURCE,
  );
  if (checked.isErr()) return err(checked.error);
  const membersTotal = headsInPost(bodyId, date, ctx.bodies).length;
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
