import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseCsv, parseCsvRecords, toCsv } from "./csv.js";

describe("CSV (RFC 4180)", () => {
  it("reads quoted fields, doubled quotes, CRLF and LF, and strips a BOM", () => {
    const r = parseCsvRecords('\uFEFF名称,备注\r\n"甲, 乙","他说""好"""\n丙,"多\n行"\n');
    expect(r._unsafeUnwrap()).toEqual([
      ["名称", "备注"],
      ["甲, 乙", '他说"好"'],
      ["丙", "多\n行"],
    ]);
  });

  it("refuses an unterminated quote and text after a closing quote, naming the line", () => {
    const open = parseCsvRecords('a,b\n"x,y\n');
    expect(open.isErr() && open.error.code).toBe("TABLE_UNREADABLE");
    const stray = parseCsvRecords('a\n"x"y\n');
    expect(stray.isErr() && stray.error.message).toContain("第 2 行");
  });

  it("keys rows by header, numbers them as a spreadsheet does, skips blank rows", () => {
    const sheet = parseCsv("名称,代码\n甲,1\n\n乙,2\n", "主体")._unsafeUnwrap();
    expect(sheet.rows).toEqual([
      { rowNumber: 2, cells: { 名称: "甲", 代码: "1" } },
      { rowNumber: 4, cells: { 名称: "乙", 代码: "2" } },
    ]);
  });

  it("refuses duplicate or empty headers", () => {
    expect(parseCsv("名称,名称\n", "x").isErr()).toBe(true);
    expect(parseCsv("名称,,代码\n", "x").isErr()).toBe(true);
  });

  it("ignores empty columns Excel leaves after the last header (hostile pass, issue 13 §1.7), unless a row has a value under one", () => {
    expect(parseCsv("名称,代码,,\r\n甲,1,,\r\n乙,2\r\n", "x")._unsafeUnwrap().rows).toEqual([
      { rowNumber: 2, cells: { 名称: "甲", 代码: "1" } },
      { rowNumber: 3, cells: { 名称: "乙", 代码: "2" } },
    ]);
    expect(parseCsv("名称,代码, ,\r\n", "x")._unsafeUnwrap().rows).toEqual([]);
    const headless = parseCsv("名称,代码,,\r\n甲,1,,\r\n乙,2,,备注\r\n", "x");
    expect(headless._unsafeUnwrapErr().code).toBe("TABLE_UNREADABLE");
    expect(headless._unsafeUnwrapErr().message).toContain("第 3 行");
    expect(parseCsv(",,\r\n", "x")._unsafeUnwrapErr().code).toBe("TABLE_UNREADABLE");
  });

  it("reads tab-separated text when asked (Excel's 'Unicode 文本'), quoted fields and commas inside included", () => {
    expect(parseCsvRecords('名称\t代码\r\n"甲\t乙"\t1,2\r\n', { delimiter: "\t" })._unsafeUnwrap()).toEqual([
      ["名称", "代码"],
      ["甲\t乙", "1,2"],
    ]);
    expect(parseCsvRecords("名称\t代码\r\n")._unsafeUnwrap()).toEqual([["名称\t代码"]]);
  });

  it("guards cells Excel would run as formulas, and reads them back unchanged (CSV injection)", () => {
    const hostile = ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "'=already", "plain"];
    const rows = hostile.map((v, i) => ({ rowNumber: i + 2, cells: { 名称: v } }));
    const text = toCsv({ name: "t", rows }, ["名称"]);
    for (const line of text.split("\r\n").slice(1, -1)) expect(line).not.toMatch(/^"?[=+\-@]/);
    expect(
      parseCsv(text, "t")
        ._unsafeUnwrap()
        .rows.map((r) => r.cells.名称),
    ).toEqual(hostile);
  });

  const cellText = fc.string({
    unit: fc.constantFrom("甲", "乙", "a", " ", ",", '"', "\n", "\r\n", "；", "1", "=", "+", "-", "@", "'", "\t"),
  });
  test.prop([fc.array(fc.tuple(cellText, cellText), { maxLength: 20 })])(
    "toCsv then parseCsv gives the same cells (non-blank rows)",
    (pairs) => {
      const rows = pairs
        .filter(([a, b]) => a.trim() !== "" || b.trim() !== "")
        .map(([a, b], i) => ({ rowNumber: i + 2, cells: { 甲列: a, 乙列: b } }));
      const text = toCsv({ name: "t", rows }, ["甲列", "乙列"]);
      const back = parseCsv(text, "t")._unsafeUnwrap();
      expect(back.rows.map((r) => r.cells)).toEqual(rows.map((r) => r.cells));
    },
  );
});
