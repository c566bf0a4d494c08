import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import {
  classifyDecision,
  DEFAULT_REVIEW_CATALOGUE,
  type MajorClassification,
  type ReviewCatalogue,
} from "./catalogue.js";
import type { ReviewApproval } from "./context.js";
import { type ReviewDraft, ReviewDraftSchema, reviewDraftHash } from "./draft.js";
import type { ReviewState } from "./fold.js";
import { REVIEW_STATE_NAMES } from "./machine.js";
import { REVIEW_SOURCES } from "./policy.js";

/** Options of {@link reviewGate}. */
export interface ReviewGateOptions {
  /** The bureau's catalogue (default {@link DEFAULT_REVIEW_CATALOGUE}). */
  readonly catalogue?: ReviewCatalogue;
  /** The hash the reviews used (default SHA-256). */
  readonly hash?: HashAlgorithm;
  /**
   * 已记录的审核通过 — draft hashes whose approval the case stream already records (a
   * `review.approved` event, or an approval carried by an earlier act): each counts as a
   * passed review of that very draft.
   */
  readonly approvedDraftHashes?: readonly string[];
}

/**
 * 审核关口依据 — the rule the gate cites for a draft: 行政处罚法 Art. 58 para. 1 for a penalty
 * decision (处罚、不予处罚、移送); for a 行政强制 or 行政许可 decision, which Art. 58 does not
 * bind, the pilot plan's gate "未经法制审核或审核未通过的，不得作出决定" (二（三）), which covers
 * every major enforcement decision in the scope 国办发〔2018〕118号 四（十二） sets.
 */
export function reviewGateSource(draft: Pick<ReviewDraft, "outcome">): RuleSource {
  return draft.outcome === "coercion" || draft.outcome === "licence" ? REVIEW_SOURCES.planGate : REVIEW_SOURCES.gate;
}

/** 审核关口通过 — the draft may be decided: not major, or major with an approval of this very draft. */
export interface ReviewGatePass {
  /** Whether the draft is major (review required). */
  readonly classification: MajorClassification;
  /** The draft's hash. */
  readonly draftHash: string;
  /** The approval relied on (major drafts only). */
  readonly approval?: ReviewApproval & { readonly reviewId: string };
}

/**
 * Why the gate refused, in `details.why` of the `REVIEW_NOT_APPROVED` error: never submitted
 * (`notSubmitted`), still under review (`pending`), 存在问题 / 不同意 / in discussion
 * (`notApproved`), or approved, but for another draft (`draftChanged`).
 */
export type ReviewGateRefusal = "notSubmitted" | "pending" | "notApproved" | "draftChanged";

/**
 * 法制审核关口 — may this draft be decided? Classifies it ({@link classifyDecision}); a draft
 * that is not major passes. A major one passes only when one of `reviews` is in the
 * approved state (审核人员同意, or 集体讨论 adopting it) *and* its approval binds to the hash of
 * exactly this draft — the same case, party, facts, basis, outcome, penalty kinds and
 * amounts, circumstances — or its hash is among `options.approvedDraftHashes`. Otherwise
 * `REVIEW_NOT_APPROVED` citing {@link reviewGateSource} (行政处罚法 Art. 58 for penalties, the
 * pilot plan's gate for 强制 and 许可), with the reasons the draft is major, why it did not
 * pass (`details.why`) and the next step. Pure.
 */
export function reviewGate(
  reviews: ReviewState | readonly ReviewState[] | undefined,
  draft: ReviewDraft,
  options: ReviewGateOptions = {},
): Result<ReviewGatePass, SanxiangError> {
  const classification = classifyDecision(draft, options.catalogue ?? DEFAULT_REVIEW_CATALOGUE);
  const draftHash = reviewDraftHash(draft, options.hash);
  if (!classification.major) return ok({ classification, draftHash });
  const recorded = options.approvedDraftHashes ?? [];
  if (recorded.includes(draftHash)) return ok({ classification, draftHash });
  const list: readonly ReviewState[] =
    reviews === undefined ? [] : Array.isArray(reviews) ? reviews : [reviews as ReviewState];
  const mine = list.filter((r) => r.context.caseId === draft.caseId);
  for (const r of mine) {
    const a = r.context.approval;
    if (r.value === "approved" && a !== undefined && a.draftHash === draftHash) {
      return ok({ classification, draftHash, approval: { ...a, reviewId: r.reviewId } });
    }
  }
  const why: ReviewGateRefusal =
    recorded.length > 0 || mine.some((r) => r.value === "approved")
      ? "draftChanged"
      : mine.length === 0
        ? "notSubmitted"
        : mine.some((r) => r.value === "submitted" || r.value === "underReview" || r.value === "escalated")
          ? "pending"
          : "notApproved";
  const text = {
    notSubmitted: "未经法制审核",
    pending: "法制审核尚未完成",
    notApproved: `法制审核未通过（${mine.map((r) => REVIEW_STATE_NAMES[r.value]).join("、")}）`,
    draftChanged: "拟作出的决定与审核通过的草案不一致，原审核意见失效",
  }[why];
  const next = {
    notSubmitted: "将该决定草案提交法制审核（review.submit），审核通过后再作出决定",
    pending: "待审核人员出具同意的审核意见后再作出决定",
    notApproved: "按审核意见修改后重新送审（review.resubmit），或对审核意见有异议的提请集体讨论（review.dispute）",
    draftChanged: "按审核通过的草案作出决定，或将修改后的草案重新送审（review.resubmit / review.submit）",
  }[why];
  const reasons = classification.reasons.map((r) => r.text).join("；");
  const source = reviewGateSource(draft);
  return err(
    sanxiangError(
      "REVIEW_NOT_APPROVED",
      `本案属于重大执法决定（${reasons}），${text}，不得作出决定（依据：${formatSource(source)}）。下一步：${next}`,
      {
        source,
        details: {
          why,
          draftHash,
          reasons: classification.reasons,
          reviews: mine.map((r) => ({ reviewId: r.reviewId, state: r.value })),
        },
      },
    ),
  );
}

/**
 * 重大执法决定审核检查 — {@link reviewGate} for a draft as an app writes it: parses `input`
 * with {@link ReviewDraftSchema} (`INVALID_INPUT` naming the bad fields, before anything
 * else), then gates it. For decisions no procedure of the SDK makes — a 行政许可 decided in
 * the bureau's licensing system, a 行政强制 other than 查封扣押 — an app calls this (or
 * `bureau.checkMajorDecision`, which finds the case's reviews) right before it decides, and
 * refuses to decide on `REVIEW_NOT_APPROVED`. Pure.
 */
export function checkMajorDecision(
  input: unknown,
  reviews: readonly ReviewState[] | undefined,
  options: ReviewGateOptions = {},
): Result<ReviewGatePass, SanxiangError> {
  const parsed = ReviewDraftSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("决定草案无效", parsed.error.issues, input));
  return reviewGate(reviews, parsed.data, options);
}
