// 事件存储一致性测试 — the published conformance suite of the EventStore port. An adapter's own
// test file calls `eventStoreSuite({ test, expect }, { factory, … })`; every group is also
// exported on its own. What the suite checks is the contract written on `EventStore` in
// @sanxiang/core, through the port and — where the adapter gives one — through an
// independent read-back channel (its raw rows).
import {
  applyProjectionWrites,
  type CaseEvent,
  canonicalJson,
  defaultProjections,
  type EventStore,
  ed25519Signer,
  eventLeafBytes,
  type HashAlgorithmName,
  merkleLeafHash,
  merkleRoot,
  type Projection,
  type ProjectionRow,
  projectEvent,
  READ_ALL_LIMIT,
  type SanxiangError,
  type SignedTreeHead,
  type Signer,
  type StoredEvent,
  signAndSaveTreeHead,
  signTreeHead,
  sm3,
  toHex,
  type VerificationKey,
  verifyEventStore,
} from "@sanxiang/core";
import fc from "fast-check";
import type { SuiteRunner } from "./harness.js";

/** What the suite asks the adapter's factory for: a fresh, empty store so configured. */
export interface EventStoreFactoryConfig {
  /** The projections the store must maintain (the suite passes its own test projection too). */
  readonly projections: readonly Projection[];
  /** The Merkle log's hash algorithm. */
  readonly hash: HashAlgorithmName;
}

/** One stored event as the adapter's storage holds it, read without the adapter's own code. */
export interface RawStoredEvent {
  /** Global position. */
  readonly position: number;
  /** Case id column. */
  readonly caseId: string;
  /** Stream position column. */
  readonly seq: number;
  /** The stored event text (canonical JSON). */
  readonly json: string;
  /** The stored leaf hash. */
  readonly leafHash: Uint8Array;
}

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
   * process-like client), for `multiWriter` adapters: concurrency is then tested across handles.
   */
  readonly openAnother?: (store: EventStore, config: EventStoreFactoryConfig) => Promise<EventStore>;
  /**
   * 独立读回 — the stored events read straight from storage (SQL, files), oldest first.
   * Required when the adapter declares `capabilities.durable`.
   */
  readonly readRaw?: (store: EventStore) => Promise<readonly RawStoredEvent[]>;
  /**
   * Changes one stored byte of the event at `position` behind the adapter's back: of its
   * JSON text (`"event"`) or of its leaf hash (`"leafHash"`). Required when durable.
   */
  readonly corrupt?: (
    store: EventStore,
    position: number,
    target: "event" | "leafHash",
    byteIndex: number,
  ) => Promise<void>;
  /** Releases what a store left behind (files, schemas) after each test, after `close()`. */
  readonly dispose?: (store: EventStore) => Promise<void>;
  /** Hash algorithms to run the suite under (default `["sha256"]`). */
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
  /** Runs `body` with a fresh store (closed and disposed afterwards, also on failure). */
  readonly withStore: (
    body: (store: EventStore, config: EventStoreFactoryConfig) => Promise<void>,
    hash?: HashAlgorithmName,
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

const codeOf = (r: { isErr(): boolean; error?: unknown }): string | undefined =>
  r.isErr() ? (r as unknown as { error: SanxiangError }).error.code : undefined;

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
    const page = unwrap(await store.readAll({ after: out.length, limit: READ_ALL_LIMIT.max }), "readAll");
    if (page.length === 0) return out;
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
    async withStore(body, hash = "sha256") {
      const config: EventStoreFactoryConfig = { projections: SUITE_PROJECTIONS, hash };
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

/** Snapshot of everything observable through the port, to show a refused call changed nothing. */
async function observe(store: EventStore, caseIds: readonly string[]) {
  const head = unwrap(await store.head(), "head");
  return {
    head: { position: head.position, root: toHex(head.treeHead.rootHash) },
    events: (await readEverything(store)).map((s) => canonicalJson({ ...s, leafHash: toHex(s.leafHash) })),
    cases: await Promise.all(caseIds.map(async (id) => unwrap(await store.load(id), "load").length)),
    rows: await Promise.all(SUITE_PROJECTIONS.map((p) => allRows(store, p.name))),
  };
}

/** 追加与读取 — append, load, versions, positions, receipts, sequence checks. */
export function eventStoreAppendTests(context: EventStoreSuiteContext): void {
  const { runner, withStore } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  for (const hash of context.options.hashes ?? ["sha256"]) {
    test(
      `[${hash}] declares the v1 contract and its capabilities`,
      () =>
        withStore(async (store) => {
          expect(store.specificationVersion).toBe("v1");
          expect(store.hashAlgorithm).toBe(hash);
          expect(typeof store.capabilities.durable).toBe("boolean");
          expect(typeof store.capabilities.multiWriter).toBe("boolean");
          expect(["push", "poll"].includes(store.capabilities.subscription)).toBe(true);
          expect(store.projections.map((p) => p.name)).toEqual(SUITE_PROJECTIONS.map((p) => p.name));
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
          expect(toHex(head.treeHead.rootHash)).toBe(toHex(merkleRoot([], hash === "sm3" ? { hash: sm3 } : {})));
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
          const algo = hash === "sm3" ? { hash: sm3 } : {};
          expect(toHex(r3.treeHead.rootHash)).toBe(toHex(merkleRoot(order.map(eventLeafBytes), algo)));
          expect(r3.treeHead.hashAlgorithm).toBe(hash);
          expect((unwrap(await store.load("case-a"), "load") as CaseEvent[]).map(canonicalJson)).toEqual(
            a.map(canonicalJson),
          );
          expect(unwrap(await store.load("case-a", { afterVersion: 2 }), "load")).toEqual([a[2]]);
          expect(unwrap(await store.load("case-a", { afterVersion: 9 }), "load")).toEqual([]);
          const all = await readEverything(store);
          expect(all.map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
          expect(all.map((s) => canonicalJson(s.event))).toEqual(order.map(canonicalJson));
          expect(all.map((s) => toHex(s.leafHash))).toEqual(
            order.map((e) => toHex(merkleLeafHash(eventLeafBytes(e), algo))),
          );
          const head = unwrap(await store.head(), "head");
          expect(head.position).toBe(5);
          expect(toHex(head.treeHead.rootHash)).toBe(toHex(r3.treeHead.rootHash));
        }, hash),
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
}

/** 并发 — racing writers on one case: exactly one wins each version, no lost update. */
export function eventStoreConcurrencyTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  test(
    "8 writers racing on one case: exactly one wins each version, the others conflict, nothing is lost",
    () =>
      withStore(async (store, config) => {
        const handles: EventStore[] = [store];
        if (store.capabilities.multiWriter && options.openAnother !== undefined) {
          for (let i = 1; i < 8; i++) handles.push(await options.openAnother(store, config));
        }
        try {
          const winners: number[] = [];
          for (let version = 0; version < 12; version++) {
            const results = await Promise.all(
              Array.from({ length: 8 }, (_, w) =>
                (handles[w % handles.length] as EventStore).append("race", version, [
                  testEvent("race", version + 1, { writer: w }),
                ]),
              ),
            );
            const ok = results.flatMap((r, w) => (r.isOk() ? [w] : []));
            expect(ok).toHaveLength(1);
            for (const r of results) if (r.isErr()) expect(codeOf(r)).toBe("CONCURRENCY_CONFLICT");
            winners.push(ok[0] as number);
          }
          const stored = unwrap(await store.load("race"), "load");
          expect(stored.map((e) => e.payload.writer)).toEqual(winners);
          const all = await readEverything(store);
          expect(all.map((s) => s.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
          unwrap(await verifyEventStore(store), "verifyEventStore");
        } finally {
          for (const h of handles.slice(1)) await h.close();
        }
      }),
    timeout * 4,
  );

  test(
    "writers on different cases all succeed and interleave into one dense log",
    () =>
      withStore(async (store) => {
        const results = await Promise.all(
          Array.from({ length: 8 }, async (_, w) => {
            const id = `case-${w}`;
            for (let v = 0; v < 5; v++) unwrap(await store.append(id, v, [testEvent(id, v + 1)]), "append");
          }),
        );
        expect(results).toHaveLength(8);
        const all = await readEverything(store);
        expect(all.map((s) => s.position)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
        unwrap(await verifyEventStore(store), "verifyEventStore");
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
        expect(first.map((s) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);
        const next = unwrap(await store.readAll({ after: 7, limit: 100 }), "readAll");
        expect(next.map((s) => s.position)).toEqual(Array.from({ length: 18 }, (_, i) => i + 8));
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
        const reference = referenceRows(await readEverything(store), store.projections);
        for (const p of store.projections) {
          expect(sortRows(await allRows(store, p.name))).toEqual(sortRows(reference.get(p.name)?.values() ?? []));
        }
        const rebuilt = unwrap(await store.rebuildProjections(), "rebuildProjections");
        expect(rebuilt.events).toBe(steps.length);
        for (const p of store.projections) {
          expect(sortRows(await allRows(store, p.name))).toEqual(sortRows(reference.get(p.name)?.values() ?? []));
        }
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
  const waitUntil = async (cond: () => boolean, ms = 10_000) => {
    const start = Date.now();
    while (!cond()) {
      if (Date.now() - start > ms) throw new Error("subscription did not deliver in time");
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
        expect(seen).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect(overlapped).toBe(false);
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
        const verified = unwrap(await verifyEventStore(store, { key: other.verificationKey }), "verify");
        expect(verified.events).toBe(5);
        expect(verified.signedTreeHeads).toEqual([{ treeSize: 5, signatureChecked: true }]);
        const firstByOther = unwrap(
          await signTreeHead(first, { logId: "bureau-1", timestamp: first.timestamp }, other.signer),
          "sign",
        );
        const older = unwrap(
          await verifyEventStore(store, { key: other.verificationKey, signedTreeHead: firstByOther }),
          "verify",
        );
        expect(older.signedTreeHeads.map((h) => h.treeSize)).toEqual([5, 3]);
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
    "bad arguments are typed errors (INVALID_INPUT / EVENT_SEQUENCE_INVALID / CONCURRENCY_CONFLICT) and change nothing",
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
        const samples = fc.sample(fc.tuple(fc.nat(5), junk, junk, junk), {
          numRuns: (options.numRuns ?? 25) * 4,
          seed: 3,
        });
        for (const [method, a, b, c] of samples) {
          // The point is calling the port with values its types forbid.
          type Loose = (...args: unknown[]) => Promise<{ isErr(): boolean; error?: SanxiangError; isOk(): boolean }>;
          const s = store as unknown as Record<
            "append" | "load" | "readAll" | "getProjectionRow" | "saveSignedTreeHead",
            Loose
          >;
          let r: Awaited<ReturnType<Loose>>;
          try {
            const call = [
              () => s.append(a, b, c),
              () => s.append("bad", 1, c),
              () => s.load(a, b),
              () => s.readAll(a),
              () => s.getProjectionRow(a, b),
              () => s.saveSignedTreeHead(a),
            ][method] as () => ReturnType<Loose>;
            r = await call();
          } catch (thrown) {
            throw new Error(`method #${method} threw instead of returning Err: ${String(thrown)}`);
          }
          if (r.isErr()) expect(allowed.has((r.error as SanxiangError).code)).toBe(true);
        }
        expect(await observe(store, ["bad"])).toEqual(before);
      }),
    timeout * 2,
  );

  test(
    "after close every method is STORE_UNAVAILABLE and close is idempotent",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("c", 0, testEvents("c", 0, 1)), "append");
        await store.close();
        await store.close();
        expect(codeOf(await store.load("c"))).toBe("STORE_UNAVAILABLE");
        expect(codeOf(await store.append("c", 1, [testEvent("c", 2)]))).toBe("STORE_UNAVAILABLE");
        expect(codeOf(await store.readAll())).toBe("STORE_UNAVAILABLE");
        expect(codeOf(await store.head())).toBe("STORE_UNAVAILABLE");
        expect(codeOf(await store.queryProjection("statistics"))).toBe("STORE_UNAVAILABLE");
        expect(codeOf(await store.latestSignedTreeHead())).toBe("STORE_UNAVAILABLE");
      }),
    timeout,
  );
}

/** 持久与读回 — for durable stores: reopen keeps everything; raw rows are what was appended; corruption is found. */
export function eventStoreDurabilityTests(context: EventStoreSuiteContext): void {
  const { runner, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const config: EventStoreFactoryConfig = { projections: SUITE_PROJECTIONS, hash: "sha256" };
  const open = async () => {
    const store = await options.factory(config);
    if (!store.capabilities.durable) return { store, durable: false as const };
    const { reopen, readRaw, corrupt } = options;
    if (reopen === undefined || readRaw === undefined || corrupt === undefined) {
      throw new Error("a durable store must give the suite reopen, readRaw and corrupt");
    }
    return { store, durable: true as const, reopen, readRaw, corrupt };
  };

  test(
    "durable stores: after close and reopen, events, head, projection rows and signed heads are all there",
    async () => {
      const o = await open();
      if (!o.durable) {
        expect(o.store.capabilities.durable).toBe(false);
        await o.store.close();
        return;
      }
      const key = testKey(9);
      unwrap(
        await o.store.append(
          "d",
          0,
          testEvents("d", 0, 4, (seq) => ({ key: `k${seq}`, sortKey: "2025-01-0" + seq })),
        ),
        "append",
      );
      unwrap(
        await signAndSaveTreeHead(o.store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
        "sign",
      );
      const before = await observe(o.store, ["d"]);
      const sth = unwrap(await o.store.latestSignedTreeHead(), "latest");
      await o.store.close();
      const again = await o.reopen(o.store, config);
      try {
        expect(await observe(again, ["d"])).toEqual(before);
        expect(unwrap(await again.latestSignedTreeHead(), "latest")?.treeSize).toBe(sth?.treeSize);
        unwrap(await again.append("d", 4, [testEvent("d", 5)]), "append after reopen");
        unwrap(await verifyEventStore(again, { key: key.verificationKey }), "verify");
      } finally {
        await again.close();
        await options.dispose?.(again);
      }
    },
    timeout,
  );

  test(
    "durable stores: the raw rows read back are exactly the canonical JSON and leaf hashes appended",
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
        expect(raw.map((r) => [r.position, r.caseId, r.seq])).toEqual([
          [1, "r", 1],
          [2, "r", 2],
          [3, "r", 3],
          [4, "s", 1],
        ]);
        expect(raw.map((r) => r.json)).toEqual(events.map(canonicalJson));
        expect(raw.map((r) => toHex(r.leafHash))).toEqual(events.map((e) => toHex(merkleLeafHash(eventLeafBytes(e)))));
      } finally {
        await o.store.close();
        await options.dispose?.(o.store);
      }
    },
    timeout,
  );

  test(
    "durable stores: changing any stored byte of an event or its leaf hash is reported by verifyEventStore",
    async () => {
      const samples = fc.sample(
        fc.record({
          position: fc.integer({ min: 1, max: 6 }),
          target: fc.constantFrom("event" as const, "leafHash" as const),
          byte: fc.nat(),
        }),
        { numRuns: Math.min(options.numRuns ?? 25, 12), seed: 11 },
      );
      for (const sample of samples) {
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
          unwrap(await verifyEventStore(o.store), "verify before");
          await o.corrupt(o.store, sample.position, sample.target, sample.byte);
          const r = await verifyEventStore(o.store);
          expect(r.isErr()).toBe(true);
          expect(
            ["EVENT_HASH_MISMATCH", "STORE_CORRUPT", "EVENT_SEQUENCE_INVALID", "MERKLE_ROOT_MISMATCH"].includes(
              codeOf(r) as string,
            ),
          ).toBe(true);
        } finally {
          await o.store.close();
          await options.dispose?.(o.store);
        }
      }
    },
    timeout * 4,
  );
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
  options.additionalTests?.(context);
}

/** The context the groups take, for running one group on its own. */
export function eventStoreSuiteContext(runner: SuiteRunner, options: EventStoreSuiteOptions): EventStoreSuiteContext {
  return makeContext(runner, options);
}
