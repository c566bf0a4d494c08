import { describe, expect, it } from "vitest";
import { MIDDLE_TIER_FORMULA, SAMR_TIER_FORMULA } from "../registry/benchmarks/formula.js";
import type { Benchmark } from "../registry/benchmarks/schema.js";
import { rangeInStatuteWords, tierFineInStatuteWords } from "./benchmark-wording.js";

// A benchmark row of 价格违法行为行政处罚规定 Art. 7 ("处违法所得5倍以下的罚款") with every tier
// left to the formula, and one of a fixed range ("处5万元以上50万元以下的罚款").
const PRICE = "价格违法行为行政处罚规定";
function row(fine: Benchmark["statutory"]["fine"]): Benchmark {
  return {
    code: "T-07",
    name: "利用虚假的或者使人误解的价格手段诱骗交易",
    sector: "market",
    penaltyBasis: [{ law: PRICE, article: 7 }],
    statutory: { kinds: ["fine"], ...(fine === undefined ? {} : { fine }) },
    tiers: [],
    effectiveFrom: "2025-01-01",
  } as unknown as Benchmark;
}

describe("a benchmark tier's fine in the statute's words (issue 16: the site published no range)", () => {
  it("resolves the formula's bands of a multiple of illegal gains (行政处罚法 Art. 34; 国市监法规〔2022〕2号 30/70)", () => {
    const bm = row({ basis: "illegalGains", min: 0, max: 5 });
    expect(tierFineInStatuteWords(bm, "lighter", SAMR_TIER_FORMULA)).toBe("处违法所得1.5倍以下罚款");
    expect(tierFineInStatuteWords(bm, "ordinary", SAMR_TIER_FORMULA)).toBe("处违法所得1.5倍以上3.5倍以下罚款");
    expect(tierFineInStatuteWords(bm, "heavier", SAMR_TIER_FORMULA)).toBe("处违法所得3.5倍以上5倍以下罚款");
    expect(tierFineInStatuteWords(bm, "none", SAMR_TIER_FORMULA)).toBe("不予罚款");
  });

  it("resolves a fixed range in yuan, and another formula gives other bands", () => {
    const bm = row({ basis: "fixed", min: 5_000_000, max: 50_000_000 });
    expect(tierFineInStatuteWords(bm, "ordinary", SAMR_TIER_FORMULA)).toBe("处185,000元以上365,000元以下罚款");
    expect(tierFineInStatuteWords(bm, "lighter", SAMR_TIER_FORMULA)).toBe("处50,000元以上185,000元以下罚款");
    expect(tierFineInStatuteWords(bm, "ordinary", MIDDLE_TIER_FORMULA)).not.toBe(
      tierFineInStatuteWords(bm, "ordinary", SAMR_TIER_FORMULA),
    );
  });

  it("writes every range shape", () => {
    expect(rangeInStatuteWords({ min: 0, max: 0 })).toBe("不予罚款");
    expect(rangeInStatuteWords({ basis: "fixed", min: 0, max: 500_000 })).toBe("处5,000元以下罚款");
    expect(rangeInStatuteWords({ basis: "fixed", min: 100_050, max: 500_000 })).toBe("处1,000.50元以上5,000元以下罚款");
    expect(rangeInStatuteWords({ basis: "goodsValue", min: 0, max: 0, minMultiple: 0.25, maxMultiple: 2 })).toBe(
      "处货值金额0.25倍以上2倍以下罚款",
    );
    expect(rangeInStatuteWords({ basis: "illegalGains", min: 0, max: 0, minMultiple: 0, maxMultiple: 0 })).toBe(
      "不予罚款",
    );
  });
});
