import { parseDay } from "../kernel/day-number.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import {
  type CompiledCalendar,
  type CompileOptions,
  compileCalendar,
  HOLIDAY,
  MAKEUP_WORKDAY,
  UNKNOWN,
  WEEKEND,
} from "./build.js";
import { BUILTIN_NOTICE_YEARS } from "./data/holidays.js";
import { BUILTIN_REGIONAL_HOLIDAYS } from "./data/regional.js";
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
import {
  PROVISIONAL_YEARS,
  type ProvisionalBound,
  provisionalNoticeYear,
  provisionalRegionalYear,
} from "./provisional.js";
import { NoticeYearsSchema, RegionalHolidaysSchema } from "./schema.js";
import type {
  CalendarRegion,
  CitedNotice,
  DayInfo,
  DayKind,
  NoticeYear,
  NoticeYears,
  RegionalHolidays,
  RegionalNoticeYear,
  SwapPolicy,
  WorkCalendar,
} from "./types.js";

/** Options of {@link chinaCalendar}. */
export interface ChinaCalendarOptions {
  /** 调休口径 — how swapped days count; default `official` (see {@link SwapPolicy}). */
  readonly policy?: SwapPolicy;
  /**
   * Notice years to add to or replace in the built-in data, keyed by notice year, in the
   * shape of `holidays-cn.json` — e.g. next year's notice, loaded before the SDK ships it.
   * Invalid data throws the `CALENDAR_DATA_INVALID` error at start-up; to get it as a
   * `Result` instead, use {@link createWorkCalendar}.
   */
  readonly years?: NoticeYears;
  /**
   * 行政区划代码 of the bureau's region (e.g. `640502` 沙坡头区): the calendar is the national
   * one plus the regional layer covering that code (its own, its prefecture's or its
   * province's), and a year whose regional notice is not loaded is unknown. A code no
   * layer covers gets the national calendar. Absent: the national calendar.
   */
  readonly region?: string;
  /** Regional layers to use instead of (or beside) the built-in ones, e.g. a newer Ningxia notice year. */
  readonly regional?: readonly RegionalHolidays[];
}

/** Options of {@link createWorkCalendar}. */
export interface CreateWorkCalendarOptions {
  /**
   * Notice years to add or replace, keyed by notice year, in the shape of the reference
   * file `holidays-cn.json` — e.g. next year's notice, loaded as data before the SDK ships it.
   */
  readonly years?: NoticeYears;
  /** Start from the built-in notices (2019–2026) and regional layers; default `true`. */
  readonly builtin?: boolean;
  /** 调休口径 — how swapped days count; default `official` (see {@link SwapPolicy}). */
  readonly policy?: SwapPolicy;
  /** 行政区划代码 of the bureau's region (see {@link ChinaCalendarOptions.region}). */
  readonly region?: string;
  /**
   * Regional layers beside the built-in ones; a layer for the same region code replaces
   * the built-in layer's years it names and keeps the others.
   */
  readonly regional?: readonly RegionalHolidays[];
}

const KIND_NAMES: Record<number, DayKind> = {
  [HOLIDAY]: "holiday",
  [MAKEUP_WORKDAY]: "makeUpWorkday",
  [WEEKEND]: "weekend",
};

function builtinYears(): Map<number, NoticeYear> {
  return new Map(Object.entries(BUILTIN_NOTICE_YEARS).map(([y, v]) => [Number(y), v]));
}

/** What a calendar was compiled from, so that its provisional bounds can be compiled on demand. */
interface CalendarInput {
  readonly years: ReadonlyMap<number, NoticeYear>;
  readonly policy: SwapPolicy;
  readonly regional?: RegionalHolidays;
  readonly regionCode?: string;
  readonly bound?: ProvisionalBound;
  /** For a bounded calendar: the exact calendar it bounds. */
  readonly exact?: WorkCalendar;
}

/**
 * The input of a bounded calendar: every year from the first loaded one to the end of the
 * festival table that no notice covers is filled for `bound`, and so is every regional
 * year the layer lacks.
 */
/** Years past the last loaded notice that a bound fills. */
const PROVISIONAL_HORIZON = 10;

function boundedInput(
  input: CalendarInput,
  bound: ProvisionalBound,
): { years: Map<number, NoticeYear>; options: CompileOptions } {
  const years = new Map(input.years);
  const provisionalYears = new Set<number>();
  const loaded = [...input.years.keys()];
  const from = Math.min(...loaded, PROVISIONAL_YEARS.from);
  // Ten years past the last notice covers every period of the table (the longest, 5 years)
  // and keeps the compile small; later years stay unknown.
  const to = Math.min(Math.max(...loaded) + PROVISIONAL_HORIZON, PROVISIONAL_YEARS.to);
  for (let y = from; y <= to; y++) {
    if (years.has(y)) continue;
    const fill = provisionalNoticeYear(y, bound);
    if (fill === undefined) continue;
    years.set(y, fill);
    provisionalYears.add(y);
  }
  const layer = input.regional;
  const regionalProvisional = new Map<number, RegionalNoticeYear>();
  if (layer !== undefined) {
    for (const y of years.keys()) {
      if (layer.years[String(y)] === undefined) regionalProvisional.set(y, provisionalRegionalYear(y, bound, layer));
    }
  }
  return {
    years,
    options: {
      provisionalYears,
      ...(layer === undefined ? {} : { regional: layer, regionalProvisional }),
    },
  };
}

function regionOf(c: CompiledCalendar, code: string | undefined): CalendarRegion | undefined {
  if (code === undefined) return undefined;
  const region = c.regional;
  if (region === undefined) return { code };
  const years = [...region.years.keys()].filter((y) => !region.provisionalYears.has(y)).sort((a, b) => a - b);
  const { layer } = region;
  return { code, layer: { region: layer.region, name: layer.name, issuer: layer.issuer, years } };
}

function lastKnown(c: CompiledCalendar): number {
  let n = c.last;
  while (n > c.first && c.kind[n - c.first] === UNKNOWN) n--;
  return n;
}

function calendarOf(c: CompiledCalendar, input: CalendarInput): WorkCalendar {
  const bounds = new Map<ProvisionalBound, WorkCalendar>();
  const region = regionOf(c, input.regionCode);
  const notice = (year: number): CitedNotice | undefined => {
    const data = c.notices.get(year);
    return data === undefined || c.provisionalYears.has(year) ? undefined : { ...data.notice, year };
  };
  const known = (date: string): Result<number, SanxiangError> =>
    toDay(date).andThen((n) => (isKnown(c, n) ? ok(n) : err(unknownYear(c, n))));
  // Frozen: chinaCalendar() hands the same instance to every caller.
  const knownYears = c.years.filter((y) => !c.provisionalYears.has(y) && c.regional?.missing.has(y) !== true);
  const self: WorkCalendar = Object.freeze({
    policy: c.policy,
    coverage: { from: dateOf(c, c.first), to: dateOf(c, lastKnown(c)), years: knownYears },
    ...(region === undefined ? {} : { region }),
    ...(input.bound === undefined ? {} : { bound: input.bound }),
    notice,
    bounded(bound: ProvisionalBound): WorkCalendar {
      if (input.bound !== undefined) {
        return input.bound === bound ? self : (input.exact?.bounded(bound) ?? self);
      }
      const hit = bounds.get(bound);
      if (hit !== undefined) return hit;
      const b = boundedInput(input, bound);
      const compiled = compileCalendar(b.years, c.policy, b.options);
      // The fill-ins are generated from checked tables: a failure is a defect of the SDK.
      if (compiled.isErr()) throw compiled.error;
      const cal = calendarOf(compiled.value, { ...input, bound, exact: self });
      bounds.set(bound, cal);
      return cal;
    },
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
  return self;
}

const builtinCache = new Map<string, WorkCalendar>();

function builtinLayers(): Map<string, RegionalHolidays> {
  return new Map(Object.entries(BUILTIN_REGIONAL_HOLIDAYS));
}

/**
 * 地方节假日层 — the layer covering region code `code`: its own, else its prefecture's
 * (`xxxx00`), else its province's (`xx0000`). Undefined when no layer covers it.
 */
export function regionalLayerFor(
  code: string,
  layers: ReadonlyMap<string, RegionalHolidays> = builtinLayers(),
): RegionalHolidays | undefined {
  return layers.get(code) ?? layers.get(`${code.slice(0, 4)}00`) ?? layers.get(`${code.slice(0, 2)}0000`);
}

function badRegion(code: unknown): SanxiangError {
  return sanxiangError("INVALID_INPUT", `行政区划代码应为六位数字：${String(code)}`, { details: { region: code } });
}

/** Merges supplied layers into the built-in ones (a supplied year replaces the built-in year). */
function layersWith(
  extra: readonly RegionalHolidays[] | undefined,
  builtin: boolean,
): Result<Map<string, RegionalHolidays>, SanxiangError> {
  const layers = builtin ? builtinLayers() : new Map<string, RegionalHolidays>();
  for (const raw of extra ?? []) {
    const parsed = RegionalHolidaysSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return err(
        sanxiangError(
          "CALENDAR_DATA_INVALID",
          `地方节假日数据格式错误（${issue?.path.join(".") ?? ""}）：${issue?.message ?? "无法解析"}`,
          { details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) } },
        ),
      );
    }
    const layer = parsed.data;
    const base = layers.get(layer.region);
    layers.set(layer.region, base === undefined ? layer : { ...layer, years: { ...base.years, ...layer.years } });
  }
  return ok(layers);
}

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
  if (options.years !== undefined || options.regional !== undefined) {
    // A bureau's own notice data is configuration read at start-up: refuse to start on
    // contradictory data rather than compute deadlines from it.
    const loaded = createWorkCalendar({
      ...(options.years === undefined ? {} : { years: options.years }),
      ...(options.regional === undefined ? {} : { regional: options.regional }),
      ...(options.region === undefined ? {} : { region: options.region }),
      policy,
    });
    if (loaded.isErr()) throw loaded.error;
    return loaded.value;
  }
  const key = `${policy}:${options.region ?? ""}`;
  const hit = builtinCache.get(key);
  if (hit !== undefined) return hit;
  const made = createWorkCalendar({ policy, ...(options.region === undefined ? {} : { region: options.region }) });
  // Generated data that fails its own checks is a build defect; a malformed region code is
  // configuration read at start-up: both refuse to start.
  if (made.isErr()) throw made.error;
  builtinCache.set(key, made.value);
  return made.value;
}

/**
 * 加载工作日历 — a work calendar from the built-in notices plus (or instead of) notice
 * years a bureau supplies, e.g. next year's notice as soon as it is published. The years
 * are parsed with `NoticeYearsSchema` (`@sanxiang/core/calendar/schema`) and checked: a date
 * that is both a day off and a working day, a date outside December of the previous year to December of the
 * notice year, or a listed working day that is not a weekend day → `CALENDAR_DATA_INVALID`.
 * A supplied year replaces the built-in one of the same year. With `region`, the regional
 * layer covering the code is applied (see {@link ChinaCalendarOptions.region}); a code that
 * is not six digits → `INVALID_INPUT`.
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
  const code = options.region;
  if (code !== undefined && (typeof code !== "string" || !/^\d{6}$/.test(code))) return err(badRegion(code));
  const layers = layersWith(options.regional, options.builtin !== false);
  if (layers.isErr()) return err(layers.error);
  const regional = code === undefined ? undefined : regionalLayerFor(code, layers.value);
  const years = options.builtin === false ? new Map<number, NoticeYear>() : builtinYears();
  for (const [y, data] of Object.entries(parsed.data)) years.set(Number(y), data);
  const policy = options.policy ?? "official";
  const input: CalendarInput = {
    years,
    policy,
    ...(regional === undefined ? {} : { regional }),
    ...(code === undefined ? {} : { regionCode: code }),
  };
  return compileCalendar(years, policy, regional === undefined ? {} : { regional }).map((c) => calendarOf(c, input));
}
