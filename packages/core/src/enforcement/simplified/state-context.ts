import type { Instant } from "../../kernel/time.js";
import type { CaseParty } from "../commands.js";
import { evolveContext, type PenaltyCaseContext } from "../context.js";
import type { CaseDeadline } from "../events.js";
import type { Penalty } from "../penalty.js";
import { type FollowOnEvent, followOnView } from "./follow-on.js";
import type { OnSpotStatement, SimplifiedEvent } from "./schema.js";

/**
 * 简易程序状态 — where an on-the-spot case stands: `none` 未决定, `decided` 已当场决定,
 * `collected` 已当场收缴, `handedOver` 已交至行政机关, `deposited` 已缴付银行, `paid` 已缴纳
 * (paid off at the bank, Art. 67 para. 3, after any surcharge and execution steps). Filing with
 * the agency (备案) is orthogonal: `context.filed`.
 */
export type SimplifiedStateName = "none" | "decided" | "collected" | "handedOver" | "deposited" | "paid";

/** The Chinese name of each {@link SimplifiedStateName}. */
export const SIMPLIFIED_STATE_NAMES: Readonly<Record<SimplifiedStateName, string>> = {
  none: "未决定",
  decided: "已当场决定",
  collected: "已当场收缴",
  handedOver: "已交至行政机关",
  deposited: "已缴付银行",
  paid: "已缴纳罚款",
};

/** 简易程序案件情况 — everything the events of an on-the-spot case established (plain JSON). */
export interface SimplifiedContext {
  /** 当事人. */
  readonly party?: CaseParty;
  /** The officers on the spot. */
  readonly officerIds: readonly string[];
  /** 执法类别 and the place's division code (absent before the decision). */
  readonly category?: string;
  readonly regionCode?: string;
  /** 执法主体, when the decision named it. */
  readonly bodyId?: string;
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
  /**
   * 履行与执行 — a decided fine as the ordinary procedure's served decision (follow-on.ts): the
   * payment, surcharge and execution steps after the decision are the ordinary procedure's,
   * applied to this view. Absent before the decision, without a fine, and in streams written
   * before it existed (whose decisions carry no payment deadline).
   */
  readonly enforcement?: PenaltyCaseContext;
}

/** The context after an ordinary-procedure payment or execution step (the view evolves; the rest records the time). */
export function evolveFollowOn(c: SimplifiedContext, e: FollowOnEvent): SimplifiedContext {
  if (c.enforcement === undefined) return { ...c, lastAt: e.at };
  return { ...c, lastAt: e.at, enforcement: evolveContext(c.enforcement, e) };
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
        category: e.category,
        regionCode: e.regionCode,
        ...(e.bodyId === undefined ? {} : { bodyId: e.bodyId }),
        ...(e.paymentDue === undefined
          ? {}
          : {
              enforcement: followOnView({
                at: e.at,
                party: e.party,
                category: e.category,
                regionCode: e.regionCode,
                bodyId: e.bodyId,
                officerIds: e.officerIds,
                facts: e.facts,
                basis: e.basis,
                penalty: e.penalty,
                paymentDue: e.paymentDue,
                courtApplicationDue: e.courtApplicationDue,
              }),
            }),
        formNumber: e.formNumber,
        penalty: e.penalty,
        refusedToSign: e.refusedToSign,
        ...(e.statement === undefined ? {} : { statement: e.statement }),
      };
    case "onSpot.collected":
      return {
        ...base,
        collectedFen: e.amountFen,
        deadlines: { handOver: e.handOverDue },
        // Collected on the spot, the fine is paid: nothing is left to pay at the bank or to enforce.
        ...(c.enforcement === undefined ? {} : { enforcement: { ...c.enforcement, paidFen: e.amountFen } }),
      };
    case "cash.handedOver":
      return { ...base, deadlines: { ...c.deadlines, deposit: e.depositDue } };
    case "cash.deposited":
      return base;
    case "decision.filed":
      return { ...base, filed: true };
  }
}
