// 解析存储事件 — the event in a stored leaf's bytes, for the verifier's projection replay and
// its `onEvent` callers: the bytes were just hashed and checked against their leaf; here they
// are decoded and schema-checked.
import { RoleSchema } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { isInstant } from "../kernel/time.js";
import { type CaseEvent, CaseEventSchema } from "./case-event.js";
import type { StoredEvent, StoredLeaf } from "./event-store.js";
import { STAGES } from "./vocabulary.js";

// The checks of CaseEventSchema, written out (zod's safeParse was ≈ a third of the replay's
// time). Only ever a shortcut to "accepted": whatever it does not accept goes to the schema,
// which decides and names the issues. Its agreement with the schema — it accepts nothing the
// schema refuses, and hands back what the schema would — is a property test
// (store-verify-parse.test.ts).
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const TYPE = /^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+$/;
const ROLES: ReadonlySet<unknown> = new Set(RoleSchema.options);
const STAGE_SET: ReadonlySet<unknown> = new Set(STAGES);
const hasOwn = Object.prototype.hasOwnProperty;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The event `CaseEventSchema.safeParse(value).data` would be — the envelope's keys in the
 * schema's order, unknown keys of the envelope and the actor dropped — when `value` (a
 * `JSON.parse` result) plainly passes every check of the schema; else `undefined`, and the
 * schema is asked. The payload and the roles are handed back as parsed (the schema copies
 * them, equal; a payload with an own `__proto__` key, which the schema drops, is left to it).
 */
export function acceptCaseEvent(value: unknown): CaseEvent | undefined {
  if (!isRecord(value)) return undefined;
  const { caseId, seq, type, at, actor, stage, payload } = value;
  if (typeof caseId !== "string" || !ID.test(caseId)) return undefined;
  if (typeof seq !== "number" || !Number.isSafeInteger(seq) || seq <= 0) return undefined;
  if (typeof type !== "string" || !TYPE.test(type)) return undefined;
  if (!isInstant(at)) return undefined;
  if (!isRecord(actor)) return undefined;
  const { id, roles } = actor;
  if (typeof id !== "string" || !ID.test(id)) return undefined;
  if (!Array.isArray(roles) || roles.length === 0) return undefined;
  for (const role of roles) if (!ROLES.has(role)) return undefined;
  if (!STAGE_SET.has(stage)) return undefined;
  if (!isRecord(payload) || Object.getPrototypeOf(payload) !== Object.prototype || hasOwn.call(payload, "__proto__")) {
    return undefined;
  }
  return {
    caseId,
    seq,
    type,
    at,
    actor: { id, roles: roles as CaseEvent["actor"]["roles"] },
    stage: stage as CaseEvent["stage"],
    payload,
  };
}

/** The event in a stored leaf's bytes, schema-checked (for the projection replay). */
export function parseLeaf(
  leaf: StoredLeaf,
  decoder: { decode(input: Uint8Array): string },
): Result<StoredEvent["event"], SanxiangError> {
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(leaf.bytes));
  } catch (cause) {
    return err(
      sanxiangError("STORE_CORRUPT", `第 ${leaf.position} 号事件无法解析`, {
        details: { position: leaf.position },
        cause,
      }),
    );
  }
  const accepted = acceptCaseEvent(value);
  if (accepted !== undefined) return ok(accepted);
  const parsed = CaseEventSchema.safeParse(value);
  if (!parsed.success) {
    return err(
      sanxiangError("STORE_CORRUPT", `第 ${leaf.position} 号事件不符合案件事件格式`, {
        details: {
          position: leaf.position,
          issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
        },
      }),
    );
  }
  return ok(parsed.data);
}
