// The writer the crash test kills: the published crash harness's writer (runCrashWriter) on
// the PostgreSQL store in <schema>. It appends the trial's planned batches and records each
// acknowledged append; the parent (crash.test.ts, crashSuite) kills it with SIGKILL.
// Run: node --conditions=@sanxiang/source --import tsx crash-child.ts <url> <schema>
import { runCrashWriter } from "@sanxiang/testkit/conformance";
import { openCrashStore } from "./crash-store.js";

const [url, schema] = process.argv.slice(2);
if (url === undefined || schema === undefined) {
  console.error("usage: crash-child.ts <url> <schema>");
  process.exit(2);
}
await runCrashWriter(() => openCrashStore(url, schema, 2));
