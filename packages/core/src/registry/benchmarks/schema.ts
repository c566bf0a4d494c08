import { z } from "zod";
import { FenSchema } from "../../kernel/money.js";
import { RuleSourceSchema } from "../../kernel/source.js";
import { EffectiveSchema } from "../versions.js";

// The data model of 行政处罚裁量基准, in the table shape provincial benchmarks share: per violation its 违法依据 and 处罚依据,
// the statutory range, and the tiers (裁量阶次) with their conditions (适用情形) and ranges.

/**
 * 裁量阶次 — discretion tier, in order from lightest to heaviest: 不予处罚 (`none`),
 * 减轻 (`mitigated`, below the statutory minimum), 从轻 (`lighter`), 一般 (`ordinary`),
 * 从重 (`heavier`). 国市监法规〔2022〕2号 uses these five levels.
 */
export const TierSchema = z.enum(["none", "mitigated", "lighter", "ordinary", "heavier"]);
/** 裁量阶次 — discretion tier (see {@link TierSchema}). */
export type Tier = z.infer<typeof TierSchema>;

/** 裁量阶次名称 — the Chinese label of each tier. */
export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  none: "不予处罚",
  mitigated: "减轻",
  lighter: "从轻",
  ordinary: "一般",
  heavier: "从重",
};

/** 阶次顺序 — tiers from lightest to heaviest. */
export const TIER_ORDER: readonly Tier[] = TierSchema.options;

/**
 * 行政处罚种类 — the kinds of administrative penalty of 行政处罚法 Art. 9: 警告、通报批评; 罚款、
 * 没收违法所得、没收非法财物; 暂扣许可证件、降低资质等级、吊销许可证件; 限制开展生产经营活动、
 * 责令停产停业、责令关闭、限制从业; 行政拘留; other kinds set by law (`other`, e.g. 停止执业).
 */
export const PenaltyKindSchema = z.enum([
  "warning",
  "criticism",
  "fine",
  "confiscateGains",
  "confiscateProperty",
  "suspendLicence",
  "demoteQualification",
  "revokeLicence",
  "restrictActivity",
  "suspendBusiness",
  "orderClose",
  "restrictPractice",
  "detention",
  "other",
]);
/** 行政处罚种类 — penalty kind (see {@link PenaltyKindSchema}). */
export type PenaltyKind = z.infer<typeof PenaltyKindSchema>;

/** 处罚种类名称 — the Chinese label of each penalty kind (行政处罚法 Art. 9). */
export const PENALTY_KIND_LABELS: Readonly<Record<PenaltyKind, string>> = {
  warning: "警告",
  criticism: "通报批评",
  fine: "罚款",
  confiscateGains: "没收违法所得",
  confiscateProperty: "没收非法财物",
  suspendLicence: "暂扣许可证件",
  demoteQualification: "降低资质等级",
  revokeLicence: "吊销许可证件",
  restrictActivity: "限制开展生产经营活动",
  suspendBusiness: "责令停产停业",
  orderClose: "责令关闭",
  restrictPractice: "限制从业",
  detention: "行政拘留",
  other: "其他行政处罚",
};

/**
 * 罚款基数 — what a fine is measured in: a fixed amount (`fixed`, fen), or a multiple of
 * illegal gains (`illegalGains`, 违法所得) or of the value of goods (`goodsValue`, 货值金额).
 */
export const FineBasisSchema = z.enum(["fixed", "illegalGains", "goodsValue"]);
/** 罚款基数 (see {@link FineBasisSchema}). */
export type FineBasis = z.infer<typeof FineBasisSchema>;

/** 罚款基数名称 — Chinese labels of {@link FineBasis}. */
export const FINE_BASIS_LABELS: Readonly<Record<FineBasis, string>> = {
  fixed: "固定数额",
  illegalGains: "违法所得倍数",
  goodsValue: "货值金额倍数",
};

const hasAtMost = (decimals: number) => (v: number) => {
  const scaled = v * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-6;
};

/** 倍数 — a multiple of illegal gains or goods value: non-negative, at most 4 decimals. */
export const MultipleSchema = z.number().min(0).max(1000).refine(hasAtMost(4), { message: "倍数最多保留四位小数" });

/** 百分比 — a percentage 0–100 with at most 2 decimals (30 = 30%). */
export const PercentSchema = z.number().min(0).max(100).refine(hasAtMost(2), { message: "百分比最多保留两位小数" });

/**
 * 法定罚款幅度 — the statutory fine range as the penalty article states it: `min`/`max`
 * in fen for `fixed`, in multiples otherwise. "X元以下" has `min` 0; "X倍以下" too.
 */
export const StatutoryFineSchema = z
  .object({
    /** What the range is measured in. */
    basis: FineBasisSchema,
    /** Lowest fine (fen for `fixed`, multiple otherwise). */
    min: z.number().min(0),
    /** Highest fine (fen for `fixed`, multiple otherwise). */
    max: z.number().min(0),
  })
  .refine((f) => f.min <= f.max, { message: "法定罚款下限不能高于上限" })
  .refine(
    (f) => (f.basis === "fixed" ? FenSchema.safeParse(f.min).success && FenSchema.safeParse(f.max).success : true),
    {
      message: "固定数额应为整数分",
    },
  )
  .refine(
    (f) =>
      f.basis === "fixed" ? true : MultipleSchema.safeParse(f.min).success && MultipleSchema.safeParse(f.max).success,
    {
      message: "倍数最多保留四位小数",
    },
  );
/** 法定罚款幅度 (see {@link StatutoryFineSchema}). */
export type StatutoryFine = z.infer<typeof StatutoryFineSchema>;

/** 法定处罚幅度 — what the penalty article allows: the kinds, and the fine range if any. */
export const StatutoryRangeSchema = z.object({
  /** Penalty kinds the article allows (including `fine` when it sets a fine). */
  kinds: z.array(PenaltyKindSchema).min(1),
  /** The fine range, when the article sets a fine. */
  fine: StatutoryFineSchema.optional(),
});
/** 法定处罚幅度 (see {@link StatutoryRangeSchema}). */
export type StatutoryRange = z.infer<typeof StatutoryRangeSchema>;

/**
 * 阶次罚款标准 — how a tier states its fine:
 * - `formula`: from the configured tier formula (SAMR 30/70 or the middle-tier model);
 * - `band`: a band of the statutory range in percent (from–to; for 减轻, percent of the
 *   statutory minimum);
 * - `fixed`: amounts in fen; `multiple`: multiples of the statutory basis;
 * - `none`: no fine in this tier (e.g. a warning only).
 */
export const TierFineSchema = z.discriminatedUnion("mode", [
  z.object({ mode: z.literal("formula") }),
  z.object({ mode: z.literal("band"), fromPercent: PercentSchema, toPercent: PercentSchema }),
  z.object({ mode: z.literal("fixed"), min: FenSchema, max: FenSchema }),
  z.object({ mode: z.literal("multiple"), min: MultipleSchema, max: MultipleSchema }),
  z.object({ mode: z.literal("none") }),
]);
/** 阶次罚款标准 (see {@link TierFineSchema}). */
export type TierFine = z.infer<typeof TierFineSchema>;

/** 裁量阶次 — one tier of a benchmark: when it applies and what it allows. */
export const BenchmarkTierSchema = z.object({
  /** The tier. */
  tier: TierSchema,
  /** 适用情形 — the conditions in Chinese, as the published benchmark states them. */
  description: z.string().min(1),
  /** 情形代码 — circumstance codes that select this tier (see {@link CircumstanceSchema}). */
  conditions: z.array(z.string().min(1)),
  /** 处罚种类 — kinds in this tier; absent = the statutory kinds (none for `none`). */
  kinds: z.array(PenaltyKindSchema).optional(),
  /** 罚款标准 — the fine of this tier. */
  fine: TierFineSchema,
});
/** 裁量阶次 (see {@link BenchmarkTierSchema}). */
export type BenchmarkTier = z.infer<typeof BenchmarkTierSchema>;

/**
 * 裁量基准 — discretion benchmark of one violation (违法行为) in one version: code and
 * name, 违法依据 and 处罚依据, the statutory range, the tiers, and the benchmark document
 * itself (published under 行政处罚法 Art. 34). A tier left out is filled by the formula.
 */
export const BenchmarkSchema = EffectiveSchema.extend({
  /** 违法行为编码 — the violation's code in the bureau's benchmark. */
  code: z.string().min(1),
  /** 违法行为名称. */
  name: z.string().min(1),
  /** 违法依据 — the provisions breached. */
  violationBasis: z.array(RuleSourceSchema).min(1),
  /** 处罚依据 — the penalty provisions. */
  penaltyBasis: z.array(RuleSourceSchema).min(1),
  /** 法定处罚幅度. */
  statutory: StatutoryRangeSchema,
  /** 裁量阶次 — each tier at most once. */
  tiers: z.array(BenchmarkTierSchema),
  /** 基准文件 — the benchmark document (its title in `law`, the item in `section`). */
  document: RuleSourceSchema,
}).refine((b) => new Set(b.tiers.map((t) => t.tier)).size === b.tiers.length, {
  message: "同一裁量阶次只能出现一次",
  path: ["tiers"],
});
/** 裁量基准 (see {@link BenchmarkSchema}). */
export type Benchmark = z.infer<typeof BenchmarkSchema>;

/**
 * 情节效果 — what a circumstance does to the tier: 应当不予处罚 (`noPenalty`), 可以不予处罚
 * (`mayNoPenalty`, applied through a lenient-enforcement list), 应当从轻或者减轻
 * (`lighterOrMitigated`), 可以从轻或者减轻 (`mayLighterOrMitigated`, applied when a tier lists it),
 * 从轻 (`lighter`), 从重 (`heavier`).
 */
export const CircumstanceEffectSchema = z.enum([
  "noPenalty",
  "mayNoPenalty",
  "lighterOrMitigated",
  "mayLighterOrMitigated",
  "lighter",
  "heavier",
]);
/** 情节效果 (see {@link CircumstanceEffectSchema}). */
export type CircumstanceEffect = z.infer<typeof CircumstanceEffectSchema>;

/** 情节效果名称 — Chinese labels of {@link CircumstanceEffect}. */
export const CIRCUMSTANCE_EFFECT_LABELS: Readonly<Record<CircumstanceEffect, string>> = {
  noPenalty: "应当不予处罚",
  mayNoPenalty: "可以不予处罚",
  lighterOrMitigated: "应当从轻或者减轻处罚",
  mayLighterOrMitigated: "可以从轻或者减轻处罚",
  lighter: "从轻处罚",
  heavier: "从重处罚",
};

/** 裁量情节 — a circumstance a tier condition names: code, Chinese description, effect, source. */
export const CircumstanceSchema = z.object({
  /** 情形代码. */
  code: z.string().min(1),
  /** 情形描述 in Chinese. */
  description: z.string().min(1),
  /** What it does to the tier. */
  effect: CircumstanceEffectSchema,
  /** The provision that makes it a ground. */
  source: RuleSourceSchema,
});
/** 裁量情节 (see {@link CircumstanceSchema}). */
export type Circumstance = z.infer<typeof CircumstanceSchema>;

/** 免罚清单类型 — 首违不罚 (`firstViolation`) or 轻微免罚 (`minor`). */
export const LenientKindSchema = z.enum(["firstViolation", "minor"]);
/** 免罚清单类型 (see {@link LenientKindSchema}). */
export type LenientKind = z.infer<typeof LenientKindSchema>;

/** 免罚清单类型名称 — Chinese labels of {@link LenientKind}. */
export const LENIENT_KIND_LABELS: Readonly<Record<LenientKind, string>> = {
  firstViolation: "首违不罚",
  minor: "轻微免罚",
};

/**
 * 免罚清单事项 — one item of a lenient-enforcement list (首违不罚 / 轻微免罚清单,
 * 行政处罚法 Art. 33 para. 1): which violation, on what conditions,
 * under which list, in force when.
 */
export const LenientEntrySchema = EffectiveSchema.extend({
  /** 清单名称 — the list document (title in `law`, item in `section`). */
  list: RuleSourceSchema,
  /** 违法行为编码 of the benchmark it exempts. */
  violationCode: z.string().min(1),
  /** 首违不罚 or 轻微免罚. */
  kind: LenientKindSchema,
  /** 适用条件 in Chinese (e.g. 首次违法、危害后果轻微并在责令期限内改正). */
  conditions: z.string().min(1),
  /** 改正期限（日） — the correction period the list sets, if any. */
  correctionDays: z.number().int().positive().optional(),
});
/** 免罚清单事项 (see {@link LenientEntrySchema}). */
export type LenientEntry = z.infer<typeof LenientEntrySchema>;
