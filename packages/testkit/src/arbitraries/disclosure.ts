import { ACTION_CATEGORIES, DISCLOSURE_KINDS, type DisclosureContent, type DisclosureKind } from "@sanxiang/core";
import fc from "fast-check";
import { chineseName, mobileNumber, residentId } from "./identifiers.js";
import { civilDate } from "./primitives.js";

/** 公示文本 — a text of a disclosure with the personal numbers embedded in it. */
export interface TextWithPersonalData {
  /** The text (trimmed, never empty). */
  readonly text: string;
  /** The valid resident ID numbers and mobile numbers embedded in it, as embedded. */
  readonly secrets: readonly string[];
}

// What may stand right beside an embedded number: nothing, digits (the number then sits in
// a longer run), ASCII and full-width punctuation, full-width letters and digits, labels.
const BESIDE = [
  "",
  " ",
  "，",
  "。",
  "：",
  ":",
  "（",
  "）",
  "(",
  ")",
  "-",
  "/",
  "、",
  "Ｘ",
  "ａ",
  "＃",
  "１２",
  "号",
  "电话",
  "身份证",
  "\u3000",
  "＊",
] as const;
const FILLER_CHARS = [..."经查当事人于年月日在中卫市销售商品违法事实清楚证据确凿依据规定处罚款元abcXx "];

/** Text around an embedded number: Chinese and ASCII filler, or a short digit run. */
function filler(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.array(fc.constantFrom(...FILLER_CHARS), { maxLength: 8 }).map((cs) => cs.join("")),
    fc.stringMatching(/^\d{0,4}$/),
  );
}

/**
 * A valid resident ID number or an 11-digit mobile number — the two kinds of number the
 * redaction property is about (both pass core's checks: the ID its GB 11643 check
 * character, the mobile a real 号段).
 */
export function personalNumber(): fc.Arbitrary<string> {
  return fc.oneof(residentId({ birthDate: { min: "1940-01-01", max: "2010-12-31" } }), mobileNumber());
}

/**
 * 含个人信息的文本 — a text with one to three personal numbers embedded at odd places:
 * digits, punctuation, full-width characters or nothing at all right beside them.
 */
export function textWithPersonalData(): fc.Arbitrary<TextWithPersonalData> {
  const part = fc
    .tuple(filler(), fc.constantFrom(...BESIDE), personalNumber(), fc.constantFrom(...BESIDE))
    .map(([f, l, n, r]) => ({ text: `${f}${l}${n}${r}`, secret: n }));
  return fc.tuple(fc.array(part, { minLength: 1, maxLength: 3 }), filler()).map(([parts, tail]) => ({
    text: `${parts.map((p) => p.text).join("")}${tail}`.trim(),
    secrets: parts.map((p) => p.secret),
  }));
}

/** 含个人信息的公示内容 — a disclosure content and the personal numbers embedded in it. */
export interface ContentWithPersonalData {
  /** The content: every text field holds at least one personal number. */
  readonly content: DisclosureContent;
  /** Every number embedded, in any field. */
  readonly secrets: readonly string[];
}

/** Options of {@link disclosureContents}. */
export interface DisclosureContentOptions {
  /** Kinds to draw from (default all). */
  readonly kinds?: readonly DisclosureKind[];
}

/** Builds the content of a kind from a source of texts (one call per text field). */
function contentOf(
  kind: DisclosureKind,
  next: () => string,
  date: string,
  n: number,
  category: (typeof ACTION_CATEGORIES)[number],
): DisclosureContent {
  const list = () => Array.from({ length: n }, next);
  switch (kind) {
    case "body":
      return {
        kind,
        name: next(),
        nature: next(),
        authority: list(),
        categories: list(),
        address: next(),
        phone: next(),
      };
    case "officer":
      return {
        kind,
        name: next(),
        bodyName: next(),
        certificateNumber: next(),
        categories: list(),
        post: next(),
        validUntil: date,
      };
    case "power":
      return {
        kind,
        code: next(),
        name: next(),
        powerKind: next(),
        basis: list(),
        bodyName: next(),
        unit: next(),
        supervision: next(),
        supervisionPhone: next(),
        accountability: list(),
      };
    case "serviceGuide":
      return {
        kind,
        itemCode: next(),
        name: next(),
        basis: list(),
        acceptingBody: next(),
        approvingBody: next(),
        conditions: list(),
        materials: list(),
        process: list(),
        timeLimit: next(),
        supervision: next(),
        officeHours: next(),
        address: next(),
        phone: next(),
      };
    case "flowchart":
      return {
        kind,
        name: next(),
        chart: {
          procedure: next(),
          steps: Array.from({ length: n }, () => ({ id: next(), name: next() })),
          transitions: Array.from({ length: n }, () => ({ from: next(), to: next(), label: next() })),
        },
      };
    case "inspectionItem":
      return {
        kind,
        code: next(),
        name: next(),
        subItem: next(),
        bodyName: next(),
        targets: next(),
        basis: list(),
        methods: list(),
        ratio: next(),
        timesPerYear: n,
      };
    case "benchmark":
      return {
        kind,
        name: next(),
        basis: list(),
        tiers: Array.from({ length: n }, () => ({ circumstance: next(), penalty: next() })),
      };
    case "enforcementAct":
      return {
        kind,
        act: next(),
        actOn: date,
        officers: Array.from({ length: n }, () => ({ name: next(), certificateNumber: next() })),
        documents: list(),
        party: { kind: "organisation", name: next(), creditCode: next() },
      };
    case "decision":
      return {
        kind,
        category,
        documentNumber: next(),
        agencyName: next(),
        party: { kind: "person", name: next() },
        matter: next(),
        facts: next(),
        basis: list(),
        conclusion: next(),
        fineFen: 500_000,
        decidedOn: date,
      };
  }
}

/**
 * 公示内容 — any {@link DisclosureContent} (every kind, dates in the calendar's range), its
 * texts short Chinese filler without personal data.
 */
export function disclosureContents(options: DisclosureContentOptions = {}): fc.Arbitrary<DisclosureContent> {
  const plain = fc.array(fc.constantFrom(...FILLER_CHARS), { minLength: 1, maxLength: 10 }).map((cs) => {
    const s = cs.join("").trim();
    return s.length === 0 ? "文" : s;
  });
  return fc
    .record({
      kind: fc.constantFrom(...(options.kinds ?? DISCLOSURE_KINDS)),
      texts: fc.array(plain, { minLength: 1, maxLength: 8 }),
      date: civilDate(),
      n: fc.integer({ min: 1, max: 3 }),
      category: fc.constantFrom(...ACTION_CATEGORIES),
    })
    .map(({ kind, texts, date, n, category }) => {
      let i = 0;
      return contentOf(kind, () => texts[i++ % texts.length] ?? "文", date, n, category);
    });
}

/**
 * 含个人信息的公示内容 — a {@link DisclosureContent} of any kind whose every text field holds
 * valid resident ID or mobile numbers ({@link textWithPersonalData}), with the list of them:
 * the input of the redaction property ("no published output contains a valid resident ID or
 * mobile number present in the input").
 */
export function disclosureContentsWithPersonalData(
  options: DisclosureContentOptions = {},
): fc.Arbitrary<ContentWithPersonalData> {
  return fc
    .record({
      kind: fc.constantFrom(...(options.kinds ?? DISCLOSURE_KINDS)),
      texts: fc.array(textWithPersonalData(), { minLength: 1, maxLength: 6 }),
      date: civilDate(),
      n: fc.integer({ min: 1, max: 3 }),
      category: fc.constantFrom(...ACTION_CATEGORIES),
    })
    .map(({ kind, texts, date, n, category }) => {
      let i = 0;
      const used = new Set<string>();
      const next = () => {
        const t = texts[i++ % texts.length];
        for (const s of t?.secrets ?? []) used.add(s);
        return t?.text ?? "文";
      };
      return { content: contentOf(kind, next, date, n, category), secrets: [...used] };
    });
}

/** 当事人以外的自然人 — names of witnesses and the like, for the redaction context. */
export function otherPersonNames(): fc.Arbitrary<string[]> {
  return fc.uniqueArray(chineseName(), { maxLength: 3 });
}
