// 行解码 — rows read back as the port's values: events (their columns checked against the
// hashed JSON), the log head, signed tree heads and projection rows.
import {
  decodeMerkleFrontier,
  decodeStoredEvent,
  err,
  type HashAlgorithm,
  type MerkleFrontier,
  ok,
  type ProjectionRow,
  type Result,
  type SanxiangError,
  type SignedTreeHead,
  type StoredEvent,
  signedTreeHeadFromJson,
  storeCorrupt,
} from "@sanxiang/core";
import { bytes, count } from "./support.js";

export function headFromRow(
  row: Record<string, unknown> | undefined,
  hash: HashAlgorithm,
): Result<MerkleFrontier, SanxiangError> {
  if (row === undefined) return err(storeCorrupt("日志头缺失"));
  const size = count(row.tree_size, "treeSize");
  if (size.isErr()) return err(size.error);
  const frontier = decodeMerkleFrontier(size.value, bytes(row.frontier), { hash });
  return frontier.isErr()
    ? err(storeCorrupt("日志头的默克尔前沿已损坏", { treeSize: size.value }, frontier.error))
    : ok(frontier.value);
}

/** The event columns every read selects: the JSON and its leaf hash, and the columns kept beside them. */
export const EVENT_COLUMNS = "position, case_id, seq, type, json, leaf_hash";

/**
 * Decodes an event row ({@link EVENT_COLUMNS}). The columns kept beside the JSON — what
 * `load` selects and orders by — must say what the hashed JSON says: a changed `case_id`
 * would otherwise move an event to another stream unseen, a changed `seq` reorder one.
 */
export function decodeRow(row: Record<string, unknown>, hash: HashAlgorithm): Result<StoredEvent, SanxiangError> {
  const position = count(row.position, "position");
  if (position.isErr()) return err(position.error);
  if (typeof row.json !== "string")
    return err(storeCorrupt(`第 ${position.value} 号事件缺失`, { position: position.value }));
  const decoded = decodeStoredEvent({ position: position.value, json: row.json, leafHash: bytes(row.leaf_hash) }, hash);
  if (decoded.isErr()) return decoded;
  const e = decoded.value.event;
  if (row.case_id !== e.caseId || String(row.seq) !== String(e.seq) || row.type !== e.type) {
    return err(
      storeCorrupt(
        `第 ${position.value} 号事件（案件 ${e.caseId} 第 ${e.seq} 号）的内容与其案件编号、序号或类型列不一致`,
        {
          position: position.value,
          caseId: e.caseId,
          seq: e.seq,
          columns: { caseId: String(row.case_id), seq: String(row.seq), type: String(row.type) },
        },
      ),
    );
  }
  return decoded;
}

export function decodeSignedHeadRow(row: Record<string, unknown>): Result<SignedTreeHead, SanxiangError> {
  let json: unknown;
  try {
    json = JSON.parse(String(row.head));
  } catch (cause) {
    return err(storeCorrupt("保存的签名树头无法解析", { treeSize: String(row.tree_size) }, cause));
  }
  const h = signedTreeHeadFromJson(json);
  if (h.isErr() || h.value.treeSize !== Number(row.tree_size)) {
    return err(storeCorrupt("保存的签名树头已损坏", { treeSize: String(row.tree_size) }));
  }
  return ok(h.value);
}

/** Every row decoded, or the first that cannot be (`STORE_CORRUPT`). */
export function decodeProjectionRows(rows: readonly Record<string, unknown>[]): Result<ProjectionRow[], SanxiangError> {
  const out: ProjectionRow[] = [];
  for (const row of rows) {
    const decoded = decodeProjectionRow(row);
    if (decoded.isErr()) return err(decoded.error);
    out.push(decoded.value);
  }
  return ok(out);
}

export function decodeProjectionRow(row: Record<string, unknown>): Result<ProjectionRow, SanxiangError> {
  const key = String(row.key);
  let value: unknown;
  try {
    value = JSON.parse(String(row.value));
  } catch (cause) {
    return err(storeCorrupt(`投影行 ${key} 的值无法解析`, { projection: String(row.projection), key }, cause));
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return err(storeCorrupt(`投影行 ${key} 的值不是对象`, { projection: String(row.projection), key }));
  }
  const n = Number(row.count);
  const position = count(row.position, "position");
  if (!Number.isSafeInteger(n) || position.isErr()) {
    return err(storeCorrupt(`投影行 ${key} 的计数或位置无效`, { projection: String(row.projection), key }));
  }
  return ok({
    projection: String(row.projection),
    key,
    sortKey: row.sort_key === null ? null : String(row.sort_key),
    value: value as Record<string, unknown>,
    count: n,
    position: position.value,
  });
}
