// createBureau checks each optional port for every method the bureau calls on it: an
// evidence store is used by 证据入卷 (`put`) and by 证据调取 (`verify`, `get`), so one without
// any of them is refused when the bureau is created, naming what is missing — not at the
// first download.
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { bodies, calendar, fileCommand, officerActor } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import type { EvidenceStore } from "../recording/evidence-store.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { BUREAU_PORT_METHODS } from "./config.js";
import { type BureauConfig, createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const base = (over: Partial<BureauConfig> = {}): BureauConfig => ({
  bodyId: "spt",
  store: memoryEventStore({ projections: bureauProjections() }),
  clock: manualClock("2025-03-03T02:00:00Z"),
  registries: { bodies },
  calendar,
  ...over,
});

/** The memory evidence store without the methods named. */
function without(names: readonly string[]): EvidenceStore {
  const store: Record<string, unknown> = { ...memoryEvidenceStore() };
  for (const n of names) delete store[n];
  return store as unknown as EvidenceStore;
}

describe("createBureau: every method the bureau calls on a port is checked", () => {
  it("refuses an evidence store with put alone, naming get and verify", () => {
    const e = createBureau(base({ evidence: without(["get", "verify", "stat", "has", "list"]) }))._unsafeUnwrapErr();
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toContain("evidence");
    expect(e.message).toContain("缺少 get、verify");
    expect(e.details).toEqual({ field: "evidence", missing: ["get", "verify"] });
  });

  test.prop([fc.subarray([...BUREAU_PORT_METHODS.evidence], { minLength: 1 })])(
    "any evidence method the bureau uses, removed, is named in the refusal",
    (removed) => {
      const e = createBureau(base({ evidence: without(removed) }))._unsafeUnwrapErr();
      expect(e.details).toEqual({
        field: "evidence",
        missing: BUREAU_PORT_METHODS.evidence.filter((m) => removed.includes(m)),
      });
      for (const m of removed) expect(e.message).toContain(m);
    },
  );

  it("accepts an evidence store with exactly the methods it checks, and attaching then opening uses no other", async () => {
    const memory = memoryEvidenceStore();
    const called = new Set<string>();
    const minimal: Record<string, unknown> = {};
    for (const m of BUREAU_PORT_METHODS.evidence) {
      minimal[m] = (...args: unknown[]) => {
        called.add(m);
        return (memory[m] as (...a: unknown[]) => unknown)(...args);
      };
    }
    const bureau = createBureau(base({ evidence: minimal as unknown as EvidenceStore }))._unsafeUnwrap();
    const c = bureau.case("SPT-2025-041");
    const { type: _file, ...filing } = fileCommand;
    (await c.as(officerActor).file(filing))._unsafeUnwrap();
    const attached = (
      await c.as(officerActor).attachEvidence(new TextEncoder().encode("现场照片"), {
        mediaType: "image/jpeg",
        evidenceType: "documentary",
        capturedAt: "2025-03-03T01:00:00Z",
        stage: "filing",
      })
    )._unsafeUnwrap();
    const opened = (
      await c.evidence(attached.item.id).as(officerActor).open({ purpose: "制作调查终结报告", verify: true })
    )._unsafeUnwrap();
    for await (const _chunk of opened.content) {
      // drain
    }
    expect([...called].sort()).toEqual([...BUREAU_PORT_METHODS.evidence].sort());
  });

  it("names the missing method of a required port too", () => {
    const { queryProjection: _q, ...store } = memoryEventStore();
    const e = createBureau(base({ store: store as never }))._unsafeUnwrapErr();
    expect(e.message).toContain("缺少 queryProjection");
    expect(e.details).toEqual({ field: "store", missing: ["queryProjection"] });
  });
});
