// 崩溃测试 — the published crash harness (crashSuite from @sanxiang/testkit/conformance) on
// the SQLite store: 52 writers, each on a database of its own, killed with SIGKILL at seeded
// moments (some while creating the database, most while appending). After each kill, every
// acknowledged append is there, equal to what was appended, and none is there in part; the
// log head counts exactly the stored events and the Merkle log verifies; the projection rows
// equal a replay of the stored events (they were written in the same transactions); and the
// store accepts the next append.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  CRASH_ACKS_ENV,
  CRASH_DEADLINE_ENV,
  CRASH_TRIAL_ENV,
  type CrashTrial,
  crashSuite,
} from "@sanxiang/testkit/conformance";
import { afterAll, beforeAll, expect, test } from "vitest";
import { openCrashStore } from "../test/children/crash-store.js";
import { buildChildren, type Children } from "../test/children/spawn.js";

let children: Children;
const root = mkdtempSync(join(tmpdir(), "sanxiang-sqlite-crash-"));
const pathOf = (trial: CrashTrial) => join(root, `trial-${trial.index}`, "events.db");

beforeAll(async () => {
  children = await buildChildren();
}, 60_000);
afterAll(() => {
  children?.cleanup();
  rmSync(root, { recursive: true, force: true });
});

crashSuite(
  { test, expect, timeout: 240_000 },
  {
    name: "SQLite",
    trials: 52,
    parallel: 6,
    seed: Number(process.env.CRASH_SEED ?? 20251127),
    maxKillDelayMs: 300,
    writer: (trial) => ({ command: process.execPath, args: [children.writer, pathOf(trial)] }),
    open: async (trial) => openCrashStore(pathOf(trial)),
    dispose: async (trial) => rmSync(join(root, `trial-${trial.index}`), { recursive: true, force: true }),
    onReport: (r) =>
      console.info(
        `[crash] SQLite seed ${r.seed}: ${r.trials} kills (${r.killedWhileOpening} while opening), ` +
          `${r.acknowledgedAppends} appends acknowledged, ${r.storedAppends} stored (${r.storedEvents} events; ` +
          "stored ≥ acknowledged: a kill may fall between commit and acknowledgement), every log verifies",
      ),
  },
);

test("a writer whose parent never kills it stops by itself at its deadline (exit 3), its acknowledged appends kept", () => {
  const trial: CrashTrial = { index: 99, seed: 7, cases: ["CRASH-A", "CRASH-B"] };
  mkdirSync(join(root, "trial-99"), { recursive: true });
  const acks = join(root, "acks-99.txt");
  const run = spawnSync(process.execPath, [children.writer, pathOf(trial)], {
    env: {
      ...process.env,
      [CRASH_TRIAL_ENV]: JSON.stringify(trial),
      [CRASH_ACKS_ENV]: acks,
      [CRASH_DEADLINE_ENV]: String(Date.now() - 1),
    },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status).toBe(3);
  expect(run.stdout).toContain("ack 1 ");
  expect(readFileSync(acks, "utf8")).toMatch(/^ack 1 /);
}, 90_000);
