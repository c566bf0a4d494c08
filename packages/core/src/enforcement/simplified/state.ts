import { transition } from "xstate";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { CaseEvent } from "../../recording/case-event.js";
import { penaltyEventOf } from "../fold.js";
import { checkNextEvent, procedureEventOf } from "../stream.js";
import { isFollowOnEventType } from "./follow-on.js";
import { type SimplifiedMachineEvent, type SimplifiedSnapshot, simplifiedMachine } from "./machine.js";
import { type SimplifiedEvent, SimplifiedEventSchema, type SimplifiedEventType } from "./schema.js";
import { SIMPLIFIED_STATE_NAMES, type SimplifiedContext, type SimplifiedStateName } from "./state-context.js";

export * from "./state-context.js";

/** 简易程序案件 — an on-the-spot case as the fold of its events. */
export interface SimplifiedCaseState {
  /** The case. */
  readonly caseId: string;
  /** Stream version: the number of events folded. */
  readonly version: number;
  /** 状态. */
  readonly value: SimplifiedStateName;
  /** 案件情况. */
  readonly context: SimplifiedContext;
}

/** An on-the-spot case before any event. */
export function initialSimplifiedState(caseId: string): SimplifiedCaseState {
  return {
    caseId,
    version: 0,
    value: "none",
    context: { officerIds: [], refusedToSign: false, filed: false, collectedFen: 0, deadlines: {} },
  };
}

const SIMPLIFIED_STATES: readonly SimplifiedStateName[] = [
  "none",
  "decided",
  "collected",
  "handedOver",
  "deposited",
  "paid",
];

/**
 * The states in which each event may apply (guards aside), read from {@link simplifiedMachine}
 * itself: the machine is the authority, this table is a view of it.
 */
export const SIMPLIFIED_ACCEPTS: Readonly<Record<SimplifiedEventType, readonly SimplifiedStateName[]>> = (() => {
  const out: Record<SimplifiedEventType, SimplifiedStateName[]> = {
    "onSpot.decided": [],
    "onSpot.collected": [],
    "cash.handedOver": [],
    "cash.deposited": [],
    "decision.filed": [],
  };
  for (const s of SIMPLIFIED_STATES) {
    for (const t of simplifiedMachine.states[s]?.ownEvents ?? []) out[t as SimplifiedEventType]?.push(s);
  }
  return out;
})();

/** The machine snapshot of `state` (its value and context, resolved by {@link simplifiedMachine}). */
export function simplifiedSnapshotOf(state: SimplifiedCaseState): SimplifiedSnapshot {
  return simplifiedMachine.resolveState({ value: state.value, context: state.context });
}

/**
 * The procedure event of a stored envelope, or `INVALID_INPUT`: the simplified procedure's own,
 * or an ordinary-procedure payment or execution step (follow-on.ts), read with its schema.
 */
export function simplifiedEventOf(event: CaseEvent): Result<SimplifiedMachineEvent, SanxiangError> {
  if (isFollowOnEventType(event.type)) return penaltyEventOf(event);
  return procedureEventOf<SimplifiedEvent>(SimplifiedEventSchema, event);
}

/**
 * 应用事件 — the state after one stored event, through {@link simplifiedMachine}'s pure
 * `transition()`: `EVENT_SEQUENCE_INVALID` when it is not the next of this case,
 * `COMMAND_NOT_ALLOWED` when the machine does not accept it in its state (guards included).
 */
export function evolveSimplified(
  state: SimplifiedCaseState,
  event: CaseEvent,
): Result<SimplifiedCaseState, SanxiangError> {
  const next = checkNextEvent(state, event);
  if (next.isErr()) return err(next.error);
  const e = simplifiedEventOf(event);
  if (e.isErr()) return err(e.error);
  const snapshot = simplifiedSnapshotOf(state);
  if (!snapshot.can(e.value)) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `案件处于「${SIMPLIFIED_STATE_NAMES[state.value]}」，不能应用 ${e.value.type}`,
        {
          details: { state: state.value, event: e.value.type },
        },
      ),
    );
  }
  const [after] = transition(simplifiedMachine, snapshot, e.value);
  return ok({
    caseId: state.caseId,
    version: event.seq,
    value: after.value as SimplifiedStateName,
    context: after.context,
  });
}

/** 折叠 — an on-the-spot case as the fold of its stored events (oldest first). */
export function foldSimplified(
  caseId: string,
  events: readonly CaseEvent[],
): Result<SimplifiedCaseState, SanxiangError> {
  let state = initialSimplifiedState(caseId);
  for (const e of events) {
    const next = evolveSimplified(state, e);
    if (next.isErr()) return err(next.error);
    state = next.value;
  }
  return ok(state);
}
