// 号码查找 — personal numbers found by their structure in a normalised text: resident IDs
// (GB 11643 check character, 15-digit old numbers), mobiles, landlines, bank cards (Luhn) and
// long unlabelled runs, written in groups through separators. Split from personal-data.ts.
import { isCivilDate } from "../kernel/time.js";
import { orgCodeCheckChar } from "../registry/entities/checksums.js";
import { validateResidentId } from "../registry/entities/resident-id.js";
import { validateUscc } from "../registry/entities/uscc.js";
import type { PersonalDataFinding, RedactionField } from "./redaction.js";

/**
 * A public 统一社会信用代码: valid under GB 32100-2015, and its positions 9–17 a well-formed
 * organisation code (GB 11714 check character) as every real code's are. The second test
 * keeps digits that only happen to pass the MOD 31 check (1 in 31) from passing as public.
 */
export function isPublicCreditCode(s: string): boolean {
  return s.length === 18 && validateUscc(s).isOk() && orgCodeCheckChar(s.slice(8, 16)) === s[16];
}

/** An 18-character resident ID number with a valid GB 11643 check character. */
export function isResidentId(s: string): boolean {
  return /^\d{17}[\dX]$/.test(s) && validateResidentId(s, { asOf: null }).isOk();
}

/** A 15-digit number of GB 11643-1989 (no check character): a plausible birth date 19YYMMDD. */
function isLegacyResidentId(s: string): boolean {
  if (!/^\d{15}$/.test(s)) return false;
  return isCivilDate(`19${s.slice(6, 8)}-${s.slice(8, 10)}-${s.slice(10, 12)}`);
}

const MOBILE = /^1[3-9]\d{9}$/;
const MOBILE_86 = /^(?:00)?861[3-9]\d{9}$/;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** Does a run of digits contain, anywhere, an 18-character resident ID or an 11-digit mobile number? */
function embedded(run: string): RedactionField | undefined {
  for (let i = 0; i + 18 <= run.length; i++) if (isResidentId(run.slice(i, i + 18))) return "residentId";
  for (let i = 0; i + 11 <= run.length; i++) if (MOBILE.test(run.slice(i, i + 11))) return "mobile";
  return undefined;
}

/** Classifies a whole run of digits written without separators (with an optional check character X). */
function classifyRun(run: string): RedactionField | undefined {
  if (run.length === 18 && isResidentId(run)) return "residentId";
  // A valid 统一社会信用代码 written in digits only is public, not a card or a hidden mobile.
  if (isPublicCreditCode(run)) return undefined;
  if (MOBILE.test(run)) return "mobile";
  if (/^\d{16,19}$/.test(run) && luhn(run)) return "bankAccount";
  if (isLegacyResidentId(run)) return "residentId";
  if (/^0\d{9,11}$/.test(run)) return "phone";
  // Conservative: a longer run hiding an ID- or mobile-shaped number is hidden whole
  // (one number too many rather than one leaked, and never half a number).
  return embedded(run);
}

/**
 * Classifies digits written in several groups (`110105 1949 1231 002X`, `138-1234-5678`):
 * IDs and mobiles in any grouping; bank cards, 15-digit IDs only when every group has 3+
 * digits (a date's `03`, `14` must not join a card); a landline only as an area code and a
 * 7–8-digit number (`0955-7012345`), never inside a longer number.
 */
function classifyGrouped(digits: string, groups: readonly Group[]): RedactionField | undefined {
  if (digits.length === 18 && isResidentId(digits)) return "residentId";
  if (MOBILE.test(digits) || MOBILE_86.test(digits)) return "mobile";
  const wide = groups.every((g) => g.digits.length >= 3);
  if (wide && /^\d{16,19}$/.test(digits) && luhn(digits)) return "bankAccount";
  if (wide && isLegacyResidentId(digits)) return "residentId";
  if (isLandline(groups)) return "phone";
  return undefined;
}

/**
 * 固定电话 in groups: an area code and a local number of 7–8 digits, the local number in one
 * group or in groups of 3–4 (`0955-7012345`, `010-8765-4321`, `0951 501 2345`); or the
 * country code 86 / 0086, the area code without its 0 and the local number
 * (`+86-951-5012345`, `0086 10 87654321`).
 */
function isLandline(groups: readonly Group[]): boolean {
  const sizes = groups.map((g) => g.digits);
  const local = (rest: readonly string[]) =>
    /^\d+$/.test(rest.join("")) &&
    rest.join("").length >= 7 &&
    rest.join("").length <= 8 &&
    (rest.length === 1 || rest.every((g) => g.length >= 3 && g.length <= 4));
  const [first, second] = sizes;
  if (first === undefined || second === undefined) return false;
  if ((first === "86" || first === "0086") && /^[1-9]\d{1,2}$/.test(second) && local(sizes.slice(2))) return true;
  return /^0\d{2,3}$/.test(first) && local(sizes.slice(1));
}

/**
 * Separators looked through inside a number: a run of blanks (spaces of every kind, tabs, line
 * breaks — one unit after {@link normalise}), hyphens, dashes and minus signs of every width
 * (U+2010–U+2015, U+2212, U+FE58, U+FE63; U+FF0D is `-` after NFKC), dots and middle dots
 * (U+00B7, U+2022, U+2027, U+2219, U+30FB). Not commas (amounts: `2,000.00`), slashes (dates,
 * paths), colons (times) or wave dashes (ranges).
 */
const SEP = "[ \\n\\u002D\\u2010-\\u2015\\u2212\\u2043\\uFE58\\uFE63.\\u00B7\\u2022\\u2027\\u2219\\u30FB]";
const NUMBER = new RegExp(`\\d[\\dX]*(?:${SEP}{1,3}\\d[\\dX]*)*`, "gu");
/** A number (groups through {@link SEP}) at the start of a string: the value after a label. */
export const NUMBER_AT_START = new RegExp(`^\\d[\\dX]*(?:${SEP}{1,3}\\d[\\dX]*)*`, "u");

interface Group {
  readonly start: number;
  readonly end: number;
  readonly digits: string;
}

/** The longest a grouped number can be: a 19-digit card, or 86 + a mobile. */
const MAX_GROUPED = 19;
/** 长数字串 — an unlabelled run of this many digits or more is taken for an account. */
export const LONG_DIGIT_RUN = 12;

/** The most digits an amount or a quantity before a unit is taken to have. */
const MAX_AMOUNT_DIGITS = 15;
/** Labels after which a long number is a public code (文号, 编号, 事项编码, 执法证号, 信用代码…), not an account. */
const CODE_LABEL_BEFORE =
  /(?:文号|编号|编码|(?<!身份)证号|执法证件号码|执法证件号|条码|代码|注册号|登记号|批号|批准号|序号|案号|单号|订单号|流水号|第)[:\s]*(?:为|是)?[:\s]*$/;
/**
 * A long number followed by a unit is an amount or a quantity, or by 号 a document's number —
 * with its fraction between (`100000000000.00元`).
 */
const UNIT_AFTER =
  /^(?:\.\d{1,4})?\s*(?:号|元|角|分|万|亿|%|‰|个|人|次|件|份|条|项|天|日|年|月|米|吨|克|升|斤|公斤|千克|平方|立方|册|张|台|辆|箱|瓶|盒|袋)/;

/** The unit of an amount after a decimal fraction (元, 万元, 亿元, %, ‰). */
const AMOUNT_UNIT_AFTER = /^\s*(?:元|万|亿|%|‰)/;

/**
 * Is the run part of an ASCII identifier (an id, a URL, a file name)? Its neighbour is a
 * letter, or an identifier's joint (`-`, `_`, `.`, `:`, `/`) after a letter or digit.
 */
function inIdentifier(t: string, start: number, end: number): boolean {
  const before = t[start - 1] ?? "";
  const before2 = t[start - 2] ?? "";
  const after = t[end] ?? "";
  const after2 = t[end + 1] ?? "";
  const letter = /[A-Za-z_]/;
  const joint = /[-_.:/]/;
  const alnum = /[A-Za-z0-9]/;
  return (
    letter.test(before) ||
    letter.test(after) ||
    (joint.test(before) && alnum.test(before2)) ||
    (joint.test(after) && letter.test(after2))
  );
}

/**
 * 未标注的长数字串 — an uncovered stretch of a number taken for an account: at least
 * {@link LONG_DIGIT_RUN} digits, and not a public code (a code label before it, a unit or 号
 * after it, the number inside an ASCII identifier, a valid 统一社会信用代码). `run` is the whole
 * number the stretch belongs to (an identifier is judged by what stands beside the number).
 */
function longUnlabelled(t: string, groups: readonly Group[], run: { start: number; end: number }): boolean {
  const first = groups[0];
  const last = groups[groups.length - 1];
  if (first === undefined || last === undefined) return false;
  const digits = groups.map((g) => g.digits).join("");
  if (digits.replace(/X/g, "").length < LONG_DIGIT_RUN) return false;
  if (CODE_LABEL_BEFORE.test(t.slice(Math.max(0, first.start - 12), first.start))) return false;
  // 15 digits are a trillion yuan in fen: a longer "amount" is an account with a unit after it.
  if (digits.length <= MAX_AMOUNT_DIGITS && UNIT_AFTER.test(t.slice(last.end, last.end + 9))) return false;
  if (inIdentifier(t, run.start, run.end)) return false;
  // A valid 统一社会信用代码 written in digits is public — when it is the whole number; 18 digits
  // of a longer number (a 19-digit card written 4-4-4-4-2-1) are not a code.
  const whole = first.start === run.start && last.end === run.end;
  if (whole && isPublicCreditCode(digits)) return false;
  return true;
}

/**
 * The parts of an uncovered stretch that may be one account: consecutive groups of 3+ digits
 * (a date's `03`, `14` never join one), with at most one shorter group at the end (a card
 * written 4-4-4-4-2).
 */
function wideParts(stretch: readonly Group[]): Group[][] {
  const parts: Group[][] = [];
  let current: Group[] = [];
  for (const g of stretch) {
    if (g.digits.length >= 3) current.push(g);
    else {
      if (current.length >= 2) current.push(g);
      if (current.length > 0) parts.push(current);
      current = [];
    }
  }
  if (current.length > 0) parts.push(current);
  return parts;
}

function groupsOf(start: number, run: string): Group[] {
  return [...run.matchAll(/\d[\dX]*/g)].map((g) => ({
    start: start + (g.index ?? 0),
    end: start + (g.index ?? 0) + g[0].length,
    digits: g[0],
  }));
}

/** The findings of one number: its groups classified alone and in every contiguous span, then what is left. */
function numberFindings(
  t: string,
  groups: readonly Group[],
  run: { start: number; end: number },
  out: PersonalDataFinding[],
): void {
  const found: { i: number; j: number; field: RedactionField }[] = [];
  for (let i = 0; i < groups.length; i++) {
    const single = classifyRun((groups[i] as Group).digits);
    if (single !== undefined) found.push({ i, j: i, field: single });
    let digits = (groups[i] as Group).digits;
    for (let j = i + 1; j < groups.length; j++) {
      digits += (groups[j] as Group).digits;
      if (digits.length > MAX_GROUPED) break;
      const field = classifyGrouped(digits, groups.slice(i, j + 1));
      if (field !== undefined) found.push({ i, j, field });
    }
  }
  const covered = new Array<boolean>(groups.length).fill(false);
  for (const f of found) {
    for (let k = f.i; k <= f.j; k++) covered[k] = true;
    out.push({ field: f.field, start: (groups[f.i] as Group).start, end: (groups[f.j] as Group).end });
  }
  // What no finding covers, stretch by stretch: an ID or mobile hidden across groups at no
  // group boundary (hidden whole), else a long unlabelled run (a possible account).
  for (let k = 0; k < groups.length; ) {
    if (covered[k] === true) {
      k++;
      continue;
    }
    let e = k;
    while (e + 1 < groups.length && covered[e + 1] !== true) e++;
    const stretch = groups.slice(k, e + 1);
    const start = (stretch[0] as Group).start;
    const end = (stretch[stretch.length - 1] as Group).end;
    // Groups of 3+ digits left over beside a finding are the rest of the same number (a
    // 19-digit account written 4-4-4-4-3 whose last 11 digits look like a mobile): hidden too.
    const first = found[0];
    if (first !== undefined && stretch.every((g) => g.digits.length >= 3)) {
      out.push({ field: first.field, start, end });
      k = e + 1;
      continue;
    }
    const inside =
      stretch.length > 1 && stretch.every((g) => g.digits.length >= 3)
        ? embedded(stretch.map((g) => g.digits).join(""))
        : undefined;
    if (inside !== undefined) out.push({ field: inside, start, end });
    else {
      for (const part of wideParts(stretch)) {
        if (longUnlabelled(t, part, run)) {
          out.push({
            field: "bankAccount",
            start: (part[0] as Group).start,
            end: (part[part.length - 1] as Group).end,
          });
        }
      }
    }
    k = e + 1;
  }
}

/**
 * Separators looked through only for a resident ID (checked by its date and check character)
 * or a mobile written in groups of 3+ digits, up to 6 of them between two groups: slashes,
 * commas, 、, plus signs, vertical bars, colons, apostrophes, underscores, tildes and wave
 * dashes (U+301C, U+2053), asterisks, brackets and the ideographic full stop `。`
 * (`138/1234/5678`, `(138)1234-5678`, `110105_19491231_002X`, `138。1234。5678`,
 * `138----1234----5678`). Amounts (`13,800,000`), dates, times and ranges never make one: their
 * groups are short or their digits are not an ID's. Through a list's separator ({@link
 * LIST_SEP}: a comma, 、, `+`, `|` — two numbers of a list, a sum, a table's cells) a mobile is
 * read only in the groupings a phone number is written in (3-4-4, 4-4-3, 3-8: groups of 3–4
 * digits, or 3 then 8): `13812345，678` and `1381234，5678` are two numbers of a list, not a
 * mobile. A bank card (Luhn, 16–19 digits) through these separators only in groups of 4 and
 * never through a list's separator (`6217/0012/3456/7893`; an amount's
 * `1,234,567,890,123,456` is no card).
 */
const LOOSE_SEP = `(?:${SEP}|[/,_~*()\\\\\u3002\u301C\u2053\u3001+|:'])`;
/** The separators of a list, a sum or a table's cells (see {@link LOOSE_SEP}). */
const LIST_SEP = /[,\u3001+|]/;
// Never a run touching a letter or digit outside it: the tail of one code and the head of the
// next (`…M30202H150，11110000A…`, two credit codes) are not one number.
const LOOSE_NUMBER = new RegExp(`(?<![A-Za-z\\d])\\d[\\dX]*(?:${LOOSE_SEP}{1,6}\\d[\\dX]*)+(?![A-Za-z\\d])`, "gu");

/** The groupings a mobile is written in: groups of 3–4 digits (3-4-4, 4-4-3), or 3 then 8. */
function phoneGrouping(span: readonly Group[]): boolean {
  const sizes = span.map((g) => g.digits.length);
  return sizes.every((n) => n >= 3 && n <= 4) || (sizes.length === 2 && sizes[0] === 3 && sizes[1] === 8);
}

/**
 * A bank card written in groups of 4 (the last 1–4) through a loose separator
 * (`6217/0012/3456/7893`): 16–19 digits passing the Luhn check, not inside an identifier (a
 * URL's path `/art/2025/…`) and not a valid 统一社会信用代码.
 */
function isLooseCard(t: string, span: readonly Group[]): boolean {
  const first = span[0];
  const last = span[span.length - 1];
  if (first === undefined || last === undefined || span.length < 2) return false;
  const digits = span.map((g) => g.digits).join("");
  if (!/^\d{16,19}$/.test(digits) || !luhn(digits) || isPublicCreditCode(digits)) return false;
  if (!span.slice(0, -1).every((g) => g.digits.length === 4) || last.digits.length > 4) return false;
  return !inIdentifier(t, first.start, last.end);
}

function looseNumbers(t: string, out: PersonalDataFinding[]): void {
  for (const m of t.matchAll(LOOSE_NUMBER)) {
    const groups = groupsOf(m.index ?? 0, m[0]);
    for (let i = 0; i < groups.length; i++) {
      let digits = (groups[i] as Group).digits;
      let wide = digits.length >= 3;
      for (let j = i + 1; j < groups.length && digits.length < MAX_GROUPED; j++) {
        // Every group but the last of 3+ digits (`110105/19491231/002X`, `1101 0519 4912 3100 2X`):
        // dates in a list (`2032-07-05，2033-11-01`) have groups of two and never make an ID.
        const before = wide;
        digits += (groups[j] as Group).digits;
        wide &&= (groups[j] as Group).digits.length >= 3;
        let field: RedactionField | undefined;
        if (digits.length === 18 && before && isResidentId(digits)) field = "residentId";
        else if ((wide && MOBILE.test(digits)) || (digits.length >= 16 && luhn(digits))) {
          const span = groups.slice(i, j + 1);
          const list = LIST_SEP.test(t.slice((groups[i] as Group).end, (groups[j] as Group).start));
          if (wide && MOBILE.test(digits)) field = !list || phoneGrouping(span) ? "mobile" : undefined;
          else if (!list && isLooseCard(t, span)) field = "bankAccount";
        }
        if (field !== undefined) {
          out.push({ field, start: (groups[i] as Group).start, end: (groups[j] as Group).end });
        }
      }
    }
  }
}

const BRACKETED_LANDLINE = new RegExp(
  `(?<![\\dX])\\(0\\d{2,3}\\)${SEP}?(?:\\d{7,8}|\\d{3,4}${SEP}\\d{4})(?![\\dX])`,
  "gu",
);

/** 号码 — every resident ID, mobile, landline, card and long unlabelled run in a normalised text. */
export function numbers(t: string, out: PersonalDataFinding[]): void {
  for (const m of t.matchAll(NUMBER)) {
    const start = m.index ?? 0;
    // An amount's fraction before its unit (`130000000.00元`) is no group of the number: the
    // integer part alone is judged (a mobile is never written 9.2).
    const fraction = /\.\d{1,2}$/.exec(m[0]);
    const end = start + m[0].length;
    const run =
      fraction !== null && AMOUNT_UNIT_AFTER.test(t.slice(end, end + 3)) ? m[0].slice(0, -fraction[0].length) : m[0];
    numberFindings(t, groupsOf(start, run), { start, end: start + run.length }, out);
  }
  looseNumbers(t, out);
  // (0951) 1234567, (010)8765-4321 — an area code in brackets (full-width brackets are ASCII
  // after NFKC), the local number in one group or two.
  for (const m of t.matchAll(BRACKETED_LANDLINE)) {
    out.push({ field: "phone", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
}
