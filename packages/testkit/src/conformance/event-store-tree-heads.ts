// 签名树头 — the signed-tree-head group of the event-store conformance suite: keeping signed heads,
// conflicts, verification of the whole store.
import { type SignedTreeHead, signAndSaveTreeHead, signTreeHead, toHex, verifyEventStore } from "@sanxiang/core";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvents } from "./event-store-fixtures.js";
import { codeOf, testKey, unwrap } from "./event-store-support.js";

/** 签名树头 — keeping signed heads, conflicts, verification of the whole store. */
export function eventStoreTreeHeadTests(context: EventStoreSuiteContext): void {
  const { runner, withStore } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  test(
    "every kept signed head is listed in increasing size, paged with after and limit",
    () =>
      withStore(async (store) => {
        const key = testKey(7);
        expect(unwrap(await store.signedTreeHeads(), "none yet")).toEqual([]);
        const sizes = [2, 3, 5];
        let version = 0;
        for (const [i, size] of sizes.entries()) {
          unwrap(await store.append("t", version, testEvents("t", version, size - version)), "append");
          version = size;
          unwrap(
            await signAndSaveTreeHead(store, key.signer, {
              logId: "bureau-1",
              timestamp: `2025-03-03T0${i + 1}:00:00.000Z`,
            }),
            "signAndSave",
          );
        }
        const all = unwrap(await store.signedTreeHeads(), "all");
        expect(
          all.map((h) => h.treeSize),
          "signedTreeHeads must list every kept head, smallest treeSize first",
        ).toEqual(sizes);
        const latest = unwrap(await store.latestSignedTreeHead(), "latest") as SignedTreeHead;
        expect(toHex((all[2] as SignedTreeHead).rootHash)).toBe(toHex(latest.rootHash));
        // The smallest head re-signed later: the latest is still the largest tree, not the last saved.
        const resignedSmall = unwrap(
          await signTreeHead(
            all[0] as SignedTreeHead,
            { logId: "bureau-1", timestamp: "2025-03-03T09:00:00.000Z" },
            testKey(8).signer,
          ),
          "sign",
        );
        unwrap(await store.saveSignedTreeHead(resignedSmall), "re-sign the smallest head");
        expect(
          unwrap(await store.latestSignedTreeHead(), "latest")?.treeSize,
          "latestSignedTreeHead is the kept head of the largest treeSize — order by tree_size, not by when a head was saved or replaced (row id, saved_at)",
        ).toBe(5);
        expect(
          unwrap(await store.signedTreeHeads(), "all after re-signing").map((h) => h.treeSize),
          "a re-signed head replaces the kept one of its size and the list stays in increasing treeSize",
        ).toEqual(sizes);
        expect(unwrap(await store.signedTreeHeads({ after: 2 }), "after").map((h) => h.treeSize)).toEqual([3, 5]);
        expect(unwrap(await store.signedTreeHeads({ limit: 1 }), "limit").map((h) => h.treeSize)).toEqual([2]);
        expect(unwrap(await store.signedTreeHeads({ after: 5 }), "past the end")).toEqual([]);
        expect(codeOf(await store.signedTreeHeads({ limit: 0 }))).toBe("INVALID_INPUT");
        expect(codeOf(await store.signedTreeHeads({ after: -1 }))).toBe("INVALID_INPUT");
      }),
    timeout,
  );
  test(
    "signed heads are kept, the latest returned, a conflicting one refused, one beyond the log refused",
    () =>
      withStore(async (store) => {
        const key = testKey(7);
        expect(unwrap(await store.latestSignedTreeHead(), "latest")).toBe(null);
        unwrap(await store.append("t", 0, testEvents("t", 0, 3)), "append");
        const first = unwrap(
          await signAndSaveTreeHead(store, key.signer, { logId: "bureau-1", timestamp: "2025-03-03T02:00:00.000Z" }),
          "signAndSave",
        );
        unwrap(await store.append("t", 3, testEvents("t", 3, 2)), "append");
        const second = unwrap(
          await signAndSaveTreeHead(store, key.signer, { logId: "bureau-1", timestamp: "2025-03-03T03:00:00.000Z" }),
          "signAndSave",
        );
        const latest = unwrap(await store.latestSignedTreeHead(), "latest") as SignedTreeHead;
        expect(latest.treeSize).toBe(5);
        expect(toHex(latest.signature)).toBe(toHex(second.signature));
        expect(latest.timestamp).toBe(second.timestamp);
        unwrap(await store.saveSignedTreeHead(first), "save again");
        // Re-signing the same head later (another key): the later signature replaces the kept one.
        const other = testKey(8);
        const resigned = unwrap(
          await signTreeHead(second, { logId: "bureau-1", timestamp: "2025-03-03T04:00:00.000Z" }, other.signer),
          "sign",
        );
        unwrap(await store.saveSignedTreeHead(resigned), "re-sign");
        unwrap(await store.saveSignedTreeHead(second), "older signature again: no-op");
        const replaced = unwrap(await store.latestSignedTreeHead(), "latest") as SignedTreeHead;
        expect(replaced.keyId).toBe(other.signer.keyId);
        expect(replaced.timestamp).toBe("2025-03-03T04:00:00Z");
        const forged = unwrap(
          await signTreeHead(
            { ...first, rootHash: new Uint8Array(first.rootHash.length) },
            { logId: "bureau-1", timestamp: first.timestamp },
            key.signer,
          ),
          "sign",
        );
        expect(codeOf(await store.saveSignedTreeHead(forged))).toBe("TREE_HEAD_CONFLICT");
        const beyond = unwrap(
          await signTreeHead(
            { ...second, treeSize: 6 },
            { logId: "bureau-1", timestamp: second.timestamp },
            key.signer,
          ),
          "sign",
        );
        expect(codeOf(await store.saveSignedTreeHead(beyond))).toBe("MERKLE_TREE_SIZE_INVALID");
        expect(codeOf(await store.saveSignedTreeHead({ ...first, treeSize: -1 } as SignedTreeHead))).toBe(
          "INVALID_INPUT",
        );
        // The older head re-signed with the new key too: every kept head is then the new key's
        // (dated no later than the larger head's: verifyEventStore wants heads dated as the log grew).
        const firstByOther = unwrap(
          await signTreeHead(first, { logId: "bureau-1", timestamp: "2025-03-03T03:30:00.000Z" }, other.signer),
          "sign",
        );
        unwrap(await store.saveSignedTreeHead(firstByOther), "re-sign the older head");
        expect(
          unwrap(await store.signedTreeHeads(), "signedTreeHeads").map((h) => [h.treeSize, h.keyId]),
          "a head re-signed later replaces the kept one of its size (signedTreeHeadSaveAction)",
        ).toEqual([
          [3, other.signer.keyId],
          [5, other.signer.keyId],
        ]);
        const verified = unwrap(await verifyEventStore(store, { key: other.verificationKey }), "verify");
        expect(verified.events).toBe(5);
        expect(
          verified.signedTreeHeads.some((h) => h.treeSize === 5 && h.signatureChecked),
          "verifyEventStore checks the latest kept head",
        ).toBe(true);
        const older = unwrap(
          await verifyEventStore(store, { key: other.verificationKey, signedTreeHead: firstByOther }),
          "verify",
        );
        expect(
          older.signedTreeHeads.some((h) => h.treeSize === 3),
          "verifyEventStore checks a given signed head against the log",
        ).toBe(true);
      }),
    timeout,
  );
}
