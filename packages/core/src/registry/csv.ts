import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RawSheet } from "./table.js";

// CSV as RFC 4180 describes it (quoted fields, doubled quotes, CRLF or LF), plus what
// Chinese spreadsheets produce: a UTF-8 byte-order mark, which Excel needs to show Chinese
// and which is stripped on reading.

const BOM = "\uFEFF";

/**
 * Parses CSV text into rows of fields. Refuses (`TABLE_UNREADABLE`) an unterminated quote
 * or text after a closing quote, naming the line.
 */
export function parseCsvRecords(text: string): Result<string[][], SanxiangError> {
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let line = 1;
  let quoted = false;
  let afterQuote = false;
  const endField = () => {
    row.push(field);
    field = "";
    afterQuote = false;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };
  while (i < src.length) {
    const c = src[i] as string;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        afterQuote = true;
        i++;
        continue;
      }
      if (c === "\n") line++;
      field += c;
      i++;
      continue;
    }
    if (c === ",") {
      endField();
      i++;
    } else if (c === "\r" && src[i + 1] === "\n") {
      endRow();
      line++;
      i += 2;
    } else if (c === "\n" || c === "\r") {
      endRow();
      line++;
      i++;
    } else if (afterQuote) {
      return err(sanxiangError("TABLE_UNREADABLE", `CSV 第 ${line} 行：引号后出现多余字符`, { details: { line } }));
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else {
      field += c;
      i++;
    }
  }
  if (quoted) return err(sanxiangError("TABLE_UNREADABLE", `CSV 第 ${line} 行：引号未闭合`, { details: { line } }));
  if (field !== "" || row.length > 0 || afterQuote) endRow();
  return ok(rows);
}

/**
 * Reads CSV text as a sheet: the first row is the header, every other non-blank row a
 * record keyed by header. Duplicate or empty headers → `TABLE_UNREADABLE`.
 */
export function parseCsv(text: string, sheet: string): Result<RawSheet, SanxiangError> {
  return parseCsvRecords(text).andThen((records) => {
    const [header, ...body] = records;
    if (header === undefined) return ok({ name: sheet, rows: [] });
    const headers = header.map((h) => h.trim());
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
        cells: Object.fromEntries(headers.map((h, c) => [h, fields[c] ?? ""])),
      }));
    return ok({ name: sheet, rows });
  });
}

function quote(field: string): string {
  return /[",\r\n]/.test(field) || field !== field.trim() ? `"${field.replaceAll('"', '""')}"` : field;
}

/**
 * Writes a sheet as CSV (CRLF line ends, a UTF-8 BOM unless `bom: false`), with its
 * columns in `headers` order.
 */
export function toCsv(sheet: RawSheet, headers: readonly string[], options: { readonly bom?: boolean } = {}): string {
  const lines = [headers.map(quote).join(",")];
  for (const r of sheet.rows) lines.push(headers.map((h) => quote(r.cells[h] ?? "")).join(","));
  return `${options.bom === false ? "" : BOM}${lines.join("\r\n")}\r\n`;
}
