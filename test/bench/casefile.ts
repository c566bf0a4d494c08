// Case-file (案卷) benchmark — a script, not a vitest bench, because it builds a store of a
// million events. Run from the repository root:
//
//   node --conditions=@sanxiang/source --import tsx test/bench/casefile.ts [--events 1000000] [--dir <store dir>] [--runs 3] [--with-full]
//
// Builds (or reuses, with --dir) a SQLite store of `--events` events: 100-event case streams;
// every 100th case with a legal review stream (review.submitted naming the case) and a
// disclosure stream (disclosure.drafted whose draft names the case); and, in the middle of the
// log, the case the file is made of (TARGET-1: 11 events, two reviews, one disclosure). The
// head is signed at the end. Then, in the same run:
// - baseline: reading the case's own streams by id (`load` of the case, its reviews and its
//   disclosure), what any case view costs;
// - `assembleCaseFileFromStore` (what `sanxiang casefile <id>` and `c.caseFile()` run), with
//   Node's native hash: time as a ratio of the baseline's, and the heap sampled during it —
//   from the store's stored Merkle subtrees, and again by a pass over the whole log
//   (`passOverLog`, the way before them);
// - `verifyCaseFile` of the result (offline, what `sanxiang verify case.json` runs);
// - with --with-full, the previous way (`loadAuditLog` of the whole log, then
//   `assembleCaseFile`), for its time and heap.
// No assertion on time anywhere: figures go to docs/benchmarks.md.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  assembleCaseFile,
  assembleCaseFileFromStore,
  type CaseEvent,
  caseFileToJson,
  loadAuditLog,
  type Stage,
  signAndSaveTreeHead,
  testSigner,
  verificationKeyOf,
  verifyCaseFile,
} from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { nativeHashAlgorithm } from "../../packages/cli/src/native-hash.js";

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const TOTAL = Number(arg("events") ?? 1_000_000);
const RUNS = Number(arg("runs") ?? 3);
const WITH_FULL = process.argv.includes("--with-full");
const PER_CASE = 100;
const TARGET = "TARGET-1";
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const mib = (n: number) => (n / 2 ** 20).toFixed(1);
const officer = { id: "officer-bench", roles: ["officer" as const] };
const signer = testSigner("ed25519");

const FACTS =
  "经查，当事人在经营场所未按规定明码标价，现场检查时发现十二种商品未标示价格，执法人员当场制作现场检查笔录并拍摄照片。";

function ev(stream: string, seq: number, stage: Stage, type: string, payload: Record<string, unknown>): CaseEvent {
  return { caseId: stream, seq, type, at: "2026-03-10T02:00:00Z", actor: officer, stage, payload };
}

/** A bulk case's events (100, about 400 bytes each), as one append. */
function bulkCase(id: string): CaseEvent[] {
  return Array.from({ length: PER_CASE }, (_, i) =>
    ev(id, i + 1, i === 0 ? "filing" : "investigation", i === 0 ? "case.filed" : "investigation.recorded", {
      facts: FACTS,
      records: [{ kind: "transcript", ref: `${id}/${i + 1}` }],
    }),
  );
}

/** The target case and its linked streams, appended one event at a time (interleaved). */
function targetEvents(): CaseEvent[] {
  const c = TARGET;
  const r0 = `${c}.review-1`;
  const r1 = `${c}.review-2`;
  const d = `gs-decision-${c}`;
  const h = "a".repeat(64);
  const p = { facts: FACTS };
  return [
    ev(c, 1, "filing", "case.filed", p),
    ev(c, 2, "investigation", "investigation.recorded", p),
    ev(c, 3, "investigation", "investigation.recorded", p),
    ev(c, 4, "investigation", "investigation.closed", p),
    ev(c, 5, "review", "notice.served", p),
    ev(r0, 1, "review", "review.submitted", { caseId: c, draftHash: h, ...p }),
    ev(r0, 2, "review", "review.concluded", { outcome: "changesRequired", opinion: FACTS }),
    ev(r1, 1, "review", "review.submitted", { caseId: c, draftHash: h, ...p }),
    ev(r1, 2, "review", "review.assigned", { reviewerId: "reviewer-1" }),
    ev(r1, 3, "review", "review.concluded", { outcome: "approved", opinion: FACTS }),
    ev(c, 6, "review", "review.approved", { draftHash: h, reviewId: r1 }),
    ev(c, 7, "decision", "case.decided", { outcome: "penalty", fineFen: 300_000, ...p }),
    ev(c, 8, "service", "decision.served", p),
    ev(d, 1, "decision", "disclosure.drafted", { draft: { caseId: c, title: "行政处罚决定信息" }, ...p }),
    ev(d, 2, "decision", "disclosure.approved", { approverId: "head-1" }),
    ev(d, 3, "decision", "disclosure.published", { caseId: c, channel: "网站", ...p }),
    ev(c, 9, "execution", "payment.recorded", { amountFen: 300_000 }),
    ev(c, 10, "closing", "case.closed", p),
    ev(c, 11, "archiving", "case.archived", p),
  ];
}

async function build(dir: string): Promise<void> {
  const store = openSqliteStore({ dir, projections: [] })._unsafeUnwrap();
  const start = performance.now();
  const cases = Math.max(1, Math.floor(TOTAL / PER_CASE) - 1);
  const versions = new Map<string, number>();
  for (let c = 0; c < cases; c++) {
    const id = `BULK-${String(c).padStart(6, "0")}`;
    (await store.append(id, 0, bulkCase(id)))._unsafeUnwrap();
    if (c % 100 === 50) {
      // A review and a disclosure of this case: streams the pass must tell from the target's.
      const h = "b".repeat(64);
      (
        await store.append(`${id}.review`, 0, [
          ev(`${id}.review`, 1, "review", "review.submitted", { caseId: id, draftHash: h }),
        ])
      )._unsafeUnwrap();
      (
        await store.append(`gs-decision-${id}`, 0, [
          ev(`gs-decision-${id}`, 1, "decision", "disclosure.drafted", { draft: { caseId: id } }),
        ])
      )._unsafeUnwrap();
    }
    if (c === Math.floor(cases / 2)) {
      for (const e of targetEvents()) {
        (await store.append(e.caseId, versions.get(e.caseId) ?? 0, [e]))._unsafeUnwrap();
        versions.set(e.caseId, e.seq);
      }
    }
    if (c % 1000 === 999) process.stderr.write(`  built ${fmt((c + 1) * PER_CASE)} events\r`);
  }
  (
    await signAndSaveTreeHead(store, signer, { logId: "bench-bureau", timestamp: "2026-03-10T02:00:00Z" })
  )._unsafeUnwrap();
  await store.close();
  console.log(`built in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}

/** Runs `f`, sampling `heapUsed` every 10 ms; returns its result, wall ms, CPU ms and the peak heap above the start. */
async function measure<T>(f: () => Promise<T>): Promise<{ value: T; ms: number; cpu: number; heap: number }> {
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 10);
  const c = process.cpuUsage();
  const t = performance.now();
  const value = await f();
  const ms = performance.now() - t;
  const used = process.cpuUsage(c);
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { value, ms, cpu: (used.user + used.system) / 1000, heap: peak - base };
}

function bestOf<T>(runs: readonly { value: T; ms: number; cpu: number; heap: number }[]) {
  const best = runs.reduce((a, b) => (b.ms < a.ms ? b : a));
  return { ...best, heap: Math.max(...runs.map((r) => r.heap)), all: runs.map((r) => fmt(r.ms)).join(", ") };
}

async function main(): Promise<void> {
  const given = arg("dir");
  const dir = given ?? mkdtempSync(join(tmpdir(), "sanxiang-bench-casefile-"));
  try {
    if (!existsSync(join(dir, "events.db"))) await build(dir);
    const store = openSqliteStore({ dir, projections: [] })._unsafeUnwrap();
    const events = (await store.head())._unsafeUnwrap().position;
    console.log(`store: ${fmt(events)} events, file ${mib(statSync(join(dir, "events.db")).size)} MiB`);
    const hash = nativeHashAlgorithm(store.hashAlgorithm);
    const streams = [TARGET, `${TARGET}.review-1`, `${TARGET}.review-2`, `gs-decision-${TARGET}`];

    const baseRuns = [];
    for (let i = 0; i < RUNS; i++) {
      baseRuns.push(
        await measure(async () => {
          let n = 0;
          for (const s of streams) n += (await store.load(s))._unsafeUnwrap().length;
          return n;
        }),
      );
    }
    const base = bestOf(baseRuns);
    console.log(
      `  baseline: load() of the case's ${streams.length} streams (${base.value} events): ${base.ms.toFixed(2)} ms wall (runs ${baseRuns.map((r) => r.ms.toFixed(2)).join(", ")})`,
    );
    const ownRuns = [];
    for (let i = 0; i < RUNS; i++)
      ownRuns.push(await measure(async () => (await store.load(TARGET))._unsafeUnwrap().length));
    const own = bestOf(ownRuns);
    console.log(`  baseline: load() of the case stream alone (${own.value} events): ${own.ms.toFixed(2)} ms wall`);

    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await measure(async () => (await assembleCaseFileFromStore(store, TARGET, { hash }))._unsafeUnwrap()));
    }
    const file = bestOf(runs);
    console.log(
      `  assembleCaseFileFromStore (native hash, stored subtrees): ${file.ms.toFixed(2)} ms wall, ${file.cpu.toFixed(2)} ms CPU (runs ${runs.map((r) => r.ms.toFixed(2)).join(", ")}; CPU ${runs.map((r) => r.cpu.toFixed(2)).join(", ")}); ${(file.ms / base.ms).toFixed(0)}× the baseline; heap peak +${mib(file.heap)} MiB; ${file.value.catalogue.length} entries in ${file.value.parts.length} parts (${file.value.parts.map((p) => `${p.kind} ${p.events}`).join(", ")}), JSON ${mib(JSON.stringify(caseFileToJson(file.value)).length)} MiB`,
    );
    // The same file by a pass over the whole log (what a store without stored subtrees gets,
    // and what every store got before them): the before line, in the same run.
    const passRuns = [];
    for (let i = 0; i < RUNS; i++) {
      passRuns.push(
        await measure(async () =>
          (await assembleCaseFileFromStore(store, TARGET, { hash, passOverLog: true }))._unsafeUnwrap(),
        ),
      );
    }
    const pass = bestOf(passRuns);
    console.log(
      `  before: the pass over the log (passOverLog): ${fmt(pass.ms)} ms wall, ${fmt(pass.cpu)} ms CPU (runs ${pass.all}; CPU ${passRuns.map((r) => fmt(r.cpu)).join(", ")}); heap peak +${mib(pass.heap)} MiB; same file: ${JSON.stringify(caseFileToJson(pass.value)) === JSON.stringify(caseFileToJson(file.value))}`,
    );
    const key = verificationKeyOf(signer);
    const verified = await measure(async () => verifyCaseFile(file.value, key)._unsafeUnwrap());
    console.log(`  verifyCaseFile (offline): ${verified.ms.toFixed(1)} ms wall`);

    if (WITH_FULL) {
      const sth = file.value.signedTreeHead;
      const full = await measure(async () => {
        const log = (await loadAuditLog(store))._unsafeUnwrap();
        return assembleCaseFile(log, TARGET, sth)._unsafeUnwrap();
      });
      console.log(
        `  before: loadAuditLog + assembleCaseFile: ${fmt(full.ms)} ms wall, ${fmt(full.cpu)} ms CPU; heap peak +${mib(full.heap)} MiB; same file: ${JSON.stringify(caseFileToJson(full.value)) === JSON.stringify(caseFileToJson(file.value))}`,
      );
    }
    await store.close();
  } finally {
    if (given === undefined) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
