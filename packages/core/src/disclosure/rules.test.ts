import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { STATUTORY_PERIODS } from "../calendar/periods.js";
import { chinaCalendar } from "../calendar/work-calendar.js";
import { addDays } from "../kernel/time.js";
import {
  DEFAULT_DISCLOSURE_POLICY,
  DEFAULT_DISCLOSURE_RULES,
  type DisclosurePolicy,
  disclosureDue,
  disclosureRuleFor,
  publicUntil,
  resolveDisclosurePolicy,
  routedDisclosureDue,
  withdrawalDue,
} from "./rules.js";
import { ACTION_CATEGORIES, DISCLOSURE_KINDS, type DisclosureContent } from "./schema.js";
import { DISCLOSURE_SECTORS, SAMR_EARLY_END_EXCLUDED_KINDS } from "./sectors.js";

const calendar = chinaCalendar();
const samr: DisclosurePolicy = resolveDisclosurePolicy({ sector: "samr" })._unsafeUnwrap();
const penaltyRule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "penalty" });

const fineDecision = (fineFen: number, conclusion = "罚款人民币500.00元"): DisclosureContent => ({
  kind: "decision",
  category: "penalty",
  documentNumber: "中沙市监罚〔2025〕1号",
  agencyName: "中卫市沙坡头区市场监督管理局",
  party: { kind: "organisation", name: "某商贸有限公司" },
  matter: "销售不合格商品",
  basis: ["《产品质量法》第四十九条"],
  conclusion,
  fineFen,
  decidedOn: "2025-03-14",
});

describe("the default rule table", () => {
  it("has one row per before/during kind and one per decision category, ids unique", () => {
    const ids = DEFAULT_DISCLOSURE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const kind of DISCLOSURE_KINDS) {
      if (kind === "decision") continue;
      expect(disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind }).kind).toBe(kind);
    }
    for (const category of ACTION_CATEGORIES) {
      expect(disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category }).category).toBe(category);
    }
    expect(disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision" }).id).toBe("decision.other");
  });

  it("requires every decision (118号: all within 20 working days; 处罚 and 许可 within 7)", () => {
    const decisions = DEFAULT_DISCLOSURE_RULES.filter((r) => r.kind === "decision");
    expect(decisions.every((r) => r.required)).toBe(true);
    const seven = decisions.filter((r) => r.deadlinePeriodId === "disclosure.licencePenalty").map((r) => r.id);
    expect(seven.sort()).toEqual(["decision.licence", "decision.penalty"]);
  });

  it("7 working days (118号) for a penalty decision: decided Fri 2025-03-14, due Tue 2025-03-25", () => {
    expect(penaltyRule.source.law).toBe("国办发〔2018〕118号");
    const due = disclosureDue(penaltyRule, "2025-03-14", calendar)._unsafeUnwrap();
    expect(due).toMatchObject({ ruleId: "disclosure.licencePenalty", due: "2025-03-25", provisional: false });
  });

  it("20 working days (118号) for other decisions, across the 清明 break of 2025", () => {
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "coercion" });
    // Mar 17–21, 24–28, 31, Apr 1–3, (Apr 4 清明 off), 7–11, 14: the 20th working day.
    expect(disclosureDue(rule, "2025-03-14", calendar)._unsafeUnwrap()?.due).toBe("2025-04-14");
  });

  it("before-items: 20 working days after being made or changed (政府信息公开条例 Art. 26)", () => {
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "officer" });
    expect(rule.deadlinePeriodId).toBe("disclosure.govInfo");
    expect(rule.publicity).toBeNull();
    expect(publicUntil(rule, "2025-03-14")).toBeUndefined();
  });

  it("during: shown on the spot (行政处罚法 Art. 55), no deadline", () => {
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "enforcementAct" });
    expect(rule.channels).toEqual(["执法现场出示"]);
    expect(rule.source).toMatchObject({ law: "行政处罚法", article: 55 });
    expect(disclosureDue(rule, "2025-03-14", calendar)._unsafeUnwrap()).toBeNull();
  });

  it("withdrawal within 3 working days (行政处罚法 Art. 48 para. 2)", () => {
    const due = withdrawalDue(penaltyRule, "2025-03-14", calendar)._unsafeUnwrap();
    expect(due).toMatchObject({ ruleId: "penalty.withdrawal", due: "2025-03-19" });
    expect(due?.source).toMatchObject({ law: "行政处罚法", article: 48, paragraph: 2 });
    const body = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "body" });
    expect(withdrawalDue(body, "2025-03-14", calendar)._unsafeUnwrap()).toBeNull();
  });

  it("118号 及时撤下: every non-penalty decision row has a 3-working-day withdrawal period, confidence M, configurable", () => {
    for (const r of DEFAULT_DISCLOSURE_RULES.filter((x) => x.kind === "decision" && x.category !== "penalty")) {
      expect([r.id, r.withdrawalPeriodId]).toEqual([r.id, "disclosure.decisionWithdrawal"]);
    }
    const period = STATUTORY_PERIODS.find((p) => p.id === "disclosure.decisionWithdrawal");
    expect(period).toMatchObject({ amount: 3, unit: "workday", configurable: true });
    expect(period?.source).toMatchObject({ law: "国办发〔2018〕118号", confidence: "M" });
    expect(period?.note).toContain("118号");
    const licence = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "licence" });
    // Fri 2025-03-14 + 3 working days = Wed 2025-03-19.
    expect(withdrawalDue(licence, "2025-03-14", calendar)._unsafeUnwrap()).toMatchObject({
      ruleId: "disclosure.decisionWithdrawal",
      due: "2025-03-19",
    });
  });

  it("118号: a bureau changes the non-penalty withdrawal period (period override) or switches it off (withdrawalPeriodId: null)", () => {
    const licence = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "licence" });
    const local = { law: "某省行政执法公示办法", confidence: "C-local" } as const;
    const periods = { "disclosure.decisionWithdrawal": { amount: 5, source: local } };
    expect(withdrawalDue(licence, "2025-03-14", calendar, { periods })._unsafeUnwrap()?.due).toBe("2025-03-21");
    const off = resolveDisclosurePolicy({
      rules: { "decision.licence": { withdrawalPeriodId: null } },
    })._unsafeUnwrap();
    const offRule = disclosureRuleFor(off, { kind: "decision", category: "licence" });
    expect(withdrawalDue(offRule, "2025-03-14", calendar)._unsafeUnwrap()).toBeNull();
  });

  it("a default publicity of 36 months, tagged M (a model taken from SAMR Art. 13)", () => {
    expect(penaltyRule.publicity).toEqual({ months: 36 });
    expect(penaltyRule.publicitySource).toMatchObject({ article: 13, confidence: "M" });
    expect(publicUntil(penaltyRule, "2025-03-20", fineDecision(50_000))).toBe("2028-03-20");
  });

  it("a deadline reaching a year without its holiday notice is provisional, at the earliest plausible end (the bureau's duty; issue 14 §1)", () => {
    const due = disclosureDue(penaltyRule, "2026-12-28", calendar)._unsafeUnwrap();
    // 12-29..12-31, then 1 January off (全国年节及纪念日放假办法 Art. 2), and the weekend of
    // 01-02/01-03 counted as possible 调休上班日: 7 working days end 2027-01-05 at the earliest.
    expect(due).toMatchObject({ due: "2027-01-05", provisional: true, start: "2026-12-28", bound: "earliest" });
  });

  test.prop([fc.integer({ min: 0, max: 6 * 365 })], { numRuns: 100 })(
    "the penalty deadline is a working day with exactly 7 working days after the decision",
    (offset) => {
      const start = addDays("2019-01-01", offset);
      const due = disclosureDue(penaltyRule, start, calendar)._unsafeUnwrap();
      expect(due).not.toBeNull();
      if (due === null) return;
      expect(calendar.workingDaysBetween(start, due.due)._unsafeUnwrap()).toBe(7);
      expect(calendar.isWorkingDay(due.due)._unsafeUnwrap()).toBe(true);
    },
  );
});

describe("sector overrides: 市场监督管理行政处罚信息公示规定 (samr)", () => {
  const rule = disclosureRuleFor(samr, { kind: "decision", category: "penalty" });

  it("7 working days (118号, stricter than Art. 9's 20), withdrawal within 3 (Art. 11), on the credit system", () => {
    expect(rule.source).toMatchObject({ law: "市场监督管理行政处罚信息公示规定", article: 9 });
    // A 部门规章 cannot replace 118号's 7 working days (it yields to 法律、行政法规 only): the
    // stricter applies — Fri 2025-03-14 + 7 working days = Tue 03-25, not Art. 9's 04-14.
    const due = disclosureDue(rule, "2025-03-14", calendar)._unsafeUnwrap();
    expect(due).toMatchObject({ ruleId: "disclosure.licencePenalty", due: "2025-03-25" });
    expect(due?.source).toMatchObject({ law: "国办发〔2018〕118号" });
    expect(withdrawalDue(rule, "2025-03-14", calendar)._unsafeUnwrap()?.ruleId).toBe("disclosure.samrWithdrawal");
    expect(rule.channels).toEqual(["国家企业信用信息公示系统"]);
    expect(rule).toMatchObject({ ordinaryProcedureOnly: true, excludeWarningOnly: true });
  });

  it("3 months for 通报批评 or a low fine, 3 years otherwise (Art. 13)", () => {
    expect(publicUntil(rule, "2025-03-20", fineDecision(50_000))).toBe("2025-06-20");
    expect(publicUntil(rule, "2025-03-20", fineDecision(5_000_000, "罚款人民币50,000.00元"))).toBe("2028-03-20");
    const revoked = fineDecision(50_000, "罚款人民币500.00元，吊销许可证件");
    expect(publicUntil(rule, "2025-03-20", revoked)).toBe("2028-03-20");
    expect(publicUntil(rule, "2025-03-20", fineDecision(50_000), { penaltyKinds: ["criticism"] })).toBe("2025-06-20");
    expect(publicUntil(rule, "2025-03-20", fineDecision(50_000), { penaltyKinds: ["fine", "revokeLicence"] })).toBe(
      "2028-03-20",
    );
  });

  it("the low-fine threshold is the province's (VAR) and can be set", () => {
    expect(rule.lowPublicity?.source.confidence).toBe("VAR");
    const p = resolveDisclosurePolicy({
      sector: "samr",
      rules: {
        "decision.penalty": {
          lowPublicity: {
            months: 3,
            maxFineFen: 10_000_000,
            source: { law: "市场监督管理行政处罚信息公示规定", article: 13, paragraph: 2, confidence: "VAR" },
          },
        },
      },
    })._unsafeUnwrap();
    const r = disclosureRuleFor(p, { kind: "decision", category: "penalty" });
    expect(publicUntil(r, "2025-03-20", fineDecision(5_000_000, "罚款人民币50,000.00元"))).toBe("2025-06-20");
  });

  it("总局令第45号 Art. 10: the penalty row carries the cross-province route (10 + 10 working days); the default rows do not", () => {
    expect(rule.crossProvince).toMatchObject({
      forwardPeriodId: "disclosure.samrForward",
      receivedPeriodId: "disclosure.samrReceived",
      source: { law: "市场监督管理行政处罚信息公示规定", article: 10, confidence: "C-law" },
    });
    expect(DEFAULT_DISCLOSURE_RULES.every((r) => r.crossProvince === undefined)).toBe(true);
    const cross = { crossProvince: { registeredIn: "浙江省", forwardTo: "杭州市市场监督管理局" } };
    // Fri 2025-03-14 + 10 working days = Fri 2025-03-28.
    expect(routedDisclosureDue(rule, "2025-03-14", cross, calendar)._unsafeUnwrap()?.due).toBe("2025-03-28");
    const received = { received: { from: "中卫市市场监督管理局", receivedOn: "2025-03-20" } };
    expect(routedDisclosureDue(rule, "2025-03-14", received, calendar)._unsafeUnwrap()).toMatchObject({
      ruleId: "disclosure.samrReceived",
      due: "2025-04-03",
    });
    expect(routedDisclosureDue(penaltyRule, "2025-03-14", cross, calendar)._unsafeUnwrapErr()).toMatchObject({
      code: "COMMAND_NOT_ALLOWED",
      source: { law: "国办发〔2018〕118号" },
    });
    expect(routedDisclosureDue(rule, "2025-03-14", undefined, calendar)._unsafeUnwrap()?.ruleId).toBe(
      "disclosure.licencePenalty",
    );
  });

  it("总局令第45号 Art. 14: the early end is data — a VAR minimum time, the severe kinds of para. 3", () => {
    expect(rule.earlyEnd).toMatchObject({
      minMonths: 12,
      minMonthsSource: { article: 14, paragraph: 2, confidence: "VAR" },
      excludedSource: { article: 14, paragraph: 3, confidence: "C-law" },
    });
    expect([...(rule.earlyEnd?.excludedKinds ?? [])].sort()).toEqual([...SAMR_EARLY_END_EXCLUDED_KINDS].sort());
    expect(SAMR_EARLY_END_EXCLUDED_KINDS).toContain("revokeLicence");
    expect(penaltyRule.earlyEnd).toBeUndefined();
  });

  it("a route naming an unknown period is PERIOD_RULE_UNKNOWN", () => {
    const route = {
      forwardPeriodId: "disclosure.nowhere",
      receivedPeriodId: "disclosure.samrReceived",
      source: {
        law: "市场监督管理行政处罚信息公示规定",
        article: 10,
      },
    };
    const bad = resolveDisclosurePolicy({ sector: "samr", rules: { "decision.penalty": { crossProvince: route } } });
    expect(bad._unsafeUnwrapErr().code).toBe("PERIOD_RULE_UNKNOWN");
  });

  it("every sector row names a known rule", () => {
    for (const sector of Object.keys(DISCLOSURE_SECTORS)) {
      expect(resolveDisclosurePolicy({ sector }).isOk()).toBe(true);
    }
  });
});

describe("resolveDisclosurePolicy", () => {
  it("defaults to the national table", () => {
    expect(resolveDisclosurePolicy()._unsafeUnwrap()).toEqual(DEFAULT_DISCLOSURE_POLICY);
  });

  it("sets the decisions' publicity period and lets a bureau switch a row off", () => {
    const p = resolveDisclosurePolicy({
      publicityMonths: 12,
      rules: { "decision.inspection": { required: false } },
    })._unsafeUnwrap();
    expect(disclosureRuleFor(p, { kind: "decision", category: "licence" }).publicity).toEqual({ months: 12 });
    expect(disclosureRuleFor(p, { kind: "decision", category: "inspection" }).required).toBe(false);
    expect(disclosureRuleFor(p, { kind: "body" }).publicity).toBeNull();
  });

  it("refuses bad configuration: INVALID_INPUT, PERIOD_RULE_UNKNOWN", () => {
    expect(resolveDisclosurePolicy({ sector: "nowhere" })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(resolveDisclosurePolicy({ rules: { "decision.nothing": {} } })._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    expect(resolveDisclosurePolicy({ publicityMonths: -1 })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(
      resolveDisclosurePolicy({ rules: { body: { deadlinePeriodId: "disclosure.unknown" } } })._unsafeUnwrapErr().code,
    ).toBe("PERIOD_RULE_UNKNOWN");
  });

  it("accepts a resolved policy and checks it again", () => {
    expect(resolveDisclosurePolicy(samr)._unsafeUnwrap()).toEqual(samr);
    const broken: DisclosurePolicy = {
      ...samr,
      rules: samr.rules.map((r) => (r.id === "body" ? { ...r, withdrawalPeriodId: "nope" } : r)),
    };
    expect(resolveDisclosurePolicy(broken)._unsafeUnwrapErr().code).toBe("PERIOD_RULE_UNKNOWN");
  });
});
