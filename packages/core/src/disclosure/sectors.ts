// 行业公示规定 — sector rules as overrides of the default disclosure rows (市场监管: 总局令第45号).
import type { RuleSource } from "../kernel/source.js";
import type { PenaltyKind } from "../registry/benchmarks/schema.js";
import type { DisclosureRuleOverride } from "./rule-schema.js";

const SAMR = "市场监督管理行政处罚信息公示规定";

/** 行业公示规定 — a sector's rules, as overrides of default rows, with the sector's source. */
export interface DisclosureSector {
  /** Sector id, e.g. `samr`. */
  readonly id: string;
  /** Chinese name, e.g. `市场监管`. */
  readonly name: string;
  /** The sector rule. */
  readonly source: RuleSource;
  /** Changes to default rows, by rule id. */
  readonly rules: Readonly<Record<string, DisclosureRuleOverride>>;
}

/**
 * 较低数额罚款 default for the SAMR sector: ¥1,000 (100,000 fen). The figure is set by each
 * province's market regulator (SAMR Art. 13 para. 2) — [VAR]: a placeholder to replace with
 * the province's own with `rules["decision.penalty"].lowPublicity`.
 */
export const SAMR_LOW_FINE_DEFAULT_FEN = 100_000;

/**
 * 提前停止公示的时限 default for the SAMR sector: 12 months public before an early end may be
 * granted. SAMR sets the time limit separately (Art. 14 para. 2: "由国家市场监督管理总局另行
 * 规定") — [VAR]: a placeholder, not a verified figure; set the one in force with
 * `rules["decision.penalty"].earlyEnd`. Twelve is the longest of the minimum publicity periods
 * before credit repair that 发改委令第58号 sets (3 months in general, 1 year for special
 * equipment, work safety and fire safety), so an unconfigured bureau never
 * ends publicity earlier than any of them.
 */
export const SAMR_EARLY_END_MIN_MONTHS_DEFAULT = 12;

/**
 * 不得提前停止公示的处罚 (SAMR Art. 14 para. 3) as core's penalty kinds: 责令停产停业
 * `suspendBusiness`, 限制开展生产经营活动 `restrictActivity`, 限制从业 `restrictPractice`,
 * 降低资质等级 `demoteQualification`, 吊销许可证件 and 吊销营业执照 `revokeLicence` (a business
 * licence is a licence document, 行政处罚法 Art. 9). The "其他较为严重行政处罚" SAMR may add are
 * configuration (`excludedKinds`).
 */
export const SAMR_EARLY_END_EXCLUDED_KINDS: readonly PenaltyKind[] = [
  "suspendBusiness",
  "restrictActivity",
  "restrictPractice",
  "demoteQualification",
  "revokeLicence",
];

/**
 * 期限从严 — the SAMR rule's 20 working days (Art. 9) do not replace 国办发〔2018〕118号's 7
 * working days for 行政处罚 decisions: 118号 yields only to 法律、行政法规 ("法律、行政法规另有
 * 规定的除外"), and 总局令第45号 is a 部门规章. Both bind a market regulator, so the stricter —
 * 7 working days (`disclosure.licencePenalty`) — is the sector's publication deadline; Art. 9
 * still names the channel (国家企业信用信息公示系统). A bureau whose province rules otherwise by
 * a 法律 or 行政法规 overrides `deadlinePeriodId` with that source.
 */
export const SAMR_PUBLICATION_PERIOD_ID = "disclosure.licencePenalty";

/**
 * 送达时书面告知将予公示 — SAMR Art. 8: when a decision that must be published is served, the
 * party is told in writing that it will be published. The text the service record carries
 * (e.g. on the 送达回证 or in the decision) and its source.
 */
export const SAMR_SERVICE_NOTICE = {
  text: "本行政处罚决定信息将依法通过国家企业信用信息公示系统向社会公示",
  source: { law: SAMR, article: 8, confidence: "C-law" },
} as const satisfies { readonly text: string; readonly source: RuleSource };

/**
 * 限制期限超过三年的公示期 — SAMR Art. 13 para. 3: a party restricted from business
 * activities (`restrictActivity`) or from practice (`restrictPractice`) for more than three
 * years stays public for the actual restriction period.
 */
export const SAMR_LONG_RESTRICTION = {
  kinds: ["restrictActivity", "restrictPractice"] as const satisfies readonly PenaltyKind[],
  /** The three years (in months) beyond which the restriction sets the period. */
  beyondMonths: 36,
  source: { law: SAMR, article: 13, paragraph: 3, confidence: "C-law" },
} as const satisfies {
  readonly kinds: readonly PenaltyKind[];
  readonly beyondMonths: number;
  readonly source: RuleSource;
};

/**
 * 市场监管处罚信息公示期（月） — how long a SAMR penalty stays public: the row's period
 * (`publicUntil`: 3 years, or 3 months for light penalties, Art. 13 paras. 1–2), unless the
 * penalty restricts business activities or practice for more than three years — then the
 * actual restriction period (Art. 13 para. 3). `restrictionMonths` is the restriction's length
 * as decided; absent or three years or less: `rowMonths`.
 */
export function samrPublicityMonths(
  rowMonths: number,
  kinds: readonly PenaltyKind[],
  restrictionMonths?: number,
): number {
  const restricted = kinds.some((k) => (SAMR_LONG_RESTRICTION.kinds as readonly PenaltyKind[]).includes(k));
  if (!restricted || restrictionMonths === undefined) return rowMonths;
  return restrictionMonths > SAMR_LONG_RESTRICTION.beyondMonths ? Math.max(rowMonths, restrictionMonths) : rowMonths;
}

/**
 * 行业公示规定表 — sector rules that override the defaults as data. `samr` — 市场监督管理行政
 * 处罚信息公示规定 (总局令第45号): penalties on the 国家企业信用信息公示系统 within 7 working days
 * (国办发〔2018〕118号, stricter than Art. 9's 20: {@link SAMR_PUBLICATION_PERIOD_ID}), or
 * pushed within 10 working days to the registration-place bureau of another
 * province, which publishes within 10 of receipt (Art. 10, `crossProvince`), withdrawn within
 * 3 (Art. 11), ordinary procedure only and warning-only decisions not published (Art. 2),
 * public 3 years, or 3 months for 通报批评 / 较低数额 fines (Art. 13), ended early on the
 * conditions of Art. 14 (`earlyEnd`).
 */
export const DISCLOSURE_SECTORS: Readonly<Record<string, DisclosureSector>> = {
  samr: {
    id: "samr",
    name: "市场监管",
    source: { law: SAMR, article: 2, confidence: "C-law" },
    rules: {
      "decision.penalty": {
        required: true,
        deadlinePeriodId: SAMR_PUBLICATION_PERIOD_ID,
        withdrawalPeriodId: "disclosure.samrWithdrawal",
        channels: ["国家企业信用信息公示系统"],
        ordinaryProcedureOnly: true,
        excludeWarningOnly: true,
        publicity: { months: 36 },
        publicitySource: { law: SAMR, article: 13, paragraph: 1, confidence: "C-law" },
        lowPublicity: {
          months: 3,
          maxFineFen: SAMR_LOW_FINE_DEFAULT_FEN,
          source: { law: SAMR, article: 13, paragraph: 2, confidence: "VAR" },
        },
        longRestriction: {
          kinds: SAMR_LONG_RESTRICTION.kinds,
          beyondMonths: SAMR_LONG_RESTRICTION.beyondMonths,
          source: SAMR_LONG_RESTRICTION.source,
        },
        crossProvince: {
          forwardPeriodId: "disclosure.samrForward",
          receivedPeriodId: "disclosure.samrReceived",
          source: { law: SAMR, article: 10, confidence: "C-law" },
        },
        earlyEnd: {
          minMonths: SAMR_EARLY_END_MIN_MONTHS_DEFAULT,
          minMonthsSource: { law: SAMR, article: 14, paragraph: 2, confidence: "VAR" },
          excludedKinds: SAMR_EARLY_END_EXCLUDED_KINDS,
          excludedSource: { law: SAMR, article: 14, paragraph: 3, confidence: "C-law" },
          source: { law: SAMR, article: 14, paragraph: 1, confidence: "C-law" },
        },
        source: { law: SAMR, article: 9, confidence: "C-law" },
      },
    },
  },
};
