import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { sha256 } from "../kernel/hash.js";
import { inclusionProof, merkleRoot } from "../kernel/merkle.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import { InclusionProofCollector } from "./casefile-proofs.js";

const leaves = (n: number) => Array.from({ length: n }, (_, i) => new Uint8Array([i & 255, i >> 8]));

describe("InclusionProofCollector (RFC 6962 audit paths in one pass over the leaf hashes)", () => {
  test.prop([fc.integer({ min: 1, max: 300 }), fc.array(fc.nat(), { maxLength: 8 })], {
    // Sizes around powers of two, where the right edge of the tree changes shape.
    examples: [
      [1, [0]],
      [2, [1]],
      [7, [0, 3, 6]],
      [8, [7]],
      [9, [8, 0]],
      [255, [254]],
      [256, [0, 255]],
      [257, [256, 128]],
    ],
  })("gives the root and, for every marked leaf, the proof inclusionProof gives", (size, picks) => {
    const data = leaves(size);
    const targets = new Set(picks.map((p) => p % size));
    const c = new InclusionProofCollector(size, sha256);
    for (const [i, d] of data.entries()) c.push(merkleLeafHash(d), targets.has(i));
    const { rootHash, proofs } = c.finish()._unsafeUnwrap();
    expect(rootHash).toEqual(merkleRoot(data));
    expect([...proofs.keys()].sort((a, b) => a - b)).toEqual([...targets].sort((a, b) => a - b));
    for (const t of targets) expect(proofs.get(t)).toEqual(inclusionProof(data, t)._unsafeUnwrap());
  });

  it("refuses to finish short of the tree size, and ignores leaves beyond it", () => {
    const c = new InclusionProofCollector(3, sha256);
    c.push(merkleLeafHash(new Uint8Array([1])), true);
    expect(c.finish()._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    const d = new InclusionProofCollector(2, sha256);
    for (const x of leaves(3)) d.push(merkleLeafHash(x), true);
    expect(d.count).toBe(2);
    expect(d.finish()._unsafeUnwrap().rootHash).toEqual(merkleRoot(leaves(2)));
    expect(new InclusionProofCollector(0, sha256).finish().isErr()).toBe(true);
  });
});
