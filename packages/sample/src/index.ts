/**
 * @sanxiang/sample — 示例数据 (sample bureau data): the registries of the pilot plan's district
 * justice bureau (中卫市沙坡头区司法局, with its superior 中卫市司法局) and a district
 * market-regulation bureau (中卫市沙坡头区市场监督管理局), ready for core's `create…Registry`
 * functions. Every citation is a real article of a statute the SDK ships; every person,
 * certificate number, address and phone number is invented.
 *
 * Plain data: it depends on `@sanxiang/core` alone (for types and the shipped statute list)
 * and on no test runner. It used to live at `@sanxiang/testkit/sample`, which still
 * re-exports it.
 *
 * @packageDocumentation
 */

export * from "./benchmarks.js";
export * from "./bodies.js";
export * from "./entities.js";
export * from "./equipment.js";
export * from "./laws.js";
export * from "./powers.js";
