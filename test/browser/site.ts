// Builds the fixture site the way a bureau's site lives: first with the to-be-withdrawn
// decision published, then again after its withdrawal (an incremental build), so the tests
// see what a withdrawal really leaves behind.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BuildReport, buildSite, itemPath } from "@sanxiang/publish-site";
import type { Browser, Page } from "playwright-core";
import { FIXTURE_ITEMS, FIXTURE_NOW, FIXTURE_SITE, FIXTURE_WITHDRAWALS, WITHDRAWN_ITEM } from "./fixtures.js";
import { launchChromium, type StaticServer, serveDir } from "./harness.js";

/** The built fixture site: where it is, what each build reported, and how to remove it. */
export interface FixtureSite {
  readonly outDir: string;
  /** The first build (the withdrawn decision still published). */
  readonly before: BuildReport;
  /** The second build (after the withdrawal). */
  readonly after: BuildReport;
  remove(): Promise<void>;
}

/** Builds the fixture site into a fresh temporary directory; throws (with the coded error) if a build fails. */
export async function buildFixtureSite(): Promise<FixtureSite> {
  const outDir = await mkdtemp(join(tmpdir(), "sanxiang-browser-site-"));
  const build = async (items: typeof FIXTURE_ITEMS, withdrawals: typeof FIXTURE_WITHDRAWALS): Promise<BuildReport> => {
    const r = await buildSite({ outDir, site: FIXTURE_SITE, items, withdrawals, now: FIXTURE_NOW });
    if (r.isErr()) throw new Error(`buildSite failed: ${r.error.code} ${r.error.message}`);
    return r.value;
  };
  const before = await build([...FIXTURE_ITEMS, WITHDRAWN_ITEM], []);
  const after = await build(FIXTURE_ITEMS, FIXTURE_WITHDRAWALS);
  return { outDir, before, after, remove: () => rm(outDir, { recursive: true, force: true }) };
}

/** The fixture site, served over HTTP, and a Chromium to look at it: what the browser suites share. */
export interface FixtureBrowser {
  readonly site: FixtureSite;
  readonly server: StaticServer;
  readonly browser: Browser;
  /** Closes the browser and the server and removes the site. */
  close(): Promise<void>;
}

/** Builds and serves the fixture site and launches Chromium; on a failure part-way, undoes what was started. */
export async function openFixtureBrowser(): Promise<FixtureBrowser> {
  const site = await buildFixtureSite();
  let server: StaticServer | undefined;
  try {
    server = await serveDir(site.outDir);
    const browser = await launchChromium();
    const started = server;
    return {
      site,
      server: started,
      browser,
      close: async () => {
        await browser.close();
        await started.close();
        await site.remove();
      },
    };
  } catch (e) {
    await server?.close();
    await site.remove();
    throw e;
  }
}

/** The URL path of an item's page (or of its withdrawal notice). */
export function itemUrl(id: string): string {
  return `/${itemPath(id)}`;
}

/** The page's own `window.__pwned` — set only if a hostile value ever ran. */
export async function pwned(page: Page): Promise<string> {
  return String(await page.evaluate("typeof window.__pwned"));
}

/**
 * Elements a hostile value would have created had it been parsed as markup (inline event
 * handlers, the `<img src=x>`, inline scripts, `javascript:` links): all must be absent,
 * whatever the CSP would have done with them.
 */
export async function injectedMarkup(page: Page): Promise<number> {
  const n = await page.evaluate(
    `document.querySelectorAll("[onerror],[onload],[onclick],[onmouseover],img[src='x'],script:not([src]),a[href^='javascript:' i]").length`,
  );
  return typeof n === "number" ? n : Number.NaN;
}
