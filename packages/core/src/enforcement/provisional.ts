import { type ComputeDeadlineOptions, withExtensionAmount } from "../calendar/deadline.js";
import type { WorkCalendar } from "../calendar/types.js";
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CivilDate } from "../kernel/time.js";
import type { CaseDeadline } from "./deadline.js";
import { deadlineWithExclusions } from "./excluded-periods.js";

/** 暂定期限的更正 — one provisional deadline recomputed with a calendar that now covers its years. */
export interface ProvisionalChange {
  /** The deadline's key in the input (e.g. `decision`). */
  readonly key: string;
  /** The period's id. */
  readonly ruleId: string;
  /** 届满日 as stored (the provisional bound, or weekends only for deadlines stored before bounds). */
  readonly before: CivilDate;
  /** 届满日 with the holiday notice. */
  readonly after: CivilDate;
}

/** What {@link recomputeProvisional} returns. */
export interface RecomputedDeadlines<K extends string> {
  /** The deadlines as they stand with `calendar`: corrected where it could, as given elsewhere. */
  readonly deadlines: Readonly<Partial<Record<K, CaseDeadline>>>;
  /** The provisional deadlines now resolved whose last day moved. */
  readonly changed: readonly ProvisionalChange[];
  /** The provisional deadlines now resolved whose last day did not move. */
  readonly confirmed: readonly string[];
  /** Keys still provisional: the calendar still lacks a year, or (events written before 0.x) the deadline was stored before deadlines kept their start. */
  readonly unresolved: readonly string[];
}

/**
 * 更正暂定期限 — a view, never a rewrite: given a case's deadlines (e.g. a context's
 * `deadlines`) and a calendar that now has the holiday notice of a year a provisional
 * deadline covered, the deadlines recomputed from what each stored (`start`, `excluded`,
 * `extended`) and the list of what changed. Stored events keep their provisional dates; a
 * screen or a projection shows these instead. Non-provisional deadlines pass through.
 *
 * Errors: only those of a malformed period table in `options` (`PERIOD_RULE_UNKNOWN` …); a
 * year still missing leaves the deadline in `unresolved`.
 */
export function recomputeProvisional<K extends string>(
  deadlines: Readonly<Partial<Record<K, CaseDeadline>>>,
  calendar: WorkCalendar,
  options: Pick<ComputeDeadlineOptions, "periods"> = {},
): Result<RecomputedDeadlines<K>, SanxiangError> {
  const out: Partial<Record<K, CaseDeadline>> = { ...deadlines };
  const changed: ProvisionalChange[] = [];
  const confirmed: string[] = [];
  const unresolved: string[] = [];
  for (const key of Object.keys(deadlines) as K[]) {
    const d = deadlines[key];
    if (d === undefined || !d.provisional) continue;
    if (d.start === undefined) {
      unresolved.push(key);
      continue;
    }
    let periods = options.periods;
    if (d.extended === true && d.extensionDays !== undefined) {
      const partial = withExtensionAmount(periods, d.ruleId, d.extensionDays);
      if (partial.isErr()) return err(partial.error);
      periods = partial.value;
    }
    const opts = { ...(periods === undefined ? {} : { periods }), ...(d.extended === true ? { extended: true } : {}) };
    const r = deadlineWithExclusions(d.start, d.ruleId, calendar, d.excluded ?? [], opts);
    if (r.isErr()) {
      if (r.error.code === "CALENDAR_YEAR_UNKNOWN") {
        unresolved.push(key);
        continue;
      }
      return err(r.error);
    }
    if (r.value.base.provisional) {
      unresolved.push(key);
      continue;
    }
    const { start: _s, excluded: _e, extended: _x, extensionDays: _n, bound: _b, ...rest } = d;
    out[key] = { ...rest, due: r.value.due, provisional: false };
    if (r.value.due === d.due) confirmed.push(key);
    else changed.push({ key, ruleId: d.ruleId, before: d.due, after: r.value.due });
  }
  return ok({ deadlines: out, changed, confirmed, unresolved });
}
