// 结构迁移 — the schema brought up to date under an advisory lock, and the Merkle subtrees of
// an older store computed once.
import {
  err,
  extendMerkleFrontierNodes,
  type HashAlgorithm,
  hashAlgorithm,
  type MerkleFrontier,
  type MerkleNode,
  ok,
  type Projection,
  type Result,
  type SanxiangError,
  sanxiangError,
  storeCorrupt,
  storeHashAlgorithm,
} from "@sanxiang/core";
import type pg from "pg";
import { ident, migrationsAfter, SCHEMA_VERSION } from "./schema.js";
import { bytes, Params, type Queryable } from "./support.js";
import { readHead, rebuildIn, runStatements, transaction } from "./transaction.js";

/**
 * Opening: in one transaction under an advisory lock on the schema's name (several nodes may
 * start at once), create the schema and apply the missing migrations, settle the hash
 * algorithm, and rebuild projections whose version changed.
 */
export async function migrate(
  pool: pg.Pool,
  schema: string,
  requested: HashAlgorithm | undefined,
  projections: readonly Projection[],
): Promise<Result<{ hash: HashAlgorithm; schemaVersion: number }, SanxiangError>> {
  const S = ident(schema);
  return transaction(
    pool,
    async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`sanxiang:${schema}`]);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${S}`);
      await client.query(
        `CREATE TABLE IF NOT EXISTS ${S}.schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
      );
      const current = await client.query(`SELECT coalesce(max(version), 0) AS version FROM ${S}.schema_migrations`);
      const version = Number(current.rows[0]?.version ?? 0);
      if (version > SCHEMA_VERSION) {
        return err(
          sanxiangError(
            "STORE_UNAVAILABLE",
            `数据库结构版本 ${version} 高于本程序支持的 ${SCHEMA_VERSION}，请升级 sanxiang`,
            {
              details: { schema, schemaVersion: version, supported: SCHEMA_VERSION },
            },
          ),
        );
      }
      for (const m of migrationsAfter(version, schema)) {
        for (const statement of m.statements) await client.query(statement);
        await client.query(`INSERT INTO ${S}.schema_migrations (version) VALUES ($1)`, [m.version]);
      }
      const backfill = version > 0 && version < 3;
      const stored = await client.query(`SELECT value FROM ${S}.meta WHERE key = 'hash'`);
      let hash: HashAlgorithm;
      const storedName: unknown = stored.rows[0]?.value;
      if (storedName === undefined) {
        hash = requested ?? storeHashAlgorithm("sha256");
        await client.query(`INSERT INTO ${S}.meta (key, value) VALUES ('hash', $1)`, [hash.name]);
      } else {
        const h = hashAlgorithm(storedName);
        if (h.isErr()) return err(storeCorrupt("存储的哈希算法无效", { hash: String(storedName) }));
        if (requested !== undefined && requested.name !== h.value.name) {
          return err(
            sanxiangError("INVALID_INPUT", `该存储的默克尔日志使用 ${h.value.name}，不能以 ${requested.name} 打开`, {
              details: { stored: h.value.name, requested: requested.name },
            }),
          );
        }
        hash = h.value;
      }
      if (backfill) await backfillMerkleNodes(client, S, hash);
      const versions = await client.query(`SELECT projection, version FROM ${S}.projection_versions`);
      const have = new Map(versions.rows.map((r) => [String(r.projection), Number(r.version)]));
      const stale = have.size !== projections.length || projections.some((p) => have.get(p.name) !== p.version);
      if (stale) {
        const head = await readHead(client, S, hash, true);
        if (head.isErr()) return err(head.error);
        const rebuilt = await rebuildIn(client, S, hash, projections);
        if (rebuilt.isErr()) return err(rebuilt.error);
      }
      return ok({ hash, schemaVersion: SCHEMA_VERSION });
    },
    "打开 PostgreSQL 事件存储",
  );
}

/** The statement inserting completed Merkle nodes (one `unnest`). */
export function nodeInsert(S: string, nodes: readonly MerkleNode[], params: Params): string {
  return (
    `INSERT INTO ${S}.merkle_nodes (level, idx, hash) SELECT * FROM unnest(` +
    `${params.add(nodes.map((n) => n.level))}::smallint[], ${params.add(nodes.map((n) => n.index))}::bigint[], ` +
    `${params.add(nodes.map((n) => n.hash))}::bytea[])`
  );
}

/**
 * Migration 3 on a store that already has events: its interior Merkle nodes computed from the
 * stored leaf hashes, in pages, in the opening transaction (once). The leaves are not checked
 * here; `verifyEventStore` checks them and the nodes.
 */
export async function backfillMerkleNodes(client: Queryable, S: string, hash: HashAlgorithm): Promise<void> {
  let frontier: MerkleFrontier = { treeSize: 0, nodes: [] };
  for (;;) {
    const r = await client.query(
      `SELECT position, leaf_hash FROM ${S}.events WHERE position > $1::bigint ORDER BY position LIMIT 10000`,
      [frontier.treeSize],
    );
    if (r.rows.length === 0) return;
    const leaves: Uint8Array[] = [];
    for (const row of r.rows) {
      // A log that cannot be given subtrees (gaps, a bad hash) is left for verify to report.
      if (Number(row.position) !== frontier.treeSize + leaves.length + 1) return;
      leaves.push(bytes(row.leaf_hash));
    }
    const next = extendMerkleFrontierNodes(frontier, leaves, { hash });
    if (next.isErr()) return;
    if (next.value.nodes.length > 0) {
      const params = new Params();
      await runStatements(client, [nodeInsert(S, next.value.nodes, params)], params);
    }
    frontier = next.value.frontier;
  }
}
