import { fc, test } from "@fast-check/vitest";
import MiniSearch from "minisearch";
import { describe, expect, it } from "vitest";
import { searchScript } from "./assets.js";
import { SEARCH_FIELDS, SEARCH_STORE_FIELDS, tokenizeChinese } from "./tokenize.js";

/** The tokenizer as the browser gets it: its source text, evaluated. */
function browserTokenizer(): (text: string) => string[] {
  const script = searchScript();
  const m = /var tokenize = ([\s\S]*?);\n {2}var options/.exec(script);
  if (m?.[1] === undefined) throw new Error("tokenizer not found in search.js");
  return new Function(`return (${m[1]});`)() as (text: string) => string[];
}

describe("tokenizeChinese", () => {
  it("indexes CJK unigrams and bigrams, and lower-cased words", () => {
    expect(tokenizeChinese("沙交罚〔2026〕12号 ABC")).toEqual([
      "沙",
      "交",
      "沙交",
      "罚",
      "交罚",
      "2026",
      "12",
      "号",
      "abc",
    ]);
    expect(tokenizeChinese("销售过期食品")).toContain("过期");
    expect(tokenizeChinese("  ")).toEqual([]);
  });

  it("yields each term once", () => {
    expect(tokenizeChinese("张三 张三 abc ABC")).toEqual(["张", "三", "张三", "abc"]);
  });

  it("is the same function in the browser script", () => {
    const browser = browserTokenizer();
    expect(browser("中卫市某某商贸有限公司 91640500MA76")).toEqual(
      tokenizeChinese("中卫市某某商贸有限公司 91640500MA76"),
    );
  });

  test.prop([fc.string({ unit: "grapheme", maxLength: 40 })])("browser and build agree on any text", (s) => {
    expect(browserTokenizer()(s)).toEqual(tokenizeChinese(s));
  });

  it("lets MiniSearch find Chinese text by any adjacent pair, and only where adjacent", () => {
    const options = {
      fields: [...SEARCH_FIELDS],
      storeFields: [...SEARCH_STORE_FIELDS],
      tokenize: tokenizeChinese,
      processTerm: (t: string) => t,
      searchOptions: { combineWith: "AND" as const },
    };
    const ms = new MiniSearch(options);
    ms.addAll([
      { id: "a", text: "中卫市某某商贸有限公司 销售过期食品", title: "甲" },
      { id: "b", text: "张某 无照经营", title: "乙" },
    ]);
    const loaded = MiniSearch.loadJSON(JSON.stringify(ms), options);
    expect(loaded.search("过期食品").map((r) => r.id)).toEqual(["a"]);
    expect(loaded.search("无照").map((r) => r.id)).toEqual(["b"]);
    // 食 and 过 both occur in a, but never as the pair 食过.
    expect(loaded.search("食过")).toEqual([]);
  });
});
