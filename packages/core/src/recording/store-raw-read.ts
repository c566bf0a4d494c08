// 原始读取 — the reference semantics and argument checks of the event store's two optional
// verifier reads (EventStore.readLeaves, EventStore.readProjectionRows), shared by every
// adapter that offers them.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { ReadProjectionRowsOptions } from "./event-store.js";
import { compareCodePoints, PROJECTION_QUERY_LIMIT, type ProjectionRow } from "./projection.js";

/** {@link ReadProjectionRowsOptions} with the limit defaulted, or `INVALID_INPUT`. */
export function checkReadProjectionRowsOptions(
  options: unknown,
): Result<{ readonly afterKey: string | undefined; readonly limit: number }, SanxiangError> {
  if (options === undefined) return ok({ afterKey: undefined, limit: PROJECTION_QUERY_LIMIT.default });
  if (typeof options !== "object" || options === null) {
    return err(sanxiangError("INVALID_INPUT", "读取选项应为对象"));
  }
  const { afterKey, limit = PROJECTION_QUERY_LIMIT.default } = options as ReadProjectionRowsOptions;
  if (afterKey !== undefined && typeof afterKey !== "string") {
    return err(sanxiangError("INVALID_INPUT", "afterKey 应为字符串", { details: { afterKey: String(afterKey) } }));
  }
  if (typeof limit !== "number" || !Number.isSafeInteger(limit) || limit < 1 || limit > PROJECTION_QUERY_LIMIT.max) {
    return err(
      sanxiangError("INVALID_INPUT", `limit 应在 1–${PROJECTION_QUERY_LIMIT.max} 之间`, {
        details: { limit: String(limit) },
      }),
    );
  }
  return ok({ afterKey, limit });
}

/**
 * Rows in key order (code points) after `afterKey`, at most `limit`: what
 * `readProjectionRows` returns, over rows held in memory.
 */
export function projectionRowsAfterKey(
  rows: Iterable<ProjectionRow>,
  options: { readonly afterKey: string | undefined; readonly limit: number },
): ProjectionRow[] {
  const { afterKey } = options;
  return [...rows]
    .filter((r) => afterKey === undefined || compareCodePoints(r.key, afterKey) > 0)
    .sort((a, b) => compareCodePoints(a.key, b.key))
    .slice(0, options.limit);
}

/**
 * 叶子页字节上限 — the byte budget of one `EventStore.readLeaves` page: a store ends a
 * page once its events' stored bytes reach this many, even before `limit` events, so that a
 * page of large events (1,000 events of 4 MiB would be 4 GiB) stays a few MiB. A page always
 * holds at least one event while any remain (one event larger than the budget is a page of
 * its own). `readLeaves` returns at most `limit` events, like `readAll`; a reader pages on
 * from the last position it got, never from `after + limit`.
 */
export const READ_LEAVES_PAGE_BYTES = 4 * 2 ** 20;

/**
 * How many of a page's leading events fit the byte budget, given their stored byte lengths
 * in order: every event that starts below `budget` bytes into the page (so the one that
 * crosses it is the last), at least one when there is any. `null` when a length is not a
 * non-negative safe integer (the caller then reads the page another way).
 */
export function leafPageLength(lengths: readonly number[], budget: number = READ_LEAVES_PAGE_BYTES): number | null {
  if (!lengths.every((length) => Number.isSafeInteger(length) && length >= 0)) return null;
  let bytes = 0;
  let n = 0;
  for (const length of lengths) {
    if (n > 0 && bytes >= budget) break;
    bytes += length;
    n++;
  }
  return n;
}
