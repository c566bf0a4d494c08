// Legal review of major decisions other than penalties (issue 14 §7): 行政强制 and 行政许可
// drafts, classified by the catalogue under 国办发〔2018〕118号 四（十二） (行政处罚法 Art. 58
// binds penalties only), reviewed through the same workflow and gate.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { canonicalJsonBytes } from "../kernel/canonical-json.js";
import { sha256, toHex } from "../kernel/hash.js";
import type { CaseEvent } from "../recording/case-event.js";
import { classifyDecision, DEFAULT_REVIEW_CATALOGUE, resolveReviewCatalogue } from "./catalogue.js";
import { decideReview } from "./decide.js";
import { DraftCoercionKindSchema, type ReviewDraftInput, ReviewDraftSchema, reviewDraftHash } from "./draft.js";
import { evolveReview, initialReviewState, type ReviewState } from "./fold.js";
import { reviewGate } from "./gate.js";
import { proposalText } from "./opinion.js";
import { allOk, draft, draftInput, headActor, materials, officerActor, rctx, reviewerActor } from "./test-fixtures.js";

const base = {
  caseId: "case-7",
  party: { kind: "organisation" as const, name: "某商贸有限公司" },
  facts: "违法建设经责令限期拆除逾期不拆除",
  basis: ["行政强制法第四十四条"],
};
const demolition: ReviewDraftInput = { ...base, outcome: "coercion", coercion: { kind: "demolition" } };
const refusal: ReviewDraftInput = {
  ...base,
  outcome: "licence",
  licence: { decision: "refuse", matter: "律师事务所设立许可" },
};
const parse = (d: ReviewDraftInput) => ReviewDraftSchema.parse(d);
const SCOPE = { law: "国办发〔2018〕118号", section: "四（十二）" };

describe("review drafts of 行政强制 and 行政许可 (国办发〔2018〕118号 四（十二）)", () => {
  it("the decision is present exactly with its outcome", () => {
    expect(ReviewDraftSchema.safeParse(demolition).success).toBe(true);
    expect(ReviewDraftSchema.safeParse(refusal).success).toBe(true);
    expect(ReviewDraftSchema.safeParse({ ...base, outcome: "coercion" }).success).toBe(false);
    expect(ReviewDraftSchema.safeParse({ ...demolition, outcome: "licence" }).success).toBe(false);
    expect(ReviewDraftSchema.safeParse({ ...draftInput, coercion: { kind: "freeze" } }).success).toBe(false);
    expect(ReviewDraftSchema.safeParse({ ...demolition, coercion: { kind: "demolition", valueFen: -1 } }).success).toBe(
      false,
    );
  });

  it("the catalogue classifies them, citing 118号 四（十二）, never 行政处罚法 Art. 58", () => {
    const d = classifyDecision(parse(demolition));
    expect(d.reasons.map((r) => r.rule)).toEqual(["coercionKind"]);
    const seize = parse({
      ...base,
      outcome: "coercion",
      coercion: { kind: "sealOrSeize", valueFen: 10_000_000, stopsOperations: true },
      majorPublicInterest: true,
    });
    const r = classifyDecision(seize);
    expect(r.reasons.map((x) => x.rule)).toEqual(["publicInterest", "coercionValue", "coercionStopsOperations"]);
    for (const reason of r.reasons) expect(reason.source).toMatchObject(SCOPE);
    expect(classifyDecision(parse(refusal)).reasons).toEqual([
      expect.objectContaining({ rule: "licenceDecision", source: expect.objectContaining(SCOPE) }),
    ]);
    const grant = parse({ ...refusal, licence: { decision: "grant", matter: "律师事务所设立许可" } });
    expect(classifyDecision(grant).major).toBe(false);
    expect(classifyDecision({ ...grant, hearingHeld: true }).reasons.map((x) => x.rule)).toEqual(["afterHearing"]);
  });

  it("a bureau's catalogue sets the coercion kinds, value and licensing decisions", () => {
    const cat = resolveReviewCatalogue({
      coercion: { kinds: [], value: { fen: 50_000_000, inclusive: false }, stopsOperations: false },
      licenceDecisions: ["revoke"],
    })._unsafeUnwrap();
    expect(classifyDecision(parse(demolition), cat).major).toBe(false);
    expect(classifyDecision(parse(refusal), cat).major).toBe(false);
  });

  test.prop([fc.constantFrom(...DraftCoercionKindSchema.options), fc.integer({ min: 0, max: 1e12 }), fc.boolean()])(
    "a coercive decision is major exactly when a catalogue row says so, every reason citing 118号",
    (kind, valueFen, stopsOperations) => {
      const d = parse({ ...base, outcome: "coercion", coercion: { kind, valueFen, stopsOperations } });
      const c = DEFAULT_REVIEW_CATALOGUE.coercion;
      const expected =
        c.kinds.includes(kind) ||
        (c.value !== undefined && valueFen >= c.value.fen) ||
        (c.stopsOperations && stopsOperations);
      const r = classifyDecision(d);
      expect(r.major).toBe(expected);
      for (const reason of r.reasons) expect(reason.source.law).toBe("国办发〔2018〕118号");
    },
  );

  it("the hash binds the coercive decision; a penalty draft hashes as before (its core unchanged)", () => {
    const plain = toHex(
      sha256.hash(
        canonicalJsonBytes({
          caseId: draft.caseId,
          party: draft.party,
          facts: draft.facts,
          basis: draft.basis,
          outcome: draft.outcome,
          penalty: draft.penalty,
        }),
      ),
    );
    expect(reviewDraftHash(draft)).toBe(plain);
    const a = reviewDraftHash(parse(demolition));
    const b = reviewDraftHash(parse({ ...demolition, coercion: { kind: "sealOrSeize" } }));
    expect(a).not.toBe(b);
  });

  it("goes through the workflow; the gate opens only for the approved coercive decision", () => {
    let state: ReviewState = initialReviewState("case-7.review");
    const events: CaseEvent[] = [];
    const act = (cmd: Parameters<typeof decideReview>[1], actor: Actor) => {
      for (const e of decideReview(state, cmd, rctx("2025-06-03T02:00:00Z", actor))._unsafeUnwrap()) {
        state = evolveReview(state, e)._unsafeUnwrap();
        events.push(e);
      }
    };
    const d = parse(demolition);
    expect(reviewGate(undefined, d)._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
    act({ type: "review.submit", caseId: "case-7", draft: d, materials, handlingOfficerIds: ["a", "b"] }, officerActor);
    act({ type: "review.assign", reviewerId: "r" }, headActor);
    act({ type: "review.conclude", outcome: "approved", findings: allOk, opinion: "同意" }, reviewerActor);
    expect(state.context.reasons.map((r) => r.rule)).toEqual(["coercionKind"]);
    expect(reviewGate(state, d).isOk()).toBe(true);
    const other = parse({ ...demolition, coercion: { kind: "auction" } });
    expect(reviewGate(state, other)._unsafeUnwrapErr().details).toMatchObject({ why: "draftChanged" });
    expect(proposalText(d)).toBe("强制拆除");
    expect(proposalText(parse(refusal))).toBe("不予行政许可：律师事务所设立许可");
  });
});
