import type { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { CivilDate } from "../../kernel/time.js";
import type { ImportIssue } from "../table.js";
import { checkVersions, versionAt } from "../versions.js";
import {
  type NaturalPerson,
  NaturalPersonSchema,
  type Organisation,
  organisationSchema,
  type Party,
  type PartyRef,
  partyKey,
} from "./parties.js";
import type { UsccOptions } from "./uscc.js";
import {
  type FirstViolationAssessment,
  type FirstViolationContext,
  type FirstViolationPolicyInput,
  isFirstViolation,
  type ViolationRecord,
  ViolationRecordSchema,
} from "./violations.js";

/** What {@link createEntitiesRegistry} is made from (records as written; defaults filled in). */
export interface EntitiesInput {
  /** Organisation registration versions. */
  readonly organisations?: readonly z.input<ReturnType<typeof organisationSchema>>[];
  /** Natural persons. */
  readonly persons?: readonly z.input<typeof NaturalPersonSchema>[];
  /** Violation history (违法记录). */
  readonly violations?: readonly z.input<typeof ViolationRecordSchema>[];
}

/** Options of {@link createEntitiesRegistry}. */
export interface EntitiesRegistryOptions {
  /** USCC options, e.g. `{ acceptPilotCodes: true }` for the early Fujian pilot codes. */
  readonly uscc?: UsccOptions;
}

/**
 * 市场主体库 — the market entities and parties database: organisations (versioned by
 * registration), natural persons and their violation history, with lookups as of a date.
 */
export interface EntitiesRegistry {
  /** The organisation's registration in force on `date`; `REGISTRY_NOT_FOUND` otherwise. */
  organisation(uscc: string, date: CivilDate): Result<Organisation, SanxiangError>;
  /** Every registration version of the organisation, oldest first (empty when unknown). */
  organisationHistory(uscc: string): readonly Organisation[];
  /** The natural person with this resident ID number; `REGISTRY_NOT_FOUND` otherwise. */
  person(idNumber: string): Result<NaturalPerson, SanxiangError>;
  /** A party by reference (organisations as of `date`). */
  party(ref: PartyRef, date: CivilDate): Result<Party, SanxiangError>;
  /** Organisations in force on `date`. */
  organisationsAt(date: CivilDate): Organisation[];
  /** All natural persons. */
  persons(): readonly NaturalPerson[];
  /** Violation history of a party, oldest act first. */
  violationsOf(ref: PartyRef): readonly ViolationRecord[];
  /** 首违认定 over this registry's history (see the free function `isFirstViolation`). */
  isFirstViolation(
    party: PartyRef,
    violationCode: string,
    onDate: CivilDate,
    policy?: FirstViolationPolicyInput,
    context?: FirstViolationContext,
  ): Result<FirstViolationAssessment, SanxiangError>;
  /** Record counts. */
  readonly size: { readonly organisations: number; readonly persons: number; readonly violations: number };
}

const norm = (s: string) => s.trim().toUpperCase();
/** Map lookup by a normalised key; normalises only on a miss (keys are usually already clean). */
function lookup<V>(map: ReadonlyMap<string, V>, key: string): V | undefined {
  return map.get(key) ?? map.get(norm(key));
}

function collect<T>(schema: z.ZodType<T>, rows: readonly unknown[], sheet: string, issues: ImportIssue[]): T[] {
  const out: T[] = [];
  rows.forEach((row, i) => {
    const r = schema.safeParse(row);
    if (r.success) out.push(r.data);
    else
      for (const issue of r.error.issues)
        issues.push({ sheet, row: i + 1, column: issue.path.map(String).join("."), message: issue.message });
  });
  return out;
}

/**
 * Builds the entities registry. Every record is checked against its schema (USCC and ID
 * checksums included): `INVALID_INPUT` with `details.issues` when any fails. Then the
 * organisation versions of each USCC must not overlap (`REGISTRY_CONFLICT`), a resident ID
 * may appear once (`REGISTRY_CONFLICT`), and every violation must name a known party
 * (`REGISTRY_NOT_FOUND`).
 */
export function createEntitiesRegistry(
  input: EntitiesInput,
  options: EntitiesRegistryOptions = {},
): Result<EntitiesRegistry, SanxiangError> {
  const issues: ImportIssue[] = [];
  const orgs = collect(organisationSchema(options.uscc), input.organisations ?? [], "法人和其他组织", issues);
  const people = collect(NaturalPersonSchema, input.persons ?? [], "自然人", issues);
  const violations = collect(ViolationRecordSchema, input.violations ?? [], "违法记录", issues);
  if (issues.length > 0) {
    return err(
      sanxiangError("INVALID_INPUT", `市场主体库数据有 ${issues.length} 处错误：${issues[0]?.message ?? ""}`, {
        details: { issues },
      }),
    );
  }

  const byUscc = new Map<string, Organisation[]>();
  for (const o of orgs) {
    const list = byUscc.get(o.uscc);
    if (list === undefined) byUscc.set(o.uscc, [o]);
    else list.push(o);
  }
  for (const [uscc, versions] of byUscc) {
    if (versions.length > 1) {
      const checked = checkVersions(uscc, versions);
      if (checked.isErr()) return err(checked.error);
      versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    }
  }

  const byId = new Map<string, NaturalPerson>();
  for (const p of people) {
    if (byId.has(p.idNumber)) {
      return err(
        sanxiangError("REGISTRY_CONFLICT", `公民身份号码 ${p.idNumber} 重复登记`, { details: { id: p.idNumber } }),
      );
    }
    byId.set(p.idNumber, p);
  }

  const history = new Map<string, ViolationRecord[]>();
  for (const v of violations) {
    const known = v.partyKind === "organisation" ? byUscc.has(v.partyId) : byId.has(v.partyId);
    if (!known) {
      return err(
        sanxiangError("REGISTRY_NOT_FOUND", `违法记录（案件 ${v.caseId}）的当事人 ${v.partyId} 不在市场主体库中`, {
          details: { record: v },
        }),
      );
    }
    const key = partyKey({ kind: v.partyKind, id: v.partyId });
    const list = history.get(key);
    if (list === undefined) history.set(key, [v]);
    else list.push(v);
  }
  for (const list of history.values())
    list.sort((a, b) => (a.actDate < b.actDate ? -1 : a.actDate > b.actDate ? 1 : 0));

  const organisation = (uscc: string, date: CivilDate): Result<Organisation, SanxiangError> => {
    const versions = lookup(byUscc, uscc);
    if (versions === undefined) {
      return err(sanxiangError("REGISTRY_NOT_FOUND", `未登记的统一社会信用代码：${uscc}`, { details: { uscc } }));
    }
    const v = versionAt(versions, date);
    return v === undefined
      ? err(
          sanxiangError("REGISTRY_NOT_FOUND", `${uscc} 在 ${date} 无有效登记（未成立或已注销）`, {
            details: { uscc, date },
          }),
        )
      : ok(v);
  };
  const person = (idNumber: string): Result<NaturalPerson, SanxiangError> => {
    const p = lookup(byId, idNumber);
    return p === undefined
      ? err(sanxiangError("REGISTRY_NOT_FOUND", "市场主体库中无此公民身份号码", { details: { idNumber } }))
      : ok(p);
  };
  const violationsOf = (ref: PartyRef) => history.get(partyKey({ kind: ref.kind, id: norm(ref.id) })) ?? [];

  return ok({
    organisation,
    organisationHistory: (uscc) => lookup(byUscc, uscc) ?? [],
    person,
    party: (ref, date) => (ref.kind === "organisation" ? organisation(ref.id, date) : person(ref.id)),
    organisationsAt: (date) => orgs.filter((o) => versionAt(byUscc.get(o.uscc) ?? [], date) === o),
    persons: () => people,
    violationsOf,
    isFirstViolation: (party, violationCode, onDate, policy, context) =>
      isFirstViolation(violationsOf(party), party, violationCode, onDate, policy, context),
    size: { organisations: byUscc.size, persons: byId.size, violations: violations.length },
  });
}
