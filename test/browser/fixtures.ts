// INVENTED DATA — every body, officer, party, number and decision below is made up for the
// browser tests of the public site. Names carry 示例 / 虚构 so that no reader mistakes them for
// real disclosures. The shapes are the real ones (PublishedItemSchema / WithdrawalNoticeSchema
// of @sanxiang/core), and every item is parsed through them before use.
import {
  type DisclosureContent,
  disclosureContentHash,
  type PublishedItem,
  PublishedItemSchema,
  type RuleSource,
  type WithdrawalNotice,
  WithdrawalNoticeSchema,
} from "@sanxiang/core";

// Cited as packages/core/src/calendar/periods.ts cites it.
const GUIDANCE_118 = "国办发〔2018〕118号";
const GUIDANCE_118_URL = "https://news.shi-fen.com/china/201901/50-148393.html";
/** 国办发〔2018〕118号 — the before / during / after disclosure duties. */
const SOURCE_118: RuleSource = { law: GUIDANCE_118, confidence: "C", url: GUIDANCE_118_URL };
/** 行政处罚法 Art. 34 — discretion benchmarks are published. */
const SOURCE_BENCHMARK: RuleSource = { law: "行政处罚法", article: 34, confidence: "C-law" };
/** 行政处罚法 Art. 48 para. 1 — penalty decisions with social impact are published. */
const SOURCE_PENALTY: RuleSource = { law: "行政处罚法", article: 48, paragraph: 1, confidence: "C-law" };
/** 行政处罚法 Art. 48 para. 2 — a changed or revoked decision is withdrawn with a public reason. */
const SOURCE_WITHDRAWAL: RuleSource = { law: "行政处罚法", article: 48, paragraph: 2, confidence: "C-law" };

/** The build's clock: every fixture instant is before it. */
export const FIXTURE_NOW = "2026-11-20T02:00:00.000Z";

/** The site's configuration (an invented bureau). */
export const FIXTURE_SITE = {
  title: "示例区行政执法公示平台（测试用虚构数据）",
  bureauName: "示例区人民政府（虚构）",
  baseUrl: "https://gongshi.example.gov.cn/",
  description: "浏览器测试用的虚构公示数据，并非真实执法信息。",
} as const;

const BODY_ID = "body-example-amr";
const BODY_NAME = "示例区市场监督管理局（虚构）";

/** The hostile strings of the brief: none of them may ever execute, all must show as text. */
export const HOSTILE = [
  "<script>window.__pwned=1</script>",
  '"><img src=x onerror="window.__pwned=1">',
  "<svg onload=window.__pwned=1>",
  "javascript:window.__pwned=1",
  "</title><script>window.__pwned=1</script>",
] as const;

interface Meta {
  readonly id: string;
  readonly title: string;
  readonly publishedAt: string;
  readonly source: RuleSource;
  readonly bodyName?: string;
  readonly version?: number;
  readonly updatedAt?: string;
  readonly corrections?: PublishedItem["corrections"];
  readonly publicUntil?: string;
}

const PHASE_OF = {
  body: "before",
  officer: "before",
  power: "before",
  serviceGuide: "before",
  flowchart: "before",
  inspectionItem: "before",
  benchmark: "before",
  enforcementAct: "during",
  decision: "after",
} as const;

function item(meta: Meta, content: DisclosureContent): PublishedItem {
  return PublishedItemSchema.parse({
    id: meta.id,
    kind: content.kind,
    phase: PHASE_OF[content.kind],
    title: meta.title,
    bodyId: BODY_ID,
    bodyName: meta.bodyName ?? BODY_NAME,
    content,
    contentHash: disclosureContentHash(content),
    version: meta.version ?? 1,
    publishedAt: meta.publishedAt,
    updatedAt: meta.updatedAt ?? meta.publishedAt,
    corrections: meta.corrections ?? [],
    ...(meta.publicUntil === undefined ? {} : { publicUntil: meta.publicUntil }),
    source: meta.source,
  });
}

// ---------------------------------------------------------------------------------------
// Ordinary items: one per kind (decisions in four categories), invented but plausible.
// ---------------------------------------------------------------------------------------

const body = item(
  { id: "body-amr", title: `${BODY_NAME}执法主体信息`, publishedAt: "2026-01-05T01:00:00.000Z", source: SOURCE_118 },
  {
    kind: "body",
    name: BODY_NAME,
    nature: "行政机关",
    authority: ["《中华人民共和国行政处罚法》第十八条", "《中华人民共和国食品安全法》第六条"],
    categories: ["行政处罚", "行政检查", "行政强制", "行政许可"],
    address: "示例区示例大道1号（虚构地址）",
    phone: "0000-12345",
  },
);

const officer = item(
  { id: "officer-zhang", title: "执法人员 张示例", publishedAt: "2026-01-05T01:10:00.000Z", source: SOURCE_118 },
  {
    kind: "officer",
    name: "张示例",
    bodyName: BODY_NAME,
    certificateNumber: "示例62050000001",
    categories: ["市场监管综合执法"],
    post: "执法大队队员",
    validUntil: "2026-12-31",
  },
);

const officer2 = item(
  { id: "officer-li", title: "执法人员 李虚构", publishedAt: "2026-01-05T01:11:00.000Z", source: SOURCE_118 },
  {
    kind: "officer",
    name: "李虚构",
    bodyName: BODY_NAME,
    certificateNumber: "示例62050000002",
    categories: ["市场监管综合执法", "食品安全"],
  },
);

const power = item(
  {
    id: "power-food-licence",
    title: "权责清单：食品经营许可（示例）",
    publishedAt: "2026-01-06T01:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "power",
    code: "SL-000101（示例编码）",
    name: "食品经营许可（示例）",
    powerKind: "行政许可",
    basis: ["《中华人民共和国食品安全法》第三十五条"],
    bodyName: BODY_NAME,
    unit: "行政审批科（虚构）",
    supervision: "向示例区司法局投诉举报（虚构）",
    supervisionPhone: "0000-12315",
    accountability: ["对符合条件的申请不予受理的", "超过法定期限作出许可决定的"],
  },
);

const serviceGuide = item(
  {
    id: "guide-food-licence",
    title: "服务指南：食品经营许可（示例）",
    publishedAt: "2026-01-06T02:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "serviceGuide",
    itemCode: "SL-000101（示例编码）",
    name: "食品经营许可（示例）",
    basis: ["《中华人民共和国食品安全法》第三十五条"],
    acceptingBody: "示例区政务服务中心（虚构）",
    approvingBody: BODY_NAME,
    conditions: ["有与经营的食品品种、数量相适应的经营场所", "有食品安全专业技术人员"],
    materials: ["食品经营许可申请书", "营业执照复印件"],
    process: ["申请", "受理", "审查", "决定", "送达"],
    timeLimit: "10个工作日",
    supervision: "示例区司法局（虚构）",
    officeHours: "工作日 9:00—12:00，13:30—17:00",
    address: "示例区示例大道2号（虚构地址）",
    phone: "0000-12346",
  },
);

const flowchart = item(
  {
    id: "flow-penalty-ordinary",
    title: "行政处罚普通程序流程图",
    publishedAt: "2026-01-07T01:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "flowchart",
    name: "行政处罚普通程序",
    chart: {
      procedure: "penalty.ordinary",
      steps: [
        { id: "file", name: "立案" },
        { id: "investigate", name: "调查取证" },
        { id: "review", name: "审查" },
        { id: "notify", name: "告知" },
        { id: "decide", name: "决定" },
        { id: "serve", name: "送达" },
        { id: "close", name: "结案" },
      ],
      transitions: [
        { from: "file", to: "investigate", label: "立案审批通过" },
        { from: "investigate", to: "review", label: "调查终结" },
        { from: "review", to: "notify", label: "拟作出处罚" },
        { from: "notify", to: "decide", label: "陈述申辩期满" },
        { from: "decide", to: "serve", label: "决定书制作完成" },
        { from: "serve", to: "close", label: "执行完毕" },
      ],
    },
  },
);

const inspectionItem = item(
  {
    id: "inspect-food",
    title: "随机抽查事项：食品经营者监督检查（示例）",
    publishedAt: "2026-01-08T01:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "inspectionItem",
    code: "CC-0001（示例编码）",
    name: "食品经营者监督检查（示例）",
    subItem: "经营条件检查",
    bodyName: BODY_NAME,
    targets: "辖区内食品经营者",
    basis: ["《中华人民共和国食品安全法》第一百一十条"],
    methods: ["现场检查", "书面检查"],
    ratio: "5%",
    timesPerYear: 1,
  },
);

const benchmark = item(
  {
    id: "bench-no-licence",
    title: "裁量基准：未取得食品经营许可从事经营（示例）",
    publishedAt: "2026-01-09T01:00:00.000Z",
    source: SOURCE_BENCHMARK,
  },
  {
    kind: "benchmark",
    name: "未取得食品经营许可从事食品经营活动（示例）",
    basis: ["《中华人民共和国食品安全法》第一百二十二条"],
    tiers: [
      { circumstance: "初次违法且货值金额不足一万元", penalty: "没收违法所得，并处五万元以上七万元以下罚款" },
      { circumstance: "货值金额一万元以上", penalty: "并处货值金额十倍以上十五倍以下罚款" },
    ],
  },
);

const enforcementAct = item(
  {
    id: "act-inspection-1",
    title: "现场检查：示例便利店（虚构）",
    publishedAt: "2026-11-03T03:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "enforcementAct",
    act: "现场检查",
    actOn: "2026-11-02",
    officers: [
      { name: "张示例", certificateNumber: "示例62050000001" },
      { name: "李虚构", certificateNumber: "示例62050000002" },
    ],
    documents: ["现场检查笔录", "责令改正通知书 示市监责改〔2026〕12号（虚构）"],
    party: { kind: "organisation", name: "示例便利店有限公司（虚构）", creditCode: "91000000MA0EXAMPL1" },
  },
);

/** The decision the search test looks for (by party and by matter). */
export const SEARCH_TARGET = {
  id: "dec-penalty-nov",
  party: "虚构示例餐饮有限公司",
  matter: "未按规定公示食品经营许可证",
} as const;

const decisionNov = item(
  {
    id: SEARCH_TARGET.id,
    title: `${SEARCH_TARGET.party}行政处罚决定`,
    publishedAt: "2026-11-12T02:00:00.000Z",
    source: SOURCE_PENALTY,
    publicUntil: "2026-12-31",
  },
  {
    kind: "decision",
    category: "penalty",
    documentNumber: "示市监处罚〔2026〕101号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "organisation", name: SEARCH_TARGET.party, creditCode: "91000000MA0EXAMPL2" },
    matter: SEARCH_TARGET.matter,
    facts: "当事人在经营场所未将食品经营许可证悬挂于醒目位置（虚构事实）。",
    basis: ["《中华人民共和国食品安全法》第一百二十六条"],
    conclusion: "警告，并处罚款人民币伍仟元整",
    fineFen: 500_000,
    decidedOn: "2026-11-10",
  },
);

const decisionOct = item(
  {
    id: "dec-penalty-oct",
    title: "示例超市（虚构）行政处罚决定",
    publishedAt: "2026-10-15T02:00:00.000Z",
    source: SOURCE_PENALTY,
  },
  {
    kind: "decision",
    category: "penalty",
    documentNumber: "示市监处罚〔2026〕88号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "organisation", name: "示例超市有限公司（虚构）", creditCode: "91000000MA0EXAMPL3" },
    matter: "销售超过保质期的食品",
    basis: ["《中华人民共和国食品安全法》第一百二十四条"],
    conclusion: "没收违法所得，并处罚款",
    fineFen: 5_000_000,
    confiscationFen: 12_345,
    decidedOn: "2026-10-12",
  },
);

const decisionLicence = item(
  {
    id: "dec-licence-1",
    title: "示例面包坊（虚构）食品经营许可决定",
    publishedAt: "2026-11-05T02:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "decision",
    category: "licence",
    documentNumber: "示市监许〔2026〕7号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "organisation", name: "示例面包坊（虚构）" },
    matter: "食品经营许可",
    basis: ["《中华人民共和国食品安全法》第三十五条"],
    conclusion: "准予许可",
    decidedOn: "2026-11-04",
  },
);

const decisionCoercion = item(
  {
    id: "dec-coercion-1",
    title: "示例冷库（虚构）查封决定",
    publishedAt: "2026-09-20T02:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "decision",
    category: "coercion",
    documentNumber: "示市监强〔2026〕3号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "organisation", name: "示例冷库有限公司（虚构）" },
    matter: "涉嫌储存来源不明的冷冻肉品",
    basis: ["《中华人民共和国行政强制法》第二十五条"],
    conclusion: "查封冷库一间，期限三十日",
    decidedOn: "2026-09-18",
  },
);

const decisionInspection = item(
  {
    id: "dec-inspection-1",
    title: "示例药店（虚构）检查结果",
    publishedAt: "2026-08-20T02:00:00.000Z",
    source: SOURCE_118,
  },
  {
    kind: "decision",
    category: "inspection",
    documentNumber: "示市监查〔2026〕15号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "person", name: "王某" },
    matter: "药品经营质量管理规范检查",
    basis: ["《中华人民共和国药品管理法》第九十九条"],
    conclusion: "未发现问题",
    decidedOn: "2026-08-18",
  },
);

/** A corrected decision: version 2, with the public note of its correction (纠错). */
export const CORRECTED_ID = "dec-penalty-corrected";
const decisionCorrected = item(
  {
    id: CORRECTED_ID,
    title: "示例茶庄（虚构）行政处罚决定",
    publishedAt: "2026-10-20T02:00:00.000Z",
    updatedAt: "2026-10-22T06:30:00.000Z",
    version: 2,
    corrections: [{ at: "2026-10-22T06:30:00.000Z", reason: "更正罚款金额的笔误（虚构更正）" }],
    source: SOURCE_PENALTY,
  },
  {
    kind: "decision",
    category: "penalty",
    documentNumber: "示市监处罚〔2026〕95号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "organisation", name: "示例茶庄（虚构）" },
    matter: "销售标签不符合规定的预包装食品",
    basis: ["《中华人民共和国食品安全法》第一百二十五条"],
    conclusion: "责令改正，并处罚款人民币叁仟元整",
    fineFen: 300_000,
    decidedOn: "2026-10-19",
  },
);

/** The withdrawn decision: published once, then withdrawn (行政处罚法 Art. 48 para. 2). */
export const WITHDRAWN = {
  id: "dec-penalty-withdrawn",
  party: "撤回测试商贸有限公司",
  title: "撤回测试商贸有限公司（虚构）行政处罚决定",
} as const;

/** The withdrawn decision as it was published before its withdrawal. */
export const WITHDRAWN_ITEM: PublishedItem = item(
  { id: WITHDRAWN.id, title: WITHDRAWN.title, publishedAt: "2026-10-28T02:00:00.000Z", source: SOURCE_PENALTY },
  {
    kind: "decision",
    category: "penalty",
    documentNumber: "示市监处罚〔2026〕99号（虚构）",
    agencyName: BODY_NAME,
    party: { kind: "organisation", name: `${WITHDRAWN.party}（虚构）` },
    matter: "虚假宣传",
    basis: ["《中华人民共和国反不正当竞争法》第二十条"],
    conclusion: "罚款人民币贰万元整",
    fineFen: 2_000_000,
    decidedOn: "2026-10-26",
  },
);

/** Its withdrawal notice. */
export const WITHDRAWAL: WithdrawalNotice = WithdrawalNoticeSchema.parse({
  id: WITHDRAWN.id,
  kind: "decision",
  title: WITHDRAWN.title,
  bodyName: BODY_NAME,
  withdrawnAt: "2026-11-06T08:00:00.000Z",
  reason: "该行政处罚决定已被复议机关撤销（虚构理由）",
  source: SOURCE_WITHDRAWAL,
});

// ---------------------------------------------------------------------------------------
// Hostile items: one per kind, every string field (title, body name and every string of
// the content) is one of the HOSTILE values, in turn.
// ---------------------------------------------------------------------------------------

function hostileCycle(): () => string {
  let i = 0;
  return () => HOSTILE[i++ % HOSTILE.length] ?? HOSTILE[0];
}

const HOSTILE_TITLE = HOSTILE[4];

function hostile(id: string, source: RuleSource, make: (h: () => string) => DisclosureContent): PublishedItem {
  const h = hostileCycle();
  return item(
    { id, title: HOSTILE_TITLE, bodyName: HOSTILE[1], publishedAt: "2026-11-15T02:00:00.000Z", source },
    make(h),
  );
}

/** One hostile item per content kind; the tests open each page and look for the payloads. */
export const HOSTILE_ITEMS: readonly PublishedItem[] = [
  hostile("hostile-body", SOURCE_118, (h) => ({
    kind: "body",
    name: h(),
    nature: h(),
    authority: [h(), h()],
    categories: [h(), h()],
    address: h(),
    phone: h(),
  })),
  hostile("hostile-officer", SOURCE_118, (h) => ({
    kind: "officer",
    name: h(),
    bodyName: h(),
    certificateNumber: h(),
    categories: [h()],
    post: h(),
    validUntil: "2026-12-31",
  })),
  hostile("hostile-power", SOURCE_118, (h) => ({
    kind: "power",
    code: h(),
    name: h(),
    powerKind: h(),
    basis: [h()],
    bodyName: h(),
    unit: h(),
    supervision: h(),
    supervisionPhone: h(),
    accountability: [h(), h()],
  })),
  hostile("hostile-guide", SOURCE_118, (h) => ({
    kind: "serviceGuide",
    itemCode: h(),
    name: h(),
    basis: [h()],
    acceptingBody: h(),
    approvingBody: h(),
    conditions: [h()],
    materials: [h()],
    process: [h()],
    timeLimit: h(),
    supervision: h(),
    officeHours: h(),
    address: h(),
    phone: h(),
  })),
  hostile("hostile-flowchart", SOURCE_118, (h) => {
    const [a, b, c] = [h(), h(), h()];
    return {
      kind: "flowchart",
      name: h(),
      chart: {
        procedure: h(),
        steps: [
          { id: a, name: h() },
          { id: b, name: h() },
          { id: c, name: h() },
        ],
        transitions: [
          { from: a, to: b, label: h() },
          { from: b, to: c, label: h() },
        ],
      },
    };
  }),
  hostile("hostile-inspection", SOURCE_118, (h) => ({
    kind: "inspectionItem",
    code: h(),
    name: h(),
    subItem: h(),
    bodyName: h(),
    targets: h(),
    basis: [h()],
    methods: [h()],
    ratio: h(),
    timesPerYear: 2,
  })),
  hostile("hostile-benchmark", SOURCE_BENCHMARK, (h) => ({
    kind: "benchmark",
    name: h(),
    basis: [h()],
    tiers: [
      { circumstance: h(), penalty: h() },
      { circumstance: h(), penalty: h() },
    ],
  })),
  hostile("hostile-act", SOURCE_118, (h) => ({
    kind: "enforcementAct",
    act: h(),
    actOn: "2026-11-14",
    officers: [{ name: h(), certificateNumber: h() }],
    documents: [h(), h()],
    party: { kind: "organisation", name: h(), creditCode: h() },
  })),
  hostile("hostile-decision", SOURCE_PENALTY, (h) => ({
    kind: "decision",
    category: "penalty",
    documentNumber: h(),
    agencyName: h(),
    party: { kind: "organisation", name: h(), creditCode: h() },
    matter: h(),
    facts: h(),
    basis: [h(), h()],
    conclusion: h(),
    fineFen: 100,
    decidedOn: "2026-11-13",
  })),
];

/** The ordinary items, one or more per kind (each kind's first one is the page screenshotted). */
export const ORDINARY_ITEMS: readonly PublishedItem[] = [
  body,
  officer,
  officer2,
  power,
  serviceGuide,
  flowchart,
  inspectionItem,
  benchmark,
  enforcementAct,
  decisionNov,
  decisionOct,
  decisionLicence,
  decisionCoercion,
  decisionInspection,
  decisionCorrected,
];

/** Everything the build receives: ordinary and hostile items. */
export const FIXTURE_ITEMS: readonly PublishedItem[] = [...ORDINARY_ITEMS, ...HOSTILE_ITEMS];

/** The withdrawals the build receives. */
export const FIXTURE_WITHDRAWALS: readonly WithdrawalNotice[] = [WITHDRAWAL];

/** The party of {@link monthlyDecisions}: one invented shop, fined once a month. */
export const MONTHLY_PARTY = "示例分批检索商贸有限公司（虚构）";

/**
 * `months` invented penalty decisions against {@link MONTHLY_PARTY}, one a month going back
 * from 2026-11 (day 8 of each month): a site with one shard per month, for the progressive
 * search test.
 */
export function monthlyDecisions(months: number): PublishedItem[] {
  return Array.from({ length: months }, (_, i) => {
    const total = 2026 * 12 + 10 - i;
    const month = `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
    return item(
      {
        id: `dec-monthly-${month}`,
        title: `${MONTHLY_PARTY}行政处罚决定（${month}）`,
        publishedAt: `${month}-09T02:00:00.000Z`,
        source: SOURCE_PENALTY,
      },
      {
        kind: "decision",
        category: "penalty",
        documentNumber: `示市监处罚〔${month.slice(0, 4)}〕${900 + i}号（虚构）`,
        agencyName: BODY_NAME,
        party: { kind: "organisation", name: MONTHLY_PARTY },
        matter: "未按规定公示信息",
        basis: ["《中华人民共和国行政处罚法》第四十八条"],
        conclusion: "警告",
        decidedOn: `${month}-08`,
      },
    );
  });
}
