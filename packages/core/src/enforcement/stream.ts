import type { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { CaseEvent } from "../recording/case-event.js";

/**
 * `EVENT_SEQUENCE_INVALID` unless `event` is the next event of the case at `state`
 * (same case id, `seq` = version + 1); shared by the procedures' fold functions.
 */
export function checkNextEvent(
  state: { readonly caseId: string; readonly version: number },
  event: CaseEvent,
): Result<true, SanxiangError> {
  if (event.caseId === state.caseId && event.seq === state.version + 1) return ok(true);
  return err(
    sanxiangError("EVENT_SEQUENCE_INVALID", `案件 ${state.caseId} 的下一个事件序号应为 ${state.version + 1}`, {
      details: { caseId: state.caseId, expectedSeq: state.version + 1, got: { caseId: event.caseId, seq: event.seq } },
    }),
  );
}

/** A procedure's event read from a stored envelope (its `type` and `payload`), or `INVALID_INPUT`. */
export function procedureEventOf<T>(schema: z.ZodType<T>, event: CaseEvent): Result<T, SanxiangError> {
  const parsed = schema.safeParse({ ...event.payload, type: event.type });
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("INVALID_INPUT", `事件 ${event.type}（第 ${event.seq} 号）无效`, { details: { seq: event.seq } }),
  );
}
