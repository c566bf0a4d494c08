import { type PenaltyEvent, PenaltyEventSchema } from "../enforcement/events.js";
import type { RecordRef } from "../enforcement/record-ref.js";
import { procedureEventOf } from "../enforcement/stream.js";
import { type CivilDate, civilDateOf } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { KNOWN_ACTIONS } from "../recording/vocabulary.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import { publicPartyOf } from "./after-common.js";
import { buildDraft, type DisclosureDraft } from "./draft.js";
import { isPublicCreditCode } from "./published-item.js";
import { DEFAULT_DISCLOSURE_POLICY, type DisclosurePolicy } from "./rules.js";
import type { PublicParty } from "./schema.js";

/** What {@link duringDisclosureDrafts} needs besides the events. */
export interface DuringDisclosureContext {
  /** 执法主体及人员数据库 — officers' names and 执法证号. */
  readonly bodies: BodiesRegistry;
  /** The resolved disclosure policy (default {@link DEFAULT_DISCLOSURE_POLICY}). */
  readonly policy?: DisclosurePolicy;
}

/** The document each serving event hands to the party. */
const SERVED_DOCUMENTS: Readonly<Partial<Record<PenaltyEvent["type"], string>>> = {
  "notice.served": "行政处罚告知书",
  "decision.served": "行政处罚决定书",
};

function actionName(action: string): string {
  return (KNOWN_ACTIONS as Readonly<Record<string, { readonly name: string }>>)[action]?.name ?? action;
}

function documentsOf(records: readonly RecordRef[]): string[] {
  return records.filter((r) => r.kind === "document").map((r) => `执法文书（编号 ${r.id}）`);
}

/**
 * 事中公示草稿 — one draft per act of an ordinary case at which officers meet the party
 * (国办发〔2018〕118号 二（五）规范事中公示; 行政处罚法 Art. 55: the certificate is shown): each
 * investigation act (现场检查, 询问 …), each 查封、扣押 carried out (行政强制法 Arts. 18, 24) and
 * each service of a document (告知书, 决定书), with the officers assigned to the case at the
 * time, or those who carried out the measure (name and 执法证号 from the
 * bodies registry), the documents issued (the act's records of kind `document`), and the day.
 * An organisation party is named; a natural person is not (the act is public, the person's
 * name adds nothing). Events of other procedures are ignored, and an act whose officers the
 * registry does not know on that day is left out (nothing can be shown for it).
 */
export function duringDisclosureDrafts(events: readonly CaseEvent[], ctx: DuringDisclosureContext): DisclosureDraft[] {
  const policy = ctx.policy ?? DEFAULT_DISCLOSURE_POLICY;
  let officerIds: readonly string[] = [];
  let bodyId: string | undefined;
  let party: PublicParty | undefined;
  const drafts: DisclosureDraft[] = [];
  for (const envelope of events) {
    const parsed = procedureEventOf(PenaltyEventSchema, envelope);
    if (parsed.isErr()) continue;
    const e = parsed.value;
    let act: string | undefined;
    let documents: string[] = [];
    let actOfficers: readonly string[] | undefined;
    switch (e.type) {
      case "case.filed":
        officerIds = e.officerIds;
        bodyId = e.bodyId;
        // An organisation is named, with its key as 统一社会信用代码 only when it is a valid one
        // (a 个体工商户 keyed by the operator's ID number is personal data: never public).
        if (e.party.kind === "organisation") party = publicPartyOf(e.party);
        break;
      case "officers.assigned":
        officerIds = e.officerIds;
        break;
      case "investigation.recorded":
        act = actionName(e.action);
        documents = documentsOf(e.records);
        break;
      case "coercion.acted":
        // 行政强制法 Arts. 18, 24: certificates shown, 查封、扣押决定书 and 清单 handed over on the spot.
        if (e.seizure.type === "seizure.executed") {
          act = "实施查封、扣押";
          documents = ["查封、扣押决定书", "查封、扣押清单", ...documentsOf(e.seizure.records)];
          if (e.seizure.officerIds.length > 0) actOfficers = e.seizure.officerIds;
        }
        break;
      case "notice.served":
      case "decision.served":
        act = `送达${SERVED_DOCUMENTS[e.type] ?? "执法文书"}`;
        documents = [SERVED_DOCUMENTS[e.type] ?? "执法文书", ...documentsOf(e.records)];
        break;
      default:
        break;
    }
    if (act === undefined) continue;
    const actOn: CivilDate = civilDateOf(e.at);
    const officers = (actOfficers ?? officerIds).flatMap((id) => {
      const o = ctx.bodies.officer(id, actOn);
      return o.isOk() ? [o.value] : [];
    });
    const first = officers[0];
    if (first === undefined) continue;
    const body = ctx.bodies.body(bodyId ?? first.bodyId, actOn);
    if (body.isErr()) continue;
    const draft = buildDraft(
      {
        content: {
          kind: "enforcementAct",
          act,
          actOn,
          officers: officers.map((o) => ({ name: o.name, certificateNumber: o.certificateNumber })),
          documents,
          ...(party === undefined ? {} : { party }),
        },
        key: `${envelope.caseId}.${envelope.seq}`,
        title: `${act}（${actOn}）`,
        bodyId: body.value.id,
        bodyName: body.value.name,
        startOn: actOn,
        caseId: envelope.caseId,
        redaction: {
          policy: policy.redaction,
          publicIdentifiers: [
            ...officers.map((o) => o.certificateNumber),
            ...(party?.creditCode === undefined || !isPublicCreditCode(party.creditCode) ? [] : [party.creditCode]),
          ],
          ...(party === undefined ? {} : { party: { kind: party.kind, name: party.name } }),
        },
      },
      policy,
    );
    if (draft.isOk()) drafts.push(draft.value);
  }
  return drafts;
}
