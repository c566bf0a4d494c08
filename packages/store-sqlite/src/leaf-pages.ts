// 核验分页 — the verifier's pages (readLeaves) read packed: the SQL of a page in one row, its
// size in one walk, the events' lengths one by one, and a packed page's leaves as views.
import type { StoredLeaf } from "@sanxiang/core";
import type { PackedPage } from "./read-ahead.js";

// The verifier's page in one row: SQLite steps through the page's rows in C and hands out
// seven values instead of six a row (better-sqlite3's per-row cost dominated the fast path):
// the rows' count, how many have every column of its type (leaf hash a BLOB of the hash's
// length, seq an INTEGER, case id and type TEXT, JSON not NULL), the events' stored JSON bytes
// joined by 0x0A (`CAST(json AS BLOB)`, so no UTF-8 decoding; canonical JSON never holds a
// raw 0x0A, so a page whose JSON splits into any other number of pieces is read row by row),
// the leaf hashes end to end, the seqs comma-separated, the case ids and the types each
// joined by `\n` (split likewise). It reads the positions after+1 … end: the count tells
// that all are there (the INTEGER PRIMARY KEY makes them unique), so no position is listed.
// The aggregates run over one walk of the table's rowid range — in position order, `NOT
// INDEXED` keeping the planner (and any sqlite_stat1 in the file) from another — so the
// i-th piece of every column is the row at after+i (a subquery with ORDER BY cost ≈ 20 %
// more: its rows copied through a co-routine). Were the order ever another, the leaves would
// stay whole rows and the recomputed root would fail: never a pass. Anything else is read
// row by row (see packedPage in read-ahead.ts).
export const packedLeavesSql = (hashLength: number) => `SELECT count(*),
  total(json IS NOT NULL AND typeof(leaf_hash) = 'blob' AND length(leaf_hash) = ${hashLength}
    AND typeof(seq) = 'integer' AND typeof(case_id) = 'text' AND typeof(type) = 'text'),
  CAST(group_concat(CAST(json AS BLOB), x'0a') AS BLOB),
  CAST(group_concat(leaf_hash, x'') AS BLOB),
  group_concat(seq),
  group_concat(case_id, char(10)),
  group_concat(type, char(10))
FROM events NOT INDEXED WHERE position > ? AND position <= ?`;

// The page's size in one cheap walk (octet_length reads a value's length from the row's
// header, not the value): the count, the non-NULL JSONs and their bytes of the positions
// after+1 … after+limit. When all are there and below READ_LEAVES_PAGE_BYTES, the page is all
// of them; else LEAF_LENGTHS_SQL ends it event by event.
export const LEAF_BYTES_SQL =
  "SELECT count(*), count(json), sum(octet_length(json)) FROM events NOT INDEXED WHERE position > ? AND position <= ?";

// The stored byte lengths of a page's events, comma-separated (`x` for a NULL), to end the
// page by bytes (READ_LEAVES_PAGE_BYTES).
export const LEAF_LENGTHS_SQL =
  "SELECT group_concat(ifnull(length(CAST(json AS BLOB)), 'x')) FROM (SELECT json FROM events WHERE position > ? ORDER BY position LIMIT ?)";

/**
 * A packed page's leaves (read in this thread or by the read-ahead worker), as views into its
 * buffers, or `null` when the page must be read row by row: a case id or a type holding a
 * `\n` (the texts then split into more pieces than events).
 */
export function leavesOfPage(page: PackedPage, after: number): StoredLeaf[] | null {
  const { count, table } = page;
  if (count < 1 || table.length !== 2 * count) return null;
  const ids = page.ids.split("\n");
  const types = page.types.split("\n");
  if (ids.length !== count || types.length !== count) return null;
  // Plain Uint8Array views of the driver's Buffers: their subarray (two an event) makes no
  // Buffer, whose construction in JavaScript cost more than the view.
  const json = new Uint8Array(page.json.buffer, page.json.byteOffset, page.json.length);
  const hashes = new Uint8Array(page.hashes.buffer, page.hashes.byteOffset, page.hashes.length);
  const n = hashes.length / count;
  const leaves: StoredLeaf[] = new Array(count);
  for (let i = 0, at = 0; i < count; i++) {
    const end = table[2 * i] as number;
    leaves[i] = {
      position: after + i + 1,
      caseId: ids[i] as string,
      seq: table[2 * i + 1] as number,
      type: types[i] as string,
      bytes: json.subarray(at, end),
      leafHash: hashes.subarray(i * n, i * n + n),
    };
    at = end + 1;
  }
  return leaves;
}
