// Registry checks of the 双随机 inspection (issue 15 §3), mirroring enforcement/authority.ts for
// the ordinary procedure: who acts on an inspection case is in the bodies registry, of the
// task's body, in post, with a certificate valid that day for inspections of the task's
// category and place, and — for an officer — one of the inspectors drawn for the entity; a
// claimed head, reviewer or publisher is backed by the registry; the officers recorded as
// present at the inspection are each checked the same way. Refusals are coded and name the
// officer.
import { type Actor, authorize, DEFAULT_PERMISSION_POLICY, type Permission } from "../../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { formatSource, type RuleSource } from "../../kernel/source.js";
import type { CivilDate } from "../../kernel/time.js";
import { OFFICER_QUALIFICATION_SOURCE } from "../../registry/bodies/qualification.js";
import type { Officer } from "../../registry/bodies/schema.js";
import {
  type Authority,
  type AuthorityContext,
  type AuthorityScope,
  checkActingRole,
  registeredOfficer,
} from "../authority.js";
import { INSPECTION_SOURCES } from "./pools.js";

/**
 * 检查范围 — what an act on an inspection case is checked against: the task's body, category
 * and place, and the inspectors drawn for the entity (absent for the act that opens the case).
 */
export interface InspectionActScope {
  /** 执法主体 — the task's body. */
  readonly bodyId: string;
  /** 执法类别 of the task. */
  readonly category: string;
  /** Division code of the task's place. */
  readonly regionCode: string;
  /** 随机选派的检查人员 of the entity; absent when the case is being opened. */
  readonly drawn?: readonly string[];
}

const who = (id: string, name?: string): string => (name === undefined ? id : `${name}（${id}）`);
const basis = (source: RuleSource): string => `（依据：${formatSource(source)}）`;

/**
 * 检查人员资格 — one officer as an inspector of the task on `date`: in the registry that day
 * (`ACTOR_NOT_REGISTERED`, `details.reason` `notInRegistry`), of the task's body (`otherBody`),
 * in post with a certificate valid that day for inspections of the task's category and place
 * (registry `mayAct` with kind `inspection`: `OFFICER_NOT_QUALIFIED`, 行政处罚法 Art. 42
 * para. 1). Every refusal names the officer (`details.officerId`).
 */
export function checkInspector(
  officerId: string,
  scope: InspectionActScope,
  date: CivilDate,
  ctx: AuthorityContext,
  what: string,
): Result<Officer, SanxiangError> {
  const found = ctx.bodies.officer(officerId, date);
  if (found.isErr()) {
    return err(
      sanxiangError(
        "ACTOR_NOT_REGISTERED",
        `检查人员 ${officerId} 在 ${date} 不在执法主体及人员数据库中，不能${what}${basis(OFFICER_QUALIFICATION_SOURCE)}`,
        { source: OFFICER_QUALIFICATION_SOURCE, details: { officerId, reason: "notInRegistry", date } },
      ),
    );
  }
  const officer = found.value;
  if (officer.bodyId !== scope.bodyId) {
    return err(
      sanxiangError(
        "ACTOR_NOT_REGISTERED",
        `检查人员${who(officer.id, officer.name)}不是抽查任务执法主体 ${scope.bodyId} 的人员，不能${what}${basis(OFFICER_QUALIFICATION_SOURCE)}`,
        {
          source: OFFICER_QUALIFICATION_SOURCE,
          details: { officerId, reason: "otherBody", officerBodyId: officer.bodyId, bodyId: scope.bodyId },
        },
      ),
    );
  }
  const may = ctx.bodies.mayAct(
    officerId,
    { category: scope.category, regionCode: scope.regionCode, kind: "inspection", bodyId: scope.bodyId },
    date,
    ctx.officerPolicy,
  );
  if (may.isErr()) {
    const e = may.error;
    return err(
      sanxiangError(e.code, `检查人员${who(officer.id, officer.name)}不能${what}：${e.message}`, {
        ...(e.source === undefined ? {} : { source: e.source }),
        details: { ...e.details, officerId },
      }),
    );
  }
  return ok(officer);
}

/**
 * 检查授权核验 — may `actor` do `permission` on the inspection case in `scope` on `date`? The
 * permission table first (`PERMISSION_DENIED`), then each claimed role of the row against the
 * registry: an `officer` is registered with the task's body and qualified for the inspection
 * ({@link checkInspector}) and, once the case is open, one of the inspectors drawn for the
 * entity (`NOT_ON_CASE_TEAM`, 优化营商环境条例 Art. 54: 随机选派); a `head`, `legalReviewer`,
 * `publisher` or `supervisor` is backed as in the ordinary procedure (`checkActingRole`:
 * `ROLE_NOT_BACKED`, `ACTOR_NOT_REGISTERED`, `OFFICER_NOT_QUALIFIED`). The first role the
 * registry backs authorises the act; otherwise the refusal of the first claimed role.
 */
export function checkInspectionAuthority(
  actor: Actor,
  permission: Permission,
  scope: InspectionActScope,
  date: CivilDate,
  ctx: AuthorityContext,
): Result<Authority, SanxiangError> {
  const policy = ctx.permissions ?? DEFAULT_PERMISSION_POLICY;
  const allowed = authorize(actor, permission, policy);
  if (allowed.isErr()) return err(allowed.error);
  const rule = policy.rules[permission];
  const what = `${rule.description}（行政检查）`;
  const ordinary: AuthorityScope = { bodyId: scope.bodyId, category: scope.category, regionCode: scope.regionCode };
  let first: SanxiangError | undefined;
  for (const role of rule.roles.filter((r) => actor.roles.includes(r))) {
    const r =
      role === "officer"
        ? inspectorActing(actor, scope, ordinary, date, ctx, what)
        : checkActingRole(actor, role, ordinary, date, ctx, what);
    if (r.isOk()) return r;
    first ??= r.error;
  }
  return err(first ?? sanxiangError("PERMISSION_DENIED", `无权${rule.description}`));
}

function inspectorActing(
  actor: Actor,
  scope: InspectionActScope,
  ordinary: AuthorityScope,
  date: CivilDate,
  ctx: AuthorityContext,
  what: string,
): Result<Authority, SanxiangError> {
  // The actor's claims (body, certificate number) agree with the registry.
  const registered = registeredOfficer(actor, ordinary, date, ctx, what);
  if (registered.isErr()) return err(registered.error);
  const qualified = checkInspector(actor.id, scope, date, ctx, what);
  if (qualified.isErr()) return err(qualified.error);
  if (scope.drawn !== undefined && !scope.drawn.includes(actor.id)) {
    const source = INSPECTION_SOURCES.randomDraw;
    return err(
      sanxiangError(
        "NOT_ON_CASE_TEAM",
        `${who(actor.id, actor.name)}不是随机选派检查该市场主体的人员（${scope.drawn.join("、")}），不能${what}${basis(source)}`,
        { source, details: { actorId: actor.id, actorName: actor.name, team: [...scope.drawn] } },
      ),
    );
  }
  return ok({ role: "officer", officer: qualified.value });
}
