// issue 14 §8: caseDecisionHash threw a TypeError on a fine above the largest safe integer
// (canonical JSON refuses unsafe numbers). Such amounts are refused at the schema (FenSchema
// inside PenaltySchema, 行政处罚法 Art. 9 item 2 for the shape) with a coded error, on every
// path that carries a penalty into a decision: case.decide, notice.serve and a review draft.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { ReviewDraftSchema } from "../review/draft.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { evolve, initialCaseState } from "./fold.js";
import { ctxAt, doc, fileCommand, headActor, noticeCommand } from "./test-fixtures.js";

const T = (day: string) => `2025-03-${day}T02:00:00Z`;
let noticed = initialCaseState("amounts");
for (const [cmd, at] of [
  [fileCommand, T("03")],
  [{ type: "investigation.close", facts: "未按规定执业" }, T("04")],
  [noticeCommand(), T("05")],
] as const) {
  for (const e of decide(noticed, cmd as PenaltyCommandInput, ctxAt(at))._unsafeUnwrap())
    noticed = evolve(noticed, e)._unsafeUnwrap();
}

const unsafe = fc.oneof(
  fc.constantFrom(Number.MAX_SAFE_INTEGER + 1, 2 ** 64, Number.POSITIVE_INFINITY, 1e308),
  fc.double({ min: Number.MAX_SAFE_INTEGER + 2, max: 1e300, noNaN: true }),
);

describe("amounts beyond the largest safe integer are refused at the schema (issue 14 §8)", () => {
  test.prop([unsafe], { examples: [[Number.MAX_SAFE_INTEGER + 1], [2 ** 64]] })(
    "case.decide, notice.serve and a review draft: INVALID_INPUT naming the amount, never a throw",
    (fen) => {
      const penalty = { kinds: ["fine" as const], fineFen: fen };
      const decided = decide(
        noticed,
        { type: "case.decide", outcome: "penalty", penalty, records: [doc("d")] },
        ctxAt(T("20"), headActor),
      );
      expect(decided._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
      expect(decided._unsafeUnwrapErr().message).toContain("fineFen");
      const notice = decide(noticed, { ...noticeCommand(), penalty } as PenaltyCommandInput, ctxAt(T("06")));
      expect(notice._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
      const draft = ReviewDraftSchema.safeParse({
        caseId: "amounts",
        party: { kind: "organisation", name: "某律师事务所" },
        facts: "未按规定执业",
        outcome: "penalty",
        penalty,
      });
      expect(draft.success).toBe(false);
      expect(draft.error?.issues[0]?.path).toEqual(["penalty", "fineFen"]);
      expect(draft.error?.issues[0]?.message).toMatch(/^金额/);
    },
  );
});
