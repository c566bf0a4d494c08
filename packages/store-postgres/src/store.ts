// PostgreSQL 事件存储 — the EventStore port over PostgreSQL (pg 8): the events, their Merkle
// leaves, the new log frontier and the projection rows written in one transaction; appends
// serialised on the one head row so positions stay dense; optimistic concurrency checked under
// that lock with UNIQUE(case_id, seq) as the backstop; LISTEN/NOTIFY to wake subscriptions,
// with a poll as fallback. Every driver failure is an `Err` (STORE_UNAVAILABLE), never a throw.
import {
  type AppendReceipt,
  checkAfterVersion,
  checkCaseId,
  checkMerkleNodeRefs,
  checkMerkleNodeRuns,
  checkProjectionKey,
  checkProjectionName,
  checkProjectionQuery,
  checkProjections,
  checkReadAllOptions,
  checkReadProjectionRowsOptions,
  concurrencyConflict,
  defaultProjections,
  EVENT_STORE_SPECIFICATION_VERSION,
  type EventLogHead,
  type EventStore,
  type EventSubscription,
  encodeMerkleFrontier,
  epochMillis,
  err,
  extendMerkleFrontierNodes,
  frontierTreeHead,
  type HashAlgorithm,
  type HashAlgorithmName,
  type MerkleNodeRun,
  ok,
  type PreparedAppend,
  type Projection,
  prepareAppend,
  READ_LEAVES_PAGE_BYTES,
  type Result,
  runSubscription,
  type SanxiangError,
  type SignedTreeHead,
  SignedTreeHeadSchema,
  type StoredEvent,
  type StoredLeaf,
  type StreamLeaf,
  sanxiangError,
  signedTreeHeadToJson,
  storeClosed,
  storeCorrupt,
  storeHashAlgorithm,
  streamVersionMismatch,
  toHex,
} from "@sanxiang/core";
import pg from "pg";
import {
  decodeProjectionRow,
  decodeProjectionRows,
  decodeRow,
  decodeSignedHeadRow,
  EVENT_COLUMNS,
  headFromRow,
} from "./decode.js";
import { Listener } from "./listener.js";
import { migrate, nodeInsert } from "./migrate.js";
import { collapseWrites } from "./net-writes.js";
import { channelOf, ident, SCHEMA_NAME, SCHEMA_VERSION } from "./schema.js";
import { bytes, count, ignore, keyTooLong, Params, sqlState, storable, tooLong, unstorable } from "./support.js";
import {
  type Connection,
  projectionStatements,
  query,
  readHead,
  rebuildIn,
  runStatements,
  transaction,
} from "./transaction.js";

/** Options of {@link openPostgresStore}. */
export interface PostgresStoreOptions {
  /** 连接串 — `postgres://user@host:5432/db`; or give {@link PostgresStoreOptions.pool}. */
  readonly connectionString?: string;
  /**
   * 连接池 — an application's own `pg.Pool` (then {@link EventStore.close} does not end it).
   * Subscriptions open one extra client with the pool's connection options for LISTEN.
   */
  readonly pool?: pg.Pool;
  /** The PostgreSQL schema holding the store's tables (default `"sanxiang"`; `[a-z_][a-z0-9_]*`, ≤ 48 characters). */
  readonly schema?: string;
  /**
   * Hash algorithm of the Merkle log. Fixed when the store is created: opening an existing
   * store with another one is `INVALID_INPUT`; left out, the stored one is used (`sha256` for a new store).
   */
  readonly hash?: HashAlgorithmName;
  /** Projections to maintain (default `defaultProjections()`); a changed version is rebuilt on opening. */
  readonly projections?: readonly Projection[];
  /** Connections of the pool this store creates (default 10; ignored with `pool`). */
  readonly poolSize?: number;
  /** Fallback poll of subscriptions in milliseconds, when no notification arrives (default 1 000). */
  readonly pollIntervalMs?: number;
}

/** PostgreSQL 事件存储 — an {@link EventStore} in a PostgreSQL schema. */
export interface PostgresEventStore extends EventStore {
  /** The PostgreSQL schema holding the store's tables. */
  readonly schema: string;
  /** The version of the store's table layout (`schema_migrations`). */
  readonly schemaVersion: number;
}

/** The schema version this release of the adapter creates and reads. */
export const POSTGRES_SCHEMA_VERSION: number = SCHEMA_VERSION;

function checkOptions(
  options: PostgresStoreOptions,
): Result<{ schema: string; poolSize: number; pollIntervalMs: number }, SanxiangError> {
  const bad = (message: string, details: Record<string, unknown>) =>
    err(sanxiangError("INVALID_INPUT", message, { details }));
  if (typeof options !== "object" || options === null) return bad("PostgreSQL 存储选项应为对象", {});
  const schema = options.schema ?? "sanxiang";
  if (typeof schema !== "string" || !SCHEMA_NAME.test(schema) || schema.startsWith("pg_")) {
    return bad("PostgreSQL 模式名应为小写标识符（[a-z_][a-z0-9_]*，至多 48 个字符，不以 pg_ 开头）", {
      schema: String(schema),
    });
  }
  if (options.pool === undefined && typeof options.connectionString !== "string") {
    return bad("需要 connectionString 或 pool 之一", {});
  }
  const poolSize = options.poolSize ?? 10;
  if (!Number.isSafeInteger(poolSize) || poolSize < 1)
    return bad("poolSize 应为正整数", { poolSize: String(poolSize) });
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  if (!Number.isSafeInteger(pollIntervalMs) || pollIntervalMs < 1) {
    return bad("pollIntervalMs 应为正整数", { pollIntervalMs: String(pollIntervalMs) });
  }
  return ok({ schema, poolSize, pollIntervalMs });
}

/**
 * 打开 PostgreSQL 事件存储 — connects, creates or migrates the store's schema (in one
 * transaction under an advisory lock, so several nodes may open it at once), and returns the
 * store. Capabilities: durable, several writers (processes or handles) at once, push
 * subscriptions (LISTEN/NOTIFY with a poll fallback).
 *
 * `Err`: `INVALID_INPUT` for bad options or a hash algorithm other than the store's;
 * `STORE_UNAVAILABLE` when the database cannot be reached or its schema was made by a newer
 * release (details: `schemaVersion`, `supported` — the schema is then left untouched);
 * `STORE_CORRUPT` when stored metadata cannot be read. A bad projection list or hash name is
 * a programmer error and throws.
 */
export async function openPostgresStore(
  options: PostgresStoreOptions,
): Promise<Result<PostgresEventStore, SanxiangError>> {
  const checked = checkOptions(options);
  if (checked.isErr()) return err(checked.error);
  const { schema, poolSize, pollIntervalMs } = checked.value;
  const requested = options.hash === undefined ? undefined : storeHashAlgorithm(options.hash);
  const projections = checkProjections(options.projections ?? defaultProjections());
  const connection: Connection =
    options.pool === undefined
      ? (() => {
          const clientConfig = { connectionString: options.connectionString as string };
          return { pool: new pg.Pool({ ...clientConfig, max: poolSize }), owned: true, clientConfig };
        })()
      : { pool: options.pool, owned: false, clientConfig: { ...options.pool.options } };
  const { pool } = connection;
  // An idle pooled client whose connection breaks emits "error" on the pool: handled, so the
  // process never dies of it; the next call gets a fresh connection or an Err.
  pool.on("error", ignore);
  const opened = await migrate(pool, schema, requested, projections);
  if (opened.isErr()) {
    pool.off("error", ignore);
    if (connection.owned) await pool.end().catch(ignore);
    return err(opened.error);
  }
  return ok(
    createStore(connection, schema, opened.value.hash, opened.value.schemaVersion, projections, pollIntervalMs),
  );
}

function createStore(
  connection: Connection,
  schema: string,
  hash: HashAlgorithm,
  schemaVersion: number,
  projections: readonly Projection[],
  pollIntervalMs: number,
): PostgresEventStore {
  const { pool } = connection;
  const S = ident(schema);
  const listener = new Listener(connection.clientConfig, channelOf(schema));
  const subscriptions = new Set<EventSubscription>();
  let closed = false;
  const closedErr = () => Promise.resolve(err(storeClosed()));

  const conflict = async (p: PreparedAppend): Promise<Result<AppendReceipt, SanxiangError>> => {
    const r = await query(pool, `SELECT coalesce(max(seq), 0) AS version FROM ${S}.events WHERE case_id = $1`, [
      p.caseId,
    ]);
    if (r.isErr()) return err(r.error);
    return err(concurrencyConflict(p.caseId, p.expectedVersion, Number(r.value.rows[0]?.version ?? 0)));
  };

  /** The first node of `run` with no row (a run read short): what its STORE_CORRUPT names. */
  const missingNode = async (run: MerkleNodeRun): Promise<Result<number, SanxiangError>> => {
    const r = await query(
      pool,
      "SELECT min(g) AS idx FROM generate_series($2::bigint, $2::bigint + $3::bigint - 1) g " +
        `WHERE NOT EXISTS (SELECT 1 FROM ${S}.events e WHERE $1::smallint = 0 AND e.position = g + 1) ` +
        `AND NOT EXISTS (SELECT 1 FROM ${S}.merkle_nodes n WHERE $1::smallint > 0 AND n.level = $1 AND n.idx = g)`,
      [run.level, run.first, run.count],
    );
    if (r.isErr()) return err(r.error);
    const idx: unknown = r.value.rows[0]?.idx;
    return ok(idx === null || idx === undefined ? run.first : Number(idx));
  };

  const store: PostgresEventStore = {
    specificationVersion: EVENT_STORE_SPECIFICATION_VERSION,
    capabilities: { durable: true, multiWriter: true, subscription: "push" },
    hashAlgorithm: hash.name as HashAlgorithmName,
    projections,
    schema,
    schemaVersion,

    async load(caseId, loadOptions) {
      if (closed) return closedErr();
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      const after = checkAfterVersion(loadOptions);
      if (after.isErr()) return err(after.error);
      // One statement (one snapshot): the stream's recorded version, and its rows after `after`
      // (one row of nulls when there are none).
      const r = await query(
        pool,
        `SELECT s.version AS recorded, e.position, e.case_id, e.seq, e.type, e.json, e.leaf_hash ` +
          `FROM (SELECT (SELECT version FROM ${S}.streams WHERE case_id = $1) AS version) s ` +
          `LEFT JOIN ${S}.events e ON e.case_id = $1 AND e.seq > $2::bigint ORDER BY e.seq`,
        [id.value, after.value],
      );
      if (r.isErr()) return err(r.error);
      const events = [];
      let want = after.value + 1;
      for (const row of r.value.rows) {
        if (row.position === null) continue;
        const stored = decodeRow(row, hash);
        if (stored.isErr()) return err(stored.error);
        const e = stored.value.event;
        if (e.caseId !== id.value || e.seq !== want || Number(row.seq) !== want) {
          return err(
            storeCorrupt(`案件 ${id.value} 的第 ${want} 号事件与存储的记录不符`, {
              caseId: id.value,
              seq: want,
              position: stored.value.position,
            }),
          );
        }
        events.push(e);
        want++;
      }
      // The stream's version is kept apart from its rows: rows cut from the end of a stream
      // (deleted, or moved to another case id) leave it beyond the last row found.
      const recorded = count(r.value.rows[0]?.recorded ?? 0, "version");
      if (recorded.isErr()) return err(recorded.error);
      const last = want - 1;
      if (last !== Math.max(recorded.value, after.value))
        return err(streamVersionMismatch(id.value, recorded.value, last));
      return ok(events);
    },

    async append(caseId, expectedVersion, events) {
      if (closed) return closedErr();
      const prepared = prepareAppend(caseId, expectedVersion, events, { hash, projections });
      if (prepared.isErr()) return err(prepared.error);
      const p = prepared.value;
      for (const e of p.events) {
        for (const { write } of e.writes) {
          if (!storable(write.key)) return err(unstorable("投影行的键", write.key));
          if (write.op === "put" && !storable(write.sortKey))
            return err(unstorable("投影行的排序键", write.sortKey ?? ""));
          // A B-tree entry holds at most about 2.7 KB: a longer key could never be stored.
          if (tooLong(write.key)) return err(keyTooLong("投影行的键", write.key));
          if (write.op === "put" && tooLong(write.sortKey))
            return err(keyTooLong("投影行的排序键", write.sortKey ?? ""));
        }
      }
      if (p.events.length === 0) {
        // Only the version check; one statement reads version and head from one snapshot.
        const r = await query(
          pool,
          `SELECT (SELECT coalesce(max(seq), 0) FROM ${S}.events WHERE case_id = $1) AS version, tree_size, frontier FROM ${S}.log_head WHERE id`,
          [p.caseId],
        );
        if (r.isErr()) return err(r.error);
        const row = r.value.rows[0];
        const version = Number(row?.version ?? 0);
        if (version !== p.expectedVersion) return err(concurrencyConflict(p.caseId, p.expectedVersion, version));
        const head = headFromRow(row, hash);
        return head.isErr() ? err(head.error) : ok({ version, treeHead: frontierTreeHead(head.value, { hash }) });
      }
      const r = await transaction(
        pool,
        async (client, locked) => {
          const head = headFromRow(locked[0], hash);
          if (head.isErr()) return err(head.error);
          const version = Number(locked[0]?.version ?? 0);
          if (version !== p.expectedVersion) return err(concurrencyConflict(p.caseId, p.expectedVersion, version));
          const extended = extendMerkleFrontierNodes(
            head.value,
            p.events.map((e) => e.leafHash),
            { hash },
          );
          if (extended.isErr()) return err(storeCorrupt("日志头的默克尔前沿已损坏", {}, extended.error));
          const next = { value: extended.value.frontier };
          const nodes = extended.value.nodes;
          const first = head.value.treeSize + 1;
          const positions = p.events.map((_, i) => first + i);
          const params = new Params();
          const statements = [
            `INSERT INTO ${S}.events (position, case_id, seq, type, json, leaf_hash) SELECT * FROM unnest(` +
              `${params.add(positions)}::bigint[], ${params.add(p.events.map((e) => e.event.caseId))}::text[], ` +
              `${params.add(p.events.map((e) => e.event.seq))}::bigint[], ${params.add(p.events.map((e) => e.event.type))}::text[], ` +
              `${params.add(p.events.map((e) => e.json))}::text[], ${params.add(p.events.map((e) => e.leafHash))}::bytea[])`,
            `UPDATE ${S}.log_head SET tree_size = ${params.add(next.value.treeSize)}, frontier = ${params.add(
              encodeMerkleFrontier(next.value),
            )} WHERE id`,
            ...projectionStatements(
              collapseWrites(p.events.map((e, i) => ({ position: positions[i] as number, writes: e.writes }))),
              S,
              params,
            ),
            // The subtrees these leaves complete, in the same statement (readMerkleNodes).
            ...(nodes.length === 0 ? [] : [nodeInsert(S, nodes, params)]),
          ];
          const notify = `SELECT pg_notify(${params.add(channelOf(schema))}, ${params.add(String(next.value.treeSize))})`;
          await runStatements(client, statements, params, notify);
          return ok({ version: p.version, treeHead: frontierTreeHead(next.value, { hash }) });
        },
        "追加事件",
        // The head row lock serialises appends: positions are dense, and the version is read
        // after it. (The version subquery's snapshot may predate a commit made while this
        // statement waited for the lock; it can then only miss an append the caller could not
        // have seen, and the insert hits UNIQUE(case_id, seq): a conflict either way.) Sent
        // with BEGIN, so it carries no parameters: the case id is a checked identifier
        // ([A-Za-z0-9_.:-]) and escaped as a literal besides.
        (client) =>
          `SELECT tree_size, frontier, (SELECT coalesce(max(seq), 0) FROM ${S}.events WHERE case_id = ${client.escapeLiteral(
            p.caseId,
          )}) AS version FROM ${S}.log_head WHERE id FOR UPDATE`,
      );
      if (r.isErr() && sqlState(r.error.cause) === "23505") return conflict(p);
      if (r.isOk()) listener.wakeAll();
      return r;
    },

    async readAll(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      const r = await query(
        pool,
        `SELECT ${EVENT_COLUMNS} FROM ${S}.events WHERE position > $1::bigint ORDER BY position LIMIT $2`,
        [o.value.after, o.value.limit],
      );
      if (r.isErr()) return err(r.error);
      const out: StoredEvent[] = [];
      for (const row of r.value.rows) {
        const stored = decodeRow(row, hash);
        if (stored.isErr()) return err(stored.error);
        out.push(stored.value);
      }
      return ok(out);
    },

    async head(): Promise<Result<EventLogHead, SanxiangError>> {
      if (closed) return closedErr();
      const r = await query(pool, `SELECT tree_size, frontier FROM ${S}.log_head WHERE id`);
      if (r.isErr()) return err(r.error);
      const head = headFromRow(r.value.rows[0], hash);
      return head.isErr()
        ? err(head.error)
        : ok({ position: head.value.treeSize, treeHead: frontierTreeHead(head.value, { hash }) });
    },

    subscribe(subscribeOptions) {
      listener.start();
      // A subscription outlives a broken connection: a failed read is retried on a fresh
      // pooled connection (after 0.1, 0.4, 1.6 s) before the subscription ends with onError.
      const retrying = async <T>(read: () => Promise<Result<T, SanxiangError>>): Promise<Result<T, SanxiangError>> => {
        for (let attempt = 0; ; attempt++) {
          const r = await read();
          if (r.isOk() || closed || attempt === 3 || r.error.code !== "STORE_UNAVAILABLE") return r;
          await listener.wait(100 * 4 ** attempt);
        }
      };
      const sub = runSubscription(
        {
          readAll: (o) => retrying(() => store.readAll(o)),
          position: () =>
            retrying(async () => {
              if (closed) return err(storeClosed());
              const r = await query(pool, `SELECT tree_size FROM ${S}.log_head WHERE id`);
              return r.isErr() ? err(r.error) : count(r.value.rows[0]?.tree_size, "treeSize");
            }),
          waitForMore: (ms) => {
            listener.start();
            return listener.wait(ms ?? pollIntervalMs);
          },
        },
        subscribeOptions,
      );
      const handle: EventSubscription = {
        close: async () => {
          subscriptions.delete(handle);
          await sub.close();
        },
      };
      subscriptions.add(handle);
      return handle;
    },

    async getProjectionRow(projection, key) {
      if (closed) return closedErr();
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const k = checkProjectionKey(key);
      if (k.isErr()) return err(k.error);
      // Such a key can never have been stored.
      if (!storable(k.value)) return ok(null);
      const r = await query(
        pool,
        `SELECT projection, key, sort_key, value, count, position FROM ${S}.projection_rows WHERE projection = $1 AND key = $2`,
        [name.value, k.value],
      );
      if (r.isErr()) return err(r.error);
      const row = r.value.rows[0];
      return row === undefined ? ok(null) : decodeProjectionRow(row);
    },

    async queryProjection(projection, projectionQuery) {
      if (closed) return closedErr();
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const q = checkProjectionQuery(projectionQuery);
      if (q.isErr()) return err(q.error);
      const { keyPrefix, sortKeyFrom, sortKeyTo, limit } = q.value;
      for (const [what, s] of [
        ["keyPrefix", keyPrefix],
        ["sortKeyFrom", sortKeyFrom],
        ["sortKeyTo", sortKeyTo],
      ] as const) {
        if (!storable(s)) return err(unstorable(what, s ?? ""));
      }
      const params = new Params();
      const where = [`projection = ${params.add(name.value)}`];
      if (keyPrefix !== undefined && keyPrefix !== "") where.push(`starts_with(key, ${params.add(keyPrefix)})`);
      if (sortKeyFrom !== undefined) where.push(`sort_key >= ${params.add(sortKeyFrom)} COLLATE "C"`);
      if (sortKeyTo !== undefined) where.push(`sort_key <= ${params.add(sortKeyTo)} COLLATE "C"`);
      const r = await query(
        pool,
        `SELECT projection, key, sort_key, value, count, position FROM ${S}.projection_rows WHERE ${where.join(" AND ")} ` +
          `ORDER BY sort_key COLLATE "C" NULLS LAST, key COLLATE "C" LIMIT ${params.add(limit)}`,
        params.values,
      );
      return r.isErr() ? err(r.error) : decodeProjectionRows(r.value.rows);
    },

    async rebuildProjections() {
      if (closed) return closedErr();
      const r = await transaction(
        pool,
        async (client) => {
          const head = await readHead(client, S, hash, true);
          if (head.isErr()) return err(head.error);
          const rebuilt = await rebuildIn(client, S, hash, projections);
          return rebuilt.isErr() ? err(rebuilt.error) : ok({ events: rebuilt.value });
        },
        "重建投影",
      );
      return r;
    },

    async saveSignedTreeHead(head) {
      if (closed) return closedErr();
      const parsed = SignedTreeHeadSchema.safeParse(head);
      if (!parsed.success) {
        return err(sanxiangError("INVALID_INPUT", "签名树头无效", { details: { issues: parsed.error.issues.length } }));
      }
      const h = parsed.data;
      const size = await query(pool, `SELECT tree_size FROM ${S}.log_head WHERE id`);
      if (size.isErr()) return err(size.error);
      const stored = count(size.value.rows[0]?.tree_size, "treeSize");
      if (stored.isErr()) return err(stored.error);
      // The log only grows, so a head within it now stays within it.
      if (h.treeSize > stored.value) {
        return err(
          sanxiangError("MERKLE_TREE_SIZE_INVALID", `签名树头的大小 ${h.treeSize} 超出日志的 ${stored.value} 个事件`, {
            details: { treeSize: h.treeSize, size: stored.value },
          }),
        );
      }
      // One head per size — core's signedTreeHeadSaveAction, stated as one upsert so that it
      // holds across connections: a new size is inserted; the same root signed later replaces
      // the kept head (a re-signing); anything else changes nothing and is told apart below.
      const inserted = await query(
        pool,
        `INSERT INTO ${S}.signed_tree_heads AS k (tree_size, root_hash, hash_algorithm, signed_at_ms, head) ` +
          `VALUES ($1, $2, $3, $4, $5) ON CONFLICT (tree_size) DO UPDATE ` +
          `SET signed_at_ms = EXCLUDED.signed_at_ms, head = EXCLUDED.head ` +
          `WHERE k.root_hash = EXCLUDED.root_hash AND k.hash_algorithm = EXCLUDED.hash_algorithm ` +
          `AND k.signed_at_ms < EXCLUDED.signed_at_ms RETURNING tree_size`,
        [h.treeSize, h.rootHash, h.hashAlgorithm, epochMillis(h.timestamp), JSON.stringify(signedTreeHeadToJson(h))],
      );
      if (inserted.isErr()) return err(inserted.error);
      if (inserted.value.rows.length > 0) return ok(undefined);
      const kept = await query(
        pool,
        `SELECT root_hash, hash_algorithm FROM ${S}.signed_tree_heads WHERE tree_size = $1`,
        [h.treeSize],
      );
      if (kept.isErr()) return err(kept.error);
      const row = kept.value.rows[0];
      return row !== undefined &&
        toHex(bytes(row.root_hash)) === toHex(h.rootHash) &&
        row.hash_algorithm === h.hashAlgorithm
        ? ok(undefined)
        : err(
            sanxiangError("TREE_HEAD_CONFLICT", `已保存大小为 ${h.treeSize} 而根哈希不同的签名树头`, {
              details: { treeSize: h.treeSize },
            }),
          );
    },

    async latestSignedTreeHead(): Promise<Result<SignedTreeHead | null, SanxiangError>> {
      if (closed) return closedErr();
      const r = await query(pool, `SELECT tree_size, head FROM ${S}.signed_tree_heads ORDER BY tree_size DESC LIMIT 1`);
      if (r.isErr()) return err(r.error);
      const row = r.value.rows[0];
      return row === undefined ? ok(null) : decodeSignedHeadRow(row);
    },

    async signedTreeHeads(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      const r = await query(
        pool,
        `SELECT tree_size, head FROM ${S}.signed_tree_heads WHERE tree_size > $1::bigint ORDER BY tree_size LIMIT $2`,
        [o.value.after, o.value.limit],
      );
      if (r.isErr()) return err(r.error);
      const out: SignedTreeHead[] = [];
      for (const row of r.value.rows) {
        const h = decodeSignedHeadRow(row);
        if (h.isErr()) return err(h.error);
        out.push(h.value);
      }
      return ok(out);
    },

    // The verifier's raw reads (optional in the port): the stored JSON as its UTF-8 bytes
    // (convert_to: what the leaf hash covers, never re-serialised) with the stream columns,
    // and the projection rows in key order on the (projection, key COLLATE "C") primary key.
    async readLeaves(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      // The page ends by bytes too (READ_LEAVES_PAGE_BYTES): the last event read is the one
      // that starts below the budget, found from the lengths of the next `limit` events
      // (octet_length reads a TOASTed value's size without fetching it).
      const r = await query(
        pool,
        `SELECT position, case_id, seq, type, convert_to(json, 'UTF8') AS bytes, leaf_hash FROM ${S}.events ` +
          "WHERE position > $1::bigint AND position <= (SELECT max(position) FROM (" +
          "SELECT position, sum(octet_length(json)) OVER (ORDER BY position) - octet_length(json) AS before " +
          `FROM (SELECT position, json FROM ${S}.events WHERE position > $1::bigint ORDER BY position LIMIT $2) page` +
          ") sized WHERE before < $3) ORDER BY position",
        [o.value.after, o.value.limit, READ_LEAVES_PAGE_BYTES],
      );
      if (r.isErr()) return err(r.error);
      const out: StoredLeaf[] = [];
      for (const row of r.value.rows) {
        const position = count(row.position, "position");
        if (position.isErr()) return err(position.error);
        const seq = count(row.seq, "seq");
        if (seq.isErr()) return err(seq.error);
        if (typeof row.case_id !== "string" || typeof row.type !== "string" || !(row.bytes instanceof Uint8Array)) {
          return err(storeCorrupt(`第 ${position.value} 号事件的存储格式错误`, { position: position.value }));
        }
        out.push({
          position: position.value,
          caseId: row.case_id,
          seq: seq.value,
          type: row.type,
          bytes: row.bytes,
          leafHash: bytes(row.leaf_hash),
        });
      }
      return ok(out);
    },

    // The case file's reads (optional in the port): stored subtrees, a stream's leaves on
    // UNIQUE (case_id, seq), the linked streams on their index (linked_case of the first event).
    async readMerkleNodes(refs) {
      if (closed) return closedErr();
      const head = await query(pool, `SELECT tree_size FROM ${S}.log_head WHERE id`);
      if (head.isErr()) return err(head.error);
      const size = count(head.value.rows[0]?.tree_size, "treeSize");
      if (size.isErr()) return err(size.error);
      const checked = checkMerkleNodeRefs(refs, size.value);
      if (checked.isErr()) return err(checked.error);
      if (checked.value.length === 0) return ok([]);
      const r = await query(
        pool,
        "SELECT r.ord, CASE WHEN r.level = 0 THEN e.leaf_hash ELSE n.hash END AS hash " +
          "FROM unnest($1::smallint[], $2::bigint[]) WITH ORDINALITY AS r(level, idx, ord) " +
          `LEFT JOIN ${S}.merkle_nodes n ON r.level > 0 AND n.level = r.level AND n.idx = r.idx ` +
          `LEFT JOIN ${S}.events e ON r.level = 0 AND e.position = r.idx + 1 ORDER BY r.ord`,
        [checked.value.map((n) => n.level), checked.value.map((n) => n.index)],
      );
      if (r.isErr()) return err(r.error);
      const out: Uint8Array[] = [];
      for (const [i, ref] of checked.value.entries()) {
        const row = r.value.rows[i];
        if (row === undefined || !(row.hash instanceof Uint8Array)) {
          return err(storeCorrupt(`默克尔子树 (${ref.level}, ${ref.index}) 缺失或格式错误`, { ...ref }));
        }
        out.push(bytes(row.hash));
      }
      return ok(out);
    },

    // Runs of one level, a buffer a run: the nodes of every run concatenated in index order by
    // string_agg in one statement (one round trip for all runs; an index range scan a run on
    // the primary key, or on events' position for level 0). The tree size is read first: the
    // log only grows, so every node complete within it is there when the runs are read. A run
    // short of nodes, or with a node of another length, is STORE_CORRUPT naming the node.
    async readMerkleNodeRuns(runs) {
      if (closed) return closedErr();
      const head = await query(pool, `SELECT tree_size FROM ${S}.log_head WHERE id`);
      if (head.isErr()) return err(head.error);
      const size = count(head.value.rows[0]?.tree_size, "treeSize");
      if (size.isErr()) return err(size.error);
      const checked = checkMerkleNodeRuns(runs, size.value);
      if (checked.isErr()) return err(checked.error);
      if (checked.value.length === 0) return ok([]);
      const width = hash.outputLength;
      const r = await query(
        pool,
        "SELECT r.ord, x.nodes, x.buf, x.odd FROM unnest($1::smallint[], $2::bigint[], $3::bigint[]) " +
          "WITH ORDINALITY AS r(level, first, cnt, ord) CROSS JOIN LATERAL (" +
          "SELECT count(*) AS nodes, string_agg(s.h, ''::bytea ORDER BY s.i) AS buf, " +
          "min(s.i) FILTER (WHERE octet_length(s.h) <> $4) AS odd FROM (" +
          `SELECT e.position - 1 AS i, e.leaf_hash AS h FROM ${S}.events e ` +
          "WHERE r.level = 0 AND e.position > r.first AND e.position <= r.first + r.cnt " +
          `UNION ALL SELECT n.idx, n.hash FROM ${S}.merkle_nodes n ` +
          "WHERE r.level > 0 AND n.level = r.level AND n.idx >= r.first AND n.idx < r.first + r.cnt" +
          ") s) x ORDER BY r.ord",
        [
          checked.value.map((run) => run.level),
          checked.value.map((run) => run.first),
          checked.value.map((run) => run.count),
          width,
        ],
      );
      if (r.isErr()) return err(r.error);
      const out: Uint8Array[] = [];
      for (const [i, run] of checked.value.entries()) {
        const row = r.value.rows[i];
        const nodes = Number(row?.nodes ?? 0);
        const buf = row?.buf;
        if (nodes === run.count && row?.odd === null && buf instanceof Uint8Array && buf.length === run.count * width) {
          out.push(new Uint8Array(buf));
          continue;
        }
        const odd: unknown = row?.odd;
        const found = odd !== null && odd !== undefined ? ok(Number(odd)) : await missingNode(run);
        if (found.isErr()) return err(found.error);
        return err(
          storeCorrupt(`默克尔子树 (${run.level}, ${found.value}) 缺失或格式错误`, {
            level: run.level,
            index: found.value,
          }),
        );
      }
      return ok(out);
    },

    async readStreamLeaves(caseId) {
      if (closed) return closedErr();
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      const r = await query(pool, `SELECT seq, position, leaf_hash FROM ${S}.events WHERE case_id = $1 ORDER BY seq`, [
        id.value,
      ]);
      if (r.isErr()) return err(r.error);
      const out: StreamLeaf[] = [];
      for (const row of r.value.rows) {
        const position = count(row.position, "position");
        if (position.isErr()) return err(position.error);
        const seq = count(row.seq, "seq");
        if (seq.isErr()) return err(seq.error);
        out.push({ seq: seq.value, position: position.value, leafHash: bytes(row.leaf_hash) });
      }
      return ok(out);
    },

    async streamsLinkedTo(caseId) {
      if (closed) return closedErr();
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      const r = await query(
        pool,
        `SELECT case_id FROM ${S}.events WHERE seq = 1 AND ${S}.linked_case(json) COLLATE "C" = $1 ORDER BY position`,
        [id.value],
      );
      if (r.isErr()) return err(r.error);
      return ok(r.value.rows.map((row) => String(row.case_id)));
    },

    async readProjectionRows(projection, rowOptions) {
      if (closed) return closedErr();
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const o = checkReadProjectionRowsOptions(rowOptions);
      if (o.isErr()) return err(o.error);
      const { afterKey, limit } = o.value;
      if (afterKey !== undefined && !storable(afterKey)) return err(unstorable("afterKey", afterKey));
      const params = new Params();
      const where = [`projection = ${params.add(name.value)}`];
      if (afterKey !== undefined) where.push(`key > ${params.add(afterKey)} COLLATE "C"`);
      const r = await query(
        pool,
        `SELECT projection, key, sort_key, value, count, position FROM ${S}.projection_rows WHERE ${where.join(" AND ")} ` +
          `ORDER BY key COLLATE "C" LIMIT ${params.add(limit)}`,
        params.values,
      );
      return r.isErr() ? err(r.error) : decodeProjectionRows(r.value.rows);
    },

    async readStreamVersions(versionOptions) {
      if (closed) return closedErr();
      const o = checkReadProjectionRowsOptions(versionOptions);
      if (o.isErr()) return err(o.error);
      const { afterKey, limit } = o.value;
      if (afterKey !== undefined && !storable(afterKey)) return err(unstorable("afterKey", afterKey));
      const params = new Params();
      const where = afterKey === undefined ? "" : `WHERE case_id > ${params.add(afterKey)} COLLATE "C" `;
      const r = await query(
        pool,
        `SELECT case_id, version FROM ${S}.streams ${where}ORDER BY case_id COLLATE "C" LIMIT ${params.add(limit)}`,
        params.values,
      );
      if (r.isErr()) return err(r.error);
      const versions = [];
      for (const row of r.value.rows) {
        const version = count(row.version, "version");
        if (version.isErr()) return err(version.error);
        versions.push({ caseId: String(row.case_id), version: version.value });
      }
      return ok(versions);
    },

    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      await listener.stop();
      pool.off("error", ignore);
      if (connection.owned) await pool.end().catch(ignore);
    },
  };
  return store;
}
