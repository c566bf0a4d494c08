/**
 * 行政检查 — administrative inspection with random-inspection tasks (双随机一公开,
 * 优化营商环境条例 Art. 54): the reproducible draw of entities and inspectors from the
 * RandomSource port, its replay and verification, and the inspection case (commands,
 * events, fold and pure decider), and the registry checks of who inspects.
 *
 * @module
 */
export * from "./authority.js";
export * from "./case.js";
export * from "./decide.js";
export * from "./draw.js";
export * from "./pools.js";
