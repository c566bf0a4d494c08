// The conformance suite of the EvidenceStore port (证据存储), version 1. Every store —
// the in-memory reference store of core, @sanxiang/evidence-fs, an integrator's own —
// runs the same tests: inject the runner and a factory, and where the store has one, an
// independent way to read the stored bytes (the file on disk, the object in the bucket)
// and to change one of them.
import type { ContentHash, EvidenceStore } from "@sanxiang/core";
import { evidenceBadInputTests } from "./evidence-store-bad-input.js";
import { evidenceGetTests } from "./evidence-store-get.js";
import { evidencePutTests } from "./evidence-store-put.js";
import { evidenceSourceTests } from "./evidence-store-sources.js";
import { context } from "./evidence-store-support.js";
import { evidenceVerifyTests } from "./evidence-store-verify.js";
import type { SuiteRunner } from "./harness.js";

export { evidenceBadInputTests } from "./evidence-store-bad-input.js";
export { evidenceGetTests } from "./evidence-store-get.js";
export { evidencePutTests } from "./evidence-store-put.js";
export { evidenceSourceTests } from "./evidence-store-sources.js";
export { evidenceVerifyTests } from "./evidence-store-verify.js";

/**
 * Options of {@link evidenceStoreSuite}: how to make a store and how to look behind its
 * back. Only the factory is required; each hook enables the tests that need it.
 *
 * @typeParam S - the store type the factory returns (the hooks receive the same store,
 *   e.g. to find its directory).
 */
export interface EvidenceStoreSuiteOptions<S extends EvidenceStore = EvidenceStore> {
  /** A fresh, empty store for each test. */
  readonly factory: () => Promise<S>;
  /**
   * 独立回读 — reads the bytes stored under `hash` without going through the store (the
   * file, the database row), or `null` when there are none. When given, every write the
   * suite makes is also checked through it.
   */
  readonly readBack?: (store: S, hash: ContentHash) => Promise<Uint8Array | null>;
  /**
   * Changes one stored byte of the content under `hash` behind the store's back (bit rot,
   * tampering). When given, the suite checks that `verify` notices. `at`, when the suite
   * passes it, is the index of the byte to change (reduce it modulo the content's length);
   * the suite uses it to change the *last* byte of a content of several MiB, which only a
   * `verify` that reads to the end notices. A hook that ignores `at` weakens that test.
   */
  readonly corrupt?: (store: S, hash: ContentHash, at?: number) => Promise<void>;
  /** Registers the store's own tests with the suite's context (same runner, same factory). */
  readonly additionalTests?: (context: EvidenceStoreSuiteContext<S>) => void;
  /** Runs of each fast-check property (default 30). */
  readonly numRuns?: number;
  /** Longest content in the properties, in bytes (default 4096). */
  readonly maxContentLength?: number;
}

/** What {@link EvidenceStoreSuiteOptions.additionalTests} is given. */
export interface EvidenceStoreSuiteContext<S extends EvidenceStore = EvidenceStore> {
  /** The runner the suite was given. */
  readonly runner: SuiteRunner;
  /** The options the suite was given. */
  readonly options: EvidenceStoreSuiteOptions<S>;
  /** The hash of `bytes` computed independently of the store (core's one-shot hash). */
  readonly hashOf: (bytes: Uint8Array, algorithm?: ContentHash["algorithm"]) => ContentHash;
  /** Every byte `store.get(hash)` yields, or `null` when not found. */
  readonly readAll: (store: EvidenceStore, hash: ContentHash) => Promise<Uint8Array | null>;
  /** Every hash `store.list()` yields, as `"<algorithm>:<hex>"`, sorted. */
  readonly listKeys: (store: EvidenceStore) => Promise<string[]>;
  /** `"Ok"` or `"Err <code>"`: compare a result with this, and a failure shows what came back. */
  readonly outcome: (result: { isOk(): boolean; error?: unknown }) => string;
}

/**
 * 证据存储一致性测试 — the whole conformance suite of the {@link EvidenceStore} port:
 * {@link evidencePutTests}, {@link evidenceGetTests}, {@link evidenceVerifyTests},
 * {@link evidenceBadInputTests}, {@link evidenceSourceTests}, then the store's own
 * `additionalTests`.
 *
 * @example
 * ```ts
 * import { memoryEvidenceStore } from "@sanxiang/core";
 * import { evidenceStoreSuite } from "@sanxiang/testkit/conformance";
 * import { expect, test } from "vitest";
 *
 * evidenceStoreSuite({ test, expect }, { factory: async () => memoryEvidenceStore() });
 * ```
 */
export function evidenceStoreSuite<S extends EvidenceStore>(
  runner: SuiteRunner,
  options: EvidenceStoreSuiteOptions<S>,
): void {
  evidencePutTests(runner, options);
  evidenceGetTests(runner, options);
  evidenceVerifyTests(runner, options);
  evidenceBadInputTests(runner, options);
  evidenceSourceTests(runner, options);
  options.additionalTests?.(context(runner, options));
}
