import { booleanCell, dateCell, decimalCell, enumCell, listCell, textCell } from "../codecs.js";
import { column, type TableSpec } from "../table.js";
import { sourceCell } from "./cells.js";
import {
  BODY_KIND_LABELS,
  type Body,
  BodySchema,
  type CertificateIssuer,
  CertificateIssuerSchema,
  LEADERSHIP_LABELS,
  OFFICER_STATUS_LABELS,
  type Officer,
  OfficerSchema,
  type TrainingRecord,
  TrainingRecordSchema,
} from "./schema.js";

const EFFECTIVE = [column("effectiveFrom", "生效日期", dateCell), column("effectiveUntil", "失效日期", dateCell, true)];

/** 执法主体表 — the sheet of body versions (one row per version). */
export const BODY_TABLE: TableSpec<Body> = {
  kind: "bodies",
  sheet: "执法主体",
  columns: [
    column("id", "主体编号", textCell),
    column("name", "主体名称", textCell),
    column("kind", "主体类别", enumCell(BODY_KIND_LABELS)),
    column("authority", "职权依据", listCell(sourceCell)),
    column("regionCode", "行政区划代码", textCell),
    column("parentId", "上级或委托机关编号", textCell, true),
    column("categories", "执法类别", listCell(textCell)),
    column("address", "办公地址", textCell, true),
    column("phone", "联系电话", textCell, true),
    ...EFFECTIVE,
  ],
  schema: BodySchema,
  key: (b) => `${b.id}@${b.effectiveFrom}`,
};

/** 执法人员表 — the sheet of officer versions (one row per version). */
export const OFFICER_TABLE: TableSpec<Officer> = {
  kind: "officers",
  sheet: "执法人员",
  columns: [
    column("id", "人员编号", textCell),
    column("name", "姓名", textCell),
    column("bodyId", "所属主体编号", textCell),
    column("certificateNumber", "执法证号", textCell),
    column("issuerId", "发证机关编号", textCell),
    column("categories", "执法类别", listCell(textCell)),
    column("regions", "执法区域", listCell(textCell)),
    column("validFrom", "证件有效期起", dateCell),
    column("validUntil", "证件有效期至", dateCell),
    column("status", "状态", enumCell(OFFICER_STATUS_LABELS)),
    column("post", "职务", textCell, true),
    column("unit", "科室", textCell, true),
    column("reviewer", "法制审核人员", booleanCell, true),
    column("reviewerSince", "从事法制审核起始日", dateCell, true),
    column("legalQualification", "法律职业资格证书编号", textCell, true),
    column("leadership", "负责人职务", enumCell(LEADERSHIP_LABELS), true),
    ...EFFECTIVE,
  ],
  schema: OfficerSchema,
  key: (o) => `${o.id}@${o.effectiveFrom}`,
};

/** 发证机关表 — issuers and their certificate number patterns. */
export const ISSUER_TABLE: TableSpec<CertificateIssuer> = {
  kind: "issuers",
  sheet: "发证机关",
  columns: [
    column("id", "发证机关编号", textCell),
    column("name", "发证机关名称", textCell),
    column("pattern", "证号格式", textCell),
    column("note", "备注", textCell, true),
  ],
  schema: CertificateIssuerSchema,
  key: (i) => i.id,
};

/** 培训记录表 — training sessions, one row each. */
export const TRAINING_TABLE: TableSpec<TrainingRecord> = {
  kind: "training",
  sheet: "培训记录",
  columns: [
    column("officerId", "人员编号", textCell),
    column("date", "培训日期", dateCell),
    column("course", "培训内容", textCell),
    column("hours", "学时", decimalCell),
    column("organiser", "主办单位", textCell, true),
  ],
  schema: TrainingRecordSchema,
  key: (t) => `${t.officerId}|${t.date}|${t.course}`,
};
