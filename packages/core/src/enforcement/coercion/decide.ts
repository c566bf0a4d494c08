import {
  type PeriodOverrides,
  periodRule,
  type ResolvedPeriods,
  withExtensionAmount,
} from "../../calendar/deadline.js";
import type { WorkCalendar } from "../../calendar/types.js";
import type { Actor } from "../../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { civilDateOf, compareCivilDates, epochMillis, type Instant } from "../../kernel/time.js";
import { requireRecords } from "../../recording/check.js";
import type { RecordingRules } from "../../recording/rules.js";
import type { OfficerPolicyInput } from "../../registry/bodies/policy.js";
import type { BodiesRegistry } from "../../registry/bodies/registry.js";
import { checkActingRole } from "../authority.js";
import type { CaseDeadline } from "../events.js";
import { deadlineWithExclusions, type ExcludedPeriod } from "../excluded-periods.js";
import { refuse } from "../guards.js";
import { type SeizureCommand, type SeizureCommandInput, SeizureCommandSchema, type SeizureEvent } from "./events.js";

type SeizureApproveCommand = Extract<SeizureCommand, { type: "seizure.approve" }>;
type SeizureApprovedEvent = Extract<SeizureEvent, { type: "seizure.approved" }>;
type SeizureExtendedEvent = Extract<SeizureEvent, { type: "seizure.extended" }>;

import { evolveSeizureChecked } from "./machine.js";
import { checkSeizureReview, type SeizureMeasure, type SeizureReviewContext } from "./review.js";
import { SEIZURE_RULES, type SeizurePolicyInput, SeizurePolicySchema, type SeizureRuleName } from "./rules.js";
import { periodExpired, reportOverdue, type SeizureState } from "./state.js";

/**
 * 查封扣押决定上下文 — who acts, when (`now`, from the Clock port), the work calendar and,
 * optionally, the bureau's recording rules, seizure policy and period overrides; with
 * `bodies` and `team` the officers are also checked for valid certificates in scope
 * (coercion power, no entrusted body — 行政强制法 Art. 17). `review` is the legal-review
 * gate's side: the case, its party and reviews, the bureau's catalogue — every approval of a
 * measure goes through it.
 */
export interface SeizureContext {
  /** Who issues the command. */
  readonly actor: Actor;
  /** 当前时间. */
  readonly now: Instant;
  /** The work calendar for the 30-day period. */
  readonly calendar: WorkCalendar;
  /** The bureau's recording rules (default: the national table). */
  readonly recording?: RecordingRules;
  /** The bureau's seizure policy. */
  readonly policy?: SeizurePolicyInput;
  /** The bureau's statutory-period overrides. */
  readonly periods?: PeriodOverrides | ResolvedPeriods;
  /** 执法主体及人员数据库 — to check certificates. */
  readonly bodies?: BodiesRegistry;
  /** Category and place of the case, for the certificate check. */
  readonly team?: { readonly category: string; readonly regionCode: string; readonly bodyId?: string };
  /** The bureau's officer rules. */
  readonly officerPolicy?: OfficerPolicyInput;
  /** 法制审核关口 — the case, its party and reviews, the catalogue (see {@link SeizureReviewContext}). */
  readonly review: SeizureReviewContext;
}

function refuseBy(rule: SeizureRuleName, message: string, details: Record<string, unknown> = {}): SanxiangError {
  const r = SEIZURE_RULES[rule];
  return refuse(r.code, message, r.source, details);
}

const notAllowed = (what: string, s: SeizureState): SanxiangError =>
  refuseBy("release", `当前状态（${s.status}）不允许${what}`, { status: s.status });

function deadlineOf(
  executedAt: Instant,
  extended: boolean,
  excluded: readonly ExcludedPeriod[],
  ctx: SeizureContext,
  extensionDays?: number,
): Result<CaseDeadline, SanxiangError> {
  let periods = ctx.periods;
  if (extended && extensionDays !== undefined) {
    const partial = withExtensionAmount(periods, "coercion.seizure", extensionDays);
    if (partial.isErr()) return err(partial.error);
    periods = partial.value;
  }
  const opts = { extended, ...(periods === undefined ? {} : { periods }) };
  const start = civilDateOf(executedAt);
  const days = extended && extensionDays !== undefined ? { extensionDays } : {};
  return deadlineWithExclusions(start, "coercion.seizure", ctx.calendar, excluded, opts).map((d) => ({
    ruleId: "coercion.seizure",
    due: d.due,
    source: d.base.source,
    provisional: d.base.provisional,
    ...(d.base.provisional ? { start, extended, ...days, ...(excluded.length > 0 ? { excluded } : {}) } : {}),
    ...(d.base.provisional && d.base.bound !== undefined ? { bound: d.base.bound } : {}),
  }));
}

/** 可延长日数 — the extension the bureau's `coercion.seizure` row allows (Art. 25 para. 1: 30; 0 when none). */
export function seizureExtensionDays(periods?: PeriodOverrides | ResolvedPeriods): Result<number, SanxiangError> {
  if (periods instanceof Map) return ok((periods as ResolvedPeriods).get("coercion.seizure")?.extension?.amount ?? 0);
  return periodRule("coercion.seizure", periods as PeriodOverrides | undefined).map((r) => r.extension?.amount ?? 0);
}

/**
 * 负责人核验 — the approval or extension is the head's own act (行政强制法 Arts. 18, 25): the
 * actor claims the head role (`PERMISSION_DENIED`), `approverId` names the actor
 * (`PERMISSION_DENIED`: nobody records another's approval), and, with the registry and the
 * case's body in the context, the actor is registered with that body as one of its heads, in
 * post that day (`ACTOR_NOT_REGISTERED`, `OFFICER_NOT_QUALIFIED`, `ROLE_NOT_BACKED`).
 */
function checkApprover(
  approverId: string,
  at: Instant,
  ctx: SeizureContext,
  rule: SeizureRuleName,
  what: string,
): SanxiangError | undefined {
  const source = SEIZURE_RULES[rule].source;
  if (!isHead(ctx.actor)) return refuse("PERMISSION_DENIED", `${what}须由行政机关负责人作出`, source);
  if (approverId !== ctx.actor.id) {
    return refuse(
      "PERMISSION_DENIED",
      `${what}的批准人（${approverId}）须为作出批准的负责人本人（${ctx.actor.id}）`,
      source,
      { approverId, actorId: ctx.actor.id },
    );
  }
  if (ctx.bodies === undefined || ctx.team?.bodyId === undefined) return undefined;
  const scope = { bodyId: ctx.team.bodyId, category: ctx.team.category, regionCode: ctx.team.regionCode };
  const authority = {
    bodies: ctx.bodies,
    ...(ctx.officerPolicy === undefined ? {} : { officerPolicy: ctx.officerPolicy }),
  };
  const backed = checkActingRole(ctx.actor, "head", scope, civilDateOf(at), authority, what);
  return backed.isErr() ? backed.error : undefined;
}

/**
 * The extension's side of the review gate: the measure extended (the command's, else the one
 * approved — Art. 24 para. 2), then {@link checkSeizureReview} on the extension's own draft.
 */
function gateExtension(
  measure: SeizureMeasure | undefined,
  terms: { readonly days: number; readonly reason: string },
  ctx: SeizureContext,
): Result<Pick<SeizureExtendedEvent, "measure" | "review">, SanxiangError> {
  if (measure === undefined) {
    return err(
      refuseBy(
        "decisionContents",
        "延长查封、扣押须载明所延长的决定（measure）：本措施的批准未记录决定内容，请在 seizure.extend 中填写 measure，以认定延长是否属于重大执法决定、须经法制审核",
        { field: "measure" },
      ),
    );
  }
  return checkSeizureReview(measure, ctx.review, terms).map((review) => ({ measure, review }));
}

/** Refuses acts other than release while an emergency measure is unreported past 24 hours or refused. */
function requireApproval(s: SeizureState, c: SeizureCommand, ctx: SeizureContext): SanxiangError | undefined {
  if (s.refused) return refuseBy("refusedAfterwards", "负责人不予批准，只能解除查封、扣押");
  if (reportOverdue(s, c.at, ctx.policy)) {
    return refuseBy("emergencyReport", "紧急实施的查封、扣押超过二十四小时未报告、未补办批准手续");
  }
  if (s.approval === undefined) return refuseBy("priorApproval", "查封、扣押尚未经行政机关负责人批准");
  return undefined;
}

/**
 * The approval's side of the review gate: the measure stated (Art. 24 para. 2), then
 * {@link checkSeizureReview}. After an emergency act the refusal says that until the
 * afterwards approval passes, the measure can only be released (Art. 19).
 */
function gateApproval(
  measure: SeizureApproveCommand["measure"],
  afterwards: boolean,
  ctx: SeizureContext,
): Result<Pick<SeizureApprovedEvent, "measure" | "review">, SanxiangError> {
  if (measure === undefined) {
    return err(
      refuseBy(
        "decisionContents",
        "批准查封、扣押须载明拟作出的决定（measure：当事人、理由和依据、涉案财物价值、是否导致停产停业），以认定是否属于重大执法决定、须经法制审核",
        { field: "measure", afterwards },
      ),
    );
  }
  const review = checkSeizureReview(measure, ctx.review);
  if (review.isErr()) {
    const e = review.error;
    if (!afterwards) return err(e);
    const tail = "；已当场实施的查封、扣押在补办批准手续前不得延长或作出处理决定，不应当采取的应当立即解除";
    return err(
      sanxiangError(e.code, `${e.message}${tail}`, {
        ...(e.source === undefined ? {} : { source: e.source }),
        details: { ...e.details, afterwards: true },
      }),
    );
  }
  return ok({ measure, review: review.value });
}

function isHead(actor: Actor): boolean {
  return actor.roles.includes("head");
}

/**
 * 查封扣押决定 — the pure decider of a sealing or seizure (行政强制法 Arts. 17–19, 22–28):
 * parses `input` with {@link SeizureCommandSchema}, checks it against `state` and returns the
 * events to append, or a coded refusal citing its article:
 *
 * - no execution without the head's prior approval, unless an emergency (Art. 18 item 1,
 *   Art. 19) → `COERCION_NOT_APPROVED`; fewer than two officers (Art. 18 item 2) →
 *   `OFFICERS_INSUFFICIENT`; missing 现场笔录, 决定书和清单 or whole-process audio-video →
 *   `RECORDING_INCOMPLETE` (recording table, action `sealOrSeize`);
 * - after an emergency act, anything but report, approval or release once 24 hours passed
 *   without a report, or before the approval → `COERCION_NOT_APPROVED`; after the head
 *   refuses, only release (Art. 19);
 * - one extension of at most the configured days (30 by default), approved by a head of the
 *   body (the actor, `approverId` the actor's own id, registered as a head when the registry
 *   and the case's body are in the context — the same check as an approval) with the written
 *   notice to the party among its records (Art. 25 paras. 1–2 → `INVALID_INPUT`,
 *   `RECORDING_INCOMPLETE`); when the catalogue classes the extension (the measure's draft,
 *   with the days and reason) as major, a passed review of exactly that extension →
 *   `REVIEW_NOT_APPROVED`; testing and appraisal intervals, notified in writing, move the end
 *   (Art. 25 para. 3); extension or handling after the period → `COERCION_PERIOD_EXPIRED`
 *   (Arts. 25, 27);
 * - release is always possible while in force (Art. 28);
 * - an approval (`seizure.approve` with `approved`, before the act or afterwards for an
 *   emergency act) states the measure (`measure`, Art. 24 para. 2 → `INVALID_INPUT` without
 *   it); when the bureau's catalogue classes it as major (国办发〔2018〕118号 四（十二）) it
 *   needs a passed legal review of exactly that measure → `REVIEW_NOT_APPROVED` naming why
 *   (`details.why`) and the next step (pilot plan 二（三）). An emergency act (Art. 19) is not
 *   a way round: until the afterwards approval passes the gate the measure can only be
 *   released. The head's refusal needs no review.
 */
export function decideSeizure(
  state: SeizureState,
  input: SeizureCommandInput,
  ctx: SeizureContext,
): Result<readonly SeizureEvent[], SanxiangError> {
  const decided = decideRules(state, input, ctx);
  if (decided.isErr()) return decided;
  // The machine is the authority on what may happen in which state: its guards are the
  // backstop of the refusals above.
  let s = state;
  for (const e of decided.value) {
    const next = evolveSeizureChecked(s, e);
    if (next.isErr()) return err(notAllowed(e.type, s));
    s = next.value;
  }
  return decided;
}

function decideRules(
  state: SeizureState,
  input: SeizureCommandInput,
  ctx: SeizureContext,
): Result<readonly SeizureEvent[], SanxiangError> {
  const parsed = SeizureCommandSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return err(
      refuse(
        "INVALID_INPUT",
        `查封扣押指令格式错误（${issue?.path.join(".") ?? ""}）：${issue?.message ?? ""}`,
        SEIZURE_RULES.period.source,
      ),
    );
  }
  const c = parsed.data;
  if (
    epochMillis(c.at) > epochMillis(ctx.now) ||
    (state.lastAt !== undefined && epochMillis(c.at) < epochMillis(state.lastAt))
  ) {
    return err(
      refuse("INVALID_INPUT", "行为时间不得晚于当前时间，也不得早于上一行为", SEIZURE_RULES.period.source, {
        at: c.at,
      }),
    );
  }
  const policy = SeizurePolicySchema.parse(ctx.policy ?? {});
  switch (c.type) {
    case "seizure.approve": {
      const approver = checkApprover(c.approverId, c.at, ctx, "priorApproval", "批准查封、扣押");
      if (approver !== undefined) return err(approver);
      const afterwards =
        state.status === "inForce" && state.emergency && state.approval === undefined && !state.refused;
      if (state.status !== "pending" && !afterwards) return err(notAllowed("批准", state));
      if (!afterwards && !c.approved) return ok([]); // a refused prior request leaves nothing to do
      if (!c.approved) {
        // 事后不予批准: the measure is to be released at once (Art. 19) — no review needed.
        return ok([
          {
            type: "seizure.approved",
            at: c.at,
            approverId: c.approverId,
            approved: false,
            afterwards,
            records: c.records,
          },
        ]);
      }
      const gated = gateApproval(c.measure, afterwards, ctx);
      if (gated.isErr()) return err(gated.error);
      return ok([
        {
          type: "seizure.approved",
          at: c.at,
          approverId: c.approverId,
          approved: true,
          afterwards,
          ...gated.value,
          records: c.records,
        },
      ]);
    }
    case "seizure.report": {
      if (state.status !== "inForce" || !state.emergency || state.report !== undefined)
        return err(notAllowed("报告", state));
      const late = reportOverdue(state, c.at, policy);
      return ok([{ type: "seizure.reported", at: c.at, late, records: c.records }]);
    }
    case "seizure.execute": {
      if (state.status === "pending" && !c.emergency) {
        return err(refuseBy("priorApproval", "查封、扣押实施前须经行政机关负责人批准（情况紧急的除外）"));
      }
      if (state.status !== "pending" && state.status !== "approved") return err(notAllowed("实施", state));
      const officers = new Set(c.officerIds);
      if (officers.size < policy.minOfficers) {
        return err(
          refuseBy("twoOfficers", `查封、扣押应当由${policy.minOfficers}名以上行政执法人员实施`, {
            officerIds: c.officerIds,
          }),
        );
      }
      if (ctx.bodies !== undefined && ctx.team !== undefined) {
        const action = { ...ctx.team, kind: "coercion" as const };
        const team = ctx.bodies.checkTwoOfficers(c.officerIds, action, civilDateOf(c.at), ctx.officerPolicy);
        if (team.isErr()) return err(team.error);
      }
      const span = { at: c.at, ...(c.endedAt === undefined ? {} : { endedAt: c.endedAt }) };
      const recorded = requireRecords("investigation", "sealOrSeize", c.records, ctx.recording, span);
      if (recorded.isErr()) return err(recorded.error);
      const deadline = deadlineOf(c.at, false, [], ctx);
      if (deadline.isErr()) return err(deadline.error);
      const { type: _t, ...rest } = c;
      return ok([
        {
          ...rest,
          type: "seizure.executed",
          emergency: c.emergency && state.status === "pending",
          deadline: deadline.value,
        },
      ]);
    }
    case "seizure.extend": {
      const approver = checkApprover(c.approverId, c.at, ctx, "extensionApproval", "延长查封、扣押");
      if (approver !== undefined) return err(approver);
      if (state.status !== "inForce" || state.executedAt === undefined) return err(notAllowed("延长", state));
      const missing = requireApproval(state, c, ctx);
      if (missing !== undefined) return err(missing);
      if (state.extended) return err(refuseBy("period", "查封、扣押期限只能延长一次，延长期限不得超过三十日"));
      if (periodExpired(state, c.at)) return err(refuseBy("period", "查封、扣押期限已届满，不能再延长"));
      const allowed = seizureExtensionDays(ctx.periods);
      if (allowed.isErr()) return err(allowed.error);
      const days = c.days ?? allowed.value;
      if (allowed.value === 0 || days > allowed.value) {
        return err(
          refuseBy(
            "extensionLength",
            allowed.value === 0
              ? "本机关的查封、扣押期限配置不允许延长"
              : `延长查封、扣押不得超过${allowed.value}日：申请延长${days}日`,
            { days, allowedDays: allowed.value },
          ),
        );
      }
      if (!c.records.some((r) => r.kind === "document")) {
        return err(
          refuseBy(
            "extensionNotice",
            "延长查封、扣押的决定应当及时书面告知当事人，并说明理由：缺少送达当事人的延长决定书（文书记录）；请附上后重新提交",
            { records: c.records.map((r) => r.kind) },
          ),
        );
      }
      const gated = gateExtension(c.measure ?? state.measure, { days, reason: c.reason }, ctx);
      if (gated.isErr()) return err(gated.error);
      const deadline = deadlineOf(state.executedAt, true, state.excluded, ctx, days);
      if (deadline.isErr()) return err(deadline.error);
      return ok([
        {
          type: "seizure.extended",
          at: c.at,
          approverId: c.approverId,
          reason: c.reason,
          days,
          ...gated.value,
          records: c.records,
          deadline: deadline.value,
        },
      ]);
    }
    case "seizure.exclude": {
      if (state.status !== "inForce" || state.executedAt === undefined)
        return err(notAllowed("扣除检测鉴定期间", state));
      if (periodExpired(state, c.at)) return err(refuseBy("period", "查封、扣押期限已届满"));
      if (compareCivilDates(c.period.from, civilDateOf(state.executedAt)) <= 0) {
        return err(refuseBy("testingExcluded", "检测、鉴定期间应当在查封、扣押实施之后", { period: c.period }));
      }
      const excluded = [...state.excluded, c.period];
      const deadline = deadlineOf(state.executedAt, state.extended, excluded, ctx, state.extensionDays);
      if (deadline.isErr()) return err(deadline.error);
      return ok([
        {
          type: "seizure.excluded",
          at: c.at,
          kind: c.kind,
          period: c.period,
          records: c.records,
          deadline: deadline.value,
        },
      ]);
    }
    case "seizure.handle": {
      if (state.status !== "inForce") return err(notAllowed("作出处理决定", state));
      if (c.outcome !== "release") {
        const missing = requireApproval(state, c, ctx);
        if (missing !== undefined) return err(missing);
        if (periodExpired(state, c.at)) {
          return err(
            refuseBy("handlingInPeriod", `处理决定应当在期限（${state.deadline?.due ?? ""}）内作出；期限届满应当解除`),
          );
        }
      }
      if (c.outcome === "transfer" && !c.records.some((r) => r.kind === "document")) {
        return err(
          refuseBy(
            "transferWithCase",
            "查封、扣押的财物随案移送，应当书面告知当事人：处理决定缺少书面告知（文书记录）；请附上告知书后重新提交",
            { outcome: c.outcome },
          ),
        );
      }
      return ok([{ type: "seizure.handled", at: c.at, outcome: c.outcome, records: c.records }]);
    }
    case "seizure.release": {
      if (state.status !== "inForce") return err(notAllowed("解除", state));
      return ok([{ type: "seizure.released", at: c.at, ground: c.ground, records: c.records }]);
    }
  }
}
