import { describe, expect, it } from "vitest";
import { SanxiangError } from "../kernel/errors.js";
import type { NoticeYear } from "./schema.js";
import { chinaCalendar, createWorkCalendar } from "./work-calendar.js";

// A hypothetical 2027 notice, as a bureau would load it before the SDK ships it.
const notice2027: NoticeYear = {
  holidays: ["2027-01-01", "2027-01-02", "2027-01-03", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"],
  workdays: ["2027-02-13"],
  notice: { title: "国务院办公厅关于2027年部分节假日安排的通知（测试数据）", dated: "2026-11-01" },
  breaks: [
    { name: "元旦", from: "2027-01-01", to: "2027-01-03" },
    { name: "春节", from: "2027-02-05", to: "2027-02-08", adjustedWorkdays: ["2027-02-13"] },
  ],
};

function withYear(data: unknown) {
  return createWorkCalendar({ years: { "2027": data as NoticeYear } });
}

describe("createWorkCalendar — loading next year's notice as data", () => {
  it("adds a notice year without an SDK upgrade", () => {
    const cal = withYear(notice2027)._unsafeUnwrap();
    expect(cal.coverage.years.at(-1)).toBe(2027);
    expect(cal.isWorkingDay("2027-03-01")._unsafeUnwrap()).toBe(true);
    expect(cal.isWorkingDay("2027-02-08")._unsafeUnwrap()).toBe(false);
    expect(cal.isWorkingDay("2027-02-13")._unsafeUnwrap()).toBe(true);
    expect(cal.addWorkingDays("2026-12-30", 2)._unsafeUnwrap()).toBe("2027-01-04");
    expect(cal.dayInfo("2027-02-06")._unsafeUnwrap().holiday).toBe("春节");
    // With the 2027 notice loaded, late December 2026 is no longer provisional.
    expect(cal.explainPeriod("2026-12-20", { amount: 5, unit: "workday" })._unsafeUnwrap().provisional).toBe(false);
  });

  it("lets the next notice decide late-December days of the previous year (year-end caveat)", () => {
    const cal = withYear({
      ...notice2027,
      holidays: ["2026-12-31", ...notice2027.holidays],
      workdays: ["2026-12-26", ...notice2027.workdays],
      breaks: [],
    })._unsafeUnwrap();
    expect(chinaCalendar().isWorkingDay("2026-12-31")._unsafeUnwrap()).toBe(true);
    expect(cal.isWorkingDay("2026-12-31")._unsafeUnwrap()).toBe(false);
    expect(cal.isWorkingDay("2026-12-26")._unsafeUnwrap()).toBe(true);
    expect(cal.dayInfo("2026-12-31")._unsafeUnwrap().noticeYear).toBe(2027);
    expect(cal.dayInfo("2026-12-30")._unsafeUnwrap().noticeYear).toBe(2026);
  });

  it("replaces a built-in year of the same number", () => {
    const cal = createWorkCalendar({
      years: { "2026": { holidays: [], workdays: [], notice: { title: "替换数据" } } },
    })._unsafeUnwrap();
    expect(cal.isWorkingDay("2026-10-08")._unsafeUnwrap()).toBe(true);
    expect(cal.isWorkingDay("2026-10-02")._unsafeUnwrap()).toBe(true);
    expect(cal.notice(2026)?.title).toBe("替换数据");
  });

  it("can start from no built-in data", () => {
    const cal = createWorkCalendar({ builtin: false, years: { "2027": notice2027 } })._unsafeUnwrap();
    expect(cal.isWorkingDay("2026-06-01")._unsafeUnwrapErr().code).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(cal.coverage).toEqual({ from: "2027-01-01", to: "2027-12-31", years: [2027] });
  });

  it("marks gaps between loaded years as unknown", () => {
    const cal = createWorkCalendar({ years: { "2028": { ...notice2027, holidays: [], workdays: [], breaks: [] } } });
    const c = cal._unsafeUnwrap();
    expect(c.isWorkingDay("2027-06-01")._unsafeUnwrapErr().code).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(c.addWorkingDays("2026-12-30", 5)._unsafeUnwrapErr().code).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(c.workingDaysBetween("2026-12-01", "2028-01-10")._unsafeUnwrapErr().code).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(c.isWorkingDay("2028-01-03")._unsafeUnwrap()).toBe(true);
  });
});

describe("createWorkCalendar — contradictory data → CALENDAR_DATA_INVALID", () => {
  const cases: [string, unknown][] = [
    ["a date both day off and working day", { ...notice2027, workdays: ["2027-01-02", "2027-02-13"] }],
    ["a day off far outside the notice year", { ...notice2027, holidays: ["2025-05-01"] }],
    ["a working day outside the notice year", { ...notice2027, workdays: ["2028-01-01"] }],
    ["a listed working day that is a Monday", { ...notice2027, workdays: ["2027-03-01"] }],
    ["an impossible date", { ...notice2027, holidays: ["2027-02-30"] }],
    [
      "a break day not listed as a day off",
      { ...notice2027, breaks: [{ name: "春节", from: "2027-02-04", to: "2027-02-08" }] },
    ],
    ["a break with from after to", { ...notice2027, breaks: [{ name: "元旦", from: "2027-01-03", to: "2027-01-01" }] }],
    ["a missing notice title", { holidays: [], workdays: [] }],
  ];
  it.each(cases)("refuses %s", (_what, data) => {
    const r = withYear(data);
    expect(r.isErr() && r.error.code).toBe("CALENDAR_DATA_INVALID");
    expect(r.isErr() && /[\u4e00-\u9fff]/.test(r.error.message)).toBe(true);
  });

  it("refuses a key that is not a year", () => {
    const r = createWorkCalendar({ years: { "27": notice2027 } });
    expect(r.isErr() && r.error.code).toBe("CALENDAR_DATA_INVALID");
  });
});

describe('调休 policy switch (行政处罚法 Art. 85 "工作日，不含法定节假日" is silent on 调休)', () => {
  it("official (default): make-up weekend days are working days", () => {
    expect(chinaCalendar().policy).toBe("official");
    expect(chinaCalendar().isWorkingDay("2025-01-26")._unsafeUnwrap()).toBe(true);
  });

  it("makeUpWeekendsOff: make-up weekend days stay rest days; days off stay off", () => {
    const cal = chinaCalendar({ policy: "makeUpWeekendsOff" });
    expect(cal.isWorkingDay("2025-01-26")._unsafeUnwrap()).toBe(false);
    expect(cal.isWorkingDay("2025-01-28")._unsafeUnwrap()).toBe(false);
    expect(cal.addWorkingDays("2026-09-30", 7)._unsafeUnwrap()).toBe("2026-10-16");
    expect(cal.dayInfo("2026-10-10")._unsafeUnwrap().kind).toBe("weekend");
  });
});

describe("chinaCalendar({ years }) — next year's notice as data", () => {
  const newYear2027: NoticeYear = {
    holidays: ["2027-01-01", "2027-01-02", "2027-01-03"],
    workdays: [],
    notice: { title: "国务院办公厅关于2027年部分节假日安排的通知（测试数据）" },
  };

  it("adds a notice year without upgrading the SDK", () => {
    const cal = chinaCalendar({ years: { "2027": newYear2027 } });
    expect(cal.isWorkingDay("2027-01-01")._unsafeUnwrap()).toBe(false);
    expect(cal.isWorkingDay("2027-01-04")._unsafeUnwrap()).toBe(true);
    // The built-in years are still there.
    expect(cal.isWorkingDay("2026-10-01")._unsafeUnwrap()).toBe(false);
    expect(cal.coverage.years.at(-1)).toBe(2027);
  });

  it("throws the coded CALENDAR_DATA_INVALID on contradictory data, like createWorkCalendar returns it", () => {
    const bad = { "2027": { ...newYear2027, workdays: ["2027-01-02"] } };
    let thrown: unknown;
    try {
      chinaCalendar({ years: bad });
    } catch (e) {
      thrown = e;
    }
    expect(SanxiangError.isInstance(thrown) && thrown.code).toBe("CALENDAR_DATA_INVALID");
    const r = createWorkCalendar({ years: bad });
    expect(r.isErr() && r.error.code).toBe("CALENDAR_DATA_INVALID");
  });
});
