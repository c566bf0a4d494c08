// 存储选项 — openSqliteStore's options, their defaults and their checks.
import { resolve } from "node:path";
import {
  err,
  type HashAlgorithmName,
  HashAlgorithmNameSchema,
  ok,
  type Projection,
  type Result,
  type SanxiangError,
  sanxiangError,
} from "@sanxiang/core";

/** Options of `openSqliteStore`. */
export interface SqliteStoreOptions {
  /** Directory of the database (default `"./.sanxiang"`), created if missing; the file is `events.db` in it. */
  readonly dir?: string;
  /** Or a full path to the database file (its directory is created if missing); `":memory:"` for a private in-memory database. */
  readonly path?: string;
  /**
   * Hash algorithm of the Merkle log, fixed when the database is created (default
   * `sha256`). Reopening with another is `INVALID_INPUT`; leaving it out on reopening uses
   * the stored one.
   */
  readonly hash?: HashAlgorithmName;
  /** Projections to maintain (default `defaultProjections()`). */
  readonly projections?: readonly Projection[];
  /** Milliseconds between polls of a subscription (default 100). */
  readonly pollIntervalMs?: number;
  /** How long a writer waits for another connection's write lock, in milliseconds (default 5 000). */
  readonly busyTimeoutMs?: number;
  /**
   * 预读线程 — read the verifier's pages (`readLeaves`) on a worker thread with its own
   * read-only connection, so reading the next page overlaps checking this one
   * (`verifyEventStore` asks for the next page before checking the current one). The
   * leaves and every check are the same either way; a page the worker cannot read is read
   * in the calling thread. Started on the first `readLeaves`, ended by `close`; ignored for
   * `":memory:"`. Default `false` (no thread): it pays when a core is free — `sanxiang
   * verify --log` turns it on.
   */
  readonly readAhead?: boolean;
}

/** Default milliseconds between subscription polls. */
export const DEFAULT_POLL_INTERVAL_MS = 100;
/** Default busy timeout (waiting for another writer's lock), in milliseconds. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5_000;
export const invalidOption = (message: string, details: Record<string, unknown>): SanxiangError =>
  sanxiangError("INVALID_INPUT", message, { details });

export interface CheckedOptions {
  readonly path: string;
  readonly hash: HashAlgorithmName | undefined;
  readonly pollIntervalMs: number;
  readonly busyTimeoutMs: number;
  readonly readAhead: boolean;
}

export function checkOptions(options: unknown): Result<CheckedOptions, SanxiangError> {
  if (typeof options !== "object" || options === null) return err(invalidOption("存储选项应为对象", {}));
  const o = options as SqliteStoreOptions;
  const text = (v: unknown) => typeof v === "string" && v.length > 0 && !v.includes("\0");
  if (o.dir !== undefined && o.path !== undefined) {
    return err(invalidOption("存储选项 dir 与 path 只能给出一个", { dir: o.dir, path: o.path }));
  }
  if (o.dir !== undefined && !text(o.dir)) return err(invalidOption("存储目录 dir 无效", { dir: String(o.dir) }));
  if (o.path !== undefined && !text(o.path))
    return err(invalidOption("数据库路径 path 无效", { path: String(o.path) }));
  if (o.hash !== undefined && !HashAlgorithmNameSchema.safeParse(o.hash).success) {
    return err(
      sanxiangError("HASH_ALGORITHM_UNSUPPORTED", `不支持的哈希算法：${String(o.hash)}`, {
        details: { hash: String(o.hash) },
      }),
    );
  }
  const integer = (v: unknown, min: number) =>
    typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= 2 ** 31 - 1;
  if (o.pollIntervalMs !== undefined && !integer(o.pollIntervalMs, 1)) {
    return err(
      invalidOption("轮询间隔 pollIntervalMs 应为正整数（毫秒）", { pollIntervalMs: String(o.pollIntervalMs) }),
    );
  }
  if (o.busyTimeoutMs !== undefined && !integer(o.busyTimeoutMs, 0)) {
    return err(
      invalidOption("等待时间 busyTimeoutMs 应为非负整数（毫秒）", { busyTimeoutMs: String(o.busyTimeoutMs) }),
    );
  }
  if (o.readAhead !== undefined && typeof o.readAhead !== "boolean") {
    return err(invalidOption("预读选项 readAhead 应为布尔值", { readAhead: String(o.readAhead) }));
  }
  if (o.projections !== undefined && !Array.isArray(o.projections)) {
    return err(invalidOption("投影 projections 应为数组", {}));
  }
  const path =
    o.path === ":memory:"
      ? ":memory:"
      : o.path !== undefined
        ? resolve(o.path)
        : resolve(o.dir ?? "./.sanxiang", "events.db");
  return ok({
    path,
    hash: o.hash,
    pollIntervalMs: o.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS,
    busyTimeoutMs: o.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    readAhead: o.readAhead ?? false,
  });
}
