import { SIMPLIFIED_GUARD_SOURCES } from "../enforcement/simplified/policy.js";
import { type SimplifiedEvent, SimplifiedEventSchema } from "../enforcement/simplified/schema.js";
import { procedureEventOf } from "../enforcement/stream.js";
import type { SanxiangError } from "../kernel/errors.js";
import { err, type Result } from "../kernel/result.js";
import { civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { penaltyConclusion } from "./after.js";
import {
  decidingBody,
  decisionRedaction,
  partyWithholding,
  publicPartyOf,
  refuseDraft,
  sectorWithholding,
  type WithholdingFacts,
  withPartyKeyNote,
} from "./after-common.js";
import { buildDraft, type DisclosureDraft } from "./draft.js";
import { type DisclosurePolicy, disclosureRuleFor } from "./rules.js";

/**
 * What {@link simplifiedDecisionDisclosureDraft} needs besides the events. No 文号: the
 * numbered form (决定书编号, 行政处罚法 Art. 52) is the decision's number.
 */
export interface SimplifiedDecisionDisclosureContext extends WithholdingFacts {
  /** 执法主体及人员数据库 — the deciding body's name. */
  readonly bodies: BodiesRegistry;
  /** The resolved disclosure policy. */
  readonly policy: DisclosurePolicy;
  /** Names of natural persons other than the party (witnesses …), hidden wherever they occur. */
  readonly otherPersons?: readonly string[];
}

type Decided = Extract<SimplifiedEvent, { type: "onSpot.decided" }>;

/**
 * 事后公开草稿（简易程序） — the decision disclosure of an on-the-spot penalty (简易程序,
 * 行政处罚法 Arts. 51–52), from the case's `onSpot.decided` event: the deciding body, the
 * party, category `penalty`, the matter (执法类别), the facts and basis as written on the
 * form, the conclusion in words (`penaltyConclusion`), the pre-printed form's number as the
 * 文号, and the decision day — redacted with the party's context. Key and `caseId`: the case
 * id (id `gs-decision-<caseId>`); the rule is `decision.penalty` (7 working days by default,
 * 国办发〔2018〕118号). The act date for a minor party is the decision day (decided on the spot).
 *
 * Refusals, each with its source: no decision yet → `COMMAND_NOT_ALLOWED` (Art. 52 para. 1);
 * a minor party or a secret → `DISCLOSURE_WITHHELD`; under a rule that publishes only
 * ordinary-procedure decisions (the `samr` sector) → `DISCLOSURE_WITHHELD` citing
 * 市场监督管理行政处罚信息公示规定 Art. 2 para. 1, and warning-only where the rule leaves
 * those out (para. 2) — the same check as `decisionDisclosureDraft` (`sectorWithholding`).
 */
export function simplifiedDecisionDisclosureDraft(
  events: readonly CaseEvent[],
  ctx: SimplifiedDecisionDisclosureContext,
): Result<DisclosureDraft, SanxiangError> {
  let decided: Decided | undefined;
  for (const envelope of events) {
    const parsed = procedureEventOf(SimplifiedEventSchema, envelope);
    if (parsed.isOk() && parsed.value.type === "onSpot.decided") decided = parsed.value;
  }
  const caseId = events[0]?.caseId;
  if (decided === undefined || caseId === undefined) {
    return err(
      refuseDraft("COMMAND_NOT_ALLOWED", "尚未当场作出行政处罚决定，无决定信息可公示", SIMPLIFIED_GUARD_SOURCES.form, {
        caseId,
      }),
    );
  }
  const decidedOn = civilDateOf(decided.at);
  const withheld = partyWithholding(decided.party, decidedOn, ctx, caseId);
  if (withheld !== null) return err(withheld);
  const penalty = decided.penalty;
  const rule = disclosureRuleFor(ctx.policy, { kind: "decision", category: "penalty" });
  const sector = sectorWithholding(rule, { procedure: "simplified", penalty }, caseId);
  if (sector !== null) return err(sector);
  const body = decidingBody(ctx.bodies, decided, decidedOn, caseId);
  if (body.isErr()) return err(body.error);
  const party = publicPartyOf(decided.party);
  const documentNumber = decided.formNumber;
  const facts = decided.facts.trim();
  const draft = buildDraft(
    {
      content: {
        kind: "decision",
        category: "penalty",
        documentNumber,
        agencyName: body.value.name,
        party,
        matter: decided.category,
        ...(facts.length === 0 ? {} : { facts }),
        basis: decided.basis,
        conclusion: penaltyConclusion(penalty),
        ...(penalty.fineFen === undefined ? {} : { fineFen: penalty.fineFen }),
        ...(penalty.confiscationFen === undefined ? {} : { confiscationFen: penalty.confiscationFen }),
        decidedOn,
      },
      key: caseId,
      title: `${body.value.name}行政处罚决定（${documentNumber}）`,
      bodyId: body.value.id,
      bodyName: body.value.name,
      startOn: decidedOn,
      category: "penalty",
      caseId,
      penaltyKinds: penalty.kinds,
      redaction: decisionRedaction(ctx.policy, party, documentNumber, ctx.otherPersons),
    },
    ctx.policy,
  );
  return withPartyKeyNote(draft, decided.party, ctx.policy);
}
