// sanxiang duties: the operator's list of open disclosure duties, on the demo's store.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./cli.test-support.js";
import { dutyLine } from "./commands/duties.js";

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

  it("--sector samr keeps 118号's 7 working days (a 部门规章 cannot lengthen them to Art. 9's 20; issue 14 §7); an unknown sector is refused", async () => {
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
      // The stricter of the two binds a market regulator: the same last day as 118号's.
      expect(d.due).toBe((n as JsonDuty).due);
      expect(d.source.law).toBe("国办发〔2018〕118号");
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

interface JsonDeadline {
  streamId: string;
  ruleId: string;
  due: string;
  overdue: boolean;
  daysOverdue: number;
  source: { law: string; article?: number };
}

describe("sanxiang deadlines (期限清单: every open deadline of the store's deadline index)", () => {
  it("lists the demo's major case, whose decision was not served (行政处罚法第六十一条: 7 个工作日), as overdue", async () => {
    const run = await cli("deadlines", "--store", db);
    expect(run.err).toBe("");
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/期限清单（截至 2026-11-26）：共 \d+ 项（其中公示义务 [1-9]\d* 项），逾期 [1-9]\d* 项/);
    expect(run.out).toMatch(
      /SPT-SCJ-MAJOR-001 行政处罚决定书送达期限：届满日 \d{4}-\d\d-\d\d，已逾期 \d+ 日（《行政处罚法》第六十一条/,
    );
    // The party's hearing window is moot once the case is decided: not listed.
    expect(run.out).not.toContain("听证申请期限");
    // The disclosure duties the help promises, the same lines `duties` prints (issue 16).
    const duties = await cli("duties", "--store", db);
    const dutyLines = duties.out.split("\n").filter((l) => l.startsWith("  "));
    expect(dutyLines.length).toBeGreaterThan(0);
    for (const l of dutyLines) expect(run.out).toContain(l);
    // One list, oldest due first.
    const dues = [...run.out.matchAll(/届满日 (\d{4}-\d\d-\d\d)/g)].map((m) => m[1] as string);
    expect(dues).toEqual([...dues].sort());
  });

  it("--json, --due-by, --overdue and --fail-overdue select and report the same rows", async () => {
    const all = JSON.parse((await cli("deadlines", "--store", db, "--json")).out) as { deadlines: JsonDeadline[] };
    expect(all.deadlines.length).toBeGreaterThan(0);
    const first = all.deadlines[0] as JsonDeadline;
    const before = JSON.parse((await cli("deadlines", "--store", db, "--json", "--due-by", "2019-01-01")).out) as {
      deadlines: JsonDeadline[];
    };
    expect(before.deadlines).toEqual([]);
    expect((before as { duties?: unknown[] }).duties).toEqual([]);
    const onDue = JSON.parse(
      (await cli("deadlines", "--store", db, "--json", "--overdue", "--date", first.due)).out,
    ) as { deadlines: JsonDeadline[] };
    expect(onDue.deadlines.find((d) => d.streamId === first.streamId && d.ruleId === first.ruleId)).toBeUndefined();
    expect((await cli("deadlines", "--store", db, "--fail-overdue")).code).toBe(1);
    expect((await cli("deadlines", "--store", db, "--fail-overdue", "--date", "2019-01-01")).code).toBe(0);
  });

  it("bad usage: a bad date or an extra argument is exit 2", async () => {
    expect((await cli("deadlines", "--store", db, "--due-by", "2026-13-01")).code).toBe(2);
    expect((await cli("deadlines", "x", "--store", db)).code).toBe(2);
  });
});

describe("dutyLine", () => {
  it("names each duty, in Chinese and English: a cross-province forward (总局令第45号 Art. 10) is 应推送", () => {
    const base = {
      disclosureId: "gs-decision-c1",
      ruleId: "disclosure.samrForward",
      due: "2025-03-24",
      overdue: true,
      daysOverdue: 2,
      provisional: false,
      source: { law: "市场监督管理行政处罚信息公示规定", article: 10 },
    } as const;
    expect(dutyLine("zh", { ...base, duty: "forward" })).toBe(
      "应推送 gs-decision-c1：届满日 2025-03-24，已逾期 2 日（《市场监督管理行政处罚信息公示规定》第十条）",
    );
    expect(dutyLine("en", { ...base, duty: "withdraw", overdue: false, daysOverdue: 0 })).toBe(
      "withdraw gs-decision-c1: due 2025-03-24 (《市场监督管理行政处罚信息公示规定》第十条)",
    );
  });
});
