// Usage errors — an unknown option or command, an option without its value, a missing argument,
// no command at all — are refusals like any other: `错误 [INVALID_INPUT] …` on standard error,
// exit 2, nothing on standard output. `--help` is unchanged: the usage on standard output, exit 0.
import { describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

/** The first line a refusal prints: `错误 [CODE] message` (`error [CODE] message` in English). */
const CODED = /^(错误|error) \[INVALID_INPUT\] \S/;

describe("usage errors carry the code every refusal prints", () => {
  it.each([
    [["--bogus"], "错误 [INVALID_INPUT] 未知选项：--bogus"],
    [["registry", "check", "--sample", "--frobnicate"], "错误 [INVALID_INPUT] 未知选项：--frobnicate"],
    [["deadline", "2026-01-01", "3", "--dir"], "错误 [INVALID_INPUT] 选项 --dir 缺少值"],
    [["duties", "--json=yes"], "错误 [INVALID_INPUT] 选项 --json 不带值"],
    [["penalty", "check", "X", "--fine", "-1"], "错误 [INVALID_INPUT] 选项 --fine 的值以“-”开头"],
    [["nonsense"], "错误 [INVALID_INPUT] 未知命令：nonsense"],
    [[], "错误 [INVALID_INPUT] 缺少命令"],
    [["publish"], "错误 [INVALID_INPUT] publish 需要 --out <目录>"],
    [["serve"], "错误 [INVALID_INPUT] serve 需要站点目录"],
    [["deadline", "2026-01-01", "3", "--lang", "fr"], "错误 [INVALID_INPUT] --lang 只能是 zh 或 en"],
  ])("%j: %s, exit 2", async (args, line) => {
    const r = await runCli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err.startsWith(line), r.err.split("\n")[0]).toBe(true);
    expect(r.err).toMatch(CODED);
  });

  it("in English too, the language taken from --lang even when the arguments did not parse", async () => {
    const unknown = await runCli(["--lang", "en", "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^error \[INVALID_INPUT\] Unknown option '--bogus'/);
    expect(unknown.err).toContain("(sanxiang --help shows the usage)");
    const command = await runCli(["nonsense", "--lang=en"]);
    expect(command.err).toMatch(/^error \[INVALID_INPUT\] unknown command: nonsense\n\nUsage: sanxiang/);
  });

  it("--help and help print the usage on standard output with exit 0, no error line", async () => {
    for (const args of [["--help"], ["-h"], ["help"], ["deadline", "--help"]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.err).toBe("");
      expect(r.out.startsWith("用法：sanxiang <命令> [参数]\n")).toBe(true);
    }
    const en = await runCli(["--help", "--lang", "en"]);
    expect(en.out.startsWith("Usage: sanxiang <command> [arguments]\n")).toBe(true);
  });
});
