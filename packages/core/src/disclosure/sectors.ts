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
 * equipment, work safety and fire safety — DOMAIN.md §1.1), so an unconfigured bureau never
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
 * 行业公示规定表 — sector rules that override the defaults as data. `samr` — 市场监督管理行政
 * 处罚信息公示规定 (总局令第45号): penalties on the 国家企业信用信息公示系统 within 20 working days
 * (Art. 9), or pushed within 10 working days to the registration-place bureau of another
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
        deadlinePeriodId: "disclosure.samrPenalty",
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
