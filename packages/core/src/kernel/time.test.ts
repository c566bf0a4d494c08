import { TZDate } from "@date-fns/tz";
import { fc, test } from "@fast-check/vitest";
import { format } from "date-fns";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addWeekdays,
  CHINA_TIME_ZONE,
  civilDateOf,
  dayNumber,
  endOfCivilDate,
  fromDayNumber,
  isCivilDate,
  isInstant,
  isoWeekday,
  parseCivilDate,
  startOfCivilDate,
} from "./time.js";

describe("CivilDate", () => {
  it("accepts real dates and refuses impossible ones", () => {
    expect(isCivilDate("2024-02-29")).toBe(true);
    expect(isCivilDate("2023-02-29")).toBe(false);
    expect(isCivilDate("2026-13-01")).toBe(false);
    expect(isCivilDate("2026-1-1")).toBe(false);
    expect(isCivilDate(20260101)).toBe(false);
    const r = parseCivilDate("2026-02-30");
    expect(r.isErr() && r.error.code).toBe("CIVIL_DATE_INVALID");
  });

  it("knows weekdays", () => {
    expect(isoWeekday("2026-11-26")).toBe(4); // a Thursday
    expect(isoWeekday("1970-01-01")).toBe(4);
    expect(isoWeekday("2026-11-29")).toBe(7);
  });

  test.prop([
    fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
  ])("day numbers agree with the proleptic Gregorian calendar and round-trip", (d) => {
    const iso = d.toISOString().slice(0, 10);
    const n = dayNumber(iso);
    expect(n).toBe(Math.floor(d.getTime() / 86_400_000));
    expect(fromDayNumber(n)).toBe(iso);
    expect(isoWeekday(iso)).toBe(((d.getUTCDay() + 6) % 7) + 1);
  });

  it("adds months to the corresponding day or the month's last day (民法典 Art. 202)", () => {
    expect(addMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addMonths("2024-01-31", 1)).toBe("2024-02-29");
    expect(addMonths("2026-03-15", 3)).toBe("2026-06-15");
    expect(addMonths("2024-02-29", 12)).toBe("2025-02-28");
    expect(addMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});

describe("Instant and China time", () => {
  it("validates instants", () => {
    expect(isInstant("2026-05-01T02:30:00Z")).toBe(true);
    expect(isInstant("2026-05-01T02:30:00.123Z")).toBe(true);
    expect(isInstant("2026-05-01T02:30:00+08:00")).toBe(false);
    expect(isInstant("2026-05-01T24:00:00Z")).toBe(false);
  });

  it("converts through Asia/Shanghai", () => {
    expect(civilDateOf("2026-05-01T15:59:59Z")).toBe("2026-05-01");
    expect(civilDateOf("2026-05-01T16:00:00Z")).toBe("2026-05-02");
    expect(startOfCivilDate("2026-05-01")).toBe("2026-04-30T16:00:00Z");
    expect(endOfCivilDate("2026-05-01")).toBe("2026-05-01T16:00:00Z");
  });

  test.prop([fc.integer({ min: dayNumber("1992-01-01"), max: dayNumber("2100-12-31") })])(
    "a civil date's start instant maps back to it",
    (n) => {
      const date = fromDayNumber(n);
      expect(civilDateOf(startOfCivilDate(date))).toBe(date);
    },
  );
});

describe("addWeekdays (the provisional count of a working-day period: weekends alone)", () => {
  it("skips weekends, does not count the start day", () => {
    // Friday 2026-12-25 + 1 → Monday 12-28; + 5 → Friday 2027-01-01 (no holiday data: a weekday).
    expect(addWeekdays("2026-12-25", 1)).toBe("2026-12-28");
    expect(addWeekdays("2026-12-25", 5)).toBe("2027-01-01");
    expect(addWeekdays("2026-12-26", 0)).toBe("2026-12-26");
  });

  test.prop([fc.integer({ min: dayNumber("2019-01-01"), max: dayNumber("2026-12-31") }), fc.nat(60)])(
    "the result is a weekday (n > 0) with exactly n weekdays after the start up to it",
    (start, n) => {
      const from = fromDayNumber(start);
      const end = addWeekdays(from, n);
      let weekdays = 0;
      for (let d = start + 1; d <= dayNumber(end); d++) if (isoWeekday(fromDayNumber(d)) <= 5) weekdays++;
      expect(weekdays).toBe(n);
      if (n > 0) expect(isoWeekday(end)).toBeLessThanOrEqual(5);
    },
  );
});

describe("civilDateOf — the arithmetic from 1992 agrees with the time-zone database", () => {
  test.prop([fc.integer({ min: Date.UTC(1985, 0, 1), max: Date.UTC(2100, 0, 1) })], { numRuns: 2000 })(
    "any instant 1985–2100 (across the 1986–1991 daylight-saving years too)",
    (ms) => {
      const instant = new Date(ms).toISOString();
      expect(civilDateOf(instant)).toBe(format(new TZDate(instant, CHINA_TIME_ZONE), "yyyy-MM-dd"));
    },
  );

  it("the boundaries: midnight China time, and a summer day of 1990 (UTC+9 then)", () => {
    expect(civilDateOf("1991-12-31T16:00:00Z")).toBe("1992-01-01");
    expect(civilDateOf("1991-12-31T15:59:59.999Z")).toBe("1991-12-31");
    // 1990-07-01 15:30 UTC was 00:30 on 07-02 under daylight saving (UTC+9).
    expect(civilDateOf("1990-07-01T15:30:00Z")).toBe("1990-07-02");
  });
});
