import { fc, test } from "@fast-check/vitest";
import type { PublishedItem, WithdrawalNotice } from "@sanxiang/core";
import MiniSearch from "minisearch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { escapeHtml, escapeXml } from "./escape.js";
import { renderAtom, searchOptions, topEntryOf } from "./feeds.js";
import { hashOf, itemOf, noticeOf, SITE, sampleItems } from "./fixtures.test-support.js";
import { renderItemPage } from "./render.js";
import { readTree, removeDir, tempDir, unescapeHtml } from "./tree.test-support.js";

/** Values an attacker would try, in every text field of every kind. */
const HOSTILE = [
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "</textarea><svg onload=alert(1)>",
  "]]><x>",
  "&amp; &lt;",
  "javascript:alert(1)",
  // Zero-width and other format characters pass through (bidirectional overrides and controls
  // are refused before anything is written: see below).
  "evil\u200B\u200Drtl",
  "'; alert(1); '",
] as const;
// Keys whose values have a fixed format (enums, dates): left alone.
const FIXED = new Set(["kind", "category", "decidedOn", "actOn", "validUntil"]);

/** Appends a hostile value (chosen by the original's length, so equal ids stay equal) to every free-text string. */
function hostile<T>(value: T, key = ""): T {
  if (typeof value === "string")
    return (FIXED.has(key) ? value : `${value}${HOSTILE[value.length % HOSTILE.length]}`) as T;
  if (Array.isArray(value)) return value.map((v) => hostile(v, key)) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, hostile(v, k)])) as T;
  }
  return value;
}

function hostileItem(item: PublishedItem): PublishedItem {
  const content = hostile(item.content);
  return itemOf(item.id, hostile(item.title), content, {
    corrections: [{ at: "2026-03-03T02:00:00Z", reason: `更正${HOSTILE[0]}${HOSTILE[1]}` }],
  });
}

const dangerous = HOSTILE.filter((h) => /[<>"']/.test(h));
let dir: string;
let tree: Map<string, string>;
let items: PublishedItem[];
const notice: WithdrawalNotice = { ...noticeOf("dec-9"), title: `撤回${HOSTILE[1]}`, reason: `理由${HOSTILE[0]}` };

beforeAll(async () => {
  dir = tempDir();
  items = sampleItems().map(hostileItem);
  for (const i of items) expect(i.contentHash).toBe(hashOf(i.content));
  const r = await buildSite({
    outDir: dir,
    site: { ...SITE, title: `公示平台${HOSTILE[0]}`, bureauName: `局${HOSTILE[1]}`, description: HOSTILE[3] },
    items,
    withdrawals: [notice],
    now: "2026-04-15T00:00:00Z",
  });
  r._unsafeUnwrap();
  tree = readTree(dir);
}, 60_000);
afterAll(() => removeDir(dir));

describe("every value is escaped", () => {
  it("HTML: no hostile value appears raw, each appears escaped, no tag carries an event handler", () => {
    const html = [...tree].filter(([p]) => p.endsWith(".html"));
    expect(html.length).toBeGreaterThan(20);
    for (const [path, page] of html) {
      for (const h of dangerous) expect(page.includes(h), `${path}: ${h}`).toBe(false);
      expect(page, path).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
      expect(page, path).not.toMatch(/<(img|svg onload|textarea|x)\b/i);
      expect([...page.matchAll(/<script\b/g)].length, path).toBeLessThanOrEqual(2);
    }
    for (const item of items) {
      const page = tree.get(`item/${item.id}.html`) ?? "";
      expect(page).toContain(escapeHtml(item.title));
    }
    const dec = tree.get("item/dec-1.html") ?? "";
    for (const h of HOSTILE)
      expect(dec.includes(escapeHtml(h)) || tree.get("item/flow-1.html")?.includes(escapeHtml(h)), h).toBe(true);
    // Bidi and zero-width characters are kept (they are text), inside isolated elements.
    expect(dec).toContain("evil\u200B\u200Drtl");
    expect(tree.get("item/dec-9.html")).toContain(escapeHtml(notice.reason));
  });

  it("Atom and sitemaps: no hostile value raw; `]]>` and `&` escaped", () => {
    const xml = [...tree].filter(([p]) => p.endsWith(".xml"));
    for (const [path, doc] of xml) {
      for (const h of dangerous) expect(doc.includes(h), `${path}: ${h}`).toBe(false);
      expect(doc.includes("]]>"), path).toBe(false);
      // Every & starts a reference.
      expect(doc, path).not.toMatch(/&(?!(amp|lt|gt|quot|#39);)/);
    }
    const atom = tree.get("atom.xml") ?? "";
    expect(atom).toContain(escapeXml(`公示平台${HOSTILE[0]}`));
    for (const item of items.filter((i) => i.kind === "decision")) expect(atom).toContain(escapeXml(item.title));
  });

  it("JSON feed and search shards: valid JSON that gives back the exact values", () => {
    const feed = JSON.parse(tree.get("feed.json") ?? "") as { title: string; items: { title: string }[] };
    expect(feed.title).toBe(`公示平台${HOSTILE[0]}`);
    expect(new Set(feed.items.map((i) => i.title))).toEqual(new Set(items.map((i) => i.title)));
    const shard = tree.get("search/after-penalty-2026-03.json") ?? "";
    const ms = MiniSearch.loadJSON(shard, searchOptions());
    const hits = ms.search("alert", { combineWith: "AND" });
    expect(hits.length).toBeGreaterThan(0);
    expect(items.map((i) => i.title)).toContain(hits[0]?.title);
  });

  test.prop([fc.string({ unit: "binary", minLength: 1, maxLength: 60 })], { numRuns: 200 })(
    "any title: the page's <h1> and the Atom title read back as the text, with no markup from it",
    (raw) => {
      const title = `标题${raw}`;
      const base = sampleItems()[9] as PublishedItem;
      const item = { ...base, title };
      const page = renderItemPage(item, SITE, "after/penalty/2026-03");
      const h1 = /<h1>([\s\S]*?)<\/h1>/.exec(page)?.[1] ?? "";
      expect(h1).not.toMatch(/[<>"]/);
      // Characters no document may carry become U+FFFD; everything else is the text itself.
      const expected = escapeHtml(title);
      expect(h1).toBe(expected);
      expect(unescapeHtml(h1).length).toBe(title.length);
      const atom = renderAtom(SITE, [topEntryOf(item)]);
      const t = /<entry>[\s\S]*?<title type="text">([\s\S]*?)<\/title>/.exec(atom)?.[1] ?? "";
      expect(t).toBe(escapeXml(title));
      // biome-ignore lint/suspicious/noControlCharactersInRegex: checking that control characters are gone
      expect(t).not.toMatch(/[<>"\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
    },
  );

  it("replaces characters XML cannot carry", () => {
    expect(escapeXml("a\u0001b\uFFFEc\uD800d")).toBe("a\uFFFDb\uFFFDc\uFFFDd");
    expect(escapeHtml("😀")).toBe("😀");
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});

describe("characters that would make the public read otherwise than recorded", () => {
  it.each([
    ["a right-to-left override in the title", (i: PublishedItem) => ({ ...i, title: `${i.title}\u202e1234` })],
    [
      "an isolate in a correction note",
      (i: PublishedItem) => ({ ...i, corrections: [{ at: "2026-03-03T02:00:00Z", reason: "更正\u2066" }] }),
    ],
    ["an escape character in the body's name", (i: PublishedItem) => ({ ...i, bodyName: `局\u001b[31m` })],
  ])("%s: the site refuses to build (INVALID_INPUT, the path named), nothing written", async (_what, change) => {
    const out = tempDir();
    try {
      const [first, ...rest] = sampleItems();
      const r = await buildSite({
        outDir: out,
        site: SITE,
        items: [change(first as PublishedItem), ...rest],
        withdrawals: [],
        now: "2026-04-15T00:00:00Z",
      });
      expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
      expect(readTree(out).size).toBe(0);
    } finally {
      removeDir(out);
    }
  });
});
