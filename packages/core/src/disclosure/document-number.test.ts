// A decision's 文号 is public by law, so the numbers in it are not personal data anywhere in
// the item. A mobile, e-mail, plate or card number typed into the 文号 field is not a 文号: it
// exempts nothing, and is itself found like any text.
import { describe, expect, it } from "vitest";
import { contentRedactionContext, isPublicDocumentNumber, publicIdentifiersOf } from "./published-item.js";
import { checkPublicTexts, contentTexts, DEFAULT_REDACTION_POLICY } from "./redaction.js";
import type { DisclosureContent } from "./schema.js";

function decision(documentNumber: string, facts: string): DisclosureContent {
  return {
    kind: "decision",
    category: "penalty",
    documentNumber,
    agencyName: "中卫市沙坡头区市场监督管理局",
    party: { kind: "organisation", name: "宁夏示例商贸有限公司", creditCode: "91640502MA76YL102M" },
    matter: "不明码标价",
    facts,
    basis: ["《价格法》第十三条"],
    conclusion: "罚款人民币五千元",
    decidedOn: "2026-03-02",
  };
}

function check(content: DisclosureContent) {
  return checkPublicTexts(contentTexts(content), contentRedactionContext(content, DEFAULT_REDACTION_POLICY));
}

describe("a decision's 文号 as a public identifier", () => {
  it.each([
    ["a mobile", "13812345678", "当事人联系电话13812345678"],
    ["a mobile inside a 文号", "宁13812345678号", "当事人联系电话13812345678"],
    ["a resident ID", "11010519491231002X", "身份证号11010519491231002X"],
    ["a plate", "宁A12345", "涉案车辆宁A12345"],
    ["a bank card", "6222021234567890128", "收款账户6222021234567890128"],
  ])("%s given as the 文号 exempts nothing: it and the facts are REDACTION_INCOMPLETE", (_, documentNumber, facts) => {
    expect(isPublicDocumentNumber(documentNumber)).toBe(false);
    expect(publicIdentifiersOf(decision(documentNumber, facts))).not.toContain(documentNumber);
    const r = check(decision(documentNumber, facts));
    expect(r.isErr()).toBe(true);
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(e.message).toContain("documentNumber");
    expect(e.message).toContain("facts");
  });

  it("an e-mail given as the 文号 is found in it", () => {
    const r = check(decision("zhang.san@example.com", "当事人未明码标价"));
    expect(r._unsafeUnwrapErr().message).toContain("documentNumber（电子邮箱）");
  });

  it.each([
    ["宁卫市监罚〔2026〕12号", "依据宁卫市监罚〔2026〕12号决定"],
    // Numbers the detector reads as a landline or an account are public inside a 文号.
    ["沙市监罚〔2026〕09557000001号", "见沙市监罚〔2026〕09557000001号"],
    ["宁卫市监罚〔2026〕6405020000123456号", "见宁卫市监罚〔2026〕6405020000123456号"],
    ["No.0001", "见 No.0001"],
  ])("a 文号 %s stays public, wherever the item cites it", (documentNumber, facts) => {
    expect(isPublicDocumentNumber(documentNumber)).toBe(true);
    expect(publicIdentifiersOf(decision(documentNumber, facts))).toContain(documentNumber);
    expect(check(decision(documentNumber, facts)).isOk()).toBe(true);
  });
});

describe("an officer's 执法证号 and an item's 事项编码 as public identifiers", () => {
  const act = (certificateNumber: string, document: string): DisclosureContent => ({
    kind: "enforcementAct",
    act: "现场检查",
    actOn: "2026-03-02",
    officers: [{ name: "王某", certificateNumber }],
    documents: [document],
  });
  it.each([
    ["an e-mail", "wang.mou@example.com", "（电子邮箱）"],
    ["a plate", "宁A12345", "（机动车号牌号码）"],
  ])("%s given as the 执法证号 exempts nothing", (_, certificateNumber, field) => {
    const content = act(certificateNumber, `现场检查笔录，联系 ${certificateNumber}`);
    expect(publicIdentifiersOf(content)).toEqual([]);
    const e = check(content)._unsafeUnwrapErr();
    expect(e.code).toBe("REDACTION_INCOMPLETE");
    expect(e.message).toContain(`officers[0].certificateNumber${field}`);
    expect(e.message).toContain(`documents[0]${field}`);
  });

  it("a 执法证号 of digits stays public, also mobile-shaped (a province's numbers may start 13…)", () => {
    for (const certificateNumber of ["64050000002", "13010000123"]) {
      const content = act(certificateNumber, `出示执法证 ${certificateNumber}`);
      expect(publicIdentifiersOf(content)).toEqual([certificateNumber]);
      expect(check(content).isOk()).toBe(true);
    }
  });
});
