import type { SeizureEvent } from "../enforcement/coercion/events.js";
import { SEIZURE_RULES } from "../enforcement/coercion/rules.js";
import { EMPTY_SEIZURE, evolveSeizure, type SeizureState } from "../enforcement/coercion/state.js";
import { type PenaltyEvent, PenaltyEventSchema } from "../enforcement/events.js";
import { procedureEventOf } from "../enforcement/stream.js";
import type { SanxiangError } from "../kernel/errors.js";
import { err, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import {
  decidingBody,
  decisionRedaction,
  partyWithholding,
  publicPartyOf,
  refuseDraft,
  type WithholdingFacts,
  withPartyKeyNote,
} from "./after-common.js";
import { buildDraft, type DisclosureDraft, disclosureIdFor } from "./draft.js";
import type { DisclosurePolicy } from "./rules.js";

/** What {@link coercionDecisionDisclosureDraft} needs besides the case's events. */
export interface CoercionDecisionDisclosureContext extends WithholdingFacts {
  /** The measure within the case (`coercion.act`'s `measureId`). */
  readonly measureId: string;
  /** 执法主体及人员数据库 — the deciding body's name. */
  readonly bodies: BodiesRegistry;
  /** The resolved disclosure policy. */
  readonly policy: DisclosurePolicy;
  /** 查封、扣押决定书文号 (numbering is the bureau's, GB/T 9704-2012 7.2.5 style; the events do not hold it). */
  readonly documentNumber: string;
  /** 依据 as written in the 决定书 (the events do not hold it; default none). */
  readonly basis?: readonly string[];
  /** Names of natural persons other than the party (witnesses …), hidden wherever they occur. */
  readonly otherPersons?: readonly string[];
}

/**
 * 强制决定公示键 — the key of a coercive measure's decision disclosure: `<caseId>:<measureId>`
 * (a case may hold several measures; its penalty decision is keyed by the case id alone). Its
 * disclosure id is `gs-decision-<caseId>:<measureId>`, which the disclosure queue reads back.
 */
export function coercionDisclosureKey(caseId: string, measureId: string): string {
  return `${caseId}:${measureId}`;
}

const COERCION = "行政强制法";
/** 查封、扣押决定书 — made and handed over on the spot with the list (行政强制法 Art. 24 para. 1). */
const DECISION_SOURCE: RuleSource = { law: COERCION, article: 24, paragraph: 1, confidence: "C-law" };

type Executed = Extract<SeizureEvent, { type: "seizure.executed" }>;

/**
 * 事后公开草稿（行政强制） — the decision disclosure of one 查封、扣押 measure of a case
 * (行政强制法 Arts. 18–19, 24), from the case's `coercion.acted` events of `ctx.measureId`:
 * the deciding body, the case's party, category `coercion`, the matter (执法类别), the basis
 * from `ctx`, the conclusion in words (`查封、扣押：涉案车辆一辆（期限至2025-04-02）` — the
 * items and the period set when executed), the bureau's 文号 from `ctx`, and the decision day:
 * the day the measure was executed, when the 决定书 is handed over (Art. 24 para. 1). Key
 * {@link coercionDisclosureKey}, `caseId` the case; the rule is `decision.coercion` (20 working
 * days by default, 国办发〔2018〕118号).
 *
 * Refusals, each with its source: the measure not executed → `COMMAND_NOT_ALLOWED` (Art. 24
 * para. 1); an emergency measure still without the head's approval, or one the head refused
 * afterwards (to be released at once) → `COMMAND_NOT_ALLOWED` (Art. 19); a minor party or a
 * secret → `DISCLOSURE_WITHHELD`; a case and measure id too long for the disclosure id to
 * hold the key exactly → `INVALID_INPUT` (the queue could not find the row again).
 */
export function coercionDecisionDisclosureDraft(
  events: readonly CaseEvent[],
  ctx: CoercionDecisionDisclosureContext,
): Result<DisclosureDraft, SanxiangError> {
  let filed: Extract<PenaltyEvent, { type: "case.filed" }> | undefined;
  let executed: Executed | undefined;
  let measure: SeizureState = EMPTY_SEIZURE;
  for (const envelope of events) {
    const parsed = procedureEventOf(PenaltyEventSchema, envelope);
    if (parsed.isErr()) continue;
    const e = parsed.value;
    if (e.type === "case.filed") filed = e;
    else if (e.type === "coercion.acted" && e.measureId === ctx.measureId) {
      measure = evolveSeizure(measure, e.seizure);
      if (e.seizure.type === "seizure.executed") executed = e.seizure;
    }
  }
  const caseId = events[0]?.caseId;
  const details = { caseId, measureId: ctx.measureId };
  if (filed === undefined || executed === undefined || caseId === undefined) {
    return err(
      refuseDraft("COMMAND_NOT_ALLOWED", "查封、扣押尚未实施，无强制决定信息可公示", DECISION_SOURCE, details),
    );
  }
  if (measure.refused) {
    const r = SEIZURE_RULES.refusedAfterwards;
    return err(refuseDraft("COMMAND_NOT_ALLOWED", `负责人不予批准：${r.text}`, r.source, details));
  }
  if (measure.approval === undefined) {
    const r = SEIZURE_RULES.emergencyReport;
    return err(refuseDraft("COMMAND_NOT_ALLOWED", "紧急实施的查封、扣押尚未补办批准手续", r.source, details));
  }
  const key = coercionDisclosureKey(caseId, ctx.measureId);
  if (disclosureIdFor("decision", key) !== `gs-decision-${key}`) {
    return err(
      refuseDraft("INVALID_INPUT", "案件编号与强制措施编号过长，无法生成公示编号", DECISION_SOURCE, {
        ...details,
        key,
      }),
    );
  }
  const withheld = partyWithholding(filed.party, filed.actDate, ctx, caseId);
  if (withheld !== null) return err(withheld);
  const decidedOn = civilDateOf(executed.at);
  const body = decidingBody(ctx.bodies, { bodyId: filed.bodyId, officerIds: executed.officerIds }, decidedOn, caseId);
  if (body.isErr()) return err(body.error);
  const party = publicPartyOf(filed.party);
  const draft = buildDraft(
    {
      content: {
        kind: "decision",
        category: "coercion",
        documentNumber: ctx.documentNumber,
        agencyName: body.value.name,
        party,
        matter: filed.category,
        basis: ctx.basis ?? [],
        conclusion: `查封、扣押：${executed.items.join("、")}（期限至${executed.deadline.due}）`,
        decidedOn,
      },
      key,
      title: `${body.value.name}查封、扣押决定（${ctx.documentNumber}）`,
      bodyId: body.value.id,
      bodyName: body.value.name,
      startOn: decidedOn,
      category: "coercion",
      caseId,
      redaction: decisionRedaction(ctx.policy, party, ctx.documentNumber, ctx.otherPersons),
    },
    ctx.policy,
  );
  return withPartyKeyNote(draft, filed.party, ctx.policy);
}
