// 事件存储端口 — the contract every storage adapter implements: case streams with optimistic
// concurrency, the bureau's Merkle log over all of them, projections, signed tree heads —
// and the one rule that makes "nothing acknowledged is ever lost" checkable: an append
// stores the events, their Merkle leaves, the new log head and the projection rows in one
// transaction, or nothing at all.
import type { SanxiangError } from "../kernel/errors.js";
import type { HashAlgorithmName } from "../kernel/hash.js";
import type { MerkleTreeHead } from "../kernel/merkle-log.js";
import type { MerkleNodeRef, MerkleNodeRun } from "../kernel/merkle-subtree.js";
import type { Result } from "../kernel/result.js";
import type { SignedTreeHead } from "../kernel/tree-head.js";
import type { CaseEvent } from "./case-event.js";
import type { Projection, ProjectionQuery, ProjectionRow } from "./projection.js";

/** The version of the {@link EventStore} contract this package defines. */
export const EVENT_STORE_SPECIFICATION_VERSION = "v1" as const;

/**
 * 已存事件 — an event as the log holds it: its global position (1-based: the first event
 * any case ever stored is 1, positions are dense — leaf index = position − 1), the event,
 * and its Merkle leaf hash as stored.
 */
export interface StoredEvent {
  /** Global position in the bureau's log (1, 2, 3, … without gaps). */
  readonly position: number;
  /** The event, equal (canonical JSON) to what was appended. */
  readonly event: CaseEvent;
  /** `merkleLeafHash(eventLeafBytes(event))` as stored beside it. */
  readonly leafHash: Uint8Array;
}

/** What a successful {@link EventStore.append} acknowledges. */
export interface AppendReceipt {
  /** The case stream's version after the append (its last `seq`). */
  readonly version: number;
  /**
   * The bureau's log after the append: `treeSize` is the global position of the last event
   * appended (the events took positions `treeSize − n + 1 … treeSize`).
   */
  readonly treeHead: MerkleTreeHead;
}

/** What a store reports of its log: its size and root (from the stored frontier). */
export interface EventLogHead {
  /** Last global position (= number of events stored). */
  readonly position: number;
  /** The head of the Merkle log over every stored event. */
  readonly treeHead: MerkleTreeHead;
}

/**
 * 能力 — what an adapter can do, read by core and by the conformance suite (never guessed
 * from test options).
 */
export interface EventStoreCapabilities {
  /** Appended events survive the process (false for the in-memory store). */
  readonly durable: boolean;
  /** Several processes or connections may append to the same store at once (conflicts still detected). */
  readonly multiWriter: boolean;
  /** How {@link EventStore.subscribe} learns of new events: pushed by the store, or polled. */
  readonly subscription: "push" | "poll";
}

/** Options of {@link EventStore.readAll}. */
export interface ReadAllOptions {
  /** Read events with a global position greater than this (default 0: from the start). */
  readonly after?: number;
  /** At most this many events (default 1 000, at most 10 000). */
  readonly limit?: number;
}

/** The default and largest `limit` of {@link EventStore.readAll}. */
export const READ_ALL_LIMIT = { default: 1_000, max: 10_000 } as const;

/**
 * 原始叶子 — one stored event as the store holds it, for a verifier that hashes what is
 * stored instead of re-serialising a parsed event ({@link EventStore.readLeaves}): the
 * position, the columns the store keeps beside the event (its case id, `seq` and type,
 * which the verifier checks against the bytes), the stored canonical JSON as UTF-8 bytes,
 * and the stored leaf hash. Nothing is parsed or checked by the store.
 */
export interface StoredLeaf {
  /** Global position in the bureau's log. */
  readonly position: number;
  /** The case id the store keeps for the event (its `case_id` column, say). */
  readonly caseId: string;
  /** The `seq` the store keeps for the event. */
  readonly seq: number;
  /** The event type the store keeps for the event (its `type` column). */
  readonly type: string;
  /** The stored canonical JSON of the event, as UTF-8 bytes, exactly as stored. */
  readonly bytes: Uint8Array;
  /** The stored Merkle leaf hash. */
  readonly leafHash: Uint8Array;
}

/**
 * 流内叶子 — where one event of a stream sits in the log ({@link EventStore.readStreamLeaves}):
 * its `seq`, its global position and its stored leaf hash. Not trusted by the reader: a case
 * file proves each against a signed head.
 */
export interface StreamLeaf {
  /** The event's `seq` in its stream. */
  readonly seq: number;
  /** Its global position in the log (leaf index = position − 1). */
  readonly position: number;
  /** The stored Merkle leaf hash. */
  readonly leafHash: Uint8Array;
}

/**
 * The most nodes one {@link EventStore.readMerkleNodes} call may ask for (for
 * {@link EventStore.readMerkleNodeRuns}: the runs' counts together).
 */
export const READ_MERKLE_NODES_LIMIT = 10_000;

/** Options of {@link EventStore.readProjectionRows}. */
export interface ReadProjectionRowsOptions {
  /** Rows whose key is greater (in code-point order) than this; default: from the first. */
  readonly afterKey?: string;
  /** At most this many rows (default 1 000, at most 10 000). */
  readonly limit?: number;
}

/**
 * 事件流版本 — one stream's version as the store keeps it apart from the events (what `load`
 * and `append` compare with): it must equal the `seq` of the stream's last event.
 */
export interface StreamVersion {
  /** The stream's id (案件编号 or another stream's id). */
  readonly caseId: string;
  /** The version the store keeps for it. */
  readonly version: number;
}

/** Options of {@link EventStore.subscribe}. */
export interface SubscribeOptions {
  /** Deliver events with a global position greater than this (default: the current end). */
  readonly after?: number;
  /**
   * Called with each batch of new events, oldest first. The next batch is delivered only
   * after the promise returned for the previous one settles; a handler that throws or
   * rejects ends the subscription and is reported to `onError`.
   */
  readonly onEvents: (events: readonly StoredEvent[]) => void | Promise<void>;
  /** Called once if the subscription ends on an error (the store's, or the handler's). */
  readonly onError?: (error: SanxiangError) => void;
  /** For polling stores: milliseconds between polls (the adapter's default otherwise). */
  readonly pollIntervalMs?: number;
}

/** 订阅 — a running subscription. */
export interface EventSubscription {
  /** Stops delivery; resolves once no handler call is running. Idempotent. */
  close(): Promise<void>;
}

/**
 * 事件存储 — the port a storage adapter implements (contract version `v1`).
 *
 * General rules, for every method:
 * - Never throws and never rejects for a storage failure: failures are `Err` with
 *   `STORE_UNAVAILABLE` (the driver's error as `cause`), `STORE_CORRUPT` (stored data that
 *   cannot be read back as written) or the code the method names. Bad arguments are
 *   `INVALID_INPUT` and change nothing.
 * - After {@link EventStore.close} every method returns `STORE_UNAVAILABLE`.
 * - Positions and versions are safe integers; all reads return copies.
 */
export interface EventStore {
  /** The contract version implemented: `"v1"`. */
  readonly specificationVersion: typeof EVENT_STORE_SPECIFICATION_VERSION;
  /** What the adapter can do. */
  readonly capabilities: EventStoreCapabilities;
  /** The hash algorithm of the store's Merkle log (fixed when the store was created). */
  readonly hashAlgorithm: HashAlgorithmName;
  /** The projections the store maintains, in the order their writes are applied. */
  readonly projections: readonly Projection[];

  /**
   * 读取案件 — the case's events in `seq` order (those with `seq > afterVersion`, default 0).
   * An unknown case is `ok([])`, never an error.
   */
  load(
    caseId: string,
    options?: { readonly afterVersion?: number },
  ): Promise<Result<readonly CaseEvent[], SanxiangError>>;

  /**
   * 追加 — appends `events` to the case's stream when the stream's version (its last `seq`,
   * 0 when empty) equals `expectedVersion`, in **one transaction**: the events, their
   * global positions and Merkle leaf hashes, the new log frontier and every projection's
   * writes — all or nothing.
   * - Another version → `CONCURRENCY_CONFLICT` (details: `expectedVersion`,
   *   `actualVersion`), nothing written. The check is the store's, so two writers racing
   *   on one version get exactly one success.
   * - Each event must pass `CaseEventSchema`, carry `caseId`, and continue the stream
   *   (`seq` = expectedVersion + 1, + 2, …): else `INVALID_INPUT` / `EVENT_SEQUENCE_INVALID`.
   * - No events: only checks the version, writes nothing.
   * - Not idempotent: retrying a successful append conflicts, so an uncertain outcome
   *   (a lost connection) is settled by {@link EventStore.load}, never by appending again.
   * - Resolving `ok` means durably stored (for a durable store: committed and synced).
   */
  append(
    caseId: string,
    expectedVersion: number,
    events: readonly CaseEvent[],
  ): Promise<Result<AppendReceipt, SanxiangError>>;

  /** 读取全部 — events across all cases in global-position order, after `after`, at most `limit`. */
  readAll(options?: ReadAllOptions): Promise<Result<readonly StoredEvent[], SanxiangError>>;

  /** 日志头 — the last position and the Merkle tree head of everything stored. */
  head(): Promise<Result<EventLogHead, SanxiangError>>;

  /**
   * 订阅 — delivers every event stored after `options.after`, in order, each exactly once per
   * subscription, including events appended by other writers of the same store.
   */
  subscribe(options: SubscribeOptions): EventSubscription;

  /** 投影行 — one row of a projection, or `ok(null)` when there is none; an unknown projection is `INVALID_INPUT`. */
  getProjectionRow(projection: string, key: string): Promise<Result<ProjectionRow | null, SanxiangError>>;

  /** 投影查询 — rows of a projection as {@link ProjectionQuery} orders and filters them. */
  queryProjection(
    projection: string,
    query?: ProjectionQuery,
  ): Promise<Result<readonly ProjectionRow[], SanxiangError>>;

  /**
   * 重建投影 — recomputes every projection's rows from the whole log in one transaction
   * (what a store also does on opening when a projection's `version` changed). Returns the
   * number of events replayed.
   */
  rebuildProjections(): Promise<Result<{ readonly events: number }, SanxiangError>>;

  /**
   * 保存签名树头 — keeps a signed tree head, one per `treeSize`. For a size already kept:
   * the same root with a later `timestamp` replaces it (a re-signing, e.g. with a new key),
   * the same root otherwise is a no-op; another root → `TREE_HEAD_CONFLICT` (two views of
   * one log: an alarm, never overwritten). A `treeSize` beyond the log →
   * `MERKLE_TREE_SIZE_INVALID`; a head failing `SignedTreeHeadSchema` → `INVALID_INPUT`.
   * The store does not check signatures: use {@link signAndSaveTreeHead}, which signs the
   * store's own head.
   */
  saveSignedTreeHead(head: SignedTreeHead): Promise<Result<void, SanxiangError>>;

  /** 最新签名树头 — the kept head of the largest `treeSize`, or `ok(null)` when none. */
  latestSignedTreeHead(): Promise<Result<SignedTreeHead | null, SanxiangError>>;

  /**
   * 全部签名树头 — the kept heads with `treeSize > after` (default 0), in increasing
   * `treeSize`, at most `limit` (the same defaults and bounds as {@link EventStore.readAll}),
   * so that a verifier can check every head and the consistency between consecutive ones,
   * not only the newest. A kept head that cannot be read back is `STORE_CORRUPT`.
   */
  signedTreeHeads(options?: ReadAllOptions): Promise<Result<readonly SignedTreeHead[], SanxiangError>>;

  /**
   * 读取原始叶子 — OPTIONAL: like {@link EventStore.readAll} (same options, order, limits and
   * errors) but the events as stored — bytes, leaf hash and stream columns, undecoded — so
   * that `verifyEventStore` hashes the stored bytes directly. A store without it is verified
   * through `readAll`.
   */
  readLeaves?(options?: ReadAllOptions): Promise<Result<readonly StoredLeaf[], SanxiangError>>;

  /**
   * 读取默克尔子树 — OPTIONAL, with {@link EventStore.readStreamLeaves} and
   * {@link EventStore.streamsLinkedTo}: the root hashes of complete subtrees of the log
   * ({@link MerkleNodeRef}: level 0 is the leaf hash at position `index + 1`; level h ≥ 1 the
   * node the store wrote when the frontier completed it, in the append's transaction), in the
   * order asked. With the three, a case file's inclusion proofs cost O(log² n) stored nodes
   * instead of a pass over the log. The hashes are never trusted: a proof made of them is
   * checked against the signed head, and `verifyEventStore` compares every stored node with
   * its recomputation. A node not complete within the log → `MERKLE_INDEX_OUT_OF_RANGE`;
   * malformed refs, or more than {@link READ_MERKLE_NODES_LIMIT} → `INVALID_INPUT`.
   */
  readMerkleNodes?(nodes: readonly MerkleNodeRef[]): Promise<Result<readonly Uint8Array[], SanxiangError>>;

  /**
   * 按段读取默克尔子树 — OPTIONAL, with {@link EventStore.readMerkleNodes}: the same stored
   * nodes asked for as runs of one level ({@link MerkleNodeRun}), each run answered as ONE
   * buffer of its nodes' hashes end to end (`count × outputLength` bytes, the node
   * `(level, first + k)` at offset `k × outputLength`), in the order asked. What
   * `verifyEventStore` compares every stored node through when a store has it: a verifier asks
   * for whole runs, and a buffer a run instead of an array a node is what makes that cheap
   * (SQLite: one range read a run). Must agree byte for byte with `readMerkleNodes`. Errors as
   * `readMerkleNodes`: a run not complete within the log → `MERKLE_INDEX_OUT_OF_RANGE`;
   * malformed runs (`count` < 1, not safe integers), or more than
   * {@link READ_MERKLE_NODES_LIMIT} nodes in all → `INVALID_INPUT`; a stored node missing or not
   * of the hash's length → `STORE_CORRUPT` naming it. Check the argument with
   * `checkMerkleNodeRuns`.
   */
  readMerkleNodeRuns?(runs: readonly MerkleNodeRun[]): Promise<Result<readonly Uint8Array[], SanxiangError>>;

  /**
   * 读取流内叶子 — OPTIONAL (see {@link EventStore.readMerkleNodes}): the positions and stored
   * leaf hashes of the stream's events, in `seq` order, read by the stream's id (an index,
   * not a pass). An unknown stream is `ok([])`; a bad id `INVALID_INPUT`.
   */
  readStreamLeaves?(caseId: string): Promise<Result<readonly StreamLeaf[], SanxiangError>>;

  /**
   * 关联记录流 — OPTIONAL (see {@link EventStore.readMerkleNodes}): the ids of the streams
   * whose first event names `caseId` (its `payload.caseId`, else `payload.draft.caseId`, as
   * a string — `caseLinkOf`): a case's legal reviews and disclosures. Every such stream must
   * be listed (others may be: the caller checks each first event); in the order of their
   * first events' positions. A bad id → `INVALID_INPUT`.
   */
  streamsLinkedTo?(caseId: string): Promise<Result<readonly string[], SanxiangError>>;

  /**
   * 按键读取投影行 — OPTIONAL: a projection's rows in key order (code points), after
   * `afterKey`, at most `limit`: a cursor over every row, sorted or not, so that
   * `verifyEventStore` can compare all of them with a replay. Unknown projection or bad
   * options → `INVALID_INPUT`. A store without it is read through `queryProjection`.
   */
  readProjectionRows?(
    projection: string,
    options?: ReadProjectionRowsOptions,
  ): Promise<Result<readonly ProjectionRow[], SanxiangError>>;

  /**
   * 读取事件流版本 — OPTIONAL: the stream versions the store keeps apart from the events, in
   * stream-id order (code points), after `afterKey`, at most `limit` (the bounds of
   * {@link EventStore.readProjectionRows}), so that `verifyEventStore` compares each with the
   * last `seq` of the stream's events: a version changed or deleted behind the store hides
   * events from `load` and refuses or misplaces appends. A store that keeps no versions
   * apart from its events does not offer it. Bad options → `INVALID_INPUT`.
   */
  readStreamVersions?(options?: ReadProjectionRowsOptions): Promise<Result<readonly StreamVersion[], SanxiangError>>;

  /** Releases connections and handles; idempotent. Subscriptions are closed first. */
  close(): Promise<void>;
}
