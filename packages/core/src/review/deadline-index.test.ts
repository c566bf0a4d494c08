// The review time limit in the deadline index: a missed review deadline is as visible as a
// case's (国办发〔2018〕118号 四（十三）: 法制审核 within a time limit — a bureau's [VAR] figure).
import { describe, expect, it } from "vitest";
import { PROJECTIONS, REVIEW_TIME_LIMIT } from "../enforcement/projections.js";
import { inMemoryEventStore } from "../enforcement/store.js";
import type { Actor } from "../kernel/actors.js";
import type { EventStore } from "../recording/event-store.js";
import type { ReviewCommandInput } from "./commands.js";
import { decideReview } from "./decide.js";
import { evolveReview, initialReviewState, type ReviewState } from "./fold.js";
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

const STREAM = "case-1.review";
const KEY = `${STREAM}/${REVIEW_TIME_LIMIT}`;

/** A review walked through the real decide function, its events appended to a store with the default projections. */
function reviewOn(store: EventStore) {
  let state: ReviewState = initialReviewState(STREAM);
  return async (cmd: ReviewCommandInput, actor: Actor, now: string) => {
    const events = decideReview(state, cmd, rctx(now, actor))._unsafeUnwrap();
    (await store.append(STREAM, state.version, events))._unsafeUnwrap();
    for (const e of events) state = evolveReview(state, e)._unsafeUnwrap();
  };
}

const submit: ReviewCommandInput = {
  type: "review.submit",
  caseId: "case-1",
  draft,
  materials,
  handlingOfficerIds: ["a", "b"],
};
const row = async (store: EventStore) => (await store.getProjectionRow(PROJECTIONS.deadlines, KEY))._unsafeUnwrap();

describe("review time limits in the deadline index", () => {
  it("送审 sets it (7 working days by default), 延长 moves it (+3), the opinion ends it; 重新送审 sets a new one", async () => {
    const store = inMemoryEventStore();
    const step = reviewOn(store);
    // Tuesday 2025-06-03 + 7 working days = 2025-06-12.
    await step(submit, officerActor, "2025-06-03T02:00:00Z");
    expect(await row(store)).toMatchObject({
      key: KEY,
      sortKey: "2025-06-12",
      value: {
        caseId: STREAM,
        ruleId: REVIEW_TIME_LIMIT,
        due: "2025-06-12",
        provisional: false,
        setBy: "review.submitted",
        reviewOf: "case-1",
        source: { law: "国办发〔2018〕118号" },
      },
    });
    await step({ type: "review.assign", reviewerId: "r" }, headActor, "2025-06-04T02:00:00Z");
    await step({ type: "review.extend", reason: "案情复杂" }, headActor, "2025-06-05T02:00:00Z");
    // 10 working days from the same start: 2025-06-17.
    expect((await row(store))?.value).toMatchObject({ due: "2025-06-17", setBy: "review.extended" });
    await step(
      {
        type: "review.conclude",
        outcome: "problems",
        findings: allOk.map((f) =>
          f.item === "lawAndBenchmark" ? { ...f, ok: false, note: "罚款数额超出裁量基准" } : f,
        ),
        requiredChanges: ["按裁量基准重新确定罚款数额"],
        opinion: "存在问题，请修改后重新送审",
      },
      reviewerActor,
      "2025-06-09T02:00:00Z",
    );
    expect(await row(store)).toBeNull();
    await step(
      { type: "review.resubmit", draft: smallerDraft, changes: "罚款数额按基准调整", materials: [] },
      officerActor,
      "2025-06-10T02:00:00Z",
    );
    expect((await row(store))?.value).toMatchObject({ due: "2025-06-19", setBy: "review.resubmitted" });
    await step(
      { type: "review.conclude", outcome: "approved", findings: allOk, opinion: "同意" },
      reviewerActor,
      "2025-06-11T02:00:00Z",
    );
    expect(await row(store)).toBeNull();
  });

  it("a time limit reaching a year whose holiday notice is not loaded is flagged provisional", async () => {
    const store = inMemoryEventStore();
    // 2026-12-28 + 7 working days reaches January 2027 (no 2027 notice in the calendar data).
    await reviewOn(store)(submit, officerActor, "2026-12-28T02:00:00Z");
    expect((await row(store))?.value).toMatchObject({ provisional: true });
  });

  it("a rebuild indexes the time limits of reviews recorded before (projection version 4)", async () => {
    const store = inMemoryEventStore();
    await reviewOn(store)(submit, officerActor, "2025-06-03T02:00:00Z");
    (await store.rebuildProjections())._unsafeUnwrap();
    expect((await row(store))?.value).toMatchObject({ due: "2025-06-12" });
  });
});
