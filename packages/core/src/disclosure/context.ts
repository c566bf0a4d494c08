import type { CaseDeadline } from "../enforcement/deadline.js";
import type { RuleSource } from "../kernel/source.js";
import type { CivilDate, Instant } from "../kernel/time.js";
import type { EarlyEndConditions, WithdrawalCause } from "./commands.js";
import type { DisclosureDraft } from "./draft.js";
import type { DisclosureEvent } from "./events.js";
import type { Redaction } from "./redaction.js";
import type { DisclosureContent, PublishedItem, WithdrawalNotice } from "./schema.js";

/** 负责人审定 — a sign-off in force: the hash of the content signed off, by whom, when. */
export interface DisclosureApproval {
  /** The hash of exactly the content signed off. */
  readonly contentHash: string;
  /** The head who signed off. */
  readonly approverId: string;
  /** When. */
  readonly at: Instant;
}

/** 撤回事由 recorded: why, since when, and the deadline. */
export interface DisclosureWithdrawalDuty {
  /** 变更 / 撤销 / 确认违法 / 确认无效. */
  readonly cause: WithdrawalCause;
  /** The day of the change. */
  readonly changedOn: CivilDate;
  /** 撤回期限. */
  readonly due: CaseDeadline;
  /** When it was recorded. */
  readonly at: Instant;
}

/**
 * 公示情况 — the context of one disclosure: the draft; the content being worked on (the
 * draft's, a revision, or a pending correction) with its hash and redactions; the
 * publication deadline; the sign-off in force (of exactly `contentHash`); the item the public
 * sees now (`published`, which stays the old version while a correction is pending); and the
 * withholding, withdrawal duty, withdrawal notice, expiry, forwarding (跨省推送) or early end
 * (提前停止公示) once they happen.
 */
export interface DisclosureContext {
  /** The disclosure (its stream id). */
  readonly disclosureId: string;
  /** 拟公示信息. */
  readonly draft?: DisclosureDraft;
  /** The content being worked on (the next version while a correction is pending). */
  readonly content?: DisclosureContent;
  /** Its hash. */
  readonly contentHash?: string;
  /** What redaction masked in it. */
  readonly redactions: readonly Redaction[];
  /** 公示期限 (from the draft). */
  readonly due?: CaseDeadline;
  /** 负责人审定 in force (undefined after a revision, correction or publication until signed off again). */
  readonly approval?: DisclosureApproval | undefined;
  /** 更正理由 of the pending correction (the public note of the next version). */
  readonly correctionReason?: string | undefined;
  /** The item the public sees now. */
  readonly published?: PublishedItem;
  /** 公示渠道 and location of the last publication. */
  readonly channel?: string;
  /** Where the public finds it. */
  readonly location?: string | undefined;
  /** 不予公开, when withheld. */
  readonly withheld?: { readonly at: Instant; readonly reason: string; readonly source: RuleSource };
  /** 应当撤回, once recorded. */
  readonly withdrawal?: DisclosureWithdrawalDuty;
  /** 撤回公告, once withdrawn, and whether late. */
  readonly withdrawn?: { readonly notice: WithdrawalNotice; readonly late: boolean };
  /** When the publicity period ended (公示期满). */
  readonly expiredAt?: Instant;
  /** 跨省推送, once forwarded: to whom, via whom, when. */
  readonly forwarded?: { readonly at: Instant; readonly to: string; readonly via: string };
  /** 提前停止公示, once granted: when, and the conditions attested. */
  readonly endedEarly?: { readonly at: Instant; readonly conditions: EarlyEndConditions };
  /** When the last act took place. */
  readonly lastAt?: Instant;
}

/** A disclosure before its first event. */
export function emptyDisclosureContext(disclosureId: string): DisclosureContext {
  return { disclosureId, redactions: [] };
}

/**
 * The context after one event (pure; the machine decides whether the event is accepted).
 * Fields that end are set to `undefined`, never deleted: XState's `assign` merges the result
 * into the old context, so a missing key would keep its old value.
 */
export function evolveDisclosureContext(c: DisclosureContext, e: DisclosureEvent): DisclosureContext {
  const base = { ...c, lastAt: e.at };
  switch (e.type) {
    case "disclosure.drafted":
      return {
        ...base,
        draft: e.draft,
        content: e.draft.content,
        contentHash: e.contentHash,
        redactions: e.draft.redactions,
        ...(e.due === undefined ? {} : { due: e.due }),
      };
    case "disclosure.withheld":
      return { ...base, withheld: { at: e.at, reason: e.reason, source: e.source } };
    case "disclosure.revised":
      return { ...base, approval: undefined, content: e.content, contentHash: e.contentHash, redactions: e.redactions };
    case "disclosure.approved":
      return { ...base, approval: { contentHash: e.contentHash, approverId: e.approverId, at: e.at } };
    case "disclosure.published":
      return {
        ...base,
        approval: undefined,
        correctionReason: undefined,
        published: e.item,
        content: e.item.content,
        contentHash: e.item.contentHash,
        channel: e.channel,
        location: e.location,
      };
    case "disclosure.corrected":
      return {
        ...base,
        approval: undefined,
        content: e.content,
        contentHash: e.contentHash,
        redactions: e.redactions,
        correctionReason: e.reason,
      };
    case "disclosure.withdrawalRequired":
      return { ...base, withdrawal: { cause: e.cause, changedOn: e.changedOn, due: e.due, at: e.at } };
    case "disclosure.withdrawn":
      return { ...base, withdrawn: { notice: e.notice, late: e.late } };
    case "disclosure.expired":
      return { ...base, expiredAt: e.at };
    case "disclosure.forwarded":
      return { ...base, approval: undefined, forwarded: { at: e.at, to: e.to, via: e.via } };
    case "disclosure.endedEarly":
      return { ...base, endedEarly: { at: e.at, conditions: e.conditions } };
  }
}
