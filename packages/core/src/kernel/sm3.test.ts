import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fc, test } from "@fast-check/vitest";
import { sm3 as smCryptoSm3 } from "sm-crypto-v2";
import { describe, expect, it } from "vitest";
import { toHex } from "./hash.js";
import { sm3 } from "./sm3.js";

interface Vector {
  readonly name: string;
  readonly inputHex: string;
  readonly expected: string;
}
interface VectorFile {
  readonly standard: readonly Vector[];
  readonly extraPublished: readonly Vector[];
  readonly computedOnly: readonly Vector[];
}

const file = JSON.parse(
  readFileSync(new URL("../../../../test/vectors/sm3.json", import.meta.url), "utf8"),
) as VectorFile;
const vectors = [...file.standard, ...file.extraPublished, ...file.computedOnly];

const bytesOf = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, "hex"));
const nodeSm3 = (data: Uint8Array): string => createHash("sm3").update(data).digest("hex");

/** Splits `data` at the given cut points (any order, any values; clamped). */
function chunk(data: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, data.length)))].sort((a, b) => a - b);
  const parts: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    parts.push(data.subarray(from, p));
    from = p;
  }
  parts.push(data.subarray(from));
  return parts;
}

describe("sm3 — GB/T 32905 vectors", () => {
  it("has all the vectors of the reference file", () => {
    expect(vectors.length).toBe(10);
  });

  it.each(vectors.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    const data = bytesOf(v.inputHex);
    expect(toHex(sm3.hash(data))).toBe(v.expected);
    // Streaming byte by byte gives the same digest.
    const h = sm3.create();
    for (const b of data) h.update(Uint8Array.of(b));
    expect(toHex(h.digest())).toBe(v.expected);
  });

  it("declares its name and output length", () => {
    expect(sm3.name).toBe("sm3");
    expect(sm3.outputLength).toBe(32);
    expect(sm3.hash(new Uint8Array()).length).toBe(32);
  });

  it("hashes the block-boundary lengths like node:crypto (55, 56, 63, 64, 65, 119, 120, 128 bytes)", () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000]) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 31 + 7) & 0xff);
      expect(toHex(sm3.hash(data)), `length ${n}`).toBe(nodeSm3(data));
    }
  });
});

describe("sm3 — cross-checks", () => {
  test.prop([fc.uint8Array({ maxLength: 600 })])("agrees with sm-crypto-v2 and node:crypto", (data) => {
    const ours = toHex(sm3.hash(data));
    expect(ours).toBe(smCryptoSm3(data));
    expect(ours).toBe(nodeSm3(data));
  });

  test.prop([fc.uint8Array({ maxLength: 600 }), fc.array(fc.nat({ max: 600 }), { maxLength: 12 })])(
    "streaming in arbitrary chunks equals one-shot",
    (data, cuts) => {
      const h = sm3.create();
      for (const part of chunk(data, cuts)) h.update(part);
      expect(toHex(h.digest())).toBe(toHex(sm3.hash(data)));
    },
  );

  it("keeps independent hashers independent", () => {
    const a = sm3.create().update(bytesOf("616263"));
    const b = sm3.create().update(bytesOf("6162"));
    b.update(bytesOf("63"));
    expect(toHex(a.digest())).toBe(toHex(b.digest()));
  });

  it("hashes a megabyte streamed in uneven chunks like node:crypto", () => {
    const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 2654435761) >>> 24);
    const h = sm3.create();
    for (let i = 0; i < data.length; i += 4093) h.update(data.subarray(i, i + 4093));
    expect(toHex(h.digest())).toBe(nodeSm3(data));
  });
});
