import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import { testSigner, verificationKeyOf } from "../kernel/signer-verify.js";
import { sm3 } from "../kernel/sm3.js";
import { AuditLog, createAuditLog, eventLeafHash, verifyLog } from "./audit-log.js";
import type { CaseEvent } from "./case-event.js";
import { STAGES } from "./vocabulary.js";

const actor = { id: "officer-1", roles: ["officer" as const] };

function ev(caseId: string, seq: number, payload: Record<string, unknown> = {}): CaseEvent {
  return {
    caseId,
    seq,
    type: "case.noted",
    at: `2026-05-0${1 + (seq % 9)}T02:00:00Z`,
    actor,
    stage: STAGES[seq % STAGES.length] ?? "filing",
    payload,
  };
}

/** Random valid logs: interleaved streams of up to three cases, payloads of JSON scalars. */
const logArb = fc
  .array(
    fc.record({
      c: fc.constantFrom("case-a", "case-b", "case-c"),
      payload: fc.dictionary(
        fc.string({ minLength: 1, maxLength: 6 }),
        fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null)),
        { maxKeys: 3 },
      ),
    }),
    { minLength: 1, maxLength: 25 },
  )
  .map((steps) => {
    const seqs = new Map<string, number>();
    return steps.map(({ c, payload }) => {
      const seq = (seqs.get(c) ?? 0) + 1;
      seqs.set(c, seq);
      return ev(c, seq, payload);
    });
  });

const signer = testSigner();
const key = verificationKeyOf(signer);
const signing = { logId: "bureau-1", timestamp: "2026-05-02T00:00:00Z" };

describe("AuditLog (审计日志, 行政处罚法 Art. 47: 全过程记录，归档保存)", () => {
  it("appends interleaved case streams and gives each event its leaf index", () => {
    const log = createAuditLog();
    const r = log.append([ev("a", 1), ev("b", 1), ev("a", 2)]);
    expect(r._unsafeUnwrap().map((e) => e.leafIndex)).toEqual([0, 1, 2]);
    expect(log.eventsOf("a").map((e) => e.seq)).toEqual([1, 2]);
    expect(log.entriesOf("b")[0]?.leafIndex).toBe(1);
    expect(log.versionOf("a")).toBe(2);
    expect(log.versionOf("zzz")).toBe(0);
    expect(log.entry(2)?.leafHash).toEqual(eventLeafHash(ev("a", 2)));
  });

  it("refuses a gap with EVENT_SEQUENCE_INVALID and appends nothing of the batch", () => {
    const log = createAuditLog();
    log.append([ev("a", 1)]);
    const r = log.append([ev("b", 1), ev("a", 3)]);
    expect(r._unsafeUnwrapErr().code).toBe("EVENT_SEQUENCE_INVALID");
    expect(r._unsafeUnwrapErr().details).toMatchObject({ caseId: "a", expected: 2, actual: 3, kind: "gap" });
    expect(log.size).toBe(1);
    expect(log.versionOf("b")).toBe(0);
  });

  it("refuses a duplicate seq, also within one batch", () => {
    const log = createAuditLog();
    const r = log.append([ev("a", 1), ev("a", 1)]);
    expect(r._unsafeUnwrapErr().details).toMatchObject({ kind: "duplicate", index: 1 });
    expect(log.size).toBe(0);
  });

  it("refuses events that fail the schema or cannot be canonicalised (INVALID_INPUT)", () => {
    const log = createAuditLog();
    expect(log.append([{ ...ev("a", 1), seq: 0 }])._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
    expect(log.append([ev("a", 1, { huge: 1e300 })])._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("keeps its own copy: mutating the caller's event afterwards changes nothing", () => {
    const log = createAuditLog();
    const e = ev("a", 1, { fine: { amount: 100 } });
    log.append([e]);
    const root = log.treeHead().rootHash;
    (e.payload.fine as { amount: number }).amount = 999;
    (log.eventsOf("a")[0]?.payload.fine as { amount: number }).amount = 5;
    expect(log.eventsOf("a")[0]?.payload).toEqual({ fine: { amount: 100 } });
    expect(verifyLog(log.entries().map((x) => x.event))._unsafeUnwrap().rootHash).toEqual(root);
  });

  it("restores from stored events to the same head, with SM3 too", () => {
    const events = [ev("a", 1), ev("b", 1), ev("a", 2)];
    for (const options of [{}, { hash: sm3 }]) {
      const log = AuditLog.create(options);
      log.append(events);
      const restored = AuditLog.restore(events, options)._unsafeUnwrap();
      expect(restored.treeHead()).toEqual(log.treeHead());
    }
    expect(AuditLog.restore([ev("a", 2)]).isErr()).toBe(true);
  });

  it("signs its head and verifyLog accepts it with the bureau's key", async () => {
    const events = [ev("a", 1), ev("b", 1), ev("a", 2)];
    const log = AuditLog.restore(events)._unsafeUnwrap();
    const sth = (await log.signedTreeHead(signer, signing))._unsafeUnwrap();
    expect(sth.treeSize).toBe(3);
    expect(verifyLog(events, { signedTreeHead: sth, key }).isOk()).toBe(true);
    // A head of an earlier size still verifies against a longer log.
    log.append([ev("c", 1)]);
    expect(verifyLog([...events, ev("c", 1)], { signedTreeHead: sth, key }).isOk()).toBe(true);
    expect(verifyLog(events, { signedTreeHead: sth })._unsafeUnwrapErr().code).toBe("INVALID_INPUT");
  });

  it("verifyLog names the event whose stored leaf hash differs (EVENT_HASH_MISMATCH)", () => {
    const events = [ev("a", 1), ev("a", 2)];
    const hashes = events.map((e) => eventLeafHash(e));
    expect(verifyLog(events, { leafHashes: hashes }).isOk()).toBe(true);
    const bad = [hashes[0] as Uint8Array, new Uint8Array(32)];
    const e = verifyLog(events, { leafHashes: bad })._unsafeUnwrapErr();
    expect(e.code).toBe("EVENT_HASH_MISMATCH");
    expect(e.details).toMatchObject({ leafIndex: 1, caseId: "a", seq: 2 });
    expect(verifyLog(events, { leafHashes: [] })._unsafeUnwrapErr().code).toBe("EVENT_HASH_MISMATCH");
  });

  test.prop([logArb, fc.nat(), fc.string({ minLength: 1, maxLength: 8 })])(
    "every random valid log verifies against its signed head; changing any payload value is detected",
    async (events, pick, value) => {
      const log = AuditLog.restore(events)._unsafeUnwrap();
      const sth = (await log.signedTreeHead(signer, signing))._unsafeUnwrap();
      expect(verifyLog(events, { signedTreeHead: sth, key }).isOk()).toBe(true);
      const i = pick % events.length;
      const target = events[i] as CaseEvent;
      const keys = Object.keys(target.payload);
      const field = keys.length === 0 ? "added" : (keys[pick % keys.length] as string);
      if (target.payload[field] === value) return;
      const tampered = events.map((e, j) => (j === i ? { ...e, payload: { ...e.payload, [field]: value } } : e));
      const r = verifyLog(tampered, { signedTreeHead: sth, key });
      expect(r._unsafeUnwrapErr().code).toBe("MERKLE_ROOT_MISMATCH");
    },
  );

  test.prop([logArb, fc.nat(), fc.nat()])(
    "flipping any byte of any event's canonical JSON changes its leaf hash",
    (events, pick, at) => {
      const event = events[pick % events.length] as CaseEvent;
      const bytes = new TextEncoder().encode(JSON.stringify(event));
      const flipped = bytes.slice();
      const k = at % flipped.length;
      flipped[k] = (flipped[k] as number) ^ 1;
      // Whatever the flip produces, it is either not an event any more or another event.
      let other: unknown;
      try {
        other = JSON.parse(new TextDecoder().decode(flipped));
      } catch {
        return;
      }
      const r = AuditLog.restore([other as CaseEvent]);
      if (r.isErr() || event.seq !== 1) return;
      expect(r.value.entry(0)?.leafHash).not.toEqual(eventLeafHash(event));
    },
  );
});
