import {
  err,
  exportSheet,
  type ImportIssue,
  importSheet,
  type Result,
  type SanxiangError,
  sanxiangError,
  type TableSpec,
} from "@sanxiang/core";
import { cellIssuesError, loadWorkbook, type ReadXlsxOptions, worksheetToRaw } from "./read.js";
import { writeXlsx } from "./write.js";

/** 导入选项 — options of {@link importXlsx}. */
export interface ImportXlsxOptions {
  /** The row holding the column headers (default 1); see {@link ReadXlsxOptions.headerRow}. */
  readonly headerRow?: number;
}

/**
 * 从 XLSX 导入 — reads one worksheet of an .xlsx workbook into records of `spec`, all or
 * nothing. The sheet is `sheetName` when given (missing → `TABLE_UNREADABLE`), otherwise
 * the one named `spec.sheet`, otherwise the first. Only that sheet is read, so other
 * sheets (notes, lookup lists) never block the import. Cells are read as
 * {@link readXlsx} reads them and then checked by core's `importSheet`: a wrong cell,
 * row or duplicate key gives `IMPORT_INVALID` with every issue in `details.issues` and no
 * records.
 */
export async function importXlsx<T>(
  spec: TableSpec<T>,
  data: Uint8Array | ArrayBuffer,
  sheetName?: string,
  options: ImportXlsxOptions = {},
): Promise<Result<T[], SanxiangError>> {
  const headerRow = options.headerRow ?? 1;
  if (!Number.isInteger(headerRow) || headerRow < 1) {
    return err(sanxiangError("INVALID_INPUT", `表头行号应为正整数：${headerRow}`, { details: { headerRow } }));
  }
  const loaded = await loadWorkbook(data);
  if (loaded.isErr()) return err(loaded.error);
  const workbook = loaded.value;
  const names = workbook.worksheets.map((ws) => ws.name);
  const ws =
    sheetName === undefined
      ? (workbook.getWorksheet(spec.sheet) ?? workbook.worksheets[0])
      : workbook.getWorksheet(sheetName);
  if (ws === undefined) {
    const wanted = sheetName ?? spec.sheet;
    return err(
      sanxiangError("TABLE_UNREADABLE", `工作簿中没有名为「${wanted}」的工作表（现有：${names.join("、")}）`, {
        details: { sheet: wanted, sheets: names },
      }),
    );
  }
  const issues: ImportIssue[] = [];
  const raw = worksheetToRaw(ws, headerRow, issues);
  if (raw.isErr()) return err(raw.error);
  if (issues.length > 0) return err(cellIssuesError(issues));
  return importSheet(spec, raw.value);
}

/**
 * 导出为 XLSX — writes records of `spec` as a one-sheet workbook named `spec.sheet`, with
 * the spec's Chinese headers in order and every cell as text (see {@link writeXlsx}).
 * {@link importXlsx} of the result gives the same records.
 */
export async function exportXlsx<T>(spec: TableSpec<T>, records: readonly T[]): Promise<Uint8Array> {
  const headers = spec.columns.map((c) => c.header);
  return writeXlsx([{ sheet: exportSheet(spec, records), headers }]);
}
