// 存储适配器工具 — what every EventStore adapter needs and must not get subtly different:
// argument checks, preparing an append (validation, canonical bytes, leaf hashes, projection
// writes) outside the transaction, decoding stored rows, the subscription loop, the errors.
// An adapter then only has to do, inside one transaction: check the version, insert, extend
// the frontier, apply the writes.
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "../kernel/canonical-json.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, type HashAlgorithmName, hashAlgorithm } from "../kernel/hash.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import {
  MERKLE_MAX_LEVEL,
  type MerkleNodeRef,
  type MerkleNodeRun,
  merkleNodeWithin,
} from "../kernel/merkle-subtree.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CaseEvent, CaseEventSchema } from "./case-event.js";
import {
  type EventSubscription,
  READ_ALL_LIMIT,
  READ_MERKLE_NODES_LIMIT,
  type ReadAllOptions,
  type StoredEvent,
  type SubscribeOptions,
} from "./event-store.js";
import {
  PROJECTION_QUERY_LIMIT,
  type Projection,
  ProjectionNameSchema,
  type ProjectionQuery,
  ProjectionQuerySchema,
  projectEvent,
  type TaggedProjectionWrite,
} from "./projection.js";

/**
 * A value as text for an error's message or details, never throwing: `String(value)` throws
 * for an object without a usable `toString` (`Object.create(null)`), which bad input may be.
 */
function textOf(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** `STORE_UNAVAILABLE` with the driver's error as `cause`. */
export function storeUnavailable(
  message: string,
  cause?: unknown,
  details: Record<string, unknown> = {},
): SanxiangError {
  const why = cause instanceof Error ? cause.message : cause === undefined ? undefined : textOf(cause);
  return sanxiangError("STORE_UNAVAILABLE", message, {
    details: { ...details, ...(why === undefined ? {} : { reason: why }) },
    ...(cause === undefined ? {} : { cause }),
  });
}

/** `STORE_UNAVAILABLE` for a store used after `close()`. */
export function storeClosed(): SanxiangError {
  return storeUnavailable("存储已关闭");
}

/** `STORE_CORRUPT`: stored data that cannot be what was written. */
export function storeCorrupt(message: string, details: Record<string, unknown> = {}, cause?: unknown): SanxiangError {
  return sanxiangError("STORE_CORRUPT", message, { details, ...(cause === undefined ? {} : { cause }) });
}

/**
 * `STORE_CORRUPT` for a stream whose rows end elsewhere than the version the store recorded
 * for it (rows deleted from its end, or moved to another case id): what `load` returns
 * instead of a shorter stream, naming the case and the first `seq` missing or unexpected.
 */
export function streamVersionMismatch(caseId: string, recorded: number, last: number): SanxiangError {
  return recorded > last
    ? storeCorrupt(`案件 ${caseId} 记载有 ${recorded} 个事件，第 ${last + 1} 号起的事件缺失`, {
        caseId,
        seq: last + 1,
        recorded,
      })
    : storeCorrupt(`案件 ${caseId} 记载有 ${recorded} 个事件，却读到第 ${last} 号事件`, {
        caseId,
        seq: last,
        recorded,
      });
}

/** `CONCURRENCY_CONFLICT` for an append at the wrong version. */
export function concurrencyConflict(caseId: string, expectedVersion: number, actualVersion: number): SanxiangError {
  return sanxiangError(
    "CONCURRENCY_CONFLICT",
    `案件 ${caseId} 已更新至第 ${actualVersion} 号事件，请重新读取后再操作`,
    {
      details: { caseId, expectedVersion, actualVersion },
    },
  );
}

/** The case id, or `INVALID_INPUT`. */
export function checkCaseId(caseId: unknown): Result<string, SanxiangError> {
  const r = IdSchema.safeParse(caseId);
  return r.success ? ok(r.data) : err(invalidInput("案件编号无效", r.error.issues));
}

function checkCount(value: unknown, what: string): Result<number, SanxiangError> {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0
    ? ok(value)
    : err(sanxiangError("INVALID_INPUT", `${what}应为非负整数`, { details: { [what]: textOf(value) } }));
}

/** `afterVersion` of {@link EventStore.load} (default 0), or `INVALID_INPUT`. */
export function checkAfterVersion(options: unknown): Result<number, SanxiangError> {
  if (options === undefined) return ok(0);
  if (typeof options !== "object" || options === null) {
    return err(sanxiangError("INVALID_INPUT", "读取选项应为对象"));
  }
  const after = (options as { afterVersion?: unknown }).afterVersion;
  return after === undefined ? ok(0) : checkCount(after, "afterVersion");
}

/** {@link ReadAllOptions} with defaults applied, or `INVALID_INPUT`. */
export function checkReadAllOptions(options: unknown): Result<{ after: number; limit: number }, SanxiangError> {
  if (options === undefined) return ok({ after: 0, limit: READ_ALL_LIMIT.default });
  if (typeof options !== "object" || options === null) {
    return err(sanxiangError("INVALID_INPUT", "读取选项应为对象"));
  }
  const { after = 0, limit = READ_ALL_LIMIT.default } = options as ReadAllOptions;
  const a = checkCount(after, "after");
  if (a.isErr()) return err(a.error);
  const l = checkCount(limit, "limit");
  if (l.isErr()) return err(l.error);
  if (l.value < 1 || l.value > READ_ALL_LIMIT.max) {
    return err(sanxiangError("INVALID_INPUT", `limit 应在 1–${READ_ALL_LIMIT.max} 之间`, { details: { limit } }));
  }
  return ok({ after: a.value, limit: l.value });
}

/**
 * `readMerkleNodes`' argument checked against a log of `treeSize` leaves: an array of at most
 * {@link READ_MERKLE_NODES_LIMIT} `{ level, index }` (level 0 … 52, index a safe count), as
 * plain copies — else `INVALID_INPUT`; a node not complete within the log →
 * `MERKLE_INDEX_OUT_OF_RANGE` naming it.
 */
export function checkMerkleNodeRefs(nodes: unknown, treeSize: number): Result<MerkleNodeRef[], SanxiangError> {
  if (!Array.isArray(nodes) || nodes.length > READ_MERKLE_NODES_LIMIT) {
    return err(
      sanxiangError("INVALID_INPUT", `默克尔子树应为不超过 ${READ_MERKLE_NODES_LIMIT} 项的数组`, {
        details: { length: Array.isArray(nodes) ? nodes.length : textOf(nodes) },
      }),
    );
  }
  const out: MerkleNodeRef[] = [];
  for (const [i, n] of nodes.entries()) {
    const level = typeof n === "object" && n !== null ? (n as { level?: unknown }).level : undefined;
    const index = typeof n === "object" && n !== null ? (n as { index?: unknown }).index : undefined;
    if (
      typeof level !== "number" ||
      !Number.isInteger(level) ||
      level < 0 ||
      level > MERKLE_MAX_LEVEL ||
      typeof index !== "number" ||
      !Number.isSafeInteger(index) ||
      index < 0
    ) {
      return err(
        sanxiangError("INVALID_INPUT", `第 ${i} 个默克尔子树应为 { level: 0–${MERKLE_MAX_LEVEL}, index: 非负整数 }`, {
          details: { at: i, level: textOf(level), index: textOf(index) },
        }),
      );
    }
    const ref = { level, index };
    if (!merkleNodeWithin(ref, treeSize)) {
      return err(
        sanxiangError(
          "MERKLE_INDEX_OUT_OF_RANGE",
          `默克尔子树 (${level}, ${index}) 不在 ${treeSize} 个叶子的日志之内`,
          {
            details: { level, index, treeSize },
          },
        ),
      );
    }
    out.push(ref);
  }
  return ok(out);
}

/**
 * `readMerkleNodeRuns`' argument checked against a log of `treeSize` leaves: an array of
 * `{ level, first, count }` (level 0 … 52, `first` a safe count, `count` ≥ 1) whose counts
 * together are at most {@link READ_MERKLE_NODES_LIMIT}, as plain copies — else
 * `INVALID_INPUT` naming the run; a run whose last node is not complete within the log →
 * `MERKLE_INDEX_OUT_OF_RANGE` naming that node.
 */
export function checkMerkleNodeRuns(runs: unknown, treeSize: number): Result<MerkleNodeRun[], SanxiangError> {
  if (!Array.isArray(runs) || runs.length > READ_MERKLE_NODES_LIMIT) {
    return err(
      sanxiangError("INVALID_INPUT", `默克尔子树段应为不超过 ${READ_MERKLE_NODES_LIMIT} 项的数组`, {
        details: { length: Array.isArray(runs) ? runs.length : textOf(runs) },
      }),
    );
  }
  const out: MerkleNodeRun[] = [];
  let nodes = 0;
  for (let i = 0; i < runs.length; i++) {
    const r: unknown = runs[i];
    const field = (name: string): unknown =>
      typeof r === "object" && r !== null ? (r as Record<string, unknown>)[name] : undefined;
    const level = field("level");
    const first = field("first");
    const count = field("count");
    if (
      typeof level !== "number" ||
      !Number.isInteger(level) ||
      level < 0 ||
      level > MERKLE_MAX_LEVEL ||
      typeof first !== "number" ||
      !Number.isSafeInteger(first) ||
      first < 0 ||
      typeof count !== "number" ||
      !Number.isSafeInteger(count) ||
      count < 1
    ) {
      return err(
        sanxiangError(
          "INVALID_INPUT",
          `第 ${i} 个默克尔子树段应为 { level: 0–${MERKLE_MAX_LEVEL}, first: 非负整数, count: 正整数 }`,
          { details: { at: i, level: textOf(level), first: textOf(first), count: textOf(count) } },
        ),
      );
    }
    nodes += count;
    if (nodes > READ_MERKLE_NODES_LIMIT) {
      return err(
        sanxiangError("INVALID_INPUT", `默克尔子树段合计不应超过 ${READ_MERKLE_NODES_LIMIT} 个子树`, {
          details: { at: i, nodes },
        }),
      );
    }
    const last = { level, index: first + count - 1 };
    if (!Number.isSafeInteger(last.index) || !merkleNodeWithin(last, treeSize)) {
      return err(
        sanxiangError(
          "MERKLE_INDEX_OUT_OF_RANGE",
          `默克尔子树 (${level}, ${last.index}) 不在 ${treeSize} 个叶子的日志之内`,
          { details: { level, index: last.index, treeSize } },
        ),
      );
    }
    out.push({ level, first, count });
  }
  return ok(out);
}

/** A projection name the store maintains, or `INVALID_INPUT`. */
export function checkProjectionName(projections: readonly Projection[], name: unknown): Result<string, SanxiangError> {
  if (typeof name === "string" && projections.some((p) => p.name === name)) return ok(name);
  return err(
    sanxiangError("INVALID_INPUT", `未知的投影：${textOf(name)}`, {
      details: { projection: textOf(name), known: projections.map((p) => p.name) },
    }),
  );
}

/** A row key (a string), or `INVALID_INPUT`. */
export function checkProjectionKey(key: unknown): Result<string, SanxiangError> {
  return typeof key === "string"
    ? ok(key)
    : err(sanxiangError("INVALID_INPUT", "投影行的键应为字符串", { details: { key: textOf(key) } }));
}

/** A {@link ProjectionQuery} with its limit defaulted, or `INVALID_INPUT`. */
export function checkProjectionQuery(
  query: unknown,
): Result<ProjectionQuery & { readonly limit: number }, SanxiangError> {
  const r = ProjectionQuerySchema.safeParse(query ?? {});
  if (!r.success) return err(invalidInput("投影查询无效", r.error.issues));
  const q = r.data;
  return ok({
    ...(q.keyPrefix === undefined ? {} : { keyPrefix: q.keyPrefix }),
    ...(q.sortKeyFrom === undefined ? {} : { sortKeyFrom: q.sortKeyFrom }),
    ...(q.sortKeyTo === undefined ? {} : { sortKeyTo: q.sortKeyTo }),
    limit: q.limit ?? PROJECTION_QUERY_LIMIT.default,
  });
}

/**
 * The projections a store is configured with, checked: valid unique names, positive
 * integer versions. A bad list is a programmer error: thrown when the store is created.
 */
export function checkProjections(projections: readonly Projection[]): readonly Projection[] {
  const seen = new Set<string>();
  for (const p of projections) {
    if (!ProjectionNameSchema.safeParse(p.name).success) throw new TypeError(`invalid projection name: ${p.name}`);
    if (!Number.isSafeInteger(p.version) || p.version < 1) throw new TypeError(`invalid projection version: ${p.name}`);
    if (seen.has(p.name)) throw new TypeError(`duplicate projection: ${p.name}`);
    seen.add(p.name);
  }
  return [...projections];
}

/** The hash algorithm of a store's options (`sha256` by default); a bad name is thrown. */
export function storeHashAlgorithm(name: HashAlgorithmName | undefined): HashAlgorithm {
  const r = hashAlgorithm(name ?? "sha256");
  if (r.isErr()) throw new TypeError(r.error.message);
  return r.value;
}

/** One event of a {@link PreparedAppend}: what the adapter inserts. */
export interface PreparedEvent {
  /** The validated event (a private copy). */
  readonly event: CaseEvent;
  /** Its canonical JSON: store exactly this text. */
  readonly json: string;
  /** Its Merkle leaf hash. */
  readonly leafHash: Uint8Array;
  /** The projections' writes for it, in order. */
  readonly writes: readonly TaggedProjectionWrite[];
}

/** An append checked and computed outside the transaction ({@link prepareAppend}). */
export interface PreparedAppend {
  /** The case. */
  readonly caseId: string;
  /** The version the stream must be at. */
  readonly expectedVersion: number;
  /** The version after the append. */
  readonly version: number;
  /** The events, in order. */
  readonly events: readonly PreparedEvent[];
}

/**
 * 准备追加 — everything about an append that does not depend on what is stored: the
 * arguments' validity (`INVALID_INPUT`), that the events carry `caseId` and continue the
 * stream from `expectedVersion` (`EVENT_SEQUENCE_INVALID`), their canonical JSON, leaf
 * hashes and projection writes. The adapter then checks the version inside its transaction.
 */
export function prepareAppend(
  caseId: unknown,
  expectedVersion: unknown,
  events: unknown,
  options: { readonly hash: HashAlgorithm; readonly projections: readonly Projection[] },
): Result<PreparedAppend, SanxiangError> {
  const id = checkCaseId(caseId);
  if (id.isErr()) return err(id.error);
  const version = checkCount(expectedVersion, "expectedVersion");
  if (version.isErr()) return err(version.error);
  if (!Array.isArray(events)) return err(sanxiangError("INVALID_INPUT", "追加的事件应为数组"));
  const prepared: PreparedEvent[] = [];
  for (const [index, raw] of (events as unknown[]).entries()) {
    const parsed = CaseEventSchema.safeParse(raw);
    if (!parsed.success) return err(invalidInput(`第 ${index + 1} 个事件不符合案件事件格式`, parsed.error.issues, raw));
    const event = parsed.data;
    const want = version.value + index + 1;
    if (event.caseId !== id.value || event.seq !== want) {
      return err(
        sanxiangError("EVENT_SEQUENCE_INVALID", `追加到案件 ${id.value} 的第 ${index + 1} 个事件序号应为 ${want}`, {
          details: { caseId: id.value, expectedSeq: want, got: { caseId: event.caseId, seq: event.seq }, index },
        }),
      );
    }
    let json: string;
    try {
      json = canonicalJson(event);
    } catch (cause) {
      return err(
        sanxiangError("INVALID_INPUT", `第 ${index + 1} 个事件含 JSON 无法精确表示的值`, {
          details: { index, reason: cause instanceof Error ? cause.message : textOf(cause) },
        }),
      );
    }
    const copy = JSON.parse(json) as CaseEvent;
    prepared.push({
      event: copy,
      json,
      // The stored text is the canonical JSON, so its UTF-8 bytes are the leaf (= eventLeafBytes).
      leafHash: merkleLeafHash(utf8ToBytes(json), { hash: options.hash }),
      writes: projectEvent(options.projections, copy),
    });
  }
  return ok({
    caseId: id.value,
    expectedVersion: version.value,
    version: version.value + prepared.length,
    events: prepared,
  });
}

/**
 * 解码已存事件 — a stored row back to a {@link StoredEvent}: the JSON must parse and pass
 * `CaseEventSchema`, the leaf hash must have the algorithm's length — else `STORE_CORRUPT`
 * naming the position. It does not recompute the leaf hash: {@link verifyEventStore} does.
 */
export function decodeStoredEvent(
  row: { readonly position: number; readonly json: string; readonly leafHash: Uint8Array },
  hash: HashAlgorithm,
): Result<StoredEvent, SanxiangError> {
  try {
    return decodeRow(row, hash);
  } catch (cause) {
    // A row whose fields cannot be read (a driver's object that throws): corrupt, never a throw.
    return err(storeCorrupt("存储的事件行无法读取", {}, cause));
  }
}

function decodeRow(
  row: { readonly position: number; readonly json: string; readonly leafHash: Uint8Array },
  hash: HashAlgorithm,
): Result<StoredEvent, SanxiangError> {
  let value: unknown;
  try {
    value = JSON.parse(row.json);
  } catch (cause) {
    return err(storeCorrupt(`第 ${row.position} 号事件无法解析`, { position: row.position }, cause));
  }
  const parsed = CaseEventSchema.safeParse(value);
  if (!parsed.success) {
    return err(
      storeCorrupt(`第 ${row.position} 号事件不符合案件事件格式`, {
        position: row.position,
        issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
      }),
    );
  }
  if (row.leafHash.length !== hash.outputLength) {
    return err(storeCorrupt(`第 ${row.position} 号事件的叶子哈希长度错误`, { position: row.position }));
  }
  return ok({ position: row.position, event: parsed.data, leafHash: row.leafHash.slice() });
}

/** How a store lets {@link runSubscription} wait for more events. */
export interface SubscriptionSource {
  /** Reads a page of events after a position (the store's own `readAll`). */
  readonly readAll: (options: {
    after: number;
    limit: number;
  }) => Promise<Result<readonly StoredEvent[], SanxiangError>>;
  /** The current last position (where a subscription without `after` starts). */
  readonly position: () => Promise<Result<number, SanxiangError>>;
  /**
   * Resolves when new events may have been stored: after a poll interval, or when the
   * store is notified. Spurious wake-ups are fine; missing one delays delivery until the
   * next. Called only while nothing new was found.
   */
  readonly waitForMore: (pollIntervalMs: number | undefined) => Promise<void>;
}

/**
 * {@link SubscribeOptions} checked: an object with an `onEvents` function, `after` a
 * non-negative integer, `onError` a function and `pollIntervalMs` a positive integer when
 * given — else `INVALID_INPUT`.
 */
export function checkSubscribeOptions(options: unknown): Result<SubscribeOptions, SanxiangError> {
  if (typeof options !== "object" || options === null) return err(sanxiangError("INVALID_INPUT", "订阅选项应为对象"));
  const o = options as Record<string, unknown>;
  if (typeof o.onEvents !== "function") return err(sanxiangError("INVALID_INPUT", "订阅选项 onEvents 应为函数"));
  if (o.onError !== undefined && typeof o.onError !== "function") {
    return err(sanxiangError("INVALID_INPUT", "订阅选项 onError 应为函数"));
  }
  if (o.after !== undefined) {
    const after = checkCount(o.after, "after");
    if (after.isErr()) return err(after.error);
  }
  if (
    o.pollIntervalMs !== undefined &&
    !(typeof o.pollIntervalMs === "number" && Number.isSafeInteger(o.pollIntervalMs) && o.pollIntervalMs >= 1)
  ) {
    return err(
      sanxiangError("INVALID_INPUT", "订阅选项 pollIntervalMs 应为正整数（毫秒）", {
        details: { pollIntervalMs: textOf(o.pollIntervalMs) },
      }),
    );
  }
  return ok(options as SubscribeOptions);
}

/**
 * 订阅循环 — the subscription every adapter offers, over its `readAll` and a wake-up
 * signal: reads pages after the last delivered position, hands each batch to the handler
 * and waits for it, and sleeps in `waitForMore` when nothing is new. Exactly-once per
 * subscription follows from positions being dense and delivered in order. Malformed options
 * ({@link checkSubscribeOptions}) end the subscription at once with `INVALID_INPUT` to
 * `onError` (when it is a function).
 */
export function runSubscription(source: SubscriptionSource, options: SubscribeOptions): EventSubscription {
  const checked = checkSubscribeOptions(options);
  if (checked.isErr()) {
    // subscribe() returns no Result: malformed options end the subscription at once, reported
    // to onError when there is a usable one — never a throw, never an unhandled rejection.
    const onError = typeof options === "object" && options !== null ? (options as { onError?: unknown }).onError : null;
    if (typeof onError === "function") {
      try {
        (onError as (e: SanxiangError) => void)(checked.error);
      } catch {
        // the caller's own handler failing is not the store's to report
      }
    }
    return { close: async () => {} };
  }
  let closed = false;
  let wake: () => void = () => {};
  const closedSignal = new Promise<void>((resolve) => {
    wake = resolve;
  });
  const fail = (error: SanxiangError): void => {
    if (!closed) options.onError?.(error);
  };
  const loop = (async () => {
    let after = options.after;
    if (after === undefined) {
      const start = await source.position();
      if (start.isErr()) return fail(start.error);
      after = start.value;
    }
    while (!closed) {
      const page = await source.readAll({ after, limit: READ_ALL_LIMIT.default });
      if (closed) return;
      if (page.isErr()) return fail(page.error);
      const batch = page.value;
      const last = batch.at(-1);
      if (last === undefined) {
        await Promise.race([source.waitForMore(options.pollIntervalMs), closedSignal]);
        continue;
      }
      // Exactly once rests on the page starting right after `after`, dense: a source that
      // returns `after` itself again (>= for >) would deliver it forever without yielding.
      const from = after;
      const misplaced = batch.findIndex((s, i) => s.position !== from + i + 1);
      if (misplaced >= 0) {
        return fail(
          storeCorrupt("订阅读取的事件位置不连续（应紧接上一批之后），订阅已停止", {
            after: from,
            index: misplaced,
            position: batch[misplaced]?.position,
          }),
        );
      }
      try {
        await options.onEvents(batch);
      } catch (cause) {
        return fail(
          sanxiangError("STORE_UNAVAILABLE", "订阅处理函数出错，订阅已停止", {
            details: { position: batch[0]?.position },
            cause,
          }),
        );
      }
      after = last.position;
    }
  })();
  return {
    close: async () => {
      closed = true;
      wake();
      await loop;
    },
  };
}
