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
 * average and no allocation, where the pure `extendMerkleFrontier` copies the frontier per
 * call. The edge lives in one buffer, level k (a subtree of 2^k leaves) at `k × n`: a level
 * holds a root exactly when bit k of the size is set. With a hash port that has
 * `hashInto`, node hashes are written straight into it.
 */
export class RunningMerkleRoot {
  /** Leaves so far. */
  size = 0;

  // One buffer: 0x01 ‖ left ‖ right (the node hash's input), the carry (the node being
  // merged up), then the edge's levels. The hash port reads its input and keeps nothing.
  private readonly buffer: Uint8Array;
  private readonly pair: Uint8Array;
  // The carry (the node just made), a view made once: recording a node copies it natively.
  private readonly carry: Uint8Array;
  private readonly n: number;
  private readonly carryAt: number;
  private readonly edgeAt: number;

  constructor(private readonly hash: HashAlgorithm) {
    const n = hash.outputLength;
    this.n = n;
    this.carryAt = 1 + 2 * n;
    this.edgeAt = this.carryAt + n;
    // 2^64 leaves would need 64 levels: far beyond any safe count.
    this.buffer = new Uint8Array(this.edgeAt + 64 * n);
    this.buffer[0] = 0x01;
    this.pair = this.buffer.subarray(0, 1 + 2 * n);
    this.carry = this.buffer.subarray(this.carryAt, this.edgeAt);
  }

  /**
   * 记录子树 — when on, every interior node the pushes complete is kept (its hash, by level)
   * until {@link RunningMerkleRoot.takeNodes}: what a verifier compares with the store's
   * stored subtrees (`readMerkleNodes`). Between two takes, the nodes completed at one level
   * are consecutive (a level-k node completes every 2^k leaves), so a level is kept as a run —
   * its first index, its count and its hashes end to end — with no object a node.
   */
  recordNodes = false;
  private readonly runFirst: number[] = [];
  private readonly runCount: number[] = [];
  private readonly runHashes: Uint8Array[] = [];
  private recordedTotal = 0;

  /** Nodes recorded since the last {@link RunningMerkleRoot.takeNodes}. */
  get recordedNodes(): number {
    return this.recordedTotal;
  }

  /**
   * The nodes recorded since the last call, one run a level in increasing level (level ≥ 1:
   * `count` nodes from `first`, their hashes end to end), and forgets them. The hashes are
   * views into buffers the next pushes overwrite: compare them before pushing again.
   */
  takeNodes(): readonly {
    readonly level: number;
    readonly first: number;
    readonly count: number;
    readonly hashes: Uint8Array;
  }[] {
    const runs: { level: number; first: number; count: number; hashes: Uint8Array }[] = [];
    for (let level = 1; level < this.runCount.length; level++) {
      const count = this.runCount[level] ?? 0;
      if (count === 0) continue;
      runs.push({
        level,
        first: this.runFirst[level] as number,
        count,
        hashes: (this.runHashes[level] as Uint8Array).subarray(0, count * this.n),
      });
      this.runCount[level] = 0;
    }
    this.recordedTotal = 0;
    return runs;
  }

  private record(level: number, index: number): void {
    const { n } = this;
    while (this.runCount.length <= level) {
      this.runCount.push(0);
      this.runFirst.push(0);
      this.runHashes.push(new Uint8Array(0));
    }
    const count = this.runCount[level] as number;
    if (count === 0) this.runFirst[level] = index;
    let hashes = this.runHashes[level] as Uint8Array;
    if ((count + 1) * n > hashes.length) {
      const grown = new Uint8Array(Math.max(64 * n, 2 * hashes.length));
      grown.set(hashes.subarray(0, count * n));
      hashes = grown;
      this.runHashes[level] = grown;
    }
    hashes.set(this.carry, count * n);
    this.runCount[level] = count + 1;
    this.recordedTotal++;
  }

  /** Appends one leaf hash (already checked to have the algorithm's length). */
  push(leafHash: Uint8Array): void {
    const { buffer, n, carryAt, edgeAt } = this;
    buffer.set(leafHash, carryAt);
    let level = 0;
    // Merge while the level is taken (bit `level` of the size set): = merkleNodeHash(left, carry), RFC 9162 §2.1.1.
    for (let rest = this.size; rest % 2 === 1; rest = (rest - 1) / 2, level++) {
      buffer.copyWithin(1, edgeAt + level * n, edgeAt + (level + 1) * n);
      buffer.copyWithin(1 + n, carryAt, carryAt + n);
      if (this.hash.hashInto !== undefined) this.hash.hashInto(this.pair, buffer, carryAt);
      else buffer.set(this.hash.hash(this.pair), carryAt);
      // The node just made: level + 1, covering the 2^(level+1) leaves ending with this one.
      if (this.recordNodes) this.record(level + 1, Math.floor(this.size / 2 ** (level + 1)));
    }
    buffer.copyWithin(edgeAt + level * n, carryAt, carryAt + n);
    this.size++;
  }

  /** The tree head of the leaves so far (RFC 9162 §2.1.1: the subtree roots folded right to left). */
  head(): MerkleTreeHead {
    const { buffer, n, edgeAt } = this;
    let root: Uint8Array | undefined;
    // From the smallest subtree (the lowest set bit) up to the largest.
    for (let rest = this.size, level = 0; rest > 0; rest = Math.floor(rest / 2), level++) {
      if (rest % 2 === 0) continue;
      const node = buffer.slice(edgeAt + level * n, edgeAt + (level + 1) * n);
      root = root === undefined ? node : merkleNodeHash(node, root, { hash: this.hash });
    }
    return {
      treeSize: this.size,
      // A plain Uint8Array copy, whatever the hash port's output type (Node's Buffer).
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
const COMMA = 0x2c;
const CLOSE_BRACE = 0x7d;

/** Whether `key` lies at `bytes[at…]`. */
function keyAt(bytes: Uint8Array, at: number, key: Uint8Array): boolean {
  if (at < 0 || at + key.length > bytes.length) return false;
  for (let j = 0; j < key.length; j++) if (bytes[at + j] !== key[j]) return false;
  return true;
}

/** Where the first `,"caseId":"` lies, or −1 (a plain loop: it lies some 80 bytes in). */
function firstCaseIdKey(bytes: Uint8Array): number {
  const last = bytes.length - CASE_ID_KEY.length;
  for (let i = 0; i <= last; i++) {
    if (bytes[i] !== COMMA) continue;
    let j = 1;
    while (j < CASE_ID_KEY.length && bytes[i + j] === CASE_ID_KEY[j]) j++;
    if (j === CASE_ID_KEY.length) return i;
  }
  return -1;
}

/**
 * The envelope's tail read backwards from where the type's value starts (`typeAt`, just after
 * `,"type":"`): `,"seq":<1–16 digits>,"stage":"<stage>"` must end right before that key, the
 * stage's value holding no quote, backslash or non-ASCII byte. Returns where `,"seq":` lies,
 * or −1.
 */
function seqKeyBefore(bytes: Uint8Array, typeAt: number): number {
  const t = typeAt - TYPE_KEY.length;
  if (!keyAt(bytes, t, TYPE_KEY) || bytes[t - 1] !== QUOTE) return -1;
  let j = t - 2;
  for (; j >= 0; j--) {
    const b = bytes[j] as number;
    if (b === QUOTE) break;
    if (b === BACKSLASH || b >= 0x80) return -1;
  }
  const stageAt = j - STAGE_KEY.length + 1;
  if (j < 0 || !keyAt(bytes, stageAt, STAGE_KEY)) return -1;
  let d = stageAt - 1;
  while (d >= 0 && (bytes[d] as number) >= 0x30 && (bytes[d] as number) <= 0x39) d--;
  const digits = stageAt - 1 - d;
  if (digits === 0 || digits > 16) return -1;
  const s = d + 1 - SEQ_KEY.length;
  return keyAt(bytes, s, SEQ_KEY) ? s : -1;
}

/** The value of the digits after `,"seq":` at `s` (checked by {@link seqKeyBefore}). */
function seqAfter(bytes: Uint8Array, s: number): number {
  let value = 0;
  for (let i = s + SEQ_KEY.length; (bytes[i] as number) >= 0x30 && (bytes[i] as number) <= 0x39; i++) {
    value = value * 10 + ((bytes[i] as number) - 0x30);
  }
  return value;
}

/**
 * The case id, `seq` and type an event's canonical JSON states, read from its bytes without
 * parsing the whole text, or `null` when the bytes are not shaped as one. Sound for canonical
 * JSON of a valid event: keys are sorted (`actor`, `at`, `caseId`, `payload`, `seq`, `stage`,
 * `type`), so the text ends with `,"seq":<n>,"stage":"<stage>","type":"<type>"}` (a stage
 * and a type hold no quote: read backwards from the end, no search), and the first
 * `,"caseId":"` is the envelope's (nothing before it can hold a quote unescaped: an id,
 * roles, an instant). Bytes that are not canonical JSON of a valid event fail the leaf-hash
 * check first, unless their leaf hash and the log were rewritten with them — which only a
 * signed head can reveal, and which the projection replay (that parses and schema-checks
 * every event) reports as `STORE_CORRUPT`.
 */
export function envelopeOf(
  bytes: Uint8Array,
): { readonly caseId: string; readonly seq: number; readonly type: string } | null {
  const n = bytes.length;
  if (n < 2 || bytes[n - 1] !== CLOSE_BRACE || bytes[n - 2] !== QUOTE) return null;
  // The type's value: back from its closing quote to its opening one.
  let k = n - 3;
  for (; k >= 0 && bytes[k] !== QUOTE; k--) {
    const b = bytes[k] as number;
    if (b === BACKSLASH || b >= 0x80) return null;
  }
  if (k < 0) return null;
  const s = seqKeyBefore(bytes, k + 1);
  if (s < 0) return null;
  const seq = seqAfter(bytes, s);
  if (!Number.isSafeInteger(seq)) return null;
  const at = firstCaseIdKey(bytes);
  if (at < 0) return null;
  let caseId = "";
  let end = at + CASE_ID_KEY.length;
  for (; end < s && bytes[end] !== QUOTE; end++) {
    const b = bytes[end] as number;
    if (b === BACKSLASH || b >= 0x80) return null; // ids are plain ASCII (IdSchema)
    caseId += String.fromCharCode(b);
  }
  if (end >= s) return null;
  let type = "";
  for (let i = k + 1; i < n - 2; i++) type += String.fromCharCode(bytes[i] as number);
  return { caseId, seq, type };
}

/** Whether `bytes[at…]` holds exactly `text`'s characters, each plain ASCII other than a quote or a backslash. */
function asciiAt(bytes: Uint8Array, at: number, text: string): boolean {
  if (at < 0 || at + text.length > bytes.length) return false;
  for (let k = 0; k < text.length; k++) {
    const b = bytes[at + k] as number;
    if (b === QUOTE || b === BACKSLASH || b >= 0x80 || b !== text.charCodeAt(k)) return false;
  }
  return true;
}

/**
 * Whether {@link envelopeOf}`(bytes)` is exactly `{ caseId, seq, type }`, found by comparing
 * the columns with the bytes in place (no string is built: this runs once an event). The
 * type column tells where the tail starts, so only the case id's key is searched for.
 */
export function envelopeMatches(bytes: Uint8Array, caseId: string, seq: number, type: string): boolean {
  if (typeof caseId !== "string" || typeof type !== "string") return false;
  const n = bytes.length;
  if (n < 2 || bytes[n - 1] !== CLOSE_BRACE || bytes[n - 2] !== QUOTE) return false;
  const typeAt = n - 2 - type.length;
  // The type's characters hold no quote: the opening quote envelopeOf finds is the one before them.
  if (!asciiAt(bytes, typeAt, type)) return false;
  const s = seqKeyBefore(bytes, typeAt);
  if (s < 0 || seqAfter(bytes, s) !== seq) return false;
  const at = firstCaseIdKey(bytes);
  if (at < 0) return false;
  const start = at + CASE_ID_KEY.length;
  return start + caseId.length < s && asciiAt(bytes, start, caseId) && bytes[start + caseId.length] === QUOTE;
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
    this.leafOut = new Uint8Array(hash.outputLength);
  }

  /** The last position checked (= events checked). */
  get position(): number {
    return this.last;
  }

  /** Distinct streams seen. */
  get cases(): number {
    return this.versions.size;
  }

  /** The ids of the streams seen. */
  streamIds(): IterableIterator<string> {
    return this.versions.keys();
  }

  /** The last `seq` of a stream seen (0 for a stream not seen). */
  lastSeq(caseId: string): number {
    return this.versions.get(caseId) ?? 0;
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

  // Views of the scratch by input length (at most its length: bounded, dropped when it grows).
  private inputs: Uint8Array[] = [];

  // The leaf hash written in place (hash ports with hashInto): no array per event.
  private readonly leafOut: Uint8Array;

  /** Whether the leaf hash of `bytes` is `stored` (which has the algorithm's length). */
  private leafMatches(bytes: Uint8Array, stored: Uint8Array): boolean {
    if (bytes.length >= 1 << 20) return bytesEqual(merkleLeafHash(bytes, { hash: this.hash }), stored);
    if (bytes.length + 1 > this.scratch.length) {
      this.scratch = new Uint8Array(2 * (bytes.length + 1));
      this.inputs = [];
    }
    this.scratch.set(bytes, 1);
    // The view of the scratch an input length needs, made once a length (events of one
    // type are often of one length): no view allocated an event.
    let input = this.inputs[bytes.length];
    if (input === undefined) {
      input = this.scratch.subarray(0, bytes.length + 1);
      this.inputs[bytes.length] = input;
    }
    if (this.hash.hashInto === undefined) return bytesEqual(this.hash.hash(input), stored);
    const out = this.leafOut;
    this.hash.hashInto(input, out, 0);
    for (let i = 0; i < out.length; i++) if (out[i] !== stored[i]) return false;
    return true;
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
    if (!this.leafMatches(bytes, stored)) {
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
