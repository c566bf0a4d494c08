// verifyEventStore benchmark — a script, not a vitest bench, because it builds a store of a
// million events. Run from the repository root:
//
//   node --conditions=@sanxiang/source --import tsx test/bench/verify.ts [--events 1000000] [--dir <store dir>] [--runs 3] [--only <label text>[|<label text>…]]
//
// Builds (or reuses, with --dir) a SQLite store of `--events` events: the demo's ordinary
// penalty case as 100-event streams, the default projections, a head signed every 100 000
// events. Then, in the same run:
// - baseline: `sha256sum` over exactly the stored bytes (the events' JSON as stored, written
//   to a file beside the store), and Node's native SHA-256 over the same bytes in memory;
// - verifyEventStore on the fast path (readLeaves: the stored bytes hashed as they are),
//   with Node's native hash (what `sanxiang verify --log` passes) and with core's own;
// - the same with the read-ahead worker (a second thread reading the pages: what
//   `sanxiang verify --log` opens), and with the projection replay (its default);
// - the fallback (readAll: decoded events, re-serialised) with the native hash.
// Each reports events/s and its throughput as a ratio of sha256sum's, and the heap after
// each page (onProgress) — flat when memory is constant. No assertion on time anywhere:
// figures go to docs/benchmarks.md.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, writeSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Actor,
  type CaseEvent,
  chinaCalendar,
  createBodiesRegistry,
  createCase,
  type DecideContext,
  type EventStore,
  execute,
  inMemoryEventStore,
  signAndSaveTreeHead,
  testSigner,
  type VerifyEventStoreOptions,
  verifyEventStore,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { DEMO_STEPS } from "../../packages/cli/src/demo-case.js";
import { nativeHashAlgorithm } from "../../packages/cli/src/native-hash.js";

interface RawDatabase {
  prepare(source: string): { raw(): { iterate(...params: unknown[]): Iterable<[Uint8Array]> } };
  close(): void;
}
const Database = createRequire(import.meta.resolve("@sanxiang/store-sqlite"))("better-sqlite3") as new (
  path: string,
  options?: { readonly?: boolean },
) => RawDatabase;

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const TOTAL = Number(arg("events") ?? 1_000_000);
const RUNS = Number(arg("runs") ?? 3);
const PER_CASE = 100;
const SIGN_EVERY = 100_000;
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (n: number) => (n / 2 ** 20).toFixed(1);

async function build(dir: string): Promise<void> {
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
  const store = openSqliteStore({ dir })._unsafeUnwrap();
  const signer = testSigner("ed25519");
  const start = performance.now();
  for (let c = 0; c < TOTAL / PER_CASE; c++) {
    const id = `BULK-${String(c).padStart(6, "0")}`;
    const events = Array.from({ length: PER_CASE }, (_, i) => ({
      ...(template[i % template.length] as CaseEvent),
      caseId: id,
      seq: i + 1,
    }));
    const receipt = (await store.append(id, 0, events))._unsafeUnwrap();
    if (receipt.treeHead.treeSize % SIGN_EVERY === 0) {
      (
        await signAndSaveTreeHead(store, signer, { logId: "bench-bureau", timestamp: "2026-03-10T02:00:00Z" })
      )._unsafeUnwrap();
    }
    if (c % 1000 === 999) process.stderr.write(`  built ${fmt((c + 1) * PER_CASE)} events\r`);
  }
  await store.close();
  console.log(`built ${fmt(TOTAL)} events in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}

/** The stored bytes of every event, written to one file (what sha256sum reads). */
function exportBytes(dbPath: string, file: string): number {
  const db = new Database(dbPath, { readonly: true });
  const fd = openSync(file, "w");
  let bytes = 0;
  try {
    for (const [json] of db.prepare("SELECT CAST(json AS BLOB) FROM events ORDER BY position").raw().iterate()) {
      writeSync(fd, json);
      bytes += json.length;
    }
  } finally {
    closeSync(fd);
    db.close();
  }
  return bytes;
}

function best(times: readonly number[]): number {
  return Math.min(...times);
}

async function main(): Promise<void> {
  const given = arg("dir");
  const dir = given ?? mkdtempSync(join(tmpdir(), "sanxiang-bench-verify-"));
  try {
    if (!existsSync(join(dir, "events.db"))) await build(dir);
    const dbPath = join(dir, "events.db");
    const file = join(dir, "stored-bytes.bin");
    const bytes = exportBytes(dbPath, file);
    // sha256sum's CPU time (user + system) from the shell's `times`, beside its wall time:
    // on a shared machine CPU time is the steadier measure of the work done.
    const shaRuns: number[] = [];
    const shaCpuRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      const r = spawnSync("bash", ["-c", 'sha256sum "$1" >/dev/null && times', "_", file], { encoding: "utf8" });
      if (r.status !== 0) throw new Error(`sha256sum failed: ${r.stderr}`);
      shaRuns.push(performance.now() - t);
      const children = r.stdout.trim().split("\n").at(-1) ?? "";
      const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
      shaCpuRuns.push(((secs[0] ?? 0) + (secs[1] ?? 0)) * 1000);
    }
    const sha = best(shaRuns);
    const shaCpu = best(shaCpuRuns);
    const store = openSqliteStore({ dir })._unsafeUnwrap();
    const events = (await store.head())._unsafeUnwrap().position;
    console.log(
      `store: ${fmt(events)} events, ${mib(bytes)} MiB of stored event JSON (mean ${fmt(bytes / events)} bytes), file ${mib(statSync(dbPath).size)} MiB`,
    );
    console.log(
      `  baseline sha256sum over the stored bytes: ${fmt(sha)} ms wall, ${fmt(shaCpu)} ms CPU (${mib(bytes / (sha / 1000))} MiB/s, ${fmt(events / (sha / 1000))} events/s; runs ${shaRuns.map(fmt).join(", ")})`,
    );
    const all = new Uint8Array(bytes);
    const ends = new Uint32Array(events);
    {
      const db = new Database(dbPath, { readonly: true });
      let at = 0;
      let i = 0;
      for (const [json] of db.prepare("SELECT CAST(json AS BLOB) FROM events ORDER BY position").raw().iterate()) {
        all.set(json, at);
        at += json.length;
        ends[i++] = at;
      }
      db.close();
    }
    const nodeRuns: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      createHash("sha256").update(all).digest();
      nodeRuns.push(performance.now() - t);
    }
    console.log(`  Node's native SHA-256 over the same bytes in memory: ${fmt(best(nodeRuns))} ms`);
    // The floor of the hashing a verifier must do with the native hash port: one call a leaf
    // (0x00 ‖ the event's bytes) and one a Merkle node (0x01 ‖ two hashes; n − 1 of them), from
    // memory — no reading, no checks — each digest written in place (hashInto), as the
    // verifier does. Each call of crypto.hash still costs ≈ 0.2 µs of its own.
    const leafRuns: number[] = [];
    {
      const native = nativeHashAlgorithm("sha256");
      let longest = 0;
      for (let i = 0, start = 0; i < events; start = ends[i++] as number)
        longest = Math.max(longest, (ends[i] as number) - start);
      const scratch = new Uint8Array(longest + 1);
      const pair = new Uint8Array(65);
      const out = new Uint8Array(32);
      pair[0] = 1;
      for (let r = 0; r < RUNS; r++) {
        const c = process.cpuUsage();
        let start = 0;
        for (let i = 0; i < events; i++) {
          const end = ends[i] as number;
          scratch.set(all.subarray(start, end), 1);
          native.hashInto?.(scratch.subarray(0, end - start + 1), pair, 1 + (i % 2) * 32);
          if (i > 0) native.hashInto?.(pair, out, 0);
          start = end;
        }
        const used = process.cpuUsage(c);
        leafRuns.push((used.user + used.system) / 1000);
      }
    }
    const leafFloor = best(leafRuns);
    console.log(
      `  floor: Node's native SHA-256 called per leaf and per Merkle node, from memory: ${fmt(leafFloor)} ms CPU (${(shaCpu / leafFloor).toFixed(2)}× sha256sum's CPU throughput)`,
    );

    const native = nativeHashAlgorithm("sha256");
    const { readLeaves: _leaves, readProjectionRows: _rows, ...fallback } = store;
    // The same file with the read-ahead worker (readAhead: what `sanxiang verify --log` opens).
    const ahead = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
    // The same store without its stored Merkle subtrees: verify then has no nodes to compare.
    const { readMerkleNodes: _nodes, readMerkleNodeRuns: _runs, ...noNodes } = store;
    const { readMerkleNodes: _aheadNodes, readMerkleNodeRuns: _aheadRuns, ...aheadNoNodes } = ahead;
    // The same with the subtrees read one ref a node (readMerkleNodes, as before readMerkleNodeRuns).
    const { readMerkleNodeRuns: _aheadRunsOnly, ...aheadRefs } = ahead;
    const cases: [string, EventStore, VerifyEventStoreOptions][] = [
      ["fast path (readLeaves), native hash, log only", store, { hash: native, projections: false }],
      [
        "fast path (readLeaves), native hash, log only, stored subtrees not compared",
        noNodes,
        { hash: native, projections: false },
      ],
      ["fast path, read-ahead worker, native hash, log only", ahead, { hash: native, projections: false }],
      [
        "fast path, read-ahead worker, native hash, log only, subtrees read one ref a node (readMerkleNodes)",
        aheadRefs,
        { hash: native, projections: false },
      ],
      [
        "fast path, read-ahead worker, native hash, log only, stored subtrees not compared",
        aheadNoNodes,
        { hash: native, projections: false },
      ],
      ["fast path (readLeaves), core's JS hash, log only", store, { projections: false }],
      ["fast path, native hash, + projection replay", store, { hash: native }],
      // What `sanxiang verify --log` runs: the read-ahead worker, the native hash, the replay.
      [
        "fast path, read-ahead worker, native hash, + projection replay (sanxiang verify --log)",
        ahead,
        { hash: native },
      ],
      ["fallback (readAll), native hash, log only", fallback, { hash: native, projections: false }],
    ];
    // --only <text>: run only the cases whose label contains it (e.g. "log only", "replay");
    // alternatives separated by `|` (e.g. "fast path (readLeaves), native|read-ahead").
    const only = arg("only")?.split("|");
    for (const [label, s, options] of cases.filter(([l]) => only === undefined || only.some((o) => l.includes(o)))) {
      const times: number[] = [];
      const cpu: number[] = [];
      let heap: number[] = [];
      let summary = "";
      for (let i = 0; i < RUNS; i++) {
        const samples: number[] = [];
        const t = performance.now();
        const c = process.cpuUsage();
        const r = await verifyEventStore(s, {
          ...options,
          onProgress: () => samples.push(process.memoryUsage().heapUsed),
        });
        times.push(performance.now() - t);
        const used = process.cpuUsage(c);
        cpu.push((used.user + used.system) / 1000);
        const v = r._unsafeUnwrap();
        heap = samples;
        summary = `${v.readPath}, ${v.merkleNodes ?? "no"} stored subtrees compared, ${v.signedTreeHeads.length} signed heads, unsigned tail ${v.unsignedTail?.events ?? 0}${v.projections === null ? "" : `, projection rows ${v.projections.map((p) => p.rows).join("/")}`}`;
      }
      const ms = best(times);
      const at = (f: number) => mib(heap[Math.min(heap.length - 1, Math.floor(f * heap.length))] ?? 0);
      const ms_cpu = best(cpu);
      console.log(
        `  ${label}: ${fmt(ms)} ms wall, ${fmt(ms_cpu)} ms CPU, ${fmt(events / (ms / 1000))} events/s (runs ${times.map(fmt).join(", ")})`,
      );
      console.log(
        `    throughput ${(sha / ms).toFixed(2)}× sha256sum's (wall), ${(shaCpu / ms_cpu).toFixed(2)}× (CPU); heap after 10% / 50% / 100% of the pages: ${at(0.1)} / ${at(0.5)} / ${at(1)} MiB; ${summary}`,
      );
    }
    await store.close();
    await ahead.close();
  } finally {
    if (given === undefined) rmSync(dir, { recursive: true, force: true });
    else rmSync(join(dir, "stored-bytes.bin"), { force: true });
  }
}

await main();
