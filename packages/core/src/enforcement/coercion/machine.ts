import { assign, type SnapshotFrom, setup, transition } from "xstate";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { civilDateOf, compareCivilDates, type Instant } from "../../kernel/time.js";
import type { SeizureEvent } from "./events.js";
import { EMPTY_SEIZURE, evolveSeizure, type SeizureState, type SeizureStatus } from "./state.js";

/** The period ended before `at`'s civil date (行政强制法 Arts. 25, 27). */
function expiredAt(s: SeizureState, at: Instant): boolean {
  return s.deadline !== undefined && compareCivilDates(civilDateOf(at), s.deadline.due) > 0;
}

/** Approved by the head and not refused afterwards (Arts. 18, 19). */
const approvedInForce = (s: SeizureState): boolean => s.approval !== undefined && !s.refused;

/**
 * 查封扣押状态机 — a sealing or seizure (行政强制法 Arts. 17–19, 22–28) as an XState v5
 * machine, driven by its *events*. Pure: one `assign` action ({@link evolveSeizure}),
 * synchronous guards reading only the context and the event (its `at` included), no timers:
 * the 30-day period is an absolute date in the context, computed when the act was decided.
 *
 * States (the context's `status`): 待批准 `pending` → 已批准 `approved` → 查封扣押中
 * `inForce` → 已作出处理决定 `handled` | 已解除 `released`. An emergency act (Art. 19) goes
 * from `pending` straight to `inForce`, and the approval follows there.
 *
 * The guards are the backstop of {@link decideSeizure}'s coded refusals, so that no stream
 * can carry them broken, whatever the order of its commands: execution only after prior
 * approval or as an emergency (Art. 18 item 1, Art. 19); an afterwards approval only of an
 * unapproved emergency act; one report; one extension, approved and within the period
 * (Art. 25 para. 1); a handling decision other than release only with the approval in force
 * and within the period (Art. 27); release always (Art. 28).
 */
export const seizureMachine = setup({
  types: {
    context: {} as SeizureState,
    events: {} as SeizureEvent,
  },
  actions: {
    apply: assign(({ context, event }) => evolveSeizure(context, event)),
  },
  guards: {
    priorApproval: ({ event }) => event.type === "seizure.approved" && event.approved && !event.afterwards,
    emergencyAct: ({ event }) => event.type === "seizure.executed" && event.emergency,
    approvedAct: ({ event }) => event.type === "seizure.executed" && !event.emergency,
    afterwardsApproval: ({ context, event }) =>
      event.type === "seizure.approved" &&
      event.afterwards &&
      context.emergency &&
      context.approval === undefined &&
      !context.refused,
    firstReport: ({ context }) => context.emergency && context.report === undefined,
    extensionAllowed: ({ context, event }) =>
      !context.extended && approvedInForce(context) && !expiredAt(context, event.at),
    releaseOutcome: ({ event }) => event.type === "seizure.handled" && event.outcome === "release",
    handlingAllowed: ({ context, event }) => approvedInForce(context) && !expiredAt(context, event.at),
  },
}).createMachine({
  id: "coercion.seizure",
  context: EMPTY_SEIZURE,
  initial: "pending",
  states: {
    pending: {
      on: {
        "seizure.approved": { guard: "priorApproval", target: "approved", actions: "apply" },
        "seizure.executed": { guard: "emergencyAct", target: "inForce", actions: "apply" },
      },
    },
    approved: {
      on: {
        "seizure.executed": { guard: "approvedAct", target: "inForce", actions: "apply" },
      },
    },
    inForce: {
      on: {
        "seizure.approved": { guard: "afterwardsApproval", actions: "apply" },
        "seizure.reported": { guard: "firstReport", actions: "apply" },
        "seizure.extended": { guard: "extensionAllowed", actions: "apply" },
        "seizure.excluded": { actions: "apply" },
        "seizure.handled": [
          { guard: "releaseOutcome", target: "released", actions: "apply" },
          { guard: "handlingAllowed", target: "handled", actions: "apply" },
        ],
        "seizure.released": { target: "released", actions: "apply" },
      },
    },
    handled: { type: "final" },
    released: { type: "final" },
  },
});

/** A snapshot of {@link seizureMachine}. */
export type SeizureSnapshot = SnapshotFrom<typeof seizureMachine>;

/** The machine snapshot of a folded seizure (its `status` is the state value). */
export function seizureSnapshotOf(s: SeizureState): SeizureSnapshot {
  return seizureMachine.resolveState({ value: s.status, context: s });
}

/** The event types {@link seizureMachine} accepts in `status` (guards aside). */
export function seizureEventsAcceptedIn(status: SeizureStatus): readonly SeizureEvent["type"][] {
  return (seizureMachine.states[status]?.ownEvents ?? []) as SeizureEvent["type"][];
}

/**
 * 严格演进 — the seizure after `event`, through the machine's pure `transition()`, or
 * `COMMAND_NOT_ALLOWED` (citing 行政强制法) when the machine does not accept it in its state.
 */
export function evolveSeizureChecked(s: SeizureState, event: SeizureEvent): Result<SeizureState, SanxiangError> {
  const snapshot = seizureSnapshotOf(s);
  if (!snapshot.can(event)) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `查封、扣押处于「${s.status}」状态，不能发生事件 ${event.type}（依据：行政强制法）`,
        {
          details: { status: s.status, eventType: event.type },
        },
      ),
    );
  }
  const [next] = transition(seizureMachine, snapshot, event);
  return ok(next.context);
}

/**
 * 严格折叠 — a seizure as the fold of its events through {@link seizureMachine}: a stream
 * that breaks the procedure does not fold ({@link foldSeizure} trusts its events).
 */
export function replaySeizure(events: readonly SeizureEvent[]): Result<SeizureState, SanxiangError> {
  let s = EMPTY_SEIZURE;
  for (const e of events) {
    const next = evolveSeizureChecked(s, e);
    if (next.isErr()) return err(next.error);
    s = next.value;
  }
  return ok(s);
}
