import { describe, expect, it } from "vitest";
import { bodies, headActor, officerActor } from "../enforcement/test-fixtures.js";
import { duringDisclosureDrafts } from "./during.js";
import { type CaseStep, caseEvents } from "./model-test-fixtures.js";

describe("duringDisclosureDrafts (事中公示: certificate shown, documents issued — 行政处罚法 Art. 55)", () => {
  it("one draft per investigation act and per service, with the officers and their 执法证号", async () => {
    const events = await caseEvents("c1");
    const drafts = duringDisclosureDrafts(events, { bodies });
    expect(drafts.map((d) => d.content.kind === "enforcementAct" && d.content.act)).toEqual([
      "现场检查",
      "询问",
      "送达行政处罚告知书",
      "送达行政处罚决定书",
    ]);
    const site = drafts[0];
    expect(site).toMatchObject({
      kind: "enforcementAct",
      phase: "during",
      caseId: "c1",
      bodyId: "spt",
      startOn: "2025-03-04",
    });
    expect(site?.content).toMatchObject({
      actOn: "2025-03-04",
      officers: [
        { name: "甲", certificateNumber: "640502190001" },
        { name: "乙", certificateNumber: "640502190002" },
      ],
      documents: ["执法文书（编号 site-record）"],
      party: { kind: "organisation", name: "某律师事务所" },
    });
    // A transcript is a record, not a document handed over.
    expect(drafts[1]?.content).toMatchObject({ documents: [] });
    expect(new Set(drafts.map((d) => d.disclosureId)).size).toBe(drafts.length);
  });

  it("names no natural-person party, and ignores events it does not know", async () => {
    const events = await caseEvents("c2", {
      file: {
        type: "case.file",
        party: { kind: "person", name: "王某某" },
        category: "律师管理",
        regionCode: "640502",
        officerIds: ["a", "b"],
        actDate: "2025-01-10",
        records: [{ id: "filing-form", kind: "document" }],
      },
      upTo: 1,
    });
    const drafts = duringDisclosureDrafts(
      [...events, { ...events[0], seq: 99, type: "other.thing", payload: {} } as (typeof events)[number]],
      { bodies },
    );
    expect(drafts).toHaveLength(1);
    expect(drafts[0]?.content).not.toHaveProperty("party");
  });

  it("a 查封、扣押 carried out: the officers who acted and the 决定书 and 清单 handed over (行政强制法 Arts. 18, 24)", async () => {
    const at = "2025-03-04T03:00:00Z";
    const seizure: CaseStep[] = [
      [
        {
          type: "coercion.act",
          measureId: "m1",
          seizure: {
            type: "seizure.approve",
            at: "2025-03-04T02:00:00Z",
            approverId: "h",
            measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
          },
        },
        "2025-03-04T02:00:00Z",
        headActor,
      ],
      [
        {
          type: "coercion.act",
          measureId: "m1",
          seizure: {
            type: "seizure.execute",
            at,
            officerIds: ["a", "b"],
            items: ["涉案物品"],
            records: [
              { id: "sz-t", kind: "transcript", evidenceIds: [] },
              { id: "sz-d", kind: "document", evidenceIds: [] },
              { id: "sz-v", kind: "video", evidenceIds: [], wholeProcess: true, startedAt: at, endedAt: at },
            ],
          },
        },
        at,
        officerActor,
      ],
    ];
    const events = await caseEvents("c5", { steps: seizure });
    const drafts = duringDisclosureDrafts(events, { bodies });
    const act = drafts.find((d) => d.content.kind === "enforcementAct" && d.content.act === "实施查封、扣押");
    expect(act?.content).toMatchObject({
      actOn: "2025-03-04",
      documents: ["查封、扣押决定书", "查封、扣押清单", "执法文书（编号 sz-d）"],
      officers: [{ certificateNumber: "640502190001" }, { certificateNumber: "640502190002" }],
    });
  });
});
