// 签名树头 — signed tree heads: a bureau's signed statement "my log (logId) had treeSize
// leaves with this root at this time". Modelled on RFC 6962 §3.5 / RFC 9162 §4.10: a
// fixed, versioned binary serialisation is what is signed; the JSON form carries it.
// The byte layout is written down in docs/signing.md; change it only with a new version.
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { describeValue, isUint8Array, safeParse } from "./describe-value.js";
import { type SanxiangError, sanxiangError } from "./errors.js";
import { fromHex, HashAlgorithmNameSchema, hashAlgorithm, toHex } from "./hash.js";
import type { MerkleTreeHead } from "./merkle-log.js";
import { IdSchema } from "./ports.js";
import { err, ok, type Result, ResultAsync } from "./result.js";
import { BytesSchema, callSigner, SignatureAlgorithmSchema, type Signer, type VerificationKey } from "./signer.js";
import { type VerifySignatureOptions, verifierFor } from "./signer-verify.js";
import { epochMillis, type Instant, InstantSchema, instantFromEpochMillis } from "./time.js";

/** The serialisation version this code writes and reads. */
export const TREE_HEAD_VERSION = 1;
/** Domain-separation prefix of the signed bytes: ASCII `sanxiang/tree-head` (18 bytes). */
export const TREE_HEAD_CONTEXT = "sanxiang/tree-head";

const CONTEXT_BYTES = utf8ToBytes(TREE_HEAD_CONTEXT);
const SIGNATURE_CODES = { ed25519: 1, sm2: 2 } as const;
const HASH_CODES = { sha256: 1, sm3: 2 } as const;
const TWO_32 = 2 ** 32;

/** An instant written as {@link instantFromEpochMillis} writes it, at or after 1970. */
const CanonicalInstantSchema = InstantSchema.refine((t) => epochMillis(t) >= 0, {
  message: "expected an instant at or after 1970-01-01T00:00:00Z",
}).refine((t) => instantFromEpochMillis(epochMillis(t)) === t, {
  message: "expected the canonical form (no trailing zero milliseconds)",
});

const statementShape = {
  /** Serialisation version, {@link TREE_HEAD_VERSION}. */
  version: z.literal(TREE_HEAD_VERSION),
  /** 日志标识 — the log's id, normally the bureau's (an {@link IdSchema} identifier, ASCII). */
  logId: IdSchema,
  /** Number of leaves (0 … 2^53 − 1). */
  treeSize: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** Merkle Tree Hash of those leaves. */
  rootHash: BytesSchema,
  /** Hash algorithm of the log. */
  hashAlgorithm: HashAlgorithmNameSchema,
  /** When the head was signed (UTC, millisecond precision, canonical form). */
  timestamp: CanonicalInstantSchema,
  /** Signature algorithm — signed too, so a signature cannot be re-labelled. */
  signatureAlgorithm: SignatureAlgorithmSchema,
};

const rootLengthMatches = (v: { rootHash: Uint8Array; hashAlgorithm: "sha256" | "sm3" }): boolean =>
  hashAlgorithm(v.hashAlgorithm)
    .map((h) => h.outputLength === v.rootHash.length)
    .unwrapOr(false);
const rootLengthIssue = { message: "rootHash length does not match hashAlgorithm", path: ["rootHash"] };

/** 树头声明 — the fields of a tree head that are signed (zod schema). */
export const TreeHeadStatementSchema = z.object(statementShape).refine(rootLengthMatches, rootLengthIssue).readonly();
/** 树头声明 — see {@link TreeHeadStatementSchema}. */
export type TreeHeadStatement = z.infer<typeof TreeHeadStatementSchema>;

/** 签名树头 — a tree head statement with its signature (zod schema; bytes as `Uint8Array`). */
export const SignedTreeHeadSchema = z
  .object({
    ...statementShape,
    /** Key id of the signer ({@link Signer.keyId}): a hint for picking the key, not signed. */
    keyId: z.string().min(1).max(255),
    /** The signature over {@link serializeTreeHead} of the statement. */
    signature: BytesSchema,
  })
  .refine(rootLengthMatches, rootLengthIssue)
  .readonly();
/** 签名树头 — see {@link SignedTreeHeadSchema}. */
export type SignedTreeHead = z.infer<typeof SignedTreeHeadSchema>;

const HexSchema = z.string().regex(/^(?:[0-9a-f]{2})+$/, { message: "expected lower-case hex" });

/**
 * 签名树头 JSON form (zod schema): the same fields, `rootHash` and `signature` as
 * lower-case hex (hex, like every hash the SDK prints, so it can be compared with
 * `sha256sum` / `gmssl sm3` output by eye).
 */
export const SignedTreeHeadJsonSchema = z
  .object({
    ...statementShape,
    rootHash: HexSchema,
    keyId: z.string().min(1).max(255),
    signature: HexSchema,
  })
  .readonly();
/** JSON form of a {@link SignedTreeHead} (see {@link SignedTreeHeadJsonSchema}). */
export type SignedTreeHeadJson = z.infer<typeof SignedTreeHeadJsonSchema>;

function malformed(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("TREE_HEAD_MALFORMED", message, { details });
}

function issuesOf(error: {
  readonly issues: readonly { readonly path: PropertyKey[]; readonly message: string }[];
}): string[] {
  return error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
}

/** Writes a safe non-negative integer as uint64 big-endian (no 32-bit bit operations). */
function putUint64(view: DataView, at: number, n: number): void {
  view.setUint32(at, Math.floor(n / TWO_32));
  view.setUint32(at + 4, n % TWO_32);
}

/**
 * 树头序列化 — the canonical bytes of a tree head statement, the exact input of the
 * signature (layout in docs/signing.md): context, version, signature and hash algorithm
 * codes, length-prefixed log id, uint64 timestamp (ms), uint64 tree size, length-prefixed
 * root hash. Injective: fixed-width fields and length prefixes, so different statements
 * give different bytes. `TREE_HEAD_MALFORMED` when the statement fails its schema.
 */
export function serializeTreeHead(statement: TreeHeadStatement): Result<Uint8Array, SanxiangError> {
  const parsed = TreeHeadStatementSchema.safeParse(statement);
  if (!parsed.success) return err(malformed("树头字段无效", { issues: issuesOf(parsed.error) }));
  const s = parsed.data;
  const logId = utf8ToBytes(s.logId);
  const out = new Uint8Array(CONTEXT_BYTES.length + 4 + logId.length + 16 + 1 + s.rootHash.length);
  const view = new DataView(out.buffer);
  let at = 0;
  out.set(CONTEXT_BYTES, at);
  at += CONTEXT_BYTES.length;
  out[at++] = s.version;
  out[at++] = SIGNATURE_CODES[s.signatureAlgorithm];
  out[at++] = HASH_CODES[s.hashAlgorithm];
  out[at++] = logId.length;
  out.set(logId, at);
  at += logId.length;
  putUint64(view, at, epochMillis(s.timestamp));
  putUint64(view, at + 8, s.treeSize);
  at += 16;
  out[at++] = s.rootHash.length;
  out.set(s.rootHash, at);
  return ok(out);
}

/**
 * Reads bytes written by {@link serializeTreeHead} back into a statement — the inverse
 * that shows the encoding is unambiguous, and what a verifier in another language
 * mirrors. `TREE_HEAD_MALFORMED` on any deviation (wrong context, version or code,
 * truncated or trailing bytes, a value outside its range).
 */
export function parseTreeHeadBytes(bytes: Uint8Array): Result<TreeHeadStatement, SanxiangError> {
  if (!isUint8Array(bytes))
    return err(malformed(`树头字节无效：应为字节数组（Uint8Array），实为 ${describeValue(bytes)}`));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (why: string) => err(malformed(`树头字节无效：${why}`, { length: bytes.length }));
  const c = CONTEXT_BYTES.length;
  if (bytes.length < c + 4 || !CONTEXT_BYTES.every((b: number, i: number) => bytes[i] === b)) return fail("前缀不符");
  const [version, sig, hash, idLength] = [bytes[c], bytes[c + 1], bytes[c + 2], bytes[c + 3]] as number[];
  const signatureAlgorithm = (Object.keys(SIGNATURE_CODES) as (keyof typeof SIGNATURE_CODES)[]).find(
    (k) => SIGNATURE_CODES[k] === sig,
  );
  const hashName = (Object.keys(HASH_CODES) as (keyof typeof HASH_CODES)[]).find((k) => HASH_CODES[k] === hash);
  if (version !== TREE_HEAD_VERSION || signatureAlgorithm === undefined || hashName === undefined) {
    return fail("版本或算法代码未知");
  }
  let at = c + 4 + (idLength ?? 0);
  if (bytes.length < at + 17) return fail("长度不足");
  // Log ids are ASCII (IdSchema, checked below), so bytes map one-to-one to characters.
  const logId = String.fromCharCode(...bytes.subarray(c + 4, at));
  const uint64 = (o: number): number => view.getUint32(o) * TWO_32 + view.getUint32(o + 4);
  const ms = uint64(at);
  const treeSize = uint64(at + 8);
  at += 16;
  const rootLength = bytes[at++] as number;
  if (bytes.length !== at + rootLength) return fail("长度不符");
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(treeSize)) return fail("数值超出范围");
  let timestamp: Instant;
  try {
    timestamp = instantFromEpochMillis(ms);
  } catch {
    return fail("时间超出范围");
  }
  const statement = {
    version: TREE_HEAD_VERSION,
    logId,
    treeSize,
    rootHash: bytes.slice(at),
    hashAlgorithm: hashName,
    timestamp,
    signatureAlgorithm,
  } as const;
  const parsed = TreeHeadStatementSchema.safeParse(statement);
  return parsed.success ? ok(parsed.data) : err(malformed("树头字段无效", { issues: issuesOf(parsed.error) }));
}

/** What {@link signTreeHead} adds to a Merkle tree head. */
export interface TreeHeadSigningInput {
  /** 日志标识 — the log's id, normally the bureau's. */
  readonly logId: string;
  /** When the head is signed: from the Clock port, never read here. */
  readonly timestamp: Instant;
}

/**
 * 签名树头 — signs `head` (from {@link MerkleLog.treeHead}) for log `logId` at `timestamp`
 * with `signer`. The timestamp is kept at millisecond precision in canonical form.
 * Resolves to `Err` — never rejects — with `TREE_HEAD_MALFORMED` for a bad head, log id or
 * timestamp, and `SIGNER_FAILED` when the signer fails.
 */
export function signTreeHead(
  head: MerkleTreeHead,
  input: TreeHeadSigningInput,
  signer: Signer,
): ResultAsync<SignedTreeHead, SanxiangError> {
  const timestamp = InstantSchema.safeParse(input.timestamp).success
    ? instantFromEpochMillis(epochMillis(input.timestamp))
    : input.timestamp;
  const statement: TreeHeadStatement = {
    version: TREE_HEAD_VERSION,
    logId: input.logId,
    treeSize: head.treeSize,
    rootHash: head.rootHash.slice(),
    hashAlgorithm: head.hashAlgorithm,
    timestamp,
    signatureAlgorithm: signer.algorithm,
  };
  const bytes = serializeTreeHead(statement);
  if (bytes.isErr()) return new ResultAsync(Promise.resolve(err(bytes.error)));
  return new ResultAsync(callSigner(signer, bytes.value)).map(
    (signature): SignedTreeHead => ({ ...statement, keyId: signer.keyId, signature }),
  );
}

/** Options of {@link verifySignedTreeHead}. */
export interface VerifyTreeHeadOptions extends VerifySignatureOptions {
  /** The hash algorithm the verifier's log uses; a head of another is refused. */
  readonly hashAlgorithm?: "sha256" | "sm3";
}

/**
 * 验证签名树头 — checks a signed tree head against the bureau's published key, offline.
 * Errors: `TREE_HEAD_MALFORMED` (fails its schema), `SIGNATURE_ALGORITHM_UNSUPPORTED`
 * (key of an unknown algorithm), `TREE_HEAD_ALGORITHM_MISMATCH` (signature algorithm not
 * the key's, or hash algorithm not `options.hashAlgorithm`), `SIGNING_KEY_INVALID`,
 * `SIGNATURE_INVALID` (any changed byte of the statement or the signature).
 */
export function verifySignedTreeHead(
  sth: SignedTreeHead,
  key: VerificationKey,
  options: VerifyTreeHeadOptions = {},
): Result<true, SanxiangError> {
  const parsed = SignedTreeHeadSchema.safeParse(sth);
  if (!parsed.success) return err(malformed("签名树头字段无效", { issues: issuesOf(parsed.error) }));
  const h = parsed.data;
  const verifier = verifierFor(key.algorithm, options);
  if (verifier.isErr()) return err(verifier.error);
  const mismatch = (what: string, expected: string, actual: string) =>
    err(
      sanxiangError("TREE_HEAD_ALGORITHM_MISMATCH", `签名树头的${what}为 ${actual}，应为 ${expected}`, {
        details: { expected, actual, logId: h.logId, treeSize: h.treeSize },
      }),
    );
  if (h.signatureAlgorithm !== key.algorithm) return mismatch("签名算法", key.algorithm, h.signatureAlgorithm);
  if (options.hashAlgorithm !== undefined && options.hashAlgorithm !== h.hashAlgorithm) {
    return mismatch("哈希算法", options.hashAlgorithm, h.hashAlgorithm);
  }
  const { keyId: _keyId, signature, ...statement } = h;
  return serializeTreeHead(statement).andThen((bytes) => verifier.value.verify(bytes, signature, key.publicKey));
}

/** The JSON form of a signed tree head (hex bytes); parse it back with {@link signedTreeHeadFromJson}. */
export function signedTreeHeadToJson(sth: SignedTreeHead): SignedTreeHeadJson {
  return { ...sth, rootHash: toHex(sth.rootHash), signature: toHex(sth.signature) };
}

/**
 * Parses the JSON form (an object, e.g. from `JSON.parse`) of a signed tree head, or
 * `TREE_HEAD_MALFORMED`. Does not verify the signature: call {@link verifySignedTreeHead}.
 */
export function signedTreeHeadFromJson(value: unknown): Result<SignedTreeHead, SanxiangError> {
  const json = safeParse(SignedTreeHeadJsonSchema, value);
  if (!json.success) return err(malformed("签名树头 JSON 无效", { issues: issuesOf(json.error) }));
  const rootHash = fromHex(json.data.rootHash);
  const signature = fromHex(json.data.signature);
  if (rootHash.isErr() || signature.isErr()) return err(malformed("签名树头 JSON 的十六进制字段无效"));
  const parsed = SignedTreeHeadSchema.safeParse({
    ...json.data,
    rootHash: rootHash.value,
    signature: signature.value,
  });
  return parsed.success ? ok(parsed.data) : err(malformed("签名树头字段无效", { issues: issuesOf(parsed.error) }));
}

/**
 * 签名树头保存规则 — what an event store does with a signed tree head it is asked to keep,
 * given the log's size and the head it already keeps for that size (if any): a head beyond
 * the log is `MERKLE_TREE_SIZE_INVALID`; a different root (or hash algorithm) for a kept size
 * is `TREE_HEAD_CONFLICT` (one log never has two roots of one size); the same root signed
 * later (a re-signing) `replace`s the kept head — the store checks no signature, so
 * `signAndSaveTreeHead` first refuses a head of another key than the kept one's; signed at the same time or earlier it is
 * `keep` (nothing changes); a new size is `insert`. Stores apply the answer in the same
 * transaction as the read; the PostgreSQL adapter states the same rule as one SQL upsert, and
 * the conformance suite holds every store to it.
 */
export function signedTreeHeadSaveAction(
  head: SignedTreeHead,
  logSize: number,
  kept: SignedTreeHead | undefined,
): Result<"insert" | "replace" | "keep", SanxiangError> {
  if (head.treeSize > logSize) {
    return err(
      sanxiangError("MERKLE_TREE_SIZE_INVALID", `签名树头的大小 ${head.treeSize} 超出日志的 ${logSize} 个事件`, {
        details: { treeSize: head.treeSize, size: logSize },
      }),
    );
  }
  if (kept === undefined) return ok("insert");
  if (kept.hashAlgorithm !== head.hashAlgorithm || toHex(kept.rootHash) !== toHex(head.rootHash)) {
    return err(
      sanxiangError("TREE_HEAD_CONFLICT", `已保存大小为 ${head.treeSize} 而根哈希不同的签名树头`, {
        details: { treeSize: head.treeSize },
      }),
    );
  }
  return ok(epochMillis(head.timestamp) > epochMillis(kept.timestamp) ? "replace" : "keep");
}
