// Internal helpers of the evidence-store conformance suite (not exported from the package): the
// independent hash and read-back, bytes and chunkings, messages that name the rule broken, and
// sources that misbehave (a Node-style stream, a trickle, a hostile value).
import { type ContentHash, type EvidenceStore, hashAlgorithm, type SanxiangError, toHex } from "@sanxiang/core";
import type { EvidenceStoreSuiteContext, EvidenceStoreSuiteOptions } from "./evidence-store.js";
import type { SuiteRunner } from "./harness.js";

/** The start of every test name and rule message: the port and its version. */
export const PREFIX = "EvidenceStore v1";

/** The hash of `bytes`, by core's one-shot hash — the suite's independent reference. */
export function hashOf(bytes: Uint8Array, algorithm: ContentHash["algorithm"] = "sha256"): ContentHash {
  return { algorithm, hex: toHex(hashAlgorithm(algorithm)._unsafeUnwrap().hash(bytes)) };
}

/** A hash as `"<algorithm>:<hex>"`. */
export const keyOf = (h: ContentHash): string => `${h.algorithm}:${h.hex}`;

/** The parts joined into one buffer. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

/** Every byte `store.get(hash)` yields, or `null` when not found. */
export async function readAll(store: EvidenceStore, hash: ContentHash): Promise<Uint8Array | null> {
  const got = await store.get(hash);
  if (got.isErr()) throw got.error;
  if (got.value === null) return null;
  const parts: Uint8Array[] = [];
  for await (const chunk of got.value) parts.push(chunk);
  return concat(parts);
}

/** Every hash `store.list()` yields, as `"<algorithm>:<hex>"`, sorted. */
export async function listKeys(store: EvidenceStore): Promise<string[]> {
  const keys: string[] = [];
  for await (const h of store.list()) keys.push(keyOf(h));
  return keys.sort();
}

/** `"Ok"` or `"Err <code>"`. */
export function outcome(result: { isOk(): boolean; error?: unknown }): string {
  if (result.isOk()) return "Ok";
  const e = result.error as Partial<SanxiangError> | undefined;
  return `Err ${String(e?.code)}`;
}

/** The context {@link EvidenceStoreSuiteOptions.additionalTests} is given. */
export function context<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): EvidenceStoreSuiteContext<S> {
  return { runner, options, hashOf, readAll, listKeys, outcome };
}

/** Bytes from text, without TextEncoder (the suite runs where only ES2023 is assumed). */
export function bytesOf(text: string): Uint8Array {
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

/** An async iterable yielding `parts` as given (also values that are no bytes, for the bad-input tests). */
export async function* chunked(parts: readonly unknown[]): AsyncIterable<Uint8Array> {
  for (const p of parts) yield p as Uint8Array;
}

/** Splits `bytes` at `cuts` (positions modulo its length + 1), as views of one buffer with offsets. */
export function split(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
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
export function sameBytes(actual: Uint8Array | null, expected: Uint8Array): string {
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
export function capped(store: EvidenceStore, size: number): number {
  return Math.min(size, store.capabilities.maxSize ?? size);
}

// The suites run under a test runner (Node or a browser): both have timers, which the
// platform-neutral type environment of this package does not declare.
declare const setTimeout: (callback: () => void, ms: number) => unknown;
/** Resolves after `ms` milliseconds. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * An assertion message: the rule of the port that failed and the likely cause in the
 * store, so a failing adapter author reads what to fix, not only which values differ.
 */
export function rule(broken: string, likelyCause: string): string {
  return `${PREFIX} rule broken: ${broken}. Likely cause: ${likelyCause}`;
}

/** Deterministic bytes (an LCG), fast enough for content of several MiB. */
export function patterned(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** A promise and the functions that settle it. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
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
export async function settled(promise: Promise<{ isOk(): boolean; error?: unknown }>, ms = 5000): Promise<string> {
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
export class NodeStyleSource {
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
export async function* trickle(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  for (const c of chunks) {
    await sleep(0);
    yield c;
  }
}

/** A value whose every Proxy trap throws: reading anything of it throws. */
export function hostile(): object {
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
export async function snapshot<S extends EvidenceStore>(
  store: S,
  options: EvidenceStoreSuiteOptions<S>,
): Promise<string[]> {
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
