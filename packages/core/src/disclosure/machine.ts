import { assign, type SnapshotFrom, setup } from "xstate";
import { type DisclosureContext, emptyDisclosureContext, evolveDisclosureContext } from "./context.js";
import type { DisclosureEvent } from "./events.js";
import { crossProvinceOf } from "./routing.js";

/** The draft goes to another province's bureau (市场监督管理行政处罚信息公示规定 Art. 10): it is forwarded, never published here. */
function isCrossProvince(c: DisclosureContext): boolean {
  return crossProvinceOf(c.draft?.routing) !== undefined;
}

/** The draft is this stream's. */
function draftIsThis(c: DisclosureContext, e: DisclosureEvent): boolean {
  return e.type === "disclosure.drafted" && e.draft.disclosureId === c.disclosureId;
}

/** A sign-off binds to exactly the content being worked on. */
function signsCurrent(c: DisclosureContext, e: DisclosureEvent): boolean {
  return e.type === "disclosure.approved" && c.contentHash !== undefined && e.contentHash === c.contentHash;
}

/**
 * Nothing is published without a sign-off of the same hash, and every publication is the
 * next version of this disclosure.
 */
function publishesSignedOff(c: DisclosureContext, e: DisclosureEvent): boolean {
  return (
    e.type === "disclosure.published" &&
    !isCrossProvince(c) &&
    c.approval !== undefined &&
    e.item.id === c.disclosureId &&
    e.item.contentHash === c.approval.contentHash &&
    e.item.contentHash === c.contentHash &&
    e.item.version === (c.published?.version ?? 0) + 1
  );
}

/** A cross-province draft forwards exactly the signed-off content of this disclosure. */
function forwardsSignedOff(c: DisclosureContext, e: DisclosureEvent): boolean {
  return (
    e.type === "disclosure.forwarded" &&
    isCrossProvince(c) &&
    c.approval !== undefined &&
    e.information.disclosureId === c.disclosureId &&
    e.information.contentHash === c.approval.contentHash &&
    e.information.contentHash === c.contentHash
  );
}

/** The notice is of this disclosure. */
function noticeIsThis(c: DisclosureContext, e: DisclosureEvent): boolean {
  return e.type === "disclosure.withdrawn" && e.notice.id === c.disclosureId;
}

/**
 * 公示状态机 — one disclosure as an XState v5 machine, driven by its events (facts already
 * decided). Pure: one `assign` action ({@link evolveDisclosureContext}), synchronous guards,
 * no timers — deadlines are absolute dates in context.
 *
 * States: 未拟定 `undrafted` → 待审定 `drafted` (⇄ revisions) → 已审定待发布 `approved` →
 * 已公示 `published`; from 已公示, 纠错 goes to 更正待审定 `correcting` → 更正已审定
 * `correctionApproved` → `published` again with the next version (the old version stays
 * public meanwhile). 不予公开 `withheld` ends a draft that must not be published. A
 * published item (also one with a pending correction) becomes 应当撤回 `withdrawalDue` when
 * its decision is changed, revoked or found unlawful, and 已撤回 `withdrawn` with a public
 * notice; or 公示期满 `expired` at the end of its publicity period, or 提前停止公示
 * `endedEarly` when the head grants an early end (市场监督管理行政处罚信息公示规定 Art. 14). A
 * cross-province draft (Art. 10) is never published by its stream: once signed off it is
 * 已跨省推送 `forwarded` to the registration-place bureau, which publishes in its own stream.
 * `withheld`, `withdrawn`, `expired`, `endedEarly` and `forwarded` are final: an item that
 * left the public is never published again.
 *
 * The guards are the backstop of the decider's checks: a sign-off only of the content being
 * worked on, a publication only of the signed-off hash and only as the next version.
 */
export const disclosureMachine = setup({
  types: {
    context: {} as DisclosureContext,
    events: {} as DisclosureEvent,
    input: {} as { readonly disclosureId: string },
  },
  actions: {
    assignContext: assign(({ context, event }) => evolveDisclosureContext(context, event)),
  },
  guards: {
    draftIsThis: ({ context, event }) => draftIsThis(context, event),
    signsCurrent: ({ context, event }) => signsCurrent(context, event),
    publishesSignedOff: ({ context, event }) => publishesSignedOff(context, event),
    noticeIsThis: ({ context, event }) => noticeIsThis(context, event),
    forwardsSignedOff: ({ context, event }) => forwardsSignedOff(context, event),
  },
}).createMachine({
  id: "disclosure",
  context: ({ input }) => emptyDisclosureContext(input?.disclosureId ?? ""),
  initial: "undrafted",
  states: {
    undrafted: {
      on: { "disclosure.drafted": { guard: "draftIsThis", target: "drafted", actions: "assignContext" } },
    },
    drafted: {
      on: {
        "disclosure.revised": { actions: "assignContext" },
        "disclosure.approved": { guard: "signsCurrent", target: "approved", actions: "assignContext" },
        "disclosure.withheld": { target: "withheld", actions: "assignContext" },
      },
    },
    approved: {
      on: {
        "disclosure.revised": { target: "drafted", actions: "assignContext" },
        "disclosure.published": { guard: "publishesSignedOff", target: "published", actions: "assignContext" },
        "disclosure.forwarded": { guard: "forwardsSignedOff", target: "forwarded", actions: "assignContext" },
        "disclosure.withheld": { target: "withheld", actions: "assignContext" },
      },
    },
    withheld: { type: "final" },
    forwarded: { type: "final" },
    published: {
      on: {
        "disclosure.corrected": { target: "correcting", actions: "assignContext" },
        "disclosure.withdrawalRequired": { target: "withdrawalDue", actions: "assignContext" },
        "disclosure.withdrawn": { guard: "noticeIsThis", target: "withdrawn", actions: "assignContext" },
        "disclosure.expired": { target: "expired", actions: "assignContext" },
        "disclosure.endedEarly": { target: "endedEarly", actions: "assignContext" },
      },
    },
    correcting: {
      on: {
        "disclosure.corrected": { actions: "assignContext" },
        "disclosure.approved": { guard: "signsCurrent", target: "correctionApproved", actions: "assignContext" },
        "disclosure.withdrawalRequired": { target: "withdrawalDue", actions: "assignContext" },
        "disclosure.withdrawn": { guard: "noticeIsThis", target: "withdrawn", actions: "assignContext" },
        "disclosure.expired": { target: "expired", actions: "assignContext" },
        "disclosure.endedEarly": { target: "endedEarly", actions: "assignContext" },
      },
    },
    correctionApproved: {
      on: {
        "disclosure.corrected": { target: "correcting", actions: "assignContext" },
        "disclosure.published": { guard: "publishesSignedOff", target: "published", actions: "assignContext" },
        "disclosure.withdrawalRequired": { target: "withdrawalDue", actions: "assignContext" },
        "disclosure.withdrawn": { guard: "noticeIsThis", target: "withdrawn", actions: "assignContext" },
        "disclosure.expired": { target: "expired", actions: "assignContext" },
        "disclosure.endedEarly": { target: "endedEarly", actions: "assignContext" },
      },
    },
    withdrawalDue: {
      on: { "disclosure.withdrawn": { guard: "noticeIsThis", target: "withdrawn", actions: "assignContext" } },
    },
    withdrawn: { type: "final" },
    expired: { type: "final" },
    endedEarly: { type: "final" },
  },
});

/** A snapshot of {@link disclosureMachine}. */
export type DisclosureSnapshot = SnapshotFrom<typeof disclosureMachine>;

/** 公示状态 — the states of a disclosure (see {@link disclosureMachine}). */
export const DISCLOSURE_STATES = [
  "undrafted",
  "drafted",
  "approved",
  "withheld",
  "published",
  "correcting",
  "correctionApproved",
  "withdrawalDue",
  "withdrawn",
  "expired",
  "forwarded",
  "endedEarly",
] as const;
/** 公示状态 (see {@link DISCLOSURE_STATES}). */
export type DisclosureStateName = (typeof DISCLOSURE_STATES)[number];

/** The Chinese name of each {@link DisclosureStateName}, as officers read it. */
export const DISCLOSURE_STATE_NAMES: Readonly<Record<DisclosureStateName, string>> = {
  undrafted: "未拟定",
  drafted: "待负责人审定",
  approved: "已审定，待发布",
  withheld: "不予公开",
  published: "已公示",
  correcting: "更正待审定",
  correctionApproved: "更正已审定，待发布",
  withdrawalDue: "应当撤回",
  withdrawn: "已撤回",
  expired: "公示期满",
  forwarded: "已跨省推送",
  endedEarly: "提前停止公示",
};

/** The event types the machine accepts in `state` (guards aside), read from the machine itself. */
export function disclosureEventsAcceptedIn(state: DisclosureStateName): readonly string[] {
  const node = disclosureMachine.states[state];
  return node === undefined ? [] : node.ownEvents.map(String);
}
