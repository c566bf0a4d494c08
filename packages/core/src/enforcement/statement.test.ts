// 陈述、申辩 before any penalty: 行政处罚法 Arts. 44, 45, 62; the window's default is
// 市场监督管理行政处罚程序规定 Art. 57 para. 2 (five working days from service of the notice).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BUILTIN_NOTICE_YEARS } from "../calendar/data/holidays.js";
import { computeDeadline } from "../calendar/deadline.js";
import { createWorkCalendar } from "../calendar/work-calendar.js";
import { addDays, dayNumber, fromDayNumber } from "../kernel/time.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import { STATEMENT_PERIOD_ID } from "./statement.js";
import {
  calendar,
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
} from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
const decideCmd: PenaltyCommandInput = {
  type: "case.decide",
  outcome: "penalty",
  penalty: smallFine,
  records: [doc("decision")],
};

function run(
  steps: readonly [PenaltyCommandInput, string, typeof officerActor?][],
  extra: Partial<DecideContext> = {},
) {
  let state: CaseState = initialCaseState("st-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, { ...ctxAt(now, actor ?? officerActor), ...extra })._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

/** Filed 03-03, investigated 03-04, notice of a ¥5,000 fine (no hearing right) served Thursday 2025-03-06. */
const noticed: [PenaltyCommandInput, string, typeof officerActor?][] = [
  [fileCommand, T("03")],
  [{ type: "investigation.close", facts: "事实清楚" }, T("04")],
  [noticeCommand(), T("06")],
];

describe("the statement window (行政处罚法第四十四条、第四十五条、第六十二条; 市场监督管理行政处罚程序规定第五十七条第二款)", () => {
  it("the notice carries the window: five working days from service, the party's period", () => {
    const s = run(noticed);
    expect(s.context.deadlines.statement).toMatchObject({
      ruleId: STATEMENT_PERIOD_ID,
      due: "2025-03-13",
      provisional: false,
      source: { law: "市场监督管理行政处罚程序规定", article: 57, paragraph: 2 },
    });
  });

  it("no penalty inside the window when the party neither stated nor waived: STATEMENT_PERIOD_OPEN, naming the last day", () => {
    const s = run(noticed);
    const before = JSON.stringify(s);
    for (const day of ["06", "07", "10", "13"]) {
      const e = decide(s, decideCmd, ctxAt(T(day, "09"), headActor))._unsafeUnwrapErr();
      expect(e).toMatchObject({ code: "STATEMENT_PERIOD_OPEN", source: { article: 57, paragraph: 2 } });
      expect(e.message).toContain("2025-03-13");
    }
    expect(JSON.stringify(s)).toBe(before);
    // The day after the window the decision may follow.
    expect(decide(s, decideCmd, ctxAt(T("14"), headActor)).isOk()).toBe(true);
    // A decision not to punish is not held back (Art. 44 binds 行政处罚决定).
    expect(decide(s, { type: "case.decide", outcome: "noPenaltyMinor" }, ctxAt(T("07"), headActor)).isOk()).toBe(true);
  });

  it("a statement made, or a waiver on the record, lets the decision follow at once (Art. 62: 当事人明确放弃的除外)", () => {
    const stated = run([...noticed, [{ type: "defence.receive", statement: "请求从轻" }, T("07")]]);
    expect(decide(stated, decideCmd, ctxAt(T("07", "05"), headActor)).isOk()).toBe(true);
    const waived = run([...noticed, [{ type: "defence.waive", records: [doc("waiver")] }, T("07")]]);
    expect(decide(waived, decideCmd, ctxAt(T("07", "05"), headActor)).isOk()).toBe(true);
    // A waiver is a written declaration: without one it is refused and the window holds.
    const bare = run(noticed);
    expect(decide(bare, { type: "defence.waive", records: [] }, ctxAt(T("07")))._unsafeUnwrapErr().code).toBe(
      "RECORDING_INCOMPLETE",
    );
  });

  it("a new notice opens a new window: an answer to the old notice does not carry over", () => {
    const s = run([
      ...noticed,
      [{ type: "defence.receive", statement: "请求从轻" }, T("07")],
      [{ ...noticeCommand(), penalty: { kinds: ["warning"] } } as PenaltyCommandInput, T("10")],
    ]);
    expect(s.context.noticeAnswered).toBe(false);
    expect(s.context.deadlines.statement?.due).toBe("2025-03-17");
    const warning: PenaltyCommandInput = { ...decideCmd, penalty: { kinds: ["warning"] } };
    expect(decide(s, warning, ctxAt(T("17"), headActor))._unsafeUnwrapErr().code).toBe("STATEMENT_PERIOD_OPEN");
    expect(decide(s, warning, ctxAt(T("18"), headActor)).isOk()).toBe(true);
  });

  it("the window's length is a setting with its own source: a bureau's rule of three working days", () => {
    const local = { law: "宁夏回族自治区行政执法监督条例", article: 1, confidence: "VAR" as const };
    const periods = { [STATEMENT_PERIOD_ID]: { amount: 3, source: local } };
    const s = run(noticed, { periods });
    expect(s.context.deadlines.statement).toMatchObject({ due: "2025-03-11", source: local });
    const e = decide(s, decideCmd, { ...ctxAt(T("11"), headActor), periods })._unsafeUnwrapErr();
    expect(e).toMatchObject({ code: "STATEMENT_PERIOD_OPEN", source: local });
    expect(decide(s, decideCmd, { ...ctxAt(T("12"), headActor), periods }).isOk()).toBe(true);
  });
});

describe("property: a provisional statement window never closes before the real one (issue 14 §1)", () => {
  // Cutoff calendars know the notices before year Y only: 2020–2026 stand in for "not yet published".
  const cutoffs = [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => {
    const years = Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([k]) => Number(k) < y));
    return [y, createWorkCalendar({ builtin: false, years })._unsafeUnwrap()] as const;
  });
  const noticeDay = ([y]: readonly [number, unknown]) =>
    fc.integer({ min: dayNumber(`${y - 1}-12-01`), max: dayNumber(`${y - 1}-12-31`) }).map(fromDayNumber);
  const arb = fc.constantFrom(...cutoffs).chain((c) => fc.tuple(fc.constant(c), noticeDay(c)));

  test.prop([arb], { numRuns: 60 })(
    "a decision on the real last day is refused on the provisional calendar; the day after, once the notice is loaded, it may follow",
    ([[, cal], day]) => {
      const ctx = (now: string, actor = officerActor) => ({ ...ctxAt(now, actor), calendar: cal });
      let s = initialCaseState("prop");
      const steps: [PenaltyCommandInput, string][] = [
        [{ ...fileCommand, actDate: addDays(day, -20) }, `${addDays(day, -5)}T02:00:00Z`],
        [{ type: "investigation.close", facts: "事实" }, `${day}T01:00:00Z`],
        [noticeCommand(), `${day}T02:00:00Z`],
      ];
      for (const [cmd, now] of steps) {
        for (const e of decide(s, cmd, ctx(now))._unsafeUnwrap()) s = evolve(s, e)._unsafeUnwrap();
      }
      const realDue = computeDeadline(STATEMENT_PERIOD_ID, day, calendar)._unsafeUnwrap().due;
      expect(s.context.deadlines.statement?.due !== undefined && s.context.deadlines.statement.due >= realDue).toBe(
        true,
      );
      const onLastDay = decide(s, decideCmd, ctx(`${realDue}T09:00:00Z`, headActor));
      expect(onLastDay._unsafeUnwrapErr().code).toBe("STATEMENT_PERIOD_OPEN");
      // With the notice loaded the stored window is recomputed: the guard is not a blanket block.
      const after = decide(s, decideCmd, ctxAt(`${addDays(realDue, 1)}T09:00:00Z`, headActor));
      expect(after.isOk()).toBe(true);
    },
  );
});
