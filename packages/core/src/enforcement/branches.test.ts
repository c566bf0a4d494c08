import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import type { CaseEvent } from "../recording/case-event.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommandInput, RecordRef } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, foldEvents, initialCaseState } from "./fold.js";
import { eventsAcceptedIn } from "./machine.js";
import { ctxAt, doc, fileCommand, headActor, noticeCommand, officerActor, smallFine } from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
type Step = readonly [PenaltyCommandInput, string, Actor?];

/** Applies the steps; throws on the first refusal. */
function run(steps: readonly Step[], from = initialCaseState("b-1")): CaseState {
  let state = from;
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

function refusal(state: CaseState, cmd: PenaltyCommandInput, now: string, actor: Actor = officerActor) {
  return decide(state, cmd, ctxAt(now, actor))._unsafeUnwrapErr();
}

const filed = (): CaseState => run([[fileCommand, T("03")]]);

const SEIZURE_RECORDS = (at: string): RecordRef[] => [
  { id: "sz-t", kind: "transcript", evidenceIds: [] },
  { id: "sz-d", kind: "document", evidenceIds: [] },
  { id: "sz-v", kind: "video", evidenceIds: [], wholeProcess: true, startedAt: at, endedAt: at },
];

describe("先行登记保存 (行政处罚法第五十六条)", () => {
  it("needs the head's approval before registration; registration sets a 7-working-day handling deadline", () => {
    const s = filed();
    const e = refusal(
      s,
      { type: "preservation.register", preservationId: "p1", items: ["账册"], records: [doc("n")] },
      T("04"),
    );
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 56 });
    // An officer cannot approve it (the head's permission, 第五十六条).
    expect(
      refusal(s, { type: "preservation.approve", preservationId: "p1", reason: "证据可能灭失" }, T("04")).code,
    ).toBe("PERMISSION_DENIED");
    const after = run(
      [
        [{ type: "preservation.approve", preservationId: "p1", reason: "证据可能灭失" }, T("04"), headActor],
        [{ type: "preservation.register", preservationId: "p1", items: ["账册"], records: [doc("n")] }, T("04", "03")],
      ],
      s,
    );
    // Tuesday 2025-03-04 + 7 working days → Thursday 2025-03-13.
    expect(after.context.preservations.p1?.registered?.handlingDue).toMatchObject({
      ruleId: "penalty.evidencePreservation",
      due: "2025-03-13",
      source: { law: "行政处罚法", article: 56 },
    });
    expect(after.context.recording.actions.some((a) => a.action === "advanceRegistration")).toBe(true);
  });

  it("registration without its notice and list is refused (第五十六条, recording table)", () => {
    const s = run(
      [[{ type: "preservation.approve", preservationId: "p1", reason: "易灭失" }, T("04"), headActor]],
      filed(),
    );
    expect(
      refusal(s, { type: "preservation.register", preservationId: "p1", items: ["账册"] }, T("04", "03")).code,
    ).toBe("RECORDING_INCOMPLETE");
  });

  it("after the 7 working days only a return is allowed, and the case cannot close while one is unhandled (第五十六条)", () => {
    const s = run(
      [
        [{ type: "preservation.approve", preservationId: "p1", reason: "易灭失" }, T("04"), headActor],
        [{ type: "preservation.register", preservationId: "p1", items: ["账册"], records: [doc("n")] }, T("04", "03")],
        [{ type: "investigation.close", facts: "事实" }, T("05")],
        [{ type: "case.decide", outcome: "notEstablished" }, T("06"), headActor],
      ],
      filed(),
    );
    expect(refusal(s, { type: "case.close" }, T("07"), headActor).code).toBe("COMMAND_NOT_ALLOWED");
    // The machine accepts no handling after the decision: the deadline was the law's.
    expect(eventsAcceptedIn("decided")).not.toContain("preservation.handled");
    const open = run(
      [
        [{ type: "preservation.approve", preservationId: "p1", reason: "易灭失" }, T("04"), headActor],
        [{ type: "preservation.register", preservationId: "p1", items: ["账册"], records: [doc("n")] }, T("04", "03")],
      ],
      filed(),
    );
    const late = refusal(open, { type: "preservation.handle", preservationId: "p1", outcome: "seize" }, T("14"));
    expect(late.code).toBe("COMMAND_NOT_ALLOWED");
    expect(late.details).toMatchObject({ due: "2025-03-13" });
    const returned = run([[{ type: "preservation.handle", preservationId: "p1", outcome: "return" }, T("14")]], open);
    expect(returned.context.preservations.p1?.handled?.outcome).toBe("return");
  });
});

describe("查封扣押 started from the case (行政强制法第十八、二十五、二十七条)", () => {
  const approve: Step = [
    {
      type: "coercion.act",
      measureId: "m1",
      seizure: {
        type: "seizure.approve",
        at: T("04"),
        approverId: "h",
        measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
      },
    },
    T("04"),
    headActor,
  ];
  const executeIt: Step = [
    {
      type: "coercion.act",
      measureId: "m1",
      seizure: {
        type: "seizure.execute",
        at: T("04", "03"),
        officerIds: ["a", "b"],
        items: ["涉案物品"],
        records: SEIZURE_RECORDS(T("04", "03")),
      },
    },
    T("04", "03"),
  ];

  it("is linked to the case and its 30-day period is recorded in the case", () => {
    const s = run([approve, executeIt], filed());
    expect(s.value).toBe("investigating");
    expect(s.context.measures.m1?.status).toBe("inForce");
    expect(s.context.measures.m1?.deadline).toMatchObject({ ruleId: "coercion.seizure", due: "2025-04-03" });
    expect(s.context.recording.actions.some((a) => a.action === "sealOrSeize")).toBe(true);
  });

  it("refuses execution without the head's approval (第十八条第一项), an officer approving (第十八条), and closing with it in force (第二十七条)", () => {
    expect(refusal(filed(), executeIt[0], T("04", "03")).code).toBe("COERCION_NOT_APPROVED");
    expect(refusal(filed(), approve[0], T("04"), officerActor).code).toBe("PERMISSION_DENIED");
    const s = run(
      [
        approve,
        executeIt,
        [{ type: "investigation.close", facts: "事实" }, T("05")],
        [{ type: "case.decide", outcome: "notEstablished" }, T("06"), headActor],
      ],
      filed(),
    );
    expect(refusal(s, { type: "case.close" }, T("07"), headActor).code).toBe("COMMAND_NOT_ALLOWED");
    const released = run(
      [
        [
          {
            type: "coercion.act",
            measureId: "m1",
            seizure: { type: "seizure.release", at: T("07"), ground: "noViolation" },
          },
          T("07"),
        ],
        [{ type: "case.close" }, T("07", "03"), headActor],
      ],
      s,
    );
    expect(released.value).toBe("closed");
    expect(released.context.measures.m1?.status).toBe("released");
  });

  it("a new measure cannot start after the decision (the case's investigation is over)", () => {
    const s = run(
      [
        [{ type: "investigation.close", facts: "事实" }, T("05")],
        [{ type: "case.decide", outcome: "noPenaltyMinor" }, T("06"), headActor],
      ],
      filed(),
    );
    const late = {
      type: "coercion.act",
      measureId: "m2",
      seizure: {
        type: "seizure.approve",
        at: T("07"),
        approverId: "h",
        measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
      },
    } as const;
    const r = decide(s, late, ctxAt(T("07"), headActor));
    expect(r._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
  });
});

describe("移送涉嫌犯罪案件 (行政处罚法第二十七条; 移送规定第五、六条)", () => {
  const report: Step = [
    { type: "transfer.report", facts: "涉嫌非法经营罪", officerIds: ["a", "b"], records: [doc("report")] },
    T("04"),
  ];

  it("no transfer decision without the team's written report (移送规定第五条第一款)", () => {
    const closed = run([[{ type: "investigation.close", facts: "事实" }, T("04")]], filed());
    const e = refusal(closed, { type: "case.decide", outcome: "transfer" }, T("04", "03"), headActor);
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toMatchObject({ law: "行政执法机关移送涉嫌犯罪案件的规定", article: 5, paragraph: 1 });
    expect(refusal(filed(), { ...report[0], records: [] } as PenaltyCommandInput, T("04")).code).toBe(
      "RECORDING_INCOMPLETE",
    );
    expect(refusal(filed(), { ...report[0], officerIds: ["a"] } as PenaltyCommandInput, T("04")).code).toBe(
      "OFFICERS_INSUFFICIENT",
    );
  });

  it("ends as transferred with its timeline: report, 3-day approval deadline, hand-over (late after 24 hours), the police's answer (第五条第二款、第八条)", () => {
    const s = run(
      [
        report,
        [{ type: "investigation.close", facts: "事实" }, T("04", "03")],
        [{ type: "case.decide", outcome: "transfer" }, T("05"), headActor],
        [
          { type: "transfer.send", receivingOrgan: "中卫市公安局沙坡头区分局", records: [doc("letter")] },
          T("06", "03"),
        ],
        [{ type: "transfer.answer", accepted: true, records: [doc("receipt")] }, T("07")],
        [{ type: "case.close" }, T("07", "03"), headActor],
      ],
      filed(),
    );
    expect(s.value).toBe("closed");
    const t = s.context.transfer;
    expect(t?.reported?.headDecisionDue).toMatchObject({ ruleId: "transfer.headDecision", due: "2025-03-07" });
    expect(t?.sent).toMatchObject({ late: true, receivingOrgan: "中卫市公安局沙坡头区分局" });
    expect(t?.answer?.accepted).toBe(true);
  });

  it("a transferred case closes only after it was sent, with the transfer letter (移送规定第五条第二款、第六条)", () => {
    const s = run(
      [
        report,
        [{ type: "investigation.close", facts: "事实" }, T("04", "03")],
        [{ type: "case.decide", outcome: "transfer" }, T("05"), headActor],
      ],
      filed(),
    );
    expect(refusal(s, { type: "case.close" }, T("05", "03"), headActor).code).toBe("COMMAND_NOT_ALLOWED");
    expect(refusal(s, { type: "transfer.send", receivingOrgan: "公安局" }, T("05", "03")).code).toBe(
      "RECORDING_INCOMPLETE",
    );
    const sent = run([[{ type: "transfer.send", receivingOrgan: "公安局", records: [doc("l")] }, T("05", "03")]], s);
    expect(sent.context.transfer?.sent?.late).toBe(false);
    expect(
      refusal(sent, { type: "transfer.send", receivingOrgan: "公安局", records: [doc("l")] }, T("05", "04")).code,
    ).toBe("COMMAND_NOT_ALLOWED");
  });
});

describe("不计入办案期限的期间 (行政处罚法第六十条; 市场监督管理行政处罚程序规定第六十四条)", () => {
  it("moves the 90-day decision deadline by the excluded days", () => {
    const s = filed();
    expect(s.context.deadlines.decision?.due).toBe("2025-06-03");
    const after = run(
      [
        [
          { type: "period.exclude", kind: "examination", from: "2025-03-05", to: "2025-03-14", records: [doc("jd")] },
          T("17"),
        ],
        [
          { type: "period.exclude", kind: "suspension", from: "2025-03-12", to: "2025-03-16", records: [doc("zz")] },
          T("17", "03"),
        ],
      ],
      s,
    );
    // 03-03 + 90 days = 06-01, in the Dragon Boat holiday, rolled over to 06-03. The intervals
    // 03-05…03-16 merge into 12 days: 06-01 + 12 = 06-13, a Friday.
    expect(after.context.deadlines.decision).toMatchObject({ ruleId: "penalty.decision", due: "2025-06-13" });
    expect(after.context.excluded.map((x) => x.kind)).toEqual(["examination", "suspension"]);
  });

  it("refuses an interval before filing, one not yet over, or one without a record", () => {
    const s = filed();
    const cmd = {
      type: "period.exclude",
      kind: "hearing",
      from: "2025-03-05",
      to: "2025-03-06",
      records: [doc("h")],
    } as const;
    expect(refusal(s, { ...cmd, from: "2025-03-02" }, T("10")).code).toBe("INVALID_INPUT");
    expect(refusal(s, cmd, T("05")).code).toBe("INVALID_INPUT");
    expect(refusal(s, { ...cmd, records: [] }, T("10")).code).toBe("RECORDING_INCOMPLETE");
  });
});

describe("加处罚款 in execution (行政处罚法第七十二、七十三条; 行政强制法第四十五条)", () => {
  const served = (): CaseState =>
    run(
      [
        [{ type: "investigation.close", facts: "事实" }, T("04")],
        [noticeCommand(), T("04", "03")],
        [{ type: "defence.waive", records: [doc("w")] }, T("04", "04")],
        [{ type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] }, T("05"), headActor],
        [{ type: "decision.serve", method: "direct", records: [doc("r")] }, T("05", "03")],
      ],
      filed(),
    );

  it("accrues 3% a day after the payment deadline, capped at the fine, paused during reconsideration", () => {
    const s = served();
    expect(s.context.deadlines.payment?.due).toBe("2025-03-20");
    expect(caseSurcharge(s.context, "2025-03-20")._unsafeUnwrap().amountFen).toBe(0);
    // Two days late: 2 × 3% × ¥5,000 = ¥300.
    expect(caseSurcharge(s.context, "2025-03-22")._unsafeUnwrap().amountFen).toBe(30_000);
    expect(caseSurcharge(s.context, "2025-12-31")._unsafeUnwrap()).toMatchObject({ amountFen: 500_000, capped: true });
    const paused = run(
      [[{ type: "remedy.record", remedyId: "fy", pause: { from: "2025-03-21", reason: "reconsideration" } }, T("21")]],
      s,
    );
    expect(caseSurcharge(paused.context, "2025-03-31")._unsafeUnwrap().amountFen).toBe(0);
  });

  it("a surcharge paid is at most what accrued (第七十二条); paying the fine and it ends execution", () => {
    const s = served();
    const over = refusal(
      s,
      { type: "payment.record", amountFen: 500_000, surchargeFen: 30_001 },
      "2025-03-22T02:00:00Z",
    );
    expect(over.code).toBe("INVALID_INPUT");
    expect(over.source).toMatchObject({ law: "行政处罚法", article: 72 });
    const paid = run(
      [[{ type: "payment.record", amountFen: 500_000, surchargeFen: 30_000 }, "2025-03-22T02:00:00Z"]],
      s,
    );
    expect(paid.value).toBe("executed");
    expect(paid.context.surchargePaidFen).toBe(30_000);
    expect(caseSurcharge(paid.context, "2025-03-22")._unsafeUnwrap().unpaidFen).toBe(0);
  });
});

it("old streams still fold: a transfer decided and closed without the new timeline events (stored-event compatibility)", () => {
  const events: CaseEvent[] = [];
  let s = initialCaseState("legacy");
  const push = (type: string, payload: Record<string, unknown>) => {
    const e: CaseEvent = {
      caseId: "legacy",
      seq: events.length + 1,
      type,
      at: T("05"),
      actor: { id: "h", roles: ["head"] },
      stage: "decision",
      payload,
    };
    events.push(e);
  };
  const first = decide(s, fileCommand, ctxAt(T("03")))._unsafeUnwrap()[0] as CaseEvent;
  events.push(first);
  s = evolve(s, first)._unsafeUnwrap();
  push("investigation.closed", { at: T("04"), facts: "事实", reviewRequired: false, complexOrMajor: false });
  push("case.decided", {
    at: T("05"),
    outcome: "transfer",
    draftHash: "x",
    records: [],
    serviceDue: {
      ruleId: "penalty.service",
      due: "2025-03-14",
      source: { law: "行政处罚法", article: 61 },
      provisional: false,
    },
  });
  push("case.closed", { at: T("05") });
  expect(foldEvents("legacy", events)._unsafeUnwrap().value).toBe("closed");
});

describe("seized property goes with a transferred case, the party told in writing (行政强制法第二十一条)", () => {
  const measure = (id: string, seizure: object, at: string, actor: Actor = officerActor): Step => [
    { type: "coercion.act", measureId: id, seizure: { at, ...seizure } } as PenaltyCommandInput,
    at,
    actor,
  ];
  const seizedAndApproved = () =>
    run(
      [
        measure(
          "m1",
          {
            type: "seizure.approve",
            approverId: "h",
            measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
          },
          T("04"),
          headActor,
        ),
        measure(
          "m1",
          {
            type: "seizure.execute",
            officerIds: ["a", "b"],
            items: ["涉案物品"],
            records: SEIZURE_RECORDS(T("04", "03")),
          },
          T("04", "03"),
        ),
        [
          { type: "transfer.report", facts: "涉嫌非法经营罪", officerIds: ["a", "b"], records: [doc("report")] },
          T("04", "04"),
        ],
        [{ type: "investigation.close", facts: "事实" }, T("04", "05")],
        [{ type: "case.decide", outcome: "transfer" }, T("05"), headActor],
      ],
      filed(),
    );
  const send: PenaltyCommandInput = { type: "transfer.send", receivingOrgan: "公安局", records: [doc("letter")] };

  it("a transfer with a measure still in force is refused, naming it and citing Art. 21", () => {
    const e = refusal(seizedAndApproved(), send, T("05", "03"));
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toEqual({ law: "行政强制法", article: 21, confidence: "C-law" });
    expect(e.details).toMatchObject({ measures: ["m1"] });
    expect(e.message).toContain("m1");
  });

  it("the handling decision 'transfer' needs the written notice to the party; with it the case goes", () => {
    const s = seizedAndApproved();
    const noNotice = measure("m1", { type: "seizure.handle", outcome: "transfer", records: [] }, T("05", "03"));
    const e = refusal(s, noNotice[0], noNotice[1]);
    expect(e.code).toBe("RECORDING_INCOMPLETE");
    expect(e.source).toMatchObject({ law: "行政强制法", article: 21 });
    const handled = run(
      [
        measure(
          "m1",
          { type: "seizure.handle", outcome: "transfer", records: [doc("notice-to-party")] },
          T("05", "03"),
        ),
        [send, T("05", "04")],
      ],
      s,
    );
    expect(handled.context.measures.m1?.status).toBe("handled");
    expect(handled.context.transfer?.sent?.receivingOrgan).toBe("公安局");
  });

  it("a measure released before the transfer does not hold it up", () => {
    const s = run(
      [measure("m1", { type: "seizure.release", ground: "noLongerNeeded", records: [] }, T("05", "03"))],
      seizedAndApproved(),
    );
    expect(run([[send, T("05", "04")]], s).context.transfer?.sent).toBeDefined();
  });
});
