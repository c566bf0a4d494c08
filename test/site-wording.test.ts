// What a citizen reads on the public site (issue 16): no raw identifier — event type, state,
// rule id, error code or enum value — in the visible text of any generated page, one amount
// style, and citations in 《》. Scans every page of the browser suite's fixture site (built
// twice, withdrawal included), without a browser.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { findRawIdentifiers } from "@sanxiang/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFixtureSite, type FixtureSite } from "./browser/site.js";

/** The text a reader sees: scripts, styles and tags dropped, entities decoded. */
function visibleTextOf(html: string): string {
  return html
    .replace(/<script\b[\s\S]*?<\/script>/gi, " ")
    .replace(/<style\b[\s\S]*?<\/style>/gi, " ")
    .replace(/<head\b[\s\S]*?<\/head>/gi, " ")
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".html"))
    .map((e) => join(e.parentPath, e.name));
}

describe("the public site's wording (issue 16)", () => {
  let site: FixtureSite | undefined;
  beforeAll(async () => {
    site = await buildFixtureSite();
  }, 120_000);
  afterAll(async () => {
    await site?.remove();
  });
  const pages = (): { path: string; text: string }[] => {
    if (site === undefined) throw new Error("fixture site not built");
    const root = site.outDir;
    return htmlFiles(root).map((f) => ({ path: relative(root, f), text: visibleTextOf(readFileSync(f, "utf8")) }));
  };

  it("no page shows a raw identifier (event type, state, rule id, code, enum value)", () => {
    const all = pages();
    expect(all.length).toBeGreaterThan(20);
    const found = all.flatMap((p) => findRawIdentifiers(p.text).map((r) => `${p.path}: ${r.text}`));
    expect(found).toEqual([]);
  });

  it("amounts are written one way (人民币…元), never ¥ or a bare figure before 元 with a space", () => {
    const bad = pages().flatMap((p) =>
      [...p.text.matchAll(/¥\s?\d|\d\s+元|罚款\s+\d/g)].map(
        (m) => `${p.path}: …${p.text.slice(Math.max(0, (m.index ?? 0) - 12), (m.index ?? 0) + 12)}…`,
      ),
    );
    expect(bad).toEqual([]);
  });

  it("the flowchart page names its procedure in Chinese, and the footer names 订阅", () => {
    const all = pages();
    const flow = all.find((p) => p.text.includes("办理步骤"));
    expect(flow?.text).toMatch(
      /程序\s+行政处罚(?:普通|简易)程序|程序\s+查封、扣押程序|程序\s+重大执法决定法制审核程序/,
    );
    const home = all.find((p) => p.path === "index.html");
    expect(home?.text).toContain("订阅");
    expect(home?.text).not.toContain("Atom 订阅");
  });
});
