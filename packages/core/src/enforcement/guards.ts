import { type PeriodOverrides, provisionalDeadline, type ResolvedPeriods } from "../calendar/deadline.js";
import type { WorkCalendar } from "../calendar/types.js";
import type { Actor, PermissionPolicy } from "../kernel/actors.js";
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, sha256, toHex } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import type { CivilDate, Instant } from "../kernel/time.js";
import { requireRecords } from "../recording/check.js";
import { type AttachedEvidence, attachedRecords } from "../recording/evidence-attach.js";
import type { RecordingRules } from "../recording/rules.js";
import type { Stage } from "../recording/vocabulary.js";
import type { DeviationPolicy } from "../registry/benchmarks/check.js";
import type { BenchmarkRegistry } from "../registry/benchmarks/registry.js";
import type { Circumstance } from "../registry/benchmarks/schema.js";
import type { OfficerPolicyInput } from "../registry/bodies/policy.js";
import type { BodiesRegistry } from "../registry/bodies/registry.js";
import type { ReviewCatalogue } from "../review/catalogue.js";
import type { ReviewState } from "../review/fold.js";
import type { DiscussionQuorum } from "../review/quorum.js";
import type { DecisionOutcome, RecordRef } from "./commands.js";
import type { CaseDeadline } from "./events.js";
import { deadlineWithExclusions } from "./excluded-periods.js";
import type { ExecutionPolicyInput } from "./execution.js";
import type { Penalty, PenaltyPolicy } from "./penalty.js";
import type { SurchargePolicyInput } from "./surcharge.js";

/**
 * 决定上下文 — what {@link decide} needs besides the case and the command: who acts, the
 * time (`now`, from the Clock port), the work calendar, the bodies-and-officers registry,
 * and the bureau's configuration (all optional, with defaults).
 */
export interface DecideContext {
  /** Who issues the command. */
  readonly actor: Actor;
  /** 当前时间 — when the command is recorded; acts may not be later. */
  readonly now: Instant;
  /** The work calendar for statutory deadlines. */
  readonly calendar: WorkCalendar;
  /** 执法主体及人员数据库 — for the two-certified-officers rule. */
  readonly bodies: BodiesRegistry;
  /** The bureau's recording rules (default: the national table). */
  readonly recording?: RecordingRules;
  /** The bureau's procedure configuration (default: {@link DEFAULT_PENALTY_POLICY}). */
  readonly policy?: PenaltyPolicy;
  /** The bureau's permission policy (default: the national table). */
  readonly permissions?: PermissionPolicy;
  /** The bureau's officer rules (minimum officers …). */
  readonly officerPolicy?: OfficerPolicyInput;
  /** The bureau's statutory-period overrides. */
  readonly periods?: PeriodOverrides | ResolvedPeriods;
  /** Hash of decision drafts (default SHA-256). */
  readonly hash?: HashAlgorithm;
  /** The bureau's surcharge configuration (加处罚款, default: 3% a day from the day after the payment deadline). */
  readonly surcharge?: SurchargePolicyInput;
  /** The bureau's execution settings (强制执行: enforcement power, night, rest days; default: apply to the court, 22:00–06:00). */
  readonly execution?: ExecutionPolicyInput;
  /** 重大执法决定法制审核目录清单 — the bureau's catalogue (default {@link review.DEFAULT_REVIEW_CATALOGUE}). */
  readonly reviewCatalogue?: ReviewCatalogue;
  /**
   * The case's legal reviews (法制审核), folded from their streams: an approval of the very
   * decision being made is recorded in the case (`review.approved` with its `reviewId`) when
   * `case.decide` relies on it, and `review.approve` naming a `reviewId` is checked against them.
   */
  readonly reviews?: readonly ReviewState[];
  /**
   * 本案证据 — set by {@link decide} from the case stream, not by apps: the items attached to
   * the case (recording `attachEvidence`), the case's previous act (only items captured after
   * it count for the next act) and the act's id. An attached audio-video file counts where a
   * recording rule requires one.
   */
  readonly caseEvidence?: {
    readonly evidence: readonly AttachedEvidence[];
    readonly after?: Instant | undefined;
    readonly actionId?: string | undefined;
  };
  /**
   * 集体讨论法定人数 — the share of the body's heads a collective discussion needs (the review
   * policy's `quorumNumerator / quorumDenominator`, default two thirds; one rule with the review
   * workflow's). A full `ReviewPolicy` may be passed.
   */
  readonly reviewPolicy?: DiscussionQuorum;
  /** 裁量情节 — the bureau's own circumstance rows beyond 行政处罚法 Arts. 30–33 (`circumstances.record` accepts their codes). */
  readonly circumstances?: readonly Circumstance[];
  /**
   * 裁量基准库 — the bureau's discretion benchmarks: with it, a penalty decision names the row
   * it applies and is checked against it (enforcement/benchmark-gate.ts).
   */
  readonly benchmarks?: BenchmarkRegistry;
  /** 偏离基准的程序要求 — what a deviation needs (default `DEFAULT_DEVIATION_POLICY`). */
  readonly deviationPolicy?: DeviationPolicy;
}

/** 决定草案 (legacy) — outcome and penalty, hashed by {@link decisionDraftHash}. */
export interface DecisionDraft {
  /** The outcome. */
  readonly outcome: DecisionOutcome;
  /** The penalty, for a penalty decision. */
  readonly penalty?: Penalty;
}

/**
 * 决定草案哈希 (legacy) — the hex hash of the canonical JSON of outcome and penalty, the
 * `draftHash` of `case.decided` events written before the decision hash covered the party,
 * facts and basis ({@link caseDecisionHash}). Kept so that old streams can be explained.
 */
export function decisionDraftHash(draft: DecisionDraft, algorithm: HashAlgorithm = sha256): string {
  const plain = { outcome: draft.outcome, ...(draft.penalty === undefined ? {} : { penalty: draft.penalty }) };
  return toHex(algorithm.hash(canonicalJsonBytes(plain)));
}

/** A refusal by a rule: the code, the Chinese message and the rule's source (cited in the message). */
export function refuse(
  code: SanxiangError["code"],
  message: string,
  source: RuleSource,
  details: Record<string, unknown> = {},
): SanxiangError {
  return sanxiangError(code, `${message}（依据：${formatSource(source)}）`, { source, details });
}

/** 两人以上持证执法 — the case's team on `date` (行政处罚法 Art. 42 via the bodies registry). */
export function checkTeam(
  team: { readonly category: string; readonly regionCode: string; readonly bodyId?: string | undefined },
  officerIds: readonly string[],
  date: CivilDate,
  ctx: DecideContext,
): Result<true, SanxiangError> {
  const action = {
    category: team.category,
    regionCode: team.regionCode,
    kind: "penalty" as const,
    ...(team.bodyId === undefined ? {} : { bodyId: team.bodyId }),
  };
  return ctx.bodies.checkTwoOfficers(officerIds, action, date, ctx.officerPolicy).map(() => true as const);
}

/** 记录门槛 — the records of a step, through recording `requireRecords`. */
export function checkRecords(
  stage: Stage,
  action: string,
  records: readonly RecordRef[],
  ctx: DecideContext,
  at: Instant,
  endedAt?: Instant,
): Result<true, SanxiangError> {
  // Audio-video files attached to the case for this act count as its records (recording `attachedRecords`).
  const e = ctx.caseEvidence;
  const attached =
    e === undefined
      ? []
      : attachedRecords(e.evidence, {
          stage,
          action,
          until: endedAt ?? at,
          ...(e.after === undefined ? {} : { after: e.after }),
          ...(e.actionId === undefined ? {} : { actionId: e.actionId }),
        });
  const all = attached.length === 0 ? records : [...records, ...attached];
  return requireRecords(stage, action, all, ctx.recording, { at, ...(endedAt === undefined ? {} : { endedAt }) });
}

/**
 * A deadline with its source. When a year the period touches has no holiday notice loaded
 * (a case filed in November whose 90 days reach a year not yet announced), the deadline is
 * bounded instead of refusing the step: the latest plausible end for the party's periods
 * (听证申请、缴纳罚款…), the earliest for the authority's duties (决定、送达…), each row's
 * `provisional` rule — and marked `provisional` with its `bound` and start, to be recomputed
 * when the notice is loaded ({@link currentDeadline}, `recomputeProvisional`).
 */
export function caseDeadline(
  ruleId: string,
  start: CivilDate,
  ctx: DecideContext,
): Result<CaseDeadline, SanxiangError> {
  const computed = provisionalDeadline(
    ruleId,
    start,
    ctx.calendar,
    ctx.periods === undefined ? {} : { periods: ctx.periods },
  );
  if (computed.isErr()) return err(computed.error);
  const d = computed.value;
  return ok({
    ruleId,
    due: d.due,
    source: d.source,
    provisional: d.provisional,
    ...(d.provisional ? { start } : {}),
    ...(d.bound === undefined ? {} : { bound: d.bound }),
  });
}

/**
 * 现行期限 — a stored deadline as the guards must read it now: a provisional deadline that
 * kept its start is recomputed with the context's calendar (exact once the year's notice is
 * loaded, else the row's bound — which also corrects one stored before bounds existed, when
 * it was counted on weekends alone); any other deadline is as stored. A refusal that
 * protects the party (a late hearing request) therefore never rests on a provisional date
 * earlier than the latest plausible end.
 */
export function currentDeadline(d: CaseDeadline, ctx: DecideContext): CaseDeadline {
  if (!d.provisional || d.start === undefined) return d;
  const r = deadlineWithExclusions(d.start, d.ruleId, ctx.calendar, d.excluded ?? [], {
    ...(ctx.periods === undefined ? {} : { periods: ctx.periods }),
    ...(d.extended === true ? { extended: true } : {}),
  });
  if (r.isErr()) return d;
  const { base, due } = r.value;
  if (!base.provisional) {
    const { start: _s, excluded: _e, extended: _x, bound: _b, ...rest } = d;
    return { ...rest, due, provisional: false };
  }
  return { ...d, due, ...(base.bound === undefined ? {} : { bound: base.bound }) };
}
