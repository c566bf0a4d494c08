import type { EntitiesInput } from "@sanxiang/core/registry";

// 示例市场主体 — fictional parties for the two sample bureaus. Every name, address, phone
// number, USCC and resident ID number here is invented (names carry 示例 or 某; organisation
// codes carry the marker YL, 样例) but passes its checksum (GB 32100 MOD 31, GB 11643
// MOD 11-2). Violation records cite real articles of the statutes in
// the laws registry; the violation codes are this sample's own.

/** 示例司法行政机关 — the pilot plan's district justice bureau. */
const JUSTICE = "中卫市沙坡头区司法局";
/** 示例市场监管机关. */
const MARKET = "中卫市沙坡头区市场监督管理局";

const addr = (n: number) => `宁夏回族自治区中卫市沙坡头区示例路 ${n} 号`;

/**
 * 示例法人和其他组织 — 20 organisations (21 registration versions) of 沙坡头区 (640502) and neighbouring divisions:
 * law firms, a notary office, legal service offices and a forensic appraisal institution
 * (registered by 司法行政, USCC position 1 = 3) for the justice bureau; enterprises,
 * individual businesses and cooperatives (工商, position 1 = 9) for market regulation.
 */
export const SAMPLE_ORGANISATIONS = [
  // Registered by the judicial administration (司法行政).
  org("31640502MA76YL0013", "宁夏示例律师事务所", "张某", 1, "2016-04-01"),
  org("31640502MA76YL0026", "宁夏沙坡头示例律师事务所", "李某", 2, "2018-09-15"),
  org("32640500MA76YL0039", "宁夏回族自治区中卫市示例公证处", "王某", 3, "2015-01-01", { regionCode: "640500" }),
  org("33640502MA76YL0046", "沙坡头区滨河示例法律服务所", "赵某", 4, "2017-03-01"),
  // Deregistered (注销) on 2025-01-01: its only version ends that day.
  org("33640502MA76YL0059", "沙坡头区文昌示例法律服务所", "钱某", 5, "2017-03-01", { effectiveUntil: "2025-01-01" }),
  org("34640500MA76YL006C", "中卫示例司法鉴定所", "孙某", 6, "2019-06-20", { regionCode: "640500" }),
  // Registered by market regulation (工商(市场监管)): 91 企业.
  org("91640502MA76YL101J", "中卫市示例商贸有限公司", "周某", 101, "2019-03-01", { effectiveUntil: "2024-01-01" }),
  org("91640502MA76YL101J", "中卫市示例商贸（集团）有限公司", "周某", 101, "2024-01-01"),
  org("91640502MA76YL102M", "沙坡头区示例超市有限公司", "吴某", 102, "2020-05-08"),
  org("91640502MA76YL103Q", "中卫示例餐饮管理有限公司", "郑某", 103, "2021-07-01"),
  org("91640502MA76YL104U", "中卫示例大药房有限公司", "冯某", 104, "2018-11-11"),
  org("91640502MA76YL105Y", "中卫市示例石化加油站有限公司", "陈某", 105, "2016-08-01"),
  org("91640502MA76YL1062", "沙坡头示例旅游服务有限公司", "褚某", 106, "2017-05-20"),
  org("91640502MA76YL1075", "中卫示例枸杞销售有限公司", "卫某", 107, "2022-02-14"),
  org("91640502MA76YL1088", "中卫示例酒店管理有限公司", "蒋某", 108, "2019-10-01", { status: "revoked" }),
  // 92 个体工商户, 93 农民专业合作社.
  org("92640502MA76YL2015", "沙坡头区示例百货店", "沈某", 201, "2020-01-06"),
  org("92640502MA76YL2028", "沙坡头区示例小吃店", "韩某", 202, "2021-04-18"),
  org("92640502MA76YL203B", "沙坡头区示例五金店", "杨某", 203, "2019-09-09"),
  org("92640502MA76YL204E", "沙坡头区示例水果店", "朱某", 204, "2023-03-03"),
  org("93640502MA76YL301P", "中卫市沙坡头区示例枸杞种植专业合作社", "秦某", 301, "2015-12-01"),
  org("93640521MA76YL302B", "中宁县示例枸杞产销专业合作社", "尤某", 302, "2016-06-01", {
    regionCode: "640521",
    address: "宁夏回族自治区中卫市中宁县示例路 302 号",
  }),
] satisfies NonNullable<EntitiesInput["organisations"]>;

function org(
  uscc: string,
  name: string,
  legalRepresentative: string,
  n: number,
  effectiveFrom: string,
  over: Partial<{ regionCode: string; address: string; effectiveUntil: string; status: "revoked" }> = {},
) {
  return {
    uscc,
    name,
    legalRepresentative,
    address: addr(n),
    regionCode: "640502",
    phone: `0955-70${String(n).padStart(5, "0")}`,
    effectiveFrom,
    ...over,
  };
}

/** 示例自然人 — 10 fictional residents (division codes 640502 / 640521 / 640522). */
export const SAMPLE_PERSONS = [
  { idNumber: "640502197804150110", name: "赵某甲（示例）", address: addr(1001), phone: "13900000001" },
  { idNumber: "640502198509230227", name: "钱某乙（示例）", address: addr(1002) },
  { idNumber: "640502199001010316", name: "孙某丙（示例）", address: addr(1003), phone: "13900000003" },
  { idNumber: "640502196207080420", name: "李某丁（示例）", address: addr(1004) },
  { idNumber: "640521199511300531", name: "周某戊（示例）", address: "宁夏回族自治区中卫市中宁县示例路 1005 号" },
  { idNumber: "640502200102210646", name: "吴某己（示例）", address: addr(1006) },
  { idNumber: "640522197306120758", name: "郑某庚（示例）", address: "宁夏回族自治区中卫市海原县示例路 1007 号" },
  { idNumber: "640502198808080863", name: "王某辛（示例）", address: addr(1008), phone: "13900000008" },
  { idNumber: "640502196903170972", name: "冯某壬（示例）", address: addr(1009) },
  { idNumber: "640502199909091080", name: "陈某癸（示例）", address: addr(1010) },
] satisfies NonNullable<EntitiesInput["persons"]>;

/**
 * 示例违法记录 — a few violations handled by the two bureaus, each citing the article that
 * describes the act: 价格违法行为行政处罚规定 Arts. 13, 14 (market regulation); 律师法
 * Art. 55 and 法律援助法 Arts. 64, 65 (justice bureau). The supermarket's first price-tag
 * violation went unpunished (首违不罚, 行政处罚法 Art. 33 para. 1); its second did not.
 */
export const SAMPLE_VIOLATIONS = [
  {
    partyKind: "organisation",
    partyId: "91640502MA76YL102M",
    caseId: "沙市监处〔2024〕21号",
    actDate: "2024-05-10",
    violationCode: "JG-13-1",
    basis: { law: "价格违法行为行政处罚规定", article: 13, item: 1 },
    outcome: "firstViolationExempt",
    decisionDate: "2024-05-20",
    bureau: MARKET,
  },
  {
    partyKind: "organisation",
    partyId: "91640502MA76YL102M",
    caseId: "沙市监处〔2025〕8号",
    actDate: "2025-02-20",
    violationCode: "JG-13-1",
    basis: { law: "价格违法行为行政处罚规定", article: 13, item: 1 },
    outcome: "penalty",
    decisionDate: "2025-04-15",
    bureau: MARKET,
  },
  {
    partyKind: "organisation",
    partyId: "91640502MA76YL103Q",
    caseId: "沙市监处〔2025〕12号",
    actDate: "2025-04-02",
    violationCode: "JG-13-3",
    basis: { law: "价格违法行为行政处罚规定", article: 13, item: 3 },
    outcome: "penalty",
    decisionDate: "2025-06-10",
    bureau: MARKET,
  },
  {
    partyKind: "organisation",
    partyId: "92640502MA76YL203B",
    caseId: "沙市监处〔2025〕15号",
    actDate: "2025-05-06",
    violationCode: "JG-14",
    basis: { law: "价格违法行为行政处罚规定", article: 14 },
    outcome: "penalty",
    decisionDate: "2025-05-30",
    bureau: MARKET,
  },
  {
    partyKind: "person",
    partyId: "640502198808080863",
    caseId: "沙司罚〔2025〕1号",
    actDate: "2025-01-15",
    violationCode: "SF-LSF-55",
    basis: { law: "律师法", article: 55 },
    outcome: "penalty",
    decisionDate: "2025-03-20",
    bureau: JUSTICE,
  },
  {
    partyKind: "person",
    partyId: "640502196903170972",
    caseId: "沙司罚〔2025〕2号",
    actDate: "2025-03-03",
    violationCode: "SF-FLYZ-65",
    basis: { law: "法律援助法", article: 65 },
    outcome: "penalty",
    decisionDate: "2025-05-12",
    bureau: JUSTICE,
  },
  {
    partyKind: "person",
    partyId: "640521199511300531",
    caseId: "沙司罚〔2025〕3号",
    actDate: "2025-06-18",
    violationCode: "SF-FLYZ-64",
    basis: { law: "法律援助法", article: 64 },
    outcome: "pending",
    bureau: JUSTICE,
  },
] satisfies NonNullable<EntitiesInput["violations"]>;

/** 示例市场主体库 — the sample organisations, persons and violations, ready for `createEntitiesRegistry`. */
export const SAMPLE_ENTITIES: EntitiesInput = {
  organisations: SAMPLE_ORGANISATIONS,
  persons: SAMPLE_PERSONS,
  violations: SAMPLE_VIOLATIONS,
};
