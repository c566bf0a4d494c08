import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type RuleSource, RuleSourceSchema } from "../kernel/source.js";
import {
  type ActionInfo,
  ActionInfoSchema,
  ActionNameSchema,
  AUDIO_VIDEO_RECORD_KINDS,
  KNOWN_ACTIONS,
  type RecordKind,
  RecordKindSchema,
  StageSchema,
} from "./vocabulary.js";

/**
 * 记录要求 — how strongly a row binds: `required` (应当记录; a missing record is a gap) or
 * `asCircumstancesRequire` (根据实际情况记录; a missing record is only an advisory).
 */
export const RecordingRequirementSchema = z.enum(["required", "asCircumstancesRequire"]);
/** 记录要求 — see {@link RecordingRequirementSchema}. */
export type RecordingRequirement = z.infer<typeof RecordingRequirementSchema>;

/**
 * 记录规则 — one row of the recording table: when `action` is performed (in `stage`, or in any
 * stage when `stage` is absent), a record of one of `kinds` must be attached; when
 * `wholeProcess` is set, that record must cover the action from start to end (全程记录).
 */
export const RecordingRuleSchema = z
  .object({
    /** Stable row id, e.g. `sealOrSeize.audioVideo`; overrides replace rows by id. */
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.:-]{0,95}$/),
    /** The action the row applies to (a key of {@link KNOWN_ACTIONS} or a declared action). */
    action: ActionNameSchema,
    /** Only in this stage; absent: wherever the action is performed. */
    stage: StageSchema.optional(),
    /** Any one of these kinds satisfies the row. */
    kinds: z.array(RecordKindSchema).min(1).readonly(),
    /** Required, or as circumstances require. */
    requirement: RecordingRequirementSchema,
    /** The record must cover the whole action (全程音像记录). */
    wholeProcess: z.boolean(),
    /** What must be recorded, in Chinese (used in gaps and refusals). */
    description: z.string().min(1),
    /** The rule's legal source. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 记录规则 — one row of the recording table (see {@link RecordingRuleSchema}). */
export type RecordingRule = z.infer<typeof RecordingRuleSchema>;

const penalty = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});
const coercion = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "行政强制法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});
// Service follows the 民事诉讼法 by reference of 行政处罚法 Art. 61 para. 1.
const civilProcedure = (article: number, paragraph?: number): RuleSource => ({
  law: "民事诉讼法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  confidence: "C-law",
});
// 118号 三（八）规范音像记录 (the document numbers its items (一)–(二十三) across its parts:
// 三 is (七)–(十), 四 is (十一)–(十四)); the middle sections were not read in full, so [M].
const GUIDANCE_AV: RuleSource = { law: "国办发〔2018〕118号", section: "三（八）", confidence: "M" };
const ART_47 = penalty(47);
const ART_55_2 = penalty(55, 2);
const AV = AUDIO_VIDEO_RECORD_KINDS;
const TEXT_DOC: readonly RecordKind[] = ["document"];
const TRANSCRIPT: readonly RecordKind[] = ["transcript"];
const TEXT: readonly RecordKind[] = ["transcript", "document"];

const required = (
  action: keyof typeof KNOWN_ACTIONS,
  suffix: string,
  kinds: readonly RecordKind[],
  description: string,
  source: RuleSource,
): RecordingRule => ({
  id: `${action}.${suffix}`,
  action,
  kinds,
  requirement: "required",
  wholeProcess: false,
  description,
  source,
});
// 全程音像记录 — sound and image: an audio-only recording does not satisfy a whole-process
// row (issue 14 §7); a video record (with its sound) does.
const WHOLE_PROCESS_AV: readonly RecordKind[] = ["video"];
const wholeProcessAv = (action: keyof typeof KNOWN_ACTIONS, description: string): RecordingRule => ({
  id: `${action}.audioVideo`,
  action,
  kinds: WHOLE_PROCESS_AV,
  requirement: "required",
  wholeProcess: true,
  description,
  source: GUIDANCE_AV,
});
const circumstantialAv = (action: keyof typeof KNOWN_ACTIONS, description: string): RecordingRule => ({
  id: `${action}.audioVideo`,
  action,
  kinds: AV,
  requirement: "asCircumstancesRequire",
  wholeProcess: false,
  description,
  source: GUIDANCE_AV,
});

// biome-ignore format: one row per line reads as the table it is
/**
 * 执法全过程记录规则表 — the default table of required records per action
 * (行政处罚法 Arts. 47, 55; 行政强制法 Arts. 18, 24, 37, 44; 国办发〔2018〕118号 三（八）), one source
 * per row. Whole-process audio-video (a video record: audio alone is not 音像) is mandatory for
 * 查封扣押, 强制拆除 and questioning in a case-handling room; it is "as circumstances require"
 * for the dispute-prone steps 118号 lists (现场执法、调查取证、听证、留置送达、公告送达).
 * Bureaus change it through {@link defineRecordingRules}, never by editing it.
 */
export const DEFAULT_RECORDING_RULE_TABLE: readonly RecordingRule[] = [
  required("filing", "document", TEXT_DOC, "立案审批表等立案文书（行政处罚的启动应有记录）", ART_47),
  required("siteInspection", "transcript", TRANSCRIPT, "现场检查笔录", ART_55_2),
  circumstantialAv("siteInspection", "现场检查过程容易引发争议的，根据实际情况进行音像记录"),
  required("randomInspection", "transcript", TRANSCRIPT, "检查笔录", ART_55_2),
  circumstantialAv("randomInspection", "随机抽查过程根据实际情况进行音像记录"),
  required("inquiry", "transcript", TRANSCRIPT, "询问笔录", ART_55_2),
  circumstantialAv("inquiry", "调查取证过程根据实际情况进行音像记录"),
  required("inquiryInCaseRoom", "transcript", TRANSCRIPT, "询问笔录", ART_55_2),
  wholeProcessAv("inquiryInCaseRoom", "在执法办案场所询问的，全程音像记录"),
  required("sampling", "document", ["document", "transcript"], "抽样取证记录（抽样取证凭证或笔录）", ART_47),
  circumstantialAv("sampling", "抽样取证过程根据实际情况进行音像记录"),
  required("electronicMonitoring", "electronicData", ["electronicData"], "电子技术监控设备记录的违法事实（须经审核）", penalty(41, 2)),
  required("advanceRegistration", "document", TEXT_DOC, "先行登记保存证据通知书及证据清单（经负责人批准）", ART_47),
  circumstantialAv("advanceRegistration", "证据保全过程根据实际情况进行音像记录"),
  required("sealOrSeize", "transcript", TRANSCRIPT, "现场笔录（当事人和执法人员签名或者盖章）", coercion(18, undefined, 7)),
  required("sealOrSeize", "document", TEXT_DOC, "查封、扣押决定书和清单（当场交付）", coercion(24, 1)),
  wholeProcessAv("sealOrSeize", "查封扣押财产的现场执法活动，全程音像记录"),
  required("legalReview", "document", TEXT_DOC, "法制审核意见（审核环节应有记录）", ART_47),
  required("priorNotice", "document", TEXT_DOC, "行政处罚事先告知书", ART_47),
  required("hearing", "transcript", TRANSCRIPT, "听证笔录（当事人核对后签字或者盖章）", penalty(64, 1, 8)),
  circumstantialAv("hearing", "听证过程根据实际情况进行音像记录"),
  required("onSpotPenalty", "document", TEXT_DOC, "预定格式、编有号码的当场行政处罚决定书", penalty(52, 1)),
  required("decision", "document", TEXT_DOC, "行政处罚决定书", penalty(59, 1)),
  required("service", "document", TEXT_DOC, "送达回证", civilProcedure(87)),
  circumstantialAv("service", "送达过程根据实际情况进行音像记录"),
  required("serviceByLeaving", "record", ["document", "photo", "video"], "送达回证记明拒收事由和日期，或以拍照、录像等方式记录送达过程", civilProcedure(89)),
  circumstantialAv("serviceByLeaving", "留置送达过程根据实际情况进行音像记录"),
  required("serviceByNotice", "document", TEXT_DOC, "在案卷中记明公告送达的原因和经过", civilProcedure(95, 2)),
  circumstantialAv("serviceByNotice", "公告送达过程根据实际情况进行音像记录"),
  required("serviceByMail", "document", TEXT_DOC, "邮寄送达回执（载明收件日期）", civilProcedure(91)),
  required("serviceElectronic", "electronicData", ["electronicData"], "系统的电子送达记录（送达信息到达受送达人特定系统的日期）", civilProcedure(90, 2)),
  required("serviceConsent", "document", TEXT_DOC, "当事人签订的送达地址确认书（同意电子送达）", penalty(61, 2)),
  required("paymentDeferral", "document", TEXT_DOC, "当事人延期缴纳罚款的申请及行政机关的批准文书", penalty(66, 2)),
  required("executionDemand", "document", TEXT_DOC, "书面催告书（履行期限、方式、金额和给付方式、陈述申辩权）", coercion(35)),
  required("executionStatement", "record", TEXT, "当事人陈述、申辩的记录及复核意见", coercion(36)),
  required("coerciveExecutionDecision", "document", TEXT_DOC, "书面强制执行决定", coercion(37, 2)),
  circumstantialAv("coerciveExecution", "强制执行现场根据实际情况进行音像记录"),
  required("courtApplication", "document", TEXT_DOC, "强制执行申请书（负责人签名、加盖印章、注明日期）及行政决定书、催告情况等材料", coercion(55)),
  required("courtAcceptance", "document", TEXT_DOC, "人民法院受理强制执行申请的通知（受理之日）", coercion(56, 1)),
  required("courtRuling", "document", TEXT_DOC, "人民法院的裁定书（准予执行、不予执行并说明理由、不予受理）", coercion(57)),
  required("courtReconsideration", "document", TEXT_DOC, "向上一级人民法院申请复议的申请书", coercion(58, 3)),
  required("courtStatement", "document", TEXT_DOC, "人民法院听取意见时行政机关提出的书面意见", coercion(58, 1)),
  required("executionSuspension", "document", TEXT_DOC, "中止执行的决定（载明情形、事实和理由）", coercion(39, 1)),
  required("executionResumption", "document", TEXT_DOC, "恢复执行的决定（载明中止情形消失的事实）", coercion(39, 2)),
  required("executionTermination", "document", TEXT_DOC, "终结执行的决定（载明情形、事实和理由）", coercion(40)),
  required("executionCessation", "document", TEXT_DOC, "不再执行的决定（中止执行满三年，载明没有明显社会危害、当事人确无能力履行的事实）", coercion(39, 2)),
  required("executionAgreement", "document", TEXT_DOC, "执行协议（约定分阶段履行的金额和期限，当事人签字或者盖章）", coercion(42, 1)),
  required("surchargeRelief", "document", TEXT_DOC, "减免加处罚款的决定（载明当事人采取的补救措施和减免金额）", coercion(42, 1)),
  required("agreementBreach", "document", TEXT_DOC, "当事人不履行执行协议的记录及恢复强制执行的决定", coercion(42, 2)),
  required("forcedDemolition", "document", TEXT_DOC, "强制拆除公告（限期当事人自行拆除）", coercion(44)),
  wholeProcessAv("forcedDemolition", "强制拆除的现场执法活动，全程音像记录"),
  required("archiving", "document", TEXT_DOC, "按执法案卷标准制作的执法卷宗（含卷内目录）", { law: "沙坡头区司法局三项制度试点工作方案", section: "二（二）（4）", confidence: "C-local" }),
];

/**
 * 自定义记录规则 — a bureau's configuration for {@link defineRecordingRules}: `actions` it
 * adds (or renames), `rules` that replace default rows of the same id or add new ones,
 * and `remove`, default row ids it drops (a province that does not require a record).
 */
export const RecordingRulesConfigSchema = z
  .object({
    /** Actions to add to (or rename in) the vocabulary, by action name. */
    actions: z.record(ActionNameSchema, ActionInfoSchema).optional(),
    /** Rows replacing default rows by id, or new rows. Each with its own source. */
    rules: z.array(RecordingRuleSchema).optional(),
    /** Ids of default rows to drop. */
    remove: z.array(z.string().min(1)).optional(),
  })
  .strict();
/** 自定义记录规则 — see {@link RecordingRulesConfigSchema}. */
export type RecordingRulesConfig = z.infer<typeof RecordingRulesConfigSchema>;

/** Where an effective row comes from: the default table, a bureau's replacement, or a bureau's addition. */
export type RecordingRuleOrigin = "default" | "overridden" | "added";

/** A row of an effective table: the rule and where it comes from. */
export type EffectiveRecordingRule = RecordingRule & { readonly origin: RecordingRuleOrigin };

/** 记录规则集 — a bureau's effective recording rules: its action vocabulary and its rows. */
export interface RecordingRules {
  /** Every action the rules know, with its Chinese name and usual stage. */
  readonly actions: Readonly<Record<string, ActionInfo>>;
  /** The effective rows, default order first, additions after. */
  readonly rules: readonly EffectiveRecordingRule[];
}

const invalid = (message: string, details: Record<string, unknown>): SanxiangError =>
  sanxiangError("INVALID_INPUT", `记录规则配置无效：${message}`, { details });

/**
 * Builds a bureau's recording rules: the default table with `config` applied. Refuses
 * (`INVALID_INPUT`) a config that fails its schema, repeats a row id, removes a row that
 * does not exist, both removes and replaces a row, or names an action neither known nor
 * declared in `config.actions`.
 */
export function defineRecordingRules(config: RecordingRulesConfig = {}): Result<RecordingRules, SanxiangError> {
  const parsed = RecordingRulesConfigSchema.safeParse(config);
  if (!parsed.success) {
    return err(
      invalid(z.prettifyError(parsed.error), {
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
      }),
    );
  }
  const { actions: extra = {}, rules: changes = [], remove = [] } = parsed.data;
  const actions: Record<string, ActionInfo> = { ...KNOWN_ACTIONS, ...extra };
  const defaultIds = new Set(DEFAULT_RECORDING_RULE_TABLE.map((r) => r.id));
  const seen = new Set<string>();
  for (const row of changes) {
    if (seen.has(row.id)) return err(invalid(`规则编号重复：${row.id}`, { id: row.id }));
    seen.add(row.id);
    if (actions[row.action] === undefined) {
      return err(invalid(`规则 ${row.id} 的执法行为 ${row.action} 未声明`, { id: row.id, action: row.action }));
    }
  }
  for (const id of remove) {
    if (!defaultIds.has(id)) return err(invalid(`不存在要删除的规则：${id}`, { id }));
    if (seen.has(id)) return err(invalid(`规则 ${id} 不能同时删除和替换`, { id }));
  }
  const removed = new Set(remove);
  const byId = new Map(changes.map((r) => [r.id, r]));
  const rules: EffectiveRecordingRule[] = [];
  for (const row of DEFAULT_RECORDING_RULE_TABLE) {
    if (removed.has(row.id)) continue;
    const change = byId.get(row.id);
    rules.push(change === undefined ? { ...row, origin: "default" } : { ...change, origin: "overridden" });
  }
  for (const row of changes) if (!defaultIds.has(row.id)) rules.push({ ...row, origin: "added" });
  return ok({ actions, rules });
}

/** The effective rules of the default table, with no bureau configuration. */
export const DEFAULT_RECORDING_RULES: RecordingRules = defineRecordingRules()._unsafeUnwrap();

/** The rows that apply when `action` is performed in `stage`. */
export function rulesFor(rules: RecordingRules, stage: string, action: string): EffectiveRecordingRule[] {
  return rules.rules.filter((r) => r.action === action && (r.stage === undefined || r.stage === stage));
}
