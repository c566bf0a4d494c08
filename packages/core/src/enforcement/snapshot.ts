import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";

// 案件快照 — internal to the enforcement module (not exported from the package): the state
// of each case as last computed by `execute`, per store object. Streams are append-only for
// their whole life (the EventStore contract), so a snapshot at version v is the fold of the
// stream's first v events whatever is appended later — by this process or another — and no
// append has to invalidate it: `execute` loads and folds only the events after it. The cache
// is bounded (least recently used cases are dropped first).

/** How many cases' snapshots one store keeps. */
export const SNAPSHOT_CACHE_SIZE = 10_000;

const caches = new WeakMap<object, Map<string, CaseState>>();

function cacheOf(store: object): Map<string, CaseState> {
  let cache = caches.get(store);
  if (cache === undefined) {
    cache = new Map();
    caches.set(store, cache);
  }
  return cache;
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
 * the store holds after it — never re-reading or re-parsing the prefix.
 */
export async function currentState(store: EventStore, caseId: string): Promise<Result<CaseState, SanxiangError>> {
  const from = cacheOf(store).get(caseId) ?? initialCaseState(caseId);
  const after = await store.load(caseId, { afterVersion: from.version });
  if (after.isErr()) return err(after.error);
  return evolveAll(from, after.value);
}

/** Records `state` as the snapshot of its case, unless a later one is already cached. */
export function remember(store: EventStore, state: CaseState): void {
  const cache = cacheOf(store);
  const cached = cache.get(state.caseId);
  if (cached !== undefined && cached.version > state.version) return;
  cache.delete(state.caseId);
  cache.set(state.caseId, state);
  if (cache.size > SNAPSHOT_CACHE_SIZE) {
    const oldest = cache.keys().next();
    if (oldest.done !== true) cache.delete(oldest.value);
  }
}
