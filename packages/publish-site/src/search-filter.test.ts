import { fc, test } from "@fast-check/vitest";
import { ACTION_CATEGORIES, type PublishedItem } from "@sanxiang/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildSite } from "./build.js";
import { renderShardList, type ShardEntry, shardEntry } from "./feeds.js";
import { decision, itemOf, SITE, sampleItems } from "./fixtures.test-support.js";
import { bucketOf, shardPath } from "./paths.js";
import { type GlobalView, renderSearchPage, searchFilters } from "./render.js";
import { readTree, removeDir, tempDir, unescapeHtml } from "./tree.test-support.js";

const NOW = "2026-04-15T00:00:00Z";
let dir: string;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => removeDir(dir));

const build = async (items: readonly PublishedItem[]) =>
  (await buildSite({ outDir: dir, site: SITE, items, withdrawals: [], now: NOW }))._unsafeUnwrap();

/** An enforcement act (invented) on `actOn`. */
const act = (id: string, actOn: string): PublishedItem =>
  itemOf(id, `现场检查 ${actOn}`, {
    kind: "enforcementAct",
    act: "现场检查",
    actOn,
    officers: [{ name: "王某", certificateNumber: "64050000001" }],
    documents: ["现场检查笔录"],
  });

/** The sample site plus a 2024 coercion decision and a 2025 enforcement act. */
const itemsOverYears = (): PublishedItem[] => [
  ...sampleItems(),
  decision("dec-2024", "2024-07-09", { category: "coercion", matter: "查封场所" }),
  act("act-2025", "2025-12-30"),
];

/** `[value, label]` of each option of the select `id` in a page. */
function options(html: string, id: string): [string, string][] {
  const select = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1];
  if (select === undefined) throw new Error(`no select #${id}`);
  return [...select.matchAll(/<option value="([^"]*)">([^<]*)<\/option>/g)].map((m) => [
    unescapeHtml(m[1] ?? ""),
    unescapeHtml(m[2] ?? ""),
  ]);
}

function shardsOf(json: string | undefined): ShardEntry[] {
  const parsed = JSON.parse(json ?? "null") as { shards?: ShardEntry[] } | null;
  return parsed?.shards ?? [];
}

describe("search/shards.json carries each shard's phase, kind, category and month", () => {
  it("has one entry per shard file, its fields agreeing with its bucket (国办发〔2018〕118号 phases)", async () => {
    await build(itemsOverYears());
    const tree = readTree(dir);
    const shards = shardsOf(tree.get("search/shards.json"));
    const files = [...tree.keys()].filter((p) => /^search\/(?!shards\.json|index\.html).+\.json$/.test(p));
    expect(shards.map((s) => `search/${s.file}`).sort()).toEqual(files.sort());
    const byKey = new Map(shards.map((s) => [s.key, s]));
    expect(byKey.get("before/officer")).toEqual({
      key: "before/officer",
      file: "before-officer.json",
      count: 2,
      phase: "before",
      kind: "officer",
    });
    expect(byKey.get("during/2025-12")).toEqual({
      key: "during/2025-12",
      file: "during-2025-12.json",
      count: 1,
      phase: "during",
      month: "2025-12",
    });
    expect(byKey.get("after/coercion/2024-07")).toEqual({
      key: "after/coercion/2024-07",
      file: "after-coercion-2024-07.json",
      count: 1,
      phase: "after",
      category: "coercion",
      month: "2024-07",
    });
    // Counts add up to the items indexed.
    expect(shards.reduce((n, s) => n + s.count, 0)).toBe(itemsOverYears().length);
  });

  test.prop([
    fc.constantFrom(...ACTION_CATEGORIES),
    fc.date({ min: new Date("2019-01-01T00:00:00Z"), max: new Date("2026-12-31T00:00:00Z"), noInvalidDate: true }),
    fc.nat(10_000),
  ])("the fields rebuild the key and the file of any decision's bucket", (category, date, count) => {
    const on = date.toISOString().slice(0, 10);
    const key = bucketOf(decision("dec-p", on, { category }));
    const e = shardEntry(key, count);
    expect(e).toEqual({
      key,
      file: shardPath(key).slice("search/".length),
      count,
      phase: "after",
      category,
      month: on.slice(0, 7),
    });
    expect(`${e.phase}/${e.category}/${e.month}`).toBe(key);
    expect(shardsOf(renderShardList([[key, count]]))).toEqual([e]);
  });
});

describe("the search page's filters list what the site holds", () => {
  it("offers the three phases of 国办发〔2018〕118号, exactly the categories present and exactly the years present", async () => {
    await build(itemsOverYears());
    const page = readTree(dir).get("search/index.html") ?? "";
    expect(options(page, "scope")).toEqual([
      ["", "全部"],
      ["before", "事前公开"],
      ["during", "事中公示"],
      ["after", "事后公开（全部类别）"],
      ["penalty", "行政处罚决定"],
      ["licence", "行政许可决定"],
      ["coercion", "行政强制决定"],
    ]);
    expect(options(page, "year")).toEqual([
      ["", "全部"],
      ["2026", "2026年"],
      ["2025", "2025年"],
      ["2024", "2024年"],
    ]);
    // Labelled controls, a GET form (shareable ?q=&scope=&year=), the continue button hidden until used.
    for (const id of ["q", "scope", "year"]) expect(page).toContain(`<label for="${id}">`);
    expect(page).toMatch(/<form class="search" role="search" action="\.\.\/search\/index\.html" method="get">/);
    expect(page).toContain('<button type="button" id="search-more" hidden>继续检索更早的公示信息</button>');
  });

  it("drops a year and a category once their last item is gone (incremental build)", async () => {
    await build(itemsOverYears());
    await build(sampleItems());
    const page = readTree(dir).get("search/index.html") ?? "";
    expect(options(page, "year").map(([v]) => v)).toEqual(["", "2026"]);
    expect(options(page, "scope").map(([v]) => v)).toEqual(["", "before", "during", "after", "penalty", "licence"]);
  });

  it("a site with no dated item offers no year and no category", () => {
    expect(searchFilters(["before/officer", "before/power"])).toEqual({ categories: [], years: [] });
  });
});

describe("hostile bucket keys cannot reach the search page", () => {
  const HOSTILE_KEYS = [
    'after/"><script>alert(1)</script>/2026-01',
    "after/penalty/2026-01<img src=x onerror=alert(1)>",
    'during/2025"><svg onload=alert(1)>-01',
    "during/<b>2024</b>",
    "after/__proto__/2023-05",
    "after/constructor/2022-05",
    "before/<script>",
  ];
  const view = (keys: readonly string[]): GlobalView => ({
    site: SITE,
    buckets: new Map(keys.map((k) => [k, { count: 1, newest: "2026-01-01T00:00:00Z" }])),
    latestDecisions: [],
  });

  it("only known categories and well-formed months become options", () => {
    expect(searchFilters([...HOSTILE_KEYS, "after/licence/2021-02"])).toEqual({
      categories: ["licence"],
      years: ["2021"],
    });
  });

  test.prop([fc.array(fc.string({ unit: "binary", maxLength: 30 }), { maxLength: 8 })])(
    "whatever the keys, the page's options are the fixed scopes and four-digit years, and no key text appears",
    (junk) => {
      const keys = [...HOSTILE_KEYS, ...junk.map((j) => `after/${j}/2026-03`), ...junk.map((j) => `during/${j}`)];
      const page = renderSearchPage(view(keys));
      const scopes = options(page, "scope").map(([v]) => v);
      for (const v of scopes) expect(["", "before", "during", "after", ...ACTION_CATEGORIES]).toContain(v);
      for (const [v] of options(page, "year")) expect(v).toMatch(/^(\d{4})?$/);
      expect(page).not.toMatch(/<script>|onerror|onload|<img|<svg|<b>|__proto__/);
      // The page has exactly the two selects' options and nothing else came in.
      expect((page.match(/<option /g) ?? []).length).toBe(options(page, "scope").length + options(page, "year").length);
    },
  );
});
