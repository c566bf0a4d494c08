// The writer the crash test kills: opens the store, then appends to its cases in a loop
// (batches of 1–3 events, round-robin over four cases) and prints `<caseId> <seq>` for the
// last event of each batch once the append is acknowledged (resolved ok). It never stops
// by itself: the parent kills it with SIGKILL.
// Run: node --conditions=@sanxiang/source --import tsx crash-child.ts <url> <schema> <prefix>
import type { CaseEvent } from "@sanxiang/core";
import { openPostgresStore } from "../index.js";

const [url, schema, prefix] = process.argv.slice(2);
if (url === undefined || schema === undefined || prefix === undefined) {
  console.error("usage: crash-child.ts <url> <schema> <prefix>");
  process.exit(2);
}
const opened = await openPostgresStore({ connectionString: url, schema, poolSize: 2 });
if (opened.isErr()) {
  console.error(`open failed: ${opened.error.code} ${opened.error.message}`);
  process.exit(1);
}
const store = opened.value;
// What testkit's testEvent(caseId, seq, { seq, caseId, note }) makes — the crash test checks
// the stored events against it; written out here so the child starts without the test kit.
const writtenEvent = (caseId: string, seq: number): CaseEvent => ({
  caseId,
  seq,
  type: "test.recorded",
  at: new Date(Date.UTC(2025, 2, 3, 1) + seq * 60_000).toISOString(),
  actor: { id: "officer-1", roles: ["officer"] },
  stage: "investigation",
  payload: { seq, caseId, note: "笔录" },
});
process.stdout.write("ready\n");
const versions = [0, 0, 0, 0];
for (let i = 0; ; i++) {
  const c = i % versions.length;
  const caseId = `${prefix}-c${c}`;
  const from = versions[c] ?? 0;
  const batch = 1 + (i % 3);
  const events = Array.from({ length: batch }, (_, k) => writtenEvent(caseId, from + k + 1));
  const r = await store.append(caseId, from, events);
  if (r.isErr()) {
    console.error(`append failed: ${r.error.code} ${r.error.message}`);
    process.exit(1);
  }
  versions[c] = from + batch;
  process.stdout.write(`${caseId} ${from + batch}\n`);
}
