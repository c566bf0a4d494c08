/**
 * @sanxiang/testkit — test kit for sanxiang. The root entry re-exports the sample bureau data,
 * which moved to `@sanxiang/sample` (import it from there); the suites and arbitraries are on
 * `@sanxiang/testkit/conformance` and `@sanxiang/testkit/arbitraries`.
 *
 * @packageDocumentation
 */
// Straight from the package, not through ./sample/index.js: a re-export of an external module
// that two entries share would go into a chunk, where the bundler drops it from the ESM build.
export * from "@sanxiang/sample";
