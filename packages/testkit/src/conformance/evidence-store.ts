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
   * tampering). When given, the suite checks that `verify` notices.
   */
  readonly corrupt?: (store: S, hash: ContentHash) => Promise<void>;
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
      expect(sameBytes(await readAll(store, hash), data)).toBe("same");
      if (options.readBack) expect(sameBytes(await options.readBack(store, hash), data)).toBe("same");
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
        expect(outcome(r)).toBe("Err EVIDENCE_TAMPERED");
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
      expect(outcome(r)).toBe("Err EVIDENCE_STORE_FAILED");
      expect(r.isErr() ? (r.error as Error).cause : undefined).toBe(cause);
      expect(await snapshot(store, options)).toEqual([]);
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
      expect(sameBytes(await readAll(store, hash), copy)).toBe("same");
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
            expect(r._unsafeUnwrap()).toEqual({ hash: expected, size: bytes.length, created });
            expect(sameBytes(await readAll(store, expected), bytes)).toBe("same");
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
      for (const algorithm of HashAlgorithmNameSchema.options) {
        const unknown = hashOf(bytesOf("never stored"), algorithm);
        expect((await store.get(unknown))._unsafeUnwrap()).toBe(null);
        expect((await store.stat(unknown))._unsafeUnwrap()).toBe(null);
        expect((await store.has(unknown))._unsafeUnwrap()).toBe(false);
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
      expect(sameBytes(await readAll(store, hash), data)).toBe("same");
      expect((await store.stat(hash))._unsafeUnwrap()).toEqual({ size: data.byteLength });
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
      expect(sameBytes(await readAll(store, hash), data)).toBe("same");
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
      expect(results.map(outcome)).toEqual(results.map(() => "Ok"));
      expect(results.filter((r) => r.isOk() && r.value.created)).toHaveLength(1);
      expect(await listKeys(store)).toEqual([keyOf(hashOf(data, store.capabilities.algorithms[0]))]);
      expect(sameBytes(await readAll(store, hashOf(data, store.capabilities.algorithms[0])), data)).toBe("same");
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
      expect(outcome(v)).toBe("Err EVIDENCE_TAMPERED");
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
 * {@link evidenceBadInputTests}, then the store's own `additionalTests`.
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
  options.additionalTests?.(context(runner, options));
}
