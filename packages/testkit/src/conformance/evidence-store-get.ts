// 读取 — the get group of the evidence-store conformance suite: get, stat, has and list; concurrent puts.
import { type ContentHash, type EvidenceStore, HashAlgorithmNameSchema } from "@sanxiang/core";
import type { EvidenceStoreSuiteOptions } from "./evidence-store.js";
import {
  bytesOf,
  capped,
  chunked,
  concat,
  hashOf,
  keyOf,
  listKeys,
  outcome,
  PREFIX,
  patterned,
  readAll,
  rule,
  sameBytes,
  split,
  trickle,
} from "./evidence-store-support.js";
import type { SuiteRunner } from "./harness.js";

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
