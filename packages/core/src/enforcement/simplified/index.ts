/**
 * 简易程序 — the simplified (on-the-spot) penalty procedure (行政处罚法 Arts. 51–53) and
 * on-the-spot collection of fines (当场收缴, Arts. 68–71), and the payment at the bank and
 * execution that follow a fine not collected (Arts. 53, 67, 72; follow-on.ts, through the
 * ordinary procedure's steps): commands and events (zod), the
 * numbered-form register (决定书登记), the XState v5 machine, the pure decider with its
 * guards, and the fold.
 *
 * @module
 */
export * from "./decide.js";
export * from "./follow-on.js";
export * from "./forms.js";
export * from "./machine.js";
export * from "./policy.js";
export * from "./schema.js";
export * from "./state.js";
