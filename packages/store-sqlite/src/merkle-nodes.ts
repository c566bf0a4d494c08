// 默克尔子树段 — the stored subtrees read a run of one level at a time (readMerkleNodeRuns):
// one aggregate row a run — how many nodes, the first and last index, how many are BLOBs of
// the hash's length, and the hashes end to end — instead of a row and a buffer a node. What
// the verifier compares every stored node through, in the calling thread or on the read-ahead
// worker (which runs `packedNodeRun` from its source text).

/**
 * A run of one level (≥ 1) in one row: `count(*)`, `min(idx)`, `max(idx)`, the nodes that are
 * BLOBs of `?1` bytes, and their hashes end to end in index order (the aggregate reads the
 * primary key `(level, idx)` in order; `ORDER BY idx` inside it makes the order part of the
 * query, not of the plan). Parameters, in order: hash length, level, first index, last index.
 */
export const NODE_RUN_SQL =
  "SELECT count(*), min(idx), max(idx), sum(typeof(hash) = 'blob' AND length(hash) = ?), CAST(group_concat(hash, x'' ORDER BY idx) AS BLOB) FROM merkle_nodes WHERE level = ? AND idx BETWEEN ? AND ?";

/**
 * The run's hashes from its {@link NODE_RUN_SQL} row, or `null` when the row does not prove
 * that all `count` nodes from `first` are there, each a BLOB of `hashLength` bytes — then the
 * caller reads the run node by node and names what is wrong. Self-contained: it also runs
 * inside the read-ahead worker (as its source text).
 */
export function packedNodeRun(row: unknown, first: number, count: number, hashLength: number): Uint8Array | null {
  if (!Array.isArray(row) || row.length !== 5) return null;
  const [n, min, max, typed, hashes] = row as unknown[];
  if (
    n !== count ||
    min !== first ||
    max !== first + count - 1 ||
    typed !== count ||
    !(hashes instanceof Uint8Array) ||
    hashes.length !== count * hashLength
  ) {
    return null;
  }
  return hashes;
}
