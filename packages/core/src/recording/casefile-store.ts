// 从存储组卷 — the case file assembled through the EventStore port, without loading the
// bureau's log: the case's streams are read by id (`load`), and the log is passed over once,
// page by page, as leaf hashes only — to find where the case's events sit, which streams
// are filed with it, and their inclusion proofs (InclusionProofCollector) — keeping in
// memory the case's events and O(log n) hashes, never the log. The stored leaves are not
// trusted: the root they give must be the signed root, and each filed event must hash to its
// stored leaf.
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, hashAlgorithm } from "../kernel/hash.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import {
  inclusionProofFromNodes,
  inclusionProofNodes,
  type MerkleNodeRef,
  merkleNodeKey,
} from "../kernel/merkle-subtree.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { verifyInclusion } from "../kernel/merkle-verify.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { Signer } from "../kernel/signer.js";
import type { SignedTreeHead } from "../kernel/tree-head.js";
import { type CaseEvent, eventLeafBytes } from "./case-event.js";
import {
  type AssembleCaseFileOptions,
  type CaseFile,
  type CaseFileEntryInput,
  type CaseFilePartInput,
  caseFileFromParts,
  caseLinkOf,
  casePartKind,
  caseReferencesOf,
  missingStream,
} from "./casefile.js";
import { attestCaseFile } from "./casefile-attest.js";
import { InclusionProofCollector } from "./casefile-proofs.js";
import { type EventStore, READ_ALL_LIMIT, READ_MERKLE_NODES_LIMIT } from "./event-store.js";
import { checkCaseId, storeCorrupt } from "./store-support.js";

/** Options of {@link assembleCaseFileFromStore}. */
export interface AssembleCaseFileFromStoreOptions extends AssembleCaseFileOptions {
  /** The signed head to prove against (default: the store's latest kept head). */
  readonly signedTreeHead?: SignedTreeHead;
  /**
   * 哈希实现 — an implementation of the store's hash algorithm (a native one, say) to use
   * instead of the built-in; it must give the same digests (a wrong one ends in
   * `MERKLE_ROOT_MISMATCH`, never in a wrong file).
   */
  readonly hash?: HashAlgorithm;
  /**
   * 全日志遍历 — prove by a pass over the whole log (one node hash a leaf) even when the store
   * keeps its subtrees (`readMerkleNodes`, `readStreamLeaves`, `streamsLinkedTo`); default
   * false. The two ways give the same file (tested); the pass is what a store without those
   * reads gets.
   */
  readonly passOverLog?: boolean;
  /** Leaves read per page of the log pass (default and at most 10 000). */
  readonly pageSize?: number;
  /**
   * 卷内备考签名 — the bureau's signer (the key of its signed heads): when given, the file
   * carries the bureau's signature over its parts (`attestCaseFile`), so that a stream left
   * out whole is caught offline.
   */
  readonly signer?: Signer;
}

/** Where one event of a filed stream sits in the log. */
interface Located {
  readonly seq: number;
  readonly leafIndex: number;
  readonly leafHash: Uint8Array;
}

/** One stored leaf as the pass reads it: where, which stream, and the event or its stored bytes. */
interface PassLeaf {
  readonly position: number;
  readonly streamId: string;
  readonly seq: number;
  readonly leafHash: Uint8Array;
  /** The decoded event (`readAll`). */
  readonly event?: CaseEvent;
  /** The stored canonical JSON (`readLeaves`), searched without decoding. */
  readonly bytes?: Uint8Array;
}

/** Whether `haystack` contains `needle` (bytes, `needle` not empty). */
function containsBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  const first = needle[0] as number;
  const last = haystack.length - needle.length;
  outer: for (let i = haystack.indexOf(first); i >= 0 && i <= last; i = haystack.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** One page of the pass, through `readLeaves` when the store has it (no event parsing), else `readAll`. */
async function readPage(
  store: EventStore,
  after: number,
  limit: number,
): Promise<Result<readonly PassLeaf[], SanxiangError>> {
  if (store.readLeaves !== undefined) {
    const page = await store.readLeaves({ after, limit });
    return page.map((leaves) =>
      leaves.map((l) => ({
        position: l.position,
        streamId: l.caseId,
        seq: l.seq,
        leafHash: l.leafHash,
        bytes: l.bytes,
      })),
    );
  }
  const page = await store.readAll({ after, limit });
  return page.map((events) =>
    events.map((s) => ({
      position: s.position,
      streamId: s.event.caseId,
      seq: s.event.seq,
      leafHash: s.leafHash,
      event: s.event,
    })),
  );
}

function chooseHash(store: EventStore, sth: SignedTreeHead, given: HashAlgorithm | undefined) {
  if (sth.hashAlgorithm !== store.hashAlgorithm) {
    return err(
      sanxiangError(
        "TREE_HEAD_ALGORITHM_MISMATCH",
        `签名树头用 ${sth.hashAlgorithm}，本存储的日志用 ${store.hashAlgorithm}：这不是本日志的树头`,
        { details: { treeHead: sth.hashAlgorithm, store: store.hashAlgorithm } },
      ),
    );
  }
  if (given !== undefined) {
    if (given.name !== store.hashAlgorithm) {
      return err(
        sanxiangError("INVALID_INPUT", `hash 选项是 ${given.name}，本存储的日志用 ${store.hashAlgorithm}`, {
          details: { given: given.name, store: store.hashAlgorithm },
        }),
      );
    }
    return ok(given);
  }
  return hashAlgorithm(store.hashAlgorithm);
}

/**
 * 从存储组卷 — assembles the case file of `caseId` through the {@link EventStore} port,
 * against `options.signedTreeHead` or the store's latest kept head: what
 * {@link assembleCaseFile} files (the case's stream, each stream whose first event names the
 * case — its legal reviews, its disclosures — each stream the case references, and
 * `options.streams`), with every event's leaf hash and inclusion proof.
 *
 * Cost grows with the case, not the log, when the store keeps its complete subtrees
 * (`readMerkleNodes`, `readStreamLeaves`, `streamsLinkedTo` — the SQLite, PostgreSQL and
 * in-memory stores do): the streams and their leaves are read by id, the linked streams from
 * the store's index, and each proof is made of O(log² n) stored nodes, checked against the
 * signed root. A store without them is passed over once in pages of leaf hashes
 * (`readLeaves`, else `readAll`), keeping O(log n) hashes: memory still grows with the case,
 * time with the log (docs/benchmarks.md has both figures on 1 000 000 events).
 *
 * Errors: `CASE_FILE_MALFORMED` (no signed head kept; no event of the case, or of a stream
 * that must be filed, under the head), `TREE_HEAD_ALGORITHM_MISMATCH`,
 * `MERKLE_ROOT_MISMATCH` (the stored leaves do not give the signed root: the head is of
 * another log, or the store was changed), `EVENT_HASH_MISMATCH` (a stored event does not
 * hash to its stored leaf), `STORE_CORRUPT` (positions not dense), and the store's own
 * (`STORE_UNAVAILABLE`, `INVALID_INPUT` for a bad case id), `SIGNER_FAILED` (with
 * `options.signer`). The head's signature is not checked here; {@link verifyCaseFile} does.
 */
export async function assembleCaseFileFromStore(
  store: EventStore,
  caseId: string,
  options: AssembleCaseFileFromStoreOptions = {},
): Promise<Result<CaseFile, SanxiangError>> {
  const id = checkCaseId(caseId);
  if (id.isErr()) return err(id.error);
  let sth = options.signedTreeHead;
  if (sth === undefined) {
    const latest = await store.latestSignedTreeHead();
    if (latest.isErr()) return err(latest.error);
    if (latest.value === null) {
      return err(
        sanxiangError(
          "CASE_FILE_MALFORMED",
          "存储中没有签名树头，无法组卷：先用机关的私钥对日志头签名（signAndSaveTreeHead，或 sanxiang sign）",
          { details: { caseId, why: "noSignedTreeHead" } },
        ),
      );
    }
    sth = latest.value;
  }
  const hash = chooseHash(store, sth, options.hash);
  if (hash.isErr()) return err(hash.error);
  const own = await store.load(caseId);
  if (own.isErr()) return err(own.error);
  if (own.value.length === 0 || sth.treeSize === 0) {
    return err(
      sanxiangError("CASE_FILE_MALFORMED", `签名树头（${sth.treeSize}）之前没有案件 ${caseId} 的事件，无法组卷`, {
        details: { caseId, treeSize: sth.treeSize },
      }),
    );
  }
  // Streams that may have to be filed: referenced by the case (before or after the head:
  // which of them must be is known once the pass has placed the case's events) or named.
  const candidates = new Set([...caseReferencesOf(own.value), ...(options.streams ?? [])]);
  candidates.delete(caseId);

  // Canonical JSON has no spaces, and ids need no escaping: a stream's first event that names
  // the case holds one of these byte strings; only those are decoded (through `load`).
  const { readMerkleNodes, readStreamLeaves, streamsLinkedTo } = store;
  if (
    readMerkleNodes !== undefined &&
    readStreamLeaves !== undefined &&
    streamsLinkedTo !== undefined &&
    options.passOverLog !== true
  ) {
    const reads: StoredNodeReads = {
      load: (id) => store.load(id),
      head: () => store.head(),
      readMerkleNodes: (refs) => readMerkleNodes.call(store, refs),
      readStreamLeaves: (id) => readStreamLeaves.call(store, id),
      streamsLinkedTo: (id) => streamsLinkedTo.call(store, id),
    };
    return assembleFromStoredNodes(reads, caseId, sth, hash.value, own.value, candidates, options);
  }
  const needles = [`"caseId":"${caseId}"`].map((n) => utf8ToBytes(n));
  const asked = options.pageSize;
  const pageSize =
    typeof asked === "number" && Number.isFinite(asked)
      ? Math.min(Math.max(1, Math.trunc(asked)), READ_ALL_LIMIT.max)
      : READ_ALL_LIMIT.max;
  const collector = new InclusionProofCollector(sth.treeSize, hash.value);
  const located = new Map<string, Located[]>([[caseId, []]]);
  const linked = new Set<string>();
  while (collector.count < sth.treeSize) {
    const page = await readPage(store, collector.count, Math.min(pageSize, sth.treeSize - collector.count));
    if (page.isErr()) return err(page.error);
    if (page.value.length === 0) break;
    for (const leaf of page.value) {
      if (collector.count >= sth.treeSize) break;
      if (leaf.position !== collector.count + 1) {
        return err(
          storeCorrupt(`日志位置应为 ${collector.count + 1}，读到 ${leaf.position}`, {
            expected: collector.count + 1,
            position: leaf.position,
          }),
        );
      }
      let list = located.get(leaf.streamId);
      if (list === undefined && leaf.seq === 1) {
        const named = candidates.has(leaf.streamId);
        const links = await opensLinkedStream(store, leaf, caseId, needles);
        if (links !== false && links !== true) return err(links);
        if (named || links) {
          list = [];
          located.set(leaf.streamId, list);
          if (links) linked.add(leaf.streamId);
        }
      }
      list?.push({ seq: leaf.seq, leafIndex: collector.count, leafHash: leaf.leafHash });
      collector.push(leaf.leafHash, list !== undefined);
    }
  }
  const collected = collector.finish();
  if (collected.isErr()) return err(collected.error);
  const { rootHash, proofs } = collected.value;
  if (!bytesEqual(rootHash, sth.rootHash)) {
    return err(
      sanxiangError(
        "MERKLE_ROOT_MISMATCH",
        `存储中前 ${sth.treeSize} 个叶子的根哈希与签名树头（${sth.logId}）不一致：树头不属于本日志，或存储已被改动（用 sanxiang verify --log 检查存储）`,
        { details: { logId: sth.logId, treeSize: sth.treeSize } },
      ),
    );
  }

  const ownUnder = own.value.slice(0, located.get(caseId)?.length ?? 0);
  const required = [...caseReferencesOf(ownUnder), ...(options.streams ?? [])].filter((s) => s !== caseId);
  for (const s of required) if ((located.get(s)?.length ?? 0) === 0) return err(missingStream(caseId, s, sth.treeSize));
  const filed = [caseId, ...[...located.keys()].filter((s) => s !== caseId && (linked.has(s) || required.includes(s)))];
  filed.sort((a, b) =>
    a === caseId
      ? -1
      : b === caseId
        ? 1
        : (located.get(a)?.[0]?.leafIndex ?? 0) - (located.get(b)?.[0]?.leafIndex ?? 0),
  );

  const parts: CaseFilePartInput[] = [];
  for (const streamId of filed) {
    const where = located.get(streamId) ?? [];
    const events = streamId === caseId ? own : await store.load(streamId);
    if (events.isErr()) return err(events.error);
    const entries: CaseFileEntryInput[] = [];
    for (const at of where) {
      const event = events.value[at.seq - 1];
      const leafHash = event === undefined ? undefined : leafHashOf(event, hash.value);
      if (event === undefined || event.seq !== at.seq || leafHash === undefined || !bytesEqual(leafHash, at.leafHash)) {
        return err(
          sanxiangError(
            "EVENT_HASH_MISMATCH",
            `记录流 ${streamId} 第 ${at.seq} 号事件与日志第 ${at.leafIndex} 号叶子的哈希不符：存储已被改动（用 sanxiang verify --log 检查存储）`,
            { details: { streamId, seq: at.seq, leafIndex: at.leafIndex } },
          ),
        );
      }
      entries.push({ event, leafIndex: at.leafIndex, leafHash, inclusionProof: proofs.get(at.leafIndex) ?? [] });
    }
    parts.push({ streamId, kind: casePartKind(caseId, streamId, entries[0]?.event), entries });
  }
  const file = caseFileFromParts(caseId, sth, parts, options);
  if (file.isErr() || options.signer === undefined) return file;
  return attestCaseFile(file.value, options.signer);
}

/**
 * The case file from the store's index reads and stored subtrees (the three optional port
 * methods): the streams' leaves read by id, the linked streams from the store's index, and
 * each proof made of O(log² n) stored nodes — no pass over the log. Nothing read is trusted:
 * each filed event must hash to its stored leaf, and each proof must lead to the signed root
 * (`MERKLE_ROOT_MISMATCH` naming the leaf when a stored node or position is wrong).
 */
interface StoredNodeReads {
  load(caseId: string): ReturnType<EventStore["load"]>;
  head(): ReturnType<EventStore["head"]>;
  readMerkleNodes: NonNullable<EventStore["readMerkleNodes"]>;
  readStreamLeaves: NonNullable<EventStore["readStreamLeaves"]>;
  streamsLinkedTo: NonNullable<EventStore["streamsLinkedTo"]>;
}

async function assembleFromStoredNodes(
  store: StoredNodeReads,
  caseId: string,
  sth: SignedTreeHead,
  hash: HashAlgorithm,
  own: readonly CaseEvent[],
  candidates: ReadonlySet<string>,
  options: AssembleCaseFileFromStoreOptions,
): Promise<Result<CaseFile, SanxiangError>> {
  const head = await store.head();
  if (head.isErr()) return err(head.error);
  if (sth.treeSize > head.value.position) {
    return err(
      sanxiangError(
        "MERKLE_TREE_SIZE_INVALID",
        `日志只有 ${head.value.position} 个叶子，签名树头的大小为 ${sth.treeSize}`,
        {
          details: { read: head.value.position, treeSize: sth.treeSize },
        },
      ),
    );
  }
  const linkedIds = await store.streamsLinkedTo(caseId);
  if (linkedIds.isErr()) return err(linkedIds.error);
  const located = new Map<string, Located[]>();
  const loaded = new Map<string, readonly CaseEvent[]>([[caseId, own]]);
  const linked = new Set<string>();
  const streamIds = [caseId, ...candidates, ...linkedIds.value.filter((s) => s !== caseId && !candidates.has(s))];
  for (const streamId of streamIds) {
    const leaves = await store.readStreamLeaves(streamId);
    if (leaves.isErr()) return err(leaves.error);
    const under: Located[] = [];
    for (const [i, leaf] of leaves.value.entries()) {
      if (leaf.position > sth.treeSize) break;
      if (
        leaf.seq !== i + 1 ||
        leaf.position < 1 ||
        (i > 0 && leaf.position <= (under[i - 1] as Located).leafIndex + 1)
      ) {
        return err(
          storeCorrupt(`记录流 ${streamId} 的第 ${i + 1} 个叶子位置或序号错误`, {
            streamId,
            seq: leaf.seq,
            position: leaf.position,
          }),
        );
      }
      under.push({ seq: leaf.seq, leafIndex: leaf.position - 1, leafHash: leaf.leafHash });
    }
    if (streamId !== caseId && under.length === 0) continue;
    if (streamId !== caseId) {
      const events = await store.load(streamId);
      if (events.isErr()) return err(events.error);
      loaded.set(streamId, events.value);
      const first = events.value[0];
      if (first !== undefined && caseLinkOf(first) === caseId) linked.add(streamId);
      else if (!candidates.has(streamId)) continue;
    }
    located.set(streamId, under);
  }

  const ownUnder = own.slice(0, located.get(caseId)?.length ?? 0);
  const required = [...caseReferencesOf(ownUnder), ...(options.streams ?? [])].filter((s) => s !== caseId);
  for (const s of required) if ((located.get(s)?.length ?? 0) === 0) return err(missingStream(caseId, s, sth.treeSize));
  const filed = [caseId, ...[...located.keys()].filter((s) => s !== caseId && (linked.has(s) || required.includes(s)))];
  filed.sort((a, b) =>
    a === caseId
      ? -1
      : b === caseId
        ? 1
        : (located.get(a)?.[0]?.leafIndex ?? 0) - (located.get(b)?.[0]?.leafIndex ?? 0),
  );

  // Every proof's plan, and the distinct nodes they need, read in batches.
  const plans = new Map<number, readonly (readonly MerkleNodeRef[])[]>();
  const wanted = new Map<string, MerkleNodeRef>();
  for (const streamId of filed) {
    for (const at of located.get(streamId) ?? []) {
      const plan = inclusionProofNodes(at.leafIndex, sth.treeSize);
      if (plan.isErr()) return err(plan.error);
      plans.set(at.leafIndex, plan.value);
      for (const sibling of plan.value) for (const ref of sibling) wanted.set(merkleNodeKey(ref), ref);
    }
  }
  const refs = [...wanted.values()];
  const nodes = new Map<string, Uint8Array>();
  for (let i = 0; i < refs.length; i += READ_MERKLE_NODES_LIMIT) {
    const batch = refs.slice(i, i + READ_MERKLE_NODES_LIMIT);
    const read = await store.readMerkleNodes(batch);
    if (read.isErr()) return err(read.error);
    if (read.value.length !== batch.length) {
      return err(
        storeCorrupt(`读取 ${batch.length} 个默克尔子树，得到 ${read.value.length} 个`, { asked: batch.length }),
      );
    }
    batch.forEach((ref, k) => {
      nodes.set(merkleNodeKey(ref), read.value[k] as Uint8Array);
    });
  }

  const parts: CaseFilePartInput[] = [];
  for (const streamId of filed) {
    const events = loaded.get(streamId) ?? [];
    const entries: CaseFileEntryInput[] = [];
    for (const at of located.get(streamId) ?? []) {
      const event = events[at.seq - 1];
      const leafHash = event === undefined ? undefined : leafHashOf(event, hash);
      if (event === undefined || event.seq !== at.seq || leafHash === undefined || !bytesEqual(leafHash, at.leafHash)) {
        return err(
          sanxiangError(
            "EVENT_HASH_MISMATCH",
            `记录流 ${streamId} 第 ${at.seq} 号事件与日志第 ${at.leafIndex} 号叶子的哈希不符：存储已被改动（用 sanxiang verify --log 检查存储）`,
            { details: { streamId, seq: at.seq, leafIndex: at.leafIndex } },
          ),
        );
      }
      const proof = inclusionProofFromNodes(plans.get(at.leafIndex) ?? [], (ref) => nodes.get(merkleNodeKey(ref)), {
        hash,
      });
      const checked = proof.andThen((path) =>
        verifyInclusion(
          { leafHash, index: at.leafIndex, treeSize: sth.treeSize, proof: path, root: sth.rootHash },
          { hash },
        ).map(() => path),
      );
      if (checked.isErr()) {
        return err(
          sanxiangError(
            "MERKLE_ROOT_MISMATCH",
            `记录流 ${streamId} 第 ${at.seq} 号事件（日志第 ${at.leafIndex} 号叶子）的包含性证明不能导出签名树头（${sth.logId}）的根：存储的默克尔子树或位置有误，或树头不属于本日志（用 sanxiang verify --log 检查存储）`,
            {
              details: { streamId, seq: at.seq, leafIndex: at.leafIndex, treeSize: sth.treeSize, why: "storedNodes" },
              cause: checked.error,
            },
          ),
        );
      }
      entries.push({ event, leafIndex: at.leafIndex, leafHash, inclusionProof: checked.value });
    }
    parts.push({ streamId, kind: casePartKind(caseId, streamId, entries[0]?.event), entries });
  }
  const file = caseFileFromParts(caseId, sth, parts, options);
  if (file.isErr() || options.signer === undefined) return file;
  return attestCaseFile(file.value, options.signer);
}

/**
 * Whether the stream a first leaf opens is filed with the case: its first event names the
 * case ({@link caseLinkOf}). Stored bytes are searched first; only a match is loaded.
 */
async function opensLinkedStream(
  store: EventStore,
  leaf: PassLeaf,
  caseId: string,
  needles: readonly Uint8Array[],
): Promise<boolean | SanxiangError> {
  if (leaf.event !== undefined) return caseLinkOf(leaf.event) === caseId;
  const bytes = leaf.bytes;
  if (bytes === undefined || !needles.some((n) => containsBytes(bytes, n))) return false;
  const events = await store.load(leaf.streamId);
  if (events.isErr()) return events.error;
  const first = events.value[0];
  return first !== undefined && caseLinkOf(first) === caseId;
}

function leafHashOf(event: CaseEvent, hash: HashAlgorithm): Uint8Array | undefined {
  try {
    return merkleLeafHash(eventLeafBytes(event), { hash });
  } catch {
    return undefined;
  }
}
