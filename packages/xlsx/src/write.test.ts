import { fc, test } from "@fast-check/vitest";
import type { RawSheet } from "@sanxiang/core";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { displayWidth, readXlsx, writeXlsx, xlsxSheetName } from "./index.js";

// Characters a registry holds: Chinese text, Latin letters, digits (IDs, credit codes,
// amounts), full-width and ASCII punctuation, spaces and line breaks inside a cell.
const CHARS = [
  ..."沙坡头区司法局市场监督管理执法证号律师事务所罚款元第条款项（）、，。：；“”《》",
  ..."ABXYZabz",
  ..."0123456789",
  ..." -./:=%¥,\n",
];
const word = fc.string({ unit: fc.constantFrom(...CHARS), maxLength: 12 });
// Texts a spreadsheet would turn into something else if they were not stored as text.
const tricky = fc.constantFrom(
  "110105194912310021",
  "91640502MA76XXXX0Q",
  "0012",
  "1e5",
  "2024-01-05",
  "2024/1/5",
  "12,000",
  "TRUE",
  "=SUM(A1:A2)",
  "30%",
  "-0",
  " 前后空格 ",
);
const cell = fc.oneof(
  { arbitrary: word, weight: 4 },
  { arbitrary: tricky, weight: 2 },
  { arbitrary: fc.constant(""), weight: 2 },
);
const header = fc.string({
  unit: fc.constantFrom(...CHARS.filter((c) => c.trim() !== "")),
  minLength: 1,
  maxLength: 8,
});
const sheetName = fc.string({
  unit: fc.constantFrom(..."权责清单执法主体人员市场裁量基准法律法规"),
  minLength: 1,
  maxLength: 8,
});

const sheetArb = fc
  .record({
    name: sheetName,
    headers: fc.uniqueArray(header, { minLength: 1, maxLength: 6 }),
    rowCount: fc.nat({ max: 15 }),
  })
  .chain(({ name, headers, rowCount }) =>
    fc
      .array(fc.array(cell, { minLength: headers.length, maxLength: headers.length }), {
        minLength: rowCount,
        maxLength: rowCount,
      })
      .map((values) => ({
        headers,
        sheet: {
          name,
          rows: values.map((v, i) => ({
            rowNumber: i + 2,
            cells: Object.fromEntries(headers.map((h, c) => [h, v[c] ?? ""])),
          })),
        } satisfies RawSheet,
      })),
  );

describe("writeXlsx → readXlsx", () => {
  test.prop([fc.uniqueArray(sheetArb, { minLength: 1, maxLength: 3, selector: (s) => s.sheet.name })], {
    numRuns: 30,
  })("round-trips every text exactly; blank rows are dropped and keep their place in numbering", async (sheets) => {
    const read = (await readXlsx(await writeXlsx(sheets)))._unsafeUnwrap();
    expect(read).toEqual(
      sheets.map(({ sheet }) => ({
        name: sheet.name,
        rows: sheet.rows.filter((r) => Object.values(r.cells).some((v) => v.trim() !== "")),
      })),
    );
  });

  it("keeps IDs, credit codes and leading zeros as text in Excel (number format @)", async () => {
    const bytes = await writeXlsx([
      {
        sheet: {
          name: "市场主体",
          rows: [
            {
              rowNumber: 2,
              cells: {
                名称: "示例公司",
                统一社会信用代码: "91640502MA76XXXX0Q",
                身份证号: "110105194912310021",
                邮编: "0755",
              },
            },
          ],
        },
        headers: ["名称", "统一社会信用代码", "身份证号", "邮编"],
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("市场主体");
    expect(ws).toBeDefined();
    if (ws === undefined) return;
    for (const address of ["B2", "C2", "D2"]) {
      expect(ws.getCell(address).type).toBe(ExcelJS.ValueType.String);
      expect(ws.getCell(address).numFmt).toBe("@");
    }
    expect(ws.getCell("C2").value).toBe("110105194912310021");
    expect(ws.getColumn(3).numFmt).toBe("@"); // cells typed later in Excel are text too
  });

  it("writes a bold, frozen, filterable header row and widths sized for Chinese text", async () => {
    const bytes = await writeXlsx([
      {
        sheet: {
          name: "权责清单",
          rows: [
            { rowNumber: 2, cells: { 编码: "1", 事项名称: "对律师事务所从事法律服务中违法行为的行政处罚", 备注: "" } },
          ],
        },
        headers: ["编码", "事项名称", "备注"],
      },
    ]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    if (ws === undefined) throw new Error("no worksheet");
    expect(ws.getCell("A1").font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toBeDefined();
    const widths = [1, 2, 3].map((c) => ws.getColumn(c).width ?? 0);
    expect(widths[0]).toBe(8); // the minimum
    expect(widths[1]).toBe(displayWidth("对律师事务所从事法律服务中违法行为的行政处罚") + 2); // 22 ideographs = 44 widths
    expect(widths[2]).toBe(8);
  });

  it("meets Excel's limits: sheet names made valid and unique, XML-illegal characters dropped, CR LF as LF", async () => {
    const long = "沙坡头区司法局权责清单及行政处罚裁量基准与法律法规数据库第二版本";
    expect(xlsxSheetName("2024/权责:清单?")).toBe("2024_权责_清单_");
    expect(xlsxSheetName("'引号'")).toBe("引号");
    expect(xlsxSheetName("")).toBe("Sheet");
    expect([...xlsxSheetName(long)].length).toBe(31);
    expect(xlsxSheetName("Sheet", new Set(["sheet"]))).toBe("Sheet(2)");
    expect(xlsxSheetName(long, new Set([xlsxSheetName(long)]))).toMatch(/\(2\)$/);

    const bytes = await writeXlsx([
      {
        sheet: { name: "表", rows: [{ rowNumber: 2, cells: { 说明: "第一行\r\n第二行\u0007\uFFFF" } }] },
        headers: ["说明"],
      },
      { sheet: { name: "表", rows: [] }, headers: ["说明"] },
    ]);
    const read = (await readXlsx(bytes))._unsafeUnwrap();
    expect(read.map((s) => s.name)).toEqual(["表", "表(2)"]);
    expect(read[0]?.rows[0]?.cells).toEqual({ 说明: "第一行\n第二行" });
  });

  it("counts a CJK character as two widths", () => {
    expect(displayWidth("执法abc")).toBe(7);
    expect(displayWidth("（１）")).toBe(6);
  });
});
