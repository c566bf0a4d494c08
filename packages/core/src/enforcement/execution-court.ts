// 申请人民法院强制执行 — `execution.apply` (行政强制法 Arts. 53–55, 59; 行政处罚法 Art. 72) and what
// the organ records of the court's handling: acceptance (Art. 56), its statement to the court
// (Art. 58 para. 1), the ruling (Arts. 57–59) and its request for reconsideration (Art. 56
// para. 2, Art. 58 para. 3).
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, compareCivilDates, type Instant } from "../kernel/time.js";
import type { PenaltyCaseContext } from "./context.js";
import type { CaseDeadline } from "./deadline.js";
import { EXECUTION_SOURCES as SRC } from "./execution.js";
import {
  type Cmd,
  courtApplicationDeadline,
  decisionServedOn,
  latestDue,
  premature,
  type R,
} from "./execution-common.js";
import { checkNotHalted } from "./execution-halt.js";
import { paymentPeriodEnd } from "./execution-instalments.js";
import { caseDeadline, checkRecords, currentDeadline, type DecideContext, refuse } from "./guards.js";

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
    ...(cmd.immediate === undefined ? {} : { immediate: cmd.immediate }),
    records: cmd.records,
    acceptanceDue: acceptanceDue.value,
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
 * higher court's ruling, which is final. A 不予执行 ruling carries the court's five working
 * days to deliver it (Art. 58 para. 2, `deliveryDue`) and whether it reached the organ after
 * them (`deliveredLate`, recorded, not refused). A ruling against the organ opens its fifteen
 * days to ask the higher court to reconsider, from the day it received the ruling (Art. 56
 * para. 2, Art. 58 para. 3).
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
  if (cmd.immediateApproved === true && (ruling !== "enforce" || x.application.immediate !== true)) {
    return err(
      refuse(
        "INVALID_INPUT",
        x.application.immediate === true
          ? "经院长批准立即执行只适用于准予执行的裁定"
          : "行政机关未申请立即执行（execution.apply 的 immediate），不能记录院长批准立即执行",
        SRC.immediateCourtExecution,
      ),
    );
  }
  let executionDue: CaseDeadline | undefined;
  if (cmd.immediateApproved === true) {
    const due = caseDeadline("enforcement.courtImmediateExecution", cmd.ruledOn, ctx);
    if (due.isErr()) return err(due.error);
    executionDue = due.value;
  }
  // 不予执行: the court delivers the ruling to the organ within five days (Art. 58 para. 2). A
  // late delivery is the court's: recorded and flagged, never a reason to refuse the organ's record.
  let deliveryDue: CaseDeadline | undefined;
  if (ruling === "notEnforce" && pending === undefined) {
    const due = caseDeadline("enforcement.courtRulingDelivery", cmd.ruledOn, ctx);
    if (due.isErr()) return err(due.error);
    deliveryDue = due.value;
  }
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
    ...(deliveryDue === undefined
      ? {}
      : { deliveryDue, deliveredLate: compareCivilDates(cmd.receivedOn, deliveryDue.due) > 0 }),
    ...(cmd.immediateApproved === undefined ? {} : { immediateApproved: cmd.immediateApproved }),
    ...(executionDue === undefined ? {} : { executionDue }),
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
 * 向人民法院陈述意见 — `execution.courtStatement` (行政强制法 Art. 58 para. 1: 人民法院发现明显缺乏
 * 事实根据、法律法规依据或者其他明显违法的情形，在作出裁定前可以听取被执行人和行政机关的意见):
 * what the organ told the court when heard, with its written statement — only after the court
 * accepted the application and before its ruling (or, on the organ's 复议, before the higher
 * court's). The court's hearing and its ruling are the court's; the SDK records only the
 * organ's part.
 */
export function recordCourtStatement(
  cmd: Cmd<"execution.courtStatement">,
  at: Instant,
  c: PenaltyCaseContext,
  ctx: DecideContext,
): R {
  const halted = checkNotHalted(c);
  if (halted.isErr()) return err(halted.error);
  const court = c.execution.court;
  const pendingRuling =
    court?.acceptedOn !== undefined &&
    (court.ruling === undefined ||
      (court.reconsideration !== undefined && court.reconsideration.against === "notEnforce"));
  if (!pendingRuling) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        court?.acceptedOn === undefined ? "人民法院尚未受理强制执行申请" : "人民法院已作出裁定，作出裁定前方可听取意见",
        SRC.courtHearing,
      ),
    );
  }
  const records = checkRecords("execution", "courtStatement", cmd.records, ctx, at);
  if (records.isErr()) return err(records.error);
  return ok({ type: "execution.courtStatementMade", at, statement: cmd.statement, records: cmd.records });
}
