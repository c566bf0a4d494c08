// 暂缓、分期缴纳与执行协议 — `payment.defer`, `payment.instalments` and the execution agreement's
// surcharge relief and breach (行政处罚法 Art. 66 para. 2, Art. 72 para. 2; 行政强制法 Art. 42),
// and what the other execution steps read of a plan: the payment deadline as it stands, the
// instalments overdue, the end of the payment period.
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
  if (plan === undefined || plan.breachedAt !== undefined || outstandingFen(c) === 0) return ok(true);
  if (overdueInstalments(c, date).length > 0) return ok(true);
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
  const action = cmd.basis === "agreement" ? "executionAgreement" : "paymentDeferral";
  const records = checkRecords("execution", action, cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const last = previous ?? date;
  const window = courtApplicationDeadline(servedOn, later(last, x.deferredUntil), ctx);
  if (window.isErr()) return err(window.error);
  // An agreement is reached in execution: what accrued stays owed (Art. 42 para. 1 lets it be
  // reduced only for remedial measures: `execution.relieveSurcharge`).
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

/** The execution agreement in force — an agreement plan not yet breached — or the refusal citing `source`. */
function agreementInForce(
  c: PenaltyCaseContext,
  source: Parameters<typeof refuse>[2],
): Result<InstalmentPlan, SanxiangError> {
  const plan = c.execution.instalments;
  if (plan === undefined || plan.basis !== "agreement") {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "没有执行协议：先与当事人达成执行协议（payment.instalments，basis: agreement）",
        source,
      ),
    );
  }
  if (plan.breachedAt !== undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `当事人已不履行执行协议（${civilDateOf(plan.breachedAt)} 记录），已恢复强制执行`,
        source,
        {
          breachedAt: plan.breachedAt,
        },
      ),
    );
  }
  return ok(plan);
}

/**
 * 减免加处的罚款 — `execution.relieveSurcharge` (行政强制法 Art. 42 para. 1: 执行协议…当事人采取
 * 补救措施的，可以减免加处的罚款或者滞纳金): under an execution agreement in force, for the
 * remedial measures the party took, the organ waives the surcharge unpaid on the day or reduces
 * it by an amount no larger, with its written decision. The surcharge owed is recomputed: what
 * accrues is reduced by all relief granted under the plan (never below zero, never above the
 * fine, 行政强制法 Art. 45 para. 2), so a missed instalment after it accrues again.
 *
 * Errors: `COMMAND_NOT_ALLOWED` without an agreement in force or with no surcharge unpaid;
 * `INVALID_INPUT` for a reduction above what is unpaid; `EXECUTION_HALTED` while halted.
 */
export function relieveSurcharge(
  cmd: Cmd<"execution.relieveSurcharge">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const plan = agreementInForce(c, SRC.surchargeRelief);
  if (plan.isErr()) return err(plan.error);
  const date = civilDateOf(at);
  const surcharge = caseSurcharge(c, date, ctx.surcharge);
  if (surcharge.isErr()) return err(surcharge.error);
  const unpaid = surcharge.value.unpaidFen;
  if (unpaid === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", `至 ${date} 没有未缴纳的加处罚款，无可减免`, SRC.surchargeRelief));
  }
  const reliefFen = cmd.relief.kind === "waive" ? unpaid : cmd.relief.amountFen;
  if (reliefFen > unpaid) {
    return err(
      refuse(
        "INVALID_INPUT",
        `减少的加处罚款 ${formatYuan(reliefFen)} 元超过至 ${date} 尚未缴纳的加处罚款 ${formatYuan(unpaid)} 元`,
        SRC.surchargeRelief,
        { reliefFen, unpaidFen: unpaid },
      ),
    );
  }
  const records = checkRecords("execution", "surchargeRelief", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  return ok({
    type: "execution.surchargeRelieved",
    at,
    remedialMeasures: cmd.remedialMeasures,
    relief: cmd.relief,
    reliefFen,
    unpaidBeforeFen: unpaid,
    records: cmd.records,
  });
}

/**
 * 不履行执行协议 — `execution.agreementBreach` (行政强制法 Art. 42 para. 2: 当事人不履行执行协议的，
 * 行政机关应当恢复强制执行): recorded once an instalment of the agreement is overdue unpaid,
 * listing them, with the written record and decision to resume. From then on the plan no
 * longer holds execution back, even if the party later catches up; relief already granted
 * stays. Before any instalment is overdue: `EXECUTION_PREMATURE`.
 */
export function recordAgreementBreach(
  cmd: Cmd<"execution.agreementBreach">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const plan = agreementInForce(c, SRC.agreementBreach);
  if (plan.isErr()) return err(plan.error);
  const overdue = overdueInstalments(c, civilDateOf(at));
  const [first, ...rest] = overdue;
  if (first === undefined) {
    const next = unpaidInstalments(plan.value, c.paidFen)[0];
    return err(
      premature(
        `执行协议按期履行中${next === undefined ? "" : `：下一期于 ${next.dueDate} 到期`}；逾期不履行的，方可记录不履行并恢复强制执行`,
        SRC.agreementBreach,
        { nextDue: next?.dueDate },
      ),
    );
  }
  const records = checkRecords("execution", "agreementBreach", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  return ok({
    type: "execution.agreementBreached",
    at,
    reason: cmd.reason,
    overdue: [first, ...rest],
    records: cmd.records,
  });
}
