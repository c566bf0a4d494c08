// The browser tests are only as good as their fixtures: this checks (without a browser) that
// the invented items cover every content kind, several decision categories, a correction and
// a withdrawal, and that the hostile items put a hostile value in EVERY string field.
import { ACTION_CATEGORIES, DISCLOSURE_KINDS } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import {
  CORRECTED_ID,
  FIXTURE_ITEMS,
  FIXTURE_WITHDRAWALS,
  HOSTILE,
  HOSTILE_ITEMS,
  ORDINARY_ITEMS,
  SEARCH_TARGET,
  WITHDRAWN,
} from "./fixtures.js";

/** Keys whose values are enumerations or dates, which the schema does not let be hostile. */
const NOT_FREE_TEXT = new Set(["kind", "category", "actOn", "validUntil", "decidedOn"]);

/** Every free-text string leaf of a value, with its path. */
function strings(value: unknown, path = "content"): { path: string; value: string }[] {
  if (typeof value === "string") return [{ path, value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => strings(v, `${path}[${i}]`));
  if (typeof value === "object" && value !== null)
    return Object.entries(value)
      .filter(([k]) => !NOT_FREE_TEXT.has(k))
      .flatMap(([k, v]) => strings(v, `${path}.${k}`));
  return [];
}

describe("browser fixtures (invented data)", () => {
  it("cover every content kind, with ordinary and hostile items", () => {
    for (const kind of DISCLOSURE_KINDS) {
      expect(
        ORDINARY_ITEMS.some((i) => i.kind === kind),
        `ordinary ${kind}`,
      ).toBe(true);
      expect(
        HOSTILE_ITEMS.some((i) => i.kind === kind),
        `hostile ${kind}`,
      ).toBe(true);
    }
  });

  it("hold decisions in at least four categories, a correction and a withdrawal", () => {
    const categories = new Set(
      FIXTURE_ITEMS.flatMap((i) => (i.content.kind === "decision" ? [i.content.category] : [])),
    );
    expect(categories.size).toBeGreaterThanOrEqual(4);
    for (const c of categories) expect(ACTION_CATEGORIES).toContain(c);
    const corrected = FIXTURE_ITEMS.find((i) => i.id === CORRECTED_ID);
    expect(corrected?.version).toBe(2);
    expect(corrected?.corrections).toHaveLength(1);
    expect(FIXTURE_WITHDRAWALS.map((w) => w.id)).toEqual([WITHDRAWN.id]);
    expect(FIXTURE_ITEMS.some((i) => i.id === WITHDRAWN.id)).toBe(false);
    expect(
      FIXTURE_ITEMS.some((i) => i.content.kind === "decision" && i.content.party.name === SEARCH_TARGET.party),
    ).toBe(true);
  });

  it("put a hostile value in every string field of each hostile item, and use all of them", () => {
    for (const item of HOSTILE_ITEMS) {
      const fields = [
        { path: "title", value: item.title },
        { path: "bodyName", value: item.bodyName },
        ...strings(item.content),
      ];
      for (const f of fields) expect(HOSTILE, `${item.id} ${f.path}`).toContain(f.value);
      expect(new Set(fields.map((f) => f.value)).size, item.id).toBe(HOSTILE.length);
    }
  });

  it("have unique ids", () => {
    expect(new Set(FIXTURE_ITEMS.map((i) => i.id)).size).toBe(FIXTURE_ITEMS.length);
  });
});
