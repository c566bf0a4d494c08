import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRawIdentifiers } from "../../kernel/wording.js";
import type { BodiesRegistry } from "../../registry/bodies/registry.js";
import { bodies } from "../../review/test-fixtures.js";
import { checkEquipment } from "./check.js";
import { procurementListHtml } from "./html.js";
import { procurementList, procurementListFor } from "./procurement.js";

// Issue 16: the procurement list's 编制单位 and 编制人 come from the bodies registry — an officer
// id resolved to name and 职务, the organ's full name — never typed in; an officer the registry
// does not have that day is refused (沙坡头区司法局三项制度试点工作方案 二（二）（3）: the list
// goes to the finance bureau as a written catalogue).

// The review tests' bureau (中卫市沙坡头区司法局): r is 审核员, with no 职务 on record; the same
// registry seen with one recorded, to show it printed.
const withPost: BodiesRegistry = {
  ...bodies,
  officer: (id, date) => bodies.officer(id, date).map((o) => (id === "r" ? { ...o, post: "法制股股长" } : o)),
};

const report = checkEquipment({
  asOf: "2026-01-05",
  staffing: [{ bodyId: "spt", bodyName: "中卫市沙坡头区司法局", officers: 4 }],
  devices: [],
})._unsafeUnwrap();

describe("procurement list prepared by an officer of the registry", () => {
  it("names the organ in full and the preparer by name and 职务; the page prints no id", () => {
    const list = procurementListFor(report, withPost, { preparerId: "r", preparedOn: "2026-01-06" })._unsafeUnwrap();
    expect(list.preparedBy).toBe("中卫市沙坡头区司法局");
    expect(list.recipient).toBe("中卫市沙坡头区财政局");
    expect(list.preparer).toEqual({ officerId: "r", name: "审核员", post: "法制股股长" });
    const html = procurementListHtml(list);
    expect(html).toContain(
      "<span>编制单位（盖章）：中卫市沙坡头区司法局</span><span>编制人：审核员（法制股股长）</span>",
    );
    const text = html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    expect(text).not.toMatch(/编制人：r\b/);
    expect(findRawIdentifiers(text)).toEqual([]);
    // Without a 职务 on record, the name alone.
    const plain = procurementListFor(report, bodies, { preparerId: "r", preparedOn: "2026-01-06" })._unsafeUnwrap();
    expect(procurementListHtml(plain)).toContain("<span>编制人：审核员</span>");
  });

  it("the items are those of procurementList: only 编制单位 and 编制人 differ", () => {
    const list = procurementListFor(report, withPost, { preparerId: "r", preparedOn: "2026-01-06" })._unsafeUnwrap();
    const typed = procurementList(report, { preparedBy: "中卫市沙坡头区司法局", preparedOn: "2026-01-06" });
    const { preparer: _, ...rest } = list;
    expect(rest).toEqual(typed);
  });

  it("refuses an officer the registry does not have that day: REGISTRY_NOT_FOUND (property)", () => {
    fc.assert(
      fc.property(
        fc
          .string({ minLength: 1, maxLength: 20 })
          .filter((id) => !["a", "b", "r", "u", "g", "n", "h", "h2", "h3", "h4"].includes(id)),
        (id) => {
          const r = procurementListFor(report, bodies, { preparerId: id, preparedOn: "2026-01-06" });
          expect(r.isErr()).toBe(true);
          expect(r._unsafeUnwrapErr().code).toMatch(/^(REGISTRY_NOT_FOUND|INVALID_INPUT)$/);
        },
      ),
      { numRuns: 50 },
    );
    // Known, but not yet on record on that day.
    const early = procurementListFor(report, bodies, { preparerId: "r", preparedOn: "2018-06-01" });
    expect(early._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });
});
