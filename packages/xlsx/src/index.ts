/**
 * @sanxiang/xlsx — XLSX import and export for the sanxiang registries.
 *
 * @packageDocumentation
 */
export {};
