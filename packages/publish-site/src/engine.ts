// The incremental site engine shared by buildSite and sitePublisher.
//
// State under `outDir/.sanxiang-site/`:
//   state.json          format, renderer version, config, `pending` flag, per-bucket count /
//                       newest / fingerprint, withdrawal notices, hashes of the global outputs
//   buckets/<key>.json  the bucket's items (the source of truth), each item's hash, and the
//                       hashes of the bucket's outputs (its items' pages, list page, shard, sitemap)
//   tops/<key>.json     the bucket's 50 most recently updated items, for the home page and feeds
//   ids/<hh>.json       id → bucket, sharded by the id's hash, so one update finds an item
//
// A change touches whole buckets (one list page, one search shard, one sitemap) plus the
// global pages; untouched buckets are neither read nor rendered. Outputs are written first,
// state last; `pending` is set while a change is in flight, and a state found pending is
// not trusted: the next run re-renders everything and compares nothing.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import {
  ACTION_CATEGORIES,
  err,
  ok,
  type PublishedItem,
  type Result,
  type SanxiangError,
  type WithdrawalNotice,
} from "@sanxiang/core";
import { minisearchBrowserBuild, SITE_CSS, searchScript } from "./assets.js";
import { normalizeBaseUrl, type SiteConfig } from "./config.js";
import {
  compareTop,
  FEED_SIZE,
  renderAtom,
  renderJsonFeed,
  renderShardList,
  renderSitemapIndex,
  renderUrlset,
  searchDocs,
  topEntryOf,
} from "./feeds.js";
import {
  type BucketKey,
  bucketListPath,
  bucketOf,
  bucketSitemapPath,
  itemPath,
  SITEMAP_MAX_URLS,
  shardPath,
} from "./paths.js";
import {
  type GlobalView,
  renderAfterPage,
  renderBeforePage,
  renderBucketPage,
  renderCategoryPage,
  renderDuringPage,
  renderHome,
  renderItemPage,
  renderNotFound,
  renderSearchPage,
  renderWithdrawalPage,
  type TopEntry,
} from "./render.js";
import { inlineShards, workerShards } from "./shard-worker.js";
import { AtomicWriter, contentHash, STATE_DIR } from "./writer.js";

/** Bumped whenever rendering changes, so a site built by an older version is rebuilt whole. */
export const RENDERER_VERSION = "2";
const TOP_SIZE = FEED_SIZE;
/** Items to index in one change from which shards are built on a worker thread. */
const WORKER_THRESHOLD = 5_000;
const HOME_LATEST = 10;

interface BucketState {
  count: number;
  newest: string;
  fingerprint: string;
}

/** The site's state file. */
export interface SiteState {
  format: 1;
  renderer: string;
  config: string;
  pending: boolean;
  buckets: Record<BucketKey, BucketState>;
  withdrawn: Record<string, WithdrawalNotice>;
  outputs: Record<string, string>;
}

interface BucketFile {
  key: BucketKey;
  items: PublishedItem[];
  itemHashes: Record<string, string>;
  outputs: Record<string, string>;
  /** Hash of the search documents the shard was built from (building one is the costly part). */
  shardInput?: string;
}

const statePath = `${STATE_DIR}/state.json`;
const bucketFilePath = (key: BucketKey) => `${STATE_DIR}/buckets/${key}.json`;
const topFilePath = (key: BucketKey) => `${STATE_DIR}/tops/${key}.json`;
const idShard = (id: string) => createHash("sha256").update(id).digest("hex").slice(0, 2);
const idShardPath = (shard: string) => `${STATE_DIR}/ids/${shard}.json`;

/** A fresh, empty state for `site`. */
export function emptyState(site: SiteConfig): SiteState {
  return {
    format: 1,
    renderer: RENDERER_VERSION,
    config: JSON.stringify(site),
    pending: false,
    buckets: {},
    withdrawn: {},
    outputs: {},
  };
}

async function readJson<T>(root: string, path: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(join(root, path), "utf8")) as T;
  } catch (e) {
    if ((e as { code?: unknown }).code === "ENOENT") return undefined;
    throw e;
  }
}

/** Reads the state, or `undefined` for a directory no site was built in. */
export async function loadState(root: string): Promise<SiteState | undefined> {
  return readJson<SiteState>(root, statePath);
}

/** Whether `state` can be trusted for `site`: complete, same renderer, same config. */
export function trusted(state: SiteState, site: SiteConfig): boolean {
  return !state.pending && state.renderer === RENDERER_VERSION && state.config === JSON.stringify(site);
}

/** Reads a bucket's items (the source of truth). */
export async function loadBucketItems(root: string, key: BucketKey): Promise<PublishedItem[] | undefined> {
  return (await readJson<BucketFile>(root, bucketFilePath(key)))?.items;
}

/** Which bucket holds `id` now, from the id index. */
export async function lookupId(root: string, id: string): Promise<BucketKey | undefined> {
  const shard = await readJson<Record<string, BucketKey>>(root, idShardPath(idShard(id)));
  return shard?.[id];
}

/** The hash of an item as stored (its JSON after parsing, so key order is the schema's). */
export function itemHash(item: PublishedItem): string {
  return contentHash(JSON.stringify(item));
}

/** Order inside a bucket: decisions and acts newest first, before-items by code or name. */
function sortKey(item: PublishedItem): string {
  const c = item.content;
  switch (c.kind) {
    case "decision":
      return `${9999_99_99 - Number(c.decidedOn.replaceAll("-", ""))}|${c.documentNumber}`;
    case "enforcementAct":
      return `${9999_99_99 - Number(c.actOn.replaceAll("-", ""))}|${c.act}`;
    case "officer":
      return `${c.bodyName}|${c.name}`;
    case "power":
    case "inspectionItem":
      return c.code;
    case "serviceGuide":
      return c.itemCode;
    default:
      return item.title;
  }
}

function sortBucket(items: PublishedItem[]): PublishedItem[] {
  const keyed = items.map((item) => [sortKey(item), item] as const);
  keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1].id < b[1].id ? -1 : a[1].id > b[1].id ? 1 : 0));
  return keyed.map(([, item]) => item);
}

/** What one commit changes. */
export interface Change {
  /** The new full content of every touched bucket (empty: the bucket goes). */
  readonly buckets: ReadonlyMap<BucketKey, readonly PublishedItem[]>;
  /** The complete new set of withdrawal notices. */
  readonly withdrawn: Readonly<Record<string, WithdrawalNotice>>;
  /** Id index changes: id → its bucket, or `null` when gone. `all` replaces the index. */
  readonly ids: { readonly all: boolean; readonly entries: ReadonlyMap<string, BucketKey | null> };
  /** Whether the previous hashes can be trusted (false: write everything). */
  readonly trust: boolean;
  /** Whether an item page `id` is still produced after the change (by any bucket or a notice). */
  readonly live: (id: string) => Promise<boolean>;
  /** Counted as unchanged without being looked at (untouched buckets of a full build). */
  readonly untouchedOutputs?: number;
  /** Item hashes already computed by the caller. */
  readonly hashes?: ReadonlyMap<string, string>;
  /** Whether every bucket's list is already in page order (see `sortBucket`). */
  readonly sorted?: boolean;
}

/** What a commit wrote, in site-root-relative paths. */
export interface CommitReport {
  readonly written: string[];
  readonly deleted: string[];
  readonly unchanged: number;
}

const bucketOutputCount = (count: number) => count + 2 + Math.ceil(count / SITEMAP_MAX_URLS);

/** Applies one change to the site in `root`, atomically per file, and saves the new state. */
export async function commit(root: string, site: SiteConfig, old: SiteState, change: Change): Promise<CommitReport> {
  const w = new AtomicWriter(root);
  const state: SiteState = {
    ...old,
    renderer: RENDERER_VERSION,
    config: JSON.stringify(site),
    buckets: { ...old.buckets },
    withdrawn: { ...change.withdrawn },
  };
  // Mark the change in flight before any output moves.
  await w.put(statePath, JSON.stringify({ ...old, pending: true }), undefined, true);
  await w.flush();

  const produced = new Set<string>();
  const candidates = new Set<string>();
  const tops = new Map<BucketKey, TopEntry[]>();
  const trust = change.trust;
  const pending: Promise<void>[] = [];
  let indexed = 0;
  for (const list of change.buckets.values()) indexed += list.length;
  // A large change builds its search shards on a second thread while pages are rendered.
  const shards = indexed >= WORKER_THRESHOLD ? workerShards() : inlineShards;
  try {
    return await apply();
  } catch (e) {
    // Nothing of a failed change may go on writing once the caller hears of the failure: the
    // writer starts nothing more, the shards still being built are given up, and the commit
    // returns once every bucket's state write and every file operation it started has ended.
    await w.abandon();
    throw e;
  } finally {
    await shards.close();
    await Promise.allSettled(pending);
    await w.abandon();
  }

  async function apply(): Promise<CommitReport> {
    for (const [key, unsorted] of change.buckets) {
      const prev = old.buckets[key] === undefined ? undefined : await readJson<BucketFile>(root, bucketFilePath(key));
      const items = change.sorted === true ? [...unsorted] : sortBucket([...unsorted]);
      const outputs: Record<string, string> = {};
      const itemHashes: Record<string, string> = {};
      for (const item of items) {
        const path = itemPath(item.id);
        const h = change.hashes?.get(item.id) ?? itemHash(item);
        itemHashes[item.id] = h;
        const prevPage = trust ? prev?.outputs[path] : undefined;
        if (prevPage !== undefined && prev?.itemHashes[item.id] === h) {
          outputs[path] = prevPage;
          w.unchanged += 1;
        } else {
          outputs[path] = await w.put(path, renderItemPage(item, site, key), prevPage);
        }
        produced.add(path);
      }
      if (items.length > 0) {
        const put = async (path: string, bytes: string) => {
          outputs[path] = await w.put(path, bytes, trust ? prev?.outputs[path] : undefined);
          produced.add(path);
        };
        await put(bucketListPath(key), renderBucketPage(key, items, site));
        const docs = searchDocs(items);
        const input = contentHash(JSON.stringify(docs));
        const sp = shardPath(key);
        const prevShard = trust ? prev?.outputs[sp] : undefined;
        produced.add(sp);
        let shardReady: Promise<void>;
        if (prevShard !== undefined && prev?.shardInput === input) {
          outputs[sp] = prevShard;
          w.unchanged += 1;
          shardReady = Promise.resolve();
        } else {
          // Built meanwhile (on the worker thread for a large change); the bucket's state file
          // is written once its shard's hash is known.
          shardReady = shards.render(docs).then((json) => put(sp, json));
        }
        for (let chunk = 0; chunk * SITEMAP_MAX_URLS < items.length; chunk++) {
          const slice = items.slice(chunk * SITEMAP_MAX_URLS, (chunk + 1) * SITEMAP_MAX_URLS);
          await put(
            bucketSitemapPath(key, chunk),
            renderUrlset(
              site,
              slice.map((i) => itemPath(i.id)),
            ),
          );
        }
        const top = items.map(topEntryOf).sort(compareTop).slice(0, TOP_SIZE);
        tops.set(key, top);
        const done = shardReady.then(async () => {
          const file: BucketFile = { key, items, itemHashes, outputs, shardInput: input };
          await w.put(bucketFilePath(key), JSON.stringify(file), undefined, true);
          await w.put(topFilePath(key), JSON.stringify(top), undefined, true);
        });
        // Observed now (a failure must not go unhandled while the loop runs), awaited below.
        done.catch(() => undefined);
        pending.push(done);
        // Old outputs not produced any more (the shard path is produced above).
        for (const path of Object.keys(prev?.outputs ?? {}))
          if (!(path in outputs) && path !== sp) candidates.add(path);
        state.buckets[key] = {
          count: items.length,
          newest: top[0]?.updatedAt ?? "",
          fingerprint: contentHash(items.map((i) => itemHashes[i.id]).join("")),
        };
        continue;
      } else {
        delete state.buckets[key];
        await w.remove(bucketFilePath(key), true);
        await w.remove(topFilePath(key), true);
      }
      for (const path of Object.keys(prev?.outputs ?? {})) if (!(path in outputs)) candidates.add(path);
    }

    // Global outputs.
    const view: GlobalView = {
      site,
      buckets: new Map(Object.entries(state.buckets).map(([k, b]) => [k, { count: b.count, newest: b.newest }])),
      latestDecisions: await latest(root, state, tops, HOME_LATEST, "after/"),
    };
    const feed = await latest(root, state, tops, FEED_SIZE, "");
    const globals = new Map<string, string>();
    globals.set("index.html", renderHome(view));
    globals.set("before/index.html", renderBeforePage(view));
    globals.set("during/index.html", renderDuringPage(view));
    globals.set("after/index.html", renderAfterPage(view));
    for (const c of ACTION_CATEGORIES) globals.set(`after/${c}/index.html`, renderCategoryPage(view, c));
    globals.set("search/index.html", renderSearchPage(view));
    globals.set("404.html", renderNotFound(site));
    globals.set("assets/site.css", SITE_CSS);
    globals.set("assets/search.js", searchScript());
    globals.set("assets/minisearch.js", minisearchBrowserBuild());
    const keys = Object.keys(state.buckets).sort();
    globals.set("search/shards.json", renderShardList(keys.map((k) => [k, state.buckets[k]?.count ?? 0] as const)));
    for (const notice of Object.values(state.withdrawn))
      globals.set(itemPath(notice.id), renderWithdrawalPage(notice, site));
    globals.set("feed.json", renderJsonFeed(site, feed));
    globals.set("atom.xml", renderAtom(site, feed));
    const pagePaths = [
      "index.html",
      "before/index.html",
      "during/index.html",
      "after/index.html",
      ...ACTION_CATEGORIES.map((c) => `after/${c}/index.html`),
      "search/index.html",
      ...keys.map(bucketListPath),
      ...Object.keys(state.withdrawn).sort().map(itemPath),
    ].map((p) => p.replace(/(^|\/)index\.html$/, "$1"));
    globals.set("sitemaps/pages.xml", renderUrlset(site, pagePaths));
    const sitemapFiles = ["sitemaps/pages.xml"];
    for (const k of keys) {
      const n = state.buckets[k]?.count ?? 0;
      for (let chunk = 0; chunk * SITEMAP_MAX_URLS < n; chunk++) sitemapFiles.push(bucketSitemapPath(k, chunk));
    }
    globals.set("sitemap.xml", renderSitemapIndex(site, sitemapFiles));
    globals.set(
      "robots.txt",
      `User-agent: *\nAllow: /\nSitemap: ${new URL("sitemap.xml", normalizeBaseUrl(site.baseUrl)).href}\n`,
    );

    const outputs: Record<string, string> = {};
    for (const [path, bytes] of globals) {
      outputs[path] = await w.put(path, bytes, trust ? old.outputs[path] : undefined);
      produced.add(path);
    }
    for (const path of Object.keys(old.outputs)) if (!(path in outputs)) candidates.add(path);
    state.outputs = outputs;

    // Id index.
    await Promise.all(pending);
    await writeIds(root, w, change.ids);
    await w.flush();

    // Deletions, once every new file is in place.
    for (const path of [...candidates].sort()) {
      if (produced.has(path)) continue;
      const id = idOfItemPath(path);
      if (id !== undefined && (await change.live(id))) continue;
      await w.remove(path);
    }
    await w.flush();

    state.pending = false;
    await w.put(statePath, JSON.stringify(state), undefined, true);
    await w.flush();
    return { written: w.written, deleted: w.deleted, unchanged: w.unchanged + (change.untouchedOutputs ?? 0) };
  }
}

function idOfItemPath(path: string): string | undefined {
  const m = /^item\/(.+)\.html$/.exec(path);
  return m?.[1]?.replaceAll("~", ":");
}

async function writeIds(
  root: string,
  w: AtomicWriter,
  ids: { readonly all: boolean; readonly entries: ReadonlyMap<string, BucketKey | null> },
): Promise<void> {
  const shards = new Map<string, Record<string, BucketKey>>();
  if (ids.all) {
    // A full index: every one of the 256 shards is rewritten, emptied ones included.
    for (let i = 0; i < 256; i++) shards.set(i.toString(16).padStart(2, "0"), {});
  } else {
    for (const id of ids.entries.keys()) {
      const s = idShard(id);
      if (!shards.has(s)) shards.set(s, (await readJson<Record<string, BucketKey>>(root, idShardPath(s))) ?? {});
    }
  }
  for (const [id, key] of ids.entries) {
    const s = idShard(id);
    let shard = shards.get(s);
    if (shard === undefined) {
      shard = {};
      shards.set(s, shard);
    }
    if (key === null) delete shard[id];
    else shard[id] = key;
  }
  for (const [s, shard] of shards) await w.put(idShardPath(s), JSON.stringify(shard), undefined, true);
}

async function latest(
  root: string,
  state: SiteState,
  cache: Map<BucketKey, TopEntry[]>,
  n: number,
  prefix: string,
): Promise<TopEntry[]> {
  const keys = Object.entries(state.buckets)
    .filter(([k]) => k.startsWith(prefix))
    .sort((a, b) => (a[1].newest < b[1].newest ? 1 : a[1].newest > b[1].newest ? -1 : 0));
  let acc: TopEntry[] = [];
  for (const [k, b] of keys) {
    const nth = acc[n - 1];
    if (nth !== undefined && b.newest < nth.updatedAt) break;
    let top = cache.get(k);
    if (top === undefined) {
      top = (await readJson<TopEntry[]>(root, topFilePath(k))) ?? [];
      cache.set(k, top);
    }
    acc = [...acc, ...top].sort(compareTop).slice(0, n);
  }
  return acc;
}

/** Groups items into buckets. */
export function groupByBucket(items: readonly PublishedItem[]): Map<BucketKey, PublishedItem[]> {
  const buckets = new Map<BucketKey, PublishedItem[]>();
  for (const item of items) {
    const key = bucketOf(item);
    const list = buckets.get(key);
    if (list === undefined) buckets.set(key, [item]);
    else list.push(item);
  }
  return buckets;
}

/**
 * A whole build from the full set of items: buckets whose fingerprint is unchanged (and
 * trusted) are skipped without being read; the others are committed.
 */
export async function fullBuild(
  root: string,
  site: SiteConfig,
  old: SiteState,
  items: readonly PublishedItem[],
  withdrawn: Readonly<Record<string, WithdrawalNotice>>,
  trust: boolean,
  check?: (items: readonly PublishedItem[]) => SanxiangError | undefined,
): Promise<Result<CommitReport, SanxiangError>> {
  const groups = groupByBucket(items);
  const buckets = new Map<BucketKey, readonly PublishedItem[]>();
  let untouched = 0;
  const ids = new Map<string, BucketKey | null>();
  const hashes = new Map<string, string>();
  for (const [key, unsorted] of groups) {
    for (const item of unsorted) {
      ids.set(item.id, key);
      hashes.set(item.id, itemHash(item));
    }
    // Sorted once here; the commit takes the lists in this order.
    const list = sortBucket(unsorted);
    const fingerprint = contentHash(list.map((i) => hashes.get(i.id)).join(""));
    const prev = old.buckets[key];
    if (trust && prev?.fingerprint === fingerprint) untouched += bucketOutputCount(list.length);
    else buckets.set(key, list);
  }
  for (const key of Object.keys(old.buckets)) if (!groups.has(key)) buckets.set(key, []);
  if (check !== undefined) {
    // Items stored before were checked before: only new or changed ones are checked again,
    // and before anything is written.
    const fresh: PublishedItem[] = [];
    for (const key of buckets.keys()) {
      const prev =
        trust && old.buckets[key] !== undefined ? await readJson<BucketFile>(root, bucketFilePath(key)) : undefined;
      // In input order, so problems are reported in the order the items were given.
      for (const item of groups.get(key) ?? []) if (prev?.itemHashes[item.id] !== hashes.get(item.id)) fresh.push(item);
    }
    const problem = check(fresh);
    if (problem !== undefined) return err(problem);
  }
  const live = new Set([...ids.keys(), ...Object.keys(withdrawn)]);
  const report = await commit(root, site, old, {
    buckets,
    withdrawn,
    ids: { all: true, entries: ids },
    trust,
    live: async (id) => live.has(id),
    untouchedOutputs: untouched,
    hashes,
    sorted: true,
  });
  return ok(report);
}
