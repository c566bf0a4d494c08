// 原生哈希 — Node's crypto (OpenSSL) behind core's hashing port. Core stays free of `node:`
// imports and hashes in JavaScript; the CLI, which runs on Node, hands the native
// implementation to `verifyEventStore`, where hashing every stored event dominates.
import { createHash, getHashes, hash as oneShot } from "node:crypto";
import { type HashAlgorithm, type HashAlgorithmName, hashAlgorithm, wrap } from "@sanxiang/core";

const OPENSSL_NAMES: Readonly<Record<HashAlgorithmName, string>> = { sha256: "sha256", sm3: "sm3" };

/**
 * The native implementation of a built-in hash algorithm, or core's own when this Node's
 * OpenSSL lacks it (SM3 is missing from some builds). Same digests either way:
 * `verifyEventStore` checks the implementation against core's before using it.
 */
export function nativeHashAlgorithm(name: HashAlgorithmName): HashAlgorithm {
  const builtIn = hashAlgorithm(name)._unsafeUnwrap();
  const openssl = OPENSSL_NAMES[name];
  if (!getHashes().includes(openssl)) return builtIn;
  // crypto.hash (Node ≥ 20.12) is the one-shot form without a Hash object per call.
  const digest =
    typeof oneShot === "function"
      ? (data: Uint8Array): Uint8Array => oneShot(openssl, data, "buffer") as unknown as Uint8Array
      : (data: Uint8Array): Uint8Array => createHash(openssl).update(data).digest();
  return {
    name,
    outputLength: builtIn.outputLength,
    hash: digest,
    create: () => wrap(createHash(openssl)),
  };
}
