import { z } from "zod";
import { formatSource, RuleSourceSchema } from "../../kernel/source.js";
import { type CivilDate, CivilDateSchema } from "../../kernel/time.js";
import { sourceCell, TextSchema } from "../../registry/bodies/cells.js";
import { dateCell, enumCell, intCell, textCell } from "../../registry/codecs.js";
import { toCsv } from "../../registry/csv.js";
import { column, exportSheet, headersOf, type TableSpec } from "../../registry/table.js";
import type { EquipmentReport } from "./check.js";
import { formatEquipmentRatio } from "./ratio.js";
import { EQUIPMENT_KIND_LABELS, EquipmentKindSchema } from "./schema.js";

/** 采购需求 — one line of the procurement list: a unit, a kind, how many, why, and the rule. */
export const ProcurementItemSchema = z.object({
  /** 执法主体编号. */
  bodyId: TextSchema,
  /** 执法单位 — the unit's name (its id when no name was given). */
  bodyName: TextSchema,
  /** 装备类别. */
  kind: EquipmentKindSchema,
  /** 数量 — the unit's shortfall under the rule. */
  quantity: z.number().int().positive(),
  /** 采购理由 — in Chinese, with the count, the ratio and what is in use. */
  reason: TextSchema,
  /** 配备规则编号. */
  ruleId: TextSchema,
  /** 依据 — the rule's source. */
  source: RuleSourceSchema,
  /** 统计日期 — the date of the ratio check behind the item. */
  asOf: CivilDateSchema,
});
/** 采购需求 (see {@link ProcurementItemSchema}). */
export type ProcurementItem = z.infer<typeof ProcurementItemSchema>;

/** 采购需求清单 — the written list for the finance bureau (报区财政局). */
export const ProcurementListSchema = z.object({
  /** 标题. */
  title: TextSchema,
  /** 报送单位 — the recipient, by default 区财政局. */
  recipient: TextSchema,
  /** 编制单位. */
  preparedBy: TextSchema,
  /** 编制日期. */
  preparedOn: CivilDateSchema,
  /** 统计日期 of the ratio check. */
  asOf: CivilDateSchema,
  /** Items, unit by unit in report order, rule by rule in table order. */
  items: z.array(ProcurementItemSchema),
  /** 合计 — quantity per kind, in the order kinds first appear. */
  totals: z.array(z.object({ kind: EquipmentKindSchema, quantity: z.number().int().positive() })),
  /** 配备标准 — the reading of every rule applied, with its source in words. */
  standards: z.array(z.string()),
});
/** 采购需求清单 (see {@link ProcurementListSchema}). */
export type ProcurementList = z.infer<typeof ProcurementListSchema>;

/** What {@link procurementList} needs besides the report. */
export interface ProcurementListOptions {
  /** 编制单位, e.g. 中卫市沙坡头区司法局. */
  readonly preparedBy: string;
  /** 编制日期. */
  readonly preparedOn: CivilDate;
  /** 报送单位; default 区财政局 (the plan: "报区财政局"). */
  readonly recipient?: string;
  /** 标题; default 行政执法装备采购需求清单. */
  readonly title?: string;
}

/**
 * 采购需求清单 — turns the shortfalls of a ratio check into the written list the pilot plan
 * sends to the finance bureau (二（二）（3）: "将所需购买的行政执法装备，以形成书面目录清单的方式，
 * 报区财政局"): one item per unit and rule with a shortfall. An empty `items` means nothing to buy.
 */
export function procurementList(report: EquipmentReport, options: ProcurementListOptions): ProcurementList {
  const items: ProcurementItem[] = [];
  const totals = new Map<ProcurementItem["kind"], number>();
  for (const body of report.bodies) {
    for (const l of body.lines) {
      const rule = report.rules.find((r) => r.id === l.ruleId);
      if (l.shortfall === 0 || rule === undefined) continue;
      const label = EQUIPMENT_KIND_LABELS[l.kind];
      const count =
        rule.basis === "officer"
          ? `在岗执法人员${body.officers}名，按执法人员:${label} = ${formatEquipmentRatio(rule.ratio)}`
          : `按每个执法单位${label}配备比例 ${formatEquipmentRatio(rule.ratio)}`;
      items.push({
        bodyId: body.bodyId,
        bodyName: body.bodyName ?? body.bodyId,
        kind: l.kind,
        quantity: l.shortfall,
        reason: `${count}，应配备${l.required}台，在用${l.available}台，缺${l.shortfall}台`,
        ruleId: rule.id,
        source: rule.source,
        asOf: report.asOf,
      });
      totals.set(l.kind, (totals.get(l.kind) ?? 0) + l.shortfall);
    }
  }
  return {
    title: options.title ?? "行政执法装备采购需求清单",
    recipient: options.recipient ?? "区财政局",
    preparedBy: options.preparedBy,
    preparedOn: options.preparedOn,
    asOf: report.asOf,
    items,
    totals: [...totals].map(([kind, quantity]) => ({ kind, quantity })),
    standards: report.rules.map((r) => `${r.reading}（依据：${formatSource(r.source)}）`),
  };
}

/** 采购需求清单表 — the items as a sheet with Chinese headers (CSV / XLSX); re-imports to the same items. */
export const PROCUREMENT_TABLE: TableSpec<ProcurementItem> = {
  kind: "procurement",
  sheet: "采购需求清单",
  columns: [
    column("bodyId", "执法主体编号", textCell),
    column("bodyName", "执法单位", textCell),
    column("kind", "装备类别", enumCell(EQUIPMENT_KIND_LABELS)),
    column("quantity", "数量（台）", intCell(1)),
    column("reason", "采购理由", textCell),
    column("ruleId", "配备规则", textCell),
    column("source", "依据", sourceCell),
    column("asOf", "统计日期", dateCell),
  ],
  schema: ProcurementItemSchema,
  key: (i) => `${i.bodyId}|${i.ruleId}`,
};

/** 采购需求清单 CSV — the items through {@link PROCUREMENT_TABLE} and `toCsv` (UTF-8 BOM, CRLF). */
export function procurementListCsv(list: ProcurementList): string {
  return toCsv(exportSheet(PROCUREMENT_TABLE, list.items), headersOf(PROCUREMENT_TABLE));
}
