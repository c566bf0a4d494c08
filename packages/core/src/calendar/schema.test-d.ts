import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { PeriodOverride, PeriodOverrides } from "./deadline.js";
import type {
  HolidayAmendmentSchema,
  HolidayBreakSchema,
  HolidayNoticeSchema,
  NoticeYearSchema,
  NoticeYearsSchema,
  PeriodOverrideSchema,
  PeriodOverridesSchema,
  PeriodUnitSchema,
  RegionalDaySchema,
  RegionalHolidaysSchema,
  RegionalNoticeYearSchema,
} from "./schema.js";
import type {
  HolidayAmendment,
  HolidayBreak,
  HolidayNotice,
  NoticeYear,
  NoticeYears,
  PeriodUnit,
  RegionalDay,
  RegionalHolidays,
  RegionalNoticeYear,
} from "./types.js";

// Type tests only: the calendar's data types are plain TypeScript (so `@sanxiang/core/calendar`
// has no zod in its declarations) and must stay exactly what their schemas parse to.

describe("the calendar's plain data types equal their schemas' output", () => {
  it("notices", () => {
    expectTypeOf<HolidayNotice>().toEqualTypeOf<z.infer<typeof HolidayNoticeSchema>>();
    expectTypeOf<HolidayAmendment>().toEqualTypeOf<z.infer<typeof HolidayAmendmentSchema>>();
    expectTypeOf<HolidayBreak>().toEqualTypeOf<z.infer<typeof HolidayBreakSchema>>();
    expectTypeOf<NoticeYear>().toEqualTypeOf<z.infer<typeof NoticeYearSchema>>();
    expectTypeOf<NoticeYears>().toEqualTypeOf<z.infer<typeof NoticeYearsSchema>>();
  });

  it("regional layers", () => {
    expectTypeOf<RegionalDay>().toEqualTypeOf<z.infer<typeof RegionalDaySchema>>();
    expectTypeOf<RegionalNoticeYear>().toEqualTypeOf<z.infer<typeof RegionalNoticeYearSchema>>();
    expectTypeOf<RegionalHolidays>().toEqualTypeOf<z.infer<typeof RegionalHolidaysSchema>>();
  });

  it("period overrides", () => {
    expectTypeOf<PeriodUnit>().toEqualTypeOf<z.infer<typeof PeriodUnitSchema>>();
    expectTypeOf<PeriodOverride>().toEqualTypeOf<z.infer<typeof PeriodOverrideSchema>>();
    expectTypeOf<PeriodOverrides>().toEqualTypeOf<z.infer<typeof PeriodOverridesSchema>>();
  });

  it("a drift is caught: a field made required or dropped is not equal", () => {
    expectTypeOf<HolidayNotice & { doc: string }>().not.toEqualTypeOf<z.infer<typeof HolidayNoticeSchema>>();
    expectTypeOf<Omit<RegionalHolidays, "notLoaded">>().not.toEqualTypeOf<z.infer<typeof RegionalHolidaysSchema>>();
  });
});
