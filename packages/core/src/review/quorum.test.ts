// 集体讨论法定人数 (行政处罚法 Art. 57 para. 2; the share is the bureau's [VAR], two thirds by default).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { DEFAULT_REVIEW_POLICY } from "./policy.js";
import { checkDiscussionQuorum, DISCUSSION_QUORUM_SOURCE, MIN_DISCUSSION_PARTICIPANTS } from "./quorum.js";

describe("checkDiscussionQuorum (行政处罚法第五十七条第二款)", () => {
  it("one head alone is never collective, whatever the size of the body", () => {
    const e = checkDiscussionQuorum(["h"], 1, DEFAULT_REVIEW_POLICY)._unsafeUnwrapErr();
    expect(e).toMatchObject({ code: "DISCUSSION_QUORUM_NOT_MET", source: DISCUSSION_QUORUM_SOURCE });
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 57, paragraph: 2 });
  });

  it("more participants than heads, or a total that is not a positive integer, is INVALID_INPUT", () => {
    expect(checkDiscussionQuorum(["a", "b", "c"], 2, DEFAULT_REVIEW_POLICY)._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    for (const n of [0, -1, 1.5, Number.NaN]) {
      expect(checkDiscussionQuorum(["a", "b"], n, DEFAULT_REVIEW_POLICY)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    }
  });
});

test.prop([
  fc.array(fc.constantFrom("h1", "h2", "h3", "h4", "h5", "h6", "h7"), { maxLength: 10 }),
  fc.integer({ min: 1, max: 9 }),
  fc.integer({ min: 1, max: 4 }).chain((num) => fc.tuple(fc.constant(num), fc.integer({ min: num, max: 5 }))),
])(
  "accepts exactly: distinct heads ≥ 2, ≥ the quorum's share of the total, ≤ the total; duplicates count once",
  (participants, total, [num, den]) => {
    const distinct = new Set(participants).size;
    const r = checkDiscussionQuorum(participants, total, { quorumNumerator: num, quorumDenominator: den });
    const ok = distinct <= total && distinct >= MIN_DISCUSSION_PARTICIPANTS && distinct * den >= total * num;
    expect(r.isOk()).toBe(ok);
    if (r.isOk()) expect(r.value).toEqual([...new Set(participants)]);
    else expect(["INVALID_INPUT", "DISCUSSION_QUORUM_NOT_MET"]).toContain(r.error.code);
  },
);
