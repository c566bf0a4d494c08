import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { findRawIdentifiers } from "@sanxiang/core";
import { afterAll, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";

// The demo keeps its case in an SQLite store under <cwd>/.sanxiang/demo: a scratch cwd.
const cwd = mkdtempSync(join(tmpdir(), "sanxiang-main-"));
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

/** The demo's sections by their number (the heading's first capture), each with its lines. */
function sectionsOf(out: string, heading: RegExp): Map<string, string> {
  const sections = new Map<string, string>();
  let current: string | undefined;
  for (const line of out.split("\n")) {
    const n = heading.exec(line)?.[1];
    if (n !== undefined) current = n;
    if (current !== undefined) sections.set(current, `${sections.get(current) ?? ""}${line}\n`);
  }
  return sections;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCli(args, { env, cwd });
}

describe("sanxiang deadline", () => {
  it("counts working days across National Day and prints what it skipped (行政处罚法 Art. 85)", async () => {
    const r = await cli(["deadline", "2026-09-30", "7", "--workdays"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("届满日：2026-10-15（星期四）");
    expect(r.out).toContain("跳过的非工作日（8 天）");
    expect(r.out).toContain("2026-10-01 星期四  节假日·国庆节");
    expect(r.out).toContain("2026-10-11 星期日  周末");
    // 2026-10-10 is a make-up Saturday: counted, not skipped.
    expect(r.out).not.toContain("2026-10-10");
  });

  it("rolls a calendar period ending on a Sunday over to Monday, in English (民法典 Art. 203)", async () => {
    const r = await cli(["deadline", "2026-09-28", "90", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Due:      2026-12-28 (Mon)");
    expect(r.out).toContain("nominal last day 2026-12-27");
    expect(r.out).toMatch(/Sources: .*民法典/);
  });

  it("honours SANXIANG_LANG and --no-rollover", async () => {
    const r = await cli(["deadline", "2026-09-28", "90", "--no-rollover"], { SANXIANG_LANG: "en" });
    expect(r.code).toBe(0);
    expect(r.out).toContain("Due:      2026-12-27 (Sun)");
  });

  it("computes a statutory period from the table with its article", async () => {
    const r = await cli(["deadline", "2026-10-09", "--rule", "penalty.service"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("行政处罚决定书送达期限");
    expect(r.out).toContain("届满日：2026-10-19");
    expect(r.out).toContain("《行政处罚法》第六十一条第一款");
  });

  it("counts months to the corresponding day or the month's end (民法典 Art. 202)", async () => {
    // 2026-02-28 is a Saturday, but a make-up working day (调休上班): no roll-over.
    const feb = await cli(["deadline", "2026-01-31", "1", "--months"]);
    expect(feb.code).toBe(0);
    expect(feb.out).toContain("届满日：2026-02-28（星期六）");
    expect(feb.out).toContain("跳过的非工作日：无");
    // 2026-05-31 is a plain Sunday: the end moves to Monday.
    const may = await cli(["deadline", "2026-03-31", "2", "--months"]);
    expect(may.out).toContain("届满日：2026-06-01（星期一）");
  });

  it.each([
    [["deadline", "2026-02-30", "3"], "CIVIL_DATE_INVALID"],
    [["deadline", "2026-13-01", "3"], "CIVIL_DATE_INVALID"],
    [["deadline", "2027-03-01", "3", "--workdays"], "CALENDAR_YEAR_UNKNOWN"],
    [["deadline", "2026-12-20", "30"], "CALENDAR_YEAR_UNKNOWN"],
    [["deadline", "2026-10-09", "--rule", "no.such.rule"], "PERIOD_RULE_UNKNOWN"],
    [["deadline", "2026-10-09", "-3"], "错误"],
    [["deadline", "2026-10-09", "3.5"], "非负整数"],
    [["deadline", "2026-10-09"], "缺少期间长度"],
    [["deadline"], "缺少起算日"],
    [["deadline", "2026-10-09", "3", "--workdays", "--months"], "只能选一个"],
    [["deadline", "2026-10-09", "3", "4"], "多余的参数"],
    [["deadline", "2026-10-09", "3", "--bogus"], "bogus"],
    [["nonsense"], "未知命令"],
    [["deadline", "2026-10-09", "3", "--lang", "fr"], "--lang"],
  ])("refuses %j with exit code 2 and a clear message (%s)", async (args, needle) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(needle);
  });

  it("prints help on -h and usage on no command", async () => {
    expect((await cli(["-h"])).code).toBe(0);
    expect((await cli(["-h"])).out).toContain("用法");
    const none = await cli([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain("deadline");
    expect((await cli(["--help", "--lang", "en"])).out).toContain("Usage");
  });
});

// The whole demo (three systems, signing and proving its log, building the site) takes a few
// seconds alone and more beside the other test files on two cores: a generous limit.
describe("sanxiang demo", () => {
  it("shows the calendar, a case's deadlines with sources, and the Merkle log catching tampering", async () => {
    const r = await cli(["demo"]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("今天（北京时间）：2026-11-26");
    expect(r.out).toContain("2026-10-10 星期六  工作日（调休上班）");
    expect(r.out).toContain("2027-03-01 星期一  无法判断：该年放假安排尚未载入（CALENDAR_YEAR_UNKNOWN）");
    expect(r.out).toContain("行政处罚决定期限 90日 → 2026-12-28");
    expect(r.out).toContain("人民币壹万贰仟元整");
    expect(r.out).toContain("包含性证明");
    expect(r.out).toContain("验证失败，篡改被发现（MERKLE_ROOT_MISMATCH）");
    // The surcharge in the statute's words (行政处罚法 Art. 72 para. 1 item 1).
    expect(r.out).toContain("每日按罚款数额的百分之三加处罚款");
    expect(r.out).toContain("加处罚款的数额不得超出罚款的数额");
    expect(r.out).toContain("四、五类数据库与裁量建议（示例局）");
    expect(r.out).toContain("→ 从重：处违法所得3.5倍以上5倍以下罚款");
    expect(r.out).toContain("五、一件普通程序案件");
    expect(r.out).toContain("2026-03-18 归档 → 已归档");
    expect(r.out).toMatch(/被拒绝：未告知当事人[^\n]*（DECISION_WITHOUT_NOTICE）/);
    expect(r.out).toContain("行政处罚决定书送达期限：届满日 2026-03-19（《行政处罚法》第六十一条第一款）");
    expect(r.out).toMatch(/逐件包含性证明 → 验证通过/);
    expect(r.out).toContain(`存储：${join(cwd, ".sanxiang", "demo", "events.db")}（内嵌 SQLite`);
    expect(r.out).toMatch(/sanxiang casefile SPT-SCJ-DEMO-\d{3} case\.json --store /);
    expect(r.out).toMatch(
      /作出处罚决定（未经法制审核） → 被拒绝（REVIEW_NOT_APPROVED）[\s\S]*审核意见：存在问题 → 存在问题，待修改[\s\S]*按审核通过的草案作出决定 → 已作出决定/,
    );
    expect(r.err).toBe("");
    // No raw identifier (event type, state, rule id, enum value) in what an officer reads; a
    // code may follow a sentence in brackets (issue 16).
    // §8 shows the CLI's own commands as typed (ids and all): the prose is everything before it.
    const prose = r.out.slice(0, r.out.indexOf("\n八、"));
    const raw = findRawIdentifiers(prose.replace(/（[A-Z][A-Z0-9_]*）/g, "")).map((x) => x.text);
    expect(raw).toEqual([]);
    // Every section is there and says something; §6 prints the 法制审核意见书 itself.
    const sections = sectionsOf(r.out, /^([一二三四五六七八])、/);
    expect([...sections.keys()]).toEqual(["一", "二", "三", "四", "五", "六", "七", "八"]);
    for (const text of sections.values()) expect(text.split("\n").length).toBeGreaterThan(3);
    expect(sections.get("六")).toContain("    法制审核意见书\n");
    expect(sections.get("六")).toContain("：否（罚款数额超出裁量基准的从重档次，未说明理由）");
    expect(sections.get("六")).toContain("    审核人员：郭婷（法律职业资格证书编号：");
    expect(sections.get("六")).not.toMatch(/\d{4}-\d{2}-\d{2}\n {4}/);
    // §8: each capability from the command line, on the demo's store, with what it printed.
    const cli8 = sections.get("八") ?? "";
    expect(cli8).toMatch(/\$ sanxiang case SPT-SCJ-CLI-\d{3} do case\.file --as spt-scj-01/);
    expect(cli8).toMatch(/执行 case\.file：SPT-SCJ-CLI-\d{3} 记录事件 1 件，现处于「调查取证」/);
    expect(cli8).toMatch(/\$ sanxiang case SPT-SCJ-CLI-\d{3} commands\n[^\n]*此时可执行/);
    expect(cli8).toMatch(/evidence attach note\.txt[\s\S]*证据 SPT-SCJ-CLI-\d{3}-ev-1 已入卷/);
    expect(cli8).toMatch(
      /调取证据 SPT-SCJ-CLI-\d{3}-ev-1（用途：法制审核）：\d+ 字节写入 note-copy\.txt；保管链记录于/,
    );
    expect(cli8).toContain("$ sanxiang review opinion SPT-SCJ-MAJOR-001 --format md --out opinion.md");
    expect(cli8).toContain("已写入法制审核意见书：opinion.md");
    expect(cli8).toContain("$ sanxiang equipment report");
    expect(cli8).toContain("执法装备配备情况");
    expect(cli8).toContain("已写入采购需求清单：procurement.csv");
    expect(cli8).toMatch(/\$ sanxiang inspection draw[^\n]*\n\s+抽查任务 SPT-SJ-2026-01/);
    expect(cli8).toMatch(/写出的文件在：\S+sanxiang-demo-/);
  }, 120_000);

  it("speaks English in every section: names, never ids; Chinese only in citations, glosses and quoted data", async () => {
    const r = await cli(["demo", "--lang", "en"]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toContain("Tampering");
    expect(r.out).toContain("rejected [MERKLE_ROOT_MISMATCH]");
    const sections = sectionsOf(r.out, /^(\d)\. /);
    expect([...sections.keys()]).toEqual(["1", "2", "3", "4", "5", "6", "7", "8"]);
    // §8 shows the CLI's own commands as typed, and what each printed in English.
    const cli8 = sections.get("8") ?? "";
    expect(cli8).toMatch(/ran case\.file: 1 event\(s\) recorded on SPT-SCJ-CLI-\d{3}/);
    expect(cli8).toMatch(
      /opened evidence SPT-SCJ-CLI-\d{3}-ev-1 \(purpose: 法制审核\): \d+ bytes written to note-copy\.txt/,
    );
    expect(cli8).toContain("Wrote the review opinion (法制审核意见书, in Chinese): opinion.md");
    expect(cli8).toContain("Enforcement equipment against the ratios");
    expect(cli8).toContain("Wrote the procurement list (采购需求清单, in Chinese): procurement.csv");
    expect(cli8).toMatch(/task SPT-SJ-2026-01 \(spt-scjgj, 2026-03-02\): 1 of \d+ entities drawn/);
    // States, periods, tiers, steps and refusals by their English names (issue 16).
    expect(sections.get("2")).toContain("case filed → time limit for the penalty decision 90 days → 2026-12-28");
    expect(sections.get("4")).toContain("→ heavier tier: 3.5 to 5 times the illegal gains (¥17,500.00 to ¥25,000.00)");
    expect(sections.get("5")).toContain("2026-03-18 case archived → archived");
    expect(sections.get("5")).toContain(
      "service of the penalty decision: due 2026-03-19 (《行政处罚法》第六十一条第一款)",
    );
    expect(sections.get("6")).toContain("penalty decision without legal review → refused [REVIEW_NOT_APPROVED]");
    expect(sections.get("6")).toContain("opinion: changes required → changes required");
    expect(sections.get("6")).toMatch(/review opinion SPT-SCJ-MAJOR-\d{3} --store /);
    // No raw identifier once the codes in square brackets are set aside; no bare state id.
    const prose = r.out.slice(0, r.out.indexOf("\n8. "));
    const raw = findRawIdentifiers(prose.replace(/\[[A-Z][A-Z0-9_]*\]/g, "")).map((x) => x.text);
    expect(raw).toEqual([]);
    for (const id of ["investigating", "noticed", "underReview", "changesRequired", "submitted", "penalty.decision"]) {
      expect(r.out).not.toMatch(new RegExp(`→ ${id}\\b`));
    }
    for (const [n, text] of sections) {
      if (n === "8") continue; // commands as typed
      for (const line of text.split("\n")) {
        // Full-width punctuation belongs to Chinese text only: never after an English word.
        expect(line, `section ${n}`).not.toMatch(/[A-Za-z0-9 )\]][：（）]/);
        // Chinese stays inside citations (《…》第…条, 《基准》 类别, 〔…〕号), glosses in brackets and quoted data:
        // a line without them reads as English.
        const bare = line
          .replace(/《[^》]*》( ?[^\s,;)]*)?/g, "")
          .replace(/[^\s(]*〔\d{4}〕\d+号[^\s,;)]*/g, "")
          .replace(/\([^()]*[\u3400-\u9fff][^()]*\)/g, "")
          .replace(/: [^:]*[\u3400-\u9fff].*$/, "");
        expect(bare, `section ${n}: ${line}`).not.toMatch(/[\u3400-\u9fff]/);
      }
    }
  }, 120_000);
});
