// typedoc plugin: Chinese terms in doc comments are findable in the reference's search.
//
// typedoc builds its search index with lunr: text is split on whitespace and hyphens, then
// every token goes through lunr's trimmer, which strips non-word characters (`\W`) from both
// ends. Every CJK character is `\W`, so a comment token such as `法定期限（deadline）`
// becomes `deadline` and `办理期限` disappears altogether: 期限, 公示, 法制审核 found nothing.
//
// Two changes, both at index time (the page's search script is typedoc's own, unchanged):
// - the trimmer typedoc adds to the index pipeline strips only what is neither a letter nor
//   a digit in any script (`\p{L}`, `\p{N}`), so Chinese tokens keep their characters (ASCII
//   tokens trim exactly as before);
// - a `cjk` search field holds, for each indexed reflection, every run of Chinese characters
//   of its comment (split at punctuation) and the two-character words (bigrams) of each run,
//   so a query matches a word inside a long sentence as a whole term, not only by wildcard.
// typedoc's search box wraps each query word in `*…*`, so 期限 finds every comment that
// contains it.
import { createRequire } from "node:module";
import { IndexEvent, Renderer } from "typedoc";

/** A run of Han characters (and the iteration mark 々 / 〇). */
const HAN_RUN = /[\p{Script=Han}々〇]+/gu;
const EDGE = /^[^\p{L}\p{N}_]+|[^\p{L}\p{N}_]+$/gu;

/** The trimmer lunr applies at index time, Unicode-aware. */
function unicodeTrimmer(token) {
  return token.update((s) => s.replace(EDGE, ""));
}

/** Chinese runs of `text` and their bigrams, space-separated (one lunr token each). */
export function cjkTerms(text) {
  const terms = new Set();
  for (const [run] of text.matchAll(HAN_RUN)) {
    const chars = [...run];
    if (chars.length === 1) {
      terms.add(run);
      continue;
    }
    terms.add(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(chars[i] + chars[i + 1]);
  }
  return [...terms].join(" ");
}

/** The text typedoc indexes as a reflection's comment (summary and block tags, signatures). */
function commentText(reflection) {
  const comments = [];
  if (reflection.comment) comments.push(reflection.comment);
  if (reflection.isDeclaration?.()) {
    for (const s of reflection.signatures ?? []) if (s.comment) comments.push(s.comment);
    if (reflection.getSignature?.comment) comments.push(reflection.getSignature.comment);
    if (reflection.setSignature?.comment) comments.push(reflection.setSignature.comment);
  }
  return comments
    .flatMap((c) => [...c.summary, ...c.blockTags.flatMap((t) => t.content)])
    .map((part) => part.text)
    .join("\n");
}

/** @param {import("typedoc").Application} app */
export function load(app) {
  // typedoc's own copy of lunr (the one its index builder uses).
  const lunr = createRequire(import.meta.resolve("typedoc"))("lunr");
  lunr.Pipeline.registerFunction(unicodeTrimmer, "sanxiangUnicodeTrimmer");
  lunr.trimmer = unicodeTrimmer;

  app.renderer.on(IndexEvent.PREPARE_INDEX, (event) => {
    event.searchFieldWeights.cjk = 1;
    event.searchResults.forEach((reflection, i) => {
      const terms = cjkTerms(commentText(reflection));
      if (terms) event.searchFields[i] = { ...event.searchFields[i], cjk: terms };
    });
  });

  // The renderer's index plugin reads `lunr.trimmer` when it builds; check it is ours then.
  app.renderer.on(Renderer.EVENT_END, () => {
    if (lunr.trimmer !== unicodeTrimmer) {
      app.logger.warn("typedoc-cjk-search: lunr's trimmer was replaced; Chinese search terms are not indexed");
    }
  });
}
