import type { RuleSource } from "../../kernel/source.js";
import type { Benchmark, Circumstance, LenientEntry } from "./schema.js";

// Fixtures for this folder's tests only (not exported from the package). Numbers come from
// 价格违法行为行政处罚规定 Arts. 7, 13 and 17; the sample bureau's full data is in
// @sanxiang/sample.

const rule = (article: number, paragraph?: number, item?: number): RuleSource => ({
  law: "价格违法行为行政处罚规定",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});

/** A benchmark document for tests. */
export const DOC: RuleSource = { law: "示例市场监督管理局行政处罚裁量基准", section: "价格类", confidence: "VAR" };

/** 从重 grounds of 价格违法行为行政处罚规定 Art. 17 para. 2. */
export const PRICE_CIRCUMSTANCES: Circumstance[] = [
  { code: "price-serious", description: "价格违法行为严重或者社会影响较大", effect: "heavier", source: rule(17, 2, 1) },
  { code: "price-repeat", description: "屡查屡犯", effect: "heavier", source: rule(17, 2, 2) },
  { code: "price-evidence", description: "伪造、涂改或者转移、销毁证据", effect: "heavier", source: rule(17, 2, 3) },
];

/** Art. 7 without illegal gains: 5万–50万元, all tiers by the formula except 从重 conditions. */
export const ART7_NO_GAINS: Benchmark = {
  code: "JG-07-B",
  name: "利用虚假的或者使人误解的价格手段诱骗交易（没有违法所得）",
  violationBasis: [rule(7)],
  penaltyBasis: [rule(7)],
  statutory: { kinds: ["fine", "suspendBusiness"], fine: { basis: "fixed", min: 5_000_000, max: 50_000_000 } },
  tiers: [
    {
      tier: "heavier",
      description: "价格违法行为严重、屡查屡犯或者毁灭证据",
      conditions: ["price-serious", "price-repeat", "price-evidence"],
      fine: { mode: "formula" },
    },
  ],
  document: DOC,
  effectiveFrom: "2022-01-01",
};

/** Art. 7 with illegal gains: 没收违法所得，并处违法所得5倍以下的罚款. */
export const ART7_GAINS: Benchmark = {
  code: "JG-07-A",
  name: "利用虚假的或者使人误解的价格手段诱骗交易（有违法所得）",
  violationBasis: [rule(7)],
  penaltyBasis: [rule(7)],
  statutory: { kinds: ["confiscateGains", "fine", "suspendBusiness"], fine: { basis: "illegalGains", min: 0, max: 5 } },
  tiers: [
    {
      tier: "lighter",
      description: "主动消除或者减轻危害后果",
      conditions: ["eliminated-harm"],
      kinds: ["confiscateGains", "fine"],
      fine: { mode: "multiple", min: 0.5, max: 1.5 },
    },
    {
      tier: "heavier",
      description: "屡查屡犯",
      conditions: ["price-repeat"],
      fine: { mode: "multiple", max: 5, min: 3.5 },
    },
  ],
  document: DOC,
  effectiveFrom: "2022-01-01",
};

/** Art. 13: 可以并处5000元以下的罚款 (a maximum only). */
export const ART13: Benchmark = {
  code: "JG-13",
  name: "不标明价格",
  violationBasis: [rule(13, 1, 1)],
  penaltyBasis: [rule(13)],
  statutory: { kinds: ["confiscateGains", "fine"], fine: { basis: "fixed", min: 0, max: 500_000 } },
  tiers: [],
  document: DOC,
  effectiveFrom: "2022-01-01",
};

/** A 首违不罚 entry for Art. 13. */
export const ART13_FIRST: LenientEntry = {
  list: { law: "示例市场监管领域首违不罚清单", section: "第1项", confidence: "VAR" },
  violationCode: "JG-13",
  kind: "firstViolation",
  conditions: "首次被发现不标明价格，危害后果轻微，并在责令改正期限内改正",
  correctionDays: 7,
  effectiveFrom: "2023-01-01",
};
