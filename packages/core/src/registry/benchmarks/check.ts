import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { FenSchema } from "../../kernel/money.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { formatSource, type RuleSource, RuleSourceSchema } from "../../kernel/source.js";
import { amountText } from "../../kernel/wording.js";
import { EDUCATION_SOURCE, MITIGATION_SOURCE } from "./circumstances.js";
import { describeRange } from "./ranges.js";
import {
  circumstanceCatalogue,
  RecommendationSchema,
  type RecommendOptions,
  RecommendOptionsSchema,
  recommendPenalty,
} from "./recommend.js";
import { BenchmarkSchema, type Circumstance, PENALTY_KIND_LABELS, PenaltyKindSchema, TIER_LABELS } from "./schema.js";

/**
 * 程序要求 — what a decision then needs: 说明理由 (`reasons`), 法制审核 (`legalReview`),
 * 集体讨论 (`collectiveDiscussion`), 负责人批准 (`approval`), 教育 (`education`).
 */
export const RequirementKindSchema = z.enum([
  "reasons",
  "legalReview",
  "collectiveDiscussion",
  "approval",
  "education",
]);
/** 程序要求 (see {@link RequirementKindSchema}). */
export type RequirementKind = z.infer<typeof RequirementKindSchema>;

/** 程序要求 — one requirement with its Chinese text and source. */
export const RequirementSchema = z.object({
  /** What is required. */
  kind: RequirementKindSchema,
  /** What the officer must do, in Chinese. */
  text: z.string().min(1),
  /** The rule that requires it. */
  source: RuleSourceSchema,
  /** For 集体讨论: the principal head's approval (主要负责人批准) may stand in for it. */
  orApproval: z.boolean().optional(),
});
/** 程序要求 (see {@link RequirementSchema}). */
export type Requirement = z.infer<typeof RequirementSchema>;

/**
 * 偏离基准的程序要求 — configuration of what a decision needs: outside its tier (within the
 * statutory range), in the 减轻 tier or below the statutory minimum, and when not punished.
 * Catalogues of major decisions differ by province (each agency draws up its own, 国办发〔2018〕118号
 * 四（十二）), hence configuration.
 */
export const DeviationPolicySchema = z.object({
  /** Outside the recommended tier but within the statutory range. */
  outsideTier: z.array(RequirementSchema),
  /** 减轻 — in the 减轻 tier, or below the statutory minimum with a ground. */
  mitigated: z.array(RequirementSchema),
  /** 不予处罚. */
  noPenalty: z.array(RequirementSchema),
});
/** 偏离基准的程序要求 (see {@link DeviationPolicySchema}). */
export type DeviationPolicy = z.infer<typeof DeviationPolicySchema>;

const GUIDANCE: RuleSource = { law: "国办发〔2022〕27号", confidence: "M" };
// The bureau's catalogue of major decisions (国办发〔2018〕118号 四（十二）, or the bureau's own
// rule), not 行政处罚法 Art. 58 para. 1 item 4 (what 法律、法规 require).
const CATALOGUE: RuleSource = { law: "国办发〔2018〕118号", section: "四（十二）", confidence: "VAR" };
// 减轻 decided by the heads collectively is a local benchmark rule (国办发〔2022〕27号: reductions
// below the minimum need strict assessment and approval), not 行政处罚法 Art. 57 para. 2
// (情节复杂或者重大违法行为给予较重的行政处罚): a model value, [M].
const COLLECTIVE: RuleSource = { law: "国办发〔2022〕27号", confidence: "M" };

const reasons: Requirement = {
  kind: "reasons",
  text: "在处罚决定书和案卷中说明裁量基准的适用情况及理由",
  source: GUIDANCE,
};

/**
 * 默认程序要求 — outside the tier: recorded reasons, collective discussion (or the principal
 * head's approval, 国办发〔2022〕27号 [M]) and legal review where the bureau's catalogue lists
 * deviations (巩义 [VAR]); 减轻: reasons, legal review (长治 lists every 减轻 as major [VAR]) and
 * collective discussion; 不予处罚: education (行政处罚法 Art. 33 para. 3).
 */
export const DEFAULT_DEVIATION_POLICY: DeviationPolicy = {
  outsideTier: [
    reasons,
    {
      kind: "collectiveDiscussion",
      text: "经行政机关负责人集体讨论决定或者主要负责人批准，批准材料归入案卷",
      source: GUIDANCE,
      orApproval: true,
    },
    { kind: "legalReview", text: "超出裁量基准的决定列入重大执法决定法制审核目录的，须经法制审核", source: CATALOGUE },
  ],
  mitigated: [
    reasons,
    { kind: "legalReview", text: "减轻行政处罚列入重大执法决定法制审核目录的，须经法制审核", source: CATALOGUE },
    { kind: "collectiveDiscussion", text: "减轻行政处罚由行政机关负责人集体讨论决定", source: COLLECTIVE },
  ],
  noPenalty: [{ kind: "education", text: "对不予行政处罚的当事人进行教育", source: EDUCATION_SOURCE }],
};

/** 拟处罚 — a proposed penalty to check: the benchmark, circumstances found, fine and kinds. */
export const PenaltyProposalSchema = z.object({
  /** The benchmark applied. */
  benchmark: BenchmarkSchema,
  /** Circumstance codes found. */
  circumstances: z.array(z.string()),
  /** 拟罚款 in fen (0 = no fine). */
  fine: FenSchema,
  /** 拟处罚种类; absent = a fine alone when `fine` > 0, none otherwise. */
  kinds: z.array(PenaltyKindSchema).optional(),
});
/** 拟处罚 (see {@link PenaltyProposalSchema}). */
export type PenaltyProposal = z.infer<typeof PenaltyProposalSchema>;

/** Options of {@link checkPenalty}: those of {@link recommendPenalty} and the deviation policy. */
export const CheckOptionsSchema = RecommendOptionsSchema.extend({
  /** 偏离基准的程序要求 (default {@link DEFAULT_DEVIATION_POLICY}). */
  policy: DeviationPolicySchema.optional(),
});
/** Options of {@link checkPenalty} (see {@link CheckOptionsSchema}). */
export type CheckOptions = z.infer<typeof CheckOptionsSchema>;

/** 偏离位置 — where the proposal lies against the recommended tier and the statutory range. */
export const PositionSchema = z.enum(["withinTier", "belowTier", "aboveTier", "belowStatutory"]);
/** 偏离位置 (see {@link PositionSchema}). */
export type Position = z.infer<typeof PositionSchema>;

/** 裁量检查结果 — within the tier, or outside with what the decision then requires. */
export const PenaltyCheckSchema = z.object({
  /** `within` the recommended tier, or `outside` it (still lawful). */
  status: z.enum(["within", "outside"]),
  /** Where the proposal lies. */
  position: PositionSchema,
  /** The recommendation checked against. */
  recommendation: RecommendationSchema,
  /** What the decision requires, each with its source. */
  requirements: z.array(RequirementSchema),
  /** A one-line verdict in Chinese. */
  message: z.string(),
});
/** 裁量检查结果 (see {@link PenaltyCheckSchema}). */
export type PenaltyCheck = z.infer<typeof PenaltyCheckSchema>;

function merge(...lists: readonly Requirement[][]): Requirement[] {
  const out = new Map<string, Requirement>();
  for (const list of lists) for (const r of list) if (!out.has(r.kind)) out.set(r.kind, r);
  return [...out.values()];
}

function refuse(message: string, source: RuleSource, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("PENALTY_OUT_OF_RANGE", message, { source, details });
}

/**
 * 依法不予处罚的情节 — the first of `codes` that bars any penalty (effect `noPenalty`:
 * 行政处罚法 Art. 30 不满十四周岁, Art. 31 不能辨认或者不能控制自己行为, Art. 33 para. 1
 * 轻微并及时改正没有危害后果, Art. 33 para. 2 没有主观过错 — "不予行政处罚", shall), read in
 * the statutory catalogue and a bureau's `extra` rows; `undefined` when none does. A
 * 可以不予处罚 ground (首违不罚, `mayNoPenalty`) does not bar a penalty. Unknown codes are
 * ignored here ({@link recommendPenalty} refuses them). The decision step of the ordinary
 * procedure refuses a penalty with such a ground on record, citing the ground's article.
 */
export function noPenaltyGround(
  codes: readonly string[],
  extra: readonly Circumstance[] = [],
): Circumstance | undefined {
  const catalogue = circumstanceCatalogue(extra);
  return codes.map((c) => catalogue.get(c)).find((c) => c?.effect === "noPenalty");
}

/**
 * 裁量检查 — checks a proposed penalty against the benchmark's recommendation. Within the
 * tier's range it passes (`within`; a 减轻 or 不予处罚 decision still lists its requirements).
 * Outside the tier but lawful it is `outside`, with what the decision then requires from
 * the policy: recorded reasons, collective discussion, legal review (国办发〔2022〕27号 on
 * departing from a benchmark; local major-decision catalogues, e.g. 巩义's, list going outside it).
 *
 * Errors (`PENALTY_OUT_OF_RANGE`, with the source): a fine above the statutory maximum or a
 * kind the penalty article does not allow (处罚依据); any penalty where the law says 不予处罚
 * (the ground's article); below the statutory minimum without a 从轻或者减轻 ground
 * (行政处罚法 Art. 32). `INVALID_INPUT` as for {@link recommendPenalty}.
 */
export function checkPenalty(
  proposal: PenaltyProposal,
  options: CheckOptions = {},
): Result<PenaltyCheck, SanxiangError> {
  const parsed = PenaltyProposalSchema.safeParse(proposal);
  if (!parsed.success) {
    return err(sanxiangError("INVALID_INPUT", `拟处罚信息无效：${parsed.error.message}`, { details: { proposal } }));
  }
  const { policy = DEFAULT_DEVIATION_POLICY, ...recommendOptions } = options;
  const { benchmark, fine } = proposal;
  const kinds = proposal.kinds ?? (fine > 0 ? ["fine" as const] : []);
  return recommendPenalty(benchmark, proposal.circumstances, recommendOptions as RecommendOptions).andThen(
    (rec): Result<PenaltyCheck, SanxiangError> => {
      const basis = benchmark.penaltyBasis[0] as RuleSource;
      const amount = amountText(fine);
      const result = (status: "within" | "outside", position: Position, requirements: Requirement[], message: string) =>
        ok({ status, position, recommendation: rec, requirements, message });

      const barred = kinds.filter((k) => !benchmark.statutory.kinds.includes(k));
      if (barred.length > 0) {
        const names = barred.map((k) => PENALTY_KIND_LABELS[k]).join("、");
        return err(refuse(`处罚种类「${names}」不在${formatSource(basis)}规定的范围内`, basis, { barred }));
      }
      if (fine > rec.statutoryRange.max) {
        return err(
          refuse(`拟罚款${amount}超过${formatSource(basis)}规定的上限${amountText(rec.statutoryRange.max)}`, basis, {
            fine,
            statutoryMax: rec.statutoryRange.max,
          }),
        );
      }
      const catalogue = circumstanceCatalogue(options.circumstances);
      const grounds = proposal.circumstances.map((c) => catalogue.get(c)).filter((c) => c !== undefined);

      if (rec.tier === "none") {
        if (fine === 0 && kinds.length === 0)
          return result("within", "withinTier", policy.noPenalty, "依法不予行政处罚");
        const mandatory = noPenaltyGround(proposal.circumstances, options.circumstances);
        if (mandatory !== undefined) {
          return err(refuse(`${mandatory.description}，依法应当不予行政处罚`, mandatory.source, { fine, kinds }));
        }
        return result("outside", "aboveTier", policy.outsideTier, `裁量基准建议不予处罚，拟处罚超出基准`);
      }
      const extraKinds = kinds.filter((k) => !rec.penaltyKinds.includes(k));
      const mitigating = grounds.some((c) => c.effect === "lighterOrMitigated" || c.effect === "mayLighterOrMitigated");
      const range = describeRange(rec.range);
      if (fine < rec.statutoryRange.min && !(rec.tier === "mitigated" && fine >= rec.range.min)) {
        if (!mitigating) {
          return err(
            refuse(`拟罚款${amount}低于法定下限，且无依法从轻或者减轻处罚的情形`, MITIGATION_SOURCE, {
              fine,
              statutoryMin: rec.statutoryRange.min,
            }),
          );
        }
        return result(
          "outside",
          "belowStatutory",
          merge(policy.mitigated, policy.outsideTier),
          `拟罚款${amount}低于法定下限（减轻处罚），超出「${TIER_LABELS[rec.tier]}」阶次：${range}`,
        );
      }
      const tierReqs = rec.tier === "mitigated" ? policy.mitigated : [];
      if (fine >= rec.range.min && fine <= rec.range.max && extraKinds.length === 0) {
        return result(
          "within",
          "withinTier",
          tierReqs,
          `拟罚款${amount}在「${TIER_LABELS[rec.tier]}」阶次内：${range}`,
        );
      }
      const position: Position = fine < rec.range.min ? "belowTier" : "aboveTier";
      const why =
        extraKinds.length > 0
          ? `处罚种类「${extraKinds.map((k) => PENALTY_KIND_LABELS[k]).join("、")}」超出「${TIER_LABELS[rec.tier]}」阶次`
          : `拟罚款${amount}超出「${TIER_LABELS[rec.tier]}」阶次：${range}`;
      return result("outside", position, merge(tierReqs, policy.outsideTier), why);
    },
  );
}
