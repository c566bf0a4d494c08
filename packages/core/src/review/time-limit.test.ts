// The review time limit (国办发〔2018〕118号 四（十三）, the bureau's working-day figure) when it
// reaches a year whose holiday notice is not loaded: a bound on the bureau's side (issue 14
// §1) — the earliest plausible end, recomputed once the notice is loaded — never a count on
// weekends alone. The notices 2020–2026 stand in for "not yet published".
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BUILTIN_NOTICE_YEARS } from "../calendar/data/holidays.js";
import type { NoticeYear } from "../calendar/schema.js";
import type { WorkCalendar } from "../calendar/types.js";
import { chinaCalendar, createWorkCalendar } from "../calendar/work-calendar.js";
import type { Actor } from "../kernel/actors.js";
import { addDays, addWeekdays, compareCivilDates, dayNumber, fromDayNumber } from "../kernel/time.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview } from "./decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "./fold.js";
import { REVIEW_SOURCES, REVIEW_TIME_LIMIT_RULE } from "./policy.js";
import type { ReviewDeadline } from "./schema.js";
import {
  allOk,
  bodies,
  draft,
  headActor,
  materials,
  officerActor,
  otherReviewerActor,
  calendar as real,
} from "./test-fixtures.js";
import { currentReviewDeadline, reviewDeadline, reviewLate } from "./time-limit.js";

/** A 2027 notice for the tests only (the real one is not published). */
const test2027: NoticeYear = {
  holidays: ["2027-01-01", "2027-01-02", "2027-01-03"],
  workdays: [],
  notice: { title: "国务院办公厅关于2027年部分节假日安排的通知（测试数据）" },
};
const with2027 = chinaCalendar({ years: { "2027": test2027 } });

describe("the review time limit's provisional rule (国办发〔2018〕118号 四（十三）)", () => {
  it("is rule data with its source: the bureau's own duty, bounded by the earliest plausible end", () => {
    expect(REVIEW_TIME_LIMIT_RULE).toMatchObject({
      id: "review.timeLimit",
      unit: "workday",
      source: REVIEW_SOURCES.timeLimit,
      provisional: { bound: "earliest", protects: "authority" },
    });
    expect(REVIEW_TIME_LIMIT_RULE.source).toMatchObject({ law: "国办发〔2018〕118号", section: "四（十三）" });
    expect(REVIEW_TIME_LIMIT_RULE.provisional.why).toContain("最早可能届满日");
  });

  it("a limit reaching 2027 (no notice loaded) takes the earliest plausible end, not weekends alone", () => {
    const d = reviewDeadline("2026-12-28", 7, real)._unsafeUnwrap();
    // 12-29, 12-30, 12-31; 1 January is a statutory day off (全国年节及纪念日放假办法 Art. 2);
    // 2 and 3 January may be 调休上班日 (Art. 6 and the notices' practice): 1-02, 1-03, 1-04, 1-05.
    expect(d).toEqual({
      due: "2027-01-05",
      workingDays: 7,
      start: "2026-12-28",
      source: REVIEW_SOURCES.timeLimit,
      provisional: true,
      bound: "earliest",
    });
    // The weekends-only count took 1 January as a working day and ended a day later.
    expect(addWeekdays("2026-12-28", 7)).toBe("2027-01-06");
  });

  it("is recomputed once the notice is loaded; a loaded year is exact and not provisional", () => {
    const stored = reviewDeadline("2026-12-28", 7, real)._unsafeUnwrap();
    expect(currentReviewDeadline(stored, with2027)).toEqual({
      due: "2027-01-07",
      workingDays: 7,
      start: "2026-12-28",
      source: REVIEW_SOURCES.timeLimit,
      provisional: false,
    });
    // Still without the notice: the same bound.
    expect(currentReviewDeadline(stored, real)).toEqual(stored);
    // Within loaded years nothing is provisional: Tuesday 2025-06-03 + 7 = 2025-06-12.
    expect(reviewDeadline("2025-06-03", 7, real)._unsafeUnwrap()).toEqual({
      due: "2025-06-12",
      workingDays: 7,
      start: "2025-06-03",
      source: REVIEW_SOURCES.timeLimit,
      provisional: false,
    });
  });

  it("corrects a limit stored before bounds (counted on weekends alone, no bound)", () => {
    const legacy: ReviewDeadline = {
      due: "2027-01-06",
      workingDays: 7,
      start: "2026-12-28",
      source: REVIEW_SOURCES.timeLimit,
      provisional: true,
    };
    expect(currentReviewDeadline(legacy, real)).toMatchObject({ due: "2027-01-05", bound: "earliest" });
    expect(currentReviewDeadline(legacy, with2027)).toMatchObject({ due: "2027-01-07", provisional: false });
  });

  it("records an opinion as late only when it is: past the real limit, or past the latest plausible end", () => {
    const stored = reviewDeadline("2026-12-28", 7, real)._unsafeUnwrap();
    // Between the bounds (2027-01-05 … the latest plausible end) the opinion may be in time.
    expect(reviewLate(stored, "2027-01-06", real)).toBe(false);
    expect(reviewLate(stored, "2027-01-06", with2027)).toBe(false);
    expect(reviewLate(stored, "2027-01-08", with2027)).toBe(true);
    const latest = real.bounded("latest").addWorkingDays("2026-12-28", 7)._unsafeUnwrap();
    expect(reviewLate(stored, latest, real)).toBe(false);
    expect(reviewLate(stored, addDays(latest, 1), real)).toBe(true);
  });
});

// Each cutoff calendar knows the notices before year Y only.
const cutoffs = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => {
  const years = Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([k]) => Number(k) < y));
  return [y, createWorkCalendar({ builtin: false, years })._unsafeUnwrap()] as const;
});
/** A submission from mid-November to the end of the year before the missing one. */
const submittedOn = ([y]: readonly [number, unknown]) =>
  fc.integer({ min: dayNumber(`${y - 1}-11-15`), max: dayNumber(`${y - 1}-12-31`) }).map(fromDayNumber);
const arb = fc
  .constantFrom(...cutoffs)
  .chain((c) => fc.tuple(fc.constant(c[1]), submittedOn(c), fc.integer({ min: 1, max: 40 })));

describe("provisional review time limits bound the real ones (issue 14 §1; 118号 四（十三）)", () => {
  test.prop([arb], { numRuns: 150 })(
    "never later than the real limit, exact once the notice is loaded, and no opinion on time recorded late",
    ([cal, start, workingDays]) => {
      const realDue = real.addWorkingDays(start, workingDays)._unsafeUnwrap();
      const d = reviewDeadline(start, workingDays, cal)._unsafeUnwrap();
      // The earliest plausible end: the bureau is warned no later than the real day.
      expect(compareCivilDates(d.due, realDue)).toBeLessThanOrEqual(0);
      if (d.provisional === true) expect(d.bound).toBe("earliest");
      else expect(d.due).toBe(realDue);
      // Recomputed with the notices loaded: the real limit, no longer provisional.
      expect(currentReviewDeadline(d, real)).toMatchObject({ due: realDue, provisional: false });
      // An opinion on the real last day is never recorded late, notice loaded or not;
      // the day after is, once the notice is loaded.
      expect(reviewLate(d, realDue, cal)).toBe(false);
      expect(reviewLate(d, realDue, real)).toBe(false);
      expect(reviewLate(d, addDays(realDue, 1), real)).toBe(true);
    },
  );
});

describe("the review workflow on a provisional time limit (118号 四（十三）; 行政处罚法第五十八条)", () => {
  test.prop([arb], { numRuns: 40 })(
    "送审 stores the earliest bound; the opinion on the real last day is not late; an extension is allowed up to the bound",
    ([cal, start, workingDays]) => {
      const policy = { workingDays };
      const realDue = real.addWorkingDays(start, workingDays)._unsafeUnwrap();
      const ctx = (now: string, actor: Actor, c: WorkCalendar) => ({ actor, now, calendar: c, bodies, policy });
      const state0: ReviewState = initialReviewState("case-1.review");
      const submit: ReviewCommandInput = {
        type: "review.submit",
        caseId: "case-1",
        draft,
        materials,
        handlingOfficerIds: ["a", "b"],
      };
      const submitted = decideReview(state0, submit, ctx(`${start}T02:00:00Z`, officerActor, cal))._unsafeUnwrap();
      const state = submitted.reduce((s, e) => evolveReview(s, e)._unsafeUnwrap(), state0);
      const due = state.context.due;
      expect(due).toEqual(reviewDeadline(start, workingDays, cal)._unsafeUnwrap());
      if (due === undefined) return;
      const assigned = decideReview(
        state,
        { type: "review.assign", reviewerId: "g" },
        ctx(`${start}T03:00:00Z`, headActor, cal),
      )._unsafeUnwrap();
      const s1 = assigned.reduce((s, e) => evolveReview(s, e)._unsafeUnwrap(), state);
      // An extension on the stored (earliest) last day is accepted, with or without the notice.
      const ext = { type: "review.extend", reason: "案情复杂" } as const;
      expect(decideReview(s1, ext, ctx(`${due.due}T02:00:00Z`, headActor, cal)).isOk()).toBe(true);
      // Once the notice is loaded, up to the real last day; the day after, refused.
      expect(decideReview(s1, ext, ctx(`${realDue}T02:00:00Z`, headActor, real)).isOk()).toBe(true);
      expect(decideReview(s1, ext, ctx(`${addDays(realDue, 1)}T02:00:00Z`, headActor, real)).isErr()).toBe(true);
      const conclude = { type: "review.conclude", outcome: "approved", findings: allOk, opinion: "同意" } as const;
      for (const c of [cal, real]) {
        const onTime = decideReview(s1, conclude, ctx(`${realDue}T02:00:00Z`, otherReviewerActor, c))._unsafeUnwrap();
        expect(onTime[0]?.payload).toMatchObject({ late: false });
      }
      const lateDay = `${addDays(realDue, 1)}T02:00:00Z`;
      const late = decideReview(s1, conclude, ctx(lateDay, otherReviewerActor, real))._unsafeUnwrap();
      expect(late[0]?.payload).toMatchObject({ late: true });
    },
  );
});
