// Every page kind of the public disclosure site in real Chromium: it loads without console
// errors, page errors or failed requests, draws its Chinese in a CJK font, is screenshotted
// (test/.tmp/screenshots/<name>.png, full page) and has no serious or critical axe-core
// violation. Fixtures are invented (./fixtures.ts).
import { mkdir, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AxeBuilder } from "@axe-core/playwright";
import { DISCLOSURE_KINDS } from "@sanxiang/core";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORRECTED_ID, ORDINARY_ITEMS, SEARCH_TARGET, WITHDRAWN } from "./fixtures.js";
import {
  browserAvailability,
  CJK_FONT,
  decodePng,
  type PageProblems,
  platformFonts,
  problemList,
  type StaticServer,
  visibleText,
  watchPage,
} from "./harness.js";
import { type FixtureBrowser, injectedMarkup, itemUrl, openFixtureBrowser, pwned } from "./site.js";

const availability = browserAvailability("test/browser/pages.test.ts");
const SHOTS = fileURLToPath(new URL("../.tmp/screenshots/", import.meta.url));
const AXE_REPORT = fileURLToPath(new URL("../.tmp/axe-report.json", import.meta.url));

/** A page kind: a name (the screenshot's file name), its path, and the status it answers with. */
interface PageCase {
  readonly name: string;
  readonly path: string;
  readonly status: 200 | 404;
  /** Text the page must show (proves it is the page meant, not an empty shell). */
  readonly shows: string;
  /** An element a script renders, to wait for before looking (search results). */
  readonly ready?: string;
}

function firstOfKind(kind: (typeof DISCLOSURE_KINDS)[number]): { id: string; title: string } {
  const item = ORDINARY_ITEMS.find((i) => i.kind === kind);
  if (item === undefined) throw new Error(`no ordinary fixture of kind ${kind}`);
  return item;
}

const PAGES: readonly PageCase[] = [
  { name: "home", path: "/", status: 200, shows: "事前公开" },
  { name: "phase-before", path: "/before/index.html", status: 200, shows: "执法人员" },
  { name: "phase-during", path: "/during/index.html", status: 200, shows: "2026年11月" },
  { name: "phase-after", path: "/after/index.html", status: 200, shows: "行政处罚" },
  { name: "category-penalty", path: "/after/penalty/index.html", status: 200, shows: "2026年11月" },
  { name: "month-penalty-2026-11", path: "/after/penalty/2026-11/index.html", status: 200, shows: SEARCH_TARGET.party },
  { name: "month-during-2026-11", path: "/during/2026-11/index.html", status: 200, shows: "现场检查" },
  { name: "list-body", path: "/before/body/index.html", status: 200, shows: "示例区市场监督管理局" },
  { name: "officer-list", path: "/before/officer/index.html", status: 200, shows: "示例62050000001" },
  { name: "powers-list", path: "/before/power/index.html", status: 200, shows: "食品经营许可" },
  { name: "list-service-guides", path: "/before/serviceGuide/index.html", status: 200, shows: "食品经营许可" },
  { name: "list-flowcharts", path: "/before/flowchart/index.html", status: 200, shows: "行政处罚普通程序" },
  {
    name: "list-inspection-items",
    path: "/before/inspectionItem/index.html",
    status: 200,
    shows: "食品经营者监督检查",
  },
  { name: "list-benchmarks", path: "/before/benchmark/index.html", status: 200, shows: "未取得食品经营许可" },
  ...DISCLOSURE_KINDS.map(
    (kind): PageCase => ({
      name: kind === "serviceGuide" ? "service-guide" : kind === "flowchart" ? "flowchart" : `item-${kind}`,
      path: itemUrl(firstOfKind(kind).id),
      status: 200,
      shows: firstOfKind(kind).title,
    }),
  ),
  { name: "item-decision-licence", path: itemUrl("dec-licence-1"), status: 200, shows: "准予许可" },
  { name: "item-decision-corrected", path: itemUrl(CORRECTED_ID), status: 200, shows: "更正罚款金额的笔误" },
  { name: "withdrawal-notice", path: itemUrl(WITHDRAWN.id), status: 200, shows: "已被复议机关撤销" },
  { name: "search", path: "/search/index.html", status: 200, shows: "检索" },
  {
    name: "search-results",
    path: `/search/index.html?q=${encodeURIComponent("示例餐饮")}`,
    status: 200,
    shows: `${SEARCH_TARGET.party}行政处罚决定`,
    ready: "#search-results li",
  },
  { name: "404", path: "/no-such-page/index.html", status: 404, shows: "页面不存在" },
];

/** Axe findings of impact moderate or minor, by page: reported, not failed. */
const softFindings: Record<string, { id: string; impact: string; nodes: number; help: string }[]> = {};

describe.skipIf(!availability.run)("public site pages in Chromium", () => {
  let fixture: FixtureBrowser | undefined;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    fixture = await openFixtureBrowser();
    ({ server, browser } = fixture);
    await mkdir(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await fixture?.close();
    await mkdir(fileURLToPath(new URL("../.tmp/", import.meta.url)), { recursive: true });
    await writeFile(AXE_REPORT, `${JSON.stringify(softFindings, null, 2)}\n`);
    const soft = Object.entries(softFindings).flatMap(([page, list]) =>
      list.map((f) => `${page}: ${f.impact} ${f.id}`),
    );
    if (soft.length > 0) console.log(`axe-core moderate/minor findings (not failures):\n  ${soft.join("\n  ")}`);
  }, 60_000);

  interface Visit {
    readonly context: BrowserContext;
    readonly page: Page;
    readonly problems: PageProblems;
    readonly status: number | undefined;
  }

  async function visit(p: PageCase): Promise<Visit> {
    if (browser === undefined || server === undefined) throw new Error("suite setup failed");
    const url = `${server.origin}${p.path}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
    const page = await context.newPage();
    const problems = watchPage(page, new Set(p.status === 404 ? [url] : []));
    const response = await page.goto(url, { waitUntil: "networkidle", timeout: 60_000 });
    if (p.ready !== undefined) await page.locator(p.ready).first().waitFor({ timeout: 30_000 });
    return { context, page, problems, status: response?.status() };
  }

  for (const p of PAGES) {
    describe(p.name, () => {
      // One visit per page kind; both checks below look at the same loaded page.
      let visited: Visit | undefined;
      const loaded = (): Visit => {
        if (visited === undefined) throw new Error(`${p.path} was not loaded`);
        return visited;
      };
      beforeAll(async () => {
        visited = await visit(p);
      }, 90_000);
      afterAll(async () => {
        await visited?.context.close();
      });

      it("loads cleanly, draws Chinese in a CJK font, screenshot", async () => {
        const { page, problems, status } = loaded();
        expect(status).toBe(p.status);
        expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
        expect(await visibleText(page, "body")).toContain(p.shows);
        expect(problemList(problems)).toEqual([]);
        expect(await pwned(page)).toBe("undefined");
        expect(await injectedMarkup(page)).toBe(0);

        // The main heading is Chinese; DevTools says which font drew its glyphs.
        const heading = (await visibleText(page, "h1")).trim();
        expect(heading).toMatch(/\p{Script=Han}/u);
        const fonts = await platformFonts(page, "h1");
        expect(
          fonts.filter((f) => CJK_FONT.test(f.family) && f.glyphs > 0),
          `fonts of "${heading}": ${JSON.stringify(fonts)}`,
        ).not.toEqual([]);

        const png = await page.screenshot({ path: `${SHOTS}${p.name}.png`, fullPage: true });
        expect(png.length).toBeGreaterThan(8_000);
        const decoded = decodePng(png);
        expect(decoded.width).toBe(1280);
        expect(decoded.height).toBeGreaterThanOrEqual(300);
        // Anti-aliased text alone gives dozens of shades; a blank or single-colour page gives 1.
        expect(decoded.distinctColours).toBeGreaterThan(32);
      });

      it("has no serious or critical axe-core violations", async () => {
        const { page } = loaded();
        const result = await new AxeBuilder({ page }).analyze();
        const hard = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
        const soft = result.violations.filter((v) => !hard.includes(v));
        if (soft.length > 0)
          softFindings[p.name] = soft.map((v) => ({
            id: v.id,
            impact: v.impact ?? "unknown",
            nodes: v.nodes.length,
            help: v.help,
          }));
        expect(
          hard.map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        ).toEqual([]);
        // axe ran its rules for real: a page with landmarks and text passes dozens of them.
        expect(result.passes.length).toBeGreaterThan(10);
      });
    });
  }
});
