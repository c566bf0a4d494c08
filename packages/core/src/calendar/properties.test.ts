import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { addDays, addMonths, dayNumber, fromDayNumber } from "../kernel/time.js";
import { chinaCalendar } from "./work-calendar.js";

// Invariants of period computation (民法典 Arts. 201–203; 行政处罚法 Art. 85) over the whole
// built-in range. Start dates stop early enough that every period below stays inside the
// loaded notices.
const cal = chinaCalendar();
const FIRST = dayNumber("2018-12-28");
const LAST_START = dayNumber("2026-09-30");
const date = fc.integer({ min: FIRST, max: LAST_START }).map(fromDayNumber);
const steps = fc.integer({ min: 0, max: 30 });

function add(d: string, n: number): string {
  return cal.addWorkingDays(d, n)._unsafeUnwrap();
}
function working(d: string): boolean {
  return cal.isWorkingDay(d)._unsafeUnwrap();
}

describe("addWorkingDays — properties (start day excluded; working days only)", () => {
  test.prop([date, fc.integer({ min: 1, max: 30 })])("results are working days after the start", (d, n) => {
    const r = add(d, n);
    expect(working(r)).toBe(true);
    expect(r > d).toBe(true);
  });

  test.prop([date, steps, steps])("composes: add(d, a + b) = add(add(d, a), b)", (d, a, b) => {
    expect(add(d, a + b)).toBe(add(add(d, a), b));
  });

  test.prop([date, steps, steps])("is monotone in n", (d, a, b) => {
    expect(add(d, Math.min(a, b)) <= add(d, Math.max(a, b))).toBe(true);
  });

  test.prop([date, date, steps])("is monotone in the start date", (d1, d2, n) => {
    const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
    expect(add(lo, n) <= add(hi, n)).toBe(true);
  });

  test.prop([date, steps])("workingDaysBetween inverts it", (d, n) => {
    expect(cal.workingDaysBetween(d, add(d, n))._unsafeUnwrap()).toBe(n);
  });

  test.prop([date, date])("workingDaysBetween is antisymmetric", (a, b) => {
    const there = cal.workingDaysBetween(a, b)._unsafeUnwrap();
    const back = cal.workingDaysBetween(b, a)._unsafeUnwrap();
    expect(there + back).toBe(0);
    expect(Object.is(there, -0) || Object.is(back, -0)).toBe(false);
  });

  test.prop([date, fc.integer({ min: 1, max: 30 })])("agrees with a day-by-day count", (d, n) => {
    let cur = d;
    let left = n;
    while (left > 0) {
      cur = addDays(cur, 1);
      if (working(cur)) left--;
    }
    expect(add(d, n)).toBe(cur);
  });
});

describe("periodEnd — properties (民法典 Arts. 201–203)", () => {
  const days = fc.integer({ min: 0, max: 60 });

  test.prop([date, days])("day periods end on the first working day on or after the nominal end", (d, n) => {
    // A zero-day period ends on its start day, which must then be a known day itself.
    fc.pre(n > 0 || d >= cal.coverage.from);
    const nominal = addDays(d, n);
    const end = cal.periodEnd(d, { amount: n, unit: "day" })._unsafeUnwrap();
    expect(end >= nominal).toBe(true);
    expect(working(end)).toBe(true);
    // Nothing between the nominal end and the end is a working day.
    expect(cal.workingDaysBetween(addDays(nominal, -1), addDays(end, -1))._unsafeUnwrap()).toBe(0);
  });

  test.prop([date, days])("rollOver: false ends exactly on the nominal day", (d, n) => {
    expect(cal.periodEnd(d, { amount: n, unit: "day", rollOver: false })._unsafeUnwrap()).toBe(addDays(d, n));
  });

  test.prop([date, fc.integer({ min: 1, max: 3 })])(
    "month periods end on the corresponding day or the month's last day (Art. 202)",
    (d, m) => {
      const nominal = cal.periodEnd(d, { amount: m, unit: "month", rollOver: false })._unsafeUnwrap();
      expect(nominal).toBe(addMonths(d, m));
      const [y0, m0, d0] = d.split("-").map(Number) as [number, number, number];
      const [y1, m1, d1] = nominal.split("-").map(Number) as [number, number, number];
      expect(y1 * 12 + m1 - (y0 * 12 + m0)).toBe(m);
      // The corresponding day, or — when the month is shorter — its last day.
      expect(d1 === d0 || (d1 < d0 && addDays(nominal, 1).slice(8) === "01")).toBe(true);
      const rolled = cal.periodEnd(d, { amount: m, unit: "month" })._unsafeUnwrap();
      expect(rolled >= nominal && working(rolled)).toBe(true);
    },
  );

  test.prop([date, fc.integer({ min: 1, max: 20 })])("workday periods equal addWorkingDays", (d, n) => {
    expect(cal.periodEnd(d, { amount: n, unit: "workday" })._unsafeUnwrap()).toBe(add(d, n));
  });
});
