// The evidence-store suite against core's in-memory reference store, with the store's
// backing map as the independent read-back channel.
import { type ContentHash, memoryEvidenceKey, memoryEvidenceStore } from "@sanxiang/core";
import { expect, test } from "vitest";
import { evidenceStoreSuite } from "./evidence-store.js";

const backings = new WeakMap<object, Map<string, Uint8Array>>();

function backingOf(store: object): Map<string, Uint8Array> {
  const backing = backings.get(store);
  if (backing === undefined) throw new Error("store not made by this test's factory");
  return backing;
}

evidenceStoreSuite(
  { test, expect },
  {
    factory: async () => {
      const backing = new Map<string, Uint8Array>();
      const store = memoryEvidenceStore({ backing, chunkSize: 4096 });
      backings.set(store, backing);
      return store;
    },
    readBack: async (store, hash: ContentHash) => backingOf(store).get(memoryEvidenceKey(hash))?.slice() ?? null,
    corrupt: async (store, hash, index) => {
      const bytes = backingOf(store).get(memoryEvidenceKey(hash));
      if (bytes === undefined || bytes.length === 0) throw new Error("nothing to corrupt");
      const at = (index ?? Number.parseInt(hash.hex.slice(0, 8), 16)) % bytes.length;
      bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    },
    additionalTests: ({ runner, hashOf, outcome }) => {
      runner.test("memory store: a store limited to SM3 refuses SHA-256 and finds nothing under it", async () => {
        const store = memoryEvidenceStore({ algorithms: ["sm3"] });
        const data = Uint8Array.of(1, 2, 3);
        runner.expect(outcome(await store.put(data, { algorithm: "sha256" }))).toBe("Err HASH_ALGORITHM_UNSUPPORTED");
        runner.expect((await store.put(data))._unsafeUnwrap().hash).toEqual(hashOf(data, "sm3"));
        runner.expect((await store.has(hashOf(data, "sha256")))._unsafeUnwrap()).toBe(false);
      });
    },
  },
);

// The same suite once more with a size limit small enough for its maxSize test to reach.
evidenceStoreSuite(
  { test: (name, body, t) => test(`[maxSize 64 KiB] ${name}`, body, t), expect },
  {
    factory: async () => memoryEvidenceStore({ maxSize: 64 * 1024 }),
    maxContentLength: 1024,
    numRuns: 10,
  },
);
