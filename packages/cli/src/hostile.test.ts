// Every command of the CLI with hostile arguments: missing values, unknown flags, huge numbers,
// empty strings, paths that are missing, directories, regular files where a directory is
// meant, unreadable, files with NUL bytes or invalid UTF-8. The operator always gets a coded
// message and the right exit code (2 input refused, 1 damaged data) — never a stack trace.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fixedClock } from "@sanxiang/core";
import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";
import type { CliIo } from "./io.js";
import { main } from "./main.js";

const dir = mkdtempSync(join(tmpdir(), "sanxiang-hostile-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const p = (name: string): string => join(dir, name);
mkdirSync(p("folder"));
mkdirSync(p("folder.csv"));
mkdirSync(p("folder.json"));
mkdirSync(p("site"));
writeFileSync(p("plain"), "just text\n");
writeFileSync(p("nul.csv"), "公民身份号码,姓名,住址\n1\u00002,张三,宁夏\n");
writeFileSync(p("nul.json"), '[{"id":"a\u0000"}]');
writeFileSync(p("invalid.csv"), Buffer.from([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0xff, 0x0a]));
writeFileSync(p("invalid.json"), Buffer.from([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]));
writeFileSync(p("garbage.db"), Buffer.from("this is not an SQLite database, only text that says so\n".repeat(200)));
writeFileSync(p("key.hex"), Buffer.from([0x00, 0xff, 0x00, 0x41]));
writeFileSync(p("good-key.hex"), `${"07".repeat(32)}\n`);
const root = process.getuid?.() === 0;
writeFileSync(p("locked.csv"), "a,b\n");
chmodSync(p("locked.csv"), 0o000);

/** [arguments, exit code, a piece of the message]. */
const HOSTILE: readonly (readonly [readonly string[], number, string])[] = [
  // missing values and unknown flags
  [["deadline", "2026-01-01", "3", "--dir"], 2, "缺少值"],
  [["--lang"], 2, "缺少值"],
  [["--bogus"], 2, "未知选项"],
  [["registry", "check", "--sample", "--frobnicate"], 2, "未知选项"],
  [["duties", "--json=yes", "--store", "memory"], 2, "不带值"],
  [["penalty", "check", "SPT-SC-JG-07-A", "--fine", "-1", "--sample"], 2, "--fine=<值>"],
  [["registry", "import", "laws"], 2, "缺少文件路径"],
  [["registry", "frobnicate"], 2, "registry import|export|check"],
  [["serve"], 2, "站点目录"],
  [["sign"], 2, "用法"],
  [["casefile"], 2, "用法"],
  [["review"], 2, "review opinion"],
  [["review", "opinion"], 2, "review opinion"],
  [["review", "opinion", "X-1", "--format", "pdf", "--store", "memory"], 2, "INVALID_INPUT"],
  [["review", "opinion", "X-1", "--store", "memory"], 2, "REVIEW_NOT_FOUND"],
  [["review", "opinion", "X-1", "--format", "", "--store", "memory"], 2, "的值为空"],
  [["review", "opinion", "X-1", "--store", p("absent.db")], 2, "STORE_NOT_FOUND"],
  [["review", "opinion", "X-1", "--dir", p("plain"), "--store", "memory"], 2, "不是目录"],
  [["review", "opinion", "X-1", "--out", p("folder"), "--store", "memory"], 2, "REVIEW_NOT_FOUND"],
  [["publish"], 2, "--out"],
  [["nonsense"], 2, "未知命令"],
  // huge numbers
  [["deadline", "2026-01-01", "99999999999999999999"], 2, "非负整数"],
  [["deadline", "2026-01-01", "9007199254740993", "--workdays"], 2, "非负整数"],
  [["deadline", "2026-01-01", "1000", "--years"], 2, "CALENDAR_YEAR_UNKNOWN"],
  [["penalty", "recommend", "SPT-SC-JG-07-A", "--gains", "99999999999999999999999", "--sample"], 2, "--gains"],
  [["penalty", "check", "SPT-SC-JG-07-A", "--fine", "1e308", "--sample"], 2, "--fine"],
  [["registry", "check", "--sample", "--date", "99999-12-31"], 2, "CIVIL_DATE_INVALID"],
  [["serve", p("site"), "--port", "99999999999999999999"], 2, "INVALID_INPUT"],
  [["serve", p("site"), "--port", "65536"], 2, "INVALID_INPUT"],
  [["serve", p("site"), "--port", "-1"], 2, "--port=<值>"],
  [["serve", p("site"), "--port", "8e3"], 2, "INVALID_INPUT"],
  // empty strings
  [["registry", "check", "--dir", ""], 2, "的值为空"],
  [["verify", "--log", "--store", ""], 2, "的值为空"],
  [["serve", p("site"), "--port", ""], 2, "的值为空"],
  [["publish", "--out", ""], 2, "的值为空"],
  [["deadline", "", "3"], 2, "CIVIL_DATE_INVALID"],
  [["deadline", "2026-01-01", ""], 2, "非负整数"],
  [["registry", "import", "laws", ""], 2, "TABLE_UNREADABLE"],
  [["registry", "import", "", p("plain")], 2, "数据库类别"],
  [["penalty", "recommend", "", "--sample"], 2, "REGISTRY_NOT_FOUND"],
  [["casefile", "", p("out.json"), "--store", "memory"], 2, "INVALID_INPUT"],
  // paths: missing, directories, files where a directory is meant
  [["registry", "import", "laws", p("missing.csv")], 2, "文件或目录不存在"],
  [["registry", "import", "laws", p("folder.csv")], 2, "这是一个目录"],
  [["registry", "import", "laws", p("folder.json")], 2, "这是一个目录"],
  [["registry", "import", "laws", p("folder")], 2, "不支持的文件类型"],
  [["registry", "export", "laws", p("missing/laws.csv"), "--sample"], 2, "无法写入"],
  [["registry", "export", "laws", p("folder.csv"), "--sample"], 2, "这是一个目录"],
  [["registry", "export", "laws", p("plain/laws.csv"), "--sample"], 2, "不是目录"],
  [["registry", "check", "--dir", p("plain")], 2, "不是目录"],
  [["registry", "import", "laws", p("plain"), "--dir", p("plain")], 2, "不支持的文件类型"],
  [["penalty", "recommend", "SPT-SC-JG-07-A", "--dir", p("plain")], 2, "不是目录"],
  [["verify", p("missing.json"), "--key", "00"], 2, "missing.json"],
  [["verify", p("folder"), "--key", "00"], 2, "folder"],
  [["sign", "--key-file", p("missing.hex"), "--log-id", "x", "--store", "memory"], 2, "missing.hex"],
  [["sign", "--key-file", p("folder"), "--log-id", "x", "--store", "memory"], 2, "folder"],
  [["casefile", "--example", p("folder")], 2, "folder"],
  [["serve", p("missing")], 2, "文件或目录不存在"],
  [["serve", p("plain")], 2, "不是目录"],
  [["duties", "--store", p("folder")], 2, "无法识别的存储"],
  [["deadlines", "--store", p("plain")], 2, "无法识别的存储"],
  [["demo", "--store", p("plain")], 2, "无法识别的存储"],
  [["verify", "--log", "--store", "postgres://user:secret@[bad"], 2, "PostgreSQL 地址无效"],
  // a store that does not exist is refused, never created empty and reported on
  [["verify", "--log", "--store", `sqlite:${p("nowhere/x.db")}`], 2, "STORE_NOT_FOUND"],
  [["publish", "--out", p("site-out"), "--store", p("absent.db")], 2, "STORE_NOT_FOUND"],
  [["duties", "--dir", p("no-store-here")], 2, "STORE_NOT_FOUND"],
  [["deadlines", "--dir", p("no-store-here")], 2, "STORE_NOT_FOUND"],
  [["sign", "--key-file", p("good-key.hex"), "--log-id", "x", "--store", p("absent.db")], 2, "STORE_NOT_FOUND"],
  // files with NUL bytes or invalid UTF-8; a NUL inside an argument
  [["registry", "import", "persons", p("nul.csv")], 2, "空字符"],
  [["registry", "import", "laws", p("nul.json")], 2, "空字符"],
  [["registry", "import", "persons", p("invalid.csv")], 2, "无法识别文件编码"],
  [["registry", "import", "laws", p("invalid.json")], 2, "TABLE_UNREADABLE"],
  [["verify", p("nul.csv"), "--key", "00"], 2, "nul.csv"],
  // valid JSON once decoded (the bad byte becomes U+FFFD), not a case file: verify says invalid
  [["verify", p("invalid.json"), "--key", "00"], 1, "CASE_FILE_MALFORMED"],
  [["sign", "--key-file", p("key.hex"), "--log-id", "x", "--store", "memory"], 2, "INVALID_INPUT"],
  [["registry", "import", "laws", `${p("plain")}\u0000.csv`], 2, "空字符"],
  // damaged stored data: exit 1, naming what is damaged
  [["deadlines", "--store", `sqlite:${p("garbage.db")}`], 1, "garbage.db"],
  // unreadable (root reads everything, so only as another user)
  ...(root ? [] : [[["registry", "import", "laws", p("locked.csv")], 2, "没有访问权限"] as const]),
];

describe("the CLI under hostile arguments", () => {
  it("refusing a missing store creates nothing", async () => {
    await runCli(["verify", "--log", "--store", `sqlite:${p("nowhere/x.db")}`], { cwd: dir });
    await runCli(["duties", "--dir", p("no-store-here")], { cwd: dir });
    expect(existsSync(p("nowhere"))).toBe(false);
    expect(existsSync(p("no-store-here"))).toBe(false);
  });

  it.each(HOSTILE)("%j → exit %i, a coded message, no stack trace", async (args, code, needle) => {
    const r: CliRun = await runCli(args, { cwd: dir });
    const text = r.out + r.err;
    expect(text).not.toMatch(/^\s+at /m);
    expect(text).not.toContain("内部错误");
    expect(text).toContain(needle);
    expect(r.code).toBe(code);
  });

  it("an unexpected failure is one line and a hint; SANXIANG_DEBUG=1 adds the stack for a bug report", async () => {
    const run = async (env: Record<string, string>): Promise<{ code: number; err: string }> => {
      let err = "";
      const io: CliIo = {
        out: () => {
          throw new Error("the terminal went away");
        },
        err: (s) => {
          err += s;
        },
        clock: fixedClock("2026-11-26T02:00:00Z"),
        env,
        cwd: dir,
      };
      return { code: await main(["deadline", "2026-09-30", "7"], io), err };
    };
    const plain = await run({});
    expect(plain.code).toBe(1);
    expect(plain.err).toContain("内部错误: Error: the terminal went away");
    expect(plain.err).toContain("SANXIANG_DEBUG=1");
    expect(plain.err).not.toMatch(/^\s+at /m);
    const debug = await run({ SANXIANG_DEBUG: "1" });
    expect(debug.code).toBe(1);
    expect(debug.err).toMatch(/^\s+at /m);
  });
});
