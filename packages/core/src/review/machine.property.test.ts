// Model-based property test of the review workflow: random command sequences (valid and
// invalid, by the right and the wrong people, in any order) against decideReview +
// evolveReview, with an independent model of what the gate must say.
import { fc, test } from "@fast-check/vitest";
import { afterAll, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { addDays } from "../kernel/time.js";
import type { CaseEvent } from "../recording/case-event.js";
import { classifyDecision } from "./catalogue.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview } from "./decide.js";
import { type ReviewDraft, reviewDraftHash } from "./draft.js";
import { evolveReview, foldReview, initialReviewState, type ReviewState } from "./fold.js";
import { reviewGate } from "./gate.js";
import {
  allOk,
  draft,
  headActor,
  materials,
  officerActor,
  rctx,
  reviewerActor,
  smallerDraft,
} from "./test-fixtures.js";

interface Model {
  accepted: number;
}
interface Real {
  state: ReviewState;
  events: CaseEvent[];
  day: string;
}

const DRAFTS: ReviewDraft[] = [
  draft,
  smallerDraft,
  { ...draft, penalty: { kinds: ["fine"], fineFen: 11_000_000 } },
  { ...draft, facts: "补充认定的事实" },
  { ...draft, penalty: { kinds: ["revokeLicence"] } },
];

const ACTORS: Actor[] = [
  officerActor,
  headActor,
  reviewerActor,
  { id: "g", name: "老审核员", roles: ["legalReviewer"] },
  { id: "u", name: "新审核员", roles: ["legalReviewer"] },
  // A handling officer who is also a legal reviewer: must never review this case.
  { id: "a", name: "甲", roles: ["legalReviewer", "officer"] },
];

const findingsArb = fc.oneof(
  fc.constant(allOk),
  fc.constant(allOk.slice(1)),
  fc.constant(allOk.map((f) => (f.item === "procedure" ? { item: f.item, ok: false, note: "程序违法" } : f))),
);

/** A sensible actor most of the time (so that the walk gets far), any actor sometimes. */
const actorFor = (...ids: string[]): fc.Arbitrary<Actor> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...ACTORS.filter((a) => ids.includes(a.id))) },
    { weight: 1, arbitrary: fc.constantFrom(...ACTORS) },
  );

/** Each command with its likely actor. */
const commandArb: fc.Arbitrary<[ReviewCommandInput, Actor]> = fc.oneof(
  fc.tuple(
    fc.record({
      type: fc.constant("review.submit" as const),
      caseId: fc.constant("case-1"),
      draft: fc.constantFrom(...DRAFTS),
      materials: fc.constantFrom(materials, materials, materials.slice(1)),
      handlingOfficerIds: fc.constant(["a", "b"]),
    }),
    actorFor("a"),
  ),
  fc.tuple(
    fc.record({ type: fc.constant("review.assign" as const), reviewerId: fc.constantFrom("r", "g", "u", "a", "n") }),
    actorFor("h", "r"),
  ),
  fc.tuple(
    fc.record({ type: fc.constant("review.extend" as const), reason: fc.constant("案情复杂") }),
    actorFor("r", "h"),
  ),
  fc.tuple(
    fc.record({ type: fc.constant("review.escalate" as const), reason: fc.constant("疑难复杂") }),
    actorFor("r", "g"),
  ),
  fc.tuple(
    fc.record({ type: fc.constant("review.advise" as const), opinion: fc.constant("法律顾问室意见") }),
    actorFor("r", "g"),
  ),
  fc.tuple(
    fc.oneof(
      fc.constant<ReviewCommandInput>({
        type: "review.conclude",
        outcome: "approved",
        findings: allOk,
        opinion: "同意",
      }),
      fc.constant<ReviewCommandInput>({
        type: "review.conclude",
        outcome: "problems",
        findings: allOk.map((f) => (f.item === "procedure" ? { item: f.item, ok: false, note: "程序违法" } : f)),
        requiredChanges: ["修改"],
        opinion: "存在问题",
      }),
      fc.record({
        type: fc.constant("review.conclude" as const),
        outcome: fc.constantFrom("approved" as const, "problems" as const, "rejected" as const),
        findings: findingsArb,
        requiredChanges: fc.constantFrom([], ["修改"]),
        opinion: fc.constant("意见"),
      }),
    ),
    actorFor("r", "g"),
  ),
  fc.tuple(
    fc.record({
      type: fc.constant("review.resubmit" as const),
      draft: fc.constantFrom(...DRAFTS),
      changes: fc.constant("已修改"),
    }),
    actorFor("a"),
  ),
  fc.tuple(fc.record({ type: fc.constant("review.dispute" as const), reason: fc.constant("异议") }), actorFor("a")),
  fc.tuple(
    fc.record({
      type: fc.constant("review.discuss" as const),
      participants: fc.constantFrom(
        ["h"],
        ["h", "h2"],
        ["h", "h2", "h3"],
        ["h", "h", "h2"],
        ["h", "h2", "h3", "h4"],
        // Not heads of the body: an officer, a stranger (行政处罚法 Art. 57 para. 2).
        ["h", "h2", "b"],
        ["h", "h2", "ghost"],
      ),
      membersTotal: fc.constantFrom(3, 4, undefined),
      resolution: fc.constantFrom("adoptDraft" as const, "adoptReview" as const, "reject" as const),
      conclusion: fc.constant("结论"),
    }),
    actorFor("h"),
  ),
);

// Coverage of the random walks: every state and event type reached.
const reached = new Set<string>();

class Step implements fc.Command<Model, Real> {
  constructor(
    readonly cmd: ReviewCommandInput,
    readonly actor: Actor,
    readonly advance: number,
  ) {}
  check(): boolean {
    return true;
  }
  run(model: Model, real: Real): void {
    real.day = addDays(real.day, this.advance);
    const now = `${real.day}T03:00:00Z`;
    const before = JSON.stringify([real.state.value, real.state.context, real.state.version]);
    const r = decideReview(real.state, { ...this.cmd, at: now }, rctx(now, this.actor));
    if (r.isErr()) {
      // A refusal changes nothing and is always a coded error.
      expect(JSON.stringify([real.state.value, real.state.context, real.state.version])).toBe(before);
      expect(r.error.code).toMatch(/^[A-Z_]+$/);
      return;
    }
    for (const e of r.value) real.state = evolveReview(real.state, e)._unsafeUnwrap();
    real.events.push(...r.value);
    model.accepted += 1;
    reached.add(real.state.value);
    for (const e of r.value) reached.add(e.type);
    const folded = foldReview(real.state.reviewId, real.events)._unsafeUnwrap();
    expect(folded.value).toBe(real.state.value);
    expect(folded.context).toEqual(real.state.context);
    checkInvariants(real);
  }
  toString(): string {
    return `${this.cmd.type}(${this.actor.id},+${this.advance}d)`;
  }
}

/** The gate's answer, computed from the events alone, independently of the machine. */
function approvedHashOf(events: readonly CaseEvent[]): string | undefined {
  let approved: string | undefined;
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    if (e.type === "review.submitted" || e.type === "review.resubmitted") approved = undefined;
    if (e.type === "review.concluded" && p.outcome === "approved") approved = p.draftHash as string;
    if (e.type === "review.discussed" && p.resolution === "adoptDraft") approved = p.draftHash as string;
  }
  return approved;
}

function checkInvariants(real: Real): void {
  let assigned: string | undefined;
  let disputed = false;
  for (const e of real.events) {
    const p = e.payload as Record<string, unknown>;
    if (e.type === "review.assigned") {
      assigned = p.reviewerId as string;
      // Art. 58 para. 2 and Art. 43: only qualified reviewers who did not handle the case.
      expect(["r", "g"]).toContain(assigned);
    }
    if (e.type === "review.concluded") {
      // The opinion is the assigned reviewer's own.
      expect(p.reviewerId).toBe(assigned);
      expect(e.actor.id).toBe(assigned);
      expect(p.findings as unknown[]).toHaveLength(8);
    }
    if (e.type === "review.submitted" || e.type === "review.resubmitted") disputed = false;
    if (e.type === "review.disputed") disputed = true;
    if (e.type === "review.discussed") {
      // Art. 57 para. 2: a discussion only of a dispute, with the quorum (2/3 by default).
      expect(disputed).toBe(true);
      const participants = p.participants as string[];
      // Every participant a head of the body in post; the total the registry's heads in post.
      expect(participants.every((id) => ["h", "h2", "h3", "h4"].includes(id))).toBe(true);
      expect(p.membersTotal).toBe(4);
      expect(participants.length * 3).toBeGreaterThanOrEqual((p.membersTotal as number) * 2);
      expect(e.actor.roles).toContain("head");
    }
  }
  // THE gate property: a major draft passes exactly when its very hash is the approval in force.
  const approved = approvedHashOf(real.events);
  for (const d of DRAFTS) {
    const gate = reviewGate(real.state, d);
    const major = classifyDecision(d).major;
    expect(gate.isOk()).toBe(!major || approved === reviewDraftHash(d));
    if (gate.isErr()) expect(gate.error.code).toBe("REVIEW_NOT_APPROVED");
  }
}

const stepArb = fc
  .tuple(commandArb, fc.integer({ min: 0, max: 3 }))
  .map(([[cmd, actor], advance]) => new Step(cmd, actor, advance));

test.prop([fc.commands([stepArb], { maxCommands: 50, size: "max" })], { numRuns: 150 })(
  "random command sequences: state = fold of events; no opinion, approval or discussion bypasses its rule",
  (cmds) => {
    const real: Real = { state: initialReviewState("case-1.review"), events: [], day: "2025-06-02" };
    fc.modelRun(() => ({ model: { accepted: 0 }, real }), cmds);
  },
  60_000,
);

// Each state and event of the coverage check once by a scripted walk, so the check never
// depends on the random walks' luck.
it("scripted walks reach approved, escalated, changesRequired → resubmitted, rejected → disputed → discussed", () => {
  const failing = allOk.map((f) => (f.item === "procedure" ? { item: f.item, ok: false, note: "程序违法" } : f));
  const start = (): Step[] => [
    new Step(
      { type: "review.submit", caseId: "case-1", draft, materials, handlingOfficerIds: ["a", "b"] },
      officerActor,
      0,
    ),
    new Step({ type: "review.assign", reviewerId: "r" }, headActor, 0),
  ];
  const walks: [Step[], string][] = [
    [
      [
        ...start(),
        new Step({ type: "review.conclude", outcome: "approved", findings: allOk, opinion: "同意" }, reviewerActor, 1),
      ],
      "approved",
    ],
    [[...start(), new Step({ type: "review.escalate", reason: "疑难复杂" }, reviewerActor, 1)], "escalated"],
    [
      [
        ...start(),
        new Step(
          {
            type: "review.conclude",
            outcome: "problems",
            findings: failing,
            requiredChanges: ["修改"],
            opinion: "存在问题",
          },
          reviewerActor,
          1,
        ),
        new Step({ type: "review.resubmit", draft: smallerDraft, changes: "已修改", materials: [] }, officerActor, 1),
      ],
      "underReview",
    ],
    [
      [
        ...start(),
        new Step(
          { type: "review.conclude", outcome: "rejected", findings: failing, requiredChanges: [], opinion: "不同意" },
          reviewerActor,
          1,
        ),
        new Step({ type: "review.dispute", reason: "异议" }, officerActor, 0),
        new Step(
          {
            type: "review.discuss",
            participants: ["h", "h2", "h3"],
            membersTotal: 3,
            resolution: "adoptDraft",
            conclusion: "结论",
          },
          headActor,
          1,
        ),
      ],
      "approved",
    ],
  ];
  for (const [walk, end] of walks) {
    const real: Real = { state: initialReviewState("case-1.review"), events: [], day: "2025-06-02" };
    fc.modelRun(() => ({ model: { accepted: 0 }, real }), walk);
    // Each end state is reachable only through the steps named (a resubmission ends under
    // review again; approval after a rejection only through a dispute and a discussion).
    expect(real.state.value, walk.map(String).join(" → ")).toBe(end);
  }
});

afterAll(() => {
  for (const s of [
    "approved",
    "changesRequired",
    "rejected",
    "disputed",
    "escalated",
    "review.discussed",
    "review.resubmitted",
  ]) {
    expect(reached.has(s), `the random walk never reached ${s}`).toBe(true);
  }
});

test.prop([fc.commands([stepArb], { maxCommands: 30, size: "max" })], { numRuns: 50 })(
  "the happy path is reachable: some sequences end approved (the test can see approvals)",
  (cmds) => {
    const real: Real = { state: initialReviewState("case-1.review"), events: [], day: "2025-06-02" };
    const scripted: Step[] = [
      new Step(
        { type: "review.submit", caseId: "case-1", draft, materials, handlingOfficerIds: ["a", "b"] },
        officerActor,
        0,
      ),
      new Step({ type: "review.assign", reviewerId: "r" }, headActor, 0),
      new Step({ type: "review.conclude", outcome: "approved", findings: allOk, opinion: "同意" }, reviewerActor, 1),
    ];
    fc.modelRun(() => ({ model: { accepted: 0 }, real }), [...scripted, ...cmds]);
    // Whatever came after, the approved draft passes unless a re-submission voided it.
    const resubmitted = real.events.some((e) => e.type === "review.resubmitted");
    if (!resubmitted) expect(reviewGate(real.state, draft).isOk()).toBe(true);
  },
  60_000,
);
