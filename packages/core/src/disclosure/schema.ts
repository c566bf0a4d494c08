import { z } from "zod";
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import { type HashAlgorithm, HashAlgorithmNameSchema, sha256, toHex } from "../kernel/hash.js";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";

/**
 * 公示阶段 — the three phases of enforcement disclosure (国办发〔2018〕118号 二): 事前公开
 * `before` (who enforces what, on what basis, how), 事中公示 `during` (credentials shown,
 * documents issued), 事后公开 `after` (the decisions).
 */
export const DISCLOSURE_PHASES = ["before", "during", "after"] as const;
/** zod schema of a {@link DisclosurePhase}. */
export const DisclosurePhaseSchema = z.enum(DISCLOSURE_PHASES);
/** 公示阶段 (see {@link DISCLOSURE_PHASES}). */
export type DisclosurePhase = z.infer<typeof DisclosurePhaseSchema>;
/** The Chinese name of each {@link DisclosurePhase}, as the public site shows it. */
export const DISCLOSURE_PHASE_NAMES: Readonly<Record<DisclosurePhase, string>> = {
  before: "事前公开",
  during: "事中公示",
  after: "事后公开",
};

/**
 * 公示事项种类 — what is disclosed: 执法主体 `body`, 执法人员 `officer` (with 执法证号), 权责清单
 * `power`, 服务指南 `serviceGuide`, 执法流程图 `flowchart`, 随机抽查事项 `inspectionItem`,
 * 裁量基准 `benchmark` (行政处罚法 Art. 34) — before enforcement; 执法行为 `enforcementAct`
 * (credential shown, document issued) — during; 执法决定 `decision` — after.
 */
export const DISCLOSURE_KINDS = [
  "body",
  "officer",
  "power",
  "serviceGuide",
  "flowchart",
  "inspectionItem",
  "benchmark",
  "enforcementAct",
  "decision",
] as const;
/** zod schema of a {@link DisclosureKind}. */
export const DisclosureKindSchema = z.enum(DISCLOSURE_KINDS);
/** 公示事项种类 (see {@link DISCLOSURE_KINDS}). */
export type DisclosureKind = z.infer<typeof DisclosureKindSchema>;
/** The phase each {@link DisclosureKind} belongs to. */
export const DISCLOSURE_KIND_PHASES: Readonly<Record<DisclosureKind, DisclosurePhase>> = {
  body: "before",
  officer: "before",
  power: "before",
  serviceGuide: "before",
  flowchart: "before",
  inspectionItem: "before",
  benchmark: "before",
  enforcementAct: "during",
  decision: "after",
};
/** The Chinese name of each {@link DisclosureKind}. */
export const DISCLOSURE_KIND_NAMES: Readonly<Record<DisclosureKind, string>> = {
  body: "执法主体",
  officer: "执法人员",
  power: "权责清单",
  serviceGuide: "服务指南",
  flowchart: "执法流程图",
  inspectionItem: "随机抽查事项",
  benchmark: "裁量基准",
  enforcementAct: "执法行为",
  decision: "执法决定",
};

/**
 * 执法类别 — the kind of enforcement action (118号: 行政处罚、行政强制、行政检查、行政征收征用、
 * 行政许可, as local implementing rules restate its scope): the category of a decision, and the index of the public site.
 */
export const ACTION_CATEGORIES = ["penalty", "licence", "coercion", "inspection", "expropriation", "other"] as const;
/** zod schema of an {@link ActionCategory}. */
export const ActionCategorySchema = z.enum(ACTION_CATEGORIES);
/** 执法类别 (see {@link ACTION_CATEGORIES}). */
export type ActionCategory = z.infer<typeof ActionCategorySchema>;
/** The Chinese name of each {@link ActionCategory}. */
export const ACTION_CATEGORY_NAMES: Readonly<Record<ActionCategory, string>> = {
  penalty: "行政处罚",
  licence: "行政许可",
  coercion: "行政强制",
  inspection: "行政检查",
  expropriation: "行政征收征用",
  other: "其他",
};

const text = z.string().trim().min(1);
const texts = z.array(text).readonly();

/**
 * 公示当事人 — the party as published: kind and name (a natural person's name may be
 * masked by redaction), and for organisations the 统一社会信用代码 (public by law).
 */
export const PublicPartySchema = z
  .object({
    /** `person` (公民) or `organisation` (法人或者其他组织). */
    kind: z.enum(["person", "organisation"]),
    /** 姓名或者名称. */
    name: text,
    /** 统一社会信用代码, for organisations. */
    creditCode: text.optional(),
  })
  .readonly();
/** 公示当事人 (see {@link PublicPartySchema}). */
export type PublicParty = z.infer<typeof PublicPartySchema>;

/** 流程图步骤与连线 — a step of a flowchart and the transitions between steps. */
export const FlowchartSchema = z
  .object({
    /** The procedure drawn, e.g. `penalty.ordinary`. */
    procedure: text,
    /** Steps in procedure order: id and Chinese name. */
    steps: z
      .array(z.object({ id: text, name: text }).readonly())
      .min(1)
      .readonly(),
    /** Transitions: from step, to step, and what moves the case (in Chinese). */
    transitions: z.array(z.object({ from: text, to: text, label: text }).readonly()).readonly(),
  })
  .readonly();

/**
 * 公示内容 — the content of a disclosure, by kind: what the public reads. Every string is
 * plain text (the site escapes it); statutes are already formatted citations
 * (`《行政处罚法》第四十八条`); money is integer fen. The same shape holds a draft before
 * redaction and the published item after it.
 */
export const DisclosureContentSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("body"),
      /** 主体名称. */
      name: text,
      /** 主体性质: 行政机关 / 法律法规授权组织 / 受委托组织. */
      nature: text,
      /** 执法依据 — the provisions that make it an enforcement body. */
      authority: texts,
      /** 执法类别 / 领域. */
      categories: texts,
      /** 地址. */
      address: text.optional(),
      /** 监督电话. */
      phone: text.optional(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal("officer"),
      /** 姓名. */
      name: text,
      /** 所属执法主体. */
      bodyName: text,
      /** 执法证号. */
      certificateNumber: text,
      /** 执法类别 / 执法区域 as published. */
      categories: texts,
      /** 职务 / 岗位, when published. */
      post: text.optional(),
      /** 证件有效期至. */
      validUntil: CivilDateSchema.optional(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal("power"),
      /** 事项编码. */
      code: text,
      /** 事项名称. */
      name: text,
      /** 职权类别 (Chinese label). */
      powerKind: text,
      /** 实施依据. */
      basis: texts,
      /** 实施主体. */
      bodyName: text,
      /** 责任科室. */
      unit: text,
      /** 监督方式. */
      supervision: text,
      /** 监督电话. */
      supervisionPhone: text.optional(),
      /** 追责情形. */
      accountability: texts,
    })
    .readonly(),
  z
    .object({
      kind: z.literal("serviceGuide"),
      /** 事项编码. */
      itemCode: text,
      /** 事项名称. */
      name: text,
      /** 设定依据. */
      basis: texts,
      /** 受理机构. */
      acceptingBody: text,
      /** 决定机构. */
      approvingBody: text,
      /** 办理条件. */
      conditions: texts,
      /** 申请材料. */
      materials: texts,
      /** 办理流程. */
      process: texts,
      /** 办理时限. */
      timeLimit: text,
      /** 监督方式. */
      supervision: text,
      /** 办公时间. */
      officeHours: text,
      /** 办公地址. */
      address: text,
      /** 办公电话. */
      phone: text,
    })
    .readonly(),
  z.object({ kind: z.literal("flowchart"), name: text, chart: FlowchartSchema }).readonly(),
  z
    .object({
      kind: z.literal("inspectionItem"),
      /** 事项编码. */
      code: text,
      /** 检查事项. */
      name: text,
      /** 检查子项. */
      subItem: text.optional(),
      /** 检查主体. */
      bodyName: text,
      /** 检查对象. */
      targets: text,
      /** 检查依据. */
      basis: texts,
      /** 检查方式. */
      methods: texts,
      /** 抽查比例, as published (e.g. `5%`). */
      ratio: text,
      /** 抽查频次 (per year). */
      timesPerYear: z.number().int().positive(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal("benchmark"),
      /** 违法行为 / 基准名称. */
      name: text,
      /** 处罚依据. */
      basis: texts,
      /** 裁量阶次: circumstance and the penalty range, as published. */
      tiers: z
        .array(z.object({ circumstance: text, penalty: text }).readonly())
        .min(1)
        .readonly(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal("enforcementAct"),
      /** 执法行为 (e.g. 现场检查, 查封扣押, 送达行政处罚决定书). */
      act: text,
      /** 日期. */
      actOn: CivilDateSchema,
      /** Officers present: name and 执法证号 shown (出示执法证件). */
      officers: z
        .array(z.object({ name: text, certificateNumber: text }).readonly())
        .min(1)
        .readonly(),
      /** 执法文书 issued, by name (and 文号 where numbered). */
      documents: texts,
      /** 当事人, when the act is published with one. */
      party: PublicPartySchema.optional(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal("decision"),
      /** 执法类别. */
      category: ActionCategorySchema,
      /** 决定文书文号. */
      documentNumber: text,
      /** 执法机关 (the deciding body's name). */
      agencyName: text,
      /** 执法对象. */
      party: PublicPartySchema,
      /** 违法行为类型 / 事项 — what the decision is about. */
      matter: text,
      /** 主要事实 (after redaction), when published. */
      facts: text.optional(),
      /** 依据. */
      basis: texts,
      /** 执法结论 — the conclusion (处罚内容, 准予 / 不予许可 …). */
      conclusion: text,
      /** 罚款数额 (fen), when a fine was imposed. */
      fineFen: FenSchema.optional(),
      /** 没收金额 (fen). */
      confiscationFen: FenSchema.optional(),
      /** 决定日期. */
      decidedOn: CivilDateSchema,
    })
    .readonly(),
]);
/** 公示内容 (see {@link DisclosureContentSchema}). */
export type DisclosureContent = z.infer<typeof DisclosureContentSchema>;

/**
 * 公示内容哈希 — the hash of a content's canonical JSON (hex): what the responsible head signs
 * off and what the publisher must publish, byte for byte.
 */
export function disclosureContentHash(content: DisclosureContent, algorithm: HashAlgorithm = sha256): string {
  return toHex(algorithm.hash(canonicalJsonBytes(content)));
}

/** 更正说明 — a public note of a correction (纠错): when, and why. */
export const CorrectionNoteSchema = z.object({ at: InstantSchema, reason: text }).readonly();
/** 更正说明 (see {@link CorrectionNoteSchema}). */
export type CorrectionNote = z.infer<typeof CorrectionNoteSchema>;

/**
 * 已公示信息 — one disclosure as a {@link Publisher} receives it and the public site shows it:
 * the approved, redacted content, who discloses it (谁执法谁公示), the version (1, then one
 * more per correction, each with its public note), and until when it stays public.
 */
export const PublishedItemSchema = z
  .object({
    /** The disclosure's id (stable across versions; the disclosure stream id). */
    id: IdSchema,
    /** What is disclosed. */
    kind: DisclosureKindSchema,
    /** 事前 / 事中 / 事后. */
    phase: DisclosurePhaseSchema,
    /** Title, as the site lists it. */
    title: text,
    /** 公示主体 — the disclosing body. */
    bodyId: IdSchema,
    /** The disclosing body's name. */
    bodyName: text,
    /** The content. */
    content: DisclosureContentSchema,
    /** Hash of `content` ({@link disclosureContentHash}), as signed off. */
    contentHash: z.string().regex(/^[0-9a-f]{64}$/),
    /**
     * The algorithm of `contentHash` — the bureau's hash port (`sm3` for a bureau on 国密);
     * absent means `sha256`, so items published before this field existed keep their bytes.
     */
    contentHashAlgorithm: HashAlgorithmNameSchema.optional(),
    /** 1 for the first publication, one more per correction. */
    version: z.number().int().positive(),
    /** When first published. */
    publishedAt: InstantSchema,
    /** When this version was published. */
    updatedAt: InstantSchema,
    /** 更正说明, oldest first. */
    corrections: z.array(CorrectionNoteSchema).readonly(),
    /** 公示期限 — the last day it stays public; absent while in force (before-enforcement items). */
    publicUntil: CivilDateSchema.optional(),
    /** The rule that requires this disclosure. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 已公示信息 (see {@link PublishedItemSchema}). */
export type PublishedItem = z.infer<typeof PublishedItemSchema>;

/**
 * 撤回公告 — what stays public when a disclosure is withdrawn (行政处罚法 Art. 48 para. 2:
 * withdrawn with a public explanation): which item, when, and the public reason. The
 * content itself is gone.
 */
export const WithdrawalNoticeSchema = z
  .object({
    /** The withdrawn disclosure's id. */
    id: IdSchema,
    /** Its kind. */
    kind: DisclosureKindSchema,
    /** Its title (redacted, as it was published). */
    title: text,
    /** The disclosing body's name. */
    bodyName: text,
    /** When withdrawn. */
    withdrawnAt: InstantSchema,
    /** 撤回理由 — the public reason. */
    reason: text,
    /** The rule that required the withdrawal. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 撤回公告 (see {@link WithdrawalNoticeSchema}). */
export type WithdrawalNotice = z.infer<typeof WithdrawalNoticeSchema>;
