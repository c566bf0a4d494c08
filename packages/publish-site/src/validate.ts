// Input checks at the boundary: the core schemas, then what the schemas cannot say alone.
import { hash } from "node:crypto";
import {
  canonicalJson,
  checkPublishedItem,
  checkWithdrawalNotice,
  DEFAULT_REDACTION_POLICY,
  DISCLOSURE_KIND_PHASES,
  disclosureContentHash,
  err,
  invalidInput,
  ok,
  type PublishedItem,
  PublishedItemSchema,
  type RedactionPolicy,
  type RedactionPolicyInput,
  RedactionPolicySchema,
  type Result,
  type SanxiangError,
  sanxiangError,
  sm3,
  type WithdrawalNotice,
  WithdrawalNoticeSchema,
} from "@sanxiang/core";

type Issue = { path: PropertyKey[]; message: string };

/**
 * Whether an item's `contentHash` is the hash of its content: core's
 * `disclosureContentHash` (hex digest of the UTF-8 canonical JSON) with the item's
 * `contentHashAlgorithm`. SHA-256 (the default) is computed in one native call from the
 * canonical text (no intermediate byte arrays: this runs for every new item); SM3 with core's
 * implementation, the very one the bureau's hash port uses.
 */
export function contentHashMatches(item: PublishedItem): boolean {
  if (item.contentHashAlgorithm === "sm3") return disclosureContentHash(item.content, sm3) === item.contentHash;
  return hash("sha256", canonicalJson(item.content), "hex") === item.contentHash;
}

/** The problems of one parsed item that its schema does not catch (the hash only when `checkHash`). */
function itemIssues(item: PublishedItem, at: PropertyKey[], checkHash = true): Issue[] {
  const issues: Issue[] = [];
  if (item.content.kind !== item.kind)
    issues.push({ path: [...at, "kind"], message: "kind differs from content.kind" });
  if (DISCLOSURE_KIND_PHASES[item.kind] !== item.phase) {
    issues.push({ path: [...at, "phase"], message: `phase of ${item.kind} is ${DISCLOSURE_KIND_PHASES[item.kind]}` });
  }
  // The publisher publishes exactly what was signed off: the content must match its hash.
  if (checkHash && !contentHashMatches(item)) {
    issues.push({ path: [...at, "contentHash"], message: "contentHash does not match content" });
  }
  if (item.updatedAt < item.publishedAt) {
    issues.push({ path: [...at, "updatedAt"], message: "updatedAt before publishedAt" });
  }
  return issues;
}

/** Parses one {@link PublishedItem}, or `INVALID_INPUT`. */
export function parseItem(input: unknown): Result<PublishedItem, SanxiangError> {
  const parsed = PublishedItemSchema.safeParse(input);
  if (!parsed.success) return err(invalidInput("公示信息无效", parsed.error.issues, input));
  const issues = itemIssues(parsed.data, []);
  return issues.length > 0 ? err(invalidInput("公示信息无效", issues, parsed.data)) : ok(parsed.data);
}

/** Parses one {@link WithdrawalNotice}, or `INVALID_INPUT`. */
export function parseNotice(input: unknown): Result<WithdrawalNotice, SanxiangError> {
  const parsed = WithdrawalNoticeSchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(invalidInput("撤回公告无效", parsed.error.issues, input));
}

/**
 * Parses a whole site's input: every item and notice valid, ids unique, no id both published
 * and withdrawn. All problems are reported at once. Content hashes are left to the caller
 * (see {@link contentHashMatches}): a build checks only items it has not stored before.
 */
export function parseSiteInput(
  items: unknown,
  withdrawals: unknown,
): Result<{ items: PublishedItem[]; withdrawals: WithdrawalNotice[] }, SanxiangError> {
  const issues: Issue[] = [];
  const outItems: PublishedItem[] = [];
  const outNotices: WithdrawalNotice[] = [];
  if (!Array.isArray(items)) issues.push({ path: ["items"], message: "expected an array" });
  if (!Array.isArray(withdrawals)) issues.push({ path: ["withdrawals"], message: "expected an array" });
  if (issues.length > 0) return err(invalidInput("网站内容无效", issues));
  const ids = new Set<string>();
  (items as unknown[]).forEach((input, i) => {
    const parsed = PublishedItemSchema.safeParse(input);
    if (!parsed.success) {
      for (const x of parsed.error.issues) issues.push({ path: ["items", i, ...x.path], message: x.message });
      return;
    }
    issues.push(...itemIssues(parsed.data, ["items", i], false));
    if (ids.has(parsed.data.id)) issues.push({ path: ["items", i, "id"], message: `duplicate id ${parsed.data.id}` });
    ids.add(parsed.data.id);
    outItems.push(parsed.data);
  });
  const withdrawn = new Set<string>();
  (withdrawals as unknown[]).forEach((input, i) => {
    const parsed = WithdrawalNoticeSchema.safeParse(input);
    if (!parsed.success) {
      for (const x of parsed.error.issues) issues.push({ path: ["withdrawals", i, ...x.path], message: x.message });
      return;
    }
    const id = parsed.data.id;
    if (withdrawn.has(id)) issues.push({ path: ["withdrawals", i, "id"], message: `duplicate id ${id}` });
    if (ids.has(id)) issues.push({ path: ["withdrawals", i, "id"], message: `${id} is both published and withdrawn` });
    withdrawn.add(id);
    outNotices.push(parsed.data);
  });
  if (issues.length > 0) return err(invalidInput("网站内容无效", issues.slice(0, 100)));
  return ok({ items: outItems, withdrawals: outNotices });
}

/** Parses the site's redaction policy (default: core's `DEFAULT_REDACTION_POLICY`), or `INVALID_INPUT`. */
export function parseRedactionPolicy(input: RedactionPolicyInput | undefined): Result<RedactionPolicy, SanxiangError> {
  if (input === undefined) return ok(DEFAULT_REDACTION_POLICY);
  const parsed = RedactionPolicySchema.safeParse(input);
  return parsed.success ? ok(parsed.data) : err(invalidInput("脱敏配置无效", parsed.error.issues, input));
}

/**
 * 个人信息检查（第二道防线）— `REDACTION_INCOMPLETE` naming every item and notice whose public
 * texts still hold personal data, or `undefined`; when the first such problem is a text holding a
 * control or bidirectional-override character, its code (`INVALID_INPUT`, 政府信息公开条例 Art. 6). The same enumeration of public texts and
 * the same detector as the workflow's sign-off (core's `checkPublishedItem`,
 * `checkWithdrawalNotice`): whatever reaches the site — item pages, lists, feeds, search
 * shards — is checked again before anything is written, so an item that slipped past the
 * workflow (approved under older rules, or handed to the site by other code) is refused.
 */
export function personalDataProblem(
  items: readonly PublishedItem[],
  withdrawals: readonly WithdrawalNotice[],
  policy: RedactionPolicy,
): SanxiangError | undefined {
  const problems: { id: string; error: SanxiangError; message: string; details: unknown }[] = [];
  for (const item of items) {
    const r = checkPublishedItem(item, { policy });
    if (r.isErr()) problems.push({ id: item.id, error: r.error, message: r.error.message, details: r.error.details });
  }
  for (const notice of withdrawals) {
    const r = checkWithdrawalNotice(notice, { policy });
    if (r.isErr()) {
      problems.push({ id: notice.id, error: r.error, message: r.error.message, details: r.error.details });
    }
  }
  const first = problems[0];
  if (first === undefined) return undefined;
  const characters = first.error.code === "INVALID_INPUT";
  return sanxiangError(
    characters ? "INVALID_INPUT" : "REDACTION_INCOMPLETE",
    problems.length === 1 ? first.message : `${first.message}（另有 ${problems.length - 1} 项）`,
    {
      source:
        characters && first.error.source !== undefined
          ? first.error.source
          : { law: "政府信息公开条例", article: 15, confidence: "C-law" },
      details: {
        ids: problems.map((p) => p.id),
        problems: problems.slice(0, 100).map(({ id, message, details }) => ({ id, message, details })),
      },
    },
  );
}
