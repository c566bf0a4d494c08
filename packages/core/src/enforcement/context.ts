import { type CivilDate, civilDateOf, type Instant } from "../kernel/time.js";
import type { AttachedRecord, CaseRecording, PerformedAction } from "../recording/check.js";
import type { Stage } from "../recording/vocabulary.js";
import { EMPTY_SEIZURE, evolveSeizure, type SeizureState } from "./coercion/state.js";
import type { CaseParty, DecisionOutcome, ExclusionKind, PreservationOutcome, RecordRef } from "./commands.js";
import { type CaseDeadline, PENALTY_EVENT_STAGES, type PenaltyEvent } from "./events.js";
import type { ExcludedPeriod } from "./excluded-periods.js";
import {
  applyPaymentToInstalments,
  EMPTY_EXECUTION,
  type ExecutionState,
  evolveExecution,
  executionActionOf,
  isExecutionEvent,
} from "./execution.js";
import type { HearingAbsence, HearingClosedReason } from "./hearing-terms.js";
import type { Penalty } from "./penalty.js";
import { type PublicNoticeService, serviceActionOf } from "./service.js";
import type { SurchargePause } from "./surcharge.js";

/** 先行登记保存 — one preservation of evidence in a case (行政处罚法 Art. 56), as its events established. */
export interface Preservation {
  /** 负责人批准. */
  readonly approval: { readonly at: Instant; readonly approverId: string; readonly reason: string };
  /** 登记保存: when, what, and the day by which it must be handled (seven working days). */
  readonly registered?: { readonly at: Instant; readonly items: readonly string[]; readonly handlingDue: CaseDeadline };
  /** 处理决定. */
  readonly handled?: { readonly at: Instant; readonly outcome: PreservationOutcome };
}

/** 移送涉嫌犯罪案件 — the timeline of a transfer to the police (行政处罚法 Art. 27; 移送规定 Arts. 5, 8). */
export interface TransferTimeline {
  /** 书面报告: when, by whom, and the head's three-day decision deadline. */
  readonly reported?: {
    readonly at: Instant;
    readonly officerIds: readonly string[];
    readonly headDecisionDue: CaseDeadline;
  };
  /** 移送: when, to whom, and whether more than 24 hours after the approval. */
  readonly sent?: { readonly at: Instant; readonly receivingOrgan: string; readonly late: boolean };
  /** 公安机关立案与否. */
  readonly answer?: { readonly at: Instant; readonly accepted: boolean };
}

/** The names of the deadlines a case carries (see {@link PenaltyCaseContext.deadlines}). */
export type CaseDeadlineName =
  | "decision"
  | "limitation"
  | "hearingRequest"
  | "statement"
  | "service"
  | "payment"
  | "courtApplication";

/**
 * 案件情况 — the context of an ordinary penalty case: everything its events established,
 * as plain JSON. It is only ever built by folding events ({@link evolveContext}).
 */
export interface PenaltyCaseContext {
  /** The case. */
  readonly caseId: string;
  /** 当事人. */
  readonly party?: CaseParty;
  /** 执法类别. */
  readonly category?: string;
  /** Division code of the place of the act. */
  readonly regionCode?: string;
  /** 执法主体, when named at filing. */
  readonly bodyId?: string;
  /** 承办执法人员. */
  readonly officerIds: readonly string[];
  /** 立案日 — the start of the decision deadline (Art. 60). */
  readonly filedOn?: CivilDate;
  /** 违法行为发生之日 — the date benchmarks and laws are read as of (行政处罚法 Art. 37). */
  readonly actDate?: CivilDate;
  /** When the last act took place (acts never go back in time). */
  readonly lastAt?: Instant;
  /** 期限 — absolute deadlines with their sources. */
  readonly deadlines: Readonly<Partial<Record<CaseDeadlineName, CaseDeadline>>>;
  /** 须经法制审核. */
  readonly reviewRequired: boolean;
  /** 情节复杂或者重大违法行为. */
  readonly complexOrMajor: boolean;
  /** Hashes of the decision drafts the legal review approved. */
  readonly approvedDraftHashes: readonly string[];
  /** 认定的事实 — from 调查终结, replaced by the facts of each notice (absent in streams before it existed: never). */
  readonly facts?: string;
  /** 理由及依据 — from the notice in force. */
  readonly basis?: readonly string[];
  /** 告知 — the notice in force. */
  readonly notice?: { readonly penalty: Penalty; readonly hearingRight: boolean; readonly at: Instant };
  /** 书面放弃陈述申辩. */
  readonly waived: boolean;
  /** 已陈述申辩. */
  readonly defenceReceived: boolean;
  /** The penalty notified when the party first made a defence: no decision may exceed it (Art. 45). */
  readonly defenceCap?: Penalty;
  /**
   * 已答复告知 — since the notice in force the party made a statement, waived it on the record,
   * or was heard: the statement window no longer holds the decision back (Arts. 44, 45, 62).
   * Absent in contexts built before it existed (read as false).
   */
  readonly noticeAnswered?: boolean;
  /** 认定的裁量情节 — circumstance codes in force (Arts. 30–33); absent before any finding. */
  readonly circumstances?: readonly string[];
  /** 听证通知 — the notice of the hearing in force (Art. 64 items 2–3); cleared by a new notice of the penalty. */
  readonly hearingNotice?:
    | {
        readonly at: Instant;
        readonly hearingDate: CivilDate;
        readonly public: boolean;
        readonly closedBecause?: HearingClosedReason;
      }
    | undefined;
  /** 视为放弃听证 — the party stayed away or walked out (Art. 64 item 6); cleared by a new notice of the penalty. */
  readonly hearingWaived?: HearingAbsence | undefined;
  /** 已要求听证. */
  readonly hearingRequested: boolean;
  /** 已举行听证. */
  readonly hearingHeld: boolean;
  /** 已集体讨论. */
  readonly discussionHeld: boolean;
  /** 决定. */
  readonly decision?: {
    readonly outcome: DecisionOutcome;
    readonly penalty?: Penalty;
    readonly draftHash: string;
    readonly at: Instant;
  };
  /** 已缴纳罚款 (fen). */
  readonly paidFen: number;
  /** 已缴纳加处罚款 (fen). */
  readonly surchargePaidFen: number;
  /** 先行登记保存, by id. */
  readonly preservations: Readonly<Record<string, Preservation>>;
  /** 查封、扣押 measures linked to the case, by id (each with its period). */
  readonly measures: Readonly<Record<string, SeizureState>>;
  /** 移送 — the transfer's timeline, once reported. */
  readonly transfer?: TransferTimeline;
  /** 不计入办案期限的期间, with their kinds. */
  readonly excluded: readonly { readonly kind: ExclusionKind; readonly period: ExcludedPeriod }[];
  /** 行政复议、行政诉讼期间, by id (no surcharge accrues). */
  readonly remedies: Readonly<Record<string, SurchargePause>>;
  /** 送达 — how and on which day the decision was served (the day payment and the remedy periods run from). */
  readonly service?: {
    readonly method: string;
    readonly at: Instant;
    readonly servedOn: CivilDate;
    readonly publicNotice?: PublicNoticeService;
  };
  /** 送达地址确认书、暂缓缴纳、催告、强制执行、申请法院强制执行 (行政强制法; execution.ts). */
  readonly execution: ExecutionState;
  /** 执法全过程记录 — actions and their records, for `checkRecording` and the case file. */
  readonly recording: CaseRecording;
}

/** The context of a case before any event. */
export function emptyContext(caseId: string): PenaltyCaseContext {
  return {
    caseId,
    officerIds: [],
    deadlines: {},
    reviewRequired: false,
    complexOrMajor: false,
    approvedDraftHashes: [],
    waived: false,
    defenceReceived: false,
    hearingRequested: false,
    hearingHeld: false,
    discussionHeld: false,
    paidFen: 0,
    surchargePaidFen: 0,
    preservations: {},
    measures: {},
    excluded: [],
    remedies: {},
    execution: EMPTY_EXECUTION,
    recording: { actions: [], records: [] },
  };
}

/** The recording action each event with records stands for (recording `KNOWN_ACTIONS`). */
const ACTION_OF: Partial<Record<PenaltyEvent["type"], string>> = {
  "case.filed": "filing",
  "notice.served": "priorNotice",
  "defence.received": "statementAndDefence",
  "defence.waived": "defenceWaiver",
  "hearing.held": "hearing",
  "case.decided": "decision",
  "decision.served": "service",
  "case.archived": "archiving",
  "preservation.registered": "advanceRegistration",
};

function withRecords(
  recording: CaseRecording,
  id: string,
  stage: Stage,
  action: string,
  at: Instant,
  records: readonly RecordRef[],
  endedAt?: Instant,
): CaseRecording {
  const performed: PerformedAction = { id, stage, action, at, ...(endedAt === undefined ? {} : { endedAt }) };
  const attached: AttachedRecord[] = records.map((r) => ({ ...r, actionId: id }));
  return { actions: [...recording.actions, performed], records: [...recording.records, ...attached] };
}

function recordingAfter(c: PenaltyCaseContext, e: PenaltyEvent): CaseRecording {
  if (e.type === "investigation.recorded") {
    return withRecords(c.recording, e.actionId, "investigation", e.action, e.at, e.records, e.endedAt);
  }
  if (e.type === "coercion.acted") {
    const s = e.seizure;
    return s.type === "seizure.executed"
      ? withRecords(c.recording, `${e.measureId}@${s.at}`, "investigation", "sealOrSeize", s.at, s.records, s.endedAt)
      : c.recording;
  }
  if (isExecutionEvent(e)) {
    const endedAt = e.type === "execution.acted" ? e.endedAt : undefined;
    const action = executionActionOf(e);
    const stage = PENALTY_EVENT_STAGES[e.type];
    return withRecords(c.recording, `${e.type}@${e.at}`, stage, action, e.at, e.records, endedAt);
  }
  const action = ACTION_OF[e.type];
  if (action === undefined || !("records" in e)) return c.recording;
  const serviceAction = e.type === "decision.served" ? serviceActionOf(e.method) : action;
  return withRecords(c.recording, `${e.type}@${e.at}`, PENALTY_EVENT_STAGES[e.type], serviceAction, e.at, e.records);
}

/**
 * 事件演进 — the context after `event` (pure). Used by the machine's one action; the
 * machine decides *whether* an event applies, this function only *how*.
 */
export function evolveContext(c: PenaltyCaseContext, e: PenaltyEvent): PenaltyCaseContext {
  const base: PenaltyCaseContext = { ...c, lastAt: e.at, recording: recordingAfter(c, e) };
  switch (e.type) {
    case "case.filed":
      return {
        ...base,
        party: e.party,
        filedOn: civilDateOf(e.at),
        actDate: e.actDate,
        category: e.category,
        regionCode: e.regionCode,
        ...(e.bodyId === undefined ? {} : { bodyId: e.bodyId }),
        officerIds: e.officerIds,
        deadlines: { ...c.deadlines, decision: e.deadlines.decision, limitation: e.deadlines.limitation },
      };
    case "officers.assigned":
      return { ...base, officerIds: e.officerIds };
    case "investigation.recorded":
      return base;
    case "investigation.closed":
      return { ...base, reviewRequired: e.reviewRequired, complexOrMajor: e.complexOrMajor, facts: e.facts };
    case "notice.served": {
      const { hearingRequest: _old, statement: _oldStatement, ...deadlines } = c.deadlines;
      // The machine's assign merges the returned context: a field is cleared by setting it undefined.
      return {
        ...base,
        hearingNotice: undefined,
        hearingWaived: undefined,
        notice: { penalty: e.penalty, hearingRight: e.hearingRight, at: e.at },
        facts: e.facts,
        basis: e.basis,
        // A new notice opens a new hearing window and a new statement window; an old request,
        // hearing or answer does not carry over.
        hearingRequested: false,
        hearingHeld: false,
        noticeAnswered: false,
        deadlines: {
          ...deadlines,
          ...(e.hearingRequestDue === undefined ? {} : { hearingRequest: e.hearingRequestDue }),
          ...(e.statementDue === undefined ? {} : { statement: e.statementDue }),
        },
      };
    }
    case "defence.received":
      return {
        ...base,
        defenceReceived: true,
        noticeAnswered: c.notice !== undefined,
        ...(c.defenceCap === undefined && c.notice !== undefined ? { defenceCap: c.notice.penalty } : {}),
      };
    case "defence.waived":
      return { ...base, waived: true, noticeAnswered: c.notice !== undefined };
    case "hearing.requested":
      return { ...base, hearingRequested: true };
    case "hearing.notified":
      return {
        ...base,
        hearingNotice: {
          at: e.at,
          hearingDate: e.hearingDate,
          public: e.public,
          ...(e.closedBecause === undefined ? {} : { closedBecause: e.closedBecause }),
        },
      };
    case "hearing.held":
      // A party who stayed away or walked out waived the hearing (Art. 64 item 6): the hearing
      // is over, but the party was not heard — no answer to the notice, no defence cap.
      if (e.partyAbsence !== undefined) return { ...base, hearingHeld: true, hearingWaived: e.partyAbsence };
      return {
        ...base,
        hearingHeld: true,
        noticeAnswered: c.notice !== undefined,
        ...(c.defenceCap === undefined && c.notice !== undefined ? { defenceCap: c.notice.penalty } : {}),
      };
    case "circumstances.recorded":
      return { ...base, circumstances: e.circumstances };
    case "discussion.held":
      return { ...base, discussionHeld: true };
    case "review.approved":
      return { ...base, approvedDraftHashes: [...c.approvedDraftHashes, e.draftHash] };
    case "case.decided":
      return {
        ...base,
        decision: {
          outcome: e.outcome,
          ...(e.penalty === undefined ? {} : { penalty: e.penalty }),
          draftHash: e.draftHash,
          at: e.at,
        },
        deadlines: { ...c.deadlines, service: e.serviceDue },
      };
    case "decision.served":
      return {
        ...base,
        service: {
          method: e.method,
          at: e.at,
          servedOn: e.servedOn ?? civilDateOf(e.at),
          ...(e.publicNotice === undefined ? {} : { publicNotice: e.publicNotice }),
        },
        deadlines: {
          ...c.deadlines,
          ...(e.paymentDue === undefined ? {} : { payment: e.paymentDue }),
          ...(e.courtApplicationDue === undefined ? {} : { courtApplication: e.courtApplicationDue }),
        },
      };
    case "payment.deferred":
    case "payment.instalmentsApproved":
      return {
        ...base,
        execution: evolveExecution(c.execution, e),
        deadlines: {
          ...c.deadlines,
          payment: e.paymentDue,
          ...(e.courtApplicationDue === undefined ? {} : { courtApplication: e.courtApplicationDue }),
        },
      };
    case "service.consented":
    case "execution.demanded":
    case "execution.defenceReceived":
    case "execution.decided":
    case "execution.served":
    case "execution.acted":
    case "execution.applied":
    case "execution.courtAccepted":
    case "execution.courtRuled":
    case "execution.courtReconsidered":
    case "execution.suspended":
    case "execution.resumed":
    case "execution.terminated":
    case "execution.ceased":
    case "execution.surchargeRelieved":
    case "execution.agreementBreached":
    case "execution.courtStatementMade":
      return { ...base, execution: evolveExecution(c.execution, e) };
    case "payment.recorded":
      return {
        ...base,
        // 分期缴纳: the payment goes to the instalments in order (execution.ts).
        execution: applyPaymentToInstalments(c.execution, c.paidFen + e.amountFen, civilDateOf(e.at)),
        paidFen: c.paidFen + e.amountFen,
        surchargePaidFen: c.surchargePaidFen + (e.surchargeFen ?? 0),
      };
    case "preservation.approved":
      return {
        ...base,
        preservations: {
          ...c.preservations,
          [e.preservationId]: { approval: { at: e.at, approverId: e.approverId, reason: e.reason } },
        },
      };
    case "preservation.registered":
    case "preservation.handled": {
      const p = c.preservations[e.preservationId];
      if (p === undefined) return base; // the machine refuses it before
      const next: Preservation =
        e.type === "preservation.registered"
          ? { ...p, registered: { at: e.at, items: e.items, handlingDue: e.handlingDue } }
          : { ...p, handled: { at: e.at, outcome: e.outcome } };
      return { ...base, preservations: { ...c.preservations, [e.preservationId]: next } };
    }
    case "coercion.acted":
      return {
        ...base,
        measures: {
          ...c.measures,
          [e.measureId]: evolveSeizure(c.measures[e.measureId] ?? EMPTY_SEIZURE, e.seizure),
        },
      };
    case "transfer.reported":
      return {
        ...base,
        transfer: { reported: { at: e.at, officerIds: e.officerIds, headDecisionDue: e.headDecisionDue } },
      };
    case "transfer.sent":
      return {
        ...base,
        transfer: { ...c.transfer, sent: { at: e.at, receivingOrgan: e.receivingOrgan, late: e.late } },
      };
    case "transfer.answered":
      return { ...base, transfer: { ...c.transfer, answer: { at: e.at, accepted: e.accepted } } };
    case "period.excluded":
      return {
        ...base,
        excluded: [...c.excluded, { kind: e.kind, period: e.period }],
        deadlines: { ...c.deadlines, decision: e.decisionDue },
      };
    case "remedy.recorded":
      return { ...base, remedies: { ...c.remedies, [e.remedyId]: e.pause } };
    case "case.closed":
    case "case.archived":
      return base;
  }
}

/** 未缴罚款 — the fine still outstanding (fen): the decided fine minus payments, never below 0. */
export function outstandingFen(c: PenaltyCaseContext): number {
  const fine = c.decision?.outcome === "penalty" ? (c.decision.penalty?.fineFen ?? 0) : 0;
  return Math.max(0, fine - c.paidFen);
}
