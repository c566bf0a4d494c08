import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.js";

describe("canonicalJson", () => {
  it("sorts keys, drops undefined members, prints no white space", () => {
    expect(canonicalJson({ b: 1, a: [true, null, "甲"], c: undefined, d: { z: 0, y: -1 } })).toBe(
      '{"a":[true,null,"甲"],"b":1,"d":{"y":-1,"z":0}}',
    );
  });

  it("refuses values JSON cannot carry exactly", () => {
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(2 ** 60)).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
    expect(() => canonicalJson(new Date(0))).toThrow(TypeError);
  });

  const json = fc.jsonValue({ noUnicodeString: false }).filter((v) => {
    try {
      canonicalJson(v);
      return true;
    } catch {
      return false;
    }
  });
  test.prop([json])("parses back to the same value and is stable under key reordering", (v) => {
    const text = canonicalJson(v);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
    const reordered = JSON.parse(JSON.stringify(v), (_k, x) =>
      x !== null && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).reverse()) : x,
    );
    expect(canonicalJson(reordered)).toBe(text);
  });
});
