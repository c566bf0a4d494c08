import {
  type Actor,
  authorize,
  DEFAULT_PERMISSION_POLICY,
  type Permission,
  type PermissionPolicy,
  ROLE_NAMES,
  type Role,
} from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { type CivilDate, civilDateOf, type Instant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { OfficerPolicyInput } from "../registry/bodies/policy.js";
import { OFFICER_QUALIFICATION_SOURCE } from "../registry/bodies/qualification.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { LEADERSHIP_LABELS, type Leadership, OFFICER_STATUS_LABELS, type Officer } from "../registry/bodies/schema.js";
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

/** A head rank requirement: the ranks of {@link Leadership} allowed, and the rule that says so. */
export interface HeadRankRule {
  /** The ranks allowed. */
  readonly ranks: readonly Leadership[];
  /** The rule. */
  readonly source: RuleSource;
}

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

const HEAD_SOURCE: RuleSource = { law: "行政处罚法", article: 57, paragraph: 1, confidence: "C-law" };
const REVIEWER_SOURCE: RuleSource = { law: "行政处罚法", article: 58, paragraph: 2, confidence: "C-law" };

const who = (actor: Actor): string => `${actor.name}（${actor.id}）`;
const basis = (source: RuleSource): string => `（依据：${formatSource(source)}）`;

function fail(
  code: "ACTOR_NOT_REGISTERED" | "ROLE_NOT_BACKED" | "NOT_ON_CASE_TEAM" | "OFFICER_NOT_QUALIFIED",
  actor: Actor,
  message: string,
  source: RuleSource,
  details: Record<string, unknown>,
): SanxiangError {
  return sanxiangError(code, `${message}${basis(source)}`, {
    source,
    details: { actorId: actor.id, actorName: actor.name, ...details },
  });
}

/**
 * The body the case acts for: named at filing, else that of the team's first registered
 * officer — on the day, or in any version (a team whose records all ended still belongs to
 * its body: the case never falls back to the actor's own body when it has a team).
 */
function scopeBody(scope: AuthorityScope, date: CivilDate, bodies: BodiesRegistry): string | undefined {
  if (scope.bodyId !== undefined) return scope.bodyId;
  for (const id of scope.team ?? []) {
    const o = bodies.officer(id, date);
    if (o.isOk()) return o.value.bodyId;
  }
  for (const id of scope.team ?? []) {
    const any = bodies.data.officers.find((o) => o.id === id);
    if (any !== undefined) return any.bodyId;
  }
  return undefined;
}

function bodyName(bodies: BodiesRegistry, id: string, date: CivilDate): string {
  const b = bodies.body(id, date);
  return b.isOk() ? b.value.name : id;
}

/**
 * 登记核验 — the actor's registry record in force on `date`, of the case's body, agreeing
 * with what the actor claims (body, certificate number): else `ACTOR_NOT_REGISTERED`
 * naming the officer and the body (`details.reason`: `notInRegistry`, `otherBody`,
 * `bodyClaimMismatch`, `certificateMismatch`). Authentication is the platform's job; this
 * checks the authenticated identity against the domain's facts.
 */
export function registeredOfficer(
  actor: Actor,
  scope: AuthorityScope,
  date: CivilDate,
  ctx: AuthorityContext,
  what: string,
): Result<Officer, SanxiangError> {
  const found = ctx.bodies.officer(actor.id, date);
  if (found.isErr()) {
    return err(
      fail(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}在 ${date} 不在执法主体及人员数据库中，不能${what}：请先在数据库登记该人员，或由本机关登记在册的人员办理`,
        OFFICER_QUALIFICATION_SOURCE,
        { reason: "notInRegistry", date },
      ),
    );
  }
  const officer = found.value;
  const body = scopeBody(scope, date, ctx.bodies) ?? officer.bodyId;
  if (officer.bodyId !== body) {
    return err(
      fail(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}是「${bodyName(ctx.bodies, officer.bodyId, date)}」的人员，不是本案执法主体「${bodyName(ctx.bodies, body, date)}」的人员，不能${what}`,
        OFFICER_QUALIFICATION_SOURCE,
        { reason: "otherBody", officerBodyId: officer.bodyId, bodyId: body },
      ),
    );
  }
  if (actor.bodyId !== undefined && actor.bodyId !== officer.bodyId) {
    return err(
      fail(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}自称代表执法主体 ${actor.bodyId}，但数据库登记其属于「${bodyName(ctx.bodies, officer.bodyId, date)}」，不能${what}`,
        OFFICER_QUALIFICATION_SOURCE,
        { reason: "bodyClaimMismatch", claimedBodyId: actor.bodyId, officerBodyId: officer.bodyId },
      ),
    );
  }
  if (actor.certificateNumber !== undefined && actor.certificateNumber !== officer.certificateNumber) {
    return err(
      fail(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}出示的执法证号 ${actor.certificateNumber} 与数据库登记的 ${officer.certificateNumber} 不符，不能${what}`,
        OFFICER_QUALIFICATION_SOURCE,
        { reason: "certificateMismatch", claimed: actor.certificateNumber, registered: officer.certificateNumber },
      ),
    );
  }
  return ok(officer);
}

function inPost(actor: Actor, officer: Officer, what: string, source: RuleSource): Result<true, SanxiangError> {
  if (officer.status === "active") return ok(true);
  return err(
    fail(
      "OFFICER_NOT_QUALIFIED",
      actor,
      `${who(actor)}的登记状态为「${OFFICER_STATUS_LABELS[officer.status]}」，不在岗，不能${what}`,
      source,
      { reason: "statusNotActive", status: officer.status },
    ),
  );
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
  const registered = registeredOfficer(actor, scope, date, ctx, what);
  if (registered.isErr()) return err(registered.error);
  const officer = registered.value;
  switch (role) {
    case "officer": {
      const body = scopeBody(scope, date, ctx.bodies) ?? officer.bodyId;
      const may = ctx.bodies.mayAct(
        actor.id,
        { category: scope.category, regionCode: scope.regionCode, kind: "penalty", bodyId: body },
        date,
        ctx.officerPolicy,
      );
      if (may.isErr()) return err(may.error);
      if (scope.team !== undefined && !scope.team.includes(actor.id)) {
        return err(
          fail(
            "NOT_ON_CASE_TEAM",
            actor,
            `${who(actor)}不是本案承办人员（${scope.team.join("、")}），不能${what}：请由承办人员办理，或先变更承办人员`,
            OFFICER_QUALIFICATION_SOURCE,
            { team: [...scope.team] },
          ),
        );
      }
      return ok({ role, officer });
    }
    case "head": {
      const source = ranks?.source ?? HEAD_SOURCE;
      const post = inPost(actor, officer, what, source);
      if (post.isErr()) return err(post.error);
      const rank = officer.leadership;
      if (rank === undefined) {
        return err(
          fail(
            "ROLE_NOT_BACKED",
            actor,
            `${who(actor)}自称${ROLE_NAMES.head}，但数据库未登记其为「${bodyName(ctx.bodies, officer.bodyId, date)}」的负责人，不能${what}：请由登记在册的负责人办理`,
            source,
            { role, claimed: "head" },
          ),
        );
      }
      if (ranks !== undefined && !ranks.ranks.includes(rank)) {
        const allowed = ranks.ranks.map((r) => LEADERSHIP_LABELS[r]).join("或");
        return err(
          fail(
            "ROLE_NOT_BACKED",
            actor,
            `${who(actor)}登记为${LEADERSHIP_LABELS[rank]}，${what}须由${allowed}作出`,
            source,
            { role, leadership: rank, allowed: [...ranks.ranks] },
          ),
        );
      }
      return ok({ role, officer });
    }
    case "legalReviewer": {
      const post = inPost(actor, officer, what, REVIEWER_SOURCE);
      if (post.isErr()) return err(post.error);
      if (!officer.reviewer) {
        return err(
          fail(
            "ROLE_NOT_BACKED",
            actor,
            `${who(actor)}自称${ROLE_NAMES.legalReviewer}，但数据库未登记其为法制审核人员，不能${what}`,
            REVIEWER_SOURCE,
            { role, claimed: "legalReviewer" },
          ),
        );
      }
      return ok({ role, officer });
    }
    case "publisher":
    case "supervisor": {
      const post = inPost(actor, officer, what, OFFICER_QUALIFICATION_SOURCE);
      return post.isErr() ? err(post.error) : ok({ role, officer });
    }
  }
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
    const first = events[0];
    if (first === undefined) {
      return err(
        sanxiangError("COMMAND_NOT_ALLOWED", "案件尚未立案，不能登记证据：请先立案（case.file）", {
          details: { command: "evidence.attach" },
        }),
      );
    }
    const state = foldEvents(first.caseId, events);
    if (state.isErr()) return err(state.error);
    return checkCaseAuthority(state.value.context, { type: "evidence.attach" }, "evidence.record", civilDateOf(now), {
      ...ctx,
      actor,
    });
  };
}
