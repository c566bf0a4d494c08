import type { WorkCalendar } from "../calendar/types.js";
import {
  type Actor,
  authorize,
  DEFAULT_PERMISSION_POLICY,
  type Permission,
  type PermissionPolicy,
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
import {
  type ActingScope,
  actingBody,
  checkClaimedRoles,
  checkHeadParticipants,
  headsInPost,
} from "../registry/bodies/acting.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { classifyDecision } from "./catalogue.js";
import { type ReviewCommand, type ReviewCommandInput, ReviewCommandSchema } from "./commands.js";
import type { ReviewContext } from "./context.js";
import { type ReviewDraft, reviewDraftHash } from "./draft.js";
import type { ReviewEvent, ReviewEventType } from "./events.js";
import type { ReviewState } from "./fold.js";
import { REVIEW_STATE_NAMES, reviewEventsAcceptedIn } from "./machine.js";
import { type ReviewPolicy, type ReviewPolicyInput, resolveReviewPolicy, REVIEW_SOURCES as SRC } from "./policy.js";
import { checkDiscussionQuorum } from "./quorum.js";
import {
  REVIEW_ITEM_NAMES,
  REVIEW_ITEMS,
  REVIEW_MATERIAL_NAMES,
  type ReviewFinding,
  type ReviewMaterial,
  type ReviewMaterialKind,
} from "./schema.js";
import { reviewerQualification } from "./staffing.js";
import { currentReviewDeadline, reviewDeadline, reviewLate } from "./time-limit.js";

/**
 * 审核所涉案件 — what the case's record says about who may act in its review: the case's
 * body (执法主体) and its team (承办人员). The bureau fills it from the case's stream; without
 * it the body is that of the officers the submission names, and the team is those officers.
 */
export interface ReviewCaseScope {
  /** 执法主体 — the case's body. */
  readonly bodyId?: string | undefined;
  /** 承办人员 — the case's team: submissions come from it, and none of it may review the case. */
  readonly team: readonly string[];
}

/**
 * 法制审核决定上下文 — what {@link decideReview} needs besides the review and the command: who
 * acts, the time (`now`, from the Clock port), the work calendar (for the deadline), the
 * bodies-and-officers registry (for the reviewer's qualification), and the bureau's
 * configuration (optional, with defaults).
 */
export interface ReviewDecideContext {
  /** Who issues the command. */
  readonly actor: Actor;
  /** 当前时间 — when the command is recorded; acts may not be later. */
  readonly now: Instant;
  /** The work calendar for the review deadline. */
  readonly calendar: WorkCalendar;
  /** 执法主体及人员数据库 — reviewers, their qualification. */
  readonly bodies: BodiesRegistry;
  /** 所涉案件 — the case's body and team (absent: the officers the submission names). */
  readonly caseScope?: ReviewCaseScope | undefined;
  /** The bureau's review configuration (default {@link DEFAULT_REVIEW_POLICY}). */
  readonly policy?: ReviewPolicy | ReviewPolicyInput;
  /** The bureau's permission policy (default: the national table). */
  readonly permissions?: PermissionPolicy;
  /** Hash of drafts (default SHA-256). */
  readonly hash?: HashAlgorithm;
}

/** The event each command produces when accepted. */
export const REVIEW_COMMAND_EVENTS: Readonly<Record<ReviewCommand["type"], ReviewEventType>> = {
  "review.submit": "review.submitted",
  "review.assign": "review.assigned",
  "review.extend": "review.extended",
  "review.escalate": "review.escalated",
  "review.advise": "review.advised",
  "review.conclude": "review.concluded",
  "review.resubmit": "review.resubmitted",
  "review.dispute": "review.disputed",
  "review.discuss": "review.discussed",
};

/** The permission each command needs (kernel `authorize`). */
export const REVIEW_COMMAND_PERMISSIONS: Readonly<Record<ReviewCommand["type"], Permission>> = {
  "review.submit": "review.submit",
  "review.assign": "review.assign",
  "review.extend": "review.assign",
  "review.escalate": "review.escalate",
  "review.advise": "review.escalate",
  "review.conclude": "review.conclude",
  "review.resubmit": "review.submit",
  "review.dispute": "review.submit",
  "review.discuss": "case.discussCollectively",
};

type R = Result<ReviewEvent, SanxiangError>;

function refuse(code: SanxiangError["code"], message: string, source: RuleSource, details = {}): SanxiangError {
  return sanxiangError(code, `${message}（依据：${formatSource(source)}）`, { source, details });
}

/** 送审材料清单 — the kinds a submission of `draft` must contain (听证笔录 only after a hearing). */
export function requiredMaterials(draft: ReviewDraft): ReviewMaterialKind[] {
  const kinds: ReviewMaterialKind[] = ["application", "proposalNote", "draftDecision", "evidence"];
  if (draft.hearingHeld) kinds.push("hearingRecord");
  return kinds;
}

function checkMaterials(draft: ReviewDraft, materials: readonly ReviewMaterial[]): Result<true, SanxiangError> {
  const missing = requiredMaterials(draft).filter((k) => !materials.some((m) => m.kind === k));
  if (missing.length === 0) return ok(true);
  return err(
    refuse(
      "REVIEW_MATERIALS_INCOMPLETE",
      `送审材料不全，缺少：${missing.map((k) => REVIEW_MATERIAL_NAMES[k]).join("、")}`,
      SRC.materials,
      { missing },
    ),
  );
}

/**
 * 审核人员资格 — the reviewer on `date`: not one of the officers who handled the case
 * (recusal, Art. 43, `REVIEWER_RECUSAL_REQUIRED`), then the staffing check
 * {@link reviewerQualification}: in the registry, of the case's body (when `bodyId` is
 * given), 在岗, a legal reviewer (Art. 58 para. 1), holding the 法律职业资格 unless they
 * reviewed before 2021-07-15 (Art. 58 para. 2: "初次从事行政处罚决定法制审核的"). Returns the
 * qualification number when held.
 */
export function checkReviewer(
  reviewerId: string,
  handlingOfficerIds: readonly string[],
  date: CivilDate,
  bodies: BodiesRegistry,
  bodyId?: string,
): Result<{ readonly legalQualification?: string }, SanxiangError> {
  if (handlingOfficerIds.includes(reviewerId)) {
    return err(
      refuse("REVIEWER_RECUSAL_REQUIRED", `${reviewerId} 是本案承办人员，不得审核本案`, SRC.recusal, { reviewerId }),
    );
  }
  const q = reviewerQualification(reviewerId, date, bodies, bodyId);
  if (q.isErr()) return err(q.error);
  const held = q.value.legalQualification;
  return ok(held === undefined ? {} : { legalQualification: held });
}

/** The case's scope for the review's acts: the context's, else the officers the review names. */
function scopeOf(
  c: ReviewContext,
  cmd: ReviewCommand,
  ctx: ReviewDecideContext,
): ActingScope & { team: readonly string[] } {
  if (ctx.caseScope !== undefined) return { bodyId: ctx.caseScope.bodyId, team: ctx.caseScope.team };
  return { team: cmd.type === "review.submit" ? cmd.handlingOfficerIds : c.handlingOfficerIds };
}

/** Everyone recused from reviewing: the officers the submission names and the case's team. */
function recused(c: ReviewContext, ctx: ReviewDecideContext): readonly string[] {
  const team = ctx.caseScope?.team ?? [];
  return [...c.handlingOfficerIds, ...team.filter((id) => !c.handlingOfficerIds.includes(id))];
}

/**
 * 身份核验 — the acting person's claimed role against the registry, on the day of the act:
 * one of the roles of the command's permission row that the registry backs for the case's
 * body (registered, in post; a submission, re-submission or dispute from the case's team;
 * an assignment or extension by a registered head or legal reviewer; the opinion, the
 * escalation and the legal adviser's record by a registered legal reviewer; a discussion by a
 * registered head) — else the coded refusal naming the officer (`ACTOR_NOT_REGISTERED`,
 * `OFFICER_NOT_QUALIFIED`, `NOT_ON_CASE_TEAM`, `ROLE_NOT_BACKED`).
 */
function checkActor(
  cmd: ReviewCommand,
  c: ReviewContext,
  date: CivilDate,
  ctx: ReviewDecideContext,
): Result<true, SanxiangError> {
  const permission = REVIEW_COMMAND_PERMISSIONS[cmd.type];
  const rule = (ctx.permissions ?? DEFAULT_PERMISSION_POLICY).rules[permission];
  const scope = scopeOf(c, cmd, ctx);
  const r = checkClaimedRoles(ctx.actor, rule.roles, scope, date, ctx.bodies, rule.description);
  return r.isErr() ? err(r.error) : ok(true);
}

/**
 * 集体讨论参加人员核验 — `review.discuss` (行政处罚法 Art. 57 para. 2, "行政机关负责人应当集体
 * 讨论决定"), as `discussion.hold` in the ordinary procedure: every participant is a head of
 * the case's body (its team's, when the case names none), registered and in post on the day
 * — else the first who is not is refused by name (`ACTOR_NOT_REGISTERED`,
 * `OFFICER_NOT_QUALIFIED`, `ROLE_NOT_BACKED`; registry `checkHeadParticipants`), citing
 * Art. 57 para. 2. `Ok` with the number of the body's heads in post, over which the quorum is
 * counted (the command's `membersTotal` is not used for it).
 */
function discussionHeads(
  cmd: Extract<ReviewCommand, { type: "review.discuss" }>,
  c: ReviewContext,
  date: CivilDate,
  ctx: ReviewDecideContext,
): Result<number, SanxiangError> {
  const scope = scopeOf(c, cmd, ctx);
  const bodyId = actingBody(scope, date, ctx.bodies);
  if (bodyId === undefined) {
    return err(
      refuse(
        "COMMAND_NOT_ALLOWED",
        "案件未载明执法主体，承办人员也不在执法主体及人员数据库中，无法核对参加集体讨论的负责人",
        SRC.discussionParticipants,
        { officerIds: [...scope.team] },
      ),
    );
  }
  const checked = checkHeadParticipants(
    cmd.participants,
    bodyId,
    date,
    ctx.bodies,
    "参加法制审核分歧的集体讨论",
    SRC.discussionParticipants,
  );
  if (checked.isErr()) return err(checked.error);
  return ok(headsInPost(bodyId, date, ctx.bodies).length);
}

function checkFindings(
  cmd: Extract<ReviewCommand, { type: "review.conclude" }>,
): Result<readonly ReviewFinding[], SanxiangError> {
  const items = cmd.findings.map((f) => f.item);
  const missing = REVIEW_ITEMS.filter((i) => !items.includes(i));
  const duplicate = items.filter((i, n) => items.indexOf(i) !== n);
  if (missing.length > 0 || duplicate.length > 0) {
    return err(
      refuse(
        "INVALID_INPUT",
        `审核意见须对每一审核事项逐项作出且仅作出一次：${[...missing, ...duplicate].map((i) => REVIEW_ITEM_NAMES[i]).join("、")}`,
        SRC.checklist,
        { missing, duplicate },
      ),
    );
  }
  const problems = cmd.findings.filter((f) => !f.ok);
  if (cmd.outcome === "approved" && (problems.length > 0 || cmd.requiredChanges.length > 0)) {
    return err(refuse("INVALID_INPUT", "审核意见为同意的，各审核事项均应无问题，且不应提出修改意见", SRC.checklist));
  }
  if (cmd.outcome === "problems" && (problems.length === 0 || cmd.requiredChanges.length === 0)) {
    return err(refuse("INVALID_INPUT", "审核意见为存在问题的，须写明存在问题的事项和修改意见", SRC.checklist));
  }
  if (cmd.outcome === "rejected" && problems.length === 0) {
    return err(refuse("INVALID_INPUT", "审核意见为不同意的，须写明存在问题的事项", SRC.checklist));
  }
  return ok(cmd.findings);
}

function submission(
  draft: ReviewDraft,
  materials: readonly ReviewMaterial[],
  at: Instant,
  policy: ReviewPolicy,
  ctx: ReviewDecideContext,
) {
  const m = checkMaterials(draft, materials);
  if (m.isErr()) return err(m.error);
  const due = reviewDeadline(civilDateOf(at), policy.workingDays, ctx.calendar);
  if (due.isErr()) return err(due.error);
  const draftHash = reviewDraftHash(draft, ctx.hash);
  const reasons = classifyDecision(draft, policy.catalogue).reasons;
  return ok({ draftHash, reasons, due: due.value });
}

function eventFor(
  cmd: ReviewCommand,
  at: Instant,
  c: ReviewContext,
  policy: ReviewPolicy,
  ctx: ReviewDecideContext,
): R {
  const date = civilDateOf(at);
  const byReviewer = (): Result<true, SanxiangError> =>
    c.reviewerId === ctx.actor.id
      ? ok(true)
      : err(
          sanxiangError("PERMISSION_DENIED", "只有指定的法制审核人员可以办理本项审核", {
            details: { reviewerId: c.reviewerId, actorId: ctx.actor.id },
          }),
        );
  switch (cmd.type) {
    case "review.submit": {
      const s = submission(cmd.draft, cmd.materials, at, policy, ctx);
      if (s.isErr()) return err(s.error);
      if (cmd.draft.caseId !== cmd.caseId) return err(sanxiangError("INVALID_INPUT", "决定草案与送审案件不一致"));
      return ok({
        type: "review.submitted",
        at,
        caseId: cmd.caseId,
        draft: cmd.draft,
        ...s.value,
        materials: cmd.materials,
        handlingOfficerIds: cmd.handlingOfficerIds,
      });
    }
    case "review.assign": {
      const body = actingBody(scopeOf(c, cmd, ctx), date, ctx.bodies);
      const q = checkReviewer(cmd.reviewerId, recused(c, ctx), date, ctx.bodies, body);
      return q.isErr() ? err(q.error) : ok({ type: "review.assigned", at, reviewerId: cmd.reviewerId, ...q.value });
    }
    case "review.extend": {
      if (policy.extensionDays === 0 || c.due === undefined) {
        return err(refuse("COMMAND_NOT_ALLOWED", "本机关未规定审核期限的延长", SRC.timeLimit));
      }
      // A provisional limit is read as it stands now: exact once the notice is loaded, else
      // the earliest plausible end — the bureau extends its own limit before that day.
      const current = currentReviewDeadline(c.due, ctx.calendar);
      if (compareCivilDates(date, current.due) > 0) {
        const bound = current.provisional === true ? "（暂定，按最早可能届满日）" : "";
        return err(
          refuse("COMMAND_NOT_ALLOWED", `审核期限已于 ${current.due}${bound} 届满，不能再延长`, SRC.timeLimit, {
            due: current.due,
            provisional: current.provisional === true,
          }),
        );
      }
      const due = reviewDeadline(c.due.start, c.due.workingDays + policy.extensionDays, ctx.calendar);
      return due.isErr() ? err(due.error) : ok({ type: "review.extended", at, reason: cmd.reason, due: due.value });
    }
    case "review.escalate": {
      const r = byReviewer();
      return r.isErr() ? err(r.error) : ok({ type: "review.escalated", at, reason: cmd.reason });
    }
    case "review.advise": {
      const r = byReviewer();
      return r.isErr()
        ? err(r.error)
        : ok({ type: "review.advised", at, opinion: cmd.opinion, materials: cmd.materials });
    }
    case "review.conclude": {
      const r = byReviewer();
      if (r.isErr()) return err(r.error);
      // Qualified on the day of the opinion, not only on the day of the assignment.
      const body = actingBody(scopeOf(c, cmd, ctx), date, ctx.bodies);
      const q = checkReviewer(ctx.actor.id, recused(c, ctx), date, ctx.bodies, body);
      if (q.isErr()) return err(q.error);
      const f = checkFindings(cmd);
      if (f.isErr()) return err(f.error);
      return ok({
        type: "review.concluded",
        at,
        reviewerId: ctx.actor.id,
        outcome: cmd.outcome,
        draftHash: c.draftHash ?? "",
        findings: f.value,
        requiredChanges: cmd.requiredChanges,
        opinion: cmd.opinion,
        late: c.due !== undefined && reviewLate(c.due, date, ctx.calendar),
      });
    }
    case "review.resubmit": {
      if (cmd.draft.caseId !== c.caseId) return err(sanxiangError("INVALID_INPUT", "决定草案与送审案件不一致"));
      const s = submission(cmd.draft, [...c.materials, ...cmd.materials], at, policy, ctx);
      if (s.isErr()) return err(s.error);
      if (c.approval !== undefined && s.value.draftHash === c.approval.draftHash) {
        return err(sanxiangError("COMMAND_NOT_ALLOWED", "该决定草案已审核通过，无需重新送审"));
      }
      return ok({
        type: "review.resubmitted",
        at,
        draft: cmd.draft,
        ...s.value,
        changes: cmd.changes,
        materials: cmd.materials,
      });
    }
    case "review.dispute":
      return ok({ type: "review.disputed", at, reason: cmd.reason });
    case "review.discuss": {
      const heads = discussionHeads(cmd, c, date, ctx);
      if (heads.isErr()) return err(heads.error);
      const membersTotal = heads.value;
      const quorum = checkDiscussionQuorum(cmd.participants, membersTotal, policy);
      if (quorum.isErr()) return err(quorum.error);
      const participants = quorum.value;
      if (cmd.resolution === "adoptDraft" && !policy.discussionResolves) {
        return err(refuse("REVIEW_NOT_APPROVED", "本机关规定集体讨论不能代替法制审核通过", SRC.gate));
      }
      return ok({
        type: "review.discussed",
        at,
        participants,
        membersTotal,
        resolution: cmd.resolution,
        conclusion: cmd.conclusion,
        draftHash: c.draftHash ?? "",
      });
    }
  }
}

/**
 * 法制审核决定 — the pure decider of the review workflow: given the review's state, a command
 * and the context, the events to append, or the coded refusal. In order: the command's
 * schema (`INVALID_INPUT`); the actor's role (`PERMISSION_DENIED`); the act's time (not
 * after `now`, not before the last act); the claimed role against the registry on the day
 * of the act (身份核验: registered with the case's body, in post, a submission from the
 * case's team, an opinion from registered legal-review staff, a head of record —
 * `ACTOR_NOT_REGISTERED`, `OFFICER_NOT_QUALIFIED`, `NOT_ON_CASE_TEAM`, `ROLE_NOT_BACKED`,
 * each naming the officer); the state (`COMMAND_NOT_ALLOWED`); then the step's
 * rules, each citing its source — materials complete (`REVIEW_MATERIALS_INCOMPLETE`), the
 * reviewer a qualified legal reviewer of the body who did not handle the case, at the
 * assignment and again at the opinion (`OFFICER_NOT_QUALIFIED`, Art. 58 para. 2;
 * `REVIEWER_RECUSAL_REQUIRED`, Art. 43), only the assigned reviewer gives
 * the opinion, a finding on every checklist item, the quorum of a collective discussion
 * (`DISCUSSION_QUORUM_NOT_MET`, Art. 57 para. 2) — and last the machine's own guards.
 * Events use the {@link CaseEvent} envelope in the review's stream, stage `review`.
 */
export function decideReview(
  state: ReviewState,
  input: ReviewCommandInput,
  ctx: ReviewDecideContext,
): Result<CaseEvent[], SanxiangError> {
  const now = checkContextNow(ctx.now);
  if (now.isErr()) return err(now.error);
  const texts = checkInputTexts(input, "法制审核命令无效");
  if (texts.isErr()) return err(texts.error);
  const parsed = ReviewCommandSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("法制审核命令无效", parsed.error.issues, input));
  const cmd = parsed.data;
  const policy = resolveReviewPolicy(ctx.policy);
  if (policy.isErr()) return err(policy.error);
  const allowed = authorize(ctx.actor, REVIEW_COMMAND_PERMISSIONS[cmd.type], ctx.permissions);
  if (allowed.isErr()) return err(allowed.error);
  const at = cmd.at ?? ctx.now;
  const last = state.context.lastAt;
  if (epochMillis(at) > epochMillis(ctx.now) || (last !== undefined && epochMillis(at) < epochMillis(last))) {
    return err(
      sanxiangError("INVALID_INPUT", `行为时间 ${at} 不能晚于当前时间，也不能早于本项审核上一步（${last ?? "无"}）`, {
        details: { at, now: ctx.now, lastAt: last },
      }),
    );
  }
  const acting = checkActor(cmd, state.context, civilDateOf(at), ctx);
  if (acting.isErr()) return err(acting.error);
  const type = REVIEW_COMMAND_EVENTS[cmd.type];
  const acceptedNow = commandsAccepted(REVIEW_COMMAND_EVENTS, reviewEventsAcceptedIn(state.value));
  const notAllowed = (why = "") =>
    sanxiangError(
      "COMMAND_NOT_ALLOWED",
      `法制审核处于「${REVIEW_STATE_NAMES[state.value]}」状态，不能执行 ${cmd.type}${why}${acceptedInWords(acceptedNow)}`,
      { details: { state: state.value, command: cmd.type, allowed: acceptedNow } },
    );
  if (!reviewEventsAcceptedIn(state.value).includes(type)) return err(notAllowed());
  const event = eventFor(cmd, at, state.context, policy.value, ctx);
  if (event.isErr()) return err(event.error);
  if (!state.snapshot.can(event.value)) return err(notAllowed("（不满足本环节的条件）"));
  const { type: eventType, ...payload } = event.value;
  return ok([
    {
      caseId: state.reviewId,
      seq: state.version + 1,
      type: eventType,
      at: ctx.now,
      actor: { id: ctx.actor.id, roles: [...ctx.actor.roles] },
      stage: "review",
      payload: payload as Record<string, unknown>,
    },
  ]);
}
