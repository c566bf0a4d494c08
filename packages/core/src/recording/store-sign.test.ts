// signAndSaveTreeHead and key changes: a key that does not verify the newest kept head signs
// nothing, whatever the size, unless the bureau declares a key change (issue 13).
import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { SanxiangError } from "../kernel/errors.js";
import type { Result } from "../kernel/result.js";
import type { Signer } from "../kernel/signer.js";
import { ed25519Signer, generateEd25519SecretKey } from "../kernel/signer-ed25519.js";
import { sm2Signer } from "../kernel/signer-sm2.js";
import { testSigner, verificationKeyOf } from "../kernel/signer-verify.js";
import { instantFromEpochMillis } from "../kernel/time.js";
import type { CaseEvent } from "./case-event.js";
import type { EventStore } from "./event-store.js";
import { memoryEventStore } from "./memory-event-store.js";
import { type SignTreeHeadOptions, signAndSaveTreeHead } from "./store-sign.js";
import { verifyEventStore } from "./store-verify.js";

const bureau = testSigner("ed25519");
const newKey = ed25519Signer(
  generateEd25519SecretKey({ specificationVersion: 1, fill: (bytes) => bytes.fill(7) }),
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

async function grow(store: EventStore, events: number): Promise<void> {
  const held = (await store.load("c1"))._unsafeUnwrap().length;
  for (let seq = held + 1; seq <= held + events; seq++) {
    (await store.append("c1", seq - 1, [event("c1", seq)]))._unsafeUnwrap();
  }
}

const sign = (store: EventStore, signer: Signer, timestamp: string, options?: SignTreeHeadOptions) =>
  signAndSaveTreeHead(store, signer, { logId: "bureau-1", timestamp }, options);
const kept = async (store: EventStore) => (await store.signedTreeHeads())._unsafeUnwrap();
const errOf = (r: Result<unknown, SanxiangError>): SanxiangError => r._unsafeUnwrapErr();

/** A store of 3 events whose head of size 3 the bureau signed. */
async function signedStore(): Promise<EventStore> {
  const store = memoryEventStore();
  await grow(store, 3);
  (await sign(store, bureau, "2026-03-10T03:00:00Z"))._unsafeUnwrap();
  return store;
}

describe("signAndSaveTreeHead: another key after the log has grown", () => {
  it("refuses a wrong key once the log has grown (otherKey), keeps nothing, and the bureau's key still signs", async () => {
    const store = await signedStore();
    await grow(store, 2);
    const before = await kept(store);
    const e = errOf(await sign(store, newKey, "2026-03-11T03:00:00Z"));
    expect(e.code).toBe("TREE_HEAD_CONFLICT");
    expect(e.details).toEqual({
      reason: "otherKey",
      treeSize: 3,
      keptKeyId: bureau.keyId,
      keptTimestamp: "2026-03-10T03:00:00Z",
      keyId: newKey.keyId,
      keyChange: false,
    });
    expect(e.message).toContain("与签署最新签名树头的密钥不同");
    expect(e.message).toContain(bureau.keyId);
    expect(e.message).toContain("--new-key");
    // Only `true` declares a key change.
    for (const options of [{ keyChange: "true" }, { keyChange: 1 }, null]) {
      const r = await sign(store, newKey, "2026-03-11T03:00:00Z", options as never);
      expect(errOf(r).details).toMatchObject({ reason: "otherKey", keyChange: false });
    }
    expect(await kept(store)).toEqual(before);
    const v = (await verifyEventStore(store, { key: verificationKeyOf(bureau) }))._unsafeUnwrap();
    expect(v.unsignedTail).not.toBeNull();
    (await sign(store, bureau, "2026-03-11T03:00:00Z"))._unsafeUnwrap();
    expect((await kept(store)).map((h) => [h.treeSize, h.keyId])).toEqual([
      [3, bureau.keyId],
      [5, bureau.keyId],
    ]);
  });

  it("signs with a declared new key once the log has grown; then the new key needs no declaration and the old one is refused", async () => {
    const store = await signedStore();
    await grow(store, 1);
    const changed = (await sign(store, newKey, "2026-03-11T03:00:00Z", { keyChange: true }))._unsafeUnwrap();
    expect(changed).toMatchObject({ treeSize: 4, keyId: newKey.keyId });
    await grow(store, 1);
    (await sign(store, newKey, "2026-03-12T03:00:00Z"))._unsafeUnwrap();
    await grow(store, 1);
    const old = errOf(await sign(store, bureau, "2026-03-13T03:00:00Z"));
    expect(old.details).toMatchObject({ reason: "otherKey", treeSize: 5, keptKeyId: newKey.keyId });
    expect((await kept(store)).map((h) => [h.treeSize, h.keyId])).toEqual([
      [3, bureau.keyId],
      [4, newKey.keyId],
      [5, newKey.keyId],
    ]);
    const v = (await verifyEventStore(store, { key: verificationKeyOf(newKey) }))._unsafeUnwrap();
    expect(v.signedTreeHeads.map((h) => h.signature)).toEqual(["otherKey", "valid", "valid"]);
  });

  it("refuses a declared key change at the kept head's size: the log must grow first", async () => {
    const store = await signedStore();
    const before = await kept(store);
    const e = errOf(await sign(store, newKey, "2026-03-11T03:00:00Z", { keyChange: true }));
    expect(e.code).toBe("TREE_HEAD_CONFLICT");
    expect(e.details).toMatchObject({ reason: "otherKey", treeSize: 3, keyChange: true });
    expect(e.message).toContain("在日志记录新的事件后");
    expect(await kept(store)).toEqual(before);
  });

  it("refuses a key change declared with the unchanged key (INVALID_INPUT, sameKey), at any size", async () => {
    const store = await signedStore();
    for (const growBy of [0, 2]) {
      await grow(store, growBy);
      const before = await kept(store);
      const e = errOf(await sign(store, bureau, "2026-03-11T03:00:00Z", { keyChange: true }));
      expect(e.code).toBe("INVALID_INPUT");
      expect(e.details).toMatchObject({ field: "keyChange", reason: "sameKey", treeSize: 3, keyId: bureau.keyId });
      expect(await kept(store)).toEqual(before);
    }
  });

  it("lets a declared key change sign the first head, and refuses one dated before the old key's head", async () => {
    const empty = memoryEventStore();
    await grow(empty, 1);
    (await sign(empty, newKey, "2026-03-10T03:00:00Z", { keyChange: true }))._unsafeUnwrap();
    const store = await signedStore();
    await grow(store, 1);
    const e = errOf(await sign(store, newKey, "2026-03-09T03:00:00Z", { keyChange: true }));
    expect(e.details).toMatchObject({ reason: "timestampOrder", treeSize: 4, previousTreeSize: 3 });
    expect((await kept(store)).map((h) => h.treeSize)).toEqual([3]);
  });

  it("verifies its own SM2 head under the signer's user id alongside the declaration", async () => {
    const userId = "ALICE123@YAHOO.COM";
    const sm2 = sm2Signer("3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8", {
      userId,
    })._unsafeUnwrap();
    const store = memoryEventStore();
    await grow(store, 1);
    (await sign(store, sm2, "2026-03-10T03:00:00Z", { sm2UserId: userId }))._unsafeUnwrap();
    await grow(store, 1);
    // Under the default user id its own head does not verify: it looks like another key.
    expect(errOf(await sign(store, sm2, "2026-03-11T03:00:00Z")).details).toMatchObject({ reason: "otherKey" });
    expect(
      errOf(await sign(store, sm2, "2026-03-11T03:00:00Z", { sm2UserId: userId, keyChange: true })).details,
    ).toMatchObject({ reason: "sameKey" });
    (await sign(store, sm2, "2026-03-11T03:00:00Z", { sm2UserId: userId }))._unsafeUnwrap();
  });
});

describe("signAndSaveTreeHead: key changes, property", () => {
  const signers = [bureau, newKey] as const;
  fcTest.prop(
    [
      fc.array(
        fc.record({
          grow: fc.integer({ min: 0, max: 2 }),
          signer: fc.constantFrom(0, 1),
          keyChange: fc.boolean(),
        }),
        { minLength: 1, maxLength: 10 },
      ),
    ],
    { numRuns: 40 },
  )(
    "signs exactly when the key is the newest head's (undeclared) or a declared new key over a grown log",
    async (steps) => {
      const store = memoryEventStore();
      await grow(store, 1);
      let clock = Date.UTC(2026, 2, 10, 3);
      // The model: the key and size of the newest kept head.
      let newest: { signer: number; size: number } | undefined;
      let size = 1;
      for (const step of steps) {
        await grow(store, step.grow);
        size += step.grow;
        clock += 60_000;
        const before = await kept(store);
        const signer = signers[step.signer] as Signer;
        const r = await sign(store, signer, instantFromEpochMillis(clock), step.keyChange ? { keyChange: true } : {});
        const expected =
          newest === undefined ||
          (newest.signer === step.signer && !step.keyChange) ||
          (newest.signer !== step.signer && step.keyChange && size > newest.size);
        expect(r.isOk()).toBe(expected);
        if (r.isOk()) newest = { signer: step.signer, size };
        else expect(await kept(store)).toEqual(before);
      }
      const last = newest === undefined ? undefined : (signers[newest.signer] as Signer);
      if (last !== undefined) {
        const v = (await verifyEventStore(store, { key: verificationKeyOf(last) }))._unsafeUnwrap();
        expect(v.signedTreeHeads.at(-1)?.signature).toBe("valid");
      }
    },
  );
});
