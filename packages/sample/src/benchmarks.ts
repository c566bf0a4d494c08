import type { RuleSource } from "@sanxiang/core/kernel";
import type {
  Benchmark,
  BenchmarkRegistryInput,
  BenchmarkTier,
  Circumstance,
  LenientEntry,
  PenaltyKind,
  StatutoryRange,
} from "@sanxiang/core/registry";

// 示例裁量基准 — benchmarks of the two sample bureaus. Every statutory range is the text of
// the cited article (as shipped in the laws registry): 价格违法行为行政处罚规定 Arts. 7, 9, 11, 13 for 中卫市沙坡头区
// 市场监督管理局; 律师法 Art. 55 and 法律援助法 Arts. 64, 65 for 中卫市沙坡头区司法局 (the district
// bureau may act under these: "县级以上地方人民政府司法行政部门" / "司法行政部门"; penalties on
// lawyers under 律师法 Arts. 47–50 lie with the 设区的市 bureau, so they are not here). The
// benchmark documents, the 首违不罚 list and their dates are invented sample documents,
// marked （示例）. The tier bands follow the configured formula (SAMR 30/70 by default).

const PRICE = "价格违法行为行政处罚规定";
const src = (law: string, article: number, paragraph?: number, item?: number): RuleSource => ({
  law,
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  ...(item === undefined ? {} : { item }),
  confidence: "C-law",
});
const wan = (n: number) => n * 10_000 * 100; // 万元 → fen
const yuan = (n: number) => n * 100;

const MARKET_DOC: RuleSource = {
  law: "中卫市沙坡头区市场监督管理局行政处罚裁量基准（示例）",
  section: "价格监督检查类",
  confidence: "VAR",
};
const JUSTICE_DOC: RuleSource = {
  law: "中卫市沙坡头区司法局行政处罚裁量基准（示例）",
  section: "律师、法律援助类",
  confidence: "VAR",
};
const FROM = "2024-01-01";

/**
 * 示例裁量情节 — the 从重 grounds of 价格违法行为行政处罚规定 Art. 17 para. 2 (items 1–5), for the
 * market-regulation bureau's price benchmarks. (Art. 17 para. 1's mitigation grounds are
 * the statutory ones of 行政处罚法 Art. 32, built into core.)
 */
export const SAMPLE_BENCHMARK_CIRCUMSTANCES: readonly Circumstance[] = [
  {
    code: "price-serious",
    description: "价格违法行为严重或者社会影响较大",
    effect: "heavier",
    source: src(PRICE, 17, 2, 1),
  },
  { code: "price-repeat", description: "屡查屡犯", effect: "heavier", source: src(PRICE, 17, 2, 2) },
  {
    code: "price-evidence",
    description: "伪造、涂改或者转移、销毁证据",
    effect: "heavier",
    source: src(PRICE, 17, 2, 3),
  },
  {
    code: "price-transfer",
    description: "转移与价格违法行为有关的资金或者商品",
    effect: "heavier",
    source: src(PRICE, 17, 2, 4),
  },
  {
    code: "price-no-refund",
    description: "拒不按照规定退还消费者或者其他经营者多付价款",
    effect: "heavier",
    source: src(PRICE, 17, 2, 5),
  },
];
const PRICE_HEAVIER = SAMPLE_BENCHMARK_CIRCUMSTANCES.map((c) => c.code);

function tiers(kinds: PenaltyKind[], heavier: readonly string[], heavierText: string): BenchmarkTier[] {
  return [
    {
      tier: "lighter",
      description: "有依法应当从轻处罚情形（行政处罚法第三十二条）",
      conditions: [],
      kinds,
      fine: { mode: "formula" },
    },
    { tier: "ordinary", description: "无从轻、从重情节", conditions: [], kinds, fine: { mode: "formula" } },
    { tier: "heavier", description: heavierText, conditions: [...heavier], kinds, fine: { mode: "formula" } },
  ];
}

function price(
  code: string,
  name: string,
  article: number,
  penaltyBasis: RuleSource[],
  statutory: StatutoryRange,
  kinds: PenaltyKind[],
): Benchmark {
  return {
    code,
    name,
    violationBasis: [src(PRICE, article)],
    penaltyBasis,
    statutory,
    tiers: tiers(kinds, PRICE_HEAVIER, "有价格违法行为行政处罚规定第十七条第二款所列从重处罚情形"),
    document: MARKET_DOC,
    effectiveFrom: FROM,
  };
}

const GAINS_KINDS: PenaltyKind[] = ["confiscateGains", "fine"];

/**
 * 示例裁量基准（市场监管） — 价格违法行为行政处罚规定: Art. 7 (虚假或者使人误解的价格手段) and Art. 9
 * (不执行政府指导价、政府定价), each with illegal gains ("违法所得5倍以下"), without ("5万元以上50万元
 * 以下"; Art. 9 情节较重 "50万元以上200万元以下"), and for an individual operator without gains
 * (Art. 11 para. 1: "可以处10万元以下"); Art. 13 (明码标价: "可以并处5000元以下").
 */
export const SAMPLE_MARKET_BENCHMARKS: readonly Benchmark[] = [
  price(
    "SPT-SC-JG-07-A",
    "利用虚假的或者使人误解的价格手段诱骗交易（有违法所得）",
    7,
    [src(PRICE, 7)],
    {
      kinds: ["confiscateGains", "fine", "suspendBusiness", "revokeLicence"],
      fine: { basis: "illegalGains", min: 0, max: 5 },
    },
    GAINS_KINDS,
  ),
  price(
    "SPT-SC-JG-07-B",
    "利用虚假的或者使人误解的价格手段诱骗交易（没有违法所得）",
    7,
    [src(PRICE, 7), src(PRICE, 18)],
    { kinds: ["fine", "suspendBusiness", "revokeLicence"], fine: { basis: "fixed", min: wan(5), max: wan(50) } },
    ["fine"],
  ),
  price(
    "SPT-SC-JG-07-C",
    "利用虚假的或者使人误解的价格手段诱骗交易（经营者为个人，没有违法所得）",
    7,
    [src(PRICE, 7), src(PRICE, 11, 1)],
    { kinds: ["fine"], fine: { basis: "fixed", min: 0, max: wan(10) } },
    ["fine"],
  ),
  price(
    "SPT-SC-JG-09-A",
    "不执行政府指导价、政府定价（有违法所得）",
    9,
    [src(PRICE, 9)],
    { kinds: ["confiscateGains", "fine", "suspendBusiness"], fine: { basis: "illegalGains", min: 0, max: 5 } },
    GAINS_KINDS,
  ),
  price(
    "SPT-SC-JG-09-B",
    "不执行政府指导价、政府定价（没有违法所得）",
    9,
    [src(PRICE, 9), src(PRICE, 18)],
    { kinds: ["fine", "suspendBusiness"], fine: { basis: "fixed", min: wan(5), max: wan(50) } },
    ["fine"],
  ),
  price(
    "SPT-SC-JG-09-C",
    "不执行政府指导价、政府定价（没有违法所得，情节较重）",
    9,
    [src(PRICE, 9)],
    { kinds: ["fine", "suspendBusiness"], fine: { basis: "fixed", min: wan(50), max: wan(200) } },
    ["fine"],
  ),
  {
    ...price(
      "SPT-SC-JG-13",
      "不标明价格",
      13,
      [src(PRICE, 13)],
      { kinds: ["confiscateGains", "fine"], fine: { basis: "fixed", min: 0, max: yuan(5_000) } },
      GAINS_KINDS,
    ),
    violationBasis: [src(PRICE, 13, 1, 1)],
  },
];

/**
 * 示例裁量基准（司法行政） — 律师法 Art. 55 (以律师名义从事法律服务业务: "违法所得一倍以上五倍以下",
 * breaching Art. 13), 法律援助法 Art. 64 (受援人以欺骗手段获得法律援助: "三千元以下") and Art. 65
 * (冒用法律援助名义: "违法所得一倍以上三倍以下"). 减轻 (below one times the gains) is left to
 * the formula and needs a 行政处罚法 Art. 32 ground.
 */
export const SAMPLE_JUSTICE_BENCHMARKS: readonly Benchmark[] = [
  {
    code: "SPT-SF-LS-55",
    name: "没有取得律师执业证书的人员以律师名义从事法律服务业务",
    violationBasis: [src("律师法", 13)],
    penaltyBasis: [src("律师法", 55)],
    statutory: { kinds: ["confiscateGains", "fine"], fine: { basis: "illegalGains", min: 1, max: 5 } },
    tiers: tiers(GAINS_KINDS, [], "违法所得数额较大、持续时间较长或者造成较大社会影响"),
    document: JUSTICE_DOC,
    effectiveFrom: FROM,
  },
  {
    code: "SPT-SF-FY-64",
    name: "受援人以欺骗或者其他不正当手段获得法律援助",
    violationBasis: [src("法律援助法", 64)],
    penaltyBasis: [src("法律援助法", 64)],
    statutory: { kinds: ["fine"], fine: { basis: "fixed", min: 0, max: yuan(3_000) } },
    tiers: [],
    document: JUSTICE_DOC,
    effectiveFrom: FROM,
  },
  {
    code: "SPT-SF-FY-65",
    name: "冒用法律援助名义提供法律服务并谋取利益",
    violationBasis: [src("法律援助法", 65)],
    penaltyBasis: [src("法律援助法", 65)],
    statutory: { kinds: ["confiscateGains", "fine"], fine: { basis: "illegalGains", min: 1, max: 3 } },
    tiers: [],
    document: JUSTICE_DOC,
    effectiveFrom: FROM,
  },
];

/** 示例裁量基准 — both bureaus. */
export const SAMPLE_BENCHMARKS: readonly Benchmark[] = [...SAMPLE_MARKET_BENCHMARKS, ...SAMPLE_JUSTICE_BENCHMARKS];

/**
 * 示例首违不罚清单 — the market-regulation bureau's list (invented sample document): a first
 * failure to mark prices (价格违法行为行政处罚规定 Art. 13 para. 1 item 1), slight harm,
 * corrected within the period set — 行政处罚法 Art. 33 para. 1.
 */
export const SAMPLE_LENIENT_ENTRIES: readonly LenientEntry[] = [
  {
    list: { law: "中卫市沙坡头区市场监督管理局首违不罚清单（示例）", section: "第1项", confidence: "VAR" },
    violationCode: "SPT-SC-JG-13",
    kind: "firstViolation",
    conditions: "首次被发现不标明价格，危害后果轻微，并在责令改正期限内改正",
    correctionDays: 7,
    effectiveFrom: FROM,
  },
];

/** 示例裁量基准库 — input for `createBenchmarkRegistry` with both bureaus' data. */
export const SAMPLE_BENCHMARK_REGISTRY_INPUT: BenchmarkRegistryInput = {
  benchmarks: [...SAMPLE_BENCHMARKS],
  circumstances: [...SAMPLE_BENCHMARK_CIRCUMSTANCES],
  lenient: [...SAMPLE_LENIENT_ENTRIES],
};
