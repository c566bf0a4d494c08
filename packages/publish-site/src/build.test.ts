import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PublishedItem } from "@sanxiang/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { decision, hashOf, noticeOf, SITE, sampleItems } from "./fixtures.test-support.js";
import { readTree, removeDir, tempDir } from "./tree.test-support.js";

const NOW = "2026-04-15T00:00:00Z";
let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

const build = async (items: readonly PublishedItem[], withdrawals = [noticeOf("dec-9")], now = NOW) =>
  (await buildSite({ outDir: dir, site: SITE, items, withdrawals, now }))._unsafeUnwrap();

describe("buildSite", () => {
  it("writes every page kind, the feeds, the sitemap and the search index", async () => {
    const report = await build(sampleItems());
    const tree = readTree(dir);
    expect(new Set(report.written)).toEqual(new Set(tree.keys()));
    expect(report.deleted).toEqual([]);
    for (const path of [
      "index.html",
      "before/index.html",
      "before/officer/index.html",
      "before/power/index.html",
      "before/serviceGuide/index.html",
      "before/flowchart/index.html",
      "during/index.html",
      "during/2026-03/index.html",
      "after/index.html",
      "after/penalty/index.html",
      "after/penalty/2026-03/index.html",
      "after/licence/2026-04/index.html",
      "item/dec-1.html",
      "item/flow-1.html",
      "item/dec-9.html",
      "search/index.html",
      "search/shards.json",
      "assets/minisearch.js",
      "assets/search.js",
      "assets/site.css",
      "feed.json",
      "atom.xml",
      "sitemap.xml",
      "404.html",
    ]) {
      expect(tree.has(path), path).toBe(true);
    }
    const html = [...tree].filter(([p]) => p.endsWith(".html"));
    for (const [path, page] of html) {
      expect(page, path).toContain('<html lang="zh-CN">');
      expect(page, path).toContain("Content-Security-Policy");
      expect(page, path).toMatch(/<main id="main"/);
      // No inline script: every <script> has a src and no body.
      for (const m of page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
        expect(m[1], path).toMatch(/ src="/);
        expect(m[2], path).toBe("");
      }
      expect(page, path).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(page, path).not.toMatch(/\sstyle\s*=/i);
    }
  });

  it("shows every field of a decision, the fine in yuan from fen, and the officer list with 执法证号", async () => {
    await build(sampleItems());
    const page = readFileSync(join(dir, "item/dec-1.html"), "utf8");
    for (const label of [
      "文号",
      "执法机关",
      "执法对象",
      "决定类别",
      "违法行为",
      "依据",
      "执法结论",
      "罚款",
      "决定日期",
      "公示期限",
    ]) {
      expect(page).toContain(`<dt>${label}</dt>`);
    }
    expect(page).toContain("人民币5,000.00元");
    expect(page).toContain("至2026年12月31日");
    const officers = readFileSync(join(dir, "before/officer/index.html"), "utf8");
    expect(officers).toContain('<th scope="col">执法证号</th>');
    expect(officers).toContain("64050000001");
    const flow = readFileSync(join(dir, "item/flow-1.html"), "utf8");
    expect(flow).toMatch(/<ol class="steps"><li>立案<\/li><li>调查取证<\/li><li>决定<\/li><li>结案<\/li><\/ol>/);
    expect(flow).toContain("<svg");
    expect(flow).toContain("不予处罚");
  });

  it("lists the months of a category newest first", async () => {
    await build([...sampleItems(), decision("dec-20", "2026-01-05"), decision("dec-21", "2025-12-30")]);
    const page = readFileSync(join(dir, "after/penalty/index.html"), "utf8");
    const months = [...page.matchAll(/>(\d{4}年\d+月)</g)].map((m) => m[1]);
    expect(months).toEqual(["2026年3月", "2026年1月", "2025年12月"]);
  });

  it("rebuilding the same input writes nothing", async () => {
    const first = await build(sampleItems());
    const again = await build(sampleItems());
    expect(again.written).toEqual([]);
    expect(again.deleted).toEqual([]);
    expect(again.unchanged).toBe(first.written.length);
  });

  it("a corrected decision rewrites only its page, its month, its shard, the feeds and what lists it", async () => {
    const items = sampleItems();
    await build(items);
    const i = items.findIndex((x) => x.id === "dec-2");
    const old = items[i] as PublishedItem;
    if (old.content.kind !== "decision") throw new Error("fixture");
    const content = { ...old.content, party: { kind: "person" as const, name: "张某某" } };
    items[i] = {
      ...old,
      content,
      contentHash: hashOf(content),
      version: 2,
      updatedAt: "2026-04-12T02:00:00Z",
      corrections: [{ at: "2026-04-12T02:00:00Z", reason: "当事人姓名录入有误" }],
    };
    const report = await build(items);
    const allowed = new Set([
      "item/dec-2.html",
      "after/penalty/2026-03/index.html",
      "search/after-penalty-2026-03.json",
      "sitemaps/after-penalty-2026-03.xml",
      "index.html",
      "feed.json",
      "atom.xml",
      "search/shards.json",
      "sitemap.xml",
    ]);
    expect(report.written).toContain("item/dec-2.html");
    expect(report.written).toContain("after/penalty/2026-03/index.html");
    expect(report.written).toContain("search/after-penalty-2026-03.json");
    for (const p of report.written) expect(allowed.has(p), p).toBe(true);
    expect(report.deleted).toEqual([]);
    const page = readFileSync(join(dir, "item/dec-2.html"), "utf8");
    expect(page).toContain("更正说明");
    expect(page).toContain("当事人姓名录入有误");
    expect(page).toContain("第 2 版");
  });

  it("a correction that changes nothing searchable or listed keeps the shard and the list page", async () => {
    const items = sampleItems();
    await build(items);
    const i = items.findIndex((x) => x.id === "dec-2");
    const old = items[i] as PublishedItem;
    if (old.content.kind !== "decision") throw new Error("fixture");
    // The basis is neither searched nor listed (执法结论 and 主要事实 are searched).
    const content = { ...old.content, basis: [...old.content.basis, "《价格法》第四十二条"] };
    items[i] = { ...old, content, contentHash: hashOf(content), version: 2, updatedAt: "2026-04-12T02:00:00Z" };
    const report = await build(items);
    expect(report.written).toContain("item/dec-2.html");
    expect(report.written).not.toContain("search/after-penalty-2026-03.json");
    expect(report.written).not.toContain("after/penalty/2026-03/index.html");
  });

  it("a decision moved to another month leaves its old month when that month empties", async () => {
    const items = sampleItems().filter((x) => x.id !== "dec-1");
    await build(items);
    expect(existsSync(join(dir, "after/penalty/2026-03/index.html"))).toBe(true);
    const moved = items.map((x) => (x.id === "dec-2" ? decision("dec-2", "2026-02-27") : x));
    const report = await build(moved);
    expect(report.deleted).toEqual(
      expect.arrayContaining([
        "after/penalty/2026-03/index.html",
        "search/after-penalty-2026-03.json",
        "sitemaps/after-penalty-2026-03.xml",
      ]),
    );
    expect(report.deleted).not.toContain("item/dec-2.html");
    expect(existsSync(join(dir, "item/dec-2.html"))).toBe(true);
    expect(readFileSync(join(dir, "after/penalty/2026-02/index.html"), "utf8")).toContain("item/dec-2.html");
  });

  it("a withdrawn item leaves every list, feed and search shard, and its URL shows the notice", async () => {
    const items = sampleItems();
    await build(items);
    const report = await build(
      items.filter((x) => x.id !== "dec-1"),
      [noticeOf("dec-9"), noticeOf("dec-1", "行政处罚决定（沙市监罚〔2026〕1号）")],
    );
    expect(report.written).toContain("item/dec-1.html");
    expect(report.deleted).not.toContain("item/dec-1.html");
    const tree = readTree(dir);
    const notice = tree.get("item/dec-1.html") ?? "";
    expect(notice).toContain("撤回公告");
    expect(notice).toContain("该行政处罚决定已被依法撤销");
    expect(notice).toContain("《行政处罚法》第四十八条第二款");
    expect(notice).not.toContain("销售过期食品");
    for (const [path, text] of tree) {
      if (path === "item/dec-1.html" || path.startsWith("sitemaps/pages")) continue;
      expect(text.includes("item/dec-1.html"), path).toBe(false);
      expect(text.includes('"dec-1"'), path).toBe(false);
    }
  });

  it("an expired item disappears: its page is deleted and nothing links to it", async () => {
    const items = [...sampleItems(), { ...decision("dec-30", "2026-03-11"), publicUntil: "2026-04-20" }];
    await build(items);
    expect(existsSync(join(dir, "item/dec-30.html"))).toBe(true);
    const report = await build(items, [noticeOf("dec-9")], "2026-04-21T00:00:00Z");
    expect(report.deleted).toContain("item/dec-30.html");
    expect(existsSync(join(dir, "item/dec-30.html"))).toBe(false);
    for (const [path, text] of readTree(dir)) expect(text.includes("dec-30"), path).toBe(false);
  });

  it("refuses bad input with INVALID_INPUT and writes nothing", async () => {
    const good = sampleItems();
    await build(good);
    const before = readTree(dir);
    const item = good[0] as PublishedItem;
    const cases: unknown[][] = [
      [...good, { ...item, id: "bad id with spaces" }],
      [...good, { ...item, id: "x-1", contentHash: "0".repeat(64) }],
      [...good, { ...item, id: "x-2", phase: "after" }],
      [...good, { ...item }],
      [...good, { ...item, id: "x-3", title: "" }],
    ];
    for (const items of cases) {
      const r = await buildSite({
        outDir: dir,
        site: SITE,
        items: items as PublishedItem[],
        withdrawals: [],
        now: NOW,
      });
      expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    }
    const both = await buildSite({ outDir: dir, site: SITE, items: good, withdrawals: [noticeOf("dec-1")], now: NOW });
    expect(both._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    const badSite = await buildSite({
      outDir: dir,
      site: { ...SITE, baseUrl: "javascript:alert(1)" },
      items: good,
      withdrawals: [],
      now: NOW,
    });
    expect(badSite._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(readTree(dir)).toEqual(before);
    const fresh = join(dir, "never");
    const r = await buildSite({ outDir: fresh, site: SITE, items: [{} as PublishedItem], withdrawals: [], now: NOW });
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(existsSync(fresh)).toBe(false);
  });

  it("recovers from a build interrupted half way: a pending state is not trusted", async () => {
    const items = sampleItems();
    await build(items);
    // What a crash between writing pages and saving the state leaves: a page with other
    // bytes, and the state still marked pending.
    const statePath = join(dir, ".sanxiang-site/state.json");
    const state = JSON.parse(readFileSync(statePath, "utf8")) as { pending: boolean };
    writeFileSync(statePath, JSON.stringify({ ...state, pending: true }));
    writeFileSync(join(dir, "item/dec-1.html"), "<p>half a page");
    const report = await build(items);
    expect(report.written).toContain("item/dec-1.html");
    expect(readFileSync(join(dir, "item/dec-1.html"), "utf8")).toContain("</html>");
    expect((await build(items)).written).toEqual([]);
  });

  it("leaves no temporary files behind", async () => {
    await build(sampleItems());
    const tmp = join(dir, ".sanxiang-site/tmp");
    const left = existsSync(tmp) ? (await import("node:fs")).readdirSync(tmp) : [];
    expect(left).toEqual([]);
  });
});
