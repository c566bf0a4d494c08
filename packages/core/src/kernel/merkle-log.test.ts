import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  consistencyProof,
  inclusionProof,
  type MerkleNodeStore,
  memoryMerkleNodeStore,
  merkleEmptyRoot,
  merkleLeafHash,
  merkleNodeHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";
import { createMerkleLog, MerkleLog } from "./merkle-log.js";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const hexes = (list: readonly Uint8Array[]): string[] => list.map(hex);
const leafList = fc.array(fc.uint8Array({ maxLength: 24 }), { minLength: 1, maxLength: 80 });

function logOf(leaves: readonly Uint8Array[]): MerkleLog {
  const log = createMerkleLog();
  for (const leaf of leaves) log.append(leaf);
  return log;
}

describe("MerkleLog — properties", () => {
  test.prop([leafList])("root equals merkleRoot of the same leaves at every size", (leaves) => {
    const log = createMerkleLog();
    expect(hex(log.root())).toBe(hex(merkleEmptyRoot()));
    leaves.forEach((leaf, i) => {
      const { index, leafHash } = log.append(leaf);
      expect(index).toBe(i);
      expect(hex(leafHash)).toBe(hex(merkleLeafHash(leaf)));
      expect(log.size).toBe(i + 1);
      expect(hex(log.root())).toBe(hex(merkleRoot(leaves.slice(0, i + 1))));
    });
    // …and every earlier root stays reachable.
    for (let size = 0; size <= leaves.length; size++) {
      expect(hex(log.rootAt(size)._unsafeUnwrap())).toBe(hex(merkleRoot(leaves.slice(0, size))));
    }
  });

  test.prop([leafList, fc.nat(), fc.nat()])(
    "every inclusion proof verifies against merkleRoot and equals the functions' proof",
    (leaves, a, b) => {
      const log = logOf(leaves);
      const size = 1 + (a % leaves.length);
      const prefix = leaves.slice(0, size);
      const root = merkleRoot(prefix);
      for (let index = 0; index < size; index++) {
        const proof = log.inclusionProof(index, size)._unsafeUnwrap();
        expect(hexes(proof)).toEqual(hexes(inclusionProof(prefix, index)._unsafeUnwrap()));
        const leafHash = merkleLeafHash(leaves[index] ?? new Uint8Array());
        expect(verifyInclusion({ leafHash, index, treeSize: size, proof, root }).isOk()).toBe(true);
      }
      // Default tree size is the current one.
      const index = b % leaves.length;
      expect(hexes(log.inclusionProof(index)._unsafeUnwrap())).toEqual(
        hexes(inclusionProof(leaves, index)._unsafeUnwrap()),
      );
    },
  );

  test.prop([leafList, fc.nat(), fc.nat()])(
    "every consistency proof between random sizes verifies and equals the functions' proof",
    (leaves, a, b) => {
      const log = logOf(leaves);
      const newSize = 1 + (a % leaves.length);
      const oldSize = 1 + (b % newSize);
      const proof = log.consistencyProof(oldSize, newSize)._unsafeUnwrap();
      expect(hexes(proof)).toEqual(hexes(consistencyProof(leaves.slice(0, newSize), oldSize)._unsafeUnwrap()));
      const input = {
        oldSize,
        newSize,
        oldRoot: merkleRoot(leaves.slice(0, oldSize)),
        newRoot: merkleRoot(leaves.slice(0, newSize)),
        proof,
      };
      expect(verifyConsistency(input).isOk()).toBe(true);
      expect(hexes(log.consistencyProof(oldSize)._unsafeUnwrap())).toEqual(
        hexes(consistencyProof(leaves, oldSize)._unsafeUnwrap()),
      );
    },
  );

  test.prop([leafList])("restoring from leaf hashes gives identical roots and proofs", (leaves) => {
    const log = logOf(leaves);
    const hashes = leaves.map((_, i) => log.leafHash(i)._unsafeUnwrap());
    const restored = MerkleLog.fromLeafHashes(hashes)._unsafeUnwrap();
    expect(restored.size).toBe(log.size);
    for (let size = 1; size <= leaves.length; size++) {
      expect(hex(restored.rootAt(size)._unsafeUnwrap())).toBe(hex(log.rootAt(size)._unsafeUnwrap()));
      expect(hexes(restored.inclusionProof(size - 1)._unsafeUnwrap())).toEqual(
        hexes(log.inclusionProof(size - 1)._unsafeUnwrap()),
      );
      expect(hexes(restored.consistencyProof(size)._unsafeUnwrap())).toEqual(
        hexes(log.consistencyProof(size)._unsafeUnwrap()),
      );
    }
    // And it keeps growing the same way.
    const extra = Uint8Array.of(42);
    restored.append(extra);
    expect(hex(restored.root())).toBe(hex(merkleRoot([...leaves, extra])));
  });
});

describe("MerkleLog — behaviour", () => {
  it("refuses leaf hashes of the wrong length, on append and on restore", () => {
    const log = createMerkleLog();
    expect(log.appendLeafHash(new Uint8Array(31))._unsafeUnwrapErr().code).toBe("MERKLE_HASH_INVALID");
    expect(log.size).toBe(0);
    const r = MerkleLog.fromLeafHashes([new Uint8Array(32), new Uint8Array(3)]);
    expect(r._unsafeUnwrapErr().code).toBe("MERKLE_HASH_INVALID");
  });

  it("refuses sizes and indexes beyond the log", () => {
    const log = logOf([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
    expect(log.rootAt(4)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.rootAt(-1)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.treeHeadAt(9)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.inclusionProof(0, 4)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.inclusionProof(3)._unsafeUnwrapErr().code).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    expect(log.inclusionProof(2, 2)._unsafeUnwrapErr().code).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    expect(log.leafHash(3)._unsafeUnwrapErr().code).toBe("MERKLE_INDEX_OUT_OF_RANGE");
    expect(log.consistencyProof(0)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.consistencyProof(3, 2)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.consistencyProof(1, 4)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
    expect(log.consistencyProof(3)._unsafeUnwrap()).toEqual([]);
  });

  it("hands out copies: mutating a returned hash cannot rewrite the log", () => {
    const log = logOf([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
    const root = hex(log.root());
    const proof = log.inclusionProof(0)._unsafeUnwrap();
    for (const h of proof) h.fill(0);
    log.root().fill(0);
    log.leafHash(1)._unsafeUnwrap().fill(0);
    const supplied = new Uint8Array(32).fill(7);
    log.appendLeafHash(supplied)._unsafeUnwrap().leafHash.fill(0);
    supplied.fill(9);
    expect(hex(log.rootAt(3)._unsafeUnwrap())).toBe(root);
    expect(hex(log.leafHash(3)._unsafeUnwrap())).toBe("07".repeat(32));
    expect(hexes(log.inclusionProof(0, 3)._unsafeUnwrap())).not.toContain("00".repeat(32));
  });

  it("writes each complete subtree once to its store, and reopens from it", () => {
    const store = memoryMerkleNodeStore();
    const log = MerkleLog.open(store)._unsafeUnwrap();
    const leaves = Array.from({ length: 11 }, (_, i) => Uint8Array.of(i));
    for (const leaf of leaves) log.append(leaf);
    expect([0, 1, 2, 3, 4].map((level) => store.count(level))).toEqual([11, 5, 2, 1, 0]);
    expect(hex(store.get(3, 0) ?? new Uint8Array())).toBe(hex(merkleRoot(leaves.slice(0, 8))));
    const reopened = MerkleLog.open(store)._unsafeUnwrap();
    expect(reopened.size).toBe(11);
    expect(hex(reopened.root())).toBe(hex(merkleRoot(leaves)));
  });

  it("refuses to open a store whose levels disagree with its leaf count", () => {
    const store = memoryMerkleNodeStore();
    for (let i = 0; i < 4; i++) store.append(0, merkleLeafHash(Uint8Array.of(i)));
    store.append(1, new Uint8Array(32)); // level 1 should hold 2 nodes, level 2 one
    expect(MerkleLog.open(store)._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
  });

  it("records the hash algorithm in its tree head", () => {
    const log = createMerkleLog();
    expect(log.treeHead()).toEqual({ treeSize: 0, rootHash: merkleEmptyRoot(), hashAlgorithm: "sha256" });
    expect(log.hashAlgorithm.name).toBe("sha256");
  });
});

/**
 * A store for a log of `size` identical leaves, far too many to hold: every complete
 * subtree of height h has the same hash, so the store just answers it. It lets the
 * arithmetic run on sizes beyond 2^32 (and up to 2^53 − 1), where 32-bit shifts break.
 */
function uniformStore(size: number): { store: MerkleNodeStore; leafHash: Uint8Array } {
  const leafHash = merkleLeafHash(Uint8Array.of(0x5a));
  const byLevel = [leafHash];
  for (let h = 1; h <= 53; h++) {
    const below = byLevel[h - 1] ?? leafHash;
    byLevel.push(merkleNodeHash(below, below));
  }
  const count = (level: number): number => Math.floor(size / 2 ** level);
  return {
    leafHash,
    store: {
      count,
      get: (level, index) => (index < count(level) ? byLevel[level] : undefined),
      append: () => {
        throw new Error("read-only");
      },
    },
  };
}

describe("MerkleLog — sizes beyond 2^31", () => {
  const sizes = [2 ** 32 + 1, 3 * 2 ** 40 + 12_345, Number.MAX_SAFE_INTEGER];

  it.each(sizes)("proves and verifies inclusion and consistency in a tree of %i leaves", (size) => {
    const { store, leafHash } = uniformStore(size);
    const log = MerkleLog.open(store)._unsafeUnwrap();
    expect(log.size).toBe(size);
    const root = log.root();
    for (const index of [0, 2 ** 31, 2 ** 32, size - 2, size - 1]) {
      const proof = log.inclusionProof(index)._unsafeUnwrap();
      expect(verifyInclusion({ leafHash, index, treeSize: size, proof, root }).isOk()).toBe(true);
      // A proof for the tree one smaller does not verify against this root.
      const smaller = log.inclusionProof(Math.min(index, size - 2), size - 1)._unsafeUnwrap();
      expect(verifyInclusion({ leafHash, index, treeSize: size, proof: smaller, root }).isErr()).toBe(true);
    }
    for (const oldSize of [1, 2 ** 31 + 7, 2 ** 32, size - 1]) {
      const proof = log.consistencyProof(oldSize)._unsafeUnwrap();
      const oldRoot = log.rootAt(oldSize)._unsafeUnwrap();
      expect(verifyConsistency({ oldSize, newSize: size, oldRoot, newRoot: root, proof }).isOk()).toBe(true);
    }
  });
});
