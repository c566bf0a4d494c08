import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { chineseNumeral, parseChineseNumeral } from "../../kernel/source.js";
import { type ArticleRef, formatArticleRef, parseArticleRef, shortTitleOf } from "./article-ref.js";

describe("parseChineseNumeral", () => {
  it.each([
    ["一", 1],
    ["十", 10],
    ["十五", 15],
    ["一十五", 15],
    ["二十", 20],
    ["八十五", 85],
    ["一百", 100],
    ["一百零一", 101],
    ["一百一十", 110],
    ["两百零三", 203],
    ["三百零六", 306],
    ["一千二百五十九", 1259],
    ["一千〇五", 1005],
    ["58", 58],
    ["５８", 58],
  ])("%s → %i", (text, n) => {
    expect(parseChineseNumeral(text)).toBe(n);
  });

  it.each(["", "零", "0", "十十", "一百五", "五十五十", "abc", "第一", "一万", "10000"])("refuses %j", (text) => {
    expect(parseChineseNumeral(text)).toBeUndefined();
  });

  test.prop([fc.integer({ min: 1, max: 9999 })])("reads back what chineseNumeral writes", (n) => {
    expect(parseChineseNumeral(chineseNumeral(n))).toBe(n);
    expect(parseChineseNumeral(String(n))).toBe(n);
  });

  test.prop([fc.string()])("is total: never throws, gives a number in 1..9999 or undefined", (s) => {
    const n = parseChineseNumeral(s);
    expect(n === undefined || (Number.isInteger(n) && n >= 1 && n <= 9999)).toBe(true);
  });
});

describe("parseArticleRef", () => {
  it("reads 行政处罚法第五十八条第一款 (the issue's example)", () => {
    expect(parseArticleRef("行政处罚法第五十八条第一款")._unsafeUnwrap()).toEqual({
      law: "行政处罚法",
      article: 58,
      paragraph: 1,
    });
  });

  it.each<[string, ArticleRef]>([
    ["《行政处罚法》第八十五条", { law: "行政处罚法", article: 85 }],
    [
      "《中华人民共和国行政许可法》第三十二条第一款第（四）项",
      { law: "行政许可法", article: 32, paragraph: 1, item: 4 },
    ],
    ["行政处罚法第六十四条第一项", { law: "行政处罚法", article: 64, item: 1 }],
    ["行政处罚法第六十四条第(二)项", { law: "行政处罚法", article: 64, item: 2 }],
    ["行政处罚法第58条", { law: "行政处罚法", article: 58 }],
    ["行政处罚法第58条第1款", { law: "行政处罚法", article: 58, paragraph: 1 }],
    [" 《民事诉讼法》 第 八十五 条 第 二 款 ", { law: "民事诉讼法", article: 85, paragraph: 2 }],
    ["民法典第二百零一条", { law: "民法典", article: 201 }],
    ["市场监督管理行政处罚程序规定第十八条", { law: "市场监督管理行政处罚程序规定", article: 18 }],
  ])("reads %s", (text, ref) => {
    expect(parseArticleRef(text)._unsafeUnwrap()).toEqual(ref);
  });

  it.each([
    "",
    "行政处罚法",
    "第五十八条",
    "行政处罚法第五十八款",
    "行政处罚法第零条",
    "行政处罚法第一百五条",
    "行政处罚法第五十八条附",
  ])("refuses %j with ARTICLE_REF_INVALID", (text) => {
    const r = parseArticleRef(text);
    expect(r.isErr() && r.error.code).toBe("ARTICLE_REF_INVALID");
  });

  test.prop([fc.string({ maxLength: 60 })])("is total on random strings: a Result, never a throw", (s) => {
    const r = parseArticleRef(s);
    expect(r.isOk() || r.error.code === "ARTICLE_REF_INVALID").toBe(true);
  });

  test.prop([fc.string({ unit: fc.constantFrom(..."第条款项十一二（）《》中华人民共和国法58 "), maxLength: 30 })])(
    "is total on strings made of citation characters",
    (s) => {
      expect(() => parseArticleRef(s)).not.toThrow();
    },
  );
});

describe("formatArticleRef", () => {
  it("writes 《行政许可法》第三十二条第一款第（四）项", () => {
    expect(formatArticleRef({ law: "行政许可法", article: 32, paragraph: 1, item: 4 })).toBe(
      "《行政许可法》第三十二条第一款第（四）项",
    );
  });

  const lawTitle = fc.oneof(
    fc.constantFrom(
      "行政处罚法",
      "民法典",
      "政府信息公开条例",
      "公安机关办理行政案件程序规定",
      "价格违法行为行政处罚规定",
    ),
    fc.string({ unit: fc.constantFrom(..."法规条例办管理行政市场监督公示规定档案律师"), minLength: 1, maxLength: 12 }),
  );
  const ref = fc.record(
    {
      law: lawTitle,
      article: fc.integer({ min: 1, max: 9999 }),
      paragraph: fc.integer({ min: 1, max: 20 }),
      item: fc.integer({ min: 1, max: 30 }),
    },
    { requiredKeys: ["law", "article"] },
  );

  test.prop([ref])("parse(format(ref)) = ref", (r) => {
    expect(parseArticleRef(formatArticleRef(r))._unsafeUnwrap()).toEqual(r);
  });
});

describe("shortTitleOf", () => {
  it("drops 《》 and 中华人民共和国", () => {
    expect(shortTitleOf("《中华人民共和国行政处罚法》")).toBe("行政处罚法");
    expect(shortTitleOf("国办发〔2018〕118号")).toBe("国办发〔2018〕118号");
  });
});
