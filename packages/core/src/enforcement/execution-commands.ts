// 送达与执行命令 — the commands of service consent and of execution (行政处罚法 Arts. 61, 66;
// 行政强制法 Arts. 35–59), part of the ordinary procedure's commands. Re-exported by execution.ts.
import { z } from "zod";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
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
import { ServiceMethodSchema } from "./service.js";

const at = InstantSchema.optional();
const records = z.array(RecordRefSchema).readonly().default([]);
/** 收件日期 (mail: the receipt; electronic: arrival in the party's system). */
const receivedOn = CivilDateSchema.optional();
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
