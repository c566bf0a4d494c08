// The list pages: a bucket's table (one month's decisions, the officer list …), the home page
// and the phase and category pages with their counts. Every value is escaped with `t()`.
import {
  ACTION_CATEGORIES,
  ACTION_CATEGORY_NAMES,
  civilDateOf,
  DISCLOSURE_KIND_NAMES,
  DISCLOSURE_PHASE_NAMES,
  type DisclosureContent,
  type DisclosureKind,
  type PublishedItem,
  TERMS,
} from "@sanxiang/core";
import type { SiteConfig } from "../config.js";
import { escapeHtml as t } from "../escape.js";
import {
  BEFORE_KINDS,
  type BucketKey,
  bucketListPath,
  bucketParts,
  dateLabel,
  itemPath,
  monthLabel,
  rel,
} from "../paths.js";
import { bucketTitle, crumbsOfBucket, type GlobalView, PHASE_PATHS, page, type TopEntry } from "./layout.js";
import { searchForm } from "./search.js";

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
    [TERMS.violation, c0("decision", (c) => c.matter)],
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
    [TERMS.enforcementArea, c0("body", (c) => c.categories.join("、"))],
  ],
  officer: [
    ["姓名", c0("officer", (c) => c.name)],
    ["执法证号", c0("officer", (c) => c.certificateNumber)],
    ["所属执法主体", c0("officer", (c) => c.bodyName)],
    [TERMS.enforcementArea, c0("officer", (c) => c.categories.join("、"))],
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

const entryList = (path: string, entries: readonly TopEntry[]): string =>
  entries.length === 0
    ? "<p>暂无。</p>"
    : `<ul class="latest">${entries
        .map(
          (e) =>
            `<li><a href="${t(rel(path, e.path))}">${t(e.title)}</a> <span class="meta">${t(e.bodyName)} · ${t(dateLabel(e.date ?? civilDateOf(e.updatedAt)))}</span></li>`,
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
