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
import type { CaseEvent } from "./case-event.js";
import { eventLeafBytes } from "./case-event.js";
import {
  CASE_FILE_PART_NAMES,
  type CaseFile,
  type CaseFilePart,
  CaseFileSchema,
  type CatalogueEntry,
  caseFileFromJson,
  caseLinkOf,
  casePartKind,
  caseReferencesOf,
  compareCatalogueOrder,
} from "./casefile.js";
import { checkCaseFileAttestation } from "./casefile-attest.js";

/** 验证结果 — what a verified case file establishes. */
export interface CaseFileVerification {
  /** 案件编号. */
  readonly caseId: string;
  /** Number of catalogue entries (= events) verified. */
  readonly entries: number;
  /** The streams verified: the case's own, then its reviews and disclosures, with their event counts. */
  readonly parts: readonly CaseFilePart[];
  /**
   * Whether the bureau signed the parts (卷内备考签名, `attestCaseFile`) and the signature
   * verified: only then is a whole stream left out of the file detectable offline.
   */
  readonly attested: boolean;
  /** The log the events are in (the bureau's log id). */
  readonly logId: string;
  /** Size of the signed tree. */
  readonly treeSize: number;
  /** When the bureau signed the head. */
  readonly timestamp: Instant;
  /** The key id of the signed head (a hint; trust comes from the key passed in). */
  readonly keyId: string;
}

function entryName(e: CatalogueEntry, caseId: string): string {
  const stream = e.streamId === caseId ? "" : `${e.streamId} `;
  return `卷内第 ${e.no} 件（${stream}第 ${e.seq} 号事件「${e.title}」）`;
}

function entryDetails(e: CatalogueEntry): Record<string, unknown> {
  return { no: e.no, streamId: e.streamId, seq: e.seq, leafIndex: e.leafIndex, title: e.title };
}

function catalogueInvalid(message: string, details: Record<string, unknown>): SanxiangError {
  return sanxiangError("CASE_FILE_CATALOGUE_INVALID", message, { details });
}

function partName(part: CaseFilePart): string {
  return `${CASE_FILE_PART_NAMES[part.kind]}记录流 ${part.streamId}`;
}

/** The file's events by stream and `seq`, and each stream's part index. */
interface Index {
  readonly events: ReadonlyMap<string, readonly CaseEvent[]>;
  readonly partOf: ReadonlyMap<string, number>;
}

/**
 * The parts: the case's own stream first, each stream once, the others not the case's;
 * their events, part after part, belong to their stream and run 1, 2, 3, … by `seq`; every
 * other part is filed with the case (its first event names the case, or the case
 * references it), and every stream the case references is there.
 */
function checkParts(file: CaseFile): Result<Index, SanxiangError> {
  const own = file.parts[0];
  if (own === undefined || own.streamId !== file.caseId || own.kind !== "case") {
    return err(
      catalogueInvalid(`案卷的第一部分应为案件 ${file.caseId} 本身的记录流`, {
        kind: "partsInvalid",
        first: own?.streamId ?? null,
      }),
    );
  }
  const total = file.parts.reduce((n, p) => n + p.events, 0);
  if (total !== file.events.length) {
    return err(
      catalogueInvalid(`案卷各部分共记 ${total} 个事件，实有 ${file.events.length} 个：有事件被删去或加入`, {
        kind: "partIncomplete",
        declared: total,
        events: file.events.length,
      }),
    );
  }
  const events = new Map<string, CaseEvent[]>();
  const partOf = new Map<string, number>();
  let at = 0;
  for (const [index, part] of file.parts.entries()) {
    if (partOf.has(part.streamId) || (index > 0 && (part.kind === "case" || part.streamId === file.caseId))) {
      return err(
        catalogueInvalid(`案卷的${partName(part)}重复或不应作为组成部分`, {
          kind: "partsInvalid",
          streamId: part.streamId,
        }),
      );
    }
    partOf.set(part.streamId, index);
    const slice = file.events.slice(at, at + part.events);
    at += part.events;
    for (const [i, event] of slice.entries()) {
      if (event.caseId !== part.streamId || event.seq !== i + 1) {
        return err(
          catalogueInvalid(
            `${partName(part)}应依次为第 1 至 ${part.events} 号事件，第 ${i + 1} 个却是 ${event.caseId} 第 ${event.seq} 号：有事件被删去、加入或调换`,
            { kind: "partIncomplete", streamId: part.streamId, position: i + 1, seq: event.seq, caseId: event.caseId },
          ),
        );
      }
    }
    events.set(part.streamId, slice);
  }
  const references = caseReferencesOf(events.get(file.caseId) ?? []);
  for (const [index, part] of file.parts.entries()) {
    if (index === 0) continue;
    const first = events.get(part.streamId)?.[0];
    if (first === undefined || (caseLinkOf(first) !== file.caseId && !references.includes(part.streamId))) {
      return err(
        catalogueInvalid(`案卷中的${partName(part)}既不指向案件 ${file.caseId}，也不为本案所引用：不属于本案卷`, {
          kind: "partNotLinked",
          streamId: part.streamId,
        }),
      );
    }
    if (casePartKind(file.caseId, part.streamId, first) !== part.kind) {
      return err(
        catalogueInvalid(`案卷把记录流 ${part.streamId} 标为「${CASE_FILE_PART_NAMES[part.kind]}」，与其事件不符`, {
          kind: "partsInvalid",
          streamId: part.streamId,
        }),
      );
    }
  }
  for (const ref of references) {
    if (!partOf.has(ref)) {
      return err(
        catalogueInvalid(`案件 ${file.caseId} 的事件引用了记录流 ${ref}（如所依据的法制审核），案卷却没有收入它`, {
          kind: "partMissing",
          streamId: ref,
        }),
      );
    }
  }
  return ok({ events, partOf });
}

/**
 * The catalogue lists every event once, in stage-part-seq order, with the event's own
 * data; within a stream later events sit at later leaves, and no two events share a leaf.
 */
function checkCatalogue(file: CaseFile, index: Index): Result<true, SanxiangError> {
  if (file.catalogue.length !== file.events.length) {
    return err(
      catalogueInvalid(`卷内目录有 ${file.catalogue.length} 件，事件有 ${file.events.length} 个`, {
        entries: file.catalogue.length,
        events: file.events.length,
      }),
    );
  }
  const leaves = new Map<string, number[]>();
  const usedLeaves = new Set<number>();
  const key = (e: CatalogueEntry) => ({ stage: e.stage, seq: e.seq, part: index.partOf.get(e.streamId) ?? -1 });
  for (const [i, entry] of file.catalogue.entries()) {
    const event = index.events.get(entry.streamId)?.[entry.seq - 1];
    const prev = file.catalogue[i - 1];
    let why: string | undefined;
    if (entry.no !== i + 1) why = `序号应为 ${i + 1}`;
    else if (event === undefined) why = "所指事件不在案卷中";
    else if (event.stage !== entry.stage || event.type !== entry.type || event.at !== entry.at) {
      why = "环节、类型或时间与事件不符";
    } else if (prev !== undefined && compareCatalogueOrder(key(prev), key(entry)) >= 0)
      why = "未按环节、序号排列或重复";
    else if (usedLeaves.has(entry.leafIndex)) why = "与另一件同在一个叶子上";
    if (why !== undefined)
      return err(catalogueInvalid(`${entryName(entry, file.caseId)}：${why}`, entryDetails(entry)));
    usedLeaves.add(entry.leafIndex);
    const list = leaves.get(entry.streamId) ?? [];
    list[entry.seq - 1] = entry.leafIndex;
    leaves.set(entry.streamId, list);
  }
  // One append-only log: a later event of a stream sits at a later leaf.
  for (const [streamId, list] of leaves) {
    for (let s = 1; s < list.length; s++) {
      if ((list[s] as number) <= (list[s - 1] as number)) {
        const entry = file.catalogue.find((e) => e.streamId === streamId && e.seq === s + 1) as CatalogueEntry;
        return err(
          catalogueInvalid(
            `${entryName(entry, file.caseId)}：叶子序号不晚于前一事件，与日志只增不改矛盾`,
            entryDetails(entry),
          ),
        );
      }
    }
  }
  return ok(true);
}

/** Every entry's leaf hash is its event's, and its proof leads to the signed root. */
function checkEntries(file: CaseFile, index: Index, hash: HashAlgorithm): Result<true, SanxiangError> {
  const sth = file.signedTreeHead;
  for (const entry of file.catalogue) {
    const event = index.events.get(entry.streamId)?.[entry.seq - 1];
    if (event === undefined)
      return err(catalogueInvalid(`${entryName(entry, file.caseId)}：所指事件不在案卷中`, entryDetails(entry)));
    let bytes: Uint8Array;
    try {
      bytes = eventLeafBytes(event);
    } catch (cause) {
      return err(
        sanxiangError("CASE_FILE_MALFORMED", `${entryName(entry, file.caseId)}的事件无法规范化`, {
          details: entryDetails(entry),
          cause,
        }),
      );
    }
    if (!bytesEqual(merkleLeafHash(bytes, { hash }), entry.leafHash)) {
      return err(
        sanxiangError(
          "EVENT_HASH_MISMATCH",
          `${entryName(entry, file.caseId)}：事件内容的哈希与目录所记不符，事件或目录已被改动`,
          {
            details: entryDetails(entry),
          },
        ),
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
          `${entryName(entry, file.caseId)}：包含性证明不能导出签名树根（${included.error.message}）`,
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
 * 2. the parts: the case's own stream first, then streams filed with it (each one's first
 *    event names the case, or the case's events reference it), every stream the case
 *    references present (a review its decision relied on), each part's events numbered
 *    1…n as declared; the catalogue lists each event once in stage-then-part order with the
 *    event's own stage, type and time, leaves in stream order (`CASE_FILE_CATALOGUE_INVALID`,
 *    `details.kind` one of `partsInvalid`, `partIncomplete`, `partNotLinked`, `partMissing`);
 * 3. every entry's leaf hash is the hash of its event's canonical bytes
 *    (`EVENT_HASH_MISMATCH`);
 * 4. every inclusion proof leads to the signed root (`CASE_FILE_PROOF_INVALID`, the Merkle
 *    error as `cause` and `details.merkleCode`);
 * 5. when the file carries the bureau's signature over its parts (`attestCaseFile`), that
 *    signature under the same key (`SIGNATURE_INVALID`, `details.what: "parts"`): a stream
 *    removed whole, added or shortened; `attested` in the result says whether it did.
 * Every entry failure names the entry (序号, seq, title) in its message and `details`.
 * `CASE_FILE_MALFORMED` when the value fails {@link CaseFileSchema}.
 *
 * Titles are presentation and not hashed; the last event of a stream is the last the
 * bureau filed under this head — completeness after it is shown by an archiving event
 * (`stage: "archiving"`) at the end. A whole stream that only names the case (a disclosure)
 * and is left out together with its entry in `parts` is detected offline only through the
 * attestation (5): the case's own events do not name it; streams the case references
 * (reviews) are checked either way.
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
  return checkParts(f)
    .andThen((index) => checkCatalogue(f, index).map(() => index))
    .andThen((index) => checkEntries(f, index, hash.value))
    .andThen(() => checkCaseFileAttestation(f, key))
    .map((attested) => ({
      attested,
      caseId: f.caseId,
      entries: f.catalogue.length,
      parts: f.parts,
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
