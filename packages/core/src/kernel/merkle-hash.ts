import { type HashAlgorithm, sha256 } from "./hash.js";

/**
 * Options every Merkle function and the {@link MerkleLog} accept.
 */
export interface MerkleOptions {
  /**
   * 哈希算法 — the hash behind every leaf and node. Defaults to SHA-256, which is what
   * RFC 6962 / RFC 9162 specify; an SM3 deployment passes the SM3 port and gets the same
   * tree shape with SM3 digests. Prover and verifier must use the same algorithm.
   */
  readonly hash?: HashAlgorithm;
}

// RFC 6962 §2.1 / RFC 9162 §2.1.1: domain-separation prefixes, so no leaf can ever be
// mistaken for an interior node (second-preimage resistance of the tree).
const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;

// Above this size a leaf is streamed into the hasher instead of copied behind its prefix
// byte; below it one copy is cheaper than the incremental hasher's bookkeeping.
const STREAM_THRESHOLD = 4096;

const EMPTY = new Uint8Array(0);

/** The hash algorithm chosen by `options`, or SHA-256. */
export function merkleHashAlgorithm(options?: MerkleOptions): HashAlgorithm {
  return options?.hash ?? sha256;
}

/**
 * 叶子哈希 — the hash of one leaf: `HASH(0x00 || data)` (RFC 9162 §2.1.1). Every case event
 * becomes a leaf; this is the value a third party recomputes from the event's bytes.
 */
export function merkleLeafHash(data: Uint8Array, options?: MerkleOptions): Uint8Array {
  const hash = merkleHashAlgorithm(options);
  if (data.length > STREAM_THRESHOLD) {
    return hash.create().update(Uint8Array.of(LEAF_PREFIX)).update(data).digest();
  }
  const buf = new Uint8Array(data.length + 1);
  buf[0] = LEAF_PREFIX;
  buf.set(data, 1);
  return hash.hash(buf);
}

/**
 * 节点哈希 — the hash of an interior node: `HASH(0x01 || left || right)` (RFC 9162 §2.1.1).
 */
export function merkleNodeHash(left: Uint8Array, right: Uint8Array, options?: MerkleOptions): Uint8Array {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = NODE_PREFIX;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return merkleHashAlgorithm(options).hash(buf);
}

/**
 * 空树根 — the root of the empty tree: the hash of the empty string (RFC 6962 §2.1,
 * RFC 9162 §2.1.1), *not* a leaf hash.
 */
export function merkleEmptyRoot(options?: MerkleOptions): Uint8Array {
  return merkleHashAlgorithm(options).hash(EMPTY);
}
