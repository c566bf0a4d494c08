import type { SanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { RuleSource } from "../../kernel/source.js";
import type { CivilDate } from "../../kernel/time.js";
import { inForce } from "../versions.js";
import { OFFICER_POLICY_SOURCES, type OfficerPolicyInput, resolveOfficerPolicy } from "./policy.js";
import type { Officer, TrainingRecord } from "./schema.js";

/** 行政处罚法 Art. 58 para. 2: a person doing penalty legal review for the first time holds the 法律职业资格. */
export const REVIEWER_QUALIFICATION_SOURCE: RuleSource = {
  law: "行政处罚法",
  article: 58,
  paragraph: 2,
  confidence: "C-law",
};

/** The day the 2021 行政处罚法, and so Art. 58 para. 2, came into force. */
export const REVIEWER_QUALIFICATION_FROM: CivilDate = "2021-07-15";

/** 法制审核人员配备情况 — the reviewer staffing check of one body on one date. */
export interface ReviewerStaffingReport {
  /** The date counted. */
  readonly date: CivilDate;
  /** 执法人员总数 — officers in force and 在岗 on the date (reviewers included). */
  readonly officers: number;
  /** 法制审核人员数 — of those, the legal reviewers. */
  readonly reviewers: number;
  /** The ratio applied, in basis points (500 = 5 %). */
  readonly ratioBasisPoints: number;
  /** 应配备人数 — reviewers required: the ratio of `officers`, rounded up. */
  readonly required: number;
  /** Whether `reviewers >= required`. */
  readonly pass: boolean;
  /** The ratio's source ([M]: configurable). */
  readonly source: RuleSource;
  /**
   * Reviewers without the 法律职业资格 who began reviewing on or after 2021-07-15, or whose
   * start is not recorded (行政处罚法 Art. 58 para. 2 applies to them).
   */
  readonly needQualification: readonly string[];
  /** The qualification rule. */
  readonly qualificationSource: RuleSource;
}

function activeOn(officers: readonly Officer[], date: CivilDate): Officer[] {
  const byId = new Map<string, Officer>();
  for (const o of officers) if (inForce(o, date) && o.status === "active") byId.set(o.id, o);
  return [...byId.values()];
}

/**
 * 法制审核人员配备比例 — counts the enforcement officers and legal reviewers among
 * `officers` (usually one body's) in force and 在岗 on `date`, and compares the reviewers
 * with the policy's `reviewerRatioBasisPoints` (default 5 %, "原则上不少于本单位执法人员
 * 总数的5%" — [M], configurable). Also lists reviewers who need the 法律职业资格
 * (行政处罚法 Art. 58 para. 2).
 */
export function reviewerStaffing(
  officers: readonly Officer[],
  date: CivilDate,
  policy?: OfficerPolicyInput,
): Result<ReviewerStaffingReport, SanxiangError> {
  const resolved = resolveOfficerPolicy(policy);
  if (resolved.isErr()) return err(resolved.error);
  const bp = resolved.value.reviewerRatioBasisPoints;
  const active = activeOn(officers, date);
  const reviewers = active.filter((o) => o.reviewer);
  // Integer arithmetic: ceil(n * bp / 10000) without floating point.
  const required = Math.floor((active.length * bp + 9_999) / 10_000);
  const needQualification = reviewers
    .filter(
      (o) =>
        o.legalQualification === undefined &&
        (o.reviewerSince === undefined || o.reviewerSince >= REVIEWER_QUALIFICATION_FROM),
    )
    .map((o) => o.id);
  return ok({
    date,
    officers: active.length,
    reviewers: reviewers.length,
    ratioBasisPoints: bp,
    required,
    pass: reviewers.length >= required,
    source: OFFICER_POLICY_SOURCES.reviewerRatioBasisPoints,
    needQualification,
    qualificationSource: REVIEWER_QUALIFICATION_SOURCE,
  });
}

/** 年度培训情况 — one officer's training hours in a year against the minimum. */
export interface TrainingHours {
  /** The officer. */
  readonly officerId: string;
  /** 姓名. */
  readonly name: string;
  /** The calendar year. */
  readonly year: number;
  /** 累计学时. */
  readonly hours: number;
  /** 应完成学时 (policy `trainingHoursPerYear`). */
  readonly required: number;
  /** Whether `hours >= required`. */
  readonly pass: boolean;
  /** The records counted, by date. */
  readonly records: readonly TrainingRecord[];
}

/** 年度培训报告 — every officer's hours in a year, and the rule applied. */
export interface TrainingReport {
  /** The calendar year. */
  readonly year: number;
  /** The minimum applied. */
  readonly required: number;
  /** The minimum's source ([M]: configurable). */
  readonly source: RuleSource;
  /** One row per officer, in the order given. */
  readonly officers: readonly TrainingHours[];
  /** Officers below the minimum. */
  readonly short: readonly string[];
}

/**
 * 培训学时报告 — sums each officer's training hours of `year` (records dated in that
 * calendar year) against the policy's `trainingHoursPerYear` (default 60 — [M],
 * configurable). Each officer id appears once (the first version given).
 */
export function trainingReport(
  officers: readonly Officer[],
  records: readonly TrainingRecord[],
  year: number,
  policy?: OfficerPolicyInput,
): Result<TrainingReport, SanxiangError> {
  const resolved = resolveOfficerPolicy(policy);
  if (resolved.isErr()) return err(resolved.error);
  const required = resolved.value.trainingHoursPerYear;
  const prefix = `${String(year).padStart(4, "0")}-`;
  const seen = new Set<string>();
  const rows: TrainingHours[] = [];
  for (const o of officers) {
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    const mine = records
      .filter((r) => r.officerId === o.id && r.date.startsWith(prefix))
      .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    // Hours are multiples of 0.5, so the sum is exact in binary floating point.
    const hours = mine.reduce((sum, r) => sum + r.hours, 0);
    rows.push({ officerId: o.id, name: o.name, year, hours, required, pass: hours >= required, records: mine });
  }
  return ok({
    year,
    required,
    source: OFFICER_POLICY_SOURCES.trainingHoursPerYear,
    officers: rows,
    short: rows.filter((r) => !r.pass).map((r) => r.officerId),
  });
}
