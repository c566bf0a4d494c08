import { z } from "zod";
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import { type HashAlgorithm, sha256, toHex } from "../kernel/hash.js";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { PenaltySchema } from "../registry/benchmarks/penalty-shape.js";
import { PartyKindSchema } from "../registry/entities/parties.js";

/**
 * 拟作出的处罚 — the penalty a draft proposes: its kinds (行政处罚法 Art. 9), the fine and the
 * value confiscated, in integer fen. The same shape as the ordinary procedure's penalty, so
 * a case's penalty can be reviewed as it is.
 */
export const DraftPenaltySchema = PenaltySchema;
/** 拟作出的处罚 (see {@link DraftPenaltySchema}). */
export type DraftPenalty = z.infer<typeof DraftPenaltySchema>;

/**
 * 行政强制的种类 — the coercive decisions a draft may propose (行政强制法 Arts. 9, 12): 查封场所、
 * 设施或者财物 / 扣押财物 (`sealOrSeize`), 冻结存款、汇款 (`freeze`), 拍卖或者依法处理查封、扣押的
 * 场所、设施或者财物 (`auction`), 强制拆除 (`demolition`, Art. 44), 其他强制执行决定
 * (`execution`, Art. 37).
 */
export const DraftCoercionKindSchema = z.enum(["sealOrSeize", "freeze", "auction", "demolition", "execution"]);
/** 行政强制的种类 (see {@link DraftCoercionKindSchema}). */
export type DraftCoercionKind = z.infer<typeof DraftCoercionKindSchema>;

/**
 * 拟作出的行政强制决定 — a coercive decision proposed for review: its kind, the value of the
 * property concerned (fen) when known, and whether it stops the party's production or
 * business (a seal of premises that closes them).
 */
export const DraftCoercionSchema = z
  .object({
    /** The kind of coercive decision. */
    kind: DraftCoercionKindSchema,
    /** 涉案财物价值 (fen). */
    valueFen: FenSchema.optional(),
    /** 导致当事人停产停业. */
    stopsOperations: z.boolean().default(false),
  })
  .readonly();
/** 拟作出的行政强制决定 (see {@link DraftCoercionSchema}). */
export type DraftCoercion = z.infer<typeof DraftCoercionSchema>;

/**
 * 行政许可决定的种类 — 准予 (`grant`), 不予 (`refuse`), 变更 (`change`), 延续 (`renew`), 撤销
 * (`revoke`, 行政许可法 Art. 69), 注销 (`cancel`, Art. 70).
 */
export const DraftLicenceDecisionSchema = z.enum(["grant", "refuse", "change", "renew", "revoke", "cancel"]);
/** 行政许可决定的种类 (see {@link DraftLicenceDecisionSchema}). */
export type DraftLicenceDecision = z.infer<typeof DraftLicenceDecisionSchema>;

/** 拟作出的行政许可决定 — a licensing decision proposed for review: its kind and the licensed matter. */
export const DraftLicenceSchema = z
  .object({
    /** The kind of licensing decision. */
    decision: DraftLicenceDecisionSchema,
    /** 许可事项. */
    matter: z.string().trim().min(1),
  })
  .readonly();
/** 拟作出的行政许可决定 (see {@link DraftLicenceSchema}). */
export type DraftLicence = z.infer<typeof DraftLicenceSchema>;

/**
 * 决定草案 — what the handling unit submits for legal review and what the review approves:
 * the case, the party (kind and name), the facts found, the legal basis, the outcome of
 * 行政处罚法 Art. 57 para. 1 and the penalty (kinds and amounts) — the decision itself, which
 * {@link reviewDraftHash} binds an approval to — and the circumstances the catalogue of major
 * decisions reads: a hearing held, major rights, complexity, several legal relationships,
 * major public interest, major social impact, 减轻处罚, a penalty outside the discretion
 * benchmark, and any other rule that requires review (Art. 58 para. 1 item 4).
 */
export const ReviewDraftSchema = z
  .object({
    /** 案件 — the case the decision is for. */
    caseId: IdSchema,
    /** 当事人 — kind (公民 / 法人或者其他组织) and name. */
    party: z
      .object({
        /** `person` or `organisation`. */
        kind: PartyKindSchema,
        /** 姓名或者名称. */
        name: z.string().trim().min(1),
        /** Key in the entities database (身份证号 or 统一社会信用代码), when known. */
        partyId: z.string().trim().min(1).optional(),
      })
      .readonly(),
    /** 违法事实 — the facts found. */
    facts: z.string().trim().min(1),
    /** 法律依据 — the provisions applied, e.g. `律师法第五十条` (none for 违法事实不能成立). */
    basis: z.array(z.string().trim().min(1)).readonly().default([]),
    /**
     * 决定类型 — 处罚, 不予处罚（轻微）, 不予处罚（违法事实不成立）, 移送司法机关 (行政处罚法 Art. 57
     * para. 1); or a major decision of another action under 国办发〔2018〕118号 四（十二）: 行政强制
     * (`coercion`) or 行政许可 (`licence`).
     */
    outcome: z.enum(["penalty", "noPenaltyMinor", "notEstablished", "transfer", "coercion", "licence"]),
    /** 拟作出的处罚 — present exactly when `outcome` is `penalty`. */
    penalty: DraftPenaltySchema.optional(),
    /** 拟作出的行政强制决定 — present exactly when `outcome` is `coercion`. */
    coercion: DraftCoercionSchema.optional(),
    /** 拟作出的行政许可决定 — present exactly when `outcome` is `licence`. */
    licence: DraftLicenceSchema.optional(),
    /** 经过听证程序 (Art. 58 para. 1 item 2). */
    hearingHeld: z.boolean().default(false),
    /** 直接关系当事人或者第三人重大权益 (Art. 58 para. 1 item 2). */
    majorRights: z.boolean().default(false),
    /** 案件情况疑难复杂 (Art. 58 para. 1 item 3). */
    complex: z.boolean().default(false),
    /** 涉及多个法律关系 (Art. 58 para. 1 item 3). */
    severalLegalRelationships: z.boolean().default(false),
    /** 涉及重大公共利益 (Art. 58 para. 1 item 1). */
    majorPublicInterest: z.boolean().default(false),
    /** 可能造成重大社会影响或者引发社会风险 (catalogue). */
    majorSocialImpact: z.boolean().default(false),
    /** 减轻处罚 (catalogue). */
    mitigated: z.boolean().default(false),
    /** 超出裁量基准（从轻或者从重）(catalogue). */
    outsideBenchmark: z.boolean().default(false),
    /** 法律、法规规定应当进行法制审核的其他情形 (Art. 58 para. 1 item 4): each with its rule. */
    requiredBy: z.array(RuleSourceSchema).readonly().default([]),
  })
  .readonly()
  .refine((d) => (d.outcome === "penalty") === (d.penalty !== undefined), {
    message: "处罚决定须载明处罚内容，不予处罚或移送的决定不应载明处罚内容",
    path: ["penalty"],
  })
  .refine((d) => (d.outcome === "coercion") === (d.coercion !== undefined), {
    message: "行政强制决定须载明强制内容（coercion），其他决定不应载明",
    path: ["coercion"],
  })
  .refine((d) => (d.outcome === "licence") === (d.licence !== undefined), {
    message: "行政许可决定须载明许可内容（licence），其他决定不应载明",
    path: ["licence"],
  });
/** 决定草案 (see {@link ReviewDraftSchema}). */
export type ReviewDraft = z.infer<typeof ReviewDraftSchema>;
/** A draft as an app writes it (defaults not yet applied). */
export type ReviewDraftInput = z.input<typeof ReviewDraftSchema>;

/** 决定内容 — the part of a draft an approval binds to (see {@link reviewDraftHash}). */
export function draftCore(draft: ReviewDraft): Record<string, unknown> {
  const { caseId, party, facts, basis, outcome, penalty, coercion, licence } = draft;
  return {
    caseId,
    party,
    facts,
    basis,
    outcome,
    ...(penalty === undefined ? {} : { penalty }),
    ...(coercion === undefined ? {} : { coercion }),
    ...(licence === undefined ? {} : { licence }),
  };
}

/**
 * 决定草案哈希 — the hex hash (default SHA-256) of the canonical JSON of the decision a draft
 * proposes: case, party, facts, basis, outcome, penalty kinds and amounts, and the coercive or
 * licensing decision ({@link draftCore}; a penalty draft hashes as before).
 * An approval names this hash; the gate recomputes it from the decision about to be made, so
 * any change to the decision voids the approval (行政处罚法 Art. 58: "未经法制审核或者审核未
 * 通过的，不得作出决定"). The circumstances only classify the draft: they are not hashed.
 */
export function reviewDraftHash(draft: ReviewDraft, algorithm: HashAlgorithm = sha256): string {
  return toHex(algorithm.hash(canonicalJsonBytes(draftCore(draft))));
}
