// 用语 — one place that owns how people-facing text is written: amounts, dates, citations
// and the terms the SDK's outputs use. The public site, the CLI and the HTML outputs call
// these instead of formatting on their own, so one screen never shows three styles.
import { type Fen, formatYuan, isFen, toChineseUppercase } from "./money.js";
import { formatSource, type RuleSource } from "./source.js";
import { type CivilDate, isCivilDate } from "./time.js";

/**
 * 金额 — an amount as officers and citizens read it: `人民币2,000.00元` (thousands grouped,
 * two decimals, 人民币 before and 元 after, no space). Throws `RangeError` for a value that is
 * not {@link Fen} (amounts are validated at the boundary, so that is a bug).
 */
export function amountText(fen: Fen): string {
  return `人民币${formatYuan(fen)}元`;
}

/**
 * 金额（含大写） — the figure and the capital numerals, as a decision document writes an
 * amount: `人民币2,000.00元（大写：人民币贰仟元整）`. Throws `RangeError` for a non-{@link Fen}.
 */
export function amountWithCapitalsText(fen: Fen): string {
  if (!isFen(fen)) throw new RangeError(`amountWithCapitalsText: not integer fen: ${String(fen)}`);
  return `${amountText(fen)}（大写：${toChineseUppercase(fen)}）`;
}

/**
 * 日期 — a civil date as official documents write it: `2026年3月2日` (no leading zeros).
 * Throws `RangeError` for a value that is not a real `YYYY-MM-DD` date.
 */
export function dateText(date: CivilDate): string {
  if (!isCivilDate(date)) throw new RangeError(`dateText: not a civil date: ${String(date)}`);
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/**
 * 引用 — a rule's source as a citation: `《价格违法行为行政处罚规定》第十三条`,
 * `《中华人民共和国行政处罚法》第五十八条第一款第（四）项`; documents with a 文号 are not put in
 * 《》 (`国办发〔2018〕118号 四（三）`). The same as {@link formatSource}.
 */
export function citationText(source: RuleSource): string {
  return formatSource(source);
}

/**
 * 法规名称加书名号 — puts every law title of `titles` that `text` names bare into 《》:
 * `价格违法行为行政处罚规定第十三条` → `《价格违法行为行政处罚规定》第十三条`. A title already in
 * 《》 (or inside a longer title in 《》) is left alone; the longest title wins where titles
 * overlap (`中华人民共和国行政处罚法` before `行政处罚法`). Titles without characters are ignored.
 */
export function citeLawTitles(text: string, titles: readonly string[]): string {
  const sorted = [...new Set(titles.filter((x) => x.length > 0 && !x.includes("《")))].sort(
    (a, b) => b.length - a.length,
  );
  if (sorted.length === 0 || text.length === 0) return text;
  let out = "";
  let depth = 0;
  for (let i = 0; i < text.length; ) {
    const ch = text[i] as string;
    if (ch === "《") depth++;
    else if (ch === "》" && depth > 0) depth--;
    if (depth === 0) {
      const title = sorted.find((x) => text.startsWith(x, i));
      if (title !== undefined) {
        out += `《${title}》`;
        i += title.length;
        continue;
      }
    }
    out += ch;
    i++;
  }
  return out;
}

/**
 * 术语 — the terms outputs use, one per meaning, with what each means. Code that shows one of
 * these meanings uses the term from here (docs/glossary.md explains the same terms).
 */
export const TERMS = {
  /** 决定类别 — what kind of decision an item is (行政处罚, 行政强制, 行政检查…). */
  decisionCategory: "决定类别",
  /** 执法领域 — the enforcement area a body or officer works in (价格监督检查…). */
  enforcementArea: "执法领域",
  /** 违法行为 — the violation as decided (销售商品未明码标价), never the area. */
  violation: "违法行为",
  /** 应公示截止日 — the last day by which an item must be published. */
  publishBy: "应公示截止日",
  /** 公示期限 — how long a published item stays on the site. */
  publicityPeriod: "公示期限",
  /** 未届满期限 — the deadlines still running. */
  openDeadlines: "未届满期限",
  /** 包含性证明 — the Merkle proof that an event is in the signed log. */
  inclusionProof: "包含性证明",
  /** 发布至公示网站 — publishing to the public disclosure site. */
  publishToSite: "发布至公示网站",
  /** 订阅 — the site's feeds. */
  subscribe: "订阅",
  /** 主办单位 — the organ that runs the site (an organ, never an area). */
  siteOwner: "主办单位",
  /** 执法证已超过有效期 — a certificate past its validity. */
  certificateExpired: "执法证已超过有效期",
} as const;

/** A raw identifier found in people-facing text (see {@link findRawIdentifiers}). */
export interface RawIdentifier {
  /** The identifier as written. */
  readonly text: string;
  /** Offset in the scanned text. */
  readonly index: number;
  /** What it looks like: an event type or rule id, an error code, or an enum value. */
  readonly kind: "dotted" | "code" | "camelCase";
}

const RAW_PATTERNS: readonly { readonly kind: RawIdentifier["kind"]; readonly re: RegExp }[] = [
  // penalty.ordinary, case.decided, enforcement.courtApplication — but not example.gov.cn,
  // feed.json or a decimal: both parts start lower-case, no digits, no file suffix.
  { kind: "dotted", re: /(?<![\w./:@-])[a-z][a-zA-Z]+(?:\.[a-z][a-zA-Z]+)+(?![\w/@-]|\.[a-zA-Z])/g },
  // REVIEW_NOT_APPROVED, CALENDAR_YEAR_UNKNOWN.
  { kind: "code", re: /(?<![\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w-])/g },
  // underReview, bodyCamera, changesRequired.
  { kind: "camelCase", re: /(?<![\w./:@-])[a-z]+[A-Z][a-zA-Z]*(?![\w/@-])/g },
];

const FILE_SUFFIX = /\.(?:json|xml|html|htm|css|js|mjs|cjs|ts|csv|xlsx|txt|md|png|svg|pdf|zip|gz|sqlite|db)$/;

/**
 * 原始标识 — identifiers a citizen or officer should never read: event types and rule ids
 * (`case.decided`, `penalty.ordinary`), error codes (`REVIEW_NOT_APPROVED`) and enum values
 * (`underReview`, `bodyCamera`). For tests that scan generated pages and CLI output; a code in
 * brackets after a sentence is still reported — callers allow it explicitly where intended.
 * Domain names and file names (`example.gov.cn`, `feed.json`) are not identifiers.
 */
export function findRawIdentifiers(text: string): RawIdentifier[] {
  const out: RawIdentifier[] = [];
  for (const { kind, re } of RAW_PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (kind === "dotted" && (FILE_SUFFIX.test(m[0]) || /\.(?:cn|com|org|net|gov|edu)(?:\.|$)/.test(m[0]))) continue;
      out.push({ text: m[0], index: m.index ?? 0, kind });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
