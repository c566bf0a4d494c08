import { z } from "zod";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { err, ok, type Result } from "./result.js";

// Money is integer fen (分) everywhere: a non-negative safe integer. Amounts come in only as
// decimal strings (never as JS floats), and every product or share is computed exactly in
// BigInt and rounded by an explicit rule. See docs/decisions/0004.

/**
 * 金额（分） — an amount of money in integer fen (1 yuan = 100 fen): a non-negative safe
 * integer, so 0 … 90,071,992,547,409.91 yuan. Fines, confiscations, thresholds and
 * surcharges are all non-negative; there is deliberately no signed variant. An amount above
 * `Number.MAX_SAFE_INTEGER` is refused here, at the boundary, with a Chinese message (such a
 * number has no exact JSON form, so no decision, event or hash may carry it).
 */
export const FenSchema = z
  .number({ error: "金额应为数字（整数分）" })
  .int({
    error: (issue) =>
      issue.code === "too_big"
        ? "金额超出可表示范围（应不超过 90,071,992,547,409.91 元）"
        : issue.code === "too_small"
          ? "金额不能为负数"
          : "金额应为整数分（不得有分以下的小数）",
  })
  .min(0, { error: "金额不能为负数" })
  .max(Number.MAX_SAFE_INTEGER, { error: "金额超出可表示范围（应不超过 90,071,992,547,409.91 元）" });
/** 金额（分） — integer fen (see {@link FenSchema}). */
export type Fen = z.infer<typeof FenSchema>;

/** True when `value` is a valid {@link Fen}. */
export function isFen(value: unknown): value is Fen {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function invalid(message: string, value: unknown): SanxiangError {
  return sanxiangError("MONEY_INVALID", message, {
    details: { value: typeof value === "bigint" ? String(value) : value },
  });
}

function fromBig(n: bigint, what: string): Result<Fen, SanxiangError> {
  if (n < 0n)
    return err(sanxiangError("MONEY_OUT_OF_RANGE", `金额不能为负数：${what}`, { details: { fen: String(n) } }));
  if (n > MAX) {
    return err(sanxiangError("MONEY_OUT_OF_RANGE", `金额超出可表示范围：${what}`, { details: { fen: String(n) } }));
  }
  return ok(Number(n));
}

function checkFen(...values: readonly unknown[]): SanxiangError | undefined {
  for (const v of values) if (!isFen(v)) return invalid(`不是有效金额（应为非负整数分）：${String(v)}`, v);
  return undefined;
}

const PLAIN_YUAN_RE = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Converts a plain decimal yuan string to fen, exactly: `"12000.5"` → 1200050. Only the
 * machine form is accepted — ASCII digits, at most two decimals, no sign, exponent,
 * separators or unit (use {@link parseYuan} for what people type). A JS number is refused
 * on purpose: `0.1 + 0.2` must never become money.
 *
 * Errors: `MONEY_INVALID` (not that form), `MONEY_OUT_OF_RANGE` (above the safe range).
 */
export function yuanToFen(decimal: string): Result<Fen, SanxiangError> {
  if (typeof decimal !== "string") return err(invalid("金额必须以十进制字符串给出，不接受浮点数", decimal));
  const m = PLAIN_YUAN_RE.exec(decimal);
  if (m === null) return err(invalid(`不是有效金额（元，最多两位小数）：${decimal}`, decimal));
  const fen = BigInt(m[1] as string) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
  return fromBig(fen, decimal);
}

const FULL_WIDTH: Readonly<Record<string, string>> = { "．": ".", "，": ",", "￥": "¥" };
const LENIENT_RE = /^¥?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万|亿)?元?$/;

/**
 * Parses an amount as people write it, to fen: `"12000.5"`, `"12,000.50"`, `"¥1,680.32"`,
 * `"１２０００元"` (full-width digits), `"1.2万"` (= 12,000 yuan), `"3亿"`. Surrounding
 * spaces are ignored; thousands separators must group by three. Without a unit, at most
 * two decimals (a third would be a fraction of a fen); with 万 or 亿 the value must still
 * come to whole fen.
 *
 * Errors: `MONEY_INVALID` (negative, exponent, NaN, empty, malformed, a fraction of a
 * fen), `MONEY_OUT_OF_RANGE` (above the safe range).
 */
export function parseYuan(input: unknown): Result<Fen, SanxiangError> {
  if (typeof input !== "string") return err(invalid("金额必须以字符串给出，不接受浮点数", input));
  const normalised = input
    .trim()
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[．，￥]/g, (c) => FULL_WIDTH[c] ?? c);
  const m = LENIENT_RE.exec(normalised);
  if (m === null) return err(invalid(`不是有效金额：${input}`, input));
  const unitZeros = m[3] === "万" ? 4 : m[3] === "亿" ? 8 : 0;
  const fraction = m[2] ?? "";
  if (fraction.length > 2 + unitZeros) return err(invalid(`金额精度超过分：${input}`, input));
  const scale = 2 + unitZeros;
  const whole = BigInt((m[1] as string).replaceAll(",", ""));
  const fen = whole * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, "0") || "0");
  return fromBig(fen, input);
}

/** How {@link formatYuan} writes an amount. */
export interface FormatYuanOptions {
  /** Group thousands with commas (`12,000.50`); default `true`. `false` gives `12000.50`. */
  readonly grouping?: boolean;
}

/**
 * Writes fen as yuan with exactly two decimals: 1200050 → `"12,000.50"` (or `"12000.50"`
 * with `grouping: false`, the form {@link yuanToFen} reads back). Throws `RangeError` for a
 * value that is not {@link Fen} — amounts are validated at the boundary, so that is a bug.
 */
export function formatYuan(fen: Fen, options: FormatYuanOptions = {}): string {
  if (!isFen(fen)) throw new RangeError(`formatYuan: not integer fen: ${String(fen)}`);
  const s = String(fen).padStart(3, "0");
  const whole = s.slice(0, -2);
  const grouped = options.grouping === false ? whole : whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${grouped}.${s.slice(-2)}`;
}

const UPPER_DIGITS = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"] as const;
const UPPER_UNITS = ["", "拾", "佰", "仟"] as const;

/** Options of {@link toChineseUppercase}. */
export interface ChineseUppercaseOptions {
  /** Prefix `人民币` (default `true`); turn off only where the form prints it already. */
  readonly prefix?: boolean;
}

/**
 * 中文大写金额 — the amount in Chinese capital numerals as written on decision documents
 * and receipts, following the People's Bank 《正确填写票据和结算凭证的基本规定》
 * (《支付结算办法》附件一):
 *
 * - `人民币` comes first, directly followed by the amount (rule 3);
 * - `整` follows `元` when there are no 角 or 分, never after 分 and not after 角 (rule 2);
 * - a zero inside the digits is written `零`, one `零` for a run (rules 4(1), 4(2)):
 *   1,409.50 → 人民币壹仟肆佰零玖元伍角, 6,007.14 → 人民币陆仟零柒元壹角肆分;
 * - 角 zero with 分 not zero: `零` after `元` (rule 4(4)): 325.04 → 人民币叁佰贰拾伍元零肆分;
 * - where rule 4(3) lets the writer choose (the 万 or 元 digit is zero but the next digit,
 *   千 or 角, is not), no `零` is written: 1,680.32 → 人民币壹仟陆佰捌拾元叁角贰分,
 *   107,000.53 → 人民币壹拾万柒仟元伍角叁分;
 * - a leading ten is `壹拾`, never a bare `拾` (壹拾万, 壹拾元);
 * - zero is 人民币零元整; an amount under one yuan starts at its first non-zero place
 *   (0.50 → 人民币伍角, 0.05 → 人民币伍分), with no leading 零.
 *
 * Throws `RangeError` for a value that is not {@link Fen}.
 */
export function toChineseUppercase(fen: Fen, options: ChineseUppercaseOptions = {}): string {
  if (!isFen(fen)) throw new RangeError(`toChineseUppercase: not integer fen: ${String(fen)}`);
  const prefix = options.prefix === false ? "" : "人民币";
  const yuan = Math.floor(fen / 100);
  const jiao = Math.floor(fen / 10) % 10;
  const fenDigit = fen % 10;
  if (fen === 0) return `${prefix}零元整`;

  let out = yuan > 0 ? `${integerUppercase(yuan)}元` : "";
  if (jiao === 0 && fenDigit === 0) return `${prefix}${out}整`;
  if (jiao > 0) out += `${UPPER_DIGITS[jiao]}角`;
  else if (yuan > 0) out += "零"; // rule 4(4): 角 zero, 分 not zero
  if (fenDigit > 0) out += `${UPPER_DIGITS[fenDigit]}分`;
  return `${prefix}${out}`;
}

/** Capital numerals of a positive integer below 10^16, in sections of four digits. */
function integerUppercase(n: number): string {
  // Sections from the lowest: 个, 万, 亿, 万亿 (the last written `…万` before `亿`).
  const digits = String(n);
  const sections: string[] = [];
  for (let end = digits.length; end > 0; end -= 4) sections.unshift(digits.slice(Math.max(0, end - 4), end));
  const count = sections.length;
  let out = "";
  let zeroPending = false;
  sections.forEach((section, i) => {
    const fromTop = count - 1 - i; // 0 = 个 section, 1 = 万, 2 = 亿, 3 = 万亿
    const value = Number(section);
    if (value === 0) {
      if (out.length > 0) zeroPending = true;
      // 1万亿 has an empty 亿 section but still needs its 亿.
      if (fromTop === 2 && out.length > 0) out += "亿";
      return;
    }
    const width = section.length;
    for (let k = 0; k < width; k++) {
      const d = Number(section[k]);
      const place = width - 1 - k;
      if (d === 0) {
        if (out.length > 0) zeroPending = true;
        continue;
      }
      if (zeroPending) out += "零";
      zeroPending = false;
      out += `${UPPER_DIGITS[d]}${UPPER_UNITS[place]}`;
    }
    out += fromTop === 1 || fromTop === 3 ? "万" : fromTop === 2 ? "亿" : "";
    // Trailing zeros of a section are dropped at its unit (rule 4(3)): 壹拾万柒仟.
    zeroPending = false;
  });
  return out;
}

/** Rounding rule for a share of an amount that falls between two fen. */
export const RoundingSchema = z.enum(["down", "up", "halfUp", "halfEven"]);
/**
 * 舍入规则 — `down` truncates (the party never pays a fraction of a fen more than owed),
 * `up` rounds away from zero, `halfUp` rounds half a fen up (四舍五入), `halfEven`
 * rounds half to the even fen (banker's rounding).
 */
export type Rounding = z.infer<typeof RoundingSchema>;

/** Exact non-negative quotient `num / den` rounded by `rounding`. */
function divide(num: bigint, den: bigint, rounding: Rounding): bigint {
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  switch (rounding) {
    case "down":
      return q;
    case "up":
      return q + 1n;
    case "halfUp":
      return 2n * r >= den ? q + 1n : q;
    case "halfEven":
      return 2n * r > den || (2n * r === den && q % 2n === 1n) ? q + 1n : q;
  }
}

/** One percent in basis points (1% = 100 bp; 100% = 10,000 bp). */
export const BASIS_POINTS_PER_UNIT = 10_000;

/**
 * `fen × basisPoints / 10,000`, exact and then rounded by an explicit rule: the way to take
 * a rate of an amount without floating point. A rate above 100% is allowed (a surcharge of
 * 3% a day for 40 days is 12,000 bp).
 *
 * @example
 * ```ts
 * // 加处罚款 — 3% of a 1,000 yuan fine per day for 5 days (行政处罚法 Art. 72 para. 1 (1)):
 * percentOf(100_000, 300 * 5, "down"); // ok(15_000) = 150 yuan
 * ```
 *
 * Errors: `MONEY_INVALID` (fen not integer fen), `INVALID_INPUT` (basis points not a
 * non-negative safe integer, unknown rounding), `MONEY_OUT_OF_RANGE` (result too large).
 */
export function percentOf(fen: Fen, basisPoints: number, rounding: Rounding): Result<Fen, SanxiangError> {
  const bad = checkFen(fen);
  if (bad !== undefined) return err(bad);
  if (!Number.isSafeInteger(basisPoints) || basisPoints < 0) {
    return err(
      sanxiangError("INVALID_INPUT", `比率无效（应为非负整数基点）：${String(basisPoints)}`, {
        details: { basisPoints },
      }),
    );
  }
  if (!RoundingSchema.safeParse(rounding).success) {
    return err(sanxiangError("INVALID_INPUT", `未知的舍入规则：${String(rounding)}`, { details: { rounding } }));
  }
  const share = divide(BigInt(fen) * BigInt(basisPoints), BigInt(BASIS_POINTS_PER_UNIT), rounding);
  return fromBig(share, `${fen} × ${basisPoints}bp`);
}

/** `a + b`, or `MONEY_OUT_OF_RANGE` past the safe range (`MONEY_INVALID` for non-fen). */
export function addFen(a: Fen, b: Fen): Result<Fen, SanxiangError> {
  const bad = checkFen(a, b);
  return bad === undefined ? fromBig(BigInt(a) + BigInt(b), `${a} + ${b}`) : err(bad);
}

/** The sum of `amounts` (0 for none), or the first error {@link addFen} would give. */
export function sumFen(amounts: Iterable<Fen>): Result<Fen, SanxiangError> {
  let total = 0n;
  for (const a of amounts) {
    const bad = checkFen(a);
    if (bad !== undefined) return err(bad);
    total += BigInt(a);
  }
  return fromBig(total, "合计");
}

/**
 * `a − b`, or `MONEY_OUT_OF_RANGE` when `b` exceeds `a` (amounts are never negative;
 * compare first when a shortfall is an expected case).
 */
export function subtractFen(a: Fen, b: Fen): Result<Fen, SanxiangError> {
  const bad = checkFen(a, b);
  return bad === undefined ? fromBig(BigInt(a) - BigInt(b), `${a} − ${b}`) : err(bad);
}

/** `fen × factor` for a non-negative integer factor (days, units…), exactly. */
export function multiplyFen(fen: Fen, factor: number): Result<Fen, SanxiangError> {
  const bad = checkFen(fen);
  if (bad !== undefined) return err(bad);
  if (!Number.isSafeInteger(factor) || factor < 0) {
    return err(sanxiangError("INVALID_INPUT", `倍数无效（应为非负整数）：${String(factor)}`, { details: { factor } }));
  }
  return fromBig(BigInt(fen) * BigInt(factor), `${fen} × ${factor}`);
}
