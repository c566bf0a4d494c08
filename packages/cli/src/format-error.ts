// 错误输出 — the one place the CLI turns a coded `SanxiangError` into the line the operator reads:
// `错误 [CODE] message（依据：source）`. Core's refusals often cite their rule inside the message
// already (`…（依据：《行政处罚法》第三十四条）`), and a refusal built on another one carries its
// citation along: the rule is named once, wherever it first appears.
import { formatSource, type SanxiangError } from "@sanxiang/core";
import { type Lang, t } from "./i18n.js";

const OPEN = "（依据：";

/**
 * Every `（依据：…）` segment of a text, with its position: the parentheses are balanced, so a
 * citation holding an item number (`第（一）项`) is one segment.
 */
function citationSegments(text: string): { start: number; end: number; text: string }[] {
  const found: { start: number; end: number; text: string }[] = [];
  let from = 0;
  for (;;) {
    const start = text.indexOf(OPEN, from);
    if (start < 0) return found;
    let depth = 0;
    let end = -1;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === "（") depth++;
      else if (c === "）" && --depth === 0) {
        end = i + 1;
        break;
      }
    }
    if (end < 0) return found;
    found.push({ start, end, text: text.slice(start, end) });
    from = end;
  }
}

/** The text with each `（依据：…）` segment after the first identical one removed. */
export function withoutRepeatedCitations(text: string): string {
  const seen = new Set<string>();
  let out = "";
  let at = 0;
  for (const s of citationSegments(text)) {
    out += text.slice(at, s.start);
    if (!seen.has(s.text)) out += s.text;
    seen.add(s.text);
    at = s.end;
  }
  return out + text.slice(at);
}

/**
 * The citation a refusal's message still lacks: `（依据：…）` (` (source: …)` in English) of its
 * `source`, or nothing when there is none or the message already names it.
 */
export function citationSuffix(lang: Lang, e: SanxiangError): string {
  if (e.source === undefined) return "";
  const cited = formatSource(e.source);
  if (e.message.includes(cited)) return "";
  return t(lang, `（依据：${cited}）`, ` (source: ${cited})`);
}

/** A refusal's message with its rule cited exactly once (the demo's and the CLI's wording). */
export function messageWithCitation(lang: Lang, e: SanxiangError): string {
  return withoutRepeatedCitations(`${e.message}${citationSuffix(lang, e)}`);
}

/** Formats a coded error for the terminal, with the rule's source once when there is one. */
export function formatError(lang: Lang, e: SanxiangError): string {
  return `${t(lang, "错误", "error")} [${e.code}] ${messageWithCitation(lang, e)}\n`;
}
