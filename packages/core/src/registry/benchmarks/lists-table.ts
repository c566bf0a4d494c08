import { dateCell, enumCell, intCell, textCell } from "../codecs.js";
import { column, type TableSpec } from "../table.js";
import {
  CIRCUMSTANCE_EFFECT_LABELS,
  type Circumstance,
  CircumstanceSchema,
  LENIENT_KIND_LABELS,
  type LenientEntry,
  LenientEntrySchema,
} from "./schema.js";
import { sourceCell } from "./source-cell.js";

// The two plain tables beside the benchmark sheet: the bureau's circumstances and its
// lenient-enforcement lists, one record per row (use importSheet / exportSheet).

/** 裁量情节表 — the bureau's circumstances: code, description, effect, source. */
export const CIRCUMSTANCE_TABLE: TableSpec<Circumstance> = {
  kind: "circumstances",
  sheet: "裁量情节",
  columns: [
    column("code", "情形代码", textCell),
    column("description", "情形描述", textCell),
    column("effect", "情节效果", enumCell(CIRCUMSTANCE_EFFECT_LABELS)),
    column("source", "依据", sourceCell),
  ],
  schema: CircumstanceSchema,
  key: (c) => c.code,
};

/** 免罚清单表 — 首违不罚 / 轻微免罚 list entries, one row each. */
export const LENIENT_TABLE: TableSpec<LenientEntry> = {
  kind: "lenient",
  sheet: "免罚清单",
  columns: [
    column("list", "清单", sourceCell),
    column("violationCode", "违法行为编码", textCell),
    column("kind", "清单类型", enumCell(LENIENT_KIND_LABELS)),
    column("conditions", "适用条件", textCell),
    column("correctionDays", "改正期限（日）", intCell(1), true),
    column("effectiveFrom", "生效日期", dateCell),
    column("effectiveUntil", "失效日期", dateCell, true),
  ],
  schema: LenientEntrySchema,
  key: (e) => `${e.list.law}|${e.list.section ?? ""}|${e.violationCode}|${e.kind}@${e.effectiveFrom}`,
};
