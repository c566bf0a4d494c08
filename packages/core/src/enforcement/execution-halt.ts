// 中止执行、终结执行、不再执行 — `execution.suspend`, `execution.resume`, `execution.terminate`,
// `execution.cease` (行政强制法 Arts. 39–40), and the guard every execution step runs: nothing
// while halted.
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { civilDateOf, compareCivilDates, type Instant } from "../kernel/time.js";
import { outstandingFen, type PenaltyCaseContext } from "./context.js";
import { EXECUTION_SOURCES as SRC, SUSPENSION_GROUND_ITEMS, TERMINATION_GROUND_ITEMS } from "./execution.js";
import { type Cmd, premature, type R } from "./execution-common.js";
import { caseDeadline, checkRecords, type DecideContext, refuse } from "./guards.js";

/**
 * 中止、终结执行 — no execution step while execution is suspended (行政强制法 Art. 39; resume it
 * first), after it was terminated (Art. 40) or after the organ no longer executes a suspension
 * of three years (Art. 39 para. 2).
 */
export function checkNotHalted(c: PenaltyCaseContext): Result<true, SanxiangError> {
  const x = c.execution;
  if (x.terminated !== undefined) {
    return err(
      refuse(
        "EXECUTION_HALTED",
        `本案已于 ${civilDateOf(x.terminated.at)} 终结执行（第四十条第（${TERMINATION_GROUND_ITEMS[x.terminated.ground]}）项），不得再实施执行`,
        { ...SRC.termination, item: TERMINATION_GROUND_ITEMS[x.terminated.ground] },
        { terminatedAt: x.terminated.at },
      ),
    );
  }
  if (x.ceased !== undefined) {
    return err(
      refuse(
        "EXECUTION_HALTED",
        `本案中止执行满三年，已于 ${civilDateOf(x.ceased.at)} 决定不再执行（第三十九条第二款），不得再实施执行`,
        SRC.noLongerExecuted,
        { ceasedAt: x.ceased.at },
      ),
    );
  }
  if (x.suspended !== undefined) {
    return err(
      refuse(
        "EXECUTION_HALTED",
        `本案已于 ${civilDateOf(x.suspended.at)} 中止执行（第三十九条第一款第（${SUSPENSION_GROUND_ITEMS[x.suspended.ground]}）项）；中止的情形消失后，先恢复执行（execution.resume）`,
        { ...SRC.suspension, item: SUSPENSION_GROUND_ITEMS[x.suspended.ground] },
        { suspendedAt: x.suspended.at },
      ),
    );
  }
  return ok(true);
}

/** Whether execution has begun: a demand in force, an execution decision or a court application. */
const executionBegun = (c: PenaltyCaseContext) =>
  c.execution.demand !== undefined || c.execution.decision !== undefined || c.execution.application !== undefined;

/**
 * 中止执行 — `execution.suspend` (行政强制法 Art. 39 para. 1): by the organ, on one of the grounds
 * of the article (its item in the refusal and the event), with the facts and the written
 * decision (recording rules); only once execution has begun and while the fine is outstanding.
 * While suspended no demand, decision, service, act or application is accepted. The event
 * carries the end of the three years after which, unresumed, the organ may no longer execute
 * (`enforcement.suspensionLapse`, Art. 39 para. 2; {@link ceaseExecution}).
 */
export function suspendExecution(
  cmd: Cmd<"execution.suspend">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const source = { ...SRC.suspension, item: SUSPENSION_GROUND_ITEMS[cmd.ground] };
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  if (!executionBegun(c) || outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "没有正在进行的强制执行，无需中止", source));
  }
  const records = checkRecords("execution", "executionSuspension", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const lapseDue = caseDeadline("enforcement.suspensionLapse", civilDateOf(at), ctx);
  if (lapseDue.isErr()) return err(lapseDue.error);
  return ok({
    type: "execution.suspended",
    at,
    ground: cmd.ground,
    reason: cmd.reason,
    records: cmd.records,
    lapseDue: lapseDue.value,
  });
}

/**
 * 恢复执行 — `execution.resume` (行政强制法 Art. 39 para. 2): once the ground for suspension is
 * gone, by a written decision — also after three years when the organ does not find the
 * conditions of 不再执行 met.
 */
export function resumeExecution(
  cmd: Cmd<"execution.resume">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const x = c.execution;
  if (x.suspended === undefined || x.terminated !== undefined || x.ceased !== undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", "执行未中止，无需恢复", SRC.resumption));
  }
  const records = checkRecords("execution", "executionResumption", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  return ok({ type: "execution.resumed", at, reason: cmd.reason, records: cmd.records });
}

/**
 * 终结执行 — `execution.terminate` (行政强制法 Art. 40): on one of its grounds, with the facts and
 * the written decision; final — no execution step is accepted after it, and the case may
 * close with the fine unpaid.
 */
export function terminateExecution(
  cmd: Cmd<"execution.terminate">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const source = { ...SRC.termination, item: TERMINATION_GROUND_ITEMS[cmd.ground] };
  if (c.execution.terminated !== undefined || c.execution.ceased !== undefined) {
    return err(refuse("EXECUTION_HALTED", "本案已终结执行或者已决定不再执行", source));
  }
  if (outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "罚款已缴清，没有可终结的执行", source));
  }
  const records = checkRecords("execution", "executionTermination", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  return ok({ type: "execution.terminated", at, ground: cmd.ground, reason: cmd.reason, records: cmd.records });
}

/**
 * 不再执行 — `execution.cease` (行政强制法 Art. 39 para. 2: 对没有明显社会危害，当事人确无能力
 * 履行，中止执行满三年未恢复执行的，行政机关不再执行): only while execution is suspended and
 * after the three years from the suspension (`enforcement.suspensionLapse`) have run out; with
 * the organ's findings that there is no evident social harm and that the party truly cannot
 * perform, and its written decision. Final, like 终结执行: no execution step after it, and the
 * case may close with the fine unpaid. Before the three years: `EXECUTION_PREMATURE`.
 */
export function ceaseExecution(cmd: Cmd<"execution.cease">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const x = c.execution;
  if (x.terminated !== undefined || x.ceased !== undefined) {
    return err(refuse("EXECUTION_HALTED", "本案已终结执行或者已决定不再执行", SRC.noLongerExecuted));
  }
  const suspended = x.suspended;
  if (suspended === undefined || outstandingFen(c) === 0) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        suspended === undefined
          ? "执行未中止：不再执行只适用于中止执行满三年未恢复执行的案件"
          : "罚款已缴清，没有可不再执行的执行",
        SRC.noLongerExecuted,
      ),
    );
  }
  const suspendedOn = civilDateOf(suspended.at);
  let lapseDue = suspended.lapseDue;
  if (lapseDue === undefined) {
    // A suspension recorded before the event carried its three years.
    const counted = caseDeadline("enforcement.suspensionLapse", suspendedOn, ctx);
    if (counted.isErr()) return err(counted.error);
    lapseDue = counted.value;
  }
  const date = civilDateOf(at);
  if (compareCivilDates(date, lapseDue.due) <= 0) {
    return err(
      premature(
        `本案于 ${suspendedOn} 中止执行，至 ${lapseDue.due} 满三年；满三年未恢复执行的，方可决定不再执行`,
        SRC.noLongerExecuted,
        { suspendedOn, due: lapseDue.due },
      ),
    );
  }
  const records = checkRecords("execution", "executionCessation", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  return ok({
    type: "execution.ceased",
    at,
    noSocialHarm: cmd.noSocialHarm,
    inability: cmd.inability,
    suspendedOn,
    records: cmd.records,
  });
}
