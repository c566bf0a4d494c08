// parseSiteConfig returns a Result for any input (issue 13 §1.11): a hostile pass over every
// package's public parsers found it threw on a Proxy whose traps throw and on a revoked Proxy.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { parseSiteConfig } from "./index.js";

const boom = () => {
  throw new Error("hostile value: reading it throws");
};

const HOSTILE: Readonly<Record<string, () => unknown>> = {
  "a Proxy whose every trap throws": () =>
    new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom }),
  "a revoked Proxy": () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return proxy;
  },
  "a getter that throws": () => Object.defineProperty({}, "title", { get: boom, enumerable: true }),
  "a baseUrl whose toString throws": () => ({
    title: "公示",
    bureauName: "局",
    baseUrl: { toString: boom, [Symbol.toPrimitive]: boom },
  }),
  "Object.create(null)": () => Object.create(null),
};

describe("parseSiteConfig on hostile input", () => {
  it.each(Object.keys(HOSTILE))("%s: INVALID_INPUT, never a throw", (what) => {
    const r = parseSiteConfig((HOSTILE[what] as () => unknown)());
    expect(r.isErr()).toBe(true);
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  test.prop([fc.anything({ withNullPrototype: true, withBigInt: true, withMap: true, withTypedArray: true })])(
    "returns a Result for anything",
    (value) => {
      const r = parseSiteConfig(value);
      expect(r.isOk() || r.isErr()).toBe(true);
    },
  );

  it("still accepts a sound config, trimmed", () => {
    const r = parseSiteConfig({
      title: " 公示平台 ",
      bureauName: "市场监督管理局",
      baseUrl: "https://example.gov.cn/",
    });
    expect(r._unsafeUnwrap()).toEqual({
      title: "公示平台",
      bureauName: "市场监督管理局",
      baseUrl: "https://example.gov.cn/",
    });
  });
});
