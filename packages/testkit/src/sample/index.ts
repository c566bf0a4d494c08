/**
 * @sanxiang/testkit/sample — 示例数据 (sample bureau data), kept at this path so existing
 * imports go on working.
 *
 * @deprecated The sample data moved to its own package, `@sanxiang/sample`, which has no test
 * dependencies (the test kit takes vitest and fast-check as peers); import it from there.
 * This entry re-exports it unchanged.
 *
 * @packageDocumentation
 */

export * from "@sanxiang/sample";
