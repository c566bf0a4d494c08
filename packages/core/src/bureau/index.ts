/**
 * 执法局 — `createBureau()`, the one entry point for apps: every port once, one way to say who
 * acts (`as(actor)`) and when (the bureau's clock), the case procedures, the legal review and
 * disclosure behind one facade that adds no rule of its own.
 *
 * @module
 */
export * from "./bureau.js";
export type {
  ActingOnCase,
  ActingOnReview,
  CaseCommandFields,
  CaseDisclosures,
  CaseEvidence,
  CaseHandle,
  CaseReviews,
  DecisionDisclosureInput,
  EvidenceInput,
  EvidenceOpenInput,
  ReviewCommandFields,
  ReviewResubmission,
  ReviewSubmission,
} from "./case.js";
export type { BureauConfig, BureauPolicies, BureauRegistries } from "./config.js";
export type { ActingOnDisclosure, DisclosureCommandFields, DisclosureHandle } from "./disclosure.js";
export {
  type BureauCaseCommand,
  type CaseStepResult,
  type CaseView,
  type EmptyCaseView,
  type InspectionCaseView,
  type OrdinaryCaseView,
  type ReviewStepResult,
  reviewStreamId,
  type SimplifiedCaseView,
} from "./engine.js";
export type { CaseDraftInput, SeizureSubmission } from "./major-decision.js";
export { type BureauProcedure, bureauProjections, CASES_PROJECTION, casesProjection } from "./projection.js";
