import { describe, expect, it } from "vitest";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, foldEvents, initialCaseState } from "./fold.js";
import { caseDecisionHash } from "./review-gate.js";
import { createCase, execute, inMemoryEventStore } from "./store.js";
import {
  ctxAt,
  doc,
  fileCommand,
  headActor,
  largeFine,
  noticeCommand,
  officerActor,
  reviewerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

/** Applies commands in order, each at its own time and actor; throws on the first refusal. */
function run(steps: readonly [PenaltyCommandInput, string, typeof officerActor?][]): CaseState {
  let state = initialCaseState("case-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

const upToClose: [PenaltyCommandInput, string, typeof officerActor?][] = [
  [fileCommand, T("03")],
  [{ type: "investigation.record", actionId: "inq-1", action: "inquiry", records: [transcript("inq-1-t")] }, T("04")],
  [{ type: "investigation.close", facts: "事实清楚" }, T("05")],
];

describe("ordinary penalty procedure: happy path", () => {
  it("files, investigates, notifies, decides, serves, collects, closes and archives; state is the fold of the events", async () => {
    const store = inMemoryEventStore();
    const at = (now: string, actor = officerActor) => ctxAt(now, actor);
    expect((await createCase(store, "c1", fileCommand, at(T("03")))).isOk()).toBe(true);
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
      [{ type: "case.archive", records: [doc("casefile")] }, T("14"), officerActor],
    ];
    for (const [cmd, now, actor] of steps) {
      const r = await execute(store, "c1", cmd, at(now, actor));
      expect(r._unsafeUnwrap().events).toHaveLength(1);
    }
    const events = (await store.load("c1"))._unsafeUnwrap();
    const state = foldEvents("c1", events)._unsafeUnwrap();
    expect(state.value).toBe("archived");
    expect(events.map((e) => e.stage)).toEqual([
      "filing",
      "investigation",
      "investigation",
      "review",
      "review",
      "decision",
      "service",
      "execution",
      "closing",
      "archiving",
    ]);
    // Absolute deadlines with sources: 90 days from 2025-03-03 (Art. 60), 7 working days from 2025-03-10 (Art. 61).
    expect(state.context.deadlines.decision).toMatchObject({
      due: "2025-06-03",
      source: { law: "行政处罚法", article: 60 },
    });
    expect(state.context.deadlines.service).toMatchObject({ due: "2025-03-19", source: { article: 61, paragraph: 1 } });
    expect(state.context.deadlines.payment?.due).toBe("2025-03-26");
  });

  it("append with a stale version is CONCURRENCY_CONFLICT", async () => {
    const store = inMemoryEventStore();
    const events = decide(initialCaseState("c2"), fileCommand, ctxAt(T("03")))._unsafeUnwrap();
    expect((await store.append("c2", 0, events)).isOk()).toBe(true);
    expect((await store.append("c2", 0, events))._unsafeUnwrapErr().code).toBe("CONCURRENCY_CONFLICT");
  });
});

describe("hard guards of 行政处罚法", () => {
  it("Art. 42: fewer than two certified officers is OFFICERS_INSUFFICIENT (c's certificate expired)", () => {
    const r = decide(initialCaseState("x"), { ...fileCommand, officerIds: ["a", "c"] }, ctxAt(T("03")));
    expect(r._unsafeUnwrapErr().code).toBe("OFFICERS_INSUFFICIENT");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "行政处罚法", article: 42 });
  });

  it("Art. 36: an act not discovered within two years is LIMITATION_EXPIRED; five years when severe", () => {
    const old = { ...fileCommand, actDate: "2022-03-01" };
    const r = decide(initialCaseState("x"), old, ctxAt(T("03")));
    expect(r._unsafeUnwrapErr().code).toBe("LIMITATION_EXPIRED");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ article: 36, paragraph: 1 });
    expect(decide(initialCaseState("x"), { ...old, severe: true }, ctxAt(T("03"))).isOk()).toBe(true);
  });

  it("Arts. 44, 62: a penalty decision without a served notice or a written waiver is DECISION_WITHOUT_NOTICE", () => {
    const s = run(upToClose);
    const cmd: PenaltyCommandInput = {
      type: "case.decide",
      outcome: "penalty",
      penalty: smallFine,
      records: [doc("d")],
    };
    const r = decide(s, cmd, ctxAt(T("10"), headActor));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "DECISION_WITHOUT_NOTICE", source: { article: 62 } });
    // A non-penalty outcome needs no notice.
    expect(decide(s, { type: "case.decide", outcome: "notEstablished" }, ctxAt(T("10"), headActor)).isOk()).toBe(true);
    // A written waiver opens the way.
    const waived = run([...upToClose, [{ type: "defence.waive", records: [doc("waiver")] }, T("06")]]);
    expect(decide(waived, cmd, ctxAt(T("10"), headActor)).isOk()).toBe(true);
  });

  it("Art. 62: a waiver must be in writing (a document or transcript)", () => {
    const s = run(upToClose);
    const r = decide(s, { type: "defence.waive", records: [{ id: "v", kind: "video" }] }, ctxAt(T("06")));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 62 } });
  });

  it("Art. 45 para. 2: no heavier penalty after the party's defence — neither by decision nor by a new notice", () => {
    const s = run([
      ...upToClose,
      [noticeCommand(), T("06")],
      [{ type: "defence.receive", statement: "不服" }, T("07")],
    ]);
    const heavier = { kinds: ["warning", "fine"] as ("warning" | "fine")[], fineFen: 600_000 };
    const r = decide(
      s,
      { type: "case.decide", outcome: "penalty", penalty: heavier, records: [doc("d")] },
      ctxAt(T("10"), headActor),
    );
    expect(r._unsafeUnwrapErr()).toMatchObject({
      code: "PENALTY_INCREASED_AFTER_DEFENCE",
      source: { article: 45, paragraph: 2 },
    });
    const renotice = decide(s, noticeCommand(heavier), ctxAt(T("10")));
    expect(renotice._unsafeUnwrapErr().code).toBe("PENALTY_INCREASED_AFTER_DEFENCE");
  });

  it("Art. 44: without a defence, a decision heavier than the notice needs a new notice", () => {
    const s = run([...upToClose, [noticeCommand(), T("06")]]);
    const r = decide(
      s,
      { type: "case.decide", outcome: "penalty", penalty: { kinds: ["revokeLicence"] }, records: [doc("d")] },
      ctxAt(T("10"), headActor),
    );
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "DECISION_WITHOUT_NOTICE", source: { article: 44 } });
  });

  it("Arts. 63–65: a large fine carries a hearing right; no decision inside the 5-working-day window or before a requested hearing", () => {
    const s = run([...upToClose, [noticeCommand(largeFine), T("06")]]);
    expect(s.context.notice?.hearingRight).toBe(true);
    expect(s.context.deadlines.hearingRequest?.due).toBe("2025-03-13");
    const cmd: PenaltyCommandInput = {
      type: "case.decide",
      outcome: "penalty",
      penalty: largeFine,
      records: [doc("d")],
    };
    expect(decide(s, cmd, ctxAt(T("13"), headActor))._unsafeUnwrapErr()).toMatchObject({
      code: "HEARING_PENDING",
      source: { article: 64 },
    });
    const notify: PenaltyCommandInput = {
      type: "hearing.notify",
      hearingDate: "2025-03-20",
      place: "本局听证室",
      records: [doc("hearing-notice")],
    };
    const requested = run([
      ...upToClose,
      [noticeCommand(largeFine), T("06")],
      [{ type: "hearing.request" }, T("07")],
      [notify, T("07", "03")],
    ]);
    expect(decide(requested, cmd, ctxAt(T("20"), headActor))._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    // The presiding officer may not be one of the investigators (Art. 64 item 4).
    const byInvestigator = decide(
      requested,
      { type: "hearing.hold", presiderId: "a", records: [transcript("h")] },
      ctxAt(T("20")),
    );
    expect(byInvestigator._unsafeUnwrapErr().source).toMatchObject({ article: 64, item: 4 });
    const held = run([
      ...upToClose,
      [noticeCommand(largeFine), T("06")],
      [{ type: "hearing.request" }, T("07")],
      [notify, T("07", "03")],
      [{ type: "hearing.hold", presiderId: "p", records: [transcript("h")] }, T("20")],
    ]);
    // After a hearing the decision is major under the default catalogue (Art. 58): it needs the
    // approval of exactly this decision.
    expect(decide(held, cmd, ctxAt(T("21"), headActor))._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
    const approved = run([
      ...upToClose,
      [noticeCommand(largeFine), T("06")],
      [{ type: "hearing.request" }, T("07")],
      [notify, T("07", "03")],
      [{ type: "hearing.hold", presiderId: "p", records: [transcript("h")] }, T("20")],
      [
        { type: "review.approve", draftHash: caseDecisionHash(held.context, "penalty", largeFine, {}) },
        T("20", "05"),
        reviewerActor,
      ],
    ]);
    // Art. 57 para. 2 is not triggered by a ¥50,000 fine under the default policy.
    expect(decide(approved, cmd, ctxAt(T("21"), headActor)).isOk()).toBe(true);
    expect(decide(s, cmd, ctxAt(T("14"), headActor)).isOk()).toBe(true);
  });

  it("Art. 58: when review is required, the decision must be the approved draft", () => {
    const s = run([
      [fileCommand, T("03")],
      [{ type: "investigation.close", facts: "重大", reviewRequired: true }, T("05")],
      [noticeCommand(), T("06")],
    ]);
    const cmd = { type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] } as const;
    expect(decide(s, cmd, ctxAt(T("10"), headActor))._unsafeUnwrapErr()).toMatchObject({
      code: "REVIEW_NOT_APPROVED",
      source: { article: 58 },
    });
    const other = caseDecisionHash(s.context, "penalty", { kinds: ["warning"] }, {});
    const wrong = run([
      [fileCommand, T("03")],
      [{ type: "investigation.close", facts: "重大", reviewRequired: true }, T("05")],
      [noticeCommand(), T("06")],
      [{ type: "review.approve", draftHash: other }, T("07"), reviewerActor],
    ]);
    expect(decide(wrong, cmd, ctxAt(T("10"), headActor))._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
    const hash = caseDecisionHash(s.context, "penalty", smallFine, {});
    const right = run([
      [fileCommand, T("03")],
      [{ type: "investigation.close", facts: "重大", reviewRequired: true }, T("05")],
      [noticeCommand(), T("06")],
      [{ type: "review.approve", draftHash: hash }, T("07"), reviewerActor],
    ]);
    // After the party's 5-working-day statement window (the notice of 2025-03-06 → 2025-03-13).
    expect(decide(right, cmd, ctxAt(T("14"), headActor)).isOk()).toBe(true);
  });

  it("Art. 57 para. 2: a complex or major case needs collective discussion", () => {
    const s = run([
      [fileCommand, T("03")],
      [{ type: "investigation.close", facts: "复杂", complexOrMajor: true }, T("05")],
      [noticeCommand(), T("06")],
    ]);
    const cmd = { type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] } as const;
    expect(decide(s, cmd, ctxAt(T("10"), headActor))._unsafeUnwrapErr()).toMatchObject({
      code: "COLLECTIVE_DISCUSSION_REQUIRED",
      source: { article: 57, paragraph: 2 },
    });
  });

  it("Art. 57 para. 1 (permission table): an officer may not decide — PERMISSION_DENIED", () => {
    const s = run([...upToClose, [noticeCommand(), T("06")]]);
    const r = decide(
      s,
      { type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] },
      ctxAt(T("10")),
    );
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "PERMISSION_DENIED", source: { article: 57 } });
  });

  it("Art. 47 (recording rules): an inquiry without its transcript is RECORDING_INCOMPLETE", () => {
    const s = run([[fileCommand, T("03")]]);
    const r = decide(
      s,
      { type: "investigation.record", actionId: "i", action: "inquiry", records: [] },
      ctxAt(T("04")),
    );
    expect(r._unsafeUnwrapErr().code).toBe("RECORDING_INCOMPLETE");
  });

  it("a command the state does not accept is COMMAND_NOT_ALLOWED naming the state", () => {
    const r = decide(initialCaseState("x"), noticeCommand(), ctxAt(T("03")));
    expect(r._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(r._unsafeUnwrapErr().message).toContain("未立案");
  });

  it("an act in the future, or before the case's last act, is INVALID_INPUT", () => {
    expect(decide(initialCaseState("x"), { ...fileCommand, at: T("05") }, ctxAt(T("03")))._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    const s = run([[fileCommand, T("03")]]);
    expect(
      decide(s, { type: "investigation.close", facts: "f", at: T("02") }, ctxAt(T("04")))._unsafeUnwrapErr().code,
    ).toBe("INVALID_INPUT");
  });
});
