/**
 * @sanxiang/evidence-fs — 证据文件存储: the filesystem {@link EvidenceStore}. Evidence
 * files (执法记录仪视频, photos, scans) are stored content addressed under
 * `dir/<algorithm>/<aa>/<bb>/<hex>`, hashed as they stream in (bounded memory), written
 * atomically, stored once, and re-hashed on `verify`.
 *
 * @packageDocumentation
 */
import { createHash, getHashes, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { type FileHandle, link, mkdir, open, readdir, rename, rm, stat, unlink } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import {
  type ContentHash,
  checkEvidenceHash,
  checkEvidencePutOptions,
  type EvidenceStore,
  type EvidenceStoreCapabilities,
  err,
  guardEvidencePut,
  type HashAlgorithmName,
  HashAlgorithmNameSchema,
  type Hasher,
  hashAlgorithm,
  ingestEvidence,
  ok,
  type Result,
  SanxiangError,
  sanxiangError,
} from "@sanxiang/core";

/** Options of {@link fsEvidenceStore}. */
export interface FsEvidenceStoreOptions {
  /** The store's directory; created on first use. */
  readonly dir: string;
  /** The algorithm `put` hashes with by default (default `"sha256"`); the other one stays available per call. */
  readonly hash?: HashAlgorithmName;
  /** Largest content accepted, in bytes (default: no limit). */
  readonly maxSize?: number;
  /**
   * Temporary files (`dir/.tmp/`) older than this, in milliseconds, are removed when the
   * store opens (default 24 hours). They are what a crash mid-write leaves behind; younger
   * ones may belong to a put still running in another process, so they are only ignored.
   */
  readonly tempMaxAgeMs?: number;
}

/** The filesystem {@link EvidenceStore}, with the two things only a filesystem store knows. */
export interface FsEvidenceStore extends EvidenceStore {
  /** The store's directory, absolute. */
  readonly dir: string;
  /**
   * Where the content of `hash` lives (or would live): `dir/<algorithm>/<aa>/<bb>/<hex>`,
   * `aa` and `bb` the first two bytes of the hex digest. Does not check that it exists;
   * throws a `RangeError` for a malformed hash (a programmer error: the path must never
   * leave `dir`).
   */
  pathOf(hash: ContentHash): string;
}

/** Temporary files live here, on the same filesystem as the final names (a `link`/`rename` needs that). */
const TEMP_DIR = ".tmp";
const TEMP_SUFFIX = ".part";
const DAY_MS = 24 * 60 * 60 * 1000;
const HEX64 = /^[0-9a-f]{64}$/;
const HEX2 = /^[0-9a-f]{2}$/;

/** A hasher from node:crypto (OpenSSL: SHA-NI where the CPU has it), or core's pure-JS one where OpenSSL lacks SM3. */
function nativeHasher(name: HashAlgorithmName): Hasher {
  if (!getHashes().includes(name)) return hashAlgorithm(name)._unsafeUnwrap().create();
  const h = createHash(name);
  const hasher: Hasher = {
    update(data) {
      h.update(data);
      return hasher;
    },
    digest: () => new Uint8Array(h.digest()),
  };
  return hasher;
}

function errnoOf(e: unknown): string | undefined {
  return typeof e === "object" && e !== null ? (e as { code?: unknown }).code?.toString() : undefined;
}

/** A filesystem failure as the port's coded error, the original kept as `cause`. */
function storeFailed(what: string, path: string, cause: unknown): SanxiangError {
  if (SanxiangError.isInstance(cause)) return cause;
  const errno = errnoOf(cause);
  const why =
    errno === "ENOSPC"
      ? "磁盘空间不足"
      : errno === "EACCES" || errno === "EPERM"
        ? "没有访问权限"
        : errno === "EROFS"
          ? "文件系统只读"
          : (errno ?? "未知错误");
  return sanxiangError("EVIDENCE_STORE_FAILED", `${what}失败（${why}）：${path}`, {
    details: { path, ...(errno === undefined ? {} : { errno }) },
    cause,
  });
}

/** Size of the chunks `get` yields and `verify` reads. */
const READ_CHUNK = 256 * 1024;
/** Size of each write to the temporary file. */
const WRITE_BUFFER = 1024 * 1024;
/** Buffers per put: one filling, the others being written (positional writes, in parallel). */
const WRITE_BUFFERS = 4;

/**
 * A sink that gathers chunks into 1 MiB buffers and writes each, at its offset, while the
 * next fills: at most {@link WRITE_BUFFERS} buffers, so memory stays bounded whatever the
 * content's size. Small chunks (a stream's 64 KiB) then cost one system call per MiB,
 * and the writes overlap the hashing of what follows.
 */
function bufferedWriter(fh: FileHandle): {
  write(chunk: Uint8Array): Promise<void>;
  flush(): Promise<void>;
  settle(): Promise<void>;
} {
  let current: Buffer = Buffer.allocUnsafe(WRITE_BUFFER);
  const free: Buffer[] = [];
  const inFlight: Promise<Buffer>[] = [];
  let used = 0;
  let position = 0;

  const writeAll = async (buf: Buffer, length: number, at: number): Promise<Buffer> => {
    let done = 0;
    while (done < length) done += (await fh.write(buf, done, length - done, at + done)).bytesWritten;
    return buf;
  };
  const send = async (): Promise<void> => {
    const write = writeAll(current, used, position);
    // Marked handled now; the error still reaches whoever awaits it (the next send, or flush).
    write.catch(() => undefined);
    inFlight.push(write);
    position += used;
    used = 0;
    if (inFlight.length >= WRITE_BUFFERS) free.push(await (inFlight.shift() as Promise<Buffer>));
    current = free.pop() ?? Buffer.allocUnsafe(WRITE_BUFFER);
  };
  return {
    async write(chunk) {
      let at = 0;
      while (at < chunk.byteLength) {
        const n = Math.min(chunk.byteLength - at, WRITE_BUFFER - used);
        current.set(chunk.subarray(at, at + n), used);
        used += n;
        at += n;
        if (used === WRITE_BUFFER) await send();
      }
    },
    async flush() {
      if (used > 0) await send();
      const failed = (await Promise.allSettled(inFlight.splice(0))).find((r) => r.status === "rejected");
      if (failed !== undefined) throw failed.reason;
    },
    /** Waits for the writes still in flight, ignoring their outcome (before giving up on the file). */
    async settle() {
      await Promise.allSettled(inFlight.splice(0));
    },
  };
}

/** fsync a directory, so that a new name in it survives a power loss (no-op where directories cannot be opened). */
async function syncDir(path: string): Promise<void> {
  if (process.platform === "win32") return;
  const fh = await open(path, "r");
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/**
 * 文件系统证据存储 — an {@link EvidenceStore} on a local (or network) filesystem.
 *
 * - Layout: `dir/<algorithm>/<aa>/<bb>/<hex>`, read-only files (mode 0444); temporary
 *   files in `dir/.tmp/`. Nothing else is written.
 * - `put` streams the content into a temporary file while hashing it (node:crypto; at
 *   most four 1 MiB buffers, so memory stays bounded whatever the size), `fsync`s it, then
 *   `link`s it under its final name — which, unlike `rename`, never replaces an existing
 *   file: of concurrent puts of the same content exactly one creates it — `fsync`s the
 *   directories that gained a name, and removes the temporary name. Only then does it
 *   acknowledge. Where the filesystem has no hard links it falls back to `rename`.
 * - A crash at whatever point leaves either nothing, or a complete file under its final name,
 *   and possibly a temporary file, which is never listed nor read and is removed when a
 *   later store opens the directory after `tempMaxAgeMs`.
 * - Failures of the filesystem (disk full, permission, read-only) are
 *   `EVIDENCE_STORE_FAILED` with the `errno` in `details` and the original error as `cause`;
 *   the temporary file is removed.
 */
export function fsEvidenceStore(options: FsEvidenceStoreOptions): FsEvidenceStore {
  const dir = resolve(options.dir);
  const temp = join(dir, TEMP_DIR);
  const first = options.hash ?? "sha256";
  if (!HashAlgorithmNameSchema.options.includes(first)) throw new RangeError(`fsEvidenceStore: unknown hash ${first}`);
  const tempMaxAgeMs = options.tempMaxAgeMs ?? DAY_MS;
  const capabilities: EvidenceStoreCapabilities = {
    algorithms: [first, ...HashAlgorithmNameSchema.options.filter((a) => a !== first)],
    durable: true,
    maxSize: options.maxSize ?? null,
  };

  const pathOf = (hash: ContentHash): string => {
    if (!HEX64.test(hash.hex) || !HashAlgorithmNameSchema.options.includes(hash.algorithm)) {
      throw new RangeError("fsEvidenceStore.pathOf: malformed hash");
    }
    return join(dir, hash.algorithm, hash.hex.slice(0, 2), hash.hex.slice(2, 4), hash.hex);
  };

  // Opening: create the directories and sweep old temporary files, once; a failed open is
  // retried by the next call instead of poisoning the store.
  let opening: Promise<Result<void, SanxiangError>> | undefined;
  const ready = (): Promise<Result<void, SanxiangError>> => {
    opening ??= openStore().then((r) => {
      if (r.isErr()) opening = undefined;
      return r;
    });
    return opening;
  };
  async function openStore(): Promise<Result<void, SanxiangError>> {
    try {
      await mkdir(temp, { recursive: true });
      const now = Date.now();
      for (const name of await readdir(temp)) {
        const path = join(temp, name);
        const s = await stat(path).catch(() => undefined);
        if (s !== undefined && now - s.mtimeMs > tempMaxAgeMs) await rm(path, { force: true });
      }
      return ok(undefined);
    } catch (cause) {
      return err(storeFailed("打开证据目录", dir, cause));
    }
  }

  /** `stat` of the content's file, `null` when absent. */
  async function statOf(hash: ContentHash): Promise<Result<{ size: number } | null, SanxiangError>> {
    const path = pathOf(hash);
    try {
      const s = await stat(path);
      return ok(s.isFile() ? { size: s.size } : null);
    } catch (cause) {
      const errno = errnoOf(cause);
      if (errno === "ENOENT" || errno === "ENOTDIR") return ok(null);
      return err(storeFailed("读取证据文件信息", path, cause));
    }
  }

  async function* readFile(path: string): AsyncIterable<Uint8Array> {
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: READ_CHUNK })) yield chunk as Buffer;
    } catch (cause) {
      throw storeFailed("读取证据文件", path, cause);
    }
  }

  return {
    specificationVersion: "v1",
    capabilities,
    dir,
    pathOf,

    // Guarded: the source is listened to before the first await below (a file stream that
    // fails to open would otherwise crash the process) and released when put settles.
    put: guardEvidencePut(async (content, putOptions) => {
      const checked = checkEvidencePutOptions(putOptions, capabilities);
      if (checked.isErr()) return err(checked.error);
      const opened = await ready();
      if (opened.isErr()) return err(opened.error);
      const tempPath = join(temp, `${process.pid}-${randomBytes(8).toString("hex")}${TEMP_SUFFIX}`);
      let fh: FileHandle | undefined;
      let tempExists = false;
      try {
        fh = await open(tempPath, "wx", 0o444);
        tempExists = true;
        const sink = bufferedWriter(fh);
        const ingested = await ingestEvidence(
          content,
          { ...checked.value, maxSize: capabilities.maxSize },
          sink,
          nativeHasher(checked.value.algorithm),
        );
        if (ingested.isOk()) await sink.flush();
        else await sink.settle();
        if (ingested.isErr()) {
          const e = ingested.error;
          // The store's own writing failing gets the path and errno; a failing source (a
          // file that cannot be read, an upload that broke off) is passed on as is: it
          // names the source, not the temporary file.
          const fsError = e.code === "EVIDENCE_STORE_FAILED" && e.details?.stage === "sink";
          return err(fsError ? storeFailed("写入证据", tempPath, e.cause) : e);
        }
        await fh.sync();
        await fh.close();
        fh = undefined;
        const { hash, size } = ingested.value;
        const finalPath = pathOf(hash);
        const finalDir = dirname(finalPath);
        const createdDir = await mkdir(finalDir, { recursive: true });
        let created: boolean;
        try {
          await link(tempPath, finalPath);
          created = true;
        } catch (cause) {
          const errno = errnoOf(cause);
          if (errno === "EEXIST") created = false;
          else if (errno === "EPERM" || errno === "ENOTSUP" || errno === "EOPNOTSUPP" || errno === "ENOSYS") {
            // No hard links here (some network and FAT filesystems): rename, which may
            // replace a file another put created meanwhile — with the same bytes.
            created = (await statOf(hash)).map((s) => s === null).unwrapOr(true);
            if (created) {
              await rename(tempPath, finalPath);
              tempExists = false;
            }
          } else throw cause;
        }
        if (tempExists) {
          await unlink(tempPath);
          tempExists = false;
        }
        if (created) {
          // Make the new name durable: the final directory, and the parents of any
          // directory mkdir just made.
          await syncDir(finalDir);
          if (createdDir !== undefined) {
            for (let d = dirname(finalDir); d.length >= dir.length; d = dirname(d)) {
              await syncDir(d);
              if (d === dir || d === dirname(createdDir)) break;
            }
          }
        }
        return ok({ hash, size, created });
      } catch (cause) {
        return err(storeFailed("写入证据", tempPath, cause));
      } finally {
        await fh?.close().catch(() => undefined);
        if (tempExists) await rm(tempPath, { force: true }).catch(() => undefined);
      }
    }),

    async get(value) {
      const checked = checkEvidenceHash(value);
      if (checked.isErr()) return err(checked.error);
      const found = await statOf(checked.value);
      if (found.isErr()) return err(found.error);
      return ok(found.value === null ? null : readFile(pathOf(checked.value)));
    },

    async stat(value) {
      const checked = checkEvidenceHash(value);
      if (checked.isErr()) return err(checked.error);
      return statOf(checked.value);
    },

    async has(value) {
      const checked = checkEvidenceHash(value);
      if (checked.isErr()) return err(checked.error);
      return (await statOf(checked.value)).map((s) => s !== null);
    },

    async verify(value) {
      const checked = checkEvidenceHash(value);
      if (checked.isErr()) return err(checked.error);
      const hash = checked.value;
      const found = await statOf(hash);
      if (found.isErr()) return err(found.error);
      if (found.value === null) {
        return err(
          sanxiangError("EVIDENCE_NOT_FOUND", `证据不存在：${hash.algorithm}:${hash.hex}`, { details: { hash } }),
        );
      }
      const path = pathOf(hash);
      const rehashed = await ingestEvidence(
        createReadStream(path, { highWaterMark: READ_CHUNK }),
        { algorithm: hash.algorithm },
        { write: () => undefined },
        nativeHasher(hash.algorithm),
      );
      if (rehashed.isErr()) {
        const e = rehashed.error;
        return err(e.code === "EVIDENCE_STORE_FAILED" ? storeFailed("读取证据文件", path, e.cause) : e);
      }
      const { hash: actual, size } = rehashed.value;
      if (actual.hex !== hash.hex) {
        return err(
          sanxiangError(
            "EVIDENCE_TAMPERED",
            `证据 ${hash.algorithm}:${hash.hex} 的内容与其哈希不符，可能已损坏或被篡改`,
            {
              details: { hash, actual, size, path },
            },
          ),
        );
      }
      return ok({ hash, size });
    },

    async *list() {
      for (const algorithm of HashAlgorithmNameSchema.options) {
        const base = join(dir, algorithm);
        for (const aa of await names(base, HEX2)) {
          for (const bb of await names(join(base, aa), HEX2)) {
            for (const hex of await names(join(base, aa, bb), HEX64)) {
              if (hex.startsWith(aa + bb)) yield { algorithm, hex };
            }
          }
        }
      }
    },
  };
}

/** The sorted entries of `path` whose names match `pattern`; none when it does not exist. */
async function names(path: string, pattern: RegExp): Promise<string[]> {
  try {
    return (await readdir(path)).filter((n) => pattern.test(n)).sort();
  } catch (cause) {
    if (errnoOf(cause) === "ENOENT") return [];
    throw storeFailed("列出证据目录", path, cause);
  }
}
