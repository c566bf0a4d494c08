// Reading a whole projection through the EventStore port, page by page.
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { EventStore } from "./event-store.js";
import { PROJECTION_QUERY_LIMIT, type ProjectionRow } from "./projection.js";

/**
 * 读取投影全部行 — every row of a projection, paging through the sort key (rows sharing one
 * sort key are read in one page: more than 10 000 rows with the same sort key are cut off).
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
    if (page.value.length < limit || last === undefined || last.sortKey === null || added === 0) return ok(rows);
    from = last.sortKey;
  }
}
