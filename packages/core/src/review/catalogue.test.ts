import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import {
  classifyDecision,
  DEFAULT_REVIEW_CATALOGUE,
  REVIEW_RULES,
  reachesThreshold,
  resolveReviewCatalogue,
} from "./catalogue.js";
import { type ReviewDraftInput, ReviewDraftSchema } from "./draft.js";
import { draftInput } from "./test-fixtures.js";

const classify = (patch: Partial<ReviewDraftInput>, catalogue = DEFAULT_REVIEW_CATALOGUE) =>
  classifyDecision(ReviewDraftSchema.parse({ ...draftInput, ...patch }), catalogue);
const rules = (patch: Partial<ReviewDraftInput>, catalogue = DEFAULT_REVIEW_CATALOGUE) =>
  classify(patch, catalogue).reasons.map((r) => r.rule);

describe("classifyDecision — the fixed cases of 行政处罚法第五十八条第一款", () => {
  it("item 1: major public interest is major whatever the catalogue says", () => {
    const none = resolveReviewCatalogue({
      afterHearing: false,
      socialImpact: false,
      mitigated: false,
      outsideBenchmark: false,
      penaltyKinds: [],
    })._unsafeUnwrap();
    const r = classify({ penalty: { kinds: ["warning"] }, majorPublicInterest: true }, none);
    expect(r.major).toBe(true);
    expect(r.reasons[0]?.source).toMatchObject({ law: "行政处罚法", article: 58, paragraph: 1, item: 1 });
  });

  it("item 2: major rights *and* a hearing; a hearing alone is major only through the catalogue", () => {
    expect(rules({ penalty: { kinds: ["warning"] }, hearingHeld: true, majorRights: true })).toContain(
      "hearingMajorRights",
    );
    const noHearingRow = resolveReviewCatalogue({ afterHearing: false })._unsafeUnwrap();
    expect(rules({ penalty: { kinds: ["warning"] }, hearingHeld: true }, noHearingRow)).toEqual([]);
    expect(rules({ penalty: { kinds: ["warning"] }, majorRights: true })).toEqual([]);
    expect(rules({ penalty: { kinds: ["warning"] }, hearingHeld: true })).toEqual(["afterHearing"]);
  });

  it("item 3: difficult and complex, or several legal relationships — one reason naming both", () => {
    const r = classify({ penalty: { kinds: ["warning"] }, complex: true, severalLegalRelationships: true });
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]?.text).toBe("案件情况疑难复杂、涉及多个法律关系");
  });

  it("item 4: another rule requiring review is cited as given", () => {
    const source = { law: "律师法", article: 50 };
    const r = classify({ penalty: { kinds: ["warning"] }, requiredBy: [source] });
    expect(r.reasons[0]).toMatchObject({ rule: "requiredByLaw", source });
  });

  it("a draft without a penalty (不予处罚, 移送) is major only by the Art. 58 cases", () => {
    expect(classify({ outcome: "notEstablished", penalty: undefined, mitigated: true }).major).toBe(false);
    expect(classify({ outcome: "transfer", penalty: undefined, complex: true }).major).toBe(true);
  });
});

describe("classifyDecision — the catalogue (目录清单, [VAR])", () => {
  it("fine thresholds per party kind, inclusive by default: ¥100,000 to an organisation is major, ¥99,999.99 is not", () => {
    expect(rules({ penalty: { kinds: ["fine"], fineFen: 10_000_000 } })).toEqual(["fineAmount"]);
    expect(rules({ penalty: { kinds: ["fine"], fineFen: 9_999_999 } })).toEqual([]);
    const person = { kind: "person" as const, name: "张某" };
    expect(rules({ party: person, penalty: { kinds: ["fine"], fineFen: 1_000_000 } })).toEqual(["fineAmount"]);
    expect(rules({ party: person, penalty: { kinds: ["fine"], fineFen: 999_999 } })).toEqual([]);
  });

  it("an exclusive threshold (长治: 超过 ¥10,000 不含本数) does not count the amount itself", () => {
    const changzhi = resolveReviewCatalogue({
      fine: { person: { fen: 1_000_000, inclusive: false }, organisation: { fen: 10_000_000, inclusive: false } },
    })._unsafeUnwrap();
    expect(rules({ penalty: { kinds: ["fine"], fineFen: 10_000_000 } }, changzhi)).toEqual([]);
    expect(rules({ penalty: { kinds: ["fine"], fineFen: 10_000_001 } }, changzhi)).toEqual(["fineAmount"]);
    const r = classify({ penalty: { kinds: ["fine"], fineFen: 10_000_001 } }, changzhi);
    expect(r.reasons[0]?.text).toContain("不含本数");
  });

  it("penalty kinds: 吊销, 责令停产停业, 责令关闭, 限制从业, 降低资质等级 by default", () => {
    for (const kind of [
      "revokeLicence",
      "suspendBusiness",
      "orderClose",
      "restrictPractice",
      "demoteQualification",
    ] as const) {
      expect(rules({ penalty: { kinds: [kind] } })).toEqual(["penaltyKind"]);
    }
    expect(rules({ penalty: { kinds: ["warning"] } })).toEqual([]);
  });

  it("confiscation thresholds apply only when the catalogue sets them", () => {
    const p = { kinds: ["confiscateGains" as const], confiscationFen: 50_000_000 };
    expect(rules({ penalty: p })).toEqual([]);
    const withConf = resolveReviewCatalogue({
      confiscation: { person: { fen: 1_000_000, inclusive: true }, organisation: { fen: 10_000_000, inclusive: true } },
    })._unsafeUnwrap();
    expect(rules({ penalty: p }, withConf)).toEqual(["confiscationAmount"]);
  });

  it("减轻 and outside-benchmark penalties, major social impact: on by default, off by configuration", () => {
    const patch = {
      penalty: { kinds: ["warning" as const] },
      mitigated: true,
      outsideBenchmark: true,
      majorSocialImpact: true,
    };
    expect(rules(patch)).toEqual(["socialImpact", "mitigated", "outsideBenchmark"]);
    const off = resolveReviewCatalogue({
      mitigated: false,
      outsideBenchmark: false,
      socialImpact: false,
    })._unsafeUnwrap();
    expect(rules(patch, off)).toEqual([]);
  });

  it("a bureau's own document replaces the catalogue rows' source, never the Art. 58 rows'", () => {
    const own = { law: "沙坡头区司法局三项制度试点工作方案", section: "二（三）（3）" };
    const cat = resolveReviewCatalogue({ source: own })._unsafeUnwrap();
    const r = classify({ penalty: { kinds: ["revokeLicence"] }, majorPublicInterest: true }, cat);
    expect(r.reasons.map((x) => x.source)).toEqual([expect.objectContaining({ article: 58 }), own]);
  });

  it("rejects a catalogue with a negative threshold (INVALID_INPUT)", () => {
    const r = resolveReviewCatalogue({
      fine: { person: { fen: -1, inclusive: true }, organisation: { fen: 1, inclusive: true } },
    });
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });
});

describe("classifyDecision — properties", () => {
  test.prop([fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), fc.boolean()])(
    "monotone in the fine: a larger fine is never less major; equality counts only when inclusive",
    (a, b, inclusive) => {
      const t = { fen: 5_000_000, inclusive };
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      if (reachesThreshold(lo, t)) expect(reachesThreshold(hi, t)).toBe(true);
      expect(reachesThreshold(t.fen, t)).toBe(inclusive);
    },
  );

  // A fine is a positive amount (行政处罚法 Art. 9 item 2: the amount exists with its kind).
  test.prop([fc.integer({ min: 1, max: 1e9 }), fc.boolean(), fc.boolean(), fc.boolean()])(
    "major exactly when there is a reason, and every reason names a source",
    (fineFen, complex, mitigated, hearingHeld) => {
      const r = classify({ penalty: { kinds: ["fine"], fineFen }, complex, mitigated, hearingHeld });
      expect(r.major).toBe(r.reasons.length > 0);
      for (const reason of r.reasons) expect(reason.source.law.length).toBeGreaterThan(0);
    },
  );

  it("the catalogue rows cite 国办发〔2018〕118号 四（十二） (or the bureau's rule), not Art. 58 para. 1 item 4 (issue 14 §7)", () => {
    for (const [id, row] of Object.entries(REVIEW_RULES)) {
      if (!row.configurable) continue;
      expect(row.source, id).toMatchObject({ law: "国办发〔2018〕118号", section: "四（十二）" });
    }
    // Item 4 (法律、法规规定应当进行法制审核的其他情形) stays the requiredByLaw row's source.
    expect(REVIEW_RULES.requiredByLaw.source).toMatchObject({ law: "行政处罚法", article: 58, paragraph: 1, item: 4 });
    const r = classify({ penalty: { kinds: ["fine"], fineFen: 20_000_000 }, mitigated: true });
    expect(r.reasons.map((x) => x.source.law)).toEqual(["国办发〔2018〕118号", "国办发〔2018〕118号"]);
  });
});
