import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { encodeGbk, USCC_HEADER_GBK } from "./legacy-encodings.test-support.js";
import { decodeText } from "./text-decode.js";

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const utf16 = (s: string, littleEndian: boolean): Uint8Array => {
  const out = new Uint8Array(2 + s.length * 2);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < s.length; i++) view.setUint16(2 + i * 2, s.charCodeAt(i), littleEndian);
  return out;
};

describe("decodeText", () => {
  it("the test's GBK encoder agrees with the bytes written by hand from the GB2312 chart", () => {
    expect(encodeGbk("统一社会信用代码")).toEqual(USCC_HEADER_GBK);
  });

  it("reads what Excel on Chinese Windows saves (GBK, no mark) as GB18030", () => {
    const csv = "统一社会信用代码,名称\r\n91640500MA76XXXX0X,中卫市沙坡头区某某商贸有限公司（样例）\r\n";
    const r = decodeText(encodeGbk(csv), "org-gbk.csv");
    expect(r._unsafeUnwrap()).toEqual({ text: csv, encoding: "GB18030", bom: false });
  });

  it("reads UTF-8 with and without a BOM, and UTF-16 LE and BE after their BOM", () => {
    const text = "名称,地址\n𠀋字,宁夏\n";
    expect(decodeText(utf8(text), "a.csv")._unsafeUnwrap()).toEqual({ text, encoding: "UTF-8", bom: false });
    expect(decodeText(concat(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8(text)), "a.csv")._unsafeUnwrap()).toEqual({
      text,
      encoding: "UTF-8",
      bom: true,
    });
    expect(decodeText(utf16(text, true), "a.csv")._unsafeUnwrap()).toEqual({ text, encoding: "UTF-16LE", bom: true });
    expect(decodeText(utf16(text, false), "a.csv")._unsafeUnwrap()).toEqual({ text, encoding: "UTF-16BE", bom: true });
  });

  it("refuses bytes that are neither UTF-8 nor GB18030, naming the line of each", () => {
    // Line 3 holds 0xFF, which starts no sequence in either encoding.
    const bytes = concat(utf8("name,address\na,b\nc"), Uint8Array.from([0xff]), utf8(",d\n"));
    const e = decodeText(bytes, "bad.csv")._unsafeUnwrapErr();
    expect(e.code).toBe("TABLE_UNREADABLE");
    expect(e.message).toContain("第 3 行不是有效的 UTF-8");
    expect(e.message).toContain("第 3 行不是有效的 GB18030");
    expect(e.details).toMatchObject({ line: 3, utf8Line: 3, gb18030Line: 3 });
    // A GBK sheet damaged on line 3: UTF-8 fails at once, GB18030 only where the damage is.
    const damaged = concat(encodeGbk("名称,地址\n甲,乙\n丙"), Uint8Array.from([0xff]), encodeGbk(",丁\n"));
    const d = decodeText(damaged, "bad.csv")._unsafeUnwrapErr();
    expect(d.message).toContain("第 1 行不是有效的 UTF-8，第 3 行不是有效的 GB18030");
  });

  it("refuses a UTF-8 BOM before invalid UTF-8 (the mark is believed, not second-guessed), naming the line", () => {
    const bytes = concat(Uint8Array.from([0xef, 0xbb, 0xbf]), utf8("a\nb\n"), encodeGbk("中文"));
    const e = decodeText(bytes, "x.csv")._unsafeUnwrapErr();
    expect(e.message).toContain("第 3 行不是有效的 UTF-8");
  });

  it("refuses an unpaired surrogate in UTF-16, naming the line", () => {
    const bytes = utf16("a\nb\n\uD800c", true);
    expect(decodeText(bytes, "x.csv")._unsafeUnwrapErr().message).toContain("第 3 行不是有效的 UTF-16LE");
  });

  it("refuses text with a NUL (binary, or UTF-16 saved without its mark), naming the line", () => {
    const e = decodeText(utf8("a,b\nc\u0000d,e\n"), "x.csv")._unsafeUnwrapErr();
    expect(e.code).toBe("TABLE_UNREADABLE");
    expect(e.message).toContain("第 2 行含有空字符");
  });

  test.prop([fc.string({ unit: "grapheme" })])("any text saved as UTF-8 is read back exactly, as UTF-8", (text) => {
    fc.pre(!text.includes("\0"));
    expect(decodeText(utf8(text), "p.csv")._unsafeUnwrap()).toEqual({ text, encoding: "UTF-8", bom: false });
  });

  test.prop([fc.string({ unit: "grapheme" }), fc.boolean()])(
    "any text saved as UTF-16 with its BOM is read back exactly",
    (text, littleEndian) => {
      fc.pre(!text.includes("\0"));
      expect(decodeText(utf16(text, littleEndian), "p.csv")._unsafeUnwrap().text).toBe(text);
    },
  );

  // Chinese text of the 3,755 level-1 GB2312 characters (lead bytes 0xB0–0xD7) and ASCII.
  const hanzi = fc
    .tuple(fc.integer({ min: 0xb0, max: 0xd7 }), fc.integer({ min: 0xa1, max: 0xfe }))
    .filter(([lead, trail]) => !(lead === 0xd7 && trail > 0xf9))
    .map(([lead, trail]) => new TextDecoder("gb18030").decode(Uint8Array.from([lead, trail])));
  const gbkText = fc
    .array(fc.oneof(hanzi, fc.constantFrom(",", "\n", "a", "1", " ", "（", "）")), { minLength: 1 })
    .map((a) => a.join(""));

  test.prop([gbkText])(
    "Chinese text saved as GBK is read back exactly, as GB18030 unless its bytes are also UTF-8",
    (text) => {
      const bytes = encodeGbk(text);
      const r = decodeText(bytes, "p.csv")._unsafeUnwrap();
      let validUtf8 = true;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        validUtf8 = false;
      }
      if (validUtf8) expect(r.encoding).toBe("UTF-8");
      else expect(r).toEqual({ text, encoding: "GB18030", bom: false });
    },
  );

  test.prop([fc.uint8Array({ maxLength: 200 })])(
    "any bytes give text or TABLE_UNREADABLE with a line inside the file, never a throw",
    (bytes) => {
      const r = decodeText(bytes, "p.csv");
      if (r.isErr()) {
        expect(r.error.code).toBe("TABLE_UNREADABLE");
        const line = r.error.details?.line as number;
        const lines = bytes.filter((b) => b === 0x0a).length + 1;
        expect(line).toBeGreaterThanOrEqual(1);
        expect(line).toBeLessThanOrEqual(lines);
      }
    },
  );
});
