// The frame every page shares (head with CSP, header, navigation, footer), the facts the
// global pages are made of, and the bucket names and breadcrumbs. Every value goes through
// `t()` (escapeHtml); pages carry no inline script, style or event handler, and a CSP that
// forbids them, so even a missed escape could not run script.
import {
  ACTION_CATEGORY_NAMES,
  DISCLOSURE_KIND_NAMES,
  DISCLOSURE_PHASE_NAMES,
  type DisclosureKind,
  type DisclosurePhase,
  TERMS,
} from "@sanxiang/core";
import { normalizeBaseUrl, type SiteConfig } from "../config.js";
import { escapeHtml as t } from "../escape.js";
import { type BucketKey, bucketParts, monthLabel, rel } from "../paths.js";

/** The Content-Security-Policy of every page: only the site's own files, nothing inline. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'";

/** One entry of the "latest" lists (home page, feeds): what is needed without the item. */
export interface TopEntry {
  readonly id: string;
  readonly kind: DisclosureKind;
  readonly phase: DisclosurePhase;
  readonly title: string;
  readonly bodyName: string;
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly path: string;
  readonly summary: string;
  readonly date?: string;
}

/** Bucket facts the global pages need. */
export interface BucketSummary {
  readonly count: number;
  /** Latest `updatedAt` in the bucket. */
  readonly newest: string;
}

interface PageInput {
  readonly path: string;
  readonly title: string;
  readonly site: SiteConfig;
  readonly body: string;
  readonly crumbs?: readonly (readonly [string, string])[];
  readonly scripts?: readonly string[];
  /** Link prefix instead of the relative one (the 404 page is served at any depth). */
  readonly root?: string;
}

/** The page of each phase (事前公开, 事中公示, 事后公开). */
export const PHASE_PATHS: Readonly<Record<DisclosurePhase, string>> = {
  before: "before/index.html",
  during: "during/index.html",
  after: "after/index.html",
};

/**
 * Escapes a heading and keeps each short bracketed group (（示例）, （虚构）, 〔2026〕) on one
 * line: a phone never breaks a title inside its brackets.
 */
export function keepBrackets(text: string): string {
  return text
    .split(/([（(〔【][^（）()〔〕【】]{1,12}[）)〕】])/u)
    .map((part, i) => (i % 2 === 1 ? `<span class="nw">${t(part)}</span>` : t(part)))
    .join("");
}

/** The common frame of every page: head with CSP, skip link, header, navigation, main, footer. */
export function page(p: PageInput): string {
  const r = (to: string) => t(p.root === undefined ? rel(p.path, to) : p.root + to);
  const crumbs =
    p.crumbs === undefined || p.crumbs.length === 0
      ? ""
      : `<nav class="crumbs" aria-label="当前位置"><ol><li><a href="${r("index.html")}">首页</a></li>${p.crumbs
          .map(([label, to]) => `<li><a href="${r(to)}">${t(label)}</a></li>`)
          .join("")}<li aria-current="page">${t(p.title)}</li></ol></nav>`;
  const scripts = (p.scripts ?? []).map((s) => `<script src="${r(s)}" defer></script>`).join("");
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${t(CONTENT_SECURITY_POLICY)}">
<title>${t(p.title)} - ${t(p.site.title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${r("assets/site.css")}">
<link rel="alternate" type="application/atom+xml" href="${r("atom.xml")}" title="${t(p.site.title)}（Atom）">
<link rel="alternate" type="application/feed+json" href="${r("feed.json")}" title="${t(p.site.title)}（JSON Feed）">
${scripts}</head>
<body>
<a class="skip" href="#main">跳到主要内容</a>
<header class="site"><p class="site-title"><a href="${r("index.html")}">${keepBrackets(p.site.title)}</a></p><p class="bureau">${keepBrackets(p.site.bureauName)}</p></header>
<nav class="main-nav" aria-label="主导航"><ul><li><a href="${r("index.html")}">首页</a></li><li><a href="${r(PHASE_PATHS.before)}">事前公开</a></li><li><a href="${r(PHASE_PATHS.during)}">事中公示</a></li><li><a href="${r(PHASE_PATHS.after)}">事后公开</a></li><li><a href="${r("search/index.html")}">检索</a></li></ul></nav>
<main id="main" tabindex="-1">
${crumbs}<h1>${keepBrackets(p.title)}</h1>
${p.body}
</main>
<footer class="site"><p>${TERMS.siteOwner}：${t(p.site.bureauName)}</p><p>${TERMS.subscribe}：<a href="${r("feed.json")}">JSON Feed</a> · <a href="${r("atom.xml")}">Atom</a> · <a href="${r("sitemap.xml")}">网站地图</a></p></footer>
</body>
</html>
`;
}

/** The category label of a bucket, for breadcrumbs. */
export function crumbsOfBucket(key: BucketKey): [string, string][] {
  const b = bucketParts(key);
  if (b.phase === "before") return [[DISCLOSURE_PHASE_NAMES.before, PHASE_PATHS.before]];
  if (b.phase === "during") return [[DISCLOSURE_PHASE_NAMES.during, PHASE_PATHS.during]];
  return [
    [DISCLOSURE_PHASE_NAMES.after, PHASE_PATHS.after],
    [ACTION_CATEGORY_NAMES[b.category], `after/${b.category}/index.html`],
  ];
}

/** The name of a bucket's list page. */
export function bucketTitle(key: BucketKey): string {
  const b = bucketParts(key);
  if (b.phase === "before") return DISCLOSURE_KIND_NAMES[b.kind];
  if (b.phase === "during") return `${monthLabel(b.month)}执法行为`;
  return `${monthLabel(b.month)}${ACTION_CATEGORY_NAMES[b.category]}决定`;
}

/** The data the global pages are made of. */
export interface GlobalView {
  readonly site: SiteConfig;
  readonly buckets: ReadonlyMap<BucketKey, BucketSummary>;
  /** Latest decisions (newest first), for the home page. */
  readonly latestDecisions: readonly TopEntry[];
}

/** 页面不存在 — the 404 page (also what an expired item's URL leads to). */
export function renderNotFound(site: SiteConfig): string {
  // Served for any missing path, so links start from the site's own root path.
  const root = new URL(normalizeBaseUrl(site.baseUrl)).pathname;
  const body = `<p>您访问的页面不存在，或该信息已超过公示期限。</p><p><a href="${t(root)}index.html">返回首页</a></p>`;
  return page({ path: "404.html", title: "页面不存在", site, body, root });
}
