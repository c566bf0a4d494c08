// 存储验证 — checks a whole store against itself and against the bureau's signed head: every
// stored byte of every event is covered by a leaf hash, every leaf by the root, the root by
// the signature. What `sanxiang verify --store` and the corruption tests run.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, hashAlgorithm } from "../kernel/hash.js";
import {
  emptyMerkleFrontier,
  extendMerkleFrontier,
  frontierTreeHead,
  type MerkleFrontier,
} from "../kernel/merkle-frontier.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import type { MerkleTreeHead } from "../kernel/merkle-log.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Signer, VerificationKey } from "../kernel/signer.js";
import {
  type SignedTreeHead,
  signTreeHead,
  type TreeHeadSigningInput,
  verifySignedTreeHead,
} from "../kernel/tree-head.js";
import { AuditLog } from "./audit-log.js";
import { eventLeafBytes } from "./case-event.js";
import { type EventStore, READ_ALL_LIMIT, type StoredEvent } from "./event-store.js";

/** Options of {@link verifyEventStore}. */
export interface VerifyEventStoreOptions {
  /** The bureau's key: with it, the store's latest signed tree head is verified too. */
  readonly key?: VerificationKey;
  /** A signed head obtained elsewhere (published, or a previous run's) the log must agree with. */
  readonly signedTreeHead?: SignedTreeHead;
}

/** What {@link verifyEventStore} found. */
export interface EventStoreVerification {
  /** Events checked. */
  readonly events: number;
  /** Distinct cases. */
  readonly cases: number;
  /** The recomputed head of the whole log (equal to the store's own). */
  readonly treeHead: MerkleTreeHead;
  /** Signed heads checked against the recomputed log (signature too when a key was given). */
  readonly signedTreeHeads: readonly { readonly treeSize: number; readonly signatureChecked: boolean }[];
}

/**
 * 验证存储 — reads the whole log page by page and checks, offline:
 * - positions run 1, 2, 3, … without gap (`STORE_CORRUPT`);
 * - every event's leaf hash recomputed from its content equals the stored one
 *   (`EVENT_HASH_MISMATCH`, naming case, `seq` and position) — so a changed byte of a stored
 *   event or of its hash is found;
 * - every case's stream runs 1, 2, 3, … (`EVENT_SEQUENCE_INVALID`);
 * - the root recomputed from the leaves equals the store's own head (`MERKLE_ROOT_MISMATCH`
 *   — a changed frontier, or leaves rewritten consistently);
 * - the store's latest signed head and `options.signedTreeHead` match the recomputed root at
 *   their size, and — given `options.key` — their signatures verify.
 */
export async function verifyEventStore(
  store: EventStore,
  options: VerifyEventStoreOptions = {},
): Promise<Result<EventStoreVerification, SanxiangError>> {
  const algorithm = hashAlgorithm(store.hashAlgorithm);
  if (algorithm.isErr()) return err(algorithm.error);
  const hash = algorithm.value;
  const head = await store.head();
  if (head.isErr()) return err(head.error);
  const latest = await store.latestSignedTreeHead();
  if (latest.isErr()) return err(latest.error);
  const heads = [latest.value, options.signedTreeHead].filter((h): h is SignedTreeHead => h != null);
  for (const h of heads) {
    if (h.treeSize > head.value.position) {
      return err(
        sanxiangError(
          "MERKLE_TREE_SIZE_INVALID",
          `签名树头记载 ${h.treeSize} 个事件，存储中只有 ${head.value.position} 个：事件已丢失`,
          {
            details: { treeSize: h.treeSize, stored: head.value.position },
          },
        ),
      );
    }
  }
  const rootsAt = new Map<number, Uint8Array>();
  const wanted = new Set(heads.map((h) => h.treeSize));
  let frontier: MerkleFrontier = emptyMerkleFrontier();
  if (wanted.has(0)) rootsAt.set(0, frontierTreeHead(frontier, { hash }).rootHash);
  const versions = new Map<string, number>();
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: READ_ALL_LIMIT.max });
    if (page.isErr()) return err(page.error);
    if (page.value.length === 0) break;
    for (const stored of page.value) {
      const checked = checkStored(stored, after + 1, versions, hash);
      if (checked.isErr()) return err(checked.error);
      const next = extendMerkleFrontier(frontier, [stored.leafHash], { hash });
      if (next.isErr()) return err(next.error);
      frontier = next.value;
      after = stored.position;
      if (wanted.has(after)) rootsAt.set(after, frontierTreeHead(frontier, { hash }).rootHash);
    }
  }
  const recomputed = frontierTreeHead(frontier, { hash });
  if (recomputed.treeSize !== head.value.position) {
    return err(storeCorruptCount(recomputed.treeSize, head.value.position));
  }
  if (!bytesEqual(recomputed.rootHash, head.value.treeHead.rootHash)) {
    return err(
      sanxiangError("MERKLE_ROOT_MISMATCH", "由全部事件重算的根哈希与存储记录的日志头不一致：存储已被改动", {
        details: { treeSize: recomputed.treeSize },
      }),
    );
  }
  const signedChecks: { treeSize: number; signatureChecked: boolean }[] = [];
  for (const h of heads) {
    if (options.key !== undefined) {
      const sig = verifySignedTreeHead(h, options.key, { hashAlgorithm: recomputed.hashAlgorithm });
      if (sig.isErr()) return err(sig.error);
    }
    const root = rootsAt.get(h.treeSize) as Uint8Array;
    if (!bytesEqual(root, h.rootHash)) {
      return err(
        sanxiangError("MERKLE_ROOT_MISMATCH", `前 ${h.treeSize} 个事件重算的根哈希与签名树头不一致：日志已被改动`, {
          details: { logId: h.logId, treeSize: h.treeSize },
        }),
      );
    }
    signedChecks.push({ treeSize: h.treeSize, signatureChecked: options.key !== undefined });
  }
  return ok({ events: recomputed.treeSize, cases: versions.size, treeHead: recomputed, signedTreeHeads: signedChecks });
}

function storeCorruptCount(read: number, head: number): SanxiangError {
  return sanxiangError("STORE_CORRUPT", `读出 ${read} 个事件，日志头记载 ${head} 个`, { details: { read, head } });
}

function checkStored(
  stored: StoredEvent,
  position: number,
  versions: Map<string, number>,
  hash: HashAlgorithm,
): Result<true, SanxiangError> {
  const { event } = stored;
  if (stored.position !== position) {
    return err(
      sanxiangError("STORE_CORRUPT", `应读到第 ${position} 号事件，读到第 ${stored.position} 号`, {
        details: { expected: position, actual: stored.position },
      }),
    );
  }
  const leaf = merkleLeafHash(eventLeafBytes(event), { hash });
  if (!bytesEqual(leaf, stored.leafHash)) {
    return err(
      sanxiangError(
        "EVENT_HASH_MISMATCH",
        `第 ${position} 号事件（案件 ${event.caseId} 第 ${event.seq} 号）的内容与其哈希不符`,
        {
          details: { position, caseId: event.caseId, seq: event.seq },
        },
      ),
    );
  }
  const last = versions.get(event.caseId) ?? 0;
  if (event.seq !== last + 1) {
    return err(
      sanxiangError("EVENT_SEQUENCE_INVALID", `案件 ${event.caseId} 的事件序号应为 ${last + 1}，实为 ${event.seq}`, {
        details: { caseId: event.caseId, expected: last + 1, actual: event.seq, position },
      }),
    );
  }
  versions.set(event.caseId, event.seq);
  return ok(true);
}

/**
 * 签名并保存树头 — signs the store's current head for `input.logId` at `input.timestamp`
 * and keeps it in the store. The head is the store's own (its frontier), so a bureau
 * publishes what the store holds; run {@link verifyEventStore} first to be sure that is
 * what its events say.
 */
export async function signAndSaveTreeHead(
  store: EventStore,
  signer: Signer,
  input: TreeHeadSigningInput,
): Promise<Result<SignedTreeHead, SanxiangError>> {
  const head = await store.head();
  if (head.isErr()) return err(head.error);
  const signed = await signTreeHead(head.value.treeHead, input, signer);
  if (signed.isErr()) return err(signed.error);
  const saved = await store.saveSignedTreeHead(signed.value);
  return saved.isErr() ? err(saved.error) : ok(signed.value);
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
