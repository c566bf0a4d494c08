// 事件存储一致性测试 — the published conformance suite of the EventStore port. An adapter's own
// test file calls `eventStoreSuite({ test, expect }, { factory, … })`; every group is also
// exported on its own. What the suite checks is the contract written on `EventStore` in
// @sanxiang/core, through the port and — where the adapter gives one — through an
// independent read-back channel (its raw rows).
import {
  applyProjectionWrites,
  assembleCaseFileFromStore,
  type CaseEvent,
  canonicalJson,
  caseFileToJson,
  caseLinkOf,
  defaultProjections,
  type EventStore,
  ed25519Signer,
  eventLeafBytes,
  type HashAlgorithmName,
  merkleLeafHash,
  merkleNodeHash,
  merkleRoot,
  ok,
  type Projection,
  type ProjectionQuery,
  type ProjectionRow,
  projectEvent,
  queryProjectionRows,
  READ_ALL_LIMIT,
  READ_MERKLE_NODES_LIMIT,
  type SanxiangError,
  type SignedTreeHead,
  type Signer,
  type StoredEvent,
  sha256,
  signAndSaveTreeHead,
  signedTreeHeadToJson,
  signTreeHead,
  sm3,
  toHex,
  type VerificationKey,
  verifyCaseFile,
  verifyEventStore,
} from "@sanxiang/core";
import fc from "fast-check";
import type { SuiteRunner } from "./harness.js";
import { eventStoreMerkleNodeRunTests } from "./merkle-node-runs.js";
import { eventStoreStreamVersionTests } from "./stream-versions.js";

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
 * 测试投影 — a projection the suite installs beside the defaults: it exercises every write
 * kind and the code-point ordering of keys (`put`, `increment`, `delete`, keys and sort keys
 * with characters beyond the BMP, which a locale collation or UTF-16 order would misplace).
 */
export const conformanceProjection: Projection = {
  name: "conformance",
  version: 1,
  project(event) {
    const p = event.payload;
    const key = typeof p.key === "string" ? p.key : `${event.caseId}`;
    if (event.type === "test.removed") return [{ op: "delete", key }];
    return [
      {
        op: "put",
        key,
        sortKey: typeof p.sortKey === "string" ? p.sortKey : null,
        value: { seq: event.seq, type: event.type },
      },
      { op: "increment", key: `count/${event.caseId}`, by: 1 },
    ];
  },
};

// The suites run under a test runner (Node or a browser): both have timers, which the
// platform-neutral type environment of this package does not declare.
declare const setTimeout: (callback: () => void, ms: number) => unknown;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const SUITE_PROJECTIONS: readonly Projection[] = [...defaultProjections(), conformanceProjection];

const BASE_INSTANT = Date.UTC(2025, 2, 3, 1, 0, 0);

/** A valid {@link CaseEvent} envelope for tests (`payload` as given). */
export function testEvent(
  caseId: string,
  seq: number,
  payload: Record<string, unknown> = {},
  type = "test.recorded",
): CaseEvent {
  return {
    caseId,
    seq,
    type,
    at: new Date(BASE_INSTANT + seq * 60_000).toISOString(),
    actor: { id: "officer-1", roles: ["officer"] },
    stage: "investigation",
    payload,
  };
}

/** `count` test events for a case, continuing from `from` (the stream's version). */
export function testEvents(
  caseId: string,
  from: number,
  count: number,
  payload: (seq: number) => Record<string, unknown> = () => ({}),
): CaseEvent[] {
  return Array.from({ length: count }, (_, i) => testEvent(caseId, from + i + 1, payload(from + i + 1)));
}

/** A fixed Ed25519 test key: its signer and the matching verification key. */
function testKey(fill: number): { signer: Signer; verificationKey: VerificationKey } {
  const signer = ed25519Signer(new Uint8Array(32).fill(fill))._unsafeUnwrap();
  return { signer, verificationKey: { algorithm: "ed25519", publicKey: signer.publicKey } };
}

/** A short, never-throwing rendering of an argument for a message. */
function show(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || value === undefined) return String(value);
  try {
    const text = JSON.stringify(value) ?? typeof value;
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return typeof value;
  }
}

/** UTF-8 length of a string, in bytes. */
function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
  }
  return n;
}

const codeOf = (r: { isErr(): boolean; error?: unknown }): string | undefined =>
  r.isErr() ? (r as unknown as { error: SanxiangError }).error.code : undefined;

const detailsOf = (r: { isErr(): boolean; error?: unknown }): Readonly<Record<string, unknown>> | undefined =>
  r.isErr() ? (r as unknown as { error: SanxiangError }).error.details : undefined;

function unwrap<T>(r: { isOk(): boolean; value?: T; error?: unknown }, what: string): T {
  if (!r.isOk()) {
    const e = (r as { error: SanxiangError }).error;
    throw new Error(`${what} failed: ${e.code} ${e.message}`);
  }
  return (r as { value: T }).value;
}

async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const after = out.length;
    const page = unwrap(await store.readAll({ after, limit: READ_ALL_LIMIT.max }), "readAll");
    if (page.length === 0) return out;
    // A page that does not start at after + 1 would make this loop run forever (or skip events):
    // fail here, naming the rule, instead of running out of memory.
    for (const [i, s] of page.entries()) {
      if (s.position !== after + i + 1) {
        throw new Error(
          `readAll({ after: ${after} }) returned position ${s.position} at index ${i}, expected ${after + i + 1}: readAll returns the events with position > after, dense and in order (is \`after\` compared with >= instead of >, or an offset off by one?)`,
        );
      }
    }
    out.push(...page);
  }
}

async function allRows(store: EventStore, projection: string): Promise<ProjectionRow[]> {
  return [...unwrap(await store.queryProjection(projection, { limit: 10_000 }), "queryProjection")];
}

/** The rows the reference semantics give for the stored events. */
function referenceRows(events: readonly StoredEvent[], projections: readonly Projection[]) {
  const rows = new Map<string, Map<string, ProjectionRow>>();
  for (const s of events) applyProjectionWrites(rows, projectEvent(projections, s.event), s.position);
  return rows;
}

function sortRows(rows: Iterable<ProjectionRow>): ProjectionRow[] {
  return [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function makeContext(runner: SuiteRunner, options: EventStoreSuiteOptions): EventStoreSuiteContext {
  return {
    runner,
    options,
    async withStore(body, hash = "sha256", projections = SUITE_PROJECTIONS) {
      const config: EventStoreFactoryConfig = { projections, hash };
      const store = await options.factory(config);
      try {
        await body(store, config);
      } finally {
        await store.close();
        await options.dispose?.(store);
      }
    },
  };
}

/** The hash algorithms a suite runs under. */
const hashesOf = (options: EventStoreSuiteOptions): readonly HashAlgorithmName[] => options.hashes ?? ["sha256", "sm3"];

const merkleOptions = (hash: HashAlgorithmName) => ({ hash: hash === "sm3" ? sm3 : sha256 });

/** The root a store's log must have over `events` (in log order). */
const expectedRoot = (events: readonly CaseEvent[], hash: HashAlgorithmName): string =>
  toHex(merkleRoot(events.map(eventLeafBytes), merkleOptions(hash)));

/**
 * The message for a wrong root: names the rule, and — when the store's root is what
 * SHA-256 would give — the likely cause.
 */
function rootMessage(what: string, hash: HashAlgorithmName, actual: string, events: readonly CaseEvent[]): string {
  const base = `${what}: the head's root must be the ${hash} Merkle root (RFC 6962) of every stored event`;
  if (hash === "sha256") return base;
  if (events.length === 0 && actual === toHex(merkleRoot([]))) {
    return `${base} — root is SHA-256's empty root: did the frontier call get \`{ hash }\`?`;
  }
  return `${base} — under ${hash}, did every frontier call (extendMerkleFrontier, frontierTreeHead, decodeMerkleFrontier) get \`{ hash }\`? Without it they use SHA-256`;
}

/** Snapshot of everything observable through the port, to show a refused call changed nothing. */
async function observe(store: EventStore, caseIds: readonly string[]) {
  const head = unwrap(await store.head(), "head");
  return {
    head: { position: head.position, root: toHex(head.treeHead.rootHash) },
    events: (await readEverything(store)).map((s) => canonicalJson({ ...s, leafHash: toHex(s.leafHash) })),
    cases: await Promise.all(caseIds.map(async (id) => unwrap(await store.load(id), "load").length)),
    rows: await Promise.all(store.projections.map((p) => allRows(store, p.name))),
  };
}

/**
 * Every projection's rows equal a replay of the stored log through the reference semantics
 * (`applyProjectionWrites`), with `rule` and `cause` in the message of the first that differs.
 */
async function expectRowsMatchReplay(
  store: EventStore,
  expect: SuiteRunner["expect"],
  rule: string,
  cause: string,
): Promise<void> {
  const reference = referenceRows(await readEverything(store), store.projections);
  for (const p of store.projections) {
    expect(
      sortRows(await allRows(store, p.name)),
      `${rule}: the rows of projection "${p.name}" differ from a replay of the stored log — ${cause}`,
    ).toEqual(sortRows(reference.get(p.name)?.values() ?? []));
  }
}

/** 追加与读取 — append, load, versions, positions, receipts, sequence checks. */
export function eventStoreAppendTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  for (const hash of hashesOf(options)) {
    test(
      `[${hash}] declares the v1 contract and its capabilities, and the suite was given the hooks they need`,
      () =>
        withStore(async (store) => {
          expect(store.specificationVersion).toBe("v1");
          expect(store.hashAlgorithm, "hashAlgorithm must be the factory's config.hash").toBe(hash);
          expect(typeof store.capabilities.durable).toBe("boolean");
          expect(typeof store.capabilities.multiWriter).toBe("boolean");
          expect(["push", "poll"].includes(store.capabilities.subscription)).toBe(true);
          expect(
            store.projections.map((p) => p.name),
            "store.projections must be the factory's config.projections, in order",
          ).toEqual(SUITE_PROJECTIONS.map((p) => p.name));
          if (store.capabilities.multiWriter) {
            expect(
              options.openAnother !== undefined,
              "configuration error: a store declaring capabilities.multiWriter must give the suite openAnother (a second handle on the same storage), or its races and subscriptions across handles go untested",
            ).toBe(true);
          }
          if (store.capabilities.durable) {
            expect(
              options.reopen !== undefined && options.readRaw !== undefined && options.corrupt !== undefined,
              "configuration error: a store declaring capabilities.durable must give the suite reopen, readRaw and corrupt",
            ).toBe(true);
          }
        }, hash),
      timeout,
    );

    test(
      `[${hash}] an unknown case loads as [] and an empty store has the empty head`,
      () =>
        withStore(async (store) => {
          expect(unwrap(await store.load("nobody"), "load")).toEqual([]);
          const head = unwrap(await store.head(), "head");
          expect(head.position).toBe(0);
          const root = toHex(head.treeHead.rootHash);
          expect(root, rootMessage("empty store", hash, root, [])).toBe(expectedRoot([], hash));
          expect(head.treeHead.hashAlgorithm, "the head must name the store's hash algorithm").toBe(hash);
          expect(unwrap(await store.readAll(), "readAll")).toEqual([]);
        }, hash),
      timeout,
    );

    test(
      `[${hash}] appended events load back equal, with dense global positions and the right Merkle head`,
      () =>
        withStore(async (store) => {
          const a = testEvents("case-a", 0, 3, (seq) => ({ n: seq, text: "立案 ✓ 𠀋" }));
          const b = testEvents("case-b", 0, 2);
          const r1 = unwrap(await store.append("case-a", 0, a.slice(0, 2)), "append");
          expect(r1.version).toBe(2);
          expect(r1.treeHead.treeSize).toBe(2);
          unwrap(await store.append("case-b", 0, b), "append");
          const r3 = unwrap(await store.append("case-a", 2, a.slice(2)), "append");
          expect(r3.version).toBe(3);
          expect(r3.treeHead.treeSize).toBe(5);
          const order = [a[0], a[1], b[0], b[1], a[2]] as CaseEvent[];
          const receiptRoot = toHex(r3.treeHead.rootHash);
          expect(receiptRoot, rootMessage("append receipt", hash, receiptRoot, order)).toBe(expectedRoot(order, hash));
          expect(r3.treeHead.hashAlgorithm).toBe(hash);
          expect((unwrap(await store.load("case-a"), "load") as CaseEvent[]).map(canonicalJson)).toEqual(
            a.map(canonicalJson),
          );
          expect(unwrap(await store.load("case-a", { afterVersion: 2 }), "load")).toEqual([a[2]]);
          expect(unwrap(await store.load("case-a", { afterVersion: 9 }), "load")).toEqual([]);
          const all = await readEverything(store);
          expect(all.map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
          expect(all.map((s) => canonicalJson(s.event))).toEqual(order.map(canonicalJson));
          expect(
            all.map((s) => toHex(s.leafHash)),
            `leaf hashes must be ${hash} leaves of the canonical JSON (prepareAppend computes them)`,
          ).toEqual(order.map((e) => toHex(merkleLeafHash(eventLeafBytes(e), merkleOptions(hash)))));
          const head = unwrap(await store.head(), "head");
          expect(head.position).toBe(5);
          const headRoot = toHex(head.treeHead.rootHash);
          expect(headRoot, rootMessage("head()", hash, headRoot, order)).toBe(expectedRoot(order, hash));
        }, hash),
      timeout,
    );

    test(
      `[${hash}] a store with no projections (projections: []) moves its log head on every append`,
      () =>
        withStore(
          async (store) => {
            expect(store.projections, "store.projections must be the factory's config.projections ([])").toEqual([]);
            const order: CaseEvent[] = [];
            for (const [caseId, count] of [
              ["bare-1", 2],
              ["bare-2", 1],
              ["bare-1", 3],
            ] as const) {
              const version = order.filter((e) => e.caseId === caseId).length;
              const events = testEvents(caseId, version, count);
              const receipt = unwrap(await store.append(caseId, version, events), "append");
              order.push(...events);
              const head = unwrap(await store.head(), "head");
              const cause =
                "an append without projection writes must still write the events, the new frontier and the head in its transaction — is the head updated only alongside projection rows?";
              expect(receipt.treeHead.treeSize, `receipt after ${order.length} events: ${cause}`).toBe(order.length);
              expect(head.position, `head() after ${order.length} events: ${cause}`).toBe(order.length);
              const root = toHex(head.treeHead.rootHash);
              expect(root, `${rootMessage("head()", hash, root, order)} (${cause})`).toBe(expectedRoot(order, hash));
            }
            expect(
              codeOf(await store.queryProjection("conformance")),
              "a projection the store was not given is unknown: INVALID_INPUT",
            ).toBe("INVALID_INPUT");
            unwrap(await verifyEventStore(store), "verifyEventStore of a store without projections");
          },
          hash,
          [],
        ),
      timeout,
    );
  }

  test(
    "a wrong expected version is CONCURRENCY_CONFLICT and writes nothing",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("c", 0, testEvents("c", 0, 2)), "append");
        const before = await observe(store, ["c"]);
        const stale = await store.append("c", 1, testEvents("c", 1, 1));
        expect(codeOf(stale)).toBe("CONCURRENCY_CONFLICT");
        const ahead = await store.append("c", 5, testEvents("c", 5, 1));
        expect(codeOf(ahead)).toBe("CONCURRENCY_CONFLICT");
        const fresh = await store.append("c", 0, testEvents("c", 0, 1));
        expect(codeOf(fresh)).toBe("CONCURRENCY_CONFLICT");
        // A writer that lost a race reloads from actualVersion: a wrong one sends it round again.
        for (const [r, expected] of [
          [stale, 1],
          [ahead, 5],
          [fresh, 0],
        ] as const) {
          const details = detailsOf(r);
          expect(
            [details?.expectedVersion, details?.actualVersion],
            `CONCURRENCY_CONFLICT must say the version asked for and the stream's actual version (details.expectedVersion, details.actualVersion) — pass the version read inside the transaction to concurrencyConflict(caseId, expectedVersion, actualVersion), not the caller's`,
          ).toEqual([expected, 2]);
        }
        expect(await observe(store, ["c"])).toEqual(before);
      }),
    timeout,
  );

  test(
    "events that do not continue the stream are EVENT_SEQUENCE_INVALID, and a batch is all or nothing",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("c", 0, testEvents("c", 0, 1)), "append");
        const before = await observe(store, ["c", "d"]);
        const gap = await store.append("c", 1, [testEvent("c", 3)]);
        expect(codeOf(gap)).toBe("EVENT_SEQUENCE_INVALID");
        const dup = await store.append("c", 1, [testEvent("c", 2), testEvent("c", 2)]);
        expect(codeOf(dup)).toBe("EVENT_SEQUENCE_INVALID");
        const other = await store.append("c", 1, [testEvent("c", 2), testEvent("d", 1)]);
        expect(codeOf(other)).toBe("EVENT_SEQUENCE_INVALID");
        const badLast = await store.append("c", 1, [testEvent("c", 2), { ...testEvent("c", 3), type: "Not A Type" }]);
        expect(codeOf(badLast)).toBe("INVALID_INPUT");
        expect(await observe(store, ["c", "d"])).toEqual(before);
      }),
    timeout,
  );

  test(
    "appending no events checks the version and writes nothing",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("c", 0, testEvents("c", 0, 2)), "append");
        const before = await observe(store, ["c"]);
        const same = unwrap(await store.append("c", 2, []), "append");
        expect(same.version).toBe(2);
        expect(same.treeHead.treeSize).toBe(2);
        expect(codeOf(await store.append("c", 1, []))).toBe("CONCURRENCY_CONFLICT");
        expect(await observe(store, ["c"])).toEqual(before);
      }),
    timeout,
  );

  test(
    "stored events are copies: changing what was appended or loaded changes nothing stored",
    () =>
      withStore(async (store) => {
        const events = testEvents("c", 0, 1, () => ({ list: [1, 2] }));
        unwrap(await store.append("c", 0, events), "append");
        ((events[0] as CaseEvent).payload.list as number[]).push(3);
        const loaded = unwrap(await store.load("c"), "load");
        ((loaded[0] as CaseEvent).payload.list as number[]).push(4);
        expect(unwrap(await store.load("c"), "load")[0]?.payload.list).toEqual([1, 2]);
      }),
    timeout,
  );

  test(
    "model: any sequence of appends (right and wrong versions) leaves exactly the accepted events",
    () =>
      withStore(async (store) => {
        const model = new Map<string, CaseEvent[]>();
        const order: CaseEvent[] = [];
        const steps = fc.sample(
          fc.record({
            caseId: fc.constantFrom("x", "y", "z"),
            count: fc.nat(3),
            skew: fc.constantFrom(0, 0, 0, -1, 1),
          }),
          { numRuns: 60, seed: 42 },
        );
        for (const step of steps) {
          const have = model.get(step.caseId) ?? [];
          const expected = Math.max(0, have.length + step.skew);
          const events = testEvents(step.caseId, expected, step.count, (seq) => ({ seq }));
          const r = await store.append(step.caseId, expected, events);
          if (step.skew === 0 || (step.skew === -1 && have.length === 0)) {
            expect(r.isOk()).toBe(true);
            have.push(...events);
            order.push(...events);
            model.set(step.caseId, have);
          } else {
            expect(codeOf(r)).toBe("CONCURRENCY_CONFLICT");
          }
        }
        for (const [id, events] of model) {
          expect(unwrap(await store.load(id), "load").map(canonicalJson)).toEqual(events.map(canonicalJson));
        }
        expect((await readEverything(store)).map((s) => canonicalJson(s.event))).toEqual(order.map(canonicalJson));
      }),
    timeout * 2,
  );

  const { injectFault } = options;
  if (injectFault !== undefined) {
    for (const point of ["midAppend", "beforeCommit"] as const) {
      test(
        `a failed append (fault injected ${point}) leaves nothing behind: events, head, frontier and projection rows`,
        () =>
          withStore(async (store) => {
            const keyed = (seq: number) => ({ key: `f/${seq}`, sortKey: `2025-03-0${seq}` });
            const first = testEvents("f", 0, 2, keyed);
            unwrap(await store.append("f", 0, first), "append");
            const before = await observe(store, ["f", "g"]);
            const more = testEvents("f", 2, 2, keyed);
            // Rewrites a row the first append made: a half-applied append would show in it.
            const other = testEvents("g", 0, 1, () => ({ key: "f/1", sortKey: "2025-03-09" }));
            const disarm = await injectFault(store, point);
            try {
              for (const [caseId, version, events] of [
                ["f", 2, more],
                ["g", 0, other],
              ] as const) {
                const r = await store.append(caseId, version, events);
                expect(
                  r.isErr(),
                  `an append with the fault armed (${point}) must fail: is injectFault wired to this store?`,
                ).toBe(true);
              }
            } finally {
              await disarm();
            }
            const after = await observe(store, ["f", "g"]);
            const cause =
              "an append's events, positions, leaf hashes, frontier, head and projection rows must be one transaction (are the rows written after COMMIT, or on another connection?)";
            expect(after.events, `a failed append left events behind: ${cause}`).toEqual(before.events);
            expect(after.cases, `a failed append changed a stream's version: ${cause}`).toEqual(before.cases);
            expect(after.head, `a failed append moved the log head: ${cause}`).toEqual(before.head);
            expect(after.rows, `a failed append left projection rows behind: ${cause}`).toEqual(before.rows);
            const receipt = unwrap(await store.append("f", 2, more), "append after the fault was disarmed");
            expect(
              toHex(receipt.treeHead.rootHash),
              "after a failed append the next root must cover exactly the stored events: the failed append advanced the stored frontier",
            ).toBe(expectedRoot([...first, ...more], "sha256"));
            unwrap(await store.append("g", 0, other), "append after the fault was disarmed");
            await expectRowsMatchReplay(store, expect, "after a failed append and two good ones", cause);
            unwrap(await verifyEventStore(store), "verifyEventStore");
          }),
        timeout,
      );
    }
  }

  test(
    "events of 64 KiB to 4 MiB are stored and read back exactly",
    () =>
      withStore(async (store) => {
        // Three-byte characters: the UTF-8 text passes 64 KiB, 1 MiB and 4 MiB.
        const sizes = [65_540, 1 << 20, 4 << 20];
        const events = sizes.map((bytes, i) =>
          testEvent("big", i + 1, { text: `${"现".repeat(Math.ceil(bytes / 3))}尾`, size: bytes }),
        );
        for (const [i, e] of events.entries()) {
          unwrap(await store.append("big", i, [e]), `append of an event of ${sizes[i]} bytes`);
        }
        const cause =
          "is the column large enough (MySQL TEXT holds 64 KiB: use MEDIUMTEXT or LONGTEXT) and the SQL mode strict, so nothing is cut silently?";
        const loaded = await store.load("big");
        expect(codeOf(loaded), `loading events of up to 4 MiB failed: ${cause}`).toBe(undefined);
        const got = unwrap(loaded, "load");
        expect(got.length).toBe(events.length);
        for (const [i, e] of events.entries()) {
          const want = canonicalJson(e);
          const back = got[i] === undefined ? "" : canonicalJson(got[i] as CaseEvent);
          expect(back.length, `an event of ${utf8Length(want)} bytes came back with another length: ${cause}`).toBe(
            want.length,
          );
          expect(back === want, `an event of ${utf8Length(want)} bytes came back changed: ${cause}`).toBe(true);
        }
        const stored = await readEverything(store);
        expect(
          stored.map((s) => toHex(s.leafHash)),
          "leaf hashes of large events must cover their whole canonical JSON",
        ).toEqual(events.map((e) => toHex(merkleLeafHash(eventLeafBytes(e), merkleOptions(store.hashAlgorithm)))));
        if (options.readRaw !== undefined) {
          const raw = await options.readRaw(store);
          expect(
            raw.map((r) => r.json.length),
            `the stored text of large events must be the whole canonical JSON: ${cause}`,
          ).toEqual(events.map((e) => canonicalJson(e).length));
        }
        unwrap(await verifyEventStore(store), "verifyEventStore");
      }),
    timeout * 2,
  );

  test(
    "projection keys and sort keys are stored exactly or refused: trailing spaces, NUL, case, astral characters, long keys — never merged or cut",
    () =>
      withStore(async (store) => {
        const long = (n: number, last: string) => `${"k".repeat(n - 1)}${last}`;
        // CJK without repetition (3 600 bytes): what a database's compression does not shrink.
        const scattered = (last: string) =>
          `${Array.from({ length: 1199 }, (_, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20_000))).join("")}${last}`;
        const keys = [
          "a",
          "a ",
          "a  ",
          " a",
          "A",
          "a\t",
          "a\u0000",
          "a\u0000b",
          "\u{1F600}",
          "\u{1F600} ",
          "\u{1F601}",
          "\u00e9",
          "e\u0301",
          "\u00df",
          "ss",
          long(191, "1"),
          long(191, "2"),
          long(255, "1"),
          long(255, "2"),
          long(256, "1"),
          long(256, "2"),
          long(767, "1"),
          long(767, "2"),
          long(1024, "1"),
          long(1024, "2"),
          `${"中".repeat(1000)}1`,
          `${"中".repeat(1000)}2`,
          scattered("1"),
          scattered("2"),
        ];
        const accepted: string[] = [];
        for (const key of keys) {
          const r = await store.append("keys", accepted.length, [
            testEvent("keys", accepted.length + 1, { key, sortKey: key }),
          ]);
          if (r.isOk()) accepted.push(key);
          else {
            expect(
              codeOf(r),
              `the key ${show(key)} was refused with ${codeOf(r)}: a key the storage cannot hold exactly must be refused with INVALID_INPUT before anything is written`,
            ).toBe("INVALID_INPUT");
          }
        }
        const merged =
          "keys must be stored exactly: a PAD SPACE collation (MySQL utf8mb4_bin, utf8mb4_general_ci) makes 'a' and 'a ' one row, a case- or accent-insensitive one merges 'a' and 'A', a short column cuts long keys (use VARBINARY / a binary NO PAD collation, or COLLATE \"C\")";
        for (const [i, key] of accepted.entries()) {
          const row = unwrap(await store.getProjectionRow("conformance", key), "getProjectionRow");
          expect(row?.key, `the row of key ${show(key)} read back with another key: ${merged}`).toBe(key);
          expect(row?.sortKey, `the sort key ${show(key)} read back changed: ${merged}`).toBe(key);
          expect(row?.value, `the row of key ${show(key)} holds another event's value: ${merged}`).toEqual({
            seq: i + 1,
            type: "test.recorded",
          });
        }
        await expectRowsMatchReplay(
          store,
          expect,
          "keys that differ only by trailing spaces, NUL, case or length",
          merged,
        );
        const reference = [
          ...(referenceRows(await readEverything(store), store.projections)
            .get("conformance")
            ?.values() ?? []),
        ];
        const queries: ProjectionQuery[] = [
          { limit: 10_000 },
          { sortKeyFrom: "a", sortKeyTo: "a" },
          { sortKeyFrom: "a " },
          { sortKeyTo: "A" },
          { keyPrefix: "a " },
          { keyPrefix: "a\u0000" },
          { keyPrefix: long(255, "") },
          { sortKeyFrom: "\u{1F600}", sortKeyTo: "\u{1F600} " },
        ];
        for (const q of queries) {
          const r = await store.queryProjection("conformance", q);
          if (r.isErr()) {
            expect(codeOf(r), `query ${JSON.stringify(q)} failed: only INVALID_INPUT may refuse a query`).toBe(
              "INVALID_INPUT",
            );
            continue;
          }
          expect(
            r.value.map((row) => row.key),
            `query ${JSON.stringify(q)}: rows and their order must be those of code-point comparison — ${merged}`,
          ).toEqual(queryProjectionRows(reference, q).map((row) => row.key));
        }
      }),
    timeout,
  );

  test(
    "case ids are compared exactly: case variants and ids of the maximum length (128) are different cases",
    () =>
      withStore(async (store) => {
        const ids = ["case-k", "Case-K", "CASE-K", "case-k.", `${"k".repeat(127)}1`, `${"k".repeat(127)}2`];
        ids.push(`${"K".repeat(127)}1`);
        const events = ids.map((id, i) => testEvent(id, 1, { n: i }));
        const merged =
          "every valid case id (IdSchema: up to 128 characters) is its own stream: a case-insensitive collation or a short column merges them";
        for (const [i, id] of ids.entries()) {
          const r = await store.append(id, 0, [events[i] as CaseEvent]);
          expect(codeOf(r), `appending the first event of case ${id} failed: ${merged}`).toBe(undefined);
        }
        for (const [i, id] of ids.entries()) {
          expect(
            unwrap(await store.load(id), "load").map(canonicalJson),
            `case ${id} loaded other events: ${merged}`,
          ).toEqual([canonicalJson(events[i] as CaseEvent)]);
        }
        if (options.readRaw !== undefined) {
          const raw = await options.readRaw(store);
          expect(
            raw.map((r) => [r.caseId, r.seq]),
            `the raw caseId and seq columns must be the events' own: ${merged}`,
          ).toEqual(ids.map((id) => [id, 1]));
        }
      }),
    timeout,
  );
}

/** 并发 — racing writers on one case: exactly one wins each version, no lost update, rows equal a replay. */
export function eventStoreConcurrencyTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  /** The store and, for a multi-writer store, 7 more handles on its storage. */
  const handlesOf = async (store: EventStore, config: EventStoreFactoryConfig): Promise<EventStore[]> => {
    const handles: EventStore[] = [store];
    if (store.capabilities.multiWriter && options.openAnother !== undefined) {
      for (let i = 1; i < 8; i++) handles.push(await options.openAnother(store, config));
    }
    return handles;
  };
  const rowsCause =
    "projection rows must be written in the append's transaction, under its lock: rows written after COMMIT (or on another connection) let racing appends apply them out of order";
  test(
    "8 writers racing on one case: exactly one wins each version, the others conflict, nothing is lost",
    () =>
      withStore(async (store, config) => {
        const handles = await handlesOf(store, config);
        try {
          const winners: number[] = [];
          for (let version = 0; version < 12; version++) {
            const results = await Promise.all(
              Array.from({ length: 8 }, (_, w) =>
                (handles[w % handles.length] as EventStore).append("race", version, [
                  testEvent("race", version + 1, { writer: w, key: "race", sortKey: `w${w}` }),
                ]),
              ),
            );
            const ok = results.flatMap((r, w) => (r.isOk() ? [w] : []));
            expect(
              ok,
              `version ${version}: exactly one of 8 racing appends must succeed — is the version checked inside the transaction, after the lock (SELECT … FOR UPDATE) or under a unique (case_id, seq)?`,
            ).toHaveLength(1);
            for (const r of results) {
              if (r.isErr())
                expect(codeOf(r), "the losers of a race get CONCURRENCY_CONFLICT").toBe("CONCURRENCY_CONFLICT");
            }
            winners.push(ok[0] as number);
          }
          const stored = unwrap(await store.load("race"), "load");
          expect(
            stored.map((e) => e.payload.writer),
            "the stored events must be the acknowledged ones (a lost update)",
          ).toEqual(winners);
          const all = await readEverything(store);
          expect(all.map((s) => s.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
          // Through the port with the rule in the message, then core's own replay (verifyEventStore
          // compares every projection row with a replay of the log, and the log itself).
          await expectRowsMatchReplay(store, expect, "after 8 racing writers", rowsCause);
          unwrap(await verifyEventStore(store), "verifyEventStore");
        } finally {
          for (const h of handles.slice(1)) await h.close();
        }
      }),
    timeout * 4,
  );

  test(
    "writers on different cases all succeed and interleave into one dense log, and the rows they share equal a replay",
    () =>
      withStore(async (store, config) => {
        const handles = await handlesOf(store, config);
        try {
          // Every event rewrites one shared row: its final value is the last event's in log
          // order. The writers append in rounds, all 8 at once, so every round races.
          const ids = Array.from({ length: 8 }, (_, w) => `case-${w}`);
          for (let v = 0; v < 5; v++) {
            await Promise.all(
              ids.map(async (id, w) =>
                unwrap(
                  await (handles[w % handles.length] as EventStore).append(id, v, [
                    testEvent(id, v + 1, { key: "shared", sortKey: `${w}/${v}` }),
                  ]),
                  "append",
                ),
              ),
            );
          }
          const all = await readEverything(store);
          expect(
            all.map((s) => s.position),
            "positions must be dense (1, 2, 3, …) under concurrent appends: take them from the frontier under its lock, never from a sequence",
          ).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
          await expectRowsMatchReplay(store, expect, "after 8 concurrent writers on different cases", rowsCause);
          unwrap(await verifyEventStore(store), "verifyEventStore");
          const shared = unwrap(await store.getProjectionRow("conformance", "shared"), "getProjectionRow");
          expect(shared?.position, `the shared row must be the last event's in log order: ${rowsCause}`).toBe(40);
        } finally {
          for (const h of handles.slice(1)) await h.close();
        }
      }),
    timeout * 2,
  );
}

/** 全局读取 — readAll paging and the log head. */
export function eventStoreReadAllTests(context: EventStoreSuiteContext): void {
  const { runner, withStore } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  test(
    "readAll pages by position and limit",
    () =>
      withStore(async (store) => {
        for (let c = 0; c < 5; c++) unwrap(await store.append(`c${c}`, 0, testEvents(`c${c}`, 0, 5)), "append");
        const first = unwrap(await store.readAll({ limit: 7 }), "readAll");
        expect(
          first.map((s) => s.position),
          "readAll({ limit: 7 }) must give positions 1–7",
        ).toEqual([1, 2, 3, 4, 5, 6, 7]);
        const next = unwrap(await store.readAll({ after: 7, limit: 100 }), "readAll");
        expect(
          next.map((s) => s.position),
          "readAll({ after: 7 }) must start at position 8: `after` is exclusive (WHERE position > after), with no event skipped",
        ).toEqual(Array.from({ length: 18 }, (_, i) => i + 8));
        expect(unwrap(await store.readAll({ after: 25 }), "readAll")).toEqual([]);
        for (const bad of [{ limit: 0 }, { limit: READ_ALL_LIMIT.max + 1 }, { after: -1 }, { after: 1.5 }]) {
          expect(codeOf(await store.readAll(bad))).toBe("INVALID_INPUT");
        }
      }),
    timeout,
  );
}

/** 投影 — rows equal the reference semantics, in the append's transaction; rebuild; queries. */
export function eventStoreProjectionTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const astral = ["a", "z", "\u{ffff}", "\u{10000}", "\u{1F600}", "é", "中", "Z", "aa", "a/b"];

  test(
    "after any appends every projection's rows equal the reference semantics, and a rebuild gives the same",
    () =>
      withStore(async (store) => {
        const steps = fc.sample(
          fc.record({
            caseId: fc.constantFrom("p1", "p2", "p3"),
            key: fc.constantFrom(...astral),
            sortKey: fc.option(fc.constantFrom(...astral), { nil: undefined }),
            remove: fc.boolean(),
          }),
          { numRuns: options.numRuns ?? 25, seed: 7 },
        );
        const versions = new Map<string, number>();
        for (const s of steps) {
          const v = versions.get(s.caseId) ?? 0;
          const e = testEvent(
            s.caseId,
            v + 1,
            { key: s.key, ...(s.sortKey === undefined ? {} : { sortKey: s.sortKey }) },
            s.remove ? "test.removed" : "test.recorded",
          );
          unwrap(await store.append(s.caseId, v, [e]), "append");
          versions.set(s.caseId, v + 1);
        }
        await expectRowsMatchReplay(
          store,
          expect,
          "after appends with put, increment and delete",
          "apply each event's writes in the append's transaction, in order, as applyProjectionWrites does (put keeps the counter, increment keeps the value)",
        );
        const rebuilt = unwrap(await store.rebuildProjections(), "rebuildProjections");
        expect(rebuilt.events, "rebuildProjections returns the number of events replayed").toBe(steps.length);
        await expectRowsMatchReplay(
          store,
          expect,
          "after rebuildProjections",
          "a rebuild clears every projection's rows and replays the whole log",
        );
      }),
    timeout * 2,
  );

  test(
    "queries order by sort key in code-point order (no sort key last), then key, and filter by range and prefix",
    () =>
      withStore(async (store) => {
        const keys = ["k-\u{1F600}", "k-\u{ffff}", "k-中", "k-a", "k-Z", "other"];
        for (const [i, key] of keys.entries()) {
          const e = testEvent(`q${i}`, 1, i === 5 ? { key } : { key, sortKey: key.slice(2) });
          unwrap(await store.append(`q${i}`, 0, [e]), "append");
        }
        const rows = unwrap(await store.queryProjection("conformance"), "query");
        const counters = keys.map((_, i) => `count/q${i}`);
        expect(rows.map((r) => r.key)).toEqual([
          "k-Z",
          "k-a",
          "k-中",
          "k-\u{ffff}",
          "k-\u{1F600}",
          ...counters,
          "other",
        ]);
        const ranged = unwrap(
          await store.queryProjection("conformance", { sortKeyFrom: "a", sortKeyTo: "\u{ffff}" }),
          "query",
        );
        expect(ranged.map((r) => r.key)).toEqual(["k-a", "k-中", "k-\u{ffff}"]);
        const prefixed = unwrap(await store.queryProjection("conformance", { keyPrefix: "k-", limit: 2 }), "query");
        expect(prefixed.map((r) => r.key)).toEqual(["k-Z", "k-a"]);
        const row = unwrap(await store.getProjectionRow("conformance", "k-中"), "get");
        expect(row?.value).toEqual({ seq: 1, type: "test.recorded" });
        expect(row?.position).toBe(3);
        expect(unwrap(await store.getProjectionRow("conformance", "missing"), "get")).toBe(null);
        const counter = unwrap(await store.getProjectionRow("conformance", "count/q0"), "get");
        expect(counter?.count).toBe(1);
      }),
    timeout,
  );

  test(
    "a key prefix matches literally: no wildcards (_ %), no escapes, no case folding",
    () =>
      withStore(async (store) => {
        const keys = ["lit/a_b", "lit/axb", "lit/a%c", "lit/abc", "lit/A_b", "lit/a\\_b", "lit/ab*", "lit/a.b"];
        for (const [i, key] of keys.entries()) {
          unwrap(await store.append(`lp${i}`, 0, [testEvent(`lp${i}`, 1, { key })]), "append");
        }
        const cause =
          "a prefix query must compare the key's first characters exactly — in SQL, LIKE treats _ and % as wildcards (escape them, or compare substr(key, 1, n) = prefix / key >= prefix AND key < the next prefix), and ILIKE or a _ci collation folds case";
        for (const [prefix, expected] of [
          ["lit/a_", ["lit/a_b"]],
          ["lit/a%", ["lit/a%c"]],
          ["lit/a\\", ["lit/a\\_b"]],
          ["lit/ab", ["lit/ab*", "lit/abc"]],
          ["lit/a.", ["lit/a.b"]],
          ["lit/A", ["lit/A_b"]],
        ] as const) {
          const rows = unwrap(await store.queryProjection("conformance", { keyPrefix: prefix }), "query");
          expect(
            rows.map((r) => r.key).sort(),
            `keyPrefix ${show(prefix)} must match exactly the keys that start with it: ${cause}`,
          ).toEqual([...expected].sort());
        }
      }),
    timeout,
  );

  test(
    "reads return copies: changing what a read returned changes nothing stored",
    () =>
      withStore(async (store) => {
        unwrap(
          await store.append("cp", 0, [testEvent("cp", 1, { key: "cp-key", sortKey: "s", note: "原文" })]),
          "append",
        );
        const cause =
          "every read must return copies (a store that hands out the objects it keeps — a cache, an in-memory map — lets one caller change what every other caller reads)";
        const tamper = (value: unknown): void => {
          try {
            const o = value as Record<string, unknown>;
            o.seq = 999;
            o.note = "篡改";
            o.injected = true;
          } catch {
            // frozen: nothing can change it, which is as good as a copy
          }
        };
        tamper(unwrap(await store.getProjectionRow("conformance", "cp-key"), "get")?.value);
        for (const r of unwrap(await store.queryProjection("conformance"), "query")) tamper(r.value);
        for (const e of unwrap(await store.load("cp"), "load")) tamper(e.payload);
        for (const e of unwrap(await store.readAll(), "readAll")) tamper(e.event.payload);
        expect(
          unwrap(await store.getProjectionRow("conformance", "cp-key"), "get")?.value,
          `getProjectionRow after a caller changed an earlier result: ${cause}`,
        ).toEqual({ seq: 1, type: "test.recorded" });
        expect(
          unwrap(await store.load("cp"), "load").map((e) => e.payload),
          `load after a caller changed an earlier result: ${cause}`,
        ).toEqual([{ key: "cp-key", sortKey: "s", note: "原文" }]);
        expect(
          unwrap(await store.readAll(), "readAll").map((e) => e.event.payload),
          `readAll after a caller changed an earlier result: ${cause}`,
        ).toEqual([{ key: "cp-key", sortKey: "s", note: "原文" }]);
      }),
    timeout,
  );

  test(
    "rebuildProjections replaces every row: rows the replay does not write are gone",
    () => {
      // A projection whose logic is switched between the appends and the rebuild (as if its
      // code changed): the rebuild must give exactly the replay under the new logic.
      let generation = 1;
      const switched: Projection = {
        name: "switched",
        version: 1,
        project: (event) => [
          { op: "put", key: `g${generation}/${event.caseId}/${event.seq}`, sortKey: null, value: { generation } },
          { op: "increment", key: `count/g${generation}`, by: 1 },
        ],
      };
      return withStore(
        async (store) => {
          unwrap(await store.append("rb", 0, testEvents("rb", 0, 3)), "append");
          generation = 2;
          unwrap(await store.rebuildProjections(), "rebuildProjections");
          expect(
            sortRows(await allRows(store, "switched")).map((r) => [r.key, r.count]),
            "rebuildProjections must delete every projection's rows before replaying the log (an upsert-only rebuild keeps rows the new logic no longer writes, and adds to old counters)",
          ).toEqual([
            ["count/g2", 3],
            ["g2/rb/1", 0],
            ["g2/rb/2", 0],
            ["g2/rb/3", 0],
          ]);
        },
        "sha256",
        [...SUITE_PROJECTIONS, switched],
      );
    },
    timeout,
  );

  test(
    "unknown projections and malformed queries are INVALID_INPUT",
    () =>
      withStore(async (store) => {
        expect(codeOf(await store.getProjectionRow("nope", "k"))).toBe("INVALID_INPUT");
        expect(codeOf(await store.queryProjection("nope"))).toBe("INVALID_INPUT");
        expect(codeOf(await store.queryProjection("conformance", { limit: 0 }))).toBe("INVALID_INPUT");
        expect(codeOf(await store.queryProjection("conformance", { bogus: 1 } as never))).toBe("INVALID_INPUT");
        expect(codeOf(await store.getProjectionRow("conformance", 5 as never))).toBe("INVALID_INPUT");
      }),
    timeout,
  );
}

/** 订阅 — every event after the start, in order, once; backpressure; close. */
export function eventStoreSubscriptionTests(context: EventStoreSuiteContext): void {
  const { runner, withStore } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const waitUntil = async (cond: () => boolean, ms = 10_000, cause = "subscription did not deliver in time") => {
    const start = Date.now();
    while (!cond()) {
      if (Date.now() - start > ms) throw new Error(`no delivery within ${ms} ms: ${cause}`);
      await sleep(5);
    }
  };

  test(
    "a subscription delivers stored and new events in order, exactly once, one batch at a time",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("s", 0, testEvents("s", 0, 3)), "append");
        const seen: number[] = [];
        let running = 0;
        let overlapped = false;
        const sub = store.subscribe({
          after: 1,
          pollIntervalMs: 10,
          onEvents: async (batch) => {
            running++;
            if (running > 1) overlapped = true;
            await sleep(2);
            seen.push(...batch.map((s) => s.position));
            running--;
          },
        });
        for (let v = 3; v < 10; v++) unwrap(await store.append("s", v, [testEvent("s", v + 1)]), "append");
        await waitUntil(() => seen.length >= 9);
        await sub.close();
        expect(seen, "a subscription delivers every event after `after`, in order, each once").toEqual([
          2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
        expect(overlapped, "the next batch is delivered only after the handler's promise settles").toBe(false);
        unwrap(await store.append("s", 10, [testEvent("s", 11)]), "append");
        await sleep(50);
        expect(seen).toHaveLength(9);
      }),
    timeout,
  );

  test(
    "without `after` a subscription starts at the current end; a failing handler ends it with onError",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("s", 0, testEvents("s", 0, 2)), "append");
        const seen: number[] = [];
        const errors: string[] = [];
        const sub = store.subscribe({
          pollIntervalMs: 10,
          onEvents: (batch) => {
            seen.push(...batch.map((s) => s.position));
            if (seen.includes(4)) throw new Error("handler failed");
          },
          onError: (e) => errors.push(e.code),
        });
        await sleep(30);
        unwrap(await store.append("s", 2, [testEvent("s", 3)]), "append");
        await waitUntil(() => seen.includes(3));
        unwrap(await store.append("s", 3, [testEvent("s", 4)]), "append");
        await waitUntil(() => errors.length > 0);
        unwrap(await store.append("s", 4, [testEvent("s", 5)]), "append");
        await sleep(50);
        expect(seen).toEqual([3, 4]);
        expect(errors).toHaveLength(1);
        await sub.close();
        await sub.close();
      }),
    timeout,
  );

  test(
    "closing the store closes its subscriptions first: no delivery and no error afterwards",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("cs", 0, testEvents("cs", 0, 1)), "append");
        const seen: number[] = [];
        const errors: string[] = [];
        const sub = store.subscribe({
          after: 0,
          pollIntervalMs: 10,
          onEvents: (b) => void seen.push(...b.map((s) => s.position)),
          onError: (e) => errors.push(`${e.code} ${e.message}`),
        });
        await waitUntil(() => seen.length >= 1);
        await store.close();
        await sleep(100);
        expect(
          errors,
          "close() must close the store's running subscriptions before it releases the connection (a subscription left polling a closed store reports STORE_UNAVAILABLE, or worse, keeps a timer and the process alive)",
        ).toEqual([]);
        await sub.close();
      }),
    timeout,
  );

  test(
    "multi-writer stores: a subscription sees appends made through another handle",
    () =>
      withStore(async (store, config) => {
        if (!store.capabilities.multiWriter) {
          expect(store.capabilities.multiWriter).toBe(false);
          return;
        }
        const { openAnother } = context.options;
        if (openAnother === undefined) {
          throw new Error(
            "configuration error: a store declaring capabilities.multiWriter must give the suite openAnother",
          );
        }
        const other = await openAnother(store, config);
        const seenHere: number[] = [];
        const seenThere: number[] = [];
        const here = store.subscribe({
          pollIntervalMs: 20,
          onEvents: (b) => void seenHere.push(...b.map((s) => s.position)),
        });
        const there = other.subscribe({
          pollIntervalMs: 20,
          onEvents: (b) => void seenThere.push(...b.map((s) => s.position)),
        });
        try {
          await sleep(50);
          const cause =
            "a multiWriter store must wake subscriptions on every handle for appends made through any handle (poll, or LISTEN/NOTIFY), not only its own";
          // One handle at a time: the other handle's subscription must see it without any
          // append of its own to wake it.
          unwrap(await store.append("x", 0, testEvents("x", 0, 2)), "append through the first handle");
          await waitUntil(() => seenThere.length >= 2, 5_000, `the second handle's subscription: ${cause}`);
          unwrap(await other.append("y", 0, testEvents("y", 0, 1)), "append through the second handle");
          await waitUntil(() => seenHere.length >= 3, 5_000, `the first handle's subscription: ${cause}`);
          await waitUntil(() => seenThere.length >= 3, 5_000, `the second handle's subscription: ${cause}`);
          expect(seenHere, `subscription on the first handle: ${cause}`).toEqual([1, 2, 3]);
          expect(seenThere, `subscription on the second handle: ${cause}`).toEqual([1, 2, 3]);
        } finally {
          await here.close();
          await there.close();
          await other.close();
        }
      }),
    timeout,
  );
}

/** 签名树头 — keeping signed heads, conflicts, verification of the whole store. */
export function eventStoreTreeHeadTests(context: EventStoreSuiteContext): void {
  const { runner, withStore } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  test(
    "every kept signed head is listed in increasing size, paged with after and limit",
    () =>
      withStore(async (store) => {
        const key = testKey(7);
        expect(unwrap(await store.signedTreeHeads(), "none yet")).toEqual([]);
        const sizes = [2, 3, 5];
        let version = 0;
        for (const [i, size] of sizes.entries()) {
          unwrap(await store.append("t", version, testEvents("t", version, size - version)), "append");
          version = size;
          unwrap(
            await signAndSaveTreeHead(store, key.signer, {
              logId: "bureau-1",
              timestamp: `2025-03-03T0${i + 1}:00:00.000Z`,
            }),
            "signAndSave",
          );
        }
        const all = unwrap(await store.signedTreeHeads(), "all");
        expect(
          all.map((h) => h.treeSize),
          "signedTreeHeads must list every kept head, smallest treeSize first",
        ).toEqual(sizes);
        const latest = unwrap(await store.latestSignedTreeHead(), "latest") as SignedTreeHead;
        expect(toHex((all[2] as SignedTreeHead).rootHash)).toBe(toHex(latest.rootHash));
        // The smallest head re-signed later: the latest is still the largest tree, not the last saved.
        const resignedSmall = unwrap(
          await signTreeHead(
            all[0] as SignedTreeHead,
            { logId: "bureau-1", timestamp: "2025-03-03T09:00:00.000Z" },
            testKey(8).signer,
          ),
          "sign",
        );
        unwrap(await store.saveSignedTreeHead(resignedSmall), "re-sign the smallest head");
        expect(
          unwrap(await store.latestSignedTreeHead(), "latest")?.treeSize,
          "latestSignedTreeHead is the kept head of the largest treeSize — order by tree_size, not by when a head was saved or replaced (row id, saved_at)",
        ).toBe(5);
        expect(
          unwrap(await store.signedTreeHeads(), "all after re-signing").map((h) => h.treeSize),
          "a re-signed head replaces the kept one of its size and the list stays in increasing treeSize",
        ).toEqual(sizes);
        expect(unwrap(await store.signedTreeHeads({ after: 2 }), "after").map((h) => h.treeSize)).toEqual([3, 5]);
        expect(unwrap(await store.signedTreeHeads({ limit: 1 }), "limit").map((h) => h.treeSize)).toEqual([2]);
        expect(unwrap(await store.signedTreeHeads({ after: 5 }), "past the end")).toEqual([]);
        expect(codeOf(await store.signedTreeHeads({ limit: 0 }))).toBe("INVALID_INPUT");
        expect(codeOf(await store.signedTreeHeads({ after: -1 }))).toBe("INVALID_INPUT");
      }),
    timeout,
  );
  test(
    "signed heads are kept, the latest returned, a conflicting one refused, one beyond the log refused",
    () =>
      withStore(async (store) => {
        const key = testKey(7);
        expect(unwrap(await store.latestSignedTreeHead(), "latest")).toBe(null);
        unwrap(await store.append("t", 0, testEvents("t", 0, 3)), "append");
        const first = unwrap(
          await signAndSaveTreeHead(store, key.signer, { logId: "bureau-1", timestamp: "2025-03-03T02:00:00.000Z" }),
          "signAndSave",
        );
        unwrap(await store.append("t", 3, testEvents("t", 3, 2)), "append");
        const second = unwrap(
          await signAndSaveTreeHead(store, key.signer, { logId: "bureau-1", timestamp: "2025-03-03T03:00:00.000Z" }),
          "signAndSave",
        );
        const latest = unwrap(await store.latestSignedTreeHead(), "latest") as SignedTreeHead;
        expect(latest.treeSize).toBe(5);
        expect(toHex(latest.signature)).toBe(toHex(second.signature));
        expect(latest.timestamp).toBe(second.timestamp);
        unwrap(await store.saveSignedTreeHead(first), "save again");
        // Re-signing the same head later (another key): the later signature replaces the kept one.
        const other = testKey(8);
        const resigned = unwrap(
          await signTreeHead(second, { logId: "bureau-1", timestamp: "2025-03-03T04:00:00.000Z" }, other.signer),
          "sign",
        );
        unwrap(await store.saveSignedTreeHead(resigned), "re-sign");
        unwrap(await store.saveSignedTreeHead(second), "older signature again: no-op");
        const replaced = unwrap(await store.latestSignedTreeHead(), "latest") as SignedTreeHead;
        expect(replaced.keyId).toBe(other.signer.keyId);
        expect(replaced.timestamp).toBe("2025-03-03T04:00:00Z");
        const forged = unwrap(
          await signTreeHead(
            { ...first, rootHash: new Uint8Array(first.rootHash.length) },
            { logId: "bureau-1", timestamp: first.timestamp },
            key.signer,
          ),
          "sign",
        );
        expect(codeOf(await store.saveSignedTreeHead(forged))).toBe("TREE_HEAD_CONFLICT");
        const beyond = unwrap(
          await signTreeHead(
            { ...second, treeSize: 6 },
            { logId: "bureau-1", timestamp: second.timestamp },
            key.signer,
          ),
          "sign",
        );
        expect(codeOf(await store.saveSignedTreeHead(beyond))).toBe("MERKLE_TREE_SIZE_INVALID");
        expect(codeOf(await store.saveSignedTreeHead({ ...first, treeSize: -1 } as SignedTreeHead))).toBe(
          "INVALID_INPUT",
        );
        // The older head re-signed with the new key too: every kept head is then the new key's
        // (dated no later than the larger head's: verifyEventStore wants heads dated as the log grew).
        const firstByOther = unwrap(
          await signTreeHead(first, { logId: "bureau-1", timestamp: "2025-03-03T03:30:00.000Z" }, other.signer),
          "sign",
        );
        unwrap(await store.saveSignedTreeHead(firstByOther), "re-sign the older head");
        expect(
          unwrap(await store.signedTreeHeads(), "signedTreeHeads").map((h) => [h.treeSize, h.keyId]),
          "a head re-signed later replaces the kept one of its size (signedTreeHeadSaveAction)",
        ).toEqual([
          [3, other.signer.keyId],
          [5, other.signer.keyId],
        ]);
        const verified = unwrap(await verifyEventStore(store, { key: other.verificationKey }), "verify");
        expect(verified.events).toBe(5);
        expect(
          verified.signedTreeHeads.some((h) => h.treeSize === 5 && h.signatureChecked),
          "verifyEventStore checks the latest kept head",
        ).toBe(true);
        const older = unwrap(
          await verifyEventStore(store, { key: other.verificationKey, signedTreeHead: firstByOther }),
          "verify",
        );
        expect(
          older.signedTreeHeads.some((h) => h.treeSize === 3),
          "verifyEventStore checks a given signed head against the log",
        ).toBe(true);
      }),
    timeout,
  );
}

/** 错误输入 — any malformed argument to any method: a typed error, never a throw, store unchanged. */
export function eventStoreBadInputTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constant(""),
    fc.constant("x".repeat(200)),
    fc.constant({}),
    fc.constant([]),
    fc.constant(-1),
    fc.constant(Number.NaN),
    fc.array(fc.anything(), { maxLength: 2 }),
    fc.record({ caseId: fc.string(), seq: fc.integer() }),
    fc.constant([{ ...testEvent("bad", 1), at: "yesterday" }]),
    fc.constant([{ ...testEvent("bad", 1), payload: { n: Number.POSITIVE_INFINITY } }]),
  );
  test(
    "bad arguments to any method (subscribe, queryProjection and signedTreeHeads too) are typed errors and change nothing",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("bad", 0, testEvents("bad", 0, 1)), "append");
        const before = await observe(store, ["bad"]);
        const allowed = new Set([
          "INVALID_INPUT",
          "EVENT_SEQUENCE_INVALID",
          "CONCURRENCY_CONFLICT",
          "MERKLE_TREE_SIZE_INVALID",
        ]);
        const samples = fc.sample(fc.tuple(fc.nat(8), junk, junk, junk), {
          numRuns: (options.numRuns ?? 25) * 4,
          seed: 3,
        });
        for (const [method, a, b, c] of samples) {
          // The point is calling the port with values its types forbid.
          type Loose = (...args: unknown[]) => Promise<{ isErr(): boolean; error?: SanxiangError; isOk(): boolean }>;
          const s = store as unknown as Record<
            | "append"
            | "load"
            | "readAll"
            | "getProjectionRow"
            | "queryProjection"
            | "saveSignedTreeHead"
            | "signedTreeHeads",
            Loose
          >;
          const calls = [
            ["append", () => s.append(a, b, c)],
            ["append", () => s.append("bad", 1, c)],
            ["load", () => s.load(a, b)],
            ["readAll", () => s.readAll(a)],
            ["getProjectionRow", () => s.getProjectionRow(a, b)],
            ["saveSignedTreeHead", () => s.saveSignedTreeHead(a)],
            ["queryProjection", () => s.queryProjection(a, b)],
            ["queryProjection", () => s.queryProjection("conformance", b)],
            ["signedTreeHeads", () => s.signedTreeHeads(a)],
          ] as const;
          const [name, call] = calls[method % calls.length] as (typeof calls)[number];
          let r: Awaited<ReturnType<Loose>>;
          try {
            r = await call();
          } catch (thrown) {
            throw new Error(
              `${name}(${[a, b, c].map(show).join(", ")}) threw instead of returning Err: ${String(thrown)} — every method returns a Result for any argument (check it with core's check* helpers)`,
            );
          }
          if (r.isErr()) {
            expect(
              allowed.has((r.error as SanxiangError).code),
              `${name}(${[a, b, c].map(show).join(", ")}) failed with ${(r.error as SanxiangError).code}: bad arguments are INVALID_INPUT (or the sequence / version / tree-size code), never a storage error`,
            ).toBe(true);
          }
        }
        // subscribe returns no Result: malformed options must neither throw nor reject
        // unhandled; with a usable onError they end the subscription with INVALID_INPUT.
        for (const [, a, b] of samples.slice(0, 20)) {
          const errors: string[] = [];
          const loose = store.subscribe as unknown as (o: unknown) => { close(): Promise<void> };
          let subs: { close(): Promise<void> }[];
          try {
            subs = [
              loose(a),
              loose({
                onEvents: () => {},
                after: a,
                pollIntervalMs: b,
                onError: (e: SanxiangError) => errors.push(e.code),
              }),
            ];
          } catch (thrown) {
            throw new Error(`subscribe(${show(a)}) threw: ${String(thrown)} — subscribe never throws`);
          }
          const validAfter = a === undefined || (typeof a === "number" && Number.isSafeInteger(a) && a >= 0);
          const validPoll = b === undefined || (typeof b === "number" && Number.isSafeInteger(b) && b >= 1);
          if (!validAfter || !validPoll) {
            const start = Date.now();
            while (errors.length === 0 && Date.now() - start < 2_000) await sleep(5);
            expect(
              errors,
              `subscribe with after ${show(a)} and pollIntervalMs ${show(b)} must end with INVALID_INPUT to onError (runSubscription checks its options)`,
            ).toEqual(["INVALID_INPUT"]);
          }
          for (const sub of subs) await sub.close();
        }
        expect(await observe(store, ["bad"]), "a call with bad arguments changed the store").toEqual(before);
      }),
    timeout * 2,
  );

  test(
    "after close every method is STORE_UNAVAILABLE (subscribe reports it to onError) and close is idempotent",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("c", 0, testEvents("c", 0, 1)), "append");
        const key = testKey(7);
        const signed = unwrap(
          await signAndSaveTreeHead(store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
          "sign",
        );
        await store.close();
        await store.close();
        const closed = "every method of a closed store must return STORE_UNAVAILABLE (storeClosed())";
        const calls: [string, () => Promise<unknown>][] = [
          ["load", () => store.load("c")],
          ["append", () => store.append("c", 1, [testEvent("c", 2)])],
          ["readAll", () => store.readAll()],
          ["head", () => store.head()],
          ["getProjectionRow", () => store.getProjectionRow("conformance", "c")],
          ["queryProjection", () => store.queryProjection("statistics")],
          ["rebuildProjections", () => store.rebuildProjections()],
          ["saveSignedTreeHead", () => store.saveSignedTreeHead(signed)],
          ["latestSignedTreeHead", () => store.latestSignedTreeHead()],
          ["signedTreeHeads", () => store.signedTreeHeads()],
        ];
        for (const [name, call] of calls) {
          expect(codeOf((await call()) as Parameters<typeof codeOf>[0]), `${name} after close: ${closed}`).toBe(
            "STORE_UNAVAILABLE",
          );
        }
        const errors: string[] = [];
        const sub = store.subscribe({ after: 0, onEvents: () => {}, onError: (e) => errors.push(e.code) });
        const start = Date.now();
        while (errors.length === 0 && Date.now() - start < 2_000) await sleep(5);
        await sub.close();
        expect(errors, `subscribe after close must end at once with STORE_UNAVAILABLE to onError`).toEqual([
          "STORE_UNAVAILABLE",
        ]);
      }),
    timeout,
  );
}

/** 持久与读回 — for durable stores, under every hash: reopen keeps everything; raw rows are what was appended; corruption is found. */
export function eventStoreDurabilityTests(context: EventStoreSuiteContext): void {
  const { runner, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const dispose = async (store: EventStore) => {
    await store.close();
    await options.dispose?.(store);
  };
  for (const hash of hashesOf(options)) {
    const config: EventStoreFactoryConfig = { projections: SUITE_PROJECTIONS, hash };
    const open = async () => {
      const store = await options.factory(config);
      if (!store.capabilities.durable) return { store, durable: false as const };
      const { reopen, readRaw, corrupt } = options;
      if (reopen === undefined || readRaw === undefined || corrupt === undefined) {
        await dispose(store);
        throw new Error("configuration error: a durable store must give the suite reopen, readRaw and corrupt");
      }
      return { store, durable: true as const, reopen, readRaw, corrupt };
    };

    test(
      `[${hash}] durable stores: after close and reopen, events, head, projection rows and signed heads are all there`,
      async () => {
        const o = await open();
        if (!o.durable) {
          expect(o.store.capabilities.durable).toBe(false);
          await dispose(o.store);
          return;
        }
        const key = testKey(9);
        unwrap(
          await o.store.append(
            "d",
            0,
            testEvents("d", 0, 4, (seq) => ({ key: `k${seq}`, sortKey: `2025-01-0${seq}` })),
          ),
          "append",
        );
        unwrap(
          await signAndSaveTreeHead(o.store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
          "sign",
        );
        const before = await observe(o.store, ["d"]);
        const heads = unwrap(await o.store.signedTreeHeads(), "signedTreeHeads").map((h) =>
          canonicalJson(signedTreeHeadToJson(h)),
        );
        await o.store.close();
        const again = await o.reopen(o.store, config);
        try {
          expect(
            await observe(again, ["d"]),
            "reopening must find every event, the head and every row as they were",
          ).toEqual(before);
          expect(
            unwrap(await again.signedTreeHeads(), "signedTreeHeads").map((h) => canonicalJson(signedTreeHeadToJson(h))),
            "reopening must find every kept signed head as it was",
          ).toEqual(heads);
          unwrap(await again.append("d", 4, [testEvent("d", 5)]), "append after reopen");
          unwrap(await verifyEventStore(again, { key: key.verificationKey }), "verify");
        } finally {
          await dispose(again);
        }
      },
      timeout,
    );

    test(
      `[${hash}] durable stores: a projection whose version changed is rebuilt from the log when the store reopens`,
      async () => {
        const o = await open();
        if (!o.durable) {
          await dispose(o.store);
          return;
        }
        unwrap(
          await o.store.append(
            "pv",
            0,
            testEvents("pv", 0, 3, (seq) => ({ key: `old-${seq}`, sortKey: `2025-01-0${seq}` })),
          ),
          "append",
        );
        await o.store.close();
        // Version 2 of the suite's projection writes other rows for the same events.
        const bumped: Projection = {
          name: conformanceProjection.name,
          version: conformanceProjection.version + 1,
          project: (event) => [{ op: "put", key: `v2/${event.caseId}/${event.seq}`, sortKey: null, value: { v: 2 } }],
        };
        const projections = [...defaultProjections(), bumped];
        const again = await o.reopen(o.store, { ...config, projections });
        try {
          const cause =
            "a store records each projection's version and, on opening with another one, rebuilds that projection from the log (docs/storage.md)";
          expect(
            sortRows(await allRows(again, "conformance")).map((r) => r.key),
            `rows of a projection whose version went from 1 to 2: ${cause}`,
          ).toEqual(["v2/pv/1", "v2/pv/2", "v2/pv/3"]);
          await expectRowsMatchReplay(again, expect, "after reopening with a projection's version bumped", cause);
        } finally {
          await dispose(again);
        }
      },
      timeout,
    );

    test(
      `[${hash}] durable stores: the raw rows read back are exactly the canonical JSON, columns and leaf hashes appended`,
      async () => {
        const o = await open();
        try {
          if (!o.durable) return;
          const events = [
            ...testEvents("r", 0, 3, () => ({ text: "现场笔录 \u{1F600}", n: 1.5 })),
            ...testEvents("s", 0, 1),
          ];
          unwrap(await o.store.append("r", 0, events.slice(0, 3)), "append");
          unwrap(await o.store.append("s", 0, events.slice(3)), "append");
          const raw = await o.readRaw(o.store);
          expect(
            raw.map((r) => [r.position, r.caseId, r.seq]),
            "readRaw: position, caseId and seq columns",
          ).toEqual([
            [1, "r", 1],
            [2, "r", 2],
            [3, "r", 3],
            [4, "s", 1],
          ]);
          expect(
            raw.map((r) => r.json),
            "the stored text must be exactly prepareAppend's json (canonical JSON: no jsonb, no re-serialisation)",
          ).toEqual(events.map(canonicalJson));
          expect(
            raw.map((r) => toHex(r.leafHash)),
            `stored leaf hashes must be ${hash} leaves`,
          ).toEqual(events.map((e) => toHex(merkleLeafHash(eventLeafBytes(e), merkleOptions(hash)))));
        } finally {
          await dispose(o.store);
        }
      },
      timeout,
    );

    test(
      `[${hash}] durable stores: changing any stored byte of an event, a leaf hash, the frontier or a signed head is reported by verifyEventStore`,
      async () => {
        const samples = fc.sample(
          fc.record({
            position: fc.integer({ min: 1, max: 6 }),
            target: fc.constantFrom(
              "event" as const,
              "leafHash" as const,
              "event" as const,
              "frontier" as const,
              "signedTreeHead" as const,
            ),
            byte: fc.nat(),
          }),
          // About 12 stores in all, shared among the hashes (each sample is a fresh store).
          { numRuns: Math.ceil(Math.min(options.numRuns ?? 25, 12) / hashesOf(options).length), seed: 11 },
        );
        // The first samples of each target, whatever the seed drew.
        samples.unshift(
          { position: 0, target: "frontier", byte: 5 },
          { position: 6, target: "signedTreeHead", byte: 3 },
        );
        const key = testKey(5);
        for (const [n, sample] of samples.entries()) {
          const o = await open();
          try {
            if (!o.durable) return;
            unwrap(
              await o.store.append(
                "v",
                0,
                testEvents("v", 0, 4, (seq) => ({ note: `第${seq}条` })),
              ),
              "append",
            );
            unwrap(await o.store.append("w", 0, testEvents("w", 0, 2)), "append");
            unwrap(
              await signAndSaveTreeHead(o.store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
              "sign",
            );
            if (n === 0) unwrap(await verifyEventStore(o.store, { key: key.verificationKey }), "verify before");
            const position =
              sample.target === "frontier" ? 0 : sample.target === "signedTreeHead" ? 6 : sample.position;
            await o.corrupt(o.store, position, sample.target, sample.byte);
            const r = await verifyEventStore(o.store, { key: key.verificationKey });
            const found = {
              event: ["EVENT_HASH_MISMATCH", "STORE_CORRUPT", "EVENT_SEQUENCE_INVALID", "MERKLE_ROOT_MISMATCH"],
              leafHash: ["EVENT_HASH_MISMATCH", "STORE_CORRUPT", "MERKLE_ROOT_MISMATCH"],
              frontier: ["MERKLE_ROOT_MISMATCH", "STORE_CORRUPT"],
              signedTreeHead: ["SIGNATURE_INVALID", "STORE_CORRUPT", "TREE_HEAD_MALFORMED", "MERKLE_ROOT_MISMATCH"],
            }[sample.target];
            expect(
              found.includes(codeOf(r) as string),
              `byte ${sample.byte} of the ${sample.target} ${sample.target === "frontier" ? "" : `at ${position} `}changed behind the store's back: verifyEventStore must fail with one of ${found.join(", ")}, got ${r.isOk() ? "ok" : codeOf(r)} — does corrupt change what the store reads (not a copy), and does the store read it back without repairing it?`,
            ).toBe(true);
          } finally {
            await dispose(o.store);
          }
        }
      },
      timeout * 4,
    );
  }
}

/**
 * 默克尔子树 — the optional case-file reads (`readMerkleNodes`, `readStreamLeaves`,
 * `streamsLinkedTo`), for a store that offers them (all three, or none): every stored node
 * equals the subtree recomputed from the stored leaves, under each hash; a stream's leaves and
 * the linked streams agree with `readAll`; the case file made from them equals the one made
 * by a pass over the log, and verifies; bad arguments are refused with their codes.
 */
export function eventStoreMerkleNodeTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const offered = (store: EventStore): boolean => {
    const has = [store.readMerkleNodes, store.readStreamLeaves, store.streamsLinkedTo].map((m) => m !== undefined);
    expect(
      has.every((h) => h === has[0]),
      "readMerkleNodes, readStreamLeaves and streamsLinkedTo go together: a store offers all three or none (core uses them only together)",
    ).toBe(true);
    return has[0] === true;
  };
  // Streams: cases c0, c1; r0 / d0 name c0 in their first event (a review, a disclosure draft), r1 names c1.
  const FIRST: Record<string, Record<string, unknown>> = {
    c0: {},
    c1: {},
    r0: { caseId: "c0" },
    d0: { draft: { caseId: "c0" } },
    r1: { caseId: "c1" },
  };
  const appendsArb = fc.array(fc.tuple(fc.constantFrom(...Object.keys(FIRST)), fc.integer({ min: 1, max: 5 })), {
    minLength: 1,
    maxLength: 14,
  });
  for (const hash of hashesOf(options)) {
    test(
      `[${hash}] stored Merkle subtrees equal the tree recomputed from the leaves; a case file made of them verifies`,
      () =>
        fc.assert(
          fc.asyncProperty(appendsArb, (appends) =>
            withStore(async (store) => {
              if (!offered(store)) return;
              const versions = new Map<string, number>();
              for (const [id, n] of appends) {
                const v = versions.get(id) ?? 0;
                const events = testEvents(id, v, n, (seq) => (seq === 1 ? (FIRST[id] ?? {}) : { n: seq }));
                unwrap(await store.append(id, v, events), "append");
                versions.set(id, v + n);
              }
              const stored = await readEverything(store);
              const h = merkleOptions(hash);
              // Reference: level 0 the leaf hashes, level k + 1 the pairs of level k.
              const levels: Uint8Array[][] = [stored.map((s) => s.leafHash)];
              for (let k = 0; (levels[k]?.length ?? 0) >= 2; k++) {
                const below = levels[k] as Uint8Array[];
                const up: Uint8Array[] = [];
                for (let i = 0; i + 1 < below.length; i += 2) {
                  up.push(merkleNodeHash(below[i] as Uint8Array, below[i + 1] as Uint8Array, h));
                }
                levels.push(up);
              }
              const refs = levels.flatMap((nodes, level) => nodes.map((_, index) => ({ level, index })));
              const got = unwrap(await (store.readMerkleNodes?.(refs) ?? okEmpty()), "readMerkleNodes");
              expect(got.length, "readMerkleNodes must answer one hash per node asked").toBe(refs.length);
              for (const [i, ref] of refs.entries()) {
                expect(
                  toHex(got[i] as Uint8Array),
                  `stored node (level ${ref.level}, index ${ref.index}) must be the ${hash} root of leaves ${ref.index * 2 ** ref.level}…${(ref.index + 1) * 2 ** ref.level - 1}: is each node written as the frontier completes it (extendMerkleFrontierNodes, with { hash }), in the append's transaction?`,
                ).toBe(toHex(levels[ref.level]?.[ref.index] as Uint8Array));
              }
              for (const id of Object.keys(FIRST)) {
                const leaves = unwrap(await (store.readStreamLeaves?.(id) ?? okEmpty()), "readStreamLeaves");
                expect(
                  leaves.map((l) => `${l.seq}@${l.position}:${toHex(l.leafHash)}`),
                  `readStreamLeaves("${id}") must list the stream's events (seq, position, leaf hash) as readAll has them, in seq order`,
                ).toEqual(
                  stored
                    .filter((s) => s.event.caseId === id)
                    .map((s) => `${s.event.seq}@${s.position}:${toHex(s.leafHash)}`),
                );
              }
              for (const caseId of ["c0", "c1"]) {
                const linked = unwrap(await (store.streamsLinkedTo?.(caseId) ?? okEmpty()), "streamsLinkedTo");
                const must = stored.filter((s) => s.event.seq === 1 && caseLinkOf(s.event) === caseId);
                for (const s of must) {
                  expect(
                    linked.includes(s.event.caseId),
                    `streamsLinkedTo("${caseId}") must list ${s.event.caseId}, whose first event names the case (payload.caseId, else payload.draft.caseId)`,
                  ).toBe(true);
                }
              }
              if (!stored.some((s) => s.event.caseId === "c0")) return;
              const key = testKey(3);
              unwrap(
                await signAndSaveTreeHead(store, key.signer, {
                  logId: "bureau-1",
                  timestamp: "2025-03-03T01:00:00.000Z",
                }),
                "signAndSave",
              );
              const fromNodes = await assembleCaseFileFromStore(store, "c0");
              const byPass = await assembleCaseFileFromStore(store, "c0", { passOverLog: true });
              expect(
                fromNodes.isOk() ? "ok" : (fromNodes as unknown as { error: SanxiangError }).error.code,
                "the case file from the stored subtrees must assemble (a wrong node or position fails its proof against the signed head)",
              ).toBe("ok");
              const file = unwrap(fromNodes, "case file");
              expect(
                JSON.stringify(caseFileToJson(file)),
                "the case file from the stored subtrees must equal the one from a pass over the log",
              ).toBe(JSON.stringify(caseFileToJson(unwrap(byPass, "case file by a pass"))));
              expect(verifyCaseFile(file, key.verificationKey).isOk(), "the case file must verify offline").toBe(true);
            }, hash),
          ),
          { numRuns: Math.ceil(Math.min(options.numRuns ?? 25, 12) / hashesOf(options).length), seed: 13 },
        ),
      timeout,
    );
  }
  test(
    "readMerkleNodes, readStreamLeaves and streamsLinkedTo refuse bad arguments with their codes",
    () =>
      withStore(async (store) => {
        if (!offered(store)) return;
        unwrap(await store.append("c0", 0, testEvents("c0", 0, 6)), "append");
        const nodes = (refs: unknown) => store.readMerkleNodes?.(refs as never) ?? okEmpty();
        expect(
          codeOf(await nodes([{ level: 2, index: 1 }])),
          "node (2, 1) covers leaves 4–7 of 6: not complete → MERKLE_INDEX_OUT_OF_RANGE",
        ).toBe("MERKLE_INDEX_OUT_OF_RANGE");
        expect(codeOf(await nodes([{ level: 0, index: 6 }]))).toBe("MERKLE_INDEX_OUT_OF_RANGE");
        for (const bad of [
          null,
          "x",
          [{ level: -1, index: 0 }],
          [{ level: 0.5, index: 0 }],
          [{ level: 0, index: -1 }],
          [{ level: 53, index: 0 }],
          [{ level: "1", index: 0 }],
          [null],
          Array.from({ length: READ_MERKLE_NODES_LIMIT + 1 }, () => ({ level: 0, index: 0 })),
        ]) {
          expect(
            codeOf(await nodes(bad)),
            `readMerkleNodes(${JSON.stringify(bad)?.slice(0, 40)}) → INVALID_INPUT`,
          ).toBe("INVALID_INPUT");
        }
        expect(unwrap(await nodes([]), "no nodes")).toEqual([]);
        expect(codeOf(await (store.readStreamLeaves?.("bad id/") ?? okEmpty()))).toBe("INVALID_INPUT");
        expect(codeOf(await (store.streamsLinkedTo?.("bad id/") ?? okEmpty()))).toBe("INVALID_INPUT");
        expect(unwrap(await (store.readStreamLeaves?.("nobody") ?? okEmpty()), "unknown stream")).toEqual([]);
        expect(unwrap(await (store.streamsLinkedTo?.("nobody") ?? okEmpty()), "no linked streams")).toEqual([]);
      }),
    timeout,
  );
}

/** What an absent optional method answers in these tests (never reached: `offered` returned first). */
const okEmpty = async () => ok([] as never[]);

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
