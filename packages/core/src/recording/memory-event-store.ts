// 内存事件存储 — the reference EventStore: what every adapter must behave like, in plain
// data structures. It passes the published conformance suite (@sanxiang/testkit) and is
// what tests, the browser and single-run tools use. Nothing survives the process.
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "../kernel/canonical-json.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithmName } from "../kernel/hash.js";
import {
  emptyMerkleFrontier,
  extendMerkleFrontierNodes,
  frontierTreeHead,
  type MerkleFrontier,
} from "../kernel/merkle-frontier.js";
import { err, ok, type Result } from "../kernel/result.js";
import { type SignedTreeHead, SignedTreeHeadSchema, signedTreeHeadSaveAction } from "../kernel/tree-head.js";
import type { CaseEvent } from "./case-event.js";
import { caseLinkOf } from "./casefile.js";
import { EVENT_STORE_SPECIFICATION_VERSION, type EventStore, type StoredEvent } from "./event-store.js";
import {
  applyProjectionWrites,
  type Projection,
  type ProjectionRow,
  projectEvent,
  queryProjectionRows,
} from "./projection.js";
import {
  checkReadProjectionRowsOptions,
  leafPageLength,
  projectionRowsAfterKey,
  READ_LEAVES_PAGE_BYTES,
} from "./store-raw-read.js";
import {
  checkAfterVersion,
  checkCaseId,
  checkMerkleNodeRefs,
  checkMerkleNodeRuns,
  checkProjectionKey,
  checkProjectionName,
  checkProjectionQuery,
  checkProjections,
  checkReadAllOptions,
  concurrencyConflict,
  prepareAppend,
  runSubscription,
  storeClosed,
  storeHashAlgorithm,
} from "./store-support.js";

/** Options of {@link memoryEventStore}. */
export interface MemoryEventStoreOptions {
  /** Hash algorithm of the Merkle log (default `sha256`). */
  readonly hash?: HashAlgorithmName;
  /** Projections to maintain (default none). */
  readonly projections?: readonly Projection[];
  /**
   * 故障注入（仅供测试）— for tests only: the fault hook of the conformance suite
   * (`EventStoreSuiteOptions.injectFault` in `@sanxiang/testkit/conformance`). Called inside
   * every append that stores events, after its new state (positions, leaf hashes, frontier,
   * projection writes) is computed and before any of it is kept; an `Err` makes the append
   * return that error with nothing stored. Never set it in an application.
   */
  readonly beforeCommit?: () => Result<void, SanxiangError>;
}

const copyEvent = (e: CaseEvent): CaseEvent => JSON.parse(JSON.stringify(e)) as CaseEvent;
const copyStored = (s: StoredEvent): StoredEvent => ({
  position: s.position,
  event: copyEvent(s.event),
  leafHash: s.leafHash.slice(),
});
const copyRow = (r: ProjectionRow): ProjectionRow => ({ ...r, value: JSON.parse(JSON.stringify(r.value)) });
const copyHead = (h: SignedTreeHead): SignedTreeHead => ({
  ...h,
  rootHash: h.rootHash.slice(),
  signature: h.signature.slice(),
});

/**
 * 内存事件存储 — an {@link EventStore} in memory (capabilities: not durable, single
 * writer, push subscriptions). Appends are synchronous under the hood, so they are atomic
 * by construction; everything else follows the contract exactly, copies in and out.
 */
export function memoryEventStore(options: MemoryEventStoreOptions = {}): EventStore {
  const hash = storeHashAlgorithm(options.hash);
  const projections = checkProjections(options.projections ?? []);
  const log: StoredEvent[] = [];
  const streams = new Map<string, StoredEvent[]>();
  const rows = new Map<string, Map<string, ProjectionRow>>();
  const signed = new Map<number, SignedTreeHead>();
  let frontier: MerkleFrontier = emptyMerkleFrontier();
  // The interior nodes the frontier completed: nodes[h − 1][i] is node (h, i) (level 0 is the log).
  const nodes: Uint8Array[][] = [];
  // Streams whose first event names a case (caseLinkOf), by that case: the index behind streamsLinkedTo.
  const linked = new Map<string, string[]>();
  let closed = false;
  let waiters: (() => void)[] = [];
  const notify = (): void => {
    const woken = waiters;
    waiters = [];
    for (const w of woken) w();
  };
  const subscriptions = new Set<{ close(): Promise<void> }>();
  const closedErr = () => Promise.resolve(err(storeClosed()));

  const store: EventStore = {
    specificationVersion: EVENT_STORE_SPECIFICATION_VERSION,
    capabilities: { durable: false, multiWriter: false, subscription: "push" },
    hashAlgorithm: hash.name as HashAlgorithmName,
    projections,

    async load(caseId, loadOptions) {
      if (closed) return closedErr();
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      const after = checkAfterVersion(loadOptions);
      if (after.isErr()) return err(after.error);
      return ok((streams.get(id.value) ?? []).slice(after.value).map((s) => copyEvent(s.event)));
    },

    async append(caseId, expectedVersion, events) {
      if (closed) return closedErr();
      const prepared = prepareAppend(caseId, expectedVersion, events, { hash, projections });
      if (prepared.isErr()) return err(prepared.error);
      const p = prepared.value;
      const stream = streams.get(p.caseId) ?? [];
      if (stream.length !== p.expectedVersion)
        return err(concurrencyConflict(p.caseId, p.expectedVersion, stream.length));
      const next = extendMerkleFrontierNodes(
        frontier,
        p.events.map((e) => e.leafHash),
        { hash },
      );
      if (next.isErr()) return err(next.error);
      if (p.events.length > 0 && options.beforeCommit !== undefined) {
        const fault = options.beforeCommit();
        if (fault.isErr()) return err(fault.error);
      }
      for (const e of p.events) {
        const stored: StoredEvent = { position: log.length + 1, event: e.event, leafHash: e.leafHash };
        log.push(stored);
        stream.push(stored);
        applyProjectionWrites(rows, e.writes, stored.position);
      }
      streams.set(p.caseId, stream);
      for (const n of next.value.nodes) {
        const level = nodes[n.level - 1] ?? [];
        nodes[n.level - 1] = level;
        level[n.index] = n.hash;
      }
      const first = p.expectedVersion === 0 ? p.events[0]?.event : undefined;
      const link = first === undefined ? undefined : caseLinkOf(first);
      if (link !== undefined) linked.set(link, [...(linked.get(link) ?? []), p.caseId]);
      frontier = next.value.frontier;
      if (p.events.length > 0) notify();
      return ok({ version: p.version, treeHead: frontierTreeHead(frontier, { hash }) });
    },

    async readAll(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      return ok(log.slice(o.value.after, o.value.after + o.value.limit).map(copyStored));
    },

    async head() {
      if (closed) return closedErr();
      return ok({ position: log.length, treeHead: frontierTreeHead(frontier, { hash }) });
    },

    subscribe(subscribeOptions) {
      const sub = runSubscription(
        {
          readAll: (o) => store.readAll(o),
          position: async () => (closed ? err(storeClosed()) : ok(log.length)),
          waitForMore: () =>
            new Promise<void>((resolve) => {
              waiters.push(resolve);
            }),
        },
        subscribeOptions,
      );
      subscriptions.add(sub);
      return {
        close: async () => {
          subscriptions.delete(sub);
          await sub.close();
        },
      };
    },

    async getProjectionRow(projection, key) {
      if (closed) return closedErr();
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const k = checkProjectionKey(key);
      if (k.isErr()) return err(k.error);
      const row = rows.get(name.value)?.get(k.value);
      return ok(row === undefined ? null : copyRow(row));
    },

    async queryProjection(projection, query) {
      if (closed) return closedErr();
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const q = checkProjectionQuery(query);
      if (q.isErr()) return err(q.error);
      return ok(queryProjectionRows(rows.get(name.value)?.values() ?? [], q.value).map(copyRow));
    },

    async rebuildProjections() {
      if (closed) return closedErr();
      rows.clear();
      for (const s of log) applyProjectionWrites(rows, projectEvent(projections, s.event), s.position);
      return ok({ events: log.length });
    },

    async saveSignedTreeHead(head) {
      if (closed) return closedErr();
      const parsed = SignedTreeHeadSchema.safeParse(head);
      if (!parsed.success) {
        return err(sanxiangError("INVALID_INPUT", "签名树头无效", { details: { issues: parsed.error.issues.length } }));
      }
      const h = parsed.data;
      const action = signedTreeHeadSaveAction(h, log.length, signed.get(h.treeSize));
      if (action.isErr()) return err(action.error);
      if (action.value === "keep") return ok(undefined);
      signed.set(h.treeSize, copyHead(h));
      return ok(undefined);
    },

    async latestSignedTreeHead() {
      if (closed) return closedErr();
      const sizes = [...signed.keys()];
      if (sizes.length === 0) return ok(null);
      return ok(copyHead(signed.get(Math.max(...sizes)) as SignedTreeHead));
    },

    async signedTreeHeads(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      const sizes = [...signed.keys()].filter((n) => n > o.value.after).sort((a, b) => a - b);
      return ok(sizes.slice(0, o.value.limit).map((n) => copyHead(signed.get(n) as SignedTreeHead)));
    },

    // The verifier's raw reads (optional in the port): the canonical bytes the leaf hash
    // covers, and the rows in key order.
    async readLeaves(readOptions) {
      if (closed) return closedErr();
      const o = checkReadAllOptions(readOptions);
      if (o.isErr()) return err(o.error);
      const page = log.slice(o.value.after, o.value.after + o.value.limit).map((s) => ({
        position: s.position,
        caseId: s.event.caseId,
        seq: s.event.seq,
        type: s.event.type,
        bytes: utf8ToBytes(canonicalJson(s.event)),
        leafHash: s.leafHash.slice(),
      }));
      // A page ends by bytes too, like every store's (READ_LEAVES_PAGE_BYTES).
      const n = leafPageLength(
        page.map((l) => l.bytes.length),
        READ_LEAVES_PAGE_BYTES,
      );
      return ok(page.slice(0, n ?? page.length));
    },

    // The case file's reads (optional in the port): stored subtrees, a stream's leaves, linked streams.
    async readMerkleNodes(refs) {
      if (closed) return closedErr();
      const checked = checkMerkleNodeRefs(refs, log.length);
      if (checked.isErr()) return err(checked.error);
      return ok(
        checked.value.map((r) =>
          (r.level === 0
            ? (log[r.index] as StoredEvent).leafHash
            : ((nodes[r.level - 1] ?? [])[r.index] as Uint8Array)
          ).slice(),
        ),
      );
    },

    async readMerkleNodeRuns(runs) {
      if (closed) return closedErr();
      const checked = checkMerkleNodeRuns(runs, log.length);
      if (checked.isErr()) return err(checked.error);
      return ok(
        checked.value.map(({ level, first, count }) => {
          const n = hash.outputLength;
          const out = new Uint8Array(count * n);
          for (let k = 0; k < count; k++) {
            const node =
              level === 0
                ? (log[first + k] as StoredEvent).leafHash
                : ((nodes[level - 1] ?? [])[first + k] as Uint8Array);
            out.set(node, k * n);
          }
          return out;
        }),
      );
    },

    async readStreamLeaves(caseId) {
      if (closed) return closedErr();
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      return ok(
        (streams.get(id.value) ?? []).map((s) => ({
          seq: s.event.seq,
          position: s.position,
          leafHash: s.leafHash.slice(),
        })),
      );
    },

    async streamsLinkedTo(caseId) {
      if (closed) return closedErr();
      const id = checkCaseId(caseId);
      if (id.isErr()) return err(id.error);
      return ok([...(linked.get(id.value) ?? [])]);
    },

    async readProjectionRows(projection, rowOptions) {
      if (closed) return closedErr();
      const name = checkProjectionName(projections, projection);
      if (name.isErr()) return err(name.error);
      const o = checkReadProjectionRowsOptions(rowOptions);
      if (o.isErr()) return err(o.error);
      return ok(projectionRowsAfterKey(rows.get(name.value)?.values() ?? [], o.value).map(copyRow));
    },

    async close() {
      if (closed) return;
      await Promise.all([...subscriptions].map((s) => s.close()));
      closed = true;
      notify();
    },
  };
  return store;
}
