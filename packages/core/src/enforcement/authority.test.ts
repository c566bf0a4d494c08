import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { type Actor, PERMISSIONS, type Role, RoleSchema } from "../kernel/actors.js";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import { type AuthorityScope, checkAuthority, HEAD_RANK_RULES } from "./authority.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import { bodies, ctxAt, doc, fileCommand, headActor, officerActor } from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

// The fixture bureau plus a neighbouring one (中卫市司法局) with its own officer "x".
const withNeighbour = createBodiesRegistry({
  ...bodies.data,
  bodies: [
    ...bodies.data.bodies,
    {
      id: "zw",
      name: "中卫市司法局",
      kind: "agency",
      authority: [{ law: "律师法", article: 52, paragraph: 1 }],
      regionCode: "640500",
      categories: ["律师管理"],
      effectiveFrom: "2019-01-01",
    },
  ],
  officers: [
    ...bodies.data.officers,
    {
      id: "x",
      name: "外局",
      bodyId: "zw",
      certificateNumber: "640500190001",
      issuerId: "nx",
      categories: ["律师管理"],
      regions: ["640500"],
      validFrom: "2019-01-01",
      validUntil: "2028-12-31",
      status: "active",
      effectiveFrom: "2019-01-01",
      leadership: "principal",
    },
  ],
})._unsafeUnwrap();

function run(steps: readonly [PenaltyCommandInput, string, Actor?][]): CaseState {
  let state = initialCaseState("case-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, { ...ctxAt(now, actor ?? officerActor), bodies: withNeighbour })._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

const refusal = (state: CaseState, cmd: PenaltyCommandInput, now: string, actor: Actor) => {
  const r = decide(state, cmd, { ...ctxAt(now, actor), bodies: withNeighbour });
  return r._unsafeUnwrapErr();
};

const filed = () => run([[fileCommand, T("03")]]);
// 先行登记保存 needs the head's approval (Art. 56): a head's act in a filed case.
const approve: PenaltyCommandInput = { type: "preservation.approve", preservationId: "p1", reason: "证据可能灭失" };
const record: PenaltyCommandInput = {
  type: "investigation.record",
  actionId: "inq-1",
  action: "inquiry",
  records: [{ id: "t1", kind: "transcript" }],
};

describe("who may act on a case: the registry's facts, not the actor's claims", () => {
  it("an officer of another bureau, absent from the registry, can neither file nor record (ACTOR_NOT_REGISTERED)", () => {
    const stranger: Actor = { id: "ghost", name: "王某", roles: ["officer"], bodyId: "other-bureau" };
    const e = refusal(initialCaseState("case-1"), fileCommand, T("03"), stranger);
    expect(e.code).toBe("ACTOR_NOT_REGISTERED");
    expect(e.message).toContain("王某（ghost）");
    expect(e.details).toMatchObject({ actorId: "ghost", reason: "notInRegistry" });
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 42, paragraph: 1 });
    expect(refusal(filed(), record, T("04"), stranger).code).toBe("ACTOR_NOT_REGISTERED");
  });

  it("an officer registered with another body may not record in this bureau's case", () => {
    const x: Actor = { id: "x", name: "外局", roles: ["officer"] };
    const e = refusal(filed(), record, T("04"), x);
    expect(e.code).toBe("ACTOR_NOT_REGISTERED");
    expect(e.details).toMatchObject({ actorId: "x", reason: "otherBody", officerBodyId: "zw", bodyId: "spt" });
    expect(e.message).toContain("中卫市沙坡头区司法局");
    // Nor decide in it as a head: x heads another body.
    expect(refusal(filed(), approve, T("04"), { ...x, roles: ["head"] }).code).toBe("ACTOR_NOT_REGISTERED");
  });

  it("an actor whose claimed body or certificate differs from the registry is refused", () => {
    const claimsOther: Actor = { ...officerActor, bodyId: "zw" };
    expect(refusal(filed(), record, T("04"), claimsOther).details).toMatchObject({ reason: "bodyClaimMismatch" });
    const wrongCard: Actor = { ...officerActor, certificateNumber: "640502199999" };
    expect(refusal(filed(), record, T("04"), wrongCard).details).toMatchObject({ reason: "certificateMismatch" });
    const rightCard: Actor = { ...officerActor, bodyId: "spt", certificateNumber: "640502190001" };
    expect(decide(filed(), record, { ...ctxAt(T("04"), rightCard), bodies: withNeighbour }).isOk()).toBe(true);
  });

  it("a registered officer of the bureau who is not on the case's team may not act on it (NOT_ON_CASE_TEAM)", () => {
    const r: Actor = { id: "r", name: "审核员", roles: ["officer"] };
    const e = refusal(filed(), record, T("04"), r);
    expect(e.code).toBe("NOT_ON_CASE_TEAM");
    expect(e.details).toMatchObject({ actorId: "r", team: ["a", "b"] });
    expect(decide(filed(), record, ctxAt(T("04"), officerActor)).isOk()).toBe(true);
  });

  it("an expired certificate is refused on the day of the act (OFFICER_NOT_QUALIFIED, certificateExpired)", () => {
    const c: Actor = { id: "c", name: "丙", roles: ["officer"] };
    const e = refusal(initialCaseState("case-1"), { ...fileCommand, officerIds: ["a", "b", "c"] }, T("03"), c);
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(e.details).toMatchObject({ officerId: "c", reason: "certificateExpired", validUntil: "2024-12-31" });
  });

  it("a head claim the registry does not back is refused naming the officer (ROLE_NOT_BACKED); the registered head decides", () => {
    const claims: Actor = { id: "a", name: "甲", roles: ["officer", "head"] };
    const e = refusal(filed(), approve, T("04"), claims);
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.details).toMatchObject({ actorId: "a", role: "head" });
    expect(e.message).toContain("甲（a）");
    const ghostHead: Actor = { id: "boss", name: "某局长", roles: ["head"] };
    expect(refusal(filed(), approve, T("04"), ghostHead).code).toBe("ACTOR_NOT_REGISTERED");
    const deputy: Actor = { id: "h2", name: "副局长", roles: ["head"] };
    expect(decide(filed(), approve, { ...ctxAt(T("04"), deputy), bodies: withNeighbour }).isOk()).toBe(true);
  });

  it("a transfer is approved only by the 正职负责人 or the 主持工作的负责人 (移送规定第五条第二款)", () => {
    const reported = run([
      [fileCommand, T("03")],
      [{ type: "transfer.report", facts: "涉嫌非法经营罪", officerIds: ["a", "b"], records: [doc("report")] }, T("04")],
      [{ type: "investigation.close", facts: "事实" }, T("04", "05")],
    ]);
    const transfer: PenaltyCommandInput = { type: "case.decide", outcome: "transfer" };
    const deputy: Actor = { id: "h2", name: "副局长", roles: ["head"] };
    const e = refusal(reported, transfer, T("05"), deputy);
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.source).toMatchObject({ law: "行政执法机关移送涉嫌犯罪案件的规定", article: 5, paragraph: 2 });
    expect(e.details).toMatchObject({ actorId: "h2", leadership: "deputy", allowed: ["principal", "presiding"] });
    expect(decide(reported, transfer, { ...ctxAt(T("05"), headActor), bodies: withNeighbour }).isOk()).toBe(true);
    expect(HEAD_RANK_RULES["case.preserveEvidence"]).toBeUndefined();
  });
});

describe("checkAuthority — what an Ok means (property)", () => {
  const ids = ["a", "b", "c", "r", "h", "h2", "x", "ghost"] as const;
  const scope: AuthorityScope = { bodyId: "spt", category: "律师管理", regionCode: "640502", team: ["a", "b"] };
  const roles = fc.subarray([...RoleSchema.options] as Role[], { minLength: 1 });
  const day = fc.integer({ min: 0, max: 6 * 365 }).map((n) => {
    const d = new Date(Date.UTC(2023, 0, 1) + n * 86_400_000);
    return d.toISOString().slice(0, 10);
  });

  test.prop([fc.constantFrom(...ids), roles, fc.constantFrom(...PERMISSIONS), day], {
    examples: [
      ["a", ["head"], "case.decide", "2025-03-05"],
      ["h2", ["head"], "case.transfer", "2025-03-05"],
      ["c", ["officer"], "case.investigate", "2025-03-05"],
      ["x", ["officer", "head"], "case.decide", "2025-03-05"],
      ["r", ["officer"], "case.investigate", "2025-03-05"],
    ],
  })("an Ok is always backed by the registry on that day", (id, held, permission, date) => {
    const actor: Actor = { id, name: id, roles: held };
    const r = checkAuthority(actor, permission, scope, date, { bodies: withNeighbour });
    if (r.isErr()) {
      expect([
        "PERMISSION_DENIED",
        "ACTOR_NOT_REGISTERED",
        "ROLE_NOT_BACKED",
        "NOT_ON_CASE_TEAM",
        "OFFICER_NOT_QUALIFIED",
      ]).toContain(r.error.code);
      return;
    }
    const { role, officer } = r.value;
    expect(held).toContain(role);
    if (role === "system") return;
    expect(officer?.id).toBe(id);
    expect(officer?.bodyId).toBe("spt");
    expect(officer?.status).toBe("active");
    if (role === "officer") {
      expect(scope.team).toContain(id);
      expect(date <= (officer?.validUntil ?? "")).toBe(true);
    }
    if (role === "head") {
      expect(officer?.leadership).toBeDefined();
      if (permission === "case.transfer") expect(officer?.leadership).not.toBe("deputy");
    }
    if (role === "legalReviewer") expect(officer?.reviewer).toBe(true);
  });
});
