import { z } from "zod";
import { invalidInput, type SanxiangError } from "../kernel/errors.js";
import { type Fen, FenSchema } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { PENALTY_KIND_LABELS, type PenaltyKind, PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import type { PartyKind } from "../registry/entities/parties.js";

const cfl = (article: number, paragraph?: number, item?: number, confidence: "C-law" | "VAR" = "C-law") => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence,
});

/** An amount field of {@link PenaltySchema}. */
export type PenaltyAmountField = "fineFen" | "confiscationFen";

/** 数额与种类 — one amount of a penalty and the kinds it belongs to (see {@link PENALTY_AMOUNT_RULES}). */
export interface PenaltyAmountRule {
  /** The amount field. */
  readonly field: PenaltyAmountField;
  /** The kinds the amount belongs to: it is present exactly when one of them is. */
  readonly kinds: readonly PenaltyKind[];
  /** 名称 — e.g. 罚款. */
  readonly label: string;
  /** The kinds (行政处罚法 Art. 9 item 2). */
  readonly source: RuleSource;
  /** The rules that read the amount: hearing right (Art. 63 para. 1), collective discussion (Art. 57 para. 2). */
  readonly readBy: readonly RuleSource[];
}

/**
 * 处罚数额规则 — an amount exists exactly when its kind does, and is a positive number of
 * fen: a fine (`fineFen`) with the kind 罚款, a confiscated value (`confiscationFen`) with
 * 没收违法所得 or 没收非法财物 (行政处罚法 Art. 9 item 2). The amount decides the hearing
 * right (Art. 63 para. 1 items 1–2, 较大数额罚款 / 没收较大数额违法所得、较大价值非法财物)
 * and collective discussion (Art. 57 para. 2), the kind decides the published conclusion and
 * the review catalogue: a fine without its kind would be collected but never controlled.
 */
export const PENALTY_AMOUNT_RULES: readonly PenaltyAmountRule[] = [
  {
    field: "fineFen",
    kinds: ["fine"],
    label: "罚款",
    source: cfl(9, undefined, 2),
    readBy: [cfl(63, 1, 1), cfl(57, 2)],
  },
  {
    field: "confiscationFen",
    kinds: ["confiscateGains", "confiscateProperty"],
    label: "没收违法所得、没收非法财物",
    source: cfl(9, undefined, 2),
    readBy: [cfl(63, 1, 2)],
  },
];

const PenaltyShapeSchema = z
  .object({
    /** The kinds imposed; at least one. */
    kinds: z.array(PenaltyKindSchema).min(1).readonly(),
    /** 罚款数额 (fen, positive); present exactly when `kinds` has `fine`. */
    fineFen: FenSchema.optional(),
    /** 没收违法所得或非法财物的数额或价值 (fen, positive); present exactly when `kinds` has `confiscateGains` or `confiscateProperty`. */
    confiscationFen: FenSchema.optional(),
  })
  .readonly();

/**
 * 行政处罚内容 — a penalty (kinds of 行政处罚法 Art. 9, registry `PenaltyKindSchema`) as proposed in a notice or imposed by a decision: its kinds, the
 * fine and the value confiscated in integer fen. One shape, validated by
 * {@link PENALTY_AMOUNT_RULES}: an amount is present exactly when its kind is, and is
 * positive (at most `Number.MAX_SAFE_INTEGER`, {@link FenSchema}); each refusal names its
 * article. Stored events are read with the same schema, so a stream recording a fine
 * without the kind does not fold.
 */
export const PenaltySchema = PenaltyShapeSchema.superRefine((p, ctx) => {
  for (const rule of PENALTY_AMOUNT_RULES) {
    const amount = p[rule.field];
    const hasKind = p.kinds.some((k) => rule.kinds.includes(k));
    const cite = formatSource(rule.source);
    if (hasKind && amount === undefined) {
      ctx.addIssue({
        code: "custom",
        path: [rule.field],
        message: `${rule.label}须载明数额（${cite}；据以适用${rule.readBy.map(formatSource).join("、")}）`,
        params: { rule: "amountWithKind", field: rule.field, source: rule.source, readBy: rule.readBy },
      });
    } else if (!hasKind && amount !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [rule.field],
        message: `载明了${rule.label}数额，但处罚种类中没有${rule.label}（${cite}）：数额与种类须一致`,
        params: { rule: "amountWithKind", field: rule.field, source: rule.source, readBy: rule.readBy },
      });
    } else if (amount !== undefined && amount <= 0) {
      ctx.addIssue({
        code: "custom",
        path: [rule.field],
        message: `${rule.label}数额须大于零（${cite}）`,
        params: { rule: "positiveAmount", field: rule.field, source: rule.source },
      });
    }
  }
});
/** 行政处罚内容 (see {@link PenaltySchema}). */
export type Penalty = z.infer<typeof PenaltySchema>;

/**
 * Reads a penalty from untrusted input: the {@link Penalty} or `INVALID_INPUT` naming each
 * failing field (an amount without its kind or the reverse, a non-positive amount, one above
 * the safe range — each message with its article). Never throws.
 */
export function parsePenalty(input: unknown): Result<Penalty, SanxiangError> {
  const parsed = PenaltySchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(invalidInput("处罚内容无效", parsed.error.issues));
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
  decideAfterHearing: cfl(65),
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
