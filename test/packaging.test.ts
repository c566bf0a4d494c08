// Packaging is checked on every test run: each built package passes publint (strict) and
// "are the types wrong" (attw), and @sanxiang/core bundles for a browser with nothing
// from Node (core must stay isomorphic). `pnpm test` builds first; run `pnpm build` before
// running this file alone.
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { build } from "esbuild";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const packagesDir = join(root, "packages");
const packages = readdirSync(packagesDir).filter((d) => existsSync(join(packagesDir, d, "package.json")));

function pkgJson(dir: string): { name: string; exports?: unknown; sideEffects?: unknown } {
  return JSON.parse(readFileSync(join(packagesDir, dir, "package.json"), "utf8"));
}

describe.each(packages)("package %s", (dir) => {
  const pkgDir = join(packagesDir, dir);

  it("is built (pnpm build)", () => {
    expect(existsSync(join(pkgDir, "dist", "index.js")), `${dir}/dist missing: run pnpm build`).toBe(true);
    expect(existsSync(join(pkgDir, "dist", "index.cjs"))).toBe(true);
    expect(existsSync(join(pkgDir, "dist", "index.d.ts"))).toBe(true);
  });

  it("declares sideEffects: false and an exports map with the source condition first", () => {
    const pkg = pkgJson(dir);
    expect(pkg.sideEffects).toBe(false);
    const entries = Object.entries(pkg.exports as Record<string, Record<string, unknown> | string>);
    expect(entries.map(([k]) => k)).toContain(".");
    for (const [key, entry] of entries) {
      if (key === "./package.json") continue;
      expect(typeof entry === "object" && Object.keys(entry)[0], key).toBe("@sanxiang/source");
    }
  });

  it("passes publint --strict", async () => {
    const { messages, pkg } = await publint({ pkgDir, strict: true, level: "suggestion" });
    const text = messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
    expect(text).toEqual([]);
  });

  // Profile node16, and the node10 column decided (packages/core/README.md, "Entry points"):
  // the root entry resolves under every mode, node10 included; subpath entries
  // (`@sanxiang/core/calendar`, `/laws`, …) are not claimed there, since node10 ignores
  // `exports` and TypeScript 6 refuses `moduleResolution: node10`. So the only problems
  // allowed are node10 failing to resolve exactly the subpaths the exports map declares.
  it("passes @arethetypeswrong/cli --pack --profile node16; node10 fails only on subpaths", async () => {
    const attw = join(root, "node_modules", ".bin", "attw");
    const r = await run(attw, ["--pack", pkgDir, "--format", "json", "--profile", "node16"], {
      cwd: pkgDir,
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? "", stderr: e.stderr ?? "" }));
    const report = JSON.parse(r.stdout) as {
      analysis?: { problems?: { kind?: string; entrypoint?: string; resolutionKind?: string }[] };
    };
    expect(report.analysis, `no analysis: ${r.stderr}`).toBeDefined();
    const problems = report.analysis?.problems ?? [];
    expect(problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
    const subpaths = Object.keys(pkgJson(dir).exports as Record<string, unknown>).filter(
      (k) => k !== "." && k !== "./package.json",
    );
    const node10 = problems.filter((p) => p.resolutionKind === "node10").map((p) => `${p.kind} ${p.entrypoint}`);
    expect(node10.sort()).toEqual(subpaths.map((s) => `NoResolution ${s}`).sort());
  });
});

describe("@sanxiang/core entry points share one copy of each module", () => {
  // A subpath and the root must hand out the same functions and classes (an error class,
  // a cached registry), in ESM and in CommonJS alike: the build shares chunks between entries.
  const dist = join(packagesDir, "core", "dist");
  const subpaths = Object.keys(pkgJson("core").exports as Record<string, unknown>)
    .filter((k) => k !== "." && k !== "./package.json" && k !== "./laws")
    .map((k) => k.slice(2));

  it.each(subpaths)("%s: import and require give the root's exports", async (subpath) => {
    const require = createRequire(import.meta.url);
    const esmRoot = (await import(pathToFileURL(join(dist, "index.js")).href)) as Record<string, unknown>;
    const esmSub = (await import(pathToFileURL(join(dist, `${subpath}.js`)).href)) as Record<string, unknown>;
    const cjsRoot = require(join(dist, "index.cjs")) as Record<string, unknown>;
    const cjsSub = require(join(dist, `${subpath}.cjs`)) as Record<string, unknown>;
    const names = Object.keys(esmSub);
    expect(names.length).toBeGreaterThan(0);
    expect(Object.keys(cjsSub).sort()).toEqual([...names].sort());
    for (const name of names) {
      expect(esmSub[name], name).toBe(esmRoot[name]);
      expect(cjsSub[name], name).toBe(cjsRoot[name]);
    }
  });
});

describe("@sanxiang/core in a browser", () => {
  it("its built bundle names no Node built-in", () => {
    for (const f of ["index.js", "index.cjs"]) {
      const code = readFileSync(join(packagesDir, "core", "dist", f), "utf8");
      expect(code).not.toMatch(/(from|require\()\s*["'](node:|fs|path|crypto|os|util|stream|buffer)["']/);
      expect(code).not.toMatch(/["']node:/);
    }
  });

  it("bundles for platform=browser with all its dependencies", async () => {
    const result = await build({
      entryPoints: [join(packagesDir, "core", "dist", "index.js")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]?.text.length ?? 0).toBeGreaterThan(1000);
  });
});
