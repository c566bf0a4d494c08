// Issue 13 §1.1–1.2, the property over the built site: a personal number, written in any of
// the ways a reader still reads as the number, put into ANY public text of an item (the
// fields core's `publicTextsOfItem` enumerates — the one list), never reaches a file on disk
// in any form. Either the site refuses the item and writes nothing, or — once every public
// text of the item is redacted — it builds, and no page, feed, search shard or JSON file
// holds the number's digits in any script, width or encoding.
import { fc, test } from "@fast-check/vitest";
import {
  DEFAULT_REDACTION_POLICY,
  type DisclosureContent,
  type PublishedItem,
  publicTextsOfItem,
  redactText,
  residentIdCheckChar,
} from "@sanxiang/core";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { buildSite } from "./build.js";
import { hashOf, SITE, sampleItems } from "./fixtures.test-support.js";
import { readTree, removeDir, tempDir } from "./tree.test-support.js";

const NOW = "2026-04-15T00:00:00Z";
const ITEMS = sampleItems();
const HAN = "〇一二三四五六七八九";

/** Sets the string at a path like `content.officers[0].name` (a copy; the rest shared). */
function setAt(root: unknown, path: string, value: string): unknown {
  const keys = [...path.matchAll(/[^.[\]]+/g)].map((m) => m[0]);
  const set = (node: unknown, i: number): unknown => {
    const key = keys[i] as string;
    if (Array.isArray(node))
      return node.map((v, k) => (k === Number(key) ? (i + 1 === keys.length ? value : set(v, i + 1)) : v));
    const rec = node as Record<string, unknown>;
    return { ...rec, [key]: i + 1 === keys.length ? value : set(rec[key], i + 1) };
  };
  return set(root, 0);
}

/** The item with one public text changed (content hash kept consistent with the content). */
function withText(item: PublishedItem, path: string, text: string): PublishedItem {
  const next = setAt(item, path, text) as PublishedItem;
  return path.startsWith("content.") ? { ...next, contentHash: hashOf(next.content as DisclosureContent) } : next;
}

/**
 * Every digit a file shows, in reading order, however written: HTML and XML references and
 * JSON escapes decoded, NFKC (full-width, circled, mathematical digits), Chinese digits and
 * other scripts' digits read as digits; everything else dropped.
 */
function digitsShown(file: string): string {
  const decoded = file
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/\\u([0-9a-f]{4})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    .normalize("NFKC");
  let out = "";
  for (const ch of decoded) {
    const han = HAN.indexOf(ch);
    if (han >= 0) out += String(han);
    else if (/^\p{Nd}$/u.test(ch)) {
      const cp = ch.codePointAt(0) as number;
      let zero = cp;
      while (cp - zero < 9 && /^\p{Nd}$/u.test(String.fromCodePoint(zero - 1))) zero--;
      out += String((cp - zero) % 10);
    }
  }
  return out;
}

const form = fc.constantFrom<(d: string) => string>(
  (d) => d,
  (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0),
  (d) => HAN[Number(d)] as string,
  (d) => String.fromCharCode(0x0660 + Number(d)),
  (d) => `&#${d.charCodeAt(0)};`,
);
const separator = fc.constantFrom(
  "",
  "",
  " ",
  "\u3000",
  "\u00A0",
  "-",
  "－",
  "\u2014",
  "\u2212",
  ".",
  "·",
  "\n",
  "\u200B",
  "\u00AD",
);
const validId = fc
  .tuple(fc.stringMatching(/^[1-6]\d{5}$/), fc.integer({ min: 1940, max: 2005 }), fc.stringMatching(/^\d{3}$/))
  .map(([r, y, s]) => `${r}${y}0815${s}`)
  .map((b) => `${b}${residentIdCheckChar(b) ?? ""}`);
const secret = fc.oneof(validId, fc.stringMatching(/^1[3-9]\d{9}$/));
const datum = secret.chain((s) =>
  fc
    .tuple(
      fc.array(form, { minLength: s.length, maxLength: s.length }),
      fc.array(separator, { minLength: s.length, maxLength: s.length }),
    )
    .map(([forms, seps]) => ({
      digits: s.replace("X", ""),
      written: [...s]
        .map((d, i) => (d === "X" ? "X" : (forms[i] as (d: string) => string)(d)) + (i % 4 === 3 ? seps[i] : ""))
        .join("")
        .trimEnd(),
    })),
);
/** An item and one of its public texts (every path of every kind is reachable). */
const target = fc.integer({ min: 0, max: ITEMS.length - 1 }).chain((i) => {
  const item = ITEMS[i] as PublishedItem;
  return fc.constantFrom(...publicTextsOfItem(item)).map((t) => ({ item, path: t.path, text: t.text }));
});

describe("no personal number reaches the built site, whatever field it is put in", () => {
  let dir: string;
  /** Runs whose redacted item was built and scanned (non-vacuity: not all refused as invalid). */
  let scanned = 0;
  beforeAll(async () => {
    dir = tempDir();
    (await buildSite({ outDir: dir, site: SITE, items: ITEMS, withdrawals: [], now: NOW }))._unsafeUnwrap();
  });
  afterAll(() => {
    removeDir(dir);
    expect(scanned).toBeGreaterThan(0);
  });

  test.prop([target, datum, fc.boolean()], { numRuns: 20 })(
    "refused as written; once redacted, on no file in any form",
    async ({ item, path, text }, { digits, written }, atEnd) => {
      const leaked = withText(item, path, atEnd ? `${text}，${written}` : `${written}，${text}`);
      const items = ITEMS.map((i) => (i.id === item.id ? leaked : i));
      const before = readTree(dir);
      const refused = await buildSite({ outDir: dir, site: SITE, items, withdrawals: [], now: NOW });
      // Refused (the number found) or not even valid input (an id with a space): nothing changed.
      expect(refused.isErr()).toBe(true);
      expect(readTree(dir)).toEqual(before);
      // Every public text redacted, as the workflow's drafts are.
      let redacted = leaked;
      for (const t of publicTextsOfItem(leaked)) {
        const r = redactText(t.text, { policy: DEFAULT_REDACTION_POLICY });
        if (r.findings.length > 0) redacted = withText(redacted, t.path, r.text);
      }
      const built = await buildSite({
        outDir: dir,
        site: SITE,
        items: ITEMS.map((i) => (i.id === item.id ? redacted : i)),
        withdrawals: [],
        now: NOW,
      });
      if (built.isErr()) expect(built.error.code, path).toBe("INVALID_INPUT");
      else {
        scanned++;
        const files = readTree(dir);
        for (const [name, content] of files)
          expect(digitsShown(content).includes(digits), `${path} → ${name}`).toBe(false);
      }
      // Back to the clean site for the next run.
      (await buildSite({ outDir: dir, site: SITE, items: ITEMS, withdrawals: [], now: NOW }))._unsafeUnwrap();
    },
    120_000,
  );
});
