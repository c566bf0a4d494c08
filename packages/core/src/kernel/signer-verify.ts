// Verification by algorithm name, and the deterministic test keys.
import type { SanxiangError } from "./errors.js";
import { seededRandom } from "./ports.js";
import type { Result } from "./result.js";
import { parseSignatureAlgorithm, type Signer, type VerificationKey, type Verifier } from "./signer.js";
import { ed25519Signer, ed25519Verifier, generateEd25519SecretKey } from "./signer-ed25519.js";
import { generateSm2PrivateKey, SM2_DEFAULT_USER_ID, sm2Signer, sm2Verifier, sm2VerifierFor } from "./signer-sm2.js";

/** Options of {@link verifySignature}. */
export interface VerifySignatureOptions {
  /** SM2 user id the signer used (default {@link SM2_DEFAULT_USER_ID}); ignored for Ed25519. */
  readonly sm2UserId?: string;
}

/**
 * The built-in {@link Verifier} for an algorithm name, or `SIGNATURE_ALGORITHM_UNSUPPORTED`
 * for a name sanxiang does not know (e.g. read from a file written by a newer version).
 */
export function verifierFor(algorithm: unknown, options: VerifySignatureOptions = {}): Result<Verifier, SanxiangError> {
  return parseSignatureAlgorithm(algorithm).map((name) => {
    if (name === "ed25519") return ed25519Verifier;
    return options.sm2UserId === undefined || options.sm2UserId === SM2_DEFAULT_USER_ID
      ? sm2Verifier
      : sm2VerifierFor({ userId: options.sm2UserId });
  });
}

/**
 * 验签 — verifies `signature` over `message` under `key` (algorithm and public key). Pure,
 * synchronous, never throws. Errors: `SIGNATURE_ALGORITHM_UNSUPPORTED` (unknown algorithm),
 * `SIGNING_KEY_INVALID` (public key of the wrong length or not on the curve),
 * `SIGNATURE_INVALID` (signature of the wrong length, or it does not verify).
 */
export function verifySignature(
  message: Uint8Array,
  signature: Uint8Array,
  key: VerificationKey,
  options: VerifySignatureOptions = {},
): Result<true, SanxiangError> {
  return verifierFor(key.algorithm, options).andThen((v) => v.verify(message, signature, key.publicKey));
}

/** The {@link VerificationKey} of a signer: what a bureau publishes for third parties. */
export function verificationKeyOf(signer: Signer): VerificationKey {
  return { algorithm: signer.algorithm, publicKey: signer.publicKey.slice() };
}

/** Seed of the test keys; public, so the keys are worthless outside tests. */
const TEST_KEY_SEED = 0x5a_11_7e_57;

/**
 * 测试密钥 — a deterministic signer for tests, examples and demos: the same key on every
 * machine and every run (generated from `seededRandom(0x5a117e57)`). **Never use it for a
 * real log**: its private key is public. Ed25519 by default, SM2 on request.
 */
export function testSigner(algorithm: "ed25519" | "sm2" = "ed25519"): Signer {
  const random = seededRandom(TEST_KEY_SEED);
  const signer =
    algorithm === "ed25519"
      ? ed25519Signer(generateEd25519SecretKey(random))
      : sm2Signer(generateSm2PrivateKey(random));
  // Both built-ins accept every key their generators make; a failure here is a bug.
  if (signer.isErr()) throw signer.error;
  return signer.value;
}
