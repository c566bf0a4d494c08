/**
 * 重大执法决定法制审核 — legal review of major decisions: the catalogue and the classifier,
 * the review workflow (commands, events, the XState v5 machine, the pure decider and the
 * fold), the gate a decision must pass, the review opinion document, and the review team's
 * staffing and training report.
 *
 * @module
 */
export * from "./catalogue.js";
export * from "./commands.js";
export * from "./context.js";
export * from "./decide.js";
export * from "./draft.js";
export * from "./events.js";
export * from "./fold.js";
export * from "./gate.js";
export * from "./machine.js";
export * from "./opinion.js";
export * from "./opinion-text.js";
export * from "./policy.js";
export * from "./quorum.js";
export * from "./schema.js";
export * from "./staffing.js";
export * from "./time-limit.js";
