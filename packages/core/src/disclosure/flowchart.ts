import { seizureMachine } from "../enforcement/coercion/machine.js";
import { PENALTY_STATE_NAMES, penaltyMachine } from "../enforcement/machine.js";
import { simplifiedMachine } from "../enforcement/simplified/machine.js";
import { SIMPLIFIED_STATE_NAMES } from "../enforcement/simplified/state-context.js";
import { REVIEW_STATE_NAMES, reviewMachine } from "../review/machine.js";
import type { DisclosureContent } from "./schema.js";

/** 执法流程图 — the chart of one procedure: steps, and the transitions between them. */
export type Flowchart = Extract<DisclosureContent, { kind: "flowchart" }>["chart"];

/**
 * The part of an XState machine a flowchart reads: its id and, per state node, the
 * transitions by event type with their targets and guards (`machine.root.states`).
 */
export interface ChartableMachine {
  /** The machine id, e.g. `penalty.ordinary`. */
  readonly id: string;
  /** The root state node. */
  readonly root: {
    readonly states: Readonly<
      Record<
        string,
        {
          readonly key: string;
          readonly transitions: ReadonlyMap<
            string,
            readonly { readonly target?: readonly { readonly key: string }[] | undefined; readonly guard?: unknown }[]
          >;
        }
      >
    >;
  };
}

/**
 * 流程节点名称 — the Chinese names of the events that move a case from one step to another,
 * as the public flowchart writes them; `event|guard` keys name a guarded branch (e.g. a
 * decision that transfers the case).
 */
export const TRANSITION_LABELS: Readonly<Record<string, string>> = {
  "case.filed": "立案",
  "investigation.closed": "调查终结",
  "notice.served": "告知拟作出的行政处罚内容及事实、理由、依据和陈述申辩、听证权利",
  "hearing.requested": "当事人申请听证",
  "hearing.held": "举行听证",
  "case.decided": "作出决定",
  "case.decided|isTransfer": "移送司法机关",
  "case.decided|decisionAllowed": "负责人审查后作出决定（重大执法决定经法制审核）",
  "decision.served": "送达行政处罚决定书",
  "payment.recorded": "缴纳罚款",
  "case.closed": "结案",
  "case.archived": "立卷归档",
  "onSpot.decided": "当场作出行政处罚决定（警告或者小额罚款）",
  "onSpot.collected": "当场收缴罚款",
  "cash.handedOver": "罚款交至行政机关",
  "cash.deposited": "罚款缴付指定银行",
  "seizure.approved": "行政机关负责人批准",
  "seizure.executed": "实施查封、扣押",
  "seizure.handled": "作出处理决定",
  "seizure.handled|releaseOutcome": "解除查封、扣押",
  "seizure.released": "解除查封、扣押",
  "review.submitted": "送审",
  "review.assigned": "指定审核人员",
  "review.escalated": "提请法律顾问审核",
  "review.advised": "法律顾问出具意见",
  "review.concluded": "出具审核意见",
  "review.concluded|approves": "审核通过",
  "review.concluded|findsProblems": "提出问题，退回修改",
  "review.concluded|rejects": "审核不同意",
  "review.resubmitted": "修改后重新送审",
  "review.disputed": "提请集体讨论",
  "review.discussed|adoptsDraft": "集体讨论采纳决定草案",
  "review.discussed|adoptsReview": "集体讨论采纳审核意见",
  "review.discussed|rejectsBoth": "集体讨论不同意",
};

/** 查封扣押状态名称 — the Chinese name of each state of the seizure machine. */
export const SEIZURE_STATE_NAMES: Readonly<Record<string, string>> = {
  pending: "待批准",
  approved: "已批准",
  inForce: "查封扣押中",
  handled: "已作出处理决定",
  released: "已解除",
};

/**
 * 生成流程图 — a flowchart read from a procedure's machine: one step per state (in the
 * machine's order, named from `stateNames`), one transition per event that changes the
 * state (guarded branches separately, labelled from {@link TRANSITION_LABELS}; events that
 * only record something inside a step are left out). Not a hand-drawn copy: a change to the
 * machine changes the chart.
 */
export function flowchartOf(
  machine: ChartableMachine,
  stateNames: Readonly<Record<string, string>>,
  labels: Readonly<Record<string, string>> = TRANSITION_LABELS,
): Flowchart {
  const states = Object.values(machine.root.states);
  const steps = states.map((s) => ({ id: s.key, name: stateNames[s.key] ?? s.key }));
  const transitions: { from: string; to: string; label: string }[] = [];
  for (const s of states) {
    for (const [event, defs] of s.transitions) {
      for (const d of defs) {
        const to = d.target?.[0]?.key;
        if (to === undefined || to === s.key) continue;
        const guard = typeof d.guard === "string" ? d.guard : undefined;
        const label = (guard === undefined ? undefined : labels[`${event}|${guard}`]) ?? labels[event] ?? event;
        if (!transitions.some((t) => t.from === s.key && t.to === to && t.label === label)) {
          transitions.push({ from: s.key, to, label });
        }
      }
    }
  }
  return { procedure: machine.id, steps, transitions };
}

/** The Chinese name of each charted procedure. */
export const PROCEDURE_NAMES: Readonly<Record<string, string>> = {
  "penalty.ordinary": "行政处罚普通程序流程图",
  "penalty.simplified": "行政处罚简易程序流程图",
  "coercion.seizure": "查封、扣押流程图",
  review: "重大执法决定法制审核流程图",
};

/** 程序名称 — the Chinese name of each charted procedure, as people read it. */
export const PROCEDURE_TITLES: Readonly<Record<string, string>> = {
  "penalty.ordinary": "行政处罚普通程序",
  "penalty.simplified": "行政处罚简易程序",
  "coercion.seizure": "查封、扣押程序",
  review: "重大执法决定法制审核程序",
};

/**
 * 程序名称 — the Chinese name of a procedure id (`penalty.ordinary` → `行政处罚普通程序`,
 * see {@link PROCEDURE_TITLES}); an id the SDK does not chart reads `其他执法程序`, never raw.
 */
export function procedureName(id: string): string {
  return (Object.hasOwn(PROCEDURE_TITLES, id) ? PROCEDURE_TITLES[id] : undefined) ?? "其他执法程序";
}

/** 执法流程图 — one flowchart per procedure machine of the SDK, by procedure id. */
export function procedureFlowcharts(): Readonly<Record<string, Flowchart>> {
  return {
    "penalty.ordinary": flowchartOf(penaltyMachine, PENALTY_STATE_NAMES),
    "penalty.simplified": flowchartOf(simplifiedMachine, SIMPLIFIED_STATE_NAMES),
    "coercion.seizure": flowchartOf(seizureMachine, SEIZURE_STATE_NAMES),
    review: flowchartOf(reviewMachine, REVIEW_STATE_NAMES),
  };
}
