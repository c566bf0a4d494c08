import { z } from "zod";
import { IdSchema } from "../../kernel/ports.js";
import { RuleSourceSchema } from "../../kernel/source.js";
import { ListTextSchema, TextSchema } from "../bodies/cells.js";
import { EffectiveSchema } from "../versions.js";
import { PowerKindSchema } from "./kinds.js";

/**
 * 办理程序 — the procedure an item runs, as a dotted identifier of the enforcement module,
 * e.g. `penalty.ordinary`, `penalty.simplified`, `licence.general`, `inspection.random`.
 */
export const ProcedureIdSchema = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)*$/, { message: "办理程序应为如 penalty.ordinary 的标识" });

/**
 * 权责清单事项 — one version of an item of the powers list (沙坡头区司法局三项制度试点工作方案
 * 二（一）（3）): code, name,
 * kind, legal basis, responsible body and unit (责任科室), procedure, supervision channel
 * and accountability (追责情形). Lists are adjusted as laws change (动态调整): each change
 * is a new version with its own effective date.
 */
export const PowerItemSchema = EffectiveSchema.extend({
  /** 事项编码 — stable across versions. */
  code: IdSchema,
  /** 事项名称. */
  name: TextSchema,
  /** 职权类别. */
  kind: PowerKindSchema,
  /** 实施依据 — the articles, each a {@link RuleSourceSchema}. */
  basis: z.array(RuleSourceSchema).min(1),
  /** 实施主体 — a body of the bodies registry. */
  bodyId: IdSchema,
  /** 责任科室. */
  unit: TextSchema,
  /** 办理程序. */
  procedure: ProcedureIdSchema.optional(),
  /** 监督方式 — channel, e.g. `向中卫市沙坡头区人民政府或者上一级司法行政部门投诉举报`. */
  supervision: TextSchema,
  /** 监督电话. */
  supervisionPhone: TextSchema.optional(),
  /** 追责情形 — when officers are held accountable. */
  accountability: z.array(ListTextSchema).min(1),
  /** 备注. */
  note: TextSchema.optional(),
}).readonly();
/** 权责清单事项 (see {@link PowerItemSchema}). */
export type PowerItem = z.infer<typeof PowerItemSchema>;

/**
 * 服务指南 — the service guide of an item (沙坡头区司法局三项制度试点工作方案 二（一）（4）): name,
 * basis, accepting and approving bodies, conditions, preferential policies, materials, process,
 * time limit, supervision, accountability, office hours, address and phone. One version per period.
 */
export const ServiceGuideSchema = EffectiveSchema.extend({
  /** 事项编码 — the powers-list item the guide belongs to. */
  itemCode: IdSchema,
  /** 事项名称. */
  name: TextSchema,
  /** 设定依据. */
  basis: z.array(RuleSourceSchema).min(1),
  /** 受理机构. */
  acceptingBody: TextSchema,
  /** 审批机构（决定机构）. */
  approvingBody: TextSchema,
  /** 办理条件（许可条件）. */
  conditions: z.array(ListTextSchema).min(1),
  /** 优惠政策. */
  preferentialPolicies: z.array(ListTextSchema).default([]),
  /** 申请材料. */
  materials: z.array(ListTextSchema).min(1),
  /** 办理流程 — steps in order. */
  process: z.array(ListTextSchema).min(1),
  /** 办理时限, as the law words it, e.g. `自收到申请之日起七日内`. */
  timeLimit: TextSchema,
  /** 监督方式. */
  supervision: TextSchema,
  /** 责任追究. */
  accountability: TextSchema,
  /** 办公时间. */
  officeHours: TextSchema,
  /** 办公地址. */
  address: TextSchema,
  /** 办公电话. */
  phone: TextSchema,
}).readonly();
/** 服务指南 (see {@link ServiceGuideSchema}). */
export type ServiceGuide = z.infer<typeof ServiceGuideSchema>;
/** What {@link ServiceGuideSchema} accepts (`preferentialPolicies` defaults to none). */
export type ServiceGuideInput = z.input<typeof ServiceGuideSchema>;

/**
 * 随机抽查事项 — one item of the random-inspection list (双随机抽查事项清单, the "一单" of
 * 一单两库一细则, 国办发〔2015〕58号): the item and sub-item, the inspecting body, the scope
 * of inspected entities, the basis, the method and content, and the sampling proportion
 * and yearly frequency ([VAR]: set by each bureau).
 */
export const InspectionItemSchema = EffectiveSchema.extend({
  /** 事项编码. */
  code: IdSchema,
  /** 检查事项. */
  name: TextSchema,
  /** 检查子项. */
  subItem: TextSchema.optional(),
  /** 检查主体 — a body of the bodies registry. */
  bodyId: IdSchema,
  /** 检查对象 — the scope of inspected entities. */
  targets: TextSchema,
  /** 检查依据. */
  basis: z.array(RuleSourceSchema).min(1),
  /** 检查方式, e.g. `现场检查`, `书面检查`, `网络监测`. */
  methods: z.array(ListTextSchema).min(1),
  /** 检查内容. */
  content: TextSchema.optional(),
  /** 抽查比例 in basis points (500 = 5 %). */
  ratioBasisPoints: z.number().int().min(1).max(10_000),
  /** 抽查频次 — inspections per year. */
  timesPerYear: z.number().int().min(1).max(365),
  /** 备注. */
  note: TextSchema.optional(),
}).readonly();
/** 随机抽查事项 (see {@link InspectionItemSchema}). */
export type InspectionItem = z.infer<typeof InspectionItemSchema>;
