// What only the SQLite store has to get right, beyond the published suite: schema
// migrations (fresh, reopen, a newer schema refused untouched), the hash algorithm fixed at
// creation, projection rebuilds when a projection's version changes, a damaged log head,
// damaged rows, a busy database, and options that cannot work — each a typed error.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Projection, type SanxiangError, verifyEventStore } from "@sanxiang/core";
import { testEvent, testEvents } from "@sanxiang/testkit/conformance";
import Database from "better-sqlite3";
import fc from "fast-check";
import { afterAll, describe, expect, test } from "vitest";
import { openSqliteStore, SQLITE_SCHEMA_VERSION, type SqliteStoreOptions } from "./index.js";

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
      "meta",
      "projection_rows",
      "projection_versions",
      "schema_migrations",
      "signed_tree_heads",
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
