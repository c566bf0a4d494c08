import { z } from "zod";
import { safeParse } from "../kernel/describe-value.js";
import { invalidInput, type SanxiangError } from "../kernel/errors.js";
import { type Fen, FenSchema } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { PenaltySchema } from "../registry/benchmarks/penalty-shape.js";
import { PENALTY_KIND_LABELS, PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import type { PartyKind } from "../registry/entities/parties.js";

const cfl = (article: number, paragraph?: number, item?: number, confidence: "C-law" | "VAR" = "C-law") => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence,
});

export {
  PENALTY_AMOUNT_RULES,
  type PenaltyAmountField,
  type PenaltyAmountRule,
  PenaltySchema,
} from "../registry/benchmarks/penalty-shape.js";

/** 行政处罚内容 (see {@link PenaltySchema}). */
export type Penalty = z.infer<typeof PenaltySchema>;

/**
 * Reads a penalty from untrusted input: the {@link Penalty} or `INVALID_INPUT` naming each
 * failing field (an amount without its kind or the reverse, a non-positive amount, one above
 * the safe range — each message with its article). Never throws.
 */
export function parsePenalty(input: unknown): Result<Penalty, SanxiangError> {
  const parsed = safeParse(PenaltySchema, input);
  return parsed.success ? ok(parsed.data) : err(invalidInput("处罚内容无效", parsed.error.issues, input));
}

/** 罚款数额 — the fine of `penalty` in fen; 0 when it imposes no fine (an amount counts only with its kind). */
export function fineOf(penalty: Penalty): Fen {
  return penalty.kinds.includes("fine") ? (penalty.fineFen ?? 0) : 0;
}

/** 没收数额 — the value confiscated in fen; 0 when it confiscates nothing (an amount counts only with its kind). */
export function confiscationOf(penalty: Penalty): Fen {
  const confiscates = penalty.kinds.includes("confiscateGains") || penalty.kinds.includes("confiscateProperty");
  return confiscates ? (penalty.confiscationFen ?? 0) : 0;
}

/**
 * 加重 — the ways `decided` is heavier than `notified`: a kind not notified, a larger fine,
 * a larger confiscation. Empty when it is not heavier. Kinds are not ranked against each
 * other (the law does not rank them): a kind not in the notice counts as heavier.
 */
export function heavierThan(decided: Penalty, notified: Penalty): string[] {
  const out: string[] = [];
  for (const k of decided.kinds) if (!notified.kinds.includes(k)) out.push(`增加了${PENALTY_KIND_LABELS[k]}`);
  if (fineOf(decided) > fineOf(notified)) out.push("罚款数额高于告知数额");
  if (confiscationOf(decided) > confiscationOf(notified)) out.push("没收数额高于告知数额");
  return out;
}

/**
 * 听证标准 — a bureau's hearing thresholds (行政处罚法 Art. 63 [VAR]): the "较大数额" of a fine
 * or confiscation for individuals and organisations, in fen, inclusive ("以上").
 */
export const LargeAmountThresholdSchema = z.object({
  /** 公民 — inclusive threshold (fen). */
  individualFen: FenSchema,
  /** 法人或者其他组织 — inclusive threshold (fen). */
  organisationFen: FenSchema,
});
/** 听证标准 (see {@link LargeAmountThresholdSchema}). */
export type LargeAmountThreshold = z.infer<typeof LargeAmountThresholdSchema>;

/**
 * 集体讨论标准 — when the heads must discuss a decision collectively (行政处罚法 Art. 57
 * para. 2, "情节复杂或者重大违法行为" [VAR]): a case flagged complex or major, a fine (fen,
 * inclusive) at or above `fineFromFen`, or a penalty of one of `kinds`.
 */
export const CollectiveDiscussionRuleSchema = z.object({
  /** Fine at or above which discussion is required (fen); absent: amount alone never requires it. */
  fineFromFen: FenSchema.optional(),
  /** Penalty kinds that require it. */
  kinds: z.array(PenaltyKindSchema).readonly(),
});
/** 集体讨论标准 (see {@link CollectiveDiscussionRuleSchema}). */
export type CollectiveDiscussionRule = z.infer<typeof CollectiveDiscussionRuleSchema>;

/**
 * 普通程序配置 — a bureau's configuration of the ordinary procedure, each value with a
 * default: the "large amount" hearing thresholds, the kinds that always carry a hearing
 * right (Art. 63 items 3–4), and the collective-discussion rule.
 */
export const PenaltyPolicySchema = z.object({
  /** 较大数额 — hearing thresholds. Default: ¥2,000 / ¥10,000, the lowest confirmed national figures. */
  largeAmount: LargeAmountThresholdSchema.default({ individualFen: 200_000, organisationFen: 1_000_000 }),
  /** Kinds that always carry a hearing right. */
  hearingKinds: z
    .array(PenaltyKindSchema)
    .readonly()
    .default([
      "demoteQualification",
      "revokeLicence",
      "suspendBusiness",
      "orderClose",
      "restrictPractice",
      "restrictActivity",
    ]),
  /** When collective discussion is required. */
  collectiveDiscussion: CollectiveDiscussionRuleSchema.default({
    kinds: ["revokeLicence", "suspendBusiness", "orderClose"],
  }),
});
/** 普通程序配置 (see {@link PenaltyPolicySchema}). */
export type PenaltyPolicy = z.infer<typeof PenaltyPolicySchema>;
/** What a bureau passes: a subset of {@link PenaltyPolicy}. */
export type PenaltyPolicyInput = z.input<typeof PenaltyPolicySchema>;

/** 默认普通程序配置 — the defaults of {@link PenaltyPolicySchema}. */
export const DEFAULT_PENALTY_POLICY: PenaltyPolicy = PenaltyPolicySchema.parse({});

/** 配置依据 — the source of each value of {@link PenaltyPolicy} (the thresholds vary by province and sector). */
export const PENALTY_POLICY_SOURCES: Readonly<Record<keyof PenaltyPolicy, RuleSource>> = {
  largeAmount: cfl(63, 1, 1, "VAR"),
  hearingKinds: cfl(63, 1, 3),
  collectiveDiscussion: cfl(57, 2, undefined, "VAR"),
};

const TRANSFER_RULES = "行政执法机关移送涉嫌犯罪案件的规定";

/**
 * The sources of the procedure's hard guards, one per rule (for refusals and docs). Excluded
 * periods of the decision deadline come from sector rules under Art. 60's "另有规定" (the
 * market-regulation rule is the default citation; a bureau under another rule cites its own).
 */
export const PENALTY_GUARD_SOURCES = {
  officers: cfl(42, 1),
  notice: cfl(44),
  noDecisionWithoutNotice: cfl(62),
  noHeavierAfterDefence: cfl(45, 2),
  limitation: cfl(36, 1),
  hearingRight: cfl(63, 1),
  hearingRequestWindow: cfl(64, 1, 1),
  /** 听证通知：举行听证的七日前通知当事人听证的时间、地点. */
  hearingNotice: cfl(64, 1, 2),
  /** 听证公开举行，涉及国家秘密、商业秘密或者个人隐私依法予以保密的除外. */
  hearingPublic: cfl(64, 1, 3),
  /** 无正当理由拒不出席或者未经许可中途退出，视为放弃听证权利，终止听证. */
  hearingWaived: cfl(64, 1, 6),
  /** 听证应当制作笔录. */
  hearingRecord: cfl(64, 1, 8),
  decideAfterHearing: cfl(65),
  /** 陈述、申辩权：必须充分听取当事人的意见. */
  statementRight: cfl(45, 1),
  /**
   * 陈述申辩期间 — the law sets none (Arts. 44, 45, 62); the default window is the market-
   * regulation rule's five working days from service of the notice ([VAR], a setting: the
   * `penalty.statement` period row).
   */
  statementWindow: { law: "市场监督管理行政处罚程序规定", article: 57, paragraph: 2, confidence: "VAR" },
  review: cfl(58, 1),
  collectiveDiscussion: cfl(57, 2),
  decision: cfl(57, 1),
  decisionDeadline: cfl(60),
  service: cfl(61, 1),
  evidencePreservation: cfl(56),
  transfer: cfl(27, 1),
  transferReport: { law: TRANSFER_RULES, article: 5, paragraph: 1, confidence: "C-law" },
  transferApproval: { law: TRANSFER_RULES, article: 5, paragraph: 2, confidence: "C-law" },
  transferMaterials: { law: TRANSFER_RULES, article: 6, confidence: "C-law" },
  transferAnswer: { law: TRANSFER_RULES, article: 8, confidence: "C-law" },
  excludedPeriods: { law: "市场监督管理行政处罚程序规定", article: 64, confidence: "VAR" },
} as const satisfies Readonly<Record<string, RuleSource>>;

/** 应告知听证权利 — does the proposed penalty carry a hearing right (Art. 63) under `policy`? */
export function hearingRightApplies(penalty: Penalty, party: PartyKind, policy: PenaltyPolicy): boolean {
  const threshold: Fen = party === "person" ? policy.largeAmount.individualFen : policy.largeAmount.organisationFen;
  if (penalty.kinds.some((k) => policy.hearingKinds.includes(k))) return true;
  if (penalty.kinds.includes("fine") && fineOf(penalty) >= threshold) return true;
  const confiscates = penalty.kinds.includes("confiscateGains") || penalty.kinds.includes("confiscateProperty");
  return confiscates && confiscationOf(penalty) >= threshold;
}

/** 应当集体讨论 — does this decision need collective discussion (Art. 57 para. 2) under `policy`? */
export function collectiveDiscussionRequired(
  penalty: Penalty,
  complexOrMajor: boolean,
  policy: PenaltyPolicy,
): boolean {
  if (complexOrMajor) return true;
  const rule = policy.collectiveDiscussion;
  if (penalty.kinds.some((k) => rule.kinds.includes(k))) return true;
  return rule.fineFromFen !== undefined && penalty.kinds.includes("fine") && fineOf(penalty) >= rule.fineFromFen;
}
