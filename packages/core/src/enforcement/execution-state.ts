// 执行情况 — how the execution steps change a case: the execution state, its evolution by
// event, instalment payments, and each event's stage and recording action. Re-exported by
// execution.ts.
import type { CivilDate, Instant } from "../kernel/time.js";
import type { CaseDeadline } from "./deadline.js";
import { EXECUTION_EVENT_SCHEMAS, type ExecutionEvent, type ExecutionEventType } from "./execution-events.js";
import type { CourtRuling, InstalmentBasis, SuspensionGround, TerminationGround } from "./execution-terms.js";
import { type PublicNoticeService, serviceActionOf } from "./service.js";
import type { Instalment } from "./surcharge.js";

/** 执行情况 — what the execution steps of a case established (part of the case's context). */
export interface ExecutionState {
  /** 送达地址确认书 (electronic service allowed). */
  readonly consent?: { readonly at: Instant; readonly address: string };
  /** 暂缓缴纳至. */
  readonly deferredUntil?: CivilDate;
  /** 催告 in force: served on, its ten working days, the amount demanded. */
  readonly demand?: {
    readonly at: Instant;
    readonly servedOn: CivilDate;
    readonly publicNotice?: PublicNoticeService;
    readonly due: CaseDeadline;
    readonly amountFen: number;
  };
  /** 陈述申辩 received after demands, with the review's finding. */
  readonly defences: readonly { readonly at: Instant; readonly established: boolean }[];
  /** 强制执行决定. */
  readonly decision?: { readonly at: Instant; readonly means: string; readonly immediate: boolean };
  /** 强制执行决定书送达. */
  readonly decisionServed?: { readonly at: Instant; readonly servedOn: CivilDate };
  /** 实施强制执行. */
  readonly acts: readonly { readonly at: Instant; readonly emergency: boolean }[];
  /** 申请人民法院强制执行 (`immediate`: 申请立即执行, Art. 59). */
  readonly application?: { readonly at: Instant; readonly court: string; readonly immediate?: boolean };
  /** 分期缴纳 — the approved plan and the day each instalment was paid in full. */
  readonly instalments?: InstalmentPlan;
  /** 人民法院对申请的处理 (行政强制法 Arts. 56–58). */
  readonly court?: CourtProceedings;
  /** 中止执行 in force (Art. 39), with the end of its three years (para. 2). */
  readonly suspended?: { readonly at: Instant; readonly ground: SuspensionGround; readonly lapseDue?: CaseDeadline };
  /** 终结执行 (Art. 40): nothing more is executed. */
  readonly terminated?: { readonly at: Instant; readonly ground: TerminationGround };
  /** 不再执行 (Art. 39 para. 2): suspended three years, nothing more is executed. */
  readonly ceased?: { readonly at: Instant };
}

/** 分期缴纳计划 — approved instalments, the amount paid before approval, and when each was paid off. */
export interface InstalmentPlan {
  /** 批准（达成执行协议）之时. */
  readonly at: Instant;
  /** 分期的依据 (行政处罚法 Art. 66 para. 2 or 行政强制法 Art. 42). */
  readonly basis: InstalmentBasis;
  /** 各期 — amounts and due dates, in order. */
  readonly instalments: readonly Instalment[];
  /** 已缴金额 at approval: payments after it apply to the instalments in order of due date. */
  readonly paidBeforeFen: number;
  /** 每期缴清之日 (index by instalment), undefined while not fully paid. */
  readonly settledOn: readonly (CivilDate | undefined)[];
  /** 加处罚款 accrued before an execution agreement, kept with the plan (zero for a deferral). */
  readonly surchargeAccrued: { readonly amountFen: number; readonly days: number };
  /** 减免的加处罚款 under the agreement (行政强制法 Art. 42 para. 1), subtracted from what accrues. */
  readonly surchargeReliefFen: number;
  /** 不履行执行协议 recorded (Art. 42 para. 2): the plan no longer holds execution back. */
  readonly breachedAt?: Instant;
}

/** 人民法院的处理 — acceptance, ruling and the organ's reconsideration request. */
export interface CourtProceedings {
  /** 人民法院受理之日. */
  readonly acceptedOn?: CivilDate;
  /** The latest ruling (the higher court's after a reconsideration). */
  readonly ruling?: {
    readonly ruling: CourtRuling;
    readonly receivedOn: CivilDate;
    readonly onReconsideration: boolean;
    readonly reconsiderationDue?: CaseDeadline;
    /** 人民法院送达不予执行裁定期限 (Art. 58 para. 2), for a first 不予执行 ruling. */
    readonly deliveryDue?: CaseDeadline;
    /** The ruling reached the organ after `deliveryDue`. */
    readonly deliveredLate?: boolean;
  };
  /** 申请复议 pending before the higher court. */
  readonly reconsideration?: { readonly at: Instant; readonly against: "notEnforce" | "notAccepted" };
}

/** The execution state of a case before any of its events. */
export const EMPTY_EXECUTION: ExecutionState = { defences: [], acts: [] };

/**
 * 分期缴款的分配 — the amount paid toward each instalment when `paidFen` has been paid in all
 * (what was paid before the plan excluded), in order of due date: each part between 0 and
 * its instalment's amount, the parts summing to the amount paid toward the plan (capped at
 * the plan's total).
 */
export function allocateInstalments(plan: InstalmentPlan, paidFen: number): readonly number[] {
  let left = Math.max(0, paidFen - plan.paidBeforeFen);
  return plan.instalments.map((i) => {
    const part = Math.min(left, i.amountFen);
    left -= part;
    return part;
  });
}

/**
 * 缴款记入分期 — the plan after payments reach `paidFen` in all on `on`: each instalment paid
 * off by now keeps (or gets) `on` as its settlement day. Pure; no plan, no change.
 */
export function applyPaymentToInstalments(s: ExecutionState, paidFen: number, on: CivilDate): ExecutionState {
  const plan = s.instalments;
  if (plan === undefined) return s;
  const parts = allocateInstalments(plan, paidFen);
  const settledOn = plan.instalments.map(
    (i, k) => plan.settledOn[k] ?? ((parts[k] ?? 0) >= i.amountFen ? on : undefined),
  );
  return { ...s, instalments: { ...plan, settledOn } };
}

/**
 * 未缴的各期 — the instalments not yet paid in full on the plan, with the amount still owed on
 * each, in order of due date.
 */
export function unpaidInstalments(
  plan: InstalmentPlan,
  paidFen: number,
): readonly { readonly index: number; readonly dueDate: CivilDate; readonly owedFen: number }[] {
  const parts = allocateInstalments(plan, paidFen);
  return plan.instalments.flatMap((i, index) => {
    const owedFen = i.amountFen - (parts[index] ?? 0);
    return owedFen > 0 ? [{ index, dueDate: i.dueDate, owedFen }] : [];
  });
}

/** The execution event types. */
export const EXECUTION_EVENT_TYPES: readonly ExecutionEventType[] = EXECUTION_EVENT_SCHEMAS.map(
  (s) => s.shape.type.value,
);

/** Whether `e` is an execution event (by its type). */
export function isExecutionEvent(e: { readonly type: string }): e is ExecutionEvent {
  return (EXECUTION_EVENT_TYPES as readonly string[]).includes(e.type);
}

/**
 * 执行情况演进 — the execution state after `e` (pure). A defence found established
 * (行政强制法 Art. 36: 应当采纳) and an approved deferral (the fine is no longer overdue,
 * 行政处罚法 Art. 66 para. 2) set the demand aside: enforcing needs a new demand.
 */
export function evolveExecution(s: ExecutionState, e: ExecutionEvent): ExecutionState {
  switch (e.type) {
    case "service.consented":
      return { ...s, consent: { at: e.at, address: e.address } };
    case "payment.deferred": {
      // The fine is no longer overdue: a demand made before the deferral no longer stands.
      const { demand: _d, ...rest } = s;
      return { ...rest, deferredUntil: e.until };
    }
    case "execution.demanded":
      return {
        ...s,
        demand: {
          at: e.at,
          servedOn: e.servedOn,
          ...(e.publicNotice === undefined ? {} : { publicNotice: e.publicNotice }),
          due: e.demandDue,
          amountFen: e.amountFen,
        },
      };
    case "execution.defenceReceived": {
      const { demand: _d, ...rest } = s;
      const defences = [...s.defences, { at: e.at, established: e.established }];
      return e.established ? { ...rest, defences } : { ...s, defences };
    }
    case "execution.decided":
      return { ...s, decision: { at: e.at, means: e.means, immediate: e.immediate !== undefined } };
    case "execution.served":
      return { ...s, decisionServed: { at: e.at, servedOn: e.servedOn } };
    case "execution.acted":
      return { ...s, acts: [...s.acts, { at: e.at, emergency: e.emergency !== undefined }] };
    case "execution.applied":
      return {
        ...s,
        application: { at: e.at, court: e.court, ...(e.immediate === undefined ? {} : { immediate: true }) },
      };
    case "payment.instalmentsApproved": {
      // A deferral's plan replaces the payment deadline: a demand made before it no longer
      // stands. An execution agreement keeps it (its breach restores execution, 行政强制法 Art. 42 para. 2).
      const { demand: _d, ...rest } = s;
      return {
        ...(e.basis === "agreement" ? s : rest),
        instalments: {
          at: e.at,
          basis: e.basis,
          instalments: e.instalments,
          paidBeforeFen: e.paidBeforeFen,
          settledOn: e.instalments.map(() => undefined),
          surchargeAccrued: e.surchargeAccrued ?? { amountFen: 0, days: 0 },
          surchargeReliefFen: 0,
        },
      };
    }
    case "execution.courtAccepted":
      return { ...s, court: { ...s.court, acceptedOn: e.acceptedOn } };
    case "execution.courtRuled": {
      const { reconsideration: _r, ...court } = s.court ?? {};
      return {
        ...s,
        court: {
          ...court,
          ruling: {
            ruling: e.ruling,
            receivedOn: e.receivedOn,
            onReconsideration: e.onReconsideration,
            ...(e.reconsiderationDue === undefined ? {} : { reconsiderationDue: e.reconsiderationDue }),
            ...(e.deliveryDue === undefined ? {} : { deliveryDue: e.deliveryDue }),
            ...(e.deliveredLate === undefined ? {} : { deliveredLate: e.deliveredLate }),
          },
        },
      };
    }
    case "execution.courtReconsidered":
      return { ...s, court: { ...s.court, reconsideration: { at: e.at, against: e.against } } };
    case "execution.suspended":
      return {
        ...s,
        suspended: { at: e.at, ground: e.ground, ...(e.lapseDue === undefined ? {} : { lapseDue: e.lapseDue }) },
      };
    case "execution.resumed": {
      const { suspended: _s, ...rest } = s;
      return rest;
    }
    case "execution.terminated": {
      const { suspended: _s, ...rest } = s;
      return { ...rest, terminated: { at: e.at, ground: e.ground } };
    }
    case "execution.ceased": {
      const { suspended: _s, ...rest } = s;
      return { ...rest, ceased: { at: e.at } };
    }
    case "execution.surchargeRelieved":
      return s.instalments === undefined
        ? s
        : {
            ...s,
            instalments: { ...s.instalments, surchargeReliefFen: s.instalments.surchargeReliefFen + e.reliefFen },
          };
    case "execution.agreementBreached":
      return s.instalments === undefined ? s : { ...s, instalments: { ...s.instalments, breachedAt: e.at } };
    case "execution.courtStatementMade":
      return s;
  }
}

/** The stage (案卷 order) of each execution event: consent belongs to service, the rest to execution. */
export const EXECUTION_EVENT_STAGES = {
  "service.consented": "service",
  "payment.deferred": "execution",
  "execution.demanded": "execution",
  "execution.defenceReceived": "execution",
  "execution.decided": "execution",
  "execution.served": "execution",
  "execution.acted": "execution",
  "execution.applied": "execution",
  "payment.instalmentsApproved": "execution",
  "execution.courtAccepted": "execution",
  "execution.courtRuled": "execution",
  "execution.courtReconsidered": "execution",
  "execution.suspended": "execution",
  "execution.resumed": "execution",
  "execution.terminated": "execution",
  "execution.ceased": "execution",
  "execution.surchargeRelieved": "execution",
  "execution.agreementBreached": "execution",
  "execution.courtStatementMade": "execution",
} as const satisfies Readonly<Record<ExecutionEventType, "service" | "execution">>;

/**
 * The recording action each execution event stands for (recording `KNOWN_ACTIONS`): the
 * execution decision's service is recorded as a service by its method.
 */
export function executionActionOf(e: ExecutionEvent): string {
  switch (e.type) {
    case "service.consented":
      return "serviceConsent";
    case "payment.deferred":
      return "paymentDeferral";
    case "execution.demanded":
      return "executionDemand";
    case "execution.defenceReceived":
      return "executionStatement";
    case "execution.decided":
      return "coerciveExecutionDecision";
    case "execution.served":
      return serviceActionOf(e.method);
    case "execution.acted":
      return "coerciveExecution";
    case "execution.applied":
      return "courtApplication";
    case "payment.instalmentsApproved":
      return e.basis === "agreement" ? "executionAgreement" : "paymentDeferral";
    case "execution.courtAccepted":
      return "courtAcceptance";
    case "execution.courtRuled":
      return "courtRuling";
    case "execution.courtReconsidered":
      return "courtReconsideration";
    case "execution.suspended":
      return "executionSuspension";
    case "execution.resumed":
      return "executionResumption";
    case "execution.terminated":
      return "executionTermination";
    case "execution.ceased":
      return "executionCessation";
    case "execution.surchargeRelieved":
      return "surchargeRelief";
    case "execution.agreementBreached":
      return "agreementBreach";
    case "execution.courtStatementMade":
      return "courtStatement";
  }
}
