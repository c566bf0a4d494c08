/**
 * 日历数据的校验 — the zod schemas of the work calendar's data: holiday notices (放假通知), a
 * region's holiday layer (地方节假日层) and a bureau's period overrides (地方期限配置). They
 * parse what a bureau supplies; `createWorkCalendar` and `resolvePeriods` in
 * `@sanxiang/core/calendar` already run them on their input. The types they parse to are
 * plain TypeScript in `@sanxiang/core/calendar` (`NoticeYear`, `RegionalHolidays`,
 * `PeriodOverrides`, …), so importing the calendar costs a type-checker nothing of zod's;
 * schema.test-d.ts checks each type equals its schema's `z.infer`. Also exported from
 * `@sanxiang/core`.
 *
 * @module
 */
import { z } from "zod";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema } from "../kernel/time.js";

// The types the schemas parse to, for an importer of this entry (declared in types.ts and
// deadline.ts, where `@sanxiang/core/calendar` takes them from).
export type { PeriodOverride, PeriodOverrides } from "./deadline.js";
export type {
  HolidayAmendment,
  HolidayBreak,
  HolidayNotice,
  NoticeYear,
  NoticeYears,
  PeriodUnit,
  RegionalDay,
  RegionalHolidays,
  RegionalNoticeYear,
  SwapPolicy,
} from "./types.js";

/**
 * 放假通知 — the State Council General Office notice (国务院办公厅关于YYYY年部分节假日安排的通知)
 * that fixes one year's holiday breaks and make-up working days. Kept so that a deadline
 * can cite the notice it was computed from.
 */
export const HolidayNoticeSchema = z.object({
  /** Title of the notice, e.g. `国务院办公厅关于2026年部分节假日安排的通知`. */
  title: z.string().min(1),
  /** Document number (文号), e.g. `国办发明电〔2024〕12号`, when known. */
  doc: z.string().min(1).optional(),
  /** Date the notice was issued. */
  dated: CivilDateSchema.optional(),
  /** Where the text can be read. */
  sourceUrls: z.array(z.string().min(1)).optional(),
});

/**
 * 修改通知 — a later notice that amended a break (e.g. 国办发明电〔2020〕1号 extended the
 * 2020 Spring Festival break).
 */
export const HolidayAmendmentSchema = z.object({
  /** Document number and title of the amending notice. */
  doc: z.string().min(1),
  /** Date it was issued. */
  dated: CivilDateSchema.optional(),
  /** Where the text can be read. */
  urls: z.array(z.string().min(1)).optional(),
});

/**
 * 假期 — one holiday break of a notice, e.g. 国庆节 `2026-10-01`..`2026-10-07` with the make-up
 * working days 2026-09-20 and 2026-10-10.
 */
export const HolidayBreakSchema = z.object({
  /** Name of the festival, e.g. `春节`, `国庆节`, or `国庆节、中秋节` for a joint break. */
  name: z.string().min(1),
  /** First day off. */
  from: CivilDateSchema,
  /** Last day off. */
  to: CivilDateSchema,
  /** 调休上班 — weekend days worked to make up for this break. */
  adjustedWorkdays: z.array(CivilDateSchema).optional(),
  /** The notice's own sentence for this break. */
  noticeText: z.string().optional(),
  /** A later notice that amended the break, whose values these are. */
  amendedBy: HolidayAmendmentSchema.optional(),
});

/**
 * 年度节假日安排 — one notice year of holiday data, in the shape of the reference file
 * `holidays-cn.json`: every day off (`holidays`, weekend days inside a break included), every
 * weekend day that is worked (`workdays`), the notice and its breaks. Extra keys of the
 * reference file (`holidaysAsStatedInNotice`, …) are accepted and ignored.
 */
export const NoticeYearSchema = z.object({
  /** 放假日 — every day off in the year's breaks. */
  holidays: z.array(CivilDateSchema),
  /** 调休上班日 — weekend days that are working days. */
  workdays: z.array(CivilDateSchema),
  /** The notice these dates come from. */
  notice: HolidayNoticeSchema,
  /** The breaks, for holiday names in explanations. */
  breaks: z.array(HolidayBreakSchema).optional(),
});

/**
 * Notice years keyed by the notice's year (`"2027"`), as a bureau supplies them to
 * `createWorkCalendar` when next year's notice is out before the SDK is upgraded.
 */
export const NoticeYearsSchema = z.record(z.string().regex(/^\d{4}$/, "年份应为四位数字"), NoticeYearSchema);

/** 地方放假日 — one day a regional notice adds (a day off, or a make-up working day), with its festival. */
export const RegionalDaySchema = z.object({
  /** The date. */
  date: CivilDateSchema,
  /** The festival, e.g. `开斋节`, `古尔邦节`. */
  name: z.string().min(1),
});

/**
 * 地方年度节假日安排 — what one year's regional notice (e.g. 宁夏回族自治区人民政府办公厅关于
 * YYYY年部分节假日安排的通知, under 全国年节及纪念日放假办法 Art. 4) adds to the State
 * Council's arrangement: days off (`daysOff`) and make-up working days (`workdays`), each
 * with its festival, and the notice they come from. A year with no additional day still has
 * an entry (its notice confirms the national arrangement).
 */
export const RegionalNoticeYearSchema = z.object({
  /** The regional notice. */
  notice: HolidayNoticeSchema,
  /** 增加的放假日 — days off the region adds to the national arrangement. */
  daysOff: z.array(RegionalDaySchema),
  /** 调休上班日 — weekend days the region makes working days. */
  workdays: z.array(RegionalDaySchema),
  /** The notice's own sentences for these days. */
  noticeText: z.array(z.string()).optional(),
});

/**
 * 地方节假日层 — a region's own holidays (少数民族习惯的节日, 全国年节及纪念日放假办法 Art. 4):
 * the region's 行政区划代码 (a province such as `640000`, or a prefecture), its name and
 * issuer, and its notice years. A bureau's calendar is the national calendar plus the
 * layer of its region; a year the layer lacks is unknown for that region, never national.
 */
export const RegionalHolidaysSchema = z.object({
  /** 行政区划代码 of the region the layer covers (every code under it inherits it). */
  region: z.string().regex(/^\d{6}$/, "行政区划代码应为六位数字"),
  /** Name of the region, e.g. `宁夏回族自治区`. */
  name: z.string().min(1),
  /** Who issues the yearly notice, e.g. `宁夏回族自治区人民政府办公厅`. */
  issuer: z.string().min(1),
  /** Notice years keyed by year. */
  years: z.record(z.string().regex(/^\d{4}$/, "年份应为四位数字"), RegionalNoticeYearSchema),
  /** Years deliberately not loaded, with why (e.g. no text of the notice could be checked). */
  notLoaded: z.record(z.string().regex(/^\d{4}$/, "年份应为四位数字"), z.string()).optional(),
});

/** zod schema of a `PeriodUnit` (期间单位): `day`, `workday`, `month` or `year`. */
export const PeriodUnitSchema = z.enum(["day", "workday", "month", "year"]);

/**
 * 地方期限配置 — a bureau's change to one configurable row, with the local rule that makes
 * it (required: a deadline must always be able to cite its basis). Parses to a `PeriodOverride`.
 */
export const PeriodOverrideSchema = z.object({
  /** New length. */
  amount: z.number().int().nonnegative().optional(),
  /** New unit. */
  unit: PeriodUnitSchema.optional(),
  /** New roll-over behaviour. */
  rollOver: z.boolean().optional(),
  /** New extension length (0 removes it). */
  extensionAmount: z.number().int().nonnegative().optional(),
  /** The local rule that sets the value, e.g. a provincial regulation's article. */
  source: RuleSourceSchema,
  /** Why, in Chinese. */
  note: z.string().optional(),
});

/** Overrides keyed by period id (see {@link PeriodOverrideSchema}); parses to `PeriodOverrides`. */
export const PeriodOverridesSchema = z.record(z.string(), PeriodOverrideSchema);
