import type { z } from "zod";
import { dateCell, enumCell, textCell } from "../codecs.js";
import { column, type TableSpec } from "../table.js";
import { LAW_LEVEL_LABELS, LawSchema } from "./schema.js";

/**
 * 法规目录行 — one version of a law as a sheet row: identity, level, issuer and dates, but
 * no text (articles come from the statute's markdown through `importLawMarkdown`).
 */
export const LawMetaSchema = LawSchema.pick({
  id: true,
  shortTitle: true,
  title: true,
  level: true,
  issuer: true,
  documentNumber: true,
  promulgated: true,
  effectiveFrom: true,
  effectiveUntil: true,
  repealed: true,
  url: true,
  note: true,
});
/** 法规目录行 (see {@link LawMetaSchema}). */
export type LawMeta = z.infer<typeof LawMetaSchema>;

/**
 * 法规目录表 — the laws database's sheet (CSV, XLSX, JSON): one row per law version, Chinese
 * headers; two rows with the same id and 施行日期 are an error.
 */
export const LAWS_TABLE: TableSpec<LawMeta> = {
  kind: "laws",
  sheet: "法律法规",
  columns: [
    column("id", "标识", textCell),
    column("shortTitle", "简称", textCell),
    column("title", "名称", textCell),
    column("level", "效力层级", enumCell(LAW_LEVEL_LABELS)),
    column("issuer", "制定机关", textCell),
    column("documentNumber", "文号", textCell, true),
    column("promulgated", "公布日期", dateCell, true),
    column("effectiveFrom", "施行日期", dateCell),
    column("effectiveUntil", "失效日期", dateCell, true),
    column("repealed", "废止日期", dateCell, true),
    column("url", "网址", textCell, true),
    column("note", "备注", textCell, true),
  ],
  schema: LawMetaSchema,
  key: (law) => `${law.id}@${law.effectiveFrom}`,
};

/** The metadata row of a law version (drops its text), e.g. to export a database's catalogue. */
export function lawMetaOf(law: z.input<typeof LawMetaSchema>): LawMeta {
  return LawMetaSchema.parse(law);
}
