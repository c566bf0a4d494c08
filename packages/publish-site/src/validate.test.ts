import { fc, test } from "@fast-check/vitest";
import { type DisclosureContent, disclosureContentHash } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { decision, itemOf, sampleItems } from "./fixtures.test-support.js";
import { contentHashMatches } from "./validate.js";

describe("contentHashMatches", () => {
  it("accepts every sample item and rejects a hash of other content", () => {
    const items = sampleItems();
    for (const item of items) expect(contentHashMatches(item)).toBe(true);
    const [a, b] = items;
    if (a === undefined || b === undefined) throw new Error("fixtures too small");
    expect(contentHashMatches({ ...a, contentHash: b.contentHash })).toBe(false);
  });

  // The fast path hashes core's canonical text natively: it must agree with core's own
  // disclosureContentHash on any text, lone surrogates and astral characters included.
  test.prop([fc.string({ unit: "binary" }), fc.string({ unit: "binary" })], { numRuns: 200 })(
    "agrees with core's disclosureContentHash",
    (party, matter) => {
      const base = decision("dec-x", "2026-03-01");
      if (base.content.kind !== "decision") throw new Error("not a decision");
      const content: DisclosureContent = { ...base.content, party: { kind: "person", name: party }, matter };
      const right = itemOf("dec-x", "t", content);
      expect(right.contentHash).toBe(disclosureContentHash(content));
      expect(contentHashMatches(right)).toBe(true);
      expect(contentHashMatches({ ...right, content: { ...content, matter: `${matter}x` } })).toBe(false);
    },
  );
});
