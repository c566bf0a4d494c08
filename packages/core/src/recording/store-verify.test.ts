import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { sha256, toHex } from "../kernel/hash.js";
import { merkleRoot } from "../kernel/merkle.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { signingKeyId } from "../kernel/signer.js";
import { ed25519Signer, generateEd25519SecretKey } from "../kernel/signer-ed25519.js";
import { testSigner } from "../kernel/signer-verify.js";
import { sm3 } from "../kernel/sm3.js";
import type { SignedTreeHead } from "../kernel/tree-head.js";
import type { CaseEvent } from "./case-event.js";
import type { EventStore, StoredLeaf } from "./event-store.js";
import { memoryEventStore } from "./memory-event-store.js";
import { compareCodePoints, PROJECTION_QUERY_LIMIT, type Projection, type ProjectionRow } from "./projection.js";
import { guardEventStore } from "./store-guard.js";
import { signAndSaveTreeHead } from "./store-sign.js";
import { verifyEventStore } from "./store-verify.js";
import { envelopeMatches, envelopeOf, RunningMerkleRoot } from "./store-verify-log.js";

const event = (caseId: string, seq: number, payload: Record<string, unknown> = {}): CaseEvent => ({
  caseId,
  seq,
  type: seq === 1 ? "case.filed" : "case.noted",
  at: "2026-03-10T02:00:00Z",
  actor: { id: "officer-1", roles: ["officer"] },
  stage: "investigation",
  payload,
});

// Rows with and without a sort key, counters, and a delete: every kind of write.
const testProjection: Projection = {
  name: "per-case",
  version: 1,
  project: (e) => [
    { op: "put", key: `case:${e.caseId}`, sortKey: e.seq % 2 === 0 ? null : `s${e.seq}`, value: { last: e.seq } },
    { op: "increment", key: `count:${e.caseId}`, by: 1 },
    ...(e.seq === 3 ? [{ op: "delete" as const, key: `case:${e.caseId}` }] : []),
  ],
};

const signer = testSigner("ed25519");
const key = { algorithm: signer.algorithm, publicKey: signer.publicKey };

/** Appends `counts[i]` events to case `c<i>`, interleaved, signing a head after each append whose size is in `signAt`. */
async function fill(
  store: EventStore,
  counts: readonly number[],
  signAt: ReadonlySet<number> = new Set(),
  payload: (caseId: string, seq: number) => Record<string, unknown> = (c, s) => ({ note: `${c}/${s} 记录 ✓` }),
): Promise<void> {
  const versions = counts.map(() => 0);
  while (versions.some((v, i) => v < (counts[i] as number))) {
    for (const [i, n] of counts.entries()) {
      const v = versions[i] as number;
      if (v >= n) continue;
      const id = `c${i}`;
      const r = await store.append(id, v, [event(id, v + 1, payload(id, v + 1))]);
      const size = r._unsafeUnwrap().treeHead.treeSize;
      versions[i] = v + 1;
      if (signAt.has(size)) {
        (
          await signAndSaveTreeHead(store, signer, { logId: "bureau-1", timestamp: "2026-03-10T03:00:00Z" })
        )._unsafeUnwrap();
      }
    }
  }
}

const codeOf = (r: Result<unknown, SanxiangError>): string | undefined => (r.isErr() ? r.error.code : undefined);

/** The store without its optional raw reads: verified through readAll and queryProjection. */
const withoutRawReads = (store: EventStore): EventStore => {
  const { readLeaves: _leaves, readProjectionRows: _rows, ...rest } = store;
  return rest;
};

const flip = (bytes: Uint8Array, index: number): Uint8Array => {
  const copy = bytes.slice();
  const i = index % copy.length;
  copy[i] = (copy[i] as number) ^ 0x01;
  return copy;
};

describe("verifyEventStore: the log", () => {
  it("passes a sound store on both read paths and says what it checked", async () => {
    const store = memoryEventStore({ projections: [testProjection] });
    await fill(store, [4, 2, 3], new Set([3, 6]));
    for (const s of [store, withoutRawReads(store), guardEventStore(store)]) {
      const v = (await verifyEventStore(s, { key }))._unsafeUnwrap();
      expect(v.events).toBe(9);
      expect(v.cases).toBe(3);
      expect(v.signedTreeHeads.map((h) => [h.treeSize, h.signatureChecked, h.source])).toEqual([
        [3, true, "store"],
        [6, true, "store"],
      ]);
      expect(v.unsignedTail).toEqual({ fromPosition: 7, toPosition: 9, events: 3 });
      expect(v.projections).toEqual([{ name: "per-case", version: 1, rows: 5 }]);
    }
    expect((await verifyEventStore(store))._unsafeUnwrap().readPath).toBe("leaves");
    expect((await verifyEventStore(guardEventStore(store)))._unsafeUnwrap().readPath).toBe("leaves");
    expect((await verifyEventStore(withoutRawReads(store)))._unsafeUnwrap().readPath).toBe("events");
  });

  it("reports no unsigned tail when the newest head covers the log, and the whole log when none is kept", async () => {
    const signed = memoryEventStore();
    await fill(signed, [2, 2], new Set([4]));
    expect((await verifyEventStore(signed))._unsafeUnwrap().unsignedTail).toBeNull();
    const unsigned = memoryEventStore();
    await fill(unsigned, [2]);
    expect((await verifyEventStore(unsigned))._unsafeUnwrap().unsignedTail).toEqual({
      fromPosition: 1,
      toPosition: 2,
      events: 2,
    });
    expect((await verifyEventStore(memoryEventStore()))._unsafeUnwrap().unsignedTail).toBeNull();
  });

  it("finds a changed byte, a changed leaf hash, a wrong column and a gap in the stored leaves", async () => {
    const store = memoryEventStore();
    await fill(store, [3, 2]);
    const tamper = (change: (leaf: StoredLeaf) => StoredLeaf | null, at: number): EventStore => ({
      ...store,
      readLeaves: async (o) =>
        (await (store.readLeaves as NonNullable<EventStore["readLeaves"]>)(o)).map((page) =>
          page.flatMap((l) => {
            if (l.position !== at) return [l];
            const changed = change(l);
            return changed === null ? [] : [changed];
          }),
        ),
    });
    expect(codeOf(await verifyEventStore(tamper((l) => ({ ...l, bytes: flip(l.bytes, 40) }), 2)))).toBe(
      "EVENT_HASH_MISMATCH",
    );
    expect(codeOf(await verifyEventStore(tamper((l) => ({ ...l, leafHash: flip(l.leafHash, 0) }), 3)))).toBe(
      "EVENT_HASH_MISMATCH",
    );
    const column = await verifyEventStore(tamper((l) => ({ ...l, caseId: "c9" }), 4));
    expect(codeOf(column)).toBe("STORE_CORRUPT");
    expect(column._unsafeUnwrapErr().details).toMatchObject({ position: 4, columns: { caseId: "c9" } });
    expect(codeOf(await verifyEventStore(tamper((l) => ({ ...l, seq: l.seq + 1 }), 1)))).toBe("STORE_CORRUPT");
    expect(codeOf(await verifyEventStore(tamper((l) => ({ ...l, type: "case.closed" }), 5)))).toBe("STORE_CORRUPT");
    expect(codeOf(await verifyEventStore(tamper(() => null, 3)))).toBe("STORE_CORRUPT");
  });

  it("refuses a hash implementation of another algorithm or with other digests", async () => {
    const store = memoryEventStore();
    await fill(store, [2]);
    expect(codeOf(await verifyEventStore(store, { hash: sm3 }))).toBe("INVALID_INPUT");
    const wrong = { ...sha256, hash: (d: Uint8Array) => sm3.hash(d) };
    expect(codeOf(await verifyEventStore(store, { hash: wrong }))).toBe("INVALID_INPUT");
    expect((await verifyEventStore(store, { hash: sha256 })).isOk()).toBe(true);
    // hashInto, which the verifier prefers, is checked as well: wrong digest, or written off its offset.
    const wrongInto = { ...sha256, hashInto: (d: Uint8Array, o: Uint8Array, at: number) => o.set(sm3.hash(d), at) };
    expect(codeOf(await verifyEventStore(store, { hash: wrongInto }))).toBe("INVALID_INPUT");
    const offAt = { ...sha256, hashInto: (d: Uint8Array, o: Uint8Array) => o.set(sha256.hash(d), 0) };
    expect(codeOf(await verifyEventStore(store, { hash: offAt }))).toBe("INVALID_INPUT");
    expect((await verifyEventStore(store, { hash: withHashInto(sha256) })).isOk()).toBe(true);
  });
});

/** A hash port with hashInto (as Node's native port has), over core's own digests. */
const withHashInto = (h: typeof sha256): typeof sha256 => ({
  ...h,
  hashInto: (data, out, offset) => out.set(h.hash(data), offset),
});

describe("verifyEventStore: the store's stored subtrees (readMerkleNodes), checked, never trusted", () => {
  const flip = (h: Uint8Array): Uint8Array => {
    const out = h.slice();
    out[5] = (out[5] as number) ^ 0x80;
    return out;
  };
  async function filled(events: number): Promise<EventStore> {
    const store = memoryEventStore();
    for (let i = 0; i < events; i++) {
      (await store.append(`c${i % 3}`, Math.floor(i / 3), [event(`c${i % 3}`, Math.floor(i / 3) + 1)]))._unsafeUnwrap();
    }
    return store;
  }

  fcTest.prop([fc.integer({ min: 2, max: 2600 }), fc.nat(), fc.constantFrom("runs", "refs")], { numRuns: 16 })(
    "compares every interior node with the recomputation, read as runs or as refs; any one wrong is STORE_CORRUPT naming it",
    async (size, pick, form) => {
      const full = await filled(size);
      // "refs": a store without readMerkleNodeRuns, read one ref a node.
      const { readMerkleNodeRuns: _runs, ...withoutRuns } = full;
      const store: EventStore = form === "runs" ? full : withoutRuns;
      const ok = (await verifyEventStore(store, { projections: false }))._unsafeUnwrap();
      let interior = size;
      for (let x = size; x > 0; x = Math.floor(x / 2)) if (x % 2 === 1) interior--;
      expect(ok.merkleNodes).toBe(interior);
      // The bad node: level ≥ 1, anywhere in the tree.
      const levels = Math.floor(Math.log2(size));
      const level = 1 + (pick % levels);
      const index = Math.floor(pick / levels) % Math.floor(size / 2 ** level);
      const broken: EventStore =
        form === "refs"
          ? {
              ...store,
              readMerkleNodes: async (refs) =>
                (await (full.readMerkleNodes as NonNullable<EventStore["readMerkleNodes"]>)(refs)).map((hashes) =>
                  hashes.map((h, i) => (refs[i]?.level === level && refs[i]?.index === index ? flip(h) : h)),
                ),
            }
          : {
              ...store,
              readMerkleNodeRuns: async (runs) =>
                (await (full.readMerkleNodeRuns as NonNullable<EventStore["readMerkleNodeRuns"]>)(runs)).map(
                  (buffers) =>
                    buffers.map((b, i) => {
                      const r = runs[i];
                      if (r === undefined || r.level !== level || index < r.first || index >= r.first + r.count)
                        return b;
                      const out = b.slice();
                      out.set(
                        flip(b.subarray((index - r.first) * 32, (index - r.first + 1) * 32)),
                        (index - r.first) * 32,
                      );
                      return out;
                    }),
                ),
            };
      const e = (await verifyEventStore(broken, { projections: false }))._unsafeUnwrapErr();
      expect(e.code).toBe("STORE_CORRUPT");
      expect(e.details).toEqual({ what: "merkleNode", level, index });
    },
  );

  it("runs answered short, or not at all, are STORE_CORRUPT naming the run's first node; a failed read is its error", async () => {
    const store = await filled(40);
    const runs = store.readMerkleNodeRuns as NonNullable<EventStore["readMerkleNodeRuns"]>;
    const short: EventStore = {
      ...store,
      readMerkleNodeRuns: async (asked) =>
        (await runs(asked)).map((buffers) => buffers.map((b, i) => (asked[i]?.level === 2 ? b.subarray(0, 32) : b))),
    };
    const e = (await verifyEventStore(short, { projections: false }))._unsafeUnwrapErr();
    expect(e.code).toBe("STORE_CORRUPT");
    expect(e.details).toEqual({ what: "merkleNode", level: 2, index: 0 });
    const failing: EventStore = {
      ...store,
      readMerkleNodeRuns: async () => err(sanxiangError("STORE_UNAVAILABLE", "断开")),
    };
    expect((await verifyEventStore(failing, { projections: false }))._unsafeUnwrapErr().code).toBe("STORE_UNAVAILABLE");
  });

  it("runs read while the next pages are hashed: a batch in flight when the log fails is never an unhandled rejection", async () => {
    const store = await filled(20_000);
    let asked = 0;
    const throwing: EventStore = {
      ...store,
      readMerkleNodeRuns: () => {
        asked++;
        return Promise.reject(new Error("adapter broke its contract"));
      },
      readLeaves: async (o) => {
        const page = await (store.readLeaves as NonNullable<EventStore["readLeaves"]>)(o);
        // The 12th page comes back tampered: the run stops there with the batch before in flight.
        return (o?.after ?? 0) === 11_000
          ? page.map((leaves) => leaves.map((l, i) => (i === 0 ? { ...l, leafHash: flip(l.leafHash) } : l)))
          : page;
      },
    };
    const v = await verifyEventStore(throwing, { projections: false });
    expect(v._unsafeUnwrapErr().code).toBe("EVENT_HASH_MISMATCH");
    expect(asked).toBe(1);
    // Give an unhandled rejection the chance to surface (vitest fails the run on one).
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it("a store without them is verified as before (merkleNodes: null)", async () => {
    const store = await filled(9);
    const { readMerkleNodes: _n, readMerkleNodeRuns: _r, readStreamLeaves: _l, streamsLinkedTo: _s, ...rest } = store;
    expect((await verifyEventStore(rest))._unsafeUnwrap().merkleNodes).toBeNull();
  });
});

describe("RunningMerkleRoot (the verifier's root, kept in one buffer)", () => {
  fcTest.prop([
    fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 70 }),
    fc.constantFrom(sha256, sm3),
    fc.boolean(),
  ])("equals the Merkle root (RFC 9162 §2.1.1) at every size, with or without hashInto", (leaves, h, into) => {
    const hash = into ? withHashInto(h) : h;
    const running = new RunningMerkleRoot(hash);
    expect(toHex(running.head().rootHash)).toBe(toHex(merkleRoot([], { hash: h })));
    leaves.forEach((leaf, i) => {
      running.push(merkleLeafHash(leaf, { hash: h }));
      const head = running.head();
      expect(head.treeSize).toBe(i + 1);
      expect(head.hashAlgorithm).toBe(h.name);
      expect(toHex(head.rootHash)).toBe(toHex(merkleRoot(leaves.slice(0, i + 1), { hash: h })));
    });
  });
});

describe("RunningMerkleRoot.takeNodes (the recorded subtrees, one run a level)", () => {
  fcTest.prop([
    fc.integer({ min: 0, max: 140 }),
    fc.uniqueArray(fc.integer({ min: 1, max: 140 }), { maxLength: 6 }),
    fc.boolean(),
  ])(
    "every complete subtree recorded exactly once, as consecutive runs in increasing level, each equal to the root of its leaves (RFC 9162 §2.1.1)",
    (size, takeAt, into) => {
      const leaves = Array.from({ length: size }, (_, i) => Uint8Array.of(i, i >> 8));
      const running = new RunningMerkleRoot(into ? withHashInto(sha256) : sha256);
      running.recordNodes = true;
      const seen = new Map<string, string>();
      const take = () => {
        let count = 0;
        let lastLevel = 0;
        for (const run of running.takeNodes()) {
          expect(run.level).toBeGreaterThan(lastLevel);
          lastLevel = run.level;
          expect(run.hashes.length).toBe(run.count * 32);
          for (let k = 0; k < run.count; k++) {
            const key = `${run.level}:${run.first + k}`;
            expect(seen.has(key)).toBe(false);
            seen.set(key, toHex(run.hashes.subarray(k * 32, (k + 1) * 32)));
            count++;
          }
        }
        expect(running.recordedNodes).toBe(0);
        return count;
      };
      leaves.forEach((leaf, i) => {
        running.push(merkleLeafHash(leaf, { hash: sha256 }));
        if (takeAt.includes(i + 1)) take();
      });
      take();
      // n − popcount(n) interior nodes are complete in a tree of n leaves.
      expect(seen.size).toBe(size - [...size.toString(2)].filter((b) => b === "1").length);
      for (const [key, hex] of seen) {
        const [level, index] = key.split(":").map(Number) as [number, number];
        const span = 2 ** level;
        expect(hex).toBe(toHex(merkleRoot(leaves.slice(index * span, (index + 1) * span), { hash: sha256 })));
      }
    },
  );
});

describe("verifyEventStore: every signed tree head (§1.5)", () => {
  /** The store with its kept heads replaced by `heads` (what a changed signed-head table reads back as). */
  const withHeads = (store: EventStore, heads: readonly SignedTreeHead[]): EventStore => ({
    ...store,
    signedTreeHeads: async (o) => {
      const after = o?.after ?? 0;
      return (await store.signedTreeHeads()).map(() =>
        heads.filter((h) => h.treeSize > after).slice(0, o?.limit ?? 1000),
      );
    },
  });
  const keptHeads = async (store: EventStore) => (await store.signedTreeHeads())._unsafeUnwrap();

  it("catches a broken OLDER head, not only the newest", async () => {
    const store = memoryEventStore();
    await fill(store, [3, 3], new Set([2, 4, 6]));
    const [a, b, c] = await keptHeads(store);
    const broken = { ...(b as SignedTreeHead), rootHash: flip((b as SignedTreeHead).rootHash, 5) };
    const r = await verifyEventStore(withHeads(store, [a as SignedTreeHead, broken, c as SignedTreeHead]));
    expect(codeOf(r)).toBe("MERKLE_ROOT_MISMATCH");
    expect(r._unsafeUnwrapErr().details).toMatchObject({ treeSize: 4, source: "store" });
    // Its signature is checked too once a key is given: re-signing the wrong root does not help.
    const resigned = { ...(b as SignedTreeHead), signature: flip((b as SignedTreeHead).signature, 3) };
    const s = await verifyEventStore(withHeads(store, [a as SignedTreeHead, resigned, c as SignedTreeHead]), { key });
    expect(codeOf(s)).toBe("SIGNATURE_INVALID");
    expect(s._unsafeUnwrapErr().details).toMatchObject({ treeSize: 4 });
  });

  it("reports events after an older head as an unsigned tail once the newest head is deleted and they are rewritten; an external head catches the rewrite", async () => {
    const original = memoryEventStore();
    await fill(original, [3, 3], new Set([3, 6]));
    const [older, newest] = await keptHeads(original);
    // The rewrite: the same first three events, others after them, the newest head gone.
    const rewritten = memoryEventStore();
    const firstThree = (await original.readAll({ limit: 3 }))._unsafeUnwrap();
    for (const s of firstThree) (await rewritten.append(s.event.caseId, s.event.seq - 1, [s.event]))._unsafeUnwrap();
    (await rewritten.saveSignedTreeHead(older as SignedTreeHead))._unsafeUnwrap();
    (await rewritten.append("c0", 2, [event("c0", 3, { note: "改写" })]))._unsafeUnwrap();
    (await rewritten.append("c1", 1, [event("c1", 2, { note: "改写" })]))._unsafeUnwrap();
    (await rewritten.append("c1", 2, [event("c1", 3, { note: "改写" })]))._unsafeUnwrap();
    const v = (await verifyEventStore(rewritten, { key }))._unsafeUnwrap();
    expect(v.signedTreeHeads.map((h) => h.treeSize)).toEqual([3]);
    expect(v.unsignedTail).toEqual({ fromPosition: 4, toPosition: 6, events: 3 });
    const held = await verifyEventStore(rewritten, { key, signedTreeHead: newest as SignedTreeHead });
    expect(codeOf(held)).toBe("MERKLE_ROOT_MISMATCH");
    expect(held._unsafeUnwrapErr().details).toMatchObject({ treeSize: 6, source: "given" });
  });

  it("catches inconsistent consecutive heads: another log's root, a head beyond the log", async () => {
    const store = memoryEventStore();
    await fill(store, [2, 2], new Set([2, 4]));
    const [a, b] = (await keptHeads(store)) as [SignedTreeHead, SignedTreeHead];
    const other = memoryEventStore();
    await fill(other, [2, 2], new Set([4]), (c, s) => ({ other: `${c}${s}` }));
    const [foreign] = (await keptHeads(other)) as [SignedTreeHead];
    expect(codeOf(await verifyEventStore(withHeads(store, [a, foreign])))).toBe("MERKLE_ROOT_MISMATCH");
    expect(codeOf(await verifyEventStore(withHeads(store, [a, { ...b, treeSize: 9 }])))).toBe(
      "MERKLE_TREE_SIZE_INVALID",
    );
    expect(codeOf(await verifyEventStore(store, { signedTreeHead: { ...b, treeSize: 9 } }))).toBe(
      "MERKLE_TREE_SIZE_INVALID",
    );
  });

  it("reports heads of another key as such: they cover nothing; a head naming the key that does not verify fails", async () => {
    const store = memoryEventStore();
    await fill(store, [2], new Set([2]));
    const otherSigner = ed25519Signer(
      generateEd25519SecretKey({ specificationVersion: 1, fill: (bytes) => bytes.fill(7) }),
    )._unsafeUnwrap();
    const otherKey = { algorithm: otherSigner.algorithm, publicKey: otherSigner.publicKey };
    const v = (await verifyEventStore(store, { key: otherKey }))._unsafeUnwrap();
    expect(v.signedTreeHeads).toMatchObject([{ treeSize: 2, keyId: signer.keyId, signature: "otherKey" }]);
    expect(signingKeyId("ed25519", otherKey.publicKey)).not.toBe(signer.keyId);
    expect(v.unsignedTail).toEqual({ fromPosition: 1, toPosition: 2, events: 2 });
    expect((await verifyEventStore(store, { key }))._unsafeUnwrap().unsignedTail).toBeNull();
    const [h] = (await store.signedTreeHeads())._unsafeUnwrap() as [SignedTreeHead];
    const claimed = { ...h, keyId: otherSigner.keyId };
    const r = await verifyEventStore(store, { key: otherKey, signedTreeHead: claimed });
    expect(codeOf(r)).toBe("SIGNATURE_INVALID");
    expect(r._unsafeUnwrapErr().message).toContain(otherSigner.keyId);
  });
});

describe("verifyEventStore: projections against a replay (§1.4)", () => {
  /** The store with `change` applied to the rows it reads back, through either row read. */
  const withRows = (store: EventStore, change: (rows: ProjectionRow[]) => ProjectionRow[]): EventStore => ({
    ...store,
    readProjectionRows: async (p, o) => {
      const all = (
        await (store.readProjectionRows as NonNullable<EventStore["readProjectionRows"]>)(p, {
          limit: 10_000,
        })
      )._unsafeUnwrap();
      const after = o?.afterKey;
      const rows = change([...all]).filter((r) => after === undefined || r.key > after);
      rows.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      return (await store.head()).map(() => rows.slice(0, o?.limit ?? 1000));
    },
    queryProjection: async (p, q) => (await store.queryProjection(p, q)).map((rows) => change([...rows])),
  });

  const cases: [string, (rows: ProjectionRow[]) => ProjectionRow[], "altered" | "extra" | "missing", string][] = [
    [
      "altered",
      (rows) => rows.map((r) => (r.key === "count:c1" ? { ...r, count: r.count + 1 } : r)),
      "altered",
      "count:c1",
    ],
    [
      "inserted",
      (rows) => [
        ...rows,
        { projection: "per-case", key: "case:forged", sortKey: null, value: {}, count: 0, position: 2 },
      ],
      "extra",
      "case:forged",
    ],
    ["deleted", (rows) => rows.filter((r) => r.key !== "case:c1"), "missing", "case:c1"],
  ];

  for (const [what, change, kind, key] of cases) {
    it(`catches a row ${what} outside an append, naming projection and key, on both row reads`, async () => {
      const store = memoryEventStore({ projections: [testProjection] });
      await fill(store, [4, 2]);
      for (const s of [withRows(store, change), withoutRawReads(withRows(store, change))]) {
        const r = await verifyEventStore(s);
        expect(codeOf(r)).toBe("PROJECTION_MISMATCH");
        expect(r._unsafeUnwrapErr().details).toMatchObject({
          total: 1,
          differences: [{ projection: "per-case", key, kind }],
        });
      }
      expect((await verifyEventStore(withRows(store, change), { projections: false })).isOk()).toBe(true);
    });
  }

  it("a replayed value JSON cannot hold (a projection that has changed since) is STORE_CORRUPT, never a throw", async () => {
    // The replay keeps the values a projection wrote and copies only the final rows as JSON
    // would: a value JSON cannot hold surfaces there, as a coded error naming the row.
    let bigint = false;
    const fickle: Projection = {
      name: "fickle",
      version: 1,
      project: (e) => [{ op: "put", key: `k:${e.caseId}`, sortKey: null, value: { n: bigint ? 1n : e.seq } }],
    };
    const store = memoryEventStore({ projections: [fickle] });
    await fill(store, [3]);
    expect((await verifyEventStore(store)).isOk()).toBe(true);
    bigint = true;
    const r = await verifyEventStore(store);
    expect(codeOf(r)).toBe("STORE_CORRUPT");
    expect(r._unsafeUnwrapErr().details).toMatchObject({ projection: "fickle", key: "k:c0" });
  });

  it("a value written and then overwritten many times is compared as its last write", async () => {
    const store = memoryEventStore({ projections: [testProjection] });
    await fill(store, [40, 7]);
    expect((await verifyEventStore(store))._unsafeUnwrap().projections).toEqual([
      expect.objectContaining({ name: "per-case" }),
    ]);
  });

  it("checks a value change and a sort-key change as alterations, listing the fields", async () => {
    const store = memoryEventStore({ projections: [testProjection] });
    await fill(store, [2]);
    const r = await verifyEventStore(
      withRows(store, (rows) =>
        rows.map((row) => (row.key === "case:c0" ? { ...row, sortKey: "z", value: { last: 9 } } : row)),
      ),
    );
    expect(r._unsafeUnwrapErr().details).toMatchObject({
      differences: [{ key: "case:c0", kind: "altered", fields: ["sortKey", "value"] }],
    });
  });
});

describe("verifyEventStore: projection rows a store cannot page through", () => {
  it("refuses (STORE_UNAVAILABLE) rather than half-checks a projection that fills one queryProjection page, when the store has no readProjectionRows", async () => {
    const wide: Projection = {
      name: "wide",
      version: 1,
      project: (e) =>
        Array.from({ length: 10_000 }, (_, i) => ({ op: "increment" as const, key: `${e.caseId}:${i}`, by: 1 })),
    };
    const store = memoryEventStore({ projections: [wide] });
    await fill(store, [1]);
    expect((await verifyEventStore(store))._unsafeUnwrap().projections).toEqual([
      { name: "wide", version: 1, rows: 10_000 },
    ]);
    const r = await verifyEventStore(withoutRawReads(store));
    expect(codeOf(r)).toBe("STORE_UNAVAILABLE");
    expect(r._unsafeUnwrapErr().message).toContain("readProjectionRows");
  });
});

describe("envelopeOf (the columns read from the stored bytes)", () => {
  const caseIdArb = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/);
  // Payloads that repeat the envelope's key names at every depth.
  const payloadArb = fc.dictionary(
    fc.constantFrom("seq", "caseId", "stage", "type", "x", ',"seq":'),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 5 },
  );

  fcTest.prop([caseIdArb, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), payloadArb])(
    "reads exactly the caseId and seq of the canonical JSON of any valid event",
    (caseId, seq, payload) => {
      let bytes: Uint8Array;
      try {
        bytes = canonicalJsonBytes(event(caseId, seq, payload as Record<string, unknown>));
      } catch {
        return; // a value canonical JSON refuses is never stored
      }
      expect(envelopeOf(bytes)).toEqual({ caseId, seq, type: seq === 1 ? "case.filed" : "case.noted" });
    },
  );

  // envelopeMatches is the per-event fast form: it must say yes exactly when envelopeOf reads
  // the same three columns — on canonical events, on events with one byte changed (in the
  // envelope or anywhere), and on columns that differ by one character or one unit.
  const columnsArb = fc.record({
    caseId: fc.oneof(caseIdArb, fc.string({ maxLength: 6 }), fc.constantFrom('c"', "c\\", "案", "")),
    seq: fc.oneof(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(1, 2, 1.5, -1)),
    type: fc.oneof(fc.constantFrom("case.filed", "case.noted", 'case.filed"', "case.filed}", ""), fc.string()),
  });
  fcTest.prop([
    caseIdArb,
    fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    payloadArb,
    fc.option(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { nil: undefined }),
    fc.option(fc.oneof(columnsArb, fc.integer({ min: 0, max: 5 })), { nil: undefined }),
  ])(
    "envelopeMatches(bytes, columns) holds exactly when envelopeOf(bytes) reads those columns",
    (caseId, seq, payload, change, other) => {
      let bytes: Uint8Array;
      try {
        bytes = canonicalJsonBytes(event(caseId, seq, payload as Record<string, unknown>));
      } catch {
        return;
      }
      if (change !== undefined) {
        bytes = bytes.slice();
        bytes[change[0] % bytes.length] = change[1];
      }
      const type = seq === 1 ? "case.filed" : "case.noted";
      // A column one character or one unit off the truth, or unrelated columns.
      const near = [
        { caseId: caseId.slice(0, -1), seq, type },
        { caseId: `${caseId}x`, seq, type },
        { caseId, seq: seq + 1, type },
        { caseId, seq, type: type.slice(0, -1) },
        { caseId, seq, type: `${type}x` },
        { caseId, seq: seq * 10, type },
      ];
      const columns =
        other === undefined
          ? { caseId, seq, type }
          : typeof other === "number"
            ? (near[other] as (typeof near)[0])
            : other;
      const read = envelopeOf(bytes);
      const same =
        read !== null && read.caseId === columns.caseId && read.seq === columns.seq && read.type === columns.type;
      expect(envelopeMatches(bytes, columns.caseId, columns.seq, columns.type)).toBe(same);
      if (read !== null) expect(envelopeMatches(bytes, read.caseId, read.seq, read.type)).toBe(true);
    },
  );

  it("refuses bytes that are not shaped as an event", () => {
    expect(envelopeMatches(new TextEncoder().encode("{}"), "a", 1, "case.filed")).toBe(false);
    expect(envelopeOf(new TextEncoder().encode("{}"))).toBeNull();
    expect(envelopeOf(new TextEncoder().encode('{"caseId":"a","seq":1}'))).toBeNull();
  });
});

describe("verifyEventStore: properties", () => {
  // A random log: cases with 1–4 events, heads signed after random appends.
  const logArb = fc.record({
    counts: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
    signAt: fc.uniqueArray(fc.integer({ min: 1, max: 16 }), { maxLength: 4 }),
  });
  type Tamper = {
    readonly kind: "eventByte" | "leafHash" | "headRoot" | "projectionRow";
    readonly at: number;
    readonly byte: number;
  };
  const tamperArb: fc.Arbitrary<Tamper> = fc.oneof(
    fc.record({ kind: fc.constant("eventByte" as const), at: fc.nat(), byte: fc.nat() }),
    fc.record({ kind: fc.constant("leafHash" as const), at: fc.nat(), byte: fc.nat() }),
    fc.record({ kind: fc.constant("headRoot" as const), at: fc.nat(), byte: fc.nat() }),
    fc.record({ kind: fc.constant("projectionRow" as const), at: fc.nat(), byte: fc.constantFrom(0, 1, 2) }),
  );
  const expected = {
    eventByte: "EVENT_HASH_MISMATCH",
    leafHash: "EVENT_HASH_MISMATCH",
    headRoot: "MERKLE_ROOT_MISMATCH",
    projectionRow: "PROJECTION_MISMATCH",
  } as const;

  async function build(counts: readonly number[], signAt: readonly number[]): Promise<EventStore> {
    const store = memoryEventStore({ projections: [testProjection] });
    await fill(store, counts, new Set(signAt));
    return store;
  }

  /** `store` with one tamper `t`, seen the same way through the raw reads and through readAll / queryProjection. */
  function tampered(store: EventStore, t: Tamper, size: number, heads: readonly SignedTreeHead[]): EventStore {
    const position = (t.at % size) + 1;
    const raw = store.readLeaves as NonNullable<EventStore["readLeaves"]>;
    const rows = store.readProjectionRows as NonNullable<EventStore["readProjectionRows"]>;
    const changeRows = (page: readonly ProjectionRow[]): ProjectionRow[] => {
      if (page.length === 0) return [...page];
      const i = t.at % page.length;
      const row = page[i] as ProjectionRow;
      if (t.byte === 0) return page.map((r, j) => (j === i ? { ...r, count: r.count + 1 } : r));
      if (t.byte === 1) return page.filter((_, j) => j !== i);
      return [...page, { ...row, key: `${row.key}~forged` }].sort((x, y) => compareCodePoints(x.key, y.key));
    };
    switch (t.kind) {
      case "eventByte":
      case "leafHash":
        return {
          ...store,
          // Through readAll a changed byte is a changed event (a store decodes what it holds).
          readAll: async (o?: { after?: number; limit?: number }) =>
            (await store.readAll(o)).map((page) =>
              page.map((s) =>
                s.position !== position
                  ? s
                  : t.kind === "eventByte"
                    ? { ...s, event: { ...s.event, payload: { ...s.event.payload, tampered: t.byte } } }
                    : { ...s, leafHash: flip(s.leafHash, t.byte) },
              ),
            ),
          readLeaves: async (o?: { after?: number; limit?: number }) =>
            (await raw(o)).map((page) =>
              page.map((l) =>
                l.position !== position
                  ? l
                  : t.kind === "eventByte"
                    ? { ...l, bytes: flip(l.bytes, t.byte) }
                    : { ...l, leafHash: flip(l.leafHash, t.byte) },
              ),
            ),
        };
      case "headRoot": {
        const victim = heads[t.at % heads.length] as SignedTreeHead;
        return {
          ...store,
          signedTreeHeads: async (o?: { after?: number; limit?: number }) =>
            (await store.signedTreeHeads(o)).map((page) =>
              page.map((h) => (h.treeSize === victim.treeSize ? { ...h, rootHash: flip(h.rootHash, t.byte) } : h)),
            ),
        };
      }
      case "projectionRow":
        return {
          ...store,
          readProjectionRows: async (p: string, o?: { afterKey?: string; limit?: number }) =>
            (await rows(p, o)).map((page) => (o?.afterKey === undefined ? changeRows(page) : [...page])),
          queryProjection: async (p, q) => (await store.queryProjection(p, q)).map(changeRows),
        };
    }
  }

  fcTest.prop([logArb, tamperArb], { numRuns: 60 })(
    "a sound log with random signed heads passes; any single tamper fails with its code",
    async ({ counts, signAt }, t) => {
      const store = await build(counts, signAt);
      const size = counts.reduce((a, b) => a + b, 0);
      const ok = (await verifyEventStore(store, { key }))._unsafeUnwrap();
      const heads = (await store.signedTreeHeads())._unsafeUnwrap();
      expect(ok.signedTreeHeads.map((h) => h.treeSize)).toEqual(heads.map((h) => h.treeSize));
      const newest = heads.at(-1)?.treeSize ?? 0;
      expect(ok.unsignedTail?.events ?? 0).toBe(size - newest);
      if (t.kind === "headRoot" && heads.length === 0) return;
      const r = await verifyEventStore(tampered(store, t, size, heads), { key });
      expect(codeOf(r)).toBe(expected[t.kind]);
    },
  );

  fcTest.prop([logArb, fc.option(tamperArb, { nil: undefined })], { numRuns: 40 })(
    "the fast path (readLeaves) and the fallback (readAll) agree",
    async ({ counts, signAt }, t) => {
      const store = await build(counts, signAt);
      const size = counts.reduce((a, b) => a + b, 0);
      const heads = (await store.signedTreeHeads())._unsafeUnwrap();
      const subject =
        t === undefined || (t.kind === "headRoot" && heads.length === 0) ? store : tampered(store, t, size, heads);
      const fast = await verifyEventStore(subject);
      const slow = await verifyEventStore(withoutRawReads(subject));
      expect(codeOf(slow)).toBe(codeOf(fast));
      if (fast.isOk() && slow.isOk()) expect({ ...slow.value, readPath: "leaves" }).toEqual(fast.value);
      // A hash port with hashInto (Node's native one has it) finds the same, on both paths.
      const into = await verifyEventStore(subject, { hash: withHashInto(sha256) });
      expect(codeOf(into)).toBe(codeOf(fast));
      if (fast.isOk()) expect(into._unsafeUnwrap()).toEqual(fast.value);
      expect(codeOf(await verifyEventStore(withoutRawReads(subject), { hash: withHashInto(sha256) }))).toBe(
        codeOf(slow),
      );
    },
  );
});

describe("verifyEventStore: the stream versions a store keeps apart (§1.6)", () => {
  /** The store, offering `versions` as its kept stream versions (paged as the method says). */
  const keeping = (store: EventStore, versions: readonly [string, number][]): EventStore => ({
    ...store,
    readStreamVersions: async (o) => {
      const sorted = [...versions].sort(([a], [b]) => compareCodePoints(a, b));
      const after = o?.afterKey;
      const from = after === undefined ? sorted : sorted.filter(([id]) => compareCodePoints(id, after) > 0);
      return ok(from.slice(0, o?.limit ?? 1000).map(([caseId, version]) => ({ caseId, version })));
    },
  });

  it("passes when every kept version is its stream's last seq, and names the stream that differs, lacks one or has no events", async () => {
    const store = memoryEventStore();
    await fill(store, [3, 2, 1]);
    const sound: [string, number][] = [
      ["c0", 3],
      ["c1", 2],
      ["c2", 1],
    ];
    expect((await verifyEventStore(keeping(store, sound))).isOk()).toBe(true);
    const cases: [readonly [string, number][], string, number][] = [
      [[["c0", 2], sound[1] as [string, number], sound[2] as [string, number]], "c0", 2],
      [[sound[0] as [string, number], ["c1", 5], sound[2] as [string, number]], "c1", 5],
      [sound.slice(0, 2), "c2", 0],
      [[...sound, ["ghost", 1]], "ghost", 1],
      [[...sound, ["c1", 2]], "c1", 2],
    ];
    for (const [kept, caseId, recorded] of cases) {
      const v = await verifyEventStore(keeping(store, kept));
      expect(codeOf(v), caseId).toBe("STORE_CORRUPT");
      expect(v._unsafeUnwrapErr().details).toMatchObject({ caseId, recorded });
    }
  });

  it("reads every page of versions (more streams than a page holds)", async () => {
    const store = memoryEventStore();
    const n = PROJECTION_QUERY_LIMIT.max + 5;
    for (let i = 0; i < n; i++) (await store.append(`s${i}`, 0, [event(`s${i}`, 1)]))._unsafeUnwrap();
    const kept: [string, number][] = Array.from({ length: n }, (_, i) => [`s${i}`, 1]);
    expect((await verifyEventStore(keeping(store, kept), { projections: false })).isOk()).toBe(true);
    kept[n - 1] = [`s${n - 1}`, 2];
    expect(codeOf(await verifyEventStore(keeping(store, kept), { projections: false }))).toBe("STORE_CORRUPT");
  }, 60_000);
});
