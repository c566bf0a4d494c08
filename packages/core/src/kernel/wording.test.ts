import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { toChineseUppercase } from "./money.js";
import {
  amountText,
  amountWithCapitalsText,
  citationText,
  citeLawTitles,
  dateText,
  findRawIdentifiers,
  TERMS,
} from "./wording.js";

describe("wording — one style for amounts, dates and citations (issue 16)", () => {
  it("writes amounts 人民币…元 with two decimals, and the capitals where documents need them", () => {
    expect(amountText(200_000)).toBe("人民币2,000.00元");
    expect(amountText(0)).toBe("人民币0.00元");
    expect(amountText(1_250_000_050)).toBe("人民币12,500,000.50元");
    expect(amountWithCapitalsText(200_000)).toBe("人民币2,000.00元（大写：人民币贰仟元整）");
    expect(() => amountText(1.5)).toThrow(RangeError);
    expect(() => amountWithCapitalsText(-1)).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })])("every amount reads back to its fen", (fen) => {
    const s = amountText(fen);
    expect(s).toMatch(/^人民币\d{1,3}(?:,\d{3})*\.\d{2}元$/);
    expect(Number(s.slice(3, -1).replaceAll(",", "").replace(".", ""))).toBe(fen);
    expect(amountWithCapitalsText(fen)).toBe(`${s}（大写：${toChineseUppercase(fen)}）`);
  });

  it("writes dates 2026年3月2日, and refuses what is not a date", () => {
    expect(dateText("2026-03-02")).toBe("2026年3月2日");
    expect(dateText("2026-12-31")).toBe("2026年12月31日");
    expect(() => dateText("2026-02-30")).toThrow(RangeError);
  });

  it("cites with 《》 and Chinese numerals", () => {
    expect(citationText({ law: "价格违法行为行政处罚规定", article: 13 })).toBe("《价格违法行为行政处罚规定》第十三条");
    expect(citationText({ law: "行政处罚法", article: 58, paragraph: 1, item: 4 })).toBe(
      "《行政处罚法》第五十八条第一款第（四）项",
    );
  });

  it("puts bare law titles into 《》, longest first, and leaves cited ones alone", () => {
    const titles = ["行政处罚法", "中华人民共和国行政处罚法", "价格违法行为行政处罚规定", ""];
    expect(citeLawTitles("价格违法行为行政处罚规定第十三条", titles)).toBe("《价格违法行为行政处罚规定》第十三条");
    expect(citeLawTitles("《价格违法行为行政处罚规定》第十三条", titles)).toBe("《价格违法行为行政处罚规定》第十三条");
    expect(citeLawTitles("中华人民共和国行政处罚法第三十二条", titles)).toBe("《中华人民共和国行政处罚法》第三十二条");
    expect(citeLawTitles("依据行政处罚法第三十二条和价格违法行为行政处罚规定", titles)).toBe(
      "依据《行政处罚法》第三十二条和《价格违法行为行政处罚规定》",
    );
    expect(citeLawTitles("《中华人民共和国行政处罚法》", titles)).toBe("《中华人民共和国行政处罚法》");
    expect(citeLawTitles("无关文字", titles)).toBe("无关文字");
  });

  test.prop([fc.string(), fc.array(fc.string({ minLength: 1, maxLength: 6 }), { maxLength: 4 })])(
    "citing titles only adds 《》, and citing twice is citing once",
    (text, titles) => {
      const once = citeLawTitles(text, titles);
      expect(once.replace(/[《》]/g, "")).toBe(text.replace(/[《》]/g, ""));
      const safe = titles.every((x) => !/[《》]/.test(x));
      if (safe && !/[《》]/.test(text)) expect(citeLawTitles(once, titles)).toBe(once);
    },
  );

  it("one term per meaning: no two meanings share a word", () => {
    const values = Object.values(TERMS);
    expect(new Set(values).size).toBe(values.length);
    expect(TERMS.publishBy).not.toBe(TERMS.publicityPeriod);
  });

  it("finds raw identifiers people should never read, and not domains, files or Chinese", () => {
    const found = (s: string) => findRawIdentifiers(s).map((r) => `${r.kind}:${r.text}`);
    expect(found("程序：penalty.ordinary")).toEqual(["dotted:penalty.ordinary"]);
    expect(found("立案 → underReview")).toEqual(["camelCase:underReview"]);
    expect(found("关口：REVIEW_NOT_APPROVED（…）")).toEqual(["code:REVIEW_NOT_APPROVED"]);
    expect(found("期限 enforcement.courtApplication：")).toEqual(["dotted:enforcement.courtApplication"]);
    expect(found("执法记录仪 bodyCamera 1:1.5")).toEqual(["camelCase:bodyCamera"]);
    for (const clean of [
      "详见 https://example.gov.cn/art/2025/1.html",
      "订阅 feed.json 与 atom.xml",
      "罚款人民币2,000.00元，比例 1:1.5",
      "《行政处罚法》第五十八条",
      "JSON Feed · Atom",
      "SM3 与 SHA-256",
    ]) {
      expect(found(clean), clean).toEqual([]);
    }
  });
});
