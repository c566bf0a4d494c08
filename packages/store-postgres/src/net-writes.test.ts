// The collapse of projection writes is exact: applying the net changes the way the SQL
// statements do gives the rows the reference semantics (`applyProjectionWrites`) give, from
// any starting rows, for any sequence of writes.

import { fc, test } from "@fast-check/vitest";
import { applyProjectionWrites, type ProjectionRow, type TaggedProjectionWrite } from "@sanxiang/core";
import { expect } from "vitest";
import { collapseWrites, type NetWrite } from "./net-writes.js";

/** What the adapter's statements do with net writes (DELETE / upserts), on rows in a map. */
function applyNet(rows: Map<string, Map<string, ProjectionRow>>, net: readonly NetWrite[]): void {
  for (const n of net) {
    let table = rows.get(n.projection);
    if (table === undefined) {
      table = new Map();
      rows.set(n.projection, table);
    }
    const old = table.get(n.key);
    if (n.kind === "delete") {
      table.delete(n.key);
    } else if (n.kind === "replace") {
      table.set(n.key, {
        projection: n.projection,
        key: n.key,
        sortKey: n.sortKey,
        value: n.value,
        count: n.count,
        position: n.position,
      });
    } else {
      table.set(n.key, {
        projection: n.projection,
        key: n.key,
        sortKey: n.put === null ? (old?.sortKey ?? null) : n.put.sortKey,
        value: n.put === null ? (old?.value ?? {}) : n.put.value,
        count: (old?.count ?? 0) + n.delta,
        position: n.position,
      });
    }
  }
}

const projection = fc.constantFrom("p", "q");
const key = fc.constantFrom("a", "b", "c");
const write: fc.Arbitrary<TaggedProjectionWrite> = fc.record({
  projection,
  write: fc.oneof(
    fc.record({ op: fc.constant("delete" as const), key }),
    fc.record({
      op: fc.constant("put" as const),
      key,
      sortKey: fc.option(fc.constantFrom("2025-01-01", "2025-02-01"), { nil: null }),
      value: fc.record({ n: fc.nat(9) }),
    }),
    fc.record({ op: fc.constant("increment" as const), key, by: fc.integer({ min: -3, max: 3 }) }),
  ),
});
const startRow = fc.record({
  sortKey: fc.option(fc.constant("2024-12-31"), { nil: null }),
  value: fc.record({ old: fc.boolean() }),
  count: fc.integer({ min: -5, max: 5 }),
});

function rowsFrom(
  start: readonly [string, string, { sortKey: string | null; value: Record<string, unknown>; count: number }][],
) {
  const rows = new Map<string, Map<string, ProjectionRow>>();
  for (const [p, k, r] of start) {
    if (!rows.has(p)) rows.set(p, new Map());
    rows.get(p)?.set(k, { projection: p, key: k, ...r, position: 0 });
  }
  return rows;
}

const plain = (rows: Map<string, Map<string, ProjectionRow>>) =>
  [...rows]
    .map(([p, t]) => [p, [...t.values()].sort((x, y) => (x.key < y.key ? -1 : 1))] as const)
    .filter(([, t]) => t.length > 0);

test.prop([
  fc.array(fc.tuple(projection, key, startRow), { maxLength: 4 }),
  fc.array(fc.array(write, { maxLength: 5 }), { maxLength: 6 }),
])("net writes give exactly the reference rows", (start, events) => {
  const batches = events.map((writes, i) => ({ position: i + 1, writes }));
  const reference = rowsFrom(start);
  for (const b of batches) applyProjectionWrites(reference, b.writes, b.position);
  const net = collapseWrites(batches);
  const keys = net.map((n) => `${n.projection}/${n.key}`);
  expect(new Set(keys).size).toBe(keys.length);
  const actual = rowsFrom(start);
  applyNet(actual, net);
  expect(plain(actual)).toEqual(plain(reference));
});
