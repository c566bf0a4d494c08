// 按段读取默克尔子树 — conformance of the optional `EventStore.readMerkleNodeRuns`: the stored
// subtrees asked for as runs of one level, each answered as one buffer of its nodes' hashes end
// to end, byte for byte what `readMerkleNodes` answers for the same nodes; the limit counted in
// nodes, not runs; bad arguments and runs beyond the log refused with their codes; copies
// handed out; STORE_UNAVAILABLE once closed. A store without the method skips these tests; a
// store offering it without `readMerkleNodes` is a configuration error the tests report.
import {
  type EventStore,
  type HashAlgorithmName,
  type MerkleNodeRun,
  READ_MERKLE_NODES_LIMIT,
  type SanxiangError,
  sha256,
  sm3,
  toHex,
} from "@sanxiang/core";
import fc from "fast-check";
import type { EventStoreSuiteContext } from "./event-store.js";
import { testEvents } from "./event-store-fixtures.js";

type Loose = { isOk(): boolean; isErr(): boolean; value?: unknown; error?: unknown };

const codeOf = (r: Loose): string => (r.isErr() ? ((r.error as SanxiangError).code ?? "?") : "ok");

function unwrapOk<T>(r: { isOk(): boolean; value?: T; error?: unknown }, what: string): T {
  if (r.isOk()) return r.value as T;
  const e = r.error as { code?: string; message?: string } | undefined;
  throw new Error(`${what} failed: ${e?.code ?? "?"} ${e?.message ?? String(r.error)}`);
}

/** A short, never-throwing rendering of an argument for a message. */
function show(value: unknown): string {
  try {
    const text =
      JSON.stringify(value, (_, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ??
      typeof value;
    return text.length > 60 ? `${text.slice(0, 60)}…` : text;
  } catch {
    return typeof value;
  }
}

const runText = (r: MerkleNodeRun): string => `{ level: ${r.level}, first: ${r.first}, count: ${r.count} }`;

/** The nodes of `run` that exist in a log of `size` leaves, as refs. */
const refsOf = (run: MerkleNodeRun, size: number) =>
  Array.from({ length: run.count }, (_, k) => ({ level: run.level, index: run.first + k })).filter(
    (r) => r.index >= 0 && (r.index + 1) * 2 ** r.level <= size,
  );

/**
 * Whether the store offers `readMerkleNodeRuns`; offering it without `readMerkleNodes` fails the
 * test (the verifier and case files read single nodes through `readMerkleNodes`; runs only add
 * a cheaper way to the same nodes).
 */
function runsOffered(store: EventStore, expect: EventStoreSuiteContext["runner"]["expect"]): boolean {
  if (store.readMerkleNodeRuns === undefined) return false;
  expect(
    store.readMerkleNodes !== undefined,
    "readMerkleNodeRuns requires readMerkleNodes (with readStreamLeaves and streamsLinkedTo): a store offering runs without single nodes is misconfigured — was readMerkleNodes left out of the returned object, or readMerkleNodeRuns added to a store that keeps no subtrees?",
  ).toBe(true);
  return true;
}

/** The store's `readMerkleNodeRuns`, called with anything. */
const runsOf = (store: EventStore, runs: unknown) =>
  (store.readMerkleNodeRuns as (r: unknown) => ReturnType<NonNullable<EventStore["readMerkleNodeRuns"]>>).call(
    store,
    runs,
  );

/** `readMerkleNodes(refs)`, unwrapped (offered: {@link runsOffered} checked it). */
async function nodesOf(
  store: EventStore,
  refs: readonly { level: number; index: number }[],
): Promise<readonly Uint8Array[]> {
  const read = store.readMerkleNodes;
  if (read === undefined) throw new Error("readMerkleNodeRuns requires readMerkleNodes");
  return unwrapOk(await read.call(store, refs), "readMerkleNodes");
}

/** `count` events appended to the streams `a` and `b`, alternately in appends of `sizes`. */
async function appendAll(store: EventStore, sizes: readonly number[]): Promise<number> {
  const versions = [0, 0];
  for (const [i, n] of sizes.entries()) {
    const s = i % 2;
    const id = s === 0 ? "a" : "b";
    const v = versions[s] as number;
    unwrapOk(
      await store.append(
        id,
        v,
        testEvents(id, v, n, (seq) => ({ n: seq })),
      ),
      "append",
    );
    versions[s] = v + n;
  }
  return sizes.reduce((a, n) => a + n, 0);
}

/** Every run ending at the log's edge: each level whole, and its last node alone. */
function edgeRuns(size: number): MerkleNodeRun[] {
  const out: MerkleNodeRun[] = [];
  for (let level = 0; 2 ** level <= size; level++) {
    const nodes = Math.floor(size / 2 ** level);
    out.push({ level, first: 0, count: nodes }, { level, first: nodes - 1, count: 1 });
  }
  return out;
}

/** A run within a log of `size` leaves from three naturals. */
function runWithin(size: number, [a, b, c]: readonly [number, number, number]): MerkleNodeRun {
  const top = Math.floor(Math.log2(size));
  const level = a % (top + 1);
  const nodes = Math.floor(size / 2 ** level);
  const first = b % nodes;
  return { level, first, count: 1 + (c % (nodes - first)) };
}

/**
 * What a wrong run looks like, for the message: the nodes of a neighbouring run (one to the
 * left or right, a level below or above), the run without its last or first node.
 */
async function likelyCause(store: EventStore, run: MerkleNodeRun, got: Uint8Array, size: number): Promise<string> {
  const hexOf = async (r: MerkleNodeRun): Promise<string | undefined> => {
    const refs = refsOf(r, size);
    if (refs.length !== r.count || r.count === 0) return undefined;
    const nodes = await store.readMerkleNodes?.(refs);
    return nodes?.isOk() ? nodes.value.map(toHex).join("") : undefined;
  };
  const actual = toHex(got);
  const candidates: [string, MerkleNodeRun][] = [
    ["the run read from first + 1 (an exclusive start, or position used as index)", { ...run, first: run.first + 1 }],
    ["the run read from first − 1", { ...run, first: run.first - 1 }],
    ["the nodes of the level below (level − 1)", { ...run, level: run.level - 1 }],
    ["the nodes of the level above (level + 1)", { ...run, level: run.level + 1 }],
    [
      "the run without its last node (an end compared with < instead of ≤, or count − 1)",
      { ...run, count: run.count - 1 },
    ],
    ["the run without its first node", { ...run, first: run.first + 1, count: run.count - 1 }],
  ];
  for (const [cause, candidate] of candidates) {
    if (candidate.level < 0 || candidate.first < 0) continue;
    if ((await hexOf(candidate)) === actual) return `it is ${cause}`;
  }
  return `${got.length} bytes that match no neighbouring run (nodes of another hash, or in another order?)`;
}

/**
 * 按段读取默克尔子树测试 — for a store offering `readMerkleNodeRuns` (it must offer
 * `readMerkleNodes` too): every run, under each hash, over random logs and random runs
 * (level 0, runs ending at the log's edge and runs of one among them) is its nodes'
 * `readMerkleNodes` hashes end to end; exactly {@link READ_MERKLE_NODES_LIMIT} nodes in all is
 * answered, one more is `INVALID_INPUT`; malformed arguments are `INVALID_INPUT`, a run beyond
 * the log `MERKLE_INDEX_OUT_OF_RANGE`, and any argument at all a typed error or a right
 * answer, never a throw; the buffers are copies; a closed store answers `STORE_UNAVAILABLE`.
 */
export function eventStoreMerkleNodeRunTests(context: EventStoreSuiteContext): void {
  const { runner, withStore, options } = context;
  const { test, expect } = runner;
  const timeout = runner.timeout ?? 30_000;
  const hashes: readonly HashAlgorithmName[] = options.hashes ?? ["sha256", "sm3"];
  const logArb = fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 6 });
  const picksArb = fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat()), { maxLength: 8 });

  for (const hash of hashes) {
    const width = (hash === "sm3" ? sm3 : sha256).outputLength;
    test(
      `[${hash}] readMerkleNodeRuns (optional): each run is its nodes' readMerkleNodes hashes end to end`,
      () =>
        fc.assert(
          fc.asyncProperty(logArb, picksArb, fc.boolean(), (sizes, picks, edgesFirst) =>
            withStore(async (store) => {
              if (!runsOffered(store, expect)) return;
              const size = await appendAll(store, sizes);
              const random = picks.map((p) => runWithin(size, p));
              const runs = edgesFirst ? [...edgeRuns(size), ...random] : [...random, ...edgeRuns(size)];
              const got = unwrapOk(await runsOf(store, runs), `readMerkleNodeRuns(${runs.length} runs)`);
              expect(
                got.length,
                "readMerkleNodeRuns must answer one buffer a run, in the order asked (not one a node, not merged)",
              ).toBe(runs.length);
              for (const [i, run] of runs.entries()) {
                const buf = got[i];
                expect(buf instanceof Uint8Array, `run ${i} ${runText(run)} must be answered as a Uint8Array`).toBe(
                  true,
                );
                const nodes = await nodesOf(store, refsOf(run, size));
                const want = nodes.map(toHex).join("");
                const actual = toHex(buf as Uint8Array);
                if (actual !== want) {
                  expect(
                    actual,
                    `run ${runText(run)} of a log of ${size} leaves (${hash}) must be the ${run.count} hashes of nodes (${run.level}, ${run.first})…(${run.level}, ${run.first + run.count - 1}) end to end, ${run.count} × ${width} bytes, byte for byte what readMerkleNodes answers: ${await likelyCause(store, run, buf as Uint8Array, size)}`,
                  ).toBe(want);
                }
                expect((buf as Uint8Array).length, `run ${runText(run)}: count × outputLength bytes`).toBe(
                  run.count * width,
                );
              }
            }, hash),
          ),
          { numRuns: Math.max(4, Math.ceil(Math.min(options.numRuns ?? 25, 16) / hashes.length)), seed: 17 },
        ),
      timeout * 2,
    );
  }

  test(
    `readMerkleNodeRuns (optional): ${READ_MERKLE_NODES_LIMIT} nodes in all are answered, one more is INVALID_INPUT`,
    () =>
      withStore(async (store) => {
        if (!runsOffered(store, expect)) return;
        await appendAll(store, [8]);
        const whole = { level: 0, first: 0, count: 8 };
        const runs = Array.from({ length: READ_MERKLE_NODES_LIMIT / 8 }, () => whole);
        const at = await runsOf(store, runs);
        expect(
          codeOf(at),
          `${runs.length} runs of 8 nodes (${READ_MERKLE_NODES_LIMIT} in all) must be answered: the limit is on the nodes together, and exactly the limit is allowed (≤, not <)`,
        ).toBe("ok");
        const bufs = unwrapOk(at, "readMerkleNodeRuns at the limit");
        const first = toHex(bufs[0] as Uint8Array);
        expect(
          bufs.length === runs.length && bufs.every((b) => toHex(b) === first),
          "the same run asked many times must be answered alike, once a run",
        ).toBe(true);
        for (const [what, over] of [
          [
            `${runs.length} runs of 8 and one of 1 (${READ_MERKLE_NODES_LIMIT + 1} nodes)`,
            [...runs, { ...whole, count: 1 }],
          ],
          [
            `${READ_MERKLE_NODES_LIMIT + 1} runs of one node`,
            Array.from({ length: READ_MERKLE_NODES_LIMIT + 1 }, () => ({ level: 0, first: 0, count: 1 })),
          ],
        ] as const) {
          expect(
            codeOf(await runsOf(store, over)),
            `${what}: more than ${READ_MERKLE_NODES_LIMIT} nodes in all must be INVALID_INPUT — is the limit checked on the number of runs instead of the sum of their counts (checkMerkleNodeRuns)?`,
          ).toBe("INVALID_INPUT");
        }
      }),
    timeout * 2,
  );

  test(
    "readMerkleNodeRuns (optional): bad arguments are INVALID_INPUT, runs beyond the log MERKLE_INDEX_OUT_OF_RANGE",
    () =>
      withStore(async (store) => {
        if (!runsOffered(store, expect)) return;
        await appendAll(store, [6]);
        const before = unwrapOk(await store.head(), "head");
        const ok1 = { level: 0, first: 0, count: 1 };
        const bad: [string, unknown][] = [
          ["null", null],
          ["a string", "x"],
          ["an object", { level: 0, first: 0, count: 1 }],
          ["count 0", [{ level: 0, first: 0, count: 0 }]],
          ["a negative count", [{ level: 0, first: 0, count: -1 }]],
          ["a fractional count", [{ level: 0, first: 0, count: 1.5 }]],
          ["count NaN", [{ level: 0, first: 0, count: Number.NaN }]],
          ["count Infinity", [{ level: 0, first: 0, count: Number.POSITIVE_INFINITY }]],
          ["count as a string", [{ level: 0, first: 0, count: "1" }]],
          ["no count", [{ level: 0, first: 0 }]],
          ["a negative first", [{ level: 0, first: -1, count: 1 }]],
          ["a fractional first", [{ level: 0, first: 0.5, count: 1 }]],
          ["a negative level", [{ level: -1, first: 0, count: 1 }]],
          ["level 53", [{ level: 53, first: 0, count: 1 }]],
          ["a fractional level", [{ level: 0.5, first: 0, count: 1 }]],
          ["an object without fields", [{}]],
          ["Object.create(null)", [Object.create(null)]],
          ["null as a run", [null]],
          ["a number as a run", [7]],
          ["a good run, then count 0", [ok1, { level: 0, first: 0, count: 0 }]],
        ];
        for (const [what, args] of bad) {
          const r = await runsOf(store, args);
          expect(
            codeOf(r),
            `readMerkleNodeRuns(${show(args)}) — ${what} — must be INVALID_INPUT: check the argument with checkMerkleNodeRuns before reading (count ≥ 1, safe non-negative integers, level 0–52)`,
          ).toBe("INVALID_INPUT");
        }
        const beyond: [string, MerkleNodeRun[]][] = [
          ["leaves 0–6 of 6", [{ level: 0, first: 0, count: 7 }]],
          ["leaf 6 of 6", [{ level: 0, first: 6, count: 1 }]],
          ["node (1, 3): leaves 6–7 of 6", [{ level: 1, first: 2, count: 2 }]],
          ["node (2, 1): leaves 4–7 of 6", [{ level: 2, first: 0, count: 2 }]],
          ["node (3, 0): leaves 0–7 of 6", [{ level: 3, first: 0, count: 1 }]],
          ["a good run, then one beyond", [ok1, { level: 0, first: 5, count: 2 }]],
        ];
        for (const [what, args] of beyond) {
          expect(
            codeOf(await runsOf(store, args)),
            `readMerkleNodeRuns(${show(args)}) — ${what} — must be MERKLE_INDEX_OUT_OF_RANGE: a run's last node must be complete within the log (is the tree size read with the nodes? is the run's end first + count − 1?)`,
          ).toBe("MERKLE_INDEX_OUT_OF_RANGE");
        }
        expect(unwrapOk(await runsOf(store, []), "readMerkleNodeRuns([])"), "no runs: ok([])").toEqual([]);
        expect(unwrapOk(await store.head(), "head"), "a refused read changed the store's head").toEqual(before);
      }),
    timeout,
  );

  test(
    "readMerkleNodeRuns (optional): any argument is a typed error or a right answer, never a throw",
    () =>
      withStore(async (store) => {
        if (!runsOffered(store, expect)) return;
        const size = await appendAll(store, [5, 4]);
        const num = fc.oneof(
          fc.integer({ min: -2, max: 20 }),
          fc.double(),
          fc.constant(Number.MAX_SAFE_INTEGER),
          fc.constant(2 ** 53),
          fc.string({ maxLength: 3 }),
          fc.constant(null),
          fc.constant(undefined),
        );
        const junk = fc.oneof(
          fc.anything(),
          fc.array(fc.oneof(fc.record({ level: num, first: num, count: num }, { requiredKeys: [] }), fc.anything()), {
            maxLength: 4,
          }),
        );
        const samples = fc.sample(junk, { numRuns: (options.numRuns ?? 25) * 4, seed: 19 });
        for (const args of samples) {
          let r: Loose;
          try {
            r = await runsOf(store, args);
          } catch (thrown) {
            throw new Error(
              `readMerkleNodeRuns(${show(args)}) threw instead of returning Err: ${String(thrown)} — check the argument with checkMerkleNodeRuns`,
            );
          }
          if (r.isErr()) {
            expect(
              ["INVALID_INPUT", "MERKLE_INDEX_OUT_OF_RANGE"].includes(codeOf(r)),
              `readMerkleNodeRuns(${show(args)}) failed with ${codeOf(r)}: bad arguments are INVALID_INPUT or MERKLE_INDEX_OUT_OF_RANGE, never a storage error`,
            ).toBe(true);
            continue;
          }
          const runs = args as MerkleNodeRun[];
          const bufs = r.value as Uint8Array[];
          expect(
            bufs.length === runs.length && bufs.every((b, i) => b.length === (runs[i]?.count ?? -1) * 32),
            `readMerkleNodeRuns(${show(args)}) was answered: then each run is count × outputLength bytes`,
          ).toBe(true);
        }
        expect(unwrapOk(await store.head(), "head").position, "reads changed the log").toBe(size);
      }),
    timeout * 2,
  );

  test(
    "readMerkleNodeRuns (optional): the buffers are copies; a closed store answers STORE_UNAVAILABLE",
    () =>
      withStore(async (store) => {
        if (!runsOffered(store, expect)) return;
        const size = await appendAll(store, [7, 5]);
        const runs = [
          { level: 0, first: 0, count: size },
          { level: 2, first: 0, count: 3 },
        ];
        const first = unwrapOk(await runsOf(store, runs), "readMerkleNodeRuns");
        const kept = first.map(toHex);
        for (const b of first) b.fill(0xa5);
        const again = unwrapOk(await runsOf(store, runs), "readMerkleNodeRuns again");
        expect(
          again.map(toHex),
          "changing a returned buffer changed what the store answers next: hand out a copy of each run (no cache handing out the buffers it keeps, no view on stored bytes)",
        ).toEqual(kept);
        const nodes = await nodesOf(store, [{ level: 2, index: 0 }]);
        expect(
          toHex(nodes[0] as Uint8Array),
          "changing a returned run changed what readMerkleNodes answers: hand out copies",
        ).toBe(kept[1]?.slice(0, 64));
        await store.close();
        expect(
          codeOf(await runsOf(store, runs)),
          "readMerkleNodeRuns after close: every method of a closed store must return STORE_UNAVAILABLE (storeClosed())",
        ).toBe("STORE_UNAVAILABLE");
      }),
    timeout,
  );
}
