// Opening a store: the schema is created by numbered migrations in one transaction under an
// advisory lock; reopening is a no-op; nodes opening one fresh schema at once all succeed; a
// schema from a newer release is refused untouched; the hash algorithm is fixed at creation;
// a changed projection version is rebuilt; bad options are typed errors.
import { defaultProjections, memoryEventStore, type Projection } from "@sanxiang/core";
import { testEvents } from "@sanxiang/testkit/conformance";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { openPostgresStore, POSTGRES_SCHEMA_VERSION } from "./index.js";
import { adminPool, describePg, dropSchema, endAdminPool, freshSchema, mustOpen } from "./testing/helpers.js";

describePg("PostgreSQL store migrations", (url) => {
  afterAll(endAdminPool);
  const db = () => adminPool(url);

  /** Everything about a schema a migration could change: tables, columns, migration rows, row counts. */
  async function snapshot(schema: string) {
    const columns = await db().query(
      `SELECT table_name, column_name, data_type, collation_name FROM information_schema.columns
       WHERE table_schema = $1 ORDER BY table_name, ordinal_position`,
      [schema],
    );
    const tables = [...new Set(columns.rows.map((r) => String(r.table_name)))];
    const counts: Record<string, number> = {};
    for (const t of tables)
      counts[t] = Number((await db().query(`SELECT count(*) AS n FROM "${schema}"."${t}"`)).rows[0]?.n);
    const migrations = tables.includes("schema_migrations")
      ? (await db().query(`SELECT version, applied_at FROM "${schema}".schema_migrations ORDER BY version`)).rows
      : [];
    return { columns: columns.rows, counts, migrations };
  }

  test("a fresh schema gets every table at the current version; reopening changes nothing", async () => {
    const schema = freshSchema("mig");
    try {
      const store = await mustOpen({ connectionString: url, schema, poolSize: 2 });
      expect(store.schema).toBe(schema);
      expect(store.schemaVersion).toBe(POSTGRES_SCHEMA_VERSION);
      expect(store.hashAlgorithm).toBe("sha256");
      (await store.append("m1", 0, testEvents("m1", 0, 3)))._unsafeUnwrap();
      await store.close();
      const before = await snapshot(schema);
      expect(before.migrations.map((r) => r.version)).toEqual([1, 2, 3]);
      expect(Object.keys(before.counts).sort()).toEqual(
        [
          "events",
          "log_head",
          "merkle_nodes",
          "meta",
          "projection_rows",
          "projection_versions",
          "schema_migrations",
          "signed_tree_heads",
          "streams",
        ].sort(),
      );
      expect(before.counts.events).toBe(3);
      // Keys order by code point whatever the database's locale.
      const keyColumns = before.columns.filter((c) => ["case_id", "key", "sort_key"].includes(String(c.column_name)));
      expect(keyColumns.map((c) => c.collation_name)).toEqual(keyColumns.map(() => "C"));
      const again = await mustOpen({ connectionString: url, schema, poolSize: 2 });
      expect((await again.load("m1"))._unsafeUnwrap()).toHaveLength(3);
      await again.close();
      expect(await snapshot(schema)).toEqual(before);
    } finally {
      await dropSchema(url, schema);
    }
  }, 30_000);

  test("a store made before subtrees were kept gets them from its leaves on opening, equal to the in-memory store's", async () => {
    const schema = freshSchema("nodes");
    try {
      const memory = memoryEventStore();
      const store = await mustOpen({ connectionString: url, schema, poolSize: 2 });
      const streams: [string, Record<string, unknown>][] = [
        ["c1", {}],
        ["r1", { caseId: "c1" }],
        ["d1", { draft: { caseId: "c1" } }],
        ["x1", { caseId: 7, draft: { caseId: "c1" } }],
        ["y1", { caseId: "c2", draft: { caseId: "c1" } }],
      ];
      for (let round = 0; round < 3; round++) {
        for (const [id, payload] of streams) {
          const events = testEvents(id, round * 3, 3, (seq) => (seq === 1 ? payload : {}));
          (await store.append(id, round * 3, events))._unsafeUnwrap();
          (await memory.append(id, round * 3, events))._unsafeUnwrap();
        }
      }
      await store.close();
      // Back to schema version 2, as an older release left it.
      await db().query(
        `DROP INDEX "${schema}".events_linked_case; DROP FUNCTION "${schema}".linked_case; DROP TABLE "${schema}".merkle_nodes; DELETE FROM "${schema}".schema_migrations WHERE version >= 3`,
      );
      const again = await mustOpen({ connectionString: url, schema, poolSize: 2 });
      const size = (await again.head())._unsafeUnwrap().position;
      expect(size).toBe(45);
      const refs = [];
      for (let level = 0; 2 ** level <= size; level++) {
        for (let index = 0; (index + 1) * 2 ** level <= size; index++) refs.push({ level, index });
      }
      expect((await again.readMerkleNodes?.(refs))?._unsafeUnwrap()).toEqual(
        (await memory.readMerkleNodes?.(refs))?._unsafeUnwrap(),
      );
      expect((await again.streamsLinkedTo?.("c1"))?._unsafeUnwrap()).toEqual(["r1", "d1", "x1"]);
      (await again.append("c1", 9, testEvents("c1", 9, 4)))._unsafeUnwrap();
      (await memory.append("c1", 9, testEvents("c1", 9, 4)))._unsafeUnwrap();
      const more = [
        { level: 5, index: 0 },
        { level: 1, index: 23 },
        { level: 0, index: 48 },
      ];
      expect((await again.readMerkleNodes?.(more))?._unsafeUnwrap()).toEqual(
        (await memory.readMerkleNodes?.(more))?._unsafeUnwrap(),
      );
      await again.close();
    } finally {
      await dropSchema(url, schema);
    }
  }, 60_000);

  test("several nodes opening one fresh schema at once all succeed, and it is migrated once", async () => {
    const schema = freshSchema("race");
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, () => openPostgresStore({ connectionString: url, schema, poolSize: 1 })),
      );
      expect(results.map((r) => (r.isOk() ? "ok" : r.error.code))).toEqual(results.map(() => "ok"));
      const stores = results.map((r) => r._unsafeUnwrap());
      (await stores[0]?.append("r", 0, testEvents("r", 0, 1)))?._unsafeUnwrap();
      expect((await stores[5]?.load("r"))?._unsafeUnwrap()).toHaveLength(1);
      for (const s of stores) await s.close();
      const snap = await snapshot(schema);
      expect(snap.migrations.map((r) => r.version)).toEqual([1, 2, 3]);
      expect(snap.counts.log_head).toBe(1);
      expect(snap.counts.meta).toBe(1);
    } finally {
      await dropSchema(url, schema);
    }
  }, 30_000);

  test("a schema migrated by a newer release is refused with a typed error and left untouched", async () => {
    const schema = freshSchema("future");
    try {
      const store = await mustOpen({ connectionString: url, schema, poolSize: 1 });
      (await store.append("f", 0, testEvents("f", 0, 2)))._unsafeUnwrap();
      await store.close();
      await db().query(`INSERT INTO "${schema}".schema_migrations (version) VALUES (${POSTGRES_SCHEMA_VERSION + 1})`);
      const before = await snapshot(schema);
      const r = await openPostgresStore({ connectionString: url, schema, poolSize: 1 });
      expect(r.isErr() && r.error.code).toBe("STORE_UNAVAILABLE");
      expect(r.isErr() && r.error.details).toMatchObject({
        schemaVersion: POSTGRES_SCHEMA_VERSION + 1,
        supported: POSTGRES_SCHEMA_VERSION,
      });
      expect(await snapshot(schema)).toEqual(before);
      // A schema holding only a newer release's version table gets none of this release's tables.
      const bare = freshSchema("future");
      try {
        await db().query(`CREATE SCHEMA "${bare}"`);
        await db().query(
          `CREATE TABLE "${bare}".schema_migrations (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`,
        );
        await db().query(`INSERT INTO "${bare}".schema_migrations (version) VALUES (99)`);
        const bareBefore = await snapshot(bare);
        const refused = await openPostgresStore({ connectionString: url, schema: bare, poolSize: 1 });
        expect(refused.isErr() && refused.error.code).toBe("STORE_UNAVAILABLE");
        expect(await snapshot(bare)).toEqual(bareBefore);
      } finally {
        await dropSchema(url, bare);
      }
    } finally {
      await dropSchema(url, schema);
    }
  }, 30_000);

  test("the hash algorithm is fixed when the store is created", async () => {
    const schema = freshSchema("hash");
    try {
      const created = await mustOpen({ connectionString: url, schema, hash: "sm3", poolSize: 1 });
      const root = (await created.append("h", 0, testEvents("h", 0, 2)))._unsafeUnwrap().treeHead.rootHash;
      await created.close();
      const wrong = await openPostgresStore({ connectionString: url, schema, hash: "sha256", poolSize: 1 });
      expect(wrong.isErr() && wrong.error.code).toBe("INVALID_INPUT");
      const adopted = await mustOpen({ connectionString: url, schema, poolSize: 1 });
      expect(adopted.hashAlgorithm).toBe("sm3");
      expect((await adopted.head())._unsafeUnwrap().treeHead.rootHash).toEqual(root);
      await adopted.close();
    } finally {
      await dropSchema(url, schema);
    }
  }, 30_000);

  test("opening with a changed projection version rebuilds that projection from the log", async () => {
    const schema = freshSchema("proj");
    const tally = (version: number, by: number): Projection => ({
      name: "tally",
      version,
      project: (e) => [{ op: "increment", key: e.caseId, by }],
    });
    try {
      const v1 = await mustOpen({ connectionString: url, schema, projections: [tally(1, 1)], poolSize: 1 });
      (await v1.append("p", 0, testEvents("p", 0, 4)))._unsafeUnwrap();
      expect((await v1.getProjectionRow("tally", "p"))._unsafeUnwrap()?.count).toBe(4);
      await v1.close();
      const v2 = await mustOpen({ connectionString: url, schema, projections: [tally(2, 10)], poolSize: 1 });
      expect((await v2.getProjectionRow("tally", "p"))._unsafeUnwrap()?.count).toBe(40);
      await v2.close();
      // Same version: no rebuild (the rows stay as the running code left them).
      const same = await mustOpen({ connectionString: url, schema, projections: [tally(2, 100)], poolSize: 1 });
      expect((await same.getProjectionRow("tally", "p"))._unsafeUnwrap()?.count).toBe(40);
      await same.close();
    } finally {
      await dropSchema(url, schema);
    }
  }, 30_000);

  test("bad options and an unreachable server are typed errors, never throws", async () => {
    for (const schema of ["Upper", "has-dash", "pg_catalog", "", "x".repeat(49)]) {
      const r = await openPostgresStore({ connectionString: url, schema });
      expect(r.isErr() && r.error.code).toBe("INVALID_INPUT");
    }
    expect((await openPostgresStore({})).isErr()).toBe(true);
    expect((await openPostgresStore({ connectionString: url, poolSize: 0 })).isErr()).toBe(true);
    const down = await openPostgresStore({
      connectionString: "postgres://postgres@127.0.0.1:1/test",
      schema: freshSchema(),
    });
    expect(down.isErr() && down.error.code).toBe("STORE_UNAVAILABLE");
  }, 30_000);

  test("an application's own pool is used and left open by close()", async () => {
    const schema = freshSchema("pool");
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    try {
      const store = await mustOpen({ pool, schema, projections: defaultProjections() });
      (await store.append("a", 0, testEvents("a", 0, 1)))._unsafeUnwrap();
      await store.close();
      const r = await pool.query(`SELECT count(*) AS n FROM "${schema}".events`);
      expect(Number(r.rows[0]?.n)).toBe(1);
    } finally {
      await pool.end();
      await dropSchema(url, schema);
    }
  }, 30_000);
});
