import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { computeDeadline } from "../calendar/deadline.js";
import { chinaCalendar } from "../calendar/work-calendar.js";
import { addDays } from "../kernel/time.js";
import { decide } from "./decide.js";
import { deadlineWithExclusions, type ExcludedPeriod, mergeExclusions } from "./excluded-periods.js";
import { evolve, initialCaseState } from "./fold.js";
import { recomputeProvisional } from "./provisional.js";
import { ctxAt, doc, fileCommand } from "./test-fixtures.js";

const calendar = chinaCalendar();
const TESTING = { law: "行政强制法", article: 25, paragraph: 3, confidence: "C-law" } as const;
const ex = (from: string, to: string, reason = "技术鉴定"): ExcludedPeriod => ({ from, to, reason, source: TESTING });

describe("deadlineWithExclusions", () => {
  it("adds the testing days inside a seizure's 30 days (行政强制法第二十五条第三款)", () => {
    // Seized 2025-03-03: 30 days end 2025-04-02; 10 days of appraisal inside → 2025-04-12 (a
    // Saturday, not rolled over: Art. 25 para. 1 "不得超过三十日", issue 14 §7).
    const r = deadlineWithExclusions("2025-03-03", "coercion.seizure", calendar, [ex("2025-03-10", "2025-03-19")]);
    expect(r._unsafeUnwrap().base.due).toBe("2025-04-02");
    expect(r._unsafeUnwrap().excludedDays).toBe(10);
    expect(r._unsafeUnwrap().due).toBe("2025-04-12");
    expect(r._unsafeUnwrap().sources).toContainEqual(TESTING);
  });

  it("merges overlapping intervals and ignores those outside the running period (行政强制法第二十五条第三款)", () => {
    const r = deadlineWithExclusions("2025-03-03", "coercion.seizure", calendar, [
      ex("2025-03-10", "2025-03-15"),
      ex("2025-03-12", "2025-03-19", "检验"),
      ex("2025-01-01", "2025-03-03"),
      ex("2025-09-01", "2025-09-30"),
    ])._unsafeUnwrap();
    expect(r.excludedDays).toBe(10);
    expect(r.applied).toHaveLength(1);
    expect(mergeExclusions([ex("2025-03-10", "2025-03-15"), ex("2025-03-16", "2025-03-17")])).toHaveLength(1);
  });

  it("counts working days for a workday period (行政处罚法第八十五条)", () => {
    // 7 working days from Mon 2025-03-03 → 2025-03-12; excluding Wed–Fri 03-05..07 (3 working days) → 03-17.
    const r = deadlineWithExclusions("2025-03-03", "penalty.evidencePreservation", calendar, [
      ex("2025-03-05", "2025-03-07", "中止"),
    ])._unsafeUnwrap();
    expect(r.excludedDays).toBe(3);
    expect(r.due).toBe("2025-03-17");
  });

  it("reaching a year without its holiday notice: bounded and provisional, never refused (issue 14 §1)", () => {
    // Seized 2026-11-20 (30 days), 20 days of appraisal: the end moves into 2027. Without
    // roll-over (the default) calendar days need no notice: exact, 2027-01-09.
    const exact = deadlineWithExclusions("2026-11-20", "coercion.seizure", calendar, [ex("2026-11-25", "2026-12-14")]);
    expect(exact._unsafeUnwrap()).toMatchObject({ due: "2027-01-09", base: { provisional: false } });
    // A bureau that rolls the end over past holidays needs 2027's notice: bounded instead.
    const periods = {
      "coercion.seizure": {
        rollOver: true,
        source: { law: "行政强制法", article: 25, paragraph: 1, confidence: "VAR" as const },
      },
    };
    const r = deadlineWithExclusions("2026-11-20", "coercion.seizure", calendar, [ex("2026-11-25", "2026-12-14")], {
      periods,
    });
    const v = r._unsafeUnwrap();
    expect(v.base).toMatchObject({ provisional: true, bound: "earliest" }); // the authority's duty
    expect(v.excludedDays).toBe(20);
    // 2026-12-20 + 20 = 2027-01-09 (Saturday), beyond any plausible 调休上班日 of 元旦 (±7
    // days) or 春节 (from 14 days before 初一, 2027-01-23): a weekend even on the earliest
    // bound, so the end rolls over to Monday (行政强制法 Art. 69 with 民法典 Art. 203).
    expect(v.due).toBe("2027-01-11");
    // A party's period over the same exclusion takes the latest plausible end instead.
    const pay = deadlineWithExclusions("2026-12-10", "penalty.payment", calendar, [ex("2026-12-15", "2026-12-20")]);
    expect(pay._unsafeUnwrap().base).toMatchObject({ provisional: true, bound: "latest" });
    expect(pay._unsafeUnwrap().due >= "2027-01-04").toBe(true);
  });

  it("refuses an interval whose end precedes its start", () => {
    const r = deadlineWithExclusions("2025-03-03", "coercion.seizure", calendar, [ex("2025-03-10", "2025-03-01")]);
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  const day = fc.integer({ min: 0, max: 500 }).map((n) => addDays("2025-01-01", n));
  const interval = fc
    .tuple(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 40 }))
    .map(([a, len]) => ex(addDays("2025-01-01", a), addDays("2025-01-01", a + len)));
  const rules = fc.constantFrom(
    "coercion.seizure",
    "penalty.payment",
    "penalty.decision",
    "penalty.evidencePreservation",
    "remedy.litigation",
  );

  test.prop([day, rules])("excluding nothing equals computeDeadline (行政强制法第二十五条)", (start, rule) => {
    const a = deadlineWithExclusions(start, rule, calendar, []);
    const b = computeDeadline(rule, start, calendar);
    if (b.isErr()) return;
    expect(a._unsafeUnwrap().due).toBe(b.value.due);
  });

  test.prop([day, rules, fc.array(interval, { maxLength: 3 }), interval])(
    "excluding more never makes the end earlier (行政强制法第二十五条第三款)",
    (start, rule, some, more) => {
      const a = deadlineWithExclusions(start, rule, calendar, some);
      const b = deadlineWithExclusions(start, rule, calendar, [...some, more]);
      if (a.isErr() || b.isErr()) return;
      expect(b.value.due >= a.value.due).toBe(true);
    },
  );

  test.prop([day, rules, fc.array(interval, { maxLength: 3 })])(
    "the end is a working day when the rule rolls over (民法典第二百零三条)",
    (start, rule, some) => {
      const r = deadlineWithExclusions(start, rule, calendar, some);
      if (r.isErr() || !r.value.base.rule.rollOver) return;
      const working = calendar.isWorkingDay(r.value.due);
      if (working.isErr()) return;
      expect(working.value).toBe(true);
    },
  );
});

describe("period.exclude on a decision deadline reaching an unpublished year (issue 14 §8)", () => {
  // Filed 2026-11-20: the 90 days (行政处罚法 Art. 60) reach 2027, whose notice is not loaded;
  // filing stored the deadline provisional. Excluding an appraisal (Art. 60 另有规定) recomputes
  // it: never refused with CALENDAR_YEAR_UNKNOWN, still provisional with its start, the
  // excluded interval and the bound, so recomputeProvisional corrects it once 2027 loads.
  const filed = (() => {
    let s = initialCaseState("px");
    for (const e of decide(s, { ...fileCommand, actDate: "2026-11-01" }, ctxAt("2026-11-20T02:00:00Z"))._unsafeUnwrap())
      s = evolve(s, e)._unsafeUnwrap();
    return s;
  })();
  const exclude = {
    type: "period.exclude" as const,
    kind: "examination" as const,
    from: "2026-11-25",
    to: "2026-12-04",
    records: [doc("appraisal")],
  };

  const excluded = () => {
    let s = filed;
    for (const e of decide(s, exclude, ctxAt("2026-12-07T02:00:00Z"))._unsafeUnwrap()) s = evolve(s, e)._unsafeUnwrap();
    return s;
  };

  it("keeps provisional, start, excluded and bound; not refused (行政处罚法第六十条)", () => {
    expect(filed.context.deadlines.decision).toMatchObject({ provisional: true, bound: "earliest" });
    const due = excluded().context.deadlines.decision;
    expect(due).toMatchObject({ provisional: true, start: "2026-11-20", bound: "earliest" });
    expect(due?.excluded).toHaveLength(1);
    // Ten excluded days move the end at least ten days past the filing's provisional end
    // (then to a working day: 2027-02-28 is a Sunday), as deadlineWithExclusions counts it.
    const before = filed.context.deadlines.decision?.due ?? "";
    expect((due?.due ?? "") >= addDays(before, 10)).toBe(true);
    const same = deadlineWithExclusions("2026-11-20", "penalty.decision", calendar, due?.excluded ?? []);
    expect(due?.due).toBe(same._unsafeUnwrap().due);
  });

  it("recomputeProvisional corrects it with the excluded days once the year's notice is loaded", () => {
    const s = excluded();
    const with2027 = chinaCalendar({
      years: { "2027": { holidays: ["2027-01-01"], workdays: [], notice: { title: "测试数据" } } },
    });
    const r = recomputeProvisional(s.context.deadlines, with2027)._unsafeUnwrap();
    const exact = deadlineWithExclusions("2026-11-20", "penalty.decision", with2027, [
      { from: "2026-11-25", to: "2026-12-04", reason: "检测、检验、检疫、鉴定", source: TESTING },
    ])._unsafeUnwrap();
    expect(r.deadlines.decision).toMatchObject({ due: exact.due, provisional: false });
  });
});
