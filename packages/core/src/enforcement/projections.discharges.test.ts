// The deadline index finds the deadlines an event meets in a map built once from
// DEADLINE_DISCHARGES (not by walking every entry for each event): for any event type — each
// one the table names, and any other — it deletes exactly the rows the table gives, in the
// table's order, keyed `<caseId>/<ruleId>`, or `<caseId>/<ruleId>/<measureId>` when the event
// names a measure (as version 5 always keyed them).
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaseEvent } from "../recording/case-event.js";
import { CASE_END_EVENTS, DEADLINE_DISCHARGES, deadlinesProjection } from "./projections.js";

const NAMED = [...new Set(Object.values(DEADLINE_DISCHARGES).flat())].filter(
  (t) => !CASE_END_EVENTS.includes(t) && t !== "onSpot.collected" && t !== "payment.recorded",
);

const eventArb = fc.record({
  caseId: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,20}$/),
  seq: fc.integer({ min: 1, max: 1000 }),
  type: fc.oneof(
    fc.constantFrom(...NAMED),
    fc.stringMatching(/^[a-z]{1,8}\.[a-z][a-zA-Z]{0,10}$/).filter((t) => !CASE_END_EVENTS.includes(t)),
  ),
  measureId: fc.option(fc.stringMatching(/^[a-z0-9-]{1,10}$/), { nil: undefined }),
});

describe("deadlinesProjection: deadlines met by an event type", () => {
  test.prop([eventArb], { numRuns: 1000 })("deletes exactly the rows DEADLINE_DISCHARGES names", (e) => {
    const event: CaseEvent = {
      caseId: e.caseId,
      seq: e.seq,
      type: e.type,
      at: "2026-03-01T08:00:00Z",
      actor: { id: "u1", roles: ["officer"] },
      stage: "investigation",
      payload: e.measureId === undefined ? {} : { measureId: e.measureId },
    };
    const tail = e.measureId === undefined ? "" : `/${e.measureId}`;
    const expected = Object.entries(DEADLINE_DISCHARGES)
      .filter(([, types]) => types.includes(e.type))
      .map(([ruleId]) => ({ op: "delete", key: `${e.caseId}/${ruleId}${tail}` }));
    expect(deadlinesProjection.project(event)).toEqual(expected);
  });
});
