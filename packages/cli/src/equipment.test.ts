import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EQUIPMENT_PLAN_SOURCE, findRawIdentifiers, formatSource, parseCsv } from "@sanxiang/core";
import { SAMPLE_EQUIPMENT } from "@sanxiang/sample";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";

// The sample inventory is built for 2026-01-05: the justice bureau meets the pilot plan's
// ratios (沙坡头区司法局三项制度试点工作方案 二（二）（3）), the market bureau is 2 recorders short.
const ON = "2026-01-05";
const PLAN = formatSource(EQUIPMENT_PLAN_SOURCE);

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-equipment-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<CliRun> {
  return runCli(args, { cwd: dir });
}

/** Imports the sample bodies registry into `dir` (issuers, bodies, officers), then `equipment` from `file`. */
async function importSample(equipmentFile?: string): Promise<CliRun | undefined> {
  for (const kind of ["issuers", "bodies", "officers"]) {
    const f = join(dir, `${kind}.json`);
    expect((await cli("registry", "export", kind, f, "--sample", "--force")).code).toBe(0);
    expect((await cli("registry", "import", kind, f)).code).toBe(0);
  }
  return equipmentFile === undefined ? undefined : cli("registry", "import", "equipment", equipmentFile);
}

describe("sanxiang equipment report (执法装备配备检查, 二（二）（3）)", () => {
  it("states per body what is held, what the ratio requires and the shortfall, with the rule's source", async () => {
    const r = await cli("equipment", "report", "--sample", "--on", ON);
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("统计日期：2026年1月5日");
    expect(r.out).toContain(`（依据：${PLAN}）`);
    expect(r.out).toContain("中卫市沙坡头区司法局：在岗执法人员 5 名，达标");
    expect(r.out).toContain("中卫市沙坡头区市场监督管理局：在岗执法人员 6 名，未达标");
    expect(r.out).toContain("执法记录仪：应配备 9 台，在用 7 台，缺 2 台");
    expect(r.out).toContain("结论：1 个执法主体未达到配备标准，共缺 执法记录仪 2 台");
    expect(findRawIdentifiers(r.out)).toEqual([]);
  });

  it("checks one body with --body, and answers in English with --lang en", async () => {
    const r = await cli("equipment", "report", "--sample", "--on", ON, "--body", "spt-sfj", "--lang", "en");
    expect(r.code).toBe(0);
    expect(r.out).toContain("中卫市沙坡头区司法局: 5 officers on duty, meets the ratios");
    expect(r.out).toContain("body-worn recorders: 8 required, 8 in use, meets the ratio");
    expect(r.out).not.toContain("市场监督管理局:");
    expect(r.out).toContain(`(source: ${PLAN})`);
    expect(findRawIdentifiers(r.out)).toEqual([]);
  });

  it("prints the report as JSON with --json", async () => {
    const r = await cli("equipment", "report", "--sample", "--on", ON, "--json");
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { asOf: string; bodies: { bodyId: string; pass: boolean }[] };
    expect(report.asOf).toBe(ON);
    expect(report.bodies.map((b) => [b.bodyId, b.pass])).toEqual([
      ["spt-sfj", true],
      ["spt-scjgj", false],
    ]);
  });

  it("refuses an unknown body and a date that does not exist (exit 2)", async () => {
    const unknown = await cli("equipment", "report", "--sample", "--on", ON, "--body", "no-such-body");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("REGISTRY_NOT_FOUND");
    for (const bad of ["2026-02-30", "2026-1-5", "tomorrow"]) {
      const r = await cli("equipment", "report", "--sample", "--on", bad);
      expect(r.code).toBe(2);
      expect(r.out).toBe("");
    }
  });
});

describe("sanxiang equipment procurement (采购需求清单)", () => {
  it("writes the list with the preparer and organ from the registry, no raw ids", async () => {
    const r = await cli("equipment", "procurement", "--sample", "--on", ON, "--preparer", "spt-sfj-01");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out).toContain("报送：中卫市沙坡头区财政局");
    expect(r.out).toContain("1. 中卫市沙坡头区市场监督管理局　执法记录仪 2 台");
    expect(r.out).toContain(`依据：${PLAN}`);
    expect(r.out).toContain("编制单位：中卫市沙坡头区司法局");
    expect(r.out).toContain("编制日期：2026年1月5日");
    expect(r.out).not.toContain("spt-");
    expect(findRawIdentifiers(r.out)).toEqual([]);
  });

  it("writes the printable page and the CSV to --out", async () => {
    const html = join(dir, "list.html");
    const a = await cli(
      "equipment",
      "procurement",
      "--sample",
      "--on",
      ON,
      "--preparer",
      "spt-sfj-01",
      "--format",
      "html",
      "--out",
      html,
    );
    expect(a.code).toBe(0);
    const page = readFileSync(html, "utf8");
    expect(page).toContain("<title>行政执法装备采购需求清单</title>");
    expect(findRawIdentifiers(page.replace(/<style>[\s\S]*<\/style>/, ""))).toEqual([]);
    const csv = join(dir, "list.csv");
    const b = await cli(
      "equipment",
      "procurement",
      "--sample",
      "--on",
      ON,
      "--preparer",
      "spt-sfj-01",
      "--format",
      "csv",
      "--out",
      csv,
      "--lang",
      "en",
    );
    expect(b.code).toBe(0);
    expect(b.out).toContain("Wrote the procurement list");
    const sheet = parseCsv(readFileSync(csv, "utf8"), "list.csv")._unsafeUnwrap();
    expect(sheet.rows).toHaveLength(1);
    expect(sheet.rows[0]?.cells["数量（台）"]).toBe("2");
  });

  it("refuses an unknown preparer, a missing --preparer and a bad --format (exit 2)", async () => {
    const unknown = await cli("equipment", "procurement", "--sample", "--on", ON, "--preparer", "nobody");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("REGISTRY_NOT_FOUND");
    expect(unknown.out).toBe("");
    expect((await cli("equipment", "procurement", "--sample", "--on", ON)).code).toBe(2);
    const fmt = await cli("equipment", "procurement", "--sample", "--preparer", "spt-sfj-01", "--format", "pdf");
    expect(fmt.code).toBe(2);
    expect(fmt.err).toContain("--format");
  });

  it("neutralises formulas in the CSV (CSV injection)", async () => {
    const devices = SAMPLE_EQUIPMENT.filter((d) => d.bodyId === "spt-scjgj");
    const file = join(dir, "equipment.json");
    writeFileSync(file, JSON.stringify(devices));
    await importSample(file);
    const bodies = JSON.parse(readFileSync(join(dir, ".sanxiang", "registry", "bodies.json"), "utf8")) as {
      kind: string;
      records: { id: string; name: string }[];
    };
    for (const b of bodies.records) if (b.id === "spt-scjgj") b.name = '=HYPERLINK("http://x")';
    writeFileSync(join(dir, ".sanxiang", "registry", "bodies.json"), JSON.stringify(bodies));
    const r = await cli("equipment", "procurement", "--on", ON, "--preparer", "spt-sfj-01", "--format", "csv");
    expect(r.code).toBe(0);
    expect(r.out).toContain("'=HYPERLINK");
    expect(r.out).not.toMatch(/(^|,)=HYPERLINK/m);
  });
});

describe("the equipment registry (registry/equipment.json)", () => {
  it("imports an inventory, which equipment report then reads from --dir", async () => {
    const file = join(dir, "equipment.json");
    writeFileSync(file, JSON.stringify(SAMPLE_EQUIPMENT));
    const imported = await importSample(file);
    expect(imported?.code).toBe(0);
    expect(imported?.out).toContain(`已导入 ${SAMPLE_EQUIPMENT.length} 条「执法装备台账」记录`);
    const r = await cli("equipment", "report", "--on", ON);
    expect(r.code).toBe(0);
    expect(r.out).toContain("执法记录仪：应配备 9 台，在用 7 台，缺 2 台");
    const check = await cli("registry", "check", "--date", ON);
    expect(check.out).toContain(`执法装备台账（equipment）：${SAMPLE_EQUIPMENT.length}`);
  });

  it("refuses a malformed inventory naming the field (exit 2), nothing imported", async () => {
    const file = join(dir, "equipment.json");
    writeFileSync(file, JSON.stringify([{ ...SAMPLE_EQUIPMENT[0], kind: "toaster" }]));
    const r = await importSample(file);
    expect(r?.code).toBe(2);
    expect(r?.err).toContain("kind");
    const bad = await importSample(join(dir, "missing.json"));
    expect(bad?.code).toBe(2);
  });

  it("refuses a device of an unknown body or officer (exit 2)", async () => {
    const file = join(dir, "equipment.json");
    writeFileSync(file, JSON.stringify([{ ...SAMPLE_EQUIPMENT[0], officerId: "ghost" }]));
    const r = await importSample(file);
    expect(r?.code).toBe(2);
    expect(r?.err).toContain("配发人员编号");
    writeFileSync(file, JSON.stringify([{ ...SAMPLE_EQUIPMENT[0], bodyId: "ghost-body", officerId: undefined }]));
    const s = await cli("registry", "import", "equipment", file);
    expect(s.code).toBe(2);
    expect(s.err).toContain("所属执法主体编号");
  });

  it("reports a hand-damaged stored inventory as damaged data, naming the record and field (exit 1)", async () => {
    await importSample();
    writeFileSync(
      join(dir, ".sanxiang", "registry", "equipment.json"),
      JSON.stringify({ kind: "equipment", records: [{ ...SAMPLE_EQUIPMENT[0], acquiredOn: "2023-02-30" }] }),
    );
    const r = await cli("equipment", "report", "--on", ON);
    expect(r.code).toBe(1);
    expect(r.err).toContain("STORE_CORRUPT");
    expect(r.err).toContain("acquiredOn");
  });
});
