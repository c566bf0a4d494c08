import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { RuleSource } from "../../kernel/source.js";

/**
 * 执法人员配置 — the bureau's configuration of officer rules, each with a default:
 * - `minimumOfficers`: officers who must act together (行政处罚法 Art. 42: at least two,
 *   "法律另有规定的除外");
 * - `reviewerRatioBasisPoints`: legal reviewers as a share of enforcement staff, in basis
 *   points (500 = 5 %; 国办发〔2018〕118号 "原则上…不少于本单位执法人员总数的5%", [M]: not
 *   checked against the original text);
 * - `trainingHoursPerYear`: the yearly training minimum per officer (60 hours after
 *   提升行政执法质量三年行动计划（2023—2025年）, [M]: not verified);
 * - `regionHierarchy`: whether a city or province scope covers its districts.
 */
export const OfficerPolicySchema = z.object({
  /** 最少执法人员数. */
  minimumOfficers: z.number().int().min(1).max(20).default(2),
  /** 法制审核人员比例（基点）. */
  reviewerRatioBasisPoints: z.number().int().min(0).max(10_000).default(500),
  /** 年度培训学时下限. */
  trainingHoursPerYear: z.number().min(0).max(1000).multipleOf(0.5).default(60),
  /** 执法区域按行政区划层级覆盖. */
  regionHierarchy: z.boolean().default(true),
});
/** 执法人员配置 (see {@link OfficerPolicySchema}). */
export type OfficerPolicy = z.infer<typeof OfficerPolicySchema>;
/** What a bureau passes: a subset of {@link OfficerPolicy}; the rest takes defaults. */
export type OfficerPolicyInput = z.input<typeof OfficerPolicySchema>;

/** 默认执法人员配置 — the defaults of {@link OfficerPolicySchema}. */
export const DEFAULT_OFFICER_POLICY: OfficerPolicy = OfficerPolicySchema.parse({});

/** 配置依据 — the source of each default in {@link OfficerPolicy}. */
export const OFFICER_POLICY_SOURCES: Readonly<Record<keyof OfficerPolicy, RuleSource>> = {
  minimumOfficers: { law: "行政处罚法", article: 42, paragraph: 1, confidence: "C-law" },
  reviewerRatioBasisPoints: { law: "国办发〔2018〕118号", section: "法制审核人员配备", confidence: "M" },
  trainingHoursPerYear: {
    law: "提升行政执法质量三年行动计划（2023—2025年）",
    section: "执法人员培训",
    confidence: "M",
  },
  regionHierarchy: { law: "行政处罚法", article: 42, paragraph: 1, confidence: "VAR" },
};

/** Resolves a bureau's policy over the defaults, or `INVALID_INPUT` naming the bad fields. */
export function resolveOfficerPolicy(input: OfficerPolicyInput = {}): Result<OfficerPolicy, SanxiangError> {
  const parsed = OfficerPolicySchema.safeParse(input);
  if (parsed.success) return ok(parsed.data);
  const fields = parsed.error.issues.map((i) => i.path.map(String).join("."));
  return err(
    sanxiangError("INVALID_INPUT", `执法人员配置无效：${fields.join("、")}`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
    }),
  );
}
