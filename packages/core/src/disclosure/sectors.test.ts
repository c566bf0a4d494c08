// The SAMR sector rows checked against 市场监督管理行政处罚信息公示规定 (总局令第45号) and
// 国办发〔2018〕118号 (issue 14 §7): the stricter publication deadline, the written notice at
// service (Art. 8), and the publicity of a restriction longer than three years (Art. 13 para. 3).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { periodRule } from "../calendar/deadline.js";
import { PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import { disclosureRuleFor, publicUntil, resolveDisclosurePolicy } from "./rules.js";
import type { DisclosureContent } from "./schema.js";
import {
  DISCLOSURE_SECTORS,
  SAMR_LONG_RESTRICTION,
  SAMR_PUBLICATION_PERIOD_ID,
  SAMR_SERVICE_NOTICE,
  samrPublicityMonths,
} from "./sectors.js";

const row = DISCLOSURE_SECTORS.samr?.rules["decision.penalty"];

describe("SAMR sector (市场监督管理行政处罚信息公示规定)", () => {
  it("publication deadline: 118号's 7 working days, stricter than Art. 9's 20 — a 部门规章 cannot lengthen it", () => {
    expect(row?.deadlinePeriodId).toBe(SAMR_PUBLICATION_PERIOD_ID);
    const strict = periodRule(SAMR_PUBLICATION_PERIOD_ID)._unsafeUnwrap();
    const art9 = periodRule("disclosure.samrPenalty")._unsafeUnwrap();
    expect(strict).toMatchObject({ amount: 7, unit: "workday", source: { law: "国办发〔2018〕118号" } });
    expect(art9).toMatchObject({ amount: 20, unit: "workday", source: { article: 9 } });
    expect(strict.amount).toBeLessThan(art9.amount);
    // Art. 9 still names the channel.
    expect(row?.channels).toEqual(["国家企业信用信息公示系统"]);
  });

  it("Art. 8: the party is told in writing at service that the decision will be published", () => {
    expect(SAMR_SERVICE_NOTICE.source).toEqual({
      law: "市场监督管理行政处罚信息公示规定",
      article: 8,
      confidence: "C-law",
    });
    expect(SAMR_SERVICE_NOTICE.text).toContain("公示");
  });

  it("Art. 13 para. 3: a restriction of more than three years is public for the restriction period", () => {
    expect(SAMR_LONG_RESTRICTION.source).toMatchObject({ article: 13, paragraph: 3 });
    expect(samrPublicityMonths(36, ["restrictPractice"], 60)).toBe(60);
    expect(samrPublicityMonths(36, ["restrictActivity", "fine"], 37)).toBe(37);
    expect(samrPublicityMonths(36, ["restrictPractice"], 36)).toBe(36); // 不超过三年: the row's period
    expect(samrPublicityMonths(36, ["revokeLicence"], 60)).toBe(36); // not a restriction
    expect(samrPublicityMonths(36, ["restrictPractice"])).toBe(36);
  });

  test.prop([
    fc.constantFrom(3, 36),
    fc.uniqueArray(fc.constantFrom(...PenaltyKindSchema.options), { minLength: 1, maxLength: 4 }),
    fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }),
  ])(
    "Art. 13: never shorter than the row's period; longer exactly for a restriction beyond three years",
    (months, kinds, restriction) => {
      const m = samrPublicityMonths(months, kinds, restriction);
      expect(m).toBeGreaterThanOrEqual(months);
      const restricted = kinds.some((k) => k === "restrictActivity" || k === "restrictPractice");
      const longer = restricted && restriction !== undefined && restriction > 36 && restriction > months;
      expect(m > months).toBe(longer);
    },
  );
});

describe("publicUntil reads Art. 13 para. 3 from the SAMR row", () => {
  it("a five-year practice ban published 2025-03-20 stays public until 2030-03-20; a two-year one, three years", () => {
    const rule = disclosureRuleFor(resolveDisclosurePolicy({ sector: "samr" })._unsafeUnwrap(), {
      kind: "decision",
      category: "penalty",
    });
    expect(rule.longRestriction?.source).toMatchObject({ article: 13, paragraph: 3 });
    const content: DisclosureContent = {
      kind: "decision",
      category: "penalty",
      documentNumber: "中沙市监罚〔2025〕2号",
      agencyName: "中卫市沙坡头区市场监督管理局",
      party: { kind: "person", name: "张某" },
      matter: "违反规定从事执业活动",
      basis: ["《市场监督管理行政处罚信息公示规定》第十三条第三款"],
      conclusion: "限制从业",
      decidedOn: "2025-03-14",
    };
    const at = (restrictionMonths: number) =>
      publicUntil(rule, "2025-03-20", content, { penaltyKinds: ["restrictPractice"], restrictionMonths });
    expect(at(60)).toBe("2030-03-20");
    expect(at(24)).toBe("2028-03-20");
  });
});
