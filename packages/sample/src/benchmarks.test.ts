import {
  BENCHMARK_TABLE,
  createBenchmarkRegistry,
  exportBenchmarkSheet,
  importBenchmarkSheet,
  parseCsv,
  type RuleSource,
  STATUTORY_CIRCUMSTANCES,
  toCsv,
} from "@sanxiang/core";
import { sdkLawsRegistry } from "@sanxiang/core/laws";
import { describe, expect, it } from "vitest";
import {
  SAMPLE_BENCHMARK_CIRCUMSTANCES,
  SAMPLE_BENCHMARK_REGISTRY_INPUT,
  SAMPLE_BENCHMARKS,
  SAMPLE_LENIENT_ENTRIES,
} from "./benchmarks.js";

describe("sample discretion benchmarks (示例裁量基准)", () => {
  const registry = createBenchmarkRegistry(SAMPLE_BENCHMARK_REGISTRY_INPUT);

  it("load into the benchmark registry without error", () => {
    expect(registry.isOk(), registry.isErr() ? registry.error.message : "").toBe(true);
    expect(registry._unsafeUnwrap().codes()).toHaveLength(SAMPLE_BENCHMARKS.length);
  });

  it("cite real articles of the shipped statutes (违法依据, 处罚依据, circumstances)", () => {
    const laws = sdkLawsRegistry();
    const cited: RuleSource[] = [
      ...SAMPLE_BENCHMARKS.flatMap((b) => [...b.violationBasis, ...b.penaltyBasis]),
      ...SAMPLE_BENCHMARK_CIRCUMSTANCES.map((c) => c.source),
      ...STATUTORY_CIRCUMSTANCES.map((c) => c.source),
    ];
    for (const s of cited) {
      const r = laws.resolve(s);
      expect(r.isOk(), `${JSON.stringify(s)}: ${r.isErr() ? r.error.message : ""}`).toBe(true);
    }
  });

  it("round-trip through the CSV sheet", () => {
    const csv = toCsv(
      exportBenchmarkSheet(SAMPLE_BENCHMARKS),
      BENCHMARK_TABLE.columns.map((c) => c.header),
    );
    expect(parseCsv(csv, "裁量基准").andThen(importBenchmarkSheet)._unsafeUnwrap()).toEqual(SAMPLE_BENCHMARKS);
  });

  it("recommend: 价格违法行为行政处罚规定 Art. 7 without gains, 屡查屡犯 (Art. 17 para. 2 (2)) → 从重 36.5万–50万元 (top 30%)", () => {
    const r = registry._unsafeUnwrap().recommend("SPT-SC-JG-07-B", "2024-06-01", ["price-repeat"])._unsafeUnwrap();
    expect(r.tier).toBe("heavier");
    expect(r.range).toMatchObject({ min: 36_500_000, max: 50_000_000 });
  });

  it("recommend: 律师法 Art. 55, gains 2万元, 一般 → 2.2–3.8 倍", () => {
    const r = registry
      ._unsafeUnwrap()
      .recommend("SPT-SF-LS-55", "2024-06-01", [], { illegalGains: 2_000_000 })
      ._unsafeUnwrap();
    expect(r.range).toEqual({
      basis: "illegalGains",
      min: 4_400_000,
      max: 7_600_000,
      minMultiple: 2.2,
      maxMultiple: 3.8,
    });
  });

  it("行政处罚法 Art. 33 para. 1: a first failure to mark prices is on the 首违不罚 list", () => {
    const entry = SAMPLE_LENIENT_ENTRIES[0];
    const r = registry._unsafeUnwrap().recommend(entry?.violationCode ?? "", "2024-06-01", ["first-violation-minor"]);
    expect(r._unsafeUnwrap().tier).toBe("none");
  });
});
