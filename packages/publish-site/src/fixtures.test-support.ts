// Test fixtures: INVENTED data (虚构数据) shaped like a district bureau's disclosures. No
// name, number or case here belongs to a real person, company or decision.
import {
  DISCLOSURE_KIND_PHASES,
  type DisclosureContent,
  type DisclosureKind,
  disclosureContentHash,
  type PublishedItem,
  type RuleSource,
  type WithdrawalNotice,
} from "@sanxiang/core";
import type { SiteConfig } from "./config.js";

/** The site settings the tests use (invented bureau). */
export const SITE: SiteConfig = {
  title: "沙坡头区行政执法公示平台（测试）",
  bureauName: "沙坡头区市场监督管理局（虚构）",
  baseUrl: "https://gs.example.cn/",
  description: "虚构数据，仅供测试。",
};

const GUIDANCE_118: RuleSource = {
  law: "国办发〔2018〕118号",
  section: "二（一）",
  confidence: "C",
  url: "https://news.shi-fen.com/china/201901/50-148393.html",
};
const PENALTY_DISCLOSURE: RuleSource = { law: "行政处罚法", article: 48, paragraph: 1, confidence: "C-law" };
const WITHDRAWAL: RuleSource = { law: "行政处罚法", article: 48, paragraph: 2, confidence: "C-law" };

/** The hash core signs off ({@link disclosureContentHash}). */
export function hashOf(content: DisclosureContent): string {
  return disclosureContentHash(content);
}

/** A published item around `content`, version 1 unless told otherwise. */
export function itemOf(
  id: string,
  title: string,
  content: DisclosureContent,
  extra: Partial<Pick<PublishedItem, "version" | "updatedAt" | "publishedAt" | "corrections" | "publicUntil">> = {},
): PublishedItem {
  const kind: DisclosureKind = content.kind;
  return {
    id,
    kind,
    phase: DISCLOSURE_KIND_PHASES[kind],
    title,
    bodyId: "body-spt-amr",
    bodyName: "沙坡头区市场监督管理局（虚构）",
    content,
    contentHash: hashOf(content),
    version: 1,
    publishedAt: "2026-03-02T02:00:00Z",
    updatedAt: "2026-03-02T02:00:00Z",
    corrections: [],
    source: kind === "decision" ? PENALTY_DISCLOSURE : GUIDANCE_118,
    ...extra,
  };
}

/** A decision (invented) in `category`, decided on `decidedOn`. */
export function decision(
  id: string,
  decidedOn: string,
  overrides: Partial<Extract<DisclosureContent, { kind: "decision" }>> = {},
): PublishedItem {
  const content: DisclosureContent = {
    kind: "decision",
    category: "penalty",
    documentNumber: `沙市监罚〔${decidedOn.slice(0, 4)}〕${id.replace(/\D/g, "") || "1"}号`,
    agencyName: "沙坡头区市场监督管理局（虚构）",
    party: { kind: "organisation", name: "中卫市某某商贸有限公司（虚构）", creditCode: "91640500MA76XXXX0X" },
    matter: "销售过期食品",
    basis: ["《中华人民共和国食品安全法》第一百二十四条"],
    conclusion: "警告，罚款人民币伍仟元整",
    fineFen: 500_000,
    decidedOn,
    ...overrides,
  };
  return itemOf(id, `行政处罚决定（${content.documentNumber}）`, content, {
    publishedAt: `${decidedOn}T02:00:00Z`,
    updatedAt: `${decidedOn}T02:00:00Z`,
    publicUntil: "2026-12-31",
  });
}

/** One item of every content kind (invented), decisions in two categories and months. */
export function sampleItems(): PublishedItem[] {
  return [
    itemOf("body-1", "沙坡头区市场监督管理局", {
      kind: "body",
      name: "沙坡头区市场监督管理局（虚构）",
      nature: "行政机关",
      authority: ["《中华人民共和国行政处罚法》第十八条"],
      categories: ["市场监管"],
      address: "中卫市沙坡头区某路1号（虚构）",
      phone: "0955-0000000",
    }),
    itemOf("officer-1", "执法人员 王某", {
      kind: "officer",
      name: "王某",
      bodyName: "沙坡头区市场监督管理局（虚构）",
      certificateNumber: "64050000001",
      categories: ["市场监管"],
      post: "执法队员",
      validUntil: "2026-12-31",
    }),
    itemOf("officer-2", "执法人员 李某", {
      kind: "officer",
      name: "李某",
      bodyName: "沙坡头区市场监督管理局（虚构）",
      certificateNumber: "64050000002",
      categories: ["市场监管"],
    }),
    itemOf("power-1", "对销售过期食品的行政处罚", {
      kind: "power",
      code: "330217001000",
      name: "对销售过期食品的行政处罚",
      powerKind: "行政处罚",
      basis: ["《中华人民共和国食品安全法》第一百二十四条"],
      bodyName: "沙坡头区市场监督管理局（虚构）",
      unit: "执法稽查科",
      supervision: "上级机关监督、社会监督",
      supervisionPhone: "12315",
      accountability: ["不履行或者不正确履行行政职责的"],
    }),
    itemOf("guide-1", "食品经营许可服务指南", {
      kind: "serviceGuide",
      itemCode: "11640500MB0000000X",
      name: "食品经营许可",
      basis: ["《中华人民共和国食品安全法》第三十五条"],
      acceptingBody: "沙坡头区政务服务中心（虚构）",
      approvingBody: "沙坡头区市场监督管理局（虚构）",
      conditions: ["具有与经营的食品品种、数量相适应的经营场所"],
      materials: ["食品经营许可申请书"],
      process: ["申请", "受理", "审查", "决定"],
      timeLimit: "10个工作日",
      supervision: "12345 热线",
      officeHours: "工作日 9:00-17:00",
      address: "中卫市沙坡头区某路2号（虚构）",
      phone: "0955-0000001",
    }),
    itemOf("flow-1", "一般程序行政处罚流程图", {
      kind: "flowchart",
      name: "一般程序行政处罚",
      chart: {
        procedure: "penalty.ordinary",
        steps: [
          { id: "file", name: "立案" },
          { id: "investigate", name: "调查取证" },
          { id: "decide", name: "决定" },
          { id: "close", name: "结案" },
        ],
        transitions: [
          { from: "file", to: "investigate", label: "批准立案" },
          { from: "investigate", to: "decide", label: "调查终结" },
          { from: "decide", to: "close", label: "执行完毕" },
          { from: "investigate", to: "close", label: "不予处罚" },
        ],
      },
    }),
    itemOf("insp-1", "食品销售者监督检查", {
      kind: "inspectionItem",
      code: "SJ-001",
      name: "食品销售者监督检查",
      bodyName: "沙坡头区市场监督管理局（虚构）",
      targets: "食品销售者",
      basis: ["《中华人民共和国食品安全法》第一百一十条"],
      methods: ["现场检查", "抽样检验"],
      ratio: "5%",
      timesPerYear: 1,
    }),
    itemOf("bench-1", "销售过期食品裁量基准", {
      kind: "benchmark",
      name: "销售过期食品",
      basis: ["《中华人民共和国食品安全法》第一百二十四条"],
      tiers: [
        { circumstance: "初次违法且货值较小", penalty: "罚款五千元以上一万元以下" },
        { circumstance: "货值较大", penalty: "罚款一万元以上五万元以下" },
      ],
    }),
    itemOf("act-1", "现场检查（2026年3月）", {
      kind: "enforcementAct",
      act: "现场检查",
      actOn: "2026-03-05",
      officers: [
        { name: "王某", certificateNumber: "64050000001" },
        { name: "李某", certificateNumber: "64050000002" },
      ],
      documents: ["现场检查笔录"],
      party: { kind: "organisation", name: "中卫市某某商贸有限公司（虚构）" },
    }),
    decision("dec-1", "2026-03-10"),
    decision("dec-2", "2026-03-20", { party: { kind: "person", name: "张某" }, matter: "无照经营" }),
    decision("dec-3", "2026-04-02", { category: "licence", conclusion: "准予许可", matter: "食品经营许可" }),
  ];
}

/** A withdrawal notice (invented) for `id`. */
export function noticeOf(id: string, title = "行政处罚决定（沙市监罚〔2026〕9号）"): WithdrawalNotice {
  return {
    id,
    kind: "decision",
    title,
    bodyName: "沙坡头区市场监督管理局（虚构）",
    withdrawnAt: "2026-04-10T03:00:00Z",
    reason: "该行政处罚决定已被依法撤销",
    source: WITHDRAWAL,
  };
}
