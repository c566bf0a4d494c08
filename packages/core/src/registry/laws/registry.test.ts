import { describe, expect, it } from "vitest";
import { createLawsRegistry } from "./registry.js";
import type { LawInput } from "./schema.js";

const base = { level: "law", issuer: "全国人民代表大会常务委员会" } as const;
// Two versions of one law: the text in force at the date of the act applies (行政处罚法 Art. 37).
const OLD: LawInput = {
  ...base,
  id: "administrative-penalty",
  title: "中华人民共和国行政处罚法",
  shortTitle: "行政处罚法",
  effectiveFrom: "2018-01-01",
  effectiveUntil: "2021-07-15",
  articles: [{ number: 1, paragraphs: [{ text: "旧文本。", items: [] }] }],
};
const NEW: LawInput = {
  ...OLD,
  effectiveFrom: "2021-07-15",
  effectiveUntil: undefined,
  articles: [
    { number: 1, paragraphs: [{ text: "新文本。", items: [] }] },
    {
      number: 64,
      paragraphs: [
        {
          text: "听证应当依照以下程序组织：",
          items: ["当事人要求听证的，应当在行政机关告知后五日内提出；", "七日前通知；"],
        },
        { text: "第二款。", items: [] },
      ],
    },
  ],
};
const PLAN: LawInput = {
  id: "pilot-plan",
  title: "试点工作方案",
  shortTitle: "试点工作方案",
  level: "normativeDocument",
  issuer: "示例局",
  effectiveFrom: "2017-06-01",
  sections: [{ label: "二（三）（3）", heading: "法制审核范围" }],
};
const registry = createLawsRegistry([OLD, NEW, PLAN])._unsafeUnwrap();

describe("createLawsRegistry", () => {
  it("answers as of the date of the act — 行政处罚法 Art. 37", () => {
    expect(registry.lawAt("行政处罚法", "2020-05-01")._unsafeUnwrap().effectiveFrom).toBe("2018-01-01");
    expect(registry.lawAt("中华人民共和国行政处罚法", "2021-07-15")._unsafeUnwrap().effectiveFrom).toBe("2021-07-15");
    expect(registry.lawAt("administrative-penalty")._unsafeUnwrap().effectiveFrom).toBe("2021-07-15");
    const before = registry.lawAt("行政处罚法", "2017-12-31");
    expect(before.isErr() && before.error.code).toBe("REGISTRY_NOT_FOUND");
    expect(registry.versions("行政处罚法")).toHaveLength(2);
    expect(registry.ids()).toEqual(["administrative-penalty", "pilot-plan"]);
  });

  it("finds an article down to 款 and 项 (行政处罚法 Art. 64 item 1)", () => {
    const a = registry.article({ law: "行政处罚法", article: 64, item: 1 })._unsafeUnwrap();
    expect(a.item).toBe("当事人要求听证的，应当在行政机关告知后五日内提出；");
    expect(registry.article({ law: "行政处罚法", article: 64, paragraph: 2 })._unsafeUnwrap().paragraph?.text).toBe(
      "第二款。",
    );
    for (const ref of [
      { law: "行政处罚法", article: 65 },
      { law: "行政处罚法", article: 64, paragraph: 3 },
      { law: "行政处罚法", article: 64, item: 3 },
      { law: "行政处罚法", article: 64, paragraph: 2, item: 1 },
      { law: "民法典", article: 201 },
    ]) {
      const r = registry.article(ref);
      expect(r.isErr() && r.error.code).toBe("REGISTRY_NOT_FOUND");
    }
    expect(registry.article({ law: "行政处罚法", article: 64 }, "2019-01-01").isErr()).toBe(true);
  });

  it("resolves sources with a section against the document's sections", () => {
    expect(registry.resolve({ law: "试点工作方案", section: "二（三）（3）" })._unsafeUnwrap().section?.heading).toBe(
      "法制审核范围",
    );
    expect(registry.resolve({ law: "试点工作方案", section: "九" }).isErr()).toBe(true);
    expect(registry.resolve({ law: "行政处罚法", article: 1 })._unsafeUnwrap().article?.article.number).toBe(1);
    expect(registry.resolve({ law: "行政处罚法", paragraph: 1 }).isErr()).toBe(true);
  });

  it("refuses overlapping versions, a duplicate version, a title shared by two laws and bad records", () => {
    const overlap = createLawsRegistry([{ ...OLD, effectiveUntil: "2022-01-01" }, NEW]);
    expect(overlap.isErr() && overlap.error.code).toBe("REGISTRY_CONFLICT");
    const twice = createLawsRegistry([NEW, NEW]);
    expect(twice.isErr() && twice.error.code).toBe("REGISTRY_CONFLICT");
    const shared = createLawsRegistry([NEW, { ...PLAN, shortTitle: "行政处罚法" }]);
    expect(shared.isErr() && shared.error.code).toBe("REGISTRY_CONFLICT");
    const bad = createLawsRegistry([{ ...NEW, id: "Not An Id" }]);
    expect(bad.isErr() && bad.error.code).toBe("INVALID_INPUT");
    const dupArticle = createLawsRegistry([{ ...PLAN, articles: [OLD.articles?.[0], OLD.articles?.[0]] } as LawInput]);
    expect(dupArticle.isErr() && dupArticle.error.code).toBe("REGISTRY_CONFLICT");
  });
});
