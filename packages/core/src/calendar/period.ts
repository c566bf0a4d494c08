// Statutory period computation (期间计算: 民法典 Arts. 201–203, 民事诉讼法 Art. 85, and the
// working-day articles such as 行政处罚法 Art. 85) over a compiled calendar.

import { daysFromCivil, parseDay } from "../kernel/day-number.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/rule-source.js";
import { addMonths, fromDayNumber } from "../kernel/time.js";
import type { CompiledCalendar } from "./build.js";
import { COUNTING_RULES } from "./counting-rules.js";
import { addWorking, dateOf, nonWorkingIn, workingOnOrAfter } from "./lookup.js";
import type { CitedNotice, PeriodExplanation, PeriodSpec, PeriodUnit } from "./types.js";

const UNITS: readonly PeriodUnit[] = ["day", "workday", "month", "year"];
// Generous caps that keep every result inside the years CivilDate allows.
const MAX_AMOUNT: Record<PeriodUnit, number> = { day: 365_000, workday: 250_000, month: 12_000, year: 1_000 };

function invalidPeriod(message: string, spec: unknown): SanxiangError {
  return sanxiangError("PERIOD_INVALID", message, { details: { spec } });
}

/** Validates a period spec and fills in the default roll-over (`true`). */
export function checkPeriodSpec(spec: PeriodSpec): Result<Required<PeriodSpec>, SanxiangError> {
  if (typeof spec !== "object" || spec === null || !UNITS.includes(spec.unit)) {
    return err(invalidPeriod(`期间单位无效：${String(spec?.unit)}（应为 day、workday、month 或 year）`, spec));
  }
  const { amount, unit } = spec;
  if (!Number.isInteger(amount) || amount < 0 || amount > MAX_AMOUNT[unit]) {
    return err(invalidPeriod(`期间长度无效：${String(amount)}（应为 0 至 ${MAX_AMOUNT[unit]} 的整数）`, spec));
  }
  if (spec.rollOver !== undefined && typeof spec.rollOver !== "boolean") {
    return err(invalidPeriod("rollOver 应为布尔值", spec));
  }
  return ok({ amount, unit, rollOver: spec.rollOver ?? true });
}

/** The nominal last day of a calendar (day/month/year) period, start day excluded. */
function nominalEnd(start: number, startDate: string, spec: Required<PeriodSpec>): number {
  // 民法典 Art. 201: counting starts the next day, so `amount` days after the start day is
  // the last day. Art. 202: months and years end on the corresponding day, else month end.
  if (spec.unit === "day") return start + spec.amount;
  const months = spec.unit === "month" ? spec.amount : spec.amount * 12;
  return parseDay(addMonths(startDate, months));
}

/**
 * Whether the result rests on a notice that is not out: a counted day decided by a
 * provisional fill-in (national or regional), or a day in late December of a year whose
 * next notice is missing (that notice may still reach back into it).
 */
function isProvisional(c: CompiledCalendar, lo: number, hi: number): boolean {
  if (hi < lo) return false;
  const region = c.regional;
  if (c.provisionalYears.size > 0 || (region !== undefined && region.provisionalYears.size > 0)) {
    for (let n = Math.max(lo, c.first); n <= Math.min(hi, c.last); n++) {
      const y = c.decidedBy[n - c.first] ?? 0;
      if (c.provisionalYears.has(y)) return true;
      const calendarYear = Number((c.dates[n - c.first] ?? "").slice(0, 4));
      if (region?.provisionalYears.has(calendarYear) === true) return true;
    }
  }
  const fromYear = Number(fromDayNumber(lo).slice(0, 4));
  const toYear = Number(fromDayNumber(hi).slice(0, 4));
  for (let y = fromYear; y <= toYear; y++) {
    // The next notice has so far reached back at most to 29 December (2019 notice).
    const windowFrom = daysFromCivil(y, 12, 25);
    const windowTo = daysFromCivil(y, 12, 31);
    const nextMissing = !c.notices.has(y + 1) || c.provisionalYears.has(y + 1);
    const regionNextMissing = region !== undefined && (!region.years.has(y + 1) || region.provisionalYears.has(y + 1));
    if (hi >= windowFrom && lo <= windowTo && (nextMissing || regionNextMissing)) return true;
  }
  return false;
}

/** The notices that decided the days in [lo, hi], ascending by year. */
function noticesFor(c: CompiledCalendar, lo: number, hi: number): CitedNotice[] {
  const years = new Set<number>();
  for (let n = Math.max(lo, c.first); n <= Math.min(hi, c.last); n++) {
    const y = c.decidedBy[n - c.first] ?? 0;
    if (y !== 0) years.add(y);
  }
  const out: CitedNotice[] = [];
  const region = c.regional;
  for (const y of [...years].sort((a, b) => a - b)) {
    const data = c.notices.get(y);
    if (data !== undefined) out.push({ ...data.notice, year: y });
    // A region's calendar rests on its own notice of the year too (it may add days off).
    const regional = region?.years.get(y);
    if (region !== undefined && regional !== undefined) {
      out.push({ ...regional.notice, year: y, region: region.layer.region });
    }
  }
  return out;
}

/** Computes and explains a period started on `startDate` (see {@link PeriodExplanation}). */
export function explain(
  c: CompiledCalendar,
  start: number,
  startDate: string,
  input: PeriodSpec,
): Result<PeriodExplanation, SanxiangError> {
  const checked = checkPeriodSpec(input);
  if (checked.isErr()) return err(checked.error);
  const spec = checked.value;
  const sources: RuleSource[] = [COUNTING_RULES.startDayExcluded];
  if (spec.unit === "workday") {
    const end = spec.amount === 0 ? ok(start) : addWorking(c, start, spec.amount);
    if (end.isErr()) return err(end.error);
    sources.push(COUNTING_RULES.swappedDays);
    return ok({
      start: startDate,
      spec,
      end: dateOf(c, end.value),
      skipped: nonWorkingIn(c, start, end.value),
      sources,
      notices: noticesFor(c, start + 1, end.value),
      provisional: isProvisional(c, start + 1, end.value),
    });
  }
  if (spec.unit !== "day") sources.push(COUNTING_RULES.monthEnd);
  const nominal = nominalEnd(start, startDate, spec);
  if (Number.isNaN(nominal) || nominal > daysFromCivil(9999, 12, 31)) {
    return err(invalidPeriod("期间届满日超出可表示的日期范围", input));
  }
  if (!spec.rollOver) {
    // 公安程序规定 Art. 35: periods restricting personal liberty end on the nominal day,
    // holiday or not — no calendar data is needed.
    sources.push(COUNTING_RULES.noRollOverPersonalLiberty);
    return ok({
      start: startDate,
      spec,
      end: fromDayNumber(nominal),
      skipped: [],
      sources,
      notices: [],
      provisional: false,
    });
  }
  const end = workingOnOrAfter(c, nominal);
  if (end.isErr()) return err(end.error);
  const rolled = end.value !== nominal;
  if (rolled) sources.push(COUNTING_RULES.rollOver, COUNTING_RULES.rollOverCivilProcedure);
  return ok({
    start: startDate,
    spec,
    end: dateOf(c, end.value),
    ...(rolled ? { rolledOverFrom: dateOf(c, nominal) } : {}),
    skipped: nonWorkingIn(c, nominal - 1, end.value - 1),
    sources,
    notices: noticesFor(c, nominal, end.value),
    provisional: isProvisional(c, nominal, end.value),
  });
}

/** The end only, without the explanation's allocations where possible. */
export function end(
  c: CompiledCalendar,
  start: number,
  startDate: string,
  input: PeriodSpec,
): Result<string, SanxiangError> {
  const checked = checkPeriodSpec(input);
  if (checked.isErr()) return err(checked.error);
  const spec = checked.value;
  if (spec.unit === "workday") {
    if (spec.amount === 0) return ok(startDate);
    return addWorking(c, start, spec.amount).map((n) => dateOf(c, n));
  }
  const nominal = nominalEnd(start, startDate, spec);
  if (Number.isNaN(nominal) || nominal > daysFromCivil(9999, 12, 31)) {
    return err(invalidPeriod("期间届满日超出可表示的日期范围", input));
  }
  if (!spec.rollOver) return ok(fromDayNumber(nominal));
  return workingOnOrAfter(c, nominal).map((n) => dateOf(c, n));
}
