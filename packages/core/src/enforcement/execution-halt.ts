import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { civilDateOf, type Instant } from "../kernel/time.js";
import { outstandingFen, type PenaltyCaseContext } from "./context.js";
import { EXECUTION_SOURCES as SRC, SUSPENSION_GROUND_ITEMS, TERMINATION_GROUND_ITEMS } from "./execution.js";
import type { Cmd, R } from "./execution-common.js";
import { refuse } from "./guards.js";

/**
 * 中止、终结执行 — no execution step while execution is suspended (行政强制法 Art. 39; resume it
 * first) or after it was terminated (Art. 40).
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
 * of the article (its item in the refusal and the event), with the facts; only once execution
 * has begun and while the fine is outstanding. While suspended no demand, decision, service,
 * act or application is accepted.
 */
export function suspendExecution(cmd: Cmd<"execution.suspend">, at: Instant, c: PenaltyCaseContext): R {
  const source = { ...SRC.suspension, item: SUSPENSION_GROUND_ITEMS[cmd.ground] };
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  if (!executionBegun(c) || outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "没有正在进行的强制执行，无需中止", source));
  }
  return ok({ type: "execution.suspended", at, ground: cmd.ground, reason: cmd.reason, records: cmd.records });
}

/** 恢复执行 — `execution.resume` (行政强制法 Art. 39 para. 2): once the ground for suspension is gone. */
export function resumeExecution(cmd: Cmd<"execution.resume">, at: Instant, c: PenaltyCaseContext): R {
  if (c.execution.suspended === undefined || c.execution.terminated !== undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", "执行未中止，无需恢复", SRC.resumption));
  }
  return ok({ type: "execution.resumed", at, reason: cmd.reason, records: cmd.records });
}

/**
 * 终结执行 — `execution.terminate` (行政强制法 Art. 40): on one of its grounds, with the facts;
 * final — no execution step is accepted after it, and the case may close with the fine
 * unpaid.
 */
export function terminateExecution(cmd: Cmd<"execution.terminate">, at: Instant, c: PenaltyCaseContext): R {
  const source = { ...SRC.termination, item: TERMINATION_GROUND_ITEMS[cmd.ground] };
  if (c.execution.terminated !== undefined) {
    return err(refuse("EXECUTION_HALTED", "本案已终结执行", source));
  }
  if (outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "罚款已缴清，没有可终结的执行", source));
  }
  return ok({ type: "execution.terminated", at, ground: cmd.ground, reason: cmd.reason, records: cmd.records });
}
