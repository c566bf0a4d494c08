import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvent, testEvents } from "./event-store-fixtures.js";
import { sleep, unwrap } from "./event-store-support.js";

/** 订阅 — every event after the start, in order, once; backpressure; close. */
export function eventStoreSubscriptionTests(context: EventStoreSuiteContext): void {
  const { runner, withStore } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const waitUntil = async (cond: () => boolean, ms = 10_000, cause = "subscription did not deliver in time") => {
    const start = Date.now();
    while (!cond()) {
      if (Date.now() - start > ms) throw new Error(`no delivery within ${ms} ms: ${cause}`);
      await sleep(5);
    }
  };

  test(
    "a subscription delivers stored and new events in order, exactly once, one batch at a time",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("s", 0, testEvents("s", 0, 3)), "append");
        const seen: number[] = [];
        let running = 0;
        let overlapped = false;
        const sub = store.subscribe({
          after: 1,
          pollIntervalMs: 10,
          onEvents: async (batch) => {
            running++;
            if (running > 1) overlapped = true;
            await sleep(2);
            seen.push(...batch.map((s) => s.position));
            running--;
          },
        });
        for (let v = 3; v < 10; v++) unwrap(await store.append("s", v, [testEvent("s", v + 1)]), "append");
        await waitUntil(() => seen.length >= 9);
        await sub.close();
        expect(seen, "a subscription delivers every event after `after`, in order, each once").toEqual([
          2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
        expect(overlapped, "the next batch is delivered only after the handler's promise settles").toBe(false);
        unwrap(await store.append("s", 10, [testEvent("s", 11)]), "append");
        await sleep(50);
        expect(seen).toHaveLength(9);
      }),
    timeout,
  );

  test(
    "without `after` a subscription starts at the current end; a failing handler ends it with onError",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("s", 0, testEvents("s", 0, 2)), "append");
        const seen: number[] = [];
        const errors: string[] = [];
        const sub = store.subscribe({
          pollIntervalMs: 10,
          onEvents: (batch) => {
            seen.push(...batch.map((s) => s.position));
            if (seen.includes(4)) throw new Error("handler failed");
          },
          onError: (e) => errors.push(e.code),
        });
        await sleep(30);
        unwrap(await store.append("s", 2, [testEvent("s", 3)]), "append");
        await waitUntil(() => seen.includes(3));
        unwrap(await store.append("s", 3, [testEvent("s", 4)]), "append");
        await waitUntil(() => errors.length > 0);
        unwrap(await store.append("s", 4, [testEvent("s", 5)]), "append");
        await sleep(50);
        expect(seen).toEqual([3, 4]);
        expect(errors).toHaveLength(1);
        await sub.close();
        await sub.close();
      }),
    timeout,
  );

  test(
    "closing the store closes its subscriptions first: no delivery and no error afterwards",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("cs", 0, testEvents("cs", 0, 1)), "append");
        const seen: number[] = [];
        const errors: string[] = [];
        const sub = store.subscribe({
          after: 0,
          pollIntervalMs: 10,
          onEvents: (b) => void seen.push(...b.map((s) => s.position)),
          onError: (e) => errors.push(`${e.code} ${e.message}`),
        });
        await waitUntil(() => seen.length >= 1);
        await store.close();
        await sleep(100);
        expect(
          errors,
          "close() must close the store's running subscriptions before it releases the connection (a subscription left polling a closed store reports STORE_UNAVAILABLE, or worse, keeps a timer and the process alive)",
        ).toEqual([]);
        await sub.close();
      }),
    timeout,
  );

  test(
    "multi-writer stores: a subscription sees appends made through another handle",
    () =>
      withStore(async (store, config) => {
        if (!store.capabilities.multiWriter) {
          expect(store.capabilities.multiWriter).toBe(false);
          return;
        }
        const { openAnother } = context.options;
        if (openAnother === undefined) {
          throw new Error(
            "configuration error: a store declaring capabilities.multiWriter must give the suite openAnother",
          );
        }
        const other = await openAnother(store, config);
        const seenHere: number[] = [];
        const seenThere: number[] = [];
        const here = store.subscribe({
          pollIntervalMs: 20,
          onEvents: (b) => void seenHere.push(...b.map((s) => s.position)),
        });
        const there = other.subscribe({
          pollIntervalMs: 20,
          onEvents: (b) => void seenThere.push(...b.map((s) => s.position)),
        });
        try {
          await sleep(50);
          const cause =
            "a multiWriter store must wake subscriptions on every handle for appends made through any handle (poll, or LISTEN/NOTIFY), not only its own";
          // One handle at a time: the other handle's subscription must see it without any
          // append of its own to wake it.
          unwrap(await store.append("x", 0, testEvents("x", 0, 2)), "append through the first handle");
          await waitUntil(() => seenThere.length >= 2, 5_000, `the second handle's subscription: ${cause}`);
          unwrap(await other.append("y", 0, testEvents("y", 0, 1)), "append through the second handle");
          await waitUntil(() => seenHere.length >= 3, 5_000, `the first handle's subscription: ${cause}`);
          await waitUntil(() => seenThere.length >= 3, 5_000, `the second handle's subscription: ${cause}`);
          expect(seenHere, `subscription on the first handle: ${cause}`).toEqual([1, 2, 3]);
          expect(seenThere, `subscription on the second handle: ${cause}`).toEqual([1, 2, 3]);
        } finally {
          await here.close();
          await there.close();
          await other.close();
        }
      }),
    timeout,
  );
}
