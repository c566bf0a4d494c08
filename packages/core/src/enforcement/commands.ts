import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import { ActionNameSchema } from "../recording/vocabulary.js";
import { DivisionCodeSchema } from "../registry/bodies/schema.js";
import { PartyKindSchema } from "../registry/entities/parties.js";
import { DecisionBenchmarkSchema } from "./benchmark-application.js";
import { SeizureCommandSchema } from "./coercion/events.js";
import { EXECUTION_COMMAND_SCHEMAS } from "./execution.js";
import { HearingAbsenceSchema, HearingClosedReasonSchema } from "./hearing-terms.js";
import { PenaltySchema } from "./penalty.js";
import { RecordRefSchema } from "./record-ref.js";
import { ServiceMethodSchema } from "./service.js";
import { SurchargePauseSchema } from "./surcharge.js";

export { type RecordRef, RecordRefSchema } from "./record-ref.js";

const records = z.array(RecordRefSchema).readonly().default([]);
/** When the act happened (default: the context's `now`); never later than `now`. */
const at = InstantSchema.optional();

/**
 * 案件当事人 — the party of a case as the procedure needs it: a natural person (公民) or an
 * organisation (法人或者其他组织) — which decides the hearing threshold — its name and,
 * when known, its key in the market-entities database (身份证号 or 统一社会信用代码).
 */
export const CasePartySchema = z.object({
  /** `person` or `organisation`. */
  kind: PartyKindSchema,
  /** Name (姓名或者名称). */
  name: z.string().trim().min(1),
  /** Key in the entities database. */
  partyId: z.string().trim().min(1).optional(),
});
/** 案件当事人 (see {@link CasePartySchema}). */
export type CaseParty = z.infer<typeof CasePartySchema>;

/** 决定类型 — the four outcomes of 行政处罚法 Art. 57 para. 1: 处罚, 不予处罚（轻微）, 不予处罚（违法事实不成立）, 移送司法机关. */
export const DecisionOutcomeSchema = z.enum(["penalty", "noPenaltyMinor", "notEstablished", "transfer"]);
/** 决定类型 (see {@link DecisionOutcomeSchema}). */
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

export { type ServiceMethod, ServiceMethodSchema } from "./service.js";

/**
 * 先行登记保存处理决定 — what becomes of evidence registered and preserved (行政处罚法 Art. 56;
 * the outcomes as sector rules list them, e.g. 市场监督管理行政处罚程序规定 Art. 34): returned
 * after recording or copying (`return`), sent for testing or appraisal (`examine`), turned
 * into a sealing or seizure (`seize`), handed to the competent authority (`handOver`).
 */
export const PreservationOutcomeSchema = z.enum(["return", "examine", "seize", "handOver"]);
/** 先行登记保存处理决定 (see {@link PreservationOutcomeSchema}). */
export type PreservationOutcome = z.infer<typeof PreservationOutcomeSchema>;

/**
 * 不计入办案期限的期间 — what an excluded interval of the decision deadline is: 中止
 * (`suspension`), 听证 (`hearing`), 公告 (`publicNotice`), 检测、检验、检疫、鉴定 (`examination`).
 */
export const ExclusionKindSchema = z.enum(["suspension", "hearing", "publicNotice", "examination"]);
/** 不计入期间种类 (see {@link ExclusionKindSchema}). */
export type ExclusionKind = z.infer<typeof ExclusionKindSchema>;

/**
 * 普通程序命令 — what an app asks of an ordinary penalty case (行政处罚普通程序), one per step:
 * - `case.file` 立案 (party, category and place, officers, date of the act, the 立案审批表);
 * - `officers.assign` 指派执法人员 (at least two certified);
 * - `investigation.record` 调查取证 (an action with its records: 询问笔录, 现场检查笔录 …);
 * - `investigation.close` 调查终结 (facts; whether legal review is required; complex or major);
 * - `notice.serve` 告知 (拟作出的处罚、事实、理由、依据及陈述申辩、听证权利);
 * - `defence.receive` 陈述申辩 / `defence.waive` 书面放弃陈述申辩;
 * - `hearing.request` 要求听证 / `hearing.notify` 听证通知（七日前，公开与否）/ `hearing.hold`
 *   举行听证 (听证笔录; or ended as waived when the party stays away or walks out);
 * - `discussion.hold` 集体讨论 (the quorum of the body's heads);
 * - `circumstances.record` 认定裁量情节 (Arts. 30–33: a 不予处罚 ground bars a penalty);
 * - `review.approve` 法制审核通过 (of a decision draft, by its hash);
 * - `case.decide` 作出决定 (处罚 / 不予处罚 / 移送);
 * - `decision.serve` 送达决定书 (served on the day its method fixes: service.ts); `payment.record` 缴纳罚款 (and 加处罚款); `case.close` 结案; `case.archive` 归档;
 * - after the payment deadline: `service.consent`, `payment.defer`, `execution.demand`, `execution.defence`,
 *   `execution.decide`, `execution.serve`, `execution.act`, `execution.apply` (execution.ts, 行政强制法 Arts. 35–55);
 *
 * and the investigation's branches:
 * - `preservation.approve` 负责人批准先行登记保存 / `preservation.register` 先行登记保存 /
 *   `preservation.handle` 七日内作出处理决定 (Art. 56);
 * - `coercion.act` a step of a 查封、扣押 measure linked to the case (行政强制法 Arts. 18–28);
 * - `transfer.report` 移送涉嫌犯罪案件的书面报告 / `transfer.send` 移送公安机关 /
 *   `transfer.answer` 公安机关立案与否 (Art. 27; 移送规定 Arts. 5, 8), the approval being
 *   `case.decide` with outcome `transfer`;
 * - `period.exclude` 不计入办案期限的期间 (中止、听证、公告、检测鉴定; Art. 60);
 * - `remedy.record` 行政复议、行政诉讼期间 (no surcharge accrues, Art. 73 para. 3).
 */
export const PenaltyCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("case.file"),
    at,
    party: CasePartySchema,
    /** 执法类别, as on the officers' certificates. */
    category: z.string().trim().min(1),
    /**
     * 违法行为 — the violation the case is about, in words (销售商品未明码标价); published as
     * the decision's 违法行为 (a `notice.serve` may restate it). Not the 执法类别.
     */
    violation: z.string().trim().min(1).max(200).optional(),
    /** Division code of the place of the act. */
    regionCode: DivisionCodeSchema,
    /** 执法主体 — default: the first officer's body. */
    bodyId: IdSchema.optional(),
    /** The officers who will handle the case. */
    officerIds: z.array(IdSchema).min(1).readonly(),
    /** 违法行为发生之日 (for a continuing act, the day it ended). */
    actDate: CivilDateSchema,
    /** Endangers life, health or financial safety with harmful consequences (5-year limitation). */
    severe: z.boolean().default(false),
    /** 发现之日 — default: the filing date. */
    discoveredOn: CivilDateSchema.optional(),
    records,
  }),
  z.object({ type: z.literal("officers.assign"), at, officerIds: z.array(IdSchema).min(1).readonly() }),
  z.object({
    type: z.literal("investigation.record"),
    at,
    /** Id of the action within the case. */
    actionId: IdSchema,
    /** The action, e.g. `inquiry`, `siteInspection`, `sealOrSeize`. */
    action: ActionNameSchema,
    /** When the action ended. */
    endedAt: InstantSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("investigation.close"),
    at,
    /** 调查认定的事实. */
    facts: z.string().trim().min(1),
    /** 须经法制审核 (行政处罚法 Art. 58; the classification is the review module's). */
    reviewRequired: z.boolean().default(false),
    /** 情节复杂或者重大违法行为 (Art. 57 para. 2). */
    complexOrMajor: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("notice.serve"),
    at,
    /** 拟作出的行政处罚. */
    penalty: PenaltySchema,
    /** 违法行为 as the notice states it; overrides the one given at filing. */
    violation: z.string().trim().min(1).max(200).optional(),
    /** 事实. */
    facts: z.string().trim().min(1),
    /** 理由及依据. */
    basis: z.array(z.string().trim().min(1)).min(1).readonly(),
    /** Grant a hearing right beyond Art. 63's table (其他较重的行政处罚). */
    hearingRight: z.boolean().default(false),
    records,
  }),
  z.object({ type: z.literal("defence.receive"), at, statement: z.string().trim().min(1), records }),
  z.object({ type: z.literal("defence.waive"), at, records }),
  z.object({ type: z.literal("hearing.request"), at }),
  z.object({
    type: z.literal("hearing.notify"),
    at,
    /** 举行听证之日 — at least seven working days after this notice (Art. 64 item 2). */
    hearingDate: CivilDateSchema,
    /** 听证地点. */
    place: z.string().trim().min(1),
    /** 公开举行 (default); `false` only with `closedBecause` (Art. 64 item 3). */
    public: z.boolean().default(true),
    /** 不公开举行的理由: 国家秘密、商业秘密或者个人隐私. */
    closedBecause: HearingClosedReasonSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("hearing.hold"),
    at,
    presiderId: IdSchema,
    /** 当事人无正当理由拒不出席或者未经许可中途退出 — the hearing ends as waived (Art. 64 item 6). */
    partyAbsence: HearingAbsenceSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("discussion.hold"),
    at,
    /** 参加讨论的负责人 (distinct; at least the quorum, never one alone). */
    participants: z.array(IdSchema).min(1).readonly(),
    /** 负责人总数 — no longer used: the total is the registry's count of the body's heads in post (kept for callers written before). */
    membersTotal: z.number().int().min(1).optional(),
    conclusion: z.string().trim().min(1),
  }),
  z.object({
    type: z.literal("circumstances.record"),
    at,
    /** 认定的裁量情节 — circumstance codes (行政处罚法 Arts. 30–33 and the bureau's rows); replaces the previous finding. */
    circumstances: z.array(z.string().trim().min(1)).readonly(),
    records,
  }),
  z.object({
    type: z.literal("review.approve"),
    at,
    draftHash: z.string().regex(/^[0-9a-f]{64}$/),
    /** The review (法制审核) whose approval is recorded; checked against the context's `reviews` when given. */
    reviewId: IdSchema.optional(),
  }),
  z.object({
    type: z.literal("case.decide"),
    at,
    outcome: DecisionOutcomeSchema,
    penalty: PenaltySchema.optional(),
    /** 适用的裁量基准 — required for a penalty when the bureau has benchmarks (enforcement/benchmark-gate.ts). */
    benchmark: DecisionBenchmarkSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("decision.serve"),
    at,
    method: ServiceMethodSchema,
    /** 收件日期 — mail: the date on the return receipt (required); electronic: the day it reached the party's system (default: the day sent). */
    receivedOn: CivilDateSchema.optional(),
    /** 书面告知将予公示 — the written notice served with the decision (市场监督管理行政处罚信息公示规定 Art. 8; required where the policy says that rule binds the bureau). */
    publicationNotice: RecordRefSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("payment.record"),
    at,
    amountFen: FenSchema.refine((n) => n > 0),
    /** 加处罚款 paid with it (at most what has accrued, Art. 72). */
    surchargeFen: FenSchema.optional(),
  }),
  z.object({
    type: z.literal("preservation.approve"),
    at,
    /** Id of the preservation within the case. */
    preservationId: IdSchema,
    /** 证据可能灭失或者以后难以取得的情形. */
    reason: z.string().trim().min(1),
  }),
  z.object({
    type: z.literal("preservation.register"),
    at,
    preservationId: IdSchema,
    /** 登记保存的物品. */
    items: z.array(z.string().trim().min(1)).min(1).readonly(),
    records,
  }),
  z.object({
    type: z.literal("preservation.handle"),
    at,
    preservationId: IdSchema,
    outcome: PreservationOutcomeSchema,
    records,
  }),
  z.object({
    type: z.literal("coercion.act"),
    /** Id of the measure within the case. */
    measureId: IdSchema,
    /** The step, as `decideSeizure` takes it (its `at` is the act's time). */
    seizure: SeizureCommandSchema,
  }),
  z.object({
    type: z.literal("transfer.report"),
    at,
    /** 涉嫌犯罪的事实. */
    facts: z.string().trim().min(1),
    /** 专案组 — at least two officers (移送规定 Art. 5 para. 1). */
    officerIds: z.array(IdSchema).min(1).readonly(),
    records,
  }),
  z.object({
    type: z.literal("transfer.send"),
    at,
    /** 公安机关. */
    receivingOrgan: z.string().trim().min(1),
    records,
  }),
  z.object({ type: z.literal("transfer.answer"), at, accepted: z.boolean(), records }),
  z.object({
    type: z.literal("period.exclude"),
    at,
    kind: ExclusionKindSchema,
    /** First excluded day (included). */
    from: CivilDateSchema,
    /** Last excluded day (included). */
    to: CivilDateSchema,
    records,
  }),
  z.object({
    type: z.literal("remedy.record"),
    at,
    remedyId: IdSchema,
    pause: SurchargePauseSchema,
  }),
  z.object({ type: z.literal("case.close"), at }),
  z.object({ type: z.literal("case.archive"), at, records }),
  // 送达地址确认书、暂缓缴纳、催告、强制执行、申请法院强制执行 (execution.ts).
  ...EXECUTION_COMMAND_SCHEMAS,
]);
/** 普通程序命令 (see {@link PenaltyCommandSchema}). */
export type PenaltyCommand = z.infer<typeof PenaltyCommandSchema>;
/** A command as an app may write it (defaults not yet applied). */
export type PenaltyCommandInput = z.input<typeof PenaltyCommandSchema>;
/** The `type` of a {@link PenaltyCommand}. */
export type PenaltyCommandType = PenaltyCommand["type"];
