import { describeValue } from "../../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { TierFormula } from "./formula.js";
import { type PenaltyRange, resolveTierFine } from "./ranges.js";
import { type Benchmark, type Circumstance, TIER_LABELS, TIER_ORDER, type Tier } from "./schema.js";

// Checks a benchmark is coherent before it enters a registry: tier amounts within the
// statutory range (减轻 below its minimum), tiers ordered from lightest to heaviest, and
// every condition a known circumstance.

/** A large nominal amount multiples are resolved against when tiers are compared. */
const NOMINAL = 100_000_000_00;

function bad(b: Benchmark, message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("REGISTRY_CONFLICT", `裁量基准 ${b.code}（自 ${b.effectiveFrom}）：${message}`, {
    details: { code: b.code, effectiveFrom: b.effectiveFrom, ...details },
  });
}

function checkTierFines(b: Benchmark): SanxiangError | undefined {
  const fine = b.statutory.fine;
  if ((fine === undefined) !== !b.statutory.kinds.includes("fine")) {
    return bad(b, "法定处罚种类含“罚款”时须给出法定罚款幅度，反之亦然");
  }
  for (const t of b.tiers) {
    const label = TIER_LABELS[t.tier];
    const f = t.fine;
    if ((f.mode === "fixed" || f.mode === "multiple" || f.mode === "band") && fine === undefined) {
      return bad(b, `「${label}」阶次设定了罚款，但法定处罚不含罚款`);
    }
    if (fine === undefined) continue;
    if (f.mode === "fixed" || f.mode === "multiple") {
      if (f.min > f.max) return bad(b, `「${label}」阶次下限高于上限`, { tier: t.tier });
      if (f.mode === "multiple" && fine.basis === "fixed") return bad(b, `「${label}」阶次不能按倍数表示固定数额罚款`);
      // Fixed amounts of a multiple-based fine depend on the gains: checked when resolved.
      if (f.mode === "fixed" && fine.basis !== "fixed") continue;
      if (t.tier === "mitigated" && f.max > fine.min)
        return bad(b, "「减轻」阶次不得高于法定最低罚款", { tier: t.tier });
      if (t.tier !== "mitigated" && t.tier !== "none" && (f.min < fine.min || f.max > fine.max)) {
        return bad(b, `「${label}」阶次超出法定罚款幅度`, { tier: t.tier });
      }
    }
    if (f.mode === "band" && f.fromPercent > f.toPercent) return bad(b, `「${label}」阶次区间下限高于上限`);
  }
  return undefined;
}

function checkOrder(b: Benchmark, formula: TierFormula): SanxiangError | undefined {
  const fine = b.statutory.fine;
  if (fine === undefined) return undefined;
  if (fine.basis !== "fixed" && b.tiers.some((t) => t.fine.mode === "fixed")) return undefined;
  const ctx = { illegalGains: NOMINAL, goodsValue: NOMINAL };
  let previous: { tier: Tier; range: PenaltyRange } | undefined;
  for (const tier of TIER_ORDER) {
    const r = resolveTierFine(b, tier, ctx, formula);
    if (r.isErr()) return bad(b, r.error.message);
    if (tier !== "none" && b.tiers.find((t) => t.tier === tier)?.fine.mode === "none") continue;
    if (previous !== undefined && (r.value.min < previous.range.min || r.value.max < previous.range.max)) {
      return bad(b, `「${TIER_LABELS[tier]}」阶次幅度低于「${TIER_LABELS[previous.tier]}」阶次`, { tier });
    }
    previous = { tier, range: r.value };
  }
  return undefined;
}

/**
 * 基准校验 — checks one benchmark version: a fine range exactly when the kinds include
 * 罚款; each tier's amounts or multiples inside the statutory range (减轻 not above the
 * statutory minimum); tiers ordered 不予处罚 ≤ 减轻 ≤ 从轻 ≤ 一般 ≤ 从重 under `formula`; every
 * condition a code of `catalogue`. Errors: `REGISTRY_CONFLICT` naming the benchmark.
 */
export function validateBenchmark(
  benchmark: Benchmark,
  formula: TierFormula,
  catalogue: ReadonlyMap<string, Circumstance>,
): Result<Benchmark, SanxiangError> {
  try {
    return checkBenchmark(benchmark, formula, catalogue);
  } catch (cause) {
    // The checks assume a benchmark that passed its schema; anything else is bad input.
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `基准校验的输入无效（${describeValue(cause instanceof Error ? cause.message : cause)}）`,
        {
          details: {},
          cause,
        },
      ),
    );
  }
}

function checkBenchmark(
  benchmark: Benchmark,
  formula: TierFormula,
  catalogue: ReadonlyMap<string, Circumstance>,
): Result<Benchmark, SanxiangError> {
  const fines = checkTierFines(benchmark);
  if (fines !== undefined) return err(fines);
  const order = checkOrder(benchmark, formula);
  if (order !== undefined) return err(order);
  for (const t of benchmark.tiers) {
    const unknown = t.conditions.filter((c) => !catalogue.has(c));
    if (unknown.length > 0) {
      return err(
        bad(benchmark, `「${TIER_LABELS[t.tier]}」阶次引用了未知的情形代码：${unknown.join("、")}`, { unknown }),
      );
    }
  }
  return ok(benchmark);
}
