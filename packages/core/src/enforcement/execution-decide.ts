// 行政强制执行的决定 — one function per execution command of the ordinary procedure, each
// returning the event or the coded refusal citing its article (行政处罚法 Arts. 61, 72;
// 行政强制法 Arts. 35–38, 43, 46). `decide` calls them after the actor's role, the act's time and
// the machine's state were checked. The other steps are in execution-instalments.ts (deferral,
// instalments, 执行协议), execution-court.ts (Arts. 53–59) and execution-halt.ts (Arts. 39–40).
import { SAMR_SERVICE_NOTICE } from "../disclosure/sectors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { civilDateOf, compareCivilDates, epochMillis, type Instant, startOfCivilDate } from "../kernel/time.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommand } from "./commands.js";
import { outstandingFen, type PenaltyCaseContext } from "./context.js";
import type { PenaltyEvent } from "./events.js";
import {
  type ExecutionEvent,
  ExecutionPolicySchema,
  NIGHT_DEFAULT_SOURCE,
  EXECUTION_SOURCES as SRC,
  type UtilityCutoff,
} from "./execution.js";
import { type Cmd, courtApplicationDeadline, executionPolicyOf, premature, type R } from "./execution-common.js";
import { checkNotHalted } from "./execution-halt.js";
import { checkPlanOverdue, currentPaymentDeadline, overdueInstalments } from "./execution-instalments.js";
import { caseDeadline, checkRecords, currentDeadline, type DecideContext, refuse } from "./guards.js";
import {
  currentServedOn,
  SERVICE_METHOD_NAMES,
  type ServiceMethod,
  type ServiceOutcome,
  serviceOutcome,
} from "./service.js";

export {
  courtApplicationDeadline,
  type ExecutionCommand,
  type ExecutionStepResult,
  executionPolicyOf,
} from "./execution-common.js";

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
 * The structural backstop the machine checks for every execution event, whatever wrote the
 * stream: electronic consent any time before the decision is served; a deferral, a demand or
 * a defence only while the fine is outstanding and nothing was decided or applied for; a
 * decision or a court application only on a demand in force, never both; the decision served
 * once; acts only after it was served.
 */
export function executionEventAllowed(c: PenaltyCaseContext, e: ExecutionEvent): boolean {
  const x = c.execution;
  const open = x.decision === undefined && x.application === undefined;
  const running = x.suspended === undefined && x.terminated === undefined && x.ceased === undefined;
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
      return x.application !== undefined && x.terminated === undefined && x.ceased === undefined;
    case "execution.courtReconsidered":
      return (
        x.court?.ruling !== undefined && x.court.ruling.ruling !== "enforce" && x.court.reconsideration === undefined
      );
    case "execution.suspended":
      return running && outstandingFen(c) > 0;
    case "execution.resumed":
      return x.suspended !== undefined && x.terminated === undefined && x.ceased === undefined;
    case "execution.terminated":
      return x.terminated === undefined && x.ceased === undefined && outstandingFen(c) > 0;
    case "execution.ceased":
      return x.suspended !== undefined && x.terminated === undefined && x.ceased === undefined && outstandingFen(c) > 0;
    case "execution.surchargeRelieved":
    case "execution.agreementBreached":
      return running && x.instalments?.basis === "agreement" && x.instalments.breachedAt === undefined;
    case "execution.courtStatementMade":
      return running && x.court?.acceptedOn !== undefined;
  }
}
