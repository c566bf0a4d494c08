// 数据库结构 — the SQLite schema as ordered migrations. Each migration runs once, in the
// transaction that records it in `schema_migrations`; a database whose recorded version is
// newer than the last migration here was written by newer code and is refused untouched.

/** One schema migration: its version (1, 2, 3, …), a name, and the SQL it runs. */
export interface SqliteMigration {
  /** Version the database is at after this migration. */
  readonly version: number;
  /** Short name, recorded beside the version. */
  readonly name: string;
  /** The statements (run with `exec`, inside the migration's transaction). */
  readonly sql: string;
}

/** The version table; created (if missing) before any migration runs. */
export const SCHEMA_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
)`;

/**
 * The case a stream's first event names, as SQL over the event's JSON text: `payload.caseId`
 * when it is a string, else `payload.draft.caseId` when that is (core's `caseLinkOf`); NULL
 * otherwise, and for text that is not JSON.
 */
export const LINKED_CASE_EXPRESSION = `iif(json_valid(json), coalesce(iif(json_type(json, '$.payload.caseId') = 'text', json_extract(json, '$.payload.caseId')), iif(json_type(json, '$.payload.draft.caseId') = 'text', json_extract(json, '$.payload.draft.caseId'))), NULL)`;

/**
 * The migrations, in order. Never edit one that has shipped: add the next. Text columns
 * use SQLite's default BINARY collation, which on UTF-8 text is code-point order — the
 * order ProjectionQuery specifies.
 */
export const MIGRATIONS: readonly SqliteMigration[] = [
  {
    version: 1,
    name: "event log, Merkle head, projections, signed tree heads",
    sql: `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE events (
  position INTEGER PRIMARY KEY,
  case_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  type TEXT NOT NULL,
  json TEXT NOT NULL,
  leaf_hash BLOB NOT NULL,
  UNIQUE (case_id, seq)
);

CREATE TABLE log_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  tree_size INTEGER NOT NULL,
  frontier BLOB NOT NULL
);
INSERT INTO log_head (id, tree_size, frontier) VALUES (1, 0, x'');

CREATE TABLE projection_rows (
  projection TEXT NOT NULL,
  key TEXT NOT NULL,
  sort_key TEXT,
  value TEXT NOT NULL,
  count INTEGER NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (projection, key)
) WITHOUT ROWID;
CREATE INDEX projection_rows_by_sort_key ON projection_rows (projection, sort_key, key);

CREATE TABLE projection_versions (
  projection TEXT PRIMARY KEY,
  version INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE signed_tree_heads (
  tree_size INTEGER PRIMARY KEY,
  json TEXT NOT NULL
);
`,
  },
  {
    // 案件流版本 — each case's stream version, kept apart from the event rows so that `load`
    // can tell a stream whose last rows are gone (deleted, or moved to another case id by an
    // UPDATE) from a shorter stream. Maintained by a trigger on INSERT, in the append's own
    // transaction; an UPDATE or DELETE of events does not touch it, which is the point.
    version: 2,
    name: "stream versions kept apart from the events",
    sql: `
CREATE TABLE streams (
  case_id TEXT PRIMARY KEY,
  version INTEGER NOT NULL CHECK (version > 0)
) WITHOUT ROWID;
INSERT INTO streams (case_id, version) SELECT case_id, max(seq) FROM events GROUP BY case_id;
CREATE TRIGGER events_stream_version AFTER INSERT ON events BEGIN
  INSERT INTO streams (case_id, version) VALUES (NEW.case_id, NEW.seq)
  ON CONFLICT (case_id) DO UPDATE SET version = max(version, excluded.version);
END;
`,
  },
  {
    // 默克尔子树 — every interior node of the log's Merkle tree (level ≥ 1; level 0 is
    // events.leaf_hash), written in the append's transaction as the frontier completes it, so
    // that an inclusion proof reads O(log² n) nodes instead of hashing the whole log
    // (EventStore.readMerkleNodes). The nodes of a store that had events before this
    // migration are computed from its leaf hashes when it is opened (the same transaction).
    // 关联流索引 — the streams whose first event names a case (caseLinkOf: payload.caseId,
    // else payload.draft.caseId, as text), for EventStore.streamsLinkedTo; the expression is
    // LINKED_CASE_EXPRESSION, and the query must spell it the same way to use the index.
    version: 3,
    name: "Merkle subtrees and the linked-stream index",
    sql: `
CREATE TABLE merkle_nodes (
  level INTEGER NOT NULL CHECK (level > 0),
  idx INTEGER NOT NULL CHECK (idx >= 0),
  hash BLOB NOT NULL,
  PRIMARY KEY (level, idx)
) WITHOUT ROWID;
CREATE INDEX events_linked_case ON events (${LINKED_CASE_EXPRESSION}, position) WHERE seq = 1;
`,
  },
];

/** The schema version this code writes and reads (the last migration's). */
export const SQLITE_SCHEMA_VERSION: number = MIGRATIONS.at(-1)?.version ?? 0;
