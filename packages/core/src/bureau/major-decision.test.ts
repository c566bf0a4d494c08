// The legal-review gate through the bureau (issue 14): a major 查封扣押 refused until its
// measure passed review (submitSeizure → assign → conclude → approve), and the gate offered as
// a first-class check for a decision made outside the SDK's procedures (a 行政许可).
import { describe, expect, it } from "vitest";
import { bodies, calendar, fileCommand, headActor, officerActor, reviewerActor } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { resolveReviewCatalogue } from "../review/catalogue.js";
import type { ReviewDraftInput } from "../review/draft.js";
import { REVIEW_ITEMS } from "../review/schema.js";
import { type BureauConfig, createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const ok = <T>(v: T): T => v;
const fail = (e: { code: string; message: string }): never => {
  throw new Error(`${e.code}: ${e.message}`);
};
const { type: _file, ...fileFields } = fileCommand;
const allOk = REVIEW_ITEMS.map((item) => ({ item, ok: true }));
const materials = [
  { kind: "application" as const, id: "app" },
  { kind: "proposalNote" as const, id: "note" },
  { kind: "draftDecision" as const, id: "draft" },
  { kind: "evidence" as const, id: "ev" },
];

function setup(over: Partial<BureauConfig> = {}) {
  const clock = manualClock("2025-03-03T02:00:00Z");
  const store = memoryEventStore({ projections: bureauProjections() });
  const bureau = createBureau({ bodyId: "spt", store, clock, registries: { bodies }, calendar, ...over }).match(
    ok,
    fail,
  );
  return { clock, store, bureau };
}

/** Sealing the firm's premises: stops its business, so major under the national catalogue. */
const SEAL = { facts: "涉嫌无证经营", basis: ["律师法第五十五条"], valueFen: 3_000_000, stopsOperations: true };

describe("bureau: 查封扣押 behind the legal-review gate (试点方案二（三）; 118号 四（十二）)", () => {
  it("refuses the head's approval of a major measure until its review passes, then records the review relied on", async () => {
    const { bureau, clock, store } = setup();
    const c = bureau.case("SZ-2");
    (await c.as(officerActor).file(fileFields)).match(ok, fail);
    clock.set("2025-03-04T02:00:00Z");
    const approve = { type: "seizure.approve" as const, at: "2025-03-04T02:00:00Z", approverId: "h", measure: SEAL };
    const refused = await c.as(headActor).execute({ type: "coercion.act", measureId: "m1", seizure: approve });
    const e = refused._unsafeUnwrapErr();
    expect(e.code).toBe("REVIEW_NOT_APPROVED");
    expect(e.details).toMatchObject({ why: "notSubmitted" });
    expect(e.message).toContain("导致当事人停产停业");
    const before = (await store.load("SZ-2"))._unsafeUnwrap().length;

    (await c.review.as(officerActor).submitSeizure({ measure: SEAL, materials })).match(ok, fail);
    (await c.review.as(headActor).assign({ reviewerId: "r" })).match(ok, fail);
    clock.set("2025-03-05T02:00:00Z");
    // Pending: still refused, and nothing was written by the refusals.
    const pending = await c.as(headActor).execute({
      type: "coercion.act",
      measureId: "m1",
      seizure: { ...approve, at: "2025-03-05T02:00:00Z" },
    });
    expect(pending._unsafeUnwrapErr().details).toMatchObject({ why: "pending" });
    expect((await store.load("SZ-2"))._unsafeUnwrap()).toHaveLength(before);

    (await c.review.as(reviewerActor).conclude({ outcome: "approved", findings: allOk, opinion: "同意" })).match(
      ok,
      fail,
    );
    // Approving another measure than the one reviewed (a higher value) is "draft changed".
    const other = await c.as(headActor).execute({
      type: "coercion.act",
      measureId: "m1",
      seizure: { ...approve, at: "2025-03-05T02:00:00Z", measure: { ...SEAL, valueFen: 30_000_000 } },
    });
    expect(other._unsafeUnwrapErr().details).toMatchObject({ why: "draftChanged" });
    const done = (
      await c.as(headActor).execute({
        type: "coercion.act",
        measureId: "m1",
        seizure: { ...approve, at: "2025-03-05T02:00:00Z" },
      })
    ).match(ok, fail);
    expect(done.events[0]?.payload).toMatchObject({
      seizure: { type: "seizure.approved", review: { major: true, reviewId: "SZ-2.review.1" } },
    });

    // 延长 (行政强制法第二十五条): the extension of a major measure is its own decision, reviewed
    // on its own draft (submitSeizure with `extension`) before the head extends it.
    const at = "2025-03-05T03:00:00Z";
    clock.set(at);
    const records = [
      { id: "x1", kind: "transcript" as const },
      { id: "x2", kind: "document" as const },
      { id: "x3", kind: "video" as const, wholeProcess: true, startedAt: at, endedAt: at },
    ];
    (
      await c.as(officerActor).execute({
        type: "coercion.act",
        measureId: "m1",
        seizure: { type: "seizure.execute", at, officerIds: ["a", "b"], items: ["律师事务所办公场所"], records },
      })
    ).match(ok, fail);
    clock.set("2025-03-20T02:00:00Z");
    const terms = { days: 20, reason: "需核查多名委托人的收费凭证，情况复杂" };
    const extend = {
      type: "seizure.extend" as const,
      at: "2025-03-20T02:00:00Z",
      approverId: "h",
      ...terms,
      records: [{ id: "yc", kind: "document" as const }],
    };
    const early = await c.as(headActor).execute({ type: "coercion.act", measureId: "m1", seizure: extend });
    expect(early._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
    // Another head's name on the approval is refused: the extension is the acting head's own.
    const forAnother = await c
      .as(headActor)
      .execute({ type: "coercion.act", measureId: "m1", seizure: { ...extend, approverId: "h2" } });
    expect(forAnother._unsafeUnwrapErr().code).toBe("PERMISSION_DENIED");
    (await c.review.as(officerActor).submitSeizure({ measure: SEAL, extension: terms, materials })).match(ok, fail);
    (await c.review.as(headActor).assign({ reviewerId: "r" })).match(ok, fail);
    (await c.review.as(reviewerActor).conclude({ outcome: "approved", findings: allOk, opinion: "同意" })).match(
      ok,
      fail,
    );
    const extended = (await c.as(headActor).execute({ type: "coercion.act", measureId: "m1", seizure: extend })).match(
      ok,
      fail,
    );
    expect(extended.events[0]?.payload).toMatchObject({
      seizure: { type: "seizure.extended", days: 20, review: { major: true, reviewId: "SZ-2.review.2" } },
    });
  });
});

describe("bureau.checkMajorDecision — the gate for a 行政许可 decided outside the SDK", () => {
  const refusal: ReviewDraftInput = {
    caseId: "XK-2025-7",
    party: { kind: "organisation", name: "某律师事务所（筹）" },
    facts: "申请人不具备设立律师事务所的条件",
    basis: ["律师法第十八条"],
    outcome: "licence",
    licence: { decision: "refuse", matter: "律师事务所设立许可" },
  };

  it("a bad draft is INVALID_INPUT naming the field; a non-major decision passes", async () => {
    const { bureau } = setup();
    const bad = await bureau.checkMajorDecision({ ...refusal, licence: undefined } as ReviewDraftInput);
    expect(bad._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(bad._unsafeUnwrapErr().message).toContain("licence");
    const grant = await bureau.checkMajorDecision({
      ...refusal,
      licence: { decision: "grant", matter: "律师事务所设立许可" },
    });
    expect(grant._unsafeUnwrap().classification.major).toBe(false);
  });

  it("refuses a major 不予许可 until its review passes (citing the pilot plan's gate, not 行政处罚法 Art. 58)", async () => {
    const { bureau, clock } = setup();
    const first = (await bureau.checkMajorDecision(refusal))._unsafeUnwrapErr();
    expect(first.code).toBe("REVIEW_NOT_APPROVED");
    expect(first.source).toMatchObject({ law: "沙坡头区司法局三项制度试点工作方案", section: "二（三）" });
    expect(first.details).toMatchObject({ why: "notSubmitted" });
    expect(first.message).toContain("review.submit");

    const c = bureau.case("XK-2025-7");
    (
      await c.review.as(officerActor).execute({
        type: "review.submit",
        caseId: "XK-2025-7",
        draft: refusal,
        materials,
        handlingOfficerIds: ["a", "b"],
      })
    ).match(ok, fail);
    expect((await c.review.check(refusal))._unsafeUnwrapErr().details).toMatchObject({ why: "pending" });
    (await c.review.as(headActor).assign({ reviewerId: "r" })).match(ok, fail);
    clock.set("2025-03-05T02:00:00Z");
    (await c.review.as(reviewerActor).conclude({ outcome: "approved", findings: allOk, opinion: "同意" })).match(
      ok,
      fail,
    );
    const passed = (await bureau.checkMajorDecision(refusal))._unsafeUnwrap();
    expect(passed.classification.reasons.map((r) => r.rule)).toEqual(["licenceDecision"]);
    expect(passed.approval?.reviewId).toBe("XK-2025-7.review.1");
    // The case handle fills in its own case id.
    const { caseId: _c, ...rest } = refusal;
    expect((await c.review.check(rest)).isOk()).toBe(true);
    // A changed decision (revocation instead of refusal) is not covered by that review.
    const revoke = await bureau.checkMajorDecision({
      ...refusal,
      licence: { decision: "revoke", matter: "律师事务所设立许可" },
    });
    expect(revoke._unsafeUnwrapErr().details).toMatchObject({ why: "draftChanged" });
  });

  it("follows the bureau's catalogue: a bureau that does not list 不予许可 needs no review for it", async () => {
    const reviewCatalogue = resolveReviewCatalogue({ licenceDecisions: ["revoke"] })._unsafeUnwrap();
    const { bureau } = setup({ policies: { reviewCatalogue } });
    expect((await bureau.checkMajorDecision(refusal))._unsafeUnwrap().classification.major).toBe(false);
  });
});
