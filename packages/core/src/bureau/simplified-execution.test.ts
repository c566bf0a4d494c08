// The simplified procedure through createBureau (issue 14 §6/§8, issue 15 §3): the bureau's
// benchmarks bind the on-the-spot decision (行政处罚法第三十四条); a fine not collected on the
// spot is paid at the bank within fifteen days (第五十三条、第六十七条第三款) and, overdue,
// demanded (第七十二条; 行政强制法第三十五条) — one stream, one facade.
import { describe, expect, it } from "vitest";
import { bodies, calendar, headActor, officerActor, onSpotDecide } from "../enforcement/test-fixtures.js";
import type { Actor } from "../kernel/actors.js";
import { manualClock } from "../kernel/ports.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { createBenchmarkRegistry } from "../registry/benchmarks/registry.js";
import type { Benchmark } from "../registry/benchmarks/schema.js";
import { createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const ok = <T>(v: T): T => v;
const fail = (e: { code: string; message: string }): never => {
  throw new Error(`${e.code}: ${e.message}`);
};

/** 处二百元以下罚款 — tiers by the SAMR formula (一般 ¥60–¥140). */
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

function setup() {
  const clock = manualClock("2025-03-07T02:00:00Z");
  const store = memoryEventStore({ projections: bureauProjections() });
  const benchmarks = createBenchmarkRegistry({ benchmarks: [SMALL] }).match(ok, fail);
  const bureau = createBureau({ bodyId: "spt", store, clock, registries: { bodies, benchmarks }, calendar }).match(
    ok,
    fail,
  );
  return { clock, store, bureau };
}

describe("simplified procedure through createBureau", () => {
  it("benchmark, payment deadline, overdue demand and payment with the surcharge", async () => {
    const { clock, store, bureau } = setup();
    (await bureau.forms.as(headActor).issue({ officerId: "a", numbers: ["No.0001"] })).match(ok, fail);
    const c = bureau.case("SP-9");
    const fine = { kinds: ["fine" as const], fineFen: 12_000 };
    // The bureau has benchmarks: a decision naming no row is refused and writes nothing.
    const unnamed = await c.as(officerActor).execute(onSpotDecide({ penalty: fine }));
    expect(unnamed._unsafeUnwrapErr().code).toBe("BENCHMARK_NOT_APPLIED");
    expect((await store.load("SP-9")).match(ok, fail)).toHaveLength(0);
    const benchmark = { kind: "applied" as const, code: "XX-12", circumstances: [] };
    const d = (await c.as(officerActor).execute(onSpotDecide({ penalty: fine, benchmark }))).match(ok, fail);
    expect(d.view.procedure).toBe("simplified");
    expect(d.events[0]?.payload).toMatchObject({ paymentDue: { due: "2025-03-24" } });
    // Filed with the agency the same day (第五十二条第三款): the party's payment deadline and the
    // court window stay on the bureau's deadline list.
    (await c.as(officerActor).execute({ type: "decision.file" })).match(ok, fail);
    const open = (await bureau.deadlines()).match(ok, fail).filter((x) => x.streamId === "SP-9");
    expect(open.map((x) => x.ruleId).sort()).toEqual(["enforcement.courtApplication", "penalty.payment"]);
    // Not paid by 2025-03-24: demanded on 2025-03-26 with two days' surcharge (3% a day).
    clock.set("2025-03-26T02:00:00Z");
    const demand = {
      type: "execution.demand" as const,
      method: "direct" as const,
      records: [{ id: "demand", kind: "document" as const }],
    };
    const demanded = (await c.as(officerActor).execute(demand)).match(ok, fail);
    expect(demanded.events[0]).toMatchObject({ type: "execution.demanded", payload: { surchargeFen: 720 } });
    // Paid with the surcharge: the case is 已缴纳罚款.
    clock.set("2025-03-27T02:00:00Z");
    const paid = (
      await c.as(officerActor).execute({ type: "payment.record", amountFen: 12_000, surchargeFen: 1_080 })
    ).match(ok, fail);
    expect(paid.view.procedure === "simplified" && paid.view.state.value).toBe("paid");
    expect(paid.events[0]?.payload).toMatchObject({ remainingFen: 0 });
    // Paid in full and filed, the case is done: its payment deadline and execution periods
    // leave the deadline list (第六十七条; 行政强制法第三十五条起 — the demand is met too).
    const left = (await bureau.deadlines()).match(ok, fail).filter((x) => x.streamId === "SP-9");
    expect(left).toEqual([]);
    // Filed and paid, the on-the-spot case is done: it has no 结案 step of the ordinary
    // procedure (第五十二条第三款 备案 and 第五十三条 履行 are its end).
    const close = await c.as(headActor).execute({ type: "case.close" });
    expect(close._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
  });

  it("collected on the spot, nothing is left on the deadline list but the hand-over (第六十八、七十一条)", async () => {
    const { bureau } = setup();
    (await bureau.forms.as(headActor).issue({ officerId: "a", numbers: ["No.0001"] })).match(ok, fail);
    const c = bureau.case("SP-11");
    const benchmark = { kind: "none" as const, reason: "本机关裁量基准未列该违法行为" };
    (await c.as(officerActor).execute(onSpotDecide({ benchmark }))).match(ok, fail);
    const collect = {
      type: "onSpot.collect" as const,
      amountFen: 5_000,
      ground: "smallFine" as const,
      receiptNumber: "NX-1",
    };
    (await c.as(officerActor).execute(collect)).match(ok, fail);
    const open = (await bureau.deadlines()).match(ok, fail).filter((x) => x.streamId === "SP-11");
    expect(open.map((x) => x.ruleId)).toEqual(["penalty.cashHandover"]);
  });

  it("an actor outside the registry cannot act on the on-the-spot case", async () => {
    const { bureau } = setup();
    (await bureau.forms.as(headActor).issue({ officerId: "a", numbers: ["No.0001"] })).match(ok, fail);
    const stranger: Actor = { id: "x", name: "外人", roles: ["officer"] };
    const benchmark = { kind: "none" as const, reason: "示例" };
    const r = await bureau
      .case("SP-10")
      .as(stranger)
      .execute(onSpotDecide({ officerIds: ["x", "a"], benchmark }));
    expect(r._unsafeUnwrapErr().code).toBe("ACTOR_NOT_REGISTERED");
  });
});
