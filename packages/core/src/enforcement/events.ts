import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import type { Stage } from "../recording/vocabulary.js";
import { ActionNameSchema } from "../recording/vocabulary.js";
import { DecisionBenchmarkSchema } from "./benchmark-application.js";
import { SeizureEventSchema } from "./coercion/events.js";
import {
  CasePartySchema,
  DecisionOutcomeSchema,
  ExclusionKindSchema,
  PreservationOutcomeSchema,
  RecordRefSchema,
  ServiceMethodSchema,
} from "./commands.js";
import { CaseDeadlineSchema } from "./deadline.js";
import { ExcludedPeriodSchema } from "./excluded-periods.js";
import { EXECUTION_EVENT_SCHEMAS, EXECUTION_EVENT_STAGES } from "./execution.js";
import { HearingAbsenceSchema, HearingClosedReasonSchema } from "./hearing-terms.js";
import { PenaltySchema } from "./penalty.js";
import { PublicNoticeServiceSchema } from "./service.js";
import { SurchargePauseSchema } from "./surcharge.js";

export { type CaseDeadline, CaseDeadlineSchema } from "./deadline.js";

const recs = z.array(RecordRefSchema).readonly();
const at = InstantSchema;

/**
 * 普通程序事件 — what happened in an ordinary penalty case, as the `type` and `payload` of a
 * {@link recording.CaseEvent} (the payload is everything but `type`). Every event carries `at`, when
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
    /** 违法行为 in words, when the filing gave it. */
    violation: z.string().min(1).optional(),
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
    /** 违法行为 as the notice states it. */
    violation: z.string().min(1).optional(),
    facts: z.string(),
    basis: z.array(z.string()).readonly(),
    hearingRight: z.boolean(),
    records: recs,
    /** 听证申请期限 (Art. 64 item 1), when a hearing right was notified. */
    hearingRequestDue: CaseDeadlineSchema.optional(),
    /** 陈述申辩期限 (Arts. 44, 45, 62; the `penalty.statement` row); absent in streams written before it. */
    statementDue: CaseDeadlineSchema.optional(),
  }),
  z.object({ type: z.literal("defence.received"), at, statement: z.string(), records: recs }),
  z.object({ type: z.literal("defence.waived"), at, records: recs }),
  z.object({ type: z.literal("hearing.requested"), at }),
  z.object({
    type: z.literal("hearing.notified"),
    at,
    hearingDate: CivilDateSchema,
    place: z.string(),
    public: z.boolean(),
    closedBecause: HearingClosedReasonSchema.optional(),
    records: recs,
    /** 最迟通知日 — the last day the notice could be given (Art. 64 item 2, the `penalty.hearingNotice` row). */
    latestNoticeDay: CivilDateSchema,
  }),
  z.object({
    type: z.literal("hearing.held"),
    at,
    presiderId: IdSchema,
    records: recs,
    /** The party stayed away or walked out: the hearing ended as waived (Art. 64 item 6). */
    partyAbsence: HearingAbsenceSchema.optional(),
  }),
  z.object({
    type: z.literal("discussion.held"),
    at,
    participants: z.array(IdSchema).readonly(),
    /** 负责人总数 the quorum was counted on; absent in streams written before it. */
    membersTotal: z.number().int().min(1).optional(),
    conclusion: z.string(),
  }),
  z.object({
    type: z.literal("circumstances.recorded"),
    at,
    /** 认定的裁量情节 in force (replaces the previous finding). */
    circumstances: z.array(z.string()).readonly(),
    records: recs,
  }),
  z.object({
    type: z.literal("review.approved"),
    at,
    draftHash: z.string(),
    /** The review stream whose approval this records (法制审核编号); absent for a direct approval. */
    reviewId: IdSchema.optional(),
  }),
  z.object({
    type: z.literal("case.decided"),
    at,
    outcome: DecisionOutcomeSchema,
    penalty: PenaltySchema.optional(),
    /** Hash of the decision ({@link caseDecisionHash}; {@link decisionDraftHash} in streams written before it). */
    draftHash: z.string(),
    /** 重大执法决定 — legal review was required (行政处罚法 Art. 58); absent in streams written before it. */
    major: z.boolean().optional(),
    /** 适用的裁量基准 — the benchmark row the decision applied and its deviation record; absent in streams written before it. */
    benchmark: DecisionBenchmarkSchema.optional(),
    records: recs,
    /** 送达期限 (Art. 61 para. 1). */
    serviceDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("decision.served"),
    at,
    method: ServiceMethodSchema,
    records: recs,
    /** 送达日期 — the day the method fixes (service.ts); absent in streams written before it (then the day of `at`). */
    servedOn: CivilDateSchema.optional(),
    /** 公告送达: publication and the end of its 30 days (民事诉讼法 Art. 95). */
    publicNotice: PublicNoticeServiceSchema.optional(),
    /** 书面告知将予公示 served with the decision (市场监督管理行政处罚信息公示规定 Art. 8). */
    publicationNotice: RecordRefSchema.optional(),
    /** 罚款缴纳期限 (Art. 67 para. 3) from the service date, when a fine was imposed. */
    paymentDue: CaseDeadlineSchema.optional(),
    /** 申请人民法院强制执行期限 (行政强制法 Art. 53), when a fine was imposed; absent in streams written before it. */
    courtApplicationDue: CaseDeadlineSchema.optional(),
  }),
  z.object({
    type: z.literal("payment.recorded"),
    at,
    amountFen: FenSchema,
    /** 加处罚款 paid with the fine (Art. 72 para. 1 item 1); absent in streams written before it existed. */
    surchargeFen: FenSchema.optional(),
    /**
     * 未缴罚款余额 — the fine still owed after this payment (0: paid in full, 行政处罚法 Art. 67;
     * the payment deadline and the execution periods are then met). Absent in streams written
     * before it existed.
     */
    remainingFen: FenSchema.optional(),
  }),
  z.object({
    type: z.literal("preservation.approved"),
    at,
    preservationId: IdSchema,
    /** The head who approved (Art. 56). */
    approverId: IdSchema,
    reason: z.string(),
  }),
  z.object({
    type: z.literal("preservation.registered"),
    at,
    preservationId: IdSchema,
    items: z.array(z.string()).readonly(),
    records: recs,
    /** 七日内作出处理决定 (Art. 56). */
    handlingDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("preservation.handled"),
    at,
    preservationId: IdSchema,
    outcome: PreservationOutcomeSchema,
    records: recs,
  }),
  z.object({
    type: z.literal("coercion.acted"),
    at,
    /** The coercive measure within the case. */
    measureId: IdSchema,
    /** The measure's own event (行政强制法 Arts. 18–28), with its period. */
    seizure: SeizureEventSchema,
  }),
  z.object({
    type: z.literal("transfer.reported"),
    at,
    facts: z.string(),
    officerIds: z.array(IdSchema).readonly(),
    records: recs,
    /** 正职负责人审批期限 (移送规定 Art. 5 para. 2: three days). */
    headDecisionDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("transfer.sent"),
    at,
    /** 公安机关 receiving the case. */
    receivingOrgan: z.string(),
    records: recs,
    /** Sent more than 24 hours after the head's approval (移送规定 Art. 5 para. 2). */
    late: z.boolean(),
  }),
  z.object({ type: z.literal("transfer.answered"), at, accepted: z.boolean(), records: recs }),
  z.object({
    type: z.literal("period.excluded"),
    at,
    kind: ExclusionKindSchema,
    period: ExcludedPeriodSchema,
    records: recs,
    /** 办案期限 recomputed with every excluded period so far. */
    decisionDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("remedy.recorded"),
    at,
    /** The reconsideration or litigation within the case (recorded again with `to` when it ends). */
    remedyId: IdSchema,
    pause: SurchargePauseSchema,
  }),
  z.object({ type: z.literal("case.closed"), at }),
  z.object({ type: z.literal("case.archived"), at, records: recs }),
  // 送达地址确认书、暂缓缴纳、催告、强制执行、申请法院强制执行 (execution.ts).
  ...EXECUTION_EVENT_SCHEMAS,
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
  "hearing.notified": "review",
  "hearing.held": "review",
  "circumstances.recorded": "investigation",
  "discussion.held": "decision",
  "review.approved": "review",
  "case.decided": "decision",
  "decision.served": "service",
  "payment.recorded": "execution",
  "preservation.approved": "investigation",
  "preservation.registered": "investigation",
  "preservation.handled": "investigation",
  "coercion.acted": "investigation",
  "transfer.reported": "investigation",
  "transfer.sent": "decision",
  "transfer.answered": "decision",
  "period.excluded": "investigation",
  "remedy.recorded": "execution",
  "case.closed": "closing",
  "case.archived": "archiving",
  ...EXECUTION_EVENT_STAGES,
};
