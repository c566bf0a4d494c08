// 检索 — the search page with its filters (范围, 年份), and the home page's search box. The
// filters' choices come from the build (the categories and years the site holds), checked
// against known values and escaped; `assets/search.js` reads them back from the form.
import { ACTION_CATEGORIES, ACTION_CATEGORY_NAMES, type ActionCategory, DISCLOSURE_PHASE_NAMES } from "@sanxiang/core";
import { escapeHtml as t } from "../escape.js";
import { type BucketKey, bucketParts, rel } from "../paths.js";
import { type GlobalView, page } from "./layout.js";

const SEARCH_PAGE = "search/index.html";
const QUERY_INPUT = `<label for="q">检索公示信息</label> <input id="q" name="q" type="search" placeholder="文号、当事人、事项名称……" autocomplete="off"> <button type="submit">检索</button>`;

/** The search box of the home page: a plain GET form to the search page (`?q=`). */
export const searchForm = (path: string): string =>
  `<form class="search" role="search" action="${t(rel(path, SEARCH_PAGE))}" method="get">${QUERY_INPUT}</form>`;

/** 检索筛选项 — the choices of the search page's filters, derived from the site's buckets. */
export interface SearchFilters {
  /** 执法类别 with at least one published decision, in {@link ACTION_CATEGORIES} order. */
  readonly categories: readonly ActionCategory[];
  /** Years (`YYYY`) with at least one dated bucket (事中公示 or 事后公开), newest first. */
  readonly years: readonly string[];
}

const KNOWN_CATEGORIES: ReadonlySet<string> = new Set(ACTION_CATEGORIES);
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * The filter choices of a site holding the buckets `keys`: the categories and years present.
 * Only known categories (core's `ACTION_CATEGORIES`) and well-formed months count: a key that
 * is anything else contributes nothing, so no value from data becomes an option by itself.
 */
export function searchFilters(keys: Iterable<BucketKey>): SearchFilters {
  const categories = new Set<string>();
  const years = new Set<string>();
  for (const key of keys) {
    const b = bucketParts(key);
    if (b.phase === "before") continue;
    const year = MONTH.exec(b.month)?.[1];
    if (b.phase === "after" && !KNOWN_CATEGORIES.has(b.category)) continue;
    if (year === undefined) continue;
    years.add(year);
    if (b.phase === "after") categories.add(b.category);
  }
  return {
    categories: ACTION_CATEGORIES.filter((c) => categories.has(c)),
    years: [...years].sort().reverse(),
  };
}

const option = (value: string, label: string): string => `<option value="${t(value)}">${t(label)}</option>`;

/** The 范围 and 年份 selects, with the hint on what a year selects. */
function filterControls(f: SearchFilters): string {
  const categories =
    f.categories.length === 0
      ? ""
      : `<optgroup label="${t(`${DISCLOSURE_PHASE_NAMES.after} · 执法类别`)}">${f.categories
          .map((c) => option(c, `${ACTION_CATEGORY_NAMES[c]}决定`))
          .join("")}</optgroup>`;
  const scope = `${option("", "全部")}${option("before", DISCLOSURE_PHASE_NAMES.before)}${option("during", DISCLOSURE_PHASE_NAMES.during)}${option("after", `${DISCLOSURE_PHASE_NAMES.after}（全部类别）`)}${categories}`;
  const years = `${option("", "全部")}${f.years.map((y) => option(y, `${y}年`)).join("")}`;
  return `<div class="filters"><label for="scope">范围</label> <select id="scope" name="scope" aria-describedby="filter-hint">${scope}</select> <label for="year">年份</label> <select id="year" name="year" aria-describedby="filter-hint">${years}</select></div><p id="filter-hint" class="meta">年份按执法行为、执法决定的日期筛选；事前公开的信息不分年份，选定年份时不含在内。检索从最新的公示信息开始。</p>`;
}

/**
 * 检索 — the search page: the query box, the 范围 / 年份 filters (a GET form, so
 * `?q=&scope=&year=` links can be shared), a live status line, the result list and the
 * "continue with older items" button that `assets/search.js` shows when a selection is
 * searched in batches.
 */
export function renderSearchPage(v: GlobalView): string {
  const path = SEARCH_PAGE;
  const body = `<form class="search" role="search" action="${t(rel(path, SEARCH_PAGE))}" method="get"><div class="query">${QUERY_INPUT}</div>${filterControls(searchFilters(v.buckets.keys()))}</form>
<p id="search-status" role="status" aria-live="polite" tabindex="-1"></p>
<ol id="search-results" class="results"></ol>
<p class="more"><button type="button" id="search-more" hidden>继续检索更早的公示信息</button></p>
<noscript><p>检索需要启用 JavaScript；也可按<a href="${t(rel(path, "index.html"))}">公示类别</a>浏览。</p></noscript>`;
  return page({ path, title: "检索", site: v.site, body, scripts: ["assets/minisearch.js", "assets/search.js"] });
}
