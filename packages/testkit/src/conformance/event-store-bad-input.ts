// 错误输入 — the bad-input group of the event-store conformance suite: any malformed argument to any
// method is a typed error, never a throw, and leaves the store unchanged.
import { type SanxiangError, signAndSaveTreeHead } from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvent, testEvents } from "./event-store-fixtures.js";
import { codeOf, observe, show, sleep, testKey, unwrap } from "./event-store-support.js";

/** 错误输入 — any malformed argument to any method: a typed error, never a throw, store unchanged. */
export function eventStoreBadInputTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const junk = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constant(""),
    fc.constant("x".repeat(200)),
    fc.constant({}),
    fc.constant([]),
    fc.constant(-1),
    fc.constant(Number.NaN),
    fc.array(fc.anything(), { maxLength: 2 }),
    fc.record({ caseId: fc.string(), seq: fc.integer() }),
    fc.constant([{ ...testEvent("bad", 1), at: "yesterday" }]),
    fc.constant([{ ...testEvent("bad", 1), payload: { n: Number.POSITIVE_INFINITY } }]),
  );
  test(
    "bad arguments to any method (subscribe, queryProjection and signedTreeHeads too) are typed errors and change nothing",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("bad", 0, testEvents("bad", 0, 1)), "append");
        const before = await observe(store, ["bad"]);
        const allowed = new Set([
          "INVALID_INPUT",
          "EVENT_SEQUENCE_INVALID",
          "CONCURRENCY_CONFLICT",
          "MERKLE_TREE_SIZE_INVALID",
        ]);
        const samples = fc.sample(fc.tuple(fc.nat(8), junk, junk, junk), {
          numRuns: (options.numRuns ?? 25) * 4,
          seed: 3,
        });
        for (const [method, a, b, c] of samples) {
          // The point is calling the port with values its types forbid.
          type Loose = (...args: unknown[]) => Promise<{ isErr(): boolean; error?: SanxiangError; isOk(): boolean }>;
          const s = store as unknown as Record<
            | "append"
            | "load"
            | "readAll"
            | "getProjectionRow"
            | "queryProjection"
            | "saveSignedTreeHead"
            | "signedTreeHeads",
            Loose
          >;
          const calls = [
            ["append", () => s.append(a, b, c)],
            ["append", () => s.append("bad", 1, c)],
            ["load", () => s.load(a, b)],
            ["readAll", () => s.readAll(a)],
            ["getProjectionRow", () => s.getProjectionRow(a, b)],
            ["saveSignedTreeHead", () => s.saveSignedTreeHead(a)],
            ["queryProjection", () => s.queryProjection(a, b)],
            ["queryProjection", () => s.queryProjection("conformance", b)],
            ["signedTreeHeads", () => s.signedTreeHeads(a)],
          ] as const;
          const [name, call] = calls[method % calls.length] as (typeof calls)[number];
          let r: Awaited<ReturnType<Loose>>;
          try {
            r = await call();
          } catch (thrown) {
            throw new Error(
              `${name}(${[a, b, c].map(show).join(", ")}) threw instead of returning Err: ${String(thrown)} — every method returns a Result for any argument (check it with core's check* helpers)`,
            );
          }
          if (r.isErr()) {
            expect(
              allowed.has((r.error as SanxiangError).code),
              `${name}(${[a, b, c].map(show).join(", ")}) failed with ${(r.error as SanxiangError).code}: bad arguments are INVALID_INPUT (or the sequence / version / tree-size code), never a storage error`,
            ).toBe(true);
          }
        }
        // subscribe returns no Result: malformed options must neither throw nor reject
        // unhandled; with a usable onError they end the subscription with INVALID_INPUT.
        for (const [, a, b] of samples.slice(0, 20)) {
          const errors: string[] = [];
          const loose = store.subscribe as unknown as (o: unknown) => { close(): Promise<void> };
          let subs: { close(): Promise<void> }[];
          try {
            subs = [
              loose(a),
              loose({
                onEvents: () => {},
                after: a,
                pollIntervalMs: b,
                onError: (e: SanxiangError) => errors.push(e.code),
              }),
            ];
          } catch (thrown) {
            throw new Error(`subscribe(${show(a)}) threw: ${String(thrown)} — subscribe never throws`);
          }
          const validAfter = a === undefined || (typeof a === "number" && Number.isSafeInteger(a) && a >= 0);
          const validPoll = b === undefined || (typeof b === "number" && Number.isSafeInteger(b) && b >= 1);
          if (!validAfter || !validPoll) {
            const start = Date.now();
            while (errors.length === 0 && Date.now() - start < 2_000) await sleep(5);
            expect(
              errors,
              `subscribe with after ${show(a)} and pollIntervalMs ${show(b)} must end with INVALID_INPUT to onError (runSubscription checks its options)`,
            ).toEqual(["INVALID_INPUT"]);
          }
          for (const sub of subs) await sub.close();
        }
        expect(await observe(store, ["bad"]), "a call with bad arguments changed the store").toEqual(before);
      }),
    timeout * 2,
  );

  test(
    "after close every method is STORE_UNAVAILABLE (subscribe reports it to onError) and close is idempotent",
    () =>
      withStore(async (store) => {
        unwrap(await store.append("c", 0, testEvents("c", 0, 1)), "append");
        const key = testKey(7);
        const signed = unwrap(
          await signAndSaveTreeHead(store, key.signer, { logId: "b", timestamp: "2025-03-03T02:00:00.000Z" }),
          "sign",
        );
        await store.close();
        await store.close();
        const closed = "every method of a closed store must return STORE_UNAVAILABLE (storeClosed())";
        const calls: [string, () => Promise<unknown>][] = [
          ["load", () => store.load("c")],
          ["append", () => store.append("c", 1, [testEvent("c", 2)])],
          ["readAll", () => store.readAll()],
          ["head", () => store.head()],
          ["getProjectionRow", () => store.getProjectionRow("conformance", "c")],
          ["queryProjection", () => store.queryProjection("statistics")],
          ["rebuildProjections", () => store.rebuildProjections()],
          ["saveSignedTreeHead", () => store.saveSignedTreeHead(signed)],
          ["latestSignedTreeHead", () => store.latestSignedTreeHead()],
          ["signedTreeHeads", () => store.signedTreeHeads()],
        ];
        for (const [name, call] of calls) {
          expect(codeOf((await call()) as Parameters<typeof codeOf>[0]), `${name} after close: ${closed}`).toBe(
            "STORE_UNAVAILABLE",
          );
        }
        const errors: string[] = [];
        const sub = store.subscribe({ after: 0, onEvents: () => {}, onError: (e) => errors.push(e.code) });
        const start = Date.now();
        while (errors.length === 0 && Date.now() - start < 2_000) await sleep(5);
        await sub.close();
        expect(errors, `subscribe after close must end at once with STORE_UNAVAILABLE to onError`).toEqual([
          "STORE_UNAVAILABLE",
        ]);
      }),
    timeout,
  );
}
