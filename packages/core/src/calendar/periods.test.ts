import { describe, expect, it } from "vitest";
import { computeDeadline, periodRule, resolvePeriods } from "./deadline.js";
import { STATUTORY_PERIODS } from "./periods.js";
import { chinaCalendar } from "./work-calendar.js";

const cal = chinaCalendar();

describe("STATUTORY_PERIODS — the table", () => {
  it("has unique ids, positive integer amounts and a source on every row", () => {
    const ids = STATUTORY_PERIODS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of STATUTORY_PERIODS) {
      expect(Number.isInteger(r.amount) && r.amount > 0).toBe(true);
      expect(r.source.law.length).toBeGreaterThan(0);
      expect(r.source.confidence).toBeDefined();
    }
  });

  it("行政处罚法 Art. 85: its 2/3/5/7-day periods are working days, every other figure calendar time", () => {
    for (const r of STATUTORY_PERIODS.filter((x) => x.source.law === "行政处罚法")) {
      const short = [2, 3, 5, 7].includes(r.amount) && r.unit !== "year";
      expect([r.id, r.unit === "workday"]).toEqual([r.id, short]);
    }
  });

  it("行政许可法 Art. 82 (agency periods) and 行政强制法 Art. 69 (≤ 10 days) count working days", () => {
    for (const r of STATUTORY_PERIODS) {
      if (r.source.law === "行政许可法") expect([r.id, r.unit]).toEqual([r.id, "workday"]);
      if (r.source.law === "行政强制法" && r.unit !== "month" && r.unit !== "year") {
        expect([r.id, r.unit]).toEqual([r.id, r.amount <= 10 ? "workday" : "day"]);
      }
    }
  });

  it("[M]/[VAR] rows are configurable", () => {
    for (const r of STATUTORY_PERIODS) {
      const confidence: string | undefined = r.source.confidence;
      if (confidence === "M" || confidence === "VAR") expect([r.id, r.configurable]).toEqual([r.id, true]);
    }
  });
});

describe("computeDeadline — real dates, each with its rule", () => {
  it("penalty.decision: 90 days from filing 2026-07-03 end on 10-01 and roll over to 2026-10-08 (行政处罚法 Art. 60)", () => {
    const d = computeDeadline("penalty.decision", "2026-07-03", cal)._unsafeUnwrap();
    expect(d.due).toBe("2026-10-08");
    expect(d.rolledOverFrom).toBe("2026-10-01");
    expect(d.source).toMatchObject({ law: "行政处罚法", article: 60 });
    expect(d.sources.map((s) => `${s.law}${s.article}`)).toContain("民法典203");
    expect(d.skipped.every((s) => s.holiday === "国庆节")).toBe(true);
  });

  it("penalty.hearingRequest: 5 working days from notice served 2025-01-27 = 2025-02-10 (行政处罚法 Arts. 64, 85)", () => {
    const d = computeDeadline("penalty.hearingRequest", "2025-01-27", cal)._unsafeUnwrap();
    expect(d.due).toBe("2025-02-10");
    expect(d.sources.map((s) => s.article)).toEqual([64, 85, 201, 7]);
  });

  it("penalty.payment: 15 days from receipt 2025-09-16 roll over National Day to 2025-10-09 (Art. 67)", () => {
    expect(computeDeadline("penalty.payment", "2025-09-16", cal)._unsafeUnwrap().due).toBe("2025-10-09");
  });

  it("penalty.hearingNotice: for a hearing on 2026-10-12 the notice is due by 2026-09-24 (Art. 64(2), 七日前)", () => {
    const d = computeDeadline("penalty.hearingNotice", "2026-10-12", cal)._unsafeUnwrap();
    expect(d.due).toBe("2026-09-24");
    expect(cal.addWorkingDays(d.due, 7)._unsafeUnwrap() <= "2026-10-12").toBe(true);
    expect(cal.addWorkingDays("2026-09-28", 7)._unsafeUnwrap() > "2026-10-12").toBe(true);
  });

  it("coercion.seizure: 30 days, or 30 + 30 when extended (行政强制法 Art. 25)", () => {
    // "不得超过三十日": the end does not move past the National Day break (issue 14 §7: rolling
    // over would lengthen the seizure to 37 days); a bureau may switch roll-over on by config.
    expect(computeDeadline("coercion.seizure", "2026-09-01", cal)._unsafeUnwrap().due).toBe("2026-10-01");
    const ext = computeDeadline("coercion.seizure", "2026-09-01", cal, { extended: true })._unsafeUnwrap();
    expect([ext.amount, ext.due, ext.extended]).toEqual([60, "2026-10-31", true]);
  });

  it("licence.decision: 20 working days, 30 when extended (行政许可法 Arts. 42, 82)", () => {
    expect(computeDeadline("licence.decision", "2026-09-30", cal)._unsafeUnwrap().due).toBe(
      cal.addWorkingDays("2026-09-30", 20)._unsafeUnwrap(),
    );
    const ext = computeDeadline("licence.decision", "2026-09-30", cal, { extended: true })._unsafeUnwrap();
    expect(ext.due).toBe(cal.addWorkingDays("2026-09-30", 30)._unsafeUnwrap());
  });

  it("remedy.litigation: 6 months from 2025-04-01 → 10-01 → rolls to 2025-10-09 (行政诉讼法 Art. 46)", () => {
    expect(computeDeadline("remedy.litigation", "2025-04-01", cal)._unsafeUnwrap().due).toBe("2025-10-09");
  });

  it("unknown rule id → PERIOD_RULE_UNKNOWN; year without notice → CALENDAR_YEAR_UNKNOWN", () => {
    expect(computeDeadline("penalty.nonsense", "2026-01-05", cal)._unsafeUnwrapErr().code).toBe("PERIOD_RULE_UNKNOWN");
    expect(computeDeadline("penalty.service", "2027-03-01", cal)._unsafeUnwrapErr().code).toBe("CALENDAR_YEAR_UNKNOWN");
  });
});

describe("resolvePeriods — local variants are configuration, recorded with their source", () => {
  const local = { law: "某省行政执法公示办法", article: 12, confidence: "VAR" as const };

  it("overrides a configurable row and keeps the national values it replaced", () => {
    const rule = periodRule("disclosure.licencePenalty", {
      "disclosure.licencePenalty": { amount: 5, source: local, note: "本省规定5个工作日" },
    })._unsafeUnwrap();
    expect(rule.amount).toBe(5);
    expect(rule.source).toEqual(local);
    expect(rule.overridden).toMatchObject({ by: local, original: { amount: 7, unit: "workday" } });
    const d = computeDeadline("disclosure.licencePenalty", "2026-09-30", cal, {
      periods: { "disclosure.licencePenalty": { amount: 5, source: local } },
    })._unsafeUnwrap();
    expect(d.due).toBe("2026-10-13");
    expect(d.source).toEqual(local);
  });

  it("accepts a table resolved once and reused", () => {
    const table = resolvePeriods({ "service.publicNotice": { amount: 60, source: local } })._unsafeUnwrap();
    expect(table.get("service.publicNotice")?.amount).toBe(60);
    expect(table.get("penalty.decision")?.overridden).toBeUndefined();
    const d = computeDeadline("service.publicNotice", "2026-01-05", cal, { periods: table })._unsafeUnwrap();
    expect(d.due).toBe("2026-03-06");
  });

  it("refuses to override a period the statute fixes (行政处罚法 Art. 64 hearing request)", () => {
    const r = resolvePeriods({ "penalty.hearingRequest": { amount: 3, source: local } });
    expect(r._unsafeUnwrapErr().code).toBe("PERIOD_INVALID");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "行政处罚法", article: 64 });
  });

  it("refuses unknown ids and overrides without a source", () => {
    expect(resolvePeriods({ "no.such": { amount: 3, source: local } })._unsafeUnwrapErr().code).toBe(
      "PERIOD_RULE_UNKNOWN",
    );
    const bad = { "samr.defence": { amount: 3 } } as unknown as Parameters<typeof resolvePeriods>[0];
    expect(resolvePeriods(bad)._unsafeUnwrapErr().code).toBe("PERIOD_INVALID");
    expect(periodRule("no.such")._unsafeUnwrapErr().code).toBe("PERIOD_RULE_UNKNOWN");
  });
});
