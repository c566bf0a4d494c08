// Later steps of an attached item's chain of custody, each one `custody.recorded` event of
// the case: a step recorded by an officer (sealed, transferred, examined, returned —
// recordCustody) and the handout of the stored bytes (accessed — openEvidence).
import { z } from "zod";
import { type Actor, ActorSchema } from "../kernel/actors.js";
import { safeParse } from "../kernel/describe-value.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { checkInputTexts } from "../kernel/input-text.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { epochMillis, type Instant, InstantSchema } from "../kernel/time.js";
import type { CaseEvent } from "./case-event.js";
import { type CustodyStep, custodyTransition, DEFAULT_CUSTODY_ROLES } from "./custody.js";
import type { AppendReceipt, EventStore } from "./event-store.js";
import type { EvidenceItem } from "./evidence.js";
import {
  type AttachEvidencePorts,
  type AttachedEvidence,
  CUSTODY_RECORDED,
  evidenceOfEvents,
  LaterCustodyStepSchema,
} from "./evidence-attach.js";

/** Who acts on which case, when. */
interface CustodyAct {
  readonly caseId: string;
  readonly evidenceId: string;
  readonly actor: Actor;
  readonly now: Instant;
}

/**
 * The case's events and the attached item `act.evidenceId`, after `ports.authorize` let the
 * actor act on the case: `EVIDENCE_NOT_FOUND` (listing the case's items) when it is not attached.
 */
async function loadAttachedItem(
  ports: Pick<AttachEvidencePorts, "store" | "authorize">,
  act: CustodyAct,
): Promise<Result<{ readonly events: readonly CaseEvent[]; readonly found: AttachedEvidence }, SanxiangError>> {
  const loaded = await ports.store.load(act.caseId);
  if (loaded.isErr()) return err(loaded.error);
  const events = loaded.value;
  const allowed = ports.authorize(events, act.actor, act.now);
  if (allowed.isErr()) return err(allowed.error);
  const evidence = evidenceOfEvents(events);
  if (evidence.isErr()) return err(evidence.error);
  const found = evidence.value.find((e) => e.item.id === act.evidenceId);
  if (found === undefined) {
    return err(
      sanxiangError(
        "EVIDENCE_NOT_FOUND",
        `证据 ${act.evidenceId} 未在案件 ${act.caseId} 登记，请先登记证据（attachEvidence）`,
        {
          details: { evidenceId: act.evidenceId, caseId: act.caseId, known: evidence.value.map((e) => e.item.id) },
        },
      ),
    );
  }
  return ok({ events, found });
}

/**
 * 保管环节追加 — appends one `custody.recorded` event of `found` (its step already checked as
 * the chain's next) to the case whose events were read as `events`: at the version read (a
 * concurrent append is `CONCURRENCY_CONFLICT`), recorded at `act.now` by `act.actor`, in the
 * item's stage.
 */
async function appendCustodyStep(
  store: EventStore,
  events: readonly CaseEvent[],
  act: CustodyAct,
  found: AttachedEvidence,
  step: CustodyStep,
): Promise<Result<{ readonly event: CaseEvent; readonly receipt: AppendReceipt }, SanxiangError>> {
  const version = events.at(-1)?.seq ?? 0;
  const event: CaseEvent = {
    caseId: act.caseId,
    seq: version + 1,
    type: CUSTODY_RECORDED,
    at: act.now,
    actor: { id: act.actor.id, roles: [...act.actor.roles] },
    stage: found.stage,
    payload: { evidenceId: found.item.id, step },
  };
  const receipt = await store.append(act.caseId, version, [event]);
  if (receipt.isErr()) return err(receipt.error);
  return ok({ event, receipt: receipt.value });
}

/** What {@link recordCustody} takes: the case, the item, who acts and when, and the step. */
export const RecordCustodyInputSchema = z
  .object({
    /** The case. */
    caseId: IdSchema,
    /** The item, attached to the case before. */
    evidenceId: IdSchema,
    /** Who records it (authorised by `authorize`); the step's actor unless the step names one. */
    actor: ActorSchema,
    /** 当前时间 — from the Clock port: the event is recorded at it; the step may not be later. */
    now: InstantSchema,
    /** The step: sealed, transferred, examined or returned. */
    step: LaterCustodyStepSchema,
  })
  .strict()
  .readonly();
/** What {@link recordCustody} takes (see {@link RecordCustodyInputSchema}). */
export type RecordCustodyInput = z.input<typeof RecordCustodyInputSchema>;

/**
 * 保管环节入卷 — records a later step of an attached item's custody (sealed, transferred,
 * examined, returned) as one `custody.recorded` event appended to the case stream, after the
 * same checks as {@link attachEvidence}: the input's schema, the case and the actor
 * (`ports.authorize`), the item attached to the case (`EVIDENCE_NOT_FOUND`), the step after
 * the chain so far (`CUSTODY_OUT_OF_ORDER`, `PERMISSION_DENIED` by the custody roles) and not
 * after `now` (`INVALID_INPUT`). A refusal changes nothing.
 */
export async function recordCustody(
  ports: Omit<AttachEvidencePorts, "evidence" | "rules">,
  input: RecordCustodyInput,
): Promise<Result<{ readonly event: CaseEvent; readonly receipt: AppendReceipt }, SanxiangError>> {
  const texts = checkInputTexts(input, "保管环节无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = safeParse(RecordCustodyInputSchema, input);
  if (!parsed.success) return err(invalidInput("保管环节无效", parsed.error.issues));
  const a = parsed.data;
  if (epochMillis(a.step.at) > epochMillis(a.now)) {
    return err(
      sanxiangError("INVALID_INPUT", `保管环节时间 ${a.step.at} 晚于当前时间 ${a.now}`, {
        details: { at: a.step.at, now: a.now },
      }),
    );
  }
  const loaded = await loadAttachedItem(ports, a);
  if (loaded.isErr()) return err(loaded.error);
  const { events, found } = loaded.value;
  const step: CustodyStep = {
    kind: a.step.kind,
    at: a.step.at,
    actor: a.step.actor ?? a.actor,
    ...(a.step.to === undefined ? {} : { to: a.step.to }),
    ...(a.step.note === undefined ? {} : { note: a.step.note }),
  };
  const next = custodyTransition(found.custody, step, ports.custodyRoles ?? DEFAULT_CUSTODY_ROLES);
  if (next.isErr()) return err(next.error);
  return appendCustodyStep(ports.store, events, a, found, step);
}

/**
 * 证据调取留痕依据 — the record of the whole process is kept and filed (行政处罚法 Art. 47:
 * "全过程记录，归档保存"); the pilot plan asks for a record traceable at every step
 * (全程留痕和可回溯管理, 二（二）): who took the stored bytes out, when and why is part of it.
 */
export const EVIDENCE_ACCESS_SOURCE: RuleSource = {
  law: "行政处罚法",
  article: 47,
  confidence: "C-law",
};

/** What {@link openEvidence} takes: the case, the item, who reads it, when, and why. */
export const OpenEvidenceInputSchema = z
  .object({
    /** The case. */
    caseId: IdSchema,
    /** The item, attached to the case before. */
    evidenceId: IdSchema,
    /** Who reads the bytes (authenticated by the platform; authorised by `authorize`). */
    actor: ActorSchema,
    /** 当前时间 — from the Clock port: the access is recorded at it. */
    now: InstantSchema,
    /** 调取用途 — what the bytes are handed out for, e.g. 法制审核, 复议答复, 移送法院. */
    purpose: z.string().trim().min(1),
    /** Re-hash the stored bytes first (`EVIDENCE_TAMPERED` and no handout when they differ). */
    verify: z.boolean().optional(),
  })
  .strict()
  .readonly();
/** What {@link openEvidence} takes (see {@link OpenEvidenceInputSchema}). */
export type OpenEvidenceInput = z.input<typeof OpenEvidenceInputSchema>;

/** What {@link openEvidence} returns: the item, its bytes, and the custody step recorded for them. */
export interface OpenedEvidence {
  /** The evidence item as recorded in the case (hash, size, media type). */
  readonly item: EvidenceItem;
  /**
   * The stored bytes, as chunks (iterate once). Handed out only after `event` is in the
   * log: there is no way to them through the bureau that leaves no record.
   */
  readonly content: AsyncIterable<Uint8Array>;
  /** The `custody.recorded` event of the access (调取), appended to the case. */
  readonly event: CaseEvent;
  /** The event store's acknowledgement. */
  readonly receipt: AppendReceipt;
}

/**
 * 证据调取 — hands out an attached item's stored bytes, recording the handout first as a
 * step of its chain of custody:
 * 1. checks what can be checked before anything is written — the input's schema, the case
 *    and the actor (`ports.authorize`: for the bureau, the case's team or a head, legal
 *    reviewer or supervisor of its body, registered and in post), the item attached to the
 *    case (`EVIDENCE_NOT_FOUND`), the access as the chain's next step (`accessed`: after
 *    verification, by a role of the custody roles, with its purpose);
 * 2. with `verify`, re-hashes the stored bytes (`EVIDENCE_TAMPERED`: no handout, no record);
 *    asks the evidence store for the bytes (`EVIDENCE_NOT_FOUND` when it holds none: no
 *    handout, no record) — the store's iterable reads nothing until iterated;
 * 3. appends the `custody.recorded` step `accessed` (who, when, purpose) to the case stream
 *    at the version read in step 1 — a Merkle leaf of the bureau's log, listed in the 案卷;
 * 4. only then returns the bytes.
 *
 * Crash safety: the record comes first. A failure after 3 (a crash, a broken connection
 * while the bytes stream) leaves a recorded access whose bytes may not all have been
 * delivered — an access over-recorded, never a handout without a record. A failure of 3
 * (`CONCURRENCY_CONFLICT`, the store down) hands nothing out; call again.
 */
export async function openEvidence(
  ports: Omit<AttachEvidencePorts, "rules">,
  input: OpenEvidenceInput,
): Promise<Result<OpenedEvidence, SanxiangError>> {
  const texts = checkInputTexts(input, "证据调取信息无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = safeParse(OpenEvidenceInputSchema, input);
  if (!parsed.success) return err(invalidInput("证据调取信息无效", parsed.error.issues));
  const a = parsed.data;
  const loaded = await loadAttachedItem(ports, a);
  if (loaded.isErr()) return err(loaded.error);
  const { events, found } = loaded.value;
  const step: CustodyStep = { kind: "accessed", at: a.now, actor: a.actor, purpose: a.purpose };
  const next = custodyTransition(found.custody, step, ports.custodyRoles ?? DEFAULT_CUSTODY_ROLES);
  if (next.isErr()) return err(next.error);
  const { hash } = found.item;
  if (a.verify === true) {
    const verified = await ports.evidence.verify(hash);
    if (verified.isErr()) return err(verified.error);
  }
  const content = await ports.evidence.get(hash);
  if (content.isErr()) return err(content.error);
  if (content.value === null) {
    return err(
      sanxiangError(
        "EVIDENCE_NOT_FOUND",
        `证据 ${a.evidenceId} 已入卷，但证据存储中没有其内容（${hash.algorithm}:${hash.hex}），未调取`,
        { details: { caseId: a.caseId, evidenceId: a.evidenceId, hash } },
      ),
    );
  }
  const appended = await appendCustodyStep(ports.store, events, a, found, step);
  if (appended.isErr()) return err(appended.error);
  return ok({ item: found.item, content: content.value, ...appended.value });
}
