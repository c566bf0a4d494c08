// The titles are checked against the event schemas of every procedure. A test may import
// from modules above recording (the module order binds the sources, not their tests): the
// list of event types is derived from the schemas, never written out by hand.
import { describe, expect, it } from "vitest";
import { createBureau } from "../bureau/index.js";
import { bureauProjections } from "../bureau/projection.js";
import { DisclosureEventSchema } from "../disclosure/events.js";
import { SeizureEventSchema } from "../enforcement/coercion/events.js";
import { DecisionOutcomeSchema } from "../enforcement/commands.js";
import { PenaltyEventSchema } from "../enforcement/events.js";
import { InspectionEventSchema } from "../enforcement/inspection/case.js";
import { FormRegisterEventSchema } from "../enforcement/simplified/forms.js";
import { SimplifiedEventSchema } from "../enforcement/simplified/schema.js";
import { bodies, calendar, fileCommand, officerActor, reviewerActor } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import { testSigner } from "../kernel/signer-verify.js";
import { findRawIdentifiers } from "../kernel/wording.js";
import { ReviewEventSchema } from "../review/events.js";
import type { CaseEvent } from "./case-event.js";
import {
  CUSTODY_STEP_TITLES,
  DECISION_OUTCOME_TITLES,
  DEFAULT_EVENT_TITLES,
  eventTitle,
  RECORDED_ACTION_TITLES,
  WRAPPED_EVENT_FIELDS,
} from "./casefile-titles.js";
import { CUSTODY_STEPS } from "./custody.js";
import { EVIDENCE_TYPES } from "./evidence.js";
import { CUSTODY_RECORDED, EVIDENCE_ATTACHED } from "./evidence-attach.js";
import { memoryEvidenceStore } from "./evidence-store-memory.js";
import { memoryEventStore } from "./memory-event-store.js";
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
  "evidence and custody": [EVIDENCE_ATTACHED, CUSTODY_RECORDED],
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
      for (const t of types) {
        expect(eventTitle(ev(t))).not.toContain(t);
        expect(findRawIdentifiers(eventTitle(ev(t))), t).toEqual([]);
      }
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

  it("names evidence by its kind (行政处罚法 Art. 46 para. 1) and custody by its step (调取 included)", () => {
    expect(Object.keys(CUSTODY_STEP_TITLES).sort()).toEqual([...CUSTODY_STEPS].sort());
    for (const kind of CUSTODY_STEPS) {
      const title = eventTitle(ev(CUSTODY_RECORDED, { evidenceId: "e", step: { kind } }));
      expect(title).toBe(CUSTODY_STEP_TITLES[kind]);
      expect(findRawIdentifiers(title)).toEqual([]);
    }
    expect(eventTitle(ev(CUSTODY_RECORDED, { evidenceId: "e", step: { kind: "accessed" } }))).toBe("证据调取记录");
    expect(eventTitle(ev(CUSTODY_RECORDED, { evidenceId: "e", step: { kind: "teleported" } }))).toBe("证据保管记录");
    for (const evidenceType of EVIDENCE_TYPES) {
      const title = eventTitle(ev(EVIDENCE_ATTACHED, { item: { evidenceType } }));
      expect(title).toMatch(/^证据登记表（.+）$/);
      expect(findRawIdentifiers(title)).toEqual([]);
    }
    expect(eventTitle(ev(EVIDENCE_ATTACHED, { item: { evidenceType: "audioVisual" } }))).toBe("证据登记表（视听资料）");
    expect(eventTitle(ev(EVIDENCE_ATTACHED, {}))).toBe("证据登记表");
    expect(eventTitle(ev(CUSTODY_RECORDED, { step: { kind: "accessed" } }), { "custody.recorded": "保管" })).toBe(
      "保管",
    );
  });

  it("a case file built through createBureau, with evidence, custody and an access, has no raw identifier in any title", async () => {
    const clock = manualClock("2025-03-03T02:00:00Z");
    const bureau = createBureau({
      bodyId: "spt",
      store: memoryEventStore({ projections: bureauProjections() }),
      evidence: memoryEvidenceStore(),
      signer: testSigner(),
      clock,
      registries: { bodies },
      calendar,
    })._unsafeUnwrap();
    const c = bureau.case("SPT-2025-031");
    const { type: _file, ...filing } = fileCommand;
    (await c.as(officerActor).file(filing))._unsafeUnwrap();
    const attached = (
      await c.as(officerActor).attachEvidence(new TextEncoder().encode("执法记录仪视频"), {
        mediaType: "video/mp4",
        evidenceType: "audioVisual",
        capturedAt: "2025-03-03T01:00:00Z",
        stage: "filing",
        custody: [
          { kind: "sealed", at: "2025-03-03T02:00:00Z", note: "封存袋 0001" },
          { kind: "transferred", at: "2025-03-03T02:00:00Z", to: "鉴定机构" },
          { kind: "examined", at: "2025-03-03T02:00:00Z" },
          { kind: "returned", at: "2025-03-03T02:00:00Z", to: "当事人" },
        ],
      })
    )._unsafeUnwrap();
    clock.set("2025-03-04T02:00:00Z");
    (await c.evidence(attached.item.id).as(reviewerActor).open({ purpose: "法制审核" }))._unsafeUnwrap();
    const file = (await c.caseFile())._unsafeUnwrap();
    const types = new Set(file.catalogue.map((e) => e.type));
    expect([...types]).toEqual(expect.arrayContaining(["case.filed", EVIDENCE_ATTACHED, CUSTODY_RECORDED]));
    const titles = file.catalogue.map((e) => e.title);
    for (const title of titles) expect(findRawIdentifiers(title), title).toEqual([]);
    expect(titles).toEqual(
      expect.arrayContaining(["证据登记表（视听资料）", ...CUSTODY_STEPS.map((k) => CUSTODY_STEP_TITLES[k])]),
    );
  });

  it("lets a bureau's titles and a document's own title win", () => {
    expect(eventTitle(ev("case.decided", { outcome: "penalty" }), { "case.decided": "处罚决定" })).toBe("处罚决定");
    expect(eventTitle(ev("decision.served", { title: "邮寄送达回执" }))).toBe("邮寄送达回执");
    expect(eventTitle(ev("letter.posted"))).toBe("决定记录（letter.posted）");
  });
});
