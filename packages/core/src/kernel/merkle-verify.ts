import { err, ok, type Result } from "neverthrow";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { type MerkleOptions, merkleHashAlgorithm, merkleNodeHash } from "./merkle-hash.js";
import {
  bytesEqual,
  checkHash,
  checkProofHashes,
  consistencyProofLength,
  half,
  inclusionProofLength,
  indexOutOfRange,
  isOdd,
  isPowerOfTwo,
  isSafeCount,
  sizeInvalid,
} from "./merkle-util.js";

/** 包含性证明 — what a verifier needs to check that one leaf is in a tree. */
export interface InclusionProofInput {
  /** The leaf's hash, `merkleLeafHash(data)` — not the raw data. */
  readonly leafHash: Uint8Array;
  /** 0-based position of the leaf. */
  readonly index: number;
  /** Number of leaves in the tree the root belongs to. */
  readonly treeSize: number;
  /** The audit path, deepest sibling first (RFC 9162 §2.1.3.1). */
  readonly proof: readonly Uint8Array[];
  /** The trusted root of the tree of `treeSize` leaves (from a signed tree head). */
  readonly root: Uint8Array;
}

/** 一致性证明 — what a verifier needs to check that a newer tree extends an older one. */
export interface ConsistencyProofInput {
  /** Size of the older tree; must be at least 1 (RFC 9162 §2.1.4.1: 0 < m). */
  readonly oldSize: number;
  /** Size of the newer tree; at least `oldSize`. */
  readonly newSize: number;
  /** Trusted root of the older tree. */
  readonly oldRoot: Uint8Array;
  /** Trusted root of the newer tree. */
  readonly newRoot: Uint8Array;
  /** The consistency proof (RFC 9162 §2.1.4.1). Empty when the sizes are equal. */
  readonly proof: readonly Uint8Array[];
}

function wrongLength(actual: number, expected: number): SanxiangError {
  return sanxiangError("MERKLE_PROOF_WRONG_LENGTH", `证明应含 ${expected} 个哈希，实际 ${actual} 个`, {
    details: { expected, actual },
  });
}

function rootMismatch(which: string): SanxiangError {
  return sanxiangError("MERKLE_ROOT_MISMATCH", `由证明重算的${which}与所给根哈希不一致`, { details: { which } });
}

/**
 * 验证包含性证明 — checks that `leafHash` is leaf `index` of the tree whose root is `root`,
 * following RFC 9162 §2.1.3.2. Pure: needs no access to the log, so any third party can
 * run it offline against a signed tree head.
 *
 * Fails with `MERKLE_TREE_SIZE_INVALID` (size not a safe non-negative integer),
 * `MERKLE_INDEX_OUT_OF_RANGE` (index ≥ size), `MERKLE_HASH_INVALID` (a hash of the wrong
 * length), `MERKLE_PROOF_WRONG_LENGTH` or `MERKLE_ROOT_MISMATCH`.
 */
export function verifyInclusion(input: InclusionProofInput, options?: MerkleOptions): Result<true, SanxiangError> {
  const { leafHash, index, treeSize, proof, root } = input;
  const length = merkleHashAlgorithm(options).outputLength;
  if (!isSafeCount(treeSize)) return err(sizeInvalid(`树大小 ${treeSize} 无效`, { treeSize }));
  // Step 1: leaf_index ≥ tree_size fails (this covers the empty tree).
  if (!isSafeCount(index) || index >= treeSize) return err(indexOutOfRange(index, treeSize));
  const hashes = checkHash(leafHash, length, "leafHash")
    .andThen(() => checkHash(root, length, "root"))
    .andThen(() => checkProofHashes(proof, length));
  if (hashes.isErr()) return err(hashes.error);
  // The length is fixed by (index, size); checking it first gives a precise error code
  // instead of a generic mismatch, and stops padded or truncated proofs early.
  const expected = inclusionProofLength(index, treeSize);
  if (proof.length !== expected) return err(wrongLength(proof.length, expected));

  // Steps 2–5, verbatim; shifts as halving so sizes beyond 2^31 work.
  let fn = index;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return err(wrongLength(proof.length, expected));
    if (isOdd(fn) || fn === sn) {
      r = merkleNodeHash(p, r, options);
      // "If LSB(fn) is not set, right-shift both until LSB(fn) is set or fn is 0."
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = merkleNodeHash(r, p, options);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) return err(wrongLength(proof.length, expected));
  return bytesEqual(r, root) ? ok(true) : err(rootMismatch("根"));
}

/**
 * 验证一致性证明 — checks that the tree of `newSize` leaves with root `newRoot` is an
 * append-only extension of the tree of `oldSize` leaves with root `oldRoot`, following
 * RFC 9162 §2.1.4.2. This is how an auditor proves the log was never rewritten between two
 * signed tree heads.
 *
 * Equal sizes need an empty proof and byte-equal roots. An `oldSize` of 0 is refused:
 * every tree extends the empty tree, so such a "proof" would prove nothing (RFC 9162
 * §2.1.4.1 defines proofs for 0 < m only), and accepting it would let a caller mistake
 * a vacuous check for an audit.
 */
export function verifyConsistency(input: ConsistencyProofInput, options?: MerkleOptions): Result<true, SanxiangError> {
  const { oldSize, newSize, oldRoot, newRoot, proof } = input;
  const length = merkleHashAlgorithm(options).outputLength;
  if (!isSafeCount(oldSize) || !isSafeCount(newSize)) {
    return err(sizeInvalid(`树大小 ${oldSize} → ${newSize} 无效`, { oldSize, newSize }));
  }
  if (oldSize > newSize) {
    return err(sizeInvalid(`旧树大小 ${oldSize} 大于新树大小 ${newSize}`, { oldSize, newSize }));
  }
  if (oldSize === 0) return err(sizeInvalid("与空树的一致性证明没有意义", { oldSize, newSize }));
  if (oldSize === newSize) {
    // Same tree: nothing to prove but that the two heads agree. The roots are compared as
    // given, as transparency-dev/merkle does (its golden probes accept this case whatever
    // the roots' length).
    if (proof.length !== 0) return err(wrongLength(proof.length, 0));
    return bytesEqual(oldRoot, newRoot) ? ok(true) : err(rootMismatch("根"));
  }
  const hashes = checkHash(oldRoot, length, "oldRoot")
    .andThen(() => checkHash(newRoot, length, "newRoot"))
    .andThen(() => checkProofHashes(proof, length));
  if (hashes.isErr()) return err(hashes.error);
  const expected = consistencyProofLength(oldSize, newSize);
  // Step 1 (an empty proof fails) is subsumed: the expected length is ≥ 1 when old < new.
  if (proof.length !== expected) return err(wrongLength(proof.length, expected));

  // Step 2: when the old tree is perfect its root is the seed and is not sent.
  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : proof;
  // Step 3.
  let fn = oldSize - 1;
  let sn = newSize - 1;
  // Step 4.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 5.
  const [seed, ...rest] = path;
  if (seed === undefined) return err(wrongLength(proof.length, expected));
  let fr = seed;
  let sr = seed;
  // Step 6.
  for (const c of rest) {
    if (sn === 0) return err(wrongLength(proof.length, expected));
    if (isOdd(fn) || fn === sn) {
      fr = merkleNodeHash(c, fr, options);
      sr = merkleNodeHash(c, sr, options);
      // "If LSB(fn) is not set, right-shift both until LSB(fn) is set or fn is 0."
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = merkleNodeHash(sr, c, options);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 7.
  if (sn !== 0) return err(wrongLength(proof.length, expected));
  if (!bytesEqual(fr, oldRoot)) return err(rootMismatch("旧树根"));
  if (!bytesEqual(sr, newRoot)) return err(rootMismatch("新树根"));
  return ok(true);
}
