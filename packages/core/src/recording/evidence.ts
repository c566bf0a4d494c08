import { z } from "zod";
import { safeParse } from "../kernel/describe-value.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { type HashAlgorithm, HashAlgorithmNameSchema, toHex } from "../kernel/hash.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import type { RuleSource } from "../kernel/source.js";
import { InstantSchema } from "../kernel/time.js";

/**
 * 证据种类 — the eight kinds of evidence of 行政处罚法 Art. 46 para. 1, in the article's
 * order: 书证, 物证, 视听资料, 电子数据, 证人证言, 当事人的陈述, 鉴定意见, 勘验笔录、现场笔录.
 */
export const EVIDENCE_TYPES = [
  "documentary",
  "physical",
  "audioVisual",
  "electronicData",
  "witnessTestimony",
  "partyStatement",
  "appraisalOpinion",
  "inspectionRecord",
] as const;

/** zod schema of an {@link EvidenceType}. */
export const EvidenceTypeSchema = z.enum(EVIDENCE_TYPES);
/** 证据种类 — see {@link EVIDENCE_TYPES}. */
export type EvidenceType = z.infer<typeof EvidenceTypeSchema>;

/** The Chinese name of each {@link EvidenceType}, as in 行政处罚法 Art. 46. */
export const EVIDENCE_TYPE_NAMES: Readonly<Record<EvidenceType, string>> = {
  documentary: "书证",
  physical: "物证",
  audioVisual: "视听资料",
  electronicData: "电子数据",
  witnessTestimony: "证人证言",
  partyStatement: "当事人的陈述",
  appraisalOpinion: "鉴定意见",
  inspectionRecord: "勘验笔录、现场笔录",
};

/** The source of {@link EVIDENCE_TYPES}: 行政处罚法 Art. 46 para. 1. */
export const EVIDENCE_TYPES_SOURCE: RuleSource = { law: "行政处罚法", article: 46, paragraph: 1, confidence: "C-law" };

/** 哈希值 — a digest with the name of the algorithm that made it, lower-case hex. */
export const ContentHashSchema = z
  .object({
    /** Algorithm name (`sha256` or `sm3`). */
    algorithm: HashAlgorithmNameSchema,
    /** The digest, lower-case hexadecimal (32 bytes: 64 digits). */
    hex: z.string().regex(/^[0-9a-f]{64}$/, { message: "expected 64 lower-case hex digits" }),
  })
  .readonly();
/** 哈希值 — see {@link ContentHashSchema}. */
export type ContentHash = z.infer<typeof ContentHashSchema>;

/** 采集地点 — where evidence was captured: coordinates, an address, or both. */
export const CaptureLocationSchema = z
  .object({
    /** Latitude in degrees (WGS-84 or the bureau's stated datum). */
    lat: z.number().min(-90).max(90).optional(),
    /** Longitude in degrees. */
    lng: z.number().min(-180).max(180).optional(),
    /** Address as written by the officer. */
    address: z.string().trim().min(1).optional(),
  })
  .readonly()
  .refine((l) => (l.lat === undefined) === (l.lng === undefined), { message: "lat and lng come together" })
  .refine((l) => l.lat !== undefined || l.address !== undefined, { message: "coordinates or an address" });
/** 采集地点 — see {@link CaptureLocationSchema}. */
export type CaptureLocation = z.infer<typeof CaptureLocationSchema>;

/**
 * 证据 — one evidence item: a file (or the scan of a thing) with its hash, size, media
 * type, the device and officers who captured it, when and where, and its kind under
 * 行政处罚法 Art. 46.
 */
export const EvidenceItemSchema = z
  .object({
    /** Id of the item. */
    id: IdSchema,
    /** Hash of its bytes at capture. */
    hash: ContentHashSchema,
    /** Size in bytes. */
    size: z.number().int().nonnegative(),
    /** Media type, e.g. `video/mp4`, `image/jpeg`, `application/pdf`. */
    mediaType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, { message: "expected a media type" }),
    /** 执法记录仪 / terminal that captured it, when a device did. */
    deviceId: IdSchema.optional(),
    /** Officers who captured it (at least one). */
    officerIds: z.array(IdSchema).min(1).readonly(),
    /** When it was captured. */
    capturedAt: InstantSchema,
    /** Where it was captured, when known. */
    location: CaptureLocationSchema.optional(),
    /** Kind of evidence (行政处罚法 Art. 46). */
    evidenceType: EvidenceTypeSchema,
  })
  .readonly();
/** 证据 — see {@link EvidenceItemSchema}. */
export type EvidenceItem = z.infer<typeof EvidenceItemSchema>;

/** Parses an evidence item, or `INVALID_INPUT` with the failing fields. */
export function parseEvidenceItem(value: unknown): Result<EvidenceItem, SanxiangError> {
  const parsed = safeParse(EvidenceItemSchema, value);
  if (parsed.success) return ok(parsed.data);
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  return err(
    sanxiangError("INVALID_INPUT", `证据信息无效：${issues.map((i) => i.path || "(根)").join("、")}`, {
      details: { issues },
    }),
  );
}

/**
 * 证据校验 — do `bytes` match `item` as captured? `ok(true)` when `hashAlgorithm` is the
 * item's algorithm and both size and digest agree; `INVALID_INPUT` when the algorithm is
 * another; `EVIDENCE_TAMPERED` (source: 行政处罚法 Art. 46 para. 2, evidence must be
 * verified before it proves a fact) when size or digest differ.
 */
export function verifyEvidenceBytes(
  item: EvidenceItem,
  bytes: Uint8Array,
  hashAlgorithm: HashAlgorithm,
): Result<true, SanxiangError> {
  if (hashAlgorithm.name !== item.hash.algorithm) {
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `证据 ${item.id} 的哈希算法为 ${item.hash.algorithm}，不能用 ${hashAlgorithm.name} 校验`,
        {
          details: { evidenceId: item.id, expected: item.hash.algorithm, given: hashAlgorithm.name },
        },
      ),
    );
  }
  const actual = toHex(hashAlgorithm.hash(bytes));
  if (bytes.length === item.size && actual === item.hash.hex) return ok(true);
  return err(
    sanxiangError("EVIDENCE_TAMPERED", `证据 ${item.id} 与采集时不一致（大小或哈希值不同），可能已被篡改`, {
      source: { law: "行政处罚法", article: 46, paragraph: 2, confidence: "C-law" },
      details: {
        evidenceId: item.id,
        expectedSize: item.size,
        actualSize: bytes.length,
        expectedHash: item.hash.hex,
        actualHash: actual,
        algorithm: item.hash.algorithm,
      },
    }),
  );
}
