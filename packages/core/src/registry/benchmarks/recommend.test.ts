import { describe, expect, it } from "vitest";
import { MIDDLE_TIER_FORMULA } from "./formula.js";
import { citedSources, recommendPenalty } from "./recommend.js";
import { ART7_GAINS, ART7_NO_GAINS, ART13, ART13_FIRST, DOC, PRICE_CIRCUMSTANCES } from "./test-fixtures.js";

const opts = { circumstances: PRICE_CIRCUMSTANCES };
const yuan = (n: number) => n * 100;

describe("recommendPenalty", () => {
  it("一般 by the SAMR 30/70 formula (国市监法规〔2022〕2号): 5万–50万 → 18.5万–36.5万", () => {
    const r = recommendPenalty(ART7_NO_GAINS, [], opts)._unsafeUnwrap();
    expect(r.tier).toBe("ordinary");
    expect(r.range).toEqual({ basis: "fixed", min: yuan(185_000), max: yuan(365_000) });
    expect(r.statutoryRange).toEqual({ basis: "fixed", min: yuan(50_000), max: yuan(500_000) });
    expect(r.penaltyKinds).toEqual(["fine", "suspendBusiness"]);
    expect(r.explanation.some((e) => e.source.law === "国市监法规〔2022〕2号")).toBe(true);
  });

  it("cites 违法依据, 处罚依据 and the benchmark document (行政处罚法 Art. 34)", () => {
    const r = recommendPenalty(ART7_NO_GAINS, [], opts)._unsafeUnwrap();
    const sources = citedSources(r);
    expect(sources).toContainEqual(ART7_NO_GAINS.violationBasis[0]);
    expect(sources).toContainEqual(DOC);
    expect(r.explanation[0]?.text).toContain("违反《价格违法行为行政处罚规定》第七条");
  });

  it("价格违法行为行政处罚规定 Art. 17 para. 2: 屡查屡犯 → 从重 (top 30%)", () => {
    const r = recommendPenalty(ART7_NO_GAINS, ["price-repeat"], opts)._unsafeUnwrap();
    expect(r.tier).toBe("heavier");
    expect(r.range).toMatchObject({ min: yuan(365_000), max: yuan(500_000) });
    expect(r.explanation.map((e) => e.source)).toContainEqual(PRICE_CIRCUMSTANCES[1]?.source);
  });

  it("行政处罚法 Art. 30: under 14 → 不予处罚, citing Art. 30 and Art. 33 para. 3 (education)", () => {
    const r = recommendPenalty(ART7_NO_GAINS, ["under-14", "price-repeat"], opts)._unsafeUnwrap();
    expect(r.tier).toBe("none");
    expect(r.range).toEqual({ min: 0, max: 0 });
    expect(r.penaltyKinds).toEqual([]);
    const cited = r.explanation.map((e) => e.source);
    expect(cited).toContainEqual({ law: "行政处罚法", article: 30, confidence: "C-law" });
    expect(cited).toContainEqual({ law: "行政处罚法", article: 33, paragraph: 3, confidence: "C-law" });
  });

  it("行政处罚法 Art. 33 para. 1: minor, corrected, harmless → 不予处罚", () => {
    expect(recommendPenalty(ART13, ["minor-corrected-no-harm"])._unsafeUnwrap().tier).toBe("none");
  });

  it("行政处罚法 Art. 33 para. 2: no fault → 不予处罚", () => {
    expect(recommendPenalty(ART13, ["no-fault"])._unsafeUnwrap().tier).toBe("none");
  });

  it("行政处罚法 Art. 33 para. 1: first violation → 不予处罚 only when on a 首违不罚 list in force", () => {
    const listed = recommendPenalty(ART13, ["first-violation-minor"], { lenient: [ART13_FIRST], date: "2024-05-01" });
    expect(listed._unsafeUnwrap().tier).toBe("none");
    expect(listed._unsafeUnwrap().explanation.map((e) => e.source)).toContainEqual(ART13_FIRST.list);
    const before = recommendPenalty(ART13, ["first-violation-minor"], { lenient: [ART13_FIRST], date: "2022-05-01" });
    expect(before._unsafeUnwrap().tier).toBe("ordinary");
    expect(recommendPenalty(ART13, ["first-violation-minor"])._unsafeUnwrap().tier).toBe("ordinary");
  });

  it("行政处罚法 Art. 32 para. 1 (1): eliminated harm → 从轻, citing Art. 32", () => {
    const r = recommendPenalty(ART7_NO_GAINS, ["eliminated-harm"], opts)._unsafeUnwrap();
    expect(r.tier).toBe("lighter");
    expect(r.range).toMatchObject({ min: yuan(50_000), max: yuan(185_000) });
    expect(r.explanation.map((e) => e.source)).toContainEqual({
      law: "行政处罚法",
      article: 32,
      paragraph: 1,
      item: 1,
      confidence: "C-law",
    });
  });

  it("行政处罚法 Art. 32: with preferMitigated → 减轻, below the statutory minimum, not below zero", () => {
    const r = recommendPenalty(ART7_NO_GAINS, ["confessed"], { ...opts, preferMitigated: true })._unsafeUnwrap();
    expect(r.tier).toBe("mitigated");
    expect(r.range).toMatchObject({ min: 0, max: yuan(50_000) });
  });

  it("行政处罚法 Art. 30: aged 14–17 is not displaced by a 从重 ground (stays 从轻)", () => {
    const r = recommendPenalty(ART7_NO_GAINS, ["age-14-17", "price-repeat"], opts)._unsafeUnwrap();
    expect(r.tier).toBe("lighter");
    expect(r.explanation.some((e) => e.text.includes("不排除"))).toBe(true);
  });

  it("价格违法行为行政处罚规定 Art. 17 para. 2: 从重 by stated multiples (3.5–5 ×)", () => {
    const r = recommendPenalty(ART7_GAINS, ["price-repeat"], { ...opts, illegalGains: yuan(10_000) })._unsafeUnwrap();
    expect(r.tier).toBe("heavier");
    expect(r.range).toEqual({
      basis: "illegalGains",
      min: yuan(35_000),
      max: yuan(50_000),
      minMultiple: 3.5,
      maxMultiple: 5,
    });
  });

  it("benchmark-only lighter and 从重 grounds (Art. 17 para. 2) offset to 一般", () => {
    const refund = { code: "price-refund", description: "主动退还多付价款", effect: "lighter" as const, source: DOC };
    const r = recommendPenalty(ART7_NO_GAINS, ["price-refund", "price-repeat"], {
      circumstances: [...PRICE_CIRCUMSTANCES, refund],
    })._unsafeUnwrap();
    expect(r.tier).toBe("ordinary");
    expect(r.grounds).toEqual(["price-refund", "price-repeat"]);
  });

  it("价格违法行为行政处罚规定 Art. 7: multiples of illegal gains — 一般 1.5–3.5 × of 0–5 ×", () => {
    const r = recommendPenalty(ART7_GAINS, [], { ...opts, illegalGains: yuan(10_000) })._unsafeUnwrap();
    expect(r.range).toEqual({
      basis: "illegalGains",
      min: yuan(15_000),
      max: yuan(35_000),
      minMultiple: 1.5,
      maxMultiple: 3.5,
    });
  });

  it("价格违法行为行政处罚规定 Art. 7: refuses a multiple-based fine without the illegal gains", () => {
    const r = recommendPenalty(ART7_GAINS, [], opts);
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("refuses unknown circumstance codes", () => {
    expect(recommendPenalty(ART13, ["nope"])._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("middle-tier model (MIDDLE_TIER_FORMULA), maximum only: 价格违法行为行政处罚规定 Art. 13 一般 = 40–60% of 5000元", () => {
    const r = recommendPenalty(ART13, [], { formula: MIDDLE_TIER_FORMULA })._unsafeUnwrap();
    expect(r.range).toMatchObject({ min: yuan(2_000), max: yuan(3_000) });
    const lighter = recommendPenalty(ART13, ["confessed"], { formula: MIDDLE_TIER_FORMULA })._unsafeUnwrap();
    expect(lighter.range).toMatchObject({ min: 0, max: yuan(1_000) });
  });

  it("减轻 of a maximum-only range (价格违法行为行政处罚规定 Art. 13) drops the fine", () => {
    const r = recommendPenalty(ART13, ["confessed"], { preferMitigated: true })._unsafeUnwrap();
    expect(r.tier).toBe("mitigated");
    expect(r.range.max).toBe(0);
    expect(r.penaltyKinds).toEqual(["confiscateGains"]);
  });
});
