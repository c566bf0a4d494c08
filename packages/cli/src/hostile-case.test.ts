// A hostile stranger against `sanxiang case … evidence open` and `sanxiang review opinion`:
// an output path that cannot be written. 证据调取 records its custody step `accessed` in the
// case's log (行政处罚法 Art. 47: the whole process recorded), so a refusal that writes
// nothing must record nothing either; a full disk is named with the file it could not write.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, sampleStore } from "./cli.test-support.js";
import { DEMO_STEPS } from "./demo-case.js";

const t = sampleStore("sanxiang-hostile-case-");
const cli = t.cli;
const log = t.log;

const CASE = "SPT-SCJ-HOSTILE-001";
const filing = DEMO_STEPS[0];
const officer = filing?.actor.id ?? "";

/** Files the case (行政处罚法 Art. 54) and attaches one piece of evidence; returns its id. */
async function caseWithEvidence(): Promise<string> {
  if (filing === undefined) throw new Error("DEMO_STEPS is empty");
  const { type, ...fields } = filing.command;
  const filed = await cli(
    "case",
    CASE,
    "do",
    type,
    "--as",
    officer,
    "--at",
    filing.at,
    "--data",
    JSON.stringify(fields),
  );
  expect(filed.err).toBe("");
  writeFileSync(join(t.dir, "note.txt"), "现场检查笔录（示例字节）");
  const attached = await cli(
    "case",
    CASE,
    "evidence",
    "attach",
    "note.txt",
    "--as",
    officer,
    "--at",
    "2026-03-03T03:00:00Z",
    "--captured-at",
    "2026-03-03T02:10:00Z",
    "--stage",
    "investigation",
    "--evidence-type",
    "documentary",
    "--json",
  );
  expect(attached.err).toBe("");
  return JSON.parse(attached.out).evidenceId as string;
}

const openArgs = (evidenceId: string, out: string) => [
  "case",
  CASE,
  "evidence",
  "open",
  evidenceId,
  "--as",
  officer,
  "--at",
  "2026-03-04T03:00:00Z",
  "--purpose",
  "法制审核",
  "--out",
  out,
];

describe("sanxiang case evidence open: an --out that cannot be written (行政处罚法 Art. 47)", () => {
  it("refuses a file in a missing folder with a Chinese message, code 2, and no custody step recorded", async () => {
    const evidenceId = await caseWithEvidence();
    const before = log();
    const r = await cli(...openArgs(evidenceId, join("no-such-folder", "copy.txt")));
    expect(r.code).toBe(2);
    expect(r.err).toContain("无法写入");
    expect(r.err).toContain("no-such-folder");
    expect(r.err).not.toContain(".part");
    expect(log()).toBe(before);
    // The same open to a writable path still works and records the step.
    const ok = await cli(...openArgs(evidenceId, "copy.txt"));
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    expect(log()).not.toBe(before);
  });

  it("leaves no temporary file behind when it refuses", async () => {
    const evidenceId = await caseWithEvidence();
    const r = await cli(...openArgs(evidenceId, "copy.txt"));
    expect(r.code).toBe(0);
    const again = await cli(...openArgs(evidenceId, "copy.txt"));
    expect(again.code).toBe(2);
    expect(again.err).toContain("--force");
    expect(existsSync(join(t.dir, `copy.txt.${process.pid}.part`))).toBe(false);
  });
});

describe("sanxiang review opinion --out on a full disk", () => {
  it.skipIf(!existsSync("/dev/full"))("names the file it could not write: OUTPUT_WRITE_FAILED, code 1", async () => {
    const demo = await runCli(["demo"], { cwd: t.dir });
    expect(demo.code).toBe(0);
    const store = join(t.dir, ".sanxiang", "demo", "events.db");
    const r = await runCli(
      ["review", "opinion", "SPT-SCJ-MAJOR-001", "--store", store, "--sample", "--out", "/dev/full"],
      { cwd: t.dir },
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain("错误 [OUTPUT_WRITE_FAILED] 写入 /dev/full：磁盘空间不足（ENOSPC）");
  });
});

describe("sanxiang case: odd ids and out-of-range numbers are refused in readable words", () => {
  it("shows a refused case id short and with its bidi and control characters escaped, code 2", async () => {
    for (const id of [`A${"A".repeat(9_999)}`, "a\u202Eb", "a\u0001b", "x\uD800y"]) {
      const r = await cli("case", id, "show");
      expect(r.code).toBe(2);
      expect(r.err).toContain("案件编号无效");
      expect(r.err.length).toBeLessThan(400);
      for (const c of ["\u202E", "\u0001", "\uD800"]) expect(r.err.includes(c)).toBe(false);
    }
    // NUL is refused before any command runs.
    const nul = await cli("case", "a\u0000b", "show");
    expect(nul.code).toBe(2);
    expect(nul.err).toContain("空字符");
    expect(existsSync(t.db)).toBe(false);
  });

  it("names each problem of a fine out of range once (行政处罚法 Art. 9(2))", async () => {
    if (filing === undefined) throw new Error("DEMO_STEPS is empty");
    const { type, ...fields } = filing.command;
    const filed = await cli(
      "case",
      CASE,
      "do",
      type,
      "--as",
      officer,
      "--at",
      filing.at,
      "--data",
      JSON.stringify(fields),
    );
    expect(filed.code).toBe(0);
    const before = log();
    const data =
      '{"outcome":"penalty","penalty":{"kinds":["fine"],"fineFen":1e300},"records":[{"id":"d","kind":"document"}]}';
    const r = await cli(
      "case",
      CASE,
      "do",
      "case.decide",
      "--as",
      "spt-scj-head",
      "--at",
      "2026-03-10T02:00:00Z",
      "--data",
      data,
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain("金额超出可表示范围");
    expect(r.err.split("金额超出可表示范围").length).toBe(2);
    expect(log()).toBe(before);
  });
});
