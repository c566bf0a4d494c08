import { assign, type SnapshotFrom, setup } from "xstate";
import type { SimplifiedEvent } from "./schema.js";
import { evolveSimplifiedContext, type SimplifiedContext } from "./state-context.js";

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
 * `handedOver` → 已缴付银行 `deposited`. 备案 (`decision.filed`) is accepted once, in any
 * state after the decision (行政处罚法 Art. 52 para. 3).
 *
 * The guards are the structural backstop of the decider's coded refusals, so no stream can
 * carry them broken: a decision only of a warning and/or a fine (Art. 51); collection only
 * of a decided fine, in full (Arts. 68–70); filing only once.
 */
export const simplifiedMachine = setup({
  types: {
    context: {} as SimplifiedContext,
    events: {} as SimplifiedEvent,
  },
  actions: {
    apply: assign(({ context, event }) => evolveSimplifiedContext(context, event)),
  },
  guards: {
    warningOrFine: ({ event }) =>
      event.type === "onSpot.decided" && event.penalty.kinds.every((k) => k === "warning" || k === "fine"),
    collectsWholeFine: ({ context, event }) =>
      event.type === "onSpot.collected" && fineOf(context) > 0 && event.amountFen === fineOf(context),
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
  },
});

/** A snapshot of {@link simplifiedMachine}. */
export type SimplifiedSnapshot = SnapshotFrom<typeof simplifiedMachine>;
