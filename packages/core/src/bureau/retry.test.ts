import { describe, expect, it } from "vitest";
import { bodies, calendar, fileCommand, officerActor, transcript } from "../enforcement/test-fixtures.js";
import { manualClock } from "../kernel/ports.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

describe("bureau front door: a retried command is recorded once (执法全过程记录)", () => {
  it("case.as(actor).investigate twice with the same actionId: the second is replayed, the log unchanged", async () => {
    const clock = manualClock("2025-03-03T02:00:00Z");
    const store = memoryEventStore({ projections: bureauProjections() });
    const bureau = createBureau({ bodyId: "spt", store, clock, registries: { bodies }, calendar })._unsafeUnwrap();
    const c = bureau.case("SPT-2025-R").as(officerActor);
    const { type: _t, ...file } = fileCommand;
    (await c.file(file))._unsafeUnwrap();
    clock.set("2025-03-04T02:00:00Z");
    const step = { actionId: "i1", action: "inquiry" as const, records: [transcript("t1")] };
    const first = (await c.investigate(step))._unsafeUnwrap();
    expect(first.replayed).toBe(false);
    const head = (await store.head())._unsafeUnwrap();
    clock.set("2025-03-04T02:05:00Z");
    const again = (await c.investigate(step))._unsafeUnwrap();
    expect(again).toMatchObject({ replayed: true, events: first.events });
    expect(again.view.version).toBe(first.view.version);
    expect((await store.head())._unsafeUnwrap()).toEqual(head);
    const other = (await c.investigate({ ...step, records: [transcript("t2")] }))._unsafeUnwrapErr();
    expect(other.code).toBe("RECORD_CONFLICT");
    expect((await store.head())._unsafeUnwrap()).toEqual(head);
  });
});
