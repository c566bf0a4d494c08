// 结构迁移 — the schema brought up to date inside the opening transaction, the hash algorithm
// fixed or checked, and the Merkle subtrees of an older store computed once.
import {
  extendMerkleFrontierNodes,
  type HashAlgorithmName,
  HashAlgorithmNameSchema,
  hashAlgorithm,
  type MerkleFrontier,
  type SanxiangError,
  sanxiangError,
  storeCorrupt,
} from "@sanxiang/core";
import type Database from "better-sqlite3";
import { blob, bytesOf, Refusal } from "./driver.js";
import { MIGRATIONS, SCHEMA_MIGRATIONS_TABLE, SQLITE_SCHEMA_VERSION } from "./schema.js";

/** Brings the schema up to date and fixes the hash algorithm; runs inside the opening transaction. */
export function migrate(db: Database.Database, requested: HashAlgorithmName | undefined): HashAlgorithmName {
  db.exec(SCHEMA_MIGRATIONS_TABLE);
  const current = (db.prepare("SELECT max(version) FROM schema_migrations").pluck().get() as number | null) ?? 0;
  if (current > SQLITE_SCHEMA_VERSION) throw new Refusal(schemaTooNew(current));
  const record = db.prepare<[number, string]>("INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    db.exec(m.sql);
    record.run(m.version, m.name);
  }
  const stored = db.prepare("SELECT value FROM meta WHERE key = 'hash_algorithm'").pluck().get() as string | undefined;
  if (stored === undefined) {
    const name = requested ?? "sha256";
    db.prepare("INSERT INTO meta (key, value) VALUES ('hash_algorithm', ?)").run(name);
    return name;
  }
  const parsed = HashAlgorithmNameSchema.safeParse(stored);
  if (!parsed.success) throw new Refusal(storeCorrupt(`数据库记载的哈希算法 ${stored} 无法识别`, { stored }));
  if (requested !== undefined && requested !== parsed.data) {
    throw new Refusal(
      sanxiangError("INVALID_INPUT", `该存储创建时使用 ${parsed.data} 哈希算法，不能以 ${requested} 打开`, {
        details: { stored: parsed.data, requested },
      }),
    );
  }
  if (current > 0 && current < 3) backfillMerkleNodes(db, parsed.data);
  return parsed.data;
}

/**
 * Migration 3 on a store that already has events: its interior Merkle nodes computed from the
 * stored leaf hashes, in pages, inside the opening transaction (a million events: a few
 * seconds, once). The leaves are not checked here; `verifyEventStore` checks them and the nodes.
 */
export function backfillMerkleNodes(db: Database.Database, name: HashAlgorithmName): void {
  const hash = hashAlgorithm(name);
  if (hash.isErr()) throw new Refusal(hash.error);
  const page = db.prepare<[number, number], { position: number; leaf_hash: unknown }>(
    "SELECT position, leaf_hash FROM events WHERE position > ? ORDER BY position LIMIT ?",
  );
  const insert = db.prepare<[number, number, Buffer]>("INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)");
  let frontier: MerkleFrontier = { treeSize: 0, nodes: [] };
  for (;;) {
    const rows = page.all(frontier.treeSize, 10_000);
    if (rows.length === 0) return;
    const leaves: Uint8Array[] = [];
    for (const row of rows) {
      const leaf = bytesOf(row.leaf_hash);
      if (row.position !== frontier.treeSize + leaves.length + 1 || leaf === null) {
        // Not a log that can be given subtrees: left for verify to report.
        return;
      }
      leaves.push(leaf);
    }
    const next = extendMerkleFrontierNodes(frontier, leaves, { hash: hash.value });
    if (next.isErr()) return;
    for (const n of next.value.nodes) insert.run(n.level, n.index, blob(n.hash));
    frontier = next.value.frontier;
  }
}

export function schemaTooNew(version: number): SanxiangError {
  return sanxiangError(
    "STORE_UNAVAILABLE",
    `数据库结构版本为 ${version}，高于本程序支持的 ${SQLITE_SCHEMA_VERSION}：请升级 sanxiang`,
    {
      details: { schemaVersion: version, supported: SQLITE_SCHEMA_VERSION },
    },
  );
}
