import { describe, expect, it } from "vitest";
import { createBenchmarkRegistry } from "./registry.js";
import type { Benchmark } from "./schema.js";
import { ART7_GAINS, ART7_NO_GAINS, ART13, ART13_FIRST, PRICE_CIRCUMSTANCES } from "./test-fixtures.js";

const base = {
  benchmarks: [ART7_NO_GAINS, ART7_GAINS, ART13],
  circumstances: PRICE_CIRCUMSTANCES,
  lenient: [ART13_FIRST],
};

describe("createBenchmarkRegistry", () => {
  it("looks benchmarks up by code as of the date of the act (行政处罚法 Art. 37)", () => {
    const old: Benchmark = { ...ART13, effectiveFrom: "2020-01-01", effectiveUntil: "2022-01-01", name: "旧版" };
    const reg = createBenchmarkRegistry({ ...base, benchmarks: [...base.benchmarks, old] })._unsafeUnwrap();
    expect(reg.codes()).toEqual(["JG-07-A", "JG-07-B", "JG-13"]);
    expect(reg.benchmark("JG-13", "2021-06-30")._unsafeUnwrap().name).toBe("旧版");
    expect(reg.benchmark("JG-13", "2022-01-01")._unsafeUnwrap().name).toBe("不标明价格");
    expect(reg.benchmark("JG-13", "2019-12-31")._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
    expect(reg.versions("JG-13").map((b) => b.effectiveFrom)).toEqual(["2020-01-01", "2022-01-01"]);
    expect(reg.inForce("2021-01-01").map((b) => b.code)).toEqual(["JG-13"]);
  });

  it("refuses overlapping versions (行政处罚法 Art. 37 needs one version per date)", () => {
    const clash: Benchmark = { ...ART13, effectiveFrom: "2023-01-01" };
    const r = createBenchmarkRegistry({ ...base, benchmarks: [...base.benchmarks, clash] });
    expect(r._unsafeUnwrapErr().code).toBe("REGISTRY_CONFLICT");
  });

  it("refuses a tier outside the statutory range (价格违法行为行政处罚规定 Art. 13: 5000元以下)", () => {
    const bad: Benchmark = {
      ...ART13,
      tiers: [{ tier: "ordinary", description: "一般", conditions: [], fine: { mode: "fixed", min: 0, max: 600_000 } }],
    };
    expect(createBenchmarkRegistry({ benchmarks: [bad] })._unsafeUnwrapErr().code).toBe("REGISTRY_CONFLICT");
  });

  it("refuses tiers out of order (从轻 above 一般)", () => {
    const bad: Benchmark = {
      ...ART13,
      tiers: [
        {
          tier: "lighter",
          description: "从轻",
          conditions: [],
          fine: { mode: "band", fromPercent: 80, toPercent: 90 },
        },
      ],
    };
    const e = createBenchmarkRegistry({ benchmarks: [bad] })._unsafeUnwrapErr();
    expect(e.message).toContain("一般");
  });

  it("refuses a 减轻 tier above the statutory minimum (行政处罚法 Art. 32: 减轻 is below it)", () => {
    const bad: Benchmark = {
      ...ART7_NO_GAINS,
      tiers: [
        { tier: "mitigated", description: "减轻", conditions: [], fine: { mode: "fixed", min: 0, max: 6_000_000 } },
      ],
    };
    expect(createBenchmarkRegistry({ benchmarks: [bad] })._unsafeUnwrapErr().code).toBe("REGISTRY_CONFLICT");
  });

  it("refuses unknown condition codes, repeated statutory codes and lenient entries of unknown violations", () => {
    expect(createBenchmarkRegistry({ benchmarks: [ART7_NO_GAINS] }).isErr()).toBe(true);
    const dup = { ...PRICE_CIRCUMSTANCES[0], code: "under-14" } as (typeof PRICE_CIRCUMSTANCES)[number];
    expect(createBenchmarkRegistry({ ...base, circumstances: [...PRICE_CIRCUMSTANCES, dup] }).isErr()).toBe(true);
    const stray = { ...ART13_FIRST, violationCode: "JG-99" };
    expect(createBenchmarkRegistry({ ...base, lenient: [stray] }).isErr()).toBe(true);
  });

  it("recommends through the lists in force on the date (行政处罚法 Art. 33 para. 1 首违不罚)", () => {
    const reg = createBenchmarkRegistry(base)._unsafeUnwrap();
    expect(reg.lenient("JG-13", "2024-01-01")).toHaveLength(1);
    expect(reg.recommend("JG-13", "2024-01-01", ["first-violation-minor"])._unsafeUnwrap().tier).toBe("none");
    expect(reg.recommend("JG-13", "2022-06-01", ["first-violation-minor"])._unsafeUnwrap().tier).toBe("ordinary");
    expect(reg.recommend("JG-07-B", "2024-01-01", ["price-repeat"])._unsafeUnwrap().tier).toBe("heavier");
    const c = reg.check("JG-07-B", "2024-01-01", { circumstances: [], fine: 20_000_000 })._unsafeUnwrap();
    expect(c.status).toBe("within");
  });
});
