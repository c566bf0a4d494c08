import { z } from "zod";
import {
  type ComputeDeadlineOptions,
  calendarBoundOf,
  computeDeadline,
  type Deadline,
  periodRule,
  type ResolvedPeriods,
} from "../calendar/deadline.js";
import type { WorkCalendar } from "../calendar/types.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type RuleSource, RuleSourceSchema } from "../kernel/source.js";
import { addDays, addMonths, type CivilDate, CivilDateSchema, compareCivilDates, daysBetween } from "../kernel/time.js";

/**
 * 不计入期间 — an interval a running statutory period does not count: suspension (中止),
 * hearing (听证), public notice (公告), testing, inspection, quarantine or appraisal (检测、
 * 检验、检疫、技术鉴定). `from` and `to` are both included; `source` is the rule that excludes it
 * (e.g. 行政强制法 Art. 25 para. 3 for testing during a seizure).
 */
export const ExcludedPeriodSchema = z
  .object({
    /** First excluded day (included). */
    from: CivilDateSchema,
    /** Last excluded day (included). */
    to: CivilDateSchema,
    /** Why, in Chinese, e.g. `技术鉴定`. */
    reason: z.string().trim().min(1),
    /** The rule that excludes the interval. */
    source: RuleSourceSchema,
  })
  .readonly()
  .refine((p) => compareCivilDates(p.from, p.to) <= 0, { message: "from must not be after to" });
/** 不计入期间 (see {@link ExcludedPeriodSchema}). */
export type ExcludedPeriod = z.infer<typeof ExcludedPeriodSchema>;

/** 合并后的不计入区间 — a merged interval with the periods it came from. */
export interface MergedExclusion {
  /** First day (included). */
  readonly from: CivilDate;
  /** Last day (included). */
  readonly to: CivilDate;
  /** The excluded periods merged into it. */
  readonly periods: readonly ExcludedPeriod[];
}

/**
 * 合并不计入区间 — sorts and merges overlapping or adjacent intervals (a day excluded for two
 * reasons is still one day).
 */
export function mergeExclusions(excluded: readonly ExcludedPeriod[]): readonly MergedExclusion[] {
  const sorted = [...excluded].sort((a, b) => compareCivilDates(a.from, b.from));
  const merged: { from: CivilDate; to: CivilDate; periods: ExcludedPeriod[] }[] = [];
  for (const p of sorted) {
    const last = merged[merged.length - 1];
    if (last !== undefined && daysBetween(last.to, p.from) <= 1) {
      if (compareCivilDates(p.to, last.to) > 0) last.to = p.to;
      last.periods.push(p);
    } else merged.push({ from: p.from, to: p.to, periods: [p] });
  }
  return merged;
}

/** 扣除不计入期间后的期限 — {@link deadlineWithExclusions}'s answer. */
export interface DeadlineWithExclusions {
  /** The deadline without exclusions (as {@link computeDeadline} gives it). */
  readonly base: Deadline;
  /** 届满日 after the excluded days were added back. */
  readonly due: CivilDate;
  /** Days not counted (calendar days for day/month/year periods, working days for workday periods). */
  readonly excludedDays: number;
  /** The merged intervals that fell inside the running period, clipped to it. */
  readonly applied: readonly MergedExclusion[];
  /** The period's sources followed by each applied exclusion's source. */
  readonly sources: readonly RuleSource[];
}

function invalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

function clip(m: MergedExclusion, start: CivilDate, end: CivilDate): MergedExclusion | undefined {
  const from = compareCivilDates(m.from, start) > 0 ? m.from : addDays(start, 1);
  const to = compareCivilDates(m.to, end) < 0 ? m.to : end;
  return compareCivilDates(from, to) <= 0 ? { ...m, from, to } : undefined;
}

/**
 * 扣除不计入期间计算期限 — the deadline of statutory period `ruleId` started on `start`, with
 * the excluded intervals subtracted: the end moves later by every excluded day that falls
 * inside the running period (start, end] — calendar days for day, month and year periods,
 * working days for workday periods — counted to a fixed point (moving the end may bring more
 * excluded days inside). Overlapping intervals are merged first; intervals before the start
 * or after the end change nothing. A rolling-over period rolls over from the moved end.
 *
 * When a year the computation reaches has no holiday notice loaded, the deadline is counted
 * on the calendar's provisional bound the row names (`provisionalDeadline`) and
 * `base.provisional` is true with `base.bound`.
 *
 * Errors: those of {@link computeDeadline} (`CALENDAR_YEAR_UNKNOWN` only beyond the years the
 * bound covers); `INVALID_INPUT` for a malformed interval or a period counted backwards
 * (`before` rows have no running period to pause).
 */
export function deadlineWithExclusions(
  start: CivilDate,
  ruleId: string,
  calendar: WorkCalendar,
  excluded: readonly ExcludedPeriod[],
  options: ComputeDeadlineOptions = {},
): Result<DeadlineWithExclusions, SanxiangError> {
  const parsed = z.array(ExcludedPeriodSchema).safeParse(excluded);
  if (!parsed.success) {
    return err(invalid(`不计入期间格式错误：${parsed.error.issues[0]?.message ?? ""}`, { excluded }));
  }
  const exact = onCalendar(start, ruleId, calendar, parsed.data, options);
  if (exact.isOk() && !exact.value.base.provisional) return exact;
  if (exact.isErr() && exact.error.code !== "CALENDAR_YEAR_UNKNOWN") return exact;
  // A year the period (or its excluded days) reaches has no notice: count on the row's
  // provisional bound (issue 14 §1: the party's periods never end before the latest
  // plausible end, the authority's duties are warned by the earliest).
  const periods = options.periods;
  const rule =
    periods instanceof Map
      ? (periods as ResolvedPeriods).get(ruleId)
      : periodRule(ruleId, periods as Parameters<typeof periodRule>[1]).unwrapOr(undefined);
  if (rule === undefined) return exact;
  const bounded = onCalendar(start, ruleId, calendar.bounded(calendarBoundOf(rule)), parsed.data, options);
  return bounded.map((r) => ({ ...r, base: { ...r.base, provisional: true, bound: rule.provisional.bound } }));
}

function onCalendar(
  start: CivilDate,
  ruleId: string,
  calendar: WorkCalendar,
  excludedPeriods: readonly ExcludedPeriod[],
  options: ComputeDeadlineOptions,
): Result<DeadlineWithExclusions, SanxiangError> {
  const computed = computeDeadline(ruleId, start, calendar, options);
  if (computed.isErr()) return err(computed.error);
  const base = computed.value;
  if (base.rule.direction === "before") {
    return err(invalid(`「${base.name}」为倒计期限，不适用扣除不计入期间`, { ruleId }));
  }
  const merged = mergeExclusions(excludedPeriods);
  const { unit, amount } = base;
  const nominal = (extra: number): Result<CivilDate, SanxiangError> => {
    if (unit === "workday") return calendar.addWorkingDays(start, amount + extra);
    if (unit === "day") return ok(addDays(start, amount + extra));
    return ok(addDays(addMonths(start, unit === "month" ? amount : 12 * amount), extra));
  };
  const countIn = (m: MergedExclusion): Result<number, SanxiangError> =>
    unit === "workday" ? calendar.workingDaysBetween(addDays(m.from, -1), m.to) : ok(daysBetween(m.from, m.to) + 1);

  let extra = 0;
  let end: CivilDate = start;
  let applied: MergedExclusion[] = [];
  for (;;) {
    const e = nominal(extra);
    if (e.isErr()) return err(e.error);
    end = e.value;
    applied = [];
    let count = 0;
    for (const m of merged) {
      const c = clip(m, start, end);
      if (c === undefined) continue;
      const n = countIn(c);
      if (n.isErr()) return err(n.error);
      count += n.value;
      applied.push(c);
    }
    if (count === extra) break;
    extra = count; // monotone: a later end only brings more excluded days inside
  }
  let due = end;
  if (base.rule.rollOver && unit !== "workday" && extra > 0) {
    for (;;) {
      const working = calendar.isWorkingDay(due);
      if (working.isErr()) return err(working.error);
      if (working.value) break;
      due = addDays(due, 1);
    }
  }
  if (extra === 0) due = base.due;
  const sources = [...base.sources, ...applied.flatMap((m) => m.periods.map((p) => p.source))];
  return ok({ base, due, excludedDays: extra, applied, sources });
}
