import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { leafPageLength, READ_LEAVES_PAGE_BYTES } from "./store-raw-read.js";

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("leafPageLength: a readLeaves page ends by bytes", () => {
  test.prop(
    [fc.array(fc.nat({ max: 3 * READ_LEAVES_PAGE_BYTES }), { maxLength: 40 }), fc.integer({ min: 1, max: 2 ** 30 })],
    {
      examples: [
        [[READ_LEAVES_PAGE_BYTES * 2, 1, 1], READ_LEAVES_PAGE_BYTES],
        [[READ_LEAVES_PAGE_BYTES - 1, 1, 1], READ_LEAVES_PAGE_BYTES],
        [[READ_LEAVES_PAGE_BYTES, 1], READ_LEAVES_PAGE_BYTES],
        [[], READ_LEAVES_PAGE_BYTES],
      ],
    },
  )("every event that starts below the budget, at least one", (lengths, budget) => {
    const n = leafPageLength(lengths, budget) as number;
    expect(n).toBe(lengths.length === 0 ? 0 : Math.max(1, n));
    expect(n).toBeLessThanOrEqual(lengths.length);
    // Each taken event starts below the budget; the first one left out would not.
    if (n > 0) expect(sum(lengths.slice(0, n - 1))).toBeLessThan(budget);
    if (n < lengths.length) expect(sum(lengths.slice(0, n))).toBeGreaterThanOrEqual(budget);
  });

  test.prop([fc.array(fc.nat(), { maxLength: 5 }), fc.constantFrom(-1, 1.5, Number.NaN, 2 ** 60)])(
    "a length that is no byte count: null (the store reads the page another way)",
    (lengths, bad) => {
      expect(leafPageLength([...lengths, bad])).toBeNull();
    },
  );
});
