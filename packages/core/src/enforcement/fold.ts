import { initialTransition, transition } from "xstate";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import { type AttachedEvidence, evolveEvidence, isEvidenceEvent } from "../recording/evidence-attach.js";
import type { PenaltyCaseContext } from "./context.js";
import { type PenaltyEvent, PenaltyEventSchema } from "./events.js";
import { PENALTY_STATE_NAMES, type PenaltySnapshot, type PenaltyState, penaltyMachine } from "./machine.js";
import { type RecordedStep, stepsAfter } from "./retry.js";

/**
 * 案件当前状态 — a case as the fold of its events: its id, its stream version (the `seq` of
 * the last event, 0 before any), the machine snapshot, and, for convenience, the state
 * name and the context.
 */
export interface CaseState {
  /** The case. */
  readonly caseId: string;
  /** Stream version: number of events folded. */
  readonly version: number;
  /** The machine snapshot. */
  readonly snapshot: PenaltySnapshot;
  /** 案件状态. */
  readonly value: PenaltyState;
  /** 案件情况. */
  readonly context: PenaltyCaseContext;
  /** 本案证据 — items attached to the case and their custody (`evidence.attached`, `custody.recorded`), when any. */
  readonly evidence?: readonly AttachedEvidence[];
  /**
   * 已记录的编号 — the steps recorded under a client-chosen id (`actionId`, `preservationId`),
   * by event type and id, so that a retried command is recognised (enforcement/retry.ts); absent before any.
   */
  readonly steps?: Readonly<Record<string, RecordedStep>>;
}

function stateOf(caseId: string, version: number, snapshot: PenaltySnapshot): CaseState {
  return { caseId, version, snapshot, value: snapshot.value as PenaltyState, context: snapshot.context };
}

/** 未立案 — a case before its first event. */
export function initialCaseState(caseId: string): CaseState {
  const [snapshot] = initialTransition(penaltyMachine, { caseId });
  return stateOf(caseId, 0, snapshot);
}

/** The procedure event of a stored envelope (its `type` and `payload`), or `INVALID_INPUT`. */
export function penaltyEventOf(event: CaseEvent): Result<PenaltyEvent, SanxiangError> {
  const parsed = PenaltyEventSchema.safeParse({ ...event.payload, type: event.type });
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("INVALID_INPUT", `案件事件 ${event.caseId}#${event.seq}（${event.type}）的内容无效`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) },
    }),
  );
}

/**
 * 事件演进 — the state after one stored event, through the machine's pure `transition()`.
 * Refuses an event of another case or out of sequence (`EVENT_SEQUENCE_INVALID`), a
 * payload that fails its schema (`INVALID_INPUT`) and an event the machine does not accept
 * in the state (`COMMAND_NOT_ALLOWED`): a stream that breaks the procedure does not fold.
 */
export function evolve(state: CaseState, event: CaseEvent): Result<CaseState, SanxiangError> {
  if (event.caseId !== state.caseId || event.seq !== state.version + 1) {
    return err(
      sanxiangError("EVENT_SEQUENCE_INVALID", `案件 ${state.caseId} 应接第 ${state.version + 1} 号事件`, {
        details: {
          caseId: state.caseId,
          expectedSeq: state.version + 1,
          got: { caseId: event.caseId, seq: event.seq },
        },
      }),
    );
  }
  // Evidence and custody are part of the case's record but not steps of the procedure.
  if (isEvidenceEvent(event)) {
    const evidence = evolveEvidence(state.evidence ?? [], event);
    return evidence.isErr() ? err(evidence.error) : ok({ ...state, version: event.seq, evidence: evidence.value });
  }
  const parsed = penaltyEventOf(event);
  if (parsed.isErr()) return err(parsed.error);
  if (!state.snapshot.can(parsed.value)) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `案件处于「${PENALTY_STATE_NAMES[state.value]}」环节，不能发生事件 ${event.type}（第 ${event.seq} 号）`,
        { details: { state: state.value, eventType: event.type, seq: event.seq } },
      ),
    );
  }
  const [next] = transition(penaltyMachine, state.snapshot, parsed.value);
  const after = stateOf(state.caseId, event.seq, next);
  const steps = stepsAfter(state.steps, parsed.value, event.seq);
  return ok({
    ...after,
    ...(state.evidence === undefined ? {} : { evidence: state.evidence }),
    ...(steps === undefined ? {} : { steps }),
  });
}

/** 事件折叠 — the state of case `caseId` after all its `events`, in order (see {@link evolve}). */
export function foldEvents(caseId: string, events: readonly CaseEvent[]): Result<CaseState, SanxiangError> {
  let state = initialCaseState(caseId);
  for (const e of events) {
    const next = evolve(state, e);
    if (next.isErr()) return err(next.error);
    state = next.value;
  }
  return ok(state);
}
