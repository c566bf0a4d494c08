// The search tokenizer. MiniSearch splits on spaces and punctuation, which leaves a Chinese
// sentence as one "word"; this indexes each CJK character and each pair of adjacent CJK
// characters (so a query of two or more characters matches exactly where they are adjacent),
// and runs of other letters and digits as words. The browser runs the very same function:
// its source text is copied into `assets/search.js` (see assets.ts), which is why it is one
// self-contained function with no helpers, closures or imports.

/**
 * 中文分词 — splits text into search terms: lower-cased ASCII/Unicode letter-and-digit words,
 * and for every run of CJK characters (汉字, kana, hangul) each character and each adjacent
 * pair. `"沙交罚〔2026〕12号 ABC"` → `沙, 交, 沙交, 罚, 交罚, 2026, 12, 号, abc`. The site's
 * search index is built and queried with it.
 */
export function tokenizeChinese(text: string): string[] {
  // Each term once: the index then stores presence, not frequency (cheaper to build and ship).
  const seen = new Set<string>();
  const out: string[] = [];
  const s = String(text).toLowerCase();
  let word = "";
  let prev = "";
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    const cjk =
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0x3040 && c <= 0x30ff) ||
      (c >= 0xac00 && c <= 0xd7af) ||
      (c >= 0x20000 && c <= 0x3134f);
    if (cjk) {
      if (word !== "") {
        if (!seen.has(word)) {
          seen.add(word);
          out.push(word);
        }
        word = "";
      }
      if (!seen.has(ch)) {
        seen.add(ch);
        out.push(ch);
      }
      const pair = prev + ch;
      if (prev !== "" && !seen.has(pair)) {
        seen.add(pair);
        out.push(pair);
      }
      prev = ch;
    } else if (/[\p{L}\p{N}]/u.test(ch)) {
      prev = "";
      word += ch;
    } else {
      prev = "";
      if (word !== "") {
        if (!seen.has(word)) {
          seen.add(word);
          out.push(word);
        }
        word = "";
      }
    }
  }
  if (word !== "" && !seen.has(word)) out.push(word);
  return out;
}

/** The one field each search document has, indexed with {@link tokenizeChinese}. */
export const SEARCH_FIELDS = ["text"] as const;
/** Fields each search result carries back: what the result list shows (the link is made from the id). */
export const SEARCH_STORE_FIELDS = ["title", "kind", "date"] as const;
