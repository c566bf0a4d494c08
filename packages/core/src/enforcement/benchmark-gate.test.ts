// The discretion-benchmark gate of case.decide (行政处罚法 Art. 34; 国办发〔2022〕27号 [M]):
// the decision names the row it applies; outside the row's range it needs the deviation
// procedure on record; the review draft carries the real outsideBenchmark / mitigated flags.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { createBenchmarkRegistry } from "../registry/benchmarks/registry.js";
import type { Benchmark } from "../registry/benchmarks/schema.js";
import { classifyDecision, resolveReviewCatalogue } from "../review/catalogue.js";
import type { DecisionBenchmarkInput } from "./benchmark-application.js";
import { BENCHMARK_GATE_SOURCES, checkDecisionBenchmark } from "./benchmark-gate.js";
import type { PenaltyCommandInput } from "./commands.js";
import { decide } from "./decide.js";
import { type CaseState, evolve, initialCaseState } from "./fold.js";
import type { DecideContext } from "./guards.js";
import { caseDecisionDraft } from "./review-gate.js";
import { ctxAt, doc, fileCommand, headActor, officerActor } from "./test-fixtures.js";

const T = (day: string, h = "02") => `2025-03-${day}T${h}:00:00Z`;

/** 律师法 Art. 50: 警告、停业整顿…，可以处十万元以下的罚款 — tiers by the SAMR formula (一般 30–70%: 3万–7万元). */
const LS50: Benchmark = {
  code: "LS-50",
  name: "律师事务所违反规定接受委托、收取费用",
  violationBasis: [{ law: "律师法", article: 50, paragraph: 1, item: 1, confidence: "C-law" }],
  penaltyBasis: [{ law: "律师法", article: 50, paragraph: 1, confidence: "C-law" }],
  statutory: {
    kinds: ["warning", "fine", "suspendBusiness", "confiscateGains"],
    fine: { basis: "fixed", min: 0, max: 10_000_000 },
  },
  tiers: [],
  document: { law: "示例司法局行政处罚裁量基准", section: "律师类", confidence: "VAR" },
  effectiveFrom: "2020-01-01",
};
const benchmarks = createBenchmarkRegistry({ benchmarks: [LS50] })._unsafeUnwrap();
const fine = (fen: number) => ({ kinds: ["fine" as const], fineFen: fen });
const applied = (over: Partial<Extract<DecisionBenchmarkInput, { kind: "applied" }>> = {}): DecisionBenchmarkInput => ({
  kind: "applied",
  code: "LS-50",
  circumstances: [],
  ...over,
});
const decideWith = (fen: number, benchmark?: DecisionBenchmarkInput): PenaltyCommandInput => ({
  type: "case.decide",
  outcome: "penalty",
  penalty: fine(fen),
  ...(benchmark === undefined ? {} : { benchmark }),
  records: [doc("d")],
});
const ctx = (over: Partial<DecideContext> = {}): DecideContext => ({
  ...ctxAt(T("20"), headActor),
  benchmarks,
  ...over,
});

function run(steps: readonly [PenaltyCommandInput, string, typeof officerActor?][]): CaseState {
  let state = initialCaseState("case-1");
  for (const [cmd, now, actor] of steps) {
    const events = decide(state, cmd, ctxAt(now, actor ?? officerActor))._unsafeUnwrap();
    for (const e of events) state = evolve(state, e)._unsafeUnwrap();
  }
  return state;
}

/** Notified of the statutory maximum (¥100,000); collective discussion held or not; decide on the 20th. */
const noticed = (discussion: boolean) =>
  run([
    [fileCommand, T("03")],
    [{ type: "investigation.close", facts: "违反规定收取费用" }, T("04")],
    [
      {
        type: "notice.serve",
        penalty: fine(10_000_000),
        facts: "违反规定收取费用",
        basis: ["律师法第五十条"],
        records: [doc("n")],
      },
      T("05"),
    ],
    ...(discussion
      ? [
          [{ type: "discussion.hold", participants: ["h", "h2"], conclusion: "同意" }, T("06"), headActor] as [
            PenaltyCommandInput,
            string,
            typeof headActor,
          ],
        ]
      : []),
  ]);
const plain = noticed(false);
const discussed = noticed(true);

describe("case.decide names its discretion benchmark (行政处罚法第三十四条)", () => {
  it("a bureau with benchmarks: a penalty naming no row is refused, citing Art. 34", () => {
    const e = decide(plain, decideWith(5_000_000), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("BENCHMARK_NOT_APPLIED");
    expect(e.source).toEqual(BENCHMARK_GATE_SOURCES.applied);
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 34 });
  });

  it("a row named without a registry to check it is refused, not ignored", () => {
    const e = decide(plain, decideWith(5_000_000, applied()), ctxAt(T("20"), headActor))._unsafeUnwrapErr();
    expect(e.code).toBe("BENCHMARK_NOT_APPLIED");
  });

  it("within the row's tier (一般 3万–7万元) the decision is made and records the row", () => {
    const events = decide(plain, decideWith(5_000_000, applied()), ctx())._unsafeUnwrap();
    const decided = events.find((e) => e.type === "case.decided");
    expect(decided?.payload).toMatchObject({ benchmark: { kind: "applied", code: "LS-50" } });
    expect(decided?.payload).not.toMatchObject({ major: true });
  });

  it("no row: the decision says why and is not checked", () => {
    const none = { kind: "none" as const, reason: "本机关裁量基准未列该违法行为" };
    expect(decide(plain, decideWith(5_000_000, none), ctx()).isOk()).toBe(true);
  });

  it("an unknown row is refused (REGISTRY_NOT_FOUND); a fine above the statutory maximum is refused (PENALTY_OUT_OF_RANGE, 律师法第五十条)", () => {
    expect(decide(plain, decideWith(5_000_000, applied({ code: "LS-99" })), ctx())._unsafeUnwrapErr().code).toBe(
      "REGISTRY_NOT_FOUND",
    );
    const over = checkDecisionBenchmark(
      {
        outcome: "penalty",
        penalty: fine(10_000_001),
        benchmark: { kind: "applied", code: "LS-50", circumstances: [] },
      },
      plain.context,
      ctx(),
    )._unsafeUnwrapErr();
    expect(over.code).toBe("PENALTY_OUT_OF_RANGE");
    expect(over.source).toMatchObject({ law: "律师法", article: 50 });
  });
});

describe("outside the row's range: the deviation procedure (国办发〔2022〕27号 [M]) and the review catalogue", () => {
  it("below the tier without reasons is refused, citing the rule that requires them", () => {
    const e = decide(discussed, decideWith(500_000, applied()), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("BENCHMARK_DEVIATION_UNRECORDED");
    expect(e.details).toMatchObject({ requirement: "reasons", position: "belowTier" });
    expect(e.source).toMatchObject({ law: "国办发〔2022〕27号" });
    expect(e.message).toContain("示例司法局行政处罚裁量基准");
  });

  it("reasons without a collective discussion or the principal head's approval are refused", () => {
    const e = decide(plain, decideWith(500_000, applied({ deviation: { reasons: "初次违法，已退还费用" } })), ctx());
    expect(e._unsafeUnwrapErr().details).toMatchObject({ requirement: "collectiveDiscussion" });
    const approved = applied({
      deviation: { reasons: "初次违法，已退还费用", approval: { approverId: "h", opinion: "同意" } },
    });
    // With the approval the deviation is on record; the decision is then major (outsideBenchmark row).
    expect(decide(plain, decideWith(500_000, approved), ctx())._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
  });

  it("with the procedure on record the review draft carries outsideBenchmark: the default catalogue makes it major", () => {
    const e = decide(discussed, decideWith(500_000, applied({ deviation: { reasons: "初次违法" } })), ctx());
    const err = e._unsafeUnwrapErr();
    expect(err.code).toBe("REVIEW_NOT_APPROVED");
    expect(err.details).toMatchObject({ reasons: [{ rule: "outsideBenchmark" }] });
    // A catalogue that does not list deviations decides it without review.
    const catalogue = resolveReviewCatalogue({ outsideBenchmark: false })._unsafeUnwrap();
    const ok = decide(discussed, decideWith(500_000, applied({ deviation: { reasons: "初次违法" } })), {
      ...ctx(),
      reviewCatalogue: catalogue,
    });
    expect(ok.isOk()).toBe(true);
  });

  it("caseDecisionDraft passes the gate's flags to the catalogue (减轻 → mitigated row)", () => {
    const draft = caseDecisionDraft(discussed.context, "penalty", fine(500_000), {
      outsideBenchmark: true,
      mitigated: true,
    });
    expect(draft.outsideBenchmark).toBe(true);
    expect(draft.mitigated).toBe(true);
    expect(classifyDecision(draft).reasons.map((r) => r.rule)).toEqual(["mitigated", "outsideBenchmark"]);
    expect(caseDecisionDraft(discussed.context, "penalty", fine(500_000)).outsideBenchmark).toBe(false);
  });

  const within = (fen: number) => fen >= 3_000_000 && fen <= 7_000_000;
  test.prop([fc.integer({ min: 1, max: 9_999_999 }), fc.boolean()], {
    examples: [
      [2_999_999, false],
      [3_000_000, false],
      [7_000_000, true],
      [7_000_001, true],
      [1, true],
    ],
  })("a fine is decided without a deviation record exactly when it lies in the row's tier", (fen, reasons) => {
    const b = applied(reasons ? { deviation: { reasons: "情节特殊" } } : {});
    const r = decide(discussed, decideWith(fen, b), ctx());
    if (within(fen)) {
      expect(r.isOk()).toBe(true);
    } else {
      const e = r._unsafeUnwrapErr();
      // Without reasons the gate refuses; with them the review catalogue's outsideBenchmark row applies.
      expect(e.code).toBe(reasons ? "REVIEW_NOT_APPROVED" : "BENCHMARK_DEVIATION_UNRECORDED");
      if (reasons) expect(e.details).toMatchObject({ reasons: [{ rule: "outsideBenchmark" }] });
    }
  });
});

describe("the deviation policy is configuration", () => {
  it("a policy whose collective discussion admits no approval refuses the head's approval alone", () => {
    const policy = {
      outsideTier: [
        {
          kind: "collectiveDiscussion" as const,
          text: "偏离裁量基准的，由行政机关负责人集体讨论决定",
          source: { law: "示例司法局行政处罚裁量权适用规则", section: "第十条", confidence: "VAR" as const },
        },
      ],
      mitigated: [],
      noPenalty: [],
    };
    const approved = applied({ deviation: { approval: { approverId: "h", opinion: "同意" } } });
    const e = decide(plain, decideWith(500_000, approved), ctx({ deviationPolicy: policy }))._unsafeUnwrapErr();
    expect(e.code).toBe("BENCHMARK_DEVIATION_UNRECORDED");
    expect(e.source).toMatchObject({ law: "示例司法局行政处罚裁量权适用规则" });
    // With the discussion held it passes the benchmark gate (then the review catalogue applies).
    expect(
      decide(discussed, decideWith(500_000, approved), ctx({ deviationPolicy: policy }))._unsafeUnwrapErr().code,
    ).toBe("REVIEW_NOT_APPROVED");
  });
});

describe("one finding of the circumstances (circumstances.record, 行政处罚法第三十二条)", () => {
  // 主动消除或者减轻违法行为危害后果 (Art. 32 item 1): 从轻 — 0–30% of 十万元 under the formula.
  const recorded = (() => {
    let s = discussed;
    const cmd: PenaltyCommandInput = {
      type: "circumstances.record",
      circumstances: ["eliminated-harm"],
      records: [doc("finding")],
    };
    for (const e of decide(s, cmd, ctxAt(T("07")))._unsafeUnwrap()) s = evolve(s, e)._unsafeUnwrap();
    return s;
  })();

  it("the decision applies the circumstances on record: ¥5,000 lies in the 从轻 tier", () => {
    const r = decide(recorded, decideWith(500_000, { kind: "applied", code: "LS-50" }), ctx());
    expect(r.isOk()).toBe(true);
    // The same fine without the finding is below the 一般 tier: a deviation.
    expect(
      decide(discussed, decideWith(500_000, { kind: "applied", code: "LS-50" }), ctx())._unsafeUnwrapErr().code,
    ).toBe("BENCHMARK_DEVIATION_UNRECORDED");
  });

  it("a decision may not apply circumstances other than those on record", () => {
    const e = decide(recorded, decideWith(500_000, applied({ circumstances: [] })), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.details).toMatchObject({ given: [], recorded: ["eliminated-harm"] });
    const same = applied({ circumstances: ["eliminated-harm"] });
    expect(decide(recorded, decideWith(500_000, same), ctx()).isOk()).toBe(true);
  });
});

describe("the deviation's approver is a head of the body in the registry (行政处罚法第五十七条第一款; 国办发〔2022〕27号 [M])", () => {
  const approvedBy = (approverId: string) =>
    applied({ deviation: { reasons: "初次违法，已退还费用", approval: { approverId, opinion: "同意" } } });

  it("an approver absent from the registry is refused, naming the approver (ACTOR_NOT_REGISTERED)", () => {
    const e = decide(plain, decideWith(500_000, approvedBy("nobody")), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("ACTOR_NOT_REGISTERED");
    expect(e.details).toMatchObject({ actorId: "nobody", reason: "notInRegistry" });
    expect(e.message).toContain("nobody");
  });

  it("an officer who is not a head cannot approve (ROLE_NOT_BACKED naming the officer, Art. 57 para. 1)", () => {
    const e = decide(discussed, decideWith(500_000, approvedBy("a")), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.details).toMatchObject({ actorId: "a", actorName: "甲" });
    expect(e.source).toEqual(BENCHMARK_GATE_SOURCES.approver);
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 57, paragraph: 1 });
  });

  it("standing in for the collective discussion the approval is the 主要负责人's: a deputy head is refused", () => {
    const e = decide(plain, decideWith(500_000, approvedBy("h2")), ctx())._unsafeUnwrapErr();
    expect(e.code).toBe("ROLE_NOT_BACKED");
    expect(e.details).toMatchObject({ actorId: "h2", leadership: "deputy", allowed: ["principal", "presiding"] });
    expect(e.source).toEqual(BENCHMARK_GATE_SOURCES.principalApprover);
    // The principal head's approval passes the gate (the review catalogue then applies).
    expect(decide(plain, decideWith(500_000, approvedBy("h")), ctx())._unsafeUnwrapErr().code).toBe(
      "REVIEW_NOT_APPROVED",
    );
  });

  it("after a collective discussion a deputy head's approval is a head's approval: accepted", () => {
    expect(decide(discussed, decideWith(500_000, approvedBy("h2")), ctx())._unsafeUnwrapErr().code).toBe(
      "REVIEW_NOT_APPROVED",
    );
  });
});
