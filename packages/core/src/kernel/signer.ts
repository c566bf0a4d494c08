// 签名 — the signing port. A bureau signs its Merkle tree heads (签名树头) so that a third
// party can check, offline, that a case file or an event is in the log the bureau
// committed to. Keys may live in a hardware module or a cloud KMS, so signing is async;
// verification needs only the public key and is pure and synchronous.
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { describeValue, safeParse } from "./describe-value.js";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { sha256, toHex } from "./hash.js";
import { err, ok, type Result } from "./result.js";

/**
 * zod schema of the names of the signature algorithms sanxiang knows: `ed25519` (RFC 8032,
 * the default) and `sm2` (GB/T 32918 SM2 with SM3, for deployments that must use the
 * national standard — 国密).
 */
export const SignatureAlgorithmSchema = z.enum(["ed25519", "sm2"]);
/** 签名算法 — a signature algorithm name (see {@link SignatureAlgorithmSchema}). */
export type SignatureAlgorithm = z.infer<typeof SignatureAlgorithmSchema>;

/** A byte array (zod schema): keys, signatures, hashes. */
export const BytesSchema = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: "expected a Uint8Array" });

/**
 * 验证公钥 — a public key together with its algorithm, as a verifier holds it. Bytes:
 * Ed25519 — the 32-byte encoded point (RFC 8032 §5.1.5); SM2 — a SEC1 point, 65 bytes
 * uncompressed `04 ‖ x ‖ y` as {@link Signer.publicKey} gives it (33-byte compressed is
 * accepted too).
 */
export const VerificationKeySchema = z
  .object({
    /** The algorithm the key belongs to. */
    algorithm: SignatureAlgorithmSchema,
    /** The encoded public key. */
    publicKey: BytesSchema,
  })
  .readonly();
/** 验证公钥 — see {@link VerificationKeySchema}. */
export type VerificationKey = z.infer<typeof VerificationKeySchema>;

/**
 * 签名器 — the signing port (version 1). Implemented in core for Ed25519
 * ({@link ed25519Signer}) and SM2 ({@link sm2Signer}); adapters wrap a hardware security
 * module (密码机) or a cloud KMS.
 *
 * Contract:
 * - `sign(message)` signs exactly the bytes given (core hands it the canonical
 *   serialisation of what is signed, never a pre-hash) and resolves to a signature that
 *   {@link verifySignature} accepts with `{ algorithm, publicKey }`. Ed25519 signatures
 *   are 64 bytes (R ‖ S, RFC 8032 §5.1.6); SM2 signatures are 64 bytes `r ‖ s`, each a
 *   32-byte big-endian integer (not DER).
 * - Failure: a signer that cannot sign (module unplugged, KMS refused) **rejects** the
 *   promise; core wraps every call and turns a rejection, a throw or a reply that is not
 *   a `Uint8Array` into the coded error `SIGNER_FAILED`, keeping the original as `cause`.
 * - Idempotency: signing has no side effect a caller relies on and may be retried.
 *   Signatures may differ between calls (hedged or randomised nonces) — both verify. The
 *   built-ins are deterministic: the same key and message give the same bytes.
 * - `publicKey`, `algorithm` and `keyId` are fixed for the signer's lifetime; a key
 *   rotation is a new signer.
 * - The signer never sees a wall clock or a random source of its own choosing: the
 *   built-ins take randomness only from the {@link RandomSource} port (key generation).
 */
export interface Signer {
  /** Port version; bumped on any incompatible change of this contract. */
  readonly specificationVersion: 1;
  /** The signature algorithm. */
  readonly algorithm: SignatureAlgorithm;
  /**
   * 密钥标识 — names the key, so a verifier holding several (after a rotation) picks the
   * right one. Built-ins use {@link signingKeyId}; an adapter may use its module's own key
   * label. It is a hint, not a proof: trust comes from the public key alone.
   */
  readonly keyId: string;
  /** The encoded public key (see {@link VerificationKeySchema} for the encodings). */
  readonly publicKey: Uint8Array;
  /** Signs `message`. Resolves to the signature; rejects when the signer cannot sign. */
  sign(message: Uint8Array): Promise<Uint8Array>;
}

/**
 * 验签器 — the verifying side of one algorithm (version 1). Pure and synchronous: it needs
 * nothing but the message, the signature and the public key.
 *
 * Contract: `verify` returns `Ok(true)` when the signature is valid, and never throws on
 * bad input. Errors: `SIGNING_KEY_INVALID` for a public key of the wrong length or not on
 * the curve; `SIGNATURE_INVALID` for a signature of the wrong length or one that does not
 * verify.
 */
export interface Verifier {
  /** Port version. */
  readonly specificationVersion: 1;
  /** The algorithm this verifier checks. */
  readonly algorithm: SignatureAlgorithm;
  /** Verifies `signature` over `message` under `publicKey`. */
  verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): Result<true, SanxiangError>;
}

const KEY_ID_CONTEXT = utf8ToBytes("sanxiang/key-id\0");

/**
 * 密钥标识 — the key id the built-in signers use: lower-case hex of
 * `SHA-256("sanxiang/key-id" ‖ 0x00 ‖ algorithm ‖ 0x00 ‖ publicKey)` (64 hex digits). Anyone
 * holding the public key can recompute it.
 */
export function signingKeyId(algorithm: SignatureAlgorithm, publicKey: Uint8Array): string {
  const name = utf8ToBytes(`${algorithm}\0`);
  const data = new Uint8Array(KEY_ID_CONTEXT.length + name.length + publicKey.length);
  data.set(KEY_ID_CONTEXT, 0);
  data.set(name, KEY_ID_CONTEXT.length);
  data.set(publicKey, KEY_ID_CONTEXT.length + name.length);
  return toHex(sha256.hash(data));
}

/** The coded error `SIGNATURE_ALGORITHM_UNSUPPORTED` for `name`. */
export function unsupportedSignatureAlgorithm(name: unknown): SanxiangError {
  const shown = describeValue(name);
  return sanxiangError("SIGNATURE_ALGORITHM_UNSUPPORTED", `不支持的签名算法：${shown}（支持 ed25519、sm2）`, {
    details: { name: shown, supported: SignatureAlgorithmSchema.options },
  });
}

/** Parses a signature algorithm name, or the coded error `SIGNATURE_ALGORITHM_UNSUPPORTED`. */
export function parseSignatureAlgorithm(name: unknown): Result<SignatureAlgorithm, SanxiangError> {
  const parsed = safeParse(SignatureAlgorithmSchema, name);
  return parsed.success ? ok(parsed.data) : err(unsupportedSignatureAlgorithm(name));
}

/** The coded error `SIGNING_KEY_INVALID`. */
export function signingKeyInvalid(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("SIGNING_KEY_INVALID", message, { details });
}

/** The coded error `SIGNATURE_INVALID`. */
export function signatureInvalid(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("SIGNATURE_INVALID", message, { details });
}

/**
 * Calls `signer.sign(message)` the way core calls every port (an implementation it did not write
 * must not crash the caller): a rejection, a
 * synchronous throw or a reply that is not a `Uint8Array` becomes `SIGNER_FAILED` with the
 * original failure as `cause`. Never rejects.
 */
export async function callSigner(signer: Signer, message: Uint8Array): Promise<Result<Uint8Array, SanxiangError>> {
  const failed = (cause: unknown, why: string): Result<Uint8Array, SanxiangError> =>
    err(
      sanxiangError("SIGNER_FAILED", `签名服务失败（${signer.algorithm}，密钥 ${signer.keyId}）：${why}`, {
        details: { algorithm: signer.algorithm, keyId: signer.keyId },
        cause,
      }),
    );
  try {
    const signature: unknown = await signer.sign(message.slice());
    if (!(signature instanceof Uint8Array)) return failed(signature, "返回值不是字节数组");
    return ok(signature);
  } catch (cause) {
    return failed(cause, cause instanceof Error ? cause.message : String(cause));
  }
}
