import type { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";

/** One data row of a sheet: its 1-based row number in the file (header = row 1) and cells by header. */
export interface RawRow {
  /** Row number as a person sees it in the spreadsheet (the header is row 1). */
  readonly rowNumber: number;
  /** Cell text by column header. */
  readonly cells: Readonly<Record<string, string>>;
}

/** 表格 — a sheet read from CSV or XLSX: its name and its data rows. */
export interface RawSheet {
  /** Sheet name (the file name for CSV). */
  readonly name: string;
  /** Data rows, without the header row. */
  readonly rows: readonly RawRow[];
}

/** 导入问题 — one thing wrong in an import: where, and why in Chinese. */
export interface ImportIssue {
  /** Sheet name. */
  readonly sheet: string;
  /** Row number as in the spreadsheet (header = 1); 0 for the sheet as a whole. */
  readonly row: number;
  /** Column header, when one column is at fault. */
  readonly column?: string;
  /** What is wrong, in Chinese. */
  readonly message: string;
}

/**
 * How one column's cell text becomes a value and back. `parse` returns the value or a
 * Chinese message; it sees only non-empty (trimmed) text — empty cells are `undefined`.
 */
export interface CellCodec<V> {
  /** Text → value, or a Chinese message saying what is wrong. */
  parse(text: string): Result<V, string>;
  /** Value → text; must round-trip through `parse`. */
  format(value: V): string;
}

/** A column of a table: the record field, its Chinese header and codec. */
export interface ColumnSpec {
  /** The record field the column fills. */
  readonly key: string;
  /** The column header in Chinese, as it appears in the sheet. */
  readonly header: string;
  /** The cell codec. */
  readonly codec: CellCodec<unknown>;
  /** A cell that may be empty (the field is then absent). Default: required. */
  readonly optional?: boolean;
}

/**
 * 表格规格 — how a registry's records travel as a sheet: columns, the record schema every
 * row must pass, and the key that must be unique across rows.
 */
export interface TableSpec<T> {
  /** Registry kind, e.g. `entities`. */
  readonly kind: string;
  /** Default sheet name in Chinese, e.g. `市场主体`. */
  readonly sheet: string;
  /** Columns in export order. */
  readonly columns: readonly ColumnSpec[];
  /** The schema each assembled record must pass. */
  readonly schema: z.ZodType<T>;
  /** Identity of a row: two rows with the same key are an error (versions differ in key). */
  readonly key: (record: T) => string;
}

/** Makes a column (keeps the codec's value type out of the table's type). */
export function column<V>(key: string, header: string, codec: CellCodec<V>, optional = false): ColumnSpec {
  return { key, header, codec: codec as CellCodec<unknown>, ...(optional ? { optional: true } : {}) };
}

function invalidImport(kind: string, issues: readonly ImportIssue[]): SanxiangError {
  const first = issues[0];
  const where =
    first === undefined
      ? ""
      : `${first.sheet} 第 ${first.row} 行${first.column === undefined ? "" : `「${first.column}」`}：${first.message}`;
  return sanxiangError("IMPORT_INVALID", `导入${kind}失败，共 ${issues.length} 处错误，未导入任何数据。${where}`, {
    details: { kind, issues },
  });
}

/**
 * 导入 — reads every row of `sheet` into records of `spec`. All rows are checked first;
 * when any cell, row or key is wrong the result is `IMPORT_INVALID` with every issue
 * (`details.issues: ImportIssue[]`, each with sheet, row, column and a Chinese message)
 * and no records — an import never half-applies.
 */
export function importSheet<T>(spec: TableSpec<T>, sheet: RawSheet): Result<T[], SanxiangError> {
  const issues: ImportIssue[] = [];
  const known = new Set(spec.columns.map((c) => c.header));
  const present = new Set(sheet.rows.flatMap((r) => Object.keys(r.cells)));
  for (const c of spec.columns) {
    if (!c.optional && sheet.rows.length > 0 && !present.has(c.header)) {
      issues.push({ sheet: sheet.name, row: 1, column: c.header, message: `缺少必填列「${c.header}」` });
    }
  }
  for (const h of present) {
    if (!known.has(h)) issues.push({ sheet: sheet.name, row: 1, column: h, message: `未知的列「${h}」` });
  }
  if (issues.length > 0) return err(invalidImport(spec.sheet, issues));

  const records: T[] = [];
  const keys = new Map<string, number>();
  for (const row of sheet.rows) {
    const draft: Record<string, unknown> = {};
    let rowOk = true;
    for (const c of spec.columns) {
      const text = (row.cells[c.header] ?? "").trim();
      if (text === "") {
        if (!c.optional) {
          issues.push({ sheet: sheet.name, row: row.rowNumber, column: c.header, message: "必填项为空" });
          rowOk = false;
        }
        continue;
      }
      const parsed = c.codec.parse(text);
      if (parsed.isErr()) {
        issues.push({ sheet: sheet.name, row: row.rowNumber, column: c.header, message: parsed.error });
        rowOk = false;
      } else {
        draft[c.key] = parsed.value;
      }
    }
    if (!rowOk) continue;
    const checked = spec.schema.safeParse(draft);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const col = spec.columns.find((c) => c.key === issue.path[0]);
        issues.push({
          sheet: sheet.name,
          row: row.rowNumber,
          ...(col === undefined ? {} : { column: col.header }),
          message: issue.message,
        });
      }
      continue;
    }
    const key = spec.key(checked.data);
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      issues.push({ sheet: sheet.name, row: row.rowNumber, message: `与第 ${earlier} 行重复（${key}）` });
      continue;
    }
    keys.set(key, row.rowNumber);
    records.push(checked.data);
  }
  return issues.length > 0 ? err(invalidImport(spec.sheet, issues)) : ok(records);
}

/** 导出 — writes records as a sheet of `spec`; importing it again gives the same records. */
export function exportSheet<T>(spec: TableSpec<T>, records: readonly T[], name: string = spec.sheet): RawSheet {
  return {
    name,
    rows: records.map((record, i) => {
      const fields = record as Record<string, unknown>;
      const cells: Record<string, string> = {};
      for (const c of spec.columns) {
        const v = fields[c.key];
        cells[c.header] = v === undefined ? "" : c.codec.format(v);
      }
      return { rowNumber: i + 2, cells };
    }),
  };
}

/** The column headers of a spec, in order (for CSV and XLSX writers). */
export function headersOf<T>(spec: TableSpec<T>): string[] {
  return spec.columns.map((c) => c.header);
}

/**
 * Imports JSON (an array of records) with the same all-or-nothing rule as
 * {@link importSheet}; row numbers are 1-based array positions.
 */
export function importJson<T>(spec: TableSpec<T>, value: unknown, name = "JSON"): Result<T[], SanxiangError> {
  if (!Array.isArray(value)) {
    return err(invalidImport(spec.sheet, [{ sheet: name, row: 0, message: "应为记录数组" }]));
  }
  const issues: ImportIssue[] = [];
  const records: T[] = [];
  const keys = new Map<string, number>();
  value.forEach((item, i) => {
    const checked = spec.schema.safeParse(item);
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        issues.push({ sheet: name, row: i + 1, column: issue.path.map(String).join("."), message: issue.message });
      }
      return;
    }
    const key = spec.key(checked.data);
    const earlier = keys.get(key);
    if (earlier !== undefined) {
      issues.push({ sheet: name, row: i + 1, message: `与第 ${earlier} 条重复（${key}）` });
      return;
    }
    keys.set(key, i + 1);
    records.push(checked.data);
  });
  return issues.length > 0 ? err(invalidImport(spec.sheet, issues)) : ok(records);
}
