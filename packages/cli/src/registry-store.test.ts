import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { diffRecords } from "./registry-store.js";

// Issuers are keyed by `id` alone: records with a few ids and a few values make every kind
// of change likely (same key same value, same key other value, keys on one side only).
const record = fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), name: fc.constantFrom("甲", "乙") });
const records = fc.uniqueArray(record, { selector: (r) => r.id, maxLength: 6 });

describe("diffRecords (变更对比)", () => {
  test.prop([records, records])(
    "partitions both sides by key: every key is added, changed, removed or unchanged once",
    (before, after) => {
      const d = diffRecords("issuers", before, after);
      const beforeKeys = new Set<string>(before.map((r) => r.id));
      const afterKeys = new Set<string>(after.map((r) => r.id));
      expect(d.added.length + d.changed.length + d.unchanged).toBe(afterKeys.size);
      expect(d.removed.length + d.changed.length + d.unchanged).toBe(beforeKeys.size);
      for (const k of d.added) expect(beforeKeys.has(k) || !afterKeys.has(k)).toBe(false);
      for (const k of d.removed) expect(afterKeys.has(k) || !beforeKeys.has(k)).toBe(false);
      for (const k of d.changed) {
        const was = before.find((r) => r.id === k);
        const now = after.find((r) => r.id === k);
        expect(was?.name).not.toBe(now?.name);
      }
    },
  );

  test.prop([records])("replacing records with themselves, in any key order, changes nothing", (rs) => {
    const reordered = rs.map((r) => ({ name: r.name, id: r.id })).reverse();
    expect(diffRecords("issuers", rs, reordered)).toEqual({
      added: [],
      changed: [],
      removed: [],
      unchanged: rs.length,
    });
  });

  test.prop([records])("emptying removes every key; filling an empty registry adds every key", (rs) => {
    expect(diffRecords("issuers", rs, []).removed).toEqual(rs.map((r) => r.id));
    expect(diffRecords("issuers", [], rs).added).toEqual(rs.map((r) => r.id));
  });
});
