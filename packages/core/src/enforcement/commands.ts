import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";
import { CivilDateSchema, InstantSchema } from "../kernel/time.js";
import { ActionNameSchema, RecordKindSchema } from "../recording/vocabulary.js";
import { DivisionCodeSchema } from "../registry/bodies/schema.js";
import { PartyKindSchema } from "../registry/entities/parties.js";
import { PenaltySchema } from "./penalty.js";

/**
 * 随附记录 — a record handed in with a command (笔录, 文书, 录像 …): what the whole-process
 * record rules check before the step is accepted (recording `requireRecords`).
 */
export const RecordRefSchema = z
  .object({
    /** Id of the record. */
    id: IdSchema,
    /** Kind of record. */
    kind: RecordKindSchema,
    /** Evidence items (files) that hold it. */
    evidenceIds: z.array(IdSchema).readonly().default([]),
    /** 全程记录 — covers the whole action. */
    wholeProcess: z.boolean().optional(),
    /** Recording start (audio-video). */
    startedAt: InstantSchema.optional(),
    /** Recording end (audio-video). */
    endedAt: InstantSchema.optional(),
  })
  .readonly();
/** 随附记录 (see {@link RecordRefSchema}). */
export type RecordRef = z.infer<typeof RecordRefSchema>;

const records = z.array(RecordRefSchema).readonly().default([]);
/** When the act happened (default: the context's `now`); never later than `now`. */
const at = InstantSchema.optional();

/**
 * 案件当事人 — the party of a case as the procedure needs it: a natural person (公民) or an
 * organisation (法人或者其他组织) — which decides the hearing threshold — its name and,
 * when known, its key in the market-entities database (身份证号 or 统一社会信用代码).
 */
export const CasePartySchema = z.object({
  /** `person` or `organisation`. */
  kind: PartyKindSchema,
  /** Name (姓名或者名称). */
  name: z.string().trim().min(1),
  /** Key in the entities database. */
  partyId: z.string().trim().min(1).optional(),
});
/** 案件当事人 (see {@link CasePartySchema}). */
export type CaseParty = z.infer<typeof CasePartySchema>;

/** 决定类型 — the four outcomes of 行政处罚法 Art. 57 para. 1: 处罚, 不予处罚（轻微）, 不予处罚（违法事实不成立）, 移送司法机关. */
export const DecisionOutcomeSchema = z.enum(["penalty", "noPenaltyMinor", "notEstablished", "transfer"]);
/** 决定类型 (see {@link DecisionOutcomeSchema}). */
export type DecisionOutcome = z.infer<typeof DecisionOutcomeSchema>;

/** 送达方式 — how the decision reaches the party: 当场交付, 直接送达, 留置送达, 邮寄送达, 公告送达, 电子送达. */
export const ServiceMethodSchema = z.enum(["onSpot", "direct", "leaving", "mail", "publicNotice", "electronic"]);
/** 送达方式 (see {@link ServiceMethodSchema}). */
export type ServiceMethod = z.infer<typeof ServiceMethodSchema>;

/**
 * 普通程序命令 — what an app asks of an ordinary penalty case (行政处罚普通程序), one per step:
 * - `case.file` 立案 (party, category and place, officers, date of the act, the 立案审批表);
 * - `officers.assign` 指派执法人员 (at least two certified);
 * - `investigation.record` 调查取证 (an action with its records: 询问笔录, 现场检查笔录 …);
 * - `investigation.close` 调查终结 (facts; whether legal review is required; complex or major);
 * - `notice.serve` 告知 (拟作出的处罚、事实、理由、依据及陈述申辩、听证权利);
 * - `defence.receive` 陈述申辩 / `defence.waive` 书面放弃陈述申辩;
 * - `hearing.request` 要求听证 / `hearing.hold` 举行听证 (听证笔录);
 * - `discussion.hold` 集体讨论;
 * - `review.approve` 法制审核通过 (of a decision draft, by its hash);
 * - `case.decide` 作出决定 (处罚 / 不予处罚 / 移送);
 * - `decision.serve` 送达决定书; `payment.record` 缴纳罚款; `case.close` 结案; `case.archive` 归档.
 */
export const PenaltyCommandSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("case.file"),
    at,
    party: CasePartySchema,
    /** 执法类别, as on the officers' certificates. */
    category: z.string().trim().min(1),
    /** Division code of the place of the act. */
    regionCode: DivisionCodeSchema,
    /** 执法主体 — default: the first officer's body. */
    bodyId: IdSchema.optional(),
    /** The officers who will handle the case. */
    officerIds: z.array(IdSchema).min(1).readonly(),
    /** 违法行为发生之日 (for a continuing act, the day it ended). */
    actDate: CivilDateSchema,
    /** Endangers life, health or financial safety with harmful consequences (5-year limitation). */
    severe: z.boolean().default(false),
    /** 发现之日 — default: the filing date. */
    discoveredOn: CivilDateSchema.optional(),
    records,
  }),
  z.object({ type: z.literal("officers.assign"), at, officerIds: z.array(IdSchema).min(1).readonly() }),
  z.object({
    type: z.literal("investigation.record"),
    at,
    /** Id of the action within the case. */
    actionId: IdSchema,
    /** The action, e.g. `inquiry`, `siteInspection`, `sealOrSeize`. */
    action: ActionNameSchema,
    /** When the action ended. */
    endedAt: InstantSchema.optional(),
    records,
  }),
  z.object({
    type: z.literal("investigation.close"),
    at,
    /** 调查认定的事实. */
    facts: z.string().trim().min(1),
    /** 须经法制审核 (行政处罚法 Art. 58; the classification is the review module's). */
    reviewRequired: z.boolean().default(false),
    /** 情节复杂或者重大违法行为 (Art. 57 para. 2). */
    complexOrMajor: z.boolean().default(false),
  }),
  z.object({
    type: z.literal("notice.serve"),
    at,
    /** 拟作出的行政处罚. */
    penalty: PenaltySchema,
    /** 事实. */
    facts: z.string().trim().min(1),
    /** 理由及依据. */
    basis: z.array(z.string().trim().min(1)).min(1).readonly(),
    /** Grant a hearing right beyond Art. 63's table (其他较重的行政处罚). */
    hearingRight: z.boolean().default(false),
    records,
  }),
  z.object({ type: z.literal("defence.receive"), at, statement: z.string().trim().min(1), records }),
  z.object({ type: z.literal("defence.waive"), at, records }),
  z.object({ type: z.literal("hearing.request"), at }),
  z.object({ type: z.literal("hearing.hold"), at, presiderId: IdSchema, records }),
  z.object({
    type: z.literal("discussion.hold"),
    at,
    participants: z.array(IdSchema).min(1).readonly(),
    conclusion: z.string().trim().min(1),
  }),
  z.object({ type: z.literal("review.approve"), at, draftHash: z.string().regex(/^[0-9a-f]{64}$/) }),
  z.object({
    type: z.literal("case.decide"),
    at,
    outcome: DecisionOutcomeSchema,
    penalty: PenaltySchema.optional(),
    records,
  }),
  z.object({ type: z.literal("decision.serve"), at, method: ServiceMethodSchema, records }),
  z.object({ type: z.literal("payment.record"), at, amountFen: FenSchema.refine((n) => n > 0) }),
  z.object({ type: z.literal("case.close"), at }),
  z.object({ type: z.literal("case.archive"), at, records }),
]);
/** 普通程序命令 (see {@link PenaltyCommandSchema}). */
export type PenaltyCommand = z.infer<typeof PenaltyCommandSchema>;
/** A command as an app may write it (defaults not yet applied). */
export type PenaltyCommandInput = z.input<typeof PenaltyCommandSchema>;
/** The `type` of a {@link PenaltyCommand}. */
export type PenaltyCommandType = PenaltyCommand["type"];
