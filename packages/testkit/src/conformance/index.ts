/**
 * @sanxiang/testkit/conformance — 一致性测试 (conformance suites): the published tests every
 * storage adapter runs against its ports. {@link eventStoreSuite} checks an `EventStore`
 * (append and read, projections, subscriptions, the Merkle log and signed tree heads,
 * durability, bad input) and {@link evidenceStoreSuite} an `EvidenceStore` (put, get, verify,
 * failing sources, bad input); each group is exported on its own too. {@link crashSuite} with
 * {@link runCrashWriter} is the crash harness (Node only): writers killed with SIGKILL
 * mid-append, then every acknowledged append found whole and no other found in part. The
 * suites take the test framework's `test` and `expect` ({@link SuiteRunner}) and import none
 * themselves; see the storage adapter guide (docs/storage-adapters.md) for a worked adapter.
 *
 * @packageDocumentation
 */

export * from "./crash.js";
export * from "./event-store.js";
export * from "./evidence-store.js";
export * from "./harness.js";
export * from "./merkle-node-runs.js";
export * from "./stream-versions.js";
