// Ed25519 (RFC 8032 §5.1) through @noble/curves — the default signature algorithm.
import { ed25519 } from "@noble/curves/ed25519.js";
import type { SanxiangError } from "./errors.js";
import type { RandomSource } from "./ports.js";
import { err, ok, type Result } from "./result.js";
import { type Signer, signatureInvalid, signingKeyId, signingKeyInvalid, type Verifier } from "./signer.js";

/** Length of an Ed25519 secret key (the 32-byte seed of RFC 8032 §5.1.5), public key and half-signature. */
export const ED25519_KEY_LENGTH = 32;
/** Length of an Ed25519 signature (R ‖ S). */
export const ED25519_SIGNATURE_LENGTH = 64;

/**
 * Ed25519 签名器 — a {@link Signer} holding `secretKey`, the 32-byte seed of RFC 8032
 * §5.1.5 (what `ed25519.utils.randomSecretKey()`, `openssl genpkey -algorithm ed25519`
 * and Node's `generateKeyPairSync("ed25519")` call the private key). Deterministic: the
 * same key and message always give the same signature (RFC 8032 §5.1.6). Fails with
 * `SIGNING_KEY_INVALID` for a key of the wrong length. The key is copied.
 */
export function ed25519Signer(secretKey: Uint8Array): Result<Signer, SanxiangError> {
  if (!(secretKey instanceof Uint8Array) || secretKey.length !== ED25519_KEY_LENGTH) {
    return err(
      signingKeyInvalid(`Ed25519 私钥应为 ${ED25519_KEY_LENGTH} 字节`, {
        algorithm: "ed25519",
        length: secretKey instanceof Uint8Array ? secretKey.length : null,
      }),
    );
  }
  const key = secretKey.slice();
  const publicKey = ed25519.getPublicKey(key);
  return ok({
    specificationVersion: 1,
    algorithm: "ed25519",
    keyId: signingKeyId("ed25519", publicKey),
    get publicKey() {
      return publicKey.slice();
    },
    sign: (message) => Promise.resolve(ed25519.sign(message, key)),
  });
}

/**
 * Generates an Ed25519 secret key (32 bytes) from the {@link RandomSource} port — pass
 * `cryptoRandom()` in production, `seededRandom(n)` in tests. Core draws no randomness of
 * its own.
 */
export function generateEd25519SecretKey(random: RandomSource): Uint8Array {
  const key = new Uint8Array(ED25519_KEY_LENGTH);
  random.fill(key);
  return key;
}

/**
 * Ed25519 验签器 — strict RFC 8032 §5.1.7 verification (`zip215: false`): non-canonical
 * encodings of R, S or the public key are refused, so one message has no second valid
 * encoding of the same signature (strong unforgeability, as a transparency log wants).
 */
export const ed25519Verifier: Verifier = {
  specificationVersion: 1,
  algorithm: "ed25519",
  verify(message, signature, publicKey) {
    if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_KEY_LENGTH) {
      return err(signingKeyInvalid(`Ed25519 公钥应为 ${ED25519_KEY_LENGTH} 字节`, { algorithm: "ed25519" }));
    }
    if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_LENGTH) {
      return err(signatureInvalid(`Ed25519 签名应为 ${ED25519_SIGNATURE_LENGTH} 字节`, { algorithm: "ed25519" }));
    }
    try {
      ed25519.Point.fromBytes(publicKey, false);
    } catch (cause) {
      return err(signingKeyInvalid("Ed25519 公钥不是曲线上的点", { algorithm: "ed25519", reason: String(cause) }));
    }
    let valid: boolean;
    try {
      valid = ed25519.verify(signature, message, publicKey, { zip215: false });
    } catch {
      valid = false;
    }
    return valid ? ok(true) : err(signatureInvalid("Ed25519 签名验证失败", { algorithm: "ed25519" }));
  },
};
