import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { CivilDateSchema } from "../kernel/time.js";
import { booleanCell, dateCell, enumCell, intCell, listCell, textCell, yuanCell } from "./codecs.js";
import {
  column,
  exportSheet,
  type ImportIssue,
  importJson,
  importSheet,
  type RawSheet,
  type TableSpec,
} from "./table.js";

const ItemSchema = z.object({
  code: z.string().regex(/^[A-Z]\d{3}$/, "编码应为一个大写字母加三位数字"),
  name: z.string().min(1),
  kind: z.enum(["penalty", "licence"]),
  max: z.number().int().nonnegative(),
  from: CivilDateSchema,
  tags: z.array(z.string()).optional(),
  active: z.boolean(),
  level: z.number().int().optional(),
});
type Item = z.infer<typeof ItemSchema>;

const spec: TableSpec<Item> = {
  kind: "items",
  sheet: "事项",
  schema: ItemSchema,
  key: (i) => i.code,
  columns: [
    column("code", "编码", textCell),
    column("name", "名称", textCell),
    column("kind", "类别", enumCell({ penalty: "处罚", licence: "许可" })),
    column("max", "罚款上限（元）", yuanCell),
    column("from", "生效日期", dateCell),
    column("tags", "标签", listCell(textCell), true),
    column("active", "在用", booleanCell),
    column("level", "级别", intCell(1, 5), true),
  ],
};

const good = (code: string, n: number) => ({
  编码: code,
  名称: `事项${n}`,
  类别: "处罚",
  "罚款上限（元）": "50,000",
  生效日期: "2021年7月15日",
  标签: "甲；乙",
  在用: "是",
  级别: "",
});
const sheetOf = (rows: Record<string, string>[]): RawSheet => ({
  name: "事项",
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
});

describe("importSheet — every row checked, nothing imported when any row is wrong", () => {
  it("imports well-formed rows through the codecs and the schema", () => {
    const r = importSheet(spec, sheetOf([good("A001", 1), good("A002", 2)]))._unsafeUnwrap();
    expect(r[0]).toEqual({
      code: "A001",
      name: "事项1",
      kind: "penalty",
      max: 5_000_000,
      from: "2021-07-15",
      tags: ["甲", "乙"],
      active: true,
    });
  });

  it("lists each wrong cell with sheet, row, column and a Chinese message", () => {
    const r = importSheet(
      spec,
      sheetOf([good("A001", 1), { ...good("a1", 2), 类别: "征收", 生效日期: "2021-02-30" }, good("A001", 3)]),
    );
    expect(r.isErr()).toBe(true);
    const issues = (r._unsafeUnwrapErr().details?.issues ?? []) as ImportIssue[];
    expect(issues).toContainEqual(expect.objectContaining({ sheet: "事项", row: 3, column: "类别" }));
    expect(issues).toContainEqual(expect.objectContaining({ row: 3, column: "生效日期" }));
    expect(issues).toContainEqual(
      expect.objectContaining({ row: 4, message: expect.stringContaining("与第 2 行重复") }),
    );
    expect(r._unsafeUnwrapErr().code).toBe("IMPORT_INVALID");
    expect(r._unsafeUnwrapErr().message).toContain("未导入任何数据");
  });

  it("maps schema failures to their column", () => {
    const r = importSheet(spec, sheetOf([good("a1", 1)]));
    const issues = (r._unsafeUnwrapErr().details?.issues ?? []) as ImportIssue[];
    expect(issues).toEqual([{ sheet: "事项", row: 2, column: "编码", message: "编码应为一个大写字母加三位数字" }]);
  });

  it("refuses missing required columns and unknown columns", () => {
    const { 名称: _dropped, ...noName } = good("A001", 1);
    expect(importSheet(spec, sheetOf([noName])).isErr()).toBe(true);
    expect(importSheet(spec, sheetOf([{ ...good("A001", 1), 多余: "x" }])).isErr()).toBe(true);
  });

  it("export round-trips", () => {
    const records = importSheet(
      spec,
      sheetOf([good("A001", 1), { ...good("B002", 2), 级别: "3", 标签: "" }]),
    )._unsafeUnwrap();
    expect(importSheet(spec, exportSheet(spec, records))._unsafeUnwrap()).toEqual(records);
  });

  const badCell = fc.constantFrom<[string, string]>(
    ["编码", "x"],
    ["类别", "其他"],
    ["罚款上限（元）", "-1"],
    ["生效日期", "明天"],
    ["在用", "也许"],
    ["级别", "9"],
    ["名称", ""],
  );
  test.prop([fc.integer({ min: 1, max: 30 }), fc.array(fc.tuple(fc.nat(), badCell), { minLength: 1, maxLength: 5 })])(
    "random bad rows never half-apply: the result is an error and no records",
    (n, bad) => {
      const rows = Array.from({ length: n }, (_, i) => good(`C${String(i).padStart(3, "0")}`, i));
      for (const [at, [header, text]] of bad) {
        const row = rows[at % n];
        if (row !== undefined) (row as Record<string, string>)[header] = text;
      }
      const r = importSheet(spec, sheetOf(rows));
      expect(r.isErr()).toBe(true);
      expect(r.isOk() ? r.value : []).toEqual([]);
    },
  );
});

describe("importJson", () => {
  it("uses the schema and the same all-or-nothing rule", () => {
    const item: Item = { code: "A001", name: "甲", kind: "licence", max: 0, from: "2020-01-01", active: false };
    expect(importJson(spec, [item])._unsafeUnwrap()).toEqual([item]);
    const r = importJson(spec, [item, { ...item, code: "A002", from: "2020-13-01" }]);
    expect(r.isErr() && r.error.code).toBe("IMPORT_INVALID");
    expect(importJson(spec, { not: "an array" }).isErr()).toBe(true);
  });
});
