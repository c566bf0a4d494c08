import type { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { type DocumentSection, type Law, LawSchema } from "./schema.js";

/**
 * 文件元数据 — what {@link importDocumentText} needs beside the text: everything of a
 * {@link Law} except its sections and articles.
 */
export const DocumentMetaSchema = LawSchema.omit({ articles: true, sections: true });
/** 文件元数据 (see {@link DocumentMetaSchema}). */
export type DocumentMeta = z.input<typeof DocumentMetaSchema>;

const CN = "[一二三四五六七八九十]+";
// The numbering of Chinese official documents (党政机关公文格式 GB/T 9704): 一、 → （一） → 1. → （1）.
const LEVELS: readonly { readonly re: RegExp; readonly depth: number; readonly wrap: (n: string) => string }[] = [
  { re: new RegExp(`^(${CN})、\\s*(.*)$`), depth: 0, wrap: (n) => n },
  { re: new RegExp(`^[（(](${CN})[）)]\\s*(.*)$`), depth: 1, wrap: (n) => `（${n}）` },
  { re: /^([0-9０-９]+)[.．、]\s*(.*)$/, depth: 2, wrap: (n) => `${n}.` },
  { re: /^[（(]([0-9０-９]+)[）)]\s*(.*)$/, depth: 3, wrap: (n) => `（${n}）` },
];

const toAscii = (s: string): string => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/**
 * 导入文件章节 — reads the numbered sections of a document without articles (a plan, a
 * notice) from its plain text: headings numbered 一、 / （一） / 1. / （1） become sections
 * labelled by their path as sources cite them (`二`, `二（三）`, `二（三）（3）`), each with its
 * heading (the text up to the first 。). Refuses (`IMPORT_INVALID`) a text with no numbered
 * section, or the same label twice.
 */
export function importDocumentText(text: string, meta: DocumentMeta): Result<Law, SanxiangError> {
  const path: (string | undefined)[] = [];
  const sections: DocumentSection[] = [];
  const seen = new Set<string>();
  for (const raw of text.replace(/^\uFEFF/, "").split(/\r?\n/)) {
    const line = raw.trim();
    const level = LEVELS.find((l) => l.re.test(line));
    if (level === undefined) continue;
    const m = level.re.exec(line);
    if (m === null) continue;
    path[level.depth] = level.wrap(toAscii(m[1] ?? ""));
    path.length = level.depth + 1;
    const label = path.filter((p) => p !== undefined).join("");
    if (seen.has(label)) {
      return err(sanxiangError("IMPORT_INVALID", `文件章节「${label}」重复`, { details: { label } }));
    }
    seen.add(label);
    const heading = (m[2] ?? "").split("。")[0]?.trim() ?? "";
    sections.push({ label, heading: heading === "" ? label : heading });
  }
  if (sections.length === 0) {
    return err(sanxiangError("IMPORT_INVALID", "文件中没有编号的章节（一、（一）1.（1））", { details: {} }));
  }
  const law = LawSchema.safeParse({ ...meta, sections });
  if (!law.success) {
    return err(
      sanxiangError("INVALID_INPUT", `文件元数据无效：${law.error.issues.map((x) => x.message).join("；")}`, {
        details: { issues: law.error.issues },
      }),
    );
  }
  return ok(law.data);
}
