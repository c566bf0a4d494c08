import { describe, expect, it } from "vitest";
import { chinaCalendar } from "../calendar/work-calendar.js";
import { bodies } from "../enforcement/test-fixtures.js";
import { beforeDisclosureDrafts } from "./before.js";
import { powers } from "./model-test-fixtures.js";
import { DEFAULT_DISCLOSURE_POLICY, disclosureDue, disclosureRuleFor } from "./rules.js";

const drafts = beforeDisclosureDrafts({
  bodies,
  powers,
  asOf: "2025-03-03",
  policy: DEFAULT_DISCLOSURE_POLICY,
})._unsafeUnwrap();
const ofKind = (kind: string) => drafts.filter((d) => d.kind === kind);

describe("beforeDisclosureDrafts (事前公开, 118号 二（四）)", () => {
  it("drafts the body, its officers who may act, the powers list, guides, inspection items and flowcharts", () => {
    expect(ofKind("body").map((d) => d.title)).toEqual(["中卫市沙坡头区司法局"]);
    // Officer c's certificate expired at the end of 2024: not published as an officer who may act.
    expect(ofKind("officer").map((d) => d.content.kind === "officer" && d.content.certificateNumber)).toEqual([
      "640502190001",
      "640502190002",
      "640502190008",
      // The heads 局长 and 副局长 hold certificates too.
      "640502190009",
      "640502190010",
      // The designated publisher (公示专员) holds a certificate as well.
      "640502190021",
    ]);
    expect(ofKind("power").map((d) => d.disclosureId)).toEqual(["gs-power-SF-CF-001"]);
    expect(ofKind("serviceGuide")).toHaveLength(1);
    expect(ofKind("inspectionItem")[0]?.content).toMatchObject({ ratio: "20%", timesPerYear: 1 });
    expect(ofKind("flowchart")).toHaveLength(4);
    for (const d of drafts) expect(d.phase).toBe("before");
  });

  it("keeps the public numbers the registries hold (phones, 执法证号) and cites the statutes", () => {
    const guide = ofKind("serviceGuide")[0]?.content;
    expect(guide).toMatchObject({ phone: "0955-7000001", basis: ["《律师法》第五十条"] });
    expect(ofKind("power")[0]?.content).toMatchObject({ supervisionPhone: "0955-7000000", powerKind: "处罚" });
    expect(ofKind("body")[0]?.content).toMatchObject({ nature: "行政机关", authority: ["《律师法》第五十二条第一款"] });
    for (const d of drafts) expect(d.redactions).toEqual([]);
  });

  it("counts each item's deadline from the day its version took effect (政府信息公开条例 Art. 26)", () => {
    const power = ofKind("power")[0];
    expect(power?.startOn).toBe("2024-01-02");
    const rule = disclosureRuleFor(DEFAULT_DISCLOSURE_POLICY, { kind: "power" });
    expect(power?.ruleId).toBe(rule.id);
    const due = disclosureDue(rule, power?.startOn ?? "", chinaCalendar())._unsafeUnwrap();
    expect(due?.ruleId).toBe("disclosure.govInfo");
    expect(ofKind("benchmark")).toEqual([]);
  });

  it("draws no flowcharts when asked not to, and nothing before the body exists", () => {
    const none = beforeDisclosureDrafts({
      bodies,
      powers,
      asOf: "2025-03-03",
      policy: DEFAULT_DISCLOSURE_POLICY,
      flowcharts: false,
    })._unsafeUnwrap();
    expect(none.some((d) => d.kind === "flowchart")).toBe(false);
    const early = beforeDisclosureDrafts({ bodies, powers, asOf: "2018-06-01", policy: DEFAULT_DISCLOSURE_POLICY });
    expect(early._unsafeUnwrap()).toEqual([]);
  });
});
