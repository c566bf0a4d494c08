import { and, assign, type SnapshotFrom, setup } from "xstate";
import { noPenaltyGround } from "../registry/benchmarks/check.js";
import { seizureSnapshotOf } from "./coercion/machine.js";
import { EMPTY_SEIZURE } from "./coercion/state.js";
import { emptyContext, evolveContext, outstandingFen, type PenaltyCaseContext } from "./context.js";
import type { PenaltyEvent } from "./events.js";
import { isExecutionEvent } from "./execution.js";
import { executionEventAllowed } from "./execution-decide.js";

/**
 * A step of a coercive measure linked to the case: the measure's own machine must accept it
 * (行政强制法 Arts. 18–28); a measure not yet known may start only when `allowNew`.
 */
function coercionStepAllowed(c: PenaltyCaseContext, e: PenaltyEvent, allowNew: boolean): boolean {
  if (e.type !== "coercion.acted") return false;
  const m = c.measures[e.measureId];
  if (m === undefined && !allowNew) return false;
  return seizureSnapshotOf(m ?? EMPTY_SEIZURE).can(e.seizure);
}

/**
 * Nothing left hanging when the case closes: no sealing or seizure still in force (行政强制法
 * Arts. 27, 28) and no registered evidence without its handling decision (行政处罚法 Art. 56).
 */
export function measuresSettled(c: PenaltyCaseContext): boolean {
  const inForce = Object.values(c.measures).some((m) => m.status === "inForce");
  const pending = Object.values(c.preservations).some((p) => p.registered !== undefined && p.handled === undefined);
  return !inForce && !pending;
}

/**
 * The structural invariant of a decision, checked again by the machine itself so that no
 * stream — however it was written — can carry a penalty decision without a served notice
 * or a written waiver (行政处罚法 Arts. 44, 62), with a statutory 不予处罚 ground on record
 * (Arts. 30, 31, 33), before a requested hearing was held or waived (Arts. 64 item 6, 65),
 * or without the approval of this very draft when legal review is required (Art. 58). `decide` refuses these earlier with coded errors; the guard is the backstop.
 */
function decisionAllowed(c: PenaltyCaseContext, e: PenaltyEvent): boolean {
  if (e.type !== "case.decided") return false;
  if ((c.reviewRequired || e.major === true) && !c.approvedDraftHashes.includes(e.draftHash)) return false;
  if (e.outcome !== "penalty") return true;
  if (c.notice === undefined && !c.waived) return false;
  // Arts. 30, 31, 33: a statutory 不予处罚 ground on record bars any penalty.
  if (noPenaltyGround(c.circumstances ?? []) !== undefined) return false;
  return !c.hearingRequested || c.hearingHeld;
}

/**
 * 行政处罚普通程序状态机 — the ordinary penalty procedure as an XState v5 machine, driven by
 * the case's *events* (facts already decided), never by commands. Pure: one `assign` action
 * ({@link evolveContext}), synchronous guards, no timers — statutory deadlines are absolute
 * dates in context, computed when the event was decided. Step it with xstate's
 * `transition()`; {@link foldEvents} does.
 *
 * States: 未立案 `unfiled` → 调查取证 `investigating` → 调查终结 `investigated` → 已告知
 * `noticed` (⇄ 听证 `hearing`) → 已决定 `decided` | 已移送 `transferred` → 已送达 `served` →
 * 已执行 `executed` → 结案 `closed` → 归档 `archived`.
 *
 * In `hearing` the notice of the hearing (`hearing.notified`, Art. 64 items 2–3) precedes
 * `hearing.held` (held, or ended as waived by the party's absence, item 6). The circumstances
 * found (`circumstances.recorded`, Arts. 30–33) may be recorded until the decision.
 *
 * Investigation branches stay in their state: 先行登记保存 (`preservation.*`, Art. 56), a
 * 查封扣押 measure linked to the case (`coercion.acted`, each step accepted by
 * the seizure machine), the transfer report (`transfer.reported`), excluded periods of the
 * decision deadline (`period.excluded`). A transfer ends in `transferred`, where the hand-over
 * to the police and its answer are recorded (Art. 27). No case closes with a measure in force
 * or registered evidence unhandled.
 */
export const penaltyMachine = setup({
  types: {
    context: {} as PenaltyCaseContext,
    events: {} as PenaltyEvent,
    input: {} as { readonly caseId: string },
  },
  actions: {
    apply: assign(({ context, event }) => evolveContext(context, event)),
  },
  guards: {
    decisionAllowed: ({ context, event }) => decisionAllowed(context, event),
    isTransfer: ({ event }) => event.type === "case.decided" && event.outcome === "transfer",
    notPenalty: ({ context }) => context.decision?.outcome !== "penalty",
    paysInFull: ({ context, event }) =>
      event.type === "payment.recorded" && outstandingFen(context) > 0 && event.amountFen >= outstandingFen(context),
    paysInPart: ({ context, event }) =>
      event.type === "payment.recorded" && event.amountFen > 0 && event.amountFen < outstandingFen(context),
    nothingOutstanding: ({ context }) => outstandingFen(context) === 0,
    // 终结执行 (行政强制法 Art. 40) or 不再执行 (Art. 39 para. 2): the case may close with the fine unpaid.
    executionTerminated: ({ context }) =>
      context.execution.terminated !== undefined || context.execution.ceased !== undefined,
    settled: ({ context }) => measuresSettled(context),
    surchargeCapped: ({ context, event }) =>
      event.type === "payment.recorded" &&
      context.surchargePaidFen + (event.surchargeFen ?? 0) <= (context.decision?.penalty?.fineFen ?? 0),
    newPreservation: ({ context, event }) =>
      event.type === "preservation.approved" && context.preservations[event.preservationId] === undefined,
    preservationApproved: ({ context, event }) =>
      event.type === "preservation.registered" &&
      context.preservations[event.preservationId] !== undefined &&
      context.preservations[event.preservationId]?.registered === undefined,
    preservationRegistered: ({ context, event }) =>
      event.type === "preservation.handled" &&
      context.preservations[event.preservationId]?.registered !== undefined &&
      context.preservations[event.preservationId]?.handled === undefined,
    coercionStepOrNew: ({ context, event }) => coercionStepAllowed(context, event, true),
    coercionStep: ({ context, event }) => coercionStepAllowed(context, event, false),
    transferNotSent: ({ context }) => context.transfer?.sent === undefined,
    transferSent: ({ context }) => context.transfer?.sent !== undefined && context.transfer.answer === undefined,
    executionStep: ({ context, event }) => isExecutionEvent(event) && executionEventAllowed(context, event),
  },
}).createMachine({
  id: "penalty.ordinary",
  // xstate's pure transition() builds a throwaway actor without input on every call; a
  // factory that required input threw (and xstate swallowed it) on every folded event,
  // which was most of a fold's cost. The real case id always arrives through input.
  context: ({ input }) => emptyContext(input?.caseId ?? ""),
  initial: "unfiled",
  states: {
    unfiled: { on: { "case.filed": { target: "investigating", actions: "apply" } } },
    investigating: {
      on: {
        "service.consented": { actions: "apply" },
        "officers.assigned": { actions: "apply" },
        "circumstances.recorded": { actions: "apply" },
        "investigation.recorded": { actions: "apply" },
        "investigation.closed": { target: "investigated", actions: "apply" },
        "preservation.approved": { guard: "newPreservation", actions: "apply" },
        "preservation.registered": { guard: "preservationApproved", actions: "apply" },
        "preservation.handled": { guard: "preservationRegistered", actions: "apply" },
        "coercion.acted": { guard: "coercionStepOrNew", actions: "apply" },
        "period.excluded": { actions: "apply" },
        "transfer.reported": { guard: "transferNotSent", actions: "apply" },
      },
    },
    investigated: {
      on: {
        "service.consented": { actions: "apply" },
        "officers.assigned": { actions: "apply" },
        "circumstances.recorded": { actions: "apply" },
        "notice.served": { target: "noticed", actions: "apply" },
        "defence.waived": { actions: "apply" },
        "review.approved": { actions: "apply" },
        "discussion.held": { actions: "apply" },
        "preservation.handled": { guard: "preservationRegistered", actions: "apply" },
        "coercion.acted": { guard: "coercionStepOrNew", actions: "apply" },
        "period.excluded": { actions: "apply" },
        "transfer.reported": { guard: "transferNotSent", actions: "apply" },
        "case.decided": [
          { guard: "isTransfer", target: "transferred", actions: "apply" },
          { guard: "decisionAllowed", target: "decided", actions: "apply" },
        ],
      },
    },
    noticed: {
      on: {
        "service.consented": { actions: "apply" },
        "officers.assigned": { actions: "apply" },
        "circumstances.recorded": { actions: "apply" },
        "notice.served": { actions: "apply" },
        "defence.received": { actions: "apply" },
        "defence.waived": { actions: "apply" },
        "hearing.requested": { target: "hearing", actions: "apply" },
        "review.approved": { actions: "apply" },
        "discussion.held": { actions: "apply" },
        "preservation.handled": { guard: "preservationRegistered", actions: "apply" },
        "coercion.acted": { guard: "coercionStepOrNew", actions: "apply" },
        "period.excluded": { actions: "apply" },
        "transfer.reported": { guard: "transferNotSent", actions: "apply" },
        "case.decided": [
          { guard: "isTransfer", target: "transferred", actions: "apply" },
          { guard: "decisionAllowed", target: "decided", actions: "apply" },
        ],
      },
    },
    hearing: {
      on: {
        "service.consented": { actions: "apply" },
        "officers.assigned": { actions: "apply" },
        "circumstances.recorded": { actions: "apply" },
        "defence.received": { actions: "apply" },
        "hearing.notified": { actions: "apply" },
        "hearing.held": { target: "noticed", actions: "apply" },
        "preservation.handled": { guard: "preservationRegistered", actions: "apply" },
        "coercion.acted": { guard: "coercionStepOrNew", actions: "apply" },
        "period.excluded": { actions: "apply" },
      },
    },
    decided: {
      on: {
        "service.consented": { actions: "apply" },
        "decision.served": { target: "served", actions: "apply" },
        "coercion.acted": { guard: "coercionStep", actions: "apply" },
        "case.closed": { guard: and(["notPenalty", "settled"]), target: "closed", actions: "apply" },
      },
    },
    transferred: {
      on: {
        "transfer.sent": { guard: "transferNotSent", actions: "apply" },
        "transfer.answered": { guard: "transferSent", actions: "apply" },
        "coercion.acted": { guard: "coercionStep", actions: "apply" },
        "case.closed": { guard: "settled", target: "closed", actions: "apply" },
      },
    },
    served: {
      on: {
        // 行政强制执行 (execution.ts): each step's structural condition, then its dated guards in decide.
        "service.consented": { actions: "apply" },
        "payment.deferred": { guard: "executionStep", actions: "apply" },
        "execution.demanded": { guard: "executionStep", actions: "apply" },
        "execution.defenceReceived": { guard: "executionStep", actions: "apply" },
        "execution.decided": { guard: "executionStep", actions: "apply" },
        "execution.served": { guard: "executionStep", actions: "apply" },
        "execution.acted": { guard: "executionStep", actions: "apply" },
        "execution.applied": { guard: "executionStep", actions: "apply" },
        "payment.instalmentsApproved": { guard: "executionStep", actions: "apply" },
        "execution.courtAccepted": { guard: "executionStep", actions: "apply" },
        "execution.courtRuled": { guard: "executionStep", actions: "apply" },
        "execution.courtReconsidered": { guard: "executionStep", actions: "apply" },
        "execution.suspended": { guard: "executionStep", actions: "apply" },
        "execution.resumed": { guard: "executionStep", actions: "apply" },
        "execution.terminated": { guard: "executionStep", actions: "apply" },
        "execution.ceased": { guard: "executionStep", actions: "apply" },
        "execution.surchargeRelieved": { guard: "executionStep", actions: "apply" },
        "execution.agreementBreached": { guard: "executionStep", actions: "apply" },
        "execution.courtStatementMade": { guard: "executionStep", actions: "apply" },
        "payment.recorded": [
          { guard: and(["paysInFull", "surchargeCapped"]), target: "executed", actions: "apply" },
          { guard: and(["paysInPart", "surchargeCapped"]), actions: "apply" },
        ],
        "remedy.recorded": { actions: "apply" },
        "coercion.acted": { guard: "coercionStep", actions: "apply" },
        // 终结执行 (行政强制法 Art. 40) closes the case with the fine unpaid.
        "case.closed": [
          { guard: and(["nothingOutstanding", "settled"]), target: "closed", actions: "apply" },
          { guard: and(["executionTerminated", "settled"]), target: "closed", actions: "apply" },
        ],
      },
    },
    executed: {
      on: {
        "remedy.recorded": { actions: "apply" },
        "coercion.acted": { guard: "coercionStep", actions: "apply" },
        "case.closed": { guard: "settled", target: "closed", actions: "apply" },
      },
    },
    closed: { on: { "case.archived": { target: "archived", actions: "apply" } } },
    archived: { type: "final" },
  },
});

/** A snapshot of {@link penaltyMachine}. */
export type PenaltySnapshot = SnapshotFrom<typeof penaltyMachine>;

/** 案件状态 — the states of the ordinary procedure (see {@link penaltyMachine}). */
export const PENALTY_STATES = [
  "unfiled",
  "investigating",
  "investigated",
  "noticed",
  "hearing",
  "decided",
  "transferred",
  "served",
  "executed",
  "closed",
  "archived",
] as const;
/** 案件状态 (see {@link PENALTY_STATES}). */
export type PenaltyState = (typeof PENALTY_STATES)[number];

/** The Chinese name of each {@link PenaltyState}, as officers read it. */
export const PENALTY_STATE_NAMES: Readonly<Record<PenaltyState, string>> = {
  unfiled: "未立案",
  investigating: "调查取证",
  investigated: "调查终结",
  noticed: "已告知",
  hearing: "听证",
  decided: "已作出决定",
  transferred: "已移送司法机关",
  served: "已送达",
  executed: "已执行",
  closed: "已结案",
  archived: "已归档",
};

/** The event types the machine accepts in `state` (guards aside), read from the machine itself. */
export function eventsAcceptedIn(state: PenaltyState): readonly string[] {
  const node = penaltyMachine.states[state];
  return node === undefined ? [] : node.ownEvents.map(String);
}
