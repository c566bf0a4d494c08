// What the public site does in real Chromium: hostile values never run and show as text;
// search finds a decision by party and by matter, survives hostile queries and no longer
// finds a withdrawn item; a withdrawal leaves its notice and nothing else; the feeds and the
// sitemap parse in the browser. Fixtures are invented (./fixtures.ts).
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { itemPath } from "@sanxiang/publish-site";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  FIXTURE_SITE,
  HOSTILE,
  HOSTILE_ITEMS,
  SEARCH_TARGET,
  WITHDRAWAL,
  WITHDRAWN,
  WITHDRAWN_ITEM,
} from "./fixtures.js";
import {
  browserAvailability,
  type PageProblems,
  problemList,
  type StaticServer,
  visibleText,
  watchPage,
} from "./harness.js";
import { type FixtureBrowser, type FixtureSite, injectedMarkup, itemUrl, openFixtureBrowser, pwned } from "./site.js";

const availability = browserAvailability("test/browser/behaviour.test.ts");
const SHOTS = fileURLToPath(new URL("../.tmp/screenshots/", import.meta.url));

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** An XML document as the browser's DOMParser sees it. */
interface ParsedXml {
  readonly status: number;
  readonly contentType: string;
  /** `parsererror` elements: any is a malformed document. */
  readonly parseErrors: number;
  readonly root: string;
  readonly namespace: string;
  /** Text of every element named in `tags`, by tag. */
  readonly texts: Readonly<Record<string, string[]>>;
}

/** Fetches `path` from inside the page and parses it with `DOMParser` (`application/xml`). */
async function fetchXml(page: Page, path: string, tags: readonly string[]): Promise<ParsedXml> {
  const raw: unknown = await page.evaluate(`(async () => {
    const r = await fetch(${JSON.stringify(path)});
    const d = new DOMParser().parseFromString(await r.text(), "application/xml");
    const texts = {};
    for (const t of ${JSON.stringify(tags)}) texts[t] = Array.from(d.getElementsByTagName(t), (e) => e.textContent);
    return { status: r.status, contentType: r.headers.get("content-type") || "",
      parseErrors: d.getElementsByTagName("parsererror").length,
      root: d.documentElement.localName, namespace: d.documentElement.namespaceURI || "", texts };
  })()`);
  if (!isRecord(raw) || !isRecord(raw.texts)) throw new Error(`unexpected result for ${path}`);
  const texts = raw.texts;
  return {
    status: Number(raw.status),
    contentType: String(raw.contentType),
    parseErrors: Number(raw.parseErrors),
    root: String(raw.root),
    namespace: String(raw.namespace),
    texts: Object.fromEntries(tags.map((t) => [t, strings(texts[t])])),
  };
}

/** Fetches `path` from inside the page: status, content type and body text. */
async function fetchText(page: Page, path: string): Promise<{ status: number; contentType: string; text: string }> {
  const raw: unknown = await page.evaluate(`(async () => {
    const r = await fetch(${JSON.stringify(path)});
    return { status: r.status, contentType: r.headers.get("content-type") || "", text: await r.text() };
  })()`);
  if (!isRecord(raw)) throw new Error(`unexpected result for ${path}`);
  return { status: Number(raw.status), contentType: String(raw.contentType), text: String(raw.text) };
}

/** The site-local path of an absolute URL under the site's baseUrl. */
function localPath(url: string): string {
  if (!url.startsWith(FIXTURE_SITE.baseUrl)) throw new Error(`${url} is not under ${FIXTURE_SITE.baseUrl}`);
  return `/${url.slice(FIXTURE_SITE.baseUrl.length)}`;
}

describe.skipIf(!availability.run)("public site behaviour in Chromium", () => {
  let fixture: FixtureBrowser | undefined;
  let site: FixtureSite | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(async () => {
    fixture = await openFixtureBrowser();
    ({ site, server, browser } = fixture);
  }, 120_000);

  afterEach(async () => {
    await context?.close();
    context = undefined;
  });

  afterAll(async () => {
    await fixture?.close();
  }, 60_000);

  async function open(path: string): Promise<{ page: Page; problems: PageProblems; status: number | undefined }> {
    if (browser === undefined || server === undefined) throw new Error("suite setup failed");
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const problems = watchPage(page);
    const response = await page.goto(`${server.origin}${path}`, { waitUntil: "networkidle", timeout: 60_000 });
    return { page, problems, status: response?.status() };
  }

  /** Submits `query` in the page's search form and waits until the search has answered. */
  async function search(page: Page, query: string): Promise<{ status: string; results: string[] }> {
    await page.fill("#q", query);
    await page.press("#q", "Enter");
    return searchAnswer(page);
  }

  async function searchAnswer(page: Page): Promise<{ status: string; results: string[] }> {
    // A locator, not waitForFunction: the site's CSP (rightly) forbids the eval that a string predicate needs.
    await page
      .locator("#search-status")
      .filter({ hasText: /^(找到|没有找到|检索索引加载失败)/ })
      .waitFor({ timeout: 30_000 });
    const status = (await page.textContent("#search-status")) ?? "";
    const results = await page.locator("#search-results li").allInnerTexts();
    return { status, results };
  }

  describe("hostile values", () => {
    for (const item of HOSTILE_ITEMS) {
      it(`${item.kind} page (${item.id}): nothing runs, every value shows as text`, async () => {
        const { page, problems, status } = await open(itemUrl(item.id));
        expect(status).toBe(200);
        expect(await pwned(page)).toBe("undefined");
        expect(await injectedMarkup(page)).toBe(0);
        expect(problemList(problems)).toEqual([]);
        expect(await page.title()).toContain(item.title);
        const text = await visibleText(page, "body");
        for (const value of HOSTILE) expect(text, `${item.id} shows ${value}`).toContain(value);
        await mkdir(SHOTS, { recursive: true });
        await page.screenshot({ path: `${SHOTS}hostile-${item.kind}.png`, fullPage: true });
      });
    }

    const LISTS = [
      "/",
      ...["body", "officer", "power", "serviceGuide", "flowchart", "inspectionItem", "benchmark"].map(
        (k) => `/before/${k}/index.html`,
      ),
      "/during/2026-11/index.html",
      "/after/penalty/2026-11/index.html",
    ];
    for (const path of LISTS) {
      it(`list ${path}: the hostile item is listed as text and nothing runs`, async () => {
        const { page, problems } = await open(path);
        // Lists show the title or the content's own fields (an officer's name, a guide's name…),
        // which are hostile values too.
        const text = await visibleText(page, "main");
        expect(HOSTILE.filter((v) => text.includes(v))).not.toEqual([]);
        expect(await pwned(page)).toBe("undefined");
        expect(await injectedMarkup(page)).toBe(0);
        expect(problemList(problems)).toEqual([]);
      });
    }
  });

  describe("search", () => {
    it("finds a decision by its party (Chinese query) and links to its page", async () => {
      const { page, problems } = await open("/search/index.html");
      const answer = await search(page, "示例餐饮");
      expect(answer.status).toMatch(/^找到/);
      expect(answer.results.some((r) => r.includes(SEARCH_TARGET.party))).toBe(true);
      await page.locator("#search-results a", { hasText: SEARCH_TARGET.party }).first().click();
      await page.waitForURL(`**${itemUrl(SEARCH_TARGET.id)}`);
      expect(await visibleText(page, "main")).toContain(SEARCH_TARGET.matter);
      expect(problemList(problems)).toEqual([]);
    });

    it("finds it by its matter", async () => {
      const { page, problems } = await open("/search/index.html");
      const answer = await search(page, SEARCH_TARGET.matter);
      expect(answer.results.some((r) => r.includes(SEARCH_TARGET.party))).toBe(true);
      expect(problemList(problems)).toEqual([]);
    });

    it("works from the home page's search form (GET ?q=)", async () => {
      const { page, problems } = await open("/");
      await page.fill("#q", SEARCH_TARGET.party);
      await page.press("#q", "Enter");
      await page.waitForURL(/\/search\/index\.html\?q=/);
      const answer = await searchAnswer(page);
      expect(answer.results.some((r) => r.includes(SEARCH_TARGET.party))).toBe(true);
      expect(problemList(problems)).toEqual([]);
    });

    it("runs hostile queries as text, typed or in the URL", async () => {
      const { page, problems } = await open("/search/index.html");
      for (const query of HOSTILE) {
        const answer = await search(page, query);
        expect(answer.status, query).not.toMatch(/^检索索引加载失败/);
        expect(await pwned(page)).toBe("undefined");
        expect(await injectedMarkup(page)).toBe(0);
      }
      // The hostile items are findable, and their titles come back as text.
      const hit = await search(page, "pwned");
      expect(hit.results.some((r) => r.includes(HOSTILE[4]))).toBe(true);
      expect(problemList(problems)).toEqual([]);
      for (const query of HOSTILE) {
        await context?.close();
        const again = await open(`/search/index.html?q=${encodeURIComponent(query)}`);
        await searchAnswer(again.page);
        expect(await again.page.inputValue("#q")).toBe(query);
        expect(await pwned(again.page)).toBe("undefined");
        expect(await injectedMarkup(again.page)).toBe(0);
        expect(problemList(again.problems)).toEqual([]);
      }
    });

    it("no longer finds a withdrawn decision, and no shard holds it", async () => {
      const { page, problems } = await open("/search/index.html");
      const answer = await search(page, WITHDRAWN.party);
      expect(answer.status).toMatch(/^没有找到/);
      expect(answer.results.join("\n")).not.toContain(WITHDRAWN.party);
      const list = await fetchText(page, "shards.json");
      const parsed: unknown = JSON.parse(list.text);
      const files = isRecord(parsed) && Array.isArray(parsed.shards) ? parsed.shards : [];
      expect(files.length).toBeGreaterThan(0);
      for (const shard of files) {
        const file = isRecord(shard) ? String(shard.file) : "";
        const body = await fetchText(page, file);
        expect(body.status, file).toBe(200);
        expect(body.text, file).not.toContain(WITHDRAWN.party);
      }
      expect(problemList(problems)).toEqual([]);
    });
  });

  describe("withdrawal", () => {
    it("the first build published the item; the second replaced its page", () => {
      expect(site?.before.written).toContain(itemPath(WITHDRAWN.id));
      expect(site?.after.written).toContain(itemPath(WITHDRAWN.id));
    });

    it("its URL shows the notice (reason, date, source) and none of the withdrawn content", async () => {
      const { page, problems, status } = await open(itemUrl(WITHDRAWN.id));
      expect(status).toBe(200);
      const text = await visibleText(page, "main");
      expect(text).toContain("本信息已撤回");
      expect(text).toContain(WITHDRAWAL.reason);
      expect(text).toContain("2026年11月6日");
      expect(text).toContain("行政处罚法");
      if (WITHDRAWN_ITEM.content.kind !== "decision") throw new Error("fixture: the withdrawn item is a decision");
      expect(text).not.toContain(WITHDRAWN_ITEM.content.documentNumber);
      expect(text).not.toContain(WITHDRAWN_ITEM.content.conclusion);
      expect(problemList(problems)).toEqual([]);
    });

    it("it is gone from the home page and its month list", async () => {
      for (const path of ["/", "/after/penalty/2026-10/index.html"]) {
        const { page } = await open(path);
        expect(await visibleText(page, "main"), path).not.toContain(WITHDRAWN.party);
        await context?.close();
      }
    });
  });

  describe("feeds and sitemap", () => {
    it("atom.xml parses as Atom 1.0, holds the hostile title as text, not the withdrawn item", async () => {
      const { page } = await open("/");
      const atom = await fetchXml(page, "/atom.xml", ["title", "id"]);
      expect(atom.status).toBe(200);
      expect(atom.contentType).toMatch(/xml/);
      expect(atom.parseErrors).toBe(0);
      expect(atom.root).toBe("feed");
      expect(atom.namespace).toBe("http://www.w3.org/2005/Atom");
      expect(atom.texts.title).toContain(HOSTILE[4]);
      expect(atom.texts.title).toContain(`${SEARCH_TARGET.party}行政处罚决定`);
      expect(atom.texts.title).not.toContain(WITHDRAWN.title);
    });

    it("feed.json is JSON Feed 1.1, with the hostile title intact and without the withdrawn item", async () => {
      const { page } = await open("/");
      const res = await fetchText(page, "/feed.json");
      expect(res.status).toBe(200);
      expect(res.contentType).toMatch(/json/);
      const feed: unknown = JSON.parse(res.text);
      if (!isRecord(feed)) throw new Error("feed.json is not an object");
      expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
      const titles = (Array.isArray(feed.items) ? feed.items : []).map((i) => (isRecord(i) ? i.title : undefined));
      expect(titles).toContain(HOSTILE[4]);
      expect(titles).toContain(`${SEARCH_TARGET.party}行政处罚决定`);
      expect(titles).not.toContain(WITHDRAWN.title);
    });

    it("sitemap.xml and every sitemap it lists parse, with absolute URLs under baseUrl", async () => {
      const { page } = await open("/");
      const index = await fetchXml(page, "/sitemap.xml", ["loc"]);
      expect(index.status).toBe(200);
      expect(index.parseErrors).toBe(0);
      expect(["sitemapindex", "urlset"]).toContain(index.root);
      expect(index.namespace).toBe("http://www.sitemaps.org/schemas/sitemap/0.9");
      const sitemaps = index.root === "sitemapindex" ? (index.texts.loc ?? []) : [];
      const urls = index.root === "urlset" ? [...(index.texts.loc ?? [])] : [];
      for (const loc of sitemaps) {
        const part = await fetchXml(page, localPath(loc), ["loc"]);
        expect(part.status, loc).toBe(200);
        expect(part.parseErrors, loc).toBe(0);
        expect(part.root, loc).toBe("urlset");
        urls.push(...(part.texts.loc ?? []));
      }
      expect(urls.length).toBeGreaterThan(20);
      for (const url of urls) expect(url.startsWith(FIXTURE_SITE.baseUrl), url).toBe(true);
      expect(urls).toContain(`${FIXTURE_SITE.baseUrl}${itemPath(SEARCH_TARGET.id)}`);
      // Every listed page exists on the site.
      for (const url of urls) expect((await fetchText(page, localPath(url))).status, url).toBe(200);
    });
  });
});
