import {
  type Actor,
  authorize,
  DEFAULT_PERMISSION_POLICY,
  type Permission,
  type PermissionPolicy,
  type Role,
} from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type CivilDate, civilDateOf, type Instant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import {
  actingBody,
  checkBackedRole,
  checkClaimedRoles,
  type HeadRankRule,
  onCaseTeam,
  registeredActor,
} from "../registry/bodies/acting.js";
import type { OfficerPolicyInput } from "../registry/bodies/policy.js";
import { OFFICER_QUALIFICATION_SOURCE } from "../registry/bodies/qualification.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import type { Officer } from "../registry/bodies/schema.js";
import { foldEvents } from "./fold.js";

/**
 * 案件范围 — what an act on a case is checked against: the case's enforcement body
 * (执法主体), its category and place (for the officer's certificate scope), and its team
 * (承办人员). `team` is absent for the act that opens the case (立案).
 */
export interface AuthorityScope {
  /** 执法主体 — the case's body; absent: the body of the team's first registered officer, else the actor's. */
  readonly bodyId?: string | undefined;
  /** 执法类别 of the case. */
  readonly category: string;
  /** Division code of the place of the act. */
  readonly regionCode: string;
  /** 承办人员 — the case's team; officers' acts on the case must come from it. */
  readonly team?: readonly string[] | undefined;
}

/** What {@link checkAuthority} reads: the registry and the bureau's policies. */
export interface AuthorityContext {
  /** 执法主体及人员数据库 — the facts every claim is checked against. */
  readonly bodies: BodiesRegistry;
  /** The bureau's permission policy (default: the national table). */
  readonly permissions?: PermissionPolicy | undefined;
  /** The bureau's officer rules (region hierarchy …), for the certificate scope. */
  readonly officerPolicy?: OfficerPolicyInput | undefined;
}

/** 授权依据 — the role the registry backed for an act, and the officer's record when a person acted. */
export interface Authority {
  /** The role that backed the act. */
  readonly role: Role;
  /** The actor's registry record in force that day (absent for the platform's `system` jobs). */
  readonly officer?: Officer;
}

export type { HeadRankRule } from "../registry/bodies/acting.js";

/**
 * 负责人职级要求 — acts the law gives to particular heads, not to any head: the approval of
 * a transfer of a suspected crime to the police is for the 正职负责人 or the 主持工作的负责人
 * (行政执法机关移送涉嫌犯罪案件的规定 Art. 5 paras. 1–2: “报经本机关正职负责人或者主持工作的负责人审批”,
 * “应当自接到报告之日起3日内作出批准移送或者不批准移送的决定”).
 */
export const HEAD_RANK_RULES: Readonly<Partial<Record<Permission, HeadRankRule>>> = {
  "case.transfer": {
    ranks: ["principal", "presiding"],
    source: { law: "行政执法机关移送涉嫌犯罪案件的规定", article: 5, paragraph: 2, confidence: "C-law" },
  },
};

/**
 * 登记核验 — the actor's registry record in force on `date`, of the case's body, agreeing
 * with what the actor claims (body, certificate number): else `ACTOR_NOT_REGISTERED`
 * naming the officer and the body (`details.reason`: `notInRegistry`, `otherBody`,
 * `bodyClaimMismatch`, `certificateMismatch`). Authentication is the platform's job; this
 * checks the authenticated identity against the domain's facts. The registry check itself
 * is registry `registeredActor`, shared with the review and disclosure workflows.
 */
export function registeredOfficer(
  actor: Actor,
  scope: AuthorityScope,
  date: CivilDate,
  ctx: AuthorityContext,
  what: string,
): Result<Officer, SanxiangError> {
  return registeredActor(actor, scope, date, ctx.bodies, what);
}

/**
 * 身份核验 — is `role` backed by the registry for `actor` acting on the case on `date`?
 * - `system`: the platform's own jobs; nothing to look up (the platform authenticates them).
 * - every person: registered with the case's body that day ({@link registeredOfficer}) and in post.
 * - `officer`: a certificate valid that day for the case's category and place, with the body
 *   in force (registry `mayAct`, `OFFICER_NOT_QUALIFIED`, 行政处罚法 Art. 42 para. 1), and on
 *   the case's team when the case has one (`NOT_ON_CASE_TEAM`).
 * - `head`: a head of the body in the registry (`leadership`), of the rank the act needs
 *   (`ranks`, e.g. the 正职负责人 or 主持工作的负责人 for a transfer) — else `ROLE_NOT_BACKED`.
 * - `legalReviewer`: registered as a 法制审核人员 — else `ROLE_NOT_BACKED`.
 * - `publisher`, `supervisor`: registered and in post (the registry records no further duty).
 */
export function checkActingRole(
  actor: Actor,
  role: Role,
  scope: AuthorityScope,
  date: CivilDate,
  ctx: AuthorityContext,
  what: string,
  ranks?: HeadRankRule,
): Result<Authority, SanxiangError> {
  if (role === "system") return ok({ role });
  if (role !== "officer") {
    const backed = checkBackedRole(actor, role, scope, date, ctx.bodies, what, undefined, ranks);
    return backed.isErr() ? err(backed.error) : ok({ role, officer: backed.value });
  }
  const registered = registeredOfficer(actor, scope, date, ctx, what);
  if (registered.isErr()) return err(registered.error);
  const officer = registered.value;
  const may = ctx.bodies.mayAct(
    actor.id,
    {
      category: scope.category,
      regionCode: scope.regionCode,
      kind: "penalty",
      bodyId: actingBody(scope, date, ctx.bodies) ?? officer.bodyId,
    },
    date,
    ctx.officerPolicy,
  );
  if (may.isErr()) return err(may.error);
  const team = onCaseTeam(actor, scope.team, what, OFFICER_QUALIFICATION_SOURCE);
  return team.isErr() ? err(team.error) : ok({ role, officer });
}

/**
 * 授权核验 — may `actor` do `permission` on the case in `scope` on `date`? First the
 * permission table (kernel `authorize`: `PERMISSION_DENIED` when no claimed role is in the
 * row), then the claim against the registry: each of the row's roles the actor claims is
 * tried with {@link checkActingRole} (with the rank rule of {@link HEAD_RANK_RULES} for
 * heads) and the first one the registry backs authorises the act; when none does, the
 * refusal of the first claimed role is returned — `ACTOR_NOT_REGISTERED`,
 * `OFFICER_NOT_QUALIFIED`, `NOT_ON_CASE_TEAM` or `ROLE_NOT_BACKED`, naming the officer.
 */
export function checkAuthority(
  actor: Actor,
  permission: Permission,
  scope: AuthorityScope,
  date: CivilDate,
  ctx: AuthorityContext,
): Result<Authority, SanxiangError> {
  const policy = ctx.permissions ?? DEFAULT_PERMISSION_POLICY;
  const allowed = authorize(actor, permission, policy);
  if (allowed.isErr()) return err(allowed.error);
  const rule = policy.rules[permission];
  const claimed = rule.roles.filter((r) => actor.roles.includes(r));
  let first: SanxiangError | undefined;
  for (const role of claimed) {
    const ranks = role === "head" ? HEAD_RANK_RULES[permission] : undefined;
    const r = checkActingRole(actor, role, scope, date, ctx, rule.description, ranks);
    if (r.isOk()) return r;
    first ??= r.error;
  }
  // `authorize` passed, so at least one role was claimed and tried.
  return err(first ?? sanxiangError("PERMISSION_DENIED", `无权${rule.description}`));
}

/**
 * 案件授权核验 — {@link checkAuthority} for a command of the ordinary procedure: the scope
 * is the case's (body, category, place, team) — for `case.file`, the command's own, with no
 * team yet — and the date is the day of the act. `asHead` checks the `head` role itself
 * (acts the procedure gives the head whatever the permission table says: the approval or
 * extension of a seizure, 行政强制法 Arts. 18, 25).
 */
export function checkCaseAuthority(
  context: {
    readonly bodyId?: string | undefined;
    readonly category?: string | undefined;
    readonly regionCode?: string | undefined;
    readonly officerIds: readonly string[];
  },
  command: {
    readonly type: string;
    readonly bodyId?: string | undefined;
    readonly category?: string | undefined;
    readonly regionCode?: string | undefined;
  },
  permission: Permission,
  date: CivilDate,
  ctx: AuthorityContext & { readonly actor: Actor },
  asHead = false,
): Result<Authority, SanxiangError> {
  const opening = command.type === "case.file";
  const scope: AuthorityScope = opening
    ? { bodyId: command.bodyId, category: command.category ?? "", regionCode: command.regionCode ?? "" }
    : {
        bodyId: context.bodyId,
        category: context.category ?? "",
        regionCode: context.regionCode ?? "",
        team: context.officerIds,
      };
  if (!asHead) return checkAuthority(ctx.actor, permission, scope, date, ctx);
  if (!ctx.actor.roles.includes("head")) return ok({ role: ctx.actor.roles[0] ?? "officer" });
  return checkActingRole(ctx.actor, "head", scope, date, ctx, "批准查封、扣押");
}

/**
 * 证据入卷授权 — the `authorize` port of recording `attachEvidence` for cases of the ordinary
 * procedure: the case must exist (else `COMMAND_NOT_ALLOWED`, file it first) and fold (a
 * stream of another procedure, which does not keep evidence in its stream yet, is refused
 * with its fold error), and the actor must hold `evidence.record` for it
 * ({@link checkCaseAuthority} on the day of `now`: registered with the case's body, in post,
 * certified, on the case's team — or the platform's `system` role).
 */
export function evidenceAuthority(
  ctx: AuthorityContext,
): (events: readonly CaseEvent[], actor: Actor, now: Instant) => Result<Authority, SanxiangError> {
  return (events, actor, now) => {
    const c = filedCase(events, "evidence.attach", "案件尚未立案，不能登记证据：请先立案（case.file）");
    if (c.isErr()) return err(c.error);
    return checkCaseAuthority(c.value, { type: "evidence.attach" }, "evidence.record", civilDateOf(now), {
      ...ctx,
      actor,
    });
  };
}

/** The case's context from its events: `COMMAND_NOT_ALLOWED` (`message`) before filing, the fold's refusal for a stream of another procedure. */
function filedCase(events: readonly CaseEvent[], command: string, message: string) {
  const first = events[0];
  if (first === undefined) return err(sanxiangError("COMMAND_NOT_ALLOWED", message, { details: { command } }));
  return foldEvents(first.caseId, events).map((s) => s.context);
}

/**
 * 证据调取人员 — who may take an attached item's stored bytes out of the bureau's evidence
 * store: the case's officers (承办人员), and the body's heads, legal reviewers and
 * supervisors, each registered with the case's body and in post on the day.
 */
export const EVIDENCE_ACCESS_ROLES: readonly Role[] = ["officer", "head", "legalReviewer", "supervisor"];

/**
 * 证据调取授权 — the `authorize` port of recording `openEvidence` for cases of the ordinary
 * procedure: the case must exist (else `COMMAND_NOT_ALLOWED`) and fold, and the actor must
 * claim one of {@link EVIDENCE_ACCESS_ROLES} that the registry backs (registry
 * `checkClaimedRoles`): an officer on the case's team (`NOT_ON_CASE_TEAM`), a head, legal
 * reviewer or supervisor of the case's body — registered (`ACTOR_NOT_REGISTERED`), in post
 * (`OFFICER_NOT_QUALIFIED`), the role backed (`ROLE_NOT_BACKED`); no claimed role of the
 * list: `PERMISSION_DENIED`. The platform's `system` role does not read evidence.
 */
export function evidenceAccessAuthority(
  ctx: AuthorityContext,
): (events: readonly CaseEvent[], actor: Actor, now: Instant) => Result<Authority, SanxiangError> {
  return (events, actor, now) => {
    const filed = filedCase(events, "evidence.open", "案件尚未立案，没有可调取的证据");
    if (filed.isErr()) return err(filed.error);
    const c = filed.value;
    const r = checkClaimedRoles(
      actor,
      EVIDENCE_ACCESS_ROLES,
      { bodyId: c.bodyId, team: c.officerIds },
      civilDateOf(now),
      ctx.bodies,
      "调取本案证据",
    );
    if (r.isErr()) return err(r.error);
    return ok(
      r.value.officer === undefined ? { role: r.value.role } : { role: r.value.role, officer: r.value.officer },
    );
  };
}
