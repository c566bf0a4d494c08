import { describe, expect, it } from "vitest";
import { ok } from "../kernel/result.js";
import type { EventStore } from "./event-store.js";
import { compareCodePoints, PROJECTION_QUERY_LIMIT, type ProjectionRow } from "./projection.js";
import { readAllProjectionRows } from "./projection-read.js";

const N = PROJECTION_QUERY_LIMIT.max + 25;
const row = (i: number): ProjectionRow => ({
  projection: "p",
  key: `${i % 2 === 0 ? "a" : "b"}-${String(i).padStart(6, "0")}`,
  sortKey: null,
  value: { i },
  count: 1,
  position: i + 1,
});
const ALL = Array.from({ length: N }, (_, i) => row(i)).sort((x, y) => compareCodePoints(x.key, y.key));

/** A store whose projection holds more unsorted rows than one query page: queryProjection cuts them off. */
function storeWith(cursor: boolean): EventStore {
  const store: Partial<EventStore> = {
    queryProjection: async (_name, query) => {
      const prefix = query?.keyPrefix;
      return ok(ALL.filter((r) => prefix === undefined || r.key.startsWith(prefix)).slice(0, query?.limit ?? 1000));
    },
    ...(cursor
      ? {
          readProjectionRows: async (_name: string, o?: { afterKey?: string; limit?: number }) => {
            const after = o?.afterKey;
            const rest = ALL.filter((r) => after === undefined || compareCodePoints(r.key, after) > 0);
            return ok(rest.slice(0, o?.limit ?? 1000));
          },
        }
      : {}),
  };
  return store as EventStore;
}

describe("readAllProjectionRows", () => {
  it("reads past a full page of rows without a sort key through the key cursor: every row, once", async () => {
    const rows = (await readAllProjectionRows(storeWith(true), "p"))._unsafeUnwrap();
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.key)).size).toBe(N);
    const a = (await readAllProjectionRows(storeWith(true), "p", { keyPrefix: "a-" }))._unsafeUnwrap();
    expect(a).toHaveLength(Math.ceil(N / 2));
    expect(a.every((r) => r.key.startsWith("a-"))).toBe(true);
  });

  it("refuses, never shortens silently, when the store has no key cursor", async () => {
    const r = await readAllProjectionRows(storeWith(false), "p");
    expect(r.isErr() && r.error.code).toBe("STORE_UNAVAILABLE");
  });
});
