// The published EventStore conformance suite against PostgreSQL, under SHA-256 and SM3, with
// every hook: a second handle on the same schema (openAnother), reopen, and raw reads and
// byte changes through a client of its own (the independent read-back channel).
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
        const table = `"${schemaOf(store)}".events`;
        const db = adminPool(url);
        if (target === "leafHash") {
          // Flip the lowest bit of one byte of the stored hash.
          await db.query(
            `UPDATE ${table} SET leaf_hash = set_byte(leaf_hash, $2 % length(leaf_hash), get_byte(leaf_hash, $2 % length(leaf_hash)) # 1) WHERE position = $1`,
            [position, byteIndex],
          );
          return;
        }
        // Text must stay valid UTF-8 in PostgreSQL: change one character (code point) instead.
        const r = await db.query(`SELECT json FROM ${table} WHERE position = $1`, [position]);
        const chars = Array.from(String(r.rows[0]?.json));
        const i = byteIndex % chars.length;
        chars[i] = chars[i] === "x" ? "y" : "x";
        await db.query(`UPDATE ${table} SET json = $2 WHERE position = $1`, [position, chars.join("")]);
      },
      dispose: (store) => dropSchema(url, schemaOf(store)),
      hashes: ["sha256", "sm3"],
    },
  );
});
