import { z } from "zod";
import { ActorSchema, ROLE_NAMES, type Role } from "../kernel/actors.js";
import { type SanxiangError, sanxiangError } from "../kernel/errors.js";
import { IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { epochMillis, InstantSchema } from "../kernel/time.js";
import { ContentHashSchema } from "./evidence.js";

/**
 * 证据保管环节 — the steps of an evidence item's chain of custody: captured (采集) →
 * uploaded (上传) → verified (校验), in that order; then, in any order and as often as
 * they happen, sealed (封存), transferred (移交), examined (查验、检验、鉴定); returned
 * (退还, e.g. a 先行登记保存 item handed back, 行政处罚法 Art. 56) ends the physical chain.
 * Once verified, every handout of the stored bytes (a download, a copy for a court) is an
 * accessed (调取) step — who, when, for what purpose — at any time, after a return too: it
 * changes nothing of what may come next. The pilot plan (二（二）（2）) has the terminal upload
 * on-site evidence to the platform as it is taken; verification re-hashes it on arrival; the
 * record is to be traceable (全程留痕和可回溯管理, 二（二）). See {@link nextCustodySteps}.
 */
export const CUSTODY_STEPS = [
  "captured",
  "uploaded",
  "verified",
  "sealed",
  "transferred",
  "examined",
  "returned",
  "accessed",
] as const;

/** zod schema of a {@link CustodyStepKind}. */
export const CustodyStepKindSchema = z.enum(CUSTODY_STEPS);
/** 证据保管环节 — see {@link CUSTODY_STEPS}. */
export type CustodyStepKind = z.infer<typeof CustodyStepKindSchema>;

/** The Chinese name of each {@link CustodyStepKind}. */
export const CUSTODY_STEP_NAMES: Readonly<Record<CustodyStepKind, string>> = {
  captured: "采集",
  uploaded: "上传",
  verified: "校验",
  sealed: "封存",
  transferred: "移交",
  examined: "查验",
  returned: "退还",
  accessed: "调取",
};

/**
 * 保管环节 — one step: what, when, by whom; the hash seen (required when capturing and when
 * verifying); the recipient of a transfer; the purpose of an access (required for it).
 */
export const CustodyStepSchema = z
  .object({
    /** Which step. */
    kind: CustodyStepKindSchema,
    /** When it happened. */
    at: InstantSchema,
    /** Who did it (an officer, or the platform itself). */
    actor: ActorSchema,
    /** The hash computed at this step: at capture, and at verification. */
    hash: ContentHashSchema.optional(),
    /** 接收方 — who received a transfer (a body, a court, the police) or a returned item (the party). */
    to: z.string().trim().min(1).optional(),
    /** Free note, e.g. the seal number. */
    note: z.string().optional(),
    /** 调取用途 — what the bytes were handed out for (an accessed step), e.g. 法制审核. */
    purpose: z.string().trim().min(1).optional(),
  })
  .readonly()
  .refine((s) => (s.kind !== "captured" && s.kind !== "verified") || s.hash !== undefined, {
    message: "captured and verified steps carry the hash",
    path: ["hash"],
  })
  .refine((s) => (s.kind !== "transferred" && s.kind !== "returned") || s.to !== undefined, {
    message: "a transfer or a return names its recipient",
    path: ["to"],
  })
  .refine((s) => s.kind !== "accessed" || s.purpose !== undefined, {
    message: "an access states its purpose",
    path: ["purpose"],
  });
/** 保管环节 — see {@link CustodyStepSchema}. */
export type CustodyStep = z.infer<typeof CustodyStepSchema>;

/** 证据保管链 — an evidence item's chain of custody: its steps, oldest first. */
export const CustodyChainSchema = z
  .object({
    /** The evidence item. */
    evidenceId: IdSchema,
    /** Steps so far, in order. */
    steps: z.array(CustodyStepSchema).readonly(),
  })
  .readonly();
/** 证据保管链 — see {@link CustodyChainSchema}. */
export type CustodyChain = z.infer<typeof CustodyChainSchema>;

/**
 * 保管权限 — the roles that may take each step (any one suffices). Defaults: officers
 * capture; officers or the platform upload; the platform (or a supervisor) verifies;
 * officers or the head seal, transfer, examine and return; the case's officers, the head,
 * the legal reviewer or a supervisor access the stored bytes. Bureaus pass their own.
 */
export type CustodyRoles = Readonly<Record<CustodyStepKind, readonly Role[]>>;

/** The default {@link CustodyRoles}. */
export const DEFAULT_CUSTODY_ROLES: CustodyRoles = {
  captured: ["officer"],
  uploaded: ["officer", "system"],
  verified: ["system", "supervisor"],
  sealed: ["officer", "head"],
  transferred: ["officer", "head"],
  examined: ["officer", "head"],
  returned: ["officer", "head"],
  accessed: ["officer", "head", "legalReviewer", "supervisor"],
};

/** A new, empty chain for an evidence item. */
export function startCustody(evidenceId: string): CustodyChain {
  return { evidenceId, steps: [] };
}

/** After verification: what may happen to a stored item, in any order, until it is returned. */
const AFTER_VERIFIED: readonly CustodyStepKind[] = ["sealed", "transferred", "examined", "returned"];

/**
 * The kinds of step that may come next after `chain` (in {@link CUSTODY_STEPS} order):
 * `captured` first, then `uploaded`, then `verified`; after that `sealed`, `transferred`,
 * `examined` or `returned` (a sealed item is not sealed again before it is opened for
 * examination), nothing of these after `returned`; and once verified, `accessed` at any
 * time — an access is passed over when deciding what else may come next.
 */
export function nextCustodySteps(chain: CustodyChain): readonly CustodyStepKind[] {
  const last = chain.steps.findLast((s) => s.kind !== "accessed")?.kind;
  switch (last) {
    case undefined:
      return ["captured"];
    case "captured":
      return ["uploaded"];
    case "uploaded":
      return ["verified"];
    case "sealed":
      return [...AFTER_VERIFIED.filter((k) => k !== "sealed"), "accessed"];
    case "returned":
      return ["accessed"];
    case "verified":
    case "transferred":
    case "examined":
    case "accessed":
      return [...AFTER_VERIFIED, "accessed"];
  }
}

/**
 * 保管链流转 — appends `step` to `chain`, or refuses and changes nothing (the chain is never
 * mutated). Refusals: `INVALID_INPUT` for a step that fails its schema or verifies with
 * another algorithm; `CUSTODY_OUT_OF_ORDER` for a step that is not next, or earlier than
 * the last step; `PERMISSION_DENIED` for an actor without a role in `roles`;
 * `EVIDENCE_TAMPERED` for a verification whose hash differs from the captured one.
 */
export function custodyTransition(
  chain: CustodyChain,
  step: unknown,
  roles: CustodyRoles = DEFAULT_CUSTODY_ROLES,
): Result<CustodyChain, SanxiangError> {
  const parsed = CustodyStepSchema.safeParse(step);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
    return err(
      sanxiangError(
        "INVALID_INPUT",
        `保管环节无效：${issues.map((i) => `${i.path || "(根)"} ${i.message}`).join("；")}`,
        { details: { issues } },
      ),
    );
  }
  const s = parsed.data;
  const name = CUSTODY_STEP_NAMES[s.kind];
  const allowed = nextCustodySteps(chain);
  const last = chain.steps.at(-1);
  if (!allowed.includes(s.kind)) {
    const expected = allowed.map((k) => CUSTODY_STEP_NAMES[k]).join("或");
    return err(
      sanxiangError("CUSTODY_OUT_OF_ORDER", `证据 ${chain.evidenceId} 当前应进行${expected}，不能进行${name}`, {
        details: { evidenceId: chain.evidenceId, step: s.kind, expected: [...allowed], reason: "order" },
      }),
    );
  }
  if (last !== undefined && epochMillis(s.at) < epochMillis(last.at)) {
    return err(
      sanxiangError(
        "CUSTODY_OUT_OF_ORDER",
        `证据 ${chain.evidenceId} 的${name}时间 ${s.at} 早于上一环节（${last.at}）`,
        {
          details: { evidenceId: chain.evidenceId, step: s.kind, at: s.at, previousAt: last.at, reason: "time" },
        },
      ),
    );
  }
  const permitted = roles[s.kind];
  if (!permitted.some((r) => s.actor.roles.includes(r))) {
    return err(
      sanxiangError(
        "PERMISSION_DENIED",
        `无权进行证据${name}：须由${permitted.map((r) => ROLE_NAMES[r]).join("或")}进行`,
        {
          details: {
            evidenceId: chain.evidenceId,
            step: s.kind,
            actorId: s.actor.id,
            actorRoles: [...s.actor.roles],
            requiredRoles: [...permitted],
          },
        },
      ),
    );
  }
  if (s.kind === "verified") {
    const captured = chain.steps.find((x) => x.kind === "captured")?.hash;
    if (captured !== undefined && s.hash !== undefined) {
      if (captured.algorithm !== s.hash.algorithm) {
        return err(
          sanxiangError(
            "INVALID_INPUT",
            `证据 ${chain.evidenceId} 采集时使用 ${captured.algorithm}，校验须使用同一算法`,
            {
              details: { evidenceId: chain.evidenceId, expected: captured.algorithm, given: s.hash.algorithm },
            },
          ),
        );
      }
      if (captured.hex !== s.hash.hex) {
        return err(
          sanxiangError("EVIDENCE_TAMPERED", `证据 ${chain.evidenceId} 校验的哈希值与采集时不一致，可能已被篡改`, {
            source: { law: "行政处罚法", article: 46, paragraph: 2, confidence: "C-law" },
            details: {
              evidenceId: chain.evidenceId,
              capturedHash: captured.hex,
              verifiedHash: s.hash.hex,
              algorithm: captured.algorithm,
            },
          }),
        );
      }
    }
  }
  return ok({ evidenceId: chain.evidenceId, steps: [...chain.steps, s] });
}
