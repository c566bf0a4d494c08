import type {
  BodiesDataInput,
  BodyInput,
  CertificateIssuer,
  OfficerInput,
  TrainingRecord,
} from "@sanxiang/core/registry";

// 示例执法主体及人员 — the bodies are real agencies (the pilot plan's 中卫市沙坡头区司法局,
// its superior 中卫市司法局, and 中卫市沙坡头区市场监督管理局); their authority cites real
// articles of the statutes the laws registry ships. Every officer, certificate number, legal
// qualification number, address and phone number is invented. No national certificate
// number format exists (provinces print their own certificates), so the sample issuer's
// pattern is this sample's own.

const JUSTICE = "spt-sfj";
const CITY_JUSTICE = "zw-sfj";
const MARKET = "spt-scjgj";
const SPT = "640502";
const ZW = "640500";

/** 示例发证机关 — one provincial issuer; the number pattern (12 digits from 64) is invented. */
export const SAMPLE_CERTIFICATE_ISSUERS: readonly CertificateIssuer[] = [
  {
    id: "nx-gov",
    name: "宁夏回族自治区人民政府",
    pattern: "64\\d{10}",
    note: "示例证号格式（虚构）：区划代码六位 + 年份两位 + 顺序号四位",
  },
];

/**
 * 示例执法主体 — 中卫市司法局 (penalties on lawyers, law firms and notaries lie with the
 * 设区的市 bureau: 律师法 Arts. 47–50, 公证法 Arts. 41–42), 中卫市沙坡头区司法局 (daily
 * supervision and 律师法 Art. 55, legal aid) and 中卫市沙坡头区市场监督管理局 (price
 * supervision, penalty publicity, 双随机 inspection).
 */
export const SAMPLE_BODIES: readonly BodyInput[] = [
  {
    id: CITY_JUSTICE,
    name: "中卫市司法局",
    kind: "agency",
    authority: [
      { law: "律师法", article: 47 },
      { law: "律师法", article: 48 },
      { law: "律师法", article: 49 },
      { law: "律师法", article: 50 },
      { law: "公证法", article: 41 },
      { law: "公证法", article: 42 },
    ],
    regionCode: ZW,
    categories: ["律师管理", "公证管理", "法律援助"],
    address: "宁夏回族自治区中卫市示例大道 1 号（示例）",
    phone: "0955-0000001",
    effectiveFrom: "2019-01-01",
  },
  {
    id: JUSTICE,
    name: "中卫市沙坡头区司法局",
    kind: "agency",
    authority: [
      { law: "律师法", article: 52, paragraph: 1 },
      { law: "律师法", article: 55 },
      { law: "法律援助法", article: 5 },
      { law: "法律援助法", article: 12 },
      { law: "法律援助法", article: 64 },
      { law: "法律援助法", article: 65 },
      { law: "人民调解法", article: 5, paragraph: 1 },
    ],
    regionCode: SPT,
    parentId: CITY_JUSTICE,
    categories: ["律师管理", "法律援助", "人民调解"],
    address: "宁夏回族自治区中卫市沙坡头区示例路 8 号（示例）",
    phone: "0955-0000002",
    effectiveFrom: "2019-01-01",
  },
  {
    id: MARKET,
    name: "中卫市沙坡头区市场监督管理局",
    kind: "agency",
    authority: [
      { law: "价格违法行为行政处罚规定", article: 2 },
      { law: "价格违法行为行政处罚规定", article: 3 },
      { law: "市场监督管理行政处罚信息公示规定", article: 2, paragraph: 1 },
      { law: "优化营商环境条例", article: 54, paragraph: 1 },
    ],
    regionCode: SPT,
    categories: ["价格监督检查", "信用监管"],
    address: "宁夏回族自治区中卫市沙坡头区示例街 18 号（示例）",
    phone: "0955-0000003",
    effectiveFrom: "2019-01-01",
  },
];

interface OfficerSeed {
  readonly id: string;
  readonly name: string;
  readonly body: string;
  readonly cert: string;
  readonly categories: readonly string[];
  readonly until?: string;
  readonly extra?: Partial<OfficerInput>;
}

function officer(s: OfficerSeed): OfficerInput {
  return {
    id: s.id,
    name: s.name,
    bodyId: s.body,
    certificateNumber: s.cert,
    issuerId: "nx-gov",
    categories: [...s.categories],
    regions: [s.body === CITY_JUSTICE ? ZW : SPT],
    validFrom: "2023-01-01",
    validUntil: s.until ?? "2027-12-31",
    status: "active",
    effectiveFrom: "2023-01-01",
    ...s.extra,
  };
}

const J = ["律师管理", "法律援助", "人民调解"];
const M = ["价格监督检查", "信用监管"];

/**
 * 示例执法人员 (all invented) — six per district bureau (and the market bureau's head, its
 * 正职负责人) and, for the city bureau, its head and two officers. In each district bureau: one certificate expired
 * on 2025-06-30, one legal reviewer holding the 法律职业资格, and one officer whose status
 * changed (离岗 / 暂扣) — a new version. The justice bureau's 副局长 is its 副职负责人.
 */
export const SAMPLE_OFFICERS: readonly OfficerInput[] = [
  officer({
    id: "spt-sfj-01",
    name: "周立新",
    body: JUSTICE,
    cert: "640502230001",
    categories: J,
    extra: { post: "副局长", unit: "综合业务室", leadership: "deputy" },
  }),
  officer({
    id: "spt-sfj-02",
    name: "马丽娟",
    body: JUSTICE,
    cert: "640502230002",
    categories: J,
    extra: { post: "科员", unit: "综合业务室" },
  }),
  officer({
    id: "spt-sfj-03",
    name: "王志刚",
    body: JUSTICE,
    cert: "640502200003",
    categories: J,
    until: "2025-06-30",
    extra: { validFrom: "2020-07-01", effectiveFrom: "2020-07-01", post: "科员", unit: "综合业务室" },
  }),
  officer({
    id: "spt-sfj-04",
    name: "李静",
    body: JUSTICE,
    cert: "640502230004",
    categories: J,
    extra: {
      post: "法制审核员",
      unit: "办公室",
      reviewer: true,
      reviewerSince: "2021-09-01",
      legalQualification: "A20196405020017",
    },
  }),
  officer({
    id: "spt-sfj-05",
    name: "杨帆",
    body: JUSTICE,
    cert: "640502230005",
    categories: J,
    extra: { post: "科员", unit: "综合业务室", effectiveUntil: "2025-03-01" },
  }),
  officer({
    id: "spt-sfj-05",
    name: "杨帆",
    body: JUSTICE,
    cert: "640502230005",
    categories: J,
    extra: { post: "科员", unit: "综合业务室", status: "away", effectiveFrom: "2025-03-01" },
  }),
  officer({
    id: "spt-sfj-06",
    name: "赵磊",
    body: JUSTICE,
    cert: "640502230006",
    categories: ["法律援助", "人民调解"],
    extra: { post: "科员", unit: "法律援助中心" },
  }),

  // The city bureau's head (局长, 正职负责人): signs off its own disclosures (谁履职、谁公示).
  officer({
    id: "zw-sfj-head",
    name: "马建华",
    body: CITY_JUSTICE,
    cert: "640500230100",
    categories: ["律师管理", "公证管理"],
    extra: { post: "局长", leadership: "principal" },
  }),
  officer({
    id: "zw-sfj-01",
    name: "孙建国",
    body: CITY_JUSTICE,
    cert: "640500230001",
    categories: ["律师管理", "公证管理"],
    extra: { post: "科长", unit: "律师工作科" },
  }),
  officer({
    id: "zw-sfj-02",
    name: "刘慧",
    body: CITY_JUSTICE,
    cert: "640500230002",
    categories: ["律师管理", "公证管理"],
    extra: { post: "科员", unit: "律师工作科" },
  }),

  // The bureau's head (局长, 正职负责人): a claimed `head` role is checked against the registry.
  officer({
    id: "spt-scj-head",
    name: "杨建国",
    body: MARKET,
    cert: "640502230100",
    categories: M,
    extra: { post: "局长", leadership: "principal" },
  }),
  officer({
    id: "spt-scj-01",
    name: "陈海龙",
    body: MARKET,
    cert: "640502230101",
    categories: M,
    extra: { post: "股长", unit: "价格监督检查股" },
  }),
  officer({
    id: "spt-scj-02",
    name: "黄晓燕",
    body: MARKET,
    cert: "640502230102",
    categories: M,
    extra: { post: "科员", unit: "价格监督检查股" },
  }),
  officer({
    id: "spt-scj-03",
    name: "吴鹏",
    body: MARKET,
    cert: "640502200103",
    categories: M,
    until: "2025-06-30",
    extra: { validFrom: "2020-07-01", effectiveFrom: "2020-07-01", post: "科员", unit: "价格监督检查股" },
  }),
  officer({
    id: "spt-scj-04",
    name: "郭婷",
    body: MARKET,
    cert: "640502230104",
    categories: M,
    extra: {
      post: "法制审核员",
      unit: "法规股",
      reviewer: true,
      reviewerSince: "2022-03-01",
      legalQualification: "A20206405020031",
    },
  }),
  officer({
    id: "spt-scj-05",
    name: "何军",
    body: MARKET,
    cert: "640502230105",
    categories: M,
    extra: { post: "科员", unit: "信用监管股", effectiveUntil: "2025-09-01" },
  }),
  officer({
    id: "spt-scj-05",
    name: "何军",
    body: MARKET,
    cert: "640502230105",
    categories: M,
    extra: { post: "科员", unit: "信用监管股", status: "suspended", effectiveFrom: "2025-09-01" },
  }),
  officer({
    id: "spt-scj-06",
    name: "罗斌",
    body: MARKET,
    cert: "640502230106",
    categories: ["信用监管"],
    extra: { post: "科员", unit: "信用监管股" },
  }),
];

/** 示例培训记录 (2025; invented sessions). */
export const SAMPLE_TRAINING: readonly TrainingRecord[] = [
  ...["spt-sfj-01", "spt-sfj-02", "spt-sfj-04", "spt-scj-01", "spt-scj-04"].flatMap((officerId) => [
    { officerId, date: "2025-03-18", course: "行政处罚法专题培训", hours: 24, organiser: "中卫市司法局" },
    { officerId, date: "2025-06-10", course: "行政执法三项制度实务", hours: 16, organiser: "中卫市司法局" },
    { officerId, date: "2025-10-21", course: "执法文书制作与案卷评查", hours: 20, organiser: "中卫市司法局" },
  ]),
  { officerId: "spt-sfj-06", date: "2025-03-18", course: "行政处罚法专题培训", hours: 24, organiser: "中卫市司法局" },
  { officerId: "spt-scj-02", date: "2025-05-12", course: "价格监督检查业务培训", hours: 12.5 },
];

/** 示例执法主体及人员数据 — loads with `createBodiesRegistry(SAMPLE_BODIES_DATA)`. */
export const SAMPLE_BODIES_DATA: BodiesDataInput = {
  issuers: SAMPLE_CERTIFICATE_ISSUERS.map((i) => ({ ...i })),
  bodies: SAMPLE_BODIES.map((b) => ({ ...b })),
  officers: SAMPLE_OFFICERS.map((o) => ({ ...o })),
  training: SAMPLE_TRAINING.map((t) => ({ ...t })),
};
