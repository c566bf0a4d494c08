import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../csv.js";
import { exportSheet, type ImportIssue, importJson, importSheet, type RawSheet } from "../table.js";
import { usccCheckChar } from "./checksums.js";
import {
  ORGANISATIONS_TABLE,
  organisationsTable,
  PERSONS_TABLE,
  VIOLATIONS_TABLE,
  violationBasisCell,
} from "./tables.js";

const uscc = (n: number) => {
  const body = `91640502MA7${String(n).padStart(6, "0")}`;
  return `${body}${usccCheckChar(body)}`;
};
const orgRow = (n: number): Record<string, string> => ({
  统一社会信用代码: uscc(n),
  名称: `示例商户${n}`,
  "法定代表人（负责人）": `示例${n}`,
  住所: `中卫市沙坡头区示例路 ${n} 号`,
  行政区划代码: "640502",
  联系电话: "",
  登记状态: "存续",
  生效日期: "2020-01-01",
  失效日期: "",
});
const sheet = (name: string, rows: Record<string, string>[]): RawSheet => ({
  name,
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
});
const issuesOf = (e: { details?: Readonly<Record<string, unknown>> }) => (e.details?.issues ?? []) as ImportIssue[];

describe("organisations sheet (法人和其他组织)", () => {
  it("imports rows and round-trips through export and CSV", () => {
    const records = importSheet(ORGANISATIONS_TABLE, sheet("法人和其他组织", [orgRow(1), orgRow(2)]))._unsafeUnwrap();
    expect(records[0]).toMatchObject({ kind: "organisation", uscc: uscc(1), status: "active" });
    const csv = toCsv(
      exportSheet(ORGANISATIONS_TABLE, records),
      ORGANISATIONS_TABLE.columns.map((c) => c.header),
    );
    const again = parseCsv(csv, "法人和其他组织").andThen((s) => importSheet(ORGANISATIONS_TABLE, s));
    expect(again._unsafeUnwrap()).toEqual(records);
    expect(importJson(ORGANISATIONS_TABLE, JSON.parse(JSON.stringify(records)))._unsafeUnwrap()).toEqual(records);
  });

  it("a wrong check character is a row error naming the column, in Chinese", () => {
    const bad = { ...orgRow(2), 统一社会信用代码: `${uscc(2).slice(0, 17)}${uscc(2)[17] === "0" ? "1" : "0"}` };
    const e = importSheet(ORGANISATIONS_TABLE, sheet("法人和其他组织", [orgRow(1), bad]))._unsafeUnwrapErr();
    expect(e.code).toBe("IMPORT_INVALID");
    expect(issuesOf(e)).toEqual([
      expect.objectContaining({ sheet: "法人和其他组织", row: 3, column: "统一社会信用代码" }),
    ]);
    expect(issuesOf(e)[0]?.message).toMatch(/统一社会信用代码无效：校验码应为/);
  });

  it("pilot codes pass only through organisationsTable({ acceptPilotCodes: true })", () => {
    const pilot = sheet("法人和其他组织", [{ ...orgRow(1), 统一社会信用代码: "91350211M0000XUF46" }]);
    expect(importSheet(ORGANISATIONS_TABLE, pilot).isErr()).toBe(true);
    expect(importSheet(organisationsTable({ acceptPilotCodes: true }), pilot).isOk()).toBe(true);
  });
});

describe("persons sheet (自然人)", () => {
  it("normalises a lower-case x, refuses a bad checksum or date with the column", () => {
    const x = "11010519491231002x";
    const ok = importSheet(PERSONS_TABLE, sheet("自然人", [{ 公民身份号码: x, 姓名: "示例", 住址: "某地" }]));
    expect(ok._unsafeUnwrap()[0]?.idNumber).toBe("11010519491231002X");
    const e = importSheet(
      PERSONS_TABLE,
      sheet("自然人", [
        { 公民身份号码: "110105194912310021", 姓名: "甲", 住址: "某地" },
        { 公民身份号码: "110105199902290013", 姓名: "乙", 住址: "某地" },
      ]),
    )._unsafeUnwrapErr();
    expect(issuesOf(e).map((i) => [i.row, i.column])).toEqual([
      [2, "公民身份号码"],
      [3, "公民身份号码"],
    ]);
    expect(issuesOf(e)[1]?.message).toContain("出生日期 1999-02-29 不存在");
  });
});

describe("violations sheet (违法记录)", () => {
  const row = {
    当事人类型: "法人和其他组织",
    当事人证件号码: uscc(1),
    案件编号: "沙市监处〔2025〕1号",
    违法行为发生日期: "2025年3月10日",
    违法行为编码: "PRICE-13-1",
    违法依据: "《价格违法行为行政处罚规定》第十三条第（一）项",
    处理结果: "首违不罚",
    处理决定日期: "",
    处理机关: "中卫市沙坡头区市场监督管理局",
  };

  it("reads the basis as an article reference and round-trips", () => {
    const records = importSheet(VIOLATIONS_TABLE, sheet("违法记录", [row]))._unsafeUnwrap();
    expect(records[0]).toMatchObject({
      actDate: "2025-03-10",
      outcome: "firstViolationExempt",
      basis: { law: "价格违法行为行政处罚规定", article: 13, item: 1 },
    });
    const again = importSheet(VIOLATIONS_TABLE, exportSheet(VIOLATIONS_TABLE, records));
    expect(again._unsafeUnwrap()).toEqual(records);
  });

  it("checks the party's identifier against its kind", () => {
    const e = importSheet(VIOLATIONS_TABLE, sheet("违法记录", [{ ...row, 当事人类型: "自然人" }]))._unsafeUnwrapErr();
    expect(issuesOf(e)[0]).toMatchObject({ row: 2, column: "当事人证件号码" });
  });

  it("violationBasisCell reads Chinese and Arabic numerals", () => {
    expect(violationBasisCell.parse("《律师法》第55条")._unsafeUnwrap()).toEqual({ law: "律师法", article: 55 });
    expect(violationBasisCell.parse("《行政处罚法》第三十三条第一款")._unsafeUnwrap()).toEqual({
      law: "行政处罚法",
      article: 33,
      paragraph: 1,
    });
    expect(violationBasisCell.parse("《民法典》第一千二百五十九条")._unsafeUnwrap().article).toBe(1259);
    expect(violationBasisCell.parse("律师法55条").isErr()).toBe(true);
    expect(violationBasisCell.parse("《律师法》第甲条").isErr()).toBe(true);
  });
});

describe("import is all-or-nothing (property)", () => {
  // A bad row: a wrong check character, or a non-existent division code length, or an empty name.
  const spoil = (r: Record<string, string>, how: number): Record<string, string> => {
    const code = r.统一社会信用代码 ?? "";
    if (how === 0) return { ...r, 统一社会信用代码: `${code.slice(0, 17)}${code[17] === "0" ? "1" : "0"}` };
    if (how === 1) return { ...r, 行政区划代码: "64050" };
    return { ...r, 名称: "" };
  };

  test.prop([fc.integer({ min: 1, max: 30 }), fc.uniqueArray(fc.nat(29), { minLength: 1, maxLength: 5 }), fc.nat(2)])(
    "random bad rows among good ones: Err listing exactly the bad rows, no records",
    (n, badAt, how) => {
      const bad = new Set(badAt.filter((i) => i < n));
      fc.pre(bad.size > 0);
      const rows = Array.from({ length: n }, (_, i) => (bad.has(i) ? spoil(orgRow(i), how) : orgRow(i)));
      const r = importSheet(ORGANISATIONS_TABLE, sheet("法人和其他组织", rows));
      expect(r.isErr()).toBe(true);
      const rowsWithIssues = new Set(issuesOf(r._unsafeUnwrapErr()).map((i) => i.row));
      expect([...rowsWithIssues].sort((a, b) => a - b)).toEqual([...bad].map((i) => i + 2).sort((a, b) => a - b));
    },
  );
});
