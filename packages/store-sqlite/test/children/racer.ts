// Concurrency child: one of several processes appending to the same case. It prints
// `ready`, waits for `go` on stdin (so all start together), then makes `rounds` appends,
// each by reading the stream's version and appending the next event, retrying on
// CONCURRENCY_CONFLICT. It prints `ok <version>` / `conflict <version> <actual>` per
// attempt and `done` at the end; any other failure prints `error` and exits 1.
import { openSqliteStore } from "../../src/index.js";
import { childEvent } from "./events.js";

const [path, writerText, roundsText] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: racer <db path> <writer> <rounds>");
const writer = Number(writerText);
const rounds = Number(roundsText ?? 10);
const opened = openSqliteStore({ path, projections: [] });
if (opened.isErr()) {
  process.stdout.write(`error ${opened.error.code} ${opened.error.message}\n`);
  process.exit(1);
}
const store = opened.value;
process.stdout.write("ready\n");
await new Promise<void>((resolve) => {
  process.stdin.on("data", (chunk) => {
    if (String(chunk).includes("go")) resolve();
  });
});
process.stdin.pause();
for (let round = 0; round < rounds; round++) {
  for (;;) {
    const loaded = await store.load("race");
    if (loaded.isErr()) {
      process.stdout.write(`error ${loaded.error.code} ${loaded.error.message}\n`);
      process.exit(1);
    }
    const version = loaded.value.length;
    const r = await store.append("race", version, [childEvent("race", version + 1, { writer, round })]);
    if (r.isOk()) {
      process.stdout.write(`ok ${version}\n`);
      break;
    }
    if (r.error.code !== "CONCURRENCY_CONFLICT") {
      process.stdout.write(`error ${r.error.code} ${r.error.message}\n`);
      process.exit(1);
    }
    process.stdout.write(`conflict ${version} ${String(r.error.details?.actualVersion)}\n`);
  }
}
await store.close();
process.stdout.write("done\n");
