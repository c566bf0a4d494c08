// readMerkleNodeRuns on SQLite: a run read in one aggregate row (NODE_RUN_SQL) — in this
// thread or on the read-ahead worker — equals the nodes read one by one; the aggregate is
// really what answers (the equality alone would pass on the node-by-node fallback); and every
// change made to the node table behind the store is found, with the same code either way.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fc, test as fcTest } from "@fast-check/vitest";
import { type EventStore, type MerkleNodeRun, verifyEventStore } from "@sanxiang/core";
import Database from "better-sqlite3";
import { afterAll, describe, expect, test, vi } from "vitest";
import { noteEvent as event } from "../test/events.js";
import { openSqliteStore } from "./index.js";
import { NODE_RUN_SQL, packedNodeRun } from "./merkle-nodes.js";
import { LeafReadAhead } from "./read-ahead.js";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function storeOf(events: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "sanxiang-node-runs-"));
  dirs.push(dir);
  const writer = openSqliteStore({ dir })._unsafeUnwrap();
  for (let c = 0; c * 10 < events; c++) {
    const id = `case-${c}`;
    const n = Math.min(10, events - c * 10);
    (
      await writer.append(
        id,
        0,
        Array.from({ length: n }, (_, i) => event(id, i + 1, `记录 ${c}-${i}`)),
      )
    )._unsafeUnwrap();
  }
  await writer.close();
  return dir;
}

/** The same runs read node by node (readMerkleNodes), joined end to end a run. */
async function oneByOne(store: EventStore, runs: readonly MerkleNodeRun[]): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for (const { level, first, count } of runs) {
    const refs = Array.from({ length: count }, (_, k) => ({ level, index: first + k }));
    const nodes = (await store.readMerkleNodes?.(refs))?._unsafeUnwrap() ?? [];
    const run = new Uint8Array(32 * count);
    nodes.forEach((n, k) => {
      run.set(n, 32 * k);
    });
    out.push(run);
  }
  return out;
}

const runsWithin = (size: number) =>
  fc.array(
    fc.integer({ min: 0, max: Math.floor(Math.log2(size)) }).chain((level) => {
      const nodes = Math.floor(size / 2 ** level);
      return fc.integer({ min: 0, max: nodes - 1 }).chain((first) =>
        fc.record({
          level: fc.constant(level),
          first: fc.constant(first),
          count: fc.integer({ min: 1, max: nodes - first }),
        }),
      );
    }),
    { minLength: 1, maxLength: 8 },
  );

describe("readMerkleNodeRuns (SQLite)", () => {
  let shared: string | undefined;
  const sharedStore = async () => (shared ??= await storeOf(777));

  fcTest.prop([runsWithin(777), fc.boolean()], { numRuns: 30 })(
    "answers any runs within the log as the nodes read one by one, in this thread and on the worker",
    async (runs, readAhead) => {
      const store = openSqliteStore({ dir: await sharedStore(), readAhead })._unsafeUnwrap();
      try {
        const got = (await store.readMerkleNodeRuns?.(runs))?._unsafeUnwrap();
        expect(got).toEqual(await oneByOne(store, runs));
        // Plain Uint8Arrays the caller owns: changing one changes nothing read later.
        const mine = got?.[0] as Uint8Array;
        mine[0] = (mine[0] as number) ^ 0xff;
        expect((await store.readMerkleNodeRuns?.(runs))?._unsafeUnwrap()).toEqual(await oneByOne(store, runs));
      } finally {
        await store.close();
      }
    },
    120_000,
  );

  test("the aggregate row answers (not the node-by-node fallback): on the worker, and its row proves the run whole", async () => {
    const dir = await sharedStore();
    const spy = vi.spyOn(LeafReadAhead.prototype, "readNodeRuns");
    const store = openSqliteStore({ dir, readAhead: true })._unsafeUnwrap();
    try {
      const runs = [
        { level: 1, first: 0, count: 388 },
        { level: 3, first: 5, count: 90 },
      ];
      expect((await store.readMerkleNodeRuns?.(runs))?.isOk()).toBe(true);
      expect(spy).toHaveBeenCalledTimes(1);
      const answered = await (spy.mock.results[0]?.value as Promise<unknown>);
      expect(answered).not.toBeNull(); // the worker's answer, not a fallback
      // The row itself: every node there and of the hash's length, or null.
      const db = new Database(join(dir, "events.db"), { readonly: true });
      const statement = db.prepare(NODE_RUN_SQL).raw();
      expect(packedNodeRun(statement.get(32, 1, 0, 387), 0, 388, 32)?.length).toBe(388 * 32);
      expect(packedNodeRun(statement.get(32, 1, 0, 388), 0, 389, 32)).toBeNull(); // one beyond the log
      expect(packedNodeRun(statement.get(32, 1, 0, 387), 0, 388, 31)).toBeNull();
      db.close();
    } finally {
      spy.mockRestore();
      await store.close();
    }
  });

  test.each([
    ["a node deleted", "DELETE FROM merkle_nodes WHERE level = 2 AND idx = 7", "STORE_CORRUPT", { level: 2, index: 7 }],
    [
      "a node cut short",
      "UPDATE merkle_nodes SET hash = substr(hash, 1, 31) WHERE level = 1 AND idx = 40",
      "STORE_CORRUPT",
      { level: 1, index: 40 },
    ],
    [
      "a node one byte longer",
      "UPDATE merkle_nodes SET hash = hash || x'00' WHERE level = 4 AND idx = 3",
      "STORE_CORRUPT",
      { level: 4, index: 3 },
    ],
    [
      "a node stored as text",
      "UPDATE merkle_nodes SET hash = hex(hash) WHERE level = 3 AND idx = 1",
      "STORE_CORRUPT",
      { level: 3, index: 1 },
    ],
    [
      "a node zeroed (same length)",
      "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 5 AND idx = 2",
      "mismatch",
      { level: 5, index: 2 },
    ],
  ])(
    "%s: read in this thread and on the worker alike; verifyEventStore names it",
    async (_what, sql, expected, node) => {
      const dir = await storeOf(300);
      const db = new Database(join(dir, "events.db"));
      db.exec(sql);
      db.close();
      for (const readAhead of [false, true]) {
        const store = openSqliteStore({ dir, readAhead })._unsafeUnwrap();
        try {
          const run = { level: node.level, first: 0, count: Math.floor(300 / 2 ** node.level) };
          const read = await store.readMerkleNodeRuns?.([run]);
          if (expected === "STORE_CORRUPT") {
            expect(read?._unsafeUnwrapErr().code).toBe("STORE_CORRUPT");
            expect(read?._unsafeUnwrapErr().details).toMatchObject(node);
          } else {
            const bytes = read?._unsafeUnwrap()[0] as Uint8Array;
            expect([...bytes.subarray(node.index * 32, node.index * 32 + 32)]).toEqual(new Array(32).fill(0));
          }
          const v = await verifyEventStore(store, { projections: false });
          expect(v._unsafeUnwrapErr().code).toBe("STORE_CORRUPT");
          if (expected === "mismatch") expect(v._unsafeUnwrapErr().details).toEqual({ what: "merkleNode", ...node });
        } finally {
          await store.close();
        }
      }
    },
  );

  test("bad runs are refused before any read, with the same codes with and without the worker", async () => {
    const dir = await sharedStore();
    for (const readAhead of [false, true]) {
      const store = openSqliteStore({ dir, readAhead })._unsafeUnwrap();
      try {
        const code = async (runs: unknown) =>
          (await store.readMerkleNodeRuns?.(runs as MerkleNodeRun[]))?._unsafeUnwrapErr().code;
        expect(await code([{ level: 1, first: 0, count: 0 }])).toBe("INVALID_INPUT");
        expect(await code([{ level: 1, first: -1, count: 1 }])).toBe("INVALID_INPUT");
        expect(await code(Object.create(null))).toBe("INVALID_INPUT");
        expect(await code([{ level: 1, first: 0, count: 389 }])).toBe("MERKLE_INDEX_OUT_OF_RANGE");
        expect(await code([{ level: 0, first: 0, count: 10_001 }])).toBe("INVALID_INPUT");
      } finally {
        await store.close();
      }
      expect((await store.readMerkleNodeRuns?.([{ level: 1, first: 0, count: 1 }]))?.isErr()).toBe(true);
    }
  });
});
