import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { dayNumber, fromDayNumber } from "../kernel/time.js";
import { residentIdCheckChar } from "../registry/entities/checksums.js";
import { validateUscc } from "../registry/entities/uscc.js";
import {
  checkRedacted,
  DEFAULT_REDACTION_POLICY,
  findPersonalData,
  isMinorOn,
  REDACTION_FIELD_RULES,
  REDACTION_FIELDS,
  type RedactionContext,
  RedactionPolicySchema,
  redactContent,
  redactText,
  withholdingReason,
} from "./redaction.js";
import type { DisclosureContent } from "./schema.js";

const withCheck = (body17: string) => `${body17}${residentIdCheckChar(body17) ?? ""}`;
/** A valid resident ID (born 1980-05-12) and one ending in X. */
const ID = withCheck("64050219800512123");
const ID_X = (() => {
  for (let i = 0; i < 1000; i++) {
    const body = `11010519491231${String(i).padStart(3, "0")}`;
    if (residentIdCheckChar(body) === "X") return `${body}X`;
  }
  throw new Error("no X check char found");
})();
const MOBILE = "13812345678";
const ctx: RedactionContext = { policy: DEFAULT_REDACTION_POLICY };
const fields = (text: string, c: RedactionContext = ctx) => findPersonalData(text, c).map((f) => f.field);

describe("findPersonalData (政府信息公开条例 Art. 15; the provincial 行政处罚结果信息网上公开暂行办法 template)", () => {
  it("finds resident IDs by their check character, not by length", () => {
    expect(fields(`身份证号${ID}。`)).toEqual(["residentId"]);
    expect(fields(`身份证号${ID_X.toLowerCase()}`)).toEqual(["residentId"]);
    // A wrong check character: not an ID (this body has no mobile-shaped window either).
    const body = "64050220000202022";
    const luhn = (d: string) =>
      [...d].reverse().reduce((sum, c, i) => {
        const n = Number(c) * (i % 2 === 1 ? 2 : 1);
        return sum + (n > 9 ? n - 9 : n);
      }, 0) %
        10 ===
      0;
    const wrong = [..."0123456789"].map((c) => `${body}${c}`).find((s) => s !== withCheck(body) && !luhn(s));
    expect(fields(`编号${wrong}`)).toEqual([]);
    expect(fields(`编号${withCheck(body)}`)).toEqual(["residentId"]);
  });

  it("finds full-width and space-grouped numbers", () => {
    const fw = ID.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(fields(`身份证：${fw}`)).toEqual(["residentId"]);
    expect(fields(`身份证 ${ID.slice(0, 6)} ${ID.slice(6, 14)} ${ID.slice(14)}`)).toEqual(["residentId"]);
    expect(fields("电话：+86 138-1234-5678")).toEqual(["mobile"]);
    expect(fields("电话：138 1234 5678，")).toEqual(["mobile"]);
  });

  // Issue 13 §1.2: the ways of writing a number that passed the old detector. Each must be
  // found, and redaction must overwrite exactly the characters of the number (separators and
  // invisible characters included) — the offsets are the original text's.
  it.each([
    ["ID, U+3000 between groups", `${ID.slice(0, 6)}\u3000${ID.slice(6, 14)}\u3000${ID.slice(14)}`, "residentId"],
    ["ID, full-width hyphens", `${ID.slice(0, 6)}－${ID.slice(6, 14)}－${ID.slice(14)}`, "residentId"],
    ["ID, NBSP", `${ID.slice(0, 6)}\u00A0${ID.slice(6, 14)}\u00A0${ID.slice(14)}`, "residentId"],
    ["ID, zero-width spaces", [...ID].join("\u200B"), "residentId"],
    ["ID, soft hyphens", `${ID.slice(0, 9)}\u00AD${ID.slice(9)}`, "residentId"],
    ["ID, dots", `${ID.slice(0, 6)}.${ID.slice(6, 14)}.${ID.slice(14)}`, "residentId"],
    ["ID, middle dots", `${ID.slice(0, 6)}·${ID.slice(6, 14)}·${ID.slice(14)}`, "residentId"],
    ["ID, 4-4-4-4-2", ID.replace(/^(.{4})(.{4})(.{4})(.{4})(.{2})$/, "$1 $2 $3 $4 $5"), "residentId"],
    ["ID, 3-3-4-4-4", ID.replace(/^(.{3})(.{3})(.{4})(.{4})(.{4})$/, "$1-$2-$3-$4-$5"), "residentId"],
    ["ID ending in x, en dashes", ID_X.toLowerCase().replace(/^(.{6})(.{8})(.{4})$/, "$1–$2–$3"), "residentId"],
    ["15-digit ID, spaced", "640502 800512 123", "residentId"],
    ["mobile, 4-3-4", `${MOBILE.slice(0, 4)} ${MOBILE.slice(4, 7)} ${MOBILE.slice(7)}`, "mobile"],
    ["mobile, 3-3-5", `${MOBILE.slice(0, 3)}-${MOBILE.slice(3, 6)}-${MOBILE.slice(6)}`, "mobile"],
    ["mobile, U+3000", `${MOBILE.slice(0, 3)}\u3000${MOBILE.slice(3, 7)}\u3000${MOBILE.slice(7)}`, "mobile"],
    ["mobile, zero-width joiners", [...MOBILE].join("\u200D"), "mobile"],
    ["mobile, full-width digits and dots", "１３８．１２３４．５６７８", "mobile"],
    ["mobile, em dashes", `${MOBILE.slice(0, 3)}—${MOBILE.slice(3, 7)}—${MOBILE.slice(7)}`, "mobile"],
    ["account, unlabelled 19 digits", "6222021234567890124", "bankAccount"],
    ["account, unlabelled 4-4-4-4-2", "6222 0212 3456 7890 12", "bankAccount"],
  ] as const)("finds a number written as: %s", (_, written, field) => {
    const text = `经查，当事人${written}，另查明`;
    expect(fields(text)).toEqual([field]);
    const out = redactText(text, ctx).text;
    expect(out).toBe(`经查，当事人${"＊".repeat(written.length)}，另查明`);
  });

  it.each([
    ["银行账号为6222021234567890", "bankAccount", "银行账号为"],
    ["银行卡号是 6222 0212 3456 7890", "bankAccount", "银行卡号是 "],
    ["家住中卫市沙坡头区某路1号", "homeAddress", "家住"],
    ["地址：中卫市沙坡头区某路1号", "homeAddress", "地址："],
    ["住在中卫市沙坡头区某路1号", "homeAddress", "住在"],
    ["居住于中卫市沙坡头区某路1号", "homeAddress", "居住于"],
    ["户籍所在地：宁夏海原县某村", "homeAddress", "户籍所在地："],
    ["患有高血压", "health", "患有"],
  ] as const)("finds a labelled value: %s", (text, field, label) => {
    expect(fields(`${text}。`)).toEqual([field]);
    expect(redactText(`${text}。`, ctx).text.startsWith(label)).toBe(true);
    expect(redactText(`${text}。`, ctx).text).not.toContain(text.slice(label.length));
  });

  it("keeps public codes, amounts and dates: 文号, office addresses, valid credit codes, long amounts, case numbers", () => {
    for (const text of [
      "中沙市监罚〔2025〕12号",
      "罚款人民币2,000.00元",
      "没收违法所得123456789012元",
      "于2025-03-14 10:30在经营地址检查",
      "办公地址：中卫市某路1号",
      "经营地址：中卫市某路2号",
      "送达地址确认书",
      "统一社会信用代码91640502MA76XXXX1Q",
      "案件编号202501100001",
      "事项编码 330217001000",
      "详见 https://example.gov.cn/art/2025/1234567890123.html",
      "执法证号640502190001",
    ]) {
      expect(fields(text), text).toEqual([]);
    }
  });

  it("a credit code is public only when it is one: MOD 31 and the organisation code's check (GB 32100, GB 11714)", () => {
    // Passes the MOD 31 check (1 in 31 runs of digits do), but positions 9–17 are no
    // organisation code: the mobile 17728564929 inside is hidden, not kept as "public".
    expect(validateUscc("32617728564929X715").isOk()).toBe(true);
    expect(fields("经查32617728564929X715")).toEqual(["mobile"]);
    // A real code, all digits, holding mobile-shaped digits (15220107837): kept whole.
    expect(fields("统一社会信用代码911522010783762860")).toEqual([]);
    expect(fields("911522010783762860")).toEqual([]);
    // 18 digits of a 19-digit card written 4-4-4-4-2-1 are not a code, even if they pass.
    expect(fields("6262 2029 2489 9888 34 5")).toEqual(["bankAccount"]);
  });

  it("finds mobiles, landlines and Luhn-valid bank cards", () => {
    expect(fields(`联系电话${MOBILE}`)).toEqual(["mobile"]);
    expect(fields("办公电话0955-7012345")).toEqual(["phone"]);
    expect(fields("卡号 6222 0212 3456 7890 128")).toHaveLength(1);
    // 4111111111111111 is the classic Luhn-valid test card.
    expect(fields("转账4111111111111111完成")).toEqual(["bankAccount"]);
    // Not Luhn-valid, but 16 unlabelled digits: a possible account all the same.
    expect(fields("转账4111111111111112完成")).toEqual(["bankAccount"]);
    expect(fields("转账41111111112完成")).toEqual([]);
  });

  it("never half-matches a digit run: a longer run holding an ID or mobile is taken whole", () => {
    const text = `单号99${MOBILE}77`;
    const found = findPersonalData(text, ctx);
    expect(found).toHaveLength(1);
    expect(text.slice(found[0]?.start, found[0]?.end)).toBe(`99${MOBILE}77`);
    // A 12-digit run without an embedded ID or mobile is left alone.
    expect(fields("编号202501100001")).toEqual([]);
  });

  it("finds addresses and health conditions only after a label", () => {
    expect(fields("家庭住址：宁夏中卫市沙坡头区文昌镇某路1号，")).toEqual(["homeAddress"]);
    expect(fields("当事人健康状况：患有高血压。")).toEqual(["health"]);
    expect(fields("宁夏中卫市沙坡头区文昌镇某路1号")).toEqual([]);
    // 住所 of an organisation is its public registered address.
    const org: RedactionContext = { policy: DEFAULT_REDACTION_POLICY, party: { kind: "organisation", name: "某公司" } };
    expect(fields("住所：中卫市某路2号", org)).toEqual([]);
    expect(fields("住所：中卫市某路2号")).toEqual(["homeAddress"]);
  });

  it("hides other persons' names only when given, and keeps the party's name by default", () => {
    const c: RedactionContext = { ...ctx, party: { kind: "person", name: "张三" }, otherPersons: ["李四"] };
    expect(redactText("张三殴打李四，证人李四称", c).text).toBe("张三殴打李某，证人李某称");
    const masked: RedactionContext = { ...c, policy: RedactionPolicySchema.parse({ fields: [...REDACTION_FIELDS] }) };
    expect(redactText("张三殴打李四", masked).text).toBe("张某殴打李某");
  });

  it("leaves public identifiers alone and respects the configured field list", () => {
    expect(fields(`执法证号${"15010119001"}`, { ...ctx, publicIdentifiers: ["15010119001"] })).toEqual([]);
    const onlyIds: RedactionContext = { policy: RedactionPolicySchema.parse({ fields: ["residentId"] }) };
    expect(fields(`${ID}，${MOBILE}`, onlyIds)).toEqual(["residentId"]);
  });

  it("every field has a Chinese name and a source", () => {
    for (const f of REDACTION_FIELDS) {
      expect(REDACTION_FIELD_RULES[f].name).toMatch(/[\u4e00-\u9fff]/);
      expect(REDACTION_FIELD_RULES[f].source.law.length).toBeGreaterThan(0);
    }
  });
});

const decision = (facts: string, partyName = "某某商贸有限公司"): DisclosureContent => ({
  kind: "decision",
  category: "penalty",
  documentNumber: "中沙市监罚〔2025〕12号",
  agencyName: "中卫市沙坡头区市场监督管理局",
  party: { kind: "organisation", name: partyName },
  matter: "销售不合格商品",
  facts,
  basis: ["《产品质量法》第四十九条"],
  conclusion: "罚款人民币5,000.00元",
  fineFen: 500_000,
  decidedOn: "2025-03-14",
});

describe("redactContent / checkRedacted", () => {
  it("masks every text field, records path and field, and leaves dates and enums alone", () => {
    const input = decision(`经查，负责人${MOBILE}，身份证${ID}，家庭住址：中卫市某路1号。`);
    const r = redactContent(input, ctx);
    expect(r.content).toMatchObject({ decidedOn: "2025-03-14", category: "penalty" });
    const facts = r.content.kind === "decision" ? r.content.facts : undefined;
    expect(facts).toBe(`经查，负责人${"＊".repeat(11)}，身份证${"＊".repeat(18)}，家庭住址：［已脱敏］。`);
    expect(r.redactions).toEqual([
      { path: "facts", field: "mobile", count: 1 },
      { path: "facts", field: "residentId", count: 1 },
      { path: "facts", field: "homeAddress", count: 1 },
    ]);
    expect(checkRedacted(input, ctx)._unsafeUnwrapErr().code).toBe("REDACTION_INCOMPLETE");
    expect(checkRedacted(r.content, ctx).isOk()).toBe(true);
  });

  it("is idempotent on a sample", () => {
    const once = redactContent(decision(`电话${MOBILE}；住址：某地；病史：无`), ctx).content;
    expect(redactContent(once, ctx).content).toEqual(once);
    expect(redactContent(once, ctx).redactions).toEqual([]);
  });

  // Self-contained property (the testkit repeats it with its own generators): embedded
  // numbers at odd places with digits, punctuation and full-width characters around them.
  const validId = fc
    .tuple(
      fc.stringMatching(/^[1-6]\d{5}$/),
      fc.integer({ min: dayNumber("1940-01-01"), max: dayNumber("2010-12-31") }).map(fromDayNumber),
      fc.stringMatching(/^\d{3}$/),
    )
    .map(([region, birth, seq]) => withCheck(`${region}${birth.replaceAll("-", "")}${seq}`));
  const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);
  const around = fc.constantFrom("", " ", "，", "：", "（", "）", "ａ", "号", "-", "/", "电话", "\n");
  const piece = fc.oneof(fc.string({ maxLength: 6 }), fc.stringMatching(/^\d{0,3}$/), around);
  const embedded = fc
    .tuple(piece, around, fc.oneof(validId, mobile), around, piece)
    .map(([a, l, n, r, b]) => ({ text: `${a}${l}${n}${r}${b}`, secret: n }));

  test.prop([fc.array(embedded, { minLength: 1, maxLength: 4 })], { numRuns: 150 })(
    "no valid ID or mobile of the input survives; output passes the check; twice = once",
    (parts) => {
      const content = decision(parts.map((p) => p.text).join(""));
      expect(findPersonalData(content.kind === "decision" ? (content.facts ?? "") : "", ctx).length).toBeGreaterThan(0);
      const out = redactContent(content, ctx).content;
      const strings = JSON.stringify(out);
      for (const p of parts) expect(strings).not.toContain(p.secret);
      expect(checkRedacted(out, ctx).isOk()).toBe(true);
      expect(redactContent(out, ctx).content).toEqual(out);
    },
  );
});

describe("withholdingReason (不予公开)", () => {
  it("withholds a minor's case, derived from the resident ID at the act date", () => {
    const minorId = withCheck("64050220100301123");
    expect(isMinorOn(minorId, "2025-01-10")).toBe(true);
    expect(isMinorOn(minorId, "2028-03-01")).toBe(false);
    const r = withholdingReason({ party: { kind: "person", partyId: minorId }, actDate: "2025-01-10" });
    expect(r?.reason).toContain("未成年人");
    expect(r?.source).toMatchObject({ law: "政府信息公开条例", article: 15 });
    expect(withholdingReason({ party: { kind: "person", partyId: ID }, actDate: "2025-01-10" })).toBeNull();
    expect(withholdingReason({ party: { kind: "person", minor: true } })).not.toBeNull();
  });

  it("withholds state secrets (Art. 14) and trade secrets (Art. 15)", () => {
    expect(withholdingReason({ party: { kind: "organisation" }, secret: true })?.source.article).toBe(14);
    expect(withholdingReason({ party: { kind: "organisation" }, secret: "trade" })?.source.article).toBe(15);
    expect(withholdingReason({ party: { kind: "organisation" } })).toBeNull();
  });
});
