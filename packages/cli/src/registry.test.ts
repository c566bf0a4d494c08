import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-cli-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir });
}

describe("sanxiang registry", () => {
  it.each(["csv", "xlsx", "json"])("exports the sample officers as %s and imports them back unchanged", async (ext) => {
    const file = join(dir, `officers.${ext}`);
    for (const kind of ["issuers", "bodies"]) {
      const f = join(dir, `${kind}.${ext}`);
      expect((await cli("registry", "export", kind, f, "--sample")).code).toBe(0);
      expect((await cli("registry", "import", kind, f)).code).toBe(0);
    }
    expect((await cli("registry", "export", "officers", file, "--sample")).code).toBe(0);
    const imported = await cli("registry", "import", "officers", file);
    expect(imported.err).toBe("");
    expect(imported.code).toBe(0);
    expect(imported.out).toContain("已导入 16 条「执法人员」记录");
    // Export → import is a fixed point: what the directory exports imports back to itself.
    const stored = readFileSync(join(dir, ".sanxiang", "registry", "officers.json"), "utf8");
    const again = join(dir, `again.${ext}`);
    expect((await cli("registry", "export", "officers", again)).code).toBe(0);
    expect((await cli("registry", "import", "officers", again)).code).toBe(0);
    expect(readFileSync(join(dir, ".sanxiang", "registry", "officers.json"), "utf8")).toBe(stored);
    expect(JSON.parse(stored).records).toHaveLength(16);
  });

  // Dependency order: a sheet is refused when it cites records the directory lacks.
  const ORDER = [
    "laws",
    "organisations",
    "persons",
    "violations",
    "issuers",
    "bodies",
    "officers",
    "training",
    "powers",
    "guides",
    "inspections",
    "circumstances",
    "benchmarks",
    "lenient",
  ];
  it.each(["csv", "xlsx", "json"])(
    "moves every database of the sample bureaus through %s into a fresh directory, and it checks out the same",
    async (ext) => {
      const target = join(dir, `bureau-${ext}`);
      for (const kind of ORDER) {
        const file = join(dir, `${kind}.${ext}`);
        const exported = await cli("registry", "export", kind, file, "--sample");
        expect(exported.code, `${kind}: ${exported.err}`).toBe(0);
        const imported = await cli("registry", "import", kind, file, "--dir", target);
        expect(imported.code, `${kind}: ${imported.err}`).toBe(0);
      }
      const fromDir = await cli("registry", "check", "--dir", target, "--date", "2026-11-26");
      const fromSample = await cli("registry", "check", "--sample", "--date", "2026-11-26");
      expect(fromDir.out).toBe(fromSample.out);
      expect(fromDir.out).toContain("全部可在法律法规库中找到");
    },
  );

  it("refuses a sheet with a bad row, lists sheet, row and column, and writes nothing", async () => {
    const file = join(dir, "persons.csv");
    expect((await cli("registry", "export", "persons", file, "--sample")).code).toBe(0);
    const lines = readFileSync(file, "utf8").split("\r\n");
    // Break the resident ID number of the third data row (a checksum failure).
    lines[3] = (lines[3] ?? "").replace(
      /(\d{17})[\dX]/,
      (_m, body: string) => `${body}${body.endsWith("1") ? "2" : "1"}`,
    );
    writeFileSync(file, lines.join("\r\n"));
    const r = await cli("registry", "import", "persons", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("IMPORT_INVALID");
    expect(r.err).toContain("第 4 行「公民身份号码」");
    expect(existsSync(join(dir, ".sanxiang", "registry", "persons.json"))).toBe(false);
  });

  it("refuses a sheet that contradicts the rest of its database (officers of an unknown body)", async () => {
    const file = join(dir, "officers.json");
    expect((await cli("registry", "export", "officers", file, "--sample")).code).toBe(0);
    const r = await cli("registry", "import", "officers", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("未导入任何数据");
    expect(existsSync(join(dir, ".sanxiang", "registry", "officers.json"))).toBe(false);
  });

  it("refuses unknown kinds and file types", async () => {
    expect((await cli("registry", "import", "gossip", "x.csv")).code).toBe(2);
    writeFileSync(join(dir, "x.txt"), "hello");
    const r = await cli("registry", "import", "persons", join(dir, "x.txt"));
    expect(r.code).toBe(2);
    expect(r.err).toContain("TABLE_UNREADABLE");
  });

  it("checks the sample bureaus: every citation resolves; the expired certificates and missing reviewer are reported", async () => {
    const r = await cli("registry", "check", "--sample", "--date", "2026-11-26");
    expect(r.out).toContain("全部可在法律法规库中找到");
    expect(r.out).toContain("执法证不在有效期 1 名");
    expect(r.out).toContain("不达标");
    expect(r.code).toBe(1);
  });

  it("says what to do when nothing was imported", async () => {
    const r = await cli("registry", "check");
    expect(r.code).toBe(2);
    expect(r.err).toContain("registry import");
  });
});

describe("sanxiang penalty", () => {
  it("recommends a tier and range with each article (价格违法行为行政处罚规定 Art. 7)", async () => {
    const r = await cli("penalty", "recommend", "SPT-SC-JG-07-A", "--gains", "5000", "--sample");
    expect(r.code).toBe(0);
    expect(r.out).toContain("裁量阶次：一般");
    expect(r.out).toContain("罚款 7,500.00 元至 17,500.00 元");
    expect(r.out).toContain("《价格违法行为行政处罚规定》第七条");
  });

  it("applies a circumstance (屡查屡犯 → 从重, Art. 17 para. 2)", async () => {
    const r = await cli(
      "penalty",
      "recommend",
      "SPT-SC-JG-07-A",
      "--gains",
      "5000",
      "--circumstance",
      "price-repeat",
      "--sample",
    );
    expect(r.out).toContain("裁量阶次：从重");
    expect(r.out).toContain("第十七条第二款");
  });

  it("checks a proposed fine against the benchmark", async () => {
    const within = await cli("penalty", "check", "SPT-SC-JG-07-A", "--gains", "5000", "--fine", "10000", "--sample");
    expect(within.code).toBe(0);
    expect(within.out).toContain("检查结论");
    const above = await cli("penalty", "check", "SPT-SC-JG-07-A", "--gains", "5000", "--fine", "30000", "--sample");
    expect(above.code).toBe(2);
    expect(above.err).toContain("PENALTY_OUT_OF_RANGE");
  });

  it("refuses unknown codes and bad amounts", async () => {
    expect((await cli("penalty", "recommend", "NO-SUCH", "--sample")).err).toContain("REGISTRY_NOT_FOUND");
    expect((await cli("penalty", "recommend", "SPT-SC-JG-07-A", "--gains", "abc", "--sample")).code).toBe(2);
    expect((await cli("penalty", "recommend", "SPT-SC-JG-07-A")).err).toContain("--sample");
  });
});
