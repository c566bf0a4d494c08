// Big5 (Traditional Chinese) sheets (issue 13): Big5 bytes are almost always valid GB18030 and
// were read as nonsense, silently. decodeText refuses them, naming the suspected encoding,
// unless the caller names the encoding.
import { TextDecoder } from "node:util";
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { encodeBig5, encodeGbk, USCC_HEADER_BIG5 } from "./legacy-encodings.test-support.js";
import { decodeText } from "./text-decode.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const TRADITIONAL_CSV =
  "統一社會信用代碼,名稱,住所\r\n91640500MA76XXXX0X,中衛市沙坡頭區某某商貿有限公司,寧夏回族自治區中衛市沙坡頭區文萃路\r\n";

describe("decodeText: Big5", () => {
  it("the test's Big5 encoder agrees with the bytes written by hand from the Big5 chart", () => {
    expect(encodeBig5("統一社會信用代碼")).toEqual(USCC_HEADER_BIG5);
    expect(new TextDecoder("big5").decode(USCC_HEADER_BIG5)).toBe("統一社會信用代碼");
  });

  it("the hand-written Big5 header is valid GB18030 — nonsense, not an error: why detection is needed", () => {
    const asGb = new TextDecoder("gb18030", { fatal: true }).decode(USCC_HEADER_BIG5);
    expect(asGb).not.toContain("統");
    expect(asGb).toContain("ノ"); // 用 (Big5 A5CE) is katakana ノ (GB18030 A5CE)
  });

  it("refuses a Big5 sheet as suspected Big5, naming the line of the first garbled character", () => {
    const e = decodeText(encodeBig5(TRADITIONAL_CSV), "org-big5.csv")._unsafeUnwrapErr();
    expect(e.code).toBe("TABLE_UNREADABLE");
    expect(e.details).toMatchObject({ suspectedEncoding: "Big5", line: 1, file: "org-big5.csv" });
    expect(e.message).toContain("疑似 Big5（繁体中文）编码");
    expect(e.message).toContain("CSV UTF-8");
    expect(e.message).toContain("--encoding");
    // ASCII lines first: the line is where the garbling starts.
    const late = decodeText(encodeBig5(`code,name\r\n1,a\r\n2,${"一大中人"}\r\n3,${"王小明"}\r\n`), "x.csv");
    expect(late._unsafeUnwrapErr().details).toMatchObject({ suspectedEncoding: "Big5", line: 3 });
  });

  it("reads the Big5 sheet as it is with encoding big5, and as GB18030 when told so", () => {
    const bytes = encodeBig5(TRADITIONAL_CSV);
    expect(decodeText(bytes, "a.csv", { encoding: "big5" })._unsafeUnwrap()).toEqual({
      text: TRADITIONAL_CSV,
      encoding: "Big5",
      bom: false,
    });
    const gb = decodeText(bytes, "a.csv", { encoding: "gb18030" })._unsafeUnwrap();
    expect(gb.encoding).toBe("GB18030");
    expect(gb.text).not.toBe(TRADITIONAL_CSV);
  });

  it("with a named encoding: bytes invalid in it are refused naming the line; a contrary BOM is refused", () => {
    const gbk = encodeGbk("名称\n甲\n乙\n");
    const e = decodeText(gbk, "a.csv", { encoding: "utf-8" })._unsafeUnwrapErr();
    expect(e.code).toBe("TABLE_UNREADABLE");
    expect(e.details).toMatchObject({ line: 1, encoding: "UTF-8" });
    const bad = Uint8Array.from([...utf8("a\nb\n"), 0xa4, 0x0a]); // a lone Big5 lead on line 3
    expect(decodeText(bad, "a.csv", { encoding: "big5" })._unsafeUnwrapErr().details).toMatchObject({
      line: 3,
      encoding: "Big5",
    });
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8("名称\n")]);
    expect(decodeText(bom, "a.csv", { encoding: "utf-8" })._unsafeUnwrap()).toEqual({
      text: "名称\n",
      encoding: "UTF-8",
      bom: true,
    });
    expect(decodeText(bom, "a.csv", { encoding: "gb18030" })._unsafeUnwrapErr().message).toContain("字节顺序标记");
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x41, 0]), "a.csv", { encoding: "big5" }).isErr()).toBe(true);
  });

  it("still reads GBK sheets as GB18030, also with a few Greek letters or a user-defined character", () => {
    for (const text of [
      "名称,规格\r\n某某制药有限公司,β-内酰胺类α型\r\n",
      "姓名,公民身份号码\r\n张\uE000,640502197804150110\r\n李四,640502198509230227\r\n",
      "统一社会信用代码,名称\r\n91640500MA76XXXX0X,中卫市沙坡头区某某商贸有限公司（样例）\r\n",
    ]) {
      expect(decodeText(encodeGbk(text), "a.csv")._unsafeUnwrap()).toEqual({ text, encoding: "GB18030", bom: false });
    }
  });

  // Big5's commonest characters: lead bytes 0xA4–0xA7 (一 乙 人 大 中 …, the fewest strokes).
  const common = fc
    .tuple(
      fc.integer({ min: 0xa4, max: 0xa7 }),
      fc.oneof(fc.integer({ min: 0x40, max: 0x7e }), fc.integer({ min: 0xa1, max: 0xfe })),
    )
    .map(([lead, trail]) => new TextDecoder("big5").decode(Uint8Array.from([lead, trail])))
    .filter((ch) => ch.length === 1 && ch !== "\uFFFD");
  // Any character of Big5's level 1 (lead bytes 0xA4–0xC6).
  const level1 = fc
    .tuple(
      fc.integer({ min: 0xa4, max: 0xc6 }),
      fc.oneof(fc.integer({ min: 0x40, max: 0x7e }), fc.integer({ min: 0xa1, max: 0xfe })),
    )
    .map(([lead, trail]) => new TextDecoder("big5").decode(Uint8Array.from([lead, trail])))
    .filter((ch) => ch >= "\u4e00" && ch <= "\u9fff"); // ideographs only

  // Big5 holds 十 twice (0xA2CC and 0xA451); encoders write the second (WHATWG, code page 950),
  // which GB18030 reads as a user-defined cell — the first reads as ⑻, and a property run once
  // built 一一十 with it, a text no spreadsheet writes.
  it("writes 十 as encoders do (0xA451), and 一一十 is suspected Big5", () => {
    expect([...encodeBig5("十兀")]).toEqual([0xa4, 0x51, 0xa4, 0x61]);
    expect(decodeText(encodeBig5("一一十"), "p.csv")._unsafeUnwrapErr().details).toMatchObject({
      suspectedEncoding: "Big5",
    });
  });

  test.prop(
    [
      fc.array(common, { minLength: 3, maxLength: 12 }),
      fc.array(fc.oneof(level1, fc.constantFrom(",", "\r\n", "a", "1", " ")), { maxLength: 40 }),
    ],
    { numRuns: 100 },
  )(
    "Traditional text of Big5's common characters is never read as GB18030, and reads back with big5",
    (marks, rest) => {
      // At least 3 common characters, at least 1 in 15 of the non-ASCII ones.
      const text = [...rest.slice(0, 20), ...marks, ...rest.slice(20)].join("");
      const bytes = encodeBig5(text);
      const r = decodeText(bytes, "p.csv");
      expect(r.isErr()).toBe(true);
      expect(r._unsafeUnwrapErr().details).toMatchObject({ suspectedEncoding: "Big5" });
      expect(decodeText(bytes, "p.csv", { encoding: "big5" })._unsafeUnwrap().text).toBe(text);
    },
  );
});
