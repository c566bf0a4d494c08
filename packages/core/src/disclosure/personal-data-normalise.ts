// 规范化 — the text as the personal-data detectors read it: character references decoded,
// NFKC, digits of every script and Chinese digits made ASCII, format characters and marks
// dropped, blank runs as one; each unit of the result knows the span of the original it came
// from. Split from personal-data.ts.

/**
 * A text as the detectors read it: `text` normalised, and for each of its UTF-16 units the
 * original span `[from[i], to[i])` it came from, so a finding maps back to the original.
 */
export interface Normalised {
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
 * 繁体字 — the traditional forms of the characters the labels are written with (證→证, 號→号,
 * 電話→电话, 帳號→帐号, 護照→护照, 診斷→诊断, 戶籍→户籍, 於→于 …), read as the simplified
 * ones: a decision written or pasted in traditional characters (身份證號碼, 聯繫電話, 微信號)
 * is read as its simplified text is. Only these, one character for one (offsets unchanged);
 * names are normalised the same way, so a given name is still found.
 */
const TRADITIONAL: Readonly<Record<string, string>> = Object.fromEntries(
  [
    "證证",
    "號号",
    "碼码",
    "電电",
    "話话",
    "機机",
    "聯联",
    "繫系",
    "絡络",
    "帳帐",
    "賬账",
    "銀银",
    "開开",
    "護护",
    "診诊",
    "斷断",
    "狀状",
    "況况",
    "戶户",
    "於于",
    "為为",
    "現现",
    "暫暂",
    "傳传",
    "郵邮",
    "鄉乡",
    "軍军",
    "許许",
    "確确",
    "體体",
    "殘残",
    "類类",
    "別别",
    "級级",
    "歷历",
    "臺台",
    "辦办",
    "營营",
    "經经",
    "註注",
    "冊册",
    "業业",
    "單单",
    "關关",
    "網网",
    "場场",
    "產产",
    "門门",
    "執执",
    "檢检",
    "監监",
    "訴诉",
    "舉举",
    "報报",
    "詢询",
    "諮咨",
    "務务",
    "隱隐",
    "後后",
    "禍祸",
    "憂忧",
    "編编",
    "條条",
    "記记",
    "訂订",
    "認认",
    "說说",
  ].map((p) => [p[0] as string, p[1] as string]),
);

/**
 * 带圈数字 — enclosed digits NFKC leaves alone (❶–❿ U+2776, ➀–➉ U+2780, ➊–➓ U+278A, ⓫–⓴
 * U+24EB, ⓵–⓾ U+24F5, ⓿ U+24FF, 🄋 🄌): their value as ASCII digits, so `❶❸❽…` is read as
 * `138…`. Ranges of ten, first code point and the value of the first.
 */
const ENCLOSED_DIGITS: readonly (readonly [number, number, number])[] = [
  [0x2776, 10, 1],
  [0x2780, 10, 1],
  [0x278a, 10, 1],
  [0x24eb, 10, 11],
  [0x24f5, 10, 1],
  [0x24ff, 1, 0],
  [0x1f10b, 2, 0],
];

function enclosedDigit(cp: number): string | undefined {
  for (const [first, count, value] of ENCLOSED_DIGITS) {
    if (cp >= first && cp < first + count) return String(value + cp - first);
  }
  return undefined;
}

/**
 * Digits NFKC writes with punctuation round them (⑴ → `(1)`, ⒈ → `1.`, 🄁 → `0,`, U+2474–
 * U+249B, U+1F100–U+1F10A): one character that a reader reads as its digits alone.
 */
function punctuatedDigit(cp: number, folded: string): string | undefined {
  if (!((cp >= 0x2474 && cp <= 0x249b) || (cp >= 0x1f100 && cp <= 0x1f10a))) return undefined;
  return folded.replace(/\D/g, "");
}

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
export function normalise(text: string): Normalised {
  let out = "";
  const from: number[] = [];
  const to: number[] = [];
  for (let i = 0; i < text.length; ) {
    const ref = text[i] === "&" || text[i] === "%" ? referenceAt(text, i) : undefined;
    const cp = ref === undefined ? (text.codePointAt(i) as number) : (ref.ch.codePointAt(0) as number);
    const end = ref === undefined ? i + (cp > 0xffff ? 2 : 1) : ref.end;
    let n: string;
    if (cp < 0x80) n = cp === 0x78 ? "X" : String.fromCharCode(cp);
    else if (cp >= 0x4e00 && cp <= 0x9fff) {
      const ch = String.fromCharCode(cp);
      n = HAN_DIGITS[ch] ?? TRADITIONAL[ch] ?? ch;
    } else {
      const ch = String.fromCodePoint(cp);
      if (FORMAT_CHAR.test(ch) || MARK.test(ch)) {
        i = end;
        continue;
      }
      const folded = ch.normalize("NFKC");
      n = HAN_DIGITS[ch] ?? enclosedDigit(cp) ?? punctuatedDigit(cp, folded) ?? folded.replace(/x/g, "X");
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
export function normalisedString(s: string): string {
  return normalise(s).text;
}
