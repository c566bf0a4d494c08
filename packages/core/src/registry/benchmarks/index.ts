/**
 * 行政处罚裁量基准 — discretion benchmarks: schemas, the statutory circumstances of
 * 行政处罚法 Arts. 30–33, tier formulas, recommendation and checking, the registry and its
 * sheets.
 *
 * @module
 */
export * from "./check.js";
export * from "./circumstances.js";
export * from "./formula.js";
export * from "./lists-table.js";
export * from "./ranges.js";
export * from "./recommend.js";
export * from "./registry.js";
export * from "./schema.js";
export * from "./source-cell.js";
export * from "./table.js";
export * from "./validate.js";
