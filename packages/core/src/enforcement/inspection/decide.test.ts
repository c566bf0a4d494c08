import { describe, expect, it } from "vitest";
import { chinaCalendar } from "../../calendar/work-calendar.js";
import { seededRandom } from "../../kernel/ports.js";
import { createBodiesRegistry } from "../../registry/bodies/registry.js";
import type { Organisation } from "../../registry/entities/parties.js";
import type { InspectionItem } from "../../registry/powers/schema.js";
import { foldInspection, type InspectionCaseState } from "./case.js";
import { decideInspection, type InspectionDecideContext } from "./decide.js";
import { drawInspectionTask } from "./draw.js";

const officer = (n: number) => ({
  id: `o${n}`,
  name: `人员${n}`,
  bodyId: "spt",
  certificateNumber: `64050219000${n}`,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil: "2028-12-31",
  status: "active" as const,
  effectiveFrom: "2019-01-01",
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
  officers: [1, 2].map(officer),
})._unsafeUnwrap();
const org = (uscc: string): Organisation => ({
  kind: "organisation",
  uscc,
  name: "某律所",
  legalRepresentative: "张三",
  address: "沙坡头区",
  regionCode: "640502",
  status: "active",
  effectiveFrom: "2020-01-01",
});
const item: InspectionItem = {
  code: "SJ-001",
  name: "律师事务所执业活动检查",
  bodyId: "spt",
  targets: "辖区律师事务所",
  basis: [{ law: "律师法", article: 52, paragraph: 1 }],
  methods: ["现场检查"],
  ratioBasisPoints: 10_000,
  timesPerYear: 1,
  effectiveFrom: "2020-01-01",
};
const task = drawInspectionTask(
  {
    taskId: "task-1",
    items: [item],
    date: "2025-03-03",
    drawnAt: "2025-03-03T01:00:00.000Z",
    category: "律师管理",
    regionCode: "640502",
  },
  seededRandom(3),
  { organisations: [org("E01")], bodies },
)._unsafeUnwrap();

const ctx = (now: string): InspectionDecideContext => ({
  actor: { id: "o1", name: "人员1", roles: ["officer"] },
  now,
  calendar: chinaCalendar(),
  bodies,
});
const transcript = { id: "t1", kind: "transcript" as const };

function run(steps: [string, Parameters<typeof decideInspection>[1]][]): InspectionCaseState {
  let events: Parameters<typeof foldInspection>[1] = [];
  for (const [now, cmd] of steps) {
    const state = foldInspection("insp-1", events)._unsafeUnwrap();
    events = [...events, ...decideInspection(state, cmd, ctx(now))._unsafeUnwrap()];
  }
  return foldInspection("insp-1", events)._unsafeUnwrap();
}

const opened = (): [string, Parameters<typeof decideInspection>[1]] => [
  "2025-03-04T01:00:00.000Z",
  { type: "inspection.open", task, uscc: "E01" },
];
const inspect = {
  type: "inspection.record" as const,
  officerIds: ["o1", "o2"],
  certificateShown: true,
  findings: "执业规范",
};

describe("行政检查案件 decideInspection", () => {
  it("runs drawn → recorded → 合格 → published, with a 20-working-day publication deadline (国办发〔2018〕118号)", () => {
    const s = run([
      opened(),
      ["2025-03-05T02:00:00.000Z", { ...inspect, records: [transcript] }],
      ["2025-03-06T02:00:00.000Z", { type: "inspection.conclude", result: "pass" }],
      ["2025-03-07T02:00:00.000Z", { type: "inspection.publish" }],
    ]);
    expect(s.value).toBe("published");
    expect(s.recorded?.publishDue.due).toBe("2025-04-02");
    expect(s.published?.late).toBe(false);
  });

  it("refuses an inspection without its transcript (行政处罚法第五十五条第二款, RECORDING_INCOMPLETE)", () => {
    const s = run([opened()]);
    const r = decideInspection(s, inspect, ctx("2025-03-05T02:00:00.000Z"));
    expect(r._unsafeUnwrapErr().code).toBe("RECORDING_INCOMPLETE");
  });

  it("refuses an inspection when the certificate is not shown (行政处罚法第五十五条第一款)", () => {
    const s = run([opened()]);
    const r = decideInspection(
      s,
      { ...inspect, certificateShown: false, records: [transcript] },
      ctx("2025-03-05T02:00:00.000Z"),
    );
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "行政处罚法", article: 55 });
  });

  it("refuses a 不合格 result without a penalty case to transfer to (行政处罚法第五十四条第一款)", () => {
    const s = run([opened(), ["2025-03-05T02:00:00.000Z", { ...inspect, records: [transcript] }]]);
    const r = decideInspection(s, { type: "inspection.conclude", result: "fail" }, ctx("2025-03-06T02:00:00.000Z"));
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "行政处罚法", article: 54 });
    const ok = decideInspection(
      s,
      { type: "inspection.conclude", result: "fail", penaltyCaseId: "case-9" },
      ctx("2025-03-06T02:00:00.000Z"),
    );
    expect(ok.isOk()).toBe(true);
  });

  it("refuses an entity not drawn by the task (优化营商环境条例第五十四条)", () => {
    const s = foldInspection("insp-1", [])._unsafeUnwrap();
    const r = decideInspection(s, { type: "inspection.open", task, uscc: "E99" }, ctx("2025-03-04T01:00:00.000Z"));
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "优化营商环境条例", article: 54 });
  });
});
