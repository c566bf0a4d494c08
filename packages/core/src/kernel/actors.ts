import { z } from "zod";
import { safeParse } from "./describe-value.js";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { IdSchema } from "./ports.js";
import { err, ok, type Result } from "./result.js";
import { formatSource, type RuleSource, RuleSourceSchema } from "./source.js";

/**
 * 角色 — what a person (or the platform itself) may act as. One person can hold several
 * roles; the pilot plan assigns duties by unit and leader (沙坡头区司法局三项制度试点工作方案 二:
 * 责任科室 and 责任领导 for each task), so roles are
 * data on the actor, not types of user.
 */
export const RoleSchema = z.enum(["officer", "legalReviewer", "head", "publisher", "supervisor", "system"]);
/** 角色 — a role (see {@link RoleSchema}). */
export type Role = z.infer<typeof RoleSchema>;

/** The Chinese name of each {@link Role}, as officers read it in messages and documents. */
export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  officer: "执法人员",
  legalReviewer: "法制审核人员",
  head: "机关负责人",
  publisher: "公示发布人员",
  supervisor: "执法监督人员",
  system: "系统",
};

/**
 * 执法主体人员 — who issues a command: a person of the bureau, or the platform itself
 * (role `system`, for scheduled jobs). `roles` is never empty. The platform authenticates
 * the person (login, certificate, signature); the roles here are a claim, which the SDK
 * checks against the bodies-and-officers registry before an act on a case.
 */
export const ActorSchema = z
  .object({
    /** Identifier in the bureau's officer registry (or of the system job). */
    id: IdSchema,
    /** Name as shown in documents and the audit log. */
    name: z.string().trim().min(1),
    /** The roles held; at least one. */
    roles: z.array(RoleSchema).min(1).readonly(),
    /** 执法主体 — the enforcement body the actor acts for, when there is one. */
    bodyId: IdSchema.optional(),
    /** 执法证号 — enforcement certificate number, for officers who hold one. */
    certificateNumber: z.string().trim().min(1).optional(),
  })
  .readonly();
/** 执法主体人员 — an actor (see {@link ActorSchema}). */
export type Actor = z.infer<typeof ActorSchema>;

/** Parses an actor, or the coded error `ACTOR_INVALID` with the failing fields. */
export function parseActor(value: unknown): Result<Actor, SanxiangError> {
  const parsed = safeParse(ActorSchema, value);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  return err(
    sanxiangError("ACTOR_INVALID", `执法主体身份无效：${issues.map((i) => i.path || "(根)").join("、")}`, {
      details: { issues },
    }),
  );
}

/** True when `actor` holds `role`. */
export function hasRole(actor: Actor, role: Role): boolean {
  return actor.roles.includes(role);
}

/**
 * One row of the permission table: who may do it, what it is in Chinese, and the rule that
 * says so (where one does).
 */
export const PermissionRuleSchema = z
  .object({
    /** Any one of these roles permits the command. */
    roles: z.array(RoleSchema).min(1).readonly(),
    /** What the permission is, in Chinese (used in refusals). */
    description: z.string().min(1),
    /** The law or plan that assigns the duty to these roles. */
    source: RuleSourceSchema.optional(),
  })
  .readonly();
/** One row of the permission table (see {@link PermissionRuleSchema}). */
export type PermissionRule = z.infer<typeof PermissionRuleSchema>;

const penaltyLaw = (article: number, paragraph?: number): RuleSource => ({
  law: "行政处罚法",
  article,
  ...(paragraph === undefined ? {} : { paragraph }),
  confidence: "C-law",
});

const pilotPlan = (section: string): RuleSource => ({
  law: "沙坡头区司法局三项制度试点工作方案",
  section,
  confidence: "C-local",
});

/**
 * 权限 — every permission name, in table order: one per command the bureau accepts
 * (case, evidence, review, disclosure, supervision, system jobs).
 */
export const PERMISSIONS = [
  "case.file",
  "case.investigate",
  "case.preserveEvidence",
  "case.notify",
  "case.decide",
  "case.decideOnSpot",
  "case.discussCollectively",
  "case.transfer",
  "case.serve",
  "case.execute",
  "case.close",
  "case.archive",
  "evidence.record",
  "review.submit",
  "review.assign",
  "review.conclude",
  "review.escalate",
  "disclosure.draft",
  "disclosure.approve",
  "disclosure.publish",
  "disclosure.correct",
  "disclosure.withdraw",
  "supervision.read",
  "supervision.warn",
  "system.runJobs",
] as const;

/** 权限 — the name of a permission (one of {@link PERMISSIONS}). A misspelt name does not compile. */
export type Permission = (typeof PERMISSIONS)[number];

/**
 * 权限表 — the default permission table, as data: permission → the roles allowed, a
 * Chinese description and the source. Bureaus change rows with
 * {@link definePermissionPolicy}, never by editing this table. Role checks are only the
 * first gate: a claimed role is then checked against the bodies-and-officers registry (the
 * enforcement layer's `checkAuthority`: registered with the case's body, in post, certified,
 * on the case's team, a head or reviewer of record), and qualifications (two officers,
 * reviewer's 法律职业资格, a presiding officer who did not investigate) by the procedures.
 */
export const DEFAULT_PERMISSIONS: Readonly<Record<Permission, PermissionRule>> = {
  "case.file": { roles: ["officer"], description: "立案", source: penaltyLaw(54, 2) },
  "case.investigate": { roles: ["officer"], description: "调查取证", source: penaltyLaw(42, 1) },
  "case.preserveEvidence": { roles: ["head"], description: "批准先行登记保存证据", source: penaltyLaw(56) },
  "case.notify": { roles: ["officer"], description: "告知拟作出的行政处罚及当事人权利", source: penaltyLaw(44) },
  "case.decide": { roles: ["head"], description: "作出行政处罚决定", source: penaltyLaw(57, 1) },
  "case.decideOnSpot": { roles: ["officer"], description: "当场作出行政处罚决定（简易程序）", source: penaltyLaw(52) },
  "case.discussCollectively": { roles: ["head"], description: "集体讨论决定", source: penaltyLaw(57, 2) },
  "case.transfer": {
    roles: ["head"],
    description: "批准移送涉嫌犯罪案件",
    // Only the 正职负责人 or the 主持工作的负责人 (Art. 5 paras. 1–2): the rank is checked
    // against the registry by the enforcement layer's authority check.
    source: { law: "行政执法机关移送涉嫌犯罪案件的规定", article: 5, paragraph: 2, confidence: "C-law" },
  },
  "case.serve": { roles: ["officer"], description: "送达行政处罚决定书", source: penaltyLaw(61) },
  "case.execute": { roles: ["officer"], description: "执行行政处罚决定" },
  "case.close": { roles: ["head"], description: "批准结案" },
  "case.archive": { roles: ["officer"], description: "立卷归档", source: penaltyLaw(47) },
  "evidence.record": { roles: ["officer", "system"], description: "记录执法过程、上传证据", source: penaltyLaw(47) },
  "review.submit": { roles: ["officer"], description: "提交法制审核", source: penaltyLaw(58, 1) },
  "review.assign": { roles: ["legalReviewer", "head"], description: "指定法制审核人员" },
  "review.conclude": { roles: ["legalReviewer"], description: "出具法制审核意见", source: penaltyLaw(58) },
  "review.escalate": {
    roles: ["legalReviewer"],
    description: "提交法律顾问室审核",
    source: pilotPlan("二（三）（3）"),
  },
  "disclosure.draft": {
    roles: ["officer", "publisher"],
    description: "拟定公示信息",
    source: pilotPlan("二（一）（2）"),
  },
  "disclosure.approve": { roles: ["head"], description: "签字审定拟公示信息", source: pilotPlan("二（一）（2）") },
  "disclosure.publish": { roles: ["publisher"], description: "上传发布公示信息", source: pilotPlan("二（一）（2）") },
  "disclosure.correct": { roles: ["publisher"], description: "更正已公示信息", source: pilotPlan("二（一）（1）") },
  "disclosure.withdraw": { roles: ["publisher"], description: "撤回已公示的处罚决定信息", source: penaltyLaw(48, 2) },
  "supervision.read": { roles: ["supervisor", "head"], description: "查阅执法监督信息" },
  "supervision.warn": { roles: ["supervisor"], description: "发出执法监督预警" },
  "system.runJobs": { roles: ["system"], description: "运行定时任务（期限扫描、预警生成）" },
};

/** zod schema of a {@link Permission} (for names arriving from configuration or APIs). */
export const PermissionSchema = z.enum(PERMISSIONS);

/** A bureau's change to one row: new roles, and optionally its own wording and source. */
export const PermissionOverrideSchema = z
  .object({
    /** The roles that replace the default ones; at least one. */
    roles: z.array(RoleSchema).min(1).readonly(),
    /** Replaces the default description. */
    description: z.string().min(1).optional(),
    /** The bureau's own rule for the change (its 实施办法, a leadership decision…). */
    source: RuleSourceSchema.optional(),
  })
  .strict()
  .readonly();
/** A bureau's change to one row (see {@link PermissionOverrideSchema}). */
export type PermissionOverride = z.infer<typeof PermissionOverrideSchema>;

/**
 * The configuration a bureau gives {@link definePermissionPolicy}: rows to change, by
 * permission name. Unknown permissions or roles fail the schema.
 */
export const PermissionOverridesSchema = z.partialRecord(PermissionSchema, PermissionOverrideSchema);
/** Rows to change (see {@link PermissionOverridesSchema}). */
export type PermissionOverrides = z.infer<typeof PermissionOverridesSchema>;

/** A row of an effective policy: the rule plus whether the bureau changed it. */
export interface EffectivePermissionRule extends PermissionRule {
  /** True when the row comes from the bureau's overrides rather than the default table. */
  readonly overridden: boolean;
}

/** 权限策略 — the effective permission table of a bureau: the defaults with its overrides. */
export interface PermissionPolicy {
  /** Every permission's effective rule. */
  readonly rules: Readonly<Record<Permission, EffectivePermissionRule>>;
}

/**
 * Builds a bureau's permission policy: the default table with `overrides` applied. An
 * override replaces a row's roles; its description and source replace the default ones
 * when given (otherwise the default wording and source stay, and the row is marked
 * `overridden`). Configuration is checked here, once: an unknown permission or role, or
 * an empty role list, throws a `SanxiangError` with code `INVALID_INPUT` — use
 * {@link PermissionOverridesSchema} first when the overrides come from a file.
 */
export function definePermissionPolicy(overrides: PermissionOverrides = {}): PermissionPolicy {
  const parsed = PermissionOverridesSchema.safeParse(overrides);
  if (!parsed.success) {
    throw sanxiangError("INVALID_INPUT", `权限配置无效：${z.prettifyError(parsed.error)}`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })) },
    });
  }
  const rules = {} as Record<Permission, EffectivePermissionRule>;
  for (const permission of PERMISSIONS) {
    const base: PermissionRule = DEFAULT_PERMISSIONS[permission];
    const change = parsed.data[permission];
    if (change === undefined) {
      rules[permission] = { ...base, overridden: false };
      continue;
    }
    const source = change.source ?? base.source;
    rules[permission] = {
      roles: change.roles,
      description: change.description ?? base.description,
      ...(source === undefined ? {} : { source }),
      overridden: true,
    };
  }
  return { rules };
}

/** The policy of the default table, with no overrides. */
export const DEFAULT_PERMISSION_POLICY: PermissionPolicy = definePermissionPolicy();

const roleList = (roles: readonly Role[], joiner: string): string => roles.map((r) => ROLE_NAMES[r]).join(joiner);

/**
 * 授权 — may `actor` do `permission` under `policy`? `ok` when the actor holds any of the
 * row's roles; otherwise the coded error `PERMISSION_DENIED`, whose message names the
 * roles required and whose `source` is the row's legal source.
 *
 * An unknown permission name is a programmer error (the {@link Permission} type rules it
 * out), so it throws rather than returning a code; either way nothing is permitted.
 */
export function authorize(
  actor: Actor,
  permission: Permission,
  policy: PermissionPolicy = DEFAULT_PERMISSION_POLICY,
): Result<void, SanxiangError> {
  const rule = (policy.rules as Partial<Record<string, EffectivePermissionRule>>)[permission];
  if (rule === undefined) throw new Error(`authorize: unknown permission ${JSON.stringify(permission)}`);
  if (rule.roles.some((r) => actor.roles.includes(r))) return ok(undefined);
  const basis = rule.source === undefined ? "" : `（依据：${formatSource(rule.source)}）`;
  const held = actor.roles.length === 0 ? "无角色" : roleList(actor.roles, "、");
  return err(
    sanxiangError(
      "PERMISSION_DENIED",
      `无权${rule.description}：须由${roleList(rule.roles, "或")}执行，${actor.name}的身份为${held}${basis}`,
      {
        ...(rule.source === undefined ? {} : { source: rule.source }),
        details: {
          permission,
          actorId: actor.id,
          actorRoles: [...actor.roles],
          requiredRoles: [...rule.roles],
          overridden: rule.overridden,
        },
      },
    ),
  );
}

/** Every permission `actor` holds under `policy`, in table order (for menus and checks). */
export function permissionsOf(actor: Actor, policy: PermissionPolicy = DEFAULT_PERMISSION_POLICY): Permission[] {
  return PERMISSIONS.filter((p) => policy.rules[p].roles.some((r) => actor.roles.includes(r)));
}
