import { z } from "zod";

/**
 * 执法环节 — the stages of an enforcement case, in procedure order. 行政处罚法 Art. 47 names
 * 启动, 调查取证, 审核, 决定, 送达, 执行; the pilot plan (二（二）) adds 归档; 结案 sits
 * between execution and archiving in every local flowchart.
 */
export const STAGES = [
  "filing",
  "investigation",
  "review",
  "decision",
  "service",
  "execution",
  "closing",
  "archiving",
] as const;

/** zod schema of a {@link Stage}. */
export const StageSchema = z.enum(STAGES);
/** 执法环节 — one stage of a case (see {@link STAGES}). */
export type Stage = z.infer<typeof StageSchema>;

/** The Chinese name of each {@link Stage}, as officers read it. */
export const STAGE_NAMES: Readonly<Record<Stage, string>> = {
  filing: "立案",
  investigation: "调查取证",
  review: "审查",
  decision: "决定",
  service: "送达",
  execution: "执行",
  closing: "结案",
  archiving: "归档",
};

/** Orders stages by procedure order: negative when `a` comes before `b`. */
export function compareStages(a: Stage, b: Stage): number {
  return STAGES.indexOf(a) - STAGES.indexOf(b);
}

/**
 * 记录形式 — the kinds of record (行政处罚法 Art. 47 "以文字、音像等形式"):
 * text records are 笔录 and 文书, audio-video records are 录音 and 录像; then 照片,
 * 电子数据 and 其他.
 */
export const RECORD_KINDS = ["transcript", "document", "audio", "video", "photo", "electronicData", "other"] as const;

/** zod schema of a {@link RecordKind}. */
export const RecordKindSchema = z.enum(RECORD_KINDS);
/** 记录形式 — one kind of record (see {@link RECORD_KINDS}). */
export type RecordKind = z.infer<typeof RecordKindSchema>;

/** The Chinese name of each {@link RecordKind}. */
export const RECORD_KIND_NAMES: Readonly<Record<RecordKind, string>> = {
  transcript: "笔录",
  document: "文书",
  audio: "录音",
  video: "录像",
  photo: "照片",
  electronicData: "电子数据",
  other: "其他记录",
};

/** 文字记录 — the text record kinds (笔录, 文书). */
export const TEXT_RECORD_KINDS: readonly RecordKind[] = ["transcript", "document"];
/** 音像记录 — the audio-video record kinds (录音, 录像). */
export const AUDIO_VIDEO_RECORD_KINDS: readonly RecordKind[] = ["audio", "video"];

/**
 * 执法行为 — the enforcement actions the default rule table knows, each with its Chinese
 * name and the stage it usually belongs to. A bureau may declare more through
 * {@link RecordingRulesConfig}; actions are therefore plain strings in the data.
 */
export const KNOWN_ACTIONS = {
  filing: { name: "立案", stage: "filing" },
  siteInspection: { name: "现场检查", stage: "investigation" },
  randomInspection: { name: "随机抽查", stage: "investigation" },
  inquiry: { name: "询问", stage: "investigation" },
  inquiryInCaseRoom: { name: "在执法办案场所询问", stage: "investigation" },
  sampling: { name: "抽样取证", stage: "investigation" },
  electronicMonitoring: { name: "电子技术监控取证", stage: "investigation" },
  advanceRegistration: { name: "先行登记保存", stage: "investigation" },
  sealOrSeize: { name: "查封扣押", stage: "investigation" },
  legalReview: { name: "法制审核", stage: "review" },
  priorNotice: { name: "告知", stage: "review" },
  hearing: { name: "举行听证", stage: "review" },
  onSpotPenalty: { name: "当场处罚", stage: "decision" },
  decision: { name: "作出行政处罚决定", stage: "decision" },
  service: { name: "直接送达", stage: "service" },
  serviceByLeaving: { name: "留置送达", stage: "service" },
  serviceByNotice: { name: "公告送达", stage: "service" },
  serviceByMail: { name: "邮寄送达", stage: "service" },
  serviceElectronic: { name: "电子送达", stage: "service" },
  serviceConsent: { name: "送达地址确认", stage: "service" },
  paymentDeferral: { name: "批准暂缓缴纳罚款", stage: "execution" },
  executionDemand: { name: "催告", stage: "execution" },
  executionStatement: { name: "催告后的陈述申辩", stage: "execution" },
  coerciveExecutionDecision: { name: "作出强制执行决定", stage: "execution" },
  coerciveExecution: { name: "实施强制执行", stage: "execution" },
  courtApplication: { name: "申请人民法院强制执行", stage: "execution" },
  courtAcceptance: { name: "人民法院受理强制执行申请", stage: "execution" },
  courtRuling: { name: "人民法院执行裁定", stage: "execution" },
  courtReconsideration: { name: "向上一级人民法院申请复议", stage: "execution" },
  executionSuspension: { name: "中止执行", stage: "execution" },
  executionResumption: { name: "恢复执行", stage: "execution" },
  executionTermination: { name: "终结执行", stage: "execution" },
  executionCessation: { name: "不再执行（中止满三年）", stage: "execution" },
  executionAgreement: { name: "达成执行协议", stage: "execution" },
  surchargeRelief: { name: "减免加处罚款", stage: "execution" },
  agreementBreach: { name: "不履行执行协议，恢复强制执行", stage: "execution" },
  courtStatement: { name: "向人民法院陈述意见", stage: "execution" },
  forcedDemolition: { name: "强制拆除", stage: "execution" },
  archiving: { name: "立卷归档", stage: "archiving" },
} as const satisfies Readonly<Record<string, { readonly name: string; readonly stage: Stage }>>;

/** 执法行为 — the name of an action of the default table (a key of {@link KNOWN_ACTIONS}). */
export type KnownAction = keyof typeof KNOWN_ACTIONS;

/**
 * zod schema of an action name: an identifier such as `sealOrSeize` (the defaults of
 * {@link KNOWN_ACTIONS} or one a bureau declares).
 */
export const ActionNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,63}$/, { message: "expected an action name" });

/** 执法行为说明 — an action's Chinese name and usual stage (a row of an action vocabulary). */
export const ActionInfoSchema = z
  .object({
    /** Chinese name, used in gaps and refusals. */
    name: z.string().min(1),
    /** The stage the action usually belongs to. */
    stage: StageSchema,
  })
  .readonly();
/** 执法行为说明 — see {@link ActionInfoSchema}. */
export type ActionInfo = z.infer<typeof ActionInfoSchema>;
