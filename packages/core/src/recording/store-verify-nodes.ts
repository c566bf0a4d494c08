// 子树核对 — the verifier's comparison of every stored Merkle subtree with the node recomputed
// from the leaves. The recomputation never reads a stored node; the stored ones are read a
// batch at a time — as runs of one level (`readMerkleNodeRuns`: a buffer a run, compared in
// place, the read of one batch overlapping the hashing of the next pages) or, from a store
// without it, as one ref a node (`readMerkleNodes`) — and each compared byte for byte.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { MerkleNodeRef, MerkleNodeRun } from "../kernel/merkle-subtree.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type EventStore, READ_MERKLE_NODES_LIMIT } from "./event-store.js";

/** Nodes recomputed from the leaves: `count` nodes of `level` from `first`, hashes end to end. */
export interface RecordedRun extends MerkleNodeRun {
  readonly hashes: Uint8Array;
}

/** How the stored nodes are read: as runs (a buffer a run) or as refs (a buffer a node). */
export type StoredNodeReader =
  | {
      readonly kind: "runs";
      readonly read: (store: EventStore, runs: readonly MerkleNodeRun[]) => StoredNodesAnswer;
    }
  | {
      readonly kind: "refs";
      readonly read: (store: EventStore, refs: readonly MerkleNodeRef[]) => StoredNodesAnswer;
    };

type StoredNodesAnswer = Promise<Result<readonly Uint8Array[], SanxiangError>>;

/** The store's node reads, runs preferred; `undefined` when it keeps no subtrees. */
export function nodesChecker(
  readMerkleNodes: EventStore["readMerkleNodes"],
  readMerkleNodeRuns: EventStore["readMerkleNodeRuns"],
): StoredNodeReader | undefined {
  if (typeof readMerkleNodeRuns === "function") {
    return { kind: "runs", read: (store, runs) => readMerkleNodeRuns.call(store, runs) };
  }
  if (typeof readMerkleNodes === "function") {
    return { kind: "refs", read: (store, refs) => readMerkleNodes.call(store, refs) };
  }
  return undefined;
}

/**
 * The first byte at which two buffers of one length differ, or −1: four bytes at a time when
 * both lie on 4-byte boundaries (a run's buffers do: fresh, or views at multiples of the hash's
 * length), byte by byte otherwise and for the tail.
 */
export function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const length = a.length;
  let i = 0;
  if (a.byteOffset % 4 === 0 && b.byteOffset % 4 === 0) {
    const words = length >>> 2;
    const wa = new Uint32Array(a.buffer, a.byteOffset, words);
    const wb = new Uint32Array(b.buffer, b.byteOffset, words);
    let w = 0;
    while (w < words && wa[w] === wb[w]) w++;
    i = w << 2;
  }
  for (; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

function wrongNode(level: number, index: number): SanxiangError {
  return sanxiangError(
    "STORE_CORRUPT",
    `存储的默克尔子树 (${level}, ${index}) 与由第 ${index * 2 ** level + 1}–${(index + 1) * 2 ** level} 号事件重算的不一致：存储已被改动（案卷的包含性证明会被拒绝）`,
    { details: { what: "merkleNode", level, index } },
  );
}

/**
 * Compares batches of recomputed nodes with the stored ones. The first node found different is
 * kept in {@link StoredNodeCheck.mismatch}, not returned: the verifier reports it only once the
 * log itself checked out (under a rewritten log the nodes above the rewrite differ too, and the
 * root's mismatch is the finding). A read that fails is returned as its error. With runs, a
 * batch's read is left in flight until the next batch (or the last): at most one batch of
 * copied hashes is held meanwhile.
 */
export class StoredNodeCheck {
  /** The first stored node found different from its recomputation, if any. */
  mismatch: SanxiangError | undefined;
  /** Stored nodes compared and found equal. */
  checked = 0;
  private inFlight: Promise<Result<true, SanxiangError>> | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly n: number,
    private readonly reader: StoredNodeReader | undefined,
  ) {}

  /**
   * Compares `runs` (taken from the recomputation; their hashes may be overwritten once this
   * returns). `last`: no batch follows — everything is compared before this resolves.
   */
  async check(runs: readonly RecordedRun[], last: boolean): Promise<Result<true, SanxiangError>> {
    const before = await this.settle();
    if (before.isErr()) return before;
    const reader = this.reader;
    if (reader === undefined || this.mismatch !== undefined || runs.length === 0) return ok(true);
    if (reader.kind === "refs") return this.compareRefs(reader, runs);
    // The recorder reuses its buffers: the hashes are copied, then compared while the caller
    // hashes the next pages (a rejected read is rethrown by the next settle, never unhandled).
    const copies = runs.map((r) => ({ level: r.level, first: r.first, count: r.count, hashes: r.hashes.slice() }));
    const pending = this.compareRuns(reader, copies);
    pending.catch(() => undefined);
    this.inFlight = pending;
    return last ? this.settle() : ok(true);
  }

  private async settle(): Promise<Result<true, SanxiangError>> {
    const pending = this.inFlight;
    if (pending === null) return ok(true);
    this.inFlight = null;
    return pending;
  }

  /** Runs split into reads of at most READ_MERKLE_NODES_LIMIT nodes, each run compared in place. */
  private async compareRuns(
    reader: Extract<StoredNodeReader, { kind: "runs" }>,
    runs: readonly RecordedRun[],
  ): Promise<Result<true, SanxiangError>> {
    const { n } = this;
    let pieces: RecordedRun[] = [];
    let nodes = 0;
    const flush = async (): Promise<Result<true, SanxiangError>> => {
      if (pieces.length === 0 || this.mismatch !== undefined) return ok(true);
      const asked = pieces;
      pieces = [];
      nodes = 0;
      const got = await reader.read(
        this.store,
        asked.map(({ level, first, count }) => ({ level, first, count })),
      );
      if (got.isErr()) return err(got.error);
      for (let i = 0; i < asked.length; i++) {
        const want = asked[i] as RecordedRun;
        const stored = got.value[i];
        if (!(stored instanceof Uint8Array) || stored.length !== want.count * n) {
          this.mismatch = wrongNode(want.level, want.first);
          return ok(true);
        }
        const j = firstDifference(stored, want.hashes);
        if (j >= 0) {
          this.mismatch = wrongNode(want.level, want.first + Math.floor(j / n));
          return ok(true);
        }
        this.checked += want.count;
      }
      return ok(true);
    };
    for (const run of runs) {
      for (let at = 0; at < run.count; ) {
        const take = Math.min(run.count - at, READ_MERKLE_NODES_LIMIT - nodes);
        pieces.push({
          level: run.level,
          first: run.first + at,
          count: take,
          hashes: run.hashes.subarray(at * n, (at + take) * n),
        });
        nodes += take;
        at += take;
        if (nodes === READ_MERKLE_NODES_LIMIT) {
          const f = await flush();
          if (f.isErr()) return f;
        }
      }
    }
    return flush();
  }

  /** One ref a node (a store without runs), compared in place, awaited. */
  private async compareRefs(
    reader: Extract<StoredNodeReader, { kind: "refs" }>,
    runs: readonly RecordedRun[],
  ): Promise<Result<true, SanxiangError>> {
    const { n } = this;
    const refs: MerkleNodeRef[] = [];
    // Where each ref's recomputed hash lies: its run's buffer and the offset in it.
    const wantIn: Uint8Array[] = [];
    const wantAt: number[] = [];
    const compare = async (): Promise<Result<true, SanxiangError>> => {
      if (refs.length === 0 || this.mismatch !== undefined) return ok(true);
      const stored = await reader.read(this.store, refs);
      if (stored.isErr()) return err(stored.error);
      const got = stored.value;
      for (let j = 0; j < refs.length; j++) {
        const g = got[j];
        const w = wantIn[j] as Uint8Array;
        const at = wantAt[j] as number;
        let same = g instanceof Uint8Array && g.length === n;
        for (let k = 0; same && k < n; k++) same = (g as Uint8Array)[k] === w[at + k];
        if (!same) {
          const ref = refs[j] as MerkleNodeRef;
          this.mismatch = wrongNode(ref.level, ref.index);
          return ok(true);
        }
      }
      this.checked += refs.length;
      refs.length = 0;
      wantIn.length = 0;
      wantAt.length = 0;
      return ok(true);
    };
    for (const run of runs) {
      for (let k = 0; k < run.count; k++) {
        refs.push({ level: run.level, index: run.first + k });
        wantIn.push(run.hashes);
        wantAt.push(k * n);
        if (refs.length === READ_MERKLE_NODES_LIMIT) {
          const c = await compare();
          if (c.isErr()) return c;
        }
      }
    }
    return compare();
  }
}
