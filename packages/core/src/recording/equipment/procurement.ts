import { z } from "zod";
import type { SanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { formatSource, RuleSourceSchema } from "../../kernel/source.js";
import { type CivilDate, CivilDateSchema } from "../../kernel/time.js";
import { dateText } from "../../kernel/wording.js";
import { sourceCell, TextSchema } from "../../registry/bodies/cells.js";
import { organName } from "../../registry/bodies/organ.js";
import type { BodiesRegistry } from "../../registry/bodies/registry.js";
import { dateCell, enumCell, intCell, textCell } from "../../registry/codecs.js";
import { toCsv } from "../../registry/csv.js";
import { column, type TableSpec } from "../../registry/table.js";
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
  /** 编制单位 — the organ's full name (from the bodies registry with {@link procurementListFor}). */
  preparedBy: TextSchema,
  /**
   * 编制人 — the officer who prepared the list, as the bodies registry records them on the
   * day: id (for software; never printed), name and 职务. Present when the list was made with
   * {@link procurementListFor}.
   */
  preparer: z.object({ officerId: TextSchema, name: TextSchema, post: TextSchema.optional() }).optional(),
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
  /**
   * 报送单位 — the organ's full name. Default: the finance bureau of the area `preparedBy`
   * names (中卫市沙坡头区司法局 → 中卫市沙坡头区财政局; the plan: "报区财政局"), else 本级财政部门.
   */
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
          ? `在岗执法人员${body.officers}名，执法人员与${label}配备比例为${formatEquipmentRatio(rule.ratio)}`
          : `执法单位与${label}配备比例为${formatEquipmentRatio(rule.ratio)}`;
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
    recipient: options.recipient ?? financeBureauOf(options.preparedBy),
    preparedBy: options.preparedBy,
    preparedOn: options.preparedOn,
    asOf: report.asOf,
    items,
    totals: [...totals].map(([kind, quantity]) => ({ kind, quantity })),
    standards: report.rules.map((r) => `${r.reading}（依据：${formatSource(r.source)}）`),
  };
}

/** What {@link procurementListFor} needs besides the report and the bodies registry. */
export interface ProcurementListForOptions {
  /** 编制人 — an officer id of the bodies registry, in force on `preparedOn`. */
  readonly preparerId: string;
  /** 编制日期. */
  readonly preparedOn: CivilDate;
  /** 报送单位 (default: the finance organ of the preparer's area, see {@link ProcurementListOptions}). */
  readonly recipient?: string;
  /** 标题; default 行政执法装备采购需求清单. */
  readonly title?: string;
}

/**
 * 采购需求清单（编制人取自数据库）— {@link procurementList} with 编制单位 and 编制人 taken from
 * the bodies registry instead of typed in: the officer `preparerId` resolved on `preparedOn`
 * to name and 职务, their body to the organ's full name ({@link organName}). An officer or body
 * the registry does not have that day is refused (`REGISTRY_NOT_FOUND`), nothing built.
 */
export function procurementListFor(
  report: EquipmentReport,
  bodies: BodiesRegistry,
  options: ProcurementListForOptions,
): Result<ProcurementList, SanxiangError> {
  const officer = bodies.officer(options.preparerId, options.preparedOn);
  if (officer.isErr()) return err(officer.error);
  const organ = organName(bodies, officer.value.bodyId, options.preparedOn);
  if (organ.isErr()) return err(organ.error);
  const o = officer.value;
  return ok({
    ...procurementList(report, {
      preparedBy: organ.value,
      preparedOn: options.preparedOn,
      ...(options.recipient === undefined ? {} : { recipient: options.recipient }),
      ...(options.title === undefined ? {} : { title: options.title }),
    }),
    preparer: { officerId: o.id, name: o.name, ...(o.post === undefined ? {} : { post: o.post }) },
  });
}

/**
 * 本级财政部门 — the finance organ of the area an organ's name starts with: 中卫市沙坡头区司法局 →
 * 中卫市沙坡头区财政局, a province's 司法厅 → its 财政厅; 本级财政部门 when no area is named.
 */
function financeBureauOf(organ: string): string {
  // The area ends at the last division suffix — but the 市 of 市场 (市场监督管理局) is the
  // department's, not the area's: 中卫市沙坡头区市场监督管理局 is of 中卫市沙坡头区.
  const m =
    /^(.*(?:自治区|自治州|自治县|省|市(?!场)|区|县|旗|盟))(?:市场)?[^省市区县旗盟]*(?:局|委员会|办公室|厅|部|委)$/u.exec(
      organ.trim(),
    );
  const area = m?.[1];
  if (area === undefined) return "本级财政部门";
  return /(?:省|自治区)$/u.test(area) ? `${area}财政厅` : `${area}财政局`;
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

/** The columns of the list as the finance bureau reads it: no internal ids, citations in words. */
const LIST_HEADERS = ["序号", "执法单位", "装备类别", "数量（台）", "采购理由", "依据", "统计日期"] as const;

/**
 * 采购需求清单 CSV — the list as the finance bureau reads it (UTF-8 BOM, CRLF, through
 * `toCsv`): numbered rows of unit, kind, quantity, reason, the rule's source in words
 * (《…》第…条, no confidence marks) and the date — no internal ids. For the data-exchange form
 * that imports back to the same items, export {@link PROCUREMENT_TABLE} with `exportSheet`.
 */
export function procurementListCsv(list: ProcurementList): string {
  const rows = list.items.map((i, n) => ({
    rowNumber: n + 2,
    cells: {
      序号: String(n + 1),
      执法单位: i.bodyName,
      装备类别: EQUIPMENT_KIND_LABELS[i.kind],
      "数量（台）": String(i.quantity),
      采购理由: i.reason,
      依据: formatSource(i.source),
      统计日期: dateText(i.asOf),
    },
  }));
  return toCsv({ name: list.title, rows }, LIST_HEADERS);
}
