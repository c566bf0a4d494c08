import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { weekdayOf } from "../kernel/day-number.js";
import { dayNumber, fromDayNumber } from "../kernel/time.js";
import { FESTIVAL_DATES } from "./data/festivals.js";
import { BUILTIN_NOTICE_YEARS } from "./data/holidays.js";
import { BUILTIN_REGIONAL_HOLIDAYS } from "./data/regional.js";
import { computeDeadline, provisionalDeadline } from "./deadline.js";
import { STATUTORY_PERIODS } from "./periods.js";
import { islamicToDay, provisionalNoticeYear, provisionalRegionalYear, statutoryDaysOff } from "./provisional.js";
import type { NoticeYears } from "./schema.js";
import type { WorkCalendar } from "./types.js";
import { chinaCalendar, createWorkCalendar } from "./work-calendar.js";

// Issue 14 §1: a provisional deadline (a year's notice not loaded) is a bound, never a
// guess. The notices 2019–2026 stand in for "unpublished" years: a calendar that knows only
// the notices before year Y must bound what the real notices of Y.. gave.
const real = chinaCalendar();
const NOTICE_YEARS = Object.keys(BUILTIN_NOTICE_YEARS).map(Number);
const ningxia = BUILTIN_REGIONAL_HOLIDAYS["640000"];
if (ningxia === undefined) throw new Error("the Ningxia layer is shipped");

function before(cutoff: number): NoticeYears {
  return Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([y]) => Number(y) < cutoff));
}
/** The national calendar as it stood before year `cutoff`'s notice was published. */
const CUTOFFS = new Map<number, WorkCalendar>(
  NOTICE_YEARS.filter((y) => y > 2019).map((y) => [
    y,
    createWorkCalendar({ builtin: false, years: before(y) })._unsafeUnwrap(),
  ]),
);
const cutoff = fc.constantFrom(...CUTOFFS.keys());
// Start dates from the first loaded year to late 2026: the real deadline stays computable.
const start = fc.integer({ min: dayNumber("2019-03-01"), max: dayNumber("2026-09-30") }).map(fromDayNumber);

describe("the festival table (农历 and 清明 dates used to bound unpublished years)", () => {
  it("agrees with every loaded State Council notice: each festival lies in its break (全国年节及纪念日放假办法 Art. 2)", () => {
    for (const y of NOTICE_YEARS) {
      const f = FESTIVAL_DATES[String(y)];
      const breaks = BUILTIN_NOTICE_YEARS[String(y)]?.breaks ?? [];
      const inBreak = (name: string, date: string | undefined) =>
        breaks.some((b) => b.name.includes(name) && date !== undefined && b.from <= date && date <= b.to);
      expect(inBreak("春节", f?.springFestival), `${y} 春节`).toBe(true);
      expect(inBreak("清明", f?.qingming), `${y} 清明`).toBe(true);
      expect(inBreak("端午", f?.dragonBoat), `${y} 端午`).toBe(true);
      expect(inBreak("中秋", f?.midAutumn), `${y} 中秋`).toBe(true);
    }
  });

  it("covers 2019–2100 with dates in each festival's Gregorian range (a sanity check against month slips)", () => {
    for (let y = 2019; y <= 2100; y++) {
      const f = FESTIVAL_DATES[String(y)];
      expect(f, String(y)).toBeDefined();
      if (f === undefined) continue;
      expect(f.springFestival >= `${y}-01-21` && f.springFestival <= `${y}-02-20`, `${y}`).toBe(true);
      expect(f.qingming >= `${y}-04-04` && f.qingming <= `${y}-04-06`, `${y}`).toBe(true);
      expect(f.dragonBoat >= `${y}-05-25` && f.dragonBoat <= `${y}-06-26`, `${y}`).toBe(true);
      expect(f.midAutumn >= `${y}-09-07` && f.midAutumn <= `${y}-10-08`, `${y}`).toBe(true);
    }
  });
});

describe("the provisional fill-ins bracket every loaded notice (issue 14 §1)", () => {
  it("latest: every day off of a notice is a plausible day off; earliest: every make-up day a plausible one", () => {
    for (const y of NOTICE_YEARS) {
      const notice = BUILTIN_NOTICE_YEARS[String(y)];
      const latest = new Set(provisionalNoticeYear(y, "latest")?.holidays);
      const earliest = provisionalNoticeYear(y, "earliest");
      const earliestWork = new Set(earliest?.workdays);
      for (const d of notice?.holidays ?? []) {
        // Weekend days off need no window: the bound never works a weekend.
        if (weekdayOf(dayNumber(d)) <= 5) expect(latest.has(d), `${y}: ${d} off`).toBe(true);
      }
      for (const d of notice?.workdays ?? []) expect(earliestWork.has(d), `${y}: ${d} worked`).toBe(true);
      // The earliest bound's days off are statutory: every notice gave them off.
      const off = new Set(notice?.holidays);
      for (const d of earliest?.holidays ?? []) expect(off.has(d), `${y}: statutory ${d}`).toBe(true);
    }
  });

  it("uses the version of the 办法 in force: 除夕 and 5月2日 are statutory from 2025 only (国务院令第795号)", () => {
    const days2024 = (statutoryDaysOff(2024) ?? []).map(fromDayNumber);
    const days2025 = (statutoryDaysOff(2025) ?? []).map(fromDayNumber);
    expect(days2024).not.toContain("2024-02-09"); // 除夕 2024 was a working day
    expect(days2024).not.toContain("2024-05-02");
    expect(days2025).toEqual(expect.arrayContaining(["2025-01-28", "2025-05-02", "2025-10-03", "2025-01-01"]));
    expect(days2025).toHaveLength(13); // Art. 2: 1 + 4 + 1 + 2 + 1 + 1 + 3
  });

  it("Ningxia: every loaded regional day off lies in the 开斋节 / 古尔邦节 windows (办法 Art. 4)", () => {
    expect(fromDayNumber(islamicToDay(1440, 10, 1))).toBe("2019-06-05");
    for (const [y, data] of Object.entries(ningxia.years)) {
      const latest = new Set(provisionalRegionalYear(Number(y), "latest", ningxia).daysOff.map((d) => d.date));
      for (const d of data.daysOff) expect(latest.has(d.date), `${y}: ${d.date}`).toBe(true);
    }
  });
});

describe("provisionalDeadline — property: the bound never cuts a party's period short (issue 14 §1)", () => {
  const rows = STATUTORY_PERIODS.filter((r) => r.amount <= 90 || r.unit !== "day");
  test.prop([cutoff, start, fc.constantFrom(...rows)], { numRuns: 400 })(
    "party's periods: provisional due ≥ the due once the notice is loaded; authority's duties: ≤",
    (y, d, row) => {
      const truth = computeDeadline(row.id, d, real);
      fc.pre(truth.isOk());
      const calendar = CUTOFFS.get(y);
      if (calendar === undefined) throw new Error("cutoff");
      const prov = provisionalDeadline(row.id, d, calendar)._unsafeUnwrap();
      const realDue = truth._unsafeUnwrap().due;
      if (row.provisional.bound === "latest") expect(prov.due >= realDue).toBe(true);
      else expect(prov.due <= realDue).toBe(true);
      // An answer that rested on no missing notice is the real one.
      if (!prov.provisional) expect(prov.due).toBe(realDue);
      else expect(prov.bound).toBe(row.provisional.bound);
    },
  );

  test.prop([cutoff, start, fc.integer({ min: 1, max: 40 })], { numRuns: 300 })(
    "any working-day period: earliest bound ≤ real ≤ latest bound",
    (y, d, n) => {
      const truth = real.addWorkingDays(d, n);
      fc.pre(truth.isOk());
      const calendar = CUTOFFS.get(y);
      if (calendar === undefined) throw new Error("cutoff");
      const lo = calendar.bounded("earliest").addWorkingDays(d, n)._unsafeUnwrap();
      const hi = calendar.bounded("latest").addWorkingDays(d, n)._unsafeUnwrap();
      expect(lo <= truth._unsafeUnwrap()).toBe(true);
      expect(truth._unsafeUnwrap() <= hi).toBe(true);
    },
  );

  it("a loaded year is unchanged by the bounds (only missing years are filled)", () => {
    for (const bound of ["latest", "earliest"] as const) {
      const b = real.bounded(bound);
      for (let n = dayNumber("2019-01-01"); n <= dayNumber("2026-12-24"); n += 3) {
        const date = fromDayNumber(n);
        expect(b.isWorkingDay(date)._unsafeUnwrap(), date).toBe(real.isWorkingDay(date)._unsafeUnwrap());
      }
    }
  });

  it("the issue's case: notice served 2026-12-28, the hearing request window runs to at least 2027-01-05", () => {
    const d = provisionalDeadline("penalty.hearingRequest", "2026-12-28", real)._unsafeUnwrap();
    expect(d).toMatchObject({ provisional: true, bound: "latest" });
    expect(d.due >= "2027-01-05").toBe(true);
    expect(d.due).toBe("2027-01-07");
    // 1 January is never counted as a working day, in either bound (办法 Art. 2(1)).
    expect(real.bounded("earliest").isWorkingDay("2027-01-01")._unsafeUnwrap()).toBe(false);
    expect(real.bounded("latest").isWorkingDay("2027-01-01")._unsafeUnwrap()).toBe(false);
    // The bureau's own duty is warned by the earliest plausible end.
    const service = provisionalDeadline("penalty.service", "2026-12-28", real)._unsafeUnwrap();
    expect(service).toMatchObject({ provisional: true, bound: "earliest" });
    expect(service.due <= "2027-01-06").toBe(true);
  });

  it("an exact answer passes through unchanged, with no bound", () => {
    const d = provisionalDeadline("penalty.hearingRequest", "2026-06-01", real)._unsafeUnwrap();
    expect(d).toEqual(computeDeadline("penalty.hearingRequest", "2026-06-01", real)._unsafeUnwrap());
    expect(d.bound).toBeUndefined();
  });

  it("explanations from a bound cite the fill-in as provisional, not a notice", () => {
    const x = real.bounded("latest").explainPeriod("2026-12-28", { amount: 5, unit: "workday" })._unsafeUnwrap();
    expect(x.provisional).toBe(true);
    expect(x.notices.map((n) => n.title).join()).toMatch(/暂定（最晚边界）：2027年/);
    // Skipped fill-in days name their festival and say they are provisional or statutory.
    expect(x.skipped).toContainEqual({ date: "2027-01-01", reason: "holiday", holiday: "元旦（暂定）" });
    expect(real.bounded("earliest").dayInfo("2027-10-02")._unsafeUnwrap()).toMatchObject({
      working: false,
      holiday: "国庆节（法定）",
    });
    // 2027-02-05 is 除夕 (农历, 2027 春节 is 2027-02-06): statutory since the 2024 revision.
    expect(real.bounded("earliest").dayInfo("2027-02-05")._unsafeUnwrap()).toMatchObject({ holiday: "春节（法定）" });
    expect(real.bounded("latest").notice(2027)).toBeUndefined();
    expect(real.bounded("latest").coverage.years).toEqual(real.coverage.years);
  });

  it("beyond the bound's horizon (ten years past the last notice) the year stays unknown", () => {
    expect(provisionalDeadline("penalty.payment", "2036-12-01", real)._unsafeUnwrap().provisional).toBe(true);
    const r = provisionalDeadline("penalty.payment", "2036-12-25", real);
    expect(r._unsafeUnwrapErr().code).toBe("CALENDAR_YEAR_UNKNOWN");
  });
});
