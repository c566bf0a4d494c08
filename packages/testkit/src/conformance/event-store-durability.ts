// 持久与读回 — the durability group of the event-store conformance suite: reopening keeps everything,
// raw rows are what was appended, corruption behind the adapter's back is found.
import {
  canonicalJson,
  defaultProjections,
  type EventStore,
  eventLeafBytes,
  merkleLeafHash,
  type Projection,
  signAndSaveTreeHead,
  signedTreeHeadToJson,
  toHex,
  verifyEventStore,
} from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreFactoryConfig, EventStoreSuiteContext } from "./event-store.js";
import { conformanceProjection, testEvent, testEvents } from "./event-store-fixtures.js";
import {
  allRows,
  codeOf,
  expectRowsMatchReplay,
  hashesOf,
  merkleOptions,
  observe,
  SUITE_PROJECTIONS,
  sortRows,
  testKey,
  unwrap,
} from "./event-store-support.js";

/** 持久与读回 — for durable stores, under every hash: reopen keeps everything; raw rows are what was appended; corruption is found. */
export function eventStoreDurabilityTests(context: EventStoreSuiteContext): void {
  const { runner, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const dispose = async (store: EventStore) => {
    await store.close();
    await options.dispose?.(store);
  };
  for (const hash of hashesOf(options)) {
    const config: EventStoreFactoryConfig = { projections: SUITE_PROJECTIONS, hash };
    const open = async () => {
      const store = await options.factory(config);
      if (!store.capabilities.durable) return { store, durable: false as const };
      const { reopen, readRaw, corrupt } = options;
      if (reopen === undefined || readRaw === undefined || corrupt === undefined) {
        await dispose(store);
        throw new Error("configuration error: a durable store must give the suite reopen, readRaw and corrupt");
      }
      return { store, durable: true as const, reopen, readRaw, corrupt };
    };

    test(
      `[${hash}] durable stores: after close and reopen, events, head, projection rows and signed heads are all there`,
      async () => {
        const o = await open();
        if (!o.durable) {
          expect(o.store.capabilities.durable).toBe(false);
          await dispose(o.store);
          return;
        }
        const key = testKey(9);
        unwrap(
          await o.store.append(
            "d",
            0,
            testEvents("d", 0, 4, (seq) => ({ key: `k${seq}`, sortKey: `2025-01-0${seq}` })),
          ),
          "append",
        );
        unwrap(
          await signAndSaveTreeHead(o.store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
          "sign",
        );
        const before = await observe(o.store, ["d"]);
        const heads = unwrap(await o.store.signedTreeHeads(), "signedTreeHeads").map((h) =>
          canonicalJson(signedTreeHeadToJson(h)),
        );
        await o.store.close();
        const again = await o.reopen(o.store, config);
        try {
          expect(
            await observe(again, ["d"]),
            "reopening must find every event, the head and every row as they were",
          ).toEqual(before);
          expect(
            unwrap(await again.signedTreeHeads(), "signedTreeHeads").map((h) => canonicalJson(signedTreeHeadToJson(h))),
            "reopening must find every kept signed head as it was",
          ).toEqual(heads);
          unwrap(await again.append("d", 4, [testEvent("d", 5)]), "append after reopen");
          unwrap(await verifyEventStore(again, { key: key.verificationKey }), "verify");
        } finally {
          await dispose(again);
        }
      },
      timeout,
    );

    test(
      `[${hash}] durable stores: a projection whose version changed is rebuilt from the log when the store reopens`,
      async () => {
        const o = await open();
        if (!o.durable) {
          await dispose(o.store);
          return;
        }
        unwrap(
          await o.store.append(
            "pv",
            0,
            testEvents("pv", 0, 3, (seq) => ({ key: `old-${seq}`, sortKey: `2025-01-0${seq}` })),
          ),
          "append",
        );
        await o.store.close();
        // Version 2 of the suite's projection writes other rows for the same events.
        const bumped: Projection = {
          name: conformanceProjection.name,
          version: conformanceProjection.version + 1,
          project: (event) => [{ op: "put", key: `v2/${event.caseId}/${event.seq}`, sortKey: null, value: { v: 2 } }],
        };
        const projections = [...defaultProjections(), bumped];
        const again = await o.reopen(o.store, { ...config, projections });
        try {
          const cause =
            "a store records each projection's version and, on opening with another one, rebuilds that projection from the log (docs/storage.md)";
          expect(
            sortRows(await allRows(again, "conformance")).map((r) => r.key),
            `rows of a projection whose version went from 1 to 2: ${cause}`,
          ).toEqual(["v2/pv/1", "v2/pv/2", "v2/pv/3"]);
          await expectRowsMatchReplay(again, expect, "after reopening with a projection's version bumped", cause);
        } finally {
          await dispose(again);
        }
      },
      timeout,
    );

    test(
      `[${hash}] durable stores: the raw rows read back are exactly the canonical JSON, columns and leaf hashes appended`,
      async () => {
        const o = await open();
        try {
          if (!o.durable) return;
          const events = [
            ...testEvents("r", 0, 3, () => ({ text: "现场笔录 \u{1F600}", n: 1.5 })),
            ...testEvents("s", 0, 1),
          ];
          unwrap(await o.store.append("r", 0, events.slice(0, 3)), "append");
          unwrap(await o.store.append("s", 0, events.slice(3)), "append");
          const raw = await o.readRaw(o.store);
          expect(
            raw.map((r) => [r.position, r.caseId, r.seq]),
            "readRaw: position, caseId and seq columns",
          ).toEqual([
            [1, "r", 1],
            [2, "r", 2],
            [3, "r", 3],
            [4, "s", 1],
          ]);
          expect(
            raw.map((r) => r.json),
            "the stored text must be exactly prepareAppend's json (canonical JSON: no jsonb, no re-serialisation)",
          ).toEqual(events.map(canonicalJson));
          expect(
            raw.map((r) => toHex(r.leafHash)),
            `stored leaf hashes must be ${hash} leaves`,
          ).toEqual(events.map((e) => toHex(merkleLeafHash(eventLeafBytes(e), merkleOptions(hash)))));
        } finally {
          await dispose(o.store);
        }
      },
      timeout,
    );

    test(
      `[${hash}] durable stores: changing any stored byte of an event, a leaf hash, the frontier or a signed head is reported by verifyEventStore`,
      async () => {
        const samples = fc.sample(
          fc.record({
            position: fc.integer({ min: 1, max: 6 }),
            target: fc.constantFrom(
              "event" as const,
              "leafHash" as const,
              "event" as const,
              "frontier" as const,
              "signedTreeHead" as const,
            ),
            byte: fc.nat(),
          }),
          // About 12 stores in all, shared among the hashes (each sample is a fresh store).
          { numRuns: Math.ceil(Math.min(options.numRuns ?? 25, 12) / hashesOf(options).length), seed: 11 },
        );
        // The first samples of each target, whatever the seed drew.
        samples.unshift(
          { position: 0, target: "frontier", byte: 5 },
          { position: 6, target: "signedTreeHead", byte: 3 },
        );
        const key = testKey(5);
        for (const [n, sample] of samples.entries()) {
          const o = await open();
          try {
            if (!o.durable) return;
            unwrap(
              await o.store.append(
                "v",
                0,
                testEvents("v", 0, 4, (seq) => ({ note: `第${seq}条` })),
              ),
              "append",
            );
            unwrap(await o.store.append("w", 0, testEvents("w", 0, 2)), "append");
            unwrap(
              await signAndSaveTreeHead(o.store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
              "sign",
            );
            if (n === 0) unwrap(await verifyEventStore(o.store, { key: key.verificationKey }), "verify before");
            const position =
              sample.target === "frontier" ? 0 : sample.target === "signedTreeHead" ? 6 : sample.position;
            await o.corrupt(o.store, position, sample.target, sample.byte);
            const r = await verifyEventStore(o.store, { key: key.verificationKey });
            const found = {
              event: ["EVENT_HASH_MISMATCH", "STORE_CORRUPT", "EVENT_SEQUENCE_INVALID", "MERKLE_ROOT_MISMATCH"],
              leafHash: ["EVENT_HASH_MISMATCH", "STORE_CORRUPT", "MERKLE_ROOT_MISMATCH"],
              frontier: ["MERKLE_ROOT_MISMATCH", "STORE_CORRUPT"],
              signedTreeHead: ["SIGNATURE_INVALID", "STORE_CORRUPT", "TREE_HEAD_MALFORMED", "MERKLE_ROOT_MISMATCH"],
            }[sample.target];
            expect(
              found.includes(codeOf(r) as string),
              `byte ${sample.byte} of the ${sample.target} ${sample.target === "frontier" ? "" : `at ${position} `}changed behind the store's back: verifyEventStore must fail with one of ${found.join(", ")}, got ${r.isOk() ? "ok" : codeOf(r)} — does corrupt change what the store reads (not a copy), and does the store read it back without repairing it?`,
            ).toBe(true);
          } finally {
            await dispose(o.store);
          }
        }
      },
      timeout * 4,
    );
  }
}
