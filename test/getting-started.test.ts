// docs/getting-started.md walks examples/getting-started.ts: the guide shows the program
// verbatim (test/examples.test.ts runs it on the in-memory stores), and the same program runs
// on the durable adapters — the SQLite store and evidence files — with only the two stores swapped.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const example = readFileSync(join(root, "examples", "getting-started.ts"), "utf8");
const program = example.replace(/^(\/\/.*\n)+/, "");

describe("getting started", () => {
  it("the guide shows the example program verbatim", () => {
    const guide = readFileSync(join(root, "docs", "getting-started.md"), "utf8");
    expect(guide).toContain(`\`\`\`ts\n${program}\`\`\``);
  });

  it("the same program runs on SQLite and evidence files", async () => {
    const memoryStore = "memoryEventStore({ projections: bureauProjections() })";
    const memoryEvidence = "memoryEvidenceStore()";
    expect(program).toContain(memoryStore);
    expect(program).toContain(memoryEvidence);
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-getting-started-"));
    try {
      const durable = [
        'import { fsEvidenceStore } from "@sanxiang/evidence-fs";',
        'import { openSqliteStore } from "@sanxiang/store-sqlite";',
        program
          .replace(
            memoryStore,
            `openSqliteStore({ dir: ${JSON.stringify(dir)}, projections: bureauProjections() })._unsafeUnwrap()`,
          )
          .replace(memoryEvidence, `fsEvidenceStore({ dir: ${JSON.stringify(join(dir, "evidence"))} })`),
      ].join("\n");
      const out = join(root, "test", ".tmp", "getting-started");
      mkdirSync(out, { recursive: true });
      const file = join(out, "getting-started-sqlite.ts");
      writeFileSync(file, durable);
      const tsx = join(root, "node_modules", ".bin", "tsx");
      const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", file], { cwd: root });
      expect(stdout).toMatch(/published: memory:gs-decision-SPT-SCJ-2026-012/);
      expect(stdout).toMatch(/case file: \d+ entries, verified/);
      expect(stdout).toMatch(/cases: SPT-SCJ-2026-012 case\.archived/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
