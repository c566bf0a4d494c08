import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../../registry/csv.js";
import { exportSheet, headersOf, importSheet } from "../../registry/table.js";
import { EQUIPMENT_TABLE, type Equipment } from "./schema.js";

const DEVICES: Equipment[] = [
  {
    id: "JL-001",
    kind: "bodyCamera",
    model: "DSJ-X1",
    serial: "SN0001",
    bodyId: "spt-sfj",
    unit: "综合业务室",
    officerId: "spt-sfj-01",
    status: "inUse",
    acquiredOn: "2024-03-01",
  },
  {
    id: "SM-001",
    kind: "scanner",
    model: "S-200",
    serial: 'SN, "quoted"',
    bodyId: "spt-sfj",
    status: "repair",
    acquiredOn: "2022-05-10",
    note: "送修",
  },
];

describe("equipment inventory sheet (执法装备台账)", () => {
  it("round-trips through CSV with Chinese headers and labels", () => {
    const csv = toCsv(exportSheet(EQUIPMENT_TABLE, DEVICES), headersOf(EQUIPMENT_TABLE));
    expect(csv).toContain("装备编号,装备类别,型号,序列号,所属执法主体编号,使用科室,配发人员编号,状态,购置日期,备注");
    expect(csv).toContain("执法记录仪");
    expect(csv).toContain("维修");
    const sheet = parseCsv(csv, "执法装备台账")._unsafeUnwrap();
    expect(importSheet(EQUIPMENT_TABLE, sheet)._unsafeUnwrap()).toEqual(DEVICES);
  });

  it("refuses a whole import on an unknown status or a duplicate id, naming the row", () => {
    const sheet = exportSheet(EQUIPMENT_TABLE, DEVICES);
    const bad = {
      ...sheet,
      rows: [
        ...sheet.rows,
        { rowNumber: 4, cells: { ...(sheet.rows[0]?.cells ?? {}), 状态: "丢失" } },
        { rowNumber: 5, cells: { ...(sheet.rows[0]?.cells ?? {}) } },
      ],
    };
    const e = importSheet(EQUIPMENT_TABLE, bad)._unsafeUnwrapErr();
    expect(e.code).toBe("IMPORT_INVALID");
    const issues = e.details?.issues as { row: number; column?: string; message: string }[];
    expect(issues).toEqual([
      expect.objectContaining({ row: 4, column: "状态" }),
      expect.objectContaining({ row: 5, message: expect.stringContaining("重复") }),
    ]);
  });
});
