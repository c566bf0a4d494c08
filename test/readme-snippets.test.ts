// The TypeScript snippets in the READMEs and guides are programs: each is extracted,
// type-checked against the workspace source and run. A snippet that drifts from the API
// fails here instead of misleading a reader.
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const out = join(root, "test", ".tmp", "snippets");
const docs = [
  "README.md",
  "packages/core/README.md",
  "packages/cli/README.md",
  "packages/testkit/README.md",
  "packages/sample/README.md",
  "packages/xlsx/README.md",
  "packages/store-sqlite/README.md",
  "packages/store-postgres/README.md",
  "packages/evidence-fs/README.md",
  "packages/publish-site/README.md",
  "docs/getting-started.md",
  "docs/calendar.md",
  "docs/merkle.md",
  "docs/import-export.md",
  "docs/bodies-and-powers.md",
  "docs/entities.md",
  "docs/laws.md",
  "docs/benchmarks-discretion.md",
  "docs/recording.md",
  "docs/equipment.md",
  "docs/signing.md",
  "docs/casefile.md",
  "docs/enforcement.md",
  "docs/simplified.md",
  "docs/coercion.md",
  "docs/execution.md",
  "docs/inspection.md",
  "docs/review.md",
  "docs/disclosure.md",
  "docs/storage-evidence.md",
  "docs/identity.md",
  "docs/testing.md",
  "docs/storage-adapters.md",
  "docs/storage.md",
];

interface Snippet {
  readonly doc: string;
  readonly file: string;
}

function extract(): Snippet[] {
  const snippets: Snippet[] = [];
  for (const doc of docs) {
    const text = readFileSync(join(root, doc), "utf8");
    const blocks = [...text.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1] ?? "");
    blocks.forEach((code, i) => {
      const file = `${doc.replaceAll("/", "_").replace(/\.md$/, "")}_${i + 1}.ts`;
      // Each snippet is its own module (top-level await allowed).
      writeFileSync(join(out, file), `${code}\nexport {};\n`);
      snippets.push({ doc, file });
    });
  }
  return snippets;
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const snippets = extract();

describe("documentation snippets", () => {
  it("there are snippets to check", () => {
    expect(snippets.length).toBeGreaterThan(5);
  });

  it("type-check against the workspace source", async () => {
    const tsc = join(root, "node_modules", ".bin", "tsc");
    const r = await run(tsc, ["-p", join(out, "tsconfig.json")], { cwd: root }).catch((e: { stdout?: string }) => ({
      stdout: e.stdout ?? "tsc failed",
    }));
    expect(r.stdout).toBe("");
  });

  // All snippets run in one tsx process (one start-up instead of one per snippet); the
  // runner reports each snippet's outcome on its own line.
  const outcomes = new Map<string, string>();
  beforeAll(async () => {
    writeFileSync(
      join(out, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"], module: "preserve", target: "ES2022" },
        include: ["*.ts"],
      }),
    );
    const runner = join(out, "run-all.mts");
    writeFileSync(
      runner,
      `for (const file of ${JSON.stringify(snippets.map((x) => x.file))}) {
  try {
    await import(\`./\${file}\`);
    console.log(JSON.stringify({ file, ok: true }));
  } catch (e) {
    console.log(JSON.stringify({ file, ok: false, error: String(e instanceof Error ? e.stack : e) }));
  }
}
`,
    );
    const tsx = join(root, "node_modules", ".bin", "tsx");
    const { stdout } = await run(tsx, ["--conditions=@sanxiang/source", runner], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    for (const line of stdout.split("\n")) {
      if (!line.startsWith('{"file"')) continue;
      const r = JSON.parse(line) as { file: string; ok: boolean; error?: string };
      outcomes.set(r.file, r.ok ? "ok" : (r.error ?? "failed"));
    }
  });

  it.each(snippets.map((s) => [s.doc, s.file] as const))("%s (%s) runs", (_doc, file) => {
    expect(outcomes.get(file)).toBe("ok");
  });
});
