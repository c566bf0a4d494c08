import { percentCell, sourceCell } from "../bodies/cells.js";
import { dateCell, enumCell, intCell, listCell, textCell } from "../codecs.js";
import { column, type TableSpec } from "../table.js";
import { POWER_KIND_LABELS } from "./kinds.js";
import {
  type InspectionItem,
  InspectionItemSchema,
  type PowerItem,
  PowerItemSchema,
  type ServiceGuide,
  ServiceGuideSchema,
} from "./schema.js";

const EFFECTIVE = [column("effectiveFrom", "生效日期", dateCell), column("effectiveUntil", "失效日期", dateCell, true)];

/** 权责清单表 — one row per item version. */
export const POWER_ITEM_TABLE: TableSpec<PowerItem> = {
  kind: "powers",
  sheet: "权责清单",
  columns: [
    column("code", "事项编码", textCell),
    column("name", "事项名称", textCell),
    column("kind", "职权类别", enumCell(POWER_KIND_LABELS)),
    column("basis", "实施依据", listCell(sourceCell)),
    column("bodyId", "实施主体编号", textCell),
    column("unit", "责任科室", textCell),
    column("procedure", "办理程序", textCell, true),
    column("supervision", "监督方式", textCell),
    column("supervisionPhone", "监督电话", textCell, true),
    column("accountability", "追责情形", listCell(textCell)),
    column("note", "备注", textCell, true),
    ...EFFECTIVE,
  ],
  schema: PowerItemSchema,
  key: (i) => `${i.code}@${i.effectiveFrom}`,
};

/** 服务指南表 — one row per guide version; lists in one cell, separated by `；`. */
export const SERVICE_GUIDE_TABLE: TableSpec<ServiceGuide> = {
  kind: "guides",
  sheet: "服务指南",
  columns: [
    column("itemCode", "事项编码", textCell),
    column("name", "事项名称", textCell),
    column("basis", "设定依据", listCell(sourceCell)),
    column("acceptingBody", "受理机构", textCell),
    column("approvingBody", "审批机构", textCell),
    column("conditions", "办理条件", listCell(textCell)),
    column("preferentialPolicies", "优惠政策", listCell(textCell), true),
    column("materials", "申请材料", listCell(textCell)),
    column("process", "办理流程", listCell(textCell)),
    column("timeLimit", "办理时限", textCell),
    column("supervision", "监督方式", textCell),
    column("accountability", "责任追究", textCell),
    column("officeHours", "办公时间", textCell),
    column("address", "办公地址", textCell),
    column("phone", "办公电话", textCell),
    ...EFFECTIVE,
  ],
  schema: ServiceGuideSchema,
  key: (g) => `${g.itemCode}@${g.effectiveFrom}`,
};

/** 随机抽查事项清单表 — the "一单", one row per item version. */
export const INSPECTION_ITEM_TABLE: TableSpec<InspectionItem> = {
  kind: "inspections",
  sheet: "随机抽查事项清单",
  columns: [
    column("code", "事项编码", textCell),
    column("name", "检查事项", textCell),
    column("subItem", "检查子项", textCell, true),
    column("bodyId", "检查主体编号", textCell),
    column("targets", "检查对象", textCell),
    column("basis", "检查依据", listCell(sourceCell)),
    column("methods", "检查方式", listCell(textCell)),
    column("content", "检查内容", textCell, true),
    column("ratioBasisPoints", "抽查比例", percentCell),
    column("timesPerYear", "抽查频次（次/年）", intCell(1, 365)),
    column("note", "备注", textCell, true),
    ...EFFECTIVE,
  ],
  schema: InspectionItemSchema,
  key: (i) => `${i.code}@${i.effectiveFrom}`,
};
