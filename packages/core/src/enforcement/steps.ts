import type { SanxiangError } from "../kernel/errors.js";
import { sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates, type Instant } from "../kernel/time.js";
import { checkDecisionBenchmark } from "./benchmark-gate.js";
import { checkNoPenaltyGrounds } from "./circumstances.js";
import type { PenaltyCommand } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import type { PenaltyEvent } from "./events.js";
import { caseDeadline, checkRecords, checkTeam, currentDeadline, type DecideContext, refuse } from "./guards.js";
import {
  collectiveDiscussionRequired,
  DEFAULT_PENALTY_POLICY,
  hearingRightApplies,
  heavierThan,
  PENALTY_GUARD_SOURCES as SRC,
} from "./penalty.js";
import { checkCaseReview } from "./review-gate.js";
import { checkStatementWindow, statementDeadline } from "./statement.js";

// The three steps with the most law in them: filing (Arts. 36, 42, 60), the prior notice
// (Arts. 44, 45, 63, 64) and the decision (Arts. 44, 45, 57, 58, 61, 62, 64, 65).
/** A step's outcome: the event, or the refusal. */
export type StepResult = Result<PenaltyEvent, SanxiangError>;
type R = StepResult;

/** The team description of a case, for the officers check. */
export function team(c: PenaltyCaseContext): { category: string; regionCode: string; bodyId?: string } {
  return {
    category: c.category ?? "",
    regionCode: c.regionCode ?? "",
    ...(c.bodyId === undefined ? {} : { bodyId: c.bodyId }),
  };
}

/** 立案 — `case.file`. */
export function fileCase(cmd: Extract<PenaltyCommand, { type: "case.file" }>, at: Instant, ctx: DecideContext): R {
  const filedOn = civilDateOf(at);
  const discoveredOn: CivilDate = cmd.discoveredOn ?? filedOn;
  if (compareCivilDates(cmd.actDate, discoveredOn) > 0 || compareCivilDates(discoveredOn, filedOn) > 0) {
    return err(
      sanxiangError("INVALID_INPUT", "违法行为日期、发现日期和立案日期顺序有误", {
        details: { actDate: cmd.actDate, discoveredOn, filedOn },
      }),
    );
  }
  const officers = checkTeam(cmd, cmd.officerIds, filedOn, ctx);
  if (officers.isErr()) return err(officers.error);
  const limitation = caseDeadline(cmd.severe ? "penalty.limitationSevere" : "penalty.limitation", cmd.actDate, ctx);
  if (limitation.isErr()) return err(limitation.error);
  if (compareCivilDates(discoveredOn, limitation.value.due) > 0) {
    return err(
      refuse(
        "LIMITATION_EXPIRED",
        `违法行为发生于 ${cmd.actDate}，至 ${discoveredOn} 发现已超过${cmd.severe ? "五" : "二"}年，不再给予行政处罚`,
        SRC.limitation,
        { actDate: cmd.actDate, discoveredOn, due: limitation.value.due, severe: cmd.severe },
      ),
    );
  }
  const records = checkRecords("filing", "filing", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const decision = caseDeadline("penalty.decision", filedOn, ctx);
  if (decision.isErr()) return err(decision.error);
  const { type: _t, at: _a, discoveredOn: _d, ...rest } = cmd;
  return ok({
    ...rest,
    type: "case.filed",
    at,
    discoveredOn,
    deadlines: { decision: decision.value, limitation: limitation.value },
  });
}

/** 告知 — `notice.serve`. */
export function serveNotice(
  cmd: Extract<PenaltyCommand, { type: "notice.serve" }>,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  if (c.defenceCap !== undefined) {
    const heavier = heavierThan(cmd.penalty, c.defenceCap);
    if (heavier.length > 0) {
      return err(
        refuse(
          "PENALTY_INCREASED_AFTER_DEFENCE",
          `当事人陈述申辩后重新告知的处罚不得加重：${heavier.join("、")}`,
          SRC.noHeavierAfterDefence,
          {
            heavier,
          },
        ),
      );
    }
  }
  const records = checkRecords("review", "priorNotice", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const policy = ctx.policy ?? DEFAULT_PENALTY_POLICY;
  const hearingRight =
    cmd.hearingRight || (c.party !== undefined && hearingRightApplies(cmd.penalty, c.party.kind, policy));
  const due = hearingRight ? caseDeadline("penalty.hearingRequest", civilDateOf(at), ctx) : undefined;
  if (due?.isErr()) return err(due.error);
  // Arts. 44, 45, 62: the party's window to state and defend (the `penalty.statement` row).
  const statementDue = statementDeadline(civilDateOf(at), ctx);
  if (statementDue.isErr()) return err(statementDue.error);
  const { type: _t, at: _a, hearingRight: _h, ...rest } = cmd;
  return ok({
    ...rest,
    type: "notice.served",
    at,
    hearingRight,
    ...(due?.isOk() ? { hearingRequestDue: due.value } : {}),
    statementDue: statementDue.value,
  });
}

/** 决定 — `case.decide`. */
export function decideCase(
  cmd: Extract<PenaltyCommand, { type: "case.decide" }>,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const date = civilDateOf(at);
  const isPenalty = cmd.outcome === "penalty";
  if (isPenalty !== (cmd.penalty !== undefined)) {
    return err(
      sanxiangError("INVALID_INPUT", isPenalty ? "处罚决定须载明处罚内容" : "不予处罚或移送的决定不应载明处罚内容"),
    );
  }
  if (cmd.penalty !== undefined) {
    if (c.notice === undefined && !c.waived) {
      return err(
        refuse(
          "DECISION_WITHOUT_NOTICE",
          "未告知当事人拟作出的行政处罚及其权利，也无当事人书面放弃陈述申辩，不得作出行政处罚决定",
          SRC.noDecisionWithoutNotice,
        ),
      );
    }
    if (c.defenceCap !== undefined) {
      const heavier = heavierThan(cmd.penalty, c.defenceCap);
      if (heavier.length > 0) {
        return err(
          refuse(
            "PENALTY_INCREASED_AFTER_DEFENCE",
            `不得因当事人陈述、申辩而给予更重的处罚：${heavier.join("、")}`,
            SRC.noHeavierAfterDefence,
            { heavier },
          ),
        );
      }
    }
    if (c.notice !== undefined) {
      const heavier = heavierThan(cmd.penalty, c.notice.penalty);
      if (heavier.length > 0) {
        return err(
          refuse(
            "DECISION_WITHOUT_NOTICE",
            `决定的处罚重于告知的处罚（${heavier.join("、")}），须重新告知`,
            SRC.notice,
            { heavier },
          ),
        );
      }
    }
    // Arts. 30, 31, 33: a 不予处罚 ground on record bars any penalty.
    const grounds = checkNoPenaltyGrounds(c, cmd.penalty, ctx);
    if (grounds.isErr()) return err(grounds.error);
    if (c.hearingRequested && !c.hearingHeld) {
      return err(
        refuse(
          "HEARING_PENDING",
          c.hearingNotice === undefined
            ? "当事人已要求听证，须通知当事人（hearing.notify）并举行听证，根据听证笔录作出决定"
            : `当事人已要求听证（定于 ${c.hearingNotice.hearingDate} 举行），须根据听证笔录作出决定（hearing.hold）`,
          SRC.decideAfterHearing,
        ),
      );
    }
    const window = c.deadlines.hearingRequest && currentDeadline(c.deadlines.hearingRequest, ctx);
    if (
      c.notice?.hearingRight === true &&
      !c.hearingRequested &&
      window !== undefined &&
      compareCivilDates(date, window.due) <= 0
    ) {
      return err(
        refuse("HEARING_PENDING", `听证申请期限至 ${window.due} 届满，期满前不得作出决定`, SRC.hearingRequestWindow, {
          due: window.due,
        }),
      );
    }
    const policy = ctx.policy ?? DEFAULT_PENALTY_POLICY;
    if (!c.discussionHeld && collectiveDiscussionRequired(cmd.penalty, c.complexOrMajor, policy)) {
      return err(
        refuse("COLLECTIVE_DISCUSSION_REQUIRED", "本案应由行政机关负责人集体讨论决定", SRC.collectiveDiscussion),
      );
    }
    const records = checkRecords("decision", "decision", cmd.records, ctx, at);
    if (records.isErr()) return err(records.error);
  }
  // Art. 58, the last gate: a major decision (the catalogue, or 调查终结's flag) only as
  // approved, to the letter.
  const review = checkDecisionBenchmark(cmd, c, ctx).andThen((b) =>
    checkCaseReview(c, cmd.outcome, cmd.penalty, ctx, b),
  );
  if (review.isErr()) return err(review.error);
  // Arts. 44, 45, 62: no penalty before the party stated, waived on the record, or the window
  // ended — checked last, so that the steps still missing are named first.
  if (cmd.penalty !== undefined) {
    const statement = checkStatementWindow(c, date, ctx);
    if (statement.isErr()) return err(statement.error);
  }
  const { draftHash, major } = review.value;
  const serviceDue = caseDeadline("penalty.service", date, ctx);
  if (serviceDue.isErr()) return err(serviceDue.error);
  const { type: _t, at: _a, ...rest } = cmd;
  return ok({
    ...rest,
    type: "case.decided",
    at,
    draftHash,
    ...(major ? { major } : {}),
    serviceDue: serviceDue.value,
  });
}
