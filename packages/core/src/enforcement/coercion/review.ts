// The legal-review gate of 查封、扣押 (issue 14): the head's approval is the decision to seal or
// seize (行政强制法 Art. 18 item 1; afterwards for an emergency act, Art. 19). When the bureau's
// catalogue of major decisions (国办发〔2018〕118号 四（十二）) classes the measure as major,
// the approval passes only with a passed legal review of exactly that measure — "未经法制审核
// 或审核未通过的，不得作出决定" (pilot plan 二（三）).
import { z } from "zod";
import type { SanxiangError } from "../../kernel/errors.js";
import type { HashAlgorithm } from "../../kernel/hash.js";
import { FenSchema } from "../../kernel/money.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { RuleSourceSchema } from "../../kernel/source.js";
import type { MajorReason, ReviewCatalogue } from "../../review/catalogue.js";
import type { ReviewDraft } from "../../review/draft.js";
import type { ReviewState } from "../../review/fold.js";
import { reviewGate } from "../../review/gate.js";
import { refuse } from "../guards.js";
import { SEIZURE_RULES } from "./rules.js";

/**
 * 拟作出的查封扣押决定 — what the head approves, as the 查封、扣押决定书 states it (行政强制法
 * Art. 24 para. 2): the facts, the reasons and legal basis; and what the catalogue of major
 * decisions reads: the value of the property concerned (fen; leave it out only when it has not
 * been assessed — the catalogue's value row then cannot apply), whether the measure stops the
 * party's production or business, and the circumstances of 行政处罚法 Art. 58 para. 1 /
 * 118号 四（十二） the handling unit found. The party is the case's unless named here.
 */
export const SeizureMeasureSchema = z
  .object({
    /** 当事人 — default: the case's party. */
    party: z
      .object({
        kind: z.enum(["person", "organisation"]),
        name: z.string().trim().min(1),
        partyId: z.string().trim().min(1).optional(),
      })
      .readonly()
      .optional(),
    /** 查封、扣押的理由（违法事实）. */
    facts: z.string().trim().min(1),
    /** 法律依据, e.g. `食品安全法第一百一十条第四项` (at least one: Art. 24 para. 2 item 2). */
    basis: z.array(z.string().trim().min(1)).min(1).readonly(),
    /** 涉案财物价值 (fen), when assessed. */
    valueFen: FenSchema.optional(),
    /** 导致当事人停产停业 (a seal of the premises that closes them). */
    stopsOperations: z.boolean().default(false),
    /** 涉及重大公共利益. */
    majorPublicInterest: z.boolean().default(false),
    /** 可能造成重大社会影响或者引发社会风险. */
    majorSocialImpact: z.boolean().default(false),
    /** 直接关系当事人或者第三人重大权益. */
    majorRights: z.boolean().default(false),
    /** 案件情况疑难复杂. */
    complex: z.boolean().default(false),
    /** 涉及多个法律关系. */
    severalLegalRelationships: z.boolean().default(false),
    /** 法律、法规规定应当进行法制审核的其他情形, each with its rule. */
    requiredBy: z.array(RuleSourceSchema).readonly().default([]),
  })
  .readonly();
/** 拟作出的查封扣押决定 (see {@link SeizureMeasureSchema}). */
export type SeizureMeasure = z.infer<typeof SeizureMeasureSchema>;
/** {@link SeizureMeasure} as an app writes it (defaults optional). */
export type SeizureMeasureInput = z.input<typeof SeizureMeasureSchema>;

/**
 * 审核关口上下文 — what the seizure decider needs to gate an approval: the case (its id and
 * party), the bureau's catalogue and hash, the legal reviews of the case the app loaded and
 * the draft hashes the case stream already records as approved.
 */
export interface SeizureReviewContext {
  /** 案件 — the case the measure belongs to (the review's `caseId`). */
  readonly caseId: string;
  /** 当事人 — the case's party, when known. */
  readonly party?: ReviewDraft["party"];
  /** The bureau's catalogue of major decisions (default: the national one). */
  readonly catalogue?: ReviewCatalogue;
  /** The hash the reviews use (default SHA-256). */
  readonly hash?: HashAlgorithm;
  /** 本案法制审核 — the case's reviews. */
  readonly reviews?: readonly ReviewState[];
  /** Draft hashes the case records as approved (`review.approved`). */
  readonly approvedDraftHashes?: readonly string[];
}

/**
 * 查封扣押决定草案 — the legal-review draft of a 查封、扣押 decision: outcome `coercion`, kind
 * `sealOrSeize`, the value and whether it stops operations, the facts and basis, the
 * circumstances. The handling unit submits this draft for review (`review.submit`); the
 * approval's gate recomputes it from the approval's `measure`, so the hashes agree exactly
 * when the head approves the measure that was reviewed. `INVALID_INPUT` when neither the
 * measure nor the case names the party.
 */
export function seizureReviewDraft(
  subject: { readonly caseId: string; readonly party?: ReviewDraft["party"] | undefined },
  measure: SeizureMeasure,
): Result<ReviewDraft, SanxiangError> {
  const party = measure.party ?? subject.party;
  if (party === undefined) {
    return err(
      refuse(
        "INVALID_INPUT",
        "查封、扣押决定须载明当事人：案件未载明当事人，请在 measure.party 中填写",
        SEIZURE_RULES.decisionContents.source,
        { field: "measure.party" },
      ),
    );
  }
  return ok({
    caseId: subject.caseId,
    party,
    facts: measure.facts,
    basis: measure.basis,
    outcome: "coercion",
    coercion: {
      kind: "sealOrSeize",
      ...(measure.valueFen === undefined ? {} : { valueFen: measure.valueFen }),
      stopsOperations: measure.stopsOperations,
    },
    hearingHeld: false,
    majorRights: measure.majorRights,
    complex: measure.complex,
    severalLegalRelationships: measure.severalLegalRelationships,
    majorPublicInterest: measure.majorPublicInterest,
    majorSocialImpact: measure.majorSocialImpact,
    mitigated: false,
    outsideBenchmark: false,
    requiredBy: measure.requiredBy,
  });
}

/** 延长查封扣押的内容 — how long (days) and why (情况复杂的理由), as told to the party. */
export interface SeizureExtensionTerms {
  /** 延长日数. */
  readonly days: number;
  /** 情况复杂的理由. */
  readonly reason: string;
}

/** The article an extension rests on, added to the measure's basis in the extension's draft. */
export const EXTENSION_BASIS = "行政强制法第二十五条第一款";

/**
 * 延长查封扣押决定草案 — the legal-review draft of an extension (行政强制法 Art. 25 paras. 1–2):
 * the measure's draft ({@link seizureReviewDraft}) whose facts state the extension (days and
 * reason) and whose basis adds Art. 25 para. 1. It is its own decision: a review of the
 * original measure does not cover it, and the catalogue classifies it like the measure it
 * prolongs (value, stopping operations, circumstances). The handling unit submits this draft
 * (`submitSeizure` with `extension`); the gate recomputes it from the extension's command.
 */
export function seizureExtensionReviewDraft(
  subject: { readonly caseId: string; readonly party?: ReviewDraft["party"] | undefined },
  measure: SeizureMeasure,
  extension: SeizureExtensionTerms,
): Result<ReviewDraft, SanxiangError> {
  return seizureReviewDraft(subject, measure).map((d) => ({
    ...d,
    facts: `${d.facts}；拟延长查封、扣押期限${extension.days}日，理由：${extension.reason}`,
    basis: d.basis.includes(EXTENSION_BASIS) ? d.basis : [...d.basis, EXTENSION_BASIS],
  }));
}

/** 审核关口结论 of an approval — what the `seizure.approved` event records. */
export interface SeizureReviewRecord {
  /** 重大执法决定. */
  readonly major: boolean;
  /** Why it is major (empty when not). */
  readonly reasons: readonly MajorReason[];
  /** The draft's hash (what a review approved). */
  readonly draftHash: string;
  /** The review relied on, when one of the loaded reviews approved it. */
  readonly reviewId?: string;
}

/**
 * 查封扣押审核关口 — may the head approve this measure (or, with `extension`, extend it)?
 * Builds {@link seizureReviewDraft} (or {@link seizureExtensionReviewDraft}) and
 * runs the review gate: not major → passes; major → passes only with an approved review of
 * this very draft (or its hash recorded as approved in the case). Otherwise
 * `REVIEW_NOT_APPROVED` citing the pilot plan's gate, with the reasons, `details.why` and the
 * next step (submit this draft for review).
 */
export function checkSeizureReview(
  measure: SeizureMeasure,
  rctx: SeizureReviewContext,
  extension?: SeizureExtensionTerms,
): Result<SeizureReviewRecord, SanxiangError> {
  const draft =
    extension === undefined ? seizureReviewDraft(rctx, measure) : seizureExtensionReviewDraft(rctx, measure, extension);
  if (draft.isErr()) return err(draft.error);
  const gate = reviewGate(rctx.reviews ?? [], draft.value, {
    ...(rctx.catalogue === undefined ? {} : { catalogue: rctx.catalogue }),
    ...(rctx.hash === undefined ? {} : { hash: rctx.hash }),
    ...(rctx.approvedDraftHashes === undefined ? {} : { approvedDraftHashes: rctx.approvedDraftHashes }),
  });
  if (gate.isErr()) return err(gate.error);
  const { classification, draftHash, approval } = gate.value;
  return ok({
    major: classification.major,
    reasons: classification.reasons,
    draftHash,
    ...(approval === undefined ? {} : { reviewId: approval.reviewId }),
  });
}
