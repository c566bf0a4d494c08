/**
 * 默克尔节点存储 — where a {@link MerkleLog} keeps its hashes. Level 0 holds the leaf hashes
 * in order; level `h` holds the roots of the complete subtrees of 2^h leaves, node `i`
 * covering leaves `[i·2^h, (i+1)·2^h)`. Because the log is append-only, so is every level:
 * a node, once written, never changes, and for a log of `n` leaves level `h` holds exactly
 * `⌊n / 2^h⌋` nodes.
 *
 * The interface is synchronous on purpose: core does no I/O. A store adapter either backs
 * it with a synchronous driver inside its transaction, or loads the nodes it needs into a
 * {@link memoryMerkleNodeStore} and persists the ones `append` wrote in the same transaction
 * as the events they hash.
 */
export interface MerkleNodeStore {
  /** How many nodes `level` holds. */
  count(level: number): number;
  /** The node at `(level, index)`, or `undefined` when not (yet) stored. */
  get(level: number, index: number): Uint8Array | undefined;
  /**
   * Appends the next node of `level` (its index is `count(level)` before the call). The
   * log hands over a hash it will not modify; the store may keep it without copying.
   */
  append(level: number, hash: Uint8Array): void;
}

/**
 * An in-memory {@link MerkleNodeStore}: one array per level. The default for a new log,
 * and the cache an asynchronous store adapter can fill before handing it to
 * {@link MerkleLog.open}.
 */
export function memoryMerkleNodeStore(): MerkleNodeStore {
  const levels: Uint8Array[][] = [];
  return {
    count: (level) => levels[level]?.length ?? 0,
    get: (level, index) => levels[level]?.[index],
    append(level, hash) {
      let nodes = levels[level];
      if (nodes === undefined) {
        nodes = [];
        levels[level] = nodes;
      }
      nodes.push(hash);
    },
  };
}
