// Signed tree heads kept by a store (签名树头): a head of another key never replaces one the
// signer's key verifies, and kept heads are dated in the order the log grew — refused when
// signing (signAndSaveTreeHead) and found when verifying (verifyEventStore).
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { SanxiangError } from "../kernel/errors.js";
import { ok, type Result } from "../kernel/result.js";
import { ed25519Signer, generateEd25519SecretKey } from "../kernel/signer-ed25519.js";
import { testSigner, verificationKeyOf } from "../kernel/signer-verify.js";
import { instantFromEpochMillis } from "../kernel/time.js";
import { type SignedTreeHead, signTreeHead } from "../kernel/tree-head.js";
import type { CaseEvent } from "./case-event.js";
import type { EventStore } from "./event-store.js";
import { memoryEventStore } from "./memory-event-store.js";
import { signAndSaveTreeHead } from "./store-sign.js";
import { verifyEventStore } from "./store-verify.js";

const bureau = testSigner("ed25519");
const key = verificationKeyOf(bureau);
const stranger = ed25519Signer(
  generateEd25519SecretKey({ specificationVersion: 1, fill: (bytes) => bytes.fill(9) }),
)._unsafeUnwrap();

const event = (caseId: string, seq: number): CaseEvent => ({
  caseId,
  seq,
  type: seq === 1 ? "case.filed" : "case.noted",
  at: "2026-03-10T02:00:00Z",
  actor: { id: "officer-1", roles: ["officer"] },
  stage: "investigation",
  payload: { note: `${caseId}/${seq}` },
});

async function grow(store: EventStore, caseId: string, events: number): Promise<void> {
  const held = (await store.load(caseId))._unsafeUnwrap().length;
  for (let seq = held + 1; seq <= held + events; seq++) {
    (await store.append(caseId, seq - 1, [event(caseId, seq)]))._unsafeUnwrap();
  }
}

const sign = (store: EventStore, signer: typeof bureau, timestamp: string) =>
  signAndSaveTreeHead(store, signer, { logId: "bureau-1", timestamp });
const kept = async (store: EventStore) => (await store.signedTreeHeads())._unsafeUnwrap();
const errOf = (r: Result<unknown, SanxiangError>): SanxiangError => r._unsafeUnwrapErr();

describe("signAndSaveTreeHead: a head of another key never replaces the bureau's", () => {
  it("refuses another key at a kept size, later or earlier, and keeps the store as it was", async () => {
    const store = memoryEventStore();
    await grow(store, "c1", 3);
    (await sign(store, bureau, "2026-03-10T03:00:00Z"))._unsafeUnwrap();
    const before = await kept(store);
    for (const at of ["2026-03-11T03:00:00Z", "2026-03-09T03:00:00Z", "2026-03-10T03:00:00Z"]) {
      const e = errOf(await sign(store, stranger, at));
      expect(e.code).toBe("TREE_HEAD_CONFLICT");
      expect(e.details).toMatchObject({
        reason: "otherKey",
        treeSize: 3,
        keptKeyId: bureau.keyId,
        keyId: stranger.keyId,
      });
      expect(e.message).toContain(bureau.keyId);
    }
    expect(await kept(store)).toEqual(before);
    const v = (await verifyEventStore(store, { key }))._unsafeUnwrap();
    expect(v.signedTreeHeads).toMatchObject([{ treeSize: 3, signature: "valid" }]);
    expect(v.unsignedTail).toBeNull();
  });

  it("still lets the same key re-sign a kept size later (replaced), and a declared new key sign once the log has grown", async () => {
    const store = memoryEventStore();
    await grow(store, "c1", 2);
    (await sign(store, bureau, "2026-03-10T03:00:00Z"))._unsafeUnwrap();
    (await sign(store, bureau, "2026-03-10T04:00:00Z"))._unsafeUnwrap();
    expect((await kept(store)).map((h) => h.timestamp)).toEqual(["2026-03-10T04:00:00Z"]);
    // A declared key change: the old head stays, the new key signs the grown log.
    await grow(store, "c1", 1);
    (
      await signAndSaveTreeHead(
        store,
        stranger,
        { logId: "bureau-1", timestamp: "2026-03-10T05:00:00Z" },
        { keyChange: true },
      )
    )._unsafeUnwrap();
    expect((await kept(store)).map((h) => [h.treeSize, h.keyId])).toEqual([
      [2, bureau.keyId],
      [3, stranger.keyId],
    ]);
    const v = (await verifyEventStore(store, { key: verificationKeyOf(stranger) }))._unsafeUnwrap();
    expect(v.signedTreeHeads.map((h) => h.signature)).toEqual(["otherKey", "valid"]);
    expect(v.unsignedTail).toBeNull();
  });

  it("refuses a head dated before the kept head of a smaller tree, and signs one dated at or after it", async () => {
    const store = memoryEventStore();
    await grow(store, "c1", 2);
    (await sign(store, bureau, "2026-04-28T08:00:00Z"))._unsafeUnwrap();
    await grow(store, "c1", 3);
    const e = errOf(await sign(store, bureau, "2026-03-18T09:00:00Z"));
    expect(e.code).toBe("TREE_HEAD_CONFLICT");
    expect(e.details).toMatchObject({ reason: "timestampOrder", treeSize: 5, previousTreeSize: 2 });
    expect((await kept(store)).map((h) => h.treeSize)).toEqual([2]);
    (await sign(store, bureau, "2026-04-28T08:00:00Z"))._unsafeUnwrap();
    expect((await verifyEventStore(store, { key }))._unsafeUnwrap().unsignedTail).toBeNull();
  });
});

describe("verifyEventStore: kept heads dated in the order the log grew (RFC 6962 §3.5)", () => {
  /** A store whose heads are signed directly at the given times (what an old demo or a replayed head leaves). */
  async function storeWithHeads(
    heads: readonly { size: number; at: string; signer?: typeof bureau }[],
  ): Promise<EventStore> {
    const store = memoryEventStore();
    for (const h of heads) {
      const size = (await store.head())._unsafeUnwrap().position;
      await grow(store, "c1", h.size - size);
      const head = (await store.head())._unsafeUnwrap().treeHead;
      const sth = (
        await signTreeHead(head, { logId: "bureau-1", timestamp: h.at }, h.signer ?? bureau)
      )._unsafeUnwrap();
      (await store.saveSignedTreeHead(sth))._unsafeUnwrap();
    }
    return store;
  }

  it("finds a larger tree's head dated before a smaller tree's, naming both, with or without the key", async () => {
    const store = await storeWithHeads([
      { size: 2, at: "2026-03-18T08:00:00Z" },
      { size: 4, at: "2026-04-28T08:00:00Z" },
      { size: 7, at: "2026-03-18T09:00:00Z" },
    ]);
    for (const options of [{ key }, {}]) {
      const e = errOf(await verifyEventStore(store, options));
      expect(e.code).toBe("TREE_HEAD_CONFLICT");
      expect(e.details).toMatchObject({
        reason: "timestampOrder",
        treeSize: 7,
        timestamp: "2026-03-18T09:00:00Z",
        previousTreeSize: 4,
        previousTimestamp: "2026-04-28T08:00:00Z",
      });
      expect(e.message).toContain("2026-04-28T08:00:00Z");
    }
  });

  it("leaves heads of another key out of the comparison when the key is given (they cover nothing)", async () => {
    const store = await storeWithHeads([
      { size: 2, at: "2026-03-18T08:00:00Z" },
      { size: 4, at: "2099-01-01T00:00:00Z", signer: stranger },
      { size: 6, at: "2026-03-19T08:00:00Z" },
    ]);
    const v = (await verifyEventStore(store, { key }))._unsafeUnwrap();
    expect(v.signedTreeHeads.map((h) => h.signature)).toEqual(["valid", "otherKey", "valid"]);
    expect(errOf(await verifyEventStore(store)).details).toMatchObject({ reason: "timestampOrder", treeSize: 6 });
  });

  fcTest.prop(
    [
      fc.array(fc.record({ grow: fc.integer({ min: 0, max: 3 }), minutes: fc.integer({ min: -90, max: 90 }) }), {
        minLength: 1,
        maxLength: 8,
      }),
    ],
    { numRuns: 40 },
  )("whatever signAndSaveTreeHead keeps, verifyEventStore accepts; what it refuses changes nothing", async (steps) => {
    const store = memoryEventStore();
    let clock = Date.UTC(2026, 2, 10, 3);
    for (const step of steps) {
      await grow(store, "c1", step.grow);
      clock += step.minutes * 60_000;
      const before = await kept(store);
      const r = await sign(store, bureau, instantFromEpochMillis(clock));
      if (r.isErr()) {
        expect(r.error.code).toBe("TREE_HEAD_CONFLICT");
        expect(await kept(store)).toEqual(before);
      }
    }
    const v = await verifyEventStore(store, { key });
    expect(v.map(() => true)).toEqual(ok(true));
    const times = (await kept(store)).map((h: SignedTreeHead) => Date.parse(h.timestamp));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
