// Search with filters in real Chromium: a 范围 / 年份 selection fetches only the matching
// shards (each at most once per page), `?q=&scope=&year=` restores the form and the results,
// a selection larger than one batch is searched newest first with a "continue" button until
// every shard is searched, and the page stays axe-clean. Fixtures are invented (./fixtures.ts).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { buildSite } from "@sanxiang/publish-site";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FIXTURE_NOW, FIXTURE_SITE, HOSTILE, MONTHLY_PARTY, monthlyDecisions, SEARCH_TARGET } from "./fixtures.js";
import {
  browserAvailability,
  launchChromium,
  type PageProblems,
  problemList,
  type StaticServer,
  serveDir,
  watchPage,
} from "./harness.js";
import { buildFixtureSite, type FixtureSite, injectedMarkup, pwned } from "./site.js";

const availability = browserAvailability("test/browser/search-filter.test.ts");

/** Months of the batched site: one shard each, more than one batch. */
const MONTHS = 14;
/** The bound the batched site's page is given (`data-batch-shards`, a test-only attribute). */
const BATCH = 4;

/** A watched page and the shard files (not `shards.json`) it requested, in order. */
interface Opened {
  readonly page: Page;
  readonly problems: PageProblems;
  readonly shardRequests: string[];
}

describe.skipIf(!availability.run)("search filters and shard loading in Chromium", () => {
  let site: FixtureSite | undefined;
  let server: StaticServer | undefined;
  let batchedDir: string | undefined;
  let batched: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    site = await buildFixtureSite();
    server = await serveDir(site.outDir);
    // A site with a shard per month for 14 months, whose search page is told to search 4
    // shards at a time (the real bound, ≈ 2 MB or 40 shards, would need a far larger site).
    batchedDir = await mkdtemp(join(tmpdir(), "sanxiang-browser-batched-"));
    const built = await buildSite({
      outDir: batchedDir,
      site: FIXTURE_SITE,
      items: monthlyDecisions(MONTHS),
      withdrawals: [],
      now: FIXTURE_NOW,
    });
    if (built.isErr()) throw new Error(`buildSite failed: ${built.error.code} ${built.error.message}`);
    const pagePath = join(batchedDir, "search", "index.html");
    const html = await readFile(pagePath, "utf8");
    const lowered = html.replace('<form class="search"', `<form class="search" data-batch-shards="${BATCH}"`);
    if (lowered === html) throw new Error("the search page has no form.search to lower the bound on");
    await writeFile(pagePath, lowered);
    batched = await serveDir(batchedDir);
    browser = await launchChromium();
  }, 120_000);

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await batched?.close();
    await site?.remove();
    if (batchedDir !== undefined) await rm(batchedDir, { recursive: true, force: true });
  }, 60_000);

  async function open(on: StaticServer | undefined, path: string): Promise<Opened> {
    if (browser === undefined || on === undefined) throw new Error("suite setup failed");
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const problems = watchPage(page);
    const shardRequests: string[] = [];
    page.on("request", (r) => {
      const p = new URL(r.url()).pathname;
      if (p.startsWith("/search/") && p.endsWith(".json") && p !== "/search/shards.json")
        shardRequests.push(p.slice("/search/".length));
    });
    await page.goto(`${on.origin}${path}`, { waitUntil: "networkidle", timeout: 60_000 });
    return { page, problems, shardRequests };
  }

  /** Waits until the status line says `pattern`, then reads it and the results. */
  async function answer(page: Page, pattern: RegExp): Promise<{ status: string; results: string[] }> {
    // A locator, not waitForFunction: the site's CSP (rightly) forbids the eval a string predicate needs.
    await page.locator("#search-status").filter({ hasText: pattern }).waitFor({ timeout: 30_000 });
    const status = (await page.textContent("#search-status")) ?? "";
    return { status, results: await page.locator("#search-results li").allInnerTexts() };
  }

  const FINAL = /^(找到|没有找到|检索索引加载失败)/;

  async function searchWith(page: Page, query: string, scope: string, year: string) {
    await page.selectOption("#scope", scope);
    await page.selectOption("#year", year);
    await page.fill("#q", query);
    await page.press("#q", "Enter");
    return answer(page, FINAL);
  }

  describe("filters (国办发〔2018〕118号 phases, 执法类别, 年份)", () => {
    it("行政许可 · 2026 fetches that one shard only and finds the licence decision; the shard is fetched once", async () => {
      const { page, problems, shardRequests } = await open(server, "/search/index.html");
      const first = await searchWith(page, "示例面包坊", "licence", "2026");
      expect(first.status).toMatch(/^找到 1 条/);
      expect(first.results.join("\n")).toContain("示例面包坊（虚构）食品经营许可决定");
      expect(shardRequests).toEqual(["after-licence-2026-11.json"]);
      expect(new URL(page.url()).searchParams.get("scope")).toBe("licence");
      expect(new URL(page.url()).searchParams.get("year")).toBe("2026");
      // Same selection, other words: answered from the cached shard.
      const again = await searchWith(page, "食品经营许可", "licence", "2026");
      expect(again.status).toMatch(/^找到/);
      expect(shardRequests).toEqual(["after-licence-2026-11.json"]);
      // 行政处罚: its two months, and nothing already loaded is loaded again.
      const penalty = await searchWith(page, SEARCH_TARGET.party, "penalty", "");
      expect(penalty.results.some((r) => r.includes(SEARCH_TARGET.party))).toBe(true);
      expect(shardRequests.slice(1).sort()).toEqual(["after-penalty-2026-10.json", "after-penalty-2026-11.json"]);
      expect(new Set(shardRequests).size).toBe(shardRequests.length);
      expect(problemList(problems)).toEqual([]);
    });

    it("事前公开 fetches only the before-enforcement shards and finds an officer", async () => {
      const { page, problems, shardRequests } = await open(server, "/search/index.html");
      const found = await searchWith(page, "张示例", "before", "");
      expect(found.results.some((r) => r.includes("执法人员 张示例"))).toBe(true);
      expect(shardRequests.length).toBeGreaterThan(0);
      for (const f of shardRequests) expect(f).toMatch(/^before-/);
      expect(problemList(problems)).toEqual([]);
    });

    it("a year leaves out the undated 事前公开 shards; 事前公开 with a year says why nothing is searched", async () => {
      const { page, problems, shardRequests } = await open(server, "/search/index.html");
      const dated = await searchWith(page, "示例", "", "2026");
      expect(dated.status).toMatch(/^找到/);
      expect(shardRequests.length).toBeGreaterThan(0);
      for (const f of shardRequests) expect(f).toMatch(/^(during|after-[a-z]+)-2026-\d\d\.json$/);
      const before = shardRequests.length;
      const none = await searchWith(page, "张示例", "before", "2026");
      expect(none.status).toContain("事前公开的信息不分年份");
      expect(shardRequests.length).toBe(before);
      expect(problemList(problems)).toEqual([]);
    });

    it("without filters a small site searches every shard at once, as before (no continue button)", async () => {
      const { page, problems, shardRequests } = await open(server, "/search/index.html");
      const all = await searchWith(page, SEARCH_TARGET.party, "", "");
      expect(all.status).toMatch(/^找到 \d+ 条。$/);
      const list = JSON.parse(await (await page.request.get(`${server?.origin}/search/shards.json`)).text()) as {
        shards: { file: string }[];
      };
      expect(shardRequests.sort()).toEqual(list.shards.map((s) => s.file).sort());
      expect(await page.locator("#search-more").isVisible()).toBe(false);
      expect(problemList(problems)).toEqual([]);
    });
  });

  describe("shareable links", () => {
    it("?q=&scope=&year= restores the form and the results, fetching only the matching shards", async () => {
      const q = encodeURIComponent(SEARCH_TARGET.matter);
      const { page, problems, shardRequests } = await open(server, `/search/index.html?q=${q}&scope=penalty&year=2026`);
      const restored = await answer(page, FINAL);
      expect(await page.inputValue("#q")).toBe(SEARCH_TARGET.matter);
      expect(await page.inputValue("#scope")).toBe("penalty");
      expect(await page.inputValue("#year")).toBe("2026");
      expect(restored.results.some((r) => r.includes(SEARCH_TARGET.party))).toBe(true);
      expect(shardRequests.sort()).toEqual(["after-penalty-2026-10.json", "after-penalty-2026-11.json"]);
      expect(problemList(problems)).toEqual([]);
    });

    it("unknown or hostile scope and year values fall back to 全部 and run as text", async () => {
      for (const value of HOSTILE) {
        const v = encodeURIComponent(value);
        const { page, problems } = await open(server, `/search/index.html?q=${v}&scope=${v}&year=${v}`);
        await answer(page, FINAL);
        expect(await page.inputValue("#scope"), value).toBe("");
        expect(await page.inputValue("#year"), value).toBe("");
        expect(await page.inputValue("#q"), value).toBe(value);
        expect(await pwned(page)).toBe("undefined");
        expect(await injectedMarkup(page)).toBe(0);
        expect(problemList(problems)).toEqual([]);
        await context?.close();
        context = undefined;
      }
    });
  });

  describe("a selection larger than one batch", () => {
    it("is searched newest first, shows partial results and a continue button, and finishes", async () => {
      const { page, problems, shardRequests } = await open(batched, "/search/index.html");
      await page.fill("#q", "分批检索");
      await page.press("#q", "Enter");
      const first = await answer(page, /^已检索 /);
      expect(first.status).toBe(`已检索 ${BATCH}/${MONTHS} 个分片（至2026年8月），找到 4 条。更早的公示信息尚未检索。`);
      expect(first.results).toHaveLength(BATCH);
      for (const r of first.results) expect(r).toMatch(/2026年(8|9|10|11)月8日/);
      expect(shardRequests.sort()).toEqual(
        ["2026-08", "2026-09", "2026-10", "2026-11"].map((m) => `after-penalty-${m}.json`),
      );
      const more = page.locator("#search-more");
      expect(await more.isVisible()).toBe(true);
      expect(await more.textContent()).toBe("继续检索更早的公示信息");

      // Keyboard: focus the button and press Enter, batch after batch.
      let searched = BATCH;
      while (searched + BATCH < MONTHS) {
        await more.focus();
        await page.keyboard.press("Enter");
        searched += BATCH;
        const step = await answer(page, new RegExp(`^已检索 ${searched}/${MONTHS} `));
        expect(step.results).toHaveLength(searched);
        expect(await more.isVisible()).toBe(true);
      }
      await more.focus();
      await page.keyboard.press("Enter");
      const done = await answer(page, FINAL);
      expect(done.status).toBe(`找到 ${MONTHS} 条（已检索全部 ${MONTHS} 个分片）。`);
      expect(done.results).toHaveLength(MONTHS);
      // Results already shown stayed in place; the oldest month came last.
      expect(done.results.slice(0, BATCH)).toEqual(first.results);
      expect(done.results.at(-1)).toContain("2025年10月8日");
      expect(done.results.join("\n")).toContain(MONTHLY_PARTY);
      expect(await more.isVisible()).toBe(false);
      expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe("search-status");
      // Every shard fetched exactly once; a new search on the page re-uses them all.
      expect(shardRequests).toHaveLength(MONTHS);
      expect(new Set(shardRequests).size).toBe(MONTHS);
      await page.fill("#q", "未按规定公示信息");
      await page.press("#q", "Enter");
      await answer(page, /^已检索 /);
      expect(shardRequests).toHaveLength(MONTHS);
      expect(problemList(problems)).toEqual([]);
    });

    it("a year within it is small enough to be searched at once", async () => {
      const { page, problems, shardRequests } = await open(batched, "/search/index.html?q=分批检索&year=2025");
      const done = await answer(page, FINAL);
      expect(done.status).toBe("找到 3 条。");
      expect(shardRequests.sort()).toEqual(["2025-10", "2025-11", "2025-12"].map((m) => `after-penalty-${m}.json`));
      expect(problemList(problems)).toEqual([]);
    });
  });

  describe("accessibility", () => {
    async function axeViolations(page: Page): Promise<string[]> {
      const result = await new AxeBuilder({ page }).analyze();
      expect(result.passes.length).toBeGreaterThan(10);
      return result.violations.map(
        (v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
    }

    it("the search page with filters and results has no axe-core violation", async () => {
      const { page } = await open(server, `/search/index.html?q=${encodeURIComponent("示例")}&scope=penalty`);
      await answer(page, FINAL);
      expect(await axeViolations(page)).toEqual([]);
    });

    it("nor with partial results and the continue button shown", async () => {
      const { page } = await open(batched, "/search/index.html?q=分批检索");
      await answer(page, /^已检索 /);
      expect(await page.locator("#search-more").isVisible()).toBe(true);
      expect(await axeViolations(page)).toEqual([]);
    });
  });
});
