// 包含性证明收集 — inclusion proofs of a few leaves against one tree head, computed in one
// pass over the leaf hashes in log order without holding the log: a stack of at most
// log₂(n) + 1 perfect subtrees (like the Merkle frontier), each with the targets inside it.
// When two subtrees merge, every target in one takes the other's root as the next hash of its
// audit path; at the end the subtrees of the right edge are combined right to left, which is
// the RFC 6962 §2.1.1 decomposition (k = the largest power of two below n, recursively on the
// right). Memory: O(log n + targets · log n); time: one node hash per leaf.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm } from "../kernel/hash.js";
import { merkleNodeHash } from "../kernel/merkle-hash.js";
import { err, ok, type Result } from "../kernel/result.js";

interface Subtree {
  readonly size: number;
  readonly hash: Uint8Array;
  readonly targets: readonly number[];
}

/** What {@link InclusionProofCollector.finish} returns. */
export interface CollectedProofs {
  /** The root of the tree of `treeSize` leaves. */
  readonly rootHash: Uint8Array;
  /** Each target's audit path (deepest first, as RFC 6962 and `verifyInclusion` read it). */
  readonly proofs: ReadonlyMap<number, readonly Uint8Array[]>;
}

/**
 * 证明收集器 — feed it the leaf hashes `0 … treeSize − 1` in order ({@link push}), marking the
 * leaves whose inclusion proofs are wanted; {@link finish} returns the root and every marked
 * leaf's proof against the tree of `treeSize` leaves. Equal, byte for byte, to
 * `inclusionProof` over the same leaves (property-tested).
 */
export class InclusionProofCollector {
  readonly #treeSize: number;
  readonly #options: { readonly hash: HashAlgorithm };
  readonly #stack: Subtree[] = [];
  readonly #proofs = new Map<number, Uint8Array[]>();
  #count = 0;

  /** A collector for a tree of `treeSize` leaves (a positive safe integer), hashing with `hash`. */
  constructor(treeSize: number, hash: HashAlgorithm) {
    this.#treeSize = treeSize;
    this.#options = { hash };
  }

  /** Leaves pushed so far (= the index the next leaf takes). */
  get count(): number {
    return this.#count;
  }

  /** Appends the next leaf hash; `target`: collect this leaf's proof. Ignored beyond `treeSize`. */
  push(leafHash: Uint8Array, target = false): void {
    if (this.#count >= this.#treeSize) return;
    const index = this.#count++;
    if (target) this.#proofs.set(index, []);
    let top: Subtree = { size: 1, hash: leafHash, targets: target ? [index] : [] };
    for (;;) {
      const below = this.#stack.at(-1);
      if (below === undefined || below.size !== top.size) break;
      this.#stack.pop();
      top = this.#merge(below, top);
    }
    this.#stack.push(top);
  }

  #merge(left: Subtree, right: Subtree): Subtree {
    for (const t of left.targets) this.#proofs.get(t)?.push(right.hash);
    for (const t of right.targets) this.#proofs.get(t)?.push(left.hash);
    const targets = left.targets.length === 0 ? right.targets : [...left.targets, ...right.targets];
    return {
      size: left.size + right.size,
      hash: merkleNodeHash(left.hash, right.hash, this.#options),
      targets,
    };
  }

  /**
   * The root and the proofs, once exactly `treeSize` leaves were pushed; else
   * `MERKLE_TREE_SIZE_INVALID` naming how many came.
   */
  finish(): Result<CollectedProofs, SanxiangError> {
    if (this.#count !== this.#treeSize || this.#treeSize === 0) {
      return err(
        sanxiangError(
          "MERKLE_TREE_SIZE_INVALID",
          `日志只读到 ${this.#count} 个叶子，签名树头的大小为 ${this.#treeSize}`,
          {
            details: { read: this.#count, treeSize: this.#treeSize },
          },
        ),
      );
    }
    let acc = this.#stack.pop() as Subtree;
    for (let left = this.#stack.pop(); left !== undefined; left = this.#stack.pop()) acc = this.#merge(left, acc);
    return ok({ rootHash: acc.hash, proofs: this.#proofs });
  }
}
