// The sample bureau data lives in @sanxiang/sample, a package an app (and the CLI's demo) can
// install without a test runner: its runtime dependencies are @sanxiang/core alone, and the
// CLI no longer reaches @sanxiang/testkit (whose peers are vitest and fast-check) at run time.
// Checks the package.json files and what the builds import (`pnpm build` first, as for
// test/packaging.test.ts).
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");

interface Manifest {
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
}

function manifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8")) as Manifest;
}

/** Every package an install of `dir` brings along or asks the app for (devDependencies excluded). */
function runtimeDependencies(dir: string): string[] {
  const m = manifest(dir);
  return [
    ...Object.keys(m.dependencies ?? {}),
    ...Object.keys(m.peerDependencies ?? {}),
    ...Object.keys(m.optionalDependencies ?? {}),
  ];
}

/** The built JavaScript files of a package (entries and shared chunks). */
function builtFiles(dir: string): string[] {
  const dist = join(packagesDir, dir, "dist");
  expect(existsSync(dist), `packages/${dir}/dist missing: run pnpm build`).toBe(true);
  return readdirSync(dist, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".js") || f.endsWith(".cjs"))
    .map((f) => join(dist, f));
}

/** The bare module specifiers a built file imports or requires (static and dynamic). */
function specifiers(file: string): string[] {
  const code = readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const m of code.matchAll(/\b(?:from|import|require)\s*\(?\s*["']([^"'./][^"']*)["']/g)) {
    if (m[1] !== undefined) found.add(m[1]);
  }
  return [...found];
}

/** Packages only a test needs. */
const TEST_ONLY = /^(@sanxiang\/testkit|vitest|@vitest\/|fast-check|@fast-check\/|jest|@jest\/|mocha|chai|sinon)/;

describe("@sanxiang/sample has no test dependencies", () => {
  it("its runtime dependencies are @sanxiang/core alone", () => {
    const deps = runtimeDependencies("sample");
    expect(deps.filter((d) => TEST_ONLY.test(d))).toEqual([]);
    expect([...new Set(deps)]).toEqual(["@sanxiang/core"]);
  });

  it("its build imports nothing but @sanxiang/core and its entry points", () => {
    const files = builtFiles("sample");
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      for (const s of specifiers(file)) expect(s, file).toMatch(/^@sanxiang\/core(\/[a-z-]+)?$/);
    }
  });

  it("bundles for a browser: no Node built-in is reached", async () => {
    const builtins: string[] = [];
    const result = await build({
      entryPoints: [join(packagesDir, "sample", "dist", "index.js")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      plugins: [
        {
          name: "node-builtins",
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) => {
              if (!isBuiltin(args.path)) return undefined;
              builtins.push(`${args.path} ← ${args.importer}`);
              return { path: args.path, external: true };
            });
          },
        },
      ],
    });
    expect(result.errors).toEqual([]);
    expect(builtins).toEqual([]);
  });
});

describe("@sanxiang/testkit keeps its old path to the sample", () => {
  // A re-export of an external package that two entries share lands in a chunk, and esbuild
  // then drops it from the ESM build: each entry must hand out every sample export itself.
  // Checked in a plain Node process, as an app loads the built packages (the test runner
  // would resolve @sanxiang/sample to its TypeScript source).
  const program = `
    import { createRequire } from "node:module";
    const require = createRequire(import.meta.url);
    const esm = await import("@sanxiang/sample");
    const cjs = require("@sanxiang/sample");
    const names = Object.keys(esm).sort();
    const out = { names, entries: {} };
    for (const entry of ["@sanxiang/testkit", "@sanxiang/testkit/sample"]) {
      const viaEsm = await import(entry);
      const viaCjs = require(entry);
      out.entries[entry] = {
        esm: Object.keys(viaEsm).sort(),
        cjs: Object.keys(viaCjs).sort(),
        different: names.filter((n) => viaEsm[n] !== esm[n] || viaCjs[n] !== cjs[n]),
      };
    }
    console.log(JSON.stringify(out));
  `;

  it("@sanxiang/testkit and @sanxiang/testkit/sample give the same values as @sanxiang/sample, ESM and CJS", async () => {
    const env = { ...process.env };
    delete env.NODE_OPTIONS;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", program], {
      cwd: join(packagesDir, "testkit"),
      env,
    });
    const out = JSON.parse(stdout) as {
      names: string[];
      entries: Record<string, { esm: string[]; cjs: string[]; different: string[] }>;
    };
    expect(out.names).toContain("SAMPLE_BODIES_DATA");
    expect(Object.keys(out.entries)).toHaveLength(2);
    for (const [entry, r] of Object.entries(out.entries)) {
      expect(r.esm, `${entry} (ESM)`).toEqual(out.names);
      expect(r.cjs, `${entry} (CJS)`).toEqual(out.names);
      expect(r.different, entry).toEqual([]);
    }
  });
});

describe("@sanxiang/cli does not need the test kit at run time", () => {
  it("its package.json takes the sample from @sanxiang/sample, not @sanxiang/testkit", () => {
    const deps = runtimeDependencies("cli");
    expect(deps).toContain("@sanxiang/sample");
    expect(deps.filter((d) => TEST_ONLY.test(d))).toEqual([]);
  });

  it("its build imports no test-only package", () => {
    const files = builtFiles("cli");
    expect(files.length).toBeGreaterThan(0);
    const imported = files.flatMap((f) => specifiers(f).map((s) => `${s} ← ${f.slice(packagesDir.length + 1)}`));
    expect(imported.some((s) => s.startsWith("@sanxiang/sample "))).toBe(true);
    expect(imported.filter((s) => TEST_ONLY.test(s))).toEqual([]);
  });

  it("its sources (tests aside) import no test-only package", () => {
    const src = join(packagesDir, "cli", "src");
    const offending = readdirSync(src, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".ts") && !/\.test(-support|-d)?\.ts$/.test(f))
      .flatMap((f) => specifiers(join(src, f)).map((s) => `${s} ← ${f}`))
      .filter((s) => TEST_ONLY.test(s));
    expect(offending).toEqual([]);
  });
});

describe("the API reference covers the package", () => {
  // typedoc.json lists its packages by hand; one left out has no reference page.
  it("typedoc.json lists every workspace package, @sanxiang/sample among them", () => {
    const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as { entryPoints: string[] };
    const packages = readdirSync(packagesDir).filter((d) => existsSync(join(packagesDir, d, "package.json")));
    expect(packages).toContain("sample");
    expect([...config.entryPoints].sort()).toEqual(packages.map((d) => `packages/${d}`).sort());
  });
});
