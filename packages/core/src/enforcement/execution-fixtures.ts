// Shared by the execution tests (行政强制执行, execution-*.test.ts): a ¥5,000 case decided on
// 2025-03-10 and served directly on 2025-03-11 (payment due 2025-03-26), the execution
// commands the tests start from, and helpers to run commands through `decide` and `evolve`.
import type { CaseEvent } from "../recording/case-event.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import {
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

/** `HH:00` UTC on `date` — by default 02:00Z, 10:00 China time. */
export const day = (date: string, hourUtc = "02") => `${date}T${hourUtc}:00:00Z`;
/** Who acts in a step. */
export type Actor = typeof officerActor;
/** A command, when it is given, and by whom (default: the officer). */
export type Step = readonly [PenaltyCommandInput, string, Actor?];

/** The state after `cmd` is decided in `ctx` and its events folded in. */
export function step(s: CaseState, cmd: PenaltyCommandInput, ctx: DecideContext) {
  return decide(s, cmd, ctx).map((events) => {
    let next = s;
    for (const e of events) next = evolve(next, e)._unsafeUnwrap();
    return next;
  });
}

/** The state after each step in turn (throws on a refusal). */
export function run(steps: readonly Step[], s0: CaseState, ctxOf = ctxAt): CaseState {
  let s = s0;
  for (const [cmd, now, actor] of steps) s = step(s, cmd, ctxOf(now, actor ?? officerActor))._unsafeUnwrap();
  return s;
}

/** A context at `now` for a bureau a law gives the power of execution (行政强制法 Art. 13). */
export const selfEnforcing = (
  now: string,
  actor: Actor = officerActor,
  over: Partial<DecideContext> = {},
): DecideContext => ({
  ...ctxAt(now, actor),
  execution: { selfEnforcement: true },
  ...over,
});

/** The steps to a ¥5,000 fine decided on 2025-03-10 and served directly on 2025-03-11. */
export function servedSteps(statement = "请求从轻"): readonly Step[] {
  return [
    [fileCommand, day("2025-03-03")],
    [{ type: "investigation.record", actionId: "i", action: "inquiry", records: [transcript("t")] }, day("2025-03-04")],
    [{ type: "investigation.close", facts: "事实清楚" }, day("2025-03-05")],
    [noticeCommand(), day("2025-03-06")],
    [{ type: "defence.receive", statement }, day("2025-03-07")],
    [
      { type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("decision")] },
      day("2025-03-10"),
      headActor,
    ],
    [{ type: "decision.serve", method: "direct", records: [doc("receipt")] }, day("2025-03-11")],
  ];
}

/** Case `id` with the fine served (payment due 2025-03-26), and the events that made it. */
export function servedCase(
  id: string,
  statement?: string,
): { readonly state: CaseState; readonly events: CaseEvent[] } {
  const events: CaseEvent[] = [];
  let s = initialCaseState(id);
  for (const [cmd, now, actor] of servedSteps(statement)) {
    for (const e of decide(s, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap()) {
      s = evolve(s, e)._unsafeUnwrap();
      events.push(e);
    }
  }
  return { state: s, events };
}

/** 催告 served directly (行政强制法 Arts. 35, 38). */
export const demandCommand: Extract<PenaltyCommandInput, { type: "execution.demand" }> = {
  type: "execution.demand",
  method: "direct",
  records: [doc("demand")],
};
/** 申请人民法院强制执行 (Arts. 53–55). */
export const applyCommand: Extract<PenaltyCommandInput, { type: "execution.apply" }> = {
  type: "execution.apply",
  court: "中卫市沙坡头区人民法院",
  records: [doc("app")],
};
/** 强制执行决定 by 划拨存款 (Art. 37). */
export const decideExecutionCommand: Extract<PenaltyCommandInput, { type: "execution.decide" }> = {
  type: "execution.decide",
  means: "划拨存款",
  records: [doc("decision")],
};
