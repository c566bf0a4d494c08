import { z } from "zod";
import { IdSchema } from "../../kernel/ports.js";
import { RuleSourceSchema } from "../../kernel/source.js";
import { InstantSchema } from "../../kernel/time.js";
import { CaseDeadlineSchema } from "../deadline.js";
import { ExcludedPeriodSchema } from "../excluded-periods.js";
import { RecordRefSchema } from "../record-ref.js";
import { SeizureMeasureSchema } from "./review.js";
import { HandlingOutcomeSchema, ReleaseGroundSchema } from "./rules.js";

const at = InstantSchema;
const records = z.array(RecordRefSchema).readonly().default([]);

/**
 * 检测、检验、检疫、技术鉴定 — the kinds of examination whose time is not counted in the
 * seizure period (行政强制法 Art. 25 para. 3).
 */
export const ExaminationKindSchema = z.enum(["检测", "检验", "检疫", "技术鉴定"]);
/** 检测鉴定种类 (see {@link ExaminationKindSchema}). */
export type ExaminationKind = z.infer<typeof ExaminationKindSchema>;

/**
 * 查封扣押指令 — what a procedure (or an officer's screen) hands to {@link decideSeizure}:
 * plain data, each with `at`, when the act took place.
 *
 * - `seizure.approve` — the head approves (before the act, or afterwards for an emergency
 *   measure, Art. 19) or, afterwards, refuses (then only release is possible);
 * - `seizure.report` — an officer reports an emergency measure to the head (Art. 19);
 * - `seizure.execute` — the act: officers, items, records (现场笔录, 决定书和清单, 全程音像);
 * - `seizure.extend` — the head's extension (at most the configured days, once), with the
 *   written notice to the party (Art. 25 paras. 1–2) and, when the catalogue classes it as
 *   major, a passed legal review of it;
 * - `seizure.exclude` — a testing or appraisal interval, fixed and notified (Art. 25 para. 3);
 * - `seizure.handle` — the handling decision within the period (Art. 27);
 * - `seizure.release` — 解除 on one of the grounds of Art. 28 para. 1.
 */
export const SeizureCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("seizure.approve"),
    at,
    approverId: IdSchema,
    /** False: the head, after an emergency measure, considers it should not have been taken. */
    approved: z.boolean().default(true),
    /**
     * 拟作出的查封扣押决定 — required to approve (`approved` true): the measure the head
     * approves, which the legal-review gate classifies and, when major, matches against a
     * passed review. Not needed to refuse.
     */
    measure: SeizureMeasureSchema.optional(),
    records,
  }),
  z.object({ type: z.literal("seizure.report"), at, records }),
  z.object({
    type: z.literal("seizure.execute"),
    at,
    /** When the on-site act ended. */
    endedAt: InstantSchema.optional(),
    /** 情况紧急，当场实施 (Art. 19). */
    emergency: z.boolean().default(false),
    officerIds: z.array(IdSchema).min(1).readonly(),
    /** 查封、扣押的场所、设施或者财物. */
    items: z.array(z.string().trim().min(1)).min(1).readonly(),
    records,
  }),
  z.object({
    type: z.literal("seizure.extend"),
    at,
    /** The head who approves the extension — the actor, registered as a head of the body. */
    approverId: IdSchema,
    /** 情况复杂的理由 (told to the party, Art. 25 para. 2). */
    reason: z.string().trim().min(1),
    /**
     * 延长日数 — at most the configured extension (`coercion.seizure`'s row: 30 days, Art. 25
     * para. 1); default: the whole of it.
     */
    days: z.number().int().positive().optional(),
    /**
     * 延长的查封扣押决定 — the measure as extended, which the legal-review gate classifies;
     * default: the measure the head approved (`seizure.approved`'s `measure`).
     */
    measure: SeizureMeasureSchema.optional(),
    /** 延长查封扣押决定书 served on the party: at least one written document (`kind: "document"`). */
    records: z.array(RecordRefSchema).min(1).readonly(),
  }),
  z.object({
    type: z.literal("seizure.exclude"),
    at,
    kind: ExaminationKindSchema,
    period: ExcludedPeriodSchema,
    /** 检测鉴定期间告知书 served on the party (at least one record). */
    records: z.array(RecordRefSchema).min(1).readonly(),
  }),
  z.object({ type: z.literal("seizure.handle"), at, outcome: HandlingOutcomeSchema, records }),
  z.object({ type: z.literal("seizure.release"), at, ground: ReleaseGroundSchema, records }),
]);
/** 查封扣押指令 (see {@link SeizureCommandSchema}). */
export type SeizureCommand = z.infer<typeof SeizureCommandSchema>;
/** {@link SeizureCommand} as callers write it (defaults optional). */
export type SeizureCommandInput = z.input<typeof SeizureCommandSchema>;

/**
 * 审核关口结论 — what the gate found when the head approved: major or not, the reasons
 * (rule, text, source), the draft hash and the review relied on.
 */
export const SeizureReviewRecordSchema = z
  .object({
    major: z.boolean(),
    reasons: z.array(z.object({ rule: z.string(), text: z.string(), source: RuleSourceSchema }).readonly()).readonly(),
    draftHash: z.string().min(1),
    reviewId: IdSchema.optional(),
  })
  .readonly();

/**
 * 查封扣押事件 — what happened, as the `type` and `payload` of a case event: the command's
 * data, past tense, with the deadline computed when it was decided (replay never depends on
 * today's calendar). `seizure.reported.late` marks a report after the 24 hours.
 */
export const SeizureEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("seizure.approved"),
    at,
    approverId: IdSchema,
    approved: z.boolean(),
    afterwards: z.boolean(),
    /** The measure approved (absent in streams written before the review gate, and on a refusal). */
    measure: SeizureMeasureSchema.optional(),
    /** 法制审核关口 — whether the measure was major, why, its draft hash and the review relied on. */
    review: SeizureReviewRecordSchema.optional(),
    records,
  }),
  z.object({ type: z.literal("seizure.reported"), at, late: z.boolean(), records }),
  z.object({
    type: z.literal("seizure.executed"),
    at,
    endedAt: InstantSchema.optional(),
    emergency: z.boolean(),
    officerIds: z.array(IdSchema).readonly(),
    items: z.array(z.string()).readonly(),
    records,
    deadline: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("seizure.extended"),
    at,
    approverId: IdSchema,
    reason: z.string(),
    /** 延长日数 (absent in streams written before it: the row's whole extension). */
    days: z.number().int().positive().optional(),
    /** The measure as extended (absent in streams written before the review gate of extensions). */
    measure: SeizureMeasureSchema.optional(),
    /** 法制审核关口 of the extension — major or not, why, its draft hash and the review relied on. */
    review: SeizureReviewRecordSchema.optional(),
    records,
    deadline: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("seizure.excluded"),
    at,
    kind: ExaminationKindSchema,
    period: ExcludedPeriodSchema,
    records,
    deadline: CaseDeadlineSchema,
  }),
  z.object({ type: z.literal("seizure.handled"), at, outcome: HandlingOutcomeSchema, records }),
  z.object({ type: z.literal("seizure.released"), at, ground: ReleaseGroundSchema, records }),
]);
/** 查封扣押事件 (see {@link SeizureEventSchema}). */
export type SeizureEvent = z.infer<typeof SeizureEventSchema>;
