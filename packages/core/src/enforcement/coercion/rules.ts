import { z } from "zod";
import type { RuleSource } from "../../kernel/source.js";

const coercion = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "行政强制法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});

/**
 * 查封扣押规则表 — one row per guard of the sealing-or-seizure procedure, each with its
 * article of 行政强制法 (the codes a refusal carries are in the `code` column).
 */
export const SEIZURE_RULES = {
  /** 实施前须向行政机关负责人报告并经批准 (Art. 18 item 1). */
  priorApproval: {
    code: "COERCION_NOT_APPROVED",
    source: coercion(18, 1, 1),
    text: "实施查封、扣押前须向行政机关负责人报告并经批准",
  },
  /** 由两名以上行政执法人员实施 (Art. 18 item 2). */
  twoOfficers: {
    code: "OFFICERS_INSUFFICIENT",
    source: coercion(18, 1, 2),
    text: "查封、扣押应当由两名以上行政执法人员实施",
  },
  /** 情况紧急：二十四小时内报告并补办批准手续 (Art. 19). */
  emergencyReport: {
    code: "COERCION_NOT_APPROVED",
    source: coercion(19),
    text: "当场实施的，应当在二十四小时内向行政机关负责人报告，并补办批准手续",
  },
  /** 负责人认为不应当采取的，应当立即解除 (Art. 19). */
  refusedAfterwards: {
    code: "COMMAND_NOT_ALLOWED",
    source: coercion(19),
    text: "行政机关负责人认为不应当采取的，应当立即解除",
  },
  /** 期限三十日，情况复杂经负责人批准延长不超过三十日 (Art. 25 para. 1). */
  period: {
    code: "COERCION_PERIOD_EXPIRED",
    source: coercion(25, 1),
    text: "查封、扣押的期限不得超过三十日；延长不得超过三十日",
  },
  /** 情况复杂的，经行政机关负责人批准，可以延长 (Art. 25 para. 1): the head's own approval. */
  extensionApproval: {
    code: "PERMISSION_DENIED",
    source: coercion(25, 1),
    text: "延长查封、扣押须经行政机关负责人批准",
  },
  /**
   * 延长期限不得超过三十日 (Art. 25 para. 1): at most the extension of the bureau's
   * `coercion.seizure` row (30 days; a 法律、行政法规 the row follows may set another).
   */
  extensionLength: {
    code: "INVALID_INPUT",
    source: coercion(25, 1),
    text: "查封、扣押的期限延长不得超过三十日",
  },
  /** 延长决定应当及时书面告知当事人并说明理由 (Art. 25 para. 2): a written document among the records. */
  extensionNotice: {
    code: "RECORDING_INCOMPLETE",
    source: coercion(25, 2),
    text: "延长查封、扣押的决定应当及时书面告知当事人，并说明理由",
  },
  /** 检测、检验、检疫或者技术鉴定期间不计入，应当明确并书面告知 (Art. 25 para. 3). */
  testingExcluded: {
    code: "INVALID_INPUT",
    source: coercion(25, 3),
    text: "检测、检验、检疫或者技术鉴定的期间不计入查封、扣押期间，应当明确并书面告知当事人",
  },
  /** 在期限内作出处理决定 (Art. 27). */
  handlingInPeriod: {
    code: "COERCION_PERIOD_EXPIRED",
    source: coercion(27),
    text: "应当在查封、扣押期限内作出处理决定",
  },
  /** 解除查封、扣押的情形 (Art. 28 para. 1). */
  release: {
    code: "COMMAND_NOT_ALLOWED",
    source: coercion(28, 1),
    text: "有法定情形之一的，应当及时作出解除查封、扣押决定",
  },
  /**
   * 涉嫌犯罪移送的，查封、扣押的财物一并移送，并书面告知当事人 (Art. 21): a handling decision
   * `transfer` needs the written notice to the party among its records (a document).
   */
  transferWithCase: {
    code: "RECORDING_INCOMPLETE",
    source: coercion(21),
    text: "违法行为涉嫌犯罪应当移送司法机关的，应当将查封、扣押的财物一并移送，并书面告知当事人",
  },
  /**
   * 查封、扣押决定书应当载明的事项 (Art. 24 para. 2): the approval of a measure states its party,
   * facts and basis — the decision the legal-review gate classifies.
   */
  decisionContents: {
    code: "INVALID_INPUT",
    source: coercion(24, 2),
    text: "查封、扣押决定书应当载明当事人，查封、扣押的理由、依据和期限等事项",
  },
  /**
   * 重大执法决定未经法制审核或者审核未通过的，不得作出决定 — a 查封、扣押 the bureau's catalogue
   * classes as major (国办发〔2018〕118号 四（十二）) is approved, before the act or afterwards
   * for an emergency act, only with a passed review of that very measure (pilot plan 二（三）).
   */
  reviewGate: {
    code: "REVIEW_NOT_APPROVED",
    source: { law: "沙坡头区司法局三项制度试点工作方案", section: "二（三）", confidence: "C-local" },
    text: "重大的查封、扣押决定未经法制审核或者审核未通过的，不得作出",
  },
  /** 行政强制措施权不得委托 (Art. 17). */
  noEntrustment: { code: "OFFICER_NOT_QUALIFIED", source: coercion(17, 1), text: "行政强制措施权不得委托" },
} as const satisfies Record<string, { code: string; source: RuleSource; text: string }>;

/** The name of a row of {@link SEIZURE_RULES}. */
export type SeizureRuleName = keyof typeof SEIZURE_RULES;

/**
 * 查封扣押配置 — the bureau's values: minimum officers (Art. 18 item 2: two) and the hours
 * within which an emergency measure is reported (Art. 19: twenty-four). Both are statutory
 * minima: a bureau may be stricter (more officers, fewer hours), never laxer.
 */
export const SeizurePolicySchema = z
  .object({
    /** 最少执法人员数; default 2, at least 2. */
    minOfficers: z.number().int().min(2).default(2),
    /** 紧急情况报告时限（小时）; default 24, at most 24. */
    emergencyReportHours: z.number().int().positive().max(24).default(24),
  })
  .readonly();
/** 查封扣押配置 (see {@link SeizurePolicySchema}). */
export type SeizurePolicy = z.infer<typeof SeizurePolicySchema>;
/** {@link SeizurePolicy} as a bureau writes it. */
export type SeizurePolicyInput = z.input<typeof SeizurePolicySchema>;

/**
 * 解除查封扣押的法定情形 — 行政强制法 Art. 28 para. 1 items 1–5: no violation, unrelated
 * property, a handling decision made, the period expired, no longer needed.
 */
export const ReleaseGroundSchema = z.enum(["noViolation", "unrelated", "handled", "expired", "noLongerNeeded"]);
/** 解除情形 (see {@link ReleaseGroundSchema}). */
export type ReleaseGround = z.infer<typeof ReleaseGroundSchema>;

/** The item of Art. 28 para. 1 of each {@link ReleaseGround}. */
export const RELEASE_GROUND_ITEMS: Readonly<Record<ReleaseGround, number>> = {
  noViolation: 1,
  unrelated: 2,
  handled: 3,
  expired: 4,
  noLongerNeeded: 5,
};

/**
 * 处理决定 — the handling decision within the period (行政强制法 Art. 27): confiscate (没收),
 * destroy (销毁, where a law or administrative regulation requires), release (解除), or
 * transfer with a suspected crime (移送, 行政执法机关移送涉嫌犯罪案件的规定 Art. 12 hands over
 * the seized items with the case).
 */
export const HandlingOutcomeSchema = z.enum(["confiscate", "destroy", "release", "transfer"]);
/** 处理决定 (see {@link HandlingOutcomeSchema}). */
export type HandlingOutcome = z.infer<typeof HandlingOutcomeSchema>;

/** The source of each {@link HandlingOutcome}. */
export const HANDLING_SOURCES: Readonly<Record<HandlingOutcome, RuleSource>> = {
  confiscate: coercion(27),
  destroy: coercion(27),
  release: coercion(27),
  transfer: { law: "行政执法机关移送涉嫌犯罪案件的规定", article: 12, confidence: "C-law" },
};

/** The source of release ground `g` (Art. 28 para. 1, its item). */
export function releaseSource(g: ReleaseGround): RuleSource {
  return coercion(28, 1, RELEASE_GROUND_ITEMS[g]);
}
