// 行政强制执行 — what the execution steps share (行政处罚法 Arts. 66, 72; 行政强制法 Arts. 53–54):
// the command and result types, the bureau's execution policy, the latest plausible end of a
// period, the court-application window and the decision's service date. Internal: the public
// ones are re-exported by execution-decide.ts.
import type { z } from "zod";
import { computeDeadline } from "../calendar/deadline.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, compareCivilDates } from "../kernel/time.js";
import type { PenaltyCaseContext } from "./context.js";
import type { CaseDeadline } from "./deadline.js";
import {
  type EXECUTION_COMMAND_SCHEMAS,
  type ExecutionEvent,
  type ExecutionPolicy,
  ExecutionPolicySchema,
  EXECUTION_SOURCES as SRC,
} from "./execution.js";
import { caseDeadline, type DecideContext, refuse } from "./guards.js";
import { currentServedOn } from "./service.js";

/** An execution command (service consent, deferral, demand, defence, decision, service, act, court application; a `PenaltyCommand`), defaults applied. */
export type ExecutionCommand = z.infer<(typeof EXECUTION_COMMAND_SCHEMAS)[number]>;
/** @internal The execution command of type `T`. */
export type Cmd<T extends ExecutionCommand["type"]> = Extract<ExecutionCommand, { type: T }>;
/** A step of the execution decider: its event, or the refusal. */
export type ExecutionStepResult = Result<ExecutionEvent, SanxiangError>;
/** @internal Short for {@link ExecutionStepResult}. */
export type R = ExecutionStepResult;

/** The bureau's execution policy (defaults for what it leaves out). */
export function executionPolicyOf(ctx: DecideContext): Result<ExecutionPolicy, SanxiangError> {
  const parsed = ExecutionPolicySchema.safeParse(ctx.execution ?? {});
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("INVALID_INPUT", `强制执行配置无效：${parsed.error.issues[0]?.message ?? ""}`, {
      details: { execution: ctx.execution },
    }),
  );
}

/** The latest plausible last day of period `ruleId` from `start` — what a refusal of a late act must rest on. */
export function latestDue(ruleId: string, start: CivilDate, ctx: DecideContext): Result<CivilDate, SanxiangError> {
  const periods = ctx.periods === undefined ? {} : { periods: ctx.periods };
  const exact = computeDeadline(ruleId, start, ctx.calendar, periods);
  if (exact.isOk() && !exact.value.provisional) return ok(exact.value.due);
  return computeDeadline(ruleId, start, ctx.calendar.bounded("latest"), periods).map((d) => d.due);
}

/** @internal The later of two days (`a` when `b` is absent). */
export const later = (a: CivilDate, b: CivilDate | undefined): CivilDate =>
  b !== undefined && compareCivilDates(b, a) > 0 ? b : a;

/**
 * 申请法院强制执行期限 — the three months of 行政强制法 Art. 53 for a decision served on
 * `servedOn`: counted from the end of the remedy periods — the longer one, 起诉期限 of six months
 * from the service (行政诉讼法 Art. 46 para. 1; the 60 days of 行政复议法 Art. 20 end before it) —
 * or from the end of an approved deferral when later (行政处罚法 Art. 72 para. 2). The window
 * opens the day after `opensAfter`. The remedy end is the party's (latest plausible when a
 * year's notice is missing); the three months are the bureau's duty (earliest plausible end).
 */
export function courtApplicationDeadline(
  servedOn: CivilDate,
  deferredUntil: CivilDate | undefined,
  ctx: DecideContext,
): Result<{ readonly opensAfter: CivilDate; readonly due: CaseDeadline }, SanxiangError> {
  const remedyEnd = caseDeadline("remedy.litigation", servedOn, ctx);
  if (remedyEnd.isErr()) return err(remedyEnd.error);
  const opensAfter = later(remedyEnd.value.due, deferredUntil);
  const due = caseDeadline("enforcement.courtApplication", opensAfter, ctx);
  if (due.isErr()) return err(due.error);
  const source = compareCivilDates(opensAfter, remedyEnd.value.due) > 0 ? SRC.deferralCourtWindow : due.value.source;
  return ok({ opensAfter, due: { ...due.value, source } });
}

/** 送达日期 of the decision as stored (events before `servedOn` existed: the day of the act). */
export function decisionServedOn(c: PenaltyCaseContext, ctx: DecideContext): CivilDate | undefined {
  const s = c.service;
  return s === undefined ? undefined : currentServedOn(s.servedOn, s.publicNotice, ctx);
}

/** @internal A refusal `EXECUTION_PREMATURE` citing `source`. */
export function premature(
  message: string,
  source: Parameters<typeof refuse>[2],
  details: Record<string, unknown> = {},
) {
  return refuse("EXECUTION_PREMATURE", message, source, details);
}
