// 裁量基准的公开表述 — a tier's fine as the published benchmark states it, in the statute's own
// words (…处违法所得1.5倍以上3.5倍以下罚款; 处5,000元以上15,000元以下罚款), resolved from the
// tier's own amounts, multiples or band, or from the tier formula. Never "按公式计算": a reader
// of the site sees the range that applies to them.
import type { TierFormula } from "../registry/benchmarks/formula.js";
import { rangeInStatuteWords, resolveTierFine } from "../registry/benchmarks/ranges.js";
import type { Benchmark, Tier } from "../registry/benchmarks/schema.js";

// The statute's words for a range live with the ranges (registry/benchmarks/ranges.ts), where
// recommendations and checks use them too; re-exported here, where the site's callers look.
export { rangeInStatuteWords } from "../registry/benchmarks/ranges.js";

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
