// The bureau's execution settings reach the decide context (issue 14 §6–§7): its own
// `execution` policy, and for a market regulator (disclosure sector `samr`) the written notice of
// publication at service on by default (市场监督管理行政处罚信息公示规定第八条).
import { describe, expect, it } from "vitest";
import { memoryPublisher } from "../disclosure/memory-publisher.js";
import { bodies, calendar, officerActor } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import { testSigner } from "../kernel/signer-verify.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { type BureauConfig, decideContext, resolveBureau } from "./config.js";
import { bureauProjections } from "./projection.js";

function contextOf(policies: BureauConfig["policies"]) {
  const resolved = resolveBureau({
    bodyId: "spt",
    store: memoryEventStore({ projections: bureauProjections() }),
    evidence: memoryEvidenceStore(),
    publisher: memoryPublisher(),
    signer: testSigner(),
    clock: manualClock("2025-03-03T02:00:00Z"),
    registries: { bodies },
    calendar,
    ...(policies === undefined ? {} : { policies }),
  })._unsafeUnwrap();
  return decideContext(resolved, officerActor, "2025-03-03T02:00:00Z", []);
}

describe("createBureau: execution settings", () => {
  it("a market regulator (sector samr) must give the written notice of publication at service (第八条)", () => {
    expect(contextOf({ disclosure: { sector: "samr" } }).execution).toMatchObject({ publicationNotice: "samr" });
  });

  it("its own setting wins, and other bureaus have none unless they set it", () => {
    expect(
      contextOf({ disclosure: { sector: "samr" }, execution: { publicationNotice: "off", selfEnforcement: true } })
        .execution,
    ).toEqual({ publicationNotice: "off", selfEnforcement: true });
    expect(contextOf(undefined).execution).toBeUndefined();
    expect(contextOf({ execution: { selfEnforcement: true } }).execution).toEqual({ selfEnforcement: true });
  });
});
