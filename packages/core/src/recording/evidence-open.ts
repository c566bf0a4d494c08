import { z } from "zod";
import { ActorSchema } from "../kernel/actors.js";
import { safeParse } from "../kernel/describe-value.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { InstantSchema } from "../kernel/time.js";
import type { CaseEvent } from "./case-event.js";
import { type CustodyStep, custodyTransition, DEFAULT_CUSTODY_ROLES } from "./custody.js";
import type { AppendReceipt } from "./event-store.js";
import type { EvidenceItem } from "./evidence.js";
import { type AttachEvidencePorts, CUSTODY_RECORDED, evidenceOfEvents } from "./evidence-attach.js";

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
  const parsed = safeParse(OpenEvidenceInputSchema, input);
  if (!parsed.success) return err(invalidInput("证据调取信息无效", parsed.error.issues));
  const a = parsed.data;
  const loaded = await ports.store.load(a.caseId);
  if (loaded.isErr()) return err(loaded.error);
  const events = loaded.value;
  const allowed = ports.authorize(events, a.actor, a.now);
  if (allowed.isErr()) return err(allowed.error);
  const evidence = evidenceOfEvents(events);
  if (evidence.isErr()) return err(evidence.error);
  const found = evidence.value.find((e) => e.item.id === a.evidenceId);
  if (found === undefined) {
    return err(
      sanxiangError("EVIDENCE_NOT_FOUND", `案件 ${a.caseId} 没有编号为 ${a.evidenceId} 的证据`, {
        details: { caseId: a.caseId, evidenceId: a.evidenceId, known: evidence.value.map((e) => e.item.id) },
      }),
    );
  }
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
  const version = events.at(-1)?.seq ?? 0;
  const event: CaseEvent = {
    caseId: a.caseId,
    seq: version + 1,
    type: CUSTODY_RECORDED,
    at: a.now,
    actor: { id: a.actor.id, roles: [...a.actor.roles] },
    stage: found.stage,
    payload: { evidenceId: a.evidenceId, step },
  };
  const receipt = await ports.store.append(a.caseId, version, [event]);
  if (receipt.isErr()) return err(receipt.error);
  return ok({ item: found.item, content: content.value, event, receipt: receipt.value });
}
