// 延长查封、扣押 (行政强制法 Art. 25 paras. 1–2; issue 14): the head's own approval, registered
// as a head of the body; once; at most the configured days (30 by default); the written notice
// to the party; and, when the catalogue classes the extension as major, a passed legal review
// of exactly that extension (pilot plan 二（三）; catalogue rows under 国办发〔2018〕118号 四（十二）).
import { describe, expect, it } from "vitest";
import { resolveReviewCatalogue } from "../../review/catalogue.js";
import { reviewDraftHash } from "../../review/draft.js";
import type { RecordRef } from "../commands.js";
import { recomputeProvisional } from "../provisional.js";
import { bodies, calendar, headActor, officerActor } from "../test-fixtures.js";
import { decideSeizure, type SeizureContext, seizureExtensionDays } from "./decide.js";
import type { SeizureCommandInput } from "./events.js";
import {
  EXTENSION_BASIS,
  type SeizureMeasureInput,
  SeizureMeasureSchema,
  seizureExtensionReviewDraft,
} from "./review.js";
import { MAJOR_VALUE, MINOR, reviewOf, SUBJECT } from "./review-fixtures.js";
import { EMPTY_SEIZURE, evolveSeizure, foldSeizure, type SeizureState } from "./state.js";

const T0 = "2025-03-03T02:00:00Z";
const T1 = "2025-03-03T03:00:00Z";
const DAY = "2025-03-20T02:00:00Z";
const ART_25_1 = { law: "行政强制法", article: 25, paragraph: 1 };
const ART_25_2 = { law: "行政强制法", article: 25, paragraph: 2 };
const PLAN_GATE = { law: "沙坡头区司法局三项制度试点工作方案", section: "二（三）" };
const rec = (id: string, kind: RecordRef["kind"], extra: Partial<RecordRef> = {}): RecordRef => ({
  id,
  kind,
  evidenceIds: [],
  ...extra,
});
const NOTICE = [rec("n", "document")];
const TEAM = { category: "律师管理", regionCode: "640502", bodyId: "spt" };

function ctx(now: string, actor = headActor, extra: Partial<SeizureContext> = {}): SeizureContext {
  return { actor, now, calendar, review: { ...SUBJECT }, ...extra };
}

/** A measure approved (with its review when major) and executed on 2025-03-03: due 2025-04-02. */
function inForce(measure: SeizureMeasureInput): SeizureState {
  const reviews = [reviewOf(measure, "approved")];
  const approve: SeizureCommandInput = {
    type: "seizure.approve",
    at: "2025-03-03T01:00:00Z",
    approverId: "h",
    measure,
  };
  const approved = decideSeizure(
    EMPTY_SEIZURE,
    approve,
    ctx(T0, headActor, { review: { ...SUBJECT, reviews } }),
  )._unsafeUnwrap();
  const s1 = foldSeizure(approved);
  const executed = decideSeizure(
    s1,
    {
      type: "seizure.execute",
      at: T0,
      endedAt: T1,
      officerIds: ["a", "b"],
      items: ["店铺经营场所"],
      records: [
        rec("r1", "transcript"),
        rec("r2", "document"),
        rec("r3", "video", { wholeProcess: true, startedAt: T0, endedAt: T1 }),
      ],
    },
    ctx(T1, officerActor),
  )._unsafeUnwrap();
  return foldSeizure([...approved, ...executed]);
}

const extend = (
  extra: Partial<Extract<SeizureCommandInput, { type: "seizure.extend" }>> = {},
): SeizureCommandInput => ({
  type: "seizure.extend",
  at: DAY,
  approverId: "h",
  reason: "涉案财物需比对多批次进货凭证，情况复杂",
  records: NOTICE,
  ...extra,
});

describe("延长查封、扣押（行政强制法第二十五条）", () => {
  it("a minor measure is extended by the head for the configured 30 days, the classification recorded (第二十五条第一款)", () => {
    const s = inForce(MINOR);
    expect(s.deadline?.due).toBe("2025-04-02");
    expect(seizureExtensionDays()._unsafeUnwrap()).toBe(30);
    const [e] = decideSeizure(s, extend(), ctx(DAY))._unsafeUnwrap();
    expect(e).toMatchObject({
      type: "seizure.extended",
      days: 30,
      review: { major: false },
      deadline: { due: "2025-05-02" },
    });
    // The measure defaults to the one the head approved.
    expect(e?.type === "seizure.extended" ? e.measure : undefined).toEqual(SeizureMeasureSchema.parse(MINOR));
  });

  it("fewer days than allowed move the end by those days; more are refused (延长期限不得超过三十日)", () => {
    const s = inForce(MINOR);
    const events = decideSeizure(s, extend({ days: 15 }), ctx(DAY))._unsafeUnwrap();
    expect(events[0]).toMatchObject({ days: 15, deadline: { due: "2025-04-17" } });
    const extended = events.reduce(evolveSeizure, s);
    expect(extended.extensionDays).toBe(15);
    // A later testing interval (第二十五条第三款) keeps the 15 days: 5 days excluded → 2025-04-22.
    const at = "2025-03-21T02:00:00Z";
    const period = {
      from: "2025-03-22",
      to: "2025-03-26",
      reason: "技术鉴定",
      source: { law: "行政强制法", article: 25, paragraph: 3, confidence: "C-law" as const },
    };
    const excluded = decideSeizure(
      extended,
      { type: "seizure.exclude", at, kind: "技术鉴定", period, records: NOTICE },
      ctx(at),
    )._unsafeUnwrap();
    expect(excluded[0]).toMatchObject({ deadline: { due: "2025-04-22" } });
    const over = decideSeizure(s, extend({ days: 31 }), ctx(DAY))._unsafeUnwrapErr();
    expect(over.code).toBe("INVALID_INPUT");
    expect(over.source).toMatchObject(ART_25_1);
    expect(over.details).toMatchObject({ days: 31, allowedDays: 30 });
  });

  it("the configured extension is the ceiling: a bureau row allowing 10 days refuses 20, one allowing none refuses any", () => {
    const local = { law: "某省行政执法条例", article: 1, confidence: "C-local" as const };
    const s = inForce(MINOR);
    const ten = { "coercion.seizure": { extensionAmount: 10, source: local } };
    expect(
      decideSeizure(s, extend({ days: 20 }), ctx(DAY, headActor, { periods: ten }))._unsafeUnwrapErr().details,
    ).toMatchObject({
      allowedDays: 10,
    });
    const [e] = decideSeizure(s, extend(), ctx(DAY, headActor, { periods: ten }))._unsafeUnwrap();
    expect(e).toMatchObject({ days: 10 });
    const none = { "coercion.seizure": { extensionAmount: 0, source: local } };
    const r = decideSeizure(s, extend({ days: 1 }), ctx(DAY, headActor, { periods: none }))._unsafeUnwrapErr();
    expect(r.message).toContain("不允许延长");
  });

  it("once only (第二十五条第一款)", () => {
    const s = inForce(MINOR);
    const both = decideSeizure(s, extend({ days: 10 }), ctx(DAY))
      ._unsafeUnwrap()
      .reduce(evolveSeizure, s);
    const again = decideSeizure(both, extend({ at: "2025-03-21T02:00:00Z", days: 5 }), ctx("2025-03-21T02:00:00Z"));
    expect(again._unsafeUnwrapErr().code).toBe("COERCION_PERIOD_EXPIRED");
    expect(again._unsafeUnwrapErr().message).toContain("只能延长一次");
  });

  it("the written notice to the party is required: a record that is not a document is refused (第二十五条第二款)", () => {
    const s = inForce(MINOR);
    const r = decideSeizure(s, extend({ records: [rec("v", "video")] }), ctx(DAY))._unsafeUnwrapErr();
    expect(r.code).toBe("RECORDING_INCOMPLETE");
    expect(r.source).toMatchObject(ART_25_2);
    expect(r.message).toContain("书面告知当事人");
  });

  it("the approval is the head's own: an officer, another's name, or a head the registry does not back are refused", () => {
    const s = inForce(MINOR);
    expect(decideSeizure(s, extend(), ctx(DAY, officerActor))._unsafeUnwrapErr()).toMatchObject({
      code: "PERMISSION_DENIED",
      source: ART_25_1,
    });
    const other = decideSeizure(s, extend({ approverId: "h2" }), ctx(DAY))._unsafeUnwrapErr();
    expect(other.code).toBe("PERMISSION_DENIED");
    expect(other.details).toMatchObject({ approverId: "h2", actorId: "h" });
    // With the registry and the case's body: officer a claiming the head role is not backed.
    const claimed = { id: "a", name: "甲", roles: ["head" as const] };
    const notHead = decideSeizure(s, extend({ approverId: "a" }), ctx(DAY, claimed, { bodies, team: TEAM }));
    expect(notHead._unsafeUnwrapErr().code).toBe("ROLE_NOT_BACKED");
    const stranger = { id: "x", name: "某某", roles: ["head" as const] };
    const unknown = decideSeizure(s, extend({ approverId: "x" }), ctx(DAY, stranger, { bodies, team: TEAM }));
    expect(unknown._unsafeUnwrapErr().code).toBe("ACTOR_NOT_REGISTERED");
    // The registered head (局长) passes the same check.
    expect(decideSeizure(s, extend(), ctx(DAY, headActor, { bodies, team: TEAM })).isOk()).toBe(true);
    // The approval goes through the same check (第十八条第一项).
    const approve: SeizureCommandInput = { type: "seizure.approve", at: T0, approverId: "a", measure: MINOR };
    expect(
      decideSeizure(EMPTY_SEIZURE, approve, ctx(T0, claimed, { bodies, team: TEAM }))._unsafeUnwrapErr().code,
    ).toBe("ROLE_NOT_BACKED");
  });

  it("a major extension needs a passed review of exactly that extension — the measure's own review does not cover it (试点方案二（三）)", () => {
    const s = inForce(MAJOR_VALUE);
    const terms = { days: 30, reason: "涉案财物需比对多批次进货凭证，情况复杂" };
    const measureReview = reviewOf(MAJOR_VALUE, "approved");
    const refused = decideSeizure(
      s,
      extend(),
      ctx(DAY, headActor, { review: { ...SUBJECT, reviews: [measureReview] } }),
    )._unsafeUnwrapErr();
    expect(refused.code).toBe("REVIEW_NOT_APPROVED");
    expect(refused.source).toMatchObject(PLAN_GATE);
    // The review on file is of the measure, not of its extension: another draft.
    expect(refused.details).toMatchObject({ why: "draftChanged" });
    expect(decideSeizure(s, extend(), ctx(DAY))._unsafeUnwrapErr().details).toMatchObject({ why: "notSubmitted" });
    // Reviewed for 30 days, extended for 20: another draft.
    const reviewed = reviewOf(MAJOR_VALUE, "approved", "case-1.review.2", terms);
    const changed = decideSeizure(
      s,
      extend({ days: 20 }),
      ctx(DAY, headActor, { review: { ...SUBJECT, reviews: [measureReview, reviewed] } }),
    );
    expect(changed._unsafeUnwrapErr().details).toMatchObject({ why: "draftChanged" });
    const pending = reviewOf(MAJOR_VALUE, "submitted", "case-1.review.2", terms);
    expect(
      decideSeizure(s, extend(), ctx(DAY, headActor, { review: { ...SUBJECT, reviews: [pending] } }))._unsafeUnwrapErr()
        .details,
    ).toMatchObject({ why: "pending" });
    const [e] = decideSeizure(
      s,
      extend(),
      ctx(DAY, headActor, { review: { ...SUBJECT, reviews: [measureReview, reviewed] } }),
    )._unsafeUnwrap();
    const draft = seizureExtensionReviewDraft(SUBJECT, SeizureMeasureSchema.parse(MAJOR_VALUE), terms)._unsafeUnwrap();
    expect(draft.basis).toContain(EXTENSION_BASIS);
    expect(e).toMatchObject({
      type: "seizure.extended",
      review: { major: true, reviewId: "case-1.review.2", draftHash: reviewDraftHash(draft) },
    });
  });

  it("the bureau's catalogue decides: listing 查封、扣押 makes even a minor extension major", () => {
    const catalogue = resolveReviewCatalogue({ coercion: { kinds: ["sealOrSeize"] } })._unsafeUnwrap();
    const s = inForce(MINOR);
    const r = decideSeizure(s, extend(), ctx(DAY, headActor, { review: { ...SUBJECT, catalogue } }));
    expect(r._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
  });

  it("a stream approved before the gate recorded no measure: the extension must state it (第二十四条第二款)", () => {
    const s = inForce(MINOR);
    const { measure: _m, ...legacy } = s;
    const r = decideSeizure(legacy, extend(), ctx(DAY))._unsafeUnwrapErr();
    expect(r.code).toBe("INVALID_INPUT");
    expect(r.details).toMatchObject({ field: "measure" });
    expect(decideSeizure(legacy, extend({ measure: MINOR }), ctx(DAY)).isOk()).toBe(true);
  });

  it("a provisional extended end is recomputed with the days approved, not the row's whole extension", () => {
    const d = {
      ruleId: "coercion.seizure",
      due: "2025-04-17",
      source: { law: "行政强制法", article: 25, paragraph: 1, confidence: "C-law" as const },
      provisional: true,
      start: "2025-03-03",
      extended: true,
      extensionDays: 15,
    };
    const r = recomputeProvisional({ seizure: d }, calendar)._unsafeUnwrap();
    expect(r.deadlines.seizure?.due).toBe("2025-04-17");
    expect(r.confirmed).toEqual(["seizure"]);
  });
});
