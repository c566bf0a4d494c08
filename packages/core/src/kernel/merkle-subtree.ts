// 完整子树 — the complete subtrees of an append-only Merkle log, named by (level, index): node
// `(h, i)` is the root of the 2^h leaves `[i·2^h, (i+1)·2^h)` (level 0: the leaf hashes). A
// node, once its leaves exist, never changes, so a store can keep every node as the frontier
// completes it, in the transaction of the append. Any inclusion proof against a tree of n
// leaves is made of such nodes: each sibling on the audit path is either one of them or, on
// the right edge of the tree, a fold of O(log n) of them (RFC 9162 §2.1.1) — so a proof needs
// O(log² n) stored nodes at worst, O(log n) for a leaf away from the right edge, and never a
// pass over the log.
import { type SanxiangError, sanxiangError } from "./errors.js";
import { type MerkleOptions, merkleHashAlgorithm, merkleNodeHash } from "./merkle-hash.js";
import { bytesEqual, indexOutOfRange, isSafeCount, splitPoint } from "./merkle-util.js";
import { err, ok, type Result } from "./result.js";

/**
 * 子树编号 — one complete subtree of the log: the `index`-th run of 2^`level` leaves, i.e. the
 * leaves `[index·2^level, (index+1)·2^level)`. Level 0 is a single leaf (its leaf hash).
 */
export interface MerkleNodeRef {
  /** Height: the subtree has 2^level leaves (0 … 52). */
  readonly level: number;
  /** Which run of 2^level leaves, from 0. */
  readonly index: number;
}

/**
 * 子树段 — `count` consecutive complete subtrees of one level: the nodes
 * `(level, first)`, `(level, first + 1)`, … `(level, first + count − 1)`, i.e. the leaves
 * `[first·2^level, (first + count)·2^level)` in runs of 2^level.
 */
export interface MerkleNodeRun {
  /** Height of every node of the run (0 … 52; level 0 is the leaf hashes). */
  readonly level: number;
  /** The first node's index. */
  readonly first: number;
  /** How many nodes (at least 1). */
  readonly count: number;
}

/** 子树哈希 — a complete subtree and its root hash. */
export interface MerkleNode extends MerkleNodeRef {
  /** The subtree's root: MTH of its leaves (RFC 9162 §2.1.1). */
  readonly hash: Uint8Array;
}

/** The highest level a safe tree size can complete (2^52 leaves). */
export const MERKLE_MAX_LEVEL = 52;

/** Whether `ref` names a subtree complete within a log of `treeSize` leaves. */
export function merkleNodeWithin(ref: MerkleNodeRef, treeSize: number): boolean {
  return (ref.index + 1) * 2 ** ref.level <= treeSize;
}

/** A key for maps of nodes: `"level:index"`. */
export function merkleNodeKey(ref: MerkleNodeRef): string {
  return `${ref.level}:${ref.index}`;
}

/**
 * The complete subtrees, left to right, whose fold is the hash of the leaves `[start, end)`,
 * when `start` is a multiple of the largest power of two not above `end − start` — as every
 * range of RFC 9162's recursion is: the binary digits of the length, largest first.
 */
export function merkleRangeNodes(start: number, end: number): MerkleNodeRef[] {
  const out: MerkleNodeRef[] = [];
  let at = start;
  while (at < end) {
    let size = 1;
    let level = 0;
    while (size * 2 <= end - at && at % (size * 2) === 0) {
      size *= 2;
      level++;
    }
    out.push({ level, index: at / size });
    at += size;
  }
  return out;
}

/**
 * 证明所需子树 — what the audit path of leaf `index` in a tree of `treeSize` leaves is made
 * of: one entry per sibling, deepest first (the order of {@link inclusionProof}), each the
 * complete subtrees whose fold (right to left) is that sibling. `MERKLE_INDEX_OUT_OF_RANGE`
 * unless 0 ≤ index < treeSize.
 */
export function inclusionProofNodes(
  index: number,
  treeSize: number,
): Result<readonly (readonly MerkleNodeRef[])[], SanxiangError> {
  if (!isSafeCount(treeSize) || !isSafeCount(index) || index >= treeSize) return err(indexOutOfRange(index, treeSize));
  const siblings: MerkleNodeRef[][] = [];
  let start = 0;
  let end = treeSize;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      siblings.push(merkleRangeNodes(start + k, end));
      end = start + k;
    } else {
      siblings.push(merkleRangeNodes(start, start + k));
      start += k;
    }
  }
  return ok(siblings.reverse());
}

/**
 * 由子树组证明 — the audit path from {@link inclusionProofNodes}' plan and the nodes' hashes
 * (`hashOf` gives each node's hash, or `undefined` when it is missing:
 * `MERKLE_HASH_INVALID` naming it). The hashes are not trusted here: check the result with
 * `verifyInclusion` against a signed root.
 */
export function inclusionProofFromNodes(
  plan: readonly (readonly MerkleNodeRef[])[],
  hashOf: (ref: MerkleNodeRef) => Uint8Array | undefined,
  options?: MerkleOptions,
): Result<Uint8Array[], SanxiangError> {
  const hash = merkleHashAlgorithm(options);
  const proof: Uint8Array[] = [];
  for (const sibling of plan) {
    let acc: Uint8Array | undefined;
    for (let i = sibling.length - 1; i >= 0; i--) {
      const ref = sibling[i] as MerkleNodeRef;
      const node = hashOf(ref);
      if (!(node instanceof Uint8Array) || node.length !== hash.outputLength) {
        return err(
          sanxiangError("MERKLE_HASH_INVALID", `缺少默克尔子树 (${ref.level}, ${ref.index}) 的哈希，或其长度错误`, {
            details: { level: ref.level, index: ref.index },
          }),
        );
      }
      acc = acc === undefined ? node : merkleNodeHash(node, acc, { hash });
    }
    if (acc !== undefined) proof.push(acc);
  }
  return ok(proof);
}

/**
 * 核对子树 — compares stored nodes with the same nodes recomputed; the first that differs, as
 * `{ level, index }`, or `null` when all agree.
 */
export function firstDifferentNode(
  stored: readonly Uint8Array[],
  computed: readonly MerkleNode[],
): MerkleNodeRef | null {
  for (let i = 0; i < computed.length; i++) {
    const c = computed[i] as MerkleNode;
    const s = stored[i];
    if (s === undefined || !bytesEqual(s, c.hash)) return { level: c.level, index: c.index };
  }
  return null;
}
