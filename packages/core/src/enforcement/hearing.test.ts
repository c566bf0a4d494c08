// The hearing (行政处罚法 Arts. 64–65), collective discussion (Art. 57 para. 2) and the
// circumstances that bar a penalty (Arts. 30–33), through the ordinary procedure's decider.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BUILTIN_NOTICE_YEARS } from "../calendar/data/holidays.js";
import { computeDeadline } from "../calendar/deadline.js";
import { createWorkCalendar } from "../calendar/work-calendar.js";
import { dayNumber, fromDayNumber } from "../kernel/time.js";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { holdDiscussion } from "./discussion.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import { caseDeadline, type DecideContext } from "./guards.js";
import { caseDecisionHash } from "./review-gate.js";
import {
  bodies,
  calendar,
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
type Steps = readonly [PenaltyCommandInput, string, typeof officerActor?][];

function run(steps: Steps, extra: Partial<DecideContext> = {}): CaseState {
  let state = initialCaseState("hr-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, { ...ctxAt(now, actor ?? officerActor), ...extra })._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

/** A ¥50,000 fine notified Thursday 2025-03-06 (a hearing right, Art. 63), the hearing requested on 03-07. */
const requested: Steps = [
  [fileCommand, T("03")],
  [{ type: "investigation.close", facts: "事实清楚" }, T("04")],
  [noticeCommand(largeFine), T("06")],
  [{ type: "hearing.request" }, T("07")],
];
const notify = (hearingDate: string, over: Partial<Extract<PenaltyCommandInput, { type: "hearing.notify" }>> = {}) =>
  ({ type: "hearing.notify", hearingDate, place: "本局听证室", records: [doc("hn")], ...over }) as PenaltyCommandInput;
const hold = (over: Partial<Extract<PenaltyCommandInput, { type: "hearing.hold" }>> = {}) =>
  ({ type: "hearing.hold", presiderId: "p", records: [transcript("h")], ...over }) as PenaltyCommandInput;
const decideLarge: PenaltyCommandInput = {
  type: "case.decide",
  outcome: "penalty",
  penalty: largeFine,
  records: [doc("d")],
};

describe("hearing notice (行政处罚法第六十四条第二项、第三项)", () => {
  it("at least seven working days before the hearing: a later notice is refused, naming the last day to notify", () => {
    const s = run(requested);
    // Notified Friday 03-07: 03-17 is only six working days ahead (03-10..03-14, 03-17).
    const late = decide(s, notify("2025-03-17"), ctxAt(T("07", "05")))._unsafeUnwrapErr();
    expect(late).toMatchObject({ code: "COMMAND_NOT_ALLOWED", source: { law: "行政处罚法", article: 64, item: 2 } });
    expect(late.message).toContain("2025-03-06");
    // 03-18 is seven working days ahead: accepted, the last day to notify kept with the notice.
    const [e] = decide(s, notify("2025-03-18"), ctxAt(T("07", "05")))._unsafeUnwrap();
    expect(e?.payload).toMatchObject({ hearingDate: "2025-03-18", public: true, latestNoticeDay: "2025-03-07" });
  });

  it("public unless the law says otherwise: not public only for 国家秘密、商业秘密或者个人隐私, recorded", () => {
    const s = run(requested);
    const closed = decide(s, notify("2025-03-20", { public: false }), ctxAt(T("07", "05")))._unsafeUnwrapErr();
    expect(closed).toMatchObject({ code: "COMMAND_NOT_ALLOWED", source: { article: 64, item: 3 } });
    const contradictory = decide(s, notify("2025-03-20", { closedBecause: "privacy" }), ctxAt(T("07", "05")));
    expect(contradictory._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    const ok = run([
      ...requested,
      [notify("2025-03-20", { public: false, closedBecause: "tradeSecret" }), T("07", "05")],
    ]);
    expect(ok.context.hearingNotice).toMatchObject({ public: false, closedBecause: "tradeSecret" });
  });

  it("the notice is in writing (听证通知书)", () => {
    const s = run(requested);
    expect(decide(s, notify("2025-03-20", { records: [] }), ctxAt(T("07", "05")))._unsafeUnwrapErr()).toMatchObject({
      code: "RECORDING_INCOMPLETE",
      source: { article: 64, item: 2 },
    });
  });
});

describe("holding the hearing and deciding after it (行政处罚法第六十四条第四项、第六项、第八项，第六十五条)", () => {
  const notified: Steps = [...requested, [notify("2025-03-20"), T("07", "05")]];

  it("no hearing without its notice, none before the day notified", () => {
    const unnotified = run(requested);
    expect(decide(unnotified, hold(), ctxAt(T("20")))._unsafeUnwrapErr()).toMatchObject({
      code: "COMMAND_NOT_ALLOWED",
      source: { article: 64, item: 2 },
    });
    const s = run(notified);
    expect(decide(s, hold(), ctxAt(T("19")))._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    // The presider did not investigate the case (item 4).
    expect(decide(s, hold({ presiderId: "a" }), ctxAt(T("20")))._unsafeUnwrapErr().source).toMatchObject({
      article: 64,
      item: 4,
    });
  });

  it("Art. 65: the decision only after the hearing record — none while the hearing is pending", () => {
    const s = run(notified);
    const pending = decide(s, decideLarge, ctxAt(T("19"), headActor))._unsafeUnwrapErr();
    expect(pending.code).toBe("COMMAND_NOT_ALLOWED");
    expect(pending.message).toContain("听证");
    // The transcript is the hearing record (item 8): a hearing without it is refused.
    expect(decide(s, hold({ records: [] }), ctxAt(T("20")))._unsafeUnwrapErr().code).toBe("RECORDING_INCOMPLETE");
  });

  it("Art. 64 item 6: a party absent without good reason, or walking out, ends the hearing as waived; the decision may follow", () => {
    for (const partyAbsence of ["absent", "walkedOut"] as const) {
      const s = run([...notified, [hold({ partyAbsence }), T("20")]]);
      expect(s.context.hearingWaived).toBe(partyAbsence);
      expect(s.context.hearingHeld).toBe(true);
      // The party was not heard: no defence cap from the hearing (Art. 45 para. 2).
      expect(s.context.defenceCap).toBeUndefined();
      const hash = caseDecisionHash(s.context, "penalty", largeFine, {});
      const approved = run([
        ...notified,
        [hold({ partyAbsence }), T("20")],
        [{ type: "review.approve", draftHash: hash }, T("20", "05"), reviewerActor],
      ]);
      expect(decide(approved, decideLarge, ctxAt(T("21"), headActor)).isOk()).toBe(true);
    }
  });

  it("a new notice of the penalty drops the old hearing notice", () => {
    const s = run([...notified, [hold(), T("20")], [noticeCommand(largeFine), T("21")]]);
    expect(s.context.hearingNotice).toBeUndefined();
    expect(s.context.hearingHeld).toBe(false);
  });
});

describe("collective discussion (行政处罚法第五十七条第二款): the quorum of the body's heads", () => {
  const complex: Steps = [
    [fileCommand, T("03")],
    [{ type: "investigation.close", facts: "复杂", complexOrMajor: true }, T("04")],
    [noticeCommand(), T("05")],
  ];
  const discuss = (participants: string[], membersTotal?: number): PenaltyCommandInput => ({
    type: "discussion.hold",
    participants,
    ...(membersTotal === undefined ? {} : { membersTotal }),
    conclusion: "同意承办机构意见",
  });

  it("one head alone, or the same head twice, is not a collective discussion", () => {
    const s = run(complex);
    for (const p of [["h"], ["h", "h"]]) {
      expect(decide(s, discuss(p), ctxAt(T("06"), headActor))._unsafeUnwrapErr()).toMatchObject({
        code: "DISCUSSION_QUORUM_NOT_MET",
        source: { law: "行政处罚法", article: 57, paragraph: 2 },
      });
    }
  });

  it("participants are heads of the body in the registry; their number is the registry's", () => {
    const s = run(complex);
    // 甲 (a) is an officer of the body, not a head: refused by name, citing Art. 57 para. 2.
    const stranger = decide(s, discuss(["h", "a"]), ctxAt(T("06"), headActor))._unsafeUnwrapErr();
    expect(stranger).toMatchObject({
      code: "ROLE_NOT_BACKED",
      source: { law: "行政处罚法", article: 57, paragraph: 2 },
      details: { participant: "a", heads: ["局长（h）", "副局长（h2）"] },
    });
    expect(stranger.message).toContain("甲（a）");
    const [e] = decide(s, discuss(["h", "h2", "h"]), ctxAt(T("06"), headActor))._unsafeUnwrap();
    expect(e?.payload).toMatchObject({ participants: ["h", "h2"], membersTotal: 2 });
  });

  it("an unknown person, a head of another body and a head not in post are refused by name; a 主持工作 head counts", () => {
    const head = bodies.data.officers.find((o) => o.id === "h2");
    const body = bodies.data.bodies[0];
    if (head === undefined || body === undefined) throw new Error("fixture");
    const registry = createBodiesRegistry({
      ...bodies.data,
      bodies: [...bodies.data.bodies, { ...body, id: "other", name: "中卫市司法局" }],
      officers: [
        ...bodies.data.officers,
        { ...head, id: "h3", name: "副局长丙", certificateNumber: "640502190011", status: "away" as const },
        {
          ...head,
          id: "h4",
          name: "主持工作副局长",
          certificateNumber: "640502190012",
          leadership: "presiding" as const,
        },
        { ...head, id: "x1", name: "外局局长", certificateNumber: "640502190013", bodyId: "other" },
      ],
    })._unsafeUnwrap();
    const ctx = { ...ctxAt(T("06"), headActor), bodies: registry };
    const s = run(complex);
    const refusal = (participants: string[]) => decide(s, discuss(participants), ctx)._unsafeUnwrapErr();
    expect(refusal(["h", "h2", "nobody"])).toMatchObject({
      code: "ACTOR_NOT_REGISTERED",
      source: { article: 57, paragraph: 2 },
      details: { participant: "nobody", reason: "notInRegistry" },
    });
    expect(refusal(["h", "h2", "x1"])).toMatchObject({
      code: "ACTOR_NOT_REGISTERED",
      details: { participant: "x1", reason: "otherBody" },
    });
    const away = refusal(["h", "h2", "h3"]);
    expect(away).toMatchObject({ code: "OFFICER_NOT_QUALIFIED", details: { participant: "h3", status: "away" } });
    expect(away.message).toContain("副局长丙（h3）");
    // In post: h, h2 and the presiding h4 (the away h3 is not among the heads counted).
    const [e] = decide(s, discuss(["h", "h4"]), ctx)._unsafeUnwrap();
    expect(e?.payload).toMatchObject({ participants: ["h", "h4"], membersTotal: 3 });
  });

  it("the quorum is the review policy's (2/3 by default): 2 of 4 heads fall short, 3 pass; a majority rule passes 2", () => {
    const head = bodies.data.officers.find((o) => o.id === "h2");
    if (head === undefined) throw new Error("fixture");
    const four = createBodiesRegistry({
      ...bodies.data,
      officers: [
        ...bodies.data.officers,
        { ...head, id: "h3", name: "副局长丙", certificateNumber: "640502190011" },
        { ...head, id: "h4", name: "副局长丁", certificateNumber: "640502190012" },
      ],
    })._unsafeUnwrap();
    const ctx = (now: string) => ({ ...ctxAt(now, headActor), bodies: four });
    const s = run(complex);
    const short = decide(s, discuss(["h", "h2"]), ctx(T("06")))._unsafeUnwrapErr();
    expect(short).toMatchObject({ code: "DISCUSSION_QUORUM_NOT_MET", details: { membersTotal: 4, needed: 3 } });
    expect(decide(s, discuss(["h", "h2", "h3"]), ctx(T("06"))).isOk()).toBe(true);
    const majority = { ...ctx(T("06")), reviewPolicy: { quorumNumerator: 1, quorumDenominator: 2 } };
    expect(decide(s, discuss(["h", "h2"]), majority).isOk()).toBe(true);
  });

  it("a registry that records no heads of the body: no participant is a head, whatever membersTotal says", () => {
    const noHeads = createBodiesRegistry({
      ...bodies.data,
      officers: bodies.data.officers.map(({ leadership: _l, ...o }) => o),
    })._unsafeUnwrap();
    const s = run(complex);
    const ctx = { ...ctxAt(T("06"), headActor), bodies: noHeads };
    const cmd = {
      type: "discussion.hold",
      participants: ["h", "h2"],
      membersTotal: 2,
      conclusion: "同意",
    } as const;
    const e = holdDiscussion(cmd, T("06"), s.context, ctx)._unsafeUnwrapErr();
    expect(e).toMatchObject({ code: "ROLE_NOT_BACKED", details: { participant: "h", heads: [] } });
    expect(e.message).toContain("数据库未登记");
  });

  test.prop([fc.subarray(["h", "h2", "a", "r", "c", "ghost"], { minLength: 1 }), fc.boolean()])(
    "a discussion is held iff every participant is a head in post of the body and the quorum is met",
    (participants, twice) => {
      const s = run(complex);
      const named = twice ? [...participants, ...participants] : participants;
      const r = decide(s, discuss(named), ctxAt(T("06"), headActor));
      const heads = ["h", "h2"];
      const allHeads = participants.every((p) => heads.includes(p));
      // Two heads in post: the 2/3 quorum and the two-person minimum need both.
      expect(r.isOk()).toBe(allHeads && participants.length === 2);
      if (r.isErr() && !allHeads) {
        const first = participants.find((p) => !heads.includes(p));
        expect(r.error.details).toMatchObject({ participant: first });
        expect(r.error.source).toMatchObject({ law: "行政处罚法", article: 57, paragraph: 2 });
      }
    },
  );
});

describe("不予处罚 (行政处罚法第三十条、第三十一条、第三十三条): the recorded circumstances bar a penalty", () => {
  const base: Steps = [
    [fileCommand, T("03")],
    [{ type: "investigation.close", facts: "事实清楚" }, T("04")],
    [noticeCommand(), T("05")],
    [{ type: "defence.receive", statement: "我没有过错，有证据" }, T("06")],
  ];
  const decideSmall: PenaltyCommandInput = {
    type: "case.decide",
    outcome: "penalty",
    penalty: smallFine,
    records: [doc("d")],
  };
  const record = (circumstances: string[]): PenaltyCommandInput => ({
    type: "circumstances.record",
    circumstances,
    records: [],
  });

  it("a penalty where the circumstances say 不予处罚 is refused, citing the ground's article; not punishing is allowed", () => {
    for (const [code, article, paragraph] of [
      ["no-fault", 33, 2],
      ["minor-corrected-no-harm", 33, 1],
      ["under-14", 30, undefined],
      ["mental-incapable", 31, undefined],
    ] as const) {
      const s = run([...base, [record([code]), T("07")]]);
      const e = decide(s, decideSmall, ctxAt(T("10"), headActor))._unsafeUnwrapErr();
      expect(e.code).toBe("PENALTY_OUT_OF_RANGE");
      expect(e.source).toMatchObject({ law: "行政处罚法", article, ...(paragraph === undefined ? {} : { paragraph }) });
      expect(e.message).toContain(code);
      expect(decide(s, { type: "case.decide", outcome: "noPenaltyMinor" }, ctxAt(T("10"), headActor)).isOk()).toBe(
        true,
      );
    }
  });

  it("首违不罚 and 从轻 grounds do not bar a penalty; a corrected finding replaces the old one", () => {
    for (const code of ["first-violation-minor", "age-14-17", "confessed"]) {
      const s = run([...base, [record([code]), T("07")]]);
      expect(decide(s, decideSmall, ctxAt(T("10"), headActor)).isOk()).toBe(true);
    }
    const corrected = run([...base, [record(["no-fault"]), T("07")], [record([]), T("07", "05")]]);
    expect(corrected.context.circumstances).toEqual([]);
    expect(decide(corrected, decideSmall, ctxAt(T("10"), headActor)).isOk()).toBe(true);
  });

  it("an unknown circumstance code is INVALID_INPUT naming it; a bureau's own row is accepted", () => {
    const s = run(base);
    const e = decide(s, record(["nofault"]), ctxAt(T("07")))._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("nofault");
    const own = {
      code: "local-minor",
      description: "本地首违不罚清单所列情形",
      effect: "mayNoPenalty" as const,
      source: { law: "行政处罚法", article: 33, paragraph: 1 },
    };
    expect(decide(s, record(["local-minor"]), { ...ctxAt(T("07")), circumstances: [own] }).isOk()).toBe(true);
  });
});

describe("property: a provisional hearing notice is never later than the real seven working days (issue 14 §1, Art. 64 item 2)", () => {
  // Cutoff calendars know the notices before year Y only: 2020–2026 stand in for "not yet published".
  const cutoffs = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => {
    const years = Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([k]) => Number(k) < y));
    return [y, createWorkCalendar({ builtin: false, years })._unsafeUnwrap()] as const;
  });
  const hearingDay = ([y]: readonly [number, unknown]) =>
    fc.integer({ min: dayNumber(`${y}-01-02`), max: dayNumber(`${y}-03-15`) }).map(fromDayNumber);
  const arb = fc.constantFrom(...cutoffs).chain((c) => fc.tuple(fc.constant(c), hearingDay(c)));

  test.prop([arb], { numRuns: 60 })(
    "the last day to notify, counted before the year's notice is loaded, is on or before the real one",
    ([[, cal], hearingDate]) => {
      const real = computeDeadline("penalty.hearingNotice", hearingDate, calendar)._unsafeUnwrap().due;
      const provisional = caseDeadline("penalty.hearingNotice", hearingDate, { ...ctxAt(T("01")), calendar: cal });
      const d = provisional._unsafeUnwrap();
      expect(d.due <= real).toBe(true);
      expect(d.provisional).toBe(true);
      // A notice on the provisional last day is therefore always in time.
      expect(calendar.workingDaysBetween(d.due, hearingDate)._unsafeUnwrap()).toBeGreaterThanOrEqual(7);
    },
  );
});
