// The titles are checked against the event schemas of every procedure. A test may import
// from modules above recording (the module order binds the sources, not their tests): the
// list of event types is derived from the schemas, never written out by hand.
import { describe, expect, it } from "vitest";
import { DisclosureEventSchema } from "../disclosure/events.js";
import { SeizureEventSchema } from "../enforcement/coercion/events.js";
import { DecisionOutcomeSchema } from "../enforcement/commands.js";
import { PenaltyEventSchema } from "../enforcement/events.js";
import { InspectionEventSchema } from "../enforcement/inspection/case.js";
import { FormRegisterEventSchema } from "../enforcement/simplified/forms.js";
import { SimplifiedEventSchema } from "../enforcement/simplified/schema.js";
import { ReviewEventSchema } from "../review/events.js";
import type { CaseEvent } from "./case-event.js";
import {
  DECISION_OUTCOME_TITLES,
  DEFAULT_EVENT_TITLES,
  eventTitle,
  RECORDED_ACTION_TITLES,
  WRAPPED_EVENT_FIELDS,
} from "./casefile-titles.js";
import { KNOWN_ACTIONS } from "./vocabulary.js";

interface UnionOfTypes {
  readonly options: readonly { readonly shape: { readonly type: { readonly value: unknown } } }[];
}

/** The `type` literals of a discriminated union of event schemas. */
function typesOf(schema: UnionOfTypes): string[] {
  return schema.options.map((o) => String(o.shape.type.value));
}

const PROCEDURES = {
  "penalty (ordinary)": typesOf(PenaltyEventSchema),
  "penalty (simplified)": typesOf(SimplifiedEventSchema),
  "decision forms": typesOf(FormRegisterEventSchema),
  "查封、扣押": typesOf(SeizureEventSchema),
  inspection: typesOf(InspectionEventSchema),
  "legal review": typesOf(ReviewEventSchema),
  disclosure: typesOf(DisclosureEventSchema),
} as const;

const ev = (type: string, payload: Record<string, unknown> = {}): CaseEvent => ({
  caseId: "c",
  seq: 1,
  type,
  at: "2026-05-01T02:00:00Z",
  actor: { id: "o", roles: ["officer"] },
  stage: "decision",
  payload,
});

describe("catalogue titles (文件题名) name the documents a reader expects", () => {
  for (const [procedure, types] of Object.entries(PROCEDURES)) {
    it(`every event type ${procedure} can write has a title, not the raw type`, () => {
      expect(types.length).toBeGreaterThan(0);
      const missing = types.filter((t) => DEFAULT_EVENT_TITLES[t] === undefined);
      expect(missing, `add these to DEFAULT_EVENT_TITLES (casefile-titles.ts): ${missing.join(", ")}`).toEqual([]);
      for (const t of types) expect(eventTitle(ev(t))).not.toContain(t);
    });
  }

  it("keeps no title for a type no procedure writes", () => {
    const written = new Set(Object.values(PROCEDURES).flat());
    expect(Object.keys(DEFAULT_EVENT_TITLES).filter((t) => !written.has(t))).toEqual([]);
  });

  it("names the inner document of a wrapper event (查封、扣押 inside coercion.acted)", () => {
    expect(Object.keys(WRAPPED_EVENT_FIELDS).every((t) => typesOf(PenaltyEventSchema).includes(t))).toBe(true);
    expect(eventTitle(ev("coercion.acted", { seizure: { type: "seizure.executed" } }))).toBe(
      "查封（扣押）决定书及清单",
    );
    expect(eventTitle(ev("coercion.acted", { seizure: { type: "seizure.released" } }))).toBe("解除查封（扣押）决定书");
    expect(eventTitle(ev("coercion.acted", {}))).toBe(DEFAULT_EVENT_TITLES["coercion.acted"]);
  });

  it("names a decision by its outcome (行政处罚法 Art. 57 para. 1)", () => {
    expect(eventTitle(ev("case.decided", { outcome: "penalty" }))).toBe("行政处罚决定书");
    expect(eventTitle(ev("case.decided", { outcome: "noPenaltyMinor" }))).toBe("不予行政处罚决定书");
    expect(Object.keys(DECISION_OUTCOME_TITLES).sort()).toEqual([...DecisionOutcomeSchema.options].sort());
  });

  it("names an investigation record by its action (现场检查笔录, 询问笔录 …)", () => {
    expect(eventTitle(ev("investigation.recorded", { action: "inquiry" }))).toBe("询问笔录");
    expect(eventTitle(ev("investigation.recorded", { action: "siteInspection" }))).toBe("现场检查笔录");
    expect(eventTitle(ev("investigation.recorded", { action: "unheardOf" }))).toBe("调查取证记录");
    const known = Object.keys(KNOWN_ACTIONS);
    expect(Object.keys(RECORDED_ACTION_TITLES).filter((a) => !known.includes(a))).toEqual([]);
    const investigative = Object.entries(KNOWN_ACTIONS)
      .filter(([, a]) => a.stage === "investigation")
      .map(([k]) => k);
    expect(investigative.filter((a) => RECORDED_ACTION_TITLES[a] === undefined)).toEqual([]);
  });

  it("lets a bureau's titles and a document's own title win", () => {
    expect(eventTitle(ev("case.decided", { outcome: "penalty" }), { "case.decided": "处罚决定" })).toBe("处罚决定");
    expect(eventTitle(ev("decision.served", { title: "邮寄送达回执" }))).toBe("邮寄送达回执");
    expect(eventTitle(ev("letter.posted"))).toBe("决定记录（letter.posted）");
  });
});
