// sanxiang registry import and its refusals (issue 13): each problem row is reported once, with
// its own row number (the first was printed twice: in the headline and in the list), and a
// Big5 (Traditional Chinese) sheet is refused, naming the encoding, instead of being read as
// garbled GB18030.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";
import { encodeBig5 } from "./legacy-encodings.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-registry-report-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir });
}

const registryFile = (kind: string): string => join(dir, ".sanxiang", "registry", `${kind}.json`);

describe("sanxiang registry import: every problem row once, with its own row number", () => {
  it("lists three bad rows of a CSV once each, with rows 3, 5 and 6, and writes nothing", async () => {
    const file = join(dir, "persons.csv");
    expect((await cli("registry", "export", "persons", file, "--sample")).code).toBe(0);
    const lines = readFileSync(file, "utf8").split("\r\n");
    // Row 3: a resident ID with a wrong check digit; row 5: no name; row 6: an ID one digit short.
    const id3 = /^\d{17}[\dX]/.exec(lines[2] ?? "")?.[0] ?? "";
    lines[2] = (lines[2] ?? "").replace(id3, `${id3.slice(0, 17)}${id3.endsWith("1") ? "2" : "1"}`);
    const fields5 = (lines[4] ?? "").split(",");
    fields5[1] = "";
    lines[4] = fields5.join(",");
    lines[5] = (lines[5] ?? "").replace(/^(\d{17})[\dX]/, "$1");
    writeFileSync(file, lines.join("\r\n"));
    const r = await cli("registry", "import", "persons", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("共 3 处错误");
    const rows = [...r.err.matchAll(/第 (\d+) 行「([^」]+)」/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(rows).toEqual(["3 公民身份号码", "5 姓名", "6 公民身份号码"]);
    // The headline names no row: the list does, once each.
    expect(r.err.split("\n")[0]).toMatch(/未导入任何数据。$/);
    expect(existsSync(registryFile("persons"))).toBe(false);
  });

  it("lists a JSON sheet's issues once each too", async () => {
    const file = join(dir, "persons.json");
    writeFileSync(file, JSON.stringify([{ idNumber: "1" }, { idNumber: "2" }]));
    const r = await cli("registry", "import", "persons", file);
    expect(r.code).toBe(2);
    const listed = r.err.split("\n").filter((l) => l.startsWith("  ") && l.includes(" 第 1 行"));
    expect(listed.length).toBeGreaterThan(0);
    // Every listed issue appears once in the whole output.
    for (const line of r.err.split("\n").filter((l) => l.startsWith("  ") && l.includes(" 第 "))) {
      const text = line.trim();
      expect(r.err.split(text).length - 1).toBe(1);
    }
  });
});

describe("sanxiang registry import: Big5 sheets (繁体中文)", () => {
  const TRADITIONAL = "統一社會信用代碼,名稱\r\n91640500MA76XXXX0X,中衛市沙坡頭區某某商貿有限公司\r\n";

  it("refuses a Big5 CSV as suspected Big5, suggesting UTF-8, and writes nothing", async () => {
    writeFileSync(join(dir, "org-big5.csv"), encodeBig5(TRADITIONAL));
    const r = await cli("registry", "import", "organisations", join(dir, "org-big5.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("TABLE_UNREADABLE");
    expect(r.err).toContain("疑似 Big5（繁体中文）编码");
    expect(r.err).toContain("CSV UTF-8");
    expect(r.err).not.toContain("按 GB18030 编码读取");
    expect(existsSync(registryFile("organisations"))).toBe(false);
  });

  it("reads it as Big5 with --encoding big5 and says so (its Traditional headers are then refused by name)", async () => {
    writeFileSync(join(dir, "org-big5.csv"), encodeBig5(TRADITIONAL));
    const r = await cli("registry", "import", "organisations", join(dir, "org-big5.csv"), "--encoding", "big5");
    expect(r.code).toBe(2);
    expect(r.err).toContain("按 Big5 编码读取");
    expect(r.err).toContain("未知的列「統一社會信用代碼」");
    expect(existsSync(registryFile("organisations"))).toBe(false);
  });

  it("imports a GBK sheet with --encoding gb18030, and refuses an unknown --encoding (exit 2)", async () => {
    const utf8 = join(dir, "org.csv");
    expect((await cli("registry", "export", "organisations", utf8, "--sample")).code).toBe(0);
    const ok = await cli("registry", "import", "organisations", utf8, "--encoding", "utf-8");
    expect(ok.err).toBe("");
    expect(ok.code).toBe(0);
    const bad = await cli("registry", "import", "organisations", utf8, "--encoding", "latin1");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--encoding 应为 utf-8、gb18030、big5 之一");
  });
});
