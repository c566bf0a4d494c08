import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { checkPenalty } from "./check.js";
import { STATUTORY_CIRCUMSTANCES } from "./circumstances.js";
import { MIDDLE_TIER_FORMULA, SAMR_TIER_FORMULA } from "./formula.js";
import { resolveStatutoryFine, resolveTierFine } from "./ranges.js";
import { recommendPenalty } from "./recommend.js";
import { createBenchmarkRegistry } from "./registry.js";
import type { Benchmark, BenchmarkTier, StatutoryFine } from "./schema.js";
import { TIER_ORDER } from "./schema.js";
import { DOC } from "./test-fixtures.js";

// Invariants of discretion benchmarks (行政处罚法 Art. 34; 国办发〔2022〕27号): recommendations
// stay inside the statutory range except 减轻 (below the minimum, never below zero, never above
// it); tiers are ordered; a recommended amount passes checkPenalty. Generated tiers are
// coherent: 从轻/一般/从重 are all banded by ordered cut points or all left to the formula (a mix
// may be disordered, which the registry refuses — see registry.test.ts).

const percent = fc.integer({ min: 0, max: 10_000 }).map((bp) => bp / 100);
const statutoryFine: fc.Arbitrary<StatutoryFine> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 1_000_000_000 }), fc.integer({ min: 1, max: 1_000_000_000 }))
    .map(([min, span]) => ({ basis: "fixed" as const, min, max: min + span })),
  fc
    .tuple(
      fc.constantFrom("illegalGains" as const, "goodsValue" as const),
      fc.integer({ min: 0, max: 30_000 }),
      fc.integer({ min: 1, max: 100_000 }),
    )
    .map(([basis, min, span]) => ({ basis, min: min / 10_000, max: (min + span) / 10_000 })),
);

const tiers: fc.Arbitrary<BenchmarkTier[]> = fc
  .record({
    cuts: fc.tuple(percent, percent).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    mitigated: fc.tuple(percent, percent).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    useBands: fc.boolean(),
    bandMitigated: fc.boolean(),
  })
  .map(({ cuts, mitigated, useBands, bandMitigated }) => {
    const [a, b] = cuts as [number, number];
    const [x, y] = mitigated as [number, number];
    const bands: [BenchmarkTier["tier"], number, number][] = [
      ["mitigated", x, y],
      ["lighter", 0, a],
      ["ordinary", a, b],
      ["heavier", b, 100],
    ];
    return bands.flatMap(([tier, from, to], i) =>
      (i === 0 ? bandMitigated : useBands)
        ? [
            {
              tier,
              description: "随机",
              conditions: [],
              fine: { mode: "band" as const, fromPercent: from, toPercent: to },
            },
          ]
        : [],
    );
  });

const benchmark: fc.Arbitrary<Benchmark> = fc.record({ fine: statutoryFine, tiers }).map(({ fine, tiers }) => ({
  code: "P-1",
  name: "随机违法行为",
  violationBasis: [{ law: "行政处罚法", article: 34 }],
  penaltyBasis: [{ law: "行政处罚法", article: 34 }],
  statutory: { kinds: ["warning", "fine"], fine },
  tiers,
  document: DOC,
  effectiveFrom: "2022-01-01",
}));

const formula = fc.constantFrom(SAMR_TIER_FORMULA, MIDDLE_TIER_FORMULA);
const amount = fc.integer({ min: 0, max: 10_000_000_000 });
const circumstances = fc.subarray(STATUTORY_CIRCUMSTANCES.map((c) => c.code));
const ctxOf = (gains: number) => ({ illegalGains: gains, goodsValue: gains });

describe("benchmark invariants", () => {
  test.prop([benchmark, formula])("generated benchmarks are accepted by the registry", (b, f) => {
    expect(createBenchmarkRegistry({ benchmarks: [b], formula: f }).isOk()).toBe(true);
  });

  test.prop([benchmark, formula, amount])(
    "every tier stays in the statutory range, except 减轻: below the minimum, never below zero",
    (b, f, gains) => {
      const statutory = resolveStatutoryFine(b, ctxOf(gains))._unsafeUnwrap();
      for (const tier of TIER_ORDER) {
        const r = resolveTierFine(b, tier, ctxOf(gains), f)._unsafeUnwrap();
        expect(r.min).toBeLessThanOrEqual(r.max);
        if (tier === "none") expect(r.max).toBe(0);
        else if (tier === "mitigated") {
          expect(r.min).toBeGreaterThanOrEqual(0);
          expect(r.max).toBeLessThanOrEqual(statutory.min);
        } else {
          expect(r.min).toBeGreaterThanOrEqual(statutory.min);
          expect(r.max).toBeLessThanOrEqual(statutory.max);
        }
      }
    },
  );

  test.prop([benchmark, formula, amount])("tiers are ordered 不予处罚 ≤ 减轻 ≤ 从轻 ≤ 一般 ≤ 从重", (b, f, gains) => {
    const ranges = TIER_ORDER.map((t) => resolveTierFine(b, t, ctxOf(gains), f)._unsafeUnwrap());
    for (let i = 1; i < ranges.length; i++) {
      const [prev, cur] = [ranges[i - 1], ranges[i]];
      expect(cur?.min).toBeGreaterThanOrEqual(prev?.min ?? 0);
      expect(cur?.max).toBeGreaterThanOrEqual(prev?.max ?? 0);
    }
  });

  test.prop([benchmark, formula, amount, circumstances, fc.boolean(), fc.double({ min: 0, max: 1, noNaN: true })])(
    "a recommendation lies in the statutory range (except 减轻) and any recommended amount passes checkPenalty",
    (b, f, gains, codes, preferMitigated, t) => {
      const options = { ...ctxOf(gains), formula: f, preferMitigated };
      const rec = recommendPenalty(b, codes, options)._unsafeUnwrap();
      const { range, statutoryRange } = rec;
      if (rec.tier === "mitigated") expect(range.max).toBeLessThanOrEqual(statutoryRange.min);
      else if (rec.tier !== "none") {
        expect(range.min).toBeGreaterThanOrEqual(statutoryRange.min);
        expect(range.max).toBeLessThanOrEqual(statutoryRange.max);
      }
      const inside = range.min + Math.floor((range.max - range.min) * t);
      for (const fine of [range.min, inside, range.max]) {
        const c = checkPenalty({ benchmark: b, circumstances: codes, fine, kinds: rec.penaltyKinds }, options);
        expect(c._unsafeUnwrap().status).toBe("within");
      }
    },
  );
});
