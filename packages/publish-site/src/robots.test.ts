// robots.txt names the sitemap at the address every feed and sitemap entry is under: the base
// URL without its query and fragment, with one trailing slash (normalizeBaseUrl).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { SITE, sampleItems } from "./fixtures.test-support.js";
import { removeDir, tempDir } from "./tree.test-support.js";

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

describe("robots.txt", () => {
  it.each([
    "https://gs.example.gov.cn/gs",
    "https://gs.example.gov.cn/gs/",
    "https://gs.example.gov.cn/gs?from=menu",
    "https://gs.example.gov.cn/gs#top",
  ])("with the base URL %s names the sitemap under /gs/", async (baseUrl) => {
    const r = await buildSite({
      outDir: dir,
      site: { ...SITE, baseUrl },
      items: sampleItems(),
      withdrawals: [],
      now: "2026-04-15T00:00:00Z",
    });
    expect(r.isOk()).toBe(true);
    const robots = readFileSync(join(dir, "robots.txt"), "utf8");
    expect(robots).toContain("Sitemap: https://gs.example.gov.cn/gs/sitemap.xml\n");
    expect(readFileSync(join(dir, "sitemap.xml"), "utf8")).toContain(
      "<loc>https://gs.example.gov.cn/gs/sitemaps/pages.xml</loc>",
    );
  });
});
