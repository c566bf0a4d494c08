// 事务 — connections and transactions (retried on serialization failures), plain queries as
// Results, the log head read (optionally locked), and the projection writes of an append or a
// rebuild as SQL.
import {
  err,
  type HashAlgorithm,
  type MerkleFrontier,
  ok,
  type Projection,
  projectEvent,
  type Result,
  type SanxiangError,
  storeUnavailable,
} from "@sanxiang/core";
import type pg from "pg";
import { decodeRow, EVENT_COLUMNS, headFromRow } from "./decode.js";
import { collapseWrites, type NetWrite } from "./net-writes.js";
import { ignore, Params, type Queryable, sqlState } from "./support.js";

/** The statements (as CTE bodies) applying net projection writes; keys are unique across them. */
export function projectionStatements(net: readonly NetWrite[], S: string, params: Params): string[] {
  const out: string[] = [];
  const rows = `${S}.projection_rows`;
  const deletes = net.filter((n) => n.kind === "delete");
  if (deletes.length > 0) {
    out.push(
      `DELETE FROM ${rows} r USING unnest(${params.add(deletes.map((d) => d.projection))}::text[], ` +
        `${params.add(deletes.map((d) => d.key))}::text[]) AS d(projection, key) ` +
        `WHERE r.projection = d.projection AND r.key = d.key`,
    );
  }
  const upsert = (
    list: readonly {
      projection: string;
      key: string;
      sortKey: string | null;
      value: string;
      count: number;
      position: number;
    }[],
    onConflict: string,
  ): void => {
    if (list.length === 0) return;
    out.push(
      `INSERT INTO ${rows} AS r (projection, key, sort_key, value, count, position) ` +
        `SELECT * FROM unnest(${params.add(list.map((x) => x.projection))}::text[], ${params.add(list.map((x) => x.key))}::text[], ` +
        `${params.add(list.map((x) => x.sortKey))}::text[], ${params.add(list.map((x) => x.value))}::text[], ` +
        `${params.add(list.map((x) => x.count))}::bigint[], ${params.add(list.map((x) => x.position))}::bigint[]) ` +
        `ON CONFLICT (projection, key) DO UPDATE SET ${onConflict}`,
    );
  };
  const replace = [];
  const mergePut = [];
  const mergeCount = [];
  for (const n of net) {
    if (n.kind === "replace") {
      replace.push({ ...n, value: JSON.stringify(n.value) });
    } else if (n.kind === "merge" && n.put !== null) {
      mergePut.push({ ...n, sortKey: n.put.sortKey, value: JSON.stringify(n.put.value), count: n.delta });
    } else if (n.kind === "merge") {
      mergeCount.push({ ...n, sortKey: null, value: "{}", count: n.delta });
    }
  }
  upsert(
    replace,
    "sort_key = EXCLUDED.sort_key, value = EXCLUDED.value, count = EXCLUDED.count, position = EXCLUDED.position",
  );
  upsert(
    mergePut,
    "sort_key = EXCLUDED.sort_key, value = EXCLUDED.value, count = r.count + EXCLUDED.count, position = EXCLUDED.position",
  );
  upsert(mergeCount, "count = r.count + EXCLUDED.count, position = EXCLUDED.position");
  return out;
}

/**
 * Runs data-modifying statements as the CTEs of one statement (one round trip; each runs
 * exactly once whether or not it is referenced), then `final`.
 */
export async function runStatements(
  db: Queryable,
  statements: readonly string[],
  params: Params,
  final = "SELECT 1",
): Promise<void> {
  if (statements.length === 0 && final === "SELECT 1") return;
  const ctes = statements.length === 0 ? "" : `WITH ${statements.map((s, i) => `w${i} AS (${s})`).join(", ")} `;
  await db.query(`${ctes}${final}`, params.values);
}

/** Reads the head row: the log size and frontier. */
export async function readHead(
  db: Queryable,
  S: string,
  hash: HashAlgorithm,
  forUpdate: boolean,
): Promise<Result<MerkleFrontier, SanxiangError>> {
  const r = await db.query(`SELECT tree_size, frontier FROM ${S}.log_head WHERE id${forUpdate ? " FOR UPDATE" : ""}`);
  return headFromRow(r.rows[0], hash);
}

/** Recomputes every projection's rows from the whole log, inside the caller's transaction (head locked). */
export async function rebuildIn(
  db: Queryable,
  S: string,
  hash: HashAlgorithm,
  projections: readonly Projection[],
): Promise<Result<number, SanxiangError>> {
  await db.query(`DELETE FROM ${S}.projection_rows`);
  let after = 0;
  for (;;) {
    const page = await db.query(
      `SELECT ${EVENT_COLUMNS} FROM ${S}.events WHERE position > $1 ORDER BY position LIMIT 10000`,
      [after],
    );
    if (page.rows.length === 0) break;
    const writes: { position: number; writes: ReturnType<typeof projectEvent> }[] = [];
    for (const row of page.rows) {
      const stored = decodeRow(row, hash);
      if (stored.isErr()) return err(stored.error);
      writes.push({ position: stored.value.position, writes: projectEvent(projections, stored.value.event) });
      after = stored.value.position;
    }
    const params = new Params();
    await runStatements(db, projectionStatements(collapseWrites(writes), S, params), params);
  }
  await db.query(`DELETE FROM ${S}.projection_versions`);
  await db.query(
    `INSERT INTO ${S}.projection_versions (projection, version) SELECT * FROM unnest($1::text[], $2::int[])`,
    [projections.map((p) => p.name), projections.map((p) => p.version)],
  );
  return ok(after);
}

/** The pool, whether the store must end it, and the connection options for the LISTEN client. */
export interface Connection {
  readonly pool: pg.Pool;
  readonly owned: boolean;
  readonly clientConfig: pg.ClientConfig;
}

/**
 * Runs `body` in a transaction on one pooled client: COMMIT when it returns `ok`, ROLLBACK
 * when it returns `Err`; a thrown driver error is `STORE_UNAVAILABLE` keeping the driver's
 * error as `cause` (and a client whose connection broke is discarded, not pooled again).
 */
export async function transaction<T>(
  pool: pg.Pool,
  body: (client: pg.PoolClient, first: readonly Record<string, unknown>[]) => Promise<Result<T, SanxiangError>>,
  what: string,
  first?: (client: pg.PoolClient) => string,
): Promise<Result<T, SanxiangError>> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (cause) {
    return err(storeUnavailable("无法连接 PostgreSQL 数据库", cause));
  }
  // A connection that breaks while checked out emits "error" on the client: never unhandled.
  client.on("error", ignore);
  let discard: Error | undefined;
  let committing = false;
  try {
    // `first` (a statement without parameters) travels with BEGIN in one round trip.
    const lead = first === undefined ? undefined : first(client);
    const begun = await client.query(lead === undefined ? "BEGIN" : `BEGIN; ${lead}`);
    const r = await body(client, Array.isArray(begun) ? ((begun[1] as pg.QueryResult | undefined)?.rows ?? []) : []);
    if (r.isErr()) {
      await client.query("ROLLBACK");
      return r;
    }
    committing = true;
    await client.query("COMMIT");
    return r;
  } catch (cause) {
    try {
      await client.query("ROLLBACK");
    } catch (rollback) {
      discard = rollback instanceof Error ? rollback : new Error(String(rollback));
    }
    return err(
      storeUnavailable(committing ? `${what}：提交结果不确定，请重新读取确认` : `${what}失败`, cause, {
        ...(sqlState(cause) === undefined ? {} : { sqlState: sqlState(cause) }),
      }),
    );
  } finally {
    client.off("error", ignore);
    client.release(discard);
  }
}

/** One query on a pooled client; a driver error is `STORE_UNAVAILABLE`. */
export async function query(
  pool: pg.Pool,
  text: string,
  values: unknown[] = [],
): Promise<Result<pg.QueryResult, SanxiangError>> {
  try {
    return ok(await pool.query(text, values));
  } catch (cause) {
    return err(
      storeUnavailable("PostgreSQL 查询失败", cause, {
        ...(sqlState(cause) === undefined ? {} : { sqlState: sqlState(cause) }),
      }),
    );
  }
}
