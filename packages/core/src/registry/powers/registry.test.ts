import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { sanxiangError } from "../../kernel/errors.js";
import { err, ok } from "../../kernel/result.js";
import { parseCsv, toCsv } from "../csv.js";
import { exportSheet, headersOf, importSheet, type TableSpec } from "../table.js";
import { POWER_KIND_LABELS, PowerKindSchema } from "./kinds.js";
import { createPowersRegistry, type PowersDataInput } from "./registry.js";
import type { PowerItem } from "./schema.js";
import { INSPECTION_ITEM_TABLE, POWER_ITEM_TABLE, SERVICE_GUIDE_TABLE } from "./tables.js";

const item: PowerItem = {
  code: "SF-CF-001",
  name: "对没有取得律师执业证书的人员以律师名义从事法律服务业务的处罚",
  kind: "penalty",
  basis: [{ law: "律师法", article: 55 }],
  bodyId: "spt",
  unit: "综合业务室",
  procedure: "penalty.ordinary",
  supervision: "向上一级司法行政部门投诉举报",
  accountability: ["不履行或者不正确履行法定职责的", "滥用职权、玩忽职守的"],
  effectiveFrom: "2019-01-01",
};

const data: PowersDataInput = {
  items: [
    { ...item, effectiveUntil: "2024-01-01" },
    { ...item, name: `${item.name}（调整）`, effectiveFrom: "2024-01-01" },
    {
      ...item,
      code: "SF-JC-001",
      kind: "inspection",
      name: "律师事务所执业活动检查",
      basis: [{ law: "律师法", article: 52 }],
    },
  ],
  guides: [
    {
      itemCode: "SF-CF-001",
      name: "示例服务指南",
      basis: [{ law: "律师法", article: 55 }],
      acceptingBody: "综合业务室",
      approvingBody: "中卫市沙坡头区司法局",
      conditions: ["条件一"],
      materials: ["材料一", "材料二"],
      process: ["受理", "审查", "决定"],
      timeLimit: "自立案之日起九十日内",
      supervision: "投诉举报",
      accountability: "依法追究责任",
      officeHours: "工作日 9:00—17:00",
      address: "示例地址",
      phone: "0955-0000000",
      effectiveFrom: "2019-01-01",
    },
  ],
  inspections: [
    {
      code: "SF-SJ-001",
      name: "律师事务所执业活动检查",
      bodyId: "spt",
      targets: "辖区内律师事务所",
      basis: [{ law: "律师法", article: 52, paragraph: 1 }],
      methods: ["现场检查", "书面检查"],
      ratioBasisPoints: 2000,
      timesPerYear: 1,
      effectiveFrom: "2020-01-01",
    },
  ],
};

const registry = createPowersRegistry(data)._unsafeUnwrap();

describe("createPowersRegistry", () => {
  it("answers as of a date: the item version in force (清单动态调整; 行政处罚法第三十七条)", () => {
    expect(registry.item("SF-CF-001", "2023-12-31")._unsafeUnwrap().name).toBe(item.name);
    expect(registry.item("SF-CF-001", "2024-01-01")._unsafeUnwrap().name).toContain("调整");
    expect(registry.item("SF-CF-001", "2018-01-01")._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });

  it("queries by kind and body", () => {
    expect(registry.items("2025-01-01").map((i) => i.code)).toEqual(["SF-CF-001", "SF-JC-001"]);
    expect(registry.items("2025-01-01", { kind: "inspection" }).map((i) => i.code)).toEqual(["SF-JC-001"]);
    expect(registry.items("2025-01-01", { bodyId: "other" })).toEqual([]);
    expect(registry.guide("SF-CF-001", "2025-01-01")._unsafeUnwrap().preferentialPolicies).toEqual([]);
    expect(registry.inspections("2025-01-01", "spt")).toHaveLength(1);
    expect(registry.inspection("SF-SJ-001", "2019-01-01").isErr()).toBe(true);
  });

  it("refuses overlapping versions, guides of unlisted items and empty basis", () => {
    const overlap = { ...data, items: [item, { ...item, effectiveFrom: "2020-01-01" }] };
    expect(createPowersRegistry(overlap)._unsafeUnwrapErr().code).toBe("REGISTRY_CONFLICT");
    const orphan = { ...data, guides: [{ ...(data.guides?.[0] as object), itemCode: "X" }] } as PowersDataInput;
    expect(createPowersRegistry(orphan)._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
    expect(createPowersRegistry({ items: [{ ...item, basis: [] }] })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("checks bodies in force when each version takes effect", () => {
    const body = (id: string, date: string) =>
      id === "spt" && date >= "2019-06-01" ? ok(true) : err(sanxiangError("REGISTRY_NOT_FOUND", "无"));
    expect(createPowersRegistry(data, { body })._unsafeUnwrapErr().details).toMatchObject({ code: "SF-CF-001" });
  });

  it("labels every kind in Chinese", () => {
    expect(PowerKindSchema.options.map((k) => POWER_KIND_LABELS[k]).join("/")).toBe(
      "许可/处罚/强制/征收/给付/检查/确认/奖励/裁决/其他",
    );
  });
});

function roundTrip<T>(spec: TableSpec<T>, records: readonly T[]): T[] {
  const csv = toCsv(exportSheet(spec, records), headersOf(spec as TableSpec<unknown>));
  return parseCsv(csv, spec.sheet)
    .andThen((sheet) => importSheet(spec, sheet))
    ._unsafeUnwrap();
}

describe("tables", () => {
  it("round-trip items, guides and inspection items through CSV", () => {
    expect(roundTrip(POWER_ITEM_TABLE, registry.data.items)).toEqual(registry.data.items);
    expect(roundTrip(SERVICE_GUIDE_TABLE, registry.data.guides)).toEqual(registry.data.guides);
    expect(roundTrip(INSPECTION_ITEM_TABLE, registry.data.inspections)).toEqual(registry.data.inspections);
  });

  it("writes the kind and proportion as officers read them", () => {
    const row = exportSheet(INSPECTION_ITEM_TABLE, registry.data.inspections).rows[0];
    expect(row?.cells.抽查比例).toBe("20%");
    expect(exportSheet(POWER_ITEM_TABLE, registry.data.items).rows[0]?.cells.职权类别).toBe("处罚");
    expect(exportSheet(POWER_ITEM_TABLE, registry.data.items).rows[0]?.cells.实施依据).toBe("《律师法》第五十五条");
  });

  test.prop([fc.array(fc.boolean(), { minLength: 1, maxLength: 6 })])(
    "an import with any bad row imports nothing",
    (bad) => {
      const base = exportSheet(POWER_ITEM_TABLE, registry.data.items);
      const rows = bad.map((b, i) => ({
        rowNumber: i + 2,
        cells: {
          ...(base.rows[0]?.cells ?? {}),
          事项编码: `C-${i}`,
          ...(b ? { 职权类别: "没收" } : {}),
        },
      }));
      const r = importSheet(POWER_ITEM_TABLE, { name: "权责清单", rows });
      expect(r.isOk()).toBe(!bad.includes(true));
      if (r.isErr())
        expect((r.error.details?.issues as unknown[] | undefined)?.length).toBe(bad.filter(Boolean).length);
      else expect(r.value).toHaveLength(bad.length);
    },
  );
});
