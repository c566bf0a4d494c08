import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { type RuleSource, RuleSourceSchema } from "../../kernel/source.js";
import { ListTextSchema, TextSchema } from "../../registry/bodies/cells.js";
import { type EquipmentRatio, EquipmentRatioSchema, formatEquipmentRatio, parseEquipmentRatio } from "./ratio.js";
import { EQUIPMENT_KIND_LABELS, EquipmentKindSchema } from "./schema.js";

/** 保障行政执法装备 — the pilot plan's equipment sentence (二（二）（3）). */
export const EQUIPMENT_PLAN_SOURCE: RuleSource = {
  law: "沙坡头区司法局三项制度试点工作方案",
  section: "二（二）（3）",
  confidence: "C-local",
};

/**
 * 配备基数 — what a ratio counts: `officer` 每名在岗执法人员, `body` 每个执法单位 (执法主体).
 */
export const EquipmentBasisSchema = z.enum(["officer", "body"]);
/** 配备基数 (see {@link EquipmentBasisSchema}). */
export type EquipmentBasis = z.infer<typeof EquipmentBasisSchema>;

/**
 * 装备配备规则 — one row of the ratio table: which kind of device, counted against what
 * (officers or units), at which ratio, and the rule's source. Bureaus override a row's
 * ratio or add rows by configuration ({@link EquipmentPolicySchema}).
 */
export const EquipmentRuleSchema = z.object({
  /** 规则编号, unique in the table, e.g. `bodyCamera`. */
  id: ListTextSchema,
  /** 装备类别 the rule counts. */
  kind: EquipmentKindSchema,
  /** 配备基数. */
  basis: EquipmentBasisSchema,
  /** 配备比例 — basis : devices. */
  ratio: EquipmentRatioSchema,
  /** 依据. */
  source: RuleSourceSchema,
  /** 说明 — how the rule's text is read, in Chinese. */
  note: TextSchema.optional(),
});
/** 装备配备规则 (see {@link EquipmentRuleSchema}). */
export type EquipmentRule = z.infer<typeof EquipmentRuleSchema>;

/**
 * 默认装备配备规则 — the pilot plan's figures (二（二）（3）: "按照平均配备2台扫描仪，执法人员与
 * 执法记录仪的配备率达1:1.5"): 1.5 body-worn recorders per 在岗 officer, read literally, and
 * 2 scanners per unit. Other local rules give 1 recorder per 2, 3 or 5 officers (e.g. 石家庄
 * 1 per 2 for class A units; 长治 1 per 3 for class A, 1 per 5 for class B): a bureau sets its
 * own ratio; the report states the reading used.
 */
export const DEFAULT_EQUIPMENT_RULES: readonly EquipmentRule[] = [
  {
    id: "bodyCamera",
    kind: "bodyCamera",
    basis: "officer",
    ratio: { base: 1, devices: 1.5 },
    source: EQUIPMENT_PLAN_SOURCE,
    note: "方案原文“执法人员与执法记录仪的配备率达1:1.5”，按字面理解为每名执法人员配备1.5台；他地有每2、3或5名执法人员配备1台的规定，可配置",
  },
  {
    id: "scanner",
    kind: "scanner",
    basis: "body",
    ratio: { base: 1, devices: 2 },
    source: EQUIPMENT_PLAN_SOURCE,
    note: "方案原文“按照平均配备2台扫描仪”，理解为每个执法单位配备2台",
  },
];

const RatioInputSchema = z.union([EquipmentRatioSchema, z.string()]);

/**
 * 装备配置 — a bureau's configuration of the ratio table:
 * - `ratios`: a new ratio for a default row, by rule id (`{ bodyCamera: "3:1" }` — one
 *   recorder per three officers); the row keeps its source and is marked overridden;
 * - `rules`: rows added, or replacing a default row with the same id (with their own source).
 */
export const EquipmentPolicySchema = z.object({
  /** 比例调整 — rule id → ratio (`"3:1"` or `{ base, devices }`). */
  ratios: z.record(z.string(), RatioInputSchema).default({}),
  /** 增设或替换的规则. */
  rules: z.array(EquipmentRuleSchema).default([]),
});
/** What a bureau passes (see {@link EquipmentPolicySchema}); every field optional. */
export type EquipmentPolicyInput = z.input<typeof EquipmentPolicySchema>;

/** 适用规则 — a rule as applied, with the reading the report states. */
export const AppliedEquipmentRuleSchema = EquipmentRuleSchema.extend({
  /** 比例读法 — the ratio in words, e.g. `执法人员与执法记录仪配备比例为1:1.5，即每名执法人员配备1.5台执法记录仪`. */
  reading: z.string(),
  /** Whether the bureau's configuration changed the default ratio or row. */
  overridden: z.boolean(),
});
/** 适用规则 (see {@link AppliedEquipmentRuleSchema}). */
export type AppliedEquipmentRule = z.infer<typeof AppliedEquipmentRuleSchema>;

/** 比例读法 — states in Chinese how a rule's ratio is applied. */
export function equipmentReading(rule: Pick<EquipmentRule, "kind" | "basis" | "ratio">): string {
  const label = EQUIPMENT_KIND_LABELS[rule.kind];
  const text = formatEquipmentRatio(rule.ratio);
  const [base, devices] = text.split(":");
  const who = rule.basis === "officer" ? "执法人员" : "执法单位";
  const one = rule.basis === "officer" ? "每名执法人员" : "每个执法单位";
  const per = base === "1" ? one : `每${base}${rule.basis === "officer" ? "名执法人员" : "个执法单位"}`;
  return `${who}与${label}配备比例为${text}，即${per}配备${devices}台${label}（应配备数向上取整）`;
}

function invalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

/**
 * Resolves a bureau's configuration over {@link DEFAULT_EQUIPMENT_RULES}: the rules to
 * apply, each with its reading. `INVALID_INPUT` for a malformed policy, a bad ratio or a
 * ratio for a rule id that does not exist.
 */
export function resolveEquipmentRules(
  policy: EquipmentPolicyInput = {},
): Result<readonly AppliedEquipmentRule[], SanxiangError> {
  const parsed = EquipmentPolicySchema.safeParse(policy);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.map(String).join("."));
    return err(invalid(`装备配置无效：${fields.join("、")}`, { issues: parsed.error.issues.map((i) => i.message) }));
  }
  const rows = new Map<string, { rule: EquipmentRule; overridden: boolean }>();
  for (const rule of DEFAULT_EQUIPMENT_RULES) rows.set(rule.id, { rule, overridden: false });
  for (const rule of parsed.data.rules) rows.set(rule.id, { rule, overridden: true });
  for (const [id, input] of Object.entries(parsed.data.ratios)) {
    const row = rows.get(id);
    if (row === undefined) return err(invalid(`装备配置无效：没有编号为 ${id} 的配备规则`, { id }));
    const ratio: Result<EquipmentRatio, SanxiangError> =
      typeof input === "string" ? parseEquipmentRatio(input) : ok(input);
    if (ratio.isErr()) return err(ratio.error);
    const note = `本单位配置比例 ${formatEquipmentRatio(ratio.value)}，替代原比例 ${formatEquipmentRatio(row.rule.ratio)}`;
    rows.set(id, { rule: { ...row.rule, ratio: ratio.value, note }, overridden: true });
  }
  return ok(
    [...rows.values()].map(({ rule, overridden }) => ({ ...rule, reading: equipmentReading(rule), overridden })),
  );
}
