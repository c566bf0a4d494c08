import { z } from "zod";
import type { RuleSource } from "../../kernel/source.js";
import type { CivilDate } from "../../kernel/time.js";
import type { OfficerPolicyInput } from "../../registry/bodies/policy.js";
import type { BodiesRegistry } from "../../registry/bodies/registry.js";
import { DivisionCodeSchema, regionCovers } from "../../registry/bodies/schema.js";
import type { Organisation } from "../../registry/entities/parties.js";
import { inForce } from "../../registry/versions.js";

/** The sources of the random-inspection rules, one per rule (for refusals and docs). */
export const INSPECTION_SOURCES = {
  /** 双随机、一公开: random entities, randomly assigned inspectors, results published promptly. */
  randomDraw: { law: "优化营商环境条例", article: 54, paragraph: 1, confidence: "C-law" },
  /** 回避: an officer with a conflict of interest must step aside. */
  recusal: { law: "行政处罚法", article: 43, confidence: "C-law" },
  /** 执法人员不得少于两人 — read as applying to inspections too ([VAR]: sectors may differ). */
  twoInspectors: { law: "行政处罚法", article: 42, paragraph: 1, confidence: "VAR" },
  /** 检查时出示执法证件. */
  certificate: { law: "行政处罚法", article: 55, paragraph: 1, confidence: "C-law" },
  /** 发现应当给予行政处罚的行为的，必须调查（立案）. */
  transfer: { law: "行政处罚法", article: 54, paragraph: 1, confidence: "C-law" },
} as const satisfies Readonly<Record<string, RuleSource>>;

/**
 * 回避 — an officer who must not inspect (行政处罚法 Art. 43): for one entity (`uscc`) or,
 * without `uscc`, for the whole task. The reason is recorded with the draw.
 */
export const RecusalSchema = z
  .object({
    /** The officer. */
    officerId: z.string().trim().min(1),
    /** 统一社会信用代码 of the entity with which the officer has a conflict; absent: every entity. */
    uscc: z.string().trim().min(1).optional(),
    /** 回避事由, e.g. `近亲属任该企业法定代表人`. */
    reason: z.string().trim().min(1),
  })
  .readonly();
/** 回避 (see {@link RecusalSchema}). */
export type Recusal = z.infer<typeof RecusalSchema>;

/**
 * 检查对象范围 — which organisations of the entity directory (检查对象名录库) an item covers:
 * those registered in one of `regionCodes` (a city or province code covers its parts),
 * narrowed to `include` (a named list) when given, minus `exclude` (e.g. entities under
 * full-coverage key supervision, 重点监管).
 */
export const InspectionScopeSchema = z
  .object({
    /** 检查区域. */
    regionCodes: z.array(DivisionCodeSchema).min(1).readonly(),
    /** 检查对象名录 — only these USCCs, when given. */
    include: z.array(z.string().trim().min(1)).readonly().optional(),
    /** 排除对象. */
    exclude: z.array(z.string().trim().min(1)).readonly().default([]),
  })
  .readonly();
/** 检查对象范围 (see {@link InspectionScopeSchema}). */
export type InspectionScope = z.infer<typeof InspectionScopeSchema>;

const norm = (s: string) => s.trim().toUpperCase();

/**
 * 检查对象库 — the entity pool of a draw: the USCCs of organisations in force and 存续
 * (`active`) on `date` within `scope`, without duplicates, in code order (the order is part
 * of the draw, so it must not depend on how the caller listed them).
 */
export function entityPool(organisations: readonly Organisation[], date: CivilDate, scope: InspectionScope): string[] {
  const include = scope.include === undefined ? undefined : new Set(scope.include.map(norm));
  const exclude = new Set(scope.exclude.map(norm));
  const out = new Set<string>();
  for (const o of organisations) {
    const code = norm(o.uscc);
    if (!inForce(o, date) || o.status !== "active") continue;
    if (!scope.regionCodes.some((r) => regionCovers(r, o.regionCode))) continue;
    if (include !== undefined && !include.has(code)) continue;
    if (exclude.has(code)) continue;
    out.add(code);
  }
  return [...out].sort();
}

/** What an inspector must be able to do: the category and region of the inspection, by the item's body. */
export interface InspectionAction {
  /** 执法类别. */
  readonly category: string;
  /** 执法区域 — division code of the inspected place. */
  readonly regionCode: string;
  /** 检查主体. */
  readonly bodyId: string;
}

/** 执法检查人员库 — the inspector pool and who was left out, with the reason. */
export interface InspectorPool {
  /** Officer ids that may act, in id order. */
  readonly officerIds: string[];
  /** Candidates that may not act on the date, with the registry's reason code. */
  readonly excluded: { readonly officerId: string; readonly reason: string }[];
}

/**
 * 执法检查人员库 — of `candidates` (default: the officers of the item's body in force on
 * `date`), those who may inspect in the category and region on `date` (certificate valid,
 * in scope, 在岗; bodies registry `mayAct` with kind `inspection`), in id order.
 */
export function inspectorPool(
  bodies: BodiesRegistry,
  action: InspectionAction,
  date: CivilDate,
  candidates?: readonly string[],
  policy?: OfficerPolicyInput,
): InspectorPool {
  const ids = [...new Set(candidates ?? bodies.officersOf(action.bodyId, date).map((o) => o.id))].sort();
  const officerIds: string[] = [];
  const excluded: { officerId: string; reason: string }[] = [];
  const act = {
    category: action.category,
    regionCode: action.regionCode,
    kind: "inspection" as const,
    bodyId: action.bodyId,
  };
  for (const id of ids) {
    const may = bodies.mayAct(id, act, date, policy);
    if (may.isOk()) officerIds.push(id);
    else excluded.push({ officerId: id, reason: String(may.error.details?.reason ?? may.error.code) });
  }
  return { officerIds, excluded };
}
