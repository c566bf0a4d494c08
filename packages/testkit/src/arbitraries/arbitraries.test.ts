// Every arbitrary's output passes the schema or validator of core it stands for, over many runs.
import {
  ActorSchema,
  CasePartySchema,
  CivilDateSchema,
  civilDateOf,
  createBodiesRegistry,
  FenSchema,
  InstantSchema,
  type OfficerInput,
  OfficerSchema,
  orgCodeCheckChar,
  PenaltySchema,
  validateResidentId,
  validateUscc,
} from "@sanxiang/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  actor,
  bureau,
  bureauRegistry,
  CALENDAR_COVERAGE,
  chineseName,
  civilDate,
  creditCode,
  DEFAULT_ISSUER,
  divisionCode,
  fen,
  instant,
  mobileNumber,
  officer,
  officers,
  organisationName,
  party,
  penalty,
  residentId,
} from "./index.js";

const RUNS = { numRuns: 300 };

describe("primitives", () => {
  it("civilDate: a real date within the range (default the calendar's coverage)", () => {
    fc.assert(
      fc.property(civilDate(), (d) => {
        expect(CivilDateSchema.safeParse(d).success).toBe(true);
        expect(d >= CALENDAR_COVERAGE.min && d <= CALENDAR_COVERAGE.max).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(civilDate({ min: "2024-02-28", max: "2024-03-01" }), (d) => {
        expect(["2024-02-28", "2024-02-29", "2024-03-01"]).toContain(d);
      }),
    );
  });

  it("instant: an ISO-8601 UTC instant whose China date is within the range", () => {
    fc.assert(
      fc.property(instant({ min: "2025-01-01", max: "2025-01-31", withMillis: true }), (t) => {
        expect(InstantSchema.safeParse(t).success).toBe(true);
        const d = civilDateOf(t);
        expect(d >= "2025-01-01" && d <= "2025-01-31").toBe(true);
      }),
      RUNS,
    );
  });

  it("fen: integer fen within the bounds; whole yuan when asked", () => {
    fc.assert(
      fc.property(fen({ min: 150, max: 1_000_000, wholeYuan: true }), (n) => {
        expect(FenSchema.safeParse(n).success).toBe(true);
        expect(n % 100).toBe(0);
        expect(n >= 150 && n <= 1_000_000).toBe(true);
      }),
      RUNS,
    );
  });

  it("divisionCode: six digits, not starting 00, of the level asked", () => {
    fc.assert(
      fc.property(divisionCode({ levels: ["city"], provinces: ["64"] }), (c) => {
        expect(c).toMatch(/^64\d{2}00$/);
        expect(c).not.toBe("640000");
      }),
    );
  });

  it("bad ranges are programmer errors", () => {
    expect(() => civilDate({ min: "2025-02-01", max: "2025-01-01" })).toThrow(RangeError);
    expect(() => fen({ min: 10, max: 5 })).toThrow(RangeError);
  });
});

describe("identifiers", () => {
  it("residentId passes validateResidentId (GB 11643 check character, real birth date) and carries the sex asked", () => {
    fc.assert(
      fc.property(residentId(), fc.constantFrom("male" as const, "female" as const), (id, _) => {
        const r = validateResidentId(id, { asOf: CALENDAR_COVERAGE.min });
        expect(r.isOk(), r.isErr() ? r.error.message : "").toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(residentId({ sex: "female", birthDate: { min: "2000-02-29", max: "2000-02-29" } }), (id) => {
        const info = validateResidentId(id, { asOf: null })._unsafeUnwrap();
        expect(info).toMatchObject({ sex: "female", birthDate: "2000-02-29" });
      }),
    );
  });

  it("creditCode passes validateUscc (GB 32100 MOD 31, known authority and type), strictly, and its organisation code checks (GB 11714)", () => {
    fc.assert(
      fc.property(creditCode(), (code) => {
        const r = validateUscc(code);
        expect(r.isOk(), r.isErr() ? r.error.message : "").toBe(true);
        expect(r._unsafeUnwrap().warnings).toEqual([]);
        // Positions 9–17 are an organisation code with its GB 11714 check character.
        expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(creditCode({ types: ["31"] }), (code) => {
        expect(code.startsWith("31")).toBe(true);
      }),
    );
    expect(() => creditCode({ types: ["9Z"] })).toThrow(RangeError);
  });

  it("mobileNumber: 11 digits on a mobile segment; names are non-empty Chinese text", () => {
    fc.assert(
      fc.property(mobileNumber(), chineseName(), organisationName(), (m, n, o) => {
        expect(m).toMatch(/^1[3-9]\d{9}$/);
        expect(n).toMatch(/^\p{Script=Han}{2,4}$/u);
        expect(o).toMatch(/^\p{Script=Han}{5,}$/u);
      }),
      RUNS,
    );
  });
});

describe("parties, officers and actors", () => {
  it("party passes CasePartySchema; its partyId is a valid resident ID or credit code", () => {
    fc.assert(
      fc.property(party(), (p) => {
        expect(CasePartySchema.parse(p)).toEqual(p);
        if (p.partyId === undefined) return;
        const r = p.kind === "person" ? validateResidentId(p.partyId, { asOf: null }) : validateUscc(p.partyId);
        expect(r.isOk()).toBe(true);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(party({ categories: ["person"], withoutIdShare: 0 }), (p) => {
        expect(p.partyId).toBeDefined();
      }),
    );
  });

  const registryOf = (team: readonly OfficerInput[], category: string) =>
    createBodiesRegistry({
      issuers: [DEFAULT_ISSUER],
      bodies: [
        {
          id: "body-1",
          name: "示例局",
          kind: "agency",
          authority: [{ law: "行政处罚法", article: 18 }],
          regionCode: "640502",
          categories: [category],
          effectiveFrom: "2010-01-01",
        },
      ],
      officers: [...team],
    });

  it("officer passes OfficerSchema and may take a penalty action in its category and region on the date given", () => {
    const arb = civilDate().chain((date) =>
      officer({ validOn: date, category: "律师管理", regionCode: "640502" }).map((o) => [date, o] as const),
    );
    fc.assert(
      fc.property(arb, ([date, o]) => {
        expect(OfficerSchema.safeParse(o).success).toBe(true);
        const registry = registryOf([o], "律师管理")._unsafeUnwrap();
        const r = registry.mayAct(o.id, { category: "律师管理", regionCode: "640502", kind: "penalty" }, date);
        expect(r.isOk(), r.isErr() ? r.error.message : "").toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("officers({ min: 2 }): distinct ids and certificates, a team that passes the two-officer rule on every day of the range", () => {
    const range = { min: "2025-01-01", max: "2025-12-31" };
    fc.assert(
      fc.property(
        officers({ min: 2, max: 4, category: "市场监管", regionCode: "640502", validOn: range }),
        civilDate(range),
        (team, date) => {
          expect(new Set(team.map((o) => o.id)).size).toBe(team.length);
          expect(new Set(team.map((o) => o.certificateNumber)).size).toBe(team.length);
          const registry = registryOf(team, "市场监管")._unsafeUnwrap();
          const r = registry.checkTwoOfficers(
            team.map((o) => o.id),
            { category: "市场监管", regionCode: "640502", kind: "penalty" },
            date,
          );
          expect(r.isOk(), r.isErr() ? r.error.message : "").toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });

  it("actor passes ActorSchema and holds only roles asked", () => {
    fc.assert(
      fc.property(actor({ roles: ["officer", "head"] }), (a) => {
        expect(ActorSchema.safeParse(a).success).toBe(true);
        for (const r of a.roles) expect(["officer", "head"]).toContain(r);
      }),
      RUNS,
    );
  });

  it("bureau: its registry loads; the team is certified, the lapsed officer is not", () => {
    fc.assert(
      fc.property(bureau(), civilDate({ min: "2019-01-01" }), (b, date) => {
        const registry = bureauRegistry(b);
        const action = { category: b.category, regionCode: b.regionCode, kind: "penalty" as const };
        expect(
          registry
            .checkTwoOfficers(
              b.officers.map((o) => o.id),
              action,
              date,
            )
            .isOk(),
        ).toBe(true);
        expect(registry.mayAct(b.lapsedOfficer.id, action, date)._unsafeUnwrapErr().code).toBe("OFFICER_NOT_QUALIFIED");
      }),
      { numRuns: 50 },
    );
  });

  it("penalty passes PenaltySchema", () => {
    fc.assert(
      fc.property(penalty(), (p) => {
        expect(PenaltySchema.safeParse(p).success).toBe(true);
      }),
      RUNS,
    );
  });
});
