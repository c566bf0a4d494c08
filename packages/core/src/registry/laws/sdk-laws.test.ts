import { describe, expect, it } from "vitest";
import { SDK_LAWS, sdkLawsRegistry } from "../../laws.js";
import { parseArticleRef } from "./article-ref.js";

// The shipped database (@sanxiang/core/laws): a few citations the SDK relies on, checked
// against the statute text itself.
describe("SDK_LAWS", () => {
  const laws = sdkLawsRegistry();

  it("holds the statutes the SDK cites, each version valid", () => {
    expect(SDK_LAWS.length).toBeGreaterThanOrEqual(20);
    expect(laws.lawAt("行政处罚法")._unsafeUnwrap().articles).toHaveLength(86);
  });

  it("行政处罚法第五十八条第一款 is the legal-review article", () => {
    const ref = parseArticleRef("行政处罚法第五十八条第一款")._unsafeUnwrap();
    const found = laws.article(ref, "2024-01-01")._unsafeUnwrap();
    expect(found.paragraph?.text).toContain("法制审核");
    expect(found.article.chapter).toBe("第五章 行政处罚的决定");
  });

  it("行政处罚法 Art. 37: before 2021-07-15 the 2021 revision is not the law in force", () => {
    expect(laws.lawAt("行政处罚法", "2021-07-14").isErr()).toBe(true);
  });

  it("行政许可法第三十二条第一款第（四）项 is the five-day 一次告知 rule", () => {
    const ref = parseArticleRef("《中华人民共和国行政许可法》第三十二条第一款第（四）项")._unsafeUnwrap();
    expect(laws.article(ref)._unsafeUnwrap().item).toContain("五日内");
  });

  it("民法典 is shipped as a marked excerpt (Arts. 200–204)", () => {
    const code = laws.lawAt("民法典")._unsafeUnwrap();
    expect(code.partial).toBe(true);
    expect(code.includedArticles).toEqual([200, 201, 202, 203, 204]);
    expect(laws.article({ law: "民法典", article: 203, paragraph: 1 })._unsafeUnwrap().paragraph?.text).toContain(
      "法定休假日",
    );
    expect(laws.article({ law: "民法典", article: 1 }).isErr()).toBe(true);
  });

  it("the pilot plan's section 二（三）（3） is the legal-review scope", () => {
    const r = laws.resolve({ law: "沙坡头区司法局三项制度试点工作方案", section: "二（三）（3）" });
    expect(r._unsafeUnwrap().section?.heading).toBe("法制审核范围");
  });
});
