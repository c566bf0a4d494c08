// What only the SQLite store has to get right, beyond the published suite: schema
// migrations (fresh, reopen, a newer schema refused untouched), the hash algorithm fixed at
// creation, projection rebuilds when a projection's version changes, a damaged log head,
// damaged rows, a busy database, and options that cannot work — each a typed error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { memoryEventStore, ok, type Projection, type SanxiangError, verifyEventStore } from "@sanxiang/core";
import { testEvent, testEvents } from "@sanxiang/testkit/conformance";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { openSqliteStore, SQLITE_SCHEMA_VERSION, type SqliteStoreOptions } from "./index.js";
import { LINKED_CASE_EXPRESSION } from "./schema.js";

const root = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-store-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const freshPath = () => join(root, `db-${++n}`, "events.db");

function raw<T>(path: string, body: (db: Database.Database) => T): T {
  const db = new Database(path);
  try {
    return body(db);
  } finally {
    db.close();
  }
}

const codeOf = (r: { isErr(): boolean; error?: unknown }) => (r.isErr() ? (r.error as SanxiangError).code : "ok");

async function seed(path: string, options: SqliteStoreOptions = {}) {
  const store = openSqliteStore({ path, ...options })._unsafeUnwrap();
  (await store.append("a", 0, testEvents("a", 0, 3)))._unsafeUnwrap();
  (await store.append("b", 0, testEvents("b", 0, 2)))._unsafeUnwrap();
  await store.close();
}

describe("schema migrations", () => {
  test("a fresh database gets every migration, WAL and its tables; reopening changes nothing", async () => {
    const path = freshPath();
    const store = openSqliteStore({ path })._unsafeUnwrap();
    expect(store.schemaVersion).toBe(SQLITE_SCHEMA_VERSION);
    expect(store.path).toBe(path);
    expect(store.capabilities).toEqual({ durable: true, multiWriter: true, subscription: "poll" });
    await store.close();
    const before = raw(path, (db) => ({
      migrations: db.prepare("SELECT version, name, applied_at FROM schema_migrations").all(),
      mode: db.pragma("journal_mode", { simple: true }),
      tables: db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all(),
    }));
    expect(before.migrations).toHaveLength(SQLITE_SCHEMA_VERSION);
    expect(before.mode).toBe("wal");
    expect(before.tables).toEqual([
      "events",
      "log_head",
      "merkle_nodes",
      "meta",
      "projection_rows",
      "projection_versions",
      "schema_migrations",
      "signed_tree_heads",
      "streams",
    ]);
    await seed(path);
    const again = openSqliteStore({ path })._unsafeUnwrap();
    expect((await again.head())._unsafeUnwrap().position).toBe(5);
    await again.close();
    expect(raw(path, (db) => db.prepare("SELECT version, name, applied_at FROM schema_migrations").all())).toEqual(
      before.migrations,
    );
  });

  test("a database from a newer schema is refused and left byte for byte as it was", async () => {
    const path = freshPath();
    await seed(path);
    raw(path, (db) =>
      db
        .prepare("INSERT INTO schema_migrations (version, name) VALUES (?, 'from the future')")
        .run(SQLITE_SCHEMA_VERSION + 1),
    );
    const bytes = readFileSync(path);
    const r = openSqliteStore({ path });
    expect(codeOf(r)).toBe("STORE_UNAVAILABLE");
    expect(r._unsafeUnwrapErr().details).toMatchObject({
      schemaVersion: SQLITE_SCHEMA_VERSION + 1,
      supported: SQLITE_SCHEMA_VERSION,
    });
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });

  test("the hash algorithm is fixed at creation: another is refused, none given means the stored one", async () => {
    const path = freshPath();
    await seed(path, { hash: "sm3" });
    const r = openSqliteStore({ path, hash: "sha256" });
    expect(codeOf(r)).toBe("INVALID_INPUT");
    expect(r._unsafeUnwrapErr().details).toEqual({ stored: "sm3", requested: "sha256" });
    const store = openSqliteStore({ path })._unsafeUnwrap();
    expect(store.hashAlgorithm).toBe("sm3");
    (await verifyEventStore(store))._unsafeUnwrap();
    await store.close();
  });
});

describe("projection versions", () => {
  const tagger = (version: number, tag: string): Projection => ({
    name: "tags",
    version,
    project: (e) => [{ op: "put", key: `${e.caseId}#${e.seq}`, sortKey: null, value: { tag } }],
  });

  test("a projection whose version changed is rebuilt on opening; an unchanged one is left alone", async () => {
    const path = freshPath();
    await seed(path, { projections: [tagger(1, "old")] });
    // Change a row behind the store's back: an unchanged version must not rebuild it.
    raw(path, (db) => db.prepare("UPDATE projection_rows SET value = '{\"tag\":\"edited\"}' WHERE key = 'a#1'").run());
    const same = openSqliteStore({ path, projections: [tagger(1, "old")] })._unsafeUnwrap();
    expect((await same.getProjectionRow("tags", "a#1"))._unsafeUnwrap()?.value).toEqual({ tag: "edited" });
    await same.close();
    const newer = openSqliteStore({ path, projections: [tagger(2, "new")] })._unsafeUnwrap();
    const rows = (await newer.queryProjection("tags"))._unsafeUnwrap();
    expect(rows.map((r) => [r.key, r.value.tag, r.position])).toEqual([
      ["a#1", "new", 1],
      ["a#2", "new", 2],
      ["a#3", "new", 3],
      ["b#1", "new", 4],
      ["b#2", "new", 5],
    ]);
    await newer.close();
    expect(
      raw(path, (db) => db.prepare("SELECT version FROM projection_versions WHERE projection = 'tags'").pluck().get()),
    ).toBe(2);
  });

  test("a projection added to an existing store is built from the whole log", async () => {
    const path = freshPath();
    await seed(path, { projections: [] });
    const store = openSqliteStore({ path, projections: [tagger(1, "late")] })._unsafeUnwrap();
    expect((await store.queryProjection("tags"))._unsafeUnwrap()).toHaveLength(5);
    await store.close();
  });
});

describe("damaged storage", () => {
  test("a changed byte of the stored Merkle frontier is MERKLE_ROOT_MISMATCH; a truncated one STORE_CORRUPT everywhere", async () => {
    for (const byte of [0, 7, 31, 32, 63]) {
      const path = freshPath();
      await seed(path);
      raw(path, (db) => {
        const frontier = Buffer.from(db.prepare("SELECT frontier FROM log_head").pluck().get() as Buffer);
        frontier[byte % frontier.length] = (frontier[byte % frontier.length] as number) ^ 0x80;
        db.prepare("UPDATE log_head SET frontier = ?").run(frontier);
      });
      const store = openSqliteStore({ path })._unsafeUnwrap();
      expect(codeOf(await verifyEventStore(store))).toBe("MERKLE_ROOT_MISMATCH");
      await store.close();
    }
    const path = freshPath();
    await seed(path);
    raw(path, (db) => db.prepare("UPDATE log_head SET frontier = substr(frontier, 1, 20)").run());
    const store = openSqliteStore({ path })._unsafeUnwrap();
    expect(codeOf(await store.head())).toBe("STORE_CORRUPT");
    expect(codeOf(await store.append("a", 3, [testEvent("a", 4)]))).toBe("STORE_CORRUPT");
    expect(codeOf(await verifyEventStore(store))).toBe("STORE_CORRUPT");
    await store.close();
  });

  test("a head that disagrees with the events table refuses appends (STORE_CORRUPT), nothing written", async () => {
    const path = freshPath();
    await seed(path);
    raw(path, (db) => db.prepare("DELETE FROM events WHERE position = 5").run());
    const store = openSqliteStore({ path })._unsafeUnwrap();
    expect(codeOf(await store.append("c", 0, [testEvent("c", 1)]))).toBe("STORE_CORRUPT");
    expect((await store.load("c"))._unsafeUnwrap()).toEqual([]);
    expect(codeOf(await verifyEventStore(store))).toBe("STORE_CORRUPT");
    await store.close();
  });

  test("rows that cannot be decoded are STORE_CORRUPT from every read, never a throw", async () => {
    const path = freshPath();
    await seed(path);
    raw(path, (db) => {
      db.prepare("UPDATE events SET json = '{not json' WHERE position = 2").run();
      db.prepare("UPDATE events SET seq = 9 WHERE position = 4").run();
      db.prepare("INSERT INTO signed_tree_heads (tree_size, json) VALUES (1, '[]')").run();
    });
    const store = openSqliteStore({ path })._unsafeUnwrap();
    expect(codeOf(await store.load("a"))).toBe("STORE_CORRUPT");
    expect(codeOf(await store.load("b"))).toBe("STORE_CORRUPT");
    expect(codeOf(await store.readAll())).toBe("STORE_CORRUPT");
    expect(codeOf(await store.latestSignedTreeHead())).toBe("STORE_CORRUPT");
    expect(codeOf(await store.rebuildProjections())).toBe("STORE_CORRUPT");
    await store.close();
  });

  test("a file that is not a SQLite database is STORE_CORRUPT", () => {
    const path = freshPath();
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, "这不是数据库".repeat(200));
    expect(codeOf(openSqliteStore({ path }))).toBe("STORE_CORRUPT");
  });
});

// The columns kept beside the event JSON (case_id, seq, type) and the stream versions kept
// apart from the rows are what `load` selects by and orders by: someone with SQL access who
// changes them must never make `load` serve a shorter or a foreign stream unnoticed. Seeded
// store: case a = positions 1–3, case b = positions 4–5.
describe("columns beside the event JSON", () => {
  const tampers: readonly {
    readonly what: string;
    readonly sql: string;
    /** Cases whose load must be STORE_CORRUPT. */
    readonly cases: readonly string[];
    /** What readAll must say (`ok` when the rows themselves are whole). */
    readonly readAll: string;
    /** What verifyEventStore must say. */
    readonly verify: string;
  }[] = [
    {
      what: "the last event of a moved to another case id",
      sql: "UPDATE events SET case_id = 'c' WHERE position = 3",
      cases: ["a", "c"],
      readAll: "STORE_CORRUPT",
      verify: "STORE_CORRUPT",
    },
    {
      what: "the last event of a moved onto the end of b",
      sql: "UPDATE events SET case_id = 'b' WHERE position = 3",
      cases: ["a", "b"],
      readAll: "STORE_CORRUPT",
      verify: "STORE_CORRUPT",
    },
    {
      what: "a seq renumbered",
      sql: "UPDATE events SET seq = 9 WHERE position = 3",
      cases: ["a"],
      readAll: "STORE_CORRUPT",
      verify: "STORE_CORRUPT",
    },
    {
      what: "two seqs swapped",
      sql: "UPDATE events SET seq = -seq WHERE position IN (1, 2); UPDATE events SET seq = 3 + seq WHERE position IN (1, 2)",
      cases: ["a"],
      readAll: "STORE_CORRUPT",
      verify: "STORE_CORRUPT",
    },
    {
      what: "a type changed",
      sql: "UPDATE events SET type = 'case.closed' WHERE position = 4",
      cases: ["b"],
      readAll: "STORE_CORRUPT",
      verify: "STORE_CORRUPT",
    },
    {
      what: "the last event of a deleted",
      sql: "DELETE FROM events WHERE position = 3",
      cases: ["a"],
      readAll: "ok",
      verify: "STORE_CORRUPT",
    },
    {
      what: "the last event of the log deleted",
      sql: "DELETE FROM events WHERE position = 5",
      cases: ["b"],
      readAll: "ok",
      verify: "STORE_CORRUPT",
    },
    {
      what: "a whole stream deleted",
      sql: "DELETE FROM events WHERE case_id = 'b'",
      cases: ["b"],
      readAll: "ok",
      verify: "STORE_CORRUPT",
    },
    {
      what: "a row duplicated under another case id",
      sql: "INSERT INTO events (position, case_id, seq, type, json, leaf_hash) SELECT 6, 'z', seq, type, json, leaf_hash FROM events WHERE position = 1",
      cases: ["z"],
      readAll: "STORE_CORRUPT",
      verify: "STORE_CORRUPT",
    },
    {
      // verify compares every stream's recorded version with its last event (readStreamVersions).
      what: "a stream's recorded version lowered",
      sql: "UPDATE streams SET version = 2 WHERE case_id = 'a'",
      cases: ["a"],
      readAll: "ok",
      verify: "STORE_CORRUPT",
    },
  ];

  for (const t of tampers) {
    test(`${t.what}: load of ${t.cases.join(", ")} is STORE_CORRUPT; readAll ${t.readAll}; verify ${t.verify}`, async () => {
      const path = freshPath();
      await seed(path);
      raw(path, (db) => db.exec(t.sql));
      const store = openSqliteStore({ path })._unsafeUnwrap();
      try {
        for (const caseId of t.cases) {
          const loaded = await store.load(caseId);
          expect(codeOf(loaded), `load(${caseId})`).toBe("STORE_CORRUPT");
          expect(loaded._unsafeUnwrapErr().details?.caseId).toBeDefined();
          expect(loaded._unsafeUnwrapErr().details?.seq).toBeDefined();
        }
        expect(codeOf(await store.readAll())).toBe(t.readAll);
        expect(codeOf(await verifyEventStore(store))).toBe(t.verify);
      } finally {
        await store.close();
      }
    });
  }

  test("a row whose columns disagree with its JSON is named by case, seq and position", async () => {
    const path = freshPath();
    await seed(path);
    raw(path, (db) => db.prepare("UPDATE events SET case_id = 'c' WHERE position = 3").run());
    const store = openSqliteStore({ path })._unsafeUnwrap();
    const e = (await store.readAll())._unsafeUnwrapErr();
    expect(e.details).toMatchObject({ position: 3, caseId: "a", seq: 3, columns: { caseId: "c", seq: 3 } });
    await store.close();
  });

  test("property: any change of case_id, seq or type of any row is caught by load and by verifyEventStore", async () => {
    const path = freshPath();
    await seed(path);
    const pristine = readFileSync(path);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.oneof(
          fc.record({ column: fc.constant("case_id" as const), value: fc.constantFrom("a", "b", "c", "a ", "A") }),
          fc.record({ column: fc.constant("seq" as const), value: fc.integer({ min: 1, max: 7 }) }),
          fc.record({
            column: fc.constant("type" as const),
            value: fc.constantFrom("test.recorded", "test.removed", "x"),
          }),
        ),
        async (position, change) => {
          writeFileSync(path, pristine);
          const before = raw(path, (db) =>
            db.prepare("SELECT case_id, seq, type FROM events WHERE position = ?").get(position),
          ) as Record<string, unknown>;
          fc.pre(before[change.column] !== change.value);
          const conflict = raw(path, (db) => {
            try {
              db.prepare(`UPDATE events SET ${change.column} = ? WHERE position = ?`).run(change.value, position);
              return false;
            } catch {
              return true; // UNIQUE (case_id, seq): the database itself refused the change
            }
          });
          fc.pre(!conflict);
          const store = openSqliteStore({ path })._unsafeUnwrap();
          try {
            expect(codeOf(await store.load(String(before.case_id)))).toBe("STORE_CORRUPT");
            expect(codeOf(await verifyEventStore(store))).toBe("STORE_CORRUPT");
          } finally {
            await store.close();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  test("a store made before stream versions were kept gets them from its rows on opening", async () => {
    const path = freshPath();
    await seed(path);
    // Back to schema version 1, as an older release left it.
    raw(path, (db) => {
      db.exec(
        "DROP INDEX events_linked_case; DROP TABLE merkle_nodes; DROP TRIGGER events_stream_version; DROP TABLE streams; DELETE FROM schema_migrations WHERE version >= 2",
      );
    });
    const store = openSqliteStore({ path })._unsafeUnwrap();
    expect((await store.load("a"))._unsafeUnwrap()).toHaveLength(3);
    expect((await store.load("b"))._unsafeUnwrap()).toHaveLength(2);
    await store.close();
    expect(raw(path, (db) => db.prepare("SELECT case_id, version FROM streams ORDER BY case_id").all())).toEqual([
      { case_id: "a", version: 3 },
      { case_id: "b", version: 2 },
    ]);
    raw(path, (db) => db.prepare("DELETE FROM events WHERE position = 5").run());
    const again = openSqliteStore({ path })._unsafeUnwrap();
    expect(codeOf(await again.load("b"))).toBe("STORE_CORRUPT");
    await again.close();
  });
});

describe("migration 3: Merkle subtrees and the linked-stream index", () => {
  test("a store made before subtrees were kept gets them from its leaves on opening, equal to the in-memory store's", async () => {
    const path = freshPath();
    const memory = memoryEventStore();
    const first = openSqliteStore({ path })._unsafeUnwrap();
    const streams: [string, Record<string, unknown>][] = [
      ["c1", {}],
      ["r1", { caseId: "c1" }],
      ["c2", {}],
      ["d1", { draft: { caseId: "c1" } }],
      ["x1", { caseId: 7, draft: { caseId: "c1" } }],
      ["y1", { caseId: "c2", draft: { caseId: "c1" } }],
    ];
    for (let round = 0; round < 4; round++) {
      for (const [id, payload] of streams) {
        const events = testEvents(id, round * 3, 3, (seq) => (seq === 1 ? payload : {}));
        (await first.append(id, round * 3, events))._unsafeUnwrap();
        (await memory.append(id, round * 3, events))._unsafeUnwrap();
      }
    }
    await first.close();
    // Back to schema version 2, as an older release left it.
    raw(path, (db) => {
      db.exec(
        "DROP INDEX events_linked_case; DROP TABLE merkle_nodes; DELETE FROM schema_migrations WHERE version >= 3",
      );
    });
    const store = openSqliteStore({ path })._unsafeUnwrap();
    const size = (await store.head())._unsafeUnwrap().position;
    expect(size).toBe(72);
    const refs = [];
    for (let level = 0; 2 ** level <= size; level++) {
      for (let index = 0; (index + 1) * 2 ** level <= size; index++) refs.push({ level, index });
    }
    const stored = (await store.readMerkleNodes?.(refs))?._unsafeUnwrap();
    expect(stored).toEqual((await memory.readMerkleNodes?.(refs))?._unsafeUnwrap());
    expect(codeOf((await store.readMerkleNodes?.([{ level: 3, index: 9 }])) ?? ok([]))).toBe(
      "MERKLE_INDEX_OUT_OF_RANGE",
    );
    expect(codeOf((await store.readMerkleNodes?.([{ level: -1, index: 0 }])) ?? ok([]))).toBe("INVALID_INPUT");
    expect((await store.streamsLinkedTo?.("c1"))?._unsafeUnwrap()).toEqual(["r1", "d1", "x1"]);
    expect((await store.streamsLinkedTo?.("c1"))?._unsafeUnwrap()).toEqual(
      (await memory.streamsLinkedTo?.("c1"))?._unsafeUnwrap(),
    );
    expect((await store.readStreamLeaves?.("d1"))?._unsafeUnwrap()).toEqual(
      (await memory.readStreamLeaves?.("d1"))?._unsafeUnwrap(),
    );
    // Appends after the migration extend the same tree.
    (await store.append("c1", 12, testEvents("c1", 12, 5)))._unsafeUnwrap();
    (await memory.append("c1", 12, testEvents("c1", 12, 5)))._unsafeUnwrap();
    const more = [
      { level: 6, index: 0 },
      { level: 2, index: 18 },
      { level: 0, index: 76 },
    ];
    expect((await store.readMerkleNodes?.(more))?._unsafeUnwrap()).toEqual(
      (await memory.readMerkleNodes?.(more))?._unsafeUnwrap(),
    );
    // The linked-stream query uses its index, not a scan of the events.
    const plan = raw(path, (db) =>
      db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT case_id FROM events WHERE seq = 1 AND ${LINKED_CASE_EXPRESSION} = 'c1' ORDER BY ${LINKED_CASE_EXPRESSION}, position`,
        )
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join("\n"),
    );
    expect(plan).toContain("events_linked_case");
    await store.close();
  });
});

describe("busy database and options", () => {
  test("another connection holding the write lock past busyTimeoutMs: STORE_UNAVAILABLE (SQLITE_BUSY), nothing written", async () => {
    const path = freshPath();
    await seed(path);
    const store = openSqliteStore({ path, busyTimeoutMs: 50 })._unsafeUnwrap();
    const locker = new Database(path);
    try {
      locker.exec("BEGIN IMMEDIATE");
      const r = await store.append("a", 3, [testEvent("a", 4)]);
      expect(codeOf(r)).toBe("STORE_UNAVAILABLE");
      expect(r._unsafeUnwrapErr().details).toMatchObject({ sqliteCode: "SQLITE_BUSY" });
      locker.exec("ROLLBACK");
    } finally {
      locker.close();
    }
    expect((await store.load("a"))._unsafeUnwrap()).toHaveLength(3);
    (await store.append("a", 3, [testEvent("a", 4)]))._unsafeUnwrap();
    await store.close();
  });

  test("':memory:' is a private, non-durable store", async () => {
    const a = openSqliteStore({ path: ":memory:" })._unsafeUnwrap();
    const b = openSqliteStore({ path: ":memory:" })._unsafeUnwrap();
    expect(a.capabilities.durable).toBe(false);
    (await a.append("m", 0, [testEvent("m", 1)]))._unsafeUnwrap();
    expect((await b.load("m"))._unsafeUnwrap()).toEqual([]);
    await a.close();
    await b.close();
  });

  test("a directory that cannot be created or a path that is a directory: STORE_UNAVAILABLE", () => {
    const file = join(root, "plain-file");
    writeFileSync(file, "x");
    expect(codeOf(openSqliteStore({ dir: join(file, "sub") }))).toBe("STORE_UNAVAILABLE");
    expect(codeOf(openSqliteStore({ path: join(file, "events.db") }))).toBe("STORE_UNAVAILABLE");
    expect(codeOf(openSqliteStore({ path: root }))).toBe("STORE_UNAVAILABLE");
  });

  test("malformed options are typed errors, never a throw; valid ones open", () => {
    const dir = join(root, "options");
    const value = fc.oneof(
      fc.constant(undefined),
      fc.constant(null),
      fc.integer({ min: -5, max: 100_000 }),
      fc.double(),
      fc.string({ maxLength: 3 }),
      fc.constantFrom("sha256", "sm3", "md5"),
      fc.constant([]),
      fc.constant({}),
    );
    fc.assert(
      fc.property(value, value, value, value, (hash, pollIntervalMs, busyTimeoutMs, projections) => {
        const options = { dir, hash, pollIntervalMs, busyTimeoutMs, projections } as unknown as SqliteStoreOptions;
        const validInt = (v: unknown, min: number) =>
          v === undefined || (typeof v === "number" && Number.isSafeInteger(v) && v >= min);
        const valid =
          (hash === undefined || hash === "sha256") &&
          validInt(pollIntervalMs, 1) &&
          validInt(busyTimeoutMs, 0) &&
          (projections === undefined || (Array.isArray(projections) && projections.length === 0));
        const r = openSqliteStore(options);
        if (r.isOk()) void r.value.close();
        expect(r.isOk()).toBe(valid);
        if (r.isErr()) expect(["INVALID_INPUT", "HASH_ALGORITHM_UNSUPPORTED"]).toContain(r.error.code);
      }),
      { numRuns: 200, seed: 5 },
    );
    expect(codeOf(openSqliteStore(null as never))).toBe("INVALID_INPUT");
    expect(codeOf(openSqliteStore({ dir: "", path: "x" }))).toBe("INVALID_INPUT");
    expect(codeOf(openSqliteStore({ dir: "" }))).toBe("INVALID_INPUT");
    expect(codeOf(openSqliteStore({ path: "a\0b" }))).toBe("INVALID_INPUT");
  });
});
