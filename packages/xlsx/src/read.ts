import {
  err,
  type ImportIssue,
  ok,
  type RawRow,
  type RawSheet,
  type Result,
  type SanxiangError,
  sanxiangError,
} from "@sanxiang/core";
import ExcelJS from "exceljs";
import { cellText } from "./cell-text.js";

/** 读取选项 — options of {@link readXlsx}. */
export interface ReadXlsxOptions {
  /**
   * Only these worksheets, by name (a name not in the workbook is an error). Default: every
   * worksheet. Naming the one sheet wanted keeps a stray cell on another sheet (a notes
   * page, a lookup list) from blocking the import.
   */
  readonly sheets?: readonly string[];
  /**
   * The row holding the column headers, as Excel numbers rows (default 1). Rows above it —
   * a title such as 「沙坡头区司法局权责清单」 — are ignored.
   */
  readonly headerRow?: number;
}

// Zip local-file header ("PK\3\4"): every .xlsx starts with it. An OLE compound file
// (D0 CF 11 E0) is a legacy .xls or a password-protected .xlsx.
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

function unreadable(message: string, details: Record<string, unknown>, cause?: unknown): SanxiangError {
  return sanxiangError("TABLE_UNREADABLE", message, { details, ...(cause === undefined ? {} : { cause }) });
}

/** The column letters Excel shows (1 → A, 27 → AA). */
export function columnLetter(index: number): string {
  let n = index;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * Loads workbook bytes with exceljs. Anything that is not a readable .xlsx — an old .xls,
 * an encrypted workbook, a CSV, a truncated download — is `TABLE_UNREADABLE`, never a throw.
 */
export async function loadWorkbook(data: Uint8Array | ArrayBuffer): Promise<Result<ExcelJS.Workbook, SanxiangError>> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (startsWith(bytes, OLE)) {
    return err(
      unreadable("文件是旧版 .xls 或加密的工作簿：请在 Excel 中取消密码并另存为 .xlsx 后再导入", {
        format: "ole",
      }),
    );
  }
  if (!startsWith(bytes, ZIP)) {
    return err(unreadable("文件不是 XLSX 工作簿（CSV 文件请按 CSV 导入）", { format: "unknown" }));
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs declares its own `Buffer` (an ArrayBuffer); at run time it wants Node's Buffer.
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch (cause) {
    return err(unreadable("XLSX 工作簿已损坏，无法读取", { format: "xlsx" }, cause));
  }
  if (workbook.worksheets.length === 0) {
    return err(unreadable("工作簿中没有工作表", { format: "xlsx" }));
  }
  return ok(workbook);
}

function cellValue(cell: ExcelJS.Cell): unknown {
  // A merged range keeps its value in the top-left cell; exceljs repeats it in the others.
  // Read them as empty, as Excel's own CSV export does, so a value is never duplicated
  // into a neighbouring field.
  return cell.type === ExcelJS.ValueType.Merge ? null : cell.value;
}

function readHeaders(ws: ExcelJS.Worksheet, headerRow: number): Result<string[], SanxiangError> {
  const row = ws.getRow(headerRow);
  const headers: string[] = [];
  for (let c = 1; c <= row.cellCount; c++) {
    const t = cellText(cellValue(row.getCell(c)));
    if (!t.ok) {
      const sheet = ws.name;
      const column = `${columnLetter(c)} 列`;
      const issue: ImportIssue = { sheet, row: headerRow, column, message: `${column}表头无法读取：${t.message}` };
      return err(unreadable(`工作表「${sheet}」第 ${headerRow} 行：${issue.message}`, { sheet, issues: [issue] }));
    }
    headers.push(t.text.trim());
  }
  while (headers.length > 0 && headers[headers.length - 1] === "") headers.pop();
  const seen = new Set<string>();
  for (const [i, h] of headers.entries()) {
    const letter = columnLetter(i + 1);
    const sheet = ws.name;
    if (h === "" || seen.has(h)) {
      const message = h === "" ? `${letter} 列表头为空` : `${letter} 列表头「${h}」重复`;
      const issue: ImportIssue = { sheet, row: headerRow, column: h === "" ? `${letter} 列` : h, message };
      return err(unreadable(`工作表「${sheet}」第 ${headerRow} 行：${message}`, { sheet, headers, issues: [issue] }));
    }
    seen.add(h);
  }
  return ok(headers);
}

/**
 * One worksheet as a {@link RawSheet}: the header row's trimmed texts name the columns;
 * every later non-blank row becomes a record keyed by header with Excel's row number.
 * Cells that cannot be read faithfully are collected in `issues`.
 */
export function worksheetToRaw(
  ws: ExcelJS.Worksheet,
  headerRow: number,
  issues: ImportIssue[],
): Result<RawSheet, SanxiangError> {
  const sheet = ws.name;
  const headed = readHeaders(ws, headerRow);
  if (headed.isErr()) return err(headed.error);
  const headers = headed.value;
  const rows: RawRow[] = [];
  const found: ImportIssue[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const cells: Record<string, string> = Object.fromEntries(headers.map((h) => [h, ""]));
    let blank = true;
    for (let c = 1; c <= row.cellCount; c++) {
      const header = headers[c - 1];
      const column = header ?? `${columnLetter(c)} 列`;
      const t = cellText(cellValue(row.getCell(c)));
      if (!t.ok) {
        found.push({ sheet, row: rowNumber, column, message: t.message });
        blank = false;
      } else if (t.text.trim() === "") {
        if (header !== undefined) cells[header] = t.text;
      } else if (header === undefined) {
        found.push({ sheet, row: rowNumber, column, message: `${column}有内容但没有表头` });
        blank = false;
      } else {
        cells[header] = t.text;
        blank = false;
      }
    }
    if (!blank) rows.push({ rowNumber, cells });
  });
  if (headers.length === 0 && (rows.length > 0 || found.length > 0)) {
    const issue: ImportIssue = { sheet, row: headerRow, message: "表头为空" };
    return err(unreadable(`工作表「${sheet}」第 ${headerRow} 行表头为空`, { sheet, issues: [issue] }));
  }
  issues.push(...found);
  return ok({ name: sheet, rows });
}

/** The error of a read whose cells could not all be read: every issue, nothing imported. */
export function cellIssuesError(issues: readonly ImportIssue[]): SanxiangError {
  const first = issues[0];
  const where =
    first === undefined
      ? ""
      : `${first.sheet} 第 ${first.row} 行${first.column === undefined ? "" : `「${first.column}」`}：${first.message}`;
  return sanxiangError("IMPORT_INVALID", `读取工作簿失败，共 ${issues.length} 处错误，未导入任何数据。${where}`, {
    details: { issues },
  });
}

/**
 * 读取 XLSX — reads every worksheet of an .xlsx workbook as a {@link RawSheet}, the shape
 * core's `importSheet` validates (the same as `parseCsv` gives).
 *
 * - The first row (or `options.headerRow`) holds the headers, trimmed; an empty header
 *   before the last one, or a repeated one, is `TABLE_UNREADABLE` naming sheet and column.
 * - Data rows are keyed by header with `rowNumber` as Excel shows it; blank rows are skipped.
 * - Cells become text faithfully: strings as they are; numbers without float noise
 *   (Excel's 15 significant digits); date cells as `YYYY-MM-DD` whatever the machine's
 *   time zone; rich text and hyperlinks as plain text; formulas as their cached result;
 *   booleans as 是 / 否. Number formats other than dates are not applied (a cell shown as
 *   `30%` reads as `0.3`).
 * - A number of 16 or more digits (an ID number typed into a General cell), an error
 *   value (`#N/A`), a formula never calculated, or content in a column without a header is
 *   a row issue; any issue makes the result `IMPORT_INVALID` with
 *   `details.issues: ImportIssue[]` (sheet, row, column, Chinese message) — every issue,
 *   across all sheets read.
 * - A corrupt or non-XLSX file (an old .xls, a CSV, an encrypted workbook) is
 *   `TABLE_UNREADABLE`; the function never throws for bad bytes.
 */
export async function readXlsx(
  data: Uint8Array | ArrayBuffer,
  options: ReadXlsxOptions = {},
): Promise<Result<RawSheet[], SanxiangError>> {
  const headerRow = options.headerRow ?? 1;
  if (!Number.isInteger(headerRow) || headerRow < 1) {
    return err(sanxiangError("INVALID_INPUT", `表头行号应为正整数：${headerRow}`, { details: { headerRow } }));
  }
  const loaded = await loadWorkbook(data);
  if (loaded.isErr()) return err(loaded.error);
  const workbook = loaded.value;
  const names = workbook.worksheets.map((ws) => ws.name);
  const wanted = options.sheets ?? names;
  const issues: ImportIssue[] = [];
  const sheets: RawSheet[] = [];
  for (const name of wanted) {
    const ws = workbook.getWorksheet(name);
    if (ws === undefined) {
      return err(
        unreadable(`工作簿中没有名为「${name}」的工作表（现有：${names.join("、")}）`, { sheet: name, sheets: names }),
      );
    }
    const raw = worksheetToRaw(ws, headerRow, issues);
    if (raw.isErr()) return err(raw.error);
    sheets.push(raw.value);
  }
  return issues.length > 0 ? err(cellIssuesError(issues)) : ok(sheets);
}
