import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BUILTIN_NOTICE_YEARS } from "../calendar/data/holidays.js";
import { computeDeadline } from "../calendar/deadline.js";
import type { NoticeYear } from "../calendar/schema.js";
import { chinaCalendar, createWorkCalendar } from "../calendar/work-calendar.js";
import { addDays, dayNumber, fromDayNumber } from "../kernel/time.js";
import { decide } from "./decide.js";
import { evolve, initialCaseState } from "./fold.js";
import { caseDeadline, currentDeadline } from "./guards.js";
import { recomputeProvisional } from "./provisional.js";
import { calendar, ctxAt, fileCommand, noticeCommand, officerActor } from "./test-fixtures.js";

/** A 2027 notice for the tests only (the real one is not published). */
const test2027: NoticeYear = {
  holidays: ["2027-01-01", "2027-01-02", "2027-01-03"],
  workdays: [],
  notice: { title: "国务院办公厅关于2027年部分节假日安排的通知（测试数据）" },
};
const with2027 = chinaCalendar({ years: { "2027": test2027 } });

describe("recomputeProvisional — deadlines computed without a year's holiday notice", () => {
  it("marks a deadline reaching an unannounced year provisional, keeping its start (行政处罚法第六十四条第一项)", () => {
    const d = caseDeadline("penalty.hearingRequest", "2026-12-28", ctxAt("2026-12-28T02:00:00Z"))._unsafeUnwrap();
    // The party's period takes the latest plausible end (issue 14 §1): 2026-12-30..2027-01-03
    // may all be days off (元旦 break of up to 3 days around 1 January, 全国年节及纪念日放假办法
    // Arts. 2, 7), so 12-29, 01-04, 01-05, 01-06, 01-07 — never the weekends-only 2027-01-04.
    expect(d).toMatchObject({ due: "2027-01-07", provisional: true, start: "2026-12-28", bound: "latest" });
  });

  it("corrects it once the notice is loaded, as a view: what changed, what was confirmed, what is still unknown", () => {
    const state0 = initialCaseState("pv");
    const filed = decide(
      state0,
      { ...fileCommand, actDate: "2026-11-01" },
      ctxAt("2026-11-20T02:00:00Z"),
    )._unsafeUnwrap()[0];
    if (filed === undefined) throw new Error("not filed");
    let s = evolve(state0, filed)._unsafeUnwrap();
    for (const cmd of [
      { type: "investigation.close", facts: "事实" } as const,
      noticeCommand({ kinds: ["fine"], fineFen: 5_000_000 }),
    ]) {
      const e = decide(s, cmd, ctxAt("2026-12-28T02:00:00Z", officerActor))._unsafeUnwrap()[0];
      if (e === undefined) throw new Error("refused");
      s = evolve(s, e)._unsafeUnwrap();
    }
    const stored = s.context.deadlines;
    // The bureau's own time limit takes the earliest plausible end; the party's the latest.
    expect(stored.decision).toMatchObject({
      due: "2027-02-18",
      provisional: true,
      start: "2026-11-20",
      bound: "earliest",
    });
    expect(stored.hearingRequest).toMatchObject({ due: "2027-01-07", provisional: true, bound: "latest" });
    // 2026-11-01 + 2 years reaches 2028, still unannounced after the 2027 notice.
    expect(stored.limitation).toMatchObject({ due: "2028-11-01", provisional: true });

    const r = recomputeProvisional(stored, with2027)._unsafeUnwrap();
    expect(r.changed).toEqual([
      { key: "hearingRequest", ruleId: "penalty.hearingRequest", before: "2027-01-07", after: "2027-01-05" },
      // The statement window (5 working days, the party's) is bounded and corrected the same way.
      { key: "statement", ruleId: "penalty.statement", before: "2027-01-07", after: "2027-01-05" },
    ]);
    expect(r.confirmed).toEqual(["decision"]);
    expect(r.unresolved).toEqual(["limitation"]);
    expect(r.deadlines.hearingRequest).toEqual({
      ...stored.hearingRequest,
      due: "2027-01-05",
      provisional: false,
      start: undefined,
      bound: undefined,
    });
    expect(r.deadlines.limitation).toBe(stored.limitation);
    // A view: the stored context is untouched.
    expect(s.context.deadlines.hearingRequest?.due).toBe("2027-01-07");
    // Still without the notice: nothing resolves.
    const again = recomputeProvisional(stored, chinaCalendar())._unsafeUnwrap();
    expect([...again.unresolved].sort()).toEqual(["decision", "hearingRequest", "limitation", "statement"]);
    expect(again.deadlines).toEqual(stored);
  });

  it("leaves a provisional deadline stored without its start unresolved (stored-event compatibility)", () => {
    const legacy = {
      payment: {
        ruleId: "penalty.payment",
        due: "2027-01-04",
        source: { law: "行政处罚法", article: 67, confidence: "C-law" as const },
        provisional: true,
      },
    };
    const r = recomputeProvisional(legacy, with2027)._unsafeUnwrap();
    expect(r.unresolved).toEqual(["payment"]);
    expect(r.deadlines).toEqual(legacy);
  });
});

describe("the hearing request guard with a provisional window (行政处罚法第六十四条第一项; issue 14 §1)", () => {
  /** A case notified on 2026-12-28 (hearing right), before the 2027 notice is loaded. */
  function notified() {
    const state0 = initialCaseState("hr");
    const filed = decide(state0, fileCommand, ctxAt("2026-12-01T02:00:00Z"))._unsafeUnwrap()[0];
    if (filed === undefined) throw new Error("not filed");
    let s = evolve(state0, filed)._unsafeUnwrap();
    for (const cmd of [
      { type: "investigation.close", facts: "事实" } as const,
      noticeCommand({ kinds: ["fine"], fineFen: 5_000_000 }),
    ]) {
      const e = decide(s, cmd, ctxAt("2026-12-28T02:00:00Z", officerActor))._unsafeUnwrap()[0];
      if (e === undefined) throw new Error("refused");
      s = evolve(s, e)._unsafeUnwrap();
    }
    return s;
  }

  it("accepts a request on 2027-01-05 (refused before: 1 January was counted as a working day)", () => {
    const s = notified();
    const r = decide(s, { type: "hearing.request" }, ctxAt("2027-01-05T02:00:00Z", officerActor));
    expect(r._unsafeUnwrap()[0]?.type).toBe("hearing.requested");
  });

  it("refuses only after the latest plausible end, citing it", () => {
    const s = notified();
    expect(decide(s, { type: "hearing.request" }, ctxAt("2027-01-07T15:00:00Z"))._unsafeUnwrap()[0]?.type).toBe(
      "hearing.requested",
    );
    const late = decide(s, { type: "hearing.request" }, ctxAt("2027-01-08T02:00:00Z"));
    expect(late._unsafeUnwrapErr().message).toContain("听证申请期限已于 2027-01-07 届满");
  });

  it("once the 2027 notice is loaded the guard reads the real end (recomputed, not the stored bound)", () => {
    const s = notified();
    const ctx = { ...ctxAt("2027-01-06T02:00:00Z"), calendar: with2027 };
    const late = decide(s, { type: "hearing.request" }, ctx);
    expect(late._unsafeUnwrapErr().message).toContain("听证申请期限已于 2027-01-05 届满");
  });

  it("a window stored before bounds existed (weekends only, with its start) is read as the bound", () => {
    const legacy = {
      ruleId: "penalty.hearingRequest",
      due: "2027-01-04",
      source: { law: "行政处罚法", article: 64, item: 1, confidence: "C-law" as const },
      provisional: true,
      start: "2026-12-28",
    };
    expect(currentDeadline(legacy, ctxAt("2027-01-05T02:00:00Z"))).toMatchObject({
      due: "2027-01-07",
      bound: "latest",
      provisional: true,
    });
    expect(currentDeadline(legacy, { ...ctxAt("2027-01-05T02:00:00Z"), calendar: with2027 })).toEqual({
      ruleId: "penalty.hearingRequest",
      due: "2027-01-05",
      source: legacy.source,
      provisional: false,
    });
  });
});

describe("property: a hearing request on the real last day is never refused for want of a notice (issue 14 §1)", () => {
  // Each cutoff calendar knows the notices before year Y only: the notices 2020–2026 stand in
  // for "not yet published". The real last day is computed with every notice loaded.
  const cutoffs = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => {
    const years = Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([k]) => Number(k) < y));
    return [y, createWorkCalendar({ builtin: false, years })._unsafeUnwrap()] as const;
  });
  const noticeDay = ([y]: readonly [number, unknown]) =>
    fc.integer({ min: dayNumber(`${y - 1}-11-15`), max: dayNumber(`${y - 1}-12-31`) }).map(fromDayNumber);
  const arb = fc.constantFrom(...cutoffs).chain((c) => fc.tuple(fc.constant(c), noticeDay(c)));

  function notifiedOn(day: string, cal: typeof calendar) {
    const ctx = (now: string) => ({ ...ctxAt(now), calendar: cal });
    const state0 = initialCaseState("prop");
    const filed = decide(
      state0,
      { ...fileCommand, actDate: addDays(day, -20) },
      ctx(`${addDays(day, -5)}T02:00:00Z`),
    )._unsafeUnwrap()[0];
    if (filed === undefined) throw new Error("not filed");
    let s = evolve(state0, filed)._unsafeUnwrap();
    for (const cmd of [
      { type: "investigation.close", facts: "事实" } as const,
      noticeCommand({ kinds: ["fine"], fineFen: 5_000_000 }),
    ]) {
      const e = decide(s, cmd, ctx(`${day}T02:00:00Z`))._unsafeUnwrap()[0];
      if (e === undefined) throw new Error("refused");
      s = evolve(s, e)._unsafeUnwrap();
    }
    return s;
  }

  test.prop([arb], { numRuns: 60 })(
    "accepted on the real last day; refused the day after once the notice is loaded",
    ([[, cal], day]) => {
      const realDue = computeDeadline("penalty.hearingRequest", day, calendar)._unsafeUnwrap().due;
      const s = notifiedOn(day, cal);
      const onTime = decide(s, { type: "hearing.request" }, { ...ctxAt(`${realDue}T02:00:00Z`), calendar: cal });
      expect(onTime.isOk()).toBe(true);
      // With the notice loaded the same guard refuses a day late: the bound is not a blanket pass.
      const late = decide(s, { type: "hearing.request" }, ctxAt(`${addDays(realDue, 1)}T02:00:00Z`));
      expect(late.isErr()).toBe(true);
    },
  );
});
