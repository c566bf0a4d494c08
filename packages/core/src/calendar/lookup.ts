// O(1) queries over a CompiledCalendar, in day numbers. The WorkCalendar methods wrap
// these with date parsing and Results; deadline projections may call them in bulk.

import { parseDay } from "../kernel/day-number.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { fromDayNumber } from "../kernel/time.js";
import { type CompiledCalendar, HOLIDAY, MAKEUP_WORKDAY, UNKNOWN, WORKDAY } from "./build.js";
import type { SkippedDay } from "./types.js";

/** `CIVIL_DATE_INVALID` for a value that is not a real `YYYY-MM-DD` date. */
export function invalidDate(date: unknown): SanxiangError {
  return sanxiangError("CIVIL_DATE_INVALID", `不是有效日期（应为 YYYY-MM-DD）：${String(date)}`, { details: { date } });
}

/** A civil date as a day number, or `CIVIL_DATE_INVALID`. */
export function toDay(date: unknown): Result<number, SanxiangError> {
  const n = parseDay(date);
  return Number.isNaN(n) ? err(invalidDate(date)) : ok(n);
}

/** The date string of a day number, from the precomputed table when covered. */
export function dateOf(c: CompiledCalendar, n: number): string {
  return c.dates[n - c.first] ?? fromDayNumber(n);
}

/** Whether the day's working status is known. */
export function isKnown(c: CompiledCalendar, n: number): boolean {
  return n >= c.first && n <= c.last && c.kind[n - c.first] !== UNKNOWN;
}

/** Whether a known day is a working day. */
export function isWorking(c: CompiledCalendar, n: number): boolean {
  const k = c.kind[n - c.first];
  return k === WORKDAY || k === MAKEUP_WORKDAY;
}

/** `CALENDAR_YEAR_UNKNOWN` for a day no loaded notice covers. */
export function unknownYear(c: CompiledCalendar, n: number): SanxiangError {
  const date = fromDayNumber(n);
  const year = Number(date.slice(0, 4));
  const loaded = c.years.length === 0 ? "无" : `${c.years[0]}–${c.years[c.years.length - 1]}`;
  const region = c.regional;
  if (region !== undefined && c.notices.has(year) && !region.years.has(year)) {
    // 全国年节及纪念日放假办法 Art. 4: the region fixes its own festivals; without its notice
    // the year is unknown for the region, never the national calendar alone.
    const regionalLoaded = [...region.years.keys()].sort((a, b) => a - b).join("、") || "无";
    return sanxiangError(
      "CALENDAR_YEAR_UNKNOWN",
      `${date} 所在的${year}年尚未加载${region.layer.issuer}的节假日安排（${region.layer.name}已加载：${regionalLoaded}），无法判断该地区是否工作日；请加载该年度通知`,
      {
        details: {
          date,
          year,
          region: region.layer.region,
          regionalYears: [...region.years.keys()],
          loadedYears: c.years,
          ...(region.layer.notLoaded?.[String(year)] === undefined
            ? {}
            : { notLoadedReason: region.layer.notLoaded[String(year)] }),
        },
      },
    );
  }
  return sanxiangError(
    "CALENDAR_YEAR_UNKNOWN",
    `${date} 所在的${year}年尚未加载国务院节假日安排（已加载：${loaded}），无法判断是否工作日；请加载该年度放假通知`,
    { details: { date, year, loadedYears: c.years, from: dateOf(c, c.first), to: dateOf(c, c.last) } },
  );
}

/** The first day in (a, b] whose status is unknown, or undefined when all are known. */
export function firstUnknownIn(c: CompiledCalendar, a: number, b: number): number | undefined {
  if (b <= a) return undefined;
  if (a + 1 >= c.first && b <= c.last) {
    const gaps = (c.unknownPrefix[b - c.first + 1] ?? 0) - (c.unknownPrefix[a + 1 - c.first] ?? 0);
    if (gaps === 0) return undefined;
  }
  for (let n = a + 1; n <= b; n++) if (!isKnown(c, n)) return n;
  return undefined;
}

/** Working days in [first, n]. */
export function workingUpTo(c: CompiledCalendar, n: number): number {
  if (n < c.first) return 0;
  if (n > c.last) return c.workDays.length;
  return c.workPrefix[n - c.first + 1] ?? 0;
}

/**
 * The `k`-th working day after day `n` (k ≥ 1) as a day number, or NaN when a day in
 * between is unknown. Allocation-free: this is the hot path of deadline projections.
 */
export function addWorkingRaw(c: CompiledCalendar, n: number, k: number): number {
  let counted: number;
  if (n >= c.first && n <= c.last) counted = c.workPrefix[n - c.first + 1] ?? 0;
  else if (n === c.first - 1) counted = 0;
  else return Number.NaN;
  const target = c.workDays[counted + k - 1];
  if (target === undefined) return Number.NaN;
  const gaps = (c.unknownPrefix[target - c.first + 1] ?? 0) - (c.unknownPrefix[n + 1 - c.first] ?? 0);
  return gaps === 0 ? target : Number.NaN;
}

/** The `k`-th working day after day `n` (k ≥ 1), every day in between known. */
export function addWorking(c: CompiledCalendar, n: number, k: number): Result<number, SanxiangError> {
  const target = addWorkingRaw(c, n, k);
  return Number.isNaN(target) ? err(unknownAfter(c, n)) : ok(target);
}

/** `CALENDAR_YEAR_UNKNOWN` for the first unknown day after day `n`. */
export function unknownAfter(c: CompiledCalendar, n: number): SanxiangError {
  return unknownYear(c, firstUnknownIn(c, n, Number.MAX_SAFE_INTEGER) ?? c.last + 1);
}

/** The first working day on or after day `n`. */
export function workingOnOrAfter(c: CompiledCalendar, n: number): Result<number, SanxiangError> {
  if (!isKnown(c, n)) return err(unknownYear(c, n));
  return isWorking(c, n) ? ok(n) : addWorking(c, n, 1);
}

/** Why a known non-working day does not count. */
export function skippedDay(c: CompiledCalendar, n: number): SkippedDay {
  const date = dateOf(c, n);
  if (c.kind[n - c.first] !== HOLIDAY) return { date, reason: "weekend" };
  const holiday = c.holidayNames.get(n);
  return holiday === undefined ? { date, reason: "holiday" } : { date, reason: "holiday", holiday };
}

/** The non-working days in (a, b] (known days only; callers check coverage first). */
export function nonWorkingIn(c: CompiledCalendar, a: number, b: number): SkippedDay[] {
  const out: SkippedDay[] = [];
  for (let n = a + 1; n <= b; n++) if (!isWorking(c, n)) out.push(skippedDay(c, n));
  return out;
}
