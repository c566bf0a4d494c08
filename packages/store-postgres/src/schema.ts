// 数据库结构 — the store's tables, in its own PostgreSQL schema, as numbered migrations. Each
// migration runs once, in the opening transaction, under an advisory lock, and is recorded in
// `schema_migrations`; a database migrated by a newer release (a version this code does not
// know) is refused untouched.
//
// Keys and sort keys are `COLLATE "C"`: rows order by code point (UTF-8 byte order), as the
// projection contract says, never by the database's locale. Event text is `TEXT`, not `jsonb`
// (which would reorder keys and lose the canonical bytes the leaf hash covers).

/** The schema name pattern: a lower-case identifier short enough for the notification channel. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

/** Quotes an identifier already checked against {@link SCHEMA_NAME}. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The LISTEN/NOTIFY channel of a schema's store. */
export function channelOf(schema: string): string {
  return `sanxiang_events_${schema}`;
}

/** One migration: its version and the statements it runs (`$S` stands for the quoted schema). */
interface Migration {
  readonly version: number;
  readonly statements: readonly string[];
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    statements: [
      `CREATE TABLE $S.meta (
        key TEXT COLLATE "C" PRIMARY KEY,
        value TEXT NOT NULL
      )`,
      `CREATE TABLE $S.events (
        position BIGINT PRIMARY KEY CHECK (position > 0),
        case_id TEXT COLLATE "C" NOT NULL,
        seq BIGINT NOT NULL CHECK (seq > 0),
        type TEXT COLLATE "C" NOT NULL,
        json TEXT NOT NULL,
        leaf_hash BYTEA NOT NULL,
        CONSTRAINT events_case_seq UNIQUE (case_id, seq)
      )`,
      // The one head row: the log's size and Merkle frontier. Appends lock it FOR UPDATE, which
      // serialises them and makes positions dense (a sequence would leave gaps on rollback).
      `CREATE TABLE $S.log_head (
        id BOOLEAN PRIMARY KEY DEFAULT true CHECK (id),
        tree_size BIGINT NOT NULL,
        frontier BYTEA NOT NULL
      )`,
      `INSERT INTO $S.log_head (id, tree_size, frontier) VALUES (true, 0, '\\x')`,
      `CREATE TABLE $S.projection_rows (
        projection TEXT COLLATE "C" NOT NULL,
        key TEXT COLLATE "C" NOT NULL,
        sort_key TEXT COLLATE "C",
        value TEXT NOT NULL,
        count BIGINT NOT NULL DEFAULT 0,
        position BIGINT NOT NULL,
        PRIMARY KEY (projection, key)
      )`,
      `CREATE INDEX projection_rows_sort ON $S.projection_rows (projection, sort_key, key)`,
      `CREATE TABLE $S.projection_versions (
        projection TEXT COLLATE "C" PRIMARY KEY,
        version INTEGER NOT NULL
      )`,
      `CREATE TABLE $S.signed_tree_heads (
        tree_size BIGINT PRIMARY KEY,
        root_hash BYTEA NOT NULL,
        hash_algorithm TEXT NOT NULL,
        signed_at_ms BIGINT NOT NULL,
        head TEXT NOT NULL
      )`,
    ],
  },
  {
    // 案件流版本 — each case's stream version, kept apart from the event rows so that `load`
    // can tell a stream whose last rows are gone (deleted, or moved to another case id by an
    // UPDATE) from a shorter stream. Maintained by a statement trigger on INSERT, in the
    // append's own transaction; an UPDATE or DELETE of events does not touch it, which is
    // the point.
    version: 2,
    statements: [
      `CREATE TABLE $S.streams (
        case_id TEXT COLLATE "C" PRIMARY KEY,
        version BIGINT NOT NULL CHECK (version > 0)
      )`,
      `INSERT INTO $S.streams (case_id, version) SELECT case_id, max(seq) FROM $S.events GROUP BY case_id`,
      `CREATE FUNCTION $S.record_stream_versions() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO $S.streams AS s (case_id, version)
          SELECT case_id, max(seq) FROM inserted_events GROUP BY case_id
          ON CONFLICT (case_id) DO UPDATE SET version = GREATEST(s.version, EXCLUDED.version);
        RETURN NULL;
      END $$`,
      `CREATE TRIGGER events_stream_versions AFTER INSERT ON $S.events
        REFERENCING NEW TABLE AS inserted_events FOR EACH STATEMENT EXECUTE FUNCTION $S.record_stream_versions()`,
    ],
  },
  {
    // 默克尔子树 — every interior node of the log's Merkle tree (level ≥ 1; level 0 is
    // events.leaf_hash), written in the append's statement as the frontier completes it, so
    // an inclusion proof reads O(log² n) nodes instead of hashing the whole log
    // (EventStore.readMerkleNodes); a store that had events before this migration gets them
    // from its leaf hashes in the opening transaction. 关联流索引 — the streams whose first
    // event names a case (caseLinkOf: payload.caseId, else payload.draft.caseId, as a
    // string), for EventStore.streamsLinkedTo; text that is not JSON names none.
    version: 3,
    statements: [
      `CREATE TABLE $S.merkle_nodes (
        level SMALLINT NOT NULL CHECK (level > 0),
        idx BIGINT NOT NULL CHECK (idx >= 0),
        hash BYTEA NOT NULL,
        PRIMARY KEY (level, idx)
      )`,
      `CREATE FUNCTION $S.linked_case(doc TEXT) RETURNS TEXT LANGUAGE plpgsql IMMUTABLE STRICT AS $$
      DECLARE j jsonb;
      BEGIN
        j := doc::jsonb;
        IF jsonb_typeof(j #> '{payload,caseId}') = 'string' THEN RETURN j #>> '{payload,caseId}'; END IF;
        IF jsonb_typeof(j #> '{payload,draft,caseId}') = 'string' THEN RETURN j #>> '{payload,draft,caseId}'; END IF;
        RETURN NULL;
      EXCEPTION WHEN others THEN RETURN NULL;
      END $$`,
      `CREATE INDEX events_linked_case ON $S.events ($S.linked_case(json) COLLATE "C", position) WHERE seq = 1`,
    ],
  },
];

/** The schema version this code creates and understands. */
export const SCHEMA_VERSION = MIGRATIONS.at(-1)?.version ?? 0;

/** The statements to bring a schema from `from` to {@link SCHEMA_VERSION}, with their versions. */
export function migrationsAfter(from: number, schema: string): { version: number; statements: string[] }[] {
  const quoted = ident(schema);
  return MIGRATIONS.filter((m) => m.version > from).map((m) => ({
    version: m.version,
    statements: m.statements.map((s) => s.replaceAll("$S", quoted)),
  }));
}
