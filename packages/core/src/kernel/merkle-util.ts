// Internal helpers shared by the Merkle modules; not part of the public API.
//
// Tree sizes and indexes are plain numbers, valid up to Number.MAX_SAFE_INTEGER (2^53 − 1).
// JavaScript's bitwise operators truncate to 32 bits, so every "shift" and "LSB" below is
// written as division and remainder, which are exact for safe integers.
import { err, ok, type Result } from "neverthrow";
import { type SanxiangError, sanxiangError } from "./errors.js";

/** True for an integer in [0, MAX_SAFE_INTEGER]. */
export function isSafeCount(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

/** `x >> 1` for a safe non-negative integer. */
export function half(x: number): number {
  return Math.floor(x / 2);
}

/** True when the least significant bit of a safe non-negative integer is set. */
export function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** True for 1, 2, 4, 8, … */
export function isPowerOfTwo(n: number): boolean {
  if (n < 1) return false;
  let x = n;
  while (x % 2 === 0) x /= 2;
  return x === 1;
}

/** log2 of a power of two. */
export function log2Exact(n: number): number {
  let level = 0;
  for (let x = n; x > 1; x /= 2) level++;
  return level;
}

/** The largest power of two strictly less than `n` (n ≥ 2): RFC 9162 §2.1.1's `k`. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** The number of trailing zero bits of a positive safe integer. */
export function trailingZeros(n: number): number {
  let count = 0;
  for (let x = n; x % 2 === 0; x /= 2) count++;
  return count;
}

/** The number of set bits of a safe non-negative integer. */
export function popCount(n: number): number {
  let count = 0;
  for (let x = n; x > 0; x = half(x)) if (isOdd(x)) count++;
  return count;
}

/** Bit length of `a XOR b`: how many right shifts until `a` and `b` are equal. */
export function differingBits(a: number, b: number): number {
  let count = 0;
  for (let x = a, y = b; x !== y; x = half(x), y = half(y)) count++;
  return count;
}

/**
 * Number of hashes in an inclusion proof for `index` in a tree of `size` leaves
 * (0 ≤ index < size): the "inner" siblings below the point where the leaf's path
 * leaves the right edge, plus one "border" node per set bit above it.
 */
export function inclusionProofLength(index: number, size: number): number {
  const inner = differingBits(index, size - 1);
  return inner + popCount(Math.floor(index / 2 ** inner));
}

/**
 * Number of hashes in a consistency proof from `oldSize` to `newSize`
 * (0 < oldSize < newSize): the inclusion proof of the old tree's last complete subtree,
 * plus that subtree's own hash unless the old tree is itself a perfect tree (whose root
 * the verifier already holds: RFC 9162 §2.1.4.2 step 2).
 */
export function consistencyProofLength(oldSize: number, newSize: number): number {
  const shift = trailingZeros(oldSize);
  const inner = differingBits(oldSize - 1, newSize - 1);
  const border = popCount(Math.floor((oldSize - 1) / 2 ** inner));
  const seed = oldSize === 2 ** shift ? 0 : 1;
  return seed + (inner - shift) + border;
}

/** Constant-shape byte comparison (length, then every byte). */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** Checks one hash's length against the algorithm's output length. */
export function checkHash(value: Uint8Array, length: number, what: string): Result<true, SanxiangError> {
  if (value instanceof Uint8Array && value.length === length) return ok(true);
  return err(
    sanxiangError("MERKLE_HASH_INVALID", `${what}长度应为 ${length} 字节`, {
      details: { what, expected: length, actual: value instanceof Uint8Array ? value.length : null },
    }),
  );
}

/** Checks every hash of a proof. */
export function checkProofHashes(proof: readonly Uint8Array[], length: number): Result<true, SanxiangError> {
  for (let i = 0; i < proof.length; i++) {
    const h = proof[i];
    if (h === undefined) return checkHash(new Uint8Array(0), length, `proof[${i}]`);
    const r = checkHash(h, length, `proof[${i}]`);
    if (r.isErr()) return r;
  }
  return ok(true);
}

/** An index outside `[0, size)`. */
export function indexOutOfRange(index: number, size: number): SanxiangError {
  return sanxiangError("MERKLE_INDEX_OUT_OF_RANGE", `叶子序号 ${index} 不在 [0, ${size}) 内`, {
    details: { index, treeSize: size },
  });
}

/** A size that is not a safe non-negative integer or violates an ordering. */
export function sizeInvalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("MERKLE_TREE_SIZE_INVALID", message, { details });
}
