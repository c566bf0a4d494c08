// 投影写入合并 — the projection writes of one append (or one page of a rebuild) collapsed to at
// most one change per row, so the adapter applies them with a handful of set-based statements
// instead of one statement per write. The collapse is exact: applying the net changes to any
// rows gives what applying the writes one by one gives (the reference `applyProjectionWrites`);
// a property test checks it.
import type { TaggedProjectionWrite } from "@sanxiang/core";

/**
 * The net change to one projection row:
 * - `delete`: the row is gone afterwards;
 * - `replace`: the row was deleted and written again within the batch — its whole content is known;
 * - `merge`: no delete — `count` grows by `delta`; when `put` is set, sort key and value become its.
 */
export type NetWrite =
  | { readonly kind: "delete"; readonly projection: string; readonly key: string }
  | {
      readonly kind: "replace";
      readonly projection: string;
      readonly key: string;
      readonly sortKey: string | null;
      readonly value: Readonly<Record<string, unknown>>;
      readonly count: number;
      readonly position: number;
    }
  | {
      readonly kind: "merge";
      readonly projection: string;
      readonly key: string;
      readonly put: { readonly sortKey: string | null; readonly value: Readonly<Record<string, unknown>> } | null;
      readonly delta: number;
      readonly position: number;
    };

interface Pending {
  projection: string;
  key: string;
  deleted: boolean;
  /** A put or increment came after the last delete (the row exists again). */
  recreated: boolean;
  put: { sortKey: string | null; value: Readonly<Record<string, unknown>> } | null;
  delta: number;
  position: number;
}

/**
 * Collapses writes, each with the global position of the event that made it, in order, to
 * one {@link NetWrite} per (projection, key), in first-write order.
 */
export function collapseWrites(
  writes: Iterable<{ readonly position: number; readonly writes: readonly TaggedProjectionWrite[] }>,
): NetWrite[] {
  const pending = new Map<string, Pending>();
  for (const { position, writes: list } of writes) {
    for (const { projection, write } of list) {
      const id = `${projection}\u0000${write.key}`;
      let p = pending.get(id);
      if (p === undefined) {
        p = { projection, key: write.key, deleted: false, recreated: false, put: null, delta: 0, position };
        pending.set(id, p);
      }
      p.position = position;
      if (write.op === "delete") {
        // Everything before a delete is gone: start again from "no row".
        p.deleted = true;
        p.recreated = false;
        p.put = null;
        p.delta = 0;
      } else if (write.op === "put") {
        p.recreated = true;
        p.put = { sortKey: write.sortKey, value: write.value };
      } else {
        p.recreated = true;
        p.delta += write.by;
      }
    }
  }
  const out: NetWrite[] = [];
  for (const p of pending.values()) {
    if (!p.deleted) {
      out.push({
        kind: "merge",
        projection: p.projection,
        key: p.key,
        put: p.put,
        delta: p.delta,
        position: p.position,
      });
    } else if (!p.recreated) {
      out.push({ kind: "delete", projection: p.projection, key: p.key });
    } else {
      out.push({
        kind: "replace",
        projection: p.projection,
        key: p.key,
        sortKey: p.put?.sortKey ?? null,
        value: p.put?.value ?? {},
        count: p.delta,
        position: p.position,
      });
    }
  }
  return out;
}
