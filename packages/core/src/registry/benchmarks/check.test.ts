import { describe, expect, it } from "vitest";
import { checkPenalty, DEFAULT_DEVIATION_POLICY } from "./check.js";
import { ART7_GAINS, ART7_NO_GAINS, ART13, PRICE_CIRCUMSTANCES } from "./test-fixtures.js";

const opts = { circumstances: PRICE_CIRCUMSTANCES };
const yuan = (n: number) => n * 100;

describe("checkPenalty", () => {
  it("passes a fine inside the 一般 tier (价格违法行为行政处罚规定 Art. 7) with no requirements", () => {
    const c = checkPenalty({ benchmark: ART7_NO_GAINS, circumstances: [], fine: yuan(200_000) }, opts)._unsafeUnwrap();
    expect(c.status).toBe("within");
    expect(c.position).toBe("withinTier");
    expect(c.requirements).toEqual([]);
  });

  it("outside the tier but within 价格违法行为行政处罚规定 Art. 7: reasons, collective discussion, legal review", () => {
    const c = checkPenalty({ benchmark: ART7_NO_GAINS, circumstances: [], fine: yuan(450_000) }, opts)._unsafeUnwrap();
    expect(c.status).toBe("outside");
    expect(c.position).toBe("aboveTier");
    expect(c.requirements.map((r) => r.kind)).toEqual(["reasons", "collectiveDiscussion", "legalReview"]);
    // The catalogue row rests on the bureau's catalogue (国办发〔2018〕118号 四（十二）), not on
    // 行政处罚法 Art. 58 para. 1 item 4 (issue 14 §7).
    expect(c.requirements.find((r) => r.kind === "legalReview")?.source).toMatchObject({
      law: "国办发〔2018〕118号",
      section: "四（十二）",
    });
  });

  it("减轻 requires collective discussion by a model rule ([M]), not by 行政处罚法 Art. 57 para. 2", () => {
    const collective = DEFAULT_DEVIATION_POLICY.mitigated.find((r) => r.kind === "collectiveDiscussion");
    expect(collective?.source).toMatchObject({ law: "国办发〔2022〕27号", confidence: "M" });
    for (const r of [...DEFAULT_DEVIATION_POLICY.mitigated, ...DEFAULT_DEVIATION_POLICY.outsideTier]) {
      expect(r.source.law === "行政处罚法" && (r.source.article === 57 || r.source.article === 58)).toBe(false);
    }
  });

  it("refuses a fine above the statutory maximum, citing the 处罚依据 (价格违法行为行政处罚规定 Art. 7)", () => {
    const e = checkPenalty(
      { benchmark: ART7_NO_GAINS, circumstances: [], fine: yuan(500_001) },
      opts,
    )._unsafeUnwrapErr();
    expect(e.code).toBe("PENALTY_OUT_OF_RANGE");
    expect(e.source).toEqual(ART7_NO_GAINS.penaltyBasis[0]);
  });

  it("refuses a penalty kind the article does not allow (行政处罚法 Art. 9 kinds vs 处罚依据)", () => {
    const e = checkPenalty({
      benchmark: ART13,
      circumstances: [],
      fine: 0,
      kinds: ["revokeLicence"],
    })._unsafeUnwrapErr();
    expect(e.code).toBe("PENALTY_OUT_OF_RANGE");
  });

  it("行政处罚法 Art. 32: below the statutory minimum without a ground is refused", () => {
    const e = checkPenalty(
      { benchmark: ART7_NO_GAINS, circumstances: [], fine: yuan(10_000) },
      opts,
    )._unsafeUnwrapErr();
    expect(e.code).toBe("PENALTY_OUT_OF_RANGE");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 32 });
  });

  it("行政处罚法 Art. 32: below the minimum with a ground is 减轻 — outside 从轻, needs review and discussion", () => {
    const c = checkPenalty({ benchmark: ART7_NO_GAINS, circumstances: ["confessed"], fine: yuan(10_000) }, opts);
    const v = c._unsafeUnwrap();
    expect(v.status).toBe("outside");
    expect(v.position).toBe("belowStatutory");
    expect(v.requirements.map((r) => r.kind)).toEqual(["reasons", "legalReview", "collectiveDiscussion"]);
  });

  it("行政处罚法 Art. 32 in the 减轻 tier: within, but 减轻 requirements apply (local catalogues, e.g. 长治, make 减轻处罚 major)", () => {
    const c = checkPenalty(
      { benchmark: ART7_NO_GAINS, circumstances: ["confessed"], fine: yuan(10_000) },
      { ...opts, preferMitigated: true },
    )._unsafeUnwrap();
    expect(c.status).toBe("within");
    expect(c.requirements).toEqual(DEFAULT_DEVIATION_POLICY.mitigated);
  });

  it("行政处罚法 Art. 30: any penalty on a child under 14 is refused, citing Art. 30", () => {
    const e = checkPenalty({ benchmark: ART13, circumstances: ["under-14"], fine: yuan(100) })._unsafeUnwrapErr();
    expect(e.code).toBe("PENALTY_OUT_OF_RANGE");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 30 });
  });

  it("行政处罚法 Art. 33 para. 3: no penalty passes and requires education", () => {
    const c = checkPenalty({ benchmark: ART13, circumstances: ["no-fault"], fine: 0 })._unsafeUnwrap();
    expect(c.status).toBe("within");
    expect(c.requirements.map((r) => r.kind)).toEqual(["education"]);
  });

  it("a kind beyond the tier's kinds is outside the tier (价格违法行为行政处罚规定 Art. 7 从轻 without 停业整顿)", () => {
    const c = checkPenalty(
      {
        benchmark: ART7_GAINS,
        circumstances: ["eliminated-harm"],
        fine: yuan(10_000),
        kinds: ["fine", "suspendBusiness"],
      },
      { ...opts, illegalGains: yuan(10_000) },
    )._unsafeUnwrap();
    expect(c.status).toBe("outside");
  });

  it("the policy is configuration: a bureau may require only recorded reasons", () => {
    const policy = { ...DEFAULT_DEVIATION_POLICY, outsideTier: DEFAULT_DEVIATION_POLICY.outsideTier.slice(0, 1) };
    const c = checkPenalty({ benchmark: ART7_NO_GAINS, circumstances: [], fine: yuan(60_000) }, { ...opts, policy });
    expect(c._unsafeUnwrap().requirements.map((r) => r.kind)).toEqual(["reasons"]);
  });
});
