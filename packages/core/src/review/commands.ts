import { z } from "zod";
import { IdSchema } from "../kernel/ports.js";
import { InstantSchema } from "../kernel/time.js";
import { ReviewDraftSchema } from "./draft.js";
import {
  DiscussionResolutionSchema,
  ReviewFindingSchema,
  ReviewMaterialSchema,
  ReviewOutcomeSchema,
} from "./schema.js";

/** When the act happened (default: the context's `now`); never later than `now`. */
const at = InstantSchema.optional();
const materials = z.array(ReviewMaterialSchema).readonly().default([]);

/**
 * 法制审核命令 — what an app asks of a legal review, one per step:
 * - `review.submit` 送审 (by the handling unit: the draft, its materials, the officers who handled the case);
 * - `review.assign` 指定审核人员;
 * - `review.extend` 延长审核期限 (once, for a complex case);
 * - `review.escalate` 提交法律顾问室 / `review.advise` 记录法律顾问室意见;
 * - `review.conclude` 出具审核意见 (findings on every checklist item, the outcome);
 * - `review.resubmit` 修改后重新送审;
 * - `review.dispute` 承办机构对审核意见有异议;
 * - `review.discuss` 集体讨论 (participants — each a registered head of the body in post that day —
 *   resolution, conclusion; the quorum is counted over the registry's heads in post).
 */
export const ReviewCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("review.submit"),
    at,
    caseId: IdSchema,
    draft: ReviewDraftSchema,
    materials,
    handlingOfficerIds: z.array(IdSchema).min(1).readonly(),
  }),
  z.object({ type: z.literal("review.assign"), at, reviewerId: IdSchema }),
  z.object({ type: z.literal("review.extend"), at, reason: z.string().trim().min(1) }),
  z.object({ type: z.literal("review.escalate"), at, reason: z.string().trim().min(1) }),
  z.object({ type: z.literal("review.advise"), at, opinion: z.string().trim().min(1), materials }),
  z.object({
    type: z.literal("review.conclude"),
    at,
    outcome: ReviewOutcomeSchema,
    findings: z.array(ReviewFindingSchema).readonly(),
    requiredChanges: z.array(z.string().trim().min(1)).readonly().default([]),
    opinion: z.string().trim().min(1),
  }),
  z.object({
    type: z.literal("review.resubmit"),
    at,
    draft: ReviewDraftSchema,
    changes: z.string().trim().min(1),
    materials,
  }),
  z.object({ type: z.literal("review.dispute"), at, reason: z.string().trim().min(1) }),
  z.object({
    type: z.literal("review.discuss"),
    at,
    /** 参加讨论的负责人 — officer ids, each a head of the case's body registered and in post on the day. */
    participants: z.array(IdSchema).min(1).readonly(),
    /** 负责人总数 — no longer used: the total is the registry's count of the body's heads in post (kept for callers written before). */
    membersTotal: z.number().int().min(1).optional(),
    resolution: DiscussionResolutionSchema,
    conclusion: z.string().trim().min(1),
  }),
]);
/** 法制审核命令 (see {@link ReviewCommandSchema}). */
export type ReviewCommand = z.infer<typeof ReviewCommandSchema>;
/** A command as an app writes it (defaults not yet applied). */
export type ReviewCommandInput = z.input<typeof ReviewCommandSchema>;
/** The `type` of a {@link ReviewCommand}. */
export type ReviewCommandType = ReviewCommand["type"];
