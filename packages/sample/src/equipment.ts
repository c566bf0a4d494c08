import type { EquipmentInput } from "@sanxiang/core/recording";

// 示例执法装备台账 — invented devices of the two sample district bureaus. Five officers of
// the justice bureau and six of the market bureau (its head included) are 在岗 on 2026-01-05
// (one 离岗 / 暂扣 in each), so the plan's defaults (1.5 recorders per officer, 2 scanners per
// unit) require 8 and 9 recorders and 2 scanners each. The justice bureau meets both; the
// market-regulation bureau has 7 recorders in use (one more in repair, one idle) and is 2
// recorders short — the sample's one shortfall.

const JUSTICE = "spt-sfj";
const MARKET = "spt-scjgj";

function recorders(
  bodyId: string,
  prefix: string,
  officers: readonly string[],
  from: number,
  count: number,
): EquipmentInput[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(from + i).padStart(3, "0");
    const officerId = officers[i];
    return {
      id: `${prefix}-JLY-${n}`,
      kind: "bodyCamera",
      model: "DSJ-示例A8",
      serial: `A8${prefix.toUpperCase()}${n}`,
      bodyId,
      ...(officerId === undefined ? {} : { officerId }),
      status: "inUse",
      acquiredOn: "2023-06-15",
    };
  });
}

/**
 * 示例执法装备 (all invented) — for 中卫市沙坡头区司法局 (spt-sfj) and 中卫市沙坡头区市场监督管理局
 * (spt-scjgj). On 2026-01-05 the justice bureau meets the plan's ratios; the market bureau
 * is short of 2 body-worn recorders.
 */
export const SAMPLE_EQUIPMENT: readonly EquipmentInput[] = [
  ...recorders(JUSTICE, "sfj", ["spt-sfj-01", "spt-sfj-02", "spt-sfj-03", "spt-sfj-04", "spt-sfj-06"], 1, 8),
  {
    id: "sfj-JLY-009",
    kind: "bodyCamera",
    model: "DSJ-示例A5",
    serial: "A5SFJ009",
    bodyId: JUSTICE,
    status: "scrapped",
    acquiredOn: "2017-09-01",
    note: "电池老化，2024年报废",
  },
  ...["001", "002"].map(
    (n): EquipmentInput => ({
      id: `sfj-SMY-${n}`,
      kind: "scanner",
      model: "示例高拍仪S2",
      serial: `S2SFJ${n}`,
      bodyId: JUSTICE,
      unit: "综合业务室",
      status: "inUse",
      acquiredOn: "2022-03-10",
    }),
  ),
  {
    id: "sfj-ZD-001",
    kind: "mobileTerminal",
    model: "示例执法终端T1",
    serial: "T1SFJ001",
    bodyId: JUSTICE,
    officerId: "spt-sfj-01",
    status: "inUse",
    acquiredOn: "2024-04-20",
  },

  ...recorders(MARKET, "scj", ["spt-scj-01", "spt-scj-02", "spt-scj-03", "spt-scj-04", "spt-scj-06"], 1, 6),
  // The head's own recorder (局长 spt-scj-head is 在岗 and counts towards the ratio).
  {
    id: "scj-JLY-010",
    kind: "bodyCamera",
    model: "DSJ-示例A8",
    serial: "A8SCJ010",
    bodyId: MARKET,
    officerId: "spt-scj-head",
    status: "inUse",
    acquiredOn: "2023-06-15",
  },
  {
    id: "scj-JLY-007",
    kind: "bodyCamera",
    model: "DSJ-示例A8",
    serial: "A8SCJ007",
    bodyId: MARKET,
    status: "repair",
    acquiredOn: "2023-06-15",
    note: "送厂维修",
  },
  {
    id: "scj-JLY-008",
    kind: "bodyCamera",
    model: "DSJ-示例A5",
    serial: "A5SCJ008",
    bodyId: MARKET,
    unit: "信用监管股",
    status: "idle",
    acquiredOn: "2019-05-08",
  },
  ...["001", "002"].map(
    (n): EquipmentInput => ({
      id: `scj-SMY-${n}`,
      kind: "scanner",
      model: "示例扫描仪F3",
      serial: `F3SCJ${n}`,
      bodyId: MARKET,
      unit: "价格监督检查股",
      status: "inUse",
      acquiredOn: "2021-11-30",
    }),
  ),
];
