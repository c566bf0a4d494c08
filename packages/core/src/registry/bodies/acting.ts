// 身份核验 on the registry's facts — the one registry-check module of the SDK: is the acting
// person registered with the body, in post, on the team, and does the registry back the role
// they claim (a head of the rank the act needs)? Used by the legal review and disclosure
// workflows directly, and by the ordinary procedure (enforcement/authority.ts), which adds the
// certificate scope of an officer's act, and its collective discussion (enforcement/discussion.ts).
import { type Actor, ROLE_NAMES } from "../../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { formatSource, type RuleSource } from "../../kernel/source.js";
import type { CivilDate } from "../../kernel/time.js";
import { OFFICER_QUALIFICATION_SOURCE } from "./qualification.js";
import type { BodiesRegistry } from "./registry.js";
import { LEADERSHIP_LABELS, type Leadership, OFFICER_STATUS_LABELS, type Officer } from "./schema.js";

/** The coded refusals of a claim the registry does not back. */
export type ActingRefusalCode =
  | "ACTOR_NOT_REGISTERED"
  | "ROLE_NOT_BACKED"
  | "NOT_ON_CASE_TEAM"
  | "OFFICER_NOT_QUALIFIED";

/**
 * 履职范围 — what an act is checked against: the body it is done for (执法主体 / 公示主体) and,
 * for acts of a case's handling officers, the case's team (承办人员).
 */
export interface ActingScope {
  /** The body; absent: the body of the team's first registered officer, else the actor's own. */
  readonly bodyId?: string | undefined;
  /** 承办人员 — when given, an `officer` act must come from it. */
  readonly team?: readonly string[] | undefined;
}

/** The roles {@link checkBackedRole} checks (the platform's `system` needs no registry entry). */
export type BackedRole = "officer" | "head" | "legalReviewer" | "publisher" | "supervisor";

/** A head rank requirement: the ranks of {@link Leadership} allowed, and the rule that says so. */
export interface HeadRankRule {
  /** The ranks allowed. */
  readonly ranks: readonly Leadership[];
  /** The rule. */
  readonly source: RuleSource;
}

/** 负责人 — decisions of the body are its head's (行政处罚法 Art. 57 para. 1). */
export const HEAD_ROLE_SOURCE: RuleSource = { law: "行政处罚法", article: 57, paragraph: 1, confidence: "C-law" };
/** 法制审核人员 — the review is done by the body's legal-review staff (行政处罚法 Art. 58). */
export const REVIEWER_ROLE_SOURCE: RuleSource = { law: "行政处罚法", article: 58, paragraph: 2, confidence: "C-law" };

const who = (actor: Actor): string => `${actor.name}（${actor.id}）`;

function refusal(
  code: ActingRefusalCode,
  actor: Actor,
  message: string,
  source: RuleSource,
  details: Record<string, unknown>,
): SanxiangError {
  return sanxiangError(code, `${message}（依据：${formatSource(source)}）`, {
    source,
    details: { actorId: actor.id, actorName: actor.name, ...details },
  });
}

function bodyName(bodies: BodiesRegistry, id: string, date: CivilDate): string {
  const b = bodies.body(id, date);
  return b.isOk() ? b.value.name : id;
}

/**
 * The body the scope acts for: named, else that of the team's first registered officer — on
 * the day, or in any version (a team whose records all ended still belongs to its body: the
 * scope never falls back to the actor's own body when it has a team). `undefined` when
 * neither says.
 */
export function actingBody(scope: ActingScope, date: CivilDate, bodies: BodiesRegistry): string | undefined {
  if (scope.bodyId !== undefined) return scope.bodyId;
  for (const id of scope.team ?? []) {
    const o = bodies.officer(id, date);
    if (o.isOk()) return o.value.bodyId;
  }
  for (const id of scope.team ?? []) {
    const listed = bodies.data.officers.find((o) => o.id === id);
    if (listed !== undefined) return listed.bodyId;
  }
  return undefined;
}

/**
 * 登记核验 — the actor's registry record in force on `date`, of the scope's body, agreeing
 * with what the actor claims (body, certificate number), else `ACTOR_NOT_REGISTERED` naming
 * the officer (`details.reason`: `notInRegistry`, `otherBody`, `bodyClaimMismatch`,
 * `certificateMismatch`). `what` says the act, in Chinese, for the message.
 */
export function registeredActor(
  actor: Actor,
  scope: ActingScope,
  date: CivilDate,
  bodies: BodiesRegistry,
  what: string,
): Result<Officer, SanxiangError> {
  const source = OFFICER_QUALIFICATION_SOURCE;
  const found = bodies.officer(actor.id, date);
  if (found.isErr()) {
    return err(
      refusal(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}在 ${date} 不在执法主体及人员数据库中，不能${what}：请先在数据库登记该人员，或由本机关登记在册的人员办理`,
        source,
        { reason: "notInRegistry", date },
      ),
    );
  }
  const officer = found.value;
  const body = actingBody(scope, date, bodies) ?? officer.bodyId;
  if (officer.bodyId !== body) {
    return err(
      refusal(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}是「${bodyName(bodies, officer.bodyId, date)}」的人员，不是执法主体「${bodyName(bodies, body, date)}」的人员，不能${what}`,
        source,
        { reason: "otherBody", officerBodyId: officer.bodyId, bodyId: body },
      ),
    );
  }
  if (actor.bodyId !== undefined && actor.bodyId !== officer.bodyId) {
    return err(
      refusal(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}自称代表执法主体 ${actor.bodyId}，但数据库登记其属于「${bodyName(bodies, officer.bodyId, date)}」，不能${what}`,
        source,
        { reason: "bodyClaimMismatch", claimedBodyId: actor.bodyId, officerBodyId: officer.bodyId },
      ),
    );
  }
  if (actor.certificateNumber !== undefined && actor.certificateNumber !== officer.certificateNumber) {
    return err(
      refusal(
        "ACTOR_NOT_REGISTERED",
        actor,
        `${who(actor)}出示的执法证号 ${actor.certificateNumber} 与数据库登记的 ${officer.certificateNumber} 不符，不能${what}`,
        source,
        { reason: "certificateMismatch", claimed: actor.certificateNumber, registered: officer.certificateNumber },
      ),
    );
  }
  return ok(officer);
}

/** 在岗 — `OFFICER_NOT_QUALIFIED` (`details.reason: "statusNotActive"`) unless the record is active. */
export function officerInPost(
  actor: Actor,
  officer: Officer,
  what: string,
  source: RuleSource,
): Result<true, SanxiangError> {
  if (officer.status === "active") return ok(true);
  return err(
    refusal(
      "OFFICER_NOT_QUALIFIED",
      actor,
      `${who(actor)}的登记状态为「${OFFICER_STATUS_LABELS[officer.status]}」，不在岗，不能${what}`,
      source,
      { reason: "statusNotActive", status: officer.status },
    ),
  );
}

/**
 * 承办人员核验 — `NOT_ON_CASE_TEAM` naming the officer and the team unless the actor is on
 * `team` (no team: nothing to check, e.g. the act that opens the case).
 */
export function onCaseTeam(
  actor: Actor,
  team: readonly string[] | undefined,
  what: string,
  source: RuleSource,
): Result<true, SanxiangError> {
  if (team === undefined || team.includes(actor.id)) return ok(true);
  return err(
    refusal(
      "NOT_ON_CASE_TEAM",
      actor,
      `${who(actor)}不是本案承办人员（${team.join("、")}），不能${what}：请由承办人员办理，或先变更承办人员`,
      source,
      { team: [...team] },
    ),
  );
}

/**
 * 负责人核验 — `officer` (the actor's record) is a head of its body (`leadership`), of one of
 * `ranks` when the act needs particular heads, else `ROLE_NOT_BACKED` citing `source`.
 */
function backedHead(
  actor: Actor,
  officer: Officer,
  date: CivilDate,
  bodies: BodiesRegistry,
  what: string,
  source: RuleSource,
  ranks: HeadRankRule | undefined,
): Result<Officer, SanxiangError> {
  const rank = officer.leadership;
  if (rank === undefined) {
    return err(
      refusal(
        "ROLE_NOT_BACKED",
        actor,
        `${who(actor)}自称${ROLE_NAMES.head}，但数据库未登记其为「${bodyName(bodies, officer.bodyId, date)}」的负责人，不能${what}：请由登记在册的负责人办理`,
        source,
        { role: "head", claimed: "head" },
      ),
    );
  }
  if (ranks !== undefined && !ranks.ranks.includes(rank)) {
    const allowed = ranks.ranks.map((r) => LEADERSHIP_LABELS[r]).join("或");
    return err(
      refusal(
        "ROLE_NOT_BACKED",
        actor,
        `${who(actor)}登记为${LEADERSHIP_LABELS[rank]}，${what}须由${allowed}作出`,
        source,
        {
          role: "head",
          leadership: rank,
          allowed: [...ranks.ranks],
        },
      ),
    );
  }
  return ok(officer);
}

/**
 * 所称身份核验 — does the registry back `role` for `actor` acting in `scope` on `date`?
 * Every role: registered with the scope's body that day ({@link registeredActor}) and in
 * post ({@link officerInPost}). Then:
 * - `officer` (执法人员): on the scope's team when it has one ({@link onCaseTeam});
 * - `head` (负责人): a head of the body in the registry (`leadership`), of one of `ranks`
 *   when given (e.g. the 正职负责人 or 主持工作的负责人 for a transfer), else `ROLE_NOT_BACKED`;
 * - `legalReviewer` (法制审核人员): registered as legal-review staff, else `ROLE_NOT_BACKED`;
 * - `publisher`, `supervisor`: nothing more (the registry records no further duty).
 * `source` is the rule the message cites for the role (default: `ranks.source` or Art. 57
 * for heads, Art. 58 for reviewers, Art. 42 otherwise).
 */
export function checkBackedRole(
  actor: Actor,
  role: BackedRole,
  scope: ActingScope,
  date: CivilDate,
  bodies: BodiesRegistry,
  what: string,
  source?: RuleSource,
  ranks?: HeadRankRule,
): Result<Officer, SanxiangError> {
  const registered = registeredActor(actor, scope, date, bodies, what);
  if (registered.isErr()) return err(registered.error);
  const officer = registered.value;
  const rule =
    source ??
    (role === "head"
      ? (ranks?.source ?? HEAD_ROLE_SOURCE)
      : role === "legalReviewer"
        ? REVIEWER_ROLE_SOURCE
        : OFFICER_QUALIFICATION_SOURCE);
  const post = officerInPost(actor, officer, what, rule);
  if (post.isErr()) return err(post.error);
  switch (role) {
    case "officer": {
      const team = onCaseTeam(actor, scope.team, what, rule);
      return team.isErr() ? err(team.error) : ok(officer);
    }
    case "head":
      return backedHead(actor, officer, date, bodies, what, rule, ranks);
    case "legalReviewer":
      if (!officer.reviewer) {
        return err(
          refusal(
            "ROLE_NOT_BACKED",
            actor,
            `${who(actor)}自称${ROLE_NAMES.legalReviewer}，但数据库未登记其为「${bodyName(bodies, officer.bodyId, date)}」的法制审核人员，不能${what}`,
            rule,
            { role, claimed: "legalReviewer" },
          ),
        );
      }
      return ok(officer);
    case "publisher":
    case "supervisor":
      return ok(officer);
  }
}

/**
 * 在岗负责人 — the heads (`leadership`) of `bodyId` in the registry on `date` who are in post
 * (`active`): 正职, 主持工作 and 副职 alike, as the registry records them.
 */
export function headsInPost(bodyId: string, date: CivilDate, bodies: BodiesRegistry): readonly Officer[] {
  return bodies.officersOf(bodyId, date).filter((o) => o.leadership !== undefined && o.status === "active");
}

/**
 * 参加人员核验 — every one of `participants` (officer ids; each checked once) is a head of
 * `bodyId` registered and in post on `date` ({@link checkBackedRole} with the `head` role,
 * citing `source`): the first who is not is refused by name — `ACTOR_NOT_REGISTERED`
 * (unknown, or of another body), `OFFICER_NOT_QUALIFIED` (not in post) or `ROLE_NOT_BACKED`
 * (not a head) — with `details.participant` and `details.heads` (the body's heads in post).
 * `Ok` with their records, in the order first named.
 */
export function checkHeadParticipants(
  participants: readonly string[],
  bodyId: string,
  date: CivilDate,
  bodies: BodiesRegistry,
  what: string,
  source: RuleSource,
): Result<readonly Officer[], SanxiangError> {
  const out: Officer[] = [];
  for (const id of new Set(participants)) {
    // The participant as a person claiming the head's place; named as the registry knows them.
    const name = bodies.data.officers.find((o) => o.id === id)?.name ?? id;
    const r = checkBackedRole({ id, name, roles: ["head"] }, "head", { bodyId }, date, bodies, what, source);
    if (r.isErr()) {
      const heads = headsInPost(bodyId, date, bodies).map((o) => `${o.name}（${o.id}）`);
      return err(
        sanxiangError(
          r.error.code,
          `${r.error.message}；本机关在岗负责人为：${heads.length === 0 ? "（数据库未登记）" : heads.join("、")}`,
          { source, details: { ...r.error.details, participant: id, heads } },
        ),
      );
    }
    out.push(r.value);
  }
  return ok(out);
}

/**
 * 授权身份 — the first of the `roles` the actor claims that the registry backs
 * ({@link checkBackedRole}); `system` is backed without a record (the platform's own jobs,
 * authenticated by the platform). When none is backed, the refusal of the first claimed one.
 * The roles are those of the act's permission row, already checked by kernel `authorize`.
 */
export function checkClaimedRoles(
  actor: Actor,
  roles: readonly (BackedRole | "system")[],
  scope: ActingScope,
  date: CivilDate,
  bodies: BodiesRegistry,
  what: string,
  source?: (role: BackedRole) => RuleSource | undefined,
): Result<{ readonly role: BackedRole | "system"; readonly officer?: Officer }, SanxiangError> {
  let first: SanxiangError | undefined;
  for (const role of roles) {
    if (!actor.roles.includes(role)) continue;
    if (role === "system") return ok({ role });
    const r = checkBackedRole(actor, role, scope, date, bodies, what, source?.(role));
    if (r.isOk()) return ok({ role, officer: r.value });
    first ??= r.error;
  }
  return err(
    first ??
      sanxiangError("PERMISSION_DENIED", `${who(actor)}无权${what}`, {
        details: { actorId: actor.id, roles: [...actor.roles], allowed: [...roles] },
      }),
  );
}
