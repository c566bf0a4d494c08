/**
 * 执法装备 — the equipment inventory (执法装备台账), the ratio checks of the pilot plan
 * (二（二）（3）保障行政执法装备) and the procurement list for the finance bureau.
 *
 * @module
 */
export * from "./check.js";
export * from "./html.js";
export * from "./procurement.js";
export * from "./ratio.js";
export * from "./rules.js";
export * from "./schema.js";
