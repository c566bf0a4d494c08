// 裁量基准关口 — `case.decide`'s check of the discretion benchmark (行政处罚法 Art. 34; 国办发
// 〔2022〕27号): a penalty decision of a bureau with benchmarks names the row it applies; the
// penalty is checked against it (registry `check`); outside the row's range, or in its 减轻
// tier, the deviation procedure the bureau's policy requires must be on the record, or the
// decision is refused citing the rule that requires it. The outcome feeds the legal-review
// draft (`outsideBenchmark`, `mitigated`), so the catalogue's rows can apply.

import type { Actor } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { formatSource, type RuleSource } from "../kernel/source.js";
import { type CivilDate, civilDateOf } from "../kernel/time.js";
import type { PenaltyCheck, Requirement } from "../registry/benchmarks/check.js";
import { TIER_LABELS } from "../registry/benchmarks/schema.js";
import { checkActingRole, type HeadRankRule } from "./authority.js";
import type { DecisionBenchmark } from "./benchmark-application.js";
import type { DecisionOutcome } from "./commands.js";
import type { PenaltyCaseContext } from "./context.js";
import { type DecideContext, refuse } from "./guards.js";
import type { Penalty } from "./penalty.js";

/**
 * 裁量基准关口规则 — the sources the gate cites: a bureau that has published benchmarks
 * applies them and the decision states how (`applied`: 行政处罚法 Art. 34 — benchmarks are
 * set to regulate the discretion and published; 国办发〔2022〕27号 — the decision explains
 * how the benchmark was applied, [M]).
 */
export const BENCHMARK_GATE_SOURCES = {
  /** A penalty decision of a bureau with benchmarks names the row it applies. */
  applied: { law: "行政处罚法", article: 34, confidence: "C-law" },
  /** 国办发〔2022〕27号: the decision explains the benchmark's application; deviation needs approval ([M]). */
  guidance: { law: "国办发〔2022〕27号", confidence: "M" },
  /**
   * 负责人批准 — the approval of a deviation is given by a head (负责人) of the case's body, as
   * the registry records them (行政处罚法 Art. 57 para. 1 names the 行政机关负责人 as the one
   * who decides a penalty; the approval stands in for that decision's discretion).
   */
  approver: { law: "行政处罚法", article: 57, paragraph: 1, confidence: "C-law" },
  /**
   * 主要负责人批准 — where the approval stands in for the heads' collective discussion, the
   * 主要负责人 gives it (国办发〔2022〕27号, [M]): the registry's 正职负责人, or the
   * 主持工作的负责人 while the principal post is vacant.
   */
  principalApprover: { law: "国办发〔2022〕27号", confidence: "M" },
} as const satisfies Record<string, RuleSource>;

/**
 * 批准人职级 — who may approve a deviation: any head of the body ({@link BENCHMARK_GATE_SOURCES}
 * `approver`), and, where the approval stands in for the collective discussion (a requirement
 * with `orApproval`), the 主要负责人 — the 正职负责人 or the 主持工作的负责人
 * (`principalApprover`).
 */
export const DEVIATION_APPROVER_RANKS: Readonly<{ standIn: HeadRankRule }> = {
  standIn: { ranks: ["principal", "presiding"], source: BENCHMARK_GATE_SOURCES.principalApprover },
};

/**
 * 裁量基准关口的案件事实 — what the gate reads of a case: the dates benchmarks are looked up
 * on, the circumstances found, whether the heads discussed it, and the body and team (for the
 * approver's check). An ordinary case's {@link PenaltyCaseContext} is one; an on-the-spot
 * decision (简易程序) builds its own.
 */
export type BenchmarkCaseFacts = Pick<
  PenaltyCaseContext,
  "actDate" | "filedOn" | "circumstances" | "discussionHeld" | "bodyId" | "officerIds"
>;

/**
 * 裁量基准适用结论 — what the gate found: the flags the legal-review draft carries (超出裁量基准,
 * 减轻处罚), and the registry's check (absent when no row applied or the decision imposes no
 * penalty).
 */
export interface BenchmarkGateResult {
  /** 超出裁量基准 — the penalty lies outside the row's recommended tier (catalogue row `outsideBenchmark`). */
  readonly outsideBenchmark: boolean;
  /** 减轻处罚 — the 减轻 tier, or below the statutory minimum (catalogue row `mitigated`). */
  readonly mitigated: boolean;
  /** The registry's check of the penalty against the row. */
  readonly check?: PenaltyCheck;
}

const NOT_APPLIED: BenchmarkGateResult = { outsideBenchmark: false, mitigated: false };

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const x = new Set(a);
  const y = new Set(b);
  return x.size === y.size && [...x].every((v) => y.has(v));
};

/** The date a benchmark is looked up on: the act's (行政处罚法 Art. 37), else the filing date, else the decision's. */
function lookupDate(c: BenchmarkCaseFacts, at: CivilDate): CivilDate {
  return c.actDate ?? c.filedOn ?? at;
}

/**
 * Whether a requirement is met on the record: 说明理由 by the deviation's `reasons`;
 * 集体讨论 by the case's collective discussion, or — where the requirement allows the
 * principal head's approval instead (`orApproval`) — by the recorded approval;
 * 负责人批准 by the approval; 法制审核 by the review gate that follows (the flags make the
 * catalogue classify the decision); 教育 concerns no-penalty decisions only.
 */
function met(r: Requirement, b: Extract<DecisionBenchmark, { kind: "applied" }>, c: BenchmarkCaseFacts): boolean {
  switch (r.kind) {
    case "reasons":
      return b.deviation?.reasons !== undefined;
    case "collectiveDiscussion":
      return c.discussionHeld || (r.orApproval === true && b.deviation?.approval !== undefined);
    case "approval":
      return b.deviation?.approval !== undefined;
    case "legalReview":
    case "education":
      return true;
  }
}

/**
 * 批准人核验 — a recorded approval of a deviation (`deviation.approval`) names a head of the
 * case's body in the registry, in post on `date` ({@link checkActingRole} with the `head`
 * role: `ACTOR_NOT_REGISTERED` when the approver is not registered with the body,
 * `OFFICER_NOT_QUALIFIED` when not in post, `ROLE_NOT_BACKED` when not a head, each naming
 * the approver); and where the approval stands in for the collective discussion the policy
 * requires (no discussion held), the 主要负责人 ({@link DEVIATION_APPROVER_RANKS}).
 */
export function checkDeviationApprover(
  b: Extract<DecisionBenchmark, { kind: "applied" }>,
  requirements: readonly Requirement[],
  c: BenchmarkCaseFacts,
  ctx: DecideContext,
  date: CivilDate,
): Result<true, SanxiangError> {
  const approval = b.deviation?.approval;
  if (approval === undefined) return ok(true);
  const standsIn =
    !c.discussionHeld && requirements.some((r) => r.kind === "collectiveDiscussion" && r.orApproval === true);
  const registered = ctx.bodies.officer(approval.approverId, date);
  const approver: Actor = {
    id: approval.approverId,
    name: registered.isOk() ? registered.value.name : "批准人",
    roles: ["head"],
  };
  const checked = checkActingRole(
    approver,
    "head",
    { bodyId: c.bodyId, category: "", regionCode: "", team: c.officerIds },
    date,
    ctx,
    standsIn ? "以主要负责人批准代替集体讨论、批准偏离裁量基准" : "批准偏离裁量基准",
    standsIn ? DEVIATION_APPROVER_RANKS.standIn : undefined,
  );
  return checked.isErr() ? err(checked.error) : ok(true);
}

/**
 * 裁量基准关口 — checks a `case.decide` against the bureau's discretion benchmarks
 * (`ctx.benchmarks`). Only penalty decisions are checked. With a registry, the decision names
 * the row (`benchmark: { kind: "applied", code, circumstances }`) or says why none applies
 * (`{ kind: "none", reason }`); the penalty is checked as of the date of the act (Art. 37).
 *
 * Errors: `BENCHMARK_NOT_APPLIED` (no row named though the bureau has benchmarks, or a row
 * named without a registry to check it); `REGISTRY_NOT_FOUND` (no such row in force);
 * `PENALTY_OUT_OF_RANGE` (above the statutory maximum, a kind the article does not allow, a
 * penalty where the law says 不予处罚, below the minimum without a ground); and
 * `BENCHMARK_DEVIATION_UNRECORDED` naming the first requirement of the deviation policy not
 * on the record, citing its source; a recorded approval by someone the registry does not back
 * as a head of the body ({@link checkDeviationApprover}).
 */
export function checkDecisionBenchmark(
  cmd: {
    readonly outcome: DecisionOutcome;
    readonly penalty?: Penalty | undefined;
    readonly benchmark?: DecisionBenchmark | undefined;
  },
  c: BenchmarkCaseFacts,
  ctx: DecideContext,
): Result<BenchmarkGateResult, SanxiangError> {
  const b = cmd.benchmark;
  const registry = ctx.benchmarks;
  if (cmd.outcome !== "penalty" || cmd.penalty === undefined) return ok(NOT_APPLIED);
  if (registry === undefined) {
    if (b?.kind !== "applied") return ok(NOT_APPLIED);
    return err(
      sanxiangError(
        "BENCHMARK_NOT_APPLIED",
        `决定载明适用裁量基准「${b.code}」，但未配置裁量基准库，无法核对；请在 DecideContext.benchmarks 中提供本机关的裁量基准`,
        { source: BENCHMARK_GATE_SOURCES.applied, details: { code: b.code } },
      ),
    );
  }
  if (b === undefined) {
    return err(
      refuse(
        "BENCHMARK_NOT_APPLIED",
        "本机关已制定行政处罚裁量基准，处罚决定须载明适用的裁量基准（违法行为编码及裁量情节），或说明无可适用基准的理由",
        BENCHMARK_GATE_SOURCES.applied,
      ),
    );
  }
  if (b.kind === "none") return ok(NOT_APPLIED);
  // One finding of the circumstances: the case's record (circumstances.record, which also bars
  // a penalty on a 不予处罚 ground) when there is one; the decision may not apply others.
  const recorded = c.circumstances;
  if (recorded !== undefined && b.circumstances !== undefined && !sameSet(recorded, b.circumstances)) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `决定适用的裁量情节（${b.circumstances.join("、") || "无"}）与案件认定的裁量情节（${recorded.join("、") || "无"}）不一致；请先以 circumstances.record 更正认定，或不在决定中另列情节`,
        { source: BENCHMARK_GATE_SOURCES.applied, details: { given: b.circumstances, recorded } },
      ),
    );
  }
  const circumstances = recorded ?? b.circumstances ?? [];
  const date = lookupDate(c, civilDateOf(ctx.now));
  const p = cmd.penalty;
  const row = registry.benchmark(b.code, date);
  if (row.isErr()) return err(row.error);
  const checked = registry.check(
    b.code,
    date,
    { circumstances, fine: p.fineFen ?? 0, kinds: p.kinds },
    {
      ...(ctx.circumstances === undefined ? {} : { circumstances: [...ctx.circumstances] }),
      ...(b.illegalGains === undefined ? {} : { illegalGains: b.illegalGains }),
      ...(b.goodsValue === undefined ? {} : { goodsValue: b.goodsValue }),
      ...(ctx.deviationPolicy === undefined ? {} : { policy: ctx.deviationPolicy }),
    },
  );
  if (checked.isErr()) return err(checked.error);
  const check = checked.value;
  const missing = check.requirements.find((r) => !met(r, b, c));
  if (missing === undefined) {
    const approver = checkDeviationApprover(b, check.requirements, c, ctx, date);
    if (approver.isErr()) return err(approver.error);
  }
  if (missing !== undefined) {
    const tier = TIER_LABELS[check.recommendation.tier];
    return err(
      refuse(
        "BENCHMARK_DEVIATION_UNRECORDED",
        `${check.message}（裁量基准「${b.code}」，${formatSource(row.value.document)}，建议阶次「${tier}」）；须${missing.text}，案卷中尚无记录`,
        missing.source,
        { code: b.code, position: check.position, requirement: missing.kind },
      ),
    );
  }
  return ok({
    outsideBenchmark: check.status === "outside",
    mitigated: check.recommendation.tier === "mitigated" || check.position === "belowStatutory",
    check,
  });
}
