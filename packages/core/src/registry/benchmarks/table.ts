import { z } from "zod";
import { type SanxiangError, sanxiangError } from "../../kernel/errors.js";
import { FenSchema } from "../../kernel/money.js";
import { err, ok, type Result } from "../../kernel/result.js";
import { RuleSourceSchema } from "../../kernel/source.js";
import { CivilDateSchema } from "../../kernel/time.js";
import { dateCell, decimalCell, enumCell, listCell, textCell, yuanCell } from "../codecs.js";
import {
  column,
  exportSheet,
  type ImportIssue,
  importJson,
  importSheet,
  type RawSheet,
  type TableSpec,
} from "../table.js";
import {
  type Benchmark,
  BenchmarkSchema,
  type BenchmarkTier,
  FINE_BASIS_LABELS,
  FineBasisSchema,
  MultipleSchema,
  PENALTY_KIND_LABELS,
  PenaltyKindSchema,
  PercentSchema,
  TIER_LABELS,
  type TierFine,
  TierSchema,
} from "./schema.js";
import { sourceCell } from "./source-cell.js";

// Benchmarks travel as one row per violation × tier (the columns of provincial benchmark tables: 违法行为, 违法依据,
// 处罚依据, 裁量阶次, 适用情形, 处罚标准). The violation columns repeat on each of its rows and
// must agree; a row with an empty 裁量阶次 carries a violation whose tiers all follow the formula.

/** 阶次罚款方式 — Chinese labels of the tier fine modes. */
export const FINE_MODE_LABELS: Readonly<Record<TierFine["mode"], string>> = {
  formula: "按公式",
  band: "按比例",
  fixed: "固定金额",
  multiple: "倍数",
  none: "不罚款",
};
const FineModeSchema = z.enum(["formula", "band", "fixed", "multiple", "none"]);

/** 裁量基准表行 — one row of the benchmark sheet (a violation × tier). */
export const BenchmarkRowSchema = z.object({
  /** 违法行为编码. */
  code: z.string().min(1),
  /** 违法行为名称. */
  name: z.string().min(1),
  /** 违法依据. */
  violationBasis: z.array(RuleSourceSchema).min(1),
  /** 处罚依据. */
  penaltyBasis: z.array(RuleSourceSchema).min(1),
  /** 法定处罚种类. */
  statutoryKinds: z.array(PenaltyKindSchema).min(1),
  /** 罚款基数. */
  fineBasis: FineBasisSchema.optional(),
  /** 法定罚款下限 (fen; fixed basis). */
  statutoryMin: FenSchema.optional(),
  /** 法定罚款上限 (fen; fixed basis). */
  statutoryMax: FenSchema.optional(),
  /** 法定倍数下限. */
  statutoryMinMultiple: MultipleSchema.optional(),
  /** 法定倍数上限. */
  statutoryMaxMultiple: MultipleSchema.optional(),
  /** 裁量阶次; absent = a violation row without tiers. */
  tier: TierSchema.optional(),
  /** 适用情形. */
  description: z.string().optional(),
  /** 情形代码. */
  conditions: z.array(z.string().min(1)).optional(),
  /** 阶次处罚种类. */
  tierKinds: z.array(PenaltyKindSchema).optional(),
  /** 阶次罚款方式. */
  fineMode: FineModeSchema.optional(),
  /** 阶次罚款下限 (fen). */
  tierMin: FenSchema.optional(),
  /** 阶次罚款上限 (fen). */
  tierMax: FenSchema.optional(),
  /** 阶次倍数下限. */
  tierMinMultiple: MultipleSchema.optional(),
  /** 阶次倍数上限. */
  tierMaxMultiple: MultipleSchema.optional(),
  /** 阶次比例下限 (%). */
  tierFromPercent: PercentSchema.optional(),
  /** 阶次比例上限 (%). */
  tierToPercent: PercentSchema.optional(),
  /** 基准文件. */
  document: RuleSourceSchema,
  /** 生效日期. */
  effectiveFrom: CivilDateSchema,
  /** 失效日期. */
  effectiveUntil: CivilDateSchema.optional(),
});
/** 裁量基准表行 (see {@link BenchmarkRowSchema}). */
export type BenchmarkRow = z.infer<typeof BenchmarkRowSchema>;

const kinds = listCell(enumCell(PENALTY_KIND_LABELS));
const sources = listCell(sourceCell);

/** 裁量基准表 — the benchmark sheet: one row per violation × tier, Chinese headers. */
export const BENCHMARK_TABLE: TableSpec<BenchmarkRow> = {
  kind: "benchmarks",
  sheet: "裁量基准",
  columns: [
    column("code", "违法行为编码", textCell),
    column("name", "违法行为名称", textCell),
    column("violationBasis", "违法依据", sources),
    column("penaltyBasis", "处罚依据", sources),
    column("statutoryKinds", "法定处罚种类", kinds),
    column("fineBasis", "罚款基数", enumCell(FINE_BASIS_LABELS), true),
    column("statutoryMin", "法定罚款下限（元）", yuanCell, true),
    column("statutoryMax", "法定罚款上限（元）", yuanCell, true),
    column("statutoryMinMultiple", "法定倍数下限", decimalCell, true),
    column("statutoryMaxMultiple", "法定倍数上限", decimalCell, true),
    column("tier", "裁量阶次", enumCell(TIER_LABELS), true),
    column("description", "适用情形", textCell, true),
    column("conditions", "情形代码", listCell(textCell), true),
    column("tierKinds", "阶次处罚种类", kinds, true),
    column("fineMode", "阶次罚款方式", enumCell(FINE_MODE_LABELS), true),
    column("tierMin", "阶次罚款下限（元）", yuanCell, true),
    column("tierMax", "阶次罚款上限（元）", yuanCell, true),
    column("tierMinMultiple", "阶次倍数下限", decimalCell, true),
    column("tierMaxMultiple", "阶次倍数上限", decimalCell, true),
    column("tierFromPercent", "阶次比例下限（%）", decimalCell, true),
    column("tierToPercent", "阶次比例上限（%）", decimalCell, true),
    column("document", "基准文件", sourceCell),
    column("effectiveFrom", "生效日期", dateCell),
    column("effectiveUntil", "失效日期", dateCell, true),
  ],
  schema: BenchmarkRowSchema,
  key: (r) => `${r.code}@${r.effectiveFrom}#${r.tier ?? "-"}`,
};

const opt = <K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

function tierFineOf(row: BenchmarkRow): Result<TierFine, string> {
  const mode = row.fineMode ?? "formula";
  const pair = (a: number | undefined, b: number | undefined, what: string) =>
    a === undefined || b === undefined
      ? err(`「${FINE_MODE_LABELS[mode]}」须填写${what}下限和上限`)
      : ok([a, b] as const);
  switch (mode) {
    case "formula":
    case "none":
      return ok({ mode });
    case "fixed":
      return pair(row.tierMin, row.tierMax, "阶次罚款").map(([min, max]) => ({ mode, min, max }));
    case "multiple":
      return pair(row.tierMinMultiple, row.tierMaxMultiple, "阶次倍数").map(([min, max]) => ({ mode, min, max }));
    case "band":
      return pair(row.tierFromPercent, row.tierToPercent, "阶次比例").map(([fromPercent, toPercent]) => ({
        mode,
        fromPercent,
        toPercent,
      }));
  }
}

function head(row: BenchmarkRow): Omit<Benchmark, "tiers"> | string {
  let fine: Benchmark["statutory"]["fine"];
  if (row.fineBasis === "fixed") {
    if (row.statutoryMin === undefined || row.statutoryMax === undefined) return "固定数额罚款须填写法定罚款下限和上限";
    fine = { basis: "fixed", min: row.statutoryMin, max: row.statutoryMax };
  } else if (row.fineBasis !== undefined) {
    if (row.statutoryMinMultiple === undefined || row.statutoryMaxMultiple === undefined) {
      return "倍数罚款须填写法定倍数下限和上限";
    }
    fine = { basis: row.fineBasis, min: row.statutoryMinMultiple, max: row.statutoryMaxMultiple };
  }
  return {
    code: row.code,
    name: row.name,
    violationBasis: row.violationBasis,
    penaltyBasis: row.penaltyBasis,
    statutory: { kinds: row.statutoryKinds, ...opt("fine", fine) },
    document: row.document,
    effectiveFrom: row.effectiveFrom,
    ...opt("effectiveUntil", row.effectiveUntil),
  };
}

/**
 * 表行组装 — assembles benchmark rows (as {@link importSheet} returns them, in sheet order)
 * into benchmarks: rows of one violation and version must agree on the violation columns,
 * and a tier row needs its 适用情形. `rowNumbers[i]` is row i's number for messages
 * (default i + 2). Errors: `IMPORT_INVALID` with every issue; nothing is returned then.
 */
export function benchmarksFromRows(
  rows: readonly BenchmarkRow[],
  sheet = BENCHMARK_TABLE.sheet,
  rowNumbers: readonly number[] = rows.map((_, i) => i + 2),
): Result<Benchmark[], SanxiangError> {
  const issues: ImportIssue[] = [];
  const groups = new Map<
    string,
    { head: Omit<Benchmark, "tiers">; tiers: BenchmarkTier[]; json: string; row: number }
  >();
  for (const [i, row] of rows.entries()) {
    const at = rowNumbers[i] ?? i + 2;
    const h = head(row);
    if (typeof h === "string") {
      issues.push({ sheet, row: at, column: "罚款基数", message: h });
      continue;
    }
    const key = `${row.code}@${row.effectiveFrom}`;
    const json = JSON.stringify(h);
    const group = groups.get(key) ?? { head: h, tiers: [], json, row: at };
    if (group.json !== json) {
      issues.push({
        sheet,
        row: at,
        message: `与第 ${group.row} 行同一违法行为（${key}）的依据、幅度或基准文件不一致`,
      });
    }
    groups.set(key, group);
    if (row.tier === undefined) continue;
    if (row.description === undefined) {
      issues.push({ sheet, row: at, column: "适用情形", message: "裁量阶次须填写适用情形" });
      continue;
    }
    const fine = tierFineOf(row);
    if (fine.isErr()) {
      issues.push({ sheet, row: at, column: "阶次罚款方式", message: fine.error });
      continue;
    }
    group.tiers.push({
      tier: row.tier,
      description: row.description,
      conditions: row.conditions ?? [],
      ...opt("kinds", row.tierKinds),
      fine: fine.value,
    });
  }
  const out: Benchmark[] = [];
  for (const g of groups.values()) {
    const checked = BenchmarkSchema.safeParse({ ...g.head, tiers: g.tiers });
    if (!checked.success) {
      for (const e of checked.error.issues) issues.push({ sheet, row: g.row, message: e.message });
    } else out.push(checked.data);
  }
  if (issues.length > 0) {
    return err(
      sanxiangError("IMPORT_INVALID", `导入裁量基准失败，共 ${issues.length} 处错误，未导入任何数据`, {
        details: { kind: BENCHMARK_TABLE.kind, issues },
      }),
    );
  }
  return ok(out);
}

/** 表行拆分 — benchmarks as sheet rows (one per tier; one tier-less row for a violation without tiers). */
export function benchmarksToRows(benchmarks: readonly Benchmark[]): BenchmarkRow[] {
  return benchmarks.flatMap((b) => {
    const fine = b.statutory.fine;
    const base: BenchmarkRow = {
      code: b.code,
      name: b.name,
      violationBasis: b.violationBasis,
      penaltyBasis: b.penaltyBasis,
      statutoryKinds: b.statutory.kinds,
      ...opt("fineBasis", fine?.basis),
      ...(fine?.basis === "fixed" ? { statutoryMin: fine.min, statutoryMax: fine.max } : {}),
      ...(fine !== undefined && fine.basis !== "fixed"
        ? { statutoryMinMultiple: fine.min, statutoryMaxMultiple: fine.max }
        : {}),
      document: b.document,
      effectiveFrom: b.effectiveFrom,
      ...opt("effectiveUntil", b.effectiveUntil),
    };
    if (b.tiers.length === 0) return [base];
    return b.tiers.map((t): BenchmarkRow => {
      const f = t.fine;
      return {
        ...base,
        tier: t.tier,
        description: t.description,
        ...(t.conditions.length === 0 ? {} : { conditions: t.conditions }),
        ...opt("tierKinds", t.kinds),
        fineMode: f.mode,
        ...(f.mode === "fixed" ? { tierMin: f.min, tierMax: f.max } : {}),
        ...(f.mode === "multiple" ? { tierMinMultiple: f.min, tierMaxMultiple: f.max } : {}),
        ...(f.mode === "band" ? { tierFromPercent: f.fromPercent, tierToPercent: f.toPercent } : {}),
      };
    });
  });
}

/** 导入裁量基准表 — {@link importSheet} of {@link BENCHMARK_TABLE} then {@link benchmarksFromRows}; all or nothing. */
export function importBenchmarkSheet(sheet: RawSheet): Result<Benchmark[], SanxiangError> {
  return importSheet(BENCHMARK_TABLE, sheet).andThen((rows) =>
    benchmarksFromRows(
      rows,
      sheet.name,
      sheet.rows.map((r) => r.rowNumber),
    ),
  );
}

/** 导出裁量基准表 — benchmarks as a sheet of {@link BENCHMARK_TABLE}; importing it gives them back. */
export function exportBenchmarkSheet(benchmarks: readonly Benchmark[], name = BENCHMARK_TABLE.sheet): RawSheet {
  return exportSheet(BENCHMARK_TABLE, benchmarksToRows(benchmarks), name);
}

const BENCHMARK_RECORDS: TableSpec<Benchmark> = {
  kind: "benchmarks",
  sheet: "裁量基准",
  columns: [],
  schema: BenchmarkSchema,
  key: (b) => `${b.code}@${b.effectiveFrom}`,
};

/** 导入裁量基准 JSON — an array of {@link Benchmark} records, all or nothing (as {@link importJson}). */
export function importBenchmarksJson(value: unknown): Result<Benchmark[], SanxiangError> {
  return importJson(BENCHMARK_RECORDS, value);
}
