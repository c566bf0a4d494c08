// runSubscription rests exactly-once delivery on the source's pages starting right after the
// last delivered position: a source that breaks that (an adapter's `>=` for `>`, an offset off
// by one) must end the subscription with STORE_CORRUPT, not deliver an event again forever.
import { describe, expect, it } from "vitest";
import type { CaseEvent } from "./case-event.js";
import { memoryEventStore } from "./memory-event-store.js";
import { runSubscription } from "./store-support.js";

const event = (seq: number): CaseEvent => ({
  caseId: "s-1",
  seq,
  type: "test.recorded",
  at: `2025-03-03T02:00:0${seq}.000Z`,
  actor: { id: "officer-1", roles: ["officer"] },
  stage: "filing",
  payload: {},
});

describe("runSubscription", () => {
  for (const [name, shift] of [
    ["a page that repeats the last delivered event (after compared with >=)", -1],
    ["a page that skips the event right after `after`", 1],
  ] as const) {
    it(`ends with STORE_CORRUPT on ${name}, delivering nothing of it`, async () => {
      const store = memoryEventStore();
      expect((await store.append("s-1", 0, [event(1), event(2), event(3)])).isOk()).toBe(true);
      const delivered: number[] = [];
      const errors: string[] = [];
      let calls = 0;
      const sub = runSubscription(
        {
          // Correct for the first page, shifted afterwards.
          readAll: (o) => store.readAll(calls++ === 0 ? o : { ...o, after: Math.max(0, o.after + shift) }),
          position: async () => (await store.head()).map((h) => h.position),
          waitForMore: () => new Promise((resolve) => setTimeout(resolve, 5)),
        },
        {
          after: 0,
          onEvents: (batch) => {
            delivered.push(...batch.map((s) => s.position));
            return undefined;
          },
          onError: (e) => errors.push(e.code),
        },
      );
      expect((await store.append("s-1", 3, [event(4), event(5)])).isOk()).toBe(true);
      for (let i = 0; i < 200 && errors.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
      await sub.close();
      expect(errors).toEqual(["STORE_CORRUPT"]);
      expect(delivered.slice(0, 3)).toEqual([1, 2, 3]);
      expect(new Set(delivered).size, "no event delivered twice").toBe(delivered.length);
    });
  }
});
