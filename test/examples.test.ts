// Every program in examples/ runs here, against the workspace source, and must exit 0.
// Each example checks its own results with node:assert, so a wrong answer fails the
// test; the expected lines below guard that it printed what the docs say it prints.
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const examples = readdirSync(join(root, "examples")).filter((f) => f.endsWith(".ts"));

const expected: Record<string, RegExp[]> = {
  "deadlines.ts": [/2026-10-15/, /CALENDAR_YEAR_UNKNOWN/],
  "getting-started.ts": [/published: memory:gs-decision-SPT-SCJ-2026-012/, /case file: \d+ entries, verified/],
  "merkle-proof.ts": [/inclusion: ok/, /consistency: ok/, /tampered: MERKLE_ROOT_MISMATCH/],
  "money.ts": [/人民币壹万贰仟元整/],
};

describe("examples", () => {
  it("has an expectation for every example", () => {
    expect(examples.sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(examples)("%s runs", async (file) => {
    const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", join("examples", file)], { cwd: root });
    for (const re of expected[file] ?? []) expect(stdout).toMatch(re);
  });
});
