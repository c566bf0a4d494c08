// The conformance suite of the EvidenceStore port (证据存储), version 1. Every store —
// the in-memory reference store of core, @sanxiang/evidence-fs, an integrator's own —
// runs the same tests: inject the runner and a factory, and where the store has one, an
// independent way to read the stored bytes (the file on disk, the object in the bucket)
// and to change one of them.
import {
  type ContentHash,
  type EvidenceStore,
  HashAlgorithmNameSchema,
  hashAlgorithm,
  type SanxiangError,
  toHex,
} from "@sanxiang/core";
import fc from "fast-check";
import type { SuiteRunner } from "./harness.js";

/**
 * Options of {@link evidenceStoreSuite}: how to make a store and how to look behind its
 * back. Only the factory is required; each hook enables the tests that need it.
 *
 * @typeParam S - the store type the factory returns (the hooks receive the same store,
 *   e.g. to find its directory).
 */
export interface EvidenceStoreSuiteOptions<S extends EvidenceStore = EvidenceStore> {
  /** A fresh, empty store for each test. */
  readonly factory: () => Promise<S>;
  /**
   * 独立回读 — reads the bytes stored under `hash` without going through the store (the
   * file, the database row), or `null` when there are none. When given, every write the
   * suite makes is also checked through it.
   */
  readonly readBack?: (store: S, hash: ContentHash) => Promise<Uint8Array | null>;
  /**
   * Changes one stored byte of the content under `hash` behind the store's back (bit rot,
   * tampering). When given, the suite checks that `verify` notices. `at`, when the suite
   * passes it, is the index of the byte to change (reduce it modulo the content's length);
   * the suite uses it to change the *last* byte of a content of several MiB, which only a
   * `verify` that reads to the end notices. A hook that ignores `at` weakens that test.
   */
  readonly corrupt?: (store: S, hash: ContentHash, at?: number) => Promise<void>;
  /** Registers the store's own tests with the suite's context (same runner, same factory). */
  readonly additionalTests?: (context: EvidenceStoreSuiteContext<S>) => void;
  /** Runs of each fast-check property (default 30). */
  readonly numRuns?: number;
  /** Longest content in the properties, in bytes (default 4096). */
  readonly maxContentLength?: number;
}

/** What {@link EvidenceStoreSuiteOptions.additionalTests} is given. */
export interface EvidenceStoreSuiteContext<S extends EvidenceStore = EvidenceStore> {
  /** The runner the suite was given. */
  readonly runner: SuiteRunner;
  /** The options the suite was given. */
  readonly options: EvidenceStoreSuiteOptions<S>;
  /** The hash of `bytes` computed independently of the store (core's one-shot hash). */
  readonly hashOf: (bytes: Uint8Array, algorithm?: ContentHash["algorithm"]) => ContentHash;
  /** Every byte `store.get(hash)` yields, or `null` when not found. */
  readonly readAll: (store: EvidenceStore, hash: ContentHash) => Promise<Uint8Array | null>;
  /** Every hash `store.list()` yields, as `"<algorithm>:<hex>"`, sorted. */
  readonly listKeys: (store: EvidenceStore) => Promise<string[]>;
  /** `"Ok"` or `"Err <code>"`: compare a result with this, and a failure shows what came back. */
  readonly outcome: (result: { isOk(): boolean; error?: unknown }) => string;
}

const PREFIX = "EvidenceStore v1";

/** The hash of `bytes`, by core's one-shot hash — the suite's independent reference. */
function hashOf(bytes: Uint8Array, algorithm: ContentHash["algorithm"] = "sha256"): ContentHash {
  return { algorithm, hex: toHex(hashAlgorithm(algorithm)._unsafeUnwrap().hash(bytes)) };
}

const keyOf = (h: ContentHash): string => `${h.algorithm}:${h.hex}`;

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

async function readAll(store: EvidenceStore, hash: ContentHash): Promise<Uint8Array | null> {
  const got = await store.get(hash);
  if (got.isErr()) throw got.error;
  if (got.value === null) return null;
  const parts: Uint8Array[] = [];
  for await (const chunk of got.value) parts.push(chunk);
  return concat(parts);
}

async function listKeys(store: EvidenceStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const h of store.list()) keys.push(keyOf(h));
  return keys.sort();
}

function outcome(result: { isOk(): boolean; error?: unknown }): string {
  if (result.isOk()) return "Ok";
  const e = result.error as Partial<SanxiangError> | undefined;
  return `Err ${String(e?.code)}`;
}

function context<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): EvidenceStoreSuiteContext<S> {
  return { runner, options, hashOf, readAll, listKeys, outcome };
}

/** Bytes from text, without TextEncoder (the suite runs where only ES2023 is assumed). */
function bytesOf(text: string): Uint8Array {
  const escaped = encodeURIComponent(text);
  const out: number[] = [];
  for (let i = 0; i < escaped.length; i++) {
    if (escaped[i] === "%") {
      out.push(Number.parseInt(escaped.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(escaped.charCodeAt(i));
  }
  return Uint8Array.from(out);
}

async function* chunked(parts: readonly unknown[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield p as Uint8Array;
}

/** Splits `bytes` at `cuts` (positions modulo its length + 1), as views of one buffer with offsets. */
function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  // Copy into a larger buffer so that every chunk is a view with a non-zero byteOffset: a
  // store that reads `chunk.buffer` instead of the view fails.
  const backing = new Uint8Array(bytes.length + 7);
  backing.set(bytes, 3);
  const view = backing.subarray(3, 3 + bytes.length);
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let at = 0;
  for (const p of [...points, bytes.length]) {
    out.push(view.subarray(at, p));
    at = p;
  }
  return out;
}

/**
 * `"same"` when `actual` holds exactly the bytes of `expected`, else where they part — a
 * readable failure, and fast on megabytes where a deep `toEqual` is not.
 */
function sameBytes(actual: Uint8Array | null, expected: Uint8Array): string {
  if (actual === null) return `null instead of ${expected.byteLength} bytes`;
  const n = Math.min(actual.byteLength, expected.byteLength);
  for (let i = 0; i < n; i++) {
    if (actual[i] !== expected[i]) return `byte ${i} is ${actual[i]}, expected ${expected[i]}`;
  }
  return actual.byteLength === expected.byteLength
    ? "same"
    : `${actual.byteLength} bytes, expected ${expected.byteLength}`;
}

/** `size`, or the store's `maxSize` when that is smaller. */
function capped(store: EvidenceStore, size: number): number {
  return Math.min(size, store.capabilities.maxSize ?? size);
}

// The suites run under a test runner (Node or a browser): both have timers, which the
// platform-neutral type environment of this package does not declare.
declare const setTimeout: (callback: () => void, ms: number) => unknown;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An assertion message: the rule of the port that failed and the likely cause in the
 * store, so a failing adapter author reads what to fix, not only which values differ.
 */
function rule(broken: string, likelyCause: string): string {
  return `${PREFIX} rule broken: ${broken}. Likely cause: ${likelyCause}`;
}

/** Deterministic bytes (an LCG), fast enough for content of several MiB. */
function patterned(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A promise and the functions that settle it. */
function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * `"Ok"`, `"Err <code>"`, `"threw <error>"` when the promise rejected (the port forbids
 * that), or `"did not settle within <n> ms"` — a put that waits for the end of a source it
 * should have given up on hangs, and a hang must fail the test, not the whole run.
 */
async function settled(promise: Promise<{ isOk(): boolean; error?: unknown }>, ms = 5000): Promise<string> {
  const hung = `did not settle within ${ms} ms`;
  try {
    return await Promise.race([promise.then(outcome), sleep(ms).then(() => hung)]);
  } catch (e) {
    return `threw ${e instanceof Error ? `${e.name}: ${e.message}` : typeof e}`;
  }
}

/**
 * 模拟 Node 流 — a source that behaves as a Node `Readable` does where it matters to a
 * store: it is async iterable, it emits `'error'` to its listeners, and an `'error'` with
 * no listener and no reader would crash a Node process (`fs.createReadStream` of a missing
 * file errors that way as soon as the open fails). Instead of crashing the test runner,
 * such an error is recorded in `unheard`. After an error the stream is destroyed and its
 * iterator throws the error, as Node's does.
 */
class NodeStyleSource {
  /** Errors emitted while nobody listened: each would have crashed a Node process. */
  readonly unheard: unknown[] = [];
  destroyed = false;
  private readonly listeners: ((error: unknown) => void)[] = [];
  private readonly queue: Uint8Array[];
  private failure: unknown = undefined;
  private reading = false;
  private waiting: { resolve: (step: IteratorResult<Uint8Array>) => void; reject: (e: unknown) => void } | undefined;

  /** `chunks` are given to the reader; then the stream waits (neither ends nor fails) until {@link fail}. */
  constructor(chunks: readonly Uint8Array[]) {
    this.queue = [...chunks];
  }

  on(event: string, listener: (error: unknown) => void): this {
    if (event === "error") this.listeners.push(listener);
    return this;
  }

  once(event: string, listener: (error: unknown) => void): this {
    return this.on(event, listener);
  }

  off(event: string, listener: (error: unknown) => void): this {
    const at = this.listeners.indexOf(listener);
    if (event === "error" && at >= 0) this.listeners.splice(at, 1);
    return this;
  }

  removeListener(event: string, listener: (error: unknown) => void): this {
    return this.off(event, listener);
  }

  /** Destroys the stream (no further error is emitted); a reader waiting gets a premature close. */
  destroy(): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.waiting?.reject(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
    this.waiting = undefined;
    return this;
  }

  /** The source fails, as a file that cannot be opened or a connection that resets. */
  fail(error: unknown): void {
    if (this.destroyed) return;
    this.failure = error;
    if (this.listeners.length === 0 && !this.reading) this.unheard.push(error);
    for (const l of [...this.listeners]) l(error);
    this.waiting?.reject(error);
    this.waiting = undefined;
    this.destroyed = true;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return {
      next: () => {
        this.reading = true;
        if (this.failure !== undefined) return Promise.reject(this.failure);
        const chunk = this.queue.shift();
        if (chunk !== undefined) return Promise.resolve({ done: false, value: chunk });
        if (this.destroyed) {
          return Promise.reject(Object.assign(new Error("Premature close"), { code: "ERR_STREAM_PREMATURE_CLOSE" }));
        }
        return new Promise((resolve, reject) => {
          this.waiting = { resolve, reject };
        });
      },
      return: () => {
        this.reading = false;
        this.destroy();
        return Promise.resolve({ done: true, value: undefined });
      },
    };
  }
}

/** An async iterable that yields `chunks`, each after a macrotask (an upload arriving piece by piece). */
async function* trickle(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const c of chunks) {
    await sleep(0);
    yield c;
  }
}

/** A value whose every Proxy trap throws: reading anything of it throws. */
function hostile(): object {
  const boom = () => {
    throw new Error("hostile value: every trap throws");
  };
  return new Proxy(
    {},
    {
      get: boom,
      has: boom,
      ownKeys: boom,
      getPrototypeOf: boom,
      getOwnPropertyDescriptor: boom,
      apply: boom,
      construct: boom,
    },
  );
}

/** What the store holds, through its own `list` and, when given, the read-back channel. */
async function snapshot<S extends EvidenceStore>(store: S, options: EvidenceStoreSuiteOptions<S>): Promise<string[]> {
  const keys = await listKeys(store);
  if (options.readBack === undefined) return keys;
  const out: string[] = [];
  for (const key of keys) {
    const [algorithm, hex] = key.split(":") as [ContentHash["algorithm"], string];
    const raw = await options.readBack(store, { algorithm, hex });
    out.push(`${key}=${raw === null ? "missing" : toHex(raw)}`);
  }
  return out;
}

/**
 * `put`: hashes and sizes, idempotency, every declared algorithm, announced hash and size
 * (upload corruption refused with nothing stored), failing sources, every chunking (a
 * fast-check property), the caller's buffer not kept.
 */
export function evidencePutTests<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;

  test(
    `${PREFIX}: put returns the content's hash and size and stores the bytes`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("执法记录仪视频 2026-03-01 08:00 第 0001 段");
      const r = await store.put(data);
      expect(outcome(r)).toBe("Ok");
      expect(r._unsafeUnwrap()).toEqual({
        hash: hashOf(data, store.capabilities.algorithms[0]),
        size: data.byteLength,
        created: true,
      });
      const { hash } = r._unsafeUnwrap();
      const acked = rule(
        "put acknowledges only content that is stored",
        "the Ok is returned before the write finished (a write or upload not awaited)",
      );
      expect(sameBytes(await readAll(store, hash), data), acked).toBe("same");
      if (options.readBack) expect(sameBytes(await options.readBack(store, hash), data), acked).toBe("same");
    },
    timeout,
  );

  test(
    `${PREFIX}: put of the same bytes again creates nothing and keeps one copy`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("现场照片 IMG_0042.jpg");
      const first = (await store.put(data))._unsafeUnwrap();
      const second = await store.put(chunked([data.slice(0, 5), data.slice(5)]));
      expect(outcome(second)).toBe("Ok");
      expect(second._unsafeUnwrap()).toEqual({ ...first, created: false });
      expect(await listKeys(store)).toEqual([keyOf(first.hash)]);
      if (options.readBack) expect(sameBytes(await options.readBack(store, first.hash), data)).toBe("same");
    },
    timeout,
  );

  test(
    `${PREFIX}: empty content is content: its hash, size 0, read back empty`,
    async () => {
      const store = await options.factory();
      const empty = new Uint8Array(0);
      const r = (await store.put(chunked([])))._unsafeUnwrap();
      expect(r).toEqual({ hash: hashOf(empty, store.capabilities.algorithms[0]), size: 0, created: true });
      expect(sameBytes(await readAll(store, r.hash), empty)).toBe("same");
      expect((await store.stat(r.hash))._unsafeUnwrap()).toEqual({ size: 0 });
      expect(outcome(await store.verify(r.hash))).toBe("Ok");
    },
    timeout,
  );

  test(
    `${PREFIX}: put hashes with each algorithm the store declares; the same bytes under two algorithms are two entries`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("扫描件 询问笔录.pdf");
      const algorithms = store.capabilities.algorithms;
      for (const algorithm of algorithms) {
        const r = await store.put(data, { algorithm });
        expect(outcome(r)).toBe("Ok");
        expect(r._unsafeUnwrap().hash).toEqual(hashOf(data, algorithm));
        expect((await store.has(hashOf(data, algorithm)))._unsafeUnwrap()).toBe(true);
      }
      expect(await listKeys(store)).toEqual(algorithms.map((a) => keyOf(hashOf(data, a))).sort());
    },
    timeout,
  );

  test(
    `${PREFIX}: put with the announced hash and size stores the content`,
    async () => {
      const store = await options.factory();
      for (const algorithm of store.capabilities.algorithms) {
        const data = bytesOf(`announced ${algorithm}`);
        const expected = hashOf(data, algorithm);
        const r = await store.put(chunked([data]), { expected, expectedSize: data.byteLength });
        expect(outcome(r)).toBe("Ok");
        expect(r._unsafeUnwrap()).toEqual({ hash: expected, size: data.byteLength, created: true });
      }
    },
    timeout,
  );

  test(
    `${PREFIX}: put refuses bytes that differ from the announced hash (EVIDENCE_TAMPERED) and stores nothing`,
    async () => {
      const store = await options.factory();
      const kept = (await store.put(bytesOf("already there")))._unsafeUnwrap();
      const before = await snapshot(store, options);
      for (const algorithm of store.capabilities.algorithms) {
        const sent = bytesOf("bytes corrupted in transit");
        const expected = hashOf(bytesOf("bytes as captured on the device"), algorithm);
        const r = await store.put(chunked([sent.subarray(0, 4), sent.subarray(4)]), { expected });
        expect(
          outcome(r),
          rule("bytes that differ from the announced hash are refused", "options.expected is not compared"),
        ).toBe("Err EVIDENCE_TAMPERED");
        const details = (r.isErr() ? r.error.details : undefined) ?? {};
        expect(details.expected).toEqual(expected);
        expect(details.actual).toEqual(hashOf(sent, algorithm));
        expect((await store.has(hashOf(sent, algorithm)))._unsafeUnwrap()).toBe(false);
        if (options.readBack) expect(await options.readBack(store, hashOf(sent, algorithm))).toBe(null);
      }
      expect(await snapshot(store, options)).toEqual(before);
      expect((await store.has(kept.hash))._unsafeUnwrap()).toBe(true);
    },
    timeout,
  );

  test(
    `${PREFIX}: dedupe never trusts the announced hash: other bytes announced as stored content are EVIDENCE_TAMPERED`,
    async () => {
      const store = await options.factory();
      for (const algorithm of store.capabilities.algorithms) {
        const original = bytesOf(`原始视频 ${algorithm}`);
        const forged = bytesOf(`篡改视频 ${algorithm}`.padEnd(original.length, "x")).subarray(0, original.length);
        const kept = (await store.put(original, { algorithm }))._unsafeUnwrap().hash;
        const before = await snapshot(store, options);
        // Same length, announced with the stored content's hash: a store that skips the
        // upload because "that hash is already here" would answer Ok, created: false.
        for (const put of [
          () => store.put(forged, { expected: kept }),
          () => store.put(chunked([forged]), { expected: kept, expectedSize: forged.byteLength }),
        ]) {
          expect(
            outcome(await put()),
            rule(
              "put hashes the bytes it receives, even when their announced hash is already stored",
              "dedupe answers from the announced hash (created: false) without hashing the upload",
            ),
          ).toBe("Err EVIDENCE_TAMPERED");
        }
        expect(await snapshot(store, options)).toEqual(before);
        expect(outcome(await store.verify(kept))).toBe("Ok");
      }
    },
    timeout,
  );

  test(
    `${PREFIX}: content being written is invisible: nothing found or listed until put acknowledges, nothing after it fails`,
    async () => {
      const store = await options.factory();
      const [algorithm = "sha256"] = store.capabilities.algorithms;
      const data = patterned(capped(store, 96 * 1024), 7);
      const expected = hashOf(data, algorithm);
      for (const ending of ["fails", "completes"] as const) {
        const gate = deferred();
        const cause = new Error("upload connection reset");
        async function* paused(): AsyncIterable<Uint8Array> {
          yield data.subarray(0, data.length >> 1);
          await gate.promise;
          if (ending === "fails") throw cause;
          yield data.subarray(data.length >> 1);
        }
        const pending = store.put(paused(), { expected, expectedSize: data.byteLength });
        await sleep(5);
        const visible = rule(
          "content is visible only once it is complete and acknowledged",
          "with the hash announced, the store writes straight to the final key (no temporary name, rename or commit)",
        );
        expect((await store.has(expected))._unsafeUnwrap(), visible).toBe(false);
        expect((await store.stat(expected))._unsafeUnwrap(), visible).toBe(null);
        expect((await store.get(expected))._unsafeUnwrap(), visible).toBe(null);
        expect(await listKeys(store), visible).toEqual([]);
        if (options.readBack) expect(await options.readBack(store, expected), visible).toBe(null);
        gate.resolve();
        const r = await pending;
        expect(outcome(r)).toBe(ending === "completes" ? "Ok" : "Err EVIDENCE_STORE_FAILED");
        if (ending === "fails") {
          expect(
            await snapshot(store, options),
            rule("a failed put leaves nothing behind", "the partial object is not removed when the upload fails"),
          ).toEqual([]);
        } else expect(sameBytes(await readAll(store, expected), data)).toBe("same");
      }
      expect(await listKeys(store)).toEqual([keyOf(expected)]);
      expect(outcome(await store.verify(expected))).toBe("Ok");
    },
    timeout,
  );

  test(
    `${PREFIX}: content of several MiB in many chunks of uneven size is stored whole: size, bytes, stat and verify`,
    async () => {
      const store = await options.factory();
      const data = patterned(capped(store, 6 * 1024 * 1024 + 5), 13);
      // Chunks of 1 byte to over 1 MiB, so a store's buffering, paging or column limit is crossed.
      const cuts: number[] = [];
      for (let at = 0, i = 0; at < data.length; i++) {
        at += [1, 65_536, 3, 1_048_577, 300_001, 7][i % 6] ?? 1;
        cuts.push(at);
      }
      const r = await store.put(chunked(split(data, cuts)));
      expect(outcome(r)).toBe("Ok");
      const truncated = rule(
        "stored content is never cut",
        "a size limit of the storage (a BLOB column, a buffer, a single-part upload) silently truncates",
      );
      const { hash, size } = r._unsafeUnwrap();
      expect(hash).toEqual(hashOf(data, store.capabilities.algorithms[0]));
      expect(size, truncated).toBe(data.byteLength);
      expect((await store.stat(hash))._unsafeUnwrap(), truncated).toEqual({ size: data.byteLength });
      expect(sameBytes(await readAll(store, hash), data), truncated).toBe("same");
      if (options.readBack) expect(sameBytes(await options.readBack(store, hash), data), truncated).toBe("same");
      expect(outcome(await store.verify(hash)), truncated).toBe("Ok");
    },
    timeout,
  );

  test(
    `${PREFIX}: put refuses bytes that differ from the announced size, short or long, and stores nothing`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("0123456789");
      for (const expectedSize of [0, 9, 11, 1000]) {
        const r = await store.put(chunked([data.subarray(0, 3), data.subarray(3)]), { expectedSize });
        expect(outcome(r)).toBe("Err EVIDENCE_TAMPERED");
        expect(await snapshot(store, options)).toEqual([]);
      }
      // The right hash but the wrong size is refused too.
      const r = await store.put(data, { expected: hashOf(data, store.capabilities.algorithms[0]), expectedSize: 11 });
      expect(outcome(r)).toBe("Err EVIDENCE_TAMPERED");
      expect(await snapshot(store, options)).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: a source stream that fails part-way is EVIDENCE_STORE_FAILED and stores nothing`,
    async () => {
      const store = await options.factory();
      const cause = new Error("upload connection reset");
      async function* failing(): AsyncIterable<Uint8Array> {
        yield bytesOf("first part of a video");
        throw cause;
      }
      const r = await store.put(failing());
      const swallowed = rule(
        "a source that fails is EVIDENCE_STORE_FAILED and stores nothing",
        "the source's error is taken for its end, and what arrived is stored as if complete",
      );
      expect(outcome(r), swallowed).toBe("Err EVIDENCE_STORE_FAILED");
      expect(r.isErr() ? (r.error as Error).cause : undefined).toBe(cause);
      expect(await snapshot(store, options), swallowed).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: put does not keep the caller's buffer`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("photo bytes");
      const copy = data.slice();
      const { hash } = (await store.put(data))._unsafeUnwrap();
      data.fill(0);
      expect(
        sameBytes(await readAll(store, hash), copy),
        rule("put copies the caller's bytes", "the store keeps a reference to the caller's buffer"),
      ).toBe("same");
      expect(outcome(await store.verify(hash))).toBe("Ok");
    },
    timeout,
  );

  test(
    `${PREFIX}: any bytes in any chunking hash as one-shot hashing, round-trip exactly and are created once (property)`,
    async () => {
      const store = await options.factory();
      const seen = new Set<string>();
      const algorithms = store.capabilities.algorithms;
      await fc.assert(
        fc.asyncProperty(
          // Short arrays often repeat, so the model's "created once" is exercised.
          fc.oneof(fc.uint8Array({ maxLength: 3 }), fc.uint8Array({ maxLength: options.maxContentLength ?? 4096 })),
          fc.array(fc.nat(), { maxLength: 10 }),
          fc.constantFrom(...algorithms),
          async (bytes, cuts, algorithm) => {
            const expected = hashOf(bytes, algorithm);
            const r = await store.put(chunked(split(bytes, cuts)), { algorithm });
            expect(outcome(r)).toBe("Ok");
            const created = !seen.has(keyOf(expected));
            seen.add(keyOf(expected));
            const exact = rule(
              "any chunking stores exactly the bytes given",
              "a chunk's whole `buffer` is read instead of its view (byteOffset, byteLength), or chunks are dropped",
            );
            expect(r._unsafeUnwrap(), exact).toEqual({ hash: expected, size: bytes.length, created });
            expect(sameBytes(await readAll(store, expected), bytes), exact).toBe("same");
            if (options.readBack) expect(sameBytes(await options.readBack(store, expected), bytes)).toBe("same");
          },
        ),
        { numRuns: options.numRuns ?? 30 },
      );
      expect(await listKeys(store)).toEqual([...seen].sort());
    },
    timeout,
  );

  const maxSize = 64 * 1024;
  test(
    `${PREFIX}: capabilities.maxSize is kept: content beyond it is INVALID_INPUT and stores nothing`,
    async () => {
      const store = await options.factory();
      const limit = store.capabilities.maxSize;
      if (limit === null || limit > maxSize) {
        // A limit too large to reach in a unit test: it must at least be a sane number.
        expect(limit === null || (Number.isSafeInteger(limit) && limit > 0)).toBe(true);
        return;
      }
      const at = (await store.put(new Uint8Array(limit)))._unsafeUnwrap();
      expect(at.size).toBe(limit);
      const r = await store.put(chunked([new Uint8Array(limit), new Uint8Array(1)]));
      expect(outcome(r)).toBe("Err INVALID_INPUT");
      expect(await listKeys(store)).toEqual([keyOf(at.hash)]);
    },
    timeout,
  );
}

/**
 * `get`, `stat`, `has` and `list`: not found is a value, bytes come back exactly (also
 * content of many chunks), each `get` is a fresh iterable of copies, `list` yields each
 * stored hash once.
 */
export function evidenceGetTests<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;

  test(
    `${PREFIX}: an unknown hash is not found: get null, stat null, has false, not listed`,
    async () => {
      const store = await options.factory();
      await store.put(bytesOf("something else"));
      const notFound = rule(
        "not found is a value: get null, stat null, has false",
        "a lazy stream or an empty object is returned for a key that does not exist",
      );
      for (const algorithm of HashAlgorithmNameSchema.options) {
        const unknown = hashOf(bytesOf("never stored"), algorithm);
        expect((await store.get(unknown))._unsafeUnwrap(), notFound).toBe(null);
        expect((await store.stat(unknown))._unsafeUnwrap(), notFound).toBe(null);
        expect((await store.has(unknown))._unsafeUnwrap(), notFound).toBe(false);
      }
      expect(await listKeys(store)).toHaveLength(1);
    },
    timeout,
  );

  test(
    `${PREFIX}: get returns the exact bytes, stat their size, has true`,
    async () => {
      const store = await options.factory();
      // Several chunks' worth, with a tail, so a store's read loop is exercised.
      const data = new Uint8Array(capped(store, 1024 * 1024 + 3));
      for (let i = 0; i < data.length; i++) data[i] = (i * 31 + (i >> 8)) & 0xff;
      const { hash } = (await store.put(chunked(split(data, [65_536, 300_001, 1_000_000]))))._unsafeUnwrap();
      expect(
        sameBytes(await readAll(store, hash), data),
        rule("get yields every stored byte", "the read loop stops after a fixed number of reads or chunks"),
      ).toBe("same");
      expect(
        (await store.stat(hash))._unsafeUnwrap(),
        rule("stat tells the stored size", "the size comes from one chunk, a header or metadata"),
      ).toEqual({ size: data.byteLength });
      expect((await store.has(hash))._unsafeUnwrap()).toBe(true);
      if (options.readBack) expect(sameBytes(await options.readBack(store, hash), data)).toBe("same");
    },
    timeout,
  );

  test(
    `${PREFIX}: each get is a fresh iterable of copies: changing a chunk changes nothing stored`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("询问笔录 第一页");
      const { hash } = (await store.put(data))._unsafeUnwrap();
      const first = (await store.get(hash))._unsafeUnwrap();
      const second = (await store.get(hash))._unsafeUnwrap();
      for await (const chunk of first ?? []) chunk.fill(0);
      expect(
        sameBytes(await readAll(store, hash), data),
        rule("get yields copies", "get yields the stored buffer itself (or a cached one shared between calls)"),
      ).toBe("same");
      const parts: Uint8Array[] = [];
      for await (const chunk of second ?? []) parts.push(chunk);
      expect(sameBytes(concat(parts), data)).toBe("same");
      expect(outcome(await store.verify(hash))).toBe("Ok");
    },
    timeout,
  );

  test(
    `${PREFIX}: list yields every stored hash once and nothing else`,
    async () => {
      const store = await options.factory();
      expect(await listKeys(store)).toEqual([]);
      const keys = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const { hash } = (await store.put(bytesOf(`item ${i % 4}`)))._unsafeUnwrap();
        keys.add(keyOf(hash));
      }
      expect(await listKeys(store)).toEqual([...keys].sort());
    },
    timeout,
  );

  test(
    `${PREFIX}: concurrent puts of the same content all succeed, one creates, one copy is kept`,
    async () => {
      const store = await options.factory();
      const data = new Uint8Array(capped(store, 200_000)).map((_, i) => (i * 7) & 0xff);
      const results = await Promise.all(
        Array.from({ length: 8 }, () => store.put(chunked(split(data, [50_000, 100_000, 150_000])))),
      );
      const race = rule(
        "concurrent puts of the same content all succeed and exactly one creates",
        "the existence check and the write are not one atomic step (check-then-write, or a rename that replaces)",
      );
      expect(results.map(outcome), race).toEqual(results.map(() => "Ok"));
      expect(
        results.filter((r) => r.isOk() && r.value.created),
        race,
      ).toHaveLength(1);
      expect(await listKeys(store)).toEqual([keyOf(hashOf(data, store.capabilities.algorithms[0]))]);
      expect(sameBytes(await readAll(store, hashOf(data, store.capabilities.algorithms[0])), data)).toBe("same");
    },
    timeout,
  );

  test(
    `${PREFIX}: concurrent puts of different contents, arriving chunk by chunk, never mix: each is stored exactly`,
    async () => {
      const store = await options.factory();
      const [algorithm = "sha256"] = store.capabilities.algorithms;
      const contents = [1, 2, 3].map((seed) => patterned(capped(store, 40_000 + seed * 1000), seed));
      // Each content twice, all six uploads interleaved: chunk i of each before chunk i+1 of any.
      const uploads = [...contents, ...contents].map((c) => store.put(trickle(split(c, [5000, 17_000, 30_001]))));
      const results = await Promise.all(uploads);
      const mixed = rule(
        "concurrent puts are independent",
        "uploads share a buffer or a temporary name (a fixed name, the announced hash, a counter per process)",
      );
      expect(results.map(outcome), mixed).toEqual(results.map(() => "Ok"));
      for (const [i, c] of contents.entries()) {
        const hash = hashOf(c, algorithm);
        const mine = [results[i], results[i + contents.length]].map((r) => r?._unsafeUnwrap());
        expect(
          mine.map((m) => m?.hash),
          mixed,
        ).toEqual([hash, hash]);
        expect(mine.filter((m) => m?.created).length, mixed).toBe(1);
        expect(sameBytes(await readAll(store, hash), c), mixed).toBe("same");
        if (options.readBack) expect(sameBytes(await options.readBack(store, hash), c), mixed).toBe("same");
        expect(outcome(await store.verify(hash)), mixed).toBe("Ok");
      }
      expect(await listKeys(store)).toEqual(contents.map((c) => keyOf(hashOf(c, algorithm))).sort());
    },
    timeout,
  );

  test(
    `${PREFIX}: the algorithm is part of the key: stored hex digits under another algorithm are not found`,
    async () => {
      const store = await options.factory();
      const stored: ContentHash[] = [];
      for (const algorithm of store.capabilities.algorithms) {
        stored.push((await store.put(bytesOf(`现场笔录 ${algorithm}`), { algorithm }))._unsafeUnwrap().hash);
      }
      const keyed = rule(
        "a hash is its algorithm and its digits together",
        "the store keys content by the hex digits alone (the algorithm not in the key, path or column)",
      );
      for (const h of stored) {
        for (const algorithm of HashAlgorithmNameSchema.options.filter((a) => a !== h.algorithm)) {
          const other: ContentHash = { algorithm, hex: h.hex };
          expect((await store.has(other))._unsafeUnwrap(), keyed).toBe(false);
          expect((await store.stat(other))._unsafeUnwrap(), keyed).toBe(null);
          expect((await store.get(other))._unsafeUnwrap(), keyed).toBe(null);
          expect(outcome(await store.verify(other)), keyed).toBe("Err EVIDENCE_NOT_FOUND");
        }
      }
      expect(await listKeys(store)).toEqual(stored.map(keyOf).sort());
    },
    timeout,
  );
}

/**
 * `verify`: stored content verifies, an unknown hash is `EVIDENCE_NOT_FOUND`, and — when the
 * suite is given `corrupt` — a changed byte is `EVIDENCE_TAMPERED` naming the hash, with
 * the other contents still verifying and nothing deleted.
 */
export function evidenceVerifyTests<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;

  test(
    `${PREFIX}: verify re-hashes stored content: Ok with its hash and size, for each algorithm`,
    async () => {
      const store = await options.factory();
      for (const algorithm of store.capabilities.algorithms) {
        const data = bytesOf(`勘验笔录 ${algorithm}`);
        const { hash } = (await store.put(data, { algorithm }))._unsafeUnwrap();
        const v = await store.verify(hash);
        expect(outcome(v)).toBe("Ok");
        expect(v._unsafeUnwrap()).toEqual({ hash, size: data.byteLength });
      }
    },
    timeout,
  );

  test(
    `${PREFIX}: verify of an unknown hash is EVIDENCE_NOT_FOUND naming the hash`,
    async () => {
      const store = await options.factory();
      const unknown = hashOf(bytesOf("never stored"));
      const v = await store.verify(unknown);
      expect(outcome(v)).toBe("Err EVIDENCE_NOT_FOUND");
      expect(v.isErr() ? v.error.details?.hash : undefined).toEqual(unknown);
    },
    timeout,
  );

  const corrupt = options.corrupt;
  if (corrupt === undefined) return;

  test(
    `${PREFIX}: verify notices a changed stored byte (EVIDENCE_TAMPERED naming the hash); the others still verify`,
    async () => {
      const store = await options.factory();
      const victim = (await store.put(bytesOf("视听资料 victim.mp4")))._unsafeUnwrap().hash;
      const bystander = (await store.put(bytesOf("视听资料 bystander.mp4")))._unsafeUnwrap().hash;
      await corrupt(store, victim);
      const v = await store.verify(victim);
      expect(
        outcome(v),
        rule("verify re-hashes the stored bytes", "verify answers from existence, size or a stored hash"),
      ).toBe("Err EVIDENCE_TAMPERED");
      expect(v.isErr() ? v.error.details?.hash : undefined).toEqual(victim);
      expect(outcome(await store.verify(bystander))).toBe("Ok");
      // Nothing is deleted or repaired behind the officer's back: the evidence of
      // tampering stays where it is.
      expect(await listKeys(store)).toEqual([keyOf(victim), keyOf(bystander)].sort());
      expect(outcome(await store.verify(victim))).toBe("Err EVIDENCE_TAMPERED");
    },
    timeout,
  );

  test(
    `${PREFIX}: verify reads to the end: a changed byte near the end of a content of several MiB is noticed`,
    async () => {
      const store = await options.factory();
      for (const [seed, where] of [
        [21, (n: number) => n - 1],
        [22, (n: number) => (n >> 1) + 12_345],
      ] as const) {
        const data = patterned(capped(store, 5 * 1024 * 1024 + 3), seed);
        const { hash } = (await store.put(chunked(split(data, [1_048_576, 3_000_000]))))._unsafeUnwrap();
        await corrupt(store, hash, where(data.length));
        expect(
          outcome(await store.verify(hash)),
          rule(
            "verify re-hashes every stored byte",
            "verify hashes only the first part, a sample, or compares sizes or stored metadata",
          ),
        ).toBe("Err EVIDENCE_TAMPERED");
      }
    },
    timeout,
  );

  test(
    `${PREFIX}: a changed byte is noticed wherever it is (property)`,
    async () => {
      const store = await options.factory();
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ minLength: 1, maxLength: options.maxContentLength ?? 4096 }),
          async (bytes) => {
            const put = (await store.put(bytes))._unsafeUnwrap();
            if (!put.created) return; // already corrupted in an earlier run
            await corrupt(store, put.hash);
            expect(outcome(await store.verify(put.hash))).toBe("Err EVIDENCE_TAMPERED");
          },
        ),
        { numRuns: Math.min(options.numRuns ?? 30, 20) },
      );
    },
    timeout,
  );
}

/** A web `ReadableStream` constructor, where the runtime has one that is async iterable. */
type ReadableStreamLike = new (source: {
  start?(controller: { enqueue(chunk: Uint8Array): void; error(e: unknown): void }): void;
  pull?(controller: { enqueue(chunk: Uint8Array): void; error(e: unknown): void }): void | Promise<void>;
}) => AsyncIterable<Uint8Array>;

function webReadableStream(): ReadableStreamLike | undefined {
  const RS = (globalThis as { ReadableStream?: unknown }).ReadableStream;
  if (typeof RS !== "function") return undefined;
  const proto = (RS as { prototype?: Record<PropertyKey, unknown> }).prototype;
  return typeof proto?.[Symbol.asyncIterator] === "function" ? (RS as ReadableStreamLike) : undefined;
}

/**
 * Sources that fail (证据来源出错) — the crash of a Node process on an unheard stream
 * `'error'`, and every other way a source breaks: before its first chunk, part-way, a
 * stream destroyed before it ended, a web `ReadableStream` that errors, values whose every
 * property read throws. Each is a typed `Err` (never a throw, never a rejected promise,
 * never `Ok` with what arrived), nothing is stored, and the source is released.
 */
export function evidenceSourceTests<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const failed = rule(
    "a source that fails is EVIDENCE_STORE_FAILED and stores nothing",
    "the source's error is taken for its end (an empty or partial content stored), or not caught",
  );
  const enoent = () =>
    Object.assign(new Error("ENOENT: no such file or directory, open 'video.mp4'"), { code: "ENOENT" });

  test(
    `${PREFIX}: a source that fails before its first chunk is EVIDENCE_STORE_FAILED with the error as cause, not empty content`,
    async () => {
      const store = await options.factory();
      const cause = new Error("upload refused by the device");
      const sources: [string, () => unknown][] = [
        [
          "throws at the first next()",
          () => ({
            async *[Symbol.asyncIterator]() {
              yield* [];
              throw cause;
            },
          }),
        ],
        [
          "next() throws synchronously",
          () => ({
            [Symbol.asyncIterator]: () => ({
              next: () => {
                throw cause;
              },
            }),
          }),
        ],
        [
          "[Symbol.asyncIterator]() throws",
          () => ({
            [Symbol.asyncIterator]: () => {
              throw cause;
            },
          }),
        ],
      ];
      for (const [name, make] of sources) {
        const r = await (store.put as (c: unknown) => ReturnType<EvidenceStore["put"]>)(make()).catch((e) => e);
        expect(`${name}: ${outcome(r)}`, failed).toBe(`${name}: Err EVIDENCE_STORE_FAILED`);
        expect((r as { error?: { cause?: unknown } }).error?.cause, `${name}: the cause is the source's error`).toBe(
          cause,
        );
      }
      expect(await snapshot(store, options), failed).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: a Node stream that errors before or while the store reads it is EVIDENCE_STORE_FAILED, never an unheard 'error' (a crash)`,
    async () => {
      const store = await options.factory();
      const moments: [string, Uint8Array[], () => Promise<void>][] = [
        ["at once, before put's first await", [], async () => undefined],
        ["after a macrotask", [], () => sleep(0)],
        ["after 20 ms", [], () => sleep(20)],
        ["after the first chunk", [bytesOf("first 64 KiB of the video")], () => sleep(10)],
      ];
      for (const [when, chunks, wait] of moments) {
        const source = new NodeStyleSource(chunks);
        const pending = settled(store.put(source as unknown as AsyncIterable<Uint8Array>));
        await wait();
        source.fail(enoent());
        expect(
          source.unheard.length,
          rule(
            `a source's 'error' is always heard (it errored ${when})`,
            "put awaits something (a directory, a connection, a temporary file) before it listens to or reads the " +
              "source: in Node an 'error' nobody listens to crashes the process. Wrap put in guardEvidencePut",
          ),
        ).toBe(0);
        expect(`${when}: ${await pending}`, failed).toBe(`${when}: Err EVIDENCE_STORE_FAILED`);
      }
      expect(await snapshot(store, options), failed).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: put releases the source: a stream it does not read to the end is destroyed, and its later 'error' is heard`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("0123456789");
      const cases: [string, unknown, string][] = [
        ["malformed options", { algorithm: "md5" }, "Err INVALID_INPUT"],
        ["larger than announced", { expectedSize: 3 }, "Err EVIDENCE_TAMPERED"],
      ];
      for (const [why, putOptions, expected] of cases) {
        const source = new NodeStyleSource([data, data]);
        const r = await settled(
          (store.put as (c: unknown, o: unknown) => ReturnType<EvidenceStore["put"]>)(source, putOptions),
        );
        expect(`${why}: ${r}`).toBe(`${why}: ${expected}`);
        expect(
          source.destroyed,
          rule(
            `put destroys a stream it leaves unread (${why})`,
            "put returns early without releasing the source: the file stays open and its later errors go unheard",
          ),
        ).toBe(true);
        source.fail(enoent());
        expect(source.unheard.length, rule("a source's 'error' is always heard", `put left it (${why})`)).toBe(0);
      }
      expect(await snapshot(store, options)).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: a stream destroyed before its end is EVIDENCE_STORE_FAILED, not the content that arrived`,
    async () => {
      const store = await options.factory();
      const source = new NodeStyleSource([bytesOf("part of a video")]);
      const pending = settled(store.put(source as unknown as AsyncIterable<Uint8Array>));
      await sleep(10);
      source.destroy();
      expect(await pending, failed).toBe("Err EVIDENCE_STORE_FAILED");
      const early = new NodeStyleSource([]);
      early.destroy();
      expect(await settled(store.put(early as unknown as AsyncIterable<Uint8Array>)), failed).toBe(
        "Err EVIDENCE_STORE_FAILED",
      );
      expect(await snapshot(store, options), failed).toEqual([]);
    },
    timeout,
  );

  const RS = webReadableStream();
  if (RS !== undefined) {
    test(
      `${PREFIX}: a web ReadableStream that errors, at once or after a chunk, is EVIDENCE_STORE_FAILED`,
      async () => {
        const store = await options.factory();
        const cause = new Error("fetch body aborted");
        const atOnce = new RS({ start: (c) => c.error(cause) });
        let pulls = 0;
        const later = new RS({
          pull: (c) => {
            if (pulls++ === 0) c.enqueue(bytesOf("first chunk"));
            else c.error(cause);
          },
        });
        for (const [name, source] of [
          ["at once", atOnce],
          ["after a chunk", later],
        ] as const) {
          expect(`${name}: ${await settled(store.put(source))}`, failed).toBe(`${name}: Err EVIDENCE_STORE_FAILED`);
        }
        expect(await snapshot(store, options), failed).toEqual([]);
      },
      timeout,
    );
  }

  test(
    `${PREFIX}: put and the lookups never throw nor reject, whatever they are given (values whose every read throws)`,
    async () => {
      const store = await options.factory();
      type Loose = Record<
        "get" | "stat" | "has" | "verify" | "put",
        (...args: unknown[]) => Promise<{ isOk(): boolean }>
      >;
      const loose = store as unknown as Loose;
      const data = bytesOf("data");
      // Each is refused, except the last: an async iterable of bytes whose `on` throws is still content.
      const contents: [string, unknown][] = [
        ["a Proxy whose traps throw", hostile()],
        [
          "a throwing [Symbol.asyncIterator] getter",
          Object.defineProperty({}, Symbol.asyncIterator, {
            get() {
              throw new Error("getter");
            },
          }),
        ],
        ["an iterator that is null", { [Symbol.asyncIterator]: () => null }],
        ["steps that are null", { [Symbol.asyncIterator]: () => ({ next: async () => null }) }],
        ["a hostile chunk", chunked([data, hostile()])],
        [
          "an 'on' that throws",
          Object.assign(chunked([data]), {
            on() {
              throw new Error("on");
            },
          }),
        ],
      ];
      const thrown = rule(
        "no method throws or rejects: every failure is a Result",
        "the store reads the content or option (content.length, instanceof, a property) before checking it",
      );
      for (const [i, [name, content]] of contents.entries()) {
        const r = await settled(loose.put(content));
        const expected = i === contents.length - 1 ? "Ok" : "Err";
        expect(`${name}: ${r.startsWith("Err ") ? "Err" : r}`, thrown).toBe(`${name}: ${expected}`);
      }
      expect(`options: ${await settled(loose.put(data, hostile()))}`, thrown).toBe("options: Err INVALID_INPUT");
      for (const method of ["get", "stat", "has", "verify"] as const) {
        expect(`${method}: ${await settled(loose[method](hostile()))}`, thrown).toBe(`${method}: Err INVALID_INPUT`);
      }
      expect(await listKeys(store)).toEqual([keyOf(hashOf(data, store.capabilities.algorithms[0]))]);
    },
    timeout,
  );
}

const MALFORMED_HASHES: readonly unknown[] = [
  undefined,
  null,
  "sha256:00",
  42,
  {},
  { algorithm: "sha256" },
  { hex: "00".repeat(32) },
  { algorithm: "md5", hex: "00".repeat(32) },
  { algorithm: "sha256", hex: "00".repeat(31) },
  { algorithm: "sha256", hex: "AB".repeat(32) },
  { algorithm: "sha256", hex: `${"00".repeat(31)}0g` },
  { algorithm: "sha256", hex: `../${"00".repeat(30)}a` },
  [{ algorithm: "sha256", hex: "00".repeat(32) }],
];

/**
 * Bad input: malformed hashes to every lookup, content and chunks of the wrong type,
 * malformed options, algorithms the store does not declare — each a typed error, the store
 * unchanged.
 */
export function evidenceBadInputTests<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  // The port's types forbid these; the tests call through `loose` as plain JavaScript would.
  type Loose = Record<"get" | "stat" | "has" | "verify" | "put", (...args: unknown[]) => Promise<{ isOk(): boolean }>>;
  const loose = (store: EvidenceStore): Loose => store as unknown as Loose;

  test(
    `${PREFIX}: a malformed hash is INVALID_INPUT for get, stat, has and verify`,
    async () => {
      const store = await options.factory();
      await store.put(bytesOf("x"));
      const before = await snapshot(store, options);
      const wellFormed = (v: unknown) =>
        typeof v === "object" &&
        v !== null &&
        HashAlgorithmNameSchema.safeParse((v as { algorithm?: unknown }).algorithm).success &&
        /^[0-9a-f]{64}$/.test(String((v as { hex?: unknown }).hex));
      const samples = [...MALFORMED_HASHES, ...fc.sample(fc.anything(), 30).filter((v) => !wellFormed(v))];
      for (const bad of samples) {
        for (const method of ["get", "stat", "has", "verify"] as const) {
          expect(`${method}: ${outcome(await loose(store)[method](bad))}`).toBe(`${method}: Err INVALID_INPUT`);
        }
      }
      expect(await snapshot(store, options)).toEqual(before);
    },
    timeout,
  );

  test(
    `${PREFIX}: content that is not bytes, or a chunk that is not, is INVALID_INPUT and stores nothing`,
    async () => {
      const store = await options.factory();
      const contents: unknown[] = [
        undefined,
        null,
        "text",
        42,
        [1, 2, 3],
        new Uint16Array(4),
        new ArrayBuffer(4),
        { length: 2, 0: 1, 1: 2 },
        chunked([bytesOf("ok so far"), "then a string"]),
        chunked([bytesOf("ok so far"), [1, 2, 3]]),
        chunked([null]),
        chunked([new DataView(new ArrayBuffer(2))]),
      ];
      for (const content of contents) {
        expect(outcome(await loose(store).put(content))).toBe("Err INVALID_INPUT");
      }
      expect(await snapshot(store, options)).toEqual([]);
    },
    timeout,
  );

  test(
    `${PREFIX}: malformed put options are INVALID_INPUT and store nothing`,
    async () => {
      const store = await options.factory();
      const data = bytesOf("data");
      const [algorithm] = store.capabilities.algorithms;
      const other = algorithm === "sm3" ? "sha256" : "sm3";
      const bad: unknown[] = [
        "sha256",
        42,
        { expectedSize: -1 },
        { expectedSize: 1.5 },
        { expectedSize: "4" },
        { expectedSize: Number.POSITIVE_INFINITY },
        { expected: "00".repeat(32) },
        { expected: { algorithm: "md5", hex: "00".repeat(32) } },
        { algorithm: "md5" },
        { algorithm: other, expected: hashOf(data, algorithm) },
      ];
      for (const o of bad) expect(outcome(await loose(store).put(data, o))).toBe("Err INVALID_INPUT");
      expect(await snapshot(store, options)).toEqual([]);
    },
    timeout,
  );

  const all = HashAlgorithmNameSchema.options;
  test(
    `${PREFIX}: capabilities are well formed; an algorithm the store does not declare is HASH_ALGORITHM_UNSUPPORTED for put`,
    async () => {
      const store = await options.factory();
      expect(store.specificationVersion).toBe("v1");
      const { algorithms, durable, maxSize } = store.capabilities;
      expect(algorithms.length).toBeGreaterThan(0);
      expect(new Set(algorithms).size).toBe(algorithms.length);
      for (const a of algorithms) expect(all.includes(a)).toBe(true);
      expect(typeof durable).toBe("boolean");
      expect(maxSize === null || (Number.isSafeInteger(maxSize) && maxSize > 0)).toBe(true);
      const data = bytesOf("data");
      for (const algorithm of all.filter((a) => !algorithms.includes(a))) {
        expect(outcome(await store.put(data, { algorithm }))).toBe("Err HASH_ALGORITHM_UNSUPPORTED");
        expect(outcome(await store.put(data, { expected: hashOf(data, algorithm) }))).toBe(
          "Err HASH_ALGORITHM_UNSUPPORTED",
        );
      }
      expect(await snapshot(store, options)).toEqual([]);
    },
    timeout,
  );
}

/**
 * 证据存储一致性测试 — the whole conformance suite of the {@link EvidenceStore} port:
 * {@link evidencePutTests}, {@link evidenceGetTests}, {@link evidenceVerifyTests},
 * {@link evidenceBadInputTests}, {@link evidenceSourceTests}, then the store's own
 * `additionalTests`.
 *
 * @example
 * ```ts
 * import { memoryEvidenceStore } from "@sanxiang/core";
 * import { evidenceStoreSuite } from "@sanxiang/testkit/conformance";
 * import { expect, test } from "vitest";
 *
 * evidenceStoreSuite({ test, expect }, { factory: async () => memoryEvidenceStore() });
 * ```
 */
export function evidenceStoreSuite<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  evidencePutTests(runner, options);
  evidenceGetTests(runner, options);
  evidenceVerifyTests(runner, options);
  evidenceBadInputTests(runner, options);
  evidenceSourceTests(runner, options);
  options.additionalTests?.(context(runner, options));
}
