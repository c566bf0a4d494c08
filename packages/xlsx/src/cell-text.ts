// How one Excel cell value becomes the text a registry codec reads. The aim is the text a
// person meant, not the bytes Excel happened to store: no float noise, no UTC-shifted
// dates, no silently truncated identifiers.

/** The result of reading one cell: its text, or a Chinese message saying why it cannot be read. */
export type CellText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string };

const text = (t: string): CellText => ({ ok: true, text: t });
const refuse = (message: string): CellText => ({ ok: false, message });

/**
 * Excel keeps 15 significant decimal digits of a number. A number of 16 or more integer
 * digits (an 18-digit 居民身份证号 typed into a General cell, a bank account number) has
 * already lost its last digits, and beyond 2^53 JavaScript loses more: both are refused.
 */
export const EXCEL_EXACT_DIGITS = 15;

const LIMIT = 10 ** EXCEL_EXACT_DIGITS;

// Intl gives plain positional notation (never "1e-7") and rounds to Excel's 15 significant
// digits, which removes binary float noise such as 0.1 * 120000 = 12000.000000000002.
const numberFormat = new Intl.NumberFormat("en-US", {
  useGrouping: false,
  maximumSignificantDigits: EXCEL_EXACT_DIGITS,
});

/** A number as Excel shows it in a General cell at full width: 15 significant digits, no exponent. */
export function numberText(n: number): string {
  if (n === 0) return "0"; // also -0
  return numberFormat.format(n);
}

function numberCell(n: number): CellText {
  if (!Number.isFinite(n)) return refuse(`无法识别的数字：${String(n)}`);
  if (Math.abs(n) >= LIMIT) {
    return refuse(
      `数字 ${numberText(n)} 超过 ${EXCEL_EXACT_DIGITS} 位，Excel 已丢失末尾数字（身份证号、统一社会信用代码、账号等须存为文本）：请将该列设置为“文本”格式后重新录入`,
    );
  }
  return text(numberText(n));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/**
 * An Excel date-time cell. Excel stores a zone-less serial day number; exceljs turns it
 * into a `Date` whose *UTC* fields are the wall-clock fields Excel shows, so only the UTC
 * getters are read here — the machine's time zone never moves the day. A whole day gives
 * `YYYY-MM-DD`; a time of day is kept as `YYYY-MM-DD HH:mm:ss`; a time alone (serial
 * below 1) as `HH:mm:ss`.
 */
export function dateText(d: Date): CellText {
  const ms = d.getTime();
  if (Number.isNaN(ms)) return refuse("无法识别的日期");
  const t = new Date(Math.round(ms / 1000) * 1000); // serials carry float noise below a second
  const day = `${pad(t.getUTCFullYear(), 4)}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
  const time = `${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())}`;
  if (day === "1899-12-30") return text(time); // serial day 0: a time-of-day format
  return text(time === "00:00:00" ? day : `${day} ${time}`);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function richText(runs: unknown): string {
  if (!Array.isArray(runs)) return "";
  return runs.map((r) => (isRecord(r) && typeof r.text === "string" ? r.text : "")).join("");
}

/**
 * The text of an exceljs cell value: strings as they are; numbers at Excel's precision
 * (a number of 16 or more digits is refused, see {@link EXCEL_EXACT_DIGITS}); dates as
 * civil dates; booleans as 是 / 否; rich text and hyperlinks as their plain text; formulas
 * as their cached result; error values (`#N/A`) refused.
 */
export function cellText(value: unknown): CellText {
  if (value === null || value === undefined) return text("");
  if (typeof value === "string") return text(value);
  if (typeof value === "number") return numberCell(value);
  if (typeof value === "boolean") return text(value ? "是" : "否");
  if (value instanceof Date) return dateText(value);
  if (!isRecord(value)) return refuse("无法识别的单元格内容");
  if ("richText" in value) return text(richText(value.richText));
  if ("error" in value) return refuse(`单元格为错误值 ${String(value.error)}`);
  if ("formula" in value || "sharedFormula" in value) {
    if (value.result === undefined) {
      const f = String(value.formula ?? value.sharedFormula ?? "");
      return refuse(`公式「=${f}」没有计算结果：请在 Excel 中打开并保存后再导入`);
    }
    return cellText(value.result);
  }
  if ("hyperlink" in value) return cellText(value.text ?? "");
  if ("text" in value) return cellText(value.text);
  return refuse("无法识别的单元格内容");
}
