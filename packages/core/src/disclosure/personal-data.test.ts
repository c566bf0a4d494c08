// Issue 13 §1.2, a second hostile pass: numbers written the ways a reader still reads as the
// number (digits of other scripts and in Chinese characters, character references, any blank
// or dash, line breaks, invisible and combining characters), the labelled kinds the first
// pass missed, data split across two public texts — and the ordinary numbers of a decision
// that must stay.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { residentIdCheckChar } from "../registry/entities/checksums.js";
import {
  checkPublicTexts,
  DEFAULT_REDACTION_POLICY,
  findPersonalData,
  REDACTED_CHAR,
  type RedactionContext,
  redactText,
} from "./redaction.js";

const withCheck = (body17: string) => `${body17}${residentIdCheckChar(body17) ?? ""}`;
const ID = withCheck("64050219800512123");
const MOBILE = "13812345678";
const ctx: RedactionContext = { policy: DEFAULT_REDACTION_POLICY };
const fields = (text: string, c: RedactionContext = ctx) => findPersonalData(text, c).map((f) => f.field);

/** Each digit in another form. */
const han = (d: string) => d.replace(/\d/g, (c) => "〇一二三四五六七八九"[Number(c)] as string);
const fullWidth = (d: string) => d.replace(/\d/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const arabicIndic = (d: string) => d.replace(/\d/g, (c) => String.fromCharCode(0x0660 + Number(c)));
const groups = (d: string, sep: string, ...sizes: number[]) => {
  const out: string[] = [];
  let at = 0;
  for (const n of sizes) {
    out.push(d.slice(at, at + n));
    at += n;
  }
  return [...out, d.slice(at)].filter((g) => g !== "").join(sep);
};

describe("findPersonalData reads a number as a reader would (issue 13 §1.2)", () => {
  it.each([
    ["mobile in Chinese digits", han(MOBILE), "mobile"],
    ["mobile read out, 幺 for 1", han(MOBILE).replaceAll("一", "幺"), "mobile"],
    ["ID in Chinese digits, 〇 for 0", han(ID), "residentId"],
    ["mobile in financial numerals", "壹叁捌壹贰叁肆伍陆柒捌", "mobile"],
    ["mobile, Chinese digits grouped", groups(han(MOBILE), " ", 3, 4), "mobile"],
    ["mobile in Arabic-Indic digits", arabicIndic(MOBILE), "mobile"],
    ["mobile, mixed forms and separators", `${fullWidth("138")}－1234\u30005${han("678")}`, "mobile"],
    ["mobile, +86 and full-width", `＋８６　${groups(fullWidth(MOBILE), "　", 3, 4)}`, "mobile"],
    ["mobile, 0086", `0086-${groups(MOBILE, "-", 3, 4)}`, "mobile"],
    ["mobile, line breaks", groups(MOBILE, "\n", 3, 4), "mobile"],
    ["mobile, CRLF", groups(MOBILE, "\r\n", 3, 4), "mobile"],
    ["mobile, a long run of spaces", groups(MOBILE, "      ", 3, 4), "mobile"],
    ["mobile, tabs and a space", groups(MOBILE, "\t \t", 3, 4), "mobile"],
    ["mobile, U+2011 non-breaking hyphen", groups(MOBILE, "\u2011", 3, 4), "mobile"],
    ["mobile, U+2012 figure dash", groups(MOBILE, "\u2012", 3, 4), "mobile"],
    ["mobile, U+2212 minus", groups(MOBILE, "\u2212", 3, 4), "mobile"],
    ["mobile, U+FE63 small hyphen", groups(MOBILE, "\uFE63", 3, 4), "mobile"],
    ["mobile, U+30FB katakana middle dot", groups(MOBILE, "\u30FB", 3, 4), "mobile"],
    ["mobile, U+2060 word joiners", [...MOBILE].join("\u2060"), "mobile"],
    ["mobile, U+180E and BOM", [...MOBILE].join("\u180E\uFEFF"), "mobile"],
    ["mobile, combining marks on the digits", [...MOBILE].join("\u0301"), "mobile"],
    ["mobile, keycaps", [...MOBILE].map((d) => `${d}\uFE0F\u20E3`).join(""), "mobile"],
    ["mobile, control characters (a page shows U+FFFD)", groups(MOBILE, "\u0001", 3, 4), "mobile"],
    ["mobile, slashes", groups(MOBILE, "/", 3, 4), "mobile"],
    ["mobile, commas", groups(MOBILE, ",", 3, 4), "mobile"],
    ["mobile, area in brackets", `(${MOBILE.slice(0, 3)})${MOBILE.slice(3, 7)}-${MOBILE.slice(7)}`, "mobile"],
    ["mobile, decimal character references", `&#49;&#51;&#56;${MOBILE.slice(3)}`, "mobile"],
    ["mobile, hex references and &nbsp;", `&#x31;38&nbsp;${MOBILE.slice(3, 7)}&nbsp;${MOBILE.slice(7)}`, "mobile"],
    ["mobile, percent-encoded", `%31%33%38${MOBILE.slice(3)}`, "mobile"],
    ["ID, underscores", groups(ID, "_", 6, 8), "residentId"],
    ["ID, tildes", groups(ID, "~", 6, 8), "residentId"],
    ["ID, line breaks", groups(ID, "\n", 6, 8), "residentId"],
    ["ID, U+2010 hyphens", groups(ID, "\u2010", 6, 8), "residentId"],
    ["ID, full-width digits, U+00B7", groups(fullWidth(ID), "·", 6, 8), "residentId"],
    ["19-digit card with a unit after it", "6222021234567890123元", "bankAccount"],
  ] as const)("%s", (_, written, field) => {
    const [before, after] = ["经查，当事人", "，另查明"];
    const text = `${before}${written}${after}`;
    expect(fields(text)).toEqual([field]);
    const out = redactText(text, ctx).text;
    expect(out.startsWith(before) && out.endsWith(after)).toBe(true);
    // Every character of the number is overwritten; what may stay is a country code or
    // bracket before it, a unit after it, or the keycap's marks on its last digit.
    const kept = out.slice(before.length, out.length - after.length);
    expect(kept).toMatch(/^(?:＋|\(|0086-)?＊{11,}(?:元|\uFE0F\u20E3)?$/u);
    expect(fields(out)).toEqual([]);
  });

  it.each([
    ["联系电话：5012345", "phone", "5012345"],
    ["座机 6123 4567", "phone", "6123 4567"],
    ["护照号码E12345678", "idDocument", "E12345678"],
    ["港澳通行证号码：C12345678", "idDocument", "C12345678"],
    ["台胞证号 12345678", "idDocument", "12345678"],
    ["电子邮箱zhangsan1990@example.com", "email", "zhangsan1990@example.com"],
    ["联系邮箱 ｚｓ＿１９９０＠ｑｑ．ｃｏｍ", "email", "ｚｓ＿１９９０＠ｑｑ．ｃｏｍ"],
    ["张某，男，汉族，住中卫市沙坡头区某路1号", "homeAddress", "中卫市沙坡头区某路1号"],
    ["暂住地：中卫市沙坡头区某路1号", "homeAddress", "中卫市沙坡头区某路1号"],
    ["居住在中卫市某小区", "homeAddress", "中卫市某小区"],
    ["当事人患精神分裂症", "health", "精神分裂症"],
  ] as const)("finds a labelled value: %s", (text, field, value) => {
    expect(fields(`${text}。`)).toEqual([field]);
    expect(redactText(`${text}。`, ctx).text).not.toContain(value);
    // Redacting twice gives the same text.
    const once = redactText(`${text}。`, ctx).text;
    expect(redactText(once, ctx).text).toBe(once);
  });

  it("keeps the ordinary numbers and words of a decision (no false positives)", () => {
    for (const text of [
      "宁市监罚〔2026〕12号",
      "中沙市监罚〔2025〕12号\n中沙市监罚〔2025〕13号",
      "（2026）宁0502行初123号",
      "罚款人民币13,800,000,000.00元",
      "罚款138000000元",
      "没收违法所得123456789012元，合计12345678901234分",
      "涉案货值12,345.67元，违法所得1,234.56元",
      "二〇二六年三月十四日",
      "二〇二五年一月一日至二〇二五年十二月三十一日",
      "2026年3月14日10时30分",
      "检查时间：2026/03/14 13:45",
      "2026-03-14\n2026-03-15",
      // A list of dates (groups of two between them) never joins into an ID — fast-check found
      // 2019-01-14，2032-07-05，2033-11-01 read as one (seed -1078809060).
      "2019-01-14，2032-07-05，2033-11-01，罚款人民币1元",
      // Nor the tail of one credit code and the head of the next (seed -1326636365).
      "11110000M30202H150，11110000A00000003H，经查",
      "依据《行政处罚法》第三十二条第一项、第一百三十八条",
      "第1、3、5项；第1,3,5项；第12/13条",
      "统一社会信用代码91640502MA76XXXX1Q",
      "911522010783762860",
      "发现安全隐患三处，防患于未然，患者人数不详",
      "移送住建局处理；住宿登记",
      "一一对应；一是，二是，三是；一审；两次；零售价格",
      "举报电话12315；投诉举报电话：12345",
      "监督电话5012345",
      "邮箱 jubao@samr.gov.cn",
      "执法证件号码 64050219000123",
      "商品条码6901234567892",
      "GB/T 1234.1-2020；GB 2760-2014",
      "比例为5%30家",
    ]) {
      expect(fields(text), text).toEqual([]);
    }
  });

  it("a credit code, a decision number or a date beside a person's data does not hide the data", () => {
    expect(fields(`统一社会信用代码91640502MA76XXXX1Q，联系电话${han(MOBILE)}`)).toEqual(["mobile"]);
    expect(fields(`宁市监罚〔2026〕12号\n${groups(MOBILE, "\n", 3, 4)}`)).toEqual(["mobile"]);
  });
});

describe("data split across two public texts (issue 13 §1.1)", () => {
  it("a number split between neighbouring texts is refused at path a+b", () => {
    const r = checkPublicTexts(
      [
        { path: "content.party.name", text: `张某${MOBILE.slice(0, 3)}` },
        { path: "content.party.creditCode", text: `${MOBILE.slice(3, 7)} ${MOBILE.slice(7)}` },
      ],
      ctx,
      { acrossTexts: true },
    );
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(e.details?.findings).toEqual([
      { path: "content.party.name+content.party.creditCode", field: "mobile", count: 1 },
    ]);
  });

  it("texts each with their own ordinary numbers are not joined into one", () => {
    const texts = [
      { path: "content.documentNumber", text: "宁市监罚〔2026〕12号" },
      { path: "content.officers[0].certificateNumber", text: "64050219001" },
      { path: "content.officers[1].name", text: "李某" },
      { path: "content.basis[0]", text: "《行政处罚法》第三十二条" },
    ];
    expect(checkPublicTexts(texts, ctx, { acrossTexts: true }).isOk()).toBe(true);
    // A label at the end of one text does not reach into the next (电话 | 000 0000).
    const labelled = [
      { path: "name", text: "某局电话000" },
      { path: "nature", text: "0000＃行政机关" },
    ];
    expect(checkPublicTexts(labelled, ctx, { acrossTexts: true }).isOk()).toBe(true);
  });
});

// The property of issue 13 §1.2: any valid ID or mobile, written digit by digit in a random
// form, grouped at random, with random separators and invisible characters between, is
// found whole — redaction overwrites every character of it and leaves no digit of it.
describe("redaction property: written variants", () => {
  const digitForm = fc.constantFrom<(d: string) => string>(
    (d) => d,
    fullWidth,
    han,
    arabicIndic,
    (d) => (d === "1" ? "幺" : han(d)),
    (d) => String.fromCodePoint(0x1d7ce + Number(d)), // 𝟎–𝟗
    (d) => (d === "0" ? "⓪" : String.fromCharCode(0x2460 + Number(d) - 1)), // ①–⑨
  );
  const separator = fc.constantFrom(
    " ",
    "\u3000",
    "\u00A0",
    "\t",
    "\n",
    "\r\n",
    "-",
    "－",
    "\u2010",
    "\u2013",
    "\u2014",
    "\u2015",
    "\u2212",
    "\uFE63",
    ".",
    "·",
    "\u30FB",
    "  ",
    "-\n",
    "&nbsp;",
  );
  const invisible = fc.constantFrom("", "", "", "\u200B", "\u200D", "\uFEFF", "\u2060", "\u180E", "\u00AD", "\u0301");
  const validId = fc
    .tuple(fc.stringMatching(/^[1-6]\d{5}$/), fc.integer({ min: 1940, max: 2010 }), fc.stringMatching(/^\d{3}$/))
    .map(([region, year, seq]) => withCheck(`${region}${year}0612${seq}`));
  const secret = fc.oneof(validId, fc.stringMatching(/^1[3-9]\d{9}$/));
  const written = secret.chain((s) =>
    fc
      .tuple(
        fc.array(digitForm, { minLength: s.length, maxLength: s.length }),
        fc.array(fc.tuple(fc.boolean(), separator), { minLength: s.length - 1, maxLength: s.length - 1 }),
        fc.array(invisible, { minLength: s.length - 1, maxLength: s.length - 1 }),
      )
      .map(([forms, seps, invisibles]) => {
        let out = "";
        [...s].forEach((d, i) => {
          out += d === "X" ? "x" : (forms[i] as (d: string) => string)(d);
          if (i < s.length - 1) {
            const [cut, sep] = seps[i] as [boolean, string];
            // A separator after every third digit at most (groups of 3+), invisibles anywhere.
            out += (cut && i % 4 === 3 ? sep : "") + (invisibles[i] as string);
          }
        });
        return { secret: s, written: out };
      }),
  );
  const context = fc.constantFrom(["经查，当事人", "，另查明"], ["联系电话：", "。"], ["（", "）"], ["", ""]);

  test.prop([written, context], { numRuns: 300 })("is found whole and overwritten", ({ written }, [before, after]) => {
    const text = `${before}${written}${after}`;
    expect(findPersonalData(text, ctx).length).toBeGreaterThan(0);
    const out = redactText(text, ctx).text;
    expect(out).toBe(`${before}${REDACTED_CHAR.repeat(written.length)}${after}`);
  });
});

describe("public identifiers protect codes, not personal data inside them", () => {
  const cert = "64050000002";
  const withIds = (...publicIdentifiers: string[]): RedactionContext => ({ ...ctx, publicIdentifiers });

  it("a code is public; an ID or a mobile put into the code's field is not", () => {
    expect(fields(`执法证号${cert}`, withIds(cert))).toEqual([]);
    const idInside = `${ID.slice(0, 12)}\n${ID.slice(12)}，${cert}`;
    expect(fields(idInside, withIds(idInside))).toEqual(["residentId"]);
    const mobileInside = `${cert}；${MOBILE}`;
    expect(fields(mobileInside, withIds(mobileInside))).toEqual(["mobile"]);
  });

  it("a body's own phone stays public, whether a landline or a mobile, with text after it", () => {
    expect(fields("监督电话0955-7012345", withIds("0955-7012345'; x"))).toEqual(["phone"]);
    expect(fields("监督电话0955-7012345'; x", withIds("0955-7012345'; x"))).toEqual([]);
    expect(fields(`监督电话${MOBILE}`, withIds(MOBILE))).toEqual([]);
  });
});

describe("names given are found however spaced", () => {
  it("a witness's name with full-width spaces or a zero-width space between its characters", () => {
    const c: RedactionContext = { ...ctx, otherPersons: ["王小明"] };
    for (const written of ["王小明", "王\u3000小\u3000明", "王 小明", "王\u200B小明"]) {
      expect(fields(`证人${written}证实`, c), written).toEqual(["otherPersonName"]);
      expect(redactText(`证人${written}证实`, c).text).not.toMatch(/小\s*明/u);
    }
  });
});

describe("a number is hidden whole", () => {
  it("a 19-digit account written 4-4-4-4-3 whose last groups look like a mobile", () => {
    const text = "联系方式：6576 6143 1931 6990 169";
    const out = redactText(text, ctx).text;
    expect(out).not.toMatch(/\d/);
    expect(out.startsWith("联系方式：")).toBe(true);
  });
});
