// 存储适配器守卫 — what core does around an adapter it did not write (contract: docs/storage-adapters.md §1): check at
// configuration time that it implements the contract version core speaks and every method
// exists, and turn a thrown exception or a rejected promise — which the contract forbids —
// into the one coded error, keeping the original as `cause`, instead of crashing the caller.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, type Result } from "../kernel/result.js";
import { EVENT_STORE_SPECIFICATION_VERSION, type EventStore, type SubscribeOptions } from "./event-store.js";

const METHODS = [
  "load",
  "append",
  "readAll",
  "head",
  "subscribe",
  "getProjectionRow",
  "queryProjection",
  "rebuildProjections",
  "saveSignedTreeHead",
  "latestSignedTreeHead",
  "signedTreeHeads",
  "close",
] as const;

const GUARDED = Symbol.for("@sanxiang/core/guardedEventStore");

function adapterFailed(method: string, cause: unknown): SanxiangError {
  return sanxiangError("STORE_UNAVAILABLE", `存储适配器的 ${method} 出错（适配器违反约定抛出了异常）`, {
    details: { method, reason: cause instanceof Error ? cause.message : String(cause) },
    cause,
  });
}

/**
 * 守卫存储 — checks `store` against the `EventStore` v1 contract and returns it wrapped so
 * that a method which throws or rejects (a contract violation) resolves to
 * `STORE_UNAVAILABLE` with the original error as `cause`. A store that is not v1 or lacks a
 * method is a configuration error: thrown here, when the store is configured, not on first
 * use. Wrapping twice is a no-op.
 */
export function guardEventStore(store: EventStore): EventStore {
  if ((store as unknown as Record<symbol, unknown>)[GUARDED] === true) return store;
  if (typeof store !== "object" || store === null) throw new TypeError("event store: expected an object");
  if (store.specificationVersion !== EVENT_STORE_SPECIFICATION_VERSION) {
    throw new TypeError(
      `event store: implements contract ${String(store.specificationVersion)}, this version of @sanxiang/core speaks ${EVENT_STORE_SPECIFICATION_VERSION}`,
    );
  }
  for (const m of METHODS) {
    if (typeof store[m] !== "function") throw new TypeError(`event store: missing method ${m}()`);
  }
  const wrap =
    <A extends unknown[], T>(name: string, fn: (...args: A) => Promise<Result<T, SanxiangError>>) =>
    async (...args: A): Promise<Result<T, SanxiangError>> => {
      try {
        return await fn(...args);
      } catch (cause) {
        return err(adapterFailed(name, cause));
      }
    };
  const guarded: EventStore & { [GUARDED]: true } = {
    specificationVersion: store.specificationVersion,
    capabilities: store.capabilities,
    hashAlgorithm: store.hashAlgorithm,
    projections: store.projections,
    load: wrap("load", (...a: Parameters<EventStore["load"]>) => store.load(...a)),
    append: wrap("append", (...a: Parameters<EventStore["append"]>) => store.append(...a)),
    readAll: wrap("readAll", (...a: Parameters<EventStore["readAll"]>) => store.readAll(...a)),
    head: wrap("head", () => store.head()),
    subscribe: (options) => {
      try {
        return store.subscribe(options);
      } catch (cause) {
        // `options` may be anything an untyped caller passed: report only to a real callback.
        const onError = (options as Partial<SubscribeOptions> | null | undefined)?.onError;
        if (typeof onError === "function") {
          try {
            onError(adapterFailed("subscribe", cause));
          } catch {
            // The caller's callback failing must not turn a guarded call into a throw.
          }
        }
        return { close: async () => {} };
      }
    },
    getProjectionRow: wrap("getProjectionRow", (...a: Parameters<EventStore["getProjectionRow"]>) =>
      store.getProjectionRow(...a),
    ),
    queryProjection: wrap("queryProjection", (...a: Parameters<EventStore["queryProjection"]>) =>
      store.queryProjection(...a),
    ),
    rebuildProjections: wrap("rebuildProjections", () => store.rebuildProjections()),
    saveSignedTreeHead: wrap("saveSignedTreeHead", (...a: Parameters<EventStore["saveSignedTreeHead"]>) =>
      store.saveSignedTreeHead(...a),
    ),
    latestSignedTreeHead: wrap("latestSignedTreeHead", () => store.latestSignedTreeHead()),
    signedTreeHeads: wrap("signedTreeHeads", (...a: Parameters<EventStore["signedTreeHeads"]>) =>
      store.signedTreeHeads(...a),
    ),
    close: async () => {
      try {
        await store.close();
      } catch {
        // Closing is best effort: the store is unusable either way.
      }
    },
    [GUARDED]: true,
  };
  // The optional fast paths of verifyEventStore: passed through, guarded, when the adapter has them.
  const { readLeaves, readProjectionRows } = store;
  if (typeof readLeaves === "function") {
    guarded.readLeaves = wrap("readLeaves", (...a: Parameters<NonNullable<EventStore["readLeaves"]>>) =>
      readLeaves.apply(store, a),
    );
  }
  if (typeof readProjectionRows === "function") {
    guarded.readProjectionRows = wrap(
      "readProjectionRows",
      (...a: Parameters<NonNullable<EventStore["readProjectionRows"]>>) => readProjectionRows.apply(store, a),
    );
  }
  const { readStreamVersions } = store;
  if (typeof readStreamVersions === "function") {
    guarded.readStreamVersions = wrap(
      "readStreamVersions",
      (...a: Parameters<NonNullable<EventStore["readStreamVersions"]>>) => readStreamVersions.apply(store, a),
    );
  }
  // The case file's optional reads: passed through, guarded, when the adapter has them.
  const { readMerkleNodes, readMerkleNodeRuns, readStreamLeaves, streamsLinkedTo } = store;
  if (typeof readMerkleNodes === "function") {
    guarded.readMerkleNodes = wrap("readMerkleNodes", (...a: Parameters<NonNullable<EventStore["readMerkleNodes"]>>) =>
      readMerkleNodes.apply(store, a),
    );
  }
  if (typeof readMerkleNodeRuns === "function") {
    guarded.readMerkleNodeRuns = wrap(
      "readMerkleNodeRuns",
      (...a: Parameters<NonNullable<EventStore["readMerkleNodeRuns"]>>) => readMerkleNodeRuns.apply(store, a),
    );
  }
  if (typeof readStreamLeaves === "function") {
    guarded.readStreamLeaves = wrap(
      "readStreamLeaves",
      (...a: Parameters<NonNullable<EventStore["readStreamLeaves"]>>) => readStreamLeaves.apply(store, a),
    );
  }
  if (typeof streamsLinkedTo === "function") {
    guarded.streamsLinkedTo = wrap("streamsLinkedTo", (...a: Parameters<NonNullable<EventStore["streamsLinkedTo"]>>) =>
      streamsLinkedTo.apply(store, a),
    );
  }
  return guarded;
}
