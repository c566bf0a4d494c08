import { z } from "zod";
import { CivilDateSchema } from "../kernel/time.js";

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
/** 放假通知 — the notice behind one year's data (see {@link HolidayNoticeSchema}). */
export type HolidayNotice = z.infer<typeof HolidayNoticeSchema>;

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
/** 修改通知 — an amendment of a break (see {@link HolidayAmendmentSchema}). */
export type HolidayAmendment = z.infer<typeof HolidayAmendmentSchema>;

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
/** 假期 — one holiday break (see {@link HolidayBreakSchema}). */
export type HolidayBreak = z.infer<typeof HolidayBreakSchema>;

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
/** 年度节假日安排 — one notice year (see {@link NoticeYearSchema}). */
export type NoticeYear = z.infer<typeof NoticeYearSchema>;

/**
 * Notice years keyed by the notice's year (`"2027"`), as a bureau supplies them to
 * {@link createWorkCalendar} when next year's notice is out before the SDK is upgraded.
 */
export const NoticeYearsSchema = z.record(z.string().regex(/^\d{4}$/, "年份应为四位数字"), NoticeYearSchema);
/** Notice years keyed by year (see {@link NoticeYearsSchema}). */
export type NoticeYears = z.infer<typeof NoticeYearsSchema>;

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
export const RegionalDaySchema = z.object({
  /** The date. */
  date: CivilDateSchema,
  /** The festival, e.g. `开斋节`, `古尔邦节`. */
  name: z.string().min(1),
});
/** 地方放假日 (see {@link RegionalDaySchema}). */
export type RegionalDay = z.infer<typeof RegionalDaySchema>;

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
/** 地方年度节假日安排 (see {@link RegionalNoticeYearSchema}). */
export type RegionalNoticeYear = z.infer<typeof RegionalNoticeYearSchema>;

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
/** 地方节假日层 (see {@link RegionalHolidaysSchema}). */
export type RegionalHolidays = z.infer<typeof RegionalHolidaysSchema>;
