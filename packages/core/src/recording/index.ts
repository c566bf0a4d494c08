/**
 * 执法全过程记录 — whole-process recording: stages, record kinds, the required-record
 * rules, the completeness check, evidence items and their chain of custody.
 *
 * @module
 */

export * from "./audit-log.js";
export * from "./case-event.js";
export * from "./casefile.js";
export * from "./casefile-attest.js";
export * from "./casefile-html.js";
export * from "./casefile-proofs.js";
export * from "./casefile-store.js";
export * from "./casefile-titles.js";
export * from "./casefile-verify.js";
export * from "./check.js";
export * from "./custody.js";
export * from "./equipment/index.js";
export * from "./event-store.js";
export * from "./evidence.js";
// 证据入卷 — attachEvidence: the bytes in the evidence store first, then the item and its
// custody appended to the case stream in one append (Merkle leaves of the record).
export * from "./evidence-attach.js";
// Later custody steps: recordCustody, and 证据调取 — the bytes handed out only after the access is a custody step.
export * from "./evidence-custody.js";
export * from "./evidence-store.js";
export * from "./evidence-store-memory.js";
export * from "./memory-event-store.js";
export * from "./projection.js";
export * from "./projection-read.js";
export * from "./rules.js";
export * from "./store-guard.js";
export * from "./store-raw-read.js";
export * from "./store-sign.js";
export * from "./store-support.js";
export * from "./store-verify.js";
export * from "./vocabulary.js";
