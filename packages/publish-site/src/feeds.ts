// Feeds, sitemaps and search shards: the machine-readable outputs.
import {
  type ActionCategory,
  civilDateOf,
  DISCLOSURE_KIND_NAMES,
  DISCLOSURE_PHASE_NAMES,
  type DisclosureContent,
  type DisclosureKind,
  type DisclosurePhase,
  dateText,
  type PublishedItem,
} from "@sanxiang/core";
import MiniSearch from "minisearch";
import { normalizeBaseUrl, type SiteConfig } from "./config.js";
import { escapeXml as x } from "./escape.js";
import { type BucketKey, bucketParts, itemPath, shardPath } from "./paths.js";
import type { TopEntry } from "./render.js";
import { SEARCH_FIELDS, SEARCH_STORE_FIELDS, tokenizeChinese } from "./tokenize.js";

/** Items in `feed.json` and `atom.xml`. */
export const FEED_SIZE = 50;

/** A short plain-text summary of a content, for feeds and the top lists. */
export function summaryOf(c: DisclosureContent): string {
  switch (c.kind) {
    case "decision":
      return `${c.documentNumber}；执法对象：${c.party.name}；违法行为：${c.matter}；执法结论：${c.conclusion}`;
    case "enforcementAct":
      return `${c.act}（${dateText(c.actOn)}）；执法人员：${c.officers.map((o) => `${o.name}（${o.certificateNumber}）`).join("、")}`;
    case "officer":
      return `${c.name}，执法证号 ${c.certificateNumber}，${c.bodyName}`;
    case "body":
      return `${c.name}（${c.nature}）`;
    case "power":
      return `${c.code} ${c.name}（${c.powerKind}），${c.bodyName}`;
    case "serviceGuide":
      return `${c.itemCode} ${c.name}，办理时限：${c.timeLimit}`;
    case "flowchart":
      return `${c.name}：${c.chart.steps.map((s) => s.name).join(" → ")}`;
    case "inspectionItem":
      return `${c.code} ${c.name}，检查对象：${c.targets}，抽查比例 ${c.ratio}`;
    case "benchmark":
      return `${c.name}（${c.tiers.length} 个裁量阶次）`;
  }
}

/** The entry of an item in the top lists. */
export function topEntryOf(item: PublishedItem): TopEntry {
  const c = item.content;
  const date = c.kind === "decision" ? c.decidedOn : c.kind === "enforcementAct" ? c.actOn : undefined;
  return {
    id: item.id,
    kind: item.kind,
    phase: item.phase,
    title: item.title,
    bodyName: item.bodyName,
    publishedAt: item.publishedAt,
    updatedAt: item.updatedAt,
    path: itemPath(item.id),
    summary: summaryOf(c),
    ...(date === undefined ? {} : { date }),
  };
}

/** Newest first by `updatedAt`, then by id, so the order never depends on input order. */
export function compareTop(a: TopEntry, b: TopEntry): number {
  return a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The searchable text of a content: the fields a citizen would type. */
function searchTextOf(c: DisclosureContent): string {
  switch (c.kind) {
    case "decision":
      // The title already carries the 文号 in the usual case; the agency is the same on most items.
      // 执法结论 and 主要事实 too: a citizen searches 罚款 or 警告 (issue 16).
      return [c.documentNumber, c.party.name, c.party.creditCode ?? "", c.matter, c.conclusion, c.facts ?? ""].join(
        " ",
      );
    case "enforcementAct":
      return [c.act, c.party?.name ?? "", ...c.officers.map((o) => `${o.name} ${o.certificateNumber}`)].join(" ");
    case "officer":
      return [c.name, c.certificateNumber, c.bodyName].join(" ");
    case "body":
      return [c.name, c.nature].join(" ");
    case "power":
      return [c.code, c.name, c.bodyName].join(" ");
    case "serviceGuide":
      return [c.itemCode, c.name, c.acceptingBody].join(" ");
    case "flowchart":
      return c.name;
    case "inspectionItem":
      return [c.code, c.name, c.targets].join(" ");
    case "benchmark":
      return c.name;
  }
}

/** The MiniSearch options the site builds and loads its shards with (the browser mirrors them). */
export function searchOptions(): {
  fields: string[];
  storeFields: string[];
  tokenize: (text: string) => string[];
  processTerm: (term: string) => string;
} {
  return {
    fields: [...SEARCH_FIELDS],
    storeFields: [...SEARCH_STORE_FIELDS],
    tokenize: tokenizeChinese,
    processTerm: (term) => term,
  };
}

/** One search document: what the index holds of an item. */
export interface SearchDoc {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly kind: string;
  readonly date: string;
}

/** The search documents of a bucket's items. */
export function searchDocs(items: readonly PublishedItem[]): SearchDoc[] {
  return items.map((item) => {
    const c = item.content;
    return {
      id: item.id,
      title: item.title,
      // A decision's title normally carries its 文号 already: not indexed twice.
      text:
        c.kind === "decision" && item.title.includes(c.documentNumber)
          ? searchTextOf(c)
          : `${item.title} ${searchTextOf(c)}`,
      kind: DISCLOSURE_KIND_NAMES[item.kind],
      // Shown beside the result as the pages write dates (2026年3月2日).
      date: dateText(
        c.kind === "decision" ? c.decidedOn : c.kind === "enforcementAct" ? c.actOn : civilDateOf(item.updatedAt),
      ),
    };
  });
}

/** A bucket's search shard: a serialised MiniSearch index of its documents. */
export function renderShard(docs: readonly SearchDoc[]): string {
  const index = new MiniSearch<SearchDoc>(searchOptions());
  index.addAll(docs);
  return JSON.stringify(index);
}

/**
 * One entry of `search/shards.json` (检索分片清单): the shard's file, how many documents it
 * holds, and the parts of its bucket as fields, so the browser selects shards by 范围 and
 * 年份 without parsing keys. `kind` is set for 事前公开 shards, `category` for 事后公开 ones,
 * `month` (`YYYY-MM`) for the dated ones (事中公示, 事后公开).
 */
export interface ShardEntry {
  readonly key: BucketKey;
  /** Relative to `search/`. */
  readonly file: string;
  readonly count: number;
  readonly phase: DisclosurePhase;
  readonly kind?: DisclosureKind;
  readonly category?: ActionCategory;
  readonly month?: string;
}

/** The `search/shards.json` entry of the bucket `key` holding `count` items. */
export function shardEntry(key: BucketKey, count: number): ShardEntry {
  const file = shardPath(key).slice("search/".length);
  const b = bucketParts(key);
  if (b.phase === "before") return { key, file, count, phase: b.phase, kind: b.kind };
  if (b.phase === "during") return { key, file, count, phase: b.phase, month: b.month };
  return { key, file, count, phase: b.phase, category: b.category, month: b.month };
}

/** `search/shards.json` — `{ shards: ShardEntry[] }` for the buckets `[key, count]`, in the order given. */
export function renderShardList(buckets: Iterable<readonly [BucketKey, number]>): string {
  return `${JSON.stringify({ shards: [...buckets].map(([key, count]) => shardEntry(key, count)) })}\n`;
}

/** `feed.json` — JSON Feed 1.1 of the latest items. */
export function renderJsonFeed(site: SiteConfig, entries: readonly TopEntry[]): string {
  const base = normalizeBaseUrl(site.baseUrl);
  const feed = {
    version: "https://jsonfeed.org/version/1.1",
    title: site.title,
    home_page_url: base,
    feed_url: `${base}feed.json`,
    ...(site.description === undefined ? {} : { description: site.description }),
    language: "zh-CN",
    authors: [{ name: site.bureauName }],
    items: entries.map((e) => ({
      id: `${base}${e.path}`,
      url: `${base}${e.path}`,
      title: e.title,
      content_text: e.summary,
      date_published: e.publishedAt,
      date_modified: e.updatedAt,
      authors: [{ name: e.bodyName }],
      tags: [DISCLOSURE_PHASE_NAMES[e.phase], DISCLOSURE_KIND_NAMES[e.kind]],
    })),
  };
  return `${JSON.stringify(feed, null, 1)}\n`;
}

/** `atom.xml` — Atom 1.0 (RFC 4287) of the latest items; every value XML-escaped. */
export function renderAtom(site: SiteConfig, entries: readonly TopEntry[]): string {
  const base = normalizeBaseUrl(site.baseUrl);
  // The feed's own time is its newest entry's: the same items give the same bytes.
  const updated = entries[0]?.updatedAt ?? "2019-01-01T00:00:00Z";
  const body = entries
    .map(
      (e) => `<entry>
<id>${x(`${base}${e.path}`)}</id>
<title type="text">${x(e.title)}</title>
<link rel="alternate" type="text/html" href="${x(`${base}${e.path}`)}"/>
<published>${x(e.publishedAt)}</published>
<updated>${x(e.updatedAt)}</updated>
<author><name>${x(e.bodyName)}</name></author>
<category term="${x(e.kind)}" label="${x(DISCLOSURE_KIND_NAMES[e.kind])}"/>
<summary type="text">${x(e.summary)}</summary>
</entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<id>${x(base)}</id>
<title type="text">${x(site.title)}</title>
${site.description === undefined ? "" : `<subtitle type="text">${x(site.description)}</subtitle>\n`}<updated>${x(updated)}</updated>
<author><name>${x(site.bureauName)}</name></author>
<link rel="self" type="application/atom+xml" href="${x(`${base}atom.xml`)}"/>
<link rel="alternate" type="text/html" href="${x(base)}"/>
${body}
</feed>
`;
}

/** A sitemap `<urlset>` of site-root-relative paths. */
export function renderUrlset(site: SiteConfig, paths: readonly string[]): string {
  const base = normalizeBaseUrl(site.baseUrl);
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${paths.map((p) => `<url><loc>${x(base + p)}</loc></url>`).join("\n")}
</urlset>
`;
}

/** The sitemap index (`sitemap.xml`) naming every sitemap file. */
export function renderSitemapIndex(site: SiteConfig, files: readonly string[]): string {
  const base = normalizeBaseUrl(site.baseUrl);
  return `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${files.map((f) => `<sitemap><loc>${x(base + f)}</loc></sitemap>`).join("\n")}
</sitemapindex>
`;
}
