// docs/getting-started.md walks examples/getting-started.ts: the guide shows the program
// verbatim (test/examples.test.ts runs it on the in-memory stores), and the same program runs
// on the durable adapters — the SQLite store and evidence files — with only the two stores swapped.
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const example = readFileSync(join(root, "examples", "getting-started.ts"), "utf8");
const program = example.replace(/^(\/\/.*\n)+/, "");
const memoryStore = "memoryEventStore({ projections: bureauProjections() })";
const memoryEvidence = "memoryEvidenceStore()";

/** Runs the example with its event store (and evidence store) swapped; returns what it printed. */
async function runWith(name: string, imports: readonly string[], store: string, evidence: string, end = "") {
  const durable = [...imports, program.replace(memoryStore, store).replace(memoryEvidence, evidence), end].join("\n");
  const out = join(root, "test", ".tmp", "getting-started");
  mkdirSync(out, { recursive: true });
  const file = join(out, `getting-started-${name}.ts`);
  writeFileSync(file, durable);
  const tsx = join(root, "node_modules", ".bin", "tsx");
  const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", file], { cwd: root });
  expect(stdout).toMatch(/published: memory:gs-decision-SPT-SCJ-2026-012/);
  expect(stdout).toMatch(/case file: \d+ entries, verified/);
  expect(stdout).toMatch(/cases: SPT-SCJ-2026-012 case\.archived/);
}

describe("getting started", () => {
  it("the guide shows the example program verbatim", () => {
    const guide = readFileSync(join(root, "docs", "getting-started.md"), "utf8");
    expect(guide).toContain(`\`\`\`ts\n${program}\`\`\``);
  });

  it("the same program runs on SQLite and evidence files", async () => {
    expect(program).toContain(memoryStore);
    expect(program).toContain(memoryEvidence);
    const dir = mkdtempSync(join(tmpdir(), "sanxiang-getting-started-"));
    try {
      await runWith(
        "sqlite",
        [
          'import { fsEvidenceStore } from "@sanxiang/evidence-fs";',
          'import { openSqliteStore } from "@sanxiang/store-sqlite";',
        ],
        `openSqliteStore({ dir: ${JSON.stringify(dir)}, projections: bureauProjections() })._unsafeUnwrap()`,
        `fsEvidenceStore({ dir: ${JSON.stringify(join(dir, "evidence"))} })`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const pgUrl = process.env.DATABASE_URL;
  it.skipIf(pgUrl === undefined)(
    "the same program runs on PostgreSQL",
    async () => {
      const schema = `sx_gs_${process.pid}_${Date.now()}`;
      try {
        await runWith(
          "postgres",
          [
            'import { openPostgresStore } from "@sanxiang/store-postgres";',
            `const pg = (await openPostgresStore({ connectionString: ${JSON.stringify(pgUrl)}, schema: "${schema}", projections: bureauProjections() }))._unsafeUnwrap();`,
          ],
          "pg",
          memoryEvidence,
          "await pg.close();",
        );
      } finally {
        // pg is store-postgres's dependency, not the root's.
        const pgLib = createRequire(join(root, "packages", "store-postgres", "package.json"))("pg") as {
          Client: new (o: {
            connectionString: string;
          }) => {
            connect(): Promise<void>;
            query(q: string): Promise<unknown>;
            end(): Promise<void>;
          };
        };
        const client = new pgLib.Client({ connectionString: pgUrl as string });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      }
    },
    60_000,
  );
});
