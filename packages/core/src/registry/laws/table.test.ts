import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../csv.js";
import { exportSheet, importJson, importSheet } from "../table.js";
import { LAWS_TABLE, type LawMeta } from "./table.js";

const ROWS: LawMeta[] = [
  {
    id: "administrative-penalty",
    shortTitle: "行政处罚法",
    title: "中华人民共和国行政处罚法",
    level: "law",
    issuer: "全国人民代表大会常务委员会",
    promulgated: "2021-01-22",
    effectiveFrom: "2021-07-15",
    note: "施行日期见第八十六条",
  },
  {
    id: "government-information-disclosure",
    shortTitle: "政府信息公开条例",
    title: "中华人民共和国政府信息公开条例",
    level: "administrativeRegulation",
    issuer: "国务院",
    documentNumber: "国务院令第711号",
    promulgated: "2019-04-03",
    effectiveFrom: "2019-05-15",
  },
];

describe("LAWS_TABLE", () => {
  it("exports to CSV with Chinese headers and imports the same rows back", () => {
    const csv = toCsv(
      exportSheet(LAWS_TABLE, ROWS),
      LAWS_TABLE.columns.map((c) => c.header),
    );
    expect(csv).toContain("效力层级");
    expect(csv).toContain("行政法规");
    const back = parseCsv(csv, "laws.csv").andThen((sheet) => importSheet(LAWS_TABLE, sheet));
    expect(back._unsafeUnwrap()).toEqual(ROWS);
    expect(importJson(LAWS_TABLE, JSON.parse(JSON.stringify(ROWS)))._unsafeUnwrap()).toEqual(ROWS);
  });

  it("imports nothing when one row is wrong, and names the row and column", () => {
    const sheet = exportSheet(LAWS_TABLE, ROWS);
    const broken = {
      ...sheet,
      rows: sheet.rows.map((r, i) => (i === 1 ? { ...r, cells: { ...r.cells, 效力层级: "法规" } } : r)),
    };
    const r = importSheet(LAWS_TABLE, broken);
    expect(r.isErr() && r.error.code).toBe("IMPORT_INVALID");
    expect(r.isErr() && r.error.details?.issues).toEqual([expect.objectContaining({ row: 3, column: "效力层级" })]);
  });

  test.prop([fc.integer({ min: 0, max: 1 }), fc.constantFrom("施行日期", "标识", "名称")])(
    "a random blanked required cell never half-applies an import",
    (row, column) => {
      const sheet = exportSheet(LAWS_TABLE, ROWS);
      const rows = sheet.rows.map((r, i) => (i === row ? { ...r, cells: { ...r.cells, [column]: "" } } : r));
      expect(importSheet(LAWS_TABLE, { ...sheet, rows }).isErr()).toBe(true);
    },
  );

  it("refuses two rows for the same law version", () => {
    const sheet = exportSheet(LAWS_TABLE, [ROWS[0] as LawMeta, ROWS[0] as LawMeta]);
    expect(importSheet(LAWS_TABLE, sheet).isErr()).toBe(true);
  });
});
