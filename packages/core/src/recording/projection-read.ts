// Reading a whole projection through the EventStore port, page by page.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { EventStore } from "./event-store.js";
import { compareCodePoints, PROJECTION_QUERY_LIMIT, type ProjectionRow } from "./projection.js";

/**
 * 读取投影全部行 — every row of a projection (with `keyPrefix`: every row whose key starts
 * with it), paging through the sort key. Rows sharing one sort key, and rows without one,
 * come in one page; when such a page is full (more than 10 000 of them) the rest is read
 * through the store's key cursor (`readProjectionRows`) — and a store without one is refused
 * with `STORE_UNAVAILABLE` rather than answered with a silently shortened list.
 */
export async function readAllProjectionRows(
  store: EventStore,
  projection: string,
  query: { readonly keyPrefix?: string } = {},
): Promise<Result<ProjectionRow[], SanxiangError>> {
  const limit = PROJECTION_QUERY_LIMIT.max;
  const rows: ProjectionRow[] = [];
  const seen = new Set<string>();
  let from: string | undefined;
  for (;;) {
    const page = await store.queryProjection(projection, {
      limit,
      ...(query.keyPrefix === undefined ? {} : { keyPrefix: query.keyPrefix }),
      ...(from === undefined ? {} : { sortKeyFrom: from }),
    });
    if (page.isErr()) return err(page.error);
    let added = 0;
    for (const r of page.value) {
      if (seen.has(r.key)) continue;
      seen.add(r.key);
      rows.push(r);
      added += 1;
    }
    const last = page.value.at(-1);
    if (page.value.length < limit || last === undefined) return ok(rows);
    // A full page that the sort key cannot continue: the rest only a key cursor can list.
    if (last.sortKey === null || added === 0) return readRestByKey(store, projection, query.keyPrefix, rows, seen);
    from = last.sortKey;
  }
}

async function readRestByKey(
  store: EventStore,
  projection: string,
  keyPrefix: string | undefined,
  rows: ProjectionRow[],
  seen: Set<string>,
): Promise<Result<ProjectionRow[], SanxiangError>> {
  const cursor = store.readProjectionRows;
  if (typeof cursor !== "function") {
    return err(
      sanxiangError(
        "STORE_UNAVAILABLE",
        `投影 ${projection} 有 ${PROJECTION_QUERY_LIMIT.max} 行以上无法按排序键分页，而该存储未提供按键分页读取（readProjectionRows）：无法读出全部行`,
        { details: { projection, limit: PROJECTION_QUERY_LIMIT.max } },
      ),
    );
  }
  let afterKey: string | undefined;
  for (;;) {
    const page = await cursor.call(store, projection, {
      limit: PROJECTION_QUERY_LIMIT.max,
      ...(afterKey === undefined ? {} : { afterKey }),
    });
    if (page.isErr()) return err(page.error);
    for (const r of page.value) {
      if (afterKey !== undefined && compareCodePoints(r.key, afterKey) <= 0) {
        return err(
          sanxiangError("STORE_CORRUPT", `投影 ${projection} 的行未按键顺序返回（${r.key} 在 ${afterKey} 之后）`, {
            details: { projection, key: r.key, after: afterKey },
          }),
        );
      }
      afterKey = r.key;
      if (seen.has(r.key) || (keyPrefix !== undefined && !r.key.startsWith(keyPrefix))) continue;
      seen.add(r.key);
      rows.push(r);
    }
    if (page.value.length < PROJECTION_QUERY_LIMIT.max) return ok(rows);
  }
}
