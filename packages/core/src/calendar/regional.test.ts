import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { dayNumber, fromDayNumber } from "../kernel/time.js";
import { BUILTIN_NOTICE_YEARS } from "./data/holidays.js";
import { BUILTIN_REGIONAL_HOLIDAYS } from "./data/regional.js";
import type { RegionalHolidays } from "./schema.js";
import { chinaCalendar, createWorkCalendar, regionalLayerFor } from "./work-calendar.js";

// Issue 14 §2: 全国年节及纪念日放假办法 Art. 4 — a minority region fixes its own festivals.
// 沙坡头区 (640502) is in Ningxia, whose yearly notice adds 开斋节 and 古尔邦节 days off.
const national = chinaCalendar();
const shapotou = chinaCalendar({ region: "640502" });
const layer = BUILTIN_REGIONAL_HOLIDAYS["640000"] as RegionalHolidays;

describe("the Ningxia layer (宁夏回族自治区人民政府办公厅 yearly notices)", () => {
  it("skips 开斋节 2019 (宁政办发〔2018〕137号: 6月5日、6日放假) in a working-day period", () => {
    expect(national.addWorkingDays("2019-06-04", 1)._unsafeUnwrap()).toBe("2019-06-05");
    // 6-05, 6-06 开斋节; 6-07 端午节 (national); 6-08/09 weekend.
    expect(shapotou.addWorkingDays("2019-06-04", 1)._unsafeUnwrap()).toBe("2019-06-10");
    const x = shapotou.explainPeriod("2019-06-04", { amount: 1, unit: "workday" })._unsafeUnwrap();
    expect(x.skipped.slice(0, 2)).toEqual([
      { date: "2019-06-05", reason: "holiday", holiday: "开斋节" },
      { date: "2019-06-06", reason: "holiday", holiday: "开斋节" },
    ]);
    // Each day cites its notice: the State Council's and the region's.
    expect(x.notices.find((n) => n.region === "640000")).toMatchObject({ doc: "宁政办发〔2018〕137号", year: 2019 });
    expect(x.notices.some((n) => n.region === undefined && n.year === 2019)).toBe(true);
  });

  it("knows every shipped day off as a holiday with its festival, and the national calendar does not", () => {
    for (const [y, data] of Object.entries(layer.years)) {
      for (const d of data.daysOff) {
        expect(shapotou.dayInfo(d.date)._unsafeUnwrap(), `${y} ${d.date}`).toMatchObject({
          working: false,
          kind: "holiday",
          holiday: d.name,
        });
        expect(national.isWorkingDay(d.date)._unsafeUnwrap(), d.date).toBe(true);
      }
    }
    expect(shapotou.dayInfo("2022-07-11")._unsafeUnwrap()).toMatchObject({ working: false, holiday: "古尔邦节" });
  });

  it("a year whose regional notice is not loaded is unknown for the region, never silently national", () => {
    expect(national.isWorkingDay("2023-06-29")._unsafeUnwrap()).toBe(true);
    const e = shapotou.isWorkingDay("2023-06-29")._unsafeUnwrapErr();
    expect(e.code).toBe("CALENDAR_YEAR_UNKNOWN");
    expect(e.message).toContain("宁夏回族自治区人民政府办公厅");
    expect(e.details).toMatchObject({ year: 2023, region: "640000" });
    expect(shapotou.coverage).toMatchObject({ to: "2022-12-31", years: [2019, 2020, 2021, 2022] });
    expect(shapotou.region).toEqual({
      code: "640502",
      layer: {
        region: "640000",
        name: "宁夏回族自治区",
        issuer: "宁夏回族自治区人民政府办公厅",
        years: [2019, 2020, 2021, 2022],
      },
    });
  });

  it("its provisional bound skips the plausible 古尔邦节 days (2023: 6月29日前后) for the party's side", () => {
    const hi = shapotou.bounded("latest").addWorkingDays("2023-06-26", 3)._unsafeUnwrap();
    const nationalDue = national.addWorkingDays("2023-06-26", 3)._unsafeUnwrap();
    expect(nationalDue).toBe("2023-06-29");
    expect(hi > nationalDue).toBe(true);
    expect(shapotou.bounded("earliest").addWorkingDays("2023-06-26", 3)._unsafeUnwrap() <= nationalDue).toBe(true);
  });

  // Property (issue 14 §1 with §2): the regional years shipped stand in for unpublished ones.
  const cutoffs = [2020, 2021, 2022].map((y) => {
    const years = Object.fromEntries(Object.entries(layer.years).filter(([k]) => Number(k) < y));
    const partial: RegionalHolidays = { ...layer, years };
    return [
      y,
      createWorkCalendar({
        region: "640502",
        builtin: false,
        regional: [partial],
        years: { ...BUILTIN_NOTICE_YEARS },
      })._unsafeUnwrap(),
    ] as const;
  });
  test.prop(
    [
      fc.constantFrom(...cutoffs),
      fc.integer({ min: dayNumber("2019-03-01"), max: dayNumber("2022-11-30") }).map(fromDayNumber),
      fc.integer({ min: 1, max: 30 }),
    ],
    { numRuns: 300 },
  )("earliest bound ≤ the region's real working-day deadline ≤ latest bound", ([, cal], d, n) => {
    const truth = shapotou.addWorkingDays(d, n);
    fc.pre(truth.isOk());
    expect(cal.bounded("earliest").addWorkingDays(d, n)._unsafeUnwrap() <= truth._unsafeUnwrap()).toBe(true);
    expect(truth._unsafeUnwrap() <= cal.bounded("latest").addWorkingDays(d, n)._unsafeUnwrap()).toBe(true);
  });
});

describe("region codes", () => {
  it("a code inherits its province's layer; other provinces and no code keep the national calendar", () => {
    expect(regionalLayerFor("640502")?.region).toBe("640000");
    expect(regionalLayerFor("640500")?.region).toBe("640000");
    expect(regionalLayerFor("640000")?.region).toBe("640000");
    expect(regionalLayerFor("110105")).toBeUndefined();
    const beijing = chinaCalendar({ region: "110105" });
    expect(beijing.region).toEqual({ code: "110105" });
    expect(beijing.addWorkingDays("2019-06-04", 1)._unsafeUnwrap()).toBe("2019-06-05");
    expect(national.region).toBeUndefined();
  });

  it("a malformed code is refused with a typed error (INVALID_INPUT)", () => {
    expect(createWorkCalendar({ region: "6405" })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(() => chinaCalendar({ region: "ningxia" })).toThrow(/行政区划代码/);
  });

  it("a bureau loads a newer regional year as data (here a test-only 2023 entry)", () => {
    const extra: RegionalHolidays = {
      ...layer,
      years: {
        "2023": {
          notice: { title: "测试数据（非真实通知）" },
          daysOff: [{ date: "2023-06-29", name: "古尔邦节" }],
          workdays: [],
        },
      },
    };
    const cal = createWorkCalendar({ region: "640502", regional: [extra] })._unsafeUnwrap();
    expect(cal.isWorkingDay("2023-06-29")._unsafeUnwrap()).toBe(false);
    expect(cal.isWorkingDay("2019-06-05")._unsafeUnwrap()).toBe(false); // built-in years kept
    expect(cal.isWorkingDay("2024-06-17").isErr()).toBe(true);
  });

  it("contradictory regional data is refused (CALENDAR_DATA_INVALID)", () => {
    const bad: RegionalHolidays = {
      ...layer,
      years: {
        "2023": { notice: { title: "x" }, daysOff: [], workdays: [{ date: "2023-06-28", name: "古尔邦节" }] },
      },
    };
    expect(createWorkCalendar({ region: "640502", regional: [bad] })._unsafeUnwrapErr().code).toBe(
      "CALENDAR_DATA_INVALID",
    );
  });
});
