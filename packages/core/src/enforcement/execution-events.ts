// 送达与执行事件 — the events of the service-consent and execution commands, part of the
// ordinary procedure's events. Re-exported by execution.ts.
import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import { CaseDeadlineSchema } from "./deadline.js";
import {
  CourtRulingSchema,
  ImmediateCourtExecutionSchema,
  IndirectServiceReasonSchema,
  InstalmentBasisSchema,
  InstalmentSchema,
  SurchargeReliefSchema,
  SuspensionGroundSchema,
  TerminationGroundSchema,
  UtilityCutoffSchema,
} from "./execution-terms.js";
import { RecordRefSchema } from "./record-ref.js";
import { PublicNoticeServiceSchema, ServiceMethodSchema } from "./service.js";

const recs = z.array(RecordRefSchema).readonly();
const when = InstantSchema;

/**
 * The events of the execution commands, part of the ordinary procedure's events (documented
 * with `PenaltyEventSchema`).
 * @internal
 */
export const EXECUTION_EVENT_SCHEMAS = [
  z.object({ type: z.literal("service.consented"), at: when, address: z.string(), records: recs }),
  z.object({
    type: z.literal("payment.deferred"),
    at: when,
    until: CivilDateSchema,
    records: recs,
    /** 罚款缴纳期限 moved to the end of the deferral. */
    paymentDue: CaseDeadlineSchema,
    /** 申请法院强制执行期限 counted from the later of the remedy periods' end and the deferral (行政处罚法 Art. 72 para. 2). */
    courtApplicationDue: CaseDeadlineSchema.optional(),
  }),
  z.object({
    type: z.literal("execution.demanded"),
    at: when,
    method: ServiceMethodSchema,
    /** 催告书送达之日. */
    servedOn: CivilDateSchema,
    indirectBecause: IndirectServiceReasonSchema.optional(),
    publicNotice: PublicNoticeServiceSchema.optional(),
    /** 催告的罚款金额 (Art. 35 item 3). */
    amountFen: FenSchema,
    /** 至催告之日的加处罚款. */
    surchargeFen: FenSchema,
    records: recs,
    /** 催告书送达十日（工作日）届满 (Art. 54). */
    demandDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("execution.defenceReceived"),
    at: when,
    statement: z.string(),
    established: z.boolean(),
    review: z.string(),
    records: recs,
  }),
  z.object({
    type: z.literal("execution.decided"),
    at: when,
    means: z.string(),
    immediate: z.object({ reason: z.string(), evidence: recs }).optional(),
    utilityCutoff: UtilityCutoffSchema.optional(),
    records: recs,
  }),
  z.object({
    type: z.literal("execution.served"),
    at: when,
    method: ServiceMethodSchema,
    servedOn: CivilDateSchema,
    indirectBecause: IndirectServiceReasonSchema.optional(),
    publicNotice: PublicNoticeServiceSchema.optional(),
    records: recs,
  }),
  z.object({
    type: z.literal("execution.acted"),
    at: when,
    endedAt: InstantSchema.optional(),
    description: z.string(),
    emergency: z.object({ reason: z.string() }).optional(),
    utilityCutoff: UtilityCutoffSchema.optional(),
    records: recs,
  }),
  z.object({
    type: z.literal("execution.applied"),
    at: when,
    court: z.string(),
    /** 申请立即执行 (Art. 59). */
    immediate: ImmediateCourtExecutionSchema.optional(),
    records: recs,
    /** 人民法院应当受理之日 (五日, Art. 56 para. 1); absent in streams written before it. */
    acceptanceDue: CaseDeadlineSchema.optional(),
  }),
  z.object({
    type: z.literal("payment.instalmentsApproved"),
    at: when,
    basis: InstalmentBasisSchema,
    instalments: z.array(InstalmentSchema).min(1).readonly(),
    /** 已缴金额 when approved: payments after it go to the instalments in order. */
    paidBeforeFen: FenSchema,
    /**
     * 加处罚款 accrued before an execution agreement (kept: Art. 42 lets the organ reduce it only
     * for remedial measures); absent for a deferral's plan.
     */
    surchargeAccrued: z.object({ amountFen: FenSchema, days: z.number().int().nonnegative() }).optional(),
    records: recs,
    /** 罚款缴纳期限 — the last instalment's due date (the end of the instalment period). */
    paymentDue: CaseDeadlineSchema,
    /** 申请法院强制执行期限 counted from the end of the instalments when later (行政处罚法 Art. 72 para. 2). */
    courtApplicationDue: CaseDeadlineSchema.optional(),
  }),
  z.object({
    type: z.literal("execution.courtAccepted"),
    at: when,
    acceptedOn: CivilDateSchema,
    records: recs,
    /** 执行裁定期限 (七日, Art. 57). */
    rulingDue: CaseDeadlineSchema,
    /** 明显违法等情形的裁定期限 (三十日, Art. 58 para. 2). */
    rulingDueLatest: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("execution.courtRuled"),
    at: when,
    ruling: CourtRulingSchema,
    ruledOn: CivilDateSchema,
    receivedOn: CivilDateSchema,
    reasons: z.string().optional(),
    /** The higher court's ruling on the organ's 复议 (Arts. 56 para. 2, 58 para. 3). */
    onReconsideration: z.boolean(),
    records: recs,
    /** 申请复议期限 (十五日) after a ruling against the organ. */
    reconsiderationDue: CaseDeadlineSchema.optional(),
    /**
     * 人民法院送达不予执行裁定期限 — five working days from a 不予执行 ruling (Art. 58 para. 2;
     * 十日以内 are working days, Art. 69); not on the higher court's ruling after 复议.
     */
    deliveryDue: CaseDeadlineSchema.optional(),
    /** 逾期送达 — the organ received the 不予执行 ruling after `deliveryDue` (recorded, not refused). */
    deliveredLate: z.boolean().optional(),
    /** 经院长批准立即执行 (Art. 59). */
    immediateApproved: z.boolean().optional(),
    /** 人民法院执行期限 — five days from the ruling when immediate execution was approved (Art. 59). */
    executionDue: CaseDeadlineSchema.optional(),
  }),
  z.object({
    type: z.literal("execution.courtReconsidered"),
    at: when,
    court: z.string(),
    /** 复议的对象. */
    against: z.enum(["notEnforce", "notAccepted"]),
    records: recs,
    /** 上一级人民法院作出裁定的期限 (Art. 56 para. 2: 十五日; Art. 58 para. 3: 三十日). */
    rulingDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("execution.suspended"),
    at: when,
    ground: SuspensionGroundSchema,
    reason: z.string(),
    records: recs,
    /** 中止执行满三年 (Art. 39 para. 2); absent in streams written before it. */
    lapseDue: CaseDeadlineSchema.optional(),
  }),
  z.object({ type: z.literal("execution.resumed"), at: when, reason: z.string(), records: recs }),
  z.object({
    type: z.literal("execution.terminated"),
    at: when,
    ground: TerminationGroundSchema,
    reason: z.string(),
    records: recs,
  }),
  z.object({
    type: z.literal("execution.ceased"),
    at: when,
    noSocialHarm: z.string(),
    inability: z.string(),
    /** 中止执行之日 (the start of the three years). */
    suspendedOn: CivilDateSchema,
    records: recs,
  }),
  z.object({
    type: z.literal("execution.surchargeRelieved"),
    at: when,
    remedialMeasures: z.string(),
    relief: SurchargeReliefSchema,
    /** 减免的金额（分）. */
    reliefFen: FenSchema,
    /** 减免前尚未缴纳的加处罚款（分）. */
    unpaidBeforeFen: FenSchema,
    records: recs,
  }),
  z.object({
    type: z.literal("execution.agreementBreached"),
    at: when,
    reason: z.string(),
    /** 逾期未履行的各期. */
    overdue: z
      .array(z.object({ index: z.number().int().nonnegative(), dueDate: CivilDateSchema, owedFen: FenSchema }))
      .min(1)
      .readonly(),
    records: recs,
  }),
  z.object({ type: z.literal("execution.courtStatementMade"), at: when, statement: z.string(), records: recs }),
] as const;

/** An execution event (a `PenaltyEvent` of the execution commands). */
export type ExecutionEvent = z.infer<(typeof EXECUTION_EVENT_SCHEMAS)[number]>;
/** The `type` of an {@link ExecutionEvent}. */
export type ExecutionEventType = ExecutionEvent["type"];
