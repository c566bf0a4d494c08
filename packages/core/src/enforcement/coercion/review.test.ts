// The legal-review gate of 查封、扣押 (issue 14): a major measure is approved — before the act,
// or afterwards for an emergency act — only with a passed review of exactly that measure
// (pilot plan 二（三）; catalogue rows under 国办发〔2018〕118号 四（十二）; 行政强制法 Arts. 18, 19, 24).
import { describe, expect, it } from "vitest";
import { resolveReviewCatalogue } from "../../review/catalogue.js";
import type { RecordRef } from "../commands.js";
import { calendar, headActor, officerActor } from "../test-fixtures.js";
import { decideSeizure, type SeizureContext } from "./decide.js";
import type { SeizureCommandInput } from "./events.js";
import type { SeizureMeasureInput, SeizureReviewContext } from "./review.js";
import { MAJOR_STOP, MAJOR_VALUE, MINOR, reviewOf, SUBJECT } from "./review-fixtures.js";
import { EMPTY_SEIZURE, foldSeizure, seizureFlags } from "./state.js";

const T0 = "2025-03-03T02:00:00Z";
const T1 = "2025-03-03T03:00:00Z";
const PLAN_GATE = { law: "沙坡头区司法局三项制度试点工作方案", section: "二（三）" };
const rec = (id: string, kind: RecordRef["kind"], extra: Partial<RecordRef> = {}): RecordRef => ({
  id,
  kind,
  evidenceIds: [],
  ...extra,
});
const RECORDS = [
  rec("r1", "transcript"),
  rec("r2", "document"),
  rec("r3", "video", { wholeProcess: true, startedAt: T0, endedAt: T1 }),
];
const ctx = (now: string, actor = officerActor, review: Partial<SeizureReviewContext> = {}): SeizureContext => ({
  actor,
  now,
  calendar,
  review: { ...SUBJECT, ...review },
});
const approve = (measure: SeizureMeasureInput, at = "2025-03-03T01:00:00Z"): SeizureCommandInput => ({
  type: "seizure.approve",
  at,
  approverId: "h",
  measure,
});
const execute = (emergency = false): SeizureCommandInput => ({
  type: "seizure.execute",
  at: T0,
  endedAt: T1,
  emergency,
  officerIds: ["a", "b"],
  items: ["店铺经营场所"],
  records: RECORDS,
});

describe("查封、扣押的法制审核关口", () => {
  it("an approval states the measure (行政强制法第二十四条第二款)", () => {
    const r = decideSeizure(EMPTY_SEIZURE, { type: "seizure.approve", at: T0, approverId: "h" }, ctx(T0, headActor));
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.source).toMatchObject({ law: "行政强制法", article: 24, paragraph: 2 });
    expect(e.details).toMatchObject({ field: "measure" });
  });

  it("a measure the catalogue does not class as major is approved without review, the classification recorded", () => {
    const [e] = decideSeizure(EMPTY_SEIZURE, approve(MINOR), ctx(T0, headActor))._unsafeUnwrap();
    expect(e).toMatchObject({ type: "seizure.approved", review: { major: false, reasons: [] } });
  });

  it("a major measure is refused without review, naming why, the reasons and the next step (试点方案二（三）)", () => {
    for (const m of [MAJOR_VALUE, MAJOR_STOP]) {
      const e = decideSeizure(EMPTY_SEIZURE, approve(m), ctx(T0, headActor))._unsafeUnwrapErr();
      expect(e.code).toBe("REVIEW_NOT_APPROVED");
      expect(e.source).toMatchObject(PLAN_GATE);
      expect(e.details).toMatchObject({ why: "notSubmitted" });
      expect(e.message).toContain("review.submit");
      const reasons = (e.details?.reasons ?? []) as readonly { rule: string; source: { law: string } }[];
      expect(reasons.map((x) => x.rule)).toEqual([m === MAJOR_VALUE ? "coercionValue" : "coercionStopsOperations"]);
      for (const x of reasons) expect(x.source.law).toBe("国办发〔2018〕118号");
    }
  });

  it("pending, not approved and approved-for-another-measure are told apart", () => {
    const why = (review: Partial<SeizureReviewContext>) =>
      decideSeizure(EMPTY_SEIZURE, approve(MAJOR_VALUE), ctx(T0, headActor, review))._unsafeUnwrapErr().details?.why;
    expect(why({ reviews: [reviewOf(MAJOR_VALUE, "submitted")] })).toBe("pending");
    expect(why({ reviews: [reviewOf(MAJOR_VALUE, "problems")] })).toBe("notApproved");
    // The review approved a ¥200,000 seizure that stops business; the head approves another one.
    expect(why({ reviews: [reviewOf({ ...MAJOR_VALUE, stopsOperations: true }, "approved")] })).toBe("draftChanged");
    // A review of another case never counts.
    const other = reviewOf(MAJOR_VALUE, "approved");
    const foreign = { ...other, context: { ...other.context, caseId: "case-2" } };
    expect(why({ reviews: [foreign] })).toBe("notSubmitted");
  });

  it("with a passed review of exactly that measure the approval goes through and names the review", () => {
    const review = reviewOf(MAJOR_VALUE, "approved");
    const [e] = decideSeizure(
      EMPTY_SEIZURE,
      approve(MAJOR_VALUE),
      ctx(T0, headActor, { reviews: [review] }),
    )._unsafeUnwrap();
    expect(e).toMatchObject({
      type: "seizure.approved",
      review: { major: true, reviewId: "case-1.review.1", draftHash: review.context.approval?.draftHash },
    });
    // An approval the case stream records (review.approved) counts the same.
    const hash = review.context.approval?.draftHash ?? "";
    const recorded = decideSeizure(
      EMPTY_SEIZURE,
      approve(MAJOR_VALUE),
      ctx(T0, headActor, { approvedDraftHashes: [hash] }),
    );
    expect(recorded._unsafeUnwrap()[0]).toMatchObject({ review: { major: true, draftHash: hash } });
  });

  it("the bureau's catalogue decides: with 查封、扣押 listed as a major kind even a small measure needs review", () => {
    const catalogue = resolveReviewCatalogue({ coercion: { kinds: ["sealOrSeize"] } })._unsafeUnwrap();
    const listed = decideSeizure(EMPTY_SEIZURE, approve(MINOR), ctx(T0, headActor, { catalogue }));
    expect(listed._unsafeUnwrapErr().details).toMatchObject({ why: "notSubmitted" });
    expect(listed._unsafeUnwrapErr().message).toContain("拟查封、扣押");
    // And a bureau that raises the value threshold takes a ¥200,000 measure out of review.
    const high = resolveReviewCatalogue({
      coercion: { value: { fen: 50_000_000, inclusive: true }, stopsOperations: true },
    })._unsafeUnwrap();
    const [e] = decideSeizure(
      EMPTY_SEIZURE,
      approve(MAJOR_VALUE),
      ctx(T0, headActor, { catalogue: high }),
    )._unsafeUnwrap();
    expect(e).toMatchObject({ review: { major: false } });
  });

  it("an emergency act (行政强制法第十九条) is no way round: until the afterwards approval passes, only release", () => {
    const acted = foldSeizure(decideSeizure(EMPTY_SEIZURE, execute(true), ctx(T1))._unsafeUnwrap());
    expect(acted.status).toBe("inForce");
    const at = "2025-03-03T06:00:00Z";
    const reported = foldSeizure([
      ...decideSeizure(EMPTY_SEIZURE, execute(true), ctx(T1))._unsafeUnwrap(),
      ...decideSeizure(acted, { type: "seizure.report", at }, ctx(at))._unsafeUnwrap(),
    ]);
    const later = "2025-03-03T08:00:00Z";
    const refused = decideSeizure(reported, approve(MAJOR_STOP, later), ctx(later, headActor))._unsafeUnwrapErr();
    expect(refused.code).toBe("REVIEW_NOT_APPROVED");
    expect(refused.details).toMatchObject({ why: "notSubmitted", afterwards: true });
    expect(refused.message).toContain("补办批准手续");
    // Still unapproved: no extension, no confiscation; release is open (Art. 28).
    const day = "2025-03-05T02:00:00Z";
    const confiscate = decideSeizure(
      reported,
      { type: "seizure.handle", at: day, outcome: "confiscate" },
      ctx(day, headActor),
    );
    expect(confiscate._unsafeUnwrapErr().code).toBe("COERCION_NOT_APPROVED");
    const extend = decideSeizure(
      reported,
      { type: "seizure.extend", at: day, approverId: "h", reason: "情况复杂", records: [rec("n", "document")] },
      ctx(day, headActor),
    );
    expect(extend._unsafeUnwrapErr().code).toBe("COERCION_NOT_APPROVED");
    expect(
      seizureFlags(reported, day)
        .map((f) => f.message)
        .join(),
    ).toContain("尚未补办批准手续");
    expect(
      decideSeizure(reported, { type: "seizure.release", at: day, ground: "noLongerNeeded" }, ctx(day)).isOk(),
    ).toBe(true);
    // With the review passed, the afterwards approval goes through and the measure continues.
    const ok = decideSeizure(
      reported,
      approve(MAJOR_STOP, later),
      ctx(later, headActor, { reviews: [reviewOf(MAJOR_STOP, "approved")] }),
    );
    expect(ok._unsafeUnwrap()[0]).toMatchObject({ afterwards: true, review: { major: true } });
    // The head's refusal afterwards needs no review: the measure is then released.
    const no = decideSeizure(
      reported,
      { type: "seizure.approve", at: later, approverId: "h", approved: false },
      ctx(later, headActor),
    );
    expect(no._unsafeUnwrap()[0]).toMatchObject({ approved: false });
  });
});
