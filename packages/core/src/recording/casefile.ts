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
import { BytesSchema } from "../kernel/signer.js";
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
import { compareStages, STAGE_NAMES, StageSchema } from "./vocabulary.js";

/** Format tag of a case file, so a reader knows what it holds. */
export const CASE_FILE_FORMAT = "sanxiang/case-file";
/** The case-file layout version this code writes and reads. */
export const CASE_FILE_VERSION = 1;

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

const entryShape = {
  /** 序号 — 1-based position in the catalogue. */
  no: z.number().int().positive(),
  /** The event's `seq` in its case's stream. */
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
  /** The case's events in `seq` order: the record itself. */
  events: z.array(CaseEventSchema),
};

/** 案卷 — a case file (zod schema; bytes as `Uint8Array`). */
export const CaseFileSchema = z
  .object({
    ...caseFileShape,
    /** 卷内目录 — ordered by stage (立案 → … → 归档), then `seq`. */
    catalogue: z.array(CatalogueEntrySchema),
    /** 签名树头 — the bureau's signed head every proof leads to. */
    signedTreeHead: SignedTreeHeadSchema,
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

/** 案卷 JSON form (zod schema): what is written to disk and handed to a third party. */
export const CaseFileJsonSchema = z
  .object({
    ...caseFileShape,
    catalogue: z.array(CatalogueEntryJsonSchema),
    signedTreeHead: SignedTreeHeadJsonSchema,
  })
  .readonly();
/** JSON form of a {@link CaseFile} (see {@link CaseFileJsonSchema}). */
export type CaseFileJson = z.infer<typeof CaseFileJsonSchema>;

/**
 * 文件题名 — default catalogue titles of common event types. A bureau passes its own through
 * {@link AssembleCaseFileOptions.titles}; an event whose payload carries a `title` string
 * (a document's own name) uses that.
 */
export const DEFAULT_EVENT_TITLES: Readonly<Record<string, string>> = {
  "clue.registered": "案件线索登记表",
  "case.filed": "立案审批表",
  "inspection.recorded": "现场检查笔录",
  "inquiry.recorded": "询问笔录",
  "evidence.collected": "证据材料",
  "evidence.preserved": "先行登记保存证据通知书",
  "property.sealed": "查封（扣押）决定书及清单",
  "investigation.concluded": "案件调查终结报告",
  "review.requested": "法制审核申请",
  "review.completed": "法制审核意见书",
  "notice.served": "行政处罚事先告知书",
  "statement.recorded": "陈述申辩笔录",
  "hearing.held": "听证笔录",
  "discussion.held": "集体讨论记录",
  "decision.made": "行政处罚决定书",
  "decision.served": "送达回证",
  "fine.paid": "罚没款缴纳凭证",
  "execution.completed": "执行情况记录",
  "case.closed": "结案报告",
  "case.archived": "立卷归档登记",
};

/** Options of {@link assembleCaseFile}. */
export interface AssembleCaseFileOptions {
  /** Titles by event type, over {@link DEFAULT_EVENT_TITLES}. */
  readonly titles?: Readonly<Record<string, string>>;
}

/** The title of an event in the catalogue: its payload's `title`, else the table, else stage and type. */
export function eventTitle(event: CaseEvent, titles: Readonly<Record<string, string>> = {}): string {
  const own = event.payload.title;
  if (typeof own === "string" && own.trim() !== "") return own;
  return titles[event.type] ?? DEFAULT_EVENT_TITLES[event.type] ?? `${STAGE_NAMES[event.stage]}记录（${event.type}）`;
}

/** Catalogue order: by stage in procedure order, then by `seq`. */
export function compareCatalogueOrder(
  a: { readonly stage: CaseEvent["stage"]; readonly seq: number },
  b: { readonly stage: CaseEvent["stage"]; readonly seq: number },
): number {
  return compareStages(a.stage, b.stage) || a.seq - b.seq;
}

/**
 * 组卷 — assembles the case file of `caseId` from the bureau's log against `sth`, a signed
 * head of that log: the case's events up to the head's size, the catalogue in stage order
 * with every entry's leaf hash and inclusion proof. Events appended after the head are
 * left for a later file. Errors: `MERKLE_TREE_SIZE_INVALID` (head larger than the log),
 * `MERKLE_ROOT_MISMATCH` (head not of this log), `CASE_FILE_MALFORMED` (no event of the
 * case under the head). The signature is not checked here; {@link verifyCaseFile} does.
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
  const entries = log.entriesOf(caseId).filter((e) => e.leafIndex < sth.treeSize);
  if (entries.length === 0) {
    return err(
      sanxiangError("CASE_FILE_MALFORMED", `签名树头（${sth.treeSize}）之前没有案件 ${caseId} 的事件，无法组卷`, {
        details: { caseId, treeSize: sth.treeSize },
      }),
    );
  }
  const titles = options.titles ?? {};
  const sorted = [...entries].sort((a, b) => compareCatalogueOrder(a.event, b.event));
  const catalogue: CatalogueEntry[] = [];
  for (const [i, { event, leafIndex, leafHash }] of sorted.entries()) {
    const proof = log.inclusionProof(leafIndex, sth.treeSize);
    if (proof.isErr()) return err(proof.error);
    catalogue.push({
      no: i + 1,
      seq: event.seq,
      stage: event.stage,
      type: event.type,
      title: eventTitle(event, titles),
      at: event.at,
      leafIndex,
      leafHash,
      inclusionProof: proof.value,
    });
  }
  return ok({
    format: CASE_FILE_FORMAT,
    version: CASE_FILE_VERSION,
    caseId,
    events: entries.map((e) => e.event),
    catalogue,
    signedTreeHead: sth,
  });
}

/** The JSON form of a case file (hex bytes); read it back with {@link caseFileFromJson}. */
export function caseFileToJson(file: CaseFile): CaseFileJson {
  return {
    format: file.format,
    version: file.version,
    caseId: file.caseId,
    events: file.events,
    catalogue: file.catalogue.map((e) => ({
      ...e,
      leafHash: toHex(e.leafHash),
      inclusionProof: e.inclusionProof.map(toHex),
    })),
    signedTreeHead: signedTreeHeadToJson(file.signedTreeHead),
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
  return ok({ ...json.data, catalogue, signedTreeHead: sth.value });
}
