// sanxiang's default projections: the read models a bureau queries without folding cases —
// which statutory deadlines are open and when they fall due (期限索引), which decisions wait
// to be disclosed (公示队列), what the public sees (公示信息), and how many events of each kind
// each month (统计). A store
// applies them in the append's transaction (see recording/projection.ts).

import { z } from "zod";
import { STATUTORY_PERIODS } from "../calendar/periods.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { CivilDateSchema, civilDateOf, isInstant } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { Projection, ProjectionWrite } from "../recording/projection.js";
import { type CaseDeadline, CaseDeadlineSchema } from "./events.js";

/** Names of the default projections. */
export const PROJECTIONS = {
  /** 期限索引 — open statutory deadlines, key `<caseId>/<ruleId>`, sort key the due date. */
  deadlines: "deadlines",
  /** 公示队列 — decisions awaiting disclosure, key the case id, sort key the decision date. */
  disclosureQueue: "disclosure-queue",
  /** 统计 — event counts, key `<YYYY-MM>/<event type>` (China time), in `count`. */
  statistics: "statistics",
  /**
   * 公示信息 — what the public sees, key the disclosure id: `{status: "published", item, channel,
   * location?}` or `{status: "withdrawn", notice}`; sort key the item's first publication
   * (a withdrawal notice's: its withdrawal time).
   */
  disclosures: "disclosures",
} as const;

// Deadlines that are not the bureau's open obligations once the case exists: the limitation
// period (追责时效) is met by filing the case within it.
const NOT_INDEXED = new Set(["penalty.limitation", "penalty.limitationSevere"]);

/**
 * 审核期限 — the rule id under which a legal review's time limit (重大执法决定法制审核, a
 * bureau's [VAR] figure: `ReviewPolicy.workingDays`) is indexed, key `<review stream>/review.timeLimit`.
 */
export const REVIEW_TIME_LIMIT = "review.timeLimit";
/** Review events that set (or reset) the time limit: 送审, 重新送审, 延长. */
const REVIEW_DEADLINE_EVENTS = new Set(["review.submitted", "review.resubmitted", "review.extended"]);
/** The part of a review deadline (`ReviewDeadline`) the index keeps, read structurally (review sits above enforcement). */
const ReviewTimeLimitShape = z.object({
  due: CivilDateSchema,
  source: RuleSourceSchema,
  provisional: z.boolean().optional(),
});

/**
 * 期限解除 — the event types that meet each deadline (the act the period is for). A case's
 * remaining deadlines are all removed by the events of {@link CASE_END_EVENTS}.
 */
export const DEADLINE_DISCHARGES: Readonly<Record<string, readonly string[]>> = {
  "penalty.decision": ["case.decided"],
  "penalty.service": ["decision.served"],
  // The party's window to ask for a hearing: used, answered, waived — or moot once decided.
  "penalty.hearingRequest": ["hearing.requested", "defence.received", "defence.waived", "case.decided"],
  // The party's window to state and defend: answered (statement, waiver, hearing) — or moot once decided.
  "penalty.statement": ["defence.received", "defence.waived", "hearing.held", "case.decided"],
  "penalty.cashHandover": ["cash.handedOver"],
  "penalty.cashDeposit": ["cash.deposited"],
  "penalty.evidencePreservation": ["preservation.handled"],
  "transfer.headDecision": ["case.decided"],
  // 行政强制执行 (行政强制法 Arts. 37, 53, 54): the demand's ten days and the three-month court
  // window end when the bureau decides to enforce itself or applies to the court.
  "enforcement.demand": ["execution.decided", "execution.applied", "execution.terminated", "execution.ceased"],
  "enforcement.courtApplication": [
    "execution.decided",
    "execution.applied",
    "execution.terminated",
    "execution.ceased",
  ],
  // The court's periods (Arts. 56–58), tracked by the organ: met by the court's acceptance or
  // ruling, the organ's 复议 by its request; all end when execution is terminated (Art. 40).
  "enforcement.courtAcceptance": ["execution.courtAccepted", "execution.courtRuled", "execution.terminated"],
  "enforcement.courtRuling": ["execution.courtRuled", "execution.terminated"],
  "enforcement.courtRulingReview": ["execution.courtRuled", "execution.terminated"],
  "enforcement.courtReconsideration": ["execution.courtReconsidered", "execution.terminated"],
  "enforcement.courtReconsiderationRuling": ["execution.courtRuled", "execution.terminated"],
  "enforcement.acceptanceReconsiderationRuling": ["execution.courtRuled", "execution.terminated"],
  // 中止执行满三年 (Art. 39 para. 2): moot once execution resumes, ends or is no longer pursued.
  "enforcement.suspensionLapse": ["execution.resumed", "execution.terminated", "execution.ceased"],
  // 立即执行 (Art. 59): the court's five days, followed by the organ until the case ends.
  "enforcement.courtImmediateExecution": ["execution.terminated"],
  // 送达不予执行裁定 (Art. 58 para. 2): indexed only when the ruling reached the organ late
  // (`deliveredLate`); the flag stays until the case ends.
  "enforcement.courtRulingDelivery": [],
  // 公示 (in the disclosure's own stream): published, or withheld by law (not published at all).
  "disclosure.licencePenalty": ["disclosure.published", "disclosure.withheld"],
  // …and an inspection case's own result deadline (优化营商环境条例 Art. 54: 双随机、一公开) ends
  // when the case records its result public (`inspection.published`).
  "disclosure.general": ["disclosure.published", "disclosure.withheld", "inspection.published"],
  "disclosure.govInfo": ["disclosure.published", "disclosure.withheld"],
  "disclosure.samrPenalty": ["disclosure.published", "disclosure.withheld"],
  // 跨省 (市场监督管理行政处罚信息公示规定 Art. 10): the sender's duty ends when it pushes the
  // information (or withholds it); the registration-place bureau's when it publishes.
  "disclosure.samrForward": ["disclosure.forwarded", "disclosure.withheld"],
  "disclosure.samrReceived": ["disclosure.published", "disclosure.withheld"],
  // 撤回 (行政处罚法 Art. 48 para. 2; 市场监督管理行政处罚信息公示规定 Art. 11; 118号 及时撤下).
  "penalty.withdrawal": ["disclosure.withdrawn"],
  "disclosure.samrWithdrawal": ["disclosure.withdrawn"],
  "disclosure.decisionWithdrawal": ["disclosure.withdrawn"],
  // 法制审核 (in the review's own stream): the time limit ends with the opinion.
  [REVIEW_TIME_LIMIT]: ["review.concluded"],
};

/**
 * {@link DEADLINE_DISCHARGES} turned around: the rule ids each event type meets, in the
 * order of its entries (what `project` used to find by walking every entry for each event).
 */
const DISCHARGED_BY: ReadonlyMap<string, readonly string[]> = (() => {
  const byType = new Map<string, string[]>();
  for (const [ruleId, types] of Object.entries(DEADLINE_DISCHARGES)) {
    for (const type of new Set(types)) {
      const list = byType.get(type);
      if (list === undefined) byType.set(type, [ruleId]);
      else list.push(ruleId);
    }
  }
  return byType;
})();

/** A deadline's row key: `<caseId>/<ruleId>`, or `<caseId>/<ruleId>/<measureId>` for one measure's. */
const deadlineKey = (caseId: string, ruleId: string, measureId?: string): string =>
  measureId === undefined ? `${caseId}/${ruleId}` : `${caseId}/${ruleId}/${measureId}`;

/** Nested procedure events (in `coercion.acted`) that end a coercive measure and its period. */
const MEASURE_END_EVENTS = new Set(["seizure.handled", "seizure.released"]);

/** Event types that end a case (or a procedure's file): every deadline still indexed for it is removed. */
export const CASE_END_EVENTS: readonly string[] = ["case.closed", "case.archived", "decision.filed"];

/**
 * 备案 (`decision.filed`, 行政处罚法 Art. 52 para. 3) ends an on-the-spot case's own deadlines,
 * not the party's performance of the decision: its payment deadline and execution periods stay
 * indexed until met (Arts. 53, 67, 72; 行政强制法 Arts. 53–54).
 */
const keptAfterFiling = (ruleId: string): boolean => ruleId === "penalty.payment" || ruleId.startsWith("enforcement.");

/**
 * 人民法院逾期送达不予执行裁定 (行政强制法 Art. 58 para. 2) — the court's five days, which the
 * organ learns of only when the ruling reaches it: `execution.courtRuled` carries them
 * (`deliveryDue`); on time, nothing is indexed; late (`deliveredLate`), the row is kept with
 * the day it was met (`metOn`, the organ's `receivedOn`), so the list shows the court's missed
 * deadline and by how many days, until the case ends. Paying off the fine does not clear it.
 */
const COURT_LATE_DELIVERY = "enforcement.courtRulingDelivery";

/** Collected on the spot (`onSpot.collected`, Arts. 68–71), the fine is paid: nothing to pay at the bank or to enforce. */
const COLLECTED_DISCHARGES: readonly string[] = ["penalty.payment", "enforcement.courtApplication"];

/**
 * 缴清罚款 — a payment that leaves nothing owed (`payment.recorded` with `remainingFen` 0,
 * 行政处罚法 Art. 67; in any procedure: ordinary, or on the spot and paid at the bank, Arts.
 * 53, 67 para. 3) meets the payment deadline, and with it every execution period of the fine
 * (行政强制法 Arts. 35–58: the demand, the court window, the court's periods — 执行完毕).
 */
export const PAID_OFF_DISCHARGES: readonly string[] = STATUTORY_PERIODS.map((p) => p.id).filter(
  (id) => id === "penalty.payment" || (id.startsWith("enforcement.") && id !== COURT_LATE_DELIVERY),
);

/** Whether `event` is a payment leaving nothing owed (see {@link PAID_OFF_DISCHARGES}). */
function paysOff(event: CaseEvent): boolean {
  return event.type === "payment.recorded" && event.payload.remainingFen === 0;
}

const ALL_RULE_IDS = STATUTORY_PERIODS.map((p) => p.id);

/** The deadlines an event sets: every {@link CaseDeadline} among its payload's values, one level down too. */
function deadlinesIn(event: CaseEvent): CaseDeadline[] {
  const found: CaseDeadline[] = [];
  for (const v of Object.values(event.payload)) visitDeadlines(v, 1, found);
  return found;
}

/** Adds `value` to `found` if it is a deadline, else looks `depth` levels into its values. */
function visitDeadlines(value: unknown, depth: number, found: CaseDeadline[]): void {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return;
  // Only an object with a string `ruleId` and `due` can be a deadline: the schema (the
  // costly part, run on every append) is asked about those alone.
  const candidate = value as { ruleId?: unknown; due?: unknown };
  if (typeof candidate.ruleId === "string" && typeof candidate.due === "string") {
    const d = CaseDeadlineSchema.safeParse(value);
    if (d.success) {
      found.push(d.data);
      return;
    }
  }
  if (depth > 0) for (const v of Object.values(value)) visitDeadlines(v, depth - 1, found);
}

/**
 * 期限索引 — one row per open statutory deadline of a case (per measure for a coercive
 * measure's period: key `<caseId>/coercion.seizure/<measureId>`): set when an event carries
 * the deadline (a later event with the same rule replaces it — e.g. the decision deadline
 * after an excluded period), removed when the act it is for is recorded
 * ({@link DEADLINE_DISCHARGES}), the measure is handled or released, or the case ends. A
 * legal review's time limit is indexed too ({@link REVIEW_TIME_LIMIT}, set by 送审 / 重新送审 /
 * 延长, ended by the opinion). Query by sort key for "due by date X" and by key prefix
 * `<caseId>/` for one case. Version 4 indexes review time limits (a rebuild picks up those of
 * reviews recorded before); version 5 drops the payment deadline and the execution periods
 * when a payment leaves nothing owed ({@link PAID_OFF_DISCHARGES}; payments recorded before
 * the event carried `remainingFen` stay until the case closes).
 */
export const deadlinesProjection: Projection = {
  name: PROJECTIONS.deadlines,
  version: 5,
  project(event) {
    const writes: ProjectionWrite[] = [];
    // A measure's deadline (查封扣押期限) is per measure: several may run in one case.
    const measureId = typeof event.payload.measureId === "string" ? event.payload.measureId : undefined;
    const caseId = event.caseId;
    // Every key names the event's measure when it has one: versions 1–5 built keys with a
    // helper whose `measure = measureId` default also stood in for an explicit `undefined`.
    if (CASE_END_EVENTS.includes(event.type)) {
      for (const ruleId of ALL_RULE_IDS) {
        if (event.type === "decision.filed" && keptAfterFiling(ruleId)) continue;
        writes.push({ op: "delete", key: deadlineKey(caseId, ruleId, measureId) });
      }
      return writes;
    }
    if (event.type === "onSpot.collected") {
      for (const ruleId of COLLECTED_DISCHARGES)
        writes.push({ op: "delete", key: deadlineKey(caseId, ruleId, measureId) });
    }
    if (paysOff(event)) {
      for (const ruleId of PAID_OFF_DISCHARGES)
        writes.push({ op: "delete", key: deadlineKey(caseId, ruleId, measureId) });
    }
    const discharged = DISCHARGED_BY.get(event.type);
    if (discharged !== undefined) {
      for (const ruleId of discharged) writes.push({ op: "delete", key: deadlineKey(caseId, ruleId, measureId) });
    }
    const nested = event.payload.seizure;
    if (measureId !== undefined && typeof nested === "object" && nested !== null) {
      const nestedType = (nested as { type?: unknown }).type;
      if (typeof nestedType === "string" && MEASURE_END_EVENTS.has(nestedType)) {
        writes.push({ op: "delete", key: deadlineKey(caseId, "coercion.seizure", measureId) });
        return writes;
      }
    }
    if (REVIEW_DEADLINE_EVENTS.has(event.type)) {
      const limit = ReviewTimeLimitShape.safeParse(event.payload.due);
      if (limit.success) {
        writes.push({
          op: "put",
          key: deadlineKey(caseId, REVIEW_TIME_LIMIT, measureId),
          sortKey: limit.data.due,
          value: {
            caseId: event.caseId,
            ruleId: REVIEW_TIME_LIMIT,
            due: limit.data.due,
            source: limit.data.source,
            provisional: limit.data.provisional === true,
            setBy: event.type,
            seq: event.seq,
            // 送审: the case under review.
            ...(typeof event.payload.caseId === "string" ? { reviewOf: event.payload.caseId } : {}),
          },
        });
      }
      return writes;
    }
    for (const d of deadlinesIn(event)) {
      if (NOT_INDEXED.has(d.ruleId)) continue;
      let metOn: string | undefined;
      if (d.ruleId === COURT_LATE_DELIVERY) {
        if (event.payload.deliveredLate !== true || typeof event.payload.receivedOn !== "string") continue;
        metOn = event.payload.receivedOn;
      }
      writes.push({
        op: "put",
        key: deadlineKey(caseId, d.ruleId, measureId),
        sortKey: d.due,
        value: {
          caseId: event.caseId,
          ruleId: d.ruleId,
          due: d.due,
          source: d.source,
          provisional: d.provisional,
          setBy: event.type,
          seq: event.seq,
          ...(metOn === undefined ? {} : { metOn }),
        },
      });
    }
    return writes;
  },
};

/** The case a disclosure event ends the decision-disclosure obligation of, if any (the draft's `caseId`). */
function disclosedCase(event: CaseEvent): string | undefined {
  const p = event.payload;
  if (typeof p.caseId !== "string") return undefined;
  // Withheld, or pushed to another province's bureau (市场监督管理行政处罚信息公示规定 Art. 10): this bureau's duty ends.
  if (event.type === "disclosure.withheld" || event.type === "disclosure.forwarded") {
    return p.kind === "decision" ? p.caseId : undefined;
  }
  if (event.type !== "disclosure.published") return undefined;
  const item = p.item;
  const kind = typeof item === "object" && item !== null ? (item as { kind?: unknown }).kind : undefined;
  return kind === "decision" ? p.caseId : undefined;
}

/** Stream-id prefix of a decision's disclosure (`disclosureIdFor("decision", key)` in disclosure/draft.ts). */
const DECISION_DISCLOSURE_PREFIX = "gs-decision-";

/**
 * The queue row a decision's disclosure event clears: the case's row, or — for a disclosure
 * keyed `<caseId>:<measureId>` (a coercive measure of the case, stream `gs-decision-<caseId>:<measureId>`)
 * — the measure's row.
 */
function queueRowOf(event: CaseEvent, caseId: string): string {
  const measurePrefix = `${DECISION_DISCLOSURE_PREFIX}${caseId}:`;
  return event.caseId.startsWith(measurePrefix) ? event.caseId.slice(DECISION_DISCLOSURE_PREFIX.length) : caseId;
}

/** A queue row: the decision, its day (China time), the event that made it, its category and procedure. */
function queued(
  event: CaseEvent,
  key: string,
  at: unknown,
  row: { category: string; procedure: string; penalty: unknown; measureId?: string },
): ProjectionWrite {
  const decidedOn = civilDateOf(isInstant(at) ? at : event.at);
  return {
    op: "put",
    key,
    sortKey: decidedOn,
    value: {
      caseId: event.caseId,
      decidedOn,
      seq: event.seq,
      penalty: row.penalty ?? null,
      category: row.category,
      procedure: row.procedure,
      ...(row.measureId === undefined ? {} : { measureId: row.measureId }),
    },
  };
}

/**
 * 公示队列 — decisions that must be disclosed (国办发〔2018〕118号; 行政处罚法 Art. 48), one row
 * each, sorted by decision date (China time), with `category` (执法类别) and `procedure`:
 * - an ordinary penalty decision (`case.decided`, outcome `penalty`): key the case id,
 *   `penalty`, `ordinary`;
 * - an on-the-spot decision (`onSpot.decided`): key the case id, `penalty`, `simplified`;
 * - a 查封、扣押 executed in a case (`coercion.acted` / `seizure.executed`): key
 *   `<caseId>:<measureId>`, `coercion`, `seizure` (removed again if the head refuses it
 *   afterwards, 行政强制法 Art. 19: it must be released, there is no decision to publish);
 * - a random-inspection result (`inspection.concluded`): key the case id, `inspection`,
 *   `randomInspection`; also removed when the case records `inspection.published`.
 *
 * A row is removed when the decision's disclosure (its own stream) is published, withheld
 * or forwarded: those events of a `decision` carry the case id, and a measure's disclosure
 * names the measure in its stream id `gs-decision-<caseId>:<measureId>`. Rows written before
 * version 3 have neither `category` nor `procedure`: they are ordinary penalty decisions.
 */
export const disclosureQueueProjection: Projection = {
  name: PROJECTIONS.disclosureQueue,
  version: 3,
  project(event) {
    const disclosed = disclosedCase(event);
    if (disclosed !== undefined) return [{ op: "delete", key: queueRowOf(event, disclosed) }];
    const p = event.payload;
    switch (event.type) {
      case "case.decided":
        if (p.outcome !== "penalty") return [];
        return [queued(event, event.caseId, p.at, { category: "penalty", procedure: "ordinary", penalty: p.penalty })];
      case "onSpot.decided":
        return [
          queued(event, event.caseId, p.at, { category: "penalty", procedure: "simplified", penalty: p.penalty }),
        ];
      case "coercion.acted": {
        const seizure = objectOf(p.seizure) ?? {};
        if (typeof p.measureId !== "string") return [];
        const key = `${event.caseId}:${p.measureId}`;
        if (seizure.type === "seizure.approved" && seizure.approved === false) return [{ op: "delete", key }];
        if (seizure.type !== "seizure.executed") return [];
        const row = { category: "coercion", procedure: "seizure", penalty: null, measureId: p.measureId };
        return [queued(event, key, seizure.at, row)];
      }
      case "inspection.concluded":
        return [
          queued(event, event.caseId, p.at, { category: "inspection", procedure: "randomInspection", penalty: null }),
        ];
      case "inspection.published":
        return [{ op: "delete", key: event.caseId }];
      default:
        return [];
    }
  },
};

const objectOf = (value: unknown): Readonly<Record<string, unknown>> | undefined =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Readonly<Record<string, unknown>>)
    : undefined;

/**
 * 公示信息 — what the public sees, per disclosure (key: the disclosure's stream id): on
 * `disclosure.published` the item (each new version replaces the row), on
 * `disclosure.withdrawn` the withdrawal notice in its place, removed on `disclosure.expired`
 * and `disclosure.endedEarly`.
 * The public site is built from these rows alone. (Enforcement sits below disclosure, so the
 * payloads are read structurally here; the disclosure module's schemas validate them when
 * they are decided and folded.)
 */
export const disclosuresProjection: Projection = {
  name: PROJECTIONS.disclosures,
  version: 1,
  project(event) {
    const p = event.payload;
    if (event.type === "disclosure.published") {
      const item = objectOf(p.item);
      if (item === undefined) return [];
      return [
        {
          op: "put",
          key: event.caseId,
          sortKey: typeof item.publishedAt === "string" ? item.publishedAt : null,
          value: {
            status: "published",
            item,
            ...(typeof p.channel === "string" ? { channel: p.channel } : {}),
            ...(typeof p.location === "string" ? { location: p.location } : {}),
          },
        },
      ];
    }
    if (event.type === "disclosure.withdrawn") {
      const notice = objectOf(p.notice);
      if (notice === undefined) return [];
      return [
        {
          op: "put",
          key: event.caseId,
          sortKey: typeof notice.withdrawnAt === "string" ? notice.withdrawnAt : null,
          value: { status: "withdrawn", notice },
        },
      ];
    }
    // 公示期满, or 提前停止公示 (市场监督管理行政处罚信息公示规定 Art. 14): the item leaves the public.
    if (event.type === "disclosure.expired" || event.type === "disclosure.endedEarly") {
      return [{ op: "delete", key: event.caseId }];
    }
    return [];
  },
};

/** 统计 — one counter per month (China time) and event type: `2025-03/case.filed` → 12. */
export const statisticsProjection: Projection = {
  name: PROJECTIONS.statistics,
  version: 1,
  project(event) {
    return [{ op: "increment", key: `${civilDateOf(event.at).slice(0, 7)}/${event.type}`, by: 1 }];
  },
};

/** The default projections, in application order: deadlines, disclosure queue, statistics, public disclosures. */
export function defaultProjections(): readonly Projection[] {
  return [deadlinesProjection, disclosureQueueProjection, statisticsProjection, disclosuresProjection];
}
