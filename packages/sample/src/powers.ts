import type { InspectionItem, PowerItem, PowersDataInput, ServiceGuideInput } from "@sanxiang/core/registry";

// 示例权责清单 — items of the sample bodies (see ./bodies.ts). Every basis cites a real article
// of the statutes the laws registry ships, checked by powers.test.ts against the texts. Item codes,
// units' phone numbers, addresses, office hours and sampling ratios are this sample's own.

const JUSTICE = "spt-sfj";
const CITY_JUSTICE = "zw-sfj";
const MARKET = "spt-scjgj";
const FROM = "2019-01-01";
const HOTLINE = "12345政务服务便民热线";

/** 行政处罚法 Art. 76 para. 1 items (1), (2), (3), (5): when those responsible are disciplined. */
const PENALTY_ACCOUNTABILITY = [
  "没有法定的行政处罚依据的",
  "擅自改变行政处罚种类、幅度的",
  "违反法定的行政处罚程序的",
  "执法人员未取得执法证件的",
];
const DUTY_ACCOUNTABILITY = ["不履行或者不正确履行法定职责的", "滥用职权、玩忽职守、徇私舞弊的"];

function penalty(
  code: string,
  name: string,
  bodyId: string,
  unit: string,
  basis: PowerItem["basis"],
  note?: string,
): PowerItem {
  return {
    code,
    name,
    kind: "penalty",
    basis,
    bodyId,
    unit,
    procedure: "penalty.ordinary",
    supervision:
      bodyId === MARKET
        ? "向中卫市市场监督管理局或者中卫市沙坡头区人民政府投诉举报"
        : "向上一级司法行政部门或者本级人民政府投诉举报",
    supervisionPhone: HOTLINE,
    accountability: PENALTY_ACCOUNTABILITY,
    ...(note === undefined ? {} : { note }),
    effectiveFrom: FROM,
  };
}

function other(
  code: string,
  name: string,
  kind: PowerItem["kind"],
  bodyId: string,
  unit: string,
  basis: PowerItem["basis"],
  note?: string,
): PowerItem {
  return {
    code,
    name,
    kind,
    basis,
    bodyId,
    unit,
    supervision: "向上一级主管部门或者本级人民政府投诉举报",
    supervisionPhone: HOTLINE,
    accountability: DUTY_ACCOUNTABILITY,
    ...(note === undefined ? {} : { note }),
    effectiveFrom: FROM,
  };
}

const PRICE = "价格违法行为行政处罚规定";
const PUBLICITY = "市场监督管理行政处罚信息公示规定";
const PRICE_NOTE = "价格违法行为行政处罚规定所称价格主管部门的价格监督检查职责，现由市场监督管理部门承担";

/**
 * 示例权责清单事项 — 19 items: the district justice bureau (律师法 Arts. 52, 55; 法律援助法
 * Arts. 31–32, 43, 49, 64, 65), the city justice bureau (律师法 Arts. 47, 48, 50; 公证法
 * Arts. 41, 42 — powers the statutes give to the 设区的市 bureau) and the market-regulation
 * bureau (价格违法行为行政处罚规定 Arts. 2, 7, 9, 13–15; 市场监督管理行政处罚信息公示规定
 * Arts. 2, 9, 13, 14; 优化营商环境条例 Art. 54).
 */
export const SAMPLE_POWER_ITEMS: readonly PowerItem[] = [
  // 中卫市沙坡头区司法局
  other("SPT-SF-JC-001", "对律师和律师事务所执业活动的日常监督检查", "inspection", JUSTICE, "综合业务室", [
    { law: "律师法", article: 52 },
  ]),
  penalty("SPT-SF-CF-001", "对没有取得律师执业证书的人员以律师名义从事法律服务业务的行政处罚", JUSTICE, "综合业务室", [
    { law: "律师法", article: 55 },
  ]),
  penalty("SPT-SF-CF-002", "对受援人以欺骗或者其他不正当手段获得法律援助的行政处罚", JUSTICE, "综合业务室", [
    { law: "法律援助法", article: 64 },
  ]),
  penalty("SPT-SF-CF-003", "对冒用法律援助名义提供法律服务并谋取利益的行政处罚", JUSTICE, "综合业务室", [
    { law: "法律援助法", article: 65 },
  ]),
  other(
    "SPT-SF-QT-001",
    "对律师、律师事务所违法行为向上级司法行政部门提出处罚建议",
    "other",
    JUSTICE,
    "综合业务室",
    [{ law: "律师法", article: 52 }],
    "律师法第四十七条至第五十条的处罚由设区的市级司法行政部门决定",
  ),
  other("SPT-SF-QT-002", "对法律援助机构不予、终止法律援助决定异议的审查", "other", JUSTICE, "综合业务室", [
    { law: "法律援助法", article: 49, paragraph: 1 },
    { law: "法律援助法", article: 49, paragraph: 2 },
  ]),
  other(
    "SPT-SF-JF-001",
    "法律援助",
    "benefit",
    JUSTICE,
    "法律援助中心",
    [
      { law: "法律援助法", article: 31 },
      { law: "法律援助法", article: 32 },
      { law: "法律援助法", article: 43, paragraph: 1 },
    ],
    "由本局设立的法律援助机构受理、审查（法律援助法第十二条）",
  ),
  // 中卫市司法局
  penalty("ZW-SF-CF-001", "对律师同时在两个以上律师事务所执业等违法行为的行政处罚", CITY_JUSTICE, "律师工作科", [
    { law: "律师法", article: 47 },
  ]),
  penalty("ZW-SF-CF-002", "对律师私自接受委托、收取费用等违法行为的行政处罚", CITY_JUSTICE, "律师工作科", [
    { law: "律师法", article: 48 },
  ]),
  penalty("ZW-SF-CF-003", "对律师事务所违反规定接受委托、收取费用等违法行为的行政处罚", CITY_JUSTICE, "律师工作科", [
    { law: "律师法", article: 50 },
  ]),
  penalty("ZW-SF-CF-004", "对公证机构及其公证员不正当争揽公证业务等违法行为的行政处罚", CITY_JUSTICE, "律师工作科", [
    { law: "公证法", article: 41 },
  ]),
  penalty("ZW-SF-CF-005", "对公证机构及其公证员私自出具公证书等违法行为的行政处罚", CITY_JUSTICE, "律师工作科", [
    { law: "公证法", article: 42, paragraph: 1 },
  ]),
  // 中卫市沙坡头区市场监督管理局
  penalty(
    "SPT-SJ-CF-001",
    "对经营者不执行政府指导价、政府定价的行政处罚",
    MARKET,
    "价格监督检查股",
    [{ law: PRICE, article: 9 }],
    PRICE_NOTE,
  ),
  penalty(
    "SPT-SJ-CF-002",
    "对经营者违反明码标价规定的行政处罚",
    MARKET,
    "价格监督检查股",
    [{ law: PRICE, article: 13 }],
    PRICE_NOTE,
  ),
  penalty(
    "SPT-SJ-CF-003",
    "对经营者利用虚假的或者使人误解的价格手段诱骗交易的行政处罚",
    MARKET,
    "价格监督检查股",
    [{ law: PRICE, article: 7 }],
    PRICE_NOTE,
  ),
  penalty(
    "SPT-SJ-CF-004",
    "对拒绝提供价格监督检查所需资料或者提供虚假资料的行政处罚",
    MARKET,
    "价格监督检查股",
    [{ law: PRICE, article: 14 }],
    PRICE_NOTE,
  ),
  other("SPT-SJ-QT-001", "价格监督检查中责令经营者暂停相关营业", "other", MARKET, "价格监督检查股", [
    { law: PRICE, article: 15, paragraph: 1 },
  ]),
  other("SPT-SJ-JC-001", "价格监督检查", "inspection", MARKET, "价格监督检查股", [
    { law: PRICE, article: 2 },
    { law: PRICE, article: 15, paragraph: 2 },
    { law: "优化营商环境条例", article: 54, paragraph: 1 },
  ]),
  other("SPT-SJ-QT-002", "行政处罚信息公示", "other", MARKET, "信用监管股", [
    { law: PUBLICITY, article: 2, paragraph: 1 },
    { law: PUBLICITY, article: 9 },
    { law: PUBLICITY, article: 11 },
  ]),
  other("SPT-SJ-QT-003", "行政处罚信息提前停止公示", "other", MARKET, "信用监管股", [
    { law: PUBLICITY, article: 13 },
    { law: PUBLICITY, article: 14 },
  ]),
];

/** 示例服务指南 — legal aid (法律援助法) and early end of penalty publicity (总局令第45号). */
export const SAMPLE_SERVICE_GUIDES: readonly ServiceGuideInput[] = [
  {
    itemCode: "SPT-SF-JF-001",
    name: "法律援助",
    basis: [
      { law: "法律援助法", article: 31 },
      { law: "法律援助法", article: 32 },
      { law: "法律援助法", article: 38 },
      { law: "法律援助法", article: 41 },
      { law: "法律援助法", article: 43 },
    ],
    acceptingBody: "中卫市沙坡头区法律援助中心",
    approvingBody: "中卫市沙坡头区法律援助中心",
    conditions: [
      "因经济困难没有委托代理人，申请事项属于法律援助法第三十一条所列事项",
      "属于法律援助法第三十二条所列情形的，不受经济困难条件的限制",
      "诉讼事项向办案机关所在地、非诉讼事项向争议处理机关所在地或者事由发生地的法律援助机构申请（法律援助法第三十八条）",
    ],
    preferentialPolicies: [
      "无固定生活来源的未成年人、老年人、残疾人等特定群体，社会救助、司法救助或者优抚对象，申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员，免予核查经济困难状况（法律援助法第四十二条）",
      "公证机构、司法鉴定机构对受援人减收或者免收公证费、鉴定费（法律援助法第五十三条第二款）",
    ],
    materials: [
      "法律援助申请表",
      "申请人身份证明",
      "经济困难状况说明或者个人诚信承诺（法律援助法第四十一条）",
      "与所申请法律援助事项有关的材料",
    ],
    process: [
      "提出申请",
      "受理",
      "审查（材料不齐全的，一次性告知需要补充的材料）",
      "作出给予或者不予法律援助的决定",
      "决定给予的，自决定之日起三日内指派法律援助人员",
      "决定不予的，书面告知申请人并说明理由",
    ],
    timeLimit: "自收到法律援助申请之日起七日内作出是否给予法律援助的决定（法律援助法第四十三条第一款）",
    supervision: "对不予、终止法律援助的决定有异议的，可以向中卫市沙坡头区司法局提出（法律援助法第四十九条）",
    accountability: "法律援助机构及其工作人员有法律援助法第六十一条所列情形的，依法追究责任",
    officeHours: "工作日 9:00—12:00，14:30—17:30（示例）",
    address: "宁夏回族自治区中卫市沙坡头区示例路 8 号（示例）",
    phone: "0955-0000012",
    effectiveFrom: FROM,
  },
  {
    itemCode: "SPT-SJ-QT-003",
    name: "行政处罚信息提前停止公示",
    basis: [
      { law: PUBLICITY, article: 13 },
      { law: PUBLICITY, article: 14 },
    ],
    acceptingBody: "中卫市沙坡头区市场监督管理局",
    approvingBody: "中卫市沙坡头区市场监督管理局（作出行政处罚决定的市场监督管理部门）",
    conditions: [
      "行政处罚信息公示达到规定时限要求",
      "已经自觉履行行政处罚决定中规定的义务",
      "已经主动消除危害后果和不良影响",
      "未因同一类违法行为再次受到市场监督管理部门行政处罚",
      "未在经营异常名录和严重违法失信名单中",
      "受到责令停产停业、限制开展生产经营活动、限制从业、降低资质等级、吊销许可证件、吊销营业执照等较为严重行政处罚的，不得提前停止公示（第十四条第三款）",
    ],
    materials: ["提前停止公示申请书", "已履行行政处罚决定义务的证明材料", "已消除危害后果和不良影响的说明及证明材料"],
    process: [
      "向作出行政处罚决定的市场监督管理部门提出申请",
      "审查是否同时符合条件",
      "作出决定并告知申请人",
      "符合条件的，停止公示",
    ],
    timeLimit: "按国家市场监督管理总局另行规定的实施办法执行（市场监督管理行政处罚信息公示规定第十四条第二款）",
    supervision: "向中卫市市场监督管理局投诉举报",
    accountability: "不履行或者不正确履行公示职责的，依法追究责任",
    officeHours: "工作日 9:00—12:00，14:30—17:30（示例）",
    address: "宁夏回族自治区中卫市沙坡头区示例街 18 号（示例）",
    phone: "0955-0000013",
    effectiveFrom: "2021-09-01",
  },
];

/** 示例双随机抽查事项清单 — proportions and frequencies are sample configuration ([VAR]). */
export const SAMPLE_INSPECTION_ITEMS: readonly InspectionItem[] = [
  {
    code: "SPT-SJ-SJ-001",
    name: "价格监督检查",
    subItem: "明码标价情况检查",
    bodyId: MARKET,
    targets: "辖区内商品零售、餐饮和服务业经营者",
    basis: [
      { law: PRICE, article: 13 },
      { law: "优化营商环境条例", article: 54, paragraph: 1 },
    ],
    methods: ["现场检查"],
    content: "是否按规定的内容和方式明码标价；是否在标价之外加价出售商品或者收取未标明的费用",
    ratioBasisPoints: 500,
    timesPerYear: 1,
    note: "抽查比例、频次为示例配置",
    effectiveFrom: FROM,
  },
  {
    code: "SPT-SJ-SJ-002",
    name: "价格监督检查",
    subItem: "政府定价、政府指导价执行情况检查",
    bodyId: MARKET,
    targets: "执行政府定价、政府指导价的经营者",
    basis: [
      { law: PRICE, article: 9 },
      { law: "优化营商环境条例", article: 54, paragraph: 1 },
    ],
    methods: ["现场检查", "书面检查"],
    ratioBasisPoints: 1000,
    timesPerYear: 1,
    note: "抽查比例、频次为示例配置",
    effectiveFrom: FROM,
  },
  {
    code: "SPT-SF-SJ-001",
    name: "律师事务所执业活动检查",
    bodyId: JUSTICE,
    targets: "辖区内律师事务所",
    basis: [{ law: "律师法", article: 52 }],
    methods: ["现场检查", "书面检查"],
    ratioBasisPoints: 2000,
    timesPerYear: 1,
    note: "抽查比例、频次为示例配置",
    effectiveFrom: FROM,
  },
];

/** 示例权责清单数据 — loads with `createPowersRegistry(SAMPLE_POWERS_DATA)`. */
export const SAMPLE_POWERS_DATA: PowersDataInput = {
  items: SAMPLE_POWER_ITEMS.map((i) => ({ ...i })),
  guides: SAMPLE_SERVICE_GUIDES.map((g) => ({ ...g })),
  inspections: SAMPLE_INSPECTION_ITEMS.map((i) => ({ ...i })),
};
