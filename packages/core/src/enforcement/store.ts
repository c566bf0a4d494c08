import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, foldEvents } from "./fold.js";
import type { DecideContext } from "./guards.js";
import { currentState, enableSnapshots, evolveAll, remember, snapshotsOf } from "./snapshot.js";

/**
 * 事件存储 — the port a storage adapter implements for case streams (version 1). A contract,
 * not just a signature:
 * - `load(caseId)`: the case's events in `seq` order; an unknown case is `ok([])`, never an
 *   error. Storage failures are `Err` (never thrown).
 * - `append(caseId, expectedVersion, events)`: appends atomically — all or none — when the
 *   stream's current version (its last `seq`, 0 when empty) equals `expectedVersion`, and
 *   returns the new version. On any other version → `CONCURRENCY_CONFLICT` and nothing is
 *   written. Events must belong to `caseId` and continue the stream (`seq` =
 *   expectedVersion + 1, + 2 …), else `EVENT_SEQUENCE_INVALID`. Appending no events is a
 *   no-op that still checks the version. Not idempotent: retrying a successful append
 *   conflicts.
 * - Stored events come back equal (canonical JSON) to those appended.
 */
export interface EventStore {
  /** The port version this adapter implements. */
  readonly specificationVersion: "v1";
  /** The case's events, oldest first; `[]` for an unknown case. */
  load(caseId: string): Promise<Result<readonly CaseEvent[], SanxiangError>>;
  /** Appends when the stream is at `expectedVersion`; returns the new version. */
  append(
    caseId: string,
    expectedVersion: number,
    events: readonly CaseEvent[],
  ): Promise<Result<{ readonly version: number }, SanxiangError>>;
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * 内存事件存储 — the reference {@link EventStore}: one array per case, copies in and out.
 * Its streams are append-only, so {@link execute} keeps a snapshot of each case's state
 * (state + version) for it and folds only the events appended after the snapshot.
 */
export function inMemoryEventStore(): EventStore {
  const streams = new Map<string, CaseEvent[]>();
  const store: EventStore = {
    specificationVersion: "v1",
    load: async (caseId) => ok(copy(streams.get(caseId) ?? [])),
    append: async (caseId, expectedVersion, events) => {
      const stream = streams.get(caseId) ?? [];
      if (stream.length !== expectedVersion) {
        return err(
          sanxiangError(
            "CONCURRENCY_CONFLICT",
            `案件 ${caseId} 已更新至第 ${stream.length} 号事件，请重新读取后再操作`,
            {
              details: { caseId, expectedVersion, actualVersion: stream.length },
            },
          ),
        );
      }
      for (const [i, e] of events.entries()) {
        if (e.caseId !== caseId || e.seq !== expectedVersion + i + 1) {
          return err(
            sanxiangError("EVENT_SEQUENCE_INVALID", `追加到案件 ${caseId} 的事件序号应为 ${expectedVersion + i + 1}`, {
              details: { caseId, expectedSeq: expectedVersion + i + 1, got: { caseId: e.caseId, seq: e.seq } },
            }),
          );
        }
      }
      streams.set(caseId, [...stream, ...copy(events)]);
      return ok({ version: expectedVersion + events.length });
    },
  };
  enableSnapshots(store, (caseId, version) => copy((streams.get(caseId) ?? []).slice(version)));
  return store;
}

async function loadState(store: EventStore, caseId: string): Promise<Result<CaseState, SanxiangError>> {
  const loaded = await store.load(caseId);
  return loaded.isErr() ? err(loaded.error) : foldEvents(caseId, loaded.value);
}

/** 执行结果 — the events appended and the case's state after them. */
export interface ExecuteResult {
  /** The events appended (empty never: a refusal is an `Err`). */
  readonly events: readonly CaseEvent[];
  /** The state after them. */
  readonly state: CaseState;
}

/**
 * 执行命令 — load the case, fold its events, {@link decide}, append with the version read
 * (optimistic concurrency: a concurrent writer makes this `CONCURRENCY_CONFLICT`; reload
 * and retry), and return the events with the new state. For a store with snapshots (the
 * in-memory one) the fold starts from the case's last computed state and evolves only the
 * events after it — each still checked as in {@link foldEvents} — so the state is always the
 * fold of the whole stream.
 */
export async function execute(
  store: EventStore,
  caseId: string,
  command: PenaltyCommandInput,
  ctx: DecideContext,
): Promise<Result<ExecuteResult, SanxiangError>> {
  const cache = snapshotsOf(store);
  const state = cache === undefined ? await loadState(store, caseId) : currentState(cache, caseId);
  if (state.isErr()) return err(state.error);
  const events = decide(state.value, command, ctx);
  if (events.isErr()) return err(events.error);
  const appended = await store.append(caseId, state.value.version, events.value);
  if (appended.isErr()) return err(appended.error);
  const next = evolveAll(state.value, events.value);
  if (next.isErr()) return err(next.error);
  remember(cache, next.value);
  return ok({ events: events.value, state: next.value });
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
