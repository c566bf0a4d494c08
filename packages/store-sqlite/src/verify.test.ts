// verifyEventStore on the SQLite store: its raw reads (readLeaves, readProjectionRows) agree
// with readAll / queryProjection, and what is changed in the file is found on both paths.

import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import {
  assembleCaseFileFromStore,
  type EventStore,
  READ_LEAVES_PAGE_BYTES,
  type Result,
  type SanxiangError,
  signAndSaveTreeHead,
  testSigner,
  verifyEventStore,
} from "@sanxiang/core";
import Database from "better-sqlite3";
import { describe, expect, test } from "vitest";
import { noteEvent as event } from "../test/events.js";
import { openSqliteStore } from "./index.js";

const codeOf = (r: Result<unknown, SanxiangError>) => (r.isErr() ? r.error.code : undefined);
const withoutRawReads = (store: EventStore): EventStore => {
  const { readLeaves: _leaves, readProjectionRows: _rows, ...rest } = store;
  return rest;
};

describe("verifyEventStore on SQLite: fast path and fallback", () => {
  fcTest.prop(
    [
      fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.string({ maxLength: 30 })), { minLength: 1, maxLength: 25 }),
      fc.uniqueArray(fc.integer({ min: 1, max: 25 }), { maxLength: 3 }),
      fc.constantFrom("none", "leafHash", "headRoot", "projectionCount", "projectionDelete"),
    ],
    { numRuns: 15 },
  )(
    "agree on any log, sound or changed in the file; a change is found",
    async (appends, signAt, change) => {
      const dir = mkdtempSync(join(tmpdir(), "sanxiang-verify-sqlite-"));
      try {
        const store = openSqliteStore({ dir })._unsafeUnwrap();
        const versions = new Map<string, number>();
        for (const [c, note] of appends) {
          const id = `case-${c}`;
          const v = versions.get(id) ?? 0;
          const receipt = (await store.append(id, v, [event(id, v + 1, note)]))._unsafeUnwrap();
          versions.set(id, v + 1);
          if (signAt.includes(receipt.treeHead.treeSize)) {
            (
              await signAndSaveTreeHead(store, testSigner(), { logId: "b", timestamp: "2026-03-10T03:00:00Z" })
            )._unsafeUnwrap();
          }
        }
        const db = new Database(join(dir, "events.db"));
        const hasHead = (db.prepare("SELECT count(*) FROM signed_tree_heads").pluck().get() as number) > 0;
        if (change === "leafHash") {
          db.prepare("UPDATE events SET leaf_hash = zeroblob(32) WHERE position = 1").run();
        } else if (change === "headRoot" && hasHead) {
          const row = db.prepare("SELECT tree_size, json FROM signed_tree_heads LIMIT 1").get() as {
            tree_size: number;
            json: string;
          };
          const json = JSON.parse(row.json) as { rootHash: string };
          json.rootHash = `${json.rootHash[0] === "0" ? "1" : "0"}${json.rootHash.slice(1)}`;
          db.prepare("UPDATE signed_tree_heads SET json = ? WHERE tree_size = ?").run(
            JSON.stringify(json),
            row.tree_size,
          );
        } else if (change === "projectionCount") {
          db.prepare(
            "UPDATE projection_rows SET count = count + 1 WHERE key = (SELECT min(key) FROM projection_rows)",
          ).run();
        } else if (change === "projectionDelete") {
          db.prepare("DELETE FROM projection_rows WHERE key = (SELECT min(key) FROM projection_rows)").run();
        }
        db.close();
        const fast = await verifyEventStore(store);
        const slow = await verifyEventStore(withoutRawReads(store));
        expect(codeOf(slow)).toBe(codeOf(fast));
        // The read-ahead worker (readAhead) changes nothing: the same result, error for error.
        const ahead = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
        expect(await verifyEventStore(ahead)).toEqual(fast);
        await ahead.close();
        const expected = {
          none: undefined,
          leafHash: "EVENT_HASH_MISMATCH",
          headRoot: hasHead ? "MERKLE_ROOT_MISMATCH" : undefined,
          projectionCount: "PROJECTION_MISMATCH",
          projectionDelete: "PROJECTION_MISMATCH",
        }[change];
        expect(codeOf(fast)).toBe(expected);
        if (fast.isOk() && slow.isOk()) {
          expect(fast.value.readPath).toBe("leaves");
          expect({ ...slow.value, readPath: "leaves" }).toEqual(fast.value);
        }
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    60_000,
  );
});

// readLeaves reads a page in one packed row, and row by row when the packed form cannot be
// trusted to split back (a column of another type, a NUL in a text, a non-integer seq).
// Either way it returns exactly what is stored, and what is wrong is found.
describe("readLeaves: the packed page and its row-by-row fallback", () => {
  const stored = (db: Database.Database) =>
    db
      .prepare(
        "SELECT position, case_id, seq, type, CAST(json AS BLOB) AS json, leaf_hash FROM events ORDER BY position",
      )
      .all()
      .map((r) => {
        const row = r as {
          position: number;
          case_id: unknown;
          seq: unknown;
          type: unknown;
          json: Buffer;
          leaf_hash: unknown;
        };
        return {
          position: row.position,
          caseId: row.case_id,
          seq: row.seq,
          type: row.type,
          bytes: new Uint8Array(row.json),
          leafHash: row.leaf_hash instanceof Uint8Array ? new Uint8Array(row.leaf_hash) : row.leaf_hash,
        };
      });
  const plain = (leaves: readonly object[]) =>
    leaves.map((l) => {
      const { bytes, leafHash, ...rest } = l as { bytes: Uint8Array; leafHash: unknown };
      return {
        ...rest,
        bytes: new Uint8Array(bytes),
        leafHash: leafHash instanceof Uint8Array ? new Uint8Array(leafHash) : leafHash,
      };
    });

  const changes: readonly [string, string, string | undefined, string?][] = [
    ["nothing", "SELECT 1", undefined],
    ["a case id with a NUL", "UPDATE events SET case_id = case_id || char(0) WHERE position = 2", "STORE_CORRUPT"],
    [
      "a case id stored as a BLOB of the same bytes",
      "UPDATE events SET case_id = CAST(case_id AS BLOB) WHERE position = 2",
      "STORE_CORRUPT",
    ],
    [
      "a type stored as a BLOB of the same bytes",
      "UPDATE events SET type = CAST(type AS BLOB) WHERE position = 2",
      "STORE_CORRUPT",
    ],
    ["a seq as text that is no integer", "UPDATE events SET seq = '0x1' WHERE position = 1", "STORE_CORRUPT"],
    ["a leaf hash stored as text", "UPDATE events SET leaf_hash = 'x' WHERE position = 2", "STORE_CORRUPT"],
    ["a short leaf hash", "UPDATE events SET leaf_hash = zeroblob(31) WHERE position = 2", "STORE_CORRUPT"],
    ["an astral character in a case id", "UPDATE events SET case_id = 'c😀' WHERE position = 3", "STORE_CORRUPT"],
    // The packed page joins JSONs with 0x0A and texts with `\n`: any of them holding one is read row by row.
    ["a newline in a case id", "UPDATE events SET case_id = case_id || char(10) WHERE position = 2", "STORE_CORRUPT"],
    ["a newline in a type", "UPDATE events SET type = char(10) || type WHERE position = 4", "STORE_CORRUPT"],
    // Texts decoded as one page must split into what each row decodes to: bytes that are no UTF-8 at the ends.
    [
      "a case id ending in a cut UTF-8 sequence",
      "UPDATE events SET case_id = CAST(x'61e4b8' AS TEXT) WHERE position = 2",
      "STORE_CORRUPT",
    ],
    [
      "a type starting with a UTF-8 continuation byte",
      "UPDATE events SET type = CAST(x'b8' || CAST(type AS BLOB) AS TEXT) WHERE position = 3",
      "STORE_CORRUPT",
    ],
    [
      "a seq stored as a BLOB of its digits",
      "UPDATE events SET seq = CAST(CAST(seq AS TEXT) AS BLOB) WHERE position = 2",
      "STORE_CORRUPT",
    ],
    ["an event deleted (positions not dense)", "DELETE FROM events WHERE position = 2", "STORE_CORRUPT"],
    // readAll cannot parse it: the fallback says STORE_CORRUPT
    [
      "a NUL in the event JSON",
      "UPDATE events SET json = json || char(0) WHERE position = 3",
      "EVENT_HASH_MISMATCH",
      "STORE_CORRUPT",
    ],
    [
      "a raw newline inside a string of the event JSON",
      "UPDATE events SET json = replace(json, '记录', '记' || char(10) || '录') WHERE position = 3",
      "EVENT_HASH_MISMATCH",
      "STORE_CORRUPT",
    ],
  ];
  for (const [what, sql, code, slowCode = code] of changes) {
    test(`${what}: the leaves are what is stored; verify ${code ?? "passes"} (fast path), ${slowCode ?? "passes"} (readAll)`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "sanxiang-verify-packed-"));
      try {
        const store = openSqliteStore({ dir })._unsafeUnwrap();
        for (const [id, seq] of [
          ["a", 1],
          ["b", 1],
          ["a", 2],
          ["b", 2],
        ] as const) {
          (await store.append(id, seq - 1, [event(id, seq, `${id}${seq} 记录`)]))._unsafeUnwrap();
        }
        const db = new Database(join(dir, "events.db"));
        db.prepare(sql).run();
        const expected = stored(db);
        db.close();
        const page = await store.readLeaves?.({ after: 0, limit: 10 });
        if (expected.some((l) => !(l.leafHash instanceof Uint8Array))) {
          // A leaf hash that is no BLOB: the read itself refuses the page.
          expect(page?.isErr() && page.error.code).toBe("STORE_CORRUPT");
        } else {
          expect(plain(page?._unsafeUnwrap() ?? [])).toEqual(expected);
          expect(plain((await store.readLeaves?.({ after: 1, limit: 2 }))?._unsafeUnwrap() ?? [])).toEqual(
            expected.slice(1, 3),
          );
        }
        const fast = await verifyEventStore(store);
        expect(codeOf(fast)).toBe(code);
        expect(codeOf(await verifyEventStore(withoutRawReads(store)))).toBe(slowCode);
        // Through the read-ahead worker: the same leaves, the same result.
        const ahead = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
        const aheadPage = await ahead.readLeaves?.({ after: 0, limit: 10 });
        if (page?.isErr()) expect(aheadPage?.isErr() && aheadPage.error.code).toBe(page.error.code);
        else expect(plain(aheadPage?._unsafeUnwrap() ?? [])).toEqual(expected);
        expect(await verifyEventStore(ahead)).toEqual(fast);
        await ahead.close();
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});

// A page ends by bytes as well as by count (READ_LEAVES_PAGE_BYTES): 1,000 events of 4 MiB
// are not read as one 4 GiB page. Every event of a page but its last starts below the
// budget; paging on from the last position read gives every event exactly once; on the
// packed read and on the row-by-row one (a case id stored as a BLOB forces it).
describe("readLeaves: pages end by bytes", () => {
  const MiB = 2 ** 20;
  fcTest.prop(
    [
      fc.array(fc.constantFrom(10, 300_000, 1.3 * MiB, 2.6 * MiB, 4.5 * MiB), { minLength: 1, maxLength: 7 }),
      fc.boolean(),
      fc.boolean(),
    ],
    { numRuns: 6 },
  )(
    "every page within the budget, every event once, verify unchanged",
    async (sizes, rowByRow, readAhead) => {
      const dir = mkdtempSync(join(tmpdir(), "sanxiang-verify-bytes-"));
      try {
        const writer = openSqliteStore({ dir })._unsafeUnwrap();
        for (const [i, size] of sizes.entries()) {
          const id = `case-${i % 2}`;
          const seq = Math.floor(i / 2) + 1;
          (await writer.append(id, seq - 1, [event(id, seq, "记".repeat(Math.floor(size / 3)))]))._unsafeUnwrap();
        }
        await writer.close();
        const db = new Database(join(dir, "events.db"));
        if (rowByRow) db.prepare("UPDATE events SET case_id = CAST(case_id AS BLOB) WHERE position = 1").run();
        const lengths = db
          .prepare("SELECT length(CAST(json AS BLOB)) FROM events ORDER BY position")
          .pluck()
          .all() as number[];
        db.close();
        const store = openSqliteStore({ dir, readAhead })._unsafeUnwrap();
        const seen: number[] = [];
        for (let after = 0; after < sizes.length; ) {
          const page = (await store.readLeaves?.({ after, limit: 1000 }))?._unsafeUnwrap() ?? [];
          expect(page.length).toBeGreaterThan(0);
          const before = page.slice(0, -1).reduce((sum, l) => sum + l.bytes.length, 0);
          expect(before).toBeLessThan(READ_LEAVES_PAGE_BYTES);
          // It ends by bytes only when the next event would start beyond the budget.
          const end = (page.at(-1) as { position: number }).position;
          if (end < sizes.length)
            expect(before + (page.at(-1) as { bytes: Uint8Array }).bytes.length).toBeGreaterThanOrEqual(
              READ_LEAVES_PAGE_BYTES,
            );
          for (const l of page) {
            seen.push(l.position);
            expect(l.bytes.length).toBe(lengths[l.position - 1]);
          }
          after = end;
        }
        expect(seen).toEqual(sizes.map((_, i) => i + 1));
        const fast = await verifyEventStore(store);
        const slow = await verifyEventStore(withoutRawReads(store));
        expect(codeOf(fast)).toBe(rowByRow ? "STORE_CORRUPT" : undefined);
        expect(codeOf(slow)).toBe(codeOf(fast));
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});

describe("a stored Merkle subtree changed in the file", () => {
  test("verifyEventStore names it (STORE_CORRUPT); the case file's proof fails against the signed head (MERKLE_ROOT_MISMATCH), never a file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-nodes-"));
    try {
      const path = join(dir, "events.db");
      const store = openSqliteStore({ path })._unsafeUnwrap();
      for (let i = 0; i < 40; i++) {
        const id = `c${i % 4}`;
        (await store.append(id, Math.floor(i / 4), [event(id, Math.floor(i / 4) + 1, `n${i}`)]))._unsafeUnwrap();
      }
      (
        await signAndSaveTreeHead(store, testSigner(), { logId: "b", timestamp: "2026-03-10T03:00:00Z" })
      )._unsafeUnwrap();
      const sound = (await verifyEventStore(store))._unsafeUnwrap();
      expect(sound.merkleNodes).toBe(40 - 2);
      expect((await assembleCaseFileFromStore(store, "c1")).isOk()).toBe(true);
      // c1's events are leaves 1, 5, 9, …: every proof needs node (1, 1) (leaves 2–3) or (2, 1) (leaves 4–7).
      for (const [level, idx] of [
        [1, 1],
        [2, 1],
      ]) {
        const db = new Database(path);
        const before = db.prepare("SELECT hash FROM merkle_nodes WHERE level = ? AND idx = ?").pluck().get(level, idx);
        db.prepare("UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = ? AND idx = ?").run(level, idx);
        db.close();
        const v = await verifyEventStore(store);
        expect(codeOf(v)).toBe("STORE_CORRUPT");
        expect(v._unsafeUnwrapErr().details).toEqual({ what: "merkleNode", level, index: idx });
        const file = await assembleCaseFileFromStore(store, "c1");
        expect(codeOf(file)).toBe("MERKLE_ROOT_MISMATCH");
        expect(file._unsafeUnwrapErr().details).toMatchObject({ why: "storedNodes" });
        const fix = new Database(path);
        fix.prepare("UPDATE merkle_nodes SET hash = ? WHERE level = ? AND idx = ?").run(before, level, idx);
        fix.close();
      }
      // A node deleted: STORE_CORRUPT from the read itself.
      const db = new Database(path);
      db.prepare("DELETE FROM merkle_nodes WHERE level = 3 AND idx = 0").run();
      db.close();
      expect(codeOf(await verifyEventStore(store))).toBe("STORE_CORRUPT");
      expect(codeOf(await assembleCaseFileFromStore(store, "c1"))).toBe("STORE_CORRUPT");
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a stream version changed in the file (issue 13 §1.6)", () => {
  // The streams table is what load and append go by: a version changed or deleted behind the
  // store made load fail or miss events while verifyEventStore passed.
  test.each([
    ["lowered", "UPDATE streams SET version = 2 WHERE case_id = 'c1'", "c1", 2],
    ["raised", "UPDATE streams SET version = 9 WHERE case_id = 'c2'", "c2", 9],
    ["deleted", "DELETE FROM streams WHERE case_id = 'c0'", "c0", 0],
    ["added for a stream without events", "INSERT INTO streams (case_id, version) VALUES ('ghost', 1)", "ghost", 1],
  ])(
    "%s: verifyEventStore is STORE_CORRUPT naming the stream, as load of it is",
    async (_what, sql, caseId, recorded) => {
      const dir = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-streams-"));
      try {
        const path = join(dir, "events.db");
        const store = openSqliteStore({ path })._unsafeUnwrap();
        for (let i = 0; i < 12; i++) {
          const id = `c${i % 3}`;
          (await store.append(id, Math.floor(i / 3), [event(id, Math.floor(i / 3) + 1, `n${i}`)]))._unsafeUnwrap();
        }
        expect((await verifyEventStore(store)).isOk()).toBe(true);
        expect((await store.readStreamVersions?.())?._unsafeUnwrap()).toEqual([
          { caseId: "c0", version: 4 },
          { caseId: "c1", version: 4 },
          { caseId: "c2", version: 4 },
        ]);
        const db = new Database(path);
        db.exec(sql);
        db.close();
        const v = await verifyEventStore(store);
        expect(codeOf(v)).toBe("STORE_CORRUPT");
        expect(v._unsafeUnwrapErr().details).toMatchObject({ caseId, recorded });
        expect(codeOf(await store.load(caseId))).toBe("STORE_CORRUPT");
        await store.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
