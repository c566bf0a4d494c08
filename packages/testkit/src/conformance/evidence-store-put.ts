// 存入 — the put group of the evidence-store conformance suite: hashes and sizes, idempotency, announced
// hash and size, failing sources, every chunking, the caller's buffer not kept.
import type { EvidenceStore } from "@sanxiang/core";
import fc from "fast-check";
import type { EvidenceStoreSuiteOptions } from "./evidence-store.js";
import {
  bytesOf,
  capped,
  chunked,
  deferred,
  hashOf,
  keyOf,
  listKeys,
  outcome,
  PREFIX,
  patterned,
  readAll,
  rule,
  sameBytes,
  sleep,
  snapshot,
  split,
} from "./evidence-store-support.js";
import type { SuiteRunner } from "./harness.js";

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
