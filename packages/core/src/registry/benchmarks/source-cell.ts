import { err, ok } from "../../kernel/result.js";
import { chineseNumeral, parseChineseNumeral, type RuleSource, RuleSourceSchema } from "../../kernel/source.js";
import type { CellCodec } from "../table.js";

// A legal source in one spreadsheet cell, as officers write it:
//   《价格违法行为行政处罚规定》第七条
//   《行政处罚法》第三十二条第一款第（一）项［C-law］
//   《国办发〔2022〕27号》 四（三）［M］<https://…>
// The title is always in 《》 so that documents without articles read back unambiguously.

const N = "([〇零一二两三四五六七八九十百千\\d]+)";
const SOURCE_RE = new RegExp(
  `^《([^》]+)》(?:第${N}条)?(?:第${N}款)?(?:第（${N}）项)?(?:\\s+([^［<]+?))?\\s*(?:［(C-law|C-local|C|M|VAR)］)?\\s*(?:<([^>]+)>)?$`,
);

/** Writes a source as one cell: `《行政处罚法》第三十二条第一款第（一）项［C-law］`. */
export function formatSourceCell(s: RuleSource): string {
  let out = `《${s.law}》`;
  if (s.article !== undefined) out += `第${chineseNumeral(s.article)}条`;
  if (s.paragraph !== undefined) out += `第${chineseNumeral(s.paragraph)}款`;
  if (s.item !== undefined) out += `第（${chineseNumeral(s.item)}）项`;
  if (s.section !== undefined) out += ` ${s.section}`;
  if (s.confidence !== undefined) out += `［${s.confidence}］`;
  if (s.url !== undefined) out += `<${s.url}>`;
  return out;
}

/** 法律依据单元格 — a {@link RuleSource} in one cell (see {@link formatSourceCell}); round-trips. */
export const sourceCell: CellCodec<RuleSource> = {
  parse(text) {
    const m = SOURCE_RE.exec(text.trim());
    if (m === null) return err(`无法识别的法律依据（应如《行政处罚法》第三十二条第一款）：${text}`);
    const [, law, article, paragraph, item, section, confidence, url] = m;
    const num = (t: string | undefined) => (t === undefined ? undefined : parseChineseNumeral(t));
    const parts = { article: num(article), paragraph: num(paragraph), item: num(item) };
    for (const [k, v] of Object.entries(parts)) {
      const raw = k === "article" ? article : k === "paragraph" ? paragraph : item;
      if (raw !== undefined && v === undefined) return err(`条款序号无法识别：${raw}`);
    }
    const candidate = {
      law,
      ...(parts.article === undefined ? {} : { article: parts.article }),
      ...(parts.paragraph === undefined ? {} : { paragraph: parts.paragraph }),
      ...(parts.item === undefined ? {} : { item: parts.item }),
      ...(section === undefined ? {} : { section: section.trim() }),
      ...(confidence === undefined ? {} : { confidence }),
      ...(url === undefined ? {} : { url }),
    };
    const checked = RuleSourceSchema.safeParse(candidate);
    return checked.success ? ok(checked.data) : err(`法律依据无效：${text}`);
  },
  format: formatSourceCell,
};
