import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkInputTexts, findUnsafeText, isUnsafeTextCharacter } from "./input-text.js";

/** Every code point the check refuses, listed by hand from its doc comment. */
const REFUSED = [
  ...Array.from({ length: 0x20 }, (_, i) => i).filter((c) => c !== 0x09 && c !== 0x0a && c !== 0x0d),
  ...Array.from({ length: 0x9f - 0x7f + 1 }, (_, i) => 0x7f + i),
  0x202a,
  0x202b,
  0x202c,
  0x202d,
  0x202e,
  0x2066,
  0x2067,
  0x2068,
  0x2069,
  0x200e,
  0x200f,
  0x061c,
  0xfeff,
];

describe("isUnsafeTextCharacter", () => {
  it("refuses exactly the C0 controls but tab and line breaks, DEL, C1, the bidi controls and U+FEFF", () => {
    const refused = new Set(REFUSED);
    for (let c = 0; c <= 0xffff; c++) expect(isUnsafeTextCharacter(c), c.toString(16)).toBe(refused.has(c));
    for (const c of [0x1f600, 0x20000, 0x10ffff]) expect(isUnsafeTextCharacter(c)).toBe(false);
  });
});

const clean = fc
  .string({ unit: "binary", maxLength: 30 })
  .map((s) => [...s].filter((ch) => !isUnsafeTextCharacter(ch.codePointAt(0) ?? 0)).join(""));

describe("checkInputTexts", () => {
  test.prop([
    fc
      .jsonValue()
      .map(
        (v) =>
          JSON.parse(
            JSON.stringify(v, (_k, x) =>
              typeof x === "string"
                ? [...x].filter((ch) => !isUnsafeTextCharacter(ch.codePointAt(0) ?? 0)).join("")
                : x,
            ),
          ) as unknown,
      ),
  ])("accepts data whose strings hold none (tabs, line breaks, any other character)", (v) => {
    expect(findUnsafeText(v)).toBeUndefined();
    expect(checkInputTexts(v, "命令无效").isOk()).toBe(true);
  });

  test.prop([clean, clean, fc.constantFrom(...REFUSED), fc.array(fc.constantFrom("a", "b", 0, 1), { maxLength: 4 })])(
    "names the path, the character and its place (in characters, after any astral ones)",
    (before, after, bad, path) => {
      const text = `${before}${String.fromCodePoint(bad)}${after}`;
      let value: unknown = text;
      for (const seg of [...path].reverse())
        value =
          typeof seg === "number"
            ? Array.from({ length: seg + 1 }, (_, i) => (i === seg ? value : "x"))
            : { [seg]: value };
      const r = checkInputTexts(value, "命令无效")._unsafeUnwrapErr();
      const code = `U+${bad.toString(16).toUpperCase().padStart(4, "0")}`;
      const at = [...before].length;
      expect(r.code).toBe("INVALID_INPUT");
      expect(r.details).toMatchObject({ path: path.join("."), codePoint: code, at });
      expect(r.message).toContain(code);
      expect(r.message).toContain(`第 ${at + 1} 个字符`);
      expect(r.message.startsWith("命令无效：")).toBe(true);
    },
  );

  it("keeps tabs and line breaks in multi-line texts", () => {
    expect(checkInputTexts({ facts: "一、\t甲\r\n二、乙\n" }, "命令无效").isOk()).toBe(true);
  });

  it("checks the keys of maps, survives cycles and unreadable values, and never throws", () => {
    expect(findUnsafeText({ amounts: { "a\u202eb": 1 } })).toEqual({
      path: ["amounts", "a\u202eb"],
      codePoint: "U+202E",
      at: 1,
    });
    const cyclic: Record<string, unknown> = { name: "ok" };
    cyclic.self = cyclic;
    expect(findUnsafeText(cyclic)).toBeUndefined();
    const hostile = Object.defineProperty({}, "x", {
      enumerable: true,
      get() {
        throw new Error("no");
      },
    });
    expect(findUnsafeText({ a: hostile, b: "\u0000" })).toEqual({ path: ["b"], codePoint: "U+0000", at: 0 });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(() => findUnsafeText({ p: revocable.proxy })).not.toThrow();
    expect(findUnsafeText(42)).toBeUndefined();
    expect(findUnsafeText(null)).toBeUndefined();
  });

  it("reports the first in depth-first order and counts astral characters as one", () => {
    expect(findUnsafeText({ a: ["ok", "😀\u0085"], b: "\u0001" })).toEqual({
      path: ["a", 1],
      codePoint: "U+0085",
      at: 1,
    });
    expect(findUnsafeText("\ufeff{}")).toEqual({ path: [], codePoint: "U+FEFF", at: 0 });
  });
});
