import { describe, expect, it } from "vitest";
import { reviewTeamReport } from "./staffing.js";
import { bodies } from "./test-fixtures.js";

describe("reviewTeamReport — staffing (118号 [M] 5 %), qualification (行政处罚法第五十八条第二款), training (pilot plan 二（三）（4）)", () => {
  it("counts reviewers against the ratio and lists the one who needs the 法律职业资格", () => {
    const r = reviewTeamReport(bodies, "spt", "2025-12-31")._unsafeUnwrap();
    // Six staff and four heads (h, h2–h4) are enforcement officers; four of them review.
    expect(r.staffing).toMatchObject({ officers: 10, reviewers: 4, required: 1, pass: true });
    expect(r.staffing.needQualification).toEqual(["u"]);
    expect(r.pass).toBe(false);
    expect(r.text).toContain("未取得法律职业资格");
  });

  it("sums each reviewer's hours and courses of the year against the minimum (default 60)", () => {
    const r = reviewTeamReport(bodies, "spt", "2025-12-31")._unsafeUnwrap();
    expect(r.training.map((x) => [x.officerId, x.hours])).toEqual([
      ["a", 0],
      ["r", 64],
      ["u", 0],
      ["g", 12],
    ]);
    expect(r.trainingShort).toEqual(["a", "u", "g"]);
    expect(r.text).toContain("审核员（r）64 学时：2025-03-10 行政处罚法专题 40 学时；2025-09-10 法制审核实务 24 学时");
  });

  it("a bureau's ratio and training minimum are configuration", () => {
    const r = reviewTeamReport(bodies, "spt", "2025-12-31", {
      reviewerRatioBasisPoints: 10_000,
      trainingHoursPerYear: 10,
    })._unsafeUnwrap();
    expect(r.staffing).toMatchObject({ required: 10, pass: false });
    expect(r.trainingShort).toEqual(["a", "u"]);
  });

  it("an unknown body is REGISTRY_NOT_FOUND or an empty report, never a throw", () => {
    const r = reviewTeamReport(bodies, "nowhere", "2025-12-31");
    if (r.isErr()) expect(r.error.code).toMatch(/^[A-Z_]+$/);
    else expect(r.value.staffing.officers).toBe(0);
  });
});
