// 并发测试 — 8 processes append to one case at once, each reading the version and appending
// the next event, retrying on conflict: every version is won by exactly one attempt, every
// other attempt at it is CONCURRENCY_CONFLICT, no acknowledged event is lost or overwritten,
// and a subscriber in another process (polling) sees every event once, in order. The
// writers also open the fresh file at the same moment, racing the schema migration.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StoredEvent, verifyEventStore } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterAll, beforeAll, expect, test } from "vitest";
import { buildChildren, type Children, startChild } from "../test/children/spawn.js";
import { openSqliteStore, SQLITE_SCHEMA_VERSION } from "./index.js";

const WRITERS = 8;
const ROUNDS = 15;
let children: Children;
const root = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-race-"));

beforeAll(async () => {
  children = await buildChildren();
}, 60_000);
afterAll(() => {
  children?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

test(`${WRITERS} writer processes on one case: exactly one wins each version, no lost update`, async () => {
  const path = join(root, "events.db");
  // The writers open the fresh file all at once: the schema must be created exactly once.
  const racers = Array.from({ length: WRITERS }, (_, w) =>
    startChild(children.racer, [path, String(w), String(ROUNDS)]),
  );
  await Promise.all(racers.map((r) => r.waitForLine((l) => l === "ready")));
  const store = openSqliteStore({ path, projections: [] })._unsafeUnwrap();
  const seen: StoredEvent[] = [];
  const sub = store.subscribe({ after: 0, pollIntervalMs: 20, onEvents: (batch) => void seen.push(...batch) });
  try {
    for (const r of racers) r.process.stdin?.write("go\n");
    const ends = await Promise.all(racers.map((r) => r.exited));
    for (const [w, end] of ends.entries()) {
      expect(end.code, `writer ${w}: ${end.stderr} ${racers[w]?.lines.at(-1)}`).toBe(0);
    }
    const total = WRITERS * ROUNDS;
    // Who won which version, from the processes' own acknowledgements.
    const winners = new Map<number, number>();
    let conflicts = 0;
    for (const [w, racer] of racers.entries()) {
      expect(racer.lines.at(-1)).toBe("done");
      expect(racer.lines.filter((l) => l.startsWith("ok"))).toHaveLength(ROUNDS);
      for (const line of racer.lines) {
        const [kind, version, actual] = line.split(" ");
        if (kind === "ok") {
          expect(winners.has(Number(version)), `version ${version} acknowledged twice`).toBe(false);
          winners.set(Number(version), w);
        } else if (kind === "conflict") {
          conflicts++;
          expect(Number(actual)).toBeGreaterThan(Number(version));
        }
      }
    }
    expect([...winners.keys()].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i));
    const events = (await store.load("race"))._unsafeUnwrap();
    expect(events).toHaveLength(total);
    expect(events.map((e) => e.payload.writer)).toEqual(events.map((_, v) => winners.get(v)));
    (await verifyEventStore(store))._unsafeUnwrap();
    const check = new Database(path, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM schema_migrations").pluck().get()).toBe(SQLITE_SCHEMA_VERSION);
    check.close();
    const deadline = Date.now() + 10_000;
    while (seen.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    expect(seen.map((s) => s.position)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    console.info(`${WRITERS} writers × ${ROUNDS} appends: ${conflicts} conflicts resolved by retrying`);
  } finally {
    await sub.close();
    await store.close();
  }
}, 120_000);
