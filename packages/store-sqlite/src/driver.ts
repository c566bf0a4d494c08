// 驱动辅助 — the SQLite driver's edges: a refusal raised inside a transaction, a driver
// exception as the port's error, BLOB parameters and columns, statements this SQLite may lack.
import { type SanxiangError, storeCorrupt, storeUnavailable } from "@sanxiang/core";
import type Database from "better-sqlite3";

/** A refusal raised inside a transaction: rolls it back and becomes the method's `Err`. */
export class Refusal {
  constructor(readonly error: SanxiangError) {}
}

/** A driver exception as the port's error: `STORE_CORRUPT` for a damaged file, else `STORE_UNAVAILABLE`. */
export function driverError(what: string, cause: unknown, details: Record<string, unknown> = {}): SanxiangError {
  if (cause instanceof Refusal) return cause.error;
  const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  const sqliteCode = typeof code === "string" ? { sqliteCode: code } : {};
  if (typeof code === "string" && (code.startsWith("SQLITE_CORRUPT") || code === "SQLITE_NOTADB")) {
    return storeCorrupt(`${what}：数据库文件已损坏或不是 SQLite 数据库`, { ...details, ...sqliteCode }, cause);
  }
  const busy =
    typeof code === "string" && code.startsWith("SQLITE_BUSY") ? "：数据库正被其他写入方占用，请稍后重试" : "";
  return storeUnavailable(`${what}失败${busy}`, cause, { ...details, ...sqliteCode });
}

/** Bytes for a BLOB parameter (better-sqlite3 binds Buffers), without copying. */
export const blob = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
/** A BLOB column back as a plain Uint8Array copy. */
export const bytesOf = (value: unknown): Uint8Array | null =>
  value instanceof Uint8Array ? new Uint8Array(value) : null;

/**
 * The bytes as a plain `Uint8Array` the caller owns: a view of a buffer that owns all its
 * memory (the driver's, or one the worker handed over), else a copy.
 */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? new Uint8Array(bytes.buffer, 0, bytes.byteLength)
    : new Uint8Array(bytes);
}

/** A statement this SQLite may not support (an older system library), or `null`. */
export function prepareOptional<P extends unknown[], R>(
  db: Database.Database,
  source: string,
): Database.Statement<P, R> | null {
  try {
    return db.prepare<P, R>(source).raw() as unknown as Database.Statement<P, R>;
  } catch {
    return null;
  }
}
