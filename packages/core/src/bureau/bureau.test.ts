import { describe, expect, it } from "vitest";
import { memoryPublisher } from "../disclosure/memory-publisher.js";
import {
  bodies,
  calendar,
  doc,
  fileCommand,
  headActor,
  officerActor,
  onSpotDecide,
  reviewerActor,
} from "../enforcement/test-fixtures.js";
import type { Actor } from "../kernel/actors.js";
import { manualClock, seededRandom } from "../kernel/ports.js";
import { testSigner } from "../kernel/signer-verify.js";
import { verifyCaseFile } from "../recording/casefile-verify.js";
import { memoryEvidenceStore } from "../recording/evidence-store-memory.js";
import { memoryEventStore } from "../recording/memory-event-store.js";
import { usccCheckChar } from "../registry/entities/checksums.js";
import { createEntitiesRegistry } from "../registry/entities/registry.js";
import { REVIEW_ITEMS } from "../review/schema.js";
import { type BureauConfig, createBureau } from "./index.js";
import { bureauProjections } from "./projection.js";

const ok = <T>(v: T): T => v;
const fail = (e: { code: string; message: string }): never => {
  throw new Error(`${e.code}: ${e.message}`);
};

const { type: _file, ...fileCommandFields } = fileCommand;
const publisherActor: Actor = { id: "p", name: "公示专员", roles: ["publisher"] };
const major = { kinds: ["fine" as const], fineFen: 15_000_000 }; // ¥150,000 to an organisation: major

function setup(over: Partial<BureauConfig> = {}) {
  const clock = manualClock("2025-03-03T02:00:00Z");
  const store = memoryEventStore({ projections: bureauProjections() });
  const publisher = memoryPublisher();
  const bureau = createBureau({
    bodyId: "spt",
    store,
    evidence: memoryEvidenceStore(),
    publisher,
    signer: testSigner(),
    clock,
    registries: { bodies },
    calendar,
    ...over,
  }).match(ok, fail);
  return { clock, store, publisher, bureau };
}

describe("createBureau", () => {
  it("refuses a configuration whose body is not in the registry, naming the field", () => {
    const r = createBureau({
      bodyId: "nowhere",
      store: memoryEventStore(),
      clock: manualClock("2025-03-03T02:00:00Z"),
      registries: { bodies },
      calendar,
    });
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(r._unsafeUnwrapErr().message).toContain("nowhere");
  });

  it("refuses a disclosure policy that does not resolve", () => {
    const r = createBureau({
      bodyId: "spt",
      store: memoryEventStore(),
      clock: manualClock("2025-03-03T02:00:00Z"),
      registries: { bodies },
      calendar,
      policies: { disclosure: { sector: "no-such-sector" } as never },
    });
    expect(r.isErr()).toBe(true);
  });

  it("runs a major case end to end: gate, review found at the decision, disclosure, case file", async () => {
    const { clock, bureau, publisher, store } = setup();
    const c = bureau.case("SPT-2025-001");
    const at = (iso: string) => clock.set(iso);

    const filed = await c.as(officerActor).file({
      party: { kind: "organisation", name: "某律师事务所" },
      category: "律师管理",
      regionCode: "640502",
      officerIds: ["a", "b"],
      actDate: "2025-01-10",
      records: [doc("filing-form")],
    });
    expect(filed.match(ok, fail).view.procedure).toBe("ordinary");

    const video = await c.as(officerActor).attachEvidence(new TextEncoder().encode("video bytes"), {
      mediaType: "video/mp4",
      evidenceType: "audioVisual",
      capturedAt: "2025-03-03T01:00:00Z",
      deviceId: "cam-01",
      stage: "filing",
      custody: [{ kind: "sealed", at: "2025-03-03T02:00:00Z", note: "封存袋 0001" }],
    });
    const attached = video.match(ok, fail);
    expect(attached.item.hash.hex).toMatch(/^[0-9a-f]{64}$/);
    expect(attached.item.officerIds).toEqual(["a"]);
    expect(attached.item.id).toBe("SPT-2025-001-ev-1");
    // The item and its custody (captured, uploaded, verified, sealed) are events of the case: one append.
    expect(attached.events.map((e) => [e.caseId, e.type])).toEqual([
      ["SPT-2025-001", "evidence.attached"],
      ...Array.from({ length: 4 }, () => ["SPT-2025-001", "custody.recorded"]),
    ]);

    at("2025-03-04T02:00:00Z");
    (await c.as(officerActor).closeInvestigation({ facts: "未按规定执业" })).match(ok, fail);
    at("2025-03-05T02:00:00Z");
    (
      await c.as(officerActor).notify({
        penalty: major,
        facts: "未按规定执业",
        basis: ["律师法第五十条"],
        records: [doc("notice")],
      })
    ).match(ok, fail);

    // After the hearing-request window: the head decides without review — stopped at the gate.
    at("2025-03-14T02:00:00Z");
    const decision = { outcome: "penalty" as const, penalty: major, records: [doc("decision")] };
    const stopped = await c.as(headActor).decide(decision);
    expect(stopped._unsafeUnwrapErr().code).toBe("REVIEW_NOT_APPROVED");
    const before = (await store.load("SPT-2025-001")).match(ok, fail);
    expect(before.map((e) => e.type)).not.toContain("case.decided"); // nothing appended by the refusal
    expect(before).toHaveLength(8); // filing, the evidence with its four custody steps, investigation closed, notice

    // Review: submitted from the case as it stands; no stream id handled by the app.
    at("2025-03-14T03:00:00Z");
    const submitted = await c.review.as(officerActor).submit({
      outcome: "penalty",
      penalty: major,
      materials: [
        { kind: "application", id: "review-application" },
        { kind: "proposalNote", id: "proposal-note" },
        { kind: "draftDecision", id: "draft-decision" },
        { kind: "evidence", id: "evidence-list" },
      ],
    });
    expect(submitted.match(ok, fail).review.reviewId).toBe("SPT-2025-001.review.1");
    at("2025-03-14T04:00:00Z");
    (await c.review.as(headActor).assign({ reviewerId: "r" })).match(ok, fail);
    at("2025-03-17T02:00:00Z");
    const concluded = await c.review.as(reviewerActor).conclude({
      outcome: "approved",
      findings: REVIEW_ITEMS.map((item) => ({ item, ok: true })),
      opinion: "同意",
    });
    expect(concluded.match(ok, fail).review.value).toBe("approved");

    at("2025-03-18T02:00:00Z");
    const decided = (await c.as(headActor).decide(decision)).match(ok, fail);
    expect(decided.events.map((e) => e.type)).toEqual(["review.approved", "case.decided"]);
    expect(decided.events[0]?.payload.reviewId).toBe("SPT-2025-001.review.1");

    // The decision is now a disclosure duty of the bureau (国办发〔2018〕118号: seven working days).
    const duty = (await bureau.duties()).match(ok, fail).find((x) => x.caseId === "SPT-2025-001");
    expect(duty).toMatchObject({ duty: "publish", overdue: false });
    // Disclosure: drafted from the case, signed off (hash by the SDK), published through the port.
    at("2025-03-19T02:00:00Z");
    const d = (await c.disclosure.as(officerActor).draft({ documentNumber: "沙司罚决〔2025〕1号" })).match(ok, fail);
    const early = await d.as(publisherActor).publish();
    expect(early._unsafeUnwrapErr().code).toBe("DISCLOSURE_NOT_APPROVED");
    (await d.as(headActor).signOff()).match(ok, fail);
    const published = (await d.as(publisherActor).publish()).match(ok, fail);
    expect(publisher.items().map((i) => i.id)).toEqual([d.disclosureId]);
    expect(published.state.value).toBe("published");
    expect((await bureau.duties()).match(ok, fail).filter((x) => x.caseId === "SPT-2025-001")).toEqual([]);

    // The case's view carries the evidence with its chain of custody, folded from the case's own events.
    const view = (await c.view()).match(ok, fail);
    if (view.procedure !== "ordinary") throw new Error("not an ordinary case");
    expect(view.state.evidence?.map((e) => [e.item.id, e.custody.steps.map((x) => x.kind)])).toEqual([
      ["SPT-2025-001-ev-1", ["captured", "uploaded", "verified", "sealed"]],
    ]);
    expect(view.reviews.map((r) => [r.reviewId, r.value])).toEqual([["SPT-2025-001.review.1", "approved"]]);
    const list = (await bureau.cases.list()).match(ok, fail);
    expect(list.map((x) => [x.caseId, x.procedure, x.partyName, x.last.type])).toEqual([
      ["SPT-2025-001", "ordinary", "某律师事务所", "case.decided"],
    ]);
    const deadlines = (await bureau.deadlines({ streamPrefix: "SPT-2025-001" })).match(ok, fail);
    expect(deadlines.map((x) => x.ruleId)).toContain("penalty.service");

    const file = (await c.caseFile()).match(ok, fail);
    expect(file.events.map((e) => e.type)).toContain("case.decided");
    // The review and the disclosure are filed with the case, under one signed head.
    expect(file.parts.map((p) => p.kind)).toEqual(expect.arrayContaining(["case", "review", "disclosure"]));
    const key = testSigner().publicKey;
    const checked = verifyCaseFile(file, { algorithm: testSigner().algorithm, publicKey: key }).match(ok, fail);
    expect(checked.attested).toBe(true); // the parts signed by the bureau (卷内备考签名)
    const verified = (await bureau.verify()).match(ok, fail);
    expect(verified.unsignedTail).toBeNull();
  });

  it("names the next step when a review command comes before any submission", async () => {
    const { bureau } = setup();
    const r = await bureau.case("X-1").review.as(headActor).assign({ reviewerId: "r" });
    expect(r._unsafeUnwrapErr().code).toBe("COMMAND_NOT_ALLOWED");
    expect(r._unsafeUnwrapErr().message).toContain("review.submit");
  });

  it("refuses a submission naming another case and appends nothing", async () => {
    const { bureau, store } = setup();
    const r = await bureau
      .case("X-1")
      .review.as(officerActor)
      .execute({
        type: "review.submit",
        caseId: "X-2",
        draft: { caseId: "X-2", party: { kind: "person", name: "张三" }, facts: "f", outcome: "notEstablished" },
        handlingOfficerIds: ["a"],
      });
    expect(r._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect((await store.head()).match(ok, fail).position).toBe(0);
  });

  it("runs the simplified procedure with the bureau's form register", async () => {
    const { bureau, store } = setup();
    (await bureau.forms.as(headActor).issue({ officerId: "a", numbers: ["No.0001"] })).match(ok, fail);
    const spot = onSpotDecide(); // the shared fixture: ¥50 to 张三 on form No.0001, notified, waiver recorded
    const r = (await bureau.case("SP-1").as(officerActor).execute(spot)).match(ok, fail);
    expect(r.view.procedure).toBe("simplified");
    const register = (await bureau.forms.register()).match(ok, fail);
    expect(register.forms["No.0001"]?.status).toBe("used");
    // The same number again, on another case: refused by the register, nothing appended.
    const again = await bureau.case("SP-2").as(officerActor).execute(spot);
    expect(again._unsafeUnwrapErr().code).toBe("FORM_NUMBER_INVALID");
    expect((await store.load("SP-2")).match(ok, fail)).toHaveLength(0);
    // A penalty command on the simplified case goes to the simplified decider, which refuses it.
    const wrong = await bureau.case("SP-1").as(officerActor).execute({ type: "case.close" });
    expect(wrong.isErr()).toBe(true);
  });

  it("runs a 双随机 inspection: drawn with the bureau's random source, opened, recorded, concluded, published", async () => {
    const firm = `31640500MA76B0002${usccCheckChar("31640500MA76B0002")}`;
    const entities = createEntitiesRegistry({
      organisations: [
        {
          uscc: firm,
          name: "宁夏示例律师事务所",
          legalRepresentative: "示例乙",
          address: "中卫市沙坡头区示例街 2 号",
          regionCode: "640502",
          effectiveFrom: "2015-06-01",
        },
      ],
    }).match(ok, fail);
    const { bureau, clock } = setup({ registries: { bodies, entities }, random: seededRandom(7) });
    const task = bureau
      .drawInspection({
        taskId: "task-1",
        items: [
          {
            code: "SJ-001",
            name: "律师事务所执业活动检查",
            bodyId: "spt",
            targets: "辖区律师事务所",
            basis: [{ law: "律师法", article: 52, paragraph: 1 }],
            methods: ["现场检查"],
            ratioBasisPoints: 10_000,
            timesPerYear: 1,
            effectiveFrom: "2020-01-01",
          },
        ],
        category: "律师管理",
        regionCode: "640502",
      })
      .match(ok, fail);
    expect(task.assignments.map((a) => a.uscc)).toEqual([firm]);
    expect(task.drawnAt).toBe("2025-03-03T02:00:00Z"); // the bureau's clock
    const drawn = task.assignments[0]?.officerIds ?? [];
    const inspector: Actor = { id: drawn[0] ?? "", name: "检查员", roles: ["officer"] };
    const c = bureau.case("INSP-1");
    clock.set("2025-03-04T02:00:00Z");
    expect(
      (await c.as(inspector).execute({ type: "inspection.open", task, uscc: firm })).match(ok, fail).view.procedure,
    ).toBe("inspection");
    clock.set("2025-03-05T02:00:00Z");
    const recorded = {
      type: "inspection.record" as const,
      officerIds: drawn,
      certificateShown: true,
      findings: "执业规范",
      records: [{ id: "t1", kind: "transcript" as const }],
    };
    (await c.as(inspector).execute(recorded)).match(ok, fail);
    clock.set("2025-03-06T02:00:00Z");
    (await c.as(inspector).execute({ type: "inspection.conclude", result: "pass" })).match(ok, fail);
    clock.set("2025-03-07T02:00:00Z");
    const published = (await c.as(inspector).execute({ type: "inspection.publish" })).match(ok, fail);
    expect(published.view.procedure === "inspection" && published.view.state.value).toBe("published");
    const listed = (await bureau.cases.list()).match(ok, fail);
    expect(listed.map((x) => [x.caseId, x.procedure, x.uscc, x.last.type])).toEqual([
      ["INSP-1", "inspection", firm, "inspection.published"],
    ]);
  });

  it("runs a 查封扣押 from the case: the head's approval, the execution with its video stored as evidence, the 30-day deadline indexed", async () => {
    const { bureau, clock } = setup();
    const c = bureau.case("SZ-1");
    (await c.as(officerActor).file(fileCommandFields)).match(ok, fail);
    clock.set("2025-03-04T02:00:00Z");
    const approve = {
      type: "seizure.approve" as const,
      at: "2025-03-04T02:00:00Z",
      approverId: "h",
      measure: { facts: "涉嫌违法经营", basis: ["行政强制法第二十二条"] },
    };
    (await c.as(headActor).execute({ type: "coercion.act", measureId: "m1", seizure: approve })).match(ok, fail);
    clock.set("2025-03-04T03:00:00Z");
    const video = (
      await c.as(officerActor).attachEvidence(new TextEncoder().encode("seizure video"), {
        mediaType: "video/mp4",
        evidenceType: "audioVisual",
        capturedAt: "2025-03-04T03:00:00Z",
        stage: "investigation",
        action: "sealOrSeize",
      })
    ).match(ok, fail);
    const at = "2025-03-04T03:00:00Z";
    const executed = (
      await c.as(officerActor).execute({
        type: "coercion.act",
        measureId: "m1",
        seizure: {
          type: "seizure.execute",
          at,
          officerIds: ["a", "b"],
          items: ["涉案物品"],
          records: [
            { id: "sz-t", kind: "transcript" },
            { id: "sz-d", kind: "document" },
            { id: "sz-v", kind: "video", evidenceIds: [video.item.id], wholeProcess: true, startedAt: at, endedAt: at },
          ],
        },
      })
    ).match(ok, fail);
    if (executed.view.procedure !== "ordinary") throw new Error("not an ordinary case");
    expect(executed.view.state.context.measures.m1?.status).toBe("inForce");
    const due = (await bureau.deadlines({ streamPrefix: "SZ-1" })).match(ok, fail);
    expect(due.find((d) => d.ruleId === "coercion.seizure")?.due).toBe("2025-04-03");
  });

  it("says what to configure when a port is missing", async () => {
    const { bureau } = setup({ signer: undefined, publisher: undefined, evidence: undefined } as never);
    const noSigner = await bureau.signHead();
    expect(noSigner._unsafeUnwrapErr().message).toContain("signer");
    const noRandom = bureau.drawInspection({
      taskId: "T1",
      items: [],
      category: "律师管理",
      regionCode: "640502",
    } as never);
    expect(noRandom._unsafeUnwrapErr().message).toContain("random");
    const noStore = await bureau
      .case("E-1")
      .as(officerActor)
      .attachEvidence(new Uint8Array([1]), {
        mediaType: "image/jpeg",
        evidenceType: "documentary",
        capturedAt: "2025-03-03T01:00:00Z",
        stage: "investigation",
      });
    expect(noStore._unsafeUnwrapErr().message).toContain("evidence");
  });

  it("refuses hostile input with a typed error and writes nothing", async () => {
    const { bureau, store, clock } = setup();
    const c = bureau.case("H-1");
    const badActor = await c.as({ id: "", name: "", roles: [] } as never).file({} as never);
    expect(badActor._unsafeUnwrapErr().code).toBe("ACTOR_INVALID");
    const notObject = await c.as(officerActor).attachEvidence(new Uint8Array([1]), undefined as never);
    expect(notObject._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect((await c.review.as(officerActor).submit(null as never))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect((await c.review.as(officerActor).execute(42 as never))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect((await c.disclosure.as(officerActor).draft(undefined as never))._unsafeUnwrapErr().code).toBe(
      "INVALID_INPUT",
    );
    expect((await bureau.forms.as(headActor).issue({ officerId: "a", numbers: "No.1" } as never)).isErr()).toBe(true);
    expect(bureau.drawInspection(undefined as never)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect((await c.as(officerActor).execute(null as never))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    // A clock gone wrong is named as the clock, not as an event field.
    clock.set("2025-03-03T02:00:00Z");
    const broken = createBureau({
      bodyId: "spt",
      store,
      clock: { specificationVersion: 1, now: () => "yesterday" },
      registries: { bodies },
      calendar,
    });
    expect(broken._unsafeUnwrapErr().message).toContain("时钟");
    expect((await store.head()).match(ok, fail).position).toBe(0);
  });

  it("refuses a configuration without its ports, naming the missing one", () => {
    const base = { bodyId: "spt", store: memoryEventStore(), clock: manualClock("2025-03-03T02:00:00Z"), calendar };
    expect(createBureau({ ...base, registries: {} } as never)._unsafeUnwrapErr().message).toContain("registries");
    expect(createBureau({ ...base, store: {} } as never)._unsafeUnwrapErr().message).toContain("store");
    expect(createBureau({ ...base, registries: { bodies }, signer: {} } as never)._unsafeUnwrapErr().message).toContain(
      "signer",
    );
    expect(createBureau(null as never)._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("refuses the case list on a store without the bureau's projections, saying how to open it", async () => {
    const { bureau } = setup({ store: memoryEventStore() });
    const r = await bureau.cases.list();
    expect(r._unsafeUnwrapErr().message).toContain("bureauProjections");
  });
});
