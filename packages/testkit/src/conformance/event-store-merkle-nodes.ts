// 默克尔子树 — the group of the event-store conformance suite for the optional case-file reads
// (readMerkleNodes, readStreamLeaves, streamsLinkedTo).
import {
  assembleCaseFileFromStore,
  caseFileToJson,
  caseLinkOf,
  type EventStore,
  merkleNodeHash,
  ok,
  READ_MERKLE_NODES_LIMIT,
  type SanxiangError,
  signAndSaveTreeHead,
  toHex,
  verifyCaseFile,
} from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvents } from "./event-store-fixtures.js";
import { codeOf, hashesOf, merkleOptions, readEverything, testKey, unwrap } from "./event-store-support.js";

/**
 * 默克尔子树 — the optional case-file reads (`readMerkleNodes`, `readStreamLeaves`,
 * `streamsLinkedTo`), for a store that offers them (all three, or none): every stored node
 * equals the subtree recomputed from the stored leaves, under each hash; a stream's leaves and
 * the linked streams agree with `readAll`; the case file made from them equals the one made
 * by a pass over the log, and verifies; bad arguments are refused with their codes.
 */
export function eventStoreMerkleNodeTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const offered = (store: EventStore): boolean => {
    const has = [store.readMerkleNodes, store.readStreamLeaves, store.streamsLinkedTo].map((m) => m !== undefined);
    expect(
      has.every((h) => h === has[0]),
      "readMerkleNodes, readStreamLeaves and streamsLinkedTo go together: a store offers all three or none (core uses them only together)",
    ).toBe(true);
    return has[0] === true;
  };
  // Streams: cases c0, c1; r0 / d0 name c0 in their first event (a review, a disclosure draft), r1 names c1.
  const FIRST: Record<string, Record<string, unknown>> = {
    c0: {},
    c1: {},
    r0: { caseId: "c0" },
    d0: { draft: { caseId: "c0" } },
    r1: { caseId: "c1" },
  };
  const appendsArb = fc.array(fc.tuple(fc.constantFrom(...Object.keys(FIRST)), fc.integer({ min: 1, max: 5 })), {
    minLength: 1,
    maxLength: 14,
  });
  for (const hash of hashesOf(options)) {
    test(
      `[${hash}] stored Merkle subtrees equal the tree recomputed from the leaves; a case file made of them verifies`,
      () =>
        fc.assert(
          fc.asyncProperty(appendsArb, (appends) =>
            withStore(async (store) => {
              if (!offered(store)) return;
              const versions = new Map<string, number>();
              for (const [id, n] of appends) {
                const v = versions.get(id) ?? 0;
                const events = testEvents(id, v, n, (seq) => (seq === 1 ? (FIRST[id] ?? {}) : { n: seq }));
                unwrap(await store.append(id, v, events), "append");
                versions.set(id, v + n);
              }
              const stored = await readEverything(store);
              const h = merkleOptions(hash);
              // Reference: level 0 the leaf hashes, level k + 1 the pairs of level k.
              const levels: Uint8Array[][] = [stored.map((s) => s.leafHash)];
              for (let k = 0; (levels[k]?.length ?? 0) >= 2; k++) {
                const below = levels[k] as Uint8Array[];
                const up: Uint8Array[] = [];
                for (let i = 0; i + 1 < below.length; i += 2) {
                  up.push(merkleNodeHash(below[i] as Uint8Array, below[i + 1] as Uint8Array, h));
                }
                levels.push(up);
              }
              const refs = levels.flatMap((nodes, level) => nodes.map((_, index) => ({ level, index })));
              const got = unwrap(await (store.readMerkleNodes?.(refs) ?? okEmpty()), "readMerkleNodes");
              expect(got.length, "readMerkleNodes must answer one hash per node asked").toBe(refs.length);
              for (const [i, ref] of refs.entries()) {
                expect(
                  toHex(got[i] as Uint8Array),
                  `stored node (level ${ref.level}, index ${ref.index}) must be the ${hash} root of leaves ${ref.index * 2 ** ref.level}…${(ref.index + 1) * 2 ** ref.level - 1}: is each node written as the frontier completes it (extendMerkleFrontierNodes, with { hash }), in the append's transaction?`,
                ).toBe(toHex(levels[ref.level]?.[ref.index] as Uint8Array));
              }
              for (const id of Object.keys(FIRST)) {
                const leaves = unwrap(await (store.readStreamLeaves?.(id) ?? okEmpty()), "readStreamLeaves");
                expect(
                  leaves.map((l) => `${l.seq}@${l.position}:${toHex(l.leafHash)}`),
                  `readStreamLeaves("${id}") must list the stream's events (seq, position, leaf hash) as readAll has them, in seq order`,
                ).toEqual(
                  stored
                    .filter((s) => s.event.caseId === id)
                    .map((s) => `${s.event.seq}@${s.position}:${toHex(s.leafHash)}`),
                );
              }
              for (const caseId of ["c0", "c1"]) {
                const linked = unwrap(await (store.streamsLinkedTo?.(caseId) ?? okEmpty()), "streamsLinkedTo");
                const must = stored.filter((s) => s.event.seq === 1 && caseLinkOf(s.event) === caseId);
                for (const s of must) {
                  expect(
                    linked.includes(s.event.caseId),
                    `streamsLinkedTo("${caseId}") must list ${s.event.caseId}, whose first event names the case (payload.caseId, else payload.draft.caseId)`,
                  ).toBe(true);
                }
              }
              if (!stored.some((s) => s.event.caseId === "c0")) return;
              const key = testKey(3);
              unwrap(
                await signAndSaveTreeHead(store, key.signer, {
                  logId: "bureau-1",
                  timestamp: "2025-03-03T01:00:00.000Z",
                }),
                "signAndSave",
              );
              const fromNodes = await assembleCaseFileFromStore(store, "c0");
              const byPass = await assembleCaseFileFromStore(store, "c0", { passOverLog: true });
              expect(
                fromNodes.isOk() ? "ok" : (fromNodes as unknown as { error: SanxiangError }).error.code,
                "the case file from the stored subtrees must assemble (a wrong node or position fails its proof against the signed head)",
              ).toBe("ok");
              const file = unwrap(fromNodes, "case file");
              expect(
                JSON.stringify(caseFileToJson(file)),
                "the case file from the stored subtrees must equal the one from a pass over the log",
              ).toBe(JSON.stringify(caseFileToJson(unwrap(byPass, "case file by a pass"))));
              expect(verifyCaseFile(file, key.verificationKey).isOk(), "the case file must verify offline").toBe(true);
            }, hash),
          ),
          { numRuns: Math.ceil(Math.min(options.numRuns ?? 25, 12) / hashesOf(options).length), seed: 13 },
        ),
      timeout,
    );
  }
  test(
    "readMerkleNodes, readStreamLeaves and streamsLinkedTo refuse bad arguments with their codes",
    () =>
      withStore(async (store) => {
        if (!offered(store)) return;
        unwrap(await store.append("c0", 0, testEvents("c0", 0, 6)), "append");
        const nodes = (refs: unknown) => store.readMerkleNodes?.(refs as never) ?? okEmpty();
        expect(
          codeOf(await nodes([{ level: 2, index: 1 }])),
          "node (2, 1) covers leaves 4–7 of 6: not complete → MERKLE_INDEX_OUT_OF_RANGE",
        ).toBe("MERKLE_INDEX_OUT_OF_RANGE");
        expect(codeOf(await nodes([{ level: 0, index: 6 }]))).toBe("MERKLE_INDEX_OUT_OF_RANGE");
        for (const bad of [
          null,
          "x",
          [{ level: -1, index: 0 }],
          [{ level: 0.5, index: 0 }],
          [{ level: 0, index: -1 }],
          [{ level: 53, index: 0 }],
          [{ level: "1", index: 0 }],
          [null],
          Array.from({ length: READ_MERKLE_NODES_LIMIT + 1 }, () => ({ level: 0, index: 0 })),
        ]) {
          expect(
            codeOf(await nodes(bad)),
            `readMerkleNodes(${JSON.stringify(bad)?.slice(0, 40)}) → INVALID_INPUT`,
          ).toBe("INVALID_INPUT");
        }
        expect(unwrap(await nodes([]), "no nodes")).toEqual([]);
        expect(codeOf(await (store.readStreamLeaves?.("bad id/") ?? okEmpty()))).toBe("INVALID_INPUT");
        expect(codeOf(await (store.streamsLinkedTo?.("bad id/") ?? okEmpty()))).toBe("INVALID_INPUT");
        expect(unwrap(await (store.readStreamLeaves?.("nobody") ?? okEmpty()), "unknown stream")).toEqual([]);
        expect(unwrap(await (store.streamsLinkedTo?.("nobody") ?? okEmpty()), "no linked streams")).toEqual([]);
      }),
    timeout,
  );
}

/** What an absent optional method answers in these tests (never reached: `offered` returned first). */
const okEmpty = async () => ok([] as never[]);
