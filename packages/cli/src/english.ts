// The CLI's English words for what core names in Chinese (`--lang en`): states of a case and
// of a legal review, statutory periods, discretion tiers, penalty kinds and ranges. Each table
// is keyed by core's own enum, so a new state, period or kind cannot be left untranslated
// (the compiler refuses a missing key). Law titles stay Chinese: citations are the
// statute's own words.
import {
  type EquipmentKind,
  formatYuan,
  type PENALTY_KIND_LABELS,
  type PenaltyRange,
  type PenaltyState,
  type ReviewOutcome,
  type ReviewStateName,
  type Stage,
  type TIER_LABELS,
} from "@sanxiang/core";

/** States of an ordinary penalty case in English (core: `PENALTY_STATE_NAMES`). */
export const PENALTY_STATE_EN: Readonly<Record<PenaltyState, string>> = {
  unfiled: "not filed",
  investigating: "under investigation",
  investigated: "investigation closed",
  noticed: "party notified",
  hearing: "hearing",
  decided: "decision made",
  transferred: "transferred to the judicial organs",
  served: "decision served",
  executed: "executed",
  closed: "closed",
  archived: "archived",
};

/** States of a legal review in English (core: `REVIEW_STATE_NAMES`). */
export const REVIEW_STATE_EN: Readonly<Record<ReviewStateName, string>> = {
  unsubmitted: "not submitted",
  submitted: "waiting for a reviewer",
  underReview: "under review",
  escalated: "with the legal adviser office",
  changesRequired: "changes required",
  rejected: "not approved",
  disputed: "waiting for collective discussion",
  approved: "approved",
};

/** A review's conclusion in English (core: `REVIEW_OUTCOME_NAMES`). */
export const REVIEW_OUTCOME_EN: Readonly<Record<ReviewOutcome, string>> = {
  approved: "approved",
  problems: "changes required",
  rejected: "not approved",
};

/**
 * Statutory periods in English (core: `STATUTORY_PERIODS[].name`), by period id. Keyed by
 * string, not the id union, so a period core adds does not break the build before it is
 * translated; english.test.ts fails until every period of the table has its name here.
 */
export const PERIOD_EN: Readonly<Record<string, string>> = {
  "penalty.decision": "time limit for the penalty decision",
  "penalty.hearingRequest": "time to request a hearing",
  "penalty.hearingNotice": "notice of the hearing",
  "penalty.statement": "time for statement and defence",
  "penalty.service": "service of the penalty decision",
  "penalty.payment": "time to pay the fine",
  "penalty.withdrawal": "withdrawal of the published decision",
  "penalty.evidencePreservation": "decision on evidence registered and preserved",
  "penalty.cashHandover": "handing fines collected on the spot to the organ",
  "penalty.cashDeposit": "depositing collected fines at the bank",
  "penalty.limitation": "limitation period for penalties",
  "penalty.limitationSevere": "limitation period for penalties (life, health or financial safety, with harm)",
  "disclosure.licencePenalty": "publication of licensing and penalty decisions",
  "disclosure.general": "publication of other enforcement decisions",
  "disclosure.govInfo": "proactive disclosure of government information",
  "disclosure.samrPenalty": "publication of market-regulation penalties (same province)",
  "disclosure.samrWithdrawal": "withdrawal of published market-regulation penalties",
  "disclosure.samrForward": "forwarding market-regulation penalties to another province",
  "disclosure.samrReceived": "publishing market-regulation penalties forwarded from another province",
  "disclosure.decisionWithdrawal": "withdrawal of other published decisions",
  "coercion.seizure": "period of sealing or seizure",
  "enforcement.demand": "wait after the demand before applying to the court",
  "enforcement.courtApplication": "time to apply to the court for enforcement",
  "enforcement.courtAcceptance": "court's acceptance of the application",
  "enforcement.courtRuling": "court's enforcement ruling",
  "enforcement.courtRulingReview": "court's ruling on enforcement (Art. 58 cases)",
  "enforcement.courtRulingDelivery": "court's delivery of a ruling not to enforce",
  "enforcement.courtReconsideration": "organ's request to reconsider a refusal",
  "enforcement.courtReconsiderationRuling": "higher court's ruling on enforcement after reconsideration",
  "enforcement.acceptanceReconsiderationRuling": "higher court's ruling on acceptance after reconsideration",
  "enforcement.suspensionLapse": "three years of suspended execution",
  "enforcement.courtImmediateExecution": "court's immediate execution",
  "licence.correctionNotice": "one-time notice of what to complete",
  "licence.decision": "time limit for the licensing decision",
  "licence.issue": "issuing the licence",
  "licence.hearingHold": "holding a licensing hearing",
  "licence.hearingNotice": "notice of a licensing hearing",
  "transfer.headDecision": "approval of a transfer to the judicial organs",
  "remedy.reconsideration": "time to apply for administrative reconsideration",
  "remedy.reconsiderationDecision": "reconsideration decision (ordinary procedure)",
  "remedy.litigation": "time to bring an administrative lawsuit",
  "service.publicNotice": "service by public notice",
  "samr.filing": "market-regulation filing decision",
  "samr.defence": "market-regulation statement and defence",
};

/** Discretion tiers in English (core: `TIER_LABELS`). */
export const TIER_EN: Readonly<Record<keyof typeof TIER_LABELS, string>> = {
  none: "no penalty",
  mitigated: "mitigated",
  lighter: "lighter",
  ordinary: "ordinary",
  heavier: "heavier",
};

/** Penalty kinds in English (core: `PENALTY_KIND_LABELS`). */
export const KIND_EN: Readonly<Record<keyof typeof PENALTY_KIND_LABELS, string>> = {
  warning: "warning",
  criticism: "public criticism",
  fine: "fine",
  confiscateGains: "confiscation of illegal gains",
  confiscateProperty: "confiscation of illegal property",
  suspendLicence: "suspension of a licence",
  demoteQualification: "lowering of a qualification",
  revokeLicence: "revocation of a licence",
  restrictActivity: "restriction of business activity",
  suspendBusiness: "order to suspend business",
  orderClose: "order to close",
  restrictPractice: "restriction of practice",
  detention: "administrative detention",
  other: "other penalty",
};

/** A range in English: `3.5 to 5 times the illegal gains (¥17,500.00 to ¥25,000.00)`, `up to ¥5,000.00`, `no fine`. */
export function rangeEnglish(range: PenaltyRange): string {
  if (range.basis === undefined || range.max === 0) return "no fine";
  const yuan = (fen: number) => `¥${formatYuan(fen)}`;
  const amounts = range.min === 0 ? `up to ${yuan(range.max)}` : `${yuan(range.min)} to ${yuan(range.max)}`;
  if (range.basis === "fixed" || range.minMultiple === undefined || range.maxMultiple === undefined) return amounts;
  const base = range.basis === "illegalGains" ? "the illegal gains" : "the value of the goods";
  const times = range.minMultiple === 0 ? `up to ${range.maxMultiple}` : `${range.minMultiple} to ${range.maxMultiple}`;
  return `${times} times ${base} (${amounts})`;
}

/** Stages of the procedure in English (core: `STAGE_NAMES`). */
export const STAGE_EN: Readonly<Record<Stage, string>> = {
  filing: "filing",
  investigation: "investigation",
  review: "review",
  decision: "decision",
  service: "service",
  execution: "execution",
  closing: "closing",
  archiving: "archiving",
};

const HOLIDAY_EN: Readonly<Record<string, string>> = {
  元旦: "New Year's Day",
  春节: "Spring Festival",
  清明节: "Qingming Festival",
  劳动节: "Labour Day",
  端午节: "Dragon Boat Festival",
  中秋节: "Mid-Autumn Festival",
  国庆节: "National Day",
  开斋节: "Eid al-Fitr",
  古尔邦节: "Eid al-Adha",
};

/** A holiday's name in English with the notice's Chinese name beside it: `National Day, 国庆节`. */
export function holidayEnglish(name: string): string {
  const en = HOLIDAY_EN[name];
  return en === undefined ? name : `${en}, ${name}`;
}

/** A statutory period's name in English; its Chinese name when the table above lacks it. */
export function periodEnglish(id: string, chinese: string): string {
  return PERIOD_EN[id] ?? chinese;
}

/** Kinds of enforcement equipment in English (core: `EQUIPMENT_KIND_LABELS`). */
export const EQUIPMENT_KIND_EN: Readonly<Record<EquipmentKind, string>> = {
  bodyCamera: "body-worn recorders",
  scanner: "scanners",
  mobileTerminal: "mobile enforcement terminals",
  other: "other equipment",
};
