/**
 * @sanxiang/testkit/arbitraries — fast-check arbitraries for the domain (领域数据生成器):
 * dates, instants and amounts; resident ID numbers and unified social credit codes that
 * pass core's validators; parties, officers, actors and a small bureau; command scripts of
 * ordinary penalty cases (happy paths and mixed valid / invalid sequences); and real event
 * streams produced by core's decider, for store suites, benchmarks and your own
 * property tests. Everything is driven by fast-check alone: deterministic given the seed.
 *
 * @packageDocumentation
 */

export * from "./disclosure.js";
export * from "./events.js";
export * from "./identifiers.js";
export * from "./ordinary.js";
export * from "./people.js";
export * from "./primitives.js";
