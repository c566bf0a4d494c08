import { transition } from "xstate";
import { authorize, type Permission } from "../kernel/actors.js";
import { checkContextNow } from "../kernel/context-now.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { checkInputTexts } from "../kernel/input-text.js";
import { formatYuan } from "../kernel/money.js";
import { acceptedInWords, commandsAccepted } from "../kernel/next-step.js";
import { err, ok, type Result } from "../kernel/result.js";
import { civilDateOf, compareCivilDates, epochMillis, type Instant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { checkCaseAuthority } from "./authority.js";
import {
  actOnMeasure,
  approvePreservation,
  caseSurcharge,
  checkNothingHanging,
  checkTransferReported,
  checkTransferSent,
  excludePeriod,
  handlePreservation,
  recordRemedy,
  registerPreservation,
  reportTransfer,
  sendTransfer,
} from "./branches.js";
import { recordCircumstances } from "./circumstances.js";
import { type PenaltyCommand, type PenaltyCommandInput, PenaltyCommandSchema } from "./commands.js";
import { evolveContext, outstandingFen } from "./context.js";
import { holdDiscussion } from "./discussion.js";
import { PENALTY_EVENT_STAGES, type PenaltyEvent, type PenaltyEventType } from "./events.js";
import {
  applyToCourt,
  recordCourtAcceptance,
  recordCourtRuling,
  recordCourtStatement,
  requestCourtReconsideration,
} from "./execution-court.js";
import {
  actOnExecution,
  decideExecution,
  demandPerformance,
  receiveExecutionDefence,
  recordServiceConsent,
  serveDecision,
  serveExecutionDecision,
} from "./execution-decide.js";
import { ceaseExecution, resumeExecution, suspendExecution, terminateExecution } from "./execution-halt.js";
import {
  approveInstalments,
  deferPayment,
  instalmentsOwedNote,
  recordAgreementBreach,
  relieveSurcharge,
} from "./execution-instalments.js";
import type { CaseState } from "./fold.js";
import { checkRecords, checkTeam, currentDeadline, type DecideContext, refuse } from "./guards.js";
import { holdHearing, notifyHearing } from "./hearing.js";
import { eventsAcceptedIn, PENALTY_STATE_NAMES, penaltyMachine } from "./machine.js";
import { PENALTY_GUARD_SOURCES as SRC } from "./penalty.js";
import { type RecordedStep, retryOf } from "./retry.js";
import { approvalFromReviews, checkApprovalCommand } from "./review-gate.js";
import { decideCase, fileCase, type StepResult as R, serveNotice, team } from "./steps.js";
import { SURCHARGE_SOURCE } from "./surcharge.js";

/** The event each command produces when accepted. */
export const COMMAND_EVENTS: Readonly<Record<PenaltyCommand["type"], PenaltyEventType>> = {
  "case.file": "case.filed",
  "officers.assign": "officers.assigned",
  "investigation.record": "investigation.recorded",
  "investigation.close": "investigation.closed",
  "notice.serve": "notice.served",
  "defence.receive": "defence.received",
  "defence.waive": "defence.waived",
  "hearing.request": "hearing.requested",
  "hearing.notify": "hearing.notified",
  "hearing.hold": "hearing.held",
  "discussion.hold": "discussion.held",
  "circumstances.record": "circumstances.recorded",
  "review.approve": "review.approved",
  "case.decide": "case.decided",
  "decision.serve": "decision.served",
  "payment.record": "payment.recorded",
  "case.close": "case.closed",
  "case.archive": "case.archived",
  "preservation.approve": "preservation.approved",
  "preservation.register": "preservation.registered",
  "preservation.handle": "preservation.handled",
  "coercion.act": "coercion.acted",
  "transfer.report": "transfer.reported",
  "transfer.send": "transfer.sent",
  "transfer.answer": "transfer.answered",
  "period.exclude": "period.excluded",
  "remedy.record": "remedy.recorded",
  "service.consent": "service.consented",
  "payment.defer": "payment.deferred",
  "execution.demand": "execution.demanded",
  "execution.defence": "execution.defenceReceived",
  "execution.decide": "execution.decided",
  "execution.serve": "execution.served",
  "execution.act": "execution.acted",
  "execution.apply": "execution.applied",
  "payment.instalments": "payment.instalmentsApproved",
  "execution.courtAccept": "execution.courtAccepted",
  "execution.courtRule": "execution.courtRuled",
  "execution.courtReconsider": "execution.courtReconsidered",
  "execution.suspend": "execution.suspended",
  "execution.resume": "execution.resumed",
  "execution.terminate": "execution.terminated",
  "execution.cease": "execution.ceased",
  "execution.relieveSurcharge": "execution.surchargeRelieved",
  "execution.agreementBreach": "execution.agreementBreached",
  "execution.courtStatement": "execution.courtStatementMade",
};

/**
 * The permission each command needs (kernel `authorize`); a transfer needs `case.transfer`,
 * and a measure's approval or extension (`coercion.act`) the head's role, checked by
 * `decideSeizure` (行政强制法 Arts. 18, 25).
 */
export const COMMAND_PERMISSIONS: Readonly<Record<PenaltyCommand["type"], Permission>> = {
  "case.file": "case.file",
  "officers.assign": "case.investigate",
  "investigation.record": "case.investigate",
  "investigation.close": "case.investigate",
  "notice.serve": "case.notify",
  "defence.receive": "case.notify",
  "defence.waive": "case.notify",
  "hearing.request": "case.notify",
  "hearing.notify": "case.notify",
  "hearing.hold": "case.notify",
  "discussion.hold": "case.discussCollectively",
  "circumstances.record": "case.investigate",
  "review.approve": "review.conclude",
  "case.decide": "case.decide",
  "decision.serve": "case.serve",
  "payment.record": "case.execute",
  "case.close": "case.close",
  "case.archive": "case.archive",
  "preservation.approve": "case.preserveEvidence",
  "preservation.register": "case.investigate",
  "preservation.handle": "case.investigate",
  "coercion.act": "case.investigate",
  "transfer.report": "case.investigate",
  "transfer.send": "case.investigate",
  "transfer.answer": "case.investigate",
  "period.exclude": "case.investigate",
  "remedy.record": "case.execute",
  "service.consent": "case.serve",
  // 暂缓缴纳 is the bureau's approval (行政处罚法 Art. 66 para. 2); the execution decision and the
  // court application are the bureau's acts (行政强制法 Art. 37; Art. 55 para. 2: signed by its head).
  "payment.defer": "case.decide",
  "execution.demand": "case.execute",
  "execution.defence": "case.execute",
  "execution.decide": "case.decide",
  "execution.serve": "case.serve",
  "execution.act": "case.execute",
  "execution.apply": "case.decide",
  // 分期缴纳 is the organ's approval like a deferral (Art. 66 para. 2); 中止、恢复、终结执行 and the
  // 复议 request are the organ's decisions (行政强制法 Arts. 39–40, 58); the court's acceptance
  // and ruling are recorded by the officer handling execution.
  "payment.instalments": "case.decide",
  "execution.courtAccept": "case.execute",
  "execution.courtRule": "case.execute",
  "execution.courtReconsider": "case.decide",
  "execution.suspend": "case.decide",
  "execution.resume": "case.decide",
  "execution.terminate": "case.decide",
  // 不再执行 (Art. 39 para. 2), 减免加处罚款 and 恢复强制执行 on a breached agreement (Art. 42) are
  // the organ's decisions; its statement to the court (Art. 58 para. 1) is the organ's position.
  "execution.cease": "case.decide",
  "execution.relieveSurcharge": "case.decide",
  "execution.agreementBreach": "case.decide",
  "execution.courtStatement": "case.decide",
};

function eventFor(
  cmd: PenaltyCommand,
  at: Instant,
  state: CaseState,
  ctx: DecideContext,
): Result<PenaltyEvent | readonly PenaltyEvent[], SanxiangError> {
  const c = state.context;
  const date = civilDateOf(at);
  const withTeam = (next: () => R): R => {
    const t = checkTeam(team(c), c.officerIds, date, ctx);
    return t.isErr() ? err(t.error) : next();
  };
  switch (cmd.type) {
    case "case.file":
      return fileCase(cmd, at, ctx);
    case "officers.assign": {
      const t = checkTeam(team(c), cmd.officerIds, date, ctx);
      return t.isErr() ? err(t.error) : ok({ type: "officers.assigned", at, officerIds: cmd.officerIds });
    }
    case "investigation.record":
      return withTeam(() => {
        const r = checkRecords("investigation", cmd.action, cmd.records, ctx, at, cmd.endedAt);
        const { type: _t, at: _a, ...rest } = cmd;
        return r.isErr() ? err(r.error) : ok({ ...rest, type: "investigation.recorded", at });
      });
    case "investigation.close":
      return ok({
        type: "investigation.closed",
        at,
        facts: cmd.facts,
        reviewRequired: cmd.reviewRequired,
        complexOrMajor: cmd.complexOrMajor,
      });
    case "notice.serve":
      return withTeam(() => serveNotice(cmd, at, c, ctx));
    case "defence.receive":
      return ok({ type: "defence.received", at, statement: cmd.statement, records: cmd.records });
    case "defence.waive":
      if (!cmd.records.some((r) => r.kind === "document" || r.kind === "transcript")) {
        return err(
          refuse(
            "RECORDING_INCOMPLETE",
            "放弃陈述、申辩须有当事人的书面意思表示（文书或笔录）",
            SRC.noDecisionWithoutNotice,
          ),
        );
      }
      return ok({ type: "defence.waived", at, records: cmd.records });
    case "hearing.request": {
      const window = c.deadlines.hearingRequest && currentDeadline(c.deadlines.hearingRequest, ctx);
      if (c.notice?.hearingRight !== true || window === undefined) {
        return err(refuse("COMMAND_NOT_ALLOWED", "拟作出的处罚不属于应当告知听证权利的情形", SRC.hearingRight));
      }
      if (compareCivilDates(date, window.due) > 0) {
        return err(
          refuse("COMMAND_NOT_ALLOWED", `听证申请期限已于 ${window.due} 届满`, SRC.hearingRequestWindow, {
            due: window.due,
          }),
        );
      }
      return ok({ type: "hearing.requested", at });
    }
    case "hearing.notify":
      return notifyHearing(cmd, at, ctx);
    case "hearing.hold":
      return holdHearing(cmd, at, c, ctx);
    case "discussion.hold":
      return holdDiscussion(cmd, at, c, ctx);
    case "circumstances.record":
      return recordCircumstances(cmd, at, ctx);
    case "review.approve": {
      const checked = checkApprovalCommand(c, cmd.draftHash, cmd.reviewId, ctx);
      if (checked.isErr()) return err(checked.error);
      return ok({
        type: "review.approved",
        at,
        draftHash: cmd.draftHash,
        ...(cmd.reviewId === undefined ? {} : { reviewId: cmd.reviewId }),
      });
    }
    case "case.decide": {
      if (cmd.outcome === "transfer") {
        const reported = checkTransferReported(c);
        if (reported.isErr()) return err(reported.error);
      }
      // An approval in one of the case's reviews is recorded in the case, right before the decision.
      const approval = approvalFromReviews(c, cmd.outcome, cmd.penalty, at, ctx);
      if (approval === undefined) return decideCase(cmd, at, c, ctx);
      const decided = decideCase(cmd, at, evolveContext(c, approval), ctx);
      return decided.isErr() ? err(decided.error) : ok([approval, decided.value]);
    }
    case "decision.serve":
      return withTeam(() => serveDecision(cmd, at, c, ctx));
    case "service.consent":
      return recordServiceConsent(cmd, at, ctx);
    case "payment.defer":
      return deferPayment(cmd, at, c, ctx);
    case "execution.demand":
      return demandPerformance(cmd, at, c, ctx);
    case "execution.defence":
      return receiveExecutionDefence(cmd, at, c, ctx);
    case "execution.decide":
      return decideExecution(cmd, at, c, ctx);
    case "execution.serve":
      return serveExecutionDecision(cmd, at, c, ctx);
    case "execution.act":
      return actOnExecution(cmd, at, c, ctx);
    case "execution.apply":
      return applyToCourt(cmd, at, c, ctx);
    case "payment.instalments":
      return approveInstalments(cmd, at, c, ctx);
    case "execution.courtAccept":
      return recordCourtAcceptance(cmd, at, c, ctx);
    case "execution.courtRule":
      return recordCourtRuling(cmd, at, c, ctx);
    case "execution.courtReconsider":
      return requestCourtReconsideration(cmd, at, c, ctx);
    case "execution.suspend":
      return suspendExecution(cmd, at, c, ctx);
    case "execution.resume":
      return resumeExecution(cmd, at, c, ctx);
    case "execution.terminate":
      return terminateExecution(cmd, at, c, ctx);
    case "execution.cease":
      return ceaseExecution(cmd, at, c, ctx);
    case "execution.relieveSurcharge":
      return relieveSurcharge(cmd, at, c, ctx);
    case "execution.agreementBreach":
      return recordAgreementBreach(cmd, at, c, ctx);
    case "execution.courtStatement":
      return recordCourtStatement(cmd, at, c, ctx);
    case "payment.record": {
      if (cmd.amountFen > outstandingFen(c)) {
        return err(
          sanxiangError("INVALID_INPUT", `缴纳金额超过未缴罚款（${outstandingFen(c)} 分）`, {
            details: { outstandingFen: outstandingFen(c) },
          }),
        );
      }
      // 未缴余额 on the event: the deadline index drops the payment deadline when it reaches 0.
      const remainingFen = outstandingFen(c) - cmd.amountFen;
      if (cmd.surchargeFen === undefined || cmd.surchargeFen === 0) {
        return ok({ type: "payment.recorded", at, amountFen: cmd.amountFen, remainingFen });
      }
      const surcharge = caseSurcharge(c, date, ctx.surcharge);
      if (surcharge.isErr()) return err(surcharge.error);
      if (cmd.surchargeFen > surcharge.value.unpaidFen) {
        return err(
          refuse(
            "INVALID_INPUT",
            `缴纳的加处罚款超过至 ${date} 应加处的数额（${surcharge.value.unpaidFen} 分）`,
            SURCHARGE_SOURCE,
            { unpaidFen: surcharge.value.unpaidFen },
          ),
        );
      }
      return ok({
        type: "payment.recorded",
        at,
        amountFen: cmd.amountFen,
        surchargeFen: cmd.surchargeFen,
        remainingFen,
      });
    }
    case "case.close": {
      if (
        state.value === "served" &&
        outstandingFen(c) > 0 &&
        c.execution.terminated === undefined &&
        c.execution.ceased === undefined
      ) {
        const fine = c.decision?.penalty?.fineFen ?? 0;
        return err(
          sanxiangError(
            "COMMAND_NOT_ALLOWED",
            `罚款尚未缴清，不得结案：应缴 ${formatYuan(fine)} 元，已缴 ${formatYuan(c.paidFen)} 元，尚欠 ${formatYuan(outstandingFen(c))} 元${instalmentsOwedNote(c)}。请先记录缴纳（payment.record）；逾期不缴纳的，依法加处罚款或申请人民法院强制执行（行政处罚法第七十二条）`,
            {
              details: {
                state: state.value,
                command: cmd.type,
                fineFen: fine,
                paidFen: c.paidFen,
                outstandingFen: outstandingFen(c),
              },
            },
          ),
        );
      }
      const sent = checkTransferSent(c);
      if (sent.isErr()) return err(sent.error);
      const settled = checkNothingHanging(c);
      if (settled.isErr()) return err(settled.error);
      return ok({ type: "case.closed", at });
    }
    case "preservation.approve":
      return approvePreservation(cmd, at, c, ctx);
    case "preservation.register":
      return registerPreservation(cmd, at, c, ctx);
    case "preservation.handle":
      return handlePreservation(cmd, at, c);
    case "coercion.act":
      return actOnMeasure(cmd, at, c, ctx);
    case "transfer.report":
      return reportTransfer(cmd, at, c, ctx);
    case "transfer.send":
      return sendTransfer(cmd, at, c);
    case "transfer.answer":
      return ok({ type: "transfer.answered", at, accepted: cmd.accepted, records: cmd.records });
    case "period.exclude":
      return excludePeriod(cmd, at, c, ctx);
    case "remedy.record":
      return recordRemedy(cmd, at, c);
    case "case.archive": {
      const r = checkRecords("archiving", "archiving", cmd.records, ctx, at);
      return r.isErr() ? err(r.error) : ok({ type: "case.archived", at, records: cmd.records });
    }
  }
}

function notAllowed(state: CaseState, type: string, why = ""): SanxiangError {
  const allowed = commandsAccepted(COMMAND_EVENTS, eventsAcceptedIn(state.value));
  return sanxiangError(
    "COMMAND_NOT_ALLOWED",
    `案件处于「${PENALTY_STATE_NAMES[state.value]}」环节，不能执行 ${type}${why}${acceptedInWords(allowed)}`,
    {
      details: { state: state.value, command: type, allowed },
    },
  );
}

/**
 * 决定 — the pure decider of the ordinary procedure: given the case's state, a command and
 * the context, the events to append, or the coded refusal. In order: the command's schema
 * (`INVALID_INPUT`); the actor's role (`PERMISSION_DENIED`, kernel `authorize`); the act's
 * time (not after `now`, not before the case's last act); the state (`COMMAND_NOT_ALLOWED`
 * naming it); the actor against the registry (`checkCaseAuthority`: `ACTOR_NOT_REGISTERED`,
 * `OFFICER_NOT_QUALIFIED`, `NOT_ON_CASE_TEAM`, `ROLE_NOT_BACKED`); then the step's hard
 * guards, each citing its article — two certified officers (Art. 42), limitation (Art. 36),
 * records (Art. 47, recording rules; audio-video files attached to the case count), no penalty
 * decision without notice or waiver (Arts. 44, 62), none heavier after defence (Art. 45),
 * none with a 不予处罚 ground on record (Arts. 30, 31, 33), hearing (Arts. 63–65: request
 * window, notice seven working days ahead, public unless the law says otherwise, waived by
 * absence), legal review of the same draft (Art. 58), collective discussion by the quorum of
 * the body's heads (Art. 57), none inside the party's statement window (Arts. 44, 45, 62) —
 * and last the machine's own guard. Nothing is written; a refusal changes nothing.
 *
 * 重复提交: a command recorded once per client-chosen id (`investigation.record`'s
 * `actionId`, the `preservation.*` steps' `preservationId`; `IDEMPOTENT_COMMANDS`) that
 * repeats a recorded step exactly — same id, same content, same `at` when it gives one —
 * decides `[]` (nothing to append: the front doors return the recorded event with
 * `replayed: true`) whatever the case's state now; the same id with other content is
 * `RECORD_CONFLICT`. Schema and permission are checked first, as for any command.
 */
export function decide(
  state: CaseState,
  input: PenaltyCommandInput,
  ctx: DecideContext,
): Result<CaseEvent[], SanxiangError> {
  const now = checkContextNow(ctx.now);
  if (now.isErr()) return err(now.error);
  const texts = checkInputTexts(input, "命令无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = PenaltyCommandSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("命令无效", parsed.error.issues, input));
  const cmd = parsed.data;
  const permission =
    cmd.type === "case.decide" && cmd.outcome === "transfer" ? "case.transfer" : COMMAND_PERMISSIONS[cmd.type];
  const headActs = cmd.type === "coercion.act" && ["seizure.approve", "seizure.extend"].includes(cmd.seizure.type);
  if (!headActs) {
    const allowed = authorize(ctx.actor, permission, ctx.permissions);
    if (allowed.isErr()) return err(allowed.error);
  }
  // An exact retry of a step recorded under the same id decides nothing; other content under it is refused.
  const retry = retryOf(state.steps, cmd);
  if (retry.isErr()) return err(retry.error);
  if (retry.value !== undefined) return ok([]);
  const at = cmd.type === "coercion.act" ? cmd.seizure.at : (cmd.at ?? ctx.now);
  const last = state.context.lastAt;
  if (epochMillis(at) > epochMillis(ctx.now) || (last !== undefined && epochMillis(at) < epochMillis(last))) {
    return err(
      sanxiangError("INVALID_INPUT", `行为时间 ${at} 不能晚于当前时间，也不能早于本案上一步（${last ?? "无"}）`, {
        details: { at, now: ctx.now, lastAt: last },
      }),
    );
  }
  const type = COMMAND_EVENTS[cmd.type];
  if (!eventsAcceptedIn(state.value).includes(type)) return err(notAllowed(state, cmd.type));
  // Who acts, checked against the registry: registered with the case's body, in post,
  // certified that day, on the case's team; a claimed head or reviewer backed by the registry.
  const authority = checkCaseAuthority(state.context, cmd, permission, civilDateOf(at), ctx, headActs);
  if (authority.isErr()) return err(authority.error);
  // Audio-video files attached to the case count for the act's recording rules (guards `checkRecords`).
  const attached = state.evidence;
  const withEvidence: DecideContext =
    attached === undefined || attached.length === 0
      ? ctx
      : {
          ...ctx,
          caseEvidence: {
            evidence: attached,
            after: state.context.lastAt,
            actionId: cmd.type === "investigation.record" ? cmd.actionId : undefined,
          },
        };
  const event = eventFor(cmd, at, state, withEvidence);
  if (event.isErr()) return err(event.error);
  const list: readonly PenaltyEvent[] = isEventList(event.value) ? event.value : [event.value];
  // Each event must be accepted by the machine in the state the previous one left.
  let snapshot = state.snapshot;
  const out: CaseEvent[] = [];
  for (const e of list) {
    if (!snapshot.can(e)) return err(notAllowed(state, cmd.type, "（不满足本环节的条件）"));
    [snapshot] = transition(penaltyMachine, snapshot, e);
    const { type: eventType, ...payload } = e;
    out.push({
      caseId: state.caseId,
      seq: state.version + 1 + out.length,
      type: eventType,
      at: ctx.now,
      actor: { id: ctx.actor.id, roles: [...ctx.actor.roles] },
      stage: PENALTY_EVENT_STAGES[eventType],
      payload: payload as Record<string, unknown>,
    });
  }
  return ok(out);
}

/**
 * 已记录的步骤 — the step `input` exactly repeats, when it is an exact retry of a step the
 * case recorded under the same client-chosen id (the case where {@link decide} decides `[]`);
 * `undefined` otherwise. Front doors use it to return the recorded event.
 */
export function recordedStepOf(state: CaseState, input: PenaltyCommandInput): RecordedStep | undefined {
  const parsed = PenaltyCommandSchema.safeParse(input);
  if (!parsed.success) return undefined;
  const retry = retryOf(state.steps, parsed.data);
  return retry.isOk() ? retry.value : undefined;
}

function isEventList(v: PenaltyEvent | readonly PenaltyEvent[]): v is readonly PenaltyEvent[] {
  return Array.isArray(v);
}
