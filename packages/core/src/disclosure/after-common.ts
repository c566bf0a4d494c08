// Shared by the decision drafts of each stream (after.ts: ordinary penalties; after-simplified,
// after-coercion, after-inspection): the deciding body, the party as published, and the
// refusals where the law says nothing is published.
import type { CaseParty } from "../enforcement/commands.js";
import type { Penalty } from "../enforcement/penalty.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import type { CivilDate } from "../kernel/time.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import type { Body } from "../registry/bodies/schema.js";
import type { DisclosureDraft } from "./draft.js";
import { isPublicCreditCode } from "./published-item.js";
import { findPersonalData, type Redaction, type RedactionContext, withholdingReason } from "./redaction.js";
import type { DisclosurePolicy, DisclosureRule } from "./rules.js";
import type { PublicParty } from "./schema.js";

const SAMR = "市场监督管理行政处罚信息公示规定";

/** A coded refusal of a draft, citing its rule. */
export function refuseDraft(
  code: "COMMAND_NOT_ALLOWED" | "DISCLOSURE_WITHHELD" | "INVALID_INPUT",
  message: string,
  source: RuleSource,
  details: Record<string, unknown> = {},
): SanxiangError {
  return sanxiangError(code, message, { source, details });
}

/**
 * 行业规定不予公示 — the refusal when the decision's rule leaves it out altogether, or `null`:
 * a simplified-procedure decision under a rule that publishes ordinary-procedure decisions
 * only (市场监督管理行政处罚信息公示规定 Art. 2 para. 1), a warning-only penalty under a rule
 * that leaves those out (Art. 2 para. 2) — `DISCLOSURE_WITHHELD` with `details.reason`
 * `simplifiedProcedure` / `warningOnly`.
 */
export function sectorWithholding(
  rule: DisclosureRule,
  decision: { readonly procedure?: "ordinary" | "simplified"; readonly penalty?: Penalty },
  caseId: string,
): SanxiangError | null {
  if (rule.ordinaryProcedureOnly === true && decision.procedure === "simplified") {
    return refuseDraft(
      "DISCLOSURE_WITHHELD",
      "适用简易程序作出的行政处罚决定不予公示",
      { law: SAMR, article: 2, paragraph: 1, confidence: "C-law" },
      { caseId, reason: "simplifiedProcedure" },
    );
  }
  const penalty = decision.penalty;
  if (rule.excludeWarningOnly === true && penalty !== undefined && penalty.kinds.every((k) => k === "warning")) {
    return refuseDraft(
      "DISCLOSURE_WITHHELD",
      "仅受到警告行政处罚的不予公示",
      { law: SAMR, article: 2, paragraph: 2, confidence: "C-law" },
      { caseId, reason: "warningOnly" },
    );
  }
  return null;
}

/** What {@link partyWithholding} needs besides the party: the bureau's knowledge of minority and secrets. */
export interface WithholdingFacts {
  /** The party is a minor (when known; otherwise derived from a resident-ID party id). */
  readonly minor?: boolean;
  /** The main facts involve a secret (政府信息公开条例 Arts. 14–15). */
  readonly secret?: boolean | "state" | "trade";
}

/**
 * 依法不予公开 — `DISCLOSURE_WITHHELD` when the party is a minor (given, or derived from a
 * resident-ID party id at `actDate`) or the facts involve a secret, or `null`
 * (see `withholdingReason`).
 */
export function partyWithholding(
  party: CaseParty,
  actDate: CivilDate | undefined,
  facts: WithholdingFacts,
  caseId: string,
): SanxiangError | null {
  const withheld = withholdingReason({
    party: {
      kind: party.kind,
      ...(party.partyId === undefined ? {} : { partyId: party.partyId }),
      ...(facts.minor === undefined ? {} : { minor: facts.minor }),
    },
    ...(actDate === undefined ? {} : { actDate }),
    ...(facts.secret === undefined ? {} : { secret: facts.secret }),
  });
  return withheld === null ? null : refuseDraft("DISCLOSURE_WITHHELD", withheld.reason, withheld.source, { caseId });
}

/**
 * 作出决定的执法主体 — the body the stream names, else the body of the first of `officerIds`
 * on record on `on`; `REGISTRY_NOT_FOUND` when neither resolves.
 */
export function decidingBody(
  bodies: BodiesRegistry,
  named: { readonly bodyId?: string | undefined; readonly officerIds: readonly string[] },
  on: CivilDate,
  caseId: string,
): Result<Body, SanxiangError> {
  const bodyId =
    named.bodyId ??
    named.officerIds
      .map((id) => bodies.officer(id, on))
      .find((o) => o.isOk())
      ?.unwrapOr(undefined)?.bodyId;
  if (bodyId === undefined) {
    return err(
      sanxiangError("REGISTRY_NOT_FOUND", "无法确定作出决定的执法主体", {
        details: { caseId, officerIds: named.officerIds },
      }),
    );
  }
  return bodies.body(bodyId, on);
}

/**
 * 公示当事人 — kind and name, and for an organisation its key as 统一社会信用代码 (public by
 * law) — only when the key is a valid USCC ({@link isPublicCreditCode}). A 个体工商户 keyed by
 * the operator's 居民身份证号码, or any other key that is not a valid code, is not published:
 * the draft records why ({@link withPartyKeyNote}).
 */
export function publicPartyOf(party: CaseParty): PublicParty {
  return {
    kind: party.kind,
    name: party.name,
    ...(party.kind === "organisation" && party.partyId !== undefined && isPublicCreditCode(party.partyId)
      ? { creditCode: party.partyId.trim() }
      : {}),
  };
}

/**
 * 当事人代码不予公开的记录 — the draft's record of an organisation party's key that is not
 * published because it is personal data (a 个体工商户 keyed by the operator's 居民身份证号码 or
 * mobile number): `{ path: "party.creditCode", field, count: 1 }` added to its `redactions`, so
 * whoever reviews the draft sees that the number was withheld and why. A key that is neither
 * a valid 统一社会信用代码 nor personal data is simply not published.
 */
export function withPartyKeyNote(
  draft: Result<DisclosureDraft, SanxiangError>,
  party: CaseParty,
  policy: DisclosurePolicy,
): Result<DisclosureDraft, SanxiangError> {
  if (draft.isErr() || party.kind !== "organisation" || party.partyId === undefined) return draft;
  if (isPublicCreditCode(party.partyId)) return draft;
  const found = findPersonalData(party.partyId, { policy: policy.redaction });
  const first = found[0];
  if (first === undefined) return draft;
  const note: Redaction = { path: "party.creditCode", field: first.field, count: 1 };
  return ok({ ...draft.value, redactions: [...draft.value.redactions, note] });
}

/**
 * The redaction context of a decision draft: the policy's fields, the party (its own name
 * stays), the other natural persons named (hidden), and the identifiers public by law — the
 * decision's number and an organisation's credit code.
 */
export function decisionRedaction(
  policy: DisclosurePolicy,
  party: PublicParty,
  documentNumber: string,
  otherPersons: readonly string[] | undefined,
): RedactionContext {
  return {
    policy: policy.redaction,
    party: { kind: party.kind, name: party.name },
    ...(otherPersons === undefined ? {} : { otherPersons }),
    publicIdentifiers: [
      documentNumber,
      ...(party.creditCode === undefined || !isPublicCreditCode(party.creditCode) ? [] : [party.creditCode]),
    ],
  };
}
