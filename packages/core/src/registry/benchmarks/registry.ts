import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { err, ok, type Result } from "../../kernel/result.js";
import type { CivilDate } from "../../kernel/time.js";
import { checkVersions, inForce, versionAt } from "../versions.js";
import { type CheckOptions, checkPenalty, type PenaltyCheck } from "./check.js";
import { STATUTORY_CIRCUMSTANCES } from "./circumstances.js";
import { SAMR_TIER_FORMULA, type TierFormula, TierFormulaSchema } from "./formula.js";
import { type Recommendation, type RecommendOptions, recommendPenalty } from "./recommend.js";
import {
  type Benchmark,
  BenchmarkSchema,
  type Circumstance,
  CircumstanceSchema,
  type LenientEntry,
  LenientEntrySchema,
  type PenaltyKind,
} from "./schema.js";
import { validateBenchmark } from "./validate.js";

/**
 * 裁量基准库的内容 — what a benchmark registry is made from: the benchmark versions, the
 * bureau's circumstances (beyond the statutory ones), the lenient-enforcement list entries
 * and the tier formula (default {@link SAMR_TIER_FORMULA}).
 */
export const BenchmarkRegistryInputSchema = z.object({
  /** 裁量基准, every version of every violation. */
  benchmarks: z.array(BenchmarkSchema),
  /** 裁量情节 the bureau defines (codes must not repeat the statutory ones). */
  circumstances: z.array(CircumstanceSchema).optional(),
  /** 首违不罚 / 轻微免罚清单 entries. */
  lenient: z.array(LenientEntrySchema).optional(),
  /** 裁量阶次划分公式. */
  formula: TierFormulaSchema.optional(),
});
/** 裁量基准库的内容 (see {@link BenchmarkRegistryInputSchema}). */
export type BenchmarkRegistryInput = z.infer<typeof BenchmarkRegistryInputSchema>;

/** 拟处罚（按编码） — a proposal for {@link BenchmarkRegistry.check}: circumstances, fine, kinds. */
export interface RegistryProposal {
  /** Circumstance codes found. */
  readonly circumstances: readonly string[];
  /** 拟罚款 in fen. */
  readonly fine: number;
  /** 拟处罚种类. */
  readonly kinds?: readonly PenaltyKind[];
}

/**
 * 裁量基准库 — the discretion benchmarks of a bureau with lookups as of the date of the act
 * (行政处罚法 Art. 37), and recommendation and checking through them.
 */
export interface BenchmarkRegistry {
  /** The tier formula in use. */
  readonly formula: TierFormula;
  /** Every violation code, sorted. */
  codes(): string[];
  /** All versions of a violation's benchmark, oldest first. */
  versions(code: string): readonly Benchmark[];
  /** The version in force on `date`, or `REGISTRY_NOT_FOUND`. */
  benchmark(code: string, date: CivilDate): Result<Benchmark, SanxiangError>;
  /** Every benchmark in force on `date`. */
  inForce(date: CivilDate): Benchmark[];
  /** Lenient-list entries for the violation in force on `date`. */
  lenient(code: string, date: CivilDate): LenientEntry[];
  /** The circumstance catalogue: statutory rows and the bureau's own. */
  circumstances(): Circumstance[];
  /** {@link recommendPenalty} with the benchmark, lists and formula in force on `date`. */
  recommend(
    code: string,
    date: CivilDate,
    circumstances: readonly string[],
    options?: RecommendOptions,
  ): Result<Recommendation, SanxiangError>;
  /** {@link checkPenalty} with the benchmark, lists and formula in force on `date`. */
  check(
    code: string,
    date: CivilDate,
    proposal: RegistryProposal,
    options?: CheckOptions,
  ): Result<PenaltyCheck, SanxiangError>;
}

function conflict(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("REGISTRY_CONFLICT", message, { details });
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

/**
 * 建立裁量基准库 — validates the input (schemas; no overlapping versions of a violation; no
 * repeated circumstance codes; every benchmark coherent, see {@link validateBenchmark};
 * every lenient entry naming a known violation, without overlapping versions) and returns
 * the registry. Errors: `INVALID_INPUT` (schema), `REGISTRY_CONFLICT`.
 */
export function createBenchmarkRegistry(input: BenchmarkRegistryInput): Result<BenchmarkRegistry, SanxiangError> {
  const parsed = BenchmarkRegistryInputSchema.safeParse(input);
  if (!parsed.success) {
    return err(
      sanxiangError("INVALID_INPUT", `裁量基准数据无效：${parsed.error.issues[0]?.message ?? ""}`, {
        details: { issues: parsed.error.issues },
      }),
    );
  }
  const { benchmarks, circumstances = [], lenient = [], formula = SAMR_TIER_FORMULA } = parsed.data;

  const catalogue = new Map<string, Circumstance>(STATUTORY_CIRCUMSTANCES.map((c) => [c.code, c]));
  for (const c of circumstances) {
    if (catalogue.has(c.code)) return err(conflict(`裁量情形代码重复：${c.code}`, { code: c.code }));
    catalogue.set(c.code, c);
  }

  const byCode = groupBy(benchmarks, (b) => b.code);
  for (const [code, versions] of byCode) {
    const v = checkVersions(code, versions);
    if (v.isErr()) return err(v.error);
    versions.sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1));
    for (const b of versions) {
      const checked = validateBenchmark(b, formula, catalogue);
      if (checked.isErr()) return err(checked.error);
    }
  }

  for (const e of lenient) {
    if (!byCode.has(e.violationCode)) {
      return err(conflict(`免罚清单引用了未知的违法行为编码：${e.violationCode}`, { entry: e }));
    }
  }
  const lenientGroups = groupBy(lenient, (e) => `${JSON.stringify(e.list)}|${e.violationCode}|${e.kind}`);
  for (const [key, entries] of lenientGroups) {
    const v = checkVersions(key, entries);
    if (v.isErr()) return err(v.error);
  }

  const extra = circumstances;
  const withDefaults = <O extends RecommendOptions>(date: CivilDate, options: O | undefined): O =>
    ({
      formula,
      ...options,
      date,
      circumstances: [...extra, ...(options?.circumstances ?? [])],
      lenient: [...lenient, ...(options?.lenient ?? [])],
    }) as O;

  const registry: BenchmarkRegistry = {
    formula,
    codes: () => [...byCode.keys()].sort(),
    versions: (code) => byCode.get(code) ?? [],
    benchmark(code, date) {
      const found = versionAt(byCode.get(code) ?? [], date);
      return found === undefined
        ? err(sanxiangError("REGISTRY_NOT_FOUND", `${date} 无有效的裁量基准：${code}`, { details: { code, date } }))
        : ok(found);
    },
    inForce: (date) =>
      [...byCode.values()].flatMap((versions) => {
        const v = versionAt(versions, date);
        return v === undefined ? [] : [v];
      }),
    lenient: (code, date) => lenient.filter((e) => e.violationCode === code && inForce(e, date)),
    circumstances: () => [...catalogue.values()],
    recommend(code, date, codes, options) {
      return registry.benchmark(code, date).andThen((b) => recommendPenalty(b, codes, withDefaults(date, options)));
    },
    check(code, date, proposal, options) {
      return registry.benchmark(code, date).andThen((benchmark) =>
        checkPenalty(
          {
            benchmark,
            circumstances: [...proposal.circumstances],
            fine: proposal.fine,
            ...(proposal.kinds === undefined ? {} : { kinds: [...proposal.kinds] }),
          },
          withDefaults(date, options),
        ),
      );
    },
  };
  return ok(registry);
}
