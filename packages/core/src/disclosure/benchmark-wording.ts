// 裁量基准的公开表述 — a tier's fine as the published benchmark states it, in the statute's own
// words (…处违法所得1.5倍以上3.5倍以下罚款; 处5,000元以上15,000元以下罚款), resolved from the
// tier's own amounts, multiples or band, or from the tier formula. Never "按公式计算": a reader
// of the site sees the range that applies to them.
import { formatYuan } from "../kernel/money.js";
import type { TierFormula } from "../registry/benchmarks/formula.js";
import { type PenaltyRange, resolveTierFine } from "../registry/benchmarks/ranges.js";
import type { Benchmark, Tier } from "../registry/benchmarks/schema.js";

const BASE_WORDS = { illegalGains: "违法所得", goodsValue: "货值金额" } as const;

/** A multiple as statutes write it: 1.5, 3, 0.25 (at most four decimals, no trailing zeros). */
function multipleText(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

/** A yuan amount in a published range: `5,000元`, `1,250.50元`. */
function yuanText(fen: number): string {
  const s = formatYuan(fen);
  return `${s.endsWith(".00") ? s.slice(0, -3) : s}元`;
}

/**
 * The range in the statute's words: `处违法所得1.5倍以上3.5倍以下罚款`, `处5,000元以上15,000元以下罚款`,
 * `处违法所得5倍以下罚款` (no minimum), `不予罚款` (nothing).
 */
export function rangeInStatuteWords(range: PenaltyRange): string {
  if (range.basis === undefined) return "不予罚款";
  if (range.basis !== "fixed" && range.minMultiple !== undefined && range.maxMultiple !== undefined) {
    const base = BASE_WORDS[range.basis];
    if (range.maxMultiple === 0) return "不予罚款";
    return range.minMultiple === 0
      ? `处${base}${multipleText(range.maxMultiple)}倍以下罚款`
      : `处${base}${multipleText(range.minMultiple)}倍以上${multipleText(range.maxMultiple)}倍以下罚款`;
  }
  if (range.max === 0) return "不予罚款";
  return range.min === 0
    ? `处${yuanText(range.max)}以下罚款`
    : `处${yuanText(range.min)}以上${yuanText(range.max)}以下罚款`;
}

/**
 * 阶次罚款的公开表述 — the fine of `tier` of `benchmark` in the statute's words, resolved with
 * `formula` where the benchmark leaves the tier to it; `undefined` when it cannot be resolved
 * without the case's own amounts (a tier stated as fixed amounts is always resolved).
 */
export function tierFineInStatuteWords(benchmark: Benchmark, tier: Tier, formula: TierFormula): string | undefined {
  // Multiples are resolved against a base of zero: the amounts are then zero, the multiples exact.
  const r = resolveTierFine(benchmark, tier, { illegalGains: 0, goodsValue: 0 }, formula);
  return r.isOk() ? rangeInStatuteWords(r.value) : undefined;
}
