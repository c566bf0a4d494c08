// Shared by this package's tests (not shipped): the database from DATABASE_URL, a fresh
// schema per store, an independent client for reading and changing rows behind the store.
import { randomBytes } from "node:crypto";
import type { EventStore } from "@sanxiang/core";
import pg from "pg";
import { describe, test } from "vitest";
import { openPostgresStore, type PostgresEventStore, type PostgresStoreOptions } from "../index.js";

/** The test database, or undefined when the tests cannot run. */
export const DATABASE_URL: string | undefined = process.env.DATABASE_URL || undefined;

/**
 * `describe` for tests that need PostgreSQL: without DATABASE_URL they are skipped with a
 * visible warning — or, under SANXIANG_REQUIRE_PG=1 (CI), replaced by one failing test.
 */
export function describePg(name: string, body: (url: string) => void): void {
  const url = DATABASE_URL;
  if (url !== undefined) {
    describe(name, () => body(url));
    return;
  }
  if (process.env.SANXIANG_REQUIRE_PG === "1") {
    describe(name, () => {
      test("DATABASE_URL is set (SANXIANG_REQUIRE_PG=1)", () => {
        throw new Error("SANXIANG_REQUIRE_PG=1 but DATABASE_URL is not set: the PostgreSQL tests cannot run");
      });
    });
    return;
  }
  console.warn(
    `[store-postgres] DATABASE_URL is not set: skipping "${name}" (set SANXIANG_REQUIRE_PG=1 to fail instead)`,
  );
  describe.skip(name, () => body("postgres://unset"));
}

/** A fresh, unused schema name. */
export function freshSchema(prefix = "t"): string {
  return `${prefix}_${randomBytes(8).toString("hex")}`;
}

let admin: pg.Pool | undefined;

/** A small pool independent of any store (the tests' back door). */
export function adminPool(url: string): pg.Pool {
  if (admin === undefined) {
    admin = new pg.Pool({ connectionString: url, max: 2 });
    admin.on("error", () => {});
  }
  return admin;
}

/** Ends the back-door pool (call in afterAll). */
export async function endAdminPool(): Promise<void> {
  const a = admin;
  admin = undefined;
  await a?.end();
}

/** Drops a store's schema and everything in it. */
export async function dropSchema(url: string, schema: string): Promise<void> {
  await adminPool(url).query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
}

/** Opens a store or throws with the error's code and message. */
export async function mustOpen(options: PostgresStoreOptions): Promise<PostgresEventStore> {
  const r = await openPostgresStore(options);
  if (r.isErr()) throw new Error(`openPostgresStore failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** The schema of a store opened by these tests. */
export const schemaOf = (store: EventStore): string => (store as PostgresEventStore).schema;
