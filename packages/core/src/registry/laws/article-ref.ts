import { z } from "zod";
import { describeValue } from "../../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { chineseNumeral, parseChineseNumeral } from "../../kernel/source.js";

/**
 * 法条引用 — a citation of a law down to 款 and 项: the law's short title (`行政处罚法`),
 * the article (条), and optionally the paragraph (款) and item (项).
 */
export const ArticleRefSchema = z
  .object({
    /** Short title of the law, without 《》 and without the prefix 中华人民共和国. */
    law: z.string().min(1),
    /** Article number (第N条). */
    article: z.number().int().min(1).max(9999),
    /** Paragraph number (第N款). */
    paragraph: z.number().int().min(1).max(9999).optional(),
    /** Item number (第N项). */
    item: z.number().int().min(1).max(9999).optional(),
  })
  .readonly();
/** 法条引用 (see {@link ArticleRefSchema}). */
export type ArticleRef = z.infer<typeof ArticleRefSchema>;

/** The prefix of national laws' full titles, dropped to get the short title. */
export const PRC_TITLE_PREFIX = "中华人民共和国";

/**
 * 简称 — the short title of a law as sources cite it: without 《》, spaces and the prefix
 * 中华人民共和国 (`《中华人民共和国行政处罚法》` → `行政处罚法`).
 */
export function shortTitleOf(title: string): string {
  const bare = title.replace(/[\s《》〈〉<>]/g, "");
  return bare.startsWith(PRC_TITLE_PREFIX) && bare.length > PRC_TITLE_PREFIX.length
    ? bare.slice(PRC_TITLE_PREFIX.length)
    : bare;
}

const NUM = "[零〇一二三四五六七八九十百千两0-9０-９]+";
// Law title, then 第N条, optional 第N款, optional 第N项 (also 第（N）项 and 第(N)项). The title
// group is lazy and the pattern anchored, so a title that itself contains 第 still works.
const REF = new RegExp(`^(.*?)第(${NUM})条(?:第(${NUM})款)?(?:第[（(]?(${NUM})[）)]?项)?$`);

function invalid(text: string, why: string): SanxiangError {
  return sanxiangError("ARTICLE_REF_INVALID", `无法识别的法条引用「${text}」：${why}`, { details: { text } });
}

/**
 * 解析法条引用 — reads a citation as officers write it: `行政处罚法第五十八条第一款`,
 * `《中华人民共和国行政许可法》第三十二条第一款第（四）项`, `行政处罚法第六十四条第一项`,
 * `行政处罚法第58条`. Chinese or Arabic numerals; spaces are ignored. Total: it never throws;
 * a string it cannot read gives `ARTICLE_REF_INVALID`.
 */
export function parseArticleRef(text: string): Result<ArticleRef, SanxiangError> {
  if (typeof text !== "string") return err(invalid(describeValue(text), "应为文本"));
  const compact = text.replace(/\s+/g, "");
  const m = REF.exec(compact);
  if (m === null) return err(invalid(text, "应为「法律名称第N条（第N款）（第N项）」"));
  const law = shortTitleOf(m[1] ?? "");
  if (law === "") return err(invalid(text, "缺少法律名称"));
  const article = parseChineseNumeral(m[2] ?? "");
  if (article === undefined) return err(invalid(text, `条号「${m[2]}」不是有效数字`));
  const ref: { law: string; article: number; paragraph?: number; item?: number } = { law, article };
  if (m[3] !== undefined) {
    const paragraph = parseChineseNumeral(m[3]);
    if (paragraph === undefined) return err(invalid(text, `款号「${m[3]}」不是有效数字`));
    ref.paragraph = paragraph;
  }
  if (m[4] !== undefined) {
    const item = parseChineseNumeral(m[4]);
    if (item === undefined) return err(invalid(text, `项号「${m[4]}」不是有效数字`));
    ref.item = item;
  }
  return ok(ref);
}

/**
 * 格式化法条引用 — writes a citation as statutes do: `《行政处罚法》第五十八条第一款`,
 * `《行政许可法》第三十二条第一款第（四）项`. {@link parseArticleRef} reads it back unchanged.
 */
export function formatArticleRef(ref: ArticleRef): string {
  let s = `《${ref.law}》第${chineseNumeral(ref.article)}条`;
  if (ref.paragraph !== undefined) s += `第${chineseNumeral(ref.paragraph)}款`;
  if (ref.item !== undefined) s += `第（${chineseNumeral(ref.item)}）项`;
  return s;
}
