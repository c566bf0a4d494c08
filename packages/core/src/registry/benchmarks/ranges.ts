import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { type Fen, FenSchema, formatYuan, percentOf } from "../../kernel/money.js";
import { err, ok, Result } from "../../kernel/result.js";
import type { Band, TierFormula } from "./formula.js";
import {
  type Benchmark,
  type BenchmarkTier,
  FINE_BASIS_LABELS,
  FineBasisSchema,
  type StatutoryFine,
  TIER_LABELS,
  type Tier,
} from "./schema.js";

// Resolving a tier to amounts in fen. Every product is exact (BigInt through percentOf) and
// rounded down, so a resolved bound never exceeds the exact statutory amount; the same
// rounding on every bound keeps the tiers ordered.

/** 违法所得与货值 — the amounts multiples are taken of. */
export const FineContextSchema = z.object({
  /** 违法所得 in fen. */
  illegalGains: FenSchema.optional(),
  /** 货值金额 in fen. */
  goodsValue: FenSchema.optional(),
});
/** 违法所得与货值 (see {@link FineContextSchema}). */
export type FineContext = z.infer<typeof FineContextSchema>;

/**
 * 罚款幅度 — a fine range resolved to fen (inclusive), with the multiples it came from
 * when the basis is a multiple. `basis` is absent when no fine applies.
 */
export const PenaltyRangeSchema = z.object({
  /** What the statutory fine is measured in; absent when the article sets no fine. */
  basis: FineBasisSchema.optional(),
  /** Lowest fine, fen. */
  min: FenSchema,
  /** Highest fine, fen. */
  max: FenSchema,
  /** Lowest multiple, for a multiple basis. */
  minMultiple: z.number().min(0).optional(),
  /** Highest multiple, for a multiple basis. */
  maxMultiple: z.number().min(0).optional(),
});
/** 罚款幅度 (see {@link PenaltyRangeSchema}). */
export type PenaltyRange = z.infer<typeof PenaltyRangeSchema>;

const ZERO: PenaltyRange = { min: 0, max: 0 };
const bp = (x: number, scale: number) => Math.round(x * scale);

function invalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

function baseOf(fine: StatutoryFine, ctx: FineContext, code: string): Result<Fen, SanxiangError> {
  if (fine.basis === "fixed") return ok(0);
  const base = fine.basis === "illegalGains" ? ctx.illegalGains : ctx.goodsValue;
  if (base === undefined) {
    const what = fine.basis === "illegalGains" ? "违法所得" : "货值金额";
    return err(invalid(`${code}：罚款按${what}倍数计算，须提供${what}金额`, { code, basis: fine.basis }));
  }
  return ok(base);
}

function times(base: Fen, multiple: number): Result<Fen, SanxiangError> {
  return percentOf(base, bp(multiple, 10_000), "down");
}

function within(lo: Fen, hi: Fen, percent: number): Result<Fen, SanxiangError> {
  return percentOf(hi - lo, bp(percent, 100), "down").map((d) => lo + d);
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** 法定罚款幅度 resolved to fen against the illegal gains or goods value (`ZERO` without a fine). */
export function resolveStatutoryFine(benchmark: Benchmark, ctx: FineContext): Result<PenaltyRange, SanxiangError> {
  const fine = benchmark.statutory.fine;
  if (fine === undefined) return ok(ZERO);
  if (fine.basis === "fixed") return ok({ basis: "fixed", min: fine.min, max: fine.max });
  return baseOf(fine, ctx, benchmark.code).andThen((base) =>
    Result.combine([times(base, fine.min), times(base, fine.max)]).map(([min, max]) => ({
      basis: fine.basis,
      min,
      max,
      minMultiple: fine.min,
      maxMultiple: fine.max,
    })),
  );
}

function bandOf(formula: TierFormula, tier: "lighter" | "ordinary" | "heavier", fine: StatutoryFine): Band {
  const bands = fine.min === 0 && formula.maxOnlyBands !== undefined ? formula.maxOnlyBands : formula.bands;
  return bands[tier];
}

function applyBand(
  statutory: PenaltyRange,
  fine: StatutoryFine,
  band: Band,
  mitigated: boolean,
): Result<PenaltyRange, SanxiangError> {
  const [lo, hi] = mitigated ? [0, statutory.min] : [statutory.min, statutory.max];
  return Result.combine([within(lo, hi, band.fromPercent), within(lo, hi, band.toPercent)]).map(([min, max]) => {
    if (fine.basis === "fixed") return { basis: "fixed", min, max };
    const [mlo, mhi] = mitigated ? [0, fine.min] : [fine.min, fine.max];
    return {
      basis: fine.basis,
      min,
      max,
      minMultiple: round4(mlo + ((mhi - mlo) * band.fromPercent) / 100),
      maxMultiple: round4(mlo + ((mhi - mlo) * band.toPercent) / 100),
    };
  });
}

/** The tier entry of a benchmark, or `undefined` when the benchmark leaves it to the formula. */
export function tierOf(benchmark: Benchmark, tier: Tier): BenchmarkTier | undefined {
  return benchmark.tiers.find((t) => t.tier === tier);
}

/**
 * 阶次罚款幅度 — the fine range of `tier` for `benchmark`, in fen: the tier's own amounts,
 * multiples or band when it states them, else the formula's band. 不予处罚 is zero; 减轻
 * lies in [0, statutory minimum]; the other tiers inside [statutory min, statutory max].
 *
 * Errors: `INVALID_INPUT` when a multiple basis lacks its amount, or a tier states
 * multiples of a fixed-amount range.
 */
export function resolveTierFine(
  benchmark: Benchmark,
  tier: Tier,
  ctx: FineContext,
  formula: TierFormula,
): Result<PenaltyRange, SanxiangError> {
  const fine = benchmark.statutory.fine;
  if (tier === "none" || fine === undefined) return ok(ZERO);
  const own = tierOf(benchmark, tier)?.fine ?? { mode: "formula" as const };
  return resolveStatutoryFine(benchmark, ctx).andThen((statutory): Result<PenaltyRange, SanxiangError> => {
    switch (own.mode) {
      case "none":
        return ok({ ...ZERO, basis: fine.basis });
      case "fixed":
        return ok({ basis: fine.basis, min: own.min, max: own.max });
      case "multiple": {
        if (fine.basis === "fixed") {
          return err(
            invalid(`${benchmark.code}：法定罚款为固定数额，「${TIER_LABELS[tier]}」阶次不能按倍数表示`, {
              code: benchmark.code,
              tier,
            }),
          );
        }
        return baseOf(fine, ctx, benchmark.code).andThen((base) =>
          Result.combine([times(base, own.min), times(base, own.max)]).map(([min, max]) => ({
            basis: fine.basis,
            min,
            max,
            minMultiple: own.min,
            maxMultiple: own.max,
          })),
        );
      }
      case "band":
        return applyBand(statutory, fine, own, tier === "mitigated");
      case "formula":
        return applyBand(
          statutory,
          fine,
          tier === "mitigated" ? formula.mitigated : bandOf(formula, tier, fine),
          tier === "mitigated",
        );
    }
  });
}

/** Writes a range for officers: `罚款 5,000.00 元至 15,000.00 元（违法所得 1.5 倍至 3.5 倍）`. */
export function describeRange(range: PenaltyRange): string {
  if (range.basis === undefined || range.max === 0) return "不处罚款";
  const yuan = `罚款 ${formatYuan(range.min)} 元至 ${formatYuan(range.max)} 元`;
  if (range.minMultiple === undefined || range.maxMultiple === undefined || range.basis === "fixed") return yuan;
  const what = FINE_BASIS_LABELS[range.basis].replace("倍数", "");
  return `${yuan}（${what} ${range.minMultiple} 倍至 ${range.maxMultiple} 倍）`;
}
