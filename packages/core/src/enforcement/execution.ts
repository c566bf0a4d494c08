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
 * - `execution.apply` 申请人民法院强制执行 (Arts. 53–55).
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
    records,
  }),
  z.object({
    type: z.literal("execution.apply"),
    at,
    /** 受理申请的人民法院. */
    court: z.string().trim().min(1),
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
    records: recs,
  }),
  z.object({ type: z.literal("execution.applied"), at: when, court: z.string(), records: recs }),
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
  /** 申请人民法院强制执行. */
  readonly application?: { readonly at: Instant; readonly court: string };
}

/** The execution state of a case before any of its events. */
export const EMPTY_EXECUTION: ExecutionState = { defences: [], acts: [] };

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
      return { ...s, application: { at: e.at, court: e.court } };
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
  }
}
