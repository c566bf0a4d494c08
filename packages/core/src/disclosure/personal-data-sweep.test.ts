// The third hostile sweep (issue 13): 100+ ways an attacker might slip a resident ID, mobile,
// landline, bank card, plate, e-mail, WeChat id, QQ number, address, health condition,
// identity document or a given name past the detector — other digit forms (full-width,
// circled ❶ ➀ ⑴ ⒈ that NFKC leaves or folds with punctuation, mathematical, superscript,
// Chinese), separators of every kind, line breaks inside numbers, labels with blanks between
// their characters (身 份 证 号), in traditional characters (身份證, 聯繫電話) or in English
// (Tel, Mobile, Passport No.), country codes (+86, 0086, (86)) and area codes. Each row says
// whether the detector caught it before this pass. Then the other side: the ordinary numbers
// of a decision (文号, amounts, dates, articles, credit codes, lists) stay unflagged, as a
// table and as a property.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { orgCodeCheckChar, residentIdCheckChar, usccCheckChar } from "../registry/entities/checksums.js";
import { isResidentId } from "./personal-data-numbers.js";
import {
  DEFAULT_REDACTION_POLICY,
  findPersonalData,
  type PersonalDataFinding,
  REDACTION_FIELD_RULES,
  type RedactionContext,
  type RedactionField,
  redactText,
} from "./redaction.js";

const withCheck = (body17: string) => `${body17}${residentIdCheckChar(body17) ?? ""}`;
const ID = withCheck("64050219800512123");
/** A resident ID number whose check character is X. */
const X_ID = withCheck("64050219800512106");
const MOBILE = "13812345678";
/** Luhn-valid cards of 19 and 16 digits. */
const CARD = "6222021234567890128";
const CARD16 = "6217001234567893";
const ctx: RedactionContext = { policy: DEFAULT_REDACTION_POLICY, otherPersons: ["王小明"] };

const fw = (d: string) => d.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const circled = (d: string) => d.replace(/\d/g, (c) => (c === "0" ? "⓪" : String.fromCharCode(0x2460 + Number(c) - 1)));
const negCircled = (d: string) =>
  d.replace(/\d/g, (c) => (c === "0" ? "⓿" : String.fromCharCode(0x2776 + Number(c) - 1)));
const sansCircled = (d: string) =>
  d.replace(/\d/g, (c) => (c === "0" ? "🄋" : String.fromCharCode(0x2780 + Number(c) - 1)));
const paren = (d: string) => d.replace(/\d/g, (c) => (c === "0" ? "0" : String.fromCharCode(0x2474 + Number(c) - 1)));
const stop = (d: string) => d.replace(/\d/g, (c) => (c === "0" ? "🄀" : String.fromCharCode(0x2488 + Number(c) - 1)));
const math = (d: string, zero: number) => d.replace(/\d/g, (c) => String.fromCodePoint(zero + Number(c)));
const sup = (d: string) => d.replace(/\d/g, (c) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(c)] as string);
const han = (d: string) => d.replace(/\d/g, (c) => "零一二三四五六七八九"[Number(c)] as string);
const g344 = (m: string, s: string) => `${m.slice(0, 3)}${s}${m.slice(3, 7)}${s}${m.slice(7)}`;
const g6844 = (m: string, s: string) => `${m.slice(0, 6)}${s}${m.slice(6, 14)}${s}${m.slice(14)}`;
const g4 = (m: string, s: string) => (m.match(/.{1,4}/g) ?? []).join(s);

/**
 * [what, text, the part that must be hidden, as what, how the detector did before this pass].
 * "missed" rows are the ones this pass fixed; "found" rows were tried and already held.
 */
export const SWEEP: readonly (readonly [string, string, string, RedactionField, "missed" | "found"])[] = [
  // Resident ID numbers
  ["ID, spaced label", `身 份 证 号：${ID}`, ID, "residentId", "found"],
  ["ID, traditional label", `身份證號碼：${ID}`, ID, "residentId", "found"],
  ["ID, English label", `ID No.: ${ID}`, ID, "residentId", "found"],
  ["ID, full-width X", `公民身份号码${X_ID.slice(0, 17)}Ｘ`, `${X_ID.slice(0, 17)}Ｘ`, "residentId", "found"],
  [
    "ID, lower-case x after a spaced label",
    `身 份 证：${X_ID.slice(0, 17)}x`,
    `${X_ID.slice(0, 17)}x`,
    "residentId",
    "found",
  ],
  ["ID, full-width digits, half-width spaces", g6844(fw(ID), " "), g6844(fw(ID), " "), "residentId", "found"],
  ["ID, CRLF inside", g6844(ID, "\r\n"), g6844(ID, "\r\n"), "residentId", "found"],
  [
    "ID, a line break mid-group",
    `${ID.slice(0, 10)}\n${ID.slice(10)}`,
    `${ID.slice(0, 10)}\n${ID.slice(10)}`,
    "residentId",
    "found",
  ],
  ["ID, circled digits", circled(ID), circled(ID), "residentId", "found"],
  ["ID, mathematical bold digits", math(ID, 0x1d7ce), math(ID, 0x1d7ce), "residentId", "found"],
  ["ID, mathematical monospace digits", math(ID, 0x1d7f6), math(ID, 0x1d7f6), "residentId", "found"],
  ["ID, superscript digits", sup(ID), sup(ID), "residentId", "found"],
  ["ID, Chinese digits with 零", han(ID), han(ID), "residentId", "found"],
  ["ID, slashes 6/8/4", g6844(ID, "/"), g6844(ID, "/"), "residentId", "found"],
  ["ID, en dashes 4-4-4-4-2", g4(ID, "–"), g4(ID, "–"), "residentId", "found"],
  ["ID, in a name-with-ID", `张某（${ID}）`, ID, "residentId", "found"],
  [
    "ID, name and ID with a full-width colon",
    `当事人：张某，公民身份号码：${g6844(ID, "　")}`,
    g6844(ID, "　"),
    "residentId",
    "found",
  ],
  ["ID, negative circled digits (❶, no NFKC form)", negCircled(ID), negCircled(ID), "residentId", "missed"],
  ["ID, parenthesized digits (⑴ → (1))", paren(ID), paren(ID), "residentId", "missed"],
  // Mobiles
  ["mobile, +86 prefix", `+86 ${MOBILE}`, MOBILE, "mobile", "found"],
  ["mobile, +86-", `+86-${g344(MOBILE, "-")}`, g344(MOBILE, "-"), "mobile", "found"],
  ["mobile, (86) prefix", `(86)${MOBILE}`, MOBILE, "mobile", "found"],
  ["mobile, (+86) prefix", `（+86）${MOBILE}`, MOBILE, "mobile", "found"],
  ["mobile, 0086 full-width", `００８６ ${fw(MOBILE)}`, fw(MOBILE), "mobile", "found"],
  ["mobile, 86 joined", `86${MOBILE}`, `86${MOBILE}`, "mobile", "found"],
  ["mobile, English label Mobile", `Mobile: ${g344(MOBILE, " ")}`, g344(MOBILE, " "), "mobile", "found"],
  ["mobile, Tel label", `Tel：${MOBILE}`, MOBILE, "mobile", "found"],
  ["mobile, traditional label", `手機號碼：${MOBILE}`, MOBILE, "mobile", "found"],
  ["mobile, spaced label", `手 机 号 ${MOBILE}`, MOBILE, "mobile", "found"],
  ["mobile, one digit a line", [...MOBILE].join("\n"), [...MOBILE].join("\n"), "mobile", "found"],
  ["mobile, circled digits", circled(MOBILE), circled(MOBILE), "mobile", "found"],
  ["mobile, negative circled digits", negCircled(MOBILE), negCircled(MOBILE), "mobile", "missed"],
  ["mobile, sans-serif circled digits", sansCircled(MOBILE), sansCircled(MOBILE), "mobile", "missed"],
  ["mobile, parenthesized digits", paren(MOBILE), paren(MOBILE), "mobile", "missed"],
  ["mobile, digits with a full stop (⒈)", stop(MOBILE), stop(MOBILE), "mobile", "found"],
  ["mobile, mathematical double-struck", math(MOBILE, 0x1d7d8), math(MOBILE, 0x1d7d8), "mobile", "found"],
  ["mobile, Chinese digits mixed", `一三八 1234 五六七八`, `一三八 1234 五六七八`, "mobile", "found"],
  ["mobile, financial numerals spaced", "壹叁捌 壹贰叁肆 伍陆柒捌", "壹叁捌 壹贰叁肆 伍陆柒捌", "mobile", "found"],
  ["mobile, underscores", g344(MOBILE, "_"), g344(MOBILE, "_"), "mobile", "found"],
  ["mobile, asterisks between", g344(MOBILE, "*"), g344(MOBILE, "*"), "mobile", "found"],
  [
    "mobile, 3-8 with a Chinese comma",
    `${MOBILE.slice(0, 3)}，${MOBILE.slice(3)}`,
    `${MOBILE.slice(0, 3)}，${MOBILE.slice(3)}`,
    "mobile",
    "found",
  ],
  ["mobile, 3-4-4 Chinese commas", g344(MOBILE, "，"), g344(MOBILE, "，"), "mobile", "found"],
  ["mobile, ideographic full stops", g344(MOBILE, "。"), g344(MOBILE, "。"), "mobile", "missed"],
  ["mobile, wave dash", g344(MOBILE, "〜"), g344(MOBILE, "〜"), "mobile", "missed"],
  ["mobile, runs of four hyphens", g344(MOBILE, "----"), g344(MOBILE, "----"), "mobile", "missed"],
  ["mobile, vertical bars", g344(MOBILE, "|"), g344(MOBILE, "|"), "mobile", "missed"],
  ["mobile, colons", g344(MOBILE, ":"), g344(MOBILE, ":"), "mobile", "missed"],
  ["mobile, apostrophes", g344(MOBILE, "'"), g344(MOBILE, "'"), "mobile", "missed"],
  ["mobile, full-width plus signs", g344(MOBILE, "＋"), g344(MOBILE, "＋"), "mobile", "missed"],
  ["mobile, enumeration commas 、", g344(MOBILE, "、"), g344(MOBILE, "、"), "mobile", "missed"],
  ["ID, colons 6:8:4", g6844(ID, ":"), g6844(ID, ":"), "residentId", "missed"],
  // Landlines
  ["landline, 0951-", "电话0951-5012345", "0951-5012345", "phone", "found"],
  ["landline, full-width", "０９５１－５０１２３４５", "０９５１－５０１２３４５", "phone", "found"],
  ["landline, em dash", "0951—5012345", "0951—5012345", "phone", "found"],
  ["landline, brackets", "（0951）5012345", "（0951）5012345", "phone", "found"],
  ["landline, 010-8765-4321", "010-8765-4321", "010-8765-4321", "phone", "missed"],
  ["landline, 0951 501 2345", "座机0951 501 2345", "0951 501 2345", "phone", "missed"],
  ["landline, +86-951-", "+86-951-5012345", "951-5012345", "phone", "missed"],
  ["landline, 0086 10", "0086 10 87654321", "10 87654321", "phone", "missed"],
  ["landline, Tel label, no area code", "Tel: 5012345", "5012345", "phone", "missed"],
  ["landline, Phone label", "Phone 8765 4321", "8765 4321", "phone", "missed"],
  ["landline, traditional label", "聯繫電話：5012345", "5012345", "phone", "missed"],
  ["landline, spaced label", "电 话：5012345", "5012345", "phone", "missed"],
  ["landline, Chinese digits after a label", "电话：五零一二三四五", "五零一二三四五", "phone", "found"],
  ["landline, with extension", "0951-5012345-8001", "0951-5012345", "phone", "found"],
  // Bank cards
  ["card, 4-4-4-4-3", g4(CARD, " "), g4(CARD, " "), "bankAccount", "found"],
  ["card, full-width and ideographic space", g4(fw(CARD16), "　"), g4(fw(CARD16), "　"), "bankAccount", "found"],
  ["card, slashes", g4(CARD16, "/"), g4(CARD16, "/"), "bankAccount", "missed"],
  ["card, underscores", g4(CARD16, "_"), g4(CARD16, "_"), "bankAccount", "missed"],
  ["card, Chinese digits", han(CARD16), han(CARD16), "bankAccount", "found"],
  ["card, circled digits", circled(CARD16), circled(CARD16), "bankAccount", "found"],
  ["card, traditional label, short", "銀行帳號：12345678", "12345678", "bankAccount", "missed"],
  ["card, spaced label", "银 行 卡 号 12345678", "12345678", "bankAccount", "missed"],
  ["card, English label", "Account No.: 12345678", "12345678", "bankAccount", "missed"],
  // Plates
  ["plate, blank and a count", "宁A12345 3辆", "宁A12345", "licencePlate", "missed"],
  ["plate, dot, blank and a year", "车牌宁A·12345 2024年", "宁A·12345", "licencePlate", "missed"],
  ["plate, line break inside", "宁A\n12345", "宁A\n12345", "licencePlate", "missed"],
  ["plate, line break and a digit after", "宁A12345\n2", "宁A12345", "licencePlate", "found"],
  ["plate, circled digits", `宁A${circled("12345")}`, `宁A${circled("12345")}`, "licencePlate", "found"],
  ["plate, Chinese digits", "宁A一二三四五", "宁A一二三四五", "licencePlate", "found"],
  ["plate, new energy blank then digits", "宁AD12345 12", "宁AD12345", "licencePlate", "missed"],
  ["plate, suffix then blank digit", "京A1234学 2", "京A1234学", "licencePlate", "missed"],
  // E-mail
  ["email, (at)", "zhangsan(at)example.com", "zhangsan(at)example.com", "email", "missed"],
  ["email, [at] and [dot]", "zhangsan[at]example[dot]com", "zhangsan[at]example[dot]com", "email", "missed"],
  ["email, spaces round @", "zhangsan @ example.com", "zhangsan @ example.com", "email", "missed"],
  [
    "email, full-width",
    "ｚｈａｎｇｓａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    "ｚｈａｎｇｓａｎ＠ｅｘａｍｐｌｅ．ｃｏｍ",
    "email",
    "found",
  ],
  ["email, ideographic full stop", "zhangsan@example。com", "zhangsan@example。com", "email", "missed"],
  ["email, QQ mail digits", "邮箱123456789@qq.com", "123456789@qq.com", "email", "found"],
  // WeChat / QQ
  ["WeChat, spaced label", "微 信 号：zhang_san88", "zhang_san88", "wechatId", "missed"],
  ["WeChat, traditional label", "微信號：zhang_san88", "zhang_san88", "wechatId", "missed"],
  ["WeChat, 薇信", "加薇信zhang_san88", "zhang_san88", "wechatId", "missed"],
  ["WeChat, VX upper case", "VX：zhang_san88", "zhang_san88", "wechatId", "found"],
  ["WeChat, Wechat with colon", "Wechat: zhang_san88", "zhang_san88", "wechatId", "found"],
  ["WeChat, full-width label", "ＷＸ：zhang_san88", "zhang_san88", "wechatId", "found"],
  ["QQ, spaced label", "Q Q：12345678", "12345678", "qqNumber", "missed"],
  ["QQ, full-width, Chinese digits", "ＱＱ号：一二三四五六七八", "一二三四五六七八", "qqNumber", "found"],
  ["QQ, traditional 號碼", "QQ號碼：12345678", "12345678", "qqNumber", "missed"],
  ["QQ, 扣扣 spaced", "扣 扣：12345678", "12345678", "qqNumber", "missed"],
  // Addresses, health, other documents
  ["address, spaced label", "住 址：中卫市沙坡头区某路1号", "中卫市沙坡头区某路1号", "homeAddress", "found"],
  ["address, traditional label", "現住址：中衛市沙坡頭區某路1號", "中衛市沙坡頭區某路1號", "homeAddress", "found"],
  ["address, 戶籍地", "戶籍地：中衛市某村", "中衛市某村", "homeAddress", "missed"],
  ["address, English label", "Home address: No. 1 Mou Road", "No. 1 Mou Road", "homeAddress", "missed"],
  ["address, 通讯地址", "通讯地址：中卫市某小区3栋", "中卫市某小区3栋", "homeAddress", "found"],
  ["health, spaced label", "病 史：高血压", "高血压", "health", "missed"],
  ["health, traditional label", "診斷為抑鬱症", "抑鬱症", "health", "missed"],
  ["health, 健康狀況", "健康狀況：糖尿病", "糖尿病", "health", "missed"],
  ["passport, English label", "Passport No. E12345678", "E12345678", "idDocument", "missed"],
  ["passport, traditional", "護照號碼：E12345678", "E12345678", "idDocument", "missed"],
  ["HK permit, spaced label", "港 澳 通 行 证 号 码：C12345678", "C12345678", "idDocument", "missed"],
  [
    "name-with-ID, name given, spaced with a middle dot",
    "证人王·小明（640502198005121238）",
    "王·小明",
    "otherPersonName",
    "missed",
  ],
  // More of the same kinds
  ["landline, area code in brackets, grouped", "（0951）501-2345", "0951）501-2345", "phone", "missed"],
  ["landline, (010)8765-4321", "(010)8765-4321", "010)8765-4321", "phone", "missed"],
  ["mobile, +86 and the first group in brackets", "+86(138)1234-5678", "138)1234-5678", "mobile", "found"],
  ["mobile, a blank between every digit", [...MOBILE].join(" "), [...MOBILE].join(" "), "mobile", "found"],
  ["mobile, hyphens before line breaks", g344(MOBILE, "-\n"), g344(MOBILE, "-\n"), "mobile", "found"],
  ["mobile, read out with 幺 and 两", "幺三八 幺两三四 五六七八", "幺三八 幺两三四 五六七八", "mobile", "found"],
  ["ID, the old 15-digit number", "身份证号640502800512123", "640502800512123", "residentId", "found"],
  [
    "card, financial numerals",
    "陆贰壹柒零零壹贰叁肆伍陆柒捌玖叁",
    "陆贰壹柒零零壹贰叁肆伍陆柒捌玖叁",
    "bankAccount",
    "found",
  ],
  ["email, (AT) upper case", "ZHANGSAN(AT)EXAMPLE.COM", "ZHANGSAN(AT)EXAMPLE.COM", "email", "missed"],
  ["email, <at> and <dot>", "zhangsan<at>example<dot>com", "zhangsan<at>example<dot>com", "email", "missed"],
  ["email, full-width brackets", "zhangsan（at）example．com", "zhangsan（at）example．com", "email", "missed"],
  ["WeChat, blanks round a full-width colon", "微信 ： zhang_san88", "zhang_san88", "wechatId", "found"],
  ["QQ, financial numerals", "QQ号：壹贰叁肆伍陆柒捌", "壹贰叁肆伍陆柒捌", "qqNumber", "found"],
  ["address, spaced label over a line break", "家 庭\n住 址：中卫市某路1号", "中卫市某路1号", "homeAddress", "found"],
  ["health, 確診", "確診為糖尿病", "糖尿病", "health", "missed"],
  ["name given, katakana middle dot", "证人王・小明证实", "王・小明", "otherPersonName", "missed"],
  ["plate, ideographic space and a count", "宁A12345\u30003辆", "宁A12345", "licencePlate", "missed"],
  ["plate, traditional province, blank and a digit", "寧A12345 3", "寧A12345", "licencePlate", "missed"],
];

const covers = (fs: readonly PersonalDataFinding[], from: number, to: number, field: RedactionField) =>
  fs.some((f) => f.start <= from && to <= f.end && f.field === field);

describe("hostile sweep: personal data written to slip past the detector is found", () => {
  it.each(SWEEP)("%s: %j", (_what, text, secret, field) => {
    const at = text.indexOf(secret);
    expect(at).toBeGreaterThanOrEqual(0);
    expect(covers(findPersonalData(text, ctx), at, at + secret.length, field)).toBe(true);
    const out = redactText(text, ctx).text;
    expect(out).not.toContain(secret);
    // What is left passes a second look: nothing of the number or value is left to find.
    expect(findPersonalData(out, ctx)).toEqual([]);
  });

  it("the table is 100+ rows over every kind, 50+ of them missed before this pass", () => {
    expect(SWEEP.length).toBeGreaterThanOrEqual(100);
    expect(SWEEP.filter((r) => r[4] === "missed").length).toBeGreaterThanOrEqual(50);
    const kinds = new Set(SWEEP.map((r) => r[3]));
    for (const f of [
      "residentId",
      "mobile",
      "phone",
      "bankAccount",
      "licencePlate",
      "email",
      "wechatId",
      "qqNumber",
      "homeAddress",
      "health",
      "idDocument",
      "otherPersonName",
    ] as const) {
      expect(kinds.has(f), f).toBe(true);
    }
  });

  it("every field found keeps its source (个人信息 under 政府信息公开条例 Art. 15, the ID under 居民身份证法 Art. 19)", () => {
    for (const [, , , field] of SWEEP) {
      const { source } = REDACTION_FIELD_RULES[field];
      expect([`${source.law} ${source.article}`], field).toEqual([
        field === "residentId" ? "居民身份证法 19" : "政府信息公开条例 15",
      ]);
    }
  });
});

/**
 * [what, text]: the ordinary words and numbers of a decision that look like one of the forms
 * above and must stay — nothing may be found in them.
 */
export const KEPT: readonly (readonly [string, string])[] = [
  ["文号", "沙市监罚〔2026〕12345号"],
  ["文号 with 字", "宁市监罚字〔2026〕第00012号"],
  ["amount with commas and fen", "罚款人民币12,345,678.00元"],
  ["amount of 1.3亿 with fen (a mobile's 11 digits with the fraction)", "罚款130000000.00元"],
  ["amount of 15 digits", "没收违法所得123,456,789,012,345元"],
  ["an 8-digit date", "于20261207作出"],
  ["dates with dots", "2026.12.07至2026.12.08"],
  ["article numbers in Chinese", "依据《行政处罚法》第一百三十八条第一款第（三）项"],
  ["article numbers with parenthesized digits", "第⑴项、第⑵项、第⑶项"],
  ["a credit code", "统一社会信用代码91640502MA76XXXX1Q"],
  ["a credit code of digits", "911522010783762860"],
  ["a list: 8 digits, a comma, 3 digits", "检查数量分别为13812345，678件"],
  ["a list: 7 digits, a comma, 4 digits", "货值1381234，5678元"],
  ["a long amount in commas", "1,234,567,890,123,456元"],
  ["a sum, 7 digits plus 4", "合计1381234+5678元"],
  ["table cells, 8 digits and 3", "|13812345|678|"],
  ["a list with 、, 8 digits and 3", "编号13812345、678"],
  ["times", "13:45:12至14:30:00"],
  ["a URL with groups of four digits", "https://www.gov.cn/zhengce/2025/1234/5678/9012/3456.htm"],
  ["a plate-like code joined on by a dot", "宁A12345.6"],
  ["a plate-like code joined on by a middle dot", "宁A12345·6"],
  ["a four-character code, a blank and digits", "宁A1234 567"],
  ["English prose with at", "Contact us at example.com"],
  ["a hotline after Tel", "Tel: 12315"],
  ["a mobile phone shop", "Mobile phone shop"],
  ["an annual report", "Account 2025 annual report"],
  ["a case id after ID", "Case ID: 2025000123"],
  ["an office's address in English", "Office address: No. 1 Road"],
  ["traditional: a hidden danger", "發現安全隱患三處，後患無窮"],
  ["traditional: a complaint line", "舉報電話12315"],
  ["traditional: 关于", "關於行政處罰決定書的說明"],
  ["a spaced 隐患", "隐 患 三 处"],
  ["a spaced 办公地址", "办 公 地 址：中卫市某路1号"],
  ["a spaced 文 号", "文 号：宁市监罚〔2026〕12号"],
  ["a QQ group", "Q Q群：123456789"],
  ["a note in brackets", "联系方式见附件（at）某处"],
  ["a quantity after 86", "86-951-12"],
  ["pages", "第1页 共12页"],
  ["ISBN", "ISBN 978-7-1234-5678-9"],
  ["an address of a body", "宁夏回族自治区银川市兴庆区解放西街1号"],
];

describe("ordinary texts that look close are left alone", () => {
  it.each(KEPT)("%s: %s", (_what, text) => {
    expect(findPersonalData(text, ctx)).toEqual([]);
    expect(redactText(text, ctx).text).toBe(text);
  });
});

describe("a comma inside a number (finding 3 of the last review)", () => {
  // Decision: a comma is a list's separator in Chinese prose. Through one, a mobile is read
  // only in the groupings phone numbers are written in (3-4-4, 4-4-3, 3-8); an 8-digit number
  // starting 13–19, a comma and 3 digits (or 7 and 4) are two numbers of a list — quantities,
  // amounts, counts — and are kept. The price: a mobile written 8,3 or 7,4 is not found.
  it("8-digit number, comma, 3 digits: two numbers of a list, kept", () => {
    expect(findPersonalData("抽检样品13812345，不合格678", ctx)).toEqual([]);
    expect(findPersonalData("共计13812345，678件", ctx)).toEqual([]);
    expect(findPersonalData("货值1381234，5678元", ctx)).toEqual([]);
  });
  it("a mobile's own groupings through commas are still found", () => {
    for (const written of ["138，1234，5678", "1381，2345，678", "138，12345678", "138,1234,5678"]) {
      expect(
        findPersonalData(written, ctx).map((f) => f.field),
        written,
      ).toEqual(["mobile"]);
    }
  });
  it("other loose separators are not list separators: 8-3 through a slash is a mobile", () => {
    expect(findPersonalData("13812345/678", ctx).map((f) => f.field)).toEqual(["mobile"]);
  });
});

// The property for false positives: texts made only of the ordinary numbers of a decision —
// 文号, amounts with and without commas, 8-digit and written dates, article numbers, valid
// credit codes, lists with commas, plate-like codes with a joint — have nothing found.
describe("false positives property", () => {
  const docNumber = fc
    .tuple(
      fc.constantFrom("沙市监罚", "宁市监罚", "中沙市监罚", "银市监罚字", "宁A字"),
      fc.integer({ min: 2000, max: 2030 }),
      fc.integer({ min: 1, max: 99999 }),
    )
    .map(([p, y, n]) => `${p}〔${y}〕${n}号`);
  // Up to 99.99亿元 written plain (an 11+-digit run holding a mobile's shape, 13000000000元,
  // is hidden whole: the detector's conservative side), and any amount in commas.
  const amount = fc
    .tuple(
      fc.oneof(fc.bigInt({ min: 0n, max: 9_999_999_999n }), fc.bigInt({ min: 0n, max: 999_999_999_999_999n })),
      fc.boolean(),
      fc.boolean(),
    )
    .filter(([n, commas]) => commas || n < 10_000_000_000n)
    .map(([n, commas, fen]) => {
      const s = commas ? n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",") : n.toString();
      return `罚款${s}${fen ? ".00" : ""}元`;
    });
  const date = fc
    .tuple(fc.integer({ min: 2000, max: 2030 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .chain(([y, m, d]) => {
      const mm = String(m).padStart(2, "0");
      const dd = String(d).padStart(2, "0");
      return fc.constantFrom(`于${y}${mm}${dd}作出`, `${y}-${mm}-${dd}`, `${y}年${m}月${d}日`, `${y}.${mm}.${dd}`);
    });
  const article = fc
    .tuple(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 9 }))
    .chain(([a, p]) => fc.constantFrom(`第${a}条第${p}款`, `第${a}条第（${p}）项`, "第一百三十八条第一款第（三）项"));
  const creditCode = fc
    .tuple(fc.stringMatching(/^[1-6]\d{5}$/), fc.stringMatching(/^[0-9A-HJ-NPQRTUWXY]{8}$/))
    .map(([region, body]) => {
      const seventeen = `91${region}${body}${orgCodeCheckChar(body) ?? ""}`;
      return `${seventeen}${usccCheckChar(seventeen) ?? ""}`;
    })
    .filter((c) => c.length === 18 && !isResidentId(c))
    .map((c) => `统一社会信用代码${c}`);
  const list = fc
    .tuple(fc.integer({ min: 13_000_000, max: 19_999_999 }), fc.integer({ min: 100, max: 999 }))
    .map(([a, b]) => `数量${a}，${b}件`);
  const plateLike = fc
    .tuple(fc.constantFrom("宁", "京", "粤"), fc.constantFrom("A", "B"), fc.integer({ min: 10000, max: 99999 }))
    .chain(([p, l, n]) => fc.constantFrom(`${p}${l}${n}-6`, `${p}${l}${n}.5`, `${p}${l}${n}7`));
  const piece = fc.oneof(docNumber, amount, date, article, creditCode, list, plateLike);
  const glue = fc.constantFrom("，", "；", "。", "\n", "、", "|", "+", "：", "/", " ");

  test.prop([fc.array(fc.tuple(piece, glue), { minLength: 1, maxLength: 6 })], { numRuns: 300 })(
    "has nothing found and is left as it is",
    (parts) => {
      const text = parts.map(([p, g]) => `${p}${g}`).join("");
      expect(findPersonalData(text, ctx)).toEqual([]);
      expect(redactText(text, ctx).text).toBe(text);
    },
  );
});
