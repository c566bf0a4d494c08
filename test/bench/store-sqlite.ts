// SQLite event store benchmark — a script, not a vitest bench, because one part builds a
// store of a million events. Run from the repository root:
//
//   node --conditions=@sanxiang/source --import tsx test/bench/store-sqlite.ts [--events 1000000] [--cases 300] [--verify]
//
// 1. Append throughput: whole ordinary penalty cases (the demo's events),
//    appended 5 events per `append` with the default projections, against raw
//    better-sqlite3 inserts of the same rows (same columns and unique index, one
//    BEGIN IMMEDIATE transaction per 5 rows, WAL, synchronous=FULL) in the same run, on
//    disk (the OS temp dir) and on tmpfs (/dev/shm, where fsync is free and only CPU counts).
// 2. A store of `--events` events (built through `append`, 100 events a call), then loading
//    one case's stream from it. No assertion on time anywhere: figures go to docs/benchmarks.md.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Actor,
  type CaseEvent,
  canonicalJson,
  chinaCalendar,
  createBodiesRegistry,
  createCase,
  type DecideContext,
  defaultProjections,
  eventLeafBytes,
  execute,
  inMemoryEventStore,
  merkleLeafHash,
  prepareAppend,
  sha256,
  verifyEventStore,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { DEMO_STEPS } from "../../packages/cli/src/demo-case.js";

// better-sqlite3 is the store package's dependency, not the workspace root's: load the very
// copy the store uses, from the store's package (typed here by the little the baseline needs).
interface RawDatabase {
  pragma(source: string): unknown;
  exec(source: string): void;
  prepare(source: string): { run(...params: unknown[]): unknown };
  transaction<A>(fn: (arg: A) => void): { immediate(arg: A): void };
  close(): void;
}
const Database = createRequire(import.meta.resolve("@sanxiang/store-sqlite"))("better-sqlite3") as new (
  path: string,
) => RawDatabase;

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const TOTAL = arg("events", 1_000_000);
const CASES = arg("cases", 300);
const BATCH = 5;

// The demo's ordinary penalty case, run once in memory: realistic event JSON.
const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA)._unsafeUnwrap();
const calendar = chinaCalendar();
const ctx = (now: string, actor: Actor): DecideContext => ({ actor, now, calendar, bodies });
const memory = inMemoryEventStore();
for (const step of DEMO_STEPS) {
  const r =
    step.command.type === "case.file"
      ? await createCase(memory, "TEMPLATE", step.command, ctx(step.at, step.actor))
      : await execute(memory, "TEMPLATE", step.command, ctx(step.at, step.actor));
  if (r.isErr()) throw r.error;
}
const template = (await memory.load("TEMPLATE"))._unsafeUnwrap();
const caseEvents = (caseId: string, length = template.length): CaseEvent[] =>
  Array.from({ length }, (_, i) => ({ ...(template[i % template.length] as CaseEvent), caseId, seq: i + 1 }));
const meanBytes = Math.round(template.reduce((a, e) => a + canonicalJson(e).length, 0) / template.length);

const ms = (start: number) => performance.now() - start;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

function batches(events: readonly CaseEvent[]): CaseEvent[][] {
  const out: CaseEvent[][] = [];
  for (let i = 0; i < events.length; i += BATCH) out.push(events.slice(i, i + BATCH));
  return out;
}

async function sanxiangRun(dir: string, tag: string): Promise<number> {
  const store = openSqliteStore({ dir: join(dir, `sx-${tag}`) })._unsafeUnwrap();
  const start = performance.now();
  for (let c = 0; c < CASES; c++) {
    const id = `BENCH-${tag}-${c}`;
    let version = 0;
    for (const batch of batches(caseEvents(id))) {
      (await store.append(id, version, batch))._unsafeUnwrap();
      version += batch.length;
    }
  }
  const took = ms(start);
  await store.close();
  return took;
}

/** Core's share of an append, without any storage: validation, canonical JSON, leaf hashes, projection writes. */
function prepareOnly(tag: string): number {
  const projections = defaultProjections();
  const start = performance.now();
  for (let c = 0; c < CASES; c++) {
    const id = `BENCH-${tag}-${c}`;
    let version = 0;
    for (const batch of batches(caseEvents(id))) {
      prepareAppend(id, version, batch, { hash: sha256, projections })._unsafeUnwrap();
      version += batch.length;
    }
  }
  return ms(start);
}

function baselineRun(dir: string, tag: string): number {
  // The same rows, computed before the clock starts: what a bare insert has to write.
  const rows = Array.from({ length: CASES }, (_, c) =>
    batches(caseEvents(`BENCH-${tag}-${c}`)).map((batch) =>
      batch.map((e) => ({
        caseId: e.caseId,
        seq: e.seq,
        type: e.type,
        json: canonicalJson(e),
        leaf: Buffer.from(merkleLeafHash(eventLeafBytes(e))),
      })),
    ),
  ).flat();
  const db = new Database(join(dir, `raw-${tag}.db`));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, case_id TEXT NOT NULL, seq INTEGER NOT NULL,
    type TEXT NOT NULL, json TEXT NOT NULL, leaf_hash BLOB NOT NULL, UNIQUE (case_id, seq))`);
  const insert = db.prepare(
    "INSERT INTO events (position, case_id, seq, type, json, leaf_hash) VALUES (?, ?, ?, ?, ?, ?)",
  );
  let position = 0;
  const tx = db.transaction((batch: (typeof rows)[number]) => {
    for (const r of batch) insert.run(++position, r.caseId, r.seq, r.type, r.json, r.leaf);
  });
  const start = performance.now();
  for (const batch of rows) tx.immediate(batch);
  const took = ms(start);
  db.close();
  return took;
}

async function throughput(where: string, base: string): Promise<void> {
  const dir = mkdtempSync(join(base, "sanxiang-bench-"));
  try {
    const events = CASES * template.length;
    const appends = CASES * Math.ceil(template.length / BATCH);
    // Interleaved, twice each; the better run of each is reported.
    const raw = [baselineRun(dir, "r1")];
    const sx = [await sanxiangRun(dir, "s1")];
    raw.push(baselineRun(dir, "r2"));
    sx.push(await sanxiangRun(dir, "s2"));
    const r = Math.min(...raw);
    const s = Math.min(...sx);
    const p = Math.min(prepareOnly("p1"), prepareOnly("p2"));
    console.log(`\nappend throughput on ${where}: ${fmt(events)} events in ${fmt(appends)} appends of ≤ ${BATCH}`);
    console.log(
      `  raw better-sqlite3 inserts (baseline): ${fmt(r)} ms  ${fmt((events / r) * 1000)} events/s  (runs ${raw.map(fmt).join(", ")})`,
    );
    console.log(
      `  sanxiang append:                       ${fmt(s)} ms  ${fmt((events / s) * 1000)} events/s  (runs ${sx.map(fmt).join(", ")})`,
    );
    console.log(`  ratio: ${(s / r).toFixed(2)}× the baseline's time`);
    console.log(
      `  of which core's prepareAppend alone (no storage): ${fmt(p)} ms; the rest, ${fmt(s - p)} ms, is ${((s - p) / r).toFixed(2)}× the baseline`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function million(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sanxiang-bench-1m-"));
  try {
    const store = openSqliteStore({ dir })._unsafeUnwrap();
    const PER_CASE = 100;
    const cases = Math.ceil(TOTAL / PER_CASE);
    const start = performance.now();
    for (let c = 0; c < cases; c++) {
      const id = `BULK-${String(c).padStart(6, "0")}`;
      (await store.append(id, 0, caseEvents(id, PER_CASE)))._unsafeUnwrap();
      if (c % 1000 === 999)
        process.stdout.write(`  … ${fmt((c + 1) * PER_CASE)} events, ${(ms(start) / 1000).toFixed(0)} s\r`);
    }
    const built = ms(start);
    // One ordinary case among them, appended last as an app would (5 events a call).
    let version = 0;
    for (const batch of batches(caseEvents("ORDINARY-1"))) {
      (await store.append("ORDINARY-1", version, batch))._unsafeUnwrap();
      version += batch.length;
    }
    const head = (await store.head())._unsafeUnwrap();
    await store.close();
    const size = statSync(join(dir, "events.db")).size;
    console.log(
      `\nstore of ${fmt(head.position)} events (${fmt(cases)} cases of ${PER_CASE}): built through append in ${(built / 1000).toFixed(1)} s (${fmt((cases * PER_CASE * 1000) / built)} events/s), file ${(size / 2 ** 20).toFixed(0)} MiB`,
    );

    const again = openSqliteStore({ dir })._unsafeUnwrap();
    const timeLoads = async (ids: readonly string[]) => {
      const times: number[] = [];
      for (const id of ids) {
        const t = performance.now();
        (await again.load(id))._unsafeUnwrap();
        times.push(ms(t));
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)] as number, max: times.at(-1) as number };
    };
    await timeLoads(["BULK-000000"]); // warm the statement
    const ordinary = await timeLoads(Array.from({ length: 21 }, () => "ORDINARY-1"));
    const bulk = await timeLoads(
      Array.from({ length: 21 }, (_, i) => `BULK-${String((i * 4_733) % cases).padStart(6, "0")}`),
    );
    console.log(
      `  load one case of ${template.length} events: median ${ordinary.median.toFixed(2)} ms (max ${ordinary.max.toFixed(2)})`,
    );
    console.log(
      `  load one case of ${PER_CASE} events (21 cases spread over the log): median ${bulk.median.toFixed(2)} ms (max ${bulk.max.toFixed(2)})`,
    );
    const t = performance.now();
    (await again.head())._unsafeUnwrap();
    console.log(`  head(): ${ms(t).toFixed(2)} ms`);
    if (process.argv.includes("--verify")) {
      const v = performance.now();
      const r = (await verifyEventStore(again))._unsafeUnwrap();
      console.log(`  verifyEventStore: ${fmt(r.events)} events in ${(ms(v) / 1000).toFixed(1)} s`);
    }
    await again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`events: the demo's ordinary case, ${template.length} events, mean ${meanBytes} bytes of canonical JSON`);
await throughput(`disk (${tmpdir()})`, tmpdir());
if (existsSync("/dev/shm")) await throughput("tmpfs (/dev/shm)", "/dev/shm");
if (TOTAL > 0) await million();
