import { describe, expect, it } from "vitest";
import { parseCsv, toCsv } from "../csv.js";
import { exportSheet, importSheet } from "../table.js";
import { STATUTORY_CIRCUMSTANCES } from "./circumstances.js";
import { CIRCUMSTANCE_TABLE, LENIENT_TABLE } from "./lists-table.js";
import { formatSourceCell, sourceCell } from "./source-cell.js";
import { BENCHMARK_TABLE, exportBenchmarkSheet, importBenchmarkSheet, importBenchmarksJson } from "./table.js";
import { ART7_GAINS, ART7_NO_GAINS, ART13, ART13_FIRST, PRICE_CIRCUMSTANCES } from "./test-fixtures.js";

const all = [ART7_NO_GAINS, ART7_GAINS, ART13];

describe("sourceCell", () => {
  it("round-trips every statutory source (行政处罚法 Arts. 30–33)", () => {
    for (const c of STATUTORY_CIRCUMSTANCES) {
      expect(sourceCell.parse(formatSourceCell(c.source))._unsafeUnwrap()).toEqual(c.source);
    }
  });

  it("reads what officers type and refuses the rest", () => {
    expect(sourceCell.parse("《行政处罚法》第三十二条第一款第（一）项")._unsafeUnwrap()).toEqual({
      law: "行政处罚法",
      article: 32,
      paragraph: 1,
      item: 1,
    });
    expect(sourceCell.parse("《国办发〔2022〕27号》 四（三）［M］")._unsafeUnwrap()).toEqual({
      law: "国办发〔2022〕27号",
      section: "四（三）",
      confidence: "M",
    });
    expect(sourceCell.parse("行政处罚法第三十二条").isErr()).toBe(true);
    expect(sourceCell.parse("《行政处罚法》第三十X条").isErr()).toBe(true);
  });
});

describe("BENCHMARK_TABLE", () => {
  it("has Chinese headers, one row per violation × tier", () => {
    expect(BENCHMARK_TABLE.columns.map((c) => c.header)).toContain("违法行为编码");
    expect(BENCHMARK_TABLE.columns.map((c) => c.header)).toContain("裁量阶次");
    expect(exportBenchmarkSheet(all).rows).toHaveLength(1 + 2 + 1);
  });

  it("round-trips through CSV", () => {
    const csv = toCsv(
      exportBenchmarkSheet(all),
      BENCHMARK_TABLE.columns.map((c) => c.header),
    );
    const back = parseCsv(csv, "裁量基准").andThen(importBenchmarkSheet)._unsafeUnwrap();
    expect(back).toEqual(all);
  });

  it("imports nothing when any row is wrong, naming sheet, row and column", () => {
    const sheet = exportBenchmarkSheet(all);
    const rows = sheet.rows.map((r, i) => (i === 2 ? { ...r, cells: { ...r.cells, 阶次倍数上限: "abc" } } : r));
    const e = importBenchmarkSheet({ ...sheet, rows })._unsafeUnwrapErr();
    expect(e.code).toBe("IMPORT_INVALID");
    expect(e.details?.issues).toEqual([
      { sheet: "裁量基准", row: 4, column: "阶次倍数上限", message: expect.any(String) },
    ]);
  });

  it("refuses rows of one violation that disagree on its 处罚依据", () => {
    const sheet = exportBenchmarkSheet(all);
    const rows = sheet.rows.map((r, i) =>
      i === 2 ? { ...r, cells: { ...r.cells, 处罚依据: "《价格违法行为行政处罚规定》第八条" } } : r,
    );
    const e = importBenchmarkSheet({ ...sheet, rows })._unsafeUnwrapErr();
    expect(e.code).toBe("IMPORT_INVALID");
    expect(JSON.stringify(e.details)).toContain("不一致");
  });

  it("imports JSON records all or nothing", () => {
    expect(importBenchmarksJson(JSON.parse(JSON.stringify(all)))._unsafeUnwrap()).toEqual(all);
    expect(importBenchmarksJson([ART13, { ...ART13, code: "" }]).isErr()).toBe(true);
  });
});

describe("CIRCUMSTANCE_TABLE and LENIENT_TABLE", () => {
  it("round-trip through CSV", () => {
    const c = toCsv(
      exportSheet(CIRCUMSTANCE_TABLE, PRICE_CIRCUMSTANCES),
      CIRCUMSTANCE_TABLE.columns.map((c) => c.header),
    );
    expect(
      parseCsv(c, "裁量情节")
        .andThen((s) => importSheet(CIRCUMSTANCE_TABLE, s))
        ._unsafeUnwrap(),
    ).toEqual(PRICE_CIRCUMSTANCES);
    const l = toCsv(
      exportSheet(LENIENT_TABLE, [ART13_FIRST]),
      LENIENT_TABLE.columns.map((c) => c.header),
    );
    expect(
      parseCsv(l, "免罚清单")
        .andThen((s) => importSheet(LENIENT_TABLE, s))
        ._unsafeUnwrap(),
    ).toEqual([ART13_FIRST]);
  });
});
