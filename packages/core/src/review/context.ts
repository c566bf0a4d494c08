import type { Instant } from "../kernel/time.js";
import type { MajorReason } from "./catalogue.js";
import type { ReviewDraft } from "./draft.js";
import type { ReviewEvent } from "./events.js";
import type { DiscussionResolution, ReviewDeadline, ReviewFinding, ReviewMaterial, ReviewOutcome } from "./schema.js";

/** 审核意见记录 — one opinion given in the review (the latest is the one in force). */
export interface ReviewConclusion {
  /** When it was given. */
  readonly at: Instant;
  /** The reviewer. */
  readonly reviewerId: string;
  /** 同意 / 存在问题 / 不同意. */
  readonly outcome: ReviewOutcome;
  /** The draft it is about. */
  readonly draftHash: string;
  /** Findings on each checklist item. */
  readonly findings: readonly ReviewFinding[];
  /** 修改意见. */
  readonly requiredChanges: readonly string[];
  /** 审核意见. */
  readonly opinion: string;
  /** Given after the deadline. */
  readonly late: boolean;
}

/** 集体讨论记录 — one collective discussion of a disagreement. */
export interface ReviewDiscussion {
  /** When it was held. */
  readonly at: Instant;
  /** 参加人员. */
  readonly participants: readonly string[];
  /** 负责人总数. */
  readonly membersTotal: number;
  /** The resolution. */
  readonly resolution: DiscussionResolution;
  /** 讨论结论. */
  readonly conclusion: string;
  /** The draft discussed. */
  readonly draftHash: string;
}

/** 审核通过 — an approval in force: the draft hash it binds to, when, and by what. */
export interface ReviewApproval {
  /** The approved draft's hash. */
  readonly draftHash: string;
  /** When. */
  readonly at: Instant;
  /** 审核人员同意 (`reviewer`) or 集体讨论采纳 (`discussion`). */
  readonly by: "reviewer" | "discussion";
}

/**
 * 法制审核情况 — the context of a review: the case and the draft under review (with its hash
 * and why it is major), the materials, the officers who handled the case, the deadline,
 * the reviewer, escalation, every opinion and discussion, and the approval in force (absent
 * once the draft is re-submitted).
 */
export interface ReviewContext {
  /** The review (its stream id). */
  readonly reviewId: string;
  /** The case. */
  readonly caseId?: string;
  /** 决定草案 under review. */
  readonly draft?: ReviewDraft;
  /** Its hash. */
  readonly draftHash?: string;
  /** Why it is major. */
  readonly reasons: readonly MajorReason[];
  /** Every material submitted so far. */
  readonly materials: readonly ReviewMaterial[];
  /** 承办人员 (recused). */
  readonly handlingOfficerIds: readonly string[];
  /** 审核期限 in force. */
  readonly due?: ReviewDeadline;
  /** Whether the deadline of the current submission was extended. */
  readonly extended: boolean;
  /** 审核人员. */
  readonly reviewerId?: string;
  /** The reviewer's 法律职业资格证书编号, when held. */
  readonly legalQualification?: string | undefined;
  /** 提交法律顾问室 of the current submission, with the office's opinion once given. */
  readonly escalation?: { readonly at: Instant; readonly reason: string; readonly advice?: string } | undefined;
  /** Every opinion, oldest first. */
  readonly conclusions: readonly ReviewConclusion[];
  /** 异议 of the current submission. */
  readonly dispute?: { readonly at: Instant; readonly reason: string } | undefined;
  /** Every discussion, oldest first. */
  readonly discussions: readonly ReviewDiscussion[];
  /** Whether the current submission was already discussed (one discussion per submission). */
  readonly discussed: boolean;
  /** 审核通过 in force (`undefined` once a re-submission voids it). */
  readonly approval?: ReviewApproval | undefined;
  /** Number of submissions (1 + re-submissions). */
  readonly submissions: number;
  /** When the last act took place. */
  readonly lastAt?: Instant;
}

/** A review before its first event. */
export function emptyReviewContext(reviewId: string): ReviewContext {
  return {
    reviewId,
    reasons: [],
    materials: [],
    handlingOfficerIds: [],
    extended: false,
    conclusions: [],
    discussions: [],
    discussed: false,
    submissions: 0,
  };
}

function mergeMaterials(old: readonly ReviewMaterial[], added: readonly ReviewMaterial[]): ReviewMaterial[] {
  const seen = new Set(old.map((m) => `${m.kind}:${m.id}`));
  return [...old, ...added.filter((m) => !seen.has(`${m.kind}:${m.id}`))];
}

/** The context after one event (pure; the machine decides whether the event is accepted). */
export function evolveReviewContext(c: ReviewContext, e: ReviewEvent): ReviewContext {
  const base = { ...c, lastAt: e.at };
  switch (e.type) {
    case "review.submitted":
      return {
        ...base,
        caseId: e.caseId,
        draft: e.draft,
        draftHash: e.draftHash,
        reasons: e.reasons,
        materials: mergeMaterials([], e.materials),
        handlingOfficerIds: e.handlingOfficerIds,
        due: e.due,
        submissions: 1,
      };
    case "review.assigned": {
      // `legalQualification: undefined` rather than an omitted key: `assign` merges, and the
      // previous reviewer's certificate must not stay on the new reviewer.
      return { ...base, reviewerId: e.reviewerId, legalQualification: e.legalQualification };
    }
    case "review.extended":
      return { ...base, due: e.due, extended: true };
    case "review.escalated":
      return { ...base, escalation: { at: e.at, reason: e.reason } };
    case "review.advised":
      return {
        ...base,
        materials: mergeMaterials(c.materials, e.materials),
        ...(c.escalation === undefined ? {} : { escalation: { ...c.escalation, advice: e.opinion } }),
      };
    case "review.concluded": {
      const { type: _t, ...conclusion } = e;
      return {
        ...base,
        conclusions: [...c.conclusions, conclusion],
        ...(e.outcome === "approved"
          ? { approval: { draftHash: e.draftHash, at: e.at, by: "reviewer" as const } }
          : {}),
      };
    }
    case "review.resubmitted": {
      // Explicit `undefined`, not omitted keys: the machine's `assign` merges what this returns
      // into the old context, so an omitted key would keep the voided approval.
      return {
        ...base,
        approval: undefined,
        escalation: undefined,
        dispute: undefined,
        draft: e.draft,
        draftHash: e.draftHash,
        reasons: e.reasons,
        materials: mergeMaterials(c.materials, e.materials),
        due: e.due,
        extended: false,
        discussed: false,
        submissions: c.submissions + 1,
      };
    }
    case "review.disputed":
      return { ...base, dispute: { at: e.at, reason: e.reason } };
    case "review.discussed": {
      const { type: _t, ...discussion } = e;
      return {
        ...base,
        discussions: [...c.discussions, discussion],
        discussed: true,
        ...(e.resolution === "adoptDraft"
          ? { approval: { draftHash: e.draftHash, at: e.at, by: "discussion" as const } }
          : {}),
      };
    }
  }
}
