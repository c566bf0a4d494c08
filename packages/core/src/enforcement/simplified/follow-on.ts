// 当场处罚决定的履行与执行 — after an on-the-spot decision with a fine, the party pays at the bank
// within fifteen days of the day the form was handed over (行政处罚法 Arts. 52, 53, 67 para. 3),
// unless the officers collected the fine on the spot (Arts. 68–71, the simplified procedure's own
// `onSpot.collect`). Overdue, the same surcharge and 行政强制法 execution path as an ordinary
// decision applies (Art. 72; 行政强制法 Arts. 35–55). This module does not copy that path: it
// presents the decided on-the-spot case to the ordinary procedure as a served decision (a
// `PenaltyCaseContext` view kept in the simplified context) and lets the ordinary decider and
// machine decide and apply those steps.
import { civilDateOf, type Instant } from "../../kernel/time.js";
import { emptyContext, type PenaltyCaseContext } from "../context.js";
import type { CaseDeadline } from "../deadline.js";
import type { PenaltyEvent, PenaltyEventType } from "../events.js";
import { eventsAcceptedIn, type PenaltyState } from "../machine.js";

/**
 * Ordinary-procedure events that belong to no on-the-spot case: closing and archiving (the
 * simplified procedure files its decision instead, Art. 52 para. 3) and steps of a 查封、扣押
 * measure (not part of an on-the-spot case).
 */
const NOT_FOLLOW_ON: ReadonlySet<string> = new Set(["case.closed", "case.archived", "coercion.acted"]);

const followOn = (state: PenaltyState): readonly PenaltyEventType[] =>
  eventsAcceptedIn(state).filter((t) => !NOT_FOLLOW_ON.has(t)) as PenaltyEventType[];

/**
 * 履行与执行环节的事件 — the ordinary-procedure events an on-the-spot case accepts once decided,
 * read from the ordinary machine: those of a served decision with the fine outstanding
 * (`served`: payment, deferral, remedies, demand, execution decision, court application …)
 * and of one paid off (`executed`: remedies), without closing, archiving and 查封、扣押 steps.
 */
export const FOLLOW_ON_EVENTS: Readonly<{
  outstanding: readonly PenaltyEventType[];
  paid: readonly PenaltyEventType[];
}> = {
  outstanding: followOn("served"),
  paid: followOn("executed"),
};

const ALL_FOLLOW_ON: ReadonlySet<string> = new Set([...FOLLOW_ON_EVENTS.outstanding, ...FOLLOW_ON_EVENTS.paid]);

/** Whether an event type is an ordinary-procedure step an on-the-spot case accepts (see {@link FOLLOW_ON_EVENTS}). */
export function isFollowOnEventType(type: string): type is PenaltyEventType {
  return ALL_FOLLOW_ON.has(type);
}

/** 履行与执行环节的事件 — an ordinary-procedure event of an on-the-spot case's payment and execution. */
export type FollowOnEvent = PenaltyEvent;

/** What an on-the-spot decision fixes for the payment and execution that follow it. */
export interface OnSpotDecisionFacts {
  /** When the decision was made and the form handed over (送达: 当场交付, Art. 52). */
  readonly at: Instant;
  /** 当事人. */
  readonly party: PenaltyCaseContext["party"];
  /** 执法类别 and place. */
  readonly category: string;
  readonly regionCode: string;
  /** 执法主体, when named. */
  readonly bodyId?: string | undefined;
  /** The officers on the spot (the case's team). */
  readonly officerIds: readonly string[];
  /** 违法事实 and 依据. */
  readonly facts: string;
  readonly basis: readonly string[];
  /** The penalty decided. */
  readonly penalty: NonNullable<PenaltyCaseContext["decision"]>["penalty"];
  /** 罚款缴纳期限 and 申请人民法院强制执行期限, as the decision computed them. */
  readonly paymentDue: CaseDeadline;
  readonly courtApplicationDue?: CaseDeadline | undefined;
}

/**
 * 视同送达的普通程序案件 — the on-the-spot decision as the ordinary procedure's served decision:
 * the party, place and team, the decision (a penalty) served on the spot on the day it was made
 * (method `onSpot`), and its payment and court-application deadlines. The case id is the
 * simplified case's own, set when the view is used ({@link followOnContext}).
 */
export function followOnView(d: OnSpotDecisionFacts): PenaltyCaseContext {
  const on = civilDateOf(d.at);
  const base = emptyContext("");
  return {
    ...base,
    ...(d.party === undefined ? {} : { party: d.party }),
    category: d.category,
    regionCode: d.regionCode,
    ...(d.bodyId === undefined ? {} : { bodyId: d.bodyId }),
    officerIds: d.officerIds,
    lastAt: d.at,
    facts: d.facts,
    basis: d.basis,
    decision: {
      outcome: "penalty",
      ...(d.penalty === undefined ? {} : { penalty: d.penalty }),
      draftHash: "",
      at: d.at,
    },
    service: { method: "onSpot", at: d.at, servedOn: on },
    deadlines: {
      payment: d.paymentDue,
      ...(d.courtApplicationDue === undefined ? {} : { courtApplication: d.courtApplicationDue }),
    },
  };
}

/** The view of {@link followOnView} for case `caseId` as of its last act `lastAt`. */
export function followOnContext(
  view: PenaltyCaseContext,
  caseId: string,
  lastAt: Instant | undefined,
): PenaltyCaseContext {
  return { ...view, caseId, ...(lastAt === undefined ? {} : { lastAt }) };
}
