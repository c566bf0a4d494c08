import { z } from "zod";
import { err, ok } from "../../kernel/result.js";
import { ConfidenceSchema, chineseNumeral, parseChineseNumeral, type RuleSource } from "../../kernel/source.js";
import type { CellCodec } from "../table.js";

// Cell codecs and field schemas shared by the bodies and powers sheets (internal: not
// exported from the package root).

const LIST_SEPARATORS = /[；;\n]/;

/**
 * One entry of a list cell: trimmed, non-empty, and free of the list separators
 * (`；` `;` new line), so a list written to one cell reads back the same.
 */
export const ListTextSchema = z
  .string()
  .trim()
  .min(1)
  .refine((s) => !LIST_SEPARATORS.test(s), { message: "不得包含分隔符（；或换行）" });

/** Non-empty trimmed text. */
export const TextSchema = z.string().trim().min(1);

const CONFIDENCE = new Set<string>(ConfidenceSchema.options);

function formatRef(s: RuleSource): string {
  let out = `《${s.law}》`;
  if (s.article !== undefined) out += `第${chineseNumeral(s.article)}条`;
  if (s.paragraph !== undefined) out += `第${chineseNumeral(s.paragraph)}款`;
  if (s.item !== undefined) out += `第（${chineseNumeral(s.item)}）项`;
  if (s.section !== undefined) out += ` ${s.section}`;
  if (s.confidence !== undefined) out += ` [${s.confidence}]`;
  if (s.url !== undefined) out += ` <${s.url}>`;
  return out;
}

const NUM = "[零〇一二三四五六七八九十百千两0-9０-９]+";
const BODY = new RegExp(`^(?:第(${NUM})条)?(?:第(${NUM})款)?(?:第[（(]?(${NUM})[）)]?项)?(?:\\s*(.+))?$`);
const BARE = new RegExp(`^(.+?)(第${NUM}条.*)$`);

function num(text: string | undefined): number | undefined | null {
  if (text === undefined) return undefined;
  return parseChineseNumeral(text) ?? null;
}

/**
 * 法律依据单元格 — a {@link RuleSource} written as people cite it:
 * `《律师法》第五十二条第一款`, `《行政处罚法》第六十四条第（一）项`, `律师法第55条`;
 * a document without articles as `《国办发〔2018〕118号》 四（三）`. An optional
 * ` [C-law]` carries the confidence and ` <https://…>` the address, so export round-trips.
 */
export const sourceCell: CellCodec<RuleSource> = {
  parse: (t) => {
    let rest = t.trim();
    let url: string | undefined;
    let confidence: string | undefined;
    const u = /\s*<([^<>]+)>$/.exec(rest);
    if (u !== null) {
      url = u[1];
      rest = rest.slice(0, u.index).trim();
    }
    const c = /\s*\[([A-Za-z-]+)\]$/.exec(rest);
    if (c !== null) {
      confidence = c[1];
      if (confidence === undefined || !CONFIDENCE.has(confidence)) return err(`未知的确认级别：${c[1]}`);
      rest = rest.slice(0, c.index).trim();
    }
    let law: string | undefined;
    let tail: string;
    if (rest.startsWith("《")) {
      const end = rest.indexOf("》");
      if (end < 0) return err(`书名号不完整：${t}`);
      law = rest.slice(1, end).trim();
      tail = rest.slice(end + 1).trim();
    } else {
      const m = BARE.exec(rest);
      law = m?.[1]?.trim();
      tail = m?.[2] ?? "";
    }
    if (law === undefined || law === "") return err(`应为「《法律名称》第N条（第N款）（第（N）项）」：${t}`);
    const m = BODY.exec(tail);
    if (m === null) return err(`无法识别的条款：${t}`);
    const article = num(m[1]);
    const paragraph = num(m[2]);
    const item = num(m[3]);
    if (article === null || paragraph === null || item === null) return err(`条款序号无效：${t}`);
    const section = m[4]?.trim();
    const source: RuleSource = {
      law,
      ...(article === undefined ? {} : { article }),
      ...(paragraph === undefined ? {} : { paragraph }),
      ...(item === undefined ? {} : { item }),
      ...(section === undefined || section === "" ? {} : { section }),
      ...(confidence === undefined ? {} : { confidence: confidence as RuleSource["confidence"] & string }),
      ...(url === undefined ? {} : { url }),
    };
    return ok(source);
  },
  format: formatRef,
};

/**
 * 百分比单元格 — a proportion written as people write it (`5%`, `0.5%`, `5`) ↔ basis points
 * (500, 50, 500); at most two decimals.
 */
export const percentCell: CellCodec<number> = {
  parse: (t) => {
    const m = /^(\d{1,3})(?:\.(\d{1,2}))?\s*[%％]?$/.exec(t.trim());
    if (m === null) return err(`应为百分比（如 5%）：${t}`);
    const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
    return bp > 10_000 ? err(`比例不得超过 100%：${t}`) : ok(bp);
  },
  format: (bp) => {
    const whole = Math.trunc(bp / 100);
    const frac = bp % 100;
    return frac === 0 ? `${whole}%` : `${whole}.${String(frac).padStart(2, "0").replace(/0$/, "")}%`;
  },
};
