// 行政强制执行的依据与条款 — the execution rules' sources (行政强制法 Arts. 35–59; 行政处罚法 Arts.
// 66, 72), the bureau's execution policy, and the terms the execution commands and events share
// (grounds, rulings, instalments, utilities). Re-exported by execution.ts.
import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import type { RuleSource } from "../kernel/source.js";
import { CivilDateSchema } from "../kernel/time.js";

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

/**
 * 未直接送达的原因 — 行政强制法 Art. 38: a demand or an execution decision is served directly;
 * another method only when the party refused it (`refused`) or cannot be reached directly
 * (`unreachable`).
 */
export const IndirectServiceReasonSchema = z.enum(["refused", "unreachable"]);
/** 未直接送达的原因 (see {@link IndirectServiceReasonSchema}). */
export type IndirectServiceReason = z.infer<typeof IndirectServiceReasonSchema>;

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
