import { z } from "zod";
import { IdSchema } from "../../kernel/ports.js";
import { RuleSourceSchema } from "../../kernel/source.js";
import { CivilDateSchema } from "../../kernel/time.js";
import { EffectiveSchema } from "../versions.js";
import { ListTextSchema, TextSchema } from "./cells.js";

/**
 * 行政区划代码 — a six-digit division code (GB/T 2260): `640000` a province, `640500` a
 * prefecture-level city, `640502` a county-level district.
 */
export const DivisionCodeSchema = z
  .string()
  .regex(/^\d{6}$/, { message: "行政区划代码应为六位数字" })
  .refine((s) => !s.startsWith("00"), { message: "行政区划代码无效" });
/** 行政区划代码 (see {@link DivisionCodeSchema}). */
export type DivisionCode = z.infer<typeof DivisionCodeSchema>;

/**
 * 执法主体类别 — who may enforce: an administrative agency (行政机关), an organisation
 * authorised by law or regulation (法律法规授权组织, 行政处罚法 Art. 19), or an organisation
 * entrusted in writing by an agency (受委托组织, Arts. 20–21), which acts in the
 * entrusting agency's name.
 */
export const BodyKindSchema = z.enum(["agency", "authorised", "entrusted"]);
/** 执法主体类别 (see {@link BodyKindSchema}). */
export type BodyKind = z.infer<typeof BodyKindSchema>;

/** 执法主体类别名称 — Chinese label of each {@link BodyKind}. */
export const BODY_KIND_LABELS: Readonly<Record<BodyKind, string>> = {
  agency: "行政机关",
  authorised: "法律法规授权组织",
  entrusted: "受委托组织",
};

/**
 * 执法主体 — one version of an enforcement body: its kind, the legal basis of its
 * authority, its region, the superior or entrusting agency, and its enforcement categories
 * (执法类别). A 受委托组织 must name its entrusting agency (`parentId`).
 */
export const BodySchema = EffectiveSchema.extend({
  /** Stable identifier of the body across versions. */
  id: IdSchema,
  /** Full name, e.g. `中卫市沙坡头区司法局`. */
  name: TextSchema,
  /** 主体类别. */
  kind: BodyKindSchema,
  /** 职权依据 — the articles that give the body its authority. */
  authority: z.array(RuleSourceSchema).min(1),
  /** 行政区划 — the division the body serves. */
  regionCode: DivisionCodeSchema,
  /** 上级机关或委托机关 — the superior agency; for a 受委托组织 the entrusting agency. */
  parentId: IdSchema.optional(),
  /** 执法类别 — the enforcement categories the body holds, e.g. `律师管理`. */
  categories: z.array(ListTextSchema).min(1),
  /** 办公地址. */
  address: TextSchema.optional(),
  /** 联系电话. */
  phone: TextSchema.optional(),
})
  .superRefine((b, ctx) => {
    if (b.kind === "entrusted" && b.parentId === undefined) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "受委托组织应当载明委托机关（行政处罚法第二十条）" });
    }
    if (b.parentId !== undefined && b.parentId === b.id) {
      ctx.addIssue({ code: "custom", path: ["parentId"], message: "上级或委托机关不能是其本身" });
    }
  })
  .readonly();
/** 执法主体 (see {@link BodySchema}). */
export type Body = z.infer<typeof BodySchema>;
/** What {@link BodySchema} accepts. */
export type BodyInput = z.input<typeof BodySchema>;

/**
 * 执法证状态 — status of an officer's certificate and post: 在岗 (may act), 暂扣
 * (suspended), 注销 (cancelled, e.g. on leaving the post), 挂失 (reported lost, void
 * until reissued), 离岗 (away from enforcement work).
 */
export const OfficerStatusSchema = z.enum(["active", "suspended", "revoked", "lost", "away"]);
/** 执法证状态 (see {@link OfficerStatusSchema}). */
export type OfficerStatus = z.infer<typeof OfficerStatusSchema>;

/** 执法证状态名称 — Chinese label of each {@link OfficerStatus}. */
export const OFFICER_STATUS_LABELS: Readonly<Record<OfficerStatus, string>> = {
  active: "在岗",
  suspended: "暂扣",
  revoked: "注销",
  lost: "挂失",
  away: "离岗",
};

/**
 * 负责人职务 — an officer's place among the heads (负责人) of their body: the 正职负责人
 * (`principal`), the 主持工作的负责人 (`presiding`: a head designated to preside over the
 * body's work, typically while the principal post is vacant) and a 副职负责人 (`deputy`).
 * An officer without one is not a head: a claimed `head` role is checked against it
 * (行政处罚法 Art. 57: decisions by the 行政机关负责人; 行政执法机关移送涉嫌犯罪案件的规定
 * Art. 5: the transfer approved by the 正职负责人 or the 主持工作的负责人).
 */
export const LeadershipSchema = z.enum(["principal", "presiding", "deputy"]);
/** 负责人职务 (see {@link LeadershipSchema}). */
export type Leadership = z.infer<typeof LeadershipSchema>;

/** 负责人职务名称 — Chinese label of each {@link Leadership}. */
export const LEADERSHIP_LABELS: Readonly<Record<Leadership, string>> = {
  principal: "正职负责人",
  presiding: "主持工作的负责人",
  deputy: "副职负责人",
};

/**
 * 执法人员 — one version of an officer: body, certificate (number, issuer, scope, validity),
 * status, and for legal reviewers (法制审核人员) the legal professional qualification
 * (法律职业资格). A status change is a new version with its own effective date.
 * `validUntil` is the last day the certificate is valid (inclusive).
 */
export const OfficerSchema = EffectiveSchema.extend({
  /** Stable identifier of the officer across versions. */
  id: IdSchema,
  /** 姓名. */
  name: TextSchema,
  /** 所属执法主体. */
  bodyId: IdSchema,
  /** 执法证号 — checked against the issuer's number pattern when the registry is built. */
  certificateNumber: z.string().trim().min(1).max(64),
  /** 发证机关 — an issuer of the registry. */
  issuerId: IdSchema,
  /** 执法类别 — the categories the certificate covers. */
  categories: z.array(ListTextSchema).min(1),
  /** 执法区域 — the divisions the certificate covers (a city or province code covers its parts). */
  regions: z.array(DivisionCodeSchema).min(1),
  /** 证件有效期起. */
  validFrom: CivilDateSchema,
  /** 证件有效期至 — last valid day. */
  validUntil: CivilDateSchema,
  /** 状态. */
  status: OfficerStatusSchema,
  /** 职务 — as shown on hall display boards (沙坡头区司法局三项制度试点工作方案 二（一）（6）). */
  post: TextSchema.optional(),
  /** 所在科室. */
  unit: TextSchema.optional(),
  /** 法制审核人员 — the officer does legal review of major decisions. */
  reviewer: z.boolean().default(false),
  /** 从事法制审核起始日 — when the officer first did legal review. */
  reviewerSince: CivilDateSchema.optional(),
  /** 法律职业资格证书编号 — present when the officer holds the qualification (行政处罚法 Art. 58 para. 2). */
  legalQualification: TextSchema.optional(),
  /** 负责人职务 — present when the officer is a head of the body (see {@link LeadershipSchema}). */
  leadership: LeadershipSchema.optional(),
})
  .superRefine((o, ctx) => {
    if (o.validUntil < o.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validUntil"], message: "证件有效期至早于有效期起" });
    }
    if (o.reviewerSince !== undefined && !o.reviewer) {
      ctx.addIssue({ code: "custom", path: ["reviewerSince"], message: "非法制审核人员不应填写从事法制审核起始日" });
    }
  })
  .readonly();
/** 执法人员 (see {@link OfficerSchema}). */
export type Officer = z.infer<typeof OfficerSchema>;
/** What {@link OfficerSchema} accepts (`reviewer` defaults to false). */
export type OfficerInput = z.input<typeof OfficerSchema>;

/**
 * 发证机关 — an issuer of enforcement certificates and its number pattern. No national
 * format exists (provinces print their own certificates, [VAR]): each issuer's `pattern` is a regular expression
 * (JavaScript syntax, `u` flag) that a whole certificate number must match.
 */
export const CertificateIssuerSchema = z
  .object({
    /** Identifier of the issuer. */
    id: IdSchema,
    /** 发证机关名称, e.g. `宁夏回族自治区人民政府`. */
    name: TextSchema,
    /** 证号格式 — regular expression matched against the whole number. */
    pattern: z.string().min(1).refine(compiles, { message: "证号格式不是有效的正则表达式" }),
    /** 备注. */
    note: TextSchema.optional(),
  })
  .readonly();
/** 发证机关 (see {@link CertificateIssuerSchema}). */
export type CertificateIssuer = z.infer<typeof CertificateIssuerSchema>;

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

/** True when `number` matches the issuer's pattern as a whole. */
export function certificateMatches(issuer: CertificateIssuer, number: string): boolean {
  return new RegExp(`^(?:${issuer.pattern})$`, "u").test(number);
}

/**
 * 培训记录 — one training session of an officer: date, course and hours (学时, in halves).
 */
export const TrainingRecordSchema = z
  .object({
    /** The officer trained. */
    officerId: IdSchema,
    /** 培训日期. */
    date: CivilDateSchema,
    /** 培训内容. */
    course: TextSchema,
    /** 学时 — hours, in steps of 0.5. */
    hours: z.number().positive().max(1000).multipleOf(0.5),
    /** 主办单位. */
    organiser: TextSchema.optional(),
  })
  .readonly();
/** 培训记录 (see {@link TrainingRecordSchema}). */
export type TrainingRecord = z.infer<typeof TrainingRecordSchema>;

/**
 * True when a scope division covers a target division: equal codes, or (with the
 * hierarchy) a province `XX0000` covers its codes `XX….`, a city `XXXX00` its districts.
 */
export function regionCovers(scope: string, target: string, hierarchy = true): boolean {
  if (scope === target) return true;
  if (!hierarchy) return false;
  if (scope.endsWith("0000")) return target.startsWith(scope.slice(0, 2));
  if (scope.endsWith("00")) return target.startsWith(scope.slice(0, 4));
  return false;
}
