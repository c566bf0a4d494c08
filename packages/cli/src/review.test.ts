import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { bureauProjections, findRawIdentifiers, manualClock } from "@sanxiang/core";
import { openSqliteStore } from "@sanxiang/store-sqlite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliRun, runCli } from "./cli.test-support.js";
import { sampleBureau } from "./demo-case.js";
import { runDemoReview } from "./demo-review.js";

// `sanxiang review opinion` (issue 16): the 法制审核意见书 of a review in the store, in official
// wording (pilot plan 二（三）（2）; 行政处罚法 Art. 58) — names and the organ from the bodies
// registry, never an id — and a clear coded refusal, exit 2, for an unknown id, a review not
// concluded yet, an id the store cannot hold, or a bad --format.

const dir = mkdtempSync(join(tmpdir(), "sanxiang-review-"));
const db = join(dir, "events.db");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let majorCase = "";
const PENDING = "SPT-SCJ-PENDING-001";

beforeAll(async () => {
  const store = openSqliteStore({ path: db, projections: bureauProjections() })._unsafeUnwrap();
  majorCase = (await runDemoReview(store))._unsafeUnwrap().caseId;
  // A second major case submitted for review, not concluded.
  const clock = manualClock("2026-05-04T02:00:00Z");
  const bureau = sampleBureau(store, clock)._unsafeUnwrap();
  const officer = { id: "spt-scj-01", name: "陈海龙", roles: ["officer" as const] };
  const c = bureau.case(PENDING);
  const penalty = { kinds: ["fine" as const], fineFen: 15_000_000 };
  (
    await c.as(officer).file({
      party: { kind: "organisation", name: "沙坡头区示例商贸有限公司（示例）" },
      category: "价格监督检查",
      violation: "经营者销售商品未明码标价",
      regionCode: "640502",
      officerIds: ["spt-scj-01", "spt-scj-02"],
      actDate: "2026-04-30",
      records: [{ id: "filing-approval", kind: "document" }],
    })
  )._unsafeUnwrap();
  clock.set("2026-05-06T02:00:00Z");
  (await c.as(officer).closeInvestigation({ facts: "经营者销售商品未标明价格" }))._unsafeUnwrap();
  clock.set("2026-05-07T02:00:00Z");
  (
    await c.as(officer).notify({
      penalty,
      facts: "经营者销售商品未标明价格，情节严重",
      basis: ["价格违法行为行政处罚规定第十三条"],
      records: [{ id: "notice", kind: "document" }],
    })
  )._unsafeUnwrap();
  clock.set("2026-05-08T02:00:00Z");
  (
    await c.review.as(officer).submit({
      outcome: "penalty",
      penalty,
      materials: [
        { kind: "application", id: "review-application" },
        { kind: "proposalNote", id: "proposal-note" },
        { kind: "draftDecision", id: "draft-decision" },
        { kind: "evidence", id: "evidence-list" },
      ],
    })
  )._unsafeUnwrap();
  await store.close();
}, 60_000);

const cli = (...args: string[]): Promise<CliRun> => runCli(args, { cwd: dir });

describe("sanxiang review opinion", () => {
  it("prints a case's latest opinion as text: the organ, names, official dates, no raw identifier", async () => {
    const r = await cli("review", "opinion", majorCase, "--store", db, "--sample");
    expect(r.err).toBe("");
    expect(r.code).toBe(0);
    expect(r.out.startsWith("中卫市沙坡头区市场监督管理局\n法制审核意见书\n")).toBe(true);
    expect(r.out).toContain("第2次送审");
    expect(r.out).toContain("罚款人民币120,000.00元（大写：人民币壹拾贰万元整）");
    expect(r.out).toContain("《价格违法行为行政处罚规定》第十三条");
    expect(r.out).toContain("审核人员：郭婷（法律职业资格证书编号：");
    expect(r.out).toContain("  审核结论：同意\n");
    expect(r.out).toContain("2026年4月20日\n");
    expect(r.out).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    for (const id of ["spt-scj-04", "review-application", ".review."]) expect(r.out).not.toContain(id);
    expect(findRawIdentifiers(r.out)).toEqual([]);
  });

  it("names a review stream directly; html and md forms; --out writes the file", async () => {
    const stream = `${majorCase}.review.1`;
    const html = await cli("review", "opinion", stream, "--store", db, "--sample", "--format", "html");
    expect(html.code).toBe(0);
    expect(html.out).toContain('<p class="organ">中卫市沙坡头区市场监督管理局</p>');
    const out = join(dir, "opinion.md");
    const md = await cli("review", "opinion", stream, "--store", db, "--sample", "--format", "md", "--out", out);
    expect(md.code).toBe(0);
    expect(md.out).toContain(`已写入法制审核意见书：${out}`);
    expect(readFileSync(out, "utf8")).toContain("| 序号 | 审核事项 | 审核结果 | 意见 |");
    // The file exists now: the same --out is refused (exit 2, untouched) unless --force.
    const again = await cli("review", "opinion", stream, "--store", db, "--sample", "--format", "html", "--out", out);
    expect(again.code).toBe(2);
    expect(again.err).toContain("已存在：如需覆盖请加 --force");
    expect(readFileSync(out, "utf8")).toContain("| 序号 |");
    const forced = await cli(
      "review",
      "opinion",
      stream,
      "--store",
      db,
      "--sample",
      "--format",
      "html",
      "--out",
      out,
      "--force",
    );
    expect(forced.code).toBe(0);
    expect(readFileSync(out, "utf8")).toContain('<p class="organ">');
  });

  it("without a registry: no organ heading, the reviewer's name said to be unrecorded — never an id", async () => {
    const r = await cli("review", "opinion", majorCase, "--store", db, "--dir", join(dir, "no-registry"));
    expect(r.code).toBe(0);
    expect(r.out.startsWith("法制审核意见书\n")).toBe(true);
    expect(r.out).toContain("审核人员：（姓名未登记）（法律职业资格证书编号：");
    expect(r.out).not.toContain("spt-scj-04");
  });

  it("a review not concluded yet: REVIEW_NOT_CONCLUDED naming its state, exit 2, nothing printed", async () => {
    const r = await cli("review", "opinion", PENDING, "--store", db, "--sample");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("[REVIEW_NOT_CONCLUDED]");
    expect(r.err).toContain(`法制审核 ${PENDING}.review.1 尚未出具审核意见`);
  });

  it.each([
    ["an unknown id", ["NOPE-001"], "REVIEW_NOT_FOUND", "存储中没有案件或法制审核 NOPE-001"],
    ["an unknown review stream", ["SPT-SCJ-MAJOR-001.review.9"], "REVIEW_NOT_FOUND", "存储中没有法制审核"],
    ["a path", ["../../etc/passwd"], "INVALID_INPUT", ""],
    ["undecodable bytes (U+FFFD)", ["a\uFFFD\uFFFDb"], "INVALID_INPUT", ""],
    ["a lone surrogate", ["\uD800x"], "INVALID_INPUT", ""],
    ["5,000 characters", ["A".repeat(5000)], "INVALID_INPUT", ""],
    ["--format pdf", ["SPT-SCJ-MAJOR-001", "--format", "pdf"], "INVALID_INPUT", "--format"],
    ["--body of no body", ["SPT-SCJ-MAJOR-001", "--body", "nowhere"], "REGISTRY_NOT_FOUND", ""],
  ])("refuses %s with a coded message, exit 2", async (_what, args, code, needle) => {
    const r = await cli("review", "opinion", ...args, "--store", db, "--sample");
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain(`[${code}]`);
    expect(r.err).toContain(needle);
    expect(r.err).not.toMatch(/^\s+at /m);
  });

  it("a case without a review, in English: the code and an English frame", async () => {
    const r = await cli("review", "opinion", PENDING.replace("PENDING", "NONE"), "--store", db, "--lang", "en");
    expect(r.code).toBe(2);
    expect(r.err).toContain("error [REVIEW_NOT_FOUND]");
  });
});
