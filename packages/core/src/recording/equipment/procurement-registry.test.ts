import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findRawIdentifiers } from "../../kernel/wording.js";
import { createBodiesRegistry } from "../../registry/bodies/registry.js";
import { checkEquipment } from "./check.js";
import { procurementListHtml } from "./html.js";
import { procurementList, procurementListFor } from "./procurement.js";

// Issue 16: the procurement list's 编制单位 and 编制人 come from the bodies registry — an officer
// id resolved to name and 职务, the organ's full name — never typed in; an officer the registry
// does not have that day is refused (沙坡头区司法局三项制度试点工作方案 二（二）（3）: the list
// goes to the finance bureau as a written catalogue).

const officer = (id: string, name: string, cert: string, extra: Record<string, unknown> = {}) => ({
  id,
  name,
  bodyId: "spt",
  certificateNumber: cert,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil: "2028-12-31",
  status: "active" as const,
  effectiveFrom: "2019-01-01",
  ...extra,
});

const bodies = createBodiesRegistry({
  issuers: [{ id: "nx", name: "宁夏回族自治区人民政府", pattern: "64\\d{10}" }],
  bodies: [
    {
      id: "spt",
      name: "中卫市沙坡头区司法局",
      kind: "agency",
      authority: [{ law: "律师法", article: 52, paragraph: 1 }],
      regionCode: "640502",
      categories: ["律师管理"],
      effectiveFrom: "2019-01-01",
    },
  ],
  officers: [officer("p1", "马丽", "640502190101", { post: "办公室主任" }), officer("p2", "李强", "640502190102")],
})._unsafeUnwrap();

const report = checkEquipment({
  asOf: "2026-01-05",
  staffing: [{ bodyId: "spt", bodyName: "中卫市沙坡头区司法局", officers: 4 }],
  devices: [],
})._unsafeUnwrap();

describe("procurement list prepared by an officer of the registry", () => {
  it("names the organ in full and the preparer by name and 职务; the page prints no id", () => {
    const list = procurementListFor(report, bodies, { preparerId: "p1", preparedOn: "2026-01-06" })._unsafeUnwrap();
    expect(list.preparedBy).toBe("中卫市沙坡头区司法局");
    expect(list.recipient).toBe("中卫市沙坡头区财政局");
    expect(list.preparer).toEqual({ officerId: "p1", name: "马丽", post: "办公室主任" });
    const html = procurementListHtml(list);
    expect(html).toContain(
      "<span>编制单位（盖章）：中卫市沙坡头区司法局</span><span>编制人：马丽（办公室主任）</span>",
    );
    const text = html.replace(/<style>[\s\S]*?<\/style>/, "").replace(/<[^>]+>/g, " ");
    expect(text).not.toContain("p1");
    expect(findRawIdentifiers(text)).toEqual([]);
    // Without a 职务 on record, the name alone.
    const plain = procurementListFor(report, bodies, { preparerId: "p2", preparedOn: "2026-01-06" })._unsafeUnwrap();
    expect(procurementListHtml(plain)).toContain("<span>编制人：李强</span>");
  });

  it("the items are those of procurementList: only 编制单位 and 编制人 differ", () => {
    const list = procurementListFor(report, bodies, { preparerId: "p1", preparedOn: "2026-01-06" })._unsafeUnwrap();
    const typed = procurementList(report, { preparedBy: "中卫市沙坡头区司法局", preparedOn: "2026-01-06" });
    const { preparer: _, ...rest } = list;
    expect(rest).toEqual(typed);
  });

  it("refuses an officer the registry does not have that day: REGISTRY_NOT_FOUND (property)", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 20 }).filter((id) => id !== "p1" && id !== "p2"),
        (id) => {
          const r = procurementListFor(report, bodies, { preparerId: id, preparedOn: "2026-01-06" });
          expect(r.isErr()).toBe(true);
          expect(r._unsafeUnwrapErr().code).toMatch(/^(REGISTRY_NOT_FOUND|INVALID_INPUT)$/);
        },
      ),
      { numRuns: 50 },
    );
    // Known, but not yet on record on that day.
    const early = procurementListFor(report, bodies, { preparerId: "p1", preparedOn: "2018-06-01" });
    expect(early._unsafeUnwrapErr().code).toBe("REGISTRY_NOT_FOUND");
  });
});
