// The suite must be able to fail, and fail where it should: each mutant below wraps a correct
// store (the in-memory reference) with one realistic bug — several of them survived an
// earlier version of the suite in an integrator's MariaDB adapter — and running the whole
// suite against it must fail the tests named for it. Two controls (correct stores under the
// same harness) must pass everything, so a kill is the mutant's doing, not the harness's.
import {
  applyProjectionWrites,
  canonicalJson,
  checkProjectionKey,
  checkProjectionName,
  checkProjectionQuery,
  concurrencyConflict,
  decodeStoredEvent,
  type EventStore,
  emptyMerkleFrontier,
  err,
  extendMerkleFrontier,
  frontierTreeHead,
  type MerkleNodeRef,
  type MerkleNodeRun,
  type MerkleTreeHead,
  memoryEventStore,
  merkleNodeHash,
  merkleNodeWithin,
  ok,
  type ProjectionRow,
  type ProjectionWrite,
  projectEvent,
  queryProjectionRows,
  READ_ALL_LIMIT,
  READ_MERKLE_NODES_LIMIT,
  type Result,
  runSubscription,
  type SanxiangError,
  type StoredEvent,
  storeHashAlgorithm,
  storeUnavailable,
} from "@sanxiang/core";
import { describe, expect, it } from "vitest";
import { type EventStoreFactoryConfig, eventStoreSuite } from "./event-store.js";
import type { TestBody } from "./harness.js";

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A store the harness runs the suite against, with the hooks it offers. */
interface Built {
  readonly store: EventStore;
  /** The fault hook's switch, when the store has one. */
  readonly fault?: { on: boolean };
  /** Another handle on the same storage, for multi-writer stores. */
  readonly another?: () => EventStore;
}

interface Mutant {
  readonly build: (config: EventStoreFactoryConfig) => Built;
  /** Parts of the names of the tests that must fail against it (each must match a failure). */
  readonly killedBy: readonly string[];
}

/** The reference store with the fault hook wired to a switch. */
function faultable(config: EventStoreFactoryConfig): Built & { fault: { on: boolean } } {
  const fault = { on: false };
  const store = memoryEventStore({
    ...config,
    beforeCommit: () => (fault.on ? err(storeUnavailable("注入的故障（测试）")) : ok(undefined)),
  });
  return { store, fault };
}

/** Handles on one shared memory store; `wakeAll` decides whether an append wakes every handle's subscriptions. */
function sharedHandles(config: EventStoreFactoryConfig, wakeAll: boolean): Built {
  const shared = memoryEventStore(config);
  const everyHandle = new Set<() => void>();
  const handle = (primary: boolean): EventStore => {
    let waiters: (() => void)[] = [];
    const subscriptions = new Set<{ close(): Promise<void> }>();
    const wake = (): void => {
      const woken = waiters;
      waiters = [];
      for (const w of woken) w();
    };
    everyHandle.add(wake);
    return {
      ...shared,
      capabilities: { durable: false, multiWriter: true, subscription: "push" },
      append: async (caseId, version, events) => {
        const r = await shared.append(caseId, version, events);
        if (r.isOk()) for (const w of wakeAll ? everyHandle : [wake]) w();
        return r;
      },
      subscribe: (options) => {
        const sub = runSubscription(
          {
            readAll: (o) => shared.readAll(o),
            position: async () => (await shared.head()).map((h) => h.position),
            waitForMore: () => new Promise<void>((resolve) => waiters.push(resolve)),
          },
          options,
        );
        subscriptions.add(sub);
        return sub;
      },
      close: async () => {
        // Subscriptions first (the contract): none is left reading the closed store.
        await Promise.all([...subscriptions].map((sub) => sub.close()));
        everyHandle.delete(wake);
        wake();
        if (primary) await shared.close();
      },
    };
  };
  return { store: handle(true), another: () => handle(false) };
}

/**
 * The reference store whose `readMerkleNodeRuns` (argument checked by the real one first)
 * answers each run with the nodes `nodesOf` names — those within the log — read through
 * `readMerkleNodes` and put end to end.
 */
function runsFrom(config: EventStoreFactoryConfig, nodesOf: (run: MerkleNodeRun) => readonly MerkleNodeRef[]): Built {
  const inner = faultable(config);
  const store: EventStore = {
    ...inner.store,
    readMerkleNodeRuns: async (runs) => {
      const checked = await inner.store.readMerkleNodeRuns?.(runs);
      const head = await inner.store.head();
      if (checked === undefined || checked.isErr() || head.isErr()) return checked ?? ok([]);
      const out: Uint8Array[] = [];
      for (const run of runs) {
        const refs = nodesOf(run).filter((r) => r.index >= 0 && merkleNodeWithin(r, head.value.position));
        const nodes = await inner.store.readMerkleNodes?.(refs);
        if (nodes === undefined || nodes.isErr()) return nodes ?? ok([]);
        const buf = new Uint8Array(nodes.value.reduce((n, b) => n + b.length, 0));
        let at = 0;
        for (const b of nodes.value) {
          buf.set(b, at);
          at += b.length;
        }
        out.push(buf);
      }
      return ok(out);
    },
  };
  return { store, fault: inner.fault };
}

/** The nodes of `run`, from its `first + shift`, `count + extra` of them, `level + up`. */
const runNodes = (run: MerkleNodeRun, shift = 0, extra = 0, up = 0): MerkleNodeRef[] =>
  Array.from({ length: Math.max(0, run.count + extra) }, (_, k) => ({
    level: Math.max(0, run.level + up),
    index: run.first + shift + k,
  }));

/** Rows in a map, read as a store would (checks, copies), for mutants that keep their own. */
function rowReader(
  config: EventStoreFactoryConfig,
  rows: Map<string, Map<string, ProjectionRow>>,
  alive: () => Promise<Result<unknown, SanxiangError>>,
) {
  const copy = (r: ProjectionRow): ProjectionRow => JSON.parse(JSON.stringify(r)) as ProjectionRow;
  return {
    getProjectionRow: async (projection: string, key: string): Promise<Result<ProjectionRow | null, SanxiangError>> => {
      const a = await alive();
      if (a.isErr()) return err(a.error);
      const name = checkProjectionName(config.projections, projection);
      if (name.isErr()) return err(name.error);
      const k = checkProjectionKey(key);
      if (k.isErr()) return err(k.error);
      const row = rows.get(name.value)?.get(k.value);
      return ok(row === undefined ? null : copy(row));
    },
    queryProjection: async (
      projection: string,
      query?: unknown,
    ): Promise<Result<readonly ProjectionRow[], SanxiangError>> => {
      const a = await alive();
      if (a.isErr()) return err(a.error);
      const name = checkProjectionName(config.projections, projection);
      if (name.isErr()) return err(name.error);
      const q = checkProjectionQuery(query);
      if (q.isErr()) return err(q.error);
      return ok(queryProjectionRows(rows.get(name.value)?.values() ?? [], q.value).map(copy));
    },
  };
}

const MUTANTS: Record<string, Mutant> = {
  "acknowledges a stale append without writing (lost update)": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return {
        store: {
          ...inner,
          append: async (caseId, v, events) => {
            const r = await inner.append(caseId, v, events);
            if (r.isErr() && r.error.code === "CONCURRENCY_CONFLICT") {
              const head = (await inner.head())._unsafeUnwrap();
              return ok({ version: v + events.length, treeHead: head.treeHead });
            }
            return r;
          },
        },
      };
    },
    killedBy: ["8 writers racing on one case", "a wrong expected version is CONCURRENCY_CONFLICT"],
  },
  "readAll skips the event right after `after`": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return {
        store: {
          ...inner,
          readAll: (o) => inner.readAll({ ...o, after: (o?.after ?? 0) === 0 ? 0 : (o?.after ?? 0) + 1 }),
        },
      };
    },
    killedBy: ["readAll pages by position and limit"],
  },
  "maintains no projection rows": {
    build: (config) => {
      const inner = memoryEventStore({ ...config, projections: [] });
      return {
        store: {
          ...inner,
          projections: config.projections,
          queryProjection: async () => ok([]),
          getProjectionRow: async () => ok(null),
        },
      };
    },
    killedBy: ["every projection's rows equal the reference semantics"],
  },
  "keeps working after close": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return { store: { ...inner, close: async () => {} } };
    },
    killedBy: ["after close every method is STORE_UNAVAILABLE"],
  },
  "signedTreeHeads answers after close": {
    build: (config) => {
      const inner = memoryEventStore(config);
      let closed = false;
      return {
        store: {
          ...inner,
          signedTreeHeads: async (o) => (closed ? ok([]) : inner.signedTreeHeads(o)),
          close: async () => {
            closed = true;
            await inner.close();
          },
        },
      };
    },
    killedBy: ["after close every method is STORE_UNAVAILABLE"],
  },
  "throws on a malformed case id": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return {
        store: {
          ...inner,
          load: (caseId, o) => {
            if (typeof caseId !== "string") throw new TypeError("caseId");
            return inner.load(caseId, o);
          },
        },
      };
    },
    killedBy: ["bad arguments to any method"],
  },
  "subscribe throws on malformed options": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return {
        store: {
          ...inner,
          subscribe: (o) => {
            if (typeof (o as { onEvents?: unknown } | undefined)?.onEvents !== "function") {
              throw new TypeError("onEvents");
            }
            return inner.subscribe(o);
          },
        },
      };
    },
    killedBy: ["bad arguments to any method"],
  },
  "loads events of the case from the wrong version": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return { store: { ...inner, load: (caseId) => inner.load(caseId) } };
    },
    killedBy: ["appended events load back equal"],
  },
  // MariaDB adapter, surviving bug 1: the events and the head commit, then the projection rows
  // are written on another connection — a failure there leaves events without rows, and racing
  // appends apply their rows out of order.
  "projection rows written after COMMIT on another connection": {
    build: (config) => {
      const log = faultable({ ...config, projections: [] });
      const rows = new Map<string, Map<string, ProjectionRow>>();
      const alive = () => log.store.head();
      const reader = rowReader(config, rows, alive);
      const store: EventStore = {
        ...log.store,
        projections: config.projections,
        append: async (caseId, version, events) => {
          const fault = log.fault.on;
          log.fault.on = false;
          const r = await log.store.append(caseId, version, events);
          log.fault.on = fault;
          const n = Array.isArray(events) ? events.length : 0;
          if (r.isErr() || n === 0) return r;
          const last = r.value.treeHead.treeSize;
          // The second connection's round trip, longer for some appends than for others.
          await sleep(last % 2 === 0 ? 0 : 15);
          if (log.fault.on) return err(storeUnavailable("投影写入失败"));
          const added = (await log.store.readAll({ after: last - n, limit: n }))._unsafeUnwrap();
          for (const s of added) applyProjectionWrites(rows, projectEvent(config.projections, s.event), s.position);
          return r;
        },
        ...reader,
        rebuildProjections: async () => {
          const all = await log.store.readAll({ limit: READ_ALL_LIMIT.max });
          if (all.isErr()) return err(all.error);
          rows.clear();
          for (const s of all.value) applyProjectionWrites(rows, projectEvent(config.projections, s.event), s.position);
          return ok({ events: all.value.length });
        },
      };
      return { store, fault: log.fault };
    },
    killedBy: [
      "a failed append (fault injected midAppend) leaves nothing behind",
      "a failed append (fault injected beforeCommit) leaves nothing behind",
      "writers on different cases all succeed",
    ],
  },
  // Surviving bug 2: the head row is updated in the statement that writes projection rows, so
  // an append without projection writes leaves the head behind.
  "the Merkle head is not updated when an append has no projection writes": {
    build: (config) => {
      const inner = faultable(config);
      let written: MerkleTreeHead = frontierTreeHead(emptyMerkleFrontier(), {
        hash: storeHashAlgorithm(config.hash),
      });
      const store: EventStore = {
        ...inner.store,
        append: async (caseId, version, events) => {
          const r = await inner.store.append(caseId, version, events);
          if (r.isErr()) return r;
          if (events.some((e) => projectEvent(config.projections, e).length > 0)) written = r.value.treeHead;
          return ok({ version: r.value.version, treeHead: written });
        },
        head: async () => {
          const h = await inner.store.head();
          return h.isErr() ? h : ok({ position: written.treeSize, treeHead: written });
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["a store with no projections (projections: []) moves its log head"],
  },
  // Surviving bug 3: a TEXT column (64 KiB) in a non-strict SQL mode cuts longer events silently.
  "event text silently truncated above 64 KiB": {
    build: (config) => {
      const inner = faultable(config);
      const hash = storeHashAlgorithm(config.hash);
      const asStored = (s: StoredEvent): Result<StoredEvent, SanxiangError> => {
        const bytes = new TextEncoder().encode(canonicalJson(s.event));
        if (bytes.length <= 65_535) return ok(s);
        const kept = new TextDecoder().decode(bytes.subarray(0, 65_535));
        return decodeStoredEvent({ position: s.position, json: kept, leafHash: s.leafHash }, hash);
      };
      const store: EventStore = {
        ...inner.store,
        readAll: async (o) => {
          const r = await inner.store.readAll(o);
          if (r.isErr()) return r;
          const out: StoredEvent[] = [];
          for (const s of r.value) {
            const cut = asStored(s);
            if (cut.isErr()) return err(cut.error);
            out.push(cut.value);
          }
          return ok(out);
        },
        load: async (caseId, o) => {
          const r = await inner.store.load(caseId, o);
          if (r.isErr()) return r;
          const out = [];
          for (const event of r.value) {
            const cut = asStored({ position: 1, event, leafHash: new Uint8Array(hash.outputLength) });
            if (cut.isErr()) return err(cut.error);
            out.push(cut.value.event);
          }
          return ok(out);
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["events of 64 KiB to 4 MiB are stored and read back exactly"],
  },
  // Surviving bug 4: keys in a PAD SPACE collation (MySQL utf8mb4_bin): 'a' and 'a ' are one row.
  "projection keys in a PAD SPACE collation": {
    build: (config) => {
      const pad = (k: string) => k.replace(/ +$/, "");
      const padded = config.projections.map((p) => ({
        name: p.name,
        version: p.version,
        project: (e: Parameters<typeof p.project>[0]): ProjectionWrite[] =>
          p
            .project(e)
            .map((w) =>
              w.op === "put"
                ? { ...w, key: pad(w.key), sortKey: w.sortKey === null ? null : pad(w.sortKey) }
                : { ...w, key: pad(w.key) },
            ),
      }));
      const inner = faultable({ ...config, projections: padded });
      const store: EventStore = {
        ...inner.store,
        projections: config.projections,
        getProjectionRow: (p, k) => inner.store.getProjectionRow(p, typeof k === "string" ? pad(k) : k),
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["projection keys and sort keys are stored exactly or refused"],
  },
  // Surviving bug 5: declares multiWriter, but a subscription wakes only for its own handle's appends.
  "subscriptions woken only by the same handle's appends, while declaring multiWriter": {
    build: (config) => sharedHandles(config, false),
    killedBy: ["a subscription sees appends made through another handle"],
  },
  // And the helpers called as the guide once wrote them: no `{ hash }`, so SHA-256 under SM3.
  "frontier helpers called without { hash }": {
    build: (config) => {
      const inner = faultable(config);
      const sha256Head = async (size: number): Promise<Result<MerkleTreeHead, SanxiangError>> => {
        const all = await inner.store.readAll({ limit: READ_ALL_LIMIT.max });
        if (all.isErr()) return err(all.error);
        const frontier = extendMerkleFrontier(
          emptyMerkleFrontier(),
          all.value.slice(0, size).map((s) => s.leafHash),
        );
        return frontier.isErr() ? err(frontier.error) : ok(frontierTreeHead(frontier.value));
      };
      const store: EventStore = {
        ...inner.store,
        append: async (caseId, version, events) => {
          const r = await inner.store.append(caseId, version, events);
          if (r.isErr()) return r;
          const head = await sha256Head(r.value.treeHead.treeSize);
          return head.isErr() ? err(head.error) : ok({ version: r.value.version, treeHead: head.value });
        },
        head: async () => {
          const h = await inner.store.head();
          if (h.isErr()) return h;
          const head = await sha256Head(h.value.position);
          return head.isErr() ? err(head.error) : ok({ position: h.value.position, treeHead: head.value });
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: [
      "[sm3] an unknown case loads as [] and an empty store has the empty head",
      "[sm3] appended events load back equal",
    ],
  },
  // The stored Merkle subtrees (readMerkleNodes): a node hashed with SHA-256 whatever the store's hash.
  "interior Merkle nodes computed without { hash }": {
    build: (config) => {
      const inner = faultable(config);
      const store: EventStore = {
        ...inner.store,
        readMerkleNodes: async (refs) => {
          const r = await inner.store.readMerkleNodes?.(refs);
          if (r === undefined || r.isErr() || !Array.isArray(refs)) return r ?? ok([]);
          const out: Uint8Array[] = [];
          for (const [i, ref] of refs.entries()) {
            if (ref.level === 0) {
              out.push(r.value[i] as Uint8Array);
              continue;
            }
            const first = ref.index * 2 ** ref.level;
            const leaves = await inner.store.readMerkleNodes?.(
              Array.from({ length: 2 ** ref.level }, (_, k) => ({ level: 0, index: first + k })),
            );
            if (leaves === undefined || leaves.isErr()) return leaves ?? ok([]);
            let level = [...leaves.value];
            while (level.length > 1) {
              const up: Uint8Array[] = [];
              for (let k = 0; k < level.length; k += 2)
                up.push(merkleNodeHash(level[k] as Uint8Array, level[k + 1] as Uint8Array));
              level = up;
            }
            out.push(level[0] as Uint8Array);
          }
          return ok(out);
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["[sm3] stored Merkle subtrees equal the tree recomputed from the leaves"],
  },
  // A node kept under its left neighbour's index (an off-by-one in the node's index).
  "a stored Merkle node from the neighbouring subtree": {
    build: (config) => {
      const inner = faultable(config);
      const store: EventStore = {
        ...inner.store,
        readMerkleNodes: async (refs) =>
          (await inner.store.readMerkleNodes?.(
            Array.isArray(refs)
              ? refs.map((r) => (r.level > 0 && r.index % 2 === 1 ? { ...r, index: r.index - 1 } : r))
              : refs,
          )) ?? ok([]),
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["[sha256] stored Merkle subtrees equal the tree recomputed from the leaves"],
  },
  // readMerkleNodeRuns (optional): runs of one level answered as a buffer a run.
  "readMerkleNodeRuns reads each run one node to the right (idx > first AND idx <= first + count)": {
    build: (config) => runsFrom(config, (run) => runNodes(run, 1)),
    killedBy: [
      "[sha256] readMerkleNodeRuns (optional): each run is its nodes' readMerkleNodes hashes end to end",
      "[sm3] readMerkleNodeRuns (optional): each run is its nodes' readMerkleNodes hashes end to end",
    ],
  },
  "readMerkleNodeRuns answers a run with the nodes of the level below": {
    build: (config) => runsFrom(config, (run) => runNodes(run, 0, 0, -1)),
    killedBy: ["[sha256] readMerkleNodeRuns (optional): each run is its nodes' readMerkleNodes hashes end to end"],
  },
  "readMerkleNodeRuns drops the last node of each run (an end compared with <)": {
    build: (config) => runsFrom(config, (run) => runNodes(run, 0, -1)),
    killedBy: ["[sha256] readMerkleNodeRuns (optional): each run is its nodes' readMerkleNodes hashes end to end"],
  },
  "readMerkleNodeRuns hands out the buffers it keeps (a cache, no copy)": {
    build: (config) => {
      const inner = faultable(config);
      const cache = new Map<string, readonly Uint8Array[]>();
      const store: EventStore = {
        ...inner.store,
        readMerkleNodeRuns: async (runs) => {
          const key = JSON.stringify(runs);
          const hit = cache.get(key);
          if (hit !== undefined) return ok(hit);
          const r = await inner.store.readMerkleNodeRuns?.(runs);
          if (r?.isOk()) cache.set(key, r.value);
          return r ?? ok([]);
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["readMerkleNodeRuns (optional): the buffers are copies"],
  },
  "readMerkleNodeRuns limits the number of runs, not of nodes": {
    build: (config) => {
      const inner = faultable(config);
      const read = async (runs: readonly MerkleNodeRun[]) => (await inner.store.readMerkleNodeRuns?.(runs)) ?? ok([]);
      const store: EventStore = {
        ...inner.store,
        readMerkleNodeRuns: async (runs) => {
          if (!Array.isArray(runs) || runs.length > READ_MERKLE_NODES_LIMIT) return read(runs);
          // Read in chunks of at most the limit in nodes: any number of nodes passes.
          const out: Uint8Array[] = [];
          let chunk: MerkleNodeRun[] = [];
          let nodes = 0;
          for (const run of [...runs, undefined]) {
            const n = typeof run?.count === "number" ? run.count : 0;
            if (run === undefined || (chunk.length > 0 && nodes + n > READ_MERKLE_NODES_LIMIT)) {
              const r = await read(chunk);
              if (r.isErr()) return r;
              out.push(...r.value);
              chunk = [];
              nodes = 0;
            }
            if (run !== undefined) {
              chunk.push(run);
              nodes += n;
            }
          }
          return ok(out);
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["readMerkleNodeRuns (optional): 10000 nodes in all are answered, one more is INVALID_INPUT"],
  },
  "readMerkleNodeRuns answers count 0 with an empty buffer": {
    build: (config) => {
      const inner = faultable(config);
      const store: EventStore = {
        ...inner.store,
        readMerkleNodeRuns: async (runs) => {
          if (!Array.isArray(runs) || !runs.some((r) => r?.count === 0)) {
            return (await inner.store.readMerkleNodeRuns?.(runs)) ?? ok([]);
          }
          const r = await inner.store.readMerkleNodeRuns?.(runs.filter((run) => run?.count !== 0));
          if (r === undefined || r.isErr()) return r ?? ok([]);
          const rest = [...r.value];
          return ok(runs.map((run) => (run?.count === 0 ? new Uint8Array(0) : (rest.shift() as Uint8Array))));
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["readMerkleNodeRuns (optional): bad arguments are INVALID_INPUT"],
  },
  "readMerkleNodeRuns offered without readMerkleNodes (and its two companions)": {
    build: (config) => {
      const inner = faultable(config);
      const { readMerkleNodes: _nodes, readStreamLeaves: _leaves, streamsLinkedTo: _linked, ...rest } = inner.store;
      return { store: rest, fault: inner.fault };
    },
    killedBy: ["[sha256] readMerkleNodeRuns (optional): each run is its nodes' readMerkleNodes hashes end to end"],
  },
  // A second reader (a read-only pool, a replica) that close() forgets to end.
  "readMerkleNodeRuns served by a reader close() does not close": {
    build: (config) => {
      const inner = faultable(config);
      const reader = memoryEventStore(config);
      const store: EventStore = {
        ...inner.store,
        append: async (caseId, version, events) => {
          const r = await inner.store.append(caseId, version, events);
          if (r.isOk()) await reader.append(caseId, version, events);
          return r;
        },
        readMerkleNodeRuns: async (runs) => (await reader.readMerkleNodeRuns?.(runs)) ?? ok([]),
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["a closed store answers STORE_UNAVAILABLE"],
  },
  // Found by writing a JSON-lines adapter from the guide (issue 13, second round): each passed
  // the suite before the test named in killedBy was added.
  "CONCURRENCY_CONFLICT reports the caller's version as the actual one": {
    build: (config) => {
      const inner = faultable(config);
      const store: EventStore = {
        ...inner.store,
        append: async (caseId, version, events) => {
          const r = await inner.store.append(caseId, version, events);
          return r.isErr() && r.error.code === "CONCURRENCY_CONFLICT"
            ? err(concurrencyConflict(caseId, version, version))
            : r;
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["a wrong expected version is CONCURRENCY_CONFLICT and writes nothing"],
  },
  "close() leaves its subscriptions polling the closed store": {
    build: (config) => {
      const inner = faultable(config);
      const store: EventStore = {
        ...inner.store,
        subscribe: (options) =>
          runSubscription(
            {
              readAll: (o) => inner.store.readAll(o),
              position: async () => (await inner.store.head()).map((h) => h.position),
              waitForMore: (ms) => sleep(ms ?? 10),
            },
            options,
          ),
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["closing the store closes its subscriptions first"],
  },
  "reads served from a cache that hands out the objects it keeps": {
    build: (config) => {
      const inner = faultable(config);
      const cache = new Map<string, unknown>();
      const cached =
        <T>(key: string, read: () => Promise<Result<T, SanxiangError>>) =>
        async () => {
          if (cache.has(key)) return ok(cache.get(key) as T);
          const r = await read();
          if (r.isOk()) cache.set(key, r.value);
          return r;
        };
      const store: EventStore = {
        ...inner.store,
        append: async (caseId, version, events) => {
          cache.clear();
          return inner.store.append(caseId, version, events);
        },
        rebuildProjections: async () => {
          cache.clear();
          return inner.store.rebuildProjections();
        },
        load: (caseId, o) => cached(`load ${JSON.stringify([caseId, o])}`, () => inner.store.load(caseId, o))(),
        readAll: (o) => cached(`readAll ${JSON.stringify(o)}`, () => inner.store.readAll(o))(),
        getProjectionRow: (p, k) => cached(`row ${JSON.stringify([p, k])}`, () => inner.store.getProjectionRow(p, k))(),
        queryProjection: (p, q) => cached(`query ${JSON.stringify([p, q])}`, () => inner.store.queryProjection(p, q))(),
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["reads return copies"],
  },
  "keyPrefix as an unescaped SQL LIKE pattern (_ and % are wildcards)": {
    build: (config) => {
      const inner = faultable(config);
      const like = (prefix: string) =>
        new RegExp(
          `^${[...prefix].map((c) => (c === "_" ? "." : c === "%" ? ".*" : c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("")}`,
          "su",
        );
      const store: EventStore = {
        ...inner.store,
        queryProjection: async (p, q) => {
          const checked = await inner.store.queryProjection(p, q);
          if (checked.isErr() || q?.keyPrefix === undefined) return checked;
          const { keyPrefix, limit, ...rest } = q;
          const all = await inner.store.queryProjection(p, { ...rest, limit: 10_000 });
          if (all.isErr()) return all;
          const re = like(keyPrefix);
          return ok(all.value.filter((r) => re.test(r.key)).slice(0, limit ?? 1_000));
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["a key prefix matches literally"],
  },
  "keyPrefix compared case-insensitively (ILIKE, a _ci collation)": {
    build: (config) => {
      const inner = faultable(config);
      const store: EventStore = {
        ...inner.store,
        queryProjection: async (p, q) => {
          const checked = await inner.store.queryProjection(p, q);
          if (checked.isErr() || q?.keyPrefix === undefined) return checked;
          const { keyPrefix, limit, ...rest } = q;
          const all = await inner.store.queryProjection(p, { ...rest, limit: 10_000 });
          if (all.isErr()) return all;
          const prefix = keyPrefix.toLowerCase();
          return ok(all.value.filter((r) => r.key.toLowerCase().startsWith(prefix)).slice(0, limit ?? 1_000));
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["a key prefix matches literally"],
  },
  "latestSignedTreeHead is the head saved last, not the largest": {
    build: (config) => {
      const inner = faultable(config);
      let lastSaved: number | undefined;
      const store: EventStore = {
        ...inner.store,
        saveSignedTreeHead: async (head) => {
          const r = await inner.store.saveSignedTreeHead(head);
          if (r.isOk()) lastSaved = head.treeSize;
          return r;
        },
        latestSignedTreeHead: async () => {
          const all = await inner.store.signedTreeHeads({ limit: READ_ALL_LIMIT.max });
          if (all.isErr()) return err(all.error);
          return ok(all.value.find((h) => h.treeSize === lastSaved) ?? all.value.at(-1) ?? null);
        },
      };
      return { store, fault: inner.fault };
    },
    killedBy: ["every kept signed head is listed in increasing size"],
  },
  "rebuildProjections replays onto the old rows instead of replacing them": {
    build: (config) => {
      const log = faultable({ ...config, projections: [] });
      const rows = new Map<string, Map<string, ProjectionRow>>();
      const store: EventStore = {
        ...log.store,
        projections: config.projections,
        append: async (caseId, version, events) => {
          const r = await log.store.append(caseId, version, events);
          const n = Array.isArray(events) ? events.length : 0;
          if (r.isErr() || n === 0) return r;
          const last = r.value.treeHead.treeSize;
          const added = (await log.store.readAll({ after: last - n, limit: n }))._unsafeUnwrap();
          for (const s of added) applyProjectionWrites(rows, projectEvent(config.projections, s.event), s.position);
          return r;
        },
        ...rowReader(config, rows, () => log.store.head()),
        rebuildProjections: async () => {
          const all = await log.store.readAll({ limit: READ_ALL_LIMIT.max });
          if (all.isErr()) return err(all.error);
          // No DELETE first: every replayed write is upserted onto what was there.
          for (const s of all.value) applyProjectionWrites(rows, projectEvent(config.projections, s.event), s.position);
          return ok({ events: all.value.length });
        },
      };
      return { store, fault: log.fault };
    },
    killedBy: ["rebuildProjections replaces every row"],
  },
  "declares multiWriter but gives the suite no openAnother": {
    build: (config) => {
      const inner = memoryEventStore(config);
      return { store: { ...inner, capabilities: { ...inner.capabilities, multiWriter: true } } };
    },
    killedBy: ["declares the v1 contract and its capabilities"],
  },
};

/** Correct stores under the same harness: every test must pass. */
const CONTROLS: Record<string, (config: EventStoreFactoryConfig) => Built> = {
  "the reference store with its fault hook": faultable,
  "handles on one store that wake each other's subscriptions": (config) => sharedHandles(config, true),
};

/** Runs the whole suite against `build`'s stores; the names of the tests that failed. */
async function failingTests(build: (config: EventStoreFactoryConfig) => Built): Promise<string[]> {
  const tests: { name: string; body: TestBody }[] = [];
  const built = new WeakMap<EventStore, Built>();
  const probe = build({ projections: [], hash: "sha256" });
  await probe.store.close();
  eventStoreSuite(
    { test: (name, body) => tests.push({ name, body }), expect },
    {
      factory: async (config) => {
        const b = build(config);
        built.set(b.store, b);
        return b.store;
      },
      numRuns: 10,
      ...(probe.fault === undefined
        ? {}
        : {
            injectFault: async (store: EventStore) => {
              const fault = built.get(store)?.fault;
              if (fault === undefined) throw new Error("not a store of this factory");
              fault.on = true;
              return async () => {
                fault.on = false;
              };
            },
          }),
      ...(probe.another === undefined
        ? {}
        : {
            openAnother: async (store: EventStore) => {
              const another = built.get(store)?.another;
              if (another === undefined) throw new Error("not a store of this factory");
              return another();
            },
          }),
    },
  );
  expect(tests.length).toBeGreaterThan(30);
  const failed: string[] = [];
  for (const { name, body } of tests) {
    try {
      await body();
    } catch {
      failed.push(name);
    }
  }
  return failed;
}

describe("the event-store suite catches broken stores, in the tests meant to", () => {
  for (const [name, mutant] of Object.entries(MUTANTS)) {
    it(`mutant: ${name}`, async () => {
      const failed = await failingTests(mutant.build);
      for (const killer of mutant.killedBy) {
        expect(
          failed.some((f) => f.includes(killer)),
          `the test "${killer}…" must fail against this mutant; failed: ${JSON.stringify(failed)}`,
        ).toBe(true);
      }
    }, 120_000);
  }
  for (const [name, build] of Object.entries(CONTROLS)) {
    it(`control: ${name} passes every test`, async () => {
      expect(await failingTests(build)).toEqual([]);
    }, 120_000);
  }
});
