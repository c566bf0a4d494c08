import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../kernel/ports.js";
import { createBodiesRegistry } from "../../registry/bodies/registry.js";
import type { Organisation } from "../../registry/entities/parties.js";
import type { InspectionItem } from "../../registry/powers/schema.js";
import { type DrawInspectionInput, drawInspectionTask, replayDraw, runDraw, verifyDraw } from "./draw.js";

const officer = (n: number, validUntil = "2028-12-31") => ({
  id: `o${n}`,
  name: `人员${n}`,
  bodyId: "spt",
  certificateNumber: `6405021900${String(n).padStart(2, "0")}`,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil,
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
  officers: [1, 2, 3, 4, 5].map((n) => officer(n)).concat([officer(6, "2024-12-31")]),
})._unsafeUnwrap();

const org = (uscc: string, regionCode = "640502", status: Organisation["status"] = "active"): Organisation => ({
  kind: "organisation",
  uscc,
  name: `律所${uscc}`,
  legalRepresentative: "张三",
  address: "沙坡头区",
  regionCode,
  status,
  effectiveFrom: "2020-01-01",
});

const item: InspectionItem = {
  code: "SJ-001",
  name: "律师事务所执业活动检查",
  bodyId: "spt",
  targets: "辖区律师事务所",
  basis: [{ law: "律师法", article: 52, paragraph: 1 }],
  methods: ["现场检查"],
  ratioBasisPoints: 3000,
  timesPerYear: 1,
  effectiveFrom: "2020-01-01",
};

const organisations = [
  ...Array.from({ length: 10 }, (_, i) => org(`E${String(i).padStart(2, "0")}`)),
  org("X01", "640100"),
  org("X02", "640502", "deregistered"),
];

const input: DrawInspectionInput = {
  taskId: "task-2025-1",
  items: [item],
  date: "2025-03-03",
  drawnAt: "2025-03-03T02:00:00.000Z",
  category: "律师管理",
  regionCode: "640502",
  recusals: [
    { officerId: "o1", reason: "配偶任合伙人", uscc: "E03" },
    { officerId: "o5", reason: "本人申请回避" },
  ],
};
const pools = { organisations, bodies };

describe("随机抽查任务 drawInspectionTask (优化营商环境条例第五十四条)", () => {
  it("draws 30 % of the in-scope active entities, 2 inspectors each, and records the seed", () => {
    const task = drawInspectionTask(input, seededRandom(7), pools)._unsafeUnwrap();
    expect(task.entityPool).toHaveLength(10);
    expect(task.inspectorPool).toEqual(["o1", "o2", "o3", "o4", "o5"]);
    expect(task.assignments).toHaveLength(3);
    expect(task.seed).toMatch(/^[0-9a-f]{64}$/);
    for (const a of task.assignments) expect(a.officerIds).toHaveLength(2);
  });

  it("is reproducible from its recorded seed, and the same seed gives the same draw", () => {
    const a = drawInspectionTask(input, seededRandom(7), pools)._unsafeUnwrap();
    const b = drawInspectionTask(input, seededRandom(7), pools)._unsafeUnwrap();
    expect(b).toEqual(a);
    expect(replayDraw(a).isOk()).toBe(true);
    expect(verifyDraw(a, pools).isOk()).toBe(true);
    expect(runDraw(a)._unsafeUnwrap()).toEqual(a.assignments);
  });

  it("detects a tampered result or a changed pool (INSPECTION_DRAW_MISMATCH)", () => {
    const task = drawInspectionTask(input, seededRandom(7), pools)._unsafeUnwrap();
    const first = task.assignments[0];
    if (first === undefined) throw new Error("no assignment");
    const forged = { ...task, assignments: [{ ...first, officerIds: ["o2", "o9"] }, ...task.assignments.slice(1)] };
    expect(replayDraw(forged)._unsafeUnwrapErr().code).toBe("INSPECTION_DRAW_MISMATCH");
    const fewer = { organisations: organisations.slice(1), bodies };
    expect(verifyDraw(task, fewer)._unsafeUnwrapErr().code).toBe("INSPECTION_DRAW_MISMATCH");
  });

  it("every drawn inspector may act and none is recused (行政处罚法第四十三条)", () => {
    for (let seed = 0; seed < 50; seed++) {
      const task = drawInspectionTask({ ...input, count: 10 }, seededRandom(seed), pools)._unsafeUnwrap();
      for (const a of task.assignments) {
        for (const id of a.officerIds) {
          const act = { category: "律师管理", regionCode: "640502", kind: "inspection" as const, bodyId: "spt" };
          expect(bodies.mayAct(id, act, "2025-03-03").isOk()).toBe(true);
          expect(id).not.toBe("o5");
          expect(id).not.toBe("o6");
          if (a.uscc === "E03") expect(id).not.toBe("o1");
        }
      }
    }
  });

  it("refuses when recusals leave fewer than 2 inspectors (行政处罚法第四十二条第一款)", () => {
    const recusals = ["o1", "o2", "o3", "o5"].map((officerId) => ({ officerId, reason: "利害关系" }));
    const r = drawInspectionTask({ ...input, recusals }, seededRandom(1), pools);
    expect(r._unsafeUnwrapErr().code).toBe("OFFICERS_INSUFFICIENT");
    expect(r._unsafeUnwrapErr().source).toMatchObject({ law: "行政处罚法", article: 42 });
  });

  test.prop([
    fc.uniqueArray(fc.stringMatching(/^[A-Z0-9]{4}$/), { minLength: 1, maxLength: 30 }),
    fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{1,5}$/), { minLength: 2, maxLength: 12 }),
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 2, max: 4 }),
    fc.stringMatching(/^[0-9a-f]{64}$/),
  ])("never repeats an entity nor assigns fewer inspectors than required", (entities, inspectors, n, per, seed) => {
    const count = Math.min(n, entities.length);
    const r = runDraw({
      seed,
      hash: "sha256",
      entityPool: [...entities].sort(),
      inspectorPool: [...inspectors].sort(),
      recusals: [],
      count,
      inspectorsPerEntity: per,
    });
    if (inspectors.length < per) {
      expect(r._unsafeUnwrapErr().code).toBe("OFFICERS_INSUFFICIENT");
      return;
    }
    const out = r._unsafeUnwrap();
    expect(new Set(out.map((a) => a.uscc)).size).toBe(count);
    for (const a of out) {
      expect(new Set(a.officerIds).size).toBe(per);
      for (const id of a.officerIds) expect(inspectors).toContain(id);
    }
  });
});
