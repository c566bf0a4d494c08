// SM2 digital signatures (GB/T 32918.2-2016 §6–7, the recommended curve of GB/T 32918.5-2017)
// with SM3 (GB/T 32905), written on the curve arithmetic of @noble/curves and the SM3 port
// of this kernel. Why not sm-crypto-v2's doSignature: it draws its nonce from a hidden
// random source (core takes randomness only through ports) and bundles a second copy of
// @noble/curves 1.x. sm-crypto-v2 stays as the independent cross-check in the tests.
//
// Nonces are deterministic, RFC 6979 §3.2 HMAC-DRBG with HMAC-SM3 seeded by the private key
// and the digest e (optionally hedged with extra entropy, §3.6). SM2 verification does not
// depend on how k was chosen, so these signatures verify everywhere SM2 does.

import { invert, mod } from "@noble/curves/abstract/modular.js";
import { type WeierstrassOpts, type WeierstrassPoint, weierstrass } from "@noble/curves/abstract/weierstrass.js";
import { bytesToNumberBE, createHmacDrbg, numberToBytesBE } from "@noble/curves/utils.js";
import { utf8ToBytes } from "@noble/hashes/utils.js";
import type { SanxiangError } from "./errors.js";
import { fromHex, toHex } from "./hash.js";
import type { RandomSource } from "./ports.js";
import { err, ok, type Result } from "./result.js";
import { type Signer, signatureInvalid, signingKeyId, signingKeyInvalid, type Verifier } from "./signer.js";
import { sm3 } from "./sm3.js";

/** Parameters of the SM2 recommended curve (GB/T 32918.5-2017). */
const CURVE: WeierstrassOpts<bigint> = {
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  h: 1n,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  Gx: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
  Gy: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
};
const N = CURVE.n;
const Point = /* @__PURE__ */ weierstrass(CURVE);
type SmPoint = WeierstrassPoint<bigint>;

/**
 * The default distinguishing identifier of GB/T 32918 / GM/T 0009-2012 §10:
 * `"1234567812345678"` (16 ASCII bytes). Used when no `userId` is given, as by
 * sm-crypto(-v2), OpenSSL, GmSSL and BouncyCastle.
 */
export const SM2_DEFAULT_USER_ID = "1234567812345678";
/** Length of an SM2 private key (a 32-byte big-endian integer; 64 hex digits). */
export const SM2_PRIVATE_KEY_LENGTH = 32;
/** Length of an SM2 signature as sanxiang encodes it: `r ‖ s`, 32 bytes each. */
export const SM2_SIGNATURE_LENGTH = 64;

/** Options of {@link sm2Signer} and {@link sm2Verifier}. */
export interface Sm2Options {
  /** 用户标识 ID_A, hashed into Z_A (GB/T 32918.2 §5.5). Default {@link SM2_DEFAULT_USER_ID}. */
  readonly userId?: string;
  /**
   * Hedges the deterministic nonce with fresh entropy from this port (RFC 6979 §3.6); the
   * signatures are then not reproducible but verify the same. Default: none (deterministic).
   */
  readonly random?: RandomSource;
}

const be32 = (n: bigint): Uint8Array => numberToBytesBE(n, 32);

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** HMAC-SM3 (RFC 2104 with SM3, 64-byte blocks), for the nonce DRBG. */
function hmacSm3(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sm3.hash(key) : key);
  const inner = block.map((b) => b ^ 0x36);
  const outer = block.map((b) => b ^ 0x5c);
  return sm3.hash(concat(outer, sm3.hash(concat(inner, message))));
}

/** Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A) (GB/T 32918.2 §5.5). */
function za(publicKey: SmPoint, userId: string): Uint8Array {
  const id = utf8ToBytes(userId);
  const entl = id.length * 8;
  return sm3.hash(
    concat(
      Uint8Array.of((entl >> 8) & 0xff, entl & 0xff),
      id,
      be32(CURVE.a),
      be32(CURVE.b),
      be32(CURVE.Gx),
      be32(CURVE.Gy),
      be32(publicKey.x),
      be32(publicKey.y),
    ),
  );
}

/** e = H(Z_A ‖ M) as an integer (GB/T 32918.2 §6.1 A1–A2). */
function digest(publicKey: SmPoint, userId: string, message: Uint8Array): bigint {
  return bytesToNumberBE(sm3.hash(concat(za(publicKey, userId), message)));
}

function checkUserId(userId: string): Result<string, SanxiangError> {
  // ENTL is two bytes of bit length: at most 8191 bytes.
  return utf8ToBytes(userId).length * 8 <= 0xffff
    ? ok(userId)
    : err(signingKeyInvalid("SM2 用户标识过长（最多 8191 字节）", { algorithm: "sm2" }));
}

/** Parses a private key: 64 hex digits, an integer in [1, n − 2] (so 1 + d is invertible). */
function parsePrivateKey(privateKeyHex: string): Result<bigint, SanxiangError> {
  const bytes = fromHex(privateKeyHex);
  if (bytes.isErr() || bytes.value.length !== SM2_PRIVATE_KEY_LENGTH) {
    return err(signingKeyInvalid("SM2 私钥应为 64 位十六进制数", { algorithm: "sm2" }));
  }
  const d = bytesToNumberBE(bytes.value);
  if (d < 1n || d > N - 2n) return err(signingKeyInvalid("SM2 私钥不在 [1, n−2] 内", { algorithm: "sm2" }));
  return ok(d);
}

/** Parses a SEC1 public key (compressed or uncompressed) on the SM2 curve. */
function parsePublicKey(publicKey: Uint8Array): Result<SmPoint, SanxiangError> {
  if (!(publicKey instanceof Uint8Array) || (publicKey.length !== 65 && publicKey.length !== 33)) {
    return err(signingKeyInvalid("SM2 公钥应为 65 字节（04‖x‖y）或 33 字节压缩形式", { algorithm: "sm2" }));
  }
  try {
    const point = Point.fromBytes(publicKey);
    point.assertValidity();
    return ok(point);
  } catch (cause) {
    return err(signingKeyInvalid("SM2 公钥不是曲线上的点", { algorithm: "sm2", reason: String(cause) }));
  }
}

/** The SM2 public key `d·G` of a private key, 65 bytes uncompressed; `SIGNING_KEY_INVALID` on a bad key. */
export function sm2PublicKey(privateKeyHex: string): Result<Uint8Array, SanxiangError> {
  return parsePrivateKey(privateKeyHex).map((d) => Point.BASE.multiply(d).toBytes(false));
}

/**
 * SM2 签名器 — a {@link Signer} for SM2 with SM3 (GB/T 32918.2 §6.1), holding the private
 * key `privateKeyHex` (64 hex digits, sm-crypto's format). Z_A uses `options.userId`,
 * default {@link SM2_DEFAULT_USER_ID} — a verifier must use the same id. Signatures are
 * 64 bytes `r ‖ s` (sm-crypto's default, not DER). Deterministic unless `options.random`
 * is given. Fails with `SIGNING_KEY_INVALID` for a malformed key or an over-long user id.
 */
export function sm2Signer(privateKeyHex: string, options: Sm2Options = {}): Result<Signer, SanxiangError> {
  const userIdR = checkUserId(options.userId ?? SM2_DEFAULT_USER_ID);
  if (userIdR.isErr()) return err(userIdR.error);
  const userId = userIdR.value;
  return parsePrivateKey(privateKeyHex).map((d): Signer => {
    const pub = Point.BASE.multiply(d);
    const publicKey = pub.toBytes(false);
    const dInv = invert(1n + d, N);
    const drbg = createHmacDrbg<Uint8Array>(32, 32, hmacSm3);
    const sign = (message: Uint8Array): Uint8Array => {
      const e = digest(pub, userId, message);
      let extra = new Uint8Array();
      if (options.random !== undefined) {
        extra = new Uint8Array(32);
        options.random.fill(extra);
      }
      // GB/T 32918.2 §6.1 A3–A7, k from the DRBG; a candidate failing a check is skipped.
      return drbg(concat(be32(d), be32(mod(e, N)), extra), (kBytes) => {
        const k = bytesToNumberBE(kBytes);
        if (k < 1n || k >= N) return undefined;
        const r = mod(e + Point.BASE.multiply(k).x, N);
        if (r === 0n || r + k === N) return undefined;
        const s = mod(dInv * (k - r * d), N);
        if (s === 0n) return undefined;
        return concat(be32(r), be32(s));
      });
    };
    return {
      specificationVersion: 1,
      algorithm: "sm2",
      keyId: signingKeyId("sm2", publicKey),
      get publicKey() {
        return publicKey.slice();
      },
      sign: (message) => Promise.resolve(sign(message)),
    };
  });
}

/**
 * Generates an SM2 private key (64 hex digits, uniform in [1, n − 2] by rejection sampling)
 * from the {@link RandomSource} port. Core draws no randomness of its own.
 */
export function generateSm2PrivateKey(random: RandomSource): string {
  const bytes = new Uint8Array(SM2_PRIVATE_KEY_LENGTH);
  for (;;) {
    random.fill(bytes);
    const d = bytesToNumberBE(bytes);
    if (d >= 1n && d <= N - 2n) return toHex(bytes);
  }
}

/** SM2 验签器 with a given user id (GB/T 32918.2 §7.1); see {@link sm2Verifier}. */
export function sm2VerifierFor(options: Pick<Sm2Options, "userId"> = {}): Verifier {
  const userId = options.userId ?? SM2_DEFAULT_USER_ID;
  return {
    specificationVersion: 1,
    algorithm: "sm2",
    verify(message, signature, publicKey) {
      const idR = checkUserId(userId);
      if (idR.isErr()) return err(idR.error);
      const pubR = parsePublicKey(publicKey);
      if (pubR.isErr()) return err(pubR.error);
      if (!(signature instanceof Uint8Array) || signature.length !== SM2_SIGNATURE_LENGTH) {
        return err(signatureInvalid(`SM2 签名应为 ${SM2_SIGNATURE_LENGTH} 字节（r‖s）`, { algorithm: "sm2" }));
      }
      const fail = () => err(signatureInvalid("SM2 签名验证失败", { algorithm: "sm2" }));
      const r = bytesToNumberBE(signature.subarray(0, 32));
      const s = bytesToNumberBE(signature.subarray(32));
      // B1–B2: r, s ∈ [1, n − 1]; B5: t = (r + s) mod n ≠ 0.
      if (r < 1n || r >= N || s < 1n || s >= N) return fail();
      const t = mod(r + s, N);
      if (t === 0n) return fail();
      const e = digest(pubR.value, userId, message);
      // B6: (x1, y1) = s·G + t·P_A (public scalars: the variable-time path is fine).
      const sum = Point.BASE.multiplyUnsafe(s).add(pubR.value.multiplyUnsafe(t));
      if (sum.is0()) return fail();
      // B7: R = (e + x1) mod n must equal r.
      return mod(e + sum.x, N) === r ? ok(true) : fail();
    },
  };
}

/** SM2 验签器 with the default user id {@link SM2_DEFAULT_USER_ID}. */
export const sm2Verifier: Verifier = /* @__PURE__ */ sm2VerifierFor();
