/**
 * 内核 — what every system builds on: coded errors (`SanxiangError`) inside neverthrow
 * `Result`s, rule sources (law and article), civil dates and instants, money in integer fen
 * with its upper-case wording, canonical JSON, hashing (SHA-256, SM3), signatures (Ed25519,
 * SM2), the RFC 6962 Merkle log and its signed tree heads, actors, and the ports (clock, ids,
 * hash) through which the host supplies time and randomness.
 *
 * @module
 */
export * from "./actors.js";
export * from "./canonical-json.js";
export * from "./context-now.js";
export * from "./error-guide.js";
export * from "./errors.js";
export * from "./hash.js";
export * from "./input-issues.js";
export * from "./input-text.js";
export * from "./merkle.js";
export * from "./merkle-log.js";
export * from "./money.js";
export * from "./next-step.js";
export * from "./ports.js";
export * from "./result.js";
export * from "./signer.js";
export * from "./signer-ed25519.js";
export * from "./signer-sm2.js";
export * from "./signer-verify.js";
export * from "./sm3.js";
export * from "./source.js";
export * from "./time.js";
export * from "./tree-head.js";
export * from "./wording.js";
