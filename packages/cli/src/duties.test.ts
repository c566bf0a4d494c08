// sanxiang duties: the operator's list of open disclosure duties, on the demo's store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";

let dir: string;
let db: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-duties-cli-"));
  const demo = await runCli(["demo"], { cwd: dir });
  expect(demo.code).toBe(0);
  db = join(dir, ".sanxiang", "demo", "events.db");
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const cli = (...args: string[]) => runCli(args, { cwd: dir });

interface JsonDuty {
  duty: string;
  caseId?: string;
  disclosureId?: string;
  due: string;
  overdue: boolean;
  daysOverdue: number;
  source: { law: string };
}

describe("sanxiang duties (公示义务; 国办发〔2018〕118号: 处罚决定 7 个工作日内公示)", () => {
  it("lists the demo's undisclosed major-case decision as an overdue publish duty, with its rule", async () => {
    const run = await cli("duties", "--store", db);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/公示义务（截至 2026-11-26）：共 \d+ 项，其中逾期 [1-9]\d* 项/);
    expect(run.out).toMatch(/应公示 \S+：届满日 \d{4}-\d\d-\d\d，已逾期 \d+ 日（国办发〔2018〕118号/);
  });

  it("--json gives the same duties as data; --date moves the day overdue is judged on", async () => {
    const now = JSON.parse((await cli("duties", "--store", db, "--json")).out) as {
      asOf: string;
      sector: string | null;
      duties: JsonDuty[];
    };
    expect(now.asOf).toBe("2026-11-26");
    expect(now.sector).toBeNull();
    const late = now.duties.filter((d) => d.overdue);
    expect(late.length).toBeGreaterThan(0);
    const first = late[0] as JsonDuty;
    // Judged on its due day, the same duty is not overdue yet; the day after, 1 day late.
    const onDue = JSON.parse((await cli("duties", "--store", db, "--json", "--date", first.due)).out) as {
      duties: JsonDuty[];
    };
    const same = onDue.duties.find((d) => d.due === first.due && d.duty === first.duty);
    expect(same).toMatchObject({ overdue: false, daysOverdue: 0 });
  });

  it("--fail-overdue exits 1 when a duty is overdue (for a monitoring job), 0 before any is due", async () => {
    expect((await cli("duties", "--store", db, "--fail-overdue")).code).toBe(1);
    expect((await cli("duties", "--store", db, "--fail-overdue", "--date", "2026-01-05")).code).toBe(0);
  });

  it("--sector samr applies 市场监督管理行政处罚信息公示规定 (Art. 9: 20 working days); an unknown sector is refused", async () => {
    const national = JSON.parse((await cli("duties", "--store", db, "--json")).out) as { duties: JsonDuty[] };
    const samr = JSON.parse((await cli("duties", "--store", db, "--json", "--sector", "samr")).out) as {
      sector: string;
      duties: JsonDuty[];
    };
    expect(samr.sector).toBe("samr");
    const pending = (ds: JsonDuty[]) => ds.filter((d) => d.duty === "publish" && d.caseId !== undefined);
    expect(pending(samr.duties).length).toBeGreaterThan(0);
    for (const d of pending(samr.duties)) {
      const n = pending(national.duties).find((x) => x.caseId === d.caseId);
      expect(n).toBeDefined();
      expect(d.due > (n as JsonDuty).due).toBe(true);
      expect(d.source.law).toBe("市场监督管理行政处罚信息公示规定");
    }
    const bad = await cli("duties", "--store", db, "--sector", "nope");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/\[\w+\]/);
  });

  it("bad usage: an extra argument or a bad date is exit 2 and changes nothing", async () => {
    expect((await cli("duties", "extra", "--store", db)).code).toBe(2);
    const bad = await cli("duties", "--store", db, "--date", "2026-02-30");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("错误");
  });
});
