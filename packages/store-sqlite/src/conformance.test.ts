// The published EventStore conformance suite against the SQLite store, under SHA-256 and
// SM3, with every hook: a second store on the same file for the racing writers and the
// cross-handle subscriptions, reopening after close, raw rows read and changed (events, leaf
// hashes, the frontier, signed heads) through a separate better-sqlite3 connection — the
// independent channel that does not go through the adapter's code — and faults injected
// into appends by triggers created through that channel.
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

/** Another hex digit in place of `digit` (the stored text stays hex). */
const flipHexDigit = (digit: string): string => (digit === "0" ? "1" : "0");

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
        if (target === "signedTreeHead") {
          // The head is kept as JSON with hex bytes: one hex digit of its signature changes.
          const json = db
            .prepare<[number], string>("SELECT json FROM signed_tree_heads WHERE tree_size = ?")
            .pluck()
            .get(position);
          if (json === undefined) throw new Error(`no signed tree head of size ${position}`);
          const head = JSON.parse(json) as { signature: string };
          const i = byteIndex % head.signature.length;
          head.signature = `${head.signature.slice(0, i)}${flipHexDigit(head.signature[i] as string)}${head.signature.slice(i + 1)}`;
          db.prepare("UPDATE signed_tree_heads SET json = ? WHERE tree_size = ?").run(JSON.stringify(head), position);
          return;
        }
        if (target === "frontier") {
          const frontier = db.prepare<[], Buffer>("SELECT frontier FROM log_head WHERE id = 1").pluck().get();
          if (frontier === undefined || frontier.length === 0) throw new Error("no stored frontier");
          const bytes = Buffer.from(frontier);
          const i = byteIndex % bytes.length;
          bytes[i] = (bytes[i] as number) ^ 0x01;
          db.prepare("UPDATE log_head SET frontier = ? WHERE id = 1").run(bytes);
          return;
        }
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
    // A trigger on the file, created through a connection of its own: no code path of the
    // store is involved. midAppend fails the first event row's insert (nothing after it
    // runs); beforeCommit fails the head update, the append's last statement before COMMIT.
    injectFault: async (store, point) => {
      const trigger =
        point === "midAppend"
          ? "CREATE TRIGGER conformance_fault AFTER INSERT ON events BEGIN SELECT RAISE(ABORT, 'injected fault'); END"
          : "CREATE TRIGGER conformance_fault BEFORE UPDATE ON log_head BEGIN SELECT RAISE(ABORT, 'injected fault'); END";
      withRawConnection(store, (db) => {
        db.exec(trigger);
      });
      return async () => {
        withRawConnection(store, (db) => {
          db.exec("DROP TRIGGER conformance_fault");
        });
      };
    },
    dispose: async (store) => {
      const path = pathOf(store);
      if (path !== ":memory:") rmSync(dirname(path), { recursive: true, force: true });
    },
  },
);
