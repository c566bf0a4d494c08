import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type SanxiangError, SanxiangError as SanxiangErrorClass } from "../kernel/errors.js";
import { sha256, toHex } from "../kernel/hash.js";
import { err } from "../kernel/result.js";
import { sm3 } from "../kernel/sm3.js";
import type { ContentHash } from "./evidence.js";
import {
  checkEvidenceHash,
  checkEvidencePutOptions,
  type EvidenceStore,
  guardEvidencePut,
  ingestEvidence,
} from "./evidence-store.js";
import { memoryEvidenceKey, memoryEvidenceStore } from "./evidence-store-memory.js";

const enc = new TextEncoder();
const sha = (b: Uint8Array): ContentHash => ({ algorithm: "sha256", hex: toHex(sha256.hash(b)) });

async function* stream(chunks: readonly unknown[]): AsyncIterable<unknown> {
  for (const c of chunks) yield c;
}

async function collect(store: EvidenceStore, hash: ContentHash): Promise<Uint8Array | null> {
  const got = (await store.get(hash))._unsafeUnwrap();
  if (got === null) return null;
  const parts: Uint8Array[] = [];
  for await (const c of got) parts.push(c);
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function code(r: { isErr(): boolean; error?: unknown }): string | undefined {
  return r.isErr() ? (r.error as SanxiangError).code : undefined;
}

describe("memoryEvidenceStore", () => {
  it("stores, finds and re-hashes content; a second put creates nothing", async () => {
    const store = memoryEvidenceStore();
    const data = enc.encode("执法记录仪视频 0001");
    const first = (await store.put(data))._unsafeUnwrap();
    expect(first).toEqual({ hash: sha(data), size: data.byteLength, created: true });
    expect(
      (await store.put(stream([data.subarray(0, 3), data.subarray(3)]) as AsyncIterable<Uint8Array>))._unsafeUnwrap(),
    ).toEqual({ ...first, created: false });
    expect(await collect(store, first.hash)).toEqual(data);
    expect((await store.stat(first.hash))._unsafeUnwrap()).toEqual({ size: data.byteLength });
    expect((await store.verify(first.hash))._unsafeUnwrap()).toEqual({ hash: first.hash, size: data.byteLength });
    const listed: ContentHash[] = [];
    for await (const h of store.list()) listed.push(h);
    expect(listed).toEqual([first.hash]);
  });

  it("hashes with SM3 when the sender's hash is SM3", async () => {
    const store = memoryEvidenceStore();
    const data = enc.encode("abc");
    // GB/T 32905-2016 Appendix A.1
    const expected: ContentHash = {
      algorithm: "sm3",
      hex: "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0",
    };
    expect((await store.put(data, { expected }))._unsafeUnwrap().hash).toEqual(expected);
    expect((await store.has(expected))._unsafeUnwrap()).toBe(true);
    expect((await store.has(sha(data)))._unsafeUnwrap()).toBe(false);
  });

  it("refuses an algorithm it does not hold, and a conflicting algorithm option", async () => {
    const store = memoryEvidenceStore({ algorithms: ["sha256"] });
    expect(store.capabilities.algorithms).toEqual(["sha256"]);
    expect(code(await store.put(enc.encode("x"), { algorithm: "sm3" }))).toBe("HASH_ALGORITHM_UNSUPPORTED");
    const h = sha(enc.encode("x"));
    expect(code(await store.put(enc.encode("x"), { expected: h, algorithm: "sm3" }))).toBe("INVALID_INPUT");
    // A lookup of an algorithm it does not hold is simply not found.
    expect((await store.get({ algorithm: "sm3", hex: h.hex }))._unsafeUnwrap()).toBeNull();
  });

  it("refuses content beyond maxSize and stores nothing", async () => {
    const backing = new Map<string, Uint8Array>();
    const store = memoryEvidenceStore({ maxSize: 4, backing });
    expect(store.capabilities.maxSize).toBe(4);
    expect((await store.put(new Uint8Array(4)))._unsafeUnwrap().size).toBe(4);
    const r = await store.put(new Uint8Array(5));
    expect(code(r)).toBe("INVALID_INPUT");
    expect(backing.size).toBe(1);
  });

  it("reads through the backing map and notices a changed byte", async () => {
    const backing = new Map<string, Uint8Array>();
    const store = memoryEvidenceStore({ backing, chunkSize: 2 });
    const data = enc.encode("scan.pdf bytes");
    const { hash } = (await store.put(data))._unsafeUnwrap();
    const stored = backing.get(memoryEvidenceKey(hash));
    expect(stored).toEqual(data);
    // get yields copies in chunks of chunkSize
    const got = (await store.get(hash))._unsafeUnwrap();
    let n = 0;
    for await (const c of got ?? []) {
      expect(c.byteLength).toBeLessThanOrEqual(2);
      c.fill(0);
      n++;
    }
    expect(n).toBe(7);
    expect(backing.get(memoryEvidenceKey(hash))).toEqual(data);
    if (stored === undefined) throw new Error("not stored");
    stored[3] = (stored[3] ?? 0) ^ 1;
    const v = await store.verify(hash);
    expect(code(v)).toBe("EVIDENCE_TAMPERED");
    expect(v._unsafeUnwrapErr().details).toMatchObject({ hash, size: data.byteLength });
    expect(code(await store.verify(sha(enc.encode("never stored"))))).toBe("EVIDENCE_NOT_FOUND");
  });

  it("of concurrent puts of the same bytes exactly one creates", async () => {
    const store = memoryEvidenceStore();
    const data = enc.encode("same bytes, eight uploads");
    const results = await Promise.all(
      Array.from({ length: 8 }, () => store.put(stream([data]) as AsyncIterable<Uint8Array>)),
    );
    expect(results.filter((r) => r._unsafeUnwrap().created)).toHaveLength(1);
  });

  it("does not keep the caller's buffer: changing it after put changes nothing", async () => {
    const store = memoryEvidenceStore();
    const data = enc.encode("photo");
    const { hash } = (await store.put(data))._unsafeUnwrap();
    data[0] = 0;
    expect((await store.verify(hash)).isOk()).toBe(true);
  });

  it("rejects a bad chunkSize or an empty algorithm list at configuration time", () => {
    expect(() => memoryEvidenceStore({ chunkSize: 0 })).toThrow(RangeError);
    expect(() => memoryEvidenceStore({ algorithms: [] })).toThrow(RangeError);
  });
});

describe("ingestEvidence", () => {
  const opts = { algorithm: "sha256" as const };

  test.prop([fc.uint8Array({ maxLength: 2048 }), fc.array(fc.nat(2048), { maxLength: 8 }), fc.boolean()])(
    "any chunking hashes as one-shot hashing and passes every byte to the sink once",
    async (bytes, cuts, useSm3) => {
      const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
      const chunks: Uint8Array[] = [];
      let at = 0;
      for (const p of [...points, bytes.length]) {
        chunks.push(bytes.subarray(at, p));
        at = p;
      }
      const seen: number[] = [];
      const r = await ingestEvidence(
        stream(chunks),
        { algorithm: useSm3 ? "sm3" : "sha256" },
        { write: (c) => void seen.push(...c) },
      );
      const alg = useSm3 ? sm3 : sha256;
      expect(r._unsafeUnwrap()).toEqual({
        hash: { algorithm: alg.name, hex: toHex(alg.hash(bytes)) },
        size: bytes.length,
      });
      expect(seen).toEqual([...bytes]);
    },
  );

  it("stops reading once more bytes arrived than announced", async () => {
    let pulled = 0;
    async function* endless(): AsyncIterable<Uint8Array> {
      for (;;) {
        pulled++;
        yield new Uint8Array(10);
      }
    }
    const r = await ingestEvidence(endless(), { ...opts, expectedSize: 25 }, { write: () => undefined });
    expect(code(r)).toBe("EVIDENCE_TAMPERED");
    expect(r._unsafeUnwrapErr().details).toMatchObject({ expected: { size: 25 }, complete: false });
    expect(pulled).toBe(3);
  });

  it("reports a short upload, a wrong hash, a bad chunk, a failing source and a failing sink", async () => {
    const data = enc.encode("abc");
    const sink = { write: () => undefined };
    expect(code(await ingestEvidence(data, { ...opts, expectedSize: 4 }, sink))).toBe("EVIDENCE_TAMPERED");
    const wrong = await ingestEvidence(data, { ...opts, expected: sha(enc.encode("abd")) }, sink);
    expect(code(wrong)).toBe("EVIDENCE_TAMPERED");
    expect(wrong._unsafeUnwrapErr().details).toMatchObject({ actual: sha(data) });
    expect(code(await ingestEvidence(stream([data, "abc"]), opts, sink))).toBe("INVALID_INPUT");
    expect(code(await ingestEvidence("abc", opts, sink))).toBe("INVALID_INPUT");
    expect(code(await ingestEvidence([data], opts, sink))).toBe("INVALID_INPUT");
    async function* failing(): AsyncIterable<Uint8Array> {
      yield data;
      throw new Error("connection reset");
    }
    const f = await ingestEvidence(failing(), opts, sink);
    expect(code(f)).toBe("EVIDENCE_STORE_FAILED");
    expect((f._unsafeUnwrapErr() as Error).cause).toEqual(new Error("connection reset"));
    const s = await ingestEvidence(data, opts, {
      write: () => Promise.reject(new Error("ENOSPC")),
    });
    expect(code(s)).toBe("EVIDENCE_STORE_FAILED");
    const coded = await ingestEvidence(data, opts, {
      write: () => {
        throw new SanxiangErrorClass({ code: "INVALID_INPUT", message: "x" });
      },
    });
    expect(code(coded)).toBe("INVALID_INPUT");
  });

  it("says which side failed: the source (named when it is a file stream) or the sink", async () => {
    const data = enc.encode("abc");
    async function* failing(): AsyncIterable<Uint8Array> {
      yield* [];
      throw Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" });
    }
    const source = Object.assign(failing(), { path: "/media/card/VID_0001.mp4" });
    const f = (await ingestEvidence(source, opts, { write: () => undefined }))._unsafeUnwrapErr();
    expect(f.details).toMatchObject({ stage: "source", source: "/media/card/VID_0001.mp4", errno: "ENOENT", at: 0 });
    expect(f.message).toBe("读取证据来源失败（文件不存在）：/media/card/VID_0001.mp4，未存储");
    const s = await ingestEvidence(stream([data, data]), opts, { write: () => Promise.reject(new Error("EIO")) });
    expect(s._unsafeUnwrapErr().details).toMatchObject({ stage: "sink", at: 3 });
  });

  it("closes a source it stops reading early (a Node stream's iterator destroys the stream)", async () => {
    let closed = 0;
    const source = {
      [Symbol.asyncIterator]: () => ({
        next: async () => ({ done: false, value: enc.encode("0123456789") }),
        return: async () => {
          closed += 1;
          return { done: true, value: undefined };
        },
      }),
    };
    const r = await ingestEvidence(source, { ...opts, maxSize: 15 }, { write: () => undefined });
    expect(code(r)).toBe("INVALID_INPUT");
    expect(closed).toBe(1);
  });
});

describe("guardEvidencePut", () => {
  it("turns a throw or a rejection of the implementation into EVIDENCE_STORE_FAILED, keeping a coded error", async () => {
    const boom = new Error("adapter bug");
    const throwing = guardEvidencePut(() => {
      throw boom;
    });
    const r = await throwing(enc.encode("x"));
    expect(code(r)).toBe("EVIDENCE_STORE_FAILED");
    expect((r._unsafeUnwrapErr() as Error).cause).toBe(boom);
    const coded = new SanxiangErrorClass({ code: "EVIDENCE_TAMPERED", message: "x" });
    expect((await guardEvidencePut(() => Promise.reject(coded))(enc.encode("x")))._unsafeUnwrapErr()).toBe(coded);
  });

  it("listens to a Node-style source's 'error' before the implementation runs, and destroys it after", async () => {
    const events: string[] = [];
    const source = {
      destroyed: false,
      on(event: string) {
        events.push(`on ${event}`);
        return source;
      },
      destroy() {
        events.push("destroy");
        source.destroyed = true;
      },
      async *[Symbol.asyncIterator]() {
        yield enc.encode("x");
      },
    };
    const put = guardEvidencePut(async () => {
      events.push("put");
      return err(new SanxiangErrorClass({ code: "INVALID_INPUT", message: "bad options" }));
    });
    expect(code(await put(source))).toBe("INVALID_INPUT");
    expect(events).toEqual(["on error", "put", "destroy"]);
  });
});

describe("input checks", () => {
  it("checkEvidenceHash refuses malformed hashes with INVALID_INPUT", () => {
    for (const bad of [
      null,
      "abc",
      { algorithm: "md5", hex: "00".repeat(32) },
      { algorithm: "sha256", hex: "AB".repeat(32) },
      { algorithm: "sha256", hex: "00" },
    ]) {
      expect(code(checkEvidenceHash(bad))).toBe("INVALID_INPUT");
    }
    expect(checkEvidenceHash({ algorithm: "sm3", hex: "0a".repeat(32) }).isOk()).toBe(true);
  });

  it("checkEvidencePutOptions settles the algorithm and checks the sizes", () => {
    const caps = { algorithms: ["sm3", "sha256"] as const, durable: false, maxSize: null };
    expect(checkEvidencePutOptions(undefined, caps)._unsafeUnwrap()).toEqual({ algorithm: "sm3" });
    expect(checkEvidencePutOptions({ algorithm: "sha256" }, caps)._unsafeUnwrap()).toEqual({ algorithm: "sha256" });
    for (const bad of [{ expectedSize: -1 }, { expectedSize: 1.5 }, { expectedSize: "3" }, 42, { algorithm: "md5" }]) {
      expect(code(checkEvidencePutOptions(bad, caps))).toBe("INVALID_INPUT");
    }
  });
});
