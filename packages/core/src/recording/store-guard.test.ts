import { describe, expect, it } from "vitest";
import type { EventStore } from "./event-store.js";
import { memoryEventStore } from "./memory-event-store.js";
import { guardEventStore } from "./store-guard.js";

describe("guardEventStore (the adapter contract, checked by core)", () => {
  it("turns a throwing or rejecting adapter into STORE_UNAVAILABLE with the cause kept", async () => {
    const inner = memoryEventStore();
    const broken: EventStore = {
      ...inner,
      load: () => {
        throw new Error("driver exploded");
      },
      head: () => Promise.reject(new Error("connection reset")),
    };
    const store = guardEventStore(broken);
    const loaded = await store.load("c");
    expect(loaded.isErr() && loaded.error.code).toBe("STORE_UNAVAILABLE");
    expect(loaded.isErr() && (loaded.error.cause as Error).message).toBe("driver exploded");
    const head = await store.head();
    expect(head.isErr() && head.error.details?.method).toBe("head");
    // Working methods pass through unchanged.
    expect((await store.readAll())._unsafeUnwrap()).toEqual([]);
    expect(guardEventStore(store)).toBe(store);
  });

  it("refuses, at configuration time, a store of another contract version or missing a method", () => {
    const inner = memoryEventStore();
    expect(() => guardEventStore({ ...inner, specificationVersion: "v2" as "v1" })).toThrow(/contract v2/);
    const { rebuildProjections: _r, ...partial } = inner;
    expect(() => guardEventStore(partial as EventStore)).toThrow(/missing method rebuildProjections/);
  });

  it("a subscribe that throws is reported to onError, and never throws itself, whatever the options", () => {
    const inner = memoryEventStore();
    const store = guardEventStore({
      ...inner,
      subscribe: () => {
        throw new Error("no listener");
      },
    });
    const seen: string[] = [];
    store.subscribe({ onEvents: () => {}, onError: (e) => seen.push(e.code) });
    expect(seen).toEqual(["STORE_UNAVAILABLE"]);
    for (const hostile of [
      undefined,
      null,
      {},
      { onError: 1 },
      {
        onError: () => {
          throw new Error("cb");
        },
      },
    ]) {
      expect(() => store.subscribe(hostile as never).close()).not.toThrow();
    }
  });
});
