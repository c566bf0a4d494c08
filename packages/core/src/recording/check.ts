import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { epochMillis, type Instant, InstantSchema } from "../kernel/time.js";
import { DEFAULT_RECORDING_RULES, type RecordingRequirement, type RecordingRules, rulesFor } from "./rules.js";
import {
  ActionNameSchema,
  RECORD_KIND_NAMES,
  type RecordKind,
  RecordKindSchema,
  STAGE_NAMES,
  type Stage,
  StageSchema,
} from "./vocabulary.js";

/** 执法活动 — an action performed in a case: what, in which stage, when (start, optional end). */
export const PerformedActionSchema = z
  .object({
    /** Id of the action within the case; records refer to it. */
    id: IdSchema,
    /** Stage the case was in. */
    stage: StageSchema,
    /** Action name (see {@link KNOWN_ACTIONS}). */
    action: ActionNameSchema,
    /** When the action began. */
    at: InstantSchema,
    /** When it ended, when known. */
    endedAt: InstantSchema.optional(),
  })
  .readonly();
/** 执法活动 — see {@link PerformedActionSchema}. */
export type PerformedAction = z.infer<typeof PerformedActionSchema>;

/**
 * 执法记录 — a record attached to an action: its kind, the evidence items that hold it and,
 * for audio-video, whether it covers the whole process and its start and end.
 */
export const AttachedRecordSchema = z
  .object({
    /** Id of the record. */
    id: IdSchema,
    /** Kind of record. */
    kind: RecordKindSchema,
    /** The action it records. */
    actionId: IdSchema,
    /** Evidence items (files) that hold it. */
    evidenceIds: z.array(IdSchema).readonly(),
    /** 全程记录 — recorded continuously from the start of the action to its end. */
    wholeProcess: z.boolean().optional(),
    /** Recording start (audio-video). */
    startedAt: InstantSchema.optional(),
    /** Recording end (audio-video). */
    endedAt: InstantSchema.optional(),
    /** Duration in seconds (audio-video). */
    durationSeconds: z.number().int().nonnegative().optional(),
  })
  .readonly();
/** 执法记录 — see {@link AttachedRecordSchema}. */
export type AttachedRecord = z.infer<typeof AttachedRecordSchema>;

/** 案件记录情况 — the plain data a procedure hands to {@link checkRecording}. */
export const CaseRecordingSchema = z
  .object({
    /** Actions performed so far. */
    actions: z.array(PerformedActionSchema).readonly(),
    /** Records attached so far. */
    records: z.array(AttachedRecordSchema).readonly(),
  })
  .readonly();
/** 案件记录情况 — see {@link CaseRecordingSchema}. */
export type CaseRecording = z.infer<typeof CaseRecordingSchema>;

/** Why a row is not satisfied: no record of the kinds, or none covering the whole process. */
export type RecordingGapReason = "missing" | "notWholeProcess";

/** 记录缺失 — a row not satisfied for an action: what is missing and the rule's source. */
export interface RecordingGap {
  /** The action's id. */
  readonly actionId: string;
  /** The action's name. */
  readonly action: string;
  /** The stage it was performed in. */
  readonly stage: Stage;
  /** The row not satisfied. */
  readonly ruleId: string;
  /** Any one of these kinds would satisfy it. */
  readonly kinds: readonly RecordKind[];
  /** Required or as circumstances require. */
  readonly requirement: RecordingRequirement;
  /** Whether the row asks for a whole-process record. */
  readonly wholeProcess: boolean;
  /** Missing, or present but not covering the whole process. */
  readonly reason: RecordingGapReason;
  /** Chinese description, e.g. `查封扣押（act-1）缺少全程录音或录像：…（依据：…）`. */
  readonly message: string;
  /** The rule's source. */
  readonly source: RuleSource;
}

/** 记录检查结果 — the outcome of {@link checkRecording}. */
export interface RecordingReport {
  /** True when no required row is unsatisfied. */
  readonly complete: boolean;
  /** Unsatisfied required rows (应当记录而未记录). */
  readonly gaps: readonly RecordingGap[];
  /** Unsatisfied "as circumstances require" rows (建议记录). */
  readonly advisories: readonly RecordingGap[];
}

/** True when `record` covers `action` from start to end (its flag, and its span when given). */
export function coversWholeProcess(record: AttachedRecord, action: Pick<PerformedAction, "at" | "endedAt">): boolean {
  if (record.wholeProcess !== true) return false;
  const end: Instant = action.endedAt ?? action.at;
  if (record.startedAt !== undefined && epochMillis(record.startedAt) > epochMillis(action.at)) return false;
  if (record.endedAt !== undefined && epochMillis(record.endedAt) < epochMillis(end)) return false;
  return true;
}

function gapMessage(
  name: string,
  actionId: string,
  kinds: readonly RecordKind[],
  reason: RecordingGapReason,
  description: string,
  source: RuleSource,
): string {
  const kindText = kinds.map((k) => RECORD_KIND_NAMES[k]).join("或");
  const what = reason === "missing" ? `缺少${kindText}` : `的${kindText}未覆盖执法全过程`;
  return `${name}（${actionId}）${what}：${description}（依据：${formatSource(source)}）`;
}

/**
 * 本案音像证据 — what {@link checkRecording} reads of an evidence item attached to the case
 * (recording `AttachedEvidence`, `evidence.attached`): the item's id, media type and capture
 * time, the stage it was attached in, the action it records (and the action's id), and for
 * audio-video whether it covers the whole process and when it ended.
 */
export interface CaseEvidenceRecord {
  /** The item. */
  readonly item: { readonly id: string; readonly mediaType: string; readonly capturedAt: Instant };
  /** The stage it was attached in. */
  readonly stage: Stage;
  /** 执法行为 it records. */
  readonly action?: string | undefined;
  /** The action's id within the case. */
  readonly actionId?: string | undefined;
  /** 全程记录. */
  readonly wholeProcess?: boolean | undefined;
  /** When the recording ended. */
  readonly endedAt?: Instant | undefined;
}

/**
 * 音像证据计入记录 — the case's recording with its attached audio-video items counted as
 * records: an item counts for a performed action of its stage and action name (and its id,
 * when both name one), captured after the previous performed action of that name and stage
 * began and not after the action ended (its time when it has no end) — the window the
 * procedure's gate reads, never narrower. Each counts as a `video` or `audio` record (by its
 * media type) with its whole-process flag and span; other media types count for nothing here
 * (text records are the procedure's own). Pure.
 */
export function withAttachedEvidence(recording: CaseRecording, evidence: readonly CaseEvidenceRecord[]): CaseRecording {
  const extra: AttachedRecord[] = [];
  const previous = new Map<string, Instant>();
  for (const action of recording.actions) {
    const key = `${action.stage}\u0000${action.action}`;
    const after = previous.get(key);
    previous.set(key, action.at);
    const until = epochMillis(action.endedAt ?? action.at);
    for (const e of evidence) {
      const kind: RecordKind | undefined = e.item.mediaType.startsWith("video/")
        ? "video"
        : e.item.mediaType.startsWith("audio/")
          ? "audio"
          : undefined;
      if (kind === undefined || e.stage !== action.stage || e.action !== action.action) continue;
      // An item naming an action id counts only for that action — unless the action has no id
      // of its own (the procedure's generated `<event>@<time>`), as at the gate.
      if (e.actionId !== undefined && e.actionId !== action.id && !action.id.endsWith(`@${action.at}`)) continue;
      const captured = epochMillis(e.item.capturedAt);
      if (captured > until || (after !== undefined && captured <= epochMillis(after))) continue;
      if (recording.records.some((r) => r.actionId === action.id && r.evidenceIds.includes(e.item.id))) continue;
      extra.push({
        id: e.item.id,
        kind,
        actionId: action.id,
        evidenceIds: [e.item.id],
        ...(e.wholeProcess === undefined ? {} : { wholeProcess: e.wholeProcess }),
        startedAt: e.item.capturedAt,
        ...(e.endedAt === undefined ? {} : { endedAt: e.endedAt }),
      });
    }
  }
  return extra.length === 0 ? recording : { actions: recording.actions, records: [...recording.records, ...extra] };
}

/**
 * 记录完整性检查 — checks the records of a case against the rules: for every action
 * performed, every row that applies to it (its action, and its stage when the row names
 * one) must be satisfied by a record attached to that action of one of the row's kinds —
 * covering the whole process when the row asks so. Unsatisfied required rows are gaps;
 * unsatisfied "as circumstances require" rows are advisories. Actions no row names need
 * nothing. With `evidence` (the case's attached items), an audio-video file attached for
 * an action counts as its record ({@link withAttachedEvidence}), as it does at the
 * procedure's gate. Pure: the input is plain data, already parsed.
 */
export function checkRecording(
  caseRecording: CaseRecording,
  rules: RecordingRules = DEFAULT_RECORDING_RULES,
  evidence: readonly CaseEvidenceRecord[] = [],
): RecordingReport {
  const withEvidence = evidence.length === 0 ? caseRecording : withAttachedEvidence(caseRecording, evidence);
  const byAction = new Map<string, AttachedRecord[]>();
  for (const r of withEvidence.records) {
    const list = byAction.get(r.actionId);
    if (list === undefined) byAction.set(r.actionId, [r]);
    else list.push(r);
  }
  const gaps: RecordingGap[] = [];
  const advisories: RecordingGap[] = [];
  for (const action of withEvidence.actions) {
    const records = byAction.get(action.id) ?? [];
    const name = rules.actions[action.action]?.name ?? action.action;
    for (const rule of rulesFor(rules, action.stage, action.action)) {
      const ofKind = records.filter((r) => rule.kinds.includes(r.kind));
      const reason: RecordingGapReason | undefined =
        ofKind.length === 0
          ? "missing"
          : rule.wholeProcess && !ofKind.some((r) => coversWholeProcess(r, action))
            ? "notWholeProcess"
            : undefined;
      if (reason === undefined) continue;
      const gap: RecordingGap = {
        actionId: action.id,
        action: action.action,
        stage: action.stage,
        ruleId: rule.id,
        kinds: rule.kinds,
        requirement: rule.requirement,
        wholeProcess: rule.wholeProcess,
        reason,
        message: gapMessage(name, action.id, rule.kinds, reason, rule.description, rule.source),
        source: rule.source,
      };
      (rule.requirement === "required" ? gaps : advisories).push(gap);
    }
  }
  return { complete: gaps.length === 0, gaps, advisories };
}

/** 全过程记录 — 行政处罚法 Art. 47: the whole enforcement process is recorded in text or audio-video. */
const WHOLE_PROCESS_SOURCE: RuleSource = { law: "行政处罚法", article: 47, confidence: "C-law" };

/**
 * 未知执法行为 — `RECORDING_ACTION_UNKNOWN` when `action` is not an action of `rules` (the
 * defaults of {@link KNOWN_ACTIONS} and those the bureau declared), else `undefined`. An
 * action no rule knows would escape every recording rule silently (a misspelt
 * `onSiteCheck` for `siteInspection`), so it is refused with the list of known actions.
 */
export function unknownAction(
  action: string,
  rules: RecordingRules = DEFAULT_RECORDING_RULES,
): SanxiangError | undefined {
  if (Object.hasOwn(rules.actions, action)) return undefined;
  const known = Object.entries(rules.actions).map(([key, info]) => `${key}（${info.name}）`);
  return sanxiangError(
    "RECORDING_ACTION_UNKNOWN",
    `执法行为「${action}」不在记录规则中，可用的执法行为为：${known.join("、")}；本机关另有的执法行为请先以 defineRecordingRules 的 actions 声明（依据：${formatSource(WHOLE_PROCESS_SOURCE)}）`,
    { source: WHOLE_PROCESS_SOURCE, details: { action, allowed: Object.keys(rules.actions) } },
  );
}

/** Where the action of {@link requireRecords} happened, for whole-process rows: its start and end. */
export interface ActionSpan {
  /** When the action began. */
  readonly at: Instant;
  /** When it ended. */
  readonly endedAt?: Instant;
}

/**
 * 记录门槛 — what a procedure transition calls before moving on: are the records of this
 * action complete? `ok(true)` when every required row for (`stage`, `action`) is satisfied
 * by `records` (all taken as records of this action); otherwise `RECORDING_INCOMPLETE`,
 * whose message names every gap, whose `source` is the first gap's rule and whose
 * `details.gaps` lists them all. Without `span`, a whole-process row is satisfied by a
 * record flagged `wholeProcess` (its own span is not compared). An action `rules` does not
 * know is refused first, `RECORDING_ACTION_UNKNOWN` listing the known ones ({@link unknownAction}).
 */
export function requireRecords(
  stage: Stage,
  action: string,
  records: readonly Omit<AttachedRecord, "actionId">[],
  rules: RecordingRules = DEFAULT_RECORDING_RULES,
  span?: ActionSpan,
): Result<true, SanxiangError> {
  const unknown = unknownAction(action, rules);
  if (unknown !== undefined) return err(unknown);
  const id = "action";
  // Without a span the action's time is irrelevant: records are compared by their flag only.
  const performed: PerformedAction =
    span === undefined
      ? { id, stage, action, at: "1970-01-01T00:00:00Z" }
      : { id, stage, action, at: span.at, ...(span.endedAt === undefined ? {} : { endedAt: span.endedAt }) };
  const attached = records.map((r) => ({ ...r, actionId: id }));
  const spanFree = span === undefined ? attached.map(({ startedAt: _s, endedAt: _e, ...r }) => r) : attached;
  const { gaps } = checkRecording({ actions: [performed], records: spanFree }, rules);
  const first = gaps[0];
  if (first === undefined) return ok(true);
  const name = rules.actions[action]?.name ?? action;
  const list = gaps.map((g) => g.message.replace(`（${id}）`, "")).join("；");
  return err(
    sanxiangError("RECORDING_INCOMPLETE", `${STAGE_NAMES[stage]}环节的${name}记录不完整，不能继续：${list}`, {
      source: first.source,
      details: {
        stage,
        action,
        gaps: gaps.map((g) => ({
          ruleId: g.ruleId,
          kinds: [...g.kinds],
          reason: g.reason,
          wholeProcess: g.wholeProcess,
          source: g.source,
        })),
      },
    }),
  );
}
