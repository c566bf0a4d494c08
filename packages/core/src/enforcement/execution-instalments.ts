import type { SanxiangError } from "../kernel/errors.js";
import { formatYuan } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates, type Instant } from "../kernel/time.js";
import { caseSurcharge } from "./branches.js";
import { outstandingFen, type PenaltyCaseContext } from "./context.js";
import type { CaseDeadline } from "./deadline.js";
import { type InstalmentPlan, EXECUTION_SOURCES as SRC, unpaidInstalments } from "./execution.js";
import { type Cmd, courtApplicationDeadline, decisionServedOn, later, premature, type R } from "./execution-common.js";
import { checkNotHalted } from "./execution-halt.js";
import { caseDeadline, checkRecords, currentDeadline, type DecideContext, refuse } from "./guards.js";
import { currentServedOn } from "./service.js";
import { DEFERRAL_SOURCE } from "./surcharge.js";

/**
 * 现行缴纳期限 — the payment deadline as guards must read it now: a deferral's as stored; after a
 * public notice whose service date was provisional, counted again from the service date as it
 * now stands (the stored deadline was counted from the latest plausible one); otherwise the
 * stored deadline through {@link currentDeadline}.
 */
export function currentPaymentDeadline(c: PenaltyCaseContext, ctx: DecideContext): CaseDeadline | undefined {
  const stored = c.deadlines.payment;
  if (stored === undefined) return undefined;
  const plan = c.execution.instalments;
  if (plan !== undefined) {
    const next = unpaidInstalments(plan, c.paidFen)[0];
    if (next !== undefined) {
      return { ruleId: "penalty.payment", due: next.dueDate, source: planSource(plan), provisional: false };
    }
  }
  const s = c.service;
  if (c.execution.deferredUntil !== undefined || s?.publicNotice?.provisional !== true) {
    return currentDeadline(stored, ctx);
  }
  const recounted = caseDeadline("penalty.payment", currentServedOn(s.servedOn, s.publicNotice, ctx), ctx);
  return recounted.isOk() ? recounted.value : currentDeadline(stored, ctx);
}

/** @internal The rule an instalment plan rests on: 行政处罚法 Art. 66 para. 2, or 行政强制法 Art. 42 for an execution agreement. */
export function planSource(plan: InstalmentPlan) {
  return plan.basis === "agreement" ? SRC.agreement : DEFERRAL_SOURCE;
}

/**
 * 逾期未缴的各期 — on `date`, the instalments of the plan whose due date has passed unpaid, and
 * the amount owed on them. Empty without a plan.
 */
export function overdueInstalments(
  c: PenaltyCaseContext,
  date: CivilDate,
): readonly { readonly index: number; readonly dueDate: CivilDate; readonly owedFen: number }[] {
  const plan = c.execution.instalments;
  if (plan === undefined) return [];
  return unpaidInstalments(plan, c.paidFen).filter((i) => compareCivilDates(date, i.dueDate) > 0);
}

/**
 * @internal
 * 分期履行中 — an execution step while an approved instalment plan is being kept (no instalment
 * overdue on `date`) is refused: the fine is not overdue (行政处罚法 Art. 66 para. 2), or the
 * execution agreement is being performed (行政强制法 Art. 42: only its non-performance restores
 * execution).
 */
export function checkPlanOverdue(c: PenaltyCaseContext, date: CivilDate): Result<true, SanxiangError> {
  const plan = c.execution.instalments;
  if (plan === undefined || outstandingFen(c) === 0 || overdueInstalments(c, date).length > 0) return ok(true);
  const next = unpaidInstalments(plan, c.paidFen)[0];
  return err(
    premature(
      `已批准分期缴纳${plan.basis === "agreement" ? "（执行协议）" : ""}，当事人按期履行中${next === undefined ? "" : `：下一期 ${formatYuan(next.owedFen)} 元于 ${next.dueDate} 到期`}；逾期不缴纳的方可继续执行`,
      planSource(plan),
      { nextDue: next?.dueDate },
    ),
  );
}

/**
 * 暂缓缴纳 — `payment.defer` (行政处罚法 Art. 66 para. 2): approved on the party's application,
 * to a day after the current payment deadline; the payment deadline (and the surcharge after
 * it) moves there, and the court-application window counts from its end when later than the
 * remedy periods (Art. 72 para. 2).
 */
export function deferPayment(cmd: Cmd<"payment.defer">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const stored = c.deadlines.payment;
  const servedOn = decisionServedOn(c, ctx);
  if (stored === undefined || servedOn === undefined || outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "没有未缴纳的罚款，无需批准暂缓缴纳", DEFERRAL_SOURCE));
  }
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  if (c.execution.instalments !== undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "已批准分期缴纳；变更缴纳期限请重新批准分期计划（payment.instalments）",
        planSource(c.execution.instalments),
      ),
    );
  }
  const due = (currentPaymentDeadline(c, ctx) ?? stored).due;
  if (compareCivilDates(cmd.until, due) <= 0 || compareCivilDates(cmd.until, civilDateOf(at)) <= 0) {
    return err(
      refuse(
        "INVALID_INPUT",
        `暂缓缴纳至 ${cmd.until} 须晚于现行缴纳期限 ${due} 和批准之日 ${civilDateOf(at)}`,
        DEFERRAL_SOURCE,
        { until: cmd.until, due },
      ),
    );
  }
  const records = checkRecords("execution", "paymentDeferral", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const window = courtApplicationDeadline(servedOn, cmd.until, ctx);
  if (window.isErr()) return err(window.error);
  return ok({
    type: "payment.deferred",
    at,
    until: cmd.until,
    records: cmd.records,
    paymentDue: { ruleId: "penalty.payment", due: cmd.until, source: DEFERRAL_SOURCE, provisional: false },
    courtApplicationDue: window.value.due,
  });
}

/**
 * 暂缓或者分期缴纳期限结束之日 — the end of an approved deferral, or the last instalment's due
 * date (行政处罚法 Art. 72 para. 2: the court window counts from it when later); undefined
 * without either.
 */
export function paymentPeriodEnd(c: PenaltyCaseContext): CivilDate | undefined {
  const last = c.execution.instalments?.instalments.at(-1)?.dueDate;
  return last === undefined ? c.execution.deferredUntil : later(last, c.execution.deferredUntil);
}

/**
 * 分期缴纳 — `payment.instalments`: the organ approves, on the party's application, payment in
 * instalments (行政处罚法 Art. 66 para. 2), or agrees them in an execution agreement once
 * execution has begun (行政强制法 Art. 42: 分阶段履行). The amounts must sum to the fine
 * outstanding, the due dates strictly increase and none is before the approval. Payments
 * apply to the instalments in order; no surcharge accrues on an instalment before its due
 * date, and each missed one accrues from the day after it (行政处罚法 Art. 72). The payment
 * deadline becomes the last instalment's, and the court window counts from it (Art. 72
 * para. 2). A new plan replaces the old for what is then outstanding. An agreement keeps the
 * demand in force (its non-performance restores execution, Art. 42 para. 2); a deferral sets
 * it aside.
 */
export function approveInstalments(
  cmd: Cmd<"payment.instalments">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const source = cmd.basis === "agreement" ? SRC.agreement : DEFERRAL_SOURCE;
  const servedOn = decisionServedOn(c, ctx);
  const outstanding = outstandingFen(c);
  if (c.deadlines.payment === undefined || servedOn === undefined || outstanding === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "没有未缴纳的罚款，无需批准分期缴纳", source));
  }
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const x = c.execution;
  if (cmd.basis === "agreement" && x.demand === undefined && x.decision === undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "执行协议在实施行政强制执行中达成：尚未催告或作出强制执行决定；当事人申请分期缴纳的，按暂缓、分期缴纳批准（basis: deferral）",
        source,
      ),
    );
  }
  const total = cmd.instalments.reduce((sum, i) => sum + BigInt(i.amountFen), 0n);
  if (total !== BigInt(outstanding)) {
    return err(
      refuse(
        "INVALID_INPUT",
        `分期金额合计 ${formatYuan(Number(total))} 元，应等于尚未缴纳的罚款 ${formatYuan(outstanding)} 元`,
        source,
        { totalFen: Number(total), outstandingFen: outstanding },
      ),
    );
  }
  const date = civilDateOf(at);
  let previous: CivilDate | undefined;
  for (const [k, i] of cmd.instalments.entries()) {
    const floor = previous ?? date;
    if (previous === undefined ? compareCivilDates(i.dueDate, floor) < 0 : compareCivilDates(i.dueDate, floor) <= 0) {
      return err(
        refuse(
          "INVALID_INPUT",
          previous === undefined
            ? `第 1 期缴纳期限 ${i.dueDate} 早于批准之日 ${date}`
            : `第 ${k + 1} 期缴纳期限 ${i.dueDate} 须晚于第 ${k} 期的 ${previous}`,
          source,
          { index: k, dueDate: i.dueDate },
        ),
      );
    }
    previous = i.dueDate;
  }
  const records = checkRecords("execution", "paymentDeferral", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const last = previous ?? date;
  const window = courtApplicationDeadline(servedOn, later(last, x.deferredUntil), ctx);
  if (window.isErr()) return err(window.error);
  // An agreement is reached in execution: what accrued stays owed (Art. 42 para. 1 lets it be
  // reduced only for remedial measures, which the SDK leaves to a later payment record).
  let surchargeAccrued: { amountFen: number; days: number } | undefined;
  if (cmd.basis === "agreement") {
    const accrued = caseSurcharge(c, date, ctx.surcharge);
    if (accrued.isErr()) return err(accrued.error);
    surchargeAccrued = { amountFen: accrued.value.amountFen, days: accrued.value.days };
  }
  return ok({
    type: "payment.instalmentsApproved",
    at,
    basis: cmd.basis,
    instalments: cmd.instalments,
    paidBeforeFen: c.paidFen,
    ...(surchargeAccrued === undefined ? {} : { surchargeAccrued }),
    records: cmd.records,
    paymentDue: { ruleId: "penalty.payment", due: last, source, provisional: false },
    courtApplicationDue: window.value.due,
  });
}

/**
 * 未缴各期 in words — for a refusal to close a case with a plan: each instalment still owed,
 * its amount and due date (empty without a plan).
 */
export function instalmentsOwedNote(c: PenaltyCaseContext): string {
  const plan = c.execution.instalments;
  if (plan === undefined) return "";
  const owed = unpaidInstalments(plan, c.paidFen);
  if (owed.length === 0) return "";
  const parts = owed.map((i) => `第 ${i.index + 1} 期 ${formatYuan(i.owedFen)} 元（${i.dueDate} 到期）`);
  return `；分期缴纳尚未缴清：${parts.join("、")}`;
}
