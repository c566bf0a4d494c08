// Crash test: a child process stores evidence until it is killed with SIGKILL at a random
// moment; afterwards every put it acknowledged is present and verifies, and no file under
// a final name is partial (everything listed verifies). The child's directory is reused
// across trials, so each child also opens a store a killed predecessor left mid-write.
//
// The child is bundled once with esbuild (from source, through the "@sanxiang/source"
// condition): `node --import tsx` would compile core's source again in every child
// (about 5 s a start on the project's machines), the bundle starts in a fraction of that.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fsEvidenceStore } from "./index.js";

const TRIALS = 50;
const LANES = 3;

const root = await mkdtemp(join(tmpdir(), "sanxiang-evidence-crash-"));
const bundle = join(root, "child.mjs");
afterAll(() => rm(root, { recursive: true, force: true }));

beforeAll(async () => {
  await build({
    entryPoints: [join(import.meta.dirname, "crash-child.test-support.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    conditions: ["@sanxiang/source"],
    outfile: bundle,
    logLevel: "silent",
  });
}, 60_000);

/**
 * Reproducible "random" kill points (the trial number is the seed, so a failure names
 * it): the child is killed `delay` ms after its `acks`-th acknowledgement, 0–3 of them, so
 * every trial acknowledges puts however slow the machine, and the kill lands anywhere in
 * the next put.
 */
function killPointFor(trial: number): { acks: number; delay: number } {
  let x = (trial + 1) * 2654435761;
  x ^= x >>> 15;
  x = Math.imul(x, 2246822519);
  x ^= x >>> 13;
  x >>>= 0;
  return { acks: x % 4, delay: (x >>> 8) % 60 };
}

interface Trial {
  readonly trial: number;
  readonly dir: string;
  readonly acked: readonly { hash: string; size: number }[];
  /** Acknowledgements the child had made before the kill was scheduled. */
  readonly acksBeforeKill: number;
  readonly tempLeft: number;
}

async function runTrial(trial: number, dir: string): Promise<Trial> {
  const child: ChildProcess = spawn(process.execPath, [bundle, dir, String(trial + 1)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const { acks, delay } = killPointFor(trial);
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString("utf8");
      if (out.startsWith("ready\n") && (out.match(/^ack /gm)?.length ?? 0) >= acks) resolve();
    });
    child.on("exit", (code) => reject(new Error(`trial ${trial}: child exited (${code}) early: ${out}`)));
  });
  await new Promise((r) => setTimeout(r, delay));
  child.kill("SIGKILL");
  await exited;
  // Only complete lines count: a line cut by the kill was never acknowledged.
  const lines = out.split("\n").slice(0, -1);
  const errors = lines.filter((l) => l.startsWith("error"));
  if (errors.length > 0) throw new Error(`trial ${trial}: ${errors.join("; ")}`);
  const acked = lines
    .filter((l) => l.startsWith("ack "))
    .map((l) => {
      const [, hash = "", size = ""] = l.split(" ");
      return { hash, size: Number(size) };
    });
  const tempLeft = (await readdir(join(dir, ".tmp")).catch(() => [])).length;
  return { trial, dir, acked, acksBeforeKill: acks, tempLeft };
}

describe("crash safety (kill -9 while writing)", () => {
  it(`every acknowledged put survives ${TRIALS} kills and verifies; no partial file is ever listed`, async () => {
    const lanes = Array.from({ length: LANES }, (_, i) => join(root, `lane-${i}`));
    const trials: Trial[] = [];
    const acked = new Map<string, number>();
    await Promise.all(
      lanes.map(async (dir, lane) => {
        for (let t = lane; t < TRIALS; t += LANES) {
          const result = await runTrial(t, dir);
          trials.push(result);
          // Checked right after each kill, by a fresh store that does not sweep.
          const store = fsEvidenceStore({ dir });
          for (const { hash, size } of result.acked) {
            const [algorithm, hex] = hash.split(":") as ["sha256" | "sm3", string];
            const v = await store.verify({ algorithm, hex });
            expect(v.isOk() ? "Ok" : `trial ${t}: ${v._unsafeUnwrapErr().code} ${hash}`).toBe("Ok");
            expect(v._unsafeUnwrap().size).toBe(size);
            acked.set(`${dir}|${hash}`, size);
          }
          for await (const h of store.list()) {
            const v = await store.verify(h);
            expect(v.isOk() ? "Ok" : `trial ${t}: listed but ${v._unsafeUnwrapErr().code}`).toBe("Ok");
          }
        }
      }),
    );
    expect(trials).toHaveLength(TRIALS);
    // Every acknowledged put from every trial is still there at the end.
    for (const [key, size] of acked) {
      const [dir = "", hash = ""] = key.split("|");
      const [algorithm, hex] = hash.split(":") as ["sha256" | "sm3", string];
      expect((await fsEvidenceStore({ dir }).stat({ algorithm, hex }))._unsafeUnwrap()).toEqual({ size });
    }
    // The test is only worth something if kills landed mid-write (a temporary file left
    // behind) and after acknowledgements (each trial waited for 0–3 of them).
    const midWrite = trials.filter((t) => t.tempLeft > 0).length;
    expect(midWrite).toBeGreaterThanOrEqual(TRIALS / 4);
    expect(acked.size).toBeGreaterThanOrEqual(trials.reduce((n, t) => n + t.acksBeforeKill, 0));
    console.info(
      `crash test: ${TRIALS} kills, ${acked.size} acknowledged puts verified, ${midWrite} kills left a temporary file`,
    );
  }, 300_000);
});
