// 行政强制执行 — what happens in a penalty case after the payment deadline passes unpaid
// (行政处罚法 Arts. 66, 72; 行政强制法 Arts. 35–38, 43, 45–46, 53–55): the commands and events
// of the execution steps, the policy a bureau sets, and how the steps change the case. The
// decisions themselves are in execution-decide.ts.
import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import type { RuleSource } from "../kernel/source.js";
import { type CivilDate, CivilDateSchema, type Instant, InstantSchema } from "../kernel/time.js";
import type { CaseDeadline } from "./deadline.js";
import { CaseDeadlineSchema } from "./deadline.js";
import { RecordRefSchema } from "./record-ref.js";
import {
  type PublicNoticeService,
  PublicNoticeServiceSchema,
  ServiceMethodSchema,
  serviceActionOf,
} from "./service.js";
import type { Instalment } from "./surcharge.js";

const coercion = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "行政强制法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});

/** 强制执行规则的依据 — the article of each execution rule, cited by refusals and tests. */
export const EXECUTION_SOURCES = {
  /** 逾期不履行的，可以加处罚款、申请人民法院强制执行 (行政处罚法 Art. 72 para. 1). */
  overdue: { law: "行政处罚法", article: 72, paragraph: 1, confidence: "C-law" },
  /** 暂缓或者分期缴纳 (行政处罚法 Art. 66 para. 2). */
  deferral: { law: "行政处罚法", article: 66, paragraph: 2, confidence: "C-law" },
  /** 申请法院强制执行的期限自暂缓或者分期缴纳罚款期限结束之日起计算 (行政处罚法 Art. 72 para. 2). */
  deferralCourtWindow: { law: "行政处罚法", article: 72, paragraph: 2, confidence: "C-law" },
  /** 法律没有规定行政机关强制执行的，应当申请人民法院强制执行 (行政强制法 Art. 13 para. 2). */
  noEnforcementPower: coercion(13, 2),
  /** 作出强制执行决定前，应当事先书面催告 (Art. 35). */
  demand: coercion(35),
  /** 当事人收到催告书后有权陈述和申辩；记录、复核；成立的应当采纳 (Art. 36). */
  demandDefence: coercion(36),
  /** 经催告逾期仍不履行的，可以作出书面强制执行决定 (Art. 37 paras. 1–2). */
  decision: coercion(37, 1),
  /** 催告期间有转移或者隐匿财物迹象的，可以作出立即强制执行决定 (Art. 37 para. 3). */
  immediate: coercion(37, 3),
  /** 催告书、强制执行决定书应当直接送达，否则依照民事诉讼法 (Art. 38). */
  service: coercion(38),
  /** 不得在夜间或者法定节假日实施行政强制执行，情况紧急的除外 (Art. 43 para. 1). */
  nightAndHolidays: coercion(43, 1),
  /** 加处罚款超过三十日，经催告仍不履行的，方可强制执行 (Art. 46 para. 1). */
  surchargeThirtyDays: coercion(46, 1),
  /** 自复议、诉讼期限届满之日起三个月内申请人民法院强制执行 (Art. 53). */
  courtWindow: coercion(53),
  /** 催告书送达十日后当事人仍未履行的，方可申请人民法院强制执行 (Art. 54). */
  courtAfterDemand: coercion(54),
  /** 申请人民法院强制执行应当提供的材料 (Art. 55). */
  courtMaterials: coercion(55, 1),
  /** 不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行 (Art. 43 para. 2). */
  utilities: coercion(43, 2),
  /** 中止执行的情形；情形消失后恢复执行 (Art. 39). */
  suspension: coercion(39, 1),
  /** 中止执行的情形消失后，行政机关应当恢复执行 (Art. 39 para. 2). */
  resumption: coercion(39, 2),
  /** 终结执行的情形 (Art. 40). */
  termination: coercion(40),
  /** 执行协议可以约定分阶段履行；不履行的，应当恢复强制执行 (Art. 42). */
  agreement: coercion(42, 1),
  /** 当事人采取补救措施的，可以减免加处的罚款或者滞纳金 (Art. 42 para. 1). */
  surchargeRelief: coercion(42, 1),
  /** 执行协议应当履行；当事人不履行执行协议的，行政机关应当恢复强制执行 (Art. 42 para. 2). */
  agreementBreach: coercion(42, 2),
  /** 没有明显社会危害，当事人确无能力履行，中止执行满三年未恢复执行的，行政机关不再执行 (Art. 39 para. 2). */
  noLongerExecuted: coercion(39, 2),
  /** 人民法院在作出裁定前可以听取被执行人和行政机关的意见 (Art. 58 para. 1). */
  courtHearing: coercion(58, 1),
  /** 因情况紧急，为保障公共安全，行政机关可以申请人民法院立即执行；经院长批准，自作出执行裁定之日起五日内执行 (Art. 59). */
  immediateCourtExecution: coercion(59),
  /** 人民法院接到申请，应当在五日内受理；不予受理的，十五日内向上一级人民法院申请复议 (Art. 56). */
  courtAcceptance: coercion(56, 1),
  /** 对不予受理的裁定有异议的，可以在十五日内向上一级人民法院申请复议 (Art. 56 para. 2). */
  acceptanceReconsideration: coercion(56, 2),
  /** 人民法院应当自受理之日起七日内作出执行裁定 (Art. 57). */
  courtRuling: coercion(57),
  /** 明显违法等情形：自受理之日起三十日内作出是否执行的裁定；不予执行的应当说明理由 (Art. 58 para. 2). */
  courtRulingReview: coercion(58, 2),
  /** 对不予执行的裁定有异议的，自收到裁定之日起十五日内向上一级人民法院申请复议 (Art. 58 para. 3). */
  rulingReconsideration: coercion(58, 3),
} as const satisfies Readonly<Record<string, RuleSource>>;

/** A time of day `HH:MM` (China time). */
const TimeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: "expected HH:MM (00:00–23:59)" });

/**
 * 强制执行配置 — a bureau's execution settings, each with a default and its source:
 *
 * - `selfEnforcement` 具有行政强制执行权: only where a law gives the bureau the power
 *   (行政强制法 Art. 13); default `false` — the bureau applies to the people's court
 *   (Arts. 53–54) and `execution.decide` is refused. [VAR]
 * - `night` 夜间: the law does not define it; default 22:00 to 06:00 China time, the night of
 *   噪声污染防治法 Art. 88 (not among the shipped laws; confirm locally). [M]
 * - `restDays` 法定节假日: `nonWorking` (default) also counts weekends as days no execution
 *   may be carried out, the reading that protects the party; `holidays` only the days off of
 *   the holiday notices (全国年节及纪念日放假办法). [M]
 * - `publicationNotice` 送达时书面告知将予公示: `samr` — 市场监督管理行政处罚信息公示规定
 *   Art. 8 binds the bureau: a penalty decision that rule publishes (every penalty of the
 *   ordinary procedure but a warning alone, Art. 2) is served only with the written notice
 *   that it will be published; `off` — no such sector rule. Default `off` in the core;
 *   `createBureau` defaults it to `samr` when the bureau's disclosure sector is `samr`.
 */
export const ExecutionPolicySchema = z
  .object({
    /** 具有行政强制执行权 (法律设定), default false. */
    selfEnforcement: z.boolean().default(false),
    /** 夜间 — from `from` to `to` of the next morning (China time); must span midnight. */
    night: z
      .object({ from: TimeOfDaySchema.default("22:00"), to: TimeOfDaySchema.default("06:00") })
      .refine((n) => n.from > n.to, { message: "夜间须跨越午夜：起始时间应晚于结束时间（如 22:00 至 06:00）" })
      .default({ from: "22:00", to: "06:00" }),
    /** Which days count as 法定节假日 for Art. 43. */
    restDays: z.enum(["nonWorking", "holidays"]).default("nonWorking"),
    /** 送达时书面告知将予公示 (市场监督管理行政处罚信息公示规定 Art. 8), default `off`. */
    publicationNotice: z.enum(["samr", "off"]).default("off"),
  })
  .readonly();
/** 强制执行配置 (see {@link ExecutionPolicySchema}). */
export type ExecutionPolicy = z.infer<typeof ExecutionPolicySchema>;
/** {@link ExecutionPolicy} as a bureau writes it (every field optional). */
export type ExecutionPolicyInput = z.input<typeof ExecutionPolicySchema>;

/** 夜间的默认依据 — [M]: 行政强制法 Art. 43 leaves 夜间 undefined; 22:00–06:00 follows 噪声污染防治法 Art. 88. */
export const NIGHT_DEFAULT_SOURCE: RuleSource = { law: "行政强制法", article: 43, paragraph: 1, confidence: "M" };

const at = InstantSchema.optional();
const records = z.array(RecordRefSchema).readonly().default([]);
/** 收件日期 (mail: the receipt; electronic: arrival in the party's system). */
const receivedOn = CivilDateSchema.optional();
/**
 * 未直接送达的原因 — 行政强制法 Art. 38: a demand or an execution decision is served directly;
 * another method only when the party refused it (`refused`) or cannot be reached directly
 * (`unreachable`).
 */
export const IndirectServiceReasonSchema = z.enum(["refused", "unreachable"]);
/** 未直接送达的原因 (see {@link IndirectServiceReasonSchema}). */
export type IndirectServiceReason = z.infer<typeof IndirectServiceReasonSchema>;
const indirectBecause = IndirectServiceReasonSchema.optional();

/**
 * 停止供应 — what an execution act cuts off (行政强制法 Art. 43 para. 2: 停止供水、供电、供热、
 * 供燃气等): `water` 供水, `power` 供电, `heating` 供热, `gas` 供燃气, `other` 其他生活供应.
 */
export const UtilitySchema = z.enum(["water", "power", "heating", "gas", "other"]);
/** 停止供应的种类 (see {@link UtilitySchema}). */
export type Utility = z.infer<typeof UtilitySchema>;

/**
 * 停止供应 — an act or a decision that cuts utilities to compel performance, and the premises
 * it is aimed at: `residence` 居民生活（住宅）, `business` 生产经营场所. Against a residence it is
 * refused whatever the party (行政强制法 Art. 43 para. 2).
 */
export const UtilityCutoffSchema = z
  .object({
    utilities: z.array(UtilitySchema).min(1).readonly(),
    premises: z.enum(["residence", "business"]),
  })
  .readonly();
/** 停止供应 (see {@link UtilityCutoffSchema}). */
export type UtilityCutoff = z.infer<typeof UtilityCutoffSchema>;

/** 分期缴纳的一期 as approved: its amount (fen, positive) and its last day of payment. */
export const InstalmentSchema = z
  .object({
    /** 本期金额（分）. */
    amountFen: FenSchema.refine((n) => n > 0, { message: "每期金额须大于零" }),
    /** 本期缴纳期限（最后一日）. */
    dueDate: CivilDateSchema,
  })
  .readonly();

/**
 * 分期的依据 — `deferral` 经当事人申请，行政机关批准分期缴纳 (行政处罚法 Art. 66 para. 2);
 * `agreement` 执行协议约定分阶段履行 (行政强制法 Art. 42 para. 1).
 */
export const InstalmentBasisSchema = z.enum(["deferral", "agreement"]);
/** 分期的依据 (see {@link InstalmentBasisSchema}). */
export type InstalmentBasis = z.infer<typeof InstalmentBasisSchema>;

/**
 * 中止执行的情形 (行政强制法 Art. 39 para. 1): `hardship` (一) 当事人履行确有困难或者暂无履行能力;
 * `thirdPartyClaim` (二) 第三人对执行标的主张权利，确有理由; `irreparableLoss` (三) 执行可能造成
 * 难以弥补的损失，且中止执行不损害公共利益; `other` (四) 行政机关认为需要中止执行的其他情形.
 */
export const SuspensionGroundSchema = z.enum(["hardship", "thirdPartyClaim", "irreparableLoss", "other"]);
/** 中止执行的情形 (see {@link SuspensionGroundSchema}). */
export type SuspensionGround = z.infer<typeof SuspensionGroundSchema>;

/**
 * 终结执行的情形 (行政强制法 Art. 40): `deceased` (一) 公民死亡，无遗产可供执行，又无义务承受人;
 * `dissolved` (二) 法人或者其他组织终止，无财产可供执行，又无义务承受人; `objectLost` (三) 执行
 * 标的灭失; `decisionRevoked` (四) 据以执行的行政决定被撤销; `other` (五) 行政机关认为需要终结
 * 执行的其他情形.
 */
export const TerminationGroundSchema = z.enum(["deceased", "dissolved", "objectLost", "decisionRevoked", "other"]);
/** 终结执行的情形 (see {@link TerminationGroundSchema}). */
export type TerminationGround = z.infer<typeof TerminationGroundSchema>;

/** The item of Art. 39 para. 1 / Art. 40 each ground is. */
export const SUSPENSION_GROUND_ITEMS = {
  hardship: 1,
  thirdPartyClaim: 2,
  irreparableLoss: 3,
  other: 4,
} as const satisfies Readonly<Record<SuspensionGround, number>>;
/** The item of Art. 40 each termination ground is. */
export const TERMINATION_GROUND_ITEMS = {
  deceased: 1,
  dissolved: 2,
  objectLost: 3,
  decisionRevoked: 4,
  other: 5,
} as const satisfies Readonly<Record<TerminationGround, number>>;

/**
 * 人民法院的裁定 — `enforce` 准予执行 (Art. 57); `notEnforce` 不予执行 (Art. 58 para. 2, with its
 * reasons); `notAccepted` 不予受理 (Art. 56 para. 2).
 */
export const CourtRulingSchema = z.enum(["enforce", "notEnforce", "notAccepted"]);
/** 人民法院的裁定 (see {@link CourtRulingSchema}). */
export type CourtRuling = z.infer<typeof CourtRulingSchema>;

/**
 * 减免加处的罚款 (行政强制法 Art. 42 para. 1): `waive` 免除 — all the surcharge unpaid on the day;
 * `reduce` 减少 — by `amountFen` (positive, at most what is unpaid on the day).
 */
export const SurchargeReliefSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("waive") }),
  z.object({ kind: z.literal("reduce"), amountFen: FenSchema.refine((n) => n > 0, { message: "减少的金额须大于零" }) }),
]);
/** 减免加处的罚款 (see {@link SurchargeReliefSchema}). */
export type SurchargeRelief = z.infer<typeof SurchargeReliefSchema>;

/**
 * 申请立即执行 (行政强制法 Art. 59): `reason` 紧急情况 and `publicSafety` 危及公共安全的情形 —
 * the organ's grounds for asking the court to execute at once.
 */
export const ImmediateCourtExecutionSchema = z
  .object({
    /** 情况紧急的事实. */
    reason: z.string().trim().min(1),
    /** 为保障公共安全 — the public-safety risk. */
    publicSafety: z.string().trim().min(1),
  })
  .readonly();

/**
 * 送达与执行命令 — the commands of service consent and of execution, part of the ordinary
 * procedure's commands (`PenaltyCommandSchema`):
 * - `service.consent` 送达地址确认书 — the party agrees to electronic service at `address`
 *   (行政处罚法 Art. 61 para. 2);
 * - `payment.defer` 批准暂缓缴纳罚款 until `until` (Art. 66 para. 2);
 * - `execution.demand` 催告 — the written demand, served by `method` (行政强制法 Arts. 35, 38, 54);
 * - `execution.defence` 催告后的陈述申辩 and its review: `established` when the party's facts,
 *   reasons or evidence hold (Art. 36);
 * - `execution.decide` 强制执行决定 (Art. 37), `immediate` in the demand period (para. 3);
 * - `execution.serve` 送达强制执行决定书 (Art. 38);
 * - `execution.act` 实施强制执行 — never at night or on a holiday unless `emergency` (Art. 43);
 * - `execution.apply` 申请人民法院强制执行 (Arts. 53–55), `immediate` 申请立即执行 (Art. 59);
 * - `payment.instalments` 分期缴纳 or 执行协议 (行政处罚法 Art. 66 para. 2; 行政强制法 Art. 42);
 * - `execution.courtAccept`, `execution.courtRule`, `execution.courtReconsider`,
 *   `execution.courtStatement` — the court's acceptance and ruling, the organ's 复议 request and
 *   its statement when heard (Arts. 56–59);
 * - `execution.suspend`, `execution.resume`, `execution.terminate`, `execution.cease` 中止、
 *   恢复、终结执行 and 不再执行 (Arts. 39–40);
 * - `execution.relieveSurcharge` 减免加处罚款, `execution.agreementBreach` 不履行执行协议 (Art. 42).
 *
 * Documented with the ordinary procedure's commands (`PenaltyCommandSchema`).
 * @internal
 */
export const EXECUTION_COMMAND_SCHEMAS = [
  z.object({
    type: z.literal("service.consent"),
    at,
    /** 确认的电子送达地址（传真、电子邮箱、送达平台账号）. */
    address: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("payment.defer"),
    at,
    /** 暂缓缴纳至 — the last day of the deferred payment. */
    until: CivilDateSchema,
    records,
  }),
  z.object({
    type: z.literal("execution.demand"),
    at,
    method: ServiceMethodSchema,
    receivedOn,
    /** Why not served directly (required for any method but `direct` / `onSpot`, Art. 38). */
    indirectBecause,
    records,
  }),
  z.object({
    type: z.literal("execution.defence"),
    at,
    /** 当事人陈述、申辩的内容. */
    statement: z.string().trim().min(1),
    /** 复核：当事人提出的事实、理由或者证据成立. */
    established: z.boolean(),
    /** 复核意见. */
    review: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.decide"),
    at,
    /** 强制执行的方式（如划拨存款、拍卖查封扣押的财物）. */
    means: z.string().trim().min(1),
    /** 立即强制执行 — the signs of moving or hiding property and the evidence of them (Art. 37 para. 3). */
    immediate: z
      .object({ reason: z.string().trim().min(1), evidence: z.array(RecordRefSchema).min(1).readonly() })
      .optional(),
    /** 停止供水、供电、供热、供燃气等 — declared when the means cut utilities (Art. 43 para. 2). */
    utilityCutoff: UtilityCutoffSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("execution.serve"),
    at,
    method: ServiceMethodSchema,
    receivedOn,
    /** Why not served directly (required for any method but `direct` / `onSpot`, Art. 38). */
    indirectBecause,
    records,
  }),
  z.object({
    type: z.literal("execution.act"),
    at,
    /** When the act ended (default: `at`). */
    endedAt: InstantSchema.optional(),
    /** 执行情况. */
    description: z.string().trim().min(1),
    /** 情况紧急 (Art. 43 para. 1). */
    emergency: z.object({ reason: z.string().trim().min(1) }).optional(),
    /** 停止供水、供电、供热、供燃气等 — declared when the act cuts utilities (Art. 43 para. 2). */
    utilityCutoff: UtilityCutoffSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("execution.apply"),
    at,
    /** 受理申请的人民法院. */
    court: z.string().trim().min(1),
    /** 申请立即执行 — 因情况紧急，为保障公共安全 (Art. 59): the emergency and the public-safety risk. */
    immediate: ImmediateCourtExecutionSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("payment.instalments"),
    at,
    /** 批准分期的依据 (default: 行政处罚法 Art. 66 para. 2). */
    basis: InstalmentBasisSchema.default("deferral"),
    /** 分期计划 — amounts summing to the fine outstanding, due dates strictly increasing. */
    instalments: z.array(InstalmentSchema).min(1).readonly(),
    records,
  }),
  z.object({
    type: z.literal("execution.courtAccept"),
    at,
    /** 人民法院受理之日. */
    acceptedOn: CivilDateSchema,
    records,
  }),
  z.object({
    type: z.literal("execution.courtRule"),
    at,
    /** 裁定结果. */
    ruling: CourtRulingSchema,
    /** 裁定作出之日. */
    ruledOn: CivilDateSchema,
    /** 行政机关收到裁定之日（复议期限自此起算）. */
    receivedOn: CivilDateSchema,
    /** 不予执行、不予受理的理由（裁定书载明）. */
    reasons: z.string().trim().min(1).optional(),
    /** 经人民法院院长批准立即执行 (Art. 59) — only on an application for immediate execution. */
    immediateApproved: z.boolean().optional(),
    records,
  }),
  z.object({
    type: z.literal("execution.courtReconsider"),
    at,
    /** 受理复议申请的上一级人民法院. */
    court: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.suspend"),
    at,
    ground: SuspensionGroundSchema,
    /** 中止执行的事实和理由. */
    reason: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.resume"),
    at,
    /** 中止执行的情形消失的事实. */
    reason: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.terminate"),
    at,
    ground: TerminationGroundSchema,
    /** 终结执行的事实和理由. */
    reason: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.cease"),
    at,
    /** 没有明显社会危害 — the finding and its facts. */
    noSocialHarm: z.string().trim().min(1),
    /** 当事人确无能力履行 — the finding and its facts. */
    inability: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.relieveSurcharge"),
    at,
    /** 当事人采取的补救措施. */
    remedialMeasures: z.string().trim().min(1),
    relief: SurchargeReliefSchema,
    records,
  }),
  z.object({
    type: z.literal("execution.agreementBreach"),
    at,
    /** 当事人不履行执行协议的事实. */
    reason: z.string().trim().min(1),
    records,
  }),
  z.object({
    type: z.literal("execution.courtStatement"),
    at,
    /** 行政机关向人民法院陈述的意见. */
    statement: z.string().trim().min(1),
    records,
  }),
] as const;

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

/** 执行情况 — what the execution steps of a case established (part of the case's context). */
export interface ExecutionState {
  /** 送达地址确认书 (electronic service allowed). */
  readonly consent?: { readonly at: Instant; readonly address: string };
  /** 暂缓缴纳至. */
  readonly deferredUntil?: CivilDate;
  /** 催告 in force: served on, its ten working days, the amount demanded. */
  readonly demand?: {
    readonly at: Instant;
    readonly servedOn: CivilDate;
    readonly publicNotice?: PublicNoticeService;
    readonly due: CaseDeadline;
    readonly amountFen: number;
  };
  /** 陈述申辩 received after demands, with the review's finding. */
  readonly defences: readonly { readonly at: Instant; readonly established: boolean }[];
  /** 强制执行决定. */
  readonly decision?: { readonly at: Instant; readonly means: string; readonly immediate: boolean };
  /** 强制执行决定书送达. */
  readonly decisionServed?: { readonly at: Instant; readonly servedOn: CivilDate };
  /** 实施强制执行. */
  readonly acts: readonly { readonly at: Instant; readonly emergency: boolean }[];
  /** 申请人民法院强制执行 (`immediate`: 申请立即执行, Art. 59). */
  readonly application?: { readonly at: Instant; readonly court: string; readonly immediate?: boolean };
  /** 分期缴纳 — the approved plan and the day each instalment was paid in full. */
  readonly instalments?: InstalmentPlan;
  /** 人民法院对申请的处理 (行政强制法 Arts. 56–58). */
  readonly court?: CourtProceedings;
  /** 中止执行 in force (Art. 39), with the end of its three years (para. 2). */
  readonly suspended?: { readonly at: Instant; readonly ground: SuspensionGround; readonly lapseDue?: CaseDeadline };
  /** 终结执行 (Art. 40): nothing more is executed. */
  readonly terminated?: { readonly at: Instant; readonly ground: TerminationGround };
  /** 不再执行 (Art. 39 para. 2): suspended three years, nothing more is executed. */
  readonly ceased?: { readonly at: Instant };
}

/** 分期缴纳计划 — approved instalments, the amount paid before approval, and when each was paid off. */
export interface InstalmentPlan {
  /** 批准（达成执行协议）之时. */
  readonly at: Instant;
  /** 分期的依据 (行政处罚法 Art. 66 para. 2 or 行政强制法 Art. 42). */
  readonly basis: InstalmentBasis;
  /** 各期 — amounts and due dates, in order. */
  readonly instalments: readonly Instalment[];
  /** 已缴金额 at approval: payments after it apply to the instalments in order of due date. */
  readonly paidBeforeFen: number;
  /** 每期缴清之日 (index by instalment), undefined while not fully paid. */
  readonly settledOn: readonly (CivilDate | undefined)[];
  /** 加处罚款 accrued before an execution agreement, kept with the plan (zero for a deferral). */
  readonly surchargeAccrued: { readonly amountFen: number; readonly days: number };
  /** 减免的加处罚款 under the agreement (行政强制法 Art. 42 para. 1), subtracted from what accrues. */
  readonly surchargeReliefFen: number;
  /** 不履行执行协议 recorded (Art. 42 para. 2): the plan no longer holds execution back. */
  readonly breachedAt?: Instant;
}

/** 人民法院的处理 — acceptance, ruling and the organ's reconsideration request. */
export interface CourtProceedings {
  /** 人民法院受理之日. */
  readonly acceptedOn?: CivilDate;
  /** The latest ruling (the higher court's after a reconsideration). */
  readonly ruling?: {
    readonly ruling: CourtRuling;
    readonly receivedOn: CivilDate;
    readonly onReconsideration: boolean;
    readonly reconsiderationDue?: CaseDeadline;
    /** 人民法院送达不予执行裁定期限 (Art. 58 para. 2), for a first 不予执行 ruling. */
    readonly deliveryDue?: CaseDeadline;
    /** The ruling reached the organ after `deliveryDue`. */
    readonly deliveredLate?: boolean;
  };
  /** 申请复议 pending before the higher court. */
  readonly reconsideration?: { readonly at: Instant; readonly against: "notEnforce" | "notAccepted" };
}

/** The execution state of a case before any of its events. */
export const EMPTY_EXECUTION: ExecutionState = { defences: [], acts: [] };

/**
 * 分期缴款的分配 — the amount paid toward each instalment when `paidFen` has been paid in all
 * (what was paid before the plan excluded), in order of due date: each part between 0 and
 * its instalment's amount, the parts summing to the amount paid toward the plan (capped at
 * the plan's total).
 */
export function allocateInstalments(plan: InstalmentPlan, paidFen: number): readonly number[] {
  let left = Math.max(0, paidFen - plan.paidBeforeFen);
  return plan.instalments.map((i) => {
    const part = Math.min(left, i.amountFen);
    left -= part;
    return part;
  });
}

/**
 * 缴款记入分期 — the plan after payments reach `paidFen` in all on `on`: each instalment paid
 * off by now keeps (or gets) `on` as its settlement day. Pure; no plan, no change.
 */
export function applyPaymentToInstalments(s: ExecutionState, paidFen: number, on: CivilDate): ExecutionState {
  const plan = s.instalments;
  if (plan === undefined) return s;
  const parts = allocateInstalments(plan, paidFen);
  const settledOn = plan.instalments.map(
    (i, k) => plan.settledOn[k] ?? ((parts[k] ?? 0) >= i.amountFen ? on : undefined),
  );
  return { ...s, instalments: { ...plan, settledOn } };
}

/**
 * 未缴的各期 — the instalments not yet paid in full on the plan, with the amount still owed on
 * each, in order of due date.
 */
export function unpaidInstalments(
  plan: InstalmentPlan,
  paidFen: number,
): readonly { readonly index: number; readonly dueDate: CivilDate; readonly owedFen: number }[] {
  const parts = allocateInstalments(plan, paidFen);
  return plan.instalments.flatMap((i, index) => {
    const owedFen = i.amountFen - (parts[index] ?? 0);
    return owedFen > 0 ? [{ index, dueDate: i.dueDate, owedFen }] : [];
  });
}

/** The execution event types. */
export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = EXECUTION_EVENT_SCHEMAS.map(
  (s) => s.shape.type.value,
);

/** Whether `e` is an execution event (by its type). */
export function isExecutionEvent(e: { readonly type: string }): e is ExecutionEvent {
  return (EXECUTION_EVENT_TYPES as readonly string[]).includes(e.type);
}

/**
 * 执行情况演进 — the execution state after `e` (pure). A defence found established
 * (行政强制法 Art. 36: 应当采纳) and an approved deferral (the fine is no longer overdue,
 * 行政处罚法 Art. 66 para. 2) set the demand aside: enforcing needs a new demand.
 */
export function evolveExecution(s: ExecutionState, e: ExecutionEvent): ExecutionState {
  switch (e.type) {
    case "service.consented":
      return { ...s, consent: { at: e.at, address: e.address } };
    case "payment.deferred": {
      // The fine is no longer overdue: a demand made before the deferral no longer stands.
      const { demand: _d, ...rest } = s;
      return { ...rest, deferredUntil: e.until };
    }
    case "execution.demanded":
      return {
        ...s,
        demand: {
          at: e.at,
          servedOn: e.servedOn,
          ...(e.publicNotice === undefined ? {} : { publicNotice: e.publicNotice }),
          due: e.demandDue,
          amountFen: e.amountFen,
        },
      };
    case "execution.defenceReceived": {
      const { demand: _d, ...rest } = s;
      const defences = [...s.defences, { at: e.at, established: e.established }];
      return e.established ? { ...rest, defences } : { ...s, defences };
    }
    case "execution.decided":
      return { ...s, decision: { at: e.at, means: e.means, immediate: e.immediate !== undefined } };
    case "execution.served":
      return { ...s, decisionServed: { at: e.at, servedOn: e.servedOn } };
    case "execution.acted":
      return { ...s, acts: [...s.acts, { at: e.at, emergency: e.emergency !== undefined }] };
    case "execution.applied":
      return {
        ...s,
        application: { at: e.at, court: e.court, ...(e.immediate === undefined ? {} : { immediate: true }) },
      };
    case "payment.instalmentsApproved": {
      // A deferral's plan replaces the payment deadline: a demand made before it no longer
      // stands. An execution agreement keeps it (its breach restores execution, 行政强制法 Art. 42 para. 2).
      const { demand: _d, ...rest } = s;
      return {
        ...(e.basis === "agreement" ? s : rest),
        instalments: {
          at: e.at,
          basis: e.basis,
          instalments: e.instalments,
          paidBeforeFen: e.paidBeforeFen,
          settledOn: e.instalments.map(() => undefined),
          surchargeAccrued: e.surchargeAccrued ?? { amountFen: 0, days: 0 },
          surchargeReliefFen: 0,
        },
      };
    }
    case "execution.courtAccepted":
      return { ...s, court: { ...s.court, acceptedOn: e.acceptedOn } };
    case "execution.courtRuled": {
      const { reconsideration: _r, ...court } = s.court ?? {};
      return {
        ...s,
        court: {
          ...court,
          ruling: {
            ruling: e.ruling,
            receivedOn: e.receivedOn,
            onReconsideration: e.onReconsideration,
            ...(e.reconsiderationDue === undefined ? {} : { reconsiderationDue: e.reconsiderationDue }),
            ...(e.deliveryDue === undefined ? {} : { deliveryDue: e.deliveryDue }),
            ...(e.deliveredLate === undefined ? {} : { deliveredLate: e.deliveredLate }),
          },
        },
      };
    }
    case "execution.courtReconsidered":
      return { ...s, court: { ...s.court, reconsideration: { at: e.at, against: e.against } } };
    case "execution.suspended":
      return {
        ...s,
        suspended: { at: e.at, ground: e.ground, ...(e.lapseDue === undefined ? {} : { lapseDue: e.lapseDue }) },
      };
    case "execution.resumed": {
      const { suspended: _s, ...rest } = s;
      return rest;
    }
    case "execution.terminated": {
      const { suspended: _s, ...rest } = s;
      return { ...rest, terminated: { at: e.at, ground: e.ground } };
    }
    case "execution.ceased": {
      const { suspended: _s, ...rest } = s;
      return { ...rest, ceased: { at: e.at } };
    }
    case "execution.surchargeRelieved":
      return s.instalments === undefined
        ? s
        : {
            ...s,
            instalments: { ...s.instalments, surchargeReliefFen: s.instalments.surchargeReliefFen + e.reliefFen },
          };
    case "execution.agreementBreached":
      return s.instalments === undefined ? s : { ...s, instalments: { ...s.instalments, breachedAt: e.at } };
    case "execution.courtStatementMade":
      return s;
  }
}

/** The stage (案卷 order) of each execution event: consent belongs to service, the rest to execution. */
export const EXECUTION_EVENT_STAGES = {
  "service.consented": "service",
  "payment.deferred": "execution",
  "execution.demanded": "execution",
  "execution.defenceReceived": "execution",
  "execution.decided": "execution",
  "execution.served": "execution",
  "execution.acted": "execution",
  "execution.applied": "execution",
  "payment.instalmentsApproved": "execution",
  "execution.courtAccepted": "execution",
  "execution.courtRuled": "execution",
  "execution.courtReconsidered": "execution",
  "execution.suspended": "execution",
  "execution.resumed": "execution",
  "execution.terminated": "execution",
  "execution.ceased": "execution",
  "execution.surchargeRelieved": "execution",
  "execution.agreementBreached": "execution",
  "execution.courtStatementMade": "execution",
} as const satisfies Readonly<Record<ExecutionEventType, "service" | "execution">>;

/**
 * The recording action each execution event stands for (recording `KNOWN_ACTIONS`): the
 * execution decision's service is recorded as a service by its method.
 */
export function executionActionOf(e: ExecutionEvent): string {
  switch (e.type) {
    case "service.consented":
      return "serviceConsent";
    case "payment.deferred":
      return "paymentDeferral";
    case "execution.demanded":
      return "executionDemand";
    case "execution.defenceReceived":
      return "executionStatement";
    case "execution.decided":
      return "coerciveExecutionDecision";
    case "execution.served":
      return serviceActionOf(e.method);
    case "execution.acted":
      return "coerciveExecution";
    case "execution.applied":
      return "courtApplication";
    case "payment.instalmentsApproved":
      return e.basis === "agreement" ? "executionAgreement" : "paymentDeferral";
    case "execution.courtAccepted":
      return "courtAcceptance";
    case "execution.courtRuled":
      return "courtRuling";
    case "execution.courtReconsidered":
      return "courtReconsideration";
    case "execution.suspended":
      return "executionSuspension";
    case "execution.resumed":
      return "executionResumption";
    case "execution.terminated":
      return "executionTermination";
    case "execution.ceased":
      return "executionCessation";
    case "execution.surchargeRelieved":
      return "surchargeRelief";
    case "execution.agreementBreached":
      return "agreementBreach";
    case "execution.courtStatementMade":
      return "courtStatement";
  }
}
