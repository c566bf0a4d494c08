// 公示义务 — "missed deadlines are visible": every decision that must still be disclosed and
// every withdrawal still due, with its deadline, whether it is overdue, and the rule, read from
// the projections a store keeps (the disclosure queue and the deadline index).
import type { WorkCalendar } from "../calendar/types.js";
import { PROJECTIONS } from "../enforcement/projections.js";
import type { SanxiangError } from "../kernel/errors.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type RuleSource, RuleSourceSchema } from "../kernel/source.js";
import { type CivilDate, compareCivilDates, daysBetween, isCivilDate } from "../kernel/time.js";
import type { EventStore } from "../recording/event-store.js";
import type { ProjectionRow } from "../recording/projection.js";
import { readAllProjectionRows } from "../recording/projection-read.js";
import { disclosureIdFor } from "./draft.js";
import {
  type DisclosurePolicy,
  type DisclosurePolicyInput,
  disclosureDue,
  disclosureRuleFor,
  resolveDisclosurePolicy,
} from "./rules.js";
import { ActionCategorySchema } from "./schema.js";

/**
 * 公示义务 — one open duty: publish (公示), forward (跨省推送: the party is registered in another
 * province, 市场监督管理行政处罚信息公示规定 Art. 10) or withdraw (撤回).
 */
export interface DisclosureObligation {
  /**
   * `publish`: not yet published or withheld (also a received cross-province item); `forward`:
   * a cross-province draft not yet pushed to the registration-place bureau; `withdraw`:
   * published, and its decision changed.
   */
  readonly duty: "publish" | "forward" | "withdraw";
  /** The disclosure stream, once drafted (absent for a decided case not yet drafted). */
  readonly disclosureId?: string;
  /** The case, for a decision not yet drafted. */
  readonly caseId?: string;
  /** The coercive measure within the case, for a 查封、扣押 decision not yet drafted. */
  readonly measureId?: string;
  /** The statutory period (e.g. `disclosure.licencePenalty`, `disclosure.samrForward`, `penalty.withdrawal`). */
  readonly ruleId: string;
  /** 届满日. */
  readonly due: CivilDate;
  /** Past its due day on `today`. */
  readonly overdue: boolean;
  /** Calendar days past the due day (0 when not overdue). */
  readonly daysOverdue: number;
  /** Computed without the holiday notice of a year it covers. */
  readonly provisional: boolean;
  /** The rule that sets the period. */
  readonly source: RuleSource;
}

/** What {@link disclosureObligationsFrom} reads: the rows of the two projections and the context. */
export interface DisclosureObligationsInput {
  /** Rows of the disclosure queue (`disclosure-queue`): decided cases not yet disclosed. */
  readonly queue: readonly ProjectionRow[];
  /** Rows of the deadline index (`deadlines`); rows of other periods are ignored. */
  readonly deadlines: readonly ProjectionRow[];
  /** The work calendar (for the deadline of decisions not yet drafted). */
  readonly calendar: WorkCalendar;
  /** The bureau's disclosure configuration (default: the national rule table). */
  readonly policy?: DisclosurePolicy | DisclosurePolicyInput;
  /** 今天 — the day overdue is judged on. */
  readonly today: CivilDate;
  /** The disclosure id of a case's decision (default `disclosureIdFor("decision", caseId)`). */
  readonly decisionDisclosureId?: (caseId: string) => string;
}

function byDue(a: DisclosureObligation, b: DisclosureObligation): number {
  const d = compareCivilDates(a.due, b.due);
  if (d !== 0) return d;
  const ka = a.disclosureId ?? a.caseId ?? "";
  const kb = b.disclosureId ?? b.caseId ?? "";
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * 公示义务清单 — a pure function over projection rows: every open disclosure duty, oldest due
 * first. A drafted disclosure's publication deadline and a withdrawal deadline come from the
 * deadline index (they travel in `disclosure.drafted` / `disclosure.withdrawalRequired`, and
 * `disclosure.published` / `withheld` / `withdrawn` discharge them); a penalty decision in the
 * disclosure queue not yet drafted gets its deadline from the policy's rule (counted from the
 * decision day), unless the rule does not require it (e.g. SAMR: warning-only penalties are
 * not published, Art. 2 para. 2). Overdue duties are flagged, never dropped.
 */
export function disclosureObligationsFrom(
  input: DisclosureObligationsInput,
): Result<DisclosureObligation[], SanxiangError> {
  const policy = resolveDisclosurePolicy(input.policy);
  if (policy.isErr()) return err(policy.error);
  const publishPeriods = new Set<string>();
  const forwardPeriods = new Set<string>();
  const withdrawPeriods = new Set<string>();
  for (const r of policy.value.rules) {
    if (r.deadlinePeriodId !== null) publishPeriods.add(r.deadlinePeriodId);
    if (r.crossProvince !== undefined) {
      forwardPeriods.add(r.crossProvince.forwardPeriodId);
      publishPeriods.add(r.crossProvince.receivedPeriodId);
    }
    if (r.withdrawalPeriodId !== null) withdrawPeriods.add(r.withdrawalPeriodId);
  }
  const overdue = (due: CivilDate) => {
    const days = daysBetween(due, input.today);
    return { overdue: days > 0, daysOverdue: Math.max(0, days) };
  };
  const out: DisclosureObligation[] = [];
  const drafted = new Set<string>();
  for (const row of input.deadlines) {
    const v = row.value;
    const ruleId = v.ruleId;
    const streamId = v.caseId;
    if (typeof ruleId !== "string" || typeof streamId !== "string" || !isCivilDate(v.due)) continue;
    const duty = forwardPeriods.has(ruleId)
      ? "forward"
      : publishPeriods.has(ruleId)
        ? "publish"
        : withdrawPeriods.has(ruleId)
          ? "withdraw"
          : undefined;
    if (duty === undefined) continue;
    const source = RuleSourceSchema.safeParse(v.source);
    if (!source.success) continue;
    drafted.add(streamId);
    out.push({
      duty,
      disclosureId: streamId,
      ruleId,
      due: v.due,
      ...overdue(v.due),
      provisional: v.provisional === true,
      source: source.data,
    });
  }
  const idOf = input.decisionDisclosureId ?? ((caseId: string) => disclosureIdFor("decision", caseId));
  for (const row of input.queue) {
    const v = row.value;
    if (typeof v.caseId !== "string" || !isCivilDate(v.decidedOn)) continue;
    // Rows written before the queue's version 3 carry no category: ordinary penalty decisions.
    const category = ActionCategorySchema.safeParse(v.category ?? "penalty");
    if (!category.success) continue;
    const rule = disclosureRuleFor(policy.value, { kind: "decision", category: category.data });
    // A coercive measure's row is keyed `<caseId>:<measureId>`, the key of its disclosure.
    const measureId = typeof v.measureId === "string" ? v.measureId : undefined;
    const key = measureId === undefined ? v.caseId : row.key;
    // Drafted: its deadline is in the index. An inspection case carries its own publication
    // deadline there (set when inspected), under the case id: listed once, from the index.
    if (drafted.has(idOf(key)) || drafted.has(v.caseId) || !rule.required) continue;
    // 市场监督管理行政处罚信息公示规定 Art. 2 para. 1: only ordinary-procedure decisions.
    if (rule.ordinaryProcedureOnly === true && v.procedure === "simplified") continue;
    const penalty = v.penalty as { kinds?: unknown } | null | undefined;
    const kinds = Array.isArray(penalty?.kinds) ? penalty.kinds : [];
    if (rule.excludeWarningOnly === true && kinds.length > 0 && kinds.every((k) => k === "warning")) continue;
    const due = disclosureDue(rule, v.decidedOn, input.calendar);
    if (due.isErr()) return err(due.error);
    if (due.value === null) continue;
    out.push({
      duty: "publish",
      caseId: v.caseId,
      ...(measureId === undefined ? {} : { measureId }),
      ruleId: due.value.ruleId,
      due: due.value.due,
      ...overdue(due.value.due),
      provisional: due.value.provisional,
      source: due.value.source,
    });
  }
  return ok(out.sort(byDue));
}

/**
 * 公示义务清单 — {@link disclosureObligationsFrom} over the rows `store` keeps: the disclosure
 * queue and the deadline index (the store must maintain `defaultProjections()`).
 */
export async function disclosureObligations(
  input: Omit<DisclosureObligationsInput, "queue" | "deadlines"> & { readonly store: EventStore },
): Promise<Result<DisclosureObligation[], SanxiangError>> {
  const queue = await readAllProjectionRows(input.store, PROJECTIONS.disclosureQueue);
  if (queue.isErr()) return err(queue.error);
  const deadlines = await readAllProjectionRows(input.store, PROJECTIONS.deadlines);
  if (deadlines.isErr()) return err(deadlines.error);
  const { store: _s, ...rest } = input;
  return disclosureObligationsFrom({ ...rest, queue: queue.value, deadlines: deadlines.value });
}
