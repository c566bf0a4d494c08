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
  // crypto.hash (Node ≥ 20.12) is the one-shot form without a Hash object per call. The
  // digest is asked for as a `binary` (latin1) string (one character per byte, 0–255: exact) and copied
  // into a Uint8Array here: Node hands a string back ≈ 0.45 µs faster than a Buffer, whose
  // allocation from C++ was most of each call's cost — and the verifier makes two calls an
  // event (the leaf, and on average one Merkle node).
  const digest =
    typeof oneShot === "function"
      ? (data: Uint8Array): Uint8Array => latin1Bytes(oneShot(openssl, data, "binary"))
      : (data: Uint8Array): Uint8Array => latin1Bytes(createHash(openssl).update(data).digest("binary"));
  const digestInto =
    typeof oneShot === "function"
      ? (data: Uint8Array, out: Uint8Array, offset: number): void =>
          latin1Into(oneShot(openssl, data, "binary"), out, offset)
      : (data: Uint8Array, out: Uint8Array, offset: number): void =>
          latin1Into(createHash(openssl).update(data).digest("binary"), out, offset);
  return {
    name,
    outputLength: builtIn.outputLength,
    hash: digest,
    create: () => wrap(createHash(openssl)),
    hashInto: digestInto,
  };
}

/** Writes a latin1 string's bytes (each character's code, 0–255) into `out` at `offset`. */
function latin1Into(text: string, out: Uint8Array, offset: number): void {
  for (let i = 0; i < text.length; i++) out[offset + i] = text.charCodeAt(i);
}

/** The bytes of a latin1 string (each character's code, 0–255, one byte). */
function latin1Bytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
}
