import { z } from "zod";
import type { RuleSource } from "./rule-source.js";

// The types are plain TypeScript in rule-source.ts (no zod in the declarations of an entry
// that only cites rules); rule-source.test.ts checks they equal these schemas' `z.infer`.
export type { Confidence, RuleSource } from "./rule-source.js";

/**
 * zod schema of a {@link Confidence} tag of a rule's legal basis: `C-law` confirmed against
 * the statute text; `C` confirmed on a public page; `C-local` restated by a local
 * implementing document; `M` recalled, unverified; `VAR` differs by province, sector or
 * agency (always configurable).
 */
export const ConfidenceSchema = z.enum(["C-law", "C", "C-local", "M", "VAR"]);

/**
 * zod schema of a {@link RuleSource}, 法律依据 — the legal source of a rule: the law (short
 * title, e.g. `行政处罚法`) and, where it has articles, the article (条), paragraph (款) and
 * item (项) as numbers. Documents without articles (a State Council notice,
 * 国办发〔2018〕118号) use `section`.
 */
export const RuleSourceSchema = z
  .object({
    /** Short title of the law or document, e.g. `行政处罚法`, `国办发〔2018〕118号`. */
    law: z.string().min(1),
    /** Article number (第N条). */
    article: z.number().int().positive().optional(),
    /** Paragraph number (第N款) within the article. */
    paragraph: z.number().int().positive().optional(),
    /** Item number (第N项) within the paragraph. */
    item: z.number().int().positive().optional(),
    /** For documents without articles: the part cited, e.g. `四（三）`. */
    section: z.string().min(1).optional(),
    /** How sure the SDK is of this reading (see {@link ConfidenceSchema}). */
    confidence: ConfidenceSchema.optional(),
    /** Where the text can be read, when it is not one of the shipped statutes. */
    url: z.string().optional(),
  })
  .readonly();

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"] as const;

/**
 * Writes a positive integer below 10,000 in Chinese numerals as statutes number their
 * articles: 85 → 八十五, 10 → 十, 101 → 一百零一, 1259 → 一千二百五十九.
 */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n <= 0 || n >= 10_000) {
    throw new RangeError(`chineseNumeral: expected an integer in 1..9999, got ${n}`);
  }
  const units = ["", "十", "百", "千"] as const;
  const digits = String(n).split("").map(Number);
  let out = "";
  let zeroPending = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i] ?? "";
    if (d === 0) {
      zeroPending = out.length > 0;
      return;
    }
    if (zeroPending) out += "零";
    zeroPending = false;
    // 十 alone at the start: 十, 十五 (not 一十五) — the statutes' own usage.
    out += d === 1 && unit === "十" && out.length === 0 ? unit : `${DIGITS[d]}${unit}`;
  });
  return out;
}

/**
 * Formats a source for people: `《行政处罚法》第八十五条`, `《民法典》第二百零一条第一款`,
 * `国办发〔2018〕118号 四（三）`.
 */
export function formatSource(source: RuleSource): string {
  const title = source.law.startsWith("国") || source.law.includes("〔") ? source.law : `《${source.law}》`;
  let s = title;
  if (source.article !== undefined) s += `第${chineseNumeral(source.article)}条`;
  if (source.paragraph !== undefined) s += `第${chineseNumeral(source.paragraph)}款`;
  if (source.item !== undefined) s += `第（${chineseNumeral(source.item)}）项`;
  if (source.section !== undefined) s += ` ${source.section}`;
  return s;
}

/**
 * Reads a number written as statutes write it — 八十五, 十, 一百零一, 一千二百五十九 (also
 * 两 for 二, 〇 for 零, 一十五 for 十五) — or in Arabic digits (58, full-width ５８). The inverse
 * of {@link chineseNumeral} for 1..9999; `undefined` for anything else, never a throw.
 */
export function parseChineseNumeral(text: string): number | undefined {
  if (typeof text !== "string") return undefined;
  const s = text.trim().replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
  if (/^\d{1,4}$/.test(s)) {
    const n = Number(s);
    return n >= 1 ? n : undefined;
  }
  const normal = s.replaceAll("两", "二").replaceAll("〇", "零").replace(/^一十/, "十");
  const units: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let pending = 0;
  for (const ch of normal) {
    const digit = (DIGITS as readonly string[]).indexOf(ch);
    const unit = units[ch];
    if (digit >= 0) pending = digit;
    else if (unit !== undefined) {
      total += (pending === 0 ? 1 : pending) * unit;
      pending = 0;
    } else return undefined;
  }
  total += pending;
  // Only the canonical spelling is accepted, so 一百五 or 十十 is not misread.
  return total >= 1 && total <= 9999 && chineseNumeral(total) === normal ? total : undefined;
}
