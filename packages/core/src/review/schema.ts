import { z } from "zod";
import { IdSchema } from "../kernel/ports.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema } from "../kernel/time.js";

/**
 * 送审材料种类 — what the handling unit submits (盘锦, 益阳 [C-local]): 法制审核申请表
 * (`application`), 拟处理意见说明 (`proposalNote`: facts, law, how the benchmark was applied,
 * the officers' qualifications), 决定书草案 (`draftDecision`), 证据材料 (`evidence`), 听证笔录
 * (`hearingRecord`, when there was a hearing), 鉴定意见或评估报告 (`appraisalReport`), other
 * (`other`).
 */
export const ReviewMaterialKindSchema = z.enum([
  "application",
  "proposalNote",
  "draftDecision",
  "evidence",
  "hearingRecord",
  "appraisalReport",
  "other",
]);
/** 送审材料种类 (see {@link ReviewMaterialKindSchema}). */
export type ReviewMaterialKind = z.infer<typeof ReviewMaterialKindSchema>;

/** The Chinese name of each {@link ReviewMaterialKind}. */
export const REVIEW_MATERIAL_NAMES: Readonly<Record<ReviewMaterialKind, string>> = {
  application: "法制审核申请表",
  proposalNote: "拟处理意见说明",
  draftDecision: "行政处罚决定书（草案）",
  evidence: "证据材料",
  hearingRecord: "听证笔录",
  appraisalReport: "鉴定意见、评估报告",
  other: "其他材料",
};

/** 送审材料 — one item submitted: its kind, an id in the case's records, and a title. */
export const ReviewMaterialSchema = z
  .object({
    /** The kind. */
    kind: ReviewMaterialKindSchema,
    /** Id of the record or evidence (the case file's id space). */
    id: IdSchema,
    /** 题名. */
    title: z.string().trim().min(1).optional(),
  })
  .readonly();
/** 送审材料 (see {@link ReviewMaterialSchema}). */
export type ReviewMaterial = z.infer<typeof ReviewMaterialSchema>;

/**
 * 审核内容 — the review checklist (宁夏住建厅, 益阳, 巩义 [C-local]; pilot plan 二（三）（2））:
 * 执法主体合法 (`body`), 执法人员具备执法资格 (`officers`), 程序合法 (`procedure`), 事实清楚、证据
 * 确凿 (`factsAndEvidence`), 适用法律准确、裁量基准运用适当 (`lawAndBenchmark`), 未超越法定权限
 * (`authority`), 执法文书完备规范 (`documents`), 是否涉嫌犯罪需要移送司法机关 (`crimeTransfer`).
 */
export const ReviewItemSchema = z.enum([
  "body",
  "officers",
  "procedure",
  "factsAndEvidence",
  "lawAndBenchmark",
  "authority",
  "documents",
  "crimeTransfer",
]);
/** 审核内容 (see {@link ReviewItemSchema}). */
export type ReviewItem = z.infer<typeof ReviewItemSchema>;

/** Every {@link ReviewItem}, in checklist order. */
export const REVIEW_ITEMS: readonly ReviewItem[] = ReviewItemSchema.options;

/** The Chinese wording of each {@link ReviewItem}, as the opinion prints it. */
export const REVIEW_ITEM_NAMES: Readonly<Record<ReviewItem, string>> = {
  body: "执法主体是否合法",
  officers: "执法人员是否具备执法资格",
  procedure: "执法程序是否合法",
  factsAndEvidence: "案件事实是否清楚，证据是否合法充分",
  lawAndBenchmark: "适用法律、法规、规章是否准确，裁量基准运用是否适当",
  authority: "是否超越法定权限",
  documents: "行政执法文书是否完备、规范",
  crimeTransfer: "违法行为是否涉嫌犯罪、需要移送司法机关",
};

/** 审核意见（逐项）— the finding on one checklist item: no problem, or the problem found. */
export const ReviewFindingSchema = z
  .object({
    /** The item. */
    item: ReviewItemSchema,
    /** True when the item raises no problem (for `crimeTransfer`: no transfer needed). */
    ok: z.boolean(),
    /** 意见 — required when `ok` is false. */
    note: z.string().trim().min(1).optional(),
  })
  .readonly()
  .refine((f) => f.ok || f.note !== undefined, { message: "存在问题的审核事项须写明意见", path: ["note"] });
/** 审核意见（逐项）(see {@link ReviewFindingSchema}). */
export type ReviewFinding = z.infer<typeof ReviewFindingSchema>;

/**
 * 审核结论 — the outcome of a review: 同意 (`approved`), 存在问题 (`problems`: the handling
 * unit must make the required changes and re-submit), 不同意 (`rejected`).
 */
export const ReviewOutcomeSchema = z.enum(["approved", "problems", "rejected"]);
/** 审核结论 (see {@link ReviewOutcomeSchema}). */
export type ReviewOutcome = z.infer<typeof ReviewOutcomeSchema>;

/** The Chinese wording of each {@link ReviewOutcome}. */
export const REVIEW_OUTCOME_NAMES: Readonly<Record<ReviewOutcome, string>> = {
  approved: "同意",
  problems: "存在问题",
  rejected: "不同意",
};

/**
 * 集体讨论结论 — what the heads' collective discussion of a disagreement resolves: adopt the
 * draft as submitted (`adoptDraft`, the decision may be made), the reviewers' opinion
 * (`adoptReview`: the draft must be changed and re-submitted), or no decision in this form
 * (`reject`).
 */
export const DiscussionResolutionSchema = z.enum(["adoptDraft", "adoptReview", "reject"]);
/** 集体讨论结论 (see {@link DiscussionResolutionSchema}). */
export type DiscussionResolution = z.infer<typeof DiscussionResolutionSchema>;

/** 审核期限 — the review's absolute deadline: its last day, the working days counted and the rule. */
export const ReviewDeadlineSchema = z
  .object({
    /** 届满日. */
    due: CivilDateSchema,
    /** Working days counted from `start`. */
    workingDays: z.number().int().min(0),
    /** 起算日 — the day the materials were complete. */
    start: CivilDateSchema,
    /** The rule. */
    source: RuleSourceSchema,
    /**
     * 暂定 — computed without the holiday notice of a year it reaches (as a case deadline's
     * `provisional`): `due` is then the bound named by `bound`, to be recomputed once the
     * notice is loaded (`currentReviewDeadline`); absent in events recorded before this
     * field existed.
     */
    provisional: z.boolean().optional(),
    /**
     * 暂定边界 — for a provisional deadline, which plausible end `due` is: `earliest` (the
     * review time limit is the bureau's own duty, `REVIEW_TIME_LIMIT_RULE`). Absent on
     * provisional deadlines recorded before bounds existed (counted on weekends alone).
     */
    bound: z.enum(["latest", "earliest"]).optional(),
  })
  .readonly();
/** 审核期限 (see {@link ReviewDeadlineSchema}). */
export type ReviewDeadline = z.infer<typeof ReviewDeadlineSchema>;
