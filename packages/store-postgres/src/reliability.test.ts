// Several writers, push subscriptions across handles, and the database connection dying
// under a store: exactly one writer wins each version and positions stay dense; a
// subscription on one handle hears appends made through another (by NOTIFY, not by its
// poll); a terminated backend gives a typed Err or a success after reconnecting — never a
// throw, an unhandled rejection or a crash.
import { type EventStore, type Projection, type StoredEvent, verifyEventStore } from "@sanxiang/core";
import { testEvent, testEvents } from "@sanxiang/testkit/conformance";
import { afterAll, expect, test } from "vitest";
import type { PostgresEventStore } from "./index.js";
import { adminPool, describePg, dropSchema, endAdminPool, freshSchema, mustOpen } from "./testing/helpers.js";

const waitUntil = async (cond: () => boolean, ms: number, what: string): Promise<void> => {
  const start = performance.now();
  while (!cond()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describePg("PostgreSQL store reliability", (url) => {
  afterAll(endAdminPool);

  /** `n` handles (own pools) on one fresh schema; closed and dropped afterwards. */
  async function withHandles(
    n: number,
    body: (handles: PostgresEventStore[]) => Promise<void>,
    pollIntervalMs = 1_000,
    connectionString = url,
  ) {
    const schema = freshSchema("rel");
    const handles: PostgresEventStore[] = [];
    try {
      for (let i = 0; i < n; i++)
        handles.push(await mustOpen({ connectionString, schema, poolSize: 2, pollIntervalMs }));
      await body(handles);
    } finally {
      for (const h of handles) await h.close();
      await dropSchema(url, schema);
    }
  }

  test(
    "8 handles racing on one case: exactly one wins each version, the others conflict, nothing lost",
    () =>
      withHandles(8, async (handles) => {
        const winners: number[] = [];
        for (let version = 0; version < 25; version++) {
          const size = 1 + (version % 3);
          const results = await Promise.all(
            handles.map((h, w) => h.append("race", sumUpTo(version), batch(w, version, size))),
          );
          const won = results.flatMap((r, w) => (r.isOk() ? [w] : []));
          expect(won).toHaveLength(1);
          for (const r of results) if (r.isErr()) expect(r.error.code).toBe("CONCURRENCY_CONFLICT");
          winners.push(won[0] as number);
        }
        const stored = (await (handles[3] as EventStore).load("race"))._unsafeUnwrap();
        expect(stored).toHaveLength(sumUpTo(25));
        // Each version's events are the winner's, whole (no batch mixed from two writers).
        for (let version = 0; version < 25; version++) {
          const from = sumUpTo(version);
          const writers = stored.slice(from, from + 1 + (version % 3)).map((e) => e.payload.writer);
          expect(writers).toEqual(writers.map(() => winners[version]));
        }
        const verified = (await verifyEventStore(handles[0] as EventStore))._unsafeUnwrap();
        expect(verified.events).toBe(sumUpTo(25));
      }),
    120_000,
  );

  test(
    "8 handles on different cases: all succeed, one dense log, every handle sees the same head",
    () =>
      withHandles(8, async (handles) => {
        await Promise.all(
          handles.map(async (h, w) => {
            const id = `case-${w}`;
            for (let v = 0; v < 20; v += 2) (await h.append(id, v, testEvents(id, v, 2)))._unsafeUnwrap();
          }),
        );
        const all = (await (handles[5] as EventStore).readAll({ limit: 1_000 }))._unsafeUnwrap();
        expect(all.map((s) => s.position)).toEqual(Array.from({ length: 160 }, (_, i) => i + 1));
        const heads = await Promise.all(handles.map(async (h) => (await h.head())._unsafeUnwrap()));
        expect(new Set(heads.map((h) => Buffer.from(h.treeHead.rootHash).toString("hex"))).size).toBe(1);
        expect((await verifyEventStore(handles[0] as EventStore))._unsafeUnwrap().events).toBe(160);
      }),
    120_000,
  );

  test(
    "a subscription on one handle hears appends made through another by NOTIFY (its poll is an hour)",
    () =>
      withHandles(
        2,
        async ([a, b]) => {
          if (a === undefined || b === undefined) throw new Error("two handles expected");
          const seen: StoredEvent[] = [];
          const sub = a.subscribe({
            after: 0,
            pollIntervalMs: 3_600_000,
            onEvents: (batch) => void seen.push(...batch),
          });
          try {
            for (let v = 0; v < 5; v++) {
              (await b.append("n", v, [testEvent("n", v + 1)]))._unsafeUnwrap();
              await waitUntil(() => seen.length === v + 1, 10_000, `event ${v + 1} through NOTIFY`);
            }
            expect(seen.map((s) => s.position)).toEqual([1, 2, 3, 4, 5]);
          } finally {
            await sub.close();
          }
        },
        3_600_000,
      ),
    60_000,
  );

  // The store's connections carry an application name of their own, so only they are
  // terminated (other test files share the database).
  const application = freshSchema("sanxiang_kill");
  const tagged = new URL(url);
  tagged.searchParams.set("application_name", application);

  test(
    "terminating the store's backends: the next calls are typed Errs or succeed after reconnecting; subscriptions resume",
    () =>
      withHandles(
        1,
        async ([store]) => {
          if (store === undefined) throw new Error("a handle expected");
          const unhandled: unknown[] = [];
          const onUnhandled = (reason: unknown) => unhandled.push(reason);
          process.on("unhandledRejection", onUnhandled);
          const seen: number[] = [];
          const errors: string[] = [];
          const sub = store.subscribe({
            after: 0,
            pollIntervalMs: 3_600_000,
            onEvents: (batch) => void seen.push(...batch.map((s) => s.position)),
            onError: (e) => errors.push(e.code),
          });
          try {
            (await store.append("k", 0, testEvents("k", 0, 2)))._unsafeUnwrap();
            await waitUntil(() => seen.length === 2, 10_000, "the first events");
            let version = 2;
            const outcomes: string[] = [];
            for (let round = 0; round < 3; round++) {
              const killed = await adminPool(url).query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1",
                [application],
              );
              expect(killed.rows.length).toBeGreaterThan(0);
              // Every method right after the kill: Err(STORE_UNAVAILABLE) or ok — never a throw.
              const calls = [
                () => store.head(),
                () => store.load("k"),
                () => store.readAll(),
                () => store.queryProjection("statistics"),
                () => store.append("k", version, [testEvent("k", version + 1)]),
              ];
              for (const call of calls) {
                const r = await call();
                if (r.isErr()) expect(r.error.code).toBe("STORE_UNAVAILABLE");
                outcomes.push(r.isOk() ? "ok" : r.error.code);
              }
              // An uncertain append is settled by load, never by appending again.
              version = (await store.load("k"))._unsafeUnwrap().length;
              (await store.append("k", version, [testEvent("k", version + 1)]))._unsafeUnwrap();
              version++;
              // The listener reconnected: the new event arrives by NOTIFY (the poll is an hour).
              await waitUntil(() => seen.length === version, 15_000, `event ${version} after reconnecting`);
            }
            expect(seen).toEqual(Array.from({ length: version }, (_, i) => i + 1));
            expect(errors).toEqual([]);
            (await verifyEventStore(store))._unsafeUnwrap();
            await new Promise((r) => setTimeout(r, 50));
            expect(unhandled).toEqual([]);
            console.info(`[connection loss] outcomes right after the kills: ${outcomes.join(", ")}`);
          } finally {
            await sub.close();
            process.off("unhandledRejection", onUnhandled);
          }
        },
        3_600_000,
        tagged.toString(),
      ),
    90_000,
  );
});

describePg("PostgreSQL store: text PostgreSQL cannot hold", (url) => {
  afterAll(endAdminPool);
  test("projection keys with NUL or unpaired surrogates are INVALID_INPUT and store nothing; such keys are never found", async () => {
    const schema = freshSchema("text");
    const keyed: Projection = {
      name: "keyed",
      version: 1,
      project: (e) => [{ op: "put", key: String(e.payload.key), sortKey: null, value: {} }],
    };
    const store = await mustOpen({ connectionString: url, schema, projections: [keyed], poolSize: 1 });
    try {
      for (const key of ["a\u0000b", "\uD800", "x\uDC00y"]) {
        const r = await store.append("t", 0, [testEvent("t", 1, { key })]);
        expect(r.isErr() && r.error.code).toBe("INVALID_INPUT");
        expect((await store.getProjectionRow("keyed", key))._unsafeUnwrap()).toBe(null);
        const q = await store.queryProjection("keyed", { keyPrefix: key });
        expect(q.isErr() && q.error.code).toBe("INVALID_INPUT");
      }
      expect((await store.head())._unsafeUnwrap().position).toBe(0);
      (await store.append("t", 0, [testEvent("t", 1, { key: "好\u{1F600}" })]))._unsafeUnwrap();
      expect((await store.getProjectionRow("keyed", "好\u{1F600}"))._unsafeUnwrap()?.key).toBe("好\u{1F600}");
    } finally {
      await store.close();
      await dropSchema(url, schema);
    }
  }, 30_000);
});

/** Events of stream versions 0 … v − 1 when version i appends 1 + (i mod 3) events. */
function sumUpTo(v: number): number {
  let n = 0;
  for (let i = 0; i < v; i++) n += 1 + (i % 3);
  return n;
}

function batch(writer: number, version: number, size: number) {
  const from = sumUpTo(version);
  return testEvents("race", from, size, () => ({ writer }));
}
