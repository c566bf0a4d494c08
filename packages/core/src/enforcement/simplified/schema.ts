import { z } from "zod";
import { FenSchema } from "../../kernel/money.js";
import { IdSchema } from "../../kernel/ports.js";
import { CivilDateSchema, InstantSchema } from "../../kernel/time.js";
import type { Stage } from "../../recording/vocabulary.js";
import { DivisionCodeSchema } from "../../registry/bodies/schema.js";
import { DecisionBenchmarkSchema } from "../benchmark-application.js";
import { CasePartySchema, RecordRefSchema } from "../commands.js";
import { CaseDeadlineSchema } from "../events.js";
import { PenaltySchema } from "../penalty.js";
import { FormNumberSchema } from "./forms.js";

const records = z.array(RecordRefSchema).readonly().default([]);
const at = InstantSchema.optional();

const statementRecords = z.array(RecordRefSchema).readonly().default([]);

/**
 * 当场陈述申辩 — the party's statement and defence before an on-the-spot decision
 * (行政处罚法 Arts. 45, 62 bind the simplified procedure too): what the party said
 * (`made`, with the officers' 复核 — the record may be the decision form's own column or a
 * 笔录), or the party's express waiver (`waived`, 当事人明确放弃), each with its written record
 * (a `document` or `transcript`; the decision form's record may serve).
 */
export const OnSpotStatementSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("made"),
    /** 当事人陈述、申辩的内容. */
    text: z.string().trim().min(1),
    /** 复核意见 — the officers' reply: adopted or why not (Art. 45: 成立的，应当采纳). */
    review: z.string().trim().min(1).optional(),
    records: statementRecords,
  }),
  z.object({ kind: z.literal("waived"), records: statementRecords }),
]);
/** 当场陈述申辩 (see {@link OnSpotStatementSchema}). */
export type OnSpotStatement = z.infer<typeof OnSpotStatementSchema>;

/** 当场收缴事由 — the ground of an on-the-spot collection: 一百元以下 (Art. 68 item 1), 事后难以执行 (item 2), 边远水上交通不便 (Art. 69). */
export const CollectionGroundSchema = z.enum(["smallFine", "hardToExecute", "remoteArea"]);
/** 当场收缴事由 (see {@link CollectionGroundSchema}). */
export type CollectionGround = z.infer<typeof CollectionGroundSchema>;

/**
 * 简易程序命令 — what an app asks of an on-the-spot case (简易程序, 行政处罚法 Arts. 51–53, 68–71):
 * - `onSpot.decide` 当场作出处罚决定 (party, facts, basis, a fine within the cap or a warning,
 *   the officers, the certificate shown, the numbered form, a refusal to sign);
 * - `onSpot.collect` 当场收缴罚款 (its ground and the finance-department receipt number);
 * - `cash.handOver` 交至行政机关; `cash.deposit` 缴付指定银行;
 * - `decision.file` 报所属行政机关备案.
 */
export const SimplifiedCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("onSpot.decide"),
    at,
    party: CasePartySchema,
    /** 执法类别, as on the officers' certificates. */
    category: z.string().trim().min(1),
    /** Division code of the place. */
    regionCode: DivisionCodeSchema,
    /** 执法主体 — default: each officer's own body. */
    bodyId: IdSchema.optional(),
    /** The officers on the spot; the actor (who fills in the form) must be one of them. */
    officerIds: z.array(IdSchema).min(1).readonly(),
    /** 出示执法证件 (Art. 52). */
    certificateShown: z.boolean(),
    /** 决定书编号 — the pre-printed form filled in. */
    formNumber: FormNumberSchema,
    /** 违法事实 (确凿). */
    facts: z.string().trim().min(1),
    /** 法定依据. */
    basis: z.array(z.string().trim().min(1)).min(1).readonly(),
    /** 地点. */
    place: z.string().trim().min(1),
    /** The penalty: a warning and/or a fine. */
    penalty: PenaltySchema,
    /** 当事人拒绝签收 — noted on the form. */
    refusedToSign: z.boolean().default(false),
    /**
     * 告知 — before deciding, the party was told the penalty, facts, reasons and basis and the
     * right to state and defend (Art. 44). Required (`true`): refused otherwise.
     */
    notified: z.boolean().optional(),
    /** 陈述申辩 — the party's statement or express waiver, with its record (Arts. 45, 62). Required. */
    statement: OnSpotStatementSchema.optional(),
    /**
     * 适用的裁量基准 — the benchmark row applied (violation code, circumstances, deviation
     * record), or `none` with the reason; required when the bureau has benchmarks and the
     * policy applies them to on-the-spot decisions (行政处罚法 Art. 34).
     */
    benchmark: DecisionBenchmarkSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("onSpot.collect"),
    at,
    /** 收缴金额 (fen): the whole fine. */
    amountFen: FenSchema,
    ground: CollectionGroundSchema,
    /** 事由说明 — why later execution would be difficult, or why paying at the bank is. */
    reason: z.string().trim().min(1).optional(),
    /** 经当事人提出 (Art. 69). */
    partyRequested: z.boolean().default(false),
    /** 财政部门统一制发的专用票据号 (Art. 70). */
    receiptNumber: z.string().trim().min(1).optional(),
    /** 在水上收缴 — the hand-over period runs from landing (Art. 71). */
    onWater: z.boolean().default(false),
    /** 抵岸之日, required when `onWater`. */
    landedOn: CivilDateSchema.optional(),
  }),
  z.object({ type: z.literal("cash.handOver"), at }),
  z.object({ type: z.literal("cash.deposit"), at, bankReceipt: z.string().trim().min(1).optional() }),
  z.object({ type: z.literal("decision.file"), at }),
]);
/** 简易程序命令 (see {@link SimplifiedCommandSchema}). */
export type SimplifiedCommand = z.infer<typeof SimplifiedCommandSchema>;
/** A command as an app may write it (defaults not yet applied). */
export type SimplifiedCommandInput = z.input<typeof SimplifiedCommandSchema>;

const recs = z.array(RecordRefSchema).readonly();

/**
 * 简易程序事件 — what happened in an on-the-spot case, as the `type` and `payload` of a
 * `CaseEvent`. Deadlines are computed when the event is decided and travel in it.
 */
export const SimplifiedEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("onSpot.decided"),
    at: InstantSchema,
    party: CasePartySchema,
    category: z.string(),
    regionCode: z.string(),
    bodyId: IdSchema.optional(),
    officerIds: z.array(IdSchema).readonly(),
    /** The officer who filled in the form. */
    decidedBy: IdSchema,
    formNumber: FormNumberSchema,
    facts: z.string(),
    basis: z.array(z.string()).readonly(),
    place: z.string(),
    penalty: PenaltySchema,
    refusedToSign: z.boolean(),
    /** 已告知 (Art. 44); absent in streams written before it. */
    notified: z.boolean().optional(),
    /** 陈述申辩或者明确放弃 (Arts. 45, 62); absent in streams written before it. */
    statement: OnSpotStatementSchema.optional(),
    /** 适用的裁量基准, as decided; absent in streams written before it. */
    benchmark: DecisionBenchmarkSchema.optional(),
    /**
     * 罚款缴纳期限 — fifteen days from the day the form was handed over on the spot (Arts. 52,
     * 53, 67 para. 3); absent without a fine and in streams written before it.
     */
    paymentDue: CaseDeadlineSchema.optional(),
    /** 申请人民法院强制执行期限 (行政强制法 Art. 53), with a fine; absent in streams written before it. */
    courtApplicationDue: CaseDeadlineSchema.optional(),
    records: recs,
  }),
  z.object({
    type: z.literal("onSpot.collected"),
    at: InstantSchema,
    amountFen: FenSchema,
    ground: CollectionGroundSchema,
    reason: z.string().optional(),
    partyRequested: z.boolean(),
    receiptNumber: z.string(),
    onWater: z.boolean(),
    /** 交至行政机关期限 (Art. 71). */
    handOverDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("cash.handedOver"),
    at: InstantSchema,
    /** 缴付银行期限 (Art. 71). */
    depositDue: CaseDeadlineSchema,
    /** Handed over after `handOverDue` (recorded, not refused: the cash must still reach the agency). */
    late: z.boolean(),
  }),
  z.object({
    type: z.literal("cash.deposited"),
    at: InstantSchema,
    bankReceipt: z.string().optional(),
    late: z.boolean(),
  }),
  z.object({ type: z.literal("decision.filed"), at: InstantSchema }),
]);
/** 简易程序事件 (see {@link SimplifiedEventSchema}). */
export type SimplifiedEvent = z.infer<typeof SimplifiedEventSchema>;
/** The `type` of a {@link SimplifiedEvent}. */
export type SimplifiedEventType = SimplifiedEvent["type"];

/** The event each command produces when accepted. */
export const SIMPLIFIED_COMMAND_EVENTS: Readonly<Record<SimplifiedCommand["type"], SimplifiedEventType>> = {
  "onSpot.decide": "onSpot.decided",
  "onSpot.collect": "onSpot.collected",
  "cash.handOver": "cash.handedOver",
  "cash.deposit": "cash.deposited",
  "decision.file": "decision.filed",
};

/** 事件所属环节 — the whole-process stage of each event. */
export const SIMPLIFIED_EVENT_STAGES: Readonly<Record<SimplifiedEventType, Stage>> = {
  "onSpot.decided": "decision",
  "onSpot.collected": "execution",
  "cash.handedOver": "execution",
  "cash.deposited": "execution",
  "decision.filed": "closing",
};
