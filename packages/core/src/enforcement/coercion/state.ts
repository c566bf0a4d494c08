import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { formatSource } from "../../kernel/source.js";
import { civilDateOf, compareCivilDates, epochMillis, type Instant } from "../../kernel/time.js";
import type { CaseDeadline } from "../events.js";
import type { ExcludedPeriod } from "../excluded-periods.js";
import type { SeizureEvent } from "./events.js";
import type { SeizureMeasure } from "./review.js";
import {
  type HandlingOutcome,
  type ReleaseGround,
  SEIZURE_RULES,
  type SeizurePolicyInput,
  SeizurePolicySchema,
} from "./rules.js";

/**
 * 查封扣押状态 — `pending` (nothing done), `approved` (head approved, not yet executed),
 * `inForce` (查封扣押中), `handled` (处理决定: confiscated, destroyed or transferred),
 * `released` (已解除).
 */
export type SeizureStatus = "pending" | "approved" | "inForce" | "handled" | "released";

/** 查封扣押情况 — the fold of a seizure's events, plain JSON. */
export interface SeizureState {
  /** Where the measure stands. */
  readonly status: SeizureStatus;
  /** 负责人批准: when, by whom, and whether it came after an emergency act. */
  readonly approval?: { readonly at: Instant; readonly approverId: string; readonly afterwards: boolean };
  /** 负责人事后不予批准 — the measure must be released at once (Art. 19). */
  readonly refused: boolean;
  /** 情况紧急，当场实施 (Art. 19). */
  readonly emergency: boolean;
  /** 紧急情况已报告 — when, and whether after the 24 hours. */
  readonly report?: { readonly at: Instant; readonly late: boolean };
  /** 实施时间. */
  readonly executedAt?: Instant;
  /** 实施人员. */
  readonly officerIds: readonly string[];
  /** 查封扣押的财物. */
  readonly items: readonly string[];
  /** 已延长 (Art. 25 para. 1). */
  readonly extended: boolean;
  /** 延长日数, when the extension was for fewer days than the row allows. */
  readonly extensionDays?: number;
  /** 批准的查封扣押决定 — the measure approved (or as last extended), for the extension's review gate. */
  readonly measure?: SeizureMeasure;
  /** 检测、鉴定期间 (Art. 25 para. 3). */
  readonly excluded: readonly ExcludedPeriod[];
  /** 查封扣押期限 — the last day, with its source. */
  readonly deadline?: CaseDeadline;
  /** 处理决定 (Art. 27). */
  readonly outcome?: HandlingOutcome;
  /** 解除情形 (Art. 28). */
  readonly releaseGround?: ReleaseGround;
  /** When the last act took place. */
  readonly lastAt?: Instant;
}

/** The state before any event. */
export const EMPTY_SEIZURE: SeizureState = {
  status: "pending",
  refused: false,
  emergency: false,
  officerIds: [],
  items: [],
  extended: false,
  excluded: [],
};

/** 演进 — applies one event (pure; events are trusted, they were decided). */
export function evolveSeizure(s: SeizureState, e: SeizureEvent): SeizureState {
  const base = { ...s, lastAt: e.at };
  switch (e.type) {
    case "seizure.approved":
      return {
        ...base,
        ...(e.approved ? { approval: { at: e.at, approverId: e.approverId, afterwards: e.afterwards } } : {}),
        ...(e.approved && e.measure !== undefined ? { measure: e.measure } : {}),
        refused: !e.approved,
        status: s.status === "pending" ? "approved" : s.status,
      };
    case "seizure.reported":
      return { ...base, report: { at: e.at, late: e.late } };
    case "seizure.executed":
      return {
        ...base,
        status: "inForce",
        emergency: e.emergency,
        executedAt: e.at,
        officerIds: e.officerIds,
        items: e.items,
        deadline: e.deadline,
      };
    case "seizure.extended":
      return {
        ...base,
        extended: true,
        ...(e.days === undefined ? {} : { extensionDays: e.days }),
        ...(e.measure === undefined ? {} : { measure: e.measure }),
        deadline: e.deadline,
      };
    case "seizure.excluded":
      return { ...base, excluded: [...s.excluded, e.period], deadline: e.deadline };
    case "seizure.handled":
      return { ...base, outcome: e.outcome, status: e.outcome === "release" ? "released" : "handled" };
    case "seizure.released":
      return { ...base, releaseGround: e.ground, status: "released" };
  }
}

/** 折叠 — the state after `events`. */
export function foldSeizure(events: readonly SeizureEvent[]): SeizureState {
  return events.reduce(evolveSeizure, EMPTY_SEIZURE);
}

/** True when an emergency measure has gone unreported past its hours at `now` (Art. 19). */
export function reportOverdue(s: SeizureState, now: Instant, policy: SeizurePolicyInput = {}): boolean {
  if (!s.emergency || s.executedAt === undefined || s.report !== undefined || s.approval !== undefined) return false;
  const hours = SeizurePolicySchema.parse(policy).emergencyReportHours;
  return epochMillis(now) - epochMillis(s.executedAt) > hours * 3_600_000;
}

/** True when the seizure is in force and its period ended before `now`'s civil date (Arts. 25, 28). */
export function periodExpired(s: SeizureState, now: Instant): boolean {
  return s.status === "inForce" && s.deadline !== undefined && compareCivilDates(civilDateOf(now), s.deadline.due) > 0;
}

/**
 * 预警 — what is wrong with a seizure at `now`, as coded errors citing their articles (for a
 * supervision screen; {@link decideSeizure} refuses with the same codes): an emergency
 * measure not reported within 24 hours, an emergency measure reported but still without the
 * head's approval, a measure the head refused still in force, a period expired without a
 * handling decision or release.
 */
export function seizureFlags(s: SeizureState, now: Instant, policy: SeizurePolicyInput = {}): readonly SanxiangError[] {
  const flags: SanxiangError[] = [];
  const flag = (rule: keyof typeof SEIZURE_RULES, message: string): void => {
    const r = SEIZURE_RULES[rule];
    flags.push(sanxiangError(r.code, `${message}（依据：${formatSource(r.source)}）`, { source: r.source }));
  };
  if (s.status !== "inForce") return flags;
  if (reportOverdue(s, now, policy)) flag("emergencyReport", "紧急实施的查封、扣押超过二十四小时未向负责人报告");
  else if (s.emergency && s.approval === undefined && s.report?.late === true) {
    flag("emergencyReport", "紧急实施的查封、扣押报告超过二十四小时");
  } else if (s.emergency && s.approval === undefined && !s.refused) {
    flag("emergencyReport", "紧急实施的查封、扣押尚未补办批准手续");
  }
  if (s.refused) flag("refusedAfterwards", "负责人不予批准，应当立即解除查封、扣押");
  if (periodExpired(s, now)) flag("period", "查封、扣押期限已届满，应当作出处理决定或者解除");
  return flags;
}
