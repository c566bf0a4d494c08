// The built `sanxiang` bin, run as an operator runs it: a real process, real exit codes.
// `pnpm test` builds first; run `pnpm build` before running this file alone.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const bin = join(root, "packages", "cli", "bin", "sanxiang.js");
// The demo writes its store under <cwd>/.sanxiang/demo: run in a scratch directory.
const cwd = mkdtempSync(join(tmpdir(), "sanxiang-bin-"));

async function sanxiang(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], {
      cwd,
      env: { PATH: process.env.PATH },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: x.code ?? -1, stdout: x.stdout ?? "", stderr: x.stderr ?? "" };
  }
}

describe("the sanxiang bin", () => {
  it("prints a working-day deadline and the days it skipped", async () => {
    const r = await sanxiang("deadline", "2026-09-30", "7", "--workdays");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("届满日：2026-10-15");
    expect(r.stdout).toContain("国庆节");
  });

  it("exits 2 with a clear message on bad input", async () => {
    const r = await sanxiang("deadline", "2026-02-30", "3", "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("CIVIL_DATE_INVALID");
  });

  it("runs the demo", async () => {
    const r = await sanxiang("demo");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("MERKLE_ROOT_MISMATCH");
  });
});

describe("the sanxiang bin with its output piped into a reader that stops early", () => {
  it("ends quietly when the pipe closes (`sanxiang demo | head -1`), with no EPIPE trace", async () => {
    const { spawn } = await import("node:child_process");
    const child = spawn(process.execPath, [bin, "demo"], { cwd, env: { PATH: process.env.PATH } });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
    });
    // Read the first chunk, then close our end, as `head -1` does.
    await new Promise<void>((done) => child.stdout.once("data", () => done()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event|at .*\(node:/);
    expect(code).toBe(0);
  });
});
