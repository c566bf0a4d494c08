import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { RuleSource } from "../../kernel/source.js";
import { addMonths, type CivilDate, CivilDateSchema, isCivilDate } from "../../kernel/time.js";
import { PartyKindSchema, type PartyRef } from "./parties.js";
import { validateResidentId } from "./resident-id.js";
import { validateUscc } from "./uscc.js";

/** 处理结果 — how a recorded violation ended. */
export const ViolationOutcomeSchema = z.enum([
  "penalty",
  "firstViolationExempt",
  "minorExempt",
  "noFaultExempt",
  "notEstablished",
  "pending",
]);
/** 处理结果 (see {@link VIOLATION_OUTCOME_LABELS}). */
export type ViolationOutcome = z.infer<typeof ViolationOutcomeSchema>;

/** Chinese labels of {@link ViolationOutcome} (行政处罚法 Arts. 33, 57 para. 1). */
export const VIOLATION_OUTCOME_LABELS: Readonly<Record<ViolationOutcome, string>> = {
  penalty: "给予行政处罚",
  firstViolationExempt: "首违不罚",
  minorExempt: "轻微不罚",
  noFaultExempt: "无主观过错不罚",
  notEstablished: "违法事实不成立",
  pending: "办理中",
};

/** 违法依据 — the article an act violated, down to paragraph (款) and item (项). */
export const ViolationBasisSchema = z.object({
  /** Short title of the law, e.g. `价格违法行为行政处罚规定`. */
  law: z.string().min(1),
  /** 条. */
  article: z.number().int().positive(),
  /** 款. */
  paragraph: z.number().int().positive().optional(),
  /** 项. */
  item: z.number().int().positive().optional(),
});
/** 违法依据 (see {@link ViolationBasisSchema}). */
export type ViolationBasis = z.infer<typeof ViolationBasisSchema>;

/**
 * 违法记录 — one violation of one party, as found in one case. The party's identifier is
 * checked against its kind (USCC with pilot codes accepted, or resident ID number).
 */
export const ViolationRecordSchema = z
  .object({
    /** 当事人类型. */
    partyKind: PartyKindSchema,
    /** 当事人证件号码 — the party's USCC or resident ID number (normalised). */
    partyId: z.string().trim().toUpperCase().min(1, "当事人证件号码不能为空"),
    /** 案件编号. */
    caseId: z.string().trim().min(1, "案件编号不能为空"),
    /** 违法行为发生日期 (for continuing acts, the day the act ended — 行政处罚法 Art. 36 para. 2). */
    actDate: CivilDateSchema,
    /** 违法行为编码 — the violation's code in the discretion benchmark table. */
    violationCode: z.string().trim().min(1, "违法行为编码不能为空"),
    /** 违法依据 — the article the act violated, when recorded. */
    basis: ViolationBasisSchema.optional(),
    /** 处理结果. */
    outcome: ViolationOutcomeSchema,
    /** 处理决定日期. */
    decisionDate: CivilDateSchema.optional(),
    /** 作出处理的行政机关. */
    bureau: z.string().trim().min(1).optional(),
  })
  .superRefine((v, ctx) => {
    const r =
      v.partyKind === "organisation"
        ? validateUscc(v.partyId, { acceptPilotCodes: true })
        : validateResidentId(v.partyId, { asOf: null });
    if (r.isErr()) ctx.addIssue({ code: "custom", path: ["partyId"], message: r.error.message });
  });
/** 违法记录 (see {@link ViolationRecordSchema}). */
export type ViolationRecord = z.infer<typeof ViolationRecordSchema>;

/** 首违不罚 — 行政处罚法 Art. 33 para. 1: a first violation with slight harm, corrected in time, may go unpunished. */
export const FIRST_VIOLATION_SOURCE: RuleSource = { law: "行政处罚法", article: 33, paragraph: 1, confidence: "C-law" };

/**
 * 回溯期间 — how far back "first" looks: a number of months before the act, since a date
 * (e.g. the day the bureau's lenient-enforcement list took effect), or without limit.
 */
export const LookBackSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("months"), months: z.number().int().positive() }),
  z.object({ kind: z.literal("since"), date: CivilDateSchema }),
  z.object({ kind: z.literal("unlimited") }),
]);
/** 回溯期间 (see {@link LookBackSchema}). */
export type LookBack = z.infer<typeof LookBackSchema>;

/**
 * 首违认定规则 [VAR] — what counts as an earlier violation. The law sets no look-back
 * window (行政处罚法 Art. 33 para. 1 says only "初次违法"); lenient-enforcement lists
 * differ: "first discovered within 12 months" in many local lists, "since this list took
 * effect" in others (e.g. a Gansu work-safety list). Configuration, never hard-wired.
 */
export const FirstViolationPolicySchema = z.object({
  /** 回溯期间. Default: 12 months, the most common local choice [VAR]. */
  lookBack: LookBackSchema.default({ kind: "months", months: 12 }),
  /** Count only earlier violations with the same code (same violation type). Default true. */
  sameViolationOnly: z.boolean().default(true),
  /** Count only violations handled by the same bureau (pass `bureau` in the context). Default false. */
  sameBureauOnly: z.boolean().default(false),
  /** Outcomes that make a violation count. Default: established violations, punished or not. */
  countedOutcomes: z.array(ViolationOutcomeSchema).default(["penalty", "firstViolationExempt", "minorExempt"]),
});
/** 首违认定规则 (see {@link FirstViolationPolicySchema}). */
export type FirstViolationPolicy = z.infer<typeof FirstViolationPolicySchema>;
/** 首违认定规则 as written by a bureau: every field optional, defaults filled in. */
export type FirstViolationPolicyInput = z.input<typeof FirstViolationPolicySchema>;

/** The default {@link FirstViolationPolicy}: 12 months, same violation code, any bureau. */
export const DEFAULT_FIRST_VIOLATION_POLICY: FirstViolationPolicy = FirstViolationPolicySchema.parse({});

/** What the current case adds to a first-violation query. */
export interface FirstViolationContext {
  /** The current case: its own record, if already in the history, is not "earlier". */
  readonly caseId?: string;
  /** The deciding bureau, for `sameBureauOnly`. */
  readonly bureau?: string;
}

/** 首违认定结果 — whether the act is a first violation, why, and what was found. */
export interface FirstViolationAssessment {
  /** True when no counted earlier violation was found in the window. */
  readonly first: boolean;
  /** Why, in Chinese, naming the window and the earlier cases. */
  readonly reason: string;
  /** Counted earlier violations, oldest first. */
  readonly earlier: readonly ViolationRecord[];
  /** The window searched: from (inclusive; absent when unlimited) to the act date (inclusive). */
  readonly window: { readonly from?: CivilDate; readonly to: CivilDate };
  /** The rule: 行政处罚法 Art. 33 para. 1. */
  readonly source: RuleSource;
}

function windowStart(lookBack: LookBack, onDate: CivilDate): CivilDate | undefined {
  if (lookBack.kind === "months") return addMonths(onDate, -lookBack.months);
  if (lookBack.kind === "since") return lookBack.date;
  return undefined;
}

function describeWindow(from: CivilDate | undefined, to: CivilDate, lookBack: LookBack): string {
  if (lookBack.kind === "months") return `${from} 至 ${to}（前 ${lookBack.months} 个月）`;
  if (lookBack.kind === "since") return `${from} 至 ${to}`;
  return `${to} 及以前`;
}

/**
 * 首违认定 — is this act of `party` a first violation of `violationCode` (首违不罚,
 * 行政处罚法 Art. 33 para. 1)? Searches `history` for counted violations of the party
 * whose act date lies in the policy's window ending on `onDate` (both ends inclusive),
 * excluding the current case. Only the "first" condition is decided here; slight harm and
 * timely correction are for the officer, and exemption stays discretionary ("可以").
 *
 * `INVALID_INPUT` when `onDate` is not a date or `policy` fails its schema.
 */
export function isFirstViolation(
  history: Iterable<ViolationRecord>,
  party: PartyRef,
  violationCode: string,
  onDate: CivilDate,
  policy: FirstViolationPolicyInput = DEFAULT_FIRST_VIOLATION_POLICY,
  context: FirstViolationContext = {},
): Result<FirstViolationAssessment, SanxiangError> {
  if (!isCivilDate(onDate)) {
    return err(sanxiangError("INVALID_INPUT", `违法行为发生日期无效：${String(onDate)}`, { details: { onDate } }));
  }
  const parsed = FirstViolationPolicySchema.safeParse(policy);
  if (!parsed.success) {
    return err(
      sanxiangError("INVALID_INPUT", "首违认定规则无效", { details: { issues: parsed.error.issues, policy } }),
    );
  }
  const p = parsed.data;
  if (p.sameBureauOnly && context.bureau === undefined) {
    return err(
      sanxiangError("INVALID_INPUT", "首违认定规则要求同一行政机关，但未提供行政机关", { details: { policy } }),
    );
  }
  const from = windowStart(p.lookBack, onDate);
  const id = party.id.trim().toUpperCase();
  const counted = new Set(p.countedOutcomes);
  const earlier = [...history]
    .filter(
      (v) =>
        v.partyKind === party.kind &&
        v.partyId === id &&
        v.caseId !== context.caseId &&
        counted.has(v.outcome) &&
        (!p.sameViolationOnly || v.violationCode === violationCode) &&
        (!p.sameBureauOnly || v.bureau === context.bureau) &&
        (from === undefined || v.actDate >= from) &&
        v.actDate <= onDate,
    )
    .sort((a, b) => (a.actDate < b.actDate ? -1 : a.actDate > b.actDate ? 1 : 0));
  const span = describeWindow(from, onDate, p.lookBack);
  const scope = `${p.sameViolationOnly ? `同类违法行为（${violationCode}）` : "违法行为"}${p.sameBureauOnly ? `，限${context.bureau}查处` : ""}`;
  const reason =
    earlier.length === 0
      ? `${span}内无${scope}记录，属初次违法；危害后果轻微并及时改正的，可以不予行政处罚`
      : `${span}内已有 ${earlier.length} 次${scope}记录（${earlier
          .map((v) => `${v.caseId}，${v.actDate}，${VIOLATION_OUTCOME_LABELS[v.outcome]}`)
          .join("；")}），不属初次违法`;
  return ok({
    first: earlier.length === 0,
    reason,
    earlier,
    window: from === undefined ? { to: onDate } : { from, to: onDate },
    source: FIRST_VIOLATION_SOURCE,
  });
}
