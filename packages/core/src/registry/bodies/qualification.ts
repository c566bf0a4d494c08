import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { formatSource, type RuleSource } from "../../kernel/source.js";
import type { CivilDate } from "../../kernel/time.js";
import { PowerKindSchema } from "../powers/kinds.js";
import { inForce } from "../versions.js";
import { ListTextSchema } from "./cells.js";
import { type OfficerPolicyInput, resolveOfficerPolicy } from "./policy.js";
import {
  type Body,
  BodySchema,
  DivisionCodeSchema,
  OFFICER_STATUS_LABELS,
  type Officer,
  regionCovers,
} from "./schema.js";

/**
 * 执法行为 — what an officer is about to do: the enforcement category (执法类别), where
 * (the division of the place of the act), the kind of power (处罚, 强制, 检查 …) and, when
 * known, the body in whose name it is done (as of the date of the act).
 */
export const EnforcementActionSchema = z.object({
  /** 执法类别, e.g. `律师管理`. */
  category: ListTextSchema,
  /** 执法区域 — division code of the place of the act. */
  regionCode: DivisionCodeSchema,
  /** 职权类别; decides which statute's qualification rule is cited. */
  kind: PowerKindSchema.optional(),
  /** 执法主体 — the body acting (its version in force on the date). */
  body: BodySchema.optional(),
});
/** 执法行为 (see {@link EnforcementActionSchema}). */
export type EnforcementAction = z.infer<typeof EnforcementActionSchema>;

/**
 * 不能执法的原因 — why {@link officerMayAct} refused: the record is not in force, the
 * status is not 在岗, the certificate is not yet or no longer valid, the category or region
 * is outside the certificate, or the body is not in force, not the officer's, outside its
 * powers, or an entrusted body attempting a coercive measure.
 */
export const DisqualificationSchema = z.enum([
  "recordNotInForce",
  "statusNotActive",
  "certificateNotYetValid",
  "certificateExpired",
  "categoryOutOfScope",
  "regionOutOfScope",
  "bodyNotInForce",
  "bodyMismatch",
  "bodyOutOfScope",
  "coercionNotEntrustable",
]);
/** 不能执法的原因 (see {@link DisqualificationSchema}). */
export type Disqualification = z.infer<typeof DisqualificationSchema>;

const CFL = "行政处罚法";
/** 行政处罚法 Art. 42 para. 1: penalties by officers with enforcement qualification, at least two. */
export const OFFICER_QUALIFICATION_SOURCE: RuleSource = { law: CFL, article: 42, paragraph: 1, confidence: "C-law" };
/** 行政强制法 Art. 17 para. 3: coercive measures only by qualified officers. */
export const COERCION_QUALIFICATION_SOURCE: RuleSource = {
  law: "行政强制法",
  article: 17,
  paragraph: 3,
  confidence: "C-law",
};
/** 行政强制法 Art. 18 item 2: coercive measures by two or more officers. */
export const COERCION_TWO_OFFICERS_SOURCE: RuleSource = {
  law: "行政强制法",
  article: 18,
  item: 2,
  confidence: "C-law",
};
const NO_CERTIFICATE: RuleSource = { law: CFL, article: 76, paragraph: 1, item: 5, confidence: "C-law" };
const SHOW_CERTIFICATE: RuleSource = { law: CFL, article: 55, paragraph: 1, confidence: "C-law" };
const NO_STANDING: RuleSource = { law: CFL, article: 38, paragraph: 1, confidence: "C-law" };
const AUTHORISED_SCOPE: RuleSource = { law: CFL, article: 19, confidence: "C-law" };
const ENTRUSTED_SCOPE: RuleSource = { law: CFL, article: 20, paragraph: 4, confidence: "C-law" };
const NO_ENTRUSTED_COERCION: RuleSource = { law: "行政强制法", article: 17, paragraph: 1, confidence: "C-law" };

function qualificationSource(action: EnforcementAction): RuleSource {
  return action.kind === "coercion" ? COERCION_QUALIFICATION_SOURCE : OFFICER_QUALIFICATION_SOURCE;
}

function refuse(
  officer: Officer,
  reason: Disqualification,
  message: string,
  source: RuleSource,
  extra: Record<string, unknown> = {},
): Result<true, SanxiangError> {
  const who = `执法人员${officer.name}（执法证号 ${officer.certificateNumber}）`;
  return err(
    sanxiangError("OFFICER_NOT_QUALIFIED", `${who}${message}（${formatSource(source)}）`, {
      source,
      details: { officerId: officer.id, reason, ...extra },
    }),
  );
}

/**
 * 执法资格校验 — may `officer` take `action` on `date`? `ok(true)`, or
 * `OFFICER_NOT_QUALIFIED` whose `details.reason` is a {@link Disqualification}, with the
 * article that refuses: 行政处罚法 Art. 42 para. 1 (行政强制法 Art. 17 para. 3 for coercive
 * measures) for the officer's own qualification; Art. 38, 19 or 20 for the body; 行政强制法
 * Art. 17 para. 1 for an entrusted body attempting a coercive measure. Certificate
 * refusals also list Art. 55 (show the certificate) and Art. 76 para. 1 item 5 (officers
 * without a certificate) in `details.related`. Pass the officer's version in force on
 * `date` (the registry's `mayAct` does the lookup).
 */
export function officerMayAct(
  officer: Officer,
  action: EnforcementAction,
  date: CivilDate,
  policy?: OfficerPolicyInput,
): Result<true, SanxiangError> {
  const resolved = resolveOfficerPolicy(policy);
  if (resolved.isErr()) return err(resolved.error);
  const { regionHierarchy } = resolved.value;
  const q = qualificationSource(action);
  const related = { related: [SHOW_CERTIFICATE, NO_CERTIFICATE] };

  if (!inForce(officer, date)) {
    return refuse(officer, "recordNotInForce", `在 ${date} 无有效的执法人员记录`, q, { date });
  }
  if (officer.status !== "active") {
    const label = OFFICER_STATUS_LABELS[officer.status];
    return refuse(officer, "statusNotActive", `执法证状态为「${label}」，不得从事执法活动`, q, {
      status: officer.status,
      ...related,
    });
  }
  if (date < officer.validFrom) {
    return refuse(officer, "certificateNotYetValid", `的执法证自 ${officer.validFrom} 起有效，${date} 尚未生效`, q, {
      validFrom: officer.validFrom,
      ...related,
    });
  }
  if (date > officer.validUntil) {
    return refuse(officer, "certificateExpired", `的执法证已于 ${officer.validUntil} 到期`, q, {
      validUntil: officer.validUntil,
      ...related,
    });
  }
  if (!officer.categories.includes(action.category)) {
    return refuse(
      officer,
      "categoryOutOfScope",
      `的执法类别（${officer.categories.join("、")}）不含「${action.category}」`,
      q,
      { category: action.category, scope: officer.categories },
    );
  }
  if (!officer.regions.some((r) => regionCovers(r, action.regionCode, regionHierarchy))) {
    return refuse(
      officer,
      "regionOutOfScope",
      `的执法区域（${officer.regions.join("、")}）不含 ${action.regionCode}`,
      q,
      { regionCode: action.regionCode, scope: officer.regions },
    );
  }
  const body = action.body;
  if (body === undefined) return ok(true);
  return checkBody(officer, body, action, date, q);
}

function checkBody(
  officer: Officer,
  body: Body,
  action: EnforcementAction,
  date: CivilDate,
  q: RuleSource,
): Result<true, SanxiangError> {
  const extra = { bodyId: body.id, bodyName: body.name };
  if (!inForce(body, date)) {
    return refuse(
      officer,
      "bodyNotInForce",
      `所在执法主体「${body.name}」在 ${date} 不具有执法主体资格`,
      NO_STANDING,
      extra,
    );
  }
  if (officer.bodyId !== body.id) {
    return refuse(officer, "bodyMismatch", `不属于执法主体「${body.name}」`, q, {
      ...extra,
      officerBodyId: officer.bodyId,
    });
  }
  if (action.kind === "coercion" && body.kind === "entrusted") {
    return refuse(
      officer,
      "coercionNotEntrustable",
      `所在「${body.name}」为受委托组织，行政强制措施权不得委托`,
      NO_ENTRUSTED_COERCION,
      extra,
    );
  }
  if (!body.categories.includes(action.category)) {
    const source =
      body.kind === "entrusted" ? ENTRUSTED_SCOPE : body.kind === "authorised" ? AUTHORISED_SCOPE : NO_STANDING;
    return refuse(officer, "bodyOutOfScope", `所在「${body.name}」的职权不含执法类别「${action.category}」`, source, {
      ...extra,
      category: action.category,
    });
  }
  return ok(true);
}

/** 不合格人员 — one officer who may not take part, and why. */
export interface OfficerFailure {
  /** The officer's id. */
  readonly officerId: string;
  /** Why (see {@link Disqualification}). */
  readonly reason: Disqualification;
  /** The refusal in Chinese. */
  readonly message: string;
  /** The article that refuses. */
  readonly source?: RuleSource;
}

/** 执法人员人数核验结果 — who is qualified, who is not, and the minimum applied. */
export interface TwoOfficersReport {
  /** Officers qualified for the action (distinct ids, in the order given). */
  readonly qualified: readonly string[];
  /** Officers who may not take part. */
  readonly failures: readonly OfficerFailure[];
  /** The minimum applied (policy `minimumOfficers`). */
  readonly minimum: number;
  /** The rule applied. */
  readonly source: RuleSource;
}

/**
 * 两人以上执法核验 — the "at least two certified officers" rule of 行政处罚法 Art. 42
 * para. 1 (行政强制法 Art. 18 item 2 for coercive measures). The minimum is the policy's
 * `minimumOfficers` (default 2; "法律另有规定的除外"). Each officer is checked with
 * {@link officerMayAct}; the same officer listed twice counts once. `ok(report)` when enough
 * are qualified (failures are still listed), else `OFFICERS_INSUFFICIENT` with the report
 * in `details`.
 */
export function checkTwoOfficers(
  officers: readonly Officer[],
  action: EnforcementAction,
  date: CivilDate,
  policy?: OfficerPolicyInput,
): Result<TwoOfficersReport, SanxiangError> {
  const resolved = resolveOfficerPolicy(policy);
  if (resolved.isErr()) return err(resolved.error);
  const seen = new Set<string>();
  const qualified: string[] = [];
  const failures: OfficerFailure[] = [];
  for (const officer of officers) {
    if (seen.has(officer.id)) continue;
    seen.add(officer.id);
    const r = officerMayAct(officer, action, date, policy);
    if (r.isOk()) qualified.push(officer.id);
    else failures.push(failureOf(officer.id, r.error));
  }
  return judgeCount(qualified, failures, action, resolved.value.minimumOfficers);
}

/** Turns a refusal into a failure row (also used by the registry for unknown officers). */
export function failureOf(officerId: string, e: SanxiangError): OfficerFailure {
  const parsed = DisqualificationSchema.safeParse(e.details?.reason);
  return {
    officerId,
    reason: parsed.success ? parsed.data : "recordNotInForce",
    message: e.message,
    ...(e.source === undefined ? {} : { source: e.source }),
  };
}

/** The count judgement of {@link checkTwoOfficers}, shared with the registry. */
export function judgeCount(
  qualified: readonly string[],
  failures: readonly OfficerFailure[],
  action: EnforcementAction,
  minimum: number,
): Result<TwoOfficersReport, SanxiangError> {
  const source = action.kind === "coercion" ? COERCION_TWO_OFFICERS_SOURCE : OFFICER_QUALIFICATION_SOURCE;
  const report: TwoOfficersReport = { qualified, failures, minimum, source };
  if (qualified.length >= minimum) return ok(report);
  const names = failures.map((f) => f.message).join("；");
  return err(
    sanxiangError(
      "OFFICERS_INSUFFICIENT",
      `具备执法资格的执法人员 ${qualified.length} 人，少于 ${minimum} 人（${formatSource(source)}）${names === "" ? "" : `：${names}`}`,
      { source, details: { ...report } },
    ),
  );
}
