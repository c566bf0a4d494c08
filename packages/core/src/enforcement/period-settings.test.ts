// Settings of issue 14 §7 on the statutory-period table: whether the end of the limitation
// period (行政处罚法 Art. 36: "法律另有规定的除外") moves past a holiday is configuration, by a
// bureau's period override citing its basis; the national default rolls over.
import { describe, expect, it } from "vitest";
import { computeDeadline, periodRule } from "../calendar/deadline.js";
import { decide } from "./decide.js";
import { initialCaseState } from "./fold.js";
import { calendar, ctxAt, fileCommand } from "./test-fixtures.js";

const noRollOver = {
  "penalty.limitation": {
    rollOver: false,
    source: { law: "行政处罚法", article: 36, paragraph: 1, confidence: "VAR" as const },
    note: "测试：追责时效届满日遇节假日不顺延",
  },
};

describe("penalty.limitation: roll-over past a holiday is a setting (行政处罚法第三十六条第一款)", () => {
  it("the row is configurable; its default rolls over (general rule of periods)", () => {
    const row = periodRule("penalty.limitation")._unsafeUnwrap();
    expect(row).toMatchObject({ configurable: true, rollOver: true });
    expect(periodRule("penalty.limitationSevere")._unsafeUnwrap()).toMatchObject({
      configurable: true,
      rollOver: true,
    });
    // Act on 2023-10-01: two years end 2025-10-01, in the National Day break → 2025-10-09.
    expect(computeDeadline("penalty.limitation", "2023-10-01", calendar)._unsafeUnwrap().due).toBe("2025-10-09");
    expect(
      computeDeadline("penalty.limitation", "2023-10-01", calendar, { periods: noRollOver })._unsafeUnwrap().due,
    ).toBe("2025-10-01");
  });

  it("case.file reads the setting: discovered on 2025-10-05 is in time by default, expired without roll-over", () => {
    const cmd = { ...fileCommand, actDate: "2023-10-01", discoveredOn: "2025-10-05" };
    const at = "2025-10-05T02:00:00Z";
    expect(decide(initialCaseState("lim"), cmd, ctxAt(at)).isOk()).toBe(true);
    const e = decide(initialCaseState("lim"), cmd, { ...ctxAt(at), periods: noRollOver })._unsafeUnwrapErr();
    expect(e.code).toBe("LIMITATION_EXPIRED");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 36 });
  });
});
