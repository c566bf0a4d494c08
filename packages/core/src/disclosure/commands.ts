import { z } from "zod";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import { DisclosureDraftSchema } from "./draft.js";
import { RedactionSchema } from "./redaction.js";
import { DisclosureContentSchema } from "./schema.js";

/** When the act happened (default: the context's `now`); never later than `now`. */
const at = InstantSchema.optional();
const reason = z.string().trim().min(1);
const redactions = z.array(RedactionSchema).readonly().default([]);

/**
 * 撤回事由 — why a published decision must be withdrawn (行政处罚法 Art. 48 para. 2;
 * 市场监督管理行政处罚信息公示规定 Art. 11): the decision was 变更 `changed`, 撤销 `revoked`,
 * 确认违法 `confirmedIllegal` or 确认无效 `confirmedVoid`.
 */
export const WITHDRAWAL_CAUSES = ["changed", "revoked", "confirmedIllegal", "confirmedVoid"] as const;
/** zod schema of a {@link WithdrawalCause}. */
export const WithdrawalCauseSchema = z.enum(WITHDRAWAL_CAUSES);
/** 撤回事由 (see {@link WITHDRAWAL_CAUSES}). */
export type WithdrawalCause = z.infer<typeof WithdrawalCauseSchema>;
/** The Chinese name of each {@link WithdrawalCause}. */
export const WITHDRAWAL_CAUSE_NAMES: Readonly<Record<WithdrawalCause, string>> = {
  changed: "被变更",
  revoked: "被撤销",
  confirmedIllegal: "被确认违法",
  confirmedVoid: "被确认无效",
};

/**
 * 提前停止公示的条件 — the four conditions of 市场监督管理行政处罚信息公示规定 Art. 14 para. 1,
 * each attested true or false: 已经自觉履行行政处罚决定中规定的义务 `obligationsFulfilled`,
 * 已经主动消除危害后果和不良影响 `harmRemoved`, 未因同一类违法行为再次受到市场监督管理部门行政处罚
 * `noRepeatPenalty`, 未在经营异常名录和严重违法失信名单中 `notOnBlacklists`.
 */
export const EarlyEndConditionsSchema = z
  .object({
    /** 已经自觉履行行政处罚决定中规定的义务. */
    obligationsFulfilled: z.boolean(),
    /** 已经主动消除危害后果和不良影响. */
    harmRemoved: z.boolean(),
    /** 未因同一类违法行为再次受到市场监督管理部门行政处罚. */
    noRepeatPenalty: z.boolean(),
    /** 未在经营异常名录和严重违法失信名单中. */
    notOnBlacklists: z.boolean(),
  })
  .strict()
  .readonly();
/** 提前停止公示的条件 (see {@link EarlyEndConditionsSchema}). */
export type EarlyEndConditions = z.infer<typeof EarlyEndConditionsSchema>;
/** The Chinese wording of each condition of {@link EarlyEndConditions} (Art. 14 para. 1 items 1–4). */
export const EARLY_END_CONDITION_NAMES: Readonly<Record<keyof EarlyEndConditions, string>> = {
  obligationsFulfilled: "已经自觉履行行政处罚决定中规定的义务",
  harmRemoved: "已经主动消除危害后果和不良影响",
  noRepeatPenalty: "未因同一类违法行为再次受到市场监督管理部门行政处罚",
  notOnBlacklists: "未在经营异常名录和严重违法失信名单中",
};

/**
 * 公示命令 — what an app asks of one disclosure (its own stream), one per step:
 * - `disclosure.draft` 拟定公示信息 (the redacted draft, e.g. from `decisionDisclosureDraft`);
 * - `disclosure.withhold` 决定不予公开 (a minor's case, a secret: the obligation is discharged, the reason stays in the log);
 * - `disclosure.revise` 修改拟公示内容 before the sign-off (re-checked for personal data);
 * - `disclosure.approve` 负责人审定 — the head signs off exactly the content with `contentHash`;
 * - `disclosure.publish` 发布 (normally through `publishDisclosure`, which calls the Publisher port first);
 * - `disclosure.correct` 纠错 — a new version of a published item, to be approved and published again;
 * - `disclosure.requireWithdrawal` 记录撤回事由 (the decision was changed, revoked or found unlawful);
 * - `disclosure.withdraw` 撤回, with the public reason (normally through `withdrawDisclosure`);
 * - `disclosure.expire` 公示期满 (the system job `expireDisclosures`);
 * - `disclosure.forward` 跨省推送 — a cross-province draft's signed-off content pushed through
 *   the provincial bureau (`via`) to the registration-place bureau (市场监督管理行政处罚信息公示规定 Art. 10);
 * - `disclosure.endEarly` 提前停止公示 — the head grants the party's application, the four
 *   conditions of Art. 14 para. 1 attested.
 */
export const DisclosureCommandSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("disclosure.draft"), at, draft: DisclosureDraftSchema }),
  z.object({ type: z.literal("disclosure.withhold"), at, reason, source: RuleSourceSchema }),
  z.object({ type: z.literal("disclosure.revise"), at, content: DisclosureContentSchema, redactions, reason }),
  z.object({ type: z.literal("disclosure.approve"), at, contentHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    type: z.literal("disclosure.publish"),
    at,
    /** 公示渠道 — the channel's name (the Publisher's `channel`). */
    channel: z.string().trim().min(1),
    /** Where the public finds it (from the Publisher's receipt). */
    location: z.string().min(1).optional(),
  }),
  z.object({ type: z.literal("disclosure.correct"), at, content: DisclosureContentSchema, redactions, reason }),
  z.object({
    type: z.literal("disclosure.requireWithdrawal"),
    at,
    cause: WithdrawalCauseSchema,
    /** The day the decision was changed, revoked, or confirmed unlawful or void (the period counts from it). */
    changedOn: CivilDateSchema,
  }),
  z.object({ type: z.literal("disclosure.withdraw"), at, reason }),
  z.object({ type: z.literal("disclosure.expire"), at }),
  z.object({
    type: z.literal("disclosure.forward"),
    at,
    /** 经由 — the deciding bureau's provincial market regulator that passes it on. */
    via: z.string().trim().min(1),
  }),
  z.object({
    type: z.literal("disclosure.endEarly"),
    at,
    /** The conditions of Art. 14 para. 1, as attested. */
    conditions: EarlyEndConditionsSchema,
    /** 申请之日 — when the party applied. */
    appliedOn: CivilDateSchema.optional(),
  }),
]);
/** 公示命令 (see {@link DisclosureCommandSchema}). */
export type DisclosureCommand = z.infer<typeof DisclosureCommandSchema>;
/** A command as an app writes it (defaults not yet applied). */
export type DisclosureCommandInput = z.input<typeof DisclosureCommandSchema>;
/** The `type` of a {@link DisclosureCommand}. */
export type DisclosureCommandType = DisclosureCommand["type"];
