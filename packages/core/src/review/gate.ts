import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource } from "../kernel/source.js";
import {
  classifyDecision,
  DEFAULT_REVIEW_CATALOGUE,
  type MajorClassification,
  type ReviewCatalogue,
} from "./catalogue.js";
import type { ReviewApproval } from "./context.js";
import { type ReviewDraft, reviewDraftHash } from "./draft.js";
import type { ReviewState } from "./fold.js";
import { REVIEW_STATE_NAMES } from "./machine.js";
import { REVIEW_SOURCES } from "./policy.js";

/** Options of {@link reviewGate}. */
export interface ReviewGateOptions {
  /** The bureau's catalogue (default {@link DEFAULT_REVIEW_CATALOGUE}). */
  readonly catalogue?: ReviewCatalogue;
  /** The hash the reviews used (default SHA-256). */
  readonly hash?: HashAlgorithm;
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
 * amounts, circumstances. Otherwise `REVIEW_NOT_APPROVED` citing 行政处罚法 Art. 58, with
 * the reasons the draft is major and why it did not pass. Pure.
 */
export function reviewGate(
  reviews: ReviewState | readonly ReviewState[] | undefined,
  draft: ReviewDraft,
  options: ReviewGateOptions = {},
): Result<ReviewGatePass, SanxiangError> {
  const classification = classifyDecision(draft, options.catalogue ?? DEFAULT_REVIEW_CATALOGUE);
  const draftHash = reviewDraftHash(draft, options.hash);
  if (!classification.major) return ok({ classification, draftHash });
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
    mine.length === 0
      ? "notSubmitted"
      : mine.some((r) => r.value === "approved")
        ? "draftChanged"
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
  return err(
    sanxiangError(
      "REVIEW_NOT_APPROVED",
      `本案属于重大执法决定（${reasons}），${text}，不得作出决定（依据：${formatSource(REVIEW_SOURCES.gate)}）。下一步：${next}`,
      {
        source: REVIEW_SOURCES.gate,
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
