// Atomic, incremental file output. Each file is written to a temporary name inside the
// site's state directory (same file system) and renamed over its target, so a reader — or a
// crash — never sees half a page; a file whose bytes hash the same as last time is not
// written at all.
import { hash, randomBytes } from "node:crypto";
import { rename, writeFile } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Where the site keeps its state (manifest, source of truth), inside the output directory. */
export const STATE_DIR = ".sanxiang-site";

/** The content hash the manifest records: SHA-256 of the UTF-8 bytes, base64url. */
export function contentHash(bytes: string | Uint8Array): string {
  return hash("sha256", bytes, "base64url");
}

// The callback forms: lighter than fs/promises' FileHandle for 100,000 small files.
const writeBytes = (path: string, data: Uint8Array) =>
  new Promise<void>((resolve, reject) => writeFile(path, data, (e) => (e ? reject(e) : resolve())));
const move = (from: string, to: string) =>
  new Promise<void>((resolve, reject) => rename(from, to, (e) => (e ? reject(e) : resolve())));

/** How many file operations run at once (libuv's pool has 4 threads; a few more keeps it busy). */
const CONCURRENCY = 16;
/**
 * How many bytes may wait in the queue before `put` waits: rendering goes on while earlier
 * files are written (the writes run on libuv's threads), within bounded memory.
 */
const MAX_QUEUED_BYTES = 64 * 1024 * 1024;

interface Job {
  readonly run: () => Promise<void>;
  readonly size: number;
}

/** Size of the reusable encode buffers: a page of up to this many bytes is encoded without allocating. */
const POOL_BUFFER = 64 * 1024;
/** Reusable buffers: also the bound on pages encoded and waiting to be written. */
const POOL_SIZE = 64;

/** Writes and deletes files under one root, atomically, overlapping the caller's work. */
export class AtomicWriter {
  readonly written: string[] = [];
  readonly deleted: string[] = [];
  unchanged = 0;
  private readonly dirs = new Map<string, Promise<void>>();
  private readonly queue: (Job | undefined)[] = [];
  private head = 0;
  private running = 0;
  private queuedBytes = 0;
  private waiters: (() => void)[] = [];
  private readonly tmpDir: string;
  private readonly tmpPrefix = `${process.pid}-${randomBytes(4).toString("hex")}-`;
  private counter = 0;
  private failure: unknown;
  // Pages are encoded into reused buffers: 100,000 fresh 4 KB Buffers would be external
  // memory the garbage collector has to chase.
  private readonly pool: Buffer[] = [];
  private pooled = 0;
  private poolWaiters: ((b: Buffer) => void)[] = [];

  constructor(readonly root: string) {
    this.tmpDir = join(root, STATE_DIR, "tmp");
  }

  /**
   * Writes the site file `path` unless its hash equals `previous`; returns the new hash.
   * Site files are reported in `written` / `unchanged`; `internal` ones (state) are not.
   */
  async put(path: string, text: string, previous: string | undefined, internal = false): Promise<string> {
    // Encoded once: hashed and written from the same bytes. UTF-8 takes at most 3 bytes per
    // UTF-16 unit, so a short text always fits a pool buffer.
    const pooled = text.length * 3 <= POOL_BUFFER ? await this.acquire() : undefined;
    const bytes = pooled === undefined ? Buffer.from(text, "utf8") : pooled.subarray(0, pooled.write(text, "utf8"));
    const h = contentHash(bytes);
    if (h === previous) {
      if (pooled !== undefined) this.release(pooled);
      if (!internal) this.unchanged += 1;
      return h;
    }
    if (!internal) this.written.push(path);
    const run =
      pooled === undefined
        ? () => this.writeAtomic(path, bytes)
        : () => this.writeAtomic(path, bytes).finally(() => this.release(pooled));
    await this.schedule({ run, size: pooled === undefined ? bytes.byteLength : 0 });
    return h;
  }

  private acquire(): Promise<Buffer> {
    const free = this.pool.pop();
    if (free !== undefined) return Promise.resolve(free);
    if (this.pooled < POOL_SIZE) {
      this.pooled += 1;
      return Promise.resolve(Buffer.allocUnsafeSlow(POOL_BUFFER));
    }
    return new Promise((resolve) => this.poolWaiters.push(resolve));
  }

  private release(buffer: Buffer): void {
    const waiter = this.poolWaiters.shift();
    if (waiter === undefined) this.pool.push(buffer);
    else waiter(buffer);
  }

  /** Deletes the site file `path` (missing is fine). */
  async remove(path: string, internal = false): Promise<void> {
    if (!internal) this.deleted.push(path);
    await this.schedule({ run: () => rm(join(this.root, path), { force: true }), size: 0 });
  }

  /** Waits for every queued operation; rethrows the first failure. */
  async flush(): Promise<void> {
    while (this.running > 0 || this.head < this.queue.length) await new Promise<void>((r) => this.waiters.push(r));
    this.queue.length = 0;
    this.head = 0;
    if (this.failure !== undefined) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
  }

  private async schedule(job: Job): Promise<void> {
    if (this.failure !== undefined) throw this.failure;
    this.queue.push(job);
    this.queuedBytes += job.size;
    this.pump();
    while (this.queuedBytes > MAX_QUEUED_BYTES && this.failure === undefined) {
      await new Promise<void>((r) => this.waiters.push(r));
    }
  }

  private pump(): void {
    while (this.running < CONCURRENCY && this.head < this.queue.length) {
      const job = this.queue[this.head] as Job;
      // Drop the queue's reference, so a written page's string can be collected.
      this.queue[this.head++] = undefined;
      this.running += 1;
      job
        .run()
        .catch((e: unknown) => {
          this.failure ??= e;
        })
        .finally(() => {
          this.running -= 1;
          this.queuedBytes -= job.size;
          const waiters = this.waiters;
          this.waiters = [];
          this.pump();
          for (const w of waiters) w();
        });
    }
  }

  private ensureDir(dir: string): Promise<void> {
    let made = this.dirs.get(dir);
    if (made === undefined) {
      made = mkdir(dir, { recursive: true }).then(() => undefined);
      this.dirs.set(dir, made);
    }
    return made;
  }

  private async writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
    const target = join(this.root, path);
    await this.ensureDir(this.tmpDir);
    await this.ensureDir(dirname(target));
    const tmp = join(this.tmpDir, `${this.tmpPrefix}${this.counter++}`);
    try {
      await writeBytes(tmp, bytes);
      await move(tmp, target);
    } catch (e) {
      await rm(tmp, { force: true });
      throw e;
    }
  }
}
