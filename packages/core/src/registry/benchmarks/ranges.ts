import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { type Fen, FenSchema, formatYuan, percentOf } from "../../kernel/money.js";
import { err, ok, Result } from "../../kernel/result.js";
import type { Band, TierFormula } from "./formula.js";
import {
  type Benchmark,
  type BenchmarkTier,
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

const BASE_WORDS = { illegalGains: "违法所得", goodsValue: "货值金额" } as const;

/** A multiple as statutes write it: 1.5, 3, 0.25 (at most four decimals, no trailing zeros). */
function multipleText(x: number): string {
  return String(Math.round(x * 10_000) / 10_000);
}

/** A yuan amount in a range as statutes write it: `5,000元`, `1,250.50元`. */
function yuanText(fen: number): string {
  const s = formatYuan(fen);
  return `${s.endsWith(".00") ? s.slice(0, -3) : s}元`;
}

/** `5,000元以上15,000元以下`, `25,000元以下` (no minimum). */
function yuanBoundsText(min: number, max: number): string {
  return min === 0 ? `${yuanText(max)}以下` : `${yuanText(min)}以上${yuanText(max)}以下`;
}

/**
 * 法定表述 — a range in the statute's words: `处违法所得1.5倍以上3.5倍以下罚款`,
 * `处5,000元以上15,000元以下罚款`, `处违法所得5倍以下罚款` (no minimum), `不予罚款` (nothing).
 * The published benchmarks (事前公开) use this form, as the statutes do.
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
  return `处${yuanBoundsText(range.min, range.max)}罚款`;
}

/**
 * 幅度（法定表述及金额）— a range as a recommendation or a check states it: the statute's
 * words ({@link rangeInStatuteWords}) and, for a range in multiples, the amounts it comes to
 * for this case: `处违法所得5倍以下罚款（即25,000元以下）`,
 * `处违法所得1.5倍以上3.5倍以下罚款（即7,500元以上17,500元以下）`; a range in amounts is
 * already in yuan: `处5,000元以上15,000元以下罚款`. Never the officer shorthand
 * `罚款 0.00 元至 25,000.00 元（违法所得 0 倍至 5 倍）`.
 */
export function describeRange(range: PenaltyRange): string {
  const words = rangeInStatuteWords(range);
  if (range.basis === undefined || range.basis === "fixed" || range.maxMultiple === undefined || range.max === 0) {
    return words;
  }
  return `${words}（即${yuanBoundsText(range.min, range.max)}）`;
}
