import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { sanxiangError } from "../kernel/errors.js";
import { err } from "../kernel/result.js";
import type { EventStore } from "../recording/event-store.js";
import {
  type AttachEvidenceInput,
  attachEvidence,
  EVIDENCE_ATTACHED,
  EvidenceAttachedSchema,
  evidenceOfEvents,
} from "../recording/evidence-attach.js";
import { recordCustody } from "../recording/evidence-custody.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { evidenceAuthority } from "./authority.js";
import { decide } from "./decide.js";
import { foldEvents } from "./fold.js";
import { createCase, inMemoryEventStore } from "./store.js";
import { bodies, ctxAt, fileCommand, officerActor } from "./test-fixtures.js";

const T = (day: string, hm = "02:00") => `2025-03-${day}T${hm}:00Z`;
const video = new TextEncoder().encode("询问室录像（示例字节）");

async function filedCase(store: EventStore = inMemoryEventStore()) {
  (await createCase(store, "case-1", fileCommand, ctxAt(T("03"))))._unsafeUnwrap();
  return store;
}

const input = (over: Partial<AttachEvidenceInput> = {}): AttachEvidenceInput => ({
  caseId: "case-1",
  actor: officerActor,
  now: T("04", "03:10"),
  evidenceId: "ev-1",
  mediaType: "video/mp4",
  evidenceType: "audioVisual",
  deviceId: "DSJ-001",
  capturedAt: T("04", "01:55"),
  stage: "investigation",
  action: "inquiryInCaseRoom",
  actionId: "inq-1",
  wholeProcess: true,
  endedAt: T("04", "03:00"),
  custody: [{ kind: "sealed", at: T("04", "03:10"), note: "封存袋 0001" }],
  ...over,
});

const ports = (store: EventStore, evidence = memoryEvidenceStore()) => ({
  store,
  evidence,
  authorize: evidenceAuthority({ bodies }),
});

/** A store whose append fails after the bytes were put (a crash between the two). */
function failingAppend(store: EventStore): EventStore {
  return {
    ...store,
    append: async () => err(sanxiangError("STORE_UNAVAILABLE", "连接中断（测试）")),
    load: (caseId, options) => store.load(caseId, options),
  };
}

const inquiry = {
  type: "investigation.record" as const,
  actionId: "inq-1",
  action: "inquiryInCaseRoom",
  at: T("04", "02:00"),
  endedAt: T("04", "02:50"),
  records: [{ id: "t1", kind: "transcript" as const }],
};

describe("attachEvidence — the bytes first, then the item and its custody in one append", () => {
  it("stores the file, appends evidence.attached and its custody steps, and the case folds with them", async () => {
    const store = await filedCase();
    const evidence = memoryEvidenceStore();
    const r = (await attachEvidence(ports(store, evidence), video, input()))._unsafeUnwrap();
    expect(r.events.map((e) => e.type)).toEqual([
      "evidence.attached",
      "custody.recorded",
      "custody.recorded",
      "custody.recorded",
      "custody.recorded",
    ]);
    expect(r.events.map((e) => e.seq)).toEqual([2, 3, 4, 5, 6]);
    expect(r.created).toBe(true);
    expect(r.receipt?.version).toBe(6);
    expect((await evidence.has(r.item.hash))._unsafeUnwrap()).toBe(true);
    const events = (await store.load("case-1"))._unsafeUnwrap();
    const state = foldEvents("case-1", events)._unsafeUnwrap();
    expect(state.version).toBe(6);
    const [attached] = state.evidence ?? [];
    expect(attached?.item).toEqual(r.item);
    expect(attached?.custody.steps.map((s) => s.kind)).toEqual(["captured", "uploaded", "verified", "sealed"]);
    expect(attached?.custody.steps[2]?.hash).toEqual(r.item.hash);
  });

  it("the recording check counts the attached video where a rule requires one (询问室全程音像)", async () => {
    const store = await filedCase();
    const before = foldEvents("case-1", (await store.load("case-1"))._unsafeUnwrap())._unsafeUnwrap();
    const refused = decide(before, inquiry, ctxAt(T("04", "03:20")))._unsafeUnwrapErr();
    expect(refused.code).toBe("RECORDING_INCOMPLETE");
    (await attachEvidence(ports(store), video, input()))._unsafeUnwrap();
    const after = foldEvents("case-1", (await store.load("case-1"))._unsafeUnwrap())._unsafeUnwrap();
    const events = decide(after, inquiry, ctxAt(T("04", "03:20")))._unsafeUnwrap();
    expect(events[0]?.seq).toBe(7);
    // A video of another action, or one not covering the whole inquiry, does not count.
    const other = await filedCase();
    (await attachEvidence(ports(other), video, input({ action: "inquiry" })))._unsafeUnwrap();
    const s1 = foldEvents("case-1", (await other.load("case-1"))._unsafeUnwrap())._unsafeUnwrap();
    expect(decide(s1, inquiry, ctxAt(T("04", "03:20")))._unsafeUnwrapErr().code).toBe("RECORDING_INCOMPLETE");
    const partial = await filedCase();
    (await attachEvidence(ports(partial), video, input({ endedAt: T("04", "02:30") })))._unsafeUnwrap();
    const s2 = foldEvents("case-1", (await partial.load("case-1"))._unsafeUnwrap())._unsafeUnwrap();
    expect(decide(s2, inquiry, ctxAt(T("04", "03:20")))._unsafeUnwrapErr().code).toBe("RECORDING_INCOMPLETE");
  });

  it("a crash between the put and the append leaves a stored blob and no reference to it", async () => {
    const store = await filedCase();
    const evidence = memoryEvidenceStore();
    const r = await attachEvidence(ports(failingAppend(store), evidence), video, input());
    expect(r._unsafeUnwrapErr().code).toBe("STORE_UNAVAILABLE");
    const hashes: string[] = [];
    for await (const h of evidence.list()) hashes.push(h.hex);
    expect(hashes).toHaveLength(1);
    const events = (await store.load("case-1"))._unsafeUnwrap();
    expect(events.map((e) => e.type)).toEqual(["case.filed"]);
    // Attaching again stores nothing new and records the item once.
    const again = (await attachEvidence(ports(store, evidence), video, input()))._unsafeUnwrap();
    expect(again.stored.created).toBe(false);
    expect(again.item.hash.hex).toBe(hashes[0]);
  });

  it("refuses before any byte moves: an unknown action, a stranger, a duplicate id, custody out of order", async () => {
    const store = await filedCase();
    const evidence = memoryEvidenceStore();
    const p = ports(store, evidence);
    const unknown = (await attachEvidence(p, video, input({ action: "onSiteCheck" })))._unsafeUnwrapErr();
    expect(unknown.code).toBe("RECORDING_ACTION_UNKNOWN");
    expect(unknown.details?.allowed).toContain("siteInspection");
    const ghost = { id: "ghost", name: "王某", roles: ["officer" as const] };
    expect((await attachEvidence(p, video, input({ actor: ghost })))._unsafeUnwrapErr().code).toBe(
      "ACTOR_NOT_REGISTERED",
    );
    const notTeam = { id: "r", name: "审核员", roles: ["officer" as const] };
    expect((await attachEvidence(p, video, input({ actor: notTeam })))._unsafeUnwrapErr().code).toBe(
      "NOT_ON_CASE_TEAM",
    );
    const early = input({ custody: [{ kind: "sealed", at: T("04", "01:00") }] });
    expect((await attachEvidence(p, video, early))._unsafeUnwrapErr().code).toBe("CUSTODY_OUT_OF_ORDER");
    expect((await attachEvidence(p, video, input({ caseId: "no-such-case" })))._unsafeUnwrapErr().code).toBe(
      "COMMAND_NOT_ALLOWED",
    );
    const tampered = input({ expected: { algorithm: "sha256", hex: "a".repeat(64) } });
    expect((await attachEvidence(p, video, tampered))._unsafeUnwrapErr().code).toBe("EVIDENCE_TAMPERED");
    let stored = 0;
    for await (const _ of evidence.list()) stored++;
    expect(stored).toBe(0);
    (await attachEvidence(p, video, input()))._unsafeUnwrap();
    const dup = (await attachEvidence(p, new Uint8Array([1, 2, 3]), input()))._unsafeUnwrapErr();
    expect(dup.code).toBe("RECORD_CONFLICT");
    expect((await store.load("case-1"))._unsafeUnwrap()).toHaveLength(6);
  });
});

describe("重复登记 — the same file attached twice is one item (执法全过程记录, 行政处罚法第四十七条)", () => {
  it("an exact retry of the same item id returns the recorded item, created: false, and appends nothing", async () => {
    const store = await filedCase();
    const p = ports(store, memoryEvidenceStore());
    const first = (await attachEvidence(p, video, input()))._unsafeUnwrap();
    expect(first.created).toBe(true);
    const before = (await store.load("case-1"))._unsafeUnwrap();
    // Retried later: its custody (sealed before the new upload time) is not recorded again, so not refused.
    const again = (await attachEvidence(p, video, input({ now: T("04", "04:00") })))._unsafeUnwrap();
    expect(again).toMatchObject({ created: false, events: [], item: first.item });
    expect(again.receipt).toBeUndefined();
    expect((await store.load("case-1"))._unsafeUnwrap()).toEqual(before);
  });

  it("the same bytes under a new id (a regenerated id) return the item already recorded; distinct: true records a second item", async () => {
    const store = await filedCase();
    const p = ports(store, memoryEvidenceStore());
    const first = (await attachEvidence(p, video, input()))._unsafeUnwrap();
    const again = (await attachEvidence(p, video, input({ evidenceId: "ev-2" })))._unsafeUnwrap();
    expect(again).toMatchObject({ created: false, events: [] });
    expect(again.item.id).toBe("ev-1");
    expect((await store.load("case-1"))._unsafeUnwrap()).toHaveLength(6);
    const copy = (await attachEvidence(p, video, input({ evidenceId: "ev-2", distinct: true })))._unsafeUnwrap();
    expect(copy.created).toBe(true);
    expect(copy.item.id).toBe("ev-2");
    expect(copy.item.hash).toEqual(first.item.hash);
    const items = evidenceOfEvents((await store.load("case-1"))._unsafeUnwrap())._unsafeUnwrap();
    expect(items.map((e) => e.item.id)).toEqual(["ev-1", "ev-2"]);
  });

  it("the same file described otherwise, or the same id with other bytes or description, is RECORD_CONFLICT and changes nothing", async () => {
    const store = await filedCase();
    const evidence = memoryEvidenceStore();
    const p = ports(store, evidence);
    (await attachEvidence(p, video, input()))._unsafeUnwrap();
    const before = (await store.load("case-1"))._unsafeUnwrap();
    const otherAction = (
      await attachEvidence(p, video, input({ evidenceId: "ev-2", actionId: "inq-2" }))
    )._unsafeUnwrapErr();
    expect(otherAction.code).toBe("RECORD_CONFLICT");
    expect(otherAction.details).toMatchObject({ existingId: "ev-1", seq: 2 });
    expect(otherAction.source).toMatchObject({ law: "行政处罚法", article: 47 });
    const sameIdOtherDescription = (await attachEvidence(p, video, input({ deviceId: "DSJ-002" })))._unsafeUnwrapErr();
    expect(sameIdOtherDescription.code).toBe("RECORD_CONFLICT");
    // With the hash announced, other bytes under a recorded id are refused before any byte moves.
    const other = new TextEncoder().encode("另一段录像");
    const announced = input({ expected: { algorithm: "sha256", hex: "b".repeat(64) } });
    expect((await attachEvidence(p, other, announced))._unsafeUnwrapErr().code).toBe("RECORD_CONFLICT");
    let stored = 0;
    for await (const _ of evidence.list()) stored++;
    expect(stored).toBe(1);
    expect((await store.load("case-1"))._unsafeUnwrap()).toEqual(before);
  });

  test.prop(
    [fc.array(fc.record({ file: fc.nat(2), retryOf: fc.option(fc.nat(), { nil: undefined }) }), { maxLength: 8 })],
    {
      numRuns: 20,
    },
  )(
    "property: attachments of a few files with retries (same or regenerated ids) record each file once",
    async (plan) => {
      const store = await filedCase();
      const p = ports(store, memoryEvidenceStore());
      const files = ["甲", "乙", "丙"].map((s) => new TextEncoder().encode(`录像 ${s}`));
      const sent: string[] = [];
      let n = 0;
      for (const step of plan) {
        // A retry repeats an earlier call's id; otherwise the id is generated anew, as a front door does.
        const earlier = step.retryOf === undefined || sent.length === 0 ? undefined : sent[step.retryOf % sent.length];
        const file = earlier === undefined ? step.file : Number(earlier.split(":")[1]);
        const evidenceId = earlier?.split(":")[0] ?? `ev-${++n}`;
        const r = await attachEvidence(p, files[file] ?? video, input({ evidenceId, custody: [] }));
        const v = r._unsafeUnwrap();
        sent.push(`${v.item.id}:${file}`);
      }
      const items = evidenceOfEvents((await store.load("case-1"))._unsafeUnwrap())._unsafeUnwrap();
      const distinctFiles = new Set(sent.map((s) => s.split(":")[1]));
      expect(items).toHaveLength(distinctFiles.size);
      expect(new Set(items.map((e) => e.item.hash.hex)).size).toBe(items.length);
    },
  );
});

describe("recordCustody — a later step of an attached item, one event of the case", () => {
  it("records a transfer and a return in order; refuses an unknown item, a step out of order, a stranger", async () => {
    const store = await filedCase();
    (await attachEvidence(ports(store), video, input()))._unsafeUnwrap();
    const p = { store, authorize: evidenceAuthority({ bodies }) };
    const at = T("05", "02:00");
    const transfer = { kind: "transferred" as const, at, to: "中卫市公安局沙坡头区分局" };
    const r = (
      await recordCustody(p, { caseId: "case-1", evidenceId: "ev-1", actor: officerActor, now: at, step: transfer })
    )._unsafeUnwrap();
    expect([r.event.seq, r.event.type, r.event.stage]).toEqual([7, "custody.recorded", "investigation"]);
    const base = { caseId: "case-1", actor: officerActor, now: T("05", "03:00") };
    const back = { kind: "returned" as const, at: T("05", "03:00"), to: "当事人" };
    (await recordCustody(p, { ...base, evidenceId: "ev-1", step: back }))._unsafeUnwrap();
    const after = { kind: "sealed" as const, at: T("05", "03:00") };
    expect((await recordCustody(p, { ...base, evidenceId: "ev-1", step: after }))._unsafeUnwrapErr().code).toBe(
      "CUSTODY_OUT_OF_ORDER",
    );
    expect((await recordCustody(p, { ...base, evidenceId: "ev-9", step: after }))._unsafeUnwrapErr().code).toBe(
      "EVIDENCE_NOT_FOUND",
    );
    const ghost = { id: "ghost", name: "王某", roles: ["officer" as const] };
    expect(
      (await recordCustody(p, { ...base, actor: ghost, evidenceId: "ev-1", step: after }))._unsafeUnwrapErr().code,
    ).toBe("ACTOR_NOT_REGISTERED");
    const events = (await store.load("case-1"))._unsafeUnwrap();
    expect(events).toHaveLength(8);
    const state = foldEvents("case-1", events)._unsafeUnwrap();
    expect(state.evidence?.[0]?.custody.steps.map((s) => s.kind)).toEqual([
      "captured",
      "uploaded",
      "verified",
      "sealed",
      "transferred",
      "returned",
    ]);
  });
});

describe("no dangling reference (property)", () => {
  test.prop(
    [
      fc.array(fc.record({ bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }), crash: fc.boolean() }), {
        minLength: 1,
        maxLength: 6,
      }),
    ],
    { numRuns: 40 },
  )(
    "every item the case stream names is in the evidence store, whatever crashes between put and append",
    async (attempts) => {
      const store = await filedCase();
      const evidence = memoryEvidenceStore();
      let n = 0;
      // The same bytes attached again are the item already recorded: nothing to append, so no crash.
      const recorded = new Set<string>();
      for (const a of attempts) {
        n++;
        const target = a.crash ? failingAppend(store) : store;
        const r = await attachEvidence(ports(target, evidence), a.bytes, input({ evidenceId: `ev-${n}`, custody: [] }));
        const key = a.bytes.join(",");
        expect(r.isOk()).toBe(!a.crash || recorded.has(key));
        if (r.isOk()) expect(r.value.created).toBe(!recorded.has(key));
        if (!a.crash) recorded.add(key);
      }
      const events = (await store.load("case-1"))._unsafeUnwrap();
      const attached = events.filter((e) => e.type === EVIDENCE_ATTACHED);
      expect(attached).toHaveLength(recorded.size);
      for (const e of attached) {
        const { item } = EvidenceAttachedSchema.parse(e.payload);
        expect((await evidence.has(item.hash))._unsafeUnwrap()).toBe(true);
      }
      expect(evidenceOfEvents(events).isOk()).toBe(true);
    },
  );
});
