import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { checkTwoOfficers, type EnforcementAction, officerMayAct } from "./qualification.js";
import { type Body, BodySchema, type Officer, OfficerSchema, regionCovers } from "./schema.js";

const body: Body = BodySchema.parse({
  id: "spt-sfj",
  name: "中卫市沙坡头区司法局",
  kind: "agency",
  authority: [{ law: "律师法", article: 52 }],
  regionCode: "640502",
  categories: ["律师管理", "法律援助"],
  effectiveFrom: "2019-01-01",
});

function officer(over: Partial<Officer> = {}): Officer {
  return OfficerSchema.parse({
    id: "o1",
    name: "张三",
    bodyId: "spt-sfj",
    certificateNumber: "640502190001",
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

const action: EnforcementAction = { category: "律师管理", regionCode: "640502", kind: "penalty", body };
const DATE = "2025-06-01";

function reasonOf(r: ReturnType<typeof officerMayAct>): unknown {
  return r.isErr() ? r.error.details?.reason : "ok";
}

describe("officerMayAct", () => {
  it("allows a 在岗 officer with a valid certificate in scope (行政处罚法第四十二条第一款)", () => {
    expect(officerMayAct(officer(), action, DATE).isOk()).toBe(true);
  });

  it("refuses an expired certificate, citing 行政处罚法第四十二条第一款 and noting Art. 55 and 76", () => {
    const r = officerMayAct(officer({ validUntil: "2024-12-31" }), action, DATE);
    expect(r.isErr()).toBe(true);
    if (r.isErr()) {
      expect(r.error.code).toBe("OFFICER_NOT_QUALIFIED");
      expect(r.error.details?.reason).toBe("certificateExpired");
      expect(r.error.source).toMatchObject({ law: "行政处罚法", article: 42, paragraph: 1 });
      expect(r.error.message).toContain("2024-12-31");
      expect(r.error.details?.related).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ article: 76, item: 5 }),
          expect.objectContaining({ article: 55 }),
        ]),
      );
    }
  });

  it("counts the certificate's last day as valid and the next day as expired (行政处罚法第四十二条)", () => {
    const o = officer({ validUntil: DATE });
    expect(officerMayAct(o, action, DATE).isOk()).toBe(true);
    expect(reasonOf(officerMayAct(o, action, "2025-06-02"))).toBe("certificateExpired");
    expect(reasonOf(officerMayAct(officer({ validFrom: "2025-06-02" }), action, DATE))).toBe("certificateNotYetValid");
  });

  it.each(["suspended", "revoked", "lost", "away"] as const)(
    "refuses status %s (行政处罚法第四十二条第一款: 持证上岗)",
    (status) => {
      const r = officerMayAct(officer({ status }), action, DATE);
      expect(reasonOf(r)).toBe("statusNotActive");
    },
  );

  it("refuses when the officer's record is not in force on the date (行政处罚法第四十二条)", () => {
    expect(reasonOf(officerMayAct(officer({ effectiveUntil: "2025-01-01" }), action, DATE))).toBe("recordNotInForce");
  });

  it("refuses a category outside the certificate (行政处罚法第四十二条第一款)", () => {
    expect(reasonOf(officerMayAct(officer(), { ...action, category: "法律援助" }, DATE))).toBe("categoryOutOfScope");
  });

  it("refuses a region outside the certificate; a city scope covers its districts (行政处罚法第四十二条第一款)", () => {
    expect(reasonOf(officerMayAct(officer(), { ...action, regionCode: "640521" }, DATE))).toBe("regionOutOfScope");
    expect(
      officerMayAct(
        officer({ regions: ["640500"] }),
        { ...action, regionCode: "640521", body: undefined },
        DATE,
      ).isOk(),
    ).toBe(true);
    expect(
      reasonOf(
        officerMayAct(officer({ regions: ["640500"] }), { ...action, regionCode: "640521" }, DATE, {
          regionHierarchy: false,
        }),
      ),
    ).toBe("regionOutOfScope");
  });

  it("cites 行政强制法第十七条第三款 for coercive measures", () => {
    const r = officerMayAct(officer({ status: "suspended" }), { ...action, kind: "coercion" }, DATE);
    expect(r.isErr() && r.error.source).toMatchObject({ law: "行政强制法", article: 17, paragraph: 3 });
  });

  it("refuses a body not in force (行政处罚法第三十八条第一款)", () => {
    const gone = { ...body, effectiveUntil: "2025-01-01" };
    const r = officerMayAct(officer(), { ...action, body: gone }, DATE);
    expect(reasonOf(r)).toBe("bodyNotInForce");
    expect(r.isErr() && r.error.source).toMatchObject({ law: "行政处罚法", article: 38 });
  });

  it("refuses an officer of another body (行政处罚法第四十二条)", () => {
    expect(reasonOf(officerMayAct(officer({ bodyId: "other" }), action, DATE))).toBe("bodyMismatch");
  });

  it("refuses a category outside an entrusted body's entrustment (行政处罚法第二十条第四款)", () => {
    const entrusted = { ...body, id: "e1", kind: "entrusted" as const, parentId: "spt-sfj", categories: ["法律援助"] };
    const r = officerMayAct(officer({ bodyId: "e1" }), { ...action, body: entrusted }, DATE);
    expect(reasonOf(r)).toBe("bodyOutOfScope");
    expect(r.isErr() && r.error.source).toMatchObject({ article: 20, paragraph: 4 });
  });

  it("refuses coercive measures by an entrusted body (行政强制法第十七条第一款: 不得委托)", () => {
    const entrusted = { ...body, id: "e1", kind: "entrusted" as const, parentId: "spt-sfj" };
    const r = officerMayAct(officer({ bodyId: "e1" }), { ...action, kind: "coercion", body: entrusted }, DATE);
    expect(reasonOf(r)).toBe("coercionNotEntrustable");
    expect(r.isErr() && r.error.source).toMatchObject({ law: "行政强制法", article: 17, paragraph: 1 });
  });

  it("rejects an invalid policy as INVALID_INPUT", () => {
    const r = officerMayAct(officer(), action, DATE, { minimumOfficers: 0 });
    expect(r.isErr() && r.error.code).toBe("INVALID_INPUT");
  });

  test.prop([fc.integer({ min: 0, max: 3000 })])(
    "a valid certificate is valid exactly on the days from validFrom to validUntil (行政处罚法第四十二条)",
    (offset) => {
      const d = new Date(Date.UTC(2020, 0, 1 + offset)).toISOString().slice(0, 10);
      const o = officer({ validFrom: "2021-01-01", validUntil: "2026-12-31", effectiveFrom: "2000-01-01" });
      expect(officerMayAct(o, action, d).isOk()).toBe(
        d >= "2021-01-01" && d <= "2026-12-31" && d >= body.effectiveFrom,
      );
    },
  );
});

describe("checkTwoOfficers", () => {
  const a = officer({ id: "a", name: "甲" });
  const b = officer({ id: "b", name: "乙", certificateNumber: "640502190002" });
  const expired = officer({ id: "c", name: "丙", certificateNumber: "640502190003", validUntil: "2024-12-31" });

  it("passes two qualified officers (行政处罚法第四十二条第一款: 不得少于两人)", () => {
    const r = checkTwoOfficers([a, b], action, DATE);
    expect(r.isOk() && r.value).toMatchObject({ qualified: ["a", "b"], failures: [], minimum: 2 });
  });

  it("fails one qualified and one expired, reporting the expired one (行政处罚法第四十二条第一款)", () => {
    const r = checkTwoOfficers([a, expired], action, DATE);
    expect(r.isErr()).toBe(true);
    if (r.isErr()) {
      expect(r.error.code).toBe("OFFICERS_INSUFFICIENT");
      expect(r.error.source).toMatchObject({ law: "行政处罚法", article: 42 });
      expect(r.error.details?.failures).toEqual([
        expect.objectContaining({ officerId: "c", reason: "certificateExpired" }),
      ]);
      expect(r.error.message).toContain("丙");
    }
  });

  it("counts the same officer once (行政处罚法第四十二条第一款)", () => {
    expect(checkTwoOfficers([a, a], action, DATE).isErr()).toBe(true);
  });

  it("takes a configured minimum where a law provides otherwise (行政处罚法第四十二条第一款: 法律另有规定的除外)", () => {
    expect(checkTwoOfficers([a], action, DATE, { minimumOfficers: 1 }).isOk()).toBe(true);
    expect(checkTwoOfficers([a, b], action, DATE, { minimumOfficers: 3 }).isErr()).toBe(true);
  });

  it("cites 行政强制法第十八条第（二）项 for coercive measures", () => {
    const r = checkTwoOfficers([a], { ...action, kind: "coercion" }, DATE);
    expect(r.isErr() && r.error.source).toMatchObject({ law: "行政强制法", article: 18, item: 2 });
  });

  test.prop([fc.array(fc.record({ ok: fc.boolean(), id: fc.integer({ min: 0, max: 9 }) }), { maxLength: 8 })])(
    "passes exactly when at least two distinct officers are qualified (行政处罚法第四十二条第一款)",
    (team) => {
      const officers = team.map((t) =>
        officer({
          id: `p${t.id}`,
          certificateNumber: `64050219${String(t.id).padStart(4, "0")}`,
          status: t.id % 2 === 0 ? "active" : "suspended",
        }),
      );
      const distinctOk = new Set(officers.filter((o) => o.status === "active").map((o) => o.id)).size;
      const r = checkTwoOfficers(officers, action, DATE);
      expect(r.isOk()).toBe(distinctOk >= 2);
      const report = r.isOk() ? r.value : r.error.details;
      expect((report as { failures: unknown[] }).failures.length + distinctOk).toBe(
        new Set(officers.map((o) => o.id)).size,
      );
    },
  );
});

describe("regionCovers", () => {
  it("reads GB/T 2260 levels", () => {
    expect(regionCovers("640000", "640502")).toBe(true);
    expect(regionCovers("640500", "640502")).toBe(true);
    expect(regionCovers("640500", "640100")).toBe(false);
    expect(regionCovers("640502", "640502")).toBe(true);
    expect(regionCovers("640502", "640500")).toBe(false);
  });
});
