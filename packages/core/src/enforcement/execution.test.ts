// 行政强制执行 in the penalty case (issue 14 §6): 催告 (行政强制法第三十五条), 陈述申辩 (第三十六条),
// 强制执行决定 (第三十七条) and its service (第三十八条), no execution at night or on holidays
// (第四十三条), 加处罚款超过三十日 (第四十六条), the court application after the demand's ten
// days (第五十四条) and within three months of the remedy periods (第五十三条; 行政处罚法第七十二条第二款).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { BUILTIN_NOTICE_YEARS } from "../calendar/data/holidays.js";
import { computeDeadline } from "../calendar/deadline.js";
import { createWorkCalendar } from "../calendar/work-calendar.js";
import { addDays, civilDateOf, compareCivilDates, epochMillis, startOfCivilDate } from "../kernel/time.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { EXECUTION_SOURCES } from "./execution.js";
import { checkExecutionTime, courtApplicationDeadline } from "./execution-decide.js";
import {
  type Actor,
  applyCommand,
  day,
  decideExecutionCommand,
  demandCommand,
  run,
  type Step,
  selfEnforcing,
  servedCase,
  step,
} from "./execution-fixtures.js";
import { initialCaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import { openDeadlines } from "./open-deadlines.js";
import { createCase, execute, inMemoryEventStore } from "./store.js";
import {
  calendar,
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const served = servedCase("ex").state;
const demand = demandCommand;
const apply = applyCommand;
const decideExec = decideExecutionCommand;
const demanded = run([[demand, day("2025-03-27")]], served);

describe("催告 — only after the payment deadline passes unpaid (行政处罚法第七十二条; 行政强制法第三十五条)", () => {
  it("is refused on the last day to pay, accepted the day after with the amount and the surcharge of the day", () => {
    expect(served.context.deadlines.payment?.due).toBe("2025-03-26");
    const early = decide(served, demand, ctxAt(day("2025-03-26")));
    expect(early._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: { article: 72 } });
    expect(demanded.context.execution.demand).toMatchObject({ servedOn: "2025-03-27", amountFen: 500_000 });
    // Ten working days after 03-27 (行政强制法第五十四条、第六十九条), 清明 04-04 not counted: 04-11.
    expect(demanded.context.execution.demand?.due).toMatchObject({ ruleId: "enforcement.demand", due: "2025-04-11" });
  });

  it("is served directly, or by another method with its reason (行政强制法第三十八条), from the day that method serves", () => {
    const mail = {
      type: "execution.demand",
      method: "mail",
      receivedOn: "2025-03-31",
      records: [doc("demand")],
    } as const;
    const noReason = decide(served, { ...mail, at: day("2025-03-27") }, ctxAt(day("2025-04-01")));
    expect(noReason._unsafeUnwrapErr()).toMatchObject({ code: "INVALID_INPUT", source: { article: 38 } });
    expect(noReason._unsafeUnwrapErr().message).toContain("邮寄送达");
    const s = step(
      served,
      { ...mail, at: day("2025-03-27"), indirectBecause: "unreachable" },
      ctxAt(day("2025-04-01")),
    )._unsafeUnwrap();
    // The ten working days run from the receipt (民事诉讼法第九十一条): 03-31 → 04-15 (清明 04-04 off).
    expect(s.context.execution.demand).toMatchObject({ servedOn: "2025-03-31", due: { due: "2025-04-15" } });
  });

  it("needs the written demand (催告书) and nothing outstanding is never demanded", () => {
    const noDoc = decide(served, { ...demand, records: [] }, ctxAt(day("2025-03-27")));
    expect(noDoc._unsafeUnwrapErr()).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 35 } });
    const paid = run([[{ type: "payment.record", amountFen: 500_000 }, day("2025-03-20")]], served);
    expect(paid.value).toBe("executed");
    expect(decide(paid, demand, ctxAt(day("2025-03-27"))).isErr()).toBe(true);
  });

  it("a defence found established sets the demand aside: the court application needs a new demand (行政强制法第三十六条)", () => {
    const s = run(
      [
        [
          {
            type: "execution.defence",
            statement: "已于期限内缴纳",
            established: true,
            review: "经复核属实",
            records: [transcript("stmt")],
          },
          day("2025-03-28"),
        ],
      ],
      demanded,
    );
    expect(s.context.execution.demand).toBeUndefined();
    const r = decide(s, apply, ctxAt(day("2025-09-15"), headActor));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: { article: 54 } });
  });
});

describe("申请人民法院强制执行 (行政强制法第五十三条、第五十四条)", () => {
  it("the window: after the demand's ten working days and the six months to sue, within three months after", () => {
    const w = courtApplicationDeadline("2025-03-11", undefined, ctxAt(day("2025-03-11")))._unsafeUnwrap();
    // 行政诉讼法第四十六条: six months from the service → 2025-09-11; three months more → 2025-12-11.
    expect(w.opensAfter).toBe("2025-09-11");
    expect(w.due).toMatchObject({ ruleId: "enforcement.courtApplication", due: "2025-12-11", source: { article: 53 } });
    expect(served.context.deadlines.courtApplication?.due).toBe("2025-12-11");

    const tooSoon = decide(demanded, apply, ctxAt(day("2025-04-11"), headActor));
    expect(tooSoon._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: { article: 54 } });
    const remedyOpen = decide(demanded, apply, ctxAt(day("2025-09-11"), headActor));
    expect(remedyOpen._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: { article: 53 } });
    const late = decide(demanded, apply, ctxAt(day("2025-12-12"), headActor));
    expect(late._unsafeUnwrapErr()).toMatchObject({ code: "COURT_APPLICATION_LATE", source: { article: 53 } });
    const onTime = step(demanded, apply, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrap();
    expect(onTime.context.execution.application?.court).toBe("中卫市沙坡头区人民法院");
    // …once only, and never besides an execution decision.
    expect(decide(onTime, apply, ctxAt(day("2025-09-15"), headActor)).isErr()).toBe(true);
  });

  it("needs the head (行政强制法第五十五条第二款) and the application's materials", () => {
    expect(decide(demanded, apply, ctxAt(day("2025-09-12"))).isErr()).toBe(true);
    const r = decide(demanded, { ...apply, records: [] }, ctxAt(day("2025-09-12"), headActor));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 55 } });
  });

  it("is refused while a reconsideration or litigation is pending", () => {
    const s = run(
      [
        [
          { type: "remedy.record", remedyId: "r1", pause: { from: "2025-04-01", reason: "litigation" } },
          day("2025-04-01"),
        ],
      ],
      demanded,
    );
    const r = decide(s, apply, ctxAt(day("2025-09-12"), headActor));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "COMMAND_NOT_ALLOWED", source: { article: 53 } });
  });

  it("after an approved deferral the three months count from its end (行政处罚法第七十二条第二款、第六十六条第二款)", () => {
    const deferred = run(
      [[{ type: "payment.defer", until: "2025-10-31", records: [doc("approval")] }, day("2025-03-20"), headActor]],
      served,
    );
    expect(deferred.context.deadlines.payment).toMatchObject({ due: "2025-10-31", source: { article: 66 } });
    // 2026-01-31 is a Saturday: the last day rolls over to Monday 02-02.
    expect(deferred.context.deadlines.courtApplication).toMatchObject({
      due: "2026-02-02",
      source: { law: "行政处罚法", article: 72, paragraph: 2 },
    });
    expect(decide(deferred, demand, ctxAt(day("2025-10-31"))).isErr()).toBe(true);
    const d = run([[demand, day("2025-11-03")]], deferred);
    expect(d.context.execution.demand?.due.due).toBe("2025-11-17");
    expect(step(d, apply, ctxAt(day("2025-11-18"), headActor)).isOk()).toBe(true);
    // A deferral approved after a demand sets it aside: the fine is no longer overdue.
    const afterDemand = run(
      [[{ type: "payment.defer", until: "2025-10-31", records: [doc("approval")] }, day("2025-03-28"), headActor]],
      demanded,
    );
    expect(afterDemand.context.execution.demand).toBeUndefined();
    expect(decide(afterDemand, apply, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrapErr().code).toBe(
      "EXECUTION_PREMATURE",
    );
    // A deferral must move the deadline later.
    const back = decide(
      served,
      { type: "payment.defer", until: "2025-03-20", records: [doc("a")] },
      ctxAt(day("2025-03-12"), headActor),
    );
    expect(back._unsafeUnwrapErr()).toMatchObject({ code: "INVALID_INPUT", source: { article: 66 } });
  });
});

describe("强制执行决定 (行政强制法第十三条、第三十七条、第四十六条)", () => {
  it("is refused to a bureau without the power by law: it applies to the court", () => {
    const r = decide(demanded, decideExec, ctxAt(day("2025-05-06"), headActor));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "COMMAND_NOT_ALLOWED", source: { article: 13, paragraph: 2 } });
  });

  it("with the power: not before the demand's period ends nor before 30 days of surcharge", () => {
    const inPeriod = decide(demanded, decideExec, selfEnforcing(day("2025-04-11"), headActor));
    expect(inPeriod._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: { article: 37 } });
    // Surcharge from 03-27: 30 days on 04-25, 31 on 04-26.
    const thirty = decide(demanded, decideExec, selfEnforcing(day("2025-04-25"), headActor));
    expect(thirty._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: { article: 46 } });
    expect(step(demanded, decideExec, selfEnforcing(day("2025-04-26"), headActor)).isOk()).toBe(true);
  });

  it("an immediate decision in the demand period needs the evidence of property moved or hidden (第三十七条第三款)", () => {
    const cmd = {
      ...decideExec,
      immediate: { reason: "正在转移财产", evidence: [{ id: "v", kind: "video" as const }] },
    };
    const s = step(demanded, cmd, selfEnforcing(day("2025-03-28"), headActor))._unsafeUnwrap();
    expect(s.context.execution.decision?.immediate).toBe(true);
    const noEvidence = decide(
      demanded,
      { ...cmd, immediate: { reason: "x", evidence: [] } },
      selfEnforcing(day("2025-03-28"), headActor),
    );
    expect(noEvidence._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});

describe("实施强制执行 — never at night or on statutory holidays except in emergencies (行政强制法第四十三条)", () => {
  const decidedExec = run(
    [
      [decideExec, day("2025-04-28"), headActor],
      [{ type: "execution.serve", method: "direct", records: [doc("receipt")] }, day("2025-04-28", "03")],
    ],
    demanded,
    selfEnforcing,
  );
  const act = (at: string, over: Partial<Extract<PenaltyCommandInput, { type: "execution.act" }>> = {}) =>
    decide(
      decidedExec,
      { type: "execution.act", at, description: "划拨存款", records: [], ...over },
      selfEnforcing(day("2025-06-30")),
    );

  it("refuses 23:00 China time, a statutory holiday and (by default) a weekend; accepts a working day's daytime", () => {
    expect(act("2025-04-29T15:00:00Z")._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_AT_NIGHT_OR_HOLIDAY" });
    const labourDay = act(day("2025-05-01"))._unsafeUnwrapErr();
    expect(labourDay).toMatchObject({
      code: "EXECUTION_AT_NIGHT_OR_HOLIDAY",
      source: EXECUTION_SOURCES.nightAndHolidays,
    });
    expect(labourDay.message).toContain("2025-05-01");
    expect(act(day("2025-05-10")).isErr()).toBe(true);
    expect(act(day("2025-05-06")).isOk()).toBe(true);
    // A made-up working day (2025-04-27, a Sunday, 调休上班) is a working day.
    expect(act(day("2025-04-27")).isErr()).toBe(true); // before the decision was served
  });

  it("an act running into the night is refused; an emergency is recorded and accepted", () => {
    expect(act(day("2025-05-06", "13"), { endedAt: "2025-05-06T15:00:00Z" }).isErr()).toBe(true);
    const emergency = act("2025-05-06T16:00:00Z", { emergency: { reason: "当事人正在转移财物" } });
    expect(emergency.isOk()).toBe(true);
    // An end before the start is refused, emergency or not.
    const backwards = { emergency: { reason: "紧急" }, endedAt: "2025-05-06T15:00:00Z" };
    expect(act("2025-05-06T16:00:00Z", backwards)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("restDays `holidays` lets a weekend through but never a statutory holiday; the night is a setting", () => {
    const ctx = (over: DecideContext["execution"]) => ({
      ...selfEnforcing(day("2025-06-30")),
      execution: { selfEnforcement: true, ...over },
    });
    const cmd = (at: string) => ({ type: "execution.act" as const, at, description: "x", records: [] });
    expect(decide(decidedExec, cmd(day("2025-05-10")), ctx({ restDays: "holidays" })).isOk()).toBe(true);
    expect(decide(decidedExec, cmd(day("2025-05-01")), ctx({ restDays: "holidays" })).isErr()).toBe(true);
    // 21:30 China time is day under 22:00–06:00, night under 21:00–07:00.
    expect(decide(decidedExec, cmd("2025-05-06T13:30:00Z"), ctx({})).isOk()).toBe(true);
    expect(
      decide(decidedExec, cmd("2025-05-06T13:30:00Z"), ctx({ night: { from: "21:00", to: "07:00" } })).isErr(),
    ).toBe(true);
    expect(
      decide(decidedExec, cmd(day("2025-05-06")), ctx({ night: { from: "06:00", to: "22:00" } }))._unsafeUnwrapErr()
        .code,
    ).toBe("INVALID_INPUT");
  });

  const instant = fc
    .integer({ min: epochMillis("2025-01-01T00:00:00Z"), max: epochMillis("2026-12-31T00:00:00Z") })
    .map((ms) => new Date(ms - (ms % 60_000)).toISOString().replace(".000Z", "Z"));
  test.prop([instant], { numRuns: 300 })(
    "an accepted time is daytime China time on a working day; any night minute is refused (第四十三条第一款)",
    (at) => {
      const r = checkExecutionTime(at, at, { calendar });
      const minute = (epochMillis(at) - epochMillis(startOfCivilDate(civilDateOf(at)))) / 60_000;
      const night = minute >= 22 * 60 || minute < 6 * 60;
      const working = calendar.isWorkingDay(civilDateOf(at))._unsafeUnwrap();
      expect(r.isOk()).toBe(!night && working);
    },
  );
});

describe("the court window in the open-deadlines index, with a warning before it closes", () => {
  it("lists enforcement.courtApplication from service, flags it 30 days ahead, and drops it once applied", async () => {
    const store = inMemoryEventStore();
    const steps: Step[] = [
      [
        { type: "investigation.record", actionId: "i", action: "inquiry", records: [transcript("t")] },
        day("2025-03-04"),
      ],
      [{ type: "investigation.close", facts: "事实清楚" }, day("2025-03-05")],
      [noticeCommand(), day("2025-03-06")],
      [{ type: "defence.receive", statement: "请求从轻" }, day("2025-03-07")],
      [
        { type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] },
        day("2025-03-10"),
        headActor,
      ],
      [{ type: "decision.serve", method: "direct", records: [doc("r")] }, day("2025-03-11")],
      [demand, day("2025-03-27")],
    ];
    (await createCase(store, "x1", fileCommand, ctxAt(day("2025-03-03"))))._unsafeUnwrap();
    for (const [cmd, now, actor] of steps)
      (await execute(store, "x1", cmd, ctxAt(now, actor ?? officerActor)))._unsafeUnwrap();
    const court = async (today: string) =>
      (await openDeadlines(store, { today }))._unsafeUnwrap().find((d) => d.ruleId === "enforcement.courtApplication");
    expect(await court("2025-11-10")).toMatchObject({ due: "2025-12-11", closingSoon: false, daysLeft: 31 });
    const soon = await court("2025-11-11");
    expect(soon).toMatchObject({ closingSoon: true, daysLeft: 30 });
    expect(soon?.warning).toContain("2025-12-11");
    expect(soon?.warning).toContain("《行政强制法》第五十三条");
    expect(
      (await openDeadlines(store, { today: "2025-11-11", warnings: { "enforcement.courtApplication": 0 } }))
        ._unsafeUnwrap()
        .some((d) => d.closingSoon),
    ).toBe(false);
    (await execute(store, "x1", apply, ctxAt(day("2025-09-12"), headActor)))._unsafeUnwrap();
    expect(await court("2025-11-11")).toBeUndefined();
  });
});

describe("provisional calendars never cut the party's time short (issue 14 §1)", () => {
  // The notices 2020–2026 stand in for unpublished years: a bureau whose calendar lacks year Y
  // publishes a notice late in Y − 1; no demand is accepted before the real payment deadline.
  const years = Object.keys(BUILTIN_NOTICE_YEARS)
    .map(Number)
    .filter((y) => y > 2019);
  test.prop([fc.constantFrom(...years), fc.integer({ min: 0, max: 50 }), fc.integer({ min: -3, max: 0 })], {
    numRuns: 25,
  })(
    "a demand is never accepted on or before the real payment deadline after a provisional public-notice service (行政处罚法第六十七条第三款)",
    (cut, back, shift) => {
      const known = Object.fromEntries(Object.entries(BUILTIN_NOTICE_YEARS).filter(([y]) => Number(y) < cut));
      const partial = createWorkCalendar({ builtin: false, years: known })._unsafeUnwrap();
      const published = addDays(`${cut}-01-01`, -1 - back);
      const ctxOf = (now: string, actor: Actor = officerActor): DecideContext => ({
        ...ctxAt(now, actor),
        calendar: partial,
      });
      const filedOn = addDays(published, -20);
      const s = run(
        [
          [{ ...fileCommand, actDate: addDays(filedOn, -10) }, day(filedOn)],
          [{ type: "investigation.close", facts: "事实清楚" }, day(addDays(filedOn, 1))],
          [noticeCommand(), day(addDays(filedOn, 2))],
          [{ type: "defence.receive", statement: "无" }, day(addDays(filedOn, 3))],
          [
            { type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] },
            day(addDays(filedOn, 4)),
            headActor,
          ],
          [{ type: "decision.serve", method: "publicNotice", records: [doc("n")] }, day(published)],
        ],
        initialCaseState("pv"),
        ctxOf,
      );
      if (compareCivilDates(addDays(published, 30), `${cut}-01-01`) >= 0) {
        expect(s.context.service?.publicNotice?.provisional).toBe(true);
      }
      const realServed = computeDeadline("service.publicNotice", published, calendar)._unsafeUnwrap().due;
      const realDue = computeDeadline("penalty.payment", realServed, calendar)._unsafeUnwrap().due;
      const on = addDays(realDue, shift);
      // With the partial calendar (the notice not yet loaded) and with the full one (it loaded).
      for (const cal of [partial, calendar]) {
        const r = decide(s, demand, { ...ctxAt(day(on)), calendar: cal });
        expect(r._unsafeUnwrapErr().code).toBe("EXECUTION_PREMATURE");
      }
      // Once loaded, the day after the real deadline is open to a demand.
      expect(decide(s, demand, ctxAt(day(addDays(realDue, 1)))).isOk()).toBe(true);
    },
  );

  it("the demand's ten working days, reaching an unpublished year, end no earlier than any plausible end", () => {
    const d = computeDeadline("enforcement.demand", "2026-12-24", calendar.bounded("latest"))._unsafeUnwrap();
    const e = computeDeadline("enforcement.demand", "2026-12-24", calendar.bounded("earliest"))._unsafeUnwrap();
    expect(compareCivilDates(d.due, e.due)).toBeGreaterThanOrEqual(0);
    expect(compareCivilDates(d.due, addDays("2026-12-24", 14))).toBeGreaterThanOrEqual(0);
  });
});
