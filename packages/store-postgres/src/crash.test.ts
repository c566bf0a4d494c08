// 断电测试 — the published crash harness (crashSuite from @sanxiang/testkit/conformance) on
// the PostgreSQL store: 52 writer processes, 4 at a time on one shared schema, each killed
// with SIGKILL at a seeded moment. After each kill every append the writer saw acknowledged
// is stored, exactly as written, and none is stored in part; at the end, once the server has
// settled, the log is dense, counts exactly the stored events and verifies, and the
// projection rows equal a replay of the log (they were written in the same transactions).
//
// The child is testing/crash-child.ts. It runs as `node --conditions=@sanxiang/source --import
// tsx crash-child.ts <url> <schema>`, but compiling the workspace source through tsx takes
// seconds per process, so the test bundles it once with esbuild and starts `node child.mjs`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crashSuite } from "@sanxiang/testkit/conformance";
import { build } from "esbuild";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openCrashStore } from "./testing/crash-store.js";
import { describePg, dropSchema, endAdminPool, freshSchema } from "./testing/helpers.js";

describePg("crash: SIGKILL of a writing process loses no acknowledged append", (url) => {
  let dir = "";
  let child = "";
  const schema = freshSchema("crash");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sanxiang-crash-"));
    child = join(dir, "crash-child.mjs");
    await build({
      entryPoints: [join(import.meta.dirname, "testing", "crash-child.ts")],
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      conditions: ["@sanxiang/source"],
      external: ["pg-native"],
      outfile: child,
      minify: true,
      logLevel: "warning",
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    // Create the schema once, so the trials exercise appends (not concurrent creation).
    await (await openCrashStore(url, schema, 1)).close();
  }, 120_000);

  afterAll(async () => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
    await dropSchema(url, schema);
    await endAdminPool();
  });

  crashSuite(
    { test, expect, timeout: 240_000 },
    {
      name: "PostgreSQL",
      sharedStore: true,
      trials: 52,
      parallel: 4,
      seed: Number(process.env.CRASH_SEED ?? 20251127),
      writer: () => ({ command: process.execPath, args: [child, url, schema] }),
      open: () => openCrashStore(url, schema, 2),
      onReport: (r) =>
        console.info(
          `[crash] PostgreSQL seed ${r.seed}: ${r.trials} kills (${r.killedWhileOpening} while opening), ` +
            `${r.acknowledgedAppends} appends acknowledged, ${r.storedAppends} stored (${r.storedEvents} events), ` +
            "log verifies, projections equal a replay",
        ),
    },
  );
});
