// The evidence-store suite must be able to fail: each mutant below is core's reference
// store with one realistic adapter bug, and running the whole suite against it must fail —
// in the test of the rule the bug breaks (named beside each mutant). Written from the
// port's contract (docs/storage-evidence.md): the port has no delete and no close, so there
// are no "after delete" or "after close" mutants.
import {
  type ContentHash,
  checkEvidencePutOptions,
  type EvidenceStore,
  err,
  hashAlgorithm,
  ingestEvidence,
  memoryEvidenceKey,
  memoryEvidenceStore,
  ok,
  sanxiangError,
  toHex,
} from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { evidenceStoreSuite } from "./evidence-store.js";
import { concat } from "./evidence-store-support.js";
import type { TestBody } from "./harness.js";

type Backing = Map<string, Uint8Array>;
type Mutant = (backing: Backing) => EvidenceStore;

const MiB = 1024 * 1024;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const correct = (backing: Backing) => memoryEvidenceStore({ backing, chunkSize: 4096 });

const digest = (bytes: Uint8Array, algorithm: ContentHash["algorithm"]) =>
  toHex(hashAlgorithm(algorithm)._unsafeUnwrap().hash(bytes));

async function* empty(): AsyncIterable<Uint8Array> {}

async function readAll(store: EvidenceStore, hash: ContentHash): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of (await store.get(hash))._unsafeUnwrap() ?? empty()) parts.push(chunk);
  return concat(parts);
}

const failed = (message: string, cause?: unknown) =>
  sanxiangError("EVIDENCE_STORE_FAILED", message, cause === undefined ? {} : { cause });

/** Each mutant, and the start of the name of a test that must fail on it. */
const MUTANTS: Record<string, { readonly kills: string; readonly make: Mutant }> = {
  "acknowledges before the bytes are stored (the write is not awaited)": {
    kills: "put returns the content's hash and size and stores the bytes",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          const scratch = memoryEvidenceStore({ algorithms: inner.capabilities.algorithms });
          const r = await scratch.put(content, o);
          if (r.isErr()) return r;
          const bytes = backing.has(memoryEvidenceKey(r.value.hash)) ? undefined : await readAll(scratch, r.value.hash);
          if (bytes !== undefined) setTimeout(() => void inner.put(bytes, { algorithm: r.value.hash.algorithm }), 5);
          return ok({ ...r.value, created: bytes !== undefined });
        },
      };
    },
  },
  "verify answers from existence and size, without re-hashing": {
    kills: "verify notices a changed stored byte",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        verify: async (hash) => {
          const s = await inner.stat(hash);
          if (s.isErr()) return err(s.error);
          if (s.value === null) return inner.verify(hash);
          return ok({ hash, size: s.value.size });
        },
      };
    },
  },
  "verify checks only the first MiB and the size (a quick check)": {
    kills: "verify reads to the end",
    make: (backing) => {
      const inner = correct(backing);
      const quick = new Map<string, string>();
      return {
        ...inner,
        put: async (content, o) => {
          const r = await inner.put(content, o);
          if (r.isOk()) {
            const key = memoryEvidenceKey(r.value.hash);
            const stored = backing.get(key) ?? new Uint8Array(0);
            if (!quick.has(key)) quick.set(key, digest(stored.subarray(0, MiB), r.value.hash.algorithm));
          }
          return r;
        },
        verify: async (hash) => {
          const stored = backing.get(memoryEvidenceKey(hash));
          if (stored === undefined || stored.byteLength <= MiB) return inner.verify(hash);
          const head = digest(stored.subarray(0, MiB), hash.algorithm);
          if (head !== quick.get(memoryEvidenceKey(hash))) return inner.verify(hash);
          return ok({ hash, size: stored.byteLength });
        },
      };
    },
  },
  "dedupe trusts the announced hash and skips the upload": {
    kills: "dedupe never trusts the announced hash",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          if (o?.expected !== undefined && (await inner.has(o.expected)).unwrapOr(false)) {
            const s = (await inner.stat(o.expected))._unsafeUnwrap();
            return ok({ hash: o.expected, size: s?.size ?? 0, created: false });
          }
          return inner.put(content, o);
        },
      };
    },
  },
  "writes straight to the final key when the hash is announced (visible while writing)": {
    kills: "content being written is invisible",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          if (o?.expected === undefined || content instanceof Uint8Array) return inner.put(content, o);
          const key = memoryEvidenceKey(o.expected);
          const parts: Uint8Array[] = [];
          try {
            for await (const chunk of content) {
              parts.push(chunk.slice());
              backing.set(key, concat(parts));
            }
          } catch (cause) {
            backing.delete(key);
            return err(failed("upload failed", cause));
          }
          backing.delete(key);
          return inner.put(concat(parts), o);
        },
      };
    },
  },
  "a failed upload keeps what arrived": {
    kills: "a source stream that fails part-way",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          if (content instanceof Uint8Array) return inner.put(content, o);
          const parts: Uint8Array[] = [];
          try {
            for await (const chunk of content) parts.push(chunk);
          } catch (cause) {
            await inner.put(concat(parts), o);
            return err(failed("upload failed", cause));
          }
          return inner.put(concat(parts), o);
        },
      };
    },
  },
  "truncates content above 4 MiB (a column or part-size limit)": {
    kills: "content of several MiB",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          const r = await inner.put(content, o);
          if (r.isOk() && r.value.created && r.value.size > 4 * MiB) {
            const key = memoryEvidenceKey(r.value.hash);
            backing.set(key, (backing.get(key) ?? new Uint8Array(0)).slice(0, 4 * MiB));
          }
          return r;
        },
      };
    },
  },
  "concurrent puts share one staging buffer": {
    kills: "concurrent puts of different contents",
    make: (backing) => {
      const inner = correct(backing);
      const staging: Uint8Array[] = [];
      return {
        ...inner,
        put: async (content, o) => {
          const checked = checkEvidencePutOptions(o, inner.capabilities);
          if (checked.isErr()) return err(checked.error);
          const ingested = await ingestEvidence(content, checked.value, { write: (c) => void staging.push(c.slice()) });
          if (ingested.isErr()) {
            staging.length = 0;
            return err(ingested.error);
          }
          const key = memoryEvidenceKey(ingested.value.hash);
          const bytes = concat(staging.splice(0));
          if (backing.has(key)) return ok({ ...ingested.value, created: false });
          backing.set(key, bytes);
          return ok({ ...ingested.value, created: true });
        },
      };
    },
  },
  "get of a missing hash returns an empty stream": {
    kills: "an unknown hash is not found",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        get: async (hash) => (await inner.get(hash)).map((found) => found ?? empty()),
      };
    },
  },
  "the algorithm is not part of the key (lookups by hex alone)": {
    kills: "the algorithm is part of the key",
    make: (backing) => {
      const inner = correct(backing);
      const byHex = (hash: ContentHash): ContentHash => {
        for (const algorithm of ["sha256", "sm3"] as const) {
          if (backing.has(memoryEvidenceKey({ algorithm, hex: hash.hex }))) return { algorithm, hex: hash.hex };
        }
        return hash;
      };
      const hex = (hash: ContentHash) => (typeof hash?.hex === "string" ? byHex(hash) : hash);
      return {
        ...inner,
        get: (hash) => inner.get(hex(hash)),
        stat: (hash) => inner.stat(hex(hash)),
        has: (hash) => inner.has(hex(hash)),
        verify: async (hash) => {
          const found = hex(hash);
          if (found.algorithm === hash.algorithm) return inner.verify(hash);
          const v = await inner.verify(found);
          return v.map((x) => ({ ...x, hash }));
        },
      };
    },
  },
  "a source's error is taken for its end": {
    kills: "a source that fails before its first chunk",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: (content, o) => {
          if (content instanceof Uint8Array) return inner.put(content, o);
          async function* untilError(): AsyncIterable<Uint8Array> {
            try {
              yield* content as AsyncIterable<Uint8Array>;
            } catch {
              // "the stream ended"
            }
          }
          return inner.put(untilError(), o);
        },
      };
    },
  },
  "awaits before it reads the source, listening to nothing (the fs crash of issue 13)": {
    kills: "a Node stream that errors before or while the store reads it",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          await sleep(5); // opening a temporary file, a connection…
          return inner.put(content, o);
        },
      };
    },
  },
  "returns early on bad options without releasing the source": {
    kills: "put releases the source",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          const checked = checkEvidencePutOptions(o, inner.capabilities);
          if (checked.isErr()) return err(checked.error);
          return inner.put(content, o);
        },
      };
    },
  },
  "reads content.byteLength before checking it (throws on a hostile value)": {
    kills: "put and the lookups never throw nor reject",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: async (content, o) => {
          if ((content as { byteLength?: unknown }).byteLength === 0) return inner.put(new Uint8Array(0), o);
          return inner.put(content, o);
        },
      };
    },
  },
  "stat reports the size of the first chunk": {
    kills: "get returns the exact bytes, stat their size",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        stat: async (hash) => {
          const got = await inner.get(hash);
          if (got.isErr() || got.value === null) return got.map(() => null);
          for await (const chunk of got.value) return ok({ size: chunk.byteLength });
          return ok({ size: 0 });
        },
      };
    },
  },
  "stores chunk.buffer instead of the chunk (views with an offset)": {
    kills: "any bytes in any chunking",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        put: (content, o) => {
          if (content instanceof Uint8Array) return inner.put(content, o);
          async function* whole(): AsyncIterable<Uint8Array> {
            for await (const c of content as AsyncIterable<Uint8Array>) yield new Uint8Array(c.buffer);
          }
          return inner.put(whole(), o);
        },
      };
    },
  },
  "get yields the stored bytes themselves, not copies": {
    kills: "each get is a fresh iterable of copies",
    make: (backing) => {
      const inner = correct(backing);
      return {
        ...inner,
        get: async (hash) =>
          (await inner.get(hash)).map((found) => {
            const stored = backing.get(memoryEvidenceKey(hash));
            if (found === null || stored === undefined) return found;
            return (async function* () {
              yield stored;
            })();
          }),
      };
    },
  },
};

const backings = new WeakMap<object, Backing>();
const backingOf = (store: object): Backing => {
  const b = backings.get(store);
  if (b === undefined) throw new Error("store not made by the factory");
  return b;
};

describe("the evidence-store suite catches broken stores", () => {
  it("the correct reference store passes every test (the mutants differ from it by one bug)", async () => {
    const failures = await runSuite(correct);
    expect(failures).toEqual([]);
  }, 120_000);

  for (const [name, { kills, make }] of Object.entries(MUTANTS)) {
    it(`mutant: ${name}`, async () => {
      const failures = await runSuite(make);
      const named = failures.filter((f) => f.test.startsWith(`EvidenceStore v1: ${kills}`));
      expect(
        named.map((f) => f.test),
        `the test of the rule this bug breaks (${kills}…) must fail; failed: ${failures.map((f) => f.test).join(" | ")}`,
      ).not.toEqual([]);
      // And its message names the rule and the likely cause.
      expect(
        named.some((f) => f.message.includes("rule broken:") && f.message.includes("Likely cause:")),
        named
          .map((f) => f.message)
          .join("\n---\n")
          .slice(0, 3000),
      ).toBe(true);
    }, 120_000);
  }
});

async function runSuite(make: Mutant): Promise<{ test: string; message: string }[]> {
  const tests: { name: string; body: TestBody }[] = [];
  evidenceStoreSuite(
    { test: (name, body) => tests.push({ name, body }), expect },
    {
      factory: async () => {
        const backing: Backing = new Map();
        const store = make(backing);
        backings.set(store, backing);
        return store;
      },
      readBack: async (store, hash) => backingOf(store).get(memoryEvidenceKey(hash))?.slice() ?? null,
      corrupt: async (store, hash, index) => {
        const bytes = backingOf(store).get(memoryEvidenceKey(hash));
        if (bytes === undefined || bytes.length === 0) throw new Error("nothing to corrupt");
        const at = (index ?? Number.parseInt(hash.hex.slice(0, 8), 16)) % bytes.length;
        bytes[at] = (bytes[at] ?? 0) ^ 0x01;
      },
      numRuns: 10,
    },
  );
  expect(tests.length).toBeGreaterThan(30);
  const failures: { test: string; message: string }[] = [];
  for (const { name, body } of tests) {
    try {
      // A mutant may hang a test (the runner's timeout would fail it): 15 s fails it here.
      await Promise.race([body(), sleep(15_000).then(() => Promise.reject(new Error("timed out")))]);
    } catch (e) {
      // fast-check reports the failing assertion as the cause of its own error.
      const messages: string[] = [];
      for (let c: unknown = e, depth = 0; c !== undefined && depth < 5; depth++) {
        messages.push(c instanceof Error ? c.message : String(c));
        c = c instanceof Error ? c.cause : undefined;
      }
      failures.push({ test: name, message: messages.join("\ncaused by: ") });
    }
  }
  return failures;
}
