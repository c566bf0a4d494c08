// 行政强制执行 after the application and around it (issue 14 §6): the people's court's acceptance
// within 5 days (行政强制法第五十六条), its ruling within 7 or 30 days (第五十七条、第五十八条), the
// organ's 复议 within 15 days of a 不予执行 or 不予受理 ruling (第五十六条第二款、第五十八条第三款),
// the court's five days to deliver a 不予执行 ruling (第五十八条第二款),
// 中止执行 and 恢复执行 (第三十九条), 终结执行 (第四十条), and no cutting water, power, heating or
// gas to residents' homes (第四十三条第二款).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { computeDeadline } from "../calendar/deadline.js";
import { addDays, compareCivilDates } from "../kernel/time.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { EXECUTION_SOURCES } from "./execution.js";
import {
  applyCommand,
  day,
  demandCommand,
  run,
  type Step,
  selfEnforcing,
  servedCase,
  servedSteps,
  step,
} from "./execution-fixtures.js";
import type { CaseState } from "./fold.js";
import { openDeadlines } from "./open-deadlines.js";
import { createCase, execute, inMemoryEventStore } from "./store.js";
import { calendar, ctxAt, doc, fileCommand, headActor, officerActor } from "./test-fixtures.js";

/** ¥5,000 decided 2025-03-10, served 2025-03-11 (due 2025-03-26), demanded 2025-03-27. */
const demand = demandCommand;
const demanded = run([[demand, day("2025-03-27")]], servedCase("ct").state);
const apply = applyCommand;
/** Applied on 2025-09-12, the first day of the court window (行政强制法第五十三条). */
const applied = step(demanded, apply, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrap();
const accept = (acceptedOn: string): PenaltyCommandInput => ({
  type: "execution.courtAccept",
  acceptedOn,
  records: [],
});
const rule = (
  ruling: "enforce" | "notEnforce" | "notAccepted",
  ruledOn: string,
  receivedOn: string,
  reasons?: string,
): PenaltyCommandInput => ({
  type: "execution.courtRule",
  ruling,
  ruledOn,
  receivedOn,
  ...(reasons === undefined ? {} : { reasons }),
  records: [doc(`ruling-${ruledOn}`)],
});

describe("行政强制法第五十六条至第五十八条: the court's acceptance, ruling and the organ's 复议", () => {
  it("the application carries the court's five working days to accept (第五十六条第一款)", () => {
    const e = decide(demanded, apply, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrap()[0];
    // 2025-09-12 is a Friday: Mon 15 … Fri 19.
    expect({ type: e?.type, ...e?.payload }).toMatchObject({
      type: "execution.applied",
      acceptanceDue: { due: "2025-09-19", source: { article: 56 } },
    });
  });

  it("acceptance starts the seven working days (第五十七条) and the thirty days (第五十八条第二款) of the ruling", () => {
    const first = decide(applied, accept("2025-09-16"), ctxAt(day("2025-09-16")))._unsafeUnwrap()[0];
    const e = { type: first?.type, ...first?.payload };
    const seven = computeDeadline("enforcement.courtRuling", "2025-09-16", calendar)._unsafeUnwrap();
    expect(seven.due).toBe("2025-09-25");
    expect(e).toMatchObject({
      type: "execution.courtAccepted",
      rulingDue: { due: "2025-09-25", source: EXECUTION_SOURCES.courtRuling },
      rulingDueLatest: { due: "2025-10-16", source: EXECUTION_SOURCES.courtRulingReview },
    });
  });

  it("refuses an acceptance before the application, before its day, in the future, or twice", () => {
    expect(decide(demanded, accept("2025-09-16"), ctxAt(day("2025-09-16")))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
    expect(decide(applied, accept("2025-09-11"), ctxAt(day("2025-09-16")))._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    expect(decide(applied, accept("2025-09-17"), ctxAt(day("2025-09-16")))._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    const accepted = step(applied, accept("2025-09-16"), ctxAt(day("2025-09-16")))._unsafeUnwrap();
    expect(decide(accepted, accept("2025-09-16"), ctxAt(day("2025-09-17"))).isErr()).toBe(true);
  });

  it("不予执行 needs its reasons (第五十八条第二款) and opens fifteen days from receipt for 复议 (第五十八条第三款)", () => {
    const accepted = step(applied, accept("2025-09-16"), ctxAt(day("2025-09-16")))._unsafeUnwrap();
    const noReasons = decide(accepted, rule("notEnforce", "2025-09-20", "2025-09-22"), ctxAt(day("2025-09-22")));
    expect(noReasons._unsafeUnwrapErr()).toMatchObject({
      code: "INVALID_INPUT",
      source: { article: 58, paragraph: 2 },
    });
    const ruled = step(
      accepted,
      rule("notEnforce", "2025-09-20", "2025-09-22", "明显缺乏事实根据"),
      ctxAt(day("2025-09-22")),
    )._unsafeUnwrap();
    // (The higher court's thirty days from 2025-10-09 end on Saturday 2025-11-08: Monday 2025-11-10.)
    // 15 days from 2025-09-22 end on 2025-10-07, inside the National Day holiday: the next working day.
    const due = computeDeadline("enforcement.courtReconsideration", "2025-09-22", calendar)._unsafeUnwrap().due;
    expect(due).toBe("2025-10-09");
    expect(ruled.context.execution.court?.ruling).toMatchObject({
      ruling: "notEnforce",
      reconsiderationDue: { due, source: EXECUTION_SOURCES.rulingReconsideration },
    });
    const reconsider: PenaltyCommandInput = {
      type: "execution.courtReconsider",
      court: "中卫市中级人民法院",
      records: [],
    };
    const late = decide(ruled, reconsider, ctxAt(day("2025-10-10"), headActor));
    expect(late._unsafeUnwrapErr()).toMatchObject({
      code: "COURT_APPLICATION_LATE",
      source: { article: 58, paragraph: 3 },
    });
    const onTime = decide(ruled, reconsider, ctxAt(day("2025-10-09"), headActor))._unsafeUnwrap()[0];
    expect({ type: onTime?.type, ...onTime?.payload }).toMatchObject({
      type: "execution.courtReconsidered",
      against: "notEnforce",
      rulingDue: { due: "2025-11-10" },
    });
    // Only the organ's head asks for 复议; only once, against the first ruling.
    expect(decide(ruled, reconsider, ctxAt(day("2025-10-09"))).isErr()).toBe(true);
    const asked = step(ruled, reconsider, ctxAt(day("2025-10-09"), headActor))._unsafeUnwrap();
    expect(decide(asked, reconsider, ctxAt(day("2025-10-09"), headActor)).isErr()).toBe(true);
    const final = step(asked, rule("enforce", "2025-10-20", "2025-10-21"), ctxAt(day("2025-10-21")))._unsafeUnwrap();
    expect(final.context.execution.court?.ruling).toMatchObject({ ruling: "enforce", onReconsideration: true });
    expect(decide(final, reconsider, ctxAt(day("2025-10-22"), headActor)).isErr()).toBe(true);
  });

  it("不予受理 comes before acceptance and its 复议 is of 第五十六条第二款 (the higher court's fifteen days)", () => {
    const refused = step(
      applied,
      rule("notAccepted", "2025-09-17", "2025-09-18", "材料不全"),
      ctxAt(day("2025-09-18")),
    )._unsafeUnwrap();
    expect(refused.context.execution.court?.ruling?.reconsiderationDue?.source).toEqual(
      EXECUTION_SOURCES.acceptanceReconsideration,
    );
    const asked = decide(
      refused,
      { type: "execution.courtReconsider", court: "中卫市中级人民法院", records: [] },
      ctxAt(day("2025-09-19"), headActor),
    )._unsafeUnwrap()[0];
    expect(asked?.payload).toMatchObject({
      against: "notAccepted",
      rulingDue: { ruleId: "enforcement.acceptanceReconsiderationRuling", due: "2025-10-09" },
    });
    // After acceptance the court cannot rule 不予受理; before it, no 准予执行.
    const accepted = step(applied, accept("2025-09-16"), ctxAt(day("2025-09-16")))._unsafeUnwrap();
    expect(decide(accepted, rule("notAccepted", "2025-09-17", "2025-09-18"), ctxAt(day("2025-09-18"))).isErr()).toBe(
      true,
    );
    expect(decide(applied, rule("enforce", "2025-09-17", "2025-09-18"), ctxAt(day("2025-09-18"))).isErr()).toBe(true);
    // A receipt before the ruling is refused.
    expect(decide(accepted, rule("enforce", "2025-09-18", "2025-09-17"), ctxAt(day("2025-09-18"))).isErr()).toBe(true);
  });

  it("the deadline index carries each court window and drops it when met", async () => {
    const store = inMemoryEventStore();
    (await createCase(store, "k1", fileCommand, ctxAt(day("2025-03-03"))))._unsafeUnwrap();
    for (const [cmd, now, actor] of [
      ...servedSteps().slice(1),
      [demand, day("2025-03-27")] as Step,
      [apply, day("2025-09-12"), headActor] as Step,
    ]) {
      (await execute(store, "k1", cmd, ctxAt(now, actor ?? officerActor)))._unsafeUnwrap();
    }
    const rules = async () =>
      (await openDeadlines(store, { today: "2025-09-16" }))._unsafeUnwrap().map((d) => `${d.ruleId}@${d.due}`);
    expect(await rules()).toContain("enforcement.courtAcceptance@2025-09-19");
    (await execute(store, "k1", accept("2025-09-16"), ctxAt(day("2025-09-16"))))._unsafeUnwrap();
    const afterAccept = await rules();
    expect(afterAccept).not.toContain("enforcement.courtAcceptance@2025-09-19");
    expect(afterAccept).toEqual(
      expect.arrayContaining(["enforcement.courtRuling@2025-09-25", "enforcement.courtRulingReview@2025-10-16"]),
    );
    (
      await execute(
        store,
        "k1",
        rule("notEnforce", "2025-09-20", "2025-09-22", "明显缺乏法律依据"),
        ctxAt(day("2025-09-22")),
      )
    )._unsafeUnwrap();
    const afterRuling = await rules();
    // Delivered on time (第五十八条第二款): no enforcement.courtRulingDelivery row either.
    expect(afterRuling.some((r) => r.startsWith("enforcement.courtRuling"))).toBe(false);
    expect(afterRuling).toContain("enforcement.courtReconsideration@2025-10-09");
  });
});

describe("行政强制法第五十八条第二款、第三款: the court delivers a 不予执行 ruling within five days; 复议 within fifteen days of receiving it", () => {
  const accepted = step(applied, accept("2025-09-16"), ctxAt(day("2025-09-16")))._unsafeUnwrap();
  const reasons = "明显缺乏事实根据";
  const reconsider: PenaltyCommandInput = {
    type: "execution.courtReconsider",
    court: "中卫市中级人民法院",
    records: [],
  };

  it("records the court's five working days from the ruling, with its source (第五十八条第二款)", () => {
    // Ruled Saturday 2025-09-20: five working days are Mon 22 … Fri 26 (第六十九条: 十日以内为工作日).
    const e = decide(accepted, rule("notEnforce", "2025-09-20", "2025-09-22", reasons), ctxAt(day("2025-09-22")));
    const ruled = e._unsafeUnwrap()[0];
    expect(ruled?.payload).toMatchObject({
      deliveryDue: {
        ruleId: "enforcement.courtRulingDelivery",
        due: "2025-09-26",
        source: { law: "行政强制法", article: 58, paragraph: 2 },
      },
      deliveredLate: false,
    });
  });

  it("a late delivery is recorded, not refused, and the fifteen days run from the day received (第五十八条第三款)", () => {
    // Received Monday 2025-09-29, a working day after 2025-09-26.
    const ruled = step(
      accepted,
      rule("notEnforce", "2025-09-20", "2025-09-29", reasons),
      ctxAt(day("2025-09-29")),
    )._unsafeUnwrap();
    const r = ruled.context.execution.court?.ruling;
    expect(r).toMatchObject({ deliveryDue: { due: "2025-09-26" }, deliveredLate: true });
    // 15 days from 2025-09-29 end on 2025-10-14 (a Tuesday after the National Day holiday).
    const due = computeDeadline("enforcement.courtReconsideration", "2025-09-29", calendar)._unsafeUnwrap().due;
    expect(due).toBe("2025-10-14");
    expect(r?.reconsiderationDue).toMatchObject({ due, source: { article: 58, paragraph: 3 } });
    // Counted from the ruling it would have ended on 2025-10-09; from the delivery 复议 is still open.
    expect(decide(ruled, reconsider, ctxAt(day("2025-10-14"), headActor)).isOk()).toBe(true);
    expect(decide(ruled, reconsider, ctxAt(day("2025-10-15"), headActor))._unsafeUnwrapErr()).toMatchObject({
      code: "COURT_APPLICATION_LATE",
      source: { article: 58, paragraph: 3 },
    });
  });

  it("only a first 不予执行 ruling carries the delivery period: not 准予执行, not 不予受理, not the higher court's", () => {
    const enforce = decide(accepted, rule("enforce", "2025-09-20", "2025-09-22"), ctxAt(day("2025-09-22")));
    expect(enforce._unsafeUnwrap()[0]?.payload.deliveryDue).toBeUndefined();
    const notAccepted = decide(applied, rule("notAccepted", "2025-09-17", "2025-09-18"), ctxAt(day("2025-09-18")));
    expect(notAccepted._unsafeUnwrap()[0]?.payload.deliveryDue).toBeUndefined();
    const ruled = step(
      accepted,
      rule("notEnforce", "2025-09-20", "2025-09-22", reasons),
      ctxAt(day("2025-09-22")),
    )._unsafeUnwrap();
    const asked = step(ruled, reconsider, ctxAt(day("2025-09-23"), headActor))._unsafeUnwrap();
    const final = decide(asked, rule("notEnforce", "2025-10-20", "2025-10-31", reasons), ctxAt(day("2025-10-31")));
    expect(final._unsafeUnwrap()[0]?.payload).not.toHaveProperty("deliveryDue");
  });

  test.prop([fc.integer({ min: 0, max: 60 })])(
    "any receipt on or after the ruling is recorded; late iff after the five days; 复议 counted from receipt",
    (gap) => {
      const ruledOn = "2025-09-20";
      const receivedOn = addDays(ruledOn, gap);
      const events = decide(
        accepted,
        rule("notEnforce", ruledOn, receivedOn, reasons),
        ctxAt(day(receivedOn)),
      )._unsafeUnwrap();
      const p = events[0]?.payload as {
        deliveryDue: { due: string };
        deliveredLate: boolean;
        reconsiderationDue: { due: string };
      };
      expect(p.deliveryDue.due).toBe(
        computeDeadline("enforcement.courtRulingDelivery", ruledOn, calendar)._unsafeUnwrap().due,
      );
      expect(p.deliveredLate).toBe(compareCivilDates(receivedOn, p.deliveryDue.due) > 0);
      expect(p.reconsiderationDue.due).toBe(
        computeDeadline("enforcement.courtReconsideration", receivedOn, calendar)._unsafeUnwrap().due,
      );
    },
  );

  it("the deadline index flags a late delivery with the days it was late, until the case ends", async () => {
    const store = inMemoryEventStore();
    (await createCase(store, "late1", fileCommand, ctxAt(day("2025-03-03"))))._unsafeUnwrap();
    for (const [cmd, now, actor] of [
      ...servedSteps().slice(1),
      [demand, day("2025-03-27")] as Step,
      [apply, day("2025-09-12"), headActor] as Step,
      [accept("2025-09-16"), day("2025-09-16")] as Step,
      [rule("notEnforce", "2025-09-20", "2025-09-29", reasons), day("2025-09-29")] as Step,
    ]) {
      (await execute(store, "late1", cmd, ctxAt(now, actor ?? officerActor)))._unsafeUnwrap();
    }
    const flagged = async (today: string) =>
      (await openDeadlines(store, { today }))
        ._unsafeUnwrap()
        .find((d) => d.ruleId === "enforcement.courtRulingDelivery");
    const expected = {
      due: "2025-09-26",
      metOn: "2025-09-29",
      overdue: true,
      daysOverdue: 3,
      name: "人民法院送达不予执行裁定期限",
      source: { article: 58, paragraph: 2 },
    };
    expect(await flagged("2025-09-29")).toMatchObject(expected);
    // The lateness is fixed at delivery, not counted on to the day judged; 复议 does not clear it.
    (await execute(store, "late1", reconsider, ctxAt(day("2025-10-09"), headActor)))._unsafeUnwrap();
    expect(await flagged("2025-12-01")).toMatchObject(expected);
    const overdue = (await openDeadlines(store, { today: "2025-12-01", overdueOnly: true }))._unsafeUnwrap();
    expect(overdue.map((d) => d.ruleId)).toContain("enforcement.courtRulingDelivery");
  });
});

/** Self-enforcing: decided 2025-04-26, served 2025-04-28. */
const decideExec: PenaltyCommandInput = {
  type: "execution.decide",
  means: "划拨存款",
  records: [doc("exec-decision")],
};
const execServed = run(
  [
    [decideExec, day("2025-04-26"), headActor],
    [{ type: "execution.serve", method: "direct", records: [doc("exec-receipt")] }, day("2025-04-28")],
  ],
  demanded,
  selfEnforcing,
);
const act = (over: Partial<Extract<PenaltyCommandInput, { type: "execution.act" }>> = {}): PenaltyCommandInput => ({
  type: "execution.act",
  description: "划拨存款",
  records: [],
  ...over,
});

describe("行政强制法第四十三条第二款: no stopping water, power, heating or gas to residents' homes", () => {
  it("refuses a cutoff aimed at a residence, whoever the party, and in an emergency too", () => {
    for (const utilities of [["water"], ["power"], ["heating"], ["gas"], ["water", "power"]] as const) {
      const r = decide(
        execServed,
        act({ description: "停止供应", utilityCutoff: { utilities, premises: "residence" } }),
        selfEnforcing(day("2025-04-29")),
      );
      expect(r._unsafeUnwrapErr()).toMatchObject({
        code: "EXECUTION_MEANS_FORBIDDEN",
        source: { law: "行政强制法", article: 43, paragraph: 2 },
      });
    }
    const emergency = decide(
      execServed,
      act({ utilityCutoff: { utilities: ["gas"], premises: "residence" }, emergency: { reason: "燃气泄漏" } }),
      selfEnforcing(day("2025-04-29")),
    );
    expect(emergency._unsafeUnwrapErr().code).toBe("EXECUTION_MEANS_FORBIDDEN");
  });

  it("names the natural person's residence when the party is one", () => {
    // The same case with a natural person as party (the rule itself does not depend on it).
    const served: CaseState = {
      ...execServed,
      context: { ...execServed.context, party: { kind: "person", name: "张三" } },
    };
    const r = decide(
      served,
      act({ utilityCutoff: { utilities: ["power"], premises: "residence" } }),
      selfEnforcing(day("2025-04-29")),
    );
    expect(r._unsafeUnwrapErr().message).toContain("自然人");
    expect(r._unsafeUnwrapErr().message).toContain("供电");
  });

  it("an undeclared cutoff in words is refused until declared; a business premises is not this rule's", () => {
    const words = decide(execServed, act({ description: "对其住所停水停电" }), selfEnforcing(day("2025-04-29")));
    expect(words._unsafeUnwrapErr()).toMatchObject({ code: "INVALID_INPUT", source: { article: 43, paragraph: 2 } });
    const business = decide(
      execServed,
      act({ description: "停止经营场所供电", utilityCutoff: { utilities: ["power"], premises: "business" } }),
      selfEnforcing(day("2025-04-29")),
    );
    expect(business.isOk()).toBe(true);
    expect(decide(execServed, act(), selfEnforcing(day("2025-04-29"))).isOk()).toBe(true);
  });

  it("the execution decision cannot choose such means either", () => {
    const r = decide(
      demanded,
      { ...decideExec, means: "停止供水", utilityCutoff: { utilities: ["water"], premises: "residence" } },
      selfEnforcing(day("2025-04-26"), headActor),
    );
    expect(r._unsafeUnwrapErr().code).toBe("EXECUTION_MEANS_FORBIDDEN");
  });
});

describe("行政强制法第三十九条、第四十条: 中止执行, 恢复执行, 终结执行", () => {
  const suspend: PenaltyCommandInput = {
    type: "execution.suspend",
    ground: "hardship",
    reason: "当事人暂无履行能力",
    records: [doc("s")],
  };
  const resume: PenaltyCommandInput = { type: "execution.resume", reason: "当事人恢复经营", records: [doc("r")] };
  const terminate: PenaltyCommandInput = {
    type: "execution.terminate",
    ground: "dissolved",
    reason: "公司已注销，无财产可供执行",
    records: [doc("t")],
  };

  it("no execution act while suspended, citing the ground's item; resumed, it goes on", () => {
    const suspended = step(execServed, suspend, selfEnforcing(day("2025-04-29"), headActor))._unsafeUnwrap();
    expect(suspended.context.execution.suspended).toMatchObject({ ground: "hardship" });
    const r = decide(suspended, act(), selfEnforcing(day("2025-04-30")));
    expect(r._unsafeUnwrapErr()).toMatchObject({
      code: "EXECUTION_HALTED",
      source: { law: "行政强制法", article: 39, paragraph: 1, item: 1 },
    });
    // Suspending twice, or an officer suspending, is refused; resuming needs a suspension.
    expect(decide(suspended, suspend, selfEnforcing(day("2025-04-30"), headActor)).isErr()).toBe(true);
    expect(decide(execServed, suspend, selfEnforcing(day("2025-04-30"))).isErr()).toBe(true);
    expect(
      decide(execServed, resume, selfEnforcing(day("2025-04-30"), headActor))._unsafeUnwrapErr().source,
    ).toMatchObject({ article: 39, paragraph: 2 });
    const resumed = step(suspended, resume, selfEnforcing(day("2025-05-06"), headActor))._unsafeUnwrap();
    expect(resumed.context.execution.suspended).toBeUndefined();
    expect(decide(resumed, act(), selfEnforcing(day("2025-05-06"))).isOk()).toBe(true);
  });

  it("suspension also stops a demand and a court application", () => {
    const suspended = step(demanded, suspend, ctxAt(day("2025-04-01"), headActor))._unsafeUnwrap();
    expect(decide(suspended, apply, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrapErr().code).toBe(
      "EXECUTION_HALTED",
    );
    expect(decide(suspended, demand, ctxAt(day("2025-04-02")))._unsafeUnwrapErr().code).toBe("EXECUTION_HALTED");
    // Payment is always accepted.
    expect(decide(suspended, { type: "payment.record", amountFen: 100_000 }, ctxAt(day("2025-04-02"))).isOk()).toBe(
      true,
    );
  });

  it("after termination nothing is executed, and the case closes with the fine unpaid (第四十条)", () => {
    const ended = step(execServed, terminate, selfEnforcing(day("2025-04-29"), headActor))._unsafeUnwrap();
    const r = decide(ended, act(), selfEnforcing(day("2025-04-30")));
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_HALTED", source: { article: 40, item: 2 } });
    expect(decide(ended, resume, selfEnforcing(day("2025-04-30"), headActor)).isErr()).toBe(true);
    expect(decide(ended, terminate, selfEnforcing(day("2025-04-30"), headActor))._unsafeUnwrapErr().code).toBe(
      "EXECUTION_HALTED",
    );
    // Without termination the unpaid fine blocks closing; with it the case closes.
    expect(decide(execServed, { type: "case.close" }, ctxAt(day("2025-04-30"), headActor)).isErr()).toBe(true);
    const closed = step(ended, { type: "case.close" }, ctxAt(day("2025-04-30"), headActor))._unsafeUnwrap();
    expect(closed.value).toBe("closed");
  });

  it("nothing to suspend before execution began, nothing to terminate once paid", () => {
    const served = servedCase("n0").state;
    expect(decide(served, suspend, ctxAt(day("2025-03-20"), headActor))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
    const paid = step(served, { type: "payment.record", amountFen: 500_000 }, ctxAt(day("2025-03-20")))._unsafeUnwrap();
    expect(decide(paid, terminate, ctxAt(day("2025-03-21"), headActor)).isErr()).toBe(true);
  });
});
