import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRawIdentifiers } from "../../kernel/wording.js";
import { describeRange, rangeInStatuteWords } from "./ranges.js";
import { recommendPenalty } from "./recommend.js";
import { ART7_GAINS, PRICE_CIRCUMSTANCES } from "./test-fixtures.js";

// Issue 16: a recommendation states its range in the statute's words (价格违法行为行政处罚规定
// writes 处违法所得5倍以下罚款), with what that comes to for the case, never the officer shorthand
// 罚款 0.00 元至 25,000.00 元（违法所得 0 倍至 5 倍）.
describe("describeRange — the statute's words, with the amounts of a range in multiples", () => {
  it("a range in multiples without a minimum: 违法所得5倍以下（即25,000元以下）", () => {
    const r = { basis: "illegalGains", min: 0, max: 2_500_000, minMultiple: 0, maxMultiple: 5 } as const;
    expect(describeRange(r)).toBe("处违法所得5倍以下罚款（即25,000元以下）");
  });

  it("a range in multiples with both bounds, and a fixed range in yuan", () => {
    expect(
      describeRange({ basis: "illegalGains", min: 750_000, max: 1_750_000, minMultiple: 1.5, maxMultiple: 3.5 }),
    ).toBe("处违法所得1.5倍以上3.5倍以下罚款（即7,500元以上17,500元以下）");
    expect(describeRange({ basis: "fixed", min: 500_000, max: 1_500_000 })).toBe("处5,000元以上15,000元以下罚款");
    expect(describeRange({ min: 0, max: 0 })).toBe("不予罚款");
  });

  it("always starts with the statute's words and never uses 至 or spaced amounts", () => {
    const range = fc.oneof(
      fc
        .tuple(fc.integer({ min: 0, max: 10 ** 10 }), fc.integer({ min: 0, max: 10 ** 10 }))
        .map(([a, b]) => ({ basis: "fixed" as const, min: Math.min(a, b), max: Math.max(a, b) })),
      fc
        .tuple(
          fc.constantFrom("illegalGains" as const, "goodsValue" as const),
          fc.integer({ min: 0, max: 100 }),
          fc.integer({ min: 0, max: 100 }),
          fc.integer({ min: 0, max: 10 ** 9 }),
        )
        .map(([basis, a, b, base]) => {
          const [lo, hi] = [Math.min(a, b) / 4, Math.max(a, b) / 4];
          return { basis, min: Math.floor(lo * base), max: Math.floor(hi * base), minMultiple: lo, maxMultiple: hi };
        }),
    );
    fc.assert(
      fc.property(range, (r) => {
        const text = describeRange(r);
        expect(text.startsWith(rangeInStatuteWords(r))).toBe(true);
        expect(text).not.toMatch(/至| 元|元 |倍 /);
        expect(findRawIdentifiers(text)).toEqual([]);
      }),
    );
  });

  it("the recommendation's reason states its tier's range so (价格违法行为行政处罚规定 Art. 7)", () => {
    const r = recommendPenalty(ART7_GAINS, [], { circumstances: PRICE_CIRCUMSTANCES, illegalGains: 500_000 });
    const tierReason = r._unsafeUnwrap().explanation.find((e) => e.text.includes("阶次："))?.text ?? "";
    expect(tierReason).toMatch(/处违法所得[\d.]+倍以上[\d.]+倍以下罚款（即[\d,]+元以上[\d,]+元以下）/);
  });
});
