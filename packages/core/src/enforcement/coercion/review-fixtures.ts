// Test fixtures: legal reviews of 查封、扣押 measures run through the real review workflow
// (submit → assign → conclude), so the gate is tested against reviews as the bureau keeps them.
import type { Actor } from "../../kernel/actors.js";
import { decideReview } from "../../review/decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "../../review/fold.js";
import { allOk, headActor, materials, officerActor, rctx, reviewerActor } from "../../review/test-fixtures.js";
import {
  type SeizureExtensionTerms,
  type SeizureMeasureInput,
  SeizureMeasureSchema,
  seizureExtensionReviewDraft,
  seizureReviewDraft,
} from "./review.js";

/** The case of the fixtures and its party. */
export const SUBJECT = { caseId: "case-1", party: { kind: "organisation" as const, name: "某商贸有限公司" } };

/** A measure below the national catalogue's rows: ¥50,000, business goes on. */
export const MINOR: SeizureMeasureInput = {
  facts: "涉嫌无照经营",
  basis: ["无证无照经营查处办法第十一条"],
  valueFen: 5_000_000,
};
/** Major by value: ¥200,000 reaches the catalogue's ¥100,000 (含本数). */
export const MAJOR_VALUE: SeizureMeasureInput = { ...MINOR, valueFen: 20_000_000 };
/** Major because sealing the premises stops the business. */
export const MAJOR_STOP: SeizureMeasureInput = { ...MINOR, stopsOperations: true };

/**
 * A review of `measure`'s draft (with `extension`: of its extension's draft), taken as far as `until`: `submitted` (pending), `approved`
 * (同意) or `problems` (存在问题).
 */
export function reviewOf(
  measure: SeizureMeasureInput,
  until: "submitted" | "approved" | "problems",
  reviewId = "case-1.review.1",
  extension?: SeizureExtensionTerms,
): ReviewState {
  const parsed = SeizureMeasureSchema.parse(measure);
  const draft = (
    extension === undefined
      ? seizureReviewDraft(SUBJECT, parsed)
      : seizureExtensionReviewDraft(SUBJECT, parsed, extension)
  )._unsafeUnwrap();
  let state = initialReviewState(reviewId);
  const act = (cmd: Parameters<typeof decideReview>[1], actor: Actor): void => {
    for (const e of decideReview(state, cmd, rctx("2025-03-03T00:30:00Z", actor))._unsafeUnwrap()) {
      state = evolveReview(state, e)._unsafeUnwrap();
    }
  };
  act(
    { type: "review.submit", caseId: SUBJECT.caseId, draft, materials, handlingOfficerIds: ["a", "b"] },
    officerActor,
  );
  if (until === "submitted") return state;
  act({ type: "review.assign", reviewerId: "r" }, headActor);
  const outcome = until === "approved" ? "approved" : "problems";
  const opinion = until === "approved" ? "同意" : "涉案财物价值未经评估，补充后重新送审";
  const changes = until === "approved" ? [] : ["补充涉案财物价值评估"];
  const findings =
    until === "approved" ? allOk : allOk.map((f, i) => (i === 0 ? { ...f, ok: false, note: "财物价值未评估" } : f));
  act({ type: "review.conclude", outcome, findings, requiredChanges: changes, opinion }, reviewerActor);
  return state;
}
