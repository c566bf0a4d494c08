import { z } from "zod";
import { IdSchema } from "../kernel/ports.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { InstantSchema } from "../kernel/time.js";
import { ReviewRuleIdSchema } from "./catalogue.js";
import { ReviewDraftSchema } from "./draft.js";
import {
  DiscussionResolutionSchema,
  ReviewDeadlineSchema,
  ReviewFindingSchema,
  ReviewMaterialSchema,
  ReviewOutcomeSchema,
} from "./schema.js";

const at = InstantSchema;
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const materials = z.array(ReviewMaterialSchema).readonly();

/** 认定理由 as stored in `review.submitted` (see {@link classifyDecision}). */
export const MajorReasonSchema = z
  .object({ rule: ReviewRuleIdSchema, text: z.string(), source: RuleSourceSchema })
  .readonly();

/**
 * 法制审核事件 — what happened in a legal review, as the `type` and `payload` of a
 * {@link recording.CaseEvent} in the review's own stream (its id chosen by the bureau, e.g.
 * `case-1.review`), so that reviews share the bureau's event store and Merkle log with the
 * cases. Every event carries `at`, when the act took place; deadlines travel in the events
 * as absolute dates, computed when the event was decided.
 *
 * - `review.submitted` 送审 (the draft, its hash, the classification, the materials, the
 *   officers who handled the case, the deadline);
 * - `review.assigned` 指定审核人员 (qualified and not recused);
 * - `review.extended` 延长审核期限;
 * - `review.escalated` 提交法律顾问室 / `review.advised` 法律顾问室意见;
 * - `review.concluded` 审核意见 (同意 / 存在问题 / 不同意, findings on each item);
 * - `review.resubmitted` 修改后重新送审 (a new draft and hash);
 * - `review.disputed` 承办机构有异议 / `review.discussed` 集体讨论 (participants, quorum, conclusion).
 */
export const ReviewEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("review.submitted"),
    at,
    /** 案件 — the case reviewed. */
    caseId: IdSchema,
    draft: ReviewDraftSchema,
    draftHash: hash,
    /** Why the draft is major (empty when submitted without being major). */
    reasons: z.array(MajorReasonSchema).readonly(),
    materials,
    /** 承办人员 — the officers who handled the case (recused from reviewing it). */
    handlingOfficerIds: z.array(IdSchema).min(1).readonly(),
    due: ReviewDeadlineSchema,
  }),
  z.object({
    type: z.literal("review.assigned"),
    at,
    reviewerId: IdSchema,
    /** 法律职业资格证书编号, when the reviewer holds one. */
    legalQualification: z.string().optional(),
  }),
  z.object({ type: z.literal("review.extended"), at, reason: z.string(), due: ReviewDeadlineSchema }),
  z.object({ type: z.literal("review.escalated"), at, reason: z.string() }),
  z.object({ type: z.literal("review.advised"), at, opinion: z.string(), materials }),
  z.object({
    type: z.literal("review.concluded"),
    at,
    reviewerId: IdSchema,
    outcome: ReviewOutcomeSchema,
    /** The hash of the draft the opinion is about. */
    draftHash: hash,
    findings: z.array(ReviewFindingSchema).readonly(),
    /** 修改意见 — required changes (存在问题). */
    requiredChanges: z.array(z.string()).readonly(),
    /** 审核意见 — the written opinion. */
    opinion: z.string(),
    /** Given after the deadline. */
    late: z.boolean(),
  }),
  z.object({
    type: z.literal("review.resubmitted"),
    at,
    draft: ReviewDraftSchema,
    draftHash: hash,
    reasons: z.array(MajorReasonSchema).readonly(),
    /** 修改说明 — what was changed. */
    changes: z.string(),
    materials,
    due: ReviewDeadlineSchema,
  }),
  z.object({ type: z.literal("review.disputed"), at, reason: z.string() }),
  z.object({
    type: z.literal("review.discussed"),
    at,
    /** 参加讨论的负责人. */
    participants: z.array(IdSchema).min(1).readonly(),
    /** 负责人总数 — the body's heads in post that day (the registry's count), over which the quorum was counted. */
    membersTotal: z.number().int().min(1),
    resolution: DiscussionResolutionSchema,
    /** 讨论结论. */
    conclusion: z.string(),
    /** The hash of the draft discussed. */
    draftHash: hash,
  }),
]);
/** 法制审核事件 (see {@link ReviewEventSchema}). */
export type ReviewEvent = z.infer<typeof ReviewEventSchema>;
/** The `type` of a {@link ReviewEvent}. */
export type ReviewEventType = ReviewEvent["type"];
