import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { IdSchema } from "../kernel/ports.js";
import { buildDraft, disclosureIdFor } from "./draft.js";
import { DEFAULT_REDACTION_POLICY } from "./redaction.js";
import { DEFAULT_DISCLOSURE_POLICY } from "./rules.js";
import { DISCLOSURE_KINDS } from "./schema.js";

describe("disclosureIdFor", () => {
  it("is readable for plain keys", () => {
    expect(disclosureIdFor("decision", "case-1")).toBe("gs-decision-case-1");
    expect(disclosureIdFor("power", "330217001000")).toBe("gs-power-330217001000");
  });

  test.prop([fc.constantFrom(...DISCLOSURE_KINDS), fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 })])(
    "always a valid Id, stable, and distinct keys give distinct ids",
    (kind, a, b) => {
      expect(IdSchema.safeParse(disclosureIdFor(kind, a)).success).toBe(true);
      expect(disclosureIdFor(kind, a)).toBe(disclosureIdFor(kind, a));
      if (a !== b) expect(disclosureIdFor(kind, a)).not.toBe(disclosureIdFor(kind, b));
    },
  );

  it("hash-suffixes keys that do not fit", () => {
    const id = disclosureIdFor("benchmark", "市场监管-001");
    expect(id).toMatch(/^gs-benchmark-_+-001-[0-9a-f]{16}$/);
    expect(disclosureIdFor("body", "x".repeat(200))).toHaveLength(128);
  });
});

describe("buildDraft", () => {
  it("redacts content and title, names the rule and its source", () => {
    const d = buildDraft(
      {
        content: {
          kind: "enforcementAct",
          act: "现场检查",
          actOn: "2025-03-04",
          officers: [{ name: "甲", certificateNumber: "640502190001" }],
          documents: ["现场检查笔录（联系人13812345678）"],
        },
        key: "c1.2",
        title: "现场检查（13812345678）",
        bodyId: "spt",
        bodyName: "中卫市沙坡头区司法局",
        startOn: "2025-03-04",
        caseId: "c1",
        redaction: { policy: DEFAULT_REDACTION_POLICY, publicIdentifiers: ["640502190001"] },
      },
      DEFAULT_DISCLOSURE_POLICY,
    )._unsafeUnwrap();
    expect(d).toMatchObject({ disclosureId: "gs-act-c1.2", phase: "during", ruleId: "enforcementAct", caseId: "c1" });
    expect(d.title).not.toContain("13812345678");
    expect(JSON.stringify(d.content)).not.toContain("13812345678");
    expect(JSON.stringify(d.content)).toContain("640502190001");
    expect(d.redactions).toEqual([{ path: "documents[0]", field: "mobile", count: 1 }]);
    expect(d.source).toMatchObject({ law: "行政处罚法", article: 55 });
  });

  it("INVALID_INPUT when the data cannot make a valid disclosure", () => {
    const r = buildDraft(
      {
        content: { kind: "body", name: "某局", nature: "行政机关", authority: [], categories: [] },
        key: "b",
        title: " ",
        bodyId: "b",
        bodyName: "某局",
        startOn: "2025-03-04",
        redaction: { policy: DEFAULT_REDACTION_POLICY },
      },
      DEFAULT_DISCLOSURE_POLICY,
    );
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});
