import { z } from "zod";
import type { ProvisionalRule } from "../calendar/periods.js";
import { invalidInput, type SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { ReviewCatalogueSchema } from "./catalogue.js";

/**
 * 法制审核配置 — a bureau's configuration of the review workflow, each value with a default:
 * - `catalogue`: its catalogue of major decisions ({@link ReviewCatalogueSchema});
 * - `workingDays` / `extensionDays`: the review time limit, counted in working days from
 *   complete materials (default 7, extendable once by 3 for complex cases — 辽宁, 宁夏住建厅
 *   [VAR]; no national number);
 * - `quorumNumerator` / `quorumDenominator`: the share of the heads that must take part in
 *   a collective discussion (default two thirds, [VAR]);
 * - `discussionResolves`: whether a collective discussion that adopts the draft settles a
 *   disagreement with the reviewers (default true: the coordination mechanism of
 *   宁夏住建厅 [C-local]; false: only the reviewer's 同意 approves).
 */
export const ReviewPolicySchema = z.object({
  /** 重大执法决定法制审核目录清单. */
  catalogue: ReviewCatalogueSchema.default(ReviewCatalogueSchema.parse({})),
  /** 审核期限（工作日）. */
  workingDays: z.number().int().min(1).max(60).default(7),
  /** 延长期限（工作日）; 0: no extension. */
  extensionDays: z.number().int().min(0).max(60).default(3),
  /** 集体讨论法定人数 — numerator. */
  quorumNumerator: z.number().int().min(1).default(2),
  /** 集体讨论法定人数 — denominator. */
  quorumDenominator: z.number().int().min(1).default(3),
  /** 集体讨论可以采纳承办机构意见. */
  discussionResolves: z.boolean().default(true),
});
/** 法制审核配置 (see {@link ReviewPolicySchema}). */
export type ReviewPolicy = z.infer<typeof ReviewPolicySchema>;
/** What a bureau passes: a subset of {@link ReviewPolicy}. */
export type ReviewPolicyInput = z.input<typeof ReviewPolicySchema>;

/** 默认法制审核配置 — the defaults of {@link ReviewPolicySchema}. */
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = ReviewPolicySchema.parse({});

/** Resolves a bureau's review configuration over the defaults, or `INVALID_INPUT`. */
export function resolveReviewPolicy(input: ReviewPolicyInput = {}): Result<ReviewPolicy, SanxiangError> {
  const parsed = ReviewPolicySchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(invalidInput("法制审核配置无效", parsed.error.issues));
}

const law = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});
const PLAN = "沙坡头区司法局三项制度试点工作方案";

/**
 * 法制审核规则依据 — the source of each rule of the review workflow (for refusals, the opinion
 * document and docs/rules.md).
 */
export const REVIEW_SOURCES = {
  /** No major decision without a passed review (Art. 58 para. 1; pilot plan 二（三）). */
  gate: law(58, 1),
  /** The pilot plan's gate: "未经法制审核或审核未通过的，不得作出决定". */
  planGate: { law: PLAN, section: "二（三）", confidence: "C-local" },
  /** First-time penalty reviewers hold the 法律职业资格 (Art. 58 para. 2). */
  qualification: law(58, 2),
  /** Reviewers are the persons doing legal review (Art. 58 para. 1: "从事行政处罚决定法制审核的人员"). */
  reviewer: law(58, 1),
  /** Recusal: a person with an interest — here, one who handled the case — withdraws (Art. 43 para. 1). */
  recusal: law(43, 1),
  /** What the review looks at (pilot plan 二（三）（2）; 118号 四（十三）明确审核内容). */
  checklist: { law: PLAN, section: "二（三）（2）", confidence: "C-local" },
  /** Submission materials and time limit are set by each agency (118号 四（十三）, [M]). */
  materials: { law: "国办发〔2018〕118号", section: "四（十三）", confidence: "M" },
  /** The review time limit ([VAR]: 7 + 3 working days in 辽宁 and 宁夏住建厅). */
  timeLimit: { law: "国办发〔2018〕118号", section: "四（十三）", confidence: "VAR" },
  /** Difficult or complex decisions may go to the legal adviser office (pilot plan 二（三）（3）). */
  escalation: { law: PLAN, section: "二（三）（3）", confidence: "C-local" },
  /** Collective discussion by the heads (Art. 57 para. 2; the quorum is [VAR]). */
  discussion: { law: "行政处罚法", article: 57, paragraph: 2, confidence: "VAR" },
  /**
   * Who takes part in it: the body's heads, registered and in post (Art. 57 para. 2,
   * "行政机关负责人应当集体讨论决定") — the statute's, not the bureau's.
   */
  discussionParticipants: law(57, 2),
  /** Regular training of reviewers (pilot plan 二（三）（4）). */
  training: { law: PLAN, section: "二（三）（4）", confidence: "C-local" },
} as const satisfies Readonly<Record<string, RuleSource>>;

/**
 * 审核期限规则 — the review time limit as rule data: what is counted (the bureau's
 * `workingDays`, from the day the materials are complete), its source, and how a provisional
 * due day is bounded when the limit reaches a year whose holiday notice is not loaded
 * (issue 14 §1, as the `provisional` rule of a statutory period). The limit is the bureau's
 * own duty — 法制审核 must be finished by it, for the party's timely decision and the bureau's
 * own legality — so a provisional due day takes the earliest plausible end: the deadline
 * index warns in time and an extension must come before it, whatever the notice says.
 */
export const REVIEW_TIME_LIMIT_RULE = {
  /** The id the deadline index uses. */
  id: "review.timeLimit",
  /** Chinese name. */
  name: "重大执法决定法制审核期限",
  /** Counted in working days (the figure is the policy's `workingDays` / `extensionDays`). */
  unit: "workday",
  /** The event the limit counts from, in Chinese. */
  startEvent: "送审材料齐全之日",
  /** 国办发〔2018〕118号 四（十三） ([VAR]: 7 + 3 working days in 辽宁 and 宁夏住建厅). */
  source: REVIEW_SOURCES.timeLimit,
  /** How a provisional due day is bounded. */
  provisional: {
    bound: "earliest",
    protects: "authority",
    why: "法制审核期限是行政机关自身的办理期限（关系当事人及时获得决定和本机关依法履职）：暂定取最早可能届满日，期限索引提前预警，延长须在此前办理",
  },
} as const satisfies {
  readonly id: string;
  readonly name: string;
  readonly unit: "workday";
  readonly startEvent: string;
  readonly source: RuleSource;
  readonly provisional: ProvisionalRule;
};
