import {
  DEFAULT_REDACTION_POLICY,
  epochMillis,
  err,
  IdSchema,
  type Instant,
  InstantSchema,
  invalidInput,
  ok,
  type PublishedItem,
  type Publisher,
  type PublishReceipt,
  type RedactionPolicyInput,
  type Result,
  SanxiangError,
  sanxiangError,
  type WithdrawalNotice,
} from "@sanxiang/core";
import { normalizeBaseUrl, parseSiteConfig, type SiteConfig } from "./config.js";
import {
  commit,
  emptyState,
  fullBuild,
  itemHash,
  loadBucketItems,
  loadState,
  lookupId,
  type SiteState,
  trusted,
} from "./engine.js";
import { type BucketKey, bucketOf, itemPath } from "./paths.js";
import { parseItem, parseNotice, parseRedactionPolicy, personalDataProblem } from "./validate.js";

/** Options of {@link sitePublisher}. */
export interface SitePublisherOptions {
  /** The site's directory; its source of truth lives in `outDir/.sanxiang-site/`. */
  readonly outDir: string;
  /** The site's settings. */
  readonly site: SiteConfig;
  /**
   * The clock (default: the system clock). Only checks that `expire` is not asked to act in
   * the future; pages never show the time of a build, so an unchanged page keeps its bytes.
   */
  readonly clock?: () => Instant;
  /**
   * 脱敏配置 — the bureau's redaction policy every item and notice is checked against before
   * anything is written (default: core's `DEFAULT_REDACTION_POLICY`).
   */
  readonly redaction?: RedactionPolicyInput;
}

const failed = (message: string, cause?: unknown, details?: Record<string, string>): SanxiangError =>
  SanxiangError.isInstance(cause)
    ? cause
    : sanxiangError("PUBLISHER_FAILED", message, {
        ...(details === undefined ? {} : { details }),
        ...(cause === undefined ? {} : { cause }),
      });

/**
 * 公示网站发布端口 — the `Publisher` (v1, from `@sanxiang/core`) that keeps the public site in `outDir` up to
 * date one call at a time. Each call validates its input (`INVALID_INPUT`, nothing changed),
 * refuses an item or notice whose public texts hold personal data (`REDACTION_INCOMPLETE`,
 * nothing changed — the same check as the workflow's sign-off),
 * updates the source of truth under `outDir/.sanxiang-site/`, and rewrites only what the change
 * touches: the item's page, its month's list page, search shard and sitemap, and the global
 * pages and feeds. `publish` is idempotent by id and version, refuses an older version than
 * the one shown, and refuses a different content under a version already shown; `withdraw`
 * replaces the item's page with its 撤回公告; `expire` removes the page and leaves nothing.
 * Calls on one publisher run one after another; one writer per directory. Never throws.
 */
export function sitePublisher(options: SitePublisherOptions): Publisher {
  const parsedSite = parseSiteConfig(options.site);
  const policy = parseRedactionPolicy(options.redaction);
  const policyValue = policy.unwrapOr(DEFAULT_REDACTION_POLICY);
  const clock = options.clock ?? (() => new Date().toISOString());
  const root = options.outDir;
  const channel = parsedSite.isOk() ? parsedSite.value.title : "行政执法公示网站";
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const run = queue.then(f);
    queue = run.catch(() => undefined);
    return run;
  };
  const guarded = (
    what: string,
    f: (site: SiteConfig) => Promise<Result<PublishReceipt, SanxiangError>>,
  ): Promise<Result<PublishReceipt, SanxiangError>> =>
    serial(async () => {
      if (parsedSite.isErr()) return err(parsedSite.error);
      if (policy.isErr()) return err(policy.error);
      try {
        return await f(parsedSite.value);
      } catch (e) {
        return err(failed(`${what}失败：${e instanceof Error ? e.message : String(e)}`, e, { outDir: root }));
      }
    });
  const location = (site: SiteConfig, id: string) => `${normalizeBaseUrl(site.baseUrl)}${itemPath(id)}`;

  /** The current state; a state left pending by a crash, or made for other settings, is rebuilt from its sources first. */
  async function current(site: SiteConfig): Promise<SiteState> {
    const state = await loadState(root);
    if (state === undefined) return emptyState(site);
    if (trusted(state, site)) return state;
    const items: PublishedItem[] = [];
    for (const key of Object.keys(state.buckets)) {
      const list = await loadBucketItems(root, key);
      if (list === undefined) throw failed(`公示网站状态缺失：${key}`, undefined, { bucket: key });
      items.push(...list);
    }
    (await fullBuild(root, site, state, items, state.withdrawn, false))._unsafeUnwrap();
    return (await loadState(root)) ?? emptyState(site);
  }

  async function bucketItems(key: BucketKey): Promise<PublishedItem[]> {
    return (await loadBucketItems(root, key)) ?? [];
  }

  return {
    specificationVersion: "v1",
    channel,
    publish: (input) =>
      guarded("公示发布", async (site) => {
        const parsed = parseItem(input);
        if (parsed.isErr()) return err(parsed.error);
        const item = parsed.value;
        const personal = personalDataProblem([item], [], policyValue);
        if (personal !== undefined) return err(personal);
        const state = await current(site);
        if (state.withdrawn[item.id] !== undefined) {
          return err(failed(`公示信息已撤回，不能再发布：${item.id}`, undefined, { id: item.id }));
        }
        const oldKey = await lookupId(root, item.id);
        const oldItems = oldKey === undefined ? [] : await bucketItems(oldKey);
        const existing = oldItems.find((i) => i.id === item.id);
        if (existing !== undefined) {
          if (existing.version > item.version) {
            return err(
              failed(`已公示第 ${existing.version} 版，不能以较旧的第 ${item.version} 版替换：${item.id}`, undefined, {
                id: item.id,
              }),
            );
          }
          if (existing.version === item.version) {
            if (itemHash(existing) === itemHash(item))
              return ok({ channel, location: location(site, item.id), changed: false });
            return err(
              failed(`同一版本的公示信息内容不同：${item.id} 第 ${item.version} 版`, undefined, { id: item.id }),
            );
          }
        }
        const newKey = bucketOf(item);
        const buckets = new Map<BucketKey, PublishedItem[]>();
        if (oldKey !== undefined && oldKey !== newKey)
          buckets.set(
            oldKey,
            oldItems.filter((i) => i.id !== item.id),
          );
        const target = oldKey === newKey ? oldItems : await bucketItems(newKey);
        buckets.set(newKey, [...target.filter((i) => i.id !== item.id), item]);
        await commit(root, site, state, {
          buckets,
          withdrawn: state.withdrawn,
          ids: { all: false, entries: new Map([[item.id, newKey]]) },
          trust: true,
          live: async (id) => id === item.id || (await lookupId(root, id)) !== undefined,
        });
        return ok({ channel, location: location(site, item.id), changed: true });
      }),
    withdraw: (input) =>
      guarded("公示撤回", async (site) => {
        const parsed = parseNotice(input);
        if (parsed.isErr()) return err(parsed.error);
        const notice: WithdrawalNotice = parsed.value;
        const personal = personalDataProblem([], [notice], policyValue);
        if (personal !== undefined) return err(personal);
        const state = await current(site);
        if (state.withdrawn[notice.id] !== undefined)
          return ok({ channel, location: location(site, notice.id), changed: false });
        const oldKey = await lookupId(root, notice.id);
        const buckets = new Map<BucketKey, PublishedItem[]>();
        if (oldKey !== undefined)
          buckets.set(
            oldKey,
            (await bucketItems(oldKey)).filter((i) => i.id !== notice.id),
          );
        await commit(root, site, state, {
          buckets,
          withdrawn: { ...state.withdrawn, [notice.id]: notice },
          ids: { all: false, entries: new Map([[notice.id, null]]) },
          trust: true,
          live: async (id) => id === notice.id || (await lookupId(root, id)) !== undefined,
        });
        return ok({ channel, location: location(site, notice.id), changed: true });
      }),
    expire: (id, at) =>
      guarded("公示期满撤下", async (site) => {
        const pid = IdSchema.safeParse(id);
        const pat = InstantSchema.safeParse(at);
        if (!pid.success || !pat.success) {
          return err(
            invalidInput("期满撤下参数无效", [
              ...(pid.success ? [] : [{ path: ["id"], message: "expected an identifier" }]),
              ...(pat.success ? [] : [{ path: ["at"], message: "expected an ISO-8601 UTC instant" }]),
            ]),
          );
        }
        if (epochMillis(pat.data) > epochMillis(clock())) {
          return err(invalidInput("期满撤下时间晚于当前时间", [{ path: ["at"], message: "in the future" }]));
        }
        const state = await current(site);
        const oldKey = await lookupId(root, pid.data);
        if (oldKey === undefined) return ok({ channel, changed: false });
        const buckets = new Map<BucketKey, PublishedItem[]>([
          [oldKey, (await bucketItems(oldKey)).filter((i) => i.id !== pid.data)],
        ]);
        await commit(root, site, state, {
          buckets,
          withdrawn: state.withdrawn,
          ids: { all: false, entries: new Map([[pid.data, null]]) },
          trust: true,
          live: async (x) => x !== pid.data && (await lookupId(root, x)) !== undefined,
        });
        return ok({ channel, changed: true });
      }),
  };
}
