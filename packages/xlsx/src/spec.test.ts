import { fc, test } from "@fast-check/vitest";
import {
  ActorSchema,
  CivilDateSchema,
  column,
  dateCell,
  FenSchema,
  IdSchema,
  intCell,
  type TableSpec,
  textCell,
  yuanCell,
} from "@sanxiang/core";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { exportXlsx, importXlsx } from "./index.js";

// A small table built from core's exported schemas (this package takes no direct zod
// dependency): a penalty register row with an id, a party, a date, an amount and a count.
const PenaltySchema = ActorSchema.unwrap()
  .pick({ name: true })
  .extend({ id: IdSchema, decidedOn: CivilDateSchema, fine: FenSchema, count: FenSchema });
type Penalty = (typeof PenaltySchema)["_output"];

const spec: TableSpec<Penalty> = {
  kind: "penalties",
  sheet: "处罚台账",
  columns: [
    column("id", "编号", textCell),
    column("name", "当事人", textCell),
    column("decidedOn", "决定日期", dateCell),
    column("fine", "罚款金额（元）", yuanCell),
    column("count", "违法次数", intCell(1, 99)),
  ],
  schema: PenaltySchema,
  key: (p) => p.id,
};

async function workbook(rows: unknown[][], name = "处罚台账", extra?: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  extra?.(wb);
  const ws = wb.addWorksheet(name);
  for (const r of rows) ws.addRow(r);
  return new Uint8Array((await wb.xlsx.writeBuffer()) as unknown as Uint8Array);
}

const HEADERS = ["编号", "当事人", "决定日期", "罚款金额（元）", "违法次数"];

describe("importXlsx", () => {
  it("reads a sheet typed by a person in Excel: numbers, date cells, amounts with float noise", async () => {
    const bytes = await workbook([
      HEADERS,
      ["CF-2024-001", "示例律师事务所", new Date(Date.UTC(2024, 4, 20)), 0.1 * 120000, 1],
    ]);
    expect((await importXlsx(spec, bytes))._unsafeUnwrap()).toEqual([
      { id: "CF-2024-001", name: "示例律师事务所", decidedOn: "2024-05-20", fine: 1_200_000, count: 1 },
    ]);
  });

  it("is all-or-nothing: one bad cell and no record is imported, with sheet, row, column and message", async () => {
    const bytes = await workbook([
      HEADERS,
      ["CF-1", "甲公司", "2024-05-20", "5000", "1"],
      ["CF-2", "乙公司", "2024-02-30", "5000", "1"], // no 30 February
      ["CF-3", "丙公司", "2024-05-21", "五千", "1"],
      ["CF-1", "丁公司", "2024-05-22", "100", "2"], // duplicate key
    ]);
    const r = await importXlsx(spec, bytes);
    expect(r.isErr()).toBe(true);
    const error = r._unsafeUnwrapErr();
    expect(error.code).toBe("IMPORT_INVALID");
    expect(error.message).toContain("未导入任何数据");
    expect(error.details?.issues).toEqual([
      { sheet: "处罚台账", row: 3, column: "决定日期", message: expect.stringContaining("不是有效日期") },
      { sheet: "处罚台账", row: 4, column: "罚款金额（元）", message: expect.any(String) },
      { sheet: "处罚台账", row: 5, message: "与第 2 行重复（CF-1）" },
    ]);
  });

  it("a cell that cannot be read faithfully (an ID stored as a number) also blocks the whole import", async () => {
    const bytes = await workbook([
      HEADERS,
      ["CF-1", "甲", "2024-05-20", "1", "1"],
      [Number("110105194912310021"), "乙", "2024-05-20", "1", "1"],
    ]);
    const error = (await importXlsx(spec, bytes))._unsafeUnwrapErr();
    expect(error.code).toBe("IMPORT_INVALID");
    expect(error.details?.issues).toEqual([
      { sheet: "处罚台账", row: 3, column: "编号", message: expect.stringContaining("文本") },
    ]);
  });

  it("finds the sheet by spec.sheet, else the first; an explicit name must exist", async () => {
    const other = (wb: ExcelJS.Workbook) => {
      const ws = wb.addWorksheet("填表说明");
      ws.addRow(["请勿修改表头"]);
      ws.addRow([{ error: "#REF!" }]); // never read: not the sheet imported
    };
    const row = ["CF-1", "甲", "2024-05-20", "1", "1"];
    const named = await workbook([HEADERS, row], "处罚台账", other);
    expect((await importXlsx(spec, named))._unsafeUnwrap()).toHaveLength(1);

    const firstOnly = await workbook([HEADERS, row], "Sheet1");
    expect((await importXlsx(spec, firstOnly))._unsafeUnwrap()).toHaveLength(1);
    expect((await importXlsx(spec, firstOnly, "Sheet1"))._unsafeUnwrap()).toHaveLength(1);
    const missing = (await importXlsx(spec, firstOnly, "台账"))._unsafeUnwrapErr();
    expect(missing.code).toBe("TABLE_UNREADABLE");

    const titled = await workbook([["2024 年处罚台账"], HEADERS, row]);
    expect((await importXlsx(spec, titled, undefined, { headerRow: 2 }))._unsafeUnwrap()).toHaveLength(1);
  });

  it("garbage bytes are TABLE_UNREADABLE", async () => {
    expect((await importXlsx(spec, new TextEncoder().encode("not a workbook")))._unsafeUnwrapErr().code).toBe(
      "TABLE_UNREADABLE",
    );
  });
});

const penalty = fc.record({
  id: fc.stringMatching(/^[A-Z]{2}-\d{1,6}$/),
  name: fc.string({ unit: fc.constantFrom(..."示例律师事务所甲乙丙公司中卫市"), minLength: 1, maxLength: 10 }),
  decidedOn: fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2030, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  fine: fc.nat({ max: 10_000_000_000 }),
  count: fc.integer({ min: 1, max: 99 }),
});

describe("exportXlsx", () => {
  test.prop([fc.uniqueArray(penalty, { maxLength: 12, selector: (p) => p.id })], { numRuns: 30 })(
    "importXlsx(exportXlsx(records)) gives the same records",
    async (records) => {
      const bytes = await exportXlsx(spec, records);
      expect((await importXlsx(spec, bytes))._unsafeUnwrap()).toEqual(records);
    },
  );

  it("names the sheet spec.sheet and writes the spec's headers in order", async () => {
    const bytes = await exportXlsx(spec, []);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const values = wb.getWorksheet("处罚台账")?.getRow(1).values;
    expect(Array.isArray(values) ? values.slice(1) : values).toEqual(HEADERS);
  });
});
