import { authorize, type Permission } from "../../kernel/actors.js";
import { checkContextNow } from "../../kernel/context-now.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { checkInputTexts } from "../../kernel/input-text.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { civilDateOf, compareCivilDates, epochMillis, type Instant } from "../../kernel/time.js";
import type { CaseEvent } from "../../recording/case-event.js";
import { caseDeadline, checkRecords, type DecideContext, refuse } from "../guards.js";
import { checkInspectionAuthority, checkInspector, type InspectionActScope } from "./authority.js";
import {
  INSPECTION_COMMAND_EVENTS,
  INSPECTION_EVENT_STAGES,
  INSPECTION_STATE_NAMES,
  INSPECTION_TRANSITIONS,
  type InspectionCaseState,
  type InspectionCommand,
  type InspectionCommandInput,
  InspectionCommandSchema,
  type InspectionEvent,
} from "./case.js";
import { replayDraw } from "./draw.js";
import { INSPECTION_SOURCES as SRC } from "./pools.js";

/**
 * 行政检查决定上下文 — the ordinary {@link DecideContext} plus the period the result must be
 * published within (`publishPeriodId`, default `disclosure.general`: 20 working days,
 * configurable through `periods`).
 */
export interface InspectionDecideContext extends DecideContext {
  /** 结果公示期限规则 (default `disclosure.general`). */
  readonly publishPeriodId?: string;
}

/** The permission each command needs (no inspection-specific permission exists yet). */
export const INSPECTION_PERMISSIONS: Readonly<Record<InspectionCommand["type"], Permission>> = {
  "inspection.open": "case.investigate",
  "inspection.record": "case.investigate",
  "inspection.conclude": "case.investigate",
  "inspection.publish": "case.investigate",
};

type R = Result<InspectionEvent, SanxiangError>;

const scopeOfTask = (task: Cmd<"inspection.open">["task"]): InspectionActScope => ({
  bodyId: task.bodyId,
  category: task.category,
  regionCode: task.regionCode,
});

function scopeOfCase(s: InspectionCaseState): InspectionActScope | undefined {
  const o = s.opened;
  return o === undefined
    ? undefined
    : { bodyId: o.bodyId, category: o.category, regionCode: o.regionCode, drawn: o.assignedOfficerIds };
}
type Cmd<T extends InspectionCommand["type"]> = Extract<InspectionCommand, { type: T }>;

function open(cmd: Cmd<"inspection.open">, at: Instant, ctx: InspectionDecideContext): R {
  const replay = replayDraw(cmd.task);
  if (replay.isErr()) return err(replay.error);
  const uscc = cmd.uscc.toUpperCase();
  const a = cmd.task.assignments.find((x) => x.uscc === uscc);
  if (a === undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", `${uscc} 不在抽查任务 ${cmd.task.taskId} 的抽取结果中`, SRC.randomDraw));
  }
  // The inspectors drawn for the entity are still in the registry, in post and certified on
  // the day the case opens; one who is not must be replaced by a new draw, not skipped.
  const scope = scopeOfTask(cmd.task);
  for (const id of a.officerIds) {
    const q = checkInspector(id, scope, civilDateOf(at), ctx, "实施本次抽查");
    if (q.isErr()) {
      const e = q.error;
      return err(
        sanxiangError(e.code, `${e.message}。下一步：对该市场主体重新抽取检查人员后再建立检查案件`, {
          ...(e.source === undefined ? {} : { source: e.source }),
          details: { ...e.details, taskId: cmd.task.taskId, uscc },
        }),
      );
    }
  }
  return ok({
    type: "inspection.opened",
    at,
    taskId: cmd.task.taskId,
    itemCodes: cmd.task.itemCodes,
    bodyId: cmd.task.bodyId,
    category: cmd.task.category,
    regionCode: cmd.task.regionCode,
    uscc,
    assignedOfficerIds: a.officerIds,
  });
}

function record(cmd: Cmd<"inspection.record">, at: Instant, s: InspectionCaseState, ctx: InspectionDecideContext): R {
  const o = s.opened;
  if (o === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", "检查案件尚未建立"));
  const stray = cmd.officerIds.filter((id) => !o.assignedOfficerIds.includes(id));
  if (stray.length > 0) {
    return err(
      refuse("COMMAND_NOT_ALLOWED", `执法检查人员 ${stray.join("、")} 不是随机选派的人员`, SRC.randomDraw, { stray }),
    );
  }
  if (!cmd.officerIds.includes(ctx.actor.id)) {
    return err(refuse("COMMAND_NOT_ALLOWED", "录入检查情况的人员应在实施检查的人员之列", SRC.randomDraw));
  }
  if (!cmd.certificateShown) return err(refuse("COMMAND_NOT_ALLOWED", "检查时应当主动出示执法证件", SRC.certificate));
  const endedAt = cmd.endedAt ?? at;
  if (epochMillis(endedAt) < epochMillis(at) || epochMillis(endedAt) > epochMillis(ctx.now)) {
    return err(sanxiangError("INVALID_INPUT", `检查结束时间 ${endedAt} 应在开始之后、当前时间之前`));
  }
  // Each officer recorded as present: in the registry, of the task's body, in post, certified that day.
  const scope: InspectionActScope = { bodyId: o.bodyId, category: o.category, regionCode: o.regionCode };
  for (const id of cmd.officerIds) {
    const q = checkInspector(id, scope, civilDateOf(at), ctx, "实施检查");
    if (q.isErr()) return err(q.error);
  }
  const action = { category: o.category, regionCode: o.regionCode, kind: "inspection" as const, bodyId: o.bodyId };
  const team = ctx.bodies.checkTwoOfficers(cmd.officerIds, action, civilDateOf(at), ctx.officerPolicy);
  if (team.isErr()) return err(team.error);
  const recs = checkRecords("investigation", "randomInspection", cmd.records, ctx, at, endedAt);
  if (recs.isErr()) return err(recs.error);
  const due = caseDeadline(ctx.publishPeriodId ?? "disclosure.general", civilDateOf(endedAt), ctx);
  if (due.isErr()) return err(due.error);
  return ok({
    type: "inspection.recorded",
    at,
    endedAt,
    officerIds: cmd.officerIds,
    findings: cmd.findings,
    records: cmd.records,
    publishDue: due.value,
  });
}

function eventFor(cmd: InspectionCommand, at: Instant, s: InspectionCaseState, ctx: InspectionDecideContext): R {
  switch (cmd.type) {
    case "inspection.open":
      return open(cmd, at, ctx);
    case "inspection.record":
      return record(cmd, at, s, ctx);
    case "inspection.conclude":
      if (cmd.result === "fail" && cmd.penaltyCaseId === undefined) {
        return err(refuse("COMMAND_NOT_ALLOWED", "检查不合格的，应当移送立案调查并载明处罚案件编号", SRC.transfer));
      }
      if (cmd.result !== "fail" && cmd.penaltyCaseId !== undefined) {
        return err(sanxiangError("INVALID_INPUT", "检查结果不是不合格，不应载明移送的处罚案件"));
      }
      return ok({
        type: "inspection.concluded",
        at,
        result: cmd.result,
        ...(cmd.penaltyCaseId === undefined ? {} : { penaltyCaseId: cmd.penaltyCaseId }),
        ...(cmd.remarks === undefined ? {} : { remarks: cmd.remarks }),
      });
    case "inspection.publish": {
      const due = s.recorded?.publishDue.due;
      const late = due !== undefined && compareCivilDates(civilDateOf(at), due) > 0;
      return ok({
        type: "inspection.published",
        at,
        late,
        ...(cmd.channel === undefined ? {} : { channel: cmd.channel }),
      });
    }
  }
}

/**
 * 行政检查决定 — the pure decider of one inspection case of a random-inspection task: given
 * its state, a command and the context, the event to append, or the coded refusal. In
 * order: schema (`INVALID_INPUT`); role (`PERMISSION_DENIED`); time (not after `now`, not
 * before the last act); state (`COMMAND_NOT_ALLOWED`); then the rule guards — the task's
 * draw re-runs from its seed and names the entity (`INSPECTION_DRAW_MISMATCH`, 优化营商环境
 * 条例 Art. 54); only drawn inspectors inspect; certificate shown (行政处罚法 Art. 55); two
 * qualified officers (Art. 42); the inspection records (`RECORDING_INCOMPLETE`, Art. 47);
 * who acts checked against the registry ({@link checkInspectionAuthority}: of the task's
 * body, in post, certified that day, an officer one of the inspectors drawn for the entity,
 * a claimed head backed — `ACTOR_NOT_REGISTERED`, `OFFICER_NOT_QUALIFIED`, `NOT_ON_CASE_TEAM`,
 * `ROLE_NOT_BACKED`, naming the officer), the drawn inspectors still qualified on the day the
 * case opens and every officer recorded as present qualified that day ({@link checkInspector});
 * a failed inspection goes to a penalty case (Art. 54). Publication after the deadline is
 * recorded as `late`, not refused.
 */
export function decideInspection(
  state: InspectionCaseState,
  input: InspectionCommandInput,
  ctx: InspectionDecideContext,
): Result<CaseEvent[], SanxiangError> {
  const now = checkContextNow(ctx.now);
  if (now.isErr()) return err(now.error);
  const texts = checkInputTexts(input, "命令无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = InspectionCommandSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("命令无效", parsed.error.issues, input));
  const cmd = parsed.data;
  const allowed = authorize(ctx.actor, INSPECTION_PERMISSIONS[cmd.type], ctx.permissions);
  if (allowed.isErr()) return err(allowed.error);
  const at = cmd.at ?? ctx.now;
  const last = state.lastAt;
  if (epochMillis(at) > epochMillis(ctx.now) || (last !== undefined && epochMillis(at) < epochMillis(last))) {
    return err(
      sanxiangError("INVALID_INPUT", `行为时间 ${at} 不能晚于当前时间，也不能早于本案上一步（${last ?? "无"}）`, {
        details: { at, now: ctx.now, lastAt: last },
      }),
    );
  }
  const type = INSPECTION_COMMAND_EVENTS[cmd.type];
  if (INSPECTION_TRANSITIONS[type].from !== state.value) {
    return err(
      sanxiangError("COMMAND_NOT_ALLOWED", `案件处于「${INSPECTION_STATE_NAMES[state.value]}」，不能执行 ${cmd.type}`, {
        details: { state: state.value, command: cmd.type },
      }),
    );
  }
  // Who acts, against the registry: of the task's body, in post, certified that day for the
  // inspection; an officer one of the inspectors drawn for the entity; a claimed head backed.
  const scope = cmd.type === "inspection.open" ? scopeOfTask(cmd.task) : scopeOfCase(state);
  if (scope !== undefined) {
    const authority = checkInspectionAuthority(
      ctx.actor,
      INSPECTION_PERMISSIONS[cmd.type],
      scope,
      civilDateOf(at),
      ctx,
    );
    if (authority.isErr()) return err(authority.error);
  }
  const event = eventFor(cmd, at, state, ctx);
  if (event.isErr()) return err(event.error);
  const { type: eventType, ...payload } = event.value;
  return ok([
    {
      caseId: state.caseId,
      seq: state.version + 1,
      type: eventType,
      at: ctx.now,
      actor: { id: ctx.actor.id, roles: [...ctx.actor.roles] },
      stage: INSPECTION_EVENT_STAGES[eventType],
      payload: payload as Record<string, unknown>,
    },
  ]);
}
