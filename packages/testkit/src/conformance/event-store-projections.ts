// 投影 — the projection group of the event-store conformance suite: rows equal the reference
// semantics, written in the append's transaction; rebuild; queries.
import type { Projection } from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvent, testEvents } from "./event-store-fixtures.js";
import {
  allRows,
  codeOf,
  expectRowsMatchReplay,
  SUITE_PROJECTIONS,
  show,
  sortRows,
  unwrap,
} from "./event-store-support.js";

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
