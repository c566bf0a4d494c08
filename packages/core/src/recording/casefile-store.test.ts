import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { ok } from "../kernel/result.js";
import { testSigner, verificationKeyOf } from "../kernel/signer-verify.js";
import type { CaseEvent } from "./case-event.js";
import { assembleCaseFile, type CaseFile, caseFileToJson } from "./casefile.js";
import { attestCaseFile } from "./casefile-attest.js";
import { assembleCaseFileFromStore } from "./casefile-store.js";
import { verifyCaseFile, verifyCaseFileJson } from "./casefile-verify.js";
import type { EventStore } from "./event-store.js";
import { memoryEventStore } from "./memory-event-store.js";
import { signAndSaveTreeHead } from "./store-sign.js";
import { loadAuditLog } from "./store-verify.js";
import type { Stage } from "./vocabulary.js";

const actor = { id: "officer-1", roles: ["officer" as const] };
const signer = testSigner();
const key = verificationKeyOf(signer);
const signing = { logId: "bureau-1", timestamp: "2026-05-20T00:00:00Z" };

function ev(stream: string, seq: number, stage: Stage, type: string, payload: Record<string, unknown> = {}): CaseEvent {
  return { caseId: stream, seq, type, at: `2026-05-${String(seq).padStart(2, "0")}T02:00:00Z`, actor, stage, payload };
}

/**
 * One ordinary case (c1) with a legal review that approved its decision (c1.review, named
 * by review.approved), a second review that was refused (found by its first event alone),
 * the decision's disclosure (gs-decision-c1, whose draft names the case), and streams of
 * another case interleaved — in the shapes the procedures write.
 */
const LOG: readonly CaseEvent[] = [
  ev("c1", 1, "filing", "case.filed"),
  ev("c2", 1, "filing", "case.filed"),
  ev("c1", 2, "investigation", "investigation.recorded"),
  ev("c1.review-0", 1, "review", "review.submitted", { caseId: "c1", draftHash: "a".repeat(64) }),
  ev("c2.review", 1, "review", "review.submitted", { caseId: "c2" }),
  ev("c1.review-0", 2, "review", "review.concluded", { outcome: "rejected", opinion: "证据不足" }),
  ev("c1.review", 1, "review", "review.submitted", { caseId: "c1", draftHash: "b".repeat(64) }),
  ev("c1.review", 2, "review", "review.concluded", { outcome: "approved", opinion: "同意" }),
  ev("c1", 3, "review", "review.approved", { draftHash: "b".repeat(64), reviewId: "c1.review" }),
  ev("c1", 4, "decision", "case.decided", { outcome: "penalty", fineFen: 300_000 }),
  ev("gs-decision-c1", 1, "decision", "disclosure.drafted", { draft: { caseId: "c1", title: "行政处罚决定" } }),
  ev("c2", 2, "investigation", "investigation.recorded", { note: '"caseId":"c1"' }),
  ev("gs-decision-c1", 2, "decision", "disclosure.approved", { approverId: "head-1" }),
  ev("gs-decision-c1", 3, "decision", "disclosure.published", { caseId: "c1", channel: "网站" }),
  ev("c1", 5, "service", "decision.served"),
  ev("c1", 6, "archiving", "case.archived"),
];

async function storeOf(events: readonly CaseEvent[], signAt?: number): Promise<EventStore> {
  const store = memoryEventStore();
  const versions = new Map<string, number>();
  for (const [i, e] of events.entries()) {
    (await store.append(e.caseId, versions.get(e.caseId) ?? 0, [e]))._unsafeUnwrap();
    versions.set(e.caseId, e.seq);
    if (signAt === i + 1) (await signAndSaveTreeHead(store, signer, signing))._unsafeUnwrap();
  }
  if (signAt === undefined) (await signAndSaveTreeHead(store, signer, signing))._unsafeUnwrap();
  return store;
}

async function fileOf(events: readonly CaseEvent[] = LOG): Promise<CaseFile> {
  return (await assembleCaseFileFromStore(await storeOf(events), "c1"))._unsafeUnwrap();
}

type Json = ReturnType<typeof caseFileToJson>;
const jsonOf = (file: CaseFile): Json => JSON.parse(JSON.stringify(caseFileToJson(file)));

describe("the complete case file (案卷: case, reviews, disclosures) from a store", () => {
  it("files the case with its reviews and its disclosure, one signed head, titled as documents", async () => {
    const file = await fileOf();
    expect(file.parts).toEqual([
      { streamId: "c1", kind: "case", events: 6 },
      { streamId: "c1.review-0", kind: "review", events: 2 },
      { streamId: "c1.review", kind: "review", events: 2 },
      { streamId: "gs-decision-c1", kind: "disclosure", events: 3 },
    ]);
    expect(file.catalogue.map((e) => e.title)).toEqual([
      "立案审批表",
      "调查取证记录",
      "法制审核通过记录",
      "法制审核送审材料",
      "法制审核意见书",
      "法制审核送审材料",
      "法制审核意见书",
      "行政处罚决定书",
      "拟公示信息",
      "公示信息审核记录",
      "行政执法信息公示记录",
      "送达回证",
      "立卷归档登记表",
    ]);
    expect(file.signedTreeHead.treeSize).toBe(LOG.length);
    expect(verifyCaseFile(file, key)._unsafeUnwrap()).toMatchObject({ caseId: "c1", entries: 13 });
  });

  it("is the file assembleCaseFile makes from the whole log in memory", async () => {
    const store = await storeOf(LOG);
    const log = (await loadAuditLog(store))._unsafeUnwrap();
    const sth = (await store.latestSignedTreeHead())._unsafeUnwrap();
    if (sth === null) throw new Error("signed above");
    expect(await assembleCaseFileFromStore(store, "c1")).toEqual(assembleCaseFile(log, "c1", sth));
  });

  it("reads the log through readAll when the store has no readLeaves", async () => {
    const store = await storeOf(LOG);
    const { readLeaves: _omit, ...rest } = store;
    const plain: EventStore = { ...rest, close: () => store.close() };
    expect(plain.readLeaves).toBeUndefined();
    expect(await assembleCaseFileFromStore(plain, "c1")).toEqual(await assembleCaseFileFromStore(store, "c1"));
  });

  it("files only what the signed head covers, and refuses a file without a head", async () => {
    const early = await storeOf(LOG, 8);
    const file = (await assembleCaseFileFromStore(early, "c1"))._unsafeUnwrap();
    expect(file.parts.map((p) => [p.streamId, p.events])).toEqual([
      ["c1", 2],
      ["c1.review-0", 2],
      ["c1.review", 2],
    ]);
    expect(verifyCaseFile(file, key).isOk()).toBe(true);
    const unsigned = memoryEventStore();
    (await unsigned.append("c1", 0, [ev("c1", 1, "filing", "case.filed")]))._unsafeUnwrap();
    const e = (await assembleCaseFileFromStore(unsigned, "c1"))._unsafeUnwrapErr();
    expect(e.code).toBe("CASE_FILE_MALFORMED");
    expect(e.message).toContain("sanxiang sign");
    expect((await assembleCaseFileFromStore(early, "nobody"))._unsafeUnwrapErr().code).toBe("CASE_FILE_MALFORMED");
    expect((await assembleCaseFileFromStore(early, "bad id/"))._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    // A head larger than the log: the pass runs out of leaves.
    const sth = (await early.latestSignedTreeHead())._unsafeUnwrap();
    if (sth === null) throw new Error("signed above");
    const beyond = { ...sth, treeSize: LOG.length + 5 };
    const r = await assembleCaseFileFromStore(early, "c1", { signedTreeHead: beyond, pageSize: Number.NaN });
    expect(r._unsafeUnwrapErr().code).toBe("MERKLE_TREE_SIZE_INVALID");
  });

  it("refuses a referenced review missing under the head, and files streams the caller names", async () => {
    const dangling = [
      ev("c1", 1, "filing", "case.filed"),
      ev("c1", 2, "review", "review.approved", { reviewId: "r9" }),
    ];
    const e = (await assembleCaseFileFromStore(await storeOf(dangling), "c1"))._unsafeUnwrapErr();
    expect(e.code).toBe("CASE_FILE_MALFORMED");
    expect(e.details).toMatchObject({ streamId: "r9" });
    const file = (await assembleCaseFileFromStore(await storeOf(LOG), "c1", { streams: ["c2"] }))._unsafeUnwrap();
    expect(file.parts.map((p) => p.streamId)).toContain("c2");
    expect(file.parts.find((p) => p.streamId === "c2")?.kind).toBe("linked");
  });

  it("refuses a head of another log and a store whose leaves were changed", async () => {
    const other = await storeOf([ev("c1", 1, "filing", "case.filed", { note: "另一日志" }), ...LOG.slice(1)]);
    const sth = (await other.latestSignedTreeHead())._unsafeUnwrap();
    if (sth === null) throw new Error("signed above");
    const store = await storeOf(LOG);
    const r = await assembleCaseFileFromStore(store, "c1", { signedTreeHead: sth });
    expect(r._unsafeUnwrapErr().code).toBe("MERKLE_ROOT_MISMATCH");
    const lying: EventStore = {
      ...store,
      close: () => store.close(),
      load: async (id, o) =>
        (await store.load(id, o)).map((events) =>
          events.map((x) => (x.type === "review.concluded" && x.caseId === "c1.review" ? { ...x, payload: {} } : x)),
        ),
    };
    expect((await assembleCaseFileFromStore(lying, "c1"))._unsafeUnwrapErr().code).toBe("EVENT_HASH_MISMATCH");
    const stale: EventStore = { ...store, close: () => store.close(), latestSignedTreeHead: async () => ok(null) };
    expect((await assembleCaseFileFromStore(stale, "c1"))._unsafeUnwrapErr().code).toBe("CASE_FILE_MALFORMED");
  });
});

describe("proofs from the store's stored subtrees (readMerkleNodes): never trusted", () => {
  const flip = (h: Uint8Array): Uint8Array => {
    const out = h.slice();
    out[0] = (out[0] as number) ^ 1;
    return out;
  };

  it("uses the stored subtrees, not a pass over the log, and gives the pass's file", async () => {
    const store = await storeOf(LOG);
    const counting: EventStore = {
      ...store,
      close: () => store.close(),
      readLeaves: async () => {
        throw new Error("no pass over the log expected");
      },
      readAll: async () => {
        throw new Error("no pass over the log expected");
      },
    };
    const fast = await assembleCaseFileFromStore(counting, "c1");
    expect(fast).toEqual(await assembleCaseFileFromStore(store, "c1", { passOverLog: true }));
    expect(verifyCaseFile(fast._unsafeUnwrap(), key).isOk()).toBe(true);
  });

  test.prop([fc.nat(), fc.nat()])(
    "a store handing out any wrong node (or a wrong position) gets a coded refusal, never a file",
    async (which, kind) => {
      const store = await storeOf(LOG);
      let calls = 0;
      const broken: EventStore = {
        ...store,
        close: () => store.close(),
        // Breaks one node of the answer (kind even), or one leaf's position (kind odd).
        readMerkleNodes: async (refs) =>
          ((await store.readMerkleNodes?.(refs)) ?? ok([])).map((hashes) =>
            kind % 2 === 0 ? hashes.map((h, i) => (i === which % hashes.length ? flip(h) : h)) : hashes,
          ),
        readStreamLeaves: async (id) =>
          ((await store.readStreamLeaves?.(id)) ?? ok([])).map((leaves) =>
            kind % 2 === 1 && calls++ === 0
              ? leaves.map((l, i) =>
                  i === which % leaves.length ? { ...l, position: l.position === 1 ? 2 : l.position - 1 } : l,
                )
              : leaves,
          ),
      };
      const r = await assembleCaseFileFromStore(broken, "c1");
      expect(r.isErr(), "a wrong stored node or position must fail the proof against the signed head").toBe(true);
      expect(["MERKLE_ROOT_MISMATCH", "EVENT_HASH_MISMATCH", "STORE_CORRUPT"]).toContain(r._unsafeUnwrapErr().code);
    },
  );

  it("a flipped node is MERKLE_ROOT_MISMATCH naming the leaf (why: storedNodes)", async () => {
    const store = await storeOf(LOG);
    const broken: EventStore = {
      ...store,
      close: () => store.close(),
      readMerkleNodes: async (refs) =>
        ((await store.readMerkleNodes?.(refs)) ?? ok([])).map((hashes) =>
          hashes.map((h, i) => (i === hashes.length - 1 ? flip(h) : h)),
        ),
    };
    const e = (await assembleCaseFileFromStore(broken, "c1"))._unsafeUnwrapErr();
    expect(e.code).toBe("MERKLE_ROOT_MISMATCH");
    expect(e.details).toMatchObject({ why: "storedNodes" });
  });
});

describe("verifying the complete case file offline: every part, each tampering caught with a code", () => {
  it("a review opinion altered → EVENT_HASH_MISMATCH naming the review's entry", async () => {
    const json = jsonOf(await fileOf());
    const i = json.events.findIndex((e) => e.caseId === "c1.review" && e.type === "review.concluded");
    (json.events[i] as { payload: Record<string, unknown> }).payload.opinion = "不同意";
    const e = verifyCaseFileJson(json, key)._unsafeUnwrapErr();
    expect(e.code).toBe("EVENT_HASH_MISMATCH");
    expect(e.message).toContain("c1.review 第 2 号事件「法制审核意见书」");
  });

  it("a disclosure event removed → CASE_FILE_CATALOGUE_INVALID (partIncomplete)", async () => {
    const json = jsonOf(await fileOf());
    const i = json.events.findIndex((e) => e.type === "disclosure.published");
    const removed = {
      ...json,
      events: json.events.filter((_, j) => j !== i),
      catalogue: json.catalogue.filter((c) => c.type !== "disclosure.published").map((c, j) => ({ ...c, no: j + 1 })),
    };
    const e = verifyCaseFileJson(removed, key)._unsafeUnwrapErr();
    expect(e.code).toBe("CASE_FILE_CATALOGUE_INVALID");
    expect(e.details).toMatchObject({ kind: "partIncomplete" });
  });

  it("the review the decision relied on removed whole → CASE_FILE_CATALOGUE_INVALID (partMissing)", async () => {
    const json = jsonOf(await fileOf());
    const without = {
      ...json,
      parts: json.parts.filter((p) => p.streamId !== "c1.review"),
      events: json.events.filter((e) => e.caseId !== "c1.review"),
      catalogue: json.catalogue.filter((c) => c.streamId !== "c1.review").map((c, j) => ({ ...c, no: j + 1 })),
    };
    const e = verifyCaseFileJson(without, key)._unsafeUnwrapErr();
    expect(e.code).toBe("CASE_FILE_CATALOGUE_INVALID");
    expect(e.details).toMatchObject({ kind: "partMissing", streamId: "c1.review" });
  });

  it("a stream of another case slipped in → CASE_FILE_CATALOGUE_INVALID (partNotLinked)", async () => {
    const other = jsonOf((await assembleCaseFileFromStore(await storeOf(LOG), "c2"))._unsafeUnwrap());
    const json = jsonOf(await fileOf());
    const review = other.parts.find((p) => p.kind === "review");
    if (review === undefined) throw new Error("c2 has a review");
    const extra = other.catalogue.filter((c) => c.streamId === review.streamId);
    const merged = {
      ...json,
      parts: [...json.parts, review],
      events: [...json.events, ...other.events.filter((e) => e.caseId === review.streamId)],
      catalogue: [...json.catalogue, ...extra].map((c, j) => ({ ...c, no: j + 1 })),
    };
    const e = verifyCaseFileJson(merged, key)._unsafeUnwrapErr();
    expect(e.code).toBe("CASE_FILE_CATALOGUE_INVALID");
    expect(e.details).toMatchObject({ kind: "partNotLinked" });
  });

  it("a proof against another head → CASE_FILE_PROOF_INVALID; another head's signature on this root → SIGNATURE_INVALID", async () => {
    const json = jsonOf(await fileOf());
    const earlier = jsonOf((await assembleCaseFileFromStore(await storeOf(LOG, 10), "c1"))._unsafeUnwrap());
    const i = json.catalogue.findIndex((c) => c.type === "disclosure.drafted");
    const j = earlier.catalogue.findIndex((c) => c.type === "case.decided");
    const mixed = {
      ...json,
      catalogue: json.catalogue.map((c) =>
        c.type === "case.decided" ? { ...c, inclusionProof: earlier.catalogue[j]?.inclusionProof ?? [] } : c,
      ),
    };
    expect(i).toBeGreaterThan(0);
    expect(verifyCaseFileJson(mixed, key)._unsafeUnwrapErr().code).toBe("CASE_FILE_PROOF_INVALID");
    const swapped = {
      ...json,
      signedTreeHead: { ...json.signedTreeHead, signature: earlier.signedTreeHead.signature },
    };
    expect(verifyCaseFileJson(swapped, key)._unsafeUnwrapErr().code).toBe("SIGNATURE_INVALID");
    const otherHead = { ...json, signedTreeHead: earlier.signedTreeHead };
    expect(verifyCaseFileJson(otherHead, key)._unsafeUnwrapErr().code).toBe("CASE_FILE_PROOF_INVALID");
  });

  it("a part relabelled, duplicated or put first → CASE_FILE_CATALOGUE_INVALID (partsInvalid)", async () => {
    const json = jsonOf(await fileOf());
    const relabel = { ...json, parts: json.parts.map((p) => (p.kind === "disclosure" ? { ...p, kind: "linked" } : p)) };
    const first = { ...json, parts: [...json.parts.slice(1, 2), json.parts[0], ...json.parts.slice(2)] };
    for (const bad of [relabel, first]) {
      const e = verifyCaseFileJson(bad, key)._unsafeUnwrapErr();
      expect(e.code).toBe("CASE_FILE_CATALOGUE_INVALID");
    }
  });

  it("still reads and verifies a version 1 file (the case stream alone)", async () => {
    const json = jsonOf(await fileOf([ev("c1", 1, "filing", "case.filed"), ev("c1", 2, "archiving", "case.archived")]));
    const { parts: _p, ...rest } = json;
    const v1 = { ...rest, version: 1, catalogue: json.catalogue.map(({ streamId: _s, ...c }) => c) };
    expect(verifyCaseFileJson(v1, key)._unsafeUnwrap()).toMatchObject({ caseId: "c1", entries: 2 });
  });
});

/** Random logs of a case, its linked streams (reviews, disclosures) and another case's, interleaved. */
const logArb = fc
  .array(fc.record({ stream: fc.constantFrom("c1", "c2", "r1", "r2", "d1", "x"), payload: fc.string() }), {
    minLength: 1,
    maxLength: 40,
  })
  .map((steps) => {
    const seqs = new Map<string, number>();
    const out: CaseEvent[] = [ev("c1", 1, "filing", "case.filed")];
    seqs.set("c1", 1);
    const opener: Record<string, [string, Record<string, unknown>]> = {
      r1: ["review.submitted", { caseId: "c1" }],
      r2: ["review.submitted", { caseId: "c2" }],
      d1: ["disclosure.drafted", { draft: { caseId: "c1" } }],
      x: ["case.filed", { note: '"caseId":"c1"' }],
    };
    for (const s of steps) {
      const seq = (seqs.get(s.stream) ?? 0) + 1;
      seqs.set(s.stream, seq);
      const [type, payload] =
        seq === 1 ? (opener[s.stream] ?? ["case.filed", {}]) : ["note.recorded", { s: s.payload }];
      out.push({ ...ev(s.stream, seq, "investigation", type, payload), at: "2026-05-01T02:00:00Z" });
    }
    return out;
  });

describe("the bureau's signature over the parts (卷内备考签名)", () => {
  async function attested(): Promise<CaseFile> {
    return (await assembleCaseFileFromStore(await storeOf(LOG), "c1", { signer }))._unsafeUnwrap();
  }

  it("verifies, and says so; a file without it verifies as not attested", async () => {
    expect(verifyCaseFile(await attested(), key)._unsafeUnwrap().attested).toBe(true);
    expect(verifyCaseFile(await fileOf(), key)._unsafeUnwrap().attested).toBe(false);
    const json = jsonOf(await attested());
    expect(typeof json.attestation?.signature).toBe("string");
    expect(verifyCaseFileJson(json, key)._unsafeUnwrap().attested).toBe(true);
  });

  it("catches a disclosure removed whole, with its line in parts (SIGNATURE_INVALID, what: parts)", async () => {
    const json = jsonOf(await attested());
    const d = "gs-decision-c1";
    const without = {
      ...json,
      parts: json.parts.filter((p) => p.streamId !== d),
      events: json.events.filter((e) => e.caseId !== d),
      catalogue: json.catalogue.filter((c) => c.streamId !== d).map((c, j) => ({ ...c, no: j + 1 })),
    };
    const e = verifyCaseFileJson(without, key)._unsafeUnwrapErr();
    expect(e.code).toBe("SIGNATURE_INVALID");
    expect(e.details).toMatchObject({ what: "parts" });
    // The same removal from a file without the signature passes: what the signature is for.
    const plain = jsonOf(await fileOf());
    const plainWithout = {
      ...plain,
      parts: plain.parts.filter((p) => p.streamId !== d),
      events: plain.events.filter((e) => e.caseId !== d),
      catalogue: plain.catalogue.filter((c) => c.streamId !== d).map((c, j) => ({ ...c, no: j + 1 })),
    };
    expect(verifyCaseFileJson(plainWithout, key).isOk()).toBe(true);
  });

  it("catches the last event of a part cut with its count, and another key's signature", async () => {
    const json = jsonOf(await attested());
    const cut = {
      ...json,
      parts: json.parts.map((p) => (p.streamId === "gs-decision-c1" ? { ...p, events: 2 } : p)),
      events: json.events.filter((e) => e.type !== "disclosure.published"),
      catalogue: json.catalogue.filter((c) => c.type !== "disclosure.published").map((c, j) => ({ ...c, no: j + 1 })),
    };
    expect(verifyCaseFileJson(cut, key)._unsafeUnwrapErr().code).toBe("SIGNATURE_INVALID");
    const sm2 = testSigner("sm2");
    const other = (await attestCaseFile(await fileOf(), sm2))._unsafeUnwrap();
    expect(verifyCaseFile(other, key)._unsafeUnwrapErr().details).toMatchObject({ what: "parts" });
    const failing = { ...signer, sign: () => Promise.reject(new Error("HSM offline")) };
    const r = await assembleCaseFileFromStore(await storeOf(LOG), "c1", { signer: failing });
    expect(r._unsafeUnwrapErr().code).toBe("SIGNER_FAILED");
  });
});

describe("property: the store's case file", () => {
  test.prop([logArb, fc.nat()])(
    "equals the in-memory assembly, files exactly the linked streams, and verifies",
    async (events, cut) => {
      const signAt = 1 + (cut % events.length);
      const store = await storeOf(events, signAt);
      const sth = (await store.latestSignedTreeHead())._unsafeUnwrap();
      if (sth === null) throw new Error("signed");
      const log = (await loadAuditLog(store))._unsafeUnwrap();
      const fromStore = await assembleCaseFileFromStore(store, "c1");
      expect(fromStore).toEqual(assembleCaseFile(log, "c1", sth));
      // The pass over the log (a store without stored subtrees) gives the same file.
      expect(await assembleCaseFileFromStore(store, "c1", { passOverLog: true, pageSize: 3 })).toEqual(fromStore);
      const file = fromStore._unsafeUnwrap();
      const under = events.slice(0, signAt);
      const expected = ["c1", "r1", "d1"].filter((s) => under.some((e) => e.caseId === s));
      expect(file.parts.map((p) => p.streamId).sort()).toEqual(expected.sort());
      expect(file.events).toEqual(
        under
          .filter((e) => expected.includes(e.caseId))
          .sort((a, b) => {
            const pa = expected.indexOf(a.caseId);
            const pb = expected.indexOf(b.caseId);
            return (
              file.parts.findIndex((p) => p.streamId === a.caseId) -
                file.parts.findIndex((p) => p.streamId === b.caseId) ||
              pa - pb ||
              a.seq - b.seq
            );
          }),
      );
      expect(verifyCaseFile(file, key).isOk()).toBe(true);
    },
    30_000,
  );
});

describe("property: no event of any part can be removed or moved unnoticed", () => {
  test.prop([logArb, fc.nat(), fc.nat()])(
    "removing an event (its entry renumbered) or moving an entry to another stream is refused with a code",
    async (events, pick, other) => {
      const file = (await assembleCaseFileFromStore(await storeOf(events), "c1"))._unsafeUnwrap();
      const json = caseFileToJson(file);
      const n = json.events.length;
      const gone = json.events[pick % n] as CaseEvent;
      const removed = {
        ...json,
        events: json.events.filter((_, i) => i !== pick % n),
        catalogue: json.catalogue
          .filter((c) => !(c.streamId === gone.caseId && c.seq === gone.seq))
          .map((c, i) => ({ ...c, no: i + 1 })),
      };
      // The only event removed leaves a file with none: malformed rather than incomplete.
      const expected = n === 1 ? "CASE_FILE_MALFORMED" : "CASE_FILE_CATALOGUE_INVALID";
      expect(verifyCaseFileJson(removed, key)._unsafeUnwrapErr().code).toBe(expected);
      const streams = json.parts.map((p) => p.streamId);
      const target = streams[other % streams.length] as string;
      const entry = json.catalogue[pick % n];
      if (entry !== undefined && target !== entry.streamId) {
        const moved = {
          ...json,
          catalogue: json.catalogue.map((c, i) => (i === pick % n ? { ...c, streamId: target } : c)),
        };
        expect(verifyCaseFileJson(moved, key).isErr()).toBe(true);
      }
    },
    30_000,
  );
});

describe("property: an attested file with any part left out whole is refused", () => {
  test.prop([logArb, fc.nat()])(
    "dropping a linked stream (its line, events and entries) breaks the signature; unsigned it would pass",
    async (events, pick) => {
      const store = await storeOf(events);
      const file = (await assembleCaseFileFromStore(store, "c1", { signer }))._unsafeUnwrap();
      expect(verifyCaseFile(file, key)._unsafeUnwrap().attested).toBe(true);
      const linked = file.parts.slice(1);
      const gone = linked[pick % Math.max(1, linked.length)];
      if (gone === undefined) return;
      const without: CaseFile = {
        ...file,
        parts: file.parts.filter((p) => p !== gone),
        events: file.events.filter((e) => e.caseId !== gone.streamId),
        catalogue: file.catalogue.filter((c) => c.streamId !== gone.streamId).map((c, i) => ({ ...c, no: i + 1 })),
      };
      expect(verifyCaseFile(without, key)._unsafeUnwrapErr().details).toMatchObject({ what: "parts" });
      const { attestation: _a, ...unsigned } = without;
      expect(verifyCaseFile(unsigned, key).isOk()).toBe(true);
    },
    30_000,
  );
});
