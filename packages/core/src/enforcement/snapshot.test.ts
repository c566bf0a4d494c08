// The in-memory store's per-case snapshots: `execute` from a snapshot must give exactly the
// state a full fold of the stored stream gives, whatever the order of commands.
import { fc, test } from "@fast-check/vitest";
import { expect, it } from "vitest";
import type { Actor } from "../kernel/actors.js";
import { addDays } from "../kernel/time.js";
import type { EventStore } from "../recording/event-store.js";
import type { PenaltyCommandInput } from "./commands.js";
import { foldEvents } from "./fold.js";
import { decisionDraftHash } from "./guards.js";
import { execute, inMemoryEventStore } from "./store.js";
import {
  ctxAt,
  doc,
  fileCommand,
  headActor,
  noticeCommand,
  officerActor,
  reviewerActor,
  smallFine,
  transcript,
} from "./test-fixtures.js";

const POOL: readonly (readonly [PenaltyCommandInput, Actor])[] = [
  [fileCommand, officerActor],
  [{ type: "officers.assign", officerIds: ["a", "b"] }, officerActor],
  [{ type: "investigation.record", actionId: "i1", action: "inquiry", records: [transcript("t")] }, officerActor],
  [{ type: "investigation.close", facts: "事实", reviewRequired: true }, officerActor],
  [{ type: "investigation.close", facts: "事实" }, officerActor],
  [noticeCommand(), officerActor],
  [{ type: "defence.receive", statement: "申辩" }, officerActor],
  [{ type: "defence.waive", records: [doc("w")] }, officerActor],
  [{ type: "review.approve", draftHash: decisionDraftHash({ outcome: "penalty", penalty: smallFine }) }, reviewerActor],
  [{ type: "case.decide", outcome: "penalty", penalty: smallFine, records: [doc("d")] }, headActor],
  [{ type: "case.decide", outcome: "noPenaltyMinor" }, headActor],
  [{ type: "decision.serve", method: "direct", records: [doc("r")] }, officerActor],
  [{ type: "payment.record", amountFen: 500_000 }, officerActor],
  [{ type: "case.close" }, headActor],
  [{ type: "case.archive", records: [doc("f")] }, officerActor],
];

/** The same store without snapshots (a different object: `execute` folds the whole stream). */
const plain = (store: EventStore): EventStore => ({ ...store });

const outcome = (r: Awaited<ReturnType<typeof execute>>) =>
  r.isErr()
    ? { code: r.error.code }
    : { events: r.value.events, value: r.value.state.value, context: r.value.state.context, v: r.value.state.version };

test.prop([fc.array(fc.tuple(fc.nat(POOL.length - 1), fc.nat(3)), { maxLength: 40 })], { numRuns: 100 })(
  "execute from a snapshot = full fold of the stored events (行政处罚法第四十四条、第六十二条 guards unchanged)",
  async (steps) => {
    const fast = inMemoryEventStore();
    const slow = inMemoryEventStore();
    let day = "2025-03-03";
    for (const [i, advance] of [[0, 0] as const, ...steps]) {
      day = addDays(day, advance);
      const [cmd, actor] = POOL[i] as (typeof POOL)[number];
      const ctx = ctxAt(`${day}T03:00:00Z`, actor);
      const a = await execute(fast, "s", cmd, ctx);
      const b = await execute(plain(slow), "s", cmd, ctx);
      expect(outcome(a)).toEqual(outcome(b));
      const stored = (await fast.load("s"))._unsafeUnwrap();
      expect(stored).toEqual((await slow.load("s"))._unsafeUnwrap());
      if (a.isOk()) {
        const folded = foldEvents("s", stored)._unsafeUnwrap();
        expect(a.value.state.value).toBe(folded.value);
        expect(a.value.state.context).toEqual(folded.context);
        expect(a.value.state.version).toBe(stored.length);
      }
    }
  },
  60_000,
);

it("行政处罚法第四十四条: events appended by another writer after the snapshot are folded in", async () => {
  const store = inMemoryEventStore();
  (await execute(store, "w", fileCommand, ctxAt("2025-03-03T03:00:00Z")))._unsafeUnwrap();
  // Another writer, through the port only (no snapshot), closes the investigation.
  const other = await execute(
    plain(store),
    "w",
    { type: "investigation.close", facts: "事实" },
    ctxAt("2025-03-04T03:00:00Z"),
  );
  expect(other._unsafeUnwrap().state.value).toBe("investigated");
  const r = await execute(store, "w", noticeCommand(), ctxAt("2025-03-05T03:00:00Z"));
  expect(r._unsafeUnwrap().state.value).toBe("noticed");
  expect(r._unsafeUnwrap().state.version).toBe(3);
  const folded = foldEvents("w", (await store.load("w"))._unsafeUnwrap())._unsafeUnwrap();
  expect(r._unsafeUnwrap().state.context).toEqual(folded.context);
});

it("行政处罚法第四十四条: a stale snapshot never bypasses optimistic concurrency", async () => {
  const store = inMemoryEventStore();
  (await execute(store, "c", fileCommand, ctxAt("2025-03-03T03:00:00Z")))._unsafeUnwrap();
  const ctx = ctxAt("2025-03-04T03:00:00Z");
  const [a, b] = await Promise.all([
    execute(store, "c", { type: "investigation.close", facts: "事实" }, ctx),
    execute(store, "c", { type: "investigation.close", facts: "事实" }, ctx),
  ]);
  expect([a.isOk(), b.isOk()].filter(Boolean)).toHaveLength(1);
  const after = await execute(store, "c", noticeCommand(), ctxAt("2025-03-05T03:00:00Z"));
  expect(after._unsafeUnwrap().state.version).toBe(3);
});
