import { describe, expect, it } from "vitest";
import { chinaCalendar } from "./work-calendar.js";

const cal = chinaCalendar();

function value<T>(r: { isOk(): boolean; _unsafeUnwrap(): T }): T {
  expect(r.isOk()).toBe(true);
  return r._unsafeUnwrap();
}

function errorCode(r: { isErr(): boolean; _unsafeUnwrapErr(): { code: string } }): string {
  expect(r.isErr()).toBe(true);
  return r._unsafeUnwrapErr().code;
}

describe("isWorkingDay — working-day rule (notice workdays, or Mon–Fri not a day off)", () => {
  it("2026-10-08 is the first working day after National Day (2026 notice: 10月1日至7日放假)", () => {
    expect(value(cal.isWorkingDay("2026-10-08"))).toBe(true);
    expect(value(cal.isWorkingDay("2026-10-07"))).toBe(false);
  });

  it("2025-01-26 is a Sunday worked for the Spring Festival (国办发明电〔2024〕12号: 1月26日上班)", () => {
    expect(value(cal.isWorkingDay("2025-01-26"))).toBe(true);
    expect(value(cal.isWorkingDay("2025-01-25"))).toBe(false); // the Saturday before stays a rest day
    expect(value(cal.isWorkingDay("2025-02-08"))).toBe(true); // 2月8日（周六）上班
    expect(value(cal.isWorkingDay("2025-02-04"))).toBe(false); // last day of the break
  });

  it("2020-02-01 is off: the 2020 Spring Festival extension (国办发明电〔2020〕1号) cancelled the make-up Saturday", () => {
    expect(value(cal.isWorkingDay("2020-02-01"))).toBe(false);
    expect(value(cal.isWorkingDay("2020-01-31"))).toBe(false);
    expect(value(cal.isWorkingDay("2020-01-19"))).toBe(true);
    expect(value(cal.isWorkingDay("2020-02-03"))).toBe(true);
  });

  it("2019-04-28 is a Sunday worked under the amended Labour Day notice (国办发明电〔2019〕3号)", () => {
    expect(value(cal.isWorkingDay("2019-04-28"))).toBe(true);
    expect(value(cal.isWorkingDay("2019-05-04"))).toBe(false);
  });

  it("late-December days named by the next year's notice are known (2019 notice: 2018年12月29日上班)", () => {
    expect(value(cal.isWorkingDay("2018-12-29"))).toBe(true);
    expect(value(cal.isWorkingDay("2018-12-31"))).toBe(false);
    expect(value(cal.dayInfo("2018-12-29")).noticeYear).toBe(2019);
    expect(value(cal.dayInfo("2023-12-30"))).toMatchObject({ kind: "holiday", holiday: "元旦", noticeYear: 2024 });
  });

  it("returns CALENDAR_YEAR_UNKNOWN, never a guess, for years without a loaded notice", () => {
    expect(errorCode(cal.isWorkingDay("2018-06-01"))).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(errorCode(cal.isWorkingDay("2018-12-28"))).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(errorCode(cal.isWorkingDay("2027-03-01"))).toBe("CALENDAR_YEAR_UNKNOWN");
    const e = cal.isWorkingDay("2027-03-01")._unsafeUnwrapErr();
    expect(e.message).toContain("2027");
    expect(e.details).toMatchObject({ year: 2027, loadedYears: [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026] });
  });

  it("refuses impossible dates with CIVIL_DATE_INVALID", () => {
    expect(errorCode(cal.isWorkingDay("2026-02-30"))).toBe("CIVIL_DATE_INVALID");
    expect(errorCode(cal.addWorkingDays("2026-1-5", 1))).toBe("CIVIL_DATE_INVALID");
  });

  it("dayInfo names the break of a holiday and the kind of each day", () => {
    expect(value(cal.dayInfo("2026-10-03"))).toEqual({
      date: "2026-10-03",
      working: false,
      kind: "holiday",
      holiday: "国庆节",
      noticeYear: 2026,
    });
    expect(value(cal.dayInfo("2026-10-10")).kind).toBe("makeUpWorkday");
    expect(value(cal.dayInfo("2026-10-11")).kind).toBe("weekend");
    expect(value(cal.dayInfo("2026-10-12")).kind).toBe("workday");
    // "与周末连休": the weekend joined to 清明 2019 is part of the break.
    expect(value(cal.dayInfo("2019-04-06")).holiday).toBe("清明节");
  });
});

describe("addWorkingDays — the start day never counts (民法典 Art. 201; 行政处罚法 Art. 85)", () => {
  it("2026-09-30 + 7 working days = 2026-10-15, skipping National Day and counting the 调休 Saturday 10-10", () => {
    expect(value(cal.addWorkingDays("2026-09-30", 7))).toBe("2026-10-15");
    expect(value(cal.addWorkingDays("2026-09-30", 1))).toBe("2026-10-08");
  });

  it("2025-01-24 + 3 working days crosses the Spring Festival break via the Sunday workday 01-26", () => {
    expect(value(cal.addWorkingDays("2025-01-24", 1))).toBe("2025-01-26");
    expect(value(cal.addWorkingDays("2025-01-24", 3))).toBe("2025-02-05");
  });

  it("a start on a non-working day still starts counting the next day", () => {
    expect(value(cal.addWorkingDays("2026-10-03", 1))).toBe("2026-10-08");
  });

  it("n = 0 returns the date itself; negative or fractional n → PERIOD_INVALID", () => {
    expect(value(cal.addWorkingDays("2026-10-03", 0))).toBe("2026-10-03");
    expect(errorCode(cal.addWorkingDays("2026-10-08", -1))).toBe("PERIOD_INVALID");
    expect(errorCode(cal.addWorkingDays("2026-10-08", 1.5))).toBe("PERIOD_INVALID");
  });

  it("running past the last loaded notice → CALENDAR_YEAR_UNKNOWN", () => {
    expect(value(cal.addWorkingDays("2026-12-30", 1))).toBe("2026-12-31");
    expect(errorCode(cal.addWorkingDays("2026-12-30", 2))).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(errorCode(cal.addWorkingDays("2018-06-01", 1))).toBe("CALENDAR_YEAR_UNKNOWN");
    // The start day itself need not be known: only (start, end] is counted.
    expect(value(cal.addWorkingDays("2018-12-28", 1))).toBe("2018-12-29");
  });
});

describe("workingDaysBetween / nonWorkingDaysBetween — the half-open interval (a, b]", () => {
  it("inverts addWorkingDays and is negative when b < a", () => {
    expect(value(cal.workingDaysBetween("2026-09-30", "2026-10-15"))).toBe(7);
    expect(value(cal.workingDaysBetween("2026-10-15", "2026-09-30"))).toBe(-7);
    expect(value(cal.workingDaysBetween("2026-10-01", "2026-10-01"))).toBe(0);
  });

  it("lists skipped days with holiday names or 周末", () => {
    expect(value(cal.nonWorkingDaysBetween("2026-10-08", "2026-10-12"))).toEqual([
      { date: "2026-10-11", reason: "weekend" },
    ]);
    const days = value(cal.nonWorkingDaysBetween("2026-09-24", "2026-09-28"));
    expect(days.map((d) => d.holiday ?? d.reason)).toEqual(["中秋节", "中秋节", "中秋节"]);
  });
});

describe("periodEnd / explainPeriod — 民法典 Arts. 201–203, 民事诉讼法 Art. 85", () => {
  it("15 days from 2025-09-16 end nominally on 10-01, a holiday, and roll over to 2025-10-09 (民法典 Art. 203)", () => {
    const x = value(cal.explainPeriod("2025-09-16", { amount: 15, unit: "day" }));
    expect(x.end).toBe("2025-10-09");
    expect(x.rolledOverFrom).toBe("2025-10-01");
    expect(x.skipped).toHaveLength(8);
    expect(x.skipped[0]).toEqual({ date: "2025-10-01", reason: "holiday", holiday: "国庆节、中秋节" });
    expect(x.sources.map((s) => `${s.law}${s.article}`)).toEqual(["民法典201", "民法典203", "民事诉讼法85"]);
    expect(x.notices.map((n) => n.doc)).toEqual(["国办发明电〔2024〕12号"]);
  });

  it("rollOver: false ends on the nominal day (公安机关办理行政案件程序规定 Art. 35)", () => {
    const x = value(cal.explainPeriod("2025-09-16", { amount: 15, unit: "day", rollOver: false }));
    expect(x.end).toBe("2025-10-01");
    expect(x.skipped).toEqual([]);
    expect(x.sources.at(-1)).toMatchObject({ law: "公安机关办理行政案件程序规定", article: 35 });
    // No calendar is needed when nothing rolls over, so unloaded years are fine.
    expect(value(cal.periodEnd("2030-01-31", { amount: 1, unit: "month", rollOver: false }))).toBe("2030-02-28");
  });

  it("month periods end on the corresponding day, or the month's last day (民法典 Art. 202)", () => {
    expect(value(cal.periodEnd("2025-01-31", { amount: 1, unit: "month" }))).toBe("2025-02-28");
    expect(value(cal.periodEnd("2024-01-31", { amount: 1, unit: "month" }))).toBe("2024-02-29");
    // 6 months from 2025-04-01 is 2025-10-01, National Day: rolls to 10-09 (行政诉讼法 Art. 46).
    expect(value(cal.periodEnd("2025-04-01", { amount: 6, unit: "month" }))).toBe("2025-10-09");
  });

  it("2 years from 2024-02-29 end on 2026-02-28 — a 调休 Saturday, so no roll-over (民法典 Arts. 202–203)", () => {
    const x = value(cal.explainPeriod("2024-02-29", { amount: 2, unit: "year" }));
    expect(x.end).toBe("2026-02-28");
    expect(x.rolledOverFrom).toBeUndefined();
  });

  it("working-day periods list the non-working days they skipped", () => {
    const x = value(cal.explainPeriod("2026-09-30", { amount: 7, unit: "workday" }));
    expect(x.end).toBe("2026-10-15");
    expect(x.skipped.map((d) => d.date)).toEqual([
      "2026-10-01",
      "2026-10-02",
      "2026-10-03",
      "2026-10-04",
      "2026-10-05",
      "2026-10-06",
      "2026-10-07",
      "2026-10-11",
    ]);
    expect(x.provisional).toBe(false);
  });

  it("marks results counting late December of the last loaded year as provisional (year-end caveat)", () => {
    expect(value(cal.explainPeriod("2026-12-20", { amount: 5, unit: "workday" })).provisional).toBe(true);
    expect(value(cal.explainPeriod("2026-12-01", { amount: 5, unit: "workday" })).provisional).toBe(false);
    expect(value(cal.explainPeriod("2025-12-20", { amount: 5, unit: "workday" })).provisional).toBe(false);
  });

  it("refuses malformed periods with PERIOD_INVALID", () => {
    expect(errorCode(cal.periodEnd("2026-01-05", { amount: -1, unit: "day" }))).toBe("PERIOD_INVALID");
    expect(errorCode(cal.periodEnd("2026-01-05", { amount: 2.5, unit: "month" }))).toBe("PERIOD_INVALID");
    expect(errorCode(cal.periodEnd("2026-01-05", { amount: 1, unit: "week" as "day" }))).toBe("PERIOD_INVALID");
  });
});
