// 证据调取 through the facade: every handout of an evidence item's bytes is a custody step
// (who, when, purpose) of the case, recorded before the bytes move; an actor the registry
// does not back for the case gets nothing and nothing is recorded (行政处罚法 Art. 47).
import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { bodies, calendar, fileCommand, headActor, officerActor, reviewerActor } from "../enforcement/test-fixtures.js";
import type { Actor } from "../kernel/actors.js";
import { sanxiangError } from "../kernel/errors.js";
import { manualClock } from "../kernel/ports.js";
import { err } from "../kernel/result.js";
import { testSigner } from "../kernel/signer-verify.js";
import type { CaseEvent } from "../recording/case-event.js";
import type { EventStore } from "../recording/event-store.js";
import type { EvidenceStore } from "../recording/evidence-store.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const CASE = "SPT-2025-021";
const BYTES = new TextEncoder().encode("执法记录仪视频");
const { type: _file, ...filing } = fileCommand;

/**
 * A bureau whose stores log what happens, in order: `append` when the event store takes
 * events, `read` when a byte of evidence leaves the evidence store; `failAppend` makes the
 * next appends fail as a crash or a lost connection would.
 */
async function setup(options: { readonly blobMissing?: boolean } = {}) {
  const log: string[] = [];
  const control = { failAppend: false };
  const inner = memoryEventStore({ projections: bureauProjections() });
  const store: EventStore = {
    ...inner,
    append: async (streamId, expectedVersion, events) => {
      if (control.failAppend) {
        return err(sanxiangError("STORE_UNAVAILABLE", "事件存储不可用（测试）", { details: { streamId } }));
      }
      const r = await inner.append(streamId, expectedVersion, events);
      if (r.isOk()) log.push(`append:${events.map((e) => e.type).join(",")}`);
      return r;
    },
  };
  const backing = new Map<string, Uint8Array>();
  const memory = memoryEvidenceStore({ backing });
  const evidence: EvidenceStore = {
    ...memory,
    get: async (hash) => {
      const r = await memory.get(hash);
      // A store that lost the blob (or never had it) answers null.
      if (options.blobMissing === true) return r.map(() => null);
      if (r.isErr() || r.value === null) return r;
      const chunks = r.value;
      return r.map(() => ({
        async *[Symbol.asyncIterator]() {
          for await (const chunk of chunks) {
            log.push("read");
            yield chunk;
          }
        },
      }));
    },
  };
  const clock = manualClock("2025-03-03T02:00:00Z");
  const bureau = createBureau({
    bodyId: "spt",
    store,
    evidence,
    signer: testSigner(),
    clock,
    registries: { bodies },
    calendar,
  })._unsafeUnwrap();
  const c = bureau.case(CASE);
  (await c.as(officerActor).file(filing))._unsafeUnwrap();
  const attached = (
    await c.as(officerActor).attachEvidence(BYTES, {
      mediaType: "video/mp4",
      evidenceType: "audioVisual",
      capturedAt: "2025-03-03T01:00:00Z",
      stage: "filing",
    })
  )._unsafeUnwrap();
  clock.set("2025-03-04T02:00:00Z");
  log.length = 0;
  return { bureau, c, store, clock, log, control, evidenceId: attached.item.id };
}

async function drain(content: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of content) parts.push(chunk);
  return new Uint8Array(parts.flatMap((p) => [...p]));
}

const accessSteps = (events: readonly CaseEvent[]) =>
  events.filter((e) => e.type === "custody.recorded" && (e.payload.step as { kind?: string }).kind === "accessed");

describe("evidence handed out through the bureau: the access is a custody step first", () => {
  it("records who, when and why, then hands out the bytes; the 案卷 lists the step", async () => {
    const { c, store, log, evidenceId } = await setup();
    const opened = (
      await c.evidence(evidenceId).as(officerActor).open({ purpose: "制作调查终结报告" })
    )._unsafeUnwrap();
    // The record is in the log before a byte has left the store.
    expect(log).toEqual(["append:custody.recorded"]);
    expect(await drain(opened.content)).toEqual(BYTES);
    expect(log.indexOf("read")).toBeGreaterThan(log.indexOf("append:custody.recorded"));
    expect(opened.item.id).toBe(evidenceId);
    expect(opened.event.payload).toEqual({
      evidenceId,
      step: { kind: "accessed", at: "2025-03-04T02:00:00Z", actor: officerActor, purpose: "制作调查终结报告" },
    });
    const events = (await store.load(CASE))._unsafeUnwrap();
    expect(accessSteps(events)).toEqual([opened.event]);
    // The case's custody chain shows it, and the case file holds it with its proof.
    const view = (await c.view())._unsafeUnwrap();
    const item = view.procedure === "ordinary" ? view.state.evidence?.find((e) => e.item.id === evidenceId) : undefined;
    expect(item?.custody.steps.map((s) => s.kind)).toEqual(["captured", "uploaded", "verified", "accessed"]);
    const file = (await c.caseFile())._unsafeUnwrap();
    expect(
      file.events.some((e) => e.caseId === CASE && e.seq === opened.event.seq && e.type === "custody.recorded"),
    ).toBe(true);
  });

  it("the body's head, legal reviewer and supervisor may open it too, each recorded", async () => {
    const { c, store, evidenceId } = await setup();
    const supervisor: Actor = { id: "h2", name: "副局长", roles: ["supervisor"] };
    for (const actor of [headActor, reviewerActor, supervisor]) {
      (await c.evidence(evidenceId).as(actor).open({ purpose: "法制审核" }))._unsafeUnwrap();
    }
    const steps = accessSteps((await store.load(CASE))._unsafeUnwrap());
    expect(steps.map((e) => (e.payload.step as { actor: Actor }).actor.id)).toEqual(["h", "r", "h2"]);
  });

  it.each([
    ["an officer not on the case's team", { id: "p", name: "公示专员", roles: ["officer"] }, "NOT_ON_CASE_TEAM"],
    ["a person not in the registry", { id: "zz", name: "外人", roles: ["officer"] }, "ACTOR_NOT_REGISTERED"],
    ["a claimed head the registry does not back", { id: "a", name: "甲", roles: ["head"] }, "ROLE_NOT_BACKED"],
    ["a role that does not read evidence", { id: "p", name: "公示专员", roles: ["publisher"] }, "PERMISSION_DENIED"],
    ["the platform", { id: "sys", name: "平台", roles: ["system"] }, "PERMISSION_DENIED"],
  ] as const)("%s is refused by name: nothing recorded, nothing handed out", async (_what, actor, code) => {
    const { c, store, log, evidenceId } = await setup();
    const before = (await store.load(CASE))._unsafeUnwrap();
    const e = (
      await c
        .evidence(evidenceId)
        .as(actor as Actor)
        .open({ purpose: "查看" })
    )._unsafeUnwrapErr();
    expect(e.code).toBe(code);
    if (code !== "PERMISSION_DENIED") expect(e.details).toMatchObject({ actorId: actor.id });
    expect((await store.load(CASE))._unsafeUnwrap()).toEqual(before);
    expect(log).toEqual([]);
  });

  it("refuses a missing purpose, an unknown item and an item whose bytes the store lost, recording nothing", async () => {
    const { c, store, log, evidenceId } = await setup();
    const before = (await store.load(CASE))._unsafeUnwrap();
    const blank = await c.evidence(evidenceId).as(officerActor).open({ purpose: " " });
    expect(blank._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    const unknown = await c.evidence("nope").as(officerActor).open({ purpose: "查看" });
    expect(unknown._unsafeUnwrapErr()).toMatchObject({ code: "EVIDENCE_NOT_FOUND", details: { known: [evidenceId] } });
    expect((await store.load(CASE))._unsafeUnwrap()).toEqual(before);
    expect(log).toEqual([]);

    const lost = await setup({ blobMissing: true });
    const before2 = (await lost.store.load(CASE))._unsafeUnwrap();
    const r = await lost.c.evidence(lost.evidenceId).as(officerActor).open({ purpose: "查看" });
    expect(r._unsafeUnwrapErr().code).toBe("EVIDENCE_NOT_FOUND");
    expect((await lost.store.load(CASE))._unsafeUnwrap()).toEqual(before2);
  });

  it("a failed append (crash, store down) hands nothing out", async () => {
    const { c, store, log, control, evidenceId } = await setup();
    control.failAppend = true;
    const r = await c.evidence(evidenceId).as(officerActor).open({ purpose: "查看" });
    expect(r._unsafeUnwrapErr().code).toBe("STORE_UNAVAILABLE");
    expect(log).toEqual([]);
    expect(accessSteps((await store.load(CASE))._unsafeUnwrap())).toEqual([]);
  });

  const actors: readonly Actor[] = [
    officerActor,
    headActor,
    reviewerActor,
    { id: "b", name: "乙", roles: ["officer"] },
    { id: "p", name: "公示专员", roles: ["officer"] },
    { id: "zz", name: "外人", roles: ["officer"] },
    { id: "a", name: "甲", roles: ["head"] },
  ];
  test.prop(
    [
      fc.array(
        fc.record({
          actor: fc.constantFrom(...actors),
          purpose: fc.constantFrom("法制审核", "复议答复", ""),
          failAppend: fc.boolean(),
          read: fc.boolean(),
        }),
        { maxLength: 8 },
      ),
    ],
    { numRuns: 25 },
  )("every byte handed out has a custody record, made before it, naming the reader and purpose", async (calls) => {
    const { c, store, log, control, clock, evidenceId } = await setup();
    const handed: CaseEvent[] = [];
    let minute = 0;
    for (const call of calls) {
      minute += 1;
      clock.set(`2025-03-04T02:${String(minute).padStart(2, "0")}:00Z`);
      control.failAppend = call.failAppend;
      const r = await c.evidence(evidenceId).as(call.actor).open({ purpose: call.purpose });
      control.failAppend = false;
      if (r.isErr()) continue;
      handed.push(r.value.event);
      expect(r.value.event.payload.step).toMatchObject({ actor: call.actor, purpose: call.purpose });
      // Nothing read before this handout's record.
      expect(log.at(-1)).toBe("append:custody.recorded");
      if (call.read) expect(await drain(r.value.content)).toEqual(BYTES);
    }
    // Every handout is recorded, and every recorded access is a handout.
    expect(accessSteps((await store.load(CASE))._unsafeUnwrap())).toEqual(handed);
    // Each run of reads follows a record of its own.
    const appends = log.filter((l) => l.startsWith("append")).length;
    expect(appends).toBe(handed.length);
    log.forEach((entry, i) => {
      if (entry === "read") expect(log.slice(0, i).some((l) => l.startsWith("append"))).toBe(true);
    });
  });
});
