// Registry checks of the 双随机 inspection (issue 15 §3): who acts on an inspection case — and
// every officer recorded as present — is in the registry, of the task's body, in post and
// certified that day; an officer is one of the inspectors drawn for the entity; refusals are
// coded and name the officer, and change nothing.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { chinaCalendar } from "../../calendar/work-calendar.js";
import type { Actor } from "../../kernel/actors.js";
import { seededRandom } from "../../kernel/ports.js";
import { createBodiesRegistry } from "../../registry/bodies/registry.js";
import type { Organisation } from "../../registry/entities/parties.js";
import type { InspectionItem } from "../../registry/powers/schema.js";
import { foldInspection, type InspectionCaseState } from "./case.js";
import { decideInspection, type InspectionDecideContext } from "./decide.js";
import { drawInspectionTask } from "./draw.js";

const officer = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `人员${id}`,
  bodyId: "spt",
  certificateNumber: `6405021900${id.padStart(2, "0").slice(-2)}`,
  issuerId: "nx",
  categories: ["律师管理"],
  regions: ["640502"],
  validFrom: "2019-01-01",
  validUntil: "2028-12-31",
  status: "active" as const,
  effectiveFrom: "2019-01-01",
  ...extra,
});
const body = (id: string, name: string) => ({
  id,
  name,
  kind: "agency" as const,
  authority: [{ law: "律师法", article: 52, paragraph: 1 }],
  regionCode: "640502",
  categories: ["律师管理"],
  effectiveFrom: "2019-01-01",
});
const issuers = [{ id: "nx", name: "宁夏回族自治区人民政府", pattern: "64\\d{10}" }];
const bodiesWith = (officers: ReturnType<typeof officer>[]) =>
  createBodiesRegistry({
    issuers,
    bodies: [body("spt", "中卫市沙坡头区司法局"), body("zn", "中宁县司法局")],
    officers,
  })._unsafeUnwrap();

/** At the draw only o1 and o2 are in the pool: both are drawn. */
const atDraw = bodiesWith([officer("1"), officer("2")]);
/** Later: o5 joined the bureau (not drawn), x9 is of another bureau. */
const later = (o2: Record<string, unknown> = {}) =>
  bodiesWith([officer("1"), officer("2", o2), officer("5"), officer("9", { id: "x9", bodyId: "zn" })]);

const org: Organisation = {
  kind: "organisation",
  uscc: "E01",
  name: "某律所",
  legalRepresentative: "张三",
  address: "沙坡头区",
  regionCode: "640502",
  status: "active",
  effectiveFrom: "2020-01-01",
};
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
  { organisations: [org], bodies: atDraw },
)._unsafeUnwrap();

const actor = (id: string, extra: Partial<Actor> = {}): Actor => ({
  id,
  name: `人员${id}`,
  roles: ["officer"],
  ...extra,
});
const ctx = (now: string, who: Actor, bodies = later()): InspectionDecideContext => ({
  actor: who,
  now,
  calendar: chinaCalendar(),
  bodies,
});
const OPEN_AT = "2025-03-04T01:00:00.000Z";
const RECORD_AT = "2025-03-05T02:00:00.000Z";
const inspect = {
  type: "inspection.record" as const,
  officerIds: ["1", "2"],
  certificateShown: true,
  findings: "执业规范",
  records: [{ id: "t1", kind: "transcript" as const }],
};
const empty = (): InspectionCaseState => foldInspection("insp-1", [])._unsafeUnwrap();
function opened(): InspectionCaseState {
  const events = decideInspection(empty(), { type: "inspection.open", task, uscc: "E01" }, ctx(OPEN_AT, actor("1")));
  return foldInspection("insp-1", events._unsafeUnwrap())._unsafeUnwrap();
}

describe("行政检查的人员核验 (issue 15 §3)", () => {
  it("draws o1 and o2 for the entity (the fixture's premise)", () => {
    expect(task.assignments[0]?.officerIds.toSorted()).toEqual(["1", "2"]);
  });

  it("an officer of another bureau, or one not in the registry, cannot open the case: ACTOR_NOT_REGISTERED naming them", () => {
    const open = { type: "inspection.open" as const, task, uscc: "E01" };
    const other = decideInspection(empty(), open, ctx(OPEN_AT, actor("x9")))._unsafeUnwrapErr();
    expect(other.code).toBe("ACTOR_NOT_REGISTERED");
    expect(other.details).toMatchObject({ actorId: "x9", reason: "otherBody" });
    const stranger = decideInspection(empty(), open, ctx(OPEN_AT, actor("nobody")))._unsafeUnwrapErr();
    expect(stranger.code).toBe("ACTOR_NOT_REGISTERED");
    expect(stranger.message).toContain("nobody");
  });

  it("a registered officer not drawn for the entity cannot record, conclude or publish: NOT_ON_CASE_TEAM (优化营商环境条例第五十四条)", () => {
    const s = opened();
    const r = decideInspection(
      s,
      { ...inspect, officerIds: ["5", "1"] },
      ctx(RECORD_AT, actor("5")),
    )._unsafeUnwrapErr();
    expect(r.code).toBe("NOT_ON_CASE_TEAM");
    expect(r.source).toMatchObject({ law: "优化营商环境条例", article: 54 });
    expect(r.details).toMatchObject({ actorId: "5" });
    const recorded = foldInspection("insp-1", [
      ...decideInspection(
        empty(),
        { type: "inspection.open", task, uscc: "E01" },
        ctx(OPEN_AT, actor("1")),
      )._unsafeUnwrap(),
    ])._unsafeUnwrap();
    const events = decideInspection(recorded, inspect, ctx(RECORD_AT, actor("1")))._unsafeUnwrap();
    const afterRecord = foldInspection("insp-1", [
      ...decideInspection(
        empty(),
        { type: "inspection.open", task, uscc: "E01" },
        ctx(OPEN_AT, actor("1")),
      )._unsafeUnwrap(),
      ...events,
    ])._unsafeUnwrap();
    const at = "2025-03-06T02:00:00.000Z";
    const conclude = decideInspection(
      afterRecord,
      { type: "inspection.conclude", result: "pass" },
      ctx(at, actor("5")),
    );
    expect(conclude._unsafeUnwrapErr().code).toBe("NOT_ON_CASE_TEAM");
    expect(
      decideInspection(afterRecord, { type: "inspection.conclude", result: "pass" }, ctx(at, actor("2"))).isOk(),
    ).toBe(true);
  });

  it("a claimed certificate number the registry does not back is refused (ACTOR_NOT_REGISTERED)", () => {
    const r = decideInspection(opened(), inspect, ctx(RECORD_AT, actor("1", { certificateNumber: "640502199999" })));
    expect(r._unsafeUnwrapErr().details).toMatchObject({ reason: "certificateMismatch", actorId: "1" });
  });

  it("a drawn inspector whose certificate expired before the case opens stops the opening, naming them and the next step (行政处罚法第四十二条)", () => {
    const bodies = later({ validUntil: "2025-03-03" });
    const r = decideInspection(
      empty(),
      { type: "inspection.open", task, uscc: "E01" },
      ctx(OPEN_AT, actor("1"), bodies),
    );
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(e.details).toMatchObject({ officerId: "2", taskId: "task-1" });
    expect(e.message).toContain("重新抽取");
  });

  it("an inspector no longer in post on the day of the inspection is refused as present, naming them", () => {
    const s = opened();
    const suspended = bodiesWith([
      officer("1"),
      officer("2", { effectiveUntil: "2025-03-05" }),
      officer("2", { status: "suspended", effectiveFrom: "2025-03-05" }),
    ]);
    const r = decideInspection(s, inspect, ctx(RECORD_AT, actor("1"), suspended))._unsafeUnwrapErr();
    expect(r.code).toBe("OFFICER_NOT_QUALIFIED");
    expect(r.details).toMatchObject({ officerId: "2" });
    // And as the actor himself.
    const self = decideInspection(s, inspect, ctx(RECORD_AT, actor("2"), suspended))._unsafeUnwrapErr();
    expect(self.code).toBe("OFFICER_NOT_QUALIFIED");
  });

  const who = fc.constantFrom("1", "2", "5", "x9", "nobody");
  test.prop([who, fc.subarray(["1", "2", "5", "x9"], { minLength: 1 })])(
    "recording is accepted exactly when the actor and every officer present are drawn, registered with the body and qualified; a refusal changes nothing",
    (id, present) => {
      const s = opened();
      const before = JSON.stringify(s);
      const r = decideInspection(s, { ...inspect, officerIds: present }, ctx(RECORD_AT, actor(id)));
      const drawn = ["1", "2"];
      const expected =
        drawn.includes(id) && present.includes(id) && present.every((p) => drawn.includes(p)) && present.length >= 2;
      expect(r.isOk()).toBe(expected);
      if (r.isErr()) {
        expect(r.error.code).toMatch(/^[A-Z_]+$/);
        expect(JSON.stringify(s)).toBe(before);
      }
    },
  );
});
