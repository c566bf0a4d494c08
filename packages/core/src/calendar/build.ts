import { daysFromCivil, parseDay, weekdayOf } from "../kernel/day-number.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { fromDayNumber } from "../kernel/time.js";
import type { NoticeYear, RegionalHolidays, RegionalNoticeYear, SwapPolicy } from "./types.js";

// Day kinds stored per day in a Uint8Array.
/** Not covered by any loaded notice. */
export const UNKNOWN = 0;
/** Monday–Friday, not a day off. */
export const WORKDAY = 1;
/** 调休上班 — a Saturday or Sunday worked under the notice. */
export const MAKEUP_WORKDAY = 2;
/** Saturday or Sunday. */
export const WEEKEND = 3;
/** A day off of a holiday break (weekend days inside the break included). */
export const HOLIDAY = 4;

/**
 * The compiled form of the loaded notices: one byte per day plus prefix counts, so that
 * "is it a working day", "the n-th working day after" and "working days between" are O(1)
 * lookups instead of day-by-day loops.
 */
export interface CompiledCalendar {
  /** Day number of the first covered day. */
  readonly first: number;
  /** Day number of the last covered day. */
  readonly last: number;
  /** Day kind per offset (day − first). */
  readonly kind: Uint8Array;
  /** workPrefix[i] = working days among offsets < i (length span + 1). */
  readonly workPrefix: Int32Array;
  /** unknownPrefix[i] = uncovered days among offsets < i (gaps between loaded years). */
  readonly unknownPrefix: Int32Array;
  /** Day numbers of all working days, ascending. */
  readonly workDays: Int32Array;
  /** The notice year that decided each day (0 when uncovered). */
  readonly decidedBy: Uint16Array;
  /** Holiday name of listed days off, by day number. */
  readonly holidayNames: ReadonlyMap<number, string>;
  /** The loaded notice years, ascending. */
  readonly years: readonly number[];
  /** The notices by year. */
  readonly notices: ReadonlyMap<number, NoticeYear>;
  /** The 调休 policy the table was compiled with. */
  readonly policy: SwapPolicy;
  /** Date strings per offset, so results need no formatting. */
  readonly dates: readonly string[];
  /**
   * 暂定年度 — notice years in `notices` that no notice decided: filled by the provisional
   * bound of `calendar/provisional.ts` (empty on an exact calendar).
   */
  readonly provisionalYears: ReadonlySet<number>;
  /** The regional layer applied, when the calendar is a region's. */
  readonly regional?: CompiledRegion;
}

/** The regional layer of a compiled calendar. */
export interface CompiledRegion {
  /** The layer as loaded (its notices are cited by the explanations). */
  readonly layer: RegionalHolidays;
  /** Regional years applied, by year (provisional ones included). */
  readonly years: ReadonlyMap<number, RegionalNoticeYear>;
  /** Years the national data covers but the region's notice is missing: unknown days. */
  readonly missing: ReadonlySet<number>;
  /** Regional years filled by the provisional bound. */
  readonly provisionalYears: ReadonlySet<number>;
}

/** Options of {@link compileCalendar} beyond the national notices. */
export interface CompileOptions {
  /** The region's layer (全国年节及纪念日放假办法 Art. 4). */
  readonly regional?: RegionalHolidays;
  /** Provisional regional years to apply where the layer has none (see calendar/provisional.ts). */
  readonly regionalProvisional?: ReadonlyMap<number, RegionalNoticeYear>;
  /** Which national years of the input are provisional fill, not notices. */
  readonly provisionalYears?: ReadonlySet<number>;
}

function invalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("CALENDAR_DATA_INVALID", message, { details });
}

/**
 * Checks one notice year against itself and its year. A notice of year Y may only name
 * dates from 1 December of Y−1 (the 元旦 break and its make-up Saturday can reach back
 * into late December, as the 2019, 2023 and 2024 notices did) to 31 December of Y.
 */
export function validateNoticeYear(year: number, data: NoticeYear): SanxiangError | undefined {
  const lo = daysFromCivil(year - 1, 12, 1);
  const hi = daysFromCivil(year, 12, 31);
  const holidays = new Set(data.holidays);
  const workdays = new Set(data.workdays);
  const window = `${year - 1}-12-01 至 ${year}-12-31`;
  for (const date of data.holidays) {
    if (workdays.has(date)) {
      return invalid(`${year}年节假日数据自相矛盾：${date} 既是放假日又是上班日`, { year, date });
    }
    const n = parseDay(date);
    if (n < lo || n > hi) {
      return invalid(`${year}年通知的放假日 ${date} 超出该年度范围（应在 ${window} 之间）`, { year, date });
    }
  }
  for (const date of data.workdays) {
    const n = parseDay(date);
    if (n < lo || n > hi) {
      return invalid(`${year}年通知的调休上班日 ${date} 超出该年度范围（应在 ${window} 之间）`, { year, date });
    }
    // A listed working day that is already Monday–Friday says nothing; it signals a typo.
    if (weekdayOf(n) < 6) {
      return invalid(`${year}年通知的调休上班日 ${date} 不是周六或周日`, { year, date });
    }
  }
  for (const b of data.breaks ?? []) {
    const from = parseDay(b.from);
    const to = parseDay(b.to);
    if (from > to)
      return invalid(`${year}年「${b.name}」假期起止日期颠倒：${b.from} 至 ${b.to}`, { year, break: b.name });
    for (let n = from; n <= to; n++) {
      const date = fromDayNumber(n);
      if (!holidays.has(date)) {
        return invalid(`${year}年「${b.name}」假期内的 ${date} 未列为放假日`, { year, break: b.name, date });
      }
    }
    for (const date of b.adjustedWorkdays ?? []) {
      if (!workdays.has(date)) {
        return invalid(`${year}年「${b.name}」的调休上班日 ${date} 未列为上班日`, { year, break: b.name, date });
      }
    }
  }
  return undefined;
}

/** Names each run of consecutive days off by the break(s) it overlaps. */
function holidayNamesOf(data: NoticeYear): Map<number, string> {
  const days = [...new Set(data.holidays.map(parseDay))].sort((a, b) => a - b);
  const breaks = (data.breaks ?? []).map((b) => ({ name: b.name, from: parseDay(b.from), to: parseDay(b.to) }));
  const names = new Map<number, string>();
  let i = 0;
  while (i < days.length) {
    let j = i;
    while (j + 1 < days.length && (days[j + 1] ?? 0) === (days[j] ?? 0) + 1) j++;
    const runFrom = days[i] ?? 0;
    const runTo = days[j] ?? 0;
    // Weekend days that a notice joins to a one-day holiday ("与周末连休") share its run.
    const name = breaks.find((b) => b.from <= runTo && b.to >= runFrom)?.name;
    if (name !== undefined) for (let n = runFrom; n <= runTo; n++) names.set(n, name);
    i = j + 1;
  }
  return names;
}

/**
 * Compiles validated notice years into the lookup tables. The notice of year Y covers
 * every day of Y, plus the late-December days of Y−1 it names and those up to 31 December.
 * Where two notices name the same day, the later notice wins: it was issued later and is
 * the one that actually fixed the 元旦 break.
 */
export function compileCalendar(
  input: ReadonlyMap<number, NoticeYear>,
  policy: SwapPolicy,
  options: CompileOptions = {},
): Result<CompiledCalendar, SanxiangError> {
  const years = [...input.keys()].sort((a, b) => a - b);
  if (years.length === 0) return err(invalid("未加载任何年度的节假日安排", {}));
  for (const y of years) {
    const data = input.get(y);
    if (data === undefined) continue;
    const problem = validateNoticeYear(y, data);
    if (problem !== undefined) return err(problem);
  }
  const coverage = years.map((y) => {
    const data = input.get(y);
    const listed = [...(data?.holidays ?? []), ...(data?.workdays ?? [])].map(parseDay);
    return { year: y, from: Math.min(daysFromCivil(y, 1, 1), ...listed), to: daysFromCivil(y, 12, 31) };
  });
  const first = Math.min(...coverage.map((c) => c.from));
  const last = Math.max(...coverage.map((c) => c.to));
  const span = last - first + 1;
  const kind = new Uint8Array(span);
  const decidedBy = new Uint16Array(span);
  const holidayNames = new Map<number, string>();
  // Pass 1: the weekly rule for every covered day, attributed to the notice of its own year
  // (or to the next year's notice for late-December days only that notice covers).
  for (const c of coverage) {
    for (let n = c.from; n <= c.to; n++) {
      const o = n - first;
      if (kind[o] !== UNKNOWN && n < daysFromCivil(c.year, 1, 1)) continue;
      kind[o] = weekdayOf(n) >= 6 ? WEEKEND : WORKDAY;
      decidedBy[o] = c.year;
    }
  }
  // Pass 2: the listed days, in notice order so a later notice overrides an earlier one.
  for (const y of years) {
    const data = input.get(y);
    if (data === undefined) continue;
    const names = holidayNamesOf(data);
    for (const date of data.holidays) {
      const n = parseDay(date);
      kind[n - first] = HOLIDAY;
      decidedBy[n - first] = y;
      const name = names.get(n);
      if (name === undefined) holidayNames.delete(n);
      else holidayNames.set(n, name);
    }
    for (const date of data.workdays) {
      const n = parseDay(date);
      // The statutes are silent on 调休 ("工作日，不含法定节假日"): under the alternative reading
      // (docs/decisions/0002-work-calendar.md) a make-up weekend day stays a rest day.
      kind[n - first] = policy === "official" ? MAKEUP_WORKDAY : WEEKEND;
      decidedBy[n - first] = y;
      holidayNames.delete(n);
    }
  }
  const regional = applyRegional(options, years, { first, last, kind, decidedBy, holidayNames, policy });
  if (regional !== undefined && "code" in regional) return err(regional);
  const workPrefix = new Int32Array(span + 1);
  const unknownPrefix = new Int32Array(span + 1);
  let working = 0;
  for (let o = 0; o < span; o++) {
    const k = kind[o];
    const isWork = k === WORKDAY || k === MAKEUP_WORKDAY;
    if (isWork) working++;
    workPrefix[o + 1] = (workPrefix[o] ?? 0) + (isWork ? 1 : 0);
    unknownPrefix[o + 1] = (unknownPrefix[o] ?? 0) + (k === UNKNOWN ? 1 : 0);
  }
  const workDays = new Int32Array(working);
  const dates: string[] = new Array<string>(span);
  let w = 0;
  for (let o = 0; o < span; o++) {
    const k = kind[o];
    if (k === WORKDAY || k === MAKEUP_WORKDAY) workDays[w++] = first + o;
    dates[o] = fromDayNumber(first + o);
  }
  return ok({
    first,
    last,
    kind,
    workPrefix,
    unknownPrefix,
    workDays,
    decidedBy,
    holidayNames,
    years,
    notices: input,
    policy,
    dates,
    provisionalYears: options.provisionalYears ?? new Set<number>(),
    ...(regional === undefined ? {} : { regional }),
  });
}

/** A regional year in the shape of a notice year, so that it is checked by the same rules. */
function asNoticeYear(data: RegionalNoticeYear): NoticeYear {
  return { holidays: data.daysOff.map((d) => d.date), workdays: data.workdays.map((d) => d.date), notice: data.notice };
}

/**
 * Applies a regional layer over the national days: the region's days off and make-up
 * working days where its notice is loaded (or provisionally filled); every day of a year
 * the national data covers but the region's notice does not becomes unknown.
 */
function applyRegional(
  options: CompileOptions,
  years: readonly number[],
  t: {
    first: number;
    last: number;
    kind: Uint8Array;
    decidedBy: Uint16Array;
    holidayNames: Map<number, string>;
    policy: SwapPolicy;
  },
): CompiledRegion | SanxiangError | undefined {
  const layer = options.regional;
  if (layer === undefined) return undefined;
  const applied = new Map<number, RegionalNoticeYear>();
  const provisionalYears = new Set<number>();
  for (const [key, data] of Object.entries(layer.years)) applied.set(Number(key), data);
  for (const [y, data] of options.regionalProvisional ?? new Map<number, RegionalNoticeYear>()) {
    if (!applied.has(y)) {
      applied.set(y, data);
      provisionalYears.add(y);
    }
  }
  for (const [y, data] of applied) {
    const problem = validateNoticeYear(y, asNoticeYear(data));
    if (problem !== undefined) {
      return invalid(`${layer.name}：${problem.message}`, { region: layer.region, year: y });
    }
  }
  const missing = new Set<number>();
  for (const y of years) {
    const data = applied.get(y);
    if (data === undefined) {
      missing.add(y);
      for (let n = Math.max(daysFromCivil(y, 1, 1), t.first); n <= Math.min(daysFromCivil(y, 12, 31), t.last); n++) {
        t.kind[n - t.first] = UNKNOWN;
        t.decidedBy[n - t.first] = 0;
        t.holidayNames.delete(n);
      }
      continue;
    }
    for (const d of data.daysOff) {
      const n = parseDay(d.date);
      if (n < t.first || n > t.last) continue;
      t.kind[n - t.first] = HOLIDAY;
      t.holidayNames.set(n, d.name);
    }
    for (const d of data.workdays) {
      const n = parseDay(d.date);
      if (n < t.first || n > t.last) continue;
      t.kind[n - t.first] = t.policy === "official" ? MAKEUP_WORKDAY : WEEKEND;
      t.holidayNames.delete(n);
    }
  }
  return { layer, years: applied, missing, provisionalYears };
}
