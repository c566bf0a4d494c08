// 案卷验证 — what a third party (a reviewing authority, a court, an archive) runs with
// nothing but the case file and the bureau's published public key: no access to the
// bureau's systems, no network. 档案法 Art. 39 para. 2: the receiving archive checks the
// authenticity and integrity (真实性、完整性) of electronic records.
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, hashAlgorithm } from "../kernel/hash.js";
import { merkleLeafHash } from "../kernel/merkle-hash.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { verifyInclusion } from "../kernel/merkle-verify.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { VerificationKey } from "../kernel/signer.js";
import type { Instant } from "../kernel/time.js";
import { type VerifyTreeHeadOptions, verifySignedTreeHead } from "../kernel/tree-head.js";
import { eventLeafBytes } from "./case-event.js";
import {
  type CaseFile,
  CaseFileSchema,
  type CatalogueEntry,
  caseFileFromJson,
  compareCatalogueOrder,
} from "./casefile.js";

/** 验证结果 — what a verified case file establishes. */
export interface CaseFileVerification {
  /** 案件编号. */
  readonly caseId: string;
  /** Number of catalogue entries (= events) verified. */
  readonly entries: number;
  /** The log the events are in (the bureau's log id). */
  readonly logId: string;
  /** Size of the signed tree. */
  readonly treeSize: number;
  /** When the bureau signed the head. */
  readonly timestamp: Instant;
  /** The key id of the signed head (a hint; trust comes from the key passed in). */
  readonly keyId: string;
}

function entryName(e: CatalogueEntry): string {
  return `卷内第 ${e.no} 件（第 ${e.seq} 号事件「${e.title}」）`;
}

function entryDetails(e: CatalogueEntry): Record<string, unknown> {
  return { no: e.no, seq: e.seq, leafIndex: e.leafIndex, title: e.title };
}

function catalogueInvalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("CASE_FILE_CATALOGUE_INVALID", message, { details });
}

/** Events belong to the case and run 1, 2, 3, … by `seq`. */
function checkEvents(file: CaseFile): Result<true, SanxiangError> {
  for (const [i, event] of file.events.entries()) {
    if (event.caseId !== file.caseId) {
      return err(
        catalogueInvalid(`第 ${event.seq} 号事件属于案件 ${event.caseId}，不属于本案卷（${file.caseId}）`, {
          seq: event.seq,
          caseId: event.caseId,
        }),
      );
    }
    if (event.seq !== i + 1) {
      return err(
        catalogueInvalid(`案卷的事件应依次为第 1 至 ${file.events.length} 号，第 ${i + 1} 个却是第 ${event.seq} 号`, {
          position: i + 1,
          seq: event.seq,
        }),
      );
    }
  }
  return ok(true);
}

/** The catalogue lists every event once, in stage-then-seq order, with the event's own data. */
function checkCatalogue(file: CaseFile): Result<true, SanxiangError> {
  if (file.catalogue.length !== file.events.length) {
    return err(
      catalogueInvalid(`卷内目录有 ${file.catalogue.length} 件，事件有 ${file.events.length} 个`, {
        entries: file.catalogue.length,
        events: file.events.length,
      }),
    );
  }
  const leafBySeq: number[] = [];
  for (const [i, entry] of file.catalogue.entries()) {
    const event = file.events[entry.seq - 1];
    const prev = file.catalogue[i - 1];
    let why: string | undefined;
    if (entry.no !== i + 1) why = `序号应为 ${i + 1}`;
    else if (event === undefined) why = "所指事件不在案卷中";
    else if (event.stage !== entry.stage || event.type !== entry.type || event.at !== entry.at) {
      why = "环节、类型或时间与事件不符";
    } else if (prev !== undefined && compareCatalogueOrder(prev, entry) >= 0) why = "未按环节、序号排列或重复";
    if (why !== undefined) return err(catalogueInvalid(`${entryName(entry)}：${why}`, entryDetails(entry)));
    leafBySeq[entry.seq - 1] = entry.leafIndex;
  }
  // One append-only log: a later event of the case sits at a later leaf.
  for (let s = 1; s < leafBySeq.length; s++) {
    if ((leafBySeq[s] as number) <= (leafBySeq[s - 1] as number)) {
      const entry = file.catalogue.find((e) => e.seq === s + 1) as CatalogueEntry;
      return err(
        catalogueInvalid(`${entryName(entry)}：叶子序号不晚于前一事件，与日志只增不改矛盾`, entryDetails(entry)),
      );
    }
  }
  return ok(true);
}

/** Every entry's leaf hash is its event's, and its proof leads to the signed root. */
function checkEntries(file: CaseFile, hash: HashAlgorithm): Result<true, SanxiangError> {
  const sth = file.signedTreeHead;
  for (const entry of file.catalogue) {
    const event = file.events[entry.seq - 1];
    if (event === undefined)
      return err(catalogueInvalid(`${entryName(entry)}：所指事件不在案卷中`, entryDetails(entry)));
    let bytes: Uint8Array;
    try {
      bytes = eventLeafBytes(event);
    } catch (cause) {
      return err(
        sanxiangError("CASE_FILE_MALFORMED", `${entryName(entry)}的事件无法规范化`, {
          details: entryDetails(entry),
          cause,
        }),
      );
    }
    if (!bytesEqual(merkleLeafHash(bytes, { hash }), entry.leafHash)) {
      return err(
        sanxiangError("EVENT_HASH_MISMATCH", `${entryName(entry)}：事件内容的哈希与目录所记不符，事件或目录已被改动`, {
          details: entryDetails(entry),
        }),
      );
    }
    const included = verifyInclusion(
      {
        leafHash: entry.leafHash,
        index: entry.leafIndex,
        treeSize: sth.treeSize,
        proof: entry.inclusionProof,
        root: sth.rootHash,
      },
      { hash },
    );
    if (included.isErr()) {
      return err(
        sanxiangError(
          "CASE_FILE_PROOF_INVALID",
          `${entryName(entry)}：包含性证明不能导出签名树根（${included.error.message}）`,
          {
            details: { ...entryDetails(entry), merkleCode: included.error.code },
            cause: included.error,
          },
        ),
      );
    }
  }
  return ok(true);
}

/**
 * 验证案卷 — verifies a case file offline with nothing but the bureau's public key:
 * 1. the signature on the tree head (`SIGNATURE_INVALID`, `TREE_HEAD_ALGORITHM_MISMATCH`,
 *    `TREE_HEAD_MALFORMED`, `SIGNING_KEY_INVALID` from {@link verifySignedTreeHead});
 * 2. the events are the case's, numbered 1…n, and the catalogue lists each once in stage
 *    order with the event's own stage, type and time, leaves in stream order
 *    (`CASE_FILE_CATALOGUE_INVALID`);
 * 3. every entry's leaf hash is the hash of its event's canonical bytes
 *    (`EVENT_HASH_MISMATCH`);
 * 4. every inclusion proof leads to the signed root (`CASE_FILE_PROOF_INVALID`, the Merkle
 *    error as `cause` and `details.merkleCode`).
 * Every entry failure names the entry (序号, seq, title) in its message and `details`.
 * `CASE_FILE_MALFORMED` when the value fails {@link CaseFileSchema}.
 *
 * Titles are presentation and not hashed; the last event of the file is the last the
 * bureau filed under this head — completeness after it is shown by an archiving event
 * (`stage: "archiving"`) at the end.
 */
export function verifyCaseFile(
  file: CaseFile,
  key: VerificationKey,
  options: VerifyTreeHeadOptions = {},
): Result<CaseFileVerification, SanxiangError> {
  const parsed = CaseFileSchema.safeParse(file);
  if (!parsed.success) {
    return err(
      sanxiangError("CASE_FILE_MALFORMED", "案卷不符合格式", {
        details: { issues: parsed.error.issues.slice(0, 20).map((i) => `${i.path.join(".")}: ${i.message}`) },
      }),
    );
  }
  const f = parsed.data;
  if (f.events.length === 0) return err(sanxiangError("CASE_FILE_MALFORMED", "案卷中没有任何事件", { details: {} }));
  const sth = f.signedTreeHead;
  const signed = verifySignedTreeHead(sth, key, options);
  if (signed.isErr()) return err(signed.error);
  const hash = hashAlgorithm(sth.hashAlgorithm);
  if (hash.isErr()) return err(hash.error);
  return checkEvents(f)
    .andThen(() => checkCatalogue(f))
    .andThen(() => checkEntries(f, hash.value))
    .map(() => ({
      caseId: f.caseId,
      entries: f.catalogue.length,
      logId: sth.logId,
      treeSize: sth.treeSize,
      timestamp: sth.timestamp,
      keyId: sth.keyId,
    }));
}

/**
 * 验证案卷（JSON）— {@link caseFileFromJson} then {@link verifyCaseFile}: what a verifier
 * runs on the parsed contents of a `.json` case file.
 */
export function verifyCaseFileJson(
  value: unknown,
  key: VerificationKey,
  options: VerifyTreeHeadOptions = {},
): Result<CaseFileVerification, SanxiangError> {
  return caseFileFromJson(value).andThen((file) => verifyCaseFile(file, key, options));
}
