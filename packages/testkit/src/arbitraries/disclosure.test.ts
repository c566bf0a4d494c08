// The redaction property of issue 7: no published output ever contains a valid resident ID
// number or mobile number present in the input (政府信息公开条例 Art. 15).
import {
  checkRedacted,
  DEFAULT_REDACTION_POLICY,
  DisclosureContentSchema,
  findPersonalData,
  type RedactionContext,
  redactContent,
  redactText,
  validateResidentId,
} from "@sanxiang/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  disclosureContents,
  disclosureContentsWithPersonalData,
  labelledPersonalValue,
  otherPersonNames,
  textWithoutPersonalData,
  textWithPersonalData,
  writtenPersonalNumber,
  writtenPlate,
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

/** The digits (and check character X) of a text as a reader sees them: NFKC, everything else dropped. */
const digitsOf = (s: string) =>
  s
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[^0-9X]/g, "");

const ctxOf = (kind: "person" | "organisation"): RedactionContext => ({
  policy: DEFAULT_REDACTION_POLICY,
  party: { kind, name: "测试当事人" },
});

// Issue 13 §1.2: about half of 50 ways of writing a number passed the detector. Each written
// variant is embedded in Chinese text with a label or none; none may survive redaction.
describe("redaction property over written variants (issue 13)", () => {
  const before = fc.constantFrom("", "经查，", "当事人", "联系方式：", "电话", "身份证号码：", "其账户", "（");
  const after = fc.constantFrom("", "。", "，系其本人", "）", "；", "\n另查明");

  it("no resident ID, mobile or account survives, however grouped, separated, widened or salted with invisible characters", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(before, writtenPersonalNumber(), after), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<"person" | "organisation">("person", "organisation"),
        (parts, kind) => {
          const ctx = ctxOf(kind);
          const text = parts.map(([b, n, a]) => `${b}${n.written}${a}`).join("");
          expect(findPersonalData(text, ctx).length).toBeGreaterThan(0);
          const out = redactText(text, ctx).text;
          for (const [, n] of parts) expect(digitsOf(out)).not.toContain(n.digits);
          expect(findPersonalData(out, ctx)).toEqual([]);
          expect(redactText(out, ctx).text).toBe(out);
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  it("labelled accounts, addresses, health conditions, WeChat ids and QQ numbers are hidden (银行账号为, 家住, 患有, 微信号：, 加微信, QQ号码为 …)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(before, labelledPersonalValue(), fc.constantFrom("。", "，", "；", "\n")), {
          minLength: 1,
          maxLength: 3,
        }),
        (parts) => {
          const ctx = ctxOf("person");
          const text = parts.map(([b, v, a]) => `${b}${v.text}${a}`).join("");
          const out = redactText(text, ctx).text;
          for (const [, v] of parts) expect(out).not.toContain(v.value);
          expect(findPersonalData(out, ctx)).toEqual([]);
          expect(redactText(out, ctx).text).toBe(out);
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);

  it("no vehicle licence plate survives, however written (gaps, full-width, lower case, traditional province forms, invisible characters), in Chinese text with or without a label", () => {
    const around = fc.constantFrom("", "经查，", "驾驶", "车牌号：", "号牌为", "（", "当事人驾驶的", "\n");
    const past = fc.constantFrom("", "。", "小型轿车", "号车辆", "）", "，", "；", "停放于路边");
    fc.assert(
      fc.property(
        fc.array(fc.tuple(around, writtenPlate(), past), { minLength: 1, maxLength: 3 }),
        fc.constantFrom<"person" | "organisation">("person", "organisation"),
        (parts, kind) => {
          const ctx = ctxOf(kind);
          const text = parts.map(([b, p, a]) => `${b}${p.written}${a}`).join("，");
          const found = findPersonalData(text, ctx);
          expect(found.filter((f) => f.field === "licencePlate").length).toBeGreaterThanOrEqual(parts.length);
          const out = redactText(text, ctx).text;
          const serials = (s: string) =>
            s
              .normalize("NFKC")
              .toUpperCase()
              .replace(/[^0-9A-Z\u4e00-\u9fff]/g, "");
          for (const [, p] of parts) expect(serials(out)).not.toContain(p.plate.slice(1));
          expect(findPersonalData(out, ctx)).toEqual([]);
          expect(redactText(out, ctx).text).toBe(out);
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);

  // The other side of the trade-off: what the public may read is not mangled.
  it("a text of 文号, credit codes, dates, amounts, citations and codes that look like plates or contact ids has nothing found and is left as it is", () => {
    fc.assert(
      fc.property(
        textWithoutPersonalData(),
        fc.constantFrom<"person" | "organisation">("person", "organisation"),
        (t, kind) => {
          const ctx = ctxOf(kind);
          expect(findPersonalData(t.text, ctx)).toEqual([]);
          const out = redactText(t.text, ctx).text;
          expect(out).toBe(t.text);
          for (const k of t.keep) expect(out).toContain(k);
        },
      ),
      { numRuns: 400 },
    );
  }, 60_000);
});
