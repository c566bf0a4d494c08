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

// The site's own texts reach every page and feed: they pass the personal-data check as a
// published item's texts do (政府信息公开条例 Art. 15), so no field reaches public output unchecked.
describe("parseSiteConfig: the site's texts carry no personal data", () => {
  const base = {
    title: "沙坡头区行政执法公示平台",
    bureauName: "中卫市沙坡头区市场监督管理局",
    baseUrl: "https://gs.example.gov.cn/",
  };
  it.each([
    ["description", "如有疑问请联系张科长 138 0013 8000"],
    ["description", "联系人身份证号 11010519491231002X"],
    ["bureauName", "市场监管局（负责人手机１３８００１３８０００）"],
    ["title", "公示平台 邮箱 zhang.san@example.com"],
  ] as const)("%s: %s is REDACTION_INCOMPLETE naming the field", (field, text) => {
    const r = parseSiteConfig({ ...base, [field]: text });
    expect(r.isErr()).toBe(true);
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(e.message).toContain(field);
  });

  // The base URL is in every feed entry, the sitemap, robots.txt and the 404 page.
  it.each([
    ["a mobile in the path", "https://gs.example.gov.cn/13812345678/", "REDACTION_INCOMPLETE"],
    ["a resident ID in the path", "https://gs.example.gov.cn/11010519491231002X/", "REDACTION_INCOMPLETE"],
    ["a mobile as a host label", "https://13800138000.example.gov.cn/", "REDACTION_INCOMPLETE"],
    [
      "a percent-encoded mobile",
      "https://gs.example.gov.cn/%31%33%38%30%30%31%33%38%30%30%30/",
      "REDACTION_INCOMPLETE",
    ],
    ["a bidi override in the path", "https://gs.example.gov.cn/gs\u202E/", "INVALID_INPUT"],
    ["a percent-encoded bidi override", "https://gs.example.gov.cn/gs%E2%80%AE/", "INVALID_INPUT"],
    ["a bidi override in the fragment", "https://gs.example.gov.cn/#\u202E", "INVALID_INPUT"],
  ] as const)("baseUrl with %s is refused (%s)", (_, baseUrl, code) => {
    const r = parseSiteConfig({ ...base, baseUrl });
    expect(r.isErr()).toBe(true);
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe(code);
    expect(e.message).toContain("baseUrl");
  });

  it("keeps ordinary base URLs: a port, a year and 12315 in the path, an IP address", () => {
    for (const baseUrl of [
      "https://amr.zw.gov.cn:8443/gs/",
      "https://www.nxzw.gov.cn/zwgk/2026/12315/",
      "http://10.1.2.3:8080/site/",
      "https://gs.example.gov.cn/a%E2%80/",
    ]) {
      expect(parseSiteConfig({ ...base, baseUrl }).isOk()).toBe(true);
    }
  });

  it("keeps ordinary texts: decision numbers, dates, the national complaints line", () => {
    const r = parseSiteConfig({
      ...base,
      description: "本平台公示沙坡头区 2026 年行政执法信息（如 宁卫市监罚〔2026〕12号），投诉举报请拨打 12315",
    });
    expect(r.isOk()).toBe(true);
  });
});
