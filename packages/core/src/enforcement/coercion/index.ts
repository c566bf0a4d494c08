/**
 * 查封、扣押 — the sealing-or-seizure coercive measure (行政强制法 Arts. 17–19, 22–28): its
 * commands and events, the rule table, the XState v5 machine, the pure decider and the fold,
 * and the legal-review gate of its approval (the measure as a review draft).
 *
 * @module
 */
export * from "./decide.js";
export * from "./events.js";
export * from "./machine.js";
export * from "./review.js";
export * from "./rules.js";
export * from "./state.js";
