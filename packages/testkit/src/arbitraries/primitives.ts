import {
  addDays,
  type CivilDate,
  dayNumber,
  epochMillis,
  type Fen,
  fromDayNumber,
  type Instant,
  instantFromEpochMillis,
  isCivilDate,
  startOfCivilDate,
} from "@sanxiang/core";
import fc from "fast-check";

/**
 * 日历覆盖范围 — the days the built-in PRC work calendar knows (`chinaCalendar().coverage`):
 * 2018-12-29 … 2026-12-31. Dates drawn by default stay inside it, so statutory deadlines
 * computed from them are never provisional for lack of a State Council notice.
 */
export const CALENDAR_COVERAGE: CivilDateBounds = {
  min: "2018-12-29",
  max: "2026-12-31",
};

/** A closed range of civil dates with both ends given. */
export interface CivilDateBounds {
  /** First date (inclusive). */
  readonly min: CivilDate;
  /** Last date (inclusive). */
  readonly max: CivilDate;
}

/** A closed range of civil dates (both ends inclusive). */
export interface CivilDateRange {
  /** First date that may be drawn (default {@link CALENDAR_COVERAGE}.min). */
  readonly min?: CivilDate;
  /** Last date that may be drawn (default {@link CALENDAR_COVERAGE}.max). */
  readonly max?: CivilDate;
}

function checkedRange(range: CivilDateRange, what: string): { min: CivilDate; max: CivilDate } {
  const min = range.min ?? CALENDAR_COVERAGE.min;
  const max = range.max ?? CALENDAR_COVERAGE.max;
  if (!isCivilDate(min) || !isCivilDate(max) || min > max) {
    // A wrong range is a programmer error of the test, not a domain failure.
    throw new RangeError(`${what}: invalid range ${min} … ${max}`);
  }
  return { min, max };
}

/**
 * 日期 — a `CivilDate` `YYYY-MM-DD` between `min` and `max` (inclusive; default the
 * calendar's coverage). Shrinks towards `min`.
 */
export function civilDate(range: CivilDateRange = {}): fc.Arbitrary<CivilDate> {
  const { min, max } = checkedRange(range, "civilDate");
  return fc.integer({ min: dayNumber(min), max: dayNumber(max) }).map(fromDayNumber);
}

/** Options of {@link instant}. */
export interface InstantOptions extends CivilDateRange {
  /** Draw milliseconds too (`…T02:30:00.123Z`); default false (whole seconds, as most of the SDK writes). */
  readonly withMillis?: boolean;
}

/**
 * 时间点 — an `Instant` (ISO-8601 UTC) that falls on a China civil date between `min`
 * and `max` (inclusive; default the calendar's coverage): from 00:00 China Standard Time
 * of `min` up to 24:00 of `max`, exclusive.
 */
export function instant(options: InstantOptions = {}): fc.Arbitrary<Instant> {
  const { min, max } = checkedRange(options, "instant");
  const from = epochMillis(startOfCivilDate(min));
  const to = epochMillis(startOfCivilDate(addDays(max, 1))) - 1;
  const step = options.withMillis === true ? 1 : 1000;
  return fc
    .integer({ min: Math.ceil(from / step), max: Math.floor(to / step) })
    .map((n) => instantFromEpochMillis(n * step));
}

/** Options of {@link fen}. */
export interface FenOptions {
  /** Smallest amount (fen, default 0). */
  readonly min?: Fen;
  /** Largest amount (fen, default ¥1,000,000 = 100,000,000 fen). */
  readonly max?: Fen;
  /** Whole yuan only (a multiple of 100 fen), as most fines are written; default false. */
  readonly wholeYuan?: boolean;
}

/** 金额（分） — an amount of money in integer fen (分), `min` … `max` inclusive. */
export function fen(options: FenOptions = {}): fc.Arbitrary<Fen> {
  const min = options.min ?? 0;
  const max = options.max ?? 100_000_000;
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || min > max) {
    throw new RangeError(`fen: invalid range ${min} … ${max}`);
  }
  if (options.wholeYuan !== true) return fc.integer({ min, max });
  const lo = Math.ceil(min / 100);
  const hi = Math.floor(max / 100);
  if (lo > hi) throw new RangeError(`fen: no whole yuan in ${min} … ${max}`);
  return fc.integer({ min: lo, max: hi }).map((y) => y * 100);
}

// Province-level division codes (GB/T 2260), the first two digits of every division code.
const PROVINCES = [
  "11",
  "12",
  "13",
  "14",
  "15",
  "21",
  "22",
  "23",
  "31",
  "32",
  "33",
  "34",
  "35",
  "36",
  "37",
  "41",
  "42",
  "43",
  "44",
  "45",
  "46",
  "50",
  "51",
  "52",
  "53",
  "54",
  "61",
  "62",
  "63",
  "64",
  "65",
] as const;

/** Options of {@link divisionCode}. */
export interface DivisionCodeOptions {
  /** Draw only codes of these levels (default all three). */
  readonly levels?: readonly ("province" | "city" | "county")[];
  /** Draw only under these province prefixes (two digits, e.g. `"64"` 宁夏). */
  readonly provinces?: readonly string[];
}

/**
 * 行政区划代码 — a six-digit division code shaped like GB/T 2260 (a real province prefix; the
 * city and county parts are plausible, not looked up in a code list, as core's schemas do
 * not check them either): `640000` a province, `640500` a city, `640502` a county.
 */
export function divisionCode(options: DivisionCodeOptions = {}): fc.Arbitrary<string> {
  const provinces = options.provinces ?? PROVINCES;
  const levels = options.levels ?? ["province", "city", "county"];
  if (provinces.length === 0 || levels.length === 0) throw new RangeError("divisionCode: empty options");
  return fc
    .record({
      p: fc.constantFrom(...provinces),
      level: fc.constantFrom(...levels),
      city: fc.integer({ min: 1, max: 20 }),
      county: fc.integer({ min: 1, max: 30 }),
    })
    .map(({ p, level, city, county }) => {
      const c = String(city).padStart(2, "0");
      if (level === "province") return `${p}0000`;
      if (level === "city") return `${p}${c}00`;
      return `${p}${c}${String(county).padStart(2, "0")}`;
    });
}
