// 分期缴纳 (issue 14 §6): instalments approved by the organ (行政处罚法第六十六条第二款) or agreed
// in execution (行政强制法第四十二条 执行协议 分阶段履行): amounts summing to the fine, payments
// applied in order, no surcharge before an instalment falls due and a missed one accruing from
// the day after (行政处罚法第七十二条), the court window from the end of the instalments
// (第七十二条第二款), and no closing while an instalment is outstanding.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { addDays, compareCivilDates } from "../kernel/time.js";
import { caseSurcharge } from "./branches.js";
import type { PenaltyCommandInput } from "./commands.js";
import { outstandingFen } from "./context.js";
import { decide } from "./decide.js";
import { allocateInstalments, EXECUTION_SOURCES } from "./execution.js";
import { day, selfEnforcing, servedCase, step } from "./execution-fixtures.js";
import type { CaseState } from "./fold.js";
import { DEFERRAL_SOURCE } from "./surcharge.js";
import { ctxAt, doc, headActor, smallFine } from "./test-fixtures.js";

/** ¥5,000 decided 2025-03-10, served directly 2025-03-11: payment due 2025-03-26. */
const served = servedCase("inst", "请求分期").state;
const FINE = smallFine.fineFen;
const plan = (
  instalments: readonly { amountFen: number; dueDate: string }[],
  basis: "deferral" | "agreement" = "deferral",
): Extract<PenaltyCommandInput, { type: "payment.instalments" }> => ({
  type: "payment.instalments",
  basis,
  instalments,
  records: [doc("approval")],
});
/** Two instalments: ¥2,000 by 2025-04-10, ¥3,000 by 2025-05-10. */
const twoParts = plan([
  { amountFen: 200_000, dueDate: "2025-04-10" },
  { amountFen: 300_000, dueDate: "2025-05-10" },
]);
const approved = step(served, twoParts, ctxAt(day("2025-03-20"), headActor))._unsafeUnwrap();
const demand: PenaltyCommandInput = { type: "execution.demand", method: "direct", records: [doc("demand")] };
const pay = (amountFen: number): PenaltyCommandInput => ({ type: "payment.record", amountFen });

describe("行政处罚法第六十六条第二款: the organ approves instalments", () => {
  it("only the head approves, with the approval on file; the payment deadline becomes the last instalment's", () => {
    expect(decide(served, twoParts, ctxAt(day("2025-03-20"))).isErr()).toBe(true);
    expect(decide(served, { ...twoParts, records: [] }, ctxAt(day("2025-03-20"), headActor)).isErr()).toBe(true);
    expect(approved.context.execution.instalments?.instalments).toHaveLength(2);
    expect(approved.context.deadlines.payment).toMatchObject({ due: "2025-05-10", source: DEFERRAL_SOURCE });
  });

  it("refuses a schedule that does not sum to the fine outstanding, naming both amounts", () => {
    const short = decide(
      served,
      plan([
        { amountFen: 200_000, dueDate: "2025-04-10" },
        { amountFen: 200_000, dueDate: "2025-05-10" },
      ]),
      ctxAt(day("2025-03-20"), headActor),
    );
    expect(short._unsafeUnwrapErr()).toMatchObject({ code: "INVALID_INPUT", source: DEFERRAL_SOURCE });
    expect(short._unsafeUnwrapErr().message).toContain("4,000.00");
    expect(short._unsafeUnwrapErr().message).toContain("5,000.00");
  });

  it("refuses due dates out of order, repeated, or before the approval", () => {
    const ctx = ctxAt(day("2025-03-20"), headActor);
    const swapped = plan([
      { amountFen: 200_000, dueDate: "2025-05-10" },
      { amountFen: 300_000, dueDate: "2025-04-10" },
    ]);
    const same = plan([
      { amountFen: 200_000, dueDate: "2025-04-10" },
      { amountFen: 300_000, dueDate: "2025-04-10" },
    ]);
    const past = plan([{ amountFen: FINE, dueDate: "2025-03-19" }]);
    for (const cmd of [swapped, same, past])
      expect(decide(served, cmd, ctx)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(decide(served, plan([{ amountFen: 0, dueDate: "2025-04-10" }]), ctx).isErr()).toBe(true);
  });

  it("no surcharge before an instalment falls due; a missed one accrues on its own amount from the day after (第七十二条)", () => {
    const on = (s: CaseState, d: string) => caseSurcharge(s.context, d)._unsafeUnwrap();
    // The statutory deadline 2025-03-26 no longer applies: nothing on 2025-04-10.
    expect(on(approved, "2025-04-10").amountFen).toBe(0);
    // 2025-04-11 and 2025-04-12: 3% of ¥2,000 a day.
    expect(on(approved, "2025-04-12")).toMatchObject({ amountFen: 2 * 6_000, days: 2 });
    // Paid on 2025-04-12: the first instalment stops accruing, the second has not fallen due.
    const paid = step(approved, pay(200_000), ctxAt(day("2025-04-12")))._unsafeUnwrap();
    expect(on(paid, "2025-05-10").amountFen).toBe(12_000);
    // The second missed: 3% of ¥3,000 from 2025-05-11.
    expect(on(paid, "2025-05-12").amountFen).toBe(12_000 + 2 * 9_000);
    // Never above the fine (行政强制法第四十五条第二款).
    expect(on(paid, "2026-12-31").amountFen).toBeLessThanOrEqual(FINE);
  });

  it("a demand waits for a missed instalment and demands what is overdue (行政强制法第三十五条)", () => {
    const early = decide(approved, demand, ctxAt(day("2025-03-27")));
    expect(early._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: DEFERRAL_SOURCE });
    expect(decide(approved, demand, ctxAt(day("2025-04-10"))).isErr()).toBe(true);
    const late = step(approved, demand, ctxAt(day("2025-04-11")))._unsafeUnwrap();
    expect(late.context.execution.demand?.amountFen).toBe(200_000);
  });

  it("the case does not close while an instalment is outstanding, and the refusal names it", () => {
    const paid = step(approved, pay(250_000), ctxAt(day("2025-04-01")))._unsafeUnwrap();
    const r = decide(paid, { type: "case.close" }, ctxAt(day("2025-04-02"), headActor));
    expect(r._unsafeUnwrapErr().message).toContain("第 2 期 2,500.00 元（2025-05-10 到期）");
    const done = step(paid, pay(250_000), ctxAt(day("2025-05-09")))._unsafeUnwrap();
    expect(decide(done, { type: "case.close" }, ctxAt(day("2025-05-09"), headActor)).isOk()).toBe(true);
  });

  it("the court window counts from the last instalment when it ends after the remedy periods (第七十二条第二款)", () => {
    const long = step(
      served,
      plan([
        { amountFen: 100_000, dueDate: "2025-06-30" },
        { amountFen: 400_000, dueDate: "2025-10-20" },
      ]),
      ctxAt(day("2025-03-20"), headActor),
    )._unsafeUnwrap();
    expect(long.context.deadlines.courtApplication).toMatchObject({
      due: "2026-01-20",
      source: EXECUTION_SOURCES.deferralCourtWindow,
    });
    // A deferral on top of a plan is refused: the plan is changed by a new plan.
    const defer: PenaltyCommandInput = { type: "payment.defer", until: "2025-12-01", records: [doc("d")] };
    expect(decide(long, defer, ctxAt(day("2025-04-01"), headActor))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});

describe("行政强制法第四十二条: an execution agreement in instalments", () => {
  const agreement = (from: string) =>
    plan(
      [
        { amountFen: 100_000, dueDate: addDays(from, 10) },
        { amountFen: 400_000, dueDate: addDays(from, 40) },
      ],
      "agreement",
    );
  it("is reached in execution only, keeps the demand and what accrued, and halts execution while it is kept", () => {
    expect(
      decide(served, agreement("2025-03-28"), ctxAt(day("2025-03-28"), headActor))._unsafeUnwrapErr().source,
    ).toEqual(EXECUTION_SOURCES.agreement);
    const demanded = step(served, demand, ctxAt(day("2025-03-27")))._unsafeUnwrap();
    const agreed = step(demanded, agreement("2025-04-20"), ctxAt(day("2025-04-20"), headActor))._unsafeUnwrap();
    expect(agreed.context.execution.demand).toBeDefined();
    // 2025-03-27 … 2025-04-20: 25 days at 3% of ¥5,000, kept.
    const accrued = caseSurcharge(agreed.context, "2025-04-25")._unsafeUnwrap();
    expect(accrued).toMatchObject({ amountFen: 25 * 15_000, days: 25 });
    const decideExec: PenaltyCommandInput = { type: "execution.decide", means: "划拨存款", records: [doc("x")] };
    const kept = decide(agreed, decideExec, selfEnforcing(day("2025-04-25"), headActor));
    expect(kept._unsafeUnwrapErr()).toMatchObject({ code: "EXECUTION_PREMATURE", source: EXECUTION_SOURCES.agreement });
    // The first instalment missed (due 2025-04-30): execution resumes (第四十二条第二款) once the
    // surcharge ran more than thirty days (行政强制法第四十六条: 25 before the agreement + 8 after).
    expect(caseSurcharge(agreed.context, "2025-05-08")._unsafeUnwrap()).toMatchObject({
      days: 33,
      amountFen: 375_000 + 8 * 3_000,
    });
    expect(decide(agreed, decideExec, selfEnforcing(day("2025-05-08"), headActor)).isOk()).toBe(true);
  });
});

/** Random plans: `n` positive parts summing to `total`, due dates strictly increasing from `from`. */
const planArb = (total: number, from: string) =>
  fc.uniqueArray(fc.integer({ min: 1, max: total - 1 }), { maxLength: 5 }).chain((cuts) =>
    fc
      .array(fc.integer({ min: 1, max: 60 }), { minLength: cuts.length + 1, maxLength: cuts.length + 1 })
      .map((gaps) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), total];
        let due = from;
        return gaps.map((gap, k) => {
          due = addDays(due, gap);
          return { amountFen: (points[k + 1] ?? total) - (points[k] ?? 0), dueDate: due };
        });
      }),
  );

describe("properties of instalment plans", () => {
  test.prop([planArb(FINE, "2025-03-20"), fc.integer({ min: -3, max: 3 })], { numRuns: 60 })(
    "a plan is approved exactly when its instalments sum to the fine (行政处罚法第六十六条第二款)",
    (instalments, delta) => {
      const [first, ...rest] = instalments;
      if (first === undefined) return;
      const skewed = [{ ...first, amountFen: Math.max(1, first.amountFen + delta) }, ...rest];
      const sum = skewed.reduce((s, i) => s + i.amountFen, 0);
      const r = decide(served, plan(skewed), ctxAt(day("2025-03-20"), headActor));
      expect(r.isOk()).toBe(sum === FINE);
    },
  );

  test.prop(
    [
      planArb(FINE, "2025-03-20"),
      fc.array(fc.tuple(fc.integer({ min: 1, max: FINE }), fc.integer({ min: 0, max: 200 })), { maxLength: 8 }),
    ],
    { numRuns: 60 },
  )(
    "any payments leave outstanding = fine − paid ≥ 0, applied in order, and no surcharge before a missed instalment",
    (instalments, payments) => {
      let s = step(served, plan(instalments), ctxAt(day("2025-03-20"), headActor))._unsafeUnwrap();
      let paid = 0;
      let on = "2025-03-21";
      for (const [amount, gap] of payments) {
        on = addDays(on, gap);
        const r = step(s, pay(amount), ctxAt(day(on)));
        if (amount > FINE - paid) {
          expect(r.isErr()).toBe(true);
          continue;
        }
        s = r._unsafeUnwrap();
        paid += amount;
        expect(outstandingFen(s.context)).toBe(FINE - paid);
        const x = s.context.execution.instalments;
        if (x === undefined) throw new Error("plan lost");
        const parts = allocateInstalments(x, s.context.paidFen);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(paid);
        parts.forEach((p, k) => {
          const i = x.instalments[k];
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(i?.amountFen ?? 0);
          // Settled exactly when paid in full; an earlier instalment is paid before a later one gets anything.
          expect(x.settledOn[k] !== undefined).toBe(p === i?.amountFen);
          if (p > 0 && k > 0) expect(parts[k - 1]).toBe(x.instalments[k - 1]?.amountFen);
        });
      }
      expect(FINE - paid).toBeGreaterThanOrEqual(0);
      const firstDue = instalments[0]?.dueDate ?? "2025-03-20";
      expect(caseSurcharge(s.context, firstDue)._unsafeUnwrap().amountFen).toBe(0);
      const far = caseSurcharge(s.context, "2027-01-01")._unsafeUnwrap();
      expect(far.amountFen).toBeLessThanOrEqual(FINE);
      if (compareCivilDates(on, firstDue) <= 0 && paid === FINE) expect(far.amountFen).toBe(0);
    },
  );
});
