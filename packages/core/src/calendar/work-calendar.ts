import { parseDay } from "../kernel/day-number.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CompiledCalendar, compileCalendar, HOLIDAY, MAKEUP_WORKDAY, WEEKEND } from "./build.js";
import { BUILTIN_NOTICE_YEARS } from "./data/holidays.js";
import {
  addWorkingRaw,
  dateOf,
  firstUnknownIn,
  invalidDate,
  isKnown,
  isWorking,
  nonWorkingIn,
  toDay,
  unknownAfter,
  unknownYear,
} from "./lookup.js";
import { explain, end as periodEndOf } from "./period.js";
import { type NoticeYear, type NoticeYears, NoticeYearsSchema, type SwapPolicy } from "./schema.js";
import type { CitedNotice, DayInfo, DayKind, WorkCalendar } from "./types.js";

/** Options of {@link chinaCalendar}. */
export interface ChinaCalendarOptions {
  /** 调休口径 — how swapped days count; default `official` (DOMAIN §3.2). */
  readonly policy?: SwapPolicy;
  /**
   * Notice years to add to or replace in the built-in data, keyed by notice year, in the
   * shape of `holidays-cn.json` — e.g. next year's notice, loaded before the SDK ships it.
   * Invalid data throws the `CALENDAR_DATA_INVALID` error at start-up; to get it as a
   * `Result` instead, use {@link createWorkCalendar}.
   */
  readonly years?: NoticeYears;
}

/** Options of {@link createWorkCalendar}. */
export interface CreateWorkCalendarOptions {
  /**
   * Notice years to add or replace, keyed by notice year, in the shape of the reference
   * file `holidays-cn.json` — e.g. next year's notice, loaded as data before the SDK ships it.
   */
  readonly years?: NoticeYears;
  /** Start from the built-in notices (2019–2026); default `true`. */
  readonly builtin?: boolean;
  /** 调休口径 — how swapped days count; default `official` (DOMAIN §3.2). */
  readonly policy?: SwapPolicy;
}

const KIND_NAMES: Record<number, DayKind> = {
  [HOLIDAY]: "holiday",
  [MAKEUP_WORKDAY]: "makeUpWorkday",
  [WEEKEND]: "weekend",
};

function builtinYears(): Map<number, NoticeYear> {
  return new Map(Object.entries(BUILTIN_NOTICE_YEARS).map(([y, v]) => [Number(y), v]));
}

function calendarOf(c: CompiledCalendar): WorkCalendar {
  const notice = (year: number): CitedNotice | undefined => {
    const data = c.notices.get(year);
    return data === undefined ? undefined : { ...data.notice, year };
  };
  const known = (date: string): Result<number, SanxiangError> =>
    toDay(date).andThen((n) => (isKnown(c, n) ? ok(n) : err(unknownYear(c, n))));
  // Frozen: chinaCalendar() hands the same instance to every caller.
  return Object.freeze({
    policy: c.policy,
    coverage: { from: dateOf(c, c.first), to: dateOf(c, c.last), years: c.years },
    notice,
    isWorkingDay(date) {
      const n = toDay(date);
      if (n.isErr()) return err(n.error);
      return isKnown(c, n.value) ? ok(isWorking(c, n.value)) : err(unknownYear(c, n.value));
    },
    dayInfo(date) {
      return known(date).map((n): DayInfo => {
        const k = c.kind[n - c.first] ?? 0;
        const holiday = k === HOLIDAY ? c.holidayNames.get(n) : undefined;
        return {
          date: dateOf(c, n),
          working: isWorking(c, n),
          kind: KIND_NAMES[k] ?? "workday",
          ...(holiday === undefined ? {} : { holiday }),
          noticeYear: c.decidedBy[n - c.first] ?? 0,
        };
      });
    },
    addWorkingDays(date, n) {
      // Hot path: no intermediate Results, one allocation for the returned Ok.
      const d = parseDay(date);
      if (Number.isNaN(d)) return err(invalidDate(date));
      if (!Number.isInteger(n) || n < 0) {
        return err(
          sanxiangError("PERIOD_INVALID", `工作日数应为非负整数：${String(n)}`, { details: { date, amount: n } }),
        );
      }
      // Zero steps: the date itself, working day or not (see WorkCalendar.addWorkingDays).
      if (n === 0) return ok(dateOf(c, d));
      const t = addWorkingRaw(c, d, n);
      return Number.isNaN(t) ? err(unknownAfter(c, d)) : ok(c.dates[t - c.first] ?? dateOf(c, t));
    },
    workingDaysBetween(a, b) {
      const x = toDay(a);
      if (x.isErr()) return err(x.error);
      const y = toDay(b);
      if (y.isErr()) return err(y.error);
      const lo = Math.min(x.value, y.value);
      const hi = Math.max(x.value, y.value);
      const gap = firstUnknownIn(c, lo, hi);
      if (gap !== undefined) return err(unknownYear(c, gap));
      const count = (c.workPrefix[hi - c.first + 1] ?? 0) - (c.workPrefix[lo - c.first + 1] ?? 0);
      // Never -0: callers compare with Object.is and serialise to JSON.
      return ok(x.value <= y.value || count === 0 ? count : -count);
    },
    nonWorkingDaysBetween(a, b) {
      const x = toDay(a);
      if (x.isErr()) return err(x.error);
      const y = toDay(b);
      if (y.isErr()) return err(y.error);
      const gap = firstUnknownIn(c, x.value, y.value);
      if (gap !== undefined) return err(unknownYear(c, gap));
      return ok(nonWorkingIn(c, x.value, y.value));
    },
    periodEnd(date, spec) {
      return toDay(date).andThen((n) => periodEndOf(c, n, dateOf(c, n), spec));
    },
    explainPeriod(date, spec) {
      return toDay(date).andThen((n) => explain(c, n, dateOf(c, n), spec));
    },
  } satisfies WorkCalendar);
}

const builtinCache = new Map<SwapPolicy, WorkCalendar>();

/**
 * 中国工作日历 — the PRC work calendar from the built-in State Council notices
 * (2019–2026, late December 2018 included), plus any notice years in `options.years`.
 * With the built-in data alone it never fails (the data is validated when generated); with
 * `options.years` it throws the coded `CALENDAR_DATA_INVALID` error on contradictory data —
 * {@link createWorkCalendar} returns the same as a `Result`.
 *
 * @example
 * ```ts
 * chinaCalendar().isWorkingDay("2026-10-08"); // ok(true)
 * ```
 */
export function chinaCalendar(options: ChinaCalendarOptions = {}): WorkCalendar {
  const policy = options.policy ?? "official";
  if (options.years !== undefined) {
    // A bureau's own notice data is configuration read at start-up: refuse to start on
    // contradictory data rather than compute deadlines from it.
    const loaded = createWorkCalendar({ years: options.years, policy });
    if (loaded.isErr()) throw loaded.error;
    return loaded.value;
  }
  const hit = builtinCache.get(policy);
  if (hit !== undefined) return hit;
  const compiled = compileCalendar(builtinYears(), policy);
  // Generated data that fails its own checks is a build defect, not a domain failure.
  if (compiled.isErr()) throw compiled.error;
  const cal = calendarOf(compiled.value);
  builtinCache.set(policy, cal);
  return cal;
}

/**
 * 加载工作日历 — a work calendar from the built-in notices plus (or instead of) notice
 * years a bureau supplies, e.g. next year's notice as soon as it is published. The years
 * are parsed with {@link NoticeYearsSchema} and checked: a date that is both a day off
 * and a working day, a date outside December of the previous year to December of the
 * notice year, or a listed working day that is not a weekend day → `CALENDAR_DATA_INVALID`.
 * A supplied year replaces the built-in one of the same year.
 */
export function createWorkCalendar(options: CreateWorkCalendarOptions = {}): Result<WorkCalendar, SanxiangError> {
  const parsed = NoticeYearsSchema.safeParse(options.years ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? "" : issue.path.join(".");
    return err(
      sanxiangError("CALENDAR_DATA_INVALID", `节假日数据格式错误（${where}）：${issue?.message ?? "无法解析"}`, {
        details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
        cause: parsed.error,
      }),
    );
  }
  const years = options.builtin === false ? new Map<number, NoticeYear>() : builtinYears();
  for (const [y, data] of Object.entries(parsed.data)) years.set(Number(y), data);
  return compileCalendar(years, options.policy ?? "official").map(calendarOf);
}
