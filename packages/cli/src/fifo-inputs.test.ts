// A named pipe given where a command reads a file (the key file of `sign` and `casefile`, the
// case file of `verify`) is refused at once as not a regular file — `readFile` on a FIFO with
// no writer would wait forever (issue 13 §1.8, the hostile pass found it in `registry import`).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

const dir = mkdtempSync(join(tmpdir(), "sanxiang-fifo-"));
const pipe = join(dir, "pipe");
execFileSync("mkfifo", [pipe]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a FIFO where a file is read: refused, never waited on", () => {
  it.each([
    ["sign --key-file", ["sign", "--key-file", pipe, "--log-id", "spt-scjgj", "--store", "memory"]],
    ["casefile --key-file", ["casefile", "SPT-SCJ-DEMO-001", join(dir, "c.json"), "--sample", "--key-file", pipe]],
    ["verify <file>", ["verify", pipe, "--key", "00".repeat(32)]],
  ])("%s", async (_what, args) => {
    const r = await runCli(args, { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.err).toContain("不是普通文件");
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});
