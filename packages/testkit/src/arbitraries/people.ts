import {
  type Actor,
  addDays,
  addMonths,
  type BodiesDataInput,
  type BodiesRegistry,
  type BodyInput,
  type CaseParty,
  type CertificateIssuer,
  type CivilDate,
  chinaCalendar,
  createBodiesRegistry,
  type DecideContext,
  dayNumber,
  fromDayNumber,
  type Instant,
  isCivilDate,
  type OfficerInput,
  type Role,
  RoleSchema,
} from "@sanxiang/core";
import fc from "fast-check";
import { chineseName, creditCode, organisationName, residentId } from "./identifiers.js";
import { CALENDAR_COVERAGE, type CivilDateRange, divisionCode } from "./primitives.js";

/** 当事人类别 — natural person (自然人), legal person (法人) or other organisation (其他组织). */
export type PartyCategory = "person" | "legalPerson" | "otherOrganisation";

/** Options of {@link party}. */
export interface PartyOptions {
  /** The categories to draw from (default all three). */
  readonly categories?: readonly PartyCategory[];
  /**
   * Share (0 … 1) of parties drawn without `partyId` (not yet identified in the entities
   * database); default 0.1.
   */
  readonly withoutIdShare?: number;
}

// GB 32100 positions 1–2 that read as legal persons (企业, 机关, 事业单位, 社会团体, 民办非企业单位,
// 基金会, 农民专业合作社) and as other organisations (律师事务所, 公证处, 基层法律服务所,
// 司法鉴定机构, 个体工商户, 民政登记的其他组织).
const LEGAL_PERSON_TYPES = ["91", "11", "12", "51", "52", "53", "93"];
const OTHER_ORGANISATION_TYPES = ["31", "32", "33", "34", "92", "59"];

function share(name: string, value: number): { yes: number; no: number } {
  if (!(value >= 0 && value <= 1)) throw new RangeError(`${name} ${value} not in 0 … 1`);
  const yes = Math.round(value * 1000);
  return { yes, no: 1000 - yes };
}

/** A boolean that is true with probability `p` (0 … 1), shrinking towards false. */
export function withProbability(p: number, name = "share"): fc.Arbitrary<boolean> {
  const { yes, no } = share(name, p);
  if (yes === 0) return fc.constant(false);
  if (no === 0) return fc.constant(true);
  return fc.oneof({ weight: no, arbitrary: fc.constant(false) }, { weight: yes, arbitrary: fc.constant(true) });
}

/**
 * 案件当事人 — a party as `CasePartySchema` wants it: a natural person (`kind: "person"`,
 * a {@link chineseName}, the {@link residentId} as `partyId`) or a legal person / other
 * organisation (`kind: "organisation"`, an {@link organisationName}, a {@link creditCode} of
 * a fitting type as `partyId`).
 */
export function party(options: PartyOptions = {}): fc.Arbitrary<CaseParty> {
  const categories = options.categories ?? ["person", "legalPerson", "otherOrganisation"];
  if (categories.length === 0) throw new RangeError("party: no category");
  const identified = withProbability(1 - (options.withoutIdShare ?? 0.1), "party: withoutIdShare");
  const of = (c: PartyCategory): fc.Arbitrary<CaseParty> => {
    const base =
      c === "person"
        ? fc.record({ kind: fc.constant("person" as const), name: chineseName(), id: residentId() })
        : fc.record({
            kind: fc.constant("organisation" as const),
            name: organisationName(c === "legalPerson" ? { kind: "company" } : { kind: "lawFirm" }),
            id: creditCode({ types: c === "legalPerson" ? LEGAL_PERSON_TYPES : OTHER_ORGANISATION_TYPES }),
          });
    return fc
      .tuple(base, identified)
      .map(([p, withId]) => (withId ? { kind: p.kind, name: p.name, partyId: p.id } : { kind: p.kind, name: p.name }));
  };
  return fc.oneof(...categories.map(of));
}

/** Options of {@link officer}. */
export interface OfficerOptions {
  /** Officer id (default drawn: `officer-` and digits). */
  readonly id?: string;
  /** 所属执法主体 (default `body-1`). */
  readonly bodyId?: string;
  /** 发证机关 (default {@link DEFAULT_ISSUER}); the certificate number matches its pattern only for the default. */
  readonly issuerId?: string;
  /** 执法类别 the certificate must cover (default `市场监管`). */
  readonly category?: string;
  /** The division the certificate must cover (default drawn). */
  readonly regionCode?: string;
  /**
   * The date (or every date of the range) on which the certificate must be valid and the
   * record in force; default the calendar's coverage.
   */
  readonly validOn?: CivilDate | CivilDateRange;
  /** Sequence number of the certificate (0 … 9999; default drawn): make it unique within a registry. */
  readonly certificateSeq?: number;
}

/**
 * 示例发证机关 — the issuer the arbitraries' officers use: certificate numbers of 12 digits
 * (division code, two-digit year, four-digit sequence). No national format exists, so this
 * pattern is the test kit's own.
 */
export const DEFAULT_ISSUER: CertificateIssuer = {
  id: "issuer-1",
  name: "示例省人民政府",
  pattern: "\\d{12}",
  note: "测试用证号格式（虚构）：区划代码六位 + 年份两位 + 顺序号四位",
};

function rangeOf(validOn: CivilDate | CivilDateRange | undefined): { min: CivilDate; max: CivilDate } {
  if (typeof validOn === "string") return { min: validOn, max: validOn };
  const min = validOn?.min ?? CALENDAR_COVERAGE.min;
  const max = validOn?.max ?? CALENDAR_COVERAGE.max;
  if (!isCivilDate(min) || !isCivilDate(max) || min > max)
    throw new RangeError(`officer: invalid validOn ${min} … ${max}`);
  return { min, max };
}

/**
 * 执法人员 — an officer record (`OfficerInput`, passes `OfficerSchema`) whose certificate is
 * active, in force and valid on every day of `validOn`, and covers `category` and
 * `regionCode`: `officerMayAct` lets the officer take a penalty action there on those days.
 * The certificate's validity starts up to three years before and ends up to three years
 * after the range.
 */
export function officer(options: OfficerOptions = {}): fc.Arbitrary<OfficerInput> {
  const { min, max } = rangeOf(options.validOn);
  return fc
    .record({
      id:
        options.id === undefined
          ? fc.integer({ min: 1, max: 99_999 }).map((n) => `officer-${n}`)
          : fc.constant(options.id),
      name: chineseName(),
      regionCode:
        options.regionCode === undefined ? divisionCode({ levels: ["county"] }) : fc.constant(options.regionCode),
      before: fc.integer({ min: 0, max: 36 }),
      after: fc.integer({ min: 0, max: 36 }),
      seq:
        options.certificateSeq === undefined ? fc.integer({ min: 0, max: 9999 }) : fc.constant(options.certificateSeq),
    })
    .map(({ id, name, regionCode, before, after, seq }) => {
      const validFrom = addMonths(min, -before);
      const validUntil = addMonths(max, after);
      return {
        id,
        name,
        bodyId: options.bodyId ?? "body-1",
        certificateNumber: `${regionCode}${validFrom.slice(2, 4)}${String(seq % 10_000).padStart(4, "0")}`,
        issuerId: options.issuerId ?? DEFAULT_ISSUER.id,
        categories: [options.category ?? "市场监管"],
        regions: [regionCode],
        validFrom,
        validUntil,
        status: "active" as const,
        effectiveFrom: validFrom,
      };
    });
}

/** Options of {@link officers}: those of {@link officer} (but `id` and `certificateSeq`) and how many. */
export interface OfficersOptions extends Omit<OfficerOptions, "id" | "certificateSeq"> {
  /** Fewest officers (default 2: 行政处罚法 Art. 42 needs two). */
  readonly min?: number;
  /** Most officers (default 6). */
  readonly max?: number;
  /** Prefix of the ids: `<prefix>-1`, `<prefix>-2` … (default the body id). */
  readonly idPrefix?: string;
}

/**
 * 执法人员 — `min` … `max` officers of one body, all certified for the same category and
 * division on every day of `validOn`, with distinct ids and certificate numbers: a team
 * that passes the two-certified-officers rule (行政处罚法 Art. 42).
 */
export function officers(options: OfficersOptions = {}): fc.Arbitrary<OfficerInput[]> {
  const min = options.min ?? 2;
  const max = options.max ?? Math.max(6, min);
  const bodyId = options.bodyId ?? "body-1";
  const prefix = options.idPrefix ?? bodyId;
  const region =
    options.regionCode === undefined ? divisionCode({ levels: ["county"] }) : fc.constant(options.regionCode);
  return fc
    .tuple(region, fc.integer({ min, max }))
    .chain(([regionCode, n]) =>
      fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          officer({ ...options, bodyId, regionCode, id: `${prefix}-${i + 1}`, certificateSeq: i + 1 }),
        ),
      ),
    );
}

/** Options of {@link actor}. */
export interface ActorOptions {
  /** The roles the actor may hold; a non-empty subset is drawn (default every role). */
  readonly roles?: readonly Role[];
  /** Draw every role of `roles`, not a subset (default false). */
  readonly allRoles?: boolean;
  /** Actor id (default drawn). */
  readonly id?: string;
}

/** 执法主体人员 — an `Actor` (passes `ActorSchema`) holding a non-empty subset of `roles`. */
export function actor(options: ActorOptions = {}): fc.Arbitrary<Actor> {
  const roles = options.roles ?? RoleSchema.options;
  if (roles.length === 0) throw new RangeError("actor: no role");
  const held = options.allRoles === true ? fc.constant([...roles]) : fc.subarray([...new Set(roles)], { minLength: 1 });
  return fc
    .record({
      id:
        options.id === undefined
          ? fc.integer({ min: 1, max: 99_999 }).map((n) => `actor-${n}`)
          : fc.constant(options.id),
      name: chineseName(),
      roles: held,
    })
    .map(({ id, name, roles }) => ({ id, name, roles }));
}

/**
 * 示例执法机关 — a small generated bureau for case arbitraries: one enforcement body, its
 * certificate issuer, a team of certified officers, one officer whose certificate lapsed
 * before the period (for refusals), the head (机关负责人) and a legal reviewer (法制审核人员),
 * and the `BodiesDataInput` that `createBodiesRegistry` loads.
 */
export interface Bureau {
  /** 执法主体. */
  readonly body: BodyInput;
  /** 发证机关. */
  readonly issuer: CertificateIssuer;
  /** Officers certified for {@link Bureau.category} in {@link Bureau.regionCode} throughout the period. */
  readonly officers: readonly OfficerInput[];
  /** An officer of the body whose certificate expired before the period starts. */
  readonly lapsedOfficer: OfficerInput;
  /** 执法类别 of the body and its certificates. */
  readonly category: string;
  /** 行政区划 of the body (county level). */
  readonly regionCode: string;
  /** 机关负责人 — decides, closes, holds collective discussions. */
  readonly head: Actor;
  /** 法制审核人员 — approves decision drafts. */
  readonly reviewer: Actor;
  /** The registry data of the bureau. */
  readonly data: BodiesDataInput;
}

/** Options of {@link bureau}. */
export interface BureauOptions {
  /** The period over which the officers' certificates must be valid (default the calendar's coverage plus a year). */
  readonly period?: CivilDateRange;
  /** Fewest certified officers (default 3). */
  readonly minOfficers?: number;
  /** Most certified officers (default 5). */
  readonly maxOfficers?: number;
  /** 执法类别 (default drawn from a few real ones). */
  readonly category?: string;
}

const CATEGORIES = ["市场监管", "律师管理", "价格监督检查", "文化市场", "交通运输", "生态环境"];

/** 示例执法机关 — a generated {@link Bureau}. Every officer id is `body-<n>-<i>`. */
export function bureau(options: BureauOptions = {}): fc.Arbitrary<Bureau> {
  const period = {
    min: options.period?.min ?? CALENDAR_COVERAGE.min,
    max: options.period?.max ?? addDays(CALENDAR_COVERAGE.max, 366),
  };
  return fc
    .record({
      n: fc.integer({ min: 1, max: 999 }),
      regionCode: divisionCode({ levels: ["county"] }),
      category: options.category === undefined ? fc.constantFrom(...CATEGORIES) : fc.constant(options.category),
      bodyName: fc.constantFrom("市场监督管理局", "司法局", "综合行政执法局", "文化旅游广电局", "交通运输局"),
      head: chineseName(),
      reviewer: chineseName(),
      lapsedName: chineseName(),
    })
    .chain((b) => {
      const bodyId = `body-${b.n}`;
      return officers({
        bodyId,
        regionCode: b.regionCode,
        category: b.category,
        validOn: period,
        min: options.minOfficers ?? 3,
        max: options.maxOfficers ?? 5,
      }).map((team): Bureau => {
        const lapsedUntil = fromDayNumber(dayNumber(period.min) - 1);
        const lapsedFrom = addMonths(lapsedUntil, -36);
        const lapsedOfficer: OfficerInput = {
          id: `${bodyId}-lapsed`,
          name: b.lapsedName,
          bodyId,
          certificateNumber: `${b.regionCode}${lapsedFrom.slice(2, 4)}9999`,
          issuerId: DEFAULT_ISSUER.id,
          categories: [b.category],
          regions: [b.regionCode],
          validFrom: lapsedFrom,
          validUntil: lapsedUntil,
          status: "active",
          effectiveFrom: lapsedFrom,
        };
        // The legal reviewer (法制审核人员) in the registry, with the 法律职业资格 (行政处罚法 Art. 58 para. 2).
        const reviewerOfficer: OfficerInput = {
          id: `${bodyId}-reviewer`,
          name: b.reviewer,
          bodyId,
          certificateNumber: `${b.regionCode}${lapsedFrom.slice(2, 4)}8888`,
          issuerId: DEFAULT_ISSUER.id,
          categories: [b.category],
          regions: [b.regionCode],
          validFrom: addMonths(period.min, -12),
          validUntil: addMonths(period.max, 12),
          status: "active",
          effectiveFrom: addMonths(period.min, -12),
          reviewer: true,
          reviewerSince: addMonths(period.min, -12),
          legalQualification: `A${b.regionCode}${String(b.n).padStart(4, "0")}`,
        };
        // The head (正职负责人) in the registry: a claimed `head` role is checked against it.
        const { reviewerSince: _s, legalQualification: _q, ...certified } = reviewerOfficer;
        const headOfficer: OfficerInput = {
          ...certified,
          id: `${bodyId}-head`,
          name: b.head,
          certificateNumber: `${b.regionCode}${lapsedFrom.slice(2, 4)}7777`,
          reviewer: false,
          leadership: "principal",
        };
        // A deputy head (副职负责人), so that the heads can discuss collectively (Art. 57 para. 2).
        const deputyOfficer: OfficerInput = {
          ...headOfficer,
          id: `${bodyId}-deputy`,
          name: `${b.head}（副）`,
          certificateNumber: `${b.regionCode}${lapsedFrom.slice(2, 4)}6666`,
          leadership: "deputy",
        };
        const body: BodyInput = {
          id: bodyId,
          name: `示例${b.bodyName}（${b.n}）`,
          kind: "agency",
          authority: [{ law: "行政处罚法", article: 18 }],
          regionCode: b.regionCode,
          categories: [b.category],
          effectiveFrom: addMonths(period.min, -48),
        };
        return {
          body,
          issuer: DEFAULT_ISSUER,
          officers: team,
          lapsedOfficer,
          category: b.category,
          regionCode: b.regionCode,
          head: { id: `${bodyId}-head`, name: b.head, roles: ["head"], bodyId },
          reviewer: { id: `${bodyId}-reviewer`, name: b.reviewer, roles: ["legalReviewer"], bodyId },
          data: {
            issuers: [DEFAULT_ISSUER],
            bodies: [body],
            officers: [...team, lapsedOfficer, reviewerOfficer, headOfficer, deputyOfficer],
          },
        };
      });
    });
}

/** The actor of an officer of a bureau: role `officer`, with body and certificate number. */
export function officerActor(o: OfficerInput): Actor {
  return { id: o.id, name: o.name, roles: ["officer"], bodyId: o.bodyId, certificateNumber: o.certificateNumber };
}

const registries = new WeakMap<Bureau, BodiesRegistry>();

/**
 * The bodies-and-officers registry of a {@link Bureau} (built once per bureau object).
 * Throws when the bureau's data does not load — a defect of the test kit, not of the code
 * under test.
 */
export function bureauRegistry(b: Bureau): BodiesRegistry {
  const hit = registries.get(b);
  if (hit !== undefined) return hit;
  const built = createBodiesRegistry(b.data);
  if (built.isErr()) throw built.error;
  registries.set(b, built.value);
  return built.value;
}

/**
 * 决定上下文 — the `DecideContext` of a bureau at `now` for `actor`: the built-in China
 * calendar, the bureau's registry, and the default recording rules, policy and permissions.
 */
export function bureauContext(b: Bureau, now: Instant, who: Actor): DecideContext {
  return { actor: who, now, calendar: chinaCalendar(), bodies: bureauRegistry(b) };
}
