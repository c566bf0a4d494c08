import type { Permission } from "../../kernel/actors.js";
import { checkContextNow } from "../../kernel/context-now.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { checkInputTexts } from "../../kernel/input-text.js";
import { formatYuan } from "../../kernel/money.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { civilDateOf, compareCivilDates, epochMillis, type Instant } from "../../kernel/time.js";
import type { CaseEvent } from "../../recording/case-event.js";
import { classifyDecision } from "../../review/catalogue.js";
import type { ReviewDraft } from "../../review/draft.js";
import { type AuthorityScope, checkAuthority } from "../authority.js";
import { type BenchmarkCaseFacts, type BenchmarkGateResult, checkDecisionBenchmark } from "../benchmark-gate.js";
import type { PenaltyCommandInput } from "../commands.js";
import { outstandingFen } from "../context.js";
import type { CaseDeadline } from "../deadline.js";
import { COMMAND_EVENTS, decide } from "../decide.js";
import { courtApplicationDeadline } from "../execution-decide.js";
import type { CaseState } from "../fold.js";
import { caseDeadline, checkRecords, type DecideContext, refuse } from "../guards.js";
import { penaltyMachine } from "../machine.js";
import type { Penalty } from "../penalty.js";
import { FOLLOW_ON_EVENTS, followOnContext } from "./follow-on.js";
import { checkFormUsable, type FormRegister, type FormRegisterEvent } from "./forms.js";
import {
  DEFAULT_SIMPLIFIED_POLICY,
  type SimplifiedPolicy,
  type SimplifiedPolicyInput,
  SimplifiedPolicySchema,
  SIMPLIFIED_GUARD_SOURCES as SRC,
} from "./policy.js";
import {
  SIMPLIFIED_COMMAND_EVENTS,
  SIMPLIFIED_EVENT_STAGES,
  type SimplifiedCommand,
  type SimplifiedCommandInput,
  SimplifiedCommandSchema,
  type SimplifiedEvent,
} from "./schema.js";
import {
  evolveSimplified,
  SIMPLIFIED_ACCEPTS,
  SIMPLIFIED_STATE_NAMES,
  type SimplifiedCaseState,
  simplifiedSnapshotOf,
} from "./state.js";

/**
 * 简易程序案件命令 — what an app may send to an on-the-spot case: the simplified procedure's
 * own commands ({@link SimplifiedCommandInput}), or, once a fine is decided and not collected
 * on the spot, the ordinary procedure's payment and execution commands (`payment.record`,
 * `remedy.record`, `service.consent`, `payment.defer`, `execution.demand` …; follow-on.ts),
 * decided by the ordinary decider on the decision's view.
 */
export type SimplifiedCaseCommandInput = SimplifiedCommandInput | PenaltyCommandInput;

/**
 * 简易程序决定上下文 — the ordinary procedure's {@link DecideContext} plus the bureau's form
 * register (决定书登记簿, as folded now) and its simplified-procedure configuration.
 */
export interface SimplifiedDecideContext extends DecideContext {
  /** The form register, for the numbered-form rule. */
  readonly forms: FormRegister;
  /** 简易程序配置 (default {@link DEFAULT_SIMPLIFIED_POLICY}). */
  readonly simplified?: SimplifiedPolicyInput;
}

/**
 * 简易程序决定结果 — the case events to append, and the form-register events to append with
 * them (`form.used` when a form is filled in). Append both, or neither.
 */
export interface SimplifiedDecision {
  /** Events of the case stream. */
  readonly events: CaseEvent[];
  /** Events of the bureau's form register. */
  readonly register: FormRegisterEvent[];
}

/** The permission each command needs. */
export const SIMPLIFIED_PERMISSIONS: Readonly<Record<SimplifiedCommand["type"], Permission>> = {
  "onSpot.decide": "case.decideOnSpot",
  "onSpot.collect": "case.execute",
  "cash.handOver": "case.execute",
  "cash.deposit": "case.execute",
  "decision.file": "case.decideOnSpot",
};

type R = Result<SimplifiedEvent, SanxiangError>;

/**
 * 简易程序适用范围 — is `penalty` within Art. 51 for a `party` under `policy`: a warning
 * and/or a fine no higher than the cap (公民 ¥200, 组织 ¥3,000 by default)? Otherwise
 * `SIMPLIFIED_CAP_EXCEEDED` citing Art. 51.
 */
export function checkSimplifiedScope(
  penalty: Penalty,
  partyKind: "person" | "organisation",
  policy: SimplifiedPolicy = DEFAULT_SIMPLIFIED_POLICY,
): Result<true, SanxiangError> {
  const other = penalty.kinds.filter((k) => k !== "warning" && k !== "fine");
  if (other.length > 0) {
    return err(refuse("SIMPLIFIED_CAP_EXCEEDED", "简易程序只能给予警告或者罚款", SRC.scope, { kinds: penalty.kinds }));
  }
  const cap = partyKind === "person" ? policy.individualCapFen : policy.organisationCapFen;
  const fine = penalty.kinds.includes("fine") ? (penalty.fineFen ?? 0) : 0;
  if (fine > cap) {
    const who = partyKind === "person" ? "公民" : "法人或者其他组织";
    return err(
      refuse("SIMPLIFIED_CAP_EXCEEDED", `对${who}当场罚款不得超过 ${formatYuan(cap)} 元`, SRC.scope, {
        fineFen: fine,
        capFen: cap,
      }),
    );
  }
  return ok(true);
}

const notAllowedCollect = (message: string, source = SRC.collection, details: Record<string, unknown> = {}) =>
  err(refuse("ON_SPOT_COLLECTION_NOT_ALLOWED", message, source, details));

/**
 * 当场收缴条件 — may an officer collect `amountFen` on the spot (Arts. 68–70)? The whole fine
 * decided; a receipt number (Art. 70); and a ground: ≤ the cap (¥100), later execution
 * difficult with its reason (Art. 68 item 2), or a remote area at the party's request with
 * its reason (Art. 69). Otherwise `ON_SPOT_COLLECTION_NOT_ALLOWED`.
 */
export function checkCollection(
  cmd: Extract<SimplifiedCommand, { type: "onSpot.collect" }>,
  fineFen: number,
  policy: SimplifiedPolicy = DEFAULT_SIMPLIFIED_POLICY,
): Result<true, SanxiangError> {
  if (fineFen === 0) return notAllowedCollect("当场决定未给予罚款，无可收缴");
  if (cmd.amountFen !== fineFen) {
    return notAllowedCollect(`当场收缴金额应为决定的罚款 ${formatYuan(fineFen)} 元`, SRC.collection, {
      amountFen: cmd.amountFen,
      fineFen,
    });
  }
  if (cmd.receiptNumber === undefined)
    return notAllowedCollect("当场收缴罚款必须出具财政部门统一制发的专用票据", SRC.receipt);
  switch (cmd.ground) {
    case "smallFine":
      if (fineFen > policy.collectionCapFen) {
        return notAllowedCollect(
          `罚款超过 ${formatYuan(policy.collectionCapFen)} 元，且未说明事后难以执行的事由`,
          { ...SRC.collection, paragraph: 1, item: 1 },
          { fineFen, capFen: policy.collectionCapFen },
        );
      }
      return ok(true);
    case "hardToExecute":
      return cmd.reason === undefined
        ? notAllowedCollect("以不当场收缴事后难以执行为由收缴的，应当说明事由", {
            ...SRC.collection,
            paragraph: 1,
            item: 2,
          })
        : ok(true);
    case "remoteArea":
      if (!cmd.partyRequested)
        return notAllowedCollect("边远、水上、交通不便地区当场收缴须经当事人提出", SRC.remoteCollection);
      return cmd.reason === undefined
        ? notAllowedCollect("应当说明当事人到银行或者通过电子支付系统缴纳确有困难的情形", SRC.remoteCollection)
        : ok(true);
  }
}

/**
 * 当场告知与陈述申辩 — an on-the-spot decision is a 行政处罚决定 like any other (行政处罚法
 * Arts. 44, 45, 62 bind the simplified procedure): the party told the proposed penalty,
 * facts, reasons, basis and rights (`notified`, else `DECISION_WITHOUT_NOTICE`, Art. 44);
 * the party's statement heard or expressly waived (`statement`, else
 * `DECISION_WITHOUT_NOTICE`, Art. 62); and that statement or waiver in writing (a `document`
 * or `transcript` record, else `RECORDING_INCOMPLETE`, Arts. 45 / 62).
 */
export function checkOnSpotStatement(
  cmd: Pick<Extract<SimplifiedCommand, { type: "onSpot.decide" }>, "notified" | "statement">,
): Result<true, SanxiangError> {
  if (cmd.notified !== true) {
    return err(
      refuse(
        "DECISION_WITHOUT_NOTICE",
        "当场作出行政处罚决定前，应当告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知陈述、申辩权利；告知后记录 notified: true",
        SRC.notice,
      ),
    );
  }
  const s = cmd.statement;
  if (s === undefined) {
    return err(
      refuse(
        "DECISION_WITHOUT_NOTICE",
        "未听取当事人的陈述、申辩，也无当事人明确放弃的记录，不得当场作出行政处罚决定；请记录当事人的陈述、申辩（statement.kind: made）或明确放弃（statement.kind: waived）",
        SRC.noDecisionWithoutStatement,
      ),
    );
  }
  if (!s.records.some((r) => r.kind === "document" || r.kind === "transcript")) {
    return err(
      refuse(
        "RECORDING_INCOMPLETE",
        s.kind === "made"
          ? "当事人的陈述、申辩及复核须有书面记录（决定书或笔录，document 或 transcript）"
          : "当事人明确放弃陈述、申辩须有书面记录（决定书或笔录上的意思表示，document 或 transcript）",
        s.kind === "made" ? SRC.statement : SRC.noDecisionWithoutStatement,
        { records: s.records.map((r) => r.kind) },
      ),
    );
  }
  return ok(true);
}

/**
 * 当场决定的裁量基准 — an on-the-spot fine is checked against the bureau's discretion benchmarks
 * like an ordinary decision (行政处罚法 Art. 34; `SimplifiedPolicy.applyBenchmarks`, default on):
 * with benchmarks, the decision names the row it applies (or `none` with the reason); the fine
 * lies in the row's range for the circumstances declared, or the deviation's reasons and a
 * head's approval are on record (there is no collective discussion on the spot: the approval
 * of the 主要负责人 stands in for it where the deviation policy allows). The act is the one seen
 * on the spot: benchmarks are read as of the day of the decision.
 */
export function checkOnSpotBenchmark(
  cmd: Pick<Extract<SimplifiedCommand, { type: "onSpot.decide" }>, "penalty" | "benchmark" | "bodyId" | "officerIds">,
  at: Instant,
  ctx: SimplifiedDecideContext,
): Result<BenchmarkGateResult, SanxiangError> {
  const policy = simplifiedPolicyOf(ctx).unwrapOr(DEFAULT_SIMPLIFIED_POLICY);
  if (!policy.applyBenchmarks && cmd.benchmark === undefined) return ok({ outsideBenchmark: false, mitigated: false });
  const facts: BenchmarkCaseFacts = {
    actDate: civilDateOf(at),
    discussionHeld: false,
    officerIds: cmd.officerIds,
    ...(cmd.bodyId === undefined ? {} : { bodyId: cmd.bodyId }),
  };
  return checkDecisionBenchmark({ outcome: "penalty", penalty: cmd.penalty, benchmark: cmd.benchmark }, facts, {
    ...ctx,
    now: at,
  });
}

/**
 * 重大执法决定不适用简易程序 — a decision the bureau's catalogue classes as major needs the legal
 * review before it is made (行政处罚法 Art. 58 para. 1), which cannot happen on the spot: with
 * the benchmark gate's flags (a deviation, 减轻), such a decision is refused
 * `SIMPLIFIED_CAP_EXCEEDED` with the catalogue's reasons — take the ordinary procedure.
 */
function checkNotMajor(
  caseId: string,
  cmd: Extract<SimplifiedCommand, { type: "onSpot.decide" }>,
  flags: BenchmarkGateResult,
  ctx: SimplifiedDecideContext,
): Result<true, SanxiangError> {
  const draft: ReviewDraft = {
    caseId,
    party: cmd.party,
    facts: cmd.facts,
    basis: cmd.basis,
    outcome: "penalty",
    penalty: cmd.penalty,
    hearingHeld: false,
    majorRights: false,
    complex: false,
    severalLegalRelationships: false,
    majorPublicInterest: false,
    majorSocialImpact: false,
    mitigated: flags.mitigated,
    outsideBenchmark: flags.outsideBenchmark,
    requiredBy: [],
  };
  const major = classifyDecision(draft, ctx.reviewCatalogue);
  if (!major.major) return ok(true);
  return err(
    refuse(
      "SIMPLIFIED_CAP_EXCEEDED",
      `该决定属于重大执法决定（${major.reasons.map((r) => r.text).join("；")}），须经法制审核后作出，不适用简易程序当场作出；请按普通程序立案办理`,
      SRC.majorReview,
      { reasons: major.reasons.map((r) => ({ rule: r.rule, source: r.source })) },
    ),
  );
}

function onSpotDecide(
  caseId: string,
  cmd: Extract<SimplifiedCommand, { type: "onSpot.decide" }>,
  at: Instant,
  ctx: SimplifiedDecideContext,
  policy: SimplifiedPolicy,
): R {
  const scope = checkSimplifiedScope(cmd.penalty, cmd.party.kind, policy);
  if (scope.isErr()) return err(scope.error);
  const heard = checkOnSpotStatement(cmd);
  if (heard.isErr()) return err(heard.error);
  if (!cmd.certificateShown) return err(refuse("COMMAND_NOT_ALLOWED", "当场处罚应当向当事人出示执法证件", SRC.form));
  if (!cmd.officerIds.includes(ctx.actor.id)) {
    return err(refuse("COMMAND_NOT_ALLOWED", "填写决定书的执法人员应在当场执法人员之列", SRC.form));
  }
  const date = civilDateOf(at);
  const action = {
    category: cmd.category,
    regionCode: cmd.regionCode,
    kind: "penalty" as const,
    ...(cmd.bodyId === undefined ? {} : { bodyId: cmd.bodyId }),
  };
  const officers = ctx.bodies.checkTwoOfficers(cmd.officerIds, action, date, {
    ...ctx.officerPolicy,
    minimumOfficers: policy.minimumOfficers,
  });
  if (officers.isErr()) return err(officers.error);
  const benchmark = checkOnSpotBenchmark(cmd, at, ctx);
  if (benchmark.isErr()) return err(benchmark.error);
  const major = checkNotMajor(caseId, cmd, benchmark.value, ctx);
  if (major.isErr()) return err(major.error);
  const form = checkFormUsable(ctx.forms, cmd.formNumber, ctx.actor.id);
  if (form.isErr()) return err(form.error);
  const recs = checkRecords("decision", "onSpotPenalty", cmd.records, ctx, at);
  if (recs.isErr()) return err(recs.error);
  const fine = cmd.penalty.kinds.includes("fine") ? (cmd.penalty.fineFen ?? 0) : 0;
  let deadlines: { paymentDue?: CaseDeadline; courtApplicationDue?: CaseDeadline } = {};
  if (fine > 0) {
    // Handed over on the spot (Art. 52), the form is served that day: fifteen days to pay at the
    // bank (Arts. 53, 67 para. 3), then the surcharge (Art. 72) and the court window (行政强制法 Art. 53).
    const payment = caseDeadline("penalty.payment", date, ctx);
    if (payment.isErr()) return err(payment.error);
    const window = courtApplicationDeadline(date, undefined, ctx);
    if (window.isErr()) return err(window.error);
    deadlines = { paymentDue: payment.value, courtApplicationDue: window.value.due };
  }
  const { type: _t, at: _a, certificateShown: _c, ...rest } = cmd;
  return ok({ ...rest, type: "onSpot.decided", at, decidedBy: ctx.actor.id, ...deadlines });
}

/**
 * 简易程序配置 — the context's policy with its defaults ({@link SimplifiedPolicySchema}), or
 * `INVALID_INPUT` naming the bad value.
 */
export function simplifiedPolicyOf(
  ctx: Pick<SimplifiedDecideContext, "simplified">,
): Result<SimplifiedPolicy, SanxiangError> {
  if (ctx.simplified === undefined) return ok(DEFAULT_SIMPLIFIED_POLICY);
  const parsed = SimplifiedPolicySchema.safeParse(ctx.simplified);
  if (parsed.success) return ok(parsed.data);
  return err(invalidInput("简易程序配置无效", parsed.error.issues, ctx.simplified));
}

function eventFor(cmd: SimplifiedCommand, at: Instant, state: SimplifiedCaseState, ctx: SimplifiedDecideContext): R {
  const resolved = simplifiedPolicyOf(ctx);
  if (resolved.isErr()) return err(resolved.error);
  const policy = resolved.value;
  const c = state.context;
  const date = civilDateOf(at);
  switch (cmd.type) {
    case "onSpot.decide":
      return onSpotDecide(state.caseId, cmd, at, ctx, policy);
    case "onSpot.collect": {
      const fine = c.penalty?.kinds.includes("fine") === true ? (c.penalty.fineFen ?? 0) : 0;
      const allowed = checkCollection(cmd, fine, policy);
      if (allowed.isErr()) return err(allowed.error);
      const view = c.enforcement;
      if (
        view !== undefined &&
        (view.paidFen > 0 || view.execution.demand !== undefined || view.execution.deferredUntil !== undefined)
      ) {
        return notAllowedCollect(
          "已记录缴纳、暂缓缴纳或者催告，罚款不再当场收缴；请按缴纳、执行环节办理",
          SRC.collection,
          {
            paidFen: view.paidFen,
          },
        );
      }
      if (cmd.onWater && cmd.landedOn === undefined) {
        return err(sanxiangError("INVALID_INPUT", "水上当场收缴须载明抵岸之日", { source: SRC.handover }));
      }
      const start = cmd.onWater && cmd.landedOn !== undefined ? cmd.landedOn : date;
      const due = caseDeadline("penalty.cashHandover", start, ctx);
      if (due.isErr()) return err(due.error);
      const { type: _t, at: _a, landedOn: _l, receiptNumber, ...rest } = cmd;
      return ok({ ...rest, type: "onSpot.collected", at, receiptNumber: receiptNumber ?? "", handOverDue: due.value });
    }
    case "cash.handOver": {
      const due = caseDeadline("penalty.cashDeposit", date, ctx);
      if (due.isErr()) return err(due.error);
      const limit = c.deadlines.handOver?.due;
      const late = limit !== undefined && compareCivilDates(date, limit) > 0;
      return ok({ type: "cash.handedOver", at, depositDue: due.value, late });
    }
    case "cash.deposit": {
      const limit = c.deadlines.deposit?.due;
      const late = limit !== undefined && compareCivilDates(date, limit) > 0;
      return ok({
        type: "cash.deposited",
        at,
        late,
        ...(cmd.bankReceipt === undefined ? {} : { bankReceipt: cmd.bankReceipt }),
      });
    }
    case "decision.file":
      if (c.filed) return err(refuse("COMMAND_NOT_ALLOWED", "当场处罚决定已报备案", SRC.filing));
      return ok({ type: "decision.filed", at });
  }
}

const OWN_TYPES: ReadonlySet<string> = new Set(Object.keys(SIMPLIFIED_PERMISSIONS));

/**
 * 案件范围 — what the actor of a command is checked against (authority.ts): for the decision,
 * the body, category and place it states (no team yet: the actor must be one of the officers
 * it lists, and every listed officer is checked, Art. 42); afterwards the decision's, with its
 * officers as the team — except the deposit at the bank, the agency's act (Art. 71).
 */
function scopeOf(cmd: SimplifiedCommand, c: SimplifiedCaseState["context"]): AuthorityScope {
  if (cmd.type === "onSpot.decide") {
    return { bodyId: cmd.bodyId, category: cmd.category, regionCode: cmd.regionCode };
  }
  return {
    bodyId: c.bodyId,
    category: c.category ?? "",
    regionCode: c.regionCode ?? "",
    ...(cmd.type === "cash.deposit" ? {} : { team: c.officerIds }),
  };
}

/** The commands an on-the-spot case accepts in its state: its own, and the ordinary payment and execution steps. */
function acceptedCommands(state: SimplifiedCaseState): string[] {
  const own = Object.entries(SIMPLIFIED_COMMAND_EVENTS)
    .filter(([, t]) => SIMPLIFIED_ACCEPTS[t].includes(state.value))
    .map(([c]) => c);
  const events: readonly string[] =
    state.context.enforcement === undefined
      ? []
      : state.value === "decided"
        ? FOLLOW_ON_EVENTS.outstanding
        : state.value === "paid"
          ? FOLLOW_ON_EVENTS.paid
          : [];
  const followOn = Object.entries(COMMAND_EVENTS)
    .filter(([, t]) => events.includes(t))
    .map(([c]) => c);
  return [...own, ...followOn];
}

function notAccepted(state: SimplifiedCaseState, type: string, why = ""): SanxiangError {
  const allowed = acceptedCommands(state);
  return sanxiangError(
    "COMMAND_NOT_ALLOWED",
    `案件处于「${SIMPLIFIED_STATE_NAMES[state.value]}」，不能执行 ${type}${why}${allowed.length === 0 ? "" : `；可执行：${allowed.join("、")}`}`,
    { details: { state: state.value, command: type, allowed } },
  );
}

/**
 * 履行与执行 — an ordinary-procedure payment or execution command on a decided on-the-spot
 * case: decided by the ordinary decider ({@link decide}) on the decision's view (a served
 * decision, follow-on.ts) — the same refusals, surcharge and 行政强制法 guards, the actor
 * checked against the registry with the on-the-spot officers as the team — and each event it
 * returns applied to the on-the-spot case, or the command refused.
 */
function decideFollowOn(
  state: SimplifiedCaseState,
  input: PenaltyCommandInput,
  ctx: SimplifiedDecideContext,
): Result<SimplifiedDecision, SanxiangError> {
  const view = state.context.enforcement;
  const type = COMMAND_EVENTS[input.type];
  const events: readonly string[] =
    state.value === "decided" ? FOLLOW_ON_EVENTS.outstanding : state.value === "paid" ? FOLLOW_ON_EVENTS.paid : [];
  if (view === undefined) {
    const fine = state.context.penalty?.kinds.includes("fine") === true;
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        state.value === "none"
          ? `尚未当场作出处罚决定，不能执行 ${input.type}`
          : fine
            ? `本案当场决定记录于缴纳期限随决定记载之前，不能在本系统中继续缴纳、执行环节（${input.type}）`
            : `当场决定未给予罚款，没有缴纳、执行环节（${input.type}）`,
        SRC.performance,
        { state: state.value, command: input.type },
      ),
    );
  }
  if (!events.includes(type)) return err(notAccepted(state, input.type));
  const context = followOnContext(view, state.caseId, state.context.lastAt);
  const value = outstandingFen(context) > 0 ? "served" : "executed";
  const snapshot = penaltyMachine.resolveState({ value, context });
  const served: CaseState = { caseId: state.caseId, version: state.version, snapshot, value, context };
  const decided = decide(served, input, ctx);
  if (decided.isErr()) return err(decided.error);
  let after = state;
  for (const e of decided.value) {
    const next = evolveSimplified(after, e);
    if (next.isErr()) return err(notAccepted(state, input.type, "（不满足本环节的条件）"));
    after = next.value;
  }
  return ok({ events: decided.value, register: [] });
}

/**
 * 简易程序决定 — the pure decider of an on-the-spot case: given its state, a command and the
 * context, the events to append (case and form register), or the coded refusal. In order:
 * schema (`INVALID_INPUT`); role and registry (`PERMISSION_DENIED`; `ACTOR_NOT_REGISTERED`,
 * `OFFICER_NOT_QUALIFIED`, `NOT_ON_CASE_TEAM`, `ROLE_NOT_BACKED` naming the officer —
 * authority.ts `checkAuthority`: registered with the body, in post, certificate valid that day
 * for the category and place, on the decision's team); time (not after `now`, not before the
 * last act); state (`COMMAND_NOT_ALLOWED`, naming what is allowed); then the rule guards —
 * scope and caps (`SIMPLIFIED_CAP_EXCEEDED`, Art. 51), the prior notice and the party's
 * statement or express waiver on record ({@link checkOnSpotStatement}, Arts. 44, 45, 62),
 * certificate shown (Art. 52), officers with valid in-scope certificates (Art. 42,
 * configurable minimum), the discretion benchmark ({@link checkOnSpotBenchmark}, Art. 34), no
 * major decision (Art. 58), the numbered form (`FORM_NUMBER_INVALID`, Art. 52), the decision
 * form record, on-the-spot collection (`ON_SPOT_COLLECTION_NOT_ALLOWED`, Arts. 68–70) and the
 * hand-over deadlines (Art. 71). A decided fine not collected on the spot is paid at the bank
 * within fifteen days (Arts. 53, 67 para. 3); the ordinary procedure's payment and execution
 * commands then apply ({@link SimplifiedCaseCommandInput}).
 */
export function decideSimplified(
  state: SimplifiedCaseState,
  input: SimplifiedCaseCommandInput,
  ctx: SimplifiedDecideContext,
): Result<SimplifiedDecision, SanxiangError> {
  const now = checkContextNow(ctx.now);
  if (now.isErr()) return err(now.error);
  const texts = checkInputTexts(input, "命令无效");
  if (texts.isErr()) return err(texts.error);
  const type = typeof input === "object" && input !== null ? (input as { type?: unknown }).type : undefined;
  if (typeof type === "string" && !OWN_TYPES.has(type) && type in COMMAND_EVENTS) {
    return decideFollowOn(state, input as PenaltyCommandInput, ctx);
  }
  const parsed = SimplifiedCommandSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("命令无效", parsed.error.issues, input));
  const cmd = parsed.data;
  const at = cmd.at ?? ctx.now;
  const allowed = checkAuthority(
    ctx.actor,
    SIMPLIFIED_PERMISSIONS[cmd.type],
    scopeOf(cmd, state.context),
    civilDateOf(at),
    ctx,
  );
  if (allowed.isErr()) return err(allowed.error);
  const last = state.context.lastAt;
  if (epochMillis(at) > epochMillis(ctx.now) || (last !== undefined && epochMillis(at) < epochMillis(last))) {
    return err(
      sanxiangError("INVALID_INPUT", `行为时间 ${at} 不能晚于当前时间，也不能早于本案上一步（${last ?? "无"}）`, {
        details: { at, now: ctx.now, lastAt: last },
      }),
    );
  }
  const eventType = SIMPLIFIED_COMMAND_EVENTS[cmd.type];
  if (!SIMPLIFIED_ACCEPTS[eventType].includes(state.value)) return err(notAccepted(state, cmd.type));
  const event = eventFor(cmd, at, state, ctx);
  if (event.isErr()) return err(event.error);
  // The machine is the authority: its guards are the backstop of the refusals above.
  if (!simplifiedSnapshotOf(state).can(event.value)) return err(notAccepted(state, cmd.type, "（不满足本环节的条件）"));
  const { type: _type, ...payload } = event.value;
  const register: FormRegisterEvent[] =
    event.value.type === "onSpot.decided"
      ? [
          {
            type: "form.used",
            at,
            number: event.value.formNumber,
            officerId: event.value.decidedBy,
            caseId: state.caseId,
          },
        ]
      : [];
  return ok({
    events: [
      {
        caseId: state.caseId,
        seq: state.version + 1,
        type: eventType,
        at: ctx.now,
        actor: { id: ctx.actor.id, roles: [...ctx.actor.roles] },
        stage: SIMPLIFIED_EVENT_STAGES[eventType],
        payload: payload as Record<string, unknown>,
      },
    ],
    register,
  });
}
