// Every way a proof can fail, each with its own error code, and tamper evidence: changing
// any byte of any proof hash, root or leaf hash, or the index, makes verification fail.
import { describe, expect, it } from "vitest";
import type { SanxiangError } from "./errors.js";
import type { HashAlgorithm } from "./hash.js";
import {
  consistencyProof,
  inclusionProof,
  merkleLeafHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";
import type { Result } from "./result.js";

const leaves = Array.from({ length: 13 }, (_, i) => Uint8Array.of(i, i * 7, 255 - i));
const rootAt = (size: number): Uint8Array => merkleRoot(leaves.slice(0, size));
const leafHashAt = (index: number): Uint8Array => merkleLeafHash(leaves[index] ?? new Uint8Array());

function inclusionInput(index: number, size: number) {
  return {
    leafHash: leafHashAt(index),
    index,
    treeSize: size,
    proof: inclusionProof(leaves.slice(0, size), index)._unsafeUnwrap(),
    root: rootAt(size),
  };
}
function consistencyInput(oldSize: number, newSize: number) {
  return {
    oldSize,
    newSize,
    oldRoot: rootAt(oldSize),
    newRoot: rootAt(newSize),
    proof: consistencyProof(leaves.slice(0, newSize), oldSize)._unsafeUnwrap(),
  };
}
const flipped = (b: Uint8Array, at: number): Uint8Array => {
  const c = b.slice();
  c[at] = (c[at] ?? 0) ^ 0x01;
  return c;
};
const codeOf = (r: Result<unknown, SanxiangError>): string | undefined => (r.isErr() ? r.error.code : undefined);

const pairs: [number, number][] = [];
for (let n = 1; n <= leaves.length; n++) for (let i = 0; i < n; i++) pairs.push([i, n]);

describe("verifyInclusion refusals", () => {
  const good = inclusionInput(5, 13);

  it("accepts the honest proof", () => {
    expect(verifyInclusion(good)._unsafeUnwrap()).toBe(true);
  });

  it("MERKLE_INDEX_OUT_OF_RANGE: index ≥ size, negative, fractional; the empty tree", () => {
    for (const index of [13, 14, -1, 1.5, Number.NaN]) {
      expect(codeOf(verifyInclusion({ ...good, index }))).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    }
    expect(codeOf(verifyInclusion({ ...good, index: 0, treeSize: 0, proof: [] }))).toBe("MERKLE_INDEX_OUT_OF_RANGE");
  });

  it("MERKLE_TREE_SIZE_INVALID: a size that is not a safe non-negative integer", () => {
    for (const treeSize of [-1, 2.5, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(codeOf(verifyInclusion({ ...good, treeSize }))).toBe("MERKLE_TREE_SIZE_INVALID");
    }
  });

  it("MERKLE_HASH_INVALID: leaf hash, root or a proof hash of the wrong length", () => {
    const short = new Uint8Array(31);
    expect(codeOf(verifyInclusion({ ...good, leafHash: short }))).toBe("MERKLE_HASH_INVALID");
    expect(codeOf(verifyInclusion({ ...good, root: new Uint8Array(33) }))).toBe("MERKLE_HASH_INVALID");
    expect(codeOf(verifyInclusion({ ...good, proof: [short, ...good.proof.slice(1)] }))).toBe("MERKLE_HASH_INVALID");
  });

  it("MERKLE_PROOF_WRONG_LENGTH: a hash missing, added or duplicated", () => {
    const extra = new Uint8Array(32);
    for (const proof of [good.proof.slice(1), [...good.proof, extra], [extra, ...good.proof], []]) {
      expect(codeOf(verifyInclusion({ ...good, proof }))).toBe("MERKLE_PROOF_WRONG_LENGTH");
    }
  });

  it("MERKLE_ROOT_MISMATCH: another root, leaf or reordered proof", () => {
    expect(codeOf(verifyInclusion({ ...good, root: rootAt(12) }))).toBe("MERKLE_ROOT_MISMATCH");
    expect(codeOf(verifyInclusion({ ...good, leafHash: leafHashAt(6) }))).toBe("MERKLE_ROOT_MISMATCH");
    expect(codeOf(verifyInclusion({ ...good, proof: [...good.proof].reverse() }))).toBe("MERKLE_ROOT_MISMATCH");
  });

  it("fails when any byte of any proof hash, the root or the leaf hash is flipped (all trees ≤ 13)", () => {
    let checked = 0;
    for (const [index, size] of pairs) {
      const input = inclusionInput(index, size);
      input.proof.forEach((hash, p) => {
        for (let at = 0; at < hash.length; at++) {
          const proof = input.proof.map((h, q) => (q === p ? flipped(h, at) : h));
          expect(codeOf(verifyInclusion({ ...input, proof }))).toBe("MERKLE_ROOT_MISMATCH");
          checked++;
        }
      });
      for (let at = 0; at < 32; at++) {
        expect(codeOf(verifyInclusion({ ...input, root: flipped(input.root, at) }))).toBe("MERKLE_ROOT_MISMATCH");
        expect(codeOf(verifyInclusion({ ...input, leafHash: flipped(input.leafHash, at) }))).toBe(
          "MERKLE_ROOT_MISMATCH",
        );
      }
    }
    expect(checked).toBeGreaterThan(5000);
  });

  it("fails for every wrong index of every proof (all trees ≤ 13)", () => {
    for (const [index, size] of pairs) {
      const input = inclusionInput(index, size);
      for (let other = 0; other < size; other++) {
        if (other !== index) expect(verifyInclusion({ ...input, index: other }).isErr()).toBe(true);
      }
    }
  });
});

describe("verifyConsistency refusals", () => {
  const good = consistencyInput(6, 13);

  it("accepts the honest proof", () => {
    expect(verifyConsistency(good)._unsafeUnwrap()).toBe(true);
  });

  it("MERKLE_TREE_SIZE_INVALID: old > new, old = 0, negative or fractional sizes", () => {
    const cases = [
      { oldSize: 7, newSize: 6 },
      { oldSize: 0, newSize: 13 },
      { oldSize: 0, newSize: 0 },
      { oldSize: -1, newSize: 13 },
      { oldSize: 6, newSize: 13.5 },
    ];
    for (const c of cases) expect(codeOf(verifyConsistency({ ...good, ...c }))).toBe("MERKLE_TREE_SIZE_INVALID");
  });

  it("MERKLE_HASH_INVALID: a root or a proof hash of the wrong length", () => {
    const short = new Uint8Array(16);
    expect(codeOf(verifyConsistency({ ...good, oldRoot: short }))).toBe("MERKLE_HASH_INVALID");
    expect(codeOf(verifyConsistency({ ...good, newRoot: short }))).toBe("MERKLE_HASH_INVALID");
    expect(codeOf(verifyConsistency({ ...good, proof: [...good.proof.slice(1), short] }))).toBe("MERKLE_HASH_INVALID");
  });

  it("MERKLE_PROOF_WRONG_LENGTH: missing or extra hashes; a non-empty proof between equal sizes", () => {
    const extra = new Uint8Array(32);
    for (const proof of [good.proof.slice(1), [...good.proof, extra], []]) {
      expect(codeOf(verifyConsistency({ ...good, proof }))).toBe("MERKLE_PROOF_WRONG_LENGTH");
    }
    const same = { ...good, newSize: 6, newRoot: good.oldRoot, proof: [extra] };
    expect(codeOf(verifyConsistency(same))).toBe("MERKLE_PROOF_WRONG_LENGTH");
  });

  it("MERKLE_ROOT_MISMATCH: swapped or foreign roots; equal sizes with different roots", () => {
    expect(codeOf(verifyConsistency({ ...good, oldRoot: good.newRoot, newRoot: good.oldRoot }))).toBe(
      "MERKLE_ROOT_MISMATCH",
    );
    expect(codeOf(verifyConsistency({ ...good, newRoot: rootAt(12) }))).toBe("MERKLE_ROOT_MISMATCH");
    const same = { oldSize: 6, newSize: 6, oldRoot: rootAt(6), newRoot: rootAt(5), proof: [] };
    expect(codeOf(verifyConsistency(same))).toBe("MERKLE_ROOT_MISMATCH");
  });

  it("fails when any byte of any proof hash or either root is flipped (all 0 < m < n ≤ 13)", () => {
    for (let n = 2; n <= leaves.length; n++) {
      for (let m = 1; m < n; m++) {
        const input = consistencyInput(m, n);
        expect(verifyConsistency(input).isOk()).toBe(true);
        input.proof.forEach((hash, p) => {
          for (let at = 0; at < hash.length; at++) {
            const proof = input.proof.map((h, q) => (q === p ? flipped(h, at) : h));
            expect(codeOf(verifyConsistency({ ...input, proof }))).toBe("MERKLE_ROOT_MISMATCH");
          }
        });
        for (let at = 0; at < 32; at++) {
          expect(verifyConsistency({ ...input, oldRoot: flipped(input.oldRoot, at) }).isErr()).toBe(true);
          expect(verifyConsistency({ ...input, newRoot: flipped(input.newRoot, at) }).isErr()).toBe(true);
        }
        // A proof for other sizes never passes as this one.
        for (let m2 = 1; m2 < n; m2++) {
          if (m2 !== m) expect(verifyConsistency({ ...input, oldSize: m2, oldRoot: rootAt(m2) }).isErr()).toBe(true);
        }
      }
    }
  });
});

describe("generation refusals", () => {
  it("inclusionProof: index out of range", () => {
    for (const index of [-1, 13, 0.5]) {
      expect(codeOf(inclusionProof(leaves, index))).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    }
    expect(codeOf(inclusionProof([], 0))).toBe("MERKLE_INDEX_OUT_OF_RANGE");
  });

  it("consistencyProof: old size 0, beyond the leaves, or fractional", () => {
    for (const oldSize of [0, 14, 2.5, -3]) {
      expect(codeOf(consistencyProof(leaves, oldSize))).toBe("MERKLE_TREE_SIZE_INVALID");
    }
    expect(consistencyProof(leaves, 13)._unsafeUnwrap()).toEqual([]);
  });
});

describe("another hash algorithm", () => {
  // A toy 16-byte "hash" stands in for SM3 to show the algorithm is a port: output
  // length and digests follow it.
  const toy: HashAlgorithm = {
    name: "sm3",
    outputLength: 16,
    hash: (data) => {
      const out = new Uint8Array(16);
      data.forEach((b, i) => {
        const j = i % 16;
        out[j] = ((out[j] ?? 0) * 31 + b + i) & 0xff;
      });
      return out;
    },
    create: () => {
      throw new Error("not used");
    },
  };

  it("proves and verifies with the chosen algorithm, refusing SHA-256-sized hashes", () => {
    const options = { hash: toy };
    const root = merkleRoot(leaves, options);
    expect(root).toHaveLength(16);
    const proof = inclusionProof(leaves, 3, options)._unsafeUnwrap();
    const leafHash = merkleLeafHash(leaves[3] ?? new Uint8Array(), options);
    expect(verifyInclusion({ leafHash, index: 3, treeSize: 13, proof, root }, options).isOk()).toBe(true);
    expect(codeOf(verifyInclusion({ leafHash, index: 3, treeSize: 13, proof, root }))).toBe("MERKLE_HASH_INVALID");
    const cproof = consistencyProof(leaves, 5, options)._unsafeUnwrap();
    const oldRoot = merkleRoot(leaves.slice(0, 5), options);
    expect(verifyConsistency({ oldSize: 5, newSize: 13, oldRoot, newRoot: root, proof: cproof }, options).isOk()).toBe(
      true,
    );
  });
});
