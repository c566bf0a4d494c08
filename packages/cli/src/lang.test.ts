import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBodiesRegistry, findRawIdentifiers, type OpenDeadline } from "@sanxiang/core";
import { SAMPLE_BODIES_DATA } from "@sanxiang/sample";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";
import { openDeadlineLine } from "./commands/deadlines.js";
import { demoSiteConfig } from "./demo-disclosure.js";

// Issue 16: `--lang en` is English throughout where English is asked for — no full-width
// "：" or "（）" around English words, English tiers, ranges and penalty kinds — and the help
// says plainly which outputs stay Chinese. And one place for organ names: the site's 主办单位
// and a catalogue's heading come from the bodies registry (--body), never an area.

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sanxiang-lang-"));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]): Promise<CliRun> => runCli(args, { cwd: dir });
/** Full-width punctuation right after a Latin letter, digit or space: "Range：", "1 officer：". */
const FULL_WIDTH_AFTER_ENGLISH = /[A-Za-z0-9 )\]][：（）]/;

describe("--lang en", () => {
  it("the help says which outputs are Chinese only; the Chinese help needs no such list", async () => {
    const en = await cli("--help", "--lang", "en");
    expect(en.code).toBe(0);
    expect(en.out).toContain("Chinese only (--lang en translates the CLI's own messages, not these):");
    for (const what of ["case file catalogue", "public disclosure site", "review opinion", "error [CODE]", "demo"]) {
      expect(en.out).toContain(what);
    }
    expect((await cli("--help")).out).not.toContain("Chinese only");
  });

  it("penalty recommend and check: English labels, tier, range and penalty kinds", async () => {
    const r = await cli(
      "penalty",
      "check",
      "SPT-SC-JG-07-A",
      "--gains",
      "5000",
      "--fine",
      "20000",
      "--sample",
      "--lang",
      "en",
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain("Tier: ordinary\n");
    expect(r.out).toContain("Range: 1.5 to 3.5 times the illegal gains (¥7,500.00 to ¥17,500.00)\n");
    expect(r.out).toContain("Statutory range: up to 5 times the illegal gains (up to ¥25,000.00)\n");
    expect(r.out).toContain("Penalties: confiscation of illegal gains, fine\n");
    // The reasons and the verdict are the benchmark's own Chinese text, and say so.
    expect(r.out).toContain("Reasons (in Chinese, as the benchmark states them):\n");
    expect(r.out).toContain("Verdict (in Chinese): ");
    const labelled = r.out.split("\n").filter((l) => /^[A-Z]/.test(l));
    for (const line of labelled) expect(line).not.toMatch(/^[A-Za-z ()]+：/);
    const zh = await cli("penalty", "recommend", "SPT-SC-JG-07-A", "--gains", "5000", "--sample");
    expect(zh.out).toContain("裁量阶次：一般\n");
    expect(zh.out).toContain("建议幅度：处违法所得1.5倍以上3.5倍以下罚款（即7,500元以上17,500元以下）\n");
  });

  it("deadlines: a deadline by its name, never its rule id, in English too", () => {
    const d: OpenDeadline = {
      key: "SPT-1/penalty.service",
      streamId: "SPT-1",
      ruleId: "penalty.service",
      name: "行政处罚决定书送达期限",
      due: "2026-05-11",
      overdue: true,
      daysOverdue: 3,
      provisional: false,
      source: { law: "行政处罚法", article: 61, paragraph: 1 },
      setBy: "case.decided",
      daysLeft: 0,
      closingSoon: false,
    };
    const en = openDeadlineLine("en", d);
    expect(en).toBe("SPT-1 行政处罚决定书送达期限: due 2026-05-11, 3 days overdue (《行政处罚法》第六十一条第一款)");
    expect(findRawIdentifiers(en)).toEqual([]);
    expect(findRawIdentifiers(openDeadlineLine("zh", d))).toEqual([]);
  });

  it("registry check: English punctuation and counts", async () => {
    const r = await cli("registry", "check", "--sample", "--lang", "en");
    expect(r.out).toContain("  bodies: 3\n");
    expect(r.out).toMatch(/中卫市沙坡头区司法局: \d+ officers/);
    expect(r.out).toContain("1 legal reviewer (at least");
    expect(r.out).not.toContain("1 legal reviewers");
    for (const line of r.out.split("\n")) expect(line).not.toMatch(FULL_WIDTH_AFTER_ENGLISH);
  });
});

describe("organ names from the bodies registry", () => {
  it("the demo site's 主办单位 is the sample bureau's organ, not an area", () => {
    const bodies = createBodiesRegistry(SAMPLE_BODIES_DATA)._unsafeUnwrap();
    const site = demoSiteConfig(bodies, "2026-03-02")._unsafeUnwrap();
    expect(site.bureauName).toBe("中卫市沙坡头区市场监督管理局");
    expect(site.bureauName).toBe(bodies.body("spt-scjgj", "2026-03-02")._unsafeUnwrap().name);
  });

  it("the example case file's printed catalogue: the organ, the archive's columns, no raw identifier", async () => {
    const r = await cli("casefile", "--example", join(dir, "case.json"), "--html", join(dir, "case.html"));
    expect(r.code).toBe(0);
    const html = readFileSync(join(dir, "case.html"), "utf8");
    expect(html).toContain('<p class="organ">中卫市沙坡头区司法局</p>');
    expect(html).toContain("<th>文号</th><th>责任者</th><th>题名</th><th>日期</th><th>件号</th>");
    expect(html).toContain('<tr class="step"><td colspan="7">告知</td></tr>');
    const [catalogue] = html.split("附：电子数据校验值");
    const text = (catalogue ?? "").replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    expect(text).toContain("行政处罚事先告知书");
    expect(findRawIdentifiers(text)).toEqual([]);
  });

  it("publish --body takes the site's 主办单位 from the registry", async () => {
    const out = join(dir, "site");
    const r = await cli("publish", "--out", out, "--store", "memory", "--sample", "--body", "spt-scjgj");
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, "index.html"), "utf8")).toContain("主办单位：中卫市沙坡头区市场监督管理局");
  });

  it("publish --body names a body the registry must have: REGISTRY_NOT_FOUND, exit 2, nothing built", async () => {
    const out = join(dir, "site");
    const r = await cli("publish", "--out", out, "--store", "memory", "--sample", "--body", "nowhere");
    expect(r.code).toBe(2);
    expect(r.err).toContain("REGISTRY_NOT_FOUND");
    expect(existsSync(out)).toBe(false);
  });
});
