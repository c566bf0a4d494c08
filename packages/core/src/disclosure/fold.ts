import { initialTransition, transition } from "xstate";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { DisclosureContext } from "./context.js";
import { type DisclosureEvent, DisclosureEventSchema } from "./events.js";
import {
  DISCLOSURE_STATE_NAMES,
  type DisclosureSnapshot,
  type DisclosureStateName,
  disclosureMachine,
} from "./machine.js";

/**
 * 公示当前状态 — a disclosure as the fold of its events: its stream id, version (the `seq` of
 * the last event), the machine snapshot, the state name and the context.
 */
export interface DisclosureState {
  /** The disclosure's stream id. */
  readonly disclosureId: string;
  /** Stream version: number of events folded. */
  readonly version: number;
  /** The machine snapshot. */
  readonly snapshot: DisclosureSnapshot;
  /** 公示状态. */
  readonly value: DisclosureStateName;
  /** 公示情况. */
  readonly context: DisclosureContext;
}

function stateOf(disclosureId: string, version: number, snapshot: DisclosureSnapshot): DisclosureState {
  return {
    disclosureId,
    version,
    snapshot,
    value: snapshot.value as DisclosureStateName,
    context: snapshot.context,
  };
}

/** 未拟定 — a disclosure before its first event. */
export function initialDisclosureState(disclosureId: string): DisclosureState {
  const [snapshot] = initialTransition(disclosureMachine, { disclosureId });
  return stateOf(disclosureId, 0, snapshot);
}

/** The disclosure event of a stored envelope (its `type` and `payload`), or `INVALID_INPUT`. */
export function disclosureEventOf(event: CaseEvent): Result<DisclosureEvent, SanxiangError> {
  const parsed = DisclosureEventSchema.safeParse({ ...event.payload, type: event.type });
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("INVALID_INPUT", `公示事件 ${event.caseId}#${event.seq}（${event.type}）的内容无效`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) },
    }),
  );
}

/**
 * 事件演进 — the disclosure after one stored event, through the machine's pure
 * `transition()`. Refuses an event of another stream or out of sequence
 * (`EVENT_SEQUENCE_INVALID`), a payload that fails its schema (`INVALID_INPUT`) and an event
 * the machine does not accept in the state (`COMMAND_NOT_ALLOWED`) — e.g. a publication of
 * content other than the signed-off hash: a stream that breaks the workflow does not fold.
 */
export function evolveDisclosure(state: DisclosureState, event: CaseEvent): Result<DisclosureState, SanxiangError> {
  if (event.caseId !== state.disclosureId || event.seq !== state.version + 1) {
    return err(
      sanxiangError("EVENT_SEQUENCE_INVALID", `公示 ${state.disclosureId} 应接第 ${state.version + 1} 号事件`, {
        details: {
          disclosureId: state.disclosureId,
          expectedSeq: state.version + 1,
          got: { caseId: event.caseId, seq: event.seq },
        },
      }),
    );
  }
  const parsed = disclosureEventOf(event);
  if (parsed.isErr()) return err(parsed.error);
  if (!state.snapshot.can(parsed.value)) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `公示处于「${DISCLOSURE_STATE_NAMES[state.value]}」状态，不能发生事件 ${event.type}（第 ${event.seq} 号）`,
        { details: { state: state.value, eventType: event.type, seq: event.seq } },
      ),
    );
  }
  const [next] = transition(disclosureMachine, state.snapshot, parsed.value);
  return ok(stateOf(state.disclosureId, event.seq, next));
}

/** 事件折叠 — the disclosure `disclosureId` after all its `events`, in order (see {@link evolveDisclosure}). */
export function foldDisclosure(
  disclosureId: string,
  events: readonly CaseEvent[],
): Result<DisclosureState, SanxiangError> {
  let state = initialDisclosureState(disclosureId);
  for (const e of events) {
    const next = evolveDisclosure(state, e);
    if (next.isErr()) return err(next.error);
    state = next.value;
  }
  return ok(state);
}
