import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { z } from "zod";
import { daysFromCivil, monthLength, parseDay, weekdayOf } from "./day-number.js";
import { describeValue } from "./describe-value.js";
import { SanxiangError, sanxiangError } from "./errors.js";
import { err, ok, type Result } from "./result.js";
import type { CivilDate, Instant } from "./time-types.js";

/** The one time zone of civil dates: China Standard Time (no DST since 1991). */
export const CHINA_TIME_ZONE = "Asia/Shanghai";

// CivilDate and Instant live in time-types.ts (no zod there, for the calendar's declarations).
export type { CivilDate, Instant } from "./time-types.js";

/** True when `value` is a real calendar date in `YYYY-MM-DD` form (years 1000–9999). */
export function isCivilDate(value: unknown): value is CivilDate {
  return !Number.isNaN(parseDay(value));
}

/** zod schema of a {@link CivilDate}: `YYYY-MM-DD`, a date that exists. */
export const CivilDateSchema = z
  .string()
  .refine(isCivilDate, { message: "应为真实存在的日期，格式 YYYY-MM-DD（如 2026-03-01）" })
  .meta({ description: "date `YYYY-MM-DD`, China time" });

/** True when `value` is an ISO-8601 UTC instant (`…Z`) naming a real moment. */
export function isInstant(value: unknown): value is Instant {
  if (typeof value !== "string") return false;
  // `YYYY-MM-DDTHH:MM:SS[.s{1,3}]Z` read by character code (no match array: this runs for
  // every event a verifier replays): the strings of `/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/`
  // with a real date and time — a property test holds it to that regular expression.
  const n = value.length;
  if (n !== 20 && (n < 22 || n > 24)) return false;
  for (let i = 0; i < n - 1; i++) {
    const c = value.charCodeAt(i);
    const expected = INSTANT_SHAPE.charCodeAt(i);
    if (expected === DIGIT_SLOT ? c < 0x30 || c > 0x39 : c !== expected) return false;
  }
  if (value.charCodeAt(n - 1) !== 0x5a) return false; // Z
  if (!isCivilDate(value.slice(0, 10))) return false;
  return twoDigits(value, 11) < 24 && twoDigits(value, 14) < 60 && twoDigits(value, 17) < 60;
}

// The shape of an instant, a `#` where a digit goes (the fraction's digits included; the
// final `Z` is checked apart, since the fraction has 0–3 digits).
const INSTANT_SHAPE = "####-##-##T##:##:##.###";
const DIGIT_SLOT = 0x23;

/** The two-digit number at `at` (the characters checked to be digits). */
function twoDigits(text: string, at: number): number {
  return (text.charCodeAt(at) - 0x30) * 10 + (text.charCodeAt(at + 1) - 0x30);
}

/** zod schema of an {@link Instant}. */
export const InstantSchema = z
  .string()
  .refine(isInstant, { message: "应为 UTC 时间点，ISO 8601 格式（如 2026-03-01T08:00:00Z）" })
  .meta({ description: "UTC instant, ISO 8601 (`2026-03-01T08:00:00Z`)" });

/** Parses a civil date, or the coded error `CIVIL_DATE_INVALID`. */
export function parseCivilDate(value: unknown): Result<CivilDate, SanxiangError> {
  return isCivilDate(value)
    ? ok(value)
    : err(
        sanxiangError("CIVIL_DATE_INVALID", `不是有效日期（应为 YYYY-MM-DD）：${describeValue(value)}`, {
          details: { value: describeValue(value) },
        }),
      );
}

/** Parses an instant, or the coded error `INSTANT_INVALID`. */
export function parseInstant(value: unknown): Result<Instant, SanxiangError> {
  return isInstant(value)
    ? ok(value)
    : err(
        sanxiangError("INSTANT_INVALID", `不是有效时间点（应为 ISO-8601 UTC）：${describeValue(value)}`, {
          details: { value: describeValue(value) },
        }),
      );
}

// Day numbers: days since 1970-01-01 in the proleptic Gregorian calendar. All civil-date
// arithmetic goes through these integers (H. Hinnant's days_from_civil), never through
// Date objects, so no time zone can shift a day.

/** Days since 1970-01-01 for a valid civil date (callers validate first). */
export function dayNumber(date: CivilDate): number {
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

/** The civil date of a day number (inverse of {@link dayNumber}). */
export function fromDayNumber(n: number): CivilDate {
  const z0 = n + 719468;
  const era = Math.floor(z0 / 146097);
  const doe = z0 - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** ISO weekday of a civil date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  return weekdayOf(dayNumber(date));
}

/** `date` plus `days` calendar days (negative goes back). */
export function addDays(date: CivilDate, days: number): CivilDate {
  return fromDayNumber(dayNumber(date) + days);
}

/**
 * `date` plus `n` weekdays (Monday–Friday), `date` itself not counted: the provisional (暂定)
 * count of a working-day period reaching a year whose holiday notice is not loaded — weekends
 * alone, to be recomputed when the notice is.
 */
export function addWeekdays(date: CivilDate, n: number): CivilDate {
  let day = dayNumber(date);
  for (let counted = 0; counted < n; ) {
    day += 1;
    if (weekdayOf(day) <= 5) counted += 1;
  }
  return fromDayNumber(day);
}

/**
 * `date` plus `months` calendar months, ending on the corresponding day of the final
 * month or, when that month has no such day, on its last day (民法典 Art. 202).
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12 + 1;
  const nd = Math.min(d, monthLength(ny, nm));
  return `${String(ny).padStart(4, "0")}-${String(nm).padStart(2, "0")}-${String(nd).padStart(2, "0")}`;
}

/** Calendar days from `a` to `b` (positive when `b` is later). */
export function daysBetween(a: CivilDate, b: CivilDate): number {
  return dayNumber(b) - dayNumber(a);
}

/** Orders civil dates: negative, zero or positive, like `Array.prototype.sort` wants. */
export function compareCivilDates(a: CivilDate, b: CivilDate): number {
  return a < b ? -1 : a > b ? 1 : 0; // ISO strings of equal length sort as dates.
}

/**
 * Since 1992 China Standard Time is UTC+8 without daylight saving (the last DST period ended in
 * September 1991): from then on the civil date is plain arithmetic.
 */
const FIXED_OFFSET_FROM_MS = Date.UTC(1992, 0, 1);
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The civil date in China at `instant` (`Asia/Shanghai`): by integer arithmetic from 1992 on
 * (UTC+8, no daylight saving — the same answer as the time-zone database, a property test
 * checks it, at a small fraction of the cost: this runs for every event), through the
 * time-zone database before.
 */
export function civilDateOf(instant: Instant): CivilDate {
  const ms = epochMillis(instant);
  if (ms >= FIXED_OFFSET_FROM_MS) return fromDayNumber(Math.floor((ms + CHINA_OFFSET_MS) / MS_PER_DAY));
  return format(new TZDate(instant, CHINA_TIME_ZONE), "yyyy-MM-dd");
}

/** The instant at which `date` begins in China (00:00 China Standard Time). */
export function startOfCivilDate(date: CivilDate): Instant {
  const local = new TZDate(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
    0,
    0,
    0,
    CHINA_TIME_ZONE,
  );
  return new Date(local.getTime()).toISOString().replace(".000Z", "Z");
}

/**
 * The instant at which `date` ends: 24:00 China Standard Time, i.e. the start of the next
 * day (民法典 Art. 203 para. 2: the last day of a period ends at 24:00).
 */
export function endOfCivilDate(date: CivilDate): Instant {
  return startOfCivilDate(addDays(date, 1));
}

/** Re-validates a civil date inside the SDK; a programmer error if it fails. */
export function assertCivilDate(value: string): CivilDate {
  if (!isCivilDate(value)) throw new SanxiangError({ code: "CIVIL_DATE_INVALID", message: `invalid date ${value}` });
  return value;
}

const MS_PER_DAY = 86_400_000;

/** Milliseconds since the Unix epoch of a valid instant (integer arithmetic, no `Date`). */
export function epochMillis(instant: Instant): number {
  // By character code, no substring (it runs for every event a verifier replays).
  const year = twoDigits(instant, 0) * 100 + twoDigits(instant, 2);
  const days = daysFromCivil(year, twoDigits(instant, 5), twoDigits(instant, 8));
  const seconds = (twoDigits(instant, 11) * 60 + twoDigits(instant, 14)) * 60 + twoDigits(instant, 17);
  // `.s`, `.ss` or `.sss` before the `Z`: tenths, hundredths, thousandths.
  let ms = 0;
  for (let i = 20, unit = 100; i < instant.length - 1; i++, unit /= 10) ms += (instant.charCodeAt(i) - 0x30) * unit;
  return days * MS_PER_DAY + seconds * 1000 + ms;
}

/**
 * The instant `ms` milliseconds after the Unix epoch, written like the rest of the SDK:
 * `2026-05-01T02:30:00Z`, with `.sss` only when the milliseconds are not zero.
 */
export function instantFromEpochMillis(ms: number): Instant {
  if (!Number.isSafeInteger(ms)) throw new RangeError(`instantFromEpochMillis: not an integer: ${ms}`);
  const day = Math.floor(ms / MS_PER_DAY);
  let rest = ms - day * MS_PER_DAY;
  const milli = rest % 1000;
  rest = (rest - milli) / 1000;
  const pad = (n: number): string => String(n).padStart(2, "0");
  const hms = `${pad(Math.floor(rest / 3600))}:${pad(Math.floor(rest / 60) % 60)}:${pad(rest % 60)}`;
  const instant = `${fromDayNumber(day)}T${hms}${milli === 0 ? "" : `.${String(milli).padStart(3, "0")}`}Z`;
  if (!isInstant(instant)) throw new RangeError(`instantFromEpochMillis: out of range: ${ms}`);
  return instant;
}
