// Generated sources must match their inputs: the built-in holiday data is generated from
// the State Council notices file, and a hand edit or a stale regeneration fails here.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");

it("packages/core/src/calendar/data/holidays.ts is generated from holidays-cn.json", async () => {
  const tsx = join(root, "node_modules", ".bin", "tsx");
  const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", "scripts/gen-holidays.ts", "--check"], {
    cwd: root,
  });
  expect(stdout).toContain("is up to date");
});

it("docs/rules.md is generated from the rule tables", async () => {
  const tsx = join(root, "node_modules", ".bin", "tsx");
  const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", "scripts/gen-rules.ts", "--check"], {
    cwd: root,
  });
  expect(stdout).toContain("is up to date");
});
