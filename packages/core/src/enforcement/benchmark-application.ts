// 适用的裁量基准 — what a penalty decision says about the discretion benchmark it applies: the
// row (违法行为编码), the circumstances found, the amounts a multiple reads, and the record of
// the deviation procedure when the decision leaves the row's range. Schemas only (commands and
// events import them); the check is enforcement/benchmark-gate.ts.
import { z } from "zod";
import { FenSchema } from "../kernel/money.js";
import { IdSchema } from "../kernel/ports.js";

/**
 * 偏离基准的程序记录 — what the case records when a decision leaves the benchmark row's range
 * (or applies 减轻): the reasons (说明理由, 国办发〔2022〕27号), and, instead of a collective
 * discussion of the heads, the principal head's approval (主要负责人批准) with who gave it.
 * A collective discussion is the case's own `discussion.hold`.
 */
export const BenchmarkDeviationSchema = z
  .object({
    /** 说明理由 — why the benchmark's range was left, as written in the decision and the case file. */
    reasons: z.string().trim().min(1).optional(),
    /** 主要负责人批准 — the approval that stands in for a collective discussion where the rule allows it. */
    approval: z
      .object({
        /** The approving head. */
        approverId: IdSchema,
        /** 批准意见. */
        opinion: z.string().trim().min(1),
      })
      .readonly()
      .optional(),
  })
  .readonly();
/** 偏离基准的程序记录 (see {@link BenchmarkDeviationSchema}). */
export type BenchmarkDeviation = z.infer<typeof BenchmarkDeviationSchema>;

/**
 * 适用的裁量基准 — named by a penalty decision (`case.decide`): either the row applied
 * (`applied`: the violation's benchmark code, the circumstance codes found, the illegal gains
 * or goods value a multiple reads, and the deviation record), or `none` with the reason no row
 * covers the violation (the decision then weighs the factors itself, 国办发〔2022〕27号 [M]).
 */
export const DecisionBenchmarkSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("applied"),
      /** 违法行为编码 — the benchmark row, as in the bureau's benchmark registry. */
      code: z.string().trim().min(1),
      /**
       * 裁量情节 — circumstance codes found (statutory and the bureau's own). Absent: those the
       * case recorded (`circumstances.record`); given while the case has a record, they must
       * be the same.
       */
      circumstances: z.array(z.string().trim().min(1)).readonly().optional(),
      /** 违法所得 (fen), for a row whose fine is a multiple of it. */
      illegalGains: FenSchema.optional(),
      /** 货值金额 (fen), for a row whose fine is a multiple of it. */
      goodsValue: FenSchema.optional(),
      /** 偏离基准的程序记录 — required when the decision leaves the row's range or applies 减轻. */
      deviation: BenchmarkDeviationSchema.optional(),
    })
    .readonly(),
  z
    .object({
      kind: z.literal("none"),
      /** Why no benchmark row applies (e.g. the violation is not in the bureau's benchmarks). */
      reason: z.string().trim().min(1),
    })
    .readonly(),
]);
/** 适用的裁量基准 (see {@link DecisionBenchmarkSchema}). */
export type DecisionBenchmark = z.infer<typeof DecisionBenchmarkSchema>;
/** 适用的裁量基准 as an app writes it (defaults not yet applied). */
export type DecisionBenchmarkInput = z.input<typeof DecisionBenchmarkSchema>;
