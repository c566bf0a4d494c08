// The ordinary procedure's legal-review gate (行政处罚法 Art. 58) wired to the review module.
import { describe, expect, it } from "vitest";
import { createBodiesRegistry } from "../registry/bodies/registry.js";
import { decideReview } from "../review/decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "../review/fold.js";
import { REVIEW_ITEMS } from "../review/schema.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import { caseDecisionDraft, caseDecisionHash } from "./review-gate.js";
import { bodies, calendar, ctxAt, doc, fileCommand, headActor, officerActor, reviewerActor } from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;
const revoke = { kinds: ["revokeLicence" as const] };
const decideRevoke: PenaltyCommandInput = {
  type: "case.decide",
  outcome: "penalty",
  penalty: revoke,
  records: [doc("d")],
};

function run(steps: readonly [PenaltyCommandInput, string, typeof officerActor?][]): CaseState {
  let state = initialCaseState("case-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

/** 吊销 after a waived hearing window: major under the default catalogue. */
const noticed = (facts = "未按规定执业") =>
  run([
    [fileCommand, T("03")],
    [{ type: "investigation.close", facts }, T("04")],
    [{ type: "notice.serve", penalty: revoke, facts, basis: ["律师法第五十条"], records: [doc("n")] }, T("05")],
    [{ type: "discussion.hold", participants: ["h", "h2"], conclusion: "同意" }, T("06"), headActor],
  ]);

// The review module needs a registry that knows the reviewer: a qualified one, "q".
const withReviewer = createBodiesRegistry({
  ...bodies.data,
  officers: [
    ...bodies.data.officers,
    {
      ...bodies.data.officers[0],
      id: "q",
      name: "审核员",
      certificateNumber: "640502190019",
      reviewer: true,
      reviewerSince: "2023-01-01",
      legalQualification: "A1",
    } as (typeof bodies.data.officers)[number],
  ],
})._unsafeUnwrap();

function approvedReview(state: CaseState, penalty = revoke): ReviewState {
  let r = initialReviewState("case-1.review");
  const q = { id: "q", name: "审核员", roles: ["legalReviewer" as const] };
  const steps: [Parameters<typeof decideReview>[1], typeof q | typeof officerActor | typeof headActor][] = [
    [
      {
        type: "review.submit",
        caseId: "case-1",
        draft: caseDecisionDraft(state.context, "penalty", penalty),
        handlingOfficerIds: ["a", "b"],
        materials: ["application", "proposalNote", "draftDecision", "evidence"].map((kind, i) => ({
          kind: kind as "application",
          id: `m${i}`,
        })),
      },
      officerActor,
    ],
    [{ type: "review.assign", reviewerId: "q" }, headActor],
    [
      {
        type: "review.conclude",
        outcome: "approved",
        findings: REVIEW_ITEMS.map((item) => ({ item, ok: true })),
        opinion: "同意",
      },
      q,
    ],
  ];
  for (const [cmd, actor] of steps) {
    const events = decideReview(r, cmd, { actor, now: T("06", "05"), calendar, bodies: withReviewer })._unsafeUnwrap();
    for (const e of events) r = evolveReview(r, e)._unsafeUnwrap();
  }
  return r;
}

// 2025-03-05 notice + 5 working days (hearing window) ends 03-12; decide on the 20th.
describe("case.decide and the review gate (行政处罚法第五十八条)", () => {
  it("a major decision without review is refused with the catalogue's reasons", () => {
    const e = decide(noticed(), decideRevoke, ctxAt(T("20"), headActor))._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEW_NOT_APPROVED");
    expect(e.message).toContain("拟吊销许可证件");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 58 });
  });

  it("an approval in the review module is recorded in the case right before the decision", () => {
    const s = noticed();
    const review = approvedReview(s);
    const events = decide(s, decideRevoke, { ...ctxAt(T("20"), headActor), reviews: [review] })._unsafeUnwrap();
    expect(events.map((e) => e.type)).toEqual(["review.approved", "case.decided"]);
    expect(events[0]?.payload).toMatchObject({
      reviewId: "case-1.review",
      draftHash: caseDecisionHash(s.context, "penalty", revoke, {}),
    });
    expect(events[1]?.payload).toMatchObject({ major: true });
    expect(events.map((e) => e.seq)).toEqual([s.version + 1, s.version + 2]);
    let state = s;
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
    expect(state.value).toBe("decided");
  });

  it("an approval of another decision does not open the gate: a changed penalty or a new notice voids it", () => {
    const s = noticed();
    const review = approvedReview(s);
    const lighter: PenaltyCommandInput = {
      type: "case.decide",
      outcome: "penalty",
      penalty: { kinds: ["revokeLicence", "warning"] },
      records: [doc("d")],
    };
    // A penalty not in the notice is refused by Art. 44 first; a re-notice with other facts voids the approval.
    expect(decide(s, lighter, { ...ctxAt(T("20"), headActor), reviews: [review] }).isErr()).toBe(true);
    let renoticed = s;
    const again = decide(
      s,
      {
        type: "notice.serve",
        penalty: revoke,
        facts: "未按规定执业，情节严重",
        basis: ["律师法第五十条"],
        records: [doc("n2")],
      },
      ctxAt(T("07")),
    )._unsafeUnwrap();
    for (const e of again) renoticed = evolve(renoticed, e)._unsafeUnwrap();
    const e = decide(renoticed, decideRevoke, { ...ctxAt(T("20"), headActor), reviews: [review] })._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEW_NOT_APPROVED");
  });

  it("review.approve naming a review is checked against it; one who handled the case may not approve", () => {
    const s = noticed();
    const hash = caseDecisionHash(s.context, "penalty", revoke, {});
    const ctx = { ...ctxAt(T("07"), reviewerActor), reviews: [approvedReview(s)] };
    expect(decide(s, { type: "review.approve", draftHash: hash, reviewId: "case-1.review" }, ctx).isOk()).toBe(true);
    const wrong = caseDecisionHash(s.context, "penalty", { kinds: ["warning"] }, {});
    expect(
      decide(s, { type: "review.approve", draftHash: wrong, reviewId: "case-1.review" }, ctx)._unsafeUnwrapErr().code,
    ).toBe("REVIEW_NOT_APPROVED");
    const handler = { id: "a", name: "甲", roles: ["legalReviewer" as const] };
    // "a" is not registered as a reviewer: the claim itself is refused, naming the officer.
    const claimed = decide(s, { type: "review.approve", draftHash: hash }, ctxAt(T("07"), handler))._unsafeUnwrapErr();
    expect([claimed.code, claimed.details?.actorId]).toEqual(["ROLE_NOT_BACKED", "a"]);
    // Registered as one, "a" handled the case and must withdraw (Art. 43).
    const aReviews = createBodiesRegistry({
      ...bodies.data,
      officers: bodies.data.officers.map((o) =>
        o.id === "a" ? { ...o, reviewer: true, reviewerSince: "2019-01-01", legalQualification: "A20196405020002" } : o,
      ),
    })._unsafeUnwrap();
    expect(
      decide(
        s,
        { type: "review.approve", draftHash: hash },
        { ...ctxAt(T("07"), handler), bodies: aReviews },
      )._unsafeUnwrapErr().code,
    ).toBe("REVIEWER_RECUSAL_REQUIRED");
  });

  it("a decision that is not major needs no review (a warning)", () => {
    const s = run([
      [fileCommand, T("03")],
      [{ type: "investigation.close", facts: "事实" }, T("04")],
      [
        {
          type: "notice.serve",
          penalty: { kinds: ["warning"] },
          facts: "事实",
          basis: ["律师法第五十条"],
          records: [doc("n")],
        },
        T("05"),
      ],
    ]);
    // After the party's statement window (5 working days from the notice, 行政处罚法第六十二条).
    const events = decide(
      s,
      { type: "case.decide", outcome: "penalty", penalty: { kinds: ["warning"] }, records: [doc("d")] },
      ctxAt(T("13"), headActor),
    )._unsafeUnwrap();
    expect(events[0]?.payload.major).toBeUndefined();
  });
});

describe("a direct review.approve is held to the reviewer rules (行政处罚法第五十八条第二款、第四十三条)", () => {
  it("refuses a reviewer not in the registry, one without the 法律职业资格 reviewing for the first time, and accepts the qualified one", () => {
    const s = noticed();
    const draftHash = caseDecisionHash(s.context, "penalty", revoke, ctxAt(T("07")));
    const approve: PenaltyCommandInput = { type: "review.approve", draftHash };
    const stranger = { id: "nobody", name: "外人", roles: ["legalReviewer" as const] };
    expect(decide(s, approve, ctxAt(T("07"), stranger))._unsafeUnwrapErr().code).toBe("ACTOR_NOT_REGISTERED");
    // The same reviewer "r", but a first-time reviewer since 2024 without the qualification.
    const unqualified = createBodiesRegistry({
      issuers: [{ id: "nx", name: "宁夏回族自治区人民政府", pattern: "64\\d{10}" }],
      bodies: [
        {
          id: "spt",
          name: "中卫市沙坡头区司法局",
          kind: "agency",
          authority: [{ law: "律师法", article: 52, paragraph: 1 }],
          regionCode: "640502",
          categories: ["律师管理"],
          effectiveFrom: "2019-01-01",
        },
      ],
      officers: [
        {
          id: "r",
          name: "审核员",
          bodyId: "spt",
          certificateNumber: "640502190008",
          issuerId: "nx",
          categories: ["律师管理"],
          regions: ["640502"],
          validFrom: "2019-01-01",
          validUntil: "2028-12-31",
          status: "active",
          effectiveFrom: "2019-01-01",
          reviewer: true,
          reviewerSince: "2024-01-01",
        },
      ],
    })._unsafeUnwrap();
    const refused = decide(s, approve, { ...ctxAt(T("07"), reviewerActor), bodies: unqualified })._unsafeUnwrapErr();
    expect(refused.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(refused.source).toMatchObject({ law: "行政处罚法", article: 58 });
    expect(decide(s, approve, ctxAt(T("07"), reviewerActor)).isOk()).toBe(true);
  });
});

describe("the gate's refusal says why and what to do next (details.why, as docs/review.md promises)", () => {
  const renotice = (s: CaseState): CaseState => {
    let out = s;
    const cmd: PenaltyCommandInput = {
      type: "notice.serve",
      penalty: revoke,
      facts: "未按规定执业，情节严重",
      basis: ["律师法第五十条"],
      records: [doc("n2")],
    };
    for (const e of decide(s, cmd, ctxAt(T("07")))._unsafeUnwrap()) out = evolve(out, e)._unsafeUnwrap();
    return out;
  };

  it("never reviewed: notSubmitted, and the next step is to submit the draft (review.submit)", () => {
    const e = decide(noticed(), decideRevoke, ctxAt(T("20"), headActor))._unsafeUnwrapErr();
    expect(e.details).toMatchObject({ why: "notSubmitted", reviews: [] });
    expect(e.message).toContain("未经法制审核");
    expect(e.message).toContain("review.submit");
  });

  it("a review still running: pending, naming its state", () => {
    const s = noticed();
    const submitted = decideReview(
      initialReviewState("case-1.review"),
      {
        type: "review.submit",
        caseId: "case-1",
        draft: caseDecisionDraft(s.context, "penalty", revoke),
        handlingOfficerIds: ["a", "b"],
        materials: ["application", "proposalNote", "draftDecision", "evidence"].map((kind, i) => ({
          kind: kind as "application",
          id: `m${i}`,
        })),
      },
      { actor: officerActor, now: T("06", "05"), calendar, bodies: withReviewer },
    )._unsafeUnwrap();
    let r = initialReviewState("case-1.review");
    for (const ev of submitted) r = evolveReview(r, ev)._unsafeUnwrap();
    const e = decide(s, decideRevoke, { ...ctxAt(T("20"), headActor), reviews: [r] })._unsafeUnwrapErr();
    expect(e.details).toMatchObject({ why: "pending", reviews: [{ reviewId: "case-1.review", state: "submitted" }] });
    expect(e.message).toContain("法制审核尚未完成");
  });

  it("approved, then the draft changed (a review in ctx.reviews, or an approval recorded in the case): draftChanged", () => {
    const s = noticed();
    const review = approvedReview(s);
    const viaReviews = decide(renotice(s), decideRevoke, {
      ...ctxAt(T("20"), headActor),
      reviews: [review],
    })._unsafeUnwrapErr();
    expect(viaReviews.details).toMatchObject({ why: "draftChanged" });
    expect(viaReviews.message).toContain("与审核通过的草案不一致");
    // The approval recorded in the case by review.approve, then a new notice with other facts.
    const hash = caseDecisionHash(s.context, "penalty", revoke, {});
    let approved = s;
    const ctx = { ...ctxAt(T("07"), reviewerActor), reviews: [review] };
    for (const ev of decide(
      s,
      { type: "review.approve", draftHash: hash, reviewId: "case-1.review" },
      ctx,
    )._unsafeUnwrap())
      approved = evolve(approved, ev)._unsafeUnwrap();
    expect(approved.context.approvedDraftHashes).toContain(hash);
    const recorded = decide(renotice(approved), decideRevoke, ctxAt(T("20"), headActor))._unsafeUnwrapErr();
    expect(recorded.details).toMatchObject({ why: "draftChanged" });
    expect(recorded.message).not.toContain("未经法制审核。");
  });
});
