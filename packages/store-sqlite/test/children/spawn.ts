// Starting child processes for the crash and concurrency tests. Running the TypeScript
// children through tsx (`node --conditions=@sanxiang/source --import tsx child.ts`) works but
// costs about 3 s of start-up per process on the project's 2-core machines (tsx transforms
// core's sources on every start), which would make 50 crash trials take minutes. So the
// children are bundled once per test file with esbuild — same sources, same resolution
// condition — and each child is a plain `node child.mjs` (≈ 0.2 s to start).
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = dirname(fileURLToPath(import.meta.url));

/** The bundled children and how to remove them. */
export interface Children {
  /** Path of the bundled crash writer. */
  readonly writer: string;
  /** Path of the bundled concurrency racer. */
  readonly racer: string;
  /** Removes the bundles. */
  readonly cleanup: () => void;
}

/**
 * Bundles the children into the package's `node_modules/.cache` (so the external
 * better-sqlite3 resolves from the package, as it would from its source).
 */
export async function buildChildren(): Promise<Children> {
  const outdir = resolve(here, "../../node_modules/.cache", `sanxiang-children-${process.pid}-${Date.now()}`);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: { writer: join(here, "crash-writer.ts"), racer: join(here, "racer.ts") },
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@sanxiang/source"],
    external: ["better-sqlite3"],
    outdir,
    outExtension: { ".js": ".mjs" },
    logLevel: "error",
  });
  return {
    writer: join(outdir, "writer.mjs"),
    racer: join(outdir, "racer.mjs"),
    cleanup: () => rmSync(outdir, { recursive: true, force: true }),
  };
}

/** A running child: its process, the lines it printed so far, and its end. */
export interface RunningChild {
  /** The process. */
  readonly process: ChildProcess;
  /** Lines printed to stdout so far (complete lines only). */
  readonly lines: string[];
  /** Resolves when the process has exited and its output is read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Resolves when a line satisfying `match` has been printed (rejects if the child exits first). */
  waitForLine(match: (line: string) => boolean): Promise<string>;
}

/** Starts `node script ...args` and collects its output line by line. */
export function startChild(script: string, args: readonly string[]): RunningChild {
  const child = spawn(process.execPath, [script, ...args], { stdio: ["pipe", "pipe", "pipe"] });
  const lines: string[] = [];
  let partial = "";
  let stderr = "";
  const watchers = new Set<() => void>();
  let ended = false;
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (chunk: string) => {
    const parts = (partial + chunk).split("\n");
    partial = parts.pop() ?? "";
    lines.push(...parts);
    for (const w of [...watchers]) w();
  });
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolveExit) => {
    child.on("close", (code, signal) => {
      ended = true;
      // A line cut off by a kill was never fully acknowledged: it is dropped.
      for (const w of [...watchers]) w();
      resolveExit({ code, signal, stderr });
    });
  });
  return {
    process: child,
    lines,
    exited,
    waitForLine(match) {
      return new Promise((resolveLine, reject) => {
        const check = () => {
          const found = lines.find(match);
          if (found !== undefined) {
            watchers.delete(check);
            resolveLine(found);
          } else if (ended) {
            watchers.delete(check);
            reject(new Error(`child exited before printing the line; stderr: ${stderr}; last: ${lines.at(-1)}`));
          }
        };
        watchers.add(check);
        check();
      });
    },
  };
}
