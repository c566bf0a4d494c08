import { describeValue } from "../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RawSheet } from "./table.js";

// CSV as RFC 4180 describes it (quoted fields, doubled quotes, CRLF or LF), plus what
// Chinese spreadsheets produce: a UTF-8 byte-order mark, which Excel needs to show Chinese
// and which is stripped on reading.

const BOM = "\uFEFF";

// A field is either quoted (doubled quotes inside) or plain, then a separator. Sticky
// regexes scan whole fields at a time: no per-character string building.
const QUOTED = /"((?:[^"]|"")*)"(,|\r\n|\n|\r|$)/y;
const QUOTED_ONLY = /"(?:[^"]|"")*"/y;
const PLAIN = /([^,\r\n]*)(,|\r\n|\n|\r|$)/y;
// The same with tabs: Excel's "Unicode 文本" (UTF-16 LE) and other tab-separated text.
const QUOTED_TAB = /"((?:[^"]|"")*)"(\t|\r\n|\n|\r|$)/y;
const PLAIN_TAB = /([^\t\r\n]*)(\t|\r\n|\n|\r|$)/y;

/** What separates fields: a comma (CSV) or a tab (tab-separated text). */
export type CsvDelimiter = "," | "\t";

/** Options of {@link parseCsvRecords} and {@link parseCsv}. */
export interface CsvReadOptions {
  /** The field separator (default: a comma). */
  readonly delimiter?: CsvDelimiter;
}

/** True when `options` asks for tabs; anything unreadable (a hostile object) means the default. */
function isTabDelimited(options: unknown): boolean {
  try {
    return typeof options === "object" && options !== null && (options as CsvReadOptions).delimiter === "\t";
  } catch {
    return false;
  }
}

function lineAt(text: string, pos: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < pos; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/**
 * Parses CSV text into rows of fields. Refuses (`TABLE_UNREADABLE`) an unterminated quote
 * or text after a closing quote, naming the line.
 */
export function parseCsvRecords(text: string, options: CsvReadOptions = {}): Result<string[][], SanxiangError> {
  const tab = isTabDelimited(options);
  const quoted = tab ? QUOTED_TAB : QUOTED;
  const plain = tab ? PLAIN_TAB : PLAIN;
  const delimiter = tab ? "\t" : ",";
  if (typeof text !== "string") {
    return err(
      sanxiangError("TABLE_UNREADABLE", `CSV 内容应为文本，实为 ${describeValue(text)}`, {
        details: { type: describeValue(text) },
      }),
    );
  }
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  if (src.length === 0) return ok(rows);
  let row: string[] = [];
  let pos = 0;
  for (;;) {
    let field: string;
    let sep: string;
    if (src.charCodeAt(pos) === 34 /* " */) {
      quoted.lastIndex = pos;
      const m = quoted.exec(src);
      if (m === null) {
        QUOTED_ONLY.lastIndex = pos;
        const closed = QUOTED_ONLY.exec(src) !== null;
        const at = closed ? QUOTED_ONLY.lastIndex : pos;
        const line = lineAt(src, at);
        const message = closed ? `CSV 第 ${line} 行：引号后出现多余字符` : `CSV 第 ${line} 行：引号未闭合`;
        return err(sanxiangError("TABLE_UNREADABLE", message, { details: { line } }));
      }
      const inner = m[1] ?? "";
      field = inner.includes('""') ? inner.replaceAll('""', '"') : inner;
      sep = m[2] ?? "";
      pos = quoted.lastIndex;
    } else {
      plain.lastIndex = pos;
      const m = plain.exec(src) as RegExpExecArray; // always matches (possibly empty)
      field = m[1] ?? "";
      sep = m[2] ?? "";
      pos = plain.lastIndex;
    }
    row.push(field);
    if (sep === delimiter) continue;
    rows.push(row);
    row = [];
    if (sep === "" || pos >= src.length) return ok(rows);
  }
}

/**
 * Reads CSV text as a sheet: the first row is the header, every other non-blank row a
 * record keyed by header. Duplicate or empty headers → `TABLE_UNREADABLE`.
 */
export function parseCsv(text: string, sheet: string, options: CsvReadOptions = {}): Result<RawSheet, SanxiangError> {
  if (typeof sheet !== "string") {
    return err(sanxiangError("INVALID_INPUT", `表名应为文本，实为 ${describeValue(sheet)}`, { details: {} }));
  }
  return parseCsvRecords(text, options).andThen((records) => {
    const [header, ...body] = records;
    if (header === undefined) return ok({ name: sheet, rows: [] });
    const all = header.map((h) => h.trim());
    // Excel saves empty columns after the last header (",,") when cells beyond the table were
    // ever formatted: they are dropped, unless a row has a value under one (data without a header).
    let width = all.length;
    while (width > 1 && all[width - 1] === "") width--;
    const headers = all.slice(0, width);
    if (headers.length > 0 && headers.some((h) => h !== "")) {
      for (const [index, fields] of body.entries()) {
        if (fields.slice(width).some((f) => f.trim() !== "")) {
          return err(
            sanxiangError("TABLE_UNREADABLE", `${sheet}：第 ${index + 2} 行在表头之外的列中有内容`, {
              details: { sheet, headers: all, row: index + 2 },
            }),
          );
        }
      }
    }
    const seen = new Set<string>();
    for (const h of headers) {
      if (h === "" || seen.has(h)) {
        return err(
          sanxiangError("TABLE_UNREADABLE", `${sheet}：表头${h === "" ? "有空列" : `「${h}」重复`}`, {
            details: { sheet, headers },
          }),
        );
      }
      seen.add(h);
    }
    const rows = body
      .map((fields, index) => ({ fields, rowNumber: index + 2 }))
      .filter(({ fields }) => fields.some((f) => f.trim() !== ""))
      .map(({ fields, rowNumber }) => ({
        rowNumber,
        cells: Object.fromEntries(headers.map((h, c) => [h, unguard(fields[c] ?? "")])),
      }));
    return ok({ name: sheet, rows });
  });
}

// A cell that starts with = + - @ (or a tab / CR) is a formula to Excel: a sheet of
// parties' names could run one on the finance bureau's machine (CSV injection). Such cells
// are written with one extra leading apostrophe, which reading strips again; values that
// already start with apostrophes before such a character get one more, so the two are
// exact inverses.
const FORMULA = /^'*[=+\-@\t\r]/;
const GUARDED = /^'+[=+\-@\t\r]/;

function guard(field: string): string {
  return FORMULA.test(field) ? `'${field}` : field;
}

function unguard(field: string): string {
  return GUARDED.test(field) ? field.slice(1) : field;
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Writes a sheet as CSV (CRLF line ends, a UTF-8 BOM unless `bom: false`), with its
 * columns in `headers` order. Cells Excel would run as formulas get a leading apostrophe,
 * which {@link parseCsv} removes.
 */
export function toCsv(sheet: RawSheet, headers: readonly string[], options: { readonly bom?: boolean } = {}): string {
  const lines = [headers.map(quote).join(",")];
  for (const r of sheet.rows) lines.push(headers.map((h) => quote(guard(r.cells[h] ?? ""))).join(","));
  return `${options.bom === false ? "" : BOM}${lines.join("\r\n")}\r\n`;
}
