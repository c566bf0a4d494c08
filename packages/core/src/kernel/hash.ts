import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";
import { z } from "zod";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { err, ok, type Result } from "./result.js";
import { sm3 } from "./sm3.js";

/**
 * An incremental hash in progress: feed it bytes with `update`, then take the digest
 * once. Streams of any length hash in bounded memory.
 */
export interface Hasher {
  /** Adds bytes; returns the same hasher for chaining. */
  update(data: Uint8Array): Hasher;
  /** Finishes and returns the digest. The hasher may not be used afterwards. */
  digest(): Uint8Array;
}

/**
 * 哈希算法 — the hashing port. SHA-256 is the default; SM3 (GB/T 32905) is available for
 * deployments that must use the national standard. Adapters may supply their own (a
 * hardware module, say) as long as it produces the same digests.
 */
export interface HashAlgorithm {
  /** Algorithm name, recorded beside every hash the SDK stores. */
  readonly name: HashAlgorithmName;
  /** Digest length in bytes (32 for both built-ins). */
  readonly outputLength: number;
  /** One-shot digest of `data`. */
  hash(data: Uint8Array): Uint8Array;
  /** Starts an incremental hash. */
  create(): Hasher;
  /**
   * OPTIONAL: writes the digest of `data` (the same as {@link HashAlgorithm.hash}'s) into
   * `out` at `offset`, `outputLength` bytes, instead of returning a new array — for a caller
   * hashing millions of small inputs, where the array per digest costs as much as the
   * hashing (`verifyEventStore`: a leaf and on average one Merkle node an event).
   */
  hashInto?(data: Uint8Array, out: Uint8Array, offset: number): void;
}

/** zod schema of the names of the hash algorithms sanxiang knows. */
export const HashAlgorithmNameSchema = z.enum(["sha256", "sm3"]);
/** Names of the hash algorithms sanxiang knows (see {@link HashAlgorithmNameSchema}). */
export type HashAlgorithmName = z.infer<typeof HashAlgorithmNameSchema>;

/** SHA-256 (FIPS 180-4), the default hash (via @noble/hashes). */
export const sha256: HashAlgorithm = {
  name: "sha256",
  outputLength: 32,
  hash: (data) => nobleSha256(data),
  create: () => wrap(nobleSha256.create()),
};

/** The shape of an incremental hash from @noble/hashes (`sha256.create()` and the like). */
export interface NobleHash {
  /** Adds bytes. */
  update(data: Uint8Array): unknown;
  /** Finishes and returns the digest. */
  digest(): Uint8Array;
}

/** Adapts a @noble/hashes-style incremental hash to {@link Hasher}. */
export function wrap(inner: NobleHash): Hasher {
  const h: Hasher = {
    update(data) {
      inner.update(data);
      return h;
    },
    digest: () => inner.digest(),
  };
  return h;
}

/**
 * Looks up a built-in hash algorithm by the name stored beside a hash (`"sha256"`,
 * `"sm3"`), or the coded error `HASH_ALGORITHM_UNSUPPORTED` for any other value.
 */
export function hashAlgorithm(name: unknown): Result<HashAlgorithm, SanxiangError> {
  const parsed = HashAlgorithmNameSchema.safeParse(name);
  if (!parsed.success) {
    return err(
      sanxiangError("HASH_ALGORITHM_UNSUPPORTED", `不支持的哈希算法：${String(name)}（支持 sha256、sm3）`, {
        details: { name: typeof name === "string" ? name : String(name), supported: HashAlgorithmNameSchema.options },
      }),
    );
  }
  return ok(parsed.data === "sm3" ? sm3 : sha256);
}

const HEX_DIGITS = "0123456789abcdef";

/** Lower-case hexadecimal of `bytes` (two digits a byte, no prefix). */
export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (HEX_DIGITS[b >> 4] as string) + (HEX_DIGITS[b & 15] as string);
  return out;
}

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;

/**
 * Bytes of a hexadecimal string (either case, even length, no prefix or separators), or
 * the coded error `INVALID_INPUT`.
 */
export function fromHex(hex: unknown): Result<Uint8Array, SanxiangError> {
  if (typeof hex !== "string" || !HEX_RE.test(hex)) {
    return err(sanxiangError("INVALID_INPUT", "不是有效的十六进制字符串", { details: { value: String(hex) } }));
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return ok(out);
}
