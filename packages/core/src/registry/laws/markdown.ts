import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { parseChineseNumeral } from "../../kernel/source.js";
import { shortTitleOf } from "./article-ref.js";
import { type Article, type Law, LawSchema, type Paragraph } from "./schema.js";

/**
 * 导入元数据 — what {@link importLawMarkdown} needs beside the text: everything of a
 * {@link Law} except what the text gives (articles, history). `title` may be omitted (the
 * `# ` line gives it; when present the two must agree); `shortTitle` defaults to the title
 * without 中华人民共和国.
 */
export const LawMarkdownMetaSchema = LawSchema.omit({ articles: true, sections: true, history: true }).extend({
  /** Full title; must match the `# ` line when given. */
  title: z.string().min(1).optional(),
  /** Short title; default: the title without 中华人民共和国. */
  shortTitle: z.string().min(1).optional(),
});
/** 导入元数据 (see {@link LawMarkdownMetaSchema}). */
export type LawMarkdownMeta = z.input<typeof LawMarkdownMetaSchema>;

const NUM = "[零〇一二三四五六七八九十百千两]+";
const ARTICLE_START = new RegExp(`^第(${NUM})条(之${NUM})?(?:\\s+(.*))?$`);
const ITEM_START = /^[（(]([零〇一二三四五六七八九十百千两]+)[）)]\s*(.*)$/;
const HEADING_MD = /^#{1,6}\s+(.*)$/;
// Some copies print chapter headings as plain lines (`第六章　期间、送达`, `第一分编 通则`).
const HEADING_PLAIN = new RegExp(`^第${NUM}(?:分编|编|章|节)\\s+\\S`);
const INFO_END = /^<!--\s*INFO END\s*-->$/;

const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

function failure(line: number, message: string): SanxiangError {
  return sanxiangError("IMPORT_INVALID", `法规文本第 ${line} 行：${message}`, { details: { line } });
}

interface Position {
  part?: string;
  chapter?: string;
  section?: string;
}

function applyHeading(pos: Position, heading: string): void {
  if (/^第\S+?分编/.test(heading)) {
    // A sub-part (分编) of a code: kept with its part so citations stay readable.
    pos.part = `${(pos.part ?? "").split(" / ")[0] ?? ""} / ${heading}`.replace(/^ \/ /, "");
    delete pos.chapter;
    delete pos.section;
  } else if (/^第\S+?编/.test(heading)) {
    pos.part = heading;
    delete pos.chapter;
    delete pos.section;
  } else if (/^第\S+?节/.test(heading)) {
    pos.section = heading;
  } else {
    pos.chapter = heading;
    delete pos.section;
  }
}

/**
 * 导入法规文本 — reads a statute in the markdown of the reference folder (and of the
 * `LawRefBook/Laws` repository): a `# title` line, history lines up to `<!-- INFO END -->`,
 * `##`… headings for 编 / 章 / 节, then articles starting `第X条 `; the lines after an article
 * until the next one are its paragraphs (款), and lines starting （一）（二）… are the items
 * (项) of the paragraph before them. Pure: the caller reads the file.
 *
 * Refuses (`IMPORT_INVALID`, naming the line) text before the first article, items out of
 * order, articles out of sequence (gaps are allowed only for a `partial` text), and a title
 * that contradicts `meta.title`.
 */
export function importLawMarkdown(text: string, meta: LawMarkdownMeta): Result<Law, SanxiangError> {
  const metaChecked = LawMarkdownMetaSchema.safeParse(meta);
  if (!metaChecked.success) {
    return err(
      sanxiangError("INVALID_INPUT", `法规元数据无效：${metaChecked.error.issues.map((i) => i.message).join("；")}`, {
        details: { issues: metaChecked.error.issues },
      }),
    );
  }
  // Zero-width characters (U+200B–U+200D, U+FEFF) appear in copied texts; they carry nothing.
  const lines = text.replace(/[\u200B-\u200D\uFEFF]/g, "").split(/\r?\n/);
  let i = 0;
  while (i < lines.length && (lines[i] ?? "").trim() === "") i++;
  const titleLine = HEADING_MD.exec((lines[i] ?? "").trim());
  if (titleLine === null || !(lines[i] ?? "").trim().startsWith("# ")) {
    return err(failure(i + 1, "应以「# 法规名称」开头"));
  }
  const title = squash(titleLine[1] ?? "");
  if (metaChecked.data.title !== undefined && metaChecked.data.title !== title) {
    return err(failure(i + 1, `标题「${title}」与元数据「${metaChecked.data.title}」不一致`));
  }
  i++;

  const hasInfoEnd = lines.some((l) => INFO_END.test(l.trim()));
  const history: string[] = [];
  for (; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (INFO_END.test(line)) {
      i++;
      break;
    }
    if (!hasInfoEnd && (HEADING_MD.test(line) || ARTICLE_START.test(line))) break;
    if (line !== "" && !line.startsWith("<!--")) history.push(squash(line));
  }

  const pos: Position = {};
  const articles: Article[] = [];
  let current: { number: number; where: Position; paragraphs: { text: string; items: string[] }[] } | undefined;
  const finish = () => {
    if (current === undefined) return;
    const paragraphs: Paragraph[] = current.paragraphs.map((p) => ({ text: p.text, items: p.items }));
    articles.push({ number: current.number, ...current.where, paragraphs });
    current = undefined;
  };

  for (; i < lines.length; i++) {
    const lineNo = i + 1;
    const line = (lines[i] ?? "").trim();
    if (line === "" || line.startsWith("<!--")) continue;
    const md = HEADING_MD.exec(line);
    if (md !== null || HEADING_PLAIN.test(line)) {
      finish();
      applyHeading(pos, squash(md === null ? line : (md[1] ?? "")));
      continue;
    }
    const art = ARTICLE_START.exec(line);
    if (art !== null) {
      if (art[2] !== undefined) return err(failure(lineNo, `暂不支持「第${art[1]}条${art[2]}」形式的条文`));
      const number = parseChineseNumeral(art[1] ?? "");
      if (number === undefined) return err(failure(lineNo, `条号「${art[1]}」不是有效数字`));
      const previous = current?.number ?? articles.at(-1)?.number;
      const partial = metaChecked.data.partial === true;
      if (previous === undefined ? !partial && number !== 1 : partial ? number <= previous : number !== previous + 1) {
        return err(failure(lineNo, `第${art[1]}条的条号不连续（上一条为第 ${previous ?? 0} 条）`));
      }
      finish();
      current = { number, where: { ...pos }, paragraphs: [{ text: squash(art[3] ?? ""), items: [] }] };
      continue;
    }
    if (current === undefined) return err(failure(lineNo, `条文之外的文字：「${line.slice(0, 20)}」`));
    const item = ITEM_START.exec(line);
    const paragraph = current.paragraphs.at(-1);
    if (item !== null && paragraph !== undefined) {
      const n = parseChineseNumeral(item[1] ?? "");
      if (n !== paragraph.items.length + 1) {
        return err(
          failure(lineNo, `第${current.number}条的项号（${item[1]}）顺序不对，应为第 ${paragraph.items.length + 1} 项`),
        );
      }
      paragraph.items.push(squash(item[2] ?? ""));
    } else {
      current.paragraphs.push({ text: squash(line), items: [] });
    }
  }
  finish();
  if (articles.length === 0) return err(failure(lines.length, "未找到任何条文（第X条）"));

  const numbers = articles.map((a) => a.number);
  const declared = metaChecked.data.includedArticles;
  if (metaChecked.data.partial === true && declared !== undefined && declared.join(",") !== numbers.join(",")) {
    return err(failure(1, `节选条文（${numbers.join("、")}）与元数据所列（${declared.join("、")}）不一致`));
  }
  const { title: _title, shortTitle, ...rest } = metaChecked.data;
  const law = LawSchema.safeParse({
    ...rest,
    title,
    shortTitle: shortTitle ?? shortTitleOf(title),
    history,
    articles,
    ...(rest.partial ? { includedArticles: numbers } : {}),
  });
  if (!law.success) {
    return err(
      sanxiangError("INVALID_INPUT", `法规数据无效：${law.error.issues.map((x) => x.message).join("；")}`, {
        details: { issues: law.error.issues },
      }),
    );
  }
  return ok(law.data);
}
