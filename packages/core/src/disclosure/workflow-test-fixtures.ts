// Shared by the disclosure workflow tests: actors of two bodies, the work calendar, and a
// decision draft of a made-up case (the names are invented test values, not real parties).
import { chinaCalendar } from "../calendar/work-calendar.js";
import type { Actor } from "../kernel/actors.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import type { DisclosureDecideContext } from "./decide.js";
import { type DisclosureDraft, disclosureIdFor } from "./draft.js";
import { DEFAULT_DISCLOSURE_POLICY, disclosureRuleFor } from "./rules.js";
import { type DisclosureContent, disclosureContentHash } from "./schema.js";

export const calendar = chinaCalendar();

/** 沙坡头区司法局 (body `spt`): a head, a publisher, an officer; the platform's job; a head of another body. */
export const headActor: Actor = { id: "h", name: "局长", roles: ["head"], bodyId: "spt" };
export const publisherActor: Actor = { id: "p", name: "公示员", roles: ["publisher"], bodyId: "spt" };
export const officerActor: Actor = { id: "a", name: "甲", roles: ["officer"], bodyId: "spt" };
export const systemActor: Actor = { id: "job", name: "定时任务", roles: ["system"] };
export const otherHeadActor: Actor = { id: "h2", name: "他局局长", roles: ["head"], bodyId: "other" };

export const caseId = "case-1";
export const disclosureId = disclosureIdFor("decision", caseId);

/** A fine of 5,000 yuan on an (invented) organisation, decided on Monday 2025-03-10. */
export const decisionContent: Extract<DisclosureContent, { kind: "decision" }> = {
  kind: "decision",
  category: "penalty",
  documentNumber: "沙司罚决字〔2025〕3号",
  agencyName: "中卫市沙坡头区司法局",
  party: { kind: "organisation", name: "测试律师事务所" },
  matter: "律师事务所未按规定办理变更登记",
  basis: ["《律师法》第五十条"],
  conclusion: "罚款人民币5,000.00元",
  fineFen: 500_000,
  decidedOn: "2025-03-10",
};

const penaltyRule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "decision", category: "penalty" });

export const decisionDraft: DisclosureDraft = {
  disclosureId,
  kind: "decision",
  phase: "after",
  title: "沙司罚决字〔2025〕3号 行政处罚决定",
  bodyId: "spt",
  bodyName: "中卫市沙坡头区司法局",
  content: decisionContent,
  redactions: [],
  ruleId: penaltyRule.id,
  startOn: "2025-03-10",
  caseId,
  penaltyKinds: ["fine"],
  source: penaltyRule.source,
};

/** A valid resident ID (the GB 11643-1999 example) and a mobile number, to leak on purpose. */
export const RESIDENT_ID = "11010519491231002X";
export const MOBILE = "13912345678";

/** The content hash as the workflow computes it (SHA-256 by default). */
export const hashOf = (c: DisclosureContent): string => disclosureContentHash(c);

export const dctx = (now: string, actor: Actor): DisclosureDecideContext => ({ actor, now, calendar });

/**
 * Appends the case's decision (¥5,000 fine, on `day` at 10:00 China time) as the enforcement
 * stream records it — what feeds the disclosure queue.
 */
export async function appendCaseDecided(store: EventStore, day = "2025-03-10"): Promise<void> {
  const at = `${day}T02:00:00Z`;
  const event: CaseEvent = {
    caseId,
    seq: 1,
    type: "case.decided",
    at,
    actor: { id: "h", roles: ["head"] },
    stage: "decision",
    payload: { at, outcome: "penalty", penalty: { kinds: ["fine"], fineFen: 500_000 } },
  };
  (await store.append(caseId, 0, [event]))._unsafeUnwrap();
}
