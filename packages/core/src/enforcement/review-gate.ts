// The ordinary procedure's side of the legal-review gate (行政处罚法 Art. 58): the decision
// about to be made, as the review module's draft; whether it is major; and whether an
// approval of exactly that decision exists — in the case's stream, or in a review the app
// loaded (then recorded in the case as `review.approved`).
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import { classifyDecision, DEFAULT_REVIEW_CATALOGUE, type MajorReason, REVIEW_RULES } from "../review/catalogue.js";
import { checkReviewer } from "../review/decide.js";
import { type ReviewDraft, reviewDraftHash } from "../review/draft.js";
import type { ReviewGateRefusal } from "../review/gate.js";
import { REVIEW_STATE_NAMES, type ReviewStateName } from "../review/machine.js";
import type { DecisionOutcome } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import type { PenaltyEvent } from "./events.js";
import { type DecideContext, refuse } from "./guards.js";
import type { Penalty } from "./penalty.js";
import { PENALTY_GUARD_SOURCES as SRC } from "./penalty.js";

/**
 * 案件决定草案 — the decision about to be made in a case, as a legal-review draft: the case,
 * its party, the facts (of the notice in force, else of 调查终结), the basis of the notice, the
 * outcome and the penalty; and what the case knows of the circumstances — a hearing held,
 * 情节复杂或者重大 (read as Art. 58 para. 1 item 3). Apps submitting the case for review
 * submit this draft (adding the circumstances only they know), so the hashes agree. `flags`
 * are what the discretion-benchmark gate found (超出裁量基准, 减轻处罚;
 * enforcement/benchmark-gate.ts `checkDecisionBenchmark`), so the catalogue rows apply.
 */
export function caseDecisionDraft(
  c: PenaltyCaseContext,
  outcome: DecisionOutcome,
  penalty?: Penalty,
  flags: BenchmarkFlags = NO_BENCHMARK_FLAGS,
): ReviewDraft {
  return {
    caseId: c.caseId,
    party: c.party ?? { kind: "organisation", name: "（未立案）" },
    facts: c.facts ?? "",
    basis: c.basis ?? [],
    outcome,
    ...(penalty === undefined ? {} : { penalty }),
    hearingHeld: c.hearingHeld,
    majorRights: false,
    complex: c.complexOrMajor,
    severalLegalRelationships: false,
    majorPublicInterest: false,
    majorSocialImpact: false,
    mitigated: flags.mitigated,
    outsideBenchmark: flags.outsideBenchmark,
    requiredBy: [],
  };
}

/** 裁量基准标志 — 超出裁量基准 and 减轻处罚, as the benchmark gate found them (both false without a benchmark). */
export interface BenchmarkFlags {
  /** 超出裁量基准. */
  readonly outsideBenchmark: boolean;
  /** 减轻处罚. */
  readonly mitigated: boolean;
}

const NO_BENCHMARK_FLAGS: BenchmarkFlags = { outsideBenchmark: false, mitigated: false };

/** Review states in which the review is still running (送审、审核中、法律顾问室审核中). */
const PENDING: readonly ReviewStateName[] = ["submitted", "underReview", "escalated"];

/** 决定哈希 — {@link reviewDraftHash} of {@link caseDecisionDraft}: what `case.decided` records and an approval must name. */
export function caseDecisionHash(
  c: PenaltyCaseContext,
  outcome: DecisionOutcome,
  penalty: Penalty | undefined,
  ctx: Pick<DecideContext, "hash">,
): string {
  return reviewDraftHash(caseDecisionDraft(c, outcome, penalty), ctx.hash);
}

/** 审核关口结论 — whether the decision is major, why, and its hash. */
export interface CaseReviewCheck {
  /** 重大执法决定. */
  readonly major: boolean;
  /** Why (the catalogue's reasons, and the case's own 须经法制审核 flag). */
  readonly reasons: readonly MajorReason[];
  /** {@link caseDecisionHash}. */
  readonly draftHash: string;
}

/**
 * 法制审核关口 — `case.decide`'s check: the decision is major when the catalogue
 * ({@link classifyDecision} with `ctx.reviewCatalogue`) says so or 调查终结 flagged it; a
 * major decision needs an approval of its very hash in the case (`REVIEW_NOT_APPROVED`
 * otherwise, citing Art. 58 with the reasons). `details.why` says which refusal it is, as
 * the review module's gate does ({@link ReviewGateRefusal}): `notSubmitted` (never reviewed
 * — no approval in the case, no review of it in `ctx.reviews`), `pending`, `notApproved`,
 * or `draftChanged` (an approval exists, of another draft); the message names the next step.
 */
export function checkCaseReview(
  c: PenaltyCaseContext,
  outcome: DecisionOutcome,
  penalty: Penalty | undefined,
  ctx: DecideContext,
  flags: BenchmarkFlags = NO_BENCHMARK_FLAGS,
): Result<CaseReviewCheck, SanxiangError> {
  const draft = caseDecisionDraft(c, outcome, penalty, flags);
  const draftHash = reviewDraftHash(draft, ctx.hash);
  const reasons = [...classifyDecision(draft, ctx.reviewCatalogue ?? DEFAULT_REVIEW_CATALOGUE).reasons];
  if (c.reviewRequired && reasons.length === 0) {
    reasons.push({
      rule: "requiredByLaw",
      text: "调查终结时认定须经法制审核",
      source: REVIEW_RULES.requiredByLaw.source,
    });
  }
  const major = reasons.length > 0;
  if (!major || c.approvedDraftHashes.includes(draftHash)) return ok({ major, reasons, draftHash });
  const mine = (ctx.reviews ?? []).filter((r) => r.context.caseId === c.caseId);
  const why: ReviewGateRefusal =
    c.approvedDraftHashes.length > 0 || mine.some((r) => r.value === "approved")
      ? "draftChanged"
      : mine.length === 0
        ? "notSubmitted"
        : mine.some((r) => PENDING.includes(r.value))
          ? "pending"
          : "notApproved";
  const states = mine.map((r) => REVIEW_STATE_NAMES[r.value]).join("、");
  const text: Record<ReviewGateRefusal, string> = {
    notSubmitted: `拟作出的决定未经法制审核。下一步：将本决定草案（草案哈希 ${draftHash.slice(0, 12)}…）提交法制审核（review.submit），审核通过后再作出决定`,
    pending: `法制审核尚未完成（${states}）。下一步：待审核人员出具同意的审核意见后再作出决定`,
    notApproved: `法制审核未通过（${states}）。下一步：按审核意见修改后重新送审（review.resubmit），或对审核意见有异议的提请集体讨论（review.dispute）`,
    draftChanged:
      "拟作出的决定与审核通过的草案不一致（当事人、事实、依据、处理结果或处罚种类、数额有变化），原审核意见不适用于本决定。下一步：按审核通过的草案作出决定，或将修改后的草案重新送审（review.resubmit / review.submit）",
  };
  return err(
    refuse(
      "REVIEW_NOT_APPROVED",
      `本案属于重大执法决定（${reasons.map((r) => r.text).join("；")}），${text[why]}`,
      SRC.review,
      { why, draftHash, reasons, reviews: mine.map((r) => ({ reviewId: r.reviewId, state: r.value })) },
    ),
  );
}

/**
 * The `review.approved` event to record before `case.decide`, when one of `ctx.reviews` (of
 * this case) approved exactly the decision being made and the case does not record it yet.
 */
export function approvalFromReviews(
  c: PenaltyCaseContext,
  outcome: DecisionOutcome,
  penalty: Penalty | undefined,
  at: Instant,
  ctx: DecideContext,
): Extract<PenaltyEvent, { type: "review.approved" }> | undefined {
  if (ctx.reviews === undefined || ctx.reviews.length === 0) return undefined;
  const draftHash = caseDecisionHash(c, outcome, penalty, ctx);
  if (c.approvedDraftHashes.includes(draftHash)) return undefined;
  const r = ctx.reviews.find(
    (x) => x.context.caseId === c.caseId && x.value === "approved" && x.context.approval?.draftHash === draftHash,
  );
  return r === undefined ? undefined : { type: "review.approved", at, draftHash, reviewId: r.reviewId };
}

/**
 * `review.approve` naming a review: that review, of this case, is approved for exactly
 * `draftHash` (`REVIEW_NOT_APPROVED` otherwise). Without `reviewId` it is a direct approval
 * by the legal reviewer: the role is checked by the permission table, and the reviewer by
 * `checkReviewer` as in the workflow (in post, 法律职业资格 for a first-time reviewer, recusal).
 */
export function checkApprovalCommand(
  c: PenaltyCaseContext,
  draftHash: string,
  reviewId: string | undefined,
  ctx: DecideContext,
): Result<true, SanxiangError> {
  if (c.officerIds.includes(ctx.actor.id)) {
    return err(
      refuse("REVIEWER_RECUSAL_REQUIRED", "本案承办人员不得对本案进行法制审核", {
        law: "行政处罚法",
        article: 43,
        paragraph: 1,
        confidence: "C-law",
      }),
    );
  }
  if (reviewId === undefined) {
    // A direct approval is held to the same reviewer rules as the review workflow: in the
    // registry, a legal reviewer in post, with the 法律职业资格 when reviewing for the first
    // time (行政处罚法 Art. 58 paras. 1–2), not a handling officer (Art. 43).
    const reviewer = checkReviewer(ctx.actor.id, c.officerIds, civilDateOf(ctx.now), ctx.bodies);
    return reviewer.isErr() ? err(reviewer.error) : ok(true);
  }
  const r = ctx.reviews?.find((x) => x.reviewId === reviewId);
  if (
    r === undefined ||
    r.context.caseId !== c.caseId ||
    r.value !== "approved" ||
    r.context.approval?.draftHash !== draftHash
  ) {
    return err(
      refuse("REVIEW_NOT_APPROVED", `法制审核 ${reviewId} 未审核通过该决定草案`, SRC.review, {
        reviewId,
        draftHash,
        state: r?.value,
      }),
    );
  }
  return ok(true);
}
