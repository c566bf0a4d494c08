// After an on-the-spot decision (简易程序): payment at the bank within fifteen days of the form
// handed over on the spot (行政处罚法第五十二、五十三条, 第六十七条第三款), unless collected on the
// spot (第六十八至七十一条); overdue, the ordinary procedure's surcharge and execution path
// (第七十二条; 行政强制法第三十五、五十三、五十四条). The actor checked against the registry
// (issue 15 §3), and the discretion benchmark (第三十四条) with a head's approval of a deviation.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { Actor } from "../../kernel/actors.js";
import { createBenchmarkRegistry } from "../../registry/benchmarks/registry.js";
import type { Benchmark } from "../../registry/benchmarks/schema.js";
import { resolveReviewCatalogue } from "../../review/catalogue.js";
import type { PenaltyCommandInput } from "../commands.js";
import { outstandingFen } from "../context.js";
import { bodies, calendar, doc, headActor, officerActor, onSpotDecide } from "../test-fixtures.js";
import { decideSimplified, type SimplifiedCaseCommandInput, type SimplifiedDecideContext } from "./decide.js";
import { EMPTY_FORM_REGISTER, evolveFormRegister, type FormRegister } from "./forms.js";
import { SIMPLIFIED_GUARD_SOURCES } from "./policy.js";
import { evolveSimplified, foldSimplified, initialSimplifiedState, type SimplifiedCaseState } from "./state.js";

/** 10:00 China time on `date`. 2025-03-07 is a Friday. */
const day = (date: string) => `${date}T02:00:00Z`;
const NOW = day("2025-03-07");

const issued: FormRegister = evolveFormRegister(EMPTY_FORM_REGISTER, {
  type: "form.issued",
  at: "2025-03-01T00:00:00Z",
  officerId: "a",
  numbers: ["No.0001", "No.0002"],
});

function ctx(
  now = NOW,
  actor: Actor = officerActor,
  over: Partial<SimplifiedDecideContext> = {},
): SimplifiedDecideContext {
  return { actor, now, calendar, bodies, forms: issued, ...over };
}

function step(s: SimplifiedCaseState, cmd: SimplifiedCaseCommandInput, c: SimplifiedDecideContext) {
  return decideSimplified(s, cmd, c).map((d) => {
    let next = s;
    for (const e of d.events) next = evolveSimplified(next, e)._unsafeUnwrap();
    return { state: next, events: d.events };
  });
}
const apply = (s: SimplifiedCaseState, cmd: SimplifiedCaseCommandInput, c: SimplifiedDecideContext) =>
  step(s, cmd, c)._unsafeUnwrap().state;

const s0 = initialSimplifiedState("sp-x");
/** ¥150 to 张三 on Friday 2025-03-07, not collected on the spot (above the ¥100 of Art. 68 item 1). */
const decided = apply(s0, onSpotDecide({ penalty: { kinds: ["fine"], fineFen: 15_000 } }), ctx());
const pay = (amountFen: number, surchargeFen?: number): PenaltyCommandInput => ({
  type: "payment.record",
  amountFen,
  ...(surchargeFen === undefined ? {} : { surchargeFen }),
});
const demand: PenaltyCommandInput = { type: "execution.demand", method: "direct", records: [doc("demand")] };

describe("payment at the bank within fifteen days (行政处罚法第五十三条、第六十七条第三款)", () => {
  it("the decision carries the payment deadline: 15 days from the day the form was handed over", () => {
    const view = decided.context.enforcement;
    // 2025-03-07 + 15 days = Saturday 2025-03-22, which rolls over to Monday 2025-03-24.
    expect(view?.deadlines.payment).toMatchObject({
      ruleId: "penalty.payment",
      due: "2025-03-24",
      source: { law: "行政处罚法", article: 67, paragraph: 3 },
    });
    expect(view?.service).toMatchObject({ method: "onSpot", servedOn: "2025-03-07" });
    expect(view?.deadlines.courtApplication?.source).toMatchObject({ law: "行政强制法", article: 53 });
  });

  it("paid in full at the bank: 已缴纳罚款; in part: still decided, the rest outstanding", () => {
    const part = apply(decided, pay(5_000), ctx(day("2025-03-10")));
    expect(part.value).toBe("decided");
    expect(part.context.enforcement && outstandingFen(part.context.enforcement)).toBe(10_000);
    const paid = apply(part, pay(10_000), ctx(day("2025-03-11")));
    expect(paid.value).toBe("paid");
    // Paid off, nothing to demand; filing still open (第五十二条第三款).
    expect(decideSimplified(paid, demand, ctx(day("2025-04-01")))._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(apply(paid, { type: "decision.file" }, ctx(day("2025-03-12"))).context.filed).toBe(true);
  });

  it("more than the fine is refused, naming the amount outstanding", () => {
    const e = decideSimplified(decided, pay(15_001), ctx(day("2025-03-10")))._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details).toMatchObject({ outstandingFen: 15_000 });
  });

  it("a warning alone has no payment stage: payment commands are refused citing Art. 53", () => {
    const warned = apply(s0, onSpotDecide({ penalty: { kinds: ["warning"] } }), ctx());
    expect(warned.context.enforcement).toBeUndefined();
    const e = decideSimplified(warned, pay(100), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("COMMAND_NOT_ALLOWED");
    expect(e.source).toEqual(SIMPLIFIED_GUARD_SOURCES.performance);
  });

  it("once paid at the bank, the fine is no longer collected on the spot (第六十七条第二款、第六十八条)", () => {
    const small = apply(s0, onSpotDecide(), ctx());
    const part = apply(small, pay(1_000), ctx(day("2025-03-07")));
    const e = decideSimplified(
      part,
      { type: "onSpot.collect", amountFen: 5_000, ground: "smallFine", receiptNumber: "NX-1" },
      ctx(),
    )._unsafeUnwrapErr();
    expect(e.code).toBe("ON_SPOT_COLLECTION_NOT_ALLOWED");
  });

  it("collected on the spot, nothing is left to pay or enforce", () => {
    const small = apply(s0, onSpotDecide(), ctx());
    const collected = apply(
      small,
      { type: "onSpot.collect", amountFen: 5_000, ground: "smallFine", receiptNumber: "NX-1" },
      ctx(),
    );
    expect(collected.value).toBe("collected");
    expect(decideSimplified(collected, pay(100), ctx())._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(decideSimplified(collected, demand, ctx(day("2025-04-01")))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
  });
});

describe("overdue: the ordinary surcharge and execution path (行政处罚法第七十二条; 行政强制法第三十五、五十四条)", () => {
  it("a demand is refused on the last day to pay and accepted the day after, with the surcharge of the day", () => {
    const early = decideSimplified(decided, demand, ctx(day("2025-03-24")))._unsafeUnwrapErr();
    expect(early).toMatchObject({ code: "EXECUTION_PREMATURE", source: { law: "行政处罚法", article: 72 } });
    const { state, events } = step(decided, demand, ctx(day("2025-03-26")))._unsafeUnwrap();
    expect(events.map((e) => e.type)).toEqual(["execution.demanded"]);
    // 3% a day from 2025-03-25: two days on 2025-03-26 → 6% of ¥150 = ¥9.
    expect(events[0]?.payload).toMatchObject({ amountFen: 15_000, surchargeFen: 900, servedOn: "2025-03-26" });
    expect(state.context.enforcement?.execution.demand?.due.source).toMatchObject({ law: "行政强制法", article: 54 });
  });

  it("the court application waits for the demand's ten days (行政强制法第五十四条) and is the head's act", () => {
    const demanded = apply(decided, demand, ctx(day("2025-03-26")));
    const application: PenaltyCommandInput = {
      type: "execution.apply",
      court: "中卫市沙坡头区人民法院",
      records: [doc("app")],
    };
    const tooSoon = decideSimplified(demanded, application, ctx(day("2025-03-28"), headActor))._unsafeUnwrapErr();
    expect(tooSoon).toMatchObject({ code: "EXECUTION_PREMATURE", source: { law: "行政强制法", article: 54 } });
    // An officer claiming the head's role the registry does not back is refused, by name.
    const claimed: Actor = { id: "a", name: "甲", roles: ["head"] };
    const e = decideSimplified(demanded, application, ctx(day("2025-04-30"), claimed))._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.details).toMatchObject({ actorId: "a" });
  });

  it("the surcharge is paid with the fine, at most what accrued (第七十二条第一款第一项)", () => {
    const over = decideSimplified(decided, pay(15_000, 901), ctx(day("2025-03-26")))._unsafeUnwrapErr();
    expect(over.code).toBe("INVALID_INPUT");
    const paid = apply(decided, pay(15_000, 900), ctx(day("2025-03-26")));
    expect(paid.value).toBe("paid");
    expect(paid.context.enforcement?.surchargePaidFen).toBe(900);
  });

  it("the stored stream folds back to the stepped state", () => {
    const a = step(decided, demand, ctx(day("2025-03-26")))._unsafeUnwrap();
    const b = step(a.state, pay(15_000, 900), ctx(day("2025-03-27")))._unsafeUnwrap();
    const first = decideSimplified(
      s0,
      onSpotDecide({ penalty: { kinds: ["fine"], fineFen: 15_000 } }),
      ctx(),
    )._unsafeUnwrap().events;
    const folded = foldSimplified("sp-x", [...first, ...a.events, ...b.events])._unsafeUnwrap();
    expect(folded).toEqual(b.state);
    expect(folded.value).toBe("paid");
  });

  test.prop([fc.array(fc.integer({ min: 1, max: 15_000 }), { minLength: 1, maxLength: 6 })])(
    "any sequence of bank payments: the case is 已缴纳 exactly when they reach the fine, never paid beyond it",
    (amounts) => {
      let s = decided;
      let paid = 0;
      for (const a of amounts) {
        const r = step(s, pay(a), ctx(day("2025-03-10")));
        if (paid + a > 15_000 || s.value === "paid") {
          expect(r.isErr()).toBe(true);
          continue;
        }
        s = r._unsafeUnwrap().state;
        paid += a;
      }
      expect(s.value === "paid").toBe(paid === 15_000);
      expect(s.context.enforcement?.paidFen).toBe(paid);
    },
  );
});

describe("who acts, checked against the registry (issue 15 §3; 行政处罚法第四十二条)", () => {
  it("an actor absent from the registry cannot decide on the spot, even listed among the officers", () => {
    const stranger: Actor = { id: "x", name: "外人", roles: ["officer"] };
    const e = decideSimplified(s0, onSpotDecide({ officerIds: ["x", "a"] }), ctx(NOW, stranger))._unsafeUnwrapErr();
    expect(e.code).toBe("ACTOR_NOT_REGISTERED");
    expect(e.message).toContain("外人（x）");
  });

  it("an officer whose certificate expired cannot act (OFFICER_NOT_QUALIFIED)", () => {
    const expired: Actor = { id: "c", name: "丙", roles: ["officer"] };
    const e = decideSimplified(s0, onSpotDecide({ officerIds: ["c", "a"] }), ctx(NOW, expired))._unsafeUnwrapErr();
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
  });

  it("an officer of the bureau not on the spot cannot hand over the cash (NOT_ON_CASE_TEAM)", () => {
    const small = apply(s0, onSpotDecide(), ctx());
    const collected = apply(
      small,
      { type: "onSpot.collect", amountFen: 5_000, ground: "smallFine", receiptNumber: "NX-1" },
      ctx(),
    );
    const reviewer: Actor = { id: "r", name: "审核员", roles: ["officer"] };
    const e = decideSimplified(collected, { type: "cash.handOver" }, ctx(NOW, reviewer))._unsafeUnwrapErr();
    expect(e.code).toBe("NOT_ON_CASE_TEAM");
    expect(e.details).toMatchObject({ actorId: "r", team: ["a", "b"] });
  });

  it("a payment recorded by someone outside the registry is refused as well", () => {
    const stranger: Actor = { id: "x", name: "外人", roles: ["officer"] };
    expect(decideSimplified(decided, pay(100), ctx(NOW, stranger))._unsafeUnwrapErr().code).toBe(
      "ACTOR_NOT_REGISTERED",
    );
  });
});

/** 某条例: 处二百元以下罚款 — tiers by the SAMR formula (一般 30–70%: ¥60–¥140). */
const SMALL: Benchmark = {
  code: "XX-12",
  name: "未按规定执业（情节轻微）",
  violationBasis: [{ law: "律师法", article: 50, paragraph: 1, confidence: "VAR" }],
  penaltyBasis: [{ law: "律师法", article: 50, paragraph: 1, confidence: "VAR" }],
  statutory: { kinds: ["warning", "fine"], fine: { basis: "fixed", min: 0, max: 20_000 } },
  tiers: [],
  document: { law: "示例司法局行政处罚裁量基准", section: "简易程序类", confidence: "VAR" },
  effectiveFrom: "2020-01-01",
};
const benchmarks = createBenchmarkRegistry({ benchmarks: [SMALL] })._unsafeUnwrap();
const fineOf = (fen: number) => ({ kinds: ["fine" as const], fineFen: fen });
const row = (over: Record<string, unknown> = {}) => ({
  kind: "applied" as const,
  code: "XX-12",
  circumstances: [],
  ...over,
});

describe("the discretion benchmark binds on-the-spot decisions (行政处罚法第三十四条)", () => {
  const withBenchmarks = (over: Partial<SimplifiedDecideContext> = {}) =>
    ctx(NOW, officerActor, { benchmarks, ...over });

  it("a bureau with benchmarks: an on-the-spot fine naming no row is refused", () => {
    const e = decideSimplified(s0, onSpotDecide({ penalty: fineOf(10_000) }), withBenchmarks())._unsafeUnwrapErr();
    expect(e).toMatchObject({ code: "BENCHMARK_NOT_APPLIED", source: { law: "行政处罚法", article: 34 } });
  });

  it("within the row's tier it is decided and the event records the row", () => {
    const { events } = step(
      s0,
      onSpotDecide({ penalty: fineOf(10_000), benchmark: row() }),
      withBenchmarks(),
    )._unsafeUnwrap();
    expect(events[0]?.payload).toMatchObject({ benchmark: { kind: "applied", code: "XX-12" } });
  });

  it("below the tier without reasons is refused; with reasons it needs the 主要负责人's approval (no discussion on the spot)", () => {
    const below = decideSimplified(
      s0,
      onSpotDecide({ penalty: fineOf(5_000), benchmark: row() }),
      withBenchmarks(),
    )._unsafeUnwrapErr();
    expect(below.code).toBe("BENCHMARK_DEVIATION_UNRECORDED");
    expect(below.details).toMatchObject({ requirement: "reasons", position: "belowTier" });
    const reasons = decideSimplified(
      s0,
      onSpotDecide({ penalty: fineOf(5_000), benchmark: row({ deviation: { reasons: "初次违法，当场改正" } }) }),
      withBenchmarks(),
    )._unsafeUnwrapErr();
    expect(reasons.details).toMatchObject({ requirement: "collectiveDiscussion" });
  });

  it("the approver is checked against the registry: a deputy head is refused by name, the principal head accepted", () => {
    const approvedBy = (approverId: string) =>
      onSpotDecide({
        penalty: fineOf(5_000),
        benchmark: row({ deviation: { reasons: "初次违法，当场改正", approval: { approverId, opinion: "同意" } } }),
      });
    const deputy = decideSimplified(s0, approvedBy("h2"), withBenchmarks())._unsafeUnwrapErr();
    expect(deputy.code).toBe("ROLE_NOT_BACKED");
    expect(deputy.details).toMatchObject({ actorId: "h2", leadership: "deputy" });
    const stranger = decideSimplified(s0, approvedBy("nobody"), withBenchmarks())._unsafeUnwrapErr();
    expect(stranger.code).toBe("ACTOR_NOT_REGISTERED");
    // The principal's approval passes the gate; the default catalogue lists deviations as major
    // decisions, which need the legal review first (第五十八条) — not on the spot.
    const major = decideSimplified(s0, approvedBy("h"), withBenchmarks())._unsafeUnwrapErr();
    expect(major).toMatchObject({ code: "SIMPLIFIED_CAP_EXCEEDED", source: SIMPLIFIED_GUARD_SOURCES.majorReview });
    expect(major.details).toMatchObject({ reasons: [{ rule: "outsideBenchmark" }] });
    // A catalogue that does not list deviations lets the approved deviation be decided on the spot.
    const catalogue = resolveReviewCatalogue({ outsideBenchmark: false })._unsafeUnwrap();
    expect(decideSimplified(s0, approvedBy("h"), withBenchmarks({ reviewCatalogue: catalogue })).isOk()).toBe(true);
  });

  it("a policy that does not apply benchmarks to on-the-spot cases decides without a row (setting applyBenchmarks)", () => {
    const off = withBenchmarks({
      simplified: {
        individualCapFen: 20_000,
        organisationCapFen: 300_000,
        collectionCapFen: 10_000,
        minimumOfficers: 2,
        applyBenchmarks: false,
      },
    });
    expect(decideSimplified(s0, onSpotDecide({ penalty: fineOf(5_000) }), off).isOk()).toBe(true);
  });

  test.prop([fc.integer({ min: 1, max: 20_000 })], {
    examples: [[5_999], [6_000], [14_000], [14_001]],
  })("a fine is decided on the spot without a deviation record exactly when it lies in the row's tier", (fen) => {
    const r = decideSimplified(s0, onSpotDecide({ penalty: fineOf(fen), benchmark: row() }), withBenchmarks());
    const within = fen >= 6_000 && fen <= 14_000;
    if (within) expect(r.isOk()).toBe(true);
    else expect(r._unsafeUnwrapErr().code).toBe("BENCHMARK_DEVIATION_UNRECORDED");
  });
});
