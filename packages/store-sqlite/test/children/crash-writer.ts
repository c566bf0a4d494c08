// Crash-test child: opens the store at argv[2] and appends batches of 1–3 events to the
// crash cases as fast as it can, printing `caseId seq` for every event of an append only
// after that append resolved ok (stdout to a pipe is synchronous on Linux, so a printed
// line was acknowledged). The parent kills it with SIGKILL at a random moment.
import { conformanceProjection } from "@sanxiang/testkit/conformance";
import { openSqliteStore } from "../../src/index.js";
import { CRASH_CASES, childEvent, seeded } from "./events.js";

const [path, seedText] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: crash-writer <db path> <seed>");
const random = seeded(Number(seedText ?? 1));
process.stdout.write("ready\n");
const opened = openSqliteStore({ path, projections: [conformanceProjection] });
if (opened.isErr()) {
  process.stdout.write(`error ${opened.error.code} ${opened.error.message}\n`);
  process.exit(1);
}
const store = opened.value;
const versions = new Map<string, number>();
for (const caseId of CRASH_CASES) {
  const loaded = await store.load(caseId);
  if (loaded.isErr()) process.exit(1);
  versions.set(caseId, loaded.value.length);
}
for (;;) {
  const caseId = CRASH_CASES[Math.floor(random() * CRASH_CASES.length)] as string;
  const from = versions.get(caseId) ?? 0;
  const count = 1 + Math.floor(random() * 3);
  const events = Array.from({ length: count }, (_, i) => childEvent(caseId, from + i + 1));
  const r = await store.append(caseId, from, events);
  if (r.isErr()) {
    process.stdout.write(`error ${r.error.code} ${r.error.message}\n`);
    process.exit(1);
  }
  versions.set(caseId, from + count);
  process.stdout.write(`${events.map((e) => `${e.caseId} ${e.seq}`).join("\n")}\n`);
}
