// Every relative link and anchor in the guides resolves: docs/**/*.md, README.md,
// packages/*/README.md and examples/**/*.md. A link to a file must name a file of the
// repository; `#anchor` must be a heading of the target (GitHub's slugs, Chinese headings
// included) or an explicit `<a id>` / `<a name>`.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const SKIP_DIRS = new Set(["node_modules", "dist", "coverage", "api", ".sanxiang"]);

function markdown(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) out.push(...markdown(p));
    } else if (e.name.endsWith(".md")) out.push(p);
  }
  return out;
}

const files = [
  join(root, "README.md"),
  ...markdown(join(root, "docs")),
  ...markdown(join(root, "examples")),
  ...readdirSync(join(root, "packages"))
    .map((p) => join(root, "packages", p, "README.md"))
    .filter((p) => existsSync(p)),
];

/** The text outside fenced code blocks and inline code spans, line by line (numbers kept). */
function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split("\n").map((line) => {
    const m = /^\s*(```+|~~~+)/.exec(line);
    if (m?.[1] !== undefined) {
      if (fence === undefined) fence = m[1].slice(0, 3);
      else if (m[1].startsWith(fence)) fence = undefined;
      return "";
    }
    return fence === undefined ? line.replace(/`[^`]*`/g, "``") : "";
  });
}

/**
 * GitHub's heading anchor (github-slugger): the heading's text as rendered (code spans, links
 * and emphasis reduced to their text), lower-cased, every character that is not a letter,
 * mark, number, connector (`_`), space or hyphen removed, spaces turned into hyphens; a
 * repeated slug gets `-1`, `-2` ….
 */
function githubSlug(heading: string): string {
  const text = heading
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .replace(/`([^`]*)`/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|\W)[*_](.+?)[*_](?=\W|$)/gu, "$1$2")
    .trim();
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

const anchorCache = new Map<string, Set<string>>();
function anchorsOf(file: string): Set<string> {
  const cached = anchorCache.get(file);
  if (cached !== undefined) return cached;
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  let fence = false;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const h = /^ {0,3}#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (h?.[1] !== undefined) {
      const base = githubSlug(h[1]);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      anchors.add(n === 0 ? base : `${base}-${n}`);
    }
    for (const a of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) if (a[1] !== undefined) anchors.add(a[1]);
  }
  anchorCache.set(file, anchors);
  return anchors;
}

interface Link {
  readonly file: string;
  readonly line: number;
  readonly target: string;
}

function linksOf(file: string): Link[] {
  const out: Link[] = [];
  proseLines(readFileSync(file, "utf8")).forEach((line, i) => {
    for (const m of line.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      if (m[1] !== undefined) out.push({ file, line: i + 1, target: m[1] });
    }
    for (const m of line.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)) {
      if (m[1] !== undefined) out.push({ file, line: i + 1, target: m[1] });
    }
  });
  return out;
}

/** Why a link does not resolve, or undefined when it does. */
function broken(link: Link): string | undefined {
  const { target } = link;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("//")) return undefined; // external
  const [pathPart = "", anchor] = target.split("#", 2);
  const path = decodeURIComponent(pathPart);
  const file = path === "" ? link.file : resolve(dirname(link.file), path);
  if (!existsSync(file)) return `no such file: ${relative(root, file)}`;
  if (anchor === undefined || anchor === "") return undefined;
  if (statSync(file).isDirectory() || !file.endsWith(".md")) return `anchor on a non-markdown target`;
  const want = decodeURIComponent(anchor).toLowerCase();
  return anchorsOf(file).has(want) ? undefined : `no heading #${anchor} in ${relative(root, file)}`;
}

describe("githubSlug (GitHub's anchors)", () => {
  it("follows github-slugger on English, code, punctuation and Chinese headings", () => {
    expect(githubSlug("Permissions (权限) — `DEFAULT_PERMISSIONS`")).toBe("permissions-权限--default_permissions");
    expect(githubSlug("Evidence ingest")).toBe("evidence-ingest");
    expect(githubSlug("3. 法制审核（重大执法决定）")).toBe("3-法制审核重大执法决定");
    expect(githubSlug("What's inside?")).toBe("whats-inside");
    expect(githubSlug("[`sanxiang verify`](x.md) and **more**")).toBe("sanxiang-verify-and-more");
  });
});

describe("relative links and anchors in the guides", () => {
  it("finds the guides and their links (not vacuous)", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap(linksOf).length).toBeGreaterThan(50);
  });

  it.each(files.map((f) => [relative(root, f), f] as const))("%s", (_name, file) => {
    const bad = linksOf(file)
      .map((l) => ({ l, why: broken(l) }))
      .filter((x) => x.why !== undefined)
      .map((x) => `${relative(root, x.l.file)}:${x.l.line} ${x.l.target} — ${x.why}`);
    expect(bad).toEqual([]);
  });
});

describe("the guides name no file outside the repository", () => {
  // Readers have the repository only: the project's design notes and reference folders are not in it.
  const OUTSIDE =
    /\bDOMAIN(?:\.md)?\s*§|\bDOMAIN\.md\b|\bDESIGN\.md\b|\.\.\/shared\/|(?<![\w/])reference\/(?:laws|data|vectors)\b/u;

  it.each(files.map((f) => [relative(root, f), f] as const))("%s", (_name, file) => {
    const hits = readFileSync(file, "utf8")
      .split("\n")
      .map((line, i) => ({ line, n: i + 1 }))
      .filter(({ line }) => OUTSIDE.test(line))
      .map(({ line, n }) => `${n}: ${line.trim()}`);
    expect(hits).toEqual([]);
  });
});

describe("no tracked file points outside the repository", () => {
  // The maintainers' private notes (the domain, design, style and toolchain notes) and their
  // reference folder live outside the repository; comments, doc comments (which typedoc
  // publishes), tests, scripts and data carry the fact and its real source (statute and
  // article, or a document under docs/) instead of a pointer to them.
  const PRIVATE =
    /\b(?:DOMAIN|DESIGN|STYLE|TOOLCHAIN)\.md\b|\bDOMAIN\s*(?:§|A\d)|\.\.\/shared\b|\/work\/shared\b|\bshared\/reference\b|(?<![\w/-])reference\/(?:laws|data|vectors|pilot-plan)\b|pilot plan notes/u;
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
    .split("\0")
    .filter((p) => p !== "" && existsSync(join(root, p)) && statSync(join(root, p)).isFile());
  // This file names the pointers to recognise them, so it is the one file the scan skips.
  const self = relative(root, import.meta.filename);

  it("recognises the pointers and leaves the repository's own documents alone", () => {
    for (const hit of [
      "(DOMAIN.md §1.3)",
      "DOMAIN §4.2",
      "see STYLE.md",
      "Flags from TOOLCHAIN.md",
      "DESIGN.md decision 4",
      "copies of ../shared/reference/laws",
      "reference/vectors/merkle.json",
      "副本取自项目参考资料 reference/pilot-plan.txt",
    ]) {
      expect(PRIVATE.test(hit), hit).toBe(true);
    }
    for (const ok of [
      "docs/rules.md",
      "docs/decisions/0006-storage-ports.md",
      "test/vectors/merkle.json",
      "CHANGELOG.md",
    ]) {
      expect(PRIVATE.test(ok), ok).toBe(false);
    }
  });

  it("lists the tracked files (not vacuous)", () => {
    expect(tracked.length).toBeGreaterThan(200);
    expect(tracked).toContain("packages/core/src/kernel/source.ts");
    expect(tracked).toContain(self);
  });

  it("no tracked file names the private notes, ../shared or their reference folder", () => {
    const hits: string[] = [];
    for (const path of tracked) {
      if (path === self) continue;
      const bytes = readFileSync(join(root, path));
      if (bytes.includes(0)) continue; // binary
      bytes
        .toString("utf8")
        .split("\n")
        .forEach((line, i) => {
          if (PRIVATE.test(line)) hits.push(`${path}:${i + 1}: ${line.trim().slice(0, 160)}`);
        });
    }
    expect(hits, `${hits.length} lines point outside the repository:\n${hits.join("\n")}`).toEqual([]);
  });
});
