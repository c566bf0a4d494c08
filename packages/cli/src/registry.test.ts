import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCsvRecords } from "@sanxiang/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";
import { encodeGbk, USCC_HEADER_GBK } from "./legacy-encodings.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir });
}

describe("sanxiang registry", () => {
  it.each(["csv", "xlsx", "json"])("exports the sample officers as %s and imports them back unchanged", async (ext) => {
    const file = join(dir, `officers.${ext}`);
    for (const kind of ["issuers", "bodies"]) {
      const f = join(dir, `${kind}.${ext}`);
      expect((await cli("registry", "export", kind, f, "--sample")).code).toBe(0);
      expect((await cli("registry", "import", kind, f)).code).toBe(0);
    }
    expect((await cli("registry", "export", "officers", file, "--sample")).code).toBe(0);
    const imported = await cli("registry", "import", "officers", file);
    expect(imported.err).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.out).toContain("已导入 18 条「执法人员」记录");
    // Export → import is a fixed point: what the directory exports imports back to itself.
    const stored = readFileSync(join(dir, ".sanxiang", "registry", "officers.json"), "utf8");
    const again = join(dir, `again.${ext}`);
    expect((await cli("registry", "export", "officers", again)).code).toBe(0);
    expect((await cli("registry", "import", "officers", again)).code).toBe(0);
    expect(readFileSync(join(dir, ".sanxiang", "registry", "officers.json"), "utf8")).toBe(stored);
    expect(JSON.parse(stored).records).toHaveLength(18);
  });

  // Dependency order: a sheet is refused when it cites records the directory lacks.
  const ORDER = [
    "laws",
    "organisations",
    "persons",
    "violations",
    "issuers",
    "bodies",
    "officers",
    "training",
    "powers",
    "guides",
    "inspections",
    "circumstances",
    "benchmarks",
    "lenient",
    "equipment",
  ];
  it.each(["csv", "xlsx", "json"])(
    "moves every database of the sample bureaus through %s into a fresh directory, and it checks out the same",
    async (ext) => {
      const target = join(dir, `bureau-${ext}`);
      for (const kind of ORDER) {
        const file = join(dir, `${kind}.${ext}`);
        const exported = await cli("registry", "export", kind, file, "--sample");
        expect(exported.code, `${kind}: ${exported.err}`).toBe(0);
        const imported = await cli("registry", "import", kind, file, "--dir", target);
        expect(imported.code, `${kind}: ${imported.err}`).toBe(0);
      }
      const fromDir = await cli("registry", "check", "--dir", target, "--date", "2026-11-26");
      const fromSample = await cli("registry", "check", "--sample", "--date", "2026-11-26");
      expect(fromDir.out).toBe(fromSample.out);
      expect(fromDir.out).toContain("全部可在法律法规库中找到");
    },
  );

  it("refuses a sheet with a bad row, lists sheet, row and column, and writes nothing", async () => {
    const file = join(dir, "persons.csv");
    expect((await cli("registry", "export", "persons", file, "--sample")).code).toBe(0);
    const lines = readFileSync(file, "utf8").split("\r\n");
    // Break the resident ID number of the third data row (a checksum failure).
    lines[3] = (lines[3] ?? "").replace(
      /(\d{17})[\dX]/,
      (_m, body: string) => `${body}${body.endsWith("1") ? "2" : "1"}`,
    );
    writeFileSync(file, lines.join("\r\n"));
    const r = await cli("registry", "import", "persons", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("IMPORT_INVALID");
    expect(r.err).toContain("第 4 行「公民身份号码」");
    expect(existsSync(join(dir, ".sanxiang", "registry", "persons.json"))).toBe(false);
  });

  it("refuses a sheet that contradicts the rest of its database (officers of an unknown body)", async () => {
    const file = join(dir, "officers.json");
    expect((await cli("registry", "export", "officers", file, "--sample")).code).toBe(0);
    const r = await cli("registry", "import", "officers", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("未导入任何数据");
    expect(existsSync(join(dir, ".sanxiang", "registry", "officers.json"))).toBe(false);
  });

  it("refuses unknown kinds and file types", async () => {
    expect((await cli("registry", "import", "gossip", "x.csv")).code).toBe(2);
    writeFileSync(join(dir, "x.doc"), "hello");
    const r = await cli("registry", "import", "persons", join(dir, "x.doc"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("TABLE_UNREADABLE");
  });

  it("checks the sample bureaus: every citation resolves; the expired certificates and missing reviewer are reported", async () => {
    const r = await cli("registry", "check", "--sample", "--date", "2026-11-26");
    expect(r.out).toContain("全部可在法律法规库中找到");
    expect(r.out).toContain("执法证已超过有效期 1 名");
    expect(r.out).toContain("不达标");
    expect(r.code).toBe(1);
  });

  it("says what to do when nothing was imported", async () => {
    const r = await cli("registry", "check");
    expect(r.code).toBe(2);
    expect(r.err).toContain("registry import");
  });
});

describe("sanxiang registry import: an empty sheet never wipes a registry", () => {
  const stored = (kind: string): string => join(dir, ".sanxiang", "registry", `${kind}.json`);

  async function importSampleLaws(): Promise<string> {
    const file = join(dir, "laws.csv");
    expect((await cli("registry", "export", "laws", file, "--sample")).code).toBe(0);
    expect((await cli("registry", "import", "laws", file)).code).toBe(0);
    return readFileSync(stored("laws"), "utf8");
  }

  it.each([
    ["a 0-byte CSV", "empty.csv", ""],
    ["a BOM-only CSV", "bom.csv", "\uFEFF"],
    [
      "a header-only CSV",
      "header.csv",
      "\uFEFF标识,简称,名称,效力层级,制定机关,文号,公布日期,施行日期,失效日期,废止日期,网址,备注\r\n",
    ],
    ["an empty JSON array", "empty.json", "[]"],
  ])(
    "refuses %s over a non-empty registry, shows what it would delete, and writes nothing",
    async (_what, name, content) => {
      const before = await importSampleLaws();
      writeFileSync(join(dir, name), content);
      const r = await cli("registry", "import", "laws", join(dir, name));
      expect(r.code).toBe(2);
      expect(r.err).toContain("IMPORT_INVALID");
      expect(r.err).toContain("--allow-empty");
      expect(r.err).toContain("未导入任何数据");
      expect(r.out).toContain("删除 17 条");
      expect(r.out).toContain("administrative-penalty@2021-07-15");
      expect(r.out).not.toContain("已导入");
      expect(readFileSync(stored("laws"), "utf8")).toBe(before);
    },
  );

  it("refuses a header-only XLSX the same way", async () => {
    // An empty directory exports a workbook with the header row and nothing else.
    const xlsx = join(dir, "empty.xlsx");
    expect((await cli("registry", "export", "laws", xlsx, "--dir", join(dir, "nothing"))).code).toBe(0);
    const before = await importSampleLaws();
    const r = await cli("registry", "import", "laws", xlsx);
    expect(r.code).toBe(2);
    expect(r.err).toContain("--allow-empty");
    expect(readFileSync(stored("laws"), "utf8")).toBe(before);
  });

  it("empties a registry only with --allow-empty", async () => {
    await importSampleLaws();
    writeFileSync(join(dir, "empty.json"), "[]");
    const r = await cli("registry", "import", "laws", join(dir, "empty.json"), "--allow-empty");
    expect(r.code).toBe(0);
    expect(r.out).toContain("删除 17 条");
    expect(r.out).toContain("已导入 0 条");
    expect(JSON.parse(readFileSync(stored("laws"), "utf8")).records).toEqual([]);
  });

  it("shows added, changed and removed keys before replacing; --dry-run shows them and writes nothing", async () => {
    await importSampleLaws();
    const records = JSON.parse(readFileSync(stored("laws"), "utf8")).records as {
      id: string;
      title: string;
      effectiveFrom: string;
    }[];
    const [first, second, ...rest] = records;
    if (first === undefined || second === undefined) throw new Error("the sample has laws");
    const edited = [{ ...first, title: `${first.title}（修订）` }, ...rest, { ...second, id: "local-rule" }];
    writeFileSync(join(dir, "edited.json"), JSON.stringify(edited));
    const before = readFileSync(stored("laws"), "utf8");
    const dry = await cli("registry", "import", "laws", join(dir, "edited.json"), "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain("新增 1 条，修改 1 条，删除 1 条，未变 15 条");
    expect(dry.out).toContain(`新增：local-rule@${second.effectiveFrom}`);
    expect(dry.out).toContain(`修改：${first.id}@`);
    expect(dry.out).toContain(`删除：${second.id}@`);
    expect(dry.out).toContain("未写入任何数据");
    expect(readFileSync(stored("laws"), "utf8")).toBe(before);
    const real = await cli("registry", "import", "laws", join(dir, "edited.json"));
    expect(real.code).toBe(0);
    expect(real.out).toContain("新增 1 条，修改 1 条，删除 1 条，未变 15 条");
    expect(JSON.parse(readFileSync(stored("laws"), "utf8")).records).toHaveLength(17);
  });

  it("caps the keys it lists and says how many more", async () => {
    const r = await cli("registry", "import", "laws", join(dir, "laws.csv"), "--dry-run");
    expect(r.code).toBe(2); // no such file yet
    await importSampleLaws();
    writeFileSync(join(dir, "empty.json"), "[]");
    const e = await cli("registry", "import", "laws", join(dir, "empty.json"), "--dry-run", "--allow-empty");
    expect(e.code).toBe(0);
    expect(e.out).toContain("……另有 7 条");
    expect(e.out.match(/@/g)?.length).toBe(10);
  });
});

describe("sanxiang registry: files that are missing, directories or damaged are coded messages, never stack traces", () => {
  const stored = (kind: string): string => join(dir, ".sanxiang", "registry", `${kind}.json`);
  const noStack = (r: CliRun): void => {
    expect(r.err).not.toMatch(/^\s+at /m);
    expect(r.err).not.toContain("内部错误");
  };

  it.each([
    ["a file that does not exist", (): string => join(dir, "none.csv"), "文件或目录不存在"],
    [
      "a directory",
      (): string => {
        mkdirSync(join(dir, "folder.csv"));
        return join(dir, "folder.csv");
      },
      "这是一个目录",
    ],
    [
      // A FIFO with no writer blocked the read forever (hostile pass).
      "a named pipe (FIFO)",
      (): string => {
        execFileSync("mkfifo", [join(dir, "pipe.csv")]);
        return join(dir, "pipe.csv");
      },
      "不是普通文件",
    ],
  ])("import of %s: TABLE_UNREADABLE naming it, exit 2", async (_what, path, reason) => {
    const file = path();
    const r = await cli("registry", "import", "laws", file);
    noStack(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain("TABLE_UNREADABLE");
    expect(r.err).toContain(file);
    expect(r.err).toContain(reason);
  });

  it("export into a missing directory: INVALID_INPUT naming it, exit 2", async () => {
    const file = join(dir, "no-such-dir", "laws.csv");
    const r = await cli("registry", "export", "laws", file, "--sample");
    noStack(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain("INVALID_INPUT");
    expect(r.err).toContain(file);
  });

  it("check --dir given a regular file: INVALID_INPUT, exit 2", async () => {
    writeFileSync(join(dir, "plain"), "x");
    const r = await cli("registry", "check", "--dir", join(dir, "plain"));
    noStack(r);
    expect(r.code).toBe(2);
    expect(r.err).toContain("INVALID_INPUT");
    expect(r.err).toContain("不是目录");
  });

  it.each([
    ["empty", "", "为空"],
    ["a lone brace", "{", "不是有效的 JSON"],
    ["null", "null", "不是 sanxiang"],
    ["another kind's file", '{"kind":"persons","records":[]}', "不是 sanxiang"],
    ["a record that is null", '{"kind":"laws","records":[null]}', "第 1 条记录无效"],
    ["a record missing its fields", '{"kind":"laws","records":[{"id":"x"}]}', "第 1 条记录无效"],
    ["invalid UTF-8", "\uFFFF", "不是有效的 UTF-8"],
  ])("a stored registry file that is %s: STORE_CORRUPT naming the file, exit 1", async (_what, content, reason) => {
    mkdirSync(join(dir, ".sanxiang", "registry"), { recursive: true });
    if (content === "\uFFFF") writeFileSync(stored("laws"), Buffer.from([0x7b, 0xff, 0x7d]));
    else writeFileSync(stored("laws"), content);
    for (const args of [
      ["registry", "check"],
      ["registry", "export", "laws", join(dir, "out.csv")],
      ["registry", "import", "persons", join(dir, "none.json")],
      ["penalty", "recommend", "SPT-SC-JG-07-A"],
    ]) {
      writeFileSync(join(dir, "none.json"), "[]");
      const r = await cli(...args);
      noStack(r);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.err).toContain("STORE_CORRUPT");
      expect(r.err).toContain(stored("laws"));
      expect(r.err).toContain(reason);
    }
  });

  it("a stored registry file that is a named pipe: STORE_CORRUPT naming it, exit 1, never a hang", async () => {
    mkdirSync(join(dir, ".sanxiang", "registry"), { recursive: true });
    execFileSync("mkfifo", [stored("laws")]);
    const r = await cli("registry", "check");
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain("STORE_CORRUPT");
    expect(r.err).toContain(stored("laws"));
  });

  it("a stored registry file that is a directory: STORE_CORRUPT, exit 1", async () => {
    mkdirSync(stored("laws"), { recursive: true });
    const r = await cli("registry", "check");
    noStack(r);
    expect(r.code).toBe(1);
    expect(r.err).toContain("STORE_CORRUPT");
  });
});

describe("sanxiang registry import: sheets saved by Excel on Chinese Windows (GB18030 / GBK)", () => {
  it("imports the sample organisations from a GBK CSV and says it read GB18030", async () => {
    const utf8 = join(dir, "org.csv");
    expect((await cli("registry", "export", "organisations", utf8, "--sample")).code).toBe(0);
    const text = readFileSync(utf8, "utf8").replace(/^\uFEFF/, "");
    const gbk = encodeGbk(text);
    // The header really is GBK bytes: 统一社会信用代码 as the GB2312 chart has it.
    expect(Buffer.from(gbk.subarray(0, USCC_HEADER_GBK.length))).toEqual(Buffer.from(USCC_HEADER_GBK));
    writeFileSync(join(dir, "org-gbk.csv"), gbk);
    const r = await cli("registry", "import", "organisations", join(dir, "org-gbk.csv"));
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("按 GB18030 编码读取");
    expect(r.out).toMatch(/已导入 \d+ 条「法人和其他组织」记录/);
    // The same records as the UTF-8 file gives.
    const fromGbk = readFileSync(join(dir, ".sanxiang", "registry", "organisations.json"), "utf8");
    expect((await cli("registry", "import", "organisations", utf8)).out).toContain("未变");
    expect(readFileSync(join(dir, ".sanxiang", "registry", "organisations.json"), "utf8")).toBe(fromGbk);
  });

  it("imports a UTF-16 LE sheet with its BOM (Excel's 'Unicode 文本' is UTF-16 LE)", async () => {
    const utf8 = join(dir, "org.csv");
    expect((await cli("registry", "export", "organisations", utf8, "--sample")).code).toBe(0);
    const text = readFileSync(utf8, "utf8").replace(/^\uFEFF/, "");
    writeFileSync(join(dir, "org-16.csv"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
    const r = await cli("registry", "import", "organisations", join(dir, "org-16.csv"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("按 UTF-16LE 编码读取");
  });

  it.each(["org.txt", "org-tabs.csv", "org.tsv"])(
    "imports Excel's 'Unicode 文本' as it really is — tab-separated UTF-16 LE with a BOM — saved as %s",
    async (name) => {
      // Hostile pass (issue 13 §1.10): the tab-separated sheet was refused for every column.
      const utf8 = join(dir, "org.csv");
      expect((await cli("registry", "export", "organisations", utf8, "--sample")).code).toBe(0);
      const rows = parseCsvRecords(readFileSync(utf8, "utf8"))._unsafeUnwrap();
      expect(rows.flat().some((f) => f.includes("\t"))).toBe(false);
      const tsv = `${rows.map((r) => r.join("\t")).join("\r\n")}\r\n`;
      writeFileSync(join(dir, name), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]));
      const r = await cli("registry", "import", "organisations", join(dir, name));
      expect(r.err).toBe("");
      expect(r.code).toBe(0);
      expect(r.out).toContain("按 UTF-16LE 编码读取");
      expect(r.out).toContain(`已导入 ${rows.length - 1} 条`);
    },
  );

  it("refuses a sheet that is neither UTF-8 nor GB18030, naming the line, and names the encoding on any refusal", async () => {
    const bad = Buffer.concat([Buffer.from(encodeGbk("统一社会信用代码,名称\n甲,乙\n")), Buffer.from([0xff, 0x0a])]);
    writeFileSync(join(dir, "bad.csv"), bad);
    const r = await cli("registry", "import", "organisations", join(dir, "bad.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("TABLE_UNREADABLE");
    expect(r.err).toContain("第 3 行不是有效的 GB18030");
    // A GBK sheet with a missing column is refused for the column, and says how it was read.
    writeFileSync(join(dir, "short.csv"), encodeGbk("统一社会信用代码,名称\n91640500MA76XXXX0X,某公司\n"));
    const short = await cli("registry", "import", "organisations", join(dir, "short.csv"));
    expect(short.code).toBe(2);
    expect(short.err).toContain("按 GB18030 编码读取");
    expect(short.err).not.toContain("缺少必填列「统一社会信用代码」");
  });
});

describe("sanxiang penalty", () => {
  it("recommends a tier and range with each article (价格违法行为行政处罚规定 Art. 7)", async () => {
    const r = await cli("penalty", "recommend", "SPT-SC-JG-07-A", "--gains", "5000", "--sample");
    expect(r.code).toBe(0);
    expect(r.out).toContain("裁量阶次：一般");
    // The ranges in the statute's words, with what the multiples come to (issue 16).
    expect(r.out).toContain("建议幅度：处违法所得1.5倍以上3.5倍以下罚款（即7,500元以上17,500元以下）");
    expect(r.out).toContain("法定幅度：处违法所得5倍以下罚款（即25,000元以下）");
    expect(r.out).toContain("《价格违法行为行政处罚规定》第七条");
    // A citation is never repeated right after a text that already names it.
    expect(r.out).not.toContain("第七条（《价格违法行为行政处罚规定》第七条）");
  });

  it("applies a circumstance (屡查屡犯 → 从重, Art. 17 para. 2)", async () => {
    const r = await cli(
      "penalty",
      "recommend",
      "SPT-SC-JG-07-A",
      "--gains",
      "5000",
      "--circumstance",
      "price-repeat",
      "--sample",
    );
    expect(r.out).toContain("裁量阶次：从重");
    expect(r.out).toContain("第十七条第二款");
  });

  it("checks a proposed fine against the benchmark", async () => {
    const within = await cli("penalty", "check", "SPT-SC-JG-07-A", "--gains", "5000", "--fine", "10000", "--sample");
    expect(within.code).toBe(0);
    expect(within.out).toContain("检查结论");
    const above = await cli("penalty", "check", "SPT-SC-JG-07-A", "--gains", "5000", "--fine", "30000", "--sample");
    expect(above.code).toBe(2);
    expect(above.err).toContain("PENALTY_OUT_OF_RANGE");
  });

  it("refuses unknown codes and bad amounts", async () => {
    expect((await cli("penalty", "recommend", "NO-SUCH", "--sample")).err).toContain("REGISTRY_NOT_FOUND");
    expect((await cli("penalty", "recommend", "SPT-SC-JG-07-A", "--gains", "abc", "--sample")).code).toBe(2);
    expect((await cli("penalty", "recommend", "SPT-SC-JG-07-A")).err).toContain("--sample");
  });
});
