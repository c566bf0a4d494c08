// typedoc plugin: the guides' links to headings work in the reference as they do on GitHub.
//
// The guides (docs/*.md, the READMEs) link to headings by GitHub's anchors, and
// test/docs-links.test.ts holds them to GitHub's slugs. typedoc slugs a heading differently
// when it holds a code span: it leaves the code out and folds the first run of hyphens, so
// `## Evidence ingest — \`test/bench/evidence-ingest.ts\`` is `#evidence-ingest-` for typedoc
// but `#evidence-ingest--testbenchevidence-ingestts` on GitHub, and every link to it fails
// typedoc's anchor check. Each heading whose GitHub anchor differs from typedoc's also gets
// GitHub's anchor (an empty `<a id>` before it), registered with the page so the check knows it.
import { Application, PageEvent } from "typedoc";

/** GitHub's heading anchor (github-slugger), as test/docs-links.test.ts computes it. */
export function githubSlug(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

const escapeAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** @param {import("typedoc").Application} app */
export function load(app) {
  let page;
  /** GitHub's own count of repeated slugs, per page. */
  let counts = new Map();
  app.renderer.on(PageEvent.BEGIN, (event) => {
    page = event.model;
    counts = new Map();
  });

  app.on(Application.EVENT_BOOTSTRAP_END, () => {
    const previous = app.options.getValue("markdownItLoader");
    app.options.setValue("markdownItLoader", (parser) => {
      previous(parser);
      const render =
        parser.renderer.rules.heading_open ??
        ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
      // typedoc sets its own id on the token, then calls this rule to render the tag.
      parser.renderer.rules.heading_open = (tokens, idx, options, env, self) => {
        const html = render(tokens, idx, options, env, self);
        const inline = tokens[idx + 1];
        if (page === undefined || inline === undefined) return html;
        const words = (inline.children ?? [])
          .filter((t) => t.type === "text" || t.type === "code_inline")
          .map((t) => t.content)
          .join("");
        const base = githubSlug(words);
        const n = counts.get(base) ?? 0;
        counts.set(base, n + 1);
        const slug = n === 0 ? base : `${base}-${n}`;
        if (slug === "" || slug === tokens[idx].attrGet("id")) return html;
        const slugger = app.renderer.router?.getSlugger(page);
        if (slugger === undefined || slugger.hasAnchor(slug)) return html;
        slugger.seen.set(slug, 0);
        return `<a id="${escapeAttr(slug)}"></a>${html}`;
      };
    });
  });
}
