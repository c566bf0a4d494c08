import { z } from "zod";
import { invalidInput, SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithmName, HashAlgorithmNameSchema, type Hasher, sha256, toHex } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { sm3 } from "../kernel/sm3.js";
import { type ContentHash, ContentHashSchema } from "./evidence.js";

/**
 * 证据存储能力 — what an {@link EvidenceStore} declares about itself. Core and the
 * conformance suite both read these flags; nothing about a store's abilities lives only in
 * test options.
 */
export interface EvidenceStoreCapabilities {
  /** Hash algorithms `put` can hash with and the store can hold (the first is the default). */
  readonly algorithms: readonly HashAlgorithmName[];
  /** True when an acknowledged `put` survives a crash or power loss (it reached stable storage). */
  readonly durable: boolean;
  /** Largest content, in bytes, the store accepts; `null` when it sets no limit of its own. */
  readonly maxSize: number | null;
}

/** Options of {@link EvidenceStore.put}. */
export interface EvidencePutOptions {
  /**
   * The hash the sender computed (at capture, on the device): `put` hashes with its
   * algorithm and refuses the content (`EVIDENCE_TAMPERED`, nothing stored) when the
   * digests differ.
   */
  readonly expected?: ContentHash;
  /** The size the sender announced, in bytes: refused (`EVIDENCE_TAMPERED`, nothing stored) when it differs. */
  readonly expectedSize?: number;
  /**
   * The algorithm to hash with when `expected` is absent (default: the store's first
   * algorithm). When both are given they must agree (`INVALID_INPUT` otherwise).
   */
  readonly algorithm?: HashAlgorithmName;
}

/** What {@link EvidenceStore.put} acknowledges. */
export interface EvidencePutResult {
  /** 哈希值 — the content's hash: its key in the store. */
  readonly hash: ContentHash;
  /** Size in bytes. */
  readonly size: number;
  /** True when this call stored the bytes; false when they were already there (nothing was rewritten). */
  readonly created: boolean;
}

/** What {@link EvidenceStore.stat} tells of stored content. */
export interface EvidenceStat {
  /** Size in bytes. */
  readonly size: number;
}

/** What {@link EvidenceStore.verify} confirms: the hash re-computed from the stored bytes, and their size. */
export interface EvidenceVerified {
  /** The hash asked about, now re-computed from the stored bytes. */
  readonly hash: ContentHash;
  /** Size in bytes of the stored content. */
  readonly size: number;
}

/** The content `put` accepts: the bytes at once, or a stream of chunks (a Node `Readable` is one). */
export type EvidenceContent = Uint8Array | AsyncIterable<Uint8Array>;

/**
 * 证据存储 — the port for evidence files (执法记录仪视频, photos, scans), version 1.
 * Content addressed: the key of stored bytes is their hash ({@link ContentHash}), so a
 * key can never point at other bytes than those it was computed from. A contract, not
 * just a signature:
 *
 * - Every method returns a `Result`; none throws for a domain failure or a storage
 *   failure. Only the iterables that `get` and `list` return can throw while being
 *   iterated (a disk that fails mid-read): they throw a `SanxiangError` with code
 *   `EVIDENCE_STORE_FAILED` and the original error as `cause`.
 * - Storage failures (disk full, permission, a lost connection, a source stream that
 *   errors) are `Err` with `EVIDENCE_STORE_FAILED`, the underlying error kept as `cause`.
 * - Bad input — a hash that fails {@link ContentHashSchema}, content that is neither a
 *   `Uint8Array` nor an async iterable of them, a chunk of another type, malformed options —
 *   is `Err` with `INVALID_INPUT`, and the store is unchanged. A well-formed hash of an
 *   algorithm the store does not hold is `HASH_ALGORITHM_UNSUPPORTED` for `put`, and simply
 *   not found for the lookups.
 * - Not found is a value, not an error, for `get`, `stat` and `has` (`null`, `null`,
 *   `false`); `verify` is the exception — asked to vouch for a hash, it says
 *   `EVIDENCE_NOT_FOUND`.
 * - Nothing is ever deleted or overwritten: evidence is kept for as long as the case file
 *   (案卷) that cites it, so the SDK offers no `delete`. Retention and disposal (销毁) are
 *   the archive's business, done with its own procedure outside this port.
 * - Concurrent calls are allowed, also concurrent `put`s of the same content: each
 *   succeeds and the content is stored once.
 */
export interface EvidenceStore {
  /** The port version this store implements. */
  readonly specificationVersion: "v1";
  /** What the store can do; see {@link EvidenceStoreCapabilities}. */
  readonly capabilities: EvidenceStoreCapabilities;

  /**
   * Stores content, hashing it as it streams through (bounded memory for stores that
   * write as they read), and returns its hash and size.
   *
   * - Idempotent: the same bytes again → `created: false`, same hash and size, and the
   *   stored copy is not rewritten.
   * - Upload corruption: when `options.expected` or `options.expectedSize` disagree with
   *   the bytes received → `EVIDENCE_TAMPERED` (details: `expected`, `actual`), and
   *   nothing is stored.
   * - Content larger than `capabilities.maxSize` → `INVALID_INPUT`, nothing stored.
   * - The `Ok` is sent only once the content is fully stored (on stable storage when
   *   `capabilities.durable`): acknowledged evidence is never lost. Until then nothing of it
   *   is found or listed.
   * - `put` takes charge of a streamed source: an error it emits at any moment (before the
   *   store reads it, too) is heard and becomes `EVIDENCE_STORE_FAILED` (details
   *   `stage: "source"`), never an unhandled `'error'` that would crash a Node process; by
   *   the time `put` settles the source has been read to its end or destroyed. Stores get
   *   this by wrapping their implementation in {@link guardEvidencePut}.
   */
  put(content: EvidenceContent, options?: EvidencePutOptions): Promise<Result<EvidencePutResult, SanxiangError>>;

  /**
   * The stored bytes, as chunks, or `null` when the store holds no content under `hash`.
   * Each call returns a fresh iterable that can be iterated once; it yields copies, so a
   * caller changing a chunk changes nothing stored. It does not re-hash: use `verify`.
   */
  get(hash: ContentHash): Promise<Result<AsyncIterable<Uint8Array> | null, SanxiangError>>;

  /** Size of the content stored under `hash`, or `null` when there is none. Does not re-hash. */
  stat(hash: ContentHash): Promise<Result<EvidenceStat | null, SanxiangError>>;

  /** Whether the store holds content under `hash`. Does not re-hash. */
  has(hash: ContentHash): Promise<Result<boolean, SanxiangError>>;

  /**
   * Re-hashes the stored bytes: `Ok` when they still hash to `hash`;
   * `EVIDENCE_TAMPERED` (details: `hash`, `actual`, `size`) when they do not — bit rot or
   * tampering; `EVIDENCE_NOT_FOUND` when nothing is stored under `hash`. Reads everything,
   * so costs as much as a `get`. Changes nothing.
   */
  verify(hash: ContentHash): Promise<Result<EvidenceVerified, SanxiangError>>;

  /**
   * Every stored hash, each once, in no particular order. Content still being written,
   * or abandoned mid-write by a crash, is never listed. Iterating may throw
   * `EVIDENCE_STORE_FAILED` (see the contract above).
   */
  list(): AsyncIterable<ContentHash>;
}

// ---------------------------------------------------------------------------------------
// Helpers for store implementations: the checks and the streaming hash every store must
// do the same way, so that the reference store and the adapters cannot drift apart.

/** True for a `Uint8Array` (a Node `Buffer` is one), also one made in another realm. */
export function isBytes(value: unknown): value is Uint8Array {
  try {
    return (
      value instanceof Uint8Array ||
      (ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === "[object Uint8Array]")
    );
  } catch {
    // A Proxy whose traps throw is not bytes, and asking must not throw.
    return false;
  }
}

/**
 * Checks a hash given to a store method: `Ok` with the hash, or `INVALID_INPUT` naming
 * what is wrong (schema of {@link ContentHashSchema}).
 */
export function checkEvidenceHash(value: unknown): Result<ContentHash, SanxiangError> {
  const parsed = safeParse(ContentHashSchema, value);
  return parsed.success ? ok(parsed.data) : err(invalidInput("证据哈希无效", parsed.issues));
}

/**
 * `schema.safeParse` that also survives a value whose getters or Proxy traps throw (zod
 * lets those through): that value is simply invalid.
 */
function safeParse<T>(
  schema: z.ZodType<T>,
  value: unknown,
): { success: true; data: T } | { success: false; issues: readonly InputIssueLike[] } {
  try {
    const parsed = schema.safeParse(value);
    return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: parsed.error.issues };
  } catch (cause) {
    return { success: false, issues: [{ path: [], message: `读取该值时出错（${describeCause(cause)}）` }] };
  }
}

interface InputIssueLike {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** A short, never-throwing description of a thrown value, for error details. */
function describeCause(cause: unknown): string {
  try {
    return cause instanceof Error ? `${cause.name}: ${cause.message}` : typeOf(cause);
  } catch {
    return "unknown";
  }
}

/** {@link EvidencePutOptions} after checking: the algorithm to hash with is settled. */
export interface CheckedPutOptions {
  /** The algorithm `put` hashes with. */
  readonly algorithm: HashAlgorithmName;
  /** The hash the sender announced, when given. */
  readonly expected?: ContentHash;
  /** The size the sender announced, when given. */
  readonly expectedSize?: number;
}

const PutOptionsSchema = z
  .object({
    expected: ContentHashSchema.optional(),
    expectedSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
    algorithm: HashAlgorithmNameSchema.optional(),
  })
  .optional();

/**
 * Checks the options of a `put` against the store's capabilities: `INVALID_INPUT` for a
 * malformed option or an `algorithm` that disagrees with `expected`,
 * `HASH_ALGORITHM_UNSUPPORTED` for an algorithm the store does not hold.
 */
export function checkEvidencePutOptions(
  options: unknown,
  capabilities: EvidenceStoreCapabilities,
): Result<CheckedPutOptions, SanxiangError> {
  const parsed = safeParse(PutOptionsSchema, options);
  if (!parsed.success) return err(invalidInput("证据存储选项无效", parsed.issues));
  const o = parsed.data ?? {};
  if (o.expected !== undefined && o.algorithm !== undefined && o.expected.algorithm !== o.algorithm) {
    return err(
      sanxiangError("INVALID_INPUT", `证据存储选项无效：algorithm（${o.algorithm}）与预期哈希的算法不一致`, {
        details: { algorithm: o.algorithm, expected: o.expected },
      }),
    );
  }
  const algorithm = o.expected?.algorithm ?? o.algorithm ?? capabilities.algorithms[0];
  if (algorithm === undefined || !capabilities.algorithms.includes(algorithm)) {
    return err(
      sanxiangError("HASH_ALGORITHM_UNSUPPORTED", `该证据存储不支持哈希算法 ${String(algorithm)}`, {
        details: { name: String(algorithm), supported: capabilities.algorithms },
      }),
    );
  }
  return ok({
    algorithm,
    ...(o.expected === undefined ? {} : { expected: o.expected }),
    ...(o.expectedSize === undefined ? {} : { expectedSize: o.expectedSize }),
  });
}

/** Where {@link ingestEvidence} sends the bytes it has checked and hashed. */
export interface EvidenceSink {
  /**
   * Takes one chunk. The chunk belongs to the caller once the returned promise settles:
   * keep a copy, not the chunk. A throw or rejection aborts the ingest.
   */
  write(chunk: Uint8Array): void | Promise<void>;
}

/** What {@link ingestEvidence} found: the content's hash and size. */
export interface IngestedEvidence {
  /** The hash of every byte written to the sink. */
  readonly hash: ContentHash;
  /** Number of bytes written to the sink. */
  readonly size: number;
}

/**
 * Streams content into a sink while hashing it: the shared core of every store's `put`.
 * It checks the content's type and each chunk, stops early once more bytes arrived than
 * `expectedSize` or `maxSize` allow, and compares the result with `expected` /
 * `expectedSize`. The store commits what the sink received only on `Ok`; on `Err` it
 * discards it. It never throws, whatever `content` is.
 *
 * Errors: `INVALID_INPUT` (content or a chunk of the wrong type, too large for
 * `maxSize`), `EVIDENCE_TAMPERED` (hash or size differ from those announced),
 * `EVIDENCE_STORE_FAILED` (the source or the sink failed; a `SanxiangError` thrown by the
 * sink is passed on as is). `details.stage` says which side failed: `"source"` — the
 * content (a file that cannot be read, an upload that broke off; `details.source` names
 * the file when the source is a file stream) — or `"sink"` — the store's own writing.
 * When ingestion stops early the source's iterator is closed (a Node stream is destroyed).
 *
 * @param hasher - the incremental hash to use (core's {@link kernel.hashAlgorithm} by default;
 *   an adapter may pass a native one that yields the same digests).
 */
export async function ingestEvidence(
  content: unknown,
  options: CheckedPutOptions & { readonly maxSize?: number | null },
  sink: EvidenceSink,
  hasher: Hasher = builtinHasher(options.algorithm),
): Promise<Result<IngestedEvidence, SanxiangError>> {
  const { expectedSize, maxSize } = options;
  let size = 0;
  let index = 0;
  const take = async (chunk: unknown): Promise<Result<void, SanxiangError>> => {
    if (!isBytes(chunk)) {
      return err(
        sanxiangError("INVALID_INPUT", `证据内容的第 ${index + 1} 块不是字节数组（Uint8Array）`, {
          details: { chunk: index, type: typeOf(chunk) },
        }),
      );
    }
    size += chunk.byteLength;
    index += 1;
    if (expectedSize !== undefined && size > expectedSize) return err(sizeMismatch(expectedSize, size, false));
    if (maxSize !== undefined && maxSize !== null && size > maxSize) return err(tooLarge(maxSize, size));
    try {
      const pending = sink.write(chunk);
      hasher.update(chunk);
      await pending;
    } catch (cause) {
      if (SanxiangError.isInstance(cause)) return err(cause);
      return err(
        sanxiangError("EVIDENCE_STORE_FAILED", `写入证据内容失败（${describeCause(cause)}）`, {
          details: { stage: "sink", at: size },
          cause,
        }),
      );
    }
    return ok(undefined);
  };

  if (isBytes(content)) {
    const taken = await take(content);
    if (taken.isErr()) return err(taken.error);
  } else {
    const opened = openSource(content);
    if (opened.isErr()) return err(opened.error);
    const iterator = opened.value;
    for (;;) {
      let done: unknown;
      let chunk: unknown;
      try {
        const step: IteratorResult<unknown> = await iterator.next();
        done = step.done;
        chunk = step.value;
      } catch (cause) {
        // An iterator that threw is finished: no `return()` (as `for await` does).
        return err(sourceFailed(content, cause, size));
      }
      if (done === true) break;
      const taken = await take(chunk);
      if (taken.isErr()) {
        closeSource(iterator);
        return err(taken.error);
      }
    }
  }
  const hash: ContentHash = { algorithm: options.algorithm, hex: toHex(hasher.digest()) };
  if (expectedSize !== undefined && size !== expectedSize) return err(sizeMismatch(expectedSize, size, true));
  if (options.expected !== undefined && options.expected.hex !== hash.hex) {
    return err(
      sanxiangError(
        "EVIDENCE_TAMPERED",
        `收到的证据哈希与预期不符（预期 ${options.expected.hex}，实际 ${hash.hex}），未存储`,
        {
          details: { expected: options.expected, actual: hash, size },
        },
      ),
    );
  }
  return ok({ hash, size });
}

/** The iterator of content that is not bytes: `INVALID_INPUT` unless it is an async iterable; never throws. */
function openSource(content: unknown): Result<AsyncIterator<unknown>, SanxiangError> {
  let iterate: unknown;
  try {
    iterate =
      typeof content === "object" && content !== null
        ? (content as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator]
        : undefined;
  } catch (cause) {
    return err(sourceFailed(content, cause, 0));
  }
  if (typeof iterate !== "function") {
    return err(
      sanxiangError("INVALID_INPUT", "证据内容应为字节数组（Uint8Array）或其异步可迭代流", {
        details: { type: typeOf(content) },
      }),
    );
  }
  try {
    const iterator: unknown = iterate.call(content);
    if (typeof iterator !== "object" || iterator === null) throw new TypeError("async iterator is not an object");
    return ok(iterator as AsyncIterator<unknown>);
  } catch (cause) {
    return err(sourceFailed(content, cause, 0));
  }
}

/** Closes a source read only in part (a Node stream's iterator destroys the stream); never throws nor waits. */
function closeSource(iterator: AsyncIterator<unknown>): void {
  try {
    const closing: unknown = iterator.return?.();
    if (closing instanceof Promise) closing.catch(() => undefined);
  } catch {
    // A source that cannot even be closed has nothing more to give.
  }
}

/** The file a source reads, when it is a file stream (Node's `fs.ReadStream` has `path`). */
function sourcePath(content: unknown): string | undefined {
  try {
    const path = typeof content === "object" && content !== null ? (content as { path?: unknown }).path : undefined;
    return typeof path === "string" ? path : undefined;
  } catch {
    return undefined;
  }
}

/** The content's source failed (it threw, errored, or was destroyed before its end). */
function sourceFailed(content: unknown, cause: unknown, at: number): SanxiangError {
  const source = sourcePath(content);
  let errno: string | undefined;
  try {
    const code = typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
    errno = typeof code === "string" ? code : undefined;
  } catch {
    errno = undefined;
  }
  const why = errno === "ENOENT" ? "文件不存在" : errno === "EACCES" || errno === "EPERM" ? "没有读取权限" : undefined;
  return sanxiangError(
    "EVIDENCE_STORE_FAILED",
    `读取证据来源失败（${why ?? errno ?? describeCause(cause)}）${source === undefined ? "" : `：${source}`}，未存储`,
    {
      details: {
        stage: "source",
        at,
        ...(source === undefined ? {} : { source }),
        ...(errno === undefined ? {} : { errno }),
      },
      cause,
    },
  );
}

/** What a store's `put` implementation is, before {@link guardEvidencePut} wraps it. */
export type EvidencePutImplementation = (
  content: unknown,
  options: unknown,
) => Promise<Result<EvidencePutResult, SanxiangError>>;

/**
 * 接管证据来源 — wraps a store's `put` so that it keeps three rules of the port whatever
 * the store does inside (every store should use it; both stores of the SDK do):
 *
 * 1. **The source is listened to from the first moment.** A Node stream that errors while
 *    nobody listens — a `fs.createReadStream` of a file that does not exist errors as soon
 *    as the file fails to open — crashes the whole process. A store that awaits anything
 *    (opening a directory, a connection, a temporary file) before it starts reading would
 *    leave that window open; the wrapper attaches an `'error'` listener before calling
 *    `put`, so the error reaches `ingestEvidence` as an `EVIDENCE_STORE_FAILED` instead.
 * 2. **The source is released when `put` settles.** A Node stream not read to its end (bad
 *    options, a size limit, a failure) is destroyed, an unread web `ReadableStream` is
 *    cancelled: no open file is left behind, and no late error goes unheard.
 * 3. **`put` never throws nor rejects**: a throw or rejection of the implementation is an
 *    `EVIDENCE_STORE_FAILED` with the thrown value as `cause`.
 */
export function guardEvidencePut(put: EvidencePutImplementation): EvidenceStore["put"] {
  return async (content, options) => {
    const release = claimSource(content);
    try {
      return await put(content, options);
    } catch (cause) {
      if (SanxiangError.isInstance(cause)) return err(cause);
      return err(
        sanxiangError("EVIDENCE_STORE_FAILED", `证据存储内部错误（${describeCause(cause)}），未存储`, { cause }),
      );
    } finally {
      release();
    }
  };
}

/** Listens for a Node-style source's `'error'` now; returns what releases the source later. Never throws. */
function claimSource(content: unknown): () => void {
  if (isBytes(content) || typeof content !== "object" || content === null) return () => undefined;
  const source = content as {
    on?: unknown;
    destroy?: unknown;
    destroyed?: unknown;
    cancel?: unknown;
    locked?: unknown;
  };
  try {
    // The listener stays: an error the source emits after put settled has nobody else to hear it.
    if (typeof source.on === "function") source.on.call(content, "error", () => undefined);
  } catch {
    // Not an event emitter after all; its iterator will tell.
  }
  return () => {
    try {
      if (typeof source.destroy === "function" && source.destroyed !== true) {
        source.destroy.call(content);
      } else if (typeof source.cancel === "function" && source.locked === false) {
        const cancelled: unknown = source.cancel.call(content);
        if (cancelled instanceof Promise) cancelled.catch(() => undefined);
      }
    } catch {
      // Releasing is best effort: put's result stands.
    }
  };
}

/** The built-in incremental hash (core's pure-JS SHA-256 or SM3) for `name`. */
function builtinHasher(name: HashAlgorithmName): Hasher {
  return name === "sm3" ? sm3.create() : sha256.create();
}

/** The announced size differs from the bytes received (`complete`: the stream ended). */
function sizeMismatch(expectedSize: number, size: number, complete: boolean): SanxiangError {
  return sanxiangError(
    "EVIDENCE_TAMPERED",
    `收到的证据大小与预期不符（预期 ${expectedSize} 字节，${complete ? "实际" : "至少"} ${size} 字节），未存储`,
    { details: { expected: { size: expectedSize }, actual: { size }, complete } },
  );
}

/** The content is larger than the store accepts. */
function tooLarge(maxSize: number, size: number): SanxiangError {
  return sanxiangError("INVALID_INPUT", `证据超过该存储允许的大小（${maxSize} 字节），未存储`, {
    details: { maxSize, size },
  });
}

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object") return typeof value;
  try {
    return Object.prototype.toString.call(value).slice(8, -1);
  } catch {
    return "object";
  }
}
