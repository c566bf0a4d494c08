import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeValue, isUint8Array, readOptions, safeParse } from "./describe-value.js";

const boom = () => {
  throw new Error("boom");
};

describe("describeValue", () => {
  it("writes each kind of value readably", () => {
    expect(describeValue("2026-13-01")).toBe("2026-13-01");
    expect(describeValue("x".repeat(100))).toBe(`${"x".repeat(80)}…`);
    expect(describeValue(10n)).toBe("10n");
    expect(describeValue(Symbol("s"))).toBe("Symbol(s)");
    expect(describeValue(Object.create(null))).toBe("[object null prototype]");
    expect(describeValue(new Map())).toBe("[object Map]");
    expect(describeValue(function parse() {})).toBe("[function parse]");
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(new Proxy({}, { getPrototypeOf: boom }))).toBe("[unreadable value]");
  });

  test.prop([fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withBoxedValues: true })])(
    "never throws and is at most 81 characters for a string (property)",
    (value) => {
      const d = describeValue(value);
      expect(typeof d).toBe("string");
      if (typeof value === "string") expect(d.length).toBeLessThanOrEqual(81);
    },
  );
});

describe("safeParse, isUint8Array, readOptions", () => {
  it("turn a throwing value into a failure, false or undefined", () => {
    const hostile = new Proxy({}, { get: boom, getPrototypeOf: boom, ownKeys: boom, has: boom });
    const r = safeParse(z.object({ a: z.string() }), hostile);
    expect(r.success).toBe(false);
    expect(r.success ? [] : r.error.issues.map((i) => i.path)).toEqual([[]]);
    expect(safeParse(z.string(), "ok")).toEqual({ success: true, data: "ok" });
    expect(isUint8Array(hostile)).toBe(false);
    expect(isUint8Array(new Uint8Array(1))).toBe(true);
    expect(readOptions(hostile, { a: 1 })).toBe(undefined);
    expect(readOptions(undefined, { a: 1 })).toEqual({ a: 1 });
    expect(readOptions({ a: 2, b: 3 }, { a: 1 })).toEqual({ a: 2 });
    expect(readOptions("x", { a: 1 })).toBe(undefined);
  });
});
