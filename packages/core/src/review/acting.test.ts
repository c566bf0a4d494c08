// 身份核验 in the legal review (issue 15 §3): the acting person's claimed role against the
// registry — 行政处罚法 Art. 58 (legal-review staff, 法律职业资格), Art. 57 (heads), Art. 42
// (registered, in post), Art. 43 (recusal of the case's team).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../kernel/actors.js";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview, type ReviewCaseScope } from "./decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "./fold.js";
import { allOk, bodies, calendar, draft, headActor, materials, officerActor, reviewerActor } from "./test-fixtures.js";

const NOW = "2025-06-03T02:00:00Z";
const LATER = "2025-06-10T02:00:00Z";

type Registry = typeof bodies;

function act(
  state: ReviewState,
  cmd: ReviewCommandInput,
  actor: Actor,
  opts: { now?: string; registry?: Registry; caseScope?: ReviewCaseScope } = {},
) {
  return decideReview(state, cmd, {
    actor,
    now: opts.now ?? NOW,
    calendar,
    bodies: opts.registry ?? bodies,
    ...(opts.caseScope === undefined ? {} : { caseScope: opts.caseScope }),
  });
}

function apply(state: ReviewState, r: ReturnType<typeof act>): ReviewState {
  let s = state;
  for (const e of r._unsafeUnwrap()) s = evolveReview(s, e)._unsafeUnwrap();
  return s;
}

const submit: ReviewCommandInput = {
  type: "review.submit",
  caseId: "case-1",
  draft,
  materials,
  handlingOfficerIds: ["a", "b"],
};

const conclude: ReviewCommandInput = {
  type: "review.conclude",
  outcome: "approved",
  findings: allOk,
  opinion: "同意",
};

/** A registry officer record by id (the fixture's, always present). */
function recordOf(id: string) {
  const o = bodies.data.officers.find((x) => x.id === id);
  if (o === undefined) throw new Error(`fixture officer ${id} missing`);
  return o;
}

const fresh = () => initialReviewState("case-1.review");
const submitted = (opts: { caseScope?: ReviewCaseScope } = {}) =>
  apply(fresh(), act(fresh(), submit, officerActor, opts));

describe("review: the submitting officer (行政处罚法 Art. 58 para. 1; Art. 42)", () => {
  it("an officer absent from the registry is ACTOR_NOT_REGISTERED, named, and nothing is decided", () => {
    const stranger: Actor = { id: "x9", name: "外局人员", roles: ["officer"] };
    const e = act(fresh(), { ...submit, handlingOfficerIds: ["x9", "a"] }, stranger)._unsafeUnwrapErr();
    expect(e.code).toBe("ACTOR_NOT_REGISTERED");
    expect(e.message).toContain("外局人员（x9）");
    expect(e.details).toMatchObject({ actorId: "x9", reason: "notInRegistry" });
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 42 });
  });

  it("a registered officer who is not among the handling officers is NOT_ON_CASE_TEAM", () => {
    const n: Actor = { id: "n", name: "丁", roles: ["officer"] };
    const e = act(fresh(), submit, n)._unsafeUnwrapErr();
    expect(e.code).toBe("NOT_ON_CASE_TEAM");
    expect(e.message).toContain("丁（n）");
    expect(e.details).toMatchObject({ team: ["a", "b"] });
  });

  it("with the case's record, the case's team decides, not the officers the submission lists", () => {
    const n: Actor = { id: "n", name: "丁", roles: ["officer"] };
    const listed = { ...submit, handlingOfficerIds: ["n"] };
    const e = act(fresh(), listed, n, { caseScope: { bodyId: "spt", team: ["a", "b"] } })._unsafeUnwrapErr();
    expect(e.code).toBe("NOT_ON_CASE_TEAM");
    expect(act(fresh(), submit, officerActor, { caseScope: { bodyId: "spt", team: ["a", "b"] } }).isOk()).toBe(true);
  });

  it("an officer of another body is ACTOR_NOT_REGISTERED (otherBody)", () => {
    const e = act(fresh(), submit, officerActor, { caseScope: { bodyId: "other", team: ["a"] } })._unsafeUnwrapErr();
    expect(e.code).toBe("ACTOR_NOT_REGISTERED");
    expect(e.details).toMatchObject({ reason: "otherBody", officerBodyId: "spt", bodyId: "other" });
  });
});

describe("review: who assigns, reviews and discusses (Arts. 57, 58)", () => {
  it("a claimed head the registry does not record as a head is ROLE_NOT_BACKED", () => {
    const fake: Actor = { id: "n", name: "丁", roles: ["head"] };
    const e = act(submitted(), { type: "review.assign", reviewerId: "r" }, fake)._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.message).toContain("丁（n）自称机关负责人");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 57 });
  });

  it("a claimed legal reviewer the registry does not record as one is ROLE_NOT_BACKED", () => {
    const fake: Actor = { id: "n", name: "丁", roles: ["legalReviewer"] };
    const e = act(submitted(), { type: "review.assign", reviewerId: "r" }, fake)._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.details).toMatchObject({ actorId: "n", claimed: "legalReviewer" });
  });

  it("a member of the case's team is recused even when the submission does not name them (Art. 43)", () => {
    // a is a qualified reviewer; the submission names only b, the case's record names a and b.
    const scope = { caseScope: { bodyId: "spt", team: ["a", "b"] } };
    const b: Actor = { id: "b", name: "乙", roles: ["officer"] };
    const s = apply(fresh(), act(fresh(), { ...submit, handlingOfficerIds: ["b"] }, b, scope));
    const e = act(s, { type: "review.assign", reviewerId: "a" }, headActor, scope)._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEWER_RECUSAL_REQUIRED");
  });

  it("a reviewer of another body cannot be assigned (OFFICER_NOT_QUALIFIED, otherBody)", () => {
    const spt = bodies.data.bodies[0];
    if (spt === undefined) throw new Error("fixture body missing");
    const two = createBodiesRegistry({
      ...bodies.data,
      bodies: [...bodies.data.bodies, { ...spt, id: "zw", name: "中卫市司法局" }],
      officers: [
        ...bodies.data.officers,
        {
          ...recordOf("r"),
          id: "zr",
          bodyId: "zw",
          certificateNumber: "640502190099",
        },
      ],
    })._unsafeUnwrap();
    const e = act(submitted(), { type: "review.assign", reviewerId: "zr" }, headActor, {
      registry: two,
    })._unsafeUnwrapErr();
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(e.details).toMatchObject({ reason: "otherBody", bodyId: "spt" });
  });

  it("a reviewer who left the post after the assignment cannot give the opinion", () => {
    const r = recordOf("r");
    const away = createBodiesRegistry({
      ...bodies.data,
      officers: [
        ...bodies.data.officers.filter((o) => o.id !== "r"),
        { ...r, effectiveUntil: "2025-06-05" },
        { ...r, status: "away", effectiveFrom: "2025-06-05" },
      ],
    })._unsafeUnwrap();
    const s = apply(submitted(), act(submitted(), { type: "review.assign", reviewerId: "r" }, headActor));
    const e = act(s, conclude, reviewerActor, { now: LATER, registry: away })._unsafeUnwrapErr();
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(e.message).toContain("审核员（r）");
    expect(e.details).toMatchObject({ reason: "statusNotActive", status: "away" });
    expect(act(s, conclude, reviewerActor, { now: LATER }).isOk()).toBe(true);
  });

  it("a collective discussion called by a head the registry does not back is ROLE_NOT_BACKED", () => {
    const fake: Actor = { id: "b", name: "乙", roles: ["head"] };
    const discuss: ReviewCommandInput = {
      type: "review.discuss",
      participants: ["h", "h2", "h3"],
      membersTotal: 4,
      resolution: "adoptDraft",
      conclusion: "采纳",
    };
    const e = act(submitted(), discuss, fake)._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
  });
});

describe("review: the participants of a collective discussion (行政处罚法 Art. 57 para. 2)", () => {
  /** submitted → assigned to r → 不同意 → the handling officer disputes it. */
  const disputed = (registry: Registry = bodies) => {
    let s = submitted();
    s = apply(s, act(s, { type: "review.assign", reviewerId: "r" }, headActor, { registry }));
    const findings = allOk.map((f, i) => (i === 0 ? { ...f, ok: false, note: "数额过高" } : f));
    s = apply(
      s,
      act(s, { type: "review.conclude", outcome: "rejected", findings, opinion: "不同意" }, reviewerActor, {
        registry,
      }),
    );
    return apply(s, act(s, { type: "review.dispute", reason: "承办机构认为数额适当" }, officerActor, { registry }));
  };
  const discuss = (participants: string[], membersTotal?: number): ReviewCommandInput => ({
    type: "review.discuss",
    participants,
    ...(membersTotal === undefined ? {} : { membersTotal }),
    resolution: "adoptDraft",
    conclusion: "采纳承办机构意见",
  });
  const ART_57_2 = { law: "行政处罚法", article: 57, paragraph: 2, confidence: "C-law" };
  /** h4 (副局长三) away from 2025-06-01: three heads in post on NOW. */
  const h4 = recordOf("h4");
  const h4Away = createBodiesRegistry({
    ...bodies.data,
    officers: [
      ...bodies.data.officers.filter((o) => o.id !== "h4"),
      { ...h4, effectiveUntil: "2025-06-01" },
      { ...h4, status: "away", effectiveFrom: "2025-06-01" },
    ],
  })._unsafeUnwrap();

  it.each([
    ["a person not in the registry", "ghost", "ACTOR_NOT_REGISTERED", "ghost", bodies],
    ["a registered officer who is not a head", "b", "ROLE_NOT_BACKED", "乙（b）", bodies],
    ["a head not in post that day", "h4", "OFFICER_NOT_QUALIFIED", "副局长三（h4）", h4Away],
  ] as const)(
    "%s is refused by name, citing Art. 57 para. 2; nothing is decided",
    (_what, id, code, named, registry) => {
      const s = disputed(registry);
      const e = act(s, discuss(["h", "h2", id]), headActor, { registry })._unsafeUnwrapErr();
      expect(e.code).toBe(code);
      expect(e.message).toContain(named);
      expect(e.message).toContain("本机关在岗负责人为");
      expect(e.source).toEqual(ART_57_2);
      expect(e.details).toMatchObject({ participant: id });
      expect((e.details as { heads: string[] }).heads).toContain("局长（h）");
    },
  );

  it("the quorum is counted over the registry's heads in post, not the membersTotal the command states", () => {
    // Four heads in post: two of them are short of two thirds, whatever the command claims.
    const e = act(disputed(), discuss(["h", "h2"], 2), headActor)._unsafeUnwrapErr();
    expect(e.code).toBe("DISCUSSION_QUORUM_NOT_MET");
    expect(e.details).toMatchObject({ participants: 2, membersTotal: 4, needed: 3 });
    const [held] = act(disputed(), discuss(["h", "h2", "h3"], 9), headActor)._unsafeUnwrap();
    expect(held).toMatchObject({
      type: "review.discussed",
      payload: { participants: ["h", "h2", "h3"], membersTotal: 4 },
    });
    // With h4 away, three heads are in post: two of them are two thirds.
    const [away] = act(disputed(h4Away), discuss(["h", "h2"]), headActor, { registry: h4Away })._unsafeUnwrap();
    expect(away).toMatchObject({ payload: { participants: ["h", "h2"], membersTotal: 3 } });
  });
});

describe("review: property — an assignment is accepted only from a role the registry backs", () => {
  const ids = ["a", "b", "r", "u", "g", "n", "h", "h2", "ghost"];
  const roleSets: Role[][] = [["head"], ["legalReviewer"], ["head", "legalReviewer"], ["officer", "head"]];
  it("holds for every registered or unknown actor claiming head and/or legal reviewer", () => {
    const base = submitted();
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.constantFrom(...roleSets), (id, roles) => {
        const actor: Actor = { id, name: `人员${id}`, roles };
        const r = act(base, { type: "review.assign", reviewerId: "r" }, actor);
        const o = bodies.officer(id, "2025-06-03");
        const backed =
          o.isOk() &&
          o.value.status === "active" &&
          ((roles.includes("head") && o.value.leadership !== undefined) ||
            (roles.includes("legalReviewer") && o.value.reviewer === true));
        expect(r.isOk()).toBe(backed);
        if (r.isErr()) {
          expect(["ACTOR_NOT_REGISTERED", "ROLE_NOT_BACKED", "OFFICER_NOT_QUALIFIED"]).toContain(r.error.code);
          expect(r.error.details).toMatchObject({ actorId: id });
        }
      }),
      { numRuns: 100 },
    );
  });
});
