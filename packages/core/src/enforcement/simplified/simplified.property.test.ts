import { fc, test } from "@fast-check/vitest";
import { expect } from "vitest";
import { bodies, calendar, doc, officerActor } from "../test-fixtures.js";
import { checkCollection, checkSimplifiedScope, decideSimplified } from "./decide.js";
import {
  decideFormEvent,
  EMPTY_FORM_REGISTER,
  evolveFormRegister,
  type FormRegister,
  type FormRegisterEvent,
} from "./forms.js";
import { DEFAULT_SIMPLIFIED_POLICY } from "./policy.js";
import { initialSimplifiedState } from "./state.js";

const AT = "2025-03-07T02:00:00Z";
const numbers = fc.constantFrom("N1", "N2", "N3", "N4");
const officers = fc.constantFrom("a", "b");
const proposal = fc.oneof(
  fc.record({
    type: fc.constant("form.issued" as const),
    at: fc.constant(AT),
    officerId: officers,
    numbers: fc.array(numbers, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    type: fc.constant("form.used" as const),
    at: fc.constant(AT),
    number: numbers,
    officerId: officers,
    caseId: fc.constantFrom("c1", "c2", "c3"),
  }),
  fc.record({
    type: fc.constant("form.voided" as const),
    at: fc.constant(AT),
    number: numbers,
    officerId: officers,
    reason: fc.constant("填写错误"),
  }),
);

test.prop([fc.array(proposal, { maxLength: 40 })])(
  "a form number is never used twice, nor used after being voided, nor by an officer it was not issued to (行政处罚法第五十二条第一款)",
  (proposals) => {
    let register: FormRegister = EMPTY_FORM_REGISTER;
    const accepted: FormRegisterEvent[] = [];
    for (const p of proposals) {
      const r = decideFormEvent(register, p);
      if (r.isErr()) {
        expect(r.error.code).toBe("FORM_NUMBER_INVALID");
        continue;
      }
      accepted.push(r.value);
      register = evolveFormRegister(register, r.value);
    }
    const issuedTo = new Map<string, string>();
    const closed = new Set<string>();
    for (const e of accepted) {
      if (e.type === "form.issued") {
        for (const n of e.numbers) {
          expect(issuedTo.has(n)).toBe(false);
          issuedTo.set(n, e.officerId);
        }
      } else {
        expect(issuedTo.get(e.number)).toBe(e.officerId);
        expect(closed.has(e.number)).toBe(false);
        closed.add(e.number);
      }
    }
  },
);

const party = fc.constantFrom("person" as const, "organisation" as const);

test.prop([party, fc.integer({ min: 1, max: 10_000_000 })])(
  "a fine above the cap is always refused, one within it never on amount (行政处罚法第五十一条)",
  (kind, fineFen) => {
    const cap =
      kind === "person" ? DEFAULT_SIMPLIFIED_POLICY.individualCapFen : DEFAULT_SIMPLIFIED_POLICY.organisationCapFen;
    const r = checkSimplifiedScope({ kinds: ["fine"], fineFen }, kind);
    expect(r.isErr()).toBe(fineFen > cap);
    if (fineFen > cap) {
      // Through the whole decider too.
      const d = decideSimplified(
        initialSimplifiedState("p"),
        {
          type: "onSpot.decide",
          party: { kind, name: "某" },
          category: "律师管理",
          regionCode: "640502",
          officerIds: ["a", "b"],
          certificateShown: true,
          formNumber: "N1",
          facts: "事实",
          basis: ["依据"],
          place: "地点",
          penalty: { kinds: ["fine"], fineFen },
          notified: true,
          statement: { kind: "waived", records: [doc("f")] },
          records: [doc("f")],
        },
        {
          actor: officerActor,
          now: AT,
          calendar,
          bodies,
          forms: evolveFormRegister(EMPTY_FORM_REGISTER, {
            type: "form.issued",
            at: AT,
            officerId: "a",
            numbers: ["N1"],
          }),
        },
      );
      expect(d._unsafeUnwrapErr().code).toBe("SIMPLIFIED_CAP_EXCEEDED");
    }
  },
);

test.prop([
  fc.integer({ min: 10_001, max: 300_000 }),
  fc.constantFrom("smallFine" as const, "hardToExecute" as const, "remoteArea" as const),
  fc.boolean(),
])(
  "collection above ¥100 without a hardship reason is always refused (行政处罚法第六十八条)",
  (fineFen, ground, partyRequested) => {
    const r = checkCollection(
      { type: "onSpot.collect", amountFen: fineFen, ground, partyRequested, receiptNumber: "R", onWater: false },
      fineFen,
    );
    expect(r._unsafeUnwrapErr().code).toBe("ON_SPOT_COLLECTION_NOT_ALLOWED");
  },
);
