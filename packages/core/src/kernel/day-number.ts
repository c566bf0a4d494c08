// Civil-date <-> day-number conversion (days since 1970-01-01, proleptic Gregorian),
// shared by time.ts and the calendar's hot paths. Internal: not re-exported from the
// package root. No regexes or substring allocation, because addWorkingDays is called in
// loops (deadline projections over many cases).

/** Days in a month of the proleptic Gregorian calendar. */
export function monthLength(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

/** Hinnant's days_from_civil: days since 1970-01-01. */
export function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Day number of a `YYYY-MM-DD` string, or NaN when it is not a real date in years
 * 1000–9999 (the same set `isCivilDate` accepts).
 */
export function parseDay(value: unknown): number {
  if (typeof value !== "string" || value.length !== 10) return Number.NaN;
  if (value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return Number.NaN;
  const y = digit(value, 0) * 1000 + digit(value, 1) * 100 + digit(value, 2) * 10 + digit(value, 3);
  const m = digit(value, 5) * 10 + digit(value, 6);
  const d = digit(value, 8) * 10 + digit(value, 9);
  // NaN fails every comparison, so a non-digit anywhere lands here.
  if (!(y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= monthLength(y, m))) return Number.NaN;
  return daysFromCivil(y, m, d);
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}
