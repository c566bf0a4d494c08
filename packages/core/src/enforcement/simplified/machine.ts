import { and, assign, type SnapshotFrom, setup } from "xstate";
import { outstandingFen, type PenaltyCaseContext } from "../context.js";
import { penaltyMachine } from "../machine.js";
import { FOLLOW_ON_EVENTS, type FollowOnEvent, isFollowOnEventType } from "./follow-on.js";
import type { SimplifiedEvent } from "./schema.js";
import { evolveFollowOn, evolveSimplifiedContext, type SimplifiedContext } from "./state-context.js";

/** An event of an on-the-spot case: its own, or an ordinary-procedure payment or execution step. */
export type SimplifiedMachineEvent = SimplifiedEvent | FollowOnEvent;

const isFollowOn = (e: SimplifiedMachineEvent): e is FollowOnEvent => isFollowOnEventType(e.type);

/**
 * Whether the ordinary procedure's machine accepts `e` on the decision's view: as a served
 * decision with the fine outstanding (`served`), or paid off (`executed`).
 */
export function followOnAccepts(view: PenaltyCaseContext | undefined, e: FollowOnEvent): boolean {
  if (view === undefined) return false;
  const value = outstandingFen(view) > 0 ? "served" : "executed";
  return penaltyMachine.resolveState({ value, context: view }).can(e);
}

/** Nothing was paid at the bank and no deferral or demand was made: the fine may still be collected on the spot. */
const untouched = (view: PenaltyCaseContext | undefined): boolean =>
  view === undefined ||
  (view.paidFen === 0 && view.execution.demand === undefined && view.execution.deferredUntil === undefined);

// Only a payment can pay the fine off (`paysOff`); every other follow-on event stays in
// `decided`. Giving the others the `paid` branch too would draw them on the public
// flowchart as steps to 已缴清, which they never are.
const FOLLOW_ON_OUTSTANDING = Object.fromEntries(
  FOLLOW_ON_EVENTS.outstanding.map((t) => [
    t,
    t === "payment.recorded"
      ? [
          { guard: and(["followOn", "paysOff"]), target: "paid", actions: "apply" },
          { guard: "followOn", actions: "apply" },
        ]
      : { guard: "followOn", actions: "apply" },
  ]),
) as Record<never, never>; // keys left out of the exported type: typedoc would list each as an undocumented member

const FOLLOW_ON_PAID = Object.fromEntries(
  FOLLOW_ON_EVENTS.paid.map((t) => [t, { guard: "followOn", actions: "apply" }]),
) as Record<never, never>; // keys left out of the exported type: typedoc would list each as an undocumented member

/** The whole fine of an on-the-spot decision (fen), 0 without a fine. */
function fineOf(c: SimplifiedContext): number {
  return c.penalty?.kinds.includes("fine") === true ? (c.penalty.fineFen ?? 0) : 0;
}

/**
 * 简易程序状态机 — the simplified (on-the-spot) procedure as an XState v5 machine, driven by
 * the case's *events*. Pure: one `assign` action ({@link evolveSimplifiedContext}),
 * synchronous guards, no timers (the hand-over and deposit deadlines are absolute dates in
 * the events). Step it with xstate's `transition()`; `foldSimplified` does.
 *
 * States: 未决定 `none` → 已当场决定 `decided` → 已当场收缴 `collected` → 已交至行政机关
 * `handedOver` → 已缴付银行 `deposited`; or, not collected on the spot, `decided` → 已缴纳罚款
 * `paid` once the fine is paid at the bank (Arts. 53, 67 para. 3). While decided, the ordinary
 * procedure's payment, surcharge and execution steps apply as its own machine accepts them on
 * the decision's view (follow-on.ts: 行政处罚法 Art. 72; 行政强制法 Arts. 35–55). 备案
 * (`decision.filed`) is accepted once, in any state after the decision (Art. 52 para. 3).
 *
 * The guards are the structural backstop of the decider's coded refusals, so no stream can
 * carry them broken: a decision only of a warning and/or a fine (Art. 51); collection only
 * of a decided fine, in full (Arts. 68–70); filing only once.
 */
export const simplifiedMachine = setup({
  types: {
    context: {} as SimplifiedContext,
    events: {} as SimplifiedMachineEvent,
  },
  actions: {
    apply: assign(({ context, event }) =>
      isFollowOn(event) ? evolveFollowOn(context, event) : evolveSimplifiedContext(context, event),
    ),
  },
  guards: {
    warningOrFine: ({ event }) =>
      event.type === "onSpot.decided" && event.penalty.kinds.every((k) => k === "warning" || k === "fine"),
    collectsWholeFine: ({ context, event }) =>
      event.type === "onSpot.collected" &&
      fineOf(context) > 0 &&
      event.amountFen === fineOf(context) &&
      untouched(context.enforcement),
    followOn: ({ context, event }) => isFollowOn(event) && followOnAccepts(context.enforcement, event),
    paysOff: ({ context, event }) =>
      event.type === "payment.recorded" &&
      context.enforcement !== undefined &&
      event.amountFen >= outstandingFen(context.enforcement),
    notFiled: ({ context }) => !context.filed,
  },
}).createMachine({
  id: "penalty.simplified",
  context: { officerIds: [], refusedToSign: false, filed: false, collectedFen: 0, deadlines: {} },
  initial: "none",
  states: {
    none: { on: { "onSpot.decided": { guard: "warningOrFine", target: "decided", actions: "apply" } } },
    decided: {
      on: {
        "onSpot.collected": { guard: "collectsWholeFine", target: "collected", actions: "apply" },
        "decision.filed": { guard: "notFiled", actions: "apply" },
        ...FOLLOW_ON_OUTSTANDING,
      },
    },
    collected: {
      on: {
        "cash.handedOver": { target: "handedOver", actions: "apply" },
        "decision.filed": { guard: "notFiled", actions: "apply" },
      },
    },
    handedOver: {
      on: {
        "cash.deposited": { target: "deposited", actions: "apply" },
        "decision.filed": { guard: "notFiled", actions: "apply" },
      },
    },
    deposited: { on: { "decision.filed": { guard: "notFiled", actions: "apply" } } },
    paid: {
      on: {
        "decision.filed": { guard: "notFiled", actions: "apply" },
        ...FOLLOW_ON_PAID,
      },
    },
  },
});

/** A snapshot of {@link simplifiedMachine}. */
export type SimplifiedSnapshot = SnapshotFrom<typeof simplifiedMachine>;
