// HTML pages. Every value from an item goes through `t()` (escapeHtml); links are built
// only from fixed paths and ids (which IdSchema restricts to [A-Za-z0-9_.:-]), and are
// escaped too. Pages carry no inline script, style or event handler, and a CSP that
// forbids them, so even a missed escape could not run script.
import {
  ACTION_CATEGORIES,
  ACTION_CATEGORY_NAMES,
  DISCLOSURE_KIND_NAMES,
  DISCLOSURE_PHASE_NAMES,
  type DisclosureContent,
  type DisclosureKind,
  type DisclosurePhase,
  formatSource,
  formatYuan,
  type PublishedItem,
  type WithdrawalNotice,
} from "@sanxiang/core";
import { normalizeBaseUrl, type SiteConfig } from "./config.js";
import { escapeHtml as t } from "./escape.js";
import {
  BEFORE_KINDS,
  type BucketKey,
  bucketListPath,
  bucketParts,
  chinaDateOf,
  dateLabel,
  itemPath,
  monthLabel,
  rel,
} from "./paths.js";

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

const PHASE_PATHS: Readonly<Record<DisclosurePhase, string>> = {
  before: "before/index.html",
  during: "during/index.html",
  after: "after/index.html",
};

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
<header class="site"><p class="site-title"><a href="${r("index.html")}">${t(p.site.title)}</a></p><p class="bureau">${t(p.site.bureauName)}</p></header>
<nav class="main-nav" aria-label="主导航"><ul><li><a href="${r("index.html")}">首页</a></li><li><a href="${r(PHASE_PATHS.before)}">事前公开</a></li><li><a href="${r(PHASE_PATHS.during)}">事中公示</a></li><li><a href="${r(PHASE_PATHS.after)}">事后公开</a></li><li><a href="${r("search/index.html")}">检索</a></li></ul></nav>
<main id="main" tabindex="-1">
${crumbs}<h1>${t(p.title)}</h1>
${p.body}
</main>
<footer class="site"><p>主办单位：${t(p.site.bureauName)}</p><p><a href="${r("feed.json")}">JSON Feed</a> · <a href="${r("atom.xml")}">Atom 订阅</a> · <a href="${r("sitemap.xml")}">网站地图</a></p></footer>
</body>
</html>
`;
}

const list = (values: readonly string[]): string => `<ul>${values.map((v) => `<li>${t(v)}</li>`).join("")}</ul>`;
const yuan = (fen: number): string => `${formatYuan(fen)} 元`;
const PARTY_KINDS = { person: "公民", organisation: "法人或者其他组织" } as const;

type Field = readonly [label: string, html: string];

/** The fields of a content, label and escaped HTML, in reading order. */
function contentFields(c: DisclosureContent): Field[] {
  const f: (Field | undefined)[] = (() => {
    switch (c.kind) {
      case "decision":
        return [
          ["文号", t(c.documentNumber)],
          ["执法机关", t(c.agencyName)],
          [
            "执法对象",
            `${t(c.party.name)}（${PARTY_KINDS[c.party.kind]}${c.party.creditCode === undefined ? "" : `，统一社会信用代码：${t(c.party.creditCode)}`}）`,
          ],
          ["执法类别", t(ACTION_CATEGORY_NAMES[c.category])],
          ["违法行为", t(c.matter)],
          c.facts === undefined ? undefined : ["主要事实", t(c.facts)],
          ["依据", list(c.basis)],
          ["执法结论", t(c.conclusion)],
          c.fineFen === undefined ? undefined : ["罚款", t(yuan(c.fineFen))],
          c.confiscationFen === undefined ? undefined : ["没收金额", t(yuan(c.confiscationFen))],
          ["决定日期", t(dateLabel(c.decidedOn))],
        ];
      case "enforcementAct":
        return [
          ["执法行为", t(c.act)],
          ["日期", t(dateLabel(c.actOn))],
          ["执法人员", list(c.officers.map((o) => `${o.name}（执法证号：${o.certificateNumber}）`))],
          ["执法文书", list(c.documents)],
          c.party === undefined ? undefined : ["当事人", t(c.party.name)],
        ];
      case "body":
        return [
          ["主体名称", t(c.name)],
          ["主体性质", t(c.nature)],
          ["执法依据", list(c.authority)],
          ["执法类别", list(c.categories)],
          c.address === undefined ? undefined : ["地址", t(c.address)],
          c.phone === undefined ? undefined : ["监督电话", t(c.phone)],
        ];
      case "officer":
        return [
          ["姓名", t(c.name)],
          ["执法证号", t(c.certificateNumber)],
          ["所属执法主体", t(c.bodyName)],
          ["执法类别", list(c.categories)],
          c.post === undefined ? undefined : ["职务", t(c.post)],
          c.validUntil === undefined ? undefined : ["证件有效期至", t(dateLabel(c.validUntil))],
        ];
      case "power":
        return [
          ["事项编码", t(c.code)],
          ["事项名称", t(c.name)],
          ["职权类别", t(c.powerKind)],
          ["实施依据", list(c.basis)],
          ["实施主体", t(c.bodyName)],
          ["责任科室", t(c.unit)],
          ["监督方式", t(c.supervision)],
          c.supervisionPhone === undefined ? undefined : ["监督电话", t(c.supervisionPhone)],
          ["追责情形", list(c.accountability)],
        ];
      case "serviceGuide":
        return [
          ["事项编码", t(c.itemCode)],
          ["事项名称", t(c.name)],
          ["设定依据", list(c.basis)],
          ["受理机构", t(c.acceptingBody)],
          ["决定机构", t(c.approvingBody)],
          ["办理条件", list(c.conditions)],
          ["申请材料", list(c.materials)],
          ["办理流程", `<ol>${c.process.map((s) => `<li>${t(s)}</li>`).join("")}</ol>`],
          ["办理时限", t(c.timeLimit)],
          ["监督方式", t(c.supervision)],
          ["办公时间", t(c.officeHours)],
          ["办公地址", t(c.address)],
          ["办公电话", t(c.phone)],
        ];
      case "flowchart":
        return [
          ["流程名称", t(c.name)],
          ["程序", t(c.chart.procedure)],
        ];
      case "inspectionItem":
        return [
          ["事项编码", t(c.code)],
          ["检查事项", t(c.name)],
          c.subItem === undefined ? undefined : ["检查子项", t(c.subItem)],
          ["检查主体", t(c.bodyName)],
          ["检查对象", t(c.targets)],
          ["检查依据", list(c.basis)],
          ["检查方式", list(c.methods)],
          ["抽查比例", t(c.ratio)],
          ["抽查频次", `每年 ${c.timesPerYear} 次`],
        ];
      case "benchmark":
        return [
          ["名称", t(c.name)],
          ["处罚依据", list(c.basis)],
        ];
    }
  })();
  return f.filter((x): x is Field => x !== undefined);
}

const dl = (fields: readonly Field[]): string =>
  `<dl class="fields">${fields.map(([k, v]) => `<div><dt>${t(k)}</dt><dd>${v}</dd></div>`).join("")}</dl>`;

/** The flowchart: an ordered list of steps, a table of transitions, and an inline SVG drawing. */
function flowchartSection(c: Extract<DisclosureContent, { kind: "flowchart" }>): string {
  const names = new Map(c.chart.steps.map((s) => [s.id, s.name] as const));
  const name = (id: string) => names.get(id) ?? id;
  const steps = `<h2 id="steps">办理步骤</h2><ol class="steps">${c.chart.steps
    .map((s) => `<li>${t(s.name)}</li>`)
    .join("")}</ol>`;
  const transitions =
    c.chart.transitions.length === 0
      ? ""
      : `<h2 id="transitions">流转关系</h2><table><caption>各步骤之间的流转</caption><thead><tr><th scope="col">从</th><th scope="col">到</th><th scope="col">条件</th></tr></thead><tbody>${c.chart.transitions
          .map((x) => `<tr><td>${t(name(x.from))}</td><td>${t(name(x.to))}</td><td>${t(x.label)}</td></tr>`)
          .join("")}</tbody></table>`;
  return `${steps}${transitions}<h2 id="diagram">流程图</h2>${flowchartSvg(c)}`;
}

/** Boxes top to bottom in step order; each transition an arrow, labelled, routed on the right when it skips steps. */
function flowchartSvg(c: Extract<DisclosureContent, { kind: "flowchart" }>): string {
  const W = 640;
  const boxW = 260;
  const boxH = 40;
  const gap = 36;
  const x0 = 40;
  const index = new Map(c.chart.steps.map((s, i) => [s.id, i] as const));
  const y = (i: number) => 20 + i * (boxH + gap);
  const height = y(c.chart.steps.length) + 10;
  const boxes = c.chart.steps
    .map(
      (s, i) =>
        `<g><rect x="${x0}" y="${y(i)}" width="${boxW}" height="${boxH}" rx="6" fill="#f4f7fb" stroke="#1f3a5f"/><text x="${x0 + boxW / 2}" y="${y(i) + boxH / 2 + 5}" text-anchor="middle" font-size="15" fill="#111">${t(s.name)}</text></g>`,
    )
    .join("");
  let lane = 0;
  const arrows = c.chart.transitions
    .map((tr) => {
      const a = index.get(tr.from);
      const b = index.get(tr.to);
      if (a === undefined || b === undefined) return "";
      if (b === a + 1) {
        const y1 = y(a) + boxH;
        const y2 = y(b);
        return `<g><line x1="${x0 + boxW / 2}" y1="${y1}" x2="${x0 + boxW / 2}" y2="${y2 - 2}" stroke="#1f3a5f" marker-end="url(#arrow)"/><text x="${x0 + boxW / 2 + 8}" y="${(y1 + y2) / 2 + 5}" font-size="12" fill="#333">${t(tr.label)}</text></g>`;
      }
      lane += 1;
      const xr = x0 + boxW + 14 * lane;
      const ya = y(a) + boxH / 2 - 6;
      const yb = y(b) + boxH / 2 + 6;
      return `<g><polyline points="${x0 + boxW},${ya} ${xr},${ya} ${xr},${yb} ${x0 + boxW + 2},${yb}" fill="none" stroke="#6b4e16" stroke-dasharray="4 3" marker-end="url(#arrow)"/><text x="${xr + 6}" y="${(ya + yb) / 2}" font-size="12" fill="#333">${t(tr.label)}</text></g>`;
    })
    .join("");
  return `<figure class="flow"><svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${height}" viewBox="0 0 ${W} ${height}" role="img" aria-labelledby="flow-title"><title id="flow-title">${t(c.name)}流程图</title><defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f3a5f"/></marker></defs>${boxes}${arrows}</svg><figcaption>图示与上方步骤列表、流转关系表内容相同。</figcaption></figure>`;
}

/** The category label of a bucket, for breadcrumbs. */
function crumbsOfBucket(key: BucketKey): [string, string][] {
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

/** 公示信息页面 — one item's page: every field of its content, then the disclosure's own facts. */
export function renderItemPage(item: PublishedItem, site: SiteConfig, bucket: BucketKey): string {
  const path = itemPath(item.id);
  const c = item.content;
  const meta: Field[] = [
    ["公示类别", t(`${DISCLOSURE_PHASE_NAMES[item.phase]} · ${DISCLOSURE_KIND_NAMES[item.kind]}`)],
    ["公示主体", t(item.bodyName)],
    ["首次公开", t(dateLabel(chinaDateOf(item.publishedAt)))],
    ["本版发布", t(`${dateLabel(chinaDateOf(item.updatedAt))}（第 ${item.version} 版）`)],
    ["公示期限", t(item.publicUntil === undefined ? "长期公开" : `至${dateLabel(item.publicUntil)}`)],
    ["公示依据", t(formatSource(item.source))],
  ];
  const corrections =
    item.corrections.length === 0
      ? ""
      : `<h2 id="corrections">更正说明</h2><ol class="corrections">${item.corrections
          .map((n) => `<li><time datetime="${t(n.at)}">${t(dateLabel(chinaDateOf(n.at)))}</time>：${t(n.reason)}</li>`)
          .join("")}</ol>`;
  const tiers =
    c.kind === "benchmark"
      ? `<h2 id="tiers">裁量阶次</h2><table><caption>裁量情形与处罚幅度</caption><thead><tr><th scope="col">情形</th><th scope="col">处罚幅度</th></tr></thead><tbody>${c.tiers
          .map((x) => `<tr><td>${t(x.circumstance)}</td><td>${t(x.penalty)}</td></tr>`)
          .join("")}</tbody></table>`
      : "";
  const body = `<article class="item"><h2 id="content">公示内容</h2>${dl(contentFields(c))}${tiers}${
    c.kind === "flowchart" ? flowchartSection(c) : ""
  }${corrections}<h2 id="about">公示信息</h2>${dl(meta)}<p><a href="${t(rel(path, bucketListPath(bucket)))}">返回${t(bucketTitle(bucket))}</a></p></article>`;
  return page({
    path,
    title: item.title,
    site,
    body,
    crumbs: [...crumbsOfBucket(bucket), [bucketTitle(bucket), bucketListPath(bucket)]],
  });
}

/** 撤回公告 — what the URL of a withdrawn item shows: which item, when, why, under which rule. */
export function renderWithdrawalPage(notice: WithdrawalNotice, site: SiteConfig): string {
  const path = itemPath(notice.id);
  const body = `<article class="withdrawal"><p class="notice">本信息已撤回，原公示内容不再公开。</p>${dl([
    ["原公示信息", t(notice.title)],
    ["公示类别", t(DISCLOSURE_KIND_NAMES[notice.kind])],
    ["公示主体", t(notice.bodyName)],
    ["撤回日期", `<time datetime="${t(notice.withdrawnAt)}">${t(dateLabel(chinaDateOf(notice.withdrawnAt)))}</time>`],
    ["撤回理由", t(notice.reason)],
    ["撤回依据", t(formatSource(notice.source))],
  ])}</article>`;
  return page({ path, title: `撤回公告：${notice.title}`, site, body });
}

type Column = readonly [header: string, cell: (item: PublishedItem) => string];

const c0 =
  <K extends DisclosureKind>(kind: K, f: (c: Extract<DisclosureContent, { kind: K }>) => string) =>
  (item: PublishedItem): string =>
    item.content.kind === kind ? f(item.content as Extract<DisclosureContent, { kind: K }>) : "";

/** The columns of each kind's list table; the first column links to the item. */
const COLUMNS: Readonly<Record<DisclosureKind, readonly Column[]>> = {
  decision: [
    ["文号", c0("decision", (c) => c.documentNumber)],
    ["执法对象", c0("decision", (c) => c.party.name)],
    ["违法行为", c0("decision", (c) => c.matter)],
    ["决定日期", c0("decision", (c) => dateLabel(c.decidedOn))],
  ],
  enforcementAct: [
    ["执法行为", c0("enforcementAct", (c) => c.act)],
    ["日期", c0("enforcementAct", (c) => dateLabel(c.actOn))],
    ["执法人员", c0("enforcementAct", (c) => c.officers.map((o) => o.name).join("、"))],
    ["当事人", c0("enforcementAct", (c) => c.party?.name ?? "")],
  ],
  body: [
    ["主体名称", c0("body", (c) => c.name)],
    ["主体性质", c0("body", (c) => c.nature)],
    ["执法类别", c0("body", (c) => c.categories.join("、"))],
  ],
  officer: [
    ["姓名", c0("officer", (c) => c.name)],
    ["执法证号", c0("officer", (c) => c.certificateNumber)],
    ["所属执法主体", c0("officer", (c) => c.bodyName)],
    ["执法类别", c0("officer", (c) => c.categories.join("、"))],
  ],
  power: [
    ["事项名称", c0("power", (c) => c.name)],
    ["事项编码", c0("power", (c) => c.code)],
    ["职权类别", c0("power", (c) => c.powerKind)],
    ["实施主体", c0("power", (c) => c.bodyName)],
    ["责任科室", c0("power", (c) => c.unit)],
  ],
  serviceGuide: [
    ["事项名称", c0("serviceGuide", (c) => c.name)],
    ["事项编码", c0("serviceGuide", (c) => c.itemCode)],
    ["受理机构", c0("serviceGuide", (c) => c.acceptingBody)],
    ["办理时限", c0("serviceGuide", (c) => c.timeLimit)],
  ],
  flowchart: [
    ["流程名称", c0("flowchart", (c) => c.name)],
    ["步骤数", c0("flowchart", (c) => String(c.chart.steps.length))],
  ],
  inspectionItem: [
    ["检查事项", c0("inspectionItem", (c) => c.name)],
    ["事项编码", c0("inspectionItem", (c) => c.code)],
    ["检查对象", c0("inspectionItem", (c) => c.targets)],
    ["抽查比例", c0("inspectionItem", (c) => c.ratio)],
    ["抽查频次（次/年）", c0("inspectionItem", (c) => String(c.timesPerYear))],
  ],
  benchmark: [
    ["违法行为", c0("benchmark", (c) => c.name)],
    ["裁量阶次数", c0("benchmark", (c) => String(c.tiers.length))],
  ],
};

/** A bucket's list page: a table of its items (officer list, powers list, one month's decisions …). */
export function renderBucketPage(key: BucketKey, items: readonly PublishedItem[], site: SiteConfig): string {
  const path = bucketListPath(key);
  const b = bucketParts(key);
  const kind: DisclosureKind = b.phase === "before" ? b.kind : b.phase === "during" ? "enforcementAct" : "decision";
  const cols = COLUMNS[kind];
  const rows = items
    .map(
      (item) =>
        `<tr>${cols
          .map(([, cell], i) =>
            i === 0
              ? `<th scope="row"><a href="${t(rel(path, itemPath(item.id)))}">${t(cell(item))}</a></th>`
              : `<td>${t(cell(item))}</td>`,
          )
          .join("")}</tr>`,
    )
    .join("\n");
  const title = bucketTitle(key);
  const body = `<p>共 ${items.length} 条。</p><div class="table-wrap"><table><caption>${t(title)}</caption><thead><tr>${cols
    .map(([h]) => `<th scope="col">${t(h)}</th>`)
    .join("")}</tr></thead><tbody>
${rows}
</tbody></table></div>`;
  return page({ path, title, site, body, crumbs: crumbsOfBucket(key) });
}

/** The data the global pages are made of. */
export interface GlobalView {
  readonly site: SiteConfig;
  readonly buckets: ReadonlyMap<BucketKey, BucketSummary>;
  /** Latest decisions (newest first), for the home page. */
  readonly latestDecisions: readonly TopEntry[];
}

const count = (v: GlobalView, prefix: string): number => {
  let n = 0;
  for (const [k, s] of v.buckets) if (k.startsWith(prefix)) n += s.count;
  return n;
};

const months = (v: GlobalView, prefix: string): [string, number][] =>
  [...v.buckets]
    .filter(([k]) => k.startsWith(prefix))
    .map(([k, s]) => [k, s.count] as [string, number])
    .sort((a, b) => (a[0] < b[0] ? 1 : a[0] > b[0] ? -1 : 0));

const searchForm = (path: string): string =>
  `<form class="search" role="search" action="${t(rel(path, "search/index.html"))}" method="get"><label for="q">检索公示信息</label> <input id="q" name="q" type="search" placeholder="文号、当事人、事项名称……" autocomplete="off"> <button type="submit">检索</button></form>`;

const entryList = (path: string, entries: readonly TopEntry[]): string =>
  entries.length === 0
    ? "<p>暂无。</p>"
    : `<ul class="latest">${entries
        .map(
          (e) =>
            `<li><a href="${t(rel(path, e.path))}">${t(e.title)}</a> <span class="meta">${t(e.bodyName)} · ${t(dateLabel(e.date ?? chinaDateOf(e.updatedAt)))}</span></li>`,
        )
        .join("")}</ul>`;

/** 首页 — the three phases with their categories and counts, the latest decisions, the search box. */
export function renderHome(v: GlobalView): string {
  const path = "index.html";
  const link = (to: string, label: string, n: number) =>
    n > 0 ? `<li><a href="${t(rel(path, to))}">${t(label)}</a>（${n}）</li>` : `<li>${t(label)}（0）</li>`;
  const before = BEFORE_KINDS.map((k) =>
    link(`before/${k}/index.html`, DISCLOSURE_KIND_NAMES[k], count(v, `before/${k}`)),
  ).join("");
  const after = ACTION_CATEGORIES.map((c) =>
    link(`after/${c}/index.html`, ACTION_CATEGORY_NAMES[c], count(v, `after/${c}/`)),
  ).join("");
  const body = `${v.site.description === undefined ? "" : `<p class="lead">${t(v.site.description)}</p>`}${searchForm(path)}
<div class="phases">
<section aria-labelledby="h-before"><h2 id="h-before"><a href="${t(rel(path, PHASE_PATHS.before))}">事前公开</a></h2><ul>${before}</ul></section>
<section aria-labelledby="h-during"><h2 id="h-during"><a href="${t(rel(path, PHASE_PATHS.during))}">事中公示</a></h2><ul>${link(PHASE_PATHS.during, "执法行为", count(v, "during/"))}</ul></section>
<section aria-labelledby="h-after"><h2 id="h-after"><a href="${t(rel(path, PHASE_PATHS.after))}">事后公开</a></h2><ul>${after}</ul></section>
</div>
<section aria-labelledby="h-latest"><h2 id="h-latest">最新执法决定</h2>${entryList(path, v.latestDecisions)}</section>`;
  return page({ path, title: "行政执法公示", site: v.site, body });
}

/** 事前公开 — the before-enforcement kinds with counts. */
export function renderBeforePage(v: GlobalView): string {
  const path = PHASE_PATHS.before;
  const items = BEFORE_KINDS.map((k) => {
    const n = count(v, `before/${k}`);
    return n > 0
      ? `<li><a href="${t(rel(path, `before/${k}/index.html`))}">${t(DISCLOSURE_KIND_NAMES[k])}</a>（${n}）</li>`
      : `<li>${t(DISCLOSURE_KIND_NAMES[k])}（暂无）</li>`;
  }).join("");
  return page({ path, title: "事前公开", site: v.site, body: `<ul class="cats">${items}</ul>` });
}

const monthList = (v: GlobalView, path: string, prefix: string): string => {
  const ms = months(v, prefix);
  return ms.length === 0
    ? "<p>暂无。</p>"
    : `<ul class="months">${ms
        .map(
          ([k, n]) => `<li><a href="${t(rel(path, bucketListPath(k)))}">${t(monthLabel(k.slice(-7)))}</a>（${n}）</li>`,
        )
        .join("")}</ul>`;
};

/** 事中公示 — months of enforcement acts, newest first. */
export function renderDuringPage(v: GlobalView): string {
  const path = PHASE_PATHS.during;
  return page({ path, title: "事中公示", site: v.site, body: monthList(v, path, "during/") });
}

/** 事后公开 — the decision categories with counts. */
export function renderAfterPage(v: GlobalView): string {
  const path = PHASE_PATHS.after;
  const items = ACTION_CATEGORIES.map((c) => {
    const n = count(v, `after/${c}/`);
    return `<li><a href="${t(rel(path, `after/${c}/index.html`))}">${t(ACTION_CATEGORY_NAMES[c])}</a>（${n}）</li>`;
  }).join("");
  return page({ path, title: "事后公开", site: v.site, body: `<ul class="cats">${items}</ul>` });
}

/** One category's page: its months, newest first. */
export function renderCategoryPage(v: GlobalView, category: (typeof ACTION_CATEGORIES)[number]): string {
  const path = `after/${category}/index.html`;
  return page({
    path,
    title: `${ACTION_CATEGORY_NAMES[category]}决定`,
    site: v.site,
    body: monthList(v, path, `after/${category}/`),
    crumbs: [[DISCLOSURE_PHASE_NAMES.after, PHASE_PATHS.after]],
  });
}

/** 检索 — the search page; `assets/search.js` fills the result list. */
export function renderSearchPage(site: SiteConfig): string {
  const path = "search/index.html";
  const body = `${searchForm(path)}
<p id="search-status" role="status" aria-live="polite"></p>
<ol id="search-results" class="results"></ol>
<noscript><p>检索需要启用 JavaScript；也可按<a href="${t(rel(path, "index.html"))}">公示类别</a>浏览。</p></noscript>`;
  return page({ path, title: "检索", site, body, scripts: ["assets/minisearch.js", "assets/search.js"] });
}

/** 页面不存在 — the 404 page (also what an expired item's URL leads to). */
export function renderNotFound(site: SiteConfig): string {
  // Served for any missing path, so links start from the site's own root path.
  const root = new URL(normalizeBaseUrl(site.baseUrl)).pathname;
  const body = `<p>您访问的页面不存在，或该信息已超过公示期限。</p><p><a href="${t(root)}index.html">返回首页</a></p>`;
  return page({ path: "404.html", title: "页面不存在", site, body, root });
}
