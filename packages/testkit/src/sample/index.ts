/**
 * @sanxiang/testkit/sample — 示例数据: two sample bureaus (the pilot plan's district justice bureau and a
 * market-regulation bureau) whose records cite real articles.
 *
 * @packageDocumentation
 */

export * from "./benchmarks.js";
export * from "./bodies.js";
export * from "./entities.js";
export * from "./equipment.js";
export * from "./laws.js";
export * from "./powers.js";
