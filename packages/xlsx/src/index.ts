/**
 * @sanxiang/xlsx — XLSX import and export for the sanxiang registries (exceljs). Workbooks
 * are read into core's `RawSheet` shape, so `importSheet` checks every row the same way as
 * for CSV (nothing imported when any row is wrong), and registries are written back with
 * every cell as text.
 *
 * @packageDocumentation
 */
export { type ReadXlsxOptions, readXlsx } from "./read.js";
export { exportXlsx, type ImportXlsxOptions, importXlsx } from "./spec.js";
export { displayWidth, writeXlsx, type XlsxSheetInput, xlsxSheetName } from "./write.js";
