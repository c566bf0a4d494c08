// 存储辅助 — the PostgreSQL store's small pieces shared by its modules: counts and bytes read
// from rows, what PostgreSQL cannot store (lone surrogates, NUL, over-long keys), SQLSTATEs,
// numbered parameters.
import { err, ok, type Result, type SanxiangError, sanxiangError, storeCorrupt } from "@sanxiang/core";
import type pg from "pg";

export type Queryable = Pick<pg.PoolClient, "query">;

export const ignore = (): void => {};

/** A column that must be a safe non-negative integer (BIGINT arrives as a string). */
export function count(value: unknown, what: string): Result<number, SanxiangError> {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isSafeInteger(n) && n >= 0
    ? ok(n)
    : err(storeCorrupt(`存储中的${what}无效`, { [what]: String(value) }));
}

export const bytes = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? new Uint8Array(value) : new Uint8Array(0);

/** PostgreSQL text holds neither NUL nor unpaired surrogates (they would be refused or changed). */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const storable = (s: string | null | undefined): boolean =>
  s == null || !(s.includes("\u0000") || LONE_SURROGATE.test(s));

export function unstorable(what: string, value: string): SanxiangError {
  return sanxiangError("INVALID_INPUT", `${what}含 PostgreSQL 文本无法保存的字符（NUL 或不成对的代理项）`, {
    details: { [what]: JSON.stringify(value) },
  });
}

/**
 * The longest projection key or sort key stored, in UTF-8 bytes: both sit in the
 * `(projection, sort_key, key)` index, whose entries PostgreSQL limits to about 2.7 KB.
 */
export const KEY_BYTES_MAX = 1_024;

export const tooLong = (s: string | null | undefined): boolean =>
  s != null && Buffer.byteLength(s, "utf8") > KEY_BYTES_MAX;

export function keyTooLong(what: string, value: string): SanxiangError {
  return sanxiangError("INVALID_INPUT", `${what}超过 ${KEY_BYTES_MAX} 字节，PostgreSQL 索引无法保存`, {
    details: { [what]: `${value.slice(0, 40)}…`, bytes: Buffer.byteLength(value, "utf8"), max: KEY_BYTES_MAX },
  });
}

/** The SQLSTATE of a server error, if it is one. */
export const sqlState = (cause: unknown): string | undefined =>
  typeof cause === "object" && cause !== null && typeof (cause as { code?: unknown }).code === "string"
    ? (cause as { code: string }).code
    : undefined;

/** Builds a parameter list while writing SQL. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}
