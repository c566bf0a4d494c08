import { fc, test as fcTest } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { firstDifference } from "./store-verify-nodes.js";

describe("firstDifference (the verifier's comparison of a stored run with the recomputed one)", () => {
  fcTest.prop([
    fc.uint8Array({ maxLength: 200 }),
    fc.nat({ max: 7 }),
    fc.nat({ max: 7 }),
    fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { maxLength: 3 }),
  ])("finds the first differing byte at any alignment, as a byte-by-byte scan does", (bytes, offA, offB, flips) => {
    const a = new Uint8Array(bytes.length + offA).subarray(offA);
    a.set(bytes);
    const b = new Uint8Array(bytes.length + offB).subarray(offB);
    b.set(bytes);
    for (const [at, x] of flips) if (bytes.length > 0) b[at % bytes.length] = (b[at % bytes.length] as number) ^ x;
    let want = -1;
    for (let i = 0; i < bytes.length; i++) {
      if (a[i] !== b[i]) {
        want = i;
        break;
      }
    }
    expect(firstDifference(a, b)).toBe(want);
  });
});
