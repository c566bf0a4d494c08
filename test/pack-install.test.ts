// A stranger's install, end to end. test/packaging.test.ts checks each built package in place
// (publint, attw, core's entry points); this file packs every package with `pnpm pack`,
// installs the tarballs into fresh directories outside the monorepo (os.tmpdir()) — all of
// them with npm, one adapter alone with core with npm (its peer range must resolve), all of
// them with pnpm — and runs a small program against each install: an ESM script importing
// every entry point of every package, a CommonJS script requiring them, the `sanxiang` bin,
// and `tsc --noEmit` of a consumer under `moduleResolution` nodenext and bundler.
//
// It needs the built packages (`pnpm build`) and the npm registry (zod, xstate, better-sqlite3
// and the rest are downloaded). An install or import that fails fails the test: nothing is
// skipped. Each install happens once and every check reuses it.
//
// better-sqlite3's native addon. Its install script (`prebuild-install || node-gyp rebuild`)
// downloads a prebuilt binary, or compiles SQLite from source (minutes) when none is reachable.
// The installs here take the workspace's own addon instead, through prebuild-install's
// documented local prebuild (`npm_config_better_sqlite3_local_prebuilds`, the offline route
// users behind a firewall take): the same version (checked), built by this machine's Node for
// this platform, packed as the prebuilt tarball prebuild-install looks for. The install script
// still runs (and prebuild-install loads the addon before accepting it); the apps below open a
// database with it. The from-source build users without a prebuilt binary face is proven once
// per run all the same: when the workspace's addon was itself compiled here (its node-gyp
// objects are beside it: `pnpm install` found no prebuilt binary), that build is the proof and
// the store-sqlite tests run on it; when it came prebuilt, the npm install of every tarball
// compiles better-sqlite3 from source (`npm_config_build_from_source`).

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cleanEnv,
  freshApp,
  PNPM_VERSION,
  packAll,
  packedManifest,
  type Ran,
  root,
  run,
  type WorkspacePackage,
  workspacePackages,
} from "../scripts/pack-install.js";

const packages = workspacePackages();
const byName = new Map(packages.map((p) => [p.name, p]));
const CORE = "@sanxiang/core";
/** Packages that must take core as a peer (one copy of core per app): all but core and the CLI. */
const peerOfCore = packages.filter((p) => p.name !== CORE && p.name !== "@sanxiang/cli");
/** The adapter installed alone with core (no native build: keeps the run short). */
const ALONE = "@sanxiang/evidence-fs";

const rootPkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  devDependencies: Record<string, string>;
};
const TYPES_NODE = `@types/node@${rootPkg.devDependencies["@types/node"]}`;
const VITEST = `vitest@${rootPkg.devDependencies.vitest}`;
const tsc = join(root, "node_modules", "typescript", "bin", "tsc");

const work = mkdtempSync(join(tmpdir(), "sanxiang-pack-install-"));
let tarballs = new Map<string, string>();

/** The workspace's better-sqlite3, as store-sqlite resolves it. */
const SQLITE = "better-sqlite3";
const sqliteDir = dirname(
  createRequire(join(root, "packages", "store-sqlite", "package.json")).resolve(`${SQLITE}/package.json`),
);
const sqliteVersion = (JSON.parse(readFileSync(join(sqliteDir, "package.json"), "utf8")) as { version: string })
  .version;
const sqliteAddon = join(sqliteDir, "build", "Release", "better_sqlite3.node");
/** node-gyp leaves its objects beside an addon it compiled; a prebuilt download has none. */
const compiledHere = (dir: string) => existsSync(join(dir, "build", "Release", "obj.target"));
/** The workspace's addon was compiled from source on this machine (see the top of the file). */
const workspaceCompiled = compiledHere(sqliteDir);

/**
 * The workspace's addon as the prebuilt tarball prebuild-install looks for in a local prebuilds
 * directory: `better-sqlite3-v<version>-node-v<abi>-<platform><libc>-<arch>.tar.gz` holding
 * `build/Release/better_sqlite3.node`. Returns the directory.
 */
async function localPrebuilds(): Promise<string> {
  const dir = join(work, "prebuilds");
  mkdirSync(dir, { recursive: true });
  const report = process.report.getReport() as { header?: { glibcVersionRuntime?: string } };
  const libc = process.platform === "linux" && report.header?.glibcVersionRuntime === undefined ? "musl" : "";
  const name = `${SQLITE}-v${sqliteVersion}-node-v${process.versions.modules}-${process.platform}${libc}-${process.arch}.tar.gz`;
  await run("tar", ["-czf", join(dir, name), "-C", sqliteDir, "build/Release/better_sqlite3.node"], sqliteDir);
  return dir;
}
let prebuilds = "";

/** The environment of an install: the workspace's addon offered as a local prebuild. */
const installEnv = (extra: Record<string, string> = {}) =>
  cleanEnv({ npm_config_better_sqlite3_local_prebuilds: prebuilds, ...extra });

/** `npm install` of the given tarballs (and extra registry specs) into `dir`. */
function npmInstall(dir: string, specs: readonly string[], extra: Record<string, string> = {}): Promise<Ran> {
  return run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], dir, installEnv(extra));
}

/**
 * `pnpm add` (the pinned version, through npx) of the tarballs into `dir`. Until the packages
 * are on the registry, their ranges on each other (`^0.1.0`) must point at the tarballs:
 * `overrides` in the app's pnpm-workspace.yaml does that, and `allowBuilds` approves
 * better-sqlite3's install script (pnpm 12 refuses to install while a build is unapproved).
 */
function pnpmAdd(dir: string, extra: readonly string[]): Promise<Ran> {
  const overrides = [...tarballs].map(([name, file]) => `  "${name}": "file:${file}"`).join("\n");
  writeFileSync(
    join(dir, "pnpm-workspace.yaml"),
    `overrides:\n${overrides}\nallowBuilds:\n  better-sqlite3: true\n  esbuild: true\n`,
  );
  return run("npx", ["-y", `pnpm@${PNPM_VERSION}`, "add", ...tarballs.values(), ...extra], dir, installEnv());
}

/** Where an app's better-sqlite3 is installed (its real directory) and which version it is. */
async function installedSqlite(dir: string): Promise<{ dir: string; version: string }> {
  const r = await run(
    "node",
    [
      "-e",
      `const { realpathSync } = require("node:fs"); const { dirname } = require("node:path");
       const app = require("node:module").createRequire(require.resolve("@sanxiang/store-sqlite"));
       const p = realpathSync(app.resolve("${SQLITE}/package.json"));
       console.log(JSON.stringify({ dir: dirname(p), version: require(p).version }));`,
    ],
    dir,
  );
  return JSON.parse(r.stdout) as { dir: string; version: string };
}

beforeAll(async () => {
  expect(work.startsWith(root)).toBe(false);
  tarballs = await packAll(join(work, "tarballs"), packages);
  expect(existsSync(sqliteAddon), sqliteAddon).toBe(true);
  prebuilds = await localPrebuilds();
}, 300_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** ESM: import every entry, run a calendar computation, and check each package sees the app's core. */
function esmScript(pkgs: readonly WorkspacePackage[]): string {
  const entries = pkgs.flatMap((p) => p.entries);
  const withPeer = pkgs.filter((p) => peerOfCore.includes(p)).map((p) => p.name);
  return `import { createRequire } from "node:module";
import { realpathSync } from "node:fs";
const entries = ${JSON.stringify(entries)};
const counts = {};
for (const e of entries) {
  const m = await import(e);
  const n = Object.keys(m).length;
  if (n === 0) throw new Error(e + " exports nothing");
  counts[e] = n;
}
const { chinaCalendar } = await import("@sanxiang/core/calendar");
const due = chinaCalendar().addWorkingDays("2026-09-30", 7)._unsafeUnwrap();
if (due !== "2026-10-15") throw new Error("addWorkingDays gave " + due);
let sqlite = null;
if (entries.includes("@sanxiang/store-sqlite")) {
  // better-sqlite3's native addon loads and a store appends and reads back.
  const { openSqliteStore } = await import("@sanxiang/store-sqlite");
  const store = openSqliteStore({ path: ":memory:" })._unsafeUnwrap();
  const event = { caseId: "C-1", seq: 1, type: "test.recorded", at: "2026-03-02T01:00:00.000Z",
    actor: { id: "officer-1", roles: ["officer"] }, stage: "investigation", payload: { note: "现场检查笔录" } };
  const version = (await store.append("C-1", 0, [event]))._unsafeUnwrap().version;
  const loaded = (await store.load("C-1"))._unsafeUnwrap();
  if (version !== 1 || loaded.length !== 1 || loaded[0].payload.note !== "现场检查笔录") throw new Error("store-sqlite round trip failed");
  await store.close();
  sqlite = version;
}
// One copy of core: each package that takes core as a peer resolves the app's own core.
const app = createRequire(import.meta.url);
const appCore = realpathSync(app.resolve("@sanxiang/core"));
for (const name of ${JSON.stringify(withPeer)}) {
  const own = createRequire(realpathSync(app.resolve(name + "/package.json")));
  const theirs = realpathSync(own.resolve("@sanxiang/core"));
  if (theirs !== appCore) throw new Error(name + " loads its own core: " + theirs + " (app: " + appCore + ")");
}
console.log(JSON.stringify({ counts, due, appCore, sqlite }));
`;
}

/** CommonJS: require every entry. */
function cjsScript(pkgs: readonly WorkspacePackage[]): string {
  const entries = pkgs.flatMap((p) => p.entries);
  return `const counts = {};
for (const e of ${JSON.stringify(entries)}) {
  const m = require(e);
  const n = Object.keys(m).length;
  if (n === 0) throw new Error(e + " exports nothing");
  counts[e] = n;
}
const { chinaCalendar } = require("@sanxiang/core/calendar");
const due = chinaCalendar().addWorkingDays("2026-09-30", 7)._unsafeUnwrap();
if (due !== "2026-10-15") throw new Error("addWorkingDays gave " + due);
console.log(JSON.stringify({ counts, due }));
`;
}

/** A consumer that type-checks against the installed declarations (both module systems). */
function writeConsumer(dir: string, pkgs: readonly WorkspacePackage[], libCheck: boolean): void {
  const entries = pkgs.flatMap((p) => p.entries);
  const imports = entries.map((e, i) => `import * as m${i} from "${e}";`).join("\n");
  writeFileSync(
    join(dir, "consumer.ts"),
    `${imports}
import { chinaCalendar } from "@sanxiang/core/calendar";

const due = chinaCalendar().addWorkingDays("2026-09-30", 7);
export const when: string | undefined = due.isOk() ? due.value : undefined;
// The declarations are real types, not any: a wrong call is an error.
// @ts-expect-error the start date comes first
chinaCalendar().addWorkingDays(7, "2026-09-30");
export const modules = [${entries.map((_, i) => `m${i}`).join(", ")}] as const;
`,
  );
  // A CommonJS consumer: under nodenext a .cts file resolves the "require" condition's types.
  writeFileSync(
    join(dir, "consumer-cjs.cts"),
    `import core = require("@sanxiang/core");
import calendar = require("@sanxiang/core/calendar");
export const same: boolean = core.chinaCalendar === calendar.chinaCalendar;
`,
  );
  const base = { strict: true, noEmit: true, skipLibCheck: true, target: "es2022", types: ["node"] };
  writeFileSync(
    join(dir, "tsconfig.nodenext.json"),
    JSON.stringify({
      compilerOptions: { ...base, skipLibCheck: !libCheck, module: "nodenext", moduleResolution: "nodenext" },
      files: ["consumer.ts", "consumer-cjs.cts"],
    }),
  );
  writeFileSync(
    join(dir, "tsconfig.bundler.json"),
    JSON.stringify({
      compilerOptions: { ...base, module: "esnext", moduleResolution: "bundler" },
      files: ["consumer.ts"],
    }),
  );
  if (!libCheck) return;
  // A calendar-only app, its libraries' declarations checked too (no skipLibCheck): it must
  // load nothing of zod's or xstate's (checking zod's declarations was most of its cost).
  writeFileSync(
    join(dir, "consumer-calendar.ts"),
    `import { chinaCalendar, computeDeadline, STATUTORY_PERIODS } from "@sanxiang/core/calendar";

const calendar = chinaCalendar();
const deadline = computeDeadline("penalty.hearingRequest", "2026-09-30", calendar);
export const due: string | undefined = deadline.isOk() ? deadline.value.due : undefined;
export const law: string | undefined = deadline.isOk() ? deadline.value.source.law : undefined;
export const rows: number = STATUTORY_PERIODS.length;
`,
  );
  writeFileSync(
    join(dir, "tsconfig.calendar.json"),
    JSON.stringify({
      compilerOptions: { ...base, skipLibCheck: false, module: "nodenext", moduleResolution: "nodenext" },
      files: ["consumer-calendar.ts"],
    }),
  );
}

/** Declaration files of a package among the files `tsc --listFiles` printed. */
function filesOf(listed: string, pkg: string): string[] {
  return listed.split("\n").filter((l) => l.replaceAll("\\", "/").includes(`/node_modules/${pkg}/`));
}

/**
 * Runs the ESM, CommonJS and type checks in an installed app; each throws on failure.
 * `libCheck` type-checks the installed declarations themselves under nodenext (a .d.ts naming
 * a module the user does not have fails there); it costs about a minute (zod's declarations),
 * so one install does it and the others type-check the consumer with `skipLibCheck`. It also
 * checks a calendar-only consumer without `skipLibCheck` and that its program loads no zod.
 */
async function exercise(dir: string, pkgs: readonly WorkspacePackage[], libCheck = false): Promise<void> {
  writeFileSync(join(dir, "check.mjs"), esmScript(pkgs));
  writeFileSync(join(dir, "check.cjs"), cjsScript(pkgs));
  writeConsumer(dir, pkgs, libCheck);
  const esm = JSON.parse((await run("node", ["check.mjs"], dir)).stdout) as {
    counts: Record<string, number>;
    due: string;
    appCore: string;
    sqlite: number | null;
  };
  expect(Object.keys(esm.counts).sort()).toEqual(pkgs.flatMap((p) => p.entries).sort());
  expect(esm.sqlite).toBe(pkgs.some((p) => p.name === "@sanxiang/store-sqlite") ? 1 : null);
  expect(esm.appCore.startsWith(dir)).toBe(true);
  const cjs = JSON.parse((await run("node", ["check.cjs"], dir)).stdout) as { counts: Record<string, number> };
  expect(cjs.counts).toEqual(esm.counts);
  await run("node", [tsc, "-p", "tsconfig.nodenext.json"], dir);
  await run("node", [tsc, "-p", "tsconfig.bundler.json"], dir);
  if (libCheck) {
    const listed = (await run("node", [tsc, "-p", "tsconfig.calendar.json", "--listFiles"], dir)).stdout;
    expect(filesOf(listed, "@sanxiang/core").length).toBeGreaterThan(1);
    expect(filesOf(listed, "zod")).toEqual([]);
    expect(filesOf(listed, "xstate")).toEqual([]);
  }
  // What was installed is what was packed: the same version of each of our packages.
  for (const p of pkgs) {
    const installed = JSON.parse(
      (await run("node", ["-p", `JSON.stringify(require("${p.name}/package.json"))`], dir)).stdout,
    ) as { version: string };
    expect(installed.version, p.name).toBe(p.version);
  }
  if (pkgs.some((p) => p.bins.includes("sanxiang"))) {
    const r = await run(
      join(dir, "node_modules", ".bin", "sanxiang"),
      ["deadline", "2026-09-30", "7", "--workdays"],
      dir,
    );
    expect(r.stdout).toContain("2026-10-15");
  }
}

describe("packed tarballs", () => {
  it("enumerate every package under packages/", () => {
    expect(packages.length).toBeGreaterThanOrEqual(8);
    expect([...tarballs.keys()].sort()).toEqual(packages.map((p) => p.name).sort());
  });

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s names its internal dependencies as ranges, core as a peer where it is one, and its provenance fields",
    async (_name, pkg) => {
      const m = (await packedManifest(tarballs.get(pkg.name) as string)) as Record<string, unknown> & {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
        repository?: { type?: string; url?: string; directory?: string };
        bugs?: { url?: string };
        engines?: { node?: string };
      };
      expect(m.version).toBe(pkg.version);
      expect(m.version).not.toBe("0.0.0");
      expect(JSON.stringify(m)).not.toContain("workspace:");
      for (const field of ["dependencies", "peerDependencies"] as const) {
        for (const [dep, range] of Object.entries(m[field] ?? {})) {
          const target = byName.get(dep);
          if (target) expect(range, `${field}.${dep}`).toBe(`^${target.version}`);
        }
      }
      if (peerOfCore.includes(pkg)) {
        expect(m.peerDependencies?.[CORE]).toBe(`^${byName.get(CORE)?.version}`);
        expect(m.dependencies?.[CORE]).toBeUndefined();
      }
      expect(m.repository?.type).toBe("git");
      expect(m.repository?.url).toMatch(/^git\+https:\/\/.+\.git$/);
      expect(m.repository?.directory).toBe(`packages/${pkg.dir}`);
      expect(m.homepage).toMatch(/^https:\/\//);
      expect(m.bugs?.url).toMatch(/^https:\/\//);
      expect(m.license).toBe("MIT");
      expect(Array.isArray(m.keywords) && m.keywords.length > 0).toBe(true);
      expect(m.engines?.node).toMatch(/^>=20/);
    },
  );

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s: every file its exports map, main, module, types and bin name is in the tarball, with LICENSE and README",
    async (_name, pkg) => {
      const listed = new Set(
        (await run("tar", ["-tzf", tarballs.get(pkg.name) as string], work)).stdout
          .split("\n")
          .filter((l) => l.startsWith("package/"))
          .map((l) => `./${l.slice("package/".length)}`),
      );
      const m = await packedManifest(tarballs.get(pkg.name) as string);
      const targets = new Set<string>();
      const walk = (v: unknown): void => {
        if (typeof v === "string") targets.add(v.startsWith("./") ? v : `./${v}`);
        else if (v && typeof v === "object") for (const x of Object.values(v)) walk(x);
      };
      walk(m.exports);
      walk(m.bin);
      for (const k of ["main", "module", "types"]) walk(m[k]);
      expect(targets.size).toBeGreaterThan(2);
      expect([...targets].filter((t) => !listed.has(t))).toEqual([]);
      // The MIT licence its manifest names travels with it (npm adds LICENSE when it exists).
      expect(listed.has("./LICENSE")).toBe(true);
      expect(listed.has("./README.md")).toBe(true);
    },
  );

  it.each(packages.map((p) => [p.name, p] as const))(
    "%s ships the sources its source maps name (the README's sources for debugging) and no test-only source",
    async (_name, pkg) => {
      const dir = join(work, "extracted", pkg.dir);
      mkdirSync(dir, { recursive: true });
      await run("tar", ["-xzf", tarballs.get(pkg.name) as string, "-C", dir], work);
      const pkgDir = join(dir, "package");
      const shipped = readdirSync(pkgDir, { recursive: true, encoding: "utf8" }).map((f) => f.split(sep).join("/"));
      // Every source a map in dist names is in the tarball.
      const maps = shipped.filter((f) => f.startsWith("dist/") && f.endsWith(".map"));
      expect(maps.length).toBeGreaterThan(0);
      const unmapped = maps.flatMap((m) =>
        (JSON.parse(readFileSync(join(pkgDir, m), "utf8")) as { sources: string[] }).sources
          .map((s) =>
            relative(pkgDir, resolve(pkgDir, dirname(m), s))
              .split(sep)
              .join("/"),
          )
          // a bundler's own shim (tsup's cjs_shims.js) lies outside the package: not a source of ours
          .filter((s) => !s.startsWith("../") && !existsSync(join(pkgDir, s))),
      );
      expect([...new Set(unmapped)]).toEqual([]);
      // Every .ts under src/ is reached by imports from an entry point's source (the
      // `@sanxiang/source` condition of the exports map): nothing only the tests use.
      const entries: string[] = [];
      const collect = (v: unknown): void => {
        if (v && typeof v === "object")
          for (const [k, x] of Object.entries(v)) {
            if (k === "@sanxiang/source" && typeof x === "string") entries.push(x.replace(/^\.\//, ""));
            else collect(x);
          }
      };
      collect((await packedManifest(tarballs.get(pkg.name) as string)).exports);
      expect(entries.length).toBeGreaterThan(0);
      const reached = new Set<string>();
      const queue = [...entries];
      for (let f = queue.pop(); f !== undefined; f = queue.pop()) {
        if (reached.has(f)) continue;
        reached.add(f);
        const source = readFileSync(join(pkgDir, f), "utf8");
        for (const [, spec] of source.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
          const target = relative(pkgDir, resolve(pkgDir, dirname(f), spec ?? ""))
            .split(sep)
            .join("/");
          const candidates = [target.replace(/\.js$/, ".ts"), `${target.replace(/\.js$/, "")}/index.ts`];
          const found = candidates.find((c) => existsSync(join(pkgDir, c)));
          if (found !== undefined) queue.push(found);
        }
      }
      const sources = shipped.filter((f) => f.startsWith("src/") && f.endsWith(".ts"));
      expect(sources.filter((f) => !reached.has(f))).toEqual([]);
    },
  );

  it("all version together (the changesets fixed group)", () => {
    expect(new Set(packages.map((p) => p.version)).size).toBe(1);
    const config = JSON.parse(readFileSync(join(root, ".changeset", "config.json"), "utf8")) as { fixed: string[][] };
    expect(config.fixed).toEqual([["@sanxiang/*"]]);
  });
});

/** Wall times of the installs, printed at the end (reported, never asserted). */
const timings: string[] = [];
afterAll(() => {
  if (timings.length > 0) console.log(`pack-install: ${timings.join("; ")}`);
});

/**
 * The app's better-sqlite3 is the workspace's version, and its addon came the way the test
 * meant: the workspace's (byte for byte) or, for the one from-source build, compiled here.
 */
async function expectSqlite(dir: string, compiled: boolean): Promise<void> {
  const installed = await installedSqlite(dir);
  expect(installed.version).toBe(sqliteVersion);
  expect(compiledHere(installed.dir), installed.dir).toBe(compiled);
  const addon = readFileSync(join(installed.dir, "build", "Release", "better_sqlite3.node"));
  expect(addon.equals(readFileSync(sqliteAddon))).toBe(!compiled);
}

describe("installed outside the workspace", () => {
  it("the tarballs depend on the better-sqlite3 version the workspace built (its addon is reused)", async () => {
    const m = (await packedManifest(tarballs.get("@sanxiang/store-sqlite") as string)) as {
      dependencies?: Record<string, string>;
    };
    expect(m.dependencies?.[SQLITE]).toBe(sqliteVersion);
  });

  const fromSource = !workspaceCompiled;
  it(`npm: every tarball together — ESM, CommonJS, types (nodenext, bundler), the sanxiang bin, a SQLite store${
    fromSource ? " (better-sqlite3 compiled from source)" : ""
  }`, async () => {
    const dir = join(work, "npm-all");
    freshApp(dir, "npm-all");
    const r = await npmInstall(
      dir,
      [...tarballs.values(), TYPES_NODE, VITEST],
      fromSource ? { npm_config_build_from_source: SQLITE } : {},
    );
    timings.push(`npm install of all ${Math.round(r.ms / 1000)} s`);
    await expectSqlite(dir, fromSource);
    await exercise(dir, packages, true);
  }, 1_200_000);

  it(`npm: ${ALONE} alone with core — the peer range ^${byName.get(CORE)?.version} resolves`, async () => {
    const dir = join(work, "npm-alone");
    freshApp(dir, "npm-alone");
    const pick = [byName.get(CORE), byName.get(ALONE)].filter((p): p is WorkspacePackage => p !== undefined);
    expect(pick.length).toBe(2);
    const r = await npmInstall(dir, [...pick.map((p) => tarballs.get(p.name) as string), TYPES_NODE]);
    timings.push(`npm install of ${ALONE} and core ${Math.round(r.ms / 1000)} s`);
    await exercise(dir, pick);
    // Only what was asked for (and its registry dependencies) is there: no other @sanxiang package.
    const ours = (await run("npm", ["ls", "--all", "--parseable"], dir)).stdout
      .split("\n")
      .filter((l) => l.includes("@sanxiang"));
    expect(ours.every((l) => l.includes(CORE) || l.includes(ALONE))).toBe(true);
  }, 600_000);

  it("pnpm: every tarball together — ESM, CommonJS, types (nodenext, bundler), the sanxiang bin, a SQLite store", async () => {
    const dir = join(work, "pnpm-all");
    freshApp(dir, "pnpm-all");
    const r = await pnpmAdd(dir, [TYPES_NODE, VITEST]);
    timings.push(`pnpm add of all ${Math.round(r.ms / 1000)} s`);
    // pnpm may restore the addon from its store's side-effects cache instead of running the
    // install script: the version is checked, the addon is exercised below either way.
    expect((await installedSqlite(dir)).version).toBe(sqliteVersion);
    await exercise(dir, packages);
  }, 1_200_000);
});
