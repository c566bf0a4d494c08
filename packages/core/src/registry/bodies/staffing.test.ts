import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICER_POLICY, OFFICER_POLICY_SOURCES, resolveOfficerPolicy } from "./policy.js";
import { type Officer, OfficerSchema, type TrainingRecord } from "./schema.js";
import { reviewerStaffing, trainingReport } from "./staffing.js";

function officer(i: number, over: Partial<Officer> = {}): Officer {
  return OfficerSchema.parse({
    id: `o${i}`,
    name: `人员${i}`,
    bodyId: "b",
    certificateNumber: `N${i}`,
    issuerId: "nx",
    categories: ["律师管理"],
    regions: ["640502"],
    validFrom: "2022-01-01",
    validUntil: "2026-12-31",
    status: "active",
    effectiveFrom: "2022-01-01",
    ...over,
  });
}

const DATE = "2025-06-01";

describe("policy", () => {
  it("defaults: 2 officers, 5 % reviewers, 60 hours; [M] values are marked", () => {
    expect(DEFAULT_OFFICER_POLICY).toEqual({
      minimumOfficers: 2,
      reviewerRatioBasisPoints: 500,
      trainingHoursPerYear: 60,
      regionHierarchy: true,
    });
    expect(OFFICER_POLICY_SOURCES.reviewerRatioBasisPoints.confidence).toBe("M");
    expect(OFFICER_POLICY_SOURCES.trainingHoursPerYear.confidence).toBe("M");
    expect(resolveOfficerPolicy({ reviewerRatioBasisPoints: 20_000 }).isErr()).toBe(true);
  });
});

describe("reviewerStaffing", () => {
  it("requires 1 reviewer for 20 officers and 2 for 21 at the default 5 % ([M] 118号 法制审核人员配备)", () => {
    const twenty = Array.from({ length: 20 }, (_, i) => officer(i, { reviewer: i === 0 }));
    const r = reviewerStaffing(twenty, DATE)._unsafeUnwrap();
    expect(r).toMatchObject({ officers: 20, reviewers: 1, required: 1, pass: true, ratioBasisPoints: 500 });
    expect(r.source.confidence).toBe("M");
    const r21 = reviewerStaffing([...twenty, officer(20)], DATE)._unsafeUnwrap();
    expect(r21).toMatchObject({ officers: 21, required: 2, pass: false });
  });

  it("counts only officers in force and 在岗 on the date", () => {
    const team = [
      officer(1, { reviewer: true }),
      officer(2, { status: "away" }),
      officer(3, { effectiveFrom: "2026-01-01" }),
    ];
    expect(reviewerStaffing(team, DATE)._unsafeUnwrap()).toMatchObject({ officers: 1, reviewers: 1 });
  });

  it("takes a configured ratio", () => {
    const team = Array.from({ length: 10 }, (_, i) => officer(i, { reviewer: i === 0 }));
    expect(reviewerStaffing(team, DATE, { reviewerRatioBasisPoints: 2000 })._unsafeUnwrap()).toMatchObject({
      required: 2,
      pass: false,
    });
  });

  it("lists reviewers who began on or after 2021-07-15 without 法律职业资格 (行政处罚法第五十八条第二款)", () => {
    const team = [
      officer(1, { reviewer: true, reviewerSince: "2022-03-01" }),
      officer(2, { reviewer: true, reviewerSince: "2019-03-01" }),
      officer(3, { reviewer: true, reviewerSince: "2022-03-01", legalQualification: "A20186405020001" }),
      officer(4, { reviewer: true }),
    ];
    const r = reviewerStaffing(team, DATE)._unsafeUnwrap();
    expect(r.needQualification).toEqual(["o1", "o4"]);
    expect(r.qualificationSource).toMatchObject({ law: "行政处罚法", article: 58, paragraph: 2 });
  });

  test.prop([fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 10_000 })])(
    "required is the smallest count reaching the ratio",
    (n, bp) => {
      const team = Array.from({ length: n }, (_, i) => officer(i));
      const { required } = reviewerStaffing(team, DATE, { reviewerRatioBasisPoints: bp })._unsafeUnwrap();
      expect(required * 10_000).toBeGreaterThanOrEqual(n * bp);
      if (required > 0) expect((required - 1) * 10_000).toBeLessThan(n * bp);
    },
  );
});

describe("trainingReport", () => {
  const records: TrainingRecord[] = [
    { officerId: "o1", date: "2025-03-01", course: "行政处罚法", hours: 40 },
    { officerId: "o1", date: "2025-09-01", course: "执法文书", hours: 20 },
    { officerId: "o1", date: "2024-09-01", course: "旧课程", hours: 30 },
    { officerId: "o2", date: "2025-05-01", course: "行政处罚法", hours: 12.5 },
  ];

  it("sums a year's hours per officer against 60 ([M] 三年行动计划)", () => {
    const r = trainingReport([officer(1), officer(2), officer(3)], records, 2025)._unsafeUnwrap();
    expect(r.officers.map((o) => [o.officerId, o.hours, o.pass])).toEqual([
      ["o1", 60, true],
      ["o2", 12.5, false],
      ["o3", 0, false],
    ]);
    expect(r.short).toEqual(["o2", "o3"]);
    expect(r.source.confidence).toBe("M");
  });

  it("takes a configured minimum", () => {
    const r = trainingReport([officer(2)], records, 2025, { trainingHoursPerYear: 12 })._unsafeUnwrap();
    expect(r.short).toEqual([]);
  });
});
