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

/**
 * The file operations the writer performs. Internal (not exported by the package): a test
 * replaces them to slow them down or make one fail.
 */
export const writerIo = {
  // The callback forms: lighter than fs/promises' FileHandle for 100,000 small files.
  writeBytes: (path: string, data: Uint8Array): Promise<void> =>
    new Promise<void>((resolve, reject) => writeFile(path, data, (e) => (e ? reject(e) : resolve()))),
  move: (from: string, to: string): Promise<void> =>
    new Promise<void>((resolve, reject) => rename(from, to, (e) => (e ? reject(e) : resolve()))),
  makeDir: (dir: string): Promise<void> => mkdir(dir, { recursive: true }).then(() => undefined),
  remove: (path: string): Promise<void> => rm(path, { force: true }),
};

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
  /** Called instead of `run` when the job is dropped unstarted (gives its buffer back). */
  readonly drop?: () => void;
}

/** Thrown by `put` / `remove` once the writer was abandoned. */
const ABANDONED = "写入已中止";

/** Size of the reusable encode buffers: a page of up to this many bytes is encoded without allocating. */
const POOL_BUFFER = 64 * 1024;
/** Reusable buffers: also the bound on pages encoded and waiting to be written. */
const POOL_SIZE = 64;

/**
 * Writes and deletes files under one root, atomically, overlapping the caller's work. After
 * a failure no queued operation is started; {@link AtomicWriter.abandon} waits until none
 * it started is still running, so a caller that gives up leaves nothing writing behind it.
 */
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
  private abandoned = false;
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
    if (this.abandoned) throw new Error(ABANDONED);
    const pooled = text.length * 3 <= POOL_BUFFER ? await this.acquire() : undefined;
    const bytes = pooled === undefined ? Buffer.from(text, "utf8") : pooled.subarray(0, pooled.write(text, "utf8"));
    const h = contentHash(bytes);
    if (h === previous) {
      if (pooled !== undefined) this.release(pooled);
      if (!internal) this.unchanged += 1;
      return h;
    }
    if (!internal) this.written.push(path);
    if (pooled === undefined) {
      await this.schedule({ run: () => this.writeAtomic(path, bytes), size: bytes.byteLength });
    } else {
      const release = () => this.release(pooled);
      await this.schedule({ run: () => this.writeAtomic(path, bytes).finally(release), size: 0, drop: release });
    }
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
    await this.schedule({ run: () => writerIo.remove(join(this.root, path)), size: 0 });
  }

  /**
   * Waits for every queued operation; rethrows the first failure. After a failure the
   * operations still queued are dropped, and it returns once none that started is running.
   */
  async flush(): Promise<void> {
    while (this.running > 0 || (this.head < this.queue.length && !this.stopped())) await this.wake();
    this.dropQueued();
    if (this.failure !== undefined) {
      const f = this.failure;
      this.failure = undefined;
      throw f;
    }
  }

  /**
   * Gives up: starts nothing more (a later `put` or `remove` throws), drops what is queued, and
   * resolves once no file operation this writer started is still running — from then on it
   * touches nothing. Never rejects; a failure it holds is left unreported.
   */
  async abandon(): Promise<void> {
    this.abandoned = true;
    this.dropQueued();
    this.wakeAll();
    while (this.running > 0) await this.wake();
  }

  private stopped(): boolean {
    return this.abandoned || this.failure !== undefined;
  }

  private wake(): Promise<void> {
    return new Promise<void>((r) => this.waiters.push(r));
  }

  private wakeAll(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Drops the jobs not started (their buffers go back to the pool). */
  private dropQueued(): void {
    for (let i = this.head; i < this.queue.length; i++) {
      const job = this.queue[i];
      if (job === undefined) continue;
      this.queue[i] = undefined;
      this.queuedBytes -= job.size;
      job.drop?.();
    }
    this.queue.length = 0;
    this.head = 0;
  }

  private async schedule(job: Job): Promise<void> {
    if (this.failure !== undefined || this.abandoned) {
      job.drop?.();
      throw this.abandoned ? new Error(ABANDONED) : this.failure;
    }
    this.queue.push(job);
    this.queuedBytes += job.size;
    this.pump();
    while (this.queuedBytes > MAX_QUEUED_BYTES && !this.stopped()) await this.wake();
  }

  private pump(): void {
    // After a failure nothing more is started: the build has failed, and what it left queued
    // would only go on writing after the caller was told so.
    if (this.stopped()) {
      this.dropQueued();
      return;
    }
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
          this.pump();
          this.wakeAll();
        });
    }
  }

  private ensureDir(dir: string): Promise<void> {
    let made = this.dirs.get(dir);
    if (made === undefined) {
      made = writerIo.makeDir(dir);
      this.dirs.set(dir, made);
    }
    return made;
  }

  private async writeAtomic(path: string, bytes: Uint8Array): Promise<void> {
    const target = join(this.root, path);
    await this.ensureDir(this.tmpDir);
    if (this.stopped()) return;
    await this.ensureDir(dirname(target));
    if (this.stopped()) return;
    const tmp = join(this.tmpDir, `${this.tmpPrefix}${this.counter++}`);
    try {
      await writerIo.writeBytes(tmp, bytes);
      // Given up meanwhile: the page is not put in place.
      if (this.stopped()) throw new Error(ABANDONED);
      await writerIo.move(tmp, target);
    } catch (e) {
      await writerIo.remove(tmp);
      throw e;
    }
  }
}
