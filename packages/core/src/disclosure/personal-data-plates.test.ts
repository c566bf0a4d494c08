// Vehicle licence plates, WeChat ids and QQ numbers (个人信息保护法 Art. 4): a hostile table of
// the ways they are written, and the public codes that look close and must stay.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { PROVINCES } from "./personal-data-plates.js";
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
  // A blank and a digit after the plate is the next word, not the plate's tail (review finding).
  ["plate, blank and a count", "宁A12345 3辆", "宁A12345", "licencePlate"],
  ["plate, middle dot, blank and a year", "车牌宁A·12345 2024年", "宁A·12345", "licencePlate"],
  ["plate, blank and a year", "宁A12345 2024年3月", "宁A12345", "licencePlate"],
  ["plate, ideographic space and a count", "宁A12345\u30003辆", "宁A12345", "licencePlate"],
  ["plate, line break and digits", "宁A12345\n2024年", "宁A12345", "licencePlate"],
  ["plate, blank and a letter", "宁A12345 A区停放", "宁A12345", "licencePlate"],
  ["plate, new energy, blank and digits", "宁AD12345 12时", "宁AD12345", "licencePlate"],
  ["plate, large new energy, blank and a digit", "宁A12345D 2辆", "宁A12345D", "licencePlate"],
  ["plate, suffix, blank and a digit", "京A1234学 2", "京A1234学", "licencePlate"],
  ["plate, letters in the serial, blank and a digit", "京AB1C23 5", "京AB1C23", "licencePlate"],
  ["plate, spaced out, blank and a digit", "宁 A 1 2 3 4 5 6辆", "宁 A 1 2 3 4 5", "licencePlate"],
  ["plate, traditional province, blank and a digit", "寧A12345 3", "寧A12345", "licencePlate"],
  ["plate, wrapped at a line break", "车牌宁A\n12345", "宁A\n12345", "licencePlate"],
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
  ["a code joined on by a dot", "宁A12345.6"],
  ["a code joined on by a middle dot", "宁A12345·6"],
  ["a code joined on by an en dash", "宁A12345–6"],
  ["a four-character code, a blank and digits", "宁A1234 567"],
  ["a four-character code, a blank and a digit", "宁A1234 5678"],
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

// The review's finding as a property: a plate followed by a blank (space, U+3000, tab, line
// break) and a digit or a word is still a plate — the next word is not read into its serial;
// a plate joined to more characters by a hyphen, dash, dot or middle dot is a longer code.
describe("plate property: what follows a plate", () => {
  const serialChar = fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZ0123456789");
  const digit = fc.constantFrom(..."0123456789");
  const ordinary = fc
    .array(fc.oneof(digit, digit, serialChar), { minLength: 5, maxLength: 5 })
    .filter((cs) => cs.filter((c) => /\d/.test(c)).length >= 3)
    .map((cs) => cs.join(""));
  const small = fc
    .tuple(fc.constantFrom(..."DABCEFGHJK"), serialChar, fc.array(digit, { minLength: 4, maxLength: 4 }))
    .map(([a, b, ds]) => `${a}${b}${ds.join("")}`);
  const large = fc
    .tuple(fc.array(digit, { minLength: 5, maxLength: 5 }), fc.constantFrom("D", "F"))
    .map(([ds, e]) => `${ds.join("")}${e}`);
  const suffixed = fc
    .tuple(fc.array(digit, { minLength: 4, maxLength: 4 }), fc.constantFrom("学", "警", "挂"))
    .map(([ds, s]) => `${ds.join("")}${s}`);
  const plate = fc
    .tuple(
      fc.constantFrom(...PROVINCES),
      fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZ"),
      fc.oneof(ordinary, small, large, suffixed),
    )
    .map(([p, l, s]) => `${p}${l}${s}`);
  const blank = fc.constantFrom(" ", "\u3000", "\t", "\n", "\u00A0");
  const next = fc.oneof(
    fc.stringMatching(/^[1-9]\d{0,3}$/).chain((n) => fc.constantFrom(`${n}辆`, `${n}年`, `${n}时`, n)),
    fc.constantFrom("A区", "B座", "停放"),
  );
  const joint = fc.constantFrom("-", ".", "·", "–", "－", "．");

  test.prop([plate, blank, next, fc.constantFrom("驾驶", "车牌", "（", "")], { numRuns: 300 })(
    "a plate, a blank and the next word: the plate is found whole",
    (p, b, n, before) => {
      const text = `${before}${p}${b}${n}`;
      const at = before.length;
      const found = findPersonalData(text, ctx);
      expect(covers(found, at, at + p.length, "licencePlate")).toBe(true);
      expect(redactText(text, ctx).text).not.toContain(p);
    },
  );

  // Two or more digits: a 5-character plate, a joint and one digit can itself be a new-energy
  // plate written with a gap (京AA0000-0 is 京A·A00000); one digit is in LOOK_ALIKES (宁A12345-6).
  test.prop([plate, joint, fc.stringMatching(/^\d{2,3}$/)], { numRuns: 300 })(
    "a plate joined on to more digits is a longer code: no plate",
    (p, j, n) => {
      const found = findPersonalData(`编码${p}${j}${n}`, ctx);
      expect(found.filter((f) => f.field === "licencePlate")).toEqual([]);
    },
  );
});
