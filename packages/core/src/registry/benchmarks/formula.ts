import { z } from "zod";
import { RuleSourceSchema } from "../../kernel/source.js";
import { PercentSchema } from "./schema.js";

// The tier formula — how 从轻 / 一般 / 从重 split the statutory range where a benchmark does
// not state the tier's amounts itself. It is configuration: provinces use different formulas
// (国办发〔2022〕27号 leaves the tiers to each agency), so neither preset is hard-wired.

/** 幅度区间 — a band of a range in percent, from–to (both inclusive). */
export const BandSchema = z
  .object({
    /** Lower edge, percent of the range (0 = the minimum). */
    fromPercent: PercentSchema,
    /** Upper edge, percent of the range (100 = the maximum). */
    toPercent: PercentSchema,
  })
  .refine((b) => b.fromPercent <= b.toPercent, { message: "区间下限不能高于上限" });
/** 幅度区间 (see {@link BandSchema}). */
export type Band = z.infer<typeof BandSchema>;

/** 三阶次区间 — the bands of 从轻, 一般 and 从重 within the statutory range. */
export const TierBandsSchema = z.object({
  /** 从轻. */
  lighter: BandSchema,
  /** 一般. */
  ordinary: BandSchema,
  /** 从重. */
  heavier: BandSchema,
});
/** 三阶次区间 (see {@link TierBandsSchema}). */
export type TierBands = z.infer<typeof TierBandsSchema>;

/**
 * 裁量阶次划分公式 — the tier formula: bands of the statutory range for 从轻 / 一般 / 从重,
 * optional other bands for a range that only sets a maximum ("X元以下"), and the 减轻 band
 * as percent of the statutory minimum (减轻 goes below the minimum, never below zero).
 */
export const TierFormulaSchema = z.object({
  /** Name of the formula in Chinese. */
  name: z.string().min(1),
  /** Bands of [min, max]. */
  bands: TierBandsSchema,
  /** Bands of [0, max] when the statutory minimum is zero; absent = `bands`. */
  maxOnlyBands: TierBandsSchema.optional(),
  /** 减轻 — band of [0, statutory minimum], in percent of the minimum. */
  mitigated: BandSchema,
  /** Where the formula comes from. */
  source: RuleSourceSchema,
});
/** 裁量阶次划分公式 (see {@link TierFormulaSchema}). */
export type TierFormula = z.infer<typeof TierFormulaSchema>;

/**
 * 市场监管“30/70”公式 — 国市监法规〔2022〕2号 as restated locally (`source.url`): 从轻 is
 * the lowest 30% of [min, max], 一般 30%–70%, 从重 the top 30% (the 从重 figure is [M]);
 * 减轻 anywhere below the minimum. The default formula.
 */
export const SAMR_TIER_FORMULA: TierFormula = {
  name: "市场监管总局五阶次（30%/70%）",
  bands: {
    lighter: { fromPercent: 0, toPercent: 30 },
    ordinary: { fromPercent: 30, toPercent: 70 },
    heavier: { fromPercent: 70, toPercent: 100 },
  },
  mitigated: { fromPercent: 0, toPercent: 100 },
  source: { law: "国市监法规〔2022〕2号", confidence: "C-local", url: "http://zjdy.org.cn/show-92257.html" },
};

/**
 * 中间阶次模式 — an alternative local formula (`source.url`): three equal tiers, 一般 the
 * middle one; where only a maximum is set, 从轻 ≤ 20% and 一般 40%–60% of the maximum
 * (从重 is taken as 60%–100%, which the source leaves open). The issuing city is unknown.
 */
export const MIDDLE_TIER_FORMULA: TierFormula = {
  name: "三阶次中间阶次模式",
  bands: {
    lighter: { fromPercent: 0, toPercent: 33.33 },
    ordinary: { fromPercent: 33.33, toPercent: 66.67 },
    heavier: { fromPercent: 66.67, toPercent: 100 },
  },
  maxOnlyBands: {
    lighter: { fromPercent: 0, toPercent: 20 },
    ordinary: { fromPercent: 40, toPercent: 60 },
    heavier: { fromPercent: 60, toPercent: 100 },
  },
  mitigated: { fromPercent: 0, toPercent: 100 },
  // The formula is a local practice (restated at the URL, issuing city unknown); the
  // national basis for local benchmarks is 国办发〔2022〕27号, which leaves the tiers to
  // each agency — hence VAR.
  source: {
    law: "国办发〔2022〕27号",
    confidence: "VAR",
    url: "https://weigepro.net/about_service/241835.html",
  },
};
