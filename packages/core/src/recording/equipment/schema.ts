import { z } from "zod";
import { CivilDateSchema } from "../../kernel/time.js";
import { ListTextSchema, TextSchema } from "../../registry/bodies/cells.js";
import { dateCell, enumCell, textCell } from "../../registry/codecs.js";
import { column, type TableSpec } from "../../registry/table.js";

// 执法装备台账 — the equipment inventory the pilot plan asks each bureau to keep (二（二）（3）
// 保障行政执法装备). Only the inventory's shape lives here; the ratio rules are in rules.ts.

/**
 * 装备类别 — kind of equipment: `bodyCamera` 执法记录仪, `scanner` 扫描仪, `mobileTerminal`
 * 移动执法终端, `other` 其他.
 */
export const EquipmentKindSchema = z.enum(["bodyCamera", "scanner", "mobileTerminal", "other"]);
/** 装备类别 (see {@link EquipmentKindSchema}). */
export type EquipmentKind = z.infer<typeof EquipmentKindSchema>;

/** 装备类别名称 — the Chinese label of each {@link EquipmentKind}. */
export const EQUIPMENT_KIND_LABELS: Readonly<Record<EquipmentKind, string>> = {
  bodyCamera: "执法记录仪",
  scanner: "扫描仪",
  mobileTerminal: "移动执法终端",
  other: "其他",
};

/**
 * 装备状态 — `inUse` 在用, `repair` 维修, `scrapped` 报废, `idle` 闲置. Only 在用 devices
 * count towards a ratio.
 */
export const EquipmentStatusSchema = z.enum(["inUse", "repair", "scrapped", "idle"]);
/** 装备状态 (see {@link EquipmentStatusSchema}). */
export type EquipmentStatus = z.infer<typeof EquipmentStatusSchema>;

/** 装备状态名称 — the Chinese label of each {@link EquipmentStatus}. */
export const EQUIPMENT_STATUS_LABELS: Readonly<Record<EquipmentStatus, string>> = {
  inUse: "在用",
  repair: "维修",
  scrapped: "报废",
  idle: "闲置",
};

/**
 * 执法装备 — one device of the inventory (台账): its id, kind, model and serial number,
 * the body (执法主体) and optionally the unit (科室) and officer it is assigned to, its
 * status and the date it was acquired.
 */
export const EquipmentSchema = z.object({
  /** 装备编号 — the bureau's own inventory number. */
  id: ListTextSchema,
  /** 装备类别. */
  kind: EquipmentKindSchema,
  /** 型号. */
  model: TextSchema,
  /** 序列号 (出厂编号). */
  serial: TextSchema,
  /** 所属执法主体编号 — the body whose inventory holds it (registry body id). */
  bodyId: ListTextSchema,
  /** 使用科室 — the unit inside the body, when assigned to one. */
  unit: TextSchema.optional(),
  /** 配发人员编号 — the officer it is issued to, when issued to one. */
  officerId: ListTextSchema.optional(),
  /** 装备状态. */
  status: EquipmentStatusSchema,
  /** 购置日期. */
  acquiredOn: CivilDateSchema,
  /** 备注. */
  note: TextSchema.optional(),
});
/** 执法装备 (see {@link EquipmentSchema}). */
export type Equipment = z.infer<typeof EquipmentSchema>;
/** What a caller passes for one device (before parsing). */
export type EquipmentInput = z.input<typeof EquipmentSchema>;

/**
 * 执法装备台账表 — the inventory as a sheet (CSV / XLSX) with Chinese headers; read with
 * `importSheet(EQUIPMENT_TABLE, sheet)`, written with `exportSheet`. Device ids are unique.
 */
export const EQUIPMENT_TABLE: TableSpec<Equipment> = {
  kind: "equipment",
  sheet: "执法装备台账",
  columns: [
    column("id", "装备编号", textCell),
    column("kind", "装备类别", enumCell(EQUIPMENT_KIND_LABELS)),
    column("model", "型号", textCell),
    column("serial", "序列号", textCell),
    column("bodyId", "所属执法主体编号", textCell),
    column("unit", "使用科室", textCell, true),
    column("officerId", "配发人员编号", textCell, true),
    column("status", "状态", enumCell(EQUIPMENT_STATUS_LABELS)),
    column("acquiredOn", "购置日期", dateCell),
    column("note", "备注", textCell, true),
  ],
  schema: EquipmentSchema,
  key: (e) => e.id,
};
