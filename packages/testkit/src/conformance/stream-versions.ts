// 事件流版本 — conformance of the optional `EventStore.readStreamVersions`: the versions a
// store keeps apart from its events read back as each stream's last `seq`, in stream-id
// (code-point) order, page by page; and a store without the method is still verified.
import { type EventStore, PROJECTION_QUERY_LIMIT, type StreamVersion, verifyEventStore } from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvents } from "./event-store-fixtures.js";

function unwrapOk<T>(r: { isOk(): boolean; value?: T; error?: unknown }, what: string): T {
  if (r.isOk()) return r.value as T;
  const e = r.error as { code?: string; message?: string } | undefined;
  throw new Error(`${what} failed: ${e?.code ?? "?"} ${e?.message ?? String(r.error)}`);
}

/** Every version the store lists, read `limit` at a time after the last id of each page. */
async function allVersions(
  read: NonNullable<EventStore["readStreamVersions"]>,
  store: EventStore,
  limit: number,
): Promise<StreamVersion[]> {
  const out: StreamVersion[] = [];
  let afterKey: string | undefined;
  for (;;) {
    const page = unwrapOk(
      await read.call(store, { limit, ...(afterKey === undefined ? {} : { afterKey }) }),
      `readStreamVersions({ limit: ${limit}${afterKey === undefined ? "" : `, afterKey: "${afterKey}"`} })`,
    );
    out.push(...page.map((v) => ({ caseId: v.caseId, version: v.version })));
    const last = page.at(-1);
    if (page.length < limit || last === undefined) return out;
    afterKey = last.caseId;
  }
}

/** Code-point order (what the port specifies; ids are ASCII), not a locale collation. */
const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The store without `readStreamVersions` (every other member bound to the store): what an
 * adapter that keeps no versions apart from its events looks like to `verifyEventStore`.
 */
function withoutStreamVersions(store: EventStore): EventStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === "readStreamVersions") return undefined;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
    has: (target, property) => property !== "readStreamVersions" && Reflect.has(target, property),
  });
}

/**
 * 事件流版本测试 — for a store offering `readStreamVersions`: after random appends to streams
 * whose ids sort differently by code point and by number, the versions read back (in pages
 * of 1, 2 and the maximum) are exactly the streams' last `seq`s, each once, in code-point
 * order; out-of-range limits are `INVALID_INPUT`. For every store: `verifyEventStore` passes
 * with and without the method, counting the same events and streams.
 */
export function eventStoreStreamVersionTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  // Ids whose code-point order differs from numeric and case-insensitive order (- . 0-9 : A-Z _ a-z).
  const ids = ["c-9", "c-10", "c-B", "c-a", "c_1", "c.2", "C:3"];
  const appendsArb = fc.array(fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 3 })), {
    minLength: 0,
    maxLength: 12,
  });
  test(
    "readStreamVersions (optional): each stream's version is its last seq, once, in code-point order, in every page size; a store without it still verifies",
    () =>
      fc.assert(
        fc.asyncProperty(appendsArb, (appends) =>
          withStore(async (store) => {
            const last = new Map<string, number>();
            for (const [id, n] of appends) {
              const v = last.get(id) ?? 0;
              unwrapOk(await store.append(id, v, testEvents(id, v, n)), `append ${id}`);
              last.set(id, v + n);
            }
            const expected = [...last.entries()]
              .sort(([a], [b]) => byCodePoint(a, b))
              .map(([caseId, version]) => ({ caseId, version }));
            const read = store.readStreamVersions;
            if (typeof read === "function") {
              for (const limit of [1, 2, PROJECTION_QUERY_LIMIT.max]) {
                expect(
                  await allVersions(read, store, limit),
                  `readStreamVersions (pages of ${limit}) must list every stream once with its last seq, in code-point order of the id (keep the version in the append's transaction; order by the id's code points, not a collation)`,
                ).toEqual(expected);
              }
              for (const limit of [0, PROJECTION_QUERY_LIMIT.max + 1]) {
                const bad = await read.call(store, { limit });
                expect(
                  bad.isErr() ? bad.error.code : "ok",
                  `readStreamVersions({ limit: ${limit} }) is outside 1…${PROJECTION_QUERY_LIMIT.max}: INVALID_INPUT`,
                ).toBe("INVALID_INPUT");
              }
            }
            const full = unwrapOk(await verifyEventStore(store, { projections: false }), "verifyEventStore");
            const bare = unwrapOk(
              await verifyEventStore(withoutStreamVersions(store), { projections: false }),
              "verifyEventStore of the store without readStreamVersions",
            );
            expect(
              [bare.events, bare.cases],
              "a store without readStreamVersions is verified through its events alone",
            ).toEqual([full.events, full.cases]);
            expect(full.cases).toBe(last.size);
          }),
        ),
        { numRuns: options.numRuns ?? 25, seed: 11 },
      ),
    timeout * 4,
  );
}
