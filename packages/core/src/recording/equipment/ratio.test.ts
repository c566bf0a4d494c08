import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { EquipmentRatioSchema, formatEquipmentRatio, parseEquipmentRatio, requiredDevices } from "./ratio.js";
import { equipmentReading, resolveEquipmentRules } from "./rules.js";

const side = fc.integer({ min: 1, max: 1_000_000 }).map((h) => h / 100);
const ratio = fc.record({ base: side, devices: side });

describe("equipment ratio (配备比例)", () => {
  it("reads the plan's 1:1.5 literally: 1.5 recorders per officer (沙坡头区司法局三项制度试点工作方案 二（二）（3）)", () => {
    const r = parseEquipmentRatio("1:1.5")._unsafeUnwrap();
    expect(r).toEqual({ base: 1, devices: 1.5 });
    expect(requiredDevices(6, r)).toBe(9);
    expect(requiredDevices(5, r)).toBe(8); // 7.5 rounds up
    expect(equipmentReading({ kind: "bodyCamera", basis: "officer", ratio: r })).toBe(
      "执法人员与执法记录仪配备比例为1:1.5，即每名执法人员配备1.5台执法记录仪（应配备数向上取整）",
    );
  });

  it("reads other local ratios: 1 recorder per 2, 3 or 5 officers (沙坡头区司法局三项制度试点工作方案 二（二）（3）, configurable)", () => {
    for (const [text, officers, required] of [
      ["2:1", 7, 4],
      ["3：1", 7, 3],
      ["5比1", 10, 2],
    ] as const) {
      expect(requiredDevices(officers, parseEquipmentRatio(text)._unsafeUnwrap())).toBe(required);
    }
    expect(equipmentReading({ kind: "bodyCamera", basis: "officer", ratio: { base: 3, devices: 1 } })).toBe(
      "执法人员与执法记录仪配备比例为3:1，即每3名执法人员配备1台执法记录仪（应配备数向上取整）",
    );
  });

  it("refuses ratios that are not two positive numbers with at most two decimals", () => {
    for (const bad of ["", "1.5", "0:1", "1:0", "1:1.555", "a:b", "1:1:1", "-1:2"]) {
      expect(parseEquipmentRatio(bad)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    }
  });

  it("a bureau's ratio replaces the default and the reading says so", () => {
    const rules = resolveEquipmentRules({ ratios: { bodyCamera: "3:1" } })._unsafeUnwrap();
    const camera = rules.find((r) => r.id === "bodyCamera");
    expect(camera).toMatchObject({ ratio: { base: 3, devices: 1 }, overridden: true });
    expect(camera?.reading).toContain("每3名执法人员配备1台");
    expect(resolveEquipmentRules({ ratios: { nope: "1:1" } })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(resolveEquipmentRules({ ratios: { scanner: "1:0" } })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  test.prop([ratio])("ratio reading round-trips: parse(format(r)) = r", (r) => {
    expect(EquipmentRatioSchema.safeParse(r).success).toBe(true);
    expect(parseEquipmentRatio(formatEquipmentRatio(r))._unsafeUnwrap()).toEqual(r);
  });

  test.prop([ratio, fc.integer({ min: 0, max: 100_000 })])(
    "required devices are the exact ceiling of count × devices ÷ base",
    (r, count) => {
      const need = requiredDevices(count, r);
      const [b, d] = [Math.round(r.base * 100), Math.round(r.devices * 100)];
      expect(need * b).toBeGreaterThanOrEqual(count * d);
      expect((need - 1) * b).toBeLessThan(count * d || 1);
    },
  );
});
