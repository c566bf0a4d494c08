import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { bodies, onSpotDecide } from "../enforcement/test-fixtures.js";
import { coercionDecisionDisclosureDraft, coercionDisclosureKey } from "./after-coercion.js";
import { inspectionResultDisclosureDraft } from "./after-inspection.js";
import { simplifiedDecisionDisclosureDraft } from "./after-simplified.js";
import { disclosureIdFor } from "./draft.js";
import { checkRedacted } from "./redaction.js";
import { DEFAULT_DISCLOSURE_POLICY, resolveDisclosurePolicy } from "./rules.js";
import {
  approveMeasure,
  coercionCaseEvents,
  executeMeasure,
  INSPECTED_USCC,
  inspectionEvents,
  onSpotEvents,
  withCheck,
} from "./stream-test-fixtures.js";

const policy = DEFAULT_DISCLOSURE_POLICY;
const samr = resolveDisclosurePolicy({ sector: "samr" })._unsafeUnwrap();
const adult = withCheck("64050219800512123");

describe("simplifiedDecisionDisclosureDraft (简易程序, 行政处罚法第五十一、五十二条)", () => {
  it("drafts the on-the-spot decision: the numbered form is its 文号, rule decision.penalty (国办发〔2018〕118号)", () => {
    const d = simplifiedDecisionDisclosureDraft(onSpotEvents("sp-1"), { bodies, policy })._unsafeUnwrap();
    expect(d).toMatchObject({
      disclosureId: "gs-decision-sp-1",
      kind: "decision",
      phase: "after",
      caseId: "sp-1",
      bodyId: "spt",
      startOn: "2025-03-07",
      ruleId: "decision.penalty",
      penaltyKinds: ["fine"],
    });
    expect(d.disclosureId).toBe(disclosureIdFor("decision", "sp-1"));
    expect(d.content).toEqual({
      kind: "decision",
      category: "penalty",
      documentNumber: "No.0001",
      agencyName: "中卫市沙坡头区司法局",
      party: { kind: "person", name: "张三" },
      matter: "律师管理",
      facts: "未按规定执业",
      basis: ["律师法第五十条"],
      conclusion: "罚款人民币50.00元",
      fineFen: 5_000,
      decidedOn: "2025-03-07",
    });
    expect(d.title).toBe("中卫市沙坡头区司法局行政处罚决定（No.0001）");
  });

  it("COMMAND_NOT_ALLOWED without a decision (行政处罚法第五十二条第一款)", () => {
    const r = simplifiedDecisionDisclosureDraft([], { bodies, policy })._unsafeUnwrapErr();
    expect(r.code).toBe("COMMAND_NOT_ALLOWED");
    expect(r.source).toMatchObject({ law: "行政处罚法", article: 52, paragraph: 1 });
  });

  it("SAMR: a simplified-procedure decision is not published (市场监督管理行政处罚信息公示规定第二条第一款)", () => {
    const r = simplifiedDecisionDisclosureDraft(onSpotEvents(), { bodies, policy: samr })._unsafeUnwrapErr();
    expect(r.code).toBe("DISCLOSURE_WITHHELD");
    expect(r.source).toMatchObject({ law: "市场监督管理行政处罚信息公示规定", article: 2, paragraph: 1 });
    expect(r.details).toMatchObject({ caseId: "sp-1", reason: "simplifiedProcedure" });
  });

  it("a warning-only decision is left out where the rule says so (市场监督管理行政处罚信息公示规定第二条第二款)", () => {
    const events = onSpotEvents("sp-w", onSpotDecide({ penalty: { kinds: ["warning"] } }));
    const warningOnly = resolveDisclosurePolicy({ rules: { "decision.penalty": { excludeWarningOnly: true } } });
    const r = simplifiedDecisionDisclosureDraft(events, { bodies, policy: warningOnly._unsafeUnwrap() });
    expect(r._unsafeUnwrapErr().details).toMatchObject({ reason: "warningOnly" });
    expect(simplifiedDecisionDisclosureDraft(events, { bodies, policy })._unsafeUnwrap().content).toMatchObject({
      conclusion: "警告",
    });
  });

  it("DISCLOSURE_WITHHELD for a minor party (resident ID at the decision day) and for a secret (政府信息公开条例)", () => {
    const minor = withCheck("64050220100301123");
    const events = onSpotEvents("sp-m", onSpotDecide({ party: { kind: "person", name: "小明", partyId: minor } }));
    const r = simplifiedDecisionDisclosureDraft(events, { bodies, policy })._unsafeUnwrapErr();
    expect(r.code).toBe("DISCLOSURE_WITHHELD");
    expect(r.source?.law).toBe("政府信息公开条例");
    const secret = simplifiedDecisionDisclosureDraft(onSpotEvents(), { bodies, policy, secret: "trade" });
    expect(secret._unsafeUnwrapErr().code).toBe("DISCLOSURE_WITHHELD");
  });

  it("hides a resident ID and a mobile number in the facts, and witnesses' names", () => {
    const facts = `当事人张三（身份证${adult}，电话13812345678）殴打证人李四`;
    const events = onSpotEvents(
      "sp-r",
      onSpotDecide({ party: { kind: "person", name: "张三", partyId: adult }, facts }),
    );
    const d = simplifiedDecisionDisclosureDraft(events, { bodies, policy, otherPersons: ["李四"] })._unsafeUnwrap();
    const text = JSON.stringify(d);
    expect(text).not.toContain(adult);
    expect(text).not.toContain("13812345678");
    expect(text).not.toContain("李四");
    expect(d.redactions.map((r) => r.field).sort()).toEqual(["mobile", "otherPersonName", "residentId"]);
    expect(checkRedacted(d.content, { policy: policy.redaction, otherPersons: ["李四"] }).isOk()).toBe(true);
  });

  const residentId = fc
    .tuple(
      fc.constantFrom("640502", "110101", "440305", "510104"),
      fc.date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2006-12-31T00:00:00Z"), noInvalidDate: true }),
      fc.integer({ min: 0, max: 999 }),
    )
    .map(([area, born, n]) =>
      withCheck(`${area}${born.toISOString().slice(0, 10).replaceAll("-", "")}${`${n}`.padStart(3, "0")}`),
    );

  test.prop([residentId, fc.constantFrom("facts", "name", "both"), fc.integer({ min: 1, max: 20_000 })])(
    "for any simplified decision whose party holds a valid resident ID, the draft's content never contains it",
    (id, where, fineFen) => {
      const facts = where === "name" ? "未按规定执业" : `当事人身份证号码${id}，未按规定执业`;
      const name = where === "facts" ? "张三" : `张三${id}`;
      const cmd = onSpotDecide({
        party: { kind: "person", name, partyId: id },
        facts,
        penalty: { kinds: ["fine"], fineFen },
      });
      const d = simplifiedDecisionDisclosureDraft(onSpotEvents("sp-p", cmd), { bodies, policy })._unsafeUnwrap();
      expect(JSON.stringify(d.content)).not.toContain(id);
      expect(d.title).not.toContain(id);
    },
  );
});

describe("coercionDecisionDisclosureDraft (查封、扣押, 行政强制法第十八、十九、二十四条)", () => {
  const ctx = {
    measureId: "m1",
    bodies,
    policy,
    documentNumber: "沙司强扣字〔2025〕1号",
    basis: ["行政强制法第二十二条"],
  };

  it("drafts the measure's decision, keyed <caseId>:<measureId>, rule decision.coercion (国办发〔2018〕118号)", async () => {
    const events = await coercionCaseEvents("c7", [approveMeasure("m1"), executeMeasure("m1")]);
    const d = coercionDecisionDisclosureDraft(events, ctx)._unsafeUnwrap();
    expect(coercionDisclosureKey("c7", "m1")).toBe("c7:m1");
    expect(d).toMatchObject({
      disclosureId: "gs-decision-c7:m1",
      caseId: "c7",
      bodyId: "spt",
      startOn: "2025-03-04",
      ruleId: "decision.coercion",
    });
    expect(d.disclosureId).toBe(disclosureIdFor("decision", "c7:m1"));
    expect(d.penaltyKinds).toBeUndefined();
    expect(d.content).toEqual({
      kind: "decision",
      category: "coercion",
      documentNumber: "沙司强扣字〔2025〕1号",
      agencyName: "中卫市沙坡头区司法局",
      party: { kind: "organisation", name: "某律师事务所" },
      matter: "律师管理",
      basis: ["行政强制法第二十二条"],
      conclusion: "查封、扣押：涉案车辆一辆（期限至2025-04-03）",
      decidedOn: "2025-03-04",
    });
  });

  it("COMMAND_NOT_ALLOWED before the measure is executed (行政强制法第二十四条第一款), and for another measure", async () => {
    const approved = await coercionCaseEvents("c8", [approveMeasure("m1")]);
    const r = coercionDecisionDisclosureDraft(approved, ctx)._unsafeUnwrapErr();
    expect(r.code).toBe("COMMAND_NOT_ALLOWED");
    expect(r.source).toMatchObject({ law: "行政强制法", article: 24, paragraph: 1 });
    const done = await coercionCaseEvents("c8", [approveMeasure("m1"), executeMeasure("m1")]);
    expect(coercionDecisionDisclosureDraft(done, { ...ctx, measureId: "m2" })._unsafeUnwrapErr().details).toMatchObject(
      {
        measureId: "m2",
      },
    );
  });

  it("COMMAND_NOT_ALLOWED for an emergency measure not yet approved, or refused afterwards (行政强制法第十九条)", async () => {
    const emergency = await coercionCaseEvents("c9", [executeMeasure("m1", true)]);
    const pending = coercionDecisionDisclosureDraft(emergency, ctx)._unsafeUnwrapErr();
    expect(pending.code).toBe("COMMAND_NOT_ALLOWED");
    expect(pending.source).toMatchObject({ law: "行政强制法", article: 19 });
    const refused = await coercionCaseEvents("c9", [executeMeasure("m1", true), approveMeasure("m1", false, "05")]);
    const r = coercionDecisionDisclosureDraft(refused, ctx)._unsafeUnwrapErr();
    expect(r.message).toContain("负责人不予批准");
    expect(r.source).toMatchObject({ law: "行政强制法", article: 19 });
    const approvedLater = await coercionCaseEvents("c9", [
      executeMeasure("m1", true),
      approveMeasure("m1", true, "05"),
    ]);
    expect(coercionDecisionDisclosureDraft(approvedLater, ctx).isOk()).toBe(true);
  });

  it("DISCLOSURE_WITHHELD for a secret (政府信息公开条例第十四条); INVALID_INPUT when the key cannot stay exact", async () => {
    const events = await coercionCaseEvents("c7", [approveMeasure("m1"), executeMeasure("m1")]);
    const r = coercionDecisionDisclosureDraft(events, { ...ctx, secret: true })._unsafeUnwrapErr();
    expect(r.code).toBe("DISCLOSURE_WITHHELD");
    expect(r.source).toMatchObject({ law: "政府信息公开条例", article: 14 });
    const long = await coercionCaseEvents("c7", [approveMeasure("m".repeat(120)), executeMeasure("m".repeat(120))]);
    const tooLong = coercionDecisionDisclosureDraft(long, { ...ctx, measureId: "m".repeat(120) });
    expect(tooLong._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("hides witnesses' names in the items", async () => {
    const events = await coercionCaseEvents("c7", [approveMeasure("m1"), executeMeasure("m1")]);
    const d = coercionDecisionDisclosureDraft(events, { ...ctx, otherPersons: ["涉案车辆"] })._unsafeUnwrap();
    expect(JSON.stringify(d.content)).not.toContain("涉案车辆");
  });
});

describe("inspectionResultDisclosureDraft (双随机、一公开, 优化营商环境条例第五十四条)", () => {
  const ctx = { bodies, policy, partyName: "某律所", documentNumber: "沙司检〔2025〕1号" };

  it("drafts the result: the organisation by name and credit code, rule decision.inspection (国办发〔2018〕118号)", () => {
    const d = inspectionResultDisclosureDraft(inspectionEvents("insp-1"), ctx)._unsafeUnwrap();
    expect(d).toMatchObject({
      disclosureId: "gs-decision-insp-1",
      caseId: "insp-1",
      bodyId: "spt",
      startOn: "2025-03-06",
      ruleId: "decision.inspection",
    });
    expect(d.content).toEqual({
      kind: "decision",
      category: "inspection",
      documentNumber: "沙司检〔2025〕1号",
      agencyName: "中卫市沙坡头区司法局",
      party: { kind: "organisation", name: "某律所", creditCode: INSPECTED_USCC },
      matter: "律师管理",
      facts: "执业活动符合规定",
      basis: [],
      conclusion: "合格",
      decidedOn: "2025-03-06",
    });
    const fail = inspectionEvents("insp-2", { result: "fail", remarks: "未按规定公示", penaltyCaseId: "c9" });
    const f = inspectionResultDisclosureDraft(fail, { ...ctx, basis: ["律师法第五十二条"] })._unsafeUnwrap();
    expect(f.content).toMatchObject({ conclusion: "不合格（未按规定公示）", basis: ["律师法第五十二条"] });
    expect(JSON.stringify(f)).not.toContain("c9");
  });

  it("COMMAND_NOT_ALLOWED before the result (优化营商环境条例第五十四条第一款); DISCLOSURE_WITHHELD for a secret", () => {
    const r = inspectionResultDisclosureDraft(inspectionEvents("insp-1", { result: "pass" }, { upTo: 2 }), ctx);
    expect(r._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "优化营商环境条例", article: 54, paragraph: 1 });
    const s = inspectionResultDisclosureDraft(inspectionEvents(), { ...ctx, secret: "trade" })._unsafeUnwrapErr();
    expect(s.code).toBe("DISCLOSURE_WITHHELD");
    expect(s.source).toMatchObject({ law: "政府信息公开条例", article: 15 });
  });

  it("hides a resident ID and a mobile number in the findings, and the names of persons met", () => {
    const findings = `现场负责人王五（身份证${adult}，电话13812345678）在场`;
    const events = inspectionEvents("insp-3", { result: "pass" }, { findings });
    const d = inspectionResultDisclosureDraft(events, { ...ctx, otherPersons: ["王五"] })._unsafeUnwrap();
    const text = JSON.stringify(d.content);
    expect(text).not.toContain(adult);
    expect(text).not.toContain("13812345678");
    expect(text).not.toContain("王五");
    expect(text).toContain(INSPECTED_USCC);
  });
});
