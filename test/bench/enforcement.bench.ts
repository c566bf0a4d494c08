// Whole ordinary penalty cases in memory, and the bureau audit log, each against a baseline
// measured in the same run: the cheapest thing a store must do with the same events
// (serialise and keep them), and raw SHA-256 of the same leaf bytes.
import {
  type Actor,
  AuditLog,
  type CaseEvent,
  chinaCalendar,
  createBodiesRegistry,
  createCase,
  type DecideContext,
  eventLeafBytes,
  execute,
  inMemoryEventStore,
  sha256,
} from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { bench, describe } from "vitest";
import { DEMO_STEPS } from "../../packages/cli/src/demo-case.js";

const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA)._unsafeUnwrap();
const calendar = chinaCalendar();
const ctx = (now: string, actor: Actor): DecideContext => ({ actor, now, calendar, bodies });

let n = 0;
async function runCase(snapshots = true): Promise<readonly CaseEvent[]> {
  // A copy of the store's methods is another object: `execute` sees only the port (load the
  // whole stream, fold it all), as it does for any store without snapshots.
  const store = snapshots ? inMemoryEventStore() : { ...inMemoryEventStore() };
  const id = `BENCH-${++n}`;
  for (const step of DEMO_STEPS) {
    const r =
      step.command.type === "case.file"
        ? await createCase(store, id, step.command, ctx(step.at, step.actor))
        : await execute(store, id, step.command, ctx(step.at, step.actor));
    if (r.isErr()) throw r.error;
  }
  return (await store.load(id))._unsafeUnwrap();
}

const sampleEvents = await runCase();
const CASES = 50;

describe(`${CASES} whole ordinary cases (${DEMO_STEPS.length} commands each) in memory`, () => {
  bench("baseline: JSON.stringify and keep each case's events (the least a store does)", () => {
    const kept: string[] = [];
    for (let i = 0; i < CASES; i++) for (const e of sampleEvents) kept.push(JSON.stringify(e));
  });
  bench("sanxiang: every command through decide, guards, fold and the in-memory store", async () => {
    for (let i = 0; i < CASES; i++) await runCase();
  });
  bench(
    "sanxiang: the same through the port only (no snapshot: load and fold the whole stream each command)",
    async () => {
      for (let i = 0; i < CASES; i++) await runCase(false);
    },
  );
});

const manyEvents: CaseEvent[] = [];
for (let c = 0; c < 200; c++) for (const e of sampleEvents) manyEvents.push({ ...e, caseId: `LOG-${c}` });

describe(`audit log: ${manyEvents.length} events`, () => {
  bench("baseline: SHA-256 of each event's canonical bytes", () => {
    for (const e of manyEvents) sha256.hash(eventLeafBytes(e));
  });
  bench("sanxiang: AuditLog append (validation, sequence checks, Merkle leaves and nodes)", () => {
    AuditLog.restore(manyEvents)._unsafeUnwrap();
  });
});
