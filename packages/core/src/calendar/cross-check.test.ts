import { fc, test } from "@fast-check/vitest";
import chineseDays from "chinese-days";
import { describe, expect, it } from "vitest";
import { addDays, dayNumber, fromDayNumber } from "../kernel/time.js";
import { chinaCalendar } from "./work-calendar.js";

// chinese-days (npm, vsme/chinese-days) compiles the same State Council notices
// independently; agreement on every day is the check that our reference data and our
// working-day rule carry no transcription error.
const cal = chinaCalendar();

describe("cross-check against chinese-days@1.5.7 (an independent copy of the notices)", () => {
  it("agrees on the working status of every day 2018-12-29..2026-12-31", () => {
    const from = dayNumber(cal.coverage.from);
    const to = dayNumber(cal.coverage.to);
    expect(cal.coverage.from).toBe("2018-12-29");
    expect(to - from).toBeGreaterThan(2_900);
    const disagreements: string[] = [];
    for (let n = from; n <= to; n++) {
      const date = fromDayNumber(n);
      if (cal.isWorkingDay(date)._unsafeUnwrap() !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  test.prop([
    fc.integer({ min: dayNumber("2018-12-28"), max: dayNumber("2026-11-15") }).map(fromDayNumber),
    fc.integer({ min: 1, max: 30 }),
  ])("addWorkingDays(d, n) = findWorkday(n, d)", (d, n) => {
    expect(cal.addWorkingDays(d, n)._unsafeUnwrap()).toBe(chineseDays.findWorkday(n, d));
  });

  it("names every holiday as chinese-days does (it omits the weekend days joined to a break)", () => {
    const mismatches: string[] = [];
    for (let n = dayNumber(cal.coverage.from); n <= dayNumber(cal.coverage.to); n++) {
      const date = fromDayNumber(n);
      const ours = cal.dayInfo(date)._unsafeUnwrap();
      const theirs = chineseDays.getDayDetail(date).name.split(",")[1]; // "National Day,国庆节,3"
      if (ours.kind !== "holiday" || theirs === undefined) continue;
      if (!(ours.holiday ?? "").includes(theirs)) mismatches.push(`${date} ${ours.holiday} ≠ ${theirs}`);
    }
    expect(mismatches).toEqual([]);
    expect(cal.dayInfo(addDays("2026-10-01", 6))._unsafeUnwrap().holiday).toBe("国庆节");
  });
});
