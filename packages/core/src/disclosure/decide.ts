import type { PeriodOverrides, ResolvedPeriods } from "../calendar/deadline.js";
import type { WorkCalendar } from "../calendar/types.js";
import {
  type Actor,
  authorize,
  DEFAULT_PERMISSION_POLICY,
  type Permission,
  type PermissionPolicy,
  type Role,
} from "../kernel/actors.js";
import { checkContextNow } from "../kernel/context-now.js";
import { invalidInput, type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm } from "../kernel/hash.js";
import { checkInputTexts } from "../kernel/input-text.js";
import { acceptedInWords, commandsAccepted } from "../kernel/next-step.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { type CivilDate, civilDateOf, compareCivilDates, epochMillis, type Instant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { checkClaimedRoles } from "../registry/bodies/acting.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import {
  type DisclosureCommand,
  type DisclosureCommandInput,
  DisclosureCommandSchema,
  WITHDRAWAL_CAUSE_NAMES,
} from "./commands.js";
import { crossProvincePublishRefusal, forwardEvent } from "./cross-province.js";
import type { DisclosureDraft } from "./draft.js";
import { endEarlyEvent } from "./early-end.js";
import type { DisclosureEvent, DisclosureEventType } from "./events.js";
import type { DisclosureState } from "./fold.js";
import { DISCLOSURE_STATE_NAMES, disclosureEventsAcceptedIn } from "./machine.js";
import { checkPublishedItem, checkWithdrawalNotice, nextPublishedItem, redactionContextOf } from "./published-item.js";
import { checkPublicTexts, contentTexts, type PublicText } from "./redaction.js";
import { receivedOf } from "./routing.js";
import type { DisclosureRule } from "./rule-schema.js";
import {
  type DisclosurePolicy,
  type DisclosurePolicyInput,
  disclosureRuleFor,
  resolveDisclosurePolicy,
  routedDisclosureDue,
  withdrawalDue,
} from "./rules.js";
import { type DisclosureContent, disclosureContentHash, type WithdrawalNotice } from "./schema.js";

/**
 * 公示决定上下文 — what {@link decideDisclosure} needs besides the disclosure and the command:
 * who acts, the time (`now`, from the Clock port), the work calendar (for deadlines), and the
 * bureau's configuration (optional, with defaults).
 */
export interface DisclosureDecideContext {
  /** Who issues the command. */
  readonly actor: Actor;
  /** 当前时间 — when the command is recorded; acts may not be later. */
  readonly now: Instant;
  /** The work calendar for the publication and withdrawal deadlines. */
  readonly calendar: WorkCalendar;
  /**
   * 执法主体及人员数据库 — when given, every claimed role is checked against it on the day of
   * the act, for the disclosing body (the sign-off by a registered head of that body, the
   * upload by its registered staff…). `createBureau` always gives it; without it only the
   * body the actor claims is compared at the sign-off (a standalone use that authenticates
   * roles elsewhere).
   */
  readonly bodies?: BodiesRegistry;
  /** The bureau's disclosure configuration (default: the national rule table). */
  readonly policy?: DisclosurePolicy | DisclosurePolicyInput;
  /** The bureau's permission policy (default: the national table). */
  readonly permissions?: PermissionPolicy;
  /** Hash of contents (default SHA-256). */
  readonly hash?: HashAlgorithm;
  /**
   * 其他自然人 — names of natural persons other than the party (witnesses, relatives…) that
   * must not appear in the content: the redaction check at revision, correction and
   * sign-off looks for them.
   */
  readonly otherPersons?: readonly string[];
  /** The bureau's statutory-period overrides (e.g. a province's own 公示 figure). */
  readonly periods?: PeriodOverrides | ResolvedPeriods;
}

/** The event each command produces when accepted. */
export const DISCLOSURE_COMMAND_EVENTS: Readonly<Record<DisclosureCommand["type"], DisclosureEventType>> = {
  "disclosure.draft": "disclosure.drafted",
  "disclosure.withhold": "disclosure.withheld",
  "disclosure.revise": "disclosure.revised",
  "disclosure.approve": "disclosure.approved",
  "disclosure.publish": "disclosure.published",
  "disclosure.correct": "disclosure.corrected",
  "disclosure.requireWithdrawal": "disclosure.withdrawalRequired",
  "disclosure.withdraw": "disclosure.withdrawn",
  "disclosure.expire": "disclosure.expired",
  "disclosure.forward": "disclosure.forwarded",
  "disclosure.endEarly": "disclosure.endedEarly",
};

/**
 * The permissions each command accepts (kernel `authorize`; any one suffices). Withholding is
 * the head's decision, like the sign-off. `disclosure.requireWithdrawal` is open to the
 * publisher (`disclosure.withdraw`: told by the case handler that the decision changed) and to
 * the platform's scheduled job (`system.runJobs`: it sees the change in the case's events) —
 * recording the duty early only starts the clock, it removes nothing. 跨省推送 is the
 * publisher's (`disclosure.publish`), 提前停止公示 the head's (`disclosure.approve`).
 */
export const DISCLOSURE_COMMAND_PERMISSIONS: Readonly<Record<DisclosureCommand["type"], readonly Permission[]>> = {
  "disclosure.draft": ["disclosure.draft"],
  "disclosure.withhold": ["disclosure.approve"],
  "disclosure.revise": ["disclosure.draft"],
  "disclosure.approve": ["disclosure.approve"],
  "disclosure.publish": ["disclosure.publish"],
  "disclosure.correct": ["disclosure.correct"],
  "disclosure.requireWithdrawal": ["disclosure.withdraw", "system.runJobs"],
  "disclosure.withdraw": ["disclosure.withdraw"],
  "disclosure.expire": ["system.runJobs"],
  // 跨省推送 is the designated publisher's act, of what the head signed off.
  "disclosure.forward": ["disclosure.publish"],
  // 提前停止公示 is the head's decision on the party's application (Art. 14).
  "disclosure.endEarly": ["disclosure.approve"],
};

/** The sources of the workflow's own rules (the rule table's sources travel with each rule). */
export const DISCLOSURE_WORKFLOW_SOURCES = {
  /** 谁履职、谁公示; 负责人签字审定 before the designated person uploads (pilot plan A1.3). */
  signOff: { law: "沙坡头区司法局三项制度试点工作方案", section: "二（一）（2）", confidence: "C-local" },
  /** 审核、纠错 of what is published (pilot plan A1.2). */
  correction: { law: "沙坡头区司法局三项制度试点工作方案", section: "二（一）（1）", confidence: "C-local" },
  /** Withdrawal of a changed, revoked, unlawful or void penalty decision, with a public explanation. */
  withdrawal: { law: "行政处罚法", article: 48, paragraph: 2, confidence: "C-law" },
} as const satisfies Record<string, RuleSource>;

function refuse(code: SanxiangError["code"], message: string, source: RuleSource, details = {}): SanxiangError {
  return sanxiangError(code, `${message}（依据：${formatSource(source)}）`, { source, details });
}

/** The authorisation of `actor` for any one of `permissions` (the first refusal otherwise). */
function authorizeAny(
  actor: Actor,
  permissions: readonly Permission[],
  policy: PermissionPolicy | undefined,
): Result<true, SanxiangError> {
  let first: SanxiangError | undefined;
  for (const p of permissions) {
    const r = authorize(actor, p, policy);
    if (r.isOk()) return ok(true);
    first ??= r.error;
  }
  return err(first ?? sanxiangError("PERMISSION_DENIED", "无权执行该操作"));
}

/** 适用的公示规则 — the rule of the policy a draft names, or the kind's rule when the policy has no such id. */
export function disclosureRuleOf(policy: DisclosurePolicy, draft: DisclosureDraft): DisclosureRule {
  const byId = policy.rules.find((r) => r.id === draft.ruleId);
  if (byId !== undefined) return byId;
  const content = draft.content;
  return disclosureRuleFor(policy, {
    kind: draft.kind,
    ...(content.kind === "decision" ? { category: content.category } : {}),
  });
}

export {
  checkPublishedItem,
  checkWithdrawalNotice,
  contentRedactionContext,
  isPublicCreditCode,
  isPublicDocumentNumber,
  nextPublishedItem,
  PUBLISHED_ITEM_FIELD_ROLES,
  type PublicFieldRole,
  type PublicTextCheckOptions,
  publicIdentifiersOf,
  publicTextsOfItem,
  publicTextsOfNotice,
  redactionContextOf,
  WITHDRAWAL_NOTICE_FIELD_ROLES,
} from "./published-item.js";

type R = Result<DisclosureEvent, SanxiangError>;

/**
 * 身份核验 — with a registry in the context, the actor's claimed role against it on `date`
 * for the disclosing body (谁履职、谁公示): one of the roles of the command's permission
 * rows that the registry backs — a head of record for the sign-off, the withholding and the
 * early end; registered, in-post staff of the body for drafting, publishing, correcting and
 * withdrawing; the platform's `system` for its scheduled jobs — else the coded refusal naming
 * the officer (`ACTOR_NOT_REGISTERED`, `OFFICER_NOT_QUALIFIED`, `ROLE_NOT_BACKED`).
 */
function checkActor(
  cmd: DisclosureCommand,
  state: DisclosureState,
  date: CivilDate,
  ctx: DisclosureDecideContext,
): Result<true, SanxiangError> {
  if (ctx.bodies === undefined) return ok(true);
  const bodyId = cmd.type === "disclosure.draft" ? cmd.draft.bodyId : state.context.draft?.bodyId;
  if (bodyId === undefined) return ok(true); // no draft yet: the state check refuses the command
  const table = (ctx.permissions ?? DEFAULT_PERMISSION_POLICY).rules;
  const permissions = DISCLOSURE_COMMAND_PERMISSIONS[cmd.type];
  const roles: Role[] = [];
  for (const p of permissions) for (const r of table[p].roles) if (!roles.includes(r)) roles.push(r);
  const what = permissions.map((p) => table[p].description).join("或");
  const source = (role: Role) => (role === "head" ? DISCLOSURE_WORKFLOW_SOURCES.signOff : undefined);
  const r = checkClaimedRoles(ctx.actor, roles, { bodyId }, date, ctx.bodies, what, source);
  return r.isErr() ? err(r.error) : ok(true);
}

const periodsOf = (ctx: DisclosureDecideContext) => (ctx.periods === undefined ? {} : { periods: ctx.periods });

/**
 * The content of a revision or correction and, for a correction, its public note (更正说明,
 * shown with every later version): no personal data in either.
 */
function checkContent(
  content: DisclosureContent,
  draft: DisclosureDraft,
  policy: DisclosurePolicy,
  ctx: DisclosureDecideContext,
  note?: string,
): Result<true, SanxiangError> {
  if (content.kind !== draft.kind) {
    return err(
      sanxiangError("INVALID_INPUT", `公示内容的种类（${content.kind}）与拟公示信息（${draft.kind}）不一致`, {
        details: { contentKind: content.kind, draftKind: draft.kind },
      }),
    );
  }
  const texts: PublicText[] = contentTexts(content, "content");
  if (note !== undefined) texts.push({ path: "reason", text: note });
  const clean = checkPublicTexts(texts, redactionContextOf(content, policy, ctx));
  return clean.isErr() ? err(clean.error) : ok(true);
}

/** What the public-text checks of a whole item or notice know: the policy and the other persons. */
function checkOptions(policy: DisclosurePolicy, ctx: DisclosureDecideContext) {
  return { policy: policy.redaction, ...(ctx.otherPersons === undefined ? {} : { otherPersons: ctx.otherPersons }) };
}

function eventFor(
  cmd: DisclosureCommand,
  at: Instant,
  state: DisclosureState,
  policy: DisclosurePolicy,
  ctx: DisclosureDecideContext,
): R {
  const c = state.context;
  const hashOf = (content: DisclosureContent) => disclosureContentHash(content, ctx.hash);
  const date = civilDateOf(at);
  if (cmd.type === "disclosure.draft") {
    const draft = cmd.draft;
    if (draft.disclosureId !== state.disclosureId) {
      return err(
        sanxiangError("INVALID_INPUT", `拟公示信息 ${draft.disclosureId} 不属于公示 ${state.disclosureId}`, {
          details: { disclosureId: state.disclosureId, draftId: draft.disclosureId },
        }),
      );
    }
    if (draft.content.kind !== draft.kind) {
      return err(sanxiangError("INVALID_INPUT", "拟公示信息的种类与内容不一致"));
    }
    const received = receivedOf(draft.routing);
    if (received !== undefined && compareCivilDates(received.receivedOn, date) > 0) {
      return err(sanxiangError("INVALID_INPUT", `收到推送之日 ${received.receivedOn} 不能晚于拟定之日 ${date}`));
    }
    const rule = disclosureRuleOf(policy, draft);
    const due = routedDisclosureDue(rule, draft.startOn, draft.routing, ctx.calendar, periodsOf(ctx));
    if (due.isErr()) return err(due.error);
    return ok({
      type: "disclosure.drafted",
      at,
      draft,
      contentHash: hashOf(draft.content),
      ...(due.value === null ? {} : { due: due.value }),
    });
  }
  const draft = c.draft;
  if (draft === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", "尚无拟公示信息"));
  const rule = disclosureRuleOf(policy, draft);
  switch (cmd.type) {
    case "disclosure.withhold":
      return ok({
        type: "disclosure.withheld",
        at,
        reason: cmd.reason,
        source: cmd.source,
        kind: draft.kind,
        ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
      });
    case "disclosure.revise":
    case "disclosure.correct": {
      const checked = checkContent(
        cmd.content,
        draft,
        policy,
        ctx,
        cmd.type === "disclosure.correct" ? cmd.reason : undefined,
      );
      if (checked.isErr()) return err(checked.error);
      const contentHash = hashOf(cmd.content);
      if (contentHash === c.contentHash || contentHash === c.published?.contentHash) {
        return err(sanxiangError("COMMAND_NOT_ALLOWED", "内容与现有内容相同，无需修改或更正"));
      }
      return ok({
        type: cmd.type === "disclosure.revise" ? "disclosure.revised" : "disclosure.corrected",
        at,
        content: cmd.content,
        contentHash,
        redactions: cmd.redactions,
        reason: cmd.reason,
      });
    }
    case "disclosure.approve": {
      // 谁履职、谁公示: only a head of the disclosing body signs off — by the registry when the
      // context has one (checked with the role), else by the body the actor claims.
      if (ctx.bodies === undefined && ctx.actor.bodyId !== draft.bodyId) {
        return err(
          refuse(
            "DISCLOSURE_SIGNOFF_INVALID",
            `${ctx.actor.name} 不是公示主体「${draft.bodyName}」的负责人，不能审定其公示信息`,
            DISCLOSURE_WORKFLOW_SOURCES.signOff,
            { actorBodyId: ctx.actor.bodyId ?? null, bodyId: draft.bodyId },
          ),
        );
      }
      if (c.content === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", "尚无拟公示信息"));
      // The head signs off what the public will read: the item the publication would make —
      // title, body name, content, the pending correction's note — every text checked.
      const next = nextPublishedItem(c, at, rule, ctx.hash?.name);
      if (next.isErr()) return err(next.error);
      const clean = checkPublishedItem(next.value, checkOptions(policy, ctx));
      if (clean.isErr()) return err(clean.error);
      if (cmd.contentHash !== c.contentHash) {
        return err(
          refuse(
            "DISCLOSURE_NOT_APPROVED",
            "审定的内容与拟公示的内容不一致（内容哈希不符），请按现有内容重新审定",
            DISCLOSURE_WORKFLOW_SOURCES.signOff,
            { signed: cmd.contentHash, current: c.contentHash },
          ),
        );
      }
      return ok({ type: "disclosure.approved", at, approverId: ctx.actor.id, contentHash: cmd.contentHash });
    }
    case "disclosure.publish":
    case "disclosure.forward": {
      const crossProvince = crossProvincePublishRefusal(draft, rule);
      if (cmd.type === "disclosure.publish" && crossProvince !== undefined) return err(crossProvince);
      if (c.approval === undefined || c.approval.contentHash !== c.contentHash) {
        return err(
          refuse("DISCLOSURE_NOT_APPROVED", "拟公示信息未经负责人审定，不能发布", DISCLOSURE_WORKFLOW_SOURCES.signOff),
        );
      }
      // The sign-off binds a hash made with the bureau's hash port: if the port changed since
      // (say SHA-256 → SM3), the public copy's hash would not say what the head signed.
      if (c.content !== undefined && hashOf(c.content) !== c.contentHash) {
        return err(
          sanxiangError("INVALID_INPUT", "审定后哈希算法已变更，请重新修改并审定拟公示信息", {
            details: { algorithm: ctx.hash?.name ?? "sha256" },
          }),
        );
      }
      if (cmd.type === "disclosure.forward") return forwardEvent(cmd, at, c, draft, rule, ctx.hash?.name);
      const item = nextPublishedItem(c, at, rule, ctx.hash?.name);
      if (item.isErr()) return err(item.error);
      // Again at publication (before any port is called): a sign-off recorded under older
      // checks, another policy or other names must not carry personal data out.
      const clean = checkPublishedItem(item.value, checkOptions(policy, ctx));
      if (clean.isErr()) return err(clean.error);
      return ok({
        type: "disclosure.published",
        at,
        item: item.value,
        channel: cmd.channel,
        ...(cmd.location === undefined ? {} : { location: cmd.location }),
        ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
      });
    }
    case "disclosure.requireWithdrawal": {
      if (compareCivilDates(cmd.changedOn, date) > 0) {
        return err(sanxiangError("INVALID_INPUT", `决定变更之日 ${cmd.changedOn} 不能晚于记录之日 ${date}`));
      }
      const due = withdrawalDue(rule, cmd.changedOn, ctx.calendar, periodsOf(ctx));
      if (due.isErr()) return err(due.error);
      if (due.value === null) {
        return err(
          refuse(
            "COMMAND_NOT_ALLOWED",
            `「${rule.name}」没有法定撤回期限，需要撤回的请直接撤回并说明理由`,
            rule.source,
          ),
        );
      }
      return ok({
        type: "disclosure.withdrawalRequired",
        at,
        cause: cmd.cause,
        changedOn: cmd.changedOn,
        due: due.value,
      });
    }
    case "disclosure.withdraw": {
      const shown = c.published;
      if (shown === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", "该信息尚未公示，无需撤回"));
      const duty = c.withdrawal;
      const reason = duty === undefined ? cmd.reason : `${cmd.reason}（原决定${WITHDRAWAL_CAUSE_NAMES[duty.cause]}）`;
      const notice: WithdrawalNotice = {
        id: c.disclosureId,
        kind: shown.kind,
        title: shown.title,
        bodyName: shown.bodyName,
        withdrawnAt: at,
        reason,
        source: duty?.due.source ?? shown.source,
      };
      // 撤回理由 stays public: no personal data in it (nor in the title it repeats).
      const clean = checkWithdrawalNotice(notice, { ...checkOptions(policy, ctx), content: shown.content });
      if (clean.isErr()) return err(clean.error);
      return ok({
        type: "disclosure.withdrawn",
        at,
        notice,
        late: duty !== undefined && compareCivilDates(date, duty.due.due) > 0,
        ...(draft.caseId === undefined ? {} : { caseId: draft.caseId }),
      });
    }
    case "disclosure.expire": {
      const until = c.published?.publicUntil;
      if (until === undefined || compareCivilDates(date, until) <= 0) {
        return err(
          refuse(
            "COMMAND_NOT_ALLOWED",
            until === undefined ? "该信息在有效期内持续公示，没有公示期限" : `公示期限至 ${until}，尚未届满`,
            rule.publicitySource ?? rule.source,
            { publicUntil: until ?? null, date },
          ),
        );
      }
      return ok({ type: "disclosure.expired", at });
    }
    case "disclosure.endEarly":
      return endEarlyEvent(cmd, at, c, draft, rule);
  }
}

/**
 * 公示决定 — the pure decider of the disclosure workflow: given the disclosure's state, a
 * command and the context, the events to append, or the coded refusal. In order: the
 * command's schema (`INVALID_INPUT`); the actor's role (`PERMISSION_DENIED`, see
 * {@link DISCLOSURE_COMMAND_PERMISSIONS}); the act's time (not after `now`, not before the
 * last act); with a registry in the context, the claimed role against it for the
 * disclosing body (`ACTOR_NOT_REGISTERED`, `OFFICER_NOT_QUALIFIED`, `ROLE_NOT_BACKED`: no
 * sign-off by anyone but a registered head of that body); the state (`COMMAND_NOT_ALLOWED`; a publication of content not signed off is
 * `DISCLOSURE_NOT_APPROVED`); then the step's rules, each citing its source — the head signs
 * off only for their own body (`DISCLOSURE_SIGNOFF_INVALID`, 谁履职、谁公示), only an item
 * without personal data in any public text — title, body name, content, correction note
 * (`REDACTION_INCOMPLETE`, {@link checkPublishedItem}; the content checked again on every
 * revision and correction with the correction's note, the 撤回理由 at withdrawal, the whole
 * item again at publication) — and only exactly the content being worked on
 * (`DISCLOSURE_NOT_APPROVED` when the hash differs); a publication is the signed-off hash as
 * the next version; the
 * withdrawal deadline from the rule (行政处罚法 Art. 48 para. 2); expiry only after the
 * publicity period — and last the machine's own guards. Events use the {@link CaseEvent}
 * envelope in the disclosure's stream, stage `decision`: the envelope needs a stage, and
 * 公示 follows (and belongs to the record of) the decision it publishes — before-enforcement
 * items too are decisions of the body about what it publishes.
 */
export function decideDisclosure(
  state: DisclosureState,
  input: DisclosureCommandInput,
  ctx: DisclosureDecideContext,
): Result<CaseEvent[], SanxiangError> {
  const now = checkContextNow(ctx.now);
  if (now.isErr()) return err(now.error);
  const texts = checkInputTexts(input, "公示命令无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = DisclosureCommandSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("公示命令无效", parsed.error.issues, input));
  const cmd = parsed.data;
  const policy = resolveDisclosurePolicy(ctx.policy);
  if (policy.isErr()) return err(policy.error);
  const allowed = authorizeAny(ctx.actor, DISCLOSURE_COMMAND_PERMISSIONS[cmd.type], ctx.permissions);
  if (allowed.isErr()) return err(allowed.error);
  const at = cmd.at ?? ctx.now;
  const last = state.context.lastAt;
  if (epochMillis(at) > epochMillis(ctx.now) || (last !== undefined && epochMillis(at) < epochMillis(last))) {
    return err(
      sanxiangError("INVALID_INPUT", `行为时间 ${at} 不能晚于当前时间，也不能早于本项公示上一步（${last ?? "无"}）`, {
        details: { at, now: ctx.now, lastAt: last },
      }),
    );
  }
  const acting = checkActor(cmd, state, civilDateOf(at), ctx);
  if (acting.isErr()) return err(acting.error);
  const type = DISCLOSURE_COMMAND_EVENTS[cmd.type];
  const acceptedNow = commandsAccepted(DISCLOSURE_COMMAND_EVENTS, disclosureEventsAcceptedIn(state.value));
  const notAllowed = (why = "") =>
    sanxiangError(
      "COMMAND_NOT_ALLOWED",
      `公示处于「${DISCLOSURE_STATE_NAMES[state.value]}」状态，不能执行 ${cmd.type}${why}${acceptedInWords(acceptedNow)}`,
      { details: { state: state.value, command: cmd.type, allowed: acceptedNow } },
    );
  if (!disclosureEventsAcceptedIn(state.value).includes(type)) {
    const publishing = cmd.type === "disclosure.publish" || cmd.type === "disclosure.forward";
    if (publishing && (state.value === "drafted" || state.value === "correcting")) {
      return err(
        refuse("DISCLOSURE_NOT_APPROVED", "拟公示信息未经负责人审定，不能发布", DISCLOSURE_WORKFLOW_SOURCES.signOff, {
          state: state.value,
        }),
      );
    }
    return err(notAllowed());
  }
  const event = eventFor(cmd, at, state, policy.value, ctx);
  if (event.isErr()) return err(event.error);
  if (!state.snapshot.can(event.value)) return err(notAllowed("（不满足本环节的条件）"));
  const { type: eventType, ...payload } = event.value;
  return ok([
    {
      caseId: state.disclosureId,
      seq: state.version + 1,
      type: eventType,
      at: ctx.now,
      actor: { id: ctx.actor.id, roles: [...ctx.actor.roles] },
      stage: "decision",
      payload: payload as Record<string, unknown>,
    },
  ]);
}
