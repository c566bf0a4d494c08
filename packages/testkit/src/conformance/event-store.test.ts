// The in-memory reference store passes the published suite (it is the suite's own check:
// a failing group here is a bug in the suite or in the reference), under SHA-256 and SM3,
// with the fault hook through the store's test-only `beforeCommit` seam.
import { type EventStore, err, memoryEventStore, ok, storeUnavailable } from "@sanxiang/core";
import { expect, test } from "vitest";
import { eventStoreSuite } from "./event-store.js";

/** Per store: whether its next appends must fail (the fault hook's switch). */
const armed = new WeakMap<EventStore, { on: boolean }>();

eventStoreSuite(
  { test, expect },
  {
    factory: async (config) => {
      const fault = { on: false };
      const store = memoryEventStore({
        ...config,
        beforeCommit: () => (fault.on ? err(storeUnavailable("注入的故障（测试）")) : ok(undefined)),
      });
      armed.set(store, fault);
      return store;
    },
    // The memory store has one point between computing an append and keeping it: both
    // fault points arm it.
    injectFault: async (store) => {
      const fault = armed.get(store);
      if (fault === undefined) throw new Error("not a store of this factory");
      fault.on = true;
      return async () => {
        fault.on = false;
      };
    },
  },
);
