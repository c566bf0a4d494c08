import { fc, test } from "@fast-check/vitest";
import { type DisclosureContent, disclosureContentHash, sm3 } from "@sanxiang/core";
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

describe("contentHashMatches with SM3 (a bureau whose hash port is 国密 SM3)", () => {
  it("checks an SM3 item with SM3 and refuses it when the algorithm is not named", () => {
    const base = decision("dec-sm3", "2026-03-01");
    const sm3Hash = disclosureContentHash(base.content, sm3);
    const item = { ...base, contentHash: sm3Hash, contentHashAlgorithm: "sm3" as const };
    expect(sm3Hash).not.toBe(base.contentHash);
    expect(contentHashMatches(item)).toBe(true);
    // Without the name the SHA-256 check applies, and an SM3 digest does not pass it.
    const { contentHashAlgorithm: _, ...unnamed } = item;
    expect(contentHashMatches(unnamed)).toBe(false);
    // Named SM3 but hashed with SHA-256: refused too.
    expect(contentHashMatches({ ...base, contentHashAlgorithm: "sm3" })).toBe(false);
  });
});
