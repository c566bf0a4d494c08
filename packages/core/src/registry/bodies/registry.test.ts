import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { RuleSource } from "../../kernel/source.js";
import { parseCsv, toCsv } from "../csv.js";
import { exportSheet, headersOf, importJson, importSheet } from "../table.js";
import { percentCell, sourceCell } from "./cells.js";
import { type BodiesDataInput, createBodiesRegistry } from "./registry.js";
import { BODY_TABLE, ISSUER_TABLE, OFFICER_TABLE, TRAINING_TABLE } from "./tables.js";

const data: BodiesDataInput = {
  issuers: [{ id: "nx", name: "宁夏回族自治区人民政府", pattern: "64\\d{10}" }],
  bodies: [
    {
      id: "zw",
      name: "中卫市司法局",
      kind: "agency",
      authority: [{ law: "律师法", article: 47 }],
      regionCode: "640500",
      categories: ["律师管理"],
      effectiveFrom: "2019-01-01",
    },
    {
      id: "spt",
      name: "中卫市沙坡头区司法局",
      kind: "agency",
      authority: [{ law: "律师法", article: 52, paragraph: 1 }],
      regionCode: "640502",
      parentId: "zw",
      categories: ["律师管理", "法律援助"],
      effectiveFrom: "2019-01-01",
    },
  ],
  officers: [
    {
      id: "a",
      name: "甲",
      bodyId: "spt",
      certificateNumber: "640502190001",
      issuerId: "nx",
      categories: ["律师管理"],
      regions: ["640502"],
      validFrom: "2019-01-01",
      validUntil: "2028-12-31",
      status: "active",
      effectiveFrom: "2019-01-01",
      effectiveUntil: "2025-03-01",
    },
    {
      id: "a",
      name: "甲",
      bodyId: "spt",
      certificateNumber: "640502190001",
      issuerId: "nx",
      categories: ["律师管理"],
      regions: ["640502"],
      validFrom: "2019-01-01",
      validUntil: "2028-12-31",
      status: "suspended",
      effectiveFrom: "2025-03-01",
    },
    {
      id: "b",
      name: "乙",
      bodyId: "spt",
      certificateNumber: "640502190002",
      issuerId: "nx",
      categories: ["律师管理"],
      regions: ["640502"],
      validFrom: "2019-01-01",
      validUntil: "2028-12-31",
      status: "active",
      reviewer: true,
      reviewerSince: "2020-01-01",
      effectiveFrom: "2019-01-01",
    },
  ],
  training: [{ officerId: "b", date: "2025-04-01", course: "行政处罚法", hours: 8 }],
};

const registry = createBodiesRegistry(data)._unsafeUnwrap();
const action = { category: "律师管理", regionCode: "640502", kind: "penalty" } as const;

describe("createBodiesRegistry", () => {
  it("looks up bodies and officers as of a date (行政处罚法第三十七条: the record in force at the date)", () => {
    expect(registry.body("spt", "2025-01-01")._unsafeUnwrap().name).toBe("中卫市沙坡头区司法局");
    expect(registry.body("spt", "2018-12-31")._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
    expect(registry.officer("a", "2025-02-28")._unsafeUnwrap().status).toBe("active");
    expect(registry.officer("a", "2025-03-01")._unsafeUnwrap().status).toBe("suspended");
    expect(registry.officerByCertificate(" 640502190002 ", "2025-01-01")._unsafeUnwrap().id).toBe("b");
    expect(registry.officerByCertificate("640502199999", "2025-01-01").isErr()).toBe(true);
    expect(registry.officersOf("spt", "2025-01-01").map((o) => o.id)).toEqual(["a", "b"]);
    expect(registry.bodies("2025-01-01")).toHaveLength(2);
    expect(registry.issuer("nx").isOk()).toBe(true);
    expect(registry.trainingOf("b", 2025)).toHaveLength(1);
    expect(registry.trainingOf("b", 2024)).toHaveLength(0);
  });

  it("mayAct follows the officer's status version (行政处罚法第四十二条第一款)", () => {
    expect(registry.mayAct("a", action, "2025-02-28").isOk()).toBe(true);
    expect(registry.mayAct("a", action, "2025-03-01")._unsafeUnwrapErr().details?.reason).toBe("statusNotActive");
    expect(registry.mayAct("zz", action, "2025-03-01")._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });

  it("checkTwoOfficers reports unknown and disqualified officers (行政处罚法第四十二条第一款)", () => {
    expect(registry.checkTwoOfficers(["a", "b"], action, "2025-02-01").isOk()).toBe(true);
    const r = registry.checkTwoOfficers(["a", "b", "zz"], action, "2025-04-01")._unsafeUnwrapErr();
    expect(r.code).toBe("OFFICERS_INSUFFICIENT");
    expect(((r.details?.failures ?? []) as { officerId: string }[]).map((f) => f.officerId).sort()).toEqual([
      "a",
      "zz",
    ]);
  });

  it("reports reviewer staffing and training of a body", () => {
    expect(registry.reviewerStaffing("spt", "2025-01-01")._unsafeUnwrap()).toMatchObject({
      officers: 2,
      reviewers: 1,
      pass: true,
    });
    expect(registry.trainingReport("spt", 2025)._unsafeUnwrap().short).toEqual(["a", "b"]);
  });

  it.each([
    [
      "overlapping versions",
      { officers: [data.officers[0], { ...data.officers[1], effectiveFrom: "2025-02-01" }] },
      "REGISTRY_CONFLICT",
    ],
    ["an unknown body", { officers: [{ ...data.officers[2], bodyId: "x" }] }, "REGISTRY_NOT_FOUND"],
    ["an unknown issuer", { officers: [{ ...data.officers[2], issuerId: "x" }] }, "REGISTRY_NOT_FOUND"],
    [
      "a number not matching the issuer's pattern (no national format: the issuer's own)",
      { officers: [{ ...data.officers[2], certificateNumber: "NX-1" }] },
      "ID_INVALID",
    ],
    [
      "one certificate on two officers",
      { officers: [data.officers[2], { ...data.officers[2], id: "c" }] },
      "REGISTRY_CONFLICT",
    ],
    [
      "training of an unknown officer",
      { training: [{ officerId: "x", date: "2025-01-01", course: "c", hours: 1 }] },
      "REGISTRY_NOT_FOUND",
    ],
    ["an unknown parent body", { bodies: [{ ...data.bodies[1], parentId: "x" }] }, "REGISTRY_NOT_FOUND"],
    [
      "an entrusted body without its entrusting agency (行政处罚法第二十条)",
      { bodies: [{ ...data.bodies[0], kind: "entrusted" }] },
      "INVALID_INPUT",
    ],
  ])("refuses %s", (_, patch, code) => {
    const r = createBodiesRegistry({ ...data, ...patch } as BodiesDataInput);
    expect(r._unsafeUnwrapErr().code).toBe(code);
  });
});

describe("tables", () => {
  it("round-trip bodies, officers, issuers and training through CSV", () => {
    const d = registry.data;
    for (const [spec, records] of [
      [BODY_TABLE, d.bodies],
      [OFFICER_TABLE, d.officers],
      [ISSUER_TABLE, d.issuers],
      [TRAINING_TABLE, d.training],
    ] as const) {
      const csv = toCsv(exportSheet<unknown>(spec as never, records), headersOf(spec as never));
      const back = parseCsv(csv, spec.sheet).andThen((sheet) => importSheet<unknown>(spec as never, sheet));
      expect(back._unsafeUnwrap()).toEqual(records);
      expect(importJson<unknown>(spec as never, JSON.parse(JSON.stringify(records)))._unsafeUnwrap()).toEqual(records);
    }
  });

  it("imports nothing when one row is wrong, naming sheet, row and column", () => {
    const sheet = exportSheet(OFFICER_TABLE, registry.data.officers);
    const rows = sheet.rows.map((r, i) =>
      i === 1 ? { ...r, cells: { ...r.cells, 状态: "休假", 证件有效期至: "2025-02-30" } } : r,
    );
    const e = importSheet(OFFICER_TABLE, { ...sheet, rows })._unsafeUnwrapErr();
    expect(e.code).toBe("IMPORT_INVALID");
    expect(e.details?.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ sheet: "执法人员", row: 3, column: "状态" }),
        expect.objectContaining({ row: 3, column: "证件有效期至" }),
      ]),
    );
  });
});

describe("cells", () => {
  it("reads citations as people write them", () => {
    expect(sourceCell.parse("《律师法》第五十二条第一款")._unsafeUnwrap()).toEqual({
      law: "律师法",
      article: 52,
      paragraph: 1,
    });
    expect(sourceCell.parse("行政处罚法第64条第（一）项")._unsafeUnwrap()).toEqual({
      law: "行政处罚法",
      article: 64,
      item: 1,
    });
    expect(sourceCell.parse("《国办发〔2018〕118号》 四（三） [M]")._unsafeUnwrap()).toEqual({
      law: "国办发〔2018〕118号",
      section: "四（三）",
      confidence: "M",
    });
    expect(sourceCell.parse("第五条").isErr()).toBe(true);
    expect(sourceCell.parse("《律师法》第五五条").isErr()).toBe(true);
    expect(sourceCell.parse("《律师法》第五条 [X]").isErr()).toBe(true);
  });

  const source = fc.record(
    {
      law: fc.constantFrom("行政处罚法", "律师法", "价格违法行为行政处罚规定", "国办发〔2018〕118号"),
      article: fc.integer({ min: 1, max: 9999 }),
      paragraph: fc.integer({ min: 1, max: 20 }),
      item: fc.integer({ min: 1, max: 20 }),
      section: fc.constantFrom("四（三）", "附件1"),
      confidence: fc.constantFrom("C-law", "C", "C-local", "M", "VAR") as fc.Arbitrary<
        RuleSource["confidence"] & string
      >,
      url: fc.constantFrom("https://example.gov.cn/a.html"),
    },
    { requiredKeys: ["law"] },
  );
  test.prop([source])("sourceCell round-trips", (s) => {
    expect(sourceCell.parse(sourceCell.format(s))._unsafeUnwrap()).toEqual(s);
  });
  test.prop([fc.integer({ min: 0, max: 10_000 })])("percentCell round-trips basis points", (bp) => {
    expect(percentCell.parse(percentCell.format(bp))._unsafeUnwrap()).toBe(bp);
  });
});
