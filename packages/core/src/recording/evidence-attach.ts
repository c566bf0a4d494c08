import { z } from "zod";
import { type Actor, ActorSchema } from "../kernel/actors.js";
import { canonicalJson } from "../kernel/canonical-json.js";
import { safeParse } from "../kernel/describe-value.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { checkInputTexts } from "../kernel/input-text.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { epochMillis, type Instant, InstantSchema } from "../kernel/time.js";
import type { CaseEvent } from "./case-event.js";
import { type AttachedRecord, unknownAction } from "./check.js";
import {
  type CustodyChain,
  type CustodyRoles,
  type CustodyStep,
  CustodyStepSchema,
  custodyTransition,
  DEFAULT_CUSTODY_ROLES,
  startCustody,
} from "./custody.js";
import type { AppendReceipt, EventStore } from "./event-store.js";
import {
  CaptureLocationSchema,
  type ContentHash,
  ContentHashSchema,
  type EvidenceItem,
  EvidenceItemSchema,
  EvidenceTypeSchema,
} from "./evidence.js";
import type { EvidenceContent, EvidencePutResult, EvidenceStore } from "./evidence-store.js";
import type { RecordingRules } from "./rules.js";
import { ActionNameSchema, type RecordKind, type Stage, StageSchema } from "./vocabulary.js";

/** The event type of an evidence item attached to a case (证据登记). */
export const EVIDENCE_ATTACHED = "evidence.attached";
/** The event type of one step of an item's chain of custody (证据保管环节). */
export const CUSTODY_RECORDED = "custody.recorded";

/**
 * 证据登记 — the payload of an `evidence.attached` event: the item as stored (its hash and
 * size are the evidence store's), and what it records — the enforcement action (a name of
 * the recording rules), optionally the action's id in the case, and for audio-video whether
 * it covers the whole process and when it ended.
 */
export const EvidenceAttachedSchema = z
  .object({
    /** The evidence item. */
    item: EvidenceItemSchema,
    /** 执法行为 — the action it records, e.g. `sealOrSeize`. */
    action: ActionNameSchema.optional(),
    /** The action's id within the case, when it has one (`investigation.record`'s `actionId`). */
    actionId: IdSchema.optional(),
    /** 全程记录 — the recording covers the action from start to end. */
    wholeProcess: z.boolean().optional(),
    /** When the recording ended (audio-video). */
    endedAt: InstantSchema.optional(),
  })
  .strict()
  .readonly();
/** 证据登记 (see {@link EvidenceAttachedSchema}). */
export type EvidenceAttached = z.infer<typeof EvidenceAttachedSchema>;

/** 保管环节记录 — the payload of a `custody.recorded` event: the item and the step. */
export const CustodyRecordedSchema = z.object({ evidenceId: IdSchema, step: CustodyStepSchema }).strict().readonly();
/** 保管环节记录 (see {@link CustodyRecordedSchema}). */
export type CustodyRecorded = z.infer<typeof CustodyRecordedSchema>;

/** True for the events of evidence and custody (`evidence.attached`, `custody.recorded`), whatever the procedure. */
export function isEvidenceEvent(event: { readonly type: string }): boolean {
  return event.type === EVIDENCE_ATTACHED || event.type === CUSTODY_RECORDED;
}

/** 本案证据 — an item attached to a case, with what it records, its stage and its chain of custody so far. */
export interface AttachedEvidence extends Omit<EvidenceAttached, "item"> {
  /** The evidence item. */
  readonly item: EvidenceItem;
  /** 阶段 — the stage it was attached in. */
  readonly stage: Stage;
  /** The `seq` of its `evidence.attached` event. */
  readonly seq: number;
  /** 证据保管链 — its custody, every step an event of the case. */
  readonly custody: CustodyChain;
}

function eventError(event: CaseEvent, issues: readonly { path: PropertyKey[]; message: string }[]): SanxiangError {
  return sanxiangError("INVALID_INPUT", `案件事件 ${event.caseId}#${event.seq}（${event.type}）的内容无效`, {
    details: { issues: issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) },
  });
}

/**
 * 证据演进 — the case's evidence after one evidence event: an `evidence.attached` adds the
 * item (a second item with the same id is `INVALID_INPUT`); a `custody.recorded` goes
 * through {@link custodyTransition} (out of order, wrong role, tampered: its refusal). Other
 * events leave the list as it is. Pure; the procedures' folds call it for these events.
 */
export function evolveEvidence(
  evidence: readonly AttachedEvidence[],
  event: CaseEvent,
  roles: CustodyRoles = DEFAULT_CUSTODY_ROLES,
): Result<readonly AttachedEvidence[], SanxiangError> {
  if (event.type === EVIDENCE_ATTACHED) {
    const parsed = EvidenceAttachedSchema.safeParse(event.payload);
    if (!parsed.success) return err(eventError(event, parsed.error.issues));
    const { item, ...rest } = parsed.data;
    if (evidence.some((e) => e.item.id === item.id)) {
      return err(
        sanxiangError("INVALID_INPUT", `证据 ${item.id} 已在本案登记（第 ${event.seq} 号事件重复登记）`, {
          details: { evidenceId: item.id, seq: event.seq },
        }),
      );
    }
    return ok([...evidence, { ...rest, item, stage: event.stage, seq: event.seq, custody: startCustody(item.id) }]);
  }
  if (event.type === CUSTODY_RECORDED) {
    const parsed = CustodyRecordedSchema.safeParse(event.payload);
    if (!parsed.success) return err(eventError(event, parsed.error.issues));
    const index = evidence.findIndex((e) => e.item.id === parsed.data.evidenceId);
    const found = evidence[index];
    if (found === undefined) {
      return err(
        sanxiangError("EVIDENCE_NOT_FOUND", `保管环节所指的证据 ${parsed.data.evidenceId} 未在本案登记`, {
          details: { evidenceId: parsed.data.evidenceId, seq: event.seq },
        }),
      );
    }
    const next = custodyTransition(found.custody, parsed.data.step, roles);
    if (next.isErr()) return err(next.error);
    return ok(evidence.map((e, i) => (i === index ? { ...e, custody: next.value } : e)));
  }
  return ok(evidence);
}

/** 本案证据 — the evidence of a case's events, in order ({@link evolveEvidence} over each). */
export function evidenceOfEvents(events: readonly CaseEvent[]): Result<readonly AttachedEvidence[], SanxiangError> {
  let out: readonly AttachedEvidence[] = [];
  for (const e of events) {
    const next = evolveEvidence(out, e);
    if (next.isErr()) return err(next.error);
    out = next.value;
  }
  return ok(out);
}

/** The record kind an attached item stands for: audio or video by its media type, else none. */
export function audioVideoKindOf(item: EvidenceItem): RecordKind | undefined {
  if (item.mediaType.startsWith("video/")) return "video";
  if (item.mediaType.startsWith("audio/")) return "audio";
  return undefined;
}

/** Which attached items count as records of an act: its stage and action, and the span they must fall in. */
export interface AttachedRecordsQuery {
  /** The act's stage. */
  readonly stage: Stage;
  /** The act's action name. */
  readonly action: string;
  /** The act's id in the case, when it has one: items naming another id do not count. */
  readonly actionId?: string;
  /** Items captured at or before this instant do not count (the case's previous act). */
  readonly after?: Instant;
  /** Items captured after this instant do not count (the act's end, or its time). */
  readonly until: Instant;
}

/**
 * 已登记音像记录 — the audio-video items attached to the case that record an act, as the
 * records the recording rules count: attached in the act's stage for its action (and its
 * action id, when both name one), captured after the case's previous act and not after the
 * act — each a `video` or `audio` record citing the item, with its whole-process flag and
 * span. A rule that requires audio-video is then met by the attached file itself.
 */
export function attachedRecords(
  evidence: readonly AttachedEvidence[],
  query: AttachedRecordsQuery,
): Omit<AttachedRecord, "actionId">[] {
  const out: Omit<AttachedRecord, "actionId">[] = [];
  for (const e of evidence) {
    const kind = audioVideoKindOf(e.item);
    if (kind === undefined || e.stage !== query.stage || e.action !== query.action) continue;
    if (query.actionId !== undefined && e.actionId !== undefined && e.actionId !== query.actionId) continue;
    const captured = epochMillis(e.item.capturedAt);
    if (query.after !== undefined && captured <= epochMillis(query.after)) continue;
    if (captured > epochMillis(query.until)) continue;
    out.push({
      id: e.item.id,
      kind,
      evidenceIds: [e.item.id],
      ...(e.wholeProcess === undefined ? {} : { wholeProcess: e.wholeProcess }),
      startedAt: e.item.capturedAt,
      ...(e.endedAt === undefined ? {} : { endedAt: e.endedAt }),
    });
  }
  return out;
}

/** A later custody step given with the attachment (sealed, transferred, examined, returned …). */
export const LaterCustodyStepSchema = z
  .object({
    /** Which step. */
    kind: z.enum(["sealed", "transferred", "examined", "returned"]),
    /** When it happened (not before the upload). */
    at: InstantSchema,
    /** Who did it (default: the actor attaching). */
    actor: ActorSchema.optional(),
    /** 接收方 of a transfer or a return. */
    to: z.string().trim().min(1).optional(),
    /** Free note, e.g. the seal number. */
    note: z.string().optional(),
  })
  .strict()
  .readonly();
/** A later custody step (see {@link LaterCustodyStepSchema}). */
export type LaterCustodyStep = z.infer<typeof LaterCustodyStepSchema>;

/** What {@link attachEvidence} takes besides the bytes: the item, what it records, and the custody so far. */
export const AttachEvidenceInputSchema = z
  .object({
    /** The case. */
    caseId: IdSchema,
    /** Who attaches it (authenticated by the platform; authorised by `authorize`). */
    actor: ActorSchema,
    /** 当前时间 — from the Clock port: the upload and verification are recorded at it. */
    now: InstantSchema,
    /** Id of the item within the case. */
    evidenceId: IdSchema,
    /** Media type, e.g. `video/mp4`. */
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { message: "expected a media type" }),
    /** Kind of evidence (行政处罚法 Art. 46). */
    evidenceType: EvidenceTypeSchema,
    /** Officers who captured it (default: the actor). */
    officerIds: z.array(IdSchema).min(1).readonly().optional(),
    /** 执法记录仪 / terminal that captured it. */
    deviceId: IdSchema.optional(),
    /** When it was captured (the capture step of its custody). */
    capturedAt: InstantSchema,
    /** Where it was captured. */
    location: CaptureLocationSchema.optional(),
    /** The hash the device computed at capture: the store refuses other bytes (`EVIDENCE_TAMPERED`). */
    expected: ContentHashSchema.optional(),
    /** The size the device announced, in bytes. */
    size: z.number().int().nonnegative().optional(),
    /** 阶段 — the stage of the case it belongs to. */
    stage: StageSchema,
    /** 执法行为 — the action it records (a name the recording rules know). */
    action: ActionNameSchema.optional(),
    /** The action's id in the case (`investigation.record`'s `actionId`). */
    actionId: IdSchema.optional(),
    /** 全程记录 — an audio-video recording covering the action from start to end. */
    wholeProcess: z.boolean().optional(),
    /** When the recording ended. */
    endedAt: InstantSchema.optional(),
    /** Steps after the verification: sealed, transferred, examined, returned. */
    custody: z.array(LaterCustodyStepSchema).readonly().default([]),
    /**
     * 另作一件证据 — record these bytes as an item of their own even when the case already
     * holds an item with the same content (a second copy kept for another purpose). Without
     * it, the same file attached again to the case is the item already recorded.
     */
    distinct: z.boolean().default(false),
  })
  .strict()
  .readonly();
/** What {@link attachEvidence} takes (see {@link AttachEvidenceInputSchema}). */
export type AttachEvidenceInput = z.input<typeof AttachEvidenceInputSchema>;

/** The ports {@link attachEvidence} works through, and the authority check of the layer above. */
export interface AttachEvidencePorts {
  /** The event store holding the case stream. */
  readonly store: EventStore;
  /** The evidence store the bytes go to (content addressed). */
  readonly evidence: EvidenceStore;
  /**
   * 授权 — may the actor attach evidence to this case, whose events are given? The
   * enforcement layer's `evidenceAuthority` checks the registry and the case's team (and
   * that the case's procedure keeps evidence in its stream). Required: there is no
   * unchecked way in.
   */
  readonly authorize: (events: readonly CaseEvent[], actor: Actor, now: Instant) => Result<unknown, SanxiangError>;
  /** The recording rules (for the action names). */
  readonly rules?: RecordingRules;
  /** The custody roles (default {@link DEFAULT_CUSTODY_ROLES}). */
  readonly custodyRoles?: CustodyRoles;
}

/** What {@link attachEvidence} returns: the item as recorded, the events appended, the store's receipts. */
export interface AttachedEvidenceResult {
  /** The evidence item (hash and size from the evidence store); when not `created`, the item already recorded. */
  readonly item: EvidenceItem;
  /**
   * 新登记 — `true` when this call recorded a new item; `false` when the case already held it
   * (已存在: the same file attached again, or an exact retry of the same item id) and
   * nothing was appended.
   */
  readonly created: boolean;
  /** The events appended to the case: `evidence.attached`, then its `custody.recorded` steps (none when not `created`). */
  readonly events: readonly CaseEvent[];
  /** The evidence store's acknowledgement. */
  readonly stored: EvidencePutResult;
  /** The event store's acknowledgement (the log's new size and root); absent when nothing was appended. */
  readonly receipt?: AppendReceipt;
}

/** 同一证据只登记一次 — the rule a repeated attachment answers to (执法全过程记录, 行政处罚法 Art. 47). */
const RECORD_ONCE_SOURCE: RuleSource = { law: "行政处罚法", article: 47, confidence: "C-law" };

function sameHash(a: ContentHash, b: ContentHash): boolean {
  return a.algorithm === b.algorithm && a.hex === b.hex;
}

/** What an attachment says of its item besides the id and the bytes: equal for a retry of the same item. */
function descriptionOf(e: EvidenceAttached & { readonly stage: Stage }): string {
  const { id: _id, hash: _hash, size: _size, ...item } = e.item;
  const { action, actionId, wholeProcess, endedAt, stage } = e;
  return canonicalJson({ item, action, actionId, wholeProcess, endedAt, stage });
}

function recordConflict(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("RECORD_CONFLICT", `${message}（依据：${formatSource(RECORD_ONCE_SOURCE)}）`, {
    source: RECORD_ONCE_SOURCE,
    details,
  });
}

/** The platform's identity for the store's verification step (校验, by re-hashing on arrival). */
export const EVIDENCE_STORE_ACTOR: Actor = { id: "evidence-store", name: "证据存储", roles: ["system"] };

const PLACEHOLDER: ContentHash = { algorithm: "sha256", hex: "0".repeat(64) };

function custodySteps(
  input: z.output<typeof AttachEvidenceInputSchema>,
  captured: ContentHash,
  verified: ContentHash,
): CustodyStep[] {
  return [
    { kind: "captured", at: input.capturedAt, actor: input.actor, hash: captured },
    { kind: "uploaded", at: input.now, actor: input.actor },
    { kind: "verified", at: input.now, actor: EVIDENCE_STORE_ACTOR, hash: verified },
    ...input.custody.map(
      (s): CustodyStep => ({
        kind: s.kind,
        at: s.at,
        actor: s.actor ?? input.actor,
        ...(s.to === undefined ? {} : { to: s.to }),
        ...(s.note === undefined ? {} : { note: s.note }),
      }),
    ),
  ];
}

function runCustody(
  evidenceId: string,
  steps: readonly CustodyStep[],
  roles: CustodyRoles,
): Result<CustodyChain, SanxiangError> {
  let chain = startCustody(evidenceId);
  for (const s of steps) {
    const next = custodyTransition(chain, s, roles);
    if (next.isErr()) return err(next.error);
    chain = next.value;
  }
  return ok(chain);
}

/**
 * 证据入卷 — stores an evidence file and records it in its case, in that order:
 * 1. checks everything that can be checked before a byte moves — the input's schema, the
 *    action's name ({@link unknownAction}), the case (it must exist), the actor
 *    (`ports.authorize`), the item's id (a repeated one: below) and the custody steps (in order,
 *    by permitted roles, not before capture): a refusal here changes nothing;
 * 2. puts the bytes in the evidence store (`expected`/`size` make it refuse other bytes,
 *    `EVIDENCE_TAMPERED`);
 * 3. appends to the case stream, in **one** append at the version read in step 1, the
 *    `evidence.attached` event and its `custody.recorded` steps — captured (by the actor, at
 *    `capturedAt`, with the device's hash), uploaded (at `now`), verified (by the store, with
 *    the hash it computed), then the later steps given — so they are Merkle leaves of the
 *    bureau's log and part of the case's record.
 *
 * 重复登记 — an item is recorded once (执法全过程记录, 行政处罚法 Art. 47):
 * - the same `evidenceId` again with the same bytes and the same description (an exact
 *   retry) returns the recorded item with `created: false` and appends nothing; with other
 *   bytes or another description it is `RECORD_CONFLICT` (before the bytes move when
 *   `expected` tells the hash; the stored blob is otherwise left unreferenced, as below);
 * - the same bytes under another id (a retried upload whose id was generated again) return
 *   the item already recorded, `created: false`, when the description is the same, and are
 *   `RECORD_CONFLICT` naming that item when it differs — unless `distinct: true` says the
 *   file is recorded again as an item of its own (a second copy for another purpose).
 * Custody steps given with a repeated attachment are not recorded again; so when the bytes
 * may be an item already recorded, a refusal of those steps comes after step 2 (the blob is
 * then left unreferenced, as below).
 *
 * A failure between 2 and 3 (a crash, `CONCURRENCY_CONFLICT`, a lost connection) leaves a
 * stored blob that nothing references, never a reference to missing bytes: the blob is
 * content addressed, so attaching again stores nothing new. On `CONCURRENCY_CONFLICT` call
 * again (the case is re-read).
 */
export async function attachEvidence(
  ports: AttachEvidencePorts,
  content: EvidenceContent,
  input: AttachEvidenceInput,
): Promise<Result<AttachedEvidenceResult, SanxiangError>> {
  const texts = checkInputTexts(input, "证据信息无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = safeParse(AttachEvidenceInputSchema, input);
  if (!parsed.success) return err(invalidInput("证据信息无效", parsed.error.issues));
  const a = parsed.data;
  if (a.action !== undefined) {
    const unknown = unknownAction(a.action, ports.rules);
    if (unknown !== undefined) return err(unknown);
  }
  if (epochMillis(a.capturedAt) > epochMillis(a.now)) {
    return err(
      sanxiangError("INVALID_INPUT", `证据采集时间 ${a.capturedAt} 晚于当前时间 ${a.now}`, {
        details: { capturedAt: a.capturedAt, now: a.now },
      }),
    );
  }
  const roles = ports.custodyRoles ?? DEFAULT_CUSTODY_ROLES;
  const loaded = await ports.store.load(a.caseId);
  if (loaded.isErr()) return err(loaded.error);
  const events = loaded.value;
  const allowed = ports.authorize(events, a.actor, a.now);
  if (allowed.isErr()) return err(allowed.error);
  const existing = evidenceOfEvents(events);
  if (existing.isErr()) return err(existing.error);
  const sameId = existing.value.find((e) => e.item.id === a.evidenceId);
  const idTaken = (found: AttachedEvidence): SanxiangError =>
    recordConflict(
      `证据编号 ${a.evidenceId} 已在案件 ${a.caseId} 登记（第 ${found.seq} 号事件），本次提交的文件或说明与之不同；新的证据请另取编号`,
      { evidenceId: a.evidenceId, caseId: a.caseId, seq: found.seq },
    );
  if (sameId !== undefined && a.expected !== undefined && !sameHash(a.expected, sameId.item.hash)) {
    return err(idTaken(sameId));
  }
  // The custody as it will be recorded, checked with a stand-in hash before the bytes move.
  const stand = a.expected ?? PLACEHOLDER;
  const dryRun = runCustody(a.evidenceId, custodySteps(a, stand, stand), roles);
  // A repeated attachment records no custody: its refusal waits for the bytes only when they
  // may be an item already recorded (an unknown hash, or the one `expected` names).
  const mayRepeat = existing.value.some((e) => a.expected === undefined || sameHash(e.item.hash, a.expected));
  if (dryRun.isErr() && !mayRepeat) return err(dryRun.error);

  const put = await ports.evidence.put(content, {
    ...(a.expected === undefined ? {} : { expected: a.expected }),
    ...(a.size === undefined ? {} : { size: a.size }),
  });
  if (put.isErr()) return err(put.error);
  const stored = put.value;
  const item: EvidenceItem = {
    id: a.evidenceId,
    hash: stored.hash,
    size: stored.size,
    mediaType: a.mediaType,
    ...(a.deviceId === undefined ? {} : { deviceId: a.deviceId }),
    officerIds: a.officerIds ?? [a.actor.id],
    capturedAt: a.capturedAt,
    ...(a.location === undefined ? {} : { location: a.location }),
    evidenceType: a.evidenceType,
  };
  const attached: EvidenceAttached = {
    item,
    ...(a.action === undefined ? {} : { action: a.action }),
    ...(a.actionId === undefined ? {} : { actionId: a.actionId }),
    ...(a.wholeProcess === undefined ? {} : { wholeProcess: a.wholeProcess }),
    ...(a.endedAt === undefined ? {} : { endedAt: a.endedAt }),
  };
  const description = descriptionOf({ ...attached, stage: a.stage });
  const same = (e: AttachedEvidence): boolean => sameHash(e.item.hash, stored.hash) && descriptionOf(e) === description;
  if (sameId !== undefined) {
    return same(sameId) ? ok({ item: sameId.item, created: false, events: [], stored }) : err(idTaken(sameId));
  }
  if (!a.distinct) {
    const copies = existing.value.filter((e) => sameHash(e.item.hash, stored.hash));
    const found = copies.find(same);
    if (found !== undefined) return ok({ item: found.item, created: false, events: [], stored });
    const first = copies[0];
    if (first !== undefined) {
      return err(
        recordConflict(
          `该文件已作为证据 ${first.item.id} 在案件 ${a.caseId} 登记（第 ${first.seq} 号事件），说明与本次不同；如确需另作一件证据登记，请注明 distinct`,
          { evidenceId: a.evidenceId, existingId: first.item.id, caseId: a.caseId, seq: first.seq },
        ),
      );
    }
  }
  if (dryRun.isErr()) return err(dryRun.error);
  const steps = custodySteps(a, a.expected ?? stored.hash, stored.hash);
  const chain = runCustody(a.evidenceId, steps, roles);
  if (chain.isErr()) return err(chain.error);

  const version = events.at(-1)?.seq ?? 0;
  const envelope = (type: string, payload: Record<string, unknown>, i: number): CaseEvent => ({
    caseId: a.caseId,
    seq: version + 1 + i,
    type,
    at: a.now,
    actor: { id: a.actor.id, roles: [...a.actor.roles] },
    stage: a.stage,
    payload,
  });
  const out: CaseEvent[] = [envelope(EVIDENCE_ATTACHED, { ...attached }, 0)];
  for (const step of steps) out.push(envelope(CUSTODY_RECORDED, { evidenceId: item.id, step }, out.length));
  const receipt = await ports.store.append(a.caseId, version, out);
  if (receipt.isErr()) return err(receipt.error);
  return ok({ item, created: true, events: out, stored, receipt: receipt.value });
}
