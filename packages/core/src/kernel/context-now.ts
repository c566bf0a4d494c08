// The context's `now` (当前时间), from the Clock port, checked where a decider starts: a bad
// clock is reported as the clock's value, not later as an event with a bad `at`.
import { describeValue } from "./describe-value.js";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { err, ok, type Result } from "./result.js";
import { type Instant, isInstant } from "./time.js";

/**
 * 当前时间检查 — `ctx.now` as an {@link Instant}, or `INSTANT_INVALID` naming the context
 * value (`ctx.now`, from the Clock port) that is wrong, what it should be, and where to look
 * (the clock given to the bureau or the context built by hand). `what` names the context
 * (default `上下文`).
 */
export function checkContextNow(now: unknown, what = "上下文"): Result<Instant, SanxiangError> {
  if (typeof now === "string" && isInstant(now)) return ok(now);
  const shown = typeof now === "string" ? `"${describeValue(now)}"` : describeValue(now);
  return err(
    sanxiangError(
      "INSTANT_INVALID",
      `${what}的当前时间 now（时钟 Clock 提供）为 ${shown}，应为 UTC 时间点，ISO 8601 格式（如 2026-03-01T08:00:00Z）：请检查传入的时钟或手工构造的上下文，命令未执行`,
      { details: { field: "now", value: describeValue(now) } },
    ),
  );
}
