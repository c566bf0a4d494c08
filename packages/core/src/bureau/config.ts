import type { PeriodOverrides, ResolvedPeriods } from "../calendar/deadline.js";
import type { WorkCalendar } from "../calendar/types.js";
import type { DisclosureDecideContext } from "../disclosure/decide.js";
import type { Publisher } from "../disclosure/publisher.js";
import { type DisclosurePolicy, type DisclosurePolicyInput, resolveDisclosurePolicy } from "../disclosure/rules.js";
import type { ExecutionPolicyInput } from "../enforcement/execution.js";
import type { DecideContext } from "../enforcement/guards.js";
import type { InspectionDecideContext } from "../enforcement/inspection/decide.js";
import type { PenaltyPolicy } from "../enforcement/penalty.js";
import type { SimplifiedDecideContext } from "../enforcement/simplified/decide.js";
import type { FormRegister } from "../enforcement/simplified/forms.js";
import type { SimplifiedPolicy } from "../enforcement/simplified/policy.js";
import type { SurchargePolicyInput } from "../enforcement/surcharge.js";
import { type Actor, type PermissionPolicy, parseActor } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm } from "../kernel/hash.js";
import type { Clock, IdGenerator, RandomSource } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Signer } from "../kernel/signer.js";
import { civilDateOf, type Instant, isInstant } from "../kernel/time.js";
import type { EquipmentPolicyInput } from "../recording/equipment/rules.js";
import { resolveEquipmentRules } from "../recording/equipment/rules.js";
import type { EventStore } from "../recording/event-store.js";
import type { EvidenceStore } from "../recording/evidence-store.js";
import type { RecordingRules } from "../recording/rules.js";
import type { BenchmarkRegistry } from "../registry/benchmarks/registry.js";
import type { OfficerPolicyInput } from "../registry/bodies/policy.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import type { EntitiesRegistry } from "../registry/entities/registry.js";
import type { LawsRegistry } from "../registry/laws/registry.js";
import type { PowersRegistry } from "../registry/powers/registry.js";
import type { ReviewCatalogue } from "../review/catalogue.js";
import type { ReviewCaseScope, ReviewDecideContext } from "../review/decide.js";
import type { ReviewState } from "../review/fold.js";
import type { ReviewPolicyInput } from "../review/policy.js";

/**
 * 五库 — the bureau's databases: bodies and officers (required: every act checks its
 * officers against it), and, when the bureau has them, the powers list, market entities (the
 * 双随机 entity pool), discretion benchmarks and laws.
 */
export interface BureauRegistries {
  /** 执法主体及人员数据库. */
  readonly bodies: BodiesRegistry;
  /** 权责清单. */
  readonly powers?: PowersRegistry;
  /** 市场主体数据库 — the entity pool of random inspections. */
  readonly entities?: EntitiesRegistry;
  /** 裁量基准. */
  readonly benchmarks?: BenchmarkRegistry;
  /** 法律法规库. */
  readonly laws?: LawsRegistry;
}

/**
 * 局内配置 — the bureau's policies, each optional with the national default: the legal-review
 * catalogue and workflow, the disclosure rules, the recording rules, the equipment ratios,
 * the penalty, surcharge, simplified-procedure, officer and permission rules, and the
 * statutory-period overrides of its province.
 */
export interface BureauPolicies {
  /** 重大执法决定法制审核目录清单 (default: the national catalogue). Used by the case's gate and by the review. */
  readonly reviewCatalogue?: ReviewCatalogue;
  /** 法制审核配置 (time limit, quorum …; its `catalogue` is replaced by `reviewCatalogue` when both are given). */
  readonly review?: ReviewPolicyInput;
  /** 公示配置 (sector, rules, redaction). */
  readonly disclosure?: DisclosurePolicyInput | DisclosurePolicy;
  /** 全过程记录规则 (default: the national table). */
  readonly recording?: RecordingRules;
  /** 执法记录仪配备比例 (for {@link Bureau.equipment}). */
  readonly equipment?: EquipmentPolicyInput;
  /** 普通程序配置. */
  readonly penalty?: PenaltyPolicy;
  /** 加处罚款配置. */
  readonly surcharge?: SurchargePolicyInput;
  /**
   * 强制执行配置 (enforcement power, night, rest days, the written publication notice at
   * service). `publicationNotice` defaults to `samr` when the disclosure sector is `samr`
   * (市场监督管理行政处罚信息公示规定 Art. 8).
   */
  readonly execution?: ExecutionPolicyInput;
  /** 简易程序配置. */
  readonly simplified?: SimplifiedPolicy;
  /** 执法人员规则 (minimum officers …). */
  readonly officers?: OfficerPolicyInput;
  /** 权限表 (default: the national table). */
  readonly permissions?: PermissionPolicy;
  /** 法定期限的地方规定. */
  readonly periods?: PeriodOverrides | ResolvedPeriods;
  /** 检查结果公示期限规则 (default `disclosure.general`). */
  readonly inspectionPublishPeriodId?: string;
}

/**
 * 局配置 — everything {@link createBureau} takes, each port once: the bureau's body, the
 * event store (its log and projections), the evidence store, the publisher, the signer, the
 * clock, ids, hash and random source; the registries, the calendar and the policies.
 */
export interface BureauConfig {
  /** 执法主体 — the body this bureau is (its id in `registries.bodies`). */
  readonly bodyId: string;
  /** 日志标识 — the id signed tree heads carry (default `bodyId`). */
  readonly logId?: string;
  /** 事件存储 — open it with {@link bureauProjections} for the case list. */
  readonly store: EventStore;
  /**
   * 证据存储 — for {@link ActingOnCase.attachEvidence} (`put`) and the evidence's `open`
   * (`verify`, `get`): all three methods are checked when the bureau is created
   * (`BUREAU_PORT_METHODS`).
   */
  readonly evidence?: EvidenceStore;
  /** 公示渠道 — for publishing, withdrawing and ending disclosures. */
  readonly publisher?: Publisher;
  /** 签名器 — for {@link Bureau.signHead} and the case file. */
  readonly signer?: Signer;
  /** 时钟 — `now` of every act. */
  readonly clock: Clock;
  /** 编号 — ids of evidence items (default: ids derived from the content hash). */
  readonly ids?: IdGenerator;
  /** 哈希 — of decision drafts and disclosure content (default SHA-256). */
  readonly hash?: HashAlgorithm;
  /** 随机源 — the seed of 双随机 draws (required for {@link Bureau.drawInspection}). */
  readonly random?: RandomSource;
  /** 五库. */
  readonly registries: BureauRegistries;
  /** 工作日历. */
  readonly calendar: WorkCalendar;
  /** 局内配置. */
  readonly policies?: BureauPolicies;
  /** 决定书登记簿 stream id (default `forms.<bodyId>`). */
  readonly formRegisterId?: string;
}

/** The configuration once checked: the disclosure policy resolved. */
export interface ResolvedBureau {
  readonly config: BureauConfig;
  readonly policies: BureauPolicies;
  readonly disclosure: DisclosurePolicy;
  readonly logId: string;
  readonly formRegisterId: string;
}

/** `INVALID_INPUT` for a configuration problem, naming the field and what to do. */
export function configError(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("INVALID_INPUT", `局配置无效：${message}`, { details });
}

/** True for a non-null object (a record an app passed in). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** The methods of `names` that `value` lacks (all of them when it is not an object). */
const missingMethods = (value: unknown, names: readonly string[]): readonly string[] =>
  isRecord(value) ? names.filter((n) => typeof value[n] !== "function") : names;

/**
 * 端口方法 — the methods of each optional port that the bureau calls, checked by
 * `createBureau` when the port is given: the evidence store's `put` (证据入卷), `verify` and
 * `get` (证据调取); the publisher's three; the signer's, the id generator's and the random
 * source's one. A port missing any of them is refused at once, naming the missing methods,
 * rather than failing at the first act that needs it.
 */
export const BUREAU_PORT_METHODS = {
  evidence: ["put", "get", "verify"],
  publisher: ["publish", "withdraw", "expire"],
  signer: ["sign"],
  ids: ["next"],
  random: ["fill"],
} as const satisfies Readonly<Partial<Record<keyof BureauConfig, readonly string[]>>>;

/** Checks the configuration: the ports are there, the body is in the registry, the disclosure and equipment policies resolve. */
export function resolveBureau(config: BureauConfig): Result<ResolvedBureau, SanxiangError> {
  if (!isRecord(config)) return err(configError("应为对象"));
  const ports: readonly [keyof BureauConfig, unknown, readonly string[], string][] = [
    ["store", config.store, ["load", "append", "head", "queryProjection"], "事件存储（EventStore）"],
    ["clock", config.clock, ["now"], "时钟（Clock）"],
    ["calendar", config.calendar, ["isWorkingDay", "addWorkingDays"], "工作日历（WorkCalendar）"],
    [
      "registries",
      isRecord(config.registries) ? config.registries.bodies : undefined,
      ["body"],
      "执法主体及人员数据库（registries.bodies）",
    ],
  ];
  for (const [field, value, methods, name] of ports) {
    const missing = missingMethods(value, methods);
    if (missing.length > 0) {
      return err(
        configError(`缺少或不是${name}：${field} 应提供 ${methods.join("、")}（缺少 ${missing.join("、")}）`, {
          field,
          missing,
        }),
      );
    }
  }
  for (const [field, methods] of Object.entries(BUREAU_PORT_METHODS) as [
    keyof typeof BUREAU_PORT_METHODS,
    readonly string[],
  ][]) {
    const value = config[field];
    if (value === undefined) continue;
    const missing = missingMethods(value, methods);
    if (missing.length > 0) {
      return err(
        configError(`${field} 不是有效的端口：应提供 ${methods.join("、")}，缺少 ${missing.join("、")}`, {
          field,
          missing,
        }),
      );
    }
  }
  const now = config.clock.now();
  if (!isInstant(now))
    return err(configError(`时钟返回的时间 ${String(now)} 无效，应为 UTC 时刻（ISO 8601）`, { field: "clock", now }));
  const today = civilDateOf(now);
  if (typeof config.bodyId !== "string" || config.registries.bodies.body(config.bodyId, today).isErr()) {
    return err(
      configError(
        `执法主体 bodyId「${String(config.bodyId)}」在 ${today} 不在执法主体数据库中，请填写数据库中的主体编号`,
        {
          field: "bodyId",
          bodyId: config.bodyId,
        },
      ),
    );
  }
  const policies = config.policies ?? {};
  const disclosure = resolveDisclosurePolicy(policies.disclosure ?? {});
  if (disclosure.isErr()) return err(disclosure.error);
  if (policies.equipment !== undefined) {
    const eq = resolveEquipmentRules(policies.equipment);
    if (eq.isErr()) return err(eq.error);
  }
  return ok({
    config,
    policies,
    disclosure: disclosure.value,
    logId: config.logId ?? config.bodyId,
    formRegisterId: config.formRegisterId ?? `forms.${config.bodyId}`,
  });
}

/** 行为人与时间 — one act's actor (parsed) and time (the clock's, checked). */
export interface Act {
  /** Who acts. */
  readonly actor: Actor;
  /** When: the bureau's clock. */
  readonly now: Instant;
}

/**
 * The actor and time of one act: `ACTOR_INVALID` for a malformed actor, `INVALID_INPUT` when
 * the clock gives no valid instant — before anything is read or written.
 */
export function actOf(b: ResolvedBureau, actor: unknown): Result<Act, SanxiangError> {
  const parsed = parseActor(actor);
  if (parsed.isErr()) return err(parsed.error);
  const now = b.config.clock.now();
  if (!isInstant(now)) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `时钟返回的当前时间 ${String(now)} 无效，应为 UTC 时刻（ISO 8601）：请检查 Clock 端口`,
        {
          details: { field: "clock", now },
        },
      ),
    );
  }
  return ok({ actor: parsed.value, now });
}

/** `INVALID_INPUT` when `value` is not an object: `what` names the argument. */
export function notAnObject(what: string, value: unknown): SanxiangError {
  return sanxiangError("INVALID_INPUT", `${what}应为对象，收到 ${value === null ? "null" : typeof value}`, {
    details: { got: value === null ? "null" : typeof value },
  });
}

/** 决定上下文 (internal) — the ordinary procedure's context for one act. */
export function decideContext(
  b: ResolvedBureau,
  actor: Actor,
  now: Instant,
  reviews: readonly ReviewState[],
): DecideContext {
  const { config, policies: p } = b;
  const catalogue = p.reviewCatalogue;
  return {
    actor,
    now,
    calendar: config.calendar,
    bodies: config.registries.bodies,
    // The discretion benchmarks bind the decisions of both procedures (行政处罚法 Art. 34).
    ...(config.registries.benchmarks === undefined ? {} : { benchmarks: config.registries.benchmarks }),
    ...(p.recording === undefined ? {} : { recording: p.recording }),
    ...(p.penalty === undefined ? {} : { policy: p.penalty }),
    ...(p.permissions === undefined ? {} : { permissions: p.permissions }),
    ...(p.officers === undefined ? {} : { officerPolicy: p.officers }),
    ...(p.periods === undefined ? {} : { periods: p.periods }),
    ...(config.hash === undefined ? {} : { hash: config.hash }),
    ...(p.surcharge === undefined ? {} : { surcharge: p.surcharge }),
    ...executionOf(b),
    ...(catalogue === undefined ? {} : { reviewCatalogue: catalogue }),
    ...(reviews.length === 0 ? {} : { reviews }),
  };
}

/**
 * The bureau's execution settings for the decide context: its own, with the written notice of
 * 市场监督管理行政处罚信息公示规定 Art. 8 on by default for a bureau of the `samr` sector.
 */
function executionOf(b: ResolvedBureau): { readonly execution?: ExecutionPolicyInput } {
  const own = b.policies.execution;
  const samr = b.disclosure.sector === "samr";
  if (!samr) return own === undefined ? {} : { execution: own };
  return { execution: { publicationNotice: "samr", ...own } };
}

/** 简易程序上下文 (internal). */
export function simplifiedContext(
  b: ResolvedBureau,
  actor: Actor,
  now: Instant,
  forms: FormRegister,
): SimplifiedDecideContext {
  const simplified = b.policies.simplified;
  return { ...decideContext(b, actor, now, []), forms, ...(simplified === undefined ? {} : { simplified }) };
}

/** 行政检查上下文 (internal). */
export function inspectionContext(b: ResolvedBureau, actor: Actor, now: Instant): InspectionDecideContext {
  const id = b.policies.inspectionPublishPeriodId;
  return { ...decideContext(b, actor, now, []), ...(id === undefined ? {} : { publishPeriodId: id }) };
}

/**
 * 法制审核上下文 (internal). `caseScope` is the reviewed case's body and team as its stream
 * records them: submissions must come from that team and none of it may review.
 */
export function reviewContext(
  b: ResolvedBureau,
  actor: Actor,
  now: Instant,
  caseScope?: ReviewCaseScope,
): ReviewDecideContext {
  const { config, policies: p } = b;
  const policy = p.reviewCatalogue === undefined ? p.review : { ...(p.review ?? {}), catalogue: p.reviewCatalogue };
  return {
    actor,
    now,
    calendar: config.calendar,
    bodies: config.registries.bodies,
    ...(caseScope === undefined ? {} : { caseScope }),
    ...(policy === undefined ? {} : { policy }),
    ...(p.permissions === undefined ? {} : { permissions: p.permissions }),
    ...(config.hash === undefined ? {} : { hash: config.hash }),
  };
}

/**
 * 公示上下文 (internal). An actor who names no body acts for the bureau's own body (谁履职、谁公示:
 * the sign-off compares it with the disclosing body); one who names another body keeps it.
 */
export function disclosureContext(b: ResolvedBureau, actor: Actor, now: Instant): DisclosureDecideContext {
  const { config, policies: p } = b;
  return {
    actor: actor.bodyId === undefined ? { ...actor, bodyId: config.bodyId } : actor,
    now,
    calendar: config.calendar,
    bodies: config.registries.bodies,
    policy: b.disclosure,
    ...(p.permissions === undefined ? {} : { permissions: p.permissions }),
    ...(config.hash === undefined ? {} : { hash: config.hash }),
    ...(p.periods === undefined ? {} : { periods: p.periods }),
  };
}
