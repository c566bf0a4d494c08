// 期限清单 — every open deadline the deadline index holds (cases, coercive measures, legal
// reviews, disclosures), with how late it is: "missed deadlines are visible" for all three
// systems from one projection.
import { z } from "zod";
import { STATUTORY_PERIODS } from "../calendar/periods.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource, RuleSourceSchema } from "../kernel/source.js";
import { type CivilDate, CivilDateSchema, compareCivilDates, daysBetween, isCivilDate } from "../kernel/time.js";
import type { EventStore } from "../recording/event-store.js";
import type { ProjectionRow } from "../recording/projection.js";
import { readAllProjectionRows } from "../recording/projection-read.js";
import { storeCorrupt } from "../recording/store-support.js";
import { PROJECTIONS, REVIEW_TIME_LIMIT } from "./projections.js";

/** 期限清单条目 — one open deadline of the deadline index. */
export interface OpenDeadline {
  /** The index row's key (`<stream>/<ruleId>[/<measureId>]`). */
  readonly key: string;
  /** The stream the deadline runs in: a case, a legal review, a disclosure. */
  readonly streamId: string;
  /** The period's id (`penalty.decision`, `review.timeLimit`, `disclosure.licencePenalty` …). */
  readonly ruleId: string;
  /** The period's Chinese name, e.g. `行政处罚决定期限`. */
  readonly name: string;
  /** 届满日. */
  readonly due: CivilDate;
  /** Past its due day on the day judged (or, for a deadline met late, on the day met). */
  readonly overdue: boolean;
  /** Calendar days past the due day (0 when not overdue); for a deadline met late, up to `metOn`. */
  readonly daysOverdue: number;
  /**
   * 逾期履行之日 — for a deadline already met, late, and kept on the list to show it (人民法院逾期
   * 送达不予执行裁定, 行政强制法 Art. 58 para. 2): the day it was met.
   */
  readonly metOn?: CivilDate;
  /** 暂定 — computed without the holiday notice of a year it reaches. */
  readonly provisional: boolean;
  /** The rule that sets the period. */
  readonly source: RuleSource;
  /** The event that set it. */
  readonly setBy: string;
  /** For a coercive measure's period: the measure. */
  readonly measureId?: string;
  /** For a legal review's time limit: the case under review. */
  readonly reviewOf?: string;
  /** Calendar days from the day judged to the due day (0 on the due day and after). */
  readonly daysLeft: number;
  /** 临期 — not yet overdue, and within the rule's warning days ({@link DEFAULT_DEADLINE_WARNINGS}). */
  readonly closingSoon: boolean;
  /** 预警 — for a deadline closing soon, what the officer reads. */
  readonly warning?: string;
}

/**
 * 临期预警天数 — by period id, how many calendar days before its due day an open deadline is
 * flagged `closingSoon`. Default: the three months to apply to the people's court
 * (`enforcement.courtApplication`, 行政强制法 Art. 53), 30 days before they close — a late
 * application is refused and the fine cannot be enforced. [M]: the figure is the SDK's; a
 * bureau sets its own through {@link OpenDeadlinesOptions.warnings}.
 */
export const DEFAULT_DEADLINE_WARNINGS: Readonly<Record<string, number>> = {
  "enforcement.courtApplication": 30,
};

/** Which open deadlines {@link openDeadlinesFrom} lists. */
export interface OpenDeadlinesOptions {
  /** 今天 — the day overdue is judged on. */
  readonly today: CivilDate;
  /** Only deadlines due on or before this day. */
  readonly dueBy?: CivilDate;
  /** Only deadlines already overdue on `today`. */
  readonly overdueOnly?: boolean;
  /** Only the deadlines of streams whose id starts with this (e.g. one case: `case-1`). */
  readonly streamPrefix?: string;
  /** Warning days by period id, over {@link DEFAULT_DEADLINE_WARNINGS} (0 turns a default off). */
  readonly warnings?: Readonly<Record<string, number>>;
  /** Only deadlines closing soon (see {@link OpenDeadline.closingSoon}). */
  readonly closingSoonOnly?: boolean;
}

const RowValueSchema = z.object({
  caseId: z.string().min(1),
  ruleId: z.string().min(1),
  due: CivilDateSchema,
  source: RuleSourceSchema,
  provisional: z.boolean(),
  setBy: z.string().min(1),
  reviewOf: z.string().optional(),
  metOn: CivilDateSchema.optional(),
});

const NAMES: ReadonlyMap<string, string> = new Map([
  ...STATUTORY_PERIODS.map((p) => [p.id, p.name] as const),
  [REVIEW_TIME_LIMIT, "重大执法决定法制审核期限"],
]);

/**
 * 期限清单 — a pure function over the rows of the deadline index (`deadlines`): the open
 * deadlines the options select, oldest due first, each flagged overdue with the days past
 * due. A row that does not have the index's shape is `STORE_CORRUPT` — a deadline is never
 * silently left off the list.
 */
export function openDeadlinesFrom(
  rows: readonly ProjectionRow[],
  options: OpenDeadlinesOptions,
): Result<OpenDeadline[], SanxiangError> {
  // Bad options change nothing and say which value is wrong: a dueBy of 2026-02-30 would
  // otherwise compare as a string and quietly list nothing (or the wrong things).
  for (const [field, value] of [
    ["today", options.today],
    ["dueBy", options.dueBy],
  ] as const) {
    if (field === "dueBy" && value === undefined) continue;
    if (!isCivilDate(value)) {
      return err(
        sanxiangError("CIVIL_DATE_INVALID", `期限查询的 ${field} 不是有效日期（应为 YYYY-MM-DD）：${String(value)}`, {
          details: { field, value: String(value) },
        }),
      );
    }
  }
  const out: OpenDeadline[] = [];
  const warnings = { ...DEFAULT_DEADLINE_WARNINGS, ...options.warnings };
  for (const row of rows) {
    const parsed = RowValueSchema.safeParse(row.value);
    if (!parsed.success) {
      return err(storeCorrupt(`期限索引中的记录 ${row.key} 格式错误`, { key: row.key }));
    }
    const v = parsed.data;
    if (options.streamPrefix !== undefined && !v.caseId.startsWith(options.streamPrefix)) continue;
    if (options.dueBy !== undefined && compareCivilDates(v.due, options.dueBy) > 0) continue;
    const late = Math.max(0, daysBetween(v.due, v.metOn ?? options.today));
    if (options.overdueOnly === true && late === 0) continue;
    const daysLeft = Math.max(0, daysBetween(options.today, v.due));
    const warnDays = warnings[v.ruleId] ?? 0;
    const closingSoon = late === 0 && warnDays > 0 && daysLeft <= warnDays;
    if (options.closingSoonOnly === true && !closingSoon) continue;
    const name = NAMES.get(v.ruleId) ?? v.ruleId;
    const prefix = `${v.caseId}/${v.ruleId}/`;
    out.push({
      key: row.key,
      streamId: v.caseId,
      ruleId: v.ruleId,
      name,
      due: v.due,
      overdue: late > 0,
      daysOverdue: late,
      provisional: v.provisional,
      source: v.source,
      setBy: v.setBy,
      ...(row.key.startsWith(prefix) ? { measureId: row.key.slice(prefix.length) } : {}),
      ...(v.reviewOf === undefined ? {} : { reviewOf: v.reviewOf }),
      ...(v.metOn === undefined ? {} : { metOn: v.metOn }),
      daysLeft,
      closingSoon,
      ...(closingSoon
        ? {
            warning: `${name}将于 ${v.due} 届满（还剩 ${daysLeft} 日${v.provisional ? "，暂定" : ""}），逾期不得再办理（依据：${formatSource(v.source)}）`,
          }
        : {}),
    });
  }
  return ok(out.sort((a, b) => compareCivilDates(a.due, b.due) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/**
 * 期限清单 — {@link openDeadlinesFrom} over the deadline index `store` keeps (the store must
 * maintain `defaultProjections()`): every open deadline of cases, coercive measures, legal
 * reviews and disclosures.
 */
export async function openDeadlines(
  store: EventStore,
  options: OpenDeadlinesOptions,
): Promise<Result<OpenDeadline[], SanxiangError>> {
  const rows = await readAllProjectionRows(store, PROJECTIONS.deadlines);
  return rows.isErr() ? err(rows.error) : openDeadlinesFrom(rows.value, options);
}
