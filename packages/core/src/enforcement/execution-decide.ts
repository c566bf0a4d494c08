// 行政强制执行的决定 — one function per execution command of the ordinary procedure, each
// returning the event or the coded refusal citing its article (行政处罚法 Arts. 66, 72;
// 行政强制法 Arts. 35–38, 43, 46, 53–55). `decide` calls them after the actor's role, the act's
// time and the machine's state were checked.
import type { z } from "zod";
import { computeDeadline } from "../calendar/deadline.js";
import { SAMR_SERVICE_NOTICE } from "../disclosure/sectors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { formatYuan } from "../kernel/money.js";
import { err, ok, type Result } from "../kernel/result.js";
import {
  type CivilDate,
  civilDateOf,
  compareCivilDates,
  epochMillis,
  type Instant,
  startOfCivilDate,
} from "../kernel/time.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommand } from "./commands.js";
import { outstandingFen, type PenaltyCaseContext } from "./context.js";
import type { CaseDeadline } from "./deadline.js";
import type { PenaltyEvent } from "./events.js";
import {
  type EXECUTION_COMMAND_SCHEMAS,
  type ExecutionEvent,
  type ExecutionPolicy,
  ExecutionPolicySchema,
  type InstalmentPlan,
  NIGHT_DEFAULT_SOURCE,
  EXECUTION_SOURCES as SRC,
  SUSPENSION_GROUND_ITEMS,
  TERMINATION_GROUND_ITEMS,
  type UtilityCutoff,
  unpaidInstalments,
} from "./execution.js";
import { caseDeadline, checkRecords, currentDeadline, type DecideContext, refuse } from "./guards.js";
import {
  currentServedOn,
  SERVICE_METHOD_NAMES,
  type ServiceMethod,
  type ServiceOutcome,
  serviceOutcome,
} from "./service.js";
import { DEFERRAL_SOURCE } from "./surcharge.js";

/** An execution command (service consent, deferral, demand, defence, decision, service, act, court application; a `PenaltyCommand`), defaults applied. */
export type ExecutionCommand = z.infer<(typeof EXECUTION_COMMAND_SCHEMAS)[number]>;
type Cmd<T extends ExecutionCommand["type"]> = Extract<ExecutionCommand, { type: T }>;
/** A step of the execution decider: its event, or the refusal. */
export type ExecutionStepResult = Result<ExecutionEvent, SanxiangError>;
type R = ExecutionStepResult;

/** The bureau's execution policy (defaults for what it leaves out). */
export function executionPolicyOf(ctx: DecideContext): Result<ExecutionPolicy, SanxiangError> {
  const parsed = ExecutionPolicySchema.safeParse(ctx.execution ?? {});
  if (parsed.success) return ok(parsed.data);
  return err(
    sanxiangError("INVALID_INPUT", `强制执行配置无效：${parsed.error.issues[0]?.message ?? ""}`, {
      details: { execution: ctx.execution },
    }),
  );
}

/** The latest plausible last day of period `ruleId` from `start` — what a refusal of a late act must rest on. */
function latestDue(ruleId: string, start: CivilDate, ctx: DecideContext): Result<CivilDate, SanxiangError> {
  const periods = ctx.periods === undefined ? {} : { periods: ctx.periods };
  const exact = computeDeadline(ruleId, start, ctx.calendar, periods);
  if (exact.isOk() && !exact.value.provisional) return ok(exact.value.due);
  return computeDeadline(ruleId, start, ctx.calendar.bounded("latest"), periods).map((d) => d.due);
}

const later = (a: CivilDate, b: CivilDate | undefined): CivilDate =>
  b !== undefined && compareCivilDates(b, a) > 0 ? b : a;

/**
 * 申请法院强制执行期限 — the three months of 行政强制法 Art. 53 for a decision served on
 * `servedOn`: counted from the end of the remedy periods — the longer one, 起诉期限 of six months
 * from the service (行政诉讼法 Art. 46 para. 1; the 60 days of 行政复议法 Art. 20 end before it) —
 * or from the end of an approved deferral when later (行政处罚法 Art. 72 para. 2). The window
 * opens the day after `opensAfter`. The remedy end is the party's (latest plausible when a
 * year's notice is missing); the three months are the bureau's duty (earliest plausible end).
 */
export function courtApplicationDeadline(
  servedOn: CivilDate,
  deferredUntil: CivilDate | undefined,
  ctx: DecideContext,
): Result<{ readonly opensAfter: CivilDate; readonly due: CaseDeadline }, SanxiangError> {
  const remedyEnd = caseDeadline("remedy.litigation", servedOn, ctx);
  if (remedyEnd.isErr()) return err(remedyEnd.error);
  const opensAfter = later(remedyEnd.value.due, deferredUntil);
  const due = caseDeadline("enforcement.courtApplication", opensAfter, ctx);
  if (due.isErr()) return err(due.error);
  const source = compareCivilDates(opensAfter, remedyEnd.value.due) > 0 ? SRC.deferralCourtWindow : due.value.source;
  return ok({ opensAfter, due: { ...due.value, source } });
}

/** 送达行政处罚决定书 — the `decision.serve` command. */
export type ServeCommand = Extract<PenaltyCommand, { type: "decision.serve" }>;

/**
 * 送达决定书 — `decision.serve` (行政处罚法 Art. 61): the service date its method fixes
 * ({@link serviceOutcome}: the receipt for mail, the end of the 30 days for a public notice, the
 * consent and delivery record for electronic service), and from that date, for a fine, the
 * 15 days to pay (Art. 67 para. 3; the surcharge after them, Art. 72) and the court-application
 * window (行政强制法 Art. 53).
 */
export function serveDecision(
  cmd: ServeCommand,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): Result<PenaltyEvent, SanxiangError> {
  const notice = checkPublicationNotice(cmd, c, ctx);
  if (notice.isErr()) return err(notice.error);
  const served = serviceOutcome(cmd, at, c.execution.consent, ctx);
  if (served.isErr()) return err(served.error);
  const { servedOn, publicNotice } = served.value;
  const fine = c.decision?.outcome === "penalty" ? (c.decision.penalty?.fineFen ?? 0) : 0;
  if (fine === 0) {
    return ok({
      type: "decision.served",
      at,
      method: cmd.method,
      records: cmd.records,
      servedOn,
      ...(publicNotice === undefined ? {} : { publicNotice }),
      ...(cmd.publicationNotice === undefined ? {} : { publicationNotice: cmd.publicationNotice }),
    });
  }
  const paymentDue = caseDeadline("penalty.payment", servedOn, ctx);
  if (paymentDue.isErr()) return err(paymentDue.error);
  const window = courtApplicationDeadline(servedOn, c.execution.deferredUntil, ctx);
  if (window.isErr()) return err(window.error);
  return ok({
    type: "decision.served",
    at,
    method: cmd.method,
    records: cmd.records,
    servedOn,
    ...(publicNotice === undefined ? {} : { publicNotice }),
    ...(cmd.publicationNotice === undefined ? {} : { publicationNotice: cmd.publicationNotice }),
    paymentDue: paymentDue.value,
    courtApplicationDue: window.value.due,
  });
}

/**
 * 送达时书面告知将予公示 — 市场监督管理行政处罚信息公示规定 Art. 8: where the bureau's policy
 * says the rule binds it (`publicationNotice: "samr"`), a penalty decision that rule publishes
 * — of the ordinary procedure, other than a warning alone (Art. 2) — is served only with the
 * written notice that it will be published (`publicationNotice` on `decision.serve`, e.g. the
 * clause on the decision or a separate 告知书). Refused `PUBLICATION_NOTICE_MISSING` citing
 * Art. 8 and giving the text; a malformed policy is `INVALID_INPUT`.
 */
export function checkPublicationNotice(
  cmd: Pick<ServeCommand, "publicationNotice">,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): Result<true, SanxiangError> {
  const policy = executionPolicyOf(ctx);
  if (policy.isErr()) return err(policy.error);
  if (policy.value.publicationNotice !== "samr" || cmd.publicationNotice !== undefined) return ok(true);
  const penalty = c.decision?.outcome === "penalty" ? c.decision.penalty : undefined;
  const published = penalty?.kinds.some((k) => k !== "warning") === true;
  if (!published) return ok(true);
  return err(
    refuse(
      "PUBLICATION_NOTICE_MISSING",
      `送达应当公示的行政处罚决定书时，应当书面告知当事人行政处罚信息将向社会公示（如在决定书或送达回证上载明“${SAMR_SERVICE_NOTICE.text}”），请在送达时附上该书面告知（publicationNotice）`,
      SAMR_SERVICE_NOTICE.source,
      { text: SAMR_SERVICE_NOTICE.text },
    ),
  );
}

/** 送达日期 of the decision as stored (events before `servedOn` existed: the day of the act). */
function decisionServedOn(c: PenaltyCaseContext, ctx: DecideContext): CivilDate | undefined {
  const s = c.service;
  return s === undefined ? undefined : currentServedOn(s.servedOn, s.publicNotice, ctx);
}

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

/** The rule an instalment plan rests on: 行政处罚法 Art. 66 para. 2, or 行政强制法 Art. 42 for an execution agreement. */
function planSource(plan: InstalmentPlan) {
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
 * 分期履行中 — an execution step while an approved instalment plan is being kept (no instalment
 * overdue on `date`) is refused: the fine is not overdue (行政处罚法 Art. 66 para. 2), or the
 * execution agreement is being performed (行政强制法 Art. 42: only its non-performance restores
 * execution).
 */
function checkPlanOverdue(c: PenaltyCaseContext, date: CivilDate): Result<true, SanxiangError> {
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
 * 中止、终结执行 — no execution step while execution is suspended (行政强制法 Art. 39; resume it
 * first) or after it was terminated (Art. 40).
 */
export function checkNotHalted(c: PenaltyCaseContext): Result<true, SanxiangError> {
  const x = c.execution;
  if (x.terminated !== undefined) {
    return err(
      refuse(
        "EXECUTION_HALTED",
        `本案已于 ${civilDateOf(x.terminated.at)} 终结执行（第四十条第（${TERMINATION_GROUND_ITEMS[x.terminated.ground]}）项），不得再实施执行`,
        { ...SRC.termination, item: TERMINATION_GROUND_ITEMS[x.terminated.ground] },
        { terminatedAt: x.terminated.at },
      ),
    );
  }
  if (x.suspended !== undefined) {
    return err(
      refuse(
        "EXECUTION_HALTED",
        `本案已于 ${civilDateOf(x.suspended.at)} 中止执行（第三十九条第一款第（${SUSPENSION_GROUND_ITEMS[x.suspended.ground]}）项）；中止的情形消失后，先恢复执行（execution.resume）`,
        { ...SRC.suspension, item: SUSPENSION_GROUND_ITEMS[x.suspended.ground] },
        { suspendedAt: x.suspended.at },
      ),
    );
  }
  return ok(true);
}

/** Words of a description or means that name cutting a utility (停水、停电、断气、拉闸…). */
const UTILITY_WORDS = /停止?供?(水|电|热|暖|气|燃气)|断(水|电|气|暖|热)|拉闸|关停?(水|电|气)阀|限电/;

/**
 * 居民生活 — 行政强制法 Art. 43 para. 2: no stopping water, power, heating or gas to residents'
 * homes to compel performance. A declared cutoff aimed at a residence is refused
 * `EXECUTION_MEANS_FORBIDDEN`, whoever the party; words of such a cutoff in `text` without the
 * declaration are refused `INVALID_INPUT` (declare `utilityCutoff` with its premises).
 */
export function checkUtilityCutoff(
  cutoff: UtilityCutoff | undefined,
  text: string,
  c: Pick<PenaltyCaseContext, "party">,
): Result<true, SanxiangError> {
  if (cutoff === undefined) {
    if (!UTILITY_WORDS.test(text)) return ok(true);
    return err(
      refuse(
        "INVALID_INPUT",
        `“${text}”涉及停止供水、供电、供热或者供燃气：须载明停止供应的种类和场所（utilityCutoff），对居民生活不得采取此类方式`,
        SRC.utilities,
        { text },
      ),
    );
  }
  if (cutoff.premises === "business") return ok(true);
  const names = { water: "供水", power: "供电", heating: "供热", gas: "供燃气", other: "生活供应" } as const;
  return err(
    refuse(
      "EXECUTION_MEANS_FORBIDDEN",
      `行政机关不得对居民生活采取停止${cutoff.utilities.map((u) => names[u]).join("、")}等方式迫使当事人履行${c.party?.kind === "person" ? "（当事人为自然人，对象为其住所）" : "（对象为居民住宅）"}`,
      SRC.utilities,
      { utilities: cutoff.utilities, premises: cutoff.premises },
    ),
  );
}

function premature(message: string, source: Parameters<typeof refuse>[2], details: Record<string, unknown> = {}) {
  return refuse("EXECUTION_PREMATURE", message, source, details);
}

/**
 * 直接送达 — 行政强制法 Art. 38: a demand or an execution decision not served directly needs
 * its reason: the party refused it (then 留置送达, or another method of the 民事诉讼法) or cannot
 * be reached directly.
 */
function checkDirectService(method: ServiceMethod, because: string | undefined): Result<true, SanxiangError> {
  if (method === "direct" || method === "onSpot" || because !== undefined) return ok(true);
  return err(
    refuse(
      "INVALID_INPUT",
      `催告书、强制执行决定书应当直接送达；采用${SERVICE_METHOD_NAMES[method]}须载明原因（indirectBecause：refused 当事人拒绝接收，unreachable 无法直接送达）`,
      SRC.service,
      { method },
    ),
  );
}

/** 送达地址确认书 — `service.consent`: the party's consent to electronic service, with the signed confirmation. */
export function recordServiceConsent(cmd: Cmd<"service.consent">, at: Instant, ctx: DecideContext): R {
  const r = checkRecords("service", "serviceConsent", cmd.records, ctx, at);
  return r.isErr() ? err(r.error) : ok({ type: "service.consented", at, address: cmd.address, records: cmd.records });
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
 * 催告 — `execution.demand` (行政强制法 Arts. 35, 38, 54): only once the payment deadline has
 * passed with the fine unpaid (行政处罚法 Art. 72: 逾期不履行; the deadline as it stands now, the
 * latest plausible end while provisional); in writing (催告书, the recording rules), served by a
 * method of the 民事诉讼法 (Art. 38) with its service date; the amount demanded is the fine
 * outstanding and the surcharge accrued on the day (Art. 35 item 3). Its ten working days
 * (`enforcement.demand`, Art. 54; Art. 69: working days) run from the service date.
 */
export function demandPerformance(
  cmd: Cmd<"execution.demand">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const date = civilDateOf(at);
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const outstanding = outstandingFen(c);
  const payment = currentPaymentDeadline(c, ctx);
  if (outstanding === 0 || payment === undefined) {
    return err(premature("没有逾期未缴纳的罚款，不能催告", SRC.overdue, { outstandingFen: outstanding }));
  }
  if (compareCivilDates(date, payment.due) <= 0) {
    return err(
      premature(
        `${c.execution.instalments === undefined ? "罚款缴纳期限" : "分期缴纳的本期期限"}至 ${payment.due} 届满${payment.provisional ? "（暂定，按最晚可能日期）" : ""}，期满当事人仍未缴纳的方可催告`,
        c.execution.instalments === undefined ? SRC.overdue : payment.source,
        { due: payment.due, date },
      ),
    );
  }
  const direct = checkDirectService(cmd.method, cmd.indirectBecause);
  if (direct.isErr()) return err(direct.error);
  const demandDoc = checkRecords("execution", "executionDemand", cmd.records, ctx, at);
  if (demandDoc.isErr()) return err(demandDoc.error);
  const served = serviceOutcome(cmd, at, c.execution.consent, ctx);
  if (served.isErr()) return err(served.error);
  const surcharge = caseSurcharge(c, date, ctx.surcharge);
  if (surcharge.isErr()) return err(surcharge.error);
  const demandDue = caseDeadline("enforcement.demand", served.value.servedOn, ctx);
  if (demandDue.isErr()) return err(demandDue.error);
  // With instalments only the instalments overdue are demanded (行政强制法 Art. 35 item 3: 明确的金额).
  const overdue = overdueInstalments(c, date);
  const amountFen = overdue.length === 0 ? outstanding : overdue.reduce((sum, i) => sum + i.owedFen, 0);
  return ok({
    type: "execution.demanded",
    at,
    ...servedFields(cmd, served.value),
    amountFen,
    surchargeFen: surcharge.value.unpaidFen,
    records: cmd.records,
    demandDue: demandDue.value,
  });
}

/**
 * 催告后的陈述申辩 — `execution.defence` (行政强制法 Art. 36): recorded with its review; a
 * finding that the party's facts, reasons or evidence hold must be adopted — the demand is
 * set aside and enforcing needs a new one.
 */
export function receiveExecutionDefence(
  cmd: Cmd<"execution.defence">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  if (c.execution.demand === undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", "尚未催告，没有可陈述申辩的催告书", SRC.demandDefence));
  }
  const r = checkRecords("execution", "executionStatement", cmd.records, ctx, at);
  if (r.isErr()) return err(r.error);
  return ok({
    type: "execution.defenceReceived",
    at,
    statement: cmd.statement,
    established: cmd.established,
    review: cmd.review,
    records: cmd.records,
  });
}

/**
 * 强制执行决定 — `execution.decide` (行政强制法 Arts. 13, 37, 46): only a bureau a law gives the
 * power (`selfEnforcement`; otherwise it applies to the court); after a demand still in force,
 * once its period passed unperformed (Art. 37 para. 1) and the surcharge ran more than thirty
 * days (Art. 46 para. 1) — or, within the demand period, an immediate decision on evidence of
 * property being moved or hidden (Art. 37 para. 3); in writing (the recording rules).
 */
export function decideExecution(
  cmd: Cmd<"execution.decide">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const policy = executionPolicyOf(ctx);
  if (policy.isErr()) return err(policy.error);
  if (!policy.value.selfEnforcement) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "本机关没有法律设定的行政强制执行权，不能自行作出强制执行决定；请在催告书送达十日后申请人民法院强制执行（execution.apply）",
        SRC.noEnforcementPower,
      ),
    );
  }
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const demand = c.execution.demand;
  if (demand === undefined) {
    return err(premature("作出强制执行决定前，应当书面催告当事人履行义务", SRC.demand));
  }
  const date = civilDateOf(at);
  const plan = checkPlanOverdue(c, date);
  if (plan.isErr()) return err(plan.error);
  const utilities = checkUtilityCutoff(cmd.utilityCutoff, cmd.means, c);
  if (utilities.isErr()) return err(utilities.error);
  if (cmd.immediate === undefined) {
    const due = currentDeadline(demand.due, ctx);
    if (compareCivilDates(date, due.due) <= 0) {
      return err(
        premature(`催告期限至 ${due.due} 届满，期满当事人仍不履行的方可作出强制执行决定`, SRC.decision, {
          due: due.due,
        }),
      );
    }
    const surcharge = caseSurcharge(c, date, ctx.surcharge);
    if (surcharge.isErr()) return err(surcharge.error);
    if (surcharge.value.days <= 30) {
      return err(
        premature(
          `加处罚款超过三十日方可强制执行（至 ${date} 为 ${surcharge.value.days} 日）`,
          SRC.surchargeThirtyDays,
          { days: surcharge.value.days },
        ),
      );
    }
  } else if (compareCivilDates(date, currentServedOn(demand.servedOn, demand.publicNotice, ctx)) < 0) {
    return err(premature("立即强制执行决定只能在催告书送达后的催告期间作出", SRC.immediate));
  }
  const r = checkRecords("execution", "coerciveExecutionDecision", cmd.records, ctx, at);
  if (r.isErr()) return err(r.error);
  return ok({
    type: "execution.decided",
    at,
    means: cmd.means,
    ...(cmd.immediate === undefined ? {} : { immediate: cmd.immediate }),
    ...(cmd.utilityCutoff === undefined ? {} : { utilityCutoff: cmd.utilityCutoff }),
    records: cmd.records,
  });
}

/** 送达强制执行决定书 — `execution.serve` (行政强制法 Art. 38): by a method of the 民事诉讼法, with its service date. */
export function serveExecutionDecision(
  cmd: Cmd<"execution.serve">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  if (c.execution.decision === undefined || c.execution.decisionServed !== undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", "没有待送达的强制执行决定书", SRC.service));
  }
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const direct = checkDirectService(cmd.method, cmd.indirectBecause);
  if (direct.isErr()) return err(direct.error);
  const served = serviceOutcome(cmd, at, c.execution.consent, ctx);
  if (served.isErr()) return err(served.error);
  return ok({
    type: "execution.served",
    at,
    ...servedFields(cmd, served.value),
    records: cmd.records,
  });
}

/**
 * The service fields of a served demand or execution decision (行政强制法 Art. 38): how it was
 * served, the day it counts as served, the public notice when there was one, and why it was
 * not served directly.
 */
function servedFields(
  cmd: Cmd<"execution.demand"> | Cmd<"execution.serve">,
  served: ServiceOutcome,
): Pick<
  Extract<ExecutionEvent, { type: "execution.served" }>,
  "method" | "servedOn" | "publicNotice" | "indirectBecause"
> {
  return {
    method: cmd.method,
    servedOn: served.servedOn,
    ...(served.publicNotice === undefined ? {} : { publicNotice: served.publicNotice }),
    ...(cmd.indirectBecause === undefined ? {} : { indirectBecause: cmd.indirectBecause }),
  };
}

/** Minutes since China-time midnight of `at`. */
function minuteOfDay(at: Instant): number {
  return Math.floor((epochMillis(at) - epochMillis(startOfCivilDate(civilDateOf(at)))) / 60_000);
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * 实施时间 — whether an execution act from `at` to `endedAt` keeps clear of the night and of
 * statutory holidays (行政强制法 Art. 43 para. 1): both ends outside the policy's night (China
 * time), on the same day (an act spanning midnight crosses the night), and that day not a
 * day off — a holiday of the notices, and under the default `restDays` a weekend. A day of a
 * year whose notice is not loaded counts as a day off when it plausibly is one.
 *
 * Errors: `EXECUTION_AT_NIGHT_OR_HOLIDAY` naming the time or the day; `INVALID_INPUT` for an
 * end before the start or a malformed policy.
 */
export function checkExecutionTime(
  at: Instant,
  endedAt: Instant,
  ctx: Pick<DecideContext, "calendar" | "execution">,
): Result<true, SanxiangError> {
  const parsed = ExecutionPolicySchema.safeParse(ctx.execution ?? {});
  if (!parsed.success) {
    return err(sanxiangError("INVALID_INPUT", `强制执行配置无效：${parsed.error.issues[0]?.message ?? ""}`));
  }
  const { night, restDays } = parsed.data;
  if (epochMillis(endedAt) < epochMillis(at)) {
    return err(
      sanxiangError("INVALID_INPUT", `执行结束时间 ${endedAt} 早于开始时间 ${at}`, { details: { at, endedAt } }),
    );
  }
  const from = minutes(night.from);
  const to = minutes(night.to);
  const source = NIGHT_DEFAULT_SOURCE;
  for (const t of [at, endedAt]) {
    const m = minuteOfDay(t);
    if (m >= from || m < to) {
      return err(
        refuse(
          "EXECUTION_AT_NIGHT_OR_HOLIDAY",
          `不得在夜间（${night.from} 至次日 ${night.to}）实施行政强制执行：${t} 为北京时间 ${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}；情况紧急的，须记明紧急情况（emergency）`,
          source,
          { time: t, night },
        ),
      );
    }
  }
  const day = civilDateOf(at);
  if (civilDateOf(endedAt) !== day) {
    return err(
      refuse(
        "EXECUTION_AT_NIGHT_OR_HOLIDAY",
        `执行自 ${day} 持续至 ${civilDateOf(endedAt)}，跨越夜间；情况紧急的，须记明紧急情况（emergency）`,
        source,
        { at, endedAt },
      ),
    );
  }
  const exact = ctx.calendar.dayInfo(day);
  const info = exact.isOk() ? exact : ctx.calendar.bounded("latest").dayInfo(day);
  if (info.isErr()) return err(info.error);
  const off = info.value.kind === "holiday" || (restDays === "nonWorking" && info.value.kind === "weekend");
  if (off) {
    const what = info.value.kind === "holiday" ? `法定节假日（${info.value.holiday ?? "放假日"}）` : "休息日";
    return err(
      refuse(
        "EXECUTION_AT_NIGHT_OR_HOLIDAY",
        `${day} 是${what}${exact.isErr() ? "（当年放假安排未载入，按可能的放假日处理）" : ""}，不得实施行政强制执行；情况紧急的，须记明紧急情况（emergency）`,
        SRC.nightAndHolidays,
        { date: day, kind: info.value.kind },
      ),
    );
  }
  return ok(true);
}

/**
 * 实施强制执行 — `execution.act` (行政强制法 Art. 43): after the execution decision was served,
 * never at night or on a statutory holiday unless the emergency is recorded.
 */
export function actOnExecution(cmd: Cmd<"execution.act">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const utilities = checkUtilityCutoff(cmd.utilityCutoff, cmd.description, c);
  if (utilities.isErr()) return err(utilities.error);
  const plan = checkPlanOverdue(c, civilDateOf(at));
  if (plan.isErr()) return err(plan.error);
  const served = c.execution.decisionServed;
  if (served === undefined || compareCivilDates(civilDateOf(at), served.servedOn) < 0) {
    return err(
      premature(
        served === undefined
          ? "强制执行决定书尚未送达，不得实施强制执行"
          : `强制执行决定书于 ${served.servedOn} 送达，此前不得实施`,
        SRC.service,
      ),
    );
  }
  const endedAt = cmd.endedAt ?? at;
  if (epochMillis(endedAt) > epochMillis(ctx.now) || epochMillis(endedAt) < epochMillis(at)) {
    return err(
      sanxiangError("INVALID_INPUT", `执行结束时间 ${endedAt} 须在开始时间 ${at} 之后、当前时间 ${ctx.now} 之前`, {
        details: { at, endedAt, now: ctx.now },
      }),
    );
  }
  if (cmd.emergency === undefined) {
    const t = checkExecutionTime(at, endedAt, ctx);
    if (t.isErr()) return err(t.error);
  }
  const r = checkRecords("execution", "coerciveExecution", cmd.records, ctx, at, endedAt);
  if (r.isErr()) return err(r.error);
  return ok({
    type: "execution.acted",
    at,
    ...(cmd.endedAt === undefined ? {} : { endedAt: cmd.endedAt }),
    description: cmd.description,
    ...(cmd.emergency === undefined ? {} : { emergency: cmd.emergency }),
    ...(cmd.utilityCutoff === undefined ? {} : { utilityCutoff: cmd.utilityCutoff }),
    records: cmd.records,
  });
}

/**
 * 申请人民法院强制执行 — `execution.apply` (行政强制法 Arts. 53–55; 行政处罚法 Art. 72): after a
 * demand still in force and ten working days from its service (Art. 54); with no
 * reconsideration or litigation pending and the remedy periods over (Art. 53); within three
 * months of their end, or of the end of a deferral (行政处罚法 Art. 72 para. 2) — refused as
 * late only after the latest plausible end; with the application and its materials (Art. 55).
 */
export function applyToCourt(cmd: Cmd<"execution.apply">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const date = civilDateOf(at);
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const demand = c.execution.demand;
  if (demand === undefined) {
    return err(premature("申请人民法院强制执行前，应当书面催告当事人履行义务", SRC.courtAfterDemand));
  }
  const demandDue = currentDeadline(demand.due, ctx);
  if (compareCivilDates(date, demandDue.due) <= 0) {
    return err(
      premature(`催告书送达十日（至 ${demandDue.due}）后当事人仍未履行的，方可申请`, SRC.courtAfterDemand, {
        due: demandDue.due,
      }),
    );
  }
  if (Object.values(c.remedies).some((p) => p.to === undefined)) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "当事人已申请行政复议或者提起行政诉讼且尚未终结，不适用第五十三条的申请；待复议、诉讼终结后依其结果办理",
        SRC.courtWindow,
      ),
    );
  }
  const servedOn = decisionServedOn(c, ctx);
  if (servedOn === undefined) return err(premature("处罚决定尚未送达", SRC.courtWindow));
  const deferredTo = paymentPeriodEnd(c);
  const window = courtApplicationDeadline(servedOn, deferredTo, ctx);
  if (window.isErr()) return err(window.error);
  const { opensAfter } = window.value;
  if (compareCivilDates(date, opensAfter) <= 0) {
    return err(
      premature(
        `当事人申请复议、提起诉讼的期限${deferredTo === undefined ? "" : "或者暂缓、分期缴纳期限"}至 ${opensAfter} 届满，期满后方可申请`,
        SRC.courtWindow,
        { opensAfter },
      ),
    );
  }
  const closes = latestDue("enforcement.courtApplication", opensAfter, ctx);
  if (closes.isErr()) return err(closes.error);
  if (compareCivilDates(date, closes.value) > 0) {
    return err(
      refuse(
        "COURT_APPLICATION_LATE",
        `申请人民法院强制执行的期限（自 ${opensAfter} 起三个月）已于 ${closes.value} 届满`,
        window.value.due.source,
        { opensAfter, due: closes.value },
      ),
    );
  }
  const r = checkRecords("execution", "courtApplication", cmd.records, ctx, at);
  if (r.isErr()) return err(r.error);
  const acceptanceDue = caseDeadline("enforcement.courtAcceptance", date, ctx);
  if (acceptanceDue.isErr()) return err(acceptanceDue.error);
  return ok({
    type: "execution.applied",
    at,
    court: cmd.court,
    records: cmd.records,
    acceptanceDue: acceptanceDue.value,
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

/** A day the court acted, as recorded: not before `floor` (the organ's own step), not after today. */
function checkCourtDay(
  what: string,
  day: CivilDate,
  floor: CivilDate,
  ctx: DecideContext,
  source: Parameters<typeof refuse>[2],
): Result<true, SanxiangError> {
  const today = civilDateOf(ctx.now);
  if (compareCivilDates(day, floor) >= 0 && compareCivilDates(day, today) <= 0) return ok(true);
  return err(
    refuse("INVALID_INPUT", `${what} ${day} 须在 ${floor} 至今天（${today}）之间`, source, { day, floor, today }),
  );
}

/**
 * 人民法院受理 — `execution.courtAccept` (行政强制法 Arts. 56–57): after the application (or, on
 * the organ's 复议 against 不予受理, after the higher court ordered acceptance); the day of
 * acceptance starts the seven days of the ruling (Art. 57; thirty where Art. 58 applies).
 */
export function recordCourtAcceptance(
  cmd: Cmd<"execution.courtAccept">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const x = c.execution;
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const reopened = x.court?.reconsideration?.against === "notAccepted";
  if (
    x.application === undefined ||
    (x.court?.acceptedOn !== undefined && !reopened) ||
    (x.court?.ruling !== undefined && !reopened)
  ) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        x.application === undefined ? "尚未申请人民法院强制执行" : "人民法院已受理或者已作出裁定",
        SRC.courtAcceptance,
      ),
    );
  }
  const day = checkCourtDay("受理之日", cmd.acceptedOn, civilDateOf(x.application.at), ctx, SRC.courtAcceptance);
  if (day.isErr()) return err(day.error);
  const rulingDue = caseDeadline("enforcement.courtRuling", cmd.acceptedOn, ctx);
  if (rulingDue.isErr()) return err(rulingDue.error);
  const rulingDueLatest = caseDeadline("enforcement.courtRulingReview", cmd.acceptedOn, ctx);
  if (rulingDueLatest.isErr()) return err(rulingDueLatest.error);
  return ok({
    type: "execution.courtAccepted",
    at,
    acceptedOn: cmd.acceptedOn,
    records: cmd.records,
    rulingDue: rulingDue.value,
    rulingDueLatest: rulingDueLatest.value,
  });
}

/**
 * 人民法院的裁定 — `execution.courtRule` (行政强制法 Arts. 56–58): 不予受理 before any acceptance;
 * 准予执行 or 不予执行 (with its reasons, Art. 58 para. 2) after it; on the organ's 复议 the
 * higher court's ruling, which is final. A ruling against the organ opens its fifteen days to
 * ask the higher court to reconsider, from the day it received the ruling.
 */
export function recordCourtRuling(
  cmd: Cmd<"execution.courtRule">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const x = c.execution;
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const pending = x.court?.reconsideration;
  const ruling = cmd.ruling;
  const source =
    ruling === "notAccepted"
      ? SRC.acceptanceReconsideration
      : ruling === "notEnforce"
        ? SRC.courtRulingReview
        : SRC.courtRuling;
  if (x.application === undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", "尚未申请人民法院强制执行", source));
  }
  if (pending === undefined) {
    const accepted = x.court?.acceptedOn !== undefined;
    if (x.court?.ruling !== undefined) {
      return err(refuse("COMMAND_NOT_ALLOWED", "人民法院已作出裁定；对不予执行、不予受理的裁定可以申请复议", source));
    }
    if (accepted === (ruling === "notAccepted")) {
      return err(
        refuse(
          "COMMAND_NOT_ALLOWED",
          accepted
            ? "人民法院已受理申请，不能再裁定不予受理"
            : "人民法院尚未受理申请：先记录受理（execution.courtAccept），或记录不予受理的裁定",
          source,
        ),
      );
    }
  } else if ((pending.against === "notAccepted") !== (ruling === "notAccepted")) {
    return err(
      refuse(
        "INVALID_INPUT",
        pending.against === "notAccepted"
          ? "复议的对象是不予受理的裁定：上一级人民法院维持的，记录不予受理；裁定受理的，记录受理（execution.courtAccept）"
          : "复议的对象是不予执行的裁定：上一级人民法院的裁定为准予执行或者不予执行",
        source,
      ),
    );
  }
  if (ruling === "notEnforce" && cmd.reasons === undefined) {
    return err(
      refuse("INVALID_INPUT", "裁定不予执行的，应当说明理由：请载明裁定书所述理由（reasons）", SRC.courtRulingReview),
    );
  }
  const floor = civilDateOf(pending?.at ?? x.application.at);
  const ruled = checkCourtDay("裁定之日", cmd.ruledOn, floor, ctx, source);
  if (ruled.isErr()) return err(ruled.error);
  const received = checkCourtDay("收到裁定之日", cmd.receivedOn, cmd.ruledOn, ctx, source);
  if (received.isErr()) return err(received.error);
  const againstOrgan = ruling !== "enforce" && pending === undefined;
  let reconsiderationDue: CaseDeadline | undefined;
  if (againstOrgan) {
    const due = caseDeadline("enforcement.courtReconsideration", cmd.receivedOn, ctx);
    if (due.isErr()) return err(due.error);
    reconsiderationDue = ruling === "notAccepted" ? { ...due.value, source: SRC.acceptanceReconsideration } : due.value;
  }
  return ok({
    type: "execution.courtRuled",
    at,
    ruling,
    ruledOn: cmd.ruledOn,
    receivedOn: cmd.receivedOn,
    ...(cmd.reasons === undefined ? {} : { reasons: cmd.reasons }),
    onReconsideration: pending !== undefined,
    records: cmd.records,
    ...(reconsiderationDue === undefined ? {} : { reconsiderationDue }),
  });
}

/**
 * 申请复议 — `execution.courtReconsider` (行政强制法 Art. 56 para. 2, Art. 58 para. 3): the
 * organ's request to the higher court against 不予受理 or 不予执行, within fifteen days of
 * receiving the ruling — refused as late only after the latest plausible end. The higher
 * court rules within fifteen days (acceptance) or thirty (execution).
 */
export function requestCourtReconsideration(
  cmd: Cmd<"execution.courtReconsider">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const x = c.execution;
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const r = x.court?.ruling;
  if (r === undefined || r.ruling === "enforce" || r.onReconsideration || x.court?.reconsideration !== undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "只有对人民法院不予受理、不予执行的裁定，可以向上一级人民法院申请复议一次",
        SRC.rulingReconsideration,
      ),
    );
  }
  const against = r.ruling;
  const source = against === "notAccepted" ? SRC.acceptanceReconsideration : SRC.rulingReconsideration;
  const date = civilDateOf(at);
  const closes = latestDue("enforcement.courtReconsideration", r.receivedOn, ctx);
  if (closes.isErr()) return err(closes.error);
  if (compareCivilDates(date, closes.value) > 0) {
    return err(
      refuse(
        "COURT_APPLICATION_LATE",
        `申请复议的期限（自收到裁定之日 ${r.receivedOn} 起十五日）已于 ${closes.value} 届满`,
        source,
        { receivedOn: r.receivedOn, due: closes.value },
      ),
    );
  }
  const rulingDue = caseDeadline(
    against === "notAccepted"
      ? "enforcement.acceptanceReconsiderationRuling"
      : "enforcement.courtReconsiderationRuling",
    date,
    ctx,
  );
  if (rulingDue.isErr()) return err(rulingDue.error);
  return ok({
    type: "execution.courtReconsidered",
    at,
    court: cmd.court,
    against,
    records: cmd.records,
    rulingDue: rulingDue.value,
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

/** Whether execution has begun: a demand in force, an execution decision or a court application. */
const executionBegun = (c: PenaltyCaseContext) =>
  c.execution.demand !== undefined || c.execution.decision !== undefined || c.execution.application !== undefined;

/**
 * 中止执行 — `execution.suspend` (行政强制法 Art. 39 para. 1): by the organ, on one of the grounds
 * of the article (its item in the refusal and the event), with the facts; only once execution
 * has begun and while the fine is outstanding. While suspended no demand, decision, service,
 * act or application is accepted.
 */
export function suspendExecution(cmd: Cmd<"execution.suspend">, at: Instant, c: PenaltyCaseContext): R {
  const source = { ...SRC.suspension, item: SUSPENSION_GROUND_ITEMS[cmd.ground] };
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  if (!executionBegun(c) || outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "没有正在进行的强制执行，无需中止", source));
  }
  return ok({ type: "execution.suspended", at, ground: cmd.ground, reason: cmd.reason, records: cmd.records });
}

/** 恢复执行 — `execution.resume` (行政强制法 Art. 39 para. 2): once the ground for suspension is gone. */
export function resumeExecution(cmd: Cmd<"execution.resume">, at: Instant, c: PenaltyCaseContext): R {
  if (c.execution.suspended === undefined || c.execution.terminated !== undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", "执行未中止，无需恢复", SRC.resumption));
  }
  return ok({ type: "execution.resumed", at, reason: cmd.reason, records: cmd.records });
}

/**
 * 终结执行 — `execution.terminate` (行政强制法 Art. 40): on one of its grounds, with the facts;
 * final — no execution step is accepted after it, and the case may close with the fine
 * unpaid.
 */
export function terminateExecution(cmd: Cmd<"execution.terminate">, at: Instant, c: PenaltyCaseContext): R {
  const source = { ...SRC.termination, item: TERMINATION_GROUND_ITEMS[cmd.ground] };
  if (c.execution.terminated !== undefined) {
    return err(refuse("EXECUTION_HALTED", "本案已终结执行", source));
  }
  if (outstandingFen(c) === 0) {
    return err(refuse("COMMAND_NOT_ALLOWED", "罚款已缴清，没有可终结的执行", source));
  }
  return ok({ type: "execution.terminated", at, ground: cmd.ground, reason: cmd.reason, records: cmd.records });
}

/**
 * The structural backstop the machine checks for every execution event, whatever wrote the
 * stream: electronic consent any time before the decision is served; a deferral, a demand or
 * a defence only while the fine is outstanding and nothing was decided or applied for; a
 * decision or a court application only on a demand in force, never both; the decision served
 * once; acts only after it was served.
 */
export function executionEventAllowed(c: PenaltyCaseContext, e: ExecutionEvent): boolean {
  const x = c.execution;
  const open = x.decision === undefined && x.application === undefined;
  const running = x.suspended === undefined && x.terminated === undefined;
  switch (e.type) {
    case "service.consented":
      return true;
    case "payment.deferred":
      return open && running && outstandingFen(c) > 0 && x.instalments === undefined;
    case "payment.instalmentsApproved":
      return x.terminated === undefined && x.suspended === undefined && outstandingFen(c) > 0;
    case "execution.demanded":
      return open && running && outstandingFen(c) > 0;
    case "execution.defenceReceived":
      return x.demand !== undefined && open;
    case "execution.decided":
    case "execution.applied":
      return x.demand !== undefined && open && running && outstandingFen(c) > 0;
    case "execution.served":
      return x.decision !== undefined && x.decisionServed === undefined && running;
    case "execution.acted":
      return x.decisionServed !== undefined && running;
    case "execution.courtAccepted":
    case "execution.courtRuled":
      return x.application !== undefined && x.terminated === undefined;
    case "execution.courtReconsidered":
      return (
        x.court?.ruling !== undefined && x.court.ruling.ruling !== "enforce" && x.court.reconsideration === undefined
      );
    case "execution.suspended":
      return running && outstandingFen(c) > 0;
    case "execution.resumed":
      return x.suspended !== undefined && x.terminated === undefined;
    case "execution.terminated":
      return x.terminated === undefined && outstandingFen(c) > 0;
  }
}
