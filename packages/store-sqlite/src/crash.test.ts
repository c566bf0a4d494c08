// 崩溃测试 — kill -9 a writing process at random moments (52 trials, seeded): whatever it
// acknowledged must be in the store afterwards, equal to what it appended; the Merkle log
// must verify; the projections must equal a replay of the stored events (they were written
// in the same transactions); and the store must accept the next append.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  applyProjectionWrites,
  canonicalJson,
  type EventStore,
  type ProjectionRow,
  projectEvent,
  type StoredEvent,
  verifyEventStore,
} from "@sanxiang/core";
import { conformanceProjection } from "@sanxiang/testkit/conformance";
import { afterAll, beforeAll, expect, test } from "vitest";
import { CRASH_CASES, childEvent, seeded } from "../test/children/events.js";
import { buildChildren, type Children, startChild } from "../test/children/spawn.js";
import { openSqliteStore } from "./index.js";

const TRIALS = 52;
const PARALLEL = 6;
let children: Children;
const root = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-crash-"));

beforeAll(async () => {
  children = await buildChildren();
}, 60_000);
afterAll(() => {
  children?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

async function readEverything(store: EventStore): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (;;) {
    const page = (await store.readAll({ after: out.length, limit: 10_000 }))._unsafeUnwrap();
    if (page.length === 0) return out;
    out.push(...page);
  }
}

const byKey = (rows: Iterable<ProjectionRow>) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

interface TrialResult {
  readonly acknowledged: number;
  readonly stored: number;
}

async function trial(n: number): Promise<TrialResult> {
  const random = seeded(1_000 + n);
  const delay = 10 + Math.floor(random() * 290);
  const path = join(root, `trial-${n}`, "events.db");
  const child = startChild(children.writer, [path, String(n)]);
  await child.waitForLine((l) => l === "ready");
  await new Promise((r) => setTimeout(r, delay));
  child.process.kill("SIGKILL");
  const end = await child.exited;
  expect(end.signal, `trial ${n}: the writer should die of the kill, not by itself (${end.stderr})`).toBe("SIGKILL");
  expect(child.lines.filter((l) => l.startsWith("error"))).toEqual([]);
  const acknowledged = child.lines.filter((l) => /^\S+ \d+$/.test(l)).map((l) => l.split(" ") as [string, string]);

  const store = openSqliteStore({ path, projections: [conformanceProjection] })._unsafeUnwrap();
  try {
    // Every acknowledged event is there, equal; nothing stored is anything but what the writer appended.
    const streams = new Map<string, number>();
    for (const caseId of CRASH_CASES) {
      const events = (await store.load(caseId))._unsafeUnwrap();
      expect(events.map(canonicalJson)).toEqual(events.map((_, i) => canonicalJson(childEvent(caseId, i + 1))));
      streams.set(caseId, events.length);
    }
    for (const [caseId, seq] of acknowledged) {
      expect(streams.get(caseId) ?? 0, `trial ${n}: acknowledged ${caseId}#${seq} is missing`).toBeGreaterThanOrEqual(
        Number(seq),
      );
    }
    const verified = (await verifyEventStore(store))._unsafeUnwrap();
    const head = (await store.head())._unsafeUnwrap();
    const all = await readEverything(store);
    expect(verified.events).toBe(head.position);
    expect(all).toHaveLength(head.position);
    expect([...streams.values()].reduce((a, b) => a + b, 0)).toBe(head.position);
    // Projection rows were committed with their events: they equal a replay.
    const reference = new Map<string, Map<string, ProjectionRow>>();
    for (const s of all) applyProjectionWrites(reference, projectEvent(store.projections, s.event), s.position);
    const rows = (await store.queryProjection("conformance", { limit: 10_000 }))._unsafeUnwrap();
    expect(byKey(rows)).toEqual(byKey(reference.get("conformance")?.values() ?? []));
    // And the store goes on.
    const next = (streams.get("crash-a") ?? 0) + 1;
    (await store.append("crash-a", next - 1, [childEvent("crash-a", next)]))._unsafeUnwrap();
    (await verifyEventStore(store))._unsafeUnwrap();
    return { acknowledged: acknowledged.length, stored: head.position };
  } finally {
    await store.close();
  }
}

test(`kill -9 of a writer at ${TRIALS} random moments loses no acknowledged append`, async () => {
  const results: TrialResult[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < TRIALS) results.push(await trial(next++));
    }),
  );
  expect(results).toHaveLength(TRIALS);
  // The kills must land while appends are acknowledged, not only before the first one.
  expect(results.filter((r) => r.acknowledged > 0).length).toBeGreaterThanOrEqual(TRIALS / 4);
  const acknowledged = results.reduce((a, r) => a + r.acknowledged, 0);
  const stored = results.reduce((a, r) => a + r.stored, 0);
  console.info(
    `crash trials: ${TRIALS}, acknowledged events ${acknowledged}, stored ${stored} (stored ≥ acknowledged: a kill may fall between commit and print)`,
  );
}, 180_000);
