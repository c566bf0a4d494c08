import { z } from "zod";
import { CaseDeadlineSchema } from "../enforcement/deadline.js";
import { IdSchema } from "../kernel/ports.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import { EarlyEndConditionsSchema, WithdrawalCauseSchema } from "./commands.js";
import { DisclosureDraftSchema } from "./draft.js";
import { RedactionSchema } from "./redaction.js";
import { ForwardedInformationSchema } from "./routing.js";
import {
  DisclosureContentSchema,
  DisclosureKindSchema,
  PublishedItemSchema,
  WithdrawalNoticeSchema,
} from "./schema.js";

const at = InstantSchema;
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const redactions = z.array(RedactionSchema).readonly();

/**
 * 公示事件 — what happened to one disclosure, as the `type` and `payload` of a
 * {@link recording.CaseEvent} in the disclosure's own stream (stream id = the draft's `disclosureId`),
 * so that disclosures share the bureau's event store and Merkle log with the cases: every
 * step of 公示 is an audit-log leaf. Every event carries `at`, when the act took place.
 *
 * Deadlines travel in the events as {@link enforcement.CaseDeadline}s under the top-level key `due`, so
 * the deadline index (`deadlinesProjection`) picks them up like any case deadline, and the
 * events that meet them (`disclosure.published` / `disclosure.withheld` for the publication
 * period, `disclosure.withdrawn` for the withdrawal period) discharge them. The events that
 * end the disclosure obligation of a case (`disclosure.published`, `disclosure.withheld`)
 * carry the draft's `caseId`, so the disclosure queue can find the case's row.
 *
 * - `disclosure.drafted` 拟定 (the redacted draft, its content hash and the publication deadline);
 * - `disclosure.withheld` 不予公开 (reason and source; discharges the obligation);
 * - `disclosure.revised` 修改 before the sign-off (the new content and its hash);
 * - `disclosure.approved` 负责人审定 (who, and the hash of exactly what was signed off);
 * - `disclosure.published` 发布 (the whole public item: the log says exactly what the public saw);
 * - `disclosure.corrected` 纠错 (a new version awaiting approval; the old one stays public);
 * - `disclosure.withdrawalRequired` 应当撤回 (cause, the day of the change, the 3-working-day deadline);
 * - `disclosure.withdrawn` 撤回 (the public notice; whether after the deadline);
 * - `disclosure.expired` 公示期满;
 * - `disclosure.forwarded` 跨省推送 (to whom, via whom, the signed-off information; discharges
 *   the forward deadline, ends the sender's duty: 市场监督管理行政处罚信息公示规定 Art. 10);
 * - `disclosure.endedEarly` 提前停止公示 (the attested conditions; the item leaves the public
 *   like an expired one: Art. 14).
 */
export const DisclosureEventSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("disclosure.drafted"),
    at,
    draft: DisclosureDraftSchema,
    /** The hash of the draft's content ({@link disclosureContentHash}). */
    contentHash: hash,
    /** 公示期限 — when the item must be public; absent when the rule sets none. */
    due: CaseDeadlineSchema.optional(),
  }),
  z.object({
    type: z.literal("disclosure.withheld"),
    at,
    /** 不予公开的理由. */
    reason: z.string().min(1),
    /** The rule that exempts it (e.g. 政府信息公开条例 Art. 14). */
    source: RuleSourceSchema,
    /** The draft's kind (the disclosure queue only clears a case's row for a decision). */
    kind: DisclosureKindSchema,
    /** The case the draft comes from, when it has one. */
    caseId: IdSchema.optional(),
  }),
  z.object({
    type: z.literal("disclosure.revised"),
    at,
    content: DisclosureContentSchema,
    contentHash: hash,
    redactions,
    /** 修改理由. */
    reason: z.string().min(1),
  }),
  z.object({
    type: z.literal("disclosure.approved"),
    at,
    /** 审定的负责人. */
    approverId: IdSchema,
    /** The hash of the content signed off. */
    contentHash: hash,
  }),
  z.object({
    type: z.literal("disclosure.published"),
    at,
    /** The public item, exactly as handed to the Publisher. */
    item: PublishedItemSchema,
    /** 公示渠道. */
    channel: z.string().min(1),
    /** Where the public finds it (from the Publisher's receipt). */
    location: z.string().min(1).optional(),
    /** The case the item comes from, when it has one. */
    caseId: IdSchema.optional(),
  }),
  z.object({
    type: z.literal("disclosure.corrected"),
    at,
    content: DisclosureContentSchema,
    contentHash: hash,
    redactions,
    /** 更正理由 — the public note of the next version. */
    reason: z.string().min(1),
  }),
  z.object({
    type: z.literal("disclosure.withdrawalRequired"),
    at,
    cause: WithdrawalCauseSchema,
    /** The day the decision was changed, revoked, or confirmed unlawful or void. */
    changedOn: CivilDateSchema,
    /** 撤回期限 (行政处罚法 Art. 48 para. 2: 3 working days). */
    due: CaseDeadlineSchema,
  }),
  z.object({
    type: z.literal("disclosure.withdrawn"),
    at,
    /** 撤回公告 — what stays public. */
    notice: WithdrawalNoticeSchema,
    /** Withdrawn after the withdrawal deadline. */
    late: z.boolean(),
    /** The case the item comes from, when it has one. */
    caseId: IdSchema.optional(),
  }),
  z.object({ type: z.literal("disclosure.expired"), at }),
  z.object({
    type: z.literal("disclosure.forwarded"),
    at,
    /** 推送至 — the party's registration-place bureau. */
    to: z.string().min(1),
    /** 经由 — the deciding bureau's provincial market regulator. */
    via: z.string().min(1),
    /** 当事人登记地（住所地）所在省份. */
    registeredIn: z.string().min(1),
    /** What was pushed: exactly the signed-off content. */
    information: ForwardedInformationSchema,
    /** The draft's kind (the disclosure queue only clears a case's row for a decision). */
    kind: DisclosureKindSchema,
    /** The case the draft comes from, when it has one. */
    caseId: IdSchema.optional(),
  }),
  z.object({
    type: z.literal("disclosure.endedEarly"),
    at,
    /** The conditions of Art. 14 para. 1, as attested (all true). */
    conditions: EarlyEndConditionsSchema,
    /** 申请之日. */
    appliedOn: CivilDateSchema.optional(),
    /** The rule that allows it. */
    source: RuleSourceSchema,
    /** The case the item comes from, when it has one. */
    caseId: IdSchema.optional(),
  }),
]);
/** 公示事件 (see {@link DisclosureEventSchema}). */
export type DisclosureEvent = z.infer<typeof DisclosureEventSchema>;
/** The `type` of a {@link DisclosureEvent}. */
export type DisclosureEventType = DisclosureEvent["type"];

/** The Chinese name of each {@link DisclosureEventType}, as the audit log shows it. */
export const DISCLOSURE_EVENT_NAMES: Readonly<Record<DisclosureEventType, string>> = {
  "disclosure.drafted": "拟定公示信息",
  "disclosure.withheld": "决定不予公开",
  "disclosure.revised": "修改拟公示内容",
  "disclosure.approved": "负责人审定",
  "disclosure.published": "发布公示信息",
  "disclosure.corrected": "更正公示信息",
  "disclosure.withdrawalRequired": "应当撤回公示信息",
  "disclosure.withdrawn": "撤回公示信息",
  "disclosure.expired": "公示期满",
  "disclosure.forwarded": "跨省推送公示信息",
  "disclosure.endedEarly": "提前停止公示",
};
