import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/rule-source.js";
import { addDays, addMonths } from "../kernel/time.js";
import type { CivilDate } from "../kernel/time-types.js";
import { STATUTORY_PERIODS, type StatutoryPeriod, type StatutoryPeriodId } from "./periods.js";
import type { ProvisionalBound } from "./provisional.js";
import { PeriodOverridesSchema } from "./schema.js";
import type { CitedNotice, PeriodUnit, SkippedDay, WorkCalendar } from "./types.js";

/**
 * 地方期限配置 — a bureau's change to one configurable row, with the local rule that makes
 * it (required: a deadline must always be able to cite its basis). `PeriodOverrideSchema`
 * (`@sanxiang/core/calendar/schema`) parses one.
 */
export interface PeriodOverride {
  /** New length. */
  amount?: number | undefined;
  /** New unit. */
  unit?: PeriodUnit | undefined;
  /** New roll-over behaviour. */
  rollOver?: boolean | undefined;
  /** New extension length (0 removes it). */
  extensionAmount?: number | undefined;
  /** The local rule that sets the value, e.g. a provincial regulation's article. */
  source: RuleSource;
  /** Why, in Chinese. */
  note?: string | undefined;
}

/** Overrides keyed by period id (`PeriodOverridesSchema` parses them). */
export type PeriodOverrides = Record<string, PeriodOverride>;

/** The record kept when a row was overridden: by which rule, and what it replaced. */
export interface PeriodOverrideRecord {
  /** The local rule that set the new values. */
  readonly by: RuleSource;
  /** The national values it replaced. */
  readonly original: Pick<StatutoryPeriod, "amount" | "unit" | "rollOver" | "source"> & {
    readonly extensionAmount?: number;
  };
  /** Why, in Chinese. */
  readonly note?: string;
}

/** 适用期限 — a row as it applies to a bureau: the national row, or the overridden one. */
export interface ResolvedPeriod extends StatutoryPeriod {
  /** Present when a bureau's configuration changed the row. */
  readonly overridden?: PeriodOverrideRecord;
}

/** The resolved table, by id. */
export type ResolvedPeriods = ReadonlyMap<string, ResolvedPeriod>;

function ruleUnknown(id: string): SanxiangError {
  return sanxiangError("PERIOD_RULE_UNKNOWN", `未知的法定期限：${id}`, {
    details: { id, known: STATUTORY_PERIODS.map((r) => r.id) },
  });
}

function applyOverride(row: StatutoryPeriod, o: PeriodOverride): Result<ResolvedPeriod, SanxiangError> {
  // A statute's own figure is not the bureau's to change; only [M]/[VAR] rows and rows whose
  // statute defers to other rules ("另有规定的，从其规定") are configuration.
  if (!row.configurable) {
    return err(
      sanxiangError("PERIOD_INVALID", `「${row.name}」由法律直接规定，不能通过地方配置修改`, {
        source: row.source,
        details: { id: row.id },
      }),
    );
  }
  const extensionAmount = o.extensionAmount ?? row.extension?.amount;
  const { extension: _dropped, ...base } = row;
  const extension =
    extensionAmount === undefined || extensionAmount === 0
      ? undefined
      : { amount: extensionAmount, condition: row.extension?.condition ?? "依地方规定" };
  return ok({
    ...base,
    amount: o.amount ?? row.amount,
    unit: o.unit ?? row.unit,
    rollOver: o.rollOver ?? row.rollOver,
    ...(extension === undefined ? {} : { extension }),
    source: o.source,
    overridden: {
      by: o.source,
      original: {
        amount: row.amount,
        unit: row.unit,
        rollOver: row.rollOver,
        source: row.source,
        ...(row.extension === undefined ? {} : { extensionAmount: row.extension.amount }),
      },
      ...(o.note === undefined ? {} : { note: o.note }),
    },
  });
}

/**
 * 适用期限表 — the statutory periods table with a bureau's overrides applied. Overrides are
 * parsed with `PeriodOverridesSchema` (`@sanxiang/core/calendar/schema`); an unknown id →
 * `PERIOD_RULE_UNKNOWN`; an override of a row the statute fixes, or a malformed one →
 * `PERIOD_INVALID`. Each changed row keeps `overridden` (the local source and the national
 * values it replaced).
 */
export function resolvePeriods(overrides: PeriodOverrides = {}): Result<ResolvedPeriods, SanxiangError> {
  const parsed = PeriodOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(
      sanxiangError("PERIOD_INVALID", `期限配置格式错误（${issue?.path.join(".") ?? ""}）：${issue?.message ?? ""}`, {
        details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      }),
    );
  }
  const table = new Map<string, ResolvedPeriod>(STATUTORY_PERIODS.map((r) => [r.id, r]));
  for (const [id, o] of Object.entries(parsed.data)) {
    const row = table.get(id);
    if (row === undefined) return err(ruleUnknown(id));
    const applied = applyOverride(row, o);
    if (applied.isErr()) return err(applied.error);
    table.set(id, applied.value);
  }
  return ok(table);
}

/** One statutory period by id, with overrides applied when given. */
export function periodRule(
  id: StatutoryPeriodId | (string & {}),
  overrides?: PeriodOverrides,
): Result<ResolvedPeriod, SanxiangError> {
  return resolvePeriods(overrides).andThen((t) => {
    const row = t.get(id);
    return row === undefined ? err(ruleUnknown(id)) : ok(row);
  });
}

/**
 * 部分延长 — `table` with row `ruleId`'s extension set to `amount` (an extension approved for
 * fewer days than the row allows, e.g. 查封扣押 延长 15 日 of the 30 行政强制法 Art. 25 para. 1
 * permits). `PERIOD_RULE_UNKNOWN` for an unknown id; `PERIOD_INVALID` when the row has no
 * extension or `amount` is not a positive integer within it.
 */
export function withExtensionAmount(
  periods: PeriodOverrides | ResolvedPeriods | undefined,
  ruleId: string,
  amount: number,
): Result<ResolvedPeriods, SanxiangError> {
  return tableOf(periods).andThen((table) => {
    const row = table.get(ruleId);
    if (row === undefined) return err(ruleUnknown(ruleId));
    const allowed = row.extension?.amount ?? 0;
    if (!Number.isInteger(amount) || amount <= 0 || amount > allowed) {
      return err(
        sanxiangError("PERIOD_INVALID", `「${row.name}」的延长期限应为 1 至 ${allowed} 的整数：${amount}`, {
          source: row.source,
          details: { id: ruleId, amount, allowed },
        }),
      );
    }
    const next = new Map(table);
    next.set(ruleId, { ...row, extension: { amount, condition: row.extension?.condition ?? "" } });
    return ok(next);
  });
}

/** Options of {@link computeDeadline}. */
export interface ComputeDeadlineOptions {
  /** The bureau's overrides, or a table already resolved with {@link resolvePeriods}. */
  readonly periods?: PeriodOverrides | ResolvedPeriods;
  /** Apply the row's extension (e.g. 查封扣押 30 + 30 days) — the approval is the caller's record. */
  readonly extended?: boolean;
}

/** 期限 — a computed statutory deadline with its legal basis. */
export interface Deadline {
  /** The period's id. */
  readonly ruleId: string;
  /** Chinese name of the period. */
  readonly name: string;
  /** Date of the start event (not counted). */
  readonly start: CivilDate;
  /**
   * 届满日 — for `after` periods the last day to act (until 24:00); for `before` periods the
   * latest day on which the act still comes early enough.
   */
  readonly due: CivilDate;
  /** Length applied (extension included when `extended`). */
  readonly amount: number;
  /** Unit applied. */
  readonly unit: PeriodUnit;
  /** Whether the extension was applied. */
  readonly extended: boolean;
  /** The row as applied (with `overridden` when a bureau changed it). */
  readonly rule: ResolvedPeriod;
  /** The article that sets the period (the local source when overridden). */
  readonly source: RuleSource;
  /** Every rule applied: the period's source, its day-type clause, the counting rules. */
  readonly sources: readonly RuleSource[];
  /** Non-working days skipped, each with its reason and holiday name. */
  readonly skipped: readonly SkippedDay[];
  /** The nominal last day, when it was not a working day and the end rolled over. */
  readonly rolledOverFrom?: CivilDate;
  /** The State Council notices whose data decided a day. */
  readonly notices: readonly CitedNotice[];
  /**
   * 暂定 — true when the deadline rests on a holiday notice that is not loaded: a year it
   * reaches has none, or a late-December day was counted before the next year's notice
   * (which may still reach back into it). See `bound`.
   */
  readonly provisional: boolean;
  /**
   * For a provisional deadline from {@link provisionalDeadline}: which plausible end `due` is
   * (`latest` for the party's periods, `earliest` for the authority's duties; the row's
   * `provisional` rule). Absent on {@link computeDeadline}'s own answer.
   */
  readonly bound?: ProvisionalBound;
}

function tableOf(periods: ComputeDeadlineOptions["periods"]): Result<ResolvedPeriods, SanxiangError> {
  return periods instanceof Map ? ok(periods) : resolvePeriods(periods as PeriodOverrides | undefined);
}

/**
 * The latest day D such that the period still fits between D and the event: for working
 * days, the latest working day with `amount` working days in (D, event]; for calendar
 * periods, event minus the period, moved back to a working day when `rollOver`.
 */
function latestBefore(
  calendar: WorkCalendar,
  event: CivilDate,
  amount: number,
  unit: PeriodUnit,
  rollOver: boolean,
): Result<CivilDate, SanxiangError> {
  let d: CivilDate;
  if (unit === "workday") {
    d = addDays(event, -amount);
    // Step back until (d, event] holds `amount` working days and d is a working day; at most
    // a few weeks even across the Spring Festival break.
    for (;;) {
      const between = calendar.workingDaysBetween(d, event);
      if (between.isErr()) return err(between.error);
      const working = calendar.isWorkingDay(d);
      if (working.isErr()) return err(working.error);
      if (between.value >= amount && working.value) return ok(d);
      d = addDays(d, -1);
    }
  }
  d = unit === "day" ? addDays(event, -amount) : addMonths(event, unit === "month" ? -amount : -12 * amount);
  if (!rollOver) return ok(d);
  for (;;) {
    const working = calendar.isWorkingDay(d);
    if (working.isErr()) return err(working.error);
    if (working.value) return ok(d);
    d = addDays(d, -1);
  }
}

/**
 * 计算法定期限 — the deadline of statutory period `ruleId` started by an event on `start`,
 * counted on `calendar` (start day excluded; working days or calendar days per the row;
 * roll-over per the row). Unknown id → `PERIOD_RULE_UNKNOWN`; a date in a year whose
 * holiday notice is not loaded → `CALENDAR_YEAR_UNKNOWN`.
 */
export function computeDeadline(
  ruleId: StatutoryPeriodId | (string & {}),
  start: CivilDate,
  calendar: WorkCalendar,
  options: ComputeDeadlineOptions = {},
): Result<Deadline, SanxiangError> {
  const table = tableOf(options.periods);
  if (table.isErr()) return err(table.error);
  const rule = table.value.get(ruleId);
  if (rule === undefined) return err(ruleUnknown(ruleId));
  const extended = options.extended === true && rule.extension !== undefined;
  const amount = rule.amount + (extended ? (rule.extension?.amount ?? 0) : 0);
  const ruleSources = rule.dayTypeSource === undefined ? [rule.source] : [rule.source, rule.dayTypeSource];
  const base = {
    ruleId: rule.id,
    name: rule.name,
    start,
    amount,
    unit: rule.unit,
    extended,
    rule,
    source: rule.source,
  };
  if (rule.direction === "before") {
    return latestBefore(calendar, start, amount, rule.unit, rule.rollOver).andThen((due) =>
      calendar
        .nonWorkingDaysBetween(due, start)
        .map((skipped): Deadline => ({ ...base, due, sources: ruleSources, skipped, notices: [], provisional: false })),
    );
  }
  return calendar.explainPeriod(start, { amount, unit: rule.unit, rollOver: rule.rollOver }).map(
    (x): Deadline => ({
      ...base,
      due: x.end,
      sources: [...ruleSources, ...x.sources],
      skipped: x.skipped,
      ...(x.rolledOverFrom === undefined ? {} : { rolledOverFrom: x.rolledOverFrom }),
      notices: x.notices,
      provisional: x.provisional,
    }),
  );
}

/**
 * The bound of the work calendar a row's provisional deadline is counted on: the row's own
 * bound for a forward period; for a `before` period the opposite calendar (fewer working
 * days put the latest permissible day earlier).
 */
export function calendarBoundOf(rule: Pick<ResolvedPeriod, "direction" | "provisional">): ProvisionalBound {
  const bound = rule.provisional.bound;
  if (rule.direction === "after") return bound;
  return bound === "earliest" ? "latest" : "earliest";
}

/**
 * 暂定期限 — {@link computeDeadline}, and when that rests on a holiday notice that is not
 * loaded (a year it reaches has none → `CALENDAR_YEAR_UNKNOWN`, or it counted late-December
 * days before the next notice), the same deadline counted on the calendar's provisional
 * bound ({@link WorkCalendar.bounded}) the row names: the latest plausible end for the
 * party's periods (a hearing request is never refused before it), the earliest for the
 * authority's duties. Marked `provisional` with its `bound`; recompute once the notice is
 * loaded. Errors: those of {@link computeDeadline}, and `CALENDAR_YEAR_UNKNOWN` only beyond
 * the years the bound covers (2100).
 */
export function provisionalDeadline(
  ruleId: StatutoryPeriodId | (string & {}),
  start: CivilDate,
  calendar: WorkCalendar,
  options: ComputeDeadlineOptions = {},
): Result<Deadline, SanxiangError> {
  const exact = computeDeadline(ruleId, start, calendar, options);
  if (exact.isOk() && !exact.value.provisional) return exact;
  if (exact.isErr() && exact.error.code !== "CALENDAR_YEAR_UNKNOWN") return exact;
  const table = tableOf(options.periods);
  if (table.isErr()) return err(table.error);
  const rule = table.value.get(ruleId);
  if (rule === undefined) return err(ruleUnknown(ruleId));
  const bounded = calendar.bounded(calendarBoundOf(rule));
  return computeDeadline(ruleId, start, bounded, { ...options, periods: table.value }).map(
    (d): Deadline => ({ ...d, provisional: true, bound: rule.provisional.bound }),
  );
}
