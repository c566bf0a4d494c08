import type { RuleSource } from "@sanxiang/core/kernel";
import { SDK_LAWS } from "@sanxiang/core/laws";
import { type LawInput, type LawMeta, lawMetaOf } from "@sanxiang/core/registry";

/** 示例法条 — an article a sample bureau applies, as officers cite it, with its source. */
export interface SampleLawCitation {
  /** The citation as written in a document, e.g. `《法律援助法》第六十二条第（一）项`. */
  readonly citation: string;
  /** What the article is about, in Chinese. */
  readonly subject: string;
  /** The same citation as a rule source (checked against the shipped text by the tests). */
  readonly source: RuleSource;
}

/** 示例执法机关的法律法规 — a sample bureau's laws: those it enforces or follows, and key articles. */
export interface SampleBureauLaws {
  /** The bureau's name. */
  readonly bureau: string;
  /** Short titles of the laws and documents it applies (all in `@sanxiang/core/laws`). */
  readonly laws: readonly string[];
  /** Articles its cases cite most. */
  readonly citations: readonly SampleLawCitation[];
}

const PROCEDURE = ["行政处罚法", "行政强制法", "行政许可法", "行政复议法", "行政诉讼法", "政府信息公开条例"] as const;

/**
 * 示例法律法规 — the two sample bureaus' laws: the pilot plan's district justice bureau
 * (律师、公证、法律援助、人民调解 matters) and a district market-regulation bureau (prices,
 * disclosure of penalties). Every citation is a real article of a shipped statute.
 */
export const SAMPLE_BUREAU_LAWS: readonly SampleBureauLaws[] = [
  {
    bureau: "沙坡头区司法局",
    laws: [...PROCEDURE, "律师法", "公证法", "法律援助法", "人民调解法", "沙坡头区司法局三项制度试点工作方案"],
    citations: [
      {
        citation: "《法律援助法》第六十二条第（一）项",
        subject: "律师事务所、基层法律服务所无正当理由拒绝接受法律援助机构指派",
        source: { law: "法律援助法", article: 62, item: 1, confidence: "C-law" },
      },
      {
        citation: "《律师法》第四十七条第（五）项",
        subject: "律师拒绝履行法律援助义务",
        source: { law: "律师法", article: 47, item: 5, confidence: "C-law" },
      },
      {
        citation: "《人民调解法》第三十一条第一款",
        subject: "经人民调解委员会调解达成的调解协议具有法律约束力",
        source: { law: "人民调解法", article: 31, paragraph: 1, confidence: "C-law" },
      },
    ],
  },
  {
    bureau: "中卫市沙坡头区市场监督管理局",
    laws: [
      ...PROCEDURE,
      "价格违法行为行政处罚规定",
      "市场监督管理行政处罚信息公示规定",
      "市场监督管理行政处罚程序规定",
    ],
    citations: [
      {
        citation: "《价格违法行为行政处罚规定》第十三条第（一）项",
        subject: "经营者不标明价格",
        source: { law: "价格违法行为行政处罚规定", article: 13, item: 1, confidence: "C-law" },
      },
      {
        citation: "《价格违法行为行政处罚规定》第七条",
        subject: "利用虚假的或者使人误解的价格手段诱骗交易",
        source: { law: "价格违法行为行政处罚规定", article: 7, confidence: "C-law" },
      },
      {
        citation: "《市场监督管理行政处罚信息公示规定》第九条",
        subject: "行政处罚信息公示期限",
        source: { law: "市场监督管理行政处罚信息公示规定", article: 9, confidence: "C-law" },
      },
      {
        citation: "《市场监督管理行政处罚程序规定》第十八条第一款",
        subject: "立案核查期限",
        source: { law: "市场监督管理行政处罚程序规定", article: 18, paragraph: 1, confidence: "C-law" },
      },
    ],
  },
];

/**
 * 示例法规目录 — the catalogue rows (one per law version, no text) of every law the sample
 * bureaus apply, as the laws sheet (`LAWS_TABLE`) exports them.
 */
export const SAMPLE_LAW_CATALOGUE: readonly LawMeta[] = SDK_LAWS.filter((law) =>
  SAMPLE_BUREAU_LAWS.some((b) => b.laws.includes(law.shortTitle)),
).map(lawMetaOf);

const sampleDocument = (id: string, shortTitle: string, issuer: string, sections: readonly string[]): LawInput => ({
  id,
  title: shortTitle,
  shortTitle,
  level: "normativeDocument",
  issuer,
  effectiveFrom: "2024-01-01",
  sections: sections.map((label) => ({ label, heading: label })),
  note: "示例数据：虚构的本局规范性文件，仅供测试和演示",
});

/**
 * 示例本局文件 — the sample bureaus' own documents (discretion benchmarks, a first-violation
 * list), marked （示例）: invented, as a bureau's own 规范性文件 would sit in its laws database
 * beside `SDK_LAWS`. Sample records cite their sections.
 */
export const SAMPLE_LOCAL_DOCUMENTS: readonly LawInput[] = [
  sampleDocument(
    "sample-market-benchmarks",
    "中卫市沙坡头区市场监督管理局行政处罚裁量基准（示例）",
    "中卫市沙坡头区市场监督管理局",
    ["价格监督检查类"],
  ),
  sampleDocument("sample-justice-benchmarks", "中卫市沙坡头区司法局行政处罚裁量基准（示例）", "中卫市沙坡头区司法局", [
    "律师、法律援助类",
  ]),
  sampleDocument(
    "sample-market-lenient-list",
    "中卫市沙坡头区市场监督管理局首违不罚清单（示例）",
    "中卫市沙坡头区市场监督管理局",
    ["第1项"],
  ),
];
