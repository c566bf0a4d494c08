// The suite must be able to fail: each mutant below breaks one rule of the EventStore
// contract, and running the whole suite against it must report at least one failure.
import { type EventStore, memoryEventStore, ok } from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { type EventStoreFactoryConfig, eventStoreSuite } from "./event-store.js";
import type { TestBody } from "./harness.js";

type Mutant = (config: EventStoreFactoryConfig) => EventStore;

const MUTANTS: Record<string, Mutant> = {
  "acknowledges a stale append without writing (lost update)": (config) => {
    const inner = memoryEventStore(config);
    return {
      ...inner,
      append: async (caseId, v, events) => {
        const r = await inner.append(caseId, v, events);
        if (r.isErr() && r.error.code === "CONCURRENCY_CONFLICT") {
          const head = (await inner.head())._unsafeUnwrap();
          return ok({ version: v + events.length, treeHead: head.treeHead });
        }
        return r;
      },
    };
  },
  "readAll skips the event right after `after`": (config) => {
    const inner = memoryEventStore(config);
    return {
      ...inner,
      readAll: (o) => inner.readAll({ ...o, after: (o?.after ?? 0) === 0 ? 0 : (o?.after ?? 0) + 1 }),
    };
  },
  "maintains no projection rows": (config) => {
    const inner = memoryEventStore({ ...config, projections: [] });
    return {
      ...inner,
      projections: config.projections,
      queryProjection: async () => ok([]),
      getProjectionRow: async () => ok(null),
    };
  },
  "keeps working after close": (config) => {
    const inner = memoryEventStore(config);
    return { ...inner, close: async () => {} };
  },
  "throws on a malformed case id": (config) => {
    const inner = memoryEventStore(config);
    return {
      ...inner,
      load: (caseId, o) => {
        if (typeof caseId !== "string") throw new TypeError("caseId");
        return inner.load(caseId, o);
      },
    };
  },
  "loads events of the case from the wrong version": (config) => {
    const inner = memoryEventStore(config);
    return { ...inner, load: (caseId) => inner.load(caseId) };
  },
};

describe("the event-store suite catches broken stores", () => {
  for (const [name, mutant] of Object.entries(MUTANTS)) {
    it(`mutant: ${name}`, async () => {
      const bodies: TestBody[] = [];
      eventStoreSuite(
        { test: (_name, body) => bodies.push(body), expect },
        { factory: async (config) => mutant(config), numRuns: 10 },
      );
      let failures = 0;
      for (const body of bodies) {
        try {
          await body();
        } catch {
          failures++;
        }
      }
      expect(bodies.length).toBeGreaterThan(15);
      expect(failures).toBeGreaterThan(0);
    }, 120_000);
  }
});
