// 默克尔日志 — the append-only log every case event is a leaf of. Interior nodes of
// complete subtrees are stored as they are completed (see MerkleNodeStore), so appends are
// O(log n) hashes (amortised O(1)) and roots and proofs for any earlier size are O(log n)
// lookups plus at most O(log n) hashes for the one partial subtree on the right edge.
import { err, ok, type Result } from "neverthrow";
import type { SanxiangError } from "./errors.js";
import type { HashAlgorithm, HashAlgorithmName } from "./hash.js";
import {
  type MerkleOptions,
  merkleEmptyRoot,
  merkleHashAlgorithm,
  merkleLeafHash,
  merkleNodeHash,
} from "./merkle-hash.js";
import { type MerkleNodeStore, memoryMerkleNodeStore } from "./merkle-store.js";
import {
  checkHash,
  half,
  indexOutOfRange,
  isOdd,
  isPowerOfTwo,
  isSafeCount,
  log2Exact,
  sizeInvalid,
  splitPoint,
} from "./merkle-util.js";

/**
 * 树头 — a tree size and its root: the statement a bureau signs and publishes, and the
 * anchor every inclusion and consistency proof is verified against.
 */
export interface MerkleTreeHead {
  /** Number of leaves. */
  readonly treeSize: number;
  /** Merkle Tree Hash of those leaves (RFC 9162 §2.1.1). */
  readonly rootHash: Uint8Array;
  /** The hash algorithm, so a SHA-256 head is never checked against an SM3 log. */
  readonly hashAlgorithm: HashAlgorithmName;
}

/** What {@link MerkleLog.append} returns: where the leaf went and its hash. */
export interface MerkleAppendResult {
  /** 0-based position of the new leaf. */
  readonly index: number;
  /** `merkleLeafHash(data)`: store it beside the event to restore or audit the log. */
  readonly leafHash: Uint8Array;
}

/**
 * 默克尔日志 — an append-only Merkle log with RFC 6962 / RFC 9162 hashing. Its roots and
 * proofs are byte-identical to {@link merkleRoot}, {@link inclusionProof} and
 * {@link consistencyProof} over the same leaves, and verify with {@link verifyInclusion}
 * and {@link verifyConsistency}.
 *
 * Storage-agnostic: hashes live in a {@link MerkleNodeStore} (in memory by default).
 * Create with {@link createMerkleLog}, reopen a store with {@link MerkleLog.open}, or rebuild
 * from stored leaf hashes with {@link MerkleLog.fromLeafHashes}.
 */
export class MerkleLog {
  readonly #store: MerkleNodeStore;
  readonly #options: MerkleOptions;
  readonly #hash: HashAlgorithm;
  #size: number;
  #root: Uint8Array | undefined;
  // Partial subtrees on the current right edge, by start leaf: every proof at the current
  // size needs one of these, so they are hashed once per size, not once per proof.
  readonly #edge = new Map<number, Uint8Array>();

  private constructor(store: MerkleNodeStore, size: number, options?: MerkleOptions) {
    this.#store = store;
    this.#size = size;
    this.#hash = merkleHashAlgorithm(options);
    this.#options = { hash: this.#hash };
  }

  /** An empty log in memory. */
  static create(options?: MerkleOptions): MerkleLog {
    return new MerkleLog(memoryMerkleNodeStore(), 0, options);
  }

  /**
   * Opens a log over an existing node store. Checks that every level holds the number of
   * nodes its leaf count implies (a truncated or over-long level means a lost write);
   * it does not rehash — auditing the hashes themselves is a consistency check against a
   * signed tree head. Fails with `MERKLE_TREE_SIZE_INVALID` on a malformed store.
   */
  static open(store: MerkleNodeStore, options?: MerkleOptions): Result<MerkleLog, SanxiangError> {
    const size = store.count(0);
    if (!isSafeCount(size)) return err(sizeInvalid(`存储的叶子数 ${size} 无效`, { size }));
    for (let level = 1, want = half(size); ; level++, want = half(want)) {
      const have = store.count(level);
      if (have !== want) {
        return err(sizeInvalid(`第 ${level} 层应有 ${want} 个节点，实有 ${have} 个`, { level, want, have }));
      }
      if (want === 0) break;
    }
    return ok(new MerkleLog(store, size, options));
  }

  /**
   * Rebuilds a log from its leaf hashes in order — e.g. the hashes stored beside the
   * events — recomputing every interior node. Fails with `MERKLE_HASH_INVALID` when a hash
   * has the wrong length for the algorithm.
   */
  static fromLeafHashes(hashes: Iterable<Uint8Array>, options?: MerkleOptions): Result<MerkleLog, SanxiangError> {
    const log = MerkleLog.create(options);
    for (const hash of hashes) {
      const r = log.appendLeafHash(hash);
      if (r.isErr()) return err(r.error);
    }
    return ok(log);
  }

  /** Number of leaves. */
  get size(): number {
    return this.#size;
  }

  /** The hash algorithm of this log. */
  get hashAlgorithm(): HashAlgorithm {
    return this.#hash;
  }

  /** Appends one leaf: hashes `data` as `HASH(0x00 || data)` and adds it. */
  append(data: Uint8Array): MerkleAppendResult {
    return this.#appendHash(merkleLeafHash(data, this.#options));
  }

  /**
   * Appends a leaf whose hash was computed elsewhere. Fails with `MERKLE_HASH_INVALID`
   * when its length is not the algorithm's output length.
   */
  appendLeafHash(leafHash: Uint8Array): Result<MerkleAppendResult, SanxiangError> {
    const valid = checkHash(leafHash, this.#hash.outputLength, "leafHash");
    if (valid.isErr()) return err(valid.error);
    // Copied so a caller reusing its buffer cannot rewrite history.
    return ok(this.#appendHash(leafHash.slice()));
  }

  #appendHash(leafHash: Uint8Array): MerkleAppendResult {
    const index = this.#size;
    if (index >= Number.MAX_SAFE_INTEGER) throw new RangeError("Merkle log is full (2^53 − 1 leaves)");
    const store = this.#store;
    store.append(0, leafHash);
    // Every time the new node is a right child, its parent's subtree is now complete:
    // hash it and store it one level up. This walks the right edge ("frontier") only.
    let node = leafHash;
    let i = index;
    for (let level = 0; isOdd(i); level++) {
      node = merkleNodeHash(this.#node(level, i - 1), node, this.#options);
      i = half(i);
      store.append(level + 1, node);
    }
    this.#size = index + 1;
    this.#root = undefined;
    this.#edge.clear();
    return { index, leafHash: leafHash.slice() };
  }

  /** The leaf hash at `index`; `MERKLE_INDEX_OUT_OF_RANGE` beyond the log. */
  leafHash(index: number): Result<Uint8Array, SanxiangError> {
    if (!isSafeCount(index) || index >= this.#size) return err(indexOutOfRange(index, this.#size));
    return ok(this.#node(0, index).slice());
  }

  /** The current root (the empty-string hash for an empty log). */
  root(): Uint8Array {
    this.#root ??= this.#rootAt(this.#size);
    return this.#root.slice();
  }

  /** The root the log had when it held `size` leaves; `MERKLE_TREE_SIZE_INVALID` beyond. */
  rootAt(size: number): Result<Uint8Array, SanxiangError> {
    return this.#checkSize(size).map((s) => (s === this.#size ? this.root() : this.#rootAt(s)));
  }

  /** The current tree head, ready to be signed. */
  treeHead(): MerkleTreeHead {
    return { treeSize: this.#size, rootHash: this.root(), hashAlgorithm: this.#hash.name };
  }

  /** The tree head at an earlier `size`. */
  treeHeadAt(size: number): Result<MerkleTreeHead, SanxiangError> {
    return this.rootAt(size).map((rootHash) => ({ treeSize: size, rootHash, hashAlgorithm: this.#hash.name }));
  }

  /**
   * The inclusion proof of leaf `index` in the tree of `treeSize` leaves (default: the
   * current size), equal to {@link inclusionProof} over the same leaves.
   */
  inclusionProof(index: number, treeSize: number = this.#size): Result<Uint8Array[], SanxiangError> {
    return this.#checkSize(treeSize).andThen((size) => {
      if (!isSafeCount(index) || index >= size) return err(indexOutOfRange(index, size));
      // PATH of RFC 9162 §2.1.3.1. While the subtree at hand is partial, descend towards
      // the leaf; once it is perfect (a power of two, aligned), every sibling is a stored
      // node. Descending left into a perfect half leaves a partial right sibling, which
      // happens at most once, so at most one partial subtree is hashed.
      const upper: Uint8Array[] = [];
      let start = 0;
      let n = size;
      while (!isPowerOfTwo(n)) {
        const k = splitPoint(n);
        if (index < start + k) {
          upper.push(this.#subtree(start + k, n - k));
          n = k;
        } else {
          upper.push(this.#subtree(start, k));
          start += k;
          n -= k;
        }
      }
      const proof: Uint8Array[] = [];
      const height = log2Exact(n);
      for (let level = 0, i = index; level < height; level++, i = half(i)) {
        proof.push(this.#node(level, isOdd(i) ? i - 1 : i + 1).slice());
      }
      return ok([...proof, ...upper.reverse()]);
    });
  }

  /**
   * The consistency proof from the tree of `oldSize` leaves to the tree of `newSize`
   * (default: the current size), equal to {@link consistencyProof} over the same leaves.
   * Fails with `MERKLE_TREE_SIZE_INVALID` unless 0 < oldSize ≤ newSize ≤ size.
   */
  consistencyProof(oldSize: number, newSize: number = this.#size): Result<Uint8Array[], SanxiangError> {
    return this.#checkSize(newSize).andThen((size) => {
      if (!isSafeCount(oldSize) || oldSize === 0 || oldSize > size) {
        return err(sizeInvalid(`旧树大小 ${oldSize} 不在 (0, ${size}] 内`, { oldSize, newSize: size }));
      }
      // SUBPROOF(m, D[n], true) of RFC 9162 §2.1.4.1, unrolled top-down; as for
      // inclusion, only the right sibling at the first left turn can be partial.
      const upper: Uint8Array[] = [];
      let m = oldSize;
      let start = 0;
      let n = size;
      let b = true;
      while (m !== n) {
        const k = splitPoint(n);
        if (m <= k) {
          upper.push(this.#subtree(start + k, n - k));
          n = k;
        } else {
          upper.push(this.#subtree(start, k));
          start += k;
          m -= k;
          n -= k;
          b = false;
        }
      }
      const tail = b ? [] : [this.#subtree(start, n)];
      return ok([...tail, ...upper.reverse()]);
    });
  }

  #checkSize(size: number): Result<number, SanxiangError> {
    if (!isSafeCount(size) || size > this.#size) {
      return err(sizeInvalid(`树大小 ${size} 不在 [0, ${this.#size}] 内`, { treeSize: size, logSize: this.#size }));
    }
    return ok(size);
  }

  #rootAt(size: number): Uint8Array {
    return size === 0 ? merkleEmptyRoot(this.#options) : this.#subtree(0, size);
  }

  /** A stored node; its absence means the store broke its contract (see `open`). */
  #node(level: number, index: number): Uint8Array {
    const node = this.#store.get(level, index);
    if (node === undefined) throw new Error(`Merkle node store lost node (${level}, ${index})`);
    return node;
  }

  /**
   * MTH of leaves [start, start + n), n ≥ 1, as returned to callers (a fresh copy). A
   * perfect subtree is one lookup (RFC tree nodes of 2^h leaves are aligned at multiples
   * of 2^h); a partial one folds its binary decomposition — the compact range of perfect
   * subtrees — from the right, which is the RFC's left-balanced shape.
   */
  #subtree(start: number, n: number): Uint8Array {
    if (isPowerOfTwo(n)) return this.#node(log2Exact(n), start / n).slice();
    const onEdge = start + n === this.#size;
    const cached = onEdge ? this.#edge.get(start) : undefined;
    if (cached !== undefined) return cached.slice();
    const pieces: Uint8Array[] = [];
    for (let at = start, rest = n; rest > 0; ) {
      const width = isPowerOfTwo(rest) ? rest : splitPoint(rest);
      pieces.push(this.#node(log2Exact(width), at / width));
      at += width;
      rest -= width;
    }
    let acc = pieces.pop() as Uint8Array;
    for (let piece = pieces.pop(); piece !== undefined; piece = pieces.pop()) {
      acc = merkleNodeHash(piece, acc, this.#options);
    }
    if (onEdge) this.#edge.set(start, acc.slice());
    return acc;
  }
}

/** 创建默克尔日志 — a new, empty, in-memory {@link MerkleLog}. */
export function createMerkleLog(options?: MerkleOptions): MerkleLog {
  return MerkleLog.create(options);
}
