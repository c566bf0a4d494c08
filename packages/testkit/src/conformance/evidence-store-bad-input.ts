// 错误输入 — the bad-input group of the evidence-store conformance suite: malformed hashes, content,
// chunks and options, each a typed error with the store unchanged.
import { type EvidenceStore, HashAlgorithmNameSchema } from "@sanxiang/core";
import fc from "fast-check";
import type { EvidenceStoreSuiteOptions } from "./evidence-store.js";
import { bytesOf, chunked, hashOf, outcome, PREFIX, snapshot } from "./evidence-store-support.js";
import type { SuiteRunner } from "./harness.js";

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
