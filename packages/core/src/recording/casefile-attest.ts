// 卷内备考签名 — the bureau signs what a case file holds. The inclusion proofs show that every
// event in the file is in the signed log; they cannot show that no stream was left out. A
// stream the case's events name (the review a decision relied on) is checked by the verifier,
// but a disclosure only names the case, not the other way round. So the bureau signs the list
// of parts — as the archivist signs the 卷内备考表 with the number of pieces (档案法 Art. 39
// para. 2: 真实性、完整性) — and a verifier holding the bureau's key sees any part removed,
// added or shortened.
import { utf8ToBytes } from "@noble/hashes/utils.js";
import { canonicalJson } from "../kernel/canonical-json.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { toHex } from "../kernel/hash.js";
import { err, ok, type Result } from "../kernel/result.js";
import { callSigner, type Signer, type VerificationKey } from "../kernel/signer.js";
import { verifySignature } from "../kernel/signer-verify.js";
import type { CaseFile } from "./casefile.js";

/** Domain separation of the attestation's signed bytes (never a tree head's). */
export const CASE_FILE_ATTESTATION_CONTEXT = "sanxiang/case-file-parts";

/**
 * The bytes a {@link CaseFile}'s attestation signs: the context, a NUL, then the canonical
 * JSON of the format, version, case id, the signed head's log id, size, hash algorithm and
 * root (hex), and the parts (stream id, kind, event count) in order.
 */
export function caseFileAttestationBytes(file: CaseFile): Uint8Array {
  const sth = file.signedTreeHead;
  const statement = {
    format: file.format,
    version: file.version,
    caseId: file.caseId,
    logId: sth.logId,
    treeSize: sth.treeSize,
    hashAlgorithm: sth.hashAlgorithm,
    rootHash: toHex(sth.rootHash),
    parts: file.parts.map((p) => ({ streamId: p.streamId, kind: p.kind, events: p.events })),
  };
  return utf8ToBytes(`${CASE_FILE_ATTESTATION_CONTEXT}\u0000${canonicalJson(statement)}`);
}

/**
 * 卷内备考签名 — the file with the bureau's signature over its parts
 * ({@link caseFileAttestationBytes}), made with the same key as its signed head. Errors:
 * `SIGNER_FAILED` (the signer could not sign).
 */
export async function attestCaseFile(file: CaseFile, signer: Signer): Promise<Result<CaseFile, SanxiangError>> {
  const signature = await callSigner(signer, caseFileAttestationBytes(file));
  if (signature.isErr()) return err(signature.error);
  return ok({
    ...file,
    attestation: { signatureAlgorithm: signer.algorithm, keyId: signer.keyId, signature: signature.value },
  });
}

/**
 * Checks a file's attestation under `key`: `ok(false)` when the file has none, `ok(true)`
 * when it verifies; `SIGNATURE_INVALID` (`details.what: "parts"`) when the parts, the head or
 * the case differ from what the bureau signed, or the signature is another key's.
 */
export function checkCaseFileAttestation(file: CaseFile, key: VerificationKey): Result<boolean, SanxiangError> {
  const a = file.attestation;
  if (a === undefined) return ok(false);
  const invalid = (why: string) =>
    sanxiangError(
      "SIGNATURE_INVALID",
      `卷内备考签名无效（${why}）：案卷的组成部分与机关签署的不符，有记录流被删去、加入或截短`,
      { details: { what: "parts", keyId: a.keyId, parts: file.parts.length } },
    );
  if (a.signatureAlgorithm !== key.algorithm) return err(invalid(`签名算法为 ${a.signatureAlgorithm}`));
  const verified = verifySignature(caseFileAttestationBytes(file), a.signature, key);
  if (verified.isErr()) {
    return verified.error.code === "SIGNATURE_INVALID" ? err(invalid("签名不符")) : err(verified.error);
  }
  return ok(true);
}
