import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { IdSchema } from "../../kernel/ports.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { InstantSchema } from "../../kernel/time.js";
import type { CaseEvent } from "../../recording/case-event.js";
import type { Stage } from "../../recording/vocabulary.js";
import { RecordRefSchema } from "../commands.js";
import { CaseDeadlineSchema } from "../events.js";
import { checkNextEvent, procedureEventOf } from "../stream.js";
import { InspectionTaskDrawnSchema } from "./draw.js";

/** 检查结果 — `pass` 合格, `fail` 不合格 (transferred to a penalty case), `notFound` 未发现（查无下落）. */
export const InspectionResultSchema = z.enum(["pass", "fail", "notFound"]);
/** 检查结果 (see {@link InspectionResultSchema}). */
export type InspectionResult = z.infer<typeof InspectionResultSchema>;
/** The Chinese label of each {@link InspectionResult}, as published. */
export const INSPECTION_RESULT_LABELS: Readonly<Record<InspectionResult, string>> = {
  pass: "合格",
  fail: "不合格",
  notFound: "未发现",
};

const at = InstantSchema.optional();

/**
 * 行政检查命令 — what an app asks of one inspection case (one drawn entity of a task):
 * `inspection.open` 建立检查案件 (the task event and the entity); `inspection.record` 实施检查
 * (the officers present, certificate shown, records, findings); `inspection.conclude` 作出
 * 检查结果 (a fail names the penalty case it goes to); `inspection.publish` 公示检查结果.
 */
export const InspectionCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("inspection.open"), at, task: InspectionTaskDrawnSchema, uscc: z.string().trim().min(1) }),
  z.object({
    type: z.literal("inspection.record"),
    at,
    /** 检查结束时间 (default `at`). */
    endedAt: InstantSchema.optional(),
    /** The officers who inspected: drawn for this entity. */
    officerIds: z.array(IdSchema).min(1).readonly(),
    /** 出示执法证件 (行政处罚法 Art. 55). */
    certificateShown: z.boolean(),
    /** 检查情况. */
    findings: z.string().trim().min(1),
    records: z.array(RecordRefSchema).readonly().default([]),
  }),
  z.object({
    type: z.literal("inspection.conclude"),
    at,
    result: InspectionResultSchema,
    /** 移送的行政处罚案件编号 — required for `fail`. */
    penaltyCaseId: IdSchema.optional(),
    /** 结果说明. */
    remarks: z.string().trim().min(1).optional(),
  }),
  z.object({ type: z.literal("inspection.publish"), at, channel: z.string().trim().min(1).optional() }),
]);
/** 行政检查命令 (see {@link InspectionCommandSchema}). */
export type InspectionCommand = z.infer<typeof InspectionCommandSchema>;
/** A command as an app may write it (defaults not yet applied). */
export type InspectionCommandInput = z.input<typeof InspectionCommandSchema>;

/** 行政检查事件 — what happened in an inspection case, as the `type` and `payload` of a `CaseEvent`. */
export const InspectionEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("inspection.opened"),
    at: InstantSchema,
    taskId: IdSchema,
    itemCodes: z.array(z.string()).readonly(),
    bodyId: z.string(),
    category: z.string(),
    regionCode: z.string(),
    uscc: z.string(),
    /** The inspectors drawn for the entity. */
    assignedOfficerIds: z.array(z.string()).readonly(),
  }),
  z.object({
    type: z.literal("inspection.recorded"),
    at: InstantSchema,
    endedAt: InstantSchema,
    officerIds: z.array(z.string()).readonly(),
    findings: z.string(),
    records: z.array(RecordRefSchema).readonly(),
    /** 结果公示期限, from the end of the inspection. */
    publishDue: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("inspection.concluded"),
    at: InstantSchema,
    result: InspectionResultSchema,
    penaltyCaseId: IdSchema.optional(),
    remarks: z.string().optional(),
  }),
  z.object({
    type: z.literal("inspection.published"),
    at: InstantSchema,
    channel: z.string().optional(),
    /** Published after `publishDue` (recorded, not refused: the result must still be published). */
    late: z.boolean(),
  }),
]);
/** 行政检查事件 (see {@link InspectionEventSchema}). */
export type InspectionEvent = z.infer<typeof InspectionEventSchema>;

/** The event each command produces when accepted. */
export const INSPECTION_COMMAND_EVENTS = {
  "inspection.open": "inspection.opened",
  "inspection.record": "inspection.recorded",
  "inspection.conclude": "inspection.concluded",
  "inspection.publish": "inspection.published",
} as const satisfies Readonly<Record<InspectionCommand["type"], InspectionEvent["type"]>>;

/** 事件所属环节 — the whole-process stage of each event. */
export const INSPECTION_EVENT_STAGES: Readonly<Record<InspectionEvent["type"], Stage>> = {
  "inspection.opened": "filing",
  "inspection.recorded": "investigation",
  "inspection.concluded": "decision",
  "inspection.published": "closing",
};

/** 检查案件状态: `none` 未建立, `assigned` 已选派, `inspected` 已检查, `concluded` 已出结果, `published` 已公示. */
export type InspectionStateName = "none" | "assigned" | "inspected" | "concluded" | "published";

/** The Chinese name of each {@link InspectionStateName}. */
export const INSPECTION_STATE_NAMES: Readonly<Record<InspectionStateName, string>> = {
  none: "未建立",
  assigned: "已选派检查人员",
  inspected: "已实施检查",
  concluded: "已作出检查结果",
  published: "检查结果已公示",
};

/** The state each event leads to, and the state it applies in. */
export const INSPECTION_TRANSITIONS: Readonly<
  Record<InspectionEvent["type"], { readonly from: InspectionStateName; readonly to: InspectionStateName }>
> = {
  "inspection.opened": { from: "none", to: "assigned" },
  "inspection.recorded": { from: "assigned", to: "inspected" },
  "inspection.concluded": { from: "inspected", to: "concluded" },
  "inspection.published": { from: "concluded", to: "published" },
};

/** 检查案件 — an inspection case as the fold of its events (plain JSON). */
export interface InspectionCaseState {
  /** The case. */
  readonly caseId: string;
  /** Stream version: the number of events folded. */
  readonly version: number;
  /** 状态. */
  readonly value: InspectionStateName;
  /** The opening event (task, entity, drawn inspectors). */
  readonly opened?: Extract<InspectionEvent, { type: "inspection.opened" }>;
  /** The inspection. */
  readonly recorded?: Extract<InspectionEvent, { type: "inspection.recorded" }>;
  /** The result. */
  readonly concluded?: Extract<InspectionEvent, { type: "inspection.concluded" }>;
  /** The publication. */
  readonly published?: Extract<InspectionEvent, { type: "inspection.published" }>;
  /** When the last act took place. */
  readonly lastAt?: string;
}

/** An inspection case before any event. */
export function initialInspectionState(caseId: string): InspectionCaseState {
  return { caseId, version: 0, value: "none" };
}

/**
 * 应用事件 — the state after one stored event: `EVENT_SEQUENCE_INVALID` when it is not the
 * next of this case, `INVALID_INPUT` when its payload is not an inspection event,
 * `COMMAND_NOT_ALLOWED` when the state does not accept it.
 */
export function evolveInspection(
  state: InspectionCaseState,
  event: CaseEvent,
): Result<InspectionCaseState, SanxiangError> {
  const next = checkNextEvent(state, event);
  if (next.isErr()) return err(next.error);
  const parsed = procedureEventOf(InspectionEventSchema, event);
  if (parsed.isErr()) return err(parsed.error);
  const e = parsed.value;
  const t = INSPECTION_TRANSITIONS[e.type];
  if (t.from !== state.value) {
    return err(
      sanxiangError("COMMAND_NOT_ALLOWED", `案件处于「${INSPECTION_STATE_NAMES[state.value]}」，不能应用 ${e.type}`, {
        details: { state: state.value, event: e.type },
      }),
    );
  }
  const base = { ...state, version: event.seq, value: t.to, lastAt: e.at };
  switch (e.type) {
    case "inspection.opened":
      return ok({ ...base, opened: e });
    case "inspection.recorded":
      return ok({ ...base, recorded: e });
    case "inspection.concluded":
      return ok({ ...base, concluded: e });
    case "inspection.published":
      return ok({ ...base, published: e });
  }
}

/** 折叠 — an inspection case as the fold of its stored events (oldest first). */
export function foldInspection(
  caseId: string,
  events: readonly CaseEvent[],
): Result<InspectionCaseState, SanxiangError> {
  let state = initialInspectionState(caseId);
  for (const e of events) {
    const next = evolveInspection(state, e);
    if (next.isErr()) return err(next.error);
    state = next.value;
  }
  return ok(state);
}
