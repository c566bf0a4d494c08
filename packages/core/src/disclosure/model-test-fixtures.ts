// Shared by the disclosure model tests: a real ordinary case driven through the enforcement
// decider (the bureau of enforcement/test-fixtures.ts), and a small powers registry. The
// names are invented test values, not real parties.
import type { PenaltyCommandInput } from "../enforcement/commands.js";
import { createCase, execute, inMemoryEventStore } from "../enforcement/store.js";
import {
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "../enforcement/test-fixtures.js";
import type { CaseEvent } from "../recording/case-event.js";
import { createPowersRegistry, type PowersRegistry } from "../registry/powers/registry.js";

const T = (day: string) => `2025-03-${day}T02:00:00Z`;

/** One step of a case: the command, when, by whom. */
export type CaseStep = readonly [PenaltyCommandInput, string, typeof officerActor];

/** The commands of a case filed on 2025-03-03 and decided on Monday 2025-03-10. */
export const CASE_STEPS: readonly CaseStep[] = [
  [
    {
      type: "investigation.record",
      actionId: "site-1",
      action: "siteInspection",
      records: [transcript("site-transcript"), doc("site-record")],
    },
    T("04"),
    officerActor,
  ],
  [
    { type: "investigation.record", actionId: "inq-1", action: "inquiry", records: [transcript("t1")] },
    T("04"),
    officerActor,
  ],
  [{ type: "investigation.close", facts: "事实清楚" }, T("05"), officerActor],
  [noticeCommand(), T("06"), officerActor],
  [{ type: "defence.receive", statement: "请求从轻" }, T("07"), officerActor],
  [{ type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("decision")] }, T("10"), headActor],
  [{ type: "decision.serve", method: "direct", records: [doc("receipt")] }, T("11"), officerActor],
];

/**
 * The events of a case run through `steps` (the first `upTo` of them), with `file` as its
 * filing command: what the store recorded, in order.
 */
export async function caseEvents(
  caseId = "c1",
  options: {
    readonly file?: Extract<PenaltyCommandInput, { type: "case.file" }>;
    readonly steps?: readonly CaseStep[];
    readonly upTo?: number;
  } = {},
): Promise<CaseEvent[]> {
  const store = inMemoryEventStore();
  const events: CaseEvent[] = [];
  events.push(...(await createCase(store, caseId, options.file ?? fileCommand, ctxAt(T("03"))))._unsafeUnwrap().events);
  for (const [cmd, now, actor] of (options.steps ?? CASE_STEPS).slice(0, options.upTo)) {
    events.push(...(await execute(store, caseId, cmd, ctxAt(now, actor)))._unsafeUnwrap().events);
  }
  return events;
}

/** A powers list of the test bureau `spt`: one penalty item with its guide, one random-inspection item. */
export const powers: PowersRegistry = createPowersRegistry({
  items: [
    {
      code: "SF-CF-001",
      name: "对律师事务所未按规定办理变更登记的处罚",
      kind: "penalty",
      basis: [{ law: "律师法", article: 50 }],
      bodyId: "spt",
      unit: "综合业务室",
      procedure: "penalty.ordinary",
      supervision: "向上一级司法行政部门投诉举报",
      supervisionPhone: "0955-7000000",
      accountability: ["不履行或者不正确履行法定职责的"],
      effectiveFrom: "2024-01-02",
    },
  ],
  guides: [
    {
      itemCode: "SF-CF-001",
      name: "律师事务所变更登记违法行为处罚",
      basis: [{ law: "律师法", article: 50 }],
      acceptingBody: "综合业务室",
      approvingBody: "中卫市沙坡头区司法局",
      conditions: ["违法事实清楚"],
      materials: ["立案审批表"],
      process: ["立案", "调查", "告知", "决定", "送达"],
      timeLimit: "自立案之日起九十日内",
      supervision: "投诉举报",
      accountability: "依法追究责任",
      officeHours: "工作日 9:00—17:00",
      address: "中卫市沙坡头区示例路1号",
      phone: "0955-7000001",
      effectiveFrom: "2024-01-02",
    },
  ],
  inspections: [
    {
      code: "SF-SJ-001",
      name: "律师事务所执业活动检查",
      bodyId: "spt",
      targets: "辖区内律师事务所",
      basis: [{ law: "律师法", article: 52, paragraph: 1 }],
      methods: ["现场检查", "书面检查"],
      ratioBasisPoints: 2000,
      timesPerYear: 1,
      effectiveFrom: "2024-01-02",
    },
  ],
})._unsafeUnwrap();
