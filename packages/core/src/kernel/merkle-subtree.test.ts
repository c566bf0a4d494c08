import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { sha256 } from "./hash.js";
import { inclusionProof, merkleRoot } from "./merkle.js";
import { emptyMerkleFrontier, extendMerkleFrontier, extendMerkleFrontierNodes } from "./merkle-frontier.js";
import { merkleLeafHash } from "./merkle-hash.js";
import {
  firstDifferentNode,
  inclusionProofFromNodes,
  inclusionProofNodes,
  type MerkleNode,
  type MerkleNodeRef,
  merkleNodeKey,
  merkleNodeWithin,
  merkleRangeNodes,
} from "./merkle-subtree.js";
import { sm3 } from "./sm3.js";

const leavesOf = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => new Uint8Array([i % 251, i >> 8]));

/** Every node (level ≥ 1) of the tree over `leaves`, by the reference MTH of its run of leaves. */
function referenceNodes(leaves: readonly Uint8Array[], hash = sha256): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (let level = 0; 2 ** level <= leaves.length; level++) {
    for (let index = 0; (index + 1) * 2 ** level <= leaves.length; index++) {
      const run = leaves.slice(index * 2 ** level, (index + 1) * 2 ** level);
      out.set(merkleNodeKey({ level, index }), merkleRoot(run, { hash }));
    }
  }
  return out;
}

describe("complete subtrees (the nodes a store keeps, RFC 9162 §2.1.1)", () => {
  test.prop([fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 150 }), fc.boolean()])(
    "extendMerkleFrontierNodes gives extendMerkleFrontier's frontier and exactly the nodes the new leaves complete",
    (before, added, useSm3) => {
      const hash = useSm3 ? sm3 : sha256;
      const data = leavesOf(before + added);
      const hashes = data.map((d) => merkleLeafHash(d, { hash }));
      const start = extendMerkleFrontier(emptyMerkleFrontier(), hashes.slice(0, before), { hash })._unsafeUnwrap();
      const next = extendMerkleFrontierNodes(start, hashes.slice(before), { hash })._unsafeUnwrap();
      expect(next.frontier).toEqual(extendMerkleFrontier(start, hashes.slice(before), { hash })._unsafeUnwrap());
      const reference = referenceNodes(data, hash);
      const expected = [...reference.keys()].filter((k) => {
        const [level, index] = k.split(":").map(Number) as [number, number];
        return level > 0 && (index + 1) * 2 ** level > before;
      });
      expect(next.nodes.map(merkleNodeKey).sort()).toEqual(expected.sort());
      for (const n of next.nodes) expect(n.hash).toEqual(reference.get(merkleNodeKey(n)));
    },
  );

  test.prop([fc.integer({ min: 1, max: 400 }), fc.nat()])(
    "a proof made of stored subtrees is inclusionProof's, byte for byte",
    (size, pick) => {
      const data = leavesOf(size);
      const nodes = referenceNodes(data);
      const index = pick % size;
      const plan = inclusionProofNodes(index, size)._unsafeUnwrap();
      for (const sibling of plan) for (const ref of sibling) expect(merkleNodeWithin(ref, size)).toBe(true);
      // O(log n) nodes away from the right edge; never more than log² n.
      const count = plan.reduce((a, s) => a + s.length, 0);
      expect(count).toBeLessThanOrEqual(Math.ceil(Math.log2(size + 1)) ** 2);
      const proof = inclusionProofFromNodes(plan, (r) => nodes.get(merkleNodeKey(r)))._unsafeUnwrap();
      expect(proof).toEqual(inclusionProof(data, index)._unsafeUnwrap());
    },
  );

  it("a range's subtrees are the binary digits of its length, aligned; bad indexes and missing nodes are coded", () => {
    expect(merkleRangeNodes(8, 15)).toEqual([
      { level: 2, index: 2 },
      { level: 1, index: 6 },
      { level: 0, index: 14 },
    ]);
    expect(inclusionProofNodes(5, 5)._unsafeUnwrapErr().code).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    expect(inclusionProofNodes(-1, 5)._unsafeUnwrapErr().code).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    const plan = inclusionProofNodes(0, 4)._unsafeUnwrap();
    expect(inclusionProofFromNodes(plan, () => undefined)._unsafeUnwrapErr().code).toBe("MERKLE_HASH_INVALID");
    expect(inclusionProofFromNodes(plan, () => new Uint8Array(3))._unsafeUnwrapErr().code).toBe("MERKLE_HASH_INVALID");
    const node: MerkleNode = { level: 1, index: 0, hash: new Uint8Array(32) };
    const ref: MerkleNodeRef = { level: 1, index: 0 };
    expect(firstDifferentNode([new Uint8Array(32)], [node])).toBeNull();
    expect(firstDifferentNode([new Uint8Array(32).fill(1)], [node])).toEqual(ref);
    expect(firstDifferentNode([], [node])).toEqual(ref);
  });
});
