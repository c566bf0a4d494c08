import type { Instant } from "../../kernel/time.js";
import type { CaseParty } from "../commands.js";
import type { CaseDeadline } from "../events.js";
import type { Penalty } from "../penalty.js";
import type { OnSpotStatement, SimplifiedEvent } from "./schema.js";

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
  /** 陈述申辩或者明确放弃 (Arts. 45, 62), when recorded. */
  readonly statement?: OnSpotStatement;
  /** 已报备案. */
  readonly filed: boolean;
  /** 当场收缴金额 (fen). */
  readonly collectedFen: number;
  /** 交至行政机关期限 / 缴付银行期限. */
  readonly deadlines: Readonly<{ handOver?: CaseDeadline; deposit?: CaseDeadline }>;
  /** When the last act took place. */
  readonly lastAt?: Instant;
}

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
        ...(e.statement === undefined ? {} : { statement: e.statement }),
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
