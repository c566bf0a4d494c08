import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { type CivilDate, CivilDateSchema } from "../../kernel/time.js";
import { ListTextSchema, TextSchema } from "../../registry/bodies/cells.js";
import type { Officer } from "../../registry/bodies/schema.js";
import { inForce } from "../../registry/versions.js";
import { requiredDevices } from "./ratio.js";
import { AppliedEquipmentRuleSchema, type EquipmentPolicyInput, resolveEquipmentRules } from "./rules.js";
import { type Equipment, EquipmentKindSchema, EquipmentSchema } from "./schema.js";

/** 单位人员数 — one unit (执法主体) and its 在岗 officers, as the ratio check counts them. */
export const EquipmentStaffingSchema = z.object({
  /** 执法主体编号. */
  bodyId: ListTextSchema,
  /** 执法主体名称 (for the report and the procurement list). */
  bodyName: TextSchema.optional(),
  /** 在岗执法人员数. */
  officers: z.number().int().min(0),
});
/** 单位人员数 (see {@link EquipmentStaffingSchema}). */
export type EquipmentStaffing = z.infer<typeof EquipmentStaffingSchema>;

/** 装备配备检查输入 — the date, the units with their officers, and the inventory. */
export const EquipmentCheckInputSchema = z.object({
  /** 统计日期 — devices acquired after it are not counted. */
  asOf: CivilDateSchema,
  /** The units checked, each once. */
  staffing: z.array(EquipmentStaffingSchema),
  /** 执法装备台账 — every device, whatever its status. */
  devices: z.array(EquipmentSchema),
});
/** What a caller passes to {@link checkEquipment}. */
export type EquipmentCheckInput = z.input<typeof EquipmentCheckInputSchema>;

/** 配备情况 — one rule applied to one unit (or to all units together). */
export const EquipmentLineSchema = z.object({
  /** The rule applied. */
  ruleId: z.string(),
  /** 装备类别. */
  kind: EquipmentKindSchema,
  /** 应配备数. */
  required: z.number().int().min(0),
  /** 在用数 — devices of the kind with status 在用, acquired on or before the date. */
  available: z.number().int().min(0),
  /** 缺口 — max(0, required − available); never negative. */
  shortfall: z.number().int().min(0),
  /** 是否达标 — `shortfall === 0`. */
  pass: z.boolean(),
});
/** 配备情况 (see {@link EquipmentLineSchema}). */
export type EquipmentLine = z.infer<typeof EquipmentLineSchema>;

/** 单位配备情况 — one unit's lines. */
export const BodyEquipmentReportSchema = z.object({
  /** 执法主体编号. */
  bodyId: z.string(),
  /** 执法主体名称, when given. */
  bodyName: z.string().optional(),
  /** 在岗执法人员数. */
  officers: z.number().int().min(0),
  /** One line per rule. */
  lines: z.array(EquipmentLineSchema),
  /** Every line passes. */
  pass: z.boolean(),
});
/** 单位配备情况 (see {@link BodyEquipmentReportSchema}). */
export type BodyEquipmentReport = z.infer<typeof BodyEquipmentReportSchema>;

/** 装备配备检查结果 — per unit and overall, with the rules and readings applied. */
export const EquipmentReportSchema = z.object({
  /** 统计日期. */
  asOf: CivilDateSchema,
  /** The rules applied, each with its reading (比例读法) and source. */
  rules: z.array(AppliedEquipmentRuleSchema),
  /** Per unit, in input order. */
  bodies: z.array(BodyEquipmentReportSchema),
  /**
   * 合计 — per rule over all units: sums of required, available and shortfall. A surplus in
   * one unit does not fill another's gap (devices belong to a unit's inventory).
   */
  overall: z.array(EquipmentLineSchema),
  /** Every unit passes every rule. */
  pass: z.boolean(),
  /** 未计入的装备 — ids of devices whose unit is not among the units checked. */
  ignoredDevices: z.array(z.string()),
});
/** 装备配备检查结果 (see {@link EquipmentReportSchema}). */
export type EquipmentReport = z.infer<typeof EquipmentReportSchema>;

/**
 * 在岗人员数 — counts, per body, the officers in force and 在岗 (`active`) on `date`
 * (one per officer id), ready for {@link checkEquipment}. Bodies without such officers
 * are absent; add them with `officers: 0` to check their scanners.
 */
export function equipmentStaffing(officers: readonly Officer[], date: CivilDate): EquipmentStaffing[] {
  const byBody = new Map<string, Set<string>>();
  for (const o of officers) {
    if (!inForce(o, date) || o.status !== "active") continue;
    const ids = byBody.get(o.bodyId) ?? new Set<string>();
    ids.add(o.id);
    byBody.set(o.bodyId, ids);
  }
  return [...byBody].map(([bodyId, ids]) => ({ bodyId, officers: ids.size }));
}

function line(ruleId: string, kind: Equipment["kind"], required: number, available: number): EquipmentLine {
  const shortfall = Math.max(0, required - available);
  return { ruleId, kind, required, available, shortfall, pass: shortfall === 0 };
}

function invalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("INVALID_INPUT", message, { details });
}

/**
 * 装备配备检查 — compares each unit's 在用 devices with the ratio table (the pilot plan's
 * defaults, 沙坡头区司法局三项制度试点工作方案 二（二）（3）, or the bureau's `policy`): per unit
 * and overall, the required, available and missing devices. Only devices 在用 and acquired
 * on or before `asOf` count. `INVALID_INPUT` for malformed input, a unit listed twice or a
 * device id used twice.
 */
export function checkEquipment(
  input: EquipmentCheckInput,
  policy?: EquipmentPolicyInput,
): Result<EquipmentReport, SanxiangError> {
  const parsed = EquipmentCheckInputSchema.safeParse(input);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.map(String).join("."));
    return err(invalid(`装备配备检查输入无效：${fields.join("、")}`, { fields }));
  }
  const rules = resolveEquipmentRules(policy);
  if (rules.isErr()) return err(rules.error);
  const { asOf, staffing, devices } = parsed.data;

  const units = new Set<string>();
  for (const s of staffing) {
    if (units.has(s.bodyId)) return err(invalid(`执法主体 ${s.bodyId} 重复列出`, { bodyId: s.bodyId }));
    units.add(s.bodyId);
  }
  const ids = new Set<string>();
  for (const d of devices) {
    if (ids.has(d.id)) return err(invalid(`装备编号 ${d.id} 重复`, { id: d.id }));
    ids.add(d.id);
  }

  // 在用 devices by unit and kind.
  const inUse = new Map<string, number>();
  for (const d of devices) {
    if (d.status === "inUse" && d.acquiredOn <= asOf) {
      const k = `${d.bodyId}\u0000${d.kind}`;
      inUse.set(k, (inUse.get(k) ?? 0) + 1);
    }
  }

  const bodies: BodyEquipmentReport[] = staffing.map((s) => {
    const lines = rules.value.map((r) =>
      line(
        r.id,
        r.kind,
        requiredDevices(r.basis === "officer" ? s.officers : 1, r.ratio),
        inUse.get(`${s.bodyId}\u0000${r.kind}`) ?? 0,
      ),
    );
    return {
      bodyId: s.bodyId,
      ...(s.bodyName === undefined ? {} : { bodyName: s.bodyName }),
      officers: s.officers,
      lines,
      pass: lines.every((l) => l.pass),
    };
  });

  const overall = rules.value.map((r, i) => {
    const of = bodies.map((b) => b.lines[i] ?? line(r.id, r.kind, 0, 0));
    const sum = (f: (l: EquipmentLine) => number) => of.reduce((n, l) => n + f(l), 0);
    const shortfall = sum((l) => l.shortfall);
    return {
      ruleId: r.id,
      kind: r.kind,
      required: sum((l) => l.required),
      available: sum((l) => l.available),
      shortfall,
      pass: shortfall === 0,
    };
  });

  return ok({
    asOf,
    rules: [...rules.value],
    bodies,
    overall,
    pass: bodies.every((b) => b.pass),
    ignoredDevices: devices.filter((d) => !units.has(d.bodyId)).map((d) => d.id),
  });
}
