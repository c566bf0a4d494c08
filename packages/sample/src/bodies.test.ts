import { BODY_TABLE, createBodiesRegistry, exportSheet, importSheet, OFFICER_TABLE } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { SAMPLE_BODIES_DATA } from "./bodies.js";

describe("sample bodies and officers (示例执法主体及人员)", () => {
  const registry = createBodiesRegistry(SAMPLE_BODIES_DATA)._unsafeUnwrap();
  const penalty = { category: "律师管理", regionCode: "640502", kind: "penalty" } as const;

  it("loads into the bodies registry without error", () => {
    expect(registry.bodies("2026-01-01").map((b) => b.id)).toEqual(["zw-sfj", "spt-sfj", "spt-scjgj"]);
    expect(registry.officersOf("spt-sfj", "2026-01-01")).toHaveLength(6);
    expect(registry.officersOf("spt-scjgj", "2026-01-01")).toHaveLength(7);
  });

  it("has a qualified pair, an expired certificate and a reviewer with 法律职业资格 (行政处罚法第四十二条、第五十八条)", () => {
    expect(registry.checkTwoOfficers(["spt-sfj-01", "spt-sfj-02"], penalty, "2026-01-05").isOk()).toBe(true);
    const expired = registry.checkTwoOfficers(["spt-sfj-01", "spt-sfj-03"], penalty, "2026-01-05")._unsafeUnwrapErr();
    expect(expired.details?.failures).toEqual([
      expect.objectContaining({ officerId: "spt-sfj-03", reason: "certificateExpired" }),
    ]);
    expect(registry.mayAct("spt-sfj-05", penalty, "2026-01-05")._unsafeUnwrapErr().details?.reason).toBe(
      "statusNotActive",
    );
    expect(
      registry.mayAct("spt-scj-05", { ...penalty, category: "价格监督检查" }, "2026-01-05")._unsafeUnwrapErr().details
        ?.reason,
    ).toBe("statusNotActive");
    const staffing = registry.reviewerStaffing("spt-sfj", "2026-01-05")._unsafeUnwrap();
    expect(staffing).toMatchObject({ reviewers: 1, pass: true, needQualification: [] });
    expect(registry.trainingReport("spt-sfj", 2025)._unsafeUnwrap().short).toEqual([
      "spt-sfj-03",
      "spt-sfj-05",
      "spt-sfj-06",
    ]);
  });

  it("a district officer may not act in the city bureau's name (行政处罚法第四十二条)", () => {
    const r = registry.mayAct("spt-sfj-01", { ...penalty, bodyId: "zw-sfj" }, "2026-01-05");
    expect(r._unsafeUnwrapErr().details?.reason).toBe("bodyMismatch");
  });

  it("round-trips through the sheets", () => {
    for (const [spec, records] of [
      [BODY_TABLE, registry.data.bodies],
      [OFFICER_TABLE, registry.data.officers],
    ] as const) {
      expect(importSheet<unknown>(spec as never, exportSheet<unknown>(spec as never, records))._unsafeUnwrap()).toEqual(
        records,
      );
    }
  });
});
