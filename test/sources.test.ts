// Every `source` in every rule table of the SDK names a real article (and paragraph / item when
// given) of a statute in the shipped laws database, or a document in it (sources with
// `section`). The walk covers every exported value of @sanxiang/core and of the sample
// data (@sanxiang/sample), so a new rule table is checked without being listed here.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import * as core from "@sanxiang/core";
import { SDK_LAWS, sdkLawsRegistry } from "@sanxiang/core/laws";
import * as sample from "@sanxiang/sample";
import { describe, expect, it } from "vitest";

interface Found {
  readonly where: string;
  readonly source: core.RuleSource;
}

const SOURCE_KEYS = new Set(["law", "article", "paragraph", "item", "section", "confidence", "url"]);

/** A value that looks like a RuleSource: a `law` string and only RuleSource keys, with an article, section or confidence. */
function looksLikeSource(value: object): value is core.RuleSource {
  const o = value as Record<string, unknown>;
  return (
    typeof o.law === "string" &&
    Object.keys(o).every((k) => SOURCE_KEYS.has(k)) &&
    ("article" in o || "section" in o || "confidence" in o)
  );
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}

/** Every RuleSource-like object reachable from `root` through plain objects and arrays. */
function collectSources(root: Record<string, unknown>, label: string): Found[] {
  const found: Found[] = [];
  const seen = new WeakSet<object>();
  const walk = (value: unknown, where: string): void => {
    if (typeof value !== "object" || value === null || seen.has(value) || !isPlain(value)) return;
    seen.add(value);
    if (looksLikeSource(value)) {
      found.push({ where, source: value });
      return;
    }
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${where}[${i}]`);
    } else for (const [k, v] of Object.entries(value)) walk(v, `${where}.${k}`);
  };
  for (const [name, value] of Object.entries(root)) walk(value, `${label}.${name}`);
  return found;
}

const laws = sdkLawsRegistry();
// Sample records may also cite the sample bureaus' own documents (SAMPLE_LOCAL_DOCUMENTS).
const sampleLaws = core.createLawsRegistry([...SDK_LAWS, ...sample.SAMPLE_LOCAL_DOCUMENTS])._unsafeUnwrap();
const coreSources = collectSources(core, "@sanxiang/core");
const sampleSources = collectSources(sample, "@sanxiang/sample");
const sources = [...coreSources, ...sampleSources];

describe("rule sources resolve in the shipped laws database", () => {
  it("the walk reaches the known rule tables (STATUTORY_PERIODS, COUNTING_RULES, DEFAULT_PERMISSIONS)", () => {
    const wheres = sources.map((s) => s.where);
    expect(wheres.some((w) => w.startsWith("@sanxiang/core.STATUTORY_PERIODS[") && w.endsWith(".source"))).toBe(true);
    expect(wheres.some((w) => w.startsWith("@sanxiang/core.STATUTORY_PERIODS[") && w.endsWith(".dayTypeSource"))).toBe(
      true,
    );
    expect(wheres.some((w) => w.startsWith("@sanxiang/core.COUNTING_RULES."))).toBe(true);
    expect(wheres.some((w) => w.startsWith("@sanxiang/core.DEFAULT_PERMISSIONS."))).toBe(true);
    expect(wheres.some((w) => w.startsWith("@sanxiang/sample."))).toBe(true);
  });

  it("every source names a shipped law, and its article (款, 项) or section is in the text", () => {
    const check =
      (registry: core.LawsRegistry) =>
      ({ where, source }: Found) => {
        const r = registry.resolve(source);
        return r.isErr() ? [`${where} ${core.formatSource(source)}: ${r.error.message}`] : [];
      };
    const failures = [...coreSources.flatMap(check(laws)), ...sampleSources.flatMap(check(sampleLaws))];
    expect(failures, `${failures.length} of ${sources.length} sources do not resolve:\n${failures.join("\n")}`).toEqual(
      [],
    );
  });
});

describe("the shipped laws database", () => {
  it("packages/core/src/registry/laws/data/generated is generated from data/laws.csv and the texts", async () => {
    const root = resolve(import.meta.dirname, "..");
    const { stdout } = await promisify(execFile)(
      join(root, "node_modules", ".bin", "tsx"),
      ["--conditions=@sanxiang/source", "scripts/gen-laws.ts", "--check"],
      { cwd: root },
    );
    expect(stdout).toContain("is up to date");
  });
});
