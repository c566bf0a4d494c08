import { z } from "zod";
import { invalidInput, type SanxiangError } from "../kernel/errors.js";
import { type Fen, FenSchema, formatYuan } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource, RuleSourceSchema } from "../kernel/source.js";
import { PENALTY_KIND_LABELS, PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import { DraftCoercionKindSchema, DraftLicenceDecisionSchema, type ReviewDraft } from "./draft.js";

const art58 = (item: number): RuleSource => ({
  law: "行政处罚法",
  article: 58,
  paragraph: 1,
  item,
  confidence: "C-law",
});

/**
 * 目录清单依据 — the rows of a bureau's own catalogue rest on the guidance that each agency
 * draws up its catalogue of major decisions by action type, level, field and amount
 * (国办发〔2018〕118号 四（十二）明确审核范围), or on the local rule the bureau names in
 * `ReviewCatalogue.source` — not on 行政处罚法 Art. 58 para. 1 item 4, which covers only what
 * 法律、法规 require (the `requiredByLaw` row). 118号 numbers its items (一)–(二十三) across its
 * parts, part 四 being (十一)–(十四); its middle sections were not read in full, and the
 * values differ by agency: [VAR].
 */
export const CATALOGUE_SOURCE: RuleSource = { law: "国办发〔2018〕118号", section: "四（十二）", confidence: "VAR" };

/** 审核范围指导 — 国办发〔2018〕118号 四（十二）明确审核范围 (the text was not read in full: [M]). */
export const REVIEW_SCOPE_GUIDANCE: RuleSource = { law: "国办发〔2018〕118号", section: "四（十二）", confidence: "M" };

/**
 * 重大执法决定认定规则 — the rules {@link classifyDecision} applies: the four fixed cases of
 * 行政处罚法 Art. 58 para. 1 (`publicInterest`, `hearingMajorRights`, `complex`,
 * `requiredByLaw`) and the catalogue's rows (`fineAmount`, `confiscationAmount`,
 * `penaltyKind`, `afterHearing`, `socialImpact`, `mitigated`, `outsideBenchmark`), and for
 * decisions other than penalties (国办发〔2018〕118号 四（十二）) `coercionKind`, `coercionValue`,
 * `coercionStopsOperations` (行政强制) and `licenceDecision` (行政许可).
 */
export const ReviewRuleIdSchema = z.enum([
  "publicInterest",
  "hearingMajorRights",
  "complex",
  "requiredByLaw",
  "fineAmount",
  "confiscationAmount",
  "penaltyKind",
  "afterHearing",
  "socialImpact",
  "mitigated",
  "outsideBenchmark",
  "coercionKind",
  "coercionValue",
  "coercionStopsOperations",
  "licenceDecision",
]);
/** 认定规则 (see {@link ReviewRuleIdSchema}). */
export type ReviewRuleId = z.infer<typeof ReviewRuleIdSchema>;

/**
 * 数额标准 — a threshold in fen and whether the amount itself counts: inclusive (含本数,
 * "以上") or exclusive (不含本数, "超过").
 */
export const AmountThresholdSchema = z
  .object({
    /** The threshold (fen). */
    fen: FenSchema,
    /** True: an amount equal to `fen` is major (含本数). */
    inclusive: z.boolean(),
  })
  .readonly();
/** 数额标准 (see {@link AmountThresholdSchema}). */
export type AmountThreshold = z.infer<typeof AmountThresholdSchema>;

/** 按当事人类型的数额标准 — one threshold for 公民 and one for 法人或者其他组织. */
export const PartyThresholdsSchema = z
  .object({
    /** 公民. */
    person: AmountThresholdSchema,
    /** 法人或者其他组织. */
    organisation: AmountThresholdSchema,
  })
  .readonly();
/** 按当事人类型的数额标准 (see {@link PartyThresholdsSchema}). */
export type PartyThresholds = z.infer<typeof PartyThresholdsSchema>;

/**
 * 重大执法决定法制审核目录清单 — a bureau's catalogue of major decisions, as data: fine and
 * confiscation thresholds per party kind (inclusive or exclusive), the penalty kinds that are
 * always major, and whether decisions after a hearing, with major social impact, 减轻处罚 or
 * outside the discretion benchmark are major. Every value has a default ([VAR]: agencies
 * differ — 长治 > ¥10,000 / > ¥100,000 exclusive; 巩义 ≥ ¥10,000 / ≥ ¥100,000; 衡阳 ≥ ¥1,000 /
 * ≥ ¥20,000); a bureau overrides by configuration and may name its own document in
 * `source`. The four cases of 行政处罚法 Art. 58 para. 1 apply whatever the catalogue says.
 */
export const ReviewCatalogueSchema = z.object({
  /** 目录名称. */
  name: z.string().trim().min(1).default("重大执法决定法制审核目录清单"),
  /** 罚款数额标准. Default ≥ ¥10,000 (公民) / ≥ ¥100,000 (组织), inclusive (巩义). */
  fine: PartyThresholdsSchema.default({
    person: { fen: 1_000_000, inclusive: true },
    organisation: { fen: 10_000_000, inclusive: true },
  }),
  /** 没收数额标准 (违法所得或非法财物的价值); absent: confiscation amount alone is never major. */
  confiscation: PartyThresholdsSchema.optional(),
  /** 处罚种类 — kinds that make a decision major. Default: 降低资质等级, 吊销许可证件, 责令停产停业, 责令关闭, 限制从业 (长治). */
  penaltyKinds: z
    .array(PenaltyKindSchema)
    .readonly()
    .default(["demoteQualification", "revokeLicence", "suspendBusiness", "orderClose", "restrictPractice"]),
  /** 经过听证程序作出的决定 (巩义, 盘锦). Default true. */
  afterHearing: z.boolean().default(true),
  /** 可能造成重大社会影响或者引发社会风险 (盘锦). Default true. */
  socialImpact: z.boolean().default(true),
  /** 减轻处罚 (长治). Default true. */
  mitigated: z.boolean().default(true),
  /** 超出裁量基准 (巩义). Default true. */
  outsideBenchmark: z.boolean().default(true),
  /**
   * 重大行政强制决定 — coercive decisions that are major (国办发〔2018〕118号 四（十二）; the
   * kinds one local catalogue lists: auctioning seized goods of high value, seals that stop
   * business operations): the kinds always major (default 强制拆除, 拍卖或者依法处理), the value
   * threshold of the property concerned (default ≥ ¥100,000, [VAR]), and whether a measure that
   * stops production or business is major (default true).
   */
  coercion: z
    .object({
      kinds: z.array(DraftCoercionKindSchema).readonly().default(["demolition", "auction"]),
      value: AmountThresholdSchema.optional(),
      stopsOperations: z.boolean().default(true),
    })
    .default({ kinds: ["demolition", "auction"], value: { fen: 10_000_000, inclusive: true }, stopsOperations: true }),
  /**
   * 重大行政许可决定 — licensing decisions that are major (不予许可, 撤销 by default, [VAR];
   * decisions after a hearing are the `afterHearing` row).
   */
  licenceDecisions: z.array(DraftLicenceDecisionSchema).readonly().default(["refuse", "revoke"]),
  /** The bureau's own document for its rows (default {@link CATALOGUE_SOURCE}). */
  source: RuleSourceSchema.optional(),
});
/** 重大执法决定法制审核目录清单 (see {@link ReviewCatalogueSchema}). */
export type ReviewCatalogue = z.infer<typeof ReviewCatalogueSchema>;
/** What a bureau passes: a subset of {@link ReviewCatalogue}. */
export type ReviewCatalogueInput = z.input<typeof ReviewCatalogueSchema>;

/** 默认目录清单 — the defaults of {@link ReviewCatalogueSchema}. */
export const DEFAULT_REVIEW_CATALOGUE: ReviewCatalogue = ReviewCatalogueSchema.parse({});

/** Resolves a bureau's catalogue over the defaults, or `INVALID_INPUT` naming the bad fields. */
export function resolveReviewCatalogue(input: ReviewCatalogueInput = {}): Result<ReviewCatalogue, SanxiangError> {
  const parsed = ReviewCatalogueSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(invalidInput("法制审核目录清单无效", parsed.error.issues));
}

/**
 * 认定规则表 — each rule's Chinese wording, whether a bureau's catalogue can switch or
 * change it, and its source. The Art. 58 rows are fixed; the catalogue rows cite the
 * catalogue (or the bureau's own document, when it names one).
 */
export const REVIEW_RULES: Readonly<
  Record<ReviewRuleId, { readonly label: string; readonly configurable: boolean; readonly source: RuleSource }>
> = {
  publicInterest: { label: "涉及重大公共利益", configurable: false, source: art58(1) },
  hearingMajorRights: {
    label: "直接关系当事人或者第三人重大权益，经过听证程序",
    configurable: false,
    source: art58(2),
  },
  complex: { label: "案件情况疑难复杂、涉及多个法律关系", configurable: false, source: art58(3) },
  requiredByLaw: { label: "法律、法规规定应当进行法制审核", configurable: false, source: art58(4) },
  fineAmount: { label: "罚款数额达到目录清单标准", configurable: true, source: CATALOGUE_SOURCE },
  confiscationAmount: { label: "没收数额达到目录清单标准", configurable: true, source: CATALOGUE_SOURCE },
  penaltyKind: { label: "处罚种类列入目录清单", configurable: true, source: CATALOGUE_SOURCE },
  afterHearing: { label: "经过听证程序作出的决定", configurable: true, source: CATALOGUE_SOURCE },
  socialImpact: { label: "可能造成重大社会影响或者引发社会风险", configurable: true, source: REVIEW_SCOPE_GUIDANCE },
  mitigated: { label: "减轻行政处罚", configurable: true, source: CATALOGUE_SOURCE },
  outsideBenchmark: { label: "超出行政裁量基准", configurable: true, source: CATALOGUE_SOURCE },
  coercionKind: { label: "行政强制种类列入目录清单", configurable: true, source: CATALOGUE_SOURCE },
  coercionValue: { label: "涉案财物价值达到目录清单标准", configurable: true, source: CATALOGUE_SOURCE },
  coercionStopsOperations: { label: "行政强制导致当事人停产停业", configurable: true, source: CATALOGUE_SOURCE },
  licenceDecision: { label: "行政许可决定种类列入目录清单", configurable: true, source: CATALOGUE_SOURCE },
};

const COERCION_KIND_LABELS: Readonly<Record<(typeof DraftCoercionKindSchema.options)[number], string>> = {
  sealOrSeize: "查封、扣押",
  freeze: "冻结存款、汇款",
  auction: "拍卖或者依法处理查封、扣押的财物",
  demolition: "强制拆除",
  execution: "强制执行",
};

const LICENCE_DECISION_LABELS: Readonly<Record<(typeof DraftLicenceDecisionSchema.options)[number], string>> = {
  grant: "准予行政许可",
  refuse: "不予行政许可",
  change: "变更行政许可",
  renew: "延续行政许可",
  revoke: "撤销行政许可",
  cancel: "注销行政许可",
};

/** 认定理由 — one reason a decision is major: the rule, what it found, and its source. */
export interface MajorReason {
  /** The rule. */
  readonly rule: ReviewRuleId;
  /** What was found, in Chinese (e.g. `罚款100,000.00元，达到法人或者其他组织100,000.00元（含本数）的标准`). */
  readonly text: string;
  /** The rule's source. */
  readonly source: RuleSource;
}

/** 重大执法决定认定结果 — whether a draft is major and every reason why (empty when not). */
export interface MajorClassification {
  /** 属于重大执法决定 — legal review is required before the decision (Art. 58). */
  readonly major: boolean;
  /** The reasons, in {@link ReviewRuleIdSchema} order. */
  readonly reasons: readonly MajorReason[];
}

/** True when `amount` reaches `t` (inclusive: ≥; exclusive: >). */
export function reachesThreshold(amount: Fen, t: AmountThreshold): boolean {
  return t.inclusive ? amount >= t.fen : amount > t.fen;
}

function thresholdText(t: AmountThreshold): string {
  return `${formatYuan(t.fen)}元（${t.inclusive ? "含本数" : "不含本数"}）`;
}

/**
 * 重大执法决定认定 — classifies a decision draft against a catalogue: the fixed cases of
 * 行政处罚法 Art. 58 para. 1 (major public interest; major rights with a hearing; difficult and
 * complex or several legal relationships; other rules requiring review) and the catalogue's
 * rows (fine and confiscation thresholds by party kind, penalty kinds, after a hearing,
 * major social impact, 减轻, outside the benchmark). Pure; every reason carries its source.
 * A draft without a penalty (不予处罚, 移送) is major only by the Art. 58 cases and the
 * catalogue rows that are not about the penalty.
 */
export function classifyDecision(
  draft: ReviewDraft,
  catalogue: ReviewCatalogue = DEFAULT_REVIEW_CATALOGUE,
): MajorClassification {
  const reasons: MajorReason[] = [];
  const own = catalogue.source;
  // 行政处罚法 Art. 58 binds penalties; a coercive or licensing decision is reviewed under
  // 118号 四（十二）, whose scope sentence lists the same cases.
  const penaltyAction = draft.outcome !== "coercion" && draft.outcome !== "licence";
  const add = (rule: ReviewRuleId, text: string, cited?: RuleSource): void => {
    const row = REVIEW_RULES[rule];
    const fixed = penaltyAction ? row.source : REVIEW_SCOPE_GUIDANCE;
    reasons.push({ rule, text, source: cited ?? (row.configurable ? (own ?? row.source) : fixed) });
  };
  const partyName = draft.party.kind === "person" ? "公民" : "法人或者其他组织";
  if (draft.majorPublicInterest) add("publicInterest", "涉及重大公共利益");
  if (draft.hearingHeld && draft.majorRights)
    add("hearingMajorRights", "直接关系当事人或者第三人重大权益，经过听证程序");
  if (draft.complex || draft.severalLegalRelationships) {
    const what = [draft.complex ? "案件情况疑难复杂" : "", draft.severalLegalRelationships ? "涉及多个法律关系" : ""];
    add("complex", what.filter((s) => s !== "").join("、"));
  }
  for (const s of draft.requiredBy) add("requiredByLaw", `依照${formatSource(s)}应当进行法制审核`, s);
  const p = draft.penalty;
  if (p !== undefined) {
    const fineT = catalogue.fine[draft.party.kind];
    if (p.kinds.includes("fine") && p.fineFen !== undefined && reachesThreshold(p.fineFen, fineT)) {
      add("fineAmount", `罚款${formatYuan(p.fineFen)}元，达到${partyName}${thresholdText(fineT)}的标准`);
    }
    const confT = catalogue.confiscation?.[draft.party.kind];
    const confiscates = p.kinds.includes("confiscateGains") || p.kinds.includes("confiscateProperty");
    if (
      confT !== undefined &&
      confiscates &&
      p.confiscationFen !== undefined &&
      reachesThreshold(p.confiscationFen, confT)
    ) {
      add(
        "confiscationAmount",
        `没收${formatYuan(p.confiscationFen)}元，达到${partyName}${thresholdText(confT)}的标准`,
      );
    }
    const kinds = p.kinds.filter((k) => catalogue.penaltyKinds.includes(k));
    if (kinds.length > 0) add("penaltyKind", `拟${kinds.map((k) => PENALTY_KIND_LABELS[k]).join("、")}`);
  }
  if (catalogue.afterHearing && draft.hearingHeld) add("afterHearing", "经过听证程序");
  if (catalogue.socialImpact && draft.majorSocialImpact) add("socialImpact", "可能造成重大社会影响或者引发社会风险");
  if (catalogue.mitigated && draft.mitigated && p !== undefined) add("mitigated", "减轻行政处罚");
  if (catalogue.outsideBenchmark && draft.outsideBenchmark && p !== undefined)
    add("outsideBenchmark", "超出行政裁量基准");
  const co = draft.coercion;
  if (co !== undefined) {
    if (catalogue.coercion.kinds.includes(co.kind)) add("coercionKind", `拟${COERCION_KIND_LABELS[co.kind]}`);
    const v = catalogue.coercion.value;
    if (v !== undefined && co.valueFen !== undefined && reachesThreshold(co.valueFen, v)) {
      add("coercionValue", `涉案财物价值${formatYuan(co.valueFen)}元，达到${thresholdText(v)}的标准`);
    }
    if (catalogue.coercion.stopsOperations && co.stopsOperations) add("coercionStopsOperations", "导致当事人停产停业");
  }
  const li = draft.licence;
  if (li !== undefined && catalogue.licenceDecisions.includes(li.decision)) {
    add("licenceDecision", `拟${LICENCE_DECISION_LABELS[li.decision]}（${li.matter}）`);
  }
  return { major: reasons.length > 0, reasons };
}
