// readLeaves pages end by bytes as well as by count (READ_LEAVES_PAGE_BYTES): 1,000 events
// of 4 MiB are not read as one 4 GiB page. Every event of a page but its last starts below
// the budget, paging on from the last position read gives every event exactly once, and
// verifyEventStore's result is that of readAll.
import { fc, test as fcTest } from "@fast-check/vitest";
import { type CaseEvent, type EventStore, READ_LEAVES_PAGE_BYTES, verifyEventStore } from "@sanxiang/core";
import { testEvent } from "@sanxiang/testkit/conformance";
import { afterAll, expect } from "vitest";
import { describePg, dropSchema, endAdminPool, freshSchema, mustOpen } from "./testing/helpers.js";

/** A case event carrying `note`: the testkit's event, `case.filed` at seq 1, `case.noted` after, all at one instant. */
const event = (caseId: string, seq: number, note: string): CaseEvent => ({
  ...testEvent(caseId, seq, { note }, seq === 1 ? "case.filed" : "case.noted"),
  at: "2026-03-10T02:00:00Z",
});
const MiB = 2 ** 20;

describePg("PostgreSQL readLeaves: pages end by bytes", (url) => {
  afterAll(endAdminPool);

  fcTest.prop(
    [fc.array(fc.constantFrom(10, 300_000, 1.3 * MiB, 2.6 * MiB, 4.5 * MiB), { minLength: 1, maxLength: 7 })],
    {
      numRuns: 4,
    },
  )(
    "every page within the budget, every event once, verify as readAll",
    async (sizes) => {
      const schema = freshSchema("leaves");
      try {
        const store = await mustOpen({ connectionString: url, schema, poolSize: 1 });
        try {
          for (const [i, size] of sizes.entries()) {
            const id = `case-${i % 2}`;
            const seq = Math.floor(i / 2) + 1;
            (await store.append(id, seq - 1, [event(id, seq, "记".repeat(Math.floor(size / 3)))]))._unsafeUnwrap();
          }
          const seen: number[] = [];
          for (let after = 0; after < sizes.length; ) {
            const page = (await store.readLeaves?.({ after, limit: 1000 }))?._unsafeUnwrap() ?? [];
            expect(page.length).toBeGreaterThan(0);
            const before = page.slice(0, -1).reduce((sum, l) => sum + l.bytes.length, 0);
            expect(before).toBeLessThan(READ_LEAVES_PAGE_BYTES);
            const last = page.at(-1) as { position: number; bytes: Uint8Array };
            // It ends before `limit` only when the next event would start beyond the budget.
            if (last.position < sizes.length) {
              expect(before + last.bytes.length).toBeGreaterThanOrEqual(READ_LEAVES_PAGE_BYTES);
            }
            for (const l of page) seen.push(l.position);
            after = last.position;
          }
          expect(seen).toEqual(sizes.map((_, i) => i + 1));
          const { readLeaves: _leaves, ...rest } = store;
          const fast = (await verifyEventStore(store))._unsafeUnwrap();
          const slow = (await verifyEventStore(rest as EventStore))._unsafeUnwrap();
          expect(fast.readPath).toBe("leaves");
          expect({ ...slow, readPath: "leaves" }).toEqual(fast);
        } finally {
          await store.close();
        }
      } finally {
        await dropSchema(url, schema);
      }
    },
    120_000,
  );
});
