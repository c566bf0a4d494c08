// Pack the workspace packages and install the tarballs the way a stranger would, in a fresh
// directory outside the monorepo. Shared by test/pack-install.test.ts (which checks that the
// installs work) and scripts/measure-packages.ts (which records what each package costs).
import { execFile } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/** The monorepo's root directory. */
export const root = resolve(import.meta.dirname, "..");

/** The pnpm the repository pins (`packageManager`, and a devDependency). */
export const PNPM_VERSION = "12.4.2";

/** A publishable workspace package, read from its package.json. */
export interface WorkspacePackage {
  /** Directory name under packages/. */
  readonly dir: string;
  /** Absolute path of the package directory. */
  readonly path: string;
  /** Package name, e.g. `@sanxiang/core`. */
  readonly name: string;
  /** Version in package.json (what `pnpm pack` writes). */
  readonly version: string;
  /** Import specifiers of every entry in the exports map but `./package.json`. */
  readonly entries: readonly string[];
  /** Command names in `bin`. */
  readonly bins: readonly string[];
}

/** Every non-private package under packages/, found at run time (new packages join by existing). */
export function workspacePackages(): WorkspacePackage[] {
  const dir = join(root, "packages");
  return readdirSync(dir)
    .filter((d) => existsSync(join(dir, d, "package.json")))
    .sort()
    .flatMap((d) => {
      const pkg = JSON.parse(readFileSync(join(dir, d, "package.json"), "utf8")) as {
        name: string;
        version: string;
        private?: boolean;
        exports?: Record<string, unknown>;
        bin?: Record<string, string>;
      };
      if (pkg.private === true) return [];
      const entries = Object.keys(pkg.exports ?? { ".": "" })
        .filter((k) => k !== "./package.json")
        .map((k) => (k === "." ? pkg.name : `${pkg.name}/${k.slice(2)}`));
      return [
        { dir: d, path: join(dir, d), name: pkg.name, version: pkg.version, entries, bins: Object.keys(pkg.bin ?? {}) },
      ];
    });
}

/**
 * The environment for a child package manager: the parent's, minus the `npm_*` / `pnpm_*`
 * variables a script runner sets (they would carry this workspace's settings into the fresh
 * directory).
 */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm|pnpm)_/i.test(k) || k === "INIT_CWD" || k === "NODE_OPTIONS") continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** Output of one finished command. */
export interface Ran {
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time in milliseconds (reported, never asserted). */
  readonly ms: number;
}

/** Runs a command; rejects with its output when it exits non-zero. */
export async function run(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = cleanEnv(),
): Promise<Ran> {
  const started = performance.now();
  try {
    const r = await execFileAsync(cmd, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 });
    return { stdout: r.stdout, stderr: r.stderr, ms: performance.now() - started };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string; message?: string };
    throw new Error(
      `${cmd} ${args.join(" ")} failed in ${cwd}:\n${x.message ?? ""}\n${x.stdout ?? ""}\n${x.stderr ?? ""}`,
    );
  }
}

/** The tarball file name pnpm writes for a package: `@sanxiang/core@0.1.0` → `sanxiang-core-0.1.0.tgz`. */
export function tarballName(pkg: Pick<WorkspacePackage, "name" | "version">): string {
  return `${pkg.name.replace(/^@/, "").replace("/", "-")}-${pkg.version}.tgz`;
}

/** Packs every package with the pinned pnpm into `dest`; returns package name → tarball path. */
export async function packAll(dest: string, packages = workspacePackages()): Promise<Map<string, string>> {
  mkdirSync(dest, { recursive: true });
  const pnpm = join(root, "node_modules", ".bin", "pnpm");
  const out = new Map<string, string>();
  for (const pkg of packages) {
    await run(pnpm, ["pack", "--pack-destination", dest], pkg.path);
    const file = join(dest, tarballName(pkg));
    if (!existsSync(file)) throw new Error(`pnpm pack wrote no ${file}`);
    out.set(pkg.name, file);
  }
  return out;
}

/** The package.json inside a tarball, as packed (workspace: ranges already replaced). */
export async function packedManifest(tarball: string): Promise<Record<string, unknown>> {
  const r = await run("tar", ["-xzOf", tarball, "package/package.json"], dirname(tarball));
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

/** Writes a fresh app directory's package.json (type module, private). */
export function freshApp(dir: string, name: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name, version: "0.0.0", private: true, type: "module" }, null, 2)}\n`,
  );
}

/** `npm install` of the given tarballs (and extra registry specs) into `dir`. */
export function npmInstall(dir: string, specs: readonly string[]): Promise<Ran> {
  return run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...specs], dir);
}

/**
 * `pnpm add` (the pinned version, through npx) of the tarballs into `dir`. Until the packages
 * are on the registry, their ranges on each other (`^0.1.0`) must point at the tarballs:
 * `overrides` in the app's pnpm-workspace.yaml does that, and `allowBuilds` approves
 * better-sqlite3's native build (pnpm 12 refuses to install while a build is unapproved).
 */
export function pnpmAdd(
  dir: string,
  tarballs: ReadonlyMap<string, string>,
  extra: readonly string[] = [],
): Promise<Ran> {
  const overrides = [...tarballs].map(([name, file]) => `  "${name}": "file:${file}"`).join("\n");
  writeFileSync(
    join(dir, "pnpm-workspace.yaml"),
    `overrides:\n${overrides}\nallowBuilds:\n  better-sqlite3: true\n  esbuild: true\n`,
  );
  return run("npx", ["-y", `pnpm@${PNPM_VERSION}`, "add", ...tarballs.values(), ...extra], dir);
}

/** Size of a package installed in an app, alone and with everything it pulls in. */
export interface InstallCost {
  /** Bytes of the package's own files. */
  readonly ownBytes: number;
  /** Bytes of the package and every package it brings (dependencies and non-optional peers). */
  readonly totalBytes: number;
  /** How many packages that is, itself included. */
  readonly packages: number;
}

function bytesOf(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isSymbolicLink()) continue;
    if (e.isDirectory()) n += e.name === "node_modules" ? 0 : bytesOf(p);
    else if (e.isFile()) n += lstatSync(p).size;
  }
  return n;
}

/** Where Node would find `name` when required from a package at `fromDir` (walks up node_modules). */
function resolvePackageDir(fromDir: string, name: string): string | undefined {
  let d = fromDir;
  for (;;) {
    const candidate = join(d, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return realpathSync(candidate);
    const up = dirname(d);
    if (up === d) return undefined;
    d = up;
  }
}

/**
 * What installing `name` costs, measured in an app where npm installed it: the package's own
 * bytes, and the bytes of the whole set of packages it reaches through `dependencies`,
 * `optionalDependencies` (when present) and non-optional `peerDependencies`. Bytes are file
 * sizes (not disk blocks), so the figure is the same on every filesystem.
 */
export function installCost(appDir: string, name: string): InstallCost {
  const start = resolvePackageDir(appDir, name);
  if (start === undefined) throw new Error(`${name} is not installed in ${appDir}`);
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const dir = queue.pop() as string;
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    const names = [
      ...Object.keys(pkg.dependencies ?? {}),
      ...Object.keys(pkg.peerDependencies ?? {}).filter((n) => pkg.peerDependenciesMeta?.[n]?.optional !== true),
    ];
    for (const n of names) {
      const d = resolvePackageDir(dir, n);
      if (d === undefined) throw new Error(`${n}, needed by ${dir}, is not installed`);
      queue.push(d);
    }
    for (const n of Object.keys(pkg.optionalDependencies ?? {})) {
      const d = resolvePackageDir(dir, n);
      if (d !== undefined) queue.push(d);
    }
  }
  let totalBytes = 0;
  for (const d of seen) totalBytes += bytesOf(d);
  return { ownBytes: bytesOf(start), totalBytes, packages: seen.size };
}
