// The legal-review gate as a first-class check of the bureau (issue 14): for a major decision
// no procedure of the SDK makes — a 行政许可 decided in the bureau's licensing system, a
// 行政强制 other than 查封扣押 — and the 送审 of a 查封扣押 measure built from the case.

import {
  type SeizureExtensionTerms,
  type SeizureMeasureInput,
  SeizureMeasureSchema,
  seizureExtensionReviewDraft,
  seizureReviewDraft,
} from "../enforcement/coercion/review.js";
import type { PenaltyCaseContext } from "../enforcement/context.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Instant } from "../kernel/time.js";
import { type ReviewCatalogue, resolveReviewCatalogue } from "../review/catalogue.js";
import type { ReviewCommandInput } from "../review/commands.js";
import { type ReviewDraftInput, ReviewDraftSchema } from "../review/draft.js";
import { type ReviewGatePass, reviewGate } from "../review/gate.js";
import type { ReviewMaterial } from "../review/schema.js";
import { isRecord, notAnObject, type ResolvedBureau } from "./config.js";
import { loadReviews } from "./engine.js";

/** 决定草案（本案） — a draft for {@link CaseReviews.check}: the case is the handle's. */
export type CaseDraftInput = Omit<ReviewDraftInput, "caseId">;

/**
 * 查封扣押送审内容 — the measure to review (the same `measure` the head's `seizure.approve`
 * will carry, so the hashes agree), the materials, the handling officers (default: the
 * case's team) and when (default now).
 */
export interface SeizureSubmission {
  /** 拟作出的查封扣押决定 (for an extension: the measure extended, as the approval recorded it). */
  readonly measure: SeizureMeasureInput;
  /**
   * 延长查封扣押 — present to submit the extension (行政强制法 Art. 25 para. 1) rather than the
   * measure: its days and reason, the same the head's `seizure.extend` will carry (give
   * `days` on that command too, or leave both at the configured 30), so the hashes agree.
   */
  readonly extension?: SeizureExtensionTerms;
  /** 送审材料. */
  readonly materials?: readonly ReviewMaterial[];
  /** 承办人员 (default: the case's team). */
  readonly handlingOfficerIds?: readonly string[];
  /** When (default now). */
  readonly at?: Instant;
}

/** The catalogue the bureau's gate and reviews use: `reviewCatalogue`, else the review policy's, else the national one. */
function catalogueOf(b: ResolvedBureau): Result<ReviewCatalogue, SanxiangError> {
  const p = b.policies;
  if (p.reviewCatalogue !== undefined) return ok(p.reviewCatalogue);
  return resolveReviewCatalogue(p.review?.catalogue ?? {});
}

/**
 * 重大执法决定审核检查 (bureau) — parses the draft (`INVALID_INPUT` naming the bad fields),
 * loads the legal reviews of its case (`<caseId>.review.<n>`) and the approvals the case
 * stream records (`review.approved`), and runs the review gate with the bureau's catalogue
 * and hash: passes a decision that is not major, or a major one a passed review approved
 * exactly; otherwise `REVIEW_NOT_APPROVED` with `details.why` and the next step. Reads only.
 */
export async function checkMajorDecisionIn(
  b: ResolvedBureau,
  input: unknown,
): Promise<Result<ReviewGatePass, SanxiangError>> {
  if (!isRecord(input)) return err(notAnObject("决定草案", input));
  const parsed = ReviewDraftSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("决定草案无效", parsed.error.issues, input));
  const draft = parsed.data;
  const catalogue = catalogueOf(b);
  if (catalogue.isErr()) return err(catalogue.error);
  const reviews = await loadReviews(b, draft.caseId);
  if (reviews.isErr()) return err(reviews.error);
  const events = await b.config.store.load(draft.caseId);
  if (events.isErr()) return err(events.error);
  const approvedDraftHashes = events.value.flatMap((e) =>
    e.type === "review.approved" && typeof e.payload.draftHash === "string" ? [e.payload.draftHash] : [],
  );
  return reviewGate(reviews.value, draft, {
    catalogue: catalogue.value,
    approvedDraftHashes,
    ...(b.config.hash === undefined ? {} : { hash: b.config.hash }),
  });
}

/**
 * The `review.submit` of a 查封扣押 measure of an ordinary case: the draft is
 * `seizureReviewDraft` of the measure with the case's id and party, so that the head's
 * approval carrying the same `measure` matches it — or, with `extension`,
 * `seizureExtensionReviewDraft`, matched by the head's `seizure.extend` with the same days and
 * reason. `INVALID_INPUT` for a bad measure or extension.
 */
export function seizureSubmitCommand(
  c: PenaltyCaseContext,
  input: SeizureSubmission,
): Result<ReviewCommandInput, SanxiangError> {
  const measure = SeizureMeasureSchema.safeParse(input.measure);
  if (!measure.success) return err(invalidInput("查封扣押送审内容无效", measure.error.issues, input.measure));
  const ext = input.extension;
  if (ext !== undefined && (!Number.isInteger(ext.days) || ext.days <= 0 || ext.reason.trim() === "")) {
    return err(
      sanxiangError("INVALID_INPUT", "延长查封、扣押的送审须载明延长日数（正整数）和理由", {
        details: { field: "extension", extension: ext },
      }),
    );
  }
  const subject = { caseId: c.caseId, party: c.party };
  const draft =
    ext === undefined
      ? seizureReviewDraft(subject, measure.data)
      : seizureExtensionReviewDraft(subject, measure.data, { days: ext.days, reason: ext.reason.trim() });
  if (draft.isErr()) return err(draft.error);
  const officers = input.handlingOfficerIds ?? c.officerIds;
  if (officers.length === 0) {
    return err(
      sanxiangError("INVALID_INPUT", "送审须载明承办人员（handlingOfficerIds），本案尚未指定执法人员", {
        details: { field: "handlingOfficerIds" },
      }),
    );
  }
  return ok({
    type: "review.submit",
    caseId: c.caseId,
    draft: draft.value,
    materials: [...(input.materials ?? [])],
    handlingOfficerIds: [...officers],
    ...(input.at === undefined ? {} : { at: input.at }),
  });
}
