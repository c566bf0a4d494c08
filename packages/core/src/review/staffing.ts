import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { type CivilDate, compareCivilDates } from "../kernel/time.js";
import type { OfficerPolicyInput } from "../registry/bodies/policy.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import {
  REVIEWER_QUALIFICATION_FROM,
  type ReviewerStaffingReport,
  type TrainingHours,
} from "../registry/bodies/staffing.js";
import { REVIEW_SOURCES } from "./policy.js";

function refuse(message: string, source: RuleSource, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("OFFICER_NOT_QUALIFIED", `${message}（依据：${formatSource(source)}）`, { source, details });
}

/**
 * 审核人员登记核验 — may `reviewerId` review on `date`, by the registry? They must be in it
 * (else the registry's own refusal), of the case's body when `bodyId` is given (a reviewer
 * of another body reviews nothing here: `OFFICER_NOT_QUALIFIED`, `details.reason:
 * "otherBody"`), 在岗 and registered as legal-review staff (行政处罚法 Art. 58 para. 1;
 * `reason: "notReviewer"`), and hold the 法律职业资格 unless they reviewed before 2021-07-15
 * (Art. 58 para. 2: 初次从事行政处罚决定法制审核的; `reason: "noLegalQualification"`).
 * Returns the qualification number when held.
 */
export function reviewerQualification(
  reviewerId: string,
  date: CivilDate,
  bodies: BodiesRegistry,
  bodyId?: string,
): Result<{ readonly legalQualification?: string }, SanxiangError> {
  const officer = bodies.officer(reviewerId, date);
  if (officer.isErr()) return err(officer.error);
  const o = officer.value;
  if (bodyId !== undefined && o.bodyId !== bodyId) {
    const body = bodies.body(bodyId, date);
    return err(
      refuse(
        `${o.name}（${o.id}）不是「${body.isOk() ? body.value.name : bodyId}」的法制审核人员，不能审核本机关的案件`,
        REVIEW_SOURCES.reviewer,
        { reviewerId, reason: "otherBody", officerBodyId: o.bodyId, bodyId },
      ),
    );
  }
  if (!o.reviewer || o.status !== "active") {
    return err(
      refuse(`${o.name}（${o.id}）不是在岗的法制审核人员`, REVIEW_SOURCES.reviewer, {
        reviewerId,
        reason: "notReviewer",
        status: o.status,
      }),
    );
  }
  const firstTime =
    o.reviewerSince === undefined || compareCivilDates(o.reviewerSince, REVIEWER_QUALIFICATION_FROM) >= 0;
  if (o.legalQualification === undefined && firstTime) {
    return err(
      refuse(`${o.name}（${o.id}）未取得法律职业资格，不得初次从事行政处罚决定法制审核`, REVIEW_SOURCES.qualification, {
        reviewerId,
        reason: "noLegalQualification",
        reviewerSince: o.reviewerSince,
      }),
    );
  }
  return ok(o.legalQualification === undefined ? {} : { legalQualification: o.legalQualification });
}

/**
 * 法制审核队伍情况 — a body's legal-review staffing and its reviewers' training in one
 * report: the reviewer ratio (the registry's {@link registry.reviewerStaffing}: ≥ 5 % of enforcement
 * officers by default, configurable), reviewers who need the 法律职业资格 (Art. 58 para. 2),
 * each reviewer's training hours and courses of the year (the registry's
 * {@link registry.trainingReport}, pilot plan 二（三）（4） regular training), and the same as text.
 */
export interface ReviewTeamReport {
  /** The body. */
  readonly bodyId: string;
  /** The registry's staffing check. */
  readonly staffing: ReviewerStaffingReport;
  /** The reviewers' rows of the year's training report. */
  readonly training: readonly TrainingHours[];
  /** The training minimum applied. */
  readonly trainingRequired: number;
  /** Reviewers below it. */
  readonly trainingShort: readonly string[];
  /** Whether staffing, qualification and training all pass. */
  readonly pass: boolean;
  /** The rules applied. */
  readonly sources: readonly RuleSource[];
  /** The report as Chinese text, one line a fact. */
  readonly text: string;
}

/**
 * 法制审核队伍报告 — builds a {@link ReviewTeamReport} for `bodyId` on `date` (training of
 * `date`'s year) from the bodies registry, reusing its staffing and training checks (the
 * same ones `sanxiang registry check` prints).
 */
export function reviewTeamReport(
  bodies: BodiesRegistry,
  bodyId: string,
  date: CivilDate,
  policy?: OfficerPolicyInput,
): Result<ReviewTeamReport, SanxiangError> {
  const staffing = bodies.reviewerStaffing(bodyId, date, policy);
  if (staffing.isErr()) return err(staffing.error);
  const year = Number(date.slice(0, 4));
  const training = bodies.trainingReport(bodyId, year, policy, date);
  if (training.isErr()) return err(training.error);
  const s = staffing.value;
  const t = training.value;
  const reviewerIds = new Set(
    bodies
      .officersOf(bodyId, date)
      .filter((o) => o.reviewer && o.status === "active")
      .map((o) => o.id),
  );
  const rows = t.officers.filter((r) => reviewerIds.has(r.officerId));
  const short = rows.filter((r) => !r.pass).map((r) => r.officerId);
  const lines = [
    `${date} 执法人员 ${s.officers} 名，法制审核人员 ${s.reviewers} 名，应不少于 ${s.required} 名（${s.ratioBasisPoints / 100}%），${s.pass ? "达标" : "不达标"}（依据：${formatSource(s.source)}）`,
    s.needQualification.length === 0
      ? "法制审核人员均符合法律职业资格要求"
      : `未取得法律职业资格、不得初次从事行政处罚决定法制审核：${s.needQualification.join("、")}（依据：${formatSource(s.qualificationSource)}）`,
    `${year} 年法制审核人员培训（每人应不少于 ${t.required} 学时）：`,
    ...rows.map(
      (r) =>
        `  ${r.name}（${r.officerId}）${r.hours} 学时${r.pass ? "" : "，未达标"}${r.records.length === 0 ? "" : `：${r.records.map((x) => `${x.date} ${x.course} ${x.hours} 学时`).join("；")}`}`,
    ),
  ];
  return ok({
    bodyId,
    staffing: s,
    training: rows,
    trainingRequired: t.required,
    trainingShort: short,
    pass: s.pass && s.needQualification.length === 0 && short.length === 0,
    sources: [s.source, s.qualificationSource, t.source, REVIEW_SOURCES.training],
    text: lines.join("\n"),
  });
}
