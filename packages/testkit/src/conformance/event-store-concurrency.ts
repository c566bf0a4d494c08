// 并发 — the concurrency group of the event-store conformance suite: racing writers on one case,
// within one handle and across handles.
import { type EventStore, verifyEventStore } from "@sanxiang/core";
import type { EventStoreFactoryConfig, EventStoreSuiteContext } from "./event-store.js";
import { testEvent } from "./event-store-fixtures.js";
import { codeOf, expectRowsMatchReplay, readEverything, unwrap } from "./event-store-support.js";

/** 并发 — racing writers on one case: exactly one wins each version, no lost update, rows equal a replay. */
export function eventStoreConcurrencyTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  /** The store and, for a multi-writer store, 7 more handles on its storage. */
  const handlesOf = async (store: EventStore, config: EventStoreFactoryConfig): Promise<EventStore[]> => {
    const handles: EventStore[] = [store];
    if (store.capabilities.multiWriter && options.openAnother !== undefined) {
      for (let i = 1; i < 8; i++) handles.push(await options.openAnother(store, config));
    }
    return handles;
  };
  const rowsCause =
    "projection rows must be written in the append's transaction, under its lock: rows written after COMMIT (or on another connection) let racing appends apply them out of order";
  test(
    "8 writers racing on one case: exactly one wins each version, the others conflict, nothing is lost",
    () =>
      withStore(async (store, config) => {
        const handles = await handlesOf(store, config);
        try {
          const winners: number[] = [];
          for (let version = 0; version < 12; version++) {
            const results = await Promise.all(
              Array.from({ length: 8 }, (_, w) =>
                (handles[w % handles.length] as EventStore).append("race", version, [
                  testEvent("race", version + 1, { writer: w, key: "race", sortKey: `w${w}` }),
                ]),
              ),
            );
            const ok = results.flatMap((r, w) => (r.isOk() ? [w] : []));
            expect(
              ok,
              `version ${version}: exactly one of 8 racing appends must succeed — is the version checked inside the transaction, after the lock (SELECT … FOR UPDATE) or under a unique (case_id, seq)?`,
            ).toHaveLength(1);
            for (const r of results) {
              if (r.isErr())
                expect(codeOf(r), "the losers of a race get CONCURRENCY_CONFLICT").toBe("CONCURRENCY_CONFLICT");
            }
            winners.push(ok[0] as number);
          }
          const stored = unwrap(await store.load("race"), "load");
          expect(
            stored.map((e) => e.payload.writer),
            "the stored events must be the acknowledged ones (a lost update)",
          ).toEqual(winners);
          const all = await readEverything(store);
          expect(all.map((s) => s.position)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
          // Through the port with the rule in the message, then core's own replay (verifyEventStore
          // compares every projection row with a replay of the log, and the log itself).
          await expectRowsMatchReplay(store, expect, "after 8 racing writers", rowsCause);
          unwrap(await verifyEventStore(store), "verifyEventStore");
        } finally {
          for (const h of handles.slice(1)) await h.close();
        }
      }),
    timeout * 4,
  );

  test(
    "writers on different cases all succeed and interleave into one dense log, and the rows they share equal a replay",
    () =>
      withStore(async (store, config) => {
        const handles = await handlesOf(store, config);
        try {
          // Every event rewrites one shared row: its final value is the last event's in log
          // order. The writers append in rounds, all 8 at once, so every round races.
          const ids = Array.from({ length: 8 }, (_, w) => `case-${w}`);
          for (let v = 0; v < 5; v++) {
            await Promise.all(
              ids.map(async (id, w) =>
                unwrap(
                  await (handles[w % handles.length] as EventStore).append(id, v, [
                    testEvent(id, v + 1, { key: "shared", sortKey: `${w}/${v}` }),
                  ]),
                  "append",
                ),
              ),
            );
          }
          const all = await readEverything(store);
          expect(
            all.map((s) => s.position),
            "positions must be dense (1, 2, 3, …) under concurrent appends: take them from the frontier under its lock, never from a sequence",
          ).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
          await expectRowsMatchReplay(store, expect, "after 8 concurrent writers on different cases", rowsCause);
          unwrap(await verifyEventStore(store), "verifyEventStore");
          const shared = unwrap(await store.getProjectionRow("conformance", "shared"), "getProjectionRow");
          expect(shared?.position, `the shared row must be the last event's in log order: ${rowsCause}`).toBe(40);
        } finally {
          for (const h of handles.slice(1)) await h.close();
        }
      }),
    timeout * 2,
  );
}
