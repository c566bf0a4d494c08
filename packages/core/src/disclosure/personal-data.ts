// 个人信息查找 — the detectors behind redaction: numbers by their structure (resident-ID check
// character, mobile and landline shapes, Luhn, long unlabelled runs), labelled addresses,
// health data and accounts, and the names a context gives. The text is normalised first (NFKC,
// format characters dropped, separators inside numbers looked through) and every finding is
// mapped back to the original text's offsets. Split from redaction.ts, which re-exports
// findPersonalData.
import { isCivilDate } from "../kernel/time.js";
import { orgCodeCheckChar } from "../registry/entities/checksums.js";
import { validateResidentId } from "../registry/entities/resident-id.js";
import { validateUscc } from "../registry/entities/uscc.js";
import type { PersonalDataFinding, RedactionContext, RedactionField, RedactionPolicy } from "./redaction.js";

/** What replaces a hidden address, health condition or account label value. */
export const REDACTED_LABEL = "［已脱敏］";
/** The character a hidden number is overwritten with, one per character. */
export const REDACTED_CHAR = "＊";

/** {@link REDACTED_LABEL} as it reads after normalisation (NFKC makes its brackets ASCII). */
const REDACTED_LABEL_NORMALISED = REDACTED_LABEL.normalize("NFKC");

/**
 * A text as the detectors read it: `text` normalised, and for each of its UTF-16 units the
 * original span `[from[i], to[i])` it came from, so a finding maps back to the original.
 */
interface Normalised {
  readonly text: string;
  readonly from: readonly number[];
  readonly to: readonly number[];
}

const FORMAT_CHAR = /^\p{Cf}$/u;
/** Non-spacing and enclosing marks (a combining accent or keycap on a digit): dropped. */
const MARK = /^[\p{Mn}\p{Me}]$/u;
const DECIMAL_DIGIT = /^\p{Nd}$/u;
/**
 * Blanks: spaces of every kind, tabs, line breaks and other control characters (a page shows
 * a control character as U+FFFD, which counts too). A run of them is read as one.
 */
const BLANK = /^[\p{Zs}\p{Cc}\u2028\u2029\uFFFD]$/u;
const LINE_BREAK = /^[\n\r\v\f\u0085\u2028\u2029]$/u;

/**
 * 汉字数字 — digits written as Chinese characters, one character a digit (一三八…, 幺 for 1 as
 * phone numbers are read out, 〇/零/○ for 0, 两 for 2, and the financial forms 壹贰叁…).
 * Never 十, 百, 千, 万: a number with those is read as an amount, not a string of digits.
 */
const HAN_DIGITS: Readonly<Record<string, string>> = {
  〇: "0",
  "○": "0",
  零: "0",
  一: "1",
  幺: "1",
  壹: "1",
  二: "2",
  两: "2",
  贰: "2",
  貳: "2",
  三: "3",
  叁: "3",
  參: "3",
  四: "4",
  肆: "4",
  五: "5",
  伍: "5",
  六: "6",
  陆: "6",
  陸: "6",
  七: "7",
  柒: "7",
  八: "8",
  捌: "8",
  九: "9",
  玖: "9",
};

/**
 * The value of a decimal digit of any script NFKC leaves alone (Arabic-Indic ١, Devanagari १
 * …): Unicode encodes each script's digits as a run 0–9, so its place in the run is its value.
 */
function digitValue(ch: string): string {
  const cp = ch.codePointAt(0) as number;
  let zero = cp;
  while (zero > 0 && cp - zero < 9 && DECIMAL_DIGIT.test(String.fromCodePoint(zero - 1))) zero--;
  return String((cp - zero) % 10);
}

/** Named character references a page or a reader might decode into a blank, dash or invisible character. */
const NAMED_REFERENCES: Readonly<Record<string, string>> = {
  nbsp: "\u00A0",
  ensp: "\u2002",
  emsp: "\u2003",
  thinsp: "\u2009",
  shy: "\u00AD",
  zwj: "\u200D",
  zwnj: "\u200C",
  hyphen: "\u2010",
  dash: "\u2010",
  ndash: "\u2013",
  mdash: "\u2014",
  minus: "\u2212",
  middot: "\u00B7",
  period: ".",
  num: "#",
  amp: "&",
};

/**
 * A character written as an HTML character reference (`&#49;`, `&#x31;`, `&nbsp;`) or a
 * percent-encoded ASCII character (`%31`) at `i`: the text is read as whoever decodes it would
 * read it, so `&#49;38 1234 5678` is a mobile number.
 */
function referenceAt(text: string, i: number): { readonly ch: string; readonly end: number } | undefined {
  if (text[i] === "%") {
    // Only digits and the separators of a number (%30–%39, %20, %2D, %2E): `50%30天` stays.
    const m = /^%(3[0-9]|2[0DEde])/.exec(text.slice(i, i + 3));
    return m === null ? undefined : { ch: String.fromCharCode(Number.parseInt(m[1] as string, 16)), end: i + 3 };
  }
  const m = /^&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));/.exec(text.slice(i, i + 12));
  if (m === null) return undefined;
  const end = i + m[0].length;
  if (m[3] !== undefined) {
    const ch = NAMED_REFERENCES[m[3].toLowerCase()];
    return ch === undefined ? undefined : { ch, end };
  }
  const cp = m[1] !== undefined ? Number.parseInt(m[1], 10) : Number.parseInt(m[2] as string, 16);
  return cp > 0 && cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff) ? { ch: String.fromCodePoint(cp), end } : undefined;
}

/**
 * 规范化 — character references decoded (`&#49;`, `&nbsp;`, `%31`), NFKC per code point (full-width digits and letters, U+3000 and NBSP become ASCII
 * ones, ①→1, 𝟏→1, full-width hyphen and colon become ASCII), format characters (Unicode Cf:
 * zero-width space and joiners, soft hyphen, BOM, U+2060, U+180E, direction marks…) and
 * combining marks (Mn, Me) dropped, digits of every script and Chinese digits
 * ({@link HAN_DIGITS}) made ASCII, and `x` made `X` (the resident-ID check character). Per
 * code point, so each output unit knows its source span.
 */
function normalise(text: string): Normalised {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ref = text[i] === "&" || text[i] === "%" ? referenceAt(text, i) : undefined;
    const cp = ref === undefined ? (text.codePointAt(i) as number) : (ref.ch.codePointAt(0) as number);
    const end = ref === undefined ? i + (cp > 0xffff ? 2 : 1) : ref.end;
    let n: string;
    if (cp < 0x80) n = cp === 0x78 ? "X" : String.fromCharCode(cp);
    else if (cp >= 0x4e00 && cp <= 0x9fff) n = HAN_DIGITS[String.fromCharCode(cp)] ?? String.fromCharCode(cp);
    else {
      const ch = String.fromCodePoint(cp);
      if (FORMAT_CHAR.test(ch) || MARK.test(ch)) {
        i = end;
        continue;
      }
      n = HAN_DIGITS[ch] ?? ch.normalize("NFKC").replace(/x/g, "X");
      if (DECIMAL_DIGIT.test(n) && !/^\d$/.test(n)) n = digitValue(n);
    }
    if (n.length === 1 && BLANK.test(n)) {
      // A run of blanks is one unit, as a page shows it: a line break if it holds one.
      const line = LINE_BREAK.test(n);
      if (out.endsWith(" ") || out.endsWith("\n")) {
        to[to.length - 1] = end;
        if (line) out = `${out.slice(0, -1)}\n`;
        i = end;
        continue;
      }
      n = line ? "\n" : " ";
    }
    for (let k = 0; k < n.length; k++) {
      from.push(i);
      to.push(end);
    }
    out += n;
    i = end;
  }
  return { text: out, from, to };
}

/** A string as {@link normalise} makes it (for names and identifiers searched in a normalised text). */
function normalisedString(s: string): string {
  return normalise(s).text;
}

/**
 * A public 统一社会信用代码: valid under GB 32100-2015, and its positions 9–17 a well-formed
 * organisation code (GB 11714 check character) as every real code's are. The second test
 * keeps digits that only happen to pass the MOD 31 check (1 in 31) from passing as public.
 */
function isPublicCreditCode(s: string): boolean {
  return s.length === 18 && validateUscc(s).isOk() && orgCodeCheckChar(s.slice(8, 16)) === s[16];
}

function isResidentId(s: string): boolean {
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

/**
 * Can a string given as a public identifier (a 文号, 执法证号, credit code, a body's phone) be
 * one? Not when it holds a resident ID number in any grouping: no number public by law is one.
 */
function mayBePublic(normalised: string): boolean {
  const ids: PersonalDataFinding[] = [];
  numbers(normalised, ids);
  return !ids.some((f) => f.field === "residentId");
}

/**
 * What a public identifier exempts: the shapes a code or a body's number takes (a long run, a
 * landline, an account-like code) wherever they sit in it; a mobile, an identity document or
 * an e-mail only when it is the whole identifier (a body's 监督电话 may be a mobile) — one
 * inside a longer "identifier" (`64050000002，13812345678`) is not public.
 */
const EXEMPT_ANYWHERE: ReadonlySet<RedactionField> = new Set(["bankAccount", "orgBankAccount", "phone"]);

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
  if (groups.length === 2 && /^0\d{2,3}$/.test(groups[0]?.digits ?? "") && /^\d{7,8}$/.test(groups[1]?.digits ?? "")) {
    return "phone";
  }
  return undefined;
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
const NUMBER_AT_START = new RegExp(`^\\d[\\dX]*(?:${SEP}{1,3}\\d[\\dX]*)*`, "u");

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
/** A long number followed by a unit is an amount or a quantity, or by 号 a document's number. */
const UNIT_AFTER =
  /^\s*(?:号|元|角|分|万|亿|%|‰|个|人|次|件|份|条|项|天|日|年|月|米|吨|克|升|斤|公斤|千克|平方|立方|册|张|台|辆|箱|瓶|盒|袋)/;

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
  if (digits.length <= MAX_AMOUNT_DIGITS && UNIT_AFTER.test(t.slice(last.end, last.end + 4))) return false;
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
 * or a mobile written in groups of 3+ digits: slashes, commas, underscores, tildes, asterisks
 * and brackets (`138/1234/5678`, `(138)1234-5678`, `110105_19491231_002X`). Amounts (`13,800,000`),
 * dates and ranges never make one: their groups are short or their digits are not an ID's.
 */
const LOOSE_SEP = `(?:${SEP}|[/,_~*()\\\\])`;
// Never a run touching a letter or digit outside it: the tail of one code and the head of the
// next (`…M30202H150，11110000A…`, two credit codes) are not one number.
const LOOSE_NUMBER = new RegExp(`(?<![A-Za-z\\d])\\d[\\dX]*(?:${LOOSE_SEP}{1,3}\\d[\\dX]*)+(?![A-Za-z\\d])`, "gu");

function looseNumbers(t: string, out: PersonalDataFinding[]): void {
  for (const m of t.matchAll(LOOSE_NUMBER)) {
    const groups = groupsOf(m.index ?? 0, m[0]);
    for (let i = 0; i < groups.length; i++) {
      let digits = (groups[i] as Group).digits;
      let wide = digits.length >= 3;
      for (let j = i + 1; j < groups.length && digits.length < 18; j++) {
        // Every group but the last of 3+ digits (`110105/19491231/002X`, `1101 0519 4912 3100 2X`):
        // dates in a list (`2032-07-05，2033-11-01`) have groups of two and never make an ID.
        const before = wide;
        digits += (groups[j] as Group).digits;
        wide &&= (groups[j] as Group).digits.length >= 3;
        const field =
          digits.length === 18 && before && isResidentId(digits)
            ? "residentId"
            : wide && MOBILE.test(digits)
              ? "mobile"
              : undefined;
        if (field !== undefined) {
          out.push({ field, start: (groups[i] as Group).start, end: (groups[j] as Group).end });
        }
      }
    }
  }
}

function numbers(t: string, out: PersonalDataFinding[]): void {
  for (const m of t.matchAll(NUMBER)) {
    const start = m.index ?? 0;
    numberFindings(t, groupsOf(start, m[0]), { start, end: start + m[0].length }, out);
  }
  looseNumbers(t, out);
  // (0951) 1234567 — an area code in brackets (full-width brackets are ASCII after NFKC).
  for (const m of t.matchAll(/(?<![\dX])\(0\d{2,3}\)\s?\d{7,8}(?![\dX])/g)) {
    out.push({ field: "phone", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
}

/** What may follow a label before its value: colons, spaces, 为 / 是. */
const LABEL_TAIL = "(?:[:\\s]|为|是)*";
const STOP = ",。;、\n)】]";
/**
 * Labels of a natural person's address. A bare `地址` counts unless it is an office's,
 * business's or registered address (办公地址, 经营地址, 注册地址 …) or the 送达地址确认书.
 */
const ADDRESS_LABEL = new RegExp(
  `(?:家庭住址|家庭地址|现住址|现居住地址|户籍所在地址|户籍所在地|户籍地址|居住地址|现居住地|居住地|居住于|居住在|住址|现住|户籍地|家住|住在|暂住地|暂住|(?<=^|[,;:\\s(])住(?![所宅房户建院址宿在于读])|(?<!办公|经营|注册|营业|单位|公司|机关|企业|门店|网站|网络|邮箱|邮件|电子邮件|生产|场所|IP)地址(?!确认))${LABEL_TAIL}`,
  "g",
);
const PERSON_ADDRESS_LABEL = new RegExp(`(?:住所地|住所)${LABEL_TAIL}`, "g");
const HEALTH_LABEL = new RegExp(
  `(?:健康状况|身体状况|既往病史|病史|诊断结果|诊断|病情|患有|身患|罹患|确诊|所患疾病|残疾类别|残疾等级|(?<![隐后祸忧防病])患(?![者有]))${LABEL_TAIL}`,
  "g",
);
const ACCOUNT_LABEL = new RegExp(
  `(?:银行账号|银行帐号|银行账户|银行帐户|银行卡号|开户账号|收款账号|收款账户|账号|帐号|卡号|账户|帐户)${LABEL_TAIL}`,
  "g",
);

/**
 * Labels of a telephone number: after one, a number of 7+ digits is a phone even without an
 * area code (`电话5012345`) — not after a body's public numbers (监督电话, 举报电话, 办公电话 …).
 */
const PHONE_LABEL = new RegExp(
  `(?<!监督|投诉|举报|办公|咨询|服务|值班|受理)(?:联系电话|联系方式|固定电话|移动电话|手机号码|手机号|手机|电话号码|电话|固话|座机|传真)${LABEL_TAIL}`,
  "g",
);
/**
 * Labels of an identity document other than the resident ID card (护照, 港澳通行证, 台胞证 …):
 * the number after one is hidden. Not after 执法证件 / 工作证件 (officers' numbers are public).
 */
const ID_DOCUMENT_LABEL = new RegExp(
  `(?:护照|通行证|回乡证|台胞证|旅行证|居留证|居留许可|军官证|士兵证|(?<!执法|工作|检查|监督)证件)(?:号码|编号|号)?${LABEL_TAIL}`,
  "g",
);
/** An e-mail address (after NFKC: a full-width ＠ is `@`). */
const EMAIL = /[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
/** Mail domains of government bodies, whose addresses are public: `…@….gov.cn`. */
const PUBLIC_MAIL_DOMAIN = /\.gov\.cn$/i;

function phones(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(PHONE_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = NUMBER_AT_START.exec(text.slice(start));
    // A local number without its area code: 7 or 8 digits (longer ones are found by shape).
    const digits = num === null ? "" : num[0].replace(/[^\d]/g, "");
    if (num === null || digits.length < 7 || digits.length > 8) continue;
    out.push({ field: "phone", start, end: start + num[0].length });
  }
}

function idDocuments(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(ID_DOCUMENT_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = /^[A-Z]{0,3}(?:[\dA-Z]|[ -](?=[\dA-Z])){6,}/.exec(text.slice(start));
    if (num === null || num[0].replace(/[^\d]/g, "").length < 6) continue;
    out.push({ field: "idDocument", start, end: start + num[0].trimEnd().length });
  }
}

function emails(text: string, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(EMAIL)) {
    if (PUBLIC_MAIL_DOMAIN.test(m[0])) continue;
    out.push({ field: "email", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
  }
}

function labelled(text: string, label: RegExp, field: RedactionField, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(label)) {
    const start = (m.index ?? 0) + m[0].length;
    // Already redacted (a second pass).
    if (text.startsWith(REDACTED_LABEL_NORMALISED, start)) continue;
    let end = start;
    while (end < text.length && !STOP.includes(text[end] as string)) end++;
    const value = text.slice(start, end).trimEnd();
    if (value.length === 0) continue;
    out.push({ field, start, end: start + value.length });
  }
}

function accounts(text: string, field: RedactionField, out: PersonalDataFinding[]): void {
  for (const m of text.matchAll(ACCOUNT_LABEL)) {
    const start = (m.index ?? 0) + m[0].length;
    const num = NUMBER_AT_START.exec(text.slice(start));
    if (num === null) continue;
    if (num[0].replace(/[^\dX]/g, "").length < 8) continue;
    out.push({ field, start, end: start + num[0].length });
  }
}

/** How a hidden name is written: the surname kept (`张某`) or `某某` (policy `nameMask`). */
export function nameMask(name: string, policy: RedactionPolicy): string {
  return policy.nameMask === "full" ? "某某" : `${name.slice(0, 1)}${"某".repeat(name.length - 1)}`;
}

/** Names to hide, longest first, with the field each is hidden as. */
function namesToHide(ctx: RedactionContext): readonly { readonly name: string; readonly field: RedactionField }[] {
  const fields = new Set(ctx.policy.fields);
  const out: { name: string; field: RedactionField }[] = [];
  if (fields.has("otherPersonName")) {
    for (const n of ctx.otherPersons ?? []) out.push({ name: n.trim(), field: "otherPersonName" });
  }
  if (fields.has("partyName") && ctx.party?.kind === "person") {
    out.push({ name: ctx.party.name.trim(), field: "partyName" });
  }
  return out
    .filter((n) => n.name.length >= 2 && nameMask(n.name, ctx.policy) !== n.name)
    .sort((a, b) => b.name.length - a.name.length);
}

/** Overlapping spans become one, as the union, with the field of the longest part. */
function merge(found: readonly PersonalDataFinding[]): PersonalDataFinding[] {
  const sorted = [...found].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: PersonalDataFinding[] = [];
  let longest = 0;
  for (const f of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && f.start < last.end) {
      const len = f.end - f.start;
      const field = len > longest ? f.field : last.field;
      if (len > longest) longest = len;
      out[out.length - 1] = { field, start: last.start, end: Math.max(last.end, f.end) };
    } else {
      out.push(f);
      longest = f.end - f.start;
    }
  }
  return out;
}

/**
 * 查找个人信息 — the spans of `text` holding a field the policy hides, as offsets into `text`
 * itself. Heuristics, honestly:
 *
 * - The text is read as a reader reads it: character references decoded (`&#49;`, `&#x31;`,
 *   `&nbsp;`, `%31`), NFKC (full-width digits, U+3000, NBSP, ①, 𝟏, full-width hyphens and
 *   colons), digits of every script (١, १) and Chinese digits (一三八, 幺, 〇, 壹…) read as
 *   digits, format characters (zero-width space and joiners, soft hyphen, BOM, U+2060,
 *   U+180E) and combining marks dropped, a run of blanks (spaces, tabs, line breaks, control
 *   characters) read as one; inside a number every separator is looked through — blanks,
 *   hyphens, dashes and minus signs of every width, dots and middle dots (1–3 between two
 *   groups) — and for an ID or a mobile in groups of 3+ digits also slashes, commas,
 *   underscores, tildes and brackets. Each finding maps back to the original characters,
 *   separators included.
 * - Numbers: resident IDs by their GB 11643 check character in any grouping (6-8-4, 4-4-4-4-2,
 *   3-3-4-4-4 …; 15-digit old numbers by a plausible birth date), mobile numbers `1[3-9]` + 9
 *   digits in any grouping (4-3-4, 3-3-5, with `+86`/`0086`), landlines `0xx(x)-xxxxxxx(x)` and
 *   a 7–8-digit number after a phone label (电话, 手机, 座机 — not 监督电话, 举报电话 …), bank
 *   cards by the Luhn check (16–19 digits), any run of 8+ digits after an account label
 *   (账号, 银行卡号, 银行账号为 …), the number after an identity document's label (护照,
 *   港澳通行证, 台胞证, 证件号码 …), e-mail addresses (not a government body's `….gov.cn`), and
 *   — a possible account — any other number of {@link LONG_DIGIT_RUN}+ digits whose groups
 *   have 3+ digits each, unless it is a public code: after a code label (文号, 编号, 编码, 证号,
 *   条码, 代码, 第 …), before a unit or 号 when it has at most 15 digits (amounts, quantities,
 *   文号), inside an ASCII identifier (ids, URLs) or a valid 统一社会信用代码. A number is taken
 *   whole: a longer run containing an ID- or mobile-shaped number is hidden whole.
 * - Home addresses and health conditions only after a label (住址, 家庭住址, 家住, 住在, 居住于,
 *   暂住, 户籍所在地, `，住` after a person's particulars, a bare 地址 — not 办公地址, 经营地址,
 *   注册地址 … —, 住所 of a person; 健康状况, 病史, 诊断, 患有, 患 — not 隐患, 患者 …) up to the
 *   next punctuation — an address written without a label is not found.
 * - Names only as given in `ctx` (`otherPersons`, and the party when `partyName` is on):
 *   no list of Chinese names can tell a witness from a street.
 *
 * Findings inside one of `ctx.publicIdentifiers` are not reported (a long run, landline or
 * account shape anywhere in it; a mobile, identity document or e-mail only when it is the
 * whole identifier), unless that identifier holds a resident ID number in any grouping;
 * nor are findings inside a valid 统一社会信用代码 (not also a valid resident ID number).
 */
export function findPersonalData(text: string, ctx: RedactionContext): readonly PersonalDataFinding[] {
  const n = normalise(text);
  const t = n.text;
  const numbered: PersonalDataFinding[] = [];
  const hasDigit = /\d/.test(t);
  if (hasDigit) numbers(t, numbered);
  const found: PersonalDataFinding[] = [];
  labelled(t, ADDRESS_LABEL, "homeAddress", found);
  if (ctx.party?.kind !== "organisation") labelled(t, PERSON_ADDRESS_LABEL, "homeAddress", found);
  labelled(t, HEALTH_LABEL, "health", found);
  if (hasDigit) {
    phones(t, found);
    idDocuments(t, found);
  }
  if (t.includes("@")) emails(t, found);
  accounts(t, ctx.party?.kind === "organisation" ? "orgBankAccount" : "bankAccount", found);
  for (const { name, field } of namesToHide(ctx)) {
    const needle = normalisedString(name).replace(/[ \n]/g, "");
    if (needle.length === 0) continue;
    // A name is read through blanks put between its characters (张　三, 张 三).
    const written = new RegExp(
      [...needle].map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&")).join("[ \\n]?"),
      "gu",
    );
    for (const m of t.matchAll(written)) {
      found.push({ field, start: m.index ?? 0, end: (m.index ?? 0) + m[0].length });
    }
  }
  // Public identifiers are spans nobody hides: drop findings inside them. Any valid
  // 统一社会信用代码 in the text is one (an organisation's code is public by law) — unless the
  // same 18 digits are also a valid resident ID number, which stays hidden.
  // A labelled value (银行账号为…) is what its label says, credit-code-shaped or not.
  const codeSpans: { start: number; end: number }[] = [];
  for (const m of hasDigit ? t.matchAll(/(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])/g) : []) {
    if (isPublicCreditCode(m[0]) && !isResidentId(m[0])) {
      codeSpans.push({ start: m.index ?? 0, end: (m.index ?? 0) + 18 });
    }
  }
  const inside = (f: PersonalDataFinding, spans: readonly { start: number; end: number }[]) =>
    spans.some((p) => p.start <= f.start && f.end <= p.end);
  found.push(...numbered.filter((f) => !inside(f, codeSpans)));
  const publicSpans: { start: number; end: number }[] = [];
  for (const id of ctx.publicIdentifiers ?? []) {
    const needle = normalisedString(id);
    // No number public by law is a resident ID number: one given as a "public identifier"
    // (a 文号, 执法证号 or credit code field holding an ID number) protects nothing.
    if (needle.length === 0 || !mayBePublic(needle)) continue;
    for (let i = t.indexOf(needle); i >= 0; i = t.indexOf(needle, i + needle.length)) {
      publicSpans.push({ start: i, end: i + needle.length });
    }
  }
  const enabled = new Set(ctx.policy.fields);
  const alnum = (from: number, to: number) => t.slice(from, to).replace(/[^0-9A-Za-z@]/g, "");
  const exempt = (f: PersonalDataFinding) =>
    publicSpans.some(
      (p) =>
        p.start <= f.start &&
        f.end <= p.end &&
        (EXEMPT_ANYWHERE.has(f.field) || alnum(p.start, p.end) === alnum(f.start, f.end)),
    );
  const kept = found.filter((f) => f.end > f.start && enabled.has(f.field) && !exempt(f));
  // Back to the original text: from the first unit's source to the last unit's.
  return merge(kept.map((f) => ({ field: f.field, start: n.from[f.start] as number, end: n.to[f.end - 1] as number })));
}
