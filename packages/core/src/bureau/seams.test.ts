// Hostile use of the facade's seams, as an HTTP service built on it found them: a `type` inside a
// shortcut's input, an impossible `dueBy`, and the case file of a case that does not exist.
import { describe, expect, it } from "vitest";
import { bodies, calendar, doc, officerActor } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import { testSigner } from "../kernel/signer-verify.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

function setup() {
  const store = memoryEventStore({ projections: bureauProjections() });
  const bureau = createBureau({
    bodyId: "spt",
    store,
    evidence: memoryEvidenceStore(),
    signer: testSigner(),
    clock: manualClock("2025-03-03T02:00:00Z"),
    registries: { bodies },
    calendar,
  })._unsafeUnwrap();
  return { store, bureau };
}

const filing = {
  party: { kind: "organisation", name: "某律师事务所" },
  category: "律师管理",
  regionCode: "640502",
  officerIds: ["a", "b"],
  actDate: "2025-01-10",
  records: [doc("filing-form")],
} as const;

describe("the facade's seams", () => {
  it("a shortcut's command type cannot be replaced by a `type` smuggled in its input", async () => {
    const { bureau, store } = setup();
    const c = bureau.case("SPT-2025-009");
    // A JavaScript caller (or a JSON body passed through) sends `type` with the filing fields.
    const smuggled = { ...filing, type: "case.decided" } as unknown as Parameters<ReturnType<typeof c.as>["file"]>[0];
    const filed = await c.as(officerActor).file(smuggled);
    expect(filed.isOk()).toBe(true);
    const events = (await store.load("SPT-2025-009"))._unsafeUnwrap();
    expect(events.map((e) => e.type)).toEqual(["case.filed"]);
  });

  it.each(["2026-02-30", "2026-13-01", "tomorrow", ""])(
    "deadlines({ dueBy: %j }) is refused with CIVIL_DATE_INVALID naming the field",
    async (dueBy) => {
      const { bureau } = setup();
      const r = await bureau.deadlines({ dueBy });
      const e = r._unsafeUnwrapErr();
      expect(e.code).toBe("CIVIL_DATE_INVALID");
      expect(e.details).toMatchObject({ field: "dueBy" });
    },
  );

  it("the case file of a case with no events is refused before any head is signed", async () => {
    const { bureau, store } = setup();
    (await bureau.case("SPT-2025-010").as(officerActor).file(filing))._unsafeUnwrap();
    const r = await bureau.case("SPT-2025-404").caseFile();
    expect(r._unsafeUnwrapErr()).toMatchObject({
      code: "CASE_FILE_MALFORMED",
      details: { caseId: "SPT-2025-404", why: "caseNotFound" },
    });
    // Nothing signed for nothing: the store still holds no signed head.
    expect((await store.latestSignedTreeHead())._unsafeUnwrap()).toBeNull();
  });
});
