// 默克尔子树段 — the stored subtrees read a run of one level at a time (readMerkleNodeRuns):
// one aggregate row a run — how many nodes, the first and last index, how many are BLOBs of
// the hash's length, and the hashes end to end — instead of a row and a buffer a node. What
// the verifier compares every stored node through, in the calling thread or on the read-ahead
// worker (which runs `packedNodeRun` from its source text).

/**
 * A run of one level (≥ 1) in one row: `count(*)`, `min(idx)`, `max(idx)`, the nodes that are
 * BLOBs of `?` bytes, and their hashes end to end. Parameters, in order: hash length, level,
 * first index, last index. The hashes come in index order because the rows are read by a
 * range scan of the primary key `(level, idx)` (a WITHOUT ROWID table: the key is the table);
 * an `ORDER BY idx` inside the aggregate made SQLite sort every run (≈ 3× the read, measured),
 * and a subquery's `ORDER BY` guarantees no more. An order other than the index's could only
 * make a comparison fail (a node named different), never pass: each node is compared with its
 * own recomputation, at its own offset.
 */
export const NODE_RUN_SQL =
  "SELECT count(*), min(idx), max(idx), sum(typeof(hash) = 'blob' AND length(hash) = ?), CAST(group_concat(hash, x'') AS BLOB) FROM merkle_nodes WHERE level = ? AND idx BETWEEN ? AND ?";

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
