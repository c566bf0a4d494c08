// Where everything lives in the site. All paths are relative to the site root, with `/`.
import type { ActionCategory, DisclosureKind, PublishedItem } from "@sanxiang/core";

/**
 * The path of an item's page (and, once withdrawn, of its 撤回公告), relative to the site
 * root: `item/<id>.html`. Ids may contain `:`, which some file systems refuse; it becomes `~`
 * (ids never contain `~`, so the mapping stays one-to-one).
 */
export function itemPath(id: string): string {
  return `item/${id.replaceAll(":", "~")}.html`;
}

/** A bucket: the items that share one list page, one search shard and one sitemap file. */
export type BucketKey = string;

/** Before-enforcement kinds, in the order the site lists them. */
export const BEFORE_KINDS = [
  "body",
  "officer",
  "power",
  "serviceGuide",
  "flowchart",
  "inspectionItem",
  "benchmark",
] as const satisfies readonly DisclosureKind[];

/**
 * The bucket of an item: `before/<kind>` before enforcement; `during/<YYYY-MM>` by the act's
 * month; `after/<category>/<YYYY-MM>` by the decision's month — so a new decision touches one
 * month's list, not a list of every decision.
 */
export function bucketOf(item: PublishedItem): BucketKey {
  const c = item.content;
  if (c.kind === "decision") return `after/${c.category}/${c.decidedOn.slice(0, 7)}`;
  if (c.kind === "enforcementAct") return `during/${c.actOn.slice(0, 7)}`;
  return `before/${c.kind}`;
}

/** The parts of a bucket key. */
export type BucketParts =
  | { readonly phase: "before"; readonly kind: DisclosureKind }
  | { readonly phase: "during"; readonly month: string }
  | { readonly phase: "after"; readonly category: ActionCategory; readonly month: string };

/** Splits a bucket key made by {@link bucketOf}. */
export function bucketParts(key: BucketKey): BucketParts {
  const [phase, a = "", b = ""] = key.split("/");
  if (phase === "before") return { phase, kind: a as DisclosureKind };
  if (phase === "during") return { phase, month: a };
  return { phase: "after", category: a as ActionCategory, month: b };
}

/** A bucket's list page. */
export function bucketListPath(key: BucketKey): string {
  return `${key}/index.html`;
}

/** A bucket's search shard (a serialised MiniSearch index). */
export function shardPath(key: BucketKey): string {
  return `search/${key.replaceAll("/", "-")}.json`;
}

/** Most URLs one sitemap file may list (sitemaps.org protocol). */
export const SITEMAP_MAX_URLS = 50_000;

/** The `chunk`-th sitemap file of a bucket (a bucket of more than 50,000 items has several). */
export function bucketSitemapPath(key: BucketKey, chunk: number): string {
  return `sitemaps/${key.replaceAll("/", "-")}${chunk === 0 ? "" : `-${chunk + 1}`}.xml`;
}

/** The relative link from the page at `from` to the file at `to` (both site-root relative). */
export function rel(from: string, to: string): string {
  const depth = from.split("/").length - 1;
  return "../".repeat(depth) + to;
}

/** `2026-11` → `2026年11月`. */
export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;
}

/** `2026-11-03` → `2026年11月3日`. */
export function dateLabel(date: string): string {
  return `${date.slice(0, 4)}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}
