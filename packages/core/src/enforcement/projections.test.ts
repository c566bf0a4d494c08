// The default projections over a real ordinary case (行政处罚法 Arts. 60, 61, 67 deadlines; Art. 48
// disclosure), applied by the in-memory store in the append.
import { describe, expect, it } from "vitest";
import { caseEvents } from "../disclosure/model-test-fixtures.js";
import { approveMeasure, executeMeasure, inspectionEvents, onSpotEvents } from "../disclosure/stream-test-fixtures.js";
import { verifyEventStore } from "../recording/store-verify.js";
import type { PenaltyCommandInput } from "./commands.js";
import {
  DEADLINE_DISCHARGES,
  deadlinesProjection,
  defaultProjections,
  disclosureQueueProjection,
  disclosuresProjection,
  PROJECTIONS,
} from "./projections.js";
import { createCase, execute, inMemoryEventStore } from "./store.js";
import {
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const T = (day: string) => `2025-03-${day}T02:00:00Z`;

const steps: [PenaltyCommandInput, string, typeof officerActor][] = [
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
  [{ type: "payment.record", amountFen: 500_000 }, T("12"), officerActor],
  [{ type: "case.close" }, T("13"), headActor],
];

const openDeadlines = async (store: ReturnType<typeof inMemoryEventStore>) =>
  (await store.queryProjection(PROJECTIONS.deadlines, { keyPrefix: "c1/" }))
    ._unsafeUnwrap()
    .map((r) => r.key)
    .sort();

describe("default projections", () => {
  it("行政处罚法第六十条、第六十一条、第六十七条: the deadline index follows the case; the disclosure queue gets the penalty decision (第四十八条)", async () => {
    const store = inMemoryEventStore();
    (await createCase(store, "c1", fileCommand, ctxAt(T("03"))))._unsafeUnwrap();
    const filed = (await store.getProjectionRow(PROJECTIONS.deadlines, "c1/penalty.decision"))._unsafeUnwrap();
    expect(filed?.value).toMatchObject({ ruleId: "penalty.decision", setBy: "case.filed", source: { article: 60 } });
    expect(filed?.sortKey).toBe(filed?.value.due);
    // The limitation period is met by filing: never an open deadline.
    expect(await openDeadlines(store)).toEqual(["c1/penalty.decision"]);

    const seen: string[][] = [];
    for (const [cmd, now, actor] of steps) {
      (await execute(store, "c1", cmd, ctxAt(now, actor)))._unsafeUnwrap();
      seen.push(await openDeadlines(store));
    }
    // The notice opens the party's statement window (行政处罚法第四十四条、第四十五条、第六十二条);
    // the statement answers it.
    expect(seen[2]).toEqual(["c1/penalty.decision", "c1/penalty.statement"]);
    expect(seen[3]).toEqual(["c1/penalty.decision"]);
    expect(seen[4]).toEqual(["c1/penalty.service"]);
    // Service of a fine opens the payment period and the bureau's three months to apply to the
    // people's court after the remedy periods (行政强制法第五十三条).
    expect(seen[5]).toEqual(["c1/enforcement.courtApplication", "c1/penalty.payment"]);
    expect(seen[7]).toEqual([]);

    const queued = (await store.queryProjection(PROJECTIONS.disclosureQueue))._unsafeUnwrap();
    expect(queued.map((r) => [r.key, r.sortKey])).toEqual([["c1", "2025-03-10"]]);
    const filedCount = (await store.getProjectionRow(PROJECTIONS.statistics, "2025-03/case.filed"))._unsafeUnwrap();
    expect(filedCount?.count).toBe(1);
    const all = (await store.queryProjection(PROJECTIONS.statistics))._unsafeUnwrap();
    expect(all.reduce((n, r) => n + r.count, 0)).toBe(steps.length + 1);
    expect((await verifyEventStore(store))._unsafeUnwrap().events).toBe(steps.length + 1);
  });

  it("deadlines due by a date are one range query", async () => {
    const store = inMemoryEventStore();
    (await createCase(store, "c1", fileCommand, ctxAt(T("03"))))._unsafeUnwrap();
    (await createCase(store, "c2", fileCommand, ctxAt("2025-04-01T02:00:00Z")))._unsafeUnwrap();
    const due = (await store.queryProjection(PROJECTIONS.deadlines, { sortKeyTo: "2025-06-15" }))._unsafeUnwrap();
    expect(due.map((r) => r.key)).toEqual(["c1/penalty.decision"]);
  });
});

describe("deadline index over the investigation branches", () => {
  const D = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
  const records = (at: string) => [
    { id: "sz-t", kind: "transcript" as const, evidenceIds: [] },
    { id: "sz-d", kind: "document" as const, evidenceIds: [] },
    { id: "sz-v", kind: "video" as const, evidenceIds: [], wholeProcess: true, startedAt: at, endedAt: at },
  ];
  const branchSteps: [PenaltyCommandInput, string, typeof officerActor][] = [
    [{ type: "preservation.approve", preservationId: "p1", reason: "证据可能灭失" }, D("04"), headActor],
    [
      { type: "preservation.register", preservationId: "p1", items: ["账册"], records: [doc("n")] },
      D("04", "03"),
      officerActor,
    ],
    [
      {
        type: "coercion.act",
        measureId: "m1",
        seizure: {
          type: "seizure.approve",
          at: D("05"),
          approverId: "h",
          measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
        },
      },
      D("05"),
      headActor,
    ],
    [
      {
        type: "coercion.act",
        measureId: "m1",
        seizure: {
          type: "seizure.execute",
          at: D("05", "03"),
          officerIds: ["a", "b"],
          items: ["涉案物品"],
          records: records(D("05", "03")),
        },
      },
      D("05", "03"),
      officerActor,
    ],
  ];

  it("行政处罚法第五十六条、行政强制法第二十五条: preservation and each seizure have their own open deadline until handled", async () => {
    const store = inMemoryEventStore();
    (await createCase(store, "c1", fileCommand, ctxAt(D("03"))))._unsafeUnwrap();
    for (const [cmd, now, actor] of branchSteps) (await execute(store, "c1", cmd, ctxAt(now, actor)))._unsafeUnwrap();
    expect(await openDeadlines(store)).toEqual([
      "c1/coercion.seizure/m1",
      "c1/penalty.decision",
      "c1/penalty.evidencePreservation",
    ]);
    const seizure = (await store.getProjectionRow(PROJECTIONS.deadlines, "c1/coercion.seizure/m1"))._unsafeUnwrap();
    // 30 days from 03-05 end on 04-04, 清明节: "不得超过三十日", not rolled over by default
    // (行政强制法第二十五条第一款; a bureau may configure roll-over).
    expect(seizure?.sortKey).toBe("2025-04-04");
    (
      await execute(
        store,
        "c1",
        { type: "preservation.handle", preservationId: "p1", outcome: "return" },
        ctxAt(D("06")),
      )
    )._unsafeUnwrap();
    expect(await openDeadlines(store)).toEqual(["c1/coercion.seizure/m1", "c1/penalty.decision"]);
  });
});

describe("disclosure events in the default projections (the disclosure stream id is not the case id)", () => {
  const ev = (seq: number, type: string, payload: Record<string, unknown>, caseId = "gs-decision-c1") => ({
    caseId,
    seq,
    type,
    at: T("12"),
    actor: { id: "p", roles: ["publisher" as const] },
    stage: "decision" as const,
    payload,
  });
  const item = (kind: string) => ({ id: "gs-decision-c1", kind, version: 1, publishedAt: T("12") });

  it("行政处罚法第四十八条: the queue row of the case goes when its decision is published or withheld — not for other kinds", () => {
    const decided = disclosureQueueProjection.project(ev(1, "case.decided", { outcome: "penalty", at: T("10") }, "c1"));
    expect(decided).toEqual([expect.objectContaining({ op: "put", key: "c1", sortKey: "2025-03-10" })]);
    expect(
      disclosureQueueProjection.project(ev(3, "disclosure.published", { caseId: "c1", item: item("decision") })),
    ).toEqual([{ op: "delete", key: "c1" }]);
    expect(disclosureQueueProjection.project(ev(3, "disclosure.withheld", { caseId: "c1", kind: "decision" }))).toEqual(
      [{ op: "delete", key: "c1" }],
    );
    // A during-enforcement item of the same case does not discharge the decision's disclosure.
    expect(
      disclosureQueueProjection.project(ev(3, "disclosure.published", { caseId: "c1", item: item("enforcementAct") })),
    ).toEqual([]);
    expect(disclosureQueueProjection.version).toBe(3);
  });

  it("disclosure deadlines are indexed from `due` and discharged by publication, withholding and withdrawal", () => {
    const due = (ruleId: string) => ({
      ruleId,
      due: "2025-03-19",
      source: { law: "行政处罚法", article: 48 },
      provisional: false,
    });
    const drafted = deadlinesProjection.project(
      ev(1, "disclosure.drafted", { due: due("disclosure.licencePenalty"), draft: {} }),
    );
    expect(drafted).toEqual([expect.objectContaining({ op: "put", key: "gs-decision-c1/disclosure.licencePenalty" })]);
    for (const type of ["disclosure.published", "disclosure.withheld"]) {
      const keys = deadlinesProjection.project(ev(3, type, {})).map((w) => w.key);
      for (const id of [
        "disclosure.licencePenalty",
        "disclosure.general",
        "disclosure.govInfo",
        "disclosure.samrPenalty",
      ]) {
        expect(keys).toContain(`gs-decision-c1/${id}`);
      }
    }
    const withdrawn = deadlinesProjection.project(ev(5, "disclosure.withdrawn", {})).map((w) => w.key);
    expect(withdrawn).toEqual([
      "gs-decision-c1/penalty.withdrawal",
      "gs-decision-c1/disclosure.samrWithdrawal",
      "gs-decision-c1/disclosure.decisionWithdrawal",
    ]);
    // 市场监督管理行政处罚信息公示规定 Art. 10: forwarding ends the sender's deadline; the
    // receiver's (disclosure.samrReceived) ends with its publication.
    const forwarded = deadlinesProjection.project(ev(4, "disclosure.forwarded", {})).map((w) => w.key);
    expect(forwarded).toEqual(["gs-decision-c1/disclosure.samrForward"]);
    const published = deadlinesProjection.project(ev(4, "disclosure.published", {})).map((w) => w.key);
    expect(published).toContain("gs-decision-c1/disclosure.samrReceived");
    expect(published).not.toContain("gs-decision-c1/disclosure.samrForward");
    expect(DEADLINE_DISCHARGES["penalty.withdrawal"]).toEqual(["disclosure.withdrawn"]);
    // 行政处罚法第六十四条: the party's window to ask for a hearing is moot once the case is decided.
    const decided = deadlinesProjection.project(ev(7, "case.decided", { outcome: "penalty" }, "c9")).map((w) => w.key);
    expect(decided).toContain("c9/penalty.hearingRequest");
    expect(decided).toContain("c9/penalty.decision");
    // 优化营商环境条例 Art. 54: a random inspection's result deadline (publishDue, period
    // disclosure.general) ends when the inspection case records the result published.
    const inspectionPublished = deadlinesProjection.project(ev(6, "inspection.published", {})).map((w) => w.key);
    expect(inspectionPublished).toEqual(["gs-decision-c1/disclosure.general"]);
    expect(deadlinesProjection.version).toBe(5);
    // 缴清 (行政处罚法第六十七条): a payment leaving nothing owed meets the payment deadline and
    // every execution period; one leaving a balance, or recorded before the balance was, none.
    const paidOff = deadlinesProjection.project(ev(7, "payment.recorded", { amountFen: 5, remainingFen: 0 }));
    expect(paidOff.map((w) => w.key)).toEqual(
      expect.arrayContaining(["gs-decision-c1/penalty.payment", "gs-decision-c1/enforcement.courtApplication"]),
    );
    for (const balance of [{ remainingFen: 1 }, {}]) {
      const part = deadlinesProjection.project(ev(8, "payment.recorded", { amountFen: 5, ...balance }));
      expect(part.map((w) => w.key)).not.toContain("gs-decision-c1/penalty.payment");
    }
  });

  it("the public disclosures: published → the item; withdrawn → the notice; expired → gone; other events → nothing", () => {
    expect(
      disclosuresProjection.project(ev(3, "disclosure.published", { item: item("decision"), channel: "政府网站" })),
    ).toEqual([
      {
        op: "put",
        key: "gs-decision-c1",
        sortKey: T("12"),
        value: { status: "published", item: item("decision"), channel: "政府网站" },
      },
    ]);
    const notice = { id: "gs-decision-c1", withdrawnAt: T("17") };
    expect(disclosuresProjection.project(ev(5, "disclosure.withdrawn", { notice }))).toEqual([
      { op: "put", key: "gs-decision-c1", sortKey: T("17"), value: { status: "withdrawn", notice } },
    ]);
    expect(disclosuresProjection.project(ev(6, "disclosure.expired", {}))).toEqual([
      { op: "delete", key: "gs-decision-c1" },
    ]);
    // 市场监督管理行政处罚信息公示规定 Art. 14: an early end removes the item like an expiry.
    expect(disclosuresProjection.project(ev(6, "disclosure.endedEarly", {}))).toEqual([
      { op: "delete", key: "gs-decision-c1" },
    ]);
    // Art. 10: the sender's forwarding clears the case's row in the disclosure queue (not for other kinds).
    expect(
      disclosureQueueProjection.project(ev(4, "disclosure.forwarded", { caseId: "c1", kind: "decision" })),
    ).toEqual([{ op: "delete", key: "c1" }]);
    expect(disclosureQueueProjection.project(ev(4, "disclosure.forwarded", { caseId: "c1", kind: "body" }))).toEqual(
      [],
    );
    expect(disclosuresProjection.project(ev(2, "disclosure.approved", {}))).toEqual([]);
    expect(disclosuresProjection.project(ev(2, "disclosure.published", { item: "broken" }))).toEqual([]);
    expect(defaultProjections().map((p) => p.name)).toEqual([
      PROJECTIONS.deadlines,
      PROJECTIONS.disclosureQueue,
      PROJECTIONS.statistics,
      PROJECTIONS.disclosures,
    ]);
  });
});

describe("disclosure queue v3: decisions of other streams (国办发〔2018〕118号)", () => {
  const envelope = (caseId: string, seq: number, type: string, payload: Record<string, unknown>) => ({
    caseId,
    seq,
    type,
    at: T("12"),
    actor: { id: "p", roles: ["publisher" as const] },
    stage: "decision" as const,
    payload,
  });
  const published = (streamId: string, caseId: string) =>
    envelope(streamId, 1, "disclosure.published", { caseId, item: { id: streamId, kind: "decision" } });
  const rows = async (store: ReturnType<typeof inMemoryEventStore>) =>
    (await store.queryProjection(PROJECTIONS.disclosureQueue))._unsafeUnwrap().map((r) => [r.key, r.sortKey, r.value]);

  it("queues on-the-spot decisions, executed seizures and inspection results with category and procedure, and clears them", async () => {
    const store = inMemoryEventStore();
    const sp = onSpotEvents("sp-1");
    (await store.append("sp-1", 0, sp))._unsafeUnwrap();
    const c7 = await caseEvents("c7", {
      steps: [approveMeasure("m1"), executeMeasure("m1"), executeMeasure("m2", true)],
    });
    (await store.append("c7", 0, c7))._unsafeUnwrap();
    const insp = inspectionEvents("insp-1");
    (await store.append("insp-1", 0, insp))._unsafeUnwrap();
    expect(await rows(store)).toEqual([
      [
        "c7:m1",
        "2025-03-04",
        {
          caseId: "c7",
          decidedOn: "2025-03-04",
          seq: 3,
          penalty: null,
          category: "coercion",
          procedure: "seizure",
          measureId: "m1",
        },
      ],
      [
        "c7:m2",
        "2025-03-04",
        {
          caseId: "c7",
          decidedOn: "2025-03-04",
          seq: 4,
          penalty: null,
          category: "coercion",
          procedure: "seizure",
          measureId: "m2",
        },
      ],
      [
        "insp-1",
        "2025-03-06",
        expect.objectContaining({ caseId: "insp-1", category: "inspection", procedure: "randomInspection" }),
      ],
      [
        "sp-1",
        "2025-03-07",
        expect.objectContaining({
          caseId: "sp-1",
          category: "penalty",
          procedure: "simplified",
          penalty: { kinds: ["fine"], fineFen: 5_000 },
        }),
      ],
    ]);
    // The measure's disclosure names the measure in its stream id: only its row goes.
    (await store.append("gs-decision-c7:m1", 0, [published("gs-decision-c7:m1", "c7")]))._unsafeUnwrap();
    // 行政强制法第十九条: an emergency measure the head refuses afterwards leaves no decision to publish.
    const refusedEvent = envelope("c7", c7.length + 1, "coercion.acted", {
      at: T("05"),
      measureId: "m2",
      seizure: {
        type: "seizure.approved",
        at: T("05"),
        approverId: "h",
        approved: false,
        afterwards: true,
        records: [],
      },
    });
    (await store.append("c7", c7.length, [refusedEvent]))._unsafeUnwrap();
    (
      await store.append("gs-decision-sp-1", 0, [
        envelope("gs-decision-sp-1", 1, "disclosure.withheld", { caseId: "sp-1", kind: "decision" }),
      ])
    )._unsafeUnwrap();
    expect((await rows(store)).map(([key]) => key)).toEqual(["insp-1"]);
    // The inspection case records that its result is public (inspection.publish).
    (
      await store.append("insp-1", 3, [envelope("insp-1", 4, "inspection.published", { at: T("12"), late: false })])
    )._unsafeUnwrap();
    expect(await rows(store)).toEqual([]);
  });

  it("a measure's disclosure never clears its case's penalty row; an old-shape row (no category) still clears by case id", () => {
    expect(disclosureQueueProjection.project(published("gs-decision-c1:m1", "c1"))).toEqual([
      { op: "delete", key: "c1:m1" },
    ]);
    expect(disclosureQueueProjection.project(published("gs-decision-c1", "c1"))).toEqual([{ op: "delete", key: "c1" }]);
    // A bureau's own disclosure ids (decisionDisclosureId) still clear the case's row.
    expect(disclosureQueueProjection.project(published("dec-2025-1", "c1"))).toEqual([{ op: "delete", key: "c1" }]);
    expect(
      disclosureQueueProjection.project(
        envelope("c1", 9, "coercion.acted", { measureId: "m1", seizure: { type: "seizure.extended" } }),
      ),
    ).toEqual([]);
    expect(disclosureQueueProjection.project(envelope("c1", 9, "case.decided", { outcome: "transfer" }))).toEqual([]);
  });
});
