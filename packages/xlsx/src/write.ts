import type { RawSheet } from "@sanxiang/core";
import ExcelJS from "exceljs";

/** 待写工作表 — one worksheet for {@link writeXlsx}: the rows and the column order. */
export interface XlsxSheetInput {
  /** The sheet: its name becomes the worksheet's name, its rows the data rows. */
  readonly sheet: RawSheet;
  /** Column headers in order; a row's cells are looked up by these. */
  readonly headers: readonly string[];
}

// Excel refuses sheet names longer than 31 characters or containing : \ / ? * [ ],
// and names that begin or end with an apostrophe.
const SHEET_NAME_MAX = 31;

/**
 * A worksheet name Excel accepts: forbidden characters become `_`, the name is cut to 31
 * characters, and a name already used gets a `(2)`, `(3)` … suffix.
 */
export function xlsxSheetName(name: string, used: ReadonlySet<string> = new Set()): string {
  const clean = name.replace(/[:\\/?*[\]]/g, "_").replace(/^'+|'+$/g, "");
  const base = clean.trim() === "" ? "Sheet" : clean;
  const taken = new Set([...used].map((n) => n.toLowerCase())); // Excel compares names case-insensitively
  let candidate = [...base].slice(0, SHEET_NAME_MAX).join("");
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) {
    const suffix = `(${i})`;
    candidate = [...base].slice(0, SHEET_NAME_MAX - suffix.length).join("") + suffix;
  }
  return candidate;
}

// XML 1.0 cannot carry C0 control characters other than tab, LF and CR, lone surrogates,
// or U+FFFE / U+FFFF; they cannot be stored in a cell. An XML reader turns CR LF and a lone
// CR into LF, which is also how Excel breaks lines inside a cell.
function xmlAllowed(code: number): boolean {
  if (code < 0x20) return code === 0x09 || code === 0x0a;
  return code !== 0xfffe && code !== 0xffff;
}

/**
 * Cell text as XML can store it (see {@link writeXlsx}): line breaks become LF; control
 * characters and lone surrogates are dropped.
 */
export function xmlSafe(text: string): string {
  let out = "";
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    const code = ch.codePointAt(0) ?? 0;
    const loneSurrogate = code >= 0xd800 && code <= 0xdfff; // for..of yields pairs whole
    if (xmlAllowed(code) && !loneSurrogate) out += ch;
  }
  return out;
}

/**
 * How many character widths a text takes in Excel's default font: CJK ideographs, kana,
 * Hangul and full-width forms count two, everything else one.
 */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6) ||
      cp >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const SAMPLE_ROWS = 1000; // widths from the first rows; enough to size a column

function columnWidth(header: string, values: readonly string[]): number {
  let widest = displayWidth(header) + 2; // room for the autofilter button
  for (const v of values) {
    for (const line of v.split(/\r?\n/)) widest = Math.max(widest, displayWidth(line));
  }
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widest + 2));
}

/** Text number format: Excel keeps what is typed as text, never as a number or a date. */
const TEXT_FORMAT = "@";

function addSheet(workbook: ExcelJS.Workbook, input: XlsxSheetInput, name: string): void {
  const { sheet, headers } = input;
  const ws = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1, xSplit: 0 }] });
  const header = ws.addRow(headers.map(xmlSafe));
  header.font = { bold: true };
  for (const r of sheet.rows) {
    // Empty cells stay absent; every other cell is a string, whatever it looks like.
    ws.addRow(headers.map((h) => (r.cells[h] ?? "") || null).map((v) => (v === null ? null : xmlSafe(v))));
  }
  headers.forEach((h, i) => {
    const col = ws.getColumn(i + 1);
    const sample = sheet.rows.slice(0, SAMPLE_ROWS).map((r) => r.cells[h] ?? "");
    col.width = columnWidth(h, sample);
    // On the column, so cells a person adds later are text too; exceljs also applies it to
    // every cell already written.
    col.numFmt = TEXT_FORMAT;
  });
  if (headers.length > 0) {
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: headers.length } };
  }
}

/**
 * 写出 XLSX — writes sheets as an .xlsx workbook, one worksheet per sheet, columns in
 * `headers` order. Every cell is a string under the text number format `@`, so an
 * 18-digit ID number, a credit code with leading zeros or a date stays exactly as written
 * when a person opens and saves the file in Excel or WPS. The header row is bold, frozen
 * and filterable; columns are sized for Chinese text (a CJK character is two widths).
 *
 * Excel's limits are met rather than refused: a sheet name is made valid (see
 * {@link xlsxSheetName}); characters XML cannot carry (C0 control characters other than
 * tab and line breaks) are dropped; CR LF line breaks become LF, as Excel stores them.
 * Row numbers of the input are not used: rows are written in order from row 2.
 */
export async function writeXlsx(sheets: readonly XlsxSheetInput[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "sanxiang";
  const used = new Set<string>();
  for (const input of sheets) {
    const name = xlsxSheetName(input.sheet.name, used);
    used.add(name);
    addSheet(workbook, input, name);
  }
  const buffer = await workbook.xlsx.writeBuffer();
  // A copy into a plain Uint8Array: Node's Buffer may share a pooled ArrayBuffer.
  return new Uint8Array(buffer as unknown as Uint8Array);
}
