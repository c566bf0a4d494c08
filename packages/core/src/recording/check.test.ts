import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  type AttachedRecord,
  type CaseRecording,
  checkRecording,
  type PerformedAction,
  requireRecords,
} from "./check.js";
import { DEFAULT_RECORDING_RULE_TABLE, defineRecordingRules } from "./rules.js";
import { KNOWN_ACTIONS, RECORD_KINDS, STAGES } from "./vocabulary.js";

const T0 = "2026-05-01T02:00:00Z";
const T1 = "2026-05-01T03:00:00Z";
const seize: PerformedAction = { id: "act-1", stage: "investigation", action: "sealOrSeize", at: T0, endedAt: T1 };
const rec = (id: string, kind: AttachedRecord["kind"], extra: Partial<AttachedRecord> = {}): AttachedRecord => ({
  id,
  kind,
  actionId: "act-1",
  evidenceIds: [],
  ...extra,
});

describe("checkRecording", () => {
  it("查封扣押 without records has three gaps: 现场笔录 (行政强制法第十八条), 决定书和清单 (第二十四条), 全程音像 (118号 三（八）)", () => {
    const report = checkRecording({ actions: [seize], records: [] });
    expect(report.complete).toBe(false);
    expect(report.gaps.map((g) => g.ruleId)).toEqual([
      "sealOrSeize.transcript",
      "sealOrSeize.document",
      "sealOrSeize.audioVideo",
    ]);
    expect(report.gaps[0]?.source).toMatchObject({ law: "行政强制法", article: 18, item: 7 });
    expect(report.gaps[2]?.message).toContain("查封扣押（act-1）缺少录像");
  });

  it("查封扣押 with a video that does not cover the whole action is a notWholeProcess gap (国办发〔2018〕118号 三（八）)", () => {
    const records = [
      rec("r1", "transcript"),
      rec("r2", "document"),
      rec("r3", "video", { wholeProcess: true, startedAt: T0, endedAt: "2026-05-01T02:30:00Z" }),
    ];
    const report = checkRecording({ actions: [seize], records });
    expect(report.gaps).toHaveLength(1);
    expect(report.gaps[0]).toMatchObject({ ruleId: "sealOrSeize.audioVideo", reason: "notWholeProcess" });
    expect(report.gaps[0]?.message).toContain("未覆盖执法全过程");
  });

  it("查封扣押 with transcript, decision and a whole-process video is complete", () => {
    const records = [
      rec("r1", "transcript"),
      rec("r2", "document"),
      rec("r3", "video", { wholeProcess: true, startedAt: T0, endedAt: T1 }),
    ];
    expect(checkRecording({ actions: [seize], records })).toMatchObject({ complete: true, gaps: [], advisories: [] });
  });

  it("现场检查 without video is complete but advised (行政处罚法第五十五条第二款; 118号 根据实际情况)", () => {
    const action: PerformedAction = { id: "act-1", stage: "investigation", action: "siteInspection", at: T0 };
    const report = checkRecording({ actions: [action], records: [rec("r1", "transcript")] });
    expect(report.complete).toBe(true);
    expect(report.advisories.map((a) => a.ruleId)).toEqual(["siteInspection.audioVideo"]);
  });

  it("records attached to another action do not count (行政处罚法第四十七条)", () => {
    const action: PerformedAction = { id: "act-2", stage: "review", action: "hearing", at: T0 };
    const report = checkRecording({ actions: [action], records: [rec("r1", "transcript")] });
    expect(report.gaps.map((g) => g.ruleId)).toEqual(["hearing.transcript"]);
  });

  it("an action no row names needs nothing", () => {
    expect(
      checkRecording({ actions: [{ id: "a", stage: "closing", action: "somethingLocal", at: T0 }], records: [] })
        .complete,
    ).toBe(true);
  });
});

describe("requireRecords", () => {
  it("refuses 查封扣押 without whole-process AV with RECORDING_INCOMPLETE, naming the gap and 118号 as source", () => {
    const r = requireRecords("investigation", "sealOrSeize", [
      rec("r1", "transcript"),
      rec("r2", "document"),
      rec("r3", "video"),
    ]);
    const e = r._unsafeUnwrapErr();
    expect(e.code).toBe("RECORDING_INCOMPLETE");
    expect(e.message).toContain("调查取证环节的查封扣押记录不完整");
    expect(e.message).toContain("未覆盖执法全过程");
    expect(e.source?.law).toBe("国办发〔2018〕118号");
    expect(e.details?.gaps).toEqual([
      expect.objectContaining({ ruleId: "sealOrSeize.audioVideo", reason: "notWholeProcess" }),
    ]);
  });

  it("passes 作出行政处罚决定 with a decision document (行政处罚法第五十九条第一款)", () => {
    expect(requireRecords("decision", "decision", [rec("r1", "document")])._unsafeUnwrap()).toBe(true);
  });

  it("refuses an action no rule knows (onSiteCheck), listing the known ones; a declared one is accepted", () => {
    const e = requireRecords("investigation", "onSiteCheck", [rec("r1", "transcript")])._unsafeUnwrapErr();
    expect(e.code).toBe("RECORDING_ACTION_UNKNOWN");
    expect(e.message).toContain("onSiteCheck");
    expect(e.message).toContain("siteInspection（现场检查）");
    expect(e.source).toMatchObject({ law: "行政处罚法", article: 47 });
    const local = defineRecordingRules({ actions: { onSiteCheck: { name: "现场核查", stage: "investigation" } } });
    expect(requireRecords("investigation", "onSiteCheck", [], local._unsafeUnwrap()).isOk()).toBe(true);
  });

  it("compares the span of a whole-process record when the action's span is given", () => {
    const records = [
      rec("r1", "transcript"),
      rec("r2", "document"),
      rec("r3", "video", { wholeProcess: true, startedAt: T0, endedAt: T0 }),
    ];
    expect(requireRecords("investigation", "sealOrSeize", records).isOk()).toBe(true);
    expect(requireRecords("investigation", "sealOrSeize", records, undefined, { at: T0, endedAt: T1 }).isErr()).toBe(
      true,
    );
  });
});

// ---- property tests against an independent model ---------------------------------------

const actionNames = [...Object.keys(KNOWN_ACTIONS), "localAction"];
const idArb = fc.constantFrom("a1", "a2", "a3", "a4", "a5");
const actionArb = fc.record({
  id: idArb,
  stage: fc.constantFrom(...STAGES),
  action: fc.constantFrom(...actionNames),
  at: fc.constant(T0),
});
const recordArb = fc.record({
  id: fc.constantFrom("r1", "r2", "r3"),
  kind: fc.constantFrom(...RECORD_KINDS),
  actionId: idArb,
  evidenceIds: fc.constant([] as string[]),
  wholeProcess: fc.boolean(),
});
const caseArb = fc.record({
  actions: fc.uniqueArray(actionArb, { selector: (a) => a.id, maxLength: 5 }),
  records: fc.array(recordArb, { maxLength: 12 }),
});

/** The model: a required row is unmet when no record of the action has a kind it lists (with the flag when it asks for it). */
function modelGaps(c: CaseRecording): string[] {
  const out: string[] = [];
  for (const a of c.actions) {
    for (const rule of DEFAULT_RECORDING_RULE_TABLE) {
      if (rule.action !== a.action || rule.requirement !== "required") continue;
      let met = false;
      for (const r of c.records) {
        if (r.actionId === a.id && rule.kinds.includes(r.kind) && (!rule.wholeProcess || r.wholeProcess === true))
          met = true;
      }
      if (!met) out.push(`${a.id}/${rule.id}`);
    }
  }
  return out.sort();
}

describe("checkRecording properties", () => {
  test.prop([caseArb])("finds exactly the gaps of the independent model (行政处罚法第四十七条)", (c) => {
    const report = checkRecording(c);
    expect(report.gaps.map((g) => `${g.actionId}/${g.ruleId}`).sort()).toEqual(modelGaps(c));
    expect(report.complete).toBe(modelGaps(c).length === 0);
  });

  test.prop([actionArb, fc.array(recordArb, { maxLength: 6 })])(
    "a transition needing a missing record is refused and names it (RECORDING_INCOMPLETE)",
    (action, records) => {
      const own = records.map(({ actionId: _a, ...r }) => r);
      const expected = modelGaps({
        actions: [{ ...action, id: "x" }],
        records: own.map((r) => ({ ...r, actionId: "x" })),
      });
      const result = requireRecords(action.stage, action.action, own);
      if (!Object.hasOwn(KNOWN_ACTIONS, action.action)) {
        // An action no rule knows would escape every rule: refused, listing the known ones.
        const e = result._unsafeUnwrapErr();
        expect(e.code).toBe("RECORDING_ACTION_UNKNOWN");
        expect(e.details?.allowed).toEqual(Object.keys(KNOWN_ACTIONS));
        expect(e.message).toContain(action.action);
      } else if (expected.length === 0) expect(result.isOk()).toBe(true);
      else {
        const e = result._unsafeUnwrapErr();
        expect(e.code).toBe("RECORDING_INCOMPLETE");
        const named = ((e.details?.gaps ?? []) as { ruleId: string }[]).map((g) => `x/${g.ruleId}`).sort();
        expect(named).toEqual(expected);
        for (const g of named) {
          const rule = DEFAULT_RECORDING_RULE_TABLE.find((r) => `x/${r.id}` === g);
          expect(e.message).toContain(rule?.description);
        }
      }
    },
  );
});
