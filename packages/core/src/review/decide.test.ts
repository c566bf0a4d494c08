import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview } from "./decide.js";
import { reviewDraftHash } from "./draft.js";
import { evolveReview, foldReview, initialReviewState, type ReviewState } from "./fold.js";
import { reviewGate } from "./gate.js";
import { reviewOpinion, reviewOpinionHtml } from "./opinion.js";
import {
  allOk,
  draft,
  headActor,
  materials,
  officerActor,
  otherReviewerActor,
  rctx,
  reviewerActor,
  smallerDraft,
} from "./test-fixtures.js";

// 2025-06-03 is a Tuesday; 7 working days later is 2025-06-12 (no holiday in between).
const NOW = "2025-06-03T02:00:00Z";

interface Run {
  state: ReviewState;
  events: CaseEvent[];
}

function step(run: Run, cmd: ReviewCommandInput, actor: Actor, now = NOW) {
  const r = decideReview(run.state, cmd, rctx(now, actor));
  if (r.isOk()) {
    for (const e of r.value) run.state = evolveReview(run.state, e)._unsafeUnwrap();
    run.events.push(...r.value);
  }
  return r;
}

const submit: ReviewCommandInput = {
  type: "review.submit",
  caseId: "case-1",
  draft,
  materials,
  handlingOfficerIds: ["a", "b"],
};

function submitted(): Run {
  const run: Run = { state: initialReviewState("case-1.review"), events: [] };
  step(run, submit, officerActor)._unsafeUnwrap();
  return run;
}

function assigned(): Run {
  const run = submitted();
  step(run, { type: "review.assign", reviewerId: "r" }, headActor)._unsafeUnwrap();
  return run;
}

const problems: ReviewCommandInput = {
  type: "review.conclude",
  outcome: "problems",
  findings: allOk.map((f) =>
    f.item === "lawAndBenchmark" ? { item: f.item, ok: false, note: "罚款数额超出裁量基准，未说明理由" } : f,
  ),
  requiredChanges: ["按裁量基准重新确定罚款数额"],
  opinion: "存在问题，请修改后重新送审",
};
const approve: ReviewCommandInput = { type: "review.conclude", outcome: "approved", findings: allOk, opinion: "同意" };

describe("submission (送审)", () => {
  it("records the draft, its hash, why it is major and a 7-working-day deadline (118号 四（十三） [VAR])", () => {
    const run = submitted();
    expect(run.state.value).toBe("submitted");
    const e = run.events[0];
    expect(e?.type).toBe("review.submitted");
    expect(e?.stage).toBe("review");
    expect(e?.payload.draftHash).toBe(reviewDraftHash(draft));
    expect(run.state.context.due).toMatchObject({ due: "2025-06-12", workingDays: 7, start: "2025-06-03" });
    expect(run.state.context.reasons.map((r) => r.rule)).toEqual(["fineAmount"]);
  });

  it("the deadline skips the Dragon Boat Festival break (2025-05-31 – 06-02)", () => {
    const run: Run = { state: initialReviewState("x"), events: [] };
    step(run, submit, officerActor, "2025-05-29T02:00:00Z")._unsafeUnwrap();
    // Thu 29 May + 7 working days: 30 May, 3, 4, 5, 6, 9, 10 June.
    expect(run.state.context.due?.due).toBe("2025-06-10");
  });

  it("refuses incomplete materials with REVIEW_MATERIALS_INCOMPLETE naming what is missing", () => {
    const run: Run = { state: initialReviewState("x"), events: [] };
    const e = step(run, { ...submit, materials: materials.slice(0, 2) }, officerActor)._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEW_MATERIALS_INCOMPLETE");
    expect(e.message).toContain("行政处罚决定书（草案）");
    expect(e.message).toContain("证据材料");
  });

  it("after a hearing the 听证笔录 is required", () => {
    const run: Run = { state: initialReviewState("x"), events: [] };
    const e = step(run, { ...submit, draft: { ...draft, hearingHeld: true } }, officerActor)._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEW_MATERIALS_INCOMPLETE");
    expect(e.details).toMatchObject({ missing: ["hearingRecord"] });
  });

  it("only an officer submits (PERMISSION_DENIED for a reviewer)", () => {
    const run: Run = { state: initialReviewState("x"), events: [] };
    expect(step(run, submit, reviewerActor)._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
  });
});

describe("assignment (指定审核人员)", () => {
  it("assigns a legal reviewer holding the 法律职业资格", () => {
    const run = assigned();
    expect(run.state.value).toBe("underReview");
    expect(run.state.context.legalQualification).toBe("A20230001");
  });

  it("refuses an officer who handled the case (回避, 行政处罚法第四十三条) even when qualified", () => {
    const run = submitted();
    const e = step(run, { type: "review.assign", reviewerId: "a" }, headActor)._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEWER_RECUSAL_REQUIRED");
    expect(e.source).toMatchObject({ article: 43 });
  });

  it("refuses a first-time reviewer without the 法律职业资格 (行政处罚法第五十八条第二款)", () => {
    const run = submitted();
    const e = step(run, { type: "review.assign", reviewerId: "u" }, headActor)._unsafeUnwrapErr();
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(e.source).toMatchObject({ article: 58, paragraph: 2 });
  });

  it("accepts a reviewer who reviewed before 2021-07-15 without it (not 初次)", () => {
    const run = submitted();
    expect(step(run, { type: "review.assign", reviewerId: "g" }, headActor).isOk()).toBe(true);
  });

  it("re-assigning drops the previous reviewer's 法律职业资格 (the opinion names the reviewer's own)", () => {
    const run = submitted();
    step(run, { type: "review.assign", reviewerId: "r" }, headActor)._unsafeUnwrap();
    expect(run.state.context.legalQualification).toBe("A20230001");
    step(run, { type: "review.assign", reviewerId: "g" }, headActor)._unsafeUnwrap();
    expect(run.state.context.reviewerId).toBe("g");
    expect(run.state.context.legalQualification).toBeUndefined();
  });

  it("refuses an officer who is not a legal reviewer, and an unknown one", () => {
    const run = submitted();
    expect(step(run, { type: "review.assign", reviewerId: "n" }, headActor)._unsafeUnwrapErr().code).toBe(
      "OFFICER_NOT_QUALIFIED",
    );
    expect(step(run, { type: "review.assign", reviewerId: "zz" }, headActor)._unsafeUnwrapErr().code).toBe(
      "REGISTRY_NOT_FOUND",
    );
  });
});

describe("opinion (审核意见)", () => {
  it("only the assigned reviewer concludes", () => {
    const run = assigned();
    expect(step(run, approve, otherReviewerActor)._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
    expect(step(run, approve, headActor)._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
  });

  it("needs a finding on every checklist item, once", () => {
    const run = assigned();
    const e = step(run, { ...approve, findings: allOk.slice(1) }, reviewerActor)._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("执法主体是否合法");
  });

  it("an outcome must match its findings: 同意 with a problem, or 存在问题 without changes, is refused", () => {
    const run = assigned();
    const { requiredChanges: _r, ...noChanges } = problems as Extract<ReviewCommandInput, { type: "review.conclude" }>;
    expect(step(run, { ...problems, outcome: "approved" }, reviewerActor)._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    expect(step(run, noChanges, reviewerActor)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("a late opinion is accepted and marked late", () => {
    const run = assigned();
    step(run, approve, reviewerActor, "2025-06-13T02:00:00Z")._unsafeUnwrap();
    expect(run.state.context.conclusions[0]?.late).toBe(true);
  });

  it("the deadline is extended once by 3 working days (7 + 3)", () => {
    const run = assigned();
    step(run, { type: "review.extend", reason: "案情复杂" }, reviewerActor)._unsafeUnwrap();
    expect(run.state.context.due).toMatchObject({ due: "2025-06-17", workingDays: 10 });
    expect(step(run, { type: "review.extend", reason: "再延" }, reviewerActor)._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});

describe("the gate (行政处罚法第五十八条)", () => {
  it("problems → changed draft re-submitted → approved: the gate passes only the approved draft", () => {
    const run = assigned();
    expect(reviewGate(run.state, draft)._unsafeUnwrapErr().details).toMatchObject({ why: "pending" });
    step(run, problems, reviewerActor)._unsafeUnwrap();
    expect(run.state.value).toBe("changesRequired");
    expect(reviewGate(run.state, draft)._unsafeUnwrapErr().details).toMatchObject({ why: "notApproved" });
    const changed = { ...draft, penalty: { kinds: ["fine" as const], fineFen: 11_000_000 } };
    step(
      run,
      {
        type: "review.resubmit",
        draft: changed,
        changes: "罚款调整为十一万元",
        materials: [{ kind: "proposalNote", id: "note-2" }],
      },
      officerActor,
    )._unsafeUnwrap();
    expect(run.state.value).toBe("underReview");
    expect(run.state.context.submissions).toBe(2);
    step(run, approve, reviewerActor)._unsafeUnwrap();
    expect(run.state.value).toBe("approved");
    const pass = reviewGate(run.state, changed)._unsafeUnwrap();
    expect(pass.approval).toMatchObject({ by: "reviewer", reviewId: "case-1.review" });
    const e = reviewGate(run.state, draft)._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEW_NOT_APPROVED");
    expect(e.details).toMatchObject({ why: "draftChanged" });
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 58 });
  });

  it("any change to the draft — party, facts, basis, amount — voids the approval", () => {
    const run = assigned();
    step(run, approve, reviewerActor)._unsafeUnwrap();
    expect(reviewGate(run.state, draft).isOk()).toBe(true);
    const variants = [
      { ...draft, party: { ...draft.party, name: "另一律师事务所" } },
      { ...draft, facts: "未按规定执业，情节严重" },
      { ...draft, basis: ["律师法第四十九条"] },
      { ...draft, penalty: { kinds: ["fine" as const], fineFen: 12_000_001 } },
      { ...draft, penalty: { kinds: ["fine" as const, "revokeLicence" as const], fineFen: 12_000_000 } },
    ];
    for (const v of variants) expect(reviewGate(run.state, v)._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
  });

  it("a draft that is not major passes without any review; a major one without review is refused", () => {
    expect(reviewGate(undefined, smallerDraft)._unsafeUnwrap().classification.major).toBe(false);
    const e = reviewGate(undefined, draft)._unsafeUnwrapErr();
    expect(e.details).toMatchObject({ why: "notSubmitted" });
    expect(e.message).toContain("重大执法决定");
  });

  it("re-submitting after approval voids it until approved again", () => {
    const run = assigned();
    step(run, approve, reviewerActor)._unsafeUnwrap();
    expect(step(run, { type: "review.resubmit", draft, changes: "无" }, officerActor)._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
    const other = { ...draft, facts: "补充认定的事实" };
    expect(run.state.context.approval).toBeDefined();
    step(run, { type: "review.resubmit", draft: other, changes: "补充事实" }, officerActor)._unsafeUnwrap();
    expect(reviewGate(run.state, draft).isErr()).toBe(true);
    expect(reviewGate(run.state, other).isErr()).toBe(true);
    // The voided approval is gone from the state, not merely outvoted by the state name.
    expect(run.state.context.approval).toBeUndefined();
  });
});

describe("escalation and disagreement (法律顾问室; 集体讨论, 行政处罚法第五十七条第二款)", () => {
  it("escalates to the legal adviser office and returns with its opinion", () => {
    const run = assigned();
    step(run, { type: "review.escalate", reason: "涉及多个法律关系" }, reviewerActor)._unsafeUnwrap();
    expect(run.state.value).toBe("escalated");
    expect(step(run, approve, reviewerActor)._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    step(run, { type: "review.advise", opinion: "法律顾问室认为定性准确" }, reviewerActor)._unsafeUnwrap();
    expect(run.state.value).toBe("underReview");
    step(run, approve, reviewerActor)._unsafeUnwrap();
    expect(reviewOpinion(run.state)._unsafeUnwrap().adviserOpinion).toBe("法律顾问室认为定性准确");
  });

  it("a dispute goes to collective discussion; below the quorum it is refused; adopting the draft approves it", () => {
    const run = assigned();
    step(run, { ...problems, outcome: "rejected" }, reviewerActor)._unsafeUnwrap();
    step(run, { type: "review.dispute", reason: "承办机构认为数额适当" }, officerActor)._unsafeUnwrap();
    expect(run.state.value).toBe("disputed");
    const discuss: ReviewCommandInput = {
      type: "review.discuss",
      participants: ["h", "h2"],
      membersTotal: 5,
      resolution: "adoptDraft",
      conclusion: "采纳承办机构意见",
    };
    const e = step(run, discuss, headActor)._unsafeUnwrapErr();
    expect(e.code).toBe("DISCUSSION_QUORUM_NOT_MET");
    expect(step(run, discuss, officerActor)._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
    step(run, { ...discuss, participants: ["h", "h2", "h3", "h4"] }, headActor)._unsafeUnwrap();
    expect(run.state.value).toBe("approved");
    expect(reviewGate(run.state, draft)._unsafeUnwrap().approval?.by).toBe("discussion");
    // One discussion per submission.
    expect(run.state.context.discussed).toBe(true);
  });

  it("a bureau may forbid a discussion to replace the review's approval", () => {
    const run = assigned();
    step(run, problems, reviewerActor)._unsafeUnwrap();
    step(run, { type: "review.dispute", reason: "异议" }, officerActor)._unsafeUnwrap();
    const r = decideReview(
      run.state,
      {
        type: "review.discuss",
        participants: ["h", "h2", "h3"],
        membersTotal: 3,
        resolution: "adoptDraft",
        conclusion: "采纳",
      },
      { ...rctx(NOW, headActor), policy: { discussionResolves: false } },
    );
    expect(r._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
  });

  it("after a discussion adopting the review, the draft must be changed; no second dispute", () => {
    const run = assigned();
    step(run, problems, reviewerActor)._unsafeUnwrap();
    step(run, { type: "review.dispute", reason: "异议" }, officerActor)._unsafeUnwrap();
    step(
      run,
      {
        type: "review.discuss",
        participants: ["h", "h2", "h3"],
        membersTotal: 3,
        resolution: "adoptReview",
        conclusion: "采纳审核意见",
      },
      headActor,
    )._unsafeUnwrap();
    expect(run.state.value).toBe("changesRequired");
    expect(step(run, { type: "review.dispute", reason: "再议" }, officerActor)._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});

describe("events and the opinion document", () => {
  it("the state is the fold of the events; a stream out of sequence does not fold", () => {
    const run = assigned();
    step(run, problems, reviewerActor)._unsafeUnwrap();
    const folded = foldReview("case-1.review", run.events)._unsafeUnwrap();
    expect(folded.value).toBe(run.state.value);
    expect(folded.context).toEqual(run.state.context);
    const swapped = [run.events[1], run.events[0]] as CaseEvent[];
    expect(foldReview("case-1.review", swapped)._unsafeUnwrapErr().code).toBe("EVENT_SEQUENCE_INVALID");
  });

  it("a forged stream — an approval by someone other than the assigned reviewer — does not fold", () => {
    const run = assigned();
    const forged: CaseEvent = {
      ...run.events[0],
      seq: 3,
      type: "review.concluded",
      payload: {
        at: NOW,
        reviewerId: "g",
        outcome: "approved",
        draftHash: reviewDraftHash(draft),
        findings: allOk,
        requiredChanges: [],
        opinion: "同意",
        late: false,
      },
    } as CaseEvent;
    expect(foldReview("case-1.review", [...run.events, forged])._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
  });

  it("the opinion (法制审核意见书) is structured and prints as escaped HTML", () => {
    const run: Run = { state: initialReviewState("case-1.review"), events: [] };
    const evil = { ...draft, party: { kind: "organisation" as const, name: '<script>alert("x")</script>' } };
    step(run, { ...submit, draft: evil }, officerActor)._unsafeUnwrap();
    expect(reviewOpinion(run.state)._unsafeUnwrapErr().code).toBe("REVIEW_NOT_CONCLUDED");
    step(run, { type: "review.assign", reviewerId: "r" }, headActor)._unsafeUnwrap();
    step(run, problems, reviewerActor)._unsafeUnwrap();
    const o = reviewOpinion(run.state, { reviewerName: "审核员" })._unsafeUnwrap();
    expect(o.outcomeName).toBe("存在问题");
    expect(o.proposal).toBe("罚款人民币120,000.00元（大写：人民币壹拾贰万元整）");
    expect(o.findings).toHaveLength(8);
    expect(o.requiredChanges).toEqual(["按裁量基准重新确定罚款数额"]);
    const html = reviewOpinionHtml(o, { organName: "中卫市沙坡头区司法局" });
    expect(html).toContain("法制审核意见书");
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("A20230001");
  });
});
