import { z } from "zod";
import { RoleSchema } from "../kernel/actors.js";
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import { IdSchema } from "../kernel/ports.js";
import { InstantSchema } from "../kernel/time.js";
import { StageSchema } from "./vocabulary.js";

/**
 * 案件事件 — one recorded fact of a case, as stored and as hashed into the bureau's Merkle
 * log: which case, its position in the case's stream (`seq`, 1-based: the stream version
 * after it), what happened (`type`, e.g. `case.filed`), when it was recorded, by whom, in
 * which stage of the whole-process record, and the event's own data.
 *
 * The envelope is the same for every procedure; `payload` is validated by the procedure's
 * own event schema. The Merkle leaf of an event is {@link eventLeafBytes}.
 */
export const CaseEventSchema = z.object({
  /** The case (案件编号 in the bureau's id space). */
  caseId: IdSchema,
  /** 1-based position in the case's stream. */
  seq: z.number().int().positive(),
  /** Event type, `<area>.<pastTense>`, e.g. `case.filed`, `notice.served`. */
  type: z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/),
  /** When the event was recorded (from the Clock port). */
  at: InstantSchema,
  /** Who caused it: actor id and the roles they acted in. */
  actor: z.object({ id: IdSchema, roles: z.array(RoleSchema).min(1) }),
  /** 阶段 — the stage of the whole-process record the event belongs to (案卷 order). */
  stage: StageSchema,
  /** The procedure's event data (JSON). */
  payload: z.record(z.string(), z.unknown()),
});
/** 案件事件 (see {@link CaseEventSchema}). */
export type CaseEvent = z.infer<typeof CaseEventSchema>;

/**
 * The bytes of an event's Merkle leaf: the canonical JSON of the whole envelope (RFC 6962
 * then hashes them as a leaf). Equal events always give equal bytes.
 */
export function eventLeafBytes(event: CaseEvent): Uint8Array {
  return canonicalJsonBytes(event);
}
