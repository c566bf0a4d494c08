// 事件存储一致性测试 — the published conformance suite of the EventStore port. An adapter's own
// test file calls `eventStoreSuite({ test, expect }, { factory, … })`; every group is also
// exported on its own. What the suite checks is the contract written on `EventStore` in
// @sanxiang/core, through the port and — where the adapter gives one — through an
// independent read-back channel (its raw rows).
import type { EventStore, HashAlgorithmName, Projection } from "@sanxiang/core";
import { eventStoreAppendTests, eventStoreReadAllTests } from "./event-store-append.js";
import { eventStoreBadInputTests } from "./event-store-bad-input.js";
import { eventStoreConcurrencyTests } from "./event-store-concurrency.js";
import { eventStoreDurabilityTests } from "./event-store-durability.js";
import { eventStoreMerkleNodeTests } from "./event-store-merkle-nodes.js";
import { eventStoreProjectionTests } from "./event-store-projections.js";
import { eventStoreSubscriptionTests } from "./event-store-subscriptions.js";
import { makeContext } from "./event-store-support.js";
import { eventStoreTreeHeadTests } from "./event-store-tree-heads.js";
import type { SuiteRunner } from "./harness.js";
import { eventStoreMerkleNodeRunTests } from "./merkle-node-runs.js";
import { eventStoreStreamVersionTests } from "./stream-versions.js";

export { eventStoreAppendTests, eventStoreReadAllTests } from "./event-store-append.js";
export { eventStoreBadInputTests } from "./event-store-bad-input.js";
export { eventStoreConcurrencyTests } from "./event-store-concurrency.js";
export { eventStoreDurabilityTests } from "./event-store-durability.js";
export { conformanceProjection, testEvent, testEvents } from "./event-store-fixtures.js";
export { eventStoreMerkleNodeTests } from "./event-store-merkle-nodes.js";
export { eventStoreProjectionTests } from "./event-store-projections.js";
export { eventStoreSubscriptionTests } from "./event-store-subscriptions.js";
export { eventStoreTreeHeadTests } from "./event-store-tree-heads.js";

/** What the suite asks the adapter's factory for: a fresh, empty store so configured. */
export interface EventStoreFactoryConfig {
  /**
   * The projections the store must maintain (the defaults and the suite's test projection;
   * `[]` in the tests of a store without projections).
   */
  readonly projections: readonly Projection[];
  /** The Merkle log's hash algorithm. */
  readonly hash: HashAlgorithmName;
}

/** One stored event as the adapter's storage holds it, read without the adapter's own code. */
export interface RawStoredEvent {
  /** Global position. */
  readonly position: number;
  /** The case id column, as stored (the suite checks it equals the event's `caseId`). */
  readonly caseId: string;
  /** The stream position column, as stored (the suite checks it equals the event's `seq`). */
  readonly seq: number;
  /** The stored event text (canonical JSON). */
  readonly json: string;
  /** The stored leaf hash. */
  readonly leafHash: Uint8Array;
}

/**
 * What {@link EventStoreSuiteOptions.corrupt} changes behind the adapter's back:
 * - `"event"`: one byte of the stored JSON text of the event at `position`;
 * - `"leafHash"`: one byte of that event's stored leaf hash;
 * - `"frontier"`: one byte of the stored Merkle frontier (the log head's subtree roots;
 *   `position` is 0 and means nothing);
 * - `"signedTreeHead"`: one byte of the signature of the kept signed tree head whose
 *   `treeSize` is `position` (a stored hex digit changed to another digit is fine).
 */
export type CorruptionTarget = "event" | "leafHash" | "frontier" | "signedTreeHead";

/**
 * Where {@link EventStoreSuiteOptions.injectFault} makes an armed append fail:
 * - `"midAppend"`: after some of the append's rows were written (e.g. after the first event
 *   row is inserted), before the rest;
 * - `"beforeCommit"`: after every row was written, at the last write before `COMMIT` or at
 *   `COMMIT` itself (a deferred constraint).
 */
export type AppendFaultPoint = "midAppend" | "beforeCommit";

/** Options of {@link eventStoreSuite}: how to make stores, and the adapter's back doors. */
export interface EventStoreSuiteOptions {
  /** A fresh, empty store per call (each test calls it at least once). */
  readonly factory: (config: EventStoreFactoryConfig) => Promise<EventStore>;
  /**
   * Opens the same storage again after `store.close()` (same file, database or schema).
   * Required when the adapter declares `capabilities.durable`.
   */
  readonly reopen?: (store: EventStore, config: EventStoreFactoryConfig) => Promise<EventStore>;
  /**
   * Opens a second, independent handle on the same storage (another connection or
   * process-like client). Required when the adapter declares `capabilities.multiWriter`:
   * races and subscriptions are then tested across handles.
   */
  readonly openAnother?: (store: EventStore, config: EventStoreFactoryConfig) => Promise<EventStore>;
  /**
   * 独立读回 — the stored events read straight from storage (SQL, files), oldest first.
   * Required when the adapter declares `capabilities.durable`.
   */
  readonly readRaw?: (store: EventStore) => Promise<readonly RawStoredEvent[]>;
  /**
   * Changes one stored byte behind the adapter's back ({@link CorruptionTarget}). `byteIndex`
   * is any non-negative integer: reduce it modulo the length of what is changed. Required
   * when durable.
   */
  readonly corrupt?: (
    store: EventStore,
    position: number,
    target: CorruptionTarget,
    byteIndex: number,
  ) => Promise<void>;
  /**
   * 故障注入 — arms a fault in `store`: every later append that stores events must fail at
   * `point` (its `Err` may carry any code) until the returned function disarms it. The
   * suite then checks that the failed appends left nothing behind — events, head, frontier
   * and projection rows. Optional; for a SQL store a trigger raising an error (on the
   * events table for `midAppend`, on the head row or as a deferred constraint for
   * `beforeCommit`) needs no code path in the adapter.
   */
  readonly injectFault?: (store: EventStore, point: AppendFaultPoint) => Promise<() => Promise<void>>;
  /** Releases what a store left behind (files, schemas) after each test, after `close()`. */
  readonly dispose?: (store: EventStore) => Promise<void>;
  /**
   * Hash algorithms to run the suite under (default both, `["sha256", "sm3"]`: a frontier
   * call missing `{ hash }` silently uses SHA-256, which only another algorithm shows).
   */
  readonly hashes?: readonly HashAlgorithmName[];
  /** Property-test runs per property (default 25). */
  readonly numRuns?: number;
  /** Adapter-specific tests, given the suite's runner and a configured factory. */
  readonly additionalTests?: (context: EventStoreSuiteContext) => void;
}

/** What a test group and {@link EventStoreSuiteOptions.additionalTests} receive. */
export interface EventStoreSuiteContext {
  /** The runner. */
  readonly runner: SuiteRunner;
  /** The suite's options. */
  readonly options: EventStoreSuiteOptions;
  /**
   * Runs `body` with a fresh store (closed and disposed afterwards, also on failure), made
   * with `hash` (default `sha256`) and `projections` (default the suite's: the defaults and
   * {@link conformanceProjection}).
   */
  readonly withStore: (
    body: (store: EventStore, config: EventStoreFactoryConfig) => Promise<void>,
    hash?: HashAlgorithmName,
    projections?: readonly Projection[],
  ) => Promise<void>;
}

/**
 * 事件存储一致性测试 — every group of the suite, for one adapter. Call it at the top level of
 * a test file:
 *
 * ```ts
 * import { expect, test } from "vitest";
 * import { eventStoreSuite } from "@sanxiang/testkit/conformance";
 * eventStoreSuite({ test, expect }, { factory: async (config) => myStore(config) });
 * ```
 */
export function eventStoreSuite(runner: SuiteRunner, options: EventStoreSuiteOptions): void {
  const context = makeContext(runner, options);
  eventStoreAppendTests(context);
  eventStoreConcurrencyTests(context);
  eventStoreReadAllTests(context);
  eventStoreProjectionTests(context);
  eventStoreSubscriptionTests(context);
  eventStoreTreeHeadTests(context);
  eventStoreBadInputTests(context);
  eventStoreDurabilityTests(context);
  eventStoreMerkleNodeTests(context);
  eventStoreMerkleNodeRunTests(context);
  eventStoreStreamVersionTests(context);
  options.additionalTests?.(context);
}

/** The context the groups take, for running one group on its own. */
export function eventStoreSuiteContext(runner: SuiteRunner, options: EventStoreSuiteOptions): EventStoreSuiteContext {
  return makeContext(runner, options);
}
