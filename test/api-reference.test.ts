// The API reference (typedoc, typedoc.json) builds with no warning and is usable: one module
// per public subpath of every package (each key of its package.json exports, e.g.
// @sanxiang/testkit/conformance, is an entry point of the package's typedoc.json), a search
// that finds Chinese words in comments (期限, 公示, 法制审核 — scripts/typedoc-cjk-search.mjs),
// zod schemas shown as the data they validate with no zod internals
// (scripts/typedoc-zod-schemas.mjs), and the guides in docs/ as the reference's own documents
// rather than raw copies.
//
// The reference is built once into test/.tmp/api (a full build takes 1–2 minutes of CPU).
import { execFile } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { inflateSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const root = resolve(import.meta.dirname, "..");
const out = join(root, "test", ".tmp", "api");

interface SearchRow {
  kind: number;
  name: string;
  url: string;
  parent?: string;
}
interface LunrIndex {
  search(query: string): { ref: string; score: number }[];
}

/** typedoc's own copy of lunr, the one its search page loads. */
const lunr = createRequire(import.meta.resolve("typedoc"))("lunr") as {
  Index: { load(data: unknown): LunrIndex };
};

/** assets/search.js decoded as typedoc's front end does: base64 → deflate → JSON → lunr. */
function loadSearch(): { rows: SearchRow[]; index: LunrIndex } {
  const js = readFileSync(join(out, "assets", "search.js"), "utf8");
  const b64 = /window\.searchData = "([^"]*)"/.exec(js)?.[1];
  if (b64 === undefined) throw new Error("search.js holds no searchData");
  const data = JSON.parse(inflateSync(Buffer.from(b64, "base64")).toString("utf8")) as {
    rows: SearchRow[];
    index: unknown;
  };
  return { rows: data.rows, index: lunr.Index.load(data.index) };
}

/** What the search box does with a query: each word wrapped in `*…*`. */
function search(s: { rows: SearchRow[]; index: LunrIndex }, query: string): SearchRow[] {
  const q = query
    .split(" ")
    .map((w) => (w.length ? `*${w}*` : ""))
    .join(" ");
  return s.index.search(q).map((r) => s.rows[Number(r.ref)] as SearchRow);
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith(".html") ? [join(dir, e.name)] : [],
  );
}

/** Page text without tags and entities (enough for assertions on words). */
function text(file: string): string {
  return readFileSync(file, "utf8")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}

let log = "";
beforeAll(async () => {
  rmSync(out, { recursive: true, force: true });
  const typedoc = join(root, "node_modules", ".bin", "typedoc");
  const r = await run(typedoc, ["--out", out], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).catch(
    (e: { stdout: string; stderr: string; code: number }) => e,
  );
  log = `${r.stdout}\n${r.stderr}`;
}, 900_000);

describe("the API reference build", () => {
  it("finishes with no error and no warning", () => {
    expect(log).not.toMatch(/\[(warning|error)\]/);
    expect(log).toMatch(/html generated at/);
  });
});

describe("@sanxiang/core in the reference", () => {
  const coreDir = join(root, "packages", "core");
  const exportsMap = JSON.parse(readFileSync(join(coreDir, "package.json"), "utf8")).exports as Record<
    string,
    Record<string, string> | string
  >;
  const subpaths = Object.entries(exportsMap).filter(([k]) => k !== "." && k !== "./package.json");

  const sourceOf = (v: Record<string, string> | string): string | undefined =>
    (typeof v === "object" ? v["@sanxiang/source"] : v)?.replace(/^\.\//, "");

  it("typedoc documents every entry point of the exports map (its source barrel), the root last", () => {
    const sources = subpaths.map(([, v]) => sourceOf(v));
    const rootSource = sourceOf(exportsMap["."] ?? "");
    const config = JSON.parse(readFileSync(join(coreDir, "typedoc.json"), "utf8")) as { entryPoints: string[] };
    expect([...config.entryPoints].sort()).toEqual([...sources, rootSource].sort());
    // Last, so each export is documented in its system's module and the root holds references.
    expect(config.entryPoints.at(-1)).toBe(rootSource);
  });

  it("has one module page per subpath, each listing that system's exports", () => {
    for (const [key] of subpaths) {
      // typedoc's page name: `calendar/schema` → `calendar_schema`
      const name = key.replace(/^\.\//, "").replace(/\W/g, "_");
      const page = join(out, "modules", `_sanxiang_core.${name}.html`);
      expect(existsSync(page), page).toBe(true);
    }
    expect(text(join(out, "modules", "_sanxiang_core.calendar.html"))).toContain("chinaCalendar");
    expect(text(join(out, "modules", "_sanxiang_core.review.html"))).toContain("ReviewCommandSchema");
    expect(text(join(out, "modules", "_sanxiang_core.calendar.html"))).not.toContain("ReviewCommandSchema");
  });
});

type ExportsMap = Record<string, Record<string, unknown> | string>;

/** One public subpath of a published package: `@sanxiang/testkit/conformance` and where it comes from. */
interface PublicEntry {
  /** The import specifier, e.g. `@sanxiang/testkit/conformance`. */
  readonly specifier: string;
  /** The subpath key of the exports map, e.g. `./conformance`. */
  readonly key: string;
  /** The package's directory under packages/. */
  readonly dir: string;
  /** The package's name, e.g. `@sanxiang/testkit`. */
  readonly name: string;
  /** The source barrel the `@sanxiang/source` condition names, relative to the package. */
  readonly source: string | undefined;
}

/** Every published package (not `private`) under packages/, with its exports map. */
const published = readdirSync(join(root, "packages"), { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(root, "packages", e.name, "package.json")))
  .map((e) => ({
    dir: e.name,
    pkg: JSON.parse(readFileSync(join(root, "packages", e.name, "package.json"), "utf8")) as {
      name: string;
      private?: boolean;
      exports?: ExportsMap;
    },
  }))
  .filter(({ pkg }) => pkg.private !== true);

/** Every public subpath of every published package: each key of its exports map but ./package.json. */
const publicEntries: PublicEntry[] = published.flatMap(({ dir, pkg }) =>
  Object.entries(pkg.exports ?? {})
    .filter(([key]) => key !== "./package.json")
    .map(([key, value]) => {
      const source = typeof value === "string" ? value : value["@sanxiang/source"];
      return {
        specifier: key === "." ? pkg.name : `${pkg.name}/${key.replace(/^\.\//, "")}`,
        key,
        dir,
        name: pkg.name,
        source: typeof source === "string" ? source.replace(/^\.\//, "") : undefined,
      };
    }),
);

const entryPointsOf = (dir: string): string[] =>
  (JSON.parse(readFileSync(join(root, "packages", dir, "typedoc.json"), "utf8")) as { entryPoints: string[] })
    .entryPoints;

/**
 * The module page of a public subpath. A package with one entry point is one module,
 * `_sanxiang_xlsx.html`; a package with several has one module per entry point, named by the
 * subpath (`_sanxiang_core.calendar_schema.html`), the root entry `index`.
 */
function modulePage(entry: PublicEntry): string {
  const base = entry.name.replace(/[^\w-]/g, "_");
  if (entryPointsOf(entry.dir).length === 1) return join(out, "modules", `${base}.html`);
  const moduleName = entry.key === "." ? "index" : entry.key.replace(/^\.\//, "").replace(/\W/g, "_");
  return join(out, "modules", `${base}.${moduleName}.html`);
}

describe("every public subpath of every package in the reference", () => {
  it("finds the packages and their subpaths (not vacuous)", () => {
    expect(published.length).toBeGreaterThanOrEqual(9);
    expect(publicEntries.map((e) => e.specifier)).toEqual(
      expect.arrayContaining(["@sanxiang/core", "@sanxiang/core/calendar/schema", "@sanxiang/testkit/conformance"]),
    );
  });

  it("the root typedoc.json converts every published package", () => {
    const config = JSON.parse(readFileSync(join(root, "typedoc.json"), "utf8")) as { entryPoints: string[] };
    const missing = published
      .map(({ dir }) => `packages/${dir}`)
      .filter((p) => !config.entryPoints.includes(p))
      .map((p) => `${p} is not an entry point of typedoc.json`);
    expect(missing).toEqual([]);
  });

  it("each package's typedoc.json has every subpath of its exports map (its source barrel) as an entry point", () => {
    const missing = publicEntries
      .filter((e) => e.source === undefined || !entryPointsOf(e.dir).includes(e.source))
      .map((e) =>
        e.source === undefined
          ? `${e.specifier}: exports["${e.key}"] names no @sanxiang/source barrel`
          : `${e.specifier} (${e.source}) is missing from packages/${e.dir}/typedoc.json`,
      );
    expect(missing).toEqual([]);
  });

  it("each package's typedoc.json documents nothing that is not a public subpath", () => {
    const extra = published.flatMap(({ dir }) =>
      entryPointsOf(dir)
        .filter((source) => !publicEntries.some((e) => e.dir === dir && e.source === source))
        .map((source) => `packages/${dir}/typedoc.json: ${source} is no subpath of the exports map`),
    );
    expect(extra).toEqual([]);
  });

  it("each subpath has its module page, listing members", () => {
    const missing = publicEntries
      .filter((e) => {
        const page = modulePage(e);
        return !existsSync(page) || [...memberGroups(page).values()].flat().length === 0;
      })
      .map((e) => `${e.specifier}: no module page with members at ${relative(out, modulePage(e))}`);
    expect(missing).toEqual([]);
  });
});

describe("@sanxiang/testkit/conformance in the reference", () => {
  const page = () => join(out, "modules", "_sanxiang_testkit.conformance.html");

  it("lists the suites, the crash harness and the runner's types, with the module's summary", () => {
    const members = [...memberGroups(page()).values()].flat();
    for (const name of [
      "eventStoreSuite",
      "evidenceStoreSuite",
      "eventStoreAppendTests",
      "crashSuite",
      "runCrashWriter",
      "conformanceProjection",
      "EventStoreSuiteOptions",
      "EvidenceStoreSuiteOptions",
      "SuiteRunner",
    ]) {
      expect(members, name).toContain(name);
    }
    expect(text(page())).toContain("一致性测试");
  });

  it("lists every runtime export of the entry, each declared there", async () => {
    const runtime = Object.keys(await import("@sanxiang/testkit/conformance"));
    expect(runtime.length).toBeGreaterThan(20);
    const members = new Set([...memberGroups(page()).values()].flat());
    expect(runtime.filter((name) => !members.has(name))).toEqual([]);
    const suite = text(join(out, "functions", "_sanxiang_testkit.conformance.eventStoreSuite.html"));
    expect(suite).toContain("事件存储一致性测试");
    expect(suite).toContain("EventStoreSuiteOptions");
  });

  it("is the page the storage adapter guide names", () => {
    const guide = readFileSync(join(root, "docs", "storage-adapters.md"), "utf8");
    const named = [...guide.matchAll(/docs\/api\/([\w./-]+\.html)/g)].map((m) => m[1] ?? "");
    expect(named).toContain("modules/_sanxiang_testkit.conformance.html");
    for (const p of named) expect(existsSync(join(out, p)), p).toBe(true);
  });
});

/** The member groups of a module page: heading → the member names under it, in page order. */
function memberGroups(file: string): Map<string, string[]> {
  const html = readFileSync(file, "utf8");
  const groups = new Map<string, string[]>();
  for (const section of html.split(/<details class="tsd-panel-group tsd-member-group/).slice(1)) {
    const heading = /<h2[^>]*>([^<]*)/.exec(section)?.[1]?.trim();
    if (heading === undefined) continue;
    const names = [
      ...section.matchAll(
        /<dt class="tsd-member-summary[^"]*" id="[^"]*"><span class="tsd-member-summary-name"><svg.*?<\/svg><(?:span|a)\b[^>]*>([^<]+)</g,
      ),
    ].map((m) => m[1] ?? "");
    groups.set(heading, names);
  }
  return groups;
}

// scripts/typedoc-categories.mjs: the root entry, `@sanxiang/core`, lists its members by system.
describe("the root entry of @sanxiang/core, by system (@category per system)", () => {
  const rootPage = () => join(out, "modules", "_sanxiang_core.index.html");
  const config = JSON.parse(readFileSync(join(root, "packages", "core", "typedoc.json"), "utf8")) as {
    entryPoints: string[];
  };
  /** The systems the root re-exports (`export * from "./calendar/index.js"` …), in entry point order. */
  const rootSource = readFileSync(join(root, "packages", "core", "src", "index.ts"), "utf8");
  const reexported = [...rootSource.matchAll(/from "\.\/([\w/-]+?)(?:\/index)?\.js"/g)].map((m) => m[1] ?? "");
  const systems = config.entryPoints
    .map((e) => e.replace(/^src\//, "").replace(/(\/index)?\.ts$/, ""))
    .filter((name) => reexported.includes(name));

  /** The category whose title ends with the system's module name. */
  const groupOf = (groups: Map<string, string[]>, system: string) =>
    [...groups].find(([title]) => title.endsWith(` ${system}`) || title === system);

  it("has one category per system the root re-exports, titled in Chinese and English, in entry point order", () => {
    expect(systems.length).toBeGreaterThanOrEqual(8);
    const groups = memberGroups(rootPage());
    const titles = [...groups.keys()];
    // every heading is a system's: none by kind ("Functions", "Interfaces") and no "Other"
    expect(titles.map((t) => t.replace(/^.* /, ""))).toEqual(systems.filter((s) => groupOf(groups, s) !== undefined));
    for (const system of [
      "kernel",
      "calendar",
      "registry",
      "recording",
      "review",
      "enforcement",
      "disclosure",
      "bureau",
    ]) {
      const group = groupOf(groups, system);
      expect(group, system).toBeDefined();
      expect(group?.[0], system).toMatch(/^\p{Script=Han}/u);
      expect(group?.[1].length, system).toBeGreaterThan(0);
    }
    expect(titles).not.toContain("Other");
  });

  it("puts each export under its own system: chinaCalendar and WorkCalendar (addWorkingDays) under the calendar, createBureau under the bureau", () => {
    const groups = memberGroups(rootPage());
    const where = (name: string) => [...groups].filter(([, names]) => names.includes(name)).map(([t]) => t);
    expect(where("chinaCalendar")).toEqual([groupOf(groups, "calendar")?.[0]]);
    expect(where("WorkCalendar")).toEqual([groupOf(groups, "calendar")?.[0]]);
    expect(text(join(out, "interfaces", "_sanxiang_core.calendar.WorkCalendar.html"))).toContain("addWorkingDays");
    expect(where("createBureau")).toEqual([groupOf(groups, "bureau")?.[0]]);
    expect(where("ReviewCommandSchema")).toEqual([groupOf(groups, "review")?.[0]]);
    expect(where("SanxiangError")).toEqual([groupOf(groups, "kernel")?.[0]]);
    // no export is listed twice
    const all = [...groups.values()].flat();
    expect(all.length).toBeGreaterThan(500);
    expect(new Set(all).size).toBe(all.length);
  });

  it("links each member to its declaration in the system's module, with its summary", () => {
    const html = readFileSync(rootPage(), "utf8");
    expect(html).toContain('href="../functions/_sanxiang_core.calendar.chinaCalendar.html"');
    expect(html).toContain('href="../functions/_sanxiang_core.bureau.createBureau.html"');
    const page = text(rootPage());
    expect(page).toMatch(/chinaCalendar → chinaCalendar 中国工作日历/);
  });

  it("leaves the systems' own pages grouped by kind", () => {
    const calendar = [...memberGroups(join(out, "modules", "_sanxiang_core.calendar.html")).keys()];
    expect(calendar).toContain("Functions");
    expect(calendar).toContain("Interfaces");
  });
});

describe("search", () => {
  it.each([
    ["期限", /deadline|period|extend/i],
    ["公示", /disclos|publi/i],
    ["法制审核", /review/i],
  ])("finds %s in doc comments", (term, about) => {
    const hits = search(loadSearch(), term);
    expect(hits.length, term).toBeGreaterThan(0);
    // the hits are about the term: most name the matching system in English too
    const relevant = hits.filter((h) => about.test(`${h.name} ${h.parent ?? ""} ${h.url}`));
    expect(relevant.length / hits.length, `${term}: ${hits.slice(0, 10).map((h) => h.name)}`).toBeGreaterThan(0.3);
  });

  it("still finds English names and words", () => {
    const s = loadSearch();
    // once: at its declaration, not again as the root's reference to it
    expect(
      search(s, "chinaCalendar")
        .filter((h) => h.name === "chinaCalendar")
        .map((h) => h.parent),
    ).toEqual(["@sanxiang/core.calendar"]);
    expect(search(s, "deadline").length).toBeGreaterThan(0);
  });

  it("finds nothing for a Chinese word no comment uses", () => {
    expect(search(loadSearch(), "鳄鱼")).toEqual([]);
  });
});

describe("zod schemas", () => {
  it("no page shows zod's internal types", () => {
    const offenders = htmlFiles(out).filter((f) => /\$Zod\w*Internals|\$strip\b/.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(out, f))).toEqual([]);
  });

  it("a command schema is ZodType<its command type>, and the command type shows each variant's fields", () => {
    const schema = text(join(out, "variables", "_sanxiang_core.review.ReviewCommandSchema.html"));
    expect(schema).toMatch(/ReviewCommandSchema\s*:\s*ZodType\s*<\s*ReviewCommand\s*>/);
    const command = text(join(out, "types", "_sanxiang_core.review.ReviewCommand.html"));
    for (const field of ["review.submit", "handlingOfficerIds", "review.conclude", "findings", "membersTotal"]) {
      expect(command, field).toContain(field);
    }
    // a shorthand field carries the comment of the constant it names
    expect(command).toContain("When the act happened");
  });

  it("an event type shows its fields too", () => {
    const event = text(join(out, "types", "_sanxiang_core.review.ReviewEvent.html"));
    expect(event).toContain("review.submitted");
    expect(event).not.toContain("z.infer");
  });
});

describe("guides", () => {
  const guides = readdirSync(join(root, "docs")).filter((f) => f.endsWith(".md"));

  it("are documents of the reference, not raw copies", () => {
    const media = existsSync(join(out, "media")) ? readdirSync(join(out, "media")) : [];
    expect(media.filter((f) => f.endsWith(".md"))).toEqual([]);
    const documents = readdirSync(join(out, "documents"));
    expect(documents.length).toBeGreaterThanOrEqual(guides.length);
  });

  it("the README's links to the guides open their pages", () => {
    const index = readFileSync(join(out, "index.html"), "utf8");
    expect(index).not.toMatch(/href="[^"]*\.md(#[^"]*)?"/);
    expect(index).toMatch(/href="documents\/[^"]+\.html"/);
  });

  it("every relative link of every page leads to a file of the reference", () => {
    const broken: string[] = [];
    for (const f of htmlFiles(out)) {
      const html = readFileSync(f, "utf8");
      for (const [, href] of html.matchAll(/href="([^"#?]+)(?:[#?][^"]*)?"/g)) {
        if (href === undefined || /^[a-z]+:/i.test(href) || href.startsWith("//")) continue;
        const target = resolve(f, "..", decodeURI(href));
        if (!existsSync(target)) broken.push(`${relative(out, f)} → ${href}`);
      }
    }
    expect(broken.slice(0, 20)).toEqual([]);
  });
});
