// Rows changed behind the store: the columns kept beside the event JSON (case_id, seq, type)
// and the stream versions kept apart from the rows are what `load` selects by and orders by,
// so someone with SQL access who changes them must never make `load` serve a shorter or a
// foreign stream unnoticed — each change here is STORE_CORRUPT from `load` of the cases it
// touches and from `readAll` / `verifyEventStore` where the rows themselves disagree.
import { type SanxiangError, verifyEventStore } from "@sanxiang/core";
import { testEvents } from "@sanxiang/testkit/conformance";
import { afterAll, expect, test } from "vitest";
import { adminPool, describePg, dropSchema, endAdminPool, freshSchema, mustOpen } from "./testing/helpers.js";

const codeOf = (r: { isErr(): boolean; error?: unknown }) => (r.isErr() ? (r.error as SanxiangError).code : "ok");

/** Seeded store: case a = positions 1–3, case b = positions 4–5. `$S` is the quoted schema. */
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
    sql: "UPDATE $S.events SET case_id = 'c' WHERE position = 3",
    cases: ["a", "c"],
    readAll: "STORE_CORRUPT",
    verify: "STORE_CORRUPT",
  },
  {
    what: "the last event of a moved onto the end of b",
    sql: "UPDATE $S.events SET case_id = 'b' WHERE position = 3",
    cases: ["a", "b"],
    readAll: "STORE_CORRUPT",
    verify: "STORE_CORRUPT",
  },
  {
    what: "a seq renumbered",
    sql: "UPDATE $S.events SET seq = 9 WHERE position = 3",
    cases: ["a"],
    readAll: "STORE_CORRUPT",
    verify: "STORE_CORRUPT",
  },
  {
    what: "two seqs swapped",
    sql: "UPDATE $S.events SET seq = seq + 1000 WHERE position IN (1, 2); UPDATE $S.events SET seq = 1003 - seq WHERE position IN (1, 2)",
    cases: ["a"],
    readAll: "STORE_CORRUPT",
    verify: "STORE_CORRUPT",
  },
  {
    what: "a type changed",
    sql: "UPDATE $S.events SET type = 'case.closed' WHERE position = 4",
    cases: ["b"],
    readAll: "STORE_CORRUPT",
    verify: "STORE_CORRUPT",
  },
  {
    what: "the last event of a deleted",
    sql: "DELETE FROM $S.events WHERE position = 3",
    cases: ["a"],
    readAll: "ok",
    verify: "STORE_CORRUPT",
  },
  {
    what: "the last event of the log deleted",
    sql: "DELETE FROM $S.events WHERE position = 5",
    cases: ["b"],
    readAll: "ok",
    verify: "STORE_CORRUPT",
  },
  {
    what: "a whole stream deleted",
    sql: "DELETE FROM $S.events WHERE case_id = 'b'",
    cases: ["b"],
    readAll: "ok",
    verify: "STORE_CORRUPT",
  },
  {
    what: "a row duplicated under another case id",
    sql: "INSERT INTO $S.events (position, case_id, seq, type, json, leaf_hash) SELECT 6, 'z', seq, type, json, leaf_hash FROM $S.events WHERE position = 1",
    cases: ["z"],
    readAll: "STORE_CORRUPT",
    verify: "STORE_CORRUPT",
  },
  // The stream versions are what load and append go by: verify compares them with the events
  // (issue 13 §1.6 — a hostile pass found a version changed or deleted passed verify).
  {
    what: "a stream's recorded version lowered",
    sql: "UPDATE $S.streams SET version = 2 WHERE case_id = 'a'",
    cases: ["a"],
    readAll: "ok",
    verify: "STORE_CORRUPT",
  },
  {
    what: "a stream's recorded version raised",
    sql: "UPDATE $S.streams SET version = 7 WHERE case_id = 'b'",
    cases: ["b"],
    readAll: "ok",
    verify: "STORE_CORRUPT",
  },
  {
    what: "a stream's recorded version deleted",
    sql: "DELETE FROM $S.streams WHERE case_id = 'b'",
    cases: ["b"],
    readAll: "ok",
    verify: "STORE_CORRUPT",
  },
];

describePg("PostgreSQL store: rows changed behind it", (url) => {
  afterAll(endAdminPool);

  /** A fresh schema holding cases a (3 events) and b (2 events), changed by `sql`, then opened again. */
  async function tampered(sql: string, body: (store: Awaited<ReturnType<typeof mustOpen>>) => Promise<void>) {
    const schema = freshSchema("tamper");
    try {
      const writer = await mustOpen({ connectionString: url, schema, poolSize: 1 });
      (await writer.append("a", 0, testEvents("a", 0, 3)))._unsafeUnwrap();
      (await writer.append("b", 0, testEvents("b", 0, 2)))._unsafeUnwrap();
      await writer.close();
      await adminPool(url).query(sql.replaceAll("$S", `"${schema}"`));
      const store = await mustOpen({ connectionString: url, schema, poolSize: 1 });
      try {
        await body(store);
      } finally {
        await store.close();
      }
    } finally {
      await dropSchema(url, schema);
    }
  }

  for (const t of tampers) {
    test(`${t.what}: load of ${t.cases.join(", ")} is STORE_CORRUPT; readAll ${t.readAll}; verify ${t.verify}`, () =>
      tampered(t.sql, async (store) => {
        for (const caseId of t.cases) {
          const loaded = await store.load(caseId);
          expect(codeOf(loaded), `load(${caseId})`).toBe("STORE_CORRUPT");
          expect(loaded._unsafeUnwrapErr().details?.caseId).toBeDefined();
          expect(loaded._unsafeUnwrapErr().details?.seq).toBeDefined();
        }
        expect(codeOf(await store.readAll())).toBe(t.readAll);
        expect(codeOf(await verifyEventStore(store))).toBe(t.verify);
      }));
  }

  test("a row whose columns disagree with its JSON is named by case, seq and position", () =>
    tampered("UPDATE $S.events SET case_id = 'c' WHERE position = 3", async (store) => {
      const e = (await store.readAll())._unsafeUnwrapErr();
      expect(e.details).toMatchObject({ position: 3, caseId: "a", seq: 3, columns: { caseId: "c", seq: "3" } });
      // Rebuilding projections reads the same rows: refused, not rebuilt from a moved event.
      expect(codeOf(await store.rebuildProjections())).toBe("STORE_CORRUPT");
    }));

  test("a schema made before stream versions were kept gets them from its rows on opening", () =>
    tampered(
      `DROP INDEX $S.events_linked_case; DROP FUNCTION $S.linked_case; DROP TABLE $S.merkle_nodes; ` +
        `DROP TRIGGER events_stream_versions ON $S.events; DROP FUNCTION $S.record_stream_versions(); ` +
        `DROP TABLE $S.streams; DELETE FROM $S.schema_migrations WHERE version >= 2`,
      async (store) => {
        expect((await store.load("a"))._unsafeUnwrap()).toHaveLength(3);
        expect((await store.load("b"))._unsafeUnwrap()).toHaveLength(2);
        const streams = await adminPool(url).query(
          `SELECT case_id, version::int AS version FROM "${store.schema}".streams ORDER BY case_id`,
        );
        expect(streams.rows).toEqual([
          { case_id: "a", version: 3 },
          { case_id: "b", version: 2 },
        ]);
        (await store.append("b", 2, testEvents("b", 2, 2)))._unsafeUnwrap();
        await adminPool(url).query(`DELETE FROM "${store.schema}".events WHERE case_id = 'b' AND seq = 4`);
        expect(codeOf(await store.load("b"))).toBe("STORE_CORRUPT");
      },
    ));
});
