import { z } from "zod";
import type { WorkCalendar } from "../calendar/types.js";
import { type CreateWorkCalendarOptions, createWorkCalendar } from "../calendar/work-calendar.js";
import type { SanxiangError } from "../kernel/errors.js";
import type { Result } from "../kernel/result.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { type CivilDate, CivilDateSchema } from "../kernel/time.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { ExcludedPeriodSchema } from "./excluded-periods.js";

/**
 * 案件期限 — an absolute statutory deadline kept in the case: the period's id, its last day
 * (届满日, until 24:00), its source, and whether it was computed without the year's holiday
 * notice (暂定: bounded by the latest or earliest plausible end the row names, to be
 * recomputed when the notice is loaded). A provisional
 * deadline also carries what it was computed from (`start`, `excluded`, `extended`); events
 * written before these optional fields existed lack them.
 */
export const CaseDeadlineSchema = z
  .object({
    /** Period id, e.g. `penalty.decision`. */
    ruleId: z.string().min(1),
    /** 届满日. */
    due: CivilDateSchema,
    /** The article that sets the period. */
    source: RuleSourceSchema,
    /** True when computed without the State Council notice of a year it covers. */
    provisional: z.boolean(),
    /** 起算日 — kept on a provisional deadline so that it can be recomputed ({@link enforcement.recomputeProvisional}). */
    start: CivilDateSchema.optional(),
    /** Excluded intervals subtracted, kept on a provisional deadline for the same reason. */
    excluded: z.array(ExcludedPeriodSchema).readonly().optional(),
    /** The row's extension applied (e.g. 查封扣押 30 + 30 days), kept on a provisional deadline. */
    extended: z.boolean().optional(),
    /** 延长日数 — an extension approved for fewer days than the row allows, kept on a provisional deadline. */
    extensionDays: z.number().int().positive().optional(),
    /**
     * 暂定边界 — for a provisional deadline, which plausible end `due` is: `latest` for the
     * party's periods (nothing refused before it), `earliest` for the authority's duties.
     * Absent on provisional deadlines recorded before bounds existed (counted on weekends).
     */
    bound: z.enum(["latest", "earliest"]).optional(),
  })
  .readonly();
/** 案件期限 (see {@link CaseDeadlineSchema}). */
export type CaseDeadline = z.infer<typeof CaseDeadlineSchema>;

/**
 * 执法主体的工作日历 — the work calendar of a body in the bodies registry (执法主体数据库): the
 * national calendar plus the regional layer of the body's 行政区划代码 (e.g. a bureau of
 * 沙坡头区, 640502, counts working days without Ningxia's 开斋节 and 古尔邦节; 全国年节及纪念日
 * 放假办法 Art. 4). Errors: the registry's for an unknown body; `INVALID_INPUT` /
 * `CALENDAR_DATA_INVALID` from {@link createWorkCalendar}.
 */
export function bodyCalendar(
  bodies: BodiesRegistry,
  bodyId: string,
  date: CivilDate,
  options: Omit<CreateWorkCalendarOptions, "region"> = {},
): Result<WorkCalendar, SanxiangError> {
  return bodies.body(bodyId, date).andThen((b) => createWorkCalendar({ ...options, region: b.regionCode }));
}
