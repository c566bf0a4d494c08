// 公示规则的结构 — the shape of one row of the disclosure rule table and of a bureau's change to it.
import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import { ActionCategorySchema, DisclosureKindSchema } from "./schema.js";

/** 公示期限 — how long an item stays public, in months. */
export const PublicitySchema = z.object({ months: z.number().int().positive() }).readonly();

/**
 * 较短公示期限 — a shorter publicity period for light penalties (市场监督管理行政处罚信息公示规定
 * Art. 13: 3 months for 通报批评 or a 较低数额 fine, whose amount the province sets).
 */
export const LowPublicitySchema = z
  .object({
    /** The shorter period, in months. */
    months: z.number().int().positive(),
    /** 较低数额 — the largest fine (fen, inclusive) that still counts as low [VAR]. */
    maxFineFen: FenSchema,
    /** The rule. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 较短公示期限 (see {@link LowPublicitySchema}). */
export type LowPublicity = z.infer<typeof LowPublicitySchema>;

/**
 * 跨省推送 — the route of a decision whose party is registered in another province
 * (市场监督管理行政处罚信息公示规定 Art. 10): the deciding bureau does not publish, it pushes
 * (推送) the information through its provincial bureau to the registration-place bureau
 * within `forwardPeriodId` of the decision; that bureau publishes within `receivedPeriodId` of
 * receipt. Both are ids of the statutory periods table.
 */
export const CrossProvinceRouteSchema = z
  .object({
    /** 推送期限 — counted from the decision (SAMR: `disclosure.samrForward`, 10 working days). */
    forwardPeriodId: z.string().min(1),
    /** 协助公示期限 — counted from receipt (SAMR: `disclosure.samrReceived`, 10 working days). */
    receivedPeriodId: z.string().min(1),
    /** The rule. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 跨省推送 (see {@link CrossProvinceRouteSchema}). */
export type CrossProvinceRoute = z.infer<typeof CrossProvinceRouteSchema>;

/**
 * 限制期限超过公示期 — a restriction of business activities or practice longer than
 * `beyondMonths` stays public for the actual restriction period (市场监督管理行政处罚信息公示规定
 * Art. 13 para. 3).
 */
export const LongRestrictionSchema = z
  .object({
    /** The restricting penalty kinds. */
    kinds: z.array(PenaltyKindSchema).min(1).readonly(),
    /** Beyond this many months the restriction sets the publicity period. */
    beyondMonths: z.number().int().positive(),
    /** The rule. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 限制期限超过公示期 (see {@link LongRestrictionSchema}). */
export type LongRestriction = z.infer<typeof LongRestrictionSchema>;

/**
 * 提前停止公示 — when a published penalty may stop being public before its period ends
 * (市场监督管理行政处罚信息公示规定 Art. 14): after at least `minMonths` public (the time limit
 * SAMR sets separately, para. 2 — [VAR]), on the four conditions of para. 1, never for the
 * severe penalty kinds of para. 3 (`excludedKinds`).
 */
export const EarlyEndSchema = z
  .object({
    /** 规定时限 — the least time public, in months, counted from the first publication [VAR]. */
    minMonths: z.number().int().nonnegative(),
    /** The rule that sets `minMonths`. */
    minMonthsSource: RuleSourceSchema,
    /** 不得提前停止公示的处罚种类 — the severe kinds. */
    excludedKinds: z.array(PenaltyKindSchema).readonly(),
    /** The rule that excludes them. */
    excludedSource: RuleSourceSchema,
    /** The rule that allows the early end (its conditions). */
    source: RuleSourceSchema,
  })
  .readonly();
/** 提前停止公示 (see {@link EarlyEndSchema}). */
export type EarlyEnd = z.infer<typeof EarlyEndSchema>;

const RuleShape = z.object({
  /** Stable id: the kind for before/during items (`officer`), `decision.<category>` for decisions. */
  id: z.string().min(1),
  /** The item kind the rule covers. */
  kind: DisclosureKindSchema,
  /** For decisions: the action category. */
  category: ActionCategorySchema.optional(),
  /** Chinese name of the item, e.g. `行政处罚决定信息`. */
  name: z.string().min(1),
  /** Whether publication is required (false: the bureau may publish). */
  required: z.boolean(),
  /** Publication deadline: an id of `STATUTORY_PERIODS`, or null (shown on the spot, no deadline). */
  deadlinePeriodId: z.string().min(1).nullable(),
  /** Withdrawal deadline after the decision is changed, revoked or found unlawful, or null. */
  withdrawalPeriodId: z.string().min(1).nullable(),
  /** 公示期限 — null: public while in force. */
  publicity: PublicitySchema.nullable(),
  /** A shorter period for light penalties (SAMR Art. 13). */
  lowPublicity: LowPublicitySchema.optional(),
  /** A restriction longer than the period stays public while it lasts (SAMR Art. 13 para. 3). */
  longRestriction: LongRestrictionSchema.optional(),
  /** 公示渠道, e.g. `政府网站`, `国家企业信用信息公示系统`, `执法现场出示`. */
  channels: z.array(z.string().min(1)).readonly(),
  /** Warning-only penalties are not published (SAMR Art. 2 para. 2). */
  excludeWarningOnly: z.boolean().optional(),
  /** Only decisions of the ordinary procedure are published (SAMR Art. 2 para. 1). */
  ordinaryProcedureOnly: z.boolean().optional(),
  /** 跨省推送 — the cross-province route (SAMR Art. 10); absent: the bureau always publishes itself. */
  crossProvince: CrossProvinceRouteSchema.optional(),
  /** 提前停止公示 — when publicity may end early (SAMR Art. 14); absent: never. */
  earlyEnd: EarlyEndSchema.optional(),
  /** The rule that requires the disclosure and sets its deadline. */
  source: RuleSourceSchema,
  /** The rule that sets the publicity period, when not `source`. */
  publicitySource: RuleSourceSchema.optional(),
});

/**
 * 公示规则 — one row of the disclosure rule table: which item, whether it is required, its
 * deadline and withdrawal periods (ids of the statutory periods table), how long it stays
 * public, the channels, and the source. Rules are data: a bureau changes rows by
 * configuration ({@link resolveDisclosurePolicy}), never by editing code.
 */
export const DisclosureRuleSchema = RuleShape.readonly();
/** 公示规则 (see {@link DisclosureRuleSchema}). */
export type DisclosureRule = z.infer<typeof DisclosureRuleSchema>;

/** A bureau's change to one rule: any field but the id, kind and category. */
export const DisclosureRuleOverrideSchema = RuleShape.omit({ id: true, kind: true, category: true }).partial();
/** A bureau's change to one rule (see {@link DisclosureRuleOverrideSchema}). */
export type DisclosureRuleOverride = z.infer<typeof DisclosureRuleOverrideSchema>;
