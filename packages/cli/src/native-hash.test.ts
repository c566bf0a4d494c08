// The native hash port (Node's OpenSSL, digests handed back as latin1 strings and copied into
// bytes) gives exactly core's digests on any input — every byte value, lengths around the
// block size, long inputs — one-shot, written in place (hashInto) and incremental, and through the Merkle functions the
// RFC 6962 / RFC 9162 vectors (test/vectors/merkle.json).
import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import {
  type HashAlgorithmName,
  hashAlgorithm,
  merkleEmptyRoot,
  merkleLeafHash,
  merkleNodeHash,
  merkleRoot,
  toHex,
} from "@sanxiang/core";
import { describe, expect } from "vitest";
import { nativeHashAlgorithm } from "./native-hash.js";

interface Vectors {
  readonly leaves: readonly string[];
  readonly leafHashes: readonly string[];
  readonly emptyRoot: string;
  readonly roots: Readonly<Record<string, string>>;
}
const vectors = JSON.parse(
  readFileSync(new URL("../../../test/vectors/merkle.json", import.meta.url), "utf8"),
) as Vectors;
const fromHex = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, "hex"));

// Lengths around SHA-256's and SM3's 64-byte block and its padding boundary (55/56 bytes).
const input = fc.oneof(
  fc.uint8Array({ maxLength: 200 }),
  fc.integer({ min: 50, max: 130 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
  fc.uint8Array({ minLength: 4000, maxLength: 70_000 }),
);

describe("nativeHashAlgorithm: the same digests as core's", () => {
  for (const name of ["sha256", "sm3"] as const satisfies readonly HashAlgorithmName[]) {
    const native = nativeHashAlgorithm(name);
    const core = hashAlgorithm(name)._unsafeUnwrap();

    test.prop([input], {
      examples: [
        [new Uint8Array(0)],
        [Uint8Array.from({ length: 256 }, (_, i) => i)],
        [new Uint8Array(65).fill(0xff)],
        [new Uint8Array(55).fill(0x80)],
      ],
    })(`${name}: one-shot, as a plain Uint8Array of ${core.outputLength} bytes`, (data) => {
      const digest = native.hash(data);
      expect(digest).toBeInstanceOf(Uint8Array);
      expect(digest.length).toBe(core.outputLength);
      expect(toHex(digest)).toBe(toHex(core.hash(data)));
    });

    test.prop([input, fc.nat({ max: 40 }), fc.nat({ max: 40 })])(
      `${name}: hashInto writes the same digest at the offset, and nothing else`,
      (data, offset, after) => {
        const out = new Uint8Array(offset + core.outputLength + after).fill(0xa5);
        native.hashInto?.(data, out, offset);
        expect(toHex(out.subarray(offset, offset + core.outputLength))).toBe(toHex(core.hash(data)));
        expect([...out.subarray(0, offset), ...out.subarray(offset + core.outputLength)].every((b) => b === 0xa5)).toBe(
          true,
        );
      },
    );

    test.prop([fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 6 })])(
      `${name}: incremental, in any split`,
      (parts) => {
        const h = native.create();
        for (const p of parts) h.update(p);
        const all = Uint8Array.from(parts.flatMap((p) => [...p]));
        expect(toHex(h.digest())).toBe(toHex(core.hash(all)));
      },
    );

    test.prop([
      input,
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
      fc.uint8Array({ minLength: 32, maxLength: 32 }),
    ])(`${name}: leaf and node hashes`, (data, left, right) => {
      expect(toHex(merkleLeafHash(data, { hash: native }))).toBe(toHex(merkleLeafHash(data, { hash: core })));
      expect(toHex(merkleNodeHash(left, right, { hash: native }))).toBe(
        toHex(merkleNodeHash(left, right, { hash: core })),
      );
    });
  }

  test("sha256: the RFC 6962 / RFC 9162 vectors", () => {
    const native = nativeHashAlgorithm("sha256");
    const leaves = vectors.leaves.map(fromHex);
    expect(leaves.map((l) => toHex(merkleLeafHash(l, { hash: native })))).toEqual(vectors.leafHashes);
    expect(toHex(merkleEmptyRoot({ hash: native }))).toBe(vectors.emptyRoot);
    for (const [size, root] of Object.entries(vectors.roots)) {
      expect(toHex(merkleRoot(leaves.slice(0, Number(size)), { hash: native })), `root of ${size}`).toBe(root);
    }
  });
});
