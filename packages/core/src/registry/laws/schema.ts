import { z } from "zod";
import { CivilDateSchema } from "../../kernel/time.js";
import { EffectiveSchema } from "../versions.js";

/**
 * 效力层级 — the level of a legal text (立法法): `law` 法律, `administrativeRegulation`
 * 行政法规, `localRegulation` 地方性法规, `departmentalRule` 部门规章, `localGovernmentRule`
 * 地方政府规章, `normativeDocument` 规范性文件 (State Council notices, a bureau's plan).
 */
export const LawLevelSchema = z.enum([
  "law",
  "administrativeRegulation",
  "localRegulation",
  "departmentalRule",
  "localGovernmentRule",
  "normativeDocument",
]);
/** 效力层级 (see {@link LawLevelSchema}). */
export type LawLevel = z.infer<typeof LawLevelSchema>;

/** 效力层级名称 — the Chinese label of each {@link LawLevel}, as sheets and pages show it. */
export const LAW_LEVEL_LABELS: Readonly<Record<LawLevel, string>> = {
  law: "法律",
  administrativeRegulation: "行政法规",
  localRegulation: "地方性法规",
  departmentalRule: "部门规章",
  localGovernmentRule: "地方政府规章",
  normativeDocument: "规范性文件",
};

/**
 * 款 — one paragraph of an article: its text and the items (项) listed under it. An item is
 * a line that starts with （一）, （二）…; `items[0]` is item 1, its text without the marker.
 */
export const ParagraphSchema = z.object({
  /** The paragraph's own text (for the first paragraph, without the `第N条` heading). */
  text: z.string(),
  /** 项 — the items under this paragraph, in order, without their （N） markers. */
  items: z.array(z.string().min(1)).readonly(),
});
/** 款 (see {@link ParagraphSchema}). */
export type Paragraph = z.infer<typeof ParagraphSchema>;

/** 条 — one article: its number, where it sits (编 / 章 / 节) and its paragraphs (款). */
export const ArticleSchema = z.object({
  /** Article number (第N条). */
  number: z.number().int().positive(),
  /** 编 — the part heading, e.g. `第一编 总则` (codes and long laws only). */
  part: z.string().min(1).optional(),
  /** 章 — the chapter heading, e.g. `第五章 行政处罚的决定`. */
  chapter: z.string().min(1).optional(),
  /** 节 — the section heading, e.g. `第四节 法制审核`. */
  section: z.string().min(1).optional(),
  /** 款 — paragraphs in order; `paragraphs[0]` is paragraph 1. */
  paragraphs: z.array(ParagraphSchema).min(1).readonly(),
});
/** 条 (see {@link ArticleSchema}). */
export type Article = z.infer<typeof ArticleSchema>;

/**
 * 文件章节 — a numbered part of a document without articles (a plan, a State Council
 * notice): its label as sources cite it (`二（三）（3）`) and its heading text.
 */
export const DocumentSectionSchema = z.object({
  /** The label sources cite: the numbering path, e.g. `二`, `二（三）`, `二（三）（3）`. */
  label: z.string().min(1),
  /** The heading or first sentence of the section. */
  heading: z.string().min(1),
});
/** 文件章节 (see {@link DocumentSectionSchema}). */
export type DocumentSection = z.infer<typeof DocumentSectionSchema>;

/**
 * 文本来源 — where the shipped text was copied from (a public repository and path, or a
 * web page), so a reader can check it.
 */
export const TextOriginSchema = z.object({
  /** Repository `owner/name`, e.g. `LawRefBook/Laws`. */
  repository: z.string().min(1).optional(),
  /** Path in the repository. */
  path: z.string().min(1).optional(),
  /** A web page with the text. */
  url: z.string().min(1).optional(),
  /** Anything a reader should know about the copy, in Chinese. */
  note: z.string().min(1).optional(),
});
/** 文本来源 (see {@link TextOriginSchema}). */
export type TextOrigin = z.infer<typeof TextOriginSchema>;

/**
 * 法律法规（版本）— one version of a law, regulation, rule or document, in force from
 * `effectiveFrom` until `effectiveUntil` (the next version's first day, or the repeal).
 * A revision is a new version with the same `id`. Texts with articles carry `articles`;
 * documents without articles (国办发〔2018〕118号, a bureau's plan) carry `sections` or only a
 * `url`, and sources cite them with `section`.
 */
export const LawSchema = EffectiveSchema.extend({
  /** Stable identifier of the law across its versions, e.g. `administrative-penalty`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "应为小写字母、数字和连字符"),
  /** Full title, e.g. `中华人民共和国行政处罚法`. */
  title: z.string().min(1),
  /** Short title as a `RuleSource` names the law, e.g. `行政处罚法`, `国办发〔2018〕118号`. */
  shortTitle: z.string().min(1),
  /** 效力层级. */
  level: LawLevelSchema,
  /** 制定机关 — the issuing body, e.g. `全国人民代表大会常务委员会`. */
  issuer: z.string().min(1),
  /** 文号 — the document number, e.g. `国务院令第711号`. */
  documentNumber: z.string().min(1).optional(),
  /** 公布日期 — the day this version (the original text, or the revision) was promulgated; absent when unknown. */
  promulgated: CivilDateSchema.optional(),
  /** 废止日期 — the day the law was repealed; then `effectiveUntil` is that day too. */
  repealed: CivilDateSchema.optional(),
  /** 沿革 — the history lines of the text (adopted, amended, revised), as printed. */
  history: z.array(z.string().min(1)).readonly().default([]),
  /** 条文 — the articles, in order (empty for documents without articles). */
  articles: z.array(ArticleSchema).readonly().default([]),
  /** 章节 — the numbered sections of a document without articles. */
  sections: z.array(DocumentSectionSchema).readonly().default([]),
  /**
   * 节选 — only some articles are shipped (`includedArticles`); a citation of another
   * article cannot be checked against the text.
   */
  partial: z.boolean().default(false),
  /** The articles shipped when `partial`. */
  includedArticles: z.array(z.number().int().positive()).readonly().optional(),
  /** Where the official text can be read. */
  url: z.string().min(1).optional(),
  /** Where the shipped text was copied from. */
  origin: TextOriginSchema.optional(),
  /** Remarks for readers, in Chinese (e.g. which effective date is assumed and why). */
  note: z.string().min(1).optional(),
});
/** 法律法规（版本） (see {@link LawSchema}). */
export type Law = z.infer<typeof LawSchema>;
/** What {@link LawSchema} accepts before defaults are filled in (e.g. from JSON). */
export type LawInput = z.input<typeof LawSchema>;
