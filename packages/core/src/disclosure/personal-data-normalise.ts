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
export function normalisedString(s: string): string {
  return normalise(s).text;
}
