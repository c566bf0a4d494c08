// readMerkleNodeRuns on PostgreSQL: every run (one string_agg a run, all runs in one statement)
// is byte for byte the concatenation of what readMerkleNodes answers for its nodes, level 0
// (events.leaf_hash) included; a node row deleted, or changed to another length, behind the
// store is STORE_CORRUPT naming that node — never a short or shifted buffer.
import { fc, test as fcTest } from "@fast-check/vitest";
import { type MerkleNodeRun, type SanxiangError, toHex } from "@sanxiang/core";
import { testEvents } from "@sanxiang/testkit/conformance";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { PostgresEventStore } from "./index.js";
import { adminPool, describePg, dropSchema, endAdminPool, freshSchema, mustOpen } from "./testing/helpers.js";

/** Leaves in the seeded log: levels 0 … 8 have complete nodes. */
const N = 300;

/** A store of N events in appends of 37 (so nodes complete inside and across appends). */
async function seeded(url: string, schema: string, hash: "sha256" | "sm3" = "sha256"): Promise<PostgresEventStore> {
  const store = await mustOpen({ connectionString: url, schema, hash, poolSize: 2 });
  for (let v = 0; v < N; v += 37) {
    const n = Math.min(37, N - v);
    (
      await store.append(
        "c0",
        v,
        testEvents("c0", v, n, (seq) => ({ n: seq })),
      )
    )._unsafeUnwrap();
  }
  return store;
}

const runArb: fc.Arbitrary<MerkleNodeRun> = fc.integer({ min: 0, max: 8 }).chain((level) => {
  const nodes = Math.floor(N / 2 ** level);
  return fc.integer({ min: 0, max: nodes - 1 }).chain((first) =>
    fc.record({
      level: fc.constant(level),
      first: fc.constant(first),
      count: fc.integer({ min: 1, max: nodes - first }),
    }),
  );
});

const detailsOf = (r: { isErr(): boolean; error?: unknown }) =>
  r.isErr() ? { code: (r.error as SanxiangError).code, ...(r.error as SanxiangError).details } : { code: "ok" };

/** The store's readMerkleNodeRuns (this adapter offers it: its absence fails the test). */
function runsOf(store: PostgresEventStore, runs: readonly MerkleNodeRun[]) {
  const read = store.readMerkleNodeRuns;
  if (read === undefined) throw new Error("the PostgreSQL store must offer readMerkleNodeRuns");
  return read.call(store, runs);
}

describePg("PostgreSQL readMerkleNodeRuns", (url) => {
  afterAll(endAdminPool);

  describe.each(["sha256", "sm3"] as const)("under %s", (hash) => {
    const schema = freshSchema("runs");
    let store: PostgresEventStore;
    beforeAll(async () => {
      store = await seeded(url, schema, hash);
    }, 60_000);
    afterAll(async () => {
      await store?.close();
      await dropSchema(url, schema);
    });

    fcTest.prop([fc.array(runArb, { minLength: 1, maxLength: 15 })], { numRuns: 20 })(
      "each run is its nodes' readMerkleNodes hashes end to end",
      async (runs) => {
        const got = (await runsOf(store, runs))._unsafeUnwrap();
        expect(got).toHaveLength(runs.length);
        for (const [i, run] of runs.entries()) {
          const refs = Array.from({ length: run.count }, (_, k) => ({ level: run.level, index: run.first + k }));
          const nodes = (await store.readMerkleNodes?.(refs))?._unsafeUnwrap() ?? [];
          expect(got[i]?.length, `run ${JSON.stringify(run)}: count × 32 bytes`).toBe(run.count * 32);
          expect(toHex(got[i] as Uint8Array)).toBe(nodes.map(toHex).join(""));
        }
      },
      120_000,
    );

    test("runs ending at the log's edge are read; one node beyond is MERKLE_INDEX_OUT_OF_RANGE", async () => {
      const edge = [
        { level: 0, first: 0, count: N },
        { level: 2, first: 74, count: 1 },
        { level: 8, first: 0, count: 1 },
      ];
      const got = (await runsOf(store, edge))._unsafeUnwrap();
      expect(got.map((b) => b.length)).toEqual([N * 32, 32, 32]);
      expect(detailsOf(await runsOf(store, [{ level: 2, first: 74, count: 2 }]))).toMatchObject({
        code: "MERKLE_INDEX_OUT_OF_RANGE",
        level: 2,
        index: 75,
      });
    });
  });

  const tampers: readonly { what: string; sql: string; run: MerkleNodeRun; level: number; index: number }[] = [
    {
      what: "an interior node row deleted",
      sql: "DELETE FROM $S.merkle_nodes WHERE level = 2 AND idx = 5",
      run: { level: 2, first: 3, count: 5 },
      level: 2,
      index: 5,
    },
    {
      what: "an interior node cut to 31 bytes",
      sql: "UPDATE $S.merkle_nodes SET hash = substring(hash FROM 1 FOR 31) WHERE level = 1 AND idx = 7",
      run: { level: 1, first: 0, count: 20 },
      level: 1,
      index: 7,
    },
    {
      what: "an interior node one byte longer",
      sql: "UPDATE $S.merkle_nodes SET hash = hash || '\\x00'::bytea WHERE level = 3 AND idx = 0",
      run: { level: 3, first: 0, count: 4 },
      level: 3,
      index: 0,
    },
    {
      what: "a node deleted and its neighbour doubled (the run's byte length unchanged)",
      sql: "DELETE FROM $S.merkle_nodes WHERE level = 1 AND idx = 4; UPDATE $S.merkle_nodes SET hash = hash || hash WHERE level = 1 AND idx = 3",
      run: { level: 1, first: 2, count: 4 },
      level: 1,
      index: 3,
    },
    {
      what: "a leaf hash cut short (level 0 is events.leaf_hash)",
      sql: "UPDATE $S.events SET leaf_hash = substring(leaf_hash FROM 2) WHERE position = 10",
      run: { level: 0, first: 0, count: 12 },
      level: 0,
      index: 9,
    },
    {
      what: "the last event row deleted (the head still counts it)",
      sql: `DELETE FROM $S.events WHERE position = ${N}`,
      run: { level: 0, first: N - 3, count: 3 },
      level: 0,
      index: N - 1,
    },
  ];

  for (const t of tampers) {
    test(`${t.what}: STORE_CORRUPT naming node (${t.level}, ${t.index}); other runs still read`, async () => {
      const schema = freshSchema("runs_tamper");
      const store = await seeded(url, schema);
      try {
        await adminPool(url).query(t.sql.replaceAll("$S", `"${schema}"`));
        const r = await runsOf(store, [{ level: 0, first: 0, count: 1 }, t.run]);
        expect(detailsOf(r)).toMatchObject({ code: "STORE_CORRUPT", level: t.level, index: t.index });
        // A run not touching the changed row still reads.
        const untouched = { level: 4, first: 10, count: 8 };
        expect((await runsOf(store, [untouched]))._unsafeUnwrap()[0]?.length).toBe(8 * 32);
      } finally {
        await store.close();
        await dropSchema(url, schema);
      }
    });
  }
});
