// The published EventStore conformance suite against PostgreSQL, under SHA-256 and SM3, with
// every hook: a second handle on the same schema (openAnother), reopen, raw reads and byte
// changes (events, leaf hashes, the frontier, signed heads) through a client of its own (the
// independent read-back channel), and faults injected into appends by triggers.
import type { EventStore } from "@sanxiang/core";
import { type EventStoreFactoryConfig, eventStoreSuite, type RawStoredEvent } from "@sanxiang/testkit/conformance";
import { afterAll, expect, test } from "vitest";
import { adminPool, describePg, dropSchema, endAdminPool, freshSchema, mustOpen, schemaOf } from "./testing/helpers.js";

describePg("PostgreSQL EventStore conformance", (url) => {
  afterAll(endAdminPool);
  const open = (schema: string, config: EventStoreFactoryConfig) =>
    mustOpen({
      connectionString: url,
      schema,
      hash: config.hash,
      projections: config.projections,
      poolSize: 3,
      pollIntervalMs: 50,
    });
  eventStoreSuite(
    { test, expect, timeout: 60_000 },
    {
      factory: (config) => open(freshSchema("conf"), config),
      reopen: (store, config) => open(schemaOf(store), config),
      openAnother: (store, config) => open(schemaOf(store), config),
      readRaw: async (store: EventStore): Promise<RawStoredEvent[]> => {
        const r = await adminPool(url).query(
          `SELECT position, case_id, seq, json, leaf_hash FROM "${schemaOf(store)}".events ORDER BY position`,
        );
        return r.rows.map((row) => ({
          position: Number(row.position),
          caseId: String(row.case_id),
          seq: Number(row.seq),
          json: String(row.json),
          leafHash: new Uint8Array(row.leaf_hash as Buffer),
        }));
      },
      corrupt: async (store, position, target, byteIndex) => {
        const S = `"${schemaOf(store)}"`;
        const db = adminPool(url);
        // Flip the lowest bit of one byte of a stored BYTEA.
        const flip = (column: string) =>
          `${column} = set_byte(${column}, $2 % length(${column}), get_byte(${column}, $2 % length(${column})) # 1)`;
        if (target === "frontier") {
          await db.query(`UPDATE ${S}.log_head SET ${flip("frontier")} WHERE id AND $1::int IS NOT NULL`, [
            position,
            byteIndex,
          ]);
          return;
        }
        if (target === "leafHash") {
          await db.query(`UPDATE ${S}.events SET ${flip("leaf_hash")} WHERE position = $1`, [position, byteIndex]);
          return;
        }
        if (target === "signedTreeHead") {
          // The head is kept as JSON text with hex bytes: one hex digit of its signature changes.
          const r = await db.query(`SELECT head FROM ${S}.signed_tree_heads WHERE tree_size = $1`, [position]);
          const head = JSON.parse(String(r.rows[0]?.head)) as { signature: string };
          const i = byteIndex % head.signature.length;
          head.signature = `${head.signature.slice(0, i)}${head.signature[i] === "0" ? "1" : "0"}${head.signature.slice(i + 1)}`;
          await db.query(`UPDATE ${S}.signed_tree_heads SET head = $2 WHERE tree_size = $1`, [
            position,
            JSON.stringify(head),
          ]);
          return;
        }
        // Text must stay valid UTF-8 in PostgreSQL: change one character (code point) instead.
        const r = await db.query(`SELECT json FROM ${S}.events WHERE position = $1`, [position]);
        const chars = Array.from(String(r.rows[0]?.json));
        const i = byteIndex % chars.length;
        chars[i] = chars[i] === "x" ? "y" : "x";
        await db.query(`UPDATE ${S}.events SET json = $2 WHERE position = $1`, [position, chars.join("")]);
      },
      // Triggers created through the back door: no code path of the store is involved.
      // midAppend fails the events insert (the append's one statement stops there);
      // beforeCommit is a deferred constraint trigger, which fails the COMMIT itself.
      injectFault: async (store, point) => {
        const S = `"${schemaOf(store)}"`;
        const db = adminPool(url);
        await db.query(
          `CREATE FUNCTION ${S}.conformance_fault() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'injected fault'; END $$`,
        );
        await db.query(
          point === "midAppend"
            ? `CREATE TRIGGER conformance_fault AFTER INSERT ON ${S}.events FOR EACH ROW EXECUTE FUNCTION ${S}.conformance_fault()`
            : `CREATE CONSTRAINT TRIGGER conformance_fault AFTER INSERT ON ${S}.events DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ${S}.conformance_fault()`,
        );
        return async () => {
          await db.query(`DROP TRIGGER conformance_fault ON ${S}.events`);
          await db.query(`DROP FUNCTION ${S}.conformance_fault()`);
        };
      },
      dispose: (store) => dropSchema(url, schemaOf(store)),
      hashes: ["sha256", "sm3"],
    },
  );
});
