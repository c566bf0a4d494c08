import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import { type MemoryEventStoreOptions, memoryEventStore } from "../recording/memory-event-store.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide, recordedStepOf } from "./decide.js";
import type { CaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import { defaultProjections } from "./projections.js";
import { currentState, evolveAll, remember } from "./snapshot.js";

/**
 * 内存事件存储 — the in-memory {@link EventStore} with sanxiang's default projections (deadline
 * index, disclosure queue, statistics, public disclosures): {@link memoryEventStore} preconfigured for cases.
 */
export function inMemoryEventStore(options: Omit<MemoryEventStoreOptions, "projections"> = {}): EventStore {
  return memoryEventStore({ ...options, projections: defaultProjections() });
}

/** 执行结果 — the events appended and the case's state after them. */
export interface ExecuteResult {
  /**
   * The events appended (empty never: a refusal is an `Err`); for an exact retry, the event
   * that recorded the step the first time (nothing was appended).
   */
  readonly events: readonly CaseEvent[];
  /** The state after them (for a retry, the case's current state). */
  readonly state: CaseState;
  /** 重复提交 — the command repeated a step already recorded: acknowledged, nothing appended. */
  readonly replayed: boolean;
}

/**
 * 执行命令 — load the case, fold its events, {@link decide}, append with the version read
 * (optimistic concurrency: a concurrent writer makes this `CONCURRENCY_CONFLICT`; reload
 * and retry), and return the events with the new state. An exact retry of a step recorded
 * under a client-chosen id (see {@link decide}) appends nothing and returns the recorded
 * event with `replayed: true`. The fold starts from the case's
 * last state computed in this process for this store (streams are append-only, so it stays
 * true) and evolves only the events stored after it — each still checked as in
 * {@link foldEvents} — so the state is always the fold of the whole stream.
 */
export async function execute(
  store: EventStore,
  caseId: string,
  command: PenaltyCommandInput,
  ctx: DecideContext,
): Promise<Result<ExecuteResult, SanxiangError>> {
  const state = await currentState(store, caseId);
  if (state.isErr()) return err(state.error);
  const events = decide(state.value, command, ctx);
  if (events.isErr()) return err(events.error);
  if (events.value.length === 0) return replayed(store, state.value, command);
  const appended = await store.append(caseId, state.value.version, events.value);
  if (appended.isErr()) return err(appended.error);
  const next = evolveAll(state.value, events.value);
  if (next.isErr()) return err(next.error);
  remember(store, next.value);
  return ok({ events: events.value, state: next.value, replayed: false });
}

/** An exact retry: the recorded event of the step, read back, with the case as it stands. */
async function replayed(
  store: EventStore,
  state: CaseState,
  command: PenaltyCommandInput,
): Promise<Result<ExecuteResult, SanxiangError>> {
  const recorded = recordedStepOf(state, command);
  if (recorded === undefined) return ok({ events: [], state, replayed: true });
  const events = await store.load(state.caseId, { afterVersion: recorded.seq - 1 });
  if (events.isErr()) return err(events.error);
  return ok({ events: events.value.filter((e) => e.seq === recorded.seq), state, replayed: true });
}

/** 立案 — {@link execute} of a `case.file` command on a new case id (an existing case refuses it). */
export function createCase(
  store: EventStore,
  caseId: string,
  command: Extract<PenaltyCommandInput, { type: "case.file" }>,
  ctx: DecideContext,
): Promise<Result<ExecuteResult, SanxiangError>> {
  return execute(store, caseId, command, ctx);
}
