// Vehicle licence plates, WeChat ids and QQ numbers (个人信息保护法 Art. 4): a hostile table of
// the ways they are written, and the public codes that look close and must stay.
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REDACTION_POLICY,
  findPersonalData,
  type PersonalDataFinding,
  REDACTION_FIELDS,
  type RedactionContext,
  type RedactionField,
  redactText,
} from "./redaction.js";

const ctx: RedactionContext = { policy: DEFAULT_REDACTION_POLICY };

/** [what, text, the part that must be hidden, as what]. */
export const HOSTILE: readonly (readonly [string, string, string, RedactionField])[] = [
  ["plate, plain", "驾驶宁A12345小型轿车", "宁A12345", "licencePlate"],
  ["plate, middle dot", "车牌号宁A·12345。", "宁A·12345", "licencePlate"],
  ["plate, bullet", "宁A•12345", "宁A•12345", "licencePlate"],
  ["plate, katakana middle dot", "号牌宁A・12345，", "宁A・12345", "licencePlate"],
  ["plate, half-width katakana middle dot", "宁A･12345", "宁A･12345", "licencePlate"],
  ["plate, space", "车辆宁A 12345停放", "宁A 12345", "licencePlate"],
  ["plate, ideographic space", "宁A\u300012345", "宁A\u300012345", "licencePlate"],
  ["plate, hyphen", "宁A-12345", "宁A-12345", "licencePlate"],
  ["plate, full-width hyphen", "宁Ａ－１２３４５", "宁Ａ－１２３４５", "licencePlate"],
  ["plate, full-width letters and digits", "车牌：宁Ａ１２３４５", "宁Ａ１２３４５", "licencePlate"],
  ["plate, full-width dot", "宁A．12345", "宁A．12345", "licencePlate"],
  ["plate, lower case", "宁a12345", "宁a12345", "licencePlate"],
  ["plate, spaced out", "宁 A 1 2 3 4 5", "宁 A 1 2 3 4 5", "licencePlate"],
  ["plate, letters in the serial", "京AB1C23号车", "京AB1C23", "licencePlate"],
  ["plate, new energy small", "宁AD12345", "宁AD12345", "licencePlate"],
  ["plate, new energy small F", "粤BFA1234", "粤BFA1234", "licencePlate"],
  ["plate, new energy large", "宁A12345D", "宁A12345D", "licencePlate"],
  ["plate, new energy with dot", "沪A·D12345", "沪A·D12345", "licencePlate"],
  ["plate, coach 学", "京A1234学", "京A1234学", "licencePlate"],
  ["plate, police 警", "宁A0123警", "宁A0123警", "licencePlate"],
  ["plate, trailer 挂", "冀B1234挂", "冀B1234挂", "licencePlate"],
  ["plate, Hong Kong 港", "粤Z1234港", "粤Z1234港", "licencePlate"],
  ["plate, consulate 领", "沪A1234领", "沪A1234领", "licencePlate"],
  ["plate, traditional province", "寧A12345", "寧A12345", "licencePlate"],
  ["plate, before 学习", "驾驶宁A12345学习驾驶", "宁A12345", "licencePlate"],
  ["plate, zero-width space inside", "宁A\u200B12345", "宁A\u200B12345", "licencePlate"],
  ["plate, in brackets", "（宁A12345）", "宁A12345", "licencePlate"],
  ["plate, a company's vehicle", "某某公司名下宁E88888货车", "宁E88888", "licencePlate"],
  ["WeChat, 微信号：", "微信号：zhang_san88", "zhang_san88", "wechatId"],
  ["WeChat, 微信:", "微信:abc-12345", "abc-12345", "wechatId"],
  ["WeChat, 微信号为", "其微信号为wxzhang2020", "wxzhang2020", "wechatId"],
  ["WeChat, 加微信", "加微信lisi_1990联系", "lisi_1990", "wechatId"],
  ["WeChat, 微信号是", "微信号是Wang-Wu01", "Wang-Wu01", "wechatId"],
  ["WeChat, WeChat ID:", "WeChat ID: zhaoliu666", "zhaoliu666", "wechatId"],
  ["WeChat, wechat lower case", "wechat：sunqi2021", "sunqi2021", "wechatId"],
  ["WeChat, full-width letters and colon", "微信：ｚｈｏｕｂａ８８", "ｚｈｏｕｂａ８８", "wechatId"],
  ["WeChat, wxid_", "微信wxid_a1b2c3d4e5f6g7", "wxid_a1b2c3d4e5f6g7", "wechatId"],
  ["WeChat, V信", "加V信 chenjiu777", "chenjiu777", "wechatId"],
  ["WeChat, vx:", "vx:liushi_2000", "liushi_2000", "wechatId"],
  ["WeChat, 微信账号", "微信账号：yang0808", "yang0808", "wechatId"],
  ["WeChat, in brackets", "（微信：hehe123）", "hehe123", "wechatId"],
  ["WeChat, an id of digits", "微信号：123456789", "123456789", "wechatId"],
  ["QQ, QQ：", "QQ：123456789", "123456789", "qqNumber"],
  ["QQ, QQ号", "QQ号12345", "12345", "qqNumber"],
  ["QQ, qq lower case", "qq:2468013579", "2468013579", "qqNumber"],
  ["QQ, QQ号码为", "其QQ号码为 10001", "10001", "qqNumber"],
  ["QQ, full-width", "ＱＱ：１２３４５６７８", "１２３４５６７８", "qqNumber"],
  ["QQ, 扣扣", "扣扣号：87654321", "87654321", "qqNumber"],
  ["QQ, grouped", "QQ 1234 5678", "1234 5678", "qqNumber"],
  ["QQ, no separator", "加QQ12345678联系", "12345678", "qqNumber"],
  ["WeChat, wx no separator", "加wx zhang_88", "zhang_88", "wechatId"],
];

/** Public texts that look close: nothing may be found in them. */
export const LOOK_ALIKES: readonly (readonly [string, string])[] = [
  ["document number", "宁市监罚〔2024〕12号"],
  ["document number with a letter", "宁A字〔2024〕12号"],
  ["credit code", "统一社会信用代码91640500MA76B3L50W"],
  ["case id", "SPT-SCJ-2024-001"],
  ["ICP licence", "京ICP备12345678号"],
  ["ICP licence, 证", "京ICP证123456号"],
  ["public security filing holding a mobile shape", "京公网安备01380000000000号"],
  ["telecom licence", "沪B2-20050112"],
  ["drug business licence", "宁AA9510001"],
  ["drug business licence, letters QQ", "京QQ1234567"],
  ["drug business licence, letters WX", "宁WX1000000"],
  ["drug business licence, letters VX", "京VX1000000"],
  ["article and date", "依据第48条，2024年3月5日作出"],
  ["money", "罚款人民币12345元"],
  ["A shares", "新A股12345手"],
  ["a word after a province", "新Android系统"],
  ["an acronym", "云SDK"],
  ["a four-character code", "宁A1234"],
  ["a longer code", "宁A1234567"],
  ["a code joined on", "宁A12345-6"],
  ["embassy prose", "致使123456元损失"],
  ["WeChat official account", "关注微信公众号：sxscjgj"],
  ["WeChat group, payment", "通过微信支付12345元"],
  ["QQ group", "QQ群：123456789"],
  ["unlabelled 5-11 digits", "共计12345678件"],
  ["wechat inside a word", "wechatpay2020"],
  ["QQ with too few digits", "QQ：1234"],
  ["a URL", "https://mp.weixin.qq.com/s/abcdef123"],
];

const covers = (fs: readonly PersonalDataFinding[], from: number, to: number, field: RedactionField) =>
  fs.some((f) => f.start <= from && to <= f.end && f.field === field);

describe("plates, WeChat ids and QQ numbers are found (hostile table)", () => {
  it.each(HOSTILE)("%s: %s", (_what, text, secret, field) => {
    const at = text.indexOf(secret);
    expect(at).toBeGreaterThanOrEqual(0);
    const found = findPersonalData(text, ctx);
    expect(covers(found, at, at + secret.length, field)).toBe(true);
    const out = redactText(text, ctx).text;
    expect(out).not.toContain(secret);
    expect(findPersonalData(out, ctx)).toEqual([]);
  });

  it("with the three fields off every row (40+) is missed; with them none is", () => {
    const old: RedactionContext = {
      policy: {
        ...DEFAULT_REDACTION_POLICY,
        fields: REDACTION_FIELDS.filter((f) => !["licencePlate", "wechatId", "qqNumber", "partyName"].includes(f)),
      },
    };
    const missed = (c: RedactionContext) =>
      HOSTILE.filter(([, text, secret]) => {
        const at = text.indexOf(secret);
        return !findPersonalData(text, c).some((f) => f.start <= at && at + secret.length <= f.end);
      }).length;
    expect(HOSTILE.length).toBeGreaterThanOrEqual(40);
    // With the three fields off (the detector as it was), every row is missed: no other rule
    // reads a plate, a WeChat id or a 5–11-digit QQ number.
    expect(missed(old)).toBe(HOSTILE.length);
    expect(missed(ctx)).toBe(0);
  });
});

describe("public texts that look close are left alone", () => {
  it.each(LOOK_ALIKES)("%s: %s", (_what, text) => {
    expect(findPersonalData(text, ctx)).toEqual([]);
  });

  it("a company's plate given as a public identifier is kept", () => {
    expect(findPersonalData("公司车辆宁E88888", { ...ctx, publicIdentifiers: ["宁E88888"] })).toEqual([]);
  });

  it("the fields can be switched off", () => {
    const off: RedactionContext = {
      policy: {
        ...DEFAULT_REDACTION_POLICY,
        fields: DEFAULT_REDACTION_POLICY.fields.filter((f) => f !== "licencePlate"),
      },
    };
    expect(findPersonalData("宁A12345", off)).toEqual([]);
  });
});
