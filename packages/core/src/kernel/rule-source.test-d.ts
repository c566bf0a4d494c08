import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type { Confidence, RuleSource } from "./rule-source.js";
import type { ConfidenceSchema, RuleSourceSchema } from "./source.js";
import type { CivilDateSchema, InstantSchema } from "./time.js";
import type { CivilDate, Instant } from "./time-types.js";

// Type tests only: the plain types (no zod in their declarations, for light entry points)
// must stay exactly what their schemas parse to, so neither can change without the other.

describe("plain kernel types equal their schemas' output", () => {
  it("RuleSource and Confidence", () => {
    expectTypeOf<RuleSource>().toEqualTypeOf<z.infer<typeof RuleSourceSchema>>();
    expectTypeOf<Confidence>().toEqualTypeOf<z.infer<typeof ConfidenceSchema>>();
    expectTypeOf<z.input<typeof RuleSourceSchema>>().toExtend<RuleSource>();
  });

  it("CivilDate and Instant", () => {
    expectTypeOf<CivilDate>().toEqualTypeOf<z.infer<typeof CivilDateSchema>>();
    expectTypeOf<Instant>().toEqualTypeOf<z.infer<typeof InstantSchema>>();
  });

  it("a drift is caught: a missing field or a wider tag is not equal", () => {
    expectTypeOf<Omit<RuleSource, "url">>().not.toEqualTypeOf<z.infer<typeof RuleSourceSchema>>();
    expectTypeOf<Confidence | "X">().not.toEqualTypeOf<z.infer<typeof ConfidenceSchema>>();
  });
});
