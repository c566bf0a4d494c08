import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";

// 案件快照 — internal to the enforcement module (not exported from the package): the state
// of each case as last computed by `execute`, kept only for stores that opt in because their
// streams are append-only for their whole life (the in-memory store). A snapshot at version
// v is the fold of the stream's first v events; as an append never rewrites events 1…v, it
// stays the fold of that prefix whatever is appended later — by this process or another —
// so no append has to invalidate it, and `execute` reads and folds only the events after it.

/** Per-case snapshots of one store, and its reader of a stream's events after a version. */
export interface SnapshotCache {
  /** The last computed state of each case. */
  readonly states: Map<string, CaseState>;
  /** The case's events after `version` (copies), oldest first. */
  readonly loadAfter: (caseId: string, version: number) => readonly CaseEvent[];
}

const caches = new WeakMap<object, SnapshotCache>();

/** Opts `store` in: its streams are append-only, so snapshots of their prefixes stay true. */
export function enableSnapshots(store: object, loadAfter: SnapshotCache["loadAfter"]): void {
  caches.set(store, { states: new Map(), loadAfter });
}

/** The snapshot cache of `store`, if it opted in. */
export function snapshotsOf(store: object): SnapshotCache | undefined {
  return caches.get(store);
}

/** The state after `events`, each checked by {@link evolve} as a full fold checks it. */
export function evolveAll(state: CaseState, events: readonly CaseEvent[]): Result<CaseState, SanxiangError> {
  let next = state;
  for (const e of events) {
    const evolved = evolve(next, e);
    if (evolved.isErr()) return err(evolved.error);
    next = evolved.value;
  }
  return ok(next);
}

/**
 * The case's current state: from its snapshot (or the empty case), evolving only the events
 * the store holds after it — never re-reading, re-copying or re-parsing the prefix.
 */
export function currentState(cache: SnapshotCache, caseId: string): Result<CaseState, SanxiangError> {
  const from = cache.states.get(caseId) ?? initialCaseState(caseId);
  return evolveAll(from, cache.loadAfter(caseId, from.version));
}

/** Records `state` as the snapshot of its case, unless a later one is already cached. */
export function remember(cache: SnapshotCache | undefined, state: CaseState): void {
  if (cache === undefined) return;
  const cached = cache.states.get(state.caseId);
  if (cached === undefined || cached.version <= state.version) cache.states.set(state.caseId, state);
}
