// 审核期限 — the review time limit counted on the work calendar, bounded by issue 14 §1's
// rule when it reaches a year whose holiday notice is not loaded, and read through
// `currentReviewDeadline` so that a stored provisional limit is recomputed once it is.
import type { ProvisionalBound } from "../calendar/provisional.js";
import type { WorkCalendar } from "../calendar/types.js";
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, compareCivilDates } from "../kernel/time.js";
import { REVIEW_TIME_LIMIT_RULE } from "./policy.js";
import type { ReviewDeadline } from "./schema.js";

function counted(
  start: CivilDate,
  workingDays: number,
  calendar: WorkCalendar,
  bound: ProvisionalBound,
): Result<ReviewDeadline, SanxiangError> {
  return calendar
    .bounded(bound)
    .explainPeriod(start, { amount: workingDays, unit: "workday" })
    .map(
      (x): ReviewDeadline => ({
        due: x.end,
        workingDays,
        start,
        source: REVIEW_TIME_LIMIT_RULE.source,
        provisional: true,
        bound,
      }),
    );
}

/**
 * 审核期限 — the review time limit: `workingDays` working days after `start` (the day the
 * materials were complete; 国办发〔2018〕118号 四（十三）, the bureau's figure) on `calendar`.
 * When the count reaches a year whose holiday notice is not loaded (or counts late-December
 * days before the next notice, which may still reach back into them), the limit is counted
 * on the calendar's provisional bound {@link REVIEW_TIME_LIMIT_RULE} names — the earliest
 * plausible end, the limit being the bureau's own duty — and marked `provisional` with its
 * `bound`; {@link currentReviewDeadline} recomputes it once the notice is loaded. Errors:
 * the calendar's (`CIVIL_DATE_INVALID`, `PERIOD_INVALID`), and `CALENDAR_YEAR_UNKNOWN` only
 * beyond the years the bound covers (ten years past the last loaded notice, at most 2100).
 */
export function reviewDeadline(
  start: CivilDate,
  workingDays: number,
  calendar: WorkCalendar,
): Result<ReviewDeadline, SanxiangError> {
  const exact = calendar.explainPeriod(start, { amount: workingDays, unit: "workday" });
  if (exact.isOk() && !exact.value.provisional) {
    return ok({
      due: exact.value.end,
      workingDays,
      start,
      source: REVIEW_TIME_LIMIT_RULE.source,
      provisional: false,
    });
  }
  if (exact.isErr() && exact.error.code !== "CALENDAR_YEAR_UNKNOWN") return err(exact.error);
  return counted(start, workingDays, calendar, REVIEW_TIME_LIMIT_RULE.provisional.bound);
}

/**
 * 现行审核期限 — a stored review time limit as it must be read now: a provisional one is
 * recomputed from its `start` and `workingDays` with `calendar` (exact once the year's notice
 * is loaded, else the earliest plausible end — which also corrects a limit stored before
 * bounds existed, when it was counted on weekends alone); any other is as stored. Never
 * fails: a limit the calendar cannot recompute stays as stored.
 */
export function currentReviewDeadline(d: ReviewDeadline, calendar: WorkCalendar): ReviewDeadline {
  if (d.provisional !== true) return d;
  const r = reviewDeadline(d.start, d.workingDays, calendar);
  return r.isOk() ? r.value : d;
}

/**
 * 审核是否逾期 — whether an act on `date` comes after the review time limit `d`, as a fact
 * that can be recorded (the opinion's 超过审核期限): judged on the limit recomputed with
 * `calendar` ({@link currentReviewDeadline}); while it is still provisional, only a date past
 * the latest plausible end is late — a date between the two bounds may yet be in time, and
 * the early warning is the deadline index's (which shows the earliest plausible end).
 */
export function reviewLate(d: ReviewDeadline, date: CivilDate, calendar: WorkCalendar): boolean {
  const now = currentReviewDeadline(d, calendar);
  if (now.provisional !== true) return compareCivilDates(date, now.due) > 0;
  const latest = counted(now.start, now.workingDays, calendar, "latest");
  // Beyond the years a bound covers: the stored day is all there is.
  return compareCivilDates(date, latest.isOk() ? latest.value.due : now.due) > 0;
}
