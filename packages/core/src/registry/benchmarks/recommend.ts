import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, type Result } from "../../kernel/result.js";
import { formatSource, type RuleSource, RuleSourceSchema } from "../../kernel/source.js";
import { CivilDateSchema } from "../../kernel/time.js";
import { inForce } from "../versions.js";
import { EDUCATION_SOURCE, STATUTORY_CIRCUMSTANCES } from "./circumstances.js";
import { SAMR_TIER_FORMULA, TierFormulaSchema } from "./formula.js";
import {
  describeRange,
  FineContextSchema,
  PenaltyRangeSchema,
  resolveStatutoryFine,
  resolveTierFine,
  tierOf,
} from "./ranges.js";
import {
  type Benchmark,
  CIRCUMSTANCE_EFFECT_LABELS,
  type Circumstance,
  CircumstanceSchema,
  LENIENT_KIND_LABELS,
  LenientEntrySchema,
  PenaltyKindSchema,
  TIER_LABELS,
  type Tier,
  TierSchema,
} from "./schema.js";

/** 说明理由 — one line of a recommendation's explanation: Chinese text and the rule it rests on. */
export const ExplanationSchema = z.object({
  /** What was applied, in Chinese. */
  text: z.string().min(1),
  /** The provision or document applied. */
  source: RuleSourceSchema,
});
/** 说明理由 (see {@link ExplanationSchema}). */
export type Explanation = z.infer<typeof ExplanationSchema>;

/**
 * 裁量建议 — the recommended tier, its fine range (fen, with multiples where the basis is a
 * multiple), the statutory range for comparison, the penalty kinds, the circumstance codes
 * that decided the tier, and an explanation citing each article used.
 */
export const RecommendationSchema = z.object({
  /** 违法行为编码. */
  violationCode: z.string().min(1),
  /** 裁量阶次. */
  tier: TierSchema,
  /** 阶次罚款幅度. */
  range: PenaltyRangeSchema,
  /** 法定罚款幅度 (resolved). */
  statutoryRange: PenaltyRangeSchema,
  /** 处罚种类 of the tier (empty for 不予处罚). */
  penaltyKinds: z.array(PenaltyKindSchema),
  /** Circumstance codes that decided the tier. */
  grounds: z.array(z.string()),
  /** 说明理由, each line with its source. */
  explanation: z.array(ExplanationSchema),
});
/** 裁量建议 (see {@link RecommendationSchema}). */
export type Recommendation = z.infer<typeof RecommendationSchema>;

/**
 * Options of {@link recommendPenalty}: the amounts multiples are taken of, the bureau's own
 * circumstances (added to the statutory ones, which cannot be replaced), the lenient
 * lists, the tier formula (default {@link SAMR_TIER_FORMULA}), the date of the act (filters
 * the lists), and whether a mandatory 从轻或者减轻 ground leads to 减轻 rather than 从轻.
 */
export const RecommendOptionsSchema = FineContextSchema.extend({
  /** The bureau's circumstances beyond 行政处罚法 Arts. 30–33. */
  circumstances: z.array(CircumstanceSchema).optional(),
  /** 首违不罚 / 轻微免罚 entries (those of other violations are ignored). */
  lenient: z.array(LenientEntrySchema).optional(),
  /** 裁量阶次划分公式. */
  formula: TierFormulaSchema.optional(),
  /** Date of the act: lenient entries not in force then are ignored. */
  date: CivilDateSchema.optional(),
  /** A mandatory 从轻或者减轻 ground gives 减轻 (default: 从轻 unless a 减轻 condition matches). */
  preferMitigated: z.boolean().optional(),
});
/** Options of {@link recommendPenalty} (see {@link RecommendOptionsSchema}). */
export type RecommendOptions = z.infer<typeof RecommendOptionsSchema>;

/** The circumstance catalogue: the bureau's rows, then the statutory rows (which win). */
export function circumstanceCatalogue(extra: readonly Circumstance[] = []): ReadonlyMap<string, Circumstance> {
  return new Map([...extra, ...STATUTORY_CIRCUMSTANCES].map((c) => [c.code, c]));
}

interface Decision {
  readonly tier: Tier;
  readonly grounds: readonly Circumstance[];
  readonly notes: readonly Explanation[];
}

function decideTier(benchmark: Benchmark, present: readonly Circumstance[], options: RecommendOptions): Decision {
  const matches = (tier: Tier) => {
    const codes = tierOf(benchmark, tier)?.conditions ?? [];
    return present.filter((c) => codes.includes(c.code));
  };
  const mandatoryNone = present.filter((c) => c.effect === "noPenalty");
  if (mandatoryNone.length > 0) return { tier: "none", grounds: mandatoryNone, notes: [] };

  // 行政处罚法 Art. 33 para. 1: a first violation "may" go unpunished — the bureau's list decides.
  const mayNone = present.filter((c) => c.effect === "mayNoPenalty");
  const listed = (options.lenient ?? []).filter(
    (e) => e.violationCode === benchmark.code && (options.date === undefined || inForce(e, options.date)),
  );
  if (mayNone.length > 0 && listed.length > 0) {
    const notes = listed.map((e) => ({
      text: `本违法行为列入${formatSource(e.list)}（${LENIENT_KIND_LABELS[e.kind]}），适用条件：${e.conditions}`,
      source: e.list,
    }));
    return { tier: "none", grounds: mayNone, notes };
  }
  const noneByBenchmark = matches("none");
  if (noneByBenchmark.length > 0) return { tier: "none", grounds: noneByBenchmark, notes: [] };

  const mandatory = present.filter((c) => c.effect === "lighterOrMitigated");
  const mitigated = matches("mitigated");
  const lighter = [...new Set([...matches("lighter"), ...present.filter((c) => c.effect === "lighter")])];
  const heavier = [...new Set([...matches("heavier"), ...present.filter((c) => c.effect === "heavier")])];

  let tier: Tier | undefined;
  let grounds: Circumstance[] = [];
  if (mitigated.length > 0 || (mandatory.length > 0 && options.preferMitigated === true)) {
    tier = "mitigated";
    grounds = [...new Set([...mitigated, ...mandatory])];
  } else if (lighter.length > 0 || mandatory.length > 0) {
    tier = "lighter";
    grounds = [...new Set([...lighter, ...mandatory])];
  }
  const notes: Explanation[] = [];
  if (heavier.length > 0) {
    const list = heavier.map((c) => c.description).join("；");
    if (tier === undefined) return { tier: "heavier", grounds: heavier, notes };
    if (mandatory.length === 0) {
      // Lighter and heavier grounds of the benchmark only: they offset (a reading to review).
      notes.push({
        text: `同时存在从轻情节与从重情节（${list}），相互抵消，适用一般阶次`,
        source: benchmark.document,
      });
      return { tier: "ordinary", grounds: [...grounds, ...heavier], notes };
    }
    // A statutory 应当从轻或者减轻 ground is not displaced by benchmark 从重 grounds.
    for (const c of heavier) {
      notes.push({ text: `从重情节「${c.description}」不排除法定应当从轻或者减轻处罚情节的适用`, source: c.source });
    }
  }
  return { tier: tier ?? "ordinary", grounds, notes };
}

/**
 * 裁量建议 — recommends a tier and range for `benchmark` given the circumstance codes found:
 * 行政处罚法 Arts. 30, 31, 33 grounds give 不予处罚; a 首违不罚 listing with a first-violation
 * circumstance gives 不予处罚 (Art. 33 para. 1); Art. 30 / 32 grounds give at least 从轻 (减轻
 * when the benchmark's 减轻 conditions match or `preferMitigated`); the benchmark's 从重
 * conditions give 从重; benchmark-only lighter and heavier grounds together give 一般.
 * The explanation cites the 违法依据, the 处罚依据, each ground and the benchmark document.
 *
 * Errors: `INVALID_INPUT` for an unknown circumstance code, a missing illegal-gains or
 * goods-value amount where the fine is a multiple, or invalid options.
 */
export function recommendPenalty(
  benchmark: Benchmark,
  circumstances: readonly string[],
  options: RecommendOptions = {},
): Result<Recommendation, SanxiangError> {
  const parsed = RecommendOptionsSchema.safeParse(options);
  if (!parsed.success) {
    return err(sanxiangError("INVALID_INPUT", `裁量建议参数无效：${parsed.error.message}`, { details: { options } }));
  }
  const catalogue = circumstanceCatalogue(options.circumstances);
  const unknown = circumstances.filter((c) => !catalogue.has(c));
  if (unknown.length > 0) {
    return err(sanxiangError("INVALID_INPUT", `未知的裁量情形代码：${unknown.join("、")}`, { details: { unknown } }));
  }
  const present = [...new Set(circumstances)].map((c) => catalogue.get(c) as Circumstance);
  const decision = decideTier(benchmark, present, options);
  const formula = options.formula ?? SAMR_TIER_FORMULA;
  const ctx = {
    ...(options.illegalGains === undefined ? {} : { illegalGains: options.illegalGains }),
    ...(options.goodsValue === undefined ? {} : { goodsValue: options.goodsValue }),
  };

  return resolveStatutoryFine(benchmark, ctx).andThen((statutoryRange) =>
    resolveTierFine(benchmark, decision.tier, ctx, formula).map((range): Recommendation => {
      const own = tierOf(benchmark, decision.tier);
      let kinds = decision.tier === "none" ? [] : (own?.kinds ?? benchmark.statutory.kinds);
      if (range.max === 0) kinds = kinds.filter((k) => k !== "fine");
      const explanation: Explanation[] = [
        ...benchmark.violationBasis.map((s) => ({
          text: `违法行为「${benchmark.name}」违反${formatSource(s)}`,
          source: s,
        })),
        ...benchmark.penaltyBasis.map((s) => ({ text: `处罚依据：${formatSource(s)}`, source: s })),
        ...decision.grounds.map((c) => ({
          text: `${c.description}，依法${CIRCUMSTANCE_EFFECT_LABELS[c.effect]}`,
          source: c.source,
        })),
        ...decision.notes,
        { text: tierText(decision.tier, own?.description, describeRange(range)), source: benchmark.document },
      ];
      if (
        decision.tier !== "none" &&
        benchmark.statutory.fine !== undefined &&
        (own === undefined || own.fine.mode === "formula")
      ) {
        explanation.push({ text: `阶次幅度按「${formula.name}」划分`, source: formula.source });
      }
      if (decision.tier === "none")
        explanation.push({ text: "对不予行政处罚的当事人应当进行教育", source: EDUCATION_SOURCE });
      return {
        violationCode: benchmark.code,
        tier: decision.tier,
        range,
        statutoryRange,
        penaltyKinds: kinds,
        grounds: decision.grounds.map((c) => c.code),
        explanation,
      };
    }),
  );
}

function tierText(tier: Tier, description: string | undefined, range: string): string {
  const when = description === undefined ? "" : `（适用情形：${description}）`;
  return tier === "none" ? `适用「不予处罚」${when}` : `适用「${TIER_LABELS[tier]}」阶次${when}：${range}`;
}

/** The sources an explanation cites, without repeats (for a decision document's 依据 list). */
export function citedSources(recommendation: Recommendation): RuleSource[] {
  const seen = new Map<string, RuleSource>();
  for (const e of recommendation.explanation) seen.set(JSON.stringify(e.source), e.source);
  return [...seen.values()];
}
