// 日志逐件核验 — the per-event half of verifyEventStore: positions dense, every leaf hash
// recomputed, the stream columns equal to the bytes, every stream unbroken, and the Merkle
// root kept running so the root at any size (a signed head's) is at hand. Works on the
// stored bytes (EventStore.readLeaves) or on decoded events (readAll); both end in the same
// checks and the same codes. Internal to the recording module.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import type { HashAlgorithm, HashAlgorithmName } from "../kernel/hash.js";
import { merkleEmptyRoot, merkleLeafHash, merkleNodeHash } from "../kernel/merkle-hash.js";
import type { MerkleTreeHead } from "../kernel/merkle-log.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { err, ok, type Result } from "../kernel/result.js";
import { eventLeafBytes } from "./case-event.js";
import type { StoredEvent, StoredLeaf } from "./event-store.js";

/**
 * The running Merkle root of a log read in order: the right edge (one subtree root per set
 * bit of the size, as {@link MerkleFrontier}), kept in place — one leaf costs one node hash on
 * average and no copies, where the pure `extendMerkleFrontier` copies the frontier per call.
 */
export class RunningMerkleRoot {
  private readonly sizes: number[] = [];
  private readonly nodes: Uint8Array[] = [];
  /** Leaves so far. */
  size = 0;

  // 0x01 ‖ left ‖ right, reused: the hash port reads its input and keeps nothing of it.
  private readonly pair: Uint8Array;

  constructor(private readonly hash: HashAlgorithm) {
    this.pair = new Uint8Array(1 + 2 * hash.outputLength);
    this.pair[0] = 0x01;
  }

  /** Appends one leaf hash (already checked to have the algorithm's length). */
  push(leafHash: Uint8Array): void {
    let size = 1;
    let node = leafHash;
    const n = this.hash.outputLength;
    while (this.sizes.length > 0 && this.sizes[this.sizes.length - 1] === size) {
      this.sizes.pop();
      // = merkleNodeHash(left, node) (RFC 9162 §2.1.1), without a buffer per node.
      this.pair.set(this.nodes.pop() as Uint8Array, 1);
      this.pair.set(node, 1 + n);
      node = this.hash.hash(this.pair);
      size *= 2;
    }
    this.sizes.push(size);
    this.nodes.push(node);
    this.size++;
  }

  /** The tree head of the leaves so far (RFC 9162 §2.1.1: the subtree roots folded right to left). */
  head(): MerkleTreeHead {
    let root = this.nodes.at(-1);
    for (let i = this.nodes.length - 2; i >= 0; i--) {
      root = merkleNodeHash(this.nodes[i] as Uint8Array, root as Uint8Array, { hash: this.hash });
    }
    return {
      treeSize: this.size,
      // A plain Uint8Array copy, whatever the store's buffers or the hash port's output type (Node's Buffer).
      rootHash: new Uint8Array(root ?? merkleEmptyRoot({ hash: this.hash })),
      hashAlgorithm: this.hash.name as HashAlgorithmName,
    };
  }
}

// One shared success: the per-event checks run a million times a night.
const OK: Result<true, SanxiangError> = ok(true);

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const CASE_ID_KEY = ascii(',"caseId":"');
const SEQ_KEY = ascii(',"seq":');
const STAGE_KEY = ascii(',"stage":"');
const TYPE_KEY = ascii(',"type":"');
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  const last = hay.length - needle.length;
  const first = needle[0] as number;
  // The typed array's own indexOf finds the first byte (a builtin, not a loop in JavaScript).
  outer: for (let i = hay.indexOf(first, from); i >= 0 && i <= last; i = hay.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

function lastIndexOfBytes(hay: Uint8Array, needle: Uint8Array): number {
  const first = needle[0] as number;
  outer: for (let i = hay.length - needle.length; i >= 0; i--) {
    if (hay[i] !== first) continue;
    for (let j = 1; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/**
 * The case id, `seq` and type an event's canonical JSON states, read from its bytes without
 * parsing the whole text, or `null` when the bytes are not shaped as one. Sound for canonical
 * JSON of a valid event: keys are sorted (`actor`, `at`, `caseId`, `payload`, `seq`, `stage`,
 * `type`), so the first `,"caseId":"` is the envelope's (nothing before it can hold a quote
 * unescaped: an id, roles, an instant) and the last `,"seq":` is (after it come only the
 * stage and the type, which hold no quote; the type is the last member). Bytes that are not canonical JSON of a valid
 * event fail the leaf-hash check first, unless their leaf hash and the log were rewritten
 * with them — which only a signed head can reveal, and which the projection replay (that
 * parses and schema-checks every event) reports as `STORE_CORRUPT`.
 */
export function envelopeOf(
  bytes: Uint8Array,
): { readonly caseId: string; readonly seq: number; readonly type: string } | null {
  const at = indexOfBytes(bytes, CASE_ID_KEY, 0);
  if (at < 0) return null;
  const start = at + CASE_ID_KEY.length;
  let end = start;
  let caseId = "";
  for (; end < bytes.length && bytes[end] !== QUOTE; end++) {
    const b = bytes[end] as number;
    if (b === BACKSLASH || b >= 0x80) return null; // ids are plain ASCII (IdSchema)
    caseId += String.fromCharCode(b);
  }
  if (end >= bytes.length) return null;
  const s = lastIndexOfBytes(bytes, SEQ_KEY);
  if (s <= end) return null;
  let seq = 0;
  let i = s + SEQ_KEY.length;
  const digits = i;
  for (; i < bytes.length && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39; i++) {
    seq = seq * 10 + ((bytes[i] as number) - 0x30);
  }
  if (i === digits || i - digits > 16 || !Number.isSafeInteger(seq) || indexOfBytes(bytes, STAGE_KEY, i) !== i) {
    return null;
  }
  // The type is the last member: `,"type":"…"}` ends the text (a type holds no quote).
  const t = lastIndexOfBytes(bytes, TYPE_KEY);
  if (t <= i || bytes[bytes.length - 1] !== 0x7d || bytes[bytes.length - 2] !== QUOTE) return null;
  let type = "";
  for (let k = t + TYPE_KEY.length; k < bytes.length - 2; k++) {
    const b = bytes[k] as number;
    if (b === QUOTE || b === BACKSLASH || b >= 0x80) return null;
    type += String.fromCharCode(b);
  }
  return { caseId, seq, type };
}

/** Whether `bytes[at…]` holds exactly `text`'s characters, each plain ASCII other than a quote or a backslash. */
function asciiAt(bytes: Uint8Array, at: number, text: string): boolean {
  if (typeof text !== "string" || at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) {
    const b = bytes[at + k] as number;
    if (b === QUOTE || b === BACKSLASH || b >= 0x80 || b !== text.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Whether {@link envelopeOf}`(bytes)` is exactly `{ caseId, seq, type }`, found by comparing
 * the columns with the bytes in place (no string is built: this runs once an event).
 */
export function envelopeMatches(bytes: Uint8Array, caseId: string, seq: number, type: string): boolean {
  const at = indexOfBytes(bytes, CASE_ID_KEY, 0);
  if (at < 0) return false;
  const start = at + CASE_ID_KEY.length;
  if (!asciiAt(bytes, start, caseId)) return false;
  const end = start + caseId.length;
  if (bytes[end] !== QUOTE) return false;
  const s = lastIndexOfBytes(bytes, SEQ_KEY);
  if (s <= end) return false;
  let value = 0;
  let i = s + SEQ_KEY.length;
  const digits = i;
  for (; i < bytes.length && (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39; i++) {
    value = value * 10 + ((bytes[i] as number) - 0x30);
  }
  if (i === digits || i - digits > 16 || !Number.isSafeInteger(value) || value !== seq) return false;
  if (indexOfBytes(bytes, STAGE_KEY, i) !== i) return false;
  const t = lastIndexOfBytes(bytes, TYPE_KEY);
  const n = bytes.length;
  if (t <= i || bytes[n - 1] !== 0x7d || bytes[n - 2] !== QUOTE) return false;
  const typeAt = t + TYPE_KEY.length;
  return typeof type === "string" && typeAt + type.length === n - 2 && asciiAt(bytes, typeAt, type);
}

/**
 * The per-event checks, fed in log order from either read path. Each method returns the
 * first problem as a coded error; after an error the checker is not used again.
 */
export class LogChecker {
  readonly root: RunningMerkleRoot;
  private readonly versions = new Map<string, number>();
  private last = 0;

  constructor(private readonly hash: HashAlgorithm) {
    this.root = new RunningMerkleRoot(hash);
  }

  /** The last position checked (= events checked). */
  get position(): number {
    return this.last;
  }

  /** Distinct streams seen. */
  get cases(): number {
    return this.versions.size;
  }

  /** One stored leaf (the fast path): hash of the stored bytes, columns against the bytes. */
  leaf(leaf: StoredLeaf): Result<true, SanxiangError> {
    const at = this.nextPosition(leaf.position);
    if (at.isErr()) return at;
    const hashed = this.checkLeafHash(leaf.leafHash, leaf.bytes, leaf.position, leaf.caseId, leaf.seq);
    if (hashed.isErr()) return hashed;
    if (envelopeMatches(leaf.bytes, leaf.caseId, leaf.seq, leaf.type)) {
      return this.stream(leaf.caseId, leaf.seq, leaf.position, leaf.leafHash);
    }
    // Only on a mismatch: read what the bytes say, to name it.
    const envelope = envelopeOf(leaf.bytes);
    if (envelope === null) {
      return err(
        sanxiangError("STORE_CORRUPT", `第 ${leaf.position} 号事件的存储内容不是规范的案件事件`, {
          details: { position: leaf.position },
        }),
      );
    }
    if (envelope.caseId !== leaf.caseId || envelope.seq !== leaf.seq || envelope.type !== leaf.type) {
      return err(
        sanxiangError("STORE_CORRUPT", `第 ${leaf.position} 号事件的内容与其案件编号、序号或类型列不一致`, {
          details: {
            position: leaf.position,
            columns: { caseId: leaf.caseId, seq: leaf.seq, type: leaf.type },
            event: { caseId: envelope.caseId, seq: envelope.seq, type: envelope.type },
          },
        }),
      );
    }
    return this.stream(envelope.caseId, envelope.seq, leaf.position, leaf.leafHash);
  }

  /** One decoded event (the fallback): its canonical bytes hashed (the store checked its columns when decoding). */
  event(stored: StoredEvent): Result<true, SanxiangError> {
    const at = this.nextPosition(stored.position);
    if (at.isErr()) return at;
    const { caseId, seq } = stored.event;
    const hashed = this.checkLeafHash(stored.leafHash, eventLeafBytes(stored.event), stored.position, caseId, seq);
    if (hashed.isErr()) return hashed;
    return this.stream(caseId, seq, stored.position, stored.leafHash);
  }

  // 0x00 ‖ bytes in a reused buffer: = merkleLeafHash(bytes) (RFC 9162 §2.1.1) without
  // allocating a copy of every event; a larger event grows it, a huge one is streamed.
  private scratch = new Uint8Array(4096);

  private leafHash(bytes: Uint8Array): Uint8Array {
    if (bytes.length >= 1 << 20) return merkleLeafHash(bytes, { hash: this.hash });
    if (bytes.length + 1 > this.scratch.length) this.scratch = new Uint8Array(2 * (bytes.length + 1));
    this.scratch.set(bytes, 1);
    return this.hash.hash(this.scratch.subarray(0, bytes.length + 1));
  }

  private nextPosition(position: number): Result<true, SanxiangError> {
    const expected = this.last + 1;
    if (position !== expected) {
      return err(
        sanxiangError("STORE_CORRUPT", `应读到第 ${expected} 号事件，读到第 ${position} 号`, {
          details: { expected, actual: position },
        }),
      );
    }
    return OK;
  }

  private checkLeafHash(
    stored: Uint8Array,
    bytes: Uint8Array,
    position: number,
    caseId: string,
    seq: number,
  ): Result<true, SanxiangError> {
    if (!(stored instanceof Uint8Array) || stored.length !== this.hash.outputLength) {
      return err(sanxiangError("STORE_CORRUPT", `第 ${position} 号事件的叶子哈希长度错误`, { details: { position } }));
    }
    if (!bytesEqual(this.leafHash(bytes), stored)) {
      return err(
        sanxiangError("EVENT_HASH_MISMATCH", `第 ${position} 号事件（案件 ${caseId} 第 ${seq} 号）的内容与其哈希不符`, {
          details: { position, caseId, seq },
        }),
      );
    }
    return OK;
  }

  private stream(caseId: string, seq: number, position: number, leafHash: Uint8Array): Result<true, SanxiangError> {
    const last = this.versions.get(caseId) ?? 0;
    if (seq !== last + 1) {
      return err(
        sanxiangError("EVENT_SEQUENCE_INVALID", `案件 ${caseId} 的事件序号应为 ${last + 1}，实为 ${seq}`, {
          details: { caseId, expected: last + 1, actual: seq, position },
        }),
      );
    }
    this.versions.set(caseId, seq);
    this.root.push(leafHash);
    this.last = position;
    return OK;
  }
}
