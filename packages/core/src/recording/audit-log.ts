// 审计日志 — the bureau's append-only log of case events. Every event of every case becomes
// one leaf of one Merkle log (RFC 6962 hashing), so "全过程留痕、可回溯" (行政处罚法 Art. 47;
// 优化营商环境条例 Art. 58) is a property anyone holding a signed tree head can check.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm } from "../kernel/hash.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import { MerkleLog, type MerkleTreeHead } from "../kernel/merkle-log.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { err, ok, type Result, type ResultAsync } from "../kernel/result.js";
import type { Signer, VerificationKey } from "../kernel/signer.js";
import {
  type SignedTreeHead,
  signTreeHead,
  type TreeHeadSigningInput,
  type VerifyTreeHeadOptions,
  verifySignedTreeHead,
} from "../kernel/tree-head.js";
import { type CaseEvent, CaseEventSchema, eventLeafBytes } from "./case-event.js";

/** 审计日志条目 — one event as the log holds it: the event, its leaf index and leaf hash. */
export interface AuditLogEntry {
  /** The event (a private copy: changing the caller's object later changes nothing here). */
  readonly event: CaseEvent;
  /** 0-based position of the event's leaf in the bureau's Merkle log. */
  readonly leafIndex: number;
  /** `merkleLeafHash(eventLeafBytes(event))`: store it beside the event. */
  readonly leafHash: Uint8Array;
}

/** Options of {@link AuditLog.create} and {@link AuditLog.restore}. */
export interface AuditLogOptions {
  /** 哈希算法 — SHA-256 by default; pass `sm3` for a 国密 deployment. */
  readonly hash?: HashAlgorithm;
}

function invalidEvent(index: number, issues: string[]): SanxiangError {
  return sanxiangError("INVALID_INPUT", `第 ${index + 1} 个事件不符合案件事件格式`, { details: { index, issues } });
}

/** The canonical leaf bytes of an event, or `INVALID_INPUT` for a payload JSON cannot carry exactly. */
function leafBytesOf(event: CaseEvent, index: number): Result<Uint8Array, SanxiangError> {
  try {
    return ok(eventLeafBytes(event));
  } catch (cause) {
    return err(invalidEvent(index, [cause instanceof Error ? cause.message : String(cause)]));
  }
}

/**
 * Checks that `events` continue the case streams whose last `seq` is in `versions`
 * (updated in place): each case's next event must carry `seq` = last + 1.
 */
function checkSequence(events: readonly CaseEvent[], versions: Map<string, number>): Result<true, SanxiangError> {
  for (const [index, e] of events.entries()) {
    const last = versions.get(e.caseId) ?? 0;
    if (e.seq !== last + 1) {
      const kind = e.seq <= last ? "duplicate" : "gap";
      const why = kind === "duplicate" ? `序号 ${e.seq} 已存在` : `缺少序号 ${last + 1}–${e.seq - 1}`;
      return err(
        sanxiangError(
          "EVENT_SEQUENCE_INVALID",
          `案件 ${e.caseId} 的事件序号应为 ${last + 1}，实为 ${e.seq}（${why}）`,
          {
            details: { caseId: e.caseId, expected: last + 1, actual: e.seq, kind, index },
          },
        ),
      );
    }
    versions.set(e.caseId, e.seq);
  }
  return ok(true);
}

/**
 * 审计日志 — the bureau's append-only log of {@link CaseEvent}s over a {@link MerkleLog}.
 * Each case's events form a stream numbered 1, 2, 3, … (`seq`); streams of different cases
 * interleave in the one log. Appends are atomic: a batch with one bad event appends
 * nothing. Signed tree heads ({@link AuditLog.signedTreeHead}) are what the bureau
 * publishes and what every case file (案卷) is proved against.
 */
export class AuditLog {
  readonly #merkle: MerkleLog;
  readonly #entries: AuditLogEntry[] = [];
  readonly #byCase = new Map<string, number[]>();
  readonly #versions = new Map<string, number>();

  private constructor(options: AuditLogOptions) {
    this.#merkle = MerkleLog.create(options.hash === undefined ? {} : { hash: options.hash });
  }

  /** An empty log (in memory; a store adapter persists the entries {@link append} returns). */
  static create(options: AuditLogOptions = {}): AuditLog {
    return new AuditLog(options);
  }

  /**
   * Rebuilds a log from its stored events in log order, recomputing every leaf. Fails like
   * {@link append} on an invalid event or a broken stream. Compare the result's
   * {@link treeHead} with the last signed head (or use {@link verifyLog}) to audit storage.
   */
  static restore(events: readonly CaseEvent[], options: AuditLogOptions = {}): Result<AuditLog, SanxiangError> {
    const log = new AuditLog(options);
    return log.append(events).map(() => log);
  }

  /** Number of events (= leaves). */
  get size(): number {
    return this.#merkle.size;
  }

  /** The hash algorithm of the log. */
  get hashAlgorithm(): HashAlgorithm {
    return this.#merkle.hashAlgorithm;
  }

  /** The last `seq` of a case's stream (0 when the log has no event of it): the expected version. */
  versionOf(caseId: string): number {
    return this.#versions.get(caseId) ?? 0;
  }

  /**
   * 追加 — appends events, in order. Each must pass {@link CaseEventSchema} and continue its
   * case's stream (`seq` = last + 1), else nothing is appended and the result is
   * `INVALID_INPUT` or `EVENT_SEQUENCE_INVALID` (a gap or a duplicate, naming the case and
   * both numbers). Returns the new entries with their leaf indexes and hashes.
   */
  append(events: readonly CaseEvent[]): Result<AuditLogEntry[], SanxiangError> {
    const parsed: { event: CaseEvent; bytes: Uint8Array }[] = [];
    for (const [index, raw] of events.entries()) {
      const r = CaseEventSchema.safeParse(raw);
      if (!r.success)
        return err(
          invalidEvent(
            index,
            r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
          ),
        );
      const bytes = leafBytesOf(r.data, index);
      if (bytes.isErr()) return err(bytes.error);
      parsed.push({ event: copyEvent(r.data), bytes: bytes.value });
    }
    const versions = new Map(this.#versions);
    const seq = checkSequence(
      parsed.map((p) => p.event),
      versions,
    );
    if (seq.isErr()) return err(seq.error);
    const added: AuditLogEntry[] = [];
    for (const { event, bytes } of parsed) {
      const { index, leafHash } = this.#merkle.append(bytes);
      const entry: AuditLogEntry = { event, leafIndex: index, leafHash };
      this.#entries.push(entry);
      const list = this.#byCase.get(event.caseId) ?? [];
      list.push(index);
      this.#byCase.set(event.caseId, list);
      this.#versions.set(event.caseId, event.seq);
      added.push(copyEntry(entry));
    }
    return ok(added);
  }

  /** The entry at leaf `index`, or `undefined` beyond the log. */
  entry(index: number): AuditLogEntry | undefined {
    const e = this.#entries[index];
    return e === undefined ? undefined : copyEntry(e);
  }

  /** Every entry, in log order. */
  entries(): AuditLogEntry[] {
    return this.#entries.map(copyEntry);
  }

  /** The entries of one case, in `seq` order (= log order). */
  entriesOf(caseId: string): AuditLogEntry[] {
    return (this.#byCase.get(caseId) ?? []).map((i) => copyEntry(this.#entries[i] as AuditLogEntry));
  }

  /** The ids of every stream (case, review, disclosure …) in the log, in order of their first event. */
  streamIds(): string[] {
    return [...this.#byCase.keys()];
  }

  /** The first entry of a stream (its `seq` 1), or `undefined` when the log has none. */
  firstEntryOf(streamId: string): AuditLogEntry | undefined {
    const first = this.#byCase.get(streamId)?.[0];
    return first === undefined ? undefined : this.entry(first);
  }

  /** The events of one case, in `seq` order: what a procedure folds into its state. */
  eventsOf(caseId: string): CaseEvent[] {
    return this.entriesOf(caseId).map((e) => e.event);
  }

  /** The current tree head (size, root, hash algorithm). */
  treeHead(): MerkleTreeHead {
    return this.#merkle.treeHead();
  }

  /** The tree head when the log held `size` events; `MERKLE_TREE_SIZE_INVALID` beyond. */
  treeHeadAt(size: number): Result<MerkleTreeHead, SanxiangError> {
    return this.#merkle.treeHeadAt(size);
  }

  /** The inclusion proof of leaf `leafIndex` in the tree of `treeSize` leaves (default: now). */
  inclusionProof(leafIndex: number, treeSize: number = this.size): Result<Uint8Array[], SanxiangError> {
    return this.#merkle.inclusionProof(leafIndex, treeSize);
  }

  /** The consistency proof from the tree of `oldSize` leaves to that of `newSize` (default: now). */
  consistencyProof(oldSize: number, newSize: number = this.size): Result<Uint8Array[], SanxiangError> {
    return this.#merkle.consistencyProof(oldSize, newSize);
  }

  /**
   * 签名树头 — signs the current head for log `logId` at `timestamp` (from the Clock port).
   * Never rejects: `SIGNER_FAILED` or `TREE_HEAD_MALFORMED` come back as `Err`.
   */
  signedTreeHead(signer: Signer, input: TreeHeadSigningInput): ResultAsync<SignedTreeHead, SanxiangError> {
    return signTreeHead(this.treeHead(), input, signer);
  }
}

// Events are JSON (checked by canonicalising them on append), so a JSON round trip is a
// deep copy; core has no structuredClone in its type environment.
function copyEvent(event: CaseEvent): CaseEvent {
  return JSON.parse(JSON.stringify(event)) as CaseEvent;
}

function copyEntry(e: AuditLogEntry): AuditLogEntry {
  return { event: copyEvent(e.event), leafIndex: e.leafIndex, leafHash: e.leafHash.slice() };
}

/** 创建审计日志 — a new, empty {@link AuditLog}. */
export function createAuditLog(options: AuditLogOptions = {}): AuditLog {
  return AuditLog.create(options);
}

/** What {@link verifyLog} checks the events against, besides their own consistency. */
export interface VerifyLogOptions extends AuditLogOptions, VerifyTreeHeadOptions {
  /** The leaf hashes stored beside the events, in the same order: each must match its event. */
  readonly leafHashes?: readonly Uint8Array[];
  /** A signed head the log must agree with (its size may be smaller than the log's). */
  readonly signedTreeHead?: SignedTreeHead;
  /** The bureau's key; required with `signedTreeHead`. */
  readonly key?: VerificationKey;
}

/**
 * 验证审计日志 — recomputes every leaf and the root from the stored events, offline:
 * every event passes its schema, every case's stream runs 1, 2, 3, … without gap or
 * duplicate, every stored leaf hash (`leafHashes`) equals its event's
 * (`EVENT_HASH_MISMATCH`, naming the event), and — given a signed head and the bureau's
 * key — the signature verifies and the root of the first `treeSize` events equals the
 * signed root (`MERKLE_ROOT_MISMATCH`). Changing any byte of any event's canonical JSON
 * changes its leaf and so the root. Returns the recomputed head of the whole log.
 */
export function verifyLog(
  events: readonly CaseEvent[],
  options: VerifyLogOptions = {},
): Result<MerkleTreeHead, SanxiangError> {
  const restored = AuditLog.restore(events, options.hash === undefined ? {} : { hash: options.hash });
  if (restored.isErr()) return err(restored.error);
  const log = restored.value;
  if (options.leafHashes !== undefined) {
    if (options.leafHashes.length !== log.size) {
      return err(
        sanxiangError(
          "EVENT_HASH_MISMATCH",
          `存储的叶子哈希有 ${options.leafHashes.length} 个，事件有 ${log.size} 个`,
          {
            details: { hashes: options.leafHashes.length, events: log.size },
          },
        ),
      );
    }
    for (const [index, stored] of options.leafHashes.entries()) {
      const entry = log.entry(index) as AuditLogEntry;
      if (!bytesEqual(stored, entry.leafHash)) {
        const { caseId, seq } = entry.event;
        return err(
          sanxiangError(
            "EVENT_HASH_MISMATCH",
            `第 ${index} 号叶子（案件 ${caseId} 第 ${seq} 号事件）的哈希与其内容不符`,
            {
              details: { leafIndex: index, caseId, seq },
            },
          ),
        );
      }
    }
  }
  const sth = options.signedTreeHead;
  if (sth !== undefined) {
    if (options.key === undefined) {
      return err(sanxiangError("INVALID_INPUT", "验证签名树头需要机关的公钥", { details: { logId: sth.logId } }));
    }
    const { leafHashes: _h, signedTreeHead: _s, key, hash: _a, ...rest } = options;
    const signed = verifySignedTreeHead(sth, key, { ...rest, hashAlgorithm: log.hashAlgorithm.name });
    if (signed.isErr()) return err(signed.error);
    const head = log.treeHeadAt(sth.treeSize);
    if (head.isErr()) return err(head.error);
    if (!bytesEqual(head.value.rootHash, sth.rootHash)) {
      return err(
        sanxiangError("MERKLE_ROOT_MISMATCH", `前 ${sth.treeSize} 个事件重算的根哈希与签名树头不一致：日志已被改动`, {
          details: { logId: sth.logId, treeSize: sth.treeSize },
        }),
      );
    }
  }
  return ok(log.treeHead());
}

/** The leaf hash of one event under `hash` (default SHA-256): what a verifier recomputes. */
export function eventLeafHash(event: CaseEvent, options: AuditLogOptions = {}): Uint8Array {
  return merkleLeafHash(eventLeafBytes(event), options.hash === undefined ? {} : { hash: options.hash });
}
