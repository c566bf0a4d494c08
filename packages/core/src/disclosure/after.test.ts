import { describe, expect, it } from "vitest";
import { chinaCalendar } from "../calendar/work-calendar.js";
import { bodies, fileCommand } from "../enforcement/test-fixtures.js";
import { residentIdCheckChar } from "../registry/entities/checksums.js";
import { decisionDisclosureDraft, penaltyConclusion } from "./after.js";
import { CASE_STEPS, type CaseStep, caseEvents } from "./model-test-fixtures.js";
import { checkRedacted } from "./redaction.js";
import {
  DEFAULT_DISCLOSURE_POLICY,
  disclosureDue,
  disclosureRuleFor,
  resolveDisclosurePolicy,
  routedDisclosureDue,
} from "./rules.js";

const ctx = { bodies, policy: DEFAULT_DISCLOSURE_POLICY, documentNumber: "沙司罚决字〔2025〕3号" };
const withCheck = (body17: string) => `${body17}${residentIdCheckChar(body17) ?? ""}`;
const personFile = (partyId: string) => ({
  type: "case.file" as const,
  party: { kind: "person" as const, name: "王五", partyId },
  category: "律师管理",
  regionCode: "640502",
  officerIds: ["a", "b"],
  actDate: "2025-01-10",
  records: [{ id: "filing-form", kind: "document" as const }],
});

/** The case's steps with a ¥1,000 fine (below a person's hearing threshold) and, when given, other facts. */
const personSteps = (facts?: string): CaseStep[] =>
  CASE_STEPS.map(([cmd, at, actor]): CaseStep => {
    const small = { kinds: ["fine" as const], fineFen: 100_000 };
    if (cmd.type === "notice.serve")
      return [{ ...cmd, penalty: small, ...(facts === undefined ? {} : { facts }) }, at, actor];
    if (cmd.type === "case.decide") return [{ ...cmd, penalty: small }, at, actor];
    return [cmd, at, actor];
  });

describe("decisionDisclosureDraft (事后公开: agency, party, category, conclusion, 文号)", () => {
  it("drafts the decision of a real ordinary case", async () => {
    const d = decisionDisclosureDraft(await caseEvents("c1"), ctx)._unsafeUnwrap();
    expect(d).toMatchObject({
      disclosureId: "gs-decision-c1",
      kind: "decision",
      phase: "after",
      caseId: "c1",
      bodyId: "spt",
      startOn: "2025-03-10",
      ruleId: "decision.penalty",
      penaltyKinds: ["warning", "fine"],
    });
    expect(d.content).toEqual({
      kind: "decision",
      category: "penalty",
      documentNumber: "沙司罚决字〔2025〕3号",
      agencyName: "中卫市沙坡头区司法局",
      party: { kind: "organisation", name: "某律师事务所" },
      matter: "律师管理",
      facts: "未按规定执业",
      basis: ["律师法第五十条"],
      conclusion: "警告，罚款人民币5,000.00元",
      fineFen: 500_000,
      decidedOn: "2025-03-10",
    });
    // 7 working days (118号) from Monday 2025-03-10.
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "penalty" });
    expect(disclosureDue(rule, d.startOn, chinaCalendar())._unsafeUnwrap()?.due).toBe("2025-03-19");
  });

  it("publishes the violation as the case states it, never the 执法类别 when it is given (issue 16)", async () => {
    const filed = { ...fileCommand, violation: "律师事务所未按规定办理变更登记" };
    const fromFiling = decisionDisclosureDraft(await caseEvents("c1", { file: filed }), ctx)._unsafeUnwrap();
    expect(fromFiling.content.kind === "decision" && fromFiling.content.matter).toBe("律师事务所未按规定办理变更登记");
    // The notice may restate it; its words win.
    const steps = CASE_STEPS.map(
      (step): CaseStep =>
        step[0].type === "notice.serve" ? [{ ...step[0], violation: "未按规定办理变更登记" }, step[1], step[2]] : step,
    );
    const fromNotice = decisionDisclosureDraft(await caseEvents("c1", { file: filed, steps }), ctx)._unsafeUnwrap();
    expect(fromNotice.content.kind === "decision" && fromNotice.content.matter).toBe("未按规定办理变更登记");
  });

  it("COMMAND_NOT_ALLOWED before the decision", async () => {
    const events = await caseEvents("c1", { upTo: 4 });
    const r = decisionDisclosureDraft(events, ctx)._unsafeUnwrapErr();
    expect(r.code).toBe("COMMAND_NOT_ALLOWED");
    expect(r.source).toMatchObject({ law: "行政处罚法", article: 57 });
  });

  it("DISCLOSURE_WITHHELD for a minor party, derived from the resident ID at the act date", async () => {
    const minor = withCheck("64050220100301123");
    const events = await caseEvents("c3", { file: personFile(minor), steps: personSteps() });
    const r = decisionDisclosureDraft(events, ctx)._unsafeUnwrapErr();
    expect(r.code).toBe("DISCLOSURE_WITHHELD");
    expect(r.source?.law).toBe("政府信息公开条例");
    expect(decisionDisclosureDraft(await caseEvents("c1"), { ...ctx, secret: true })._unsafeUnwrapErr().code).toBe(
      "DISCLOSURE_WITHHELD",
    );
  });

  it("an adult person's decision is published with witnesses' names and personal numbers hidden", async () => {
    const adult = withCheck("64050219800512123");
    const steps = personSteps(`当事人王五（身份证${adult}，电话13812345678）殴打证人李四`);
    const events = await caseEvents("c4", { file: personFile(adult), steps });
    const d = decisionDisclosureDraft(events, { ...ctx, otherPersons: ["李四"] })._unsafeUnwrap();
    const text = JSON.stringify(d.content);
    expect(text).not.toContain(adult);
    expect(text).not.toContain("13812345678");
    expect(text).not.toContain("李四");
    expect(d.content).toMatchObject({ party: { kind: "person", name: "王五" } });
    expect(d.redactions.map((r) => r.field).sort()).toEqual(["mobile", "otherPersonName", "residentId"]);
    expect(checkRedacted(d.content, { policy: ctx.policy.redaction, otherPersons: ["李四"] }).isOk()).toBe(true);
  });

  it("SAMR: warning-only and simplified-procedure decisions are not published (Art. 2)", async () => {
    const samr = resolveDisclosurePolicy({ sector: "samr" })._unsafeUnwrap();
    const warningOnly = CASE_STEPS.map(([cmd, at, actor]): CaseStep => {
      const warning = { kinds: ["warning" as const] };
      if (cmd.type === "notice.serve" || cmd.type === "case.decide") return [{ ...cmd, penalty: warning }, at, actor];
      return [cmd, at, actor];
    });
    const events = await caseEvents("c5", { steps: warningOnly });
    const r = decisionDisclosureDraft(events, { ...ctx, policy: samr })._unsafeUnwrapErr();
    expect(r.code).toBe("DISCLOSURE_WITHHELD");
    expect(r.source).toMatchObject({ law: "市场监督管理行政处罚信息公示规定", article: 2, paragraph: 2 });
    // Under the national defaults the same decision is drafted.
    expect(decisionDisclosureDraft(events, ctx)._unsafeUnwrap().content).toMatchObject({ conclusion: "警告" });
    const simplified = decisionDisclosureDraft(await caseEvents("c1"), {
      ...ctx,
      policy: samr,
      procedure: "simplified",
    });
    expect(simplified._unsafeUnwrapErr().details).toMatchObject({ reason: "simplifiedProcedure" });
  });

  it("市场监督管理行政处罚信息公示规定 Art. 10: a party registered in another province routes the draft; its due day is the 10-working-day forward deadline", async () => {
    const samr = resolveDisclosurePolicy({ sector: "samr" })._unsafeUnwrap();
    const route = { registeredIn: "浙江省", forwardTo: "杭州市市场监督管理局" };
    const d = decisionDisclosureDraft(await caseEvents("c1"), {
      ...ctx,
      policy: samr,
      crossProvince: route,
    })._unsafeUnwrap();
    expect(d.routing).toEqual({ crossProvince: route });
    const rule = disclosureRuleFor(samr, { kind: "decision", category: "penalty" });
    const due = routedDisclosureDue(rule, d.startOn, d.routing, chinaCalendar())._unsafeUnwrap();
    // Monday 2025-03-10 + 10 working days.
    expect(due).toMatchObject({ ruleId: "disclosure.samrForward", due: "2025-03-24" });
    // Without the option the draft has no route (published by this bureau within 20 working days, Art. 9).
    expect(decisionDisclosureDraft(await caseEvents("c1"), { ...ctx, policy: samr })._unsafeUnwrap().routing).toBe(
      undefined,
    );
  });

  it("penaltyConclusion writes kinds and amounts in words", () => {
    expect(penaltyConclusion({ kinds: ["fine", "confiscateGains"], fineFen: 1_234_500, confiscationFen: 10_000 })).toBe(
      "罚款人民币12,345.00元，没收违法所得人民币100.00元",
    );
  });
});
