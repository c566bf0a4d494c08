/**
 * 嵌入式事件存储 — `@sanxiang/store-sqlite`: the embedded default {@link EventStore} on
 * better-sqlite3. One file (`./.sanxiang/events.db` unless told otherwise) holds the case
 * streams, the bureau's Merkle log head, the projections and the signed tree heads; an
 * append writes all of them in one `BEGIN IMMEDIATE` transaction, synced before it is
 * acknowledged (WAL, `synchronous=FULL`). Several connections and processes may write the
 * same file: SQLite's write lock serialises them and the version check inside the lock
 * gives exactly one winner per stream version.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import {
  type AppendReceipt,
  type CaseEvent,
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
  decodeMerkleFrontier,
  decodeStoredEvent,
  defaultProjections,
  EVENT_STORE_SPECIFICATION_VERSION,
  type EventStore,
  encodeMerkleFrontier,
  err,
  extendMerkleFrontierNodes,
  frontierTreeHead,
  type HashAlgorithm,
  type HashAlgorithmName,
  leafPageLength,
  type MerkleFrontier,
  type MerkleNodeRef,
  type MerkleNodeRun,
  ok,
  type PreparedAppend,
  type Projection,
  type ProjectionQuery,
  type ProjectionRow,
  prepareAppend,
  projectEvent,
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
  signedTreeHeadFromJson,
  signedTreeHeadSaveAction,
  signedTreeHeadToJson,
  storeClosed,
  storeCorrupt,
  storeHashAlgorithm,
  storeUnavailable,
  streamVersionMismatch,
  type TaggedProjectionWrite,
} from "@sanxiang/core";
import Database from "better-sqlite3";
import { blob, bytesOf, driverError, ownBytes, prepareOptional, Refusal } from "./driver.js";
import { LEAF_BYTES_SQL, LEAF_LENGTHS_SQL, leavesOfPage, packedLeavesSql } from "./leaf-pages.js";
import { NODE_RUN_SQL, packedNodeRun } from "./merkle-nodes.js";
import { migrate, schemaTooNew } from "./migrate.js";
import { checkOptions, type SqliteStoreOptions } from "./options.js";
import { LeafReadAhead, type PageStatements, packedPage, readPackedPage } from "./read-ahead.js";
import { LINKED_CASE_EXPRESSION, SQLITE_SCHEMA_VERSION } from "./schema.js";

export { systemClock } from "./clock.js";
export { DEFAULT_BUSY_TIMEOUT_MS, DEFAULT_POLL_INTERVAL_MS, type SqliteStoreOptions } from "./options.js";
export { MIGRATIONS, SQLITE_SCHEMA_VERSION, type SqliteMigration } from "./schema.js";

/** 嵌入式事件存储 — the SQLite {@link EventStore}, with where it lives and its schema version. */
export interface SqliteEventStore extends EventStore {
  /** Absolute path of the database file (or `":memory:"`). */
  readonly path: string;
  /** The schema version of the database (the last migration applied). */
  readonly schemaVersion: number;
}

// In-process wake-ups: every open store on a file, so a local append wakes subscriptions of
// all of them at once instead of at their next poll. Other processes are found by polling.
const localStores = new Map<string, Set<() => void>>();
let memoryStores = 0;

interface EventRow {
  readonly position: number;
  readonly case_id: string;
  readonly seq: number;
  readonly type: string;
  readonly json: string;
  readonly leaf_hash: unknown;
}

/** A row of `load`: the stream's recorded version, and one event row (all null when none). */
type LoadRow = { readonly recorded: number | null } & (EventRow | { readonly [K in keyof EventRow]: null });

interface ProjectionRowRecord {
  readonly projection: string;
  readonly key: string;
  readonly sort_key: string | null;
  readonly value: string;
  readonly count: number;
  readonly position: number;
}

function prepareStatements(db: Database.Database) {
  return {
    streamVersion: db.prepare<[string], number | null>("SELECT max(seq) FROM events WHERE case_id = ?").pluck(),
    lastPosition: db.prepare<[], number | null>("SELECT max(position) FROM events").pluck(),
    head: db.prepare<[], { tree_size: unknown; frontier: unknown }>(
      "SELECT tree_size, frontier FROM log_head WHERE id = 1",
    ),
    updateHead: db.prepare<[number, Buffer]>("UPDATE log_head SET tree_size = ?, frontier = ? WHERE id = 1"),
    insertNode: db.prepare<[number, number, Buffer]>("INSERT INTO merkle_nodes (level, idx, hash) VALUES (?, ?, ?)"),
    treeSize: db.prepare<[], unknown>("SELECT tree_size FROM log_head WHERE id = 1").pluck(),
    leafAt: db.prepare<[number], unknown>("SELECT leaf_hash FROM events WHERE position = ?").pluck(),
    nodeRange: db.prepare<[number, number, number], { idx: number; hash: unknown }>(
      "SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx",
    ),
    // A run of one level in one row (a verifier asks for every node of a page): how many, the
    // first and last index, and the hashes end to end.
    nodeRangePacked: db
      .prepare<[number, number, number], [number, number | null, number | null, unknown]>(
        "SELECT count(*), min(idx), max(idx), CAST(group_concat(hash, x'') AS BLOB) FROM (SELECT idx, hash FROM merkle_nodes WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx)",
      )
      .raw(),
    streamLeaves: db.prepare<[string], { seq: number; position: number; leaf_hash: unknown }>(
      "SELECT seq, position, leaf_hash FROM events WHERE case_id = ? ORDER BY seq",
    ),
    linkedStreams: db
      .prepare<[string], string>(
        `SELECT case_id FROM events WHERE seq = 1 AND ${LINKED_CASE_EXPRESSION} = ? ORDER BY ${LINKED_CASE_EXPRESSION}, position`,
      )
      .pluck(),
    insertEvent: db.prepare<[number, string, number, string, string, Buffer]>(
      "INSERT INTO events (position, case_id, seq, type, json, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)",
    ),
    // One statement, so the recorded version and the rows come from one snapshot.
    load: db.prepare<{ caseId: string; after: number }, LoadRow>(
      `SELECT (SELECT version FROM streams WHERE case_id = @caseId) AS recorded,
         e.position, e.case_id, e.seq, e.type, e.json, e.leaf_hash
       FROM (SELECT 1) LEFT JOIN events e ON e.case_id = @caseId AND e.seq > @after ORDER BY e.seq`,
    ),
    readAll: db.prepare<[number, number], EventRow>(
      "SELECT position, case_id, seq, type, json, leaf_hash FROM events WHERE position > ? ORDER BY position LIMIT ?",
    ),
    put: db.prepare<[string, string, string | null, string, number]>(
      `INSERT INTO projection_rows (projection, key, sort_key, value, count, position) VALUES (?, ?, ?, ?, 0, ?)
       ON CONFLICT (projection, key) DO UPDATE SET sort_key = excluded.sort_key, value = excluded.value, position = excluded.position`,
    ),
    remove: db.prepare<[string, string]>("DELETE FROM projection_rows WHERE projection = ? AND key = ?"),
    increment: db.prepare<[string, string, number, number]>(
      `INSERT INTO projection_rows (projection, key, sort_key, value, count, position) VALUES (?, ?, NULL, '{}', ?, ?)
       ON CONFLICT (projection, key) DO UPDATE SET count = count + excluded.count, position = excluded.position`,
    ),
    getRow: db.prepare<[string, string], ProjectionRowRecord>(
      "SELECT projection, key, sort_key, value, count, position FROM projection_rows WHERE projection = ? AND key = ?",
    ),
    clearProjection: db.prepare<[string]>("DELETE FROM projection_rows WHERE projection = ?"),
    projectionVersions: db.prepare<[], { projection: string; version: number }>(
      "SELECT projection, version FROM projection_versions",
    ),
    setProjectionVersion: db.prepare<[string, number]>(
      "INSERT INTO projection_versions (projection, version) VALUES (?, ?) ON CONFLICT (projection) DO UPDATE SET version = excluded.version",
    ),
    getSignedHead: db
      .prepare<[number], string | undefined>("SELECT json FROM signed_tree_heads WHERE tree_size = ?")
      .pluck(),
    latestSignedHead: db
      .prepare<[], string | undefined>("SELECT json FROM signed_tree_heads ORDER BY tree_size DESC LIMIT 1")
      .pluck(),
    signedHeads: db.prepare<[number, number], { tree_size: number; json: string }>(
      "SELECT tree_size, json FROM signed_tree_heads WHERE tree_size > ? ORDER BY tree_size LIMIT ?",
    ),
    insertSignedHead: db.prepare<[number, string]>(
      "INSERT INTO signed_tree_heads (tree_size, json) VALUES (?, ?) ON CONFLICT (tree_size) DO UPDATE SET json = excluded.json",
    ),
  };
}

/** A row of the `streams` table. */
interface StreamVersionRecord {
  case_id: string;
  version: number;
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * 打开嵌入式存储 — opens (creating if needed) the SQLite event store: applies pending schema
 * migrations in one transaction, fixes or checks the hash algorithm, and rebuilds any
 * projection whose `version` differs from the one its rows were made with. Never throws
 * for a storage problem:
 * - bad options → `INVALID_INPUT` (`HASH_ALGORITHM_UNSUPPORTED` for an unknown hash);
 * - a directory or file that cannot be created or opened, a busy database → `STORE_UNAVAILABLE`;
 * - a database written by a newer schema → `STORE_UNAVAILABLE`, nothing changed;
 * - a file that is not a SQLite database, or unreadable stored settings → `STORE_CORRUPT`;
 * - another hash algorithm than the store was created with → `INVALID_INPUT`.
 * A malformed projection list is a programmer error and is thrown (as by every store).
 */
export function openSqliteStore(options: SqliteStoreOptions = {}): Result<SqliteEventStore, SanxiangError> {
  const checked = checkOptions(options);
  if (checked.isErr()) return err(checked.error);
  const { path, pollIntervalMs, busyTimeoutMs, readAhead } = checked.value;
  const projections = checkProjections(options.projections ?? defaultProjections());
  if (path !== ":memory:") {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (cause) {
      return err(storeUnavailable(`无法创建存储目录 ${dirname(path)}`, cause, { path }));
    }
  }
  let db: Database.Database;
  try {
    db = new Database(path, { timeout: busyTimeoutMs });
  } catch (cause) {
    return err(driverError(`打开数据库 ${path}`, cause, { path }));
  }
  const fail = (error: SanxiangError) => {
    try {
      db.close();
    } catch {
      // already failing: the first error is the one reported
    }
    return err(error);
  };
  let hashName: HashAlgorithmName;
  let statements: Statements;
  try {
    // Read the schema version before anything writes (even the journal-mode switch): a
    // database from newer code is left exactly as it was.
    const hasTable = db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'")
      .get();
    if (hasTable !== undefined) {
      const version = (db.prepare("SELECT max(version) FROM schema_migrations").pluck().get() as number | null) ?? 0;
      if (version > SQLITE_SCHEMA_VERSION) return fail(schemaTooNew(version));
    }
    if (path !== ":memory:") db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    hashName = db.transaction(() => migrate(db, checked.value.hash)).immediate();
    statements = prepareStatements(db);
  } catch (cause) {
    return fail(driverError(`打开数据库 ${path}`, cause, { path }));
  }
  const store = createStore(db, statements, {
    path,
    hash: storeHashAlgorithm(hashName),
    projections,
    pollIntervalMs,
    busyTimeoutMs,
    readAhead: readAhead && path !== ":memory:",
  });
  const rebuilt = store.rebuildOutdated();
  if (rebuilt.isErr()) return fail(rebuilt.error);
  return ok(store.store);
}

interface StoreConfig {
  readonly path: string;
  readonly hash: HashAlgorithm;
  readonly projections: readonly Projection[];
  readonly pollIntervalMs: number;
  readonly busyTimeoutMs: number;
  readonly readAhead: boolean;
}

function createStore(db: Database.Database, st: Statements, config: StoreConfig) {
  const { hash, projections, path } = config;
  let closed = false;
  let closing: Promise<void> | undefined;
  const subscriptions = new Set<{ close(): Promise<void> }>();
  const waiting = new Set<() => void>();
  const wakeAll = (): void => {
    for (const done of [...waiting]) done();
  };
  const localKey = path === ":memory:" ? `:memory:${++memoryStores}` : path;
  const neighbours = localStores.get(localKey) ?? new Set();
  localStores.set(localKey, neighbours);
  neighbours.add(wakeAll);

  /** Runs a synchronous body; any exception becomes an `Err`, a closed store `STORE_UNAVAILABLE`. */
  const guard = <T>(what: string, body: () => Result<T, SanxiangError>): Promise<Result<T, SanxiangError>> => {
    if (closed) return Promise.resolve(err(storeClosed()));
    try {
      return Promise.resolve(body());
    } catch (cause) {
      return Promise.resolve(err(driverError(what, cause, { path })));
    }
  };

  const readHead = (): MerkleFrontier => {
    const row = st.head.get();
    if (row === undefined) throw new Refusal(storeCorrupt("日志头记录缺失", { path }));
    const size = row.tree_size;
    const bytes = bytesOf(row.frontier);
    if (typeof size !== "number" || bytes === null) throw new Refusal(storeCorrupt("日志头记录格式错误", { path }));
    const frontier = decodeMerkleFrontier(size, bytes, { hash });
    if (frontier.isErr())
      throw new Refusal(storeCorrupt("日志头的默克尔前沿已损坏", { path, treeSize: size }, frontier.error));
    return frontier.value;
  };

  const decodeRow = (row: EventRow): StoredEvent => {
    const leafHash = bytesOf(row.leaf_hash);
    if (leafHash === null || typeof row.json !== "string") {
      throw new Refusal(storeCorrupt(`第 ${row.position} 号事件的存储格式错误`, { position: row.position }));
    }
    const decoded = decodeStoredEvent({ position: row.position, json: row.json, leafHash }, hash);
    if (decoded.isErr()) throw new Refusal(decoded.error);
    // The columns beside the JSON (what `load` selects and orders by) must say what the
    // hashed JSON says: a changed case_id would move an event to another stream unseen.
    const { event } = decoded.value;
    if (event.caseId !== row.case_id || event.seq !== row.seq || event.type !== row.type) {
      throw new Refusal(
        storeCorrupt(
          `第 ${row.position} 号事件（案件 ${event.caseId} 第 ${event.seq} 号）的内容与其案件编号、序号或类型列不一致`,
          {
            position: row.position,
            caseId: event.caseId,
            seq: event.seq,
            columns: { caseId: row.case_id, seq: row.seq, type: row.type },
          },
        ),
      );
    }
    return decoded.value;
  };

  const applyWrites = (writes: readonly TaggedProjectionWrite[], position: number): void => {
    for (const { projection, write } of writes) {
      if (write.op === "put")
        st.put.run(projection, write.key, write.sortKey ?? null, JSON.stringify(write.value), position);
      else if (write.op === "delete") st.remove.run(projection, write.key);
      else st.increment.run(projection, write.key, write.by, position);
    }
  };

  /** Stored subtrees in the order asked: consecutive indexes of one level read as one range. */
  const readNodes = (refs: readonly MerkleNodeRef[]): Uint8Array[] => {
    const out: Uint8Array[] = [];
    const missing = (r: MerkleNodeRef): never => {
      throw new Refusal(
        storeCorrupt(`默克尔子树 (${r.level}, ${r.index}) 缺失或格式错误`, { path, level: r.level, index: r.index }),
      );
    };
    for (let i = 0; i < refs.length; ) {
      const first = refs[i] as MerkleNodeRef;
      if (first.level === 0) {
        const leaf = bytesOf(st.leafAt.get(first.index + 1));
        out.push(leaf ?? missing(first));
        i++;
        continue;
      }
      let j = i + 1;
      while (j < refs.length && refs[j]?.level === first.level && refs[j]?.index === first.index + (j - i)) j++;
      const last = first.index + (j - i) - 1;
      const n = hash.outputLength;
      if (j - i > 1) {
        const packed = st.nodeRangePacked.get(first.level, first.index, last);
        const all = packed?.[3];
        if (
          packed !== undefined &&
          packed[0] === j - i &&
          packed[1] === first.index &&
          packed[2] === last &&
          all instanceof Uint8Array &&
          all.length === (j - i) * n
        ) {
          const copy = new Uint8Array(all);
          for (let k = 0; k < j - i; k++) out.push(copy.subarray(k * n, (k + 1) * n));
          i = j;
          continue;
        }
      }
      const rows = st.nodeRange.all(first.level, first.index, last);
      for (let k = i; k < j; k++) {
        const row = rows[k - i];
        const node = row !== undefined && row.idx === first.index + (k - i) ? bytesOf(row.hash) : null;
        out.push(node ?? missing(refs[k] as MerkleNodeRef));
      }
      i = j;
    }
    return out;
  };

  /**
   * Stored subtrees a run at a time (readMerkleNodeRuns), each run one buffer: a level ≥ 1 run
   * in one aggregate row (NODE_RUN_SQL) when it proves every node there and of the hash's
   * length; else — level 0 (the leaf hashes), a node missing or malformed — node by node,
   * naming the first wrong one.
   */
  const readNodeRuns = (runs: readonly MerkleNodeRun[]): Uint8Array[] => {
    const n = hash.outputLength;
    const statement = rawStatements().nodeRun;
    return runs.map(({ level, first, count }) => {
      if (level > 0 && statement !== null) {
        const packed = packedNodeRun(statement.get(n, level, first, first + count - 1), first, count, n);
        if (packed !== null) return ownBytes(packed);
      }
      const refs = Array.from({ length: count }, (_, k) => ({ level, index: first + k }));
      const out = new Uint8Array(count * n);
      readNodes(refs).forEach((node, k) => {
        if (node.length !== n) {
          throw new Refusal(
            storeCorrupt(`默克尔子树 (${level}, ${first + k}) 的长度为 ${node.length} 字节，应为 ${n}`, {
              path,
              level,
              index: first + k,
            }),
          );
        }
        out.set(node, k * n);
      });
      return out;
    });
  };

  const appendTx = db.transaction((p: PreparedAppend): AppendReceipt => {
    const actual = st.streamVersion.get(p.caseId) ?? 0;
    if (actual !== p.expectedVersion) throw new Refusal(concurrencyConflict(p.caseId, p.expectedVersion, actual));
    const frontier = readHead();
    if (p.events.length === 0) return { version: p.version, treeHead: frontierTreeHead(frontier, { hash }) };
    const last = st.lastPosition.get() ?? 0;
    if (last !== frontier.treeSize) {
      throw new Refusal(
        storeCorrupt(`日志头记载 ${frontier.treeSize} 个事件，事件表最后位置为 ${last}`, {
          treeSize: frontier.treeSize,
          last,
        }),
      );
    }
    const next = extendMerkleFrontierNodes(
      frontier,
      p.events.map((e) => e.leafHash),
      { hash },
    );
    if (next.isErr()) throw new Refusal(next.error);
    let position = frontier.treeSize;
    for (const e of p.events) {
      position++;
      st.insertEvent.run(position, p.caseId, e.event.seq, e.event.type, e.json, blob(e.leafHash));
      applyWrites(e.writes, position);
    }
    // The subtrees these leaves complete, in the same transaction (readMerkleNodes).
    for (const n of next.value.nodes) st.insertNode.run(n.level, n.index, blob(n.hash));
    st.updateHead.run(next.value.frontier.treeSize, blob(encodeMerkleFrontier(next.value.frontier)));
    return { version: p.version, treeHead: frontierTreeHead(next.value.frontier, { hash }) };
  });

  /** Recomputes the rows of `which` from the whole log (inside the caller's transaction). */
  const replay = (which: readonly Projection[]): number => {
    for (const p of which) st.clearProjection.run(p.name);
    let after = 0;
    let count = 0;
    for (;;) {
      // Pages, not an iterator: better-sqlite3 forbids writes while a statement iterates.
      const rows = st.readAll.all(after, 1_000);
      if (rows.length === 0) break;
      for (const row of rows) {
        const stored = decodeRow(row);
        applyWrites(projectEvent(which, stored.event), stored.position);
        after = row.position;
        count++;
      }
    }
    for (const p of which) st.setProjectionVersion.run(p.name, p.version);
    return count;
  };

  const rebuildTx = db.transaction((which: readonly Projection[]) => replay(which));

  const rebuildOutdatedTx = db.transaction(() => {
    const stored = new Map(st.projectionVersions.all().map((r) => [r.projection, r.version]));
    const outdated = projections.filter((p) => stored.get(p.name) !== p.version);
    if (outdated.length > 0) replay(outdated);
  });

  const saveSignedHeadTx = db.transaction((h: SignedTreeHead): void => {
    const keptJson = st.getSignedHead.get(h.treeSize);
    const kept = keptJson === undefined ? undefined : decodeSignedHead(keptJson, h.treeSize);
    const action = signedTreeHeadSaveAction(h, readHead().treeSize, kept);
    if (action.isErr()) throw new Refusal(action.error);
    if (action.value === "keep") return;
    st.insertSignedHead.run(h.treeSize, JSON.stringify(signedTreeHeadToJson(h)));
  });

  const decodeSignedHead = (json: string, treeSize: number | undefined): SignedTreeHead => {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch (cause) {
      throw new Refusal(storeCorrupt("已保存的签名树头无法解析", { treeSize }, cause));
    }
    const parsed = signedTreeHeadFromJson(value);
    if (parsed.isErr()) throw new Refusal(storeCorrupt("已保存的签名树头格式错误", { treeSize }, parsed.error));
    if (treeSize !== undefined && parsed.value.treeSize !== treeSize) {
      throw new Refusal(storeCorrupt("已保存的签名树头与其大小列不符", { treeSize, recorded: parsed.value.treeSize }));
    }
    return parsed.value;
  };

  const decodeProjectionRow = (r: ProjectionRowRecord): ProjectionRow => {
    let value: unknown;
    try {
      value = JSON.parse(r.value);
    } catch (cause) {
      throw new Refusal(
        storeCorrupt(`投影 ${r.projection} 的行 ${r.key} 无法解析`, { projection: r.projection, key: r.key }, cause),
      );
    }
    if (typeof value !== "object" || value === null || Array.isArray(value) || !Number.isSafeInteger(r.count)) {
      throw new Refusal(
        storeCorrupt(`投影 ${r.projection} 的行 ${r.key} 格式错误`, { projection: r.projection, key: r.key }),
      );
    }
    return {
      projection: r.projection,
      key: r.key,
      sortKey: r.sort_key,
      value: value as Record<string, unknown>,
      count: r.count,
      position: r.position,
    };
  };

  // Range queries: rows with a sort key in (sort key, key) order, then — when no sort-key
  // bound excludes them — rows without one, by key. Each form is one statement on the
  // (projection, sort_key, key) index, prepared on first use.
  const queryStatements = new Map<string, Database.Statement<Record<string, unknown>, ProjectionRowRecord>>();
  const queryStatement = (kind: "sorted" | "unsorted", q: ProjectionQuery) => {
    const id = `${kind}:${q.sortKeyFrom !== undefined}:${q.sortKeyTo !== undefined}:${q.keyPrefix !== undefined}`;
    let s = queryStatements.get(id);
    if (s === undefined) {
      const where = [
        "projection = @projection",
        kind === "sorted" ? "sort_key IS NOT NULL" : "sort_key IS NULL",
        ...(q.sortKeyFrom !== undefined ? ["sort_key >= @from"] : []),
        ...(q.sortKeyTo !== undefined ? ["sort_key <= @to"] : []),
        // Byte-wise prefix test: exact for any string (SQLite's text functions stop at NUL).
        ...(q.keyPrefix !== undefined
          ? ["substr(CAST(key AS BLOB), 1, length(CAST(@prefix AS BLOB))) = CAST(@prefix AS BLOB)"]
          : []),
      ];
      s = db.prepare<Record<string, unknown>, ProjectionRowRecord>(
        `SELECT projection, key, sort_key, value, count, position FROM projection_rows WHERE ${where.join(" AND ")}
         ORDER BY ${kind === "sorted" ? "sort_key, key" : "key"} LIMIT @limit`,
      );
      queryStatements.set(id, s);
    }
    return s;
  };

  const headPosition = (): Result<number, SanxiangError> => {
    if (closed) return err(storeClosed());
    try {
      return ok(readHead().treeSize);
    } catch (cause) {
      return err(driverError("读取日志头", cause, { path }));
    }
  };

  // Statements of the verifier's raw reads, prepared on first use. BINARY collation compares
  // UTF-8 bytes, which is code-point order: `key > ?` walks the (projection, key) primary key.
  let rawReads:
    | {
        leaves: Database.Statement<[number, number], [number, string, number, string, unknown, unknown]>;
        pages: PageStatements;
        rows: Database.Statement<[string, string, number], ProjectionRowRecord>;
        firstRows: Database.Statement<[string, number], ProjectionRowRecord>;
        nodeRun: Database.Statement<[number, number, number, number], unknown> | null;
      }
    | undefined;
  // The stream versions, read by verifyEventStore (readStreamVersions); prepared on first use.
  let streamVersionReads:
    | {
        first: Database.Statement<[number], StreamVersionRecord>;
        after: Database.Statement<[string, number], StreamVersionRecord>;
      }
    | undefined;
  const rawStatements = () =>
    (rawReads ??= {
      leaves: db
        .prepare<[number, number], [number, string, number, string, unknown, unknown]>(
          "SELECT position, case_id, seq, type, CAST(json AS BLOB), leaf_hash FROM events WHERE position > ? ORDER BY position LIMIT ?",
        )
        .raw(),
      pages: {
        sized: prepareOptional<[number, number], unknown>(db, LEAF_BYTES_SQL),
        lengths: db.prepare<[number, number], unknown>(LEAF_LENGTHS_SQL).pluck(),
        packed: prepareOptional<[number, number], unknown>(db, packedLeavesSql(hash.outputLength)),
      },
      nodeRun: prepareOptional<[number, number, number, number], unknown>(db, NODE_RUN_SQL),
      rows: db.prepare<[string, string, number], ProjectionRowRecord>(
        "SELECT projection, key, sort_key, value, count, position FROM projection_rows WHERE projection = ? AND key > ? ORDER BY key LIMIT ?",
      ),
      firstRows: db.prepare<[string, number], ProjectionRowRecord>(
        "SELECT projection, key, sort_key, value, count, position FROM projection_rows WHERE projection = ? ORDER BY key LIMIT ?",
      ),
    });

  /** One page of stored leaves, read in this thread (see readLeaves). */
  const readLeavesHere = (after: number, limit: number): Result<StoredLeaf[], SanxiangError> => {
    const reads = rawStatements();
    // The page ends by bytes too (READ_LEAVES_PAGE_BYTES): its size first, a cheap walk of
    // the same rows, then those events in one packed row.
    const { taken, row } = readPackedPage(reads.pages, after, limit, READ_LEAVES_PAGE_BYTES, leafPageLength);
    if (taken === 0) return ok([]);
    if (taken !== null && row !== undefined) {
      const page = packedPage(row, taken, hash.outputLength);
      const leaves = page === null ? null : leavesOfPage(page, after);
      if (leaves !== null) return ok(leaves);
    }
    // Row by row, ending the page by bytes as it goes (the lengths above may not be
    // trusted: a NULL, a value of another type).
    const leaves: StoredLeaf[] = [];
    let bytes = 0;
    for (const [position, caseId, seq, type, json, leafHash] of reads.leaves.iterate(after, taken ?? limit)) {
      if (!(json instanceof Uint8Array) || !(leafHash instanceof Uint8Array)) {
        throw new Refusal(storeCorrupt(`第 ${position} 号事件的存储格式错误`, { position }));
      }
      leaves.push({ position, caseId, seq, type, bytes: json, leafHash });
      bytes += json.length;
      if (bytes >= READ_LEAVES_PAGE_BYTES) break;
    }
    return ok(leaves);
  };

  // The read-ahead worker (readAhead), started on the first readLeaves; null when off or gone.
  let readAheadState: LeafReadAhead | null | undefined = config.readAhead ? undefined : null;
  const readAheadWorker = (): LeafReadAhead | null => {
    if (readAheadState === undefined) {
      readAheadState = LeafReadAhead.start({
        path,
        timeout: config.busyTimeoutMs,
        sizedSql: LEAF_BYTES_SQL,
        lengthsSql: LEAF_LENGTHS_SQL,
        packedSql: packedLeavesSql(hash.outputLength),
        budget: READ_LEAVES_PAGE_BYTES,
        hashLength: hash.outputLength,
        nodeRunSql: NODE_RUN_SQL,
      });
    }
    return readAheadState?.running === true ? readAheadState : null;
  };

  const store: SqliteEventStore = {
    specificationVersion: EVENT_STORE_SPECIFICATION_VERSION,
    capabilities: { durable: path !== ":memory:", multiWriter: path !== ":memory:", subscription: "poll" },
    hashAlgorithm: hash.name as HashAlgorithmName,
    projections,
    path,
    schemaVersion: SQLITE_SCHEMA_VERSION,

    load(caseId, loadOptions) {
      return guard("读取案件事件", () => {
        const id = checkCaseId(caseId);
        if (id.isErr()) return err(id.error);
        const after = checkAfterVersion(loadOptions);
        if (after.isErr()) return err(after.error);
        const events: CaseEvent[] = [];
        const rows = st.load.all({ caseId: id.value, after: after.value });
        for (const row of rows) {
          if (row.position === null) continue;
          const stored = decodeRow(row);
          const want = after.value + events.length + 1;
          if (stored.event.seq !== want) {
            return err(
              storeCorrupt(`案件 ${id.value} 缺少第 ${want} 号事件`, {
                caseId: id.value,
                expectedSeq: want,
                found: stored.event.seq,
              }),
            );
          }
          events.push(stored.event);
        }
        // The stream's version is kept apart from its rows: rows cut from the end of a stream
        // (deleted, or moved to another case id) leave it beyond the last row found.
        const recorded = rows[0]?.recorded ?? 0;
        const last = after.value + events.length;
        if (last !== Math.max(recorded, after.value)) return err(streamVersionMismatch(id.value, recorded, last));
        return ok(events);
      });
    },

    append(caseId, expectedVersion, events) {
      if (closed) return Promise.resolve(err(storeClosed()));
      // Outside the guard, as in every store: a projection that throws is a programmer
      // error and is rethrown (with its name) by prepareAppend, not reported as storage.
      const prepared = prepareAppend(caseId, expectedVersion, events, { hash, projections });
      return guard("追加事件", () => {
        if (prepared.isErr()) return err(prepared.error);
        const receipt = appendTx.immediate(prepared.value);
        if (prepared.value.events.length > 0) for (const wake of localStores.get(localKey) ?? []) wake();
        return ok(receipt);
      });
    },

    readAll(readOptions) {
      return guard("读取事件日志", () => {
        const o = checkReadAllOptions(readOptions);
        if (o.isErr()) return err(o.error);
        return ok(st.readAll.all(o.value.after, o.value.limit).map(decodeRow));
      });
    },

    head() {
      return guard("读取日志头", () => {
        const frontier = readHead();
        return ok({ position: frontier.treeSize, treeHead: frontierTreeHead(frontier, { hash }) });
      });
    },

    subscribe(subscribeOptions) {
      const sub = runSubscription(
        {
          readAll: (o) => store.readAll(o),
          position: async () => headPosition(),
          waitForMore: (ms) =>
            new Promise<void>((resolveWait) => {
              const done = (): void => {
                clearTimeout(timer);
                waiting.delete(done);
                resolveWait();
              };
              // The poll timer must not keep a process alive that has nothing else to do.
              const timer = setTimeout(done, ms ?? config.pollIntervalMs);
              timer.unref();
              waiting.add(done);
            }),
        },
        subscribeOptions,
      );
      subscriptions.add(sub);
      return {
        close: async () => {
          subscriptions.delete(sub);
          await sub.close();
        },
      };
    },

    getProjectionRow(projection, key) {
      return guard("读取投影行", () => {
        const name = checkProjectionName(projections, projection);
        if (name.isErr()) return err(name.error);
        const k = checkProjectionKey(key);
        if (k.isErr()) return err(k.error);
        const row = st.getRow.get(name.value, k.value);
        return ok(row === undefined ? null : decodeProjectionRow(row));
      });
    },

    queryProjection(projection, query) {
      return guard("查询投影", () => {
        const name = checkProjectionName(projections, projection);
        if (name.isErr()) return err(name.error);
        const checkedQuery = checkProjectionQuery(query);
        if (checkedQuery.isErr()) return err(checkedQuery.error);
        const q = checkedQuery.value;
        const params = {
          projection: name.value,
          from: q.sortKeyFrom ?? null,
          to: q.sortKeyTo ?? null,
          prefix: q.keyPrefix ?? null,
          limit: q.limit,
        };
        const bind = (s: Database.Statement<Record<string, unknown>, ProjectionRowRecord>, limit: number) => {
          // Named parameters a statement does not use must not be passed to it.
          const used: Record<string, unknown> = { projection: params.projection, limit };
          if (q.sortKeyFrom !== undefined) used.from = params.from;
          if (q.sortKeyTo !== undefined) used.to = params.to;
          if (q.keyPrefix !== undefined) used.prefix = params.prefix;
          return s.all(used);
        };
        const rows = bind(queryStatement("sorted", q), q.limit);
        if (rows.length < q.limit && q.sortKeyFrom === undefined && q.sortKeyTo === undefined) {
          rows.push(...bind(queryStatement("unsorted", q), q.limit - rows.length));
        }
        return ok(rows.map(decodeProjectionRow));
      });
    },

    rebuildProjections() {
      return guard("重建投影", () => ok({ events: rebuildTx.immediate(projections) }));
    },

    saveSignedTreeHead(head) {
      return guard("保存签名树头", () => {
        const parsed = SignedTreeHeadSchema.safeParse(head);
        if (!parsed.success) {
          return err(
            sanxiangError("INVALID_INPUT", "签名树头无效", { details: { issues: parsed.error.issues.length } }),
          );
        }
        saveSignedHeadTx.immediate(parsed.data);
        return ok(undefined);
      });
    },

    latestSignedTreeHead() {
      return guard("读取签名树头", () => {
        const json = st.latestSignedHead.get();
        return ok(json === undefined ? null : decodeSignedHead(json, undefined));
      });
    },

    signedTreeHeads(readOptions) {
      return guard("读取签名树头", () => {
        const o = checkReadAllOptions(readOptions);
        if (o.isErr()) return err(o.error);
        return ok(st.signedHeads.all(o.value.after, o.value.limit).map((r) => decodeSignedHead(r.json, r.tree_size)));
      });
    },

    // The verifier's raw reads (optional in the port): the stored JSON as bytes (SQLite
    // stores TEXT as UTF-8, so CAST AS BLOB gives exactly the hashed bytes, undecoded) with
    // the stream columns, and the projection rows in key order on their primary key.
    readLeaves(readOptions) {
      if (closed) return Promise.resolve(err(storeClosed()));
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return Promise.resolve(err(o.error));
      const { after, limit } = o.value;
      const worker = readAheadWorker();
      if (worker === null) return guard("读取事件日志", () => readLeavesHere(after, limit));
      // The worker reads the packed page; this thread builds and checks the leaves as its own.
      return worker.read(after, limit).then((page) => {
        const leaves = page === null ? null : leavesOfPage(page, after);
        return leaves === null ? guard("读取事件日志", () => readLeavesHere(after, limit)) : ok(leaves);
      });
    },

    // The case file's reads (optional in the port): stored subtrees (runs of one level read
    // as one range), a stream's leaves on UNIQUE (case_id, seq), linked streams on their index.
    readMerkleNodes(refs) {
      return guard("读取默克尔子树", () =>
        db.transaction((): Result<readonly Uint8Array[], SanxiangError> => {
          const size = st.treeSize.get();
          if (typeof size !== "number") throw new Refusal(storeCorrupt("日志头记录格式错误", { path }));
          const checked = checkMerkleNodeRefs(refs, size);
          if (checked.isErr()) return err(checked.error);
          return ok(readNodes(checked.value));
        })(),
      );
    },

    readMerkleNodeRuns(runs) {
      if (closed) return Promise.resolve(err(storeClosed()));
      // In one transaction: the runs checked against the tree size, then read.
      const here = () =>
        guard("读取默克尔子树", () =>
          db.transaction((): Result<readonly Uint8Array[], SanxiangError> => {
            const size = st.treeSize.get();
            if (typeof size !== "number") throw new Refusal(storeCorrupt("日志头记录格式错误", { path }));
            const checked = checkMerkleNodeRuns(runs, size);
            if (checked.isErr()) return err(checked.error);
            return ok(readNodeRuns(checked.value));
          })(),
        );
      const worker = readAheadWorker();
      if (worker === null) return here();
      // The worker reads the runs (nodes never change once the log holds their leaves, so a
      // later snapshot gives the same bytes); checked here first, read here whenever the
      // worker cannot give every run whole (level 0, a node missing or malformed).
      let checked: Result<MerkleNodeRun[], SanxiangError>;
      try {
        const size = st.treeSize.get();
        if (typeof size !== "number") return here();
        checked = checkMerkleNodeRuns(runs, size);
      } catch {
        return here();
      }
      if (checked.isErr()) return Promise.resolve(err(checked.error));
      const valid = checked.value;
      if (valid.some((r) => r.level === 0)) return here();
      return worker
        .readNodeRuns(valid)
        .then((buffers) => (buffers === null ? here() : ok(buffers.map((b) => ownBytes(b)))));
    },

    readStreamLeaves(caseId) {
      return guard("读取记录流的叶子", () => {
        const id = checkCaseId(caseId);
        if (id.isErr()) return err(id.error);
        return ok(
          st.streamLeaves.all(id.value).map((row): StreamLeaf => {
            const leafHash = bytesOf(row.leaf_hash);
            if (leafHash === null) {
              throw new Refusal(
                storeCorrupt(`第 ${row.position} 号事件的叶子哈希格式错误`, { position: row.position }),
              );
            }
            return { seq: row.seq, position: row.position, leafHash };
          }),
        );
      });
    },

    streamsLinkedTo(caseId) {
      return guard("读取关联记录流", () => {
        const id = checkCaseId(caseId);
        if (id.isErr()) return err(id.error);
        return ok(st.linkedStreams.all(id.value));
      });
    },

    readProjectionRows(projection, rowOptions) {
      return guard("读取投影行", () => {
        const name = checkProjectionName(projections, projection);
        if (name.isErr()) return err(name.error);
        const o = checkReadProjectionRowsOptions(rowOptions);
        if (o.isErr()) return err(o.error);
        const reads = rawStatements();
        const rows =
          o.value.afterKey === undefined
            ? reads.firstRows.all(name.value, o.value.limit)
            : reads.rows.all(name.value, o.value.afterKey, o.value.limit);
        return ok(rows.map(decodeProjectionRow));
      });
    },

    readStreamVersions(versionOptions) {
      return guard("读取事件流版本", () => {
        const o = checkReadProjectionRowsOptions(versionOptions);
        if (o.isErr()) return err(o.error);
        streamVersionReads ??= {
          first: db.prepare<[number], StreamVersionRecord>(
            "SELECT case_id, version FROM streams ORDER BY case_id LIMIT ?",
          ),
          after: db.prepare<[string, number], StreamVersionRecord>(
            "SELECT case_id, version FROM streams WHERE case_id > ? ORDER BY case_id LIMIT ?",
          ),
        };
        const { afterKey, limit } = o.value;
        const rows =
          afterKey === undefined ? streamVersionReads.first.all(limit) : streamVersionReads.after.all(afterKey, limit);
        return ok(rows.map((r) => ({ caseId: r.case_id, version: r.version })));
      });
    },

    close() {
      closing ??= (async () => {
        await Promise.all([...subscriptions].map((s) => s.close()));
        closed = true;
        if (readAheadState != null) await readAheadState.close();
        wakeAll();
        neighbours.delete(wakeAll);
        if (neighbours.size === 0 && localStores.get(localKey) === neighbours) localStores.delete(localKey);
        try {
          db.close();
        } catch {
          // close() never fails: the connection is released by the driver either way
        }
      })();
      return closing;
    },
  };

  const rebuildOutdated = (): Result<true, SanxiangError> => {
    try {
      rebuildOutdatedTx.immediate();
      return ok(true);
    } catch (cause) {
      closed = true;
      neighbours.delete(wakeAll);
      return err(driverError("重建投影", cause, { path }));
    }
  };

  return { store, rebuildOutdated };
}
