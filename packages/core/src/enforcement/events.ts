import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import type { Stage } from "../recording/vocabulary.js";
import { ActionNameSchema } from "../recording/vocabulary.js";
import { CasePartySchema, DecisionOutcomeSchema, RecordRefSchema, ServiceMethodSchema } from "./commands.js";
import { PenaltySchema } from "./penalty.js";

/**
 * 案件期限 — an absolute statutory deadline kept in the case: the period's id, its last day
 * (届满日, until 24:00), its source, and whether it was computed without the year's holiday
 * notice (暂定: weekends only, to be recomputed when the notice is loaded).
 */
export const CaseDeadlineSchema = z
  .object({
    /** Period id, e.g. `penalty.decision`. */
    ruleId: z.string().min(1),
    /** 届满日. */
    due: CivilDateSchema,
    /** The article that sets the period. */
    source: RuleSourceSchema,
    /** True when computed without the State Council notice of a year it covers. */
    provisional: z.boolean(),
  })
  .readonly();
/** 案件期限 (see {@link CaseDeadlineSchema}). */
export type CaseDeadline = z.infer<typeof CaseDeadlineSchema>;

const recs = z.array(RecordRefSchema).readonly();
const at = InstantSchema;

/**
 * 普通程序事件 — what happened in an ordinary penalty case, as the `type` and `payload` of a
 * {@link CaseEvent} (the payload is everything but `type`). Every event carries `at`, when
 * the act took place; the envelope's own `at` is when it was recorded. Deadlines are
 * computed once, when the event is decided, and travel in the event: replaying the stream
 * never depends on today's calendar.
 */
export const PenaltyEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("case.filed"),
    at,
    party: CasePartySchema,
    category: z.string().min(1),
    regionCode: z.string().min(1),
    bodyId: IdSchema.optional(),
    officerIds: z.array(IdSchema).readonly(),
    actDate: CivilDateSchema,
    severe: z.boolean(),
    discoveredOn: CivilDateSchema,
    records: recs,
    /** 办案期限 (Art. 60) and 追责时效 (Art. 36). */
    deadlines: z.object({ decision: CaseDeadlineSchema, limitation: CaseDeadlineSchema }),
  }),
  z.object({ type: z.literal("officers.assigned"), at, officerIds: z.array(IdSchema).readonly() }),
  z.object({
    type: z.literal("investigation.recorded"),
    at,
    actionId: IdSchema,
    action: ActionNameSchema,
    endedAt: InstantSchema.optional(),
    records: recs,
  }),
  z.object({
    type: z.literal("investigation.closed"),
    at,
    facts: z.string(),
    reviewRequired: z.boolean(),
    complexOrMajor: z.boolean(),
  }),
  z.object({
    type: z.literal("notice.served"),
    at,
    penalty: PenaltySchema,
    facts: z.string(),
    basis: z.array(z.string()).readonly(),
    hearingRight: z.boolean(),
    records: recs,
    /** 听证申请期限 (Art. 64 item 1), when a hearing right was notified. */
    hearingRequestDue: CaseDeadlineSchema.optional(),
  }),
  z.object({ type: z.literal("defence.received"), at, statement: z.string(), records: recs }),
  z.object({ type: z.literal("defence.waived"), at, records: recs }),
  z.object({ type: z.literal("hearing.requested"), at }),
  z.object({ type: z.literal("hearing.held"), at, presiderId: IdSchema, records: recs }),
  z.object({
    type: z.literal("discussion.held"),
    at,
    participants: z.array(IdSchema).readonly(),
    conclusion: z.string(),
  }),
  z.object({ type: z.literal("review.approved"), at, draftHash: z.string() }),
  z.object({
    type: z.literal("case.decided"),
    at,
    outcome: DecisionOutcomeSchema,
    penalty: PenaltySchema.optional(),
    /** Hash of the decision draft ({@link decisionDraftHash}). */
    draftHash: z.string(),
    records: recs,
    /** 送达期限 (Art. 61 para. 1). */
    serviceDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("decision.served"),
    at,
    method: ServiceMethodSchema,
    records: recs,
    /** 罚款缴纳期限 (Art. 67 para. 3), when a fine was imposed. */
    paymentDue: CaseDeadlineSchema.optional(),
  }),
  z.object({ type: z.literal("payment.recorded"), at, amountFen: FenSchema }),
  z.object({ type: z.literal("case.closed"), at }),
  z.object({ type: z.literal("case.archived"), at, records: recs }),
]);
/** 普通程序事件 (see {@link PenaltyEventSchema}). */
export type PenaltyEvent = z.infer<typeof PenaltyEventSchema>;
/** The `type` of a {@link PenaltyEvent}. */
export type PenaltyEventType = PenaltyEvent["type"];

/** 事件所属环节 — the whole-process stage (案卷 order) each event belongs to. */
export const PENALTY_EVENT_STAGES: Readonly<Record<PenaltyEventType, Stage>> = {
  "case.filed": "filing",
  "officers.assigned": "investigation",
  "investigation.recorded": "investigation",
  "investigation.closed": "investigation",
  "notice.served": "review",
  "defence.received": "review",
  "defence.waived": "review",
  "hearing.requested": "review",
  "hearing.held": "review",
  "discussion.held": "decision",
  "review.approved": "review",
  "case.decided": "decision",
  "decision.served": "service",
  "payment.recorded": "execution",
  "case.closed": "closing",
  "case.archived": "archiving",
};
