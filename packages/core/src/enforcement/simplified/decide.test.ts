import { describe, expect, it } from "vitest";
import type { Actor } from "../../kernel/actors.js";
import { bodies, calendar, officerActor, onSpotDecide } from "../test-fixtures.js";
import { decideSimplified, type SimplifiedDecideContext } from "./decide.js";
import { EMPTY_FORM_REGISTER, evolveFormRegister, type FormRegister } from "./forms.js";
import type { SimplifiedCommandInput } from "./schema.js";
import { evolveSimplified, foldSimplified, initialSimplifiedState, type SimplifiedCaseState } from "./state.js";

/** 2025-03-07 is a Friday; 2025-03-10 a Monday. */
const NOW = "2025-03-07T02:00:00Z";

const issued: FormRegister = evolveFormRegister(EMPTY_FORM_REGISTER, {
  type: "form.issued",
  at: "2025-03-01T00:00:00Z",
  officerId: "a",
  numbers: ["No.0001", "No.0002"],
});

function ctx(overrides: Partial<SimplifiedDecideContext> = {}, actor: Actor = officerActor): SimplifiedDecideContext {
  return { actor, now: NOW, calendar, bodies, forms: issued, ...overrides };
}

const decideCmd = onSpotDecide;

function apply(state: SimplifiedCaseState, cmd: SimplifiedCommandInput, c = ctx()): SimplifiedCaseState {
  const d = decideSimplified(state, cmd, c)._unsafeUnwrap();
  let s = state;
  for (const e of d.events) s = evolveSimplified(s, e)._unsafeUnwrap();
  return s;
}

const refusal = (state: SimplifiedCaseState, cmd: SimplifiedCommandInput, c = ctx()) =>
  decideSimplified(state, cmd, c)._unsafeUnwrapErr();

const s0 = initialSimplifiedState("sp-1");

describe("simplified procedure: happy path", () => {
  it("decides on the spot, collects ¥50, hands over and deposits within 2 working days, files (行政处罚法第五十一、五十二、六十八、七十一条)", () => {
    const d = decideSimplified(s0, decideCmd(), ctx())._unsafeUnwrap();
    expect(d.register).toEqual([{ type: "form.used", at: NOW, number: "No.0001", officerId: "a", caseId: "sp-1" }]);
    const [first] = d.events;
    if (first === undefined) throw new Error("no event");
    let s = evolveSimplified(s0, first)._unsafeUnwrap();
    expect(s.value).toBe("decided");
    s = apply(s, { type: "onSpot.collect", amountFen: 5_000, ground: "smallFine", receiptNumber: "NX-123" });
    // Friday + 2 working days → Tuesday.
    expect(s.context.deadlines.handOver).toMatchObject({
      due: "2025-03-11",
      source: { law: "行政处罚法", article: 71 },
    });
    s = apply(s, { type: "cash.handOver" }, ctx({ now: "2025-03-10T02:00:00Z" }));
    expect(s.context.deadlines.deposit?.due).toBe("2025-03-12");
    s = apply(s, { type: "cash.deposit" }, ctx({ now: "2025-03-11T02:00:00Z" }));
    s = apply(s, { type: "decision.file" }, ctx({ now: "2025-03-11T03:00:00Z" }));
    expect(s.value).toBe("deposited");
    expect(s.context.filed).toBe(true);
    expect(s.version).toBe(5);
  });

  it("a warning alone needs no fine and nothing to collect (行政处罚法第五十一条)", () => {
    const s = apply(s0, decideCmd({ penalty: { kinds: ["warning"] } }));
    const r = refusal(s, { type: "onSpot.collect", amountFen: 100, ground: "smallFine", receiptNumber: "x" });
    expect(r.code).toBe("ON_SPOT_COLLECTION_NOT_ALLOWED");
  });

  it("on water, the hand-over period runs from landing (行政处罚法第七十一条)", () => {
    const s = apply(s0, decideCmd());
    const cmd = {
      type: "onSpot.collect",
      amountFen: 5_000,
      ground: "smallFine",
      receiptNumber: "NX-1",
      onWater: true,
    } as const;
    expect(refusal(s, cmd).code).toBe("INVALID_INPUT");
    const t = apply(s, { ...cmd, landedOn: "2025-03-10" }, ctx({ now: "2025-03-10T05:00:00Z" }));
    expect(t.context.deadlines.handOver?.due).toBe("2025-03-12");
  });

  it("the fold of the stored events equals the stepped state", () => {
    const d = decideSimplified(s0, decideCmd(), ctx())._unsafeUnwrap();
    expect(foldSimplified("sp-1", d.events)._unsafeUnwrap().value).toBe("decided");
  });
});

describe("simplified procedure: guards", () => {
  it("refuses a citizen's fine above ¥200 (行政处罚法第五十一条)", () => {
    const r = refusal(s0, decideCmd({ penalty: { kinds: ["fine"], fineFen: 20_001 } }));
    expect(r.code).toBe("SIMPLIFIED_CAP_EXCEEDED");
    expect(r.source).toMatchObject({ law: "行政处罚法", article: 51 });
  });

  it("allows ¥3,000 but refuses ¥3,000.01 for an organisation (行政处罚法第五十一条)", () => {
    const org = { kind: "organisation", name: "某律师事务所" } as const;
    expect(
      decideSimplified(s0, decideCmd({ party: org, penalty: { kinds: ["fine"], fineFen: 300_000 } }), ctx()).isOk(),
    ).toBe(true);
    expect(refusal(s0, decideCmd({ party: org, penalty: { kinds: ["fine"], fineFen: 300_001 } })).code).toBe(
      "SIMPLIFIED_CAP_EXCEEDED",
    );
  });

  it("refuses penalties other than a warning or a fine (行政处罚法第五十一条)", () => {
    const r = refusal(s0, decideCmd({ penalty: { kinds: ["suspendBusiness"] } }));
    expect(r.code).toBe("SIMPLIFIED_CAP_EXCEEDED");
  });

  it("applies a bureau's lower caps from configuration (行政处罚法第五十一条 法律另有规定)", () => {
    const old = { individualCapFen: 5_000, organisationCapFen: 100_000, collectionCapFen: 2_000, minimumOfficers: 2 };
    expect(
      refusal(s0, decideCmd({ penalty: { kinds: ["fine"], fineFen: 5_001 } }), ctx({ simplified: old })).code,
    ).toBe("SIMPLIFIED_CAP_EXCEEDED");
  });

  it("refuses when the certificate was not shown (行政处罚法第五十二条第一款)", () => {
    const r = refusal(s0, decideCmd({ certificateShown: false }));
    expect(r.code).toBe("COMMAND_NOT_ALLOWED");
    expect(r.source).toMatchObject({ article: 52, paragraph: 1 });
  });

  it("refuses a form not issued, issued to another officer, used, or voided (行政处罚法第五十二条第一款)", () => {
    expect(refusal(s0, decideCmd({ formNumber: "No.9999" })).code).toBe("FORM_NUMBER_INVALID");
    const toB = evolveFormRegister(issued, { type: "form.issued", at: NOW, officerId: "b", numbers: ["No.0100"] });
    expect(refusal(s0, decideCmd({ formNumber: "No.0100" }), ctx({ forms: toB })).code).toBe("FORM_NUMBER_INVALID");
    const used = evolveFormRegister(issued, {
      type: "form.used",
      at: NOW,
      number: "No.0001",
      officerId: "a",
      caseId: "x",
    });
    expect(refusal(s0, decideCmd(), ctx({ forms: used })).code).toBe("FORM_NUMBER_INVALID");
    const voided = evolveFormRegister(issued, {
      type: "form.voided",
      at: NOW,
      number: "No.0001",
      officerId: "a",
      reason: "填写错误",
    });
    expect(refusal(s0, decideCmd(), ctx({ forms: voided })).code).toBe("FORM_NUMBER_INVALID");
  });

  it("refuses one officer alone by default, or an expired certificate (行政处罚法第四十二条)", () => {
    expect(refusal(s0, decideCmd({ officerIds: ["a"] })).code).toBe("OFFICERS_INSUFFICIENT");
    expect(refusal(s0, decideCmd({ officerIds: ["a", "c"] })).code).toBe("OFFICERS_INSUFFICIENT");
    const one = { individualCapFen: 20_000, organisationCapFen: 300_000, collectionCapFen: 10_000, minimumOfficers: 1 };
    expect(decideSimplified(s0, decideCmd({ officerIds: ["a"] }), ctx({ simplified: one })).isOk()).toBe(true);
  });

  it("refuses without the numbered decision form on record (行政处罚法第五十二条第一款)", () => {
    expect(refusal(s0, decideCmd({ records: [] })).code).toBe("RECORDING_INCOMPLETE");
  });

  it("refuses an actor not among the officers, and a head without the on-the-spot permission", () => {
    expect(refusal(s0, decideCmd({ officerIds: ["b", "c"] })).code).toBe("COMMAND_NOT_ALLOWED");
    expect(refusal(s0, decideCmd(), ctx({}, { id: "h", name: "局长", roles: ["head"] })).code).toBe(
      "PERMISSION_DENIED",
    );
  });

  it("refuses a second decision and a second filing (行政处罚法第五十二条第三款)", () => {
    const s = apply(apply(s0, decideCmd()), { type: "decision.file" });
    expect(refusal(s, decideCmd()).code).toBe("COMMAND_NOT_ALLOWED");
    expect(refusal(s, { type: "decision.file" }).source).toMatchObject({ article: 52, paragraph: 3 });
  });
});

describe("on-the-spot collection: guards", () => {
  const big = apply(s0, decideCmd({ penalty: { kinds: ["fine"], fineFen: 15_000 } }));
  const collect = (over: Partial<Extract<SimplifiedCommandInput, { type: "onSpot.collect" }>>) =>
    ({ type: "onSpot.collect", amountFen: 15_000, ground: "smallFine", receiptNumber: "NX-9", ...over }) as const;

  it("refuses ¥150 on the small-fine ground (行政处罚法第六十八条第一项)", () => {
    const r = refusal(big, collect({}));
    expect(r.code).toBe("ON_SPOT_COLLECTION_NOT_ALLOWED");
    expect(r.source).toMatchObject({ article: 68, item: 1 });
  });

  it("allows ¥150 when later execution would be difficult, with its reason (行政处罚法第六十八条第二项)", () => {
    expect(refusal(big, collect({ ground: "hardToExecute" })).source).toMatchObject({ article: 68, item: 2 });
    expect(decideSimplified(big, collect({ ground: "hardToExecute", reason: "当事人系过境旅客" }), ctx()).isOk()).toBe(
      true,
    );
  });

  it("allows a remote area only at the party's request (行政处罚法第六十九条)", () => {
    expect(refusal(big, collect({ ground: "remoteArea", reason: "无银行网点" })).source).toMatchObject({ article: 69 });
    expect(
      decideSimplified(
        big,
        collect({ ground: "remoteArea", reason: "无银行网点", partyRequested: true }),
        ctx(),
      ).isOk(),
    ).toBe(true);
  });

  it("refuses without a finance-department receipt (行政处罚法第七十条)", () => {
    const r = refusal(big, collect({ ground: "hardToExecute", reason: "过境", receiptNumber: undefined }));
    expect(r.source).toMatchObject({ article: 70 });
  });

  it("refuses an amount other than the fine decided (行政处罚法第六十八条)", () => {
    expect(refusal(big, collect({ amountFen: 10_000, ground: "hardToExecute", reason: "过境" })).code).toBe(
      "ON_SPOT_COLLECTION_NOT_ALLOWED",
    );
  });

  it("marks a late hand-over (行政处罚法第七十一条)", () => {
    const s = apply(big, collect({ ground: "hardToExecute", reason: "过境" }));
    const d = decideSimplified(s, { type: "cash.handOver" }, ctx({ now: "2025-03-14T02:00:00Z" }))._unsafeUnwrap();
    expect(d.events[0]?.payload).toMatchObject({ late: true });
  });
});

describe("告知 and 陈述申辩 before an on-the-spot decision (行政处罚法第四十四条、第四十五条、第六十二条)", () => {
  const form = { id: "onspot-form", kind: "document" as const };

  it("refuses a decision without the prior notice, citing Art. 44 — nothing is written", () => {
    for (const notified of [undefined, false]) {
      const { notified: _n, ...rest } = decideCmd() as Extract<SimplifiedCommandInput, { type: "onSpot.decide" }>;
      const e = refusal(s0, notified === undefined ? rest : { ...rest, notified });
      expect(e).toMatchObject({ code: "DECISION_WITHOUT_NOTICE", source: { law: "行政处罚法", article: 44 } });
    }
  });

  it("refuses a decision without the party's statement or express waiver, citing Art. 62", () => {
    const { statement: _s, ...rest } = decideCmd() as Extract<SimplifiedCommandInput, { type: "onSpot.decide" }>;
    expect(refusal(s0, rest)).toMatchObject({
      code: "DECISION_WITHOUT_NOTICE",
      source: { law: "行政处罚法", article: 62 },
    });
  });

  it("the statement or the waiver is in writing: without a document or transcript RECORDING_INCOMPLETE (Arts. 45, 62)", () => {
    const made = refusal(s0, decideCmd({ statement: { kind: "made", text: "我不知道有这个规定", records: [] } }));
    expect(made).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 45 } });
    const waived = refusal(s0, decideCmd({ statement: { kind: "waived", records: [] } }));
    expect(waived).toMatchObject({ code: "RECORDING_INCOMPLETE", source: { article: 62 } });
  });

  it("a statement heard and reviewed, or a waiver, on the record: decided, and the event keeps it", () => {
    const statement = {
      kind: "made" as const,
      text: "初次违反，请求从轻",
      review: "理由不成立，不予采纳",
      records: [form],
    };
    const s = apply(s0, decideCmd({ statement }));
    expect(s.value).toBe("decided");
    expect(s.context.statement).toMatchObject({ kind: "made", text: "初次违反，请求从轻" });
    const waived = apply(initialSimplifiedState("sp-2"), decideCmd({ formNumber: "No.0002" }));
    expect(waived.context.statement?.kind).toBe("waived");
  });
});
