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
  "docs/getting-started.md",
  "docs/calendar.md",
  "docs/merkle.md",
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
  beforeAll(() => {
    writeFileSync(
      join(out, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, types: ["node"], module: "preserve", target: "ES2022" },
        include: ["*.ts"],
      }),
    );
  });

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

  it.each(snippets.map((s) => [s.doc, s.file] as const))("%s (%s) runs", async (_doc, file) => {
    const tsx = join(root, "node_modules", ".bin", "tsx");
    await run(tsx, ["--conditions=@sanxiang/source", join(out, file)], { cwd: root });
  });
});
