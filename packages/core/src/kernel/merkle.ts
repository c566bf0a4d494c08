// 默克尔树 — Merkle tree hashing of RFC 6962 / RFC 9162 §2.1, computed from a whole list
// of leaves. These functions are the reference definitions (MTH, PATH, SUBPROOF) written
// out directly; the incremental {@link MerkleLog} must agree with them, and the tests
// check that it does.
import { err, ok, type Result } from "neverthrow";
import type { SanxiangError } from "./errors.js";
import { type MerkleOptions, merkleEmptyRoot, merkleLeafHash, merkleNodeHash } from "./merkle-hash.js";
import { indexOutOfRange, isSafeCount, sizeInvalid, splitPoint } from "./merkle-util.js";

export * from "./merkle-frontier.js";
export * from "./merkle-hash.js";
export * from "./merkle-store.js";
export * from "./merkle-subtree.js";
export * from "./merkle-verify.js";

/** MTH(D[start:end]) over leaf hashes, for end − start ≥ 1 (RFC 9162 §2.1.1). */
function treeHash(hashes: readonly Uint8Array[], start: number, end: number, options?: MerkleOptions): Uint8Array {
  const n = end - start;
  if (n === 1) return hashes[start] as Uint8Array;
  const k = splitPoint(n);
  return merkleNodeHash(
    treeHash(hashes, start, start + k, options),
    treeHash(hashes, start + k, end, options),
    options,
  );
}

function leafHashes(leaves: readonly Uint8Array[], options?: MerkleOptions): Uint8Array[] {
  return leaves.map((leaf) => merkleLeafHash(leaf, options));
}

/**
 * 默克尔树根 — the Merkle Tree Hash of a list of leaves (RFC 9162 §2.1.1). `leaves` are the
 * raw leaf data; each is hashed with {@link merkleLeafHash}. The empty list gives the hash
 * of the empty string (RFC 6962 §2.1).
 */
export function merkleRoot(leaves: readonly Uint8Array[], options?: MerkleOptions): Uint8Array {
  if (leaves.length === 0) return merkleEmptyRoot(options);
  return treeHash(leafHashes(leaves, options), 0, leaves.length, options);
}

/**
 * 包含性证明 — the audit path PATH(index, D[n]) for leaf `index` of `leaves`
 * (RFC 9162 §2.1.3.1), deepest sibling first. Verify it with {@link verifyInclusion}.
 * Fails with `MERKLE_INDEX_OUT_OF_RANGE` unless 0 ≤ index < leaves.length.
 */
export function inclusionProof(
  leaves: readonly Uint8Array[],
  index: number,
  options?: MerkleOptions,
): Result<Uint8Array[], SanxiangError> {
  if (!isSafeCount(index) || index >= leaves.length) return err(indexOutOfRange(index, leaves.length));
  const hashes = leafHashes(leaves, options);
  // PATH(m, D[start:end]), unrolled: the recursion descends into the half holding m and
  // emits the other half's MTH, so collecting top-down and reversing gives the RFC order.
  const siblings: Uint8Array[] = [];
  let start = 0;
  let end = leaves.length;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      siblings.push(treeHash(hashes, start + k, end, options));
      end = start + k;
    } else {
      siblings.push(treeHash(hashes, start, start + k, options));
      start += k;
    }
  }
  return ok(siblings.reverse());
}

/**
 * 一致性证明 — the proof PROOF(oldSize, D[n]) that the first `oldSize` leaves of `leaves`
 * form a prefix of the whole list (RFC 9162 §2.1.4.1). Verify it with
 * {@link verifyConsistency}. Equal sizes give an empty proof; fails with
 * `MERKLE_TREE_SIZE_INVALID` unless 0 < oldSize ≤ leaves.length.
 */
export function consistencyProof(
  leaves: readonly Uint8Array[],
  oldSize: number,
  options?: MerkleOptions,
): Result<Uint8Array[], SanxiangError> {
  const newSize = leaves.length;
  if (!isSafeCount(oldSize) || oldSize === 0 || oldSize > newSize) {
    return err(sizeInvalid(`旧树大小 ${oldSize} 不在 (0, ${newSize}] 内`, { oldSize, newSize }));
  }
  if (oldSize === newSize) return ok([]);
  const hashes = leafHashes(leaves, options);
  return ok(subproof(hashes, oldSize, options));
}

/** SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, unrolled as in {@link inclusionProof}. */
function subproof(hashes: readonly Uint8Array[], oldSize: number, options?: MerkleOptions): Uint8Array[] {
  const upper: Uint8Array[] = [];
  let m = oldSize;
  let start = 0;
  let end = hashes.length;
  // b: whether the subtree at hand is still a prefix the verifier already knows the root of.
  let b = true;
  for (;;) {
    const n = end - start;
    if (m === n) {
      // SUBPROOF(m, D[m], true) = {}; SUBPROOF(m, D[m], false) = {MTH(D[m])}.
      const tail = b ? [] : [treeHash(hashes, start, end, options)];
      return [...tail, ...upper.reverse()];
    }
    const k = splitPoint(n);
    if (m <= k) {
      upper.push(treeHash(hashes, start + k, end, options));
      end = start + k;
    } else {
      upper.push(treeHash(hashes, start, start + k, options));
      start += k;
      m -= k;
      b = false;
    }
  }
}
