// Shared by the tests of the decision drafts of other streams: an on-the-spot decision run
// through the simplified decider, a 查封、扣押 run through a real ordinary case, and the
// events of a random-inspection case. The names are invented test values, not real parties.
import type { PenaltyCommandInput } from "../enforcement/commands.js";
import { decideSimplified } from "../enforcement/simplified/decide.js";
import { EMPTY_FORM_REGISTER, evolveFormRegister } from "../enforcement/simplified/forms.js";
import type { SimplifiedCommandInput } from "../enforcement/simplified/schema.js";
import { initialSimplifiedState } from "../enforcement/simplified/state.js";
import { bodies, calendar, headActor, officerActor, onSpotDecide } from "../enforcement/test-fixtures.js";
import type { CaseEvent } from "../recording/case-event.js";
import { residentIdCheckChar } from "../registry/entities/checksums.js";
import { type CaseStep, caseEvents } from "./model-test-fixtures.js";

/** A resident ID number with its check character. */
export const withCheck = (body17: string) => `${body17}${residentIdCheckChar(body17) ?? ""}`;

/** Friday 2025-03-07, 10:00 China time. */
export const ON_SPOT_AT = "2025-03-07T02:00:00Z";

/** The events of an on-the-spot case `caseId` decided with `cmd` (nothing else). */
export function onSpotEvents(caseId = "sp-1", cmd: SimplifiedCommandInput = onSpotDecide()): CaseEvent[] {
  const forms = evolveFormRegister(EMPTY_FORM_REGISTER, {
    type: "form.issued",
    at: "2025-03-01T00:00:00Z",
    officerId: "a",
    numbers: ["No.0001"],
  });
  const ctx = { actor: officerActor, now: ON_SPOT_AT, calendar, bodies, forms };
  return decideSimplified(initialSimplifiedState(caseId), cmd, ctx)._unsafeUnwrap().events;
}

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
const seizureRecords = (at: string) => [
  { id: "sz-t", kind: "transcript" as const, evidenceIds: [] },
  { id: "sz-d", kind: "document" as const, evidenceIds: [] },
  { id: "sz-v", kind: "video" as const, evidenceIds: [], wholeProcess: true, startedAt: at, endedAt: at },
];

/** `coercion.act`: the head approves measure `m` on 2025-03-04 (approved, or refused afterwards). */
export const approveMeasure = (m: string, approved = true, day = "04"): CaseStep => [
  {
    type: "coercion.act",
    measureId: m,
    seizure: {
      type: "seizure.approve",
      at: T(day),
      approverId: "h",
      approved,
      measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
    },
  },
  T(day),
  headActor,
];

/** `coercion.act`: officers a and b seize 涉案车辆一辆 under measure `m` on 2025-03-04, 11:00. */
export const executeMeasure = (m: string, emergency = false): CaseStep => [
  {
    type: "coercion.act",
    measureId: m,
    seizure: {
      type: "seizure.execute",
      at: T("04", "03"),
      emergency,
      officerIds: ["a", "b"],
      items: ["涉案车辆一辆"],
      records: seizureRecords(T("04", "03")),
    },
  } satisfies PenaltyCommandInput,
  T("04", "03"),
  officerActor,
];

/** The events of ordinary case `caseId` (filed 2025-03-03) run through `steps` only. */
export const coercionCaseEvents = (caseId: string, steps: readonly CaseStep[]) => caseEvents(caseId, { steps });

/** The inspected organisation's 统一社会信用代码 (a test value). */
export const INSPECTED_USCC = "91640502MA76XXXX1Q";

const envelope = (
  caseId: string,
  seq: number,
  type: string,
  stage: CaseEvent["stage"],
  payload: object,
): CaseEvent => ({
  caseId,
  seq,
  type,
  at: (payload as { at: string }).at,
  actor: { id: "o1", roles: ["officer"] },
  stage,
  payload: payload as Record<string, unknown>,
});

/** The events of a random-inspection case of 某律所 (USCC below): opened, inspected 2025-03-05, concluded 2025-03-06 (`upTo` events). */
export function inspectionEvents(
  caseId = "insp-1",
  concluded: { result: "pass" | "fail" | "notFound"; remarks?: string; penaltyCaseId?: string } = { result: "pass" },
  options: { readonly findings?: string; readonly upTo?: number } = {},
): CaseEvent[] {
  const all = [
    envelope(caseId, 1, "inspection.opened", "filing", {
      at: T("04"),
      taskId: "task-1",
      itemCodes: ["SJ-001"],
      bodyId: "spt",
      category: "律师管理",
      regionCode: "640502",
      uscc: INSPECTED_USCC,
      assignedOfficerIds: ["a", "b"],
    }),
    envelope(caseId, 2, "inspection.recorded", "investigation", {
      at: T("05"),
      endedAt: T("05", "03"),
      officerIds: ["a", "b"],
      findings: options.findings ?? "执业活动符合规定",
      records: [],
      publishDue: {
        ruleId: "disclosure.general",
        due: "2025-04-02",
        source: { law: "国办发〔2018〕118号", confidence: "C" },
        provisional: false,
      },
    }),
    envelope(caseId, 3, "inspection.concluded", "decision", { at: T("06"), ...concluded }),
  ];
  return all.slice(0, options.upTo);
}
