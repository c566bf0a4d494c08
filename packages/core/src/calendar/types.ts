import type { SanxiangError } from "../kernel/errors.js";
import type { Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/rule-source.js";
import type { CivilDate } from "../kernel/time-types.js";
import type { ProvisionalBound } from "./provisional.js";

// The calendar's data types (notices, regional layers) are plain TypeScript, so importing
// `@sanxiang/core/calendar` loads nothing of zod's declarations; their schemas are in
// schema.ts (`@sanxiang/core/calendar/schema`) and schema.test-d.ts checks each type equals
// its schema's `z.infer`.

/**
 * 放假通知 — the State Council General Office notice (国务院办公厅关于YYYY年部分节假日安排的通知)
 * that fixes one year's holiday breaks and make-up working days. Kept so that a deadline
 * can cite the notice it was computed from.
 */
export interface HolidayNotice {
  /** Title of the notice, e.g. `国务院办公厅关于2026年部分节假日安排的通知`. */
  title: string;
  /** Document number (文号), e.g. `国办发明电〔2024〕12号`, when known. */
  doc?: string | undefined;
  /** Date the notice was issued. */
  dated?: CivilDate | undefined;
  /** Where the text can be read. */
  sourceUrls?: string[] | undefined;
}

/**
 * 修改通知 — a later notice that amended a break (e.g. 国办发明电〔2020〕1号 extended the
 * 2020 Spring Festival break).
 */
export interface HolidayAmendment {
  /** Document number and title of the amending notice. */
  doc: string;
  /** Date it was issued. */
  dated?: CivilDate | undefined;
  /** Where the text can be read. */
  urls?: string[] | undefined;
}

/**
 * 假期 — one holiday break of a notice, e.g. 国庆节 `2026-10-01`..`2026-10-07` with the make-up
 * working days 2026-09-20 and 2026-10-10.
 */
export interface HolidayBreak {
  /** Name of the festival, e.g. `春节`, `国庆节`, or `国庆节、中秋节` for a joint break. */
  name: string;
  /** First day off. */
  from: CivilDate;
  /** Last day off. */
  to: CivilDate;
  /** 调休上班 — weekend days worked to make up for this break. */
  adjustedWorkdays?: CivilDate[] | undefined;
  /** The notice's own sentence for this break. */
  noticeText?: string | undefined;
  /** A later notice that amended the break, whose values these are. */
  amendedBy?: HolidayAmendment | undefined;
}

/**
 * 年度节假日安排 — one notice year of holiday data, in the shape of the reference file
 * `holidays-cn.json`: every day off (`holidays`, weekend days inside a break included), every
 * weekend day that is worked (`workdays`), the notice and its breaks.
 */
export interface NoticeYear {
  /** 放假日 — every day off in the year's breaks. */
  holidays: CivilDate[];
  /** 调休上班日 — weekend days that are working days. */
  workdays: CivilDate[];
  /** The notice these dates come from. */
  notice: HolidayNotice;
  /** The breaks, for holiday names in explanations. */
  breaks?: HolidayBreak[] | undefined;
}

/**
 * Notice years keyed by the notice's year (`"2027"`), as a bureau supplies them to
 * `createWorkCalendar` when next year's notice is out before the SDK is upgraded.
 */
export type NoticeYears = Record<string, NoticeYear>;

/**
 * 调休口径 — how swapped days (调休) count in working-day periods (the
 * statutes, e.g. 行政处罚法 Art. 85, say "工作日，不含法定节假日" and are silent on 调休).
 *
 * - `official` (default, the prevailing practice): the notice's days off are non-working
 *   and its make-up Saturdays and Sundays are working days.
 * - `makeUpWeekendsOff`: the notice's days off are still non-working, but make-up weekend
 *   days are treated as rest days too (a reading that never shortens a period).
 */
export type SwapPolicy = "official" | "makeUpWeekendsOff";

/** 地方放假日 — one day a regional notice adds (a day off, or a make-up working day), with its festival. */
export interface RegionalDay {
  /** The date. */
  date: CivilDate;
  /** The festival, e.g. `开斋节`, `古尔邦节`. */
  name: string;
}

/**
 * 地方年度节假日安排 — what one year's regional notice (e.g. 宁夏回族自治区人民政府办公厅关于
 * YYYY年部分节假日安排的通知, under 全国年节及纪念日放假办法 Art. 4) adds to the State
 * Council's arrangement: days off (`daysOff`) and make-up working days (`workdays`), each
 * with its festival, and the notice they come from. A year with no additional day still has
 * an entry (its notice confirms the national arrangement).
 */
export interface RegionalNoticeYear {
  /** The regional notice. */
  notice: HolidayNotice;
  /** 增加的放假日 — days off the region adds to the national arrangement. */
  daysOff: RegionalDay[];
  /** 调休上班日 — weekend days the region makes working days. */
  workdays: RegionalDay[];
  /** The notice's own sentences for these days. */
  noticeText?: string[] | undefined;
}

/**
 * 地方节假日层 — a region's own holidays (少数民族习惯的节日, 全国年节及纪念日放假办法 Art. 4):
 * the region's 行政区划代码 (a province such as `640000`, or a prefecture), its name and
 * issuer, and its notice years. A bureau's calendar is the national calendar plus the
 * layer of its region; a year the layer lacks is unknown for that region, never national.
 */
export interface RegionalHolidays {
  /** 行政区划代码 of the region the layer covers (every code under it inherits it). */
  region: string;
  /** Name of the region, e.g. `宁夏回族自治区`. */
  name: string;
  /** Who issues the yearly notice, e.g. `宁夏回族自治区人民政府办公厅`. */
  issuer: string;
  /** Notice years keyed by year. */
  years: Record<string, RegionalNoticeYear>;
  /** Years deliberately not loaded, with why (e.g. no text of the notice could be checked). */
  notLoaded?: Record<string, string> | undefined;
}

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
