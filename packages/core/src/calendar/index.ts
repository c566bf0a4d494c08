/**
 * 工作日历与法定期限 — the PRC work calendar (State Council holiday notices, 调休) and
 * statutory period computation (期间计算), with the table of statutory periods. The zod
 * schemas of its data are in `@sanxiang/core/calendar/schema` (and the root entry), so the
 * declarations of this entry reach nothing of zod's.
 *
 * @module
 */
export { COUNTING_RULES } from "./counting-rules.js";
export { BUILTIN_REGIONAL_HOLIDAYS } from "./data/regional.js";
export * from "./deadline.js";
export * from "./periods.js";
export {
  FESTIVAL_WINDOWS,
  type FestivalWindow,
  ISLAMIC_WINDOWS,
  islamicToDay,
  PROVISIONAL_YEARS,
  type ProvisionalBound,
  provisionalNoticeYear,
  provisionalRegionalYear,
  STATUTORY_DAYS_OFF,
  statutoryDaysOff,
} from "./provisional.js";
export type * from "./types.js";
export {
  type ChinaCalendarOptions,
  type CreateWorkCalendarOptions,
  chinaCalendar,
  createWorkCalendar,
  regionalLayerFor,
} from "./work-calendar.js";
