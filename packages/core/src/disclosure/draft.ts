import { utf8ToBytes } from "@noble/hashes/utils.js";
import { z } from "zod";
import { invalidInput, type SanxiangError } from "../kernel/errors.js";
import { sha256, toHex } from "../kernel/hash.js";
import { type Id, IdSchema } from "../kernel/ports.js";
import { err, ok, type Result } from "../kernel/result.js";
import { RuleSourceSchema } from "../kernel/source.js";
import { type CivilDate, CivilDateSchema } from "../kernel/time.js";
import { type PenaltyKind, PenaltyKindSchema } from "../registry/benchmarks/schema.js";
import { type RedactionContext, RedactionSchema, redactContent, redactText } from "./redaction.js";
import { type DisclosureRouting, DisclosureRoutingSchema } from "./routing.js";
import { type DisclosurePolicy, disclosureRuleFor } from "./rules.js";
import {
  type ActionCategory,
  DISCLOSURE_KIND_PHASES,
  type DisclosureContent,
  DisclosureContentSchema,
  type DisclosureKind,
  DisclosureKindSchema,
  DisclosurePhaseSchema,
} from "./schema.js";

/**
 * 公示草稿 — a disclosure as drafted from the registries or a case's events, already redacted:
 * the payload of `disclosure.drafted`. It names the rule that requires it (`ruleId`), the day
 * its deadline counts from (`startOn`), what redaction hid (`redactions`), and for during and
 * after items the case it comes from.
 */
export const DisclosureDraftSchema = z
  .object({
    /** The disclosure's stable id ({@link disclosureIdFor}). */
    disclosureId: IdSchema,
    /** What is disclosed. */
    kind: DisclosureKindSchema,
    /** 事前 / 事中 / 事后. */
    phase: DisclosurePhaseSchema,
    /** Title, as the site lists it (redacted like the content). */
    title: z.string().trim().min(1),
    /** 公示主体 — the disclosing body (谁执法谁公示). */
    bodyId: IdSchema,
    /** The disclosing body's name. */
    bodyName: z.string().trim().min(1),
    /** The content, redacted. */
    content: DisclosureContentSchema,
    /** What redaction hid, by path and field. */
    redactions: z.array(RedactionSchema).readonly(),
    /** The id of the disclosure rule (`DisclosureRule`) that requires it. */
    ruleId: z.string().min(1),
    /** 起算日 — the day the publication deadline counts from. */
    startOn: CivilDateSchema,
    /** The case a during/after item comes from. */
    caseId: IdSchema.optional(),
    /** The penalty kinds of a decision (for the publicity period of light penalties). */
    penaltyKinds: z.array(PenaltyKindSchema).readonly().optional(),
    /**
     * 公示路径 — absent: the bureau publishes; `crossProvince`: it forwards to the party's
     * registration-place bureau in another province; `received`: it publishes what it received
     * (市场监督管理行政处罚信息公示规定 Art. 10).
     */
    routing: DisclosureRoutingSchema.optional(),
    /** The rule that requires the disclosure. */
    source: RuleSourceSchema,
  })
  .readonly();
/** 公示草稿 (see {@link DisclosureDraftSchema}). */
export type DisclosureDraft = z.infer<typeof DisclosureDraftSchema>;

/** The id prefix of each kind: `gs-<prefix>-<key>` (公示 gōngshì). */
const PREFIX: Readonly<Record<DisclosureKind, string>> = {
  body: "body",
  officer: "officer",
  power: "power",
  serviceGuide: "guide",
  flowchart: "flow",
  inspectionItem: "inspect",
  benchmark: "benchmark",
  enforcementAct: "act",
  decision: "decision",
};

const MAX_ID = 128;

/**
 * 公示编号 — the stable id of a disclosure: `gs-<kind>-<key>` (e.g. `gs-decision-case-1`,
 * `gs-power-330217001000`). Characters an {@link IdSchema} id cannot hold are replaced by
 * `_`, and a key that is not kept exactly (replaced characters, or too long) gets a hash
 * suffix of the original key, so distinct keys keep distinct ids.
 */
export function disclosureIdFor(kind: DisclosureKind, key: string): Id {
  const prefix = `gs-${PREFIX[kind]}-`;
  const safe = key.replace(/[^A-Za-z0-9_.:-]/g, "_");
  if (safe === key && prefix.length + key.length <= MAX_ID) return `${prefix}${key}`;
  const hash = toHex(sha256.hash(utf8ToBytes(key))).slice(0, 16);
  const room = MAX_ID - prefix.length - hash.length - 1;
  return `${prefix}${safe.slice(0, room)}-${hash}`;
}

/** What {@link buildDraft} needs: the item, where it comes from, and the redaction context. */
export interface DraftInput {
  /** The content before redaction. */
  readonly content: DisclosureContent;
  /** The key of {@link disclosureIdFor} (a case id, an item code …). */
  readonly key: string;
  /** Title before redaction. */
  readonly title: string;
  /** 公示主体. */
  readonly bodyId: Id;
  /** Its name. */
  readonly bodyName: string;
  /** 起算日. */
  readonly startOn: CivilDate;
  /** For decisions: the action category (selects the rule). */
  readonly category?: ActionCategory;
  /** The case, for during/after items. */
  readonly caseId?: Id;
  /** The penalty kinds of a decision. */
  readonly penaltyKinds?: readonly PenaltyKind[];
  /** Redaction context (its policy is normally the disclosure policy's). */
  readonly redaction: RedactionContext;
  /** 公示路径, when the item does not simply go out from this bureau (SAMR Art. 10). */
  readonly routing?: DisclosureRouting;
}

/**
 * 生成公示草稿 — redacts the content and title, picks the rule of the kind (and category),
 * and checks the result against {@link DisclosureDraftSchema} (`INVALID_INPUT` when the
 * registry data does not make a valid disclosure, e.g. an empty name).
 */
export function buildDraft(input: DraftInput, policy: DisclosurePolicy): Result<DisclosureDraft, SanxiangError> {
  const kind = input.content.kind;
  const rule = disclosureRuleFor(policy, {
    kind,
    ...(input.category === undefined ? {} : { category: input.category }),
  });
  const { content, redactions } = redactContent(input.content, input.redaction);
  const draft = {
    disclosureId: disclosureIdFor(kind, input.key),
    kind,
    phase: DISCLOSURE_KIND_PHASES[kind],
    title: redactText(input.title, input.redaction).text,
    bodyId: input.bodyId,
    bodyName: input.bodyName,
    content,
    redactions,
    ruleId: rule.id,
    startOn: input.startOn,
    ...(input.caseId === undefined ? {} : { caseId: input.caseId }),
    ...(input.routing === undefined ? {} : { routing: input.routing }),
    ...(input.penaltyKinds === undefined ? {} : { penaltyKinds: input.penaltyKinds }),
    source: rule.source,
  };
  const parsed = DisclosureDraftSchema.safeParse(draft);
  if (!parsed.success) return err(invalidInput(`公示草稿「${input.title}」无效`, parsed.error.issues));
  return ok(parsed.data);
}
