import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { CivilDate } from "../../kernel/time.js";
import { checkVersions, versionAt } from "../versions.js";
import type { OfficerPolicyInput } from "./policy.js";
import { resolveOfficerPolicy } from "./policy.js";
import {
  type EnforcementAction,
  failureOf,
  judgeCount,
  type OfficerFailure,
  officerMayAct,
  type TwoOfficersReport,
} from "./qualification.js";
import {
  type Body,
  BodySchema,
  type CertificateIssuer,
  CertificateIssuerSchema,
  certificateMatches,
  type Officer,
  OfficerSchema,
  type TrainingRecord,
  TrainingRecordSchema,
} from "./schema.js";
import { type ReviewerStaffingReport, reviewerStaffing, type TrainingReport, trainingReport } from "./staffing.js";

/** 执法主体及人员数据 — everything the bodies-and-officers registry is built from. */
export const BodiesDataSchema = z.object({
  /** 执法主体 versions. */
  bodies: z.array(BodySchema),
  /** 执法人员 versions. */
  officers: z.array(OfficerSchema),
  /** 发证机关 and their number patterns. */
  issuers: z.array(CertificateIssuerSchema),
  /** 培训记录. */
  training: z.array(TrainingRecordSchema).default([]),
});
/** 执法主体及人员数据 (see {@link BodiesDataSchema}). */
export type BodiesData = z.infer<typeof BodiesDataSchema>;
/** What {@link createBodiesRegistry} accepts. */
export type BodiesDataInput = z.input<typeof BodiesDataSchema>;

/** An action as the registry takes it: the body by id (default: the officer's own body). */
export type RegistryAction = Omit<EnforcementAction, "body"> & {
  /** 执法主体 — the body acting; default: each officer's own body. */
  readonly bodyId?: string;
};

/** 执法主体及人员数据库 — lookups "as of a date" and the officer checks. */
export interface BodiesRegistry {
  /** The records it was built from (for export). */
  readonly data: BodiesData;
  /** The body's version in force on `date`, or `REGISTRY_NOT_FOUND`. */
  body(id: string, date: CivilDate): Result<Body, SanxiangError>;
  /** Every body in force on `date`. */
  bodies(date: CivilDate): Body[];
  /** The officer's version in force on `date`, or `REGISTRY_NOT_FOUND`. */
  officer(id: string, date: CivilDate): Result<Officer, SanxiangError>;
  /** The officer holding certificate `number` on `date` (trimmed), or `REGISTRY_NOT_FOUND`. */
  officerByCertificate(number: string, date: CivilDate): Result<Officer, SanxiangError>;
  /** Officers of a body in force on `date` (any status). */
  officersOf(bodyId: string, date: CivilDate): Officer[];
  /** A certificate issuer, or `REGISTRY_NOT_FOUND`. */
  issuer(id: string): Result<CertificateIssuer, SanxiangError>;
  /** An officer's training records (of one year when given). */
  trainingOf(officerId: string, year?: number): TrainingRecord[];
  /** {@link officerMayAct} with the officer and body looked up as of `date`. */
  mayAct(
    officerId: string,
    action: RegistryAction,
    date: CivilDate,
    policy?: OfficerPolicyInput,
  ): Result<true, SanxiangError>;
  /** {@link checkTwoOfficers} by officer ids; unknown ids are failures. */
  checkTwoOfficers(
    officerIds: readonly string[],
    action: RegistryAction,
    date: CivilDate,
    policy?: OfficerPolicyInput,
  ): Result<TwoOfficersReport, SanxiangError>;
  /** {@link reviewerStaffing} of one body's officers on `date`. */
  reviewerStaffing(
    bodyId: string,
    date: CivilDate,
    policy?: OfficerPolicyInput,
  ): Result<ReviewerStaffingReport, SanxiangError>;
  /** {@link trainingReport} of one body's officers in force on `asOf` (default: 31 December of `year`). */
  trainingReport(
    bodyId: string,
    year: number,
    policy?: OfficerPolicyInput,
    asOf?: CivilDate,
  ): Result<TrainingReport, SanxiangError>;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

function notFound(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("REGISTRY_NOT_FOUND", message, { details });
}

function validate(data: BodiesData): Result<true, SanxiangError> {
  const bodies = groupBy(data.bodies, (b) => b.id);
  const officers = groupBy(data.officers, (o) => o.id);
  for (const [id, versions] of bodies) {
    const r = checkVersions(id, versions);
    if (r.isErr()) return r;
  }
  for (const [id, versions] of officers) {
    const r = checkVersions(id, versions);
    if (r.isErr()) return r;
  }
  const issuers = new Map<string, CertificateIssuer>();
  for (const i of data.issuers) {
    if (issuers.has(i.id))
      return err(sanxiangError("REGISTRY_CONFLICT", `发证机关 ${i.id} 重复`, { details: { id: i.id } }));
    issuers.set(i.id, i);
  }
  for (const b of data.bodies) {
    if (b.parentId !== undefined && !bodies.has(b.parentId)) {
      return err(
        notFound(`执法主体「${b.name}」的上级或委托机关 ${b.parentId} 不存在`, { id: b.id, parentId: b.parentId }),
      );
    }
  }
  const holder = new Map<string, string>();
  for (const o of data.officers) {
    if (!bodies.has(o.bodyId)) {
      return err(notFound(`执法人员${o.name}所属执法主体 ${o.bodyId} 不存在`, { id: o.id, bodyId: o.bodyId }));
    }
    const issuer = issuers.get(o.issuerId);
    if (issuer === undefined) {
      return err(notFound(`执法人员${o.name}的发证机关 ${o.issuerId} 不存在`, { id: o.id, issuerId: o.issuerId }));
    }
    if (!certificateMatches(issuer, o.certificateNumber)) {
      return err(
        sanxiangError(
          "ID_INVALID",
          `执法人员${o.name}的执法证号 ${o.certificateNumber} 不符合${issuer.name}的证号格式`,
          {
            details: { id: o.id, certificateNumber: o.certificateNumber, issuerId: issuer.id, pattern: issuer.pattern },
          },
        ),
      );
    }
    const other = holder.get(o.certificateNumber);
    if (other !== undefined && other !== o.id) {
      return err(
        sanxiangError("REGISTRY_CONFLICT", `执法证号 ${o.certificateNumber} 同时登记在 ${other} 与 ${o.id} 名下`, {
          details: { certificateNumber: o.certificateNumber, officers: [other, o.id] },
        }),
      );
    }
    holder.set(o.certificateNumber, o.id);
  }
  const sessions = new Set<string>();
  for (const t of data.training) {
    if (!officers.has(t.officerId)) {
      return err(notFound(`培训记录所属执法人员 ${t.officerId} 不存在`, { officerId: t.officerId }));
    }
    const key = `${t.officerId}|${t.date}|${t.course}`;
    if (sessions.has(key)) {
      return err(
        sanxiangError("REGISTRY_CONFLICT", `培训记录重复：${t.officerId} ${t.date} ${t.course}`, { details: { key } }),
      );
    }
    sessions.add(key);
  }
  return ok(true);
}

/**
 * 建立执法主体及人员数据库 — validates the records (schemas; versions that do not overlap;
 * parent bodies, officers' bodies and issuers that exist; certificate numbers that match
 * their issuer's pattern and belong to one officer; training of known officers) and returns
 * the registry, or the first problem as a `SanxiangError` (`INVALID_INPUT`,
 * `REGISTRY_CONFLICT`, `REGISTRY_NOT_FOUND`, `ID_INVALID`).
 */
export function createBodiesRegistry(input: BodiesDataInput): Result<BodiesRegistry, SanxiangError> {
  const parsed = BodiesDataSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `执法主体及人员数据无效：${issues.map((i) => `${i.path}：${i.message}`).join("；")}`,
        {
          details: { issues },
        },
      ),
    );
  }
  const data = parsed.data;
  const valid = validate(data);
  if (valid.isErr()) return err(valid.error);

  const bodies = groupBy(data.bodies, (b) => b.id);
  const officers = groupBy(data.officers, (o) => o.id);
  const byCertificate = groupBy(data.officers, (o) => o.certificateNumber);
  const issuers = new Map(data.issuers.map((i) => [i.id, i] as const));

  const body = (id: string, date: CivilDate): Result<Body, SanxiangError> => {
    const v = versionAt(bodies.get(id) ?? [], date);
    return v === undefined ? err(notFound(`执法主体 ${id} 在 ${date} 无有效记录`, { id, date })) : ok(v);
  };
  const officer = (id: string, date: CivilDate): Result<Officer, SanxiangError> => {
    const v = versionAt(officers.get(id) ?? [], date);
    return v === undefined ? err(notFound(`执法人员 ${id} 在 ${date} 无有效记录`, { id, date })) : ok(v);
  };
  const officersOf = (bodyId: string, date: CivilDate): Officer[] =>
    [...officers.values()].flatMap((vs) => {
      const v = versionAt(vs, date);
      return v !== undefined && v.bodyId === bodyId ? [v] : [];
    });
  const actionFor = (o: Officer, action: RegistryAction, date: CivilDate): EnforcementAction => {
    const { bodyId, ...rest } = action;
    const b = versionAt(bodies.get(bodyId ?? o.bodyId) ?? [], date) ?? latest(bodies.get(bodyId ?? o.bodyId));
    return b === undefined ? rest : { ...rest, body: b };
  };

  const registry: BodiesRegistry = {
    data,
    body,
    bodies: (date) => [...bodies.values()].flatMap((vs) => versionAt(vs, date) ?? []),
    officer,
    officerByCertificate: (number, date) => {
      const n = number.trim();
      const v = versionAt(byCertificate.get(n) ?? [], date);
      return v === undefined
        ? err(notFound(`执法证号 ${n} 在 ${date} 无有效记录`, { certificateNumber: n, date }))
        : ok(v);
    },
    officersOf,
    issuer: (id) => {
      const i = issuers.get(id);
      return i === undefined ? err(notFound(`发证机关 ${id} 不存在`, { id })) : ok(i);
    },
    trainingOf: (officerId, year) =>
      data.training.filter(
        (t) =>
          t.officerId === officerId && (year === undefined || t.date.startsWith(`${String(year).padStart(4, "0")}-`)),
      ),
    mayAct: (officerId, action, date, policy) =>
      officer(officerId, date).andThen((o) => officerMayAct(o, actionFor(o, action, date), date, policy)),
    checkTwoOfficers: (officerIds, action, date, policy) => {
      const resolved = resolveOfficerPolicy(policy);
      if (resolved.isErr()) return err(resolved.error);
      const found: Officer[] = [];
      const failures: OfficerFailure[] = [];
      for (const id of new Set(officerIds)) {
        const o = officer(id, date);
        if (o.isOk()) found.push(o.value);
        else failures.push({ ...failureOf(id, o.error), reason: "recordNotInForce" });
      }
      // One body for the whole team: the one named, else the first officer's.
      const teamBody = action.bodyId ?? found[0]?.bodyId;
      const qualified: string[] = [];
      for (const o of found) {
        const r = officerMayAct(
          o,
          actionFor(o, { ...action, ...(teamBody === undefined ? {} : { bodyId: teamBody }) }, date),
          date,
          policy,
        );
        if (r.isOk()) qualified.push(o.id);
        else failures.push(failureOf(o.id, r.error));
      }
      const { bodyId: _unused, ...shared } = action;
      return judgeCount(qualified, failures, shared, resolved.value.minimumOfficers);
    },
    reviewerStaffing: (bodyId, date, policy) => reviewerStaffing(officersOf(bodyId, date), date, policy),
    trainingReport: (bodyId, year, policy, asOf) =>
      trainingReport(officersOf(bodyId, asOf ?? `${String(year).padStart(4, "0")}-12-31`), data.training, year, policy),
  };
  return ok(registry);
}

function latest<T extends { effectiveFrom: string }>(versions: readonly T[] | undefined): T | undefined {
  let out: T | undefined;
  for (const v of versions ?? []) if (out === undefined || v.effectiveFrom > out.effectiveFrom) out = v;
  return out;
}
