// Browser bundles of @sanxiang/core, as an app's bundler builds them: esbuild, platform
// browser, minified, from the built package (`pnpm build` first). Each entry point is
// bundled on its own and the sizes are printed (docs/benchmarks.md records them). The test
// fails on a Node built-in reached from any entry (core must stay isomorphic) and on what
// the entry points exist to prevent: the calendar pulling in a state machine library or the
// signing curves, and zod kept whole instead of the builders the code calls. The size
// ceilings are far above today's figures (about twice), so they only catch such a change,
// never ordinary growth or a different machine.
import { existsSync, readFileSync } from "node:fs";
import { isBuiltin } from "node:module";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";

const coreDir = resolve(import.meta.dirname, "..", "packages", "core");
const dist = join(coreDir, "dist");

const KiB = 1024;

/** Names each Node built-in an import reaches, with the file that imports it. */
function nodeBuiltins(found: string[]): Plugin {
  return {
    name: "node-builtins",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!isBuiltin(args.path)) return undefined;
        found.push(`${args.path} ← ${args.importer.replace(/.*node_modules\//, "")}`);
        return { path: args.path, external: true };
      });
    },
  };
}

/** The package a bundled input file belongs to (`@sanxiang/core` for the built dist). */
function packageOf(file: string): string {
  const i = file.lastIndexOf("node_modules/");
  if (i < 0) return "@sanxiang/core";
  const parts = file.slice(i + "node_modules/".length).split("/");
  return parts[0]?.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? file);
}

interface Bundle {
  minified: number;
  gzip: number;
  /** Bytes in the output per package. */
  byPackage: Map<string, number>;
  builtins: string[];
}

async function bundle(contents: string): Promise<Bundle> {
  const builtins: string[] = [];
  const result = await build({
    stdin: { contents, resolveDir: coreDir, loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [nodeBuiltins(builtins)],
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const byPackage = new Map<string, number>();
  const outputs: Metafile["outputs"] = result.metafile.outputs;
  for (const output of Object.values(outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = packageOf(file);
      byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return { minified: code.length, gzip: gzipSync(code).length, byPackage, builtins };
}

const kib = (n: number) => `${(n / KiB).toFixed(1)} KiB`;

function report(name: string, b: Bundle): void {
  const top = [...b.byPackage]
    .sort((x, y) => y[1] - x[1])
    .slice(0, 5)
    .map(([p, n]) => `${p} ${kib(n)}`)
    .join(", ");
  console.log(`${name.padEnd(22)} ${kib(b.minified).padStart(11)} min ${kib(b.gzip).padStart(10)} gzip  (${top})`);
}

const pkg = JSON.parse(readFileSync(join(coreDir, "package.json"), "utf8")) as { exports: Record<string, unknown> };
const subpaths = Object.keys(pkg.exports)
  .filter((k) => k !== "." && k !== "./package.json")
  .map((k) => k.slice(2));

describe("@sanxiang/core browser bundles (esbuild, minified)", () => {
  it("is built (pnpm build)", () => {
    for (const entry of ["index", ...subpaths]) {
      expect(existsSync(join(dist, `${entry}.js`)), `${entry}.js missing: run pnpm build`).toBe(true);
    }
  });

  it("a calendar-only import stays small: no state machines, no curves, zod by the builder", async () => {
    const b = await bundle(
      `export { chinaCalendar, computeDeadline, STATUTORY_PERIODS } from ${JSON.stringify(join(dist, "calendar.js"))};`,
    );
    report("calendar (3 functions)", b);
    expect(b.builtins).toEqual([]);
    expect(b.byPackage.has("xstate")).toBe(false);
    expect(b.byPackage.has("@noble/curves")).toBe(false);
    // zod whole is ≈ 443 KiB minified; the builders the calendar calls ≈ 93 KiB.
    expect(b.byPackage.get("zod") ?? 0).toBeLessThan(200 * KiB);
    expect(b.gzip).toBeLessThan(100 * KiB);
  });

  it("the whole core bundles with nothing from Node and zod not kept whole", async () => {
    const b = await bundle(`export * from ${JSON.stringify(join(dist, "index.js"))};`);
    report("whole core (root)", b);
    expect(b.builtins).toEqual([]);
    expect(b.byPackage.get("zod") ?? 0).toBeLessThan(200 * KiB);
    expect(b.byPackage.get("@sanxiang/core") ?? 0).toBeGreaterThan(100 * KiB);
  });

  it.each(subpaths)("@sanxiang/core/%s bundles with nothing from Node", async (subpath) => {
    const b = await bundle(`export * from ${JSON.stringify(join(dist, `${subpath}.js`))};`);
    report(`${subpath} (everything)`, b);
    expect(b.builtins).toEqual([]);
    expect(b.minified).toBeGreaterThan(0);
  });
});
