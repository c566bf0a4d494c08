// 校验 — the verify group of the evidence-store conformance suite: stored content re-hashes, a changed
// byte is found wherever it is.
import type { EvidenceStore } from "@sanxiang/core";
import fc from "fast-check";
import type { EvidenceStoreSuiteOptions } from "./evidence-store.js";
import {
  bytesOf,
  capped,
  chunked,
  hashOf,
  keyOf,
  listKeys,
  outcome,
  PREFIX,
  patterned,
  rule,
  split,
} from "./evidence-store-support.js";
import type { SuiteRunner } from "./harness.js";

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
