// The redaction property of issue 7: no published output ever contains a valid resident ID
// number or mobile number present in the input (政府信息公开条例 Art. 15; DOMAIN.md §1.1).
import {
  checkRedacted,
  DEFAULT_REDACTION_POLICY,
  DisclosureContentSchema,
  findPersonalData,
  type RedactionContext,
  redactContent,
  validateResidentId,
} from "@sanxiang/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  disclosureContents,
  disclosureContentsWithPersonalData,
  otherPersonNames,
  textWithPersonalData,
} from "./disclosure.js";

/** Every string of a value, however deep. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (typeof value === "object" && value !== null) return Object.values(value).flatMap(strings);
  return [];
}

const isValidSecret = (s: string) => /^1[3-9]\d{9}$/.test(s) || validateResidentId(s, { asOf: null }).isOk();

describe("disclosure arbitraries", () => {
  it("texts embed real IDs and mobiles; contents pass the content schema", () => {
    fc.assert(
      fc.property(textWithPersonalData(), (t) => {
        expect(t.secrets.length).toBeGreaterThan(0);
        for (const s of t.secrets) {
          expect(t.text).toContain(s);
          expect(isValidSecret(s)).toBe(true);
        }
      }),
    );
    fc.assert(
      fc.property(disclosureContents(), (c) => {
        expect(DisclosureContentSchema.safeParse(c).success).toBe(true);
      }),
    );
  });
});

describe("redaction property (issue 7)", () => {
  it("no valid resident ID or mobile of the input survives in any string; the output passes checkRedacted, keeps its schema, and redacting twice = once", () => {
    fc.assert(
      fc.property(
        disclosureContentsWithPersonalData(),
        otherPersonNames(),
        fc.constantFrom<"person" | "organisation">("person", "organisation"),
        ({ content, secrets }, otherPersons, partyKind) => {
          const ctx: RedactionContext = {
            policy: DEFAULT_REDACTION_POLICY,
            party: { kind: partyKind, name: "测试当事人" },
            otherPersons,
          };
          // Non-vacuity: the input really holds them, and redaction really finds them.
          expect(secrets.length).toBeGreaterThan(0);
          const input = strings(content);
          for (const s of secrets) expect(input.some((x) => x.includes(s))).toBe(true);
          expect(input.reduce((n, x) => n + findPersonalData(x, ctx).length, 0)).toBeGreaterThan(0);
          expect(DisclosureContentSchema.safeParse(content).success).toBe(true);

          const { content: out, redactions } = redactContent(content, ctx);
          expect(redactions.length).toBeGreaterThan(0);
          const output = strings(out);
          for (const s of secrets) for (const x of output) expect(x).not.toContain(s);
          expect(checkRedacted(out, ctx).isOk()).toBe(true);
          expect(DisclosureContentSchema.safeParse(out).success).toBe(true);
          expect(redactContent(out, ctx).content).toEqual(out);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
