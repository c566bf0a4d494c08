import { assign, type SnapshotFrom, setup } from "xstate";
import { emptyReviewContext, evolveReviewContext, type ReviewContext } from "./context.js";
import type { ReviewEvent } from "./events.js";

/** An opinion is the assigned reviewer's, on the draft under review. */
function conclusionAllowed(c: ReviewContext, e: ReviewEvent): boolean {
  return (
    e.type === "review.concluded" &&
    c.reviewerId !== undefined &&
    e.reviewerId === c.reviewerId &&
    e.draftHash === c.draftHash &&
    !c.handlingOfficerIds.includes(e.reviewerId)
  );
}

/** A discussion is of the draft under review, with no more distinct participants than members. */
function discussionAllowed(c: ReviewContext, e: ReviewEvent): boolean {
  return (
    e.type === "review.discussed" &&
    e.draftHash === c.draftHash &&
    new Set(e.participants).size === e.participants.length &&
    e.participants.length <= e.membersTotal
  );
}

const outcomeIs = (o: "approved" | "problems" | "rejected") => (c: ReviewContext, e: ReviewEvent) =>
  conclusionAllowed(c, e) && e.type === "review.concluded" && e.outcome === o;

const resolutionIs = (r: "adoptDraft" | "adoptReview" | "reject") => (c: ReviewContext, e: ReviewEvent) =>
  discussionAllowed(c, e) && e.type === "review.discussed" && e.resolution === r;

/**
 * 法制审核状态机 — the legal review of a major decision as an XState v5 machine, driven by
 * the review's events (facts already decided). Pure: one `assign` action
 * ({@link evolveReviewContext}), synchronous guards, no timers — the deadline is an absolute
 * date in context.
 *
 * States: 未送审 `unsubmitted` → 待指定审核人员 `submitted` → 审核中 `underReview` (⇄ 法律顾问室
 * `escalated`) → 同意 `approved` | 存在问题 `changesRequired` | 不同意 `rejected`. From
 * 存在问题 and 不同意 the handling unit re-submits (→ `underReview`) or disputes (→ 集体讨论
 * `disputed`, once per submission), and the discussion adopts the draft (→ `approved`), the
 * review (→ `changesRequired`) or neither (→ `rejected`). A re-submission from `approved`
 * voids the approval. The guards are the backstop of the decider's checks: an opinion only by
 * the assigned reviewer, never one who handled the case, and only on the draft under review.
 */
export const reviewMachine = setup({
  types: {
    context: {} as ReviewContext,
    events: {} as ReviewEvent,
    input: {} as { readonly reviewId: string },
  },
  actions: {
    assignContext: assign(({ context, event }) => evolveReviewContext(context, event)),
  },
  guards: {
    notRecused: ({ context, event }) =>
      event.type === "review.assigned" && !context.handlingOfficerIds.includes(event.reviewerId),
    mayExtend: ({ context }) => !context.extended,
    approves: ({ context, event }) => outcomeIs("approved")(context, event),
    findsProblems: ({ context, event }) => outcomeIs("problems")(context, event),
    rejects: ({ context, event }) => outcomeIs("rejected")(context, event),
    mayDispute: ({ context }) => !context.discussed,
    adoptsDraft: ({ context, event }) => resolutionIs("adoptDraft")(context, event),
    adoptsReview: ({ context, event }) => resolutionIs("adoptReview")(context, event),
    rejectsBoth: ({ context, event }) => resolutionIs("reject")(context, event),
  },
}).createMachine({
  id: "review",
  context: ({ input }) => emptyReviewContext(input?.reviewId ?? ""),
  initial: "unsubmitted",
  states: {
    unsubmitted: { on: { "review.submitted": { target: "submitted", actions: "assignContext" } } },
    submitted: {
      on: {
        "review.assigned": { guard: "notRecused", target: "underReview", actions: "assignContext" },
        "review.extended": { guard: "mayExtend", actions: "assignContext" },
      },
    },
    underReview: {
      on: {
        "review.assigned": { guard: "notRecused", actions: "assignContext" },
        "review.extended": { guard: "mayExtend", actions: "assignContext" },
        "review.escalated": { target: "escalated", actions: "assignContext" },
        "review.concluded": [
          { guard: "approves", target: "approved", actions: "assignContext" },
          { guard: "findsProblems", target: "changesRequired", actions: "assignContext" },
          { guard: "rejects", target: "rejected", actions: "assignContext" },
        ],
      },
    },
    escalated: {
      on: {
        "review.extended": { guard: "mayExtend", actions: "assignContext" },
        "review.advised": { target: "underReview", actions: "assignContext" },
      },
    },
    changesRequired: {
      on: {
        "review.resubmitted": { target: "underReview", actions: "assignContext" },
        "review.disputed": { guard: "mayDispute", target: "disputed", actions: "assignContext" },
      },
    },
    rejected: {
      on: {
        "review.resubmitted": { target: "underReview", actions: "assignContext" },
        "review.disputed": { guard: "mayDispute", target: "disputed", actions: "assignContext" },
      },
    },
    disputed: {
      on: {
        "review.discussed": [
          { guard: "adoptsDraft", target: "approved", actions: "assignContext" },
          { guard: "adoptsReview", target: "changesRequired", actions: "assignContext" },
          { guard: "rejectsBoth", target: "rejected", actions: "assignContext" },
        ],
      },
    },
    approved: { on: { "review.resubmitted": { target: "underReview", actions: "assignContext" } } },
  },
});

/** A snapshot of {@link reviewMachine}. */
export type ReviewSnapshot = SnapshotFrom<typeof reviewMachine>;

/** 审核状态 — the states of a review (see {@link reviewMachine}). */
export const REVIEW_STATES = [
  "unsubmitted",
  "submitted",
  "underReview",
  "escalated",
  "changesRequired",
  "rejected",
  "disputed",
  "approved",
] as const;
/** 审核状态 (see {@link REVIEW_STATES}). */
export type ReviewStateName = (typeof REVIEW_STATES)[number];

/** The Chinese name of each {@link ReviewStateName}, as officers read it. */
export const REVIEW_STATE_NAMES: Readonly<Record<ReviewStateName, string>> = {
  unsubmitted: "未送审",
  submitted: "待指定审核人员",
  underReview: "审核中",
  escalated: "法律顾问室审核中",
  changesRequired: "存在问题，待修改",
  rejected: "审核不同意",
  disputed: "待集体讨论",
  approved: "审核通过",
};

/** The event types the machine accepts in `state` (guards aside), read from the machine itself. */
export function reviewEventsAcceptedIn(state: ReviewStateName): readonly string[] {
  const node = reviewMachine.states[state];
  return node === undefined ? [] : node.ownEvents.map(String);
}
