import type { SanxiangError } from "../kernel/errors.js";
import type { Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import type { CivilDate } from "../kernel/time.js";
import type { ProvisionalBound } from "./provisional.js";
import type { HolidayNotice, SwapPolicy } from "./schema.js";

/**
 * 期间单位 — the unit a statutory period counts in: `day` (日, calendar days), `workday`
 * (工作日, working days), `month` (月) or `year` (年).
 */
export type PeriodUnit = "day" | "workday" | "month" | "year";

/** 期间 — a period to compute: an amount of units, counted from a start date. */
export interface PeriodSpec {
  /** How many units (a non-negative integer). */
  readonly amount: number;
  /** What is counted. */
  readonly unit: PeriodUnit;
  /**
   * 顺延 — when the last day of a `day`/`month`/`year` period is not a working day, move the
   * end to the next working day (民法典 Art. 203, 民事诉讼法 Art. 85). Default `true`;
   * `false` for periods restricting personal liberty (公安机关办理行政案件程序规定 Art. 35).
   * Ignored for `workday` periods, whose last day is always a working day.
   */
  readonly rollOver?: boolean;
}

/**
 * 日类型 — what kind of day a date is: `workday` (工作日), `makeUpWorkday` (调休上班日, a
 * worked Saturday or Sunday), `weekend` (周末) or `holiday` (节假日, a day off of a break).
 */
export type DayKind = "workday" | "makeUpWorkday" | "weekend" | "holiday";

/** 日信息 — one date as the work calendar sees it. */
export interface DayInfo {
  /** The date. */
  readonly date: CivilDate;
  /** Whether it is a working day (工作日). */
  readonly working: boolean;
  /** What kind of day it is. */
  readonly kind: DayKind;
  /** Name of the holiday break, e.g. `国庆节`, for days off of a break. */
  readonly holiday?: string;
  /** Year of the State Council notice that decided the day. */
  readonly noticeYear: number;
}

/**
 * 跳过的非工作日 — a non-working day a period skipped: `weekend` (周末) or `holiday`
 * (节假日, with the break's name when known).
 */
export interface SkippedDay {
  /** The date. */
  readonly date: CivilDate;
  /** Why it did not count. */
  readonly reason: "weekend" | "holiday";
  /** Name of the holiday break, e.g. `国庆节`. */
  readonly holiday?: string;
}

/** A notice that decided a day of a computation, with its year, for citation. */
export interface CitedNotice extends HolidayNotice {
  /** The notice year. */
  readonly year: number;
  /** 行政区划代码 of the region, for a regional notice (absent for the State Council's). */
  readonly region?: string;
}

/** 期间计算说明 — a period end with everything needed to explain it to an officer. */
export interface PeriodExplanation {
  /** The start date (not counted). */
  readonly start: CivilDate;
  /** The period that was computed. */
  readonly spec: Required<PeriodSpec>;
  /** 期间届满日 — the last day of the period (it ends at 24:00 of this day). */
  readonly end: CivilDate;
  /** For calendar periods that rolled over: the nominal last day before moving. */
  readonly rolledOverFrom?: CivilDate;
  /**
   * Non-working days that did not count: for `workday` periods those inside the period,
   * for rolled-over calendar periods those from the nominal last day to the end.
   */
  readonly skipped: readonly SkippedDay[];
  /** The counting rules applied (start day excluded, month end, roll-over, working days). */
  readonly sources: readonly RuleSource[];
  /** The State Council notices whose data decided a day of the computation. */
  readonly notices: readonly CitedNotice[];
  /**
   * 暂定 — true when a counted day falls in the last week of a year whose following
   * year's notice is not loaded: that notice may still turn late-December days into days
   * off or make-up working days (as the 2019, 2023 and 2024 notices did).
   */
  readonly provisional: boolean;
}

/** The years a calendar knows. */
export interface CalendarCoverage {
  /** First date with known working status. */
  readonly from: CivilDate;
  /** Last date with known working status. */
  readonly to: CivilDate;
  /** The notice years loaded, ascending. */
  readonly years: readonly number[];
}

/** 日历地区 — the region a calendar was built for, and the regional layer applied. */
export interface CalendarRegion {
  /** The 行政区划代码 asked for (e.g. `640502`). */
  readonly code: string;
  /** The layer covering it, absent when no regional layer covers the code (national calendar). */
  readonly layer?: {
    /** The layer's own code (e.g. `640000`). */
    readonly region: string;
    /** Name of the region. */
    readonly name: string;
    /** Who issues the yearly notice. */
    readonly issuer: string;
    /** The regional notice years loaded (other years are unknown for the region). */
    readonly years: readonly number[];
  };
}

/**
 * 工作日历 — the PRC work calendar: weekends, the State Council's yearly holiday breaks and
 * make-up working days, and statutory period arithmetic on top of them. Every method
 * returns `CALENDAR_YEAR_UNKNOWN` rather than guessing for a date whose year's notice is
 * not loaded.
 */
export interface WorkCalendar {
  /** The 调休 policy in force (see {@link SwapPolicy}). */
  readonly policy: SwapPolicy;
  /** The dates and notice years this calendar knows. */
  readonly coverage: CalendarCoverage;
  /** The region (and its regional layer) when the calendar is a region's; absent for the national one. */
  readonly region?: CalendarRegion;
  /** For a calendar returned by {@link WorkCalendar.bounded}: which bound it is. */
  readonly bound?: ProvisionalBound;
  /**
   * 暂定边界日历 — this calendar with every year whose notice (national, or the region's) is
   * not loaded filled for `bound` (up to ten years past the last loaded notice, and not
   * beyond 2100, the end of the festival table): `latest` makes every plausible day off a
   * day off and no weekend a working day, so any period counted on it ends no earlier than
   * it will once the notice is out; `earliest` keeps only the statutory days off
   * (全国年节及纪念日放假办法 Art. 2) and works every weekend a notice could make a 调休上班日,
   * so any period ends no later. Explanations from it are flagged `provisional` when a filled
   * day counted. Loaded years are unchanged.
   */
  bounded(bound: ProvisionalBound): WorkCalendar;
  /** The notice of a year, when loaded. */
  notice(year: number): CitedNotice | undefined;
  /** 是否工作日 — in the notice's workdays, or Monday–Friday and not a day off. */
  isWorkingDay(date: CivilDate): Result<boolean, SanxiangError>;
  /** 日信息 — the kind of day a date is, with the holiday name and the deciding notice. */
  dayInfo(date: CivilDate): Result<DayInfo, SanxiangError>;
  /**
   * The `n`-th working day after `date`; `date` itself never counts. `n = 0` returns `date`
   * unchanged (zero steps), so `add(d, a + b) = add(add(d, a), b)` holds for all a, b ≥ 0.
   * Negative or fractional `n` → `PERIOD_INVALID`.
   */
  addWorkingDays(date: CivilDate, n: number): Result<CivilDate, SanxiangError>;
  /**
   * Working days in the half-open interval (a, b]; negative (−count of (b, a]) when b < a,
   * so that `workingDaysBetween(d, addWorkingDays(d, n)) = n`.
   */
  workingDaysBetween(a: CivilDate, b: CivilDate): Result<number, SanxiangError>;
  /** The non-working days in (a, b], each with its reason (empty when b ≤ a). */
  nonWorkingDaysBetween(a: CivilDate, b: CivilDate): Result<readonly SkippedDay[], SanxiangError>;
  /** 期间届满日 — the last day of a statutory period started on `date` (see {@link PeriodSpec}). */
  periodEnd(date: CivilDate, spec: PeriodSpec): Result<CivilDate, SanxiangError>;
  /** {@link WorkCalendar.periodEnd} with the skipped days, roll-over, sources and notices. */
  explainPeriod(date: CivilDate, spec: PeriodSpec): Result<PeriodExplanation, SanxiangError>;
}
