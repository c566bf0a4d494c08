import type { SanxiangError } from "../kernel/errors.js";
import { sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates, epochMillis, type Instant } from "../kernel/time.js";
import { decideSeizure } from "./coercion/decide.js";
import { SEIZURE_RULES } from "./coercion/rules.js";
import { EMPTY_SEIZURE } from "./coercion/state.js";
import type { ExclusionKind, PenaltyCommand, RecordRef } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import type { CaseDeadline } from "./events.js";
import { deadlineWithExclusions, type ExcludedPeriod } from "./excluded-periods.js";
import { caseDeadline, checkRecords, checkTeam, type DecideContext, refuse } from "./guards.js";
import { PENALTY_GUARD_SOURCES as SRC } from "./penalty.js";
import type { StepResult as R } from "./steps.js";
import { type Surcharge, surchargeOn, surchargeOnPlan } from "./surcharge.js";

// The ordinary case's investigation branches and execution (行政处罚法 Arts. 27, 56, 60, 72,
// 73; 行政强制法 Arts. 18–28; 移送规定 Arts. 5–8): one function per command, each returning
// the event or the coded refusal citing its article. `decide` calls them after the actor's
// role, the act's time and the machine's state were checked.

type Cmd<T extends PenaltyCommand["type"]> = Extract<PenaltyCommand, { type: T }>;

const teamOf = (c: PenaltyCaseContext) => ({
  category: c.category ?? "",
  regionCode: c.regionCode ?? "",
  ...(c.bodyId === undefined ? {} : { bodyId: c.bodyId }),
});

const hasDocument = (records: readonly RecordRef[]): boolean => records.some((r) => r.kind === "document");

/** 负责人批准先行登记保存 — `preservation.approve` (Art. 56: the head approves; the actor is the head). */
export function approvePreservation(
  cmd: Cmd<"preservation.approve">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  if (c.preservations[cmd.preservationId] !== undefined) {
    return err(
      refuse("COMMAND_NOT_ALLOWED", `先行登记保存 ${cmd.preservationId} 已经批准`, SRC.evidencePreservation, {
        preservationId: cmd.preservationId,
      }),
    );
  }
  return ok({
    type: "preservation.approved",
    at,
    preservationId: cmd.preservationId,
    approverId: ctx.actor.id,
    reason: cmd.reason,
  });
}

/** 先行登记保存 — `preservation.register`: approved first, by the case team, with its notice and list; 7 working days to handle (Art. 56). */
export function registerPreservation(
  cmd: Cmd<"preservation.register">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const p = c.preservations[cmd.preservationId];
  if (p === undefined) {
    return err(
      refuse("COMMAND_NOT_ALLOWED", "先行登记保存证据须经行政机关负责人批准", SRC.evidencePreservation, {
        preservationId: cmd.preservationId,
      }),
    );
  }
  if (p.registered !== undefined) {
    return err(refuse("COMMAND_NOT_ALLOWED", `先行登记保存 ${cmd.preservationId} 已经登记`, SRC.evidencePreservation));
  }
  const date = civilDateOf(at);
  const t = checkTeam(teamOf(c), c.officerIds, date, ctx);
  if (t.isErr()) return err(t.error);
  const records = checkRecords("investigation", "advanceRegistration", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  const due = caseDeadline("penalty.evidencePreservation", date, ctx);
  if (due.isErr()) return err(due.error);
  return ok({
    type: "preservation.registered",
    at,
    preservationId: cmd.preservationId,
    items: cmd.items,
    records: cmd.records,
    handlingDue: due.value,
  });
}

/**
 * 先行登记保存处理决定 — `preservation.handle`: within seven working days (Art. 56). After
 * them the preservation can only end by returning the items (`return`): the evidence may no
 * longer be held as preserved.
 */
export function handlePreservation(cmd: Cmd<"preservation.handle">, at: Instant, c: PenaltyCaseContext): R {
  const p = c.preservations[cmd.preservationId];
  if (p?.registered === undefined || p.handled !== undefined) {
    return err(
      refuse("COMMAND_NOT_ALLOWED", `没有待处理的先行登记保存 ${cmd.preservationId}`, SRC.evidencePreservation, {
        preservationId: cmd.preservationId,
      }),
    );
  }
  const due = p.registered.handlingDue.due;
  if (cmd.outcome !== "return" && compareCivilDates(civilDateOf(at), due) > 0) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `先行登记保存应当在七日内（${due} 前）作出处理决定；逾期只能解除登记保存、退还物品`,
        SRC.evidencePreservation,
        { due, outcome: cmd.outcome },
      ),
    );
  }
  return ok({
    type: "preservation.handled",
    at,
    preservationId: cmd.preservationId,
    outcome: cmd.outcome,
    records: cmd.records,
  });
}

/**
 * 案件中的查封扣押 — `coercion.act`: a step of a measure linked to the case, decided by
 * {@link decideSeizure} with the case's team (certificates in scope for coercion power),
 * the bureau's recording rules and periods, and the legal-review gate (the case's party,
 * reviews and approved drafts, the bureau's catalogue: a major measure's approval needs a
 * passed review of it). A head's refusal of a prior request leaves
 * nothing to record and is answered `INVALID_INPUT`.
 */
export function actOnMeasure(cmd: Cmd<"coercion.act">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const measure = c.measures[cmd.measureId] ?? EMPTY_SEIZURE;
  const decided = decideSeizure(
    measure,
    { ...cmd.seizure, at },
    {
      actor: ctx.actor,
      now: ctx.now,
      calendar: ctx.calendar,
      bodies: ctx.bodies,
      team: teamOf(c),
      ...(ctx.recording === undefined ? {} : { recording: ctx.recording }),
      ...(ctx.periods === undefined ? {} : { periods: ctx.periods }),
      ...(ctx.officerPolicy === undefined ? {} : { officerPolicy: ctx.officerPolicy }),
      review: {
        caseId: c.caseId,
        ...(c.party === undefined ? {} : { party: c.party }),
        ...(ctx.reviewCatalogue === undefined ? {} : { catalogue: ctx.reviewCatalogue }),
        ...(ctx.hash === undefined ? {} : { hash: ctx.hash }),
        ...(ctx.reviews === undefined ? {} : { reviews: ctx.reviews }),
        approvedDraftHashes: c.approvedDraftHashes,
      },
    },
  );
  if (decided.isErr()) return err(decided.error);
  const [seizure] = decided.value;
  if (seizure === undefined) {
    return err(sanxiangError("INVALID_INPUT", "负责人不予批准的查封、扣押申请无需记入案件"));
  }
  return ok({ type: "coercion.acted", at, measureId: cmd.measureId, seizure });
}

/** 移送涉嫌犯罪案件的书面报告 — `transfer.report`: two or more certified officers, a written report; the head has three days (移送规定 Art. 5). */
export function reportTransfer(cmd: Cmd<"transfer.report">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const date = civilDateOf(at);
  const t = checkTeam(teamOf(c), cmd.officerIds, date, ctx);
  if (t.isErr()) return err(t.error);
  if (!hasDocument(cmd.records)) {
    return err(refuse("RECORDING_INCOMPLETE", "移送涉嫌犯罪案件应当提出书面报告", SRC.transferReport));
  }
  const due = caseDeadline("transfer.headDecision", date, ctx);
  if (due.isErr()) return err(due.error);
  return ok({
    type: "transfer.reported",
    at,
    facts: cmd.facts,
    officerIds: cmd.officerIds,
    records: cmd.records,
    headDecisionDue: due.value,
  });
}

/** No transfer decision without the team's written report (移送规定 Art. 5 para. 1; 行政处罚法 Art. 27). */
export function checkTransferReported(c: PenaltyCaseContext): Result<true, SanxiangError> {
  if (c.transfer?.reported !== undefined) return ok(true);
  return err(
    refuse(
      "COMMAND_NOT_ALLOWED",
      "移送涉嫌犯罪案件应当由专案组核实情况后提出书面报告，报经正职负责人审批",
      SRC.transferReport,
    ),
  );
}

const DAY_MS = 86_400_000;

/**
 * 移送公安机关 — `transfer.send`: with the transfer letter among its materials (移送规定 Art. 6);
 * the case's sealed or seized property goes with it, the party told in writing (行政强制法
 * Art. 21): a measure still in force must first be handled `transfer` (with the written
 * notice), else the transfer is refused naming it. Marked `late` when more than 24 hours
 * after the approval (Art. 5 para. 2) — recorded, not refused: the case must still go.
 */
export function sendTransfer(cmd: Cmd<"transfer.send">, at: Instant, c: PenaltyCaseContext): R {
  if (c.decision?.outcome !== "transfer") {
    return err(refuse("COMMAND_NOT_ALLOWED", "负责人尚未批准移送", SRC.transferApproval));
  }
  const inForce = Object.entries(c.measures)
    .filter(([, m]) => m.status === "inForce")
    .map(([id]) => id);
  if (inForce.length > 0) {
    const rule = SEIZURE_RULES.transferWithCase;
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `查封、扣押措施 ${inForce.join("、")} 尚在执行：${rule.text}；请先对其作出随案移送的处理决定（coercion.act seizure.handle，outcome 为 transfer，附书面告知书）`,
        rule.source,
        { measures: inForce },
      ),
    );
  }
  if (!hasDocument(cmd.records)) {
    return err(
      refuse("RECORDING_INCOMPLETE", "移送涉嫌犯罪案件应当附有涉嫌犯罪案件移送书等材料", SRC.transferMaterials),
    );
  }
  const late = epochMillis(at) - epochMillis(c.decision.at) > DAY_MS;
  return ok({ type: "transfer.sent", at, receivingOrgan: cmd.receivingOrgan, records: cmd.records, late });
}

/**
 * 结案前的查封扣押与先行登记保存 — no case ends with a 查封、扣押 still in force: the organ makes
 * its handling decision within the period (行政强制法 Art. 27) and releases a measure no longer
 * needed once the violation is handled (Art. 28 para. 1 item 3), so `case.close` is refused
 * naming the measures until each is handled or released; nor with registered evidence
 * (先行登记保存) awaiting its handling decision (行政处罚法 Art. 56). The machine's `settled`
 * guard (`measuresSettled`, machine.ts) is the backstop of this refusal.
 */
export function checkNothingHanging(c: PenaltyCaseContext): Result<true, SanxiangError> {
  const inForce = Object.entries(c.measures)
    .filter(([, m]) => m.status === "inForce")
    .map(([id]) => id);
  if (inForce.length > 0) {
    const rule = SEIZURE_RULES.handlingInPeriod;
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `查封、扣押措施 ${inForce.join("、")} 尚未作出处理决定或解除，不得结案：${rule.text}；对违法行为已经作出处理决定、不再需要查封、扣押的，应当及时解除（行政强制法第二十八条第一款第三项）。请先作出处理决定（coercion.act seizure.handle）或解除（coercion.act seizure.release）`,
        rule.source,
        { measures: inForce },
      ),
    );
  }
  const pending = Object.entries(c.preservations)
    .filter(([, p]) => p.registered !== undefined && p.handled === undefined)
    .map(([id]) => id);
  if (pending.length > 0) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        `先行登记保存 ${pending.join("、")} 尚未作出处理决定，不得结案；请先作出处理决定（preservation.handle）`,
        SRC.evidencePreservation,
        { preservations: pending },
      ),
    );
  }
  return ok(true);
}

/** No closing of a transferred case before it was handed to the police (行政处罚法 Art. 27; 移送规定 Art. 5 para. 2). */
export function checkTransferSent(c: PenaltyCaseContext): Result<true, SanxiangError> {
  if (c.decision?.outcome !== "transfer" || c.transfer?.sent !== undefined) return ok(true);
  return err(refuse("COMMAND_NOT_ALLOWED", "批准移送的案件应当移送公安机关后方可结案", SRC.transferApproval));
}

/** The Chinese name of each kind of excluded period of the decision deadline. */
export const EXCLUSION_NAMES: Readonly<Record<ExclusionKind, string>> = {
  suspension: "中止",
  hearing: "听证",
  publicNotice: "公告",
  examination: "检测、检验、检疫、鉴定",
};

/**
 * 办案期限 with the case's excluded periods — the decision deadline (Art. 60) from the filing
 * day, with every excluded interval subtracted ({@link deadlineWithExclusions}).
 */
export function decisionDeadline(
  filedOn: CivilDate,
  excluded: readonly ExcludedPeriod[],
  ctx: DecideContext,
): Result<CaseDeadline, SanxiangError> {
  const opts = ctx.periods === undefined ? {} : { periods: ctx.periods };
  return deadlineWithExclusions(filedOn, "penalty.decision", ctx.calendar, excluded, opts).map((d) => ({
    ruleId: "penalty.decision",
    due: d.due,
    source: d.base.source,
    provisional: d.base.provisional,
    ...(d.base.provisional ? { start: filedOn, ...(excluded.length > 0 ? { excluded } : {}) } : {}),
    ...(d.base.provisional && d.base.bound !== undefined ? { bound: d.base.bound } : {}),
  }));
}

/**
 * 不计入办案期限 — `period.exclude`: an interval after filing and not in the future, written
 * down (a record), moves the decision deadline by its days (Art. 60 "另有规定"; sector rules
 * such as 市场监督管理行政处罚程序规定 Art. 64).
 */
export function excludePeriod(cmd: Cmd<"period.exclude">, at: Instant, c: PenaltyCaseContext, ctx: DecideContext): R {
  const filedOn = c.filedOn;
  if (filedOn === undefined) return err(refuse("COMMAND_NOT_ALLOWED", "案件尚未立案", SRC.decisionDeadline));
  if (compareCivilDates(cmd.from, cmd.to) > 0 || compareCivilDates(cmd.from, filedOn) <= 0) {
    return err(
      refuse("INVALID_INPUT", `不计入期间应在立案（${filedOn}）之后，且起日不晚于止日`, SRC.excludedPeriods, {
        from: cmd.from,
        to: cmd.to,
      }),
    );
  }
  if (compareCivilDates(cmd.to, civilDateOf(at)) > 0) {
    return err(refuse("INVALID_INPUT", "不计入期间只能在其结束后记录", SRC.excludedPeriods, { to: cmd.to, at }));
  }
  if (cmd.records.length === 0) {
    return err(refuse("RECORDING_INCOMPLETE", "不计入办案期限的期间应当有书面记录", SRC.excludedPeriods));
  }
  const period: ExcludedPeriod = {
    from: cmd.from,
    to: cmd.to,
    reason: EXCLUSION_NAMES[cmd.kind],
    source: SRC.excludedPeriods,
  };
  const due = decisionDeadline(filedOn, [...c.excluded.map((x) => x.period), period], ctx);
  if (due.isErr()) return err(due.error);
  return ok({ type: "period.excluded", at, kind: cmd.kind, period, records: cmd.records, decisionDue: due.value });
}

/** 行政复议、行政诉讼期间 — `remedy.record`: not before the decision (Art. 73 para. 3). */
export function recordRemedy(cmd: Cmd<"remedy.record">, at: Instant, c: PenaltyCaseContext): R {
  const decidedOn = c.decision === undefined ? undefined : civilDateOf(c.decision.at);
  if (decidedOn === undefined || compareCivilDates(cmd.pause.from, decidedOn) < 0) {
    return err(
      refuse("INVALID_INPUT", "复议、诉讼期间不能早于处罚决定", {
        law: "行政处罚法",
        article: 73,
        paragraph: 3,
        confidence: "C-law",
      }),
    );
  }
  return ok({ type: "remedy.recorded", at, remedyId: cmd.remedyId, pause: cmd.pause });
}

/**
 * 案件加处罚款 — the late-payment surcharge of a case on `asOf`: 3% a day of the fine from
 * the day after the payment deadline, never above the fine, not accruing while a
 * reconsideration or litigation is pending (行政处罚法 Arts. 72, 73; 行政强制法 Art. 45), minus
 * what was already paid. Zero before service or without a fine.
 */
export function caseSurcharge(
  c: PenaltyCaseContext,
  asOf: CivilDate,
  policy: DecideContext["surcharge"] = {},
): Result<Surcharge & { readonly unpaidFen: number }, SanxiangError> {
  const fine = c.decision?.outcome === "penalty" ? (c.decision.penalty?.fineFen ?? 0) : 0;
  const due = c.deadlines.payment?.due;
  const pauses = Object.values(c.remedies);
  // 分期缴纳 (行政处罚法 Art. 66 para. 2): each instalment accrues from its own due date (surcharge.ts).
  const plan = c.execution.instalments;
  if (plan !== undefined && fine > 0) {
    const s = surchargeOnPlan(
      plan.instalments.map((i, k) => ({ ...i, settledOn: plan.settledOn[k] })),
      asOf,
      pauses,
      policy,
    );
    if (s.isErr()) return err(s.error);
    // What accrued before an execution agreement stays owed; the total never exceeds the fine (行政强制法 Art. 45 para. 2),
    // less what the agreement relieved for remedial measures (行政强制法 Art. 42 para. 1).
    const gross = Math.min(fine, s.value.amountFen + plan.surchargeAccrued.amountFen);
    const amountFen = Math.max(0, gross - plan.surchargeReliefFen);
    const days = s.value.days + plan.surchargeAccrued.days;
    return ok({ ...s.value, amountFen, days, unpaidFen: Math.max(0, amountFen - c.surchargePaidFen) });
  }
  const s = surchargeOn(fine, due ?? asOf, asOf, pauses, policy);
  if (s.isErr()) return err(s.error);
  const accrued = due === undefined || fine === 0 ? { ...s.value, days: 0, amountFen: 0, capped: false } : s.value;
  return ok({ ...accrued, unpaidFen: Math.max(0, accrued.amountFen - c.surchargePaidFen) });
}
