import type { SanxiangError } from "../kernel/errors.js";
import type { Result } from "../kernel/result.js";
import type { Instant } from "../kernel/time.js";
import type { PublishedItem, WithdrawalNotice } from "./schema.js";

/** 发布回执 — what a {@link Publisher} acknowledges: the channel and where the public finds it. */
export interface PublishReceipt {
  /** 公示渠道 — the channel's name, e.g. `法治政府网`, `国家企业信用信息公示系统`. */
  readonly channel: string;
  /** Where the item (or the withdrawal notice) can be read: a URL or a path in the site. */
  readonly location?: string;
  /** False when nothing changed because the same version was already there (an idempotent retry). */
  readonly changed: boolean;
}

/**
 * 公示发布端口 — the port a publishing adapter implements (the public disclosure website
 * `@sanxiang/publish-site`, a credit platform, a service-hall screen), version 1. A contract,
 * not just a signature:
 *
 * - Only the disclosure workflow calls it, and only with content the responsible head
 *   signed off (the workflow checks the hash before calling): an adapter publishes exactly
 *   what it is given and never edits it.
 * - Every method returns a `Result` and never throws; failures are `Err` with
 *   `PUBLISHER_FAILED` (the adapter's error as `cause`); input that fails its schema is
 *   `Err` with `INVALID_INPUT` and changes nothing.
 * - Idempotent: `publish` of a version already published, `withdraw` of an item already
 *   withdrawn and `expire` of an item already gone succeed with `changed: false`. The
 *   workflow records its event only after the port acknowledged, and retries after a crash,
 *   so an adapter must accept the same call twice.
 * - `publish` of a newer `version` of an item replaces the older one (纠错); of an older
 *   version than the one shown, refuses (`PUBLISHER_FAILED`) and changes nothing.
 * - `withdraw` removes the item and leaves the public {@link WithdrawalNotice} in its place
 *   (行政处罚法 Art. 48 para. 2); `expire` removes it at the end of its publicity period and
 *   leaves nothing.
 */
export interface Publisher {
  /** The contract version this adapter implements. */
  readonly specificationVersion: "v1";
  /** 公示渠道 — the channel's name, as receipts and the audit log record it. */
  readonly channel: string;
  /** Publishes (or replaces with a newer version) one item. */
  publish(item: PublishedItem): Promise<Result<PublishReceipt, SanxiangError>>;
  /** Withdraws an item and shows the notice instead. */
  withdraw(notice: WithdrawalNotice): Promise<Result<PublishReceipt, SanxiangError>>;
  /** Removes an item whose publicity period ended (公示期满), at `at`. */
  expire(id: string, at: Instant): Promise<Result<PublishReceipt, SanxiangError>>;
}
