// Refusals that say what to do (issue 15 §5): the bad value and what is allowed, the clock's
// value when the clock is wrong, the amount outstanding when a case cannot close.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { acceptedInWords, commandsAccepted } from "../kernel/next-step.js";
import { decideReview } from "../review/decide.js";
import { initialReviewState } from "../review/fold.js";
import { reviewGate } from "../review/gate.js";
import type { PenaltyCommandInput } from "./commands.js";
import { COMMAND_EVENTS, decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import { eventsAcceptedIn } from "./machine.js";
import { caseDecisionDraft } from "./review-gate.js";
import {
  bodies,
  calendar,
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

function run(steps: readonly [PenaltyCommandInput, string, typeof officerActor?][]): CaseState {
  let state = initialCaseState("case-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

describe("an invalid command names the field, the value given and what is allowed", () => {
  it("records.0.kind: the value and the allowed kinds, in the message and in details.issues", () => {
    const bad = {
      type: "investigation.record",
      actionId: "inq-1",
      action: "inquiry",
      records: [{ id: "t1", kind: "onSiteVideo" }],
    } as unknown as PenaltyCommandInput;
    const e = decide(run([[fileCommand, T("03")]]), bad, ctxAt(T("04")))._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("records 第 1 项的 kind");
    expect(e.message).toContain('"onSiteVideo"');
    for (const kind of ["transcript", "document", "audio", "video", "photo"]) expect(e.message).toContain(kind);
    expect(e.details?.issues).toEqual([
      expect.objectContaining({
        path: "records.0.kind",
        value: "onSiteVideo",
        allowed: expect.arrayContaining(["video"]),
      }),
    ]);
  });

  it("an unknown command type lists the command types of the procedure", () => {
    const e = decide(initialCaseState("c"), { type: "case.fiel" } as unknown as PenaltyCommandInput, ctxAt(T("03")));
    const err = e._unsafeUnwrapErr();
    expect(err.message).toMatch(/type 为 "case.fiel"，应为以下之一：.*"case.file"/u);
  });

  it("a missing field says it is missing and what it should be", () => {
    const e = decide(
      run([[fileCommand, T("03")]]),
      { type: "investigation.record", action: "inquiry", records: [] } as unknown as PenaltyCommandInput,
      ctxAt(T("04")),
    )._unsafeUnwrapErr();
    expect(e.message).toContain("actionId 缺失");
  });

  test.prop([
    fc
      .string({ minLength: 1, maxLength: 12 })
      .filter((k) => !["transcript", "document", "audio", "video", "photo", "electronicData", "other"].includes(k)),
  ])("whatever record kind is given, the refusal names that kind (property)", (kind) => {
    const cmd = { type: "investigation.record", actionId: "x", action: "inquiry", records: [{ id: "r", kind }] };
    const e = decide(run([[fileCommand, T("03")]]), cmd as unknown as PenaltyCommandInput, ctxAt(T("04")));
    const issues = (e._unsafeUnwrapErr().details?.issues ?? []) as { path: string; value?: string }[];
    expect(issues.find((i) => i.path === "records.0.kind")?.value).toBe(
      kind.length > 80 ? `${kind.slice(0, 80)}…` : kind,
    );
  });
});

describe("a bad clock is reported as the context's now, not as a malformed event", () => {
  it.each([["2025-03-04 10:00"], [""], ["not a time"]])("now = %j: INSTANT_INVALID naming now and its value", (now) => {
    const e = decide(initialCaseState("c"), fileCommand, ctxAt(now))._unsafeUnwrapErr();
    expect(e.code).toBe("INSTANT_INVALID");
    expect(e.message).toContain("当前时间 now");
    expect(e.message).toContain("时钟");
    expect(e.details).toEqual({ field: "now", value: now });
    expect(e.message).not.toContain("事件格式");
  });

  it("the legal-review decider reports it the same way", () => {
    const cmd = { type: "review.assign", reviewerId: "r" } as const;
    const e = decideReview(initialReviewState("case-1.review"), cmd, {
      actor: headActor,
      now: "yesterday",
      calendar,
      bodies,
    });
    expect(e._unsafeUnwrapErr()).toMatchObject({
      code: "INSTANT_INVALID",
      details: { field: "now", value: "yesterday" },
    });
  });

  it("a non-string now (a Date, a number) is named too, and nothing is decided", () => {
    const ctx = { ...ctxAt(T("03")), now: new Date() as unknown as string };
    const e = decide(initialCaseState("c"), fileCommand, ctx)._unsafeUnwrapErr();
    expect(e.code).toBe("INSTANT_INVALID");
    expect(e.details).toMatchObject({ field: "now", value: "[object Date]" });
  });
});

describe("case.close with part of the fine unpaid names the amount outstanding and the next step", () => {
  it("a ¥5,000 fine with ¥2,000 paid: ¥3,000 outstanding, record the payment or enforce (行政处罚法第七十二条)", () => {
    const served = run([
      [fileCommand, T("03")],
      [{ type: "investigation.record", actionId: "inq-1", action: "inquiry", records: [transcript("t1")] }, T("04")],
      [{ type: "investigation.close", facts: "事实清楚" }, T("05")],
      [noticeCommand(), T("06")],
      [{ type: "defence.receive", statement: "请求从轻" }, T("07")],
      [{ type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("decision")] }, T("10"), headActor],
      [{ type: "decision.serve", method: "direct", records: [doc("receipt")] }, T("11")],
      [{ type: "payment.record", amountFen: 200_000 }, T("12")],
    ]);
    const e = decide(served, { type: "case.close" }, ctxAt(T("13"), headActor))._unsafeUnwrapErr();
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.message).toContain("尚欠 3,000.00 元");
    expect(e.message).toContain("payment.record");
    expect(e.details).toMatchObject({ fineFen: 500_000, paidFen: 200_000, outstandingFen: 300_000 });
  });
});

describe("the review module's gate names the next step too", () => {
  it("a major draft never submitted: submit it for review (review.submit)", () => {
    const draft = caseDecisionDraft(run([[fileCommand, T("03")]]).context, "penalty", { kinds: ["revokeLicence"] });
    const e = reviewGate(undefined, draft)._unsafeUnwrapErr();
    expect(e.details).toMatchObject({ why: "notSubmitted" });
    expect(e.message).toMatch(/下一步：将该决定草案提交法制审核（review\.submit）/u);
  });
});

describe("a command refused in the current state names the commands that state accepts", () => {
  it("case.decide on a case under investigation: the investigation's commands, in the message and details.allowed", () => {
    const s = run([[fileCommand, T("03")]]);
    const e = decide(
      s,
      { type: "case.decide", outcome: "noPenaltyMinor", records: [] },
      ctxAt(T("04"), headActor),
    )._unsafeUnwrapErr();
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    const allowed = e.details?.allowed as string[];
    expect(allowed).toContain("investigation.record");
    expect(allowed).toContain("investigation.close");
    expect(allowed).not.toContain("case.decide");
    expect(e.message).toContain(`此时可执行：${allowed.join("、")}`);
  });

  it("a new case accepts only case.file; an archived one nothing", () => {
    expect(commandsAccepted(COMMAND_EVENTS, eventsAcceptedIn("unfiled"))).toEqual(["case.file"]);
    expect(commandsAccepted(COMMAND_EVENTS, eventsAcceptedIn("archived"))).toEqual([]);
    expect(acceptedInWords([])).toBe("；此时已无可执行的操作");
  });

  it("the legal-review decider too", () => {
    const e = decideReview(
      initialReviewState("case-1.review"),
      { type: "review.assign", reviewerId: "r" },
      { actor: headActor, now: T("03"), calendar, bodies },
    )._unsafeUnwrapErr();
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.details?.allowed).toEqual(["review.submit"]);
    expect(e.message).toContain("此时可执行：review.submit");
  });
});
