import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { Instant } from "../../kernel/time.js";
import type { CaseEvent } from "../../recording/case-event.js";
import type { CaseParty } from "../commands.js";
import type { CaseDeadline } from "../events.js";
import type { Penalty } from "../penalty.js";
import { checkNextEvent, procedureEventOf } from "../stream.js";
import { type SimplifiedEvent, SimplifiedEventSchema } from "./schema.js";

/**
 * 简易程序状态 — where an on-the-spot case stands: `none` 未决定, `decided` 已当场决定,
 * `collected` 已当场收缴, `handedOver` 已交至行政机关, `deposited` 已缴付银行. Filing with the
 * agency (备案) is orthogonal: `context.filed`.
 */
export type SimplifiedStateName = "none" | "decided" | "collected" | "handedOver" | "deposited";

/** The Chinese name of each {@link SimplifiedStateName}. */
export const SIMPLIFIED_STATE_NAMES: Readonly<Record<SimplifiedStateName, string>> = {
  none: "未决定",
  decided: "已当场决定",
  collected: "已当场收缴",
  handedOver: "已交至行政机关",
  deposited: "已缴付银行",
};

/** 简易程序案件情况 — everything the events of an on-the-spot case established (plain JSON). */
export interface SimplifiedContext {
  /** 当事人. */
  readonly party?: CaseParty;
  /** The officers on the spot. */
  readonly officerIds: readonly string[];
  /** 决定书编号. */
  readonly formNumber?: string;
  /** The penalty decided. */
  readonly penalty?: Penalty;
  /** 当事人拒绝签收. */
  readonly refusedToSign: boolean;
  /** 已报备案. */
  readonly filed: boolean;
  /** 当场收缴金额 (fen). */
  readonly collectedFen: number;
  /** 交至行政机关期限 / 缴付银行期限. */
  readonly deadlines: Readonly<{ handOver?: CaseDeadline; deposit?: CaseDeadline }>;
  /** When the last act took place. */
  readonly lastAt?: Instant;
}

/** 简易程序案件 — an on-the-spot case as the fold of its events. */
export interface SimplifiedCaseState {
  /** The case. */
  readonly caseId: string;
  /** Stream version: the number of events folded. */
  readonly version: number;
  /** 状态. */
  readonly value: SimplifiedStateName;
  /** 案件情况. */
  readonly context: SimplifiedContext;
}

/** An on-the-spot case before any event. */
export function initialSimplifiedState(caseId: string): SimplifiedCaseState {
  return {
    caseId,
    version: 0,
    value: "none",
    context: { officerIds: [], refusedToSign: false, filed: false, collectedFen: 0, deadlines: {} },
  };
}

/** The state each event leads to (`undefined`: the state does not change). */
const NEXT: Readonly<Record<SimplifiedEvent["type"], SimplifiedStateName | undefined>> = {
  "onSpot.decided": "decided",
  "onSpot.collected": "collected",
  "cash.handedOver": "handedOver",
  "cash.deposited": "deposited",
  "decision.filed": undefined,
};

/** The states in which each event may apply. */
export const SIMPLIFIED_ACCEPTS: Readonly<Record<SimplifiedEvent["type"], readonly SimplifiedStateName[]>> = {
  "onSpot.decided": ["none"],
  "onSpot.collected": ["decided"],
  "cash.handedOver": ["collected"],
  "cash.deposited": ["handedOver"],
  "decision.filed": ["decided", "collected", "handedOver", "deposited"],
};

/** 事件演进 — the context after `e` (pure; the decider decides whether it applies). */
export function evolveSimplifiedContext(c: SimplifiedContext, e: SimplifiedEvent): SimplifiedContext {
  const base = { ...c, lastAt: e.at };
  switch (e.type) {
    case "onSpot.decided":
      return {
        ...base,
        party: e.party,
        officerIds: e.officerIds,
        formNumber: e.formNumber,
        penalty: e.penalty,
        refusedToSign: e.refusedToSign,
      };
    case "onSpot.collected":
      return { ...base, collectedFen: e.amountFen, deadlines: { handOver: e.handOverDue } };
    case "cash.handedOver":
      return { ...base, deadlines: { ...c.deadlines, deposit: e.depositDue } };
    case "cash.deposited":
      return base;
    case "decision.filed":
      return { ...base, filed: true };
  }
}

/** The procedure event of a stored envelope, or `INVALID_INPUT`. */
export function simplifiedEventOf(event: CaseEvent): Result<SimplifiedEvent, SanxiangError> {
  return procedureEventOf(SimplifiedEventSchema, event);
}

/**
 * 应用事件 — the state after one stored event: `EVENT_SEQUENCE_INVALID` when it is not the
 * next of this case, `COMMAND_NOT_ALLOWED` when its state does not accept it.
 */
export function evolveSimplified(
  state: SimplifiedCaseState,
  event: CaseEvent,
): Result<SimplifiedCaseState, SanxiangError> {
  const next = checkNextEvent(state, event);
  if (next.isErr()) return err(next.error);
  const e = simplifiedEventOf(event);
  if (e.isErr()) return err(e.error);
  if (!SIMPLIFIED_ACCEPTS[e.value.type].includes(state.value)) {
    return err(
      sanxiangError(
        "COMMAND_NOT_ALLOWED",
        `案件处于「${SIMPLIFIED_STATE_NAMES[state.value]}」，不能应用 ${e.value.type}`,
        {
          details: { state: state.value, event: e.value.type },
        },
      ),
    );
  }
  return ok({
    caseId: state.caseId,
    version: event.seq,
    value: NEXT[e.value.type] ?? state.value,
    context: evolveSimplifiedContext(state.context, e.value),
  });
}

/** 折叠 — an on-the-spot case as the fold of its stored events (oldest first). */
export function foldSimplified(
  caseId: string,
  events: readonly CaseEvent[],
): Result<SimplifiedCaseState, SanxiangError> {
  let state = initialSimplifiedState(caseId);
  for (const e of events) {
    const next = evolveSimplified(state, e);
    if (next.isErr()) return err(next.error);
    state = next.value;
  }
  return ok(state);
}
