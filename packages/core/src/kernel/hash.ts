import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

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
}

/** Names of the hash algorithms sanxiang knows. */
export type HashAlgorithmName = "sha256" | "sm3";

/** SHA-256 (FIPS 180-4), the default hash (via @noble/hashes). */
export const sha256: HashAlgorithm = {
  name: "sha256",
  outputLength: 32,
  hash: (data) => nobleSha256(data),
  create: () => wrap(nobleSha256.create()),
};

interface NobleHash {
  update(data: Uint8Array): unknown;
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
