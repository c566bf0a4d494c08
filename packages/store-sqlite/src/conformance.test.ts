// The published EventStore conformance suite against the SQLite store, under SHA-256 and
// SM3, with every hook: a second store on the same file for the racing writers, reopening
// after close, and raw rows read and changed through a separate better-sqlite3 connection —
// the independent channel that does not go through the adapter's code.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { EventStore } from "@sanxiang/core";
import { eventStoreSuite, type RawStoredEvent } from "@sanxiang/testkit/conformance";
import Database from "better-sqlite3";
import { expect, test } from "vitest";
import { openSqliteStore, type SqliteEventStore } from "./index.js";

const pathOf = (store: EventStore): string => (store as SqliteEventStore).path;

/** A separate connection on the store's file, closed after `body`. */
export function withRawConnection<T>(store: EventStore, body: (db: Database.Database) => T): T {
  const db = new Database(pathOf(store));
  try {
    return body(db);
  } finally {
    db.close();
  }
}

eventStoreSuite(
  { test, expect },
  {
    hashes: ["sha256", "sm3"],
    factory: async (config) => {
      const dir = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-"));
      return openSqliteStore({ dir, ...config })._unsafeUnwrap();
    },
    reopen: async (store, config) => openSqliteStore({ path: pathOf(store), ...config })._unsafeUnwrap(),
    openAnother: async (store, config) => openSqliteStore({ path: pathOf(store), ...config })._unsafeUnwrap(),
    readRaw: async (store) =>
      withRawConnection(store, (db) =>
        db
          .prepare<[], { position: number; case_id: string; seq: number; json: string; leaf_hash: Buffer }>(
            "SELECT position, case_id, seq, json, leaf_hash FROM events ORDER BY position",
          )
          .all()
          .map(
            (r): RawStoredEvent => ({
              position: r.position,
              caseId: r.case_id,
              seq: r.seq,
              json: r.json,
              leafHash: new Uint8Array(r.leaf_hash),
            }),
          ),
      ),
    corrupt: async (store, position, target, byteIndex) =>
      withRawConnection(store, (db) => {
        const row = db
          .prepare<[number], { json: Buffer; leaf_hash: Buffer }>(
            "SELECT CAST(json AS BLOB) AS json, leaf_hash FROM events WHERE position = ?",
          )
          .get(position);
        if (row === undefined) throw new Error(`no event at position ${position}`);
        const bytes = Buffer.from(target === "event" ? row.json : row.leaf_hash);
        const i = byteIndex % bytes.length;
        bytes[i] = (bytes[i] as number) ^ 0x01;
        const sql =
          target === "event"
            ? "UPDATE events SET json = CAST(? AS TEXT) WHERE position = ?"
            : "UPDATE events SET leaf_hash = ? WHERE position = ?";
        db.prepare(sql).run(bytes, position);
      }),
    dispose: async (store) => {
      const path = pathOf(store);
      if (path !== ":memory:") rmSync(dirname(path), { recursive: true, force: true });
    },
  },
);
