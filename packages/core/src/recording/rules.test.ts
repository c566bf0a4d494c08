import { describe, expect, it } from "vitest";
import { sdkLawsRegistry } from "../laws.js";
import {
  DEFAULT_RECORDING_RULE_TABLE,
  DEFAULT_RECORDING_RULES,
  defineRecordingRules,
  type RecordingRule,
  rulesFor,
} from "./rules.js";
import { compareStages, KNOWN_ACTIONS, STAGE_NAMES, STAGES } from "./vocabulary.js";

const row = (id: string): RecordingRule => {
  const r = DEFAULT_RECORDING_RULE_TABLE.find((x) => x.id === id);
  if (r === undefined) throw new Error(`no row ${id}`);
  return r;
};

describe("stage vocabulary", () => {
  it("lists the stages in procedure order with Chinese names (行政处罚法第四十七条)", () => {
    expect(STAGES.map((s) => STAGE_NAMES[s])).toEqual([
      "立案",
      "调查取证",
      "审查",
      "决定",
      "送达",
      "执行",
      "结案",
      "归档",
    ]);
    expect(compareStages("filing", "archiving")).toBeLessThan(0);
  });
});

describe("default recording rule table", () => {
  it("every row's source resolves in the shipped laws database", () => {
    const laws = sdkLawsRegistry();
    const failures = DEFAULT_RECORDING_RULE_TABLE.filter((r) => laws.resolve(r.source).isErr()).map((r) => r.id);
    expect(failures).toEqual([]);
  });

  it("row ids are unique and every action is known", () => {
    const ids = DEFAULT_RECORDING_RULE_TABLE.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of DEFAULT_RECORDING_RULE_TABLE) expect(Object.keys(KNOWN_ACTIONS)).toContain(r.action);
  });

  it("查封扣押 and 强制拆除 need whole-process audio-video, audio alone not enough (国办发〔2018〕118号 三（八）)", () => {
    for (const id of ["sealOrSeize.audioVideo", "forcedDemolition.audioVideo", "inquiryInCaseRoom.audioVideo"]) {
      expect(row(id)).toMatchObject({ requirement: "required", wholeProcess: true, kinds: ["video"] });
      expect(row(id).source.law).toBe("国办发〔2018〕118号");
    }
  });

  it("现场检查, 听证, 送达, 留置送达, 公告送达 take audio-video as circumstances require (国办发〔2018〕118号 三（八）)", () => {
    for (const id of [
      "siteInspection.audioVideo",
      "hearing.audioVideo",
      "service.audioVideo",
      "serviceByLeaving.audioVideo",
      "serviceByNotice.audioVideo",
    ]) {
      expect(row(id).requirement).toBe("asCircumstancesRequire");
    }
  });

  it("询问 and 检查 need a transcript (行政处罚法第五十五条第二款)", () => {
    expect(row("inquiry.transcript")).toMatchObject({
      kinds: ["transcript"],
      source: { law: "行政处罚法", article: 55, paragraph: 2 },
    });
    expect(row("siteInspection.transcript").source).toMatchObject({ article: 55, paragraph: 2 });
  });

  it("查封扣押 needs an on-site record (行政强制法第十八条第（七）项) and a decision with list (第二十四条)", () => {
    expect(row("sealOrSeize.transcript").source).toMatchObject({ law: "行政强制法", article: 18, item: 7 });
    expect(row("sealOrSeize.document").source).toMatchObject({ law: "行政强制法", article: 24, paragraph: 1 });
  });

  it("听证 needs a transcript (行政处罚法第六十四条第（八）项)", () => {
    expect(row("hearing.transcript").source).toMatchObject({ article: 64, item: 8 });
  });
});

describe("defineRecordingRules", () => {
  it("with no config gives the default table, every row marked default", () => {
    const rules = defineRecordingRules()._unsafeUnwrap();
    expect(rules.rules.map((r) => r.id)).toEqual(DEFAULT_RECORDING_RULE_TABLE.map((r) => r.id));
    expect(rules.rules.every((r) => r.origin === "default")).toBe(true);
  });

  it("replaces a row by id, adds rows and actions, removes rows", () => {
    const local = {
      law: "沙坡头区司法局三项制度试点工作方案",
      section: "二（二）（1）",
      confidence: "C-local",
    } as const;
    const rules = defineRecordingRules({
      actions: { interview: { name: "约谈", stage: "investigation" } },
      rules: [
        { ...row("hearing.audioVideo"), requirement: "required", wholeProcess: true, source: local },
        {
          id: "interview.audioVideo",
          action: "interview",
          kinds: ["video"],
          requirement: "required",
          wholeProcess: true,
          description: "约谈全程录像",
          source: local,
        },
      ],
      remove: ["service.audioVideo"],
    })._unsafeUnwrap();
    expect(rules.rules.find((r) => r.id === "hearing.audioVideo")).toMatchObject({
      requirement: "required",
      origin: "overridden",
    });
    expect(rules.rules.find((r) => r.id === "interview.audioVideo")?.origin).toBe("added");
    expect(rules.rules.some((r) => r.id === "service.audioVideo")).toBe(false);
    expect(rulesFor(rules, "investigation", "interview")).toHaveLength(1);
    expect(rules.actions.interview?.name).toBe("约谈");
  });

  it("refuses an undeclared action, a duplicate id, removing an unknown row, and a bad row", () => {
    const base = row("inquiry.transcript");
    expect(
      defineRecordingRules({ rules: [{ ...base, id: "x.y", action: "unknownThing" }] })._unsafeUnwrapErr().code,
    ).toBe("INVALID_INPUT");
    expect(defineRecordingRules({ rules: [base, base] })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(defineRecordingRules({ remove: ["nope"] })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(defineRecordingRules({ rules: [base], remove: [base.id] })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(defineRecordingRules({ rules: [{ ...base, kinds: [] }] })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("rows scoped to a stage apply only there", () => {
    const rules = defineRecordingRules({ rules: [{ ...row("inquiry.transcript"), stage: "filing" }] })._unsafeUnwrap();
    expect(rulesFor(rules, "filing", "inquiry").map((r) => r.id)).toContain("inquiry.transcript");
    expect(rulesFor(rules, "investigation", "inquiry").map((r) => r.id)).not.toContain("inquiry.transcript");
    expect(rulesFor(DEFAULT_RECORDING_RULES, "investigation", "inquiry").map((r) => r.id)).toContain(
      "inquiry.transcript",
    );
  });
});
