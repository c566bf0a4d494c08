import { describe, expect, it } from "vitest";
import { importLawMarkdown, type LawMarkdownMeta } from "./markdown.js";

const META: LawMarkdownMeta = {
  id: "sample-law",
  level: "law",
  issuer: "全国人民代表大会常务委员会",
  promulgated: "2021-01-22",
  effectiveFrom: "2021-07-15",
};

// Articles 9 and 10 of 行政处罚法 (2021) in the reference folder's markdown form, renumbered
// as articles 1–2 so the text starts at article 1.
const TEXT = `# 中华人民共和国示例法

2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订

<!-- INFO END -->

## 第一章 总则

第一条 行政处罚的种类：

（一）警告、通报批评；

（二）罚款、没收违法所得、没收非法财物；

### 第一节 一般规定

第二条 法律可以设定各种行政处罚。

限制人身自由的行政处罚，只能由法律设定。
`;

describe("importLawMarkdown", () => {
  it("reads title, history, chapters, articles, paragraphs (款) and items (项)", () => {
    const law = importLawMarkdown(TEXT, META)._unsafeUnwrap();
    expect(law.title).toBe("中华人民共和国示例法");
    expect(law.shortTitle).toBe("示例法");
    expect(law.history).toEqual(["2021年1月22日 第十三届全国人民代表大会常务委员会第二十五次会议修订"]);
    expect(law.articles).toEqual([
      {
        number: 1,
        chapter: "第一章 总则",
        paragraphs: [{ text: "行政处罚的种类：", items: ["警告、通报批评；", "罚款、没收违法所得、没收非法财物；"] }],
      },
      {
        number: 2,
        chapter: "第一章 总则",
        section: "第一节 一般规定",
        paragraphs: [
          { text: "法律可以设定各种行政处罚。", items: [] },
          { text: "限制人身自由的行政处罚，只能由法律设定。", items: [] },
        ],
      },
    ]);
  });

  it("ignores zero-width characters and half-width item markers (1)", () => {
    const text = TEXT.replace("第一条", "\u200B\n第一条").replace("（二）", "(二)");
    const law = importLawMarkdown(text, META)._unsafeUnwrap();
    expect(law.articles[0]?.paragraphs[0]?.items).toHaveLength(2);
  });

  it("refuses a gap in the article numbers unless the text is partial", () => {
    const gap = TEXT.replace("第二条", "第四条");
    const r = importLawMarkdown(gap, META);
    expect(r.isErr() && r.error.code).toBe("IMPORT_INVALID");
    expect(r.isErr() && r.error.message).toContain("不连续");
    const partial = importLawMarkdown(gap, { ...META, partial: true })._unsafeUnwrap();
    expect(partial.includedArticles).toEqual([1, 4]);
  });

  it("refuses items out of order, text outside articles and a contradicting title", () => {
    expect(importLawMarkdown(TEXT.replace("（二）", "（三）"), META).isErr()).toBe(true);
    expect(importLawMarkdown(TEXT.replace("## 第一章 总则", "前言文字"), META).isErr()).toBe(true);
    expect(importLawMarkdown(TEXT, { ...META, title: "另一部法" }).isErr()).toBe(true);
    expect(importLawMarkdown("没有标题", META).isErr()).toBe(true);
  });

  it("refuses metadata that fails its schema (INVALID_INPUT)", () => {
    const r = importLawMarkdown(TEXT, { ...META, effectiveFrom: "2021-02-30" });
    expect(r.isErr() && r.error.code).toBe("INVALID_INPUT");
  });
});
