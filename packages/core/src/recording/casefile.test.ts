import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { testSigner, verificationKeyOf } from "../kernel/signer-verify.js";
import { AuditLog } from "./audit-log.js";
import type { CaseEvent } from "./case-event.js";
import { assembleCaseFile, type CaseFile, CaseFileJsonSchema, caseFileFromJson, caseFileToJson } from "./casefile.js";
import { caseFileHtml, chinaTimeText } from "./casefile-html.js";
import { eventTitle } from "./casefile-titles.js";
import { verifyCaseFile, verifyCaseFileJson } from "./casefile-verify.js";
import { STAGES, type Stage } from "./vocabulary.js";

const actor = { id: "officer-1", roles: ["officer" as const] };
const signer = testSigner();
const key = verificationKeyOf(signer);
const signing = { logId: "bureau-1", timestamp: "2026-05-20T00:00:00Z" };

function ev(caseId: string, seq: number, stage: Stage, type: string, payload: Record<string, unknown> = {}): CaseEvent {
  return { caseId, seq, type, at: `2026-05-${String(seq).padStart(2, "0")}T02:00:00Z`, actor, stage, payload };
}

/** A small ordinary case, with a supplementary investigation after review (out of stage order). */
const CASE = [
  ev("c1", 1, "filing", "case.filed"),
  ev("c1", 2, "investigation", "investigation.recorded", { party: "张三" }),
  ev("c1", 3, "review", "review.approved"),
  ev("c1", 4, "investigation", "investigation.recorded", { title: "补充调查：现场照片" }),
  ev("c1", 5, "decision", "case.decided", { outcome: "penalty", fineFen: 500000 }),
  ev("c1", 6, "archiving", "case.archived"),
];

async function fileOf(events: readonly CaseEvent[], caseId: string): Promise<CaseFile> {
  const log = AuditLog.restore(events)._unsafeUnwrap();
  const sth = (await log.signedTreeHead(signer, signing))._unsafeUnwrap();
  return assembleCaseFile(log, caseId, sth)._unsafeUnwrap();
}

function interleave(caseEvents: readonly CaseEvent[]): CaseEvent[] {
  return caseEvents.flatMap((e) => [e, { ...e, caseId: "other" }]);
}

describe("case file (案卷, 行政处罚法 Art. 47; pilot plan 二（二）（4）)", () => {
  it("orders the catalogue (卷内目录) by stage, then seq, with Chinese titles", async () => {
    const file = await fileOf(interleave(CASE), "c1");
    expect(file.catalogue.map((e) => e.seq)).toEqual([1, 2, 4, 3, 5, 6]);
    expect(file.catalogue.map((e) => e.title)).toEqual([
      "立案审批表",
      "调查取证记录",
      "补充调查：现场照片",
      "法制审核通过记录",
      "行政处罚决定书",
      "立卷归档登记表",
    ]);
    expect(file.catalogue.map((e) => e.no)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(file.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(file.catalogue[0]?.leafIndex).toBe(0);
    expect(file.catalogue[1]?.leafIndex).toBe(2);
  });

  it("falls back to stage and type for an unknown event type, and takes the bureau's titles", () => {
    expect(eventTitle(ev("c", 1, "service", "letter.posted"))).toBe("送达记录（letter.posted）");
    expect(eventTitle(ev("c", 1, "service", "letter.posted"), { "letter.posted": "邮寄送达回执" })).toBe(
      "邮寄送达回执",
    );
  });

  it("verifies offline with the bureau's public key alone (档案法 Art. 39 para. 2: 真实性、完整性)", async () => {
    const file = await fileOf(interleave(CASE), "c1");
    const r = verifyCaseFile(file, key)._unsafeUnwrap();
    expect(r).toMatchObject({ caseId: "c1", entries: 6, logId: "bureau-1", treeSize: 12 });
  });

  it("leaves events after the signed head for a later file, and refuses a head of another log", async () => {
    const log = AuditLog.restore(CASE.slice(0, 3))._unsafeUnwrap();
    const sth = (await log.signedTreeHead(signer, signing))._unsafeUnwrap();
    log.append(CASE.slice(3));
    const file = assembleCaseFile(log, "c1", sth)._unsafeUnwrap();
    expect(file.events).toHaveLength(3);
    expect(verifyCaseFile(file, key).isOk()).toBe(true);
    const other = AuditLog.restore([ev("x", 1, "filing", "case.filed")])._unsafeUnwrap();
    expect(assembleCaseFile(other, "x", { ...sth, treeSize: 1 })._unsafeUnwrapErr().code).toBe("MERKLE_ROOT_MISMATCH");
    expect(assembleCaseFile(log, "nobody", sth)._unsafeUnwrapErr().code).toBe("CASE_FILE_MALFORMED");
  });

  it("round-trips through its JSON form (bytes as hex)", async () => {
    const file = await fileOf(interleave(CASE), "c1");
    const json = JSON.parse(JSON.stringify(caseFileToJson(file)));
    expect(CaseFileJsonSchema.safeParse(json).success).toBe(true);
    const back = caseFileFromJson(json)._unsafeUnwrap();
    expect(back).toEqual(file);
    expect(verifyCaseFileJson(json, key).isOk()).toBe(true);
    expect(caseFileFromJson({ ...json, version: 3 })._unsafeUnwrapErr().code).toBe("CASE_FILE_MALFORMED");
  });

  it("refuses an event carrying fields outside the format (they would escape the hash)", async () => {
    const json = JSON.parse(JSON.stringify(caseFileToJson(await fileOf(CASE, "c1"))));
    json.events[2].note = "后加的批注";
    expect(verifyCaseFileJson(json, key)._unsafeUnwrapErr().code).toBe("CASE_FILE_MALFORMED");
  });

  it("names the entry whose event was changed (EVENT_HASH_MISMATCH)", async () => {
    const json = JSON.parse(JSON.stringify(caseFileToJson(await fileOf(CASE, "c1"))));
    json.events[4].payload.fineFen = 5000;
    const e = verifyCaseFileJson(json, key)._unsafeUnwrapErr();
    expect(e.code).toBe("EVENT_HASH_MISMATCH");
    expect(e.message).toContain("第 5 号事件「行政处罚决定书」");
    expect(e.details).toMatchObject({ no: 5, seq: 5 });
  });

  it("refuses a catalogue out of order, incomplete or disagreeing with its events (CASE_FILE_CATALOGUE_INVALID)", async () => {
    const file = await fileOf(CASE, "c1");
    const swapped = { ...file, catalogue: [file.catalogue[1], file.catalogue[0], ...file.catalogue.slice(2)] };
    const renumbered = { ...swapped, catalogue: swapped.catalogue.map((e, i) => ({ ...(e as object), no: i + 1 })) };
    const parts = [{ streamId: "c1", kind: "case" as const, events: 5 }];
    const dropped = { ...file, parts, events: file.events.slice(0, 5), catalogue: file.catalogue.slice(0, 5) };
    const droppedQuietly = { ...dropped, parts: file.parts };
    const missing = { ...file, events: [...file.events.slice(0, 2), ...file.events.slice(3)] };
    const restaged = {
      ...file,
      catalogue: file.catalogue.map((e) => (e.seq === 2 ? { ...e, stage: "filing" as const } : e)),
    };
    for (const bad of [swapped, renumbered, missing, restaged, droppedQuietly]) {
      expect(verifyCaseFile(bad as CaseFile, key)._unsafeUnwrapErr().code).toBe("CASE_FILE_CATALOGUE_INVALID");
    }
    // Dropping the last event and its count keeps a consistent (shorter) file: completeness is the archive event's job.
    expect(verifyCaseFile(dropped, key).isOk()).toBe(true);
  });

  it("prints the catalogue as Chinese HTML with every value escaped", async () => {
    const hostile = '<script>alert("x")</script>&\'';
    const events = [ev("c1", 1, "filing", "case.filed", { title: hostile })];
    const html = caseFileHtml(await fileOf(events, "c1"), { bureauName: `<b>${hostile}</b>` });
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;");
    expect(html).toContain("卷内目录");
    expect(html).toContain('<tr class="step"><td colspan="7">立案</td></tr>');
    expect(html).toContain("<li>案件：1件</li>");
    expect(html).toContain("2026年5月1日 10:00");
    expect(html).toContain("《行政处罚法》第四十七条");
    expect(chinaTimeText("2026-12-31T16:30:00Z")).toBe("2027年1月1日 00:30");
  });

  const caseArb = fc
    .array(
      fc.record({
        stage: fc.constantFrom(...STAGES),
        own: fc.boolean(),
        payload: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.oneof(fc.string(), fc.integer()), {
          minKeys: 1,
          maxKeys: 3,
        }),
      }),
      { minLength: 1, maxLength: 12 },
    )
    .map((steps) => {
      let seq = 0;
      let other = 0;
      return steps.map((s) =>
        s.own
          ? ev("case-x", ++seq, s.stage, "case.noted", s.payload)
          : ev("case-y", ++other, s.stage, "case.noted", s.payload),
      );
    })
    .filter((events) => events.some((e) => e.caseId === "case-x"));

  test.prop([caseArb, fc.nat(), fc.nat()])(
    "every case file from a random valid log verifies; any change is refused with its code",
    async (events, pick, bit) => {
      const file = await fileOf(events, "case-x");
      expect(verifyCaseFile(file, key).isOk()).toBe(true);
      const json = caseFileToJson(file);
      const clone = (): typeof json => JSON.parse(JSON.stringify(json));
      const flipHex = (hex: string): string => {
        const i = bit % hex.length;
        return (
          hex.slice(0, i) +
          ((Number.parseInt(hex[i] as string, 16) ^ (1 + (bit % 15))) & 15).toString(16) +
          hex.slice(i + 1)
        );
      };
      const codeOf = (v: unknown) => verifyCaseFileJson(v, key)._unsafeUnwrapErr().code;
      const n = json.events.length;

      // A payload value.
      const p = clone() as { events: { payload: Record<string, unknown> }[] };
      const ev0 = p.events[pick % n] as { payload: Record<string, unknown> };
      const k = Object.keys(ev0.payload)[0] as string;
      ev0.payload[k] = `${String(ev0.payload[k])}!`;
      expect(codeOf(p)).toBe("EVENT_HASH_MISMATCH");

      // A proof hash (when the tree has more than one leaf).
      const q = clone() as { catalogue: { inclusionProof: string[] }[] };
      const entry = q.catalogue[pick % n] as { inclusionProof: string[] };
      if (entry.inclusionProof.length > 0) {
        const j = bit % entry.inclusionProof.length;
        entry.inclusionProof[j] = flipHex(entry.inclusionProof[j] as string);
        expect(codeOf(q)).toBe("CASE_FILE_PROOF_INVALID");
      }

      // The root, and the signature.
      const r = clone() as { signedTreeHead: { rootHash: string; signature: string } };
      r.signedTreeHead.rootHash = flipHex(r.signedTreeHead.rootHash);
      expect(codeOf(r)).toBe("SIGNATURE_INVALID");
      const s = clone() as { signedTreeHead: { rootHash: string; signature: string } };
      s.signedTreeHead.signature = flipHex(s.signedTreeHead.signature);
      expect(codeOf(s)).toBe("SIGNATURE_INVALID");
    },
    30_000,
  );
});
