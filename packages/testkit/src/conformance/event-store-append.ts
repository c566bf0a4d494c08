// 追加与读取 — the append and read groups of the event-store conformance suite: the v1 contract
// and capabilities, versions and sequence checks, receipts, a model of appends, faults injected
// mid-append, and readAll paging.
import {
  type CaseEvent,
  canonicalJson,
  eventLeafBytes,
  merkleLeafHash,
  READ_ALL_LIMIT,
  toHex,
  verifyEventStore,
} from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreSuiteContext } from "./event-store.js";
import { appendExactnessTests } from "./event-store-exactness.js";
import { testEvent, testEvents } from "./event-store-fixtures.js";
import {
  codeOf,
  detailsOf,
  expectedRoot,
  expectRowsMatchReplay,
  hashesOf,
  merkleOptions,
  observe,
  readEverything,
  rootMessage,
  SUITE_PROJECTIONS,
  unwrap,
} from "./event-store-support.js";

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

  appendExactnessTests(context);
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
