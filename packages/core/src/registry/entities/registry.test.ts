import { describe, expect, it } from "vitest";
import { residentIdCheckChar, usccCheckChar } from "./checksums.js";
import { createEntitiesRegistry, type EntitiesInput } from "./registry.js";
import { isFirstViolation, type ViolationRecord } from "./violations.js";

const uscc = (body: string) => `${body}${usccCheckChar(body)}`;
const rid = (body: string) => `${body}${residentIdCheckChar(body)}`;

const SHOP = uscc("91640502MA76A0001");
const FIRM = uscc("31640500MA76B0002");
const ZHANG = rid("64050219850312001");

const org = (over: Record<string, unknown> = {}) => ({
  uscc: SHOP,
  name: "中卫市沙坡头区示例商贸有限公司",
  legalRepresentative: "示例甲",
  address: "宁夏回族自治区中卫市沙坡头区示例路 1 号",
  regionCode: "640502",
  effectiveFrom: "2019-03-01",
  ...over,
});
const violation = (over: Partial<ViolationRecord> = {}): ViolationRecord => ({
  partyKind: "organisation",
  partyId: SHOP,
  caseId: "沙市监处〔2025〕1号",
  actDate: "2025-03-10",
  violationCode: "PRICE-13-1",
  outcome: "penalty",
  ...over,
});

const input: EntitiesInput = {
  organisations: [
    org({ effectiveUntil: "2024-01-01" }),
    org({ name: "中卫市沙坡头区示例商贸（集团）有限公司", effectiveFrom: "2024-01-01" }),
    {
      uscc: FIRM,
      name: "宁夏示例律师事务所",
      legalRepresentative: "示例乙",
      address: "中卫市沙坡头区示例街 2 号",
      regionCode: "640502",
      effectiveFrom: "2015-06-01",
      effectiveUntil: "2025-06-01",
      status: "deregistered",
    },
  ],
  persons: [{ idNumber: ZHANG.toLowerCase(), name: "示例丙", address: "中卫市沙坡头区示例巷 3 号" }],
  violations: [
    violation(),
    violation({ caseId: "沙市监处〔2023〕9号", actDate: "2023-11-20", outcome: "firstViolationExempt" }),
    violation({ caseId: "沙市监处〔2025〕7号", actDate: "2025-05-02", violationCode: "PRICE-14" }),
    violation({ partyKind: "person", partyId: ZHANG, caseId: "沙司罚〔2025〕2号", violationCode: "LAWYER-55" }),
  ],
};
const registry = createEntitiesRegistry(input)._unsafeUnwrap();

describe("createEntitiesRegistry — lookups as of a date (行政处罚法 Art. 37)", () => {
  it("returns the registration version in force on the date", () => {
    expect(registry.organisation(SHOP, "2023-12-31")._unsafeUnwrap().name).toBe("中卫市沙坡头区示例商贸有限公司");
    expect(registry.organisation(SHOP, "2024-01-01")._unsafeUnwrap().name).toContain("（集团）");
    expect(registry.organisationHistory(SHOP)).toHaveLength(2);
    expect(registry.organisation(SHOP.toLowerCase(), "2026-01-01").isOk()).toBe(true);
  });

  it("says when an organisation is unknown or not in force", () => {
    expect(registry.organisation(SHOP, "2019-02-28")._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
    expect(registry.organisation(FIRM, "2025-06-01")._unsafeUnwrapErr().message).toContain("已注销");
    expect(registry.organisation(uscc("91640502MA76A0009"), "2025-01-01")._unsafeUnwrapErr().code).toBe(
      "REGISTRY_NOT_FOUND",
    );
    expect(registry.organisationsAt("2025-07-01").map((o) => o.uscc)).toEqual([SHOP]);
  });

  it("keys persons by normalised resident ID number", () => {
    expect(registry.person(ZHANG)._unsafeUnwrap().idNumber).toBe(ZHANG);
    expect(registry.party({ kind: "person", id: ZHANG }, "2025-01-01")._unsafeUnwrap().kind).toBe("person");
    expect(registry.party({ kind: "organisation", id: SHOP }, "2025-01-01")._unsafeUnwrap().kind).toBe("organisation");
    expect(registry.size).toEqual({ organisations: 2, persons: 1, violations: 4 });
  });

  it("refuses overlapping registration versions", () => {
    const r = createEntitiesRegistry({ organisations: [org(), org({ effectiveFrom: "2024-01-01" })] });
    expect(r._unsafeUnwrapErr().code).toBe("REGISTRY_CONFLICT");
  });

  it("refuses a duplicate person, a bad identifier, and a violation of an unknown party", () => {
    const p = { idNumber: ZHANG, name: "甲", address: "乙" };
    expect(createEntitiesRegistry({ persons: [p, p] })._unsafeUnwrapErr().code).toBe("REGISTRY_CONFLICT");
    const bad = createEntitiesRegistry({ persons: [{ ...p, idNumber: `${ZHANG.slice(0, 17)}0` }] });
    expect(bad._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(bad._unsafeUnwrapErr().message).toContain("校验码");
    expect(createEntitiesRegistry({ violations: [violation()] })._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });

  it("accepts a pilot USCC only with the option", () => {
    const pilot = org({ uscc: "91350100M0001TGQXM" });
    expect(createEntitiesRegistry({ organisations: [pilot] }).isErr()).toBe(true);
    expect(createEntitiesRegistry({ organisations: [pilot] }, { uscc: { acceptPilotCodes: true } }).isOk()).toBe(true);
  });
});

describe("isFirstViolation — 首违不罚 (行政处罚法 Art. 33 para. 1), look-back window [VAR]", () => {
  const shop = { kind: "organisation", id: SHOP } as const;

  it("行政处罚法 Art. 33 para. 1: no same-code violation in the 12 months before → first", () => {
    const r = registry.isFirstViolation(shop, "PRICE-13-1", "2024-12-01")._unsafeUnwrap();
    expect(r.first).toBe(true);
    expect(r.window).toEqual({ from: "2023-12-01", to: "2024-12-01" });
    expect(r.source).toMatchObject({ law: "行政处罚法", article: 33, paragraph: 1 });
    expect(r.reason).toContain("初次违法");
  });

  it("行政处罚法 Art. 33 para. 1: an earlier exemption inside the window counts → not first, with the cases", () => {
    const r = registry.isFirstViolation(shop, "PRICE-13-1", "2024-06-01")._unsafeUnwrap();
    expect(r.first).toBe(false);
    expect(r.earlier.map((v) => v.caseId)).toEqual(["沙市监处〔2023〕9号"]);
    expect(r.reason).toContain("首违不罚");
  });

  it("行政处罚法 Art. 33 para. 1: a 24-month window reaches further back", () => {
    const r = registry.isFirstViolation(
      shop,
      "PRICE-13-1",
      "2025-03-10",
      { lookBack: { kind: "months", months: 24 } },
      {
        caseId: "沙市监处〔2025〕1号",
      },
    );
    expect(r._unsafeUnwrap().earlier.map((v) => v.caseId)).toEqual(["沙市监处〔2023〕9号"]);
    const r12 = registry.isFirstViolation(shop, "PRICE-13-1", "2025-03-10", {}, { caseId: "沙市监处〔2025〕1号" });
    expect(r12._unsafeUnwrap().first).toBe(true);
  });

  it("行政处罚法 Art. 33 para. 1: without the current case excluded, its own record is found", () => {
    expect(registry.isFirstViolation(shop, "PRICE-13-1", "2025-03-10")._unsafeUnwrap().first).toBe(false);
  });

  it("行政处罚法 Art. 33 para. 1: other violation types count only when sameViolationOnly is off", () => {
    expect(registry.isFirstViolation(shop, "PRICE-99", "2025-06-01")._unsafeUnwrap().first).toBe(true);
    const any = registry.isFirstViolation(shop, "PRICE-99", "2025-06-01", { sameViolationOnly: false });
    expect(any._unsafeUnwrap().earlier).toHaveLength(2);
  });

  it("行政处罚法 Art. 33 para. 1: 'since the list took effect' and unlimited windows", () => {
    const since = { lookBack: { kind: "since", date: "2024-01-01" } } as const;
    expect(registry.isFirstViolation(shop, "PRICE-13-1", "2024-12-31", since)._unsafeUnwrap().first).toBe(true);
    const all = registry.isFirstViolation(shop, "PRICE-13-1", "2030-01-01", { lookBack: { kind: "unlimited" } });
    expect(all._unsafeUnwrap().earlier).toHaveLength(2);
  });

  it("行政处罚法 Art. 33 para. 1: same-bureau scope needs the bureau; not-established cases never count", () => {
    expect(registry.isFirstViolation(shop, "PRICE-13-1", "2024-06-01", { sameBureauOnly: true }).isErr()).toBe(true);
    const other = registry.isFirstViolation(
      shop,
      "PRICE-13-1",
      "2024-06-01",
      { sameBureauOnly: true },
      { bureau: "某市场监督管理局" },
    );
    expect(other._unsafeUnwrap().first).toBe(true);
    const h = [violation({ outcome: "notEstablished" })];
    expect(isFirstViolation(h, shop, "PRICE-13-1", "2025-04-01")._unsafeUnwrap().first).toBe(true);
  });

  it("refuses an invalid date or policy", () => {
    expect(registry.isFirstViolation(shop, "X", "2025-02-30")._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    const bad = { lookBack: { kind: "months", months: 0 } } as const;
    expect(registry.isFirstViolation(shop, "X", "2025-02-01", bad)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});
