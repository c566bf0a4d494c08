import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { readXlsx } from "./index.js";

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as Uint8Array);
}

function table(rows: unknown[][], name = "表1"): (wb: ExcelJS.Workbook) => void {
  return (wb) => {
    const ws = wb.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
  };
}

async function cellsOf(bytes: Uint8Array) {
  const r = await readXlsx(bytes);
  if (r.isErr()) throw r.error;
  return r.value.map((s) => ({ name: s.name, rows: s.rows.map((row) => ({ ...row.cells, "#": row.rowNumber })) }));
}

async function issuesOf(bytes: Uint8Array) {
  const r = await readXlsx(bytes);
  if (r.isOk()) throw new Error("expected an error");
  return { code: r.error.code, message: r.error.message, issues: r.error.details?.issues };
}

describe("readXlsx: cell values become the text a person meant", () => {
  it("strings as-is, numbers without float noise, booleans as 是/否", async () => {
    const bytes = await workbook(
      table([
        ["名称", "金额", "比例", "小数", "负数", "是否首违"],
        ["  沙坡头区司法局 ", 12000, 0.1 + 0.2, 1e-7, -5, true],
        ["律师事务所", 0.1 * 120000, 0.3, 123456789012345, 0, false],
      ]),
    );
    expect(await cellsOf(bytes)).toEqual([
      {
        name: "表1",
        rows: [
          {
            名称: "  沙坡头区司法局 ",
            金额: "12000",
            比例: "0.3",
            小数: "0.0000001",
            负数: "-5",
            是否首违: "是",
            "#": 2,
          },
          {
            名称: "律师事务所",
            金额: "12000",
            比例: "0.3",
            小数: "123456789012345",
            负数: "0",
            是否首违: "否",
            "#": 3,
          },
        ],
      },
    ]);
  });

  it("rich text and hyperlinks as plain text, formulas as their cached result", async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("公示");
      ws.addRow(["主体", "网址", "罚款", "说明", "共享"]);
      ws.addRow([
        { richText: [{ text: "中卫市沙坡头区" }, { text: "市场监督管理局", font: { bold: true } }] },
        { text: "公示平台", hyperlink: "https://example.org/gs" },
        { formula: "B9*3", result: 0.1 * 120000 },
        { formula: 'CONCAT("首违","不罚")', result: "首违不罚" },
        { formula: "C2*2", result: 24000 },
      ]);
      ws.addRow(["a", "b", { formula: "1=1", result: true }, "d", { sharedFormula: "E2", result: 7 }]);
    });
    expect(await cellsOf(bytes)).toEqual([
      {
        name: "公示",
        rows: [
          {
            主体: "中卫市沙坡头区市场监督管理局",
            网址: "公示平台",
            罚款: "12000",
            说明: "首违不罚",
            共享: "24000",
            "#": 2,
          },
          { 主体: "a", 网址: "b", 罚款: "是", 说明: "d", 共享: "7", "#": 3 },
        ],
      },
    ]);
  });

  it("headers are trimmed; blank rows are skipped and row numbers are Excel's", async () => {
    const bytes = await workbook(table([[" 编号 ", "名称 "], ["A1", "甲"], [], ["", "  "], [null, "丙"]]));
    expect(await cellsOf(bytes)).toEqual([
      {
        name: "表1",
        rows: [
          { 编号: "A1", 名称: "甲", "#": 2 },
          { 编号: "", 名称: "丙", "#": 5 },
        ],
      },
    ]);
  });

  it("only the top-left cell of a merged range carries its value", async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet("合并");
      ws.addRow(["执法主体", "事项"]);
      ws.addRow(["沙坡头区司法局", "律师执业"]);
      ws.addRow([null, "公证"]);
      ws.mergeCells("A2:A3");
    });
    const [sheet] = await cellsOf(bytes);
    expect(sheet?.rows).toEqual([
      { 执法主体: "沙坡头区司法局", 事项: "律师执业", "#": 2 },
      { 执法主体: "", 事项: "公证", "#": 3 },
    ]);
  });

  it("reads every worksheet, or only those named; headerRow skips a title row", async () => {
    const bytes = await workbook((wb) => {
      const a = wb.addWorksheet("权责清单");
      a.addRow(["沙坡头区司法局权责清单"]);
      a.addRow(["编码", "名称"]);
      a.addRow(["330217001", "对律师事务所的处罚"]);
      const b = wb.addWorksheet("说明");
      b.addRow(["注意事项"]);
      b.addRow([Number("123456789012345678")]); // would be refused, but is not read below
    });
    const one = await readXlsx(bytes, { sheets: ["权责清单"], headerRow: 2 });
    expect(one._unsafeUnwrap()).toEqual([
      { name: "权责清单", rows: [{ rowNumber: 3, cells: { 编码: "330217001", 名称: "对律师事务所的处罚" } }] },
    ]);
    const missing = await readXlsx(bytes, { sheets: ["裁量基准"] });
    expect(missing._unsafeUnwrapErr().code).toBe("TABLE_UNREADABLE");
    expect(missing._unsafeUnwrapErr().message).toContain("权责清单、说明");
    expect((await readXlsx(bytes, { headerRow: 0 }))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("an empty worksheet is a sheet with no rows", async () => {
    const bytes = await workbook((wb) => {
      wb.addWorksheet("空表");
    });
    expect((await readXlsx(bytes))._unsafeUnwrap()).toEqual([{ name: "空表", rows: [] }]);
  });
});

describe("readXlsx: Excel date cells", () => {
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  const dated = () =>
    workbook((wb) => {
      const ws = wb.addWorksheet("日期");
      ws.addRow(["决定日期", "送达时间", "时刻", "JS 日期"]);
      const row = ws.addRow([45306, 45306.5, 0.75, new Date(Date.UTC(2024, 1, 29))]);
      row.getCell(1).numFmt = "yyyy-mm-dd";
      row.getCell(2).numFmt = "yyyy/m/d h:mm";
      row.getCell(3).numFmt = "h:mm";
      // Serial day 45306 with float noise, as a formula's cached result.
      const r2 = ws.addRow([{ formula: "A2+0", result: 45306.99999999999 }, 45658, 0, null]);
      r2.getCell(1).numFmt = "yyyy年m月d日";
      r2.getCell(2).numFmt = "[$-zh-CN]yyyy-mm-dd";
    });

  for (const tz of ["Asia/Shanghai", "UTC", "America/Los_Angeles", "Pacific/Kiritimati"]) {
    it(`serials become YYYY-MM-DD with no time-zone shift (TZ=${tz})`, async () => {
      process.env.TZ = tz;
      const [sheet] = await cellsOf(await dated());
      expect(sheet?.rows).toEqual([
        { 决定日期: "2024-01-15", 送达时间: "2024-01-15 12:00:00", 时刻: "18:00:00", "JS 日期": "2024-02-29", "#": 2 },
        { 决定日期: "2024-01-16", 送达时间: "2025-01-01", 时刻: "0", "JS 日期": "", "#": 3 },
      ]);
    });
  }
});

describe("readXlsx: what cannot be read faithfully is refused, never corrupted", () => {
  it("an 18-digit ID number stored as a number is a row error asking for a text column", async () => {
    const bytes = await workbook(
      table([
        ["姓名", "居民身份证号"],
        ["张三", "11010519491231002X"],
        ["李四", Number("110105194912310021")],
        ["王五", 6222021234567890], // 16 digits: Excel already dropped the last one
      ]),
    );
    const { code, issues } = await issuesOf(bytes);
    expect(code).toBe("IMPORT_INVALID");
    expect(issues).toEqual([
      { sheet: "表1", row: 3, column: "居民身份证号", message: expect.stringContaining("文本") },
      { sheet: "表1", row: 4, column: "居民身份证号", message: expect.stringContaining("文本") },
    ]);
  });

  it("error values, formulas never calculated and cells without a header are row errors", async () => {
    const bytes = await workbook(
      table([
        ["编号", "金额"],
        ["A1", { error: "#N/A" }],
        ["A2", { formula: "B1*2" }],
        ["A3", 5, "备注"],
      ]),
    );
    const { code, message, issues } = await issuesOf(bytes);
    expect(code).toBe("IMPORT_INVALID");
    expect(message).toContain("共 3 处错误");
    expect(issues).toEqual([
      { sheet: "表1", row: 2, column: "金额", message: "单元格为错误值 #N/A" },
      { sheet: "表1", row: 3, column: "金额", message: expect.stringContaining("没有计算结果") },
      { sheet: "表1", row: 4, column: "C 列", message: "C 列有内容但没有表头" },
    ]);
  });

  it("a repeated or empty header is TABLE_UNREADABLE naming sheet and column", async () => {
    const dup = await issuesOf(
      await workbook(
        table(
          [
            ["编号", "名称", "编号"],
            ["1", "甲", "2"],
          ],
          "主体",
        ),
      ),
    );
    expect(dup.code).toBe("TABLE_UNREADABLE");
    expect(dup.message).toBe("工作表「主体」第 1 行：C 列表头「编号」重复");
    expect(dup.issues).toEqual([{ sheet: "主体", row: 1, column: "编号", message: "C 列表头「编号」重复" }]);

    const empty = await issuesOf(
      await workbook(
        table(
          [
            ["编号", null, "名称"],
            ["1", "x", "甲"],
          ],
          "主体",
        ),
      ),
    );
    expect(empty.code).toBe("TABLE_UNREADABLE");
    expect(empty.message).toContain("B 列表头为空");

    const broken = await issuesOf(
      await workbook(
        table(
          [
            ["编号", { error: "#REF!" }],
            ["1", "甲"],
          ],
          "主体",
        ),
      ),
    );
    expect(broken.code).toBe("TABLE_UNREADABLE");
    expect(broken.message).toBe("工作表「主体」第 1 行：B 列表头无法读取：单元格为错误值 #REF!");

    const none = await issuesOf(await workbook(table([[], ["1", "甲"]], "主体")));
    expect(none.code).toBe("TABLE_UNREADABLE");
    expect(none.message).toContain("表头为空");
  });

  it("garbage, a truncated file, an old .xls or a CSV are TABLE_UNREADABLE, never a throw", async () => {
    const good = await workbook(table([["a"], ["b"]]));
    const inputs: [string, Uint8Array | ArrayBuffer][] = [
      ["empty", new Uint8Array()],
      ["garbage", new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))],
      ["zip header only", new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])],
      ["truncated xlsx", good.slice(0, Math.floor(good.length / 2))],
      ["ole (.xls)", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])],
      ["csv", new TextEncoder().encode("编号,名称\r\n1,甲\r\n")],
      ["ArrayBuffer garbage", new ArrayBuffer(64)],
    ];
    for (const [what, bytes] of inputs) {
      const r = await readXlsx(bytes);
      expect(r.isErr(), what).toBe(true);
      expect(r._unsafeUnwrapErr().code, what).toBe("TABLE_UNREADABLE");
    }
    expect((await readXlsx(new Uint8Array(good).buffer)).isOk()).toBe(true);
  });
});
