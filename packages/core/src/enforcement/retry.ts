// 重复提交 — a step whose command carries a client-chosen id (调查取证的 `actionId`, 先行登记保存的
// `preservationId`) is recorded once. A retried request (a network retry, a double click) is
// acknowledged without appending anything; the same id with other content is refused
// (`RECORD_CONFLICT`): a duplicate record is a wrong record (执法全过程记录).
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import type { SanxiangError } from "../kernel/errors.js";
import { sha256, toHex } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { epochMillis, type Instant } from "../kernel/time.js";
import type { PenaltyCommand } from "./commands.js";
import type { PenaltyEvent } from "./events.js";
import { refuse } from "./guards.js";

/**
 * 同一编号只记录一次 — the rule a retried step answers to: the whole process is recorded
 * (行政处罚法 Art. 47; 国办发〔2018〕118号 三 全面推行执法全过程记录), and a step recorded twice
 * is not a faithful record of it.
 */
export const RECORD_ONCE_SOURCE: RuleSource = { law: "行政处罚法", article: 47, confidence: "C-law" };

/** 已记录的步骤 — where a keyed step was recorded and what it said (a fingerprint of its content). */
export interface RecordedStep {
  /** The `seq` of the event that recorded it. */
  readonly seq: number;
  /** The act's time as recorded. */
  readonly at: Instant;
  /** SHA-256 of the canonical JSON of the step's content (its id and the fields the command gave). */
  readonly fingerprint: string;
}

/** 幂等命令的类型 — the type of a command recorded once per client-chosen id (see {@link IDEMPOTENT_COMMANDS}). */
export type KeyedCommandType =
  | "investigation.record"
  | "preservation.approve"
  | "preservation.register"
  | "preservation.handle";

/** The steps recorded once per id: the command, its event, the id field and the content compared. */
const KEYED = {
  "investigation.record": {
    event: "investigation.recorded",
    id: "actionId",
    name: "调查取证行为",
    fields: ["actionId", "action", "endedAt", "records"],
  },
  "preservation.approve": {
    event: "preservation.approved",
    id: "preservationId",
    name: "先行登记保存的批准",
    fields: ["preservationId", "reason"],
  },
  "preservation.register": {
    event: "preservation.registered",
    id: "preservationId",
    name: "先行登记保存",
    fields: ["preservationId", "items", "records"],
  },
  "preservation.handle": {
    event: "preservation.handled",
    id: "preservationId",
    name: "先行登记保存的处理决定",
    fields: ["preservationId", "outcome", "records"],
  },
} as const satisfies Record<
  KeyedCommandType & PenaltyCommand["type"],
  { event: PenaltyEvent["type"]; id: string; name: string; fields: readonly string[] }
>;

/**
 * 幂等命令 — the commands recorded once per client-chosen id, with that id's field. Other
 * commands carry no id of their own (`coercion.act`'s `measureId` names a measure with many
 * steps; `remedy.record`'s `remedyId` is recorded again when the remedy ends).
 */
export const IDEMPOTENT_COMMANDS: Readonly<Record<KeyedCommandType, string>> = {
  "investigation.record": KEYED["investigation.record"].id,
  "preservation.approve": KEYED["preservation.approve"].id,
  "preservation.register": KEYED["preservation.register"].id,
  "preservation.handle": KEYED["preservation.handle"].id,
};

const BY_EVENT: ReadonlyMap<string, (typeof KEYED)[KeyedCommandType]> = new Map(
  Object.values(KEYED).map((k) => [k.event, k]),
);

function isKeyed(type: string): type is KeyedCommandType {
  return Object.hasOwn(KEYED, type);
}

function fingerprint(value: Readonly<Record<string, unknown>>, fields: readonly string[]): string {
  const picked: Record<string, unknown> = {};
  for (const f of fields) if (value[f] !== undefined) picked[f] = value[f];
  return toHex(sha256.hash(canonicalJsonBytes(picked)));
}

function keyOf(eventType: string, id: unknown): string {
  return `${eventType} ${String(id)}`;
}

/** The recorded steps after event `seq` (`e`): unchanged unless `e` is a keyed step's event. */
export function stepsAfter(
  steps: Readonly<Record<string, RecordedStep>> | undefined,
  e: PenaltyEvent,
  seq: number,
): Readonly<Record<string, RecordedStep>> | undefined {
  const keyed = BY_EVENT.get(e.type);
  if (keyed === undefined) return steps;
  const payload = e as unknown as Readonly<Record<string, unknown>>;
  const key = keyOf(e.type, payload[keyed.id]);
  // The first record of an id stands (streams written before this rule may repeat one).
  if (steps?.[key] !== undefined) return steps;
  return { ...steps, [key]: { seq, at: e.at, fingerprint: fingerprint(payload, keyed.fields) } };
}

/**
 * 重复提交 — whether `cmd` repeats a step the case already recorded under the same id:
 * `undefined` when it does not (a new step, decided as usual); the recorded step when it is
 * an exact retry (the same content, and the same `at` if the command gives one); a
 * `RECORD_CONFLICT` when the id was recorded with other content.
 */
export function retryOf(
  steps: Readonly<Record<string, RecordedStep>> | undefined,
  cmd: PenaltyCommand,
): Result<RecordedStep | undefined, SanxiangError> {
  if (steps === undefined || !isKeyed(cmd.type)) return ok(undefined);
  const keyed = KEYED[cmd.type];
  const fields = cmd as unknown as Readonly<Record<string, unknown>>;
  const id = fields[keyed.id];
  const recorded = steps[keyOf(keyed.event, id)];
  if (recorded === undefined) return ok(undefined);
  const at = fields["at"];
  const sameAt = typeof at !== "string" || epochMillis(at as Instant) === epochMillis(recorded.at);
  if (sameAt && fingerprint(fields, keyed.fields) === recorded.fingerprint) return ok(recorded);
  return err(
    refuse(
      "RECORD_CONFLICT",
      `${keyed.name} ${String(id)} 已于 ${recorded.at} 记录（第 ${recorded.seq} 号事件），本次提交的内容与之不同；重复提交须与原内容一致，新的行为请另取编号`,
      RECORD_ONCE_SOURCE,
      { command: cmd.type, [keyed.id]: id, seq: recorded.seq, recordedAt: recorded.at },
    ),
  );
}
