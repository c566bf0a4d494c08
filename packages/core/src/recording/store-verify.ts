// 存储验证 — checks a whole store against itself and against the bureau's signed heads: every
// stored byte of every event is covered by a leaf hash, every leaf by the root, every kept
// root by its signature, and every projection row by a replay of the log. What
// `sanxiang verify --log` and the corruption tests run.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, hashAlgorithm, toHex } from "../kernel/hash.js";
import type { MerkleTreeHead } from "../kernel/merkle-log.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { err, ok, type Result } from "../kernel/result.js";
import { signingKeyId, type VerificationKey } from "../kernel/signer.js";
import { epochMillis } from "../kernel/time.js";
import { type SignedTreeHead, verifySignedTreeHead } from "../kernel/tree-head.js";
import { AuditLog } from "./audit-log.js";
import type { CaseEvent } from "./case-event.js";
import { type EventStore, READ_ALL_LIMIT, type StoredEvent, type StoredLeaf } from "./event-store.js";
import { PROJECTION_QUERY_LIMIT } from "./projection.js";
import { LogChecker } from "./store-verify-log.js";
import { nodesChecker, StoredNodeCheck } from "./store-verify-nodes.js";
import { parseLeaf } from "./store-verify-parse.js";
import { compareProjections, type ProjectionCheck, ProjectionReplay } from "./store-verify-projections.js";

export {
  DIFFERENCE_WORDS,
  PROJECTION_DIFFERENCES_LISTED,
  type ProjectionCheck,
  type ProjectionDifference,
} from "./store-verify-projections.js";

/** Progress of {@link verifyEventStore}, reported once a page. */
export interface VerifyProgress {
  /** `log`: events checked; `projections`: the rows of the store being compared. */
  readonly phase: "log" | "projections";
  /** Events checked so far (for `projections`: projections compared). */
  readonly done: number;
  /** Events in the log when the run started (for `projections`: projections to compare). */
  readonly total: number;
}

/** Options of {@link verifyEventStore}. */
export interface VerifyEventStoreOptions {
  /** The bureau's key: with it, the signature of every signed tree head is verified too. */
  readonly key?: VerificationKey;
  /** A signed head obtained elsewhere (published, or a previous run's) the log must agree with. */
  readonly signedTreeHead?: SignedTreeHead;
  /**
   * 哈希实现 — an implementation of the store's hash algorithm to use instead of the built-in
   * one, e.g. Node's native `crypto` (what the CLI passes: core imports no `node:` module).
   * Its name must be the store's, and it (`hash`, and `hashInto` when it has one) must agree
   * with the built-in on a test input, else `INVALID_INPUT`.
   */
  readonly hash?: HashAlgorithm;
  /**
   * Also replay the whole log through the store's projections and compare every row
   * (default `true`); `false` checks the log and the signed heads only.
   */
  readonly projections?: boolean;
  /** Called once a page with how far the run is (a progress bar's feed). */
  readonly onProgress?: (progress: VerifyProgress) => void;
  /**
   * Called with every event, in log order, once its bytes, leaf hash, position and stream
   * sequence have been checked — so a caller that needs the events (e.g.
   * `provenDisclosures`, which folds the disclosure streams) reads the log once, through the
   * same checks, instead of verifying it a second way. Events are parsed from the stored
   * bytes on the fast path only when this (or the projection replay) asks for them. The
   * result still stands or falls with the whole run: an event seen here is proved only when
   * `verifyEventStore` returns `Ok`.
   */
  readonly onEvent?: (event: CaseEvent, position: number) => void;
}

/** 已核签名树头 — one signed tree head checked against the recomputed log. */
export interface SignedTreeHeadCheck {
  /** Events it covers. */
  readonly treeSize: number;
  /** Its log id. */
  readonly logId: string;
  /** When it was signed. */
  readonly timestamp: string;
  /** The key id it names. */
  readonly keyId: string;
  /** Whether its signature was verified under the given key. */
  readonly signatureChecked: boolean;
  /**
   * `valid`: verified under the given key; `unchecked`: no key was given; `otherKey`: it
   * names another key id and does not verify under the given key (signed by another key,
   * e.g. before a key change) — such a head covers nothing in the unsigned tail.
   */
  readonly signature: "valid" | "unchecked" | "otherKey";
  /** `store`: kept by the store; `given`: `options.signedTreeHead`. */
  readonly source: "store" | "given";
}

/**
 * 未签名尾部 — events after the largest signed head checked: nothing but the store's own
 * frontier vouches for them, so a rewrite of them (with their hashes and the frontier)
 * cannot be told from the truth until a head is signed over them.
 */
export interface UnsignedLogTail {
  /** First position not covered by a signed head. */
  readonly fromPosition: number;
  /** Last position of the log. */
  readonly toPosition: number;
  /** Number of such events. */
  readonly events: number;
}

/** What {@link verifyEventStore} found. */
export interface EventStoreVerification {
  /** Events checked (the log's size when the run started). */
  readonly events: number;
  /** Distinct streams (cases, reviews, disclosures). */
  readonly cases: number;
  /** The recomputed head of the whole log (equal to the store's own). */
  readonly treeHead: MerkleTreeHead;
  /** Every signed head checked, kept heads in increasing size, then the given one. */
  readonly signedTreeHeads: readonly SignedTreeHeadCheck[];
  /** Events no checked signed head covers, or `null` when every event is covered. */
  readonly unsignedTail: UnsignedLogTail | null;
  /** The projections compared with a replay of the log, or `null` when not asked to. */
  readonly projections: readonly ProjectionCheck[] | null;
  /** How the log was read: `leaves` (the stored bytes, `readLeaves`) or `events` (`readAll`). */
  readonly readPath: "leaves" | "events";
  /**
   * Stored Merkle subtrees compared with the ones recomputed from the leaves (every interior
   * node of the log, when the store keeps them: `readMerkleNodes`), or `null` when it does not.
   */
  readonly merkleNodes: number | null;
}

// Every runtime core supports (browsers, Node, Deno) has the WHATWG TextDecoder; core's lib
// (ES2023, no DOM) does not declare it.
declare const TextDecoder: new (
  label: string,
  options: { readonly fatal: boolean },
) => { decode(input: Uint8Array): string };

// Events a page. Pages of 1 000 measured ≈ 20 % less CPU than 10 000 on a million-event
// SQLite store: a page's rows and buffers then die young instead of being promoted by the
// garbage collector. The next page is fetched while this one is hashed, so an adapter's
// round trip per page overlaps the work.
const VERIFY_PAGE = 1_000;

// Recorded Merkle nodes compared at a time: one readMerkleNodes call for ≈ 8 pages' nodes
// (8 000 of READ_MERKLE_NODES_LIMIT's 10 000) instead of one a page — fewer calls, and each
// level's run of nodes read as one longer range.
const NODE_BATCH = 8 * VERIFY_PAGE;

const HASH_SELF_TEST = Uint8Array.from([0x73, 0x61, 0x6e, 0x78, 0x69, 0x61, 0x6e, 0x67]);

function chooseHash(store: EventStore, given: HashAlgorithm | undefined): Result<HashAlgorithm, SanxiangError> {
  const builtIn = hashAlgorithm(store.hashAlgorithm);
  if (builtIn.isErr() || given === undefined) return builtIn;
  if (given.name !== builtIn.value.name) {
    return err(
      sanxiangError("INVALID_INPUT", `所给哈希实现为 ${given.name}，存储使用 ${builtIn.value.name}`, {
        details: { given: given.name, store: builtIn.value.name },
      }),
    );
  }
  let agrees = false;
  try {
    const want = builtIn.value.hash(HASH_SELF_TEST);
    agrees = bytesEqual(given.hash(HASH_SELF_TEST), want);
    if (agrees && given.hashInto !== undefined) {
      // hashInto, when offered, is what the verifier uses: it must agree too, at an offset.
      const out = new Uint8Array(want.length + 3);
      given.hashInto(HASH_SELF_TEST, out, 3);
      agrees = bytesEqual(out.subarray(3), want) && out[0] === 0 && out[1] === 0 && out[2] === 0;
    }
  } catch {
    agrees = false;
  }
  if (!agrees) {
    return err(
      sanxiangError("INVALID_INPUT", `所给的 ${given.name} 哈希实现与内置实现的结果不同`, {
        details: { name: given.name },
      }),
    );
  }
  return ok(given);
}

/** Kept signed heads, read in increasing size a page at a time (memory: one page). */
class HeadCursor {
  private buffer: SignedTreeHead[] = [];
  private index = 0;
  private after = 0;
  private exhausted = false;

  constructor(private readonly store: EventStore) {}

  /** The next unchecked head, reading the next page when needed; `null` when none is left. */
  async peek(): Promise<Result<SignedTreeHead | null, SanxiangError>> {
    while (this.index >= this.buffer.length && !this.exhausted) {
      const page = await this.store.signedTreeHeads({ after: this.after, limit: READ_ALL_LIMIT.max });
      if (page.isErr()) return err(page.error);
      this.buffer = [...page.value];
      this.index = 0;
      let previous = this.after;
      for (const h of this.buffer) {
        if (h.treeSize <= previous) {
          return err(
            sanxiangError("STORE_CORRUPT", "存储返回的签名树头未按大小递增排列", {
              details: { treeSize: h.treeSize, after: previous },
            }),
          );
        }
        previous = h.treeSize;
      }
      this.after = previous;
      if (this.buffer.length < READ_ALL_LIMIT.max) this.exhausted = true;
    }
    return ok(this.buffer[this.index] ?? null);
  }

  /** Marks the head {@link peek} returned as checked. */
  next(): void {
    this.index++;
  }
}

/**
 * Checks one signed head against the recomputed root at its size, and — given a key — its
 * signature: a head that names the key's id (or verifies under it) must verify
 * (`SIGNATURE_INVALID`); a head signed by another key (another key id, not verifying) is
 * reported as such and covers nothing in {@link EventStoreVerification.unsignedTail}.
 */
function checkHead(
  h: SignedTreeHead,
  root: MerkleTreeHead,
  source: SignedTreeHeadCheck["source"],
  key: VerificationKey | undefined,
  keyId: string | undefined,
): Result<SignedTreeHeadCheck, SanxiangError> {
  const where = source === "store" ? "存储中" : "所给";
  if (h.hashAlgorithm !== root.hashAlgorithm) {
    return err(
      sanxiangError(
        "TREE_HEAD_ALGORITHM_MISMATCH",
        `${where}大小为 ${h.treeSize} 的签名树头使用 ${h.hashAlgorithm}，日志使用 ${root.hashAlgorithm}`,
        { details: { treeSize: h.treeSize, expected: root.hashAlgorithm, actual: h.hashAlgorithm } },
      ),
    );
  }
  if (!bytesEqual(root.rootHash, h.rootHash)) {
    return err(
      sanxiangError(
        "MERKLE_ROOT_MISMATCH",
        `前 ${h.treeSize} 个事件重算的根哈希与${where}的签名树头（${h.timestamp} 签署）不一致：日志或树头已被改动`,
        { details: { logId: h.logId, treeSize: h.treeSize, source, recomputed: toHex(root.rootHash) } },
      ),
    );
  }
  let signature: SignedTreeHeadCheck["signature"] = "unchecked";
  if (key !== undefined) {
    const sig = verifySignedTreeHead(h, key, { hashAlgorithm: root.hashAlgorithm });
    if (sig.isOk()) signature = "valid";
    else if (sig.error.code === "SIGNATURE_INVALID" && h.keyId !== keyId) signature = "otherKey";
    else {
      return err(
        sanxiangError(
          sig.error.code,
          `${where}大小为 ${h.treeSize} 的签名树头（密钥标识 ${h.keyId}）：${sig.error.message}`,
          {
            details: { ...sig.error.details, treeSize: h.treeSize, keyId: h.keyId, source },
            cause: sig.error,
          },
        ),
      );
    }
  }
  return ok({
    treeSize: h.treeSize,
    logId: h.logId,
    timestamp: h.timestamp,
    keyId: h.keyId,
    signatureChecked: signature === "valid",
    signature,
    source,
  });
}

/**
 * 签名树头时间倒序 — a kept head of a larger tree dated before one of a smaller tree
 * (RFC 6962 §3.5: a log's heads are dated in the order it grew): a head replayed from
 * elsewhere, back-dated, or signed by a bureau whose clock went back. Names both heads.
 */
function timestampsOutOfOrder(earlier: SignedTreeHeadCheck, later: SignedTreeHeadCheck): SanxiangError {
  return sanxiangError(
    "TREE_HEAD_CONFLICT",
    `存储中大小为 ${later.treeSize} 的签名树头签署于 ${later.timestamp}，早于大小为 ${earlier.treeSize} 的签名树头（${earlier.timestamp}）：树头时间应随日志增长而不减，较大的树头可能被回放或伪造，请核查签名记录`,
    {
      details: {
        reason: "timestampOrder",
        treeSize: later.treeSize,
        timestamp: later.timestamp,
        keyId: later.keyId,
        previousTreeSize: earlier.treeSize,
        previousTimestamp: earlier.timestamp,
        previousKeyId: earlier.keyId,
      },
    },
  );
}

function sizeBeyondLog(h: SignedTreeHead, stored: number): SanxiangError {
  return sanxiangError(
    "MERKLE_TREE_SIZE_INVALID",
    `签名树头记载 ${h.treeSize} 个事件，存储中只有 ${stored} 个：事件已丢失`,
    { details: { treeSize: h.treeSize, stored } },
  );
}

/**
 * 验证存储 — reads the whole log page by page and checks, offline:
 * - positions run 1, 2, 3, … without gap (`STORE_CORRUPT`), and no event lies beyond the
 *   store's head;
 * - every event's leaf hash recomputed from its stored bytes equals the stored one
 *   (`EVENT_HASH_MISMATCH`, naming case, `seq` and position) — so a changed byte of a stored
 *   event or of its hash is found; the stream columns the store keeps (case id, `seq`) agree
 *   with the bytes (`STORE_CORRUPT`);
 * - every stream runs 1, 2, 3, … (`EVENT_SEQUENCE_INVALID`);
 * - the root recomputed from the leaves equals the store's own head (`MERKLE_ROOT_MISMATCH`
 *   — a changed frontier, or leaves rewritten consistently);
 * - **every** kept signed head and `options.signedTreeHead` match the root recomputed at
 *   their size (`MERKLE_ROOT_MISMATCH`; a head beyond the log `MERKLE_TREE_SIZE_INVALID`),
 *   and — given `options.key` — every head naming the key's id verifies under it
 *   (`SIGNATURE_INVALID`); a head of another key is reported (`signature: "otherKey"`) and
 *   covers nothing. Two heads matching one recomputed log are consistent (the smaller is a
 *   prefix of the larger: RFC 9162 §2.1.4 holds by construction); events after the largest
 *   covering head are reported as {@link EventStoreVerification.unsignedTail}, not as an error;
 * - kept heads are dated in the order the log grew: a kept head dated before a kept head of a
 *   smaller tree is `TREE_HEAD_CONFLICT` (`details.reason: "timestampOrder"`, naming both —
 *   RFC 6962 §3.5); heads of another key (which cover nothing) are left out of the comparison;
 * - unless `options.projections` is `false`, every projection's rows equal a replay of the
 *   log through the store's projections (`PROJECTION_MISMATCH`, each row named);
 * - when the store keeps its Merkle subtrees (`readMerkleNodes`), every stored node equals the
 *   node recomputed from the leaves (`STORE_CORRUPT`, `what: "merkleNode"`, naming it) — the
 *   recomputation never reads them. A wrong node is reported after the root and the heads
 *   have checked out: under a rewritten log the nodes above the rewrite differ too, and the
 *   root's or a head's mismatch is the finding.
 *
 * Reads the stored bytes through the adapter's optional `readLeaves` when it has one (no
 * parsing, no re-serialising), else through `readAll`. Memory: one page of events, one of
 * signed heads, the last `seq` of every stream, one line per signed head in the result
 * — and, when projections are compared, every replayed projection row (what the store
 * itself holds in its projection tables). Stops at the first problem of the log or of a
 * head; lists every projection difference.
 */
export async function verifyEventStore(
  store: EventStore,
  options: VerifyEventStoreOptions = {},
): Promise<Result<EventStoreVerification, SanxiangError>> {
  const chosen = chooseHash(store, options.hash);
  if (chosen.isErr()) return err(chosen.error);
  const hash = chosen.value;
  const start = await store.head();
  if (start.isErr()) return err(start.error);
  const total = start.value.position;
  const given = options.signedTreeHead;
  if (given !== undefined && given.treeSize > total) return err(sizeBeyondLog(given, total));
  const checker = new LogChecker(hash);
  // Stored subtrees (readMerkleNodeRuns / readMerkleNodes) are never trusted by the
  // recomputation: each one is compared with the node the leaves give, a batch at a time.
  const nodeReader = nodesChecker(store.readMerkleNodes, store.readMerkleNodeRuns);
  checker.root.recordNodes = nodeReader !== undefined;
  const nodes = new StoredNodeCheck(store, hash.outputLength, nodeReader);
  const checkNodes = async (force: boolean): Promise<Result<true, SanxiangError>> => {
    if (!checker.root.recordNodes) return ok(true);
    if (!force && checker.root.recordedNodes < NODE_BATCH) return ok(true);
    return nodes.check(checker.root.takeNodes(), force);
  };
  const replay = options.projections === false ? null : new ProjectionReplay(store.projections);
  const onEvent = options.onEvent;
  const wantEvents = replay !== null || onEvent !== undefined;
  const heads = new HeadCursor(store);
  const checks: SignedTreeHeadCheck[] = [];
  const keyId = options.key === undefined ? undefined : signingKeyId(options.key.algorithm, options.key.publicKey);
  let givenCheck: SignedTreeHeadCheck | undefined;
  // The last kept head checked that counts (not another key's): the next one may not be dated earlier.
  let lastCounted: SignedTreeHeadCheck | undefined;
  // Checks every head whose size the log has just reached.
  const headsAt = async (size: number): Promise<Result<true, SanxiangError>> => {
    for (;;) {
      const next = await heads.peek();
      if (next.isErr()) return err(next.error);
      const h = next.value;
      if (h === null || h.treeSize > size) break;
      if (h.treeSize < size) return err(sizeBeyondLog(h, size)); // unreachable for a well-ordered list
      const c = checkHead(h, checker.root.head(), "store", options.key, keyId);
      if (c.isErr()) return err(c.error);
      if (c.value.signature !== "otherKey") {
        if (lastCounted !== undefined && epochMillis(lastCounted.timestamp) > epochMillis(h.timestamp)) {
          return err(timestampsOutOfOrder(lastCounted, c.value));
        }
        lastCounted = c.value;
      }
      checks.push(c.value);
      heads.next();
    }
    if (given?.treeSize === size) {
      const c = checkHead(given, checker.root.head(), "given", options.key, keyId);
      if (c.isErr()) return err(c.error);
      givenCheck = c.value;
    }
    return ok(true);
  };
  // The next signed size, so the per-event loop compares one number.
  const nextHeadSize = async (): Promise<Result<number, SanxiangError>> => {
    const next = await heads.peek();
    if (next.isErr()) return err(next.error);
    const kept = next.value?.treeSize ?? Number.POSITIVE_INFINITY;
    const other = given !== undefined && givenCheck === undefined ? given.treeSize : Number.POSITIVE_INFINITY;
    return ok(Math.min(kept, other));
  };

  const at0 = await headsAt(0);
  if (at0.isErr()) return err(at0.error);
  let wanted = await nextHeadSize();
  if (wanted.isErr()) return err(wanted.error);

  const readLeaves = store.readLeaves;
  const fast = typeof readLeaves === "function";
  const decoder = new TextDecoder("utf-8", { fatal: true });
  type Page = Result<readonly StoredLeaf[] | readonly StoredEvent[], SanxiangError>;
  const read = (after: number): Promise<Page> => {
    const limit = Math.min(VERIFY_PAGE, total - after);
    return fast
      ? (readLeaves as NonNullable<EventStore["readLeaves"]>).call(store, { after, limit })
      : store.readAll({ after, limit });
  };
  let after = 0;
  // The next page is asked for before this one is hashed: an adapter doing I/O overlaps the two.
  let pending: Promise<Page> | null = total > 0 ? read(0) : null;
  while (pending !== null) {
    const page = await pending;
    if (page.isErr()) return err(page.error);
    const items = page.value;
    if (items.length === 0) {
      return err(
        sanxiangError("STORE_CORRUPT", `读出 ${after} 个事件，日志头记载 ${total} 个`, {
          details: { read: after, head: total },
        }),
      );
    }
    const end = after + items.length;
    pending = end < total ? read(end) : null;
    for (const item of items) {
      let event: StoredEvent["event"] | undefined;
      if (fast) {
        const leaf = item as StoredLeaf;
        const r = checker.leaf(leaf);
        if (r.isErr()) return err(r.error);
        if (wantEvents) {
          const parsed = parseLeaf(leaf, decoder);
          if (parsed.isErr()) return err(parsed.error);
          event = parsed.value;
        }
      } else {
        const stored = item as StoredEvent;
        const r = checker.event(stored);
        if (r.isErr()) return err(r.error);
        event = stored.event;
      }
      const position = checker.position;
      if (event !== undefined) {
        if (replay !== null) {
          const applied = replay.apply(event, position);
          if (applied.isErr()) return err(applied.error);
        }
        onEvent?.(event, position);
      }
      if (position === wanted.value) {
        const h = await headsAt(position);
        if (h.isErr()) return err(h.error);
        wanted = await nextHeadSize();
        if (wanted.isErr()) return err(wanted.error);
      }
    }
    // Every few pages (constant memory: at most NODE_BATCH + a page of nodes), and after the last.
    const nodes = await checkNodes(pending === null);
    if (nodes.isErr()) return err(nodes.error);
    after = checker.position;
    options.onProgress?.({ phase: "log", done: after, total });
  }

  const recomputed = checker.root.head();
  if (!bytesEqual(recomputed.rootHash, start.value.treeHead.rootHash)) {
    return err(
      sanxiangError("MERKLE_ROOT_MISMATCH", "由全部事件重算的根哈希与存储记录的日志头不一致：存储已被改动", {
        details: { treeSize: recomputed.treeSize },
      }),
    );
  }
  if (nodes.mismatch !== undefined) return err(nodes.mismatch);
  // Nothing may lie beyond the head read at the start, unless appended since (then the head moved past it).
  const beyond = fast
    ? await (readLeaves as NonNullable<EventStore["readLeaves"]>).call(store, { after: total, limit: 1 })
    : await store.readAll({ after: total, limit: 1 });
  if (beyond.isErr()) return err(beyond.error);
  const extra = beyond.value[0];
  const now = await store.head();
  if (now.isErr()) return err(now.error);
  if (extra !== undefined && extra.position > now.value.position) {
    return err(
      sanxiangError("STORE_CORRUPT", `日志头记载 ${now.value.position} 个事件，存储中另有第 ${extra.position} 号事件`, {
        details: { head: now.value.position, found: extra.position },
      }),
    );
  }
  if (now.value.position < total) {
    return err(
      sanxiangError("STORE_CORRUPT", `验证期间日志头从 ${total} 个事件退回到 ${now.value.position} 个`, {
        details: { before: total, after: now.value.position },
      }),
    );
  }
  // Heads left over are beyond the log read: lost events — unless signed over events appended since.
  for (;;) {
    const next = await heads.peek();
    if (next.isErr()) return err(next.error);
    if (next.value === null) break;
    if (next.value.treeSize > now.value.position) return err(sizeBeyondLog(next.value, now.value.position));
    heads.next();
  }

  // The stream versions kept apart from the events (what load and append go by) against the events.
  const streams = await checkStreamVersions(store, checker, total, now.value.position);
  if (streams.isErr()) return err(streams.error);

  let projections: readonly ProjectionCheck[] | null = null;
  if (replay !== null) {
    options.onProgress?.({ phase: "projections", done: 0, total: store.projections.length });
    const compared = await compareProjections(store, replay, total);
    if (compared.isErr()) {
      const moved = await store.head();
      const appended = moved.isOk() && moved.value.position > total;
      if (appended && compared.error.code === "PROJECTION_MISMATCH") {
        return err(
          sanxiangError(
            "PROJECTION_MISMATCH",
            `${compared.error.message}（验证期间又追加了第 ${total + 1}–${moved.value.position} 号事件，差异可能由其造成：请在停止写入后重新验证）`,
            { details: { ...compared.error.details, appendedDuringRun: moved.value.position - total } },
          ),
        );
      }
      return err(compared.error);
    }
    projections = compared.value;
    options.onProgress?.({ phase: "projections", done: projections.length, total: projections.length });
  }

  const signed = givenCheck === undefined ? checks : [...checks, givenCheck];
  // Covered: by a head whose root matched — and, given a key, whose signature is the key's.
  const covered = signed.reduce((m, h) => (h.signature === "otherKey" ? m : Math.max(m, h.treeSize)), 0);
  return ok({
    events: total,
    cases: checker.cases,
    treeHead: recomputed,
    signedTreeHeads: signed,
    unsignedTail: covered < total ? { fromPosition: covered + 1, toPosition: total, events: total - covered } : null,
    projections,
    readPath: fast ? "leaves" : "events",
    merkleNodes: checker.root.recordNodes ? nodes.checked : null,
  });
}

/**
 * Compares every stream version the store keeps ({@link EventStore.readStreamVersions}) with
 * the last `seq` of the stream's events checked: a version that differs, a stream with events
 * but no version, or a version without events is `STORE_CORRUPT` naming the stream. Skipped
 * when the store keeps none apart, or when events were appended during the run (their
 * versions are newer than the events read).
 */
async function checkStreamVersions(
  store: EventStore,
  checker: LogChecker,
  total: number,
  now: number,
): Promise<Result<true, SanxiangError>> {
  const read = store.readStreamVersions;
  if (typeof read !== "function" || now !== total) return ok(true);
  const corrupt = (caseId: string, recorded: number, last: number) =>
    err(
      sanxiangError(
        "STORE_CORRUPT",
        `事件流 ${caseId} 记载的版本为 ${recorded}，其事件的最后序号却是 ${last}：事件流版本已被改动，读取该案件会出错或漏掉事件`,
        { details: { caseId, recorded, lastSeq: last } },
      ),
    );
  const limit = PROJECTION_QUERY_LIMIT.max;
  const listed = new Set<string>();
  let afterKey: string | undefined;
  for (;;) {
    const page = await read.call(store, { limit, ...(afterKey === undefined ? {} : { afterKey }) });
    if (page.isErr()) return err(page.error);
    for (const { caseId, version } of page.value) {
      const last = checker.lastSeq(caseId);
      if (version !== last || listed.has(caseId)) return corrupt(caseId, version, last);
      listed.add(caseId);
    }
    const end = page.value.at(-1);
    if (page.value.length < limit || end === undefined) break;
    afterKey = end.caseId;
  }
  if (listed.size !== checker.cases) {
    // A stream with events but no kept version.
    for (const caseId of checker.streamIds()) {
      if (!listed.has(caseId)) return corrupt(caseId, 0, checker.lastSeq(caseId));
    }
  }
  return ok(true);
}

/**
 * 载入审计日志 — the store's whole log as an in-memory {@link AuditLog} (recomputing every
 * leaf), for inclusion and consistency proofs and case files (案卷). Linear in the log's
 * size; fails like {@link AuditLog.restore}.
 */
export async function loadAuditLog(store: EventStore): Promise<Result<AuditLog, SanxiangError>> {
  const algorithm = hashAlgorithm(store.hashAlgorithm);
  if (algorithm.isErr()) return err(algorithm.error);
  const events = [];
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: READ_ALL_LIMIT.max });
    if (page.isErr()) return err(page.error);
    if (page.value.length === 0) break;
    for (const s of page.value) events.push(s.event);
    after = (page.value.at(-1) as StoredEvent).position;
  }
  return AuditLog.restore(events, { hash: algorithm.value });
}
