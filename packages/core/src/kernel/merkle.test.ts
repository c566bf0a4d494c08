// Agreement with the published Certificate Transparency / transparency-dev test data:
// every vector and every golden probe of test/vectors/merkle.json, for the
// standalone functions and for MerkleLog.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  consistencyProof,
  inclusionProof,
  merkleEmptyRoot,
  merkleLeafHash,
  merkleNodeHash,
  merkleRoot,
  verifyConsistency,
  verifyInclusion,
} from "./merkle.js";
import { MerkleLog } from "./merkle-log.js";

interface InclusionVector {
  readonly size: number;
  readonly index: number;
  readonly leafHash: string;
  readonly proof: readonly string[];
  readonly root?: string;
}
interface ConsistencyVector {
  readonly size1: number;
  readonly size2: number;
  readonly proof: readonly string[];
  readonly root1?: string;
  readonly root2?: string;
}
interface Probe {
  readonly file: string;
  readonly desc: string;
  readonly wantErr: boolean;
  readonly proof: readonly string[];
}
interface InclusionProbe extends Probe {
  readonly leafIdx: number;
  readonly treeSize: number;
  readonly root: string;
  readonly leafHash: string;
}
interface ConsistencyProbe extends Probe {
  readonly size1: number;
  readonly size2: number;
  readonly root1: string;
  readonly root2: string;
}
interface VectorFile {
  readonly leaves: readonly string[];
  readonly leafHashes: readonly string[];
  readonly emptyRoot: string;
  readonly roots: Readonly<Record<string, string>>;
  readonly nodeHashes: readonly (readonly string[])[];
  readonly inclusion: readonly InclusionVector[];
  readonly consistency: readonly ConsistencyVector[];
  readonly hasherVectors: {
    readonly leaves: readonly { input: string; output: string }[];
    readonly nodes: readonly { left: string; right: string; output: string }[];
  };
  readonly computed: {
    readonly roots: Readonly<Record<string, string>>;
    readonly allInclusionProofs_sizes1to8: readonly InclusionVector[];
    readonly allConsistencyProofs_sizes1to8: readonly ConsistencyVector[];
  };
  readonly probes: { readonly inclusion: readonly InclusionProbe[]; readonly consistency: readonly ConsistencyProbe[] };
}

const file = JSON.parse(
  readFileSync(new URL("../../../../test/vectors/merkle.json", import.meta.url), "utf8"),
) as VectorFile;

const bytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, "hex"));
const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");
const hexes = (list: readonly Uint8Array[]): string[] => list.map(hex);

const leaves = file.leaves.map(bytes);
const log = MerkleLog.fromLeafHashes(leaves.map((l) => merkleLeafHash(l)))._unsafeUnwrap();
const rootOf = (size: number): string => {
  const root = file.roots[String(size)];
  if (root === undefined) throw new Error(`no root for ${size}`);
  return root;
};
const MERKLE_CODES = [
  "MERKLE_INDEX_OUT_OF_RANGE",
  "MERKLE_TREE_SIZE_INVALID",
  "MERKLE_PROOF_WRONG_LENGTH",
  "MERKLE_HASH_INVALID",
  "MERKLE_ROOT_MISMATCH",
];

describe("hashing (RFC 6962 §2.1)", () => {
  it.each(file.hasherVectors.leaves)("leaf hash of '$input'", ({ input, output }) => {
    expect(hex(merkleLeafHash(bytes(input)))).toBe(output);
  });

  it.each(file.hasherVectors.nodes)("node hash", ({ left, right, output }) => {
    expect(hex(merkleNodeHash(bytes(left), bytes(right)))).toBe(output);
  });

  it("streams large leaves to the same hash as a copied prefix", () => {
    const big = new Uint8Array(10_000).map((_, i) => i % 251);
    const prefixed = new Uint8Array(big.length + 1);
    prefixed.set(big, 1);
    expect(hex(merkleLeafHash(big))).toBe(createHash("sha256").update(prefixed).digest("hex"));
  });

  it("hashes the empty tree to SHA-256 of the empty string", () => {
    expect(hex(merkleEmptyRoot())).toBe(file.emptyRoot);
    expect(hex(merkleRoot([]))).toBe(file.emptyRoot);
    expect(hex(log.rootAt(0)._unsafeUnwrap())).toBe(file.emptyRoot);
  });

  it("hashes the reference leaves", () => {
    expect(leaves.map((l) => hex(merkleLeafHash(l)))).toEqual(file.leafHashes);
    expect(file.leafHashes.map((_, i) => hex(log.leafHash(i)._unsafeUnwrap()))).toEqual(file.leafHashes);
  });

  it("agrees with every complete-subtree node hash", () => {
    file.nodeHashes.forEach((level, h) => {
      level.forEach((node, i) => {
        const width = 2 ** h;
        expect(hex(merkleRoot(leaves.slice(i * width, (i + 1) * width)))).toBe(node);
      });
    });
  });
});

describe("roots", () => {
  it.each(Object.keys(file.roots).map(Number))("root of the first %i leaves", (size) => {
    expect(hex(merkleRoot(leaves.slice(0, size)))).toBe(rootOf(size));
    expect(hex(log.rootAt(size)._unsafeUnwrap())).toBe(rootOf(size));
    expect(file.computed.roots[String(size)]).toBe(rootOf(size));
  });

  it("gives the current root and a tree head", () => {
    expect(hex(log.root())).toBe(rootOf(8));
    const head = log.treeHead();
    expect({ ...head, rootHash: hex(head.rootHash) }).toEqual({
      treeSize: 8,
      rootHash: rootOf(8),
      hashAlgorithm: "sha256",
    });
    const old = log.treeHeadAt(5)._unsafeUnwrap();
    expect([old.treeSize, hex(old.rootHash)]).toEqual([5, rootOf(5)]);
  });
});

const inclusionVectors = [...file.inclusion, ...file.computed.allInclusionProofs_sizes1to8];
const consistencyVectors = [...file.consistency, ...file.computed.allConsistencyProofs_sizes1to8];

describe("inclusion proofs (RFC 9162 §2.1.3)", () => {
  it("has every vector", () => {
    expect(inclusionVectors).toHaveLength(5 + 36);
  });

  it.each(inclusionVectors)("leaf $index of $size", (v) => {
    const prefix = leaves.slice(0, v.size);
    expect(hexes(inclusionProof(prefix, v.index)._unsafeUnwrap())).toEqual(v.proof);
    expect(hexes(log.inclusionProof(v.index, v.size)._unsafeUnwrap())).toEqual(v.proof);
    const root = v.root ?? rootOf(v.size);
    expect(hex(merkleLeafHash(leaves[v.index] ?? new Uint8Array()))).toBe(v.leafHash);
    const r = verifyInclusion({
      leafHash: bytes(v.leafHash),
      index: v.index,
      treeSize: v.size,
      proof: v.proof.map(bytes),
      root: bytes(root),
    });
    expect(r._unsafeUnwrap()).toBe(true);
  });
});

describe("consistency proofs (RFC 9162 §2.1.4)", () => {
  it("has every vector", () => {
    expect(consistencyVectors).toHaveLength(5 + 36);
  });

  it.each(consistencyVectors)("$size1 → $size2", (v) => {
    const prefix = leaves.slice(0, v.size2);
    expect(hexes(consistencyProof(prefix, v.size1)._unsafeUnwrap())).toEqual(v.proof);
    expect(hexes(log.consistencyProof(v.size1, v.size2)._unsafeUnwrap())).toEqual(v.proof);
    const r = verifyConsistency({
      oldSize: v.size1,
      newSize: v.size2,
      oldRoot: bytes(v.root1 ?? rootOf(v.size1)),
      newRoot: bytes(v.root2 ?? rootOf(v.size2)),
      proof: v.proof.map(bytes),
    });
    expect(r._unsafeUnwrap()).toBe(true);
  });
});

describe("transparency-dev golden probes", () => {
  it("has all 196", () => {
    expect(file.probes.inclusion.length + file.probes.consistency.length).toBe(196);
  });

  it.each(file.probes.inclusion.map((p) => [p.file, p] as const))("inclusion %s", (_, p) => {
    const r = verifyInclusion({
      leafHash: bytes(p.leafHash),
      index: p.leafIdx,
      treeSize: p.treeSize,
      proof: p.proof.map(bytes),
      root: bytes(p.root),
    });
    expect(r.isOk()).toBe(!p.wantErr);
    if (r.isErr()) expect(MERKLE_CODES).toContain(r.error.code);
    // The log and the functions vouch for exactly the honest claims: where the probe's
    // (index, size) exist in the reference tree, their proof matches the probe only if
    // the probe is a happy path.
    if (!/inclusion\/\d\//.test(p.file)) return; // "additional", "single-entry": other trees
    const fromLog = log.inclusionProof(p.leafIdx, p.treeSize);
    const fromFns = inclusionProof(leaves.slice(0, p.treeSize), p.leafIdx);
    if (fromLog.isErr()) {
      expect(p.wantErr).toBe(true);
      expect(fromFns.isErr() || p.treeSize > leaves.length).toBe(true);
      return;
    }
    const proof = hexes(fromLog._unsafeUnwrap());
    expect(hexes(fromFns._unsafeUnwrap())).toEqual(proof);
    const honest =
      p.root === rootOf(p.treeSize) &&
      p.leafHash === file.leafHashes[p.leafIdx] &&
      JSON.stringify(proof) === JSON.stringify(p.proof);
    expect(honest).toBe(!p.wantErr);
  });

  it.each(file.probes.consistency.map((p) => [p.file, p] as const))("consistency %s", (_, p) => {
    const r = verifyConsistency({
      oldSize: p.size1,
      newSize: p.size2,
      oldRoot: bytes(p.root1),
      newRoot: bytes(p.root2),
      proof: p.proof.map(bytes),
    });
    expect(r.isOk()).toBe(!p.wantErr);
    if (r.isErr()) expect(MERKLE_CODES).toContain(r.error.code);
    if (!/consistency\/\d\//.test(p.file)) return; // "additional": placeholder roots, no tree
    const fromLog = log.consistencyProof(p.size1, p.size2);
    const fromFns = consistencyProof(leaves.slice(0, p.size2), p.size1);
    if (fromLog.isErr()) {
      expect(p.wantErr).toBe(true);
      expect(fromFns.isErr() || p.size2 > leaves.length).toBe(true);
      return;
    }
    const proof = hexes(fromLog._unsafeUnwrap());
    expect(hexes(fromFns._unsafeUnwrap())).toEqual(proof);
    const honest =
      p.root1 === rootOf(p.size1) && p.root2 === rootOf(p.size2) && JSON.stringify(proof) === JSON.stringify(p.proof);
    expect(honest).toBe(!p.wantErr);
  });
});
