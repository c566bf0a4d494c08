import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { addDays } from "../kernel/time.js";
import { dueDateAfterDeferral, type SurchargePause, surchargeOn, surchargeOnInstalments } from "./surcharge.js";

const DUE = "2025-03-18";

describe("surchargeOn", () => {
  it("charges 3% of the fine a day from the day after the due date (行政处罚法第七十二条第一款第一项)", () => {
    const r = surchargeOn(100_000, DUE, "2025-03-22")._unsafeUnwrap();
    expect(r.firstDay).toBe("2025-03-19");
    expect(r.days).toBe(4);
    expect(r.amountFen).toBe(12_000);
    expect(r.capped).toBe(false);
    expect(r.source).toMatchObject({ law: "行政处罚法", article: 72 });
  });

  it("charges nothing on or before the due date (行政处罚法第七十二条第一款第一项)", () => {
    expect(surchargeOn(100_000, DUE, DUE)._unsafeUnwrap().amountFen).toBe(0);
    expect(surchargeOn(100_000, DUE, "2025-01-01")._unsafeUnwrap().days).toBe(0);
  });

  it("never exceeds the fine (行政强制法第四十五条第二款)", () => {
    const r = surchargeOn(100_000, DUE, "2026-03-18")._unsafeUnwrap();
    expect(r.amountFen).toBe(100_000);
    expect(r.capped).toBe(true);
  });

  it("does not accrue while reconsideration is pending (行政处罚法第七十三条第三款)", () => {
    const pauses: SurchargePause[] = [{ from: "2025-03-20", to: "2025-03-21", reason: "reconsideration" }];
    const r = surchargeOn(100_000, DUE, "2025-03-22", pauses)._unsafeUnwrap();
    expect(r.days).toBe(2);
    expect(r.pausedDays).toBe(2);
    const pending = surchargeOn(100_000, DUE, "2025-04-30", [{ from: "2025-03-20", reason: "litigation" }]);
    expect(pending._unsafeUnwrap().days).toBe(1);
  });

  it("starts after an approved deferral (行政处罚法第六十六条第二款)", () => {
    expect(dueDateAfterDeferral(DUE, "2025-06-30")).toBe("2025-06-30");
    expect(dueDateAfterDeferral(DUE, "2025-01-01")).toBe(DUE);
    expect(dueDateAfterDeferral(DUE)).toBe(DUE);
  });

  it("accrues per instalment, each capped at its amount (行政处罚法第六十六条第二款)", () => {
    const r = surchargeOnInstalments(
      [
        { amountFen: 50_000, dueDate: "2025-03-18" },
        { amountFen: 50_000, dueDate: "2025-04-18" },
      ],
      "2025-04-21",
    )._unsafeUnwrap();
    expect(r.parts[0]?.capped).toBe(true);
    expect(r.parts[1]?.amountFen).toBe(4_500);
    expect(r.amountFen).toBe(54_500);
  });

  it("takes the start day as configuration ([M] 行政处罚法 Art. 72; 民法典 Art. 201)", () => {
    expect(surchargeOn(100_000, DUE, "2025-03-22", [], { startOffsetDays: 0 })._unsafeUnwrap().days).toBe(5);
  });

  it("refuses a fine that is not integer fen", () => {
    expect(surchargeOn(1.5, DUE, DUE)._unsafeUnwrapErr().code).toBe("MONEY_INVALID");
  });

  const fine = fc.integer({ min: 0, max: 10_000_000_000 });
  const offset = fc.integer({ min: -10, max: 120 });
  const pause = fc
    .tuple(fc.integer({ min: -5, max: 100 }), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }))
    .map(
      ([a, len]): SurchargePause => ({
        from: addDays(DUE, a),
        ...(len === undefined ? {} : { to: addDays(DUE, a + len) }),
        reason: "litigation",
      }),
    );

  test.prop([fine, offset, fc.array(pause, { maxLength: 3 })])(
    "is never above the fine (行政处罚法第七十二条第一款第一项)",
    (f, n, ps) => {
      expect(surchargeOn(f, DUE, addDays(DUE, n), ps)._unsafeUnwrap().amountFen).toBeLessThanOrEqual(f);
    },
  );

  test.prop([fine, offset, fc.nat(60), fc.array(pause, { maxLength: 3 })])(
    "is monotone non-decreasing in asOf (行政处罚法第七十二条第一款第一项)",
    (f, n, more, ps) => {
      const a = surchargeOn(f, DUE, addDays(DUE, n), ps)._unsafeUnwrap().amountFen;
      const b = surchargeOn(f, DUE, addDays(DUE, n + more), ps)._unsafeUnwrap().amountFen;
      expect(b).toBeGreaterThanOrEqual(a);
    },
  );

  test.prop([fine, offset, fc.array(pause, { maxLength: 3 }), pause])(
    "pauses never increase it (行政处罚法第七十三条第三款)",
    (f, n, ps, extra) => {
      const a = surchargeOn(f, DUE, addDays(DUE, n), ps)._unsafeUnwrap().amountFen;
      const b = surchargeOn(f, DUE, addDays(DUE, n), [...ps, extra])._unsafeUnwrap().amountFen;
      expect(b).toBeLessThanOrEqual(a);
    },
  );
});
