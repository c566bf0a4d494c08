import {
  checkEquipment,
  createBodiesRegistry,
  EQUIPMENT_TABLE,
  EquipmentSchema,
  equipmentStaffing,
  exportSheet,
  importSheet,
  procurementList,
} from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { SAMPLE_BODIES_DATA } from "./bodies.js";
import { SAMPLE_EQUIPMENT } from "./equipment.js";

const ASOF = "2026-01-05";
const registry = createBodiesRegistry(SAMPLE_BODIES_DATA)._unsafeUnwrap();
const staffing = ["spt-sfj", "spt-scjgj"].map((bodyId) => ({
  ...(equipmentStaffing(registry.officersOf(bodyId, ASOF), ASOF)[0] ?? { bodyId, officers: 0 }),
  bodyName: registry.body(bodyId, ASOF)._unsafeUnwrap().name,
}));

describe("sample equipment (示例执法装备台账)", () => {
  it("has one shortfall: the market bureau lacks 2 recorders (沙坡头区司法局三项制度试点工作方案 二（二）（3）)", () => {
    expect(staffing.map((s) => s.officers)).toEqual([5, 6]);
    const report = checkEquipment({ asOf: ASOF, staffing, devices: [...SAMPLE_EQUIPMENT] })._unsafeUnwrap();
    expect(report.bodies.map((b) => b.pass)).toEqual([true, false]);
    const list = procurementList(report, { preparedBy: "中卫市沙坡头区司法局", preparedOn: "2026-01-06" });
    expect(list.items).toEqual([
      expect.objectContaining({
        bodyId: "spt-scjgj",
        bodyName: "中卫市沙坡头区市场监督管理局",
        kind: "bodyCamera",
        quantity: 2,
      }),
    ]);
  });

  it("round-trips through the inventory sheet", () => {
    const devices = SAMPLE_EQUIPMENT.map((d) => EquipmentSchema.parse(d));
    expect(importSheet(EQUIPMENT_TABLE, exportSheet(EQUIPMENT_TABLE, devices))._unsafeUnwrap()).toEqual(devices);
  });
});
