// Registry texts reach decisions, case files and the public site (a body's name on every
// item it discloses, a law's title in every citation): `registry import` refuses a control or
// bidirectional character in any field of any record, as every command's door does, and
// writes nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-registry-chars-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir });
}

describe("sanxiang registry import: control and bidirectional characters are refused", () => {
  it.each([
    ["bodies", "csv", "U+202E", "中卫市沙坡头区司法局", "中卫市沙坡头区\u202E局法司", 2, "name"],
    ["bodies", "json", "U+2066", "中卫市沙坡头区司法局", "中卫市沙坡头区\u2066司法局", 2, "name"],
    ["laws", "csv", "U+0007", "中华人民共和国行政处罚法", "中华人民共和国\u0007行政处罚法", 1, "title"],
    ["organisations", "csv", "U+001B", "宁夏示例律师事务所", "宁夏示例\u001B[2J律师事务所", 1, "name"],
  ] as const)(
    "%s as %s: %s in a name is refused, nothing written",
    async (kind, ext, codePoint, from, to, record, field) => {
      const file = join(dir, `${kind}.${ext}`);
      expect((await cli("registry", "export", kind, file, "--sample")).code).toBe(0);
      const text = readFileSync(file, "utf8");
      const hostile = ext === "json" ? text.replace(from, JSON.stringify(to).slice(1, -1)) : text.replace(from, to);
      expect(hostile).not.toBe(text);
      writeFileSync(file, hostile);
      const r = await cli("registry", "import", kind, file);
      expect(r.code).toBe(2);
      expect(r.err).toContain("错误 [INVALID_INPUT]");
      expect(r.err).toContain(codePoint);
      expect(r.err).toContain(`第 ${record} 条记录的 ${field}`);
      expect(r.out).toBe("");
      expect(existsSync(join(dir, ".sanxiang", "registry", `${kind}.json`))).toBe(false);
      // The same file without the character imports.
      writeFileSync(file, text);
      const clean = await cli("registry", "import", kind, file);
      expect(clean.err).toBe("");
      expect(clean.code).toBe(0);
    },
  );

  it("the sample laws exported as XLSX import: a clean sheet holds nothing refused", async () => {
    const file = join(dir, "laws.xlsx");
    expect((await cli("registry", "export", "laws", file, "--sample")).code).toBe(0);
    const r = await cli("registry", "import", "laws", file);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
  });
});
