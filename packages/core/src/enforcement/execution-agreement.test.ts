// 执行协议、不再执行与人民法院的处理 (issue 14 §6): 减免加处的罚款 for remedial measures under an
// execution agreement and its breach resuming execution (行政强制法第四十二条), 中止执行满三年
// 不再执行 (第三十九条第二款), the organ's statement when the court hears it before ruling
// (第五十八条第一款) and the application for immediate execution (第五十九条), and the recording
// rows of every execution event (执法全过程记录).
import { describe, expect, it } from "vitest";
import { computeDeadline } from "../calendar/deadline.js";
import { DEFAULT_RECORDING_RULE_TABLE } from "../recording/rules.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { EXECUTION_EVENT_TYPES, EXECUTION_SOURCES, executionActionOf } from "./execution.js";
import { applyCommand, day, demandCommand, run, servedCase, step } from "./execution-fixtures.js";
import { checkPlanOverdue } from "./execution-instalments.js";
import { calendar, ctxAt, doc, headActor } from "./test-fixtures.js";

/** Demanded 2025-03-27 (¥5,000 due 2025-03-26, served directly 2025-03-11). */
const demanded = run([[demandCommand, day("2025-03-27")]], servedCase("ag").state);
/** An execution agreement of 2025-03-28: ¥1,000 due 2025-04-30, ¥4,000 due 2025-06-30. */
const agreement: Extract<PenaltyCommandInput, { type: "payment.instalments" }> = {
  type: "payment.instalments",
  basis: "agreement",
  instalments: [
    { amountFen: 100_000, dueDate: "2025-04-30" },
    { amountFen: 400_000, dueDate: "2025-06-30" },
  ],
  records: [doc("agreement")],
};
const agreed = step(demanded, agreement, ctxAt(day("2025-03-28"), headActor))._unsafeUnwrap();
const relieve = (
  relief: { kind: "waive" } | { kind: "reduce"; amountFen: number },
): Extract<PenaltyCommandInput, { type: "execution.relieveSurcharge" }> => ({
  type: "execution.relieveSurcharge",
  remedialMeasures: "当事人已停止违法行为并消除影响",
  relief,
  records: [doc("relief")],
});
const breach: PenaltyCommandInput = {
  type: "execution.agreementBreach",
  reason: "第一期逾期未缴",
  records: [doc("breach")],
};

describe("行政强制法第四十二条: 执行协议 — 减免加处的罚款, and its breach resumes execution", () => {
  it("reduces or waives the surcharge unpaid for remedial measures, the amount owed recomputed", () => {
    // 加处罚款 from 2025-03-27: two days at 3% of ¥5,000 by 2025-03-28 = ¥300.
    const before = caseSurcharge(agreed.context, "2025-03-29")._unsafeUnwrap();
    expect(before.unpaidFen).toBe(30_000);
    const reduced = step(agreed, relieve({ kind: "reduce", amountFen: 10_000 }), ctxAt(day("2025-03-29"), headActor));
    const s = reduced._unsafeUnwrap();
    expect(s.context.execution.instalments?.surchargeReliefFen).toBe(10_000);
    expect(caseSurcharge(s.context, "2025-03-29")._unsafeUnwrap().unpaidFen).toBe(20_000);
    // More than is unpaid: refused, citing Art. 42 para. 1; the state unchanged.
    const tooMuch = decide(s, relieve({ kind: "reduce", amountFen: 20_001 }), ctxAt(day("2025-03-29"), headActor));
    expect(tooMuch._unsafeUnwrapErr()).toMatchObject({
      code: "INVALID_INPUT",
      source: EXECUTION_SOURCES.surchargeRelief,
    });
    const waived = step(s, relieve({ kind: "waive" }), ctxAt(day("2025-03-29"), headActor))._unsafeUnwrap();
    expect(caseSurcharge(waived.context, "2025-04-30")._unsafeUnwrap().unpaidFen).toBe(0);
    // Nothing left to relieve.
    expect(
      decide(waived, relieve({ kind: "waive" }), ctxAt(day("2025-03-30"), headActor))._unsafeUnwrapErr().code,
    ).toBe("COMMAND_NOT_ALLOWED");
    // A missed instalment accrues again from the day after it (行政处罚法第七十二条): 3% of ¥1,000 a day.
    expect(caseSurcharge(waived.context, "2025-05-02")._unsafeUnwrap().unpaidFen).toBe(6_000);
  });

  it("is refused without an execution agreement, and needs the written decision", () => {
    const deferralPlan = step(
      servedCase("ag2").state,
      { ...agreement, basis: "deferral" },
      ctxAt(day("2025-03-20"), headActor),
    )._unsafeUnwrap();
    expect(
      decide(deferralPlan, relieve({ kind: "waive" }), ctxAt(day("2025-05-05"), headActor))._unsafeUnwrapErr(),
    ).toMatchObject({ code: "COMMAND_NOT_ALLOWED", source: { article: 42, paragraph: 1 } });
    const noDoc = decide(agreed, { ...relieve({ kind: "waive" }), records: [] }, ctxAt(day("2025-03-29"), headActor));
    expect(noDoc.isErr()).toBe(true);
  });

  it("a breach is recorded only once an instalment is overdue; then execution goes on (第四十二条第二款)", () => {
    const early = decide(agreed, breach, ctxAt(day("2025-04-30"), headActor));
    expect(early._unsafeUnwrapErr()).toMatchObject({
      code: "EXECUTION_PREMATURE",
      source: { article: 42, paragraph: 2 },
    });
    const breached = step(agreed, breach, ctxAt(day("2025-05-06"), headActor))._unsafeUnwrap();
    expect(breached.context.execution.instalments?.breachedAt).toBeDefined();
    // Even once the party pays the missed instalment, the breached agreement no longer holds execution back.
    const paid = step(
      breached,
      { type: "payment.record", amountFen: 100_000 },
      ctxAt(day("2025-05-07")),
    )._unsafeUnwrap();
    expect(checkPlanOverdue(paid.context, "2025-05-08").isOk()).toBe(true);
    // Kept to date instead, the agreement holds execution back.
    const kept = step(agreed, { type: "payment.record", amountFen: 100_000 }, ctxAt(day("2025-04-29")))._unsafeUnwrap();
    expect(checkPlanOverdue(kept.context, "2025-05-08")._unsafeUnwrapErr()).toMatchObject({
      code: "EXECUTION_PREMATURE",
      source: EXECUTION_SOURCES.agreement,
    });
    expect(decide(breached, breach, ctxAt(day("2025-05-08"), headActor))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});

describe("行政强制法第三十九条第二款: 中止执行满三年未恢复执行的，行政机关不再执行", () => {
  const suspend: PenaltyCommandInput = {
    type: "execution.suspend",
    ground: "hardship",
    reason: "当事人暂无履行能力",
    records: [doc("s")],
  };
  const cease: PenaltyCommandInput = {
    type: "execution.cease",
    noSocialHarm: "违法行为已停止，没有明显社会危害",
    inability: "当事人经营停止，确无能力履行",
    records: [doc("c")],
  };
  const suspended = step(demanded, suspend, ctxAt(day("2025-04-01"), headActor))._unsafeUnwrap();

  it("the suspension carries the end of its three years as a deadline row with its source", () => {
    const lapse = suspended.context.execution.suspended?.lapseDue;
    expect(lapse).toMatchObject({ ruleId: "enforcement.suspensionLapse", source: { article: 39, paragraph: 2 } });
    expect(lapse?.due).toBe(computeDeadline("enforcement.suspensionLapse", "2025-04-01", calendar)._unsafeUnwrap().due);
    expect(lapse?.due).toBe("2028-04-01");
  });

  it("is refused within the three years, accepted after them; then nothing is executed and it cannot resume", () => {
    const early = decide(suspended, cease, ctxAt(day("2028-04-01"), headActor));
    expect(early._unsafeUnwrapErr()).toMatchObject({
      code: "EXECUTION_PREMATURE",
      source: EXECUTION_SOURCES.noLongerExecuted,
    });
    const ceased = step(suspended, cease, ctxAt(day("2028-04-05"), headActor))._unsafeUnwrap();
    expect(ceased.context.execution.ceased).toBeDefined();
    expect(ceased.context.execution.suspended).toBeUndefined();
    const resume = decide(
      ceased,
      { type: "execution.resume", reason: "r", records: [doc("r")] },
      ctxAt(day("2028-04-06"), headActor),
    );
    expect(resume._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    const apply = decide(ceased, applyCommand, ctxAt(day("2028-04-06"), headActor));
    expect(apply._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_HALTED", source: { article: 39, paragraph: 2 } });
    // The case may close with the fine unpaid, as after 终结执行.
    const closed = decide(ceased, { type: "case.close" }, ctxAt(day("2028-04-07"), headActor));
    expect(closed.isOk()).toBe(true);
  });

  it("is refused when execution was never suspended", () => {
    expect(decide(demanded, cease, ctxAt(day("2028-04-05"), headActor))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});

describe("行政强制法第五十八条第一款、第五十九条: what the organ records of the court's handling", () => {
  const urgent: PenaltyCommandInput = {
    ...applyCommand,
    immediate: { reason: "危险化学品仓库存在泄漏风险", publicSafety: "周边居民区公共安全" },
  };
  const applied = step(demanded, urgent, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrap();
  const accepted = step(
    applied,
    { type: "execution.courtAccept", acceptedOn: "2025-09-15", records: [doc("acc")] },
    ctxAt(day("2025-09-15")),
  )._unsafeUnwrap();
  const statement: PenaltyCommandInput = {
    type: "execution.courtStatement",
    statement: "处罚决定事实清楚、依据充分",
    records: [doc("statement")],
  };

  it("the organ's statement when the court hears it, only between acceptance and ruling (第五十八条第一款)", () => {
    expect(decide(applied, statement, ctxAt(day("2025-09-13"), headActor))._unsafeUnwrapErr()).toMatchObject({
      code: "COMMAND_NOT_ALLOWED",
      source: EXECUTION_SOURCES.courtHearing,
    });
    const heard = decide(accepted, statement, ctxAt(day("2025-09-16"), headActor))._unsafeUnwrap()[0];
    expect(heard?.type).toBe("execution.courtStatementMade");
  });

  it("an immediate application carries its emergency; an approved ruling starts the court's five days (第五十九条)", () => {
    expect(applied.context.execution.application?.immediate).toBe(true);
    const ruled = decide(
      accepted,
      {
        type: "execution.courtRule",
        ruling: "enforce",
        ruledOn: "2025-09-16",
        receivedOn: "2025-09-16",
        immediateApproved: true,
        records: [doc("ruling")],
      },
      ctxAt(day("2025-09-16")),
    )._unsafeUnwrap()[0];
    expect(ruled?.payload).toMatchObject({
      immediateApproved: true,
      executionDue: { ruleId: "enforcement.courtImmediateExecution", source: { article: 59 } },
    });
    // 五日 are working days (第六十九条): Tue 2025-09-16 → Tue 2025-09-23.
    expect((ruled?.payload.executionDue as { due: string } | undefined)?.due).toBe("2025-09-23");
  });

  it("no approval of immediate execution without an immediate application", () => {
    const plain = step(demanded, applyCommand, ctxAt(day("2025-09-12"), headActor))._unsafeUnwrap();
    const acc = step(
      plain,
      { type: "execution.courtAccept", acceptedOn: "2025-09-15", records: [] },
      ctxAt(day("2025-09-15")),
    )._unsafeUnwrap();
    const r = decide(
      acc,
      {
        type: "execution.courtRule",
        ruling: "enforce",
        ruledOn: "2025-09-16",
        receivedOn: "2025-09-16",
        immediateApproved: true,
        records: [],
      },
      ctxAt(day("2025-09-16")),
    );
    expect(r._unsafeUnwrapErr()).toMatchObject({ code: "INVALID_INPUT", source: { article: 59 } });
  });
});

describe("执法全过程记录: every execution event has its required written record, with source", () => {
  it("each execution event's recording action has a required row citing its law", () => {
    for (const type of EXECUTION_EVENT_TYPES) {
      if (type === "execution.served" || type === "execution.acted") continue; // service rows by method; acts: audio-video rows
      const action = executionActionOf({ type } as Parameters<typeof executionActionOf>[0]);
      const rows = DEFAULT_RECORDING_RULE_TABLE.filter((r) => r.action === action && r.requirement === "required");
      expect(rows.length, `${type} → ${action}`).toBeGreaterThan(0);
      for (const r of rows) expect(r.source.law, r.id).toMatch(/法|规定|方案/);
    }
  });
});
