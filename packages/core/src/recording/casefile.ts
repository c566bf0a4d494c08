// 案卷 — the case file: every event of a case in catalogue order (卷内目录: by stage, then
// seq), each entry carrying its leaf hash and an inclusion proof against a signed tree head,
// so a third party holding only the file and the bureau's public key can check it offline
// (verifyCaseFile). The JSON form is what is handed over: bytes as lower-case hex.
import { z } from "zod";
import { canonicalJson } from "../kernel/canonical-json.js";
import { safeParse } from "../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { fromHex, toHex } from "../kernel/hash.js";
import { bytesEqual } from "../kernel/merkle-util.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { BytesSchema, SignatureAlgorithmSchema } from "../kernel/signer.js";
import type { RuleSource } from "../kernel/source.js";
import { InstantSchema } from "../kernel/time.js";
import {
  type SignedTreeHead,
  SignedTreeHeadJsonSchema,
  SignedTreeHeadSchema,
  signedTreeHeadFromJson,
  signedTreeHeadToJson,
} from "../kernel/tree-head.js";
import type { AuditLog } from "./audit-log.js";
import { type CaseEvent, CaseEventSchema } from "./case-event.js";
import { eventTitle } from "./casefile-titles.js";
import { compareStages, StageSchema } from "./vocabulary.js";

/** Format tag of a case file, so a reader knows what it holds. */
export const CASE_FILE_FORMAT = "sanxiang/case-file";
/**
 * The case-file layout version this code writes (2: the case with its reviews and
 * disclosures, in `parts`); version 1 files (the case stream alone) are still read.
 */
export const CASE_FILE_VERSION = 2;

/**
 * 案卷依据 — why a case file exists and what its verification shows: the whole-process
 * record is archived (行政处罚法 Art. 47); case files follow the case-file standard
 * (pilot plan 二（二）（4）); an electronic record must be reliable in source and complete
 * (档案法 Art. 37 para. 1) and an archive checks the authenticity and integrity of what it
 * receives (档案法 Art. 39 para. 2) — which is what {@link verifyCaseFile} does.
 */
export const CASE_FILE_SOURCES = {
  archive: { law: "行政处罚法", article: 47, confidence: "C-law" },
  standard: { law: "沙坡头区司法局三项制度试点工作方案", section: "二（二）（4）", confidence: "C-local" },
  electronicRecord: { law: "档案法", article: 37, paragraph: 1, confidence: "C-law" },
  integrityCheck: { law: "档案法", article: 39, paragraph: 2, confidence: "C-law" },
} as const satisfies Readonly<Record<string, RuleSource>>;

/**
 * 卷宗组成 — what a stream is to the case file: the case's own stream, a legal review of it
 * (法制审核), a disclosure of it (行政执法公示), or another stream that names the case.
 */
export const CASE_FILE_PART_KINDS = ["case", "review", "disclosure", "linked"] as const;
/** zod schema of a {@link CaseFilePartKind}. */
export const CaseFilePartKindSchema = z.enum(CASE_FILE_PART_KINDS);
/** 卷宗组成 — see {@link CASE_FILE_PART_KINDS}. */
export type CaseFilePartKind = z.infer<typeof CaseFilePartKindSchema>;

/** The Chinese name of each {@link CaseFilePartKind}. */
export const CASE_FILE_PART_NAMES: Readonly<Record<CaseFilePartKind, string>> = {
  case: "案件",
  review: "法制审核",
  disclosure: "行政执法公示",
  linked: "关联记录",
};

/**
 * 卷宗组成部分 — one stream in the case file: its id, what it is, and how many of its events
 * the file holds (all of them up to the signed head: `seq` 1 … `events`).
 */
export const CaseFilePartSchema = z
  .object({
    /** The stream id (the case id for the case's own stream). */
    streamId: IdSchema,
    /** What the stream is to the case. */
    kind: CaseFilePartKindSchema,
    /** Number of the stream's events in the file. */
    events: z.number().int().positive(),
  })
  .readonly();
/** 卷宗组成部分 — see {@link CaseFilePartSchema}. */
export type CaseFilePart = z.infer<typeof CaseFilePartSchema>;

const entryShape = {
  /** 序号 — 1-based position in the catalogue. */
  no: z.number().int().positive(),
  /** The stream the event is in: the case's, or one of its parts' (a review, a disclosure). */
  streamId: IdSchema,
  /** The event's `seq` in its stream. */
  seq: z.number().int().positive(),
  /** 环节 — the event's stage. */
  stage: StageSchema,
  /** The event's type. */
  type: CaseEventSchema.shape.type,
  /** 题名 — the entry's title as officers read it (presentation: not covered by any hash). */
  title: z.string().min(1),
  /** When the event was recorded. */
  at: InstantSchema,
  /** 0-based leaf index of the event in the bureau's log. */
  leafIndex: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
};

/** 卷内目录条目 — one catalogue entry (zod schema; hashes as bytes). */
export const CatalogueEntrySchema = z
  .object({
    ...entryShape,
    /** `merkleLeafHash(eventLeafBytes(event))`. */
    leafHash: BytesSchema,
    /** 包含性证明 — audit path of the leaf against the signed head (deepest first). */
    inclusionProof: z.array(BytesSchema),
  })
  .readonly();
/** 卷内目录条目 — see {@link CatalogueEntrySchema}. */
export type CatalogueEntry = z.infer<typeof CatalogueEntrySchema>;

const caseFileShape = {
  /** {@link CASE_FILE_FORMAT}. */
  format: z.literal(CASE_FILE_FORMAT),
  /** {@link CASE_FILE_VERSION}. */
  version: z.literal(CASE_FILE_VERSION),
  /** 案件编号 — the case. */
  caseId: IdSchema,
  /** 卷宗组成 — the streams in the file: the case's own first, then its reviews and disclosures. */
  parts: z.array(CaseFilePartSchema).min(1),
  /** The parts' events, part after part, each part's in `seq` order: the record itself. */
  events: z.array(CaseEventSchema),
};

const attestationShape = {
  /** The signature algorithm (the bureau's key's). */
  signatureAlgorithm: SignatureAlgorithmSchema,
  /** Key id of the signer: a hint, not signed. */
  keyId: z.string().min(1).max(255),
};

/**
 * 卷内备考签名 — the bureau's signature over what the file holds: the case, the signed head
 * (log, size, root) and the parts with their event counts (`attestCaseFile`). Like the
 * 卷内备考表 an archivist signs with the number of pieces, it lets a verifier tell a file
 * from which a whole stream (a disclosure) was left out, which the proofs alone cannot show.
 */
export const CaseFileAttestationSchema = z.object({ ...attestationShape, signature: BytesSchema }).readonly();
/** 卷内备考签名 — see {@link CaseFileAttestationSchema}. */
export type CaseFileAttestation = z.infer<typeof CaseFileAttestationSchema>;

/** 案卷 — a case file (zod schema; bytes as `Uint8Array`). */
export const CaseFileSchema = z
  .object({
    ...caseFileShape,
    /** 卷内目录 — ordered by stage (立案 → … → 归档), then part, then `seq`. */
    catalogue: z.array(CatalogueEntrySchema),
    /** 签名树头 — the bureau's signed head every proof leads to. */
    signedTreeHead: SignedTreeHeadSchema,
    /** 卷内备考签名 — present when the bureau signed the file's parts. */
    attestation: CaseFileAttestationSchema.optional(),
  })
  .readonly();
/** 案卷 — see {@link CaseFileSchema}. */
export type CaseFile = z.infer<typeof CaseFileSchema>;

const HexSchema = z.string().regex(/^(?:[0-9a-f]{2})+$/, { message: "expected lower-case hex" });

/** 卷内目录条目 JSON form (zod schema): hashes as lower-case hex. */
export const CatalogueEntryJsonSchema = z
  .object({ ...entryShape, leafHash: HexSchema, inclusionProof: z.array(HexSchema) })
  .readonly();
/** JSON form of a {@link CatalogueEntry}. */
export type CatalogueEntryJson = z.infer<typeof CatalogueEntryJsonSchema>;

/** 卷内备考签名 JSON form (zod schema): the signature as lower-case hex. */
export const CaseFileAttestationJsonSchema = z.object({ ...attestationShape, signature: HexSchema }).readonly();

/** 案卷 JSON form (zod schema): what is written to disk and handed to a third party. */
export const CaseFileJsonSchema = z
  .object({
    ...caseFileShape,
    catalogue: z.array(CatalogueEntryJsonSchema),
    signedTreeHead: SignedTreeHeadJsonSchema,
    attestation: CaseFileAttestationJsonSchema.optional(),
  })
  .readonly();
/** JSON form of a {@link CaseFile} (see {@link CaseFileJsonSchema}). */
export type CaseFileJson = z.infer<typeof CaseFileJsonSchema>;

/** What {@link compareCatalogueOrder} orders by: stage, the part's index (default 0), `seq`. */
export interface CatalogueOrderKey {
  /** The event's stage. */
  readonly stage: CaseEvent["stage"];
  /** The event's `seq` in its stream. */
  readonly seq: number;
  /** The index of the event's part in the file's `parts` (0: the case's own stream). */
  readonly part?: number;
}

/**
 * Catalogue order: by stage in procedure order, then by part (the case's own events before
 * its review's and disclosure's of the same stage), then by `seq`.
 */
export function compareCatalogueOrder(a: CatalogueOrderKey, b: CatalogueOrderKey): number {
  return compareStages(a.stage, b.stage) || (a.part ?? 0) - (b.part ?? 0) || a.seq - b.seq;
}

/**
 * 案件关联 — the case a stream's event names as its own: `payload.caseId` (a review's
 * `review.submitted`, a disclosure's withdrawal), or `payload.draft.caseId` (a disclosure's
 * `disclosure.drafted`). A stream belongs to a case's file when its first event names the case.
 */
export function caseLinkOf(event: CaseEvent): string | undefined {
  const direct = event.payload.caseId;
  if (typeof direct === "string") return direct;
  const draft = event.payload.draft;
  if (typeof draft !== "object" || draft === null) return undefined;
  const inDraft = (draft as { readonly caseId?: unknown }).caseId;
  return typeof inDraft === "string" ? inDraft : undefined;
}

/**
 * 引用字段 — payload fields by which a case's own events name another stream that must be in
 * its file: `review.approved.reviewId` (the review whose approval the decision relies on).
 * {@link verifyCaseFile} refuses a file that leaves a referenced stream out.
 */
export const CASE_FILE_REFERENCE_FIELDS: readonly string[] = ["reviewId"];

/** The streams the case's own events reference ({@link CASE_FILE_REFERENCE_FIELDS}), in first-mention order. */
export function caseReferencesOf(events: readonly CaseEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    for (const field of CASE_FILE_REFERENCE_FIELDS) {
      const v = e.payload[field];
      if (typeof v === "string" && v !== e.caseId && !out.includes(v)) out.push(v);
    }
  }
  return out;
}

/** What a stream is to the case, from its id and first event's type. */
export function casePartKind(caseId: string, streamId: string, first: CaseEvent | undefined): CaseFilePartKind {
  if (streamId === caseId) return "case";
  const type = first?.type ?? "";
  if (type.startsWith("review.")) return "review";
  if (type.startsWith("disclosure.")) return "disclosure";
  return "linked";
}

/** One event of a part as {@link caseFileFromParts} takes it: the event, its leaf and its proof. */
export interface CaseFileEntryInput {
  /** The event. */
  readonly event: CaseEvent;
  /** 0-based leaf index in the bureau's log. */
  readonly leafIndex: number;
  /** Its leaf hash. */
  readonly leafHash: Uint8Array;
  /** Its audit path against the signed head. */
  readonly inclusionProof: readonly Uint8Array[];
}

/** One stream as {@link caseFileFromParts} takes it. */
export interface CaseFilePartInput {
  /** The stream id. */
  readonly streamId: string;
  /** What it is to the case. */
  readonly kind: CaseFilePartKind;
  /** Its events under the head, in `seq` order. */
  readonly entries: readonly CaseFileEntryInput[];
}

/**
 * 成卷 — the case file of `caseId` from its parts (the case's own stream first), each event
 * with its leaf and proof, against `sth`: the catalogue in {@link compareCatalogueOrder},
 * titled by {@link eventTitle}. Checks nothing cryptographic (the assembly functions and
 * {@link verifyCaseFile} do); `CASE_FILE_MALFORMED` when the case's own stream is not the
 * first, non-empty part.
 */
export function caseFileFromParts(
  caseId: string,
  sth: SignedTreeHead,
  parts: readonly CaseFilePartInput[],
  options: AssembleCaseFileOptions = {},
): Result<CaseFile, SanxiangError> {
  const own = parts[0];
  if (own === undefined || own.streamId !== caseId || own.entries.length === 0) {
    return err(
      sanxiangError("CASE_FILE_MALFORMED", `签名树头（${sth.treeSize}）之前没有案件 ${caseId} 的事件，无法组卷`, {
        details: { caseId, treeSize: sth.treeSize },
      }),
    );
  }
  const titles = options.titles ?? {};
  const kept = parts.filter((p) => p.entries.length > 0);
  const keyed = kept.flatMap((p, part) => p.entries.map((e) => ({ e, part })));
  keyed.sort((a, b) => compareCatalogueOrder({ ...a.e.event, part: a.part }, { ...b.e.event, part: b.part }));
  const catalogue: CatalogueEntry[] = keyed.map(({ e }, i) => ({
    no: i + 1,
    streamId: e.event.caseId,
    seq: e.event.seq,
    stage: e.event.stage,
    type: e.event.type,
    title: eventTitle(e.event, titles),
    at: e.event.at,
    leafIndex: e.leafIndex,
    leafHash: e.leafHash,
    inclusionProof: [...e.inclusionProof],
  }));
  return ok({
    format: CASE_FILE_FORMAT,
    version: CASE_FILE_VERSION,
    caseId,
    parts: kept.map((p) => ({ streamId: p.streamId, kind: p.kind, events: p.entries.length })),
    events: kept.flatMap((p) => p.entries.map((e) => e.event)),
    catalogue,
    signedTreeHead: sth,
  });
}

/** Options of {@link assembleCaseFile} and `assembleCaseFileFromStore`. */
export interface AssembleCaseFileOptions {
  /** Titles by event type, over the default titles (`DEFAULT_EVENT_TITLES`). */
  readonly titles?: Readonly<Record<string, string>>;
  /**
   * More streams to file with the case (their ids), besides those found: the streams whose
   * first event names the case ({@link caseLinkOf}) and those the case's events reference
   * ({@link caseReferencesOf}). Each must have events under the head.
   */
  readonly streams?: readonly string[];
}

/** A linked stream named (by reference or by the caller) that has no event under the head. */
export function missingStream(caseId: string, streamId: string, treeSize: number): SanxiangError {
  return sanxiangError(
    "CASE_FILE_MALFORMED",
    `案件 ${caseId} 的案卷应收入记录流 ${streamId}，但签名树头（${treeSize}）之前没有它的事件：先确认编号，或对更新的日志头签名后再组卷`,
    { details: { caseId, streamId, treeSize } },
  );
}

/**
 * 组卷 — assembles the case file of `caseId` from the bureau's log (in memory) against
 * `sth`, a signed head of that log: the case's events up to the head's size and those of
 * every stream filed with it — each stream whose first event names the case (its legal
 * reviews, its disclosures: {@link caseLinkOf}), each the case references
 * ({@link caseReferencesOf}) and `options.streams` — with the catalogue in stage order and
 * every entry's leaf hash and inclusion proof. Events appended after the head are left for a
 * later file. Errors: `MERKLE_TREE_SIZE_INVALID` (head larger than the log),
 * `MERKLE_ROOT_MISMATCH` (head not of this log), `CASE_FILE_MALFORMED` (no event of the case,
 * or of a stream that must be filed, under the head). The signature is not checked here;
 * {@link verifyCaseFile} does. For a store, use `assembleCaseFileFromStore`, which reads the
 * case's streams without loading the log.
 */
export function assembleCaseFile(
  log: AuditLog,
  caseId: string,
  sth: SignedTreeHead,
  options: AssembleCaseFileOptions = {},
): Result<CaseFile, SanxiangError> {
  const head = log.treeHeadAt(sth.treeSize);
  if (head.isErr()) return err(head.error);
  if (head.value.hashAlgorithm !== sth.hashAlgorithm || !bytesEqual(head.value.rootHash, sth.rootHash)) {
    return err(
      sanxiangError("MERKLE_ROOT_MISMATCH", `签名树头（${sth.logId}，${sth.treeSize}）不是本日志的树头`, {
        details: { logId: sth.logId, treeSize: sth.treeSize },
      }),
    );
  }
  const within = (id: string) => log.entriesOf(id).filter((e) => e.leafIndex < sth.treeSize);
  const own = within(caseId);
  const linked = new Map<string, number>();
  for (const id of log.streamIds()) {
    const first = log.firstEntryOf(id);
    if (id !== caseId && first !== undefined && first.leafIndex < sth.treeSize && caseLinkOf(first.event) === caseId) {
      linked.set(id, first.leafIndex);
    }
  }
  for (const id of [...caseReferencesOf(own.map((e) => e.event)), ...(options.streams ?? [])]) {
    if (id === caseId || linked.has(id)) continue;
    const first = log.firstEntryOf(id);
    if (first === undefined || first.leafIndex >= sth.treeSize) return err(missingStream(caseId, id, sth.treeSize));
    linked.set(id, first.leafIndex);
  }
  const order = [caseId, ...[...linked].sort((a, b) => a[1] - b[1]).map(([id]) => id)];
  const parts: CaseFilePartInput[] = [];
  for (const id of order) {
    const entries: CaseFileEntryInput[] = [];
    for (const { event, leafIndex, leafHash } of id === caseId ? own : within(id)) {
      const proof = log.inclusionProof(leafIndex, sth.treeSize);
      if (proof.isErr()) return err(proof.error);
      entries.push({ event, leafIndex, leafHash, inclusionProof: proof.value });
    }
    parts.push({ streamId: id, kind: casePartKind(caseId, id, entries[0]?.event), entries });
  }
  return caseFileFromParts(caseId, sth, parts, options);
}

/** The JSON form of a case file (hex bytes); read it back with {@link caseFileFromJson}. */
export function caseFileToJson(file: CaseFile): CaseFileJson {
  return {
    format: file.format,
    version: file.version,
    caseId: file.caseId,
    parts: file.parts,
    events: file.events,
    catalogue: file.catalogue.map((e) => ({
      ...e,
      leafHash: toHex(e.leafHash),
      inclusionProof: e.inclusionProof.map(toHex),
    })),
    signedTreeHead: signedTreeHeadToJson(file.signedTreeHead),
    ...(file.attestation === undefined
      ? {}
      : { attestation: { ...file.attestation, signature: toHex(file.attestation.signature) } }),
  };
}

function sameJson(a: unknown, b: unknown): boolean {
  try {
    return canonicalJson(a) === canonicalJson(b);
  } catch {
    return false;
  }
}

function malformed(message: string, details: Record<string, unknown> = {}): SanxiangError {
  return sanxiangError("CASE_FILE_MALFORMED", message, { details });
}

/**
 * Parses the JSON form of a case file (an object, e.g. from `JSON.parse`), or
 * `CASE_FILE_MALFORMED` with the schema's issues. Does not verify: call
 * {@link verifyCaseFile}.
 */
export function caseFileFromJson(value: unknown): Result<CaseFile, SanxiangError> {
  let upgraded: unknown;
  try {
    upgraded = upgradeVersion1(value);
  } catch {
    return err(malformed("案卷 JSON 无法读取：读取版本时出错"));
  }
  return fromJsonV2(upgraded);
}

/**
 * A version 1 file (the case's own stream alone, entries without `streamId`) in the
 * version 2 layout: one `case` part, every entry in the case's stream. Anything else is
 * returned as it is, for the schema to judge.
 */
function upgradeVersion1(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || !Array.isArray(v.events) || !Array.isArray(v.catalogue) || "parts" in v) return value;
  const caseId = v.caseId;
  const parts = v.events.length === 0 ? [] : [{ streamId: caseId, kind: "case", events: v.events.length }];
  const catalogue = v.catalogue.map((e: unknown) =>
    typeof e === "object" && e !== null && !("streamId" in e) ? { ...e, streamId: caseId } : e,
  );
  return { ...v, version: CASE_FILE_VERSION, parts, catalogue };
}

function fromJsonV2(value: unknown): Result<CaseFile, SanxiangError> {
  const json = safeParse(CaseFileJsonSchema, value);
  if (!json.success) {
    return err(
      malformed("案卷 JSON 不符合格式", {
        issues: json.error.issues.slice(0, 20).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`),
      }),
    );
  }
  // The schema drops unknown members; an event carrying any would be verified without
  // them, so the file would say more than its hashes cover. Refuse it instead.
  let extra: number;
  try {
    const raw = (value as { events: unknown[] }).events;
    extra = json.data.events.findIndex((e, i) => !sameJson(e, raw[i]));
  } catch {
    // A getter that answered the schema and then threw: not a file that can be trusted.
    return err(malformed("案卷 JSON 无法读取：读取事件时出错"));
  }
  if (extra >= 0) return err(malformed(`第 ${extra + 1} 个事件含有格式之外的字段或无法规范化的值`, { index: extra }));
  const sth = signedTreeHeadFromJson(json.data.signedTreeHead);
  if (sth.isErr()) return err(malformed(`案卷的签名树头无效：${sth.error.message}`, { cause: sth.error.code }));
  const catalogue: CatalogueEntry[] = [];
  for (const e of json.data.catalogue) {
    // The schema admits only lower-case hex of even length, which fromHex always reads.
    const bytes = (hex: string): Uint8Array => fromHex(hex).unwrapOr(new Uint8Array(0));
    catalogue.push({ ...e, leafHash: bytes(e.leafHash), inclusionProof: e.inclusionProof.map(bytes) });
  }
  const { attestation, ...rest } = json.data;
  const attested =
    attestation === undefined
      ? {}
      : { attestation: { ...attestation, signature: fromHex(attestation.signature).unwrapOr(new Uint8Array(0)) } };
  return ok({ ...rest, catalogue, signedTreeHead: sth.value, ...attested });
}
