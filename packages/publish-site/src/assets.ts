// The site's static assets: the style sheet, the search script, and MiniSearch's own
// browser build, copied from the installed package (the site works offline, no CDN).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { SEARCH_FIELDS, SEARCH_STORE_FIELDS, tokenizeChinese } from "./tokenize.js";

/** `assets/site.css`: readable, high-contrast, visible focus, bidi-isolated values. */
export const SITE_CSS = `:root{--fg:#1a1a1a;--muted:#4a4a4a;--bg:#fff;--brand:#8a1c1c;--link:#0b4fa8;--line:#c8ccd2;--soft:#f3f5f8}
*{box-sizing:border-box}
html{font-family:"Noto Sans CJK SC","WenQuanYi Micro Hei","Microsoft YaHei","PingFang SC",sans-serif;color:var(--fg);background:var(--bg);line-height:1.7}
body{margin:0}
a{color:var(--link)}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #c25e00;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;color:var(--link);padding:.5em 1em;z-index:10}
.skip:focus{left:1em}
header.site{background:var(--brand);color:#fff;padding:1em 1.5em}
header.site a{color:#fff;text-decoration:none}
.site-title{font-size:1.5em;font-weight:bold;margin:0}
.bureau{margin:.2em 0 0}
.main-nav{background:var(--soft);border-bottom:1px solid var(--line)}
.main-nav ul{list-style:none;margin:0;padding:0 1.5em;display:flex;flex-wrap:wrap;gap:.4em 1.5em}
.main-nav a{display:inline-block;padding:.6em 0}
main{max-width:72em;margin:0 auto;padding:1em 1.5em 2em}
main:focus{outline:none}
.crumbs ol{list-style:none;padding:0;margin:0 0 .5em;display:flex;flex-wrap:wrap;gap:.5em;color:var(--muted)}
.crumbs li+li::before{content:"›";margin-right:.5em}
h1{font-size:1.6em;margin:.3em 0 .6em;unicode-bidi:isolate}
h2{font-size:1.25em;margin:1.4em 0 .5em;border-left:4px solid var(--brand);padding-left:.5em}
.phases{display:grid;grid-template-columns:repeat(auto-fit,minmax(16em,1fr));gap:1em}
.phases section{border:1px solid var(--line);border-radius:6px;padding:0 1em 1em}
.fields{display:grid;grid-template-columns:10em 1fr;gap:0;border-top:1px solid var(--line)}
.fields>div{display:contents}
.fields dt,.fields dd{margin:0;padding:.5em .75em;border-bottom:1px solid var(--line)}
.fields dt{background:var(--soft);font-weight:bold}
.fields dd{unicode-bidi:isolate;overflow-wrap:break-word}
.fields ul,.fields ol{margin:0;padding-left:1.2em}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%}
caption{text-align:left;font-weight:bold;padding:.3em 0}
th,td{border:1px solid var(--line);padding:.4em .6em;text-align:left;vertical-align:top;unicode-bidi:isolate;overflow-wrap:break-word}
thead th{background:var(--soft)}
li{unicode-bidi:isolate}
.meta{color:var(--muted);font-size:.9em}
.notice{background:#fff4e5;border:1px solid #b35c00;padding:.75em 1em;border-radius:4px}
.search{margin:1em 0}
.search input{font-size:1em;padding:.4em .6em;min-width:18em;border:1px solid #6b7280;border-radius:4px}
.search button{font-size:1em;padding:.4em 1.2em;background:var(--brand);color:#fff;border:0;border-radius:4px;cursor:pointer}
.search .filters{display:flex;flex-wrap:wrap;align-items:center;gap:.4em .6em;margin-top:.6em}
.search select{font-size:1em;padding:.35em .5em;border:1px solid #6b7280;border-radius:4px;background:#fff;color:var(--fg);max-width:100%}
.search .meta{margin:.4em 0 0}
.results li{margin:.4em 0}
.more button{font-size:1em;padding:.4em 1.2em;background:#fff;color:var(--brand);border:2px solid var(--brand);border-radius:4px;cursor:pointer}
.flow svg{max-width:100%;height:auto}
.nw{white-space:nowrap}
footer.site{border-top:1px solid var(--line);color:var(--muted);padding:1em 1.5em;font-size:.9em}
footer.site a{color:var(--link)}
@media (max-width:40em){
header.site{padding:.75em 1em}
.site-title{font-size:1.2em;text-wrap:balance}
.main-nav ul{padding:0 1em;gap:.2em 1em}
main{padding:.75em 1em 1.5em}
.fields{grid-template-columns:1fr}
.fields dt{border-bottom:0;padding-bottom:.2em}
.search input{min-width:0;width:100%}
.flow-drawing{display:none}
}
`;

/** Estimated bytes of one document in a serialised shard (measured: ≈ 540–630 for decisions). */
export const SHARD_BYTES_PER_DOC = 600;
/** Estimated bytes (from the documents counted in `shards.json`) one search batch may load. */
export const SEARCH_BATCH_BYTES = 2_000_000;
/** Shards (requests) one search batch may load. */
export const SEARCH_BATCH_SHARDS = 40;

/**
 * `assets/search.js`: reads the query and the 范围 / 年份 filters (from the form or
 * `?q=&scope=&year=`), selects the matching shards from `search/shards.json` by their
 * structured fields, newest first, and loads each at most once per page (cached by key). A
 * selection within {@link SEARCH_BATCH_BYTES} (estimated from the counts) and
 * {@link SEARCH_BATCH_SHARDS} is searched at once; a larger one in batches of that size, newest
 * first, the next batch only when the reader asks for it (`#search-more`). Results are written
 * with `textContent` and `setAttribute` only — no HTML from data. The form's
 * `data-batch-bytes` / `data-batch-shards` attributes, absent from built pages, lower the
 * bounds (tests).
 */
export function searchScript(): string {
  return `// 公示信息检索 — generated by @sanxiang/publish-site. Uses MiniSearch (MIT, assets/minisearch.js).
(function () {
  "use strict";
  var tokenize = ${tokenizeChinese.toString()};
  var options = {
    fields: ${JSON.stringify(SEARCH_FIELDS)},
    storeFields: ${JSON.stringify(SEARCH_STORE_FIELDS)},
    tokenize: tokenize,
    processTerm: function (t) { return t; },
    searchOptions: { combineWith: "AND", tokenize: tokenize, processTerm: function (t) { return t; } }
  };
  var MAX_SHOWN = 100;
  var BYTES_PER_DOC = ${SHARD_BYTES_PER_DOC};
  var form = document.querySelector("form.search");
  var input = document.getElementById("q");
  var scopeSelect = document.getElementById("scope");
  var yearSelect = document.getElementById("year");
  var status = document.getElementById("search-status");
  var results = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!form || !input || !status || !results) return;
  function bound(name, fallback) {
    var v = Number(form.getAttribute(name));
    return v > 0 && isFinite(v) ? Math.floor(v) : fallback;
  }
  var batchBytes = bound("data-batch-bytes", ${SEARCH_BATCH_BYTES});
  var batchShards = bound("data-batch-shards", ${SEARCH_BATCH_SHARDS});
  var list = null;
  var shards = new Map();
  function loadList() {
    if (list) return list;
    list = fetch("shards.json").then(function (r) {
      if (!r.ok) throw new Error("shards.json " + r.status);
      return r.json();
    }).then(function (json) {
      return (json && Array.isArray(json.shards) ? json.shards : []).filter(function (s) {
        return s && typeof s.key === "string" && typeof s.file === "string" && /^[A-Za-z0-9][A-Za-z0-9_.-]*\\.json$/.test(s.file);
      });
    });
    list.catch(function () { list = null; });
    return list;
  }
  function loadShard(s) {
    var cached = shards.get(s.key);
    if (cached) return cached;
    var p = fetch(s.file).then(function (r) {
      if (!r.ok) throw new Error(s.file + " " + r.status);
      return r.text();
    }).then(function (json) { return MiniSearch.loadJSON(json, options); });
    shards.set(s.key, p);
    p.catch(function () { shards.delete(s.key); });
    return p;
  }
  function matches(s, scope, year) {
    if (scope === "before" || scope === "during" || scope === "after") {
      if (s.phase !== scope) return false;
    } else if (scope !== "" && (s.phase !== "after" || s.category !== scope)) return false;
    return year === "" || (typeof s.month === "string" && s.month.slice(0, 4) === year);
  }
  // Newest first: the undated 事前公开 lists (current, and few), then by month, newest first.
  function monthOf(s) { return typeof s.month === "string" ? s.month : "9999-99"; }
  function newestFirst(a, b) {
    var ma = monthOf(a), mb = monthOf(b);
    return ma < mb ? 1 : ma > mb ? -1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
  }
  function batchesOf(selected) {
    var out = [], batch = [], bytes = 0;
    selected.forEach(function (s) {
      var b = Math.max(1, Number(s.count) || 0) * BYTES_PER_DOC;
      if (batch.length > 0 && (bytes + b > batchBytes || batch.length >= batchShards)) { out.push(batch); batch = []; bytes = 0; }
      batch.push(s);
      bytes += b;
    });
    if (batch.length > 0) out.push(batch);
    return out;
  }
  function monthLabel(m) { return m.slice(0, 4) + "年" + Number(m.slice(5, 7)) + "月"; }
  function itemHref(id) {
    // Ids are [A-Za-z0-9][A-Za-z0-9_.:-]* (core's IdSchema); anything else is not linked.
    return typeof id === "string" && /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/.test(id) ? "../item/" + id.replace(/:/g, "~") + ".html" : null;
  }
  function append(h) {
    var href = itemHref(h.id);
    if (href === null) return;
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.setAttribute("href", href);
    a.textContent = String(h.title);
    var meta = document.createElement("span");
    meta.className = "meta";
    meta.textContent = " " + String(h.kind) + " · " + String(h.date);
    li.appendChild(a);
    li.appendChild(meta);
    results.appendChild(li);
  }
  function setMore(visible) { if (more) more.hidden = !visible; }
  var run = 0;
  var current = null;
  // Searches the next batch of the current search, appends its hits (by score within the
  // batch, so what is shown never moves), and says how far the search has come.
  function step(search) {
    var batch = search.batches[search.next];
    if (!batch || search.loading) return Promise.resolve();
    search.loading = true;
    return Promise.all(batch.map(loadShard)).then(function (indexes) {
      search.loading = false;
      if (search.run !== run) return;
      search.next += 1;
      search.searched += batch.length;
      var hits = [];
      indexes.forEach(function (ms) { hits = hits.concat(ms.search(search.query)); });
      hits.sort(function (a, b) { return b.score - a.score; });
      var room = Math.max(0, MAX_SHOWN - search.shown);
      var shown = hits.slice(0, room);
      search.found += hits.length;
      search.shown += shown.length;
      var q = search.query;
      var done = search.next >= search.batches.length;
      var all = search.batches.length > 1 ? "（已检索全部 " + search.total + " 个分片）" : "";
      var cut = search.found > search.shown ? "，显示前 " + search.shown + " 条" : "";
      if (done) {
        status.textContent = search.found === 0 ? "没有找到与“" + q + "”相关的公示信息" + all + "。" : "找到 " + search.found + " 条" + cut + all + "。";
      } else {
        var last = batch[batch.length - 1];
        var upTo = last && typeof last.month === "string" ? "（至" + monthLabel(last.month) + "）" : "";
        status.textContent = "已检索 " + search.searched + "/" + search.total + " 个分片" + upTo + "，找到 " + search.found + " 条" + cut + "。更早的公示信息尚未检索。";
      }
      shown.forEach(append);
      setMore(!done);
      if (done && search.asked) status.focus();
    }, function (e) {
      search.loading = false;
      throw e;
    });
  }
  function failed(search) {
    return function () {
      if (search !== null && search.run !== run) return;
      status.textContent = "检索索引加载失败，请稍后再试。";
    };
  }
  function show(query, scope, year) {
    run += 1;
    var mine = run;
    current = null;
    while (results.firstChild) results.removeChild(results.firstChild);
    setMore(false);
    if (query.trim() === "") { status.textContent = "请输入检索词。"; return; }
    status.textContent = "正在检索……";
    loadList().then(function (all) {
      if (mine !== run) return;
      var selected = all.filter(function (s) { return matches(s, scope, year); }).sort(newestFirst);
      if (selected.length === 0) {
        status.textContent = "没有找到与“" + query + "”相关的公示信息：" + (scope === "before" && year !== "" ? "事前公开的信息不分年份。" : "所选范围和年份内没有公示信息。");
        return;
      }
      current = { run: mine, query: query, batches: batchesOf(selected), next: 0, searched: 0, total: selected.length, found: 0, shown: 0, loading: false, asked: false };
      return step(current).catch(failed(current));
    }).catch(failed(null));
  }
  if (more) {
    more.addEventListener("click", function () {
      var search = current;
      if (search === null || search.loading) return;
      search.asked = true;
      status.textContent = "正在检索更早的公示信息……";
      step(search).catch(failed(search));
    });
  }
  function selected(select) { return select ? select.value : ""; }
  function choose(select, value) {
    if (!select) return;
    var known = false;
    for (var i = 0; i < select.options.length; i++) if (select.options[i].value === value) known = true;
    select.value = known ? value : "";
  }
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    var url = new URL(window.location.href);
    url.searchParams.set("q", q);
    [["scope", selected(scopeSelect)], ["year", selected(yearSelect)]].forEach(function (p) {
      if (p[1] === "") url.searchParams.delete(p[0]); else url.searchParams.set(p[0], p[1]);
    });
    window.history.replaceState(null, "", url.toString());
    show(q, selected(scopeSelect), selected(yearSelect));
  });
  var params = new URL(window.location.href).searchParams;
  choose(scopeSelect, params.get("scope") || "");
  choose(yearSelect, params.get("year") || "");
  var initial = params.get("q");
  if (initial !== null) { input.value = initial; show(initial, selected(scopeSelect), selected(yearSelect)); }
})();
`;
}

let minisearchCache: string | undefined;

/** MiniSearch's UMD browser build (defines the global `MiniSearch`), read from the installed package. */
export function minisearchBrowserBuild(): string {
  if (minisearchCache === undefined) {
    const require = createRequire(import.meta.url);
    // "minisearch" resolves to dist/cjs/index.cjs; the UMD build sits beside it in dist/umd.
    const umd = join(dirname(dirname(require.resolve("minisearch"))), "umd", "index.js");
    // The source map is not copied, so its comment goes too (no request for a missing file).
    minisearchCache = readFileSync(umd, "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  }
  return minisearchCache;
}
