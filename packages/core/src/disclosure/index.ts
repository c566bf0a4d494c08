/**
 * 行政执法公示 — enforcement disclosure: what a bureau publishes before, during and after
 * enforcement (国办发〔2018〕118号; 行政处罚法 Arts. 34, 39, 48), the rule table of deadlines,
 * publicity periods and channels, redaction of personal data, and the workflow from draft
 * through the responsible head's sign-off to publication, correction, withdrawal and expiry,
 * with the {@link Publisher} port that carries it to the public.
 *
 * @module
 */

export * from "./after.js";
export * from "./after-coercion.js";
export * from "./after-inspection.js";
export * from "./after-simplified.js";
export * from "./before.js";
export * from "./benchmark-wording.js";
export * from "./commands.js";
export * from "./context.js";
export * from "./cross-province.js";
export * from "./decide.js";
export * from "./draft.js";
export * from "./during.js";
export * from "./early-end.js";
export * from "./events.js";
export * from "./flowchart.js";
export * from "./fold.js";
export * from "./from-log.js";
export * from "./machine.js";
export * from "./memory-publisher.js";
export * from "./obligations.js";
export * from "./publisher.js";
export * from "./redaction.js";
export * from "./routing.js";
export * from "./rules.js";
export * from "./schema.js";
export * from "./sectors.js";
export * from "./service.js";
