// Crash-test child: the published crash harness's writer (runCrashWriter) on the SQLite store
// at argv[2] — it appends the trial's planned batches as fast as it can and prints each
// acknowledged append; the parent (src/crash.test.ts, crashSuite) kills it with SIGKILL.
import { runCrashWriter } from "@sanxiang/testkit/conformance";
import { openCrashStore } from "./crash-store.js";

const [path] = process.argv.slice(2);
if (path === undefined) throw new Error("usage: crash-writer <db path>");
await runCrashWriter(async () => openCrashStore(path));
