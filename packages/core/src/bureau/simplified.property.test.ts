// The simplified procedure through createBureau adds no rule either: random sequences of form
// issues, voids and on-the-spot decisions (by either officer, on any of three numbers and three
// cases) give the same case events, register events and refusals as decideFormEvent /
// decideSimplified run by hand on the folded register and cases.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { decideSimplified } from "../enforcement/simplified/decide.js";
import {
  decideFormEvent,
  EMPTY_FORM_REGISTER,
  evolveFormRegister,
  type FormRegister,
  type FormRegisterEvent,
} from "../enforcement/simplified/forms.js";
import { evolveSimplified, initialSimplifiedState, type SimplifiedCaseState } from "../enforcement/simplified/state.js";
import { bodies, calendar, onSpotDecide } from "../enforcement/test-fixtures.js";
import type { Actor } from "../kernel/actors.js";
import { manualClock } from "../kernel/ports.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { createBureau } from "./bureau.js";

const officers: Record<string, Actor> = {
  a: { id: "a", name: "甲", roles: ["officer"] },
  b: { id: "b", name: "乙", roles: ["officer"] },
};
const numbers = ["No.0001", "No.0002", "No.0003"];

type Step =
  | { readonly kind: "issue"; readonly officer: "a" | "b"; readonly numbers: readonly string[] }
  | { readonly kind: "void"; readonly officer: "a" | "b"; readonly number: string }
  | { readonly kind: "decide"; readonly officer: "a" | "b"; readonly number: string; readonly caseNo: number };

const officerArb = fc.constantFrom<"a" | "b">("a", "b");
const numberArb = fc.constantFrom(...numbers);
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant("issue" as const),
    officer: officerArb,
    numbers: fc.subarray(numbers, { minLength: 1 }),
  }),
  fc.record({ kind: fc.constant("void" as const), officer: officerArb, number: numberArb }),
  fc.record({
    kind: fc.constant("decide" as const),
    officer: officerArb,
    number: numberArb,
    caseNo: fc.integer({ min: 1, max: 3 }),
  }),
);

describe("createBureau: the simplified procedure and its form register add no rule", () => {
  test.prop([fc.array(stepArb, { minLength: 1, maxLength: 12 })], {
    numRuns: 60,
    // Scripted: a number issued, used, then used again on another case (refused by the register).
    examples: [
      [
        [
          { kind: "issue", officer: "a", numbers: ["No.0001"] },
          { kind: "decide", officer: "a", number: "No.0001", caseNo: 1 },
          { kind: "decide", officer: "a", number: "No.0001", caseNo: 2 },
        ],
      ],
    ],
  })("same events and refusals as the deciders by hand", async (steps) => {
    const clock = manualClock("2025-03-03T02:00:00Z");
    const store = memoryEventStore();
    const bureau = createBureau({ bodyId: "spt", store, clock, registries: { bodies }, calendar })._unsafeUnwrap();
    let register: FormRegister = EMPTY_FORM_REGISTER;
    const cases = new Map<string, SimplifiedCaseState>();
    let minute = 0;
    for (const step of steps) {
      minute += 1;
      const now = `2025-03-03T02:${String(minute).padStart(2, "0")}:00Z`;
      clock.set(now);
      const actor = officers[step.officer] as Actor;
      if (step.kind === "issue" || step.kind === "void") {
        const event: Parameters<typeof decideFormEvent>[1] =
          step.kind === "issue"
            ? { type: "form.issued", at: now, officerId: actor.id, numbers: [...step.numbers] }
            : { type: "form.voided", at: now, officerId: actor.id, number: step.number, reason: "填写错误" };
        const expected = decideFormEvent(register, event);
        const got =
          step.kind === "issue"
            ? await bureau.forms.as(actor).issue({ officerId: actor.id, numbers: step.numbers })
            : await bureau.forms.as(actor).void({ officerId: actor.id, number: step.number, reason: "填写错误" });
        if (expected.isErr()) {
          expect(got._unsafeUnwrapErr().code).toBe(expected.error.code);
          expect(got._unsafeUnwrapErr().message).toBe(expected.error.message);
        } else {
          register = evolveFormRegister(register, expected.value);
          expect(got._unsafeUnwrap()).toEqual(register);
        }
        continue;
      }
      const caseId = `SP-${step.caseNo}`;
      const state = cases.get(caseId) ?? initialSimplifiedState(caseId);
      const cmd = onSpotDecide({ formNumber: step.number, officerIds: [actor.id, actor.id === "a" ? "b" : "a"] });
      const expected = decideSimplified(state, cmd, { actor, now, calendar, bodies, forms: register });
      const got = await bureau.case(caseId).as(actor).execute(cmd);
      if (expected.isErr()) {
        expect([got._unsafeUnwrapErr().code, got._unsafeUnwrapErr().message]).toEqual([
          expected.error.code,
          expected.error.message,
        ]);
        continue;
      }
      expect(got._unsafeUnwrap().events).toEqual(expected.value.events);
      for (const e of expected.value.register) register = evolveFormRegister(register, e as FormRegisterEvent);
      let next = state;
      for (const e of expected.value.events) next = evolveSimplified(next, e)._unsafeUnwrap();
      cases.set(caseId, next);
    }
    // The bureau's register is the fold of what it stored.
    expect((await bureau.forms.register())._unsafeUnwrap()).toEqual(register);
  });
});
