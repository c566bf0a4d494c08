import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type Instant, InstantSchema } from "../kernel/time.js";
import type { Publisher, PublishReceipt } from "./publisher.js";
import { type PublishedItem, PublishedItemSchema, type WithdrawalNotice, WithdrawalNoticeSchema } from "./schema.js";

/** Options of {@link memoryPublisher}. */
export interface MemoryPublisherOptions {
  /** 公示渠道 — the channel's name (default `内存公示渠道`). */
  readonly channel?: string;
  /** Where an item is found, by id (default `memory:<id>`). */
  readonly locationOf?: (id: string) => string;
}

/** One change the memory publisher made (calls with `changed: false` are not recorded). */
export type MemoryPublisherChange =
  | { readonly op: "publish"; readonly id: string; readonly version: number; readonly contentHash: string }
  | { readonly op: "withdraw"; readonly id: string }
  | { readonly op: "expire"; readonly id: string; readonly at: Instant };

/** A method of the {@link Publisher} port, for {@link MemoryPublisher.failNext}. */
export type PublisherMethod = "publish" | "withdraw" | "expire";

/**
 * 内存公示渠道 — the reference {@link Publisher} (contract v1) in plain data structures, for
 * tests, the CLI's dry runs and the docs, with what it holds open to inspection and a switch
 * to make calls fail (to test what the workflow does when the port is down).
 */
export interface MemoryPublisher extends Publisher {
  /** The items public now, by id order. */
  items(): readonly PublishedItem[];
  /** The item public now under `id`, if any. */
  item(id: string): PublishedItem | undefined;
  /** The withdrawal notices shown, by id order. */
  notices(): readonly WithdrawalNotice[];
  /** Every change made, oldest first (idempotent repeats are not changes). */
  changes(): readonly MemoryPublisherChange[];
  /** Makes the next `times` calls of `method` fail with `PUBLISHER_FAILED` (changing nothing). */
  failNext(method: PublisherMethod, times?: number): void;
}

const issuesOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));

/**
 * 内存公示渠道 — a {@link MemoryPublisher}: keeps the public items, the withdrawal notices and
 * the ids that expired. Follows the port's contract: input failing its schema is
 * `INVALID_INPUT`; a repeated call is `changed: false`; a newer version replaces the item, an
 * older one or another content under the same version is refused (`PUBLISHER_FAILED`). It
 * also refuses to publish an id it withdrew or let expire: a withdrawn or expired item is
 * never shown again.
 */
export function memoryPublisher(options: MemoryPublisherOptions = {}): MemoryPublisher {
  const channel = options.channel ?? "内存公示渠道";
  const locationOf = options.locationOf ?? ((id: string) => `memory:${id}`);
  const items = new Map<string, PublishedItem>();
  const notices = new Map<string, WithdrawalNotice>();
  const expired = new Set<string>();
  const log: MemoryPublisherChange[] = [];
  const failures: Record<PublisherMethod, number> = { publish: 0, withdraw: 0, expire: 0 };
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
  const receipt = (id: string, changed: boolean): PublishReceipt => ({ channel, location: locationOf(id), changed });
  const failing = (method: PublisherMethod): SanxiangError | undefined => {
    if (failures[method] <= 0) return undefined;
    failures[method] -= 1;
    return sanxiangError("PUBLISHER_FAILED", `公示渠道「${channel}」暂时不可用（${method}）`, {
      details: { channel, method },
    });
  };
  const refuse = (message: string, details: Record<string, unknown>): Result<PublishReceipt, SanxiangError> =>
    err(sanxiangError("PUBLISHER_FAILED", message, { details: { channel, ...details } }));
  const byId = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

  return {
    specificationVersion: "v1",
    channel,
    async publish(input) {
      const parsed = PublishedItemSchema.safeParse(input);
      if (!parsed.success) {
        return err(
          sanxiangError("INVALID_INPUT", "公示条目无效", { details: { issues: issuesOf(parsed.error.issues) } }),
        );
      }
      const item = parsed.data;
      const failure = failing("publish");
      if (failure !== undefined) return err(failure);
      if (notices.has(item.id) || expired.has(item.id)) {
        return refuse(`公示信息 ${item.id} 已撤回或公示期满，不能再次发布`, { id: item.id });
      }
      const shown = items.get(item.id);
      if (shown !== undefined && item.version < shown.version) {
        return refuse(`公示信息 ${item.id} 已发布第 ${shown.version} 版，不能发布较早的第 ${item.version} 版`, {
          id: item.id,
          shown: shown.version,
          given: item.version,
        });
      }
      if (shown !== undefined && item.version === shown.version) {
        if (item.contentHash === shown.contentHash) return ok(receipt(item.id, false));
        return refuse(`公示信息 ${item.id} 第 ${item.version} 版已以其他内容发布`, { id: item.id });
      }
      items.set(item.id, copy(item));
      log.push({ op: "publish", id: item.id, version: item.version, contentHash: item.contentHash });
      return ok(receipt(item.id, true));
    },
    async withdraw(input) {
      const parsed = WithdrawalNoticeSchema.safeParse(input);
      if (!parsed.success) {
        return err(
          sanxiangError("INVALID_INPUT", "撤回公告无效", { details: { issues: issuesOf(parsed.error.issues) } }),
        );
      }
      const notice = parsed.data;
      const failure = failing("withdraw");
      if (failure !== undefined) return err(failure);
      if (notices.has(notice.id)) return ok(receipt(notice.id, false));
      items.delete(notice.id);
      notices.set(notice.id, copy(notice));
      log.push({ op: "withdraw", id: notice.id });
      return ok(receipt(notice.id, true));
    },
    async expire(id, at) {
      if (typeof id !== "string" || id.length === 0 || !InstantSchema.safeParse(at).success) {
        return err(sanxiangError("INVALID_INPUT", "公示期满：标识或时间无效", { details: { id, at } }));
      }
      const failure = failing("expire");
      if (failure !== undefined) return err(failure);
      if (!items.has(id)) return ok({ channel, changed: false });
      items.delete(id);
      expired.add(id);
      log.push({ op: "expire", id, at });
      return ok({ channel, changed: true });
    },
    items: () => byId(items).map(([, v]) => copy(v)),
    item: (id) => {
      const v = items.get(id);
      return v === undefined ? undefined : copy(v);
    },
    notices: () => byId(notices).map(([, v]) => copy(v)),
    changes: () => log.map((c) => ({ ...c })),
    failNext(method, times = 1) {
      failures[method] += times;
    },
  };
}
